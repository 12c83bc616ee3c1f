//! The slot cache: each office-day's evaluation of a service's slots, kept per process
//! and reused while nothing that could change it has happened.
//!
//! # Why it is never ahead of the database
//!
//! An evaluation depends on the office's set-up, its capacity rules, the bookings and
//! live holds around the day, and the time (holds lapse). Each has a witness:
//! - the set-up and the rules: `office.config_version`, bumped by every change to them;
//! - the bookings: the `version` of the room-hour lock rows (`service::engine`) of every
//!   room of the office and every hour the day's slots touch. Every capacity transaction
//!   (booking, hold, walk-in, move, waiting-list offer) bumps the rows of the hours it
//!   occupies, in the transaction that writes the row, so a committed booking has always
//!   bumped a row of every day whose slots it overlaps. The rows are never deleted, so
//!   the sum of their versions (with their count) only grows;
//! - the time: an entry lapses when the first live hold it counted lapses.
//!
//! A list reads the versions *before* it reads the bookings. A booking committed in
//! between is counted but leaves a newer version behind, so the next list evaluates the
//! day again; nothing committed before the version read can be missing. A list can
//! therefore never offer a place that a booking committed before the list began took.
//!
//! Places freed by cancellations, moves, released holds, unconfirmed releases and the
//! no-show sweep bump the same rows after their commit (`engine::touch`), so they are
//! offered again at once. Other releases (a citizen served before the booked end,
//! surplus holds of one session) do not; an entry older than [`MAX_AGE`] is evaluated
//! again, which bounds how long such a place stays unlisted.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex, OnceLock},
};

use bytes::Bytes;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use entity::capacity_lock;
use sea_orm::{ColumnTrait, Condition, ConnectionTrait, EntityTrait, QueryFilter, QuerySelect};

use crate::{error::AppResult, service::room_hours};

/// How long an entry serves at most (see the module doc).
pub const MAX_AGE: Duration = Duration::seconds(60);

/// Entries kept at most; past it, lapsed entries go first, then all. An entry is one
/// service's day: about 130 bytes a slot, and about 90 more once the API has listed it
/// (its JSON, [`DaySlots::json_from`]); a busy counter's day of 20-minute slots is a few
/// KB.
const MAX_ENTRIES: usize = 20_000;

/// One evaluated slot: its start, end and the further one-person bookings that fit, with
/// the times already written in the office's zone (a month of a busy office is thousands
/// of slots, and converting each time on every list was most of a cached list's work).
#[derive(Debug, Clone)]
pub struct Evaluated {
    /// Start.
    pub start: DateTime<Utc>,
    /// Start in the office's zone, as lists show it.
    pub start_text: String,
    /// End in the office's zone, as lists show it.
    pub end_text: String,
    /// Further one-person bookings that fit.
    pub remaining: i32,
}

/// One service's evaluated day: its slots with room for one more person, in time order,
/// and their JSON as the API writes it, made on the day's first API list and then shared
/// by every response that lists the day.
///
/// A month of a busy office is thousands of slots: writing them out for every response
/// was most of a cached list's CPU, and 64 clients listing it at once held 64 copies of
/// the slots and of the growing response (about a megabyte each; the peak RSS of the
/// benchmark's list stage). Sharing one buffer per day makes a response a handful of
/// references to it.
#[derive(Debug, Default)]
pub struct DaySlots {
    /// The slots, in time order.
    pub slots: Vec<Evaluated>,
    json: OnceLock<Fragment>,
}

/// The slots of a day written out: `{…},{…},…`, with where each slot's object begins.
#[derive(Debug)]
pub struct Fragment {
    /// The JSON objects, comma-separated, no brackets.
    pub bytes: Bytes,
    /// The offset of each slot's object in `bytes`.
    pub offsets: Vec<u32>,
}

impl DaySlots {
    /// A day of `slots`, put in time order (the lists cut a day's past slots as a prefix).
    pub fn new(mut slots: Vec<Evaluated>) -> Self {
        slots.sort_by_key(|s| s.start);
        Self {
            slots,
            json: OnceLock::new(),
        }
    }

