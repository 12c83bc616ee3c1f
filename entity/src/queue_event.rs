//! A change of an office's queue (a call, a recall, or any other change of a ticket),
//! written in the transaction that made it. Every process reads new rows to feed the
//! waiting-room displays and the citizens' phones, so a call made by one process reaches
//! a screen connected to another.
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "queue_event")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub office_id: i32,
    pub ticket_id: i32,
    /// `call` (a call or recall: shown on the displays) or `change`.
    pub kind: String,
    pub code: String,
    pub counter_id: Option<i32>,
    pub counter_name: Option<String>,
    pub at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
