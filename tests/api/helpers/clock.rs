//! Instants for the one manual clock the tests move.

use chrono::{DateTime, Utc};

/// An RFC 3339 instant (any offset) in UTC.
pub fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}
