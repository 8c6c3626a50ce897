//! Who may see and do what: organisations, roles, and the rules that tie a user to the cases
//! of their own office or municipality.
//!
//! These are plain rules; the server applies them in every handler and inside every query
//! (see `db::klager`), never only in the user interface.

use serde::{Deserialize, Serialize};

use super::id::{BrukerId, Embetekode, Kommunenummer};
use super::klage::Klage;
use super::kode::Mottaker;
use super::sprak::Sprak;
use super::status::{Handling, Side};

/// The organisation a user belongs to. Codes as in DOMAIN.md: an office code, a 4-digit
/// municipality number, `direktoratet`, or `admin`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Organisasjon {
    Statsforvalter(Embetekode),
    Kommune(Kommunenummer),
    Direktoratet,
    Admin,
}

impl Organisasjon {
    /// Reads an organisation code; unknown offices and municipalities are refused.
    pub fn fra_kode(kode: &str) -> Option<Organisasjon> {
        let kode = kode.trim();
        match kode {
            "direktoratet" => Some(Organisasjon::Direktoratet),
            "admin" => Some(Organisasjon::Admin),
            _ => Embetekode::ny(kode).map(Organisasjon::Statsforvalter).or_else(|| Kommunenummer::ny(kode).map(Organisasjon::Kommune)),
        }
    }

    pub fn kode(&self) -> &str {
        match self {
            Organisasjon::Statsforvalter(k) => k.as_str(),
            Organisasjon::Kommune(k) => k.as_str(),
            Organisasjon::Direktoratet => "direktoratet",
            Organisasjon::Admin => "admin",
        }
    }

    /// The organisation's name for the page header.
    pub fn navn(&self, sprak: Sprak) -> String {
        match self {
            Organisasjon::Statsforvalter(k) => {
                super::referanse::statsforvalter(k.as_str()).map(|s| s.navn(sprak).to_owned()).unwrap_or_default()
            }
            Organisasjon::Kommune(k) => {
                super::referanse::kommune(k.as_str()).map(|k| format!("{} kommune", k.visningsnavn())).unwrap_or_default()
            }
            Organisasjon::Direktoratet => sprak.velg("Helsedirektoratet", "Helsedirektoratet").to_owned(),
            Organisasjon::Admin => sprak.velg("Systemadministrasjon", "Systemadministrasjon").to_owned(),
        }
    }
}

/// A role. A user has one or more, and each must fit the organisation kind.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rolle {
    /// Case officer at a governor office: all cases of the office.
    Saksbehandler,
    /// As saksbehandler, plus approving decisions and the office's management figures.
    Leder,
    /// Municipality staff: only complaints against their municipality.
    Kommune,
    /// The directorate: statistics only.
    Direktorat,
    /// Users and organisations; no case content.
    Admin,
}

impl Rolle {
    pub const ALLE: &'static [Rolle] = &[Rolle::Saksbehandler, Rolle::Leder, Rolle::Kommune, Rolle::Direktorat, Rolle::Admin];

    pub fn kode(self) -> &'static str {
        match self {
            Rolle::Saksbehandler => "saksbehandler",
            Rolle::Leder => "leder",
            Rolle::Kommune => "kommune",
            Rolle::Direktorat => "direktorat",
            Rolle::Admin => "admin",
        }
    }

    pub fn fra_kode(kode: &str) -> Option<Rolle> {
        Rolle::ALLE.iter().copied().find(|r| r.kode() == kode.trim())
    }

    /// Whether the role belongs in the organisation: case roles at an office, the
    /// municipality role at a municipality, and so on.
    pub fn passer_til(self, org: &Organisasjon) -> bool {
        matches!(
            (self, org),
            (Rolle::Saksbehandler | Rolle::Leder, Organisasjon::Statsforvalter(_))
                | (Rolle::Kommune, Organisasjon::Kommune(_))
                | (Rolle::Direktorat, Organisasjon::Direktoratet)
                | (Rolle::Admin, Organisasjon::Admin)
        )
    }
}

/// Why an organisation and roles cannot be given to someone (a user or an OpenID Connect
/// mapping). The messages are shown as they are at the command line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum Tildelingsfeil {
    #[error("ugyldig organisasjon: {0}")]
    UkjentOrganisasjon(String),
    #[error("rollen {0} passer ikke til organisasjonen")]
    RolleFeil(String),
    #[error("brukeren må ha minst én rolle")]
    IngenRolle,
}

