//! The case use cases: register a complaint, read one case, list cases, take a step, transfer
//! a case, report the municipality's new decision, and the office leder's access list.
//!
//! Every refusal of a case outside the user's scope (or a step their role may not take) writes
//! an `avvist_tilgang` audit row; every read writes its row before any case data is returned.

use chrono::NaiveDate;

use super::revisjonslogg::Logg;
use super::Tjenester;
use crate::db::klager::{self, StegFeil};
use crate::db::DbFeil;
use crate::domain::id::KlageId;
use crate::domain::innsyn;
use crate::domain::klage::{Felt, Feltfeil, KlageSkjema, SakFilter, Saksliste, Steg, MAKS_NOTAT};
use crate::domain::status::Status;
use crate::domain::tilgang::{Aktoer, Organisasjon, Tilgangsrad};
use crate::skjema::innsending::{Avvisning, StegInnsending, StegVisningsfeil};
use crate::skjema::sak::{les_handling, Innsynsrad, SakVisning};

/// Why a complaint was not registered.
#[derive(Debug)]
pub enum Registreringsfeil {
    /// The form has errors, each for its field.
    Ugyldig(Vec<(Felt, Feltfeil)>),
    /// A valid form that was still not accepted (and why).
    Avvist(Avvisning),
}

/// Validates the form and registers the complaint in one transaction: the new case's id.
pub async fn registrer(t: &Tjenester, aktoer: &Aktoer, skjema: &KlageSkjema) -> Result<KlageId, Registreringsfeil> {
    let ny = skjema.valider(t.klokke.idag()).map_err(Registreringsfeil::Ugyldig)?;
    match klager::registrer(&t.db, aktoer, &ny, t.klokke.naa()).await {
        Ok(id) => Ok(id),
        Err(StegFeil::IkkeTillatt) => {
            Logg::for_aktoer(aktoer, "avvist_tilgang", None).skriv(t).await;
            Err(Registreringsfeil::Avvist(Avvisning::IkkeTillatt))
        }
        Err(annen) => {
            tracing::error!(feil = %annen, "registrering feilet");
            Err(Registreringsfeil::Avvist(Avvisning::Lagring))
        }
    }
}

/// One case as the user may see it, with the steps they may take; `None` when it does not
/// exist or is outside their scope (the two look the same).
pub async fn les(t: &Tjenester, aktoer: &Aktoer, id: KlageId) -> Result<Option<SakVisning>, DbFeil> {
    let Some(bruker) = aktoer.bruker() else { return Ok(None) };
    let omfang = bruker.omfang();
    let Some(klage) = klager::hent(&t.db, &omfang, id).await? else {
        // Outside the user's organisation looks exactly like a case that does not exist.
        Logg::for_aktoer(aktoer, "avvist_tilgang", Some(id)).skriv(t).await;
        return Ok(None);
    };
    // The read is logged before any case data leaves the server.
    Logg::for_aktoer(aktoer, "les_sak", Some(id)).skriv_til(&t.db, t.klokke.naa()).await?;
    let hendelser = klager::hendelser(&t.db, id).await?;
    let tillatte = klage.tilstand.tillatte_handlinger().into_iter().filter(|h| bruker.kan_utfoere(*h, &klage)).collect();
    let kan_overfoere = aktoer.kan_overfoere() && klage.status().er_aapen();
    let kan_melde_nytt_vedtak = aktoer.kan_melde_nytt_vedtak() && klage.venter_paa_nytt_vedtak();
    let eget_forslag = klage.status() == Status::TilGodkjenning && klage.foreslaatt_av == Some(bruker.id);
    let innsyn = if bruker.er_leder() {
        let rader = crate::db::revisjon::for_sak(&t.db, id).await?;
        Some(
            rader
                .into_iter()
                .map(|r| Innsynsrad {
                    tidspunkt: r.tidspunkt,
                    bruker: r.bruker.unwrap_or_else(|| r.detalj.clone()),
                    organisasjon: r.organisasjon.unwrap_or_default(),
                    handling: r.handling,
                })
                .collect(),
        )
    } else {
        None
    };
    // The municipality never sees the office's internal work (`domain::innsyn`).
    let (klage, hendelser) = (innsyn::klage_for(&omfang, klage), innsyn::historikk_for(&omfang, hendelser));
    let dokumenter = super::dokumenter::synlige(t, &omfang, id).await?;
    let embetets_journal = innsyn::ser_internt_arbeid(&omfang);
    let kan_laste_opp = embetets_journal || matches!(omfang.art(), crate::domain::tilgang::Omfangsart::Kommune(_));
    Ok(Some(SakVisning {
        klage,
        hendelser,
        tillatte,
        idag: t.klokke.idag(),
        kan_overfoere,
        kan_melde_nytt_vedtak,
        eget_forslag,
        innsyn,
        dokumenter,
        kan_laste_opp,
        embetets_journal,
    }))
}

/// One page of the case list within the user's scope; the read is logged first.
pub async fn sok(t: &Tjenester, aktoer: &Aktoer, filter: &SakFilter) -> Result<Saksliste, DbFeil> {
    let Some(bruker) = aktoer.bruker() else { return Ok(Saksliste::default()) };
    Logg::for_aktoer(aktoer, "les_saksliste", None).skriv_til(&t.db, t.klokke.naa()).await?;
    klager::sok(&t.db, &bruker.omfang(), filter).await
}

