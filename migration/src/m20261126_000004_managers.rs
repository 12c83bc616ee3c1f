//! Issue 7: the office an audit row belongs to (managers browse their own office's log),
//! and the invitations to choose a new time sent after a change of capacity or hours.

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
        m.alter_table(
            Table::alter()
                .table(n("audit_log"))
                .add_column(integer_null(n("office_id")))
                .take(),
        )
        .await?;
        // Rows written before this migration: their office, from what they are about
        // (plain SQL that SQLite and PostgreSQL read alike).
        let owner = |entity: &str, select: &str| {
            format!(
                "UPDATE audit_log SET office_id = ({select}) WHERE entity = '{entity}' AND office_id IS NULL"
            )
        };
        let by_id = |table: &str| {
            format!(
                "SELECT t.office_id FROM {table} t WHERE CAST(t.id AS TEXT) = audit_log.entity_id"
            )
        };
        for sql in [
            owner("booking", &by_id("booking")),
            owner("room", &by_id("room")),
            owner("closure", &by_id("closure")),
            owner("service", &by_id("service")),
            owner("counter", &by_id("counter")),
            owner("user", &by_id("app_user")),
            owner(
                "capacity_rule",
                "SELECT r.office_id FROM capacity_rule c JOIN room r ON r.id = c.room_id \
                 WHERE CAST(c.id AS TEXT) = audit_log.entity_id",
            ),
            owner(
                "office",
                "SELECT o.id FROM office o WHERE CAST(o.id AS TEXT) = audit_log.entity_id",
            ),
            owner(
                "opening_hours",
                "SELECT o.id FROM office o WHERE audit_log.entity_id LIKE CAST(o.id AS TEXT) || ':%'",
            ),
        ] {
            m.get_connection().execute_unprepared(&sql).await?;
        }
        m.create_table(
            Table::create()
                .table(n("rebook_invite"))
                .if_not_exists()
                .col(pk_auto(n("id")))
                .col(integer(n("booking_id")))
                .col(integer(n("office_id")))
                .col(big_integer(n("config_version")))
                .col(string(n("token_hash")))
                .col(timestamp_with_time_zone(n("created_at")))
                .col(timestamp_with_time_zone_null(n("used_at")))
                .take(),
        )
        .await?;
        for (name, table, cols, unique) in [
            (
                "idx_audit_log_office_at",
                "audit_log",
                vec!["office_id", "at"],
                false,
            ),
            ("idx_audit_log_at", "audit_log", vec!["at"], false),
            (
                "idx_rebook_invite_token",
                "rebook_invite",
                vec!["token_hash"],
                true,
            ),
            // One invitation per booking and set-up version: a second click on "notify"
            // sends nothing more; a later change may invite again.
            (
                "idx_rebook_invite_once",
                "rebook_invite",
                vec!["booking_id", "config_version"],
                true,
            ),
            // Statistics read an office's bookings by start.
            (
                "idx_booking_office_start",
                "booking",
                vec!["office_id", "start_at"],
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
        m.drop_table(Table::drop().table(n("rebook_invite")).if_exists().take())
            .await?;
        m.drop_index(
            Index::drop()
                .name("idx_booking_office_start")
                .table(n("booking"))
                .to_owned(),
        )
        .await?;
        m.drop_index(
            Index::drop()
                .name("idx_audit_log_office_at")
                .table(n("audit_log"))
                .to_owned(),
        )
        .await?;
        m.drop_index(
            Index::drop()
                .name("idx_audit_log_at")
                .table(n("audit_log"))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(n("audit_log"))
                .drop_column(n("office_id"))
                .take(),
        )
        .await?;
        Ok(())
    }
}
