//! Admitting a party at the counter by its QR code, closing the appointment, and the
//! live occupancy of a room.

use chrono::{DateTime, Duration, Utc};
use entity::status::{BookingStatus, TicketStatus};
use entity::{booking, ticket};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};
use utoipa::ToSchema;

use crate::{
    config::Config,
    domain::Role,
    error::{AppError, AppResult, ConflictKind, ScanRefusal},
    service::{
        actor::Actor,
        audit::Audit,
        booking::view::{BookingView, fmt_local, view},
        db::Db,
        engine,
        queue::{TicketView, tickets},
    },
};

/// `POST /api/v1/checkins` body.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct ScanRequest {
    /// The QR payload: the check-in URL, or the bare token (a keyboard-wedge scanner
    /// types either).
    pub code: String,
}

/// A successful check-in.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CheckinView {
    /// Always `checked_in`.
    pub outcome: String,
    /// The booking, now checked in.
    pub booking: BookingView,
    /// Its place in the office's queue (API.md "At the office").
    pub ticket: Option<TicketView>,
}

/// The token inside a scanned code: the last path segment of a `/c/<token>` URL, or
/// the code itself; whitespace a scanner adds is ignored.
pub fn token_of(code: &str) -> &str {
    let code = code.trim();
    let code = code.split(['?', '#']).next().unwrap_or_default();
    match code.rfind("/c/") {
        Some(i) => code[i + 3..].trim_end_matches('/'),
        None => code,
    }
}

/// What a clerk scanned or typed, as a check-in token: the QR code's URL or token, or the
/// reference the citizen reads out or shows on paper ("6D9-XA3", any case, with or without
/// the dash), looked up. A token is 22 characters, a reference 6, so the two never meet.
async fn token_for(db: &Db, code: &str) -> AppResult<String> {
    let token = token_of(code);
    let reference = crate::domain::normalise_reference(token);
    if token.len() <= 8 && reference.len() == 7 {
        let row = booking::Entity::find()
            .filter(booking::Column::Reference.eq(reference))
            .one(&db.conn)
            .await?;
        if let Some(token) = row.and_then(|r| r.checkin_token) {
            return Ok(token);
        }
    }
    Ok(token.to_string())
}

fn refuse(refusal: ScanRefusal, detail: &str, extra: Map<String, Value>) -> AppError {
    AppError::Scan {
        refusal,
        detail: detail.into(),
        extra,
    }
}

