//! The capacity engine's transaction: how a booking, a hold (and later a walk-in or a
//! waiting-list offer) is placed without ever exceeding a limit, on SQLite and PostgreSQL,
//! with any number of concurrent requests and server processes.
//!
//! # Mechanism: lock rows per room-hour, then read, check and write in one transaction
//!
//! Slots are not rows, so there is no natural row to lock. Instead every writer that could
//! change the occupancy of room `R` during UTC hour `H` first upserts the row
//! `capacity_lock(name = "room:R:H")` (`INSERT … ON CONFLICT DO UPDATE SET version =
//! version + 1`). The upsert takes that row's write lock until the transaction ends, so
//! two writers touching the same room-hour run one after the other, while writers on other
//! rooms or hours run in parallel. Locks are taken for every candidate counter's room *and
//! every enclosing room*, for every hour the room interval touches, always in sorted
//! order (so two writers can never wait for each other in a cycle). A per-citizen lock
//! (`citizen:S:email`) is taken before any room lock, for the same reason. Two bookings
//! that could affect each other's check overlap in time, so they share an hour and a
//! room, hence a lock.
//!
//! After the locks, the transaction reads the bookings and live holds overlapping the
//! interval. Under PostgreSQL's READ COMMITTED each statement sees everything committed
//! before it started, so it sees every booking whose writer held the lock before us; no
//! writer that could change the answer can commit until we do. The pure rules of
//! `domain::capacity` then decide, and the new row is inserted before the commit releases
//! the locks. A full slot rolls the transaction back: nothing is written.
//!
//! Why not SERIALIZABLE with retries: it would also be correct on PostgreSQL, but under a
//! booking storm most transactions would abort and retry, and SQLite has no equivalent.
//! Why not a counter row per slot: capacity depends on overlapping intervals of different
//! lengths, arrival margins, nested rooms and time-dependent rules, so no single counter
//! captures it.
//!
//! On SQLite the same statements run, but SQLite has a single writer: the transaction is
//! opened with `BEGIN IMMEDIATE` (it takes the write lock at once, so it can never fail
//! half-way with `SQLITE_BUSY` when upgrading a read) and, inside one process, capacity
//! transactions queue on an async mutex rather than on SQLite's polling busy handler.

use chrono::{DateTime, Duration, Utc};
use entity::status::{BookingStatus, TicketStatus};
use entity::{booking, capacity_lock, office, ticket};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseTransaction, EntityTrait, ExprTrait,
    FromQueryResult, QueryFilter, QuerySelect, QueryTrait, SqliteTransactionMode,
    TransactionOptions, TransactionTrait,
    sea_query::{Expr, OnConflict, Query},
};
use tokio::sync::OwnedMutexGuard;

use crate::{
    domain::{
        capacity::Occupant,
        schedule::{self, CapacityRule},
    },
    error::AppResult,
    service::{
        db::Db,
        room_hours::{hours_of, room_hour},
        setup::OfficeSetup,
    },
};

/// No booking's room interval lasts this long (durations and margins are validated far
/// below it); it bounds the index range scanned for overlapping bookings.
pub const MAX_SPAN: Duration = Duration::hours(24);

/// Keeps the SQLite write gate while a capacity transaction is open.
pub struct Gate {
    _guard: Option<OwnedMutexGuard<()>>,
}

/// Opens a write transaction: a capacity transaction (see the module doc), and every
/// other multi-statement write, so that SQLite never has to upgrade a read transaction
/// (which fails with `SQLITE_BUSY` instead of waiting).
pub async fn begin(db: &Db) -> AppResult<(DatabaseTransaction, Gate)> {
    let guard = match &db.write_gate {
        Some(gate) => Some(gate.clone().lock_owned().await),
        None => None,
    };
    let txn = db
        .conn
        .begin_with_options(TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..Default::default()
        })
        .await?;
    Ok((txn, Gate { _guard: guard }))
}

/// On PostgreSQL, waits for this process's turn on the capacity locks `names` (see
/// `service::lock_queue`): call it in the transaction just before taking them, and keep
/// the turn until the commit. `None` on SQLite, whose gate already queues every write.
pub async fn turn(db: &Db, names: &[String]) -> Option<crate::service::lock_queue::Turn> {
    match &db.lock_queue {
        Some(queue) => Some(queue.turn(names.join(" ")).await),
        None => None,
    }
}

