//! The queue for citizens without an appointment: the poster at the entrance (its QR code
//! opens the join page), joining from a phone, the ticket's page that follows its turn
//! live (server-sent events; without JavaScript it reloads), and the waiting-room display.

use std::{collections::HashMap, convert::Infallible, time::Duration};

use crate::service::status::TicketStatus;
use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Form,
    extract::{Query, State},
    http::HeaderMap,
    response::{
        IntoResponse, Redirect, Response,
        sse::{Event, KeepAlive, Sse},
    },
};
use futures_util::Stream;
use serde::Deserialize;

use super::here;
use crate::{
    domain::{FieldError, Language},
    error::AppError,
    extract::{AppPath, parse_id},
    service::queue::{
        TicketView, feed,
        join::{Closed, JoinOutcome, JoinRequest},
        tickets,
    },
    state::AppState,
    web::{Csrf, PageError, Tr, fl, negotiate, page},
};

/// A service a citizen can join the queue for.
pub struct QueueService {
    pub id: i32,
    pub name: String,
    pub waiting: usize,
}

#[derive(Template, WebTemplate)]
#[template(path = "citizen/queue_join.html")]
struct JoinPage {
    t: &'static Tr,
    here: String,
    csrf: String,
    office_id: i32,
    office_name: String,
    services: Vec<QueueService>,
    /// Why nobody can join now, when the office is closed.
    closed: Option<String>,
    error: Option<String>,
}

fn closed_text(t: &Tr, c: &Closed) -> String {
    match c {
        Closed::Now => fl!(t, "queue-closed-now"),
        Closed::BeforeClosing(at) => fl!(t, "queue-closed-before", time = at.as_str()),
        Closed::NoCounter => fl!(t, "queue-closed-no-counter"),
    }
}

async fn join_page(
    state: &AppState,
    t: &'static Tr,
    csrf: String,
    office_id: i32,
    error: Option<String>,
) -> Result<JoinPage, AppError> {
    let setup = state.db.setups.get(&state.db.conn, office_id).await?;
    let now = state.clock.now();
    let current = tickets::state(&state.db, &setup, now).await?;
    let mut closed = None;
    let services = setup
        .services
        .iter()
        .filter(|s| s.channel != "video")
        .filter(|s| {
            let c = crate::service::queue::join::closed_for(&current, &setup, s.id);
            if matches!(c, Some(Closed::Now)) {
                closed = Some(closed_text(t, &Closed::Now));
            }
            !matches!(c, Some(Closed::NoCounter))
        })
        .map(|s| QueueService {
            id: s.id,
            name: crate::service::office::services::local_texts(s, t.code()).name,
            waiting: current
                .open
                .iter()
                .filter(|x| x.service_id == s.id && x.status == TicketStatus::Waiting)
                .count(),
        })
        .collect();
    Ok(JoinPage {
        t,
        here: here(&format!("/offices/{office_id}/join")),
        csrf,
        office_id,
        office_name: setup.office.name.clone(),
        services,
        closed,
        error,
    })
}

/// `GET /offices/{office_id}/join`: pick a service and join.
pub async fn show_join(
    State(state): State<AppState>,
    headers: HeaderMap,
    AppPath(office_id): AppPath<String>,
    Query(params): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let lang = negotiate(params.get("lang").map(String::as_str), &headers);
    let t = Tr::of(lang);
    let office_id = parse_id(&office_id).map_err(page(lang))?;
    let csrf = Csrf::from_headers(&headers).map_err(page(lang))?;
    let mut resp = join_page(&state, t, csrf.token.clone(), office_id, None)
        .await
        .map_err(page(lang))?
        .into_response();
    csrf.apply(&mut resp);
    Ok(resp)
}

/// The join form.
#[derive(Debug, Deserialize)]
pub struct JoinForm {
    csrf: String,
    #[serde(default)]
    lang: String,
    #[serde(default)]
    service_id: Option<i32>,
    #[serde(default)]
    party_size: Option<i64>,
    #[serde(default)]
    email: String,
}

