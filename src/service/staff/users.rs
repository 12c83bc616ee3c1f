//! Staff accounts managed by managers: a manager creates and disables the clerks of their
//! office; an administrator does the same for managers of any office.

use crate::service::staff::auth;
use crate::service::staff::login_guard;
use crate::service::token_cache;
use chrono::{DateTime, Utc};
use entity::{api_token, app_user};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder,
    TransactionTrait,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{
    domain::Role,
    error::{AppError, AppResult},
    service::{actor::Actor, audit::Audit, db::Db},
};

/// `POST /api/v1/offices/{id}/users` body.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct NewUser {
    /// Login email.
    pub email: String,
    /// At least 10 characters; stored as an argon2id hash.
    pub password: String,
    /// `staff` (default) or `manager` (administrators only).
    #[serde(default = "staff")]
    pub role: String,
}

fn staff() -> String {
    "staff".into()
}

/// `PATCH /api/v1/users/{id}` body.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct UserPatch {
    /// `false` disables the account and ends its sessions and tokens at once.
    pub active: bool,
}

/// An account as managers see it (never the hash).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct UserView {
    /// Id.
    pub id: i32,
    /// Login email.
    pub email: String,
    /// `staff`, `manager` or `admin`.
    pub role: String,
    /// The office; null for admins.
    pub office_id: Option<i32>,
    /// Whether the account may log in.
    pub active: bool,
    /// Until when logins from browsers the account has not logged in from are refused
    /// after 5 failures (UTC), if they are now; its known browsers may still log in.
    pub locked_until: Option<String>,
}

fn user_view(u: &app_user::Model) -> UserView {
    UserView {
        id: u.id,
        email: u.email.clone(),
        role: u.role.clone(),
        office_id: u.office_id,
        active: u.active,
        locked_until: None,
    }
}

/// Which roles `actor` may create or change: managers their office's staff, admins
/// staff and managers anywhere (admins themselves only from the command line).
fn may_manage(actor: &Actor, role: Role, office_id: Option<i32>) -> AppResult<()> {
    let Some(office_id) = office_id else {
        return Err(AppError::Forbidden(
            "Administrators are managed from the command line.".into(),
        ));
    };
    actor.require(Role::Manager, office_id)?;
    match role {
        Role::Staff => Ok(()),
        Role::Manager => actor.require_admin(),
        Role::Admin => Err(AppError::Forbidden(
            "Administrators are managed from the command line.".into(),
        )),
    }
}

/// The accounts of an office (managers of it, admins), with their lockouts.
pub async fn list(
    db: &Db,
    guard: &login_guard::LoginGuard,
    actor: &Actor,
    office_id: i32,
    now: DateTime<Utc>,
) -> AppResult<Vec<UserView>> {
    actor.require(Role::Manager, office_id)?;
    let users = app_user::Entity::find()
        .filter(app_user::Column::OfficeId.eq(office_id))
        .order_by_asc(app_user::Column::Email)
        .all(&db.conn)
        .await?;
    let mut views = Vec::with_capacity(users.len());
    for u in &users {
        views.push(UserView {
            locked_until: guard
                .locked_until(&u.email, now)
                .await?
                .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Secs, false)),
            ..user_view(u)
        });
    }
    Ok(views)
}

/// Creates an account in an office.
pub async fn create(
    db: &Db,
    actor: &Actor,
    office_id: i32,
    input: &NewUser,
    now: DateTime<Utc>,
) -> AppResult<UserView> {
    let role = Role::parse(input.role.trim()).map_err(|m| AppError::invalid("role", m))?;
    may_manage(actor, role, Some(office_id))?;
    crate::service::office::lookup::find_office(db, office_id).await?;
    let user = auth::create_user(
        db,
        &input.email,
        &input.password,
        role,
        Some(office_id),
        now,
    )
    .await?;
    let view = user_view(&user);
    Audit::new(Some(actor), "create", "user", user.id)
        .office(office_id)
        .after(&view)
        .write(&db.conn, now)
        .await?;
    Ok(view)
}

/// Enables or disables an account. Disabling deletes its tokens and sessions in the same
/// transaction, so a lost phone or a clerk who left is locked out at once.
pub async fn set_active(
    db: &Db,
    actor: &Actor,
    user_id: i32,
    active: bool,
    now: DateTime<Utc>,
) -> AppResult<UserView> {
    // Clerks manage no accounts at all: that says nothing about any account.
    if actor.role < Role::Manager {
        return Err(AppError::Forbidden(
            "Only managers and administrators manage accounts.".into(),
        ));
    }
    // An account outside the actor's offices looks like no account (404, as for an
    // unknown id): a manager must not learn which ids other offices use.
    let user = app_user::Entity::find_by_id(user_id)
        .one(&db.conn)
        .await?
        .filter(|u| {
            u.office_id
                .map_or(actor.role == Role::Admin, |o| actor.may(Role::Manager, o))
        })
        .ok_or_else(|| AppError::not_found("There is no such user."))?;
    let role = Role::parse(&user.role).map_err(|m| AppError::Internal(anyhow::anyhow!(m)))?;
    may_manage(actor, role, user.office_id)?;
    if user.id == actor.user_id {
        return Err(AppError::conflict(
            crate::error::ConflictKind::State,
            "You cannot disable your own account.",
        ));
    }
    let before = user_view(&user);
    let txn = db.conn.begin().await?;
    let mut row: app_user::ActiveModel = user.into();
    row.active = Set(active);
    let saved = row.update(&txn).await?;
    if !active {
        api_token::Entity::delete_many()
            .filter(api_token::Column::UserId.eq(user_id))
            .exec(&txn)
            .await?;
    }
    let view = user_view(&saved);
    Audit::new(
        Some(actor),
        if active { "enable" } else { "disable" },
        "user",
        user_id,
    )
    .office_opt(saved.office_id)
    .before(&before)
    .after(&view)
    .write(&txn, now)
    .await?;
    if !active {
        token_cache::announce(&txn, &token_cache::Forget::User(user_id)).await?;
    }
    txn.commit().await?;
    if !active {
        db.auth.forget_user(user_id);
    }
    Ok(view)
}
