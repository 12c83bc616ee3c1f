//! Issue 19: a ticket's number is the day's last number of its letter plus one, read
//! under the queue's lock at every check-in and walk-in. This index lets both databases
//! read it from the newest tickets of the day backwards instead of every ticket of the
//! letter (a check-in read the whole day's queue before).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_index(
            Index::create()
                .name("idx_ticket_number")
                .table(Alias::new("ticket"))
                .col(Alias::new("office_id"))
                .col(Alias::new("day"))
                .col(Alias::new("number"))
                .if_not_exists()
                .take(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // Plain SQL, the same on both databases (sea-query's SQLite drop names the table
        // as a schema).
        m.get_connection()
            .execute_unprepared("DROP INDEX IF EXISTS idx_ticket_number")
            .await?;
        Ok(())
    }
}
