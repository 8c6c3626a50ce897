//! `/statistikk`: the directorate's dashboard. Every filter lives in the URL (the same
//! parameters as `GET /api/v1/statistikk`), the form is a GET form that works without
//! JavaScript and navigates in place with it, and the figures come from
//! `tjenester::statistikk::hent_statistikk`, the one function behind the API, the exports and the
//! `statistikk` command. Charts are SVG drawn on the server (`ui::diagram`), each with a text
//! alternative and a table view. The management figures are fetched separately and only
//! for the directorate and office leaders.

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Form;
use leptos_router::hooks::use_query_map;

use super::diagram;
use super::feil::Tjenestefeil;
use super::felles::sprak;
use super::tekster as t;
use crate::domain::kode::{Aldersgruppe, Kategori, Rettighet};
use crate::domain::referanse;
use crate::domain::sprak::Sprak;
use crate::domain::statistikk::dashbord::Statistikk as Tall;
use crate::domain::statistikk::filter::{Grunnlag, Statistikkfilter};
use crate::domain::statistikk::prikking::Antall;
use crate::domain::statistikk::styring::Styringstall;
use crate::domain::statistikk::tabeller::{self, kontornavn, utfallsnavn, Tabell, Verdi};

/// Every figure of the dashboard for the query parameters of the page, as the asker may see
/// them (`tjenester::statistikk`).
#[server(endpoint = "hent_statistikk")]
pub async fn hent_statistikk(parametre: Vec<(String, String)>) -> Result<Tall, Tjenestefeil> {
    use crate::tjenester::statistikk::Statistikkfeil;
    let tjenester = super::kall::tjenester();
    let sprak = use_context::<Sprak>().unwrap_or_default();
    let filter = Statistikkfilter::les(parametre.iter().map(|(n, v)| (n.as_str(), v.as_str())))
        .map_err(|e| Tjenestefeil::Ugyldig(e.melding(sprak)))?;
    let publikum = crate::domain::statistikk::offentlig::Publikum::for_bruker(super::kall::bruker().as_ref());
    match crate::tjenester::statistikk::hent_statistikk(&tjenester.db, &filter, publikum, tjenester.klokke.idag()).await {
        Ok(s) => Ok(s),
        Err(Statistikkfeil::Ugyldig(e)) => Err(Tjenestefeil::Ugyldig(e.melding(sprak))),
        Err(Statistikkfeil::Db(e)) => Err(e.into()),
    }
}

/// The management figures the logged-in user may see: `None` for everyone else. The scope is
/// decided on the server, from the session: the directorate sees every office, a leder their
/// own.
#[server(endpoint = "hent_styringstall")]
pub async fn hent_styringstall() -> Result<Option<Styringstall>, Tjenestefeil> {
    Ok(crate::tjenester::statistikk::styringstall(&super::kall::tjenester(), super::kall::bruker().as_ref()).await?)
}

/// The page's query parameters that carry a value (an empty one is the form's "all").
fn parametre(q: &leptos_router::params::ParamsMap) -> Vec<(String, String)> {
    q.into_iter().filter(|(_, v)| !v.trim().is_empty()).map(|(n, v)| (n.to_string(), v.to_owned())).collect()
}

#[component]
pub fn Statistikk() -> impl IntoView {
    let sprak = sprak();
    let query = use_query_map();
    let valgt = Memo::new(move |_| parametre(&query.read()));
    let tall = Resource::new(move || valgt.get(), |p| async move { hent_statistikk(p).await });
    let styring = Resource::new(|| (), |_| async move { hent_styringstall().await });
    view! {
        <Title text=t::STAT_TITTEL.i(sprak)/>
        <h1 class="ds-heading" data-size="lg">{t::STAT_TITTEL.i(sprak)}</h1>
        <p class="ds-paragraph skjul-utskrift">{t::STAT_INGRESS.i(sprak)}</p>
        {move || view! { <Filterskjema sprak valgt=valgt.get()/> }}
        <Suspense fallback=move || view! { <p class="ds-paragraph">{t::LASTER.i(sprak)}</p> }>
            {move || Suspend::new(async move {
                match tall.await {
                    Ok(s) => view! { <Dashbord sprak s/> }.into_any(),
                    Err(Tjenestefeil::Ugyldig(melding)) => {
                        view! { <div class="ds-alert" data-color="danger" role="alert"><p class="ds-paragraph">{melding}</p></div> }.into_any()
                    }
                    Err(_) => view! { <div class="ds-alert" data-color="danger" role="alert"><p class="ds-paragraph">{t::FEIL_VED_HENTING.i(sprak)}</p></div> }.into_any(),
                }
            })}
        </Suspense>
        <Suspense fallback=|| ()>
            {move || Suspend::new(async move {
                styring.await.ok().flatten().map(|s| view! { <Styring sprak s/> })
            })}
        </Suspense>
    }
}

