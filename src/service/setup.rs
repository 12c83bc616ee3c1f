//! An office's set-up as the domain sees it (rooms, counters, services, hours, closures),
//! loaded in one go and kept in memory while its version is current: a slot list or a
//! booking needs the whole set-up, and loading it is a dozen queries. Every change to an
//! office bumps its version ([`bump_version`]) in the change's transaction, so a process
//! notices at its next read, whichever process made the change.

use std::{
    collections::HashMap,
    sync::{Arc, RwLock},
};

use chrono_tz::Tz;
use entity::{
    capacity_rule, closure, counter, counter_service, office, opening_hours, room, service,
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, ExprTrait, QueryFilter, QueryOrder, QuerySelect,
    sea_query::Expr,
};

use crate::{
    domain::{
        capacity::{CandidateCounter, Room, RoomTree},
        schedule::{self, CapacityRule, ClosedDays, OpeningRange},
    },
    error::{AppError, AppResult},
};

/// No booking's room interval lasts this long (durations and margins are validated far
/// below it); it bounds the index range scanned for overlapping bookings where an
/// office's own bound ([`OfficeSetup::span`]) is not used.
pub const MAX_SPAN: chrono::Duration = chrono::Duration::hours(24);

/// An office with everything slot computation and placement need, except bookings.
/// Capacity rules are part of it: every rule change bumps the office's version, which
/// placement checks under its locks.
#[derive(Debug, Clone)]
pub struct OfficeSetup {
    /// The office row.
    pub office: office::Model,
    /// Its zone, parsed.
    pub tz: Tz,
    /// Rooms with their base limits.
    pub rooms: RoomTree,
    /// The office's services.
    pub services: Vec<service::Model>,
    /// Active counters, with the services each offers.
    pub counters: Vec<(counter::Model, Vec<i32>)>,
    /// Weekly opening ranges of every period.
    pub hours: Vec<OpeningRange>,
    /// Closures of the office and of its counters.
    pub closures: Vec<ClosedDays>,
    /// Capacity rules of its rooms.
    pub rules: Vec<CapacityRule>,
}

impl OfficeSetup {
    /// Counters that offer `service_id` and are open on `date`, in id order (the order
    /// in which the placement tries them).
    pub fn candidates(&self, service_id: i32, date: chrono::NaiveDate) -> Vec<CandidateCounter> {
        self.counters
            .iter()
            .filter(|(c, services)| c.active && services.contains(&service_id))
            .filter(|(c, _)| {
                !self
                    .closures
                    .iter()
                    .any(|cl| cl.counter_id == Some(c.id) && cl.covers(date))
            })
            .map(|(c, _)| CandidateCounter {
                id: c.id,
                room_id: c.room_id,
            })
            .collect()
    }

    /// Whether the whole office is closed on `date`.
    pub fn closed_on(&self, date: chrono::NaiveDate) -> bool {
        self.closures
            .iter()
            .any(|cl| cl.counter_id.is_none() && cl.covers(date))
    }

    /// A service of this office; 404 otherwise.
    pub fn service(&self, service_id: i32) -> AppResult<&service::Model> {
        self.services
            .iter()
            .find(|s| s.id == service_id)
            .ok_or_else(|| AppError::not_found("This office offers no such service."))
    }

    /// Ids of all rooms.
    pub fn room_ids(&self) -> Vec<i32> {
        self.rooms.rooms().iter().map(|r| r.id).collect()
    }

    /// The arrival margin as a duration.
    pub fn margin(&self) -> chrono::Duration {
        chrono::Duration::minutes(i64::from(self.office.arrival_margin_minutes))
    }

    /// How long a booking of this office can occupy its room at most: the stored bound
    /// (raised by every set-up change, never lowered, so it covers bookings made under an
    /// earlier, longer duration), and at least what the services allow now (a process of
    /// the previous release may have changed a service without raising the bound).
    pub fn span(&self) -> chrono::Duration {
        let longest = self
            .services
            .iter()
            .map(|s| s.duration_minutes)
            .fold(0, Ord::max);
        let minutes = Ord::max(
            self.office.max_span_minutes,
            self.office.arrival_margin_minutes.saturating_add(longest),
        );
        chrono::Duration::minutes(i64::from(minutes)).min(MAX_SPAN)
    }
}

/// Parses a stored zone name; a bad one is a data error, not a client error.
pub fn parse_tz(name: &str) -> AppResult<Tz> {
    name.parse::<Tz>()
        .map_err(|_| AppError::Internal(anyhow::anyhow!("office has an unknown time zone {name}")))
}

