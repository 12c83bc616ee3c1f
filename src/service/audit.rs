//! The one audit log: who changed what and when, with before and after values. Written in
//! the same transaction as the change it records, so neither exists without the other.

use chrono::{DateTime, Utc};
use entity::audit_log;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait};
use serde::Serialize;

use crate::{error::AppResult, service::auth::Actor};

/// One audit row being built.
#[derive(Debug, Clone)]
pub struct Audit {
    actor_user_id: Option<i32>,
    action: String,
    entity: String,
    entity_id: String,
    before: Option<String>,
    after: Option<String>,
}

impl Audit {
    /// A change by `actor` (user id 0 is the process itself) of `entity` `entity_id`.
    pub fn new(
        actor: Option<&Actor>,
        action: &str,
        entity: &str,
        entity_id: impl ToString,
    ) -> Self {
        Self {
            actor_user_id: actor.map(|a| a.user_id),
            action: action.into(),
            entity: entity.into(),
            entity_id: entity_id.to_string(),
            before: None,
            after: None,
        }
    }

    /// The value before the change, as JSON.
    pub fn before(mut self, value: &impl Serialize) -> Self {
        self.before = serde_json::to_string(value).ok();
        self
    }

    /// The value after the change, as JSON.
    pub fn after(mut self, value: &impl Serialize) -> Self {
        self.after = serde_json::to_string(value).ok();
        self
    }

    /// Inserts the row (inside the caller's transaction).
    pub async fn write(self, db: &impl ConnectionTrait, now: DateTime<Utc>) -> AppResult<()> {
        audit_log::ActiveModel {
            at: Set(now),
            actor_user_id: Set(self.actor_user_id),
            action: Set(self.action),
            entity: Set(self.entity),
            entity_id: Set(self.entity_id),
            before_json: Set(self.before),
            after_json: Set(self.after),
            ..Default::default()
        }
        .insert(db)
        .await?;
        Ok(())
    }
}
