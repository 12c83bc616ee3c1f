//! Per-client rate limits, shared by the API's and the pages' routers: a burst, then a
//! steady rate per client address (behind the trusted proxy, the address it reports).
//! One process counts in memory (`tower_governor`); on PostgreSQL every process counts
//! in the same rows ([`crate::infra::pace::SharedPace`], issue 20), so three processes
//! behind a balancer allow a client what one would.

use std::sync::Arc;

use axum::{
    Router,
    extract::Request,
    http::{HeaderValue, header},
    middleware::Next,
    response::{IntoResponse, Response},
};
use tower_governor::{
    GovernorError, GovernorLayer, governor::GovernorConfigBuilder, key_extractor::KeyExtractor,
};

use crate::{error::AppError, infra::pace::SharedPace, service::db::Db, state::AppState};

/// Which rate limits apply, and how a client is told apart.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Rate limits on (`SPORTELLO_RATE_LIMIT`).
    pub on: bool,
    /// The reverse proxy's address (`SPORTELLO_TRUSTED_PROXY`): requests from it are
    /// told apart by the address it appends to `X-Forwarded-For`.
    pub trusted_proxy: Option<std::net::IpAddr>,
    /// The database the limits are counted in, when it is PostgreSQL and so may be shared
    /// by several processes; on SQLite they stay in memory.
    pub shared: Option<Db>,
}

/// The client address a limit counts against ([`crate::extract::client_addr`]: the
/// proxy's last `X-Forwarded-For` entry behind the trusted proxy, IPv6 by /64). Behind a
/// proxy without it, every citizen would share the proxy's one budget.
#[derive(Debug, Clone, Copy)]
pub struct ClientIp {
    trusted_proxy: Option<std::net::IpAddr>,
}

impl KeyExtractor for ClientIp {
    type Key = std::net::IpAddr;

    fn extract<T>(&self, req: &axum::http::Request<T>) -> Result<Self::Key, GovernorError> {
        let peer = req
            .extensions()
            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
            .map(|c| c.0.ip())
            .ok_or(GovernorError::UnableToExtractKey)?;
        Ok(crate::extract::client_addr(
            req.headers(),
            peer,
            self.trusted_proxy,
        ))
    }
}

/// Per-client (peer IP) limits on the public writes and on login: a burst, then a steady
/// rate. Generous for people (a family booking for several members, a clerk at a shared
/// desk), tight enough to stop a script from draining a day's slots or guessing
/// passwords. Off with `SPORTELLO_RATE_LIMIT=off` for load tests on loopback.
///
/// `scope` names the limit where it is shared, so each router keeps its own budget.
pub fn rate_limited(
    router: Router<AppState>,
    limits: &Limits,
    scope: &'static str,
    burst: u32,
    every_ms: u64,
) -> Router<AppState> {
    rate_limited_with(router, limits, scope, burst, every_ms, || {
        AppError::TooManyRequests.into_response()
    })
}

/// [`rate_limited`] with the 429 response drawn by `render` (pages draw an HTML page).
pub fn rate_limited_with(
    router: Router<AppState>,
    limits: &Limits,
    scope: &'static str,
    burst: u32,
    every_ms: u64,
    render: fn() -> axum::response::Response,
) -> Router<AppState> {
    if !limits.on {
        return router;
    }
    if let Some(pace) = limits
        .shared
        .as_ref()
        .and_then(|db| SharedPace::on(&db.conn, scope, burst, every_ms))
    {
        let trusted_proxy = limits.trusted_proxy;
        return router.layer(axum::middleware::from_fn(
            move |req: Request, next: Next| {
                let pace = pace.clone();
                async move { on_pace(&pace, trusted_proxy, render, req, next).await }
            },
        ));
    }
    let Some(config) = GovernorConfigBuilder::default()
        .key_extractor(ClientIp {
            trusted_proxy: limits.trusted_proxy,
        })
        .per_millisecond(every_ms)
        .burst_size(burst)
        .finish()
    else {
        return router;
    };
    let config = Arc::new(config);
    let limiter = config.limiter().clone();
    // The limiter keeps a state per client; forget idle ones so memory stays bounded.
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(std::time::Duration::from_secs(60)).await;
            limiter.retain_recent();
        }
    });
    router.layer(GovernorLayer::new(config).error_handler(move |e| {
        let retry = match &e {
            GovernorError::TooManyRequests { wait_time, .. } => Some(*wait_time),
            _ => None,
        };
        refused(render, retry)
    }))
}

