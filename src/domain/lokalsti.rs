//! A path on this site (lokalsti): the only thing the app ever redirects to.
//!
//! The language switch and the login take a `tilbake` parameter from the URL or a form, which
//! anyone can write. A browser turns some strings that start with `/` into another site:
//! `//angriper.example`, `/\angriper.example` (a backslash counts as a slash), and the same with
//! a tab, CR or LF in between, which browsers strip before they look. So a local path is read
//! strictly: it starts with one `/`, holds no backslash and no control character anywhere, and
//! is short. Anything else is refused, and the caller falls back to a safe page.

use serde::{Deserialize, Serialize};

/// The longest path kept (a page with its query is far shorter).
pub const MAKS_LENGDE: usize = 2048;

/// A path on this site, safe to put in a `Location` header.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Lokalsti(String);

impl Lokalsti {
    /// Reads a path, or `None` if a browser could take it anywhere but this site.
    pub fn les(tekst: &str) -> Option<Lokalsti> {
        let mut tegn = tekst.chars();
        let trygg = tegn.next() == Some('/')
            && !matches!(tegn.next(), Some('/'))
            && tekst.len() <= MAKS_LENGDE
            && !tekst.chars().any(|c| c == '\\' || c.is_control());
        trygg.then(|| Lokalsti(tekst.to_owned()))
    }

    /// Reads a path, or falls back to `reserve` (a path of our own).
    pub fn les_eller(tekst: &str, reserve: &'static str) -> Lokalsti {
        Lokalsti::les(tekst).unwrap_or_else(|| Lokalsti(reserve.to_owned()))
    }

    /// The front page.
    pub fn forside() -> Lokalsti {
        Lokalsti("/".to_owned())
    }

    /// One of the app's own pages, written in the code (`/admin`, `/saker`).
    pub fn side(sti: &'static str) -> Lokalsti {
        Lokalsti::les_eller(sti, "/")
    }

    /// The page of one case.
    pub fn sak(id: crate::domain::id::KlageId) -> Lokalsti {
        Lokalsti(format!("/saker/{id}"))
    }

    /// The login page, coming back to `tilbake` afterwards.
    pub fn logg_inn(tilbake: &Lokalsti) -> Lokalsti {
        let kodet: String = url_kodet(tilbake.as_str());
        Lokalsti(format!("/logg-inn?tilbake={kodet}"))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// `tekst` percent-encoded for a query parameter's value.
fn url_kodet(tekst: &str) -> String {
    let mut ut = String::with_capacity(tekst.len() * 3);
    for b in tekst.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'*' => ut.push(b as char),
            b' ' => ut.push('+'),
            _ => ut.push_str(&format!("%{b:02X}")),
        }
    }
    ut
}

impl TryFrom<String> for Lokalsti {
    type Error = &'static str;

    fn try_from(tekst: String) -> Result<Lokalsti, &'static str> {
        Lokalsti::les(&tekst).ok_or("ikke en sti på dette nettstedet")
    }
}

impl From<Lokalsti> for String {
    fn from(sti: Lokalsti) -> String {
        sti.0
    }
}

impl std::fmt::Display for Lokalsti {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What an attacker puts in `tilbake`: each one a browser would take to another site.
    pub const ANGREP: &[&str] = &[
        "//angriper.example",
        "/\\angriper.example",
        "/\\/angriper.example",
        "\\\\angriper.example",
        "/\t/angriper.example",
        "/\r\n/angriper.example",
        "/\n/angriper.example",
        "/\u{0}/angriper.example",
        "https://angriper.example",
        "javascript:alert(1)",
        " /saker",
        "",
        "saker",
        "/saker\\..\\..\\angriper.example",
    ];

    #[test]
    fn only_paths_on_this_site_are_read() {
        for angrep in ANGREP {
            assert_eq!(Lokalsti::les(angrep), None, "{angrep:?}");
            assert_eq!(Lokalsti::les_eller(angrep, "/statistikk").as_str(), "/statistikk");
        }
        assert_eq!(Lokalsti::les(&format!("/{}", "a".repeat(MAKS_LENGDE))), None, "too long");
        for sti in ["/", "/saker/4", "/statistikk?fra=2024-01-01&kommune=0301", "/saker?q=%2F%2Fx"] {
            assert_eq!(Lokalsti::les(sti).map(String::from).as_deref(), Some(sti));
        }
        assert!(serde_json::from_str::<Lokalsti>(r#""//angriper.example""#).is_err());
    }
}
