//! The scheduled no-show sweep (see [`crate::service::noshow`]).

use chrono::{DateTime, Utc};

use crate::{
    error::AppResult,
    service::noshow::{self, Sweep},
    state::AppState,
};

/// One sweep at `now`, then the reconfirmation step (requests and releases), which runs
/// on the same schedule.
pub async fn run_once(state: &AppState, now: DateTime<Utc>) -> AppResult<Sweep> {
    let reconfirmation = crate::service::reconfirm::run_once(&state.db, &state.config, now).await?;
    if reconfirmation != Default::default() {
        tracing::info!(?reconfirmation, "reconfirmation");
    }
    let sweep =
        noshow::release_no_shows(&state.db, &state.config.http.base_url, now, false).await?;
    if !sweep.references.is_empty() {
        tracing::info!(released = sweep.references.len(), "released no-shows");
    }
    Ok(sweep)
}
