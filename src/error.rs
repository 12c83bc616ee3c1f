//! The error of the services: what went wrong, in domain words, and nothing of HTTP.
//! `routes::problem` maps it to a status and an RFC 9457 `application/problem+json`
//! document, and `web` to an error page in the user's language.
//!
//! Policy: a client's mistake is never an [`AppError::Internal`]; an internal error is
//! logged with its cause where it is rendered, and tells the client nothing about it.
//! Refusals (every variant but `Internal`) can be stored and replayed: an idempotency key
//! keeps the first refusal of a booking.

use sea_orm::{DbErr, SqlErr};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::domain::FieldError;

/// Kinds of conflict with the current state, each with its own problem `type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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
    /// The office is closed now, or the service cannot serve one more ticket today.
    QueueClosed,
}

impl ConflictKind {
    /// The stable name of the conflict (the problem type's last segment).
    pub fn slug(self) -> &'static str {
        match self {
            Self::SlotFull => "slot-full",
            Self::CitizenLimit => "citizen-limit",
            Self::HoldExpired => "hold-expired",
            Self::State => "invalid-state",
            Self::Duplicate => "duplicate",
            Self::OfferGone => "offer-gone",
            Self::QueueClosed => "queue-closed",
        }
    }
}

/// Why a scanned code does not admit anyone (API.md "checkins").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
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

/// Every way a use-case can fail.
#[derive(Debug, thiserror::Error, Serialize, Deserialize)]
pub enum AppError {
    /// The input cannot be read at all (not JSON, wrong types, missing).
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
    /// Too many attempts at this (a confirmation resent too often, too many logins).
    #[error("too many requests")]
    TooManyRequests,
    /// A booking's confirmation was sent again as often as an hour allows.
    #[error("the confirmation was sent too often")]
    TooManyResends {
        /// How many times an hour.
        per_hour: u64,
    },
    /// Too many bookings or waiting-list entries for one email address this hour
    /// (`service::limits::RecipientGuard`).
    #[error("too many bookings for this email address")]
    TooManyForAddress,
    /// This client address already keeps the most live holds it may
    /// (`SPORTELLO_HOLDS_PER_CLIENT`): one client must not hold a service's whole day.
    #[error("too many holds from this client")]
    TooManyHolds {
        /// Seconds until its oldest hold lapses.
        retry_after: i64,
    },
    /// Anything else: a bug or an unavailable dependency.
    #[error(transparent)]
    #[serde(skip)]
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
            Self::TooManyForAddress | Self::TooManyResends { .. } => Some("3600".into()),
            Self::TooManyHolds { retry_after } => Some(retry_after.max(&1).to_string()),
            _ => None,
        }
    }

    /// Whether the request itself was refused (its input, its rights or the state it met),
    /// as opposed to failing inside: a refusal is a final answer that an idempotency key
    /// keeps and replays.
    pub fn is_refusal(&self) -> bool {
        !matches!(self, Self::Internal(_))
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
