//! Taking a hold on the chosen time, the details form, and the booking itself.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Form,
    extract::State,
    http::HeaderMap,
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

use super::{
    browse, here,
    identity::{citizen, citizen_providers},
};
use crate::{
    domain::{FieldError, Language},
    error::{AppError, ConflictKind},
    extract::{AppPath, Client},
    service::booking::{
        book::{self, BookingOutcome},
        hold::{self, HeldPlace},
        placement,
        view::{self, BookingRequest, CitizenInput, HoldRequest},
    },
    service::identity::citizens::Citizen,
    state::AppState,
    web::{Csrf, PageError, Tr, fl, page},
};

fn lang_of(raw: &str) -> Language {
    Language::parse(raw).unwrap_or_default()
}

/// The day page's form.
#[derive(Debug, Deserialize)]
pub struct HoldForm {
    csrf: String,
    #[serde(default)]
    lang: String,
    office_id: i32,
    service_id: i32,
    start: String,
    party_size: i64,
}

/// Takes a hold on the chosen time and moves on to the details; a time taken in the
/// meantime shows the nearest free ones instead of an error.
pub async fn create_hold(
    State(state): State<AppState>,
    Client(client): Client,
    headers: HeaderMap,
    Form(form): Form<HoldForm>,
) -> Result<Response, PageError> {
    let lang = lang_of(&form.lang);
    Csrf::verify(&headers, &form.csrf).map_err(page(lang))?;
    let input = HoldRequest {
        office_id: form.office_id,
        service_id: form.service_id,
        start: form.start.clone(),
        party_size: form.party_size,
    };
    // The CSRF cookie, just checked equal to the form's token, stands for the browser.
    let owner = hold::HoldOwner::new(client, Some(&form.csrf));
    match hold::create_hold(&state.db, &state.config, &input, &owner, state.clock.now()).await {
        Ok(hold) => Ok(Redirect::to(&format!(
            "/book/details/{}?lang={}",
            hold.hold_id,
            lang.code()
        ))
        .into_response()),
        Err(AppError::Conflict { .. }) => {
            let wanted = placement::parse_instant("start", &form.start)
                .map_err(|e| AppError::Validation(vec![e]))
                .map_err(page(lang))?;
            let setup = crate::service::directory::office(&state.db, form.office_id)
                .await
                .map_err(page(lang))?;
            let date = crate::domain::schedule::local_date(setup.tz, wanted);
            let day = browse::day_page(
                &state,
                lang,
                form.office_id,
                form.service_id,
                date,
                Some(wanted),
                &form.csrf,
            )
            .await
            .map_err(page(lang))?;
            Ok((axum::http::StatusCode::CONFLICT, day).into_response())
        }
        Err(e) => Err(page(lang)(e)),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "citizen/details.html")]
struct DetailsPage {
    t: &'static Tr,
    here: String,
    csrf: String,
    hold_id: String,
    service_name: String,
    office_name: String,
    office_address: String,
    when: String,
    party_size: i32,
    held_until: String,
    name: String,
    email: String,
    phone: String,
    /// (the field's id on the page, its label, what it expects)
    errors: Vec<(String, String, String)>,
    error_name: Option<String>,
    error_email: Option<String>,
    error_phone: Option<String>,
    error_consent: Option<String>,
    /// The logged-in citizen's (name, fiscal code); the name and email fields are then
    /// the provider's and read-only.
    identity: Option<(String, String)>,
    email_locked: bool,
    /// The citizens' login buttons (name, label) and where they come back to.
    providers: Vec<(String, String)>,
    login_return: String,
    /// The service may be booked only logged in.
    login_required: bool,
    /// The day's times again, to choose another (the hold lapses or is replaced).
    day_url: String,
}

fn when(t: &Tr, held: &HeldPlace) -> String {
    t.date_time(held.start, held.setup.tz)
}

