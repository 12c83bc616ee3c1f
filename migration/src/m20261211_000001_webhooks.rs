//! Issue 21: signed webhooks. `webhook` holds each office's endpoints (the secret is kept
//! as it was given, because every delivery is signed with it); deliveries are rows of the
//! one outbox with `webhook_id` set, so they are claimed, leased and retried like emails.
//! Expand only: a new table, a nullable column and an index; an older process neither
//! reads nor writes them. The index covers only webhook deliveries (partial). On a large
//! PostgreSQL outbox, build it first by hand with `CREATE INDEX CONCURRENTLY
//! idx_outbox_webhook_order ON outbox_message (webhook_id, booking_id, id) WHERE
//! webhook_id IS NOT NULL` (the migration then finds it) to avoid the lock it takes to
//! build it.

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
                .table(n("webhook"))
                .if_not_exists()
                .col(pk_auto(n("id")))
                .col(integer(n("office_id")))
                .col(string(n("url")))
                .col(string(n("events")))
                .col(string(n("secret")))
                .col(timestamp_with_time_zone(n("created_at")))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_webhook_office")
                .table(n("webhook"))
                .col(n("office_id"))
                .if_not_exists()
                .take(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(n("outbox_message"))
                .add_column(ColumnDef::new(n("webhook_id")).integer().null())
                .take(),
        )
        .await?;
        // A delivery waits for the earlier ones of its endpoint and booking (in order per
        // booking): the claim looks them up here.
        m.create_index(
            Index::create()
                .name("idx_outbox_webhook_order")
                .table(n("outbox_message"))
                .col(n("webhook_id"))
                .col(n("booking_id"))
                .col(n("id"))
                .and_where(Expr::col(n("webhook_id")).is_not_null())
                .if_not_exists()
                .take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name("idx_outbox_webhook_order")
                .table(n("outbox_message"))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(n("outbox_message"))
                .drop_column(n("webhook_id"))
                .take(),
        )
        .await?;
        m.drop_table(Table::drop().table(n("webhook")).if_exists().take())
            .await
    }
}
