//! Bookings: the per-citizen limit, taking over holds, idempotency, look-up and
//! cancellation by manage token. Slot validation and placement are in `placement`.

use chrono::{DateTime, SecondsFormat, Utc};
use chrono_tz::Tz;
use entity::booking;
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction,
    EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, sea_query::Expr,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{
    config::Config,
    domain::{
        BookingStatus, Channel, EmailAddress, FieldError, Language, capacity::CandidateCounter,
        normalise_reference, reference_from_bytes,
    },
    email::letters,
    error::{AppError, AppResult, ConflictKind, is_unique_violation},
    service::{
        capacity as engine,
        db::Db,
        idempotency::{self, Keyed, StoredResponse},
        office, outbox,
        placement::{self, Ask, Failure, Validated},
        tokens,
    },
};

/// The citizen's details in a booking request.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
pub struct CitizenInput {
    /// Full name.
    pub name: String,
    /// Email; normalised (trimmed, lower-cased) before use.
    pub email: String,
    /// Optional phone number.
    #[serde(default)]
    pub phone: Option<String>,
}

/// `POST /api/v1/bookings` body.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
pub struct BookingRequest {
    /// Office id.
    pub office_id: i32,
    /// Service id.
    pub service_id: i32,
    /// Slot start, RFC 3339 (any offset).
    pub start: String,
    /// Persons, 1–4.
    pub party_size: i64,
    /// Who is coming.
    pub citizen: CitizenInput,
    /// `it` (default) or `en`.
    #[serde(default)]
    pub language: Option<String>,
    /// A hold to take over.
    #[serde(default)]
    pub hold_id: Option<String>,
}

/// `POST /api/v1/holds` body.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
pub struct HoldRequest {
    /// Office id.
    pub office_id: i32,
    /// Service id.
    pub service_id: i32,
    /// Slot start, RFC 3339.
    pub start: String,
    /// Persons, 1–4.
    pub party_size: i64,
}

/// A created hold.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct HoldView {
    /// Pass this as `hold_id` when booking.
    pub hold_id: String,
    /// When the place is released if not booked.
    pub expires_at: String,
}

/// The citizen as returned.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CitizenView {
    /// Name (empty after anonymisation).
    pub name: String,
    /// Normalised email.
    pub email: String,
    /// Phone, if given.
    pub phone: Option<String>,
}

/// A booking as the API returns it (API.md "Booking").
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct BookingView {
    /// Human reference, e.g. `K7M-4QX`.
    pub reference: String,
    /// `confirmed`, `checked_in`, `served`, `cancelled` or `no_show`.
    pub status: String,
    /// Office id.
    pub office_id: i32,
    /// Service id.
    pub service_id: i32,
    /// The counter's room.
    pub room_id: i32,
    /// Assigned counter.
    pub counter_id: i32,
    /// Start, in the office's zone.
    pub start: String,
    /// End, in the office's zone.
    pub end: String,
    /// Persons.
    pub party_size: i32,
    /// Who is coming.
    pub citizen: CitizenView,
    /// `it` or `en`.
    pub language: String,
    /// The URL the QR code holds.
    pub checkin_url: String,
    /// Video-call link for video appointments.
    pub meeting_url: Option<String>,
    /// When it was booked.
    pub created_at: String,
    /// When the party was admitted.
    pub checked_in_at: Option<String>,
    /// When the appointment was closed.
    pub served_at: Option<String>,
    /// When it was cancelled.
    pub cancelled_at: Option<String>,
    /// When it was released as a no-show.
    pub released_at: Option<String>,
    /// The secret for viewing and cancelling; only in the creation response.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub manage_token: Option<String>,
}

/// RFC 3339 in whole seconds with the office's numeric offset (API.md conventions).
pub fn fmt_local(t: DateTime<Utc>, tz: Tz) -> String {
    t.with_timezone(&tz)
        .to_rfc3339_opts(SecondsFormat::Secs, false)
}

