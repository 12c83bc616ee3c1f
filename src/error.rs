//! The one error type of Sportello. Services return it; the HTTP layer renders it as an
//! RFC 9457 `application/problem+json` document (and, later, the pages as error pages).
//! The variants name what went wrong in domain words; only [`AppError::status`] knows HTTP.
//!
//! Policy: a client's mistake is never a 5xx; a 5xx logs its cause with `tracing::error!`
//! and tells the client nothing about it.

use axum::{
    http::{HeaderValue, StatusCode, header},
    response::{IntoResponse, Response},
};
use sea_orm::{DbErr, SqlErr};
use serde_json::{Map, Value, json};

use crate::domain::FieldError;

/// Kinds of conflict with the current state, each with its own problem `type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConflictKind {
    /// No counter or no room capacity left.
    SlotFull,
    /// The citizen already holds the service's limit of active bookings.
    CitizenLimit,
    /// The hold is unknown or has expired.
    HoldExpired,
    /// The booking's status does not allow the action.
    State,
    /// A unique name or key is taken.
    Duplicate,
    /// A waiting-list offer was taken by someone else, or lapsed.
    OfferGone,
}

impl ConflictKind {
    fn slug(self) -> &'static str {
        match self {
            Self::SlotFull => "slot-full",
            Self::CitizenLimit => "citizen-limit",
            Self::HoldExpired => "hold-expired",
            Self::State => "invalid-state",
            Self::Duplicate => "duplicate",
            Self::OfferGone => "offer-gone",
        }
    }
}

/// Why a scanned code does not admit anyone (API.md "checkins").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScanRefusal {
    /// Already admitted (or served).
    AlreadyCheckedIn,
    /// The booking was cancelled.
    Cancelled,
    /// The booking was released as a no-show.
    NoShow,
    /// Too long before the start.
    TooEarly,
    /// A booking of another office than the clerk's.
    WrongOffice,
    /// No booking has this code.
    UnknownCode,
}

impl ScanRefusal {
    /// The `outcome` member of the problem document.
    pub fn outcome(self) -> &'static str {
        match self {
            Self::AlreadyCheckedIn => "already_checked_in",
            Self::Cancelled => "cancelled",
            Self::NoShow => "no_show",
            Self::TooEarly => "too_early",
            Self::WrongOffice => "wrong_office",
            Self::UnknownCode => "unknown_code",
        }
    }
}

/// Every failure a request can end in.
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The request cannot be parsed (bad JSON, wrong types, missing body).
    #[error("{0}")]
    BadRequest(String),
    /// No or bad credentials.
    #[error("authentication required")]
    Unauthorized,
    /// Authenticated, but not allowed here.
    #[error("{0}")]
    Forbidden(String),
    /// Nothing here; also used where a wrong secret must look like a missing thing.
    #[error("{0}")]
    NotFound(String),
    /// The path exists, the method does not.
    #[error("method not allowed")]
    MethodNotAllowed,
    /// The body is not JSON (by its `Content-Type`).
    #[error("unsupported media type")]
    UnsupportedMediaType,
    /// Conflict with the current state.
    #[error("{detail}")]
    Conflict {
        /// Which conflict.
        kind: ConflictKind,
        /// Human-readable explanation.
        detail: String,
        /// Extension members of the problem document.
        extra: Map<String, Value>,
    },
    /// A scan that admits nobody, with the facts the clerk needs.
    #[error("{detail}")]
    Scan {
        /// Why.
        refusal: ScanRefusal,
        /// Human-readable explanation.
        detail: String,
        /// Extension members (times, the booking).
        extra: Map<String, Value>,
    },
    /// Well-formed but invalid input, field by field.
    #[error("invalid input")]
    Validation(Vec<FieldError>),
    /// An `Idempotency-Key` reused with a different request body.
    #[error("idempotency key reused with a different request")]
    IdempotencyKeyReused,
    /// Too many requests from this client.
    #[error("too many requests")]
    TooManyRequests,
    /// Too many bookings or waiting-list entries for one email address this hour
    /// (`service::window::RecipientGuard`).
    #[error("too many bookings for this email address")]
    TooManyForAddress,
    /// This client address already keeps the most live holds it may
    /// (`SPORTELLO_HOLDS_PER_CLIENT`): one client must not hold a service's whole day.
    #[error("too many holds from this client")]
    TooManyHolds {
        /// Seconds until its oldest hold lapses.
        retry_after: i64,
    },
    /// The body is larger than the server takes.
    #[error("the request body is too large")]
    PayloadTooLarge,
    /// Anything else: a bug or an unavailable dependency.
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

