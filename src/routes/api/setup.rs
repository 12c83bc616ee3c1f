//! Managers' set-up endpoints: an office configured without SQL.

use crate::service::office::closures;
use crate::service::office::counters;
use crate::service::office::hours;
use crate::service::office::offices;
use crate::service::office::rooms;
use crate::service::office::services;
use axum::{Json, extract::State, http::StatusCode};

use crate::{
    error::AppResult,
    extract::parse_id,
    extract::{AppJson, AppPath},
    service::{
        actor::Actor,
        office::{
            closures::{ClosureInput, ClosureView},
            counters::{CounterInput, CounterView},
            hours::{OpeningHoursInput, OpeningHoursView},
            offices::{OfficeInput, OfficeView},
            rooms::{RoomInput, RoomView},
            rules,
            services::{ServiceInput, ServiceView},
        },
    },
    state::AppState,
};

type Created<T> = AppResult<(StatusCode, Json<T>)>;

/// Creates an office (admins).
#[utoipa::path(post, path = "/api/v1/offices", tag = "managers", request_body = OfficeInput,
    security(("bearer" = [])), responses((status = 201, body = OfficeView),
        (status = 401, body = super::Problem, content_type = "application/problem+json"),
        (status = 403, body = super::Problem, content_type = "application/problem+json"),
        (status = 422, body = super::Problem, content_type = "application/problem+json")))]
pub async fn create_office(
    State(state): State<AppState>,
    actor: Actor,
    AppJson(input): AppJson<OfficeInput>,
) -> Created<OfficeView> {
    let office = offices::create_office(&state.db, &actor, &input, state.clock.now()).await?;
    Ok((StatusCode::CREATED, Json(office)))
}

/// Creates a room; `parent_room_id` names the enclosing area or corridor.
#[utoipa::path(post, path = "/api/v1/offices/{office_id}/rooms", tag = "managers", request_body = RoomInput,
    params(("office_id" = i32, Path)), security(("bearer" = [])),
    responses((status = 201, body = RoomView),
        (status = 403, body = super::Problem, content_type = "application/problem+json"),
        (status = 422, body = super::Problem, content_type = "application/problem+json")))]
pub async fn create_room(
    State(state): State<AppState>,
    actor: Actor,
    AppPath(office_id): AppPath<String>,
    AppJson(input): AppJson<RoomInput>,
) -> Created<RoomView> {
    let office_id = parse_id(&office_id)?;
    let room = rooms::create_room(&state.db, &actor, office_id, &input, state.clock.now()).await?;
    Ok((StatusCode::CREATED, Json(room)))
}

/// Creates a counter in a room, offering the given services.
#[utoipa::path(post, path = "/api/v1/rooms/{room_id}/counters", tag = "managers", request_body = CounterInput,
    params(("room_id" = i32, Path)), security(("bearer" = [])),
    responses((status = 201, body = CounterView),
        (status = 403, body = super::Problem, content_type = "application/problem+json"),
        (status = 422, body = super::Problem, content_type = "application/problem+json")))]
pub async fn create_counter(
    State(state): State<AppState>,
    actor: Actor,
    AppPath(room_id): AppPath<String>,
    AppJson(input): AppJson<CounterInput>,
) -> Created<CounterView> {
    let room_id = parse_id(&room_id)?;
    let counter =
        counters::create_counter(&state.db, &actor, room_id, &input, state.clock.now()).await?;
    Ok((StatusCode::CREATED, Json(counter)))
}

/// Creates a service of an office.
#[utoipa::path(post, path = "/api/v1/offices/{office_id}/services", tag = "managers", request_body = ServiceInput,
    params(("office_id" = i32, Path)), security(("bearer" = [])),
    responses((status = 201, body = ServiceView),
        (status = 403, body = super::Problem, content_type = "application/problem+json"),
        (status = 422, body = super::Problem, content_type = "application/problem+json")))]
pub async fn create_service(
    State(state): State<AppState>,
    actor: Actor,
    AppPath(office_id): AppPath<String>,
    AppJson(input): AppJson<ServiceInput>,
) -> Created<ServiceView> {
    let office_id = parse_id(&office_id)?;
    crate::routes::shared::check_login_required(&state, &input)?;
    let service =
        services::create_service(&state.db, &actor, office_id, &input, state.clock.now()).await?;
    Ok((StatusCode::CREATED, Json(service)))
}

