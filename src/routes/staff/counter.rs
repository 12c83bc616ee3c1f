//! The clerk's counter screen: "Call next" (also the N key), the tickets this counter
//! called with recall, not here, start, done and transfer, who waits for its services,
//! and tickets for walk-ins at the desk with a page for a receipt printer.

use std::collections::HashMap;

use crate::service::status::TicketStatus;
use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Form,
    extract::{Query, State},
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

use super::{Nav, Session};
use crate::{
    extract::{AppPath, parse_id},
    routes::shared::{observe_call, run_action},
    service::queue::{
        TicketView,
        calls::{self, Action, TransferRequest},
        tickets::{self, DeskTicketRequest},
    },
    state::AppState,
    web::{PageError, Tr, fl},
};

/// A counter to choose.
pub struct CounterChoice {
    pub id: i32,
    pub name: String,
}

/// A ticket as the counter screen lists it.
pub struct Row {
    pub ticket: TicketView,
    pub service: String,
    pub kind: String,
    pub arrived: String,
    pub status: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "staff/counter.html")]
struct CounterPage {
    t: &'static Tr,
    nav: Nav,
    counter: Option<CounterChoice>,
    counters: Vec<CounterChoice>,
    mine: Vec<Row>,
    waiting: Vec<Row>,
    services: Vec<(i32, String)>,
    notice: Option<String>,
}

fn hhmm(rfc3339: &str) -> String {
    rfc3339.get(11..16).unwrap_or_default().to_string()
}

fn status_text(t: &Tr, s: TicketStatus) -> String {
    match s {
        TicketStatus::Waiting => fl!(t, "queue-status-waiting"),
        TicketStatus::Called => fl!(t, "queue-status-called"),
        TicketStatus::Serving => fl!(t, "queue-status-serving"),
        TicketStatus::Done => fl!(t, "queue-status-done"),
        TicketStatus::Absent => fl!(t, "queue-status-absent"),
        TicketStatus::Cancelled => fl!(t, "queue-status-cancelled"),
    }
}

