//! Managers' webhooks (API.md, "Webhooks"): add, list, remove and test an office's
//! endpoints, and see and replay their deliveries.

use axum::{Json, extract::State, http::StatusCode};

use crate::{
    error::AppResult,
    extract::{AppJson, AppPath, parse_id},
    service::{
        actor::Actor,
        webhooks::{CreatedWebhook, DeliveryView, NewWebhook, WebhookView, store},
    },
    state::AppState,
};

/// Adds an endpoint; the answer is the only one that shows its secret.
#[utoipa::path(post, path = "/api/v1/offices/{office_id}/webhooks", tag = "managers",
    params(("office_id" = i32, Path)), security(("bearer" = [])), request_body = NewWebhook,
    responses((status = 201, body = CreatedWebhook),
        (status = 401, body = super::Problem, content_type = "application/problem+json"),
        (status = 403, body = super::Problem, content_type = "application/problem+json"),
        (status = 404, body = super::Problem, content_type = "application/problem+json"),
        (status = 422, body = super::Problem, content_type = "application/problem+json")))]
pub async fn create_webhook(
    State(state): State<AppState>,
    actor: Actor,
    AppPath(office_id): AppPath<String>,
    AppJson(input): AppJson<NewWebhook>,
) -> AppResult<(StatusCode, Json<CreatedWebhook>)> {
    let office_id = parse_id(&office_id)?;
    let created = store::create(
        &state.db,
        &state.hooks,
        &actor,
        office_id,
        &input,
        state.clock.now(),
    )
    .await?;
    Ok((StatusCode::CREATED, Json(created)))
}

/// The office's endpoints, without their secrets.
#[utoipa::path(get, path = "/api/v1/offices/{office_id}/webhooks", tag = "managers",
    params(("office_id" = i32, Path)), security(("bearer" = [])),
    responses((status = 200, body = Vec<WebhookView>),
        (status = 401, body = super::Problem, content_type = "application/problem+json"),
        (status = 403, body = super::Problem, content_type = "application/problem+json"),
        (status = 404, body = super::Problem, content_type = "application/problem+json")))]
pub async fn list_webhooks(
    State(state): State<AppState>,
    actor: Actor,
    AppPath(office_id): AppPath<String>,
) -> AppResult<Json<Vec<WebhookView>>> {
    let office_id = parse_id(&office_id)?;
    Ok(Json(store::list(&state.db, &actor, office_id).await?))
}

/// Removes an endpoint.
#[utoipa::path(delete, path = "/api/v1/webhooks/{webhook_id}", tag = "managers",
    params(("webhook_id" = i32, Path)), security(("bearer" = [])),
    responses((status = 204),
        (status = 401, body = super::Problem, content_type = "application/problem+json"),
        (status = 404, body = super::Problem, content_type = "application/problem+json")))]
pub async fn delete_webhook(
    State(state): State<AppState>,
    actor: Actor,
    AppPath(webhook_id): AppPath<String>,
) -> AppResult<StatusCode> {
    let id = parse_id(&webhook_id)?;
    store::delete(&state.db, &actor, id, state.clock.now()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Sends the endpoint a `ping`.
#[utoipa::path(post, path = "/api/v1/webhooks/{webhook_id}/test", tag = "managers",
    params(("webhook_id" = i32, Path)), security(("bearer" = [])),
    responses((status = 202),
        (status = 401, body = super::Problem, content_type = "application/problem+json"),
        (status = 404, body = super::Problem, content_type = "application/problem+json")))]
pub async fn test_webhook(
    State(state): State<AppState>,
    actor: Actor,
    AppPath(webhook_id): AppPath<String>,
) -> AppResult<StatusCode> {
    let id = parse_id(&webhook_id)?;
    store::ping(&state.db, &actor, id, state.clock.now()).await?;
    Ok(StatusCode::ACCEPTED)
}

/// The endpoint's last 50 deliveries, newest first.
#[utoipa::path(get, path = "/api/v1/webhooks/{webhook_id}/deliveries", tag = "managers",
    params(("webhook_id" = i32, Path)), security(("bearer" = [])),
    responses((status = 200, body = Vec<DeliveryView>),
        (status = 401, body = super::Problem, content_type = "application/problem+json"),
        (status = 404, body = super::Problem, content_type = "application/problem+json")))]
pub async fn list_deliveries(
    State(state): State<AppState>,
    actor: Actor,
    AppPath(webhook_id): AppPath<String>,
) -> AppResult<Json<Vec<DeliveryView>>> {
    let id = parse_id(&webhook_id)?;
    Ok(Json(store::deliveries(&state.db, &actor, id).await?))
}

/// Delivers one again, with the same `webhook-id`.
#[utoipa::path(post, path = "/api/v1/webhooks/{webhook_id}/deliveries/{delivery_id}/replay",
    tag = "managers", params(("webhook_id" = i32, Path), ("delivery_id" = i32, Path)),
    security(("bearer" = [])),
    responses((status = 202),
        (status = 401, body = super::Problem, content_type = "application/problem+json"),
        (status = 404, body = super::Problem, content_type = "application/problem+json")))]
pub async fn replay_delivery(
    State(state): State<AppState>,
    actor: Actor,
    AppPath((webhook_id, delivery_id)): AppPath<(String, String)>,
) -> AppResult<StatusCode> {
    let (id, delivery) = (parse_id(&webhook_id)?, parse_id(&delivery_id)?);
    store::replay(&state.db, &actor, id, delivery, state.clock.now()).await?;
    Ok(StatusCode::ACCEPTED)
}
