//! Spreadsheets to download: a day's agenda (`/staff/agenda.xlsx`, staff) and a period's
//! bookings (`/manage/bookings.xlsx`, managers), with the column names and statuses in
//! the reader's language. The statistics' workbook is beside their CSV
//! (`manage::stats`).

use std::collections::HashMap;

use axum::{
    extract::{Query, State},
    http::header,
    response::{IntoResponse, Response},
};
use chrono::NaiveDate;

use super::Session;
use crate::{
    error::AppError,
    routes::shared::agenda_query,
    service::{
        exports::{self, XLSX},
        visit::agenda::{self, AgendaEntry},
    },
    state::AppState,
    web::{PageError, Tr, fl},
};

/// The ten columns of [`agenda::appointments_sheet`], in the reader's language.
fn headers(t: &Tr) -> Vec<String> {
    [
        "staff-time",
        "staff-reference",
        "staff-name",
        "field-citizen-email",
        "field-citizen-phone",
        "staff-persons",
        "staff-service",
        "staff-counter",
        "staff-room",
        "staff-status",
    ]
    .iter()
    .map(|id| t.get(id))
    .collect()
}

fn download(
    session: &Session,
    name: &str,
    entries: &[AgendaEntry],
    file: &str,
) -> Result<Response, PageError> {
    let t = session.tr();
    let sheet = agenda::appointments_sheet(name, headers(t), entries, |s| {
        fl!(t, "staff-status-label", status = s.to_string()).to_string()
    });
    let book = exports::workbook(&[sheet]).map_err(|e| session.page_error(e))?;
    Ok((
        [
            (header::CONTENT_TYPE, XLSX.to_owned()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{file}\""),
            ),
        ],
        book,
    )
        .into_response())
}

/// `GET /staff/agenda.xlsx?office=&date=&room_id=&counter_id=&q=`: the agenda as shown.
pub async fn agenda_xlsx(
    State(state): State<AppState>,
    session: Session,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let err = |e| session.page_error(e);
    let requested = q.get("office").and_then(|v| v.trim().parse().ok());
    let office_id = session.office(&state, requested).await?;
    let query = agenda_query(&q).map_err(err)?;
    let day = agenda::agenda(
        &state.db,
        &state.config,
        &session.actor,
        office_id,
        &query,
        state.clock.now(),
    )
    .await
    .map_err(err)?;
    download(
        &session,
        &day.date,
        &day.entries,
        &format!("sportello-{office_id}-{}.xlsx", day.date),
    )
}

/// `GET /manage/bookings.xlsx?office=&from=&to=`: every appointment of the period.
pub async fn bookings_xlsx(
    State(state): State<AppState>,
    session: Session,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let err = |e| session.page_error(e);
    let requested = q.get("office").and_then(|v| v.trim().parse().ok());
    let office_id = session.office(&state, requested).await?;
    let date = |field: &str| {
        q.get(field)
            .and_then(|v| NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d").ok())
            .ok_or_else(|| AppError::invalid(field, "must be a date, YYYY-MM-DD"))
    };
    let (from, to) = (date("from").map_err(err)?, date("to").map_err(err)?);
    let entries = agenda::period(
        &state.db,
        &state.config,
        &session.actor,
        office_id,
        (from, to),
        state.clock.now(),
    )
    .await
    .map_err(err)?;
    download(
        &session,
        &format!("{from} {to}"),
        &entries,
        &format!("sportello-{office_id}-{from}-{to}-bookings.xlsx"),
    )
}