/// `GET /staff/counter?office=&counter=`: choose a counter, then its screen.
pub async fn show_counter(
    State(state): State<AppState>,
    session: Session,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let requested = q.get("office").and_then(|v| v.trim().parse().ok());
    let office_id = session.office(&state, requested).await?;
    let t = session.tr();
    let now = state.clock.now();
    let setup = state
        .db
        .setups
        .get(&state.db.conn, office_id)
        .await
        .map_err(|e| session.page_error(e))?;
    let counters: Vec<CounterChoice> = setup
        .counters
        .iter()
        .filter(|(c, _)| c.active)
        .map(|(c, _)| CounterChoice {
            id: c.id,
            name: c.name.clone(),
        })
        .collect();
    let chosen = q
        .get("counter")
        .and_then(|v| v.trim().parse::<i32>().ok())
        .and_then(|id| setup.counters.iter().find(|(c, _)| c.id == id && c.active));
    let service_name = |id: i32| {
        setup
            .services
            .iter()
            .find(|s| s.id == id)
            .map(|s| s.name.clone())
            .unwrap_or_default()
    };
    let (mut mine, mut waiting) = (Vec::new(), Vec::new());
    if let Some((c, offered)) = chosen {
        let (_, list) = tickets::list(&state.db, &session.actor, office_id, now)
            .await
            .map_err(|e| session.page_error(e))?;
        for v in list {
            let row = Row {
                service: service_name(v.service_id),
                kind: match &v.due_at {
                    Some(d) => fl!(t, "queue-kind-appointment", time = hhmm(d)),
                    None => fl!(t, "queue-kind-walk-in"),
                },
                arrived: hhmm(&v.joined_at),
                status: status_text(t, v.status),
                ticket: v,
            };
            if row.ticket.counter_id == Some(c.id) && row.ticket.status != TicketStatus::Waiting {
                mine.push(row);
            } else if row.ticket.status == TicketStatus::Waiting
                && offered.contains(&row.ticket.service_id)
            {
                waiting.push(row);
            }
        }
        // Serving tickets are not in the list of waiting and called ones.
        for row in state_serving(&state, &session, office_id, c.id).await? {
            mine.push(Row {
                service: service_name(row.service_id),
                kind: match &row.due_at {
                    Some(d) => fl!(t, "queue-kind-appointment", time = hhmm(d)),
                    None => fl!(t, "queue-kind-walk-in"),
                },
                arrived: hhmm(&row.joined_at),
                status: status_text(t, row.status),
                ticket: row,
            });
        }
    }
    // What the last press did: a call's outcome, or an action's new status; a code is
    // shown only if it is one (the query string is the clerk's to edit).
    let code_like =
        |c: &str| c.len() <= 8 && c.chars().all(|ch| ch.is_ascii_alphanumeric() || ch == '-');
    let notice = match (q.get("said"), q.get("code"), q.get("now")) {
        (Some(said), _, _) if said == "nobody_waiting" => Some(fl!(t, "queue-nobody-waiting")),
        (Some(said), _, _) if said == "room_full" => Some(fl!(t, "queue-room-full")),
        (Some(code), _, _) if code_like(code) => {
            Some(fl!(t, "queue-called-now", code = code.as_str()))
        }
        (None, Some(code), Some(now)) if code_like(code) => {
            let status =
                serde_json::from_value::<TicketStatus>(serde_json::Value::String(now.clone())).ok();
            status.map(|s| {
                fl!(
                    t,
                    "queue-action-done",
                    code = code.as_str(),
                    status = status_text(t, s)
                )
            })
        }
        _ => None,
    };
    let path = match chosen {
        Some((c, _)) => format!("/staff/counter?office={office_id}&counter={}", c.id),
        None => format!("/staff/counter?office={office_id}"),
    };
    Ok(CounterPage {
        t,
        nav: Nav::new(&session, office_id, &path),
        counter: chosen.map(|(c, _)| CounterChoice {
            id: c.id,
            name: c.name.clone(),
        }),
        counters,
        mine,
        waiting,
        services: setup
            .services
            .iter()
            .filter(|s| s.channel != "video")
            .map(|s| (s.id, s.name.clone()))
            .collect(),
        notice,
    }
    .into_response())
}

/// The tickets being served at a counter now.
async fn state_serving(
    state: &AppState,
    session: &Session,
    office_id: i32,
    counter_id: i32,
) -> Result<Vec<TicketView>, PageError> {
    let setup = state
        .db
        .setups
        .get(&state.db.conn, office_id)
        .await
        .map_err(|e| session.page_error(e))?;
    let now = state.clock.now();
    let q = tickets::state(&state.db, &setup, now)
        .await
        .map_err(|e| session.page_error(e))?;
    Ok(q.open
        .iter()
        .filter(|t| t.status == TicketStatus::Serving && t.counter_id == Some(counter_id))
        .map(|t| q.view(t))
        .collect())
}

/// A form of the counter screen.
#[derive(Debug, Deserialize)]
pub struct CounterForm {
    csrf: String,
    counter: i32,
    #[serde(default)]
    action: String,
    #[serde(default)]
    ticket: Option<i32>,
    #[serde(default)]
    service_id: Option<i32>,
    #[serde(default)]
    party_size: Option<i64>,
    #[serde(default)]
    name: Option<String>,
}

fn back(session: &Session, office_id: i32, counter: i32, said: &str) -> Response {
    Redirect::to(&format!(
        "/staff/counter?office={office_id}&counter={counter}&lang={}&said={said}",
        session.lang.code()
    ))
    .into_response()
}

