//! The slot list: bookable starts of a service over a range of local dates, with how many
//! further one-person bookings fit at each.

use std::sync::Arc;

use bytes::Bytes;
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
        slot_cache::{self, DaySlots, Evaluated, Fragment, Witness},
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

/// A slot list as the cache holds it: each listed day's evaluation, shared, and where its
/// slots still bookable at the list's instant begin. [`Listed::json`] writes it for the
/// API without copying a slot; [`Listed::into_list`] makes the owned [`SlotList`] the
/// pages use.
#[derive(Debug, Clone)]
pub struct Listed {
    /// Office id.
    pub office_id: i32,
    /// Service id.
    pub service_id: i32,
    /// The office's IANA zone.
    pub timezone: String,
    days: Vec<(Arc<DaySlots>, usize)>,
}

/// [`SlotView`] borrowed: the same fields in the same order, so the shared JSON is what
/// serialising a [`SlotList`] writes (a test holds them equal).
#[derive(Serialize)]
struct SlotRef<'a> {
    start: &'a str,
    end: &'a str,
    remaining: i32,
}

impl Listed {
    /// The slots, in time order.
    pub fn views(&self) -> impl Iterator<Item = SlotView> + '_ {
        self.days
            .iter()
            .flat_map(|(day, first)| day.slots[*first..].iter())
            .map(|s| SlotView {
                start: s.start_text.clone(),
                end: s.end_text.clone(),
                remaining: s.remaining,
            })
    }

    /// The owned list.
    pub fn into_list(self) -> SlotList {
        SlotList {
            slots: self.views().collect(),
            office_id: self.office_id,
            service_id: self.service_id,
            timezone: self.timezone,
        }
    }

    /// The list as JSON, byte for byte what serialising [`Self::into_list`] gives, in
    /// pieces: the head, each day's shared buffer (made on the day's first list), the
    /// tail. Their total length is known, so the response can say it up front.
    pub fn json(&self) -> AppResult<Vec<Bytes>> {
        let mut head = format!(
            "{{\"office_id\":{},\"service_id\":{},\"timezone\":",
            self.office_id, self.service_id
        );
        head.push_str(
            &serde_json::to_string(&self.timezone).map_err(|e| AppError::Internal(e.into()))?,
        );
        head.push_str(",\"slots\":[");
        let mut parts = vec![Bytes::from(head)];
        for (i, (day, first)) in self.days.iter().enumerate() {
            if i > 0 {
                parts.push(Bytes::from_static(b","));
            }
            parts.push(day.json_from(*first, write_day)?);
        }
        parts.push(Bytes::from_static(b"]}"));
        Ok(parts)
    }
}

/// A day's slots as JSON objects, comma-separated.
fn write_day(slots: &[Evaluated]) -> AppResult<Fragment> {
    let mut bytes = Vec::with_capacity(slots.len() * 96);
    let mut offsets = Vec::with_capacity(slots.len());
    for (i, s) in slots.iter().enumerate() {
        if i > 0 {
            bytes.push(b',');
        }
        offsets.push(
            u32::try_from(bytes.len()).map_err(|e| AppError::Internal(anyhow::Error::from(e)))?,
        );
        serde_json::to_writer(
            &mut bytes,
            &SlotRef {
                start: &s.start_text,
                end: &s.end_text,
                remaining: s.remaining,
            },
        )
        .map_err(|e| AppError::Internal(e.into()))?;
    }
    Ok(Fragment {
        bytes: bytes.into(),
        offsets,
    })
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
    Ok(listed(db, office_id, service_id, from, to, now)
        .await?
        .into_list())
}

/// [`list_slots`], kept as the cache holds it (see [`Listed`]). Read from the replica
/// when there is one ([`Db::reads`]): a list that lags at worst offers a place that the
/// booking, checked on the primary, then refuses with 409.
pub async fn listed(
    db: &Db,
    office_id: i32,
    service_id: i32,
    from: NaiveDate,
    to: NaiveDate,
    now: DateTime<Utc>,
) -> AppResult<Listed> {
    let setup = db.setups.get(db.reads(), office_id).await?;
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
    let versions = slot_cache::booking_versions(db.reads(), &setup.room_ids(), &spans).await?;
    let witness = |i: usize| Witness {
        config: setup.office.config_version,
        bookings: versions[i],
    };
    let mut evaluated: Vec<Option<Arc<DaySlots>>> = days
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
            db.reads(),
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
            let slots = Arc::new(DaySlots::new(slots));
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
    // A day's slots are in time order, so those already past (or too soon) are a prefix.
    let days = evaluated
        .into_iter()
        .flatten()
        .map(|day| {
            let first = day
                .slots
                .partition_point(|s| !(s.start > now && s.start >= earliest));
            (day, first)
        })
        .filter(|(day, first)| *first < day.slots.len())
        .collect();
    Ok(Listed {
        office_id,
        service_id,
        timezone: setup.office.timezone.clone(),
        days,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn slot(start: DateTime<Utc>, remaining: i32) -> Evaluated {
        let tz = chrono_tz::Europe::Rome;
        Evaluated {
            start,
            start_text: fmt_local(start, tz),
            end_text: fmt_local(start + Duration::minutes(20), tz),
            remaining,
        }
    }

    /// The API's shared JSON must be exactly what the documented `SlotList` serialises
    /// to, for whole days, days cut by the list's instant, and the empty list.
    #[test]
    fn the_shared_json_is_the_slot_lists_own() -> anyhow::Result<()> {
        let t = |h: u32, m: u32| {
            chrono::NaiveDate::from_ymd_opt(2026, 3, 20)
                .and_then(|d| d.and_hms_opt(h, m, 0))
                .map(|d| d.and_utc())
                .ok_or_else(|| anyhow::anyhow!("bad time"))
        };
        let day1 = Arc::new(DaySlots::new(vec![
            slot(t(9, 20)?, 2),
            slot(t(8, 0)?, 1),
            slot(t(8, 40)?, 3),
        ]));
        let day2 = Arc::new(DaySlots::new(vec![slot(t(10, 0)? + Duration::days(1), 4)]));
        let cases = [
            vec![(day1.clone(), 0), (day2.clone(), 0)],
            vec![(day1.clone(), 2), (day2.clone(), 0)],
            vec![(day1.clone(), 1)],
            vec![],
        ];
        for days in cases {
            let listed = Listed {
                office_id: 7,
                service_id: 12,
                timezone: "Europe/Rome".into(),
                days,
            };
            let shared: Vec<u8> = listed.json()?.concat();
            let owned = serde_json::to_vec(&listed.clone().into_list())?;
            assert_eq!(String::from_utf8(shared)?, String::from_utf8(owned)?);
        }
        // A day is put in time order, and a cut starts at the cut slot.
        let list = Listed {
            office_id: 7,
            service_id: 12,
            timezone: "Europe/Rome".into(),
            days: vec![(day1, 1)],
        }
        .into_list();
        let starts: Vec<_> = list.slots.iter().map(|s| s.start.as_str()).collect();
        assert_eq!(
            starts,
            ["2026-03-20T09:40:00+01:00", "2026-03-20T10:20:00+01:00"]
        );
        Ok(())
    }
}
