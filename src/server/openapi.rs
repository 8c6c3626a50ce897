//! The OpenAPI 3 description of the statistics API, served at `/api/v1/openapi.json`. The
//! parameter lists are generated from the same code lists the filter accepts, so the document
//! cannot drift from what the server reads.

use serde_json::{json, Value};

use crate::domain::kode::{Aldersgruppe, Kategori, Rettighet};
use crate::domain::referanse;
use crate::domain::statistikk::filter::Grunnlag;

/// A repeatable query parameter with an enumerated value.
fn liste(navn: &str, beskrivelse: &str, verdier: Vec<String>) -> Value {
    json!({
        "name": navn, "in": "query", "required": false, "description": beskrivelse,
        "style": "form", "explode": true,
        "schema": { "type": "array", "items": { "type": "string", "enum": verdier } }
    })
}

fn parametre() -> Value {
    let koder = |k: &[&str]| k.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    json!([
        { "name": "fra", "in": "query", "required": false, "description": "Første dag i perioden, inkludert (ÅÅÅÅ-MM-DD).", "schema": { "type": "string", "format": "date" } },
        { "name": "til", "in": "query", "required": false, "description": "Siste dag i perioden, inkludert (ÅÅÅÅ-MM-DD).", "schema": { "type": "string", "format": "date" } },
        { "name": "grunnlag", "in": "query", "required": false,
          "description": "Hvilken dato som plasserer en klage i perioden: avgjort (vedtaket sendt, standard) eller mottatt (mottatt hos Statsforvalteren; åpne saker telles som under_behandling).",
          "schema": { "type": "string", "enum": ["avgjort", "mottatt"], "default": "avgjort" } },
        liste("statsforvalter", "Embete (kode). Gjentas for «ett av disse».", koder(&referanse::statsforvalterkoder())),
        liste("fylke", "Fylkesnummer. Gjentas for «ett av disse».", referanse::fylker().iter().map(|f| f.nummer.clone()).collect()),
        { "name": "kommune", "in": "query", "required": false, "style": "form", "explode": true,
          "description": "Kommunenummer (fire sifre). Gjentas for «ett av disse».",
          "schema": { "type": "array", "items": { "type": "string", "pattern": "^[0-9]{4}$" } } },
        liste("rettighet", "Rettighet. Gjentas for «ett av disse».", Rettighet::ALLE.iter().map(|r| r.kode().to_owned()).collect()),
        liste("kategori", "Hva klagen gjelder. Gjentas for «ett av disse».", Kategori::ALLE.iter().map(|r| r.kode().to_owned()).collect()),
        liste("utfall", "Utfall hos Statsforvalteren (under_behandling med grunnlag=mottatt). Gjentas for «ett av disse».",
              Grunnlag::Mottatt.utfallskoder().into_iter().map(str::to_owned).collect()),
        liste("aldersgruppe", "Aldersgruppe. Gjentas for «ett av disse».", Aldersgruppe::ALLE.iter().map(|r| r.kode().to_owned()).collect()),
    ])
}

