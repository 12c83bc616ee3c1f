//! Bootstrap Italia (CSS, fonts, icons), served from the binary under a versioned path.
//!
//! The pages must work on a city's intranet with no internet access and load nothing from
//! a CDN, so the files are embedded. The version is in the path, so browsers may keep
//! them for a year: a new release of the files is a new address.

use axum::{
    Router,
    extract::Path,
    http::{StatusCode, header},
    response::{IntoResponse, Response},
    routing::get,
};
use rust_embed::RustEmbed;

use crate::state::AppState;

/// The vendored Bootstrap Italia release; `templates/` link to [`BASE`].
pub const VERSION: &str = "2.18.3";
/// Where the files are served; it names [`VERSION`].
pub const BASE: &str = "/static/bootstrap-italia/2.18.3";

#[derive(RustEmbed)]
#[folder = "static/vendor/bootstrap-italia/"]
struct Files;

pub fn router() -> Router<AppState> {
    Router::new()
        .route(&format!("{BASE}/{{*file}}"), get(file))
        .route(crate::web::site::COAT_OF_ARMS_PATH, get(coat_of_arms))
}

/// The configured coat of arms, or the plain shield; an hour's cache, since a city may
/// replace its file without a new release.
async fn coat_of_arms() -> Response {
    let (kind, bytes) = crate::web::site::coat_of_arms();
    (
        [
            (header::CONTENT_TYPE, kind),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        bytes,
    )
        .into_response()
}

async fn file(Path(name): Path<String>) -> Response {
    let kind = match name.rsplit_once('.').map(|(_, ext)| ext) {
        Some("css") => "text/css; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("woff2") => "font/woff2",
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    match Files::get(&name) {
        Some(f) => (
            [
                (header::CONTENT_TYPE, kind),
                (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
            ],
            f.data,
        )
            .into_response(),
        None => StatusCode::NOT_FOUND.into_response(),
    }
}
