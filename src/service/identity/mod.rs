//! Logging in through an OpenID provider (SPID, CIE, the city's directory): the login's
//! one-use state, then, by the provider's audience, a citizen's session
//! ([`citizens`]) or a staff token ([`staff`]). The protocol itself is
//! `infra::oidc`'s; this decides what a verified answer means here.

pub mod citizens;
pub mod staff;

use chrono::{DateTime, Duration, Utc};
use entity::oidc_login;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter};

use crate::{
    config::{Audience, Config},
    error::AppResult,
    infra::{
        oidc::{Oidc, OidcError},
        secrets,
    },
    service::db::Db,
};

/// How long a citizen or clerk may take at the provider's login page.
const LOGIN_MINUTES: i64 = 10;

/// Why a login ends on an error page (the page says it in the reader's language).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The provider is down or answered nonsense: try later; booking without logging
    /// in still works.
    Unavailable,
    /// The answer did not pass a check: a missing or wrong `state`, a code used twice,
    /// a bad signature, nonce or expiry, or the login was cancelled at the provider.
    BadAnswer,
    /// A citizens' provider sent no usable fiscal code.
    NoFiscalCode,
    /// A staff provider sent no email, which names the account.
    NoEmail,
    /// The staff claims name no role Sportello knows.
    NoRole,
    /// The staff claims name no office of this Sportello.
    NoOffice,
    /// The account is disabled here, whatever the provider says.
    Disabled,
}

/// What a completed callback leads to.
#[derive(Debug)]
pub enum Outcome {
    /// A citizen's session, and where they were going.
    Citizen { session: String, return_to: String },
    /// A staff session (the same kind of token as a password login's).
    Staff { token: String, return_to: String },
    /// An error page; `return_to` is where the citizen was going, when the answer
    /// was for a login this site started (the page's "try again" and "continue" go
    /// there, so a hold is not lost to a cancelled login).
    Refused {
        refusal: Refusal,
        return_to: Option<String>,
    },
}

impl Outcome {
    fn refused(refusal: Refusal) -> Self {
        Self::Refused {
            refusal,
            return_to: None,
        }
    }

    fn returning_to(self, path: &str) -> Self {
        match self {
            Self::Refused { refusal, .. } => Self::Refused {
                refusal,
                return_to: Some(path.to_string()),
            },
            other => other,
        }
    }
}

/// The callback address registered with every provider.
pub fn redirect_uri(config: &Config, provider: &str) -> String {
    format!("{}/auth/oidc/{provider}/callback", config.http.base_url)
}

/// A login begun: where to send the browser, and the `state` for its cookie.
pub struct Started {
    pub url: String,
    pub state: String,
}

/// Begins a login: the provider's authorization URL, with the login's state kept for
/// its callback. `None` when no provider has this name.
pub async fn start(
    db: &Db,
    config: &Config,
    oidc: &Oidc,
    provider: &str,
    return_to: &str,
    now: DateTime<Utc>,
) -> AppResult<Result<Started, Refusal>> {
    if oidc.config(provider).is_none() {
        return Err(crate::error::AppError::not_found("No such login provider."));
    }
    let begun = match oidc.begin(provider, &redirect_uri(config, provider)).await {
        Ok(b) => b,
        Err(OidcError::Unavailable(_)) => return Ok(Err(Refusal::Unavailable)),
        Err(OidcError::Refused(_)) => return Ok(Err(Refusal::BadAnswer)),
    };
    oidc_login::ActiveModel {
        state_hash: Set(secrets::hash(&begun.state)),
        provider: Set(provider.to_string()),
        nonce: Set(begun.nonce),
        pkce_verifier: Set(begun.pkce_verifier),
        return_to: Set(return_to.to_string()),
        created_at: Set(now),
        expires_at: Set(now + Duration::minutes(LOGIN_MINUTES)),
        ..Default::default()
    }
    .insert(&db.conn)
    .await?;
    Ok(Ok(Started {
        url: begun.url,
        state: begun.state,
    }))
}

/// The provider's answer, as the callback received it.
pub struct Answer<'a> {
    pub state: Option<&'a str>,
    pub code: Option<&'a str>,
    /// The `state` this browser was given when it left (its cookie): a callback
    /// carrying someone else's state is refused (login CSRF).
    pub browser_state: Option<&'a str>,
}

/// Completes a login. The login's row is deleted before anything else, so a `state`
/// (and with it a code) works once; every failure leaves no session.
pub async fn complete(
    db: &Db,
    config: &Config,
    oidc: &Oidc,
    provider: &str,
    answer: Answer<'_>,
    now: DateTime<Utc>,
) -> AppResult<Outcome> {
    let Some(p) = oidc.config(provider) else {
        return Err(crate::error::AppError::not_found("No such login provider."));
    };
    let (Some(state), Some(browser)) = (answer.state, answer.browser_state) else {
        return Ok(Outcome::refused(Refusal::BadAnswer));
    };
    if !secrets::constant_time_eq(&secrets::hash(state), &secrets::hash(browser)) {
        return Ok(Outcome::refused(Refusal::BadAnswer));
    }
    let Some(login) = oidc_login::Entity::find()
        .filter(oidc_login::Column::StateHash.eq(secrets::hash(state)))
        .filter(oidc_login::Column::Provider.eq(provider))
        .filter(oidc_login::Column::ExpiresAt.gt(now))
        .one(&db.conn)
        .await?
    else {
        return Ok(Outcome::refused(Refusal::BadAnswer));
    };
    let used = oidc_login::Entity::delete_many()
        .filter(oidc_login::Column::Id.eq(login.id))
        .exec(&db.conn)
        .await?;
    if used.rows_affected != 1 {
        // Another request with the same state got here first.
        return Ok(Outcome::refused(Refusal::BadAnswer));
    }
    let outcome = finish(db, config, oidc, p, &login, answer.code, now).await?;
    Ok(outcome.returning_to(&login.return_to))
}

/// The part of [`complete`] after the state was used up.
async fn finish(
    db: &Db,
    config: &Config,
    oidc: &Oidc,
    p: &crate::config::OidcProvider,
    login: &oidc_login::Model,
    code: Option<&str>,
    now: DateTime<Utc>,
) -> AppResult<Outcome> {
    let provider = p.name.as_str();
    // Without a code (the citizen cancelled at the provider, or it answered an error)
    // the state is used up all the same.
    let Some(code) = code else {
        return Ok(Outcome::refused(Refusal::BadAnswer));
    };
    let verified = match oidc
        .finish(
            provider,
            &redirect_uri(config, provider),
            code,
            &login.pkce_verifier,
            &login.nonce,
            now,
        )
        .await
    {
        Ok(v) => v,
        Err(OidcError::Unavailable(_)) => return Ok(Outcome::refused(Refusal::Unavailable)),
        Err(OidcError::Refused(_)) => return Ok(Outcome::refused(Refusal::BadAnswer)),
    };
    match p.audience {
        Audience::Citizens => {
            citizens::open(db, config, provider, &verified, &login.return_to, now).await
        }
        Audience::Staff => staff::open(db, config, p, &verified, &login.return_to, now).await,
    }
}
