//! A burst, then a steady rate, per key, counted by every process together in
//! PostgreSQL's `rate_pace` (issue 20): the per-client rate limits of a deployment with
//! several web processes. One process alone keeps the same limits in memory
//! (`tower_governor`); this is the shared twin of its algorithm, GCRA, which keeps one
//! timestamp per key: when the key's next request would be on pace.
//!
//! The time is the database's own (`statement_timestamp()`), not the process's clock:
//! the processes' clocks may differ by more than a request's spacing, and the one place
//! that orders the requests is the row they all update. Addresses are hashed before they
//! are kept.

use sea_orm::{ConnectionTrait, DatabaseBackend, DatabaseConnection, DbErr, Statement};

use crate::infra::secrets;

/// At most `burst` requests at once per key, then one every `every_ms` milliseconds.
#[derive(Debug, Clone)]
pub struct SharedPace {
    conn: DatabaseConnection,
    scope: &'static str,
    burst: u32,
    every_ms: u64,
}

impl SharedPace {
    /// The pace under `scope` in `rate_pace`, when `conn` is PostgreSQL; `None` on SQLite,
    /// whose one process keeps its limits in memory.
    pub fn on(
        conn: &DatabaseConnection,
        scope: &'static str,
        burst: u32,
        every_ms: u64,
    ) -> Option<Self> {
        (conn.get_database_backend() == DatabaseBackend::Postgres).then(|| Self {
            conn: conn.clone(),
            scope,
            burst: burst.max(1),
            every_ms: every_ms.max(1),
        })
    }

    /// Counts a request for `key`, or refuses it with the seconds to wait (at least 1).
    /// Check and count are one upsert, so concurrent requests through any number of
    /// processes cannot all pass.
    ///
    /// GCRA: the key's arrival time `tat` moves on by one interval per request, from now
    /// when it lies in the past; a request is on pace while the moved `tat` is at most
    /// `burst` intervals ahead of now.
    pub async fn take(&self, key: &str) -> Result<Result<(), u64>, DbErr> {
        let hashed = secrets::hash(key);
        let every = i64::try_from(self.every_ms).unwrap_or(i64::MAX);
        let ahead = every.saturating_mul(i64::from(self.burst));
        let taken = self
            .conn
            .query_all_raw(Statement::from_sql_and_values(
                DatabaseBackend::Postgres,
                "INSERT INTO rate_pace (scope, key_hash, tat) \
                 VALUES ($1, $2, statement_timestamp() + make_interval(secs => $3::float8 / 1000)) \
                 ON CONFLICT (scope, key_hash) DO UPDATE SET \
                 tat = GREATEST(rate_pace.tat, statement_timestamp()) + make_interval(secs => $3::float8 / 1000) \
                 WHERE GREATEST(rate_pace.tat, statement_timestamp()) + make_interval(secs => $3::float8 / 1000) \
                   <= statement_timestamp() + make_interval(secs => $4::float8 / 1000) \
                 RETURNING tat",
                [self.scope.into(), hashed.clone().into(), every.into(), ahead.into()],
            ))
            .await?;
        if !taken.is_empty() {
            self.tidy_now_and_then().await?;
            return Ok(Ok(()));
        }
        // Refused: the wait until one more request is on pace.
        let wait = self
            .conn
            .query_one_raw(Statement::from_sql_and_values(
                DatabaseBackend::Postgres,
                "SELECT CEIL(EXTRACT(EPOCH FROM (tat + make_interval(secs => $3::float8 / 1000) \
                   - make_interval(secs => $4::float8 / 1000) - statement_timestamp())))::int8 AS wait \
                 FROM rate_pace WHERE scope = $1 AND key_hash = $2",
                [self.scope.into(), hashed.into(), every.into(), ahead.into()],
            ))
            .await?
            .and_then(|row| row.try_get::<i64>("", "wait").ok())
            .unwrap_or(1);
        Ok(Err(u64::try_from(wait).unwrap_or(1).max(1)))
    }

    /// Now and then, the keys back on pace go (bounded table): a key whose `tat` is past
    /// is the same as no row.
    async fn tidy_now_and_then(&self) -> Result<(), DbErr> {
        static TAKES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        if TAKES.fetch_add(1, std::sync::atomic::Ordering::Relaxed) % 1024 == 1023 {
            self.conn
                .execute_raw(Statement::from_sql_and_values(
                    DatabaseBackend::Postgres,
                    "DELETE FROM rate_pace WHERE scope = $1 AND tat < statement_timestamp()",
                    [self.scope.into()],
                ))
                .await?;
        }
        Ok(())
    }
}
