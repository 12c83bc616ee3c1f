//! The one source of "now". Production reads the system clock; tests hold a manual clock
//! they can set and advance, so no test ever sleeps to let time pass.

use std::sync::{Arc, RwLock};

use chrono::{DateTime, SubsecRound, Utc};

/// A cheaply clonable clock. Instants are truncated to whole seconds: the API speaks in
/// whole seconds, and SQLite compares stored timestamps as fixed-width text.
#[derive(Clone, Debug, Default)]
pub struct Clock {
    manual: Option<Arc<RwLock<DateTime<Utc>>>>,
}

impl Clock {
    /// The system clock.
    pub fn system() -> Self {
        Self { manual: None }
    }

    /// A clock that stands still at `at` until told otherwise.
    pub fn manual(at: DateTime<Utc>) -> Self {
        Self {
            manual: Some(Arc::new(RwLock::new(at.trunc_subsecs(0)))),
        }
    }

    /// The current instant.
    pub fn now(&self) -> DateTime<Utc> {
        match &self.manual {
            Some(t) => *t.read().unwrap_or_else(|e| e.into_inner()),
            None => Utc::now().trunc_subsecs(0),
        }
    }

    /// Sets a manual clock; does nothing on the system clock.
    pub fn set(&self, at: DateTime<Utc>) {
        if let Some(t) = &self.manual {
            *t.write().unwrap_or_else(|e| e.into_inner()) = at.trunc_subsecs(0);
        }
    }

    /// Moves a manual clock forward.
    pub fn advance(&self, by: chrono::Duration) {
        self.set(self.now() + by);
    }
}
