//! Connecting to SQLite or PostgreSQL (chosen by the URL at run time) and applying the
//! migrations.

use std::time::Duration;

use anyhow::Context;
use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, Database, DatabaseConnection};

use crate::config::DatabaseConfig;

/// Opens the pool, configured for its backend: SQLite in WAL mode with foreign keys on and
/// its folder created; PostgreSQL failing fast when it is gone.
pub async fn connect(config: &DatabaseConfig) -> anyhow::Result<DatabaseConnection> {
    if config.url.starts_with("sqlite:") {
        ensure_sqlite_folder(&config.url)?;
    }
    let conn = Database::connect(options(config, &config.url))
        .await
        .context("cannot connect to the database")?;
    Ok(conn)
}

/// The read replica's pool, opened lazily: a replica that is down or still catching up
/// at start-up must not keep the server from starting; reads go to the primary until it
/// answers (`jobs::replica`).
pub async fn connect_replica(
    config: &DatabaseConfig,
    url: &str,
) -> anyhow::Result<DatabaseConnection> {
    let mut opts = options(config, url);
    opts.min_connections(0).connect_lazy(true);
    Database::connect(opts)
        .await
        .context("cannot set up the read replica's pool")
}

fn options(config: &DatabaseConfig, url: &str) -> ConnectOptions {
    let is_sqlite = url.starts_with("sqlite:");
    let mut opts = ConnectOptions::new(url.to_owned());
    // SQLite's writers queue for the one write lock, so waiting for a connection is
    // normal under load; on PostgreSQL a long wait means the database is gone, and
    // the request should fail while the load balancer moves traffic elsewhere.
    let acquire = if is_sqlite { 30 } else { 10 };
    opts.max_connections(config.max_connections)
        .min_connections(1)
        .acquire_timeout(Duration::from_secs(acquire))
        .connect_timeout(Duration::from_secs(10))
        .sqlx_logging(false);
    opts.map_sqlx_sqlite_opts(|o| {
        use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
        // WAL lets readers run while one writer commits; NORMAL sync is durable
        // across process crashes in WAL mode; foreign keys are off by default.
        o.journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Normal)
            .busy_timeout(Duration::from_secs(30))
            .foreign_keys(true)
    });
    opts
}

/// Applies pending migrations.
///
/// A database that a newer release has already migrated is used as it is, without
/// migrating: during a rolling upgrade the new release's first process expands the
/// schema while this release's processes keep serving, and one of them may restart
/// (README, "Upgrades"). Migrations only expand within a release and the one after it,
/// so every table and column this binary uses is still there. A database that has newer
/// migrations but lacks one this binary knows was not made by a later release of this
/// line, and is refused.
pub async fn migrate(conn: &DatabaseConnection) -> anyhow::Result<()> {
    let applied = applied_migrations(conn).await.unwrap_or_default();
    let newer = newer_than_this_binary(&applied);
    if newer.is_empty() {
        return Migrator::up(conn, None)
            .await
            .context("database migration failed");
    }
    let missing: Vec<String> = Migrator::migrations()
        .iter()
        .map(|m| m.name().to_owned())
        .filter(|name| !applied.contains(name))
        .collect();
    if !missing.is_empty() {
        anyhow::bail!(
            "the database has migrations of a newer release ({}) but lacks {}",
            newer.join(", "),
            missing.join(", ")
        );
    }
    tracing::warn!(
        newer = %newer.join(", "),
        "the database was migrated by a newer release (a rolling upgrade?); using it without migrating"
    );
    Ok(())
}

/// The migrations applied to `conn`'s database, by version; an error when it has no
/// migrations table.
pub async fn applied_migrations(conn: &DatabaseConnection) -> Result<Vec<String>, sea_orm::DbErr> {
    use sea_orm::{ConnectionTrait, Statement};
    conn.query_all_raw(Statement::from_string(
        conn.get_database_backend(),
        "SELECT version FROM seaql_migrations",
    ))
    .await?
    .iter()
    .map(|row| row.try_get_by_index::<String>(0))
    .collect()
}

/// Those of `applied` that this binary does not know: a newer release's.
pub fn newer_than_this_binary(applied: &[String]) -> Vec<String> {
    let known: Vec<String> = Migrator::migrations()
        .iter()
        .map(|m| m.name().to_owned())
        .collect();
    applied
        .iter()
        .filter(|v| !known.contains(v))
        .cloned()
        .collect()
}

/// The file of a `sqlite:` URL; `None` for an in-memory database.
pub fn sqlite_path(url: &str) -> Option<std::path::PathBuf> {
    let path = url
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:")
        .split('?')
        .next()
        .unwrap_or_default();
    (!path.is_empty() && !path.starts_with(':')).then(|| path.into())
}

/// Creates the folder of a relative or absolute SQLite file path, so the embedded default
/// `sqlite://data/sportello.db` works on a fresh checkout.
fn ensure_sqlite_folder(url: &str) -> anyhow::Result<()> {
    let Some(path) = sqlite_path(url) else {
        return Ok(());
    };
    if let Some(parent) = path.parent()
        && !parent.as_os_str().is_empty()
    {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create the folder {}", parent.display()))?;
    }
    Ok(())
}
