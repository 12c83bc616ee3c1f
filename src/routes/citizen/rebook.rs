//! The page of the "choose a new time" link sent after a manager's change: the current
//! appointment, a day picker and that day's free times; choosing one moves the booking.

use crate::service::directory::BookingFacts;
use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Form,
    extract::{Query, State},
    http::HeaderMap,
    response::{IntoResponse, Response},
};
use chrono::Duration;
use serde::Deserialize;

use super::here;
use crate::{
    domain::{Language, schedule},
    extract::AppPath,
    service::{booking::slots, changes::rebook},
    state::AppState,
    web::{Csrf, PageError, Tr, fl, negotiate, page},
};

#[derive(Template, WebTemplate)]
#[template(path = "citizen/move.html")]
struct MovePage {
    t: &'static Tr,
    here: String,
    csrf: String,
    token: String,
    reference: String,
    service_name: String,
    office_name: String,
    when: String,
    moved: bool,
    date: String,
    min_date: String,
    max_date: String,
    day_label: String,
    /// (value, label) of each free time.
    slots: Vec<(String, String)>,
    /// Persons of the booking: a day may have free times, none for a party this large.
    party_size: i32,
    /// The office's phone, for when no time fits.
    office_phone: Option<String>,
    /// After the move: the QR code, the same as before.
    qr_svg: Option<String>,
    /// After the move: the booking's page with its new manage token (the old link, in
    /// the tab the citizen came from, described the old time and no longer works).
    booking_url: Option<String>,
}

fn when(t: &Tr, b: &BookingFacts) -> String {
    t.date_time(b.start_at, b.tz)
}

/// `GET /m/{token}?date=`.
pub async fn show_move(
    State(state): State<AppState>,
    headers: HeaderMap,
    AppPath(token): AppPath<String>,
    Query(params): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let lang = negotiate(params.get("lang").map(String::as_str), &headers);
    let t = Tr::of(lang);
    let token =
        super::manage::clean_token(&token, "This link is not valid.").map_err(page(lang))?;
    let now = state.clock.now();
    let inv = rebook::invitation(&state.db, &state.config, &token, now)
        .await
        .map_err(page(lang))?;
    let (b, service) = (&inv.booking, &inv.service);
    let today = schedule::local_date(b.tz, now);
    let last = today + Duration::days(i64::from(service.horizon_days));
    let date = params
        .get("date")
        .and_then(|d| schedule::parse_date(d))
        .unwrap_or_else(|| schedule::local_date(b.tz, b.start_at))
        .clamp(today, last);
    let list = slots::list_slots(
        &state.db,
        b.view.office_id,
        b.view.service_id,
        date,
        date,
        now,
    )
    .await
    .map_err(page(lang))?;
    let own_start = b.view.start.clone();
    let free = list
        .slots
        .into_iter()
        .filter(|s| s.remaining >= b.view.party_size && s.start != own_start)
        .map(|s| {
            let label = s.start.get(11..16).unwrap_or_default().to_string();
            (s.start, label)
        })
        .collect();
    let csrf = Csrf::from_headers(&headers).map_err(page(lang))?;
    let mut resp = MovePage {
        t,
        here: here(&format!("/m/{token}?date={date}")),
        csrf: csrf.token.clone(),
        token,
        reference: b.view.reference.clone(),
        service_name: service.in_language(t.code()).name,
        office_name: b.office_name.clone(),
        when: when(t, b),
        moved: false,
        date: date.to_string(),
        min_date: today.to_string(),
        max_date: last.to_string(),
        day_label: t.long_date(date),
        slots: free,
        party_size: b.view.party_size,
        office_phone: b.office_phone.clone(),
        qr_svg: None,
        booking_url: None,
    }
    .into_response();
    csrf.apply(&mut resp);
    Ok(resp)
}

/// The chosen time.
#[derive(Debug, Deserialize)]
pub struct MoveForm {
    csrf: String,
    #[serde(default)]
    lang: String,
    #[serde(default)]
    start: String,
}

/// `POST /m/{token}`: moves the booking to the chosen time.
pub async fn do_move(
    State(state): State<AppState>,
    headers: HeaderMap,
    AppPath(token): AppPath<String>,
    Form(form): Form<MoveForm>,
) -> Result<Response, PageError> {
    let lang = Language::parse(&form.lang).unwrap_or_default();
    let t = Tr::of(lang);
    Csrf::verify(&headers, &form.csrf).map_err(page(lang))?;
    let token =
        super::manage::clean_token(&token, "This link is not valid.").map_err(page(lang))?;
    let now = state.clock.now();
    let moved = rebook::move_booking(&state.db, &state.config, &token, &form.start, now)
        .await
        .map_err(page(lang))?;
    state.metrics.place_taken("moved");
    let b = &moved.booking;
    let date = schedule::local_date(b.tz, b.start_at).to_string();
    Ok(MovePage {
        t,
        here: here("/"),
        csrf: String::new(),
        token,
        reference: b.view.reference.clone(),
        service_name: b.service_in(t.code()).name,
        office_name: b.office_name.clone(),
        when: when(t, b),
        moved: true,
        date: date.clone(),
        min_date: date.clone(),
        max_date: date,
        day_label: String::new(),
        slots: Vec::new(),
        party_size: b.view.party_size,
        office_phone: b.office_phone.clone(),
        qr_svg: super::manage::qr_svg(&b.view.checkin_url),
        booking_url: b
            .view
            .manage_token
            .as_ref()
            .map(|token| format!("/b/{}?token={token}&lang={}", b.view.reference, t.code())),
    }
    .into_response())
}