/// Builds the API view of a stored booking.
pub fn view(b: &booking::Model, tz: Tz, base_url: &str) -> BookingView {
    let fmt = |t: Option<DateTime<Utc>>| t.map(|t| fmt_local(t, tz));
    BookingView {
        reference: b.reference.clone().unwrap_or_default(),
        status: b.status.clone(),
        office_id: b.office_id,
        service_id: b.service_id,
        room_id: b.room_id,
        counter_id: b.counter_id,
        start: fmt_local(b.start_at, tz),
        end: fmt_local(b.end_at, tz),
        party_size: b.party_size,
        citizen: CitizenView {
            name: b.citizen_name.clone().unwrap_or_default(),
            email: b.citizen_email.clone().unwrap_or_default(),
            phone: b.citizen_phone.clone(),
        },
        language: b.language.clone(),
        checkin_url: format!(
            "{base_url}/c/{}",
            b.checkin_token.as_deref().unwrap_or_default()
        ),
        meeting_url: b.meeting_url.clone(),
        created_at: fmt_local(b.created_at, tz),
        checked_in_at: fmt(b.checked_in_at),
        served_at: fmt(b.served_at),
        cancelled_at: fmt(b.cancelled_at),
        released_at: fmt(b.released_at),
        manage_token: None,
    }
}

/// Releases a hold at once; unknown or expired holds are fine (idempotent).
pub async fn delete_hold(db: &Db, hold_id: &str) -> AppResult<()> {
    booking::Entity::delete_many()
        .filter(booking::Column::HoldId.eq(hold_id))
        .filter(booking::Column::Status.eq(BookingStatus::Held.as_str()))
        .exec(&db.conn)
        .await?;
    Ok(())
}

/// What `POST /bookings` answers: a new booking, or the stored first response of a
/// repeated `Idempotency-Key`.
#[derive(Debug, Clone)]
pub enum BookingOutcome {
    /// Booked now.
    Created(Box<BookingView>),
    /// Replay of the first response to this key.
    Replayed(StoredResponse),
}

struct CitizenDetails {
    name: String,
    email: EmailAddress,
    phone: Option<String>,
    language: Language,
}

/// The field errors of the citizen part of a request (pages show them next to the
/// fields, together with their own, before anything is booked).
pub fn citizen_errors(input: &BookingRequest) -> Vec<FieldError> {
    validate_citizen(input).1
}

fn validate_citizen(input: &BookingRequest) -> (Option<CitizenDetails>, Vec<FieldError>) {
    let mut errors = Vec::new();
    let name = input.citizen.name.trim().to_string();
    if name.is_empty() {
        errors.push(FieldError::new("citizen.name", "the name is required"));
    } else if name.chars().count() > 200 || name.chars().any(char::is_control) {
        errors.push(FieldError::new(
            "citizen.name",
            "the name is too long or has control characters",
        ));
    }
    let email = EmailAddress::parse(&input.citizen.email)
        .map_err(|m| errors.push(FieldError::new("citizen.email", m)))
        .ok();
    let phone = input
        .citizen
        .phone
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string);
    if let Some(p) = &phone
        && (p.len() > 40
            || !p
                .chars()
                .all(|c| c.is_ascii_digit() || " +-/().".contains(c)))
    {
        errors.push(FieldError::new(
            "citizen.phone",
            "this is not a valid phone number",
        ));
    }
    let language = match input.language.as_deref() {
        None => Ok(Language::default()),
        Some(l) => Language::parse(l),
    }
    .map_err(|m| errors.push(FieldError::new("language", m)))
    .ok();
    match (email, language) {
        (Some(email), Some(language)) if errors.is_empty() => (
            Some(CitizenDetails {
                name,
                email,
                phone,
                language,
            }),
            errors,
        ),
        _ => (None, errors),
    }
}

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
        .admit(config.http.rate_limit, &input.citizen.email, now)?;
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
        (Err(Failure::App(e)), Some(k)) if e.status().is_client_error() => {
            // Refusals decided under the citizen lock were stored there; this stores
            // the ones found earlier (validation), unless a first response exists.
            idempotency::store_if_absent(&db.conn, k, &stored_error(&e), now).await?;
            Err(e)
        }
        (Err(Failure::App(e)), _) => Err(e),
        (Err(Failure::KeyTaken | Failure::ReferenceTaken | Failure::Stale), _) => Err(
            AppError::Internal(anyhow::anyhow!("booking kept colliding; gave up")),
        ),
    }
}

