//! The static files (the hydration `.js` and `.wasm`, the styles, Designsystemet's CSS, the
//! icon): each is sent under a name that changes when its content does, so a browser may keep
//! it for a year and never ask again.
//!
//! Two kinds of hashed names, one scheme:
//! - **cargo-leptos's** (`hash-files = true`): the JS, WASM and app CSS in `pkg/` are renamed
//!   to `klagesak.<md5>.js` etc. at build time, and the hash file next to the server binary
//!   (`target/release/hash.txt`, read by Leptos' `HydrationScripts` as well) names them;
//! - **ours**, for everything else in the site root (`ds/tema.css`, `ds/designsystemet.css`,
//!   `favicon.svg`, fonts if any are added to `public/`): a SHA-256 of the content is computed
//!   once at start-up, and the file is also served as `ds/tema.<hash>.css`, the name the page
//!   links. The files are read when the server starts; a new build needs a restart (as the
//!   binary does anyway).
//!
//! A hashed name is answered with `Cache-Control: public, max-age=31536000, immutable`, a plain
//! one (the same file under its build name) with `no-cache`, which makes the browser revalidate
//! (`Last-Modified`). Both are served with `Vary: Accept-Encoding` from the brotli (`.br`) or
//! gzip (`.gz`) copy made at build time (`cargo leptos build --release --precompress`) when the
//! request accepts it, and as they are otherwise.
//!
//! The files are answered before the session layer: they need no session and no database.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode, Uri};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use leptos::config::LeptosOptions;
use sha2::{Digest, Sha256};
use tower::ServiceExt;
use tower_http::services::ServeDir;

use super::AppState;
use crate::skjema::ressurslenker::Ressurslenker;

/// The cache policy of a content-hashed name: it never changes, so the browser keeps it.
pub const UFORANDERLIG: &str = "public, max-age=31536000, immutable";
/// The cache policy of a file under its plain name: kept, but revalidated before each use.
pub const REVALIDER: &str = "no-cache";

/// How many hex digits of the SHA-256 make our hashed names (64 bits).
const HASHLENGDE: usize = 16;

/// One URL a file is served under.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Fil {
    /// The file's own path under the site root, as a URL path (`/ds/tema.css`).
    sti: String,
    /// Whether the URL is content-hashed (and so cached for good).
    hashet: bool,
}

impl Fil {
    /// The cache policy of this URL.
    fn hurtigbuffer(&self) -> &'static str {
        if self.hashet {
            UFORANDERLIG
        } else {
            REVALIDER
        }
    }
}

/// The site root's files, by every URL they are served under, read once at start-up.
#[derive(Clone, Debug)]
pub struct Ressurser {
    filer: HashMap<String, Fil>,
    lenker: Ressurslenker,
    tjeneste: ServeDir,
}

impl Default for Ressurser {
    fn default() -> Self {
        Ressurser::tom(Path::new("."))
    }
}

impl Ressurser {
    /// No files: everything falls through to the app (a site root that is not built yet).
    fn tom(rot: &Path) -> Ressurser {
        Ressurser { filer: HashMap::new(), lenker: Ressurslenker::default(), tjeneste: tjeneste(rot) }
    }

    /// The files of the site as the server is configured: `options.site_root`, and, when
    /// `hash_files` is on, the hash file where Leptos itself looks for it (beside the running
    /// binary). A site root that cannot be read gives no files (logged); the pages still work.
    pub fn for_nettstedet(options: &LeptosOptions) -> Ressurser {
        let rot = Path::new(&*options.site_root);
        let hashfil = options.hash_files.then(|| hashfil(options)).flatten();
        Ressurser::les(rot, &options.site_pkg_dir, &options.output_name, hashfil.as_deref()).unwrap_or_else(|e| {
            tracing::warn!(feil = %e, rot = %rot.display(), "nettstedets filer kunne ikke leses; de sendes uten hashede navn");
            Ressurser::tom(rot)
        })
    }

