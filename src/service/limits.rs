//! The limit per mailbox: every booking and waiting-list entry emails its address, so
//! one address gets a bounded number an hour, whoever asks (security review, finding 1).

use chrono::{DateTime, Duration, Utc};

use crate::{
    domain::EmailAddress,
    error::{AppError, AppResult},
    infra::throttle::FixedWindow,
};

/// Bookings and waiting-list entries per citizen mailbox: each sends that address an
/// email, so without a limit anyone could flood a stranger's mailbox from many addresses
/// (the per-IP limits alone would not stop that). A place is taken before the booking is
/// tried and given back if it is refused, so requests sent at once cannot slip past;
/// once a mailbox has had [`RecipientGuard::MAX_PER_HOUR`] in its hour, the next is
/// refused with 429 until the hour ends. Off with the other rate limits
/// (`SPORTELLO_RATE_LIMIT=off`).
#[derive(Debug, Clone)]
pub struct RecipientGuard(FixedWindow);

impl Default for RecipientGuard {
    fn default() -> Self {
        Self(FixedWindow::new(Self::MAX_PER_HOUR, Duration::hours(1)))
    }
}

/// A place taken for a mailbox: given back when dropped, unless kept.
#[must_use]
pub struct Taken<'a> {
    guard: &'a RecipientGuard,
    key: String,
    now: DateTime<Utc>,
    kept: bool,
}

impl Taken<'_> {
    /// The booking or entry was made: the place stays counted.
    pub fn keep(mut self) {
        self.kept = true;
    }
}

impl Drop for Taken<'_> {
    fn drop(&mut self) {
        if !self.kept {
            self.guard.0.give_back_soon(&self.key, self.now);
        }
    }
}

impl RecipientGuard {
    /// The guard of a process on `conn`: shared by every process on PostgreSQL.
    pub fn on(conn: &sea_orm::DatabaseConnection) -> Self {
        Self(Self::default().0.shared_on(conn, "recipient"))
    }

    /// Bookings and waiting-list entries one mailbox may get in an hour: a family
    /// booking for each of its members stays well under it.
    pub const MAX_PER_HOUR: u32 = 10;

    /// Takes a place for a booking or entry for `email` (`on`: the rate limits are on),
    /// or refuses with 429 when its mailbox's hour is used up. An address that does not
    /// parse takes nothing: it is refused by validation.
    pub async fn admit(
        &self,
        on: bool,
        email: &str,
        now: DateTime<Utc>,
    ) -> AppResult<Option<Taken<'_>>> {
        let Some(address) = on.then(|| EmailAddress::parse(email).ok()).flatten() else {
            return Ok(None);
        };
        let key = address.mailbox();
        // A `Taken` exists only for a place really taken: dropped, it gives one back.
        if !self.0.take(&key, now).await? {
            return Err(AppError::TooManyForAddress);
        }
        Ok(Some(Taken {
            guard: self,
            key,
            now,
            kept: false,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;

    fn at(minute: i64) -> DateTime<Utc> {
        DateTime::<Utc>::UNIX_EPOCH + Duration::minutes(minute)
    }

    #[tokio::test]
    async fn recipients_are_counted_by_mailbox_whatever_the_spelling() {
        let g = RecipientGuard::default();
        let take = |email: &'static str, minute| g.admit(true, email, at(minute));
        let spellings = [
            "Anna@Example.org",
            " anna@example.org ",
            "anna+1@example.org",
        ];
        for i in 0..RecipientGuard::MAX_PER_HOUR as usize {
            take(spellings[i % spellings.len()], 0)
                .await
                .unwrap()
                .unwrap()
                .keep();
        }
        assert!(take("anna+2@example.org", 59).await.is_err());
        assert!(take("other@example.org", 59).await.unwrap().is_some());
        assert!(
            take("anna@example.org", 60).await.unwrap().is_some(),
            "a new hour"
        );
        assert!(
            g.admit(false, "anna@example.org", at(1))
                .await
                .unwrap()
                .is_none(),
            "off with the rate limits"
        );
        assert!(take("not an address", 1).await.unwrap().is_none());
    }

    #[tokio::test]
    async fn a_place_not_kept_is_given_back() {
        let g = RecipientGuard::default();
        let take = || g.admit(true, "b@example.org", at(0));
        for _ in 0..RecipientGuard::MAX_PER_HOUR {
            drop(take().await.unwrap().unwrap());
        }
        for _ in 0..RecipientGuard::MAX_PER_HOUR {
            take().await.unwrap().unwrap().keep();
        }
        // Refusals give nothing back: still full.
        for _ in 0..4 {
            assert!(take().await.is_err());
        }
    }
}
