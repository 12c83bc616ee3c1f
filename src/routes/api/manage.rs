//! Managers' read and follow-up endpoints: closures (list, remove, import the holidays),
//! capacity rules of a room, "notify these citizens", the audit log and statistics.

use crate::routes::shared::csv_response;
use std::collections::HashMap;

use axum::{
    Json,
    extract::{Query, State},
    http::{StatusCode, header},
    response::{IntoResponse, Response},
};

use super::setup::{created_unless, dry_run};
use crate::{
    domain::schedule,
    error::AppResult,
    extract::parse_id,
    extract::{AppJson, AppPath, AppQuery},
    service::{
        actor::Actor,
        audit::{self, AuditEntry, AuditQuery},
        changes::rebook::{self, NotifyInput, NotifyOutcome},
        office::{
            closures::{self, ClosureView, HolidayImport, ImportOutcome},
            rules::{self, RuleView},
            stats::{self, Stats, StatsQuery},
        },
    },
    state::AppState,
};

type Q = Query<HashMap<String, String>>;

async fn today(state: &AppState, office_id: i32) -> AppResult<chrono::NaiveDate> {
    let tz = crate::service::directory::tz(&state.db, office_id).await?;
    Ok(schedule::local_date(tz, state.clock.now()))
}

/// The office's closures from today on.
#[utoipa::path(get, path = "/api/v1/offices/{office_id}/closures", tag = "managers",
    params(("office_id" = i32, Path)), security(("bearer" = [])),
    responses((status = 200, body = Vec<ClosureView>),
        (status = 401, body = super::Problem, content_type = "application/problem+json"),
        (status = 403, body = super::Problem, content_type = "application/problem+json"),
        (status = 404, body = super::Problem, content_type = "application/problem+json")))]
pub async fn list_closures(
    State(state): State<AppState>,
    actor: Actor,
    AppPath(office_id): AppPath<String>,
) -> AppResult<Json<Vec<ClosureView>>> {
    let office_id = parse_id(&office_id)?;
    crate::service::directory::exists(&state.db, office_id).await?;
    let since = today(&state, office_id).await?;
    Ok(Json(
        closures::list(&state.db, &actor, office_id, since).await?,
    ))
}

/// Closes the office on a year's public holidays (Easter Monday computed) and the patron
/// saint days given, skipping days already closed; `?dry_run=true` lists them only.
#[utoipa::path(post, path = "/api/v1/offices/{office_id}/closures/holidays", tag = "managers",
    params(("office_id" = i32, Path), ("dry_run" = Option<bool>, Query)),
    request_body = HolidayImport, security(("bearer" = [])),
    responses((status = 201, body = ImportOutcome), (status = 200, description = "dry run", body = ImportOutcome),
        (status = 401, body = super::Problem, content_type = "application/problem+json"),
        (status = 403, body = super::Problem, content_type = "application/problem+json"),
        (status = 404, body = super::Problem, content_type = "application/problem+json"),
        (status = 422, body = super::Problem, content_type = "application/problem+json")))]
pub async fn import_holidays(
    State(state): State<AppState>,
    actor: Actor,
    AppPath(office_id): AppPath<String>,
    Query(query): Q,
    AppJson(input): AppJson<HolidayImport>,
) -> AppResult<(StatusCode, Json<ImportOutcome>)> {
    let office_id = parse_id(&office_id)?;
    let dry = dry_run(&query)?;
    let outcome =
        closures::import_holidays(&state.db, &actor, office_id, &input, dry, state.clock.now())
            .await?;
    Ok((created_unless(dry), Json(outcome)))
}

/// Removes a closure.
#[utoipa::path(delete, path = "/api/v1/closures/{closure_id}", tag = "managers",
    params(("closure_id" = i32, Path)), security(("bearer" = [])),
    responses((status = 204),
        (status = 401, body = super::Problem, content_type = "application/problem+json"),
        (status = 403, body = super::Problem, content_type = "application/problem+json"),
        (status = 404, body = super::Problem, content_type = "application/problem+json")))]