    /// The files under `rot`: the ones the hash file `hashfil` names (cargo-leptos's hashed
    /// `{output_name}.{hash}.{js,wasm,css}` in `pkg_dir`) as they are, every other file also under
    /// a name with the SHA-256 of its content. The brotli and gzip copies are not listed: they
    /// are found beside the file they belong to.
    pub fn les(rot: &Path, pkg_dir: &str, output_name: &str, hashfil: Option<&Path>) -> std::io::Result<Ressurser> {
        let mut filer = HashMap::new();
        let mut lenker = HashMap::new();
        let pkg = format!("/{}", pkg_dir.trim_matches('/'));
        // cargo-leptos's names: `js: <hash>` per line.
        if let Some(hashfil) = hashfil {
            for linje in std::fs::read_to_string(hashfil)?.lines() {
                let Some((endelse, hash)) = linje.split_once(':') else { continue };
                let (endelse, hash) = (endelse.trim(), hash.trim());
                if matches!(endelse, "js" | "wasm" | "css") && trygt_navn(hash) {
                    let hashet = format!("{pkg}/{output_name}.{hash}.{endelse}");
                    lenker.insert(format!("{pkg}/{output_name}.{endelse}"), hashet.clone());
                    filer.insert(hashet.clone(), Fil { sti: hashet, hashet: true });
                }
            }
        }
        for (sti, innhold) in alle_filer(rot)? {
            if sti.ends_with(".br") || sti.ends_with(".gz") || filer.contains_key(&sti) || !trygt_navn(&sti) {
                continue;
            }
            filer.insert(sti.clone(), Fil { sti: sti.clone(), hashet: false });
            let hash = hex::encode(Sha256::digest(&innhold));
            let hashet = med_hash(&sti, &hash[..HASHLENGDE]);
            filer.insert(hashet.clone(), Fil { sti: sti.clone(), hashet: true });
            // A name from the hash file wins: it is the one Leptos links.
            lenker.entry(sti).or_insert(hashet);
        }
        Ok(Ressurser { filer, lenker: Ressurslenker::ny(lenker), tjeneste: tjeneste(rot) })
    }

    /// The URLs the page links: the hashed name of each file by its plain name.
    pub fn lenker(&self) -> &Ressurslenker {
        &self.lenker
    }

    /// The cache policy of `sti` if it is one of the site's files: [`UFORANDERLIG`] for a
    /// hashed name, [`REVALIDER`] for a plain one.
    pub fn hurtigbuffer(&self, sti: &str) -> Option<&'static str> {
        self.filer.get(sti).map(Fil::hurtigbuffer)
    }
}

/// Where Leptos' `HydrationScripts` reads the hash file: beside the running binary.
pub fn hashfil(options: &LeptosOptions) -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    Some(exe.parent()?.join(&*options.hash_file))
}

fn tjeneste(rot: &Path) -> ServeDir {
    ServeDir::new(rot).precompressed_br().precompressed_gzip()
}

/// Only names that need no escaping in a URL (what the build writes): letters, digits and `/._-`.
fn trygt_navn(sti: &str) -> bool {
    !sti.is_empty() && !sti.contains("..") && sti.bytes().all(|b| b.is_ascii_alphanumeric() || b"/._-".contains(&b))
}

/// `/ds/tema.css` with `hash` before its extension: `/ds/tema.<hash>.css`.
fn med_hash(sti: &str, hash: &str) -> String {
    let (mappe, navn) = sti.rsplit_once('/').unwrap_or(("", sti));
    match navn.rsplit_once('.') {
        Some((stamme, endelse)) if !stamme.is_empty() => format!("{mappe}/{stamme}.{hash}.{endelse}"),
        _ => format!("{mappe}/{navn}.{hash}"),
    }
}

/// Every file under `rot` with its content, by its URL path (`/ds/tema.css`).
fn alle_filer(rot: &Path) -> std::io::Result<Vec<(String, Vec<u8>)>> {
    let mut filer = Vec::new();
    let mut mapper = vec![PathBuf::new()];
    while let Some(mappe) = mapper.pop() {
        for oppfoering in std::fs::read_dir(rot.join(&mappe))? {
            let oppfoering = oppfoering?;
            let relativ = mappe.join(oppfoering.file_name());
            let type_ = oppfoering.file_type()?;
            if type_.is_dir() {
                mapper.push(relativ);
            } else if type_.is_file() {
                let Some(sti) = relativ.to_str() else { continue };
                let sti = format!("/{}", sti.replace(std::path::MAIN_SEPARATOR, "/"));
                if sti.ends_with(".br") || sti.ends_with(".gz") {
                    continue;
                }
                filer.push((sti, std::fs::read(oppfoering.path())?));
            }
        }
    }
    Ok(filer)
}

