//! A message to a citizen, queued in the transaction of the change it reports.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "outbox_message")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    /// `confirmation`, `cancellation`, `reminder`.
    pub kind: String,
    pub booking_id: Option<i32>,
    pub recipient: String,
    pub subject: String,
    pub body_text: String,
    pub body_html: String,
    /// The calendar attachment, if any.
    pub ics: Option<String>,
    /// The check-in URL drawn as an inline QR code, if any.
    pub qr_url: Option<String>,
    /// The `Message-ID`, fixed when queued so a resent copy is recognisably the same.
    pub message_id: String,
    /// Set for messages that must exist once (`reminder:<booking id>`): a second writer's
    /// insert is ignored, so several processes can run the reminder job.
    pub dedupe_key: Option<String>,
    /// `pending`, `sending`, `sent`, `failed`.
    pub status: crate::status::MessageStatus,
    pub attempts: i32,
    pub next_attempt_at: DateTimeUtc,
    /// A sender working on it holds it until then (a crashed sender's claim lapses).
    pub locked_until: Option<DateTimeUtc>,
    pub last_error: Option<String>,
    pub created_at: DateTimeUtc,
    pub sent_at: Option<DateTimeUtc>,
    /// When retention emptied the recipient and the bodies.
    pub anonymised_at: Option<DateTimeUtc>,
    /// For a webhook delivery (`kind` `webhook`): the endpoint. The recipient is then its
    /// URL, the subject the event's type, the text body the JSON posted, and the
    /// `Message-ID` the `webhook-id`.
    pub webhook_id: Option<i32>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
