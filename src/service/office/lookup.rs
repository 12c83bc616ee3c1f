//! An office's or a room's row by id, for the use-cases that check it exists first.

use entity::{office, room};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};

use crate::{
    error::{AppError, AppResult},
    service::db::Db,
};

/// An office by id, or 404.
pub async fn find_office(db: &Db, office_id: i32) -> AppResult<office::Model> {
    office::Entity::find_by_id(office_id)
        .one(&db.conn)
        .await?
        .ok_or_else(|| AppError::not_found("There is no such office."))
}

/// The rooms of one office, by id (the staff pages name them).
pub async fn rooms_of(db: &Db, office_id: i32) -> AppResult<Vec<room::Model>> {
    Ok(room::Entity::find()
        .filter(room::Column::OfficeId.eq(office_id))
        .order_by_asc(room::Column::Id)
        .all(&db.conn)
        .await?)
}

/// A room by id, or 404.
pub async fn find_room(db: &Db, room_id: i32) -> AppResult<room::Model> {
    room::Entity::find_by_id(room_id)
        .one(&db.conn)
        .await?
        .ok_or_else(|| AppError::not_found("There is no such room."))
}
