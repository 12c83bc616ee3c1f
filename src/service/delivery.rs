//! Delivering the outbox: claim due messages, deliver them, record the outcome. It never
//! runs inside a request, so a slow or absent mail server never slows a booking; the
//! outbox job (`jobs`) calls [`run_once`] every second.

use chrono::{DateTime, Duration, Utc};
use lettre::message::Mailbox;

use crate::{
    clock::Clock,
    config::MailConfig,
    email::Mailer,
    error::{AppError, AppResult},
    service::{
        channel::{self, Channel, Sent},
        db::Db,
        io_app::{self, IoClient},
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
    /// Not sent, rightly (an IO message to a citizen who does not take them).
    pub skipped: usize,
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
    Skipped,
}

/// Where the process's messages go out: its mailer, webhook client and IO client.
#[derive(Clone, Copy)]
pub struct Outlets<'a> {
    pub mailer: &'a Mailer,
    pub hooks: &'a Poster,
    pub io: Option<&'a IoClient>,
}

/// The channels of one sender: every outbox kind has one ([`Channel`]).
#[derive(Clone)]
struct Channels {
    email: channel::Email,
    hooks: channel::Webhook,
    io: io_app::Io,
}

impl Channels {
    fn of(&self, kind: &str) -> &dyn Channel {
        match kind {
            webhooks::KIND => &self.hooks,
            io_app::KIND => &self.io,
            _ => &self.email,
        }
    }
}

/// Hands `row` to its channel and records what became of it.
async fn deliver(
    db: &Db,
    channels: &Channels,
    row: entity::outbox_message::Model,
    base: Duration,
    now: DateTime<Utc>,
) -> AppResult<Outcome> {
    let channel = channels.of(&row.kind);
    match channel.deliver(db, &row, now).await? {
        Sent::Delivered => Ok(Outcome::Sent(Box::new(row))),
        Sent::Retry(reason) if channel.gives_up_after().is_some_and(|n| row.attempts >= n) => {
            tracing::warn!(id = row.id, kind = %row.kind, "out of attempts");
            outbox::mark_failed(db, &row, &reason).await?;
            Ok(Outcome::Failed)
        }
        Sent::Retry(reason) => {
            outbox::mark_retry(db, &row, &reason, base, now).await?;
            Ok(Outcome::Retried)
        }
        Sent::Refused(reason) => {
            tracing::warn!(id = row.id, kind = %row.kind, "message refused for good");
            outbox::mark_failed(db, &row, &reason).await?;
            Ok(Outcome::Failed)
        }
        Sent::Skipped(reason) => {
            outbox::mark_skipped(db, &row, &reason).await?;
            Ok(Outcome::Skipped)
        }
    }
}

/// Delivers every message due at `now` (bounded per pass, so a huge backlog is worked
/// through in several passes rather than one endless one), adding what it does to
/// `report`: what was sent counts even when a later step of the pass fails.
pub async fn run_once(
    db: &Db,
    outlets: Outlets<'_>,
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
    let channels = Channels {
        email: channel::Email {
            mailer: outlets.mailer.clone(),
            from,
        },
        hooks: channel::Webhook {
            poster: outlets.hooks.clone(),
        },
        io: io_app::Io(outlets.io.cloned()),
    };
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
            let (db, channels) = (db.clone(), channels.clone());
            tasks.spawn(async move { deliver(&db, &channels, row, base, now).await });
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
                Ok(Outcome::Skipped) => report.skipped += 1,
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
