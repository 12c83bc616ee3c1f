//! The booking page reached from the manage link: status, time, QR code, cancellation.

use crate::service::changes::cancel;
use crate::service::directory::BookingFacts;
use crate::service::status::BookingStatus;
use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Form,
    extract::{Query, State},
    http::HeaderMap,
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

use super::here;
use crate::{
    domain::Language,
    extract::AppPath,
    state::AppState,
    web::{Csrf, PageError, Tr, fl, negotiate, page},
};

#[derive(Template, WebTemplate)]
#[template(path = "citizen/booking.html")]
struct BookingPage {
    t: &'static Tr,
    here: String,
    just_booked: bool,
    reference: String,
    status: BookingStatus,
    status_text: String,
    when: String,
    office_name: String,
    office_address: String,
    service_name: String,
    party_size: i32,
    what_to_bring: String,
    meeting_url: Option<String>,
    qr_svg: Option<String>,
    manage_url: String,
    /// Opened from "My appointments": its link ends with the session, so the page
    /// points back there (and to the email) instead of offering its own link to keep.
    from_my: bool,
    cancel_url: String,
    /// Where the confirmation went.
    email: String,
    calendar_url: String,
    book_again_url: String,
    resent: bool,
    csrf: String,
    token: String,
}

/// The QR code of a check-in URL as inline SVG (no XML prolog, so it can sit in HTML).
pub fn qr_svg(url: &str) -> Option<String> {
    let code = qrcode::QrCode::new(url.as_bytes()).ok()?;
    let svg = code
        .render::<qrcode::render::svg::Color>()
        .min_dimensions(232, 232)
        .quiet_zone(true)
        .build();
    Some(match svg.find("<svg") {
        Some(i) => svg[i..].to_string(),
        None => svg,
    })
}

/// The appointment behind a check-in link (`/c/{token}`), as its citizen sees it: the QR
/// code to show, the time and place; no action (see `checkin::pass`).
#[derive(Template, WebTemplate)]
#[template(path = "citizen/pass.html")]
struct PassPage {
    t: &'static Tr,
    here: String,
    reference: String,
    status_text: String,
    active: bool,
    when: String,
    office_name: String,
    office_address: String,
    service_name: String,
    party_size: i32,
    what_to_bring: String,
    qr_svg: Option<String>,
    login_url: String,
}

/// `GET /b/{reference}/calendar.ics?token=`: the booking as a calendar file, named in the
/// page's language.
pub async fn calendar_file(
    State(state): State<AppState>,
    headers: HeaderMap,
    AppPath(reference): AppPath<String>,
    Query(params): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let lang = negotiate(params.get("lang").map(String::as_str), &headers);
    let t = Tr::of(lang);
    let token = clean_token(params.get("token").map_or("", |s| s.trim()), NO_BOOKING)
        .map_err(page(lang))?;
    let ics = cancel::calendar_file(
        &state.db,
        &state.config,
        &reference,
        &token,
        state.clock.now(),
    )
    .await
    .map_err(page(lang))?;
    let name = fl!(
        t,
        "citizen-calendar-file-name",
        reference = reference.as_str()
    )
    .replace(['\u{2068}', '\u{2069}', '"', '/', '\\'], "");
    let disposition = format!(
        "attachment; filename=\"{}.ics\"; filename*=UTF-8''{}.ics",
        name.chars()
            .filter(char::is_ascii_alphanumeric)
            .collect::<String>(),
        form_urlencoded::byte_serialize(name.as_bytes()).collect::<String>()
    );
    Ok((
        [
            (
                axum::http::header::CONTENT_TYPE,
                "text/calendar; charset=utf-8".to_string(),
            ),
            (axum::http::header::CONTENT_DISPOSITION, disposition),
        ],
        ics,
    )
        .into_response())
}

