//! The links from the page shell to the static files, as the server names them.

/// The URLs of the static files the shell links, by their plain names (`/ds/tema.css`): the
/// content-hashed name the server serves each under (`/ds/tema.<hash>.css`), made by the server
/// at start-up (`server::ressurser`). A name it does not know is linked as it is.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Ressurslenker(std::sync::Arc<std::collections::HashMap<String, String>>);

impl Ressurslenker {
    pub fn ny(lenker: std::collections::HashMap<String, String>) -> Ressurslenker {
        Ressurslenker(std::sync::Arc::new(lenker))
    }

    /// The URL to link for the file `sti`.
    pub fn url(&self, sti: &str) -> String {
        self.0.get(sti).cloned().unwrap_or_else(|| sti.to_owned())
    }
}
