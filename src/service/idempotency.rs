//! `Idempotency-Key` support: the first response to a key is stored (for 24 hours) and
//! returned again for the same body; a different body with the same key is refused.
//! A successful booking stores its response in the booking's own transaction, so a
//! booking and its key are committed together; two concurrent requests with one key are
//! resolved by the table's primary key: the loser rolls back and replays the winner.

use chrono::{DateTime, Duration, Utc};
use entity::idempotency_key;
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait};

use crate::{
    error::{AppError, AppResult},
    service::tokens,
};

/// How long a key is remembered.
pub const RETENTION: Duration = Duration::hours(24);

/// A request made with a key.
#[derive(Debug, Clone)]
pub struct Keyed {
    /// The endpoint the key is scoped to.
    pub endpoint: &'static str,
    /// The client's key.
    pub key: String,
    /// Hash of the canonical request body.
    pub request_hash: String,
}

impl Keyed {
    /// Builds from a raw header value and the parsed body.
    pub fn new(endpoint: &'static str, key: &str, body: &serde_json::Value) -> AppResult<Self> {
        let key = key.trim();
        if key.is_empty() || key.len() > 200 {
            return Err(AppError::invalid(
                "Idempotency-Key",
                "must be between 1 and 200 characters",
            ));
        }
        // serde_json's map is ordered by key, so this is a canonical form of the body.
        Ok(Self {
            endpoint,
            key: key.to_string(),
            request_hash: tokens::hash(&body.to_string()),
        })
    }
}

/// A stored response.
#[derive(Debug, Clone)]
pub struct StoredResponse {
    /// HTTP status of the first response.
    pub status: u16,
    /// Its JSON body.
    pub body: String,
}

/// Looks a key up: `Ok(Some)` replays, `Err` is a reuse with another body.
pub async fn find(
    db: &impl ConnectionTrait,
    keyed: &Keyed,
    now: DateTime<Utc>,
) -> AppResult<Option<StoredResponse>> {
    let row = idempotency_key::Entity::find_by_id((keyed.endpoint.to_string(), keyed.key.clone()))
        .one(db)
        .await?;
    match row {
        Some(r) if r.created_at + RETENTION > now => {
            if r.request_hash != keyed.request_hash {
                return Err(AppError::IdempotencyKeyReused);
            }
            Ok(Some(StoredResponse {
                status: u16::try_from(r.status_code).unwrap_or(500),
                body: r.response_body,
            }))
        }
        _ => Ok(None),
    }
}

/// Stores a response. Within the booking's transaction a duplicate key fails the insert
/// (and so the booking); outside it (`replace_expired`), an expired row is overwritten.
pub async fn store(
    db: &impl ConnectionTrait,
    keyed: &Keyed,
    response: &StoredResponse,
    now: DateTime<Utc>,
) -> AppResult<()> {
    // Expired rows (this key's among them) go first: stored responses hold a manage
    // token and personal data, which must not outlive the 24 hours they serve.
    idempotency_key::Entity::delete_many()
        .filter(sea_orm::ColumnTrait::lte(
            &idempotency_key::Column::CreatedAt,
            now - RETENTION,
        ))
        .exec(db)
        .await?;
    idempotency_key::Entity::insert(idempotency_key::ActiveModel {
        endpoint: Set(keyed.endpoint.to_string()),
        key: Set(keyed.key.clone()),
        request_hash: Set(keyed.request_hash.clone()),
        status_code: Set(i32::from(response.status)),
        response_body: Set(response.body.clone()),
        created_at: Set(now),
    })
    .exec(db)
    .await?;
    Ok(())
}

/// Stores an error response, ignoring a concurrent first writer (whose answer wins).
pub async fn store_if_absent(
    db: &impl ConnectionTrait,
    keyed: &Keyed,
    response: &StoredResponse,
    now: DateTime<Utc>,
) -> AppResult<()> {
    idempotency_key::Entity::insert(idempotency_key::ActiveModel {
        endpoint: Set(keyed.endpoint.to_string()),
        key: Set(keyed.key.clone()),
        request_hash: Set(keyed.request_hash.clone()),
        status_code: Set(i32::from(response.status)),
        response_body: Set(response.body.clone()),
        created_at: Set(now),
    })
    .on_conflict_do_nothing_on([
        idempotency_key::Column::Endpoint,
        idempotency_key::Column::Key,
    ])
    .exec(db)
    .await?;
    Ok(())
}

use sea_orm::QueryFilter;
