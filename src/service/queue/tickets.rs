//! Tickets: made by a check-in, by a clerk for a walk-in at the desk, or by a citizen
//! joining from a phone; what a ticket shows (position, estimated wait); leaving.

use chrono::{DateTime, NaiveDate, Utc};
use entity::status::{TicketStatus, queue_event_kind};
use entity::{booking, queue_event, ticket};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction,
    EntityTrait, QueryFilter, QueryOrder, QuerySelect, sea_query::Expr,
};
use serde::Deserialize;
use serde_json::json;
use utoipa::ToSchema;

pub use super::state::{
    QueueState, TicketView, counter_names, references, state, ticket_view, view_of, waiting_of,
};

use crate::{
    domain::{
        Channel, FieldError, Language, PartySize, Role,
        queue::{self},
        schedule,
    },
    error::{AppError, AppResult, ConflictKind},
    infra::secrets,
    service::{actor::Actor, audit::Audit, db::Db, engine, setup::OfficeSetup},
};

/// `POST /api/v1/offices/{office_id}/tickets` body: a walk-in at the desk.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct DeskTicketRequest {
    pub service_id: i32,
    /// Persons (default 1).
    #[serde(default = "one")]
    pub party_size: i64,
    /// A name to call the person by (optional; never shown on the display).
    #[serde(default)]
    pub name: Option<String>,
}

fn one() -> i64 {
    1
}

/// The lock row of an office's queue on a day (module doc of `service::queue`).
pub fn queue_lock(office_id: i32, day: NaiveDate) -> String {
    format!("ticketq:{office_id}:{day}")
}

/// The lock row of a ticket's queue.
pub fn day_lock(t: &ticket::Model) -> String {
    format!("ticketq:{}:{}", t.office_id, t.day)
}

/// What a new ticket is.
pub(crate) struct NewTicket<'a> {
    pub service_id: i32,
    pub party: i32,
    pub booking: Option<&'a booking::Model>,
    pub name: Option<String>,
    pub email: Option<String>,
    pub language: String,
    pub token_hash: Option<String>,
}

