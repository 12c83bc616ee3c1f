//! Staff accounts, argon2 password hashes and bearer tokens.

use argon2::{
    Argon2,
    password_hash::{PasswordHasher, PasswordVerifier, phc::PasswordHash},
};
use chrono::{DateTime, Duration, Utc};
use entity::{api_token, app_user, office, trusted_device};

use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, JoinType, QueryFilter,
    QuerySelect,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{
    domain::{EmailAddress, Role},
    error::{AppError, AppResult, ConflictKind},
    infra::secrets,
    service::{actor::Actor, db::Db, staff::login_guard::LoginGuard, token_cache},
};

/// `POST /api/v1/auth/tokens` body.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct Credentials {
    /// Account email.
    pub email: String,
    /// Password.
    pub password: String,
}

/// A new bearer token.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TokenView {
    /// Send as `Authorization: Bearer <token>`.
    pub token: String,
    /// `staff`, `manager` or `admin`.
    pub role: String,
    /// The user's office; null for admins.
    pub office_id: Option<i32>,
    /// When the token stops working (UTC, `+00:00`: a token belongs to no office's zone).
    pub expires_at: String,
}

/// Hashes a password with argon2id and a random salt.
pub fn hash_password(password: &str) -> AppResult<String> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|h| h.to_string())
        .map_err(|e| AppError::Internal(anyhow::anyhow!("password hashing failed: {e}")))
}

fn verify_password(password: &str, stored: &str) -> bool {
    match PasswordHash::new(stored) {
        Ok(h) => Argon2::default()
            .verify_password(password.as_bytes(), &h)
            .is_ok(),
        // An account of the city's single sign-on has no password: it takes as long to
        // refuse as any other, so timing does not tell which accounts those are.
        Err(_) => {
            if let Ok(h) = PasswordHash::new(DUMMY_HASH) {
                let _ = Argon2::default().verify_password(password.as_bytes(), &h);
            }
            false
        }
    }
}

/// A fixed hash verified when the email is unknown, so the answer takes as long as for a
/// wrong password (no user enumeration by timing).
const DUMMY_HASH: &str = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$0aHOYQoKLZkXSLgS4qSe0w7ytwm2rE9bqnP0dzC6ZGo";

/// Creates a user (CLI and manager API).
pub async fn create_user(
    db: &Db,
    email: &str,
    password: &str,
    role: Role,
    office_id: Option<i32>,
    now: DateTime<Utc>,
) -> AppResult<app_user::Model> {
    let email = EmailAddress::parse(email).map_err(|m| AppError::invalid("email", m))?;
    if password.chars().count() < 10 {
        return Err(AppError::invalid(
            "password",
            "must have at least 10 characters",
        ));
    }
    if role != Role::Admin && office_id.is_none() {
        return Err(AppError::invalid(
            "office_id",
            "staff and managers belong to an office",
        ));
    }
    let existing = app_user::Entity::find()
        .filter(app_user::Column::Email.eq(email.as_str()))
        .one(&db.conn)
        .await?;
    if existing.is_some() {
        return Err(AppError::conflict(
            ConflictKind::Duplicate,
            "A user with this email exists.",
        ));
    }
    let user = app_user::ActiveModel {
        email: Set(email.as_str().into()),
        password_hash: Set(hash_password(password)?),
        role: Set(role.as_str().into()),
        office_id: Set(if role == Role::Admin { None } else { office_id }),
        active: Set(true),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&db.conn)
    .await?;
    Ok(user)
}

