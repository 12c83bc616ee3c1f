//! Validating a requested slot and placing a party in it through the capacity engine.
//! Bookings, holds and hold conversions all come through here (walk-ins and waiting-list
//! offers will too), so there is one place where the capacity rules meet the database.

use std::sync::Arc;

use chrono::{DateTime, Duration, Utc};
use entity::{booking, office, service};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, DatabaseTransaction, EntityTrait, QuerySelect};

use crate::{
    config::{Config, HOLDS_PER_SESSION},
    domain::{
        BookingStatus, Channel, FieldError, Language, PartySize,
        capacity::{self, CandidateCounter, Full, Request},
        schedule::{self, SlotTime},
    },
    error::{AppError, AppResult, ConflictKind},
    service::{
        booking::{HoldRequest, HoldView, fmt_local},
        capacity as engine,
        db::Db,
        office::OfficeSetup,
        tokens,
    },
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

/// Takes the capacity locks for `candidates` and decides the counter (see
/// `service::capacity` for why this is race-free). `exclude` leaves one row out of the
/// picture: a hold being taken over must fit without counting itself. The caller writes
/// the row in the same transaction.
pub async fn place_in(
    txn: &DatabaseTransaction,
    v: &Validated,
    candidates: &[CandidateCounter],
    exclude: Option<i32>,
    now: DateTime<Utc>,
) -> Result<CandidateCounter, Failure> {
    let request = request_of(v);
    let rooms: Vec<i32> = candidates.iter().map(|c| c.room_id).collect();
    let from = request.room_from.min(request.start);
    // Rules before the locks keep the locked section short; a rule change bumps the
    // office's version, which is checked under the locks below.
    let rules = engine::rules(txn, &v.setup.room_ids()).await?;
    engine::lock(
        txn,
        &engine::room_hour_locks(&v.setup, &rooms, from, request.end),
    )
    .await?;
    // Under the locks, the set-up read before them must still be current: a room added
    // to an area since then would otherwise be missing from the area's sum.
    let version: Option<i64> = office::Entity::find_by_id(v.setup.office.id)
        .select_only()
        .column(office::Column::ConfigVersion)
        .into_tuple()
        .one(txn)
        .await?;
    if version != Some(v.setup.office.config_version) {
        return Err(Failure::Stale);
    }
    let mut occupants =
        engine::occupants(txn, v.setup.office.id, from, request.end, now, exclude).await?;
    if v.walk_in {
        // A walk-in is admitted into the room as it is now, so the parties already inside
        // count too where their plan does not: arrived early, or still there after their
        // end (the door screen shows the larger of present and planned for the same reason).
        occupants
            .extend(engine::present_outside_plan(txn, v.setup.office.id, now, request.end).await?);
    }
    let picture = capacity::Picture {
        tz: v.setup.tz,
        rooms: &v.setup.rooms,
        rules: &rules,
        occupants: &occupants,
    };
    capacity::place(&picture, candidates, &request).map_err(|f| Failure::App(slot_full(f)))
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
        status: Set(status.as_str().into()),
        start_at: Set(request.start),
        end_at: Set(request.end),
        room_from: Set(request.room_from),
        party_size: Set(request.party),
        language: Set(Language::default().code().into()),
        created_at: Set(now),
        ..Default::default()
    }
}

/// Who takes a hold, as hashes: the booking table never holds an address or a cookie.
#[derive(Debug, Clone)]
pub struct HoldOwner {
    client: String,
    session: Option<String>,
}

impl HoldOwner {
    /// A client address (IPv6 already cut to its /64) and, on the pages, the browser's
    /// session cookie.
    pub fn new(client: std::net::IpAddr, session: Option<&str>) -> Self {
        Self {
            client: tokens::hash(&format!("hold-client:{client}")),
            session: session.map(|s| tokens::hash(&format!("hold-session:{s}"))),
        }
    }
}