/// Takes the lock rows named, in the order given (callers sort them).
pub async fn lock(txn: &DatabaseTransaction, names: &[String]) -> AppResult<()> {
    for name in names {
        let stmt = Query::insert()
            .into_table(capacity_lock::Entity)
            .columns([capacity_lock::Column::Name, capacity_lock::Column::Version])
            .values([name.clone().into(), 1i64.into()])
            .map_err(|e| anyhow::anyhow!(e))?
            .on_conflict(
                OnConflict::column(capacity_lock::Column::Name)
                    .value(
                        capacity_lock::Column::Version,
                        Expr::col((capacity_lock::Entity, capacity_lock::Column::Version)).add(1),
                    )
                    .to_owned(),
            )
            .to_owned();
        txn.execute(&stmt).await?;
    }
    Ok(())
}

/// Lock name of a citizen's bookings of one service (DOMAIN.md rule 6). The email is
/// hashed so the lock table holds no personal data.
pub fn citizen_lock(service_id: i32, email: &str) -> String {
    let digest = crate::infra::secrets::hash(email);
    format!("citizen:{service_id}:{}", &digest[..32])
}

/// Sorted, de-duplicated lock names of every room-hour (UTC hours) that a room interval
/// `[from, to)` in any of `rooms` (and the rooms enclosing them) touches. Two intervals
/// that overlap share an instant, hence an hour: every pair of writers that could affect
/// each other's check shares at least one lock, while bookings of the same room at other
/// hours of the day do not wait for each other.
pub fn room_hour_locks(
    setup: &OfficeSetup,
    rooms: &[i32],
    from: DateTime<Utc>,
    to: DateTime<Utc>,
) -> Vec<String> {
    let hours = hours_of(from, to);
    let mut all_rooms: Vec<i32> = rooms
        .iter()
        .flat_map(|r| setup.rooms.chain(*r).iter().copied())
        .collect();
    all_rooms.sort_unstable();
    all_rooms.dedup();
    let mut names = Vec::new();
    for room in all_rooms {
        for hour in hours.clone() {
            names.push(room_hour(room, hour));
        }
    }
    names.sort();
    names
}

/// The room and instants a booking row occupied, for [`touch`].
pub fn freed(b: &booking::Model) -> (i32, DateTime<Utc>, DateTime<Utc>) {
    (b.room_id, Ord::min(b.room_from, b.start_at), b.end_at)
}

/// Bumps the room-hour rows of places just freed (a cancellation, a moved booking's old
/// time), after their transaction committed, so cached slot lists offer them again at
/// once. Freeing never needs these locks for correctness, and taking them after the
/// commit keeps the freeing transaction from waiting on bookings. A failure only leaves
/// the place unlisted until the cache's age limit, so it is logged, not returned.
/// Call it with no write transaction (nor SQLite's gate) held: it opens its own.
pub async fn touch(db: &Db, freed: &[(i32, DateTime<Utc>, DateTime<Utc>)]) {
    let mut names: Vec<String> = freed
        .iter()
        .flat_map(|(room, from, to)| hours_of(*from, *to).map(move |h| room_hour(*room, h)))
        .collect();
    names.sort();
    names.dedup();
    let bump = async {
        let (txn, _gate) = begin(db).await?;
        lock(&txn, &names).await?;
        txn.commit().await?;
        AppResult::Ok(())
    };
    if let Err(e) = bump.await {
        tracing::warn!(error = %e, "could not mark freed places for the slot cache");
    }
}

/// The condition "occupies capacity at `now`" (DOMAIN.md rule 4).
pub fn active_condition(now: DateTime<Utc>) -> Condition {
    Condition::any()
        .add(booking::Column::Status.is_in(BookingStatus::ACTIVE))
        .add(
            Condition::all()
                .add(booking::Column::Status.eq(BookingStatus::Held))
                .add(booking::Column::HoldExpiresAt.gt(now)),
        )
}

