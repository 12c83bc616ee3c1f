//! Security review (issue 22): who holds a hold, so one client cannot hold a whole day,
//! and no stored idempotent response left in plain text.

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
        // Hashes (never the address or the cookie itself) of the client address (IPv6 by
        // /64) and of the browser's session that took a hold; cleared when it is booked.
        // One column per statement: SQLite alters one thing at a time.
        for column in ["hold_client", "hold_session"] {
            m.alter_table(
                Table::alter()
                    .table(n("booking"))
                    .add_column(string_null(n(column)))
                    .take(),
            )
            .await?;
            m.create_index(
                Index::create()
                    .name(format!("idx_booking_{column}"))
                    .table(n("booking"))
                    .col(n(column))
                    .if_not_exists()
                    .take(),
            )
            .await?;
        }
        // Stored responses used to hold the manage token in plain text, under keys that
        // any client could replay. They are kept for 24 hours only: dropping them costs
        // at most a replay answered 409 /citizen-limit instead of the first 201.
        m.get_connection()
            .execute_unprepared("DELETE FROM idempotency_key")
            .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for column in ["hold_client", "hold_session"] {
            m.drop_index(
                Index::drop()
                    .name(format!("idx_booking_{column}"))
                    .table(n("booking"))
                    .to_owned(),
            )
            .await?;
            m.alter_table(
                Table::alter()
                    .table(n("booking"))
                    .drop_column(n(column))
                    .take(),
            )
            .await?;
        }
        Ok(())
    }
}
