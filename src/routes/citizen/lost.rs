//! "I lost my link": the citizen types the address they booked with and gets the links
//! of their upcoming bookings by email. The page after says the same whatever happened.

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
    error::AppError,
    service::changes::lost,
    state::AppState,
    web::{Csrf, PageError, Tr, field_error, fl, negotiate, page, remember_lang},
};

#[derive(Template, WebTemplate)]
#[template(path = "citizen/lost.html")]
struct LostPage {
    t: &'static Tr,
    here: String,
    csrf: String,
    email: String,
    error: Option<String>,
    sent: bool,
}

/// `GET /lost`: the form, or (`?asked=1`) what happens next.
pub async fn show(
    headers: HeaderMap,
    Query(params): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let lang = negotiate(params.get("lang").map(String::as_str), &headers);
    let csrf = Csrf::from_headers(&headers).map_err(page(lang))?;
    let mut resp = LostPage {
        t: Tr::of(lang),
        here: here("/lost"),
        csrf: csrf.token.clone(),
        email: String::new(),
        error: None,
        sent: params.contains_key("asked"),
    }
    .into_response();
    csrf.apply(&mut resp);
    if params.contains_key("lang") {
        remember_lang(&mut resp, lang);
    }
    Ok(resp)
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LostForm {
    csrf: String,
    lang: String,
    email: String,
}

/// `POST /lost` (rate-limited with the other public writes).
pub async fn send(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<LostForm>,
) -> Result<Response, PageError> {
    let lang = Language::parse(&form.lang).unwrap_or_default();
    Csrf::verify(&headers, &form.csrf).map_err(page(lang))?;
    let t = Tr::of(lang);
    match lost::send_links(
        &state.db,
        &state.config,
        &form.email,
        lang,
        state.clock.now(),
    )
    .await
    {
        Ok(()) => Ok(Redirect::to(&format!("/lost?asked=1&lang={}", lang.code())).into_response()),
        Err(AppError::Validation(errors)) => {
            let error = errors.first().map(|e| field_error(t, e).1);
            Ok((
                axum::http::StatusCode::UNPROCESSABLE_ENTITY,
                LostPage {
                    t,
                    here: here("/lost"),
                    csrf: form.csrf.clone(),
                    email: form.email.trim().to_string(),
                    error,
                    sent: false,
                },
            )
                .into_response())
        }
        Err(e) => Err(PageError { error: e, lang }),
    }
}
