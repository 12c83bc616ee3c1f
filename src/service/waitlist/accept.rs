//! Accepting a waiting-list offer books the slot through the same capacity engine as any
//! booking, so there is no overbooking however many accept at once: the first ones that
//! fit get it, the rest answer 409 `/offer-gone`. An offer is claimed by a conditional
//! update before booking, so one offer (or a double click) never books twice; once the
//! slot has no place left, the other open offers for it are closed and their citizens
//! told it is gone. A no-show is released only after its start, too late for anyone on
//! the list to come, so its place goes to walk-ins instead.

use chrono::{DateTime, Utc};
use entity::status::{EntryStatus, OfferStatus};
use entity::{booking, waitlist_entry, waitlist_offer};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::l10n::{Tr, fl};
use crate::{
    config::Config,
    domain::{Language, schedule},
    email::letters::{self, Notice},
    error::{AppError, AppResult, ConflictKind},
    infra::secrets,
    service::{
        booking::{
            book::{self, BookingOutcome},
            slots,
            view::{BookingRequest, BookingView, CitizenInput, fmt_local},
        },
        db::Db,
        outbox,
    },
};

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
    #[schema(value_type = String)]
    pub status: OfferStatus,
    /// Until when it can be accepted.
    pub expires_at: String,
}

async fn offer_by_token(db: &Db, token: &str) -> AppResult<waitlist_offer::Model> {
    waitlist_offer::Entity::find()
        .filter(waitlist_offer::Column::TokenHash.eq(secrets::hash(token.trim())))
        .one(&db.conn)
        .await?
        .ok_or_else(|| AppError::not_found("There is no such offer."))
}

/// The offer of a link.
pub async fn offer(db: &Db, token: &str, now: DateTime<Utc>) -> AppResult<OfferView> {
    let o = offer_by_token(db, token).await?;
    let tz = db.setups.tz(&db.conn, o.office_id).await?;
    let status = if o.status == OfferStatus::Open && o.expires_at <= now {
        OfferStatus::Gone
    } else {
        o.status
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
    if entry.status != EntryStatus::Waiting {
        return Err(gone());
    }
    // Claim the offer first: one offer books at most once, whatever the clicks.
    let claimed = waitlist_offer::Entity::update_many()
        .col_expr(
            waitlist_offer::Column::Status,
            Expr::value(OfferStatus::Accepted),
        )
        .col_expr(waitlist_offer::Column::DecidedAt, Expr::value(now))
        .filter(waitlist_offer::Column::Id.eq(o.id))
        .filter(waitlist_offer::Column::Status.eq(OfferStatus::Open))
        .filter(waitlist_offer::Column::ExpiresAt.gt(now))
        .exec(&db.conn)
        .await?;
    if claimed.rows_affected != 1 {
        return Err(gone());
    }
    // And the entry: one entry books once, even with offers for several slots accepted
    // at the same moment, or a "leave" racing the accept.
    let entry_claimed = waitlist_entry::Entity::update_many()
        .col_expr(
            waitlist_entry::Column::Status,
            Expr::value(EntryStatus::Booked),
        )
        .filter(waitlist_entry::Column::Id.eq(entry.id))
        .filter(waitlist_entry::Column::Status.eq(EntryStatus::Waiting))
        .exec(&db.conn)
        .await?;
    if entry_claimed.rows_affected != 1 {
        set_offer(db, o.id, OfferStatus::Gone).await?;
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
        identity: None,
        hold_id: None,
    };
    let outcome = book::book(db, config, &request, None, now).await;
    let view = match outcome {
        Ok(BookingOutcome::Created(view)) => *view,
        Ok(BookingOutcome::Replayed(_))
        | Err(AppError::Conflict { .. } | AppError::Validation(_)) => {
            // Taken meanwhile (or no longer bookable): the offer is gone; the citizen
            // keeps their place on the list.
            set_offer(db, o.id, OfferStatus::Gone).await?;
            reopen_entry(db, entry.id).await?;
            close_if_full(db, &o, now).await?;
            return Err(gone());
        }
        Err(other) => {
            // Not the citizen's doing: undo both claims so the link works again.
            set_offer(db, o.id, OfferStatus::Open).await?;
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
            .col_expr(
                waitlist_entry::Column::Status,
                Expr::value(EntryStatus::Left),
            )
            .filter(waitlist_entry::Column::ServiceId.eq(entry.service_id))
            .filter(waitlist_entry::Column::CitizenEmail.eq(email.as_str()))
            .filter(waitlist_entry::Column::Status.eq(EntryStatus::Waiting))
            .exec(&db.conn)
            .await?;
    }
    // The entry's other offers are for someone who has a place now.
    waitlist_offer::Entity::update_many()
        .col_expr(
            waitlist_offer::Column::Status,
            Expr::value(OfferStatus::Gone),
        )
        .filter(waitlist_offer::Column::EntryId.eq(entry.id))
        .filter(waitlist_offer::Column::Status.eq(OfferStatus::Open))
        .exec(&db.conn)
        .await?;
    close_if_full(db, &o, now).await?;
    Ok(view)
}

async fn set_offer(db: &Db, id: i32, status: OfferStatus) -> AppResult<()> {
    waitlist_offer::Entity::update_many()
        .col_expr(waitlist_offer::Column::Status, Expr::value(status))
        .filter(waitlist_offer::Column::Id.eq(id))
        .exec(&db.conn)
        .await?;
    Ok(())
}

async fn reopen_entry(db: &Db, id: i32) -> AppResult<()> {
    waitlist_entry::Entity::update_many()
        .col_expr(
            waitlist_entry::Column::Status,
            Expr::value(EntryStatus::Waiting),
        )
        .filter(waitlist_entry::Column::Id.eq(id))
        .filter(waitlist_entry::Column::Status.eq(EntryStatus::Booked))
        .exec(&db.conn)
        .await?;
    Ok(())
}

/// When the offer's slot has no place left, closes the other open offers for it and
/// tells their citizens.
async fn close_if_full(db: &Db, o: &waitlist_offer::Model, now: DateTime<Utc>) -> AppResult<()> {
    let setup = db.setups.get(&db.conn, o.office_id).await?;
    let day = schedule::local_date(setup.tz, o.start_at);
    // Just after a booking: read on the primary, where that booking already is.
    let free = slots::list_slots(&db.primary_only(), o.office_id, o.service_id, day, day, now)
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
        .filter(waitlist_offer::Column::Status.eq(OfferStatus::Open))
        .all(&db.conn)
        .await?;
    let Ok(service) = setup.service(o.service_id) else {
        return Ok(());
    };
    for other in open {
        let (txn, _gate) = crate::service::engine::begin(db).await?;
        let closed = waitlist_offer::Entity::update_many()
            .col_expr(
                waitlist_offer::Column::Status,
                Expr::value(OfferStatus::Gone),
            )
            .col_expr(waitlist_offer::Column::DecidedAt, Expr::value(now))
            .filter(waitlist_offer::Column::Id.eq(other.id))
            .filter(waitlist_offer::Column::Status.eq(OfferStatus::Open))
            .exec(&txn)
            .await?;
        if closed.rows_affected == 1
            && let Some(entry) = waitlist_entry::Entity::find_by_id(other.entry_id)
                .one(&txn)
                .await?
        {
            let language = Language::parse(&entry.language).unwrap_or_default();
            let t = Tr::of(language);
            let title = fl!(
                t,
                "email-waitlist-gone-subject",
                service = service.name.as_str()
            );
            let text = fl!(t, "email-waitlist-gone-body");
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
                    links: Vec::new(),
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
