//! A clerk, manager or administrator logged in through the city's directory (Azure AD,
//! Keycloak, ADFS): the configured claims name the role and the office, and the account
//! is made or brought up to date from them. An account disabled in Sportello stays
//! disabled whatever the directory says.

use chrono::{DateTime, Utc};
use entity::{app_user, office};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};
use serde_json::Value;

use super::{Outcome, Refusal};
use crate::{
    config::{Config, OidcProvider},
    domain::{EmailAddress, Role},
    error::{AppError, AppResult},
    infra::oidc::Verified,
    service::{db::Db, staff::auth},
};

/// The claim's values: a string, a number, or a list of them.
fn values(claim: Option<&Value>) -> Vec<String> {
    match claim {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Number(n)) => vec![n.to_string()],
        Some(Value::Array(items)) => items.iter().flat_map(|v| values(Some(v))).collect(),
        _ => Vec::new(),
    }
}

/// The highest role the claim's values map to.
pub fn role_of(p: &OidcProvider, verified: &Verified) -> Option<Role> {
    let claim = p.role_claim.as_deref()?;
    values(verified.extra.get(claim))
        .iter()
        .filter_map(|v| {
            p.role_map
                .iter()
                .find(|(value, _)| value == v)
                .map(|(_, r)| *r)
        })
        .max()
}

pub(super) async fn open(
    db: &Db,
    config: &Config,
    p: &OidcProvider,
    verified: &Verified,
    return_to: &str,
    now: DateTime<Utc>,
) -> AppResult<Outcome> {
    // The email names the account. A directory that says the address is not verified
    // (Keycloak, for one, lets users type theirs) does not get to name one.
    let unverified = verified.email_verified == Some(false);
    let Some(email) = verified
        .email
        .as_deref()
        .and_then(|e| EmailAddress::parse(e).ok())
        .filter(|_| !unverified)
    else {
        return Ok(Outcome::refused(Refusal::NoEmail));
    };
    let Some(role) = role_of(p, verified) else {
        return Ok(Outcome::refused(Refusal::NoRole));
    };
    let office_id = if role == Role::Admin {
        None
    } else {
        let named = p
            .office_claim
            .as_deref()
            .map(|c| values(verified.extra.get(c)))
            .unwrap_or_default();
        let id = match named.as_slice() {
            [one] => one.trim().parse::<i32>().ok(),
            _ => None,
        };
        let exists = match id {
            Some(id) => office::Entity::find_by_id(id)
                .one(&db.conn)
                .await?
                .is_some(),
            None => false,
        };
        if !exists {
            return Ok(Outcome::refused(Refusal::NoOffice));
        }
        id
    };
    let existing = app_user::Entity::find()
        .filter(app_user::Column::Email.eq(email.as_str()))
        .one(&db.conn)
        .await?;
    let user = match existing {
        Some(u) if !u.active => return Ok(Outcome::refused(Refusal::Disabled)),
        // The directory is the source of the role and office: a move to another office
        // or a new role there takes effect at the next login.
        Some(u) if u.role != role.as_str() || u.office_id != office_id => {
            let mut row: app_user::ActiveModel = u.into();
            row.role = Set(role.as_str().into());
            row.office_id = Set(office_id);
            row.update(&db.conn).await?
        }
        Some(u) => u,
        None => {
            let made = app_user::ActiveModel {
                email: Set(email.as_str().into()),
                password_hash: Set(auth::NO_PASSWORD.into()),
                role: Set(role.as_str().into()),
                office_id: Set(office_id),
                active: Set(true),
                created_at: Set(now),
                ..Default::default()
            }
            .insert(&db.conn)
            .await;
            match made {
                Ok(u) => u,
                // The same person's first login in two tabs at once: the other made it.
                Err(e) if crate::error::is_unique_violation(&e) => app_user::Entity::find()
                    .filter(app_user::Column::Email.eq(email.as_str()))
                    .one(&db.conn)
                    .await?
                    .filter(|u| u.active)
                    .ok_or_else(|| AppError::Internal(anyhow::anyhow!("account vanished")))?,
                Err(e) => return Err(e.into()),
            }
        }
    };
    let token = auth::open_session(db, &user, config.booking.token_hours, now).await?;
    Ok(Outcome::Staff {
        token: token.token,
        return_to: return_to.to_string(),
    })
}
