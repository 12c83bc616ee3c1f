//! The day's agenda of an office: filters by room and counter, counts per state, "mark
//! served" and "register walk-in now".

use crate::service::status::BookingStatus;
use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Form,
    extract::{Query, State},
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

use super::{Nav, Session, login::urlencode};
use crate::{
    error::AppError,
    routes::shared::agenda_query,
    service::visit::{
        agenda::{self, AgendaView, WalkInRequest},
        checkin,
    },
    state::AppState,
    web::{PageError, Tr, field_error, fl, headline},
};

/// A choice in a filter or form.
#[derive(Debug, Clone)]
pub struct Choice {
    pub id: i32,
    pub name: String,
    pub selected: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "staff/agenda.html")]
struct AgendaPage {
    t: &'static Tr,
    nav: Nav,
    agenda: AgendaView,
    rooms: Vec<Choice>,
    counters: Vec<Choice>,
    services: Vec<Choice>,
    notice: Option<String>,
    back: String,
    /// The day in words, in the page's language.
    day_label: String,
    /// The same agenda the day before and after.
    prev_url: String,
    next_url: String,
    /// What the search field holds.
    search: String,
    /// A walk-in just refused: why, and the form as it was filled in.
    refused: Option<Refusal>,
}

/// `GET /staff/agenda?office=&date=&room_id=&counter_id=&q=`.
pub async fn show_agenda(
    State(state): State<AppState>,
    session: Session,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    Ok(agenda_page(&state, &session, &q, None)
        .await?
        .into_response())
}

/// A walk-in the office could not take, shown on the agenda with what was typed.
struct Refusal {
    reason: String,
    service_id: i32,
    party_size: i64,
    name: String,
}

async fn agenda_page(
    state: &AppState,
    session: &Session,
    q: &HashMap<String, String>,
    refused: Option<Refusal>,
) -> Result<AgendaPage, PageError> {
    let requested = q.get("office").and_then(|v| v.trim().parse().ok());
    let office_id = session.office(state, requested).await?;
    let query = agenda_query(q).map_err(|e| session.page_error(e))?;
    let now = state.clock.now();
    let agenda = agenda::agenda(
        &state.db,
        &state.config,
        &session.actor,
        office_id,
        &query,
        now,
    )
    .await
    .map_err(|e| session.page_error(e))?;
    let setup = crate::service::directory::office(&state.db, office_id)
        .await
        .map_err(|e| session.page_error(e))?;
    let rooms = crate::service::directory::rooms(&state.db, office_id)
        .await
        .map_err(|e| session.page_error(e))?
        .into_iter()
        .map(|r| Choice {
            id: r.id,
            name: r.name,
            selected: query.room_id == Some(r.id),
        })
        .collect();
    let counters = setup
        .counters
        .iter()
        .map(|c| Choice {
            id: c.id,
            name: c.name.clone(),
            selected: query.counter_id == Some(c.id),
        })
        .collect();
    let services = setup
        .services
        .iter()
        .filter(|sv| sv.channel != "video")
        .map(|sv| Choice {
            id: sv.id,
            name: sv.name.clone(),
            selected: refused.as_ref().is_some_and(|r| r.service_id == sv.id),
        })
        .collect();
    let s = session.tr();
    let notice = match (q.get("done").map(String::as_str), q.get("ref")) {
        (Some("walk_in"), Some(r)) => Some(fl!(s, "staff-walk-in-done", reference = r.as_str())),
        (Some("closed"), Some(r)) => Some(fl!(s, "staff-served-done", reference = r.as_str())),
        (Some("admitted"), Some(r)) => Some(fl!(s, "staff-admitted-done", reference = r.as_str())),
        (Some("undone"), Some(r)) => Some(fl!(s, "staff-undone", reference = r.as_str())),
        _ => None,
    };
    let mut path = format!("/staff/agenda?office={office_id}&date={}", agenda.date);
    if let Some(r) = query.room_id {
        path.push_str(&format!("&room_id={r}"));
    }
    if let Some(c) = query.counter_id {
        path.push_str(&format!("&counter_id={c}"));
    }
    if let Some(q) = query.search.as_deref().filter(|q| !q.trim().is_empty()) {
        path.push_str(&format!("&q={}", urlencode(q.trim())));
    }
    let nav = Nav::new(session, office_id, &path);
    let day = crate::domain::schedule::parse_date(&agenda.date);
    let day_label = day.map_or_else(|| agenda.date.clone(), |d| s.long_date(d));
    let step = |days: i64| {
        day.map_or_else(String::new, |d| {
            let mut url = format!(
                "/staff/agenda?office={office_id}&date={}&lang={}",
                d + chrono::Duration::days(days),
                s.code()
            );
            if let Some(r) = query.room_id {
                url.push_str(&format!("&room_id={r}"));
            }
            if let Some(c) = query.counter_id {
                url.push_str(&format!("&counter_id={c}"));
            }
            url
        })
    };
    let (prev_url, next_url) = (step(-1), step(1));
    Ok(AgendaPage {
        refused,
        day_label,
        prev_url,
        next_url,
        t: s,
        nav,
        agenda,
        rooms,
        counters,
        services,
        notice,
        back: format!("{path}&lang={}", s.code()),
        search: query.search.clone().unwrap_or_default(),
    })
}

