//! Background jobs: when each runs. Every job is a service's `run_once(…, now)` (the
//! outbox's delivery, reminders, the no-show sweep with reconfirmation, retention), which
//! tests call directly with a set clock; the jobs here add only the schedule, the logs
//! and what `/metrics` counts.

pub mod forget;
pub mod noshow;
pub mod outbox;
pub mod replica;

use crate::state::AppState;

/// Starts the scheduled jobs: the day-before reminders every hour, the no-show sweep on
/// `SPORTELLO_NO_SHOW_CRON` and retention every night. The sweep also runs once now, catching up whatever fell due
/// while no server ran. A bad cron expression stops the start-up with its reason.
pub async fn schedule(state: AppState) -> anyhow::Result<tokio_cron_scheduler::JobScheduler> {
    use anyhow::Context;
    use tokio_cron_scheduler::{Job, JobScheduler};
    if let Err(e) = noshow::run_once(&state, state.clock.now()).await {
        tracing::error!(error = %e, "no-show catch-up at start failed");
    }
    let scheduler = JobScheduler::new().await?;
    let reminders_state = state.clone();
    scheduler
        .add(Job::new_async("0 0 * * * *", move |_id, _lock| {
            let state = reminders_state.clone();
            Box::pin(async move {
                if let Err(e) = crate::service::visit::reminders::run_once(
                    &state.db,
                    &state.config,
                    state.clock.now(),
                )
                .await
                {
                    tracing::error!(error = %e, "reminder job failed");
                }
            })
        })?)
        .await?;
    let cron = state.config.booking.no_show_cron.clone();
    let sweep_state = state.clone();
    let sweep = Job::new_async(cron.as_str(), move |_id, _lock| {
        let state = sweep_state.clone();
        Box::pin(async move {
            if let Err(e) = noshow::run_once(&state, state.clock.now()).await {
                tracing::error!(error = %e, "no-show sweep failed");
            }
        })
    })
    .with_context(|| format!("SPORTELLO_NO_SHOW_CRON {cron:?} is not a valid cron expression (with seconds, e.g. \"0 * * * * *\")"))?;
    scheduler.add(sweep).await?;
    // Retention once a day, at night (UTC); a missed night is caught up the next one.
    let retention_state = state.clone();
    scheduler
        .add(Job::new_async("0 30 2 * * *", move |_id, _lock| {
            let state = retention_state.clone();
            Box::pin(async move {
                let now = state.clock.now();
                match crate::service::retention::run_once(&state.db, &state.config, now).await {
                    Ok(done) => tracing::info!(?done, "retention"),
                    Err(e) => tracing::error!(error = %e, "retention job failed"),
                }
            })
        })?)
        .await?;
    scheduler.start().await?;
    Ok(scheduler)
}
