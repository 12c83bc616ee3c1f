//! The statistics' tables as the API returns them: one row per period and office, room,
//! service or counter, with the bookings' figures and the queue's.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// One line of the tables.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct StatsRow {
    /// The day (`2026-11-26`) or ISO week (`2026-W48`).
    pub period: String,
    /// `office`, `room` or `service`.
    pub scope: String,
    /// The office's, room's or service's id.
    pub id: i32,
    /// Its name.
    pub name: String,
    /// Appointments starting in the period.
    pub bookings: i64,
    /// Of them, admitted.
    pub check_ins: i64,
    /// Of them, cancelled.
    pub cancellations: i64,
    /// Of them, released as no-shows.
    pub no_shows: i64,
    /// No-shows ÷ (check-ins + no-shows).
    pub no_show_rate: Option<f64>,
    /// Persons × minutes planned in the room.
    pub planned_person_minutes: i64,
    /// Limit × opening minutes (rooms and office).
    pub limit_person_minutes: Option<i64>,
    /// Planned ÷ limit.
    pub utilisation: Option<f64>,
    /// Most persons planned at one instant.
    pub peak_occupancy: i32,
    /// The queue's figures (tickets, waits, service times, absences).
    #[serde(flatten)]
    pub queue: QueueFigures,
}

impl StatsRow {
    /// A row with queue figures only (a counter's, or a day with tickets and no booking).
    pub fn queue_only(
        period: String,
        scope: &str,
        id: i32,
        name: String,
        queue: QueueFigures,
    ) -> Self {
        Self {
            period,
            scope: scope.into(),
            id,
            name,
            bookings: 0,
            check_ins: 0,
            cancellations: 0,
            no_shows: 0,
            no_show_rate: None,
            planned_person_minutes: 0,
            limit_person_minutes: None,
            utilisation: None,
            peak_occupancy: 0,
            queue,
        }
    }
}

/// The statistics of an office over a date range.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Stats {
    /// The office.
    pub office_id: i32,
    /// First date.
    pub from: String,
    /// Last date.
    pub to: String,
    /// `day` or `week`.
    pub by: String,
    /// Office rows, then rooms, then services, per period in order.
    pub rows: Vec<StatsRow>,
}

/// A statistics row's queue figures.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct QueueFigures {
    /// Tickets of the period (check-ins and walk-ins).
    #[serde(default)]
    pub tickets: i64,
    /// Of them, called and never came.
    #[serde(default)]
    pub absent: i64,
    /// Absent ÷ (served + absent).
    #[serde(default)]
    pub absent_rate: Option<f64>,
    /// Mean minutes from arrival to the first call.
    #[serde(default)]
    pub mean_wait_minutes: Option<f64>,
    /// Mean minutes from the start at the counter to done.
    #[serde(default)]
    pub mean_service_minutes: Option<f64>,
}
