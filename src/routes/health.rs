//! Liveness and readiness for load balancers and orchestrators.

use axum::{Router, extract::State, http::StatusCode, routing::get};

use crate::{service::booking::ping, state::AppState};

/// `/healthz` and `/readyz`.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(readyz))
}

/// 200 when the database answers, 503 otherwise (so traffic moves elsewhere).
async fn readyz(State(state): State<AppState>) -> (StatusCode, &'static str) {
    if ping(&state.db).await {
        (StatusCode::OK, "ready")
    } else {
        (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
    }
}
