//! Fixed-window counters per key: the login guard (attempts per account) and the
//! recipient guard (bookings per citizen email) share them.
//!
//! On SQLite, with its one process, they are kept in memory. On PostgreSQL every process
//! counts in the same rows of `rate_window` (issue 20): each event is one upsert that
//! checks and counts in one step, so five failed logins spread over three processes are
//! five, and concurrent callers cannot all pass. Keys are hashed before they are kept, so
//! neither the memory of a process nor the table holds an email address.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex, PoisonError},
};

use chrono::{DateTime, Duration, Utc};
use sea_orm::{ConnectionTrait, DatabaseBackend, DatabaseConnection, DbErr, Statement, Value};

use crate::infra::secrets;

/// When a key's current window started, and what was counted in it.
type Count = (DateTime<Utc>, u32);

/// The counts, and the size at which finished windows are next forgotten.
#[derive(Debug)]
struct Counts {
    map: HashMap<String, Count>,
    tidy_at: usize,
}

/// At most `max` counted events per key in each `window`, the window starting at a key's
/// first event and the count starting again when it ends. Near a window's end a key can
/// get up to twice `max` in a short time: the price of keeping one number per key.
#[derive(Debug, Clone)]
pub struct FixedWindow {
    max: u32,
    window: Duration,
    counts: Arc<Mutex<Counts>>,
    /// On PostgreSQL: the connection and this counter's scope in `rate_window`.
    shared: Option<(DatabaseConnection, &'static str)>,
}

impl FixedWindow {
    /// Keys tracked before finished windows are first forgotten (bounded memory).
    const TIDY_ABOVE: usize = 10_000;

    pub fn new(max: u32, window: Duration) -> Self {
        Self {
            max,
            window,
            counts: Arc::new(Mutex::new(Counts {
                map: HashMap::new(),
                tidy_at: Self::TIDY_ABOVE,
            })),
            shared: None,
        }
    }

    /// The same counter in `rate_window` under `scope`, shared by every process, when
    /// `conn` is PostgreSQL; unchanged (in memory) on SQLite.
    pub fn shared_on(mut self, conn: &DatabaseConnection, scope: &'static str) -> Self {
        if conn.get_database_backend() == DatabaseBackend::Postgres {
            self.shared = Some((conn.clone(), scope));
        }
        self
    }

    /// Runs `sql` on the shared table with the scope and the hashed key as `$1` and `$2`,
    /// then `more`; the rows it returns.
    async fn on_table(
        conn: &DatabaseConnection,
        sql: &str,
        scope: &str,
        key: &str,
        more: Vec<Value>,
    ) -> Result<Vec<sea_orm::QueryResult>, DbErr> {
        let mut values: Vec<Value> = vec![scope.into(), secrets::hash(key).into()];
        values.extend(more);
        conn.query_all_raw(Statement::from_sql_and_values(
            DatabaseBackend::Postgres,
            sql,
            values,
        ))
        .await
    }

    /// Counts an event for `key`, or refuses it (`false`) when the window's are used up:
    /// check and count in one step, so concurrent callers cannot all pass.
    pub async fn take(&self, key: &str, now: DateTime<Utc>) -> Result<bool, DbErr> {
        let Some((conn, scope)) = &self.shared else {
            return Ok(self.try_take(key, now));
        };
        // A window that ended starts again at this event; otherwise the count goes up
        // unless it is used up, in which case no row comes back.
        let rows = Self::on_table(
            conn,
            "INSERT INTO rate_window (scope, key_hash, started_at, count) VALUES ($1, $2, $3, 1) \
             ON CONFLICT (scope, key_hash) DO UPDATE SET \
             started_at = CASE WHEN rate_window.started_at <= $4 THEN EXCLUDED.started_at ELSE rate_window.started_at END, \
             count = CASE WHEN rate_window.started_at <= $4 THEN 1 ELSE rate_window.count + 1 END \
             WHERE rate_window.started_at <= $4 OR rate_window.count < $5 \
             RETURNING count",
            scope,
            key,
            vec![now.into(), (now - self.window).into(), i64::from(self.max).into()],
        )
        .await?;
        // Now and then, the windows of this scope that ended go (bounded table).
        static TAKES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        if TAKES.fetch_add(1, std::sync::atomic::Ordering::Relaxed) % 1024 == 1023 {
            conn.execute_raw(Statement::from_sql_and_values(
                DatabaseBackend::Postgres,
                "DELETE FROM rate_window WHERE scope = $1 AND started_at <= $2",
                [(*scope).into(), (now - self.window).into()],
            ))
            .await?;
        }
        Ok(!rows.is_empty())
    }