/// The longest e-mail address there is (RFC 5321).
pub const MAKS_EPOST: usize = 254;

/// An e-mail address as typed, normalised (trimmed, lower case), or `None` when it does not
/// look like one: what the audit log may keep of a login attempt, so that a password typed in
/// the wrong field, or a page of text, never lands in rows that can never be deleted.
pub fn normalisert_epost(tekst: &str) -> Option<String> {
    let epost = tekst.trim().to_lowercase();
    let (lokal, domene) = epost.split_once('@')?;
    let gyldig = epost.len() <= MAKS_EPOST
        && (1..=64).contains(&lokal.len())
        && domene.contains('.')
        && !domene.starts_with('.')
        && !domene.ends_with('.')
        && !domene.contains('@')
        && epost.chars().all(|c| c.is_alphanumeric() || "@.-_+'".contains(c));
    gyldig.then_some(epost)
}

/// Checks an organisation code and the roles to give in it: a known organisation, at least
/// one role, and every role fitting the organisation ([`Rolle::passer_til`]).
pub fn tildeling(organisasjon: &str, roller: &[Rolle]) -> Result<Organisasjon, Tildelingsfeil> {
    let org = Organisasjon::fra_kode(organisasjon).ok_or_else(|| Tildelingsfeil::UkjentOrganisasjon(organisasjon.trim().to_owned()))?;
    if roller.is_empty() {
        return Err(Tildelingsfeil::IngenRolle);
    }
    if let Some(feil) = roller.iter().find(|r| !r.passer_til(&org)) {
        return Err(Tildelingsfeil::RolleFeil(feil.kode().to_owned()));
    }
    Ok(org)
}

/// A logged-in user as the rules see them. Not the session: no secrets here.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bruker {
    pub id: BrukerId,
    pub epost: String,
    pub navn: String,
    pub organisasjon: Organisasjon,
    pub roller: Vec<Rolle>,
}

/// A user as the administrator's list shows them: no case content, no secrets.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Brukeroversikt {
    pub bruker: Bruker,
    pub aktiv: bool,
    /// Whether the user can log in with a password (otherwise only with OpenID Connect).
    pub har_passord: bool,
    /// The last successful login, from the audit log.
    pub sist_innlogget: Option<chrono::DateTime<chrono::Utc>>,
}

/// Someone with access to an office's cases, as its leder sees them: who, with which roles,
/// since when, and whether the access is still open.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tilgangsrad {
    pub navn: String,
    pub epost: String,
    pub roller: Vec<Rolle>,
    pub siden: chrono::DateTime<chrono::Utc>,
    pub aktiv: bool,
}

/// What identifies a person at an OpenID Connect provider in a mapping: the provider's stable
/// subject (`sub`), or an e-mail address the provider says it has verified.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Identitetsnoekkel {
    Subjekt(String),
    Epost(String),
}

/// A mapping the administrator maintains (kobling): who may log in with OpenID Connect, and
/// with which organisation and roles. The token's claims say who someone is; only this says
/// what they may do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Oidckobling {
    pub id: i64,
    /// The provider's issuer URL, exactly as in its tokens.
    pub issuer: String,
    pub noekkel: Identitetsnoekkel,
    pub organisasjon: Organisasjon,
    pub roller: Vec<Rolle>,
}

/// Which cases a user can reach. Every query that reads case data takes one.
///
/// Only [`Bruker::omfang`] makes one, from the user's organisation and roles: no handler,
/// query or test can widen a scope by naming an office.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Omfang(Omfangsart);

/// What a scope reaches, as [`Omfang::art`] shows it to the queries that filter by it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Omfangsart {
    /// The cases handled by one governor office.
    Statsforvalter(Embetekode),
    /// The cases where one municipality is complained against.
    Kommune(Kommunenummer),
    /// No case at all (the directorate, the administrator).
    Ingen,
}

impl Bruker {
    pub fn har(&self, rolle: Rolle) -> bool {
        self.roller.contains(&rolle)
    }

    /// Whether the user administers users and access: the admin role in the admin organisation.
    pub fn er_admin(&self) -> bool {
        self.organisasjon == Organisasjon::Admin && self.har(Rolle::Admin)
    }

    /// The roles as one text, for the audit log.
    pub fn roller_tekst(&self) -> String {
        self.roller.iter().map(|r| r.kode()).collect::<Vec<_>>().join(",")
    }

