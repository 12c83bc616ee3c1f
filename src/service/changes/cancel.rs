//! What a citizen does with a booking after making it, by its reference and manage
//! token: look at it, cancel it (its place goes to the waiting list), have its
//! confirmation sent again.

use crate::service::directory::{self, BookingFacts};
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use entity::booking;
use entity::status::BookingStatus;
use sea_orm::{
    ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QuerySelect,
    sea_query::Expr,
};

use crate::{
    config::Config,
    domain::normalise_reference,
    email::letters,
    error::{AppError, AppResult, ConflictKind},
    infra::secrets,
    service::{
        booking::view::{BookingView, view},
        db::Db,
        engine, outbox, setup,
    },
};

/// Finds a booking by reference and manage token; both wrong look the same (404).
pub async fn find_managed(
    db: &impl ConnectionTrait,
    reference: &str,
    token: &str,
    now: DateTime<Utc>,
) -> AppResult<booking::Model> {
    let not_found = || AppError::not_found("No booking matches this reference and token.");
    let row = booking::Entity::find()
        .filter(booking::Column::Reference.eq(normalise_reference(reference)))
        .one(db)
        .await?
        .ok_or_else(not_found)?;
    // The emailed link's token, or the one "My appointments" last made (both work).
    let given = secrets::hash(token.trim());
    let emailed = row.manage_token_hash.as_deref().unwrap_or_default();
    // The second link lives as long as the session that made it (a shared computer's
    // history must not keep it), and logout ends it too.
    let from_my = match row.session_manage_expires_at {
        Some(until) if until > now => row.session_manage_hash.as_deref().unwrap_or_default(),
        _ => "",
    };
    if secrets::constant_time_eq(emailed, &given) | secrets::constant_time_eq(from_my, &given) {
        Ok(row)
    } else {
        Err(not_found())
    }
}

/// The booking of a manage link, as its page shows it.
pub async fn managed(
    db: &Db,
    config: &Config,
    reference: &str,
    token: &str,
    now: DateTime<Utc>,
) -> AppResult<BookingFacts> {
    let row = find_managed(&db.conn, reference, token, now).await?;
    directory::booking(db, &row, &config.http.base_url).await
}

/// The booking's calendar file, for "Add to calendar" on its page: the same event (the
/// same UID) as the confirmation's attachment, so adding both does not double it, and a
/// cancelled booking's file removes it.
pub async fn calendar_file(
    db: &Db,
    config: &Config,
    reference: &str,
    token: &str,
    now: DateTime<Utc>,
) -> AppResult<String> {
    let row = find_managed(&db.conn, reference, token, now).await?;
    let setup = db.setups.get(&db.conn, row.office_id).await?;
    let service = setup.service(row.service_id)?;
    let facts = letters::facts_for(
        &row,
        &setup.office,
        service,
        setup.tz,
        &config.http.base_url,
        String::new(),
    );
    Ok(letters::ics(&facts, row.status == BookingStatus::Cancelled))
}

/// Time zone of a booking's office.
pub async fn office_tz(db: &impl ConnectionTrait, office_id: i32) -> AppResult<Tz> {
    let office = entity::office::Entity::find_by_id(office_id)
        .one(db)
        .await?
        .ok_or_else(|| AppError::Internal(anyhow::anyhow!("booking without office")))?;
    setup::parse_tz(&office.timezone)
}

/// Returns a booking to its citizen.
pub async fn get_booking(
    db: &Db,
    config: &Config,
    reference: &str,
    token: &str,
    now: DateTime<Utc>,
) -> AppResult<BookingView> {
    let row = find_managed(&db.conn, reference, token, now).await?;
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
    let row = find_managed(&db.conn, reference, token, now).await?;
    let setup = db.setups.get(&db.conn, row.office_id).await?;
    let (txn, gate) = engine::begin(db).await?;
    // Only a confirmed booking moves; the condition makes a race with a check-in safe.
    let updated = booking::Entity::update_many()
        .col_expr(
            booking::Column::Status,
            Expr::value(BookingStatus::Cancelled),
        )
        .col_expr(booking::Column::CancelledAt, Expr::value(now))
        .filter(booking::Column::Id.eq(row.id))
        .filter(booking::Column::Status.eq(BookingStatus::Confirmed))
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
        crate::service::io_app::enqueue_both(
            &txn,
            &config.io,
            letters::cancellation(&facts)?,
            row.citizen_fiscal_code.as_deref(),
            now,
        )
        .await?;
        crate::service::waitlist::offers::offer_freed(&txn, config, &setup, &row, now).await?;
        crate::service::webhooks::emit(
            &txn,
            row.office_id,
            Some(row.id),
            "booking.cancelled",
            crate::service::webhooks::booking_data(&row),
            now,
        )
        .await?;
    }
    txn.commit().await?;
    drop(gate);
    if updated.rows_affected == 1 {
        engine::touch(db, &[engine::freed(&row)]).await;
    }
    if updated.rows_affected == 1 || row.status == BookingStatus::Cancelled {
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
    let row = find_managed(&db.conn, reference, token, now).await?;
    if row.status != BookingStatus::Confirmed {
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
        return Err(AppError::TooManyResends {
            per_hour: RESENDS_PER_HOUR,
        });
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
