//! The no-show job: the reconfirmation step, then the sweep, with its duration and
//! releases recorded for `/metrics`.

use chrono::{DateTime, Utc};

use crate::{
    error::AppResult,
    service::visit::noshow::{self, Sweep},
    state::AppState,
};

/// One sweep at `now`, then the reconfirmation step (requests and releases), which runs
/// on the same schedule. Each runs whatever the other's outcome: a failing
/// reconfirmation must not stop no-shows from being released.
pub async fn run_once(state: &AppState, now: DateTime<Utc>) -> AppResult<Sweep> {
    match crate::service::visit::reconfirm::run_once(&state.db, &state.config, now).await {
        Ok(r) if r != Default::default() => tracing::info!(?r, "reconfirmation"),
        Ok(_) => {}
        Err(e) => tracing::error!(error = %e, "reconfirmation step failed"),
    }
    let started = std::time::Instant::now();
    let sweep = noshow::run_once(&state.db, &state.config, now).await?;
    state.metrics.sweep(
        started.elapsed().as_secs_f64(),
        sweep.references.len() as u64,
    );
    if !sweep.references.is_empty() {
        tracing::info!(released = sweep.references.len(), "released no-shows");
    }
    Ok(sweep)
}