/// Bookings and live holds of an office whose room or counter interval overlaps
/// `[from, to)`.
pub async fn occupants(
    db: &impl ConnectionTrait,
    office_id: i32,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    now: DateTime<Utc>,
    exclude: Option<i32>,
) -> AppResult<Vec<Occupant>> {
    Ok(
        occupants_with_lapse(db, office_id, (from, to), MAX_SPAN, now, exclude)
            .await?
            .0,
    )
}

/// As [`occupants`], with the moment the first of the live holds among them lapses:
/// until then, and while no booking is written, the picture stays the same. `span` bounds
/// how long a booking can occupy its room (`OfficeSetup::span`, or [`MAX_SPAN`]).
pub async fn occupants_with_lapse(
    db: &impl ConnectionTrait,
    office_id: i32,
    (from, to): (DateTime<Utc>, DateTime<Utc>),
    span: Duration,
    now: DateTime<Utc>,
    exclude: Option<i32>,
) -> AppResult<(Vec<Occupant>, Option<DateTime<Utc>>)> {
    let rows: Vec<OccupantRow> = occupant_query(office_id, from, to, span, now, exclude)
        .into_tuple()
        .all(db)
        .await?;
    // Only holds have an expiry among the active rows (a confirmed booking's column is
    // cleared or never set), and only live holds are read.
    let lapse = rows.iter().filter_map(|r| r.7).filter(|t| *t > now).min();
    Ok((rows.into_iter().map(occupant_of_row).collect(), lapse))
}

/// What placing a request needs to know of the bookings around it, summed by the
/// database so that what it answers does not grow with the bookings already made: one
/// occupant per room and room interval carrying the persons of every booking and live
/// hold with that interval (no counter: see [`NO_COUNTER`]), and the counters busy over
/// the request's counter interval, as one list. At a popular start with 500 places the
/// read answers two rows where it used to answer 500 bookings.
#[derive(Debug, Default)]
pub struct Around {
    /// Room occupancy, summed per room and interval.
    pub rooms: Vec<Occupant>,
    /// Counters with a booking or live hold overlapping the counter interval.
    pub busy: std::collections::HashSet<i32>,
    /// The office's set-up version, read in the same statement (`None`: no such office).
    pub version: Option<i64>,
}

/// The counter id of a summed room occupant: no counter has it (ids start at 1), so it
/// never makes a counter look busy.
pub const NO_COUNTER: i32 = 0;

/// The interval of a placement: `[room_from, end)` for the rooms, `[start, end)` for
/// the counter.
#[derive(Debug, Clone, Copy)]
pub struct Interval {
    /// Start of the room interval.
    pub room_from: DateTime<Utc>,
    /// Start of the counter interval.
    pub start: DateTime<Utc>,
    /// End of both.
    pub end: DateTime<Utc>,
}