/// Loads an office's configuration; 404 when there is no such office.
pub async fn load(db: &impl ConnectionTrait, office_id: i32) -> AppResult<OfficeSetup> {
    let office = office::Entity::find_by_id(office_id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::not_found("There is no such office."))?;
    let tz = parse_tz(&office.timezone)?;
    let rooms: Vec<Room> = room::Entity::find()
        .filter(room::Column::OfficeId.eq(office_id))
        .all(db)
        .await?
        .into_iter()
        .map(|r| Room {
            id: r.id,
            parent_id: r.parent_room_id,
            limit: r.occupancy_limit,
        })
        .collect();
    let rooms = RoomTree::new(rooms);
    let services = service::Entity::find()
        .filter(service::Column::OfficeId.eq(office_id))
        .order_by_asc(service::Column::Id)
        .all(db)
        .await?;
    let counters = counter::Entity::find()
        .filter(counter::Column::OfficeId.eq(office_id))
        .order_by_asc(counter::Column::Id)
        .all(db)
        .await?;
    let counter_ids: Vec<i32> = counters.iter().map(|c| c.id).collect();
    let links = counter_service::Entity::find()
        .filter(counter_service::Column::CounterId.is_in(counter_ids))
        .all(db)
        .await?;
    let counters = counters
        .into_iter()
        .map(|c| {
            let services = links
                .iter()
                .filter(|l| l.counter_id == c.id)
                .map(|l| l.service_id)
                .collect();
            (c, services)
        })
        .collect();
    let hours = opening_hours::Entity::find()
        .filter(opening_hours::Column::OfficeId.eq(office_id))
        .all(db)
        .await?
        .into_iter()
        .map(|h| OpeningRange {
            valid_from: h.valid_from,
            valid_to: h.valid_to,
            weekday: u32::try_from(h.weekday).unwrap_or(0),
            opens: h.opens,
            closes: h.closes,
        })
        .collect();
    let closures = closure::Entity::find()
        .filter(closure::Column::OfficeId.eq(office_id))
        .all(db)
        .await?
        .into_iter()
        .map(|c| ClosedDays {
            counter_id: c.counter_id,
            from: c.date_from,
            to: c.date_to,
            reason: c.reason,
        })
        .collect();
    let room_ids: Vec<i32> = rooms.rooms().iter().map(|r| r.id).collect();
    let rules = read_rules(db, &room_ids).await?;
    Ok(OfficeSetup {
        office,
        tz,
        rooms,
        services,
        counters,
        hours,
        closures,
        rules,
    })
}

/// Capacity rules of the given rooms, as stored now.
pub async fn read_rules(
    db: &impl ConnectionTrait,
    room_ids: &[i32],
) -> AppResult<Vec<CapacityRule>> {
    let rows = capacity_rule::Entity::find()
        .filter(capacity_rule::Column::RoomId.is_in(room_ids.to_vec()))
        .all(db)
        .await?;
    Ok(rows
        .into_iter()
        .map(|r| CapacityRule {
            room_id: r.room_id,
            valid_from: r.valid_from,
            valid_to: r.valid_to,
            weekdays: r.weekdays.as_deref().and_then(schedule::parse_weekdays),
            from_time: r.from_time,
            to_time: r.to_time,
            occupancy_limit: r.occupancy_limit,
        })
        .collect())
}

/// Marks an office's set-up as changed (call inside the changing transaction, after the
/// change is written). It also raises the office's span bound to its services' longest
/// room interval as they now are; the bound never goes down, as bookings made under a
/// longer duration keep their length (DOMAIN.md rule 7).
pub async fn bump_version(db: &impl ConnectionTrait, office_id: i32) -> AppResult<()> {
    let longest: Option<Option<i32>> = service::Entity::find()
        .select_only()
        .column_as(service::Column::DurationMinutes.max(), "longest")
        .filter(service::Column::OfficeId.eq(office_id))
        .into_tuple()
        .one(db)
        .await?;
    let longest = longest.flatten().unwrap_or(0);
    let needed = Expr::col(office::Column::ArrivalMarginMinutes).add(longest);
    office::Entity::update_many()
        .col_expr(
            office::Column::ConfigVersion,
            Expr::col(office::Column::ConfigVersion).add(1),
        )
        .col_expr(
            office::Column::MaxSpanMinutes,
            Expr::case(
                Expr::col(office::Column::MaxSpanMinutes).lt(needed.clone()),
                needed,
            )
            .finally(Expr::col(office::Column::MaxSpanMinutes))
            .into(),
        )
        .filter(office::Column::Id.eq(office_id))
        .exec(db)
        .await?;
    Ok(())
}

/// Set-ups of offices, cached per process and keyed by `office.config_version`: every
/// set-up change bumps the version in its own transaction, so a cached set-up is used
/// only while it is current, and one small query replaces seven on every booking and
/// slot list. Capacity rules come with it (a rule change bumps the version too).
#[derive(Debug, Clone, Default)]
pub struct SetupCache(Arc<RwLock<HashMap<i32, Arc<OfficeSetup>>>>);

impl SetupCache {
    /// The office's current set-up, from the cache when its version is current.
    pub async fn get(
        &self,
        db: &impl ConnectionTrait,
        office_id: i32,
    ) -> AppResult<Arc<OfficeSetup>> {
        let version: Option<i64> = office::Entity::find_by_id(office_id)
            .select_only()
            .column(office::Column::ConfigVersion)
            .into_tuple()
            .one(db)
            .await?;
        let version = version.ok_or_else(|| AppError::not_found("There is no such office."))?;
        if let Some(hit) = self
            .0
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(&office_id)
            .filter(|s| s.office.config_version == version)
        {
            return Ok(hit.clone());
        }
        let fresh = Arc::new(load(db, office_id).await?);
        self.0
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .insert(office_id, fresh.clone());
        Ok(fresh)
    }
}

impl SetupCache {
    /// An office's time zone: from any cached set-up, whatever its version (an office's
    /// zone is fixed when it is created), else loaded. Saves the version query on hot
    /// paths that only format times, such as check-in.
    pub async fn tz(&self, db: &impl ConnectionTrait, office_id: i32) -> AppResult<Tz> {
        let cached = self
            .0
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(&office_id)
            .map(|s| s.tz);
        match cached {
            Some(tz) => Ok(tz),
            None => Ok(self.get(db, office_id).await?.tz),
        }
    }
}
