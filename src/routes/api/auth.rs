//! Bearer tokens for staff, managers, admins and scanner devices.

use axum::{Json, extract::State, http::StatusCode};

use crate::{
    error::AppResult,
    extract::AppJson,
    service::auth::{self, Credentials, TokenView},
    state::AppState,
};

/// Exchanges email and password for a bearer token (default validity 12 hours).
#[utoipa::path(post, path = "/api/v1/auth/tokens", tag = "staff", request_body = Credentials,
    responses((status = 201, body = TokenView),
        (status = 401, body = super::Problem, content_type = "application/problem+json")))]
pub async fn create_token(
    State(state): State<AppState>,
    AppJson(input): AppJson<Credentials>,
) -> AppResult<(StatusCode, Json<TokenView>)> {
    let hours = state.config.booking.token_hours;
    let token = auth::issue_token(&state.db, &input, hours, state.clock.now()).await?;
    Ok((StatusCode::CREATED, Json(token)))
}
