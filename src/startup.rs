//! Building and running the application: database, migrations, demo seed, listener.

use std::{future::Future, net::SocketAddr, sync::Arc};

use anyhow::Context;
use tokio::net::TcpListener;

use crate::{
    clock::Clock,
    config::Config,
    demo,
    email::Mailer,
    jobs, routes,
    service::{db::Db, staff::login_guard::LoginGuard},
    state::AppState,
};

/// A built application, bound to its port but not yet serving.
pub struct Application {
    listener: TcpListener,
    state: AppState,
    demo_accounts: Option<Vec<demo::DemoAccount>>,
}

impl Application {
    /// Connects, migrates, seeds the demo when asked and the database is empty, and binds
    /// the listener (port 0 picks a free port, which tests read back with [`Self::port`]).
    pub async fn build(config: Config, clock: Clock) -> anyhow::Result<Self> {
        crate::web::site::install(&config.institution);
        let db = Db::connect(&config.database).await?;
        db.migrate().await?;
        let demo_accounts = if config.demo {
            demo::seed_demo(&db, clock.now()).await?
        } else {
            None
        };
        if demo_accounts.is_some() {
            tracing::info!("seeded the demo offices");
        }
        let listener = TcpListener::bind(config.http.bind)
            .await
            .with_context(|| format!("cannot listen on {}", config.http.bind))?;
        let mailer = Mailer::new(
            config.mail.smtp_url.as_deref(),
            config.mail.smtp_ca_file.as_deref(),
            config.mail.dir.clone(),
        )?;
        let oidc = Arc::new(crate::infra::oidc::Oidc::new(&config.identity.providers)?);
        let logins = LoginGuard::on(&db.conn);
        let hooks = crate::service::webhooks::send::Poster::new(config.webhooks.allow_private)?;
        let io = crate::service::io_app::IoClient::new(&config.io)?;
        let state = AppState {
            db,
            oidc,
            hooks,
            io,
            config: Arc::new(config),
            clock,
            mailer,
            logins,
            metrics: Arc::default(),
            feed: Arc::default(),
        };
        Ok(Self {
            listener,
            state,
            demo_accounts,
        })
    }

    /// The demo accounts made by this start-up, if it seeded the demo (printed by `serve`
    /// after the `listening on` line, which scripts read first).
    pub fn demo_accounts(&self) -> Option<&[demo::DemoAccount]> {
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
        // In every process: tokens revoked and accounts disabled elsewhere.
        let forgetting = jobs::forget::spawn(self.state.db.clone(), stopped.clone());
        let watching = jobs::replica::spawn(&self.state.db, stopped.clone());
        if self.state.config.mail.sender_enabled {
            sender = Some(jobs::outbox::spawn(self.state.clone(), stopped));
            scheduler = Some(jobs::schedule(self.state.clone()).await?);
        }
        let http = self.state.config.http.clone();
        let app = routes::router(self.state);
        let served = serve(self.listener, app, &http, shutdown).await;
        // In-flight requests are done; the scheduled jobs stop, and the outbox sender
        // finishes the pass it is in (the messages those requests queued included).
        if let Some(mut s) = scheduler {
            let _ = s.shutdown().await;
        }
        // Bounded: with the mail server unreachable a pass can take long; after 15 s the
        // process goes, and the messages it held are claimed again when their lease ends.
        let _ = stop.send(true);
        for job in [forgetting, watching].into_iter().flatten() {
            let _ = tokio::time::timeout(std::time::Duration::from_secs(2), job).await;
        }
        if let Some(sender) = sender {
            let _ = tokio::time::timeout(std::time::Duration::from_secs(15), sender).await;
        }
        served
    }
}

/// Serves HTTP/1.1 until `shutdown`, then waits for the requests in flight.
///
/// Not `axum::serve`: it sets no timer, so a client that opens connections and sends half
/// a header (or nothing) keeps them for ever (security review, finding 6). hyper's own
/// connection builder closes a connection whose request headers have not all arrived
/// within `header_timeout`, idle keep-alive connections included; the router limits the
/// time to read a body. Each request gets the peer address as `ConnectInfo`, which the
/// rate limits read.
async fn serve(
    listener: TcpListener,
    app: axum::Router,
    http: &crate::config::HttpConfig,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    use hyper_util::rt::{TokioIo, TokioTimer};
    use tower::ServiceExt;

    let mut builder = hyper::server::conn::http1::Builder::new();
    builder
        .timer(TokioTimer::new())
        .header_read_timeout(http.header_timeout)
        .keep_alive(true);
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(pair) => pair,
                // Out of file descriptors and the like: wait a moment rather than spin.
                Err(e) => {
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        // Responses go out in pieces (a slot list is the days' shared buffers): with
        // Nagle's algorithm on, the last small piece waits for the client's delayed ACK,
        // 40 ms a list (measured: the demo's one-client list went from 2 to 44 ms p50).
        if let Err(e) = stream.set_nodelay(true) {
            tracing::debug!(error = %e, "cannot set TCP_NODELAY");
        }
        let app = app.clone();
        let service = hyper::service::service_fn(move |mut req: hyper::Request<_>| {
            req.extensions_mut()
                .insert(axum::extract::ConnectInfo::<SocketAddr>(peer));
            app.clone().oneshot(req.map(axum::body::Body::new))
        });
        let conn = builder.serve_connection(TokioIo::new(stream), service);
        let conn = graceful.watch(conn);
        tokio::spawn(async move {
            // A client that goes away or times out is normal traffic, not an error.
            let _ = conn.await;
        });
    }
    drop(listener);
    graceful.shutdown().await;
    Ok(())
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