/// Admits the party of a scanned code (API.md "checkins"). Two scanners scanning the
/// same code at once: the conditional update lets exactly one of them admit.
pub async fn check_in(
    db: &Db,
    config: &Config,
    actor: &Actor,
    code: &str,
    now: DateTime<Utc>,
) -> AppResult<CheckinView> {
    let token = token_for(db, code).await?;
    let token = token.as_str();
    let unknown = || {
        refuse(
            ScanRefusal::UnknownCode,
            "No booking has this code.",
            Map::new(),
        )
    };
    if token.is_empty() || token.len() > 64 {
        return Err(unknown());
    }
    let base = &config.http.base_url;
    // The usual scan, one statement: admit a confirmed booking of the clerk's office
    // whose admission has opened. Anything else falls through to the look-up below,
    // which tells which refusal it is.
    let early = Duration::minutes(config.booking.checkin_early_minutes);
    let mut admit = booking::Entity::update_many()
        .col_expr(
            booking::Column::Status,
            Expr::value(BookingStatus::CheckedIn),
        )
        .col_expr(booking::Column::CheckedInAt, Expr::value(now))
        .filter(booking::Column::CheckinToken.eq(token))
        .filter(booking::Column::Status.eq(BookingStatus::Confirmed))
        .filter(booking::Column::StartAt.lte(now + early));
    if actor.role != Role::Admin {
        admit = admit.filter(booking::Column::OfficeId.eq(actor.office_id.unwrap_or(-1)));
    }
    if let Some(done) = admit_with_ticket(db, config, actor, admit, now).await? {
        return Ok(done);
    }
    let row = booking::Entity::find()
        .filter(booking::Column::CheckinToken.eq(token))
        .one(&db.conn)
        .await?
        .ok_or_else(unknown)?;
    if !actor.may(Role::Staff, row.office_id) {
        return Err(refuse(
            ScanRefusal::WrongOffice,
            "This booking is for another office.",
            Map::new(),
        ));
    }
    let tz = db.setups.tz(&db.conn, row.office_id).await?;
    if row.status == BookingStatus::Confirmed {
        let earliest = row.start_at - Duration::minutes(config.booking.checkin_early_minutes);
        if now < earliest {
            let mut extra = Map::new();
            extra.insert("start".into(), json!(fmt_local(row.start_at, tz)));
            extra.insert("admission_opens".into(), json!(fmt_local(earliest, tz)));
            extra.insert("booking".into(), json!(view(&row, tz, base)));
            return Err(refuse(
                ScanRefusal::TooEarly,
                &format!(
                    "Too early: admission opens {} minutes before the start.",
                    config.booking.checkin_early_minutes
                ),
                extra,
            ));
        }
        let again = booking::Entity::update_many()
            .col_expr(
                booking::Column::Status,
                Expr::value(BookingStatus::CheckedIn),
            )
            .col_expr(booking::Column::CheckedInAt, Expr::value(now))
            .filter(booking::Column::Id.eq(row.id))
            .filter(booking::Column::Status.eq(BookingStatus::Confirmed));
        if let Some(done) = admit_with_ticket(db, config, actor, again, now).await? {
            return Ok(done);
        }
        let row = booking::Entity::find_by_id(row.id)
            .one(&db.conn)
            .await?
            .ok_or_else(unknown)?;
        return Err(refusal_for(&row, tz, base).unwrap_or_else(unknown));
    }
    Err(refusal_for(&row, tz, base).unwrap_or_else(unknown))
}

/// Runs an admission's conditional update and, if it admitted the booking, gives it its
/// queue ticket and audits who admitted it, all in one transaction: a check-in never
/// exists without its ticket. `None`: the update matched nothing.
async fn admit_with_ticket(
    db: &Db,
    config: &Config,
    actor: &Actor,
    admit: sea_orm::UpdateMany<booking::Entity>,
    now: DateTime<Utc>,
) -> AppResult<Option<CheckinView>> {
    let (txn, gate) = engine::begin(db).await?;
    let Some(row) = admit.exec_with_returning(&txn).await?.into_iter().next() else {
        return Ok(None);
    };
    // Through the transaction: another pool connection here could wait for ever when
    // every connection is in such a transaction.
    let setup = db.setups.get(&txn, row.office_id).await?;
    let ticket = tickets::for_admission(&txn, &setup, &row, now).await?;
    Audit::new(Some(actor), "checkin", "booking", row.id)
        .office(row.office_id)
        .after(
            &json!({"reference": row.reference, "status": row.status.to_string(),
                       "ticket": ticket.code}),
        )
        .write(&txn, now)
        .await?;
    crate::service::webhooks::emit(
        &txn,
        row.office_id,
        Some(row.id),
        "booking.checked_in",
        crate::service::webhooks::booking_data(&row),
        now,
    )
    .await?;
    txn.commit().await?;
    drop(gate);
    let ticket = tickets::ticket_view(db, &setup, &ticket, now).await?;
    Ok(Some(CheckinView {
        outcome: BookingStatus::CheckedIn.to_string(),
        booking: view(&row, setup.tz, &config.http.base_url),
        ticket: Some(ticket),
    }))
}

/// The booking of a scanned code, for a clerk who opened the check-in URL with a phone's
/// own camera: looked up, never changed (a GET must not admit). Another office's booking
/// is `wrong_office`, telling nothing about it.
pub async fn find_by_code(
    db: &Db,
    actor: &Actor,
    code: &str,
    base_url: &str,
) -> AppResult<BookingView> {
    let token = token_for(db, code).await?;
    let token = token.as_str();
    let unknown = || {
        refuse(
            ScanRefusal::UnknownCode,
            "No booking has this code.",
            Map::new(),
        )
    };
    if token.is_empty() || token.len() > 64 {
        return Err(unknown());
    }
    let row = booking::Entity::find()
        .filter(booking::Column::CheckinToken.eq(token))
        .one(&db.conn)
        .await?
        .ok_or_else(unknown)?;
    if !actor.may(Role::Staff, row.office_id) {
        return Err(refuse(
            ScanRefusal::WrongOffice,
            "This booking is for another office.",
            Map::new(),
        ));
    }
    let tz = db.setups.tz(&db.conn, row.office_id).await?;
    Ok(view(&row, tz, base_url))
}