/// Makes a ticket inside the caller's transaction, under the queue lock: the next number
/// of its service's letter that day. An appointment's ticket is inside (its check-in
/// admitted it under the room limits); a walk-in's is outside until called.
pub(crate) async fn issue(
    txn: &DatabaseTransaction,
    setup: &OfficeSetup,
    new: NewTicket<'_>,
    now: DateTime<Utc>,
) -> AppResult<ticket::Model> {
    let office_id = setup.office.id;
    let day = schedule::local_date(setup.tz, now);
    engine::lock(txn, &[queue_lock(office_id, day)]).await?;
    let names: Vec<(i32, String)> = setup
        .services
        .iter()
        .map(|s| (s.id, s.name.clone()))
        .collect();
    let letter = queue::letters(&names)
        .into_iter()
        .find(|(id, _)| *id == new.service_id)
        .map_or('Z', |(_, l)| l);
    // The day's last number of this letter, from the newest tickets backwards
    // (`idx_ticket_number`): a maximum over every ticket of the letter read the whole
    // day's queue under the queue's lock on each check-in.
    let last: Option<i32> = ticket::Entity::find()
        .select_only()
        .column(ticket::Column::Number)
        .filter(ticket::Column::OfficeId.eq(office_id))
        .filter(ticket::Column::Day.eq(day.to_string()))
        .filter(ticket::Column::Code.starts_with(format!("{letter}-")))
        .order_by_desc(ticket::Column::Number)
        .limit(1)
        .into_tuple::<i32>()
        .one(txn)
        .await?;
    let number = last.unwrap_or(0) + 1;
    let row = ticket::ActiveModel {
        office_id: Set(office_id),
        service_id: Set(new.service_id),
        day: Set(day.to_string()),
        number: Set(number),
        code: Set(queue::code(letter, number)),
        status: Set(TicketStatus::Waiting),
        party_size: Set(new.party),
        booking_id: Set(new.booking.map(|b| b.id)),
        inside: Set(new.booking.is_some_and(|b| b.occupies_room)),
        room_id: Set(new.booking.map(|b| b.room_id)),
        counter_id: Set(None),
        calls: Set(0),
        citizen_name: Set(new.name),
        citizen_email: Set(new.email),
        language: Set(new.language),
        token_hash: Set(new.token_hash),
        joined_at: Set(now),
        due_at: Set(new.booking.map(|b| b.start_at)),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    event(txn, &row, queue_event_kind::CHANGE, None, now).await?;
    Ok(row)
}

/// Records a change of the queue for the displays and phones (`queue_event`).
pub(crate) async fn event(
    txn: &impl ConnectionTrait,
    t: &ticket::Model,
    kind: &str,
    counter: Option<(i32, String)>,
    now: DateTime<Utc>,
) -> AppResult<()> {
    if kind == queue_event_kind::CALL {
        // A call or recall, for the office's webhooks: the ticket without the citizen.
        let data = serde_json::json!({
            "id": t.id, "code": t.code, "office_id": t.office_id, "service_id": t.service_id,
            "booking_id": t.booking_id, "status": t.status, "calls": t.calls,
            "counter_id": counter.as_ref().map(|c| c.0),
            "counter_name": counter.as_ref().map(|c| c.1.clone()),
            "called_at": now.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        });
        crate::service::webhooks::emit(txn, t.office_id, t.booking_id, "ticket.called", data, now)
            .await?;
    }
    queue_event::ActiveModel {
        office_id: Set(t.office_id),
        ticket_id: Set(t.id),
        kind: Set(kind.into()),
        code: Set(t.code.clone()),
        counter_id: Set(counter.as_ref().map(|c| c.0)),
        counter_name: Set(counter.map(|c| c.1)),
        at: Set(now),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Ok(())
}

/// The ticket of an appointment just checked in (or a walk-in just admitted), in the
/// check-in's transaction.
pub(crate) async fn for_admission(
    txn: &DatabaseTransaction,
    setup: &OfficeSetup,
    row: &booking::Model,
    now: DateTime<Utc>,
) -> AppResult<ticket::Model> {
    issue(
        txn,
        setup,
        NewTicket {
            service_id: row.service_id,
            party: row.party_size,
            booking: Some(row),
            name: None,
            email: None,
            language: row.language.clone(),
            token_hash: None,
        },
        now,
    )
    .await
}

pub(crate) fn parse_party(raw: i64, errors: &mut Vec<FieldError>) -> i32 {
    match PartySize::parse(raw) {
        Ok(p) => p.get(),
        Err(m) => {
            errors.push(FieldError::new("party_size", &m));
            1
        }
    }
}

/// The service asked for, if it is the office's and served in person.
pub(crate) fn in_person_service(
    setup: &OfficeSetup,
    service_id: i32,
    errors: &mut Vec<FieldError>,
) {
    match setup.services.iter().find(|s| s.id == service_id) {
        None => errors.push(FieldError::new(
            "service_id",
            "this office has no such service",
        )),
        Some(s) if Channel::parse(&s.channel) == Ok(Channel::Video) => errors.push(
            FieldError::new("service_id", "a video service has no queue").coded("video-no-walk-in"),
        ),
        Some(_) => {}
    }
}

/// A walk-in registered by a clerk at the desk: a ticket that waits outside until called.
pub async fn desk_ticket(
    db: &Db,
    actor: &Actor,
    office_id: i32,
    input: &DeskTicketRequest,
    now: DateTime<Utc>,
) -> AppResult<TicketView> {
    actor.require(Role::Staff, office_id)?;
    let setup = db.setups.get(&db.conn, office_id).await?;
    let mut errors = Vec::new();
    let name = input
        .name
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_string);
    if let Some(n) = &name {
        if n.chars().count() > 100 {
            errors.push(FieldError::new("name", "must have at most 100 characters"));
        }
        crate::service::office::input::check_text(&mut errors, "name", n);
    }
    let party = parse_party(input.party_size, &mut errors);
    in_person_service(&setup, input.service_id, &mut errors);
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let (txn, _gate) = engine::begin(db).await?;
    let row = issue(
        &txn,
        &setup,
        NewTicket {
            service_id: input.service_id,
            party,
            booking: None,
            name,
            email: None,
            language: Language::default().code().into(),
            token_hash: None,
        },
        now,
    )
    .await?;
    // The audit row outlives retention: no name in it.
    Audit::new(Some(actor), "ticket", "ticket", row.id)
        .office(office_id)
        .after(
            &json!({"code": row.code, "service_id": row.service_id, "party_size": row.party_size}),
        )
        .write(&txn, now)
        .await?;
    txn.commit().await?;
    let state = state(db, &setup, now).await?;
    Ok(state.view(&row))
}

/// The ticket behind a phone's token, or 404.
pub async fn by_token(db: &Db, token: &str) -> AppResult<ticket::Model> {
    let token = token.trim();
    let unknown = || AppError::not_found("No ticket has this link.");
    if token.len() < 16 || token.len() > 64 {
        return Err(unknown());
    }
    ticket::Entity::find()
        .filter(ticket::Column::TokenHash.eq(secrets::hash(token)))
        .one(&db.conn)
        .await?
        .ok_or_else(unknown)
}

/// A ticket by id (a phone's stream reading its own ticket again).
pub async fn by_token_id(db: &Db, id: i32) -> AppResult<ticket::Model> {
    ticket::Entity::find_by_id(id)
        .one(&db.conn)
        .await?
        .ok_or_else(|| AppError::not_found("No ticket has this link."))
}

/// A ticket's view as its holder sees it, with position and wait while it waits.
pub async fn show(db: &Db, row: &ticket::Model, now: DateTime<Utc>) -> AppResult<TicketView> {
    let setup = db.setups.get(&db.conn, row.office_id).await?;
    if TicketStatus::OPEN.contains(&row.status) {
        let state = state(db, &setup, now).await?;
        return Ok(state.view(row));
    }
    let refs = references(&db.conn, row.booking_id.into_iter().collect()).await?;
    Ok(view_of(row, setup.tz, &refs, &counter_names(&setup)))
}

/// Leaving the queue from the phone: a waiting or called ticket is cancelled.
pub async fn leave(db: &Db, token: &str, now: DateTime<Utc>) -> AppResult<TicketView> {
    let row = by_token(db, token).await?;
    let (txn, _gate) = engine::begin(db).await?;
    // Under the queue's lock: a call reads and takes waiting tickets under it.
    engine::lock(&txn, &[day_lock(&row)]).await?;
    let done = ticket::Entity::update_many()
        .col_expr(ticket::Column::Status, Expr::value(TicketStatus::Cancelled))
        .col_expr(ticket::Column::Inside, Expr::value(false))
        .col_expr(ticket::Column::EndedAt, Expr::value(Some(now)))
        .filter(ticket::Column::Id.eq(row.id))
        .filter(ticket::Column::Status.is_in([TicketStatus::Waiting, TicketStatus::Called]))
        .exec(&txn)
        .await?;
    if done.rows_affected == 0 {
        return Err(AppError::conflict(
            ConflictKind::State,
            format!(
                "Only a waiting or called ticket can leave the queue; this one is {}.",
                row.status
            ),
        ));
    }
    event(&txn, &row, queue_event_kind::CHANGE, None, now).await?;
    txn.commit().await?;
    let row = by_token(db, token).await?;
    show(db, &row, now).await
}

/// Today's waiting and called tickets of an office in calling order (staff): the called
/// ones first, by their call, then the waiting ones as the rule will call them.
pub async fn list(
    db: &Db,
    actor: &Actor,
    office_id: i32,
    now: DateTime<Utc>,
) -> AppResult<(QueueState, Vec<TicketView>)> {
    actor.require(Role::Staff, office_id)?;
    let setup = db.setups.get(&db.conn, office_id).await?;
    let state = state(db, &setup, now).await?;
    let mut called: Vec<&ticket::Model> = state
        .open
        .iter()
        .filter(|t| t.status == TicketStatus::Called)
        .collect();
    called.sort_by_key(|t| (t.called_at, t.id));
    let waiting = state.waiting();
    let order = queue::order(&waiting, now);
    let mut out: Vec<TicketView> = called.into_iter().map(|t| state.view(t)).collect();
    for w in order {
        if let Some(t) = state.open.iter().find(|t| t.id == w.id) {
            out.push(state.view(t));
        }
    }
    Ok((state, out))
}