/// Who is booking: the logged-in citizen, if any, and the buttons to log in.
struct Who {
    citizen: Option<Citizen>,
    providers: Vec<(String, String)>,
}

async fn who(state: &AppState, headers: &HeaderMap, lang: Language) -> Result<Who, AppError> {
    Ok(Who {
        citizen: citizen(state, headers).await?,
        providers: citizen_providers(state, lang),
    })
}

fn details_page(
    t: &'static Tr,
    held: &HeldPlace,
    csrf: &str,
    form: Option<&ConfirmForm>,
    errors: Vec<FieldError>,
    who: &Who,
) -> DetailsPage {
    // The fields are the API's (`citizen.email`); the page's ids are the form's (`email`).
    let mut errors: Vec<(String, String, String)> = errors
        .iter()
        .map(|e| {
            let (label, reason) = crate::web::field_error(t, e);
            let id = e.field.trim_start_matches("citizen.").to_string();
            (id, label, reason)
        })
        .collect();
    // The summary lists the fields in the form's order, as a reader meets them.
    let order = |id: &str| {
        ["name", "email", "phone", "consent"]
            .iter()
            .position(|f| *f == id)
            .unwrap_or(usize::MAX)
    };
    errors.sort_by_key(|e| order(&e.0));
    let pick = |field: &str| errors.iter().find(|e| e.0 == field).map(|e| e.2.clone());
    DetailsPage {
        t,
        here: here(&format!("/book/details/{}", held.hold_id)),
        csrf: csrf.to_string(),
        hold_id: held.hold_id.clone(),
        service_name: crate::service::office::services::local_texts(&held.service, t.code()).name,
        office_name: held.setup.office.name.clone(),
        office_address: held.setup.office.address.clone(),
        when: when(t, held),
        party_size: held.party_size,
        held_until: crate::l10n::hhmm(held.expires_at, held.setup.tz),
        name: match &who.citizen {
            Some(c) => c.name.clone(),
            None => form.map(|f| f.name.clone()).unwrap_or_default(),
        },
        email: match who.citizen.as_ref().and_then(|c| c.email.clone()) {
            Some(e) => e,
            None => form.map(|f| f.email.clone()).unwrap_or_default(),
        },
        email_locked: who.citizen.as_ref().is_some_and(|c| c.email.is_some()),
        identity: who
            .citizen
            .as_ref()
            .map(|c| (c.name.clone(), c.fiscal_code.clone())),
        providers: who.providers.clone(),
        login_return: form_urlencoded::byte_serialize(
            format!("/book/details/{}?lang={}", held.hold_id, t.code()).as_bytes(),
        )
        .collect(),
        login_required: held.service.login_required,
        day_url: format!(
            "/book/{}/{}/{}?lang={}",
            held.setup.office.id,
            held.service.id,
            crate::domain::schedule::local_date(held.setup.tz, held.start),
            t.code()
        ),
        phone: form.map(|f| f.phone.clone()).unwrap_or_default(),
        error_name: pick("name"),
        error_email: pick("email"),
        error_phone: pick("phone"),
        error_consent: pick("consent"),
        errors,
    }
}

/// The details form for a live hold.
pub async fn details(
    State(state): State<AppState>,
    headers: HeaderMap,
    AppPath(hold_id): AppPath<String>,
    axum::extract::Query(params): axum::extract::Query<std::collections::HashMap<String, String>>,
) -> Result<Response, PageError> {
    let lang = crate::web::negotiate(params.get("lang").map(String::as_str), &headers);
    let t = Tr::of(lang);
    let held = hold::held_place(&state.db, &hold_id, state.clock.now())
        .await
        .map_err(|e| hold_error(e, t))
        .map_err(page(lang))?;
    let csrf = Csrf::from_headers(&headers).map_err(page(lang))?;
    let who = who(&state, &headers, lang).await.map_err(page(lang))?;
    let mut resp = details_page(t, &held, &csrf.token, None, Vec::new(), &who).into_response();
    csrf.apply(&mut resp);
    Ok(resp)
}

