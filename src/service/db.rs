//! The handle every service takes: the database pool, SQLite's write gate, and the
//! caches that belong to this process (office set-ups, slot evaluations, recent tokens, the limit per
//! mailbox, slot-list permits).

use std::sync::Arc;

use sea_orm::{DatabaseBackend, DatabaseConnection};
use tokio::sync::{Mutex, Semaphore};

use crate::{
    config::DatabaseConfig,
    infra::database,
    service::{
        limits::RecipientGuard, lock_queue::LockQueue, setup::SetupCache, slot_cache::SlotCache,
        token_cache::AuthCache,
    },
};

/// The database handle shared by all requests.
#[derive(Clone, Debug)]
pub struct Db {
    /// The sea-orm pool.
    pub conn: DatabaseConnection,
    /// SQLite allows one writer at a time. Capacity transactions queue on this in-process
    /// gate instead of polling SQLite's busy handler, which is both faster and fair; on
    /// PostgreSQL it is `None` and row locks do the work (see `service::engine`).
    pub write_gate: Option<Arc<Mutex<()>>>,
    /// On PostgreSQL, where writers of different rooms run in parallel, the writers of
    /// this process that need the same capacity locks queue here, in memory, instead of
    /// in PostgreSQL's lock manager (see `service::lock_queue`); `None` on SQLite, which
    /// has its gate.
    pub lock_queue: Option<LockQueue>,
    /// Office set-ups, cached while their version is current.
    pub setups: SetupCache,
    /// Office-days' slot evaluations, used while their versions are current.
    pub slot_cache: SlotCache,
    /// Recently authenticated tokens.
    pub auth: AuthCache,
    /// Slot lists are CPU work between two awaits; running more of them at once than
    /// there are cores only multiplies memory and tail latency, so they queue here.
    pub slot_permits: Arc<Semaphore>,
    /// Bookings and waiting-list entries per citizen email in the last hour.
    pub recipients: RecipientGuard,
}

impl Db {
    /// Connects and configures the pool for the backend.
    pub async fn connect(config: &DatabaseConfig) -> anyhow::Result<Self> {
        let mut db = Self::new(database::connect(config).await?);
        if !config.slot_cache {
            db.slot_cache = SlotCache::disabled();
        }
        Ok(db)
    }

    /// On SQLite, this process's turn on the write gate for a single write statement
    /// outside a capacity transaction (which takes it in `engine::begin`); `None` on
    /// PostgreSQL.
    pub async fn write_turn(&self) -> Option<tokio::sync::MutexGuard<'_, ()>> {
        match &self.write_gate {
            Some(gate) => Some(gate.lock().await),
            None => None,
        }
    }

    /// The handle around an open pool, with empty caches.
    pub fn new(conn: DatabaseConnection) -> Self {
        let sqlite = conn.get_database_backend() == DatabaseBackend::Sqlite;
        let write_gate = sqlite.then(|| Arc::new(Mutex::new(())));
        let recipients = RecipientGuard::on(&conn);
        Self {
            conn,
            write_gate,
            lock_queue: (!sqlite).then(LockQueue::default),
            setups: Default::default(),
            slot_cache: Default::default(),
            auth: Default::default(),
            slot_permits: Arc::new(Semaphore::new(
                std::thread::available_parallelism().map_or(2, |n| n.get()),
            )),
            recipients,
        }
    }

    /// Applies pending migrations.
    pub async fn migrate(&self) -> anyhow::Result<()> {
        database::migrate(&self.conn).await
    }

    /// The backend in use.
    pub fn backend(&self) -> DatabaseBackend {
        self.conn.get_database_backend()
    }

    /// Whether the database is reachable (for `/readyz`).
    pub async fn ping(&self) -> bool {
        // A health check must answer fast: a database that takes two seconds is not ready.
        tokio::time::timeout(std::time::Duration::from_secs(2), self.conn.ping())
            .await
            .is_ok_and(|r| r.is_ok())
    }
}