    /// The JSON of the slots from the `first`th on, sharing the day's buffer; `write`
    /// makes the buffer the first time (the wire format belongs to the list, not to the
    /// cache). Two lists may both write it at first; the first kept serves both.
    pub fn json_from<E>(
        &self,
        first: usize,
        write: impl FnOnce(&[Evaluated]) -> Result<Fragment, E>,
    ) -> Result<Bytes, E> {
        let fragment = match self.json.get() {
            Some(f) => f,
            None => {
                let made = write(&self.slots)?;
                self.json.get_or_init(|| made)
            }
        };
        Ok(fragment
            .offsets
            .get(first)
            .map(|&at| at as usize)
            .filter(|&at| at <= fragment.bytes.len())
            .map_or_else(Bytes::new, |at| fragment.bytes.slice(at..)))
    }
}

/// What a day's evaluation was made from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Witness {
    /// The office's set-up version.
    pub config: i64,
    /// Sum and count of the day's room-hour lock versions.
    pub bookings: (i64, i64),
}

impl Witness {
    /// Whether an evaluation made from `self` may answer a list that read `asked`: the
    /// same set-up, and booking versions no older. Versions only grow, so an evaluation
    /// whose versions are at least the list's own was made from a state at least as
    /// recent as the one the list saw, and holds every booking the list must count.
    fn serves(&self, asked: &Witness) -> bool {
        self.config == asked.config
            && self.bookings.0 >= asked.bookings.0
            && self.bookings.1 >= asked.bookings.1
    }
}

#[derive(Debug, Clone)]
struct Entry {
    witness: Witness,
    lapses: DateTime<Utc>,
    slots: Arc<DaySlots>,
}

type Key = (i32, i32, NaiveDate);

/// The turn to evaluate one service's days.
type Turn = Arc<tokio::sync::Mutex<()>>;

/// A day's slot grid in brief, for a set-up version: the instants its slots occupy
/// (arrival margins included) and its last start; `None` when the service has no slot
/// that day. Working the grid out in the office's zone was, after the response itself,
/// the largest cost of a list served from the cache.
pub type Plan = Option<((DateTime<Utc>, DateTime<Utc>), DateTime<Utc>)>;

/// The cache, shared by the requests of one process.
#[derive(Debug, Clone)]
pub struct SlotCache {
    map: Arc<Mutex<HashMap<Key, Entry>>>,
    /// One turn per office and service for evaluating days: when a crowd lists the same
    /// days at once after a booking, one evaluates and the others take its result.
    turns: Arc<Mutex<HashMap<(i32, i32), Turn>>>,
    plans: Arc<Mutex<HashMap<Key, (i64, Plan)>>>,
    enabled: bool,
}

impl Default for SlotCache {
    fn default() -> Self {
        Self {
            map: Default::default(),
            turns: Default::default(),
            plans: Default::default(),
            enabled: true,
        }
    }
}

impl SlotCache {
    /// A cache that keeps nothing (`SPORTELLO_SLOT_CACHE=off`): every list evaluates
    /// every day, as before the cache. For benchmarks' before-and-after, and to rule the
    /// cache out when a list looks wrong.
    pub fn disabled() -> Self {
        Self {
            enabled: false,
            ..Self::default()
        }
    }

