//! Setting an office up without SQL: offices, rooms, counters, services, opening hours
//! and closures. Every change is written to the audit log in the same transaction.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use entity::{closure, counter, counter_service, office, opening_hours, room, service};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{
    domain::{Channel, FieldError, Role, schedule::OpeningRange},
    error::{AppError, AppResult},
    service::{audit::Audit, auth::Actor, db::Db},
};

fn validation(errors: Vec<FieldError>) -> AppResult<()> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Validation(errors))
    }
}

fn check_name(errors: &mut Vec<FieldError>, field: &str, value: &str) {
    let len = value.trim().chars().count();
    if len == 0 || len > 200 {
        errors.push(FieldError::new(field, "must have 1 to 200 characters"));
    }
}

fn check_range(errors: &mut Vec<FieldError>, field: &str, value: i32, min: i32, max: i32) {
    if !(min..=max).contains(&value) {
        errors.push(FieldError::new(
            field,
            format!("must be between {min} and {max}"),
        ));
    }
}

/// `POST /api/v1/offices` body.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
pub struct OfficeInput {
    /// Display name.
    pub name: String,
    /// Street address.
    #[serde(default)]
    pub address: String,
    /// IANA zone, default `Europe/Rome`.
    #[serde(default)]
    pub timezone: Option<String>,
    /// Minutes citizens wait in the room before their turn (default 0).
    #[serde(default)]
    pub arrival_margin_minutes: Option<i32>,
    /// Email citizens whose booking is released as a no-show (default false).
    #[serde(default)]
    pub no_show_email: Option<bool>,
}

/// `PATCH /api/v1/offices/{id}` body: the office's settings.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
pub struct OfficeSettings {
    /// Email citizens whose booking is released as a no-show.
    pub no_show_email: bool,
}

/// Changes an office's settings (its managers, admins).
pub async fn update_settings(
    db: &Db,
    actor: &Actor,
    office_id: i32,
    input: &OfficeSettings,
    now: DateTime<Utc>,
) -> AppResult<OfficeSettings> {
    let before = find_office(db, office_id).await?;
    actor.require(Role::Manager, office_id)?;
    let (txn, _gate) = crate::service::capacity::begin(db).await?;
    let mut row: office::ActiveModel = before.clone().into();
    row.no_show_email = Set(input.no_show_email);
    let saved = row.update(&txn).await?;
    crate::service::office::bump_version(&txn, office_id).await?;
    Audit::new(Some(actor), "update", "office", office_id)
        .office(office_id)
        .before(&OfficeSettings {
            no_show_email: before.no_show_email,
        })
        .after(&OfficeSettings {
            no_show_email: saved.no_show_email,
        })
        .write(&txn, now)
        .await?;
    txn.commit().await?;
    Ok(OfficeSettings {
        no_show_email: saved.no_show_email,
    })
}

