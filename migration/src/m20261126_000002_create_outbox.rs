//! The outbox: every message to a citizen is a row written in the same transaction as
//! the change it reports, and a background sender delivers it (durable across SMTP
//! outages, crashes and restarts).

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
        m.create_table(
            Table::create()
                .table(n("outbox_message"))
                .if_not_exists()
                .col(pk_auto(n("id")))
                .col(string(n("kind")))
                .col(integer_null(n("booking_id")))
                .col(string(n("recipient")))
                .col(string(n("subject")))
                .col(text(n("body_text")))
                .col(text(n("body_html")))
                .col(text_null(n("ics")))
                .col(string_null(n("qr_url")))
                .col(string(n("message_id")))
                .col(string_null(n("dedupe_key")))
                .col(string(n("status")))
                .col(integer(n("attempts")).default(0))
                .col(timestamp_with_time_zone(n("next_attempt_at")))
                .col(timestamp_with_time_zone_null(n("locked_until")))
                .col(text_null(n("last_error")))
                .col(timestamp_with_time_zone(n("created_at")))
                .col(timestamp_with_time_zone_null(n("sent_at")))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_outbox_due")
                .table(n("outbox_message"))
                .col(n("status"))
                .col(n("next_attempt_at"))
                .if_not_exists()
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_outbox_dedupe")
                .table(n("outbox_message"))
                .col(n("dedupe_key"))
                .unique()
                .if_not_exists()
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_outbox_message_id")
                .table(n("outbox_message"))
                .col(n("message_id"))
                .unique()
                .if_not_exists()
                .take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(n("outbox_message")).if_exists().take())
            .await
    }
}
