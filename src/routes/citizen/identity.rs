//! Logging in through an OpenID provider (API.md, "Citizens' and staff's identity"):
//! `/auth/oidc/{name}/login` sends the browser to the provider, `/auth/oidc/{name}/callback`
//! takes its answer and opens a citizen's or a clerk's session, by the provider's
//! audience. `/auth/logout` ends a citizen's session here and, where the provider
//! offers it, there too.

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Form,
    extract::{Query, State},
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Redirect, Response},
};
use serde::Deserialize;

use super::here;
use crate::{
    config::Audience,
    domain::Language,
    extract::{AppPath, CITIZEN_COOKIE, OIDC_STATE_COOKIE, SESSION_COOKIE},
    service::identity::{self, Answer, Outcome, Refusal, citizens},
    state::AppState,
    web::{Csrf, PageError, Tr, cookie, fl, negotiate, page},
};

fn set_cookie(resp: &mut Response, value: &str) {
    if let Ok(v) = HeaderValue::from_str(value) {
        resp.headers_mut().append(header::SET_COOKIE, v);
    }
}

fn clear_state(resp: &mut Response) {
    set_cookie(
        resp,
        &format!("{OIDC_STATE_COOKIE}=; Path=/auth/oidc; HttpOnly; SameSite=Lax; Max-Age=0"),
    );
}

/// Only a path of this site is a place to return to, of plain URL characters (a tab or
/// a backslash could turn a path into `//other.host`): staff pages for staff, any page
/// but the login's own for citizens.
fn safe_return(raw: &str, audience: Audience) -> String {
    let plain = raw.starts_with('/')
        && !raw.starts_with("//")
        && raw
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "/-_.~?=&%+".contains(c));
    let ours = match audience {
        Audience::Staff => ["/staff", "/manage", "/c/"]
            .iter()
            .any(|p| raw.starts_with(p)),
        Audience::Citizens => !raw.starts_with("/auth/") && !raw.starts_with("/api/"),
    };
    match (plain && ours, audience) {
        (true, _) => raw.to_string(),
        (false, Audience::Staff) => "/staff".into(),
        (false, Audience::Citizens) => "/".into(),
    }
}

#[derive(Template, WebTemplate)]
#[template(path = "citizen/login_problem.html")]
struct ProblemPage {
    t: &'static Tr,
    here: String,
    staff: bool,
    message: String,
    again: String,
    back: String,
    /// The provider's logout, to log in there as someone else.
    switch: Option<String>,
    status: u16,
}

/// The page of a login that did not complete: what happened in the reader's words, and
/// the way on (try again; for citizens, book without logging in).
fn problem(
    lang: Language,
    (provider, label): (&str, &str),
    refusal: Refusal,
    staff: bool,
    back: &str,
    switch: Option<String>,
) -> Response {
    let t = Tr::of(lang);
    let (status, message) = match refusal {
        Refusal::Unavailable => (
            StatusCode::SERVICE_UNAVAILABLE,
            fl!(t, "login-problem-unavailable", provider = label),
        ),
        Refusal::BadAnswer => (StatusCode::BAD_REQUEST, fl!(t, "login-problem-bad-answer")),
        Refusal::NoFiscalCode => (
            StatusCode::UNAUTHORIZED,
            fl!(t, "login-problem-no-fiscal-code", provider = label),
        ),
        Refusal::NoEmail => (StatusCode::FORBIDDEN, fl!(t, "login-problem-no-email")),
        Refusal::NoRole => (StatusCode::FORBIDDEN, fl!(t, "login-problem-no-role")),
        Refusal::NoOffice => (StatusCode::FORBIDDEN, fl!(t, "login-problem-no-office")),
        Refusal::Disabled => (StatusCode::FORBIDDEN, fl!(t, "login-problem-disabled")),
    };
    let mut resp = (
        status,
        ProblemPage {
            t,
            // The language menu re-reads the page the citizen was going to, not a
            // new login.
            here: here(back),
            staff,
            message,
            again: format!(
                "/auth/oidc/{provider}/login?return_to={}&lang={}",
                form_urlencoded::byte_serialize(back.as_bytes()).collect::<String>(),
                lang.code()
            ),
            back: back.to_string(),
            switch,
            status: status.as_u16(),
        },
    )
        .into_response();
    clear_state(&mut resp);
    resp
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LoginQuery {
    return_to: String,
    lang: Option<String>,
}

/// `GET /auth/oidc/{name}/login`: a redirect to the provider, with the login's `state`
/// in a cookie for the callback to match.
pub async fn start_login(
    State(state): State<AppState>,
    headers: HeaderMap,
    AppPath(name): AppPath<String>,
    Query(q): Query<LoginQuery>,
) -> Result<Response, PageError> {
    let lang = negotiate(q.lang.as_deref(), &headers);
    let Some(p) = state.config.identity.provider(&name) else {
        return Err(page(lang)(crate::error::AppError::not_found(
            "No such login provider.",
        )));
    };
    let staff = p.audience == Audience::Staff;
    let return_to = safe_return(&q.return_to, p.audience);
    let now = state.clock.now();
    match identity::start(
        &state.db,
        &state.config,
        &state.oidc,
        &name,
        &return_to,
        now,
    )
    .await
    .map_err(page(lang))?
    {
        Ok(started) => {
            // 302, as API.md has it (any redirect works for a browser).
            let mut resp = (StatusCode::FOUND, [(header::LOCATION, started.url)]).into_response();
            set_cookie(
                &mut resp,
                &format!(
                    "{OIDC_STATE_COOKIE}={}; Path=/auth/oidc; HttpOnly; SameSite=Lax; Max-Age=600",
                    started.state
                ),
            );
            crate::web::remember_lang(&mut resp, lang);
            Ok(resp)
        }
        Err(refusal) => Ok(problem(
            lang,
            (&name, p.label_in(lang.code())),
            refusal,
            staff,
            &return_to,
            None,
        )),
    }
}

/// `GET /auth/oidc/{name}/callback`.
pub async fn finish_login(
    State(state): State<AppState>,
    headers: HeaderMap,
    AppPath(name): AppPath<String>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    let lang = negotiate(None, &headers);
    let Some(p) = state.config.identity.provider(&name) else {
        return Err(page(lang)(crate::error::AppError::not_found(
            "No such login provider.",
        )));
    };
    let browser_state = cookie(&headers, OIDC_STATE_COOKIE);
    let answer = Answer {
        state: q.get("state").map(String::as_str),
        code: q.get("code").map(String::as_str),
        browser_state: browser_state.as_deref(),
    };
    let now = state.clock.now();
    let outcome = identity::complete(&state.db, &state.config, &state.oidc, &name, answer, now)
        .await
        .map_err(page(lang))?;
    let mut resp = match outcome {
        Outcome::Citizen { session, return_to } => {
            let mut resp = Redirect::to(&return_to).into_response();
            set_cookie(
                &mut resp,
                &format!(
                    "{CITIZEN_COOKIE}={session}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}",
                    citizens::SESSION_MINUTES * 60
                ),
            );
            resp
        }
        Outcome::Staff { token, return_to } => {
            let mut resp = Redirect::to(&return_to).into_response();
            set_cookie(
                &mut resp,
                &format!(
                    "{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}",
                    state.config.booking.token_hours * 3600
                ),
            );
            resp
        }
        Outcome::Refused { refusal, return_to } => {
            let staff = p.audience == Audience::Staff;
            let back = return_to.unwrap_or_else(|| if staff { "/staff" } else { "/" }.into());
            // The provider let the person in and we did not (no role, no fiscal
            // code…): logging out there is the way to try another account.
            let switch = match refusal {
                Refusal::BadAnswer | Refusal::Unavailable => None,
                _ => {
                    let home = format!("{}/", state.config.http.base_url);
                    state.oidc.logout_url(&name, &home).await
                }
            };
            return Ok(problem(
                lang,
                (&name, p.label_in(lang.code())),
                refusal,
                staff,
                &back,
                switch,
            ));
        }
    };
    clear_state(&mut resp);
    Ok(resp)
}

/// The logout form.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct LogoutForm {
    csrf: String,
    lang: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "citizen/logged_out.html")]