    /// The cases this user may see. Only the case roles open any.
    pub fn omfang(&self) -> Omfang {
        Omfang(match &self.organisasjon {
            Organisasjon::Statsforvalter(k) if self.har(Rolle::Saksbehandler) || self.har(Rolle::Leder) => {
                Omfangsart::Statsforvalter(k.clone())
            }
            Organisasjon::Kommune(k) if self.har(Rolle::Kommune) => Omfangsart::Kommune(k.clone()),
            _ => Omfangsart::Ingen,
        })
    }

    /// The side of the case this user acts for, if any.
    pub fn side(&self) -> Option<Side> {
        match self.omfang().art() {
            Omfangsart::Statsforvalter(_) => Some(Side::Statsforvalter),
            Omfangsart::Kommune(_) => Some(Side::Kommune),
            Omfangsart::Ingen => None,
        }
    }

    /// Whether the user may take this step on a case (already known to be within their
    /// scope): each step belongs to one side, only a leder approves a proposed decision, and
    /// never one they proposed themselves (the four-eyes rule).
    ///
    /// # Errors
    ///
    /// [`StegNekt`] says which rule refused it, for the message the user gets.
    pub fn vurder_steg(&self, handling: Handling, klage: &Klage) -> Result<(), StegNekt> {
        if self.side() != Some(handling.side(klage.status())) {
            return Err(StegNekt::AnnenSide);
        }
        if handling == Handling::Godkjenn {
            if !self.er_leder() {
                return Err(StegNekt::KreverLeder);
            }
            if klage.foreslaatt_av == Some(self.id) {
                return Err(StegNekt::EgetForslag);
            }
        }
        Ok(())
    }

    /// [`Bruker::vurder_steg`] as a yes or no, for choosing which buttons to show.
    pub fn kan_utfoere(&self, handling: Handling, klage: &Klage) -> bool {
        self.vurder_steg(handling, klage).is_ok()
    }

    /// Whether the user may register a complaint received where `mottaker` says, against
    /// the municipality `kommune`: an office for its own municipalities, a municipality only
    /// complaints it received itself.
    pub fn kan_registrere(&self, kommune: &Kommunenummer, mottaker: Mottaker) -> bool {
        match self.omfang().art() {
            Omfangsart::Statsforvalter(sf) => kommune.embete() == *sf,
            Omfangsart::Kommune(k) => k == kommune && mottaker == Mottaker::Kommunen,
            Omfangsart::Ingen => false,
        }
    }

    /// Whether the user may see the office's management figures (and who looked at a case).
    pub fn er_leder(&self) -> bool {
        matches!(self.organisasjon, Organisasjon::Statsforvalter(_)) && self.har(Rolle::Leder)
    }
}

/// Who is acting, for the access checks and the audit log: a logged-in user (with the
/// address the request came from) or the system itself (the command line, the demo loader),
/// which is never reachable from a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Aktoer {
    Bruker { bruker: Bruker, adresse: Option<String> },
    Systemet(Systemaktoer),
}

/// The system acting on its own, named in the audit log. It bypasses every access rule but
/// the state machine's, so it is made only by the command line and the demo loader, which run
/// outside any request: the constructors are crate-private, and the web edge never calls them
/// (`grep -rn "Systemaktoer::" src/server src/ui src/tjenester` lists nothing).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Systemaktoer(&'static str);

impl Systemaktoer {
    /// An administrator's command at the command line (`klagesak bruker ny`, `oidc kobling`).
    #[cfg(any(feature = "ssr", test))]
    pub(crate) const fn kommandolinjen() -> Systemaktoer {
        Systemaktoer("kommandolinjen")
    }

    /// The demo loader (`klagesak demo`).
    #[cfg(any(feature = "ssr", test))]
    pub(crate) const fn demodata() -> Systemaktoer {
        Systemaktoer("demodata")
    }

    /// The name written in the audit log's detail.
    pub fn navn(self) -> &'static str {
        self.0
    }
}

impl Aktoer {
    /// Whether a case (by office and municipality) lies within what the actor may reach.
    pub fn omfatter(&self, statsforvalter: &Embetekode, kommune: &Kommunenummer) -> bool {
        match self {
            Aktoer::Bruker { bruker, .. } => bruker.omfang().omfatter(statsforvalter, kommune),
            Aktoer::Systemet(_) => true,
        }
    }

    /// Whether the actor may take this step on the case (given it is within scope). The
    /// system (the demo loader) may take any step the state machine allows.
    ///
    /// # Errors
    ///
    /// As [`Bruker::vurder_steg`].
    pub fn vurder_steg(&self, handling: Handling, klage: &Klage) -> Result<(), StegNekt> {
        match self {
            Aktoer::Bruker { bruker, .. } => bruker.vurder_steg(handling, klage),
            Aktoer::Systemet(_) => Ok(()),
        }
    }

