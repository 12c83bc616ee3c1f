//! Reconfirmation, as Italy's national ID-card agenda does it: a service may ask its
//! citizens to confirm they are still coming. `reconfirm_days` before the start the
//! citizen gets an email with a link; a booking not reconfirmed by the deadline (one day
//! before the start) is released: cancelled with an email saying why, and its place
//! offered to the waiting list. Bookings made inside the window are reconfirmed by being
//! made. Runs with the no-show sweep (every minute); each step is idempotent.

use crate::service::directory::{self, BookingFacts};
use chrono::{DateTime, Duration, Utc};
use entity::status::BookingStatus;
use entity::{booking, service};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};

use crate::l10n::{Tr, fl};
use crate::{
    config::Config,
    email::letters::{self, Notice},
    error::{AppError, AppResult},
    service::{audit::Audit, db::Db, engine, outbox, waitlist::offers},
};

/// The deadline: this long before the start.
pub const DEADLINE_HOURS: i64 = 24;

/// The least time a citizen has between the request and a release.
pub const MIN_REPLY_HOURS: i64 = 12;

/// What a run did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reconfirmation {
    /// Requests queued.
    pub requested: usize,
    /// Bookings released for want of a reconfirmation.
    pub released: usize,
}

/// Queues the due requests and releases the bookings past their deadline.
pub async fn run_once(db: &Db, config: &Config, now: DateTime<Utc>) -> AppResult<Reconfirmation> {
    let mut done = Reconfirmation::default();
    let services = service::Entity::find()
        .filter(service::Column::ReconfirmDays.is_not_null())
        .all(&db.conn)
        .await?;
    for svc in services {
        let Some(days) = svc.reconfirm_days else {
            continue;
        };
        let window = Duration::days(i64::from(days));
        let deadline = Duration::hours(DEADLINE_HOURS);
        // Bookings inside the window, not reconfirmed, made before the window opened.
        let due = booking::Entity::find()
            .filter(booking::Column::ServiceId.eq(svc.id))
            .filter(booking::Column::Status.eq(BookingStatus::Confirmed))
            .filter(booking::Column::ReconfirmedAt.is_null())
            .filter(booking::Column::StartAt.lte(now + window))
            .filter(booking::Column::StartAt.gt(now))
            .all(&db.conn)
            .await?;
        let setup = db.setups.get(&db.conn, svc.office_id).await?;
        for row in due
            .into_iter()
            .filter(|b| b.created_at < b.start_at - window)
        {
            let facts = letters::facts_for(
                &row,
                &setup.office,
                &svc,
                setup.tz,
                &config.http.base_url,
                String::new(),
            );
            if row.start_at <= now + deadline {
                // Released only when the citizen had time to answer: a request that went
                // out late (after downtime) gets its reply time before any release.
                let asked_long_enough = row
                    .reconfirm_requested_at
                    .is_some_and(|asked| now >= asked + Duration::hours(MIN_REPLY_HOURS));
                if asked_long_enough && release(db, config, &setup, &row, &facts, now).await? {
                    done.released += 1;
                }
                continue;
            }
            if row.reconfirm_requested_at.is_none() {
                let (txn, _gate) = engine::begin(db).await?;
                let marked = booking::Entity::update_many()
                    .col_expr(booking::Column::ReconfirmRequestedAt, Expr::value(now))
                    .filter(booking::Column::Id.eq(row.id))
                    .filter(booking::Column::ReconfirmRequestedAt.is_null())
                    .exec(&txn)
                    .await?;
                if marked.rows_affected == 1 {
                    outbox::enqueue(
                        &txn,
                        request_letter(&facts, &row, &config.http.base_url)?,
                        now,
                    )
                    .await?;
                    done.requested += 1;
                }
                txn.commit().await?;
            }
        }
    }
    Ok(done)
}

fn request_letter(
    f: &letters::Facts,
    row: &booking::Model,
    base: &str,
) -> AppResult<outbox::Letter> {
    let t = Tr::of(f.language);
    let link = format!(
        "{base}/r/{}",
        row.checkin_token.as_deref().unwrap_or_default()
    );
    let title = fl!(
        t,
        "email-reconfirm-subject",
        reference = f.reference.as_str()
    );
    let paragraphs = vec![
        fl!(
            t,
            "email-reconfirm-body",
            reference = f.reference.as_str(),
            service = f.service_name.as_str(),
            when = f.when.as_str()
        ),
        fl!(t, "email-reconfirm-help"),
    ];
    let label = fl!(t, "email-reconfirm-link");
    letters::notice(&Notice {
        kind: "reconfirm_request",
        booking_id: Some(f.booking_id),
        recipient: f.recipient.clone(),
        language: f.language,
        title,
        name: f.name.clone(),
        paragraphs,
        links: vec![(label, link)],
        dedupe_key: Some(format!("reconfirm:{}", f.booking_id)),
    })
}

