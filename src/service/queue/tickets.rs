//! Tickets: made by a check-in, by a clerk for a walk-in at the desk, or by a citizen
//! joining from a phone; what a ticket shows (position, estimated wait); leaving.

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use entity::status::{TicketStatus, queue_event_kind};
use entity::{booking, queue_event, ticket};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction,
    EntityTrait, QueryFilter, QueryOrder, QuerySelect, sea_query::Expr,
};
use serde::{Deserialize, Serialize};
use serde_json::json;
use utoipa::ToSchema;

use crate::{
    config::Config,
    domain::{
        Channel, EmailAddress, FieldError, Language, PartySize, Role,
        queue::{self, Waiting},
        schedule,
    },
    email::letters,
    error::{AppError, AppResult, ConflictKind},
    infra::secrets,
    service::{
        actor::Actor, audit::Audit, booking::view::fmt_local, db::Db, engine, outbox,
        setup::OfficeSetup,
    },
};

/// A ticket as the API returns it (API.md "At the office: tickets and calls").
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq)]
pub struct TicketView {
    pub id: i32,
    /// `C-014`: the service's letter and the day's number.
    pub code: String,
    /// `waiting`, `called`, `serving`, `done`, `absent` or `cancelled`.
    #[schema(value_type = String)]
    pub status: TicketStatus,
    pub office_id: i32,
    pub service_id: i32,
    pub party_size: i32,
    /// The appointment's reference; null for walk-ins.
    pub booking_reference: Option<String>,
    pub joined_at: String,
    /// The appointment's start; null for walk-ins.
    pub due_at: Option<String>,
    pub called_at: Option<String>,
    pub counter_id: Option<i32>,
    /// The counter's name, for the citizen's "your turn: counter 3".
    pub counter_name: Option<String>,
    pub calls: i32,
    /// Tickets of the same service that will be called before this one (0 = next); null
    /// once called.
    pub position: Option<i32>,
    /// From the day's measured service times; null once called.
    pub estimated_wait_minutes: Option<i32>,
}

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

/// `POST /api/v1/offices/{office_id}/queue` body: joining from a phone.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct JoinRequest {
    pub service_id: i32,
    #[serde(default = "one")]
    pub party_size: i64,
    /// Where to send the ticket's link (optional).
    #[serde(default)]
    pub email: Option<String>,
    /// The language of the ticket's page and email (default `it`).
    #[serde(default)]
    pub language: Option<String>,
}

fn one() -> i64 {
    1
}

/// A ticket taken from a phone, with the secret of its page (only in this answer).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Joined {
    #[serde(flatten)]
    pub ticket: TicketView,
    pub ticket_token: String,
}

/// Why the queue takes nobody now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Closed {
    /// The office is closed now.
    Now,
    /// The service could not be reached before closing at this local time.
    BeforeClosing(String),
    /// No counter offers the service today.
    NoCounter,
}

impl Closed {
    /// The API's `detail`.
    pub fn detail(&self) -> String {
        match self {
            Self::Now => "The office is closed now.".into(),
            Self::BeforeClosing(at) => {
                format!("The office closes at {at}: this service cannot serve one more today.")
            }
            Self::NoCounter => "No counter offers this service today.".into(),
        }
    }
}

/// The result of joining from a phone.
#[derive(Debug, Clone)]
pub enum JoinOutcome {
    Joined(Box<Joined>),
    Closed(Closed),
}