/// The values of parameter `navn` in the page's query, as the choice of its list.
fn valg_fra(navn: &str, valgt: &[(String, String)]) -> RwSignal<Vec<String>> {
    RwSignal::new(valgt.iter().filter(|(n, _)| n == navn).map(|(_, v)| v.clone()).collect())
}

/// A multiple choice list: a repeated parameter means "any of these". `valg` holds what is
/// chosen: with JavaScript it follows the list as the user chooses, so that a list that depends
/// on it (the municipalities of the chosen counties) narrows at once, and a list that narrows
/// keeps what is still chosen in it; without, the lists narrow when the form is sent.
fn flervalg(
    navn: &'static str,
    etikett: &'static str,
    alternativer: Signal<Vec<(String, String)>>,
    valg: RwSignal<Vec<String>>,
) -> impl IntoView {
    let storrelse = move || alternativer.with(|a| a.len().clamp(1, 6)).to_string();
    view! {
        <div class="ds-field">
            <label class="ds-label" for=navn>{etikett}</label>
            <select
                class="ds-input flervalg"
                id=navn
                name=navn
                multiple=true
                size=storrelse
                aria-describedby="flervalg-hjelp"
                on:change=move |_ev| {
                    #[cfg(feature = "hydrate")]
                    valg.set(valgte_verdier(&_ev));
                }
            >
                {move || {
                    alternativer
                        .get()
                        .into_iter()
                        .map(|(verdi, tekst)| {
                            let er_valgt = valg.with_untracked(|v| v.contains(&verdi));
                            view! { <option value=verdi selected=er_valgt>{tekst}</option> }
                        })
                        .collect_view()
                }}
            </select>
        </div>
    }
}

/// A fixed list of codes and their names.
fn kodeliste<K>(alle: &[K], par: impl Fn(&K) -> (&'static str, &'static str)) -> Signal<Vec<(String, String)>> {
    Signal::stored(
        alle.iter()
            .map(|k| {
                let (kode, navn) = par(k);
                (kode.to_owned(), navn.to_owned())
            })
            .collect(),
    )
}

/// The values chosen in the `<select multiple>` an event came from.
#[cfg(feature = "hydrate")]
fn valgte_verdier(ev: &leptos::ev::Event) -> Vec<String> {
    use wasm_bindgen::JsCast;
    let Some(select) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok()) else {
        return Vec::new();
    };
    let valgte = select.selected_options();
    (0..valgte.length())
        .filter_map(|i| valgte.item(i))
        .filter_map(|e| e.dyn_into::<web_sys::HtmlOptionElement>().ok())
        .map(|o| o.value())
        .collect()
}

