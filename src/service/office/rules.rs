//! Capacity rules and room limits, with their impact (DOMAIN.md rule 7): lowering a
//! limit never cancels or moves a booking. The change applies to new bookings at once
//! (the capacity engine reads rules inside its transaction, and the office's version is
//! bumped), and the manager is shown every interval now over the limit and every booking
//! in it, before saving (`?dry_run=true`) and after.

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use entity::{booking, capacity_rule, room};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{
    domain::{
        FieldError, Role,
        capacity::Picture,
        schedule::{self, CapacityRule},
    },
    error::{AppError, AppResult},
    service::{
        actor::Actor,
        audit::Audit,
        booking::view::fmt_local,
        db::Db,
        engine,
        office::rooms::RoomView,
        setup::{OfficeSetup, bump_version},
    },
};

/// `POST /api/v1/rooms/{id}/capacity-rules` body.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
pub struct RuleInput {
    /// First local date.
    pub valid_from: String,
    /// Last local date (inclusive).
    pub valid_to: String,
    /// ISO weekdays (1 = Monday); every day when null.
    #[serde(default)]
    pub weekdays: Option<Vec<u32>>,
    /// Local start of the daily window, `HH:MM`; the whole day when null.
    #[serde(default)]
    pub from_time: Option<String>,
    /// Local end of the daily window (exclusive), `HH:MM`.
    #[serde(default)]
    pub to_time: Option<String>,
    /// The limit while the rule applies.
    pub occupancy_limit: i32,
}

/// A saved rule.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct RuleView {
    /// Id.
    pub id: i32,
    /// The room.
    pub room_id: i32,
    /// First local date.
    pub valid_from: String,
    /// Last local date.
    pub valid_to: String,
    /// ISO weekdays, or null for every day.
    pub weekdays: Option<Vec<u32>>,
    /// Daily window start.
    pub from_time: Option<String>,
    /// Daily window end.
    pub to_time: Option<String>,
    /// The limit.
    pub occupancy_limit: i32,
}

/// One interval over the limit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct OverLimit {
    /// The room.
    pub room_id: i32,
    /// Start, in the office's zone.
    pub from: String,
    /// End, in the office's zone.
    pub to: String,
    /// Persons planned.
    pub planned: i32,
    /// The effective limit.
    pub limit: i32,
}

/// What a change does to existing bookings (API.md "Impact").
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Impact {
    /// Every interval over the limit.
    pub over_limit: Vec<OverLimit>,
    /// References of the bookings in those intervals.
    pub affected_bookings: Vec<String>,
}

/// A rule with its impact (`rule` absent in a dry run).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct RuleOutcome {
    /// The rule saved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<RuleView>,
    /// What it does.
    pub impact: Impact,
}

/// `PUT /api/v1/rooms/{id}` body.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
pub struct RoomLimitInput {
    /// The new base limit.
    pub occupancy_limit: i32,
}

/// A room with the impact of its new limit.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct RoomOutcome {
    /// The room (unchanged in a dry run).
    pub room: RoomView,
    /// What the limit does.
    pub impact: Impact,
}

fn parse_time(field: &str, raw: Option<&str>, errors: &mut Vec<FieldError>) -> Option<NaiveTime> {
    let raw = raw?.trim();
    NaiveTime::parse_from_str(raw, "%H:%M")
        .map_err(|_| errors.push(FieldError::new(field, "must be a time HH:MM")))
        .ok()
}

fn validate(input: &RuleInput, room_id: i32) -> AppResult<CapacityRule> {
    let mut errors = Vec::new();
    let date = |field: &str, raw: &str, errors: &mut Vec<FieldError>| {
        NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
            .ok()
            .filter(|d| (2000..=2200).contains(&chrono::Datelike::year(d)))
            .ok_or_else(|| errors.push(FieldError::new(field, "must be a date YYYY-MM-DD")))
            .ok()
    };
    let from = date("valid_from", &input.valid_from, &mut errors);
    let to = date("valid_to", &input.valid_to, &mut errors);
    if let (Some(f), Some(t)) = (from, to)
        && (t < f || t > f + Duration::days(366 * 2))
    {
        errors.push(FieldError::new(
            "valid_to",
            "must be on or after valid_from, within two years",
        ));
    }
    if let Some(days) = &input.weekdays
        && (days.is_empty() || days.iter().any(|d| !(1..=7).contains(d)))
    {
        errors.push(FieldError::new(
            "weekdays",
            "must list ISO weekdays 1 (Monday) to 7",
        ));
    }
    let from_time = parse_time("from_time", input.from_time.as_deref(), &mut errors);
    let to_time = parse_time("to_time", input.to_time.as_deref(), &mut errors);
    if let (Some(a), Some(b)) = (from_time, to_time)
        && b <= a
    {
        errors.push(FieldError::new("to_time", "must be after from_time"));
    }
    if !(0..=10_000).contains(&input.occupancy_limit) {
        errors.push(FieldError::new(
            "occupancy_limit",
            "must be between 0 and 10000",
        ));
    }
    match (from, to) {
        (Some(valid_from), Some(valid_to)) if errors.is_empty() => Ok(CapacityRule {
            room_id,
            valid_from,
            valid_to,
            weekdays: input.weekdays.clone(),
            from_time,
            to_time,
            occupancy_limit: input.occupancy_limit,
        }),
        _ => Err(AppError::Validation(errors)),
    }
}

