//! Issue 17: the queue at the office. `ticket` holds each citizen's place in the day's
//! queue; `queue_event` records every call and change, so that every process can feed the
//! displays and phones connected to it. Expand-only: two new tables and their indexes.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn n(name: &str) -> Alias {
    Alias::new(name)
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(n("ticket"))
                .if_not_exists()
                .col(pk_auto(n("id")))
                .col(integer(n("office_id")))
                .col(integer(n("service_id")))
                .col(string(n("day")))
                .col(integer(n("number")))
                .col(string(n("code")))
                .col(string(n("status")))
                .col(integer(n("party_size")))
                .col(integer_null(n("booking_id")))
                .col(boolean(n("inside")))
                .col(integer_null(n("room_id")))
                .col(integer_null(n("counter_id")))
                .col(integer(n("calls")))
                .col(string_null(n("citizen_name")))
                .col(string_null(n("citizen_email")))
                .col(string(n("language")))
                .col(string_null(n("token_hash")))
                .col(timestamp_with_time_zone(n("joined_at")))
                .col(timestamp_with_time_zone_null(n("due_at")))
                .col(timestamp_with_time_zone_null(n("called_at")))
                .col(timestamp_with_time_zone_null(n("first_called_at")))
                .col(timestamp_with_time_zone_null(n("started_at")))
                .col(timestamp_with_time_zone_null(n("ended_at")))
                .take(),
        )
        .await?;
        m.create_table(
            Table::create()
                .table(n("queue_event"))
                .if_not_exists()
                .col(pk_auto(n("id")))
                .col(integer(n("office_id")))
                .col(integer(n("ticket_id")))
                .col(string(n("kind")))
                .col(string(n("code")))
                .col(integer_null(n("counter_id")))
                .col(string_null(n("counter_name")))
                .col(timestamp_with_time_zone(n("at")))
                .take(),
        )
        .await?;
        for (name, table, cols, unique) in [
            (
                "idx_ticket_code",
                "ticket",
                &["office_id", "day", "code"][..],
                true,
            ),
            ("idx_ticket_token", "ticket", &["token_hash"][..], true),
            ("idx_ticket_booking", "ticket", &["booking_id"][..], false),
            // "Call next" reads the day's waiting tickets in arrival order.
            (
                "idx_ticket_queue",
                "ticket",
                &["office_id", "day", "status", "joined_at"][..],
                false,
            ),
            ("idx_queue_event_at", "queue_event", &["at"][..], false),
        ] {
            let mut index = Index::create();
            index.name(name).table(n(table)).if_not_exists();
            for col in cols {
                index.col(n(col));
            }
            if unique {
                index.unique();
            }
            m.create_index(index).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for table in ["queue_event", "ticket"] {
            m.drop_table(Table::drop().table(n(table)).if_exists().to_owned())
                .await?;
        }
        Ok(())
    }
}
