//! "Notify these citizens" after a manager's change (DOMAIN.md rule 7): each affected
//! booking gets an email with a link to choose a new time. The booking stays valid until
//! the citizen moves it (or cancels it with the link of the confirmation); moving keeps
//! the reference and the QR code, goes through the capacity engine like a new booking
//! (the booking's own place left out of the count), and sends a fresh confirmation.

use crate::service::booking::placement;
use crate::service::{
    directory::{self, BookingFacts},
    office::services::{ServiceView, service_view},
};
use entity::status::BookingStatus;
use std::{collections::BTreeMap, sync::Arc};

use chrono::{DateTime, Utc};
use entity::{booking, rebook_invite, service};
use sea_orm::{ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::l10n::{Tr, fl};
use crate::{
    config::Config,
    domain::{FieldError, Role},
    email::letters::{self, Notice},
    error::{AppError, AppResult, ConflictKind},
    infra::secrets,
    service::{
        actor::Actor,
        audit::Audit,
        booking::placement::{Ask, Failure},
        db::Db,
        engine, outbox,
        setup::OfficeSetup,
    },
};

/// `POST /api/v1/impact/notify` body.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
pub struct NotifyInput {
    /// References of the affected bookings (an impact's `affected_bookings`).
    pub references: Vec<String>,
    /// A few words from the office to the citizens (at most 500 characters), shown in
    /// the email as the office wrote them.
    #[serde(default)]
    pub message: Option<String>,
}

/// What `notify` did.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
pub struct NotifyOutcome {
    /// Emails queued now.
    pub queued: usize,
    /// Bookings already invited since the office's last change (nothing sent again).
    pub already_notified: usize,
    /// References no longer confirmed or already started: nothing to move.
    pub not_active: Vec<String>,
    /// References emailed now.
    #[serde(default)]
    pub notified: Vec<String>,
}

/// The most references one call takes.
pub const MAX_REFERENCES: usize = 20_000;

/// Emails the citizens of `references` a link to choose a new time, once per booking and
/// set-up version. Every reference must exist in an office the actor manages (else 422,
/// nothing sent: another office's reference looks like an unknown one).
pub async fn notify(
    db: &Db,
    actor: &Actor,
    base_url: &str,
    input: &NotifyInput,
    now: DateTime<Utc>,
) -> AppResult<NotifyOutcome> {
    if actor.role < Role::Manager {
        return Err(AppError::Forbidden(
            "Only managers notify citizens of a change.".into(),
        ));
    }
    let mut wanted: Vec<String> = input
        .references
        .iter()
        .map(|r| r.trim().to_ascii_uppercase())
        .collect();
    wanted.sort();
    wanted.dedup();
    let message = input
        .message
        .as_deref()
        .map(str::trim)
        .filter(|m| !m.is_empty());
    if message.is_some_and(|m| {
        m.chars().count() > 500
            || m.chars()
                .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
    }) {
        return Err(AppError::invalid(
            "message",
            "must have at most 500 characters",
        ));
    }
    if wanted.is_empty() || wanted.len() > MAX_REFERENCES {
        return Err(AppError::invalid(
            "references",
            format!("must list 1 to {MAX_REFERENCES} booking references"),
        ));
    }
    let mut rows = Vec::with_capacity(wanted.len());
    for chunk in wanted.chunks(500) {
        rows.extend(
            booking::Entity::find()
                .filter(booking::Column::Reference.is_in(chunk.to_vec()))
                .all(&db.conn)
                .await?,
        );
    }
    // A booking of an office the actor does not manage counts as unknown (422, as for a
    // reference that does not exist): a manager must not learn other offices' references.
    rows.retain(|b| actor.may(Role::Manager, b.office_id));
    let found: std::collections::HashSet<&str> =
        rows.iter().filter_map(|b| b.reference.as_deref()).collect();
    let unknown: Vec<&String> = wanted
        .iter()
        .filter(|r| !found.contains(r.as_str()))
        .collect();
    if !unknown.is_empty() {
        let listed: Vec<&str> = unknown.iter().take(10).map(|s| s.as_str()).collect();
        return Err(AppError::Validation(vec![FieldError::new(
            "references",
            format!("unknown booking references: {}", listed.join(", ")),
        )]));
    }
    for b in &rows {
        actor.require(Role::Manager, b.office_id)?;
    }
    let mut setups: BTreeMap<i32, Arc<OfficeSetup>> = BTreeMap::new();
    for b in &rows {
        if let std::collections::btree_map::Entry::Vacant(slot) = setups.entry(b.office_id) {
            slot.insert(db.setups.get(&db.conn, b.office_id).await?);
        }
    }
    let mut outcome = NotifyOutcome::default();
    let mut queued: BTreeMap<i32, Vec<String>> = BTreeMap::new();
    let txn = sea_orm::TransactionTrait::begin(&db.conn).await?;
    for b in &rows {
        let reference = b.reference.clone().unwrap_or_default();
        if b.status != BookingStatus::Confirmed || b.start_at <= now {
            outcome.not_active.push(reference);
            continue;
        }
        let Some(setup) = setups.get(&b.office_id) else {
            continue;
        };
        let token = secrets::new_token()?;
        let inserted = rebook_invite::Entity::insert(rebook_invite::ActiveModel {
            booking_id: Set(b.id),
            office_id: Set(b.office_id),
            config_version: Set(setup.office.config_version),
            token_hash: Set(secrets::hash(&token)),
            created_at: Set(now),
            ..Default::default()
        })
        .on_conflict_do_nothing_on([
            rebook_invite::Column::BookingId,
            rebook_invite::Column::ConfigVersion,
        ])
        .exec_without_returning(&txn)
        .await?;
        if !matches!(inserted, sea_orm::TryInsertResult::Inserted(n) if n > 0) {
            outcome.already_notified += 1;
            continue;
        }
        let service = setup.service(b.service_id)?;
        outbox::enqueue(
            &txn,
            letters::notice(&invitation_letter(
                b, setup, service, base_url, &token, message,
            ))?,
            now,
        )
        .await?;
        outcome.queued += 1;
        outcome.notified.push(reference.clone());
        queued.entry(b.office_id).or_default().push(reference);
    }
    for (office_id, references) in queued {
        Audit::new(Some(actor), "notify", "impact", office_id)
            .office(office_id)
            .after(&serde_json::json!({ "references": references }))
            .write(&txn, now)
            .await?;
    }
    txn.commit().await?;
    Ok(outcome)
}

fn invitation_letter(
    b: &booking::Model,
    setup: &OfficeSetup,
    service: &service::Model,
    base_url: &str,
    token: &str,
    message: Option<&str>,
) -> Notice {
    let facts = letters::facts_for(b, &setup.office, service, setup.tz, base_url, String::new());
    let reference = b.reference.clone().unwrap_or_default();
    let t = Tr::of(facts.language);
    let link = format!("{base_url}/m/{token}");
    let title = fl!(t, "email-rebook-subject", reference = reference.as_str());
    // A closure of the whole office on the booking's day: the appointment cannot take
    // place, so the email says so (and why) instead of "it stays valid".
    let day = b.start_at.with_timezone(&setup.tz).date_naive();
    let closed = setup
        .closures
        .iter()
        .find(|c| c.counter_id.is_none() && c.from <= day && day <= c.to);
    let mut paragraphs = match closed {
        Some(c) => vec![
            fl!(
                t,
                "email-closed-body",
                office = facts.office_name.as_str(),
                service = facts.service_name.as_str(),
                when = facts.when.as_str()
            ),
            if c.reason.trim().is_empty() {
                fl!(t, "email-closed-no-reason")
            } else {
                fl!(t, "email-closed-reason", reason = c.reason.trim())
            },
            fl!(t, "email-closed-help"),
        ],
        None => vec![
            fl!(
                t,
                "email-rebook-body",
                office = facts.office_name.as_str(),
                service = facts.service_name.as_str(),
                when = facts.when.as_str()
            ),
            fl!(t, "email-rebook-help"),
        ],
    };
    if let Some(m) = message {
        paragraphs.push(fl!(t, "email-office-message", message = m));
    }
    let label = fl!(t, "email-rebook-link");
    Notice {
        kind: "rebook_invite",
        booking_id: Some(b.id),
        recipient: facts.recipient.clone(),
        language: facts.language,
        title,
        name: facts.name.clone(),
        paragraphs,
        links: vec![(label, link)],
        dedupe_key: None,
    }
}

/// The citizen asks to change the time of their own booking (its page's "Change time"):
/// the same move flow as a manager's invitation, with an invitation made now. Returns
/// its token. Self-made invitations carry a negative `config_version` (minus the
/// microsecond they were made), so they never collide with a manager's invitation for
/// the office's set-up version; moving uses up every open invitation of the booking.
pub async fn invite_self(
    db: &Db,
    reference: &str,
    manage_token: &str,
    now: DateTime<Utc>,
) -> AppResult<String> {
    let b = crate::service::changes::cancel::find_managed(&db.conn, reference, manage_token, now)
        .await?;
    if b.status != BookingStatus::Confirmed || b.start_at <= now {
        return Err(AppError::conflict(
            ConflictKind::State,
            "Only a confirmed appointment that has not started can be moved.",
        ));
    }
    for attempt in 0..5i64 {
        let token = secrets::new_token()?;
        let inserted = rebook_invite::Entity::insert(rebook_invite::ActiveModel {
            booking_id: Set(b.id),
            office_id: Set(b.office_id),
            config_version: Set(-(now.timestamp_micros() + attempt)),
            token_hash: Set(secrets::hash(&token)),
            created_at: Set(now),
            ..Default::default()
        })
        .on_conflict_do_nothing_on([
            rebook_invite::Column::BookingId,
            rebook_invite::Column::ConfigVersion,
        ])
        .exec_without_returning(&db.conn)
        .await?;
        if matches!(inserted, sea_orm::TryInsertResult::Inserted(n) if n > 0) {
            return Ok(token);
        }
    }
    Err(AppError::conflict(
        ConflictKind::State,
        "Too many requests to move this appointment at once; try again.",
    ))
}

/// An invitation to move a booking, as found by its token.
struct Found {
    booking: booking::Model,
    setup: Arc<OfficeSetup>,
}

/// An invitation to move a booking, as its page shows it.
#[derive(Debug, Clone)]
pub struct Invitation {
    /// The booking it moves.
    pub booking: BookingFacts,
    /// The booking's service (its horizon bounds the new day).
    pub service: ServiceView,
}

/// The invitation of a link, for its page.
pub async fn invitation(
    db: &Db,
    config: &Config,
    token: &str,
    now: DateTime<Utc>,
) -> AppResult<Invitation> {
    let found = find(db, token, now).await?;
    let service = found.setup.service(found.booking.service_id)?;
    Ok(Invitation {
        service: service_view(service),
        booking: directory::booking(db, &found.booking, &config.http.base_url).await?,
    })
}

/// The invitation of a link; unknown is 404, used or no longer movable (cancelled,
/// started, admitted) is 409 `/invalid-state`.
async fn find(db: &Db, token: &str, now: DateTime<Utc>) -> AppResult<Found> {
    let not_found = || AppError::not_found("This link is not valid.");
    let invite = rebook_invite::Entity::find()
        .filter(rebook_invite::Column::TokenHash.eq(secrets::hash(token.trim())))
        .one(&db.conn)
        .await?
        .ok_or_else(not_found)?;
    let booking = booking::Entity::find_by_id(invite.booking_id)
        .one(&db.conn)
        .await?
        .ok_or_else(not_found)?;
    if invite.used_at.is_some()
        || booking.status != BookingStatus::Confirmed
        || booking.start_at <= now
    {
        return Err(AppError::conflict(
            ConflictKind::State,
            "This appointment can no longer be moved with this link.",
        ));
    }
    let setup = db.setups.get(&db.conn, booking.office_id).await?;
    Ok(Found { booking, setup })
}

/// A moved booking, with its new manage token in the view: the fresh confirmation
/// carries it, as the old email's link described the old time.
#[derive(Debug, Clone)]
pub struct Moved {
    /// The booking as it is now.
    pub booking: BookingFacts,
}

/// Moves the invited booking to `start` (an instant of the slot list), if it fits.
pub async fn move_booking(
    db: &Db,
    config: &Config,
    token: &str,
    start: &str,
    now: DateTime<Utc>,
) -> AppResult<Moved> {
    for _ in 0..placement::ATTEMPTS {
        let inv = find(db, token, now).await?;
        let b = &inv.booking;
        let v = placement::validate(
            db,
            Ask {
                office_id: b.office_id,
                service_id: b.service_id,
                start,
                party_size: i64::from(b.party_size),
                holding: false,
            },
            Vec::new(),
            now,
        )
        .await?;
        let (txn, gate) = engine::begin(db).await?;
        let counter = match placement::place_in(
            &txn,
            &v,
            &placement::candidates(&v),
            Some(b.id),
            now,
        )
        .await
        {
            Ok(c) => c,
            Err(Failure::Stale) => continue,
            Err(Failure::App(e)) => return Err(e),
            Err(Failure::KeyTaken | Failure::ReferenceTaken) => continue,
        };
        let used = rebook_invite::Entity::update_many()
            .col_expr(rebook_invite::Column::UsedAt, Expr::value(now))
            .filter(rebook_invite::Column::BookingId.eq(b.id))
            .filter(rebook_invite::Column::UsedAt.is_null())
            .exec(&txn)
            .await?;
        let request = placement::request_of(&v);
        let manage_token = secrets::new_token()?;
        let moved = booking::Entity::update_many()
            .col_expr(booking::Column::StartAt, Expr::value(request.start))
            .col_expr(booking::Column::EndAt, Expr::value(request.end))
            .col_expr(booking::Column::RoomFrom, Expr::value(request.room_from))
            .col_expr(booking::Column::CounterId, Expr::value(counter.id))
            .col_expr(booking::Column::RoomId, Expr::value(counter.room_id))
            .col_expr(
                booking::Column::ManageTokenHash,
                Expr::value(secrets::hash(&manage_token)),
            )
            // Choosing the new time is as good as reconfirming it: the reconfirmation
            // job must not release the time just chosen.
            .col_expr(booking::Column::ReconfirmedAt, Expr::value(now))
            .filter(booking::Column::Id.eq(b.id))
            .filter(booking::Column::Status.eq(BookingStatus::Confirmed))
            .exec(&txn)
            .await?;
        if used.rows_affected == 0 || moved.rows_affected == 0 {
            return Err(AppError::conflict(
                ConflictKind::State,
                "This appointment can no longer be moved with this link.",
            ));
        }
        let row = booking::Entity::find_by_id(b.id)
            .one(&txn)
            .await?
            .ok_or_else(|| AppError::Internal(anyhow::anyhow!("moved booking vanished")))?;
        Audit::new(None, "move", "booking", b.id)
            .office(b.office_id)
            .before(&serde_json::json!({ "start_at": b.start_at, "counter_id": b.counter_id }))
            .after(&serde_json::json!({ "start_at": row.start_at, "counter_id": row.counter_id }))
            .write(&txn, now)
            .await?;
        let reference = row.reference.clone().unwrap_or_default();
        let manage_url = format!(
            "{}/b/{reference}?token={manage_token}",
            config.http.base_url
        );
        let facts = letters::facts_for(
            &row,
            &v.setup.office,
            &v.service,
            v.setup.tz,
            &config.http.base_url,
            manage_url,
        );
        outbox::enqueue(&txn, letters::confirmation(&facts)?, now).await?;
        // The old time is free again: offered to the waiting list like a cancellation.
        crate::service::waitlist::offers::offer_freed(&txn, config, &v.setup, b, now).await?;
        txn.commit().await?;
        drop(gate);
        engine::touch(db, &[engine::freed(b)]).await;
        let mut booking = directory::booking(db, &row, &config.http.base_url).await?;
        booking.view.manage_token = Some(manage_token);
        return Ok(Moved { booking });
    }
    Err(AppError::Internal(anyhow::anyhow!(
        "the office's set-up kept changing while moving a booking"
    )))
}
