//! What closing days or shortening opening hours does to existing bookings (DOMAIN.md
//! rule 7: nothing is cancelled silently). A closed time has, in effect, a limit of
//! zero: the impact lists the affected bookings and, room by room, the intervals where
//! their persons would be in a closed office, in the same shape as a capacity rule's
//! impact so one preview page and one "notify" button serve every change.

use std::collections::BTreeSet;

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Timelike, Utc};
use entity::booking;
use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::{
    domain::{
        capacity::Picture,
        schedule::{self, CapacityRule, OpeningRange},
    },
    error::AppResult,
    service::{
        booking::view::fmt_local,
        engine,
        office::rules::{Impact, OverLimit},
        setup::OfficeSetup,
    },
};

/// Bookings (not holds) of the office that are active and start in `[from, to)`.
async fn bookings_starting(
    db: &impl ConnectionTrait,
    setup: &OfficeSetup,
    (from, to): (DateTime<Utc>, DateTime<Utc>),
    now: DateTime<Utc>,
) -> AppResult<Vec<booking::Model>> {
    if to <= from {
        return Ok(Vec::new());
    }
    Ok(booking::Entity::find()
        .filter(booking::Column::OfficeId.eq(setup.office.id))
        .filter(booking::Column::StartAt.gte(from))
        .filter(booking::Column::StartAt.lt(to))
        .filter(booking::Column::Reference.is_not_null())
        .filter(engine::active_condition(now))
        .all(db)
        .await?)
}

/// The impact of `affected` when `closed` (rules of limit 0) applies: their references,
/// and per room they are in, the intervals over the (zero) limit.
fn impact_of(
    setup: &OfficeSetup,
    affected: &[booking::Model],
    closed: &[CapacityRule],
    window: (DateTime<Utc>, DateTime<Utc>),
) -> Impact {
    let occupants: Vec<_> = affected.iter().map(engine::occupant_of).collect();
    let picture = Picture {
        tz: setup.tz,
        rooms: &setup.rooms,
        rules: closed,
        occupants: &occupants,
    };
    let rooms: BTreeSet<i32> = affected
        .iter()
        .filter(|b| b.occupies_room)
        .map(|b| b.room_id)
        .collect();
    let from = affected
        .iter()
        .map(|b| b.room_from)
        .min()
        .unwrap_or(window.0)
        .min(window.0);
    let mut over_limit = Vec::new();
    for room_id in rooms {
        for (f, t, planned, limit) in picture.over_limit(room_id, from, window.1) {
            over_limit.push(OverLimit {
                room_id,
                from: fmt_local(f, setup.tz),
                to: fmt_local(t, setup.tz),
                planned,
                limit,
            });
        }
    }
    let mut references: Vec<String> = affected
        .iter()
        .filter_map(|b| b.reference.clone())
        .collect();
    references.sort();
    references.dedup();
    Impact {
        over_limit,
        affected_bookings: references,
    }
}

/// A rule closing `room_id` on `date` from `from` to `to` (`None`: the day's edges).
fn closed_rule(
    room_id: i32,
    date: NaiveDate,
    from: Option<NaiveTime>,
    to: Option<NaiveTime>,
) -> CapacityRule {
    CapacityRule {
        room_id,
        valid_from: date,
        valid_to: date,
        weekdays: None,
        from_time: from,
        to_time: to,
        occupancy_limit: 0,
    }
}

/// The impact of closing the office (or one counter) from `from` to `to`, local dates
/// inclusive, on the bookings from `now` on.
pub async fn of_closure(
    db: &impl ConnectionTrait,
    setup: &OfficeSetup,
    counter_id: Option<i32>,
    (from, to): (NaiveDate, NaiveDate),
    now: DateTime<Utc>,
) -> AppResult<Impact> {
    let window = (
        schedule::start_of_day(setup.tz, from).max(now),
        schedule::start_of_day(setup.tz, to + Duration::days(1)),
    );
    let affected: Vec<_> = bookings_starting(db, setup, window, now)
        .await?
        .into_iter()
        .filter(|b| counter_id.is_none_or(|c| b.counter_id == c))
        .collect();
    // A closed counter leaves the rooms open: its bookings are affected, no room is over.
    let closed: Vec<CapacityRule> = if counter_id.is_some() {
        Vec::new()
    } else {
        setup
            .room_ids()
            .into_iter()
            .map(|room_id| CapacityRule {
                valid_to: to,
                ..closed_rule(room_id, from, None, None)
            })
            .collect()
    };
    let mut impact = impact_of(setup, &affected, &closed, window);
    if counter_id.is_some() {
        impact.over_limit.clear();
    }
    Ok(impact)
}

/// The complement of a day's opening ranges: `(from, to)` with `None` for the day's edges.
fn closed_parts(open: &[(NaiveTime, NaiveTime)]) -> Vec<(Option<NaiveTime>, Option<NaiveTime>)> {
    let mut out = Vec::new();
    let mut cursor: Option<NaiveTime> = None;
    for (opens, closes) in open {
        if cursor.is_none_or(|c| c < *opens) && *opens > NaiveTime::MIN {
            out.push((cursor, Some(*opens)));
        }
        cursor = Some(*closes);
    }
    // A range closing at 23:59 or later leaves nothing of the day.
    if cursor.is_none_or(|c| c.hour() < 23 || c.minute() < 59) {
        out.push((cursor, None));
    }
    out
}

