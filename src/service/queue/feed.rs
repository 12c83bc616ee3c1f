//! The feed of an office's queue for the waiting-room displays and the citizens' phones.
//!
//! Every call and change is a `queue_event` row written in the transaction that made it.
//! Each process reads new rows (every 200 ms while something is connected to it, and at
//! once when a call is made in this process) and broadcasts them to its connections, so a
//! call made by any process reaches every screen within a second, on SQLite and
//! PostgreSQL alike, with no broker to run.
//!
//! Rows are read by id, but ids are given when a row is inserted and become visible when
//! its transaction commits, which is not always in id order. The reader therefore
//! re-reads a window of the last [`WINDOW`] ids and remembers which it has sent, so an
//! event that commits late is still delivered, once.

use std::{
    collections::{BTreeSet, HashMap},
    sync::{
        Arc,
        atomic::{AtomicBool, Ordering},
    },
    time::Duration,
};

use entity::{queue_event, status::queue_event_kind};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use serde::{Deserialize, Serialize};
use tokio::sync::{Notify, broadcast};
use utoipa::ToSchema;

use crate::{
    clock::Clock,
    service::{
        booking::view::fmt_local,
        db::Db,
        queue::tickets::{self, QueueState},
    },
};

/// How many recent ids are re-read for events that committed out of order.
const WINDOW: i32 = 256;
/// How often the table is read while something listens.
const POLL: Duration = Duration::from_millis(200);

/// One call or recall, as the displays show it (API.md `calls/stream`).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq)]
pub struct CallEvent {
    pub code: String,
    pub counter_id: Option<i32>,
    pub counter_name: Option<String>,
    pub called_at: String,
}

/// What changed in one office since the last read.
#[derive(Clone)]
pub struct Change {
    pub office_id: i32,
    /// The calls among the changes, oldest first.
    pub calls: Vec<CallEvent>,
    /// The office's queue after the changes (positions for the phones).
    pub state: Option<Arc<QueueState>>,
}

/// The process's reader of `queue_event` and its subscribers.
pub struct Feed {
    tx: broadcast::Sender<Arc<Change>>,
    wake: Notify,
    started: AtomicBool,
    /// Where the reader goes on from after a time with nobody listening (it does not read
    /// then): the first new listener sets it, so no screen is sent old calls.
    resume: std::sync::Mutex<Option<i32>>,
}

impl std::fmt::Debug for Feed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Feed")
            .field("subscribers", &self.tx.receiver_count())
            .finish()
    }
}

impl Default for Feed {
    fn default() -> Self {
        Self {
            tx: broadcast::channel(1024).0,
            wake: Notify::new(),
            started: AtomicBool::new(false),
            resume: std::sync::Mutex::new(None),
        }
    }
}

impl Feed {
    /// Subscribes to every office's changes (callers filter by office). The reader starts
    /// with the first subscriber, from the events committed by then, and reads for the
    /// rest of the process's life (a query of a few empty rows five times a second).
    pub async fn subscribe(
        self: &Arc<Self>,
        db: &Db,
        clock: &Clock,
    ) -> broadcast::Receiver<Arc<Change>> {
        let idle = self.tx.receiver_count() == 0;
        let rx = self.tx.subscribe();
        if !self.started.swap(true, Ordering::SeqCst) {
            let floor = last_id(db).await;
            tokio::spawn(read(Arc::downgrade(self), db.clone(), clock.clone(), floor));
        } else if idle {
            let floor = last_id(db).await;
            *self.resume.lock().unwrap_or_else(|e| e.into_inner()) = Some(floor);
        }
        rx
    }

    /// A change was made in this process: read now rather than at the next tick.
    pub fn poke(&self) {
        self.wake.notify_one();
    }

    /// Connections listening in this process.
    pub fn listeners(&self) -> usize {
        self.tx.receiver_count()
    }
}

async fn last_id(db: &Db) -> i32 {
    queue_event::Entity::find()
        .select_only()
        .column_as(queue_event::Column::Id.max(), "m")
        .into_tuple::<Option<i32>>()
        .one(&db.conn)
        .await
        .ok()
        .flatten()
        .flatten()
        .unwrap_or(0)
}

/// The reader: runs while the feed exists.
async fn read(feed: std::sync::Weak<Feed>, db: Db, clock: Clock, mut floor: i32) {
    let mut seen: BTreeSet<i32> = BTreeSet::new();
    loop {
        let Some(feed) = feed.upgrade() else {
            return;
        };
        tokio::select! {
            () = feed.wake.notified() => {}
            () = tokio::time::sleep(POLL) => {}
        }
        if feed.tx.receiver_count() == 0 {
            continue;
        }
        if let Some(resume) = feed.resume.lock().unwrap_or_else(|e| e.into_inner()).take() {
            floor = floor.max(resume);
            seen.clear();
        }
        let rows = match queue_event::Entity::find()
            .filter(queue_event::Column::Id.gt(floor))
            .order_by_asc(queue_event::Column::Id)
            .limit(2000)
            .all(&db.conn)
            .await
        {
            Ok(rows) => rows,
            Err(e) => {
                tracing::warn!(error = %e, "reading the queue events failed");
                continue;
            }
        };
        let mut by_office: HashMap<i32, Vec<queue_event::Model>> = HashMap::new();
        for row in rows {
            if seen.insert(row.id) {
                by_office.entry(row.office_id).or_default().push(row);
            }
        }
        if let Some(max) = seen.last().copied() {
            let new_floor = (max - WINDOW).max(floor);
            seen = seen.split_off(&(new_floor + 1));
            floor = new_floor;
        }
        let now = clock.now();
        for (office_id, events) in by_office {
            let Ok(setup) = db.setups.get(&db.conn, office_id).await else {
                continue;
            };
            let calls = events
                .iter()
                .filter(|e| e.kind == queue_event_kind::CALL)
                .map(|e| CallEvent {
                    code: e.code.clone(),
                    counter_id: e.counter_id,
                    counter_name: e.counter_name.clone(),
                    called_at: fmt_local(e.at, setup.tz),
                })
                .collect();
            let state = tickets::state(&db, &setup, now).await.ok().map(Arc::new);
            let _ = feed.tx.send(Arc::new(Change {
                office_id,
                calls,
                state,
            }));
        }
    }
}

/// The last calls of an office today, newest first (the display's list, and its page
/// without JavaScript).
pub async fn recent_calls(
    db: &Db,
    office_id: i32,
    now: chrono::DateTime<chrono::Utc>,
    limit: u64,
) -> crate::error::AppResult<Vec<CallEvent>> {
    let setup = db.setups.get(&db.conn, office_id).await?;
    let day = crate::domain::schedule::local_date(setup.tz, now);
    let start = crate::domain::schedule::start_of_day(setup.tz, day);
    let rows = queue_event::Entity::find()
        .filter(queue_event::Column::OfficeId.eq(office_id))
        .filter(queue_event::Column::Kind.eq(queue_event_kind::CALL))
        .filter(queue_event::Column::At.gte(start))
        .order_by_desc(queue_event::Column::Id)
        .limit(limit)
        .all(&db.conn)
        .await?;
    Ok(rows
        .into_iter()
        .map(|e| CallEvent {
            code: e.code,
            counter_id: e.counter_id,
            counter_name: e.counter_name,
            called_at: fmt_local(e.at, setup.tz),
        })
        .collect())
}
