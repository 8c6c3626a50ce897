//! The database schema, decided once for both engines and checked here.
//!
//! SQLite and PostgreSQL are migrated from scratch, each engine's catalogue is read and reduced
//! to one description (tables; columns with a type class, nullability, default and generated
//! key; primary keys, unique constraints, foreign keys, CHECK constraints, indexes and the
//! events triggers fire on), and the two descriptions must be equal: the parallel migration
//! folders cannot drift apart unnoticed. Where the engines cannot be written the same, the
//! reduction absorbs the difference, and says why where it does.
//!
//! The code columns have CHECK constraints: they must allow exactly the codes the domain knows
//! (a new code in Rust without a migration fails here), refuse any other on both engines, and
//! the SQLite rebuild that adds them must keep a populated database whole.

use crate::begge_motorer;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

use crate::felles::{naa, ny_database, Motor, Testdatabase};
use klagesak::cli::last_demodata;
use klagesak::db::{brukere, klager, revisjon, Database};
use klagesak::domain::dokument::{Dokumentart, Synlighet};
use klagesak::domain::id::KlageId;
use klagesak::domain::kode::{Aldersgruppe, KlagerType, Mottaker, Utfall};
use klagesak::domain::referanse::{self, Maalform};
use klagesak::domain::status::{Handling, Status};
use klagesak::domain::tilgang::Rolle;
use klagesak::server::Klokke;
use sqlx::any::AnyRow;
use sqlx::Row;

// ---------------------------------------------------------------------------------------------
// SQL text, reduced to a form both engines' catalogues agree on
// ---------------------------------------------------------------------------------------------

/// One token of SQL text.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Tegn {
    /// A name or key word, lower-cased; a quoted name without its quotes.
    Ord(String),
    /// The value of a string literal.
    Streng(String),
    /// A number, an operator or punctuation.
    Symbol(String),
}

impl Tegn {
    fn er_ord(&self, ord: &str) -> bool {
        matches!(self, Tegn::Ord(o) if o == ord)
    }

    fn er_symbol(&self, symbol: &str) -> bool {
        matches!(self, Tegn::Symbol(s) if s == symbol)
    }
}

/// Splits SQL text into tokens, leaving out white space and comments (SQLite keeps the
/// comments of a CREATE TABLE in its catalogue, apostrophes and all).
fn tegn(sql: &str) -> Vec<Tegn> {
    let c: Vec<char> = sql.chars().collect();
    let mut ut = Vec::new();
    let mut i = 0;
    while i < c.len() {
        let neste = c.get(i + 1).copied();
        match c[i] {
            w if w.is_whitespace() => i += 1,
            '-' if neste == Some('-') => {
                while i < c.len() && c[i] != '\n' {
                    i += 1;
                }
            }
            '/' if neste == Some('*') => {
                i += 2;
                while i < c.len() && !(c[i] == '*' && c.get(i + 1) == Some(&'/')) {
                    i += 1;
                }
                i += 2;
            }
            '\'' => {
                let mut verdi = String::new();
                i += 1;
                while i < c.len() {
                    if c[i] == '\'' && c.get(i + 1) == Some(&'\'') {
                        verdi.push('\'');
                        i += 2;
                    } else if c[i] == '\'' {
                        i += 1;
                        break;
                    } else {
                        verdi.push(c[i]);
                        i += 1;
                    }
                }
                ut.push(Tegn::Streng(verdi));
            }
            q @ ('"' | '`') => {
                let mut navn = String::new();
                i += 1;
                while i < c.len() && c[i] != q {
                    navn.push(c[i]);
                    i += 1;
                }
                i += 1;
                ut.push(Tegn::Ord(navn));
            }
            d if d.is_ascii_digit() => {
                let start = i;
                while i < c.len() && (c[i].is_ascii_alphanumeric() || c[i] == '.') {
                    i += 1;
                }
                ut.push(Tegn::Symbol(c[start..i].iter().collect()));
            }
            a if a.is_alphanumeric() || a == '_' => {
                let start = i;
                while i < c.len() && (c[i].is_alphanumeric() || c[i] == '_' || c[i] == '$') {
                    i += 1;
                }
                ut.push(Tegn::Ord(c[start..i].iter().collect::<String>().to_lowercase()));
            }
            s => {
                let par: String = [Some(s), neste].into_iter().flatten().collect();
                if ["::", "<>", "!=", "<=", ">=", "||", "=="].contains(&par.as_str()) {
                    // One spelling for the operators the engines write two ways.
                    let symbol = match par.as_str() {
                        "!=" => "<>",
                        "==" => "=",
                        annen => annen,
                    };
                    ut.push(Tegn::Symbol(symbol.to_owned()));
                    i += 2;
                } else {
                    ut.push(Tegn::Symbol(s.to_string()));
                    i += 1;
                }
            }
        }
    }
    ut
}

/// An expression (a CHECK, an index's WHERE, a default) as both engines' catalogues give it
/// back, reduced to one form:
///
/// - PostgreSQL adds a cast to every literal (`'avgjort'::text`): casts are dropped.
/// - PostgreSQL puts every sub-expression in parentheses and SQLite keeps the text as written:
///   parentheses are dropped on both sides. Two expressions that differ only in grouping
///   compare equal; accepted, since the expressions here are short and each CHECK's behaviour
///   is also tested on both engines below.
/// - PostgreSQL turns `x IN ('a', 'b')` into `x = ANY (ARRAY['a', 'b'])` (and `NOT IN` into
///   `<> ALL`): turned back.
fn uttrykk(inn: &[Tegn]) -> Vec<Tegn> {
    let mut uten_cast = Vec::new();
    let mut i = 0;
    while i < inn.len() {
        if !inn[i].er_symbol("::") {
            uten_cast.push(inn[i].clone());
            i += 1;
            continue;
        }
        // The type: `text`, `character varying(20)`, `double precision`, `timestamp with time
        // zone`, `text[]`.
        i += 1;
        let foerste = match inn.get(i) {
            Some(Tegn::Ord(o)) => o.clone(),
            _ => continue,
        };
        i += 1;
        let flerordet = match foerste.as_str() {
            "character" | "bit" => &["varying"][..],
            "double" => &["precision"][..],
            "timestamp" | "time" => &["with", "without", "time", "zone"][..],
            _ => &[][..],
        };
        while matches!(inn.get(i), Some(Tegn::Ord(o)) if flerordet.contains(&o.as_str())) {
            i += 1;
        }
        if inn.get(i).is_some_and(|t| t.er_symbol("(")) {
            while i < inn.len() && !inn[i].er_symbol(")") {
                i += 1;
            }
            i += 1;
        }
        while inn.get(i).is_some_and(|t| t.er_symbol("[")) && inn.get(i + 1).is_some_and(|t| t.er_symbol("]")) {
            i += 2;
        }
    }
    let uten_parenteser: Vec<Tegn> = uten_cast.into_iter().filter(|t| !t.er_symbol("(") && !t.er_symbol(")")).collect();
    let mut ut = Vec::new();
    let mut aapne_lister = 0;
    let mut i = 0;
    while i < uten_parenteser.len() {
        let t = &uten_parenteser[i..];
        let liste = t.len() >= 4 && t[2].er_ord("array") && t[3].er_symbol("[");
        if liste && t[0].er_symbol("=") && t[1].er_ord("any") {
            ut.push(Tegn::Ord("in".into()));
            aapne_lister += 1;
            i += 4;
        } else if liste && t[0].er_symbol("<>") && t[1].er_ord("all") {
            ut.extend([Tegn::Ord("not".into()), Tegn::Ord("in".into())]);
            aapne_lister += 1;
            i += 4;
        } else if aapne_lister > 0 && t[0].er_symbol("]") {
            aapne_lister -= 1;
            i += 1;
        } else {
            ut.push(t[0].clone());
            i += 1;
        }
    }
    ut
}

