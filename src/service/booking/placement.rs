//! Validating a requested slot and placing a party in it through the capacity engine.
//! Bookings, holds and hold conversions all come through here (walk-ins and waiting-list
//! offers will too), so there is one place where the capacity rules meet the database.

use entity::status::BookingStatus;
use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use entity::{booking, service};
use sea_orm::{ActiveValue::Set, ConnectionTrait, DatabaseTransaction};

use crate::{
    domain::{
        Channel, FieldError, Language, PartySize,
        capacity::{self, CandidateCounter, Full, Request},
        schedule::{self, SlotTime},
    },
    error::{AppError, AppResult, ConflictKind},
    service::{db::Db, engine, setup::OfficeSetup},
};

/// Why a placement attempt did not produce a row.
#[derive(Debug)]
pub enum Failure {
    /// A refusal or an error to report.
    App(AppError),
    /// The office's set-up changed after it was read: read it again and retry.
    Stale,
    /// A concurrent request with the same idempotency key committed first.
    KeyTaken,
    /// The random reference collided; retry with another.
    ReferenceTaken,
}

impl From<AppError> for Failure {
    fn from(e: AppError) -> Self {
        Self::App(e)
    }
}

impl From<sea_orm::DbErr> for Failure {
    fn from(e: sea_orm::DbErr) -> Self {
        Self::App(e.into())
    }
}

/// How many times a placement is retried after a set-up change or a reference collision.
pub const ATTEMPTS: usize = 5;

/// Parses an RFC 3339 instant given by a client.
pub fn parse_instant(field: &str, raw: &str) -> Result<DateTime<Utc>, FieldError> {
    DateTime::parse_from_rfc3339(raw.trim())
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| {
            FieldError::new(
                field,
                "must be an RFC 3339 date-time, e.g. 2026-12-01T09:00:00+01:00",
            )
        })
}

/// Checks that `start` is an offered, bookable slot of `service` and returns it. A hold
/// being taken over was checked when it was taken, so `holding` skips the notice check
/// (the start may have come within the notice while the citizen filled in the form).
pub fn check_slot(
    setup: &OfficeSetup,
    service: &service::Model,
    start: DateTime<Utc>,
    now: DateTime<Utc>,
    holding: bool,
) -> Result<SlotTime, FieldError> {
    let tz = setup.tz;
    let date = schedule::local_date(tz, start);
    if start <= now {
        return Err(FieldError::new("start", "this time is in the past"));
    }
    if !holding && start < now + Duration::minutes(i64::from(service.min_notice_minutes)) {
        return Err(FieldError::new(
            "start",
            format!(
                "bookings close {} minutes before the start",
                service.min_notice_minutes
            ),
        ));
    }
    let today = schedule::local_date(tz, now);
    if date > today + Duration::days(i64::from(service.horizon_days)) {
        return Err(FieldError::new(
            "start",
            format!(
                "this service can be booked at most {} days ahead",
                service.horizon_days
            ),
        ));
    }
    let not_offered = || FieldError::new("start", "this is not an offered slot of the service");
    if setup.closed_on(date) || setup.candidates(service.id, date).is_empty() {
        return Err(not_offered());
    }
    let ranges = schedule::ranges_on(&setup.hours, date);
    schedule::slot_grid(tz, date, &ranges, i64::from(service.duration_minutes))
        .into_iter()
        .find(|s| s.start == start)
        .ok_or_else(not_offered)
}

/// A validated request for a place: the office as it was read, the service, the slot and
/// the party.
#[derive(Debug, Clone)]
pub struct Validated {
    /// The office's set-up the validation used.
    pub setup: Arc<OfficeSetup>,
    /// The service.
    pub service: service::Model,
    /// The slot.
    pub slot: SlotTime,
    /// Persons.
    pub party: PartySize,
    /// A walk-in: already in the room, so the room interval starts at the start rather
    /// than an arrival margin before it.
    pub walk_in: bool,
}

/// What is asked for, before validation.
#[derive(Debug, Clone, Copy)]
pub struct Ask<'a> {
    /// Office id.
    pub office_id: i32,
    /// Service id.
    pub service_id: i32,
    /// Start as the client wrote it.
    pub start: &'a str,
    /// Party size as the client wrote it.
    pub party_size: i64,
    /// Taking over a hold (see [`check_slot`]).
    pub holding: bool,
}

/// Validates a request against the office's current set-up; `errors` already found in
/// other fields are reported together with these.
pub async fn validate(
    db: &Db,
    ask: Ask<'_>,
    mut errors: Vec<FieldError>,
    now: DateTime<Utc>,
) -> AppResult<Validated> {
    let setup = db.setups.get(&db.conn, ask.office_id).await?;
    let service = setup.service(ask.service_id)?.clone();
    let party = PartySize::parse(ask.party_size).map_err(|m| FieldError::new("party_size", m));
    let slot = parse_instant("start", ask.start)
        .and_then(|s| check_slot(&setup, &service, s, now, ask.holding));
    match (party, slot) {
        (Ok(party), Ok(slot)) if errors.is_empty() => Ok(Validated {
            setup,
            service,
            slot,
            party,
            walk_in: false,
        }),
        (party, slot) => {
            errors.extend(party.err());
            errors.extend(slot.err());
            Err(AppError::Validation(errors))
        }
    }
}

