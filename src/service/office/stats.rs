//! How an office is used, per day or ISO week, for the office as a whole, each room and
//! each service. The figures and what they mean:
//!
//! - `bookings`: appointments (walk-ins included, holds not) starting in the period, in
//!   every status; `cancellations`, `no_shows`: those of them now cancelled or released;
//!   `check_ins`: those admitted.
//! - `no_show_rate`: no-shows ÷ (check-ins + no-shows), the share of the people due who
//!   did not come; none when nobody was due.
//! - `planned_person_minutes`: for the bookings that hold a place (all but cancelled,
//!   video appointments excepted), party size × minutes in the room, arrival margin
//!   included, as the capacity engine counts them.
//! - `limit_person_minutes`: the effective limit (base, lowered by capacity rules) times
//!   the minutes the office is open; for the office, the sum over its outermost rooms.
//!   `utilisation` is planned ÷ limit. Services have no limit of their own: none.
//! - `peak_occupancy`: the most persons planned in the room (with the rooms it encloses)
//!   at one instant of the period; for a service, of its bookings; for the office, in all
//!   its rooms.
//!
//! A room's figures count the bookings of the rooms it encloses (DOMAIN.md rule 2).

use entity::status::BookingStatus;
use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use entity::booking;
use sea_orm::{ColumnTrait, EntityTrait, FromQueryResult, QueryFilter, QuerySelect};
use serde::Deserialize;
use utoipa::IntoParams;

use crate::{
    domain::{FieldError, Role, capacity::Picture, schedule},
    error::{AppError, AppResult},
    service::{actor::Actor, db::Db, engine, setup::OfficeSetup},
};

/// `GET /api/v1/offices/{id}/statistics` parameters.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
pub struct StatsQuery {
    /// First local date, `YYYY-MM-DD`.
    pub from: Option<String>,
    /// Last local date (inclusive), at most 366 days after `from`.
    pub to: Option<String>,
    /// `day` (default) or `week` (ISO weeks).
    pub by: Option<String>,
}

pub use super::stats_types::{Stats, StatsRow};

/// The period a date falls in.
fn period_of(date: NaiveDate, weekly: bool) -> String {
    if weekly {
        let w = date.iso_week();
        format!("{}-W{:02}", w.year(), w.week())
    } else {
        date.to_string()
    }
}

/// The columns of a booking the figures need (a year of full rows costs twice as much
/// to read).
#[derive(Debug, FromQueryResult)]
struct Seen {
    room_id: i32,
    service_id: i32,
    occupies_room: bool,
    status: BookingStatus,
    start_at: DateTime<Utc>,
    end_at: DateTime<Utc>,
    room_from: DateTime<Utc>,
    party_size: i32,
    checked_in_at: Option<DateTime<Utc>>,
}

#[derive(Default)]
struct Tally {
    bookings: i64,
    check_ins: i64,
    cancellations: i64,
    no_shows: i64,
    planned: i64,
    limit: i64,
    /// Persons entering (+) and leaving (−) at instants.
    events: Vec<(DateTime<Utc>, i32)>,
}

impl Tally {
    fn count(&mut self, b: &Seen, holds_place: bool) {
        self.bookings += 1;
        self.check_ins += i64::from(b.checked_in_at.is_some());
        self.cancellations += i64::from(b.status == BookingStatus::Cancelled);
        self.no_shows += i64::from(b.status == BookingStatus::NoShow);
        if holds_place {
            self.planned += i64::from(b.party_size) * (b.end_at - b.room_from).num_minutes();
            self.events.push((b.room_from, b.party_size));
            self.events.push((b.end_at, -b.party_size));
        }
    }

    fn peak(&mut self) -> i32 {
        // Leaving before entering at the same instant: back-to-back parties do not add up.
        self.events.sort_unstable();
        let (mut now, mut peak) = (0, 0);
        for (_, delta) in &self.events {
            now += delta;
            peak = peak.max(now);
        }
        peak
    }
}

