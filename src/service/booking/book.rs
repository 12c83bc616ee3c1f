//! Making a booking: the citizen's details checked, the place taken (or a hold taken
//! over) through placement, the per-citizen limit, and the confirmation queued, all in one
//! transaction, with an optional idempotency key whose first answer is kept.

use chrono::{DateTime, Utc};
use entity::booking;
use entity::status::{BookingStatus, HOLDS_PLACE_SQL};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, Condition, DatabaseTransaction, EntityTrait,
    QueryFilter, QueryOrder, sea_query::Expr,
};
use serde::{Deserialize, Serialize};

use crate::l10n::{Tr, fl};
use crate::{
    config::Config,
    domain::{Language, capacity::CandidateCounter},
    email::letters,
    error::{AppError, AppResult, ConflictKind, is_unique_violation},
    infra::secrets,
    service::{
        booking::{
            idempotency::{self, Keyed},
            placement::{self, Ask, Failure, Validated},
            view::{BookingRequest, BookingView, view},
        },
        db::Db,
        engine, outbox,
    },
};

/// The first answer to an idempotency key, kept to be given again: the booking made, or
/// the refusal.
#[derive(Debug, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Stored {
    /// Booked (the view includes the manage token).
    Booked(Box<BookingView>),
    /// Refused, with the refusal as it was.
    Refused(AppError),
}

