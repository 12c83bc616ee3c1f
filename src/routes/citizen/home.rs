//! The home page: each office with what a citizen needs before booking (address and map,
//! contacts, this week's hours, closures ahead) and its services in the citizen's language.

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Query, State},
    http::HeaderMap,
    response::{IntoResponse, Response},
};

use super::{browse::finish, here};
use crate::{
    error::AppError,
    service::office::offices::{self, OfficeView},
    state::AppState,
    web::{PageError, Tr, fl, negotiate, page},
};

type Params = Query<HashMap<String, String>>;

#[derive(Template, WebTemplate)]
#[template(path = "citizen/home.html")]
struct HomePage {
    t: &'static Tr,
    here: String,
    offices: Vec<HomeOffice>,
    /// Citizens can log in (SPID, CIE): "My appointments" is offered.
    my: bool,
}

/// An office as the home page shows it: what a citizen needs before booking.
struct HomeOffice {
    id: i32,
    name: String,
    address: String,
    map_url: String,
    phone: Option<String>,
    tel: String,
    email: Option<String>,
    /// (weekday, its hours in words or empty when closed), Monday first.
    hours: Vec<(String, String)>,
    /// Closures in the next weeks, in words.
    closures: Vec<String>,
    services: Vec<HomeService>,
}

struct HomeService {
    id: i32,
    name: String,
    description: String,
    what_to_bring: String,
    duration_minutes: i32,
    video: bool,
}

/// A map of the address: OpenStreetMap's search, which needs no key and no coordinates.
fn map_url(address: &str) -> String {
    let query: String = form_urlencoded::byte_serialize(address.as_bytes()).collect();
    format!("https://www.openstreetmap.org/search?query={query}")
}

async fn home_office(
    state: &AppState,
    t: &'static Tr,
    o: OfficeView,
) -> Result<HomeOffice, AppError> {
    let facts = crate::service::directory::office(&state.db, o.id).await?;
    let today = crate::domain::schedule::local_date(facts.tz, state.clock.now());
    let hours = facts
        .week_hours(today)
        .into_iter()
        .map(|(date, ranges)| {
            let words = ranges
                .iter()
                .map(|(a, b)| {
                    t.time_range(
                        &a.format("%H:%M").to_string(),
                        &b.format("%H:%M").to_string(),
                    )
                })
                .collect::<Vec<_>>()
                .join(", ");
            (t.weekday(date), words)
        })
        .collect();
    let closures = facts
        .closures_ahead(today, 30)
        .into_iter()
        .map(|(from, to, reason)| {
            let days = if from == to {
                t.long_date(from)
            } else {
                fl!(
                    t,
                    "citizen-office-closed-range",
                    from = t.long_date(from),
                    to = t.long_date(to)
                )
            };
            if reason.trim().is_empty() {
                days
            } else {
                format!("{days}: {}", reason.trim())
            }
        })
        .collect();
    let services = o
        .services
        .iter()
        .map(|s| {
            let texts = s.in_language(t.code());
            HomeService {
                id: s.id,
                name: texts.name,
                description: texts.description,
                what_to_bring: texts.what_to_bring,
                duration_minutes: s.duration_minutes,
                video: s.channel == "video",
            }
        })
        .collect();
    Ok(HomeOffice {
        id: o.id,
        map_url: map_url(&o.address),
        tel: o
            .phone
            .as_deref()
            .map(crate::web::site::tel)
            .unwrap_or_default(),
        phone: o.phone,
        email: o.email,
        name: o.name,
        address: o.address,
        hours,
        closures,
        services,
    })
}

/// The home page: offices and their services.
pub async fn home(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(params): Params,
) -> Result<Response, PageError> {
    let lang = negotiate(params.get("lang").map(String::as_str), &headers);
    let t = Tr::of(lang);
    let mut offices = Vec::new();
    for o in offices::list_offices(&state.db).await.map_err(page(lang))? {
        offices.push(home_office(&state, t, o).await.map_err(page(lang))?);
    }
    let resp = HomePage {
        t,
        here: here("/"),
        offices,
        my: state
            .config
            .identity
            .for_audience(crate::config::Audience::Citizens)
            .next()
            .is_some(),
    }
    .into_response();
    Ok(finish(resp, &params, lang))
}
