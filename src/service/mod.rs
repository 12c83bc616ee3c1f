//! Use-cases over sea-orm, grouped by what they serve. Each is a plain async function
//! that takes the [`db::Db`] handle (or a transaction) and returns
//! [`crate::error::AppResult`]; handlers and jobs call exactly one of them. Nothing here
//! knows HTTP.
//!
//! The folders depend on each other in one direction only (checked by
//! `tests/architecture.rs`), from the bottom up:
//!
//! - [`db`], [`lock_queue`], [`setup`], [`slot_cache`], [`room_hours`], [`actor`],
//!   [`token_cache`], [`engine`], [`audit`], [`outbox`], [`limits`]: the handle with its caches, an
//!   office's set-up as the domain sees it, cached slot evaluations and the names of the
//!   rows that tell when they are stale, who is acting, the capacity engine's
//!   transaction, the audit log, the message outbox and the per-mailbox limit, used by
//!   everything above;
//! - [`office`]: an office's set-up (rooms, counters, services, hours, closures, capacity
//!   rules), the impact of a change, statistics;
//! - [`staff`]: accounts, logins and tokens;
//! - [`booking`]: making a booking: slots, holds, placement, idempotency, the views;
//! - [`waitlist`]: joining the list, offering freed places, accepting an offer;
//! - [`changes`]: what happens to a booking afterwards: cancelling, moving, resending;
//! - [`queue`]: tickets, calls under the room limits, and the feed of calls for the
//!   displays and phones;
//! - [`visit`]: the day at the office: check-in, agenda and walk-ins, no-shows,
//!   reconfirmation, reminders;
//! - [`retention`]: removing personal data when its time is up.

pub mod actor;
pub mod audit;
pub mod booking;
pub mod changes;
pub mod channel;
pub mod db;
pub mod delivery;
pub mod directory;
pub mod engine;
pub mod exports;
pub mod identity;
pub mod io_app;
pub mod limits;
pub mod lock_queue;
pub mod office;
pub mod outbox;
pub mod queue;
pub mod retention;
pub mod room_hours;
pub mod setup;
pub mod slot_cache;
pub mod staff;
pub mod token_cache;
pub mod visit;
pub mod waitlist;
pub mod webhooks;

/// The statuses of bookings, messages and the waiting list, as the entity crate defines
/// them: the HTTP layer names them through here, never the entity crate itself.
pub use entity::status;