/// The impact on `room_id` of `rules` and the base limits in `rooms` over `[from, to)`,
/// judged on the active bookings as they are now.
pub async fn impact(
    db: &impl sea_orm::ConnectionTrait,
    setup: &OfficeSetup,
    rooms: &crate::domain::capacity::RoomTree,
    rules: &[CapacityRule],
    room_id: i32,
    (from, to): (DateTime<Utc>, DateTime<Utc>),
    now: DateTime<Utc>,
) -> AppResult<Impact> {
    if to <= from {
        return Ok(Impact::default());
    }
    let rows = booking::Entity::find()
        .filter(booking::Column::OfficeId.eq(setup.office.id))
        .filter(booking::Column::RoomFrom.lt(to))
        .filter(booking::Column::EndAt.gt(from))
        .filter(engine::active_condition(now))
        .all(db)
        .await?;
    let occupants: Vec<_> = rows.iter().map(engine::occupant_of).collect();
    let picture = Picture {
        tz: setup.tz,
        rooms,
        rules,
        occupants: &occupants,
    };
    let over = picture.over_limit(room_id, from, to);
    let mut affected: Vec<String> = rows
        .iter()
        .filter(|b| b.occupies_room && rooms.chain(b.room_id).contains(&room_id))
        .filter(|b| {
            over.iter()
                .any(|(f, t, _, _)| b.room_from < *t && *f < b.end_at)
        })
        .filter_map(|b| b.reference.clone())
        .collect();
    affected.sort();
    affected.dedup();
    Ok(Impact {
        over_limit: over
            .into_iter()
            .map(|(f, t, planned, limit)| OverLimit {
                room_id,
                from: fmt_local(f, setup.tz),
                to: fmt_local(t, setup.tz),
                planned,
                limit,
            })
            .collect(),
        affected_bookings: affected,
    })
}

async fn room_and_setup(
    db: &Db,
    actor: &Actor,
    room_id: i32,
) -> AppResult<(room::Model, std::sync::Arc<OfficeSetup>)> {
    let room = room::Entity::find_by_id(room_id)
        .one(&db.conn)
        .await?
        .ok_or_else(|| AppError::not_found("There is no such room."))?;
    actor.require(Role::Manager, room.office_id)?;
    let setup = db.setups.get(&db.conn, room.office_id).await?;
    Ok((room, setup))
}

fn rule_view(r: &capacity_rule::Model) -> RuleView {
    RuleView {
        id: r.id,
        room_id: r.room_id,
        valid_from: r.valid_from.to_string(),
        valid_to: r.valid_to.to_string(),
        weekdays: r.weekdays.as_deref().and_then(schedule::parse_weekdays),
        from_time: r.from_time.map(|t| t.format("%H:%M").to_string()),
        to_time: r.to_time.map(|t| t.format("%H:%M").to_string()),
        occupancy_limit: r.occupancy_limit,
    }
}

