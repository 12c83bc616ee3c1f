//! The ways a queued message leaves: email, webhook, the IO app (`io_app::Io`). Each is a
//! [`Channel`];
//! the sender (`delivery`) claims rows of the one outbox and hands each to the channel of
//! its kind, then records what the channel says became of it. A new channel (a text
//! message gateway, say) is one more implementation and one more outbox kind.

use chrono::{DateTime, Utc};
use entity::outbox_message;
use futures_util::future::BoxFuture;
use lettre::message::Mailbox;

use crate::{
    email::{Mailer, compose},
    error::AppResult,
    infra::idle,
    service::{
        db::Db,
        webhooks::{self, send::Poster},
    },
};

/// What became of one delivery.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sent {
    Delivered,
    /// Not now (a server down, busy, or refusing for a while): tried again later.
    Retry(String),
    /// Never, as it is: `failed`, for staff to see.
    Refused(String),
    /// Not sent, and rightly so (the recipient does not take this channel's messages).
    Skipped(String),
}

/// A channel: delivers one outbox row at `now`.
pub trait Channel: Send + Sync {
    fn deliver<'a>(
        &'a self,
        db: &'a Db,
        row: &'a outbox_message::Model,
        now: DateTime<Utc>,
    ) -> BoxFuture<'a, AppResult<Sent>>;

    /// Attempts after which a delivery still refused is `failed`; `None`: for ever (an
    /// email waits for its mail server, with backoff up to an hour).
    fn gives_up_after(&self) -> Option<i32> {
        None
    }
}

/// Email, through the mailer (SMTP, or `.eml` files).
#[derive(Clone)]
pub struct Email {
    pub mailer: Mailer,
    pub from: Mailbox,
}

impl Channel for Email {
    fn deliver<'a>(
        &'a self,
        _db: &'a Db,
        row: &'a outbox_message::Model,
        _now: DateTime<Utc>,
    ) -> BoxFuture<'a, AppResult<Sent>> {
        Box::pin(async move {
            // Built on the idle worker: the QR code and the MIME tree are CPU work that
            // must not take a request's turn on the cores (infra::idle).
            let built = {
                let (row, from) = (row.clone(), self.from.clone());
                idle::run(move || compose::message(&row, &from)).await
            };
            let message = match built {
                Ok(Ok(m)) => m,
                Ok(Err(e)) => return Ok(Sent::Refused(format!("cannot build the message: {e}"))),
                // Not built because the process is stopping: tried again.
                Err(e @ idle::IdleError::Stopped) => return Ok(Sent::Retry(e.to_string())),
                Err(e @ idle::IdleError::Panicked(_)) => {
                    return Err(anyhow::Error::from(e).into());
                }
            };
            let stem = format!(
                "{}-{:08}-{}",
                row.created_at.format("%Y%m%dT%H%M%S"),
                row.id,
                row.kind
            );
            Ok(match self.mailer.send(&message, &stem).await {
                Ok(()) => Sent::Delivered,
                Err(e) if e.permanent => Sent::Refused(e.reason),
                Err(e) => Sent::Retry(e.reason),
            })
        })
    }
}

/// Webhooks: signed at the attempt's time with the endpoint's current secret.
#[derive(Clone)]
pub struct Webhook {
    pub poster: Poster,
}

impl Channel for Webhook {
    fn deliver<'a>(
        &'a self,
        db: &'a Db,
        row: &'a outbox_message::Model,
        now: DateTime<Utc>,
    ) -> BoxFuture<'a, AppResult<Sent>> {
        Box::pin(async move {
            let endpoint = match row.webhook_id {
                Some(id) => webhooks::store::for_delivery(db, id).await?,
                None => None,
            };
            let Some(endpoint) = endpoint else {
                return Ok(Sent::Refused("the endpoint was removed".into()));
            };
            let posted = self
                .poster
                .post(
                    &endpoint.url,
                    &endpoint.secret,
                    &row.message_id,
                    now.timestamp(),
                    &row.body_text,
                )
                .await;
            Ok(match posted {
                Ok(()) => Sent::Delivered,
                Err(e) if e.permanent => Sent::Refused(e.reason),
                Err(e) => Sent::Retry(e.reason),
            })
        })
    }

    fn gives_up_after(&self) -> Option<i32> {
        Some(webhooks::MAX_ATTEMPTS)
    }
}
