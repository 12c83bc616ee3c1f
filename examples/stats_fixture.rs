//! Fills a database with a year of an office's bookings for `bench/stats.sh`: one office
//! with a corridor of 12 enclosing two waiting areas, six counters, opening hours from two
//! years back (weekdays 08:30–12:30 and 15:00–17:00, Thursday mornings only), and every
//! 20-minute slot of every counter booked on every open day of the last 365, with mixed
//! party sizes and outcomes. The rows are written in bulk (the API would take hours for
//! this many), in the same shape the booking service writes.
//!
//! `cargo run --release --example stats_fixture -- DATABASE_URL` prints the office id.

use entity::status::BookingStatus;
use std::collections::BTreeMap;

use chrono::{Duration, Utc};
use sea_orm::{ActiveValue::Set, EntityTrait, TransactionTrait};
use sportello::{
    config::DatabaseConfig,
    domain::schedule,
    service::{
        actor::Actor,
        db::Db,
        office::{
            counters::{self, CounterInput},
            hours::{self, OpeningHoursInput},
            offices::{self, OfficeInput},
            rooms::{self, RoomInput},
            services::{self, ServiceInput},
        },
    },
};

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let url = std::env::args()
        .nth(1)
        .ok_or_else(|| anyhow::anyhow!("usage: stats_fixture DATABASE_URL"))?;
    let db = Db::connect(&DatabaseConfig {
        url,
        max_connections: 4,
        slot_cache: true,
        read_url: None,
    })
    .await?;
    db.migrate().await?;
    let now = Utc::now();
    let system = Actor::system();
    let office = offices::create_office(
        &db,
        &system,
        &OfficeInput {
            name: "Municipio benchmark".into(),
            address: "Via Sparano 1, Bari".into(),
            timezone: Some("Europe/Rome".into()),
            arrival_margin_minutes: Some(10),
            no_show_email: None,
            phone: None,
            email: None,
        },
        now,
    )
    .await
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    let room = |name: &str, limit: i32, parent: Option<i32>| RoomInput {
        name: name.into(),
        occupancy_limit: limit,
        parent_room_id: parent,
    };
    let corridor = rooms::create_room(&db, &system, office.id, &room("Corridoio", 12, None), now)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut areas = Vec::new();
    for name in ["Area A", "Area B"] {
        areas.push(
            rooms::create_room(
                &db,
                &system,
                office.id,
                &room(name, 8, Some(corridor.id)),
                now,
            )
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?,
        );
    }
    let mut services = Vec::new();
    for name in ["Carta d'identità", "Certificati", "Residenza"] {
        services.push(
            services::create_service(
                &db,
                &system,
                office.id,
                &ServiceInput {
                    name: name.into(),
                    duration_minutes: 20,
                    horizon_days: 30,
                    min_notice_minutes: 60,
                    no_show_grace_minutes: 15,
                    max_active_per_citizen: None,
                    channel: None,
                    what_to_bring: None,
                    reconfirm_days: None,
                    description: None,
                    texts: None,
                    login_required: None,
                },
                now,
            )
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?,
        );
    }
    let mut counters = Vec::new();
    for n in 0..6 {
        let area = &areas[n % 2];
        counters.push((
            counters::create_counter(
                &db,
                &system,
                area.id,
                &CounterInput {
                    name: format!("Sportello {}", n + 1),
                    service_ids: services.iter().map(|s| s.id).collect(),
                },
                now,
            )
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?,
            area.id,
        ));
    }
    let mut weekly = BTreeMap::new();
    for day in ["mon", "tue", "wed", "fri"] {
        weekly.insert(
            day.to_string(),
            vec![
                ["08:30".to_string(), "12:30".to_string()],
                ["15:00".to_string(), "17:00".to_string()],
            ],
        );
    }
    weekly.insert(
        "thu".into(),
        vec![["08:30".to_string(), "12:30".to_string()]],
    );
    let tz = chrono_tz::Europe::Rome;
    let today = schedule::local_date(tz, now);
    hours::put_opening_hours(
        &db,
        &system,
        office.id,
        &OpeningHoursInput {
            valid_from: (today - Duration::days(730)).to_string(),
            valid_to: None,
            weekly,
        },
        false,
        now,
    )
    .await
    .map_err(|e| anyhow::anyhow!("{e}"))?;
    let setup = db
        .setups
        .get(&db.conn, office.id)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let mut rows = Vec::new();
    let mut n: u64 = 0;
    for back in 1..=365 {
        let date = today - Duration::days(back);
        for (opens, closes) in schedule::ranges_on(&setup.hours, date) {
            let mut t = opens;
            while t + Duration::minutes(20) <= closes {
                for (counter, area) in &counters {
                    n += 1;
                    let Some(start) = schedule::instants_of(tz, date, t).first().copied() else {
                        continue;
                    };
                    // A fixed mix: 82 % admitted and served, 8 % no-show, 10 % cancelled.
                    let (status, checked_in) = match n % 50 {
                        0..=3 => (BookingStatus::NoShow, None),
                        4..=8 => (BookingStatus::Cancelled, None),
                        _ => (BookingStatus::Served, Some(start - Duration::minutes(5))),
                    };
                    let party = i32::try_from(n % 3 + 1)?;
                    rows.push(entity::booking::ActiveModel {
                        office_id: Set(office.id),
                        service_id: Set(services[usize::try_from(n % 3)?].id),
                        counter_id: Set(counter.id),
                        room_id: Set(*area),
                        occupies_room: Set(true),
                        status: Set(status),
                        start_at: Set(start),
                        end_at: Set(start + Duration::minutes(20)),
                        room_from: Set(start - Duration::minutes(10)),
                        party_size: Set(party),
                        reference: Set(Some(format!("B{n:07}"))),
                        checkin_token: Set(Some(format!("bench-{n}"))),
                        language: Set("it".into()),
                        created_at: Set(start - Duration::days(7)),
                        checked_in_at: Set(checked_in),
                        served_at: Set(checked_in.map(|c| c + Duration::minutes(25))),
                        cancelled_at: Set((status == BookingStatus::Cancelled)
                            .then_some(start - Duration::days(1))),
                        released_at: Set((status == BookingStatus::NoShow)
                            .then_some(start + Duration::minutes(15))),
                        ..Default::default()
                    });
                }
                t += Duration::minutes(20);
            }
        }
    }
    let total = rows.len();
    let txn = db.conn.begin().await?;
    while !rows.is_empty() {
        let chunk: Vec<_> = rows.drain(..rows.len().min(500)).collect();
        entity::booking::Entity::insert_many(chunk)
            .exec(&txn)
            .await?;
    }
    txn.commit().await?;
    eprintln!("{total} bookings over 365 days");
    println!("{}", office.id);
    Ok(())
}