/// The 429 `render` draws, with `Retry-After` when the wait is known.
fn refused(render: fn() -> Response, retry_secs: Option<u64>) -> Response {
    let mut resp = render();
    if let Some(secs) = retry_secs.and_then(|s| HeaderValue::from_str(&s.max(1).to_string()).ok()) {
        resp.headers_mut().insert(header::RETRY_AFTER, secs);
    }
    resp
}

/// The shared limit in front of a request: on pace, it goes on; otherwise a 429 with the
/// wait. If the database cannot count, the request goes on (and meets the same database
/// at once): a limit must not turn a database hiccup into refusals of its own.
async fn on_pace(
    pace: &SharedPace,
    trusted_proxy: Option<std::net::IpAddr>,
    render: fn() -> Response,
    req: Request,
    next: Next,
) -> Response {
    let key = match (ClientIp { trusted_proxy }).extract(&req) {
        Ok(ip) => ip.to_string(),
        // As the in-memory limit does: a request with no peer address is not counted in.
        Err(_) => return refused(render, None),
    };
    match pace.take(&key).await {
        Ok(Ok(())) => next.run(req).await,
        Ok(Err(wait)) => refused(render, Some(wait)),
        Err(e) => {
            tracing::warn!(error = %e, "the shared rate limit could not count a request");
            next.run(req).await
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn key(trusted: Option<&str>, peer: &str, forwarded: &[&str]) -> String {
        let mut req = axum::http::Request::new(());
        req.extensions_mut().insert(axum::extract::ConnectInfo(
            peer.parse::<std::net::SocketAddr>()
                .unwrap_or_else(|_| ([0, 0, 0, 0], 0).into()),
        ));
        for line in forwarded {
            if let Ok(v) = HeaderValue::from_str(line) {
                req.headers_mut().append("x-forwarded-for", v);
            }
        }
        let extractor = ClientIp {
            trusted_proxy: trusted.and_then(|t| t.parse().ok()),
        };
        extractor
            .extract(&req)
            .map(|ip| ip.to_string())
            .unwrap_or_default()
    }

    #[test]
    fn only_the_trusted_proxys_own_entry_counts() {
        let proxy = Some("127.0.0.1");
        // The entry the proxy appended, not what the client wrote before it.
        assert_eq!(
            key(proxy, "127.0.0.1:5000", &["6.6.6.6, 10.0.0.1"]),
            "10.0.0.1"
        );
        // A proxy adding its own header line after the client's.
        assert_eq!(
            key(proxy, "127.0.0.1:5000", &["6.6.6.6", "10.0.0.2"]),
            "10.0.0.2"
        );
        // A dual-stack listener sees the proxy as ::ffff:127.0.0.1.
        assert_eq!(
            key(proxy, "[::ffff:127.0.0.1]:5000", &["10.0.0.3"]),
            "10.0.0.3"
        );
        // Anyone else's header is ignored; no header or garbage: the peer.
        assert_eq!(key(proxy, "192.0.2.7:5000", &["10.0.0.1"]), "192.0.2.7");
        assert_eq!(key(None, "127.0.0.1:5000", &["10.0.0.1"]), "127.0.0.1");
        assert_eq!(
            key(proxy, "127.0.0.1:5000", &["not an address"]),
            "127.0.0.1"
        );
    }
}
