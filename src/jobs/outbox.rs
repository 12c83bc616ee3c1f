//! The outbox job: [`delivery::run_once`] every second, with its sends counted for
//! `/metrics`.

use chrono::{DateTime, Utc};

use crate::{
    error::AppResult,
    service::delivery::{self, SendReport},
    state::AppState,
};

/// One pass of the sender at `now`, counted in the metrics (also when a later step of
/// the pass failed).
pub async fn run_once(state: &AppState, now: DateTime<Utc>) -> AppResult<SendReport> {
    let mut report = SendReport::default();
    let passed = delivery::run_once(
        &state.db,
        &state.mailer,
        &state.config.mail,
        &state.clock,
        now,
        &mut report,
    )
    .await;
    state.metrics.outbox_sends(&report);
    passed.map(|()| report)
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
