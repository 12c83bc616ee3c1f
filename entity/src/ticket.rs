//! A citizen's place in an office's queue for one day (DOMAIN.md "Queue and calls"): made
//! by every check-in of an appointment and by every walk-in, at the desk or from a phone.
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "ticket")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub office_id: i32,
    pub service_id: i32,
    /// The office's local day (`YYYY-MM-DD`): numbers restart each day.
    pub day: String,
    /// The number within the day and the code's letter.
    pub number: i32,
    /// `C-014`: unique per office and day.
    pub code: String,
    pub status: crate::status::TicketStatus,
    pub party_size: i32,
    /// The appointment behind the ticket; `None` for a walk-in from a phone or the desk.
    pub booking_id: Option<i32>,
    /// Whether the party is inside the rooms: an appointment's check-in admitted it, a
    /// walk-in enters when called. Inside walk-ins count in the rooms' occupancy.
    pub inside: bool,
    /// The room the party was called into (its counter's room).
    pub room_id: Option<i32>,
    pub counter_id: Option<i32>,
    /// How many times it was called (a recall counts).
    pub calls: i32,
    /// A name to call a desk walk-in by, or the email a phone gave for its link.
    pub citizen_name: Option<String>,
    pub citizen_email: Option<String>,
    pub language: String,
    /// SHA-256 of the phone's ticket token; `None` for tickets made at the office.
    pub token_hash: Option<String>,
    pub joined_at: DateTimeUtc,
    /// The appointment's start; `None` for walk-ins.
    pub due_at: Option<DateTimeUtc>,
    pub called_at: Option<DateTimeUtc>,
    /// The first call: waiting time is measured to it, whatever recalls follow.
    pub first_called_at: Option<DateTimeUtc>,
    pub started_at: Option<DateTimeUtc>,
    pub ended_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
