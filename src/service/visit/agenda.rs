//! The counter's day: who is expected, present, served, cancelled or a no-show, and the
//! walk-in that takes a free counter and room place now.

use crate::service::booking::placement;
use chrono::{DateTime, Datelike, Duration, NaiveDate, TimeZone, Utc};
use entity::status::BookingStatus;
use entity::{booking, room};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder,
    QueryTrait,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{
    config::Config,
    domain::{
        Channel, FieldError, PartySize, Role, reference_from_bytes,
        schedule::{self, SlotTime},
    },
    error::{AppError, AppResult, is_unique_violation},
    infra::secrets,
    service::{
        actor::Actor,
        audit::Audit,
        booking::{
            placement::{ATTEMPTS, Failure, Validated},
            view::{BookingView, view},
        },
        db::Db,
        engine,
    },
};

/// What the agenda shows: one day, optionally one room or counter.
#[derive(Debug, Clone, Default, Deserialize, ToSchema, utoipa::IntoParams)]
pub struct AgendaQuery {
    /// Local date, `YYYY-MM-DD`; default today in the office's zone.
    pub date: Option<String>,
    /// Only bookings at counters of this room.
    pub room_id: Option<i32>,
    /// Only bookings at this counter.
    pub counter_id: Option<i32>,
    /// Only bookings whose name, email or reference contains this (any case; a
    /// reference with or without its dash).
    #[serde(default)]
    pub search: Option<String>,
}

/// One appointment of the day.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AgendaEntry {
    /// The booking.
    pub booking: BookingView,
    /// Local start, `HH:MM`.
    pub time: String,
    /// The service's name.
    pub service_name: String,
    /// The counter's name.
    pub counter_name: String,
    /// The room's name.
    pub room_name: String,
    /// Registered at the counter rather than booked.
    pub walk_in: bool,
    /// Expected, and its admission has opened: the agenda offers "admit".
    #[serde(default)]
    pub admittable: bool,
}

/// How many persons are in each state (parties are counted by their size).
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct AgendaCounts {
    /// Confirmed and not yet arrived.
    pub expected: i32,
    /// Checked in and not yet served.
    pub present: i32,
    /// Served.
    pub served: i32,
    /// Cancelled.
    pub cancelled: i32,
    /// Released as no-shows.
    pub no_show: i32,
}

/// `GET /api/v1/offices/{id}/agenda`.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AgendaView {
    /// Office id.
    pub office_id: i32,
    /// The local date shown.
    pub date: String,
    /// The office's zone.
    pub timezone: String,
    /// Persons per state.
    pub counts: AgendaCounts,
    /// Appointments by start time.
    pub entries: Vec<AgendaEntry>,
}

/// The first instant of a local date (midnight, or the first hour after a gap).
fn day_start(tz: chrono_tz::Tz, date: NaiveDate) -> DateTime<Utc> {
    (0..24)
        .find_map(|h| {
            tz.from_local_datetime(&date.and_hms_opt(h, 0, 0)?)
                .earliest()
        })
        .map_or_else(
            || date.and_time(chrono::NaiveTime::MIN).and_utc(),
            |t| t.with_timezone(&Utc),
        )
}

