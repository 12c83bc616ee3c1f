//! The staff pages: login, the scan page for the counter, the check-in URL opened with a
//! phone's own camera, the day's agenda with walk-ins, room occupancy screens, and the
//! accounts managers keep. Server-rendered like the citizens' pages; the scan page adds
//! camera scanning with JavaScript, the door screen refreshes itself.
//!
//! A page needs the session cookie set by `POST /login`. Without a valid one the page
//! answers 401 with the login form in place (after logging in, the clerk lands on the
//! page asked for). Every form carries the session's CSRF token.

mod agenda;
mod calendars;
mod counter;
mod login;
mod manage;
pub(crate) mod rooms;
mod scan;
mod spreadsheets;
mod users;

use crate::service::staff::auth;
use axum::{
    Router,
    extract::FromRequestParts,
    http::{HeaderValue, header, request::Parts},
    response::{IntoResponse, Response},
    routing::{get, post},
};

use crate::{
    domain::{Language, Role},
    error::AppError,
    extract::SESSION_COOKIE,
    service::actor::Actor,
    state::AppState,
    web::{PageError, Tr, cookie, negotiate},
};

const SCAN_JS: &str = include_str!("../../../static/scan.js");
const LIVE_JS: &str = include_str!("../../../static/live.js");
const JSQR_JS: &str = include_str!("../../../static/vendor/jsQR.js");

/// A logged-in member of staff on a page request.
#[derive(Debug, Clone)]
pub struct Session {
    /// Who.
    pub actor: Actor,
    /// The session's CSRF token, for the forms of the page.
    pub csrf: String,
    /// The page's language.
    pub lang: Language,
}

impl Session {
    /// The texts of the page.
    pub fn tr(&self) -> &'static Tr {
        Tr::of(self.lang)
    }

    /// Checks a submitted form's CSRF token.
    pub fn verify(&self, submitted: &str) -> Result<(), PageError> {
        if crate::infra::secrets::constant_time_eq(&self.csrf, submitted) {
            Ok(())
        } else {
            Err(PageError {
                error: AppError::Forbidden(crate::web::CSRF_REFUSAL.into()),
                lang: self.lang,
            })
        }
    }

    /// Wraps an error of this page.
    pub fn page_error(&self, error: AppError) -> PageError {
        PageError {
            error,
            lang: self.lang,
        }
    }

    /// The office a page is about: a clerk's or manager's own; an administrator picks one
    /// (`?office=`), else the first office. Asking for another office than one's own is
    /// 403.
    pub async fn office(&self, state: &AppState, requested: Option<i32>) -> Result<i32, PageError> {
        let id = match (requested, self.actor.office_id) {
            (Some(id), _) => id,
            (None, Some(own)) => own,
            (None, None) => crate::service::office::offices::list_offices(&state.db)
                .await
                .map_err(|e| self.page_error(e))?
                .first()
                .map(|o| o.id)
                .ok_or_else(|| self.page_error(AppError::not_found("There is no office yet.")))?,
        };
        self.actor
            .require(Role::Staff, id)
            .map_err(|e| self.page_error(e))?;
        Ok(id)
    }
}

/// The `lang` query parameter of a request, if any.
fn query_lang(parts: &Parts) -> Option<String> {
    parts.uri.query().and_then(|q| {
        q.split('&')
            .filter_map(|kv| kv.split_once('='))
            .find(|(k, _)| *k == "lang")
            .map(|(_, v)| v.to_string())
    })
}

impl FromRequestParts<AppState> for Session {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let lang = negotiate(query_lang(parts).as_deref(), &parts.headers);
        let token = cookie(&parts.headers, SESSION_COOKIE).filter(|t| !t.is_empty());
        let now = state.clock.now();
        if let Some(token) = token {
            match auth::authenticate(&state.db, &token, now).await {
                Ok(actor) => {
                    return Ok(Self {
                        actor,
                        csrf: auth::csrf_for_session(&token),
                        lang,
                    });
                }
                Err(AppError::Unauthorized) => {}
                Err(e) => return Err(PageError { error: e, lang }.into_response()),
            }
        }
        // Not logged in: the login form, answering 401, returning here afterwards (a GET
        // target only: a form posted with an expired session is not replayed).
        let next = if parts.method == axum::http::Method::GET {
            parts
                .uri
                .path_and_query()
                .map_or_else(|| "/staff".to_string(), |p| p.as_str().to_string())
        } else {
            "/staff".to_string()
        };
        Err(login::login_page(
            state,
            &parts.headers,
            lang,
            &next,
            None,
            "",
            axum::http::StatusCode::UNAUTHORIZED,
        ))
    }
}

/// Appends a `Set-Cookie` header.
fn set_cookie(resp: &mut Response, value: &str) {
    if let Ok(v) = HeaderValue::from_str(value) {
        resp.headers_mut().append(header::SET_COOKIE, v);
    }
}

/// Navigation shown on every staff page.
#[derive(Debug, Clone)]
pub struct Nav {
    /// The office the pages are about.
    pub office_id: i32,
    /// Whether the accounts page is offered.
    pub manager: bool,
    /// The session's CSRF token (for the logout form).
    pub csrf: String,
    /// The current page, ready for `lang=` to be appended (the language menu).
    pub here: String,
    /// Who is logged in, and their own office (none for an administrator).
    pub email: String,
    pub office_name: Option<String>,
}

