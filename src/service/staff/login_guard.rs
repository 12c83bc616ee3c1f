//! Failed logins, per account and per trusted device (OWASP "device cookies"): an attacker
//! guessing one account's password locks it for strangers, not for the browsers that
//! logged in to it before.

//! Staff accounts, argon2 password hashes and bearer tokens.

use chrono::{DateTime, Duration, Utc};

use sea_orm::DbErr;

use crate::infra::throttle::FixedWindow;

/// Login attempts per email. A fixed window: after `MAX_FAILURES` attempts within
/// `WINDOW` that did not succeed, every attempt for that email is refused until the
/// window ends, then the count starts again; a success clears it. On PostgreSQL every
/// process counts together (see [`crate::infra::throttle`]). Anyone can keep an account's logins refused by failing on purpose every 15
/// minutes: the price of stopping distributed guessing, and what the account's owner
/// sees is a clear "too many attempts, try again in 15 minutes".
#[derive(Debug, Clone)]
pub struct LoginGuard {
    /// Attempts per account from browsers it does not know.
    accounts: FixedWindow,
    /// Attempts per trusted browser (device cookie), whatever the account's lockout.
    devices: FixedWindow,
}

impl Default for LoginGuard {
    fn default() -> Self {
        let window =
            || FixedWindow::new(Self::MAX_FAILURES, Duration::minutes(Self::WINDOW_MINUTES));
        Self {
            accounts: window(),
            devices: window(),
        }
    }
}

impl LoginGuard {
    /// The guard of a process on `conn`: shared by every process on PostgreSQL.
    pub fn on(conn: &sea_orm::DatabaseConnection) -> Self {
        let d = Self::default();
        Self {
            accounts: d.accounts.shared_on(conn, "login"),
            devices: d.devices.shared_on(conn, "login_device"),
        }
    }
}

impl LoginGuard {
    /// Attempts allowed per window.
    pub const MAX_FAILURES: u32 = 5;
    /// The window's length in minutes.
    pub const WINDOW_MINUTES: i64 = 15;

    /// Counts an attempt for `email`, or refuses it when the window's attempts are used
    /// up. Check and count are one step under the lock.
    pub async fn try_attempt(&self, email: &str, now: DateTime<Utc>) -> Result<bool, DbErr> {
        self.accounts.take(email, now).await
    }

    /// Forgets the attempts after a successful login.
    pub async fn succeeded(&self, email: &str) -> Result<(), DbErr> {
        self.accounts.forget_everywhere(email).await
    }

    /// Counts an attempt from a trusted browser (by its cookie's hash), or refuses it.
    pub async fn try_device(&self, device_hash: &str, now: DateTime<Utc>) -> Result<bool, DbErr> {
        self.devices.take(device_hash, now).await
    }

    /// Forgets a trusted browser's attempts after its successful login.
    pub async fn device_succeeded(&self, device_hash: &str) -> Result<(), DbErr> {
        self.devices.forget_everywhere(device_hash).await
    }

    /// Until when `email`'s logins from unknown browsers are refused, if they are now
    /// (shown to managers and administrators on the accounts list).
    pub async fn locked_until(
        &self,
        email: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<DateTime<Utc>>, DbErr> {
        self.accounts.blocked_until_everywhere(email, now).await
    }
}