/// `POST /staff/counter`: call next, act on a ticket, or make a desk ticket.
pub async fn counter_action(
    State(state): State<AppState>,
    session: Session,
    Form(form): Form<CounterForm>,
) -> Result<Response, PageError> {
    session.verify(&form.csrf)?;
    let now = state.clock.now();
    let err = |e| session.page_error(e);
    let office_id = crate::service::directory::counter_office(&state.db, form.counter)
        .await
        .map_err(err)?;
    let action = match form.action.as_str() {
        "recall" => Some(Action::Recall),
        "start" => Some(Action::Start),
        "not_here" => Some(Action::Absent),
        "finish" => Some(Action::Done),
        _ => None,
    };
    if form.action == "call" {
        let out = calls::call_next(&state.db, &session.actor, form.counter, now)
            .await
            .map_err(err)?;
        observe_call(&state, &out);
        let said = match &out.ticket {
            Some(t) => t.code.clone(),
            None => out.reason.clone().unwrap_or_default(),
        };
        return Ok(back(&session, office_id, form.counter, &said));
    }
    if form.action == "ticket" {
        let input = DeskTicketRequest {
            service_id: form.service_id.unwrap_or_default(),
            party_size: form.party_size.unwrap_or(1),
            name: form.name.clone(),
        };
        let t = tickets::desk_ticket(&state.db, &session.actor, office_id, &input, now)
            .await
            .map_err(err)?;
        state.feed.poke();
        return Ok(Redirect::to(&format!(
            "/staff/tickets/{}/print?counter={}&lang={}",
            t.id,
            form.counter,
            session.lang.code()
        ))
        .into_response());
    }
    let id = form.ticket.unwrap_or_default();
    let t = if form.action == "transfer" {
        let input = TransferRequest {
            service_id: form.service_id.unwrap_or_default(),
        };
        let t = calls::transfer(&state.db, &session.actor, id, &input, now)
            .await
            .map_err(err)?;
        state.feed.poke();
        t
    } else if let Some(action) = action {
        run_action(&state, &session.actor, id, action)
            .await
            .map_err(err)?
    } else {
        return Err(err(crate::error::AppError::BadRequest(
            "unknown action".into(),
        )));
    };
    Ok(Redirect::to(&format!(
        "/staff/counter?office={office_id}&counter={}&lang={}&code={}&now={}",
        form.counter,
        session.lang.code(),
        t.code,
        t.status
    ))
    .into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "staff/ticket_print.html")]
struct PrintPage {
    t: &'static Tr,
    ticket: TicketView,
    office_name: String,
    service: String,
    at: String,
    back: String,
}

/// `GET /staff/tickets/{id}/print?counter=`: a desk ticket sized for a receipt printer.
pub async fn print_ticket(
    State(state): State<AppState>,
    session: Session,
    AppPath(id): AppPath<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let id = parse_id(&id).map_err(|e| session.page_error(e))?;
    let ticket = calls::get(&state.db, &session.actor, id, state.clock.now())
        .await
        .map_err(|e| session.page_error(e))?;
    let setup = state
        .db
        .setups
        .get(&state.db.conn, ticket.office_id)
        .await
        .map_err(|e| session.page_error(e))?;
    let counter = q.get("counter").and_then(|c| c.parse::<i32>().ok());
    Ok(PrintPage {
        t: session.tr(),
        office_name: setup.office.name.clone(),
        service: setup
            .services
            .iter()
            .find(|s| s.id == ticket.service_id)
            .map(|s| s.name.clone())
            .unwrap_or_default(),
        at: format!(
            "{} {}",
            ticket.joined_at.get(..10).unwrap_or_default(),
            hhmm(&ticket.joined_at)
        ),
        back: match counter {
            Some(c) => format!(
                "/staff/counter?office={}&counter={c}&lang={}",
                ticket.office_id,
                session.lang.code()
            ),
            None => format!(
                "/staff/counter?office={}&lang={}",
                ticket.office_id,
                session.lang.code()
            ),
        },
        ticket,
    }
    .into_response())
}
