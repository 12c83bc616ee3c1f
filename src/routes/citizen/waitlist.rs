//! The waiting-list pages: joining from a service's calendar, the entry with its "leave"
//! button (reached from the email), and the offer page with "accept".

use crate::service::directory::BookingFacts;
use crate::service::status::{BookingStatus, EntryStatus, OfferStatus};
use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Form,
    extract::{Query, State},
    http::HeaderMap,
    response::{IntoResponse, Redirect, Response},
};
use chrono::{DateTime, Duration};
use serde::Deserialize;

use super::here;
use crate::{
    domain::{FieldError, Language},
    error::AppError,
    extract::AppPath,
    extract::parse_id,
    service::{
        booking::view::CitizenInput,
        waitlist::{
            accept,
            entries::{self, JoinRequest},
        },
    },
    state::AppState,
    web::{Csrf, PageError, Tr, fl, negotiate, page},
};

#[derive(Template, WebTemplate)]
#[template(path = "citizen/waitlist_join.html")]
struct JoinPage {
    t: &'static Tr,
    here: String,
    csrf: String,
    office_id: i32,
    service_id: i32,
    service_name: String,
    office_name: String,
    date_from: String,
    date_to: String,
}

/// `GET /waitlist/{office}/{service}?date=`: the form.
pub async fn show_join(
    State(state): State<AppState>,
    headers: HeaderMap,
    AppPath((office_id, service_id)): AppPath<(String, String)>,
    Query(params): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let lang = negotiate(params.get("lang").map(String::as_str), &headers);
    let t = Tr::of(lang);
    let (office_id, service_id) = (
        parse_id(&office_id).map_err(page(lang))?,
        parse_id(&service_id).map_err(page(lang))?,
    );
    let setup = crate::service::directory::office(&state.db, office_id)
        .await
        .map_err(page(lang))?;
    let service = setup.service(service_id).map_err(page(lang))?.clone();
    let today = crate::domain::schedule::local_date(setup.tz, state.clock.now());
    let last = today + Duration::days(i64::from(service.horizon_days));
    let from = params
        .get("date")
        .and_then(|d| crate::domain::schedule::parse_date(d))
        .filter(|d| *d >= today && *d <= last)
        .unwrap_or(today);
    let to = (from + Duration::days(7)).min(last);
    let csrf = Csrf::from_headers(&headers).map_err(page(lang))?;
    let path = format!("/waitlist/join/{office_id}/{service_id}?date={from}");
    let mut resp = JoinPage {
        t,
        here: here(&path),
        csrf: csrf.token.clone(),
        office_id,
        service_id,
        service_name: service.in_language(t.code()).name,
        office_name: setup.name.clone(),
        date_from: from.to_string(),
        date_to: to.to_string(),
    }
    .into_response();
    csrf.apply(&mut resp);
    Ok(resp)
}

/// The join form.
#[derive(Debug, Deserialize)]
pub struct JoinForm {
    csrf: String,
    #[serde(default)]
    lang: String,
    office_id: i32,
    service_id: i32,
    #[serde(default)]
    party_size: Option<i64>,
    name: String,
    email: String,
    date_from: String,
    date_to: String,
    #[serde(default)]
    consent: Option<String>,
}

/// `POST /waitlist`.
pub async fn join(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<JoinForm>,
) -> Result<Response, PageError> {
    let lang = Language::parse(&form.lang).unwrap_or_default();
    Csrf::verify(&headers, &form.csrf).map_err(page(lang))?;
    if form.consent.as_deref() != Some("yes") {
        return Err(PageError {
            error: AppError::Validation(vec![FieldError::new(
                "consent",
                fl!(Tr::of(lang), "citizen-consent-error"),
            )]),
            lang,
        });
    }
    let input = JoinRequest {
        office_id: form.office_id,
        service_id: form.service_id,
        party_size: form.party_size.unwrap_or(1),
        citizen: CitizenInput {
            name: form.name,
            email: form.email,
            phone: None,
        },
        date_from: form.date_from,
        date_to: form.date_to,
        language: Some(lang.code().into()),
    };
    let entry = entries::join(&state.db, &state.config, &input, state.clock.now())
        .await
        .map_err(page(lang))?;
    let token = entry.token.unwrap_or_default();
    Ok(Redirect::to(&format!(
        "/waitlist/{}?token={token}&joined=1&lang={}",
        entry.id,
        lang.code()
    ))
    .into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "citizen/waitlist_entry.html")]