fn slot_full(full: Full) -> AppError {
    let detail = match full {
        Full::NoCounter => "No counter is free at this time any more.",
        Full::NoRoom => "The waiting room has no place left for this party at this time.",
    };
    AppError::conflict(ConflictKind::SlotFull, detail)
}

/// The capacity request of a validated slot.
pub fn request_of(v: &Validated) -> Request {
    Request {
        start: v.slot.start,
        end: v.slot.end,
        room_from: if v.walk_in {
            v.slot.start
        } else {
            v.slot.start - v.setup.margin()
        },
        party: v.party.get(),
        occupies_room: Channel::parse(&v.service.channel) != Ok(Channel::Video),
    }
}

/// The counters that may take the request, in the order they are tried.
pub fn candidates(v: &Validated) -> Vec<CandidateCounter> {
    let date = schedule::local_date(v.setup.tz, v.slot.start);
    v.setup.candidates(v.service.id, date)
}

/// The room-hour locks a placement of `v` among `candidates` takes, for
/// `engine::begin_for`.
pub fn locks_of(v: &Validated, candidates: &[CandidateCounter]) -> Vec<String> {
    let request = request_of(v);
    let rooms: Vec<i32> = candidates.iter().map(|c| c.room_id).collect();
    let from = request.room_from.min(request.start);
    engine::room_hour_locks(&v.setup, &rooms, from, request.end)
}

/// Takes the capacity locks for `candidates` and decides the counter (see
/// `service::engine` for why this is race-free). `exclude` leaves one row out of the
/// picture: a hold being taken over must fit without counting itself. The caller writes
/// the row in the same transaction.
pub async fn place_in(
    txn: &DatabaseTransaction,
    v: &Validated,
    candidates: &[CandidateCounter],
    exclude: Option<i32>,
    now: DateTime<Utc>,
) -> Result<CandidateCounter, Failure> {
    engine::lock(txn, &locks_of(v, candidates)).await?;
    decide(txn, v, candidates, exclude, now).await
}

/// Reads the bookings around a request and decides its counter. Under the locks, the
/// set-up read before them must still be current (a room added to an area since then
/// would otherwise be missing from the area's sum, a capacity rule could be an older
/// one, and so could the office's span bound): the version comes with the bookings, in
/// the same statement.
async fn decide(
    conn: &impl ConnectionTrait,
    v: &Validated,
    candidates: &[CandidateCounter],
    exclude: Option<i32>,
    now: DateTime<Utc>,
) -> Result<CandidateCounter, Failure> {
    let request = request_of(v);
    let at = engine::Interval {
        room_from: request.room_from,
        start: request.start,
        end: request.end,
    };
    let around = engine::around(conn, v.setup.office.id, at, v.setup.span(), now, exclude).await?;
    if around.version != Some(v.setup.office.config_version) {
        return Err(Failure::Stale);
    }
    let mut occupants = around.rooms;
    if v.walk_in {
        // A walk-in is admitted into the room as it is now, so the parties already inside
        // count too where their plan does not: arrived early, or still there after their
        // end (the door screen shows the larger of present and planned for the same reason).
        occupants.extend(
            engine::present_outside_plan(conn, v.setup.office.id, v.setup.tz, now, request.end)
                .await?,
        );
    }
    // A busy counter is left out rather than given to the rules as an occupant: the
    // search for a free one then costs the same however many are taken.
    let free: Vec<CandidateCounter> = candidates
        .iter()
        .filter(|c| !around.busy.contains(&c.id))
        .copied()
        .collect();
    let picture = capacity::Picture {
        tz: v.setup.tz,
        rooms: &v.setup.rooms,
        rules: &v.setup.rules,
        occupants: &occupants,
    };
    capacity::place(&picture, &free, &request).map_err(|f| Failure::App(slot_full(f)))
}

/// Refuses a request whose slot is already full in the committed state, read without
/// any lock, so that it does not queue for a write transaction and the room-hour locks
/// only to be refused there: at a popular opening most holds are refused, and every
/// one of them used to wait behind the bookings of the hot hour (and, on SQLite, behind
/// every write). The refusal is as true as one made under the locks at the moment of
/// the read; a slot that looks free (or a set-up changed since it was read) is decided
/// under the locks by [`place_in`].
pub async fn refuse_if_full(db: &Db, v: &Validated, now: DateTime<Utc>) -> AppResult<()> {
    match decide(&db.conn, v, &candidates(v), None, now).await {
        Ok(_) | Err(Failure::Stale) => Ok(()),
        Err(Failure::App(e)) => Err(e),
        Err(Failure::KeyTaken | Failure::ReferenceTaken) => Ok(()),
    }
}

/// A new row for a placed request (a hold or a booking, by `status`).
pub fn new_row(
    v: &Validated,
    counter: CandidateCounter,
    status: BookingStatus,
    now: DateTime<Utc>,
) -> booking::ActiveModel {
    let request = request_of(v);
    booking::ActiveModel {
        office_id: Set(v.setup.office.id),
        service_id: Set(v.service.id),
        counter_id: Set(counter.id),
        room_id: Set(counter.room_id),
        occupies_room: Set(request.occupies_room),
        status: Set(status),
        start_at: Set(request.start),
        end_at: Set(request.end),
        room_from: Set(request.room_from),
        party_size: Set(request.party),
        language: Set(Language::default().code().into()),
        created_at: Set(now),
        ..Default::default()
    }
}
