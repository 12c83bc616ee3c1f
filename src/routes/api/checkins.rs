//! Counter staff: check-in by QR code, closing an appointment, room occupancy.

use axum::{Json, extract::State};

use crate::{
    error::AppResult,
    extract::parse_id,
    extract::{AppJson, AppPath},
    service::{
        actor::Actor,
        booking::view::BookingView,
        visit::checkin::{self, CheckinView, OccupancyView, ScanRequest},
    },
    state::AppState,
};

/// Admits the party of a scanned QR code (the check-in URL or the bare token).
#[utoipa::path(post, path = "/api/v1/checkins", tag = "staff", request_body = ScanRequest,
    security(("bearer" = [])),
    responses((status = 200, body = CheckinView),
        (status = 401, body = super::Problem, content_type = "application/problem+json"),
        (status = 403, description = "outcome wrong_office", body = super::Problem, content_type = "application/problem+json"),
        (status = 404, description = "outcome unknown_code", body = super::Problem, content_type = "application/problem+json"),
        (status = 409, description = "outcome already_checked_in, with checked_in_at and booking", body = super::Problem, content_type = "application/problem+json"),
        (status = 410, description = "outcome cancelled (cancelled_at) or no_show (released_at)", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, description = "outcome too_early", body = super::Problem, content_type = "application/problem+json")))]
pub async fn create_checkin(
    State(state): State<AppState>,
    actor: Actor,
    AppJson(input): AppJson<ScanRequest>,
) -> AppResult<Json<CheckinView>> {
    let now = state.clock.now();
    let outcome = checkin::check_in(&state.db, &state.config, &actor, &input.code, now).await;
    state.metrics.checkin(&outcome);
    Ok(Json(outcome?))
}

/// Closes an appointment (only from `checked_in`).
#[utoipa::path(post, path = "/api/v1/bookings/{reference}/served", tag = "staff",
    params(("reference" = String, Path)), security(("bearer" = [])),
    responses((status = 200, body = BookingView),
        (status = 403, body = super::Problem, content_type = "application/problem+json"),
        (status = 404, body = super::Problem, content_type = "application/problem+json"),
        (status = 409, body = super::Problem, content_type = "application/problem+json")))]
pub async fn mark_served(
    State(state): State<AppState>,
    actor: Actor,
    AppPath(reference): AppPath<String>,
) -> AppResult<Json<BookingView>> {
    let now = state.clock.now();
    Ok(Json(
        checkin::mark_served(&state.db, &state.config, &actor, &reference, now).await?,
    ))
}

/// Who is in a room now, who is planned, and the limit now.
#[utoipa::path(get, path = "/api/v1/rooms/{room_id}/occupancy", tag = "staff",
    params(("room_id" = i32, Path)), security(("bearer" = [])),
    responses((status = 200, body = OccupancyView),
        (status = 403, body = super::Problem, content_type = "application/problem+json"),
        (status = 404, body = super::Problem, content_type = "application/problem+json")))]
pub async fn room_occupancy(
    State(state): State<AppState>,
    actor: Actor,
    AppPath(room_id): AppPath<String>,
) -> AppResult<Json<OccupancyView>> {
    let room_id = parse_id(&room_id)?;
    Ok(Json(
        checkin::occupancy(&state.db, &actor, room_id, state.clock.now()).await?,
    ))
}