/// Back to the agenda a form came from, saying what was done to which booking.
fn done_on_agenda(back: &str, done: &str, reference: &str) -> Response {
    Redirect::to(&format!(
        "{}&done={done}&ref={}",
        back_to(back),
        urlencode(reference)
    ))
    .into_response()
}

/// Where a form returns: a path on this site, else the agenda.
fn back_to(raw: &str) -> String {
    if raw.starts_with("/staff/agenda") {
        raw.to_string()
    } else {
        "/staff/agenda?".into()
    }
}

/// The "mark served" form.
#[derive(Debug, Deserialize)]
pub struct ServedForm {
    csrf: String,
    reference: String,
    #[serde(default)]
    back: String,
}

/// `POST /staff/served`.
pub async fn mark_served(
    State(state): State<AppState>,
    session: Session,
    Form(form): Form<ServedForm>,
) -> Result<Response, PageError> {
    session.verify(&form.csrf)?;
    let now = state.clock.now();
    let done = checkin::mark_served(
        &state.db,
        &state.config,
        &session.actor,
        &form.reference,
        now,
    )
    .await
    .map_err(|e| session.page_error(e))?;
    Ok(done_on_agenda(&form.back, "closed", &done.reference))
}

/// `POST /staff/admit`: admits an expected booking from the agenda (the same check-in
/// as a scan, by its reference).
pub async fn admit(
    State(state): State<AppState>,
    session: Session,
    Form(form): Form<ServedForm>,
) -> Result<Response, PageError> {
    session.verify(&form.csrf)?;
    let now = state.clock.now();
    let outcome = checkin::check_in(
        &state.db,
        &state.config,
        &session.actor,
        &form.reference,
        now,
    )
    .await;
    state.metrics.checkin(&outcome);
    let done = outcome.map_err(|e| session.page_error(e))?;
    Ok(done_on_agenda(
        &form.back,
        "admitted",
        &done.booking.reference,
    ))
}

/// `POST /staff/undo-admission`: a mistaken admission taken back (audited).
pub async fn undo_admission(
    State(state): State<AppState>,
    session: Session,
    Form(form): Form<ServedForm>,
) -> Result<Response, PageError> {
    session.verify(&form.csrf)?;
    let done = checkin::undo_check_in(
        &state.db,
        &state.config,
        &session.actor,
        &form.reference,
        state.clock.now(),
    )
    .await
    .map_err(|e| session.page_error(e))?;
    Ok(done_on_agenda(&form.back, "undone", &done.reference))
}

/// The walk-in form.
#[derive(Debug, Deserialize)]
pub struct WalkInForm {
    csrf: String,
    office: i32,
    service_id: i32,
    party_size: i64,
    #[serde(default)]
    name: String,
    #[serde(default)]
    back: String,
}

/// `POST /staff/walk-ins`: refused with a readable page when no counter or no room
/// place is free now.
pub async fn walk_in(
    State(state): State<AppState>,
    session: Session,
    Form(form): Form<WalkInForm>,
) -> Result<Response, PageError> {
    session.verify(&form.csrf)?;
    let office_id = session.office(&state, Some(form.office)).await?;
    let now = state.clock.now();
    let input = WalkInRequest {
        service_id: form.service_id,
        party_size: form.party_size,
        name: Some(form.name.clone()),
    };
    let done = match agenda::walk_in(
        &state.db,
        &state.config,
        &session.actor,
        office_id,
        &input,
        now,
    )
    .await
    {
        Ok(done) => done,
        // A refusal the clerk can act on (no place now, a closed office, a wrong party
        // size) stays on the agenda, in words, with the form as it was.
        Err(e @ (AppError::Conflict { .. } | AppError::Validation(_))) => {
            let t = session.tr();
            let status = crate::routes::problem::status_of(&e);
            let reason = match &e {
                AppError::Validation(errors) => errors
                    .iter()
                    .map(|f| {
                        let (label, why) = field_error(t, f);
                        format!("{label}: {why}")
                    })
                    .collect::<Vec<_>>()
                    .join(" "),
                other => headline(t, other, status.as_u16()),
            };
            let back = back_to(&form.back);
            let q: HashMap<String, String> = back
                .split_once('?')
                .map(|(_, query)| {
                    form_urlencoded::parse(query.as_bytes())
                        .into_owned()
                        .collect()
                })
                .unwrap_or_default();
            let refused = Refusal {
                reason,
                service_id: form.service_id,
                party_size: form.party_size,
                name: form.name.clone(),
            };
            let page = agenda_page(&state, &session, &q, Some(refused)).await?;
            return Ok((status, page).into_response());
        }
        Err(e) => return Err(session.page_error(e)),
    };
    state.metrics.place_taken("walk_in");
    Ok(done_on_agenda(&form.back, "walk_in", &done.reference))
}
