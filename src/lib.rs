//! Klagesak: the complaint register for individual plans and coordinators.
//!
//! - [`domain`]: the rules of the field, plain Rust, compiled for server and browser.
//! - [`ui`]: the Leptos components, one module per page.
//! - `db`, `server`, `demo`, `cli` (server only): storage, HTTP and the command line.
#![recursion_limit = "256"]

pub mod domain;
pub mod ui;

#[cfg(feature = "ssr")]
pub mod cli;
#[cfg(feature = "ssr")]
pub mod db;
#[cfg(feature = "ssr")]
pub mod demo;
#[cfg(feature = "ssr")]
pub mod server;

/// Entry point of the browser build: hydrates the server-rendered page.
#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_body(ui::App);
}