/// The layer that answers the site's files (GET and HEAD of a URL in [`Ressurser`]) with the
/// right name's cache policy, and passes everything else on.
pub async fn tjen(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if req.method() != Method::GET && req.method() != Method::HEAD {
        return next.run(req).await;
    }
    let Some(fil) = state.ressurser.filer.get(req.uri().path()).cloned() else {
        return next.run(req).await;
    };
    let Ok(uri) = fil.sti.parse::<Uri>() else {
        return next.run(req).await;
    };
    let (mut deler, body) = req.into_parts();
    deler.uri = uri;
    let svar = match state.ressurser.tjeneste.clone().oneshot(Request::from_parts(deler, body)).await {
        Ok(svar) => svar.into_response(),
        Err(e) => match e {},
    };
    let (mut deler, body) = svar.into_parts();
    // The answer depends on Accept-Encoding whether or not this one was compressed.
    deler.headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
    if matches!(deler.status, StatusCode::OK | StatusCode::PARTIAL_CONTENT | StatusCode::NOT_MODIFIED) {
        deler.headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(fil.hurtigbuffer()));
    }
    Response::from_parts(deler, body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hash_goes_before_the_extension() {
        assert_eq!(med_hash("/ds/tema.css", "abc"), "/ds/tema.abc.css");
        assert_eq!(med_hash("/favicon.svg", "abc"), "/favicon.abc.svg");
        assert_eq!(med_hash("/pkg/a.b.js", "abc"), "/pkg/a.b.abc.js");
        assert_eq!(med_hash("/LISENS", "abc"), "/LISENS.abc");
        assert_eq!(med_hash("/.skjult", "abc"), "/.skjult.abc");
    }

    #[test]
    fn only_plain_names_are_listed() {
        assert!(trygt_navn("/ds/tema.css") && trygt_navn("/pkg/klagesak.AbC-_1.wasm"));
        assert!(!trygt_navn("/ds/med mellomrom.css") && !trygt_navn("/../etc/passwd") && !trygt_navn("/æ.css"));
    }

    #[test]
    fn every_file_has_a_hashed_name_and_the_hash_file_names_the_pkg_files() {
        let rot = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(rot.path().join("ds")).unwrap();
        std::fs::create_dir_all(rot.path().join("pkg")).unwrap();
        std::fs::write(rot.path().join("ds/tema.css"), "a{}").unwrap();
        std::fs::write(rot.path().join("ds/tema.css.br"), "x").unwrap();
        std::fs::write(rot.path().join("pkg/app.H1.css"), "b{}").unwrap();
        let utenfor = tempfile::tempdir().unwrap();
        let hashfil = utenfor.path().join("hash.txt");
        std::fs::write(&hashfil, "js: J1\nwasm: W1\ncss: H1\n").unwrap();
        let r = Ressurser::les(rot.path(), "pkg", "app", Some(&hashfil)).unwrap();
        let tema = r.lenker().url("/ds/tema.css");
        // SHA-256 of "a{}".
        assert_eq!(tema, format!("/ds/tema.{}.css", &hex::encode(Sha256::digest(b"a{}"))[..HASHLENGDE]));
        assert_eq!(r.hurtigbuffer(&tema), Some(UFORANDERLIG));
        assert_eq!(r.hurtigbuffer("/ds/tema.css"), Some(REVALIDER));
        assert_eq!(r.hurtigbuffer("/ds/tema.css.br"), None);
        assert_eq!(r.lenker().url("/pkg/app.css"), "/pkg/app.H1.css");
        assert_eq!(r.hurtigbuffer("/pkg/app.H1.css"), Some(UFORANDERLIG));
        // The hash file's own file is not hashed a second time.
        assert!(r.filer.keys().all(|k| !k.starts_with("/pkg/app.H1.") || k == "/pkg/app.H1.css"), "{:?}", r.filer.keys());
        // Unknown names are left as they are.
        assert_eq!(r.lenker().url("/finnes/ikke.css"), "/finnes/ikke.css");
    }
}