/// Changes a service (same body as creating one); existing bookings keep their times.
#[utoipa::path(put, path = "/api/v1/services/{service_id}", tag = "managers", request_body = ServiceInput,
    params(("service_id" = i32, Path)), security(("bearer" = [])),
    responses((status = 200, body = ServiceView),
        (status = 401, body = super::Problem, content_type = "application/problem+json"),
        (status = 403, body = super::Problem, content_type = "application/problem+json"),
        (status = 404, body = super::Problem, content_type = "application/problem+json"),
        (status = 422, body = super::Problem, content_type = "application/problem+json")))]
pub async fn put_service(
    State(state): State<AppState>,
    actor: Actor,
    AppPath(service_id): AppPath<String>,
    AppJson(input): AppJson<ServiceInput>,
) -> AppResult<Json<ServiceView>> {
    let service_id = parse_id(&service_id)?;
    crate::routes::shared::check_login_required(&state, &input)?;
    Ok(Json(
        services::update_service(&state.db, &actor, service_id, &input, state.clock.now()).await?,
    ))
}

/// Sets the weekly opening hours of a schedule period (replacing the period with the same
/// `valid_from`; on each date the period that started last applies). `impact` lists the
/// bookings left outside the new hours; with `?dry_run=true` nothing is saved.
#[utoipa::path(put, path = "/api/v1/offices/{office_id}/opening-hours", tag = "managers", request_body = OpeningHoursInput,
    params(("office_id" = i32, Path), ("dry_run" = Option<bool>, Query)), security(("bearer" = [])),
    responses((status = 200, body = OpeningHoursView),
        (status = 403, body = super::Problem, content_type = "application/problem+json"),
        (status = 422, body = super::Problem, content_type = "application/problem+json")))]
pub async fn put_opening_hours(
    State(state): State<AppState>,
    actor: Actor,
    AppPath(office_id): AppPath<String>,
    axum::extract::Query(query): axum::extract::Query<std::collections::HashMap<String, String>>,
    AppJson(input): AppJson<OpeningHoursInput>,
) -> AppResult<Json<OpeningHoursView>> {
    let office_id = parse_id(&office_id)?;
    let dry = dry_run(&query)?;
    let now = state.clock.now();
    Ok(Json(
        hours::put_opening_hours(&state.db, &actor, office_id, &input, dry, now).await?,
    ))
}

/// Closes the office (or one counter) on a date range. `impact` lists the bookings on
/// the closed days (they stay valid); with `?dry_run=true`, 200 and nothing saved.
#[utoipa::path(post, path = "/api/v1/offices/{office_id}/closures", tag = "managers", request_body = ClosureInput,
    params(("office_id" = i32, Path), ("dry_run" = Option<bool>, Query)), security(("bearer" = [])),
    responses((status = 201, body = ClosureView), (status = 200, description = "dry run", body = ClosureView),
        (status = 403, body = super::Problem, content_type = "application/problem+json"),
        (status = 422, body = super::Problem, content_type = "application/problem+json")))]
pub async fn create_closure(
    State(state): State<AppState>,
    actor: Actor,
    AppPath(office_id): AppPath<String>,
    axum::extract::Query(query): axum::extract::Query<std::collections::HashMap<String, String>>,
    AppJson(input): AppJson<ClosureInput>,
) -> Created<ClosureView> {
    let office_id = parse_id(&office_id)?;
    let dry = dry_run(&query)?;
    let closure =
        closures::create_closure(&state.db, &actor, office_id, &input, dry, state.clock.now())
            .await?;
    Ok((created_unless(dry), Json(closure)))
}

/// Changes an office's settings (its managers, admins).
#[utoipa::path(patch, path = "/api/v1/offices/{office_id}", tag = "managers",
    params(("office_id" = i32, Path)), request_body = offices::OfficeSettings, security(("bearer" = [])),
    responses((status = 200, body = offices::OfficeSettings),
        (status = 401, body = super::Problem, content_type = "application/problem+json"),
        (status = 403, body = super::Problem, content_type = "application/problem+json"),
        (status = 404, body = super::Problem, content_type = "application/problem+json")))]
