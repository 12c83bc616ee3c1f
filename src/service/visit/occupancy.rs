//! The live occupancy of a room: who is inside now, against its limit now.

use chrono::{DateTime, Duration, Utc};
use entity::status::BookingStatus;
use entity::{booking, room};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QuerySelect};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{
    domain::{
        Role,
        capacity::{Occupant, Picture},
    },
    error::{AppError, AppResult},
    service::{actor::Actor, db::Db, engine},
};

/// A room's occupancy now.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct OccupancyView {
    /// Room id.
    pub room_id: i32,
    /// The effective limit now (base limit lowered by any rule in force).
    pub limit_now: i32,
    /// Persons checked in and not yet served, and walk-ins called in from the queue, in
    /// this room and the rooms it encloses.
    pub present: i32,
    /// Persons of active bookings (and live holds) whose room interval covers now.
    pub planned_now: i32,
}

/// The live occupancy of a room (staff of its office).
pub async fn occupancy(
    db: &Db,
    actor: &Actor,
    room_id: i32,
    now: DateTime<Utc>,
) -> AppResult<OccupancyView> {
    let room = room::Entity::find_by_id(room_id)
        .one(&db.conn)
        .await?
        .ok_or_else(|| AppError::not_found("There is no such room."))?;
    actor.require(Role::Staff, room.office_id)?;
    occupancy_of(db, &room, now).await
}

/// A room's occupancy now, for a caller already allowed to see it (a staff member of
/// its office, or the holder of its door-screen link).
pub async fn occupancy_of(
    db: &Db,
    room: &room::Model,
    now: DateTime<Utc>,
) -> AppResult<OccupancyView> {
    let room_id = room.id;
    let setup = db.setups.get(&db.conn, room.office_id).await?;
    let rules = engine::rules(&db.conn, &setup.room_ids()).await?;
    let occupants: Vec<Occupant> = engine::occupants(
        &db.conn,
        room.office_id,
        now,
        now + Duration::seconds(1),
        now,
        None,
    )
    .await?;
    let picture = Picture {
        tz: setup.tz,
        rooms: &setup.rooms,
        rules: &rules,
        occupants: &occupants,
    };
    let inside = |o: &&Occupant| o.occupies_room && setup.rooms.chain(o.room_id).contains(&room_id);
    let planned_now = occupants
        .iter()
        .filter(inside)
        .filter(|o| o.room_from <= now && now < o.end)
        .map(|o| o.party)
        .sum();
    let present_rows: Vec<(i32, i32)> = booking::Entity::find()
        .select_only()
        .columns([booking::Column::RoomId, booking::Column::PartySize])
        .filter(booking::Column::OfficeId.eq(room.office_id))
        .filter(booking::Column::Status.eq(BookingStatus::CheckedIn))
        .filter(booking::Column::OccupiesRoom.eq(true))
        .into_tuple()
        .all(&db.conn)
        .await?;
    let called_in = engine::called_in(
        &db.conn,
        room.office_id,
        crate::domain::schedule::local_date(setup.tz, now),
    )
    .await?;
    let present = present_rows
        .iter()
        .chain(called_in.iter())
        .filter(|(r, _)| setup.rooms.chain(*r).contains(&room_id))
        .map(|(_, p)| p)
        .sum();
    Ok(OccupancyView {
        room_id,
        limit_now: picture.limit_at(room_id, now),
        present,
        planned_now,
    })
}
