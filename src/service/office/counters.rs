//! Counters: where clerks serve, each in a room, each offering some services.

//! Setting an office up without SQL: offices, rooms, counters, services, opening hours
//! and closures. Every change is written to the audit log in the same transaction.

use chrono::{DateTime, Utc};
use entity::{counter, counter_service, room, service};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{
    domain::{FieldError, Role},
    error::{AppError, AppResult},
    service::{
        actor::Actor,
        audit::Audit,
        db::Db,
        office::input::{check_name, validation},
    },
};

/// `POST /api/v1/rooms/{id}/counters` body.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
pub struct CounterInput {
    /// Display name, e.g. "Sportello 3".
    pub name: String,
    /// Services this counter offers (of the same office).
    #[serde(default)]
    pub service_ids: Vec<i32>,
}

/// A counter and the services it offers.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CounterView {
    /// Counter id.
    pub id: i32,
    /// Office id.
    pub office_id: i32,
    /// Room id.
    pub room_id: i32,
    /// Display name.
    pub name: String,
    /// Whether it takes appointments.
    pub active: bool,
    /// Services offered.
    pub service_ids: Vec<i32>,
}

/// Creates a counter in a room.
pub async fn create_counter(
    db: &Db,
    actor: &Actor,
    room_id: i32,
    input: &CounterInput,
    now: DateTime<Utc>,
) -> AppResult<CounterView> {
    let room = room::Entity::find_by_id(room_id)
        .one(&db.conn)
        .await?
        .ok_or_else(|| AppError::not_found("There is no such room."))?;
    actor.require(Role::Manager, room.office_id)?;
    let mut errors = Vec::new();
    check_name(&mut errors, "name", &input.name);
    let services = service::Entity::find()
        .filter(service::Column::Id.is_in(input.service_ids.clone()))
        .filter(service::Column::OfficeId.eq(room.office_id))
        .all(&db.conn)
        .await?;
    let mut ids = input.service_ids.clone();
    ids.sort_unstable();
    ids.dedup();
    if services.len() != ids.len() {
        errors.push(FieldError::new(
            "service_ids",
            "every service must belong to the room's office",
        ));
    }
    validation(errors)?;
    let (txn, _gate) = crate::service::engine::begin(db).await?;
    let created = counter::ActiveModel {
        office_id: Set(room.office_id),
        room_id: Set(room_id),
        name: Set(input.name.trim().into()),
        active: Set(true),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    for service_id in &ids {
        counter_service::ActiveModel {
            counter_id: Set(created.id),
            service_id: Set(*service_id),
        }
        .insert(&txn)
        .await?;
    }
    let view = CounterView {
        id: created.id,
        office_id: created.office_id,
        room_id,
        name: created.name.clone(),
        active: true,
        service_ids: ids,
    };
    crate::service::setup::bump_version(&txn, room.office_id).await?;
    Audit::new(Some(actor), "create", "counter", created.id)
        .office(created.office_id)
        .after(&view)
        .write(&txn, now)
        .await?;
    txn.commit().await?;
    Ok(view)
}