/// The agenda of an office's day for its staff, read from the replica when there is one
/// ([`Db::reads`]): a check-in made a moment ago may show a moment later.
pub async fn agenda(
    db: &Db,
    config: &Config,
    actor: &Actor,
    office_id: i32,
    query: &AgendaQuery,
    now: DateTime<Utc>,
) -> AppResult<AgendaView> {
    actor.require(Role::Staff, office_id)?;
    let setup = db.setups.get(db.reads(), office_id).await?;
    let tz = setup.tz;
    let date = match query
        .date
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
    {
        // Years far out would overflow the day arithmetic below; no agenda lies there.
        Some(raw) => NaiveDate::parse_from_str(raw, "%Y-%m-%d")
            .ok()
            .filter(|d| (2000..=2200).contains(&d.year()))
            .ok_or_else(|| AppError::invalid("date", "must be a date, YYYY-MM-DD"))?,
        None => schedule::local_date(tz, now),
    };
    let from = day_start(tz, date);
    let to = day_start(tz, date + Duration::days(1));
    let rows = booking::Entity::find()
        .filter(booking::Column::OfficeId.eq(office_id))
        .filter(booking::Column::StartAt.gte(from))
        .filter(booking::Column::StartAt.lt(to))
        .filter(booking::Column::Status.ne(BookingStatus::Held))
        .apply_if(query.room_id, |q, r| {
            q.filter(booking::Column::RoomId.eq(r))
        })
        .apply_if(query.counter_id, |q, c| {
            q.filter(booking::Column::CounterId.eq(c))
        })
        .order_by_asc(booking::Column::StartAt)
        .order_by_asc(booking::Column::CounterId)
        .all(db.reads())
        .await?;
    let rooms = room::Entity::find()
        .filter(room::Column::OfficeId.eq(office_id))
        .all(db.reads())
        .await?;
    let needle = query
        .search
        .as_deref()
        .map(|q| q.trim().to_lowercase())
        .filter(|q| !q.is_empty());
    let found = |b: &&booking::Model| {
        let Some(needle) = &needle else { return true };
        let plain = |s: &str| s.to_lowercase().replace('-', "");
        b.citizen_name
            .as_deref()
            .is_some_and(|n| n.to_lowercase().contains(needle.as_str()))
            || b.citizen_email
                .as_deref()
                .is_some_and(|e| e.to_lowercase().contains(needle.as_str()))
            || b.reference
                .as_deref()
                .is_some_and(|r| plain(r).contains(&plain(needle)))
    };
    let opens = Duration::minutes(config.booking.checkin_early_minutes);
    let mut counts = AgendaCounts::default();
    // The counts are the day's, whatever the search shows.
    for b in &rows {
        let slot = match b.status {
            BookingStatus::Confirmed => &mut counts.expected,
            BookingStatus::CheckedIn => &mut counts.present,
            BookingStatus::Served => &mut counts.served,
            BookingStatus::Cancelled => &mut counts.cancelled,
            BookingStatus::NoShow | BookingStatus::Held => &mut counts.no_show,
        };
        *slot += b.party_size;
    }
    let entries = rows
        .iter()
        .filter(found)
        .map(|b| AgendaEntry {
            booking: view(b, tz, &config.http.base_url),
            time: b.start_at.with_timezone(&tz).format("%H:%M").to_string(),
            service_name: setup
                .services
                .iter()
                .find(|s| s.id == b.service_id)
                .map_or_else(String::new, |s| s.name.clone()),
            counter_name: setup
                .counters
                .iter()
                .find(|(c, _)| c.id == b.counter_id)
                .map_or_else(|| format!("#{}", b.counter_id), |(c, _)| c.name.clone()),
            room_name: rooms
                .iter()
                .find(|r| r.id == b.room_id)
                .map_or_else(String::new, |r| r.name.clone()),
            walk_in: b.citizen_email.is_none(),
            admittable: b.status == BookingStatus::Confirmed && b.start_at - opens <= now,
        })
        .collect();
    Ok(AgendaView {
        office_id,
        date: date.to_string(),
        timezone: tz.name().to_string(),
        counts,
        entries,
    })
}

/// `POST /api/v1/offices/{id}/walk-ins` body.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct WalkInRequest {
    /// The service asked for.
    pub service_id: i32,
    /// Persons (default 1).
    #[serde(default = "one")]
    pub party_size: i64,
    /// A name to call the person by (optional).
    #[serde(default)]
    pub name: Option<String>,
}

fn one() -> i64 {
    1
}

