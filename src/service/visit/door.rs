//! Door screens by secret link: a television at a room's door shows whether the next
//! person may come in, opened at `/door/{token}` without a staff login. A manager of the
//! office makes the link, replaces it (the old one stops at once) or turns it off; each
//! is in the audit log. The page shows counts only, never a name.

use chrono::{DateTime, Utc};
use entity::room;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde_json::json;

use crate::{
    domain::Role,
    error::{AppError, AppResult},
    infra::secrets,
    service::{
        actor::Actor,
        audit::Audit,
        db::Db,
        engine,
        visit::checkin::{OccupancyView, occupancy_of},
    },
};

/// What a door screen shows.
#[derive(Debug, Clone)]
pub struct DoorView {
    pub room_id: i32,
    pub office_id: i32,
    pub room_name: String,
    pub figures: OccupancyView,
}

/// The room of a door-screen link and its occupancy now; an unknown, replaced or
/// turned-off link is "not found".
pub async fn door(db: &Db, token: &str, now: DateTime<Utc>) -> AppResult<DoorView> {
    let not_found = || AppError::not_found("This door-screen link is not in use.");
    let token = token.trim();
    if token.len() < 16 || token.len() > 64 {
        return Err(not_found());
    }
    let room = room::Entity::find()
        .filter(room::Column::DoorToken.eq(token))
        .one(&db.conn)
        .await?
        .ok_or_else(not_found)?;
    let figures = occupancy_of(db, &room, now).await?;
    Ok(DoorView {
        room_id: room.id,
        office_id: room.office_id,
        room_name: room.name,
        figures,
    })
}

/// Makes a new link for the room's door screen (replacing any it had); returns its
/// token. `None` turns the link off.
pub async fn set_door_link(
    db: &Db,
    actor: &Actor,
    room_id: i32,
    on: bool,
    now: DateTime<Utc>,
) -> AppResult<Option<String>> {
    let row = room::Entity::find_by_id(room_id)
        .one(&db.conn)
        .await?
        .ok_or_else(|| AppError::not_found("There is no such room."))?;
    actor.require(Role::Manager, row.office_id)?;
    let token = if on {
        Some(secrets::new_token()?)
    } else {
        None
    };
    let (txn, _gate) = engine::begin(db).await?;
    let had = row.door_token.is_some();
    let mut change: room::ActiveModel = row.clone().into();
    change.door_token = Set(token.clone());
    change.update(&txn).await?;
    // The audit log records that the link changed, never the secret itself.
    Audit::new(
        Some(actor),
        if on {
            "reset_door_link"
        } else {
            "turn_off_door_link"
        },
        "room",
        room_id,
    )
    .office(row.office_id)
    .before(&json!({"door_link": had}))
    .after(&json!({"door_link": on}))
    .write(&txn, now)
    .await?;
    txn.commit().await?;
    Ok(token)
}

/// The door-screen tokens of an office's rooms (staff set the screens up).
pub async fn links(db: &Db, actor: &Actor, office_id: i32) -> AppResult<Vec<(i32, String)>> {
    actor.require(Role::Staff, office_id)?;
    Ok(room::Entity::find()
        .filter(room::Column::OfficeId.eq(office_id))
        .all(&db.conn)
        .await?
        .into_iter()
        .filter_map(|r| r.door_token.map(|t| (r.id, t)))
        .collect())
}
