//! The statuses of bookings, messages and the waiting list, stored as their names (a
//! string column) and spelled here only: everything else names the variants, so a typo is
//! a compile error rather than a query that silently matches nothing.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

/// Lifecycle of a row in the booking table (DOMAIN.md "Lifecycle"). `Held` is a hold: it
/// occupies capacity until `hold_expires_at`.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "snake_case")]
pub enum BookingStatus {
    /// A hold taken while the citizen fills in the form.
    #[sea_orm(string_value = "held")]
    Held,
    /// Booked, not yet arrived.
    #[sea_orm(string_value = "confirmed")]
    Confirmed,
    /// Admitted by a clerk.
    #[sea_orm(string_value = "checked_in")]
    CheckedIn,
    /// Appointment closed by the clerk.
    #[sea_orm(string_value = "served")]
    Served,
    /// Cancelled by the citizen or staff.
    #[sea_orm(string_value = "cancelled")]
    Cancelled,
    /// Not checked in by start + grace; released.
    #[sea_orm(string_value = "no_show")]
    NoShow,
}

impl BookingStatus {
    /// Statuses that hold a place now or later: a booking that is coming or is here.
    pub const ACTIVE: [Self; 2] = [Self::Confirmed, Self::CheckedIn];
}

/// The statuses that may hold a place (a live hold, a booking coming or here), as the
/// predicate of the booking table's partial indexes for placement and the per-citizen
/// limit (migration `m20261208_000001_active_indexes`). A query that reads through those
/// indexes adds this text as a condition, word for word: SQLite and PostgreSQL use a
/// partial index only when the query's condition contains its predicate with constants.
/// The values are [`BookingStatus::Held`] and [`BookingStatus::ACTIVE`].
pub const HOLDS_PLACE_SQL: &str = "status IN ('held', 'confirmed', 'checked_in')";

/// The predicate of the no-show sweep's index `idx_booking_due`, for the same reason.
pub const DUE_SQL: &str = "status = 'confirmed'";

/// [`DUE_SQL`] in a form that no index's predicate matches, for the check a batch of the
/// sweep makes again on the rows it locks (`service::visit::noshow`). With the plain
/// form the planner could read `idx_booking_due` a second time, filtering each row
/// against the whole batch, when stale statistics made the due rows look few.
pub const DUE_RECHECK_SQL: &str = "COALESCE(status, '') = 'confirmed'";

/// Delivery state of an outbox message.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "snake_case")]
pub enum MessageStatus {
    /// Waiting for its next attempt.
    #[sea_orm(string_value = "pending")]
    Pending,
    /// Claimed by a sender, under a lease.
    #[sea_orm(string_value = "sending")]
    Sending,
    /// Delivered to the mail server.
    #[sea_orm(string_value = "sent")]
    Sent,
    /// Refused for good, or out of attempts.
    #[sea_orm(string_value = "failed")]
    Failed,
    /// Not sent, and rightly so: the recipient does not take it (a citizen who has not
    /// enabled the office's service in the IO app).
    #[sea_orm(string_value = "skipped")]
    Skipped,
}

/// State of a waiting-list entry.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "snake_case")]
pub enum EntryStatus {
    /// On the list.
    #[sea_orm(string_value = "waiting")]
    Waiting,
    /// Booked through an offer (or another of the address's entries was).
    #[sea_orm(string_value = "booked")]
    Booked,
    /// Left the list.
    #[sea_orm(string_value = "left")]
    Left,
}

/// State of a waiting-list offer.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "snake_case")]
pub enum OfferStatus {
    /// Sent and not yet taken.
    #[sea_orm(string_value = "open")]
    Open,
    /// Taken: its slot was booked.
    #[sea_orm(string_value = "accepted")]
    Accepted,
    /// Taken by others, lapsed or closed.
    #[sea_orm(string_value = "gone")]
    Gone,
}

/// State of a queue ticket (API.md "At the office: tickets and calls").
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize,
)]
#[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
#[serde(rename_all = "snake_case")]
pub enum TicketStatus {
    /// In the queue.
    #[sea_orm(string_value = "waiting")]
    Waiting,
    /// Called to a counter, not yet there.
    #[sea_orm(string_value = "called")]
    Called,
    /// At the counter.
    #[sea_orm(string_value = "serving")]
    Serving,
    /// Served.
    #[sea_orm(string_value = "done")]
    Done,
    /// Called and did not come.
    #[sea_orm(string_value = "absent")]
    Absent,
    /// Left the queue.
    #[sea_orm(string_value = "cancelled")]
    Cancelled,
}

impl TicketStatus {
    /// Tickets still in the day's queue or at a counter.
    pub const OPEN: [Self; 3] = [Self::Waiting, Self::Called, Self::Serving];
}

/// Kinds of queue events (`queue_event.kind`).
pub mod queue_event_kind {
    /// A call or recall: the displays show it.
    pub const CALL: &str = "call";
    /// Any other change of a ticket (joined, left, started, done, moved).
    pub const CHANGE: &str = "change";
}

macro_rules! display_by_name {
    ($($t:ty),*) => {$(
        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.to_value())
            }
        }
    )*};
}

display_by_name!(
    BookingStatus,
    MessageStatus,
    EntryStatus,
    OfferStatus,
    TicketStatus
);
