//! What a citizen comes for, with its booking policy.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "service")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub office_id: i32,
    pub name: String,
    pub duration_minutes: i32,
    pub horizon_days: i32,
    pub min_notice_minutes: i32,
    pub no_show_grace_minutes: i32,
    pub max_active_per_citizen: i32,
    pub channel: String,
    pub what_to_bring: String,
    /// Days before the start when the citizen is asked to reconfirm; none: not asked.
    pub reconfirm_days: Option<i32>,
    /// What the service is, in Italian (the fallback of every language).
    pub description: String,
    /// The name, description and what to bring in other languages: a JSON object keyed by
    /// language code (`service::office::services::ServiceTexts`).
    pub texts: String,
    /// Only citizens logged in with an identity provider (SPID, CIE) may book it.
    pub login_required: bool,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
