//! CPU work that must yield to requests: one thread at the lowest scheduling priority
//! (nice 19 on Linux), fed through a channel.
//!
//! # Why
//!
//! Building a confirmation (its QR code with all eight masks scored, the PNG, the MIME
//! tree) costs a few milliseconds of CPU. On the tokio workers, or on the blocking pool
//! at normal priority, sixteen of them in flight take the office's two cores as their
//! fair share and a citizen's list waits behind them: the demo's one-client list went
//! from 5.8 ms p99 to 29 ms while confirmations went out (BENCHMARKS.md). At nice 19 the
//! thread's weight is about 1/70 of a normal one's: on a busy box it gets a sliver of the
//! cores and requests get the rest; on an idle box it gets a whole core. One thread, so
//! a bulk of messages is built at one core's speed (a few hundred a second), which the
//! sender's pace never needed more than.

use std::sync::{OnceLock, mpsc};

type Job = Box<dyn FnOnce() + Send + 'static>;

/// Why the idle thread gave no result.
#[derive(Debug, thiserror::Error)]
pub enum IdleError {
    /// The work panicked: doing it again would panic again.
    #[error("the work panicked: {0}")]
    Panicked(String),
    /// The work never ran or was dropped (the process is stopping): it may be tried again.
    #[error("the idle worker stopped before finishing the work")]
    Stopped,
}

/// Runs `work` on the idle thread and waits for it without blocking the runtime.
/// Falls back to tokio's blocking pool if the thread could not be started.
pub async fn run<T, F>(work: F) -> Result<T, IdleError>
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    let (tx, rx) = tokio::sync::oneshot::channel();
    let job: Job = Box::new(move || {
        // A panicking job must not take the thread (and all later mail) with it.
        let done = std::panic::catch_unwind(std::panic::AssertUnwindSafe(work)).map_err(|p| {
            let why = p
                .downcast_ref::<&str>()
                .map(|s| (*s).to_string())
                .or_else(|| p.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            IdleError::Panicked(why)
        });
        // The receiver is gone only when the caller was dropped; nothing to tell then.
        let _ = tx.send(done);
    });
    match queue() {
        Some(q) => match q.send(job) {
            Ok(()) => {}
            Err(mpsc::SendError(job)) => drop(tokio::task::spawn_blocking(job)),
        },
        None => drop(tokio::task::spawn_blocking(job)),
    }
    rx.await.map_err(|_| IdleError::Stopped)?
}

/// The idle thread's queue, started on first use; `None` if the thread cannot be made.
fn queue() -> Option<&'static mpsc::Sender<Job>> {
    static QUEUE: OnceLock<Option<mpsc::Sender<Job>>> = OnceLock::new();
    QUEUE
        .get_or_init(|| {
            let (tx, rx) = mpsc::channel::<Job>();
            std::thread::Builder::new()
                .name("sportello-idle".into())
                .spawn(move || {
                    lower_priority();
                    for job in rx {
                        job();
                    }
                })
                .map_err(|e| tracing::warn!(error = %e, "cannot start the idle worker"))
                .ok()
                .map(|_| tx)
        })
        .as_ref()
}

/// Nice 19 for the calling thread (on Linux the nice value is per thread): the idle
/// thread, and the outbox sender's (`jobs::outbox`). Lowering needs no privilege;
/// failing only costs the priority, so it is logged, not fatal.
pub(crate) fn lower_priority() {
    #[cfg(target_os = "linux")]
    if let Err(e) = rustix::process::setpriority_process(None, 19) {
        tracing::warn!(error = %e, "cannot lower this thread's priority");
    }
}

/// The nice value of the idle thread.
#[cfg(test)]
async fn niceness() -> anyhow::Result<i32> {
    run(|| -> anyhow::Result<i32> {
        #[cfg(target_os = "linux")]
        {
            rustix::process::getpriority_process(None).map_err(anyhow::Error::from)
        }
        #[cfg(not(target_os = "linux"))]
        {
            Ok(0)
        }
    })
    .await?
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn work_runs_on_a_thread_at_the_lowest_priority() -> anyhow::Result<()> {
        let name = run(|| std::thread::current().name().map(str::to_owned)).await?;
        assert_eq!(name.as_deref(), Some("sportello-idle"));
        #[cfg(target_os = "linux")]
        assert_eq!(niceness().await?, 19);
        Ok(())
    }

    #[tokio::test]
    async fn a_panicking_job_is_an_error_and_the_thread_lives_on() -> anyhow::Result<()> {
        let failed = run(|| -> u8 { panic!("boom") }).await;
        assert!(
            matches!(&failed, Err(IdleError::Panicked(why)) if why == "boom"),
            "{failed:?}"
        );
        assert_eq!(run(|| 7).await?, 7);
        Ok(())
    }
}
