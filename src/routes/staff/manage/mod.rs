//! The managers' pages: offices, rooms and limits, services and counters, opening hours,
//! closures with the holiday import, capacity rules, the audit log and statistics, one
//! file per page. Every change that can leave bookings over a limit or outside the
//! opening hours goes through the same two steps (`impact`): "show the effect" (the
//! service's dry run) and "save", after which the same list comes with "notify these
//! citizens". Nothing here decides anything: the forms are read into their structs, the
//! services do the work, the templates draw the result.

pub mod audit;
pub mod closures;
pub mod home;
pub mod hours;
pub mod impact;
pub mod rooms;
pub mod rules;
pub mod services;
pub mod stats;
pub mod webhooks;

use std::collections::HashMap;

use axum::{
    extract::Query,
    response::{IntoResponse, Redirect, Response},
};
use serde::de::DeserializeOwned;

use super::{Nav, Session};
use crate::{
    domain::Role,
    error::AppError,
    service::directory::OfficeFacts,
    state::AppState,
    web::{PageError, Tr},
};

pub(super) type Params = Query<HashMap<String, String>>;

/// A manager's form, read into its struct `T`, with the fields as sent: a preview sends
/// them again with "save".
pub(super) struct Sent<T> {
    pub(super) data: T,
    fields: Vec<(String, String)>,
}

impl<T: DeserializeOwned> Sent<T> {
    /// Reads an `application/x-www-form-urlencoded` body sent by `session`, whose CSRF
    /// token (the `csrf` field) must match. Every field of a form struct is text with a
    /// default, so this fails only on a body that is no form at all; numbers are parsed by
    /// the handler with [`int`], giving a field error on the page.
    pub(super) fn read(body: &[u8], session: &Session) -> Result<Self, PageError> {
        let fields: Vec<(String, String)> = form_urlencoded::parse(body).into_owned().collect();
        let csrf = fields
            .iter()
            .find(|(k, _)| k == "csrf")
            .map_or("", |(_, v)| v.as_str());
        session.verify(csrf)?;
        let data = serde_html_form::from_bytes(body)
            .map_err(|e| session.page_error(AppError::invalid("form", e.to_string())))?;
        Ok(Self { data, fields })
    }

    /// Whether the manager pressed "save" (rather than "show the effect").
    pub(super) fn saving(&self) -> bool {
        self.fields.iter().any(|(k, v)| k == "do" && v == "save")
    }

    /// The fields to send again with "save" after a preview.
    pub(super) fn replay(&self) -> Vec<(String, String)> {
        self.fields
            .iter()
            .filter(|(k, _)| k != "csrf" && k != "do")
            .cloned()
            .collect()
    }
}

/// A required whole number of a form.
pub(super) fn int(field: &str, raw: &str) -> Result<i32, AppError> {
    raw.trim()
        .parse()
        .map_err(|_| AppError::invalid(field, "must be a whole number"))
}

/// An optional number: absent or empty is `None`, anything else must parse (a typo must
/// not turn "this counter" into "the whole office").
pub(super) fn opt_int(field: &str, raw: &str) -> Result<Option<i32>, AppError> {
    opt(raw).map(|v| int(field, &v)).transpose()
}

/// The form of a change that names only its office (removing a closure or a rule).
#[derive(Debug, Default, serde::Deserialize)]
#[serde(default)]
pub(super) struct OfficeForm {
    pub(super) office: String,
}

/// An optional text: empty is `None`.
pub(super) fn opt(raw: &str) -> Option<String> {
    Some(raw.trim().to_string()).filter(|v| !v.is_empty())
}

/// The parts every manager page has.
pub(super) struct Common {
    pub(super) t: &'static Tr,
    pub(super) nav: Nav,
    pub(super) office_id: i32,
}

/// Checks the session may manage the office asked for (its managers, admins).
pub(super) async fn common(
    state: &AppState,
    session: &Session,
    requested: Option<i32>,
    path: &str,
) -> Result<Common, PageError> {
    let office_id = session.office(state, requested).await?;
    session
        .actor
        .require(Role::Manager, office_id)
        .map_err(|e| session.page_error(e))?;
    let sep = if path.contains('?') { '&' } else { '?' };
    Ok(Common {
        t: session.tr(),
        nav: Nav::new(
            session,
            office_id,
            &format!("{path}{sep}office={office_id}"),
        ),
        office_id,
    })
}

pub(super) fn office_param(q: &HashMap<String, String>) -> Option<i32> {
    q.get("office").and_then(|v| v.trim().parse().ok())
}

pub(super) async fn setup_of(
    state: &AppState,
    session: &Session,
    office_id: i32,
) -> Result<OfficeFacts, PageError> {
    crate::service::directory::office(&state.db, office_id)
        .await
        .map_err(|e| session.page_error(e))
}

pub(super) fn back(path: &str, office_id: i32, session: &Session) -> Response {
    Redirect::to(&format!(
        "{path}?office={office_id}&lang={}&saved=1",
        session.lang.code()
    ))
    .into_response()
}
