//! Holds and bookings by citizens.

use std::collections::HashMap;

use axum::{
    Json,
    extract::{Query, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};

use crate::{
    error::{AppError, AppResult},
    extract::{AppJson, AppPath, Client, from_value},
    service::{
        booking::{
            book::{self, BookingOutcome, Stored},
            hold,
            idempotency::Keyed,
            view::{BookingRequest, BookingView, HoldRequest, HoldView},
        },
        changes::cancel,
    },
    state::AppState,
};

/// Keeps a slot for a few minutes while the citizen fills in the form.
#[utoipa::path(post, path = "/api/v1/holds", tag = "citizens", request_body = HoldRequest,
    responses((status = 201, body = HoldView),
        (status = 409, description = "slot full", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, body = super::Problem, content_type = "application/problem+json"),
        (status = 429, description = "this client address keeps the most live holds it may (too-many-holds), or too many requests", body = super::Problem, content_type = "application/problem+json")))]
pub async fn create_hold(
    State(state): State<AppState>,
    Client(client): Client,
    AppJson(input): AppJson<HoldRequest>,
) -> AppResult<(StatusCode, Json<HoldView>)> {
    let owner = hold::HoldOwner::new(client, None);
    let hold =
        hold::create_hold(&state.db, &state.config, &input, &owner, state.clock.now()).await?;
    Ok((StatusCode::CREATED, Json(hold)))
}

/// Releases a hold; also 204 when it is unknown or expired.
#[utoipa::path(delete, path = "/api/v1/holds/{hold_id}", tag = "citizens",
    params(("hold_id" = String, Path)), responses((status = 204)))]
pub async fn delete_hold(
    State(state): State<AppState>,
    AppPath(hold_id): AppPath<String>,
) -> AppResult<StatusCode> {
    hold::delete_hold(&state.db, &hold_id).await?;
    Ok(StatusCode::NO_CONTENT)
}

const IDEMPOTENCY_ENDPOINT: &str = "POST /api/v1/bookings";

/// Books a slot (or takes over a hold with `hold_id`).
#[utoipa::path(post, path = "/api/v1/bookings", tag = "citizens", request_body = BookingRequest,
    params(("Idempotency-Key" = Option<String>, Header, description = "replays the first response for 24 hours")),
    responses((status = 201, body = BookingView, description = "booked; includes manage_token"),
        (status = 409, description = "slot-full, citizen-limit or hold-expired", body = super::Problem, content_type = "application/problem+json"),
        (status = 422, body = super::Problem, content_type = "application/problem+json")))]
pub async fn create_booking(
    State(state): State<AppState>,
    Client(client): Client,
    headers: HeaderMap,
    AppJson(body): AppJson<serde_json::Value>,
) -> AppResult<Response> {
    let key = match headers.get("idempotency-key") {
        Some(v) => {
            let raw = v
                .to_str()
                .map_err(|_| AppError::invalid("Idempotency-Key", "must be visible ASCII"))?;
            Some(Keyed::new(IDEMPOTENCY_ENDPOINT, raw, client, &body)?)
        }
        None => None,
    };
    let input: BookingRequest = from_value(body)?;
    let outcome =
        book::create_booking(&state.db, &state.config, &input, key, state.clock.now()).await;
    state.metrics.booking(&outcome);
    Ok(match outcome? {
        BookingOutcome::Created(view) => created(&view),
        BookingOutcome::Replayed(Stored::Booked(view)) => created(&view),
        BookingOutcome::Replayed(Stored::Refused(e)) => e.into_response(),
    })
}

fn location(reference: &str) -> String {
    format!("/api/v1/bookings/{reference}")
}

fn created(view: &BookingView) -> Response {
    let mut resp = (StatusCode::CREATED, Json(view)).into_response();
    if let Ok(loc) = HeaderValue::try_from(location(&view.reference)) {
        resp.headers_mut().insert(header::LOCATION, loc);
    }
    resp
}

fn manage_token(headers: &HeaderMap, query: &HashMap<String, String>) -> String {
    headers
        .get("x-manage-token")
        .and_then(|v| v.to_str().ok())
        .map(str::to_string)
        .or_else(|| query.get("token").cloned())
        .unwrap_or_default()
}

/// A booking, for its citizen (manage token in `X-Manage-Token` or `?token=`).
#[utoipa::path(get, path = "/api/v1/bookings/{reference}", tag = "citizens",
    params(("reference" = String, Path), ("X-Manage-Token" = Option<String>, Header), ("token" = Option<String>, Query)),
    responses((status = 200, body = BookingView),
        (status = 404, description = "unknown reference or wrong token", body = super::Problem, content_type = "application/problem+json")))]
pub async fn get_booking(
    State(state): State<AppState>,
    AppPath(reference): AppPath<String>,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> AppResult<Json<BookingView>> {
    let token = manage_token(&headers, &query);
    Ok(Json(
        cancel::get_booking(
            &state.db,
            &state.config,
            &reference,
            &token,
            state.clock.now(),
        )
        .await?,
    ))
}

/// Cancels a booking (again: 200 unchanged; after check-in, served or no-show: 409).
#[utoipa::path(post, path = "/api/v1/bookings/{reference}/cancel", tag = "citizens",
    params(("reference" = String, Path), ("X-Manage-Token" = Option<String>, Header), ("token" = Option<String>, Query)),
    responses((status = 200, body = BookingView),
        (status = 404, body = super::Problem, content_type = "application/problem+json"),
        (status = 409, body = super::Problem, content_type = "application/problem+json")))]
pub async fn cancel_booking(
    State(state): State<AppState>,
    AppPath(reference): AppPath<String>,
    headers: HeaderMap,
    Query(query): Query<HashMap<String, String>>,
) -> AppResult<Json<BookingView>> {
    let token = manage_token(&headers, &query);
    let now = state.clock.now();
    Ok(Json(
        cancel::cancel_booking(&state.db, &state.config, &reference, &token, now).await?,
    ))
}
