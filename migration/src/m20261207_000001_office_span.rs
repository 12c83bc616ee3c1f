//! Issue 19: each office keeps the longest room interval its bookings can have
//! (`max_span_minutes`), so the capacity engine reads the bookings overlapping an interval
//! from an index range of that length instead of a fixed 24 hours (a whole day of a busy
//! office, read under the room's lock by every booking).
//!
//! Existing offices get the longest of their services' current intervals (margin plus
//! duration) and of their bookings' actual intervals, measured here: a booking made before
//! a service was shortened keeps its length. Only that measurement is backend-specific
//! SQL (neither database has the other's interval arithmetic). The column's default, 24
//! hours, is what the engine used before, so a process of the previous release that creates
//! an office during a rolling upgrade leaves a safe value behind.

use sea_orm_migration::{prelude::*, sea_orm::DatabaseBackend};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn n(name: &str) -> Alias {
    Alias::new(name)
}

const MEASURE_POSTGRES: &str = "UPDATE office SET max_span_minutes = GREATEST(
    arrival_margin_minutes + COALESCE((SELECT MAX(s.duration_minutes) FROM service s WHERE s.office_id = office.id), 0),
    COALESCE((SELECT CEIL(EXTRACT(EPOCH FROM MAX(b.end_at - b.room_from)) / 60)::int FROM booking b WHERE b.office_id = office.id), 0))";

const MEASURE_SQLITE: &str = "UPDATE office SET max_span_minutes = MAX(
    arrival_margin_minutes + COALESCE((SELECT MAX(s.duration_minutes) FROM service s WHERE s.office_id = office.id), 0),
    COALESCE((SELECT (CAST(ROUND(MAX(julianday(b.end_at) - julianday(b.room_from)) * 86400) AS INTEGER) + 59) / 60 FROM booking b WHERE b.office_id = office.id), 0))";

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(n("office"))
                .add_column(
                    ColumnDef::new(n("max_span_minutes"))
                        .integer()
                        .not_null()
                        .default(24 * 60),
                )
                .take(),
        )
        .await?;
        let measure = match m.get_database_backend() {
            DatabaseBackend::Postgres => MEASURE_POSTGRES,
            _ => MEASURE_SQLITE,
        };
        m.get_connection().execute_unprepared(measure).await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(n("office"))
                .drop_column(n("max_span_minutes"))
                .take(),
        )
        .await
    }
}