fn stored_error(e: &AppError) -> StoredResponse {
    StoredResponse {
        status: e.status().as_u16(),
        body: e.problem().to_string(),
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
    engine::lock(
        &txn,
        &[engine::citizen_lock(v.service.id, citizen.email.as_str())],
    )
    .await?;
    // A concurrent request with the same key (so the same body and citizen) may have
    // committed while we waited for the citizen lock: replay it rather than refuse.
    if let Some(k) = key
        && idempotency::find(&txn, k, now).await?.is_some()
    {
        return Err(Failure::KeyTaken);
    }
    let view = match book_locked(&txn, config, input, v, citizen, now).await {
        Ok(view) => view,
        Err(Failure::App(e)) if e.status().is_client_error() => {
            // A refusal wrote nothing but lock rows, the key's answer and (for the
            // citizen limit) the notice to the address: all of it is kept.
            if let Some(k) = key {
                idempotency::store(&txn, k, &stored_error(&e), now).await?;
            }
            txn.commit().await?;
            return Err(Failure::App(e));
        }
        Err(other) => return Err(other),
    };
    if let Some(k) = key {
        let body = serde_json::to_string(&view).map_err(|e| AppError::Internal(e.into()))?;
        let stored = StoredResponse { status: 201, body };
        match idempotency::store(&txn, k, &stored, now).await {
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

fn hold_gone() -> AppError {
    AppError::conflict(
        ConflictKind::HoldExpired,
        "This hold has expired or does not exist.",
    )
}

/// The checks and the write of a booking, inside the transaction and the citizen lock.
async fn book_locked(
    txn: &DatabaseTransaction,
    config: &Config,
    input: &BookingRequest,
    v: &Validated,
    citizen: &CitizenDetails,
    now: DateTime<Utc>,
) -> Result<BookingView, Failure> {
    let hold = match &input.hold_id {
        Some(hold_id) => {
            let hold = booking::Entity::find()
                .filter(booking::Column::HoldId.eq(hold_id.as_str()))
                .filter(booking::Column::Status.eq(BookingStatus::Held.as_str()))
                .filter(booking::Column::HoldExpiresAt.gt(now))
                .one(txn)
                .await?
                .ok_or_else(hold_gone)?;
            if hold.office_id != v.setup.office.id
                || hold.service_id != v.service.id
                || hold.start_at != v.slot.start
                || hold.party_size != v.party.get()
            {
                return Err(AppError::invalid(
                    "hold_id",
                    "the hold is for another office, service, start or party size",
                )
                .into());
            }
            Some(hold)
        }
        None => None,
    };
    // Placement before the citizen limit (security review, finding 2): a request that
    // cannot be placed answers /slot-full whoever the citizen is, so nobody learns for
    // free whether a person holds a booking. The limit is checked only for a request
    // that would otherwise book, and then the person is emailed either way: a
    // confirmation, or the notice below.
    let counter = match &hold {
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
    let active = booking::Entity::find()
        .filter(booking::Column::ServiceId.eq(v.service.id))
        .filter(booking::Column::CitizenEmail.eq(citizen.email.as_str()))
        .filter(booking::Column::Status.is_in(["confirmed", "checked_in"]))
        .filter(booking::Column::EndAt.gt(now))
        .order_by_asc(booking::Column::StartAt)
        .all(txn)
        .await?;
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
    let manage_token = tokens::new_token()?;
    let checkin_token = tokens::new_token()?;
    let reference = reference_from_bytes(tokens::random_bytes::<6>()?);
    let meeting_url = (Channel::parse(&v.service.channel) == Ok(Channel::Video)).then(|| {
        let room: String = tokens::hash(&checkin_token).chars().take(16).collect();
        config.booking.meeting_url_template.replace("{room}", &room)
    });
    let citizen_columns = |row: &mut booking::ActiveModel| {
        row.status = Set(BookingStatus::Confirmed.as_str().into());
        row.reference = Set(Some(reference.clone()));
        row.checkin_token = Set(Some(checkin_token.clone()));
        row.manage_token_hash = Set(Some(tokens::hash(&manage_token)));
        row.citizen_name = Set(Some(citizen.name.clone()));
        row.citizen_email = Set(Some(citizen.email.as_str().into()));
        row.citizen_phone = Set(citizen.phone.clone());
        row.language = Set(citizen.language.code().into());
        row.meeting_url = Set(meeting_url.clone());
        row.hold_id = Set(None);
        row.hold_expires_at = Set(None);
        row.hold_client = Set(None);
        row.hold_session = Set(None);
    };
    let saved = match (hold, counter) {
        (Some(hold), _) => {
            let id = hold.id;
            let mut row: booking::ActiveModel = hold.into();
            citizen_columns(&mut row);
            let done = booking::Entity::update_many()
                .set(row)
                .filter(booking::Column::Id.eq(id))
                .filter(booking::Column::Status.eq(BookingStatus::Held.as_str()))
                .exec(txn)
                .await;
            match done {
                Ok(r) if r.rows_affected == 1 => {}
                Ok(_) => return Err(hold_gone().into()),
                Err(e) if is_unique_violation(&e) => return Err(Failure::ReferenceTaken),
                Err(e) => return Err(e.into()),
            }
            booking::Entity::find_by_id(id)
                .one(txn)
                .await?
                .ok_or_else(|| AppError::Internal(anyhow::anyhow!("converted hold vanished")))?
        }
        (None, None) => {
            return Err(AppError::Internal(anyhow::anyhow!("placed without a counter")).into());
        }
        (None, Some(counter)) => {
            let mut row = placement::new_row(v, counter, BookingStatus::Confirmed, now);
            citizen_columns(&mut row);
            match row.insert(txn).await {
                Ok(m) => m,
                Err(e) if is_unique_violation(&e) => return Err(Failure::ReferenceTaken),
                Err(e) => return Err(e.into()),
            }
        }
    };
    let mut view = view(&saved, v.setup.tz, &config.http.base_url);
    // The confirmation is queued in this transaction: no booking without its message.
    let manage_url = format!(
        "{}/b/{}?token={manage_token}",
        config.http.base_url, view.reference
    );
    let facts = letters::facts_for(
        &saved,
        &v.setup.office,
        &v.service,
        v.setup.tz,
        &config.http.base_url,
        manage_url,
    );
    outbox::enqueue(txn, letters::confirmation(&facts)?, now).await?;
    view.manage_token = Some(manage_token);
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
    let when = format!(
        "{}, {}",
        crate::web::Texts::of(language).long_date(crate::domain::schedule::local_date(
            v.setup.tz,
            held.start_at
        )),
        crate::web::i18n::hhmm(held.start_at, v.setup.tz)
    );
    let (service, office) = (&v.service.name, &v.setup.office.name);
    let (title, paragraphs, label) = match language {
        Language::It => (
            format!("Hai già una prenotazione: {service}"),
            vec![
                format!(
                    "qualcuno (forse tu) ha appena chiesto di prenotare «{service}» presso {office} con questo indirizzo email. Hai già una prenotazione attiva per questo servizio ({reference}, {when}), quindi non ne è stata fatta un'altra."
                ),
                "Per spostarla o annullarla usa il link dell'email di conferma. Se non sei stato tu, non devi fare nulla.".to_string(),
            ],
            "La tua prenotazione",
        ),
        Language::En => (
            format!("You already have a booking: {service}"),
            vec![
                format!(
                    "someone (perhaps you) has just asked to book \"{service}\" at {office} with this email address. You already have an active booking for this service ({reference}, {when}), so no other one was made."
                ),
                "To move or cancel it, use the link in its confirmation email. If this was not you, there is nothing to do.".to_string(),
            ],
            "Your booking",
        ),
    };
    letters::Notice {
        kind: "citizen_limit",
        booking_id: Some(held.id),
        recipient: held.citizen_email.clone().unwrap_or_default(),
        language,
        title,
        name: held.citizen_name.clone().unwrap_or_default(),
        paragraphs,
        link: Some((
            label.to_string(),
            format!("{}/b/{reference}", config.http.base_url),
        )),
        dedupe_key: None,
    }
}

/// Finds a booking by reference and manage token; both wrong look the same (404).
pub async fn find_managed(
    db: &impl ConnectionTrait,
    reference: &str,
    token: &str,
) -> AppResult<booking::Model> {
    let not_found = || AppError::not_found("No booking matches this reference and token.");
    let row = booking::Entity::find()
        .filter(booking::Column::Reference.eq(normalise_reference(reference)))
        .one(db)
        .await?
        .ok_or_else(not_found)?;
    let stored = row.manage_token_hash.as_deref().unwrap_or_default();
    if tokens::constant_time_eq(stored, &tokens::hash(token.trim())) {
        Ok(row)
    } else {
        Err(not_found())
    }
}

/// Time zone of a booking's office.
pub async fn office_tz(db: &impl ConnectionTrait, office_id: i32) -> AppResult<Tz> {
    let office = entity::office::Entity::find_by_id(office_id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("booking without office")))?;
    office::parse_tz(&office.timezone)
}

/// Returns a booking to its citizen.
pub async fn get_booking(
    db: &Db,
    config: &Config,
    reference: &str,
    token: &str,
) -> AppResult<BookingView> {
    let row = find_managed(&db.conn, reference, token).await?;
    let tz = office_tz(&db.conn, row.office_id).await?;
    Ok(view(&row, tz, &config.http.base_url))
}

/// Cancels a confirmed booking; cancelling again answers the cancelled booking
/// unchanged; a booking checked in, served or released cannot be cancelled (409). The
/// cancellation message is queued in the same transaction.
pub async fn cancel_booking(
    db: &Db,
    config: &Config,
    reference: &str,
    token: &str,
    now: DateTime<Utc>,
) -> AppResult<BookingView> {
    let row = find_managed(&db.conn, reference, token).await?;
    let setup = db.setups.get(&db.conn, row.office_id).await?;
    let (txn, _gate) = engine::begin(db).await?;
    // Only a confirmed booking moves; the condition makes a race with a check-in safe.
    let updated = booking::Entity::update_many()
        .col_expr(
            booking::Column::Status,
            Expr::value(BookingStatus::Cancelled.as_str()),
        )
        .col_expr(booking::Column::CancelledAt, Expr::value(now))
        .filter(booking::Column::Id.eq(row.id))
        .filter(booking::Column::Status.eq(BookingStatus::Confirmed.as_str()))
        .exec(&txn)
        .await?;
    let row = booking::Entity::find_by_id(row.id)
        .one(&txn)
        .await?
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("cancelled booking vanished")))?;
    if updated.rows_affected == 1 {
        let service = setup.service(row.service_id)?;
        let facts = letters::facts_for(
            &row,
            &setup.office,
            service,
            setup.tz,
            &config.http.base_url,
            String::new(),
        );
        outbox::enqueue(&txn, letters::cancellation(&facts)?, now).await?;
        crate::service::waitlist::offer_freed(&txn, config, &setup, &row, now).await?;
    }
    txn.commit().await?;
    if updated.rows_affected == 1 || row.status == BookingStatus::Cancelled.as_str() {
        return Ok(view(&row, setup.tz, &config.http.base_url));
    }
    Err(AppError::conflict(
        ConflictKind::State,
        format!(
            "A booking with status {} can no longer be cancelled.",
            row.status
        ),
    ))
}

/// How many extra copies of a confirmation a citizen may ask for in an hour.
pub const RESENDS_PER_HOUR: u64 = 3;

/// Queues the confirmation again ("send the email again" on the booking page), at most
/// [`RESENDS_PER_HOUR`] an hour per booking. Counting and queueing happen in one write
/// transaction under the booking row's lock (`FOR UPDATE` on PostgreSQL, the single
/// writer on SQLite), so requests sent at once cannot all see the same count (security
/// review, finding 5).
pub async fn resend_confirmation(
    db: &Db,
    config: &Config,
    reference: &str,
    token: &str,
    now: DateTime<Utc>,
) -> AppResult<()> {
    use entity::outbox_message;
    let row = find_managed(&db.conn, reference, token).await?;
    if row.status != BookingStatus::Confirmed.as_str() {
        return Err(AppError::conflict(
            ConflictKind::State,
            "Only a confirmed booking has a confirmation to send.",
        ));
    }
    let setup = db.setups.get(&db.conn, row.office_id).await?;
    let (txn, _gate) = engine::begin(db).await?;
    booking::Entity::find_by_id(row.id)
        .lock_exclusive()
        .one(&txn)
        .await?;
    let recent = outbox_message::Entity::find()
        .filter(outbox_message::Column::BookingId.eq(row.id))
        .filter(outbox_message::Column::Kind.eq("confirmation"))
        .filter(outbox_message::Column::CreatedAt.gt(now - chrono::Duration::hours(1)))
        .count(&txn)
        .await?;
    if recent > RESENDS_PER_HOUR {
        return Err(AppError::TooManyRequests);
    }
    let service = setup.service(row.service_id)?;
    let manage_url = format!(
        "{}/b/{}?token={}",
        config.http.base_url,
        row.reference.as_deref().unwrap_or_default(),
        token.trim()
    );
    let facts = letters::facts_for(
        &row,
        &setup.office,
        service,
        setup.tz,
        &config.http.base_url,
        manage_url,
    );
    outbox::enqueue(&txn, letters::confirmation(&facts)?, now).await?;
    txn.commit().await?;
    Ok(())
}

/// Whether the database is reachable (for `/readyz`).
pub async fn ping(db: &Db) -> bool {
    // A health check must answer fast: a database that takes two seconds is not ready.
    tokio::time::timeout(std::time::Duration::from_secs(2), db.conn.ping())
        .await
        .is_ok_and(|r| r.is_ok())
}