/// Exchanges email and password for a token (a bearer token, or the value of the web
/// session cookie: they are the same kind of row); any failure is the same 401. After
/// [`LoginGuard::MAX_FAILURES`] failures for one email the account's logins are refused
/// with 429 for a while, whatever the password, so guessing from many addresses (which
/// the per-IP limit cannot see) gets nowhere either.
///
/// A browser that logged in to this account before presents its device cookie
/// (OWASP's "device cookies"): it is not held by the account's lockout, which strangers
/// can cause at will, but by a count of its own (the same 5 in 15 minutes), so a clerk
/// can log in during a lockout and a stolen cookie still cannot guess freely (security
/// review, finding 9). Every success answers the device cookie to keep (the one sent,
/// when it was valid).
pub async fn issue_token(
    db: &Db,
    guard: &LoginGuard,
    credentials: &Credentials,
    device: Option<&str>,
    valid_hours: i64,
    now: DateTime<Utc>,
) -> AppResult<(TokenView, String)> {
    let email = credentials.email.trim().to_lowercase();
    let user = app_user::Entity::find()
        .filter(app_user::Column::Email.eq(email.as_str()))
        .one(&db.conn)
        .await?;
    let trusted = match (&user, device.map(str::trim).filter(|d| !d.is_empty())) {
        (Some(u), Some(d)) => trusted_device::Entity::find()
            .filter(trusted_device::Column::TokenHash.eq(secrets::hash(d)))
            .filter(trusted_device::Column::UserId.eq(u.id))
            .filter(trusted_device::Column::ExpiresAt.gt(now))
            .one(&db.conn)
            .await?
            .map(|row| (row, d.to_string())),
        _ => None,
    };
    // Counted before the password check (which takes tens of milliseconds), so that
    // guesses sent at the same moment cannot all slip in before the first one fails.
    let admitted = match &trusted {
        Some((row, _)) => guard.try_device(&row.token_hash, now).await?,
        None => guard.try_attempt(&email, now).await?,
    };
    if !admitted {
        return Err(AppError::TooManyRequests);
    }
    let password = credentials.password.clone();
    let stored = user
        .as_ref()
        .map_or_else(|| DUMMY_HASH.to_string(), |u| u.password_hash.clone());
    // argon2 takes tens of milliseconds on purpose: keep it off the async workers.
    let ok = tokio::task::spawn_blocking(move || verify_password(&password, &stored))
        .await
        .map_err(|e| AppError::Internal(e.into()))?;
    let user = match user {
        Some(u) if ok && u.active => u,
        _ => return Err(AppError::Unauthorized),
    };
    guard.succeeded(&email).await?;
    let device = match trusted {
        Some((row, cookie)) => {
            guard.device_succeeded(&row.token_hash).await?;
            cookie
        }
        None => trust_device(db, user.id, now).await?,
    };
    Ok((open_session(db, &user, valid_hours, now).await?, device))
}

/// A new token (bearer or session cookie) for an account whose identity is settled: by
/// its password above, or by the city's identity provider (`service::identity`).
pub async fn open_session(
    db: &Db,
    user: &app_user::Model,
    valid_hours: i64,
    now: DateTime<Utc>,
) -> AppResult<TokenView> {
    let role = Role::parse(&user.role).map_err(|m| AppError::Internal(anyhow::anyhow!(m)))?;
    let token = secrets::new_token()?;
    let expires_at = now + Duration::hours(valid_hours);
    api_token::ActiveModel {
        user_id: Set(user.id),
        token_hash: Set(secrets::hash(&token)),
        expires_at: Set(expires_at),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&db.conn)
    .await?;
    Ok(TokenView {
        token,
        role: role.as_str().into(),
        office_id: user.office_id,
        expires_at: expires_at.to_rfc3339_opts(chrono::SecondsFormat::Secs, false),
    })
}

/// The stored "password" of an account made by a single sign-on login: not an argon2
/// hash, so no password ever matches it and the account logs in only through its
/// provider.
pub const NO_PASSWORD: &str = "!single-sign-on";

/// How long a browser stays trusted after its last successful login.
pub const DEVICE_DAYS: i64 = 180;

/// Remembers a browser that has just logged in to `user_id`; returns its cookie value.
/// The account's expired devices go at the same time.
async fn trust_device(db: &Db, user_id: i32, now: DateTime<Utc>) -> AppResult<String> {
    trusted_device::Entity::delete_many()
        .filter(trusted_device::Column::UserId.eq(user_id))
        .filter(trusted_device::Column::ExpiresAt.lte(now))
        .exec(&db.conn)
        .await?;
    let cookie = secrets::new_token()?;
    trusted_device::ActiveModel {
        user_id: Set(user_id),
        token_hash: Set(secrets::hash(&cookie)),
        created_at: Set(now),
        expires_at: Set(now + Duration::days(DEVICE_DAYS)),
        ..Default::default()
    }
    .insert(&db.conn)
    .await?;
    Ok(cookie)
}