/// The lock row of an office's queue on a day (module doc of `service::queue`).
pub fn queue_lock(office_id: i32, day: NaiveDate) -> String {
    format!("ticketq:{office_id}:{day}")
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
    let last: Option<i32> = ticket::Entity::find()
        .select_only()
        .column_as(ticket::Column::Number.max(), "n")
        .filter(ticket::Column::OfficeId.eq(office_id))
        .filter(ticket::Column::Day.eq(day.to_string()))
        .filter(ticket::Column::Code.starts_with(format!("{letter}-")))
        .into_tuple::<Option<i32>>()
        .one(txn)
        .await?
        .flatten();
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

/// An office's queue today, with what positions and waits are computed from.
pub struct QueueState {
    pub now: DateTime<Utc>,
    pub tz: chrono_tz::Tz,
    /// Waiting, called and serving tickets of the day.
    pub open: Vec<ticket::Model>,
    /// Mean service minutes per service.
    pub means: HashMap<i32, f64>,
    /// Active counters per service.
    pub counters: HashMap<i32, i32>,
    pub counter_names: HashMap<i32, String>,
    pub references: HashMap<i32, String>,
}

impl QueueState {
    /// The waiting tickets as the calling rule sees them.
    pub fn waiting(&self) -> Vec<Waiting> {
        self.open
            .iter()
            .filter(|t| t.status == TicketStatus::Waiting)
            .map(waiting_of)
            .collect()
    }

    /// A ticket's view, with its position and estimated wait while it waits.
    pub fn view(&self, t: &ticket::Model) -> TicketView {
        let (position, wait) = if t.status == TicketStatus::Waiting {
            let position = queue::position(&self.waiting(), t.id, self.now);
            let mean = self.means.get(&t.service_id).copied().unwrap_or(15.0);
            let counters = self.counters.get(&t.service_id).copied().unwrap_or(1);
            (
                position,
                position.map(|p| queue::estimated_wait(p, mean, counters)),
            )
        } else {
            (None, None)
        };
        let mut v = view_of(t, self.tz, &self.references, &self.counter_names);
        v.position = position;
        v.estimated_wait_minutes = wait;
        v
    }
}

pub(crate) fn waiting_of(t: &ticket::Model) -> Waiting {
    Waiting {
        id: t.id,
        service_id: t.service_id,
        party: t.party_size,
        inside: t.inside,
        joined_at: t.joined_at,
        due_at: t.due_at,
    }
}

/// A ticket's view without position (closed tickets, or where the queue is not read).
pub(crate) fn view_of(
    t: &ticket::Model,
    tz: chrono_tz::Tz,
    references: &HashMap<i32, String>,
    counter_names: &HashMap<i32, String>,
) -> TicketView {
    TicketView {
        id: t.id,
        code: t.code.clone(),
        status: t.status,
        office_id: t.office_id,
        service_id: t.service_id,
        party_size: t.party_size,
        booking_reference: t.booking_id.and_then(|b| references.get(&b).cloned()),
        joined_at: fmt_local(t.joined_at, tz),
        due_at: t.due_at.map(|d| fmt_local(d, tz)),
        called_at: t.called_at.map(|d| fmt_local(d, tz)),
        counter_id: t.counter_id,
        counter_name: t.counter_id.and_then(|c| counter_names.get(&c).cloned()),
        calls: t.calls,
        position: None,
        estimated_wait_minutes: None,
    }
}

/// Reads an office's queue today.
pub async fn state(
    db: &Db,
    setup: &OfficeSetup,
    now: DateTime<Utc>,
) -> AppResult<QueueState> {
    let office_id = setup.office.id;
    let day = schedule::local_date(setup.tz, now);
    let open = ticket::Entity::find()
        .filter(ticket::Column::OfficeId.eq(office_id))
        .filter(ticket::Column::Day.eq(day.to_string()))
        .filter(ticket::Column::Status.is_in(TicketStatus::OPEN))
        .order_by_asc(ticket::Column::Id)
        .all(&db.conn)
        .await?;
    let booking_ids: Vec<i32> = open.iter().filter_map(|t| t.booking_id).collect();
    let references = references(&db.conn, booking_ids).await?;
    let means = mean_service_minutes(db, setup, now).await?;
    let mut counters: HashMap<i32, i32> = HashMap::new();
    for (c, services) in &setup.counters {
        if c.active {
            for s in services {
                *counters.entry(*s).or_default() += 1;
            }
        }
    }
    Ok(QueueState {
        now,
        tz: setup.tz,
        open,
        means,
        counters,
        counter_names: counter_names(setup),
        references,
    })
}

pub(crate) fn counter_names(setup: &OfficeSetup) -> HashMap<i32, String> {
    setup
        .counters
        .iter()
        .map(|(c, _)| (c.id, c.name.clone()))
        .collect()
}

pub(crate) async fn references(
    conn: &impl ConnectionTrait,
    booking_ids: Vec<i32>,
) -> AppResult<HashMap<i32, String>> {
    if booking_ids.is_empty() {
        return Ok(HashMap::new());
    }
    let rows: Vec<(i32, Option<String>)> = booking::Entity::find()
        .select_only()
        .columns([booking::Column::Id, booking::Column::Reference])
        .filter(booking::Column::Id.is_in(booking_ids))
        .into_tuple()
        .all(conn)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(id, r)| r.map(|r| (id, r)))
        .collect())
}

/// Mean service time (start to done) per service: today's, else the last fortnight's
/// (early in the morning nothing is measured yet), else the service's booked duration.
async fn mean_service_minutes(
    db: &Db,
    setup: &OfficeSetup,
    now: DateTime<Utc>,
) -> AppResult<HashMap<i32, f64>> {
    let rows: Vec<(i32, DateTime<Utc>, Option<DateTime<Utc>>, Option<DateTime<Utc>>)> =
        ticket::Entity::find()
            .select_only()
            .columns([
                ticket::Column::ServiceId,
                ticket::Column::JoinedAt,
                ticket::Column::StartedAt,
                ticket::Column::EndedAt,
            ])
            .filter(ticket::Column::OfficeId.eq(setup.office.id))
            .filter(ticket::Column::Status.eq(TicketStatus::Done))
            .filter(ticket::Column::JoinedAt.gte(now - Duration::days(14)))
            .into_tuple()
            .all(&db.conn)
            .await?;
    let today = schedule::local_date(setup.tz, now);
    let mut out = HashMap::new();
    for s in &setup.services {
        let minutes = |today_only: bool| -> Vec<f64> {
            rows.iter()
                .filter(|r| r.0 == s.id)
                .filter(|r| !today_only || schedule::local_date(setup.tz, r.1) == today)
                .filter_map(|r| match (r.2, r.3) {
                    (Some(a), Some(b)) if b > a => Some((b - a).num_seconds() as f64 / 60.0),
                    _ => None,
                })
                .collect()
        };
        let mut measured = minutes(true);
        if measured.is_empty() {
            measured = minutes(false);
        }
        let mean = if measured.is_empty() {
            f64::from(s.duration_minutes)
        } else {
            measured.iter().sum::<f64>() / measured.len() as f64
        };
        out.insert(s.id, mean);
    }
    Ok(out)
}

