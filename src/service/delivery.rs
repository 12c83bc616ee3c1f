//! Delivering the outbox: claim due messages, deliver them, record the outcome. It never
//! runs inside a request, so a slow or absent mail server never slows a booking; the
//! outbox job (`jobs`) calls [`run_once`] every second.

use chrono::{DateTime, Duration, Utc};
use lettre::message::Mailbox;

use crate::{
    clock::Clock,
    config::MailConfig,
    email::{Mailer, compose},
    error::{AppError, AppResult},
    infra::idle,
    service::{
        db::Db,
        outbox,
        webhooks::{self, send::Poster},
    },
};

/// What one pass did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SendReport {
    /// Delivered.
    pub sent: usize,
    /// Failed for now; retried later.
    pub retried: usize,
    /// Refused for good.
    pub failed: usize,
}

/// How many messages one sender delivers at once. SMTP is a chatty request-reply
/// protocol: one message at a time leaves the sender waiting on round trips, so a batch
/// goes out over several pooled connections together.
const PARALLEL: usize = 16;

enum Outcome {
    /// Delivered; recorded with the rest of its batch ([`outbox::mark_sent`]).
    Sent(Box<entity::outbox_message::Model>),
    Retried,
    Failed,
}

/// Where a message goes: an email through the mailer, a webhook delivery by the poster.
#[derive(Clone, Copy)]
pub struct Channels<'a> {
    pub mailer: &'a Mailer,
    pub hooks: &'a Poster,
}

/// Posts a webhook delivery: signed at this attempt's time, with the endpoint's current
/// secret; a removed endpoint's delivery fails, and so does one that ran out of attempts.
async fn deliver_webhook(
    db: &Db,
    hooks: &Poster,
    row: entity::outbox_message::Model,
    base: Duration,
    now: DateTime<Utc>,
) -> AppResult<Outcome> {
    let endpoint = match row.webhook_id {
        Some(id) => webhooks::store::for_delivery(db, id).await?,
        None => None,
    };
    let Some(endpoint) = endpoint else {
        outbox::mark_failed(db, &row, "the endpoint was removed").await?;
        return Ok(Outcome::Failed);
    };
    let posted = hooks
        .post(
            &endpoint.url,
            &endpoint.secret,
            &row.message_id,
            now.timestamp(),
            &row.body_text,
        )
        .await;
    match posted {
        Ok(()) => Ok(Outcome::Sent(Box::new(row))),
        Err(e) if e.permanent || row.attempts >= webhooks::MAX_ATTEMPTS => {
            tracing::warn!(
                id = row.id,
                webhook = endpoint.id,
                "webhook delivery failed for good"
            );
            outbox::mark_failed(db, &row, &e.reason).await?;
            Ok(Outcome::Failed)
        }
        Err(e) => {
            outbox::mark_retry(db, &row, &e.reason, base, now).await?;
            Ok(Outcome::Retried)
        }
    }
}

async fn deliver(
    db: &Db,
    channels: Channels<'_>,
    row: entity::outbox_message::Model,
    from: &Mailbox,
    base: Duration,
    now: DateTime<Utc>,
) -> AppResult<Outcome> {
    if row.kind == webhooks::KIND {
        return deliver_webhook(db, channels.hooks, row, base, now).await;
    }
    let mailer = channels.mailer;
    // Built on the idle worker: the QR code and the MIME tree are CPU work that must
    // not take a request's turn on the cores (infra::idle).
    let built = {
        let (row, from) = (row.clone(), from.clone());
        crate::infra::idle::run(move || compose::message(&row, &from)).await
    };
    let built = match built {
        Ok(built) => built,
        // Not built because the process is stopping: the message is tried again.
        Err(e @ idle::IdleError::Stopped) => {
            outbox::mark_retry(db, &row, &e.to_string(), base, now).await?;
            return Ok(Outcome::Retried);
        }
        Err(e @ idle::IdleError::Panicked(_)) => Err(anyhow::Error::from(e)),
    };
    let message = match built {
        Ok(m) => m,
        Err(e) => {
            outbox::mark_failed(db, &row, &format!("cannot build the message: {e}")).await?;
            return Ok(Outcome::Failed);
        }
    };
    let stem = format!(
        "{}-{:08}-{}",
        row.created_at.format("%Y%m%dT%H%M%S"),
        row.id,
        row.kind
    );
    match mailer.send(&message, &stem).await {
        Ok(()) => Ok(Outcome::Sent(Box::new(row))),
        Err(e) if e.permanent => {
            tracing::warn!(id = row.id, kind = %row.kind, "message refused for good");
            outbox::mark_failed(db, &row, &e.reason).await?;
            Ok(Outcome::Failed)
        }
        Err(e) => {
            outbox::mark_retry(db, &row, &e.reason, base, now).await?;
            Ok(Outcome::Retried)
        }
    }
}

/// Delivers every message due at `now` (bounded per pass, so a huge backlog is worked
/// through in several passes rather than one endless one), adding what it does to
/// `report`: what was sent counts even when a later step of the pass fails.
pub async fn run_once(
    db: &Db,
    mailer: &Mailer,
    hooks: &Poster,
    mail: &MailConfig,
    clock: &Clock,
    now: DateTime<Utc>,
    report: &mut SendReport,
) -> AppResult<()> {
    let from: Mailbox = mail
        .from
        .parse()
        .map_err(|e| AppError::Internal(anyhow::anyhow!("SPORTELLO_MAIL_FROM: {e}")))?;
    let base = Duration::seconds(mail.retry_seconds);
    for _ in 0..200 {
        // The clock is read again for every batch: a long pass must not claim with a
        // lease that has already run out.
        let now = now.max(clock.now());
        let batch = outbox::claim(db, now, PARALLEL as u64).await?;
        if batch.is_empty() {
            break;
        }
        let mut tasks = tokio::task::JoinSet::new();
        for row in batch {
            let (db, mailer, hooks, from) =
                (db.clone(), mailer.clone(), hooks.clone(), from.clone());
            tasks.spawn(async move {
                let channels = Channels {
                    mailer: &mailer,
                    hooks: &hooks,
                };
                deliver(&db, channels, row, &from, base, now).await
            });
        }
        // Every send in flight is awaited, even after an error: dropping the set would
        // abort sends the mail server may already have accepted.
        let mut first_error = None;
        let mut sent = Vec::new();
        while let Some(done) = tasks.join_next().await {
            match done
                .map_err(|e| AppError::Internal(e.into()))
                .and_then(|r| r)
            {
                Ok(Outcome::Sent(row)) => sent.push(*row),
                Ok(Outcome::Retried) => report.retried += 1,
                Ok(Outcome::Failed) => report.failed += 1,
                Err(e) => {
                    tracing::error!(error = %e, "recording a delivery failed");
                    first_error.get_or_insert(e);
                }
            }
        }
        // Counted and recorded even when another message of the batch failed to be
        // recorded: they went out.
        report.sent += sent.len();
        outbox::mark_sent(db, &sent, now).await?;
        if let Some(e) = first_error {
            return Err(e);
        }
    }
    Ok(())
}