struct EntryPage {
    t: &'static Tr,
    here: String,
    csrf: String,
    id: i32,
    token: String,
    status: EntryStatus,
    date_from: String,
    date_to: String,
    joined: bool,
}

fn clean(raw: &str) -> Result<String, AppError> {
    super::manage::clean_token(raw, "There is no such link.")
}

/// `GET /waitlist/{id}?token=`: the entry, with "leave".
pub async fn show_entry(
    State(state): State<AppState>,
    headers: HeaderMap,
    AppPath(id): AppPath<String>,
    Query(params): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let lang = negotiate(params.get("lang").map(String::as_str), &headers);
    let t = Tr::of(lang);
    let id = parse_id(&id).map_err(page(lang))?;
    let token = clean(params.get("token").map_or("", String::as_str)).map_err(page(lang))?;
    let entry = entries::find(&state.db, id, &token)
        .await
        .map_err(page(lang))?;
    let csrf = Csrf::from_headers(&headers).map_err(page(lang))?;
    let mut resp = EntryPage {
        t,
        here: here(&format!("/waitlist/{id}?token={token}")),
        csrf: csrf.token.clone(),
        id,
        token,
        status: entry.status,
        date_from: entry.date_from,
        date_to: entry.date_to,
        joined: params.contains_key("joined"),
    }
    .into_response();
    csrf.apply(&mut resp);
    Ok(resp)
}

/// The leave form.
#[derive(Debug, Deserialize)]
pub struct LeaveForm {
    csrf: String,
    #[serde(default)]
    lang: String,
    token: String,
}

/// `POST /waitlist/{id}/leave`.
pub async fn leave(
    State(state): State<AppState>,
    headers: HeaderMap,
    AppPath(id): AppPath<String>,
    Form(form): Form<LeaveForm>,
) -> Result<Response, PageError> {
    let lang = Language::parse(&form.lang).unwrap_or_default();
    Csrf::verify(&headers, &form.csrf).map_err(page(lang))?;
    let id = parse_id(&id).map_err(page(lang))?;
    let token = clean(&form.token).map_err(page(lang))?;
    entries::leave(&state.db, id, &token)
        .await
        .map_err(page(lang))?;
    Ok(Redirect::to(&format!(
        "/waitlist/{id}?token={token}&lang={}",
        lang.code()
    ))
    .into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "citizen/offer.html")]
struct OfferPage {
    t: &'static Tr,
    here: String,
    csrf: String,
    token: String,
    status: OfferStatus,
    when: String,
    until: String,
    service_name: String,
    office_name: String,
}

/// `GET /w/{token}`: a waiting-list offer.
pub async fn show_offer(
    State(state): State<AppState>,
    headers: HeaderMap,
    AppPath(token): AppPath<String>,
    Query(params): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let lang = negotiate(params.get("lang").map(String::as_str), &headers);
    let t = Tr::of(lang);
    let token = clean(&token).map_err(page(lang))?;
    let offer = accept::offer(&state.db, &token, state.clock.now())
        .await
        .map_err(page(lang))?;
    let setup = crate::service::directory::office(&state.db, offer.office_id)
        .await
        .map_err(page(lang))?;
    let service_name = setup
        .service(offer.service_id)
        .map(|s| s.in_language(t.code()).name)
        .unwrap_or_default();
    let start = DateTime::parse_from_rfc3339(&offer.start)
        .map_err(|e| page(lang)(AppError::Internal(e.into())))?;
    let until = DateTime::parse_from_rfc3339(&offer.expires_at)
        .map_err(|e| page(lang)(AppError::Internal(e.into())))?;
    let csrf = Csrf::from_headers(&headers).map_err(page(lang))?;
    let mut resp = OfferPage {
        t,
        here: here(&format!("/w/{token}")),
        csrf: csrf.token.clone(),
        token,
        status: offer.status,
        when: t.date_time(start.to_utc(), setup.tz),
        until: until.format("%H:%M").to_string(),
        service_name,
        office_name: setup.name.clone(),
    }
    .into_response();
    csrf.apply(&mut resp);
    Ok(resp)
}

