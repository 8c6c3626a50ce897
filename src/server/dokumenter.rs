//! The case file's posts and downloads: thin adapters over `tjenester::dokumenter`.
//!
//! - `POST /saker/{id}/dokumenter`: a `multipart/form-data` upload (works without
//!   JavaScript), behind a body limit of its own ([`kroppsgrense`]);
//! - `GET /saker/{id}/dokumenter/{nr}`: the file, with its checked type, as an attachment,
//!   `nosniff` and `no-store`;
//! - `POST /saker/{id}/dokumenter/{nr}/feil`: mark it "registrert feil" (the office).
//!
//! On an error the case page is rendered again with the error next to its field, and nothing
//! is stored.

use axum::extract::{Multipart, Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use bytes::{Bytes, BytesMut};

use super::feil::Webfeil;
use super::uttrekk::{Gjenvisning, Innlogget, Skjemadata};
use super::AppState;
use crate::domain::dokument::{Dokumentfeil, Dokumentskjema};
use crate::domain::id::KlageId;
use crate::domain::lokalsti::Lokalsti;
use crate::skjema::innsending::{Avvisning, DokumentInnsending, Innsending};
use crate::tjenester::dokumenter::{self, Feilregistreringsfeil, Opplasting, Opplastingsfeil};

/// The body limit of an upload: the largest document, plus room for the form's other fields
/// and the multipart framing.
pub fn kroppsgrense(maks_dokument: u64) -> usize {
    usize::try_from(maks_dokument).unwrap_or(usize::MAX).saturating_add(64 * 1024)
}

/// The upload form as posted. The file is read up to one byte over the limit: enough to tell
/// that it is too big.
async fn les_opplasting(mut deler: Multipart, maks: u64) -> Result<Opplasting, Dokumentfeil> {
    let mut opplasting = Opplasting { filnavn: String::new(), innhold: Bytes::new(), skjema: Dokumentskjema::default() };
    let for_stor = Dokumentfeil::ForStor(maks);
    while let Some(mut del) = deler.next_field().await.map_err(|_| for_stor)? {
        let navn = del.name().unwrap_or_default().to_owned();
        if navn == "fil" {
            opplasting.filnavn = del.file_name().unwrap_or_default().to_owned();
            let mut innhold = BytesMut::new();
            while let Some(bit) = del.chunk().await.map_err(|_| for_stor)? {
                innhold.extend_from_slice(&bit);
                if innhold.len() as u64 > maks {
                    return Err(for_stor);
                }
            }
            opplasting.innhold = innhold.freeze();
            continue;
        }
        let verdi = del.text().await.map_err(|_| for_stor)?;
        let skjema = &mut opplasting.skjema;
        match navn.as_str() {
            "art" => skjema.art = verdi,
            "tittel" => skjema.tittel = verdi,
            "avsender_mottaker" => skjema.avsender_mottaker = verdi,
            "dato" => skjema.dato = verdi,
            "synlighet" => skjema.synlighet = verdi,
            _ => {}
        }
    }
    Ok(opplasting)
}

/// `POST /saker/{id}/dokumenter`: check, store, register; back to the case (303). On an error
/// the case again with each error next to its field.
pub async fn last_opp(
    State(state): State<AppState>,
    Path(id): Path<KlageId>,
    Innlogget(aktoer): Innlogget,
    side: Gjenvisning,
    deler: Multipart,
) -> Result<Response, Webfeil> {
    let t = state.tjenester();
    let sti = Lokalsti::sak(id);
    let (skjema, utfall) = match les_opplasting(deler, t.maks_dokument).await {
        Ok(opplasting) => {
            let skjema = opplasting.skjema.clone();
            (skjema, dokumenter::last_opp(&t, &aktoer, id, opplasting).await)
        }
        Err(feil) => (Dokumentskjema::default(), Err(Opplastingsfeil::Ugyldig(vec![feil]))),
    };
    let (status, feil, avvist) = match utfall {
        Ok(_) => return Ok(sti.into_response()),
        Err(Opplastingsfeil::IkkeFunnet) => return Err(Webfeil::IkkeFunnet),
        Err(Opplastingsfeil::Ugyldig(feil)) => {
            let status = if feil.iter().any(|f| matches!(f, Dokumentfeil::ForStor(_))) {
                StatusCode::PAYLOAD_TOO_LARGE
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            };
            (status, feil, None)
        }
        Err(Opplastingsfeil::IkkeTillatt) => (StatusCode::FORBIDDEN, Vec::new(), Some(Avvisning::IkkeTillatt)),
        Err(Opplastingsfeil::Lagring) => (StatusCode::INTERNAL_SERVER_ERROR, Vec::new(), Some(Avvisning::Lagring)),
    };
    let innsending = Innsending::Dokument(DokumentInnsending { skjema, feil, feilregistrering: None, avvist });
    Ok(side.vis(&state, sti.as_str(), innsending, status).await)
}

/// `GET /saker/{id}/dokumenter/{nr}`: the file, if the user may see it (404 otherwise, like a
/// case outside their scope). The audit row is written before the answer.
pub async fn last_ned(
    State(state): State<AppState>,
    Path((id, nr)): Path<(KlageId, i64)>,
    Innlogget(aktoer): Innlogget,
) -> Result<Response, Webfeil> {
    let svar = dokumenter::last_ned(&state.tjenester(), &aktoer, id, nr).await.map_err(|e| {
        tracing::error!(feil = %e, "nedlasting feilet");
        Webfeil::Intern
    })?;
    let (dokument, innhold) = svar.ok_or(Webfeil::IkkeFunnet)?;
    let disposisjon = HeaderValue::from_str(&vedlegg(&dokument.filnavn)).map_err(|_| Webfeil::Intern)?;
    let hoder = [
        (header::CONTENT_TYPE, HeaderValue::from_static(dokument.innholdstype.mime())),
        (header::CONTENT_DISPOSITION, disposisjon),
        (header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff")),
        (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
    ];
    Ok((hoder, innhold).into_response())
}

/// `Content-Disposition: attachment` with the file name: a plain-ASCII fallback in quotes and
/// the exact name percent-encoded (RFC 6266, RFC 8187), so no name can break the header.
pub fn vedlegg(filnavn: &str) -> String {
    let reserve: String =
        filnavn.chars().map(|c| if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' { c } else { '_' }).collect();
    let mut kodet = String::new();
    for b in filnavn.bytes() {
        if b.is_ascii_alphanumeric() || b"!#$&+-.^_`|~".contains(&b) {
            kodet.push(b as char);
        } else {
            kodet.push_str(&format!("%{b:02X}"));
        }
    }
    format!("attachment; filename=\"{reserve}\"; filename*=UTF-8''{kodet}")
}

/// `POST /saker/{id}/dokumenter/{nr}/feil`: mark the document "registrert feil" with the reason
/// in `grunn`; back to the case, or the case again with the error.
pub async fn registrer_feil(
    State(state): State<AppState>,
    Path((id, nr)): Path<(KlageId, i64)>,
    Innlogget(aktoer): Innlogget,
    side: Gjenvisning,
    skjema: Skjemadata,
) -> Result<Response, Webfeil> {
    let grunn = skjema.verdi("grunn");
    let sti = Lokalsti::sak(id);
    let (status, feil, avvist) = match dokumenter::registrer_feil(&state.tjenester(), &aktoer, id, nr, &grunn).await {
        Ok(()) => return Ok(sti.into_response()),
        Err(Feilregistreringsfeil::IkkeFunnet) => return Err(Webfeil::IkkeFunnet),
        Err(Feilregistreringsfeil::Ugyldig(f)) => (StatusCode::UNPROCESSABLE_ENTITY, vec![f], None),
        Err(Feilregistreringsfeil::IkkeTillatt) => (StatusCode::FORBIDDEN, Vec::new(), Some(Avvisning::IkkeTillatt)),
        Err(Feilregistreringsfeil::Lagring) => (StatusCode::INTERNAL_SERVER_ERROR, Vec::new(), Some(Avvisning::Lagring)),
    };
    let innsending =
        Innsending::Dokument(DokumentInnsending { skjema: Dokumentskjema::default(), feil, feilregistrering: Some((nr, grunn)), avvist });
    Ok(side.vis(&state, sti.as_str(), innsending, status).await)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_name_cannot_break_the_header() {
        assert_eq!(vedlegg("vedtak.pdf"), "attachment; filename=\"vedtak.pdf\"; filename*=UTF-8''vedtak.pdf");
        let v = vedlegg("Uttalelse \"kommunen\"\r\nSet-Cookie: x.pdf");
        assert!(!v.contains('\r') && !v.contains('\n') && HeaderValue::from_str(&v).is_ok(), "{v}");
        assert!(v.contains("filename=\"Uttalelse _kommunen___Set-Cookie: x.pdf\""), "{v}");
        let v = vedlegg("Møtereferat æøå.pdf");
        assert!(v.ends_with("filename*=UTF-8''M%C3%B8tereferat%20%C3%A6%C3%B8%C3%A5.pdf"), "{v}");
        assert!(HeaderValue::from_str(&v).is_ok());
    }
}