/// Limit person-minutes of `room_id` on `date`: the effective limit integrated over the
/// opening ranges (zero on a closed day).
fn limit_minutes(setup: &OfficeSetup, picture: &Picture<'_>, room_id: i32, date: NaiveDate) -> i64 {
    if setup.closed_on(date) {
        return 0;
    }
    let mut total = 0;
    for (opens, closes) in schedule::ranges_on(&setup.hours, date) {
        let (Some(&from), Some(&to)) = (
            schedule::instants_of(setup.tz, date, opens).first(),
            schedule::instants_of(setup.tz, date, closes).last(),
        ) else {
            continue;
        };
        let mut points = vec![from, to];
        for rule in picture.rules.iter().filter(|r| r.room_id == room_id) {
            points.extend(rule.boundaries(setup.tz, from, to));
        }
        points.retain(|t| *t >= from && *t <= to);
        points.sort_unstable();
        points.dedup();
        for pair in points.windows(2) {
            let limit = i64::from(picture.limit_at(room_id, pair[0]));
            total += limit * (pair[1] - pair[0]).num_minutes();
        }
    }
    total
}

fn ratio(a: i64, b: i64) -> Option<f64> {
    // Rounded to 4 places: the CSV and the JSON show the same figure.
    #[allow(clippy::cast_precision_loss)]
    (b > 0).then(|| ((a as f64 / b as f64) * 10_000.0).round() / 10_000.0)
}

fn parse_query(q: &StatsQuery, today: NaiveDate) -> AppResult<(NaiveDate, NaiveDate, bool)> {
    let mut errors = Vec::new();
    let mut date = |field: &str, raw: &Option<String>, default: NaiveDate| match raw
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())
    {
        None => Some(default),
        Some(r) => NaiveDate::parse_from_str(r, "%Y-%m-%d")
            .ok()
            .filter(|d| (2000..=2200).contains(&d.year()))
            .or_else(|| {
                errors.push(FieldError::new(field, "must be a date YYYY-MM-DD"));
                None
            }),
    };
    let to = date("to", &q.to, today);
    let from = date("from", &q.from, to.unwrap_or(today) - Duration::days(29));
    let weekly = match q.by.as_deref().map(str::trim) {
        None | Some("" | "day") => false,
        Some("week") => true,
        Some(_) => {
            errors.push(FieldError::new("by", "must be day or week"));
            false
        }
    };
    if let (Some(f), Some(t)) = (from, to)
        && (t < f || (t - f).num_days() > 366)
    {
        errors.push(FieldError::new(
            "to",
            "must be on or after from, within 366 days",
        ));
    }
    match (from, to) {
        (Some(f), Some(t)) if errors.is_empty() => Ok((f, t, weekly)),
        _ => Err(AppError::Validation(errors)),
    }
}

