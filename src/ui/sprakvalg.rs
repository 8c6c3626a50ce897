//! Which language a page is in, and the switch between bokmål and nynorsk.
//!
//! The choice is remembered in the `sprak` cookie. The server reads the cookie and sets
//! `<html lang>`; the browser reads `lang` back when it hydrates, so both render the same text.

use leptos::prelude::*;
use leptos_router::hooks::use_location;

use super::tekster as t;
use crate::domain::sprak::Sprak;

/// Reads the language from the `Cookie: sprak=nn` header.
pub fn fra_cookie(cookie: &str) -> Option<Sprak> {
    cookie
        .split(';')
        .filter_map(|del| del.trim().split_once('='))
        .find(|(navn, _)| *navn == "sprak")
        .and_then(|(_, verdi)| Sprak::fra_tag(verdi))
}

/// The language of the current request (server) or page (browser).
pub fn gjeldende_sprak() -> Sprak {
    if let Some(sprak) = use_context::<Sprak>() {
        return sprak;
    }
    #[cfg(feature = "ssr")]
    {
        use_context::<http::request::Parts>()
            .and_then(|deler| deler.headers.get_all(http::header::COOKIE).iter().filter_map(|v| v.to_str().ok()).find_map(fra_cookie))
            .unwrap_or_default()
    }
    #[cfg(all(not(feature = "ssr"), feature = "hydrate"))]
    {
        web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.document_element())
            .and_then(|e| e.get_attribute("lang"))
            .and_then(|lang| Sprak::fra_tag(&lang))
            .unwrap_or_default()
    }
    #[cfg(not(any(feature = "ssr", feature = "hydrate")))]
    {
        Sprak::default()
    }
}

/// Links to switch language; they keep the user on the same page.
#[component]
pub fn Sprakvelger() -> impl IntoView {
    let sprak = use_context::<Sprak>().unwrap_or_default();
    let location = use_location();
    let lenke = move |til: Sprak| {
        let sti = location.pathname.get();
        let sok = location.search.get();
        let tilbake = if sok.is_empty() { sti } else { format!("{sti}?{sok}") };
        let koda: String = form_urlencoded_light(&tilbake);
        format!("/sprak/{}?tilbake={}", til.tag(), koda)
    };
    view! {
        <nav class="sprakvelger" aria-label=t::SPRAKVALG.i(sprak)>
            <a class="ds-link" rel="external" href=move || lenke(Sprak::Nb) lang="nb" hreflang="nb"
                aria-current=move || (sprak == Sprak::Nb).then_some("true")>"Bokmål"</a>
            <span aria-hidden="true">" | "</span>
            <a class="ds-link" rel="external" href=move || lenke(Sprak::Nn) lang="nn" hreflang="nn"
                aria-current=move || (sprak == Sprak::Nn).then_some("true")>"Nynorsk"</a>
        </nav>
    }
}

/// Percent-encodes a local path for use as a query value.
fn form_urlencoded_light(tekst: &str) -> String {
    let mut ut = String::new();
    for b in tekst.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => ut.push(b as char),
            _ => ut.push_str(&format!("%{b:02X}")),
        }
    }
    ut
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cookie_is_read() {
        assert_eq!(fra_cookie("a=b; sprak=nn"), Some(Sprak::Nn));
        assert_eq!(fra_cookie("sprak=xx"), None);
        assert_eq!(form_urlencoded_light("/saker?status=avgjort&a=b"), "/saker%3Fstatus%3Davgjort%26a%3Db");
    }
}
