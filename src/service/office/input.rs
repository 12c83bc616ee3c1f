//! Checks shared by the set-up forms of an office: names, ranges, dates and times, each
//! failing field reported with the others.

//! Setting an office up without SQL: offices, rooms, counters, services, opening hours
//! and closures. Every change is written to the audit log in the same transaction.

use chrono::{NaiveDate, NaiveTime};

use crate::{
    domain::FieldError,
    error::{AppError, AppResult},
};

pub(super) fn validation(errors: Vec<FieldError>) -> AppResult<()> {
    if errors.is_empty() {
        Ok(())
    } else {
        Err(AppError::Validation(errors))
    }
}

pub(super) fn check_name(errors: &mut Vec<FieldError>, field: &str, value: &str) {
    let len = value.trim().chars().count();
    if len == 0 || len > 200 {
        errors.push(FieldError::new(field, "must have 1 to 200 characters"));
    }
    check_text(errors, field, value);
}

/// Text people read: no control characters but line breaks and tabs (PostgreSQL refuses
/// a NUL in text, and nobody types the others).
pub(crate) fn check_text(errors: &mut Vec<FieldError>, field: &str, value: &str) {
    if value
        .chars()
        .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    {
        errors.push(FieldError::new(
            field,
            "must not contain control characters",
        ));
    }
}

pub(super) fn check_range(
    errors: &mut Vec<FieldError>,
    field: &str,
    value: i32,
    min: i32,
    max: i32,
) {
    if !(min..=max).contains(&value) {
        errors.push(FieldError::new(
            field,
            format!("must be between {min} and {max}"),
        ));
    }
}

/// A local date of a schedule: years 2000–2200 (chrono's `%Y` takes any number of
/// digits, and date arithmetic on the far edges of its range panics).
pub(super) fn parse_date(
    errors: &mut Vec<FieldError>,
    field: &str,
    raw: &str,
) -> Option<NaiveDate> {
    crate::domain::schedule::parse_date(raw).or_else(|| {
        errors.push(FieldError::new(field, "must be a date YYYY-MM-DD"));
        None
    })
}

pub(super) fn parse_time(
    errors: &mut Vec<FieldError>,
    field: &str,
    raw: &str,
) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(raw.trim(), "%H:%M")
        .map_err(|_| errors.push(FieldError::new(field, "must be a time HH:MM")))
        .ok()
}
