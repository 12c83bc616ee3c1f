//! Fixed-window counters per key, in this process: the login guard (attempts per
//! account) and the recipient guard (bookings per citizen email) share them.
//!
//! In memory rather than in the database because they only slow abuse down; with
//! several processes each keeps its own counts (README "Deploying"), which the per-IP
//! limits in front bound further. Keys are hashed before they are kept, so the memory
//! of a process holds no email addresses.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex, PoisonError},
};

use chrono::{DateTime, Duration, Utc};

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
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Counts> {
        self.counts.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Counts an event for `key`, or refuses it when the window's are used up: check and
    /// count in one step, so concurrent callers cannot all pass.
    pub fn try_take(&self, key: &str, now: DateTime<Utc>) -> bool {
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
    pub fn give_back(&self, key: &str, now: DateTime<Utc>) {
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
    pub fn blocked_until(&self, key: &str, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let counts = self.lock();
        let (since, n) = counts.map.get(&secrets::hash(key))?;
        (*n >= self.max && now < *since + self.window).then_some(*since + self.window)
    }

    /// Forgets `key`'s count.
    pub fn forget(&self, key: &str) {
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