/// Reads [`Around`] for a request of `office_id`, in one statement: the room sums (kind
/// 0), then one row (kind 1) with the busy counters joined in a list and the set-up
/// version. `span` is the office's bound on a booking's room interval
/// (`OfficeSetup::span`); it must come from a set-up whose version is checked against
/// the returned one.
pub async fn around(
    db: &impl ConnectionTrait,
    office_id: i32,
    at: Interval,
    span: Duration,
    now: DateTime<Utc>,
    exclude: Option<i32>,
) -> AppResult<Around> {
    use sea_orm::sea_query::{Alias, UnionType};
    let from = Ord::min(at.room_from, at.start);
    let version = Query::select()
        .column(office::Column::ConfigVersion)
        .from(office::Entity)
        .and_where(Expr::col(office::Column::Id).eq(office_id))
        .to_owned();
    let nearby = |q: &mut sea_orm::sea_query::SelectStatement| {
        q.from(booking::Entity)
            .and_where(Expr::col(booking::Column::OfficeId).eq(office_id))
            .and_where(Expr::col(booking::Column::RoomFrom).gte(from - span))
            .and_where(Expr::col(booking::Column::RoomFrom).lt(at.end))
            .cond_where(active_condition(now));
        if let Some(id) = exclude {
            q.and_where(Expr::col(booking::Column::Id).ne(id));
        }
    };
    let mut rooms = Query::select();
    rooms
        .expr_as(Expr::val(0i32), Alias::new("kind"))
        .column(booking::Column::RoomId)
        .column(booking::Column::RoomFrom)
        .column(booking::Column::EndAt)
        .expr_as(
            Expr::col(booking::Column::PartySize).sum(),
            Alias::new("persons"),
        )
        .expr_as(Expr::cust("CAST(NULL AS TEXT)"), Alias::new("busy"))
        .expr_as(Expr::val(0i64), Alias::new("config_version"));
    nearby(&mut rooms);
    rooms
        .and_where(Expr::col(booking::Column::OccupiesRoom).eq(true))
        .and_where(Expr::col(booking::Column::EndAt).gt(from))
        .group_by_col(booking::Column::RoomId)
        .group_by_col(booking::Column::RoomFrom)
        .group_by_col(booking::Column::EndAt);
    // An aggregate without grouping: always exactly one row, so the version always comes.
    let joined = match db.get_database_backend() {
        sea_orm::DatabaseBackend::Postgres => "string_agg(CAST(counter_id AS TEXT), ',')",
        _ => "group_concat(counter_id, ',')",
    };
    let mut counters = Query::select();
    counters
        .expr_as(Expr::val(1i32), Alias::new("kind"))
        .expr_as(Expr::val(0i32), Alias::new("room_id"))
        .expr_as(Expr::val(at.start), Alias::new("room_from"))
        .expr_as(Expr::val(at.end), Alias::new("end_at"))
        .expr_as(Expr::val(0i64), Alias::new("persons"))
        .expr_as(Expr::cust(joined), Alias::new("busy"))
        .expr_as(
            Expr::SubQuery(None, Box::new(version.into())),
            Alias::new("config_version"),
        );
    nearby(&mut counters);
    counters
        .and_where(Expr::col(booking::Column::StartAt).lt(at.end))
        .and_where(Expr::col(booking::Column::EndAt).gt(at.start));
    rooms.union(UnionType::All, counters);
    let rows = AroundRow::find_by_statement(db.get_database_backend().build(&rooms))
        .all(db)
        .await?;
    let mut out = Around::default();
    for row in rows {
        if row.kind == 1 {
            out.version = row.config_version;
            out.busy = row
                .busy
                .as_deref()
                .unwrap_or("")
                .split(',')
                .filter_map(|id| id.trim().parse().ok())
                .collect();
            continue;
        }
        out.rooms.push(Occupant {
            counter_id: NO_COUNTER,
            room_id: row.room_id,
            occupies_room: true,
            start: row.end_at,
            end: row.end_at,
            room_from: row.room_from,
            party: i32::try_from(row.persons).unwrap_or(i32::MAX),
        });
    }
    Ok(out)
}

/// A row of [`around`]'s statement.
#[derive(Debug, FromQueryResult)]
struct AroundRow {
    kind: i32,
    room_id: i32,
    room_from: DateTime<Utc>,
    end_at: DateTime<Utc>,
    persons: i64,
    busy: Option<String>,
    config_version: Option<i64>,
}

type OccupantRow = (
    i32,
    i32,
    bool,
    DateTime<Utc>,
    DateTime<Utc>,
    DateTime<Utc>,
    i32,
    Option<DateTime<Utc>>,
);

/// Bookings and live holds overlapping `[from, to)`, with only the columns the rules
/// need (slot lists read thousands of rows), in [`OccupantRow`]'s order.
fn occupant_query(
    office_id: i32,
    from: DateTime<Utc>,
    to: DateTime<Utc>,
    span: Duration,
    now: DateTime<Utc>,
    exclude: Option<i32>,
) -> sea_orm::Select<booking::Entity> {
    booking::Entity::find()
        .select_only()
        .columns([
            booking::Column::CounterId,
            booking::Column::RoomId,
            booking::Column::OccupiesRoom,
            booking::Column::StartAt,
            booking::Column::EndAt,
            booking::Column::RoomFrom,
            booking::Column::PartySize,
            booking::Column::HoldExpiresAt,
        ])
        .filter(booking::Column::OfficeId.eq(office_id))
        .filter(booking::Column::RoomFrom.gte(from - span))
        .filter(booking::Column::RoomFrom.lt(to))
        .filter(booking::Column::EndAt.gt(from))
        .filter(active_condition(now))
        .apply_if(exclude, |q, id| q.filter(booking::Column::Id.ne(id)))
}

