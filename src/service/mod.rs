//! Use-cases over sea-orm: plain async functions that take a connection (or a
//! transaction) and return [`crate::error::AppResult`]. Handlers call exactly one of them.

pub mod admin;
pub mod agenda;
pub mod audit;
pub mod auth;
pub mod booking;
pub mod capacity;
pub mod checkin;
pub mod closures;
pub mod db;
pub mod idempotency;
pub mod impact;
pub mod noshow;
pub mod office;
pub mod outbox;
pub mod placement;
pub mod rebook;
pub mod reconfirm;
pub mod retention;
pub mod rules;
pub mod seed;
pub mod slots;
pub mod stats;
pub mod tokens;
pub mod users;
pub mod waitlist;
pub mod window;
