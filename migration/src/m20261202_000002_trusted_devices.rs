//! Security review (issue 22), finding 9: browsers that logged in successfully before
//! (OWASP's device cookies), so a clerk can still log in while strangers keep the
//! account's logins locked.

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
                .table(n("trusted_device"))
                .if_not_exists()
                .col(pk_auto(n("id")))
                .col(integer(n("user_id")))
                // A hash of the cookie's value, like tokens.
                .col(string(n("token_hash")))
                .col(timestamp_with_time_zone(n("created_at")))
                .col(timestamp_with_time_zone(n("expires_at")))
                .foreign_key(
                    ForeignKey::create()
                        .from(n("trusted_device"), n("user_id"))
                        .to(n("app_user"), n("id"))
                        .on_delete(ForeignKeyAction::Cascade),
                )
                .take(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("idx_trusted_device_token")
                .table(n("trusted_device"))
                .col(n("token_hash"))
                .unique()
                .if_not_exists()
                .take(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(n("trusted_device")).if_exists().take())
            .await?;
        Ok(())
    }
}
