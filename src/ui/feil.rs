//! The error type of the server functions: what the browser may learn when a call fails.
//! Internal details are logged on the server and never serialised.

use leptos::server_fn::codec::JsonEncoding;
use leptos::server_fn::error::{FromServerFnError, ServerFnErrorErr};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
pub enum Tjenestefeil {
    /// A parameter was wrong; the text says which and why.
    #[error("{0}")]
    Ugyldig(String),
    /// The user must log in first.
    #[error("ikke innlogget")]
    IkkeInnlogget,
    /// Something failed on the server; it has been logged.
    #[error("intern feil")]
    Intern,
    /// The call itself failed (network, encoding).
    #[error("kallet feilet: {0}")]
    Kall(String),
}

impl FromServerFnError for Tjenestefeil {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(feil: ServerFnErrorErr) -> Self {
        Tjenestefeil::Kall(feil.to_string())
    }
}

#[cfg(feature = "ssr")]
impl From<crate::db::DbFeil> for Tjenestefeil {
    fn from(feil: crate::db::DbFeil) -> Self {
        tracing::error!(feil = %feil, "databasefeil i serverfunksjon");
        Tjenestefeil::Intern
    }
}