fn occupant_of_row(
    (counter_id, room_id, occupies_room, start, end, room_from, party, _): OccupantRow,
) -> Occupant {
    Occupant {
        counter_id,
        room_id,
        occupies_room,
        start,
        end,
        room_from,
        party,
    }
}

/// Checked-in parties of an office that are in a room now although their room interval
/// does not cover `now` (they arrived early, or stay past their end), as occupants of the
/// room from `now` until `until` or until their own interval begins. Their counter
/// intervals are empty: they are waiting, not being served.
pub async fn present_outside_plan(
    db: &impl ConnectionTrait,
    office_id: i32,
    tz: chrono_tz::Tz,
    now: DateTime<Utc>,
    until: DateTime<Utc>,
) -> AppResult<Vec<Occupant>> {
    let rows = booking::Entity::find()
        .filter(booking::Column::OfficeId.eq(office_id))
        .filter(booking::Column::Status.eq(BookingStatus::CheckedIn))
        .filter(booking::Column::OccupiesRoom.eq(true))
        .filter(
            Condition::any()
                .add(booking::Column::RoomFrom.gt(now))
                .add(booking::Column::EndAt.lte(now)),
        )
        .all(db)
        .await?;
    let mut out: Vec<Occupant> = called_in(db, office_id, schedule::local_date(tz, now))
        .await?
        .into_iter()
        .map(|(room_id, party)| Occupant {
            counter_id: 0,
            room_id,
            occupies_room: true,
            start: until,
            end: until,
            room_from: now,
            party,
        })
        .collect();
    out.extend(rows.iter().map(|b| {
        let to = if b.room_from > now {
            std::cmp::min(b.room_from, until)
        } else {
            until
        };
        Occupant {
            counter_id: b.counter_id,
            room_id: b.room_id,
            occupies_room: true,
            start: to,
            end: to,
            room_from: now,
            party: b.party_size,
        }
    }));
    Ok(out)
}

/// Walk-ins called into a room from the queue and still inside, as `(room, party)`:
/// they have no booking, so only their tickets say they are there. Only the office's
/// `day` counts: a ticket left open at closing does not hold a place the next morning.
pub async fn called_in(
    db: &impl ConnectionTrait,
    office_id: i32,
    day: chrono::NaiveDate,
) -> AppResult<Vec<(i32, i32)>> {
    // Summed per room by the database: read under the queue's lock on every call.
    let rows: Vec<(Option<i32>, Option<i64>)> = ticket::Entity::find()
        .select_only()
        .column(ticket::Column::RoomId)
        .column_as(ticket::Column::PartySize.sum(), "persons")
        .filter(ticket::Column::OfficeId.eq(office_id))
        .filter(ticket::Column::BookingId.is_null())
        .filter(ticket::Column::Inside.eq(true))
        .filter(ticket::Column::Status.is_in(TicketStatus::OPEN))
        .filter(ticket::Column::Day.eq(day.to_string()))
        .group_by(ticket::Column::RoomId)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .filter_map(|(room, persons)| {
            Some((
                room?,
                i32::try_from(persons.unwrap_or(0)).unwrap_or(i32::MAX),
            ))
        })
        .collect())
}

/// The domain's view of a booking row.
pub fn occupant_of(b: &booking::Model) -> Occupant {
    Occupant {
        counter_id: b.counter_id,
        room_id: b.room_id,
        occupies_room: b.occupies_room,
        start: b.start_at,
        end: b.end_at,
        room_from: b.room_from,
        party: b.party_size,
    }
}

/// Capacity rules of the given rooms, as stored now (a set-up's own copy is
/// `OfficeSetup::rules`).
pub async fn rules(db: &impl ConnectionTrait, room_ids: &[i32]) -> AppResult<Vec<CapacityRule>> {
    crate::service::setup::read_rules(db, room_ids).await
}
