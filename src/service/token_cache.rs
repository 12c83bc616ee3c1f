//! Recently authenticated tokens, kept for a few seconds so that a clerk scanning codes
//! does not cost a token look-up per scan; forgetting a token or a user empties it at once.

//! Staff accounts, argon2 password hashes and bearer tokens.

use chrono::{DateTime, Duration, Utc};
use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
};

use crate::service::actor::Actor;

/// Tokens authenticated in the last few seconds, so that a scanner firing several codes a
/// second costs no token look-up each time. Logout and disabling an account clear the
/// entries of this process at once; another process sharing the database notices within
/// [`AuthCache::TTL_SECONDS`] (the price of not asking the database on every request).
#[derive(Debug, Clone, Default)]
pub struct AuthCache(Arc<Mutex<CacheState>>);

/// The cache's entries, and a generation bumped by every logout or disabling: a look-up
/// that started before one must not put its (possibly revoked) result in the cache.
#[derive(Debug, Default)]
pub struct CacheState {
    entries: HashMap<String, Cached>,
    generation: u64,
}

/// A cached actor, until when the cache may use it.
#[derive(Debug, Clone)]
pub struct Cached {
    actor: Actor,
    until: DateTime<Utc>,
}

impl AuthCache {
    /// How long an authentication is reused.
    pub const TTL_SECONDS: i64 = 10;
    const MAX_ENTRIES: usize = 10_000;

    fn state(&self) -> std::sync::MutexGuard<'_, CacheState> {
        self.0
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    pub(super) fn get(&self, hash: &str, now: DateTime<Utc>) -> Option<Actor> {
        self.state()
            .entries
            .get(hash)
            .filter(|c| now < c.until)
            .map(|c| c.actor.clone())
    }

    pub(super) fn generation(&self) -> u64 {
        self.state().generation
    }

    pub(super) fn put(
        &self,
        hash: String,
        actor: Actor,
        expires_at: DateTime<Utc>,
        now: DateTime<Utc>,
        generation: u64,
    ) {
        let mut state = self.state();
        if state.generation != generation {
            return;
        }
        if state.entries.len() >= Self::MAX_ENTRIES {
            state.entries.retain(|_, c| now < c.until);
            if state.entries.len() >= Self::MAX_ENTRIES {
                state.entries.clear();
            }
        }
        let until = expires_at.min(now + Duration::seconds(Self::TTL_SECONDS));
        state.entries.insert(hash, Cached { actor, until });
    }

    /// Forgets one token.
    pub fn forget_token(&self, hash: &str) {
        let mut state = self.state();
        state.generation += 1;
        state.entries.remove(hash);
    }

    /// Forgets every token of a user.
    pub fn forget_user(&self, user_id: i32) {
        let mut state = self.state();
        state.generation += 1;
        state.entries.retain(|_, c| c.actor.user_id != user_id);
    }
}
