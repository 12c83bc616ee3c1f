//! What the API and the pages answer alike: the agenda's filters read from a query
//! string, the statistics as a CSV download, and the queue's actions with their figures
//! for `/metrics`.

use std::collections::HashMap;

use axum::{
    http::header,
    response::{IntoResponse, Response},
};

use crate::{
    error::{AppError, AppResult},
    service::actor::Actor,
    service::queue::{
        TicketView,
        calls::{self, Action, CallOutcome},
    },
    service::status::TicketStatus,
    service::{
        office::stats::{self, Stats},
        visit::agenda::AgendaQuery,
    },
    state::AppState,
};

/// Reads the agenda filters from a query string; bad ids are 422.
pub fn agenda_query(query: &HashMap<String, String>) -> AppResult<AgendaQuery> {
    Ok(AgendaQuery {
        date: query.get("date").cloned(),
        room_id: optional_id(query, "room_id")?,
        counter_id: optional_id(query, "counter_id")?,
        search: query.get("q").or_else(|| query.get("search")).cloned(),
    })
}

/// The statistics as a CSV download.
pub fn csv_response(out: &Stats) -> Response {
    let name = format!(
        "attachment; filename=\"sportello-{}-{}-{}.csv\"",
        out.office_id, out.from, out.to
    );
    (
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, name),
        ],
        stats::to_csv(out),
    )
        .into_response()
}

fn optional_id(query: &HashMap<String, String>, key: &str) -> AppResult<Option<i32>> {
    match query.get(key).map(|v| v.trim()).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => v
            .parse::<i32>()
            .ok()
            .filter(|id| *id > 0)
            .map(Some)
            .ok_or_else(|| AppError::invalid(key, "must be a positive integer id")),
    }
}

fn seconds_between(a: &str, b: &str) -> Option<f64> {
    let a = chrono::DateTime::parse_from_rfc3339(a).ok()?;
    let b = chrono::DateTime::parse_from_rfc3339(b).ok()?;
    Some((b - a).num_milliseconds() as f64 / 1000.0)
}

/// Counts a press of "Call next" in `/metrics` (pages and API alike).
pub fn observe_call(state: &AppState, out: &CallOutcome) {
    match &out.ticket {
        Some(t) => {
            state.feed.poke();
            let wait = (t.calls == 1)
                .then(|| {
                    t.called_at
                        .as_deref()
                        .and_then(|c| seconds_between(&t.joined_at, c))
                })
                .flatten();
            state
                .metrics
                .queue_call(&TicketStatus::Called.to_string(), wait);
        }
        None => state
            .metrics
            .queue_call(out.reason.as_deref().unwrap_or("nobody_waiting"), None),
    }
}

/// Runs an action on a ticket, counting its end in `/metrics`.
pub async fn run_action(
    state: &AppState,
    actor: &Actor,
    id: i32,
    action: Action,
) -> AppResult<TicketView> {
    let now = state.clock.now();
    let t = calls::act(&state.db, actor, id, action, now).await?;
    state.feed.poke();
    match t.status {
        TicketStatus::Done => {
            let started = calls::started_at(&state.db, id).await.ok().flatten();
            let service = started.map(|s| (now - s).num_milliseconds() as f64 / 1000.0);
            state
                .metrics
                .queue_end(&TicketStatus::Done.to_string(), service);
        }
        TicketStatus::Absent => state
            .metrics
            .queue_end(&TicketStatus::Absent.to_string(), None),
        _ => {}
    }
    Ok(t)
}

/// A service may require login only where citizens can log in: without a citizens'
/// provider its booking form would be a dead end (422 on `login_required`).
pub fn check_login_required(
    state: &AppState,
    input: &crate::service::office::services::ServiceInput,
) -> AppResult<()> {
    let available = state
        .config
        .identity
        .for_audience(crate::config::Audience::Citizens)
        .next()
        .is_some();
    if input.login_required == Some(true) && !available {
        return Err(AppError::Validation(vec![crate::domain::FieldError::new(
            "login_required",
            "no citizens' identity provider (SPID, CIE) is configured",
        )]));
    }
    Ok(())
}
