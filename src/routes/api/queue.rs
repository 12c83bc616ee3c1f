//! The queue at the office (API.md "At the office: tickets and calls"): tickets at the
//! desk and from a phone, calls and the actions at the counter, and the stream of calls.

use std::{convert::Infallible, time::Duration};

use axum::{
    Json,
    extract::State,
    http::StatusCode,
    response::sse::{Event, KeepAlive, Sse},
};
use futures_util::Stream;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::routes::shared::{observe_call, run_action};
use crate::{
    error::{AppError, AppResult, ConflictKind},
    extract::{AppJson, AppPath, parse_id},
    service::{
        actor::Actor,
        queue::{
            TicketView,
            calls::{self, Action, CallOutcome, TransferRequest},
            feed,
            join::{JoinOutcome, JoinRequest, Joined},
            tickets::{self, DeskTicketRequest},
        },
    },
    state::AppState,
};

/// `GET /api/v1/offices/{office_id}/queue`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct QueueList {
    pub tickets: Vec<TicketView>,
}

/// Registers a walk-in at the desk: a ticket that waits outside until called.
#[utoipa::path(post, path = "/api/v1/offices/{office_id}/tickets", tag = "staff",
    params(("office_id" = i32, Path)), request_body = DeskTicketRequest, security(("bearer" = [])),
    responses((status = 201, body = TicketView)))]
pub async fn create_ticket(
    State(state): State<AppState>,
    actor: Actor,
    AppPath(office_id): AppPath<String>,
    AppJson(input): AppJson<DeskTicketRequest>,
) -> AppResult<(StatusCode, Json<TicketView>)> {
    let office_id = parse_id(&office_id)?;
    let t = tickets::desk_ticket(&state.db, &actor, office_id, &input, state.clock.now()).await?;
    state.feed.poke();
    Ok((StatusCode::CREATED, Json(t)))
}

/// Joins the queue from a phone; 409 `/queue-closed` when the office is closed now or the
/// service cannot serve one more ticket before closing.
#[utoipa::path(post, path = "/api/v1/offices/{office_id}/queue", tag = "citizens",
    params(("office_id" = i32, Path)), request_body = JoinRequest,
    responses((status = 201, body = Joined),
        (status = 409, description = "queue-closed", body = super::Problem, content_type = "application/problem+json")))]
pub async fn join_queue(
    State(state): State<AppState>,
    AppPath(office_id): AppPath<String>,
    AppJson(input): AppJson<JoinRequest>,
) -> AppResult<(StatusCode, Json<Joined>)> {
    let office_id = parse_id(&office_id)?;
    let now = state.clock.now();
    match crate::service::queue::join::join(&state.db, &state.config, office_id, &input, now)
        .await?
    {
        JoinOutcome::Joined(j) => {
            state.feed.poke();
            Ok((StatusCode::CREATED, Json(*j)))
        }
        JoinOutcome::Closed(c) => Err(AppError::conflict(ConflictKind::QueueClosed, c.detail())),
    }
}

/// Today's waiting and called tickets of the office, in calling order.
#[utoipa::path(get, path = "/api/v1/offices/{office_id}/queue", tag = "staff",
    params(("office_id" = i32, Path)), security(("bearer" = [])),
    responses((status = 200, body = QueueList)))]
pub async fn list_queue(
    State(state): State<AppState>,
    actor: Actor,
    AppPath(office_id): AppPath<String>,
) -> AppResult<Json<QueueList>> {
    let office_id = parse_id(&office_id)?;
    let (_, list) = tickets::list(&state.db, &actor, office_id, state.clock.now()).await?;
    Ok(Json(QueueList { tickets: list }))
}

/// A ticket taken from a phone, by the secret of its page.
#[utoipa::path(get, path = "/api/v1/tickets/{ticket_token}", tag = "citizens",
    params(("ticket_token" = String, Path)),
    responses((status = 200, body = TicketView)))]
pub async fn get_ticket(
    State(state): State<AppState>,
    AppPath(token): AppPath<String>,
) -> AppResult<Json<TicketView>> {
    let row = tickets::by_token(&state.db, &token).await?;
    Ok(Json(
        tickets::show(&state.db, &row, state.clock.now()).await?,
    ))
}

/// Leaves the queue.
#[utoipa::path(delete, path = "/api/v1/tickets/{ticket_token}", tag = "citizens",
    params(("ticket_token" = String, Path)),
    responses((status = 200, body = TicketView),
        (status = 409, body = super::Problem, content_type = "application/problem+json")))]
pub async fn leave_queue(
    State(state): State<AppState>,
    AppPath(token): AppPath<String>,
) -> AppResult<Json<TicketView>> {
    let t = tickets::leave(&state.db, &token, state.clock.now()).await?;
    state.feed.poke();
    Ok(Json(t))
}

