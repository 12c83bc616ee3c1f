//! The waiting list. A citizen who finds no free time joins the list of a service for a
//! range of days. When a place of that service frees up on one of those days
//! (a cancellation, a reconfirmation not given) while there is still time to come, the
//! first waiting citizens (by when they joined; `SPORTELLO_WAITLIST_OFFERS`, default 3)
//! are emailed an offer link, valid `SPORTELLO_WAITLIST_OFFER_MINUTES` (default 60).
//!
//! Accepting books the slot through the same capacity engine as any booking, so there is
//! no overbooking however many accept at once: the first ones that fit get it, the rest
//! answer 409 `/offer-gone`. An offer is claimed by a conditional update before booking,
//! so one offer (or a double click) never books twice; once the slot has no place left,
//! the other open offers for it are closed and their citizens told it is gone. A no-show
//! is released only after its start, too late for anyone on the list to come, so its
//! place goes to walk-ins instead.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use entity::{booking, waitlist_entry, waitlist_offer};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, QueryTrait, sea_query::Expr,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{
    config::Config,
    domain::{EmailAddress, FieldError, Language, PartySize, schedule},
    email::letters::{self, Notice},
    error::{AppError, AppResult, ConflictKind},
    service::{
        booking::{
            self as bookings, BookingOutcome, BookingRequest, BookingView, CitizenInput, fmt_local,
        },
        capacity as engine,
        db::Db,
        outbox, slots, tokens,
    },
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
    pub status: String,
    /// First acceptable date.
    pub date_from: String,
    /// Last acceptable date.
    pub date_to: String,
    /// The secret to leave the list (`X-Manage-Token`); only in the creation response.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
}