/// The filter form: GET to the same page, so the view is the URL.
#[component]
fn Filterskjema(sprak: Sprak, valgt: Vec<(String, String)>) -> impl IntoView {
    let en = |navn: &str| valgt.iter().find(|(n, _)| n == navn).map(|(_, v)| v.clone()).unwrap_or_default();
    let grunnlag = en("grunnlag");
    let (fra, til) = (en("fra"), en("til"));
    let kontorer: Vec<(String, String)> = referanse::statsforvaltere().iter().map(|s| (s.kode.clone(), s.navn(sprak).to_owned())).collect();
    // The county list narrows to the chosen offices, the municipality list to the chosen
    // offices and counties: at once with JavaScript, when the form is sent without.
    let (valgte_kontorer, valgte_fylker) = (valg_fra("statsforvalter", &valgt), valg_fra("fylke", &valgt));
    let fylker = Signal::derive(move || {
        let kontor = valgte_kontorer.get();
        referanse::fylker()
            .iter()
            .filter(|f| kontor.is_empty() || kontor.contains(&f.statsforvalter))
            .map(|f| (f.nummer.clone(), f.navn.clone()))
            .collect::<Vec<_>>()
    });
    let kommuner = Signal::derive(move || {
        // A county chosen before its office was deselected is no longer in the list, nor sent.
        let tilbudte = fylker.get();
        let fylke = valgte_fylker.get().into_iter().filter(|f| tilbudte.iter().any(|(n, _)| n == f)).collect();
        let omraade = Statistikkfilter { statsforvalter: valgte_kontorer.get(), fylke, ..Default::default() };
        referanse::kommuner()
            .iter()
            .filter(|k| omraade.omfatter_kommune(k))
            .map(|k| (k.nummer.clone(), k.visningsnavn()))
            .collect::<Vec<_>>()
    });
    let utfall: Vec<(String, String)> =
        Grunnlag::Mottatt.utfallskoder().into_iter().map(|u| (u.to_owned(), utfallsnavn(u, sprak))).collect();
    view! {
        <Form method="GET" action="/statistikk" attr:class="filter stat-filter skjul-utskrift" attr:aria-label=t::STAT_FILTER.i(sprak)>
            <div class="ds-field">
                <label class="ds-label" for="fra">{t::FRA_DATO.i(sprak)}</label>
                <input class="ds-input datofelt" type="date" id="fra" name="fra" value=fra/>
            </div>
            <div class="ds-field">
                <label class="ds-label" for="til">{t::TIL_DATO.i(sprak)}</label>
                <input class="ds-input datofelt" type="date" id="til" name="til" value=til/>
            </div>
            <div class="ds-field">
                <label class="ds-label" for="grunnlag">{t::STAT_GRUNNLAG.i(sprak)}</label>
                <select class="ds-input" id="grunnlag" name="grunnlag">
                    <option value="avgjort" selected=grunnlag != "mottatt">{t::STAT_GRUNNLAG_AVGJORT.i(sprak)}</option>
                    <option value="mottatt" selected=grunnlag == "mottatt">{t::STAT_GRUNNLAG_MOTTATT.i(sprak)}</option>
                </select>
            </div>
            {flervalg("statsforvalter", t::STATSFORVALTER.i(sprak), Signal::stored(kontorer), valgte_kontorer)}
            {flervalg("fylke", t::STAT_FYLKE.i(sprak), fylker, valgte_fylker)}
            {flervalg("kommune", t::KOMMUNE.i(sprak), kommuner, valg_fra("kommune", &valgt))}
            {flervalg("rettighet", t::RETTIGHETER.i(sprak), kodeliste(Rettighet::ALLE, |r| (r.kode(), r.navn(sprak))), valg_fra("rettighet", &valgt))}
            {flervalg("kategori", t::KATEGORI.i(sprak), kodeliste(Kategori::ALLE, |k| (k.kode(), k.navn(sprak))), valg_fra("kategori", &valgt))}
            {flervalg("utfall", t::UTFALL.i(sprak), Signal::stored(utfall), valg_fra("utfall", &valgt))}
            {flervalg("aldersgruppe", t::STAT_ALDERSGRUPPE.i(sprak), kodeliste(Aldersgruppe::ALLE, |a| (a.kode(), a.navn(sprak))), valg_fra("aldersgruppe", &valgt))}
            <p class="ds-paragraph" data-size="sm" id="flervalg-hjelp">{t::STAT_FLERVALG_HJELP.i(sprak)}</p>
            <div class="knapper">
                <button class="ds-button" data-variant="primary" type="submit">{t::VIS.i(sprak)}</button>
                <a class="ds-link" href="/statistikk">{t::NULLSTILL.i(sprak)}</a>
            </div>
        </Form>
    }
}

/// A count as the page shows it: a suppressed one reads "under 5".
fn vis(n: Antall, sprak: Sprak) -> String {
    n.map(|n| n.to_string()).unwrap_or_else(|| t::UNDER_5.i(sprak).to_owned())
}

/// A cell of a published table as text on the page.
fn celletekst(v: &Verdi, sprak: Sprak) -> String {
    let desimal = |x: f64| format!("{:.1}", x).replace('.', ",");
    match v {
        Verdi::Tekst(t) => t.clone(),
        Verdi::Antall(n) => vis(*n, sprak),
        Verdi::Andel(Some(a)) => format!("{} %", desimal(a * 100.0)),
        Verdi::Tall(Some(x)) => desimal(*x),
        Verdi::Andel(None) | Verdi::Tall(None) => "–".to_owned(),
    }
}