impl Nav {
    fn new(session: &Session, office_id: i32, path: &str) -> Self {
        let sep = if path.contains('?') { '&' } else { '?' };
        Self {
            office_id,
            manager: session.actor.may(Role::Manager, office_id),
            csrf: session.csrf.clone(),
            here: format!("{path}{sep}"),
            email: session.actor.email.clone(),
            office_name: session.actor.office_name.clone(),
        }
    }
}

fn script(body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        body,
    )
        .into_response()
}

/// Routes of the staff pages. `limits` limit login attempts per client address
/// (the per-account limit is in [`login_guard::LoginGuard`]).
pub fn router(limits: &crate::routes::limits::Limits) -> Router<AppState> {
    let login_post = crate::routes::limits::rate_limited_with(
        Router::new().route("/login", post(login::login)),
        limits,
        "staff-login",
        5,
        4000,
        || {
            PageError {
                error: AppError::TooManyRequests,
                lang: Language::default(),
            }
            .into_response()
        },
    );
    Router::new()
        .merge(login_post)
        .route("/login", get(login::show_login))
        .route("/logout", post(login::logout))
        .route("/staff", get(scan::home))
        .route("/staff/scan", get(scan::show_scan).post(scan::scan))
        .route("/c/{token}", get(scan::show_code))
        .route("/staff/agenda", get(agenda::show_agenda))
        .route("/staff/served", post(agenda::mark_served))
        .route("/staff/admit", post(agenda::admit))
        .route("/staff/undo-admission", post(agenda::undo_admission))
        .route("/staff/walk-ins", post(agenda::walk_in))
        .route("/staff/rooms", get(rooms::show_rooms))
        .route(
            "/staff/counter",
            get(counter::show_counter).post(counter::counter_action),
        )
        .route("/staff/tickets/{id}/print", get(counter::print_ticket))
        .route("/staff/rooms/{room_id}", get(rooms::show_door))
        .route(
            "/staff/rooms/{room_id}/door-link",
            post(rooms::set_door_link),
        )
        .route(
            "/staff/users",
            get(users::show_users).post(users::create_user),
        )
        .route("/staff/users/{user_id}/active", post(users::set_active))
        .route("/manage", get(manage::home::home))
        .route("/manage/offices", post(manage::home::create_office))
        .route("/manage/settings", post(manage::home::update_settings))
        .route(
            "/manage/services/{service_id}",
            post(manage::services::update_service),
        )
        .route(
            "/manage/rooms",
            get(manage::rooms::show_rooms).post(manage::rooms::create_room),
        )
        .route(
            "/manage/rooms/{room_id}/limit",
            post(manage::rooms::set_limit),
        )
        .route(
            "/manage/services",
            get(manage::services::show_services).post(manage::services::create_service),
        )
        .route("/manage/counters", post(manage::services::create_counter))
        .route(
            "/manage/hours",
            get(manage::hours::show_hours).post(manage::hours::put_hours),
        )
        .route(
            "/manage/closures",
            get(manage::closures::show_closures).post(manage::closures::create_closure),
        )
        .route(
            "/manage/closures/{closure_id}/delete",
            post(manage::closures::delete_closure),
        )
        .route("/manage/holidays", post(manage::closures::import_holidays))
        .route(
            "/staff/calendars",
            get(calendars::show_calendars).post(calendars::make_calendar),
        )
        .route(
            "/manage/webhooks",
            get(manage::webhooks::show_webhooks).post(manage::webhooks::add_webhook),
        )
        .route(
            "/manage/webhooks/{id}/test",
            post(manage::webhooks::test_webhook),
        )
        .route(
            "/manage/webhooks/{id}/delete",
            post(manage::webhooks::delete_webhook),
        )
        .route(
            "/manage/webhooks/{id}/deliveries/{delivery}/replay",
            post(manage::webhooks::replay_delivery),
        )
        .route(
            "/manage/rules",
            get(manage::rules::show_rules).post(manage::rules::create_rule),
        )
        .route(
            "/manage/rules/{rule_id}/delete",
            post(manage::rules::delete_rule),
        )
        .route("/manage/notify", post(manage::impact::notify))
        .route("/manage/audit", get(manage::audit::show_audit))
        .route("/manage/stats", get(manage::stats::show_stats))
        .route("/manage/stats.csv", get(manage::stats::stats_csv))
        .route("/manage/stats.xlsx", get(manage::stats::stats_xlsx))
        .route("/manage/bookings.xlsx", get(spreadsheets::bookings_xlsx))
        .route("/staff/agenda.xlsx", get(spreadsheets::agenda_xlsx))
        .route("/static/scan.js", get(|| async { script(SCAN_JS) }))
        .route("/static/live.js", get(|| async { script(LIVE_JS) }))
        .route("/static/vendor/jsQR.js", get(|| async { script(JSQR_JS) }))
        .layer(axum::middleware::from_fn(
            crate::web::remember_chosen_language,
        ))
}
