//! `/staff/calendars`: the office's and each counter's calendar feed for the clerks'
//! calendar apps. An address is shown once, on the page that answers "make a new
//! address"; making another ends the one before.

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Query, State},
    response::{IntoResponse, Response},
};
use serde::Deserialize;

use super::{Nav, Session};
use crate::{
    service::visit::feeds::{self, NewFeed},
    state::AppState,
    web::{PageError, Tr, fl},
};

/// One feed of the page: the office's (`counter_id` none) or a counter's.
struct Row {
    counter_id: Option<i32>,
    name: String,
    /// When its current address was made; none if it has none.
    made: Option<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "staff/calendars.html")]
struct CalendarsPage {
    t: &'static Tr,
    nav: Nav,
    rows: Vec<Row>,
    /// The address just made, and for which row: shown this once.
    made: Option<(Option<i32>, String)>,
}

async fn page(
    state: &AppState,
    session: &Session,
    requested: Option<i32>,
    made: Option<(Option<i32>, String)>,
) -> Result<Response, PageError> {
    let err = |e| session.page_error(e);
    let office_id = session.office(state, requested).await?;
    let existing = feeds::list(&state.db, &session.actor, office_id)
        .await
        .map_err(err)?;
    let facts = crate::service::directory::office(&state.db, office_id)
        .await
        .map_err(err)?;
    // When each address was made, in the office's time, as the clerks read times.
    let made_at = |c: Option<i32>| {
        existing.iter().find(|f| f.counter_id == c).map(|f| {
            chrono::DateTime::parse_from_rfc3339(&f.created_at).map_or_else(
                |_| f.created_at.clone(),
                |t| {
                    t.with_timezone(&facts.tz)
                        .format("%d/%m/%Y %H:%M")
                        .to_string()
                },
            )
        })
    };
    let mut rows = vec![Row {
        counter_id: None,
        name: facts.name.clone(),
        made: made_at(None),
    }];
    for c in &facts.counters {
        rows.push(Row {
            counter_id: Some(c.id),
            name: c.name.clone(),
            made: made_at(Some(c.id)),
        });
    }
    Ok(CalendarsPage {
        t: session.tr(),
        nav: Nav::new(
            session,
            office_id,
            &format!("/staff/calendars?office={office_id}"),
        ),
        rows,
        made,
    }
    .into_response())
}

/// `GET /staff/calendars?office=`.
pub async fn show_calendars(
    State(state): State<AppState>,
    session: Session,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let requested = q.get("office").and_then(|v| v.trim().parse().ok());
    page(&state, &session, requested, None).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct MakeForm {
    csrf: String,
    office: String,
    counter: String,
}

/// `POST /staff/calendars`: a new address for the office's or a counter's feed.
pub async fn make_calendar(
    State(state): State<AppState>,
    session: Session,
    axum::Form(form): axum::Form<MakeForm>,
) -> Result<Response, PageError> {
    session.verify(&form.csrf)?;
    let err = |e| session.page_error(e);
    let office_id = crate::extract::parse_id(&form.office).map_err(err)?;
    let counter_id = match form.counter.trim() {
        "" => None,
        c => Some(crate::extract::parse_id(c).map_err(err)?),
    };
    let made = feeds::reset(
        &state.db,
        &state.config.http.base_url,
        &session.actor,
        office_id,
        &NewFeed { counter_id },
        state.clock.now(),
    )
    .await
    .map_err(err)?;
    page(
        &state,
        &session,
        Some(office_id),
        Some((counter_id, made.url)),
    )
    .await
}