/// The document.
pub fn dokument() -> Value {
    let feil = json!({
        "description": "Ugyldig parameter",
        "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Parameterfeil" } } }
    });
    let for_mange = json!({
        "description": "For mange forespørsler fra samme klient uten innlogging; Retry-After sier når den kan prøve igjen",
        "headers": { "Retry-After": { "schema": { "type": "integer" } } },
        "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Parameterfeil" } } }
    });
    let antall = json!({ "type": ["integer", "null"], "minimum": 0, "description": "null når tallet er skjult (1–4 for et lite område)" });
    let kart = json!({ "type": "object", "additionalProperties": antall });
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Klagesak – statistikk",
            "version": "1",
            "description": "Klager på individuell plan og koordinator hos Statsforvalteren. Ingen tall identifiserer en person: \
                            tall 1–4 for en kommune, eller for et fylke som bare er en del av embetet, er skjult (null i JSON, «:» i CSV og XLSX), \
                            og ingen skjult verdi kan regnes ut av totalene ved siden av. Uten innlogging som direktorat eller leder gis tall \
                            under embetsnivå bare for hele kalenderår og én kommune eller ett fylke om gangen (en fast tabellfamilie som er \
                            prikket samlet, så hver celle har én verdi i alle svar). Perioder må ligge fra 2000-01-01 til ett år etter i dag, \
                            høyst 100 verdier per parameter, og anonyme klienter får 429 med Retry-After ved for mange forespørsler."
        },
        "paths": {
            "/api/v1/statistikk": { "get": {
                "summary": "Alle tallene i dashbordet for et utvalg",
                "parameters": parametre(),
                "responses": {
                    "200": { "description": "Tallene", "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Statistikk" } } } },
                    "400": feil.clone(),
                    "429": for_mange.clone()
                }
            }},
            "/api/v1/statistikk.csv": { "get": {
                "summary": "Utvalget som CSV (UTF-8 med BOM, semikolon, desimalkomma)",
                "parameters": parametre(),
                "responses": { "200": { "description": "CSV-fil", "content": { "text/csv": { "schema": { "type": "string" } } } }, "400": feil.clone(), "429": for_mange.clone() }
            }},
            "/api/v1/statistikk.xlsx": { "get": {
                "summary": "Utvalget som Excel-arbeidsbok med filteret på arket",
                "parameters": parametre(),
                "responses": { "200": { "description": "XLSX-fil", "content": {
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": { "schema": { "type": "string", "format": "binary" } } } },
                    "400": feil, "429": for_mange }
            }},
            "/api/v1/openapi.json": { "get": { "summary": "Dette dokumentet", "responses": { "200": { "description": "OpenAPI 3" } } } }
        },
        "components": { "schemas": {
            "Parameterfeil": { "type": "object", "required": ["feil", "parameter"], "properties": {
                "feil": { "type": "string", "description": "Feilen på bokmål" },
                "feil_nn": { "type": "string", "description": "Feilen på nynorsk" },
                "parameter": { "type": "string", "description": "Parameteren feilen gjelder" } } },
            "Statistikk": { "type": "object", "properties": {
                "fra": { "type": ["string", "null"], "format": "date" },
                "til": { "type": ["string", "null"], "format": "date" },
                "totalt": antall,
                "statsforvaltere_med_saker": { "type": "integer" },
                "statsforvaltere_totalt": { "type": "integer" },
                "utfall": kart, "per_aar": kart, "per_maaned": kart, "per_statsforvalter": kart,
                "per_kategori": kart, "per_rettighet": kart, "per_aldersgruppe": kart,
                "medhold_hos_kommunen": antall,
                "oppsummering": { "type": "string" }, "oppsummering_nn": { "type": "string" },
                "filter": { "type": "array", "items": { "type": "array", "items": { "type": "string" } } },
                "grunnlag": { "type": "string", "enum": ["avgjort", "mottatt"] },
                "helsetilsynet": { "type": "object", "description": "Per embete og år (periodens sluttår og de to før), med utfall og andeler" },
                "behandlingstid": { "type": "object", "description": "Median, 90-persentil (dager) og andel innen 3 måneder, nasjonalt og per embete" },
                "per_embete_omraade": { "type": "array", "items": { "$ref": "#/components/schemas/Omraadetall" } },
                "per_fylke": { "type": "array", "items": { "$ref": "#/components/schemas/Omraadetall" } },
                "per_kommune": { "type": "array", "items": { "$ref": "#/components/schemas/Omraadetall" } },
                "finmasket": { "type": "boolean" },
                "omraader_utelatt": { "type": "boolean", "description": "Fylker og kommuner er utelatt: uten innlogging vises de bare for hele kalenderår med høyst ett annet valg" },
                "skjulte_tall": { "type": "integer" },
                "idag": { "type": "string", "format": "date" }
            }},
            "Omraadetall": { "type": "object", "properties": {
                "kode": { "type": "string" }, "navn": { "type": "string" }, "statsforvalter": { "type": "string" },
                "innbyggere": { "type": "integer" }, "antall": antall, "per_100k": { "type": ["number", "null"] } } }
        }}
    })
}
