//! Every process hears what another made it forget (issue 20, point 1): on PostgreSQL a
//! connection of its own `LISTEN`s on `token_cache::CHANNEL`, and each notice (a token
//! revoked, an account disabled) empties this process's entries at once, so the next
//! request anywhere asks the database. When the connection drops, notices may have been
//! missed meanwhile, so the process forgets every token and listens again. Runs in every
//! process, web or jobs. Nothing on SQLite, which has one process.

use std::time::Duration;

use sea_orm::DatabaseBackend;
use sea_orm::sqlx::postgres::PgListener;
use tokio::sync::watch;

use crate::service::{
    db::Db,
    token_cache::{CHANNEL, Forget},
};

/// Starts the listener; it ends when `stopped` turns true. `None` on SQLite.
pub fn spawn(db: Db, stopped: watch::Receiver<bool>) -> Option<tokio::task::JoinHandle<()>> {
    (db.backend() == DatabaseBackend::Postgres).then(|| tokio::spawn(listen(db, stopped)))
}

async fn listen(db: Db, mut stopped: watch::Receiver<bool>) {
    let pool = db.conn.get_postgres_connection_pool().clone();
    loop {
        let mut listener = match PgListener::connect_with(&pool).await {
            Ok(l) => l,
            Err(e) => {
                tracing::warn!(error = %e, "cannot listen for revoked tokens; retrying");
                db.auth.forget_all();
                if wait_or_stop(&mut stopped, Duration::from_secs(1)).await {
                    return;
                }
                continue;
            }
        };
        if let Err(e) = listener.listen(CHANNEL).await {
            tracing::warn!(error = %e, "cannot listen for revoked tokens; retrying");
            if wait_or_stop(&mut stopped, Duration::from_secs(1)).await {
                return;
            }
            continue;
        }
        // Anything cached before the listener was in place may have missed a notice.
        db.auth.forget_all();
        loop {
            tokio::select! {
                _ = stopped.changed() => return,
                received = listener.try_recv() => match received {
                    Ok(Some(notification)) => match Forget::parse(notification.payload()) {
                        Some(notice) => db.auth.apply(&notice),
                        None => tracing::warn!("an unreadable notice on {CHANNEL}"),
                    },
                    // The connection dropped (the next call reconnects and listens again).
                    Ok(None) => db.auth.forget_all(),
                    Err(e) => {
                        tracing::warn!(error = %e, "the revoked-token listener failed; listening again");
                        db.auth.forget_all();
                        break;
                    }
                },
            }
        }
        if wait_or_stop(&mut stopped, Duration::from_secs(1)).await {
            return;
        }
    }
}

/// Waits `pause`; `true` if the process is stopping.
async fn wait_or_stop(stopped: &mut watch::Receiver<bool>, pause: Duration) -> bool {
    tokio::select! {
        _ = stopped.changed() => true,
        () = tokio::time::sleep(pause) => *stopped.borrow(),
    }
}
