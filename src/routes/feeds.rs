//! `GET /feeds/{token}.ics`: a calendar feed, for the calendar apps that subscribe to it
//! (no login: the address is the secret; see `service::visit::feeds`).

use axum::{
    Router,
    extract::State,
    http::header,
    response::{IntoResponse, Response},
    routing::get,
};

use crate::{error::AppResult, extract::AppPath, service::visit::feeds, state::AppState};

pub fn router() -> Router<AppState> {
    Router::new().route("/feeds/{token}", get(feed))
}

async fn feed(
    State(state): State<AppState>,
    AppPath(token): AppPath<String>,
) -> AppResult<Response> {
    let body = feeds::ics(&state.db, &token, state.clock.now()).await?;
    Ok((
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            // The address is a secret: no shared cache keeps it or its answer.
            (header::CACHE_CONTROL, "private, max-age=300"),
        ],
        body,
    )
        .into_response())
}
