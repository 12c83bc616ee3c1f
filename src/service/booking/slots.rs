//! The slot list: bookable starts of a service over a range of local dates, with how many
//! further one-person bookings fit at each.

use std::sync::Arc;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{
    domain::{
        FieldError,
        capacity::{self, Picture, Request},
        schedule,
    },
    error::{AppError, AppResult},
    service::{
        booking::view::fmt_local,
        db::Db,
        engine,
        setup::OfficeSetup,
        slot_cache::{self, Evaluated, Witness},
    },
};

/// The longest range one request may ask for (API.md).
pub const MAX_RANGE_DAYS: i64 = 62;

/// One bookable slot.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SlotView {
    /// Start in the office's zone.
    pub start: String,
    /// End in the office's zone.
    pub end: String,
    /// Further one-person bookings that fit.
    pub remaining: i32,
}

/// The slot list of a service.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct SlotList {
    /// Office id.
    pub office_id: i32,
    /// Service id.
    pub service_id: i32,
    /// The office's IANA zone.
    pub timezone: String,
    /// Bookable slots in time order.
    pub slots: Vec<SlotView>,
}

/// Parses the `from`/`to` query dates and checks the range.
pub fn parse_range(from: &str, to: &str) -> AppResult<(NaiveDate, NaiveDate)> {
    let mut errors = Vec::new();
    let parse = |field: &str, raw: &str, errors: &mut Vec<FieldError>| {
        crate::domain::schedule::parse_date(raw).or_else(|| {
            errors.push(FieldError::new(
                field,
                "must be a date YYYY-MM-DD between 2000 and 2200",
            ));
            None
        })
    };
    let from = parse("from", from, &mut errors);
    let to = parse("to", to, &mut errors);
    match (from, to) {
        (Some(f), Some(t)) if t < f => Err(AppError::invalid("to", "must not be before from")),
        (Some(f), Some(t)) if (t - f).num_days() > MAX_RANGE_DAYS => Err(AppError::invalid(
            "to",
            format!("the range may span at most {MAX_RANGE_DAYS} days"),
        )),
        (Some(f), Some(t)) => Ok((f, t)),
        _ => Err(AppError::Validation(errors)),
    }
}

/// Lists bookable slots of a service between two local dates (inclusive). Days whose
/// evaluation is cached and still current (see `slot_cache`) cost one version query for
/// all of them; the others are evaluated from one read of their bookings.
pub async fn list_slots(
    db: &Db,
    office_id: i32,
    service_id: i32,
    from: NaiveDate,
    to: NaiveDate,
    now: DateTime<Utc>,
) -> AppResult<SlotList> {
    let setup = db.setups.get(&db.conn, office_id).await?;
    let service = setup.service(service_id)?;
    let tz = setup.tz;
    let today = schedule::local_date(tz, now);
    let last_bookable = today + Duration::days(i64::from(service.horizon_days));
    let earliest = now + Duration::minutes(i64::from(service.min_notice_minutes));
    let occupies_room = service.channel != "video";

    // Each day's whole grid is evaluated (and cached), so that the entry still serves
    // when the clock has moved on; the days without a bookable slot left are skipped.
    let mut days: Vec<Day> = Vec::new();
    let mut date = from.max(today);
    while date <= to.min(last_bookable) {
        let plan = db.slot_cache.plan(
            (office_id, service_id, date),
            setup.office.config_version,
            || plan_of(&setup, service_id, date),
        );
        if let Some((span, last_start)) = plan
            && last_start > now
            && last_start >= earliest
        {
            days.push(Day { date, span });
        }
        date += Duration::days(1);
    }
    let spans: Vec<_> = days.iter().map(|d| d.span).collect();
    let versions = slot_cache::booking_versions(&db.conn, &setup.room_ids(), &spans).await?;
    let witness = |i: usize| Witness {
        config: setup.office.config_version,
        bookings: versions[i],
    };
    let mut evaluated: Vec<Option<Arc<[Evaluated]>>> = days
        .iter()
        .enumerate()
        .map(|(i, d)| {
            db.slot_cache
                .get((office_id, service_id, d.date), witness(i), now)
        })
        .collect();
    let mut misses: Vec<usize> = (0..days.len())
        .filter(|i| evaluated[*i].is_none())
        .collect();
    let _turn = if misses.is_empty() {
        None
    } else {
        db.slot_cache.turn(office_id, service_id).await
    };
    // Another list may have evaluated these days while this one waited for its turn.
    misses.retain(|i| {
        evaluated[*i] = db
            .slot_cache
            .get((office_id, service_id, days[*i].date), witness(*i), now);
        evaluated[*i].is_none()
    });
    if let (Some(&first), Some(&last)) = (misses.first(), misses.last()) {
        let _permit = db
            .slot_permits
            .acquire()
            .await
            .map_err(|e| AppError::Internal(e.into()))?;
        let (mut occupants, lapse) = engine::occupants_with_lapse(
            &db.conn,
            office_id,
            (spans[first].0, spans[last].1),
            setup.span(),
            now,
            None,
        )
        .await?;
        occupants.sort_by_key(|o| o.room_from);
        let rules = setup.rules.clone();
        let lapses = lapse.map_or(now + slot_cache::MAX_AGE, |t| {
            t.min(now + slot_cache::MAX_AGE)
        });
        // The evaluation is CPU work: keep it off the async workers so bookings are not
        // delayed behind a long slot list.
        let todo: Vec<Day> = misses.iter().map(|i| days[*i]).collect();
        let setup_for_work = setup.clone();
        let fresh = tokio::task::spawn_blocking(move || {
            todo.iter()
                .map(|d| {
                    evaluate(
                        &setup_for_work,
                        service_id,
                        d,
                        &occupants,
                        &rules,
                        occupies_room,
                    )
                })
                .collect::<Vec<_>>()
        })
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
        for (i, slots) in misses.into_iter().zip(fresh) {
            let slots: Arc<[Evaluated]> = slots.into();
            db.slot_cache.put(
                (office_id, service_id, days[i].date),
                witness(i),
                lapses,
                slots.clone(),
                now,
            );
            evaluated[i] = Some(slots);
        }
    }
    let slots = evaluated
        .iter()
        .flatten()
        .flat_map(|day| day.iter())
        .filter(|s| s.start > now && s.start >= earliest)
        .map(|s| SlotView {
            start: s.start_text.clone(),
            end: s.end_text.clone(),
            remaining: s.remaining,
        })
        .collect();
    Ok(SlotList {
        office_id,
        service_id,
        timezone: setup.office.timezone.clone(),
        slots,
    })
}

