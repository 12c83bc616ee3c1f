//! The names of the room-hour lock rows, which the capacity engine takes and the slot
//! cache reads: a module of its own, so the two need not import each other.

use chrono::{DateTime, Duration, Utc};

/// The UTC hours (hours since the epoch) that `[from, to)` touches; at least one.
pub fn hours_of(from: DateTime<Utc>, to: DateTime<Utc>) -> std::ops::RangeInclusive<i64> {
    let first = from.timestamp().div_euclid(3600);
    let last = Ord::max(
        (to - Duration::seconds(1)).timestamp().div_euclid(3600),
        first,
    );
    first..=last
}

/// The lock row of one room and UTC hour. Its `version` counts the capacity
/// transactions that took it, and these rows are never deleted: the slot cache
/// (`service::slot_cache`) reads the versions to learn whether any booking of
/// the room and hour was written since it evaluated the day.
pub fn room_hour(room_id: i32, hour: i64) -> String {
    format!("room:{room_id}:{hour}")
}
