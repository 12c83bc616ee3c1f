//! A citizen logged in with SPID, CIE or another citizens' provider: the session, what
//! the booking form takes from it, and "My appointments".

use chrono::{DateTime, Duration, Utc};
use entity::{booking, citizen_session, status::BookingStatus};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect,
};

use super::{Outcome, Refusal};
use crate::{
    config::Config,
    domain::{
        EmailAddress,
        identity::{FiscalCode, VerifiedCitizen},
        normalise_reference,
    },
    error::{AppError, AppResult},
    infra::{oidc::Verified, secrets},
    service::{
        db::Db,
        directory::{self, BookingFacts},
    },
};

/// A session lasts an hour from login: long enough to book, short for a shared
/// computer at a library.
pub const SESSION_MINUTES: i64 = 60;

/// The claim names a fiscal code arrives under: the plain one (API.md), and SPID's and
/// CIE's OpenID Connect attribute.
const FISCAL_CLAIMS: [&str; 3] = [
    "fiscal_number",
    "https://attributes.eid.gov.it/fiscal_number",
    "fiscalNumber",
];

/// The keyed hash bookings keep of a fiscal code.
pub fn fiscal_hash(config: &Config, code: &FiscalCode) -> String {
    secrets::keyed_hash(config.identity.fiscal_code_key.as_deref(), code.as_str())
}

/// Opens a session for a verified answer: a fiscal code is required, the name is the
/// provider's, the email is kept when the provider sends a valid one.
pub(super) async fn open(
    db: &Db,
    config: &Config,
    provider: &str,
    verified: &Verified,
    return_to: &str,
    now: DateTime<Utc>,
) -> AppResult<Outcome> {
    let Some(code) = FISCAL_CLAIMS
        .iter()
        .filter_map(|c| verified.extra.get(*c).and_then(|v| v.as_str()))
        .find_map(|raw| FiscalCode::parse(raw).ok())
    else {
        return Ok(Outcome::refused(Refusal::NoFiscalCode));
    };
    let clean = |s: &Option<String>| {
        s.as_deref()
            .map(str::trim)
            .filter(|s| {
                !s.is_empty() && s.chars().count() <= 100 && !s.chars().any(char::is_control)
            })
            .map(str::to_string)
    };
    let (Some(given), Some(family)) = (clean(&verified.given_name), clean(&verified.family_name))
    else {
        return Ok(Outcome::refused(Refusal::NoFiscalCode));
    };
    let email = verified
        .email
        .as_deref()
        .and_then(|e| EmailAddress::parse(e).ok())
        .map(|e| e.as_str().to_string());
    // Sessions that ended hold a fiscal code in clear: they go as soon as anyone logs
    // in (and nightly with retention), not a day later.
    citizen_session::Entity::delete_many()
        .filter(citizen_session::Column::ExpiresAt.lte(now))
        .exec(&db.conn)
        .await?;
    let token = secrets::new_token()?;
    citizen_session::ActiveModel {
        token_hash: Set(secrets::hash(&token)),
        provider: Set(provider.to_string()),
        fiscal_hash: Set(fiscal_hash(config, &code)),
        fiscal_code: Set(code.as_str().to_string()),
        given_name: Set(given),
        family_name: Set(family),
        email: Set(email),
        created_at: Set(now),
        expires_at: Set(now + Duration::minutes(SESSION_MINUTES)),
        ..Default::default()
    }
    .insert(&db.conn)
    .await?;
    Ok(Outcome::Citizen {
        session: token,
        return_to: return_to.to_string(),
    })
}

/// A logged-in citizen, as the pages show them.
#[derive(Debug, Clone)]
pub struct Citizen {
    pub provider: String,
    pub fiscal_code: String,
    pub fiscal_hash: String,
    pub name: String,
    pub email: Option<String>,
    /// When the session ends (and with it the links "My appointments" made).
    pub expires_at: DateTime<Utc>,
}

impl Citizen {
    /// What a booking records.
    pub fn verified(&self) -> VerifiedCitizen {
        VerifiedCitizen {
            provider: self.provider.clone(),
            fiscal_hash: self.fiscal_hash.clone(),
            fiscal_code: self.fiscal_code.clone(),
            name: self.name.clone(),
            email: self.email.clone(),
        }
    }
}