pub async fn delete_closure(
    State(state): State<AppState>,
    actor: Actor,
    AppPath(closure_id): AppPath<String>,
) -> AppResult<StatusCode> {
    let closure_id = parse_id(&closure_id)?;
    closures::delete(&state.db, &actor, closure_id, state.clock.now()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// A room's capacity rules that still apply from today on.
#[utoipa::path(get, path = "/api/v1/rooms/{room_id}/capacity-rules", tag = "managers",
    params(("room_id" = i32, Path)), security(("bearer" = [])),
    responses((status = 200, body = Vec<RuleView>),
        (status = 401, body = super::Problem, content_type = "application/problem+json"),
        (status = 403, body = super::Problem, content_type = "application/problem+json"),
        (status = 404, body = super::Problem, content_type = "application/problem+json")))]
pub async fn list_rules(
    State(state): State<AppState>,
    actor: Actor,
    AppPath(room_id): AppPath<String>,
) -> AppResult<Json<Vec<RuleView>>> {
    let room_id = parse_id(&room_id)?;
    let room = crate::service::directory::room(&state.db, room_id).await?;
    let since = today(&state, room.office_id).await?;
    Ok(Json(
        rules::list_rules(&state.db, &actor, room_id, since).await?,
    ))
}

/// Emails the citizens of the given bookings a link to choose a new time (once per
/// booking and set-up version); the bookings stay valid.
#[utoipa::path(post, path = "/api/v1/impact/notify", tag = "managers", request_body = NotifyInput,
    security(("bearer" = [])),
    responses((status = 202, body = NotifyOutcome),
        (status = 401, body = super::Problem, content_type = "application/problem+json"),
        (status = 403, body = super::Problem, content_type = "application/problem+json"),
        (status = 422, body = super::Problem, content_type = "application/problem+json")))]
pub async fn notify(
    State(state): State<AppState>,
    actor: Actor,
    AppJson(input): AppJson<NotifyInput>,
) -> AppResult<(StatusCode, Json<NotifyOutcome>)> {
    let outcome = rebook::notify(
        &state.db,
        &actor,
        &state.config.http.base_url,
        &input,
        state.clock.now(),
    )
    .await?;
    Ok((StatusCode::ACCEPTED, Json(outcome)))
}

/// The audit log, newest first: managers see their office's, admins all (or one office).
#[utoipa::path(get, path = "/api/v1/audit", tag = "managers", params(AuditQuery),
    security(("bearer" = [])),
    responses((status = 200, body = Vec<AuditEntry>),
        (status = 401, body = super::Problem, content_type = "application/problem+json"),
        (status = 403, body = super::Problem, content_type = "application/problem+json"),
        (status = 422, body = super::Problem, content_type = "application/problem+json")))]
pub async fn list_audit(
    State(state): State<AppState>,
    actor: Actor,
    AppQuery(query): AppQuery<AuditQuery>,
) -> AppResult<Json<Vec<AuditEntry>>> {
    Ok(Json(audit::browse(&state.db, &actor, &query).await?))
}

/// Statistics per day or week for the office, its rooms and services (see
/// `service::stats` for the definitions); `Accept: text/csv` gives the same table as CSV.
#[utoipa::path(get, path = "/api/v1/offices/{office_id}/statistics", tag = "managers",
    params(("office_id" = i32, Path), StatsQuery), security(("bearer" = [])),
    responses((status = 200, description = "The tables (JSON, or CSV with `Accept: text/csv`)",
            content((Stats = "application/json"), (String = "text/csv"))),
        (status = 401, body = super::Problem, content_type = "application/problem+json"),
        (status = 403, body = super::Problem, content_type = "application/problem+json"),
        (status = 404, body = super::Problem, content_type = "application/problem+json"),
        (status = 422, body = super::Problem, content_type = "application/problem+json")))]
pub async fn statistics(
    State(state): State<AppState>,
    actor: Actor,
    headers: axum::http::HeaderMap,
    AppPath(office_id): AppPath<String>,
    AppQuery(query): AppQuery<StatsQuery>,
) -> AppResult<Response> {
    let office_id = parse_id(&office_id)?;
    let out = stats::office_stats(&state.db, &actor, office_id, &query, state.clock.now()).await?;
    let wants_csv = headers
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("text/csv"));
    if wants_csv {
        return Ok(csv_response(&out));
    }
    Ok(Json(out).into_response())
}