/// The booking behind a check-in link, for whoever holds it: the citizen who opens the
/// link of their email ("if the image does not show"). The link is the QR code's own
/// secret, so this shows no more than the QR code gives a clerk; cancelling still takes
/// the manage link, and only a logged-in clerk admits.
pub async fn pass(
    db: &Db,
    code: &str,
    base_url: &str,
) -> AppResult<crate::service::directory::BookingFacts> {
    let token = token_of(code);
    let unknown = || AppError::not_found("No booking has this code.");
    if token.is_empty() || token.len() > 64 {
        return Err(unknown());
    }
    let row = booking::Entity::find()
        .filter(booking::Column::CheckinToken.eq(token))
        .one(&db.conn)
        .await?
        .ok_or_else(unknown)?;
    crate::service::directory::booking(db, &row, base_url).await
}

/// Why a booking in its current state admits nobody.
fn refusal_for(row: &booking::Model, tz: chrono_tz::Tz, base: &str) -> Option<AppError> {
    let at = |t: Option<DateTime<Utc>>| json!(t.map(|t| fmt_local(t, tz)));
    let mut extra = Map::new();
    let (refusal, detail) = match row.status {
        BookingStatus::CheckedIn | BookingStatus::Served => {
            extra.insert("checked_in_at".into(), at(row.checked_in_at));
            let hhmm = row
                .checked_in_at
                .map(|t| t.with_timezone(&tz).format("%H:%M").to_string())
                .unwrap_or_default();
            (
                ScanRefusal::AlreadyCheckedIn,
                format!("Already checked in at {hhmm}."),
            )
        }
        BookingStatus::Cancelled => {
            extra.insert("cancelled_at".into(), at(row.cancelled_at));
            (
                ScanRefusal::Cancelled,
                "This booking was cancelled.".to_string(),
            )
        }
        BookingStatus::NoShow => {
            extra.insert("released_at".into(), at(row.released_at));
            (
                ScanRefusal::NoShow,
                "This booking was released as a no-show.".to_string(),
            )
        }
        _ => return None,
    };
    extra.insert("booking".into(), json!(view(row, tz, base)));
    Some(refuse(refusal, &detail, extra))
}

/// Closes an appointment: only a checked-in booking becomes served.
pub async fn mark_served(
    db: &Db,
    config: &Config,
    actor: &Actor,
    reference: &str,
    now: DateTime<Utc>,
) -> AppResult<BookingView> {
    let row = booking::Entity::find()
        .filter(booking::Column::Reference.eq(crate::domain::normalise_reference(reference)))
        .one(&db.conn)
        .await?
        .ok_or_else(|| AppError::not_found("No booking has this reference."))?;
    actor.require(Role::Staff, row.office_id)?;
    // One transaction, the ticket before the booking (the order of a counter's "Done"):
    // the booking is never served with its ticket still callable.
    let (txn, _gate) = engine::begin(db).await?;
    close_in(&txn, row.id, TicketStatus::Done, now).await?;
    let done = booking::Entity::update_many()
        .col_expr(booking::Column::Status, Expr::value(BookingStatus::Served))
        .col_expr(booking::Column::ServedAt, Expr::value(now))
        .filter(booking::Column::Id.eq(row.id))
        .filter(booking::Column::Status.eq(BookingStatus::CheckedIn))
        .exec(&txn)
        .await?;
    if done.rows_affected == 0 {
        return Err(AppError::conflict(
            ConflictKind::State,
            format!(
                "Only a checked-in booking can be served; this one is {}.",
                row.status
            ),
        ));
    }
    Audit::new(Some(actor), "mark_served", "booking", row.id)
        .office(row.office_id)
        .after(&json!({"status": BookingStatus::Served.to_string()}))
        .write(&txn, now)
        .await?;
    crate::service::webhooks::emit_booking(&txn, row.office_id, row.id, "booking.served", now)
        .await?;
    txn.commit().await?;
    let row = booking::Entity::find_by_id(row.id)
        .one(&db.conn)
        .await?
        .ok_or_else(|| AppError::not_found("No booking has this reference."))?;
    let tz = db.setups.get(&db.conn, row.office_id).await?.tz;
    Ok(view(&row, tz, &config.http.base_url))
}

