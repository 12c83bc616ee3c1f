//! Issue 20: counters in a fixed window shared by every process on PostgreSQL (failed
//! logins per account, bookings per mailbox), one row per scope and hashed key. On
//! SQLite, with its one process, the counters stay in memory and the table stays empty.
//! Expand only: an older process ignores the table.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[derive(DeriveIden)]
enum RateWindow {
    Table,
    Scope,
    KeyHash,
    StartedAt,
    Count,
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(RateWindow::Table)
                .if_not_exists()
                .col(ColumnDef::new(RateWindow::Scope).string().not_null())
                .col(ColumnDef::new(RateWindow::KeyHash).string().not_null())
                .col(
                    ColumnDef::new(RateWindow::StartedAt)
                        .timestamp_with_time_zone()
                        .not_null(),
                )
                .col(ColumnDef::new(RateWindow::Count).integer().not_null())
                .primary_key(
                    Index::create()
                        .col(RateWindow::Scope)
                        .col(RateWindow::KeyHash),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(RateWindow::Table).to_owned())
            .await
    }
}