/// `POST /offices/{office_id}/join`: takes the ticket and opens its page.
pub async fn join(
    State(state): State<AppState>,
    headers: HeaderMap,
    AppPath(office_id): AppPath<String>,
    Form(form): Form<JoinForm>,
) -> Result<Response, PageError> {
    let lang = Language::parse(&form.lang).unwrap_or_default();
    let t = Tr::of(lang);
    Csrf::verify(&headers, &form.csrf).map_err(page(lang))?;
    let office_id = parse_id(&office_id).map_err(page(lang))?;
    let again = |error: String| async {
        let csrf = Csrf::from_headers(&headers).map_err(page(lang))?;
        let mut resp = join_page(&state, t, csrf.token.clone(), office_id, Some(error))
            .await
            .map_err(page(lang))?
            .into_response();
        csrf.apply(&mut resp);
        Ok::<Response, PageError>(resp)
    };
    let Some(service_id) = form.service_id else {
        return again(fl!(t, "queue-join-choose")).await;
    };
    let input = JoinRequest {
        service_id,
        party_size: form.party_size.unwrap_or(1),
        email: Some(form.email.clone()),
        language: Some(lang.code().into()),
    };
    match crate::service::queue::join::join(
        &state.db,
        &state.config,
        office_id,
        &input,
        state.clock.now(),
    )
    .await
    {
        Ok(JoinOutcome::Joined(j)) => {
            state.feed.poke();
            Ok(
                Redirect::to(&format!("/q/{}?lang={}", j.ticket_token, lang.code()))
                    .into_response(),
            )
        }
        Ok(JoinOutcome::Closed(c)) => again(closed_text(t, &c)).await,
        Err(AppError::Validation(errors)) => {
            let text = errors
                .iter()
                .map(|e: &FieldError| crate::web::field_error(t, e).1)
                .collect::<Vec<_>>()
                .join(" ");
            again(text).await
        }
        Err(e) => Err(page(lang)(e)),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "citizen/queue_ticket.html")]
struct TicketPage {
    t: &'static Tr,
    here: String,
    csrf: String,
    token: String,
    office_name: String,
    service_name: String,
    ticket: TicketView,
    /// What the live region says now (also what the events replace it with).
    says: String,
}

/// What a ticket's holder is told about it now.
pub fn says(t: &Tr, v: &TicketView) -> String {
    let counter = v.counter_name.clone().unwrap_or_default();
    match v.status {
        TicketStatus::Waiting => {
            let mut s = match v.position {
                Some(0) => fl!(t, "queue-ticket-next"),
                Some(n) => fl!(t, "queue-ticket-position", count = n),
                None => fl!(t, "queue-ticket-watch"),
            };
            if let Some(m) = v.estimated_wait_minutes.filter(|m| *m > 0) {
                s.push(' ');
                s.push_str(&fl!(t, "queue-ticket-wait", minutes = m));
            }
            s
        }
        TicketStatus::Called => fl!(t, "queue-ticket-your-turn", counter = counter.as_str()),
        TicketStatus::Serving => fl!(t, "queue-ticket-serving", counter = counter.as_str()),
        TicketStatus::Done => fl!(t, "queue-ticket-done"),
        TicketStatus::Absent => fl!(t, "queue-ticket-absent"),
        TicketStatus::Cancelled => fl!(t, "queue-ticket-cancelled"),
    }
}

/// `GET /q/{token}`: the ticket taken from a phone.
pub async fn show_ticket(
    State(state): State<AppState>,
    headers: HeaderMap,
    AppPath(token): AppPath<String>,
    Query(params): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let row = tickets::by_token(&state.db, &token)
        .await
        .map_err(page(negotiate(
            params.get("lang").map(String::as_str),
            &headers,
        )))?;
    let stored = Language::parse(&row.language).unwrap_or_default();
    let lang = match params.get("lang") {
        Some(l) => Language::parse(l).unwrap_or(stored),
        None => stored,
    };
    let t = Tr::of(lang);
    let ticket = tickets::show(&state.db, &row, state.clock.now())
        .await
        .map_err(page(lang))?;
    let setup = state
        .db
        .setups
        .get(&state.db.conn, row.office_id)
        .await
        .map_err(page(lang))?;
    let service_name = setup
        .services
        .iter()
        .find(|s| s.id == row.service_id)
        .map(|s| crate::service::office::services::local_texts(s, t.code()).name)
        .unwrap_or_default();
    let csrf = Csrf::from_headers(&headers).map_err(page(lang))?;
    let mut resp = TicketPage {
        t,
        here: here(&format!("/q/{}", token.trim())),
        csrf: csrf.token.clone(),
        token: token.trim().to_string(),
        office_name: setup.office.name.clone(),
        service_name,
        says: says(t, &ticket),
        ticket,
    }
    .into_response();
    csrf.apply(&mut resp);
    Ok(resp)
}

/// The leave form.
#[derive(Debug, Deserialize)]
pub struct LeaveForm {
    csrf: String,
    #[serde(default)]
    lang: String,
}

/// `POST /q/{token}/leave`.
pub async fn leave(
    State(state): State<AppState>,
    headers: HeaderMap,
    AppPath(token): AppPath<String>,
    Form(form): Form<LeaveForm>,
) -> Result<Response, PageError> {
    let lang = Language::parse(&form.lang).unwrap_or_default();
    Csrf::verify(&headers, &form.csrf).map_err(page(lang))?;
    tickets::leave(&state.db, &token, state.clock.now())
        .await
        .map_err(page(lang))?;
    state.feed.poke();
    Ok(Redirect::to(&format!("/q/{}?lang={}", token.trim(), lang.code())).into_response())
}