/// Creates an office (admins only).
pub async fn create_office(
    db: &Db,
    actor: &Actor,
    input: &OfficeInput,
    now: DateTime<Utc>,
) -> AppResult<OfficeView> {
    actor.require_admin()?;
    let mut errors = Vec::new();
    check_name(&mut errors, "name", &input.name);
    let timezone = input
        .timezone
        .clone()
        .unwrap_or_else(|| "Europe/Rome".into());
    if timezone.parse::<Tz>().is_err() {
        errors.push(FieldError::new(
            "timezone",
            "must be an IANA time zone such as Europe/Rome",
        ));
    }
    let margin = input.arrival_margin_minutes.unwrap_or(0);
    check_range(&mut errors, "arrival_margin_minutes", margin, 0, 240);
    validation(errors)?;
    let (txn, _gate) = crate::service::capacity::begin(db).await?;
    let created = office::ActiveModel {
        name: Set(input.name.trim().into()),
        address: Set(input.address.trim().into()),
        timezone: Set(timezone),
        arrival_margin_minutes: Set(margin),
        no_show_email: Set(input.no_show_email.unwrap_or(false)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    Audit::new(Some(actor), "create", "office", created.id)
        .office(created.id)
        .after(&created)
        .write(&txn, now)
        .await?;
    txn.commit().await?;
    Ok(OfficeView {
        id: created.id,
        name: created.name,
        address: created.address,
        timezone: created.timezone,
        arrival_margin_minutes: created.arrival_margin_minutes,
        rooms: Vec::new(),
        services: Vec::new(),
    })
}

/// `POST /api/v1/offices/{id}/rooms` body.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
pub struct RoomInput {
    /// Display name.
    pub name: String,
    /// Most persons at any instant.
    pub occupancy_limit: i32,
    /// The enclosing room (area, corridor), in the same office.
    #[serde(default)]
    pub parent_room_id: Option<i32>,
}

/// Creates a room in an office (its manager, or an admin).
pub async fn create_room(
    db: &Db,
    actor: &Actor,
    office_id: i32,
    input: &RoomInput,
    now: DateTime<Utc>,
) -> AppResult<RoomView> {
    find_office(db, office_id).await?;
    actor.require(Role::Manager, office_id)?;
    let mut errors = Vec::new();
    check_name(&mut errors, "name", &input.name);
    check_range(
        &mut errors,
        "occupancy_limit",
        input.occupancy_limit,
        0,
        100_000,
    );
    if let Some(parent) = input.parent_room_id {
        let found = room::Entity::find_by_id(parent).one(&db.conn).await?;
        if found.is_none_or(|p| p.office_id != office_id) {
            errors.push(FieldError::new(
                "parent_room_id",
                "must be a room of the same office",
            ));
        }
    }
    validation(errors)?;
    let (txn, _gate) = crate::service::capacity::begin(db).await?;
    let created = room::ActiveModel {
        office_id: Set(office_id),
        parent_room_id: Set(input.parent_room_id),
        name: Set(input.name.trim().into()),
        occupancy_limit: Set(input.occupancy_limit),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    crate::service::office::bump_version(&txn, office_id).await?;
    Audit::new(Some(actor), "create", "room", created.id)
        .office(created.office_id)
        .after(&created)
        .write(&txn, now)
        .await?;
    txn.commit().await?;
    Ok(RoomView {
        id: created.id,
        name: created.name,
        occupancy_limit: created.occupancy_limit,
        parent_room_id: created.parent_room_id,
    })
}

/// `POST /api/v1/rooms/{id}/counters` body.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
pub struct CounterInput {
    /// Display name, e.g. "Sportello 3".
    pub name: String,
    /// Services this counter offers (of the same office).
    #[serde(default)]
    pub service_ids: Vec<i32>,
}

/// A counter and the services it offers.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CounterView {
    /// Counter id.
    pub id: i32,
    /// Office id.
    pub office_id: i32,
    /// Room id.
    pub room_id: i32,
    /// Display name.
    pub name: String,
    /// Whether it takes appointments.
    pub active: bool,
    /// Services offered.
    pub service_ids: Vec<i32>,
}

/// Creates a counter in a room.
pub async fn create_counter(
    db: &Db,
    actor: &Actor,
    room_id: i32,
    input: &CounterInput,
    now: DateTime<Utc>,
) -> AppResult<CounterView> {
    let room = room::Entity::find_by_id(room_id)
        .one(&db.conn)
        .await?
        .ok_or_else(|| AppError::not_found("There is no such room."))?;
    actor.require(Role::Manager, room.office_id)?;
    let mut errors = Vec::new();
    check_name(&mut errors, "name", &input.name);
    let services = service::Entity::find()
        .filter(service::Column::Id.is_in(input.service_ids.clone()))
        .filter(service::Column::OfficeId.eq(room.office_id))
        .all(&db.conn)
        .await?;
    let mut ids = input.service_ids.clone();
    ids.sort_unstable();
    ids.dedup();
    if services.len() != ids.len() {
        errors.push(FieldError::new(
            "service_ids",
            "every service must belong to the room's office",
        ));
    }
    validation(errors)?;
    let (txn, _gate) = crate::service::capacity::begin(db).await?;
    let created = counter::ActiveModel {
        office_id: Set(room.office_id),
        room_id: Set(room_id),
        name: Set(input.name.trim().into()),
        active: Set(true),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    for service_id in &ids {
        counter_service::ActiveModel {
            counter_id: Set(created.id),
            service_id: Set(*service_id),
        }
        .insert(&txn)
        .await?;
    }
    let view = CounterView {
        id: created.id,
        office_id: created.office_id,
        room_id,
        name: created.name.clone(),
        active: true,
        service_ids: ids,
    };
    crate::service::office::bump_version(&txn, room.office_id).await?;
    Audit::new(Some(actor), "create", "counter", created.id)
        .office(created.office_id)
        .after(&view)
        .write(&txn, now)
        .await?;
    txn.commit().await?;
    Ok(view)
}

/// `POST /api/v1/offices/{id}/services` body.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
pub struct ServiceInput {
    /// Display name.
    pub name: String,
    /// Appointment length.
    pub duration_minutes: i32,
    /// How many local days ahead it can be booked.
    pub horizon_days: i32,
    /// Bookings close this long before the start.
    pub min_notice_minutes: i32,
    /// A booking not checked in by start + grace is a no-show.
    pub no_show_grace_minutes: i32,
    /// Active future bookings a citizen may hold (default 1).
    #[serde(default)]
    pub max_active_per_citizen: Option<i32>,
    /// `in_person` (default) or `video`.
    #[serde(default)]
    pub channel: Option<String>,
    /// Shown in the confirmation (documents, fees).
    #[serde(default)]
    pub what_to_bring: Option<String>,
    /// Ask citizens to reconfirm this many days before the start (2–60); a booking not
    /// reconfirmed a day before its start is released. Default: not asked.
    #[serde(default)]
    pub reconfirm_days: Option<i32>,
}

/// A service's values checked: (channel, active bookings per citizen, what to bring).
fn validate_service(input: &ServiceInput) -> AppResult<(Channel, i32, String)> {
    let mut errors = Vec::new();
    check_name(&mut errors, "name", &input.name);
    check_range(
        &mut errors,
        "duration_minutes",
        input.duration_minutes,
        5,
        480,
    );
    check_range(&mut errors, "horizon_days", input.horizon_days, 0, 730);
    check_range(
        &mut errors,
        "min_notice_minutes",
        input.min_notice_minutes,
        0,
        43_200,
    );
    check_range(
        &mut errors,
        "no_show_grace_minutes",
        input.no_show_grace_minutes,
        0,
        480,
    );
    let max_active = input.max_active_per_citizen.unwrap_or(1);
    check_range(&mut errors, "max_active_per_citizen", max_active, 1, 1000);
    let channel = Channel::parse(input.channel.as_deref().unwrap_or("in_person"))
        .map_err(|m| errors.push(FieldError::new("channel", m)))
        .ok();
    let what_to_bring = input.what_to_bring.clone().unwrap_or_default();
    if what_to_bring.chars().count() > 2000 {
        errors.push(FieldError::new(
            "what_to_bring",
            "must have at most 2000 characters",
        ));
    }
    if let Some(days) = input.reconfirm_days {
        check_range(&mut errors, "reconfirm_days", days, 2, 60);
    }
    validation(errors)?;
    Ok((
        channel.unwrap_or(Channel::InPerson),
        max_active,
        what_to_bring,
    ))
}

/// Creates a service of an office.
pub async fn create_service(
    db: &Db,
    actor: &Actor,
    office_id: i32,
    input: &ServiceInput,
    now: DateTime<Utc>,
) -> AppResult<ServiceView> {
    find_office(db, office_id).await?;
    actor.require(Role::Manager, office_id)?;
    let (channel, max_active, what_to_bring) = validate_service(input)?;
    let (txn, _gate) = crate::service::capacity::begin(db).await?;
    let created = service::ActiveModel {
        office_id: Set(office_id),
        name: Set(input.name.trim().into()),
        duration_minutes: Set(input.duration_minutes),
        horizon_days: Set(input.horizon_days),
        min_notice_minutes: Set(input.min_notice_minutes),
        no_show_grace_minutes: Set(input.no_show_grace_minutes),
        max_active_per_citizen: Set(max_active),
        channel: Set(channel.as_str().into()),
        what_to_bring: Set(what_to_bring),
        reconfirm_days: Set(input.reconfirm_days),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    crate::service::office::bump_version(&txn, office_id).await?;
    Audit::new(Some(actor), "create", "service", created.id)
        .office(created.office_id)
        .after(&created)
        .write(&txn, now)
        .await?;
    txn.commit().await?;
    Ok(service_view(&created))
}

/// Changes a service. Existing bookings keep their times and length (DOMAIN.md rule 7);
/// the new duration, horizon and notice apply to new bookings, the grace to the next
/// no-show sweep.
pub async fn update_service(
    db: &Db,
    actor: &Actor,
    service_id: i32,
    input: &ServiceInput,
    now: DateTime<Utc>,
) -> AppResult<ServiceView> {
    let before = service::Entity::find_by_id(service_id)
        .one(&db.conn)
        .await?
        .ok_or_else(|| AppError::not_found("There is no such service."))?;
    actor.require(Role::Manager, before.office_id)?;
    let (channel, max_active, what_to_bring) = validate_service(input)?;
    let (txn, _gate) = crate::service::capacity::begin(db).await?;
    let mut row: service::ActiveModel = before.clone().into();
    row.name = Set(input.name.trim().into());
    row.duration_minutes = Set(input.duration_minutes);
    row.horizon_days = Set(input.horizon_days);
    row.min_notice_minutes = Set(input.min_notice_minutes);
    row.no_show_grace_minutes = Set(input.no_show_grace_minutes);
    row.max_active_per_citizen = Set(max_active);
    row.channel = Set(channel.as_str().into());
    row.what_to_bring = Set(what_to_bring);
    row.reconfirm_days = Set(input.reconfirm_days);
    let saved = row.update(&txn).await?;
    crate::service::office::bump_version(&txn, saved.office_id).await?;
    Audit::new(Some(actor), "update", "service", service_id)
        .office(saved.office_id)
        .before(&service_view(&before))
        .after(&service_view(&saved))
        .write(&txn, now)
        .await?;
    txn.commit().await?;
    Ok(service_view(&saved))
}

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
    pub impact: Option<crate::service::rules::Impact>,
}

const DAYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// A local date of a schedule: years 2000–2200 (chrono's `%Y` takes any number of
/// digits, and date arithmetic on the far edges of its range panics).
fn parse_date(errors: &mut Vec<FieldError>, field: &str, raw: &str) -> Option<NaiveDate> {
    crate::domain::schedule::parse_date(raw).or_else(|| {
        errors.push(FieldError::new(field, "must be a date YYYY-MM-DD"));
        None
    })
}

fn parse_time(errors: &mut Vec<FieldError>, field: &str, raw: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(raw.trim(), "%H:%M")
        .map_err(|_| errors.push(FieldError::new(field, "must be a time HH:MM")))
        .ok()
}

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
            crate::service::impact::of_hours(&db.conn, &setup, &hours, (from, judged_to), now)
                .await?,
        );
        return Ok(view);
    }
    // Saved, the impact is read inside the transaction after the version bump (see
    // `rules::set_room_limit`).
    let (txn, _gate) = crate::service::capacity::begin(db).await?;
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
    crate::service::office::bump_version(&txn, office_id).await?;
    view.impact =
        Some(crate::service::impact::of_hours(&txn, &setup, &hours, (from, judged_to), now).await?);
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

/// `POST /api/v1/offices/{id}/closures` body.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
pub struct ClosureInput {
    /// First closed local date.
    pub from: String,
    /// Last closed local date (inclusive; default `from`).
    #[serde(default)]
    pub to: Option<String>,
    /// Why (shown to citizens).
    #[serde(default)]
    pub reason: String,
    /// Close one counter only.
    #[serde(default)]
    pub counter_id: Option<i32>,
}

/// Adds a closure (with `dry_run`, only shows its impact). Existing bookings on those
/// days are kept (DOMAIN.md rule 7): the impact lists them, for the manager to notify.
pub async fn create_closure(
    db: &Db,
    actor: &Actor,
    office_id: i32,
    input: &ClosureInput,
    dry_run: bool,
    now: DateTime<Utc>,
) -> AppResult<ClosureView> {
    find_office(db, office_id).await?;
    actor.require(Role::Manager, office_id)?;
    let mut errors = Vec::new();
    let from = parse_date(&mut errors, "from", &input.from);
    let to = match &input.to {
        Some(t) => parse_date(&mut errors, "to", t),
        None => from,
    };
    if let (Some(f), Some(t)) = (from, to)
        && (t < f || (t - f).num_days() > 366)
    {
        errors.push(FieldError::new(
            "to",
            "must be on or after from, within a year",
        ));
    }
    if input.reason.chars().count() > 200 {
        errors.push(FieldError::new(
            "reason",
            "must have at most 200 characters",
        ));
    }
    if let Some(counter_id) = input.counter_id {
        let found = counter::Entity::find_by_id(counter_id)
            .one(&db.conn)
            .await?;
        if found.is_none_or(|c| c.office_id != office_id) {
            errors.push(FieldError::new(
                "counter_id",
                "must be a counter of this office",
            ));
        }
    }
    validation(errors)?;
    let (Some(from), Some(to)) = (from, to) else {
        return Err(AppError::invalid("from", "is required"));
    };
    let setup = db.setups.get(&db.conn, office_id).await?;
    let reason = input.reason.trim().to_string();
    if dry_run {
        let impact =
            crate::service::impact::of_closure(&db.conn, &setup, input.counter_id, (from, to), now)
                .await?;
        return Ok(ClosureView {
            id: 0,
            office_id,
            counter_id: input.counter_id,
            from: from.to_string(),
            to: to.to_string(),
            reason,
            impact: Some(impact),
        });
    }
    // Saved, the impact is read inside the transaction after the version bump (see
    // `rules::set_room_limit`).
    let (txn, _gate) = crate::service::capacity::begin(db).await?;
    let created = insert_closure(
        &txn,
        actor,
        office_id,
        input.counter_id,
        (from, to),
        reason,
        now,
    )
    .await?;
    crate::service::office::bump_version(&txn, office_id).await?;
    let impact =
        crate::service::impact::of_closure(&txn, &setup, input.counter_id, (from, to), now).await?;
    txn.commit().await?;
    Ok(ClosureView {
        id: created.id,
        office_id,
        counter_id: created.counter_id,
        from: created.date_from.to_string(),
        to: created.date_to.to_string(),
        reason: created.reason,
        impact: Some(impact),
    })
}

/// Writes a closure and its audit row in the caller's transaction (which bumps the
/// office's version).
pub(crate) async fn insert_closure(
    txn: &sea_orm::DatabaseTransaction,
    actor: &Actor,
    office_id: i32,
    counter_id: Option<i32>,
    (from, to): (NaiveDate, NaiveDate),
    reason: String,
    now: DateTime<Utc>,
) -> AppResult<closure::Model> {
    let created = closure::ActiveModel {
        office_id: Set(office_id),
        counter_id: Set(counter_id),
        date_from: Set(from),
        date_to: Set(to),
        reason: Set(reason),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Audit::new(Some(actor), "create", "closure", created.id)
        .office(office_id)
        .after(&created)
        .write(txn, now)
        .await?;
    Ok(created)
}

/// The rooms of one office, by id (the staff pages name them).
pub async fn rooms_of(db: &Db, office_id: i32) -> AppResult<Vec<room::Model>> {
    Ok(room::Entity::find()
        .filter(room::Column::OfficeId.eq(office_id))
        .order_by_asc(room::Column::Id)
        .all(&db.conn)
        .await?)
}

/// A room by id, or 404.
pub async fn find_room(db: &Db, room_id: i32) -> AppResult<room::Model> {
    room::Entity::find_by_id(room_id)
        .one(&db.conn)
        .await?
        .ok_or_else(|| AppError::not_found("There is no such room."))
}

/// An office by id, or 404.
pub async fn find_office(db: &Db, office_id: i32) -> AppResult<office::Model> {
    office::Entity::find_by_id(office_id)
        .one(&db.conn)
        .await?
        .ok_or_else(|| AppError::not_found("There is no such office."))
}

/// One office as listed publicly.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct OfficeView {
    /// Office id.
    pub id: i32,
    /// Name.
    pub name: String,
    /// Address.
    pub address: String,
    /// IANA zone.
    pub timezone: String,
    /// Minutes citizens wait in the room before their turn.
    pub arrival_margin_minutes: i32,
    /// Rooms.
    pub rooms: Vec<RoomView>,
    /// Services.
    pub services: Vec<ServiceView>,
}

/// A room as listed.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct RoomView {
    /// Room id.
    pub id: i32,
    /// Name.
    pub name: String,
    /// Base limit.
    pub occupancy_limit: i32,
    /// Enclosing room.
    pub parent_room_id: Option<i32>,
}