/// The impact of the schedule `hours` (the office's periods with the changed one in
/// place) on the bookings from `from` (or now) to `to` (open-ended: the booking horizon):
/// every booking no longer wholly inside its day's opening hours.
pub async fn of_hours(
    db: &impl ConnectionTrait,
    setup: &OfficeSetup,
    hours: &[OpeningRange],
    (from, to): (NaiveDate, Option<NaiveDate>),
    now: DateTime<Utc>,
) -> AppResult<Impact> {
    let horizon = setup
        .services
        .iter()
        .map(|s| s.horizon_days)
        .max()
        .unwrap_or(0);
    let end = match to {
        Some(to) => schedule::start_of_day(setup.tz, to + Duration::days(1)),
        None => now + Duration::days(i64::from(horizon) + 2),
    };
    let window = (schedule::start_of_day(setup.tz, from).max(now), end);
    let rows = bookings_starting(db, setup, window, now).await?;
    let mut affected = Vec::new();
    let mut closed = Vec::new();
    let mut dates = BTreeSet::new();
    for b in rows {
        let date = schedule::local_date(setup.tz, b.start_at);
        let open = schedule::ranges_on(hours, date);
        let start = b.start_at.with_timezone(&setup.tz).time();
        let end_local = b.end_at.with_timezone(&setup.tz);
        // An appointment ending at midnight ends at the day's edge, not at 00:00.
        let end = if end_local.date_naive() > date {
            NaiveTime::from_hms_opt(23, 59, 59).unwrap_or(NaiveTime::MIN)
        } else {
            end_local.time()
        };
        if open.iter().any(|(o, c)| *o <= start && end <= *c) {
            continue;
        }
        if dates.insert(date) {
            for room_id in setup.room_ids() {
                for (f, t) in closed_parts(&open) {
                    closed.push(closed_rule(room_id, date, f, t));
                }
            }
        }
        affected.push(b);
    }
    Ok(impact_of(setup, &affected, &closed, window))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(h: u32, m: u32) -> NaiveTime {
        NaiveTime::from_hms_opt(h, m, 0).unwrap_or(NaiveTime::MIN)
    }

    #[test]
    fn closed_parts_are_the_gaps_of_the_day() {
        assert_eq!(closed_parts(&[]), vec![(None, None)]);
        assert_eq!(
            closed_parts(&[(t(8, 30), t(12, 30)), (t(15, 0), t(17, 0))]),
            vec![
                (None, Some(t(8, 30))),
                (Some(t(12, 30)), Some(t(15, 0))),
                (Some(t(17, 0)), None)
            ]
        );
        assert_eq!(
            closed_parts(&[(t(0, 0), t(23, 59))]),
            Vec::<(Option<NaiveTime>, Option<NaiveTime>)>::new()
        );
    }
}

/// An affected booking as the impact page lists it.
#[derive(Debug, Clone)]
pub struct AffectedBooking {
    pub reference: String,
    /// Local start and end, `HH:MM`, and the local date.
    pub date: NaiveDate,
    pub from: String,
    pub to: String,
    pub name: String,
    pub party_size: i32,
    pub status: entity::status::BookingStatus,
    /// The lowest limit the change leaves over its time: a party larger than it can
    /// never be placed again at that time.
    pub never_fits: bool,
}

/// The affected bookings of an impact with what a manager needs to decide (their office's
/// only: the references come from the impact just computed for `office_id`).
pub async fn affected_bookings(
    db: &crate::service::db::Db,
    actor: &crate::service::actor::Actor,
    office_id: i32,
    impact: &Impact,
) -> AppResult<Vec<AffectedBooking>> {
    actor.require(crate::domain::Role::Manager, office_id)?;
    let setup = db.setups.get(&db.conn, office_id).await?;
    let mut rows = Vec::with_capacity(impact.affected_bookings.len());
    for chunk in impact.affected_bookings.chunks(500) {
        rows.extend(
            booking::Entity::find()
                .filter(booking::Column::OfficeId.eq(office_id))
                .filter(booking::Column::Reference.is_in(chunk.to_vec()))
                .all(&db.conn)
                .await?,
        );
    }
    rows.sort_by_key(|b| b.start_at);
    let over: Vec<(i32, DateTime<Utc>, DateTime<Utc>, i32)> = impact
        .over_limit
        .iter()
        .filter_map(|o| {
            let from = DateTime::parse_from_rfc3339(&o.from)
                .ok()?
                .with_timezone(&Utc);
            let to = DateTime::parse_from_rfc3339(&o.to)
                .ok()?
                .with_timezone(&Utc);
            Some((o.room_id, from, to, o.limit))
        })
        .collect();
    let tz = setup.tz;
    Ok(rows
        .into_iter()
        .map(|b| {
            // Only a limit of a room the party is counted in (its own or one enclosing it),
            // and above zero: a closure or shortened hours (limit 0) leave the party no
            // time that day, which is not a matter of its size.
            let rooms = setup.rooms.chain(b.room_id);
            let lowest = over
                .iter()
                .filter(|(room, from, to, limit)| {
                    b.occupies_room
                        && *limit > 0
                        && rooms.contains(room)
                        && *from < b.end_at
                        && b.room_from < *to
                })
                .map(|(_, _, _, limit)| *limit)
                .min();
            AffectedBooking {
                reference: b.reference.clone().unwrap_or_default(),
                date: b.start_at.with_timezone(&tz).date_naive(),
                from: b.start_at.with_timezone(&tz).format("%H:%M").to_string(),
                to: b.end_at.with_timezone(&tz).format("%H:%M").to_string(),
                name: b.citizen_name.clone().unwrap_or_default(),
                party_size: b.party_size,
                status: b.status,
                never_fits: lowest.is_some_and(|l| b.party_size > l),
            }
        })
        .collect())
}