fn parse_party(raw: i64, errors: &mut Vec<FieldError>) -> i32 {
    match PartySize::parse(raw) {
        Ok(p) => p.get(),
        Err(m) => {
            errors.push(FieldError::new("party_size", &m));
            1
        }
    }
}

/// The service asked for, if it is the office's and served in person.
fn in_person_service(setup: &OfficeSetup, service_id: i32, errors: &mut Vec<FieldError>) {
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

/// Whether the office takes one more ticket for the service now.
pub fn closed_for(state: &QueueState, setup: &OfficeSetup, service_id: i32) -> Option<Closed> {
    let now = state.now;
    let date = schedule::local_date(setup.tz, now);
    let local = now.with_timezone(&setup.tz).time();
    let ranges = if setup.closed_on(date) {
        Vec::new()
    } else {
        schedule::ranges_on(&setup.hours, date)
    };
    let Some((_, to)) = ranges
        .into_iter()
        .find(|(from, to)| *from <= local && local < *to)
    else {
        return Some(Closed::Now);
    };
    if setup.candidates(service_id, date).is_empty() {
        return Some(Closed::NoCounter);
    }
    let ahead = state
        .open
        .iter()
        .filter(|t| t.status == TicketStatus::Waiting && t.service_id == service_id)
        .count() as i32;
    let mean = state.means.get(&service_id).copied().unwrap_or(15.0);
    let counters = state.counters.get(&service_id).copied().unwrap_or(1);
    let wait = queue::estimated_wait(ahead, mean, counters);
    let done = local + Duration::minutes(i64::from(wait)) + Duration::seconds((mean * 60.0) as i64);
    if done > to || done < local {
        return Some(Closed::BeforeClosing(to.format("%H:%M").to_string()));
    }
    None
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
        .after(&json!({"code": row.code, "service_id": row.service_id, "party_size": row.party_size}))
        .write(&txn, now)
        .await?;
    txn.commit().await?;
    let state = state(db, &setup, now).await?;
    Ok(state.view(&row))
}

/// A citizen joins the queue from a phone (the poster at the entrance). Refused, with
/// nothing created, when the office is closed now or the service could not be reached
/// before closing.
pub async fn join(
    db: &Db,
    config: &Config,
    office_id: i32,
    input: &JoinRequest,
    now: DateTime<Utc>,
) -> AppResult<JoinOutcome> {
    let setup = db.setups.get(&db.conn, office_id).await?;
    let mut errors = Vec::new();
    let party = parse_party(input.party_size, &mut errors);
    in_person_service(&setup, input.service_id, &mut errors);
    let email = match input.email.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(raw) => match EmailAddress::parse(raw) {
            Ok(e) => Some(e.as_str().to_string()),
            Err(m) => {
                errors.push(FieldError::new("email", &m));
                None
            }
        },
    };
    let language = match input.language.as_deref() {
        None | Some("") => Language::default(),
        Some(raw) => Language::parse(raw).unwrap_or_else(|m| {
            errors.push(FieldError::new("language", &m));
            Language::default()
        }),
    };
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let current = state(db, &setup, now).await?;
    if let Some(closed) = closed_for(&current, &setup, input.service_id) {
        return Ok(JoinOutcome::Closed(closed));
    }
    let token = secrets::new_token()?;
    let (txn, _gate) = engine::begin(db).await?;
    let row = issue(
        &txn,
        &setup,
        NewTicket {
            service_id: input.service_id,
            party,
            booking: None,
            name: None,
            email: email.clone(),
            language: language.code().into(),
            token_hash: Some(secrets::hash(&token)),
        },
        now,
    )
    .await?;
    if let Some(recipient) = email {
        let url = format!("{}/q/{token}", config.http.base_url);
        let letter = letters::queue_ticket(&letters::QueueTicket {
            ticket_id: row.id,
            recipient,
            language,
            code: row.code.clone(),
            office: setup.office.name.clone(),
            url,
        })?;
        outbox::enqueue(&txn, letter, now).await?;
    }
    txn.commit().await?;
    let state = state(db, &setup, now).await?;
    Ok(JoinOutcome::Joined(Box::new(Joined {
        ticket: state.view(&row),
        ticket_token: token,
    })))
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
            format!("Only a waiting or called ticket can leave the queue; this one is {}.", row.status),
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
