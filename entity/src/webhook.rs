//! An office's webhook endpoint: where its events are posted, signed with its secret.
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "webhook")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub office_id: i32,
    pub url: String,
    /// The event types it receives, comma-separated (`booking.created,ticket.called`).
    pub events: String,
    /// `whsec_` and the base64 of the key: shown once, kept to sign every delivery.
    #[serde(skip_serializing)]
    pub secret: String,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