/// Who has access to the office's cases, with roles and since when: for the office's leder
/// only (`None` for everyone else). Reading it is logged like any list of users.
pub async fn tilgang(t: &Tjenester, aktoer: &Aktoer) -> Result<Option<Vec<Tilgangsrad>>, DbFeil> {
    let Some(bruker) = aktoer.bruker() else { return Ok(None) };
    let Organisasjon::Statsforvalter(embete) = &bruker.organisasjon else { return Ok(None) };
    if !bruker.er_leder() {
        return Ok(None);
    }
    Logg::for_aktoer(aktoer, "les_tilgang", None).skriv_til(&t.db, t.klokke.naa()).await?;
    Ok(Some(crate::db::brukere::med_tilgang_til_embetet(&t.db, embete).await?))
}

/// Takes one step on the case, in one transaction.
pub async fn ta_steg(t: &Tjenester, aktoer: &Aktoer, id: KlageId, innsendt: &StegInnsending) -> Result<(), StegVisningsfeil> {
    let utfall = async {
        sjekk_notat(&innsendt.notat)?;
        let handling = les_handling(&innsendt.handling, innsendt.delvis_medhold).ok_or(StegVisningsfeil::UkjentHandling)?;
        let dato = stegdato(&innsendt.dato, t.klokke.idag())?;
        let steg = Steg { dato, handling, notat: innsendt.notat.clone() };
        klager::utfoer_steg(&t.db, aktoer, id, &steg, t.klokke.naa()).await.map(|_| ()).map_err(visningsfeil)
    }
    .await;
    logg_nektet(t, aktoer, id, utfall).await
}

/// Transfers an open case to the office named in the form's `handling`, in one transaction.
pub async fn overfoer(t: &Tjenester, aktoer: &Aktoer, id: KlageId, innsendt: &StegInnsending) -> Result<(), StegVisningsfeil> {
    let utfall = async {
        sjekk_notat(&innsendt.notat)?;
        let dato = stegdato(&innsendt.dato, t.klokke.idag())?;
        klager::overfoer(&t.db, aktoer, id, &innsendt.handling, dato, &innsendt.notat, t.klokke.naa())
            .await
            .map(|_| ())
            .map_err(visningsfeil)
    }
    .await;
    logg_nektet(t, aktoer, id, utfall).await
}

/// The municipality reports its new decision after the governor set the first one aside, in
/// one transaction.
pub async fn meld_nytt_vedtak(t: &Tjenester, aktoer: &Aktoer, id: KlageId, innsendt: &StegInnsending) -> Result<(), StegVisningsfeil> {
    let utfall = async {
        sjekk_notat(&innsendt.notat)?;
        let dato = stegdato(&innsendt.dato, t.klokke.idag())?;
        klager::meld_nytt_vedtak(&t.db, aktoer, id, dato, &innsendt.notat, t.klokke.naa()).await.map(|_| ()).map_err(visningsfeil)
    }
    .await;
    logg_nektet(t, aktoer, id, utfall).await
}

/// Why a step or transfer was refused, as the page tells it. Storage errors are logged here.
fn visningsfeil(feil: StegFeil) -> StegVisningsfeil {
    match feil {
        StegFeil::IkkeFunnet => StegVisningsfeil::IkkeFunnet,
        StegFeil::Ulovlig(u) => StegVisningsfeil::Ulovlig(u.fra, u.handling),
        StegFeil::ManglerNotat => StegVisningsfeil::ManglerNotat,
        StegFeil::DatoForTidlig(d) => StegVisningsfeil::DatoForTidlig(d),
        StegFeil::Konflikt => StegVisningsfeil::Konflikt,
        StegFeil::AvsluttetSak => StegVisningsfeil::AvsluttetSak,
        StegFeil::SammeEmbete => StegVisningsfeil::SammeEmbete,
        StegFeil::UkjentEmbete => StegVisningsfeil::UkjentEmbete,
        StegFeil::IkkeTillatt => StegVisningsfeil::IkkeTillatt,
        StegFeil::Nektet(nekt) => StegVisningsfeil::Nektet(nekt),
        StegFeil::IkkeOpphevet => StegVisningsfeil::IkkeOpphevet,
        StegFeil::Db(e) => {
            tracing::error!(feil = %e, "steg feilet");
            StegVisningsfeil::Lagring
        }
    }
}

/// A note is at most [`MAKS_NOTAT`] characters, whatever the form let through.
fn sjekk_notat(notat: &str) -> Result<(), StegVisningsfeil> {
    if notat.chars().count() > MAKS_NOTAT {
        return Err(StegVisningsfeil::NotatForLangt);
    }
    Ok(())
}

/// The date of a step: required, real, and not in the future.
fn stegdato(tekst: &str, idag: NaiveDate) -> Result<NaiveDate, StegVisningsfeil> {
    match crate::domain::klage::les_dato(tekst) {
        Ok(Some(d)) if d > idag => Err(StegVisningsfeil::DatoIFremtiden),
        Ok(Some(d)) => Ok(d),
        _ => Err(StegVisningsfeil::UgyldigDato),
    }
}

/// Writes the audit row of a refused access (a case outside the user's scope, or a step their
/// role may not take), and passes the outcome on.
async fn logg_nektet(t: &Tjenester, aktoer: &Aktoer, id: KlageId, utfall: Result<(), StegVisningsfeil>) -> Result<(), StegVisningsfeil> {
    if let Err(StegVisningsfeil::IkkeFunnet | StegVisningsfeil::IkkeTillatt | StegVisningsfeil::Nektet(_)) = &utfall {
        Logg::for_aktoer(aktoer, "avvist_tilgang", Some(id)).skriv(t).await;
    }
    utfall
}
