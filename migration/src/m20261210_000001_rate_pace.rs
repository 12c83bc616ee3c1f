//! Issue 20: the per-client rate limits (requests per address) shared by every process
//! on PostgreSQL, kept as GCRA's one timestamp per scope and hashed address: the
//! theoretical arrival time of the client's next request. On SQLite, with its one
//! process, the limits stay in memory and the table stays empty. Expand only: an older
//! process ignores the table.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum RatePace {
    Table,
    Scope,
    KeyHash,
    Tat,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(RatePace::Table)
                .if_not_exists()
                .col(ColumnDef::new(RatePace::Scope).string().not_null())
                .col(ColumnDef::new(RatePace::KeyHash).string().not_null())
                .col(
                    ColumnDef::new(RatePace::Tat)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .primary_key(Index::create().col(RatePace::Scope).col(RatePace::KeyHash))
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(RatePace::Table).to_owned())
            .await
    }
}
