//! The domain: the rules of complaints about individual plans and coordinators, in plain Rust.
//!
//! Nothing in here touches a database, the network or the clock: every rule that depends on
//! "today" takes the date as an argument. The module compiles for the server and for the
//! browser alike, so the form can validate with the very same rules the server enforces.

pub mod dokument;
pub mod fnr;
pub mod frist;
pub mod historikk;
pub mod id;
pub mod innsyn;
pub mod klage;
pub mod kode;
pub mod lokalsti;
pub mod referanse;
pub mod sprak;
pub mod statistikk;
pub mod status;
pub mod steg;
pub mod tid;
pub mod tilgang;
