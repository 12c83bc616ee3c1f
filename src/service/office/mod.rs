//! An office and everything a manager sets up: rooms, counters, services, opening hours,
//! closures and capacity rules, with the impact of each change on existing bookings, and
//! the office's statistics. `setup` loads it all into the domain's types, cached.

pub mod closures;
pub mod counters;
pub mod hours;
pub mod impact;
pub(crate) mod input;
pub mod lookup;
pub mod offices;
pub mod queue_stats;
pub mod rooms;
pub mod rules;
pub mod services;
pub mod stats;
pub mod stats_csv;
pub mod stats_types;
