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
use entity::{booking, capacity_lock, ticket};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, DatabaseTransaction, EntityTrait, ExprTrait,
    QueryFilter, QuerySelect, QueryTrait, SqliteTransactionMode, TransactionOptions,
    TransactionTrait,
    sea_query::{Expr, OnConflict, Query},
};
use tokio::sync::OwnedMutexGuard;

mod around;
pub use around::{Around, Interval, NO_COUNTER, active_condition, around, around_statement};

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

pub use crate::service::setup::MAX_SPAN;

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
        Some(queue) => queue.turn(names.join(" ")).await,
        None => None,
    }
}

/// Takes the lock rows named, in the order given (callers sort them), in one statement:
/// under a popular start every round trip here is spent holding the locks already taken.
/// A multi-row upsert inserts (and so locks) its rows in the order of its `VALUES`, so
/// the sorted order that keeps two writers from waiting on each other in a cycle holds
/// within the statement too.
pub async fn lock(txn: &DatabaseTransaction, names: &[String]) -> AppResult<()> {
    if names.is_empty() {
        return Ok(());
    }
    let mut stmt = Query::insert();
    stmt.into_table(capacity_lock::Entity)
        .columns([capacity_lock::Column::Name, capacity_lock::Column::Version]);
    // The same row twice in one upsert is an error on PostgreSQL, so repeats are skipped.
    for (i, name) in names.iter().enumerate() {
        if names[..i].contains(name) {
            continue;
        }
        stmt.values([name.clone().into(), 1i64.into()])
            .map_err(|e| anyhow::anyhow!(e))?;
    }
    stmt.on_conflict(
        OnConflict::column(capacity_lock::Column::Name)
            .value(
                capacity_lock::Column::Version,
                Expr::col((capacity_lock::Entity, capacity_lock::Column::Version)).add(1),
            )
            .to_owned(),
    );
    txn.execute(&stmt).await?;
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
/// need (slot lists read thousands of rows), in [`OccupantRow`]'s order. Public so
/// that a test can ask each database's planner which index it reads.
pub fn occupant_query(
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