fn som_tekst(tegn: &[Tegn]) -> String {
    tegn.iter()
        .map(|t| match t {
            Tegn::Ord(o) | Tegn::Symbol(o) => o.clone(),
            Tegn::Streng(s) => format!("'{}'", s.replace('\'', "''")),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The tokens between the parenthesis at `start` and its partner.
fn i_parentes(tegn: &[Tegn], start: usize) -> &[Tegn] {
    let mut dybde = 0;
    for (i, t) in tegn.iter().enumerate().skip(start) {
        if t.er_symbol("(") {
            dybde += 1;
        } else if t.er_symbol(")") {
            dybde -= 1;
            if dybde == 0 {
                return &tegn[start + 1..i];
            }
        }
    }
    &tegn[start + 1..]
}

/// A CHECK constraint, by what it allows rather than by its name (PostgreSQL names the
/// unnamed ones, SQLite does not).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Sjekk {
    /// `kolonne IN (...)`: the column holds one of these codes (or NULL, if it may).
    EnAv { kolonne: String, verdier: BTreeSet<String> },
    /// Any other condition, as reduced by [`uttrykk`].
    Uttrykk(String),
}

impl Sjekk {
    fn fra(betingelse: &[Tegn]) -> Sjekk {
        let t = uttrykk(betingelse);
        if let [Tegn::Ord(kolonne), inn, resten @ ..] = t.as_slice() {
            // `'a' , 'b' , 'c'`: a string at every even place, commas between.
            let liste = inn.er_ord("in")
                && resten.len() % 2 == 1
                && resten.iter().enumerate().all(|(i, t)| if i % 2 == 0 { matches!(t, Tegn::Streng(_)) } else { t.er_symbol(",") });
            if liste {
                let verdier = resten
                    .iter()
                    .filter_map(|t| match t {
                        Tegn::Streng(s) => Some(s.clone()),
                        _ => None,
                    })
                    .collect();
                return Sjekk::EnAv { kolonne: kolonne.clone(), verdier };
            }
        }
        Sjekk::Uttrykk(som_tekst(&t))
    }
}

impl fmt::Display for Sjekk {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Sjekk::EnAv { kolonne, verdier } => {
                let verdier: Vec<String> = verdier.iter().map(|v| format!("'{v}'")).collect();
                write!(f, "{kolonne} IN ({})", verdier.join(", "))
            }
            Sjekk::Uttrykk(tekst) => f.write_str(tekst),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The schema, as one description for both engines
// ---------------------------------------------------------------------------------------------

#[derive(Clone, Debug)]
struct Kolonne {
    navn: String,
    /// What the column holds, as both engines can say it (see [`sqlite_typeklasse`]).
    typeklasse: String,
    paakrevd: bool,
    standard: Option<String>,
    /// The database gives the value when none is given: AUTOINCREMENT, or an identity column.
    autonummer: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct Fremmednoekkel {
    kolonner: Vec<String>,
    tabell: String,
    mot: Vec<String>,
    ved_endring: String,
    ved_sletting: String,
}

#[derive(Clone, Debug, Default)]
struct Tabell {
    kolonner: Vec<Kolonne>,
    primaernoekkel: Vec<String>,
    unike: BTreeSet<Vec<String>>,
    fremmednoekler: BTreeSet<Fremmednoekkel>,
    sjekker: BTreeSet<Sjekk>,
    /// The events a trigger fires on: `INSERT`, `DELETE`, `UPDATE` or `UPDATE OF a, b`.
    utloesere: BTreeSet<String>,
}

/// An index that is not the one behind a primary key or a unique constraint (those are
/// described by their constraint: SQLite names them `sqlite_autoindex_*`, PostgreSQL
/// `*_pkey` and `*_key`).
#[derive(Clone, Debug, PartialEq, Eq)]
struct Indeks {
    tabell: String,
    kolonner: Vec<String>,
    unik: bool,
    vilkaar: Option<String>,
}

#[derive(Debug, Default)]
struct Skjema {
    tabeller: BTreeMap<String, Tabell>,
    indekser: BTreeMap<String, Indeks>,
}

impl Skjema {
    /// The description as a set of one-line facts: what the engines are compared by, and what
    /// a difference is printed as.
    fn fakta(&self) -> BTreeSet<String> {
        let mut f = BTreeSet::new();
        for (navn, t) in &self.tabeller {
            let rekkefoelge: Vec<&str> = t.kolonner.iter().map(|k| k.navn.as_str()).collect();
            f.insert(format!("{navn}: columns in order {}", rekkefoelge.join(", ")));
            for k in &t.kolonner {
                // SQLite lets a NULL into a primary key column that is not an INTEGER PRIMARY
                // KEY unless the column also says NOT NULL (kept for backwards compatibility,
                // "CREATE TABLE", section 3.5); PostgreSQL never does. Five keys of the first
                // migrations say only PRIMARY KEY (statsforvalter.kode, fylke.nummer,
                // okt.token_hash, oidc_innlogging.noekkel_hash, revisjon_hode.id), and every
                // key the application writes is a code, number or hash it made itself, so a
                // key column counts as required on both engines rather than rebuilding five
                // SQLite tables for a NULL that is never written.
                let paakrevd = k.paakrevd || t.primaernoekkel.contains(&k.navn);
                let mut linje = format!("{navn}.{}: {}", k.navn, k.typeklasse);
                if paakrevd {
                    linje.push_str(" NOT NULL");
                }
                if let Some(s) = &k.standard {
                    linje.push_str(&format!(" DEFAULT {s}"));
                }
                if k.autonummer {
                    linje.push_str(" generated key");
                }
                f.insert(linje);
            }
            if !t.primaernoekkel.is_empty() {
                f.insert(format!("{navn}: PRIMARY KEY ({})", t.primaernoekkel.join(", ")));
            }
            for u in &t.unike {
                f.insert(format!("{navn}: UNIQUE ({})", u.join(", ")));
            }
            for n in &t.fremmednoekler {
                f.insert(format!(
                    "{navn}: FOREIGN KEY ({}) REFERENCES {} ({}) ON UPDATE {} ON DELETE {}",
                    n.kolonner.join(", "),
                    n.tabell,
                    n.mot.join(", "),
                    n.ved_endring,
                    n.ved_sletting
                ));
            }
            for s in &t.sjekker {
                f.insert(format!("{navn}: CHECK {s}"));
            }
            for u in &t.utloesere {
                f.insert(format!("{navn}: trigger on {u}"));
            }
        }
        for (navn, i) in &self.indekser {
            let mut linje = format!("{}INDEX {navn} ON {} ({})", if i.unik { "UNIQUE " } else { "" }, i.tabell, i.kolonner.join(", "));
            if let Some(v) = &i.vilkaar {
                linje.push_str(&format!(" WHERE {v}"));
            }
            f.insert(linje);
        }
        f
    }

    /// The codes a `kolonne IN (...)` CHECK allows, if the column has one.
    fn kodesjekk(&self, tabell: &str, kolonne: &str) -> Option<&BTreeSet<String>> {
        self.tabeller.get(tabell)?.sjekker.iter().find_map(|s| match s {
            Sjekk::EnAv { kolonne: k, verdier } if k == kolonne => Some(verdier),
            _ => None,
        })
    }
}

/// The type class of a declared SQLite type, by SQLite's own rules of type affinity
/// ("Datatypes In SQLite", section 3.1), split further where PostgreSQL has types of its own.
fn sqlite_typeklasse(deklarert: &str) -> String {
    let t = deklarert.to_ascii_uppercase();
    let klasse = if t.contains("INT") {
        // INTEGER and BIGINT alike: SQLite keeps every integer in up to eight bytes. The
        // id columns must be written INTEGER on SQLite (an INTEGER PRIMARY KEY is the rowid)
        // and BIGINT on PostgreSQL, which is one of the differences this absorbs.
        "integer"
    } else if t.contains("CHAR") || t.contains("CLOB") || t.contains("TEXT") {
        "text"
    } else if t.contains("BLOB") || t.is_empty() {
        "bytes"
    } else if t.contains("REAL") || t.contains("FLOA") || t.contains("DOUB") {
        "real"
    } else if t.contains("BOOL") {
        "bool"
    } else if t.contains("DATE") || t.contains("TIME") {
        "date/time (native type)"
    } else if t.contains("NUM") || t.contains("DEC") {
        "numeric"
    } else {
        return format!("other ({t})");
    };
    klasse.to_owned()
}

/// The type class of a PostgreSQL column, in the classes of [`sqlite_typeklasse`].
fn postgres_typeklasse(data_type: &str, lengdegrense: Option<i64>) -> String {
    let klasse = match data_type {
        "bigint" => "integer",
        // Narrower than every SQLite integer: a value SQLite keeps would not fit. Written
        // BIGINT in these migrations, so a narrower one is a real difference.
        "integer" => "integer (32 bit)",
        "smallint" => "integer (16 bit)",
        // SQLite ignores a declared length, so a limit on PostgreSQL would refuse a value that
        // SQLite keeps.
        "character varying" | "character" if lengdegrense.is_some() => "text (limited length)",
        "text" | "character varying" | "character" => "text",
        "bytea" => "bytes",
        "double precision" => "real",
        "real" => "real (32 bit)",
        "boolean" => "bool",
        "numeric" => "numeric",
        d if d == "date" || d.starts_with("timestamp") || d.starts_with("time") || d == "interval" => "date/time (native type)",
        annen => return format!("other ({annen})"),
    };
    klasse.to_owned()
}

/// A foreign key action as both engines name it.
fn postgres_handling(kode: &str) -> &'static str {
    match kode {
        "r" => "RESTRICT",
        "c" => "CASCADE",
        "n" => "SET NULL",
        "d" => "SET DEFAULT",
        _ => "NO ACTION",
    }
}

/// The event of a trigger, from its CREATE TRIGGER text (SQLite keeps only the text). The
/// timing is left out: the statistics' counter is a BEFORE trigger on PostgreSQL, which may
/// change the row it fires on, and an AFTER trigger on SQLite, which may not.
fn sqlite_utloeserhendelse(sql: &str) -> Option<String> {
    let t = tegn(sql);
    let i = t.iter().position(|x| x.er_ord("insert") || x.er_ord("update") || x.er_ord("delete"))?;
    let Tegn::Ord(hendelse) = &t[i] else { return None };
    if hendelse == "update" && t.get(i + 1).is_some_and(|x| x.er_ord("of")) {
        let mut kolonner: Vec<String> = t[i + 2..]
            .iter()
            .take_while(|x| !x.er_ord("on"))
            .filter_map(|x| match x {
                Tegn::Ord(o) => Some(o.clone()),
                _ => None,
            })
            .collect();
        kolonner.sort();
        return Some(format!("UPDATE OF {}", kolonner.join(", ")));
    }
    Some(hendelse.to_uppercase())
}

async fn rader(db: &Database, sql: &str, binding: Option<&str>) -> Vec<AnyRow> {
    let mut q = sqlx::query(sql);
    if let Some(b) = binding {
        q = q.bind(b.to_owned());
    }
    q.fetch_all(&db.pool).await.unwrap_or_else(|e| panic!("{sql}: {e}"))
}

fn tekst(rad: &AnyRow, kolonne: &str) -> String {
    rad.try_get(kolonne).unwrap_or_else(|e| panic!("{kolonne}: {e}"))
}

fn valgfri_tekst(rad: &AnyRow, kolonne: &str) -> Option<String> {
    rad.try_get(kolonne).unwrap_or_else(|e| panic!("{kolonne}: {e}"))
}

fn tall(rad: &AnyRow, kolonne: &str) -> i64 {
    rad.try_get(kolonne).unwrap_or_else(|e| panic!("{kolonne}: {e}"))
}

fn liste(tekst: Option<String>) -> Vec<String> {
    tekst.map(|t| t.split(',').map(str::to_owned).collect()).unwrap_or_default()
}

/// The schema of the test's database, from the engine's own catalogue.
async fn les_skjema(db: &Database) -> Skjema {
    match db.motor {
        klagesak::db::Motor::Sqlite => les_sqlite(db).await,
        klagesak::db::Motor::Postgres => les_postgres(db).await,
    }
}

async fn les_sqlite(db: &Database) -> Skjema {
    let mut skjema = Skjema::default();
    let tabeller = rader(
        db,
        "SELECT name, sql FROM sqlite_master WHERE type = 'table' AND substr(name, 1, 7) <> 'sqlite_' \
         AND name <> '_sqlx_migrations' ORDER BY name",
        None,
    )
    .await;
    for rad in &tabeller {
        let navn = tekst(rad, "name");
        let sql = tegn(&tekst(rad, "sql"));
        let mut tabell = Tabell::default();

        let mut noekkel: Vec<(i64, String)> = Vec::new();
        let kolonner =
            rader(db, "SELECT name, type, \"notnull\" AS paakrevd, dflt_value, pk FROM pragma_table_info($1) ORDER BY cid", Some(&navn))
                .await;
        for k in &kolonner {
            let kolonne = tekst(k, "name");
            let deklarert = tekst(k, "type");
            let pk = tall(k, "pk");
            if pk > 0 {
                noekkel.push((pk, kolonne.clone()));
            }
            tabell.kolonner.push(Kolonne {
                typeklasse: sqlite_typeklasse(&deklarert),
                paakrevd: tall(k, "paakrevd") != 0,
                standard: valgfri_tekst(k, "dflt_value").map(|s| som_tekst(&uttrykk(&tegn(&s)))),
                // Only AUTOINCREMENT counts: SQLite also numbers an INTEGER PRIMARY KEY without
                // it (it is the rowid), reusing the highest number after a delete, which a
                // plain integer key on PostgreSQL never does. The one such table here
                // (`statistikk_generasjon`) holds a single row, pinned by a CHECK.
                autonummer: pk > 0 && deklarert.eq_ignore_ascii_case("INTEGER") && sql.iter().any(|t| t.er_ord("autoincrement")),
                navn: kolonne,
            });
        }
        noekkel.sort();
        tabell.primaernoekkel = noekkel.into_iter().map(|(_, k)| k).collect();

        // Every CHECK, on a column or on the table.
        for (i, t) in sql.iter().enumerate() {
            if t.er_ord("check") && sql.get(i + 1).is_some_and(|p| p.er_symbol("(")) {
                tabell.sjekker.insert(Sjekk::fra(i_parentes(&sql, i + 1)));
            }
        }

        let indekser = rader(db, "SELECT name, \"unique\" AS unik, origin FROM pragma_index_list($1)", Some(&navn)).await;
        for i in &indekser {
            let indeksnavn = tekst(i, "name");
            let kolonner: Vec<String> = rader(db, "SELECT name FROM pragma_index_info($1) ORDER BY seqno", Some(&indeksnavn))
                .await
                .iter()
                // An expression has no name; none of the indexes here has one.
                .map(|k| valgfri_tekst(k, "name").unwrap_or_else(|| "<expression>".into()))
                .collect();
            match tekst(i, "origin").as_str() {
                "pk" => {}
                "u" => {
                    tabell.unike.insert(kolonner);
                }
                _ => {
                    let sql = rader(db, "SELECT sql FROM sqlite_master WHERE type = 'index' AND name = $1", Some(&indeksnavn)).await;
                    let sql = tegn(&tekst(&sql[0], "sql"));
                    let vilkaar = sql.iter().position(|t| t.er_ord("where")).map(|i| som_tekst(&uttrykk(&sql[i + 1..])));
                    skjema.indekser.insert(indeksnavn, Indeks { tabell: navn.clone(), kolonner, unik: tall(i, "unik") != 0, vilkaar });
                }
            }
        }

        let noekler = rader(
            db,
            "SELECT id, \"table\" AS mot_tabell, \"from\" AS fra, \"to\" AS til, on_update, on_delete \
             FROM pragma_foreign_key_list($1) ORDER BY id, seq",
            Some(&navn),
        )
        .await;
        let mut per_noekkel: BTreeMap<i64, Fremmednoekkel> = BTreeMap::new();
        for n in &noekler {
            let fk = per_noekkel.entry(tall(n, "id")).or_insert_with(|| Fremmednoekkel {
                kolonner: Vec::new(),
                tabell: tekst(n, "mot_tabell"),
                mot: Vec::new(),
                ved_endring: tekst(n, "on_update"),
                ved_sletting: tekst(n, "on_delete"),
            });
            fk.kolonner.push(tekst(n, "fra"));
            // `REFERENCES t` without columns means t's primary key; resolved below.
            if let Some(til) = valgfri_tekst(n, "til") {
                fk.mot.push(til);
            }
        }
        tabell.fremmednoekler = per_noekkel.into_values().collect();

        let utloesere = rader(db, "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = $1", Some(&navn)).await;
        tabell.utloesere = utloesere.iter().filter_map(|u| sqlite_utloeserhendelse(&tekst(u, "sql"))).collect();

        skjema.tabeller.insert(navn, tabell);
    }
    let primaernoekler: BTreeMap<String, Vec<String>> =
        skjema.tabeller.iter().map(|(navn, t)| (navn.clone(), t.primaernoekkel.clone())).collect();
    for tabell in skjema.tabeller.values_mut() {
        tabell.fremmednoekler = std::mem::take(&mut tabell.fremmednoekler)
            .into_iter()
            .map(|mut n| {
                if n.mot.is_empty() {
                    n.mot = primaernoekler.get(&n.tabell).cloned().unwrap_or_default();
                }
                n
            })
            .collect();
    }
    skjema
}

/// Each test's PostgreSQL database is a schema of its own, on the search path: everything is
/// read from `current_schema()`. Names are cast to text, which is what the `Any` driver reads.
async fn les_postgres(db: &Database) -> Skjema {
    const SKJEMA: &str = "(SELECT oid FROM pg_namespace WHERE nspname = current_schema())";
    let mut skjema = Skjema::default();
    let tabeller = rader(
        db,
        "SELECT table_name::text AS navn FROM information_schema.tables \
         WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> '_sqlx_migrations'",
        None,
    )
    .await;
    for t in &tabeller {
        skjema.tabeller.insert(tekst(t, "navn"), Tabell::default());
    }

    let kolonner = rader(
        db,
        "SELECT table_name::text AS tabell, column_name::text AS kolonne, data_type::text AS type, \
         character_maximum_length::bigint AS lengde, is_nullable = 'NO' AS paakrevd, column_default::text AS standard, \
         (is_identity = 'YES' OR COALESCE(column_default, '') LIKE 'nextval(%') AS autonummer \
         FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position",
        None,
    )
    .await;
    for k in &kolonner {
        let Some(tabell) = skjema.tabeller.get_mut(&tekst(k, "tabell")) else { continue };
        let autonummer: bool = k.try_get("autonummer").unwrap();
        tabell.kolonner.push(Kolonne {
            navn: tekst(k, "kolonne"),
            typeklasse: postgres_typeklasse(&tekst(k, "type"), k.try_get("lengde").unwrap()),
            paakrevd: k.try_get("paakrevd").unwrap(),
            // A serial column's default is the sequence; it is a generated key instead.
            standard: valgfri_tekst(k, "standard").filter(|_| !autonummer).map(|s| som_tekst(&uttrykk(&tegn(&s)))),
            autonummer,
        });
    }

    let skranker = rader(
        db,
        &format!(
            "SELECT c.contype::text AS art, t.relname::text AS tabell, \
             (SELECT string_agg(a.attname::text, ',' ORDER BY k.n) FROM unnest(c.conkey) WITH ORDINALITY AS k(nr, n) \
              JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.nr) AS kolonner, \
             m.relname::text AS mot_tabell, \
             (SELECT string_agg(a.attname::text, ',' ORDER BY k.n) FROM unnest(c.confkey) WITH ORDINALITY AS k(nr, n) \
              JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.nr) AS mot, \
             c.confupdtype::text AS ved_endring, c.confdeltype::text AS ved_sletting, pg_get_constraintdef(c.oid) AS definisjon \
             FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid LEFT JOIN pg_class m ON m.oid = c.confrelid \
             WHERE t.relnamespace = {SKJEMA} AND c.contype IN ('p', 'u', 'f', 'c')"
        ),
        None,
    )
    .await;
    for s in &skranker {
        let Some(tabell) = skjema.tabeller.get_mut(&tekst(s, "tabell")) else { continue };
        let kolonner = liste(valgfri_tekst(s, "kolonner"));
        match tekst(s, "art").as_str() {
            "p" => tabell.primaernoekkel = kolonner,
            "u" => {
                tabell.unike.insert(kolonner);
            }
            "f" => {
                tabell.fremmednoekler.insert(Fremmednoekkel {
                    kolonner,
                    tabell: tekst(s, "mot_tabell"),
                    mot: liste(valgfri_tekst(s, "mot")),
                    ved_endring: postgres_handling(&tekst(s, "ved_endring")).to_owned(),
                    ved_sletting: postgres_handling(&tekst(s, "ved_sletting")).to_owned(),
                });
            }
            _ => {
                // `CHECK (...)`, and `NOT VALID` after it while it has not been validated.
                let definisjon = tegn(&tekst(s, "definisjon"));
                let start = definisjon.iter().position(|t| t.er_symbol("(")).expect("CHECK (");
                tabell.sjekker.insert(Sjekk::fra(i_parentes(&definisjon, start)));
            }
        }
    }

    let indekser = rader(
        db,
        &format!(
            "SELECT x.relname::text AS navn, t.relname::text AS tabell, i.indisunique AS unik, \
             (SELECT string_agg(pg_get_indexdef(i.indexrelid, k, true), ',' ORDER BY k) \
              FROM generate_series(1, i.indnkeyatts::int) AS k) AS kolonner, \
             pg_get_expr(i.indpred, i.indrelid) AS vilkaar \
             FROM pg_index i JOIN pg_class x ON x.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid \
             WHERE t.relnamespace = {SKJEMA} AND t.relname <> '_sqlx_migrations' \
             AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid AND c.conrelid = i.indrelid \
                             AND c.contype IN ('p', 'u', 'x'))"
        ),
        None,
    )
    .await;
    for i in &indekser {
        skjema.indekser.insert(
            tekst(i, "navn"),
            Indeks {
                tabell: tekst(i, "tabell"),
                kolonner: liste(valgfri_tekst(i, "kolonner")),
                unik: i.try_get("unik").unwrap(),
                vilkaar: valgfri_tekst(i, "vilkaar").map(|v| som_tekst(&uttrykk(&tegn(&v)))),
            },
        );
    }

    // TRUNCATE triggers are left out: `information_schema.triggers` does not list them, and
    // SQLite has no TRUNCATE (its DELETE triggers cover the same ground there).
    let utloesere = rader(
        db,
        "SELECT t.event_object_table::text AS tabell, t.event_manipulation::text AS hendelse, \
         (SELECT string_agg(c.event_object_column::text, ', ' ORDER BY c.event_object_column::text) \
          FROM information_schema.triggered_update_columns c \
          WHERE c.trigger_schema = t.trigger_schema AND c.trigger_name = t.trigger_name \
          AND c.event_object_table = t.event_object_table) AS kolonner \
         FROM information_schema.triggers t WHERE t.trigger_schema = current_schema()",
        None,
    )
    .await;
    for u in &utloesere {
        let Some(tabell) = skjema.tabeller.get_mut(&tekst(u, "tabell")) else { continue };
        let hendelse = tekst(u, "hendelse");
        let hendelse = match valgfri_tekst(u, "kolonner") {
            Some(kolonner) if hendelse == "UPDATE" => format!("UPDATE OF {kolonner}"),
            _ => hendelse,
        };
        tabell.utloesere.insert(hendelse);
    }
    skjema
}

/// The facts only one engine has, or `None` when the engines agree.
fn forskjell(sqlite: &Skjema, postgres: &Skjema) -> Option<String> {
    let (s, p) = (sqlite.fakta(), postgres.fakta());
    if s == p {
        return None;
    }
    let mut tekst = String::from("the schemas of SQLite and PostgreSQL differ after all migrations:\n");
    tekst.push_str("  only on SQLite:\n");
    for f in s.difference(&p) {
        tekst.push_str(&format!("    {f}\n"));
    }
    tekst.push_str("  only on PostgreSQL:\n");
    for f in p.difference(&s) {
        tekst.push_str(&format!("    {f}\n"));
    }
    tekst.push_str("Change the schema with a new migration in both migrations/sqlite/ and migrations/postgres/.");
    Some(tekst)
}

/// Guards against a reader that finds nothing of some kind and so agrees with the other engine
/// by accident: every kind of fact the migrations create must have been read.
fn alt_er_lest(skjema: &Skjema, motor: &str) {
    let fakta = skjema.fakta();
    type Slag = (&'static str, fn(&str) -> bool);
    let slag: [Slag; 11] = [
        ("a column with a generated key", |f| f.ends_with(" generated key")),
        ("a column with a default", |f| f.contains(" DEFAULT ")),
        ("a primary key of two columns", |f| f.contains(": PRIMARY KEY (") && f.contains(", ")),
        ("a unique constraint", |f| f.contains(": UNIQUE (")),
        ("a foreign key", |f| f.contains(": FOREIGN KEY (")),
        ("a CHECK on a code column", |f| f.contains(": CHECK ") && f.contains(" IN (")),
        ("another CHECK", |f| f.contains(": CHECK ") && !f.contains(" IN (")),
        ("a trigger on an update of named columns", |f| f.contains(": trigger on UPDATE OF ")),
        ("an index", |f| f.starts_with("INDEX ")),
        ("a partial index", |f| f.starts_with("INDEX ") && f.contains(" WHERE ")),
        ("a unique index", |f| f.starts_with("UNIQUE INDEX ")),
    ];
    for (hva, er) in slag {
        assert!(fakta.iter().any(|f| er(f)), "{motor}: the schema was read without {hva}");
    }
    assert!(skjema.tabeller.len() >= 15, "{motor}: only {} tables read", skjema.tabeller.len());
    assert!(!skjema.tabeller.contains_key("_sqlx_migrations"));
    // Dates and instants are ISO-8601 text on both engines (the `Any` driver has no date types).
    for (navn, t) in &skjema.tabeller {
        for k in &t.kolonner {
            assert!(!k.typeklasse.starts_with("date/time"), "{motor}: {navn}.{} has a native date type; store ISO-8601 text", k.navn);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The comparison
// ---------------------------------------------------------------------------------------------

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn skjemaene_er_like_paa_begge_motorer() {
    let sqlite = ny_database(Motor::Sqlite).await.unwrap();
    let sqlite_skjema = les_skjema(&sqlite.db).await;
    // Without TEST_POSTGRES_URL there is nothing to compare with (`ny_database` says so).
    let Some(postgres) = ny_database(Motor::Postgres).await else {
        alt_er_lest(&sqlite_skjema, "SQLite");
        return;
    };
    let postgres_skjema = les_skjema(&postgres.db).await;
    if let Some(forskjell) = forskjell(&sqlite_skjema, &postgres_skjema) {
        panic!("{forskjell}");
    }
    alt_er_lest(&sqlite_skjema, "SQLite");
    alt_er_lest(&postgres_skjema, "PostgreSQL");
}

/// The two migration folders hold the same migrations, version for version and by the same
/// names, so that "the schema after migration N" means one thing on both engines.
#[test]
fn migreringene_er_parvise() {
    let navn = |motor: &str| -> BTreeSet<String> {
        let mappe = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations").join(motor);
        std::fs::read_dir(mappe).unwrap().map(|f| f.unwrap().file_name().to_string_lossy().into_owned()).collect()
    };
    let (sqlite, postgres) = (navn("sqlite"), navn("postgres"));
    assert!(sqlite.len() >= 9, "{sqlite:?}");
    assert_eq!(sqlite, postgres, "migrations/sqlite/ and migrations/postgres/ must hold the same files");
}

#[test]
fn begge_motorers_skrivemaate_blir_lik() {
    let sqlite = Sjekk::fra(&tegn("status IN ('b', 'a') -- a comment, with an apostrophe: don't"));
    let postgres = Sjekk::fra(&tegn("(status = ANY (ARRAY['a'::text, 'b'::text]))"));
    assert_eq!(sqlite, postgres);
    assert_eq!(sqlite.to_string(), "status IN ('a', 'b')");
    assert_eq!(
        Sjekk::fra(&tegn("(status = 'avgjort') = (utfall IS NOT NULL)")),
        Sjekk::fra(&tegn("((status = 'avgjort'::text) = (utfall IS NOT NULL))"))
    );
    assert_eq!(
        som_tekst(&uttrykk(&tegn("x NOT IN ('it''s', 'y')"))),
        som_tekst(&uttrykk(&tegn("(x <> ALL (ARRAY['it''s'::character varying, 'y'::character varying]::text[]))")))
    );
    assert_ne!(Sjekk::fra(&tegn("status IN ('a')")), Sjekk::fra(&tegn("status IN ('a', 'b')")));
    assert_eq!(
        sqlite_utloeserhendelse("CREATE TRIGGER t AFTER UPDATE OF b, a ON klage BEGIN SELECT 1; END").as_deref(),
        Some("UPDATE OF a, b")
    );
    assert_eq!(sqlite_typeklasse("BIGINT"), postgres_typeklasse("bigint", None));
    assert_ne!(sqlite_typeklasse("INTEGER"), postgres_typeklasse("integer", None));
    assert_ne!(sqlite_typeklasse("VARCHAR(20)"), postgres_typeklasse("character varying", Some(20)));
}

// ---------------------------------------------------------------------------------------------
// The CHECKs on the code columns
// ---------------------------------------------------------------------------------------------

/// The code a municipality's written form is stored as (by `Database::migrer`). The match
/// has no wildcard: a new form does not compile here until it is given a code, and then the
/// CHECK must allow it.
fn maalformkode(m: Maalform) -> &'static str {
    match m {
        Maalform::Nb => "nb",
        Maalform::Nn => "nn",
        Maalform::Neutral => "neutral",
    }
}

/// Every step of the state machine, once. The match has no wildcard: a new step does not
/// compile here until it is listed, and then its code must be in `hendelse.handling`'s CHECK.
fn alle_steg() -> Vec<Handling> {
    let alle = vec![
        Handling::SendTilKommunen,
        Handling::GiMedhold,
        Handling::Avvis,
        Handling::Oversend { delvis_medhold: false },
        Handling::KlagPaaAvvisning,
        Handling::BeOmOpplysninger,
        Handling::SvarPaaOpplysninger,
        Handling::ForeslaaVedtak { utfall: Utfall::Stadfestet },
        Handling::Godkjenn,
        Handling::SendTilbake,
        Handling::Trekk,
    ];
    for steg in &alle {
        match steg {
            Handling::SendTilKommunen
            | Handling::GiMedhold
            | Handling::Avvis
            | Handling::Oversend { .. }
            | Handling::KlagPaaAvvisning
            | Handling::BeOmOpplysninger
            | Handling::SvarPaaOpplysninger
            | Handling::ForeslaaVedtak { .. }
            | Handling::Godkjenn
            | Handling::SendTilbake
            | Handling::Trekk => {}
        }
    }
    alle
}

fn koder<T: Copy>(alle: &[T], kode: fn(T) -> &'static str) -> BTreeSet<String> {
    alle.iter().map(|k| kode(*k).to_owned()).collect()
}

/// The code columns, with every code the domain knows for each: exactly what its CHECK must
/// allow.
fn kodekolonner() -> Vec<(&'static str, &'static str, BTreeSet<String>)> {
    let statuser = koder(Status::ALLE, Status::kode);
    let utfall = koder(Utfall::ALLE, Utfall::kode);
    let mut handlinger: BTreeSet<String> = alle_steg().into_iter().map(|h| h.kode().to_owned()).collect();
    // The history rows `db::klager` writes besides the steps: registration, a transfer to
    // another office, and the municipality's new decision. They have no list in the domain;
    // the tests of those paths (tests/klageregister.rs, tests/tilgang.rs) fail if a CHECK
    // lacks one.
    handlinger.extend(["registrert", "overfoer", "nytt_vedtak"].map(str::to_owned));
    vec![
        ("klage", "status", statuser.clone()),
        ("klage", "utfall", utfall.clone()),
        ("klage", "foreslaatt_utfall", utfall),
        ("klage", "mottaker", koder(Mottaker::ALLE, Mottaker::kode)),
        ("klage", "klager", koder(KlagerType::ALLE, KlagerType::kode)),
        ("klage", "aldersgruppe", koder(Aldersgruppe::ALLE, Aldersgruppe::kode)),
        ("hendelse", "handling", handlinger),
        ("hendelse", "fra_status", statuser.clone()),
        ("hendelse", "til_status", statuser),
        ("kommune", "maalform", koder(&[Maalform::Nb, Maalform::Nn, Maalform::Neutral], maalformkode)),
        ("dokument", "art", koder(Dokumentart::ALLE, Dokumentart::kode)),
        ("dokument", "synlighet", koder(Synlighet::ALLE, Synlighet::kode)),
    ]
}

/// A case, a history row and a municipality to write codes into.
struct Testrader {
    klage: i64,
    hendelse: i64,
    kommune: String,
    dokument: i64,
}

/// Registers a case straight in the table, with codes from the domain.
async fn ny_klagerad(db: &Database) -> i64 {
    let kommune = &referanse::kommuner()[0];
    let rad = sqlx::query(
        "INSERT INTO klage (kommune, statsforvalter, status, mottaker, foerst_mottatt, klager, aldersgruppe, \
         rettigheter, kategorier, sammendrag, opprettet) \
         VALUES ($1, $2, $3, $4, '2026-11-02', $5, $6, ',ip,', ',ikke_ip,', '', '2026-11-02T09:00:00Z') RETURNING id",
    )
    .bind(&kommune.nummer)
    .bind(&kommune.statsforvalter)
    .bind(Status::ForberedendeBehandling.kode())
    .bind(Mottaker::Kommunen.kode())
    .bind(KlagerType::PasientBruker.kode())
    .bind(Aldersgruppe::Voksen.kode())
    .fetch_one(&db.pool)
    .await
    .unwrap();
    rad.get("id")
}

async fn testrader(db: &Database) -> Testrader {
    let klage = ny_klagerad(db).await;
    let rad = sqlx::query(
        "INSERT INTO hendelse (klage_id, tidspunkt, handling, fra_status, til_status, endring, notat) \
         VALUES ($1, '2026-11-02T09:00:00Z', 'registrert', NULL, $2, '{}', '') RETURNING id",
    )
    .bind(klage)
    .bind(Status::ForberedendeBehandling.kode())
    .fetch_one(&db.pool)
    .await
    .unwrap();
    let hendelse = rad.get("id");
    let bruker = brukere::opprett(db, "kodesjekk@test.klagesak.no", "Kode Sjekk", "admin", &[Rolle::Admin], None, naa()).await.unwrap();
    let rad = sqlx::query(
        "INSERT INTO dokument (klage_id, sekvens, art, tittel, avsender_mottaker, dato, registrert_av, registrert, filnavn, \
         sha256, stoerrelse, innholdstype, synlighet, lagringsnoekkel) \
         VALUES ($1, 1, 'I', 'Klage', '', '2026-11-02', $2, '2026-11-02T09:00:00Z', 'klage.pdf', '', 1, 'application/pdf', \
         'intern', 'dokumenter/kodesjekk') RETURNING id",
    )
    .bind(klage)
    .bind(bruker)
    .fetch_one(&db.pool)
    .await
    .unwrap();
    Testrader { klage, hendelse, kommune: referanse::kommuner()[0].nummer.clone(), dokument: rad.get("id") }
}

/// Writes `kode` into the column of the test rows. A case's outcome goes with status
/// `avgjort` and a status with the outcome it requires (`klage_utfall_naar_avgjort`), so that
/// only the code itself can be refused.
async fn skriv_kode(db: &Database, r: &Testrader, tabell: &str, kolonne: &str, kode: &str) -> Result<(), sqlx::Error> {
    let sql = match (tabell, kolonne) {
        ("klage", "status" | "utfall") => "UPDATE klage SET status = $1, utfall = $2 WHERE id = $3".to_owned(),
        ("kommune", _) => format!("UPDATE kommune SET {kolonne} = $1 WHERE nummer = $2"),
        _ => format!("UPDATE {tabell} SET {kolonne} = $1 WHERE id = $2"),
    };
    let q = sqlx::query(&sql);
    let q = match (tabell, kolonne) {
        ("klage", "status") => {
            q.bind(kode.to_owned()).bind((kode == Status::Avgjort.kode()).then(|| Utfall::Stadfestet.kode())).bind(r.klage)
        }
        ("klage", "utfall") => q.bind(Status::Avgjort.kode()).bind(kode.to_owned()).bind(r.klage),
        ("klage", _) => q.bind(kode.to_owned()).bind(r.klage),
        ("hendelse", _) => q.bind(kode.to_owned()).bind(r.hendelse),
        ("dokument", _) => q.bind(kode.to_owned()).bind(r.dokument),
        ("kommune", _) => q.bind(kode.to_owned()).bind(r.kommune.clone()),
        _ => panic!("no test row in {tabell}"),
    };
    let svar = q.execute(&db.pool).await?;
    assert_eq!(svar.rows_affected(), 1, "{tabell}.{kolonne} = {kode}");
    Ok(())
}

async fn les_kode(db: &Database, r: &Testrader, tabell: &str, kolonne: &str) -> Option<String> {
    let sql = match tabell {
        "kommune" => format!("SELECT {kolonne} AS kode FROM kommune WHERE nummer = $1"),
        _ => format!("SELECT {kolonne} AS kode FROM {tabell} WHERE id = $1"),
    };
    let q = sqlx::query(&sql);
    let q = match tabell {
        "klage" => q.bind(r.klage),
        "hendelse" => q.bind(r.hendelse),
        "dokument" => q.bind(r.dokument),
        _ => q.bind(r.kommune.clone()),
    };
    q.fetch_one(&db.pool).await.unwrap().get("kode")
}

/// Each code column's CHECK allows exactly the domain's codes (read from the catalogue, so a
/// code on either side alone is named), and the database takes every one of them.
async fn kodesjekkene_tillater_akkurat_domenets_koder(t: &Testdatabase) {
    let skjema = les_skjema(&t.db).await;
    let kolonner = kodekolonner();
    for (tabell, kolonne, koder) in &kolonner {
        let sjekk = skjema.kodesjekk(tabell, kolonne);
        let sjekk = sjekk.unwrap_or_else(|| panic!("{tabell}.{kolonne} has no CHECK ({kolonne} IN (...))"));
        let mangler: Vec<&String> = koder.difference(sjekk).collect();
        let ukjente: Vec<&String> = sjekk.difference(koder).collect();
        assert!(
            mangler.is_empty() && ukjente.is_empty(),
            "{tabell}.{kolonne}: the domain's codes and the CHECK differ. Not allowed by the CHECK: {mangler:?}; \
             allowed but unknown to the domain: {ukjente:?}. Widen or narrow the CHECK in a new migration for both engines."
        );
    }
    // A CHECK on a code column not listed above would be kept current by nothing.
    for (tabell, t) in &skjema.tabeller {
        for sjekk in &t.sjekker {
            if let Sjekk::EnAv { kolonne, .. } = sjekk {
                assert!(
                    kolonner.iter().any(|(ta, k, _)| ta == tabell && k == kolonne),
                    "{tabell}.{kolonne} has a code CHECK not listed in kodekolonner()"
                );
            }
        }
    }

    let rader = testrader(&t.db).await;
    for (tabell, kolonne, koder) in &kolonner {
        for kode in koder {
            if let Err(e) = skriv_kode(&t.db, &rader, tabell, kolonne, kode).await {
                panic!("{tabell}.{kolonne} = '{kode}' was refused: {e}");
            }
            assert_eq!(les_kode(&t.db, &rader, tabell, kolonne).await.as_deref(), Some(kode.as_str()));
        }
    }
}

/// A code that is not in its list is refused by the database itself, by the column's CHECK,
/// and leaves the row as it was.
async fn ukjente_koder_avvises(t: &Testdatabase) {
    let rader = testrader(&t.db).await;
    for (tabell, kolonne, _) in kodekolonner() {
        let foer = les_kode(&t.db, &rader, tabell, kolonne).await;
        for ukjent in ["ukjent_kode", "", "Avgjort"] {
            let feil = match skriv_kode(&t.db, &rader, tabell, kolonne, ukjent).await {
                Ok(()) => panic!("{tabell}.{kolonne} = '{ukjent}' was accepted"),
                Err(e) => e.to_string(),
            };
            let skranke = format!("{tabell}_{kolonne}_kode");
            assert!(feil.contains(&skranke), "{tabell}.{kolonne} = '{ukjent}' refused, but not by {skranke}: {feil}");
            assert_eq!(les_kode(&t.db, &rader, tabell, kolonne).await, foer);
        }
    }
    // Also through a fresh row, not only a change.
    let feil = sqlx::query(
        "INSERT INTO hendelse (klage_id, tidspunkt, handling, fra_status, til_status, endring, notat) \
         VALUES ($1, '2026-11-02T09:00:00Z', 'slettet', NULL, 'avgjort', '{}', '')",
    )
    .bind(rader.klage)
    .execute(&t.db.pool)
    .await
    .unwrap_err();
    assert!(feil.to_string().contains("hendelse_handling_kode"), "{feil}");
}

begge_motorer!(kodesjekkene_tillater_akkurat_domenets_koder, ukjente_koder_avvises);

// ---------------------------------------------------------------------------------------------
// Adding the CHECKs to a database in use
// ---------------------------------------------------------------------------------------------

/// The migration that adds the CHECKs; everything before it is "a database in use".
const KODESJEKKER: &str = "20261129000001";

/// Runs the migrations from before [`KODESJEKKER`], as a deployed database has them, and
/// loads the reference data the way `Database::migrer` does.
async fn migrer_til_foer_kodesjekkene(db: &Database) {
    let motor = match db.motor {
        klagesak::db::Motor::Sqlite => "sqlite",
        klagesak::db::Motor::Postgres => "postgres",
    };
    let kilde = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("migrations").join(motor);
    let mappe = tempfile::tempdir().unwrap();
    for fil in std::fs::read_dir(&kilde).unwrap() {
        let fil = fil.unwrap();
        if fil.file_name().to_string_lossy().as_ref() < KODESJEKKER {
            std::fs::copy(fil.path(), mappe.path().join(fil.file_name())).unwrap();
        }
    }
    sqlx::migrate::Migrator::new(mappe.path()).await.unwrap().run(&db.pool).await.unwrap();

    for s in referanse::statsforvaltere() {
        sqlx::query("INSERT INTO statsforvalter (kode, navn_nb, navn_nn) VALUES ($1, $2, $3)")
            .bind(&s.kode)
            .bind(&s.navn_nb)
            .bind(&s.navn_nn)
            .execute(&db.pool)
            .await
            .unwrap();
    }
    for f in referanse::fylker() {
        sqlx::query("INSERT INTO fylke (nummer, navn, statsforvalter) VALUES ($1, $2, $3)")
            .bind(&f.nummer)
            .bind(&f.navn)
            .bind(&f.statsforvalter)
            .execute(&db.pool)
            .await
            .unwrap();
    }
    for k in referanse::kommuner() {
        sqlx::query(
            "INSERT INTO kommune (nummer, navn, annet_navn, fylke, statsforvalter, maalform, innbyggere) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&k.nummer)
        .bind(&k.navn)
        .bind(k.annet_navn.as_deref())
        .bind(&k.fylke)
        .bind(&k.statsforvalter)
        .bind(maalformkode(k.maalform))
        .bind(i64::from(k.innbyggere))
        .execute(&db.pool)
        .await
        .unwrap();
    }
}

/// What must come through the migration unchanged: every case as the repository reads it,
/// with its history, statistics version and approver, and the municipalities.
async fn innhold(db: &Database) -> Vec<String> {
    let mut ut = Vec::new();
    let ider =
        sqlx::query("SELECT id, statistikk_versjon, godkjent_av, foreslaatt_av FROM klage ORDER BY id").fetch_all(&db.pool).await.unwrap();
    for rad in &ider {
        let id: KlageId = rad.get("id");
        let klage = klager::hent_uten_tilgangskontroll(db, id).await.unwrap().unwrap();
        let hendelser = klager::hendelser(db, id).await.unwrap();
        let versjon: i64 = rad.get("statistikk_versjon");
        let godkjent: Option<i64> = rad.get("godkjent_av");
        let foreslaatt: Option<i64> = rad.get("foreslaatt_av");
        ut.push(format!("{klage:?} {hendelser:?} versjon {versjon} godkjent av {godkjent:?} foreslått av {foreslaatt:?}"));
    }
    let kommuner = sqlx::query("SELECT nummer, navn, annet_navn, fylke, statsforvalter, maalform, innbyggere FROM kommune ORDER BY nummer")
        .fetch_all(&db.pool)
        .await
        .unwrap();
    for k in &kommuner {
        let annet: Option<String> = k.get("annet_navn");
        let innbyggere: i64 = k.get("innbyggere");
        ut.push(format!(
            "{} {} {annet:?} {} {} {} {innbyggere}",
            tekst(k, "nummer"),
            tekst(k, "navn"),
            tekst(k, "fylke"),
            tekst(k, "statsforvalter"),
            tekst(k, "maalform")
        ));
    }
    ut
}

/// The columns of the encrypted fødselsnummer (20261204000001), as declared on both engines.
const FNR_KOLONNER: [&str; 3] = ["fnr_kryptert TEXT", "fnr_noekkel BIGINT", "fnr_hash TEXT"];

/// Puts every fødselsnummer back in the clear-text column and drops the encrypted ones: the
/// case table as it was before encryption. The number of cases with one.
async fn fnr_i_klartekst_som_foer(db: &Database) -> i64 {
    let rader =
        sqlx::query("SELECT id, fnr_kryptert, fnr_noekkel FROM klage WHERE fnr_kryptert IS NOT NULL").fetch_all(&db.pool).await.unwrap();
    for rad in &rader {
        let id: i64 = rad.get("id");
        let fnr = db.fnr_noekler.dekrypter(id, rad.get("fnr_noekkel"), &tekst(rad, "fnr_kryptert")).unwrap();
        sqlx::query("UPDATE klage SET fnr = $1 WHERE id = $2").bind(fnr.som_tekst()).bind(id).execute(&db.pool).await.unwrap();
    }
    for kolonne in FNR_KOLONNER {
        let navn = kolonne.split(' ').next().unwrap();
        sqlx::query(&format!("ALTER TABLE klage DROP COLUMN {navn}")).execute(&db.pool).await.unwrap();
    }
    rader.len() as i64
}

async fn en_verdi(db: &Database, sql: &str) -> i64 {
    sqlx::query(sql).fetch_one(&db.pool).await.unwrap().get(0)
}

/// A database with the demo data, a user who proposed and approved decisions, and (on SQLite)
/// a case number counter ahead of the highest id, as after a deleted row, is migrated: every
/// row comes through as it was, references hold, the access log still verifies, an id is not
/// given twice, the statistics' triggers still count, the fødselsnumre it kept in clear text
/// come out encrypted, and the schema is the one a fresh database gets.
async fn kodesjekker_paa_database_i_bruk(motor: Motor) {
    let Some(tom) = crate::felles::tom_database(motor).await else { return };
    let db = tom.db.clone();
    migrer_til_foer_kodesjekkene(&db).await;
    // Today's repository writes the fødselsnummer encrypted, into columns of a later
    // migration: they are there while the demo data are loaded and read, and the numbers are
    // put back in clear text, as the database had them then, before it is migrated.
    for kolonne in FNR_KOLONNER {
        sqlx::query(&format!("ALTER TABLE klage ADD COLUMN {kolonne}")).execute(&db.pool).await.unwrap();
    }
    last_demodata(&db, Klokke::Fast(naa())).await.unwrap();
    let leder =
        brukere::opprett(&db, "leder@skjema.test", "Leder Ledersen", &referanse::statsforvaltere()[0].kode, &[Rolle::Leder], None, naa())
            .await
            .unwrap();
    sqlx::query("UPDATE klage SET foreslaatt_av = $1, godkjent_av = $1 WHERE status = 'avgjort'")
        .bind(leder)
        .execute(&db.pool)
        .await
        .unwrap();
    if motor == Motor::Sqlite {
        sqlx::query("UPDATE sqlite_sequence SET seq = seq + 5 WHERE name = 'klage'").execute(&db.pool).await.unwrap();
    }

    let foer = innhold(&db).await;
    assert!(foer.len() > 100, "the demo data were not loaded");
    let revisjon_foer = revisjon::verifiser(&db).await.unwrap();
    assert_eq!(revisjon_foer.foerste_brudd, None);
    let neste_id = match motor {
        Motor::Sqlite => en_verdi(&db, "SELECT seq FROM sqlite_sequence WHERE name = 'klage'").await + 1,
        Motor::Postgres => en_verdi(&db, "SELECT MAX(id) FROM klage").await + 1,
    };
    let hendelser = en_verdi(&db, "SELECT COUNT(*) FROM hendelse").await;
    let neste_hendelse = match motor {
        Motor::Sqlite => en_verdi(&db, "SELECT seq FROM sqlite_sequence WHERE name = 'hendelse'").await + 1,
        Motor::Postgres => en_verdi(&db, "SELECT MAX(id) FROM hendelse").await + 1,
    };

    let med_fnr = fnr_i_klartekst_som_foer(&db).await;
    assert!(med_fnr > 100, "the demo data have numbers: {med_fnr}");

    db.migrer().await.expect("the CHECKs are added to a database in use");

    assert_eq!(innhold(&db).await, foer, "a row changed in the migration");
    let kryptert = en_verdi(&db, "SELECT COUNT(fnr_kryptert) FROM klage WHERE fnr IS NULL").await;
    assert_eq!((kryptert, en_verdi(&db, "SELECT COUNT(fnr) FROM klage").await), (med_fnr, 0), "every number encrypted");
    assert_eq!(en_verdi(&db, "SELECT COUNT(*) FROM hendelse").await, hendelser);
    assert_eq!(revisjon::verifiser(&db).await.unwrap(), revisjon_foer);
    if motor == Motor::Sqlite {
        let brudd = sqlx::query("SELECT * FROM pragma_foreign_key_check").fetch_all(&db.pool).await.unwrap();
        assert!(brudd.is_empty(), "{} references broken", brudd.len());
        let helse: String = sqlx::query("PRAGMA integrity_check").fetch_one(&db.pool).await.unwrap().get(0);
        assert_eq!(helse, "ok");
    }

    // New rows get new ids, and the statistics' counter still moves on an insert.
    let versjon = en_verdi(&db, "SELECT versjon FROM statistikk_generasjon").await;
    let id = ny_klagerad(&db).await;
    assert_eq!(id, neste_id, "a case id after the migration");
    assert_eq!(en_verdi(&db, "SELECT versjon FROM statistikk_generasjon").await, versjon + 1);
    let stemplet = sqlx::query("SELECT statistikk_versjon FROM klage WHERE id = $1").bind(id).fetch_one(&db.pool).await.unwrap();
    assert_eq!(stemplet.get::<i64, _>(0), versjon + 1);
    let rader = testrader(&db).await;
    assert_eq!(rader.hendelse, neste_hendelse, "a history row id after the migration");

    let fersk = ny_database(motor).await.unwrap();
    if let Some(forskjell) = les_skjema(&db).await.fakta().symmetric_difference(&les_skjema(&fersk.db).await.fakta()).next() {
        panic!("a migrated database in use and a fresh one differ: {forskjell}");
    }
}

mod i_bruk {
    use super::{kodesjekker_paa_database_i_bruk, Motor};

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        kodesjekker_paa_database_i_bruk(Motor::Sqlite).await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        kodesjekker_paa_database_i_bruk(Motor::Postgres).await;
    }
}
