//! Making a booking: the slot list, holds, placement through the capacity engine, the
//! booking itself with its idempotency key, and the views every other part shows.

pub mod book;
pub mod citizen;
pub mod hold;
pub mod idempotency;
pub mod placement;
mod prepared;
pub mod slots;
pub mod view;
