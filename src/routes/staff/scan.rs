//! The scan page and the check-in URL. A scanner (keyboard wedge) types the code and
//! Enter into the focused field; the camera path fills the same field and submits it.
//! Either way the server answers with the result and the field focused again, so the
//! next citizen can be scanned without a click.

use crate::service::status::BookingStatus;
use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Form,
    extract::{Query, State},
    response::{IntoResponse, Redirect, Response},
};
use chrono::DateTime;
use serde::Deserialize;
use serde_json::Value;

use super::{Nav, Session};
use crate::{
    error::{AppError, ScanRefusal},
    extract::AppPath,
    service::{booking::view::BookingView, visit::checkin},
    state::AppState,
    web::{PageError, Tr, fl},
};

/// One booking, as the clerk needs to see it.
#[derive(Debug, Clone)]
pub struct BookingLine {
    pub reference: String,
    pub name: String,
    pub party_size: i32,
    pub service: String,
    pub counter: String,
    pub time: String,
    pub status: String,
}

/// The outcome of a scan for the page: a colour class and a headline in words (never
/// colour alone), with the booking when the clerk may see it.
#[derive(Debug, Clone)]
pub struct ScanResult {
    /// `ok`, `warn` or `bad` (the colour).
    pub class: &'static str,
    /// The API's outcome name (for tests and screen readers' context).
    pub outcome: String,
    /// The big words.
    pub headline: String,
    /// The booking, when the clerk may see it.
    pub booking: Option<BookingLine>,
    /// The queue ticket a check-in made (shown large: the citizen waits for it).
    pub ticket: Option<String>,
}

fn hhmm(raw: Option<&Value>) -> String {
    raw.and_then(Value::as_str)
        .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
        .map(|t| t.format("%H:%M").to_string())
        .unwrap_or_default()
}

/// The local day of an instant of a refusal, in words.
fn day_of(s: &Tr, raw: Option<&Value>) -> String {
    raw.and_then(Value::as_str)
        .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
        .map(|t| s.long_date(t.date_naive()))
        .unwrap_or_default()
}

/// Names the service and counter of a booking view.
pub async fn line_of(state: &AppState, s: &Tr, b: &BookingView) -> BookingLine {
    let office = crate::service::directory::office(&state.db, b.office_id)
        .await
        .ok();
    let service = office
        .as_ref()
        .map(|o| o.service_name(b.service_id))
        .unwrap_or_default();
    let counter = office.as_ref().map_or_else(
        || format!("#{}", b.counter_id),
        |o| o.counter_name(b.counter_id),
    );
    BookingLine {
        reference: b.reference.clone(),
        name: b.citizen.name.clone(),
        party_size: b.party_size,
        service,
        counter,
        time: hhmm(Some(&Value::String(b.start.clone()))),
        status: fl!(s, "staff-status-label", status = b.status.to_string()),
    }
}

async fn result_of(
    state: &AppState,
    s: &Tr,
    outcome: Result<checkin::CheckinView, AppError>,
) -> Result<ScanResult, AppError> {
    match outcome {
        Ok(done) => Ok(ScanResult {
            class: "ok",
            outcome: done.outcome.clone(),
            headline: fl!(s, "staff-out-checked-in"),
            booking: Some(line_of(state, s, &done.booking).await),
            ticket: done.ticket.as_ref().map(|t| t.code.clone()),
        }),
        Err(AppError::Scan { refusal, extra, .. }) => {
            let booking = match extra
                .get("booking")
                .and_then(|b| serde_json::from_value::<BookingView>(b.clone()).ok())
            {
                Some(b) => Some(line_of(state, s, &b).await),
                None => None,
            };
            let (class, headline) = match refusal {
                ScanRefusal::AlreadyCheckedIn => (
                    "warn",
                    fl!(
                        s,
                        "staff-out-already",
                        time = hhmm(extra.get("checked_in_at"))
                    ),
                ),
                ScanRefusal::Cancelled => ("bad", fl!(s, "staff-out-cancelled")),
                ScanRefusal::NoShow => (
                    "bad",
                    fl!(
                        s,
                        "staff-out-no-show",
                        time = hhmm(extra.get("released_at"))
                    ),
                ),
                ScanRefusal::TooEarly => (
                    // Not a problem like "already admitted": the citizen is early.
                    "early",
                    fl!(
                        s,
                        "staff-out-too-early",
                        date = day_of(s, extra.get("start")),
                        time = hhmm(extra.get("start")),
                        opens = hhmm(extra.get("admission_opens"))
                    ),
                ),
                ScanRefusal::WrongOffice => ("bad", fl!(s, "staff-out-wrong-office")),
                ScanRefusal::UnknownCode => ("bad", fl!(s, "staff-out-unknown")),
            };
            Ok(ScanResult {
                class,
                outcome: refusal.outcome().to_string(),
                headline,
                booking,
                ticket: None,
            })
        }
        Err(other) => Err(other),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "staff/scan.html")]