/// Takes back an admission made by mistake (the wrong booking scanned or clicked): a
/// checked-in booking is expected again. Only the admission is undone, in one
/// conditional update, and the audit log keeps who did it.
pub async fn undo_check_in(
    db: &Db,
    config: &Config,
    actor: &Actor,
    reference: &str,
    now: DateTime<Utc>,
) -> AppResult<BookingView> {
    let row = booking::Entity::find()
        .filter(booking::Column::Reference.eq(crate::domain::normalise_reference(reference)))
        .one(&db.conn)
        .await?
        .ok_or_else(|| AppError::not_found("No booking has this reference."))?;
    // Another office's booking reads as unknown, as for a scan.
    if !actor.may(Role::Staff, row.office_id) {
        return Err(AppError::not_found("No booking has this reference."));
    }
    // A walk-in was never expected: undoing its admission would leave a booking nobody
    // made, later a no-show. A mistaken walk-in is closed as served instead.
    if row.citizen_email.is_none() {
        return Err(AppError::conflict(
            ConflictKind::State,
            "A walk-in's admission cannot be undone; close it as served.",
        ));
    }
    let (txn, _gate) = engine::begin(db).await?;
    // The ticket before the booking, as everywhere (no two writers wait for each other).
    close_in(&txn, row.id, TicketStatus::Cancelled, now).await?;
    let done = booking::Entity::update_many()
        .col_expr(
            booking::Column::Status,
            Expr::value(BookingStatus::Confirmed),
        )
        .col_expr(
            booking::Column::CheckedInAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .filter(booking::Column::Id.eq(row.id))
        .filter(booking::Column::Status.eq(BookingStatus::CheckedIn))
        .exec(&txn)
        .await?;
    if done.rows_affected == 0 {
        return Err(AppError::conflict(
            ConflictKind::State,
            format!(
                "Only a checked-in booking's admission can be undone; this one is {}.",
                row.status
            ),
        ));
    }
    crate::service::audit::Audit::new(Some(actor), "undo_checkin", "booking", row.id)
        .office(row.office_id)
        .before(&json!({"status": BookingStatus::CheckedIn.to_string()}))
        .after(&json!({"status": BookingStatus::Confirmed.to_string()}))
        .write(&txn, now)
        .await?;
    txn.commit().await?;
    let row = booking::Entity::find_by_id(row.id)
        .one(&db.conn)
        .await?
        .ok_or_else(|| AppError::not_found("No booking has this reference."))?;
    let tz = db.setups.tz(&db.conn, row.office_id).await?;
    Ok(view(&row, tz, &config.http.base_url))
}

/// Closes the open ticket of a booking whose visit ended some other way than at a
/// counter's "Done" (served from the agenda, an admission undone).
async fn close_in(
    txn: &sea_orm::DatabaseTransaction,
    booking_id: i32,
    status: TicketStatus,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let open = ticket::Entity::find()
        .filter(ticket::Column::BookingId.eq(booking_id))
        .filter(ticket::Column::Status.is_in(TicketStatus::OPEN))
        .all(txn)
        .await?;
    for t in open {
        ticket::Entity::update_many()
            .col_expr(ticket::Column::Status, Expr::value(status))
            .col_expr(ticket::Column::Inside, Expr::value(false))
            .col_expr(ticket::Column::EndedAt, Expr::value(Some(now)))
            .filter(ticket::Column::Id.eq(t.id))
            .exec(txn)
            .await?;
        tickets::event(txn, &t, entity::status::queue_event_kind::CHANGE, None, now).await?;
    }
    Ok(())
}

pub use super::occupancy::{OccupancyView, occupancy, occupancy_of};