/// `GET /q/{token}/events`: the ticket's news as server-sent events `ticket`, each with
/// `{"status", "code", "counter_name", "position", "says"}` in the ticket's language: at
/// once, on every change of its office's queue, and every 30 seconds (waits move on).
pub async fn ticket_events(
    State(state): State<AppState>,
    AppPath(token): AppPath<String>,
    Query(params): Query<HashMap<String, String>>,
) -> Result<Sse<impl Stream<Item = Result<Event, Infallible>>>, AppError> {
    let row = tickets::by_token(&state.db, &token).await?;
    let lang = params
        .get("lang")
        .and_then(|l| Language::parse(l).ok())
        .or_else(|| Language::parse(&row.language).ok())
        .unwrap_or_default();
    let t = Tr::of(lang);
    let rx = state.feed.subscribe(&state.db, &state.clock).await;
    let first = tickets::show(&state.db, &row, state.clock.now()).await?;
    let event = move |v: &TicketView| {
        Event::default()
            .event("ticket")
            .json_data(serde_json::json!({
                "status": v.status, "code": v.code, "counter_name": v.counter_name,
                "position": v.position, "says": says(t, v),
            }))
            .unwrap_or_else(|_| Event::default().comment("unserialisable"))
    };
    let office_id = row.office_id;
    let id = row.id;
    let stream = futures_util::stream::unfold(
        (rx, Some(first), state, row),
        move |(mut rx, mut next, state, row)| async move {
            loop {
                if let Some(v) = next.take() {
                    return Some((Ok(event(&v)), (rx, None, state, row)));
                }
                let changed = tokio::select! {
                    got = rx.recv() => match got {
                        Ok(change) if change.office_id == office_id => Some(change),
                        Ok(_) => continue,
                        Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => None,
                        Err(tokio::sync::broadcast::error::RecvError::Closed) => return None,
                    },
                    () = tokio::time::sleep(Duration::from_secs(30)) => None,
                };
                // The office's queue as the feed read it, else this ticket read again.
                let from_feed = changed.as_ref().and_then(|c| {
                    let s = c.state.as_ref()?;
                    s.open.iter().find(|t| t.id == id).map(|t| s.view(t))
                });
                next = match from_feed {
                    Some(v) => Some(v),
                    None => match tickets::by_token_id(&state.db, id).await {
                        Ok(fresh) => tickets::show(&state.db, &fresh, state.clock.now())
                            .await
                            .ok(),
                        Err(_) => None,
                    },
                };
                let _ = &row;
            }
        },
    );
    Ok(Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15))))
}

#[derive(Template, WebTemplate)]
#[template(path = "citizen/queue_poster.html")]
struct PosterPage {
    t: &'static Tr,
    here: String,
    office_name: String,
    url: String,
    qr_svg: Option<String>,
}

/// `GET /offices/{office_id}/poster`: an A4 page for the entrance, with the QR code of
/// the join page.
pub async fn poster(
    State(state): State<AppState>,
    headers: HeaderMap,
    AppPath(office_id): AppPath<String>,
    Query(params): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let lang = negotiate(params.get("lang").map(String::as_str), &headers);
    let office_id = parse_id(&office_id).map_err(page(lang))?;
    let setup = state
        .db
        .setups
        .get(&state.db.conn, office_id)
        .await
        .map_err(page(lang))?;
    let url = format!("{}/offices/{office_id}/join", state.config.http.base_url);
    Ok(PosterPage {
        t: Tr::of(lang),
        here: here(&format!("/offices/{office_id}/poster")),
        office_name: setup.office.name.clone(),
        qr_svg: super::manage::qr_svg(&url),
        url,
    }
    .into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "queue_display.html")]
struct DisplayPage {
    t: &'static Tr,
    office_id: i32,
    office_name: String,
    calls: Vec<feed::CallEvent>,
    /// `HH:MM` of each call, by index.
    times: Vec<String>,
    /// The counter's word in the display's language, for the spoken call.
    counter_word: String,
}

/// `GET /offices/{office_id}/display`: the waiting-room screen.
pub async fn display(
    State(state): State<AppState>,
    headers: HeaderMap,
    AppPath(office_id): AppPath<String>,
    Query(params): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let lang = negotiate(params.get("lang").map(String::as_str), &headers);
    let t = Tr::of(lang);
    let office_id = parse_id(&office_id).map_err(page(lang))?;
    let setup = state
        .db
        .setups
        .get(&state.db.conn, office_id)
        .await
        .map_err(page(lang))?;
    let calls = feed::recent_calls(&state.db, office_id, state.clock.now(), 8)
        .await
        .map_err(page(lang))?;
    let times = calls
        .iter()
        .map(|c| c.called_at.get(11..16).unwrap_or_default().to_string())
        .collect();
    Ok(DisplayPage {
        t,
        office_id,
        office_name: setup.office.name.clone(),
        calls,
        times,
        counter_word: fl!(t, "queue-display-counter"),
    }
    .into_response())
}
