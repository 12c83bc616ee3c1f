//! At the counter: "Call next" by the calling rule (`domain::queue`) under the room
//! limits, then recall, start, done, absent ("not here") and transfer. Each is audited
//! with the clerk who did it, and each call and recall is a `call` event for the displays.

use chrono::{DateTime, Duration, Utc};
use entity::status::{BookingStatus, TicketStatus, queue_event_kind};
use entity::{booking, counter, ticket};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, ExprTrait, QueryFilter, QueryOrder, QuerySelect,
    sea_query::Expr,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

use crate::{
    domain::{
        Role,
        capacity::Picture,
        queue::{self, MAX_CALLS, Pick},
        schedule,
    },
    error::{AppError, AppResult, ConflictKind},
    service::{
        actor::Actor,
        audit::Audit,
        db::Db,
        engine,
        queue::tickets::{self, QueueState, TicketView, event, queue_lock, waiting_of},
        setup::OfficeSetup,
    },
};

/// How many tickets by arrival a call reads under the lock (module doc of `call_next`).
const HEAD: u64 = 32;

/// What "Call next" answers (API.md): the ticket called, or why there is none.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CallOutcome {
    pub ticket: Option<TicketView>,
    /// `nobody_waiting` or `room_full` when no ticket was called.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// `POST /api/v1/tickets/{id}/transfer` body.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct TransferRequest {
    pub service_id: i32,
}

/// A counter of an office the actor works in, with the services it offers.
async fn counter_of(
    db: &Db,
    actor: &Actor,
    counter_id: i32,
) -> AppResult<(counter::Model, std::sync::Arc<OfficeSetup>, Vec<i32>)> {
    let c = counter::Entity::find_by_id(counter_id)
        .one(&db.conn)
        .await?
        .ok_or_else(|| AppError::not_found("There is no such counter."))?;
    actor.require(Role::Staff, c.office_id)?;
    let setup = db.setups.get(&db.conn, c.office_id).await?;
    let services = setup
        .counters
        .iter()
        .find(|(k, _)| k.id == c.id)
        .map(|(_, s)| s.clone())
        .unwrap_or_default();
    Ok((c, setup, services))
}

