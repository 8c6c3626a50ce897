//! Assets sent once: the static files under content-hashed names, cached for a year, sent as
//! the brotli or gzip copy made at build time when the browser accepts it; HTML and JSON
//! compressed on the fly, the exports left as they are, and the logged-in pages compressed only
//! for requests from this site (BREACH, see `server::komprimering`).
//!
//! The site root is a small one of the test's own (fake `.wasm`, `.js`, CSS and their `.br` and
//! `.gz` copies, and cargo-leptos's hash file), so no release build is needed.

use std::path::Path;

use axum::body::Body;
use axum::http::{header, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use klagesak::domain::tilgang::Rolle;
use tower::ServiceExt;

use crate::begge_motorer;
use crate::felles::{self, Testdatabase};

const UFORANDERLIG: &str = "public, max-age=31536000, immutable";

/// A response with its body as bytes (it may be compressed).
struct Raasvar {
    status: StatusCode,
    headers: axum::http::HeaderMap,
    bytes: Vec<u8>,
}

impl Raasvar {
    fn hode(&self, navn: header::HeaderName) -> Option<&str> {
        self.headers.get(navn).map(|v| v.to_str().expect("an ASCII header"))
    }

    /// The body as the browser reads it: decoded by its `Content-Encoding`.
    fn tekst(&self) -> String {
        use std::io::Read;
        let mut ut = Vec::new();
        match self.hode(header::CONTENT_ENCODING) {
            None => ut.clone_from(&self.bytes),
            Some("br") => {
                brotli_decompressor::Decompressor::new(&self.bytes[..], 4096).read_to_end(&mut ut).expect("valid brotli");
            }
            Some("gzip") => {
                flate2::read::GzDecoder::new(&self.bytes[..]).read_to_end(&mut ut).expect("valid gzip");
            }
            Some(annen) => panic!("unexpected Content-Encoding {annen}"),
        }
        String::from_utf8(ut).expect("UTF-8")
    }

    fn varierer_med_koding(&self) -> bool {
        self.headers.get_all(header::VARY).iter().any(|v| v.to_str().unwrap_or_default().to_ascii_lowercase().contains("accept-encoding"))
    }
}

/// `GET sti` with the headers `hode`.
async fn hent(app: &Router, sti: &str, hode: &[(&str, &str)]) -> Raasvar {
    let mut req = Request::builder().uri(sti);
    for (navn, verdi) in hode {
        req = req.header(*navn, *verdi);
    }
    let svar = app.clone().oneshot(req.body(Body::empty()).unwrap()).await.expect("response");
    let status = svar.status();
    let headers = svar.headers().clone();
    let bytes = svar.into_body().collect().await.expect("body").to_bytes().to_vec();
    Raasvar { status, headers, bytes }
}

/// A built site in miniature: cargo-leptos's hashed `pkg` files (with the hash file it writes
/// beside the binary), Designsystemet's CSS and the icon under their build names, each with a
/// `.br` and a `.gz` copy whose content says which it is.
struct Nettsted {
    rot: tempfile::TempDir,
    hashfil: std::path::PathBuf,
    _utenfor: tempfile::TempDir,
}

const JS: &str = "pkg/klagesak.JsHash0123456789abcdefg.js";
const WASM: &str = "pkg/klagesak.WasmHash0123456789abcdef.wasm";
const CSS: &str = "pkg/klagesak.CssHash0123456789abcdefg.css";

fn nettsted(designsystemet: &str) -> Nettsted {
    let rot = tempfile::tempdir().unwrap();
    let fil = |sti: &str, innhold: &str| {
        let sti = rot.path().join(sti);
        std::fs::create_dir_all(sti.parent().unwrap()).unwrap();
        std::fs::write(&sti, innhold).unwrap();
        std::fs::write(format!("{}.br", sti.display()), format!("BROTLI({innhold})")).unwrap();
        std::fs::write(format!("{}.gz", sti.display()), format!("GZIP({innhold})")).unwrap();
    };
    fil(JS, "export default function init() {}");
    fil(WASM, "\0asm fake");
    fil(CSS, "body { margin: 0 }");
    fil("ds/designsystemet.css", designsystemet);
    fil("ds/tema.css", ":root { --ds-color: blue }");
    fil("favicon.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    let utenfor = tempfile::tempdir().unwrap();
    let hashfil = utenfor.path().join("hash.txt");
    std::fs::write(&hashfil, "js: JsHash0123456789abcdefg\nwasm: WasmHash0123456789abcdef\ncss: CssHash0123456789abcdefg\n").unwrap();
    Nettsted { rot, hashfil, _utenfor: utenfor }
}

impl Nettsted {
    fn ruter(&self, t: &Testdatabase) -> Router {
        felles::ruter_med_nettsted(&t.db, self.rot.path(), Some(&self.hashfil))
    }

    fn rot(&self) -> &Path {
        self.rot.path()
    }
}

/// The `href` of the `<link>` whose URL starts with `begynnelse` in the page `html`.
fn lenke(html: &str, begynnelse: &str) -> String {
    let start = html.find(&format!("href=\"{begynnelse}")).unwrap_or_else(|| panic!("no link to {begynnelse}… in {html}")) + 6;
    html[start..start + html[start..].find('"').unwrap()].to_owned()
}

/// A hashed asset is sent as the brotli copy when the browser accepts brotli, as the gzip copy
/// when it accepts only gzip, and as it is otherwise: each time with `Vary: Accept-Encoding`,
/// its own content type, and cached for a year.
async fn hashet_fil_sendes_som_brotli_gzip_eller_som_den_er(t: &Testdatabase) {
    let sted = nettsted("ds {}");
    let app = sted.ruter(t);
    for (sti, type_) in [(WASM, "application/wasm"), (JS, "javascript"), (CSS, "text/css")] {
        let sti = format!("/{sti}");
        let innhold = std::fs::read_to_string(sted.rot().join(&sti[1..])).unwrap();
        for (godtar, koding, forventet) in [
            (Some("gzip, deflate, br, zstd"), Some("br"), format!("BROTLI({innhold})")),
            (Some("br"), Some("br"), format!("BROTLI({innhold})")),
            (Some("gzip"), Some("gzip"), format!("GZIP({innhold})")),
            (Some("identity"), None, innhold.clone()),
            (None, None, innhold.clone()),
        ] {
            let hode: Vec<(&str, &str)> = godtar.map(|g| ("accept-encoding", g)).into_iter().collect();
            let svar = hent(&app, &sti, &hode).await;
            assert_eq!(svar.status, StatusCode::OK, "{sti} with {godtar:?}");
            assert_eq!(svar.hode(header::CONTENT_ENCODING), koding, "{sti} with {godtar:?}");
            assert_eq!(String::from_utf8_lossy(&svar.bytes), forventet, "{sti} with {godtar:?}");
            assert_eq!(svar.hode(header::CACHE_CONTROL), Some(UFORANDERLIG), "{sti} with {godtar:?}");
            assert!(svar.varierer_med_koding(), "{sti} with {godtar:?}: no Vary: Accept-Encoding");
            let faktisk_type = svar.hode(header::CONTENT_TYPE).unwrap_or_default();
            assert!(faktisk_type.contains(type_), "{sti}: Content-Type {faktisk_type}, expected {type_}");
        }
    }
    // Revalidation works on a hashed name too (a browser that was told to keep it never asks,
    // but a proxy may): 304, still immutable.
    let svar = hent(&app, &format!("/{WASM}"), &[]).await;
    let endret = svar.hode(header::LAST_MODIFIED).expect("Last-Modified").to_owned();
    let svar = hent(&app, &format!("/{WASM}"), &[("if-modified-since", endret.as_str())]).await;
    assert_eq!(svar.status, StatusCode::NOT_MODIFIED);
    assert_eq!(svar.hode(header::CACHE_CONTROL), Some(UFORANDERLIG));
}

/// The page links Designsystemet's CSS, the theme, the app's CSS and the icon by hashed names,
/// each served and cached for a year; the same file under its build name is only revalidated;
/// and the name changes when the content does.
async fn siden_lenker_hashede_navn_som_endres_med_innholdet(t: &Testdatabase) {
    let sted = nettsted(".ds-button { color: red }");
    let app = sted.ruter(t);
    let side = hent(&app, "/", &[("accept", "text/html")]).await;
    assert_eq!(side.status, StatusCode::OK);
    let html = side.tekst();
    assert_eq!(lenke(&html, "/pkg/klagesak."), format!("/{CSS}"));
    let ds = lenke(&html, "/ds/designsystemet.");
    let tema = lenke(&html, "/ds/tema.");
    let ikon = lenke(&html, "/favicon.");
    for (lenket, innhold) in [(&ds, ".ds-button { color: red }"), (&tema, ":root { --ds-color: blue }")] {
        assert_ne!(lenket.matches('.').count(), 1, "{lenket} has no hash");
        let svar = hent(&app, lenket, &[("accept-encoding", "br")]).await;
        assert_eq!(svar.status, StatusCode::OK, "{lenket}");
        assert_eq!(svar.hode(header::CONTENT_ENCODING), Some("br"), "{lenket}");
        assert_eq!(String::from_utf8_lossy(&svar.bytes), format!("BROTLI({innhold})"));
        assert_eq!(svar.hode(header::CACHE_CONTROL), Some(UFORANDERLIG), "{lenket}");
        assert!(svar.hode(header::CONTENT_TYPE).unwrap_or_default().starts_with("text/css"));
        assert!(svar.varierer_med_koding());
    }
    let svar = hent(&app, &ikon, &[]).await;
    assert_eq!((svar.status, svar.hode(header::CACHE_CONTROL)), (StatusCode::OK, Some(UFORANDERLIG)), "{ikon}");
    // The build name still works, but the browser asks again before using it.
    let svar = hent(&app, "/ds/designsystemet.css", &[("accept-encoding", "gzip")]).await;
    assert_eq!(svar.status, StatusCode::OK);
    assert_eq!(svar.hode(header::CONTENT_ENCODING), Some("gzip"));
    assert_eq!(svar.hode(header::CACHE_CONTROL), Some("no-cache"));
    // A name with a hash the file does not have is not served as that file.
    let svar = hent(&app, "/ds/designsystemet.0000000000000000.css", &[]).await;
    assert_eq!(svar.status, StatusCode::NOT_FOUND);
    assert!(!svar.hode(header::CACHE_CONTROL).unwrap_or_default().contains("immutable"));

    // New content, new name.
    let nytt = nettsted(".ds-button { color: green }");
    let html = hent(&nytt.ruter(t), "/", &[]).await.tekst();
    let ny_ds = lenke(&html, "/ds/designsystemet.");
    assert_ne!(ny_ds, ds, "the name did not change with the content");
    assert_eq!(lenke(&html, "/ds/tema."), tema, "the theme did not change, nor should its name");
}

/// An HTML page is compressed when the browser asks (brotli before gzip), and is never
/// marked immutable; JSON too. The exports keep their content types and are sent as they are.
async fn html_og_json_komprimeres_uten_immutable(t: &Testdatabase) {
    let sted = nettsted("ds {}");
    let app = sted.ruter(t);
    for sti in ["/", "/statistikk", "/logg-inn"] {
        let ukomprimert = hent(&app, sti, &[]).await;
        assert_eq!(ukomprimert.status, StatusCode::OK, "{sti}");
        assert_eq!(ukomprimert.hode(header::CONTENT_ENCODING), None, "{sti}");
        for (godtar, koding) in [("gzip, deflate, br, zstd", "br"), ("gzip", "gzip")] {
            let svar = hent(&app, sti, &[("accept", "text/html"), ("accept-encoding", godtar)]).await;
            assert_eq!(svar.status, StatusCode::OK, "{sti}");
            assert_eq!(svar.hode(header::CONTENT_ENCODING), Some(koding), "{sti} with {godtar}");
            assert!(svar.hode(header::CONTENT_TYPE).unwrap_or_default().starts_with("text/html"));
            assert!(svar.varierer_med_koding(), "{sti}");
            assert!(!svar.hode(header::CACHE_CONTROL).unwrap_or_default().contains("immutable"), "{sti}");
            let html = svar.tekst();
            assert!(html.starts_with("<!DOCTYPE html>") && html.contains("</html>"), "{sti}: {html}");
            assert!(svar.bytes.len() < html.len(), "{sti}: {} bytes compressed, {} raw", svar.bytes.len(), html.len());
        }
    }
    let json = hent(&app, "/api/v1/openapi.json", &[("accept-encoding", "br")]).await;
    assert_eq!(json.status, StatusCode::OK);
    assert_eq!(json.hode(header::CONTENT_ENCODING), Some("br"));
    assert!(!json.hode(header::CACHE_CONTROL).unwrap_or_default().contains("immutable"));
    assert!(json.tekst().starts_with('{'));
    let json = hent(&app, "/api/v1/statistikk?fra=2026-01-01&til=2026-11-23", &[("accept-encoding", "gzip")]).await;
    assert_eq!(json.status, StatusCode::OK, "{}", json.tekst());
    assert_eq!(json.hode(header::CONTENT_ENCODING), Some("gzip"));
    serde_json::from_str::<serde_json::Value>(&json.tekst()).expect("JSON");
    for (sti, type_) in [
        ("/api/v1/statistikk.csv?fra=2026-01-01&til=2026-11-23", "text/csv; charset=utf-8"),
        ("/api/v1/statistikk.xlsx?fra=2026-01-01&til=2026-11-23", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ] {
        let svar = hent(&app, sti, &[("accept-encoding", "br, gzip")]).await;
        assert_eq!(svar.status, StatusCode::OK, "{sti}");
        assert_eq!(svar.hode(header::CONTENT_TYPE), Some(type_), "{sti}");
        assert_eq!(svar.hode(header::CONTENT_ENCODING), None, "{sti}");
        assert!(svar.hode(header::CONTENT_DISPOSITION).unwrap_or_default().starts_with("attachment"), "{sti}");
    }
}

/// A logged-in page keeps `no-store`, and is compressed only when the browser says the request
/// came from this site or the user (`Sec-Fetch-Site: same-origin` or `none`): never for a
/// request another site started, nor for a client that does not say (BREACH).
async fn innloggede_sider_komprimeres_bare_fra_eget_nettsted(t: &Testdatabase) {
    let sted = nettsted("ds {}");
    let app = sted.ruter(t);
    let klient = felles::klient(&app, &t.db, "1506", &[Rolle::Kommune]).await;
    for (sti, kommer_fra, koding) in [
        ("/saker", Some("same-origin"), Some("br")),
        ("/saker?status=mottatt", Some("none"), Some("br")),
        ("/saker?saksnummer=2026-1", Some("cross-site"), None),
        ("/saker", Some("same-site"), None),
        ("/saker/ny", None, None),
    ] {
        let mut hode = vec![("accept", "text/html"), ("accept-encoding", "br, gzip"), ("cookie", klient.cookie.as_str())];
        hode.extend(kommer_fra.map(|k| ("sec-fetch-site", k)));
        let svar = hent(&app, sti, &hode).await;
        assert_eq!(svar.status, StatusCode::OK, "{sti}");
        assert_eq!(svar.hode(header::CONTENT_ENCODING), koding, "{sti} from {kommer_fra:?}");
        assert_eq!(svar.hode(header::CACHE_CONTROL), Some("no-store"), "{sti}");
        assert!(svar.tekst().contains("</html>"), "{sti}");
    }
}

begge_motorer!(
    hashet_fil_sendes_som_brotli_gzip_eller_som_den_er,
    siden_lenker_hashede_navn_som_endres_med_innholdet,
    html_og_json_komprimeres_uten_immutable,
    innloggede_sider_komprimeres_bare_fra_eget_nettsted,
);
