//! A manager's dated override of a room's occupancy limit (only ever lowers it).

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "capacity_rule")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub room_id: i32,
    pub valid_from: Date,
    pub valid_to: Date,
    pub weekdays: Option<String>,
    pub from_time: Option<Time>,
    pub to_time: Option<Time>,
    pub occupancy_limit: i32,
    pub created_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