pub async fn update_office(
    State(state): State<AppState>,
    actor: Actor,
    AppPath(office_id): AppPath<String>,
    AppJson(input): AppJson<offices::OfficeSettings>,
) -> AppResult<Json<offices::OfficeSettings>> {
    let office_id = parse_id(&office_id)?;
    Ok(Json(
        offices::update_settings(&state.db, &actor, office_id, &input, state.clock.now()).await?,
    ))
}

/// 201 for a change saved, 200 for a dry run.
pub fn created_unless(dry: bool) -> StatusCode {
    if dry {
        StatusCode::OK
    } else {
        StatusCode::CREATED
    }
}

/// The `dry_run` query parameter.
pub fn dry_run(query: &std::collections::HashMap<String, String>) -> AppResult<bool> {
    match query.get("dry_run").map(String::as_str) {
        None | Some("false") => Ok(false),
        Some("true") => Ok(true),
        Some(_) => Err(crate::error::AppError::invalid(
            "dry_run",
            "must be true or false",
        )),
    }
}

/// Adds a capacity rule to a room: 201 with the rule and its impact; with
/// `?dry_run=true`, 200 with the impact and nothing saved.
#[utoipa::path(post, path = "/api/v1/rooms/{room_id}/capacity-rules", tag = "managers",
    params(("room_id" = i32, Path), ("dry_run" = Option<bool>, Query)),
    request_body = rules::RuleInput, security(("bearer" = [])),
    responses((status = 201, body = rules::RuleOutcome), (status = 200, description = "dry run", body = rules::RuleOutcome),
        (status = 401, body = super::Problem, content_type = "application/problem+json"),
        (status = 403, body = super::Problem, content_type = "application/problem+json"),
        (status = 404, body = super::Problem, content_type = "application/problem+json"),
        (status = 422, body = super::Problem, content_type = "application/problem+json")))]
pub async fn create_rule(
    State(state): State<AppState>,
    actor: Actor,
    AppPath(room_id): AppPath<String>,
    axum::extract::Query(query): axum::extract::Query<std::collections::HashMap<String, String>>,
    AppJson(input): AppJson<rules::RuleInput>,
) -> AppResult<(StatusCode, Json<rules::RuleOutcome>)> {
    let room_id = parse_id(&room_id)?;
    let dry = dry_run(&query)?;
    let outcome =
        rules::create_rule(&state.db, &actor, room_id, &input, dry, state.clock.now()).await?;
    Ok((created_unless(dry), Json(outcome)))
}

/// Removes a capacity rule.
#[utoipa::path(delete, path = "/api/v1/capacity-rules/{rule_id}", tag = "managers",
    params(("rule_id" = i32, Path)), security(("bearer" = [])),
    responses((status = 204),
        (status = 401, body = super::Problem, content_type = "application/problem+json"),
        (status = 403, body = super::Problem, content_type = "application/problem+json"),
        (status = 404, body = super::Problem, content_type = "application/problem+json")))]
pub async fn delete_rule(
    State(state): State<AppState>,
    actor: Actor,
    AppPath(rule_id): AppPath<String>,
) -> AppResult<StatusCode> {
    let rule_id = parse_id(&rule_id)?;
    rules::delete_rule(&state.db, &actor, rule_id, state.clock.now()).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Sets a room's base limit, with the impact on future bookings (`?dry_run=true`: only
/// the impact).
#[utoipa::path(put, path = "/api/v1/rooms/{room_id}", tag = "managers",
    params(("room_id" = i32, Path), ("dry_run" = Option<bool>, Query)),
    request_body = rules::RoomLimitInput, security(("bearer" = [])),
    responses((status = 200, body = rules::RoomOutcome),
        (status = 401, body = super::Problem, content_type = "application/problem+json"),
        (status = 403, body = super::Problem, content_type = "application/problem+json"),
        (status = 404, body = super::Problem, content_type = "application/problem+json"),
        (status = 422, body = super::Problem, content_type = "application/problem+json")))]
pub async fn put_room(
    State(state): State<AppState>,
    actor: Actor,
    AppPath(room_id): AppPath<String>,
    axum::extract::Query(query): axum::extract::Query<std::collections::HashMap<String, String>>,
    AppJson(input): AppJson<rules::RoomLimitInput>,
) -> AppResult<Json<rules::RoomOutcome>> {
    let room_id = parse_id(&room_id)?;
    let dry = dry_run(&query)?;
    Ok(Json(
        rules::set_room_limit(&state.db, &actor, room_id, &input, dry, state.clock.now()).await?,
    ))
}
