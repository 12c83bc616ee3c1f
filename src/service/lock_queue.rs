//! Requests of this process that are about to take the same capacity locks queue here,
//! in memory, rather than in PostgreSQL's lock manager. At a popular opening every hold
//! and booking of the first times needs the same room-hour row; when 30 transactions
//! waited for it in PostgreSQL, every commit woke all of them and all but one went back
//! to sleep (`Lock:transactionid` and `LWLock:LockManager` waits in `pg_stat_activity`).
//! Queued here, at most [`IN_DATABASE`] transactions per lock set are in the database
//! at a time: the one holding the locks and the next, waiting for them in PostgreSQL.
//! The next one's lock statement is already there when the holder commits, so
//! PostgreSQL hands the locks over at once, with no round trip from Sportello in
//! between, and it wakes only that one waiter.
//!
//! The turn is taken inside the transaction, just before the room locks, after the
//! statements that need no room lock (the citizen's lock and bookings, the hold owner's
//! holds): taking it before `BEGIN` made each turn's hand-over pay for those round trips
//! too, and throughput fell. So a request waiting for its turn still holds its pool
//! connection. It never waits for a turn while holding a room lock, and holds only the
//! rows of its own citizen (or browser, for holds), so no turn's holder needs a lock that
//! a request waiting for that turn holds.
//!
//! Across processes the database's row locks still decide (see `service::engine`); this
//! only changes who waits where. SQLite has one writer anyway and queues every write on
//! its gate, so it does not use this.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex, Weak},
};

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// The queues, one per lock set in use; a queue no request holds is dropped.
#[derive(Debug, Default, Clone)]
pub struct LockQueue(Arc<Mutex<HashMap<String, Weak<Semaphore>>>>);

/// A turn: the queue's next request waits until this is dropped.
pub type Turn = OwnedSemaphorePermit;

/// Requests of one lock set let into the database at once: the holder and the next.
pub const IN_DATABASE: usize = 2;

/// Past this many queues, the ones no request holds are swept.
const SWEEP_AT: usize = 256;

impl LockQueue {
    /// Waits for the turn of the lock set `key` (the sorted lock names, joined).
    pub async fn turn(&self, key: String) -> Option<Turn> {
        let queue = {
            let mut map = self.0.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(live) = map.get(&key).and_then(Weak::upgrade) {
                live
            } else {
                if map.len() >= SWEEP_AT {
                    map.retain(|_, q| q.strong_count() > 0);
                }
                let fresh = Arc::new(Semaphore::new(IN_DATABASE));
                map.insert(key, Arc::downgrade(&fresh));
                fresh
            }
        };
        // The semaphore is never closed; were it, the request would go without a turn
        // and wait in PostgreSQL's lock queue, which still decides.
        queue.acquire_owned().await.ok()
    }

    /// Queues kept (for tests: they are swept once no request holds them).
    pub fn len(&self) -> usize {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).len()
    }

    /// Whether no queue is kept.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[tokio::test]
    async fn a_lock_set_lets_in_two_requests_at_a_time_and_others_in_parallel() {
        let queue = LockQueue::default();
        let inside = Arc::new(AtomicUsize::new(0));
        let most = Arc::new(AtomicUsize::new(0));
        let mut tasks = Vec::new();
        for i in 0..40 {
            let (queue, inside, most) = (queue.clone(), inside.clone(), most.clone());
            tasks.push(tokio::spawn(async move {
                // Half on one hot set, half each on a set of its own.
                let key = if i % 2 == 0 {
                    "hot".to_string()
                } else {
                    format!("k{i}")
                };
                let hot = i % 2 == 0;
                let _turn = queue.turn(key).await;
                if hot {
                    let now = inside.fetch_add(1, Ordering::SeqCst) + 1;
                    most.fetch_max(now, Ordering::SeqCst);
                }
                tokio::task::yield_now().await;
                tokio::time::sleep(std::time::Duration::from_millis(1)).await;
                if hot {
                    inside.fetch_sub(1, Ordering::SeqCst);
                }
            }));
        }
        for t in tasks {
            t.await.unwrap();
        }
        assert_eq!(
            most.load(Ordering::SeqCst),
            IN_DATABASE,
            "the hot set lets in the holder and the next, no more"
        );
        // Every queue is unused now; the next new key sweeps them once past the limit.
        for i in 0..SWEEP_AT {
            drop(queue.turn(format!("x{i}")).await);
        }
        assert!(queue.len() <= SWEEP_AT, "{}", queue.len());
    }
}
