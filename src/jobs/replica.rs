//! Watches the read replica (`SPORTELLO_DATABASE_READ_URL`): every two seconds a ping with
//! a one-second limit, and [`crate::service::db::Db::reads`] follows the answer. A replica
//! that stops answering sends the reads that may lag to the primary within about three
//! seconds, and back when it answers again; each change is logged once. Nothing without a
//! replica.

use std::{sync::atomic::Ordering, time::Duration};

use tokio::sync::watch;

use crate::service::db::Db;

/// Starts the watch; it ends when `stopped` turns true. `None` without a replica.
pub fn spawn(db: &Db, stopped: watch::Receiver<bool>) -> Option<tokio::task::JoinHandle<()>> {
    let (replica, up) = db.replica.clone()?;
    Some(tokio::spawn(async move {
        let mut stopped = stopped;
        loop {
            let answers = tokio::time::timeout(Duration::from_secs(1), replica.ping())
                .await
                .is_ok_and(|r| r.is_ok());
            if up.swap(answers, Ordering::Relaxed) != answers {
                if answers {
                    tracing::info!("the read replica answers again; lists read from it");
                } else {
                    tracing::warn!("the read replica does not answer; lists read from the primary");
                }
            }
            tokio::select! {
                _ = stopped.changed() => return,
                () = tokio::time::sleep(Duration::from_secs(2)) => if *stopped.borrow() { return },
            }
        }
    }))
}
