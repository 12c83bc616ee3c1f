//! The waiting list and its offers.

use std::collections::HashMap;

use axum::{
    Json,
    extract::{Query, State},
    http::{HeaderMap, StatusCode},
};

use crate::{
    error::{AppError, AppResult},
    extract::parse_id,
    extract::{AppJson, AppPath},
    service::{
        booking::view::BookingView,
        waitlist::{
            accept::{self, OfferView},
            entries::{self, EntryView, JoinRequest},
        },
    },
    state::AppState,
};

fn token_of(headers: &HeaderMap, query: &HashMap<String, String>) -> AppResult<String> {
    headers
        .get("x-manage-token")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
        .or_else(|| query.get("token").cloned())
        .ok_or_else(|| AppError::not_found("There is no such waiting-list entry."))
}

/// Joins a service's waiting list for a range of days.
#[utoipa::path(post, path = "/api/v1/waiting-list", tag = "citizens", request_body = JoinRequest,
    responses((status = 201, body = EntryView),
        (status = 404, body = super::Problem, content_type = "application/problem+json"),
        (status = 422, body = super::Problem, content_type = "application/problem+json")))]
pub async fn join(
    State(state): State<AppState>,
    AppJson(input): AppJson<JoinRequest>,
) -> AppResult<(StatusCode, Json<EntryView>)> {
    let entry = entries::join(&state.db, &state.config, &input, state.clock.now()).await?;
    Ok((StatusCode::CREATED, Json(entry)))
}

/// A waiting-list entry (with its secret in `X-Manage-Token` or `?token=`).
#[utoipa::path(get, path = "/api/v1/waiting-list/{id}", tag = "citizens",
    params(("id" = i32, Path)),
    responses((status = 200, body = EntryView),
        (status = 404, body = super::Problem, content_type = "application/problem+json")))]
pub async fn get_entry(
    State(state): State<AppState>,
    headers: HeaderMap,
    AppPath(id): AppPath<String>,
    Query(query): Query<HashMap<String, String>>,
) -> AppResult<Json<EntryView>> {
    let id = parse_id(&id)?;
    let token = token_of(&headers, &query)?;
    Ok(Json(entries::find(&state.db, id, &token).await?))
}

/// Leaves the waiting list (again: unchanged).
#[utoipa::path(delete, path = "/api/v1/waiting-list/{id}", tag = "citizens",
    params(("id" = i32, Path)),
    responses((status = 200, body = EntryView),
        (status = 404, body = super::Problem, content_type = "application/problem+json")))]
pub async fn leave(
    State(state): State<AppState>,
    headers: HeaderMap,
    AppPath(id): AppPath<String>,
    Query(query): Query<HashMap<String, String>>,
) -> AppResult<Json<EntryView>> {
    let id = parse_id(&id)?;
    let token = token_of(&headers, &query)?;
    Ok(Json(entries::leave(&state.db, id, &token).await?))
}

/// An offer, by the secret in its link.
#[utoipa::path(get, path = "/api/v1/waitlist-offers/{token}", tag = "citizens",
    params(("token" = String, Path)),
    responses((status = 200, body = OfferView),
        (status = 404, body = super::Problem, content_type = "application/problem+json")))]
pub async fn get_offer(
    State(state): State<AppState>,
    AppPath(token): AppPath<String>,
) -> AppResult<Json<OfferView>> {
    Ok(Json(
        accept::offer(&state.db, &token, state.clock.now()).await?,
    ))
}

/// Accepts an offer: 201 with the booking (and its manage token), or 409 `/offer-gone`
/// when the place was taken or the offer lapsed.
#[utoipa::path(post, path = "/api/v1/waitlist-offers/{token}/accept", tag = "citizens",
    params(("token" = String, Path)),
    responses((status = 201, body = BookingView),
        (status = 404, body = super::Problem, content_type = "application/problem+json"),
        (status = 409, body = super::Problem, content_type = "application/problem+json")))]
pub async fn accept_offer(
    State(state): State<AppState>,
    AppPath(token): AppPath<String>,
) -> AppResult<(StatusCode, Json<BookingView>)> {
    let booking = accept::accept(&state.db, &state.config, &token, state.clock.now()).await?;
    state.metrics.place_taken("waitlist_offer");
    Ok((StatusCode::CREATED, Json(booking)))
}
