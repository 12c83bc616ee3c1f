//! An invitation to choose a new time, sent after a manager's change left a booking over
//! a limit or outside the opening hours. The booking stays valid until the citizen moves it.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "rebook_invite")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub booking_id: i32,
    pub office_id: i32,
    /// The office's set-up version when sent: one invitation per booking and version.
    pub config_version: i64,
    /// Hash of the secret in the link.
    pub token_hash: String,
    pub created_at: DateTimeUtc,
    /// When the citizen moved the booking with it.
    pub used_at: Option<DateTimeUtc>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
