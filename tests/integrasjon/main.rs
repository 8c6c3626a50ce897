//! The integration tests, as one test binary: the app is linked once, and every test gets a
//! fresh database of its own on each engine (see [`felles`]).
//!
//! - [`klageregister`]: registering complaints and taking steps through the forms;
//! - [`tilgang`]: the access matrix, every actor against every page, server function and post;
//! - [`okter`]: sessions, logins and their limits;
//! - [`admin`]: the administrator's users and mappings;
//! - [`dokumenter`]: the case file's documents: upload, download, refusals, scope, visibility, S3;
//! - [`oidc`]: login against a real OpenID Connect provider on loopback;
//! - [`revisjon`]: the audit log's hash chain;
//! - [`forankring`]: the audit log's signed checkpoints, and rewrites they catch;
//! - [`roller`]: the owner and application roles on PostgreSQL;
//! - [`skjema`]: the two engines' schemas compared, and the CHECK on every code column;
//! - [`statistikk`] and [`angriper`]: the statistics, and an outsider trying to break them;
//! - [`drift`]: the app when its PostgreSQL server goes away and comes back;
//! - [`fritekst`]: the caps on every free-text field;
//! - [`fnr`]: the fødselsnummer at rest: encrypted, its key rotated, no clear text anywhere.
//! - [`ressurser`]: the static files under hashed names, cached and precompressed, and HTML and
//!   JSON compressed on the fly.

mod felles;

mod admin;
mod angriper;
mod dokumenter;
mod drift;
mod fnr;
mod forankring;
mod fritekst;
mod klageregister;
mod oidc;
mod okter;
mod ressurser;
mod revisjon;
mod roller;
mod skjema;
mod statistikk;
mod tilgang;
