//! When a place of a service frees up on a day someone waits for (a cancellation, a move,
//! a reconfirmation not given) while there is still time to come, the first waiting
//! citizens (by when they joined; `SPORTELLO_WAITLIST_OFFERS`, default 3) are emailed an
//! offer link, valid `SPORTELLO_WAITLIST_OFFER_MINUTES` (default 60). Called in the
//! transaction that frees the place, so a place is never freed without its offers.

use chrono::{DateTime, Duration, Utc};
use entity::status::{EntryStatus, OfferStatus};
use entity::{booking, waitlist_entry, waitlist_offer};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter,
    QueryOrder, QuerySelect, QueryTrait,
};

use crate::l10n::{Tr, fl};
use crate::{
    config::Config,
    domain::{Language, schedule},
    email::letters::{self, Notice},
    error::AppResult,
    infra::secrets,
    service::{engine, outbox},
};

/// Offers the place `freed` had to the first waiting citizens, in the caller's
/// transaction (the one that frees it). Too late to come (within the service's notice)
/// offers nothing. Returns how many were offered.
pub async fn offer_freed(
    txn: &DatabaseTransaction,
    config: &Config,
    setup: &crate::service::setup::OfficeSetup,
    freed: &booking::Model,
    now: DateTime<Utc>,
) -> AppResult<usize> {
    let Ok(service) = setup.service(freed.service_id) else {
        return Ok(0);
    };
    if freed.start_at < now + Duration::minutes(i64::from(service.min_notice_minutes)) {
        return Ok(0);
    }
    let day = schedule::local_date(setup.tz, freed.start_at);
    // Two places of one slot freed at once offer it in turn, not twice to the same people.
    engine::lock(
        txn,
        &[format!(
            "waitlist:{}:{}",
            service.id,
            freed.start_at.timestamp()
        )],
    )
    .await?;
    // Already offered this slot: not again, to no entry of the same address either (an
    // address may wait more than once: see `join`).
    let offered = || {
        waitlist_offer::Entity::find()
            .select_only()
            .column(waitlist_offer::Column::EntryId)
            .filter(waitlist_offer::Column::ServiceId.eq(service.id))
            .filter(waitlist_offer::Column::StartAt.eq(freed.start_at))
            .into_query()
    };
    let offered_addresses = waitlist_entry::Entity::find()
        .select_only()
        .column(waitlist_entry::Column::CitizenEmail)
        .filter(waitlist_entry::Column::Id.in_subquery(offered()))
        .filter(waitlist_entry::Column::CitizenEmail.is_not_null())
        .into_query();
    let candidates = waitlist_entry::Entity::find()
        .filter(waitlist_entry::Column::ServiceId.eq(service.id))
        .filter(waitlist_entry::Column::Status.eq(EntryStatus::Waiting))
        .filter(waitlist_entry::Column::DateFrom.lte(day))
        .filter(waitlist_entry::Column::DateTo.gte(day))
        .filter(waitlist_entry::Column::PartySize.lte(freed.party_size))
        .filter(waitlist_entry::Column::Id.not_in_subquery(offered()))
        .filter(waitlist_entry::Column::CitizenEmail.not_in_subquery(offered_addresses))
        .order_by_asc(waitlist_entry::Column::CreatedAt)
        .order_by_asc(waitlist_entry::Column::Id)
        .limit(config.booking.offers_per_place * 4)
        .all(txn)
        .await?;
    // One offer per address: its later entries wait behind its first.
    let mut seen = std::collections::HashSet::new();
    let entries: Vec<_> = candidates
        .into_iter()
        .filter(|e| seen.insert(e.citizen_email.clone()))
        .take(usize::try_from(config.booking.offers_per_place).unwrap_or(usize::MAX))
        .collect();
    // Never open past the moment the slot stops being bookable.
    let expires_at = (now + Duration::minutes(config.booking.offer_minutes))
        .min(freed.start_at - Duration::minutes(i64::from(service.min_notice_minutes)));
    let when = freed.start_at;
    for entry in &entries {
        let token = secrets::new_token()?;
        waitlist_offer::ActiveModel {
            entry_id: Set(entry.id),
            office_id: Set(entry.office_id),
            service_id: Set(entry.service_id),
            start_at: Set(freed.start_at),
            token_hash: Set(secrets::hash(&token)),
            status: Set(OfferStatus::Open),
            created_at: Set(now),
            expires_at: Set(expires_at),
            ..Default::default()
        }
        .insert(txn)
        .await?;
        let language = Language::parse(&entry.language).unwrap_or_default();
        let t = Tr::of(language);
        let at = t.date_time(when, setup.tz);
        let until = crate::l10n::hhmm(expires_at, setup.tz);
        let service_name = service.name.as_str();
        let title = fl!(t, "email-waitlist-offer-subject", service = service_name);
        let paragraphs = vec![
            fl!(
                t,
                "email-waitlist-offer-body",
                service = service_name,
                office = setup.office.name.as_str(),
                when = at.as_str()
            ),
            fl!(t, "email-waitlist-offer-rules", time = until.as_str()),
        ];
        let label = fl!(t, "email-waitlist-offer-link");
        outbox::enqueue(
            txn,
            letters::notice(&Notice {
                kind: "waitlist_offer",
                booking_id: None,
                recipient: entry.citizen_email.clone().unwrap_or_default(),
                language,
                title,
                name: entry.citizen_name.clone().unwrap_or_default(),
                paragraphs,
                links: vec![(label, format!("{}/w/{token}", config.http.base_url))],
                dedupe_key: None,
            })?,
            now,
        )
        .await?;
    }
    Ok(entries.len())
}
