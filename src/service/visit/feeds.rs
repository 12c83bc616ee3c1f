//! Calendar feeds (issue 21): a secret address per office and per counter that a clerk's
//! calendar app (Outlook, Google, Apple, Thunderbird) subscribes to, with the day's and the
//! next weeks' appointments.
//!
//! An event holds the booking's reference and service, and the counter: no name, email or
//! phone, because a calendar app copies its feed to places the city does not control.
//! Only the token's hash is kept; the address is shown once, when it is made, and making
//! a new one ends the old one (a lost phone, a clerk who left).

use chrono::{DateTime, Duration, Utc};
use entity::{booking, calendar_feed, counter, status::BookingStatus};
use icalendar::{Calendar, Component, Event, EventLike, EventStatus};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{
    domain::{Role, schedule},
    error::{AppError, AppResult},
    infra::secrets,
    service::{actor::Actor, audit::Audit, db::Db},
};

/// Days of appointments a feed holds, from today.
pub const DAYS: i64 = 42;

/// Which feed to make: the office's, or one counter's.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
pub struct NewFeed {
    /// A counter of the office; absent or null for the whole office.
    pub counter_id: Option<i32>,
}

/// A feed just made: its address, shown this once.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct MadeFeed {
    /// `{base}/feeds/{token}.ics`.
    pub url: String,
    pub counter_id: Option<i32>,
}

/// Which feeds an office has (without their addresses).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct FeedView {
    pub counter_id: Option<i32>,
    /// When its address was made (UTC).
    pub created_at: String,
}

/// Makes the feed of `office_id` (or of its counter), replacing the one before: the old
/// address stops working at once.
pub async fn reset(
    db: &Db,
    base_url: &str,
    actor: &Actor,
    office_id: i32,
    input: &NewFeed,
    now: DateTime<Utc>,
) -> AppResult<MadeFeed> {
    actor.require(Role::Staff, office_id)?;
    entity::office::Entity::find_by_id(office_id)
        .one(&db.conn)
        .await?
        .ok_or_else(|| AppError::not_found("There is no such office."))?;
    if let Some(counter_id) = input.counter_id {
        let belongs = counter::Entity::find_by_id(counter_id)
            .one(&db.conn)
            .await?
            .is_some_and(|c| c.office_id == office_id);
        if !belongs {
            return Err(AppError::invalid(
                "counter_id",
                "is not a counter of this office",
            ));
        }
    }
    let token = secrets::new_token()?;
    let (txn, _gate) = crate::service::engine::begin(db).await?;
    // Two resets at once take turns (on PostgreSQL; SQLite's gate already serialises
    // them), so one of them removes the other's address and one address is left.
    let which = input
        .counter_id
        .map_or_else(|| "office".to_owned(), |c| c.to_string());
    crate::service::engine::lock(&txn, &[format!("calendar:{office_id}:{which}")]).await?;
    let mut old =
        calendar_feed::Entity::delete_many().filter(calendar_feed::Column::OfficeId.eq(office_id));
    old = match input.counter_id {
        Some(c) => old.filter(calendar_feed::Column::CounterId.eq(c)),
        None => old.filter(calendar_feed::Column::CounterId.is_null()),
    };
    old.exec(&txn).await?;
    let made = calendar_feed::ActiveModel {
        office_id: Set(office_id),
        counter_id: Set(input.counter_id),
        token_hash: Set(secrets::hash(&token)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    Audit::new(Some(actor), "reset", "calendar_feed", made.id)
        .office(office_id)
        .after(&serde_json::json!({"counter_id": input.counter_id}))
        .write(&txn, now)
        .await?;
    txn.commit().await?;
    Ok(MadeFeed {
        url: format!("{base_url}/feeds/{token}.ics"),
        counter_id: input.counter_id,
    })
}

/// The feeds of `office_id`.
pub async fn list(db: &Db, actor: &Actor, office_id: i32) -> AppResult<Vec<FeedView>> {
    actor.require(Role::Staff, office_id)?;
    Ok(calendar_feed::Entity::find()
        .filter(calendar_feed::Column::OfficeId.eq(office_id))
        .order_by_asc(calendar_feed::Column::Id)
        .all(&db.conn)
        .await?
        .into_iter()
        .map(|f| FeedView {
            counter_id: f.counter_id,
            created_at: f
                .created_at
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        })
        .collect())
}

/// The iCalendar of the feed whose token is `token` (with or without `.ics`), at `now`:
/// the appointments from the start of today for [`DAYS`] days, expected, present or
/// served. An unknown token is "not found", as an address that never existed.
pub async fn ics(db: &Db, token: &str, now: DateTime<Utc>) -> AppResult<String> {
    let token = token.trim().trim_end_matches(".ics");
    let missing = || AppError::not_found("There is no such calendar.");
    if token.is_empty() || token.len() > 100 {
        return Err(missing());
    }
    let feed = calendar_feed::Entity::find()
        .filter(calendar_feed::Column::TokenHash.eq(secrets::hash(token)))
        .one(db.reads())
        .await?
        .ok_or_else(missing)?;
    let setup = db.setups.get(db.reads(), feed.office_id).await?;
    let from = schedule::start_of_day(setup.tz, schedule::local_date(setup.tz, now));
    let to = from + Duration::days(DAYS);
    let mut find = booking::Entity::find()
        .filter(booking::Column::OfficeId.eq(feed.office_id))
        .filter(booking::Column::StartAt.gte(from))
        .filter(booking::Column::StartAt.lt(to))
        .filter(booking::Column::Status.is_in([
            BookingStatus::Confirmed,
            BookingStatus::CheckedIn,
            BookingStatus::Served,
        ]));
    if let Some(c) = feed.counter_id {
        find = find.filter(booking::Column::CounterId.eq(c));
    }
    let rows = find
        .order_by_asc(booking::Column::StartAt)
        .all(db.reads())
        .await?;
    let counter_name = |id: i32| {
        setup
            .counters
            .iter()
            .find(|(c, _)| c.id == id)
            .map_or_else(String::new, |(c, _)| c.name.clone())
    };
    let mut calendar = Calendar::new();
    let title = match feed.counter_id {
        Some(c) => format!("{} – {}", setup.office.name, counter_name(c)),
        None => setup.office.name.clone(),
    };
    calendar.name(&title);
    // Calendar apps ask again about every quarter of an hour.
    calendar.append_property(("REFRESH-INTERVAL;VALUE=DURATION", "PT15M"));
    calendar.append_property(("X-PUBLISHED-TTL", "PT15M"));
    for b in &rows {
        let service = setup
            .services
            .iter()
            .find(|s| s.id == b.service_id)
            .map_or("", |s| s.name.as_str());
        let reference = b.reference.clone().unwrap_or_default();
        let mut event = Event::new();
        event
            .uid(&format!("booking-{}@sportello", b.id))
            .summary(&format!("{reference} · {service}"))
            .location(&counter_name(b.counter_id))
            .starts(b.start_at)
            .ends(b.end_at)
            .status(EventStatus::Confirmed);
        if b.party_size > 1 {
            event.description(&format!("× {}", b.party_size));
        }
        calendar.push(event.done());
    }
    Ok(calendar.done().to_string())
}
