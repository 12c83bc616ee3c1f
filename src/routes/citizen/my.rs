//! "My appointments" (`/my`): a citizen logged in with SPID or CIE sees their bookings in
//! every office, upcoming and past, and opens one to cancel it or change its time.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Form,
    extract::{Query, State},
    http::HeaderMap,
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

use super::{
    here,
    identity::{citizen, citizen_providers},
};
use crate::{
    domain::Language,
    service::{directory::BookingFacts, identity::citizens, status::BookingStatus},
    state::AppState,
    web::{Csrf, PageError, Tr, fl, negotiate, page},
};

/// One booking as the list shows it.
struct Row {
    reference: String,
    service: String,
    office: String,
    when: String,
    status: String,
    /// Confirmed and ahead: it can be cancelled or moved.
    open: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "citizen/my.html")]
struct MyPage {
    t: &'static Tr,
    here: String,
    csrf: String,
    /// (name, fiscal code) when logged in.
    who: Option<(String, String)>,
    providers: Vec<(String, String)>,
    upcoming: Vec<Row>,
    past: Vec<Row>,
}

fn row(t: &Tr, f: &BookingFacts) -> Row {
    Row {
        reference: f.view.reference.clone(),
        service: f.service_in(t.code()).name,
        office: f.office_name.clone(),
        when: t.date_time(f.start_at, f.tz),
        status: fl!(
            t,
            "citizen-status-label",
            status = f.view.status.to_string()
        ),
        open: f.view.status == BookingStatus::Confirmed,
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct MyQuery {
    lang: Option<String>,
}

/// `GET /my`: the list, or the login buttons.
pub async fn show_my(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<MyQuery>,
) -> Result<Response, PageError> {
    let lang = negotiate(q.lang.as_deref(), &headers);
    let t = Tr::of(lang);
    let csrf = Csrf::from_headers(&headers).map_err(page(lang))?;
    let who = citizen(&state, &headers).await.map_err(page(lang))?;
    let (upcoming, past) = match &who {
        Some(c) => citizens::bookings(&state.db, &state.config, c, state.clock.now())
            .await
            .map_err(page(lang))?,
        None => (Vec::new(), Vec::new()),
    };
    let mut resp = MyPage {
        t,
        here: here("/my"),
        csrf: csrf.token.clone(),
        who: who.map(|c| (c.name, c.fiscal_code)),
        providers: citizen_providers(&state, lang),
        upcoming: upcoming.iter().map(|f| row(t, f)).collect(),
        past: past.iter().map(|f| row(t, f)).collect(),
    }
    .into_response();
    csrf.apply(&mut resp);
    Ok(resp)
}

/// A button of the list.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct OpenForm {
    csrf: String,
    lang: String,
    reference: String,
    /// `cancel` for the cancel page; otherwise the booking's page.
    to: String,
}

/// `POST /my/open`: the booking's own page (or its cancel page) by a fresh link.
pub async fn open_booking(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<OpenForm>,
) -> Result<Response, PageError> {
    let lang = Language::parse(&form.lang).unwrap_or_else(|_| negotiate(None, &headers));
    Csrf::verify(&headers, &form.csrf).map_err(page(lang))?;
    let Some(who) = citizen(&state, &headers).await.map_err(page(lang))? else {
        // The session ended (an hour passed, or logout in another tab): the list
        // explains and offers the login again.
        return Ok(Redirect::to(&format!("/my?lang={}", lang.code())).into_response());
    };
    let token = citizens::open_booking(&state.db, &who, &form.reference)
        .await
        .map_err(page(lang))?;
    let reference = crate::domain::normalise_reference(&form.reference);
    let to = if form.to == "cancel" {
        format!("/b/{reference}/cancel?token={token}&lang={}", lang.code())
    } else {
        format!("/b/{reference}?token={token}&lang={}&my=1", lang.code())
    };
    Ok(Redirect::to(&to).into_response())
}
