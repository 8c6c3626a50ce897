//! The application layer: one function per use case, between the web edge and storage.
//!
//! Each use case takes the services ([`Tjenester`]: the database, the clock, the login
//! limits) and the acting user, decides with the domain's rules what that user may do and see
//! (`domain::tilgang`, `domain::innsyn`, `domain::statistikk::offentlig`), writes the audit
//! row, and returns the forms' and views' types (`crate::skjema`) or domain results. The
//! axum handlers (`server`) and the pages' server functions (`ui`) only translate HTTP to
//! these calls and their results back, so a rule is never decided twice.
//!
//! - [`saker`]: register a complaint, read a case, list cases, take a step, transfer, report
//!   a new decision, the leder's access list;
//! - [`statistikk`]: the figures for the page, the API, the exports and the command, and the
//!   management figures;
//! - [`dokumenter`]: upload, list and download a case's documents, mark one "registrert feil";
//! - [`admin`]: the administrator's users and OpenID Connect mappings;
//! - [`innlogging`]: logging in and out with a password;
//! - [`revisjonslogg`]: the audit rows of reads, logins and refusals;
//! - [`forankring`]: signed checkpoints of the audit log, kept outside the database;
//! - [`klokke`]: where "now" comes from.

pub mod admin;
pub mod dokumenter;
pub mod forankring;
pub mod innlogging;
pub mod klokke;
pub mod revisjonslogg;
pub mod saker;
pub mod statistikk;

use crate::db::brukere::Grenser;
use crate::db::Database;
use crate::domain::tilgang::{Aktoer, Bruker};

pub use klokke::Klokke;

/// What every use case works with. Cheap to clone: the database is a shared pool.
#[derive(Clone, Debug)]
pub struct Tjenester {
    pub db: Database,
    pub klokke: Klokke,
    /// The login and session limits.
    pub grenser: Grenser,
    /// Where the case file's documents are kept.
    pub dokumentlager: crate::db::dokumentlager::Dokumentlager,
    /// The largest document accepted, in bytes (`KLAGESAK_MAKS_DOKUMENT`).
    pub maks_dokument: u64,
}

/// The request's session as the session middleware found it (the user, or nobody): in every
/// request's extensions.
#[derive(Clone, Debug)]
pub struct Okt(pub Option<Bruker>);

/// The address the request came from (for the failed-login limit and the audit log).
#[derive(Clone, Debug)]
pub struct Klientadresse(pub String);

/// In a request's extensions when login with OpenID Connect is offered.
#[derive(Clone, Copy, Debug)]
pub struct OidcTilbudt;

/// The logged-in user of a request, from its extensions: `None` for an anonymous visitor.
pub fn bruker_fra(utvidelser: &http::Extensions) -> Option<Bruker> {
    utvidelser.get::<Okt>()?.0.clone()
}

/// The acting user of a request, from its extensions: `None` when nobody is logged in.
pub fn aktoer_fra(utvidelser: &http::Extensions) -> Option<Aktoer> {
    let bruker = bruker_fra(utvidelser)?;
    let adresse = utvidelser.get::<Klientadresse>().map(|a| a.0.clone());
    Some(Aktoer::Bruker { bruker, adresse })
}