/// Calls the next ticket for the counter by the calling rule, or says why nobody.
#[utoipa::path(post, path = "/api/v1/counters/{counter_id}/call-next", tag = "staff",
    params(("counter_id" = i32, Path)), security(("bearer" = [])),
    responses((status = 200, body = CallOutcome),
        (status = 409, body = super::Problem, content_type = "application/problem+json")))]
pub async fn call_next(
    State(state): State<AppState>,
    actor: Actor,
    AppPath(counter_id): AppPath<String>,
) -> AppResult<Json<CallOutcome>> {
    let counter_id = parse_id(&counter_id)?;
    let out = calls::call_next(&state.db, &actor, counter_id, state.clock.now()).await?;
    observe_call(&state, &out);
    Ok(Json(out))
}

macro_rules! ticket_action {
    ($name:ident, $action:expr, $path:literal, $doc:literal) => {
        #[doc = $doc]
        #[utoipa::path(post, path = $path, tag = "staff",
            params(("id" = i32, Path)), security(("bearer" = [])),
            responses((status = 200, body = TicketView),
                (status = 409, description = "invalid-state", body = super::Problem, content_type = "application/problem+json")))]
        pub async fn $name(
            State(state): State<AppState>,
            actor: Actor,
            AppPath(id): AppPath<String>,
        ) -> AppResult<Json<TicketView>> {
            let id = parse_id(&id)?;
            Ok(Json(run_action(&state, &actor, id, $action).await?))
        }
    };
}

ticket_action!(
    recall,
    Action::Recall,
    "/api/v1/tickets/{id}/recall",
    "Calls a called ticket again (the display shows it again); after three calls it is marked absent."
);
ticket_action!(
    start,
    Action::Start,
    "/api/v1/tickets/{id}/start",
    "The citizen came to the counter: the service starts."
);
ticket_action!(
    absent,
    Action::Absent,
    "/api/v1/tickets/{id}/absent",
    "A called ticket whose holder did not come."
);
ticket_action!(
    done,
    Action::Done,
    "/api/v1/tickets/{id}/done",
    "Ends the visit: an appointment's booking becomes served, and the party leaves the rooms."
);

/// Sends a ticket to wait for another service.
#[utoipa::path(post, path = "/api/v1/tickets/{id}/transfer", tag = "staff",
    params(("id" = i32, Path)), request_body = TransferRequest, security(("bearer" = [])),
    responses((status = 200, body = TicketView),
        (status = 409, description = "invalid-state", body = super::Problem, content_type = "application/problem+json")))]
pub async fn transfer(
    State(state): State<AppState>,
    actor: Actor,
    AppPath(id): AppPath<String>,
    AppJson(input): AppJson<TransferRequest>,
) -> AppResult<Json<TicketView>> {
    let id = parse_id(&id)?;
    let t = calls::transfer(&state.db, &actor, id, &input, state.clock.now()).await?;
    state.feed.poke();
    Ok(Json(t))
}

/// `GET /api/v1/offices/{office_id}/calls/stream`: one `call` event per call or recall
/// (`{"code", "counter_id", "counter_name", "called_at"}`), for the waiting-room display.
/// Public, like the display: a call shows a code and a counter, nothing personal. Not in
/// the OpenAPI document, which describes request and response, not a stream.
pub async fn call_stream(
    State(state): State<AppState>,
    AppPath(office_id): AppPath<String>,
) -> AppResult<Sse<impl Stream<Item = Result<Event, Infallible>>>> {
    let office_id = parse_id(&office_id)?;
    crate::service::directory::tz(&state.db, office_id).await?;
    let rx = state.feed.subscribe(&state.db, &state.clock).await;
    let stream = futures_util::stream::unfold(
        (rx, Vec::<feed::CallEvent>::new()),
        move |(mut rx, mut pending)| async move {
            loop {
                if let Some(call) = pending.pop() {
                    let event = Event::default()
                        .event("call")
                        .json_data(&call)
                        .unwrap_or_else(|_| Event::default().comment("unserialisable"));
                    return Some((Ok(event), (rx, pending)));
                }
                match rx.recv().await {
                    Ok(change) if change.office_id == office_id => {
                        pending = change.calls.iter().rev().cloned().collect();
                    }
                    Ok(_) | Err(tokio::sync::broadcast::error::RecvError::Lagged(_)) => {}
                    Err(tokio::sync::broadcast::error::RecvError::Closed) => return None,
                }
            }
        },
    );
    Ok(Sse::new(stream).keep_alive(KeepAlive::new().interval(Duration::from_secs(15))))
}
