//! Issue 16: what a citizen needs before booking. Offices get a phone and an email;
//! services a description and their texts in other languages (a JSON object
//! `{"en": {"name": …, "description": …, "what_to_bring": …}, …}`; the columns `name`,
//! `description` and `what_to_bring` hold the Italian text every language falls back to).
//!
//! Expand-only: new nullable or defaulted columns, so a server of the previous release
//! keeps working on the migrated database.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

fn n(name: &str) -> Alias {
    Alias::new(name)
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for column in ["phone", "email"] {
            m.alter_table(
                Table::alter()
                    .table(n("office"))
                    .add_column_if_not_exists(ColumnDef::new(n(column)).string().null())
                    .take(),
            )
            .await?;
        }
        for (column, default) in [("description", ""), ("texts", "{}")] {
            m.alter_table(
                Table::alter()
                    .table(n("service"))
                    .add_column_if_not_exists(
                        ColumnDef::new(n(column)).text().not_null().default(default),
                    )
                    .take(),
            )
            .await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for column in ["phone", "email"] {
            m.alter_table(
                Table::alter()
                    .table(n("office"))
                    .drop_column(n(column))
                    .take(),
            )
            .await?;
        }
        for column in ["description", "texts"] {
            m.alter_table(
                Table::alter()
                    .table(n("service"))
                    .drop_column(n(column))
                    .take(),
            )
            .await?;
        }
        Ok(())
    }
}