/// The statistics of `office_id` (its managers, admins), read from the replica when there
/// is one ([`Db::reads`]).
pub async fn office_stats(
    db: &Db,
    actor: &Actor,
    office_id: i32,
    q: &StatsQuery,
    now: DateTime<Utc>,
) -> AppResult<Stats> {
    crate::service::office::lookup::find_office(db, office_id).await?;
    actor.require(Role::Manager, office_id)?;
    let setup = db.setups.get(db.reads(), office_id).await?;
    let (from, to, weekly) = parse_query(q, schedule::local_date(setup.tz, now))?;
    let window = (
        schedule::start_of_day(setup.tz, from),
        schedule::start_of_day(setup.tz, to + Duration::days(1)),
    );
    let bookings = booking::Entity::find()
        .filter(booking::Column::OfficeId.eq(office_id))
        .filter(booking::Column::StartAt.gte(window.0))
        .filter(booking::Column::StartAt.lt(window.1))
        .filter(booking::Column::Reference.is_not_null())
        .select_only()
        .columns([
            booking::Column::RoomId,
            booking::Column::ServiceId,
            booking::Column::OccupiesRoom,
            booking::Column::Status,
            booking::Column::StartAt,
            booking::Column::EndAt,
            booking::Column::RoomFrom,
            booking::Column::PartySize,
            booking::Column::CheckedInAt,
        ])
        .into_model::<Seen>()
        .all(db.reads())
        .await?;
    let rules = engine::rules(db.reads(), &setup.room_ids()).await?;
    let picture = Picture {
        tz: setup.tz,
        rooms: &setup.rooms,
        rules: &rules,
        occupants: &[],
    };
    // (period, scope order, id) → tally; every period and room/service gets a row.
    let mut tallies: BTreeMap<(String, u8, i32), Tally> = BTreeMap::new();
    let mut date = from;
    while date <= to {
        let period = period_of(date, weekly);
        tallies
            .entry((period.clone(), 0, office_id))
            .or_default()
            .limit += setup
            .rooms
            .rooms()
            .iter()
            .filter(|r| r.parent_id.is_none())
            .map(|r| limit_minutes(&setup, &picture, r.id, date))
            .sum::<i64>();
        for room in setup.rooms.rooms() {
            tallies
                .entry((period.clone(), 1, room.id))
                .or_default()
                .limit += limit_minutes(&setup, &picture, room.id, date);
        }
        for service in &setup.services {
            tallies.entry((period.clone(), 2, service.id)).or_default();
        }
        date += Duration::days(1);
    }
    for b in &bookings {
        let period = period_of(schedule::local_date(setup.tz, b.start_at), weekly);
        let holds_place = b.occupies_room && b.status != BookingStatus::Cancelled;
        let mut count = |scope: u8, id: i32| {
            tallies
                .entry((period.clone(), scope, id))
                .or_default()
                .count(b, holds_place);
        };
        count(0, office_id);
        for room_id in setup.rooms.chain(b.room_id).to_vec() {
            count(1, room_id);
        }
        count(2, b.service_id);
    }
    let names: HashMap<(u8, i32), String> =
        std::iter::once(((0, office_id), setup.office.name.clone()))
            .chain(
                crate::service::office::lookup::rooms_of(db, office_id)
                    .await?
                    .into_iter()
                    .map(|r| ((1, r.id), r.name)),
            )
            .chain(setup.services.iter().map(|s| ((2, s.id), s.name.clone())))
            .collect();
    let rows = tallies
        .into_iter()
        .map(|((period, scope, id), mut t)| {
            let limit = (scope != 2).then_some(t.limit);
            StatsRow {
                period,
                scope: ["office", "room", "service"][usize::from(scope)].into(),
                id,
                name: names.get(&(scope, id)).cloned().unwrap_or_default(),
                bookings: t.bookings,
                check_ins: t.check_ins,
                cancellations: t.cancellations,
                no_shows: t.no_shows,
                no_show_rate: ratio(t.no_shows, t.check_ins + t.no_shows),
                planned_person_minutes: t.planned,
                limit_person_minutes: limit,
                utilisation: limit.and_then(|l| ratio(t.planned, l)),
                peak_occupancy: t.peak(),
                queue: Default::default(),
            }
        })
        .collect();
    let mut rows = rows;
    crate::service::office::queue_stats::merge(
        db,
        &setup,
        (from, to),
        |d| period_of(d, weekly),
        &mut rows,
    )
    .await?;
    Ok(Stats {
        office_id,
        from: from.to_string(),
        to: to.to_string(),
        by: if weekly { "week" } else { "day" }.into(),
        rows,
    })
}

pub use super::stats_csv::{CsvStyle, to_csv, to_csv_styled, to_sheet};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weeks_are_iso_weeks() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
        assert_eq!(period_of(d(2026, 11, 26), true), "2026-W48");
        assert_eq!(period_of(d(2027, 1, 1), true), "2026-W53");
        assert_eq!(period_of(d(2026, 11, 26), false), "2026-11-26");
    }

    #[test]
    fn peak_does_not_add_back_to_back_parties() {
        let t0 = DateTime::<Utc>::UNIX_EPOCH;
        let mut t = Tally {
            events: vec![
                (t0, 2),
                (t0 + Duration::minutes(20), -2),
                (t0 + Duration::minutes(20), 3),
                (t0 + Duration::minutes(10), 1),
                (t0 + Duration::minutes(30), -1),
                (t0 + Duration::minutes(40), -3),
            ],
            ..Tally::default()
        };
        assert_eq!(t.peak(), 4);
    }
}