/// One published table, with a caption and header cells for rows and columns. `id` is the
/// table's id on the page (a table shown twice, as itself and as a chart's table view, needs
/// two). The scrolling wrapper is a named, focusable region, so it scrolls from the keyboard.
fn tabellvisning(tabell: &Tabell, sprak: Sprak, id: String) -> impl IntoView {
    let kolonner = tabell.kolonner.clone();
    let rader = tabell.rader.clone();
    let tittel_id = format!("{id}-tittel");
    let omraade_navn = tittel_id.clone();
    view! {
        <div class="tabellrull" tabindex="0" role="region" aria-labelledby=omraade_navn>
            <table class="ds-table stat-tabell" data-border="true" id=id>
                <caption id=tittel_id>{tabell.tittel.clone()}</caption>
                <thead><tr>{kolonner.into_iter().map(|k| view! { <th scope="col">{k}</th> }).collect_view()}</tr></thead>
                <tbody>
                    {rader
                        .into_iter()
                        .map(|rad| {
                            let mut celler = rad.iter();
                            let forste = celler.next().map(|c| celletekst(c, sprak)).unwrap_or_default();
                            let resten: Vec<String> = celler.map(|c| celletekst(c, sprak)).collect();
                            view! {
                                <tr>
                                    <th scope="row">{forste}</th>
                                    {resten.into_iter().map(|c| view! { <td class="tall">{c}</td> }).collect_view()}
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </div>
    }
}

/// A chart with its text alternative (in the SVG) and its table view.
fn figur(svg: String, tabell: Option<&Tabell>, sprak: Sprak) -> impl IntoView {
    let tabell = tabell.map(|t| tabellvisning(t, sprak, format!("figurtabell-{}", t.id)));
    view! {
        <figure class="diagramfigur">
            <div class="diagram" inner_html=svg></div>
            <details class="tabellvisning">
                <summary>{t::STAT_VIS_TABELL.i(sprak)}</summary>
                {tabell}
            </details>
        </figure>
    }
}

#[component]
fn Dashbord(sprak: Sprak, s: Tall) -> impl IntoView {
    let tabeller = tabeller::tabeller(&s, sprak);
    let tabell = |id: &str| tabeller.iter().find(|t| t.id == id);
    let filter = Statistikkfilter::les(s.filter.iter().map(|(n, v)| (n.as_str(), v.as_str()))).unwrap_or_default();
    let query = filter.query();
    let eksport = |fil: &str| format!("/api/v1/statistikk.{fil}?{query}{}sprak={}", if query.is_empty() { "" } else { "&" }, sprak.tag());
    let tekst = sprak.velg(s.oppsummering.clone(), s.oppsummering_nn.clone());

    // Quick choices of period, from the server's today.
    let aar = chrono::Datelike::year(&s.idag);
    let med = |fra: String, til: String| {
        let mut f = filter.clone();
        f.periode = Statistikkfilter::les([("fra", fra.as_str()), ("til", til.as_str())]).map(|p| p.periode).unwrap_or_default();
        format!("/statistikk?{}", f.query())
    };
    let hurtig = vec![
        (t::STAT_I_AAR.i(sprak), med(format!("{aar}-01-01"), format!("{aar}-12-31"))),
        (t::STAT_I_FJOR.i(sprak), med(format!("{}-01-01", aar - 1), format!("{}-12-31", aar - 1))),
        (t::STAT_TRE_AAR.i(sprak), med(format!("{}-01-01", aar - 2), format!("{aar}-12-31"))),
    ];

    // Charts: per month for up to three years, otherwise per year.
    let (tid, tidstabell) = if s.per_maaned.len() <= 36 {
        (s.per_maaned.iter().map(|(k, v)| (k.clone(), *v)).collect::<Vec<_>>(), "per-maaned")
    } else {
        (s.per_aar.iter().map(|(k, v)| (k.clone(), *v)).collect::<Vec<_>>(), "per-aar")
    };
    let topp = tid.iter().filter_map(|(k, v)| v.map(|v| (k.clone(), v))).max_by_key(|(_, v)| *v);
    let linje = diagram::linje(
        "diagram-tid",
        t::STAT_DIAGRAM_TID.i(sprak),
        &format!("{} {}", t::STAT_DIAGRAM_TID_BESKRIVELSE.i(sprak), topp.map(|(k, v)| format!("{k}: {v}")).unwrap_or_else(|| "–".into())),
        &tid,
    );
    let koder: Vec<&str> = s.grunnlag.utfallskoder();
    let utfallsrader: Vec<(String, Vec<Option<u64>>)> = s
        .helsetilsynet
        .rader
        .iter()
        .filter(|r| r.statsforvalter != "hele_landet")
        .map(|r| {
            let siste = r.aar.last();
            (kontornavn(&r.statsforvalter, sprak), koder.iter().map(|k| siste.and_then(|a| a.utfall.get(*k).copied().flatten())).collect())
        })
        .collect();
    let stablet = diagram::stablet(
        "diagram-utfall",
        &format!("{} {}", t::STAT_DIAGRAM_UTFALL.i(sprak), s.helsetilsynet.aar.last().copied().unwrap_or(aar)),
        t::STAT_DIAGRAM_UTFALL_BESKRIVELSE.i(sprak),
        &koder.iter().map(|k| utfallsnavn(k, sprak)).collect::<Vec<_>>(),
        &utfallsrader,
    );
    let kategorier: Vec<(String, Option<f64>)> = Kategori::ALLE
        .iter()
        .map(|k| (k.navn(sprak).to_owned(), s.per_kategori.get(k.kode()).copied().flatten().map(|n| n as f64)))
        .collect();
    let kategoridiagram = diagram::stolper("diagram-kategori", t::PER_KATEGORI.i(sprak), t::KATEGORI_MERKNAD.i(sprak), &kategorier, "");
    let tider: Vec<(String, Option<f64>)> =
        s.behandlingstid.per_statsforvalter.iter().map(|(k, b)| (kontornavn(k, sprak), b.median_dager.map(|d| d as f64))).collect();
    let tidsdiagram = diagram::stolper(
        "diagram-behandlingstid",
        t::STAT_DIAGRAM_BEHANDLINGSTID.i(sprak),
        t::STAT_DIAGRAM_BEHANDLINGSTID_BESKRIVELSE.i(sprak),
        &tider,
        "",
    );

    // Drill-down: from the country to an office, from an office to its counties.
    let videre: Vec<(String, String)> = if filter.statsforvalter.is_empty() && filter.fylke.is_empty() {
        s.per_embete_omraade
            .iter()
            .map(|e| {
                let mut f = filter.clone();
                f.statsforvalter = vec![e.kode.clone()];
                (kontornavn(&e.kode, sprak), format!("/statistikk?{}", f.query()))
            })
            .collect()
    } else {
        s.per_fylke
            .iter()
            .map(|fy| {
                let mut f = filter.clone();
                f.fylke = vec![fy.kode.clone()];
                (fy.navn.clone(), format!("/statistikk?{}", f.query()))
            })
            .collect()
    };

    let filterlinjer = tabeller::filterlinjer(&s, sprak);
    view! {
        <nav class="hurtigvalg skjul-utskrift" aria-label=t::STAT_HURTIGVALG.i(sprak)>
            <ul>{hurtig.into_iter().map(|(navn, href)| view! { <li><a class="ds-link" href=href>{navn}</a></li> }).collect_view()}</ul>
        </nav>
        <section class="valgte-filtre" aria-labelledby="valgte-filtre-tittel">
            <h2 class="ds-heading" data-size="xs" id="valgte-filtre-tittel">{t::STAT_VALGTE_FILTRE.i(sprak)}</h2>
            <dl>{filterlinjer.into_iter().map(|(n, v)| view! { <div><dt>{n}</dt><dd>{v}</dd></div> }).collect_view()}</dl>
        </section>
        <p class="ds-paragraph oppsummering" data-size="lg" id="oppsummering">{tekst}</p>
        <dl class="nokkeltall">
            <div><dt>{t::TOTALT.i(sprak)}</dt><dd data-testid="totalt">{vis(s.totalt, sprak)}</dd></div>
            {s.delperiode.as_ref().map(|d| view! { <div><dt>{format!("{} {}/{}", t::STAT_FRA.i(sprak), d.fra_aar, d.til_aar)}</dt><dd data-testid="delperiode">{vis(d.antall, sprak)}</dd></div> })}
            <div>
                <dt>{t::SF_MED_SAKER.i(sprak)}</dt>
                <dd data-testid="statsforvaltere">{format!("{} {} {}", s.statsforvaltere_med_saker, t::AV.i(sprak), s.statsforvaltere_totalt)}</dd>
            </div>
            {s.utfall.iter().map(|(k, v)| view! { <div><dt>{utfallsnavn(k, sprak)}</dt><dd data-testid=format!("utfall-{k}")>{vis(*v, sprak)}</dd></div> }).collect_view()}
            <div><dt>{t::MEDHOLD_KOMMUNEN.i(sprak)}</dt><dd data-testid="medhold">{vis(s.medhold_hos_kommunen, sprak)}</dd></div>
        </dl>
        {s.finmasket.then(|| view! { <p class="ds-paragraph" data-size="sm">{t::STAT_PERSONVERN.i(sprak)}</p> })}
        {s.omraader_utelatt.then(|| view! { <p class="ds-paragraph" data-size="sm" data-testid="omraader-utelatt">{t::STAT_OMRAADER_UTELATT.i(sprak)}</p> })}
        <p class="eksport skjul-utskrift">
            <a class="ds-link" href=eksport("csv") download="klagestatistikk.csv" data-testid="eksport-csv">{t::STAT_LAST_NED_CSV.i(sprak)}</a>
            " · "
            <a class="ds-link" href=eksport("xlsx") download="klagestatistikk.xlsx" data-testid="eksport-xlsx">{t::STAT_LAST_NED_XLSX.i(sprak)}</a>
            " · "
            <a class="ds-link" href=format!("/api/v1/statistikk?{query}")>{"JSON"}</a>
        </p>
        <div class="stat-diagrammer">
            {figur(linje, tabell(tidstabell), sprak)}
            {figur(stablet, tabell("helsetilsynet"), sprak)}
            {figur(kategoridiagram, tabell("per-kategori"), sprak)}
            {figur(tidsdiagram, tabell("behandlingstid"), sprak)}
        </div>
        <section aria-labelledby="alle-tabeller" class="stat-tabeller">
            <h2 class="ds-heading" data-size="sm" id="alle-tabeller">{t::STAT_TABELLER.i(sprak)}</h2>
            {tabeller.iter().filter(|t| t.id != "nokkeltall").map(|t| tabellvisning(t, sprak, format!("tabell-{}", t.id))).collect_view()}
        </section>
        <nav class="videre skjul-utskrift" aria-label=t::STAT_VIDERE.i(sprak)>
            <h2 class="ds-heading" data-size="sm">{t::STAT_VIDERE.i(sprak)}</h2>
            <ul>{videre.into_iter().map(|(navn, href)| view! { <li><a class="ds-link" href=href>{navn}</a></li> }).collect_view()}</ul>
        </nav>
    }
}

/// The management figures: open cases by age per office, the backlog, and past the target.
#[component]
fn Styring(sprak: Sprak, s: Styringstall) -> impl IntoView {
    let restanse: Vec<(String, Option<u64>)> = s.restanse.iter().map(|(m, n)| (m.clone(), Some(*n))).collect();
    let beskrivelse =
        format!("{}: {}", t::STAT_RESTANSE.i(sprak), s.restanse.iter().map(|(m, n)| format!("{m} {n}")).collect::<Vec<_>>().join(", "));
    let svg = diagram::linje("diagram-restanse", t::STAT_RESTANSE.i(sprak), &beskrivelse, &restanse);
    view! {
        <section class="styring" aria-labelledby="styring-tittel" data-testid="styringstall">
            <h2 class="ds-heading" data-size="md" id="styring-tittel">{t::STAT_STYRING.i(sprak)}</h2>
            <p class="ds-paragraph">{format!("{}: {}", t::STAT_FORBI_MAAL.i(sprak), s.forbi_maal)}</p>
            <table class="ds-table" data-border="true">
                <caption>{t::STAT_AAPNE_ETTER_ALDER.i(sprak)}</caption>
                <thead><tr>
                    <th scope="col">{t::STATSFORVALTER.i(sprak)}</th>
                    <th scope="col">{t::STAT_UNDER_1.i(sprak)}</th>
                    <th scope="col">{t::STAT_1_TIL_3.i(sprak)}</th>
                    <th scope="col">{t::STAT_OVER_3.i(sprak)}</th>
                </tr></thead>
                <tbody>
                    {s.per_statsforvalter.iter().map(|f| view! {
                        <tr>
                            <th scope="row">{kontornavn(&f.statsforvalter, sprak)}</th>
                            <td class="tall">{f.under_1_maaned}</td>
                            <td class="tall">{f.fra_1_til_3_maaneder}</td>
                            <td class="tall">{f.over_3_maaneder}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
            <figure class="diagramfigur"><div class="diagram" inner_html=svg></div></figure>
        </section>
    }
}
