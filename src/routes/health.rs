//! Liveness and readiness for load balancers and orchestrators, and the metrics.

use axum::{
    Router,
    extract::State,
    http::{HeaderMap, StatusCode, header},
    response::{IntoResponse, Response},
    routing::get,
};

use crate::{error::AppError, service::booking::ping, state::AppState};

/// `/healthz`, `/readyz` and `/metrics`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(readyz))
        .route("/metrics", get(metrics))
}

/// `GET /metrics`: the Prometheus text (OpenMetrics). With `SPORTELLO_METRICS_TOKEN` set,
/// only for `Authorization: Bearer <token>`.
async fn metrics(State(state): State<AppState>, headers: HeaderMap) -> Response {
    if let Some(expected) = &state.config.http.metrics_token {
        let given = crate::extract::bearer_of(&headers).unwrap_or_default();
        if !crate::service::tokens::constant_time_eq(expected, given.trim()) {
            return AppError::Unauthorized.into_response();
        }
    }
    // The outbox is shared by every process: its depth is read from the database.
    // Bounded, so a database outage does not take every other figure down with it.
    match tokio::time::timeout(
        std::time::Duration::from_secs(1),
        crate::service::outbox::counts_by_status(&state.db),
    )
    .await
    {
        Ok(Ok(counts)) => state.metrics.outbox_messages(&counts),
        Ok(Err(e)) => tracing::warn!(error = %e, "outbox counts for /metrics"),
        Err(_) => tracing::warn!("outbox counts for /metrics timed out"),
    }
    (
        [(
            header::CONTENT_TYPE,
            "application/openmetrics-text; version=1.0.0; charset=utf-8",
        )],
        state.metrics.render(),
    )
        .into_response()
}

/// 200 when the database answers, 503 otherwise (so traffic moves elsewhere).
async fn readyz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    if ping(&state.db).await {
        (StatusCode::OK, "ready")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
    }
}
