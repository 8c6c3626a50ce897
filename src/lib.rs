//! Klagesak: the complaint register for individual plans and coordinators.
//!
//! - [`domain`]: the rules of the field, plain Rust, compiled for server and browser.
//! - [`skjema`]: what travels between the pages and the server (forms, their errors, views).
//! - [`ui`]: the Leptos components, one module per page.
//! - `db`, `tjenester`, `server`, `demo`, `cli` (server only): storage, the use cases, the
//!   web edge and the command line. ARCHITECTURE.md says which may call which.
#![recursion_limit = "256"]

pub mod domain;
pub mod skjema;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod cli;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
pub mod server;
#[cfg(feature = "ssr")]
pub mod tjenester;

/// Entry point of the browser build: hydrates the server-rendered page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(ui::App);
}
