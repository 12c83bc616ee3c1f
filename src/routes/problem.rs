//! How the services' errors and the HTTP layer's own (a wrong method, a body that is not
//! JSON or too large) are answered: a status and an RFC 9457 `application/problem+json`
//! document. Pages render the same errors as pages, in `web`.

use axum::{
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use serde_json::{Value, json};

use crate::error::{AppError, ConflictKind, ScanRefusal};

/// Every failure a request can end in: a service's, or one only HTTP knows.
#[derive(Debug, thiserror::Error)]
pub enum HttpError {
    /// What a service refused or failed at.
    #[error(transparent)]
    App(#[from] AppError),
    /// The path exists, the method does not.
    #[error("method not allowed")]
    MethodNotAllowed,
    /// The body is not JSON (by its `Content-Type`).
    #[error("unsupported media type")]
    UnsupportedMediaType,
    /// The body is larger than the server takes.
    #[error("the request body is too large")]
    PayloadTooLarge,
}

/// Shorthand for the results of handlers.
pub type HttpResult<T> = Result<T, HttpError>;

impl HttpError {
    /// A request that cannot be read (bad JSON, a missing header).
    pub fn bad_request(detail: impl Into<String>) -> Self {
        Self::App(AppError::BadRequest(detail.into()))
    }

    /// The service's error, if it is one.
    pub fn app(&self) -> Option<&AppError> {
        match self {
            Self::App(e) => Some(e),
            _ => None,
        }
    }

    /// The HTTP status.
    pub fn status(&self) -> StatusCode {
        match self {
            Self::App(e) => status_of(e),
            Self::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Self::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        }
    }

    /// The problem document (RFC 9457).
    pub fn problem(&self) -> Value {
        match self {
            Self::App(e) => problem_of(e),
            Self::MethodNotAllowed => {
                plain(self.status(), "This path does not accept that method.")
            }
            Self::UnsupportedMediaType => {
                plain(self.status(), "Send the body as application/json.")
            }
            Self::PayloadTooLarge => plain(
                self.status(),
                "The request body is larger than the server accepts.",
            ),
        }
    }
}

/// The HTTP status of a service's error.
pub fn status_of(e: &AppError) -> StatusCode {
    match e {
        AppError::BadRequest(_) => StatusCode::BAD_REQUEST,
        AppError::Unauthorized => StatusCode::UNAUTHORIZED,
        AppError::Forbidden(_) => StatusCode::FORBIDDEN,
        AppError::NotFound(_) => StatusCode::NOT_FOUND,
        AppError::Conflict { .. } => StatusCode::CONFLICT,
        AppError::Scan { refusal, .. } => match refusal {
            ScanRefusal::AlreadyCheckedIn => StatusCode::CONFLICT,
            ScanRefusal::Cancelled | ScanRefusal::NoShow => StatusCode::GONE,
            ScanRefusal::TooEarly => StatusCode::UNPROCESSABLE_ENTITY,
            ScanRefusal::WrongOffice => StatusCode::FORBIDDEN,
            ScanRefusal::UnknownCode => StatusCode::NOT_FOUND,
        },
        AppError::Validation(_) | AppError::IdempotencyKeyReused => {
            StatusCode::UNPROCESSABLE_ENTITY
        }
        AppError::TooManyRequests
        | AppError::TooManyForAddress
        | AppError::TooManyResends { .. }
        | AppError::TooManyHolds { .. } => StatusCode::TOO_MANY_REQUESTS,
        AppError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

fn plain(status: StatusCode, detail: &str) -> Value {
    json!({
        "type": "about:blank",
        "title": status.canonical_reason().unwrap_or("Error"),
        "status": status.as_u16(),
        "detail": detail,
    })
}

/// The problem document of a service's error.
pub fn problem_of(e: &AppError) -> Value {
    let status = status_of(e);
    let title = status.canonical_reason().unwrap_or("Error");
    let (kind, detail) = match e {
        AppError::Conflict { kind, detail, .. } => (Some(kind.slug()), detail.clone()),
        AppError::Scan {
            refusal, detail, ..
        } => (Some(refusal.outcome()), detail.clone()),
        AppError::Validation(_) => (Some("validation"), "The request has invalid fields.".into()),
        AppError::IdempotencyKeyReused => (
            Some("idempotency-key-reused"),
            "This Idempotency-Key was used with a different request body.".into(),
        ),
        AppError::Unauthorized => (None, "Missing, invalid or expired credentials.".into()),
        AppError::TooManyRequests => (None, "Too many requests; try again shortly.".into()),
        AppError::TooManyResends { per_hour } => (
            None,
            format!(
                "The confirmation can be sent {per_hour} times an hour; try again within the hour."
            ),
        ),
        AppError::TooManyForAddress => (
            None,
            "This email address has had too many bookings in the last hour. Please try again later."
                .into(),
        ),
        AppError::TooManyHolds { .. } => (
            Some("too-many-holds"),
            "This connection already keeps the most times on hold it may. Book or release one, or wait until one lapses."
                .into(),
        ),
        AppError::Internal(_) => (
            None,
            "An internal error occurred; it has been logged.".into(),
        ),
        AppError::BadRequest(d) | AppError::Forbidden(d) | AppError::NotFound(d) => {
            (None, d.clone())
        }
    };
    let mut doc = json!({
        "type": kind.map_or_else(|| "about:blank".to_string(), |k| format!("/problems/{k}")),
        "title": title,
        "status": status.as_u16(),
        "detail": detail,
    });
    if let Some(map) = doc.as_object_mut() {
        match e {
            AppError::Validation(errors) => {
                map.insert("errors".into(), json!(errors));
            }
            AppError::Scan { refusal, extra, .. } => {
                map.insert("outcome".into(), json!(refusal.outcome()));
                for (k, v) in extra {
                    map.insert(k.clone(), v.clone());
                }
            }
            AppError::Conflict { extra, .. } => {
                for (k, v) in extra {
                    map.insert(k.clone(), v.clone());
                }
            }
            _ => {}
        }
    }
    doc
}

impl IntoResponse for HttpError {
    fn into_response(self) -> Response {
        if let Self::App(AppError::Internal(e)) = &self {
            tracing::error!(error = ?e, "internal error");
        }
        let status = self.status();
        let body = self.problem().to_string();
        let mut resp = (status, body).into_response();
        resp.headers_mut().insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/problem+json"),
        );
        if let Some(wait) = self
            .app()
            .and_then(AppError::retry_after)
            .and_then(|w| HeaderValue::from_str(&w).ok())
        {
            resp.headers_mut().insert(header::RETRY_AFTER, wait);
        }
        resp
    }
}

/// Lets a handler return a service's `AppResult` directly.
impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        HttpError::App(self).into_response()
    }
}

/// A refusal's conflict kind, for callers that branch on it.
pub fn conflict_kind(e: &HttpError) -> Option<ConflictKind> {
    match e {
        HttpError::App(AppError::Conflict { kind, .. }) => Some(*kind),
        _ => None,
    }
}
