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

/// Delivers every message due at `now` (bounded per pass, so a huge backlog is worked
/// through in several passes rather than one endless one).
pub async fn run_once(state: &AppState, now: DateTime<Utc>) -> AppResult<SendReport> {
    let from: Mailbox = state
        .config
        .mail
        .from
        .parse()
        .map_err(|e| AppError::Internal(anyhow::anyhow!("SPORTELLO_MAIL_FROM: {e}")))?;
    let base = Duration::seconds(state.config.mail.retry_seconds);
    let mut report = SendReport::default();
    for _ in 0..50 {
        let batch = outbox::claim(&state.db, now, 20).await?;
        if batch.is_empty() {
            break;
        }
        for row in batch {
            let message = match compose::message(&row, &from) {
                Ok(m) => m,
                Err(e) => {
                    outbox::mark_failed(
                        &state.db,
                        row.id,
                        &format!("cannot build the message: {e}"),
                    )
                    .await?;
                    report.failed += 1;
                    continue;
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
                    outbox::mark_sent(&state.db, row.id, now).await?;
                    report.sent += 1;
                }
                Err(e) if e.permanent => {
                    tracing::warn!(id = row.id, kind = %row.kind, "message refused for good");
                    outbox::mark_failed(&state.db, row.id, &e.reason).await?;
                    report.failed += 1;
                }
                Err(e) => {
                    outbox::mark_retry(&state.db, &row, &e.reason, base, now).await?;
                    report.retried += 1;
                }
            }
        }
    }
    Ok(report)
}

/// Runs the sender every second until the process ends.
pub fn spawn(state: AppState) {
    tokio::spawn(async move {
        loop {
            if let Err(e) = run_once(&state, state.clock.now()).await {
                tracing::error!(error = %e, "outbox pass failed");
            }
            tokio::time::sleep(std::time::Duration::from_secs(1)).await;
        }
    });
}
