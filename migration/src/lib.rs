//! Database migrations of Sportello. The same portable DDL (sea-query schema builders)
//! runs on SQLite and PostgreSQL; CI applies it to both. The one backend-specific
//! statement, a data measurement, is explained in `m20261207_000001_office_span`.

pub use sea_orm_migration::prelude::*;

mod m20261126_000001_create_schema;
mod m20261126_000002_create_outbox;
mod m20261126_000003_noshow_waitlist;
mod m20261126_000004_managers;
mod m20261202_000001_hold_owners;
mod m20261202_000002_trusted_devices;
mod m20261203_000001_office_details;
mod m20261203_000002_door_links;
mod m20261204_000001_tickets;
mod m20261205_000001_identity;
mod m20261206_000001_partial_indexes;
mod m20261207_000001_office_span;
mod m20261207_000002_ticket_number;
mod m20261208_000001_active_indexes;
mod m20261209_000001_rate_window;
mod m20261210_000001_rate_pace;
mod m20261211_000001_webhooks;
mod m20261211_000002_calendar_feeds;
mod m20261211_000003_io_fiscal_code;

/// Applies every migration in order; the server calls `Migrator::up` at start-up.
pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261126_000001_create_schema::Migration),
            Box::new(m20261126_000002_create_outbox::Migration),
            Box::new(m20261126_000003_noshow_waitlist::Migration),
            Box::new(m20261126_000004_managers::Migration),
            Box::new(m20261202_000001_hold_owners::Migration),
            Box::new(m20261202_000002_trusted_devices::Migration),
            Box::new(m20261203_000001_office_details::Migration),
            Box::new(m20261203_000002_door_links::Migration),
            Box::new(m20261204_000001_tickets::Migration),
            Box::new(m20261205_000001_identity::Migration),
            Box::new(m20261206_000001_partial_indexes::Migration),
            Box::new(m20261207_000001_office_span::Migration),
            Box::new(m20261207_000002_ticket_number::Migration),
            Box::new(m20261208_000001_active_indexes::Migration),
            Box::new(m20261209_000001_rate_window::Migration),
            Box::new(m20261210_000001_rate_pace::Migration),
            Box::new(m20261211_000001_webhooks::Migration),
            Box::new(m20261211_000002_calendar_feeds::Migration),
            Box::new(m20261211_000003_io_fiscal_code::Migration),
        ]
    }
}
