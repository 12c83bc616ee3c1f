//! The accounts page of managers: create a clerk, disable or re-enable an account.

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Form,
    extract::{Query, State},
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

use super::{Nav, Session, login::urlencode};
use crate::{
    domain::Role,
    extract::AppPath,
    extract::parse_id,
    service::staff::users::{self, NewUser, UserView},
    state::AppState,
    web::{PageError, Tr, fl},
};

#[derive(Template, WebTemplate)]
#[template(path = "staff/users.html")]
struct UsersPage {
    t: &'static Tr,
    nav: Nav,
    users: Vec<UserView>,
    admin: bool,
    notice: Option<String>,
}

/// `GET /staff/users?office=`.
pub async fn show_users(
    State(state): State<AppState>,
    session: Session,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let requested = q.get("office").and_then(|v| v.trim().parse().ok());
    let office_id = session.office(&state, requested).await?;
    let now = state.clock.now();
    let mut users = users::list(&state.db, &state.logins, &session.actor, office_id, now)
        .await
        .map_err(|e| session.page_error(e))?;
    // The page says until when, as a local HH:MM.
    let tz = crate::service::directory::tz(&state.db, office_id)
        .await
        .map_err(|e| session.page_error(e))?;
    for u in &mut users {
        u.locked_until = u
            .locked_until
            .as_deref()
            .and_then(|t| chrono::DateTime::parse_from_rfc3339(t).ok())
            .map(|t| crate::l10n::hhmm(t.to_utc(), tz));
    }
    let s = session.tr();
    let notice = q
        .get("created")
        .map(|e| fl!(s, "staff-user-created", email = e.as_str()));
    let nav = Nav::new(
        &session,
        office_id,
        &format!("/staff/users?office={office_id}"),
    );
    Ok(UsersPage {
        t: s,
        nav,
        users,
        admin: session.actor.role == Role::Admin,
        notice,
    }
    .into_response())
}

/// The new-account form.
#[derive(Debug, Deserialize)]
pub struct NewUserForm {
    csrf: String,
    office: i32,
    email: String,
    password: String,
    #[serde(default)]
    role: Option<String>,
}

/// `POST /staff/users`.
pub async fn create_user(
    State(state): State<AppState>,
    session: Session,
    Form(form): Form<NewUserForm>,
) -> Result<Response, PageError> {
    session.verify(&form.csrf)?;
    let input = NewUser {
        email: form.email,
        password: form.password,
        role: form.role.unwrap_or_else(|| "staff".into()),
    };
    let now = state.clock.now();
    let user = users::create(&state.db, &session.actor, form.office, &input, now)
        .await
        .map_err(|e| session.page_error(e))?;
    Ok(Redirect::to(&format!(
        "/staff/users?office={}&lang={}&created={}",
        form.office,
        session.lang.code(),
        urlencode(&user.email)
    ))
    .into_response())
}

/// The enable/disable form.
#[derive(Debug, Deserialize)]
pub struct ActiveForm {
    csrf: String,
    active: bool,
}

/// `POST /staff/users/{id}/active`.
pub async fn set_active(
    State(state): State<AppState>,
    session: Session,
    AppPath(user_id): AppPath<String>,
    Form(form): Form<ActiveForm>,
) -> Result<Response, PageError> {
    session.verify(&form.csrf)?;
    let user_id = parse_id(&user_id).map_err(|e| session.page_error(e))?;
    let now = state.clock.now();
    let user = users::set_active(&state.db, &session.actor, user_id, form.active, now)
        .await
        .map_err(|e| session.page_error(e))?;
    Ok(Redirect::to(&format!(
        "/staff/users?office={}&lang={}",
        user.office_id.unwrap_or_default(),
        session.lang.code()
    ))
    .into_response())
}
