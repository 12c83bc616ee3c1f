//! "I lost my link": a citizen without their confirmation email asks, by address, for
//! the links of their upcoming bookings, and gets them by email.
//!
//! The manage tokens are stored hashed, so the links cannot be sent again as they were:
//! each upcoming booking gets a new manage token, and the old link stops working. Only
//! the mailbox of the booking's address learns the new one. The answer is the same
//! whether or not the address has bookings, and whether or not the address has asked too
//! often in the last hour (then nothing is sent): the page must not tell a stranger who
//! has booked.

use chrono::{DateTime, Duration, Utc};
use entity::{booking, outbox_message, status::BookingStatus};
use sea_orm::{
    ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect, sea_query::Expr,
};

use crate::{
    config::Config,
    domain::{EmailAddress, FieldError, Language},
    email::letters::{self, Notice},
    error::{AppError, AppResult},
    infra::secrets,
    l10n::{Tr, fl},
    service::{db::Db, engine, office::services::local_texts, outbox},
};

/// Emails of links an address may get per hour.
pub const LOST_LINK_MAILS_PER_HOUR: u64 = 3;
/// Bookings listed in one email (a citizen has a few; more is not a citizen).
const MOST: u64 = 20;

/// Sends the links of the upcoming confirmed bookings made with `email`, in `language`.
/// A malformed address is a validation error; everything else answers `Ok`.
pub async fn send_links(
    db: &Db,
    config: &Config,
    email: &str,
    language: Language,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let email = EmailAddress::parse(email)
        .map_err(|m| AppError::Validation(vec![FieldError::new("email", m)]))?;
    let (txn, _gate) = engine::begin(db).await?;
    // One request per address at a time, so concurrent requests count each other's email
    // (the lock is named by a hash: the lock table holds no address).
    let lock = format!("lost:{}", &secrets::hash(email.as_str())[..32]);
    engine::lock(&txn, &[lock]).await?;
    let rows = booking::Entity::find()
        .filter(booking::Column::CitizenEmail.eq(email.as_str()))
        .filter(booking::Column::Status.eq(BookingStatus::Confirmed))
        .filter(booking::Column::EndAt.gt(now))
        .order_by_asc(booking::Column::StartAt)
        .limit(MOST)
        .all(&txn)
        .await?;
    if rows.is_empty() {
        return Ok(());
    }
    let recent = outbox_message::Entity::find()
        .filter(outbox_message::Column::Kind.eq("lost_links"))
        .filter(outbox_message::Column::Recipient.eq(email.as_str()))
        .filter(outbox_message::Column::CreatedAt.gt(now - Duration::hours(1)))
        .count(&txn)
        .await?;
    if recent >= LOST_LINK_MAILS_PER_HOUR {
        tracing::info!("lost-link email not sent: the address asked too often this hour");
        return Ok(());
    }
    let t = Tr::of(language);
    let mut links = Vec::with_capacity(rows.len());
    for row in &rows {
        let setup = db.setups.get(&txn, row.office_id).await?;
        let service = setup.service(row.service_id)?;
        let token = secrets::new_token()?;
        // Only if nothing changed the booking since it was read (a move in between
        // sets its own new token, which its confirmation carries): else it is left out.
        let replaced = booking::Entity::update_many()
            .col_expr(
                booking::Column::ManageTokenHash,
                Expr::value(secrets::hash(&token)),
            )
            .filter(booking::Column::Id.eq(row.id))
            .filter(booking::Column::Status.eq(BookingStatus::Confirmed))
            .filter(match &row.manage_token_hash {
                Some(h) => booking::Column::ManageTokenHash.eq(h.as_str()),
                None => booking::Column::ManageTokenHash.is_null(),
            })
            .exec(&txn)
            .await?;
        if replaced.rows_affected == 0 {
            continue;
        }
        let reference = row.reference.clone().unwrap_or_default();
        let label = fl!(
            t,
            "email-lost-links-item",
            service = local_texts(service, language.code()).name,
            when = t.date_time(row.start_at, setup.tz),
            office = setup.office.name.as_str()
        );
        links.push((
            label,
            format!("{}/b/{reference}?token={token}", config.http.base_url),
        ));
    }
    if links.is_empty() {
        return Ok(());
    }
    let notice = Notice {
        kind: "lost_links",
        booking_id: None,
        recipient: email.as_str().to_string(),
        language,
        title: fl!(t, "email-lost-links-subject"),
        name: rows[0].citizen_name.clone().unwrap_or_default(),
        paragraphs: vec![
            fl!(t, "email-lost-links-body", count = links.len()),
            fl!(t, "email-lost-links-old"),
        ],
        links,
        dedupe_key: None,
    };
    outbox::enqueue(&txn, letters::notice(&notice)?, now).await?;
    txn.commit().await?;
    Ok(())
}