/// Shorthand for results of services and handlers.
pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    /// A conflict without extension members.
    pub fn conflict(kind: ConflictKind, detail: impl Into<String>) -> Self {
        Self::Conflict {
            kind,
            detail: detail.into(),
            extra: Map::new(),
        }
    }

    /// A validation error on one field.
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        Self::Validation(vec![FieldError::new(field, message)])
    }

    /// A not-found with a message.
    pub fn not_found(what: impl Into<String>) -> Self {
        Self::NotFound(what.into())
    }

    /// Seconds to send as `Retry-After`, where the error knows how long the wait is: an
    /// address's hour of bookings may have just begun. (The per-IP limiter sets its own,
    /// exact, value.)
    pub fn retry_after(&self) -> Option<String> {
        match self {
            Self::TooManyForAddress => Some("3600".into()),
            Self::TooManyHolds { retry_after } => Some(retry_after.max(&1).to_string()),
            _ => None,
        }
    }

    /// The HTTP status of this error.
    pub fn status(&self) -> StatusCode {
        match self {
            Self::BadRequest(_) => StatusCode::BAD_REQUEST,
            Self::Unauthorized => StatusCode::UNAUTHORIZED,
            Self::Forbidden(_) => StatusCode::FORBIDDEN,
            Self::NotFound(_) => StatusCode::NOT_FOUND,
            Self::MethodNotAllowed => StatusCode::METHOD_NOT_ALLOWED,
            Self::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Self::Conflict { .. } => StatusCode::CONFLICT,
            Self::Scan { refusal, .. } => match refusal {
                ScanRefusal::AlreadyCheckedIn => StatusCode::CONFLICT,
                ScanRefusal::Cancelled | ScanRefusal::NoShow => StatusCode::GONE,
                ScanRefusal::TooEarly => StatusCode::UNPROCESSABLE_ENTITY,
                ScanRefusal::WrongOffice => StatusCode::FORBIDDEN,
                ScanRefusal::UnknownCode => StatusCode::NOT_FOUND,
            },
            Self::Validation(_) | Self::IdempotencyKeyReused => StatusCode::UNPROCESSABLE_ENTITY,
            Self::TooManyRequests | Self::TooManyForAddress | Self::TooManyHolds { .. } => {
                StatusCode::TOO_MANY_REQUESTS
            }
            Self::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The problem document (RFC 9457) of this error.
    pub fn problem(&self) -> Value {
        let status = self.status();
        let title = status.canonical_reason().unwrap_or("Error");
        let (kind, detail) = match self {
            Self::Conflict { kind, detail, .. } => (Some(kind.slug()), detail.clone()),
            Self::Scan {
                refusal, detail, ..
            } => (Some(refusal.outcome()), detail.clone()),
            Self::Validation(_) => (Some("validation"), "The request has invalid fields.".into()),
            Self::IdempotencyKeyReused => (
                Some("idempotency-key-reused"),
                "This Idempotency-Key was used with a different request body.".into(),
            ),
            Self::Unauthorized => (None, "Missing, invalid or expired credentials.".into()),
            Self::TooManyRequests => (None, "Too many requests; try again shortly.".into()),
            Self::TooManyForAddress => (
                None,
                "This email address has had too many bookings in the last hour. Please try again later."
                    .into(),
            ),
            Self::TooManyHolds { .. } => (
                Some("too-many-holds"),
                "This connection already keeps the most times on hold it may. Book or release one, or wait until one lapses."
                    .into(),
            ),
            Self::MethodNotAllowed => (None, "This path does not accept that method.".into()),
            Self::UnsupportedMediaType => (None, "Send the body as application/json.".into()),
            Self::PayloadTooLarge => (
                None,
                "The request body is larger than the server accepts.".into(),
            ),
            Self::Internal(_) => (
                None,
                "An internal error occurred; it has been logged.".into(),
            ),
            Self::BadRequest(d) | Self::Forbidden(d) | Self::NotFound(d) => (None, d.clone()),
        };
        let mut doc = json!({
            "type": kind.map_or_else(|| "about:blank".to_string(), |k| format!("/problems/{k}")),
            "title": title,
            "status": status.as_u16(),
            "detail": detail,
        });
        if let Some(map) = doc.as_object_mut() {
            match self {
                Self::Validation(errors) => {
                    map.insert("errors".into(), json!(errors));
                }
                Self::Scan { refusal, extra, .. } => {
                    map.insert("outcome".into(), json!(refusal.outcome()));
                    for (k, v) in extra {
                        map.insert(k.clone(), v.clone());
                    }
                }
                Self::Conflict { extra, .. } => {
                    for (k, v) in extra {
                        map.insert(k.clone(), v.clone());
                    }
                }
                _ => {}
            }
        }
        doc
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let Self::Internal(e) = &self {
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
            .retry_after()
            .and_then(|w| HeaderValue::from_str(&w).ok())
        {
            resp.headers_mut().insert(header::RETRY_AFTER, wait);
        }
        resp
    }
}

impl From<DbErr> for AppError {
    fn from(e: DbErr) -> Self {
        if let Some(SqlErr::UniqueConstraintViolation(_)) = e.sql_err() {
            return Self::conflict(ConflictKind::Duplicate, "This already exists.");
        }
        Self::Internal(anyhow::Error::new(e))
    }
}

/// Whether a database error is a unique-key violation (used to retry a random reference
/// or to detect a concurrent duplicate idempotency key).
pub fn is_unique_violation(e: &DbErr) -> bool {
    matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_)))
}
