//! A citizen waiting for a place of a service on any of a range of days.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "waitlist_entry")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub office_id: i32,
    pub service_id: i32,
    pub party_size: i32,
    pub citizen_name: Option<String>,
    pub citizen_email: Option<String>,
    pub language: String,
    /// First acceptable local date.
    pub date_from: Date,
    /// Last acceptable local date.
    pub date_to: Date,
    /// `waiting`, `booked`, `left`.
    pub status: crate::status::EntryStatus,
    /// Hash of the secret that lets the citizen leave the list.
    pub token_hash: String,
    pub created_at: DateTimeUtc,
    pub anonymised_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
