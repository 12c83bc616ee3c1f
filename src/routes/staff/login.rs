//! Logging in and out of the staff pages.

use crate::service::staff::auth;
use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Form,
    extract::{Query, State},
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

use super::{Session, set_cookie};
use crate::{
    domain::Language,
    error::AppError,
    extract::SESSION_COOKIE,
    service::staff::auth::Credentials,
    state::AppState,
    web::{Csrf, PageError, Tr, fl, negotiate},
};

#[derive(Template, WebTemplate)]
#[template(path = "staff/login.html")]
struct LoginPage {
    t: &'static Tr,
    here: String,
    csrf: String,
    next: String,
    error: Option<String>,
    email: String,
    /// The city's single sign-on providers (name, label), each a button.
    providers: Vec<(String, String)>,
    /// `next`, ready for a query string.
    next_query: String,
}

/// Only a staff page of this site is a place to go after login: a path under `/staff`
/// or `/manage`, or a check-in URL, of plain URL characters (a tab or a backslash could turn a path
/// into `//other.host` in a browser's eyes).
fn safe_next(next: &str) -> String {
    let plain = next
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || "/-_.~?=&%+".contains(c));
    let ours = next == "/staff"
        || next.starts_with("/staff/")
        || next.starts_with("/staff?")
        || next == "/manage"
        || next.starts_with("/manage/")
        || next.starts_with("/manage?")
        || next.starts_with("/c/");
    if plain && ours {
        next.to_string()
    } else {
        "/staff".into()
    }
}

/// The login form, answering `status` (401 when it stands in for a page).
pub fn login_page(
    state: &AppState,
    headers: &HeaderMap,
    lang: Language,
    next: &str,
    error: Option<String>,
    email: &str,
    status: StatusCode,
) -> Response {
    let csrf = match Csrf::from_headers(headers) {
        Ok(c) => c,
        Err(error) => return PageError { error, lang }.into_response(),
    };
    let s = Tr::of(lang);
    let next = safe_next(next);
    let page = LoginPage {
        t: s,
        here: format!("/login?next={}&", urlencode(&next)),
        csrf: csrf.token.clone(),
        next_query: form_urlencoded::byte_serialize(next.as_bytes()).collect(),
        next,
        error,
        email: email.to_string(),
        providers: state
            .config
            .identity
            .for_audience(crate::config::Audience::Staff)
            .map(|p| (p.name.clone(), p.label_in(lang.code()).to_string()))
            .collect(),
    };
    let mut resp = (status, page).into_response();
    csrf.apply(&mut resp);
    resp
}

/// Percent-encodes a query value.
pub fn urlencode(raw: &str) -> String {
    raw.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// `GET /login`.
#[derive(Debug, Deserialize)]
pub struct LoginQuery {
    #[serde(default)]
    lang: Option<String>,
    #[serde(default)]
    next: Option<String>,
}

/// `GET /login`.
pub async fn show_login(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<LoginQuery>,
) -> Response {
    let lang = negotiate(q.lang.as_deref(), &headers);
    login_page(
        &state,
        &headers,
        lang,
        q.next.as_deref().unwrap_or("/staff"),
        None,
        "",
        StatusCode::OK,
    )
}

/// The login form.
#[derive(Debug, Deserialize)]
pub struct LoginForm {
    csrf: String,
    #[serde(default)]
    lang: String,
    email: String,
    password: String,
    #[serde(default)]
    next: String,
}

/// `POST /login`: on success a session cookie (`HttpOnly`, `SameSite=Lax` so the
/// check-in URL opened from a phone's camera app carries it, `Secure` on an https site)
/// and a redirect to where the clerk was going.
pub async fn login(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<LoginForm>,
) -> Result<Response, PageError> {
    let lang = Language::parse(&form.lang).unwrap_or_else(|_| negotiate(None, &headers));
    Csrf::verify(&headers, &form.csrf).map_err(|error| PageError { error, lang })?;
    // A failed attempt keeps the address typed (never the password).
    let typed_email = form.email.clone();
    let credentials = Credentials {
        email: form.email,
        password: form.password,
    };
    let hours = state.config.booking.token_hours;
    let now = state.clock.now();
    let device = crate::web::cookie(&headers, crate::extract::DEVICE_COOKIE);
    let issued = auth::issue_token(
        &state.db,
        &state.logins,
        &credentials,
        device.as_deref(),
        hours,
        now,
    )
    .await;
    match issued {
        Ok((token, device)) => {
            let mut resp = Redirect::to(&safe_next(&form.next)).into_response();
            // `Secure` is added to every cookie under HTTPS (routes::security_headers).
            set_cookie(
                &mut resp,
                &format!(
                    "{SESSION_COOKIE}={}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}",
                    token.token,
                    hours * 3600
                ),
            );
            // The language chosen on the login form stays for the session's pages.
            crate::web::remember_lang(&mut resp, lang);
            crate::extract::set_device_cookie(&mut resp, &device);
            Ok(resp)
        }
        Err(AppError::Unauthorized) => Ok(login_page(
            &state,
            &headers,
            lang,
            &form.next,
            Some(fl!(Tr::of(lang), "staff-login-failed")),
            &typed_email,
            StatusCode::UNAUTHORIZED,
        )),
        Err(AppError::TooManyRequests) => Ok(login_page(
            &state,
            &headers,
            lang,
            &form.next,
            Some(fl!(Tr::of(lang), "staff-login-blocked")),
            &typed_email,
            StatusCode::TOO_MANY_REQUESTS,
        )),
        Err(error) => Err(PageError { error, lang }),
    }
}

/// The logout form.
#[derive(Debug, Deserialize)]
pub struct LogoutForm {
    csrf: String,
}

/// `POST /logout`: the session ends on the server too, not only in this browser.
pub async fn logout(
    State(state): State<AppState>,
    session: Session,
    headers: HeaderMap,
    Form(form): Form<LogoutForm>,
) -> Result<Response, PageError> {
    session.verify(&form.csrf)?;
    if let Some(token) = crate::web::cookie(&headers, SESSION_COOKIE) {
        // Already gone (a second click, another tab) is logged out all the same.
        auth::revoke(&state.db, &token)
            .await
            .map_err(|e| session.page_error(e))?;
    }
    let mut resp = Redirect::to(&format!("/login?lang={}", session.lang.code())).into_response();
    set_cookie(
        &mut resp,
        &format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0"),
    );
    Ok(resp)
}

#[cfg(test)]
mod tests {
    use super::safe_next;

    #[test]
    fn only_staff_paths_of_this_site_are_followed_after_login() {
        for ok in [
            "/staff",
            "/staff/agenda?office=1&lang=it",
            "/c/abc-DEF_123",
            "/staff?office=2",
            "/manage/rooms?office=1&lang=en",
        ] {
            assert_eq!(safe_next(ok), ok);
        }
        for bad in [
            "//evil.example/x",
            "/\t/evil.example",
            "https://evil.example/staff",
            "/\\evil.example",
            "/staffevil",
            "/login",
            "/staff\r\nSet-Cookie: x=1",
            "",
        ] {
            assert_eq!(safe_next(bad), "/staff", "{bad:?}");
        }
    }
}
