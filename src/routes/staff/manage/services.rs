//! Services and the counters that offer them.

use crate::service::office::rooms::RoomView;
use askama::Template;
use askama_web::WebTemplate;
use axum::{
    body::Bytes,
    extract::{Query, State},
    response::{IntoResponse, Response},
};
use serde::Deserialize;

use super::{Params, Sent, back, common, int, office_param, opt, opt_int, setup_of};
use crate::{
    error::AppError,
    extract::{AppPath, parse_id},
    routes::staff::{Nav, Session},
    service::office::{
        counters::{self, CounterInput},
        services::{self, ServiceInput, ServiceView},
    },
    state::AppState,
    web::{PageError, Tr, fl},
};

/// The fields of its form (absent ones empty: numbers are parsed with field errors).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct CreateServiceForm {
    office: String,
    #[serde(flatten)]
    service: ServiceFields,
}

/// The fields of its form (absent ones empty: numbers are parsed with field errors).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct UpdateServiceForm {
    #[serde(flatten)]
    service: ServiceFields,
}

/// The fields of its form (absent ones empty: numbers are parsed with field errors).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct CreateCounterForm {
    name: String,
    room: String,
    service: Vec<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "staff/manage/services.html")]
struct ServicesPage {
    t: &'static Tr,
    nav: Nav,
    office_id: i32,
    services: Vec<ServiceView>,
    rooms: Vec<RoomView>,
    /// (counter name, room name, names of the services offered)
    counters: Vec<(String, String, String)>,
    saved: bool,
    /// Citizens can log in (SPID, CIE): "only with login" is offered.
    login_available: bool,
}

/// `GET /manage/services?office=`.
pub async fn show_services(
    State(state): State<AppState>,
    session: Session,
    Query(q): Params,
) -> Result<Response, PageError> {
    let c = common(&state, &session, office_param(&q), "/manage/services").await?;
    let setup = setup_of(&state, &session, c.office_id).await?;
    let rooms = crate::service::directory::rooms(&state.db, c.office_id)
        .await
        .map_err(|e| session.page_error(e))?;
    let counters = setup
        .counters
        .iter()
        .map(|counter| {
            let room = rooms
                .iter()
                .find(|r| r.id == counter.room_id)
                .map(|r| r.name.clone())
                .unwrap_or_default();
            let names: Vec<String> = setup
                .services
                .iter()
                .filter(|s| counter.service_ids.contains(&s.id))
                .map(|s| s.name.clone())
                .collect();
            (counter.name.clone(), room, names.join(", "))
        })
        .collect();
    Ok(ServicesPage {
        t: c.t,
        office_id: c.office_id,
        nav: c.nav,
        services: setup.services.clone(),
        rooms,
        counters,
        login_available: state
            .config
            .identity
            .for_audience(crate::config::Audience::Citizens)
            .next()
            .is_some(),
        saved: q.contains_key("saved"),
    }
    .into_response())
}

/// The fields of a service, in the forms that create and edit one.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ServiceFields {
    channel: String,
    duration_minutes: String,
    horizon_days: String,
    max_active_per_citizen: String,
    min_notice_minutes: String,
    name: String,
    no_show_grace_minutes: String,
    reconfirm_days: String,
    what_to_bring: String,
    description: String,
    /// The checkbox: `yes` when ticked (absent when not).
    login_required: String,
    /// The other languages' texts: `text_<lang>_<name|description|what_to_bring>`.
    #[serde(flatten)]
    other: std::collections::BTreeMap<String, String>,
}

/// The texts of the other languages, from the form's `text_<lang>_<field>` fields.
fn texts_from(f: &ServiceFields) -> services::ServiceTexts {
    crate::domain::Language::all()
        .filter(|l| l.code() != "it")
        .map(|l| {
            let field = |name: &str| {
                f.other
                    .get(&format!("text_{}_{name}", l.code()))
                    .map(|v| v.trim().to_string())
                    .unwrap_or_default()
            };
            (
                l.code().to_string(),
                services::ServiceText {
                    name: field("name"),
                    description: field("description"),
                    what_to_bring: field("what_to_bring"),
                },
            )
        })
        .collect()
}

fn service_input(f: &ServiceFields) -> Result<ServiceInput, AppError> {
    Ok(ServiceInput {
        name: f.name.trim().to_string(),
        duration_minutes: int("duration_minutes", &f.duration_minutes)?,
        horizon_days: int("horizon_days", &f.horizon_days)?,
        min_notice_minutes: int("min_notice_minutes", &f.min_notice_minutes)?,
        no_show_grace_minutes: int("no_show_grace_minutes", &f.no_show_grace_minutes)?,
        max_active_per_citizen: opt_int("max_active_per_citizen", &f.max_active_per_citizen)?,
        channel: opt(&f.channel),
        what_to_bring: opt(&f.what_to_bring),
        reconfirm_days: opt_int("reconfirm_days", &f.reconfirm_days)?,
        description: Some(f.description.trim().to_string()),
        texts: Some(texts_from(f)),
        login_required: Some(f.login_required == "yes"),
    })
}

/// `POST /manage/services`.
pub async fn create_service(
    State(state): State<AppState>,
    session: Session,
    body: Bytes,
) -> Result<Response, PageError> {
    let f = Sent::<CreateServiceForm>::read(&body, &session)?;
    let err = |e| session.page_error(e);
    let office_id = int("office", &f.data.office).map_err(err)?;
    let input = service_input(&f.data.service).map_err(err)?;
    crate::routes::shared::check_login_required(&state, &input).map_err(err)?;
    services::create_service(
        &state.db,
        &session.actor,
        office_id,
        &input,
        state.clock.now(),
    )
    .await
    .map_err(err)?;
    Ok(back("/manage/services", office_id, &session))
}

/// `POST /manage/services/{id}`: changes a service.
pub async fn update_service(
    State(state): State<AppState>,
    session: Session,
    AppPath(service_id): AppPath<String>,
    body: Bytes,
) -> Result<Response, PageError> {
    let f = Sent::<UpdateServiceForm>::read(&body, &session)?;
    let err = |e| session.page_error(e);
    let service_id = parse_id(&service_id).map_err(err)?;
    let input = service_input(&f.data.service).map_err(err)?;
    crate::routes::shared::check_login_required(&state, &input).map_err(err)?;
    let saved = services::update_service(
        &state.db,
        &session.actor,
        service_id,
        &input,
        state.clock.now(),
    )
    .await
    .map_err(err)?;
    Ok(back("/manage/services", saved.office_id, &session))
}

/// `POST /manage/counters`.
pub async fn create_counter(
    State(state): State<AppState>,
    session: Session,
    body: Bytes,
) -> Result<Response, PageError> {
    let f = Sent::<CreateCounterForm>::read(&body, &session)?;
    let err = |e| session.page_error(e);
    let room_id = int("room", &f.data.room).map_err(err)?;
    let input = CounterInput {
        name: f.data.name.trim().to_string(),
        service_ids: f
            .data
            .service
            .iter()
            .filter_map(|s| s.parse().ok())
            .collect(),
    };
    let made = counters::create_counter(
        &state.db,
        &session.actor,
        room_id,
        &input,
        state.clock.now(),
    )
    .await
    .map_err(err)?;
    Ok(back("/manage/services", made.office_id, &session))
}