/// Calls the next ticket for a counter. Everything is read and written under the room
/// locks of the counter's rooms and the office's queue lock (module doc of
/// `service::queue`), so a ticket is called once, and a party from outside only into
/// rooms that have a place for it now: the places of bookings planned for now, the
/// parties checked in outside their plan, and the walk-ins already called in all count.
pub async fn call_next(
    db: &Db,
    actor: &Actor,
    counter_id: i32,
    now: DateTime<Utc>,
) -> AppResult<CallOutcome> {
    let (c, setup, services) = counter_of(db, actor, counter_id).await?;
    if !c.active {
        return Err(AppError::conflict(
            ConflictKind::State,
            "This counter is not in use.",
        ));
    }
    let office_id = c.office_id;
    let day = schedule::local_date(setup.tz, now);
    let until = now + Duration::seconds(1);
    let (txn, _gate) = engine::begin(db).await?;
    let rules = engine::rules(&txn, &setup.room_ids()).await?;
    let mut locks = engine::room_hour_locks(&setup, &[c.room_id], now, until);
    locks.push(queue_lock(office_id, day));
    engine::lock(&txn, &locks).await?;
    if services.is_empty() {
        return Ok(none("nobody_waiting"));
    }
    // Only the head of the queue is read under the lock: every due appointment, and the
    // first tickets by arrival. Whatever else waits arrived after all of these and ranks
    // after them (`domain::queue`), so the rule's choice is among them, unless a full
    // room holds all of them back; then the whole queue is read.
    let waiting_here = || {
        ticket::Entity::find()
            .filter(ticket::Column::OfficeId.eq(office_id))
            .filter(ticket::Column::Day.eq(day.to_string()))
            .filter(ticket::Column::Status.eq(TicketStatus::Waiting))
            .filter(ticket::Column::ServiceId.is_in(services.clone()))
    };
    let mut open = waiting_here()
        .filter(ticket::Column::DueAt.lte(now))
        .all(&txn)
        .await?;
    let head = waiting_here()
        .order_by_asc(ticket::Column::JoinedAt)
        .order_by_asc(ticket::Column::Id)
        .limit(HEAD)
        .all(&txn)
        .await?;
    let whole_queue_read = (head.len() as u64) < HEAD;
    for t in head {
        if !open.iter().any(|o| o.id == t.id) {
            open.push(t);
        }
    }
    let waiting: Vec<queue::Waiting> = open.iter().map(waiting_of).collect();
    let mut occupants = engine::occupants(&txn, office_id, now, until, now, None).await?;
    occupants.extend(engine::present_outside_plan(&txn, office_id, setup.tz, now, until).await?);
    let picture = Picture {
        tz: setup.tz,
        rooms: &setup.rooms,
        rules: &rules,
        occupants: &occupants,
    };
    let fits = |party: i32| {
        setup
            .rooms
            .chain(c.room_id)
            .iter()
            .all(|room| picture.spare(*room, now, until) >= party)
    };
    let mut pick = queue::pick(&waiting, &services, now, fits);
    if pick == Pick::RoomFull && !whole_queue_read {
        let all: Vec<queue::Waiting> = waiting_here()
            .all(&txn)
            .await?
            .iter()
            .map(waiting_of)
            .collect();
        pick = queue::pick(&all, &services, now, fits);
    }
    let id = match pick {
        Pick::Ticket(id) => id,
        Pick::NobodyWaiting => return Ok(none("nobody_waiting")),
        Pick::RoomFull => return Ok(none("room_full")),
    };
    let done = ticket::Entity::update_many()
        .col_expr(ticket::Column::Status, Expr::value(TicketStatus::Called))
        .col_expr(ticket::Column::CounterId, Expr::value(Some(c.id)))
        .col_expr(ticket::Column::RoomId, Expr::value(Some(c.room_id)))
        .col_expr(ticket::Column::Inside, Expr::value(true))
        .col_expr(
            ticket::Column::Calls,
            Expr::col(ticket::Column::Calls).add(1),
        )
        .col_expr(ticket::Column::CalledAt, Expr::value(Some(now)))
        .col_expr(ticket::Column::FirstCalledAt, Expr::value(Some(now)))
        .filter(ticket::Column::Id.eq(id))
        .filter(ticket::Column::Status.eq(TicketStatus::Waiting))
        .filter(ticket::Column::FirstCalledAt.is_null())
        .exec(&txn)
        .await?;
    if done.rows_affected == 0 {
        // Called before (then transferred): keep the first call's time.
        let again = ticket::Entity::update_many()
            .col_expr(ticket::Column::Status, Expr::value(TicketStatus::Called))
            .col_expr(ticket::Column::CounterId, Expr::value(Some(c.id)))
            .col_expr(ticket::Column::RoomId, Expr::value(Some(c.room_id)))
            .col_expr(ticket::Column::Inside, Expr::value(true))
            .col_expr(
                ticket::Column::Calls,
                Expr::col(ticket::Column::Calls).add(1),
            )
            .col_expr(ticket::Column::CalledAt, Expr::value(Some(now)))
            .filter(ticket::Column::Id.eq(id))
            .filter(ticket::Column::Status.eq(TicketStatus::Waiting))
            .exec(&txn)
            .await?;
        // Every change that takes a ticket out of the waiting tickets holds the queue's
        // lock too, so the ticket read under it is still waiting.
        if again.rows_affected == 0 {
            return Err(AppError::conflict(
                ConflictKind::State,
                "The queue changed while calling; call again.",
            ));
        }
    }
    let row = reread(&txn, id).await?;
    event(
        &txn,
        &row,
        queue_event_kind::CALL,
        Some((c.id, c.name.clone())),
        now,
    )
    .await?;
    Audit::new(Some(actor), "call", "ticket", row.id)
        .office(office_id)
        .after(&json!({"code": row.code, "counter_id": c.id, "calls": row.calls}))
        .write(&txn, now)
        .await?;
    txn.commit().await?;
    Ok(CallOutcome {
        ticket: Some(light_view(db, &setup, &row).await?),
        reason: None,
    })
}

fn none(reason: &str) -> CallOutcome {
    CallOutcome {
        ticket: None,
        reason: Some(reason.into()),
    }
}

async fn reread(conn: &impl ConnectionTrait, id: i32) -> AppResult<ticket::Model> {
    ticket::Entity::find_by_id(id)
        .one(conn)
        .await?
        .ok_or_else(|| AppError::not_found("There is no such ticket."))
}

/// The actions on a called or served ticket.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Recall,
    Start,
    Absent,
    Done,
}

