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
        delivery::Outlets {
            mailer: &state.mailer,
            hooks: &state.hooks,
            io: state.io.as_ref(),
        },
        &state.config.mail,
        &state.clock,
        now,
        &mut report,
    )
    .await;
    state.metrics.outbox_sends(&report);
    passed.map(|()| report)
}

/// The sender's own thread and its pool: at most this many connections.
const SENDER_CONNECTIONS: u32 = 2;

/// Runs the sender every second until `stop` turns true, then makes one last pass (the
/// messages queued by the last requests go out) and returns: a graceful shutdown leaves
/// no message claimed by a process that is gone. The returned receiver resolves when it
/// has returned.
///
/// On PostgreSQL it runs on a thread of its own at the lowest priority (nice 19), with a
/// runtime and a small database pool of its own, so that all its work in this process
/// (claims, rows decoded, files, marks) yields the cores to requests: with the sender on
/// the request runtime the demo's one-client slot list had a p99 of 6.2 to 8.0 ms while a
/// storm's confirmations went out, and 3.1 to 4.4 ms on its own thread (0.9 ms with no
/// sender; BENCHMARKS.md, issue 19). The pool is its own because a connection's socket
/// is driven by the runtime that opened it. If the thread cannot be started, the sender
/// runs on the caller's runtime; if its pool cannot be opened, it uses the server's.
pub fn spawn(
    state: AppState,
    stop: tokio::sync::watch::Receiver<bool>,
) -> tokio::sync::oneshot::Receiver<()> {
    let (done, finished) = tokio::sync::oneshot::channel();
    // Not on SQLite: there the sender's claims and marks take the one write gate, and a
    // thread at nice 19 holding it while requests take the cores stalls every booking
    // behind it (the storm fell from about 1,000 to 509 bookings/s, p99 275 ms).
    if state.db.write_gate.is_some() {
        tokio::spawn(on_this_runtime(state, stop, done));
        return finished;
    }
    let (own_state, own_stop) = (state.clone(), stop.clone());
    let (own_done, own_finished) = tokio::sync::oneshot::channel();
    let started = std::thread::Builder::new()
        // Under 16 bytes: Linux keeps a thread's name to 15 characters.
        .name("sportello-mail".into())
        .spawn(move || {
            crate::infra::idle::lower_priority();
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build();
            match runtime {
                Ok(rt) => rt.block_on(async move {
                    let state = own_pool(own_state).await;
                    run(state, own_stop).await;
                }),
                Err(e) => tracing::error!(error = %e, "cannot start the sender's runtime"),
            }
            let _ = own_done.send(());
        });
    match started {
        Ok(_) => own_finished,
        Err(e) => {
            tracing::warn!(error = %e, "cannot start the sender's thread; sending from the request runtime");
            tokio::spawn(on_this_runtime(state, stop, done));
            finished
        }
    }
}

async fn on_this_runtime(
    state: AppState,
    stop: tokio::sync::watch::Receiver<bool>,
    done: tokio::sync::oneshot::Sender<()>,
) {
    run(state, stop).await;
    let _ = done.send(());
}

/// `state` with a pool opened on the current runtime (the gate, caches and limits stay
/// shared), or as it is if that fails.
async fn own_pool(mut state: AppState) -> AppState {
    let mut config = state.config.database.clone();
    config.max_connections = SENDER_CONNECTIONS;
    match crate::infra::database::connect(&config).await {
        Ok(conn) => state.db.conn = conn,
        Err(e) => {
            tracing::warn!(error = %e, "the sender cannot open its own pool; it shares the server's");
        }
    }
    state
}

async fn run(state: AppState, mut stop: tokio::sync::watch::Receiver<bool>) {
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
}
