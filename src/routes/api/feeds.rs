//! Calendar feeds through the API: make (or make anew) the office's or a counter's feed,
//! and list which exist. The address is in the answer that makes it, and only there.

use axum::{Json, extract::State, http::StatusCode};

use crate::{
    error::AppResult,
    extract::{AppJson, AppPath, parse_id},
    service::{
        actor::Actor,
        visit::feeds::{self, FeedView, MadeFeed, NewFeed},
    },
    state::AppState,
};

/// Makes a new address for the office's feed (or a counter's, with `counter_id`); the one
/// before stops working.
#[utoipa::path(post, path = "/api/v1/offices/{office_id}/calendar-feeds", tag = "staff",
    params(("office_id" = i32, Path)), security(("bearer" = [])), request_body = NewFeed,
    responses((status = 201, body = MadeFeed),
        (status = 401, body = super::Problem, content_type = "application/problem+json"),
        (status = 403, body = super::Problem, content_type = "application/problem+json"),
        (status = 404, body = super::Problem, content_type = "application/problem+json"),
        (status = 422, body = super::Problem, content_type = "application/problem+json")))]
pub async fn make_feed(
    State(state): State<AppState>,
    actor: Actor,
    AppPath(office_id): AppPath<String>,
    AppJson(input): AppJson<NewFeed>,
) -> AppResult<(StatusCode, Json<MadeFeed>)> {
    let office_id = parse_id(&office_id)?;
    let made = feeds::reset(
        &state.db,
        &state.config.http.base_url,
        &actor,
        office_id,
        &input,
        state.clock.now(),
    )
    .await?;
    Ok((StatusCode::CREATED, Json(made)))
}

/// The office's feeds (when each address was made; never the address).
#[utoipa::path(get, path = "/api/v1/offices/{office_id}/calendar-feeds", tag = "staff",
    params(("office_id" = i32, Path)), security(("bearer" = [])),
    responses((status = 200, body = Vec<FeedView>),
        (status = 401, body = super::Problem, content_type = "application/problem+json"),
        (status = 403, body = super::Problem, content_type = "application/problem+json"),
        (status = 404, body = super::Problem, content_type = "application/problem+json")))]
pub async fn list_feeds(
    State(state): State<AppState>,
    actor: Actor,
    AppPath(office_id): AppPath<String>,
) -> AppResult<Json<Vec<FeedView>>> {
    let office_id = parse_id(&office_id)?;
    crate::service::directory::exists(&state.db, office_id).await?;
    Ok(Json(feeds::list(&state.db, &actor, office_id).await?))
}
