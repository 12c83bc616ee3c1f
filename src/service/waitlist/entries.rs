//! The waiting list. A citizen who finds no free time joins the list of a service for a
//! range of days; `offers` hands them places that free up, and `accept` books one.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use entity::status::EntryStatus;
use entity::waitlist_entry;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::l10n::{Tr, fl};
use crate::{
    config::Config,
    domain::{EmailAddress, FieldError, Language, PartySize, schedule},
    email::letters::{self, Notice},
    error::{AppError, AppResult},
    infra::secrets,
    service::{booking::view::CitizenInput, db::Db, outbox},
};

/// `POST /api/v1/waiting-list` body.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct JoinRequest {
    /// Office id.
    pub office_id: i32,
    /// Service id.
    pub service_id: i32,
    /// Persons, 1–4 (default 1).
    #[serde(default = "one")]
    pub party_size: i64,
    /// Who is waiting.
    pub citizen: CitizenInput,
    /// First acceptable local date, `YYYY-MM-DD`.
    pub date_from: String,
    /// Last acceptable local date, `YYYY-MM-DD`.
    pub date_to: String,
    /// `it` (default) or `en`.
    #[serde(default)]
    pub language: Option<String>,
}

fn one() -> i64 {
    1
}

/// A place on the waiting list.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct EntryView {
    /// Id.
    pub id: i32,
    /// `waiting`, `booked` or `left`.
    #[schema(value_type = String)]
    pub status: EntryStatus,
    /// First acceptable date.
    pub date_from: String,
    /// Last acceptable date.
    pub date_to: String,
    /// The secret to leave the list (`X-Manage-Token`); only in the creation response.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
}

pub fn entry_view(e: &waitlist_entry::Model) -> EntryView {
    EntryView {
        id: e.id,
        status: e.status,
        date_from: e.date_from.to_string(),
        date_to: e.date_to.to_string(),
        token: None,
    }
}

fn parse_date(field: &str, raw: &str, errors: &mut Vec<FieldError>) -> Option<NaiveDate> {
    schedule::parse_date(raw).or_else(|| {
        errors.push(FieldError::new(field, "must be a date, YYYY-MM-DD"));
        None
    })
}

