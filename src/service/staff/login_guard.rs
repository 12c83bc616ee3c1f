//! Failed logins, per account and per trusted device (OWASP "device cookies"): an attacker
//! guessing one account's password locks it for strangers, not for the browsers that
//! logged in to it before.

//! Staff accounts, argon2 password hashes and bearer tokens.

use chrono::{DateTime, Duration, Utc};

use crate::infra::throttle::FixedWindow;

/// Login attempts per email, in this process. A fixed window: after `MAX_FAILURES`
/// attempts within `WINDOW` that did not succeed, every attempt for that email is refused
/// until the window ends, then the count starts again; a success clears it. In memory
/// (see [`crate::infra::throttle`]); with several processes each keeps its own count (so
/// at most `MAX_FAILURES` × processes guesses per window), which the per-IP limit bounds
/// further. Anyone can keep an account's logins refused by failing on purpose every 15
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
    /// Attempts allowed per window.
    pub const MAX_FAILURES: u32 = 5;
    /// The window's length in minutes.
    pub const WINDOW_MINUTES: i64 = 15;

    /// Counts an attempt for `email`, or refuses it when the window's attempts are used
    /// up. Check and count are one step under the lock.
    pub fn try_attempt(&self, email: &str, now: DateTime<Utc>) -> bool {
        self.accounts.try_take(email, now)
    }

    /// Forgets the attempts after a successful login.
    pub fn succeeded(&self, email: &str) {
        self.accounts.forget(email);
    }

    /// Counts an attempt from a trusted browser (by its cookie's hash), or refuses it.
    pub fn try_device(&self, device_hash: &str, now: DateTime<Utc>) -> bool {
        self.devices.try_take(device_hash, now)
    }

    /// Forgets a trusted browser's attempts after its successful login.
    pub fn device_succeeded(&self, device_hash: &str) {
        self.devices.forget(device_hash);
    }

    /// Until when `email`'s logins from unknown browsers are refused, if they are now
    /// (shown to managers and administrators on the accounts list). This process's
    /// count: with several processes each keeps its own (README "Deploying").
    pub fn locked_until(&self, email: &str, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.accounts.blocked_until(email, now)
    }
}
