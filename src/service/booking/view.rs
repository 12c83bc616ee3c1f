//! What a booking looks like from outside: the request bodies of `POST /bookings` and
//! `POST /holds`, and the views answered for them. Shared by every part that shows a
//! booking, so that none of them depends on how a booking is made.

use chrono::{DateTime, SecondsFormat, Utc};
use chrono_tz::Tz;
use entity::booking;
use entity::status::BookingStatus;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

/// The citizen's details in a booking request.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
pub struct CitizenInput {
    /// Full name.
    pub name: String,
    /// Email; normalised (trimmed, lower-cased) before use.
    pub email: String,
    /// Optional phone number.
    #[serde(default)]
    pub phone: Option<String>,
}

/// `POST /api/v1/bookings` body.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
pub struct BookingRequest {
    /// Office id.
    pub office_id: i32,
    /// Service id.
    pub service_id: i32,
    /// Slot start, RFC 3339 (any offset).
    pub start: String,
    /// Persons, 1–4.
    pub party_size: i64,
    /// Who is coming.
    pub citizen: CitizenInput,
    /// `it` (default) or `en`.
    #[serde(default)]
    pub language: Option<String>,
    /// A hold to take over.
    #[serde(default)]
    pub hold_id: Option<String>,
    /// The citizen as an identity provider vouched for them (the pages' logged-in
    /// session); never read from a request body.
    #[serde(skip)]
    #[schema(ignore)]
    pub identity: Option<crate::domain::identity::VerifiedCitizen>,
}

/// `POST /api/v1/holds` body.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
pub struct HoldRequest {
    /// Office id.
    pub office_id: i32,
    /// Service id.
    pub service_id: i32,
    /// Slot start, RFC 3339.
    pub start: String,
    /// Persons, 1–4.
    pub party_size: i64,
}

/// A created hold.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct HoldView {
    /// Pass this as `hold_id` when booking.
    pub hold_id: String,
    /// When the place is released if not booked.
    pub expires_at: String,
}

/// The citizen as returned.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CitizenView {
    /// Name (empty after anonymisation).
    pub name: String,
    /// Normalised email.
    pub email: String,
    /// Phone, if given.
    pub phone: Option<String>,
}

/// A booking as the API returns it (API.md "Booking").
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct BookingView {
    /// Human reference, e.g. `K7M-4QX`.
    pub reference: String,
    /// `confirmed`, `checked_in`, `served`, `cancelled` or `no_show`.
    #[schema(value_type = String)]
    pub status: BookingStatus,
    /// Office id.
    pub office_id: i32,
    /// Service id.
    pub service_id: i32,
    /// The counter's room.
    pub room_id: i32,
    /// Assigned counter.
    pub counter_id: i32,
    /// Start, in the office's zone.
    pub start: String,
    /// End, in the office's zone.
    pub end: String,
    /// Persons.
    pub party_size: i32,
    /// Who is coming.
    pub citizen: CitizenView,
    /// `it` or `en`.
    pub language: String,
    /// The URL the QR code holds.
    pub checkin_url: String,
    /// Video-call link for video appointments.
    pub meeting_url: Option<String>,
    /// When it was booked.
    pub created_at: String,
    /// When the party was admitted.
    pub checked_in_at: Option<String>,
    /// When the appointment was closed.
    pub served_at: Option<String>,
    /// When it was cancelled.
    pub cancelled_at: Option<String>,
    /// When it was released as a no-show.
    pub released_at: Option<String>,
    /// The secret for viewing and cancelling; only in the creation response.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub manage_token: Option<String>,
}

/// RFC 3339 in whole seconds with the office's numeric offset (API.md conventions).
pub fn fmt_local(t: DateTime<Utc>, tz: Tz) -> String {
    t.with_timezone(&tz)
        .to_rfc3339_opts(SecondsFormat::Secs, false)
}

/// Builds the API view of a stored booking.
pub fn view(b: &booking::Model, tz: Tz, base_url: &str) -> BookingView {
    let fmt = |t: Option<DateTime<Utc>>| t.map(|t| fmt_local(t, tz));
    BookingView {
        reference: b.reference.clone().unwrap_or_default(),
        status: b.status,
        office_id: b.office_id,
        service_id: b.service_id,
        room_id: b.room_id,
        counter_id: b.counter_id,
        start: fmt_local(b.start_at, tz),
        end: fmt_local(b.end_at, tz),
        party_size: b.party_size,
        citizen: CitizenView {
            name: b.citizen_name.clone().unwrap_or_default(),
            email: b.citizen_email.clone().unwrap_or_default(),
            phone: b.citizen_phone.clone(),
        },
        language: b.language.clone(),
        checkin_url: format!(
            "{base_url}/c/{}",
            b.checkin_token.as_deref().unwrap_or_default()
        ),
        meeting_url: b.meeting_url.clone(),
        created_at: fmt_local(b.created_at, tz),
        checked_in_at: fmt(b.checked_in_at),
        served_at: fmt(b.served_at),
        cancelled_at: fmt(b.cancelled_at),
        released_at: fmt(b.released_at),
        manage_token: None,
    }
}
