//! A manager's endpoints: add (with the secret shown once), list, remove, test with a
//! `ping`, see the recent deliveries and replay one. Each change is in the audit log,
//! without the secret.

use base64::Engine;
use chrono::{DateTime, SecondsFormat, Utc};
use entity::{outbox_message, status::MessageStatus, webhook};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, sea_query::Expr,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use super::{EVENTS, KIND, send::Poster};
use crate::{
    domain::Role,
    error::{AppError, AppResult},
    infra::secrets,
    service::{actor::Actor, audit::Audit, db::Db},
};

/// An endpoint to add.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct NewWebhook {
    /// Where to post (`https://…`).
    pub url: String,
    /// Which events (`booking.created`, …, `ping`).
    pub events: Vec<String>,
}

/// An endpoint as listed (never its secret).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct WebhookView {
    pub id: i32,
    pub url: String,
    pub events: Vec<String>,
    /// When it was added (UTC).
    pub created_at: String,
}

/// An endpoint just added: the only answer that holds its secret.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct CreatedWebhook {
    pub id: i32,
    pub url: String,
    pub events: Vec<String>,
    /// `whsec_` + base64 of 32 random bytes: the key the receiver checks signatures with.
    pub secret: String,
}

/// One delivery of an endpoint, as its managers see it.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct DeliveryView {
    /// The delivery's id (to replay it).
    pub id: i32,
    /// The `webhook-id` header, the same on every attempt.
    pub webhook_id: String,
    /// The event's type.
    pub event: String,
    /// `pending`, `sending`, `sent`, `failed`.
    #[schema(value_type = String)]
    pub status: MessageStatus,
    pub attempts: i32,
    /// The last failure: the endpoint's status and first words, or the network's reason.
    pub last_error: Option<String>,
    /// When the event happened (UTC).
    pub created_at: String,
    /// When it was delivered (UTC).
    pub sent_at: Option<String>,
    /// Whether it can be delivered again (delivered, or failed for good).
    pub replayable: bool,
}

/// That the office exists (a 404 for one that does not, before the role check).
async fn find_office(db: &Db, office_id: i32) -> AppResult<()> {
    entity::office::Entity::find_by_id(office_id)
        .one(&db.conn)
        .await?
        .map(drop)
        .ok_or_else(|| AppError::not_found("There is no such office."))
}

