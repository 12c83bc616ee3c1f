//! The manager's home: the offices, the office's settings, a new office (admins).

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    body::Bytes,
    extract::{Query, State},
    response::{IntoResponse, Response},
};
use serde::Deserialize;

use super::{Params, Sent, back, common, int, office_param, opt, opt_int};
use crate::{
    domain::Role,
    routes::staff::{Nav, Session},
    service::office::offices::{self, OfficeInput, OfficeView},
    state::AppState,
    web::{PageError, Tr, fl},
};

/// The fields of its form (absent ones empty: numbers are parsed with field errors).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct UpdateSettingsForm {
    no_show_email: String,
    office: String,
    phone: String,
    email: String,
}

/// The fields of its form (absent ones empty: numbers are parsed with field errors).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct CreateOfficeForm {
    address: String,
    arrival_margin_minutes: String,
    name: String,
    timezone: String,
    phone: String,
    email: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "staff/manage/home.html")]
struct HomePage {
    t: &'static Tr,
    nav: Nav,
    offices: Vec<OfficeView>,
    current: i32,
    admin: bool,
    saved: bool,
    no_show_email: bool,
    phone: String,
    email: String,
}

/// `GET /manage?office=`.
pub async fn home(
    State(state): State<AppState>,
    session: Session,
    Query(q): Params,
) -> Result<Response, PageError> {
    let c = common(&state, &session, office_param(&q), "/manage").await?;
    let admin = session.actor.role == Role::Admin;
    let offices: Vec<OfficeView> = offices::list_offices(&state.db)
        .await
        .map_err(|e| session.page_error(e))?
        .into_iter()
        .filter(|o| admin || o.id == c.office_id)
        .collect();
    let office = crate::service::directory::office(&state.db, c.office_id)
        .await
        .map_err(|e| session.page_error(e))?;
    let own = offices.iter().find(|o: &&OfficeView| o.id == c.office_id);
    let phone = own.and_then(|o| o.phone.clone()).unwrap_or_default();
    let email = own.and_then(|o| o.email.clone()).unwrap_or_default();
    Ok(HomePage {
        phone,
        email,
        no_show_email: office.no_show_email,
        t: c.t,
        nav: c.nav,
        offices,
        current: c.office_id,
        admin,
        saved: q.contains_key("saved"),
    }
    .into_response())
}

/// `POST /manage/settings`: the office's settings.
pub async fn update_settings(
    State(state): State<AppState>,
    session: Session,
    body: Bytes,
) -> Result<Response, PageError> {
    let f = Sent::<UpdateSettingsForm>::read(&body, &session)?;
    let err = |e| session.page_error(e);
    let office_id = int("office", &f.data.office).map_err(err)?;
    let input = offices::OfficeSettings {
        no_show_email: f.data.no_show_email.trim() == "yes",
        phone: Some(f.data.phone.clone()),
        email: Some(f.data.email.clone()),
    };
    offices::update_settings(
        &state.db,
        &session.actor,
        office_id,
        &input,
        state.clock.now(),
    )
    .await
    .map_err(err)?;
    Ok(back("/manage", office_id, &session))
}

/// `POST /manage/offices` (admins).
pub async fn create_office(
    State(state): State<AppState>,
    session: Session,
    body: Bytes,
) -> Result<Response, PageError> {
    let f = Sent::<CreateOfficeForm>::read(&body, &session)?;
    let input = OfficeInput {
        name: f.data.name.trim().to_string(),
        address: f.data.address.trim().to_string(),
        timezone: opt(&f.data.timezone),
        arrival_margin_minutes: opt_int("arrival_margin_minutes", &f.data.arrival_margin_minutes)
            .map_err(|e| session.page_error(e))?,
        no_show_email: None,
        phone: opt(&f.data.phone),
        email: opt(&f.data.email),
    };
    let made = offices::create_office(&state.db, &session.actor, &input, state.clock.now())
        .await
        .map_err(|e| session.page_error(e))?;
    Ok(back("/manage", made.id, &session))
}
