//! A citizen logged in with SPID, CIE or another citizens' provider, in one browser. It
//! holds only what the booking form shows (name, fiscal code, email) and lasts an hour;
//! logout and retention delete it.
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "citizen_session")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub token_hash: String,
    pub provider: String,
    /// The fiscal code in clear, for the form to show while the session lasts; bookings
    /// keep only [`Model::fiscal_hash`].
    pub fiscal_code: String,
    pub fiscal_hash: String,
    pub given_name: String,
    pub family_name: String,
    pub email: Option<String>,
    pub created_at: DateTimeUtc,
    pub expires_at: DateTimeUtc,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
