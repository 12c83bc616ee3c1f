//! The slot list: bookable starts of a service over a range of local dates, with how many
//! further one-person bookings fit at each.

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
    service::{booking::view::fmt_local, db::Db, engine, setup::OfficeSetup},
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

/// Lists bookable slots of a service between two local dates (inclusive).
pub async fn list_slots(
    db: &Db,
    office_id: i32,
    service_id: i32,
    from: NaiveDate,
    to: NaiveDate,
    now: DateTime<Utc>,
) -> AppResult<SlotList> {
    let _permit = db
        .slot_permits
        .acquire()
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    let setup = db.setups.get(&db.conn, office_id).await?;
    let service = setup.service(service_id)?;
    let tz = setup.tz;
    let today = schedule::local_date(tz, now);
    let last_bookable = today + Duration::days(i64::from(service.horizon_days));
    let earliest = now + Duration::minutes(i64::from(service.min_notice_minutes));
    let duration = i64::from(service.duration_minutes);
    let occupies_room = service.channel != "video";

    // The grid first, so the bookings can be read in one query over the span it covers.
    let mut days = Vec::new();
    let mut date = from.max(today);
    while date <= to.min(last_bookable) {
        if !setup.closed_on(date) {
            let candidates = setup.candidates(service_id, date);
            if !candidates.is_empty() {
                let ranges = schedule::ranges_on(&setup.hours, date);
                let grid: Vec<_> = schedule::slot_grid(tz, date, &ranges, duration)
                    .into_iter()
                    .filter(|s| s.start > now && s.start >= earliest)
                    .collect();
                if !grid.is_empty() {
                    days.push((candidates, grid));
                }
            }
        }
        date += Duration::days(1);
    }
    let (Some(first), Some(last)) = (
        days.first().and_then(|(_, g)| g.first()),
        days.last().and_then(|(_, g)| g.last()),
    ) else {
        return Ok(SlotList {
            office_id,
            service_id,
            timezone: setup.office.timezone.clone(),
            slots: Vec::new(),
        });
    };
    let span_from = first.start - setup.margin();
    let mut occupants =
        engine::occupants(&db.conn, office_id, span_from, last.end, now, None).await?;
    occupants.sort_by_key(|o| o.room_from);
    let rules = engine::rules(&db.conn, &setup.room_ids()).await?;
    // The evaluation is CPU work: keep it off the async workers so bookings are not
    // delayed behind a long slot list.
    let timezone = setup.office.timezone.clone();
    let slots = tokio::task::spawn_blocking(move || {
        evaluate(&setup, &days, &occupants, &rules, occupies_room)
    })
    .await
    .map_err(|e| AppError::Internal(e.into()))?;
    Ok(SlotList {
        office_id,
        service_id,
        timezone,
        slots,
    })
}

type Day = (Vec<capacity::CandidateCounter>, Vec<schedule::SlotTime>);

fn evaluate(
    setup: &OfficeSetup,
    days: &[Day],
    occupants: &[capacity::Occupant],
    rules: &[schedule::CapacityRule],
    occupies_room: bool,
) -> Vec<SlotView> {
    let tz = setup.tz;
    let longest = occupants
        .iter()
        .map(|o| o.end - o.room_from)
        .max()
        .unwrap_or_default();
    let mut slots = Vec::new();
    for (candidates, grid) in days {
        for slot in grid {
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
            let remaining = capacity::remaining(&picture, candidates, &request);
            if remaining >= 1 {
                slots.push(SlotView {
                    start: fmt_local(slot.start, tz),
                    end: fmt_local(slot.end, tz),
                    remaining,
                });
            }
        }
    }
    slots
}