/// The accept form.
#[derive(Debug, Deserialize)]
pub struct AcceptForm {
    csrf: String,
    #[serde(default)]
    lang: String,
}

/// `POST /w/{token}`: accepts; the booking page follows, or a page saying it is gone.
pub async fn accept_offer(
    State(state): State<AppState>,
    headers: HeaderMap,
    AppPath(token): AppPath<String>,
    Form(form): Form<AcceptForm>,
) -> Result<Response, PageError> {
    let lang = Language::parse(&form.lang).unwrap_or_default();
    Csrf::verify(&headers, &form.csrf).map_err(page(lang))?;
    let token = clean(&token).map_err(page(lang))?;
    let booking = accept::accept(&state.db, &state.config, &token, state.clock.now())
        .await
        .map_err(page(lang))?;
    state.metrics.place_taken("waitlist_offer");
    Ok(Redirect::to(&format!(
        "/b/{}?token={}&new=1&lang={}",
        booking.reference,
        booking.manage_token.unwrap_or_default(),
        lang.code()
    ))
    .into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "citizen/reconfirm.html")]
struct ReconfirmPage {
    t: &'static Tr,
    here: String,
    csrf: String,
    token: String,
    reference: String,
    when: String,
    service_name: String,
    status: BookingStatus,
    reconfirmed: bool,
}

async fn reconfirm_page(
    _state: &AppState,
    headers: &HeaderMap,
    lang: Language,
    token: String,
    row: BookingFacts,
) -> Result<Response, PageError> {
    let t = Tr::of(lang);
    let csrf = Csrf::from_headers(headers).map_err(page(lang))?;
    let mut resp = ReconfirmPage {
        t,
        here: here(&format!("/r/{token}")),
        csrf: csrf.token.clone(),
        token,
        reference: row.view.reference.clone(),
        when: t.date_time(row.start_at, row.tz),
        service_name: row.service_name.clone(),
        status: row.view.status,
        reconfirmed: row.reconfirmed,
    }
    .into_response();
    csrf.apply(&mut resp);
    Ok(resp)
}

/// `GET /r/{token}`: the reconfirmation link of the email.
pub async fn show_reconfirm(
    State(state): State<AppState>,
    headers: HeaderMap,
    AppPath(token): AppPath<String>,
    Query(params): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let lang = negotiate(params.get("lang").map(String::as_str), &headers);
    let token = clean(&token).map_err(page(lang))?;
    let row = crate::service::visit::reconfirm::find(&state.db, &state.config, &token)
        .await
        .map_err(page(lang))?;
    reconfirm_page(&state, &headers, lang, token, row).await
}

/// `POST /r/{token}`: "I confirm I am coming".
pub async fn reconfirm(
    State(state): State<AppState>,
    headers: HeaderMap,
    AppPath(token): AppPath<String>,
    Form(form): Form<AcceptForm>,
) -> Result<Response, PageError> {
    let lang = Language::parse(&form.lang).unwrap_or_default();
    Csrf::verify(&headers, &form.csrf).map_err(page(lang))?;
    let token = clean(&token).map_err(page(lang))?;
    let row = crate::service::visit::reconfirm::reconfirm(
        &state.db,
        &state.config,
        &token,
        state.clock.now(),
    )
    .await
    .map_err(page(lang))?;
    reconfirm_page(&state, &headers, lang, token, row).await
}
