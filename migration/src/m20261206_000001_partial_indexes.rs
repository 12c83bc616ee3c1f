//! Issue 19: the booking table's hold and identity indexes cover only the rows that have
//! the value. A confirmed booking has no hold id, hold owner or session (they are cleared
//! when the hold becomes a booking), and most bookings have no fiscal code, yet every
//! row had an entry in each of these four indexes, and every update of a row that did not
//! fit in its page (a check-in, a no-show release) wrote four entries nobody reads.
//! Queries look these columns up by equality, which implies `IS NOT NULL`, so both
//! databases use the partial indexes for them.
//!
//! Each index is replaced by one named `…_partial`; the queries do not change, so a
//! process of the previous release runs on the new schema unchanged. On a large
//! PostgreSQL table, build them first by hand with `CREATE INDEX CONCURRENTLY` under
//! these names (the migration then finds them) to avoid the lock it takes to build them.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

fn n(name: &str) -> Alias {
    Alias::new(name)
}

/// (index, columns, unique); each partial index is the full one's name with `_partial`.
const INDEXES: [(&str, &[&str], bool); 4] = [
    ("idx_booking_hold", &["hold_id"], true),
    ("idx_booking_hold_client", &["hold_client"], false),
    ("idx_booking_hold_session", &["hold_session"], false),
    (
        "idx_booking_fiscal",
        &["citizen_fiscal_hash", "service_id"],
        false,
    ),
];

/// Creates one kind of index and then drops the other, under different names: the new
/// one exists before the old one goes, and no statement depends on another connection
/// of SQLite's pool having seen a drop (a connection with an older copy of the schema
/// refuses to create an index under a name it still knows).
async fn replace(m: &SchemaManager<'_>, partial: bool) -> Result<(), DbErr> {
    for (name, cols, unique) in INDEXES {
        let partial_name = format!("{name}_partial");
        let (create, drop) = if partial {
            (partial_name.as_str(), name)
        } else {
            (name, partial_name.as_str())
        };
        let mut i = Index::create();
        i.name(create).table(n("booking")).if_not_exists();
        for c in cols {
            i.col(n(c));
        }
        if unique {
            i.unique();
        }
        if partial {
            i.and_where(Expr::col(n(cols[0])).is_not_null());
        }
        m.create_index(i.take()).await?;
        // Plain SQL, the same on both databases: sea-query's SQLite drop names the table
        // as a schema.
        m.get_connection()
            .execute_unprepared(&format!("DROP INDEX IF EXISTS {drop}"))
            .await?;
    }
    Ok(())
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        replace(m, true).await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        replace(m, false).await
    }
}
