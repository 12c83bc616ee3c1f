//! `Idempotency-Key` support: the first response to a key is stored (for 24 hours) and
//! returned again for the same body; a different body with the same key is refused.
//! A successful booking stores its response in the booking's own transaction, so a
//! booking and its key are committed together; two concurrent requests with one key are
//! resolved by the table's primary key: the loser rolls back and replays the winner.
//!
//! Keys are scoped to the endpoint *and the client* (its address, IPv6 by /64): another
//! client sending the same key and body gets its own answer, never the first client's
//! manage token. The table keeps neither the key nor the response in clear: the row is
//! found by a hash of client and key, and the response is sealed (ChaCha20-Poly1305)
//! under another hash of them, so a copy of the database does not give the manage tokens
//! of the last day's bookings (security review, finding 7). A retry from another address
//! is a new request; the per-citizen limit still refuses a second booking of the service.

use base64::{Engine, engine::general_purpose::STANDARD};
use chrono::{DateTime, Duration, Utc};
use entity::idempotency_key;
use ring::aead;
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait, QueryFilter};
use serde::{Serialize, de::DeserializeOwned};
use sha2::{Digest, Sha256};

use crate::{
    error::{AppError, AppResult},
    infra::secrets,
};

/// How long a key is remembered.
pub const RETENTION: Duration = Duration::hours(24);

/// A request made with a key.
#[derive(Clone)]
pub struct Keyed {
    /// The endpoint the key is scoped to.
    pub endpoint: &'static str,
    /// What the row is found by: a hash of the client and its key.
    pub key: String,
    /// Hash of the canonical request body.
    pub request_hash: String,
    /// Seals and opens the stored response; derived from client and key, never stored.
    seal: [u8; 32],
}

impl std::fmt::Debug for Keyed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Keyed")
            .field("endpoint", &self.endpoint)
            .finish_non_exhaustive()
    }
}

impl Keyed {
    /// Builds from a raw header value, the client's address and the parsed body.
    pub fn new(
        endpoint: &'static str,
        key: &str,
        client: std::net::IpAddr,
        body: &serde_json::Value,
    ) -> AppResult<Self> {
        let key = key.trim();
        if key.is_empty() || key.len() > 200 {
            return Err(AppError::invalid(
                "Idempotency-Key",
                "must be between 1 and 200 characters",
            ));
        }
        // serde_json's map is ordered by key, so this is a canonical form of the body.
        let scoped = format!("{client}\n{key}");
        let seal = Sha256::digest(format!("sportello-idempotency-seal\n{scoped}").as_bytes());
        Ok(Self {
            endpoint,
            key: secrets::hash(&format!("sportello-idempotency-key\n{scoped}")),
            request_hash: secrets::hash(&body.to_string()),
            seal: seal.into(),
        })
    }

    /// Seals a response body for storage: `v1:` and base64 of nonce and ciphertext.
    fn seal(&self, body: &str) -> AppResult<String> {
        let key = self.aead_key()?;
        let nonce_bytes = secrets::random_bytes::<12>()?;
        let mut data = body.as_bytes().to_vec();
        key.seal_in_place_append_tag(
            aead::Nonce::assume_unique_for_key(nonce_bytes),
            aead::Aad::empty(),
            &mut data,
        )
        .map_err(|_| AppError::Internal(anyhow::anyhow!("cannot seal a stored response")))?;
        let mut out = nonce_bytes.to_vec();
        out.extend_from_slice(&data);
        Ok(format!("v1:{}", STANDARD.encode(out)))
    }

    /// Opens a stored body; `None` when it does not open with this client's key.
    fn open(&self, stored: &str) -> Option<String> {
        let raw = STANDARD.decode(stored.strip_prefix("v1:")?).ok()?;
        if raw.len() < 12 {
            return None;
        }
        let (nonce, sealed) = raw.split_at(12);
        let nonce = aead::Nonce::try_assume_unique_for_key(nonce).ok()?;
        let mut sealed = sealed.to_vec();
        let key = self.aead_key().ok()?;
        let plain = key
            .open_in_place(nonce, aead::Aad::empty(), &mut sealed)
            .ok()?;
        String::from_utf8(plain.to_vec()).ok()
    }

    fn aead_key(&self) -> AppResult<aead::LessSafeKey> {
        aead::UnboundKey::new(&aead::CHACHA20_POLY1305, &self.seal)
            .map(aead::LessSafeKey::new)
            .map_err(|_| AppError::Internal(anyhow::anyhow!("bad sealing key")))
    }
}

/// Looks a key up: `Ok(Some)` replays, `Err` is a reuse with another body. A first answer
/// that no longer reads as `T` (written by a version that stored HTTP responses: its
/// refusals were problem documents) is removed and the request is taken as new; its
/// bookings still read, as their views did not change.
pub async fn find<T: DeserializeOwned>(
    db: &impl ConnectionTrait,
    keyed: &Keyed,
    now: DateTime<Utc>,
) -> AppResult<Option<T>> {
    let row = idempotency_key::Entity::find_by_id((keyed.endpoint.to_string(), keyed.key.clone()))
        .one(db)
        .await?;
    match row {
        Some(r) if r.created_at + RETENTION > now => {
            if r.request_hash != keyed.request_hash {
                return Err(AppError::IdempotencyKeyReused);
            }
            let body = keyed.open(&r.response_body).ok_or_else(|| {
                AppError::Internal(anyhow::anyhow!("a stored response does not open"))
            })?;
            match serde_json::from_str(&body) {
                Ok(answer) => Ok(Some(answer)),
                Err(_) => {
                    idempotency_key::Entity::delete_by_id((r.endpoint, r.key))
                        .exec(db)
                        .await?;
                    Ok(None)
                }
            }
        }
        _ => Ok(None),
    }
}

/// Stores a response. Within the booking's transaction a duplicate key fails the insert
/// (and so the booking); outside it (`replace_expired`), an expired row is overwritten.
pub async fn store(
    db: &impl ConnectionTrait,
    keyed: &Keyed,
    answer: &impl Serialize,
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
        status_code: Set(0),
        response_body: Set(keyed.seal(&encode(answer)?)?),
        created_at: Set(now),
    })
    .exec(db)
    .await?;
    Ok(())
}

fn encode(answer: &impl Serialize) -> AppResult<String> {
    serde_json::to_string(answer).map_err(|e| AppError::Internal(e.into()))
}

/// Stores a refusal, ignoring a concurrent first writer (whose answer wins).
pub async fn store_if_absent(
    db: &impl ConnectionTrait,
    keyed: &Keyed,
    answer: &impl Serialize,
    now: DateTime<Utc>,
) -> AppResult<()> {
    idempotency_key::Entity::insert(idempotency_key::ActiveModel {
        endpoint: Set(keyed.endpoint.to_string()),
        key: Set(keyed.key.clone()),
        request_hash: Set(keyed.request_hash.clone()),
        status_code: Set(0),
        response_body: Set(keyed.seal(&encode(answer)?)?),
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