    /// Whether the actor may report the municipality's new decision after `opphevet`: the
    /// municipality's side only.
    pub fn kan_melde_nytt_vedtak(&self) -> bool {
        match self {
            Aktoer::Bruker { bruker, .. } => bruker.side() == Some(Side::Kommune),
            Aktoer::Systemet(_) => true,
        }
    }

    /// Whether the actor may transfer a case between offices: the governor's side only.
    pub fn kan_overfoere(&self) -> bool {
        match self {
            Aktoer::Bruker { bruker, .. } => bruker.side() == Some(Side::Statsforvalter),
            Aktoer::Systemet(_) => true,
        }
    }

    pub fn bruker(&self) -> Option<&Bruker> {
        match self {
            Aktoer::Bruker { bruker, .. } => Some(bruker),
            Aktoer::Systemet(_) => None,
        }
    }
}

/// Why a user who can see a case may not take a step on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum StegNekt {
    /// The step belongs to the other side (the municipality or the governor).
    #[error("steget hører til den andre parten i saken")]
    AnnenSide,
    /// Only a leder approves a proposed decision.
    #[error("bare en leder kan godkjenne et vedtak")]
    KreverLeder,
    /// The four-eyes rule: the one who proposed a decision cannot approve it.
    #[error("du kan ikke godkjenne et vedtak du selv har foreslått")]
    EgetForslag,
}

impl Omfang {
    /// What the scope reaches.
    pub fn art(&self) -> &Omfangsart {
        &self.0
    }

