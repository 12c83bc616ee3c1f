//! An office as the pages show it: its names and zone, rooms, counters, services and
//! opening hours, as views read from the cached set-up. Handlers ask here instead of
//! reaching into the cache or holding rows, so what a page may show is decided in one
//! place and a template never sees a database row.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use entity::booking;

use crate::{
    domain::schedule::OpeningRange,
    error::{AppError, AppResult},
    service::{
        booking::view::{BookingView, view},
        db::Db,
        office::{
            lookup,
            rooms::RoomView,
            services::{ServiceView, service_view},
        },
    },
};

/// A counter, by name.
#[derive(Debug, Clone)]
pub struct CounterFacts {
    /// Counter id.
    pub id: i32,
    /// Display name.
    pub name: String,
    /// Its room.
    pub room_id: i32,
    /// Services it offers.
    pub service_ids: Vec<i32>,
}

/// A room with the office it belongs to.
#[derive(Debug, Clone)]
pub struct RoomFacts {
    /// Office id.
    pub office_id: i32,
    /// The room.
    pub room: RoomView,
}

/// An office as pages show it.
#[derive(Debug, Clone)]
pub struct OfficeFacts {
    /// Office id.
    pub id: i32,
    /// Name.
    pub name: String,
    /// Address.
    pub address: String,
    /// Its zone.
    pub tz: Tz,
    /// Whether no-shows are emailed.
    pub no_show_email: bool,
    /// The office's phone and email for citizens.
    pub phone: Option<String>,
    pub email: Option<String>,
    /// Its active counters.
    pub counters: Vec<CounterFacts>,
    /// Its services.
    pub services: Vec<ServiceView>,
    /// Weekly opening ranges of every period.
    pub hours: Vec<OpeningRange>,
    /// Closures of the whole office: first and last day, and the reason.
    pub closures: Vec<(chrono::NaiveDate, chrono::NaiveDate, String)>,
}

/// Why a day offers no free time, so that a page can say which it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DayNote {
    /// A closure of the whole office covers it (a holiday, a strike), with its reason.
    Closed(String),
    /// The office does not open on that weekday.
    NoHours,
    /// Beyond the days the service may be booked ahead.
    TooFar,
    /// Open, but every time is taken (or has passed).
    Full,
}

impl OfficeFacts {
    /// Why `date` offers no free time, `horizon_end` being the last bookable day.
    pub fn day_note(&self, date: chrono::NaiveDate, horizon_end: chrono::NaiveDate) -> DayNote {
        if let Some((_, _, reason)) = self
            .closures
            .iter()
            .find(|(from, to, _)| *from <= date && date <= *to)
        {
            return DayNote::Closed(reason.clone());
        }
        if date > horizon_end {
            return DayNote::TooFar;
        }
        if crate::domain::schedule::ranges_on(&self.hours, date).is_empty() {
            return DayNote::NoHours;
        }
        DayNote::Full
    }

    /// The opening hours of each day of the week (Monday to Sunday) that holds `today`:
    /// the regular hours, without closures, which a page lists beside them.
    pub fn week_hours(
        &self,
        today: chrono::NaiveDate,
    ) -> Vec<(
        chrono::NaiveDate,
        Vec<(chrono::NaiveTime, chrono::NaiveTime)>,
    )> {
        use chrono::Datelike;
        let monday =
            today - chrono::Duration::days(i64::from(today.weekday().num_days_from_monday()));
        (0..7)
            .map(|d| monday + chrono::Duration::days(d))
            .map(|date| (date, crate::domain::schedule::ranges_on(&self.hours, date)))
            .collect()
    }

    /// Closures of the whole office that end on or after `today` and start within
    /// `days`: (first day, last day, reason).
    pub fn closures_ahead(
        &self,
        today: chrono::NaiveDate,
        days: i64,
    ) -> Vec<(chrono::NaiveDate, chrono::NaiveDate, String)> {
        let until = today + chrono::Duration::days(days);
        let mut ahead: Vec<_> = self
            .closures
            .iter()
            .filter(|(from, to, _)| *to >= today && *from <= until)
            .cloned()
            .collect();
        ahead.sort();
        ahead
    }

    /// A service of this office; another office's is "no such service".
    pub fn service(&self, service_id: i32) -> AppResult<&ServiceView> {
        self.services
            .iter()
            .find(|s| s.id == service_id)
            .ok_or_else(|| AppError::not_found("This office offers no such service."))
    }

    /// A service's name, empty when unknown.
    pub fn service_name(&self, service_id: i32) -> String {
        self.service(service_id)
            .map(|s| s.name.clone())
            .unwrap_or_default()
    }

    /// A counter's name, or `#id` when it is no longer active.
    pub fn counter_name(&self, counter_id: i32) -> String {
        self.counters
            .iter()
            .find(|c| c.id == counter_id)
            .map_or_else(|| format!("#{counter_id}"), |c| c.name.clone())
    }
}

