//! The counter's day (agenda, walk-ins) and the accounts managers keep.

use crate::routes::shared::agenda_query;
use std::collections::HashMap;

use axum::{
    Json,
    extract::{Query, State},
    http::StatusCode,
};

use crate::{
    error::AppResult,
    extract::parse_id,
    extract::{AppJson, AppPath},
    service::{
        actor::Actor,
        booking::view::BookingView,
        staff::users::{self, NewUser, UserPatch, UserView},
        visit::agenda::{self, AgendaQuery, AgendaView, WalkInRequest},
    },
    state::AppState,
};

/// The office's appointments of one day (default today), with counts per state.
#[utoipa::path(get, path = "/api/v1/offices/{office_id}/agenda", tag = "staff",
    params(("office_id" = i32, Path), AgendaQuery), security(("bearer" = [])),
    responses((status = 200, body = AgendaView),
        (status = 401, body = super::Problem, content_type = "application/problem+json"),
        (status = 403, body = super::Problem, content_type = "application/problem+json"),
        (status = 422, body = super::Problem, content_type = "application/problem+json")))]
pub async fn get_agenda(
    State(state): State<AppState>,
    actor: Actor,
    AppPath(office_id): AppPath<String>,
    Query(query): Query<HashMap<String, String>>,
) -> AppResult<Json<AgendaView>> {
    let office_id = parse_id(&office_id)?;
    let query = agenda_query(&query)?;
    let now = state.clock.now();
    Ok(Json(
        agenda::agenda(&state.db, &state.config, &actor, office_id, &query, now).await?,
    ))
}

/// Registers and admits a person without a booking, now; 409 `/slot-full` when no
/// counter or no room place is free now.
#[utoipa::path(post, path = "/api/v1/offices/{office_id}/walk-ins", tag = "staff",
    params(("office_id" = i32, Path)), request_body = WalkInRequest, security(("bearer" = [])),
    responses((status = 201, body = BookingView),
        (status = 401, body = super::Problem, content_type = "application/problem+json"),
        (status = 403, body = super::Problem, content_type = "application/problem+json"),
        (status = 409, body = super::Problem, content_type = "application/problem+json"),
        (status = 422, body = super::Problem, content_type = "application/problem+json")))]
pub async fn create_walk_in(
    State(state): State<AppState>,
    actor: Actor,
    AppPath(office_id): AppPath<String>,
    AppJson(input): AppJson<WalkInRequest>,
) -> AppResult<(StatusCode, Json<BookingView>)> {
    let office_id = parse_id(&office_id)?;
    let now = state.clock.now();
    let booking = agenda::walk_in(&state.db, &state.config, &actor, office_id, &input, now).await?;
    state.metrics.place_taken("walk_in");
    Ok((StatusCode::CREATED, Json(booking)))
}

/// The accounts of an office (managers of it, admins).
#[utoipa::path(get, path = "/api/v1/offices/{office_id}/users", tag = "managers",
    params(("office_id" = i32, Path)), security(("bearer" = [])),
    responses((status = 200, body = [UserView]),
        (status = 401, body = super::Problem, content_type = "application/problem+json"),
        (status = 403, body = super::Problem, content_type = "application/problem+json")))]
pub async fn list_users(
    State(state): State<AppState>,
    actor: Actor,
    AppPath(office_id): AppPath<String>,
) -> AppResult<Json<Vec<UserView>>> {
    let office_id = parse_id(&office_id)?;
    let now = state.clock.now();
    Ok(Json(
        users::list(&state.db, &state.logins, &actor, office_id, now).await?,
    ))
}

/// Creates a staff account (managers) or a manager account (admins) in an office.
#[utoipa::path(post, path = "/api/v1/offices/{office_id}/users", tag = "managers",
    params(("office_id" = i32, Path)), request_body = NewUser, security(("bearer" = [])),
    responses((status = 201, body = UserView),
        (status = 401, body = super::Problem, content_type = "application/problem+json"),
        (status = 403, body = super::Problem, content_type = "application/problem+json"),
        (status = 409, body = super::Problem, content_type = "application/problem+json"),
        (status = 422, body = super::Problem, content_type = "application/problem+json")))]
pub async fn create_user(
    State(state): State<AppState>,
    actor: Actor,
    AppPath(office_id): AppPath<String>,
    AppJson(input): AppJson<NewUser>,
) -> AppResult<(StatusCode, Json<UserView>)> {
    let office_id = parse_id(&office_id)?;
    let now = state.clock.now();
    let user = users::create(&state.db, &actor, office_id, &input, now).await?;
    Ok((StatusCode::CREATED, Json(user)))
}

/// Disables (`{"active": false}`: its tokens and sessions end at once) or re-enables an
/// account.
#[utoipa::path(patch, path = "/api/v1/users/{user_id}", tag = "managers",
    params(("user_id" = i32, Path)), request_body = UserPatch, security(("bearer" = [])),
    responses((status = 200, body = UserView),
        (status = 401, body = super::Problem, content_type = "application/problem+json"),
        (status = 403, body = super::Problem, content_type = "application/problem+json"),
        (status = 404, body = super::Problem, content_type = "application/problem+json"),
        (status = 409, body = super::Problem, content_type = "application/problem+json")))]
pub async fn patch_user(
    State(state): State<AppState>,
    actor: Actor,
    AppPath(user_id): AppPath<String>,
    AppJson(input): AppJson<UserPatch>,
) -> AppResult<Json<UserView>> {
    let user_id = parse_id(&user_id)?;
    let now = state.clock.now();
    Ok(Json(
        users::set_active(&state.db, &actor, user_id, input.active, now).await?,
    ))
}
