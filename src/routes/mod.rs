//! HTTP routes: the JSON API under `/api/v1`, its OpenAPI document and reference page,
//! the operational endpoints, and the citizen and staff pages.

pub mod api;
pub mod citizen;
pub mod health;
pub mod staff;

use axum::{Router, extract::MatchedPath, http::Request};
use tower_http::trace::TraceLayer;

use crate::{error::AppError, state::AppState};

/// The whole application router.
pub fn router(state: AppState) -> Router {
    // Spans carry the matched route, never the URI: query strings may hold manage tokens.
    let trace = TraceLayer::new_for_http().make_span_with(|req: &Request<_>| {
        let route = req
            .extensions()
            .get::<MatchedPath>()
            .map_or("unmatched", MatchedPath::as_str);
        tracing::info_span!("request", method = %req.method(), route)
    });
    Router::new()
        .merge(health::router())
        .merge(api::router(state.config.http.rate_limit))
        .merge(citizen::router(state.config.http.rate_limit))
        .merge(staff::router(state.config.http.rate_limit))
        .fallback(|| async { AppError::not_found("There is nothing at this address.") })
        .method_not_allowed_fallback(|| async { AppError::MethodNotAllowed })
        .layer(trace)
        .with_state(state)
}