impl Action {
    /// The audit log's name of the action.
    fn name(self) -> &'static str {
        match self {
            Self::Recall => "recall",
            Self::Start => "start",
            Self::Absent => "not_here",
            Self::Done => "finish",
        }
    }

    /// The statuses the action applies to.
    fn from(self) -> &'static [TicketStatus] {
        match self {
            Self::Recall | Self::Absent => &[TicketStatus::Called],
            Self::Start => &[TicketStatus::Called],
            Self::Done => &[TicketStatus::Called, TicketStatus::Serving],
        }
    }
}

/// Recall, start, absent or done (API.md). A recall of a ticket already called
/// [`MAX_CALLS`] times marks it absent instead. Done ends the visit: an appointment's
/// booking becomes served; absent releases it. Either way the party stops counting in
/// the rooms.
pub async fn act(
    db: &Db,
    actor: &Actor,
    ticket_id: i32,
    action: Action,
    now: DateTime<Utc>,
) -> AppResult<TicketView> {
    let row = ticket::Entity::find_by_id(ticket_id)
        .one(&db.conn)
        .await?
        .ok_or_else(|| AppError::not_found("There is no such ticket."))?;
    if !actor.may(Role::Staff, row.office_id) {
        return Err(AppError::not_found("There is no such ticket."));
    }
    let action = if action == Action::Recall && row.calls >= MAX_CALLS {
        Action::Absent
    } else {
        action
    };
    let mut update = ticket::Entity::update_many();
    let (status, ends) = match action {
        Action::Recall => {
            update = update
                .col_expr(
                    ticket::Column::Calls,
                    Expr::col(ticket::Column::Calls).add(1),
                )
                .col_expr(ticket::Column::CalledAt, Expr::value(Some(now)));
            (TicketStatus::Called, false)
        }
        Action::Start => {
            update = update.col_expr(ticket::Column::StartedAt, Expr::value(Some(now)));
            (TicketStatus::Serving, false)
        }
        Action::Absent => (TicketStatus::Absent, true),
        Action::Done => {
            // Done straight from "called": the visit started at the call.
            if row.started_at.is_none() {
                update = update.col_expr(
                    ticket::Column::StartedAt,
                    Expr::value(row.called_at.or(Some(now))),
                );
            }
            (TicketStatus::Done, true)
        }
    };
    if ends {
        update = update
            .col_expr(ticket::Column::Inside, Expr::value(false))
            .col_expr(ticket::Column::EndedAt, Expr::value(Some(now)));
    }
    let (txn, _gate) = engine::begin(db).await?;
    let done = update
        .col_expr(ticket::Column::Status, Expr::value(status))
        .filter(ticket::Column::Id.eq(row.id))
        .filter(ticket::Column::Status.is_in(action.from().to_vec()))
        .exec(&txn)
        .await?;
    if done.rows_affected == 0 {
        return Err(AppError::conflict(
            ConflictKind::State,
            format!(
                "A {} ticket cannot be marked {}.",
                row.status,
                action.name()
            ),
        ));
    }
    if let Some(booking_id) = row.booking_id.filter(|_| ends) {
        let update = booking::Entity::update_many()
            .filter(booking::Column::Id.eq(booking_id))
            .filter(booking::Column::Status.eq(BookingStatus::CheckedIn));
        let update = if action == Action::Done {
            update
                .col_expr(booking::Column::Status, Expr::value(BookingStatus::Served))
                .col_expr(booking::Column::ServedAt, Expr::value(Some(now)))
        } else {
            update
                .col_expr(booking::Column::Status, Expr::value(BookingStatus::NoShow))
                .col_expr(booking::Column::ReleasedAt, Expr::value(Some(now)))
        };
        if update.exec(&txn).await?.rows_affected == 1 {
            let event = if action == Action::Done {
                "booking.served"
            } else {
                "booking.no_show"
            };
            crate::service::webhooks::emit_booking(&txn, row.office_id, booking_id, event, now)
                .await?;
        }
    }
    let fresh = reread(&txn, row.id).await?;
    let kind = if action == Action::Recall {
        queue_event_kind::CALL
    } else {
        queue_event_kind::CHANGE
    };
    let counter = match fresh.counter_id {
        Some(id) => counter::Entity::find_by_id(id)
            .one(&txn)
            .await?
            .map(|c| (c.id, c.name)),
        None => None,
    };
    event(&txn, &fresh, kind, counter, now).await?;
    Audit::new(Some(actor), action.name(), "ticket", row.id)
        .office(row.office_id)
        .before(&json!({"status": row.status, "calls": row.calls}))
        .after(
            &json!({"code": fresh.code, "status": fresh.status, "calls": fresh.calls,
                       "counter_id": fresh.counter_id}),
        )
        .write(&txn, now)
        .await?;
    txn.commit().await?;
    view_now(db, &fresh, now).await
}

