//! Widgets shared by several pages: labelled fields with their error message, option lists.

use leptos::prelude::*;

use super::tekster as t;
use crate::domain::sprak::Sprak;

/// The language of the page, provided by `App`.
pub fn sprak() -> Sprak {
    use_context::<Sprak>().unwrap_or_default()
}

/// The error message under a field, linked from the control by `aria-describedby`.
#[component]
pub fn Feilmelding(#[prop(into)] id: String, melding: Option<String>) -> impl IntoView {
    melding.map(|m| {
        view! {
            <p class="ds-validation-message" data-color="danger" id=id>{m}</p>
        }
    })
}

/// `aria-describedby` for a control: its help text and its error, whichever exist.
pub fn beskrevet_av(hjelp: Option<&str>, feil: Option<&str>) -> Option<String> {
    let deler: Vec<&str> = [hjelp, feil].into_iter().flatten().collect();
    (!deler.is_empty()).then(|| deler.join(" "))
}

/// A `<select>` option list with an empty first choice.
pub fn valg(sprak: Sprak, alternativer: Vec<(String, String)>, valgt: &str, tomt: t::T) -> impl IntoView {
    let valgt = valgt.to_owned();
    view! {
        <option value="">{tomt.i(sprak)}</option>
        {alternativer
            .into_iter()
            .map(|(verdi, tekst)| {
                let er_valgt = verdi == valgt;
                view! { <option value=verdi selected=er_valgt>{tekst}</option> }
            })
            .collect_view()}
    }
}
