//! What a booking is made of before its place is taken: the hold it takes over, its
//! secrets and reference, and where its id is known already, its confirmation. Done
//! before the room locks, where a popular start's requests wait for each other.

use chrono::{DateTime, Utc};
use entity::booking;
use entity::status::BookingStatus;
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseBackend, DatabaseTransaction, EntityTrait, QueryFilter,
    Statement,
};

use crate::{
    config::Config,
    domain::{Channel, reference_from_bytes},
    email::letters,
    error::{AppError, AppResult, ConflictKind},
    infra::secrets,
    service::booking::{
        citizen::CitizenDetails,
        placement::{Failure, Validated},
        view::BookingRequest,
    },
};

/// What a booking is made of before its place is taken: the hold it takes over, its
/// secrets and reference and, when its id is known already, its confirmation queued.
pub(super) struct Prepared {
    pub(super) hold: Option<booking::Model>,
    pub(super) manage_token: String,
    pub(super) checkin_token: String,
    pub(super) reference: String,
    pub(super) meeting_url: Option<String>,
    /// The row's id, known before placement for a hold (its own) and on PostgreSQL
    /// (taken from the sequence): its confirmation is then already queued.
    pub(super) id: Option<i32>,
    /// The `Message-ID` of the confirmation queued here, to take back on a refusal.
    pub(super) queued: Option<String>,
}

/// Does the work of a booking that does not depend on its counter before the room
/// locks, where a popular start's requests wait for each other: the locked section is
/// then the lock, the placement read, the row and the commit.
pub(super) async fn prepare(
    txn: &DatabaseTransaction,
    config: &Config,
    input: &BookingRequest,
    v: &Validated,
    citizen: &CitizenDetails,
    now: DateTime<Utc>,
) -> Result<Prepared, Failure> {
    let hold = match &input.hold_id {
        Some(hold_id) => Some(held(txn, hold_id, v, now).await?),
        None => None,
    };
    let checkin_token = secrets::new_token()?;
    let meeting_url = (Channel::parse(&v.service.channel) == Ok(Channel::Video)).then(|| {
        let room: String = secrets::hash(&checkin_token).chars().take(16).collect();
        config.booking.meeting_url_template.replace("{room}", &room)
    });
    let id = match &hold {
        Some(hold) => Some(hold.id),
        None => next_booking_id(txn).await?,
    };
    let mut prepared = Prepared {
        hold,
        manage_token: secrets::new_token()?,
        checkin_token,
        reference: reference_from_bytes(secrets::random_bytes::<6>()?),
        meeting_url,
        id,
        queued: None,
    };
    if let Some(id) = id {
        let fiscal = input.identity.as_ref().map(|i| i.fiscal_code.as_str());
        prepared.queued =
            Some(confirm(txn, config, v, citizen, &prepared, (id, fiscal), now).await?);
    }
    Ok(prepared)
}

/// The next id of a booking row on PostgreSQL, before the row is written; `None` on
/// SQLite, where ids exist only once written (and where every write queues on one gate
/// anyway, so writing the confirmation later costs no waiting).
async fn next_booking_id(txn: &DatabaseTransaction) -> AppResult<Option<i32>> {
    if txn.get_database_backend() != DatabaseBackend::Postgres {
        return Ok(None);
    }
    let row = txn
        .query_one_raw(Statement::from_string(
            DatabaseBackend::Postgres,
            "SELECT nextval(pg_get_serial_sequence('booking', 'id'))::int4 AS id",
        ))
        .await?
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("no value from the booking sequence")))?;
    Ok(Some(row.try_get::<i32>("", "id")?))
}

/// Queues the confirmation of booking `id`, in the booking's transaction (no booking
/// without its message), and answers its `Message-ID`. A hold taken over keeps the
/// instants it was taken with, even if the service's length changed since.
pub(super) async fn confirm(
    txn: &DatabaseTransaction,
    config: &Config,
    v: &Validated,
    citizen: &CitizenDetails,
    p: &Prepared,
    (id, fiscal_code): (i32, Option<&str>),
    now: DateTime<Utc>,
) -> AppResult<String> {
    let base_url = &config.http.base_url;
    let manage_url = format!("{base_url}/b/{}?token={}", p.reference, p.manage_token);
    let told = letters::Told {
        booking_id: id,
        reference: &p.reference,
        language: citizen.language.code(),
        name: &citizen.name,
        recipient: citizen.email.as_str(),
        start: p.hold.as_ref().map_or(v.slot.start, |h| h.start_at),
        end: p.hold.as_ref().map_or(v.slot.end, |h| h.end_at),
        party_size: v.party.get(),
        checkin_token: &p.checkin_token,
        meeting_url: p.meeting_url.as_deref(),
    };
    let facts = letters::facts_of(
        &told,
        &v.setup.office,
        &v.service,
        v.setup.tz,
        base_url,
        manage_url,
    );
    crate::service::io_app::enqueue_both(
        txn,
        &config.io,
        letters::confirmation(&facts)?,
        fiscal_code,
        now,
    )
    .await
}

/// The live hold `hold_id`, which must be for this very request.
async fn held(
    txn: &DatabaseTransaction,
    hold_id: &str,
    v: &Validated,
    now: DateTime<Utc>,
) -> Result<booking::Model, Failure> {
    let hold = booking::Entity::find()
        .filter(booking::Column::HoldId.eq(hold_id))
        .filter(booking::Column::Status.eq(BookingStatus::Held))
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
    Ok(hold)
}

pub(super) fn hold_gone() -> AppError {
    AppError::conflict(
        ConflictKind::HoldExpired,
        "This hold has expired or does not exist.",
    )
}
