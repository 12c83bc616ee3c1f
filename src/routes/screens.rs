//! Screens opened by a secret link, without a login: a room's door screen
//! (`/door/{token}`), and its figures as JSON for the screen's script to poll.

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Json, Router,
    extract::{Query, State},
    http::HeaderMap,
    response::{IntoResponse, Response},
    routing::get,
};

use crate::{
    error::AppResult,
    extract::AppPath,
    routes::staff::rooms::{RoomNow, free_samples, room_now},
    service::visit::{checkin::OccupancyView, door},
    state::AppState,
    web::{PageError, Tr, fl, negotiate, page},
};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/door/{token}", get(show_door))
        .route("/door/{token}/occupancy", get(occupancy))
}

#[derive(Template, WebTemplate)]
#[template(path = "door_screen.html")]
struct DoorScreen {
    t: &'static Tr,
    room: RoomNow,
    updated: String,
    tz: String,
    free_samples: String,
    /// Where the screen's script reads the figures.
    source: String,
}

/// `GET /door/{token}?lang=`: the whole screen for the room, large and high contrast.
async fn show_door(
    State(state): State<AppState>,
    headers: HeaderMap,
    AppPath(token): AppPath<String>,
    Query(params): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let lang = negotiate(params.get("lang").map(String::as_str), &headers);
    let t = Tr::of(lang);
    let now = state.clock.now();
    let view = door::door(&state.db, &token, now)
        .await
        .map_err(page(lang))?;
    let tz = crate::service::directory::tz(&state.db, view.office_id)
        .await
        .map_err(page(lang))?;
    Ok(DoorScreen {
        t,
        free_samples: free_samples(t),
        room: room_now(view.room_id, view.room_name, view.figures),
        updated: crate::l10n::hhmm(now, tz),
        tz: tz.name().to_string(),
        source: format!("/door/{}/occupancy", token.trim()),
    }
    .into_response())
}

/// `GET /door/{token}/occupancy`: the room's figures now.
async fn occupancy(
    State(state): State<AppState>,
    AppPath(token): AppPath<String>,
) -> AppResult<Json<OccupancyView>> {
    Ok(Json(
        door::door(&state.db, &token, state.clock.now())
            .await?
            .figures,
    ))
}