/// Makes room for a new hold of `owner`, inside its transaction and under its locks
/// (so holds requested at once are counted one after the other, in any process).
///
/// A browser keeps at most [`HOLDS_PER_SESSION`]: its oldest is released, so a citizen
/// who goes back and picks another time is never refused. A client address keeps at
/// most `holds_per_client` and is then refused (429 with the wait until its oldest
/// lapses), so neighbours behind one address never release each other's holds. Without
/// these, one client could hold a whole day (security review, finding 3).
async fn admit_holder(
    txn: &DatabaseTransaction,
    config: &Config,
    owner: &HoldOwner,
    now: DateTime<Utc>,
) -> AppResult<()> {
    use sea_orm::{ColumnTrait, QueryFilter, QueryOrder};
    let mut locks = vec![format!("holder:{}", &owner.client[..32])];
    if let Some(session) = &owner.session {
        locks.push(format!("holder:{}", &session[..32]));
    }
    locks.sort();
    locks.dedup();
    engine::lock(txn, &locks).await?;
    let live = || {
        booking::Entity::find()
            .filter(booking::Column::Status.eq(BookingStatus::Held.as_str()))
            .filter(booking::Column::HoldExpiresAt.gt(now))
            .order_by_asc(booking::Column::HoldExpiresAt)
            .order_by_asc(booking::Column::Id)
    };
    if let Some(session) = &owner.session {
        let held = live()
            .filter(booking::Column::HoldSession.eq(session.as_str()))
            .all(txn)
            .await?;
        let keep = usize::try_from(HOLDS_PER_SESSION - 1).unwrap_or(0);
        let surplus: Vec<i32> = held
            .iter()
            .take(held.len().saturating_sub(keep))
            .map(|h| h.id)
            .collect();
        if !surplus.is_empty() {
            booking::Entity::delete_many()
                .filter(booking::Column::Id.is_in(surplus))
                .filter(booking::Column::Status.eq(BookingStatus::Held.as_str()))
                .exec(txn)
                .await?;
        }
    }
    // Off with the other per-client limits (`SPORTELLO_RATE_LIMIT=off`, load tests whose
    // clients all come from one loopback address).
    if !config.http.rate_limit {
        return Ok(());
    }
    let held = live()
        .filter(booking::Column::HoldClient.eq(owner.client.as_str()))
        .all(txn)
        .await?;
    if held.len() as u64 >= config.booking.holds_per_client {
        let lapses = held.first().and_then(|h| h.hold_expires_at).unwrap_or(now);
        return Err(AppError::TooManyHolds {
            retry_after: (lapses - now).num_seconds(),
        });
    }
    Ok(())
}

/// Places a hold (API.md "holds"): it counts like a booking until it expires.
pub async fn create_hold(
    db: &Db,
    config: &Config,
    input: &HoldRequest,
    owner: &HoldOwner,
    now: DateTime<Utc>,
) -> AppResult<HoldView> {
    let ask = Ask {
        office_id: input.office_id,
        service_id: input.service_id,
        start: &input.start,
        party_size: input.party_size,
        holding: false,
    };
    for _ in 0..ATTEMPTS {
        let v = validate(db, ask, Vec::new(), now).await?;
        let (txn, _gate) = engine::begin(db).await?;
        admit_holder(&txn, config, owner, now).await?;
        let counter = match place_in(&txn, &v, &candidates(&v), None, now).await {
            Ok(c) => c,
            Err(Failure::Stale) => continue,
            Err(Failure::App(e)) => return Err(e),
            Err(Failure::KeyTaken | Failure::ReferenceTaken) => break,
        };
        let hold_id = uuid::Uuid::new_v4().to_string();
        let expires_at = now + Duration::minutes(config.booking.hold_minutes);
        let mut row = new_row(&v, counter, BookingStatus::Held, now);
        row.hold_id = Set(Some(hold_id.clone()));
        row.hold_expires_at = Set(Some(expires_at));
        row.hold_client = Set(Some(owner.client.clone()));
        row.hold_session = Set(owner.session.clone());
        row.insert(&txn).await?;
        txn.commit().await?;
        return Ok(HoldView {
            hold_id,
            expires_at: fmt_local(expires_at, v.setup.tz),
        });
    }
    Err(AppError::Internal(anyhow::anyhow!(
        "the office's set-up kept changing while placing a hold"
    )))
}

/// A live hold, with what the details page shows about it.
#[derive(Debug, Clone)]
pub struct HeldPlace {
    /// The hold id.
    pub hold_id: String,
    /// The office's set-up.
    pub setup: Arc<OfficeSetup>,
    /// The service.
    pub service: service::Model,
    /// Start of the appointment.
    pub start: DateTime<Utc>,
    /// Persons.
    pub party_size: i32,
    /// When the hold lapses.
    pub expires_at: DateTime<Utc>,
}

/// A live hold by id; an unknown or expired one is 409 `/hold-expired`.
pub async fn held_place(db: &Db, hold_id: &str, now: DateTime<Utc>) -> AppResult<HeldPlace> {
    use sea_orm::{ColumnTrait, QueryFilter};
    let row = booking::Entity::find()
        .filter(booking::Column::HoldId.eq(hold_id))
        .filter(booking::Column::Status.eq(BookingStatus::Held.as_str()))
        .filter(booking::Column::HoldExpiresAt.gt(now))
        .one(&db.conn)
        .await?
        .ok_or_else(|| {
            AppError::conflict(
                ConflictKind::HoldExpired,
                "This hold has expired or does not exist.",
            )
        })?;
    let setup = db.setups.get(&db.conn, row.office_id).await?;
    let service = setup.service(row.service_id)?.clone();
    Ok(HeldPlace {
        hold_id: hold_id.to_string(),
        setup,
        service,
        start: row.start_at,
        party_size: row.party_size,
        expires_at: row.hold_expires_at.unwrap_or(now),
    })
}
