//! Connecting to SQLite or PostgreSQL (chosen by the URL at run time) and applying the
//! migrations.

use std::{sync::Arc, time::Duration};

use anyhow::Context;
use migration::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, Database, DatabaseBackend, DatabaseConnection};
use tokio::sync::{Mutex, Semaphore};

use crate::config::DatabaseConfig;

/// The database handle shared by all requests.
#[derive(Clone, Debug)]
pub struct Db {
    /// The sea-orm pool.
    pub conn: DatabaseConnection,
    /// SQLite allows one writer at a time. Capacity transactions queue on this in-process
    /// gate instead of polling SQLite's busy handler, which is both faster and fair; on
    /// PostgreSQL it is `None` and row locks do the work (see `service::capacity`).
    pub write_gate: Option<Arc<Mutex<()>>>,
    /// Office set-ups, cached while their version is current.
    pub setups: crate::service::office::SetupCache,
    /// Recently authenticated tokens (see [`crate::service::auth::AuthCache`]).
    pub auth: crate::service::auth::AuthCache,
    /// Slot lists are CPU work between two awaits; running more of them at once than
    /// there are cores only multiplies memory and tail latency, so they queue here.
    pub slot_permits: Arc<Semaphore>,
    /// Bookings and waiting-list entries per citizen email in the last hour.
    pub recipients: crate::service::window::RecipientGuard,
}

impl Db {
    /// Connects and configures the pool for the backend.
    pub async fn connect(config: &DatabaseConfig) -> anyhow::Result<Self> {
        let is_sqlite = config.url.starts_with("sqlite:");
        if is_sqlite {
            ensure_sqlite_folder(&config.url)?;
        }
        let mut opts = ConnectOptions::new(config.url.clone());
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
        let conn = Database::connect(opts)
            .await
            .context("cannot connect to the database")?;
        let write_gate = (conn.get_database_backend() == DatabaseBackend::Sqlite)
            .then(|| Arc::new(Mutex::new(())));
        Ok(Self {
            conn,
            write_gate,
            setups: Default::default(),
            auth: Default::default(),
            slot_permits: Arc::new(Semaphore::new(
                std::thread::available_parallelism().map_or(2, |n| n.get()),
            )),
            recipients: Default::default(),
        })
    }

    /// Applies pending migrations.
    pub async fn migrate(&self) -> anyhow::Result<()> {
        Migrator::up(&self.conn, None)
            .await
            .context("database migration failed")
    }

    /// The backend in use.
    pub fn backend(&self) -> DatabaseBackend {
        self.conn.get_database_backend()
    }
}

/// Creates the folder of a relative or absolute SQLite file path, so the embedded default
/// `sqlite://data/sportello.db` works on a fresh checkout.
fn ensure_sqlite_folder(url: &str) -> anyhow::Result<()> {
    let path = url
        .trim_start_matches("sqlite://")
        .trim_start_matches("sqlite:")
        .split('?')
        .next()
        .unwrap_or_default();
    if path.is_empty() || path.starts_with(':') {
        return Ok(());
    }
    if let Some(parent) = std::path::Path::new(path).parent()
        && !parent.as_os_str().is_empty()
    {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create the folder {}", parent.display()))?;
    }
    Ok(())
}