/// A refusal explained in the citizen's words: a lapsed hold or a time taken meanwhile
/// sends them back to choose a time; the per-citizen limit says what it is (the address
/// was emailed about the booking it holds).
fn hold_error(e: AppError, t: &Tr) -> AppError {
    match e {
        AppError::Conflict {
            kind: ConflictKind::CitizenLimit,
            ..
        } => AppError::conflict(ConflictKind::CitizenLimit, fl!(t, "citizen-citizen-limit")),
        AppError::Conflict { kind, .. } => AppError::conflict(kind, fl!(t, "citizen-hold-gone")),
        other => other,
    }
}

/// The details form.
#[derive(Debug, Deserialize)]
pub struct ConfirmForm {
    csrf: String,
    #[serde(default)]
    lang: String,
    hold_id: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    phone: String,
    #[serde(default)]
    consent: Option<String>,
}

/// Books the held time; invalid fields show the form again with the errors tied to them.
pub async fn confirm_booking(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<ConfirmForm>,
) -> Result<Response, PageError> {
    let lang = lang_of(&form.lang);
    let t = Tr::of(lang);
    Csrf::verify(&headers, &form.csrf).map_err(page(lang))?;
    let now = state.clock.now();
    let held = hold::held_place(&state.db, &form.hold_id, now)
        .await
        .map_err(|e| hold_error(e, t))
        .map_err(page(lang))?;
    let who = who(&state, &headers, lang).await.map_err(page(lang))?;
    let mut errors = Vec::new();
    if form.consent.as_deref() != Some("yes") {
        errors.push(FieldError::new(
            "consent",
            "you must confirm you have read the privacy notice",
        ));
    }
    let request = BookingRequest {
        office_id: held.setup.office.id,
        service_id: held.service.id,
        start: view::fmt_local(held.start, held.setup.tz),
        party_size: i64::from(held.party_size),
        citizen: CitizenInput {
            name: form.name.clone(),
            email: form.email.clone(),
            phone: Some(form.phone.clone()),
        },
        language: Some(lang.code().to_string()),
        hold_id: Some(held.hold_id.clone()),
        identity: who.citizen.as_ref().map(Citizen::verified),
    };
    let outcome = if errors.is_empty() {
        book::create_booking(&state.db, &state.config, &request, None, now).await
    } else {
        Err(AppError::Validation(book::citizen_errors(&request)))
    };
    state.metrics.booking(&outcome);
    match outcome {
        Ok(BookingOutcome::Created(view)) => {
            let token = view.manage_token.clone().unwrap_or_default();
            Ok(Redirect::to(&format!(
                "/b/{}?token={token}&lang={}&new=1",
                view.reference,
                lang.code()
            ))
            .into_response())
        }
        Ok(BookingOutcome::Replayed(_)) => Err(page(lang)(AppError::Internal(anyhow::anyhow!(
            "replay without a key"
        )))),
        Err(AppError::Validation(more)) => {
            errors.extend(more);
            let page_ = details_page(t, &held, &form.csrf, Some(&form), errors, &who);
            Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, page_).into_response())
        }
        Err(
            e @ AppError::Conflict {
                kind: ConflictKind::CitizenLimit,
                ..
            },
        ) => {
            // The hold is of no use to this address any more: the time is free again at
            // once instead of in a few minutes.
            hold::delete_hold(&state.db, &held.hold_id)
                .await
                .map_err(page(lang))?;
            if who.citizen.is_some() {
                return Err(page(lang)(AppError::conflict(
                    ConflictKind::CitizenLimit,
                    book::LIMIT_BY_IDENTITY,
                )));
            }
            Err(page(lang)(hold_error(e, t)))
        }
        Err(e) => Err(page(lang)(hold_error(e, t))),
    }
}