/// `GET /c/{token}` without a staff session.
pub async fn show_pass(
    state: &AppState,
    headers: &HeaderMap,
    token: &str,
    query_lang: Option<&str>,
) -> Result<Response, PageError> {
    let lang = negotiate(query_lang, headers);
    let t = Tr::of(lang);
    let l = crate::service::visit::checkin::pass(&state.db, token, &state.config.http.base_url)
        .await
        .map_err(page(lang))?;
    let path = format!(
        "/c/{}",
        l.view.checkin_url.rsplit('/').next().unwrap_or_default()
    );
    Ok(PassPage {
        t,
        here: here(&path),
        reference: l.view.reference.clone(),
        status_text: fl!(
            t,
            "citizen-status-label",
            status = l.view.status.to_string()
        ),
        active: l.view.status == BookingStatus::Confirmed,
        when: when(t, &l),
        office_name: l.office_name.clone(),
        office_address: l.office_address.clone(),
        service_name: l.service_in(lang.code()).name,
        party_size: l.view.party_size,
        what_to_bring: l.service_in(lang.code()).what_to_bring,
        qr_svg: qr_svg(&l.view.checkin_url),
        login_url: format!("/login?next={path}&lang={}", lang.code()),
    }
    .into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "citizen/booking_code.html")]
struct CodePage {
    t: &'static Tr,
    here: String,
    reference: String,
}

/// A secret token as it may appear in a URL (manage, waiting-list, offer, reconfirmation
/// links): tokens are URL-safe base64, so anything else (a newline, `&`, `#`) names
/// nothing and is never echoed into a link; `missing` says what was not found.
pub(super) fn clean_token(raw: &str, missing: &str) -> Result<String, crate::error::AppError> {
    let token = raw.trim();
    if !token.is_empty()
        && token.len() <= 64
        && token
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    {
        Ok(token.to_string())
    } else {
        Err(crate::error::AppError::not_found(missing))
    }
}

const NO_BOOKING: &str = "No booking matches this reference and token.";

async fn load(
    state: &AppState,
    reference: &str,
    token: &str,
) -> Result<BookingFacts, crate::error::AppError> {
    cancel::managed(
        &state.db,
        &state.config,
        reference,
        token,
        state.clock.now(),
    )
    .await
}

fn when(t: &Tr, l: &BookingFacts) -> String {
    t.date_time_range(l.start_at, l.end_at, l.tz)
}

/// The booking, for whoever holds its manage link.
pub async fn show_booking(
    State(state): State<AppState>,
    headers: HeaderMap,
    AppPath(reference): AppPath<String>,
    Query(params): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let lang = negotiate(params.get("lang").map(String::as_str), &headers);
    let t = Tr::of(lang);
    let raw_token = params.get("token").map_or("", |s| s.trim());
    if raw_token.is_empty() {
        // From a calendar event, which carries no secret: ask for it. The reference is
        // echoed only when it has a reference's shape, and says nothing of whether it
        // exists (a wrong code and an unknown reference look the same, 404).
        let reference = crate::domain::normalise_reference(&reference);
        if reference.len() > 16
            || !reference
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-')
        {
            return Err(page(lang)(crate::error::AppError::not_found(NO_BOOKING)));
        }
        return Ok(CodePage {
            t,
            here: here(&format!("/b/{reference}")),
            reference,
        }
        .into_response());
    }
    let token = clean_token(raw_token, NO_BOOKING).map_err(page(lang))?;
    let l = load(&state, &reference, &token).await.map_err(page(lang))?;
    let view = l.view.clone();
    let reference = view.reference.clone();
    let path = format!("/b/{reference}?token={token}");
    let active = BookingStatus::ACTIVE.contains(&l.view.status);
    let csrf = Csrf::from_headers(&headers).map_err(page(lang))?;
    let mut resp = BookingPage {
        t,
        here: here(&path),
        just_booked: params.contains_key("new"),
        status_text: fl!(
            t,
            "citizen-status-label",
            status = l.view.status.to_string()
        ),
        status: l.view.status,
        when: when(t, &l),
        office_name: l.office_name.clone(),
        office_address: l.office_address.clone(),
        service_name: l.service_in(lang.code()).name,
        party_size: l.view.party_size,
        what_to_bring: l.service_in(lang.code()).what_to_bring,
        meeting_url: view.meeting_url.clone(),
        qr_svg: active.then(|| qr_svg(&view.checkin_url)).flatten(),
        manage_url: format!("{}{path}&lang={}", state.config.http.base_url, t.code()),
        from_my: params.contains_key("my"),
        cancel_url: format!("/b/{reference}/cancel?token={token}&lang={}", t.code()),
        email: l.view.citizen.email.clone(),
        calendar_url: format!("/b/{reference}/calendar.ics?token={token}"),
        book_again_url: format!(
            "/book/{}/{}?lang={}",
            l.view.office_id,
            l.view.service_id,
            t.code()
        ),
        resent: params.contains_key("resent"),
        csrf: csrf.token.clone(),
        token: token.clone(),
        reference,
    }
    .into_response();
    csrf.apply(&mut resp);
    Ok(resp)
}

