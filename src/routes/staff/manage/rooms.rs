//! Rooms and their occupancy limits (a lower limit is previewed like any change).

use crate::service::office::rooms::RoomView;
use askama::Template;
use askama_web::WebTemplate;
use axum::{
    body::Bytes,
    extract::{Query, State},
    response::{IntoResponse, Response},
};
use serde::Deserialize;

use super::{
    Params, Sent, back, common,
    impact::{Shown, impact_page},
    int, office_param, opt_int,
};
use crate::{
    extract::{AppPath, parse_id},
    routes::staff::{Nav, Session},
    service::office::{
        rooms::{self, RoomInput},
        rules::{self, RoomLimitInput},
    },
    state::AppState,
    web::{PageError, Tr, fl},
};

/// The fields of its form (absent ones empty: numbers are parsed with field errors).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct CreateRoomForm {
    name: String,
    occupancy_limit: String,
    office: String,
    parent_room_id: String,
}

/// The fields of its form (absent ones empty: numbers are parsed with field errors).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct SetLimitForm {
    occupancy_limit: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "staff/manage/rooms.html")]
struct RoomsPage {
    t: &'static Tr,
    nav: Nav,
    office_id: i32,
    /// (room, name of the enclosing room)
    rooms: Vec<(RoomView, String)>,
    saved: bool,
}

/// `GET /manage/rooms?office=`.
pub async fn show_rooms(
    State(state): State<AppState>,
    session: Session,
    Query(q): Params,
) -> Result<Response, PageError> {
    let c = common(&state, &session, office_param(&q), "/manage/rooms").await?;
    let rooms = crate::service::directory::rooms(&state.db, c.office_id)
        .await
        .map_err(|e| session.page_error(e))?;
    let named = rooms
        .iter()
        .map(|r| {
            let parent = r
                .parent_room_id
                .and_then(|p| rooms.iter().find(|x| x.id == p))
                .map_or_else(|| fl!(c.t, "manager-none").to_string(), |p| p.name.clone());
            (r.clone(), parent)
        })
        .collect();
    Ok(RoomsPage {
        t: c.t,
        office_id: c.office_id,
        nav: c.nav,
        rooms: named,
        saved: q.contains_key("saved"),
    }
    .into_response())
}

/// `POST /manage/rooms`: a new room.
pub async fn create_room(
    State(state): State<AppState>,
    session: Session,
    body: Bytes,
) -> Result<Response, PageError> {
    let f = Sent::<CreateRoomForm>::read(&body, &session)?;
    let office_id = int("office", &f.data.office).map_err(|e| session.page_error(e))?;
    let input = RoomInput {
        name: f.data.name.trim().to_string(),
        occupancy_limit: int("occupancy_limit", &f.data.occupancy_limit)
            .map_err(|e| session.page_error(e))?,
        parent_room_id: opt_int("parent_room_id", &f.data.parent_room_id)
            .map_err(|e| session.page_error(e))?,
    };
    rooms::create_room(
        &state.db,
        &session.actor,
        office_id,
        &input,
        state.clock.now(),
    )
    .await
    .map_err(|e| session.page_error(e))?;
    Ok(back("/manage/rooms", office_id, &session))
}

/// `POST /manage/rooms/{id}/limit`: preview or save a room's new limit.
pub async fn set_limit(
    State(state): State<AppState>,
    session: Session,
    AppPath(room_id): AppPath<String>,
    body: Bytes,
) -> Result<Response, PageError> {
    let f = Sent::<SetLimitForm>::read(&body, &session)?;
    let room_id = parse_id(&room_id).map_err(|e| session.page_error(e))?;
    let room = crate::service::directory::room(&state.db, room_id)
        .await
        .map_err(|e| session.page_error(e))?;
    let c = common(&state, &session, Some(room.office_id), "/manage/rooms").await?;
    let limit =
        int("occupancy_limit", &f.data.occupancy_limit).map_err(|e| session.page_error(e))?;
    let outcome = rules::set_room_limit(
        &state.db,
        &session.actor,
        room_id,
        &RoomLimitInput {
            occupancy_limit: limit,
        },
        !f.saving(),
        state.clock.now(),
    )
    .await
    .map_err(|e| session.page_error(e))?;
    let change = format!(
        "{}: {} {} → {}",
        room.room.name,
        fl!(c.t, "manager-limit"),
        room.room.occupancy_limit,
        limit
    );
    impact_page(
        &state,
        &session,
        c,
        Shown {
            hours: Vec::new(),
            impact: outcome.impact,
            change,
            saving: f.saving(),
            replay: f.replay(),
            action: &format!("/manage/rooms/{room_id}/limit"),
            back: "/manage/rooms",
        },
    )
    .await
}