/// Resolves a bearer token or session cookie to its actor; unknown, expired or disabled
/// is 401. One query, and none at all for a token seen in the last
/// [`AuthCache::TTL_SECONDS`]: it runs on every staff request, scans included.
pub async fn authenticate(db: &Db, token: &str, now: DateTime<Utc>) -> AppResult<Actor> {
    let hash = secrets::hash(token.trim());
    if let Some(actor) = db.auth.get(&hash, now) {
        return Ok(actor);
    }
    let generation = db.auth.generation();
    type Found = (
        i32,
        String,
        Option<i32>,
        DateTime<Utc>,
        String,
        Option<String>,
    );
    let found: Option<Found> = api_token::Entity::find()
        .select_only()
        .column_as(app_user::Column::Id, "id")
        .column_as(app_user::Column::Role, "role")
        .column_as(app_user::Column::OfficeId, "office_id")
        .column_as(api_token::Column::ExpiresAt, "expires_at")
        .column_as(app_user::Column::Email, "email")
        .column_as(office::Column::Name, "office_name")
        .join(
            JoinType::InnerJoin,
            api_token::Entity::belongs_to(app_user::Entity)
                .from(api_token::Column::UserId)
                .to(app_user::Column::Id)
                .into(),
        )
        .join(
            JoinType::LeftJoin,
            app_user::Entity::belongs_to(office::Entity)
                .from(app_user::Column::OfficeId)
                .to(office::Column::Id)
                .into(),
        )
        .filter(api_token::Column::TokenHash.eq(hash.as_str()))
        .filter(api_token::Column::ExpiresAt.gt(now))
        .filter(app_user::Column::Active.eq(true))
        .into_tuple()
        .one(&db.conn)
        .await?;
    let (user_id, role, office_id, expires_at, email, office_name) =
        found.ok_or(AppError::Unauthorized)?;
    let actor = Actor {
        user_id,
        role: Role::parse(&role).map_err(|_| AppError::Unauthorized)?,
        office_id,
        email,
        office_name,
    };
    db.auth
        .put(hash, actor.clone(), expires_at, now, generation);
    Ok(actor)
}

/// Ends a session or revokes a bearer token (logout); an unknown token is no error.
pub async fn revoke(db: &Db, token: &str) -> AppResult<()> {
    let hash = secrets::hash(token.trim());
    api_token::Entity::delete_many()
        .filter(api_token::Column::TokenHash.eq(hash.as_str()))
        .exec(&db.conn)
        .await?;
    token_cache::announce(&db.conn, &token_cache::Forget::Token(hash.clone())).await?;
    db.auth.forget_token(&hash);
    Ok(())
}

/// The CSRF token of a web session: derived from the session's secret, so it needs no
/// storage, differs per session, and a page on another site (which can neither read the
/// `HttpOnly` cookie nor our pages) cannot know it.
pub fn csrf_for_session(session_token: &str) -> String {
    secrets::hash(&format!("csrf:{}", session_token.trim()))
        .chars()
        .take(32)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_verify_and_the_dummy_hash_parses() {
        let h = hash_password("correct horse battery").unwrap();
        assert!(verify_password("correct horse battery", &h));
        assert!(!verify_password("wrong", &h));
        assert!(PasswordHash::new(DUMMY_HASH).is_ok());
        assert!(!verify_password("anything", DUMMY_HASH));
    }

    #[test]
    fn scope_is_checked_by_role_and_office() {
        let manager = Actor {
            user_id: 1,
            role: Role::Manager,
            office_id: Some(1),
            email: String::new(),
            office_name: None,
        };
        assert!(manager.may(Role::Staff, 1));
        assert!(manager.may(Role::Manager, 1));
        assert!(!manager.may(Role::Manager, 2));
        let staff = Actor {
            user_id: 2,
            role: Role::Staff,
            office_id: Some(1),
            email: String::new(),
            office_name: None,
        };
        assert!(!staff.may(Role::Manager, 1));
        let admin = Actor {
            user_id: 3,
            role: Role::Admin,
            office_id: None,
            email: String::new(),
            office_name: None,
        };
        assert!(admin.may(Role::Manager, 42));
    }
}
