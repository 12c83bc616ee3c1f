//! Background jobs. Each is a thin loop around a `run_once(state, now)` that tests call
//! directly with a set clock.

pub mod outbox;
pub mod reminders;