struct LoggedOutPage {
    t: &'static Tr,
    here: String,
    provider_logout: Option<String>,
}

/// `POST /auth/logout`: the session ends here, then at the provider when it offers
/// RP-initiated logout. That last step is a page that moves on by itself (a form's
/// answer may not redirect to another site under this site's `form-action 'self'`).
pub async fn logout(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<LogoutForm>,
) -> Result<Response, PageError> {
    let lang = Language::parse(&form.lang).unwrap_or_else(|_| negotiate(None, &headers));
    Csrf::verify(&headers, &form.csrf).map_err(page(lang))?;
    let provider = match cookie(&headers, CITIZEN_COOKIE) {
        Some(token) => citizens::end(&state.db, &token).await.map_err(page(lang))?,
        None => None,
    };
    // One fixed address to register at the provider; the language is in a cookie.
    let back = format!("{}/", state.config.http.base_url);
    let provider_logout = match provider {
        Some(p) => state.oidc.logout_url(&p, &back).await,
        None => None,
    };
    let mut resp = LoggedOutPage {
        t: Tr::of(lang),
        here: here("/"),
        provider_logout,
    }
    .into_response();
    set_cookie(
        &mut resp,
        &format!("{CITIZEN_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0"),
    );
    Ok(resp)
}

/// The logged-in citizen of this browser, if any.
pub(super) async fn citizen(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<Option<citizens::Citizen>, crate::error::AppError> {
    match cookie(headers, CITIZEN_COOKIE) {
        Some(token) => citizens::session(&state.db, &token, state.clock.now()).await,
        None => Ok(None),
    }
}

/// The citizens' providers, as buttons: (name, label).
pub(super) fn citizen_providers(state: &AppState, lang: Language) -> Vec<(String, String)> {
    state
        .config
        .identity
        .for_audience(Audience::Citizens)
        .map(|p| (p.name.clone(), p.label_in(lang.code()).to_string()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_this_sites_paths_are_returned_to() {
        assert_eq!(
            safe_return("/book/details/abc?lang=it", Audience::Citizens),
            "/book/details/abc?lang=it"
        );
        assert_eq!(safe_return("/my", Audience::Citizens), "/my");
        for bad in [
            "//evil.example",
            "https://evil.example/",
            "/\\evil",
            "/auth/logout",
            "",
            "/a\tb",
        ] {
            assert_eq!(safe_return(bad, Audience::Citizens), "/", "{bad:?}");
        }
        assert_eq!(
            safe_return("/staff/agenda?office=1", Audience::Staff),
            "/staff/agenda?office=1"
        );
        assert_eq!(safe_return("/my", Audience::Staff), "/staff");
    }
}
