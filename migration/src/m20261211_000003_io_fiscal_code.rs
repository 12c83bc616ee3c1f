//! Issue 21: the IO app. A booking made by a logged-in citizen keeps the fiscal code in
//! clear while IO messages may still be sent about it (IO addresses a citizen by it), and
//! retention removes it with the rest of the personal data. Expand only: a nullable
//! column that older processes never read.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Alias::new("booking"))
                .add_column(
                    ColumnDef::new(Alias::new("citizen_fiscal_code"))
                        .string()
                        .null(),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(Alias::new("booking"))
                .drop_column(Alias::new("citizen_fiscal_code"))
                .to_owned(),
        )
        .await
    }
}
