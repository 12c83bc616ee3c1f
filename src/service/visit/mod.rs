//! The day at the office: admitting a party by its QR code, the counter's agenda and
//! walk-ins, releasing no-shows, reconfirmation and reminders.

pub mod agenda;
pub mod checkin;
pub mod door;
pub mod feeds;
pub mod noshow;
pub mod occupancy;
pub mod reconfirm;
pub mod reminders;