/// [`Stored`] as it is written, by reference.
#[derive(Serialize)]
#[serde(untagged)]
enum Keep<'a> {
    Booked(&'a BookingView),
    Refused(&'a AppError),
}

/// What `POST /bookings` answers: a new booking, or the first answer to a repeated
/// `Idempotency-Key`.
#[derive(Debug)]
pub enum BookingOutcome {
    /// Booked now.
    Created(Box<BookingView>),
    /// Replay of the first answer to this key.
    Replayed(Stored),
}

use super::citizen::{CitizenDetails, validate_citizen};
pub use super::citizen::{LIMIT_BY_IDENTITY, LOGIN_REQUIRED, citizen_errors};
use super::prepared::{Prepared, confirm, hold_gone, prepare};

/// A citizen books a slot (or takes over a hold), honouring an optional idempotency
/// key. Every booking emails its address, so each mailbox gets a limited number an hour
/// (`RecipientGuard`): the place is taken now and given back unless the booking is made.
pub async fn create_booking(
    db: &Db,
    config: &Config,
    input: &BookingRequest,
    key: Option<Keyed>,
    now: DateTime<Utc>,
) -> AppResult<BookingOutcome> {
    if let Some(k) = &key
        && let Some(stored) = idempotency::find(&db.conn, k, now).await?
    {
        return Ok(BookingOutcome::Replayed(stored));
    }
    let taken = db
        .recipients
        .admit(config.http.rate_limit, &input.citizen.email, now)
        .await?;
    let outcome = book(db, config, input, key, now).await;
    // A booking and a citizen-limit refusal each emailed the address.
    let emailed = matches!(
        &outcome,
        Ok(BookingOutcome::Created(_))
            | Err(AppError::Conflict {
                kind: ConflictKind::CitizenLimit,
                ..
            })
    );
    if let (Some(taken), true) = (taken, emailed) {
        taken.keep();
    }
    outcome
}

/// Books without the limit per mailbox: for accepting a waiting-list offer, whose
/// address was counted when it joined and which a flood of others must not block.
pub async fn book(
    db: &Db,
    config: &Config,
    input: &BookingRequest,
    key: Option<Keyed>,
    now: DateTime<Utc>,
) -> AppResult<BookingOutcome> {
    let result = book_with_retries(db, config, input, key.as_ref(), now).await;
    match (result, &key) {
        (Ok(view), _) => Ok(BookingOutcome::Created(Box::new(view))),
        (Err(Failure::KeyTaken), Some(k)) => idempotency::find(&db.conn, k, now)
            .await?
            .map(BookingOutcome::Replayed)
            .ok_or_else(|| AppError::Internal(anyhow::anyhow!("idempotency key vanished"))),
        (Err(Failure::App(e)), Some(k)) if e.is_refusal() => {
            // Refusals decided under the citizen lock were stored there; this stores
            // the ones found earlier (validation), unless a first answer exists.
            idempotency::store_if_absent(&db.conn, k, &Keep::Refused(&e), now).await?;
            Err(e)
        }
        (Err(Failure::App(e)), _) => Err(e),
        (Err(Failure::KeyTaken | Failure::ReferenceTaken | Failure::Stale), _) => Err(
            AppError::Internal(anyhow::anyhow!("booking kept colliding; gave up")),
        ),
    }
}

async fn book_with_retries(
    db: &Db,
    config: &Config,
    input: &BookingRequest,
    key: Option<&Keyed>,
    now: DateTime<Utc>,
) -> Result<BookingView, Failure> {
    let (citizen, citizen_errors) = validate_citizen(input);
    let ask = Ask {
        office_id: input.office_id,
        service_id: input.service_id,
        start: &input.start,
        party_size: input.party_size,
        holding: input.hold_id.is_some(),
    };
    for _ in 0..placement::ATTEMPTS {
        let v = placement::validate(db, ask, citizen_errors.clone(), now).await?;
        if v.service.login_required && input.identity.is_none() {
            return Err(AppError::Forbidden(LOGIN_REQUIRED.into()).into());
        }
        let Some(citizen) = &citizen else {
            return Err(
                AppError::Internal(anyhow::anyhow!("citizen validated without details")).into(),
            );
        };
        match book_once(db, config, input, &v, citizen, key, now).await {
            Err(Failure::ReferenceTaken | Failure::Stale) => continue,
            other => return other,
        }
    }
    Err(Failure::ReferenceTaken)
}

/// One attempt in one transaction. A refusal decided under the citizen lock is stored
/// as the key's first response in the same transaction, so a retry with the same key can
/// never see a different answer.
async fn book_once(
    db: &Db,
    config: &Config,
    input: &BookingRequest,
    v: &Validated,
    citizen: &CitizenDetails,
    key: Option<&Keyed>,
    now: DateTime<Utc>,
) -> Result<BookingView, Failure> {
    let (txn, _gate) = engine::begin(db).await?;
    // The limit counts by address and, for a logged-in citizen, by fiscal code: both
    // are locked, so two requests of one person under two addresses queue too. Not on
    // SQLite, where `BEGIN IMMEDIATE` has already made this transaction the database's
    // only writer, in every process, so the person's bookings cannot change under it: the
    // lock rows would be one more round trip to the connection's thread with the gate held.
    if db.write_gate.is_none() {
        let mut locks = vec![engine::citizen_lock(v.service.id, citizen.email.as_str())];
        if let Some(identity) = &input.identity {
            locks.push(engine::citizen_lock(
                v.service.id,
                &format!("fiscal:{}", identity.fiscal_hash),
            ));
        }
        engine::lock(&txn, &locks).await?;
    }
    // A concurrent request with the same key (so the same body and citizen) may have
    // committed while we waited for the citizen lock: replay it rather than refuse.
    if let Some(k) = key
        && idempotency::find::<Stored>(&txn, k, now).await?.is_some()
    {
        return Err(Failure::KeyTaken);
    }
    // The citizen's active bookings are read before the room locks (the citizen lock
    // already keeps them from changing), so the rooms' locked section is one round trip
    // shorter; they are only acted on after placement (see `book_locked`).
    let active = active_of(&txn, input, v, citizen, now).await?;
    let prepared = match prepare(&txn, config, input, v, citizen, now).await {
        Ok(prepared) => prepared,
        Err(failure) => return refused(txn, key, failure, now).await,
    };
    let queued = prepared.queued.clone();
    // This process's requests for the same rooms and hours wait here, each with its
    // connection but out of PostgreSQL's lock queue (see `service::lock_queue`).
    let _turn = engine::turn(db, &placement::locks_of(v, &placement::candidates(v))).await;
    let view = match book_locked(&txn, config, input, v, citizen, &active, prepared, now).await {
        Ok(view) => view,
        Err(Failure::App(e)) if e.is_refusal() => {
            // A refusal keeps the lock rows, the key's answer and (for the citizen limit)
            // the notice to the address, but not a confirmation written in advance.
            if let Some(message_id) = &queued {
                outbox::discard(&txn, message_id).await?;
            }
            return refused(txn, key, Failure::App(e), now).await;
        }
        Err(other) => return Err(other),
    };
    if let Some(k) = key {
        match idempotency::store(&txn, k, &Keep::Booked(&view), now).await {
            Ok(()) => {}
            Err(AppError::Conflict { .. }) => return Err(Failure::KeyTaken),
            Err(e) => return Err(e.into()),
        }
    }
    match txn.commit().await {
        Ok(()) => Ok(view),
        Err(e) if is_unique_violation(&e) && key.is_some() => Err(Failure::KeyTaken),
        Err(e) => Err(e.into()),
    }
}

/// Ends a transaction whose request was refused: the refusal is stored as the key's
/// first answer and committed with whatever the refusal wrote (lock rows, a notice).
/// Other failures roll it back.
async fn refused(
    txn: DatabaseTransaction,
    key: Option<&Keyed>,
    failure: Failure,
    now: DateTime<Utc>,
) -> Result<BookingView, Failure> {
    match failure {
        Failure::App(e) if e.is_refusal() => {
            if let Some(k) = key {
                idempotency::store(&txn, k, &Keep::Refused(&e), now).await?;
            }
            txn.commit().await?;
            Err(Failure::App(e))
        }
        other => Err(other),
    }
}

/// The person's active bookings of the service, by address and (logged in) fiscal code,
/// first to start first.
async fn active_of(
    txn: &DatabaseTransaction,
    input: &BookingRequest,
    v: &Validated,
    citizen: &CitizenDetails,
    now: DateTime<Utc>,
) -> Result<Vec<booking::Model>, Failure> {
    Ok(active_query(
        v.service.id,
        citizen.email.as_str(),
        input.identity.as_ref().map(|i| i.fiscal_hash.as_str()),
        now,
    )
    .all(txn)
    .await?)
}

/// The query of [`active_of`]: active bookings of `service_id` by `email` or
/// `fiscal_hash`. Public so that a test can ask each database's planner which index it
/// reads.
pub fn active_query(
    service_id: i32,
    email: &str,
    fiscal_hash: Option<&str>,
    now: DateTime<Utc>,
) -> sea_orm::Select<booking::Entity> {
    let mut same_person = Condition::any().add(booking::Column::CitizenEmail.eq(email));
    if let Some(hash) = fiscal_hash {
        same_person = same_person.add(booking::Column::CitizenFiscalHash.eq(hash));
    }
    booking::Entity::find()
        .filter(booking::Column::ServiceId.eq(service_id))
        .filter(same_person)
        .filter(booking::Column::Status.is_in(BookingStatus::ACTIVE))
        // Implied by the line above; spelled out for the partial index (HOLDS_PLACE_SQL).
        .filter(Expr::cust(HOLDS_PLACE_SQL))
        .filter(booking::Column::EndAt.gt(now))
        .order_by_asc(booking::Column::StartAt)
}

/// The checks and the write of a booking, inside the transaction and the citizen lock,
/// in this process's turn on the room locks.
#[expect(clippy::too_many_arguments)]
async fn book_locked(
    txn: &DatabaseTransaction,
    config: &Config,
    input: &BookingRequest,
    v: &Validated,
    citizen: &CitizenDetails,
    active: &[booking::Model],
    p: Prepared,
    now: DateTime<Utc>,
) -> Result<BookingView, Failure> {
    // Placement before the citizen limit (security review, finding 2): a request that
    // cannot be placed answers /slot-full whoever the citizen is, so nobody learns for
    // free whether a person holds a booking. The limit is checked only for a request
    // that would otherwise book, and then the person is emailed either way: a
    // confirmation, or the notice below.
    let counter = match &p.hold {
        Some(hold) => {
            // The hold may have looked live to us and expired to another request that
            // then took its place (clocks of different processes differ by a little).
            // Under the same locks as any placement, it must still fit without itself.
            let own = [CandidateCounter {
                id: hold.counter_id,
                room_id: hold.room_id,
            }];
            match placement::place_in(txn, v, &own, Some(hold.id), now).await {
                Ok(_) => None,
                Err(Failure::App(AppError::Conflict { .. })) => return Err(hold_gone().into()),
                Err(other) => return Err(other),
            }
        }
        None => Some(placement::place_in(txn, v, &placement::candidates(v), None, now).await?),
    };
    if active.len() as u64 >= u64::try_from(v.service.max_active_per_citizen).unwrap_or(0) {
        if let Some(first) = active.first() {
            let notice = citizen_limit_notice(config, v, first);
            outbox::enqueue(txn, letters::notice(&notice)?, now).await?;
        }
        return Err(AppError::conflict(
            ConflictKind::CitizenLimit,
            format!(
                "This address already holds {} active booking(s) for this service, the most allowed. An email about it was sent to the address.",
                active.len()
            ),
        )
        .into());
    }
    let citizen_columns = |row: &mut booking::ActiveModel| {
        row.status = Set(BookingStatus::Confirmed);
        row.reference = Set(Some(p.reference.clone()));
        row.checkin_token = Set(Some(p.checkin_token.clone()));
        row.manage_token_hash = Set(Some(secrets::hash(&p.manage_token)));
        row.citizen_name = Set(Some(citizen.name.clone()));
        row.citizen_email = Set(Some(citizen.email.as_str().into()));
        row.citizen_phone = Set(citizen.phone.clone());
        row.language = Set(citizen.language.code().into());
        row.meeting_url = Set(p.meeting_url.clone());
        row.citizen_fiscal_hash = Set(input.identity.as_ref().map(|i| i.fiscal_hash.clone()));
        row.identity_provider = Set(input.identity.as_ref().map(|i| i.provider.clone()));
        // Only for the IO app, and only while it is configured (data minimisation).
        row.citizen_fiscal_code = Set(input
            .identity
            .as_ref()
            .filter(|_| config.io.api_key.is_some())
            .map(|i| i.fiscal_code.clone()));
        row.hold_id = Set(None);
        row.hold_expires_at = Set(None);
        row.hold_client = Set(None);
        row.hold_session = Set(None);
    };
    let saved = match (&p.hold, counter) {
        (Some(hold), _) => {
            let id = hold.id;
            let mut row: booking::ActiveModel = hold.clone().into();
            citizen_columns(&mut row);
            let done = booking::Entity::update_many()
                .set(row)
                .filter(booking::Column::Id.eq(id))
                .filter(booking::Column::Status.eq(BookingStatus::Held))
                .exec_with_returning(txn)
                .await;
            match done {
                Ok(rows) => rows.into_iter().next().ok_or_else(hold_gone)?,
                Err(e) if is_unique_violation(&e) => return Err(Failure::ReferenceTaken),
                Err(e) => return Err(e.into()),
            }
        }
        (None, None) => {
            return Err(AppError::Internal(anyhow::anyhow!("placed without a counter")).into());
        }
        (None, Some(counter)) => {
            let mut row = placement::new_row(v, counter, BookingStatus::Confirmed, now);
            citizen_columns(&mut row);
            if let Some(id) = p.id {
                row.id = Set(id);
            }
            match row.insert(txn).await {
                Ok(m) => m,
                Err(e) if is_unique_violation(&e) => return Err(Failure::ReferenceTaken),
                Err(e) => return Err(e.into()),
            }
        }
    };
    if p.queued.is_none() {
        let fiscal = input.identity.as_ref().map(|i| i.fiscal_code.as_str());
        confirm(txn, config, v, citizen, &p, (saved.id, fiscal), now).await?;
    }
    crate::service::webhooks::emit(
        txn,
        saved.office_id,
        Some(saved.id),
        "booking.created",
        crate::service::webhooks::booking_data(&saved),
        now,
    )
    .await?;
    let mut view = view(&saved, v.setup.tz, &config.http.base_url);
    view.manage_token = Some(p.manage_token);
    Ok(view)
}

/// The email a person gets when a booking request with their address is refused by the
/// per-citizen limit. Addressed with the name of the booking they hold (never the name
/// typed by whoever asked), and with no link that acts: the booking page asks for the
/// code from their confirmation.
fn citizen_limit_notice(config: &Config, v: &Validated, held: &booking::Model) -> letters::Notice {
    // In the language of the person's own booking, not of whoever asked.
    let language = Language::parse(&held.language).unwrap_or_default();
    let reference = held.reference.clone().unwrap_or_default();
    let t = Tr::of(language);
    let when = t.date_time(held.start_at, v.setup.tz);
    let (service, office) = (v.service.name.as_str(), v.setup.office.name.as_str());
    let title = fl!(t, "email-citizen-limit-subject", service = service);
    let paragraphs = vec![
        fl!(
            t,
            "email-citizen-limit-body",
            service = service,
            office = office,
            reference = reference.as_str(),
            when = when.as_str()
        ),
        fl!(t, "email-citizen-limit-help"),
    ];
    let label = fl!(t, "email-citizen-limit-link");
    letters::Notice {
        kind: "citizen_limit",
        booking_id: Some(held.id),
        recipient: held.citizen_email.clone().unwrap_or_default(),
        language,
        title,
        name: held.citizen_name.clone().unwrap_or_default(),
        paragraphs,
        links: vec![(label, format!("{}/b/{reference}", config.http.base_url))],
        dedupe_key: None,
    }
}