async fn view_now(db: &Db, row: &ticket::Model, now: DateTime<Utc>) -> AppResult<TicketView> {
    let setup = db.setups.get(&db.conn, row.office_id).await?;
    if row.status != TicketStatus::Waiting {
        return light_view(db, &setup, row).await;
    }
    let state: QueueState = tickets::state(db, &setup, now).await?;
    Ok(state.view(row))
}

/// The view of a ticket that no longer waits (no position to compute): without reading
/// the queue.
async fn light_view(db: &Db, setup: &OfficeSetup, row: &ticket::Model) -> AppResult<TicketView> {
    let refs = tickets::references(&db.conn, row.booking_id.into_iter().collect()).await?;
    Ok(tickets::view_of(
        row,
        setup.tz,
        &refs,
        &tickets::counter_names(setup),
    ))
}

/// Sends a ticket to wait for another service of the office (the citizen came to the
/// wrong desk). It keeps its code and its arrival time, so it does not lose its turn.
pub async fn transfer(
    db: &Db,
    actor: &Actor,
    ticket_id: i32,
    input: &TransferRequest,
    now: DateTime<Utc>,
) -> AppResult<TicketView> {
    let row = ticket::Entity::find_by_id(ticket_id)
        .one(&db.conn)
        .await?
        .ok_or_else(|| AppError::not_found("There is no such ticket."))?;
    if !actor.may(Role::Staff, row.office_id) {
        return Err(AppError::not_found("There is no such ticket."));
    }
    let setup = db.setups.get(&db.conn, row.office_id).await?;
    let mut errors = Vec::new();
    tickets::in_person_service(&setup, input.service_id, &mut errors);
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let (txn, _gate) = engine::begin(db).await?;
    engine::lock(&txn, &[tickets::day_lock(&row)]).await?;
    let done = ticket::Entity::update_many()
        .col_expr(ticket::Column::Status, Expr::value(TicketStatus::Waiting))
        .col_expr(ticket::Column::ServiceId, Expr::value(input.service_id))
        .col_expr(ticket::Column::CounterId, Expr::value(Option::<i32>::None))
        .col_expr(
            ticket::Column::CalledAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(
            ticket::Column::StartedAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(ticket::Column::Calls, Expr::value(0))
        .filter(ticket::Column::Id.eq(row.id))
        .filter(ticket::Column::Status.is_in(TicketStatus::OPEN))
        .exec(&txn)
        .await?;
    if done.rows_affected == 0 {
        return Err(AppError::conflict(
            ConflictKind::State,
            format!("A {} ticket cannot be transferred.", row.status),
        ));
    }
    let fresh = reread(&txn, row.id).await?;
    event(&txn, &fresh, queue_event_kind::CHANGE, None, now).await?;
    Audit::new(Some(actor), "transfer", "ticket", row.id)
        .office(row.office_id)
        .before(&json!({"status": row.status, "service_id": row.service_id}))
        .after(&json!({"code": fresh.code, "status": fresh.status, "service_id": fresh.service_id}))
        .write(&txn, now)
        .await?;
    txn.commit().await?;
    view_now(db, &fresh, now).await
}

/// A staff member's look at one ticket.
pub async fn get(
    db: &Db,
    actor: &Actor,
    ticket_id: i32,
    now: DateTime<Utc>,
) -> AppResult<TicketView> {
    let row = ticket::Entity::find_by_id(ticket_id)
        .one(&db.conn)
        .await?
        .ok_or_else(|| AppError::not_found("There is no such ticket."))?;
    if !actor.may(Role::Staff, row.office_id) {
        return Err(AppError::not_found("There is no such ticket."));
    }
    view_now(db, &row, now).await
}

/// When a ticket's service started (for the service-time figure of `/metrics`).
pub async fn started_at(db: &Db, ticket_id: i32) -> AppResult<Option<DateTime<Utc>>> {
    Ok(ticket::Entity::find_by_id(ticket_id)
        .one(&db.conn)
        .await?
        .and_then(|t| t.started_at))
}