/// Adds a rule (or with `dry_run`, only shows its impact) over the rule's dates from now.
pub async fn create_rule(
    db: &Db,
    actor: &Actor,
    room_id: i32,
    input: &RuleInput,
    dry_run: bool,
    now: DateTime<Utc>,
) -> AppResult<RuleOutcome> {
    let (_, setup) = room_and_setup(db, actor, room_id).await?;
    let rule = validate(input, room_id)?;
    let day = |d: NaiveDate| schedule::start_of_day(setup.tz, d);
    let window = (
        day(rule.valid_from).max(now),
        day(rule.valid_to + Duration::days(1)),
    );
    if dry_run {
        let mut rules = engine::rules(&db.conn, &setup.room_ids()).await?;
        rules.push(rule.clone());
        let impact = impact(&db.conn, &setup, &setup.rooms, &rules, room_id, window, now).await?;
        return Ok(RuleOutcome { rule: None, impact });
    }
    // Saved, the impact is read in the same transaction, after the version bump: on
    // SQLite nothing can book in between; see `set_room_limit` for PostgreSQL.
    let (txn, _gate) = engine::begin(db).await?;
    let saved = capacity_rule::ActiveModel {
        room_id: Set(room_id),
        valid_from: Set(rule.valid_from),
        valid_to: Set(rule.valid_to),
        weekdays: Set(rule
            .weekdays
            .as_ref()
            .map(|d| d.iter().map(u32::to_string).collect::<Vec<_>>().join(","))),
        from_time: Set(rule.from_time),
        to_time: Set(rule.to_time),
        occupancy_limit: Set(rule.occupancy_limit),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    bump_version(&txn, setup.office.id).await?;
    let rules = engine::rules(&txn, &setup.room_ids()).await?;
    let impact = impact(&txn, &setup, &setup.rooms, &rules, room_id, window, now).await?;
    let view = rule_view(&saved);
    Audit::new(Some(actor), "create", "capacity_rule", saved.id)
        .office(setup.office.id)
        .after(&view)
        .write(&txn, now)
        .await?;
    txn.commit().await?;
    Ok(RuleOutcome {
        rule: Some(view),
        impact,
    })
}

/// Removes a rule.
pub async fn delete_rule(
    db: &Db,
    actor: &Actor,
    rule_id: i32,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let rule = capacity_rule::Entity::find_by_id(rule_id)
        .one(&db.conn)
        .await?
        .ok_or_else(|| AppError::not_found("There is no such capacity rule."))?;
    let (room, _) = room_and_setup(db, actor, rule.room_id).await?;
    let (txn, _gate) = engine::begin(db).await?;
    capacity_rule::Entity::delete_by_id(rule_id)
        .exec(&txn)
        .await?;
    bump_version(&txn, room.office_id).await?;
    Audit::new(Some(actor), "delete", "capacity_rule", rule_id)
        .office(room.office_id)
        .before(&rule_view(&rule))
        .write(&txn, now)
        .await?;
    txn.commit().await?;
    Ok(())
}

/// Sets a room's base limit (or with `dry_run`, only shows the impact), judged over every
/// future booking.
pub async fn set_room_limit(
    db: &Db,
    actor: &Actor,
    room_id: i32,
    input: &RoomLimitInput,
    dry_run: bool,
    now: DateTime<Utc>,
) -> AppResult<RoomOutcome> {
    let (room, setup) = room_and_setup(db, actor, room_id).await?;
    if !(0..=10_000).contains(&input.occupancy_limit) {
        return Err(AppError::invalid(
            "occupancy_limit",
            "must be between 0 and 10000",
        ));
    }
    let rooms = crate::domain::capacity::RoomTree::new(
        setup
            .rooms
            .rooms()
            .iter()
            .map(|r| crate::domain::capacity::Room {
                limit: if r.id == room_id {
                    input.occupancy_limit
                } else {
                    r.limit
                },
                ..r.clone()
            })
            .collect(),
    );
    // Every future booking: the horizon of the longest-booking service, and a margin.
    let horizon = setup
        .services
        .iter()
        .map(|s| s.horizon_days)
        .max()
        .unwrap_or(0);
    let to = now + Duration::days(i64::from(horizon) + 2);
    let view = |limit: i32| RoomView {
        id: room.id,
        name: room.name.clone(),
        occupancy_limit: limit,
        parent_room_id: room.parent_room_id,
    };
    if dry_run {
        let rules = engine::rules(&db.conn, &setup.room_ids()).await?;
        return Ok(RoomOutcome {
            room: view(room.occupancy_limit),
            impact: impact(&db.conn, &setup, &rooms, &rules, room_id, (now, to), now).await?,
        });
    }
    // The impact is read inside the change's transaction, after the version bump. On
    // SQLite that is exact (one writer). On PostgreSQL a booking whose transaction read
    // the old version just before this commit can still commit after the read; it holds
    // under the old limit and stays valid, but is missing from this list (a new preview
    // shows it).
    let (txn, _gate) = engine::begin(db).await?;
    let before = view(room.occupancy_limit);
    let mut row: room::ActiveModel = room.clone().into();
    row.occupancy_limit = Set(input.occupancy_limit);
    row.update(&txn).await?;
    bump_version(&txn, room.office_id).await?;
    let rules = engine::rules(&txn, &setup.room_ids()).await?;
    let impact = impact(&txn, &setup, &rooms, &rules, room_id, (now, to), now).await?;
    let after = view(input.occupancy_limit);
    Audit::new(Some(actor), "update", "room", room_id)
        .office(room.office_id)
        .before(&before)
        .after(&after)
        .write(&txn, now)
        .await?;
    txn.commit().await?;
    Ok(RoomOutcome {
        room: after,
        impact,
    })
}

/// A room's capacity rules that still apply on or after `since`, by first date.
pub async fn list_rules(
    db: &Db,
    actor: &Actor,
    room_id: i32,
    since: NaiveDate,
) -> AppResult<Vec<RuleView>> {
    use sea_orm::QueryOrder;
    let (_, _) = room_and_setup(db, actor, room_id).await?;
    Ok(capacity_rule::Entity::find()
        .filter(capacity_rule::Column::RoomId.eq(room_id))
        .filter(capacity_rule::Column::ValidTo.gte(since))
        .order_by_asc(capacity_rule::Column::ValidFrom)
        .order_by_asc(capacity_rule::Column::Id)
        .all(&db.conn)
        .await?
        .iter()
        .map(rule_view)
        .collect())
}
