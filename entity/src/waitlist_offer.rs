//! A freed place offered to a waiting citizen; the first of its slot's offers accepted
//! gets it.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "waitlist_offer")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub entry_id: i32,
    pub office_id: i32,
    pub service_id: i32,
    pub start_at: DateTimeUtc,
    /// Hash of the secret in the offer link.
    pub token_hash: String,
    /// `open`, `accepted`, `gone`.
    pub status: crate::status::OfferStatus,
    pub booking_id: Option<i32>,
    pub created_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
    pub decided_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