/// A service as listed.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ServiceView {
    /// Service id.
    pub id: i32,
    /// Office id.
    pub office_id: i32,
    /// Name.
    pub name: String,
    /// Length.
    pub duration_minutes: i32,
    /// Days ahead it can be booked.
    pub horizon_days: i32,
    /// Bookings close this long before the start.
    pub min_notice_minutes: i32,
    /// Grace after the start before a no-show.
    pub no_show_grace_minutes: i32,
    /// Active future bookings per citizen.
    pub max_active_per_citizen: i32,
    /// `in_person` or `video`.
    pub channel: String,
    /// What to bring.
    pub what_to_bring: String,
    /// Days before the start when citizens are asked to reconfirm; null: not asked.
    pub reconfirm_days: Option<i32>,
}

/// A closure as returned.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ClosureView {
    /// Closure id.
    pub id: i32,
    /// Office id.
    pub office_id: i32,
    /// The counter closed, or null for the whole office.
    pub counter_id: Option<i32>,
    /// First closed local date.
    pub from: String,
    /// Last closed local date.
    pub to: String,
    /// Why.
    pub reason: String,
    /// The bookings it leaves on closed days (none saved in a dry run: `id` is 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub impact: Option<crate::service::rules::Impact>,
}

/// Lists every office with its rooms and services.
pub async fn list_offices(db: &Db) -> AppResult<Vec<OfficeView>> {
    let offices = office::Entity::find().all(&db.conn).await?;
    let rooms = room::Entity::find().all(&db.conn).await?;
    let services = service::Entity::find().all(&db.conn).await?;
    let mut out: Vec<OfficeView> = offices
        .into_iter()
        .map(|o| OfficeView {
            rooms: rooms
                .iter()
                .filter(|r| r.office_id == o.id)
                .map(|r| RoomView {
                    id: r.id,
                    name: r.name.clone(),
                    occupancy_limit: r.occupancy_limit,
                    parent_room_id: r.parent_room_id,
                })
                .collect(),
            services: services
                .iter()
                .filter(|s| s.office_id == o.id)
                .map(service_view)
                .collect(),
            id: o.id,
            name: o.name,
            address: o.address,
            timezone: o.timezone,
            arrival_margin_minutes: o.arrival_margin_minutes,
        })
        .collect();
    out.sort_by_key(|o| o.id);
    Ok(out)
}

/// The public view of a service.
pub fn service_view(s: &service::Model) -> ServiceView {
    ServiceView {
        id: s.id,
        office_id: s.office_id,
        name: s.name.clone(),
        duration_minutes: s.duration_minutes,
        horizon_days: s.horizon_days,
        min_notice_minutes: s.min_notice_minutes,
        no_show_grace_minutes: s.no_show_grace_minutes,
        max_active_per_citizen: s.max_active_per_citizen,
        channel: s.channel.clone(),
        what_to_bring: s.what_to_bring.clone(),
        reconfirm_days: s.reconfirm_days,
    }
}
