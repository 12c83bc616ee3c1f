//! What the server-rendered pages share: the language of the page, CSRF protection of
//! forms, and rendering any [`AppError`] as an error page in the same look.

pub mod chart;

pub mod manager_i18n;
pub mod staff_i18n;

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};

use crate::{domain::Language, error::AppError, infra::secrets};

pub use crate::i18n::Texts;
pub use manager_i18n::ManagerTexts;
pub use staff_i18n::StaffTexts;

/// The language of a page: `?lang=` (also remembered in a cookie), else the cookie,
/// else the browser's `Accept-Language`, else Italian.
pub fn negotiate(query_lang: Option<&str>, headers: &HeaderMap) -> Language {
    if let Some(l) = query_lang.and_then(|l| Language::parse(l).ok()) {
        return l;
    }
    if let Some(l) = cookie(headers, "lang").and_then(|l| Language::parse(&l).ok()) {
        return l;
    }
    let accept = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    for part in accept.split(',') {
        let tag = part.split(';').next().unwrap_or_default().trim();
        let primary = tag.split('-').next().unwrap_or_default();
        if let Ok(l) = Language::parse(primary) {
            return l;
        }
    }
    Language::default()
}

/// A cookie's value from the request.
pub fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

/// The name of the CSRF cookie.
const CSRF_COOKIE: &str = "sportello_csrf";

/// CSRF protection by double submit: a random token lives in a `SameSite=Strict`,
/// `HttpOnly` cookie and in a hidden field of every form; a POST whose two copies
/// differ is refused. Citizens have no session, so there is nothing else to tie it to.
#[derive(Debug, Clone)]
pub struct Csrf {
    /// The token to put in forms.
    pub token: String,
    /// Set when the cookie has to be (re)issued with the response.
    new_cookie: bool,
}

impl Csrf {
    /// The request's token, or a fresh one.
    pub fn from_headers(headers: &HeaderMap) -> Result<Self, AppError> {
        match cookie(headers, CSRF_COOKIE).filter(|t| t.len() >= 22) {
            Some(token) => Ok(Self {
                token,
                new_cookie: false,
            }),
            None => Ok(Self {
                token: secrets::new_token()?,
                new_cookie: true,
            }),
        }
    }

    /// Checks a submitted form's token against the cookie.
    pub fn verify(headers: &HeaderMap, submitted: &str) -> Result<(), AppError> {
        match cookie(headers, CSRF_COOKIE) {
            Some(c) if !c.is_empty() && secrets::constant_time_eq(&c, submitted) => Ok(()),
            _ => Err(AppError::Forbidden(
                "The form has expired or did not come from this site. Please try again.".into(),
            )),
        }
    }

    /// Adds the cookie to a response when it is new.
    pub fn apply(&self, resp: &mut Response) {
        if self.new_cookie
            && let Ok(v) = HeaderValue::from_str(&format!(
                "{CSRF_COOKIE}={}; Path=/; HttpOnly; SameSite=Strict",
                self.token
            ))
        {
            resp.headers_mut().append(header::SET_COOKIE, v);
        }
    }
}

/// Remembers an explicit language choice.
pub fn remember_lang(resp: &mut Response, lang: Language) {
    if let Ok(v) = HeaderValue::from_str(&format!(
        "lang={}; Path=/; Max-Age=31536000; SameSite=Lax",
        lang.code()
    )) {
        resp.headers_mut().append(header::SET_COOKIE, v);
    }
}

/// The error page: the same [`AppError`] as the API, shown as a page.
#[derive(Template, WebTemplate)]
#[template(path = "errors/error.html")]
struct ErrorPage {
    t: &'static Texts,
    other_lang_url: String,
    status: u16,
    message: &'static str,
    detail: String,
    fields: Vec<String>,
}

/// An error raised by a page handler, rendered in the page's language.
pub struct PageError {
    /// What went wrong.
    pub error: AppError,
    /// The page's language.
    pub lang: Language,
}

/// Attaches the page language to errors in page handlers (`.map_err(page(lang))`).
pub fn page(lang: Language) -> impl Fn(AppError) -> PageError {
    move |error| PageError { error, lang }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let t = Texts::of(self.lang);
        let status = crate::routes::problem::status_of(&self.error);
        if let AppError::Internal(e) = &self.error {
            tracing::error!(error = ?e, "internal error on a page");
        }
        let message = match status.as_u16() {
            _ if matches!(self.error, AppError::TooManyForAddress) => t.error_429_address,
            _ if matches!(self.error, AppError::TooManyHolds { .. }) => t.error_429_holds,
            404 => t.error_404,
            409 => t.error_409,
            422 => t.error_422,
            429 => t.error_429,
            500..=599 => t.error_500,
            _ => t.error_other,
        };
        let (detail, fields) = match &self.error {
            AppError::Validation(errors) => (
                String::new(),
                errors
                    .iter()
                    .map(|e| format!("{}: {}", e.field, e.message))
                    .collect(),
            ),
            // The message says it all, in the page's language.
            AppError::Internal(_) | AppError::TooManyForAddress | AppError::TooManyHolds { .. } => {
                (String::new(), Vec::new())
            }
            other => (
                crate::routes::problem::problem_of(other)["detail"]
                    .as_str()
                    .unwrap_or_default()
                    .to_string(),
                Vec::new(),
            ),
        };
        let other = if t.lang == "it" { "en" } else { "it" };
        let page = ErrorPage {
            t,
            other_lang_url: format!("/?lang={other}"),
            status: status.as_u16(),
            message,
            detail,
            fields,
        };
        let mut resp = (status, page).into_response();
        // A page's other 429s come from the per-IP limits, whose windows are seconds.
        let wait = (status == StatusCode::TOO_MANY_REQUESTS).then(|| "5".to_string());
        if let Some(wait) = self
            .error
            .retry_after()
            .or(wait)
            .and_then(|w| HeaderValue::from_str(&w).ok())
        {
            resp.headers_mut().insert(header::RETRY_AFTER, wait);
        }
        resp
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn an_internal_error_is_a_500_page_that_tells_nothing_of_its_cause() {
        let resp = PageError {
            error: AppError::Internal(anyhow::anyhow!("secret database detail")),
            lang: Language::En,
        }
        .into_response();
        assert_eq!(resp.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let body = axum::body::to_bytes(resp.into_body(), 1 << 20)
            .await
            .unwrap();
        let html = String::from_utf8(body.to_vec()).unwrap();
        assert!(html.contains("<html lang=\"en\">") && html.contains("An error occurred"));
        assert!(!html.contains("secret database detail"));
    }
}
