//! The outbox sender: claims due messages, delivers them, records the outcome. It never
//! runs inside a request, so a slow or absent mail server never slows a booking.

use chrono::{DateTime, Duration, Utc};
use lettre::message::Mailbox;

use crate::{
    email::compose,
    error::{AppError, AppResult},
    service::outbox,
    state::AppState,
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
    Sent,
    Retried,
    Failed,
}

async fn deliver(
    state: &AppState,
    row: entity::outbox_message::Model,
    from: &Mailbox,
    base: Duration,
    now: DateTime<Utc>,
) -> AppResult<Outcome> {
    let message = match compose::message(&row, from) {
        Ok(m) => m,
        Err(e) => {
            outbox::mark_failed(&state.db, &row, &format!("cannot build the message: {e}")).await?;
            return Ok(Outcome::Failed);
        }
    };
    let stem = format!(
        "{}-{:08}-{}",
        row.created_at.format("%Y%m%dT%H%M%S"),
        row.id,
        row.kind
    );
    match state.mailer.send(&message, &stem).await {
        Ok(()) => {
            outbox::mark_sent(&state.db, &row, now).await?;
            Ok(Outcome::Sent)
        }
        Err(e) if e.permanent => {
            tracing::warn!(id = row.id, kind = %row.kind, "message refused for good");
            outbox::mark_failed(&state.db, &row, &e.reason).await?;
            Ok(Outcome::Failed)
        }
        Err(e) => {
            outbox::mark_retry(&state.db, &row, &e.reason, base, now).await?;
            Ok(Outcome::Retried)
        }
    }
}

/// Delivers every message due at `now` (bounded per pass, so a huge backlog is worked
/// through in several passes rather than one endless one).
pub async fn run_once(state: &AppState, now: DateTime<Utc>) -> AppResult<SendReport> {
    let mut report = SendReport::default();
    let passed = send_pass(state, now, &mut report).await;
    // What was sent counts even when a later step of the pass failed.
    state.metrics.outbox_sends(&report);
    passed.map(|()| report)
}

/// The pass of [`run_once`], adding what it does to `report`.
async fn send_pass(state: &AppState, now: DateTime<Utc>, report: &mut SendReport) -> AppResult<()> {
    let from: Mailbox = state
        .config
        .mail
        .from
        .parse()
        .map_err(|e| AppError::Internal(anyhow::anyhow!("SPORTELLO_MAIL_FROM: {e}")))?;
    let base = Duration::seconds(state.config.mail.retry_seconds);
    for _ in 0..200 {
        // The clock is read again for every batch: a long pass must not claim with a
        // lease that has already run out.
        let now = now.max(state.clock.now());
        let batch = outbox::claim(&state.db, now, PARALLEL as u64).await?;
        if batch.is_empty() {
            break;
        }
        let mut tasks = tokio::task::JoinSet::new();
        for row in batch {
            let (state, from) = (state.clone(), from.clone());
            tasks.spawn(async move { deliver(&state, row, &from, base, now).await });
        }
        // Every send in flight is awaited, even after an error: dropping the set would
        // abort sends the mail server may already have accepted.
        let mut first_error = None;
        while let Some(done) = tasks.join_next().await {
            match done
                .map_err(|e| AppError::Internal(e.into()))
                .and_then(|r| r)
            {
                Ok(Outcome::Sent) => report.sent += 1,
                Ok(Outcome::Retried) => report.retried += 1,
                Ok(Outcome::Failed) => report.failed += 1,
                Err(e) => {
                    tracing::error!(error = %e, "recording a delivery failed");
                    first_error.get_or_insert(e);
                }
            }
        }
        if let Some(e) = first_error {
            return Err(e);
        }
    }
    Ok(())
}

/// Runs the sender every second until `stop` turns true, then makes one last pass (the
/// messages queued by the last requests go out) and returns: a graceful shutdown leaves
/// no message claimed by a process that is gone.
pub fn spawn(
    state: AppState,
    mut stop: tokio::sync::watch::Receiver<bool>,
) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            if let Err(e) = run_once(&state, state.clock.now()).await {
                tracing::error!(error = %e, "outbox pass failed");
            }
            if *stop.borrow() {
                break;
            }
            tokio::select! {
                () = tokio::time::sleep(std::time::Duration::from_secs(1)) => {}
                // Woken by the stop: one more pass, then out (checked above). A sender
                // gone without a word is a stop too (no spinning without a pause).
                changed = stop.changed() => {
                    if changed.is_err() {
                        break;
                    }
                }
            }
        }
    })
}
