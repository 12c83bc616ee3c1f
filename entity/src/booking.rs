//! A hold or an appointment. Holds are rows with status `held` so that one query sees everything that occupies capacity.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "booking")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub office_id: i32,
    pub service_id: i32,
    pub counter_id: i32,
    pub room_id: i32,
    pub occupies_room: bool,
    pub status: crate::status::BookingStatus,
    pub start_at: DateTimeUtc,
    pub end_at: DateTimeUtc,
    pub room_from: DateTimeUtc,
    pub party_size: i32,
    pub hold_id: Option<String>,
    pub hold_expires_at: Option<DateTimeUtc>,
    /// Hash of the client address (IPv6 by /64) that took a hold; `None` otherwise.
    pub hold_client: Option<String>,
    /// Hash of the browser session that took a hold, for holds taken on the pages.
    pub hold_session: Option<String>,
    pub reference: Option<String>,
    pub checkin_token: Option<String>,
    pub manage_token_hash: Option<String>,
    pub citizen_name: Option<String>,
    pub citizen_email: Option<String>,
    pub citizen_phone: Option<String>,
    pub language: String,
    pub meeting_url: Option<String>,
    pub created_at: DateTimeUtc,
    pub checked_in_at: Option<DateTimeUtc>,
    pub served_at: Option<DateTimeUtc>,
    pub cancelled_at: Option<DateTimeUtc>,
    pub released_at: Option<DateTimeUtc>,
    /// When the citizen reconfirmed (services that ask for it).
    pub reconfirmed_at: Option<DateTimeUtc>,
    /// When the reconfirmation request was queued.
    pub reconfirm_requested_at: Option<DateTimeUtc>,
    /// When retention removed the personal data.
    pub anonymised_at: Option<DateTimeUtc>,
    /// Keyed hash of the fiscal code of a citizen who booked logged in (SPID, CIE):
    /// the per-citizen limit and "My appointments" go by it.
    pub citizen_fiscal_hash: Option<String>,
    /// The provider they logged in with (its configured name).
    pub identity_provider: Option<String>,
    /// A second manage-link hash, set when the citizen opens the booking from "My
    /// appointments", so that the emailed link keeps working beside it.
    pub session_manage_hash: Option<String>,
    /// Until when that second link works: the end of the session that made it.
    pub session_manage_expires_at: Option<DateTimeUtc>,
    /// The fiscal code in clear, of a citizen who booked logged in while the IO app's
    /// channel is on: IO messages address a citizen by it. Removed by retention.
    pub citizen_fiscal_code: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
