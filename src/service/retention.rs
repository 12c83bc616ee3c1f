//! Retention (DOMAIN.md "Secrets and privacy"): the personal data of a booking (name,
//! email, phone) and of a waiting-list entry is removed a configurable number of days
//! after the appointment (or the last day waited for); the outbox's copies of the
//! messages (recipient, subject, bodies, attachments) go with them. What statistics need
//! stays: office, service, counter, times, party size, status, and the message kinds and
//! delivery outcomes. Queue tickets lose a walk-in's name, a phone's email and its link. A
//! logged-in citizen's booking loses its hashed fiscal code and provider too. Set-based, idempotent, and safe to run from several processes.

use crate::config::Config;
use chrono::{DateTime, Duration, Utc};
use entity::status::MessageStatus;
use entity::{
    booking, capacity_lock, citizen_session, idempotency_key, oidc_login, outbox_message,
    queue_event, ticket, waitlist_entry,
};
use sea_orm::{
    ColumnTrait, Condition, EntityTrait, QueryFilter, QuerySelect, QueryTrait, sea_query::Expr,
};

use crate::{
    error::AppResult,
    service::{booking::idempotency, db::Db, engine},
};

/// How many rows a run anonymised.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Retention {
    /// Bookings.
    pub bookings: u64,
    /// Waiting-list entries.
    pub waitlist: u64,
    /// Outbox messages.
    pub messages: u64,
    /// Queue tickets (a desk walk-in's name, a phone's email and link).
    pub tickets: u64,
}

/// Anonymises everything older than `days` at `now`.
/// The nightly job: removes what is older than `SPORTELLO_RETENTION_DAYS` at `now`.
pub async fn run_once(db: &Db, config: &Config, now: DateTime<Utc>) -> AppResult<Retention> {
    anonymise(db, now, config.booking.retention_days).await
}

