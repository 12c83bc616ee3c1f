//! The outbox as staff and managers see it: which messages went out, which failed and why.

use crate::service::status::MessageStatus;
use std::collections::HashMap;

use axum::{
    Json,
    extract::{Query, State},
};

use crate::{
    domain::Role,
    error::{AppError, AppResult},
    extract::AppPath,
    extract::parse_id,
    service::{
        actor::Actor,
        outbox::{self, MessageView},
    },
    state::AppState,
};

/// Messages about an office's bookings (staff of the office, its managers, admins).
#[utoipa::path(get, path = "/api/v1/offices/{office_id}/messages", tag = "staff",
    params(("office_id" = i32, Path), ("status" = Option<String>, Query, description = "pending, sending, sent or failed")),
    security(("bearer" = [])),
    responses((status = 200, body = Vec<MessageView>),
        (status = 401, body = super::Problem, content_type = "application/problem+json"),
        (status = 403, body = super::Problem, content_type = "application/problem+json"),
        (status = 422, body = super::Problem, content_type = "application/problem+json")))]
pub async fn list_messages(
    State(state): State<AppState>,
    actor: Actor,
    AppPath(office_id): AppPath<String>,
    Query(params): Query<HashMap<String, String>>,
) -> AppResult<Json<Vec<MessageView>>> {
    let office_id = parse_id(&office_id)?;
    actor.require(Role::Staff, office_id)?;
    let status = match params.get("status") {
        None => None,
        Some(s) => Some(
            serde_json::from_value::<MessageStatus>(serde_json::Value::String(s.clone())).map_err(
                |_| AppError::invalid("status", "must be pending, sending, sent or failed"),
            )?,
        ),
    };
    Ok(Json(
        outbox::list_for_office(&state.db, office_id, status).await?,
    ))
}