/// The citizen of a session cookie; `None` when it is unknown or over.
pub async fn session(db: &Db, token: &str, now: DateTime<Utc>) -> AppResult<Option<Citizen>> {
    let row = citizen_session::Entity::find()
        .filter(citizen_session::Column::TokenHash.eq(secrets::hash(token.trim())))
        .filter(citizen_session::Column::ExpiresAt.gt(now))
        .one(&db.conn)
        .await?;
    Ok(row.map(|r| Citizen {
        name: format!("{} {}", r.given_name, r.family_name),
        provider: r.provider,
        fiscal_code: r.fiscal_code,
        fiscal_hash: r.fiscal_hash,
        email: r.email,
        expires_at: r.expires_at,
    }))
}

/// Ends a session here; answers its provider (for the provider's own logout).
pub async fn end(db: &Db, token: &str) -> AppResult<Option<String>> {
    let hash = secrets::hash(token.trim());
    let row = citizen_session::Entity::find()
        .filter(citizen_session::Column::TokenHash.eq(hash.as_str()))
        .one(&db.conn)
        .await?;
    citizen_session::Entity::delete_many()
        .filter(citizen_session::Column::TokenHash.eq(hash.as_str()))
        .exec(&db.conn)
        .await?;
    // The booking links "My appointments" made end with the session.
    if let Some(r) = &row {
        booking::Entity::update_many()
            .col_expr(
                booking::Column::SessionManageHash,
                sea_orm::sea_query::Expr::value(Option::<String>::None),
            )
            .col_expr(
                booking::Column::SessionManageExpiresAt,
                sea_orm::sea_query::Expr::value(Option::<DateTime<Utc>>::None),
            )
            .filter(booking::Column::CitizenFiscalHash.eq(r.fiscal_hash.as_str()))
            .filter(booking::Column::SessionManageHash.is_not_null())
            .exec(&db.conn)
            .await?;
    }
    Ok(row.map(|r| r.provider))
}

/// "My appointments": every booking made logged in with this fiscal code, in every
/// office, upcoming (soonest first) and past (latest first), at most 100 of each.
pub async fn bookings(
    db: &Db,
    config: &Config,
    citizen: &Citizen,
    now: DateTime<Utc>,
) -> AppResult<(Vec<BookingFacts>, Vec<BookingFacts>)> {
    let mine = || {
        booking::Entity::find()
            .filter(booking::Column::CitizenFiscalHash.eq(citizen.fiscal_hash.as_str()))
            .filter(booking::Column::Status.ne(BookingStatus::Held))
    };
    let upcoming = mine()
        .filter(booking::Column::Status.is_in(BookingStatus::ACTIVE))
        .filter(booking::Column::EndAt.gt(now))
        .order_by_asc(booking::Column::StartAt)
        .limit(100)
        .all(&db.conn)
        .await?;
    let past = mine()
        .filter(
            sea_orm::Condition::any()
                .add(booking::Column::Status.is_not_in(BookingStatus::ACTIVE))
                .add(booking::Column::EndAt.lte(now)),
        )
        .order_by_desc(booking::Column::StartAt)
        .limit(100)
        .all(&db.conn)
        .await?;
    let mut facts = (Vec::new(), Vec::new());
    for row in &upcoming {
        facts
            .0
            .push(directory::booking(db, row, &config.http.base_url).await?);
    }
    for row in &past {
        facts
            .1
            .push(directory::booking(db, row, &config.http.base_url).await?);
    }
    Ok(facts)
}

/// Opens one of the citizen's bookings on its own page: a second manage link, valid
/// beside the emailed one until the session ends, replaced each time (only its hash is
/// stored). Another
/// person's reference is "not found", as on the manage page.
pub async fn open_booking(db: &Db, citizen: &Citizen, reference: &str) -> AppResult<String> {
    let not_found = || AppError::not_found("No booking matches this reference and token.");
    let row = booking::Entity::find()
        .filter(booking::Column::Reference.eq(normalise_reference(reference)))
        .filter(booking::Column::CitizenFiscalHash.eq(citizen.fiscal_hash.as_str()))
        .one(&db.conn)
        .await?
        .ok_or_else(not_found)?;
    let token = secrets::new_token()?;
    booking::Entity::update_many()
        .col_expr(
            booking::Column::SessionManageHash,
            sea_orm::sea_query::Expr::value(secrets::hash(&token)),
        )
        .col_expr(
            booking::Column::SessionManageExpiresAt,
            sea_orm::sea_query::Expr::value(citizen.expires_at),
        )
        .filter(booking::Column::Id.eq(row.id))
        .exec(&db.conn)
        .await?;
    Ok(token)
}