/// Removes the personal data of what ended more than `days` days before `now`.
pub async fn anonymise(db: &Db, now: DateTime<Utc>, days: i64) -> AppResult<Retention> {
    let cutoff = now - Duration::days(days);
    let (txn, _gate) = engine::begin(db).await?;
    let null = || Expr::value(Option::<String>::None);
    let bookings = booking::Entity::update_many()
        .col_expr(booking::Column::CitizenName, null())
        .col_expr(booking::Column::CitizenEmail, null())
        .col_expr(booking::Column::CitizenPhone, null())
        .col_expr(booking::Column::ManageTokenHash, null())
        .col_expr(booking::Column::SessionManageHash, null())
        .col_expr(
            booking::Column::SessionManageExpiresAt,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .col_expr(booking::Column::CitizenFiscalHash, null())
        .col_expr(booking::Column::CitizenFiscalCode, null())
        .col_expr(booking::Column::IdentityProvider, null())
        .col_expr(booking::Column::AnonymisedAt, Expr::value(now))
        .filter(booking::Column::AnonymisedAt.is_null())
        .filter(booking::Column::EndAt.lt(cutoff))
        .exec(&txn)
        .await?
        .rows_affected;
    let waitlist = waitlist_entry::Entity::update_many()
        .col_expr(waitlist_entry::Column::CitizenName, null())
        .col_expr(waitlist_entry::Column::CitizenEmail, null())
        .col_expr(waitlist_entry::Column::AnonymisedAt, Expr::value(now))
        .filter(waitlist_entry::Column::AnonymisedAt.is_null())
        .filter(waitlist_entry::Column::DateTo.lt(cutoff.date_naive()))
        .exec(&txn)
        .await?
        .rows_affected;
    // A ticket's name and email, and its phone link, go after the same period. The
    // queue's events (codes and counters, no person) serve the displays of their day
    // only: two days are kept.
    let tickets = ticket::Entity::update_many()
        .col_expr(ticket::Column::CitizenName, null())
        .col_expr(ticket::Column::CitizenEmail, null())
        .col_expr(ticket::Column::TokenHash, null())
        .filter(ticket::Column::Day.lt(cutoff.date_naive().to_string()))
        .filter(
            Condition::any()
                .add(ticket::Column::CitizenName.is_not_null())
                .add(ticket::Column::CitizenEmail.is_not_null())
                .add(ticket::Column::TokenHash.is_not_null()),
        )
        .exec(&txn)
        .await?
        .rows_affected;
    queue_event::Entity::delete_many()
        .filter(queue_event::Column::At.lt(now - Duration::days(2)))
        .exec(&txn)
        .await?;
    // Logged-in citizens' sessions (a name and a fiscal code in clear) and unfinished
    // logins end with their time; nothing of them is kept.
    citizen_session::Entity::delete_many()
        .filter(citizen_session::Column::ExpiresAt.lt(now))
        .exec(&txn)
        .await?;
    oidc_login::Entity::delete_many()
        .filter(oidc_login::Column::ExpiresAt.lt(now))
        .exec(&txn)
        .await?;
    // Messages of anonymised bookings, and any other message older than the period. A
    // message still waiting to go out by then will never be wanted: it is closed as
    // failed rather than sent empty.
    let anonymised_bookings = booking::Entity::find()
        .select_only()
        .column(booking::Column::Id)
        .filter(booking::Column::AnonymisedAt.is_not_null())
        .into_query();
    let empty = || Expr::value("");
    let messages = outbox_message::Entity::update_many()
        .col_expr(outbox_message::Column::Recipient, empty())
        .col_expr(outbox_message::Column::Subject, empty())
        .col_expr(outbox_message::Column::BodyText, empty())
        .col_expr(outbox_message::Column::BodyHtml, empty())
        .col_expr(outbox_message::Column::Ics, null())
        .col_expr(outbox_message::Column::QrUrl, null())
        .col_expr(outbox_message::Column::LastError, null())
        .col_expr(
            outbox_message::Column::Status,
            Expr::case(
                outbox_message::Column::Status
                    .is_in([MessageStatus::Pending, MessageStatus::Sending]),
                MessageStatus::Failed,
            )
            .finally(Expr::col(outbox_message::Column::Status))
            .into(),
        )
        .col_expr(outbox_message::Column::AnonymisedAt, Expr::value(now))
        .filter(outbox_message::Column::AnonymisedAt.is_null())
        .filter(
            Condition::any()
                .add(outbox_message::Column::BookingId.in_subquery(anonymised_bookings))
                .add(outbox_message::Column::CreatedAt.lt(cutoff)),
        )
        .exec(&txn)
        .await?
        .rows_affected;
    // Stored responses of idempotent requests hold the citizen's details too; they are
    // useless after their day anyway.
    idempotency_key::Entity::delete_many()
        .filter(idempotency_key::Column::CreatedAt.lt(now - idempotency::RETENTION))
        .exec(&txn)
        .await?;
    // Lapsed holds occupy nothing, and their owners' hashed addresses need not stay.
    booking::Entity::delete_many()
        .filter(booking::Column::Status.eq(entity::status::BookingStatus::Held))
        .filter(booking::Column::HoldExpiresAt.lt(now - Duration::days(1)))
        .exec(&txn)
        .await?;
    // The citizen, hold-owner and lost-link lock rows are named by hashes of an email or a client
    // address, which a list of them could reverse; they hold no state (the next request
    // re-creates its row).
    capacity_lock::Entity::delete_many()
        .filter(
            Condition::any()
                .add(capacity_lock::Column::Name.starts_with("citizen:"))
                .add(capacity_lock::Column::Name.starts_with("holder:"))
                .add(capacity_lock::Column::Name.starts_with("lost:"))
                // The queues' lock rows of past days: one per office and day.
                .add(
                    Condition::all()
                        .add(capacity_lock::Column::Name.starts_with("ticketq:"))
                        .add(
                            capacity_lock::Column::Name.not_like(format!("%:{}", now.date_naive())),
                        )
                        .add(
                            capacity_lock::Column::Name
                                .not_like(format!("%:{}", now.date_naive() - Duration::days(1))),
                        )
                        .add(
                            capacity_lock::Column::Name
                                .not_like(format!("%:{}", now.date_naive() + Duration::days(1))),
                        ),
                ),
        )
        .exec(&txn)
        .await?;
    txn.commit().await?;
    Ok(Retention {
        bookings,
        waitlist,
        messages,
        tickets,
    })
}