struct ScanPage {
    t: &'static Tr,
    nav: Nav,
    result: Option<ScanResult>,
}

fn office_param(q: &HashMap<String, String>) -> Option<i32> {
    q.get("office").and_then(|v| v.trim().parse().ok())
}

/// `GET /staff`: the scan page is where a clerk's day starts.
pub async fn home(session: Session, Query(q): Query<HashMap<String, String>>) -> Response {
    let office = office_param(&q).map_or_else(String::new, |o| format!("office={o}&"));
    Redirect::to(&format!("/staff/scan?{office}lang={}", session.lang.code())).into_response()
}

/// `GET /staff/scan`.
pub async fn show_scan(
    State(state): State<AppState>,
    session: Session,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let office_id = session.office(&state, office_param(&q)).await?;
    let nav = Nav::new(
        &session,
        office_id,
        &format!("/staff/scan?office={office_id}"),
    );
    Ok(ScanPage {
        t: session.tr(),
        nav,
        result: None,
    }
    .into_response())
}

/// The scan form.
#[derive(Debug, Deserialize)]
pub struct ScanForm {
    csrf: String,
    code: String,
    #[serde(default)]
    office: Option<i32>,
}

/// `POST /staff/scan`: admits, and shows the outcome.
pub async fn scan(
    State(state): State<AppState>,
    session: Session,
    Form(form): Form<ScanForm>,
) -> Result<Response, PageError> {
    session.verify(&form.csrf)?;
    let office_id = session.office(&state, form.office).await?;
    let s = session.tr();
    let now = state.clock.now();
    let outcome =
        checkin::check_in(&state.db, &state.config, &session.actor, &form.code, now).await;
    state.metrics.checkin(&outcome);
    let result = result_of(&state, s, outcome)
        .await
        .map_err(|e| session.page_error(e))?;
    let nav = Nav::new(
        &session,
        office_id,
        &format!("/staff/scan?office={office_id}"),
    );
    Ok(ScanPage {
        t: s,
        nav,
        result: Some(result),
    }
    .into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "staff/code.html")]
struct CodePage {
    t: &'static Tr,
    nav: Nav,
    token: String,
    admittable: bool,
    result: Option<ScanResult>,
    booking: Option<BookingLine>,
}

/// `GET /c/{token}`: the QR code's URL opened with a phone's camera app by a logged-in
/// clerk. Shows the booking and an "admit" button; changes nothing by itself.
pub async fn show_code(
    State(state): State<AppState>,
    session: Result<Session, Response>,
    headers: axum::http::HeaderMap,
    Query(q): Query<HashMap<String, String>>,
    AppPath(token): AppPath<String>,
) -> Result<Response, PageError> {
    // Without a staff session this is the citizen opening the link of their email: their
    // appointment and its QR code, and nothing to admit.
    let Ok(session) = session else {
        return crate::routes::citizen::show_pass(
            &state,
            &headers,
            &token,
            q.get("lang").map(String::as_str),
        )
        .await;
    };
    let s = session.tr();
    let office_id = session.office(&state, None).await.unwrap_or_default();
    let nav = Nav::new(
        &session,
        office_id,
        &format!("/c/{}", super::login::urlencode(&token)),
    );
    let found = checkin::find_by_code(
        &state.db,
        &session.actor,
        &token,
        &state.config.http.base_url,
    )
    .await;
    let status = found.as_ref().err().map_or(
        axum::http::StatusCode::OK,
        crate::routes::problem::status_of,
    );
    let page = match found {
        Ok(b) => CodePage {
            t: s,
            nav,
            token: crate::service::visit::checkin::token_of(&token).to_string(),
            // "Admit" only once admission has opened: before that the button would only
            // lead to "too early".
            admittable: b.status == BookingStatus::Confirmed
                && DateTime::parse_from_rfc3339(&b.start).is_ok_and(|start| {
                    state.clock.now()
                        >= start
                            - chrono::Duration::minutes(state.config.booking.checkin_early_minutes)
                }),
            result: None,
            booking: Some(line_of(&state, s, &b).await),
        },
        Err(e) => CodePage {
            t: s,
            nav,
            token: String::new(),
            admittable: false,
            result: Some(
                result_of(&state, s, Err(e))
                    .await
                    .map_err(|e| session.page_error(e))?,
            ),
            booking: None,
        },
    };
    // A refusal answers with its status (403 another office's booking, 404 unknown), as
    // the API does.
    Ok((status, page).into_response())
}