/// The office, from the set-up cache.
pub async fn office(db: &Db, office_id: i32) -> AppResult<OfficeFacts> {
    let setup = db.setups.get(&db.conn, office_id).await?;
    Ok(OfficeFacts {
        id: setup.office.id,
        name: setup.office.name.clone(),
        address: setup.office.address.clone(),
        tz: setup.tz,
        no_show_email: setup.office.no_show_email,
        phone: setup.office.phone.clone(),
        email: setup.office.email.clone(),
        counters: setup
            .counters
            .iter()
            .map(|(c, services)| CounterFacts {
                id: c.id,
                name: c.name.clone(),
                room_id: c.room_id,
                service_ids: services.clone(),
            })
            .collect(),
        services: setup.services.iter().map(service_view).collect(),
        hours: setup.hours.clone(),
        closures: setup
            .closures
            .iter()
            .filter(|c| c.counter_id.is_none())
            .map(|c| (c.from, c.to, c.reason.clone()))
            .collect(),
    })
}

/// The office's zone.
pub async fn tz(db: &Db, office_id: i32) -> AppResult<Tz> {
    db.setups.tz(&db.conn, office_id).await
}

/// The office's rooms, outermost first.
pub async fn rooms(db: &Db, office_id: i32) -> AppResult<Vec<RoomView>> {
    Ok(lookup::rooms_of(db, office_id)
        .await?
        .iter()
        .map(|r| RoomView {
            id: r.id,
            name: r.name.clone(),
            occupancy_limit: r.occupancy_limit,
            parent_room_id: r.parent_room_id,
        })
        .collect())
}

/// A room with its office.
pub async fn room(db: &Db, room_id: i32) -> AppResult<RoomFacts> {
    let r = lookup::find_room(db, room_id).await?;
    Ok(RoomFacts {
        office_id: r.office_id,
        room: RoomView {
            id: r.id,
            name: r.name,
            occupancy_limit: r.occupancy_limit,
            parent_room_id: r.parent_room_id,
        },
    })
}

/// That the office exists (404 otherwise).
pub async fn exists(db: &Db, office_id: i32) -> AppResult<()> {
    lookup::find_office(db, office_id).await.map(|_| ())
}

/// A booking as its pages show it: the API view, its times in the office's zone, and
/// the names of its office and service.
#[derive(Debug, Clone)]
pub struct BookingFacts {
    /// The booking as the API shows it.
    pub view: BookingView,
    /// Start.
    pub start_at: DateTime<Utc>,
    /// End.
    pub end_at: DateTime<Utc>,
    /// The office's zone.
    pub tz: Tz,
    /// The office's name.
    pub office_name: String,
    /// The office's address.
    pub office_address: String,
    /// The office's phone for citizens.
    pub office_phone: Option<String>,
    /// The service's name.
    pub service_name: String,
    /// What to bring, for the service.
    pub what_to_bring: String,
    /// The service's texts in other languages ([`Self::service_in`]).
    pub service_texts: crate::service::office::services::ServiceTexts,
    /// Whether the citizen reconfirmed (services that ask).
    pub reconfirmed: bool,
}

impl BookingFacts {
    /// The service's name, description and what to bring in `lang`.
    pub fn service_in(&self, lang: &str) -> crate::service::office::services::LocalTexts {
        crate::service::office::services::pick(
            &self.service_texts,
            lang,
            &self.service_name,
            "",
            &self.what_to_bring,
        )
    }
}

/// The facts of a stored booking.
pub async fn booking(db: &Db, row: &booking::Model, base_url: &str) -> AppResult<BookingFacts> {
    let setup = db.setups.get(&db.conn, row.office_id).await?;
    let service = setup.service(row.service_id).ok();
    Ok(BookingFacts {
        view: view(row, setup.tz, base_url),
        start_at: row.start_at,
        end_at: row.end_at,
        tz: setup.tz,
        office_name: setup.office.name.clone(),
        office_address: setup.office.address.clone(),
        office_phone: setup.office.phone.clone(),
        service_name: service.map(|s| s.name.clone()).unwrap_or_default(),
        what_to_bring: service.map(|s| s.what_to_bring.clone()).unwrap_or_default(),
        service_texts: service
            .map(crate::service::office::services::texts_of)
            .unwrap_or_default(),
        reconfirmed: row.reconfirmed_at.is_some(),
    })
}

/// The office of a counter (404 for an unknown one).
pub async fn counter_office(db: &Db, counter_id: i32) -> AppResult<i32> {
    <entity::counter::Entity as sea_orm::EntityTrait>::find_by_id(counter_id)
        .one(&db.conn)
        .await?
        .map(|c| c.office_id)
        .ok_or_else(|| crate::error::AppError::not_found("There is no such counter."))
}