#[derive(Template, WebTemplate)]
#[template(path = "citizen/cancel.html")]
struct CancelPage {
    t: &'static Tr,
    here: String,
    csrf: String,
    token: String,
    reference: String,
    when: String,
    service_name: String,
    back_url: String,
}

/// "Cancel the booking?": a GET never changes anything.
pub async fn confirm_cancel(
    State(state): State<AppState>,
    headers: HeaderMap,
    AppPath(reference): AppPath<String>,
    Query(params): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let lang = negotiate(params.get("lang").map(String::as_str), &headers);
    let t = Tr::of(lang);
    let token = clean_token(
        params.get("token").map(String::as_str).unwrap_or_default(),
        NO_BOOKING,
    )
    .map_err(page(lang))?;
    let l = load(&state, &reference, &token).await.map_err(page(lang))?;
    let reference = l.view.reference.clone();
    let back_url = format!("/b/{reference}?token={token}&lang={}", t.code());
    if l.view.status != BookingStatus::Confirmed {
        return Ok(Redirect::to(&back_url).into_response());
    }
    let csrf = Csrf::from_headers(&headers).map_err(page(lang))?;
    let mut resp = CancelPage {
        t,
        here: here(&format!("/b/{reference}/cancel?token={token}")),
        csrf: csrf.token.clone(),
        token,
        when: when(t, &l),
        service_name: l.service_in(lang.code()).name,
        reference,
        back_url,
    }
    .into_response();
    csrf.apply(&mut resp);
    Ok(resp)
}

/// The cancel form.
#[derive(Debug, Deserialize)]
pub struct CancelForm {
    csrf: String,
    #[serde(default)]
    lang: String,
    token: String,
}

/// Cancels and shows the booking again, now cancelled.
pub async fn cancel_booking(
    State(state): State<AppState>,
    headers: HeaderMap,
    AppPath(reference): AppPath<String>,
    Form(form): Form<CancelForm>,
) -> Result<Response, PageError> {
    let lang = Language::parse(&form.lang).unwrap_or_default();
    Csrf::verify(&headers, &form.csrf).map_err(page(lang))?;
    let token = clean_token(&form.token, NO_BOOKING).map_err(page(lang))?;
    let now = state.clock.now();
    let view = cancel::cancel_booking(&state.db, &state.config, &reference, &token, now)
        .await
        .map_err(page(lang))?;
    Ok(Redirect::to(&format!(
        "/b/{}?token={token}&lang={}",
        view.reference,
        lang.code()
    ))
    .into_response())
}

/// "Send the email again": queues the confirmation once more (rate-limited).
pub async fn resend_confirmation(
    State(state): State<AppState>,
    headers: HeaderMap,
    AppPath(reference): AppPath<String>,
    Form(form): Form<CancelForm>,
) -> Result<Response, PageError> {
    let lang = Language::parse(&form.lang).unwrap_or_default();
    Csrf::verify(&headers, &form.csrf).map_err(page(lang))?;
    let token = clean_token(&form.token, NO_BOOKING).map_err(page(lang))?;
    let now = state.clock.now();
    cancel::resend_confirmation(&state.db, &state.config, &reference, &token, now)
        .await
        .map_err(page(lang))?;
    Ok(Redirect::to(&format!(
        "/b/{}?token={token}&lang={}&resent=1",
        crate::domain::normalise_reference(&reference),
        lang.code()
    ))
    .into_response())
}

/// "Change time" on the booking's page: the move flow, for the citizen themselves.
pub async fn change_time(
    State(state): State<AppState>,
    headers: HeaderMap,
    AppPath(reference): AppPath<String>,
    Form(form): Form<CancelForm>,
) -> Result<Response, PageError> {
    let lang = Language::parse(&form.lang).unwrap_or_default();
    Csrf::verify(&headers, &form.csrf).map_err(page(lang))?;
    let token = clean_token(&form.token, NO_BOOKING).map_err(page(lang))?;
    let invite = crate::service::changes::rebook::invite_self(
        &state.db,
        &reference,
        &token,
        state.clock.now(),
    )
    .await
    .map_err(page(lang))?;
    Ok(Redirect::to(&format!("/m/{invite}?lang={}", lang.code())).into_response())
}
