//! Staff accounts, argon2 password hashes and bearer tokens.

use argon2::{
    Argon2,
    password_hash::{PasswordHasher, PasswordVerifier, phc::PasswordHash},
};
use chrono::{DateTime, Duration, Utc};
use entity::{api_token, app_user};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{
    domain::{EmailAddress, Role},
    error::{AppError, AppResult, ConflictKind},
    service::{db::Db, tokens},
};

/// An authenticated staff member, manager or administrator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// User id.
    pub user_id: i32,
    /// Role.
    pub role: Role,
    /// The office a staff member or manager belongs to; `None` for admins.
    pub office_id: Option<i32>,
}

impl Actor {
    /// Whether this actor may act as `role` on `office_id`: admins everywhere, others
    /// only in their own office and with at least that role.
    pub fn may(&self, role: Role, office_id: i32) -> bool {
        self.role == Role::Admin || (self.role >= role && self.office_id == Some(office_id))
    }

    /// Requires [`Actor::may`], else 403.
    pub fn require(&self, role: Role, office_id: i32) -> AppResult<()> {
        if self.may(role, office_id) {
            Ok(())
        } else {
            Err(AppError::Forbidden(
                "Your account may not do this for this office.".into(),
            ))
        }
    }

    /// Requires the admin role, else 403.
    pub fn require_admin(&self) -> AppResult<()> {
        if self.role == Role::Admin {
            Ok(())
        } else {
            Err(AppError::Forbidden(
                "Only administrators may do this.".into(),
            ))
        }
    }
}

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
    PasswordHash::new(stored).is_ok_and(|h| {
        Argon2::default()
            .verify_password(password.as_bytes(), &h)
            .is_ok()
    })
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

/// Exchanges email and password for a bearer token; any failure is the same 401.
pub async fn issue_token(
    db: &Db,
    credentials: &Credentials,
    valid_hours: i64,
    now: DateTime<Utc>,
) -> AppResult<TokenView> {
    let email = credentials.email.trim().to_lowercase();
    let user = app_user::Entity::find()
        .filter(app_user::Column::Email.eq(email))
        .one(&db.conn)
        .await?;
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
    let role = Role::parse(&user.role).map_err(|m| AppError::Internal(anyhow::anyhow!(m)))?;
    let token = tokens::new_token()?;
    let expires_at = now + Duration::hours(valid_hours);
    api_token::ActiveModel {
        user_id: Set(user.id),
        token_hash: Set(tokens::hash(&token)),
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

/// Resolves a bearer token to its actor; unknown, expired or disabled is 401.
pub async fn authenticate(db: &Db, token: &str, now: DateTime<Utc>) -> AppResult<Actor> {
    let row = api_token::Entity::find()
        .filter(api_token::Column::TokenHash.eq(tokens::hash(token.trim())))
        .filter(api_token::Column::ExpiresAt.gt(now))
        .one(&db.conn)
        .await?
        .ok_or(AppError::Unauthorized)?;
    let user = app_user::Entity::find_by_id(row.user_id)
        .one(&db.conn)
        .await?
        .filter(|u| u.active)
        .ok_or(AppError::Unauthorized)?;
    Ok(Actor {
        user_id: user.id,
        role: Role::parse(&user.role).map_err(|_| AppError::Unauthorized)?,
        office_id: user.office_id,
    })
}

impl Actor {
    /// The process itself (seeding, CLI): an admin with user id 0 in the audit log.
    pub fn system() -> Self {
        Self {
            user_id: 0,
            role: Role::Admin,
            office_id: None,
        }
    }
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
        };
        assert!(manager.may(Role::Staff, 1));
        assert!(manager.may(Role::Manager, 1));
        assert!(!manager.may(Role::Manager, 2));
        let staff = Actor {
            user_id: 2,
            role: Role::Staff,
            office_id: Some(1),
        };
        assert!(!staff.may(Role::Manager, 1));
        let admin = Actor {
            user_id: 3,
            role: Role::Admin,
            office_id: None,
        };
        assert!(admin.may(Role::Manager, 42));
    }
}
