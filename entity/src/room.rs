//! A space with an occupancy limit; `parent_room_id` points at the enclosing area or corridor.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "room")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub office_id: i32,
    pub parent_room_id: Option<i32>,
    pub name: String,
    pub occupancy_limit: i32,
    /// The secret of the room's door-screen link (`/door/{token}`); none: no link.
    pub door_token: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
