//! Issue 6: the no-show sweep's index, the per-office no-show email, reconfirmation, the
//! waiting list with its offers, and retention's marker.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

fn n(name: &str) -> Alias {
    Alias::new(name)
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // One column per statement: SQLite alters one thing at a time.
        let columns: [(&str, ColumnDef); 6] = [
            ("office", boolean(n("no_show_email")).default(false).take()),
            ("service", integer_null(n("reconfirm_days")).take()),
            (
                "booking",
                timestamp_with_time_zone_null(n("reconfirmed_at")).take(),
            ),
            (
                "booking",
                timestamp_with_time_zone_null(n("reconfirm_requested_at")).take(),
            ),
            (
                "booking",
                timestamp_with_time_zone_null(n("anonymised_at")).take(),
            ),
            (
                "outbox_message",
                timestamp_with_time_zone_null(n("anonymised_at")).take(),
            ),
        ];
        for (table, mut column) in columns {
            m.alter_table(
                Table::alter()
                    .table(n(table))
                    .add_column(&mut column)
                    .take(),
            )
            .await?;
        }
        m.create_table(
            Table::create()
                .table(n("waitlist_entry"))
                .if_not_exists()
                .col(pk_auto(n("id")))
                .col(integer(n("office_id")))
                .col(integer(n("service_id")))
                .col(integer(n("party_size")))
                .col(string_null(n("citizen_name")))
                .col(string_null(n("citizen_email")))
                .col(string(n("language")))
                .col(date(n("date_from")))
                .col(date(n("date_to")))
                .col(string(n("status")))
                .col(string(n("token_hash")))
                .col(timestamp_with_time_zone(n("created_at")))
                .col(timestamp_with_time_zone_null(n("anonymised_at")))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(n("waitlist_offer"))
                .if_not_exists()
                .col(pk_auto(n("id")))
                .col(integer(n("entry_id")))
                .col(integer(n("office_id")))
                .col(integer(n("service_id")))
                .col(timestamp_with_time_zone(n("start_at")))
                .col(string(n("token_hash")))
                .col(string(n("status")))
                .col(integer_null(n("booking_id")))
                .col(timestamp_with_time_zone(n("created_at")))
                .col(timestamp_with_time_zone(n("expires_at")))
                .col(timestamp_with_time_zone_null(n("decided_at")))
                .take(),
        )
        .await?;
        // No index on booking.status: check-ins and the no-show sweep change it, and on
        // PostgreSQL an update that changes no indexed column can be HOT (no index
        // writes), given free room in the page, hence the fill factor. The sweep scans
        // the table instead (about 40 ms per 365,000 rows here).
        if m.get_database_backend() == sea_orm_migration::sea_orm::DatabaseBackend::Postgres {
            m.get_connection()
                .execute_unprepared("ALTER TABLE booking SET (fillfactor = 80)")
                .await?;
        }
        for (name, table, cols, unique) in [
            (
                "idx_waitlist_entry_service",
                "waitlist_entry",
                vec!["service_id", "status"],
                false,
            ),
            (
                "idx_waitlist_entry_token",
                "waitlist_entry",
                vec!["token_hash"],
                true,
            ),
            (
                "idx_waitlist_offer_token",
                "waitlist_offer",
                vec!["token_hash"],
                true,
            ),
            (
                "idx_waitlist_offer_slot",
                "waitlist_offer",
                vec!["service_id", "start_at"],
                false,
            ),
        ] {
            let mut stmt = Index::create();
            stmt.name(name).table(n(table)).if_not_exists();
            for c in cols {
                stmt.col(n(c));
            }
            if unique {
                stmt.unique();
            }
            m.create_index(stmt.take()).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in ["waitlist_offer", "waitlist_entry"] {
            m.drop_table(Table::drop().table(n(table)).if_exists().take())
                .await?;
        }
        for (table, column) in [
            ("office", "no_show_email"),
            ("service", "reconfirm_days"),
            ("booking", "reconfirmed_at"),
            ("booking", "reconfirm_requested_at"),
            ("booking", "anonymised_at"),
            ("outbox_message", "anonymised_at"),
        ] {
            m.alter_table(Table::alter().table(n(table)).drop_column(n(column)).take())
                .await?;
        }
        Ok(())
    }
}