fn entry_view(e: &waitlist_entry::Model) -> EntryView {
    EntryView {
        id: e.id,
        status: e.status.clone(),
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
        .admit(config.http.rate_limit, email.as_str(), now)?;
    let token = tokens::new_token()?;
    let (txn, _gate) = crate::service::capacity::begin(db).await?;
    let entry = waitlist_entry::ActiveModel {
        office_id: Set(setup.office.id),
        service_id: Set(service.id),
        party_size: Set(party.get()),
        citizen_name: Set(Some(name.clone())),
        citizen_email: Set(Some(email.as_str().to_string())),
        language: Set(language.code().into()),
        date_from: Set(from),
        date_to: Set(to),
        status: Set("waiting".into()),
        token_hash: Set(tokens::hash(&token)),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    let leave_url = format!(
        "{}/waitlist/{}?token={token}",
        config.http.base_url, entry.id
    );
    let it = language == Language::It;
    let title = if it {
        format!("Sei in lista d'attesa: {}", service.name)
    } else {
        format!("You are on the waiting list: {}", service.name)
    };
    let range = format!("{from} – {to}");
    let paragraphs = vec![if it {
        format!(
            "ti scriveremo appena si libera un posto per «{}» presso {} tra i giorni {range}. Il primo che accetta l'offerta ottiene il posto.",
            service.name, setup.office.name
        )
    } else {
        format!(
            "we will write to you as soon as a place for \"{}\" at {} frees up between {range}. The first to accept the offer gets the place.",
            service.name, setup.office.name
        )
    }];
    let label = if it {
        "Esci dalla lista d'attesa"
    } else {
        "Leave the waiting list"
    };
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
            link: Some((label.to_string(), leave_url)),
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
pub async fn find(db: &Db, id: i32, token: &str) -> AppResult<waitlist_entry::Model> {
    let entry = waitlist_entry::Entity::find_by_id(id)
        .one(&db.conn)
        .await?
        .filter(|e| tokens::constant_time_eq(&e.token_hash, &tokens::hash(token.trim())))
        .ok_or_else(|| AppError::not_found("There is no such waiting-list entry."))?;
    Ok(entry)
}

/// Leaves the list (again: unchanged).
pub async fn leave(db: &Db, id: i32, token: &str) -> AppResult<EntryView> {
    let entry = find(db, id, token).await?;
    waitlist_entry::Entity::update_many()
        .col_expr(waitlist_entry::Column::Status, Expr::value("left"))
        .filter(waitlist_entry::Column::Id.eq(entry.id))
        .filter(waitlist_entry::Column::Status.eq("waiting"))
        .exec(&db.conn)
        .await?;
    let entry = find(db, id, token).await?;
    Ok(entry_view(&entry))
}

/// Offers the place `freed` had to the first waiting citizens, in the caller's
/// transaction (the one that frees it). Too late to come (within the service's notice)
/// offers nothing. Returns how many were offered.
pub async fn offer_freed(
    txn: &DatabaseTransaction,
    config: &Config,
    setup: &crate::service::office::OfficeSetup,
    freed: &booking::Model,
    now: DateTime<Utc>,
) -> AppResult<usize> {
    let Ok(service) = setup.service(freed.service_id) else {
        return Ok(0);
    };
    if freed.start_at < now + Duration::minutes(i64::from(service.min_notice_minutes)) {
        return Ok(0);
    }
    let day = schedule::local_date(setup.tz, freed.start_at);
    // Two places of one slot freed at once offer it in turn, not twice to the same people.
    engine::lock(
        txn,
        &[format!(
            "waitlist:{}:{}",
            service.id,
            freed.start_at.timestamp()
        )],
    )
    .await?;
    // Already offered this slot: not again, to no entry of the same address either (an
    // address may wait more than once: see `join`).
    let offered = || {
        waitlist_offer::Entity::find()
            .select_only()
            .column(waitlist_offer::Column::EntryId)
            .filter(waitlist_offer::Column::ServiceId.eq(service.id))
            .filter(waitlist_offer::Column::StartAt.eq(freed.start_at))
            .into_query()
    };
    let offered_addresses = waitlist_entry::Entity::find()
        .select_only()
        .column(waitlist_entry::Column::CitizenEmail)
        .filter(waitlist_entry::Column::Id.in_subquery(offered()))
        .filter(waitlist_entry::Column::CitizenEmail.is_not_null())
        .into_query();
    let candidates = waitlist_entry::Entity::find()
        .filter(waitlist_entry::Column::ServiceId.eq(service.id))
        .filter(waitlist_entry::Column::Status.eq("waiting"))
        .filter(waitlist_entry::Column::DateFrom.lte(day))
        .filter(waitlist_entry::Column::DateTo.gte(day))
        .filter(waitlist_entry::Column::PartySize.lte(freed.party_size))
        .filter(waitlist_entry::Column::Id.not_in_subquery(offered()))
        .filter(waitlist_entry::Column::CitizenEmail.not_in_subquery(offered_addresses))
        .order_by_asc(waitlist_entry::Column::CreatedAt)
        .order_by_asc(waitlist_entry::Column::Id)
        .limit(config.booking.offers_per_place * 4)
        .all(txn)
        .await?;
    // One offer per address: its later entries wait behind its first.
    let mut seen = std::collections::HashSet::new();
    let entries: Vec<_> = candidates
        .into_iter()
        .filter(|e| seen.insert(e.citizen_email.clone()))
        .take(usize::try_from(config.booking.offers_per_place).unwrap_or(usize::MAX))
        .collect();
    // Never open past the moment the slot stops being bookable.
    let expires_at = (now + Duration::minutes(config.booking.offer_minutes))
        .min(freed.start_at - Duration::minutes(i64::from(service.min_notice_minutes)));
    let when = freed.start_at;
    for entry in &entries {
        let token = tokens::new_token()?;
        waitlist_offer::ActiveModel {
            entry_id: Set(entry.id),
            office_id: Set(entry.office_id),
            service_id: Set(entry.service_id),
            start_at: Set(freed.start_at),
            token_hash: Set(tokens::hash(&token)),
            status: Set("open".into()),
            created_at: Set(now),
            expires_at: Set(expires_at),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        let language = Language::parse(&entry.language).unwrap_or_default();
        let it = language == Language::It;
        let t = crate::web::Texts::of(language);
        let local = when.with_timezone(&setup.tz);
        let at = format!(
            "{}, {}",
            t.long_date(local.date_naive()),
            local.format("%H:%M")
        );
        let until = expires_at.with_timezone(&setup.tz).format("%H:%M");
        let (title, paragraphs, label) = if it {
            (
                format!("Si è liberato un posto: {}", service.name),
                vec![
                    format!(
                        "si è liberato un posto per «{}» presso {}: {at}.",
                        service.name, setup.office.name
                    ),
                    format!(
                        "Lo offriamo anche ad altre persone in lista: lo ottiene chi accetta per primo. L'offerta vale fino alle {until}."
                    ),
                ],
                "Accetta il posto",
            )
        } else {
            (
                format!("A place is free: {}", service.name),
                vec![
                    format!(
                        "a place for \"{}\" at {} is free: {at}.",
                        service.name, setup.office.name
                    ),
                    format!(
                        "It is offered to other people on the list too: the first to accept gets it. The offer is open until {until}."
                    ),
                ],
                "Accept the place",
            )
        };
        outbox::enqueue(
            txn,
            letters::notice(&Notice {
                kind: "waitlist_offer",
                booking_id: None,
                recipient: entry.citizen_email.clone().unwrap_or_default(),
                language,
                title,
                name: entry.citizen_name.clone().unwrap_or_default(),
                paragraphs,
                link: Some((
                    label.to_string(),
                    format!("{}/w/{token}", config.http.base_url),
                )),
                dedupe_key: None,
            })?,
            now,
        )
        .await?;
    }
    Ok(entries.len())
}

/// An offer, as its page shows it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct OfferView {
    /// Office id.
    pub office_id: i32,
    /// Service id.
    pub service_id: i32,
    /// The slot's start, in the office's zone.
    pub start: String,
    /// `open`, `accepted` or `gone` (also when it lapsed).
    pub status: String,
    /// Until when it can be accepted.
    pub expires_at: String,
}

async fn offer_by_token(db: &Db, token: &str) -> AppResult<waitlist_offer::Model> {
    waitlist_offer::Entity::find()
        .filter(waitlist_offer::Column::TokenHash.eq(tokens::hash(token.trim())))
        .one(&db.conn)
        .await?
        .ok_or_else(|| AppError::not_found("There is no such offer."))
}

/// The offer of a link.
pub async fn offer(db: &Db, token: &str, now: DateTime<Utc>) -> AppResult<OfferView> {
    let o = offer_by_token(db, token).await?;
    let tz = db.setups.tz(&db.conn, o.office_id).await?;
    let status = if o.status == "open" && o.expires_at <= now {
        "gone".to_string()
    } else {
        o.status.clone()
    };
    Ok(OfferView {
        office_id: o.office_id,
        service_id: o.service_id,
        start: fmt_local(o.start_at, tz),
        status,
        expires_at: fmt_local(o.expires_at, tz),
    })
}

fn gone() -> AppError {
    AppError::conflict(
        ConflictKind::OfferGone,
        "This place has been taken by someone else, or the offer has lapsed.",
    )
}

/// Accepts an offer: books its slot for the waiting citizen (201 with the booking and its
/// manage token), or 409 `/offer-gone`.
pub async fn accept(
    db: &Db,
    config: &Config,
    token: &str,
    now: DateTime<Utc>,
) -> AppResult<BookingView> {
    let o = offer_by_token(db, token).await?;
    let entry = waitlist_entry::Entity::find_by_id(o.entry_id)
        .one(&db.conn)
        .await?
        .ok_or_else(gone)?;
    if entry.status != "waiting" {
        return Err(gone());
    }
    // Claim the offer first: one offer books at most once, whatever the clicks.
    let claimed = waitlist_offer::Entity::update_many()
        .col_expr(waitlist_offer::Column::Status, Expr::value("accepted"))
        .col_expr(waitlist_offer::Column::DecidedAt, Expr::value(now))
        .filter(waitlist_offer::Column::Id.eq(o.id))
        .filter(waitlist_offer::Column::Status.eq("open"))
        .filter(waitlist_offer::Column::ExpiresAt.gt(now))
        .exec(&db.conn)
        .await?;
    if claimed.rows_affected != 1 {
        return Err(gone());
    }
    // And the entry: one entry books once, even with offers for several slots accepted
    // at the same moment, or a "leave" racing the accept.
    let entry_claimed = waitlist_entry::Entity::update_many()
        .col_expr(waitlist_entry::Column::Status, Expr::value("booked"))
        .filter(waitlist_entry::Column::Id.eq(entry.id))
        .filter(waitlist_entry::Column::Status.eq("waiting"))
        .exec(&db.conn)
        .await?;
    if entry_claimed.rows_affected != 1 {
        set_offer(db, o.id, "gone").await?;
        return Err(gone());
    }
    let tz = db.setups.tz(&db.conn, o.office_id).await?;
    let request = BookingRequest {
        office_id: o.office_id,
        service_id: o.service_id,
        start: fmt_local(o.start_at, tz),
        party_size: i64::from(entry.party_size),
        citizen: CitizenInput {
            name: entry.citizen_name.clone().unwrap_or_default(),
            email: entry.citizen_email.clone().unwrap_or_default(),
            phone: None,
        },
        language: Some(entry.language.clone()),
        hold_id: None,
    };
    let outcome = bookings::book(db, config, &request, None, now).await;
    let view = match outcome {
        Ok(BookingOutcome::Created(view)) => *view,
        Ok(BookingOutcome::Replayed(_))
        | Err(AppError::Conflict { .. } | AppError::Validation(_)) => {
            // Taken meanwhile (or no longer bookable): the offer is gone; the citizen
            // keeps their place on the list.
            set_offer(db, o.id, "gone").await?;
            reopen_entry(db, entry.id).await?;
            close_if_full(db, &o, now).await?;
            return Err(gone());
        }
        Err(other) => {
            // Not the citizen's doing: undo both claims so the link works again.
            set_offer(db, o.id, "open").await?;
            reopen_entry(db, entry.id).await?;
            return Err(other);
        }
    };
    let booking_id = booking::Entity::find()
        .filter(booking::Column::Reference.eq(view.reference.as_str()))
        .one(&db.conn)
        .await?
        .map(|b| b.id);
    waitlist_offer::Entity::update_many()
        .col_expr(waitlist_offer::Column::BookingId, Expr::value(booking_id))
        .filter(waitlist_offer::Column::Id.eq(o.id))
        .exec(&db.conn)
        .await?;
    // The same address's other entries for the service wait for nothing now (an address
    // may join more than once: see `join`).
    if let Some(email) = &entry.citizen_email {
        waitlist_entry::Entity::update_many()
            .col_expr(waitlist_entry::Column::Status, Expr::value("left"))
            .filter(waitlist_entry::Column::ServiceId.eq(entry.service_id))
            .filter(waitlist_entry::Column::CitizenEmail.eq(email.as_str()))
            .filter(waitlist_entry::Column::Status.eq("waiting"))
            .exec(&db.conn)
            .await?;
    }
    // The entry's other offers are for someone who has a place now.
    waitlist_offer::Entity::update_many()
        .col_expr(waitlist_offer::Column::Status, Expr::value("gone"))
        .filter(waitlist_offer::Column::EntryId.eq(entry.id))
        .filter(waitlist_offer::Column::Status.eq("open"))
        .exec(&db.conn)
        .await?;
    close_if_full(db, &o, now).await?;
    Ok(view)
}

async fn set_offer(db: &Db, id: i32, status: &str) -> AppResult<()> {
    waitlist_offer::Entity::update_many()
        .col_expr(waitlist_offer::Column::Status, Expr::value(status))
        .filter(waitlist_offer::Column::Id.eq(id))
        .exec(&db.conn)
        .await?;
    Ok(())
}

async fn reopen_entry(db: &Db, id: i32) -> AppResult<()> {
    waitlist_entry::Entity::update_many()
        .col_expr(waitlist_entry::Column::Status, Expr::value("waiting"))
        .filter(waitlist_entry::Column::Id.eq(id))
        .filter(waitlist_entry::Column::Status.eq("booked"))
        .exec(&db.conn)
        .await?;
    Ok(())
}

/// When the offer's slot has no place left, closes the other open offers for it and
/// tells their citizens.
async fn close_if_full(db: &Db, o: &waitlist_offer::Model, now: DateTime<Utc>) -> AppResult<()> {
    let setup = db.setups.get(&db.conn, o.office_id).await?;
    let day = schedule::local_date(setup.tz, o.start_at);
    let free = slots::list_slots(db, o.office_id, o.service_id, day, day, now)
        .await?
        .slots
        .iter()
        .any(|s| s.start == fmt_local(o.start_at, setup.tz) && s.remaining >= 1);
    if free {
        return Ok(());
    }
    let open = waitlist_offer::Entity::find()
        .filter(waitlist_offer::Column::ServiceId.eq(o.service_id))
        .filter(waitlist_offer::Column::StartAt.eq(o.start_at))
        .filter(waitlist_offer::Column::Status.eq("open"))
        .all(&db.conn)
        .await?;
    let Ok(service) = setup.service(o.service_id) else {
        return Ok(());
    };
    for other in open {
        let (txn, _gate) = crate::service::capacity::begin(db).await?;
        let closed = waitlist_offer::Entity::update_many()
            .col_expr(waitlist_offer::Column::Status, Expr::value("gone"))
            .col_expr(waitlist_offer::Column::DecidedAt, Expr::value(now))
            .filter(waitlist_offer::Column::Id.eq(other.id))
            .filter(waitlist_offer::Column::Status.eq("open"))
            .exec(&txn)
            .await?;
        if closed.rows_affected == 1
            && let Some(entry) = waitlist_entry::Entity::find_by_id(other.entry_id)
                .one(&txn)
                .await?
        {
            let language = Language::parse(&entry.language).unwrap_or_default();
            let it = language == Language::It;
            let (title, text) = if it {
                (
                    format!("Il posto offerto è stato preso: {}", service.name),
                    "il posto che ti avevamo offerto è stato accettato da un'altra persona. Resti in lista d'attesa: ti scriveremo al prossimo posto libero.".to_string(),
                )
            } else {
                (
                    format!("The place offered has been taken: {}", service.name),
                    "the place we offered you has been accepted by someone else. You stay on the waiting list: we will write at the next free place.".to_string(),
                )
            };
            outbox::enqueue(
                &txn,
                letters::notice(&Notice {
                    kind: "waitlist_gone",
                    booking_id: None,
                    recipient: entry.citizen_email.clone().unwrap_or_default(),
                    language,
                    title,
                    name: entry.citizen_name.clone().unwrap_or_default(),
                    paragraphs: vec![text],
                    link: None,
                    dedupe_key: Some(format!("waitlist_gone:{}", other.id)),
                })?,
                now,
            )
            .await?;
        }
        txn.commit().await?;
    }
    Ok(())
}
