//! The handle every service takes: the database pool, SQLite's write gate, and the
//! caches that belong to this process (office set-ups, slot evaluations, recent tokens, the limit per
//! mailbox, slot-list permits).

use std::sync::{
    Arc,
    atomic::{AtomicBool, Ordering},
};

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
    /// The streaming replica for reads that may lag, and whether it answered the last
    /// check ([`crate::jobs::replica`]); `None` without `SPORTELLO_DATABASE_READ_URL`.
    pub replica: Option<(DatabaseConnection, Arc<AtomicBool>)>,
}

impl Db {
    /// Connects and configures the pool for the backend.
    pub async fn connect(config: &DatabaseConfig) -> anyhow::Result<Self> {
        let mut db = Self::new(database::connect(config).await?);
        if !config.slot_cache {
            db.slot_cache = SlotCache::disabled();
        }
        if let Some(url) = &config.read_url {
            let replica = database::connect_replica(config, url).await?;
            // Down until its first answer ([`crate::jobs::replica`]).
            db.replica = Some((replica, Arc::new(AtomicBool::new(false))));
        }
        Ok(db)
    }

    /// Where the reads that may lag go: slot lists, the agenda, statistics. The replica
    /// while it answers, otherwise the primary, so a replica that is down costs the
    /// primary some reads and nobody a page. Never for a capacity check or a write: a
    /// replica may be behind, and only the primary's rows hold the limits.
    pub fn reads(&self) -> &DatabaseConnection {
        match &self.replica {
            Some((replica, up)) if up.load(Ordering::Relaxed) => replica,
            _ => &self.conn,
        }
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
            replica: None,
        }
    }

    /// This handle with every read on the primary: for a decision that follows a write
    /// and must see it (is this slot full now?).
    pub fn primary_only(&self) -> Self {
        Self {
            replica: None,
            ..self.clone()
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
