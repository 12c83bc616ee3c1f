//! Holds and bookings: validation of the requested slot, placement through the capacity
//! engine, the per-citizen limit, idempotency, look-up and cancellation by manage token.

use chrono::{DateTime, Duration, SecondsFormat, Utc};
use chrono_tz::Tz;
use entity::{booking, service};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait,
    QueryFilter, sea_query::Expr,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{
    config::Config,
    domain::{
        BookingStatus, Channel, EmailAddress, FieldError, Language, PartySize,
        capacity::{self, Full, Request},
        normalise_reference, reference_from_bytes,
        schedule::{self, SlotTime},
    },
    error::{AppError, AppResult, ConflictKind, is_unique_violation},
    service::{
        capacity as engine,
        db::Db,
        idempotency::{self, Keyed, StoredResponse},
        office::{self, OfficeSetup},
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

/// Parses an RFC 3339 instant given by a client.
pub fn parse_instant(field: &str, raw: &str) -> Result<DateTime<Utc>, FieldError> {
    DateTime::parse_from_rfc3339(raw.trim())
        .map(|t| t.with_timezone(&Utc))
        .map_err(|_| {
            FieldError::new(
                field,
                "must be an RFC 3339 date-time, e.g. 2026-12-01T09:00:00+01:00",
            )
        })
}

/// Checks that `start` is an offered, bookable slot of `service` and returns it.
pub fn check_slot(
    setup: &OfficeSetup,
    service: &service::Model,
    start: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<SlotTime, FieldError> {
    let tz = setup.tz;
    let date = schedule::local_date(tz, start);
    if start <= now {
        return Err(FieldError::new("start", "this time is in the past"));
    }
    if start < now + Duration::minutes(i64::from(service.min_notice_minutes)) {
        return Err(FieldError::new(
            "start",
            format!(
                "bookings close {} minutes before the start",
                service.min_notice_minutes
            ),
        ));
    }
    let today = schedule::local_date(tz, now);
    if date > today + Duration::days(i64::from(service.horizon_days)) {
        return Err(FieldError::new(
            "start",
            format!(
                "this service can be booked at most {} days ahead",
                service.horizon_days
            ),
        ));
    }
    let not_offered = || FieldError::new("start", "this is not an offered slot of the service");
    if setup.closed_on(date) || setup.candidates(service.id, date).is_empty() {
        return Err(not_offered());
    }
    let ranges = schedule::ranges_on(&setup.hours, date);
    schedule::slot_grid(tz, date, &ranges, i64::from(service.duration_minutes))
        .into_iter()
        .find(|s| s.start == start)
        .ok_or_else(not_offered)
}

/// A validated booking or hold request.
struct Validated {
    setup: std::sync::Arc<OfficeSetup>,
    service: service::Model,
    slot: SlotTime,
    party: PartySize,
}

async fn validate_slot_request(
    db: &Db,
    office_id: i32,
    service_id: i32,
    start: &str,
    party_size: i64,
    mut errors: Vec<FieldError>,
    now: DateTime<Utc>,
) -> AppResult<Validated> {
    let setup = db.setups.get(&db.conn, office_id).await?;
    let service = setup.service(service_id)?.clone();
    let party = PartySize::parse(party_size).map_err(|m| FieldError::new("party_size", m));
    let slot = parse_instant("start", start).and_then(|s| check_slot(&setup, &service, s, now));
    match (party, slot) {
        (Ok(party), Ok(slot)) if errors.is_empty() => Ok(Validated {
            setup,
            service,
            slot,
            party,
        }),
        (party, slot) => {
            errors.extend(party.err());
            errors.extend(slot.err());
            Err(AppError::Validation(errors))
        }
    }
}

fn slot_full(full: Full) -> AppError {
    let detail = match full {
        Full::NoCounter => "No counter is free at this time any more.",
        Full::NoRoom => "The waiting room has no place left for this party at this time.",
    };
    AppError::conflict(ConflictKind::SlotFull, detail)
}

fn request_of(v: &Validated) -> Request {
    Request {
        start: v.slot.start,
        end: v.slot.end,
        room_from: v.slot.start - v.setup.margin(),
        party: v.party.get(),
        occupies_room: Channel::parse(&v.service.channel) != Ok(Channel::Video),
    }
}

/// Takes the locks of a placement and decides the counter; the caller inserts the row
/// in the same transaction.
async fn place_in(
    txn: &sea_orm::DatabaseTransaction,
    v: &Validated,
    now: DateTime<Utc>,
) -> AppResult<capacity::CandidateCounter> {
    let date = schedule::local_date(v.setup.tz, v.slot.start);
    let candidates = v.setup.candidates(v.service.id, date);
    let request = request_of(v);
    let rooms: Vec<i32> = candidates.iter().map(|c| c.room_id).collect();
    let from = request.room_from.min(request.start);
    // Rules first: they do not depend on the locks, and reading them outside the locked
    // section keeps that section (lock, read bookings, insert, commit) as short as it can be.
    let rules = engine::rules(txn, &v.setup.room_ids()).await?;
    engine::lock(
        txn,
        &engine::room_hour_locks(&v.setup, &rooms, from, request.end),
    )
    .await?;
    let occupants = engine::occupants(txn, v.setup.office.id, from, request.end, now).await?;
    let picture = capacity::Picture {
        tz: v.setup.tz,
        rooms: &v.setup.rooms,
        rules: &rules,
        occupants: &occupants,
    };
    capacity::place(&picture, &candidates, &request).map_err(slot_full)
}

fn new_row(
    v: &Validated,
    counter: capacity::CandidateCounter,
    status: BookingStatus,
    now: DateTime<Utc>,
) -> booking::ActiveModel {
    let request = request_of(v);
    booking::ActiveModel {
        office_id: Set(v.setup.office.id),
        service_id: Set(v.service.id),
        counter_id: Set(counter.id),
        room_id: Set(counter.room_id),
        occupies_room: Set(request.occupies_room),
        status: Set(status.as_str().into()),
        start_at: Set(request.start),
        end_at: Set(request.end),
        room_from: Set(request.room_from),
        party_size: Set(request.party),
        language: Set(Language::default().code().into()),
        created_at: Set(now),
        ..Default::default()
    }
}

/// Places a hold (API.md "holds"): counts like a booking until it expires.
pub async fn create_hold(
    db: &Db,
    config: &Config,
    input: &HoldRequest,
    now: DateTime<Utc>,
) -> AppResult<HoldView> {
    let v = validate_slot_request(
        db,
        input.office_id,
        input.service_id,
        &input.start,
        input.party_size,
        Vec::new(),
        now,
    )
    .await?;
    let (txn, _gate) = engine::begin(db).await?;
    let counter = place_in(&txn, &v, now).await?;
    let hold_id = uuid::Uuid::new_v4().to_string();
    let expires_at = now + Duration::minutes(config.booking.hold_minutes);
    let mut row = new_row(&v, counter, BookingStatus::Held, now);
    row.hold_id = Set(Some(hold_id.clone()));
    row.hold_expires_at = Set(Some(expires_at));
    row.insert(&txn).await?;
    txn.commit().await?;
    Ok(HoldView {
        hold_id,
        expires_at: fmt_local(expires_at, v.setup.tz),
    })
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

/// Books a slot (or takes over a hold), honouring an optional idempotency key.
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
    let result = book_with_retries(db, config, input, key.as_ref(), now).await;
    match (result, &key) {
        (Ok(view), _) => Ok(BookingOutcome::Created(Box::new(view))),
        (Err(BookError::KeyTaken), Some(k)) => idempotency::find(&db.conn, k, now)
            .await?
            .map(BookingOutcome::Replayed)
            .ok_or_else(|| AppError::Internal(anyhow::anyhow!("idempotency key vanished"))),
        (Err(BookError::App(e)), Some(k)) if e.status().is_client_error() => {
            let stored = StoredResponse {
                status: e.status().as_u16(),
                body: e.problem().to_string(),
            };
            idempotency::store_if_absent(&db.conn, k, &stored, now).await?;
            Err(e)
        }
        (Err(BookError::App(e)), _) => Err(e),
        (Err(BookError::KeyTaken | BookError::ReferenceTaken), _) => Err(AppError::Internal(
            anyhow::anyhow!("could not allocate a unique booking reference"),
        )),
    }
}

enum BookError {
    App(AppError),
    /// A concurrent request with the same idempotency key committed first.
    KeyTaken,
    /// The random reference collided; try again with another.
    ReferenceTaken,
}

impl From<AppError> for BookError {
    fn from(e: AppError) -> Self {
        Self::App(e)
    }
}

impl From<sea_orm::DbErr> for BookError {
    fn from(e: sea_orm::DbErr) -> Self {
        Self::App(e.into())
    }
}

async fn book_with_retries(
    db: &Db,
    config: &Config,
    input: &BookingRequest,
    key: Option<&Keyed>,
    now: DateTime<Utc>,
) -> Result<BookingView, BookError> {
    let (citizen, citizen_errors) = validate_citizen(input);
    let v = validate_slot_request(
        db,
        input.office_id,
        input.service_id,
        &input.start,
        input.party_size,
        citizen_errors,
        now,
    )
    .await?;
    let Some(citizen) = citizen else {
        return Err(
            AppError::Internal(anyhow::anyhow!("citizen validated without details")).into(),
        );
    };
    for _ in 0..5 {
        match book_once(db, config, input, &v, &citizen, key, now).await {
            Err(BookError::ReferenceTaken) => continue,
            other => return other,
        }
    }
    Err(BookError::ReferenceTaken)
}

async fn book_once(
    db: &Db,
    config: &Config,
    input: &BookingRequest,
    v: &Validated,
    citizen: &CitizenDetails,
    key: Option<&Keyed>,
    now: DateTime<Utc>,
) -> Result<BookingView, BookError> {
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
        return Err(BookError::KeyTaken);
    }
    let hold = match &input.hold_id {
        Some(hold_id) => {
            let hold = booking::Entity::find()
                .filter(booking::Column::HoldId.eq(hold_id.as_str()))
                .filter(booking::Column::Status.eq(BookingStatus::Held.as_str()))
                .filter(booking::Column::HoldExpiresAt.gt(now))
                .one(&txn)
                .await?
                .ok_or_else(|| {
                    AppError::conflict(
                        ConflictKind::HoldExpired,
                        "This hold has expired or does not exist.",
                    )
                })?;
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
    let active = booking::Entity::find()
        .filter(booking::Column::ServiceId.eq(v.service.id))
        .filter(booking::Column::CitizenEmail.eq(citizen.email.as_str()))
        .filter(booking::Column::Status.is_in(["confirmed", "checked_in"]))
        .filter(booking::Column::EndAt.gt(now))
        .count(&txn)
        .await?;
    if active >= u64::try_from(v.service.max_active_per_citizen).unwrap_or(0) {
        return Err(AppError::conflict(
            ConflictKind::CitizenLimit,
            format!(
                "You already hold {active} active booking(s) for this service, the most allowed."
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
    };
    let saved = match hold {
        Some(hold) => {
            let hold_id = hold.hold_id.clone().unwrap_or_default();
            let mut row: booking::ActiveModel = hold.into();
            citizen_columns(&mut row);
            // Conditional on the hold still being live, so two requests cannot both take it.
            let done = booking::Entity::update_many()
                .set(row.clone())
                .filter(booking::Column::HoldId.eq(hold_id.as_str()))
                .filter(booking::Column::Status.eq(BookingStatus::Held.as_str()))
                .filter(booking::Column::HoldExpiresAt.gt(now))
                .exec(&txn)
                .await;
            match done {
                Ok(r) if r.rows_affected == 1 => {}
                Ok(_) => {
                    return Err(AppError::conflict(
                        ConflictKind::HoldExpired,
                        "This hold has expired or does not exist.",
                    )
                    .into());
                }
                Err(e) if is_unique_violation(&e) => return Err(BookError::ReferenceTaken),
                Err(e) => return Err(e.into()),
            }
            booking::Entity::find()
                .filter(booking::Column::Reference.eq(reference.as_str()))
                .one(&txn)
                .await?
                .ok_or_else(|| AppError::Internal(anyhow::anyhow!("converted hold vanished")))?
        }
        None => {
            let counter = place_in(&txn, v, now).await?;
            let mut row = new_row(v, counter, BookingStatus::Confirmed, now);
            citizen_columns(&mut row);
            match row.insert(&txn).await {
                Ok(m) => m,
                Err(e) if is_unique_violation(&e) => return Err(BookError::ReferenceTaken),
                Err(e) => return Err(e.into()),
            }
        }
    };
    let mut view = view(&saved, v.setup.tz, &config.http.base_url);
    view.manage_token = Some(manage_token);
    if let Some(k) = key {
        let body = serde_json::to_string(&view).map_err(|e| AppError::Internal(e.into()))?;
        let stored = StoredResponse { status: 201, body };
        match idempotency::store(&txn, k, &stored, now).await {
            Ok(()) => {}
            Err(AppError::Conflict { .. }) => return Err(BookError::KeyTaken),
            Err(e) => return Err(e.into()),
        }
    }
    match txn.commit().await {
        Ok(()) => Ok(view),
        Err(e) if is_unique_violation(&e) && key.is_some() => Err(BookError::KeyTaken),
        Err(e) => Err(e.into()),
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
/// unchanged; a booking checked in, served or released cannot be cancelled (409).
pub async fn cancel_booking(
    db: &Db,
    config: &Config,
    reference: &str,
    token: &str,
    now: DateTime<Utc>,
) -> AppResult<BookingView> {
    let row = find_managed(&db.conn, reference, token).await?;
    let tz = office_tz(&db.conn, row.office_id).await?;
    // Only a confirmed booking moves; the condition makes a race with a check-in safe.
    let updated = booking::Entity::update_many()
        .col_expr(
            booking::Column::Status,
            Expr::value(BookingStatus::Cancelled.as_str()),
        )
        .col_expr(booking::Column::CancelledAt, Expr::value(now))
        .filter(booking::Column::Id.eq(row.id))
        .filter(booking::Column::Status.eq(BookingStatus::Confirmed.as_str()))
        .exec(&db.conn)
        .await?;
    let row = booking::Entity::find_by_id(row.id)
        .one(&db.conn)
        .await?
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("cancelled booking vanished")))?;
    if updated.rows_affected == 1 || row.status == BookingStatus::Cancelled.as_str() {
        return Ok(view(&row, tz, &config.http.base_url));
    }
    Err(AppError::conflict(
        ConflictKind::State,
        format!(
            "A booking with status {} can no longer be cancelled.",
            row.status
        ),
    ))
}

/// Whether the database is reachable (for `/readyz`).
pub async fn ping(db: &Db) -> bool {
    db.conn.ping().await.is_ok()
}