/// A day to list and the instants its slots occupy.
#[derive(Debug, Clone, Copy)]
struct Day {
    date: NaiveDate,
    span: (DateTime<Utc>, DateTime<Utc>),
}

/// The slot grid of a service on a date (none when the office or every counter of the
/// service is closed), with the counters that may take its slots.
fn grid_of(
    setup: &OfficeSetup,
    service_id: i32,
    date: NaiveDate,
) -> (Vec<capacity::CandidateCounter>, Vec<schedule::SlotTime>) {
    let Ok(service) = setup.service(service_id) else {
        return (Vec::new(), Vec::new());
    };
    if setup.closed_on(date) {
        return (Vec::new(), Vec::new());
    }
    let candidates = setup.candidates(service_id, date);
    if candidates.is_empty() {
        return (candidates, Vec::new());
    }
    let ranges = schedule::ranges_on(&setup.hours, date);
    let duration = i64::from(service.duration_minutes);
    let grid = schedule::slot_grid(setup.tz, date, &ranges, duration);
    (candidates, grid)
}

fn plan_of(setup: &OfficeSetup, service_id: i32, date: NaiveDate) -> slot_cache::Plan {
    let (_, grid) = grid_of(setup, service_id, date);
    let (first, last) = (grid.first()?, grid.last()?);
    Some(((first.start - setup.margin(), last.end), last.start))
}

/// Every slot of a day with room for one more person.
fn evaluate(
    setup: &OfficeSetup,
    service_id: i32,
    day: &Day,
    occupants: &[capacity::Occupant],
    rules: &[schedule::CapacityRule],
    occupies_room: bool,
) -> Vec<Evaluated> {
    let tz = setup.tz;
    let (candidates, grid) = grid_of(setup, service_id, day.date);
    let longest = occupants
        .iter()
        .map(|o| o.end - o.room_from)
        .max()
        .unwrap_or_default();
    let mut slots = Vec::new();
    for slot in &grid {
        let request = Request {
            start: slot.start,
            end: slot.end,
            room_from: slot.start - setup.margin(),
            party: 1,
            occupies_room,
        };
        // Only the bookings overlapping this slot matter. Sorted by the start of their
        // room interval, they lie in a window found by two binary searches, so the
        // work per slot follows the bookings around it, not those of the month.
        let from = request.room_from.min(request.start);
        let lo = occupants.partition_point(|o| o.room_from < from - longest);
        let hi = occupants.partition_point(|o| o.room_from < request.end);
        let near: Vec<_> = occupants[lo..hi.max(lo)]
            .iter()
            .filter(|o| o.end > from)
            .cloned()
            .collect();
        let picture = Picture {
            tz,
            rooms: &setup.rooms,
            rules,
            occupants: &near,
        };
        let remaining = capacity::remaining(&picture, &candidates, &request);
        if remaining >= 1 {
            slots.push(Evaluated {
                start: slot.start,
                start_text: fmt_local(slot.start, tz),
                end_text: fmt_local(slot.end, tz),
                remaining,
            });
        }
    }
    slots
}
