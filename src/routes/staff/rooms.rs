//! Room occupancy: the office's rooms at a glance, and a door screen per room that keeps
//! itself current (JavaScript polls the occupancy API every few seconds; without
//! JavaScript the page reloads itself).

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Query, State},
    response::{IntoResponse, Response},
};

use super::{Nav, Session};
use crate::{
    extract::AppPath,
    extract::parse_id,
    service::visit::checkin::{self, OccupancyView},
    state::AppState,
    web::{PageError, Tr, fl},
};

/// A room with its figures now.
#[derive(Debug, Clone)]
pub struct RoomNow {
    pub id: i32,
    pub name: String,
    pub figures: OccupancyView,
    pub full: bool,
    pub free: i32,
}

#[derive(Template, WebTemplate)]
#[template(path = "staff/rooms.html")]
struct RoomsPage {
    t: &'static Tr,
    nav: Nav,
    rooms: Vec<RoomNow>,
    /// Each room's door-screen link, if it has one.
    links: HashMap<i32, String>,
    /// A link just made or turned off, for the notice.
    changed: Option<String>,
}

pub(crate) fn room_now(id: i32, name: String, figures: OccupancyView) -> RoomNow {
    let busiest = figures.present.max(figures.planned_now);
    RoomNow {
        id,
        name,
        full: busiest >= figures.limit_now,
        free: (figures.limit_now - busiest).max(0),
        figures,
    }
}

/// `GET /staff/rooms?office=`.
pub async fn show_rooms(
    State(state): State<AppState>,
    session: Session,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let requested = q.get("office").and_then(|v| v.trim().parse().ok());
    let office_id = session.office(&state, requested).await?;
    let now = state.clock.now();
    let mut rooms = Vec::new();
    for r in crate::service::directory::rooms(&state.db, office_id)
        .await
        .map_err(|e| session.page_error(e))?
    {
        let figures = checkin::occupancy(&state.db, &session.actor, r.id, now)
            .await
            .map_err(|e| session.page_error(e))?;
        rooms.push(room_now(r.id, r.name, figures));
    }
    let nav = Nav::new(
        &session,
        office_id,
        &format!("/staff/rooms?office={office_id}"),
    );
    let base = &state.config.http.base_url;
    let links = crate::service::visit::door::links(&state.db, &session.actor, office_id)
        .await
        .map_err(|e| session.page_error(e))?
        .into_iter()
        .map(|(room, token)| (room, format!("{base}/door/{token}")))
        .collect();
    Ok(RoomsPage {
        t: session.tr(),
        nav,
        rooms,
        links,
        changed: q.get("door").cloned(),
    }
    .into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "staff/door.html")]
struct DoorPage {
    t: &'static Tr,
    room: RoomNow,
    updated: String,
    tz: String,
    here: String,
    /// "# free places" for a few numbers, as JSON: static/live.js picks the one whose
    /// plural form is the count's (see there).
    free_samples: String,
}

pub(crate) fn free_samples(t: &Tr) -> String {
    let samples: serde_json::Map<String, serde_json::Value> = [0, 1, 2, 3, 11, 20, 100, 101]
        .into_iter()
        .map(|n: i64| {
            let text = fl!(t, "staff-live-room-left", count = n);
            (n.to_string(), text.replace(&n.to_string(), "#").into())
        })
        .collect();
    serde_json::Value::Object(samples).to_string()
}

/// `GET /staff/rooms/{room_id}`: the screen at the room's door.
pub async fn show_door(
    State(state): State<AppState>,
    session: Session,
    AppPath(room_id): AppPath<String>,
) -> Result<Response, PageError> {
    let room_id = parse_id(&room_id).map_err(|e| session.page_error(e))?;
    let now = state.clock.now();
    let figures = checkin::occupancy(&state.db, &session.actor, room_id, now)
        .await
        .map_err(|e| session.page_error(e))?;
    let room = crate::service::directory::room(&state.db, room_id)
        .await
        .map_err(|e| session.page_error(e))?;
    let (name, office_id) = (room.room.name, room.office_id);
    let tz = crate::service::directory::tz(&state.db, office_id)
        .await
        .map_err(|e| session.page_error(e))?;
    let s = session.tr();
    Ok(DoorPage {
        t: s,
        free_samples: free_samples(s),
        room: room_now(room_id, name, figures),
        updated: crate::l10n::hhmm(now, tz),
        tz: tz.name().to_string(),
        here: format!("/staff/rooms/{room_id}?"),
    }
    .into_response())
}

/// The door-link form.
#[derive(Debug, serde::Deserialize)]
pub struct DoorLinkForm {
    csrf: String,
    /// `reset` (a new link, the old one stops) or `off`.
    #[serde(rename = "do")]
    action: String,
}

/// `POST /staff/rooms/{room_id}/door-link` (managers).
pub async fn set_door_link(
    State(state): State<AppState>,
    session: Session,
    AppPath(room_id): AppPath<String>,
    axum::Form(form): axum::Form<DoorLinkForm>,
) -> Result<Response, PageError> {
    session.verify(&form.csrf)?;
    let room_id = parse_id(&room_id).map_err(|e| session.page_error(e))?;
    let on = form.action != "off";
    crate::service::visit::door::set_door_link(
        &state.db,
        &session.actor,
        room_id,
        on,
        state.clock.now(),
    )
    .await
    .map_err(|e| session.page_error(e))?;
    let office_id = crate::service::directory::room(&state.db, room_id)
        .await
        .map_err(|e| session.page_error(e))?
        .office_id;
    Ok(axum::response::Redirect::to(&format!(
        "/staff/rooms?office={office_id}&lang={}&door={}#room-{room_id}",
        session.tr().code(),
        if on { "reset" } else { "off" }
    ))
    .into_response())
}