/// Registers a person who came without a booking, admitted at once. It goes through the
/// same placement as a booking, starting now: refused (409 `/slot-full`) unless a counter
/// offering the service is free for the whole service duration and every enclosing room
/// has room for the party from now, under the same locks, so a walk-in can never push a
/// room over its limit or take a booked citizen's counter.
pub async fn walk_in(
    db: &Db,
    config: &Config,
    actor: &Actor,
    office_id: i32,
    input: &WalkInRequest,
    now: DateTime<Utc>,
) -> AppResult<BookingView> {
    actor.require(Role::Staff, office_id)?;
    let name = input
        .name
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_string);
    let mut errors = Vec::new();
    if name.as_ref().is_some_and(|n| n.chars().count() > 100) {
        errors.push(FieldError::new("name", "must have at most 100 characters"));
    }
    let party = PartySize::parse(input.party_size).map_err(|m| FieldError::new("party_size", m));
    for _ in 0..ATTEMPTS {
        let setup = db.setups.get(&db.conn, office_id).await?;
        let service = setup.service(input.service_id)?.clone();
        let mut errors = errors.clone();
        if Channel::parse(&service.channel) == Ok(Channel::Video) {
            errors.push(
                FieldError::new("service_id", "a video service has no walk-ins")
                    .coded("video-no-walk-in"),
            );
        }
        let date = schedule::local_date(setup.tz, now);
        let local = now.with_timezone(&setup.tz).time();
        let end = (now + Duration::minutes(i64::from(service.duration_minutes)))
            .with_timezone(&setup.tz)
            .time();
        let ranges = if setup.closed_on(date) {
            Vec::new()
        } else {
            schedule::ranges_on(&setup.hours, date)
        };
        match ranges
            .iter()
            .find(|(from, to)| *from <= local && local < *to)
        {
            None => errors.push(
                FieldError::new("service_id", "the office is closed now").coded("office-closed"),
            ),
            Some((_, to)) if end > *to || end <= local => errors.push(
                FieldError::new(
                    "service_id",
                    "the office closes before this service would end",
                )
                .coded("closes-too-soon"),
            ),
            Some(_) => {}
        }
        let party = match &party {
            Ok(p) if errors.is_empty() => *p,
            Ok(_) => return Err(AppError::Validation(errors)),
            Err(e) => {
                errors.push(e.clone());
                return Err(AppError::Validation(errors));
            }
        };
        let start = now;
        let v = Validated {
            slot: SlotTime {
                start,
                end: start + Duration::minutes(i64::from(service.duration_minutes)),
            },
            setup,
            service,
            party,
            walk_in: true,
        };
        let candidates = v.setup.candidates(v.service.id, date);
        let (txn, _gate) = engine::begin(db).await?;
        let counter = match placement::place_in(&txn, &v, &candidates, None, now).await {
            Ok(c) => c,
            Err(Failure::Stale) => continue,
            Err(Failure::App(e)) => return Err(e),
            Err(Failure::KeyTaken | Failure::ReferenceTaken) => continue,
        };
        let mut row = placement::new_row(&v, counter, BookingStatus::CheckedIn, now);
        row.reference = Set(Some(reference_from_bytes(secrets::random_bytes::<6>()?)));
        row.checkin_token = Set(Some(secrets::new_token()?));
        row.citizen_name = Set(name.clone());
        row.checked_in_at = Set(Some(now));
        let saved = match row.insert(&txn).await {
            Ok(m) => m,
            Err(e) if is_unique_violation(&e) => continue,
            Err(e) => return Err(e.into()),
        };
        let ticket =
            crate::service::queue::tickets::for_admission(&txn, &v.setup, &saved, now).await?;
        let view = view(&saved, v.setup.tz, &config.http.base_url);
        // The audit row outlives retention: no name in it.
        Audit::new(Some(actor), "walk_in", "booking", saved.id)
            .office(saved.office_id)
            .after(&serde_json::json!({
                "reference": view.reference, "status": view.status,
                "service_id": view.service_id, "counter_id": view.counter_id,
                "start": view.start, "party_size": view.party_size, "ticket": ticket.code,
            }))
            .write(&txn, now)
            .await?;
        txn.commit().await?;
        return Ok(view);
    }
    Err(AppError::Internal(anyhow::anyhow!(
        "the office's set-up kept changing while placing a walk-in"
    )))
}

/// The appointments of `from` to `to` (local dates, at most 93 days): each day's agenda,
/// for a manager's spreadsheet of a period.
pub async fn period(
    db: &Db,
    config: &Config,
    actor: &Actor,
    office_id: i32,
    (from, to): (NaiveDate, NaiveDate),
    now: DateTime<Utc>,
) -> AppResult<Vec<AgendaEntry>> {
    actor.require(Role::Manager, office_id)?;
    if to < from || (to - from).num_days() > 92 {
        return Err(AppError::invalid(
            "to",
            "must be on or after the first day, and at most 93 days after it",
        ));
    }
    let mut entries = Vec::new();
    let mut day = from;
    while day <= to {
        let query = AgendaQuery {
            date: Some(day.format("%Y-%m-%d").to_string()),
            ..Default::default()
        };
        entries.extend(
            agenda(db, config, actor, office_id, &query, now)
                .await?
                .entries,
        );
        day += Duration::days(1);
    }
    Ok(entries)
}

/// Appointments (a day's agenda, or a period's bookings) as a sheet: the local start, the
/// reference, the citizen's name, email and phone, persons, service, counter, room and
/// status. `headers` are the ten column names in the reader's language, and `status`
/// names a status in it.
pub fn appointments_sheet(
    name: &str,
    headers: Vec<String>,
    entries: &[AgendaEntry],
    status: impl Fn(&entity::status::BookingStatus) -> String,
) -> crate::service::exports::Sheet {
    let rows = entries
        .iter()
        .map(|e| {
            use crate::service::exports::Cell;
            let b = &e.booking;
            let start = chrono::DateTime::parse_from_rfc3339(&b.start)
                .map_or(Cell::Text(b.start.clone()), |t| Cell::When(t.naive_local()));
            vec![
                start,
                Cell::Text(b.reference.clone()),
                Cell::Text(b.citizen.name.clone()),
                Cell::Text(b.citizen.email.clone()),
                b.citizen.phone.clone().map_or(Cell::Empty, Cell::Text),
                Cell::Int(i64::from(b.party_size)),
                Cell::Text(e.service_name.clone()),
                Cell::Text(e.counter_name.clone()),
                Cell::Text(e.room_name.clone()),
                Cell::Text(status(&b.status)),
            ]
        })
        .collect();
    crate::service::exports::Sheet {
        name: name.to_owned(),
        headers,
        rows,
    }
}