    /// A day's plan for set-up version `config`, worked out by `make` when it is not
    /// kept yet.
    pub fn plan(&self, key: Key, config: i64, make: impl FnOnce() -> Plan) -> Plan {
        if !self.enabled {
            return make();
        }
        if let Some((v, plan)) = self
            .plans
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&key)
            && *v == config
        {
            return *plan;
        }
        let plan = make();
        let mut plans = self.plans.lock().unwrap_or_else(|e| e.into_inner());
        if plans.len() >= MAX_ENTRIES {
            plans.clear();
        }
        plans.insert(key, (config, plan));
        plan
    }

    /// Waits for the turn to evaluate days of a service (see `turns`); `None` when the
    /// cache is off, as nothing is shared then.
    pub async fn turn(
        &self,
        office_id: i32,
        service_id: i32,
    ) -> Option<tokio::sync::OwnedMutexGuard<()>> {
        if !self.enabled {
            return None;
        }
        let turn = self
            .turns
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .entry((office_id, service_id))
            .or_default()
            .clone();
        Some(turn.lock_owned().await)
    }

    /// The cached evaluation of a day, when it serves a list that read `witness` (see
    /// [`Witness::serves`]) and has not lapsed.
    pub fn get(
        &self,
        key: (i32, i32, NaiveDate),
        witness: Witness,
        now: DateTime<Utc>,
    ) -> Option<Arc<DaySlots>> {
        if !self.enabled {
            return None;
        }
        let map = self.map.lock().unwrap_or_else(|e| e.into_inner());
        map.get(&key)
            .filter(|e| e.witness.serves(&witness) && e.lapses > now)
            .map(|e| e.slots.clone())
    }

    /// Keeps a day's evaluation until `lapses`.
    pub fn put(
        &self,
        key: (i32, i32, NaiveDate),
        witness: Witness,
        lapses: DateTime<Utc>,
        slots: Arc<DaySlots>,
        now: DateTime<Utc>,
    ) {
        if !self.enabled {
            return;
        }
        let mut map = self.map.lock().unwrap_or_else(|e| e.into_inner());
        if map.len() >= MAX_ENTRIES {
            map.retain(|_, e| e.lapses > now);
            if map.len() >= MAX_ENTRIES {
                map.clear();
            }
        }
        map.insert(
            key,
            Entry {
                witness,
                lapses,
                slots,
            },
        );
    }
}

/// The booking half of each day's witness: for every day, the hours `[from, to)` its
/// slots touch, in all of the office's `rooms`. One query for all days.
pub async fn booking_versions(
    db: &impl ConnectionTrait,
    rooms: &[i32],
    days: &[(DateTime<Utc>, DateTime<Utc>)],
) -> AppResult<Vec<(i64, i64)>> {
    let names: Vec<Vec<String>> = days
        .iter()
        .map(|(from, to)| {
            rooms
                .iter()
                .flat_map(|r| {
                    room_hours::hours_of(*from, *to).map(move |h| room_hours::room_hour(*r, h))
                })
                .collect()
        })
        .collect();
    let mut found: HashMap<String, i64> = HashMap::new();
    let hours = days
        .iter()
        .map(|(from, to)| room_hours::hours_of(*from, *to))
        .fold(None, |span: Option<(i64, i64)>, h| {
            Some(span.map_or((*h.start(), *h.end()), |(lo, hi)| {
                (lo.min(*h.start()), hi.max(*h.end()))
            }))
        });
    // One range of names per room (`room:R:first` to `room:R:last`) rather than every
    // name: a month of an office is hundreds of names, and on PostgreSQL binding and
    // planning a statement with that many parameters was most of a cached list's time.
    // Names of one room with hours of as many digits (until 2084) order like their
    // hours, in bytes and in a collation that weighs the colons less alike; the range may
    // also return names no slot touches (nights, and under such a collation another
    // room's), which the lookup below ignores.
    match hours {
        Some((lo, hi)) if lo >= 0 && lo.to_string().len() == hi.to_string().len() => {
            let mut any = Condition::any();
            for r in rooms {
                any = any.add(
                    capacity_lock::Column::Name
                        .between(room_hours::room_hour(*r, lo), room_hours::room_hour(*r, hi)),
                );
            }
            let rows: Vec<(String, i64)> = capacity_lock::Entity::find()
                .select_only()
                .columns([capacity_lock::Column::Name, capacity_lock::Column::Version])
                .filter(any)
                .into_tuple()
                .all(db)
                .await?;
            found.extend(rows);
        }
        _ => {
            let mut all: Vec<&String> = names.iter().flatten().collect();
            all.sort();
            all.dedup();
            // Bounded batches keep every statement under SQLite's and PostgreSQL's
            // parameter limits.
            for chunk in all.chunks(2_000) {
                let rows: Vec<(String, i64)> = capacity_lock::Entity::find()
                    .select_only()
                    .columns([capacity_lock::Column::Name, capacity_lock::Column::Version])
                    .filter(capacity_lock::Column::Name.is_in(chunk.iter().map(|n| n.as_str())))
                    .into_tuple()
                    .all(db)
                    .await?;
                found.extend(rows);
            }
        }
    }
    Ok(names
        .iter()
        .map(|day| {
            day.iter()
                .filter_map(|n| found.get(n))
                .fold((0, 0), |(sum, count), v| (sum + v, count + 1))
        })
        .collect())
}
