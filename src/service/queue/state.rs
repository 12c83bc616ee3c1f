//! An office's queue today as citizens and clerks see it: positions by the calling rule,
//! estimated waits from the measured service times, and the tickets' views.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};
use entity::status::TicketStatus;
use entity::{booking, ticket};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect, QueryTrait,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{
    domain::{
        queue::{self, Waiting},
        schedule,
    },
    error::AppResult,
    service::{booking::view::fmt_local, db::Db, setup::OfficeSetup},
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

pub fn waiting_of(t: &ticket::Model) -> Waiting {
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
pub fn view_of(
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
pub async fn state(db: &Db, setup: &OfficeSetup, now: DateTime<Utc>) -> AppResult<QueueState> {
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
    let means = mean_service_minutes(db, setup, now, None).await?;
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

/// One ticket's view with its position and wait, reading only what that needs (the
/// waiting tickets of its service, without their bookings, and its service's measured
/// times) rather than the whole [`QueueState`]: a check-in answers with it, and an office
/// with hundreds waiting should not read them all on every scan.
pub async fn ticket_view(
    db: &Db,
    setup: &OfficeSetup,
    t: &ticket::Model,
    now: DateTime<Utc>,
) -> AppResult<TicketView> {
    let references = match t.booking_id {
        Some(id) => references(&db.conn, vec![id]).await?,
        None => HashMap::new(),
    };
    let mut v = view_of(t, setup.tz, &references, &counter_names(setup));
    if t.status != TicketStatus::Waiting {
        return Ok(v);
    }
    /// Id, party, inside, joined, due.
    type Row = (i32, i32, bool, DateTime<Utc>, Option<DateTime<Utc>>);
    let rows: Vec<Row> = ticket::Entity::find()
        .select_only()
        .columns([
            ticket::Column::Id,
            ticket::Column::PartySize,
            ticket::Column::Inside,
            ticket::Column::JoinedAt,
            ticket::Column::DueAt,
        ])
        .filter(ticket::Column::OfficeId.eq(t.office_id))
        .filter(ticket::Column::Day.eq(t.day.as_str()))
        .filter(ticket::Column::Status.eq(TicketStatus::Waiting))
        .filter(ticket::Column::ServiceId.eq(t.service_id))
        .into_tuple()
        .all(&db.conn)
        .await?;
    let waiting: Vec<Waiting> = rows
        .into_iter()
        .map(|(id, party, inside, joined_at, due_at)| Waiting {
            id,
            service_id: t.service_id,
            party,
            inside,
            joined_at,
            due_at,
        })
        .collect();
    let position = queue::position(&waiting, t.id, now);
    let mean = mean_service_minutes(db, setup, now, Some(t.service_id))
        .await?
        .get(&t.service_id)
        .copied()
        .unwrap_or(15.0);
    let counters = setup
        .counters
        .iter()
        .filter(|(c, services)| c.active && services.contains(&t.service_id))
        .count();
    v.position = position;
    v.estimated_wait_minutes = position
        .map(|p| queue::estimated_wait(p, mean, i32::try_from(counters).unwrap_or(i32::MAX)));
    Ok(v)
}

pub fn counter_names(setup: &OfficeSetup) -> HashMap<i32, String> {
    setup
        .counters
        .iter()
        .map(|(c, _)| (c.id, c.name.clone()))
        .collect()
}

pub async fn references(
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
/// `only`: of that service alone.
async fn mean_service_minutes(
    db: &Db,
    setup: &OfficeSetup,
    now: DateTime<Utc>,
    only: Option<i32>,
) -> AppResult<HashMap<i32, f64>> {
    /// Service, joined, started, ended.
    type Row = (
        i32,
        DateTime<Utc>,
        Option<DateTime<Utc>>,
        Option<DateTime<Utc>>,
    );
    let rows: Vec<Row> = ticket::Entity::find()
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
        .apply_if(only, |q, id| q.filter(ticket::Column::ServiceId.eq(id)))
        .into_tuple()
        .all(&db.conn)
        .await?;
    let today = schedule::local_date(setup.tz, now);
    let mut out = HashMap::new();
    for s in setup
        .services
        .iter()
        .filter(|s| only.is_none_or(|id| id == s.id))
    {
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
