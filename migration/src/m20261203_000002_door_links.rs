//! Issue 16: a room's door screen opens by a secret link, without a staff login, so a
//! television at the door needs no account. The link's token is kept as it is (the page
//! shows counts only, and staff need to read the link again to set up a screen); a
//! manager replaces or removes it. Expand-only: one nullable column and its index.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

fn n(name: &str) -> Alias {
    Alias::new(name)
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.alter_table(
            Table::alter()
                .table(n("room"))
                .add_column_if_not_exists(ColumnDef::new(n("door_token")).string().null())
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_room_door_token")
                .table(n("room"))
                .col(n("door_token"))
                .unique()
                .if_not_exists()
                .take(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name("idx_room_door_token")
                .table(n("room"))
                .to_owned(),
        )
        .await?;
        m.alter_table(
            Table::alter()
                .table(n("room"))
                .drop_column(n("door_token"))
                .take(),
        )
        .await?;
        Ok(())
    }
}
