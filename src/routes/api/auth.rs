//! Bearer tokens for staff, managers, admins and scanner devices.

use crate::service::staff::auth;
use axum::{
    Json,
    extract::State,
    http::{HeaderMap, StatusCode, request::Parts},
    response::{IntoResponse, Response},
};

use crate::{
    error::{AppError, AppResult},
    extract::AppJson,
    service::staff::auth::{Credentials, TokenView},
    state::AppState,
};

/// Exchanges email and password for a bearer token (default validity 12 hours).
#[utoipa::path(post, path = "/api/v1/auth/tokens", tag = "staff", request_body = Credentials,
    responses((status = 201, body = TokenView),
        (status = 401, body = super::Problem, content_type = "application/problem+json")))]
pub async fn create_token(
    State(state): State<AppState>,
    headers: HeaderMap,
    AppJson(input): AppJson<Credentials>,
) -> AppResult<Response> {
    let hours = state.config.booking.token_hours;
    let device = crate::web::cookie(&headers, crate::extract::DEVICE_COOKIE);
    let (token, device) = auth::issue_token(
        &state.db,
        &state.logins,
        &input,
        device.as_deref(),
        hours,
        state.clock.now(),
    )
    .await?;
    let mut resp = (StatusCode::CREATED, Json(token)).into_response();
    crate::extract::set_device_cookie(&mut resp, &device);
    Ok(resp)
}

/// Revokes the bearer token sent with this request (logout of an API client or a scanner
/// device); an unknown or already expired token is 401.
#[utoipa::path(delete, path = "/api/v1/auth/tokens", tag = "staff", security(("bearer" = [])),
    responses((status = 204),
        (status = 401, body = super::Problem, content_type = "application/problem+json")))]
pub async fn revoke_token(
    State(state): State<AppState>,
    // Authenticated like every other route: an unknown or expired token is 401.
    _caller: crate::service::actor::Actor,
    parts: Parts,
) -> AppResult<StatusCode> {
    let token = crate::extract::bearer(&parts).ok_or(AppError::Unauthorized)?;
    auth::revoke(&state.db, token).await?;
    Ok(StatusCode::NO_CONTENT)
}
