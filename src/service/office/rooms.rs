//! Rooms: the nested spaces whose occupancy limits the capacity engine enforces.

//! Setting an office up without SQL: offices, rooms, counters, services, opening hours
//! and closures. Every change is written to the audit log in the same transaction.

use chrono::{DateTime, Utc};
use entity::room;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{
    domain::{FieldError, Role},
    error::AppResult,
    service::{
        actor::Actor,
        audit::Audit,
        db::Db,
        office::{
            input::{check_name, check_range, validation},
            lookup::find_office,
        },
    },
};

/// `POST /api/v1/offices/{id}/rooms` body.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
pub struct RoomInput {
    /// Display name.
    pub name: String,
    /// Most persons at any instant.
    pub occupancy_limit: i32,
    /// The enclosing room (area, corridor), in the same office.
    #[serde(default)]
    pub parent_room_id: Option<i32>,
}

/// Creates a room in an office (its manager, or an admin).
pub async fn create_room(
    db: &Db,
    actor: &Actor,
    office_id: i32,
    input: &RoomInput,
    now: DateTime<Utc>,
) -> AppResult<RoomView> {
    find_office(db, office_id).await?;
    actor.require(Role::Manager, office_id)?;
    let mut errors = Vec::new();
    check_name(&mut errors, "name", &input.name);
    check_range(
        &mut errors,
        "occupancy_limit",
        input.occupancy_limit,
        0,
        100_000,
    );
    if let Some(parent) = input.parent_room_id {
        let found = room::Entity::find_by_id(parent).one(&db.conn).await?;
        if found.is_none_or(|p| p.office_id != office_id) {
            errors.push(FieldError::new(
                "parent_room_id",
                "must be a room of the same office",
            ));
        }
    }
    validation(errors)?;
    let (txn, _gate) = crate::service::engine::begin(db).await?;
    let created = room::ActiveModel {
        office_id: Set(office_id),
        parent_room_id: Set(input.parent_room_id),
        name: Set(input.name.trim().into()),
        occupancy_limit: Set(input.occupancy_limit),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    crate::service::setup::bump_version(&txn, office_id).await?;
    Audit::new(Some(actor), "create", "room", created.id)
        .office(created.office_id)
        .after(&created)
        .write(&txn, now)
        .await?;
    txn.commit().await?;
    Ok(RoomView {
        id: created.id,
        name: created.name,
        occupancy_limit: created.occupancy_limit,
        parent_room_id: created.parent_room_id,
    })
}

/// A room as listed.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct RoomView {
    /// Room id.
    pub id: i32,
    /// Name.
    pub name: String,
    /// Base limit.
    pub occupancy_limit: i32,
    /// Enclosing room.
    pub parent_room_id: Option<i32>,
}