/// Joins the waiting list. Every valid request makes an entry and emails its leave
/// link, whether or not the address already waits for the service: answering "already
/// on the list" would tell anyone who types a person's address that this person waits
/// (security review, finding 2). Offers go to each address once per freed place.
pub async fn join(
    db: &Db,
    config: &Config,
    input: &JoinRequest,
    now: DateTime<Utc>,
) -> AppResult<EntryView> {
    let setup = db.setups.get(&db.conn, input.office_id).await?;
    let service = setup.service(input.service_id)?.clone();
    // An offer is accepted without logging in: a service only for logged-in citizens
    // has no waiting list (its pages do not offer one).
    if service.login_required {
        return Err(AppError::Forbidden(
            crate::service::booking::book::LOGIN_REQUIRED.into(),
        ));
    }
    let mut errors = Vec::new();
    let name = input.citizen.name.trim().to_string();
    if name.is_empty() || name.chars().count() > 200 || name.chars().any(char::is_control) {
        errors.push(FieldError::new(
            "citizen.name",
            "the name is required (at most 200 characters)",
        ));
    }
    let email = EmailAddress::parse(&input.citizen.email)
        .map_err(|m| errors.push(FieldError::new("citizen.email", m)))
        .ok();
    let language = match input.language.as_deref() {
        None => Ok(Language::default()),
        Some(l) => Language::parse(l),
    }
    .map_err(|m| errors.push(FieldError::new("language", m)))
    .ok();
    let party = PartySize::parse(input.party_size)
        .map_err(|m| errors.push(FieldError::new("party_size", m)))
        .ok();
    let from = parse_date("date_from", &input.date_from, &mut errors);
    let to = parse_date("date_to", &input.date_to, &mut errors);
    let today = schedule::local_date(setup.tz, now);
    let last = today + Duration::days(i64::from(service.horizon_days));
    if let Some(f) = from
        && (f < today || f > last)
    {
        errors.push(FieldError::new(
            "date_from",
            "must be between today and the booking horizon",
        ));
    }
    if let (Some(f), Some(t)) = (from, to)
        && (t < f || t > last)
    {
        errors.push(FieldError::new(
            "date_to",
            "must be between date_from and the booking horizon",
        ));
    }
    let (Some(email), Some(language), Some(party), Some(from), Some(to)) =
        (email, language, party, from, to)
    else {
        return Err(AppError::Validation(errors));
    };
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    // Joining emails the address: the same limit per address as bookings (the place
    // is given back if the entry is not made).
    let taken = db
        .recipients
        .admit(config.http.rate_limit, email.as_str(), now)
        .await?;
    let token = secrets::new_token()?;
    let (txn, _gate) = crate::service::engine::begin(db).await?;
    let entry = waitlist_entry::ActiveModel {
        office_id: Set(setup.office.id),
        service_id: Set(service.id),
        party_size: Set(party.get()),
        citizen_name: Set(Some(name.clone())),
        citizen_email: Set(Some(email.as_str().to_string())),
        language: Set(language.code().into()),
        date_from: Set(from),
        date_to: Set(to),
        status: Set(EntryStatus::Waiting),
        token_hash: Set(secrets::hash(&token)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let leave_url = format!(
        "{}/waitlist/{}?token={token}",
        config.http.base_url, entry.id
    );
    let t = Tr::of(language);
    let title = fl!(
        t,
        "email-waitlist-joined-subject",
        service = service.name.as_str()
    );
    let paragraphs = vec![fl!(
        t,
        "email-waitlist-joined-body",
        service = service.name.as_str(),
        office = setup.office.name.as_str(),
        from = t.long_date(from),
        to = t.long_date(to)
    )];
    let label = fl!(t, "email-waitlist-joined-link");
    outbox::enqueue(
        &txn,
        letters::notice(&Notice {
            kind: "waitlist_joined",
            booking_id: None,
            recipient: email.as_str().to_string(),
            language,
            title,
            name,
            paragraphs,
            links: vec![(label, leave_url)],
            dedupe_key: None,
        })?,
        now,
    )
    .await?;
    txn.commit().await?;
    if let Some(taken) = taken {
        taken.keep();
    }
    let mut view = entry_view(&entry);
    view.token = Some(token);
    Ok(view)
}

/// An entry by id and secret; a wrong secret looks like no entry (404).
pub async fn find(db: &Db, id: i32, token: &str) -> AppResult<EntryView> {
    Ok(entry_view(&find_row(db, id, token).await?))
}

async fn find_row(db: &Db, id: i32, token: &str) -> AppResult<waitlist_entry::Model> {
    let entry = waitlist_entry::Entity::find_by_id(id)
        .one(&db.conn)
        .await?
        .filter(|e| secrets::constant_time_eq(&e.token_hash, &secrets::hash(token.trim())))
        .ok_or_else(|| AppError::not_found("There is no such waiting-list entry."))?;
    Ok(entry)
}

/// Leaves the list (again: unchanged).
pub async fn leave(db: &Db, id: i32, token: &str) -> AppResult<EntryView> {
    let entry = find_row(db, id, token).await?;
    waitlist_entry::Entity::update_many()
        .col_expr(
            waitlist_entry::Column::Status,
            Expr::value(EntryStatus::Left),
        )
        .filter(waitlist_entry::Column::Id.eq(entry.id))
        .filter(waitlist_entry::Column::Status.eq(EntryStatus::Waiting))
        .exec(&db.conn)
        .await?;
    let entry = find_row(db, id, token).await?;
    Ok(entry_view(&entry))
}
