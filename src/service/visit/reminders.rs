//! The reminder the day before: once an office's local clock has passed the reminder
//! hour, every confirmed booking of its next local day gets one reminder (a missed run is
//! caught up by the next one that day; the outbox's dedupe key makes it once, even with
//! several processes running the job).

use chrono::{DateTime, Duration, Timelike, Utc};
use entity::status::BookingStatus;
use entity::{booking, office};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::{
    config::Config,
    email::letters,
    error::AppResult,
    service::{db::Db, setup::parse_tz},
};

/// Queues the reminders due at `now`; returns how many bookings were considered.
pub async fn run_once(db: &Db, config: &Config, now: DateTime<Utc>) -> AppResult<usize> {
    let hour = config.booking.reminder_hour;
    let mut considered = 0;
    for office in office::Entity::find().all(&db.conn).await? {
        let tz = parse_tz(&office.timezone)?;
        let local = now.with_timezone(&tz);
        if local.hour() < hour {
            continue;
        }
        let tomorrow = local.date_naive() + Duration::days(1);
        let day = |d: chrono::NaiveDate| {
            crate::domain::schedule::instants_of(tz, d, chrono::NaiveTime::MIN)
                .first()
                .copied()
        };
        let (Some(from), Some(to)) = (day(tomorrow), day(tomorrow + Duration::days(1))) else {
            continue;
        };
        let rows = booking::Entity::find()
            .filter(booking::Column::OfficeId.eq(office.id))
            .filter(booking::Column::Status.eq(BookingStatus::Confirmed))
            .filter(booking::Column::StartAt.gte(from))
            .filter(booking::Column::StartAt.lt(to))
            .all(&db.conn)
            .await?;
        let setup = db.setups.get(&db.conn, office.id).await?;
        for row in rows {
            considered += 1;
            let Ok(service) = setup.service(row.service_id) else {
                continue;
            };
            let facts = letters::facts_for(
                &row,
                &office,
                service,
                tz,
                &config.http.base_url,
                String::new(),
            );
            // The email and its IO twin: single writes, each in its turn on SQLite's gate.
            let _gate = db.write_turn().await;
            crate::service::io_app::enqueue_both(
                &db.conn,
                &config.io,
                letters::reminder(&facts)?,
                row.citizen_fiscal_code.as_deref(),
                now,
            )
            .await?;
        }
    }
    Ok(considered)
}
