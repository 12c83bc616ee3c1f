//! What the API and the pages answer alike: the agenda's filters read from a query
//! string, and the statistics as a CSV download.

use std::collections::HashMap;

use axum::{
    http::header,
    response::{IntoResponse, Response},
};

use crate::{
    error::{AppError, AppResult},
    service::{
        office::stats::{self, Stats},
        visit::agenda::AgendaQuery,
    },
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
