//! Public reading: offices and bookable slots.

use crate::extract::parse_id;
use crate::service::office::offices;
use std::collections::HashMap;

use axum::{
    Json,
    body::{Body, Bytes},
    extract::{Query, State},
    http::header,
    response::{IntoResponse, Response},
};

use crate::{
    error::AppResult,
    extract::AppPath,
    service::{
        booking::slots::{self, SlotList},
        office::offices::OfficeView,
    },
    state::AppState,
};

/// Lists offices with their rooms and services.
#[utoipa::path(get, path = "/api/v1/offices", tag = "citizens",
    responses((status = 200, body = Vec<OfficeView>)))]
pub async fn list_offices(State(state): State<AppState>) -> AppResult<Json<Vec<OfficeView>>> {
    Ok(Json(offices::list_offices(&state.db).await?))
}

/// Bookable slots of a service between two local dates (inclusive, at most 62 days).
#[utoipa::path(get, path = "/api/v1/offices/{office_id}/services/{service_id}/slots", tag = "citizens",
    params(("office_id" = i32, Path), ("service_id" = i32, Path),
        ("from" = String, Query, description = "first local date, YYYY-MM-DD"),
        ("to" = String, Query, description = "last local date, YYYY-MM-DD")),
    responses((status = 200, body = SlotList),
        (status = 404, body = super::Problem, content_type = "application/problem+json"),
        (status = 422, body = super::Problem, content_type = "application/problem+json")))]
pub async fn list_slots(
    State(state): State<AppState>,
    AppPath((office_id, service_id)): AppPath<(String, String)>,
    Query(query): Query<HashMap<String, String>>,
) -> AppResult<Response> {
    let office_id = parse_id(&office_id)?;
    let service_id = parse_id(&service_id)?;
    let get = |k: &str| query.get(k).map(String::as_str).unwrap_or_default();
    let (from, to) = slots::parse_range(get("from"), get("to"))?;
    let now = state.clock.now();
    let listed = slots::listed(&state.db, office_id, service_id, from, to, now).await?;
    // The days' shared JSON, sent as it is (see `slots::Listed`): no copy of a slot per
    // response.
    let parts = listed.json()?;
    let length: usize = parts.iter().map(Bytes::len).sum();
    let body = Body::from_stream(futures_util::stream::iter(
        parts.into_iter().map(Ok::<_, std::convert::Infallible>),
    ));
    Ok((
        [
            (header::CONTENT_TYPE, "application/json".to_string()),
            (header::CONTENT_LENGTH, length.to_string()),
        ],
        body,
    )
        .into_response())
}
