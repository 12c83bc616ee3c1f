//! The bookings around a request, summed by the database for placement (see
//! [`around`]), and the condition that says which rows occupy capacity.

use chrono::{DateTime, Duration, Utc};
use entity::status::{BookingStatus, HOLDS_PLACE_SQL};
use entity::{booking, office};
use sea_orm::{
    ColumnTrait, Condition, ConnectionTrait, ExprTrait, FromQueryResult,
    sea_query::{Expr, Query},
};

use crate::{domain::capacity::Occupant, error::AppResult};

/// The condition "occupies capacity at `now`" (DOMAIN.md rule 4). It carries
/// [`HOLDS_PLACE_SQL`] word for word, which it implies, so that both databases read
/// through the partial indexes of the rows that may hold a place.
pub fn active_condition(now: DateTime<Utc>) -> Condition {
    Condition::all().add(Expr::cust(HOLDS_PLACE_SQL)).add(
        Condition::any()
            .add(booking::Column::Status.is_in(BookingStatus::ACTIVE))
            .add(
                Condition::all()
                    .add(booking::Column::Status.eq(BookingStatus::Held))
                    .add(booking::Column::HoldExpiresAt.gt(now)),
            ),
    )
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
    let backend = db.get_database_backend();
    let statement = around_statement(backend, office_id, at, span, now, exclude);
    let rows = AroundRow::find_by_statement(backend.build(&statement))
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

/// [`around`]'s statement, public so that a test can ask each database's planner which
/// index it reads.
pub fn around_statement(
    backend: sea_orm::DatabaseBackend,
    office_id: i32,
    at: Interval,
    span: Duration,
    now: DateTime<Utc>,
    exclude: Option<i32>,
) -> sea_orm::sea_query::SelectStatement {
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
    let joined = match backend {
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
    rooms
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
