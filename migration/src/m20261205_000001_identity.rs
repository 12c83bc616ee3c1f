//! Issue 18: citizens log in with SPID or CIE, staff with the city's single sign-on
//! (OpenID Connect). `oidc_login` keeps a login between the redirect to the provider and
//! its answer (one use each); `citizen_session` is a logged-in citizen's browser session.
//! A booking records the hashed fiscal code and the provider, and a second manage-link
//! hash that "My appointments" sets, so the emailed link keeps working. A service may
//! require login. Expand-only: new tables, nullable or defaulted columns, indexes.

use sea_orm_migration::{prelude::*, schema::*};

#[derive(DeriveMigrationName)]
pub struct Migration;

fn n(name: &str) -> Alias {
    Alias::new(name)
}

/// SQLite takes one change per `ALTER TABLE`.
async fn add(m: &SchemaManager<'_>, table: &str, column: ColumnDef) -> Result<(), DbErr> {
    m.alter_table(
        Table::alter()
            .table(n(table))
            .add_column_if_not_exists(column)
            .take(),
    )
    .await
}

async fn index(
    m: &SchemaManager<'_>,
    name: &str,
    table: &str,
    cols: &[&str],
    unique: bool,
) -> Result<(), DbErr> {
    let mut i = Index::create();
    i.name(name).table(n(table)).if_not_exists();
    for c in cols {
        i.col(n(c));
    }
    if unique {
        i.unique();
    }
    m.create_index(i.take()).await
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(n("oidc_login"))
                .if_not_exists()
                .col(pk_auto(n("id")))
                .col(string(n("state_hash")))
                .col(string(n("provider")))
                .col(string(n("nonce")))
                .col(string(n("pkce_verifier")))
                .col(string(n("return_to")))
                .col(timestamp_with_time_zone(n("created_at")))
                .col(timestamp_with_time_zone(n("expires_at")))
                .take(),
        )
        .await?;
        index(
            m,
            "idx_oidc_login_state",
            "oidc_login",
            &["state_hash"],
            true,
        )
        .await?;
        index(
            m,
            "idx_oidc_login_expires",
            "oidc_login",
            &["expires_at"],
            false,
        )
        .await?;
        m.create_table(
            Table::create()
                .table(n("citizen_session"))
                .if_not_exists()
                .col(pk_auto(n("id")))
                .col(string(n("token_hash")))
                .col(string(n("provider")))
                .col(string(n("fiscal_code")))
                .col(string(n("fiscal_hash")))
                .col(string(n("given_name")))
                .col(string(n("family_name")))
                .col(string_null(n("email")))
                .col(timestamp_with_time_zone(n("created_at")))
                .col(timestamp_with_time_zone(n("expires_at")))
                .take(),
        )
        .await?;
        index(
            m,
            "idx_citizen_session_token",
            "citizen_session",
            &["token_hash"],
            true,
        )
        .await?;
        index(
            m,
            "idx_citizen_session_expires",
            "citizen_session",
            &["expires_at"],
            false,
        )
        .await?;
        for column in [
            "citizen_fiscal_hash",
            "identity_provider",
            "session_manage_hash",
        ] {
            add(m, "booking", string_null(n(column))).await?;
        }
        add(
            m,
            "booking",
            timestamp_with_time_zone_null(n("session_manage_expires_at")),
        )
        .await?;
        index(
            m,
            "idx_booking_fiscal",
            "booking",
            &["citizen_fiscal_hash", "service_id"],
            false,
        )
        .await?;
        add(
            m,
            "service",
            ColumnDef::new(n("login_required"))
                .boolean()
                .not_null()
                .default(false)
                .take(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_index(
            Index::drop()
                .name("idx_booking_fiscal")
                .table(n("booking"))
                .to_owned(),
        )
        .await?;
        for (table, column) in [
            ("booking", "citizen_fiscal_hash"),
            ("booking", "identity_provider"),
            ("booking", "session_manage_hash"),
            ("booking", "session_manage_expires_at"),
            ("service", "login_required"),
        ] {
            m.alter_table(Table::alter().table(n(table)).drop_column(n(column)).take())
                .await?;
        }
        m.drop_table(Table::drop().table(n("citizen_session")).to_owned())
            .await?;
        m.drop_table(Table::drop().table(n("oidc_login")).to_owned())
            .await?;
        Ok(())
    }
}
