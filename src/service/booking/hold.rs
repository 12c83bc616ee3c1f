//! Holds: a place kept for a few minutes while the citizen fills in the form. A hold is a
//! booking row in status `held`, so the capacity engine counts it like any booking; who
//! holds it is kept only as hashes, to limit holds per client and per browser.

use chrono::{DateTime, Duration, Utc};
use entity::status::BookingStatus;
use entity::{booking, service};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, DatabaseTransaction, EntityTrait, QueryFilter,
};

use std::sync::Arc;

use crate::{
    config::{Config, HOLDS_PER_SESSION},
    error::{AppError, AppResult, ConflictKind},
    infra::secrets,
    service::{
        booking::{
            placement::{self, Ask, Failure},
            view::{HoldRequest, HoldView, fmt_local},
        },
        db::Db,
        engine,
        setup::OfficeSetup,
    },
};

/// Releases a hold at once; unknown or expired holds are fine (idempotent).
pub async fn delete_hold(db: &Db, hold_id: &str) -> AppResult<()> {
    let Some(held) = booking::Entity::find()
        .filter(booking::Column::HoldId.eq(hold_id))
        .filter(booking::Column::Status.eq(BookingStatus::Held))
        .one(&db.conn)
        .await?
    else {
        return Ok(());
    };
    let gone = booking::Entity::delete_many()
        .filter(booking::Column::Id.eq(held.id))
        .filter(booking::Column::Status.eq(BookingStatus::Held))
        .exec(&db.conn)
        .await?;
    if gone.rows_affected == 1 {
        engine::touch(db, &[engine::freed(&held)]).await;
    }
    Ok(())
}

/// Who takes a hold, as hashes: the booking table never holds an address or a cookie.
#[derive(Debug, Clone)]
pub struct HoldOwner {
    client: String,
    session: Option<String>,
}

impl HoldOwner {
    /// A client address (IPv6 already cut to its /64) and, on the pages, the browser's
    /// session cookie.
    pub fn new(client: std::net::IpAddr, session: Option<&str>) -> Self {
        Self {
            client: secrets::hash(&format!("hold-client:{client}")),
            session: session.map(|s| secrets::hash(&format!("hold-session:{s}"))),
        }
    }
}

/// Makes room for a new hold of `owner`, inside its transaction and under its locks
/// (so holds requested at once are counted one after the other, in any process).
///
/// A browser keeps at most [`HOLDS_PER_SESSION`]: its oldest is released, so a citizen
/// who goes back and picks another time is never refused. A client address keeps at
/// most `holds_per_client` and is then refused (429 with the wait until its oldest
/// lapses), so neighbours behind one address never release each other's holds. Without
/// these, one client could hold a whole day (security review, finding 3).
async fn admit_holder(
    txn: &DatabaseTransaction,
    config: &Config,
    owner: &HoldOwner,
    now: DateTime<Utc>,
) -> AppResult<()> {
    use sea_orm::{ColumnTrait, QueryFilter, QueryOrder};
    let mut locks = vec![format!("holder:{}", &owner.client[..32])];
    if let Some(session) = &owner.session {
        locks.push(format!("holder:{}", &session[..32]));
    }
    locks.sort();
    locks.dedup();
    engine::lock(txn, &locks).await?;
    let live = || {
        booking::Entity::find()
            .filter(booking::Column::Status.eq(BookingStatus::Held))
            .filter(booking::Column::HoldExpiresAt.gt(now))
            .order_by_asc(booking::Column::HoldExpiresAt)
            .order_by_asc(booking::Column::Id)
    };
    if let Some(session) = &owner.session {
        let held = live()
            .filter(booking::Column::HoldSession.eq(session.as_str()))
            .all(txn)
            .await?;
        let keep = usize::try_from(HOLDS_PER_SESSION - 1).unwrap_or(0);
        let surplus: Vec<i32> = held
            .iter()
            .take(held.len().saturating_sub(keep))
            .map(|h| h.id)
            .collect();
        if !surplus.is_empty() {
            booking::Entity::delete_many()
                .filter(booking::Column::Id.is_in(surplus))
                .filter(booking::Column::Status.eq(BookingStatus::Held))
                .exec(txn)
                .await?;
        }
    }
    // Off with the other per-client limits (`SPORTELLO_RATE_LIMIT=off`, load tests whose
    // clients all come from one loopback address).
    if !config.http.rate_limit {
        return Ok(());
    }
    let held = live()
        .filter(booking::Column::HoldClient.eq(owner.client.as_str()))
        .all(txn)
        .await?;
    if held.len() as u64 >= config.booking.holds_per_client {
        let lapses = held.first().and_then(|h| h.hold_expires_at).unwrap_or(now);
        return Err(AppError::TooManyHolds {
            retry_after: (lapses - now).num_seconds(),
        });
    }
    Ok(())
}

