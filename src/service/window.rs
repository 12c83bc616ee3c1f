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

use crate::service::tokens;

/// When a key's current window started, and what was counted in it.
type Count = (DateTime<Utc>, u32);

/// At most `max` counted events per key in each `window`, the window starting at a key's
/// first event and the count starting again when it ends.
#[derive(Debug, Clone)]
pub struct FixedWindow {
    max: u32,
    window: Duration,
    counts: Arc<Mutex<HashMap<String, Count>>>,
}

impl FixedWindow {
    /// Keys tracked before finished windows are forgotten (bounded memory).
    const TIDY_ABOVE: usize = 10_000;

    pub fn new(max: u32, window: Duration) -> Self {
        Self {
            max,
            window,
            counts: Arc::default(),
        }
    }

    /// Runs `f` on `key`'s count, its window renewed if it has ended.
    fn with<T>(&self, key: &str, now: DateTime<Utc>, f: impl FnOnce(&mut Count) -> T) -> T {
        let mut map = self.counts.lock().unwrap_or_else(PoisonError::into_inner);
        if map.len() > Self::TIDY_ABOVE {
            let window = self.window;
            map.retain(|_, (since, _)| now < *since + window);
        }
        let entry = map.entry(tokens::hash(key)).or_insert((now, 0));
        if now >= entry.0 + self.window {
            *entry = (now, 0);
        }
        f(entry)
    }

    /// Counts an event for `key`, or refuses it when the window's are used up: check and
    /// count in one step, so concurrent callers cannot all pass.
    pub fn try_take(&self, key: &str, now: DateTime<Utc>) -> bool {
        let max = self.max;
        self.with(key, now, |(_, n)| {
            if *n >= max {
                return false;
            }
            *n += 1;
            true
        })
    }

    /// Whether `key`'s window is used up (counting nothing).
    pub fn is_full(&self, key: &str, now: DateTime<Utc>) -> bool {
        let max = self.max;
        self.with(key, now, |(_, n)| *n >= max)
    }

    /// Counts an event for `key` that has already happened.
    pub fn add(&self, key: &str, now: DateTime<Utc>) {
        self.with(key, now, |(_, n)| *n = n.saturating_add(1));
    }

    /// Forgets `key`'s count.
    pub fn forget(&self, key: &str) {
        self.counts
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .remove(&tokens::hash(key));
    }
}

/// Bookings and waiting-list entries per citizen email: each sends that address an
/// email, so without a limit anyone could flood a stranger's mailbox from many addresses
/// (the per-IP limits alone would not stop that). Successful ones are counted; once an
/// address has had [`RecipientGuard::MAX_PER_HOUR`] in its hour, the next is refused
/// with 429 until the hour ends. Off with the other rate limits
/// (`SPORTELLO_RATE_LIMIT=off`).
#[derive(Debug, Clone)]
pub struct RecipientGuard(FixedWindow);

impl Default for RecipientGuard {
    fn default() -> Self {
        Self(FixedWindow::new(Self::MAX_PER_HOUR, Duration::hours(1)))
    }
}

impl RecipientGuard {
    /// Bookings and waiting-list entries one email address may get in an hour: a family
    /// booking for each of its members stays well under it.
    pub const MAX_PER_HOUR: u32 = 10;

    fn key(email: &str) -> String {
        email.trim().to_lowercase()
    }

    /// Whether `email` may get another booking or entry now.
    pub fn allows(&self, email: &str, now: DateTime<Utc>) -> bool {
        !self.0.is_full(&Self::key(email), now)
    }

    /// Counts a booking or entry made for `email`.
    pub fn made(&self, email: &str, now: DateTime<Utc>) {
        self.0.add(&Self::key(email), now);
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
    fn recipients_are_counted_by_address_whatever_its_case() {
        let g = RecipientGuard::default();
        for _ in 0..RecipientGuard::MAX_PER_HOUR {
            assert!(g.allows("Anna@Example.org", at(0)));
            g.made("anna@example.org ", at(0));
        }
        assert!(!g.allows("ANNA@example.org", at(59)));
        assert!(g.allows("other@example.org", at(59)));
        assert!(g.allows("anna@example.org", at(60)));
    }
}
