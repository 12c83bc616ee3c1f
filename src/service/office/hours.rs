//! Opening hours, per weekday, and what shortening them does to existing bookings.

//! Setting an office up without SQL: offices, rooms, counters, services, opening hours
//! and closures. Every change is written to the audit log in the same transaction.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveTime, Utc};
use entity::opening_hours;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{
    domain::{FieldError, Role, schedule::OpeningRange},
    error::{AppError, AppResult},
    service::{
        actor::Actor,
        audit::Audit,
        db::Db,
        office::{
            input::{parse_date, parse_time, validation},
            lookup::find_office,
        },
    },
};

/// `PUT /api/v1/offices/{id}/opening-hours` body: one schedule period.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
pub struct OpeningHoursInput {
    /// First local date of the period.
    pub valid_from: String,
    /// Last local date, or null for open-ended.
    #[serde(default)]
    pub valid_to: Option<String>,
    /// Ranges per day: keys `mon` … `sun`, values `[["08:30","12:30"], …]`.
    pub weekly: BTreeMap<String, Vec<[String; 2]>>,
}

/// The stored schedule period.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct OpeningHoursView {
    /// Office id.
    pub office_id: i32,
    /// First local date.
    pub valid_from: String,
    /// Last local date.
    pub valid_to: Option<String>,
    /// Ranges per day.
    pub weekly: BTreeMap<String, Vec<[String; 2]>>,
    /// The bookings the new hours leave outside the opening hours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub impact: Option<crate::service::office::rules::Impact>,
}

const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// Replaces the schedule period starting on `valid_from` (see `domain::schedule`: the
/// period that started most recently applies on each date).
pub async fn put_opening_hours(
    db: &Db,
    actor: &Actor,
    office_id: i32,
    input: &OpeningHoursInput,
    dry_run: bool,
    now: DateTime<Utc>,
) -> AppResult<OpeningHoursView> {
    find_office(db, office_id).await?;
    actor.require(Role::Manager, office_id)?;
    let mut errors = Vec::new();
    let from = parse_date(&mut errors, "valid_from", &input.valid_from);
    let to = input
        .valid_to
        .as_deref()
        .and_then(|t| parse_date(&mut errors, "valid_to", t));
    if let (Some(f), Some(t)) = (from, to)
        && t < f
    {
        errors.push(FieldError::new("valid_to", "must not be before valid_from"));
    }
    let mut rows = Vec::new();
    for (day, ranges) in &input.weekly {
        let Some(weekday) = DAYS.iter().position(|d| d == day) else {
            errors.push(FieldError::new(
                format!("weekly.{day}"),
                "days are mon, tue, wed, thu, fri, sat, sun",
            ));
            continue;
        };
        let mut parsed: Vec<(NaiveTime, NaiveTime)> = Vec::new();
        for (i, [opens, closes]) in ranges.iter().enumerate() {
            let field = format!("weekly.{day}[{i}]");
            let (o, c) = (
                parse_time(&mut errors, &field, opens),
                parse_time(&mut errors, &field, closes),
            );
            if let (Some(o), Some(c)) = (o, c) {
                if o >= c {
                    errors.push(FieldError::new(&field, "must open before it closes"));
                } else if parsed.iter().any(|(po, pc)| o < *pc && *po < c) {
                    errors.push(FieldError::new(&field, "overlaps another range of the day"));
                } else {
                    parsed.push((o, c));
                }
            }
        }
        for (o, c) in parsed {
            rows.push((i32::try_from(weekday).unwrap_or(0) + 1, o, c));
        }
    }
    validation(errors)?;
    let Some(from) = from else {
        return Err(AppError::invalid("valid_from", "is required"));
    };
    // A period with no hours at all (closed for August) still replaces the base
    // timetable: a marker row (weekday 0, never matching a day) records the period.
    rows.push((0, NaiveTime::MIN, NaiveTime::MIN));
    let setup = db.setups.get(&db.conn, office_id).await?;
    let hours: Vec<OpeningRange> = setup
        .hours
        .iter()
        .filter(|r| r.valid_from != from)
        .cloned()
        .chain(rows.iter().map(|(weekday, opens, closes)| OpeningRange {
            valid_from: from,
            valid_to: to,
            weekday: u32::try_from(*weekday).unwrap_or(0),
            opens: *opens,
            closes: *closes,
        }))
        .collect();
    // A shortened period hands its last days back to the period before it: judge up to
    // the later of its old and new ends (open-ended: the booking horizon).
    let old_to = setup
        .hours
        .iter()
        .find(|r| r.valid_from == from)
        .map(|r| r.valid_to);
    let judged_to = match old_to {
        None => to,
        Some(old) => old.zip(to).map(|(a, b)| a.max(b)),
    };
    let mut view = OpeningHoursView {
        office_id,
        valid_from: from.to_string(),
        valid_to: to.map(|t| t.to_string()),
        weekly: input.weekly.clone(),
        impact: None,
    };
    if dry_run {
        view.impact = Some(
            crate::service::office::impact::of_hours(
                &db.conn,
                &setup,
                &hours,
                (from, judged_to),
                now,
            )
            .await?,
        );
        return Ok(view);
    }
    // Saved, the impact is read inside the transaction after the version bump (see
    // `rules::set_room_limit`).
    let (txn, _gate) = crate::service::engine::begin(db).await?;
    let before = opening_hours::Entity::find()
        .filter(opening_hours::Column::OfficeId.eq(office_id))
        .filter(opening_hours::Column::ValidFrom.eq(from))
        .all(&txn)
        .await?;
    opening_hours::Entity::delete_many()
        .filter(opening_hours::Column::OfficeId.eq(office_id))
        .filter(opening_hours::Column::ValidFrom.eq(from))
        .exec(&txn)
        .await?;
    for (weekday, opens, closes) in &rows {
        opening_hours::ActiveModel {
            office_id: Set(office_id),
            valid_from: Set(from),
            valid_to: Set(to),
            weekday: Set(*weekday),
            opens: Set(*opens),
            closes: Set(*closes),
            ..Default::default()
        }
        .insert(&txn)
        .await?;
    }
    crate::service::setup::bump_version(&txn, office_id).await?;
    view.impact = Some(
        crate::service::office::impact::of_hours(&txn, &setup, &hours, (from, judged_to), now)
            .await?,
    );
    Audit::new(
        Some(actor),
        "replace",
        "opening_hours",
        format!("{office_id}:{from}"),
    )
    .office(office_id)
    .before(&before)
    .after(&OpeningHoursView {
        impact: None,
        ..view.clone()
    })
    .write(&txn, now)
    .await?;
    txn.commit().await?;
    Ok(view)
}