/// Places a hold (API.md "holds"): it counts like a booking until it expires.
pub async fn create_hold(
    db: &Db,
    config: &Config,
    input: &HoldRequest,
    owner: &HoldOwner,
    now: DateTime<Utc>,
) -> AppResult<HoldView> {
    let ask = Ask {
        office_id: input.office_id,
        service_id: input.service_id,
        start: &input.start,
        party_size: input.party_size,
        holding: false,
    };
    for _ in 0..placement::ATTEMPTS {
        let v = placement::validate(db, ask, Vec::new(), now).await?;
        placement::refuse_if_full(db, &v, now).await?;
        let (txn, _gate) = engine::begin(db).await?;
        admit_holder(&txn, config, owner, now).await?;
        let _turn = engine::turn(db, &placement::locks_of(&v, &placement::candidates(&v))).await;
        let counter =
            match placement::place_in(&txn, &v, &placement::candidates(&v), None, now).await {
                Ok(c) => c,
                Err(Failure::Stale) => continue,
                Err(Failure::App(e)) => return Err(e),
                Err(Failure::KeyTaken | Failure::ReferenceTaken) => break,
            };
        let hold_id = uuid::Uuid::new_v4().to_string();
        let expires_at = now + Duration::minutes(config.booking.hold_minutes);
        let mut row = placement::new_row(&v, counter, BookingStatus::Held, now);
        row.hold_id = Set(Some(hold_id.clone()));
        row.hold_expires_at = Set(Some(expires_at));
        row.hold_client = Set(Some(owner.client.clone()));
        row.hold_session = Set(owner.session.clone());
        row.insert(&txn).await?;
        txn.commit().await?;
        return Ok(HoldView {
            hold_id,
            expires_at: fmt_local(expires_at, v.setup.tz),
        });
    }
    Err(AppError::Internal(anyhow::anyhow!(
        "the office's set-up kept changing while placing a hold"
    )))
}

/// A live hold, with what the details page shows about it.
#[derive(Debug, Clone)]
pub struct HeldPlace {
    /// The hold id.
    pub hold_id: String,
    /// The office's set-up.
    pub setup: Arc<OfficeSetup>,
    /// The service.
    pub service: service::Model,
    /// Start of the appointment.
    pub start: DateTime<Utc>,
    /// Persons.
    pub party_size: i32,
    /// When the hold lapses.
    pub expires_at: DateTime<Utc>,
}

/// A live hold by id; an unknown or expired one is 409 `/hold-expired`.
pub async fn held_place(db: &Db, hold_id: &str, now: DateTime<Utc>) -> AppResult<HeldPlace> {
    use sea_orm::{ColumnTrait, QueryFilter};
    let row = booking::Entity::find()
        .filter(booking::Column::HoldId.eq(hold_id))
        .filter(booking::Column::Status.eq(BookingStatus::Held))
        .filter(booking::Column::HoldExpiresAt.gt(now))
        .one(&db.conn)
        .await?
        .ok_or_else(|| {
            AppError::conflict(
                ConflictKind::HoldExpired,
                "This hold has expired or does not exist.",
            )
        })?;
    let setup = db.setups.get(&db.conn, row.office_id).await?;
    let service = setup.service(row.service_id)?.clone();
    Ok(HeldPlace {
        hold_id: hold_id.to_string(),
        setup,
        service,
        start: row.start_at,
        party_size: row.party_size,
        expires_at: row.hold_expires_at.unwrap_or(now),
    })
}
