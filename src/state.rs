//! The state every handler can reach.

use std::sync::Arc;

use crate::{
    clock::Clock,
    config::Config,
    email::Mailer,
    service::{db::Db, staff::login_guard::LoginGuard},
};

/// Shared, cheaply clonable application state.
#[derive(Clone, Debug)]
pub struct AppState {
    /// Database pool (and SQLite write gate).
    pub db: Db,
    /// Configuration, read once at start-up.
    pub config: Arc<Config>,
    /// The one clock.
    pub clock: Clock,
    /// Where the outbox sender delivers.
    pub mailer: Mailer,
    /// Where it posts webhook deliveries.
    pub hooks: crate::service::webhooks::send::Poster,
    /// The IO app's client, when it is configured.
    pub io: Option<crate::service::io_app::IoClient>,
    /// Failed logins per email (API tokens and the login page share it).
    pub logins: LoginGuard,
    /// What `/metrics` reports.
    pub metrics: Arc<crate::metrics::Metrics>,
    /// The OpenID providers (SPID, CIE, the city's directory).
    pub oidc: Arc<crate::infra::oidc::Oidc>,
    /// The queue's calls and changes for the displays and phones connected here.
    pub feed: Arc<crate::service::queue::feed::Feed>,
}
