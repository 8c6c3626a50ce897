//! Security headers on every response.
//!
//! Pages get a Content-Security-Policy with a fresh nonce per response: only scripts carrying
//! that nonce run (Leptos puts it on its hydration script), plus what they load themselves
//! (`'strict-dynamic'`), and `'wasm-unsafe-eval'` lets the browser compile the hydration
//! `.wasm`. Everything else (API, files) gets a policy that allows nothing to run at all.

use axum::http::{header, HeaderName, HeaderValue};
use tower::layer::util::{Identity, Stack};
use tower::ServiceBuilder;
use tower_http::set_header::SetResponseHeaderLayer;

/// The policy of a page rendered with `nonce`.
pub fn sidepolicy(nonce: &str) -> String {
    format!(
        "default-src 'self'; script-src 'nonce-{nonce}' 'strict-dynamic' 'wasm-unsafe-eval'; \
         style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; \
         base-uri 'self'; form-action 'self'; frame-ancestors 'none'"
    )
}

/// The policy of everything that is not a page.
const STRENG_POLICY: &str = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/// Sets the page's policy with this response's nonce (called while the page renders).
pub fn sett_innholdspolicy() {
    let (Some(nonce), Some(svar)) = (leptos::nonce::use_nonce(), leptos::prelude::use_context::<leptos_axum::ResponseOptions>()) else {
        return;
    };
    if let Ok(verdi) = HeaderValue::from_str(&sidepolicy(&nonce)) {
        svar.insert_header(header::CONTENT_SECURITY_POLICY, verdi);
    }
}

type Hode = SetResponseHeaderLayer<HeaderValue>;

fn hode(navn: HeaderName, verdi: &'static str) -> Hode {
    SetResponseHeaderLayer::if_not_present(navn, HeaderValue::from_static(verdi))
}

/// The headers every response carries unless the handler set its own.
#[expect(clippy::type_complexity, reason = "the layer stack's type is what ServiceBuilder builds")]
pub fn hodelag() -> ServiceBuilder<Stack<Hode, Stack<Hode, Stack<Hode, Stack<Hode, Identity>>>>> {
    ServiceBuilder::new()
        .layer(hode(header::CONTENT_SECURITY_POLICY, STRENG_POLICY))
        .layer(hode(header::STRICT_TRANSPORT_SECURITY, "max-age=63072000; includeSubDomains"))
        .layer(hode(header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .layer(hode(header::REFERRER_POLICY, "same-origin"))
}
