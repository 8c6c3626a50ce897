//! The `klagesak` command: `serve` (default), `migrate`, `demo`, `statistikk`.

#[cfg(feature = "ssr")]
#[tokio::main]
async fn main() -> std::process::ExitCode {
    klagesak::cli::main().await
}

#[cfg(not(feature = "ssr"))]
fn main() {
    // The browser build has no command line: `hydrate()` in lib.rs is its entry point.
}
