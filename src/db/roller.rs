//! Two PostgreSQL roles: the owner of the tables, which migrates, and the application's login,
//! which may do only what the app does.
//!
//! The owner of a table can do anything to it: disable or drop the append-only triggers of
//! `revisjon` and rewrite the log. So in production the server should not log in as the owner
//! (`KLAGESAK_EIER_URL` migrates, `DATABASE_URL` serves; see the README). After migrating, the
//! owner grants the application role (`KLAGESAK_APP_ROLLE`) exactly this, in one transaction,
//! replacing whatever it had before:
//!
//! - `revisjon`: `SELECT` and `INSERT` only. No `UPDATE`, `DELETE` or `TRUNCATE`, and, not
//!   being the owner, no `ALTER TABLE` or `DROP TRIGGER` either.
//! - `revisjon_hode`: `SELECT`, and `UPDATE` of `siste_hash` alone, because every writer moves
//!   the head. The trigger `revisjon_hode_bare_framover` lets it move only to the row just
//!   chained onto it, and the app cannot disable that trigger. What the app role can still do:
//!   insert rows of its own making (it is the app; it writes the log), with a chain link that
//!   does not fit, which `revisjon::verifiser` then reports. It can add, never change or remove.
//! - `_sqlx_migrations`: `SELECT`, so the server can see that nothing is pending.
//! - every other table: `SELECT`, `INSERT`, `UPDATE` and `DELETE`. Identity columns need no
//!   rights on their sequences.
//!
//! The residual risk is the owner (and any superuser): they can still rewrite the log and its
//! chain consistently. The signed checkpoints of [`super::forankring`], kept outside the
//! database, are what reveal that.

use sqlx::Row;

use super::{Database, DbFeil, Motor};

/// Whether `navn` is a role name that needs no quoting in PostgreSQL: lower-case letters,
/// digits and `_`, not starting with a digit, at most 63 bytes.
pub fn gyldig_rollenavn(navn: &str) -> bool {
    let mut tegn = navn.chars();
    navn.len() <= 63
        && tegn.next().is_some_and(|c| c.is_ascii_lowercase() || c == '_')
        && tegn.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

/// A name from the catalogue, quoted.
fn sitert(navn: &str) -> String {
    format!("\"{}\"", navn.replace('"', "\"\""))
}

/// What the application role may do with one table (see the module doc).
fn rettigheter(tabell: &str) -> &'static [&'static str] {
    match tabell {
        "revisjon" => &["SELECT, INSERT"],
        "revisjon_hode" => &["SELECT", "UPDATE (siste_hash)"],
        "_sqlx_migrations" => &["SELECT"],
        _ => &["SELECT, INSERT, UPDATE, DELETE"],
    }
}

/// Grants `rolle` what the application needs on every table of the current schema, and
/// nothing more (earlier grants are revoked first). Run by the owner after migrating, so a new
/// table is covered by the next `klagesak migrate`. PostgreSQL only.
#[tracing::instrument(level = "debug", skip_all)]
pub async fn gi_app_rollen(eier: &Database, rolle: &str) -> Result<(), DbFeil> {
    if eier.motor != Motor::Postgres {
        return Err(DbFeil::UgyldigeData("app-rollen finnes bare på PostgreSQL".into()));
    }
    if !gyldig_rollenavn(rolle) {
        return Err(DbFeil::UgyldigeData(format!("«{rolle}» er ikke et gyldig rollenavn")));
    }
    let rolle = sitert(rolle);
    let mut tx = eier.pool.begin().await?;
    // Instances starting at once would otherwise grant concurrently, which PostgreSQL refuses
    // ("tuple concurrently updated"); in one transaction, others never see the role without.
    sqlx::query("SELECT pg_advisory_xact_lock(74202)").execute(&mut *tx).await?;
    let skjema: String = sqlx::query("SELECT current_schema()::text AS s").fetch_one(&mut *tx).await?.try_get("s")?;
    let tabeller: Vec<String> = sqlx::query("SELECT tablename::text AS t FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1")
        .fetch_all(&mut *tx)
        .await?
        .iter()
        .map(|r| r.try_get("t"))
        .collect::<Result<_, _>>()?;
    sqlx::query(&format!("GRANT USAGE ON SCHEMA {} TO {rolle}", sitert(&skjema))).execute(&mut *tx).await?;
    for tabell in &tabeller {
        let t = sitert(tabell);
        // Revoking the table's rights revokes its column rights too.
        sqlx::query(&format!("REVOKE ALL ON TABLE {t} FROM {rolle}")).execute(&mut *tx).await?;
        for rett in rettigheter(tabell) {
            sqlx::query(&format!("GRANT {rett} ON TABLE {t} TO {rolle}")).execute(&mut *tx).await?;
        }
    }
    tx.commit().await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_role_names_are_accepted() {
        for navn in ["klagesak_app", "_app", "app2"] {
            assert!(gyldig_rollenavn(navn), "{navn}");
        }
        for navn in ["", "2app", "App", "app-rolle", "app; DROP TABLE revisjon", "app\"", &"a".repeat(64)] {
            assert!(!gyldig_rollenavn(navn), "{navn}");
        }
    }

    #[test]
    fn the_log_is_append_only_for_the_app_and_the_rest_is_ordinary() {
        assert_eq!(rettigheter("revisjon"), ["SELECT, INSERT"]);
        assert_eq!(rettigheter("revisjon_hode"), ["SELECT", "UPDATE (siste_hash)"]);
        assert_eq!(rettigheter("klage"), ["SELECT, INSERT, UPDATE, DELETE"]);
        assert_eq!(sitert("a\"b"), "\"a\"\"b\"");
    }
}
