//! Building and running the application: database, migrations, demo seed, listener.

use std::{future::Future, net::SocketAddr, sync::Arc};

use anyhow::Context;
use tokio::net::TcpListener;

use crate::{
    clock::Clock,
    config::Config,
    email::Mailer,
    jobs, routes,
    service::{auth::LoginGuard, db::Db, seed},
    state::AppState,
};

/// A built application, bound to its port but not yet serving.
pub struct Application {
    listener: TcpListener,
    state: AppState,
    demo_accounts: Option<Vec<seed::DemoAccount>>,
}

impl Application {
    /// Connects, migrates, seeds the demo when asked and the database is empty, and binds
    /// the listener (port 0 picks a free port, which tests read back with [`Self::port`]).
    pub async fn build(config: Config, clock: Clock) -> anyhow::Result<Self> {
        let db = Db::connect(&config.database).await?;
        db.migrate().await?;
        let demo_accounts = if config.demo {
            seed::seed_demo(&db, clock.now()).await?
        } else {
            None
        };
        if demo_accounts.is_some() {
            tracing::info!("seeded the demo offices");
        }
        let listener = TcpListener::bind(config.http.bind)
            .await
            .with_context(|| format!("cannot listen on {}", config.http.bind))?;
        let mailer = Mailer::new(config.mail.smtp_url.as_deref(), config.mail.dir.clone())?;
        let state = AppState {
            db,
            config: Arc::new(config),
            clock,
            mailer,
            logins: LoginGuard::default(),
            metrics: Arc::default(),
        };
        Ok(Self {
            listener,
            state,
            demo_accounts,
        })
    }

    /// The demo accounts made by this start-up, if it seeded the demo (printed by `serve`
    /// after the `listening on` line, which scripts read first).
    pub fn demo_accounts(&self) -> Option<&[seed::DemoAccount]> {
        self.demo_accounts.as_deref()
    }

    /// The bound port.
    pub fn port(&self) -> u16 {
        self.listener.local_addr().map(|a| a.port()).unwrap_or(0)
    }

    /// The state handlers see (tests use its database and clock).
    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serves until `shutdown` completes, then finishes in-flight requests.
    pub async fn run_until_stopped(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        // Kept alive until the server stops.
        let mut scheduler = None;
        let (stop, stopped) = tokio::sync::watch::channel(false);
        let mut sender = None;
        if self.state.config.mail.sender_enabled {
            sender = Some(jobs::outbox::spawn(self.state.clone(), stopped));
            scheduler = Some(jobs::schedule(self.state.clone()).await?);
        }
        let app = routes::router(self.state);
        let served = axum::serve(
            self.listener,
            app.into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown)
        .await
        .context("server error");
        // In-flight requests are done; the scheduled jobs stop, and the outbox sender
        // finishes the pass it is in (the messages those requests queued included).
        if let Some(mut s) = scheduler {
            let _ = s.shutdown().await;
        }
        // Bounded: with the mail server unreachable a pass can take long; after 15 s the
        // process goes, and the messages it held are claimed again when their lease ends.
        let _ = stop.send(true);
        if let Some(sender) = sender {
            let _ = tokio::time::timeout(std::time::Duration::from_secs(15), sender).await;
        }
        served
    }
}

/// Completes on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
}
