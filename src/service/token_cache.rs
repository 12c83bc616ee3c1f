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
/// entries of this process at once, and on PostgreSQL tell every other process sharing
/// the database through `NOTIFY` on [`CHANNEL`] ([`announce`], heard by
/// `jobs::forget`), which forget them within milliseconds. A process that loses that
/// connection forgets everything, since it may have missed a notice; without one (a
/// notice lost otherwise) an entry lives at most [`AuthCache::TTL_SECONDS`].
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

    /// Applies a notice from another process.
    pub fn apply(&self, notice: &Forget) {
        match notice {
            Forget::Token(hash) => self.forget_token(hash),
            Forget::User(id) => self.forget_user(*id),
        }
    }

    /// Forgets every token (a process that may have missed notices).
    pub fn forget_all(&self) {
        let mut state = self.state();
        state.generation += 1;
        state.entries.clear();
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

/// The `NOTIFY` channel of the notices.
pub const CHANNEL: &str = "sportello_auth";

/// What every process must forget.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Forget {
    /// A token, by its hash (logout, revocation).
    Token(String),
    /// Every token of a user (disabled).
    User(i32),
}

impl Forget {
    /// The notice's payload: `t:<hash>` or `u:<id>`.
    pub fn payload(&self) -> String {
        match self {
            Self::Token(hash) => format!("t:{hash}"),
            Self::User(id) => format!("u:{id}"),
        }
    }

    /// Reads a payload; `None` for anything else.
    pub fn parse(payload: &str) -> Option<Self> {
        match payload.split_once(':')? {
            ("t", hash) if !hash.is_empty() => Some(Self::Token(hash.to_owned())),
            ("u", id) => id.parse().ok().map(Self::User),
            _ => None,
        }
    }
}

/// Tells the other processes to forget, on PostgreSQL (SQLite has one process). In the
/// transaction of the change where there is one: PostgreSQL delivers a notice at commit,
/// so no process hears it before the change is visible.
pub async fn announce(
    conn: &impl sea_orm::ConnectionTrait,
    notice: &Forget,
) -> crate::error::AppResult<()> {
    use sea_orm::{DatabaseBackend, Statement};
    if conn.get_database_backend() != DatabaseBackend::Postgres {
        return Ok(());
    }
    conn.execute_raw(Statement::from_sql_and_values(
        DatabaseBackend::Postgres,
        "SELECT pg_notify($1, $2)",
        [CHANNEL.into(), notice.payload().into()],
    ))
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notices_read_back_what_they_say_and_nothing_else() {
        for notice in [Forget::Token("ab12".into()), Forget::User(42)] {
            assert_eq!(Forget::parse(&notice.payload()), Some(notice));
        }
        for junk in ["", "t:", "u:x", "x:1", "u"] {
            assert_eq!(Forget::parse(junk), None, "{junk}");
        }
    }
}
