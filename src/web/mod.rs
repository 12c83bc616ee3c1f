//! What the server-rendered pages share: the language of the page, CSRF protection of
//! forms, and rendering any [`AppError`] as an error page in the same look.

pub mod chart;
pub mod site;

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    http::{HeaderMap, HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};

use crate::{domain::Language, error::AppError, infra::secrets};

pub use crate::l10n::{Tr, fl};

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
    accepted(accept)
}

/// The best of our languages for an `Accept-Language` header (RFC 9110 §12.5.4): the
/// highest quality wins, the earlier entry on a tie, `q=0` means "not this one", and a
/// regional tag (`sq-AL`) counts for its language. Italian when none of ours is wanted.
fn accepted(header: &str) -> Language {
    let mut best: Option<(u16, Language)> = None;
    for part in header.split(',') {
        let mut pieces = part.split(';');
        let tag = pieces.next().unwrap_or_default().trim();
        let quality = pieces
            .filter_map(|p| {
                let p = p.trim().to_ascii_lowercase();
                p.strip_prefix("q=").map(|q| q.trim().parse::<f32>().ok())
            })
            .flatten()
            .next()
            .unwrap_or(1.0);
        // Thousandths, as the RFC allows no more precision.
        let quality = (quality.clamp(0.0, 1.0) * 1000.0).round() as u16;
        let primary = tag.split('-').next().unwrap_or_default();
        if quality == 0 {
            continue;
        }
        if let Ok(l) = Language::parse(primary)
            && best.is_none_or(|(q, _)| quality > q)
        {
            best = Some((quality, l));
        }
    }
    best.map(|(_, l)| l).unwrap_or_default()
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

/// What a refused form post says (API, logs); pages say it in their language.
pub const CSRF_REFUSAL: &str =
    "The form has expired or did not come from this site. Please try again.";

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
            _ => Err(AppError::Forbidden(CSRF_REFUSAL.into())),
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

/// Remembers the language a staff page was asked in (`?lang=`, the language menu), so
/// the next page without it keeps it: the staff pages' handlers never see the response.
pub async fn remember_chosen_language(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let chosen = request.uri().query().and_then(|q| {
        form_urlencoded::parse(q.as_bytes())
            .find(|(k, _)| k == "lang")
            .and_then(|(_, v)| Language::parse(&v).ok())
    });
    let mut response = next.run(request).await;
    if let Some(lang) = chosen {
        remember_lang(&mut response, lang);
    }
    response
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
    t: &'static Tr,
    here: String,
    status: u16,
    message: String,
    fields: Vec<(String, String)>,
    /// Raised on a staff or manager page: the way back is the staff's home.
    staff: bool,
    /// The header's link home: the staff's or the citizens'.
    home: &'static str,
}

tokio::task_local! {
    /// The address of the page being answered (GET only, without its `lang=`), so that
    /// an error page's language menu shows the same page again in another language.
    static PAGE: String;
}

/// Runs a request with its address known to [`PageError`].
pub async fn remember_page(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let path_is_ours = |p: &str| p.starts_with('/') && !p.starts_with("//") && !p.contains('\\');
    let here = if request.method() == axum::http::Method::GET && path_is_ours(request.uri().path())
    {
        // Never "//host/…": the language menu would link to another site.
        let path = request.uri().path().to_string();
        let kept: Vec<(String, String)> = request
            .uri()
            .query()
            .map(|q| {
                form_urlencoded::parse(q.as_bytes())
                    .into_owned()
                    .filter(|(k, _)| k != "lang")
                    .collect()
            })
            .unwrap_or_default();
        let mut query = form_urlencoded::Serializer::new(String::new());
        query.extend_pairs(kept);
        let query = query.finish();
        if query.is_empty() {
            format!("{path}?")
        } else {
            format!("{path}?{query}&")
        }
    } else {
        // A form's address answers GET with another page: the menu leads home.
        let staff = request.uri().path().starts_with("/staff")
            || request.uri().path().starts_with("/manage");
        if staff { "/staff?" } else { "/?" }.to_string()
    };
    PAGE.scope(here, next.run(request)).await
}

fn current_page() -> String {
    PAGE.try_with(Clone::clone).unwrap_or_else(|_| "/?".into())
}

/// What a page says went wrong, in its language. The services' own `detail` texts are
/// English (they are the API's), so a page names the kind of failure instead.
pub fn headline(t: &Tr, error: &AppError, status: u16) -> String {
    use crate::error::ConflictKind;
    match error {
        AppError::TooManyForAddress => fl!(t, "citizen-error-429-address"),
        AppError::TooManyResends { per_hour } => {
            fl!(t, "citizen-error-429-resend", count = (*per_hour))
        }
        AppError::TooManyHolds { .. } => fl!(t, "citizen-error-429-holds"),
        AppError::Forbidden(m) if m == CSRF_REFUSAL => fl!(t, "citizen-error-403"),
        AppError::Forbidden(m) if m == crate::service::booking::book::LOGIN_REQUIRED => {
            fl!(t, "identity-required")
        }
        AppError::Forbidden(_) => fl!(t, "citizen-error-403-role"),
        AppError::BadRequest(_) => fl!(t, "citizen-error-400"),
        AppError::Conflict {
            kind: ConflictKind::CitizenLimit,
            detail,
            ..
        } if detail == crate::service::booking::book::LIMIT_BY_IDENTITY => {
            fl!(t, "citizen-citizen-limit-identity")
        }
        AppError::Conflict { kind, .. } => match kind {
            ConflictKind::SlotFull => fl!(t, "citizen-just-taken"),
            ConflictKind::CitizenLimit => fl!(t, "citizen-citizen-limit"),
            ConflictKind::HoldExpired => fl!(t, "citizen-hold-gone"),
            ConflictKind::OfferGone => fl!(t, "citizen-offer-gone"),
            ConflictKind::QueueClosed => fl!(t, "queue-closed-now"),
            ConflictKind::State | ConflictKind::Duplicate => fl!(t, "citizen-error-409"),
        },
        _ => match status {
            404 => fl!(t, "citizen-error-404"),
            409 => fl!(t, "citizen-error-409"),
            422 => fl!(t, "citizen-error-422"),
            429 => fl!(t, "citizen-error-429"),
            500..=599 => fl!(t, "citizen-error-500"),
            _ => fl!(t, "citizen-error-other"),
        },
    }
}

/// A field error as a page shows it: the field's label and what it expects, both from
/// the message files (`field-…` and `invalid-…`, keyed by the API's stable field name
/// without its indices: `citizen.email` is `citizen-email`, `weekly.mon[0]` is
/// `weekly`). A field without its own explanation gets the general one, never the API's
/// English.
pub fn field_error(t: &Tr, e: &crate::domain::FieldError) -> (String, String) {
    let path = e.field.split('[').next().unwrap_or_default();
    let path = if path.starts_with("weekly.") {
        "weekly"
    } else {
        path
    };
    let key: String = path
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let text = |prefix: &str, key: &str| {
        let id = format!("{prefix}-{key}");
        if t.has(&id) {
            t.get(&id)
        } else {
            t.get(&format!("{prefix}-other"))
        }
    };
    let reason = match e.code {
        Some(code) => text("invalid", code),
        None => text("invalid", &key),
    };
    (text("field", &key), reason)
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
        let t = Tr::of(self.lang);
        let status = crate::routes::problem::status_of(&self.error);
        if let AppError::Internal(e) = &self.error {
            tracing::error!(error = ?e, "internal error on a page");
        }
        let message = headline(t, &self.error, status.as_u16());
        let fields = match &self.error {
            AppError::Validation(errors) => errors.iter().map(|e| field_error(t, e)).collect(),
            _ => Vec::new(),
        };
        let here = current_page();
        let staff =
            here.starts_with("/staff") || here.starts_with("/manage") || here.starts_with("/login");
        let page = ErrorPage {
            t,
            staff,
            home: if staff { "/staff" } else { "/" },
            here,
            status: status.as_u16(),
            message,
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

    #[test]
    fn accept_language_quality_values_decide() {
        let code = |h: &str| accepted(h).code();
        assert_eq!(code("de-DE, ro;q=0.8, en;q=0.9"), "en");
        assert_eq!(code("sq-AL,sq;q=0.9,en-US;q=0.8"), "sq");
        assert_eq!(code("en;q=0.5, ar;q=0.7"), "ar");
        assert_eq!(code("ar;q=0, ro"), "ro");
        assert_eq!(code("en, ro"), "en", "a tie goes to the first");
        assert_eq!(code("de, fr;q=0.5"), "it", "none of ours: Italian");
        assert_eq!(code(""), "it");
        assert_eq!(code("RO;Q=0.3"), "ro");
    }

    #[tokio::test]
    async fn an_internal_error_is_a_500_page_that_tells_nothing_of_its_cause() {
        let resp = PageError {
            error: AppError::Internal(anyhow::anyhow!("secret database detail")),
            lang: Language::parse("en").expect("registered"),
        }
        .into_response();
        assert_eq!(resp.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let body = axum::body::to_bytes(resp.into_body(), 1 << 20)
            .await
            .unwrap();
        let html = String::from_utf8(body.to_vec()).unwrap();
        assert!(
            html.contains("<html lang=\"en\" dir=\"ltr\">") && html.contains("An error occurred")
        );
        assert!(!html.contains("secret database detail"));
    }
}
