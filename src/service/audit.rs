//! The one audit log: who changed what and when, with before and after values. Written in
//! the same transaction as the change it records, so neither exists without the other.

use chrono::{DateTime, Utc};
use entity::audit_log;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ConnectionTrait};
use serde::Serialize;

use crate::{error::AppResult, service::actor::Actor};

/// One audit row being built.
#[derive(Debug, Clone)]
pub struct Audit {
    actor_user_id: Option<i32>,
    action: String,
    entity: String,
    entity_id: String,
    before: Option<String>,
    after: Option<String>,
    office_id: Option<i32>,
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
            office_id: None,
        }
    }

    /// The office the change belongs to: its managers see the row in their log.
    pub fn office(mut self, office_id: i32) -> Self {
        self.office_id = Some(office_id);
        self
    }

    /// [`Audit::office`] for something that may belong to no office (an administrator).
    pub fn office_opt(mut self, office_id: Option<i32>) -> Self {
        self.office_id = office_id;
        self
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
            office_id: Set(self.office_id),
            ..Default::default()
        }
        .insert(db)
        .await?;
        Ok(())
    }
}

/// Filters of the audit log (all optional; newest first, `limit` rows from `before_id`).
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::IntoParams)]
pub struct AuditQuery {
    /// The office (managers: their own, the default; admins: any, or all when absent).
    pub office_id: Option<i32>,
    /// `booking`, `room`, `capacity_rule`, `closure`, `opening_hours`, `service`, …
    pub entity: Option<String>,
    /// `create`, `update`, `delete`, `notify`, …
    pub action: Option<String>,
    /// The user who made the change.
    pub actor_user_id: Option<i32>,
    /// First date, `YYYY-MM-DD`: the office's local day (UTC across all offices).
    pub from: Option<String>,
    /// Last date (inclusive).
    pub to: Option<String>,
    /// Rows older than this id (the next page).
    pub before_id: Option<i32>,
    /// At most this many rows (default 100, at most 1000).
    pub limit: Option<u64>,
}

/// One audit row as shown.
#[derive(Debug, Clone, Serialize, serde::Deserialize, utoipa::ToSchema)]
pub struct AuditEntry {
    /// Row id.
    pub id: i32,
    /// When, RFC 3339 UTC.
    pub at: String,
    /// Who: a user id, or null for the system (scheduled jobs, citizens' own actions).
    pub actor_user_id: Option<i32>,
    /// The user's email, while the account exists.
    pub actor_email: Option<String>,
    /// What was done.
    pub action: String,
    /// To what.
    pub entity: String,
    /// Which one.
    pub entity_id: String,
    /// The office.
    pub office_id: Option<i32>,
    /// The value before, as JSON.
    pub before: Option<serde_json::Value>,
    /// The value after, as JSON.
    pub after: Option<serde_json::Value>,
}

/// The audit rows `actor` may see matching `q`: managers their office's, admins all.
pub async fn browse(
    db: &crate::service::db::Db,
    actor: &Actor,
    q: &AuditQuery,
) -> AppResult<Vec<AuditEntry>> {
    use crate::{
        domain::{FieldError, Role},
        error::AppError,
    };
    use entity::app_user;
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
    let office = match (q.office_id, actor.role) {
        (Some(id), _) => {
            actor.require(Role::Manager, id)?;
            Some(id)
        }
        (None, Role::Admin) => None,
        (None, _) => {
            let own = actor.office_id.ok_or_else(|| {
                AppError::Forbidden("Your account may not read the audit log.".into())
            })?;
            actor.require(Role::Manager, own)?;
            Some(own)
        }
    };
    let mut errors = Vec::new();
    let mut date = |field: &str, raw: &Option<String>| {
        raw.as_deref()
            .filter(|r| !r.trim().is_empty())
            .and_then(|r| {
                chrono::NaiveDate::parse_from_str(r.trim(), "%Y-%m-%d")
                    .ok()
                    .filter(|d| (2000..=2200).contains(&chrono::Datelike::year(d)))
                    .or_else(|| {
                        errors.push(FieldError::new(field, "must be a date YYYY-MM-DD"));
                        None
                    })
            })
    };
    let from = date("from", &q.from);
    let to = date("to", &q.to);
    let limit = q.limit.unwrap_or(100);
    if !(1..=1000).contains(&limit) {
        errors.push(FieldError::new("limit", "must be between 1 and 1000"));
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let mut find = audit_log::Entity::find();
    if let Some(id) = office {
        find = find.filter(audit_log::Column::OfficeId.eq(id));
    }
    if let Some(e) = q.entity.as_deref().map(str::trim).filter(|e| !e.is_empty()) {
        find = find.filter(audit_log::Column::Entity.eq(e));
    }
    if let Some(a) = q.action.as_deref().map(str::trim).filter(|a| !a.is_empty()) {
        find = find.filter(audit_log::Column::Action.eq(a));
    }
    if let Some(u) = q.actor_user_id {
        find = find.filter(audit_log::Column::ActorUserId.eq(u));
    }
    // Dates are the office's local days; across all offices, UTC days.
    let tz = match office {
        Some(id) => db.setups.tz(&db.conn, id).await?,
        None => chrono_tz::UTC,
    };
    let day = |d: chrono::NaiveDate| crate::domain::schedule::start_of_day(tz, d);
    if let Some(d) = from {
        find = find.filter(audit_log::Column::At.gte(day(d)));
    }
    if let Some(d) = to.and_then(|d| d.succ_opt()) {
        find = find.filter(audit_log::Column::At.lt(day(d)));
    }
    if let Some(b) = q.before_id {
        find = find.filter(audit_log::Column::Id.lt(b));
    }
    let rows = find
        .order_by_desc(audit_log::Column::Id)
        .limit(limit)
        .all(&db.conn)
        .await?;
    let mut ids: Vec<i32> = rows.iter().filter_map(|r| r.actor_user_id).collect();
    ids.sort_unstable();
    ids.dedup();
    let users = app_user::Entity::find()
        .filter(app_user::Column::Id.is_in(ids))
        .all(&db.conn)
        .await?;
    let parse = |raw: Option<String>| raw.and_then(|r| serde_json::from_str(&r).ok());
    Ok(rows
        .into_iter()
        .map(|r| AuditEntry {
            id: r.id,
            at: r.at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
            actor_email: r
                .actor_user_id
                .and_then(|u| users.iter().find(|x| x.id == u))
                .map(|u| u.email.clone()),
            actor_user_id: r.actor_user_id,
            action: r.action,
            entity: r.entity,
            entity_id: r.entity_id,
            office_id: r.office_id,
            before: parse(r.before_json),
            after: parse(r.after_json),
        })
        .collect())
}
