//! HTML and JSON compressed on the fly (brotli or gzip, as the request accepts).
//!
//! Only `text/html` and `application/json` answers of more than a few hundred bytes are
//! compressed. Everything else is left as the handler made it: the static files (compressed at
//! build time, see [`super::ressurser`]), the CSV and XLSX exports (their content types and
//! `Content-Disposition` untouched; XLSX is a zip already), plain-text refusals, and an answer
//! that already has a `Content-Encoding` or is a range. The pages render completely before they
//! are sent (`SsrMode::Async`), so compressing does not hold back a stream the browser could
//! show early; were a page to stream out of order, brotli at quality 4 still passes each chunk
//! on as the encoder fills.
//!
//! ## BREACH
//!
//! Compressing a response that holds a secret next to text an attacker chose lets the attacker
//! learn the secret from the compressed size, by making the victim's browser ask many times.
//! The app puts no CSRF token in its pages (cross-site posts are refused by `Origin` and the
//! `SameSite=Lax` session cookie, see [`super::okt`]), the session token never appears in a
//! body, and the CSP nonce is new for every response, so none of those can be learned. What
//! remains are the logged-in pages: they show case data, and some echo the query (`/saker?…`).
//! A cross-site page can send the victim's browser there by a top-level navigation, which
//! carries the `Lax` cookie. So the routes for logged-in users ([`bare_fra_eget_nettsted`])
//! are compressed only when the browser says the request came from this site or from the user
//! (`Sec-Fetch-Site: same-origin` or `none`: a link or form in the app, the address bar, a
//! bookmark); a request from another site, or from a client that sends no fetch metadata, gets
//! them uncompressed. The public pages hold nothing secret and are always compressed.

use axum::extract::Request;
use axum::http::header;
use axum::middleware::Next;
use axum::response::Response;
use tower_http::compression::predicate::{Predicate, SizeAbove};
use tower_http::compression::CompressionLayer;

/// Smaller answers are sent as they are: compressing them gains nothing.
const MINSTE_STOERRELSE: u16 = 256;

/// A response extension that keeps a response uncompressed (see the module's BREACH note).
#[derive(Clone, Copy, Debug)]
pub struct Ukomprimert;

/// Which responses are compressed: HTML and JSON above [`MINSTE_STOERRELSE`], not marked
/// [`Ukomprimert`].
#[derive(Clone, Copy, Debug, Default)]
pub struct HtmlOgJson;

impl Predicate for HtmlOgJson {
    fn should_compress<B>(&self, svar: &http::Response<B>) -> bool
    where
        B: axum::body::HttpBody,
    {
        if svar.extensions().get::<Ukomprimert>().is_some() {
            return false;
        }
        let type_ = svar.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default();
        let type_ = type_.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
        matches!(type_.as_str(), "text/html" | "application/json") && SizeAbove::new(MINSTE_STOERRELSE).should_compress(svar)
    }
}

/// The layer: brotli and gzip (no deflate or zstd), for [`HtmlOgJson`].
pub fn lag() -> CompressionLayer<HtmlOgJson> {
    CompressionLayer::new().br(true).gzip(true).no_deflate().no_zstd().compress_when(HtmlOgJson)
}

/// Whether the browser says the request came from this site or from the user itself.
pub fn fra_eget_nettsted(req: &Request) -> bool {
    matches!(req.headers().get("sec-fetch-site").and_then(|v| v.to_str().ok()), Some("same-origin" | "none"))
}

/// The routes for logged-in users: compressed only for requests from this site (the BREACH
/// note in the module's documentation).
pub async fn bare_fra_eget_nettsted(req: Request, next: Next) -> Response {
    let eget = fra_eget_nettsted(&req);
    let mut svar = next.run(req).await;
    if !eget {
        svar.extensions_mut().insert(Ukomprimert);
    }
    svar
}