fn fmt(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn view(w: &webhook::Model) -> WebhookView {
    WebhookView {
        id: w.id,
        url: w.url.clone(),
        events: w.events.split(',').map(str::to_owned).collect(),
        created_at: fmt(w.created_at),
    }
}

/// Adds an endpoint to `office_id` (its managers, admins). A URL that is not `http(s)`,
/// or (without `SPORTELLO_WEBHOOK_ALLOW_PRIVATE`) not public, is refused with the reason.
pub async fn create(
    db: &Db,
    poster: &Poster,
    actor: &Actor,
    office_id: i32,
    input: &NewWebhook,
    now: DateTime<Utc>,
) -> AppResult<CreatedWebhook> {
    find_office(db, office_id).await?;
    actor.require(Role::Manager, office_id)?;
    let mut events: Vec<String> = Vec::new();
    for e in &input.events {
        let e = e.trim();
        if !EVENTS.contains(&e) {
            return Err(AppError::invalid(
                "events",
                format!("unknown event {e:?}; the events are {}", EVENTS.join(", ")),
            ));
        }
        if !events.iter().any(|known| known == e) {
            events.push(e.to_owned());
        }
    }
    if events.is_empty() {
        return Err(AppError::invalid("events", "choose at least one event"));
    }
    if input.url.len() > 2000 {
        return Err(AppError::invalid("url", "is too long"));
    }
    let url = poster
        .check_url(&input.url)
        .await
        .map_err(|reason| AppError::invalid("url", reason))?;
    let key = secrets::random_bytes::<32>()?;
    let secret = format!(
        "whsec_{}",
        base64::engine::general_purpose::STANDARD.encode(key)
    );
    let (txn, _gate) = crate::service::engine::begin(db).await?;
    let created = webhook::ActiveModel {
        office_id: Set(office_id),
        url: Set(url.to_string()),
        events: Set(events.join(",")),
        secret: Set(secret.clone()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    Audit::new(Some(actor), "create", "webhook", created.id)
        .office(office_id)
        .after(&view(&created))
        .write(&txn, now)
        .await?;
    txn.commit().await?;
    Ok(CreatedWebhook {
        id: created.id,
        url: created.url,
        events,
        secret,
    })
}

/// The endpoints of `office_id`, oldest first.
pub async fn list(db: &Db, actor: &Actor, office_id: i32) -> AppResult<Vec<WebhookView>> {
    find_office(db, office_id).await?;
    actor.require(Role::Manager, office_id)?;
    Ok(webhook::Entity::find()
        .filter(webhook::Column::OfficeId.eq(office_id))
        .order_by_asc(webhook::Column::Id)
        .all(&db.conn)
        .await?
        .iter()
        .map(view)
        .collect())
}

/// The endpoint `id`, for a manager of its office (an endpoint of another office is
/// "not found", as if it did not exist).
async fn owned(db: &Db, actor: &Actor, id: i32) -> AppResult<webhook::Model> {
    let found = webhook::Entity::find_by_id(id)
        .one(&db.conn)
        .await?
        .filter(|w| actor.require(Role::Manager, w.office_id).is_ok())
        .ok_or_else(|| AppError::not_found("There is no such webhook."))?;
    Ok(found)
}

/// Removes an endpoint; its deliveries still waiting are dropped (nobody would receive
/// them), its history stays.
pub async fn delete(db: &Db, actor: &Actor, id: i32, now: DateTime<Utc>) -> AppResult<()> {
    let found = owned(db, actor, id).await?;
    let (txn, _gate) = crate::service::engine::begin(db).await?;
    outbox_message::Entity::delete_many()
        .filter(outbox_message::Column::WebhookId.eq(id))
        .filter(outbox_message::Column::Status.eq(MessageStatus::Pending))
        .exec(&txn)
        .await?;
    webhook::Entity::delete_by_id(id).exec(&txn).await?;
    Audit::new(Some(actor), "delete", "webhook", id)
        .office(found.office_id)
        .before(&view(&found))
        .write(&txn, now)
        .await?;
    txn.commit().await?;
    Ok(())
}

/// Queues a `ping` to the endpoint (whatever events it asked for).
pub async fn ping(db: &Db, actor: &Actor, id: i32, now: DateTime<Utc>) -> AppResult<()> {
    let found = owned(db, actor, id).await?;
    let _gate = db.write_turn().await;
    super::queue(
        &db.conn,
        std::slice::from_ref(&found),
        None,
        "ping",
        serde_json::json!({"webhook_id": found.id, "office_id": found.office_id}),
        now,
    )
    .await
}

/// The endpoint's last 50 deliveries, newest first.
pub async fn deliveries(db: &Db, actor: &Actor, id: i32) -> AppResult<Vec<DeliveryView>> {
    owned(db, actor, id).await?;
    Ok(outbox_message::Entity::find()
        .filter(outbox_message::Column::WebhookId.eq(id))
        .filter(outbox_message::Column::Kind.eq(KIND))
        .order_by_desc(outbox_message::Column::Id)
        .limit(50)
        .all(&db.conn)
        .await?
        .into_iter()
        .map(|m| DeliveryView {
            replayable: matches!(m.status, MessageStatus::Failed | MessageStatus::Sent),
            id: m.id,
            webhook_id: m.message_id,
            event: m.subject,
            status: m.status,
            attempts: m.attempts,
            last_error: m.last_error,
            created_at: fmt(m.created_at),
            sent_at: m.sent_at.map(fmt),
        })
        .collect())
}

/// Delivers `delivery_id` of endpoint `id` again, with the same `webhook-id` and body:
/// a failed one after the receiver is mended, or a sent one the receiver lost. One still
/// waiting is left as it is.
pub async fn replay(
    db: &Db,
    actor: &Actor,
    id: i32,
    delivery_id: i32,
    now: DateTime<Utc>,
) -> AppResult<()> {
    owned(db, actor, id).await?;
    let _gate = db.write_turn().await;
    let changed = outbox_message::Entity::update_many()
        .filter(outbox_message::Column::Id.eq(delivery_id))
        .filter(outbox_message::Column::WebhookId.eq(id))
        .filter(outbox_message::Column::Status.is_in([MessageStatus::Failed, MessageStatus::Sent]))
        .col_expr(
            outbox_message::Column::Status,
            Expr::value(MessageStatus::Pending),
        )
        .col_expr(outbox_message::Column::Attempts, Expr::value(0))
        .col_expr(outbox_message::Column::NextAttemptAt, Expr::value(now))
        .col_expr(
            outbox_message::Column::LockedUntil,
            Expr::value(Option::<DateTime<Utc>>::None),
        )
        .exec(&db.conn)
        .await?;
    if changed.rows_affected == 0 {
        let exists = outbox_message::Entity::find_by_id(delivery_id)
            .filter(outbox_message::Column::WebhookId.eq(id))
            .one(&db.conn)
            .await?;
        if exists.is_none() {
            return Err(AppError::not_found("There is no such delivery."));
        }
    }
    Ok(())
}

/// The secret and URL of endpoint `id`, for its deliveries; `None` once it is removed.
pub async fn for_delivery(db: &Db, id: i32) -> AppResult<Option<webhook::Model>> {
    Ok(webhook::Entity::find_by_id(id).one(&db.conn).await?)
}
