//! How often an anonymous client may ask for statistics: a token bucket per client address
//! over the page, the JSON API, the exports and the page's server function.
//!
//! The public statistics are open to anyone, so something must stop one client from asking
//! thousands of questions a minute (to wear the server down, or to collect answers to combine).
//! Each address gets `stoet` requests at once and `per_minutt` more every minute; past that
//! the answer is 429 with `Retry-After` and a message in bokmål and nynorsk. Logged-in users are
//! not counted here: their work is never slowed by a burst from outside. The buckets live in
//! each app instance's memory (behind a load balancer the limit is per instance), bounded in
//! number. Time comes from the app's clock, so tests are exact.
//!
//! Configuration: `KLAGESAK_STATISTIKK_PER_MINUTT` (default 60) and
//! `KLAGESAK_STATISTIKK_STOET` (default 30).

use std::collections::HashMap;
use std::sync::Mutex;

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};

use super::AppState;
use crate::tjenester::{Klientadresse, Okt};

/// The limits.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Statistikkgrense {
    /// Requests added to a client's bucket per minute.
    pub per_minutt: u32,
    /// The bucket's size: how many requests a client may make at once.
    pub stoet: u32,
}

impl Default for Statistikkgrense {
    fn default() -> Statistikkgrense {
        Statistikkgrense { per_minutt: 60, stoet: 30 }
    }
}

impl Statistikkgrense {
    /// No limit worth the name (for tests that are about something else).
    pub fn ubegrenset() -> Statistikkgrense {
        Statistikkgrense { per_minutt: u32::MAX, stoet: u32::MAX }
    }

    /// The defaults, changed by `KLAGESAK_STATISTIKK_PER_MINUTT` and `KLAGESAK_STATISTIKK_STOET`
    /// as `tall` reads them (a positive number, or `None`): see `server::config::Konfig`.
    pub fn fra(tall: impl Fn(&str) -> Option<i64>) -> Statistikkgrense {
        let tall = |navn: &str| tall(navn).and_then(|n| u32::try_from(n).ok());
        let mut g = Statistikkgrense::default();
        if let Some(n) = tall("KLAGESAK_STATISTIKK_PER_MINUTT") {
            g.per_minutt = n;
        }
        if let Some(n) = tall("KLAGESAK_STATISTIKK_STOET") {
            g.stoet = n;
        }
        g
    }
}

/// The most clients remembered at once; past that, full buckets are forgotten first.
const MAKS_KLIENTER: usize = 100_000;

/// One client's bucket: tokens left at the last request.
#[derive(Clone, Copy, Debug)]
struct Boette {
    tokens: f64,
    sist: DateTime<Utc>,
}

/// Every client's bucket.
#[derive(Debug)]
pub struct Statistikkteller {
    grense: Statistikkgrense,
    boetter: Mutex<HashMap<String, Boette>>,
}

impl Statistikkteller {
    pub fn new(grense: Statistikkgrense) -> Statistikkteller {
        Statistikkteller { grense, boetter: Mutex::new(HashMap::new()) }
    }

    fn fyll(&self, b: Boette, naa: DateTime<Utc>) -> f64 {
        let sekunder = (naa - b.sist).num_milliseconds().max(0) as f64 / 1000.0;
        (b.tokens + sekunder * f64::from(self.grense.per_minutt) / 60.0).min(f64::from(self.grense.stoet))
    }

    /// Lets one request from `klient` in, or says in how many seconds it may try again.
    pub fn slipp_inn(&self, klient: &str, naa: DateTime<Utc>) -> Result<(), u64> {
        let mut boetter = self.boetter.lock().unwrap_or_else(|e| e.into_inner());
        if boetter.len() >= MAKS_KLIENTER && !boetter.contains_key(klient) {
            let fulle = f64::from(self.grense.stoet);
            boetter.retain(|_, b| self.fyll(*b, naa) < fulle);
            if boetter.len() >= MAKS_KLIENTER {
                boetter.clear();
            }
        }
        let b = boetter.entry(klient.to_owned()).or_insert(Boette { tokens: f64::from(self.grense.stoet), sist: naa });
        let tokens = self.fyll(*b, naa);
        if tokens >= 1.0 {
            *b = Boette { tokens: tokens - 1.0, sist: naa };
            Ok(())
        } else {
            *b = Boette { tokens, sist: naa };
            let per_sekund = f64::from(self.grense.per_minutt) / 60.0;
            Err(((1.0 - tokens) / per_sekund).ceil().max(1.0) as u64)
        }
    }
}

/// The router layer of the statistics' routes (`server::ruter`): anonymous requests pass
/// through the client's bucket.
pub async fn begrens(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let anonym = req.extensions().get::<Okt>().is_none_or(|i| i.0.is_none());
    if anonym {
        let klient = req.extensions().get::<Klientadresse>().map(|a| a.0.clone()).unwrap_or_default();
        if let Err(sekunder) = state.statistikkteller.slipp_inn(&klient, state.klokke.naa()) {
            return for_mange(req.uri().path(), sekunder);
        }
    }
    next.run(req).await
}

/// 429 with `Retry-After`: JSON in the API's error shape for the API, text for the page.
fn for_mange(sti: &str, sekunder: u64) -> Response {
    let feil = format!("For mange forespørsler etter statistikk på kort tid. Prøv igjen om {sekunder} sekunder.");
    let feil_nn = format!("For mange førespurnader etter statistikk på kort tid. Prøv igjen om {sekunder} sekund.");
    let mut svar = if sti.starts_with("/api/v1/") {
        (StatusCode::TOO_MANY_REQUESTS, axum::Json(super::api::Parameterfeil { feil, feil_nn, parameter: String::new() })).into_response()
    } else {
        (StatusCode::TOO_MANY_REQUESTS, [(header::CONTENT_TYPE, "text/plain; charset=utf-8")], format!("{feil}\n{feil_nn}\n"))
            .into_response()
    };
    if let Ok(verdi) = HeaderValue::from_str(&sekunder.to_string()) {
        svar.headers_mut().insert(header::RETRY_AFTER, verdi);
    }
    svar
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    #[test]
    fn a_burst_is_let_in_up_to_the_bucket_then_told_when_to_come_back() {
        let t = Statistikkteller::new(Statistikkgrense { per_minutt: 60, stoet: 3 });
        let naa = DateTime::parse_from_rfc3339("2026-11-23T10:00:00Z").unwrap().with_timezone(&Utc);
        for _ in 0..3 {
            assert_eq!(t.slipp_inn("10.0.0.1", naa), Ok(()));
        }
        assert_eq!(t.slipp_inn("10.0.0.1", naa), Err(1), "one a second");
        assert_eq!(t.slipp_inn("10.0.0.2", naa), Ok(()), "another client has its own bucket");
        assert_eq!(t.slipp_inn("10.0.0.1", naa + Duration::seconds(1)), Ok(()));
        assert_eq!(t.slipp_inn("10.0.0.1", naa + Duration::seconds(1)), Err(1));
        assert_eq!(t.slipp_inn("10.0.0.1", naa + Duration::minutes(10)), Ok(()), "refilled");
    }
}