async fn release(
    db: &Db,
    config: &Config,
    setup: &crate::service::setup::OfficeSetup,
    row: &booking::Model,
    f: &letters::Facts,
    now: DateTime<Utc>,
) -> AppResult<bool> {
    let (txn, gate) = engine::begin(db).await?;
    let released = booking::Entity::update_many()
        .col_expr(
            booking::Column::Status,
            Expr::value(BookingStatus::Cancelled),
        )
        .col_expr(booking::Column::CancelledAt, Expr::value(now))
        .filter(booking::Column::Id.eq(row.id))
        .filter(booking::Column::Status.eq(BookingStatus::Confirmed))
        .filter(booking::Column::ReconfirmedAt.is_null())
        .exec(&txn)
        .await?;
    if released.rows_affected != 1 {
        txn.rollback().await?;
        return Ok(false);
    }
    Audit::new(None, "release_unconfirmed", "booking", row.id)
        .office(row.office_id)
        .before(&serde_json::json!({"status": BookingStatus::Confirmed}))
        .after(
            &serde_json::json!({"status": BookingStatus::Cancelled, "reason": "not reconfirmed"}),
        )
        .write(&txn, now)
        .await?;
    crate::service::webhooks::emit_booking(&txn, row.office_id, row.id, "booking.cancelled", now)
        .await?;
    let t = Tr::of(f.language);
    let title = fl!(
        t,
        "email-reconfirm-released-subject",
        reference = f.reference.as_str()
    );
    let text = fl!(
        t,
        "email-reconfirm-released-body",
        reference = f.reference.as_str(),
        service = f.service_name.as_str(),
        when = f.when.as_str()
    );
    outbox::enqueue(
        &txn,
        letters::notice(&Notice {
            kind: "reconfirm_released",
            booking_id: Some(row.id),
            recipient: f.recipient.clone(),
            language: f.language,
            title,
            name: f.name.clone(),
            paragraphs: vec![text],
            links: Vec::new(),
            dedupe_key: Some(format!("reconfirm_released:{}", row.id)),
        })?,
        now,
    )
    .await?;
    offers::offer_freed(&txn, config, setup, row, now).await?;
    txn.commit().await?;
    drop(gate);
    engine::touch(db, &[engine::freed(row)]).await;
    Ok(true)
}

/// The citizen confirms they are coming (by the link's secret, the booking's check-in
/// token, which their confirmation email already holds). Again: unchanged.
pub async fn reconfirm(
    db: &Db,
    config: &Config,
    token: &str,
    now: DateTime<Utc>,
) -> AppResult<BookingFacts> {
    let row = find_row(db, token).await?;
    let not_found = || AppError::not_found("No booking has this link.");
    if row.status != BookingStatus::Confirmed {
        return Err(AppError::conflict(
            crate::error::ConflictKind::State,
            format!(
                "A booking with status {} cannot be reconfirmed.",
                row.status
            ),
        ));
    }
    let done = booking::Entity::update_many()
        .col_expr(booking::Column::ReconfirmedAt, Expr::value(now))
        .filter(booking::Column::Id.eq(row.id))
        .filter(booking::Column::Status.eq(BookingStatus::Confirmed))
        .filter(booking::Column::ReconfirmedAt.is_null())
        .exec(&db.conn)
        .await?;
    if done.rows_affected == 0 && row.reconfirmed_at.is_none() {
        // Released between the read and this update.
        return Err(AppError::conflict(
            crate::error::ConflictKind::State,
            "This booking can no longer be reconfirmed.",
        ));
    }
    let row = booking::Entity::find_by_id(row.id)
        .one(&db.conn)
        .await?
        .ok_or_else(not_found)?;
    directory::booking(db, &row, &config.http.base_url).await
}

/// The booking of a reconfirmation link (its check-in token); unknown is 404.
pub async fn find(db: &Db, config: &Config, token: &str) -> AppResult<BookingFacts> {
    let row = find_row(db, token).await?;
    directory::booking(db, &row, &config.http.base_url).await
}

async fn find_row(db: &Db, token: &str) -> AppResult<booking::Model> {
    let token = crate::service::visit::checkin::token_of(token);
    let not_found = || AppError::not_found("No booking has this link.");
    if token.is_empty() || token.len() > 64 {
        return Err(not_found());
    }
    booking::Entity::find()
        .filter(booking::Column::CheckinToken.eq(token))
        .one(&db.conn)
        .await?
        .ok_or_else(not_found)
}
