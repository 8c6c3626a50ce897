//! What travels between the pages and the server, compiled for both: the forms as submitted
//! (and shown again with their errors), and the views the server functions return.
//!
//! The pages (`ui`) render these types, the use cases (`tjenester`) fill them and the web edge
//! (`server`) reads the posted forms into them, so neither edge imports the other. The texts
//! of the errors are the pages' business: their `melding` methods are in `ui`.

pub mod admin;
pub mod innsending;
pub mod ressurslenker;
pub mod sak;
