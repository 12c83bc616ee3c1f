//! Webhooks (issue 21): an office's managers add endpoints that receive its events
//! (a booking made, cancelled, checked in, served or released as a no-show; a ticket
//! called), signed as the Standard Webhooks specification says.
//!
//! An event is queued in the transaction of the change it reports, as one outbox row per
//! endpoint that wants it (`kind` `webhook`), so it exists exactly when the change does
//! and is delivered at least once by the same senders, leases and retries as the emails:
//! the same `webhook-id` on every attempt, backoff from half a minute up to an hour, and
//! `failed` after [`MAX_ATTEMPTS`], when a manager can replay it. The claim takes a
//! delivery only when no earlier one of its endpoint and booking is still waiting, so
//! each endpoint gets a booking's events in order.
//!
//! The data of a booking event is the booking without the citizen's contact details
//! (reference, office, service, times, status, party, counter): a receiver that needs
//! them asks the staff API with its own token, so a misdirected endpoint learns no name.

pub mod send;
pub mod store;

use chrono::{DateTime, SecondsFormat, Utc};
use entity::{booking, outbox_message, webhook};
use sea_orm::{ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};
use serde_json::{Value, json};

use crate::error::AppResult;

pub use store::{CreatedWebhook, DeliveryView, NewWebhook, WebhookView};

/// The outbox kind of a webhook delivery.
pub const KIND: &str = "webhook";

/// Every event an endpoint may ask for (API.md, "Webhooks").
pub const EVENTS: [&str; 7] = [
    "booking.created",
    "booking.cancelled",
    "booking.checked_in",
    "booking.served",
    "booking.no_show",
    "ticket.called",
    "ping",
];

/// Attempts before a delivery is `failed` (about eight hours of backoff in all).
pub const MAX_ATTEMPTS: i32 = 12;

/// The endpoints of `office_id` that want `event`: one indexed read.
async fn wanting(
    db: &impl ConnectionTrait,
    office_id: i32,
    event: &str,
) -> AppResult<Vec<webhook::Model>> {
    let mut endpoints = webhook::Entity::find()
        .filter(webhook::Column::OfficeId.eq(office_id))
        .all(db)
        .await?;
    endpoints.retain(|w| w.events.split(',').any(|e| e == event));
    Ok(endpoints)
}

/// Queues `event` about `booking_id` (if any) for every endpoint of `office_id` that wants
/// it, inside the caller's transaction.
pub async fn emit(
    db: &impl ConnectionTrait,
    office_id: i32,
    booking_id: Option<i32>,
    event: &str,
    data: Value,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let endpoints = wanting(db, office_id, event).await?;
    queue(db, &endpoints, booking_id, event, data, now).await
}

async fn queue(
    db: &impl ConnectionTrait,
    endpoints: &[webhook::Model],
    booking_id: Option<i32>,
    event: &str,
    data: Value,
    now: DateTime<Utc>,
) -> AppResult<()> {
    if endpoints.is_empty() {
        return Ok(());
    }
    let body = json!({
        "type": event,
        "timestamp": now.to_rfc3339_opts(SecondsFormat::Secs, true),
        "data": data,
    })
    .to_string();
    let rows = endpoints
        .iter()
        .map(|w| delivery_row(w, booking_id, event, &body, now));
    outbox_message::Entity::insert_many(rows).exec(db).await?;
    Ok(())
}

/// A delivery of `body` to `endpoint`, due now.
fn delivery_row(
    endpoint: &webhook::Model,
    booking_id: Option<i32>,
    event: &str,
    body: &str,
    now: DateTime<Utc>,
) -> outbox_message::ActiveModel {
    use entity::status::MessageStatus;
    outbox_message::ActiveModel {
        kind: Set(KIND.into()),
        booking_id: Set(booking_id),
        recipient: Set(endpoint.url.clone()),
        subject: Set(event.into()),
        body_text: Set(body.into()),
        body_html: Set(String::new()),
        message_id: Set(format!("msg_{}", uuid::Uuid::new_v4().simple())),
        status: Set(MessageStatus::Pending),
        attempts: Set(0),
        next_attempt_at: Set(now),
        created_at: Set(now),
        webhook_id: Set(Some(endpoint.id)),
        ..Default::default()
    }
}

/// The data of a booking event: the booking without the citizen's details.
pub fn booking_data(b: &booking::Model) -> Value {
    let at = |t: DateTime<Utc>| t.to_rfc3339_opts(SecondsFormat::Secs, true);
    json!({
        "id": b.id,
        "reference": b.reference,
        "office_id": b.office_id,
        "service_id": b.service_id,
        "room_id": b.room_id,
        "counter_id": b.counter_id,
        "start": at(b.start_at),
        "end": at(b.end_at),
        "party_size": b.party_size,
        "status": b.status,
        "checked_in_at": b.checked_in_at.map(at),
    })
}

/// [`emit`] of a booking event of `office_id`, with the booking as it is in `db` (inside
/// the change's transaction, so as the change left it). Reads the booking only when an
/// endpoint wants the event.
pub async fn emit_booking(
    db: &impl ConnectionTrait,
    office_id: i32,
    booking_id: i32,
    event: &str,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let endpoints = wanting(db, office_id, event).await?;
    if endpoints.is_empty() {
        return Ok(());
    }
    let Some(b) = booking::Entity::find_by_id(booking_id).one(db).await? else {
        return Ok(());
    };
    queue(db, &endpoints, Some(b.id), event, booking_data(&b), now).await
}

/// `booking.no_show` for each of `released` (booking id, office id): the sweep's
/// releases. One read of the offices' endpoints; the bookings are read only for offices
/// with an endpoint that wants the event.
pub async fn emit_released(
    db: &impl ConnectionTrait,
    released: &[(i32, i32)],
    now: DateTime<Utc>,
) -> AppResult<()> {
    let mut offices: Vec<i32> = released.iter().map(|(_, o)| *o).collect();
    offices.sort_unstable();
    offices.dedup();
    if offices.is_empty() {
        return Ok(());
    }
    let mut endpoints = Vec::new();
    for chunk in offices.chunks(500) {
        endpoints.extend(
            webhook::Entity::find()
                .filter(webhook::Column::OfficeId.is_in(chunk.iter().copied()))
                .all(db)
                .await?,
        );
    }
    endpoints.retain(|w| w.events.split(',').any(|e| e == "booking.no_show"));
    if endpoints.is_empty() {
        return Ok(());
    }
    let ids: Vec<i32> = released
        .iter()
        .filter(|(_, o)| endpoints.iter().any(|w| w.office_id == *o))
        .map(|(id, _)| *id)
        .collect();
    for chunk in ids.chunks(500) {
        let rows = booking::Entity::find()
            .filter(booking::Column::Id.is_in(chunk.iter().copied()))
            .all(db)
            .await?;
        for b in &rows {
            let mine: Vec<webhook::Model> = endpoints
                .iter()
                .filter(|w| w.office_id == b.office_id)
                .cloned()
                .collect();
            queue(
                db,
                &mine,
                Some(b.id),
                "booking.no_show",
                booking_data(b),
                now,
            )
            .await?;
        }
    }
    Ok(())
}