    /// [`FixedWindow::give_back`], in the table when it is shared: from a `Drop`, so the
    /// shared one is given back by a task of its own.
    pub fn give_back_soon(&self, key: &str, now: DateTime<Utc>) {
        let Some((conn, scope)) = self.shared.clone() else {
            return self.give_back(key, now);
        };
        let (key, since) = (key.to_owned(), now - self.window);
        tokio::spawn(async move {
            let given = Self::on_table(
                &conn,
                "UPDATE rate_window SET count = count - 1 \
                 WHERE scope = $1 AND key_hash = $2 AND started_at > $3 AND count > 0 RETURNING count",
                scope,
                &key,
                vec![since.into()],
            )
            .await;
            if let Err(e) = given {
                tracing::warn!(error = %e, "a counted event could not be given back");
            }
        });
    }

    /// Forgets `key`'s count (in the table when it is shared).
    pub async fn forget_everywhere(&self, key: &str) -> Result<(), DbErr> {
        match &self.shared {
            None => {
                self.forget(key);
                Ok(())
            }
            Some((conn, scope)) => Self::on_table(
                conn,
                "DELETE FROM rate_window WHERE scope = $1 AND key_hash = $2 RETURNING count",
                scope,
                key,
                Vec::new(),
            )
            .await
            .map(drop),
        }
    }

    /// [`FixedWindow::blocked_until`], from the table when it is shared.
    pub async fn blocked_until_everywhere(
        &self,
        key: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<DateTime<Utc>>, DbErr> {
        let Some((conn, scope)) = &self.shared else {
            return Ok(self.blocked_until(key, now));
        };
        let rows = Self::on_table(
            conn,
            "SELECT started_at, count FROM rate_window WHERE scope = $1 AND key_hash = $2",
            scope,
            key,
            Vec::new(),
        )
        .await?;
        let Some(row) = rows.first() else {
            return Ok(None);
        };
        let since: DateTime<Utc> = row.try_get("", "started_at")?;
        let n: i32 = row.try_get("", "count")?;
        let until = since + self.window;
        Ok((i64::from(n) >= i64::from(self.max) && now < until).then_some(until))
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Counts> {
        self.counts.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// [`FixedWindow::take`] in memory: check and count in one step under the lock.
    fn try_take(&self, key: &str, now: DateTime<Utc>) -> bool {
        let mut counts = self.lock();
        if counts.map.len() > counts.tidy_at {
            // Forget finished windows; the next tidy waits until the map has doubled, so
            // a flood of new keys costs a pass now and then, not one per call.
            let window = self.window;
            counts
                .map
                .retain(|_, (since, n)| *n > 0 && now < *since + window);
            counts.tidy_at = Self::TIDY_ABOVE.max(counts.map.len() * 2);
        }
        let entry = counts.map.entry(secrets::hash(key)).or_insert((now, 0));
        if now >= entry.0 + self.window {
            *entry = (now, 0);
        }
        if entry.1 >= self.max {
            return false;
        }
        entry.1 += 1;
        true
    }

    /// Takes back an event counted by [`FixedWindow::try_take`] that did not happen after
    /// all (a booking refused), in the same window.
    fn give_back(&self, key: &str, now: DateTime<Utc>) {
        let mut counts = self.lock();
        let hashed = secrets::hash(key);
        if let Some(entry) = counts.map.get_mut(&hashed)
            && now < entry.0 + self.window
        {
            entry.1 = entry.1.saturating_sub(1);
            if entry.1 == 0 {
                counts.map.remove(&hashed);
            }
        }
    }

    /// When `key`'s used-up window ends, if it is used up at `now` (what the accounts
    /// page shows as a lockout).
    fn blocked_until(&self, key: &str, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let counts = self.lock();
        let (since, n) = counts.map.get(&secrets::hash(key))?;
        (*n >= self.max && now < *since + self.window).then_some(*since + self.window)
    }

    /// Forgets `key`'s count.
    fn forget(&self, key: &str) {
        self.lock().map.remove(&secrets::hash(key));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(minute: i64) -> DateTime<Utc> {
        DateTime::<Utc>::UNIX_EPOCH + Duration::minutes(minute)
    }

    #[test]
    fn a_window_allows_its_maximum_then_refuses_until_it_ends() {
        let w = FixedWindow::new(2, Duration::minutes(15));
        assert!(w.try_take("a", at(0)) && w.try_take("a", at(1)));
        assert!(!w.try_take("a", at(14)), "the third in the window");
        assert!(w.try_take("b", at(14)), "another key has its own");
        assert!(w.try_take("a", at(15)), "a new window");
        w.forget("a");
        assert!(w.try_take("a", at(16)) && w.try_take("a", at(16)));
    }

    #[test]
    fn a_place_given_back_is_free_again_and_an_empty_key_is_forgotten() {
        let w = FixedWindow::new(1, Duration::minutes(15));
        assert!(w.try_take("a", at(0)));
        assert!(!w.try_take("a", at(1)));
        w.give_back("a", at(2));
        assert!(w.lock().map.is_empty(), "nothing kept for a key at zero");
        assert!(w.try_take("a", at(3)));
    }
}