    /// Whether a case (by its office and municipality) lies within this scope.
    pub fn omfatter(&self, statsforvalter: &Embetekode, kommune: &Kommunenummer) -> bool {
        match &self.0 {
            Omfangsart::Statsforvalter(sf) => sf == statsforvalter,
            Omfangsart::Kommune(k) => k == kommune,
            Omfangsart::Ingen => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_what_looks_like_an_email_address_is_kept() {
        assert_eq!(normalisert_epost("  Kari.Nordmann@Molde.Kommune.no "), Some("kari.nordmann@molde.kommune.no".to_owned()));
        assert_eq!(normalisert_epost("ola+test@example.no"), Some("ola+test@example.no".to_owned()));
        for feil in ["MittPassord123!", "hemmelig passord", "a@b", "@molde.no", "kari@@molde.no", "kari@molde.no ; drop", "", "a@.no"] {
            assert_eq!(normalisert_epost(feil), None, "{feil}");
        }
        assert_eq!(normalisert_epost(&format!("{}@molde.no", "a".repeat(300))), None);
    }
    use crate::domain::kode::Utfall;
    use crate::domain::status::Status;

    fn bruker(org: &str, roller: &[Rolle]) -> Bruker {
        Bruker {
            id: BrukerId(1),
            epost: "a@b.no".into(),
            navn: "A".into(),
            organisasjon: Organisasjon::fra_kode(org).unwrap(),
            roller: roller.to_vec(),
        }
    }

    #[test]
    fn organisation_codes() {
        assert_eq!(Organisasjon::fra_kode("rogaland"), Some(Organisasjon::Statsforvalter(Embetekode::ny("rogaland").unwrap())));
        assert_eq!(Organisasjon::fra_kode("1506"), Some(Organisasjon::Kommune(Kommunenummer::ny("1506").unwrap())));
        assert_eq!(Organisasjon::fra_kode("direktoratet"), Some(Organisasjon::Direktoratet));
        assert_eq!(Organisasjon::fra_kode("9999"), None);
        assert!(Rolle::Leder.passer_til(&Organisasjon::Statsforvalter(Embetekode::ny("agder").unwrap())));
        assert!(!Rolle::Kommune.passer_til(&Organisasjon::Statsforvalter(Embetekode::ny("agder").unwrap())));
    }

    #[test]
    fn organisation_and_roles_are_checked_together() {
        assert_eq!(tildeling("1506", &[Rolle::Kommune]), Ok(Organisasjon::Kommune(Kommunenummer::ny("1506").unwrap())));
        assert_eq!(tildeling("1506", &[Rolle::Leder]), Err(Tildelingsfeil::RolleFeil("leder".into())));
        assert_eq!(tildeling("1506", &[]), Err(Tildelingsfeil::IngenRolle));
        assert_eq!(tildeling("9999", &[Rolle::Kommune]), Err(Tildelingsfeil::UkjentOrganisasjon("9999".into())));
    }

    #[test]
    fn scope_follows_organisation_and_role() {
        assert_eq!(
            bruker("rogaland", &[Rolle::Saksbehandler]).omfang().art(),
            &Omfangsart::Statsforvalter(Embetekode::ny("rogaland").unwrap())
        );
        assert_eq!(bruker("1506", &[Rolle::Kommune]).omfang().art(), &Omfangsart::Kommune(Kommunenummer::ny("1506").unwrap()));
        assert_eq!(bruker("direktoratet", &[Rolle::Direktorat]).omfang().art(), &Omfangsart::Ingen);
        assert_eq!(bruker("admin", &[Rolle::Admin]).omfang().art(), &Omfangsart::Ingen);
        // A role that does not fit the organisation opens nothing.
        assert_eq!(bruker("rogaland", &[Rolle::Kommune]).omfang().art(), &Omfangsart::Ingen);
    }

    fn sak(status: Status, utfall: Option<Utfall>, foreslaatt_av: Option<i64>) -> Klage {
        crate::domain::klage::testsak(status, utfall, foreslaatt_av)
    }

    fn med_id(mut bruker: Bruker, id: i64) -> Bruker {
        bruker.id = BrukerId(id);
        bruker
    }

    #[test]
    fn four_eyes_a_leder_approves_what_someone_else_proposed() {
        let saksbehandler = med_id(bruker("more-og-romsdal", &[Rolle::Saksbehandler]), 10);
        let leder = med_id(bruker("more-og-romsdal", &[Rolle::Leder]), 20);
        let annen_leder = med_id(bruker("more-og-romsdal", &[Rolle::Saksbehandler, Rolle::Leder]), 30);
        let kommune = med_id(bruker("1506", &[Rolle::Kommune]), 40);
        let foreslaatt_av = |id| sak(Status::TilGodkjenning, Some(Utfall::Endret), Some(id));

        assert_eq!(leder.vurder_steg(Handling::Godkjenn, &foreslaatt_av(10)), Ok(()));
        assert_eq!(saksbehandler.vurder_steg(Handling::Godkjenn, &foreslaatt_av(20)), Err(StegNekt::KreverLeder));
        assert_eq!(leder.vurder_steg(Handling::Godkjenn, &foreslaatt_av(20)), Err(StegNekt::EgetForslag));
        assert_eq!(annen_leder.vurder_steg(Handling::Godkjenn, &foreslaatt_av(20)), Ok(()));
        assert_eq!(kommune.vurder_steg(Handling::Godkjenn, &foreslaatt_av(10)), Err(StegNekt::AnnenSide));
        // Sending back is open to the whole office, so the proposer can withdraw a proposal.
        assert_eq!(saksbehandler.vurder_steg(Handling::SendTilbake, &foreslaatt_av(10)), Ok(()));
        // The system (demo loader) is bound by the state machine only.
        assert_eq!(Aktoer::Systemet(Systemaktoer::demodata()).vurder_steg(Handling::Godkjenn, &foreslaatt_av(10)), Ok(()));
    }

    #[test]
    fn each_side_takes_its_own_steps() {
        let sf = bruker("more-og-romsdal", &[Rolle::Saksbehandler]);
        let kommune = bruker("1506", &[Rolle::Kommune]);
        let foreslaa = Handling::ForeslaaVedtak { utfall: Utfall::Stadfestet };
        let under_vurdering = sak(Status::UnderVurdering, None, None);
        let forberedende = sak(Status::ForberedendeBehandling, None, None);
        assert!(sf.kan_utfoere(foreslaa, &under_vurdering));
        assert!(!kommune.kan_utfoere(foreslaa, &under_vurdering));
        assert!(kommune.kan_utfoere(Handling::Oversend { delvis_medhold: false }, &forberedende));
        assert!(!sf.kan_utfoere(Handling::GiMedhold, &forberedende));
        let molde = Kommunenummer::ny("1506").unwrap();
        assert!(sf.kan_registrere(&molde, Mottaker::Statsforvalteren));
        assert!(!sf.kan_registrere(&Kommunenummer::ny("0301").unwrap(), Mottaker::Statsforvalteren));
        assert!(kommune.kan_registrere(&molde, Mottaker::Kommunen));
        assert!(!kommune.kan_registrere(&molde, Mottaker::Statsforvalteren));
    }
}
