//! Issue 21: calendar feeds. A secret address per office and per counter whose iCalendar
//! the clerks' calendar apps subscribe to; only the token's hash is kept, so the address
//! is shown once, when it is made, and a new one replaces it. Expand only.

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
                .table(n("calendar_feed"))
                .if_not_exists()
                .col(pk_auto(n("id")))
                .col(integer(n("office_id")))
                .col(integer_null(n("counter_id")))
                .col(string(n("token_hash")))
                .col(timestamp_with_time_zone(n("created_at")))
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_calendar_feed_token")
                .table(n("calendar_feed"))
                .col(n("token_hash"))
                .unique()
                .if_not_exists()
                .take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(n("calendar_feed")).if_exists().take())
            .await
    }
}
