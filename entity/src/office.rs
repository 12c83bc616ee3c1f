//! Public office: the unit that owns rooms, counters, services and schedules.

use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, DeriveEntityModel, Serialize, Deserialize)]
#[sea_orm(table_name = "office")]
pub struct Model {
    #[sea_orm(primary_key)]
    pub id: i32,
    pub name: String,
    pub address: String,
    pub timezone: String,
    pub arrival_margin_minutes: i32,
    /// Bumped by every change to the office's set-up; keys the in-process set-up cache.
    pub config_version: i64,
    /// No booking of the office occupies its room for longer than this (minutes): the
    /// longest room interval (arrival margin plus duration) any of its services has ever
    /// had. Only ever raised, so the capacity engine can read the bookings that overlap an
    /// interval from an index range this long, instead of a whole day's.
    pub max_span_minutes: i32,
    /// Whether a released no-show gets an email saying so.
    pub no_show_email: bool,
    pub created_at: DateTimeUtc,
    /// The office's own phone and email, shown to citizens before they book.
    pub phone: Option<String>,
    pub email: Option<String>,
}

#[derive(Copy, Clone, Debug, EnumIter, DeriveRelation)]
pub enum Relation {}

impl ActiveModelBehavior for ActiveModel {}
