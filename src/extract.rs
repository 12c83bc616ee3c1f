//! Request extractors whose failures are problem+json like every other error.

use axum::{
    extract::{FromRequest, FromRequestParts, Request, rejection::JsonRejection},
    http::{header, request::Parts},
};
use serde::de::DeserializeOwned;

use crate::{
    error::{AppError, AppResult},
    routes::problem::HttpError,
    service::{actor::Actor, staff::auth},
    state::AppState,
};

/// `Json<T>` whose rejections are problem documents: a syntax error is 400, a body of the
/// wrong shape 422 (with the serde message), a missing JSON content type 415.
pub struct AppJson<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for AppJson<T> {
    type Rejection = HttpError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        match axum::Json::<T>::from_request(req, state).await {
            Ok(axum::Json(v)) => Ok(Self(v)),
            Err(JsonRejection::JsonDataError(e)) => {
                Err(AppError::invalid("body", e.body_text()).into())
            }
            Err(JsonRejection::MissingJsonContentType(_)) => Err(HttpError::UnsupportedMediaType),
            Err(e) if e.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE => {
                Err(HttpError::PayloadTooLarge)
            }
            Err(e) => Err(HttpError::bad_request(e.body_text())),
        }
    }
}

/// `Query<T>` whose rejection (a number that is not one, say) is a 422 problem document
/// rather than axum's plain-text 400.
pub struct AppQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for AppQuery<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|q| Self(q.0))
            .map_err(|e| AppError::invalid("query", e.body_text()))
    }
}

/// Parses an already-read JSON value into `T`, with the same 422 as [`AppJson`].
pub fn from_value<T: DeserializeOwned>(value: serde_json::Value) -> Result<T, AppError> {
    serde_json::from_value(value).map_err(|e| AppError::invalid("body", e.to_string()))
}

/// The name of the web session cookie (its value is a token like a bearer token).
pub const SESSION_COOKIE: &str = "sportello_session";
/// A citizen logged in with SPID, CIE or another citizens' provider.
pub const CITIZEN_COOKIE: &str = "sportello_citizen";
/// The `state` of a login under way at an OpenID provider, for its callback to match.
pub const OIDC_STATE_COOKIE: &str = "sportello_oidc";

/// The cookie of a browser that logged in successfully before (`auth::issue_token`).
pub const DEVICE_COOKIE: &str = "sportello_device";

/// Gives the browser its device cookie: `HttpOnly`, for [`auth::DEVICE_DAYS`] days,
/// sent only to the login paths (`Secure` is added under HTTPS by the security layer).
pub fn set_device_cookie(resp: &mut axum::response::Response, value: &str) {
    for path in ["/login", "/api/v1/auth/tokens"] {
        if let Ok(v) = axum::http::HeaderValue::from_str(&format!(
            "{DEVICE_COOKIE}={value}; Path={path}; HttpOnly; SameSite=Strict; Max-Age={}",
            auth::DEVICE_DAYS * 86_400
        )) {
            resp.headers_mut().append(header::SET_COOKIE, v);
        }
    }
}

/// The bearer token of a request, if it has an `Authorization: Bearer` header.
pub fn bearer(parts: &Parts) -> Option<&str> {
    parts
        .headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| {
            v.strip_prefix("Bearer ")
                .or_else(|| v.strip_prefix("bearer "))
        })
}

/// Whoever may read `/metrics`: anyone, or with `SPORTELLO_METRICS_TOKEN` set only
/// `Authorization: Bearer <token>` (compared in constant time).
pub struct Scraper;

impl FromRequestParts<AppState> for Scraper {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        match &state.config.http.metrics_token {
            Some(expected) => {
                let given = bearer(parts).unwrap_or_default().trim();
                crate::infra::secrets::constant_time_eq(expected, given)
                    .then_some(Scraper)
                    .ok_or(AppError::Unauthorized)
            }
            None => Ok(Scraper),
        }
    }
}

/// An API caller: a bearer token, or the web session cookie of a logged-in clerk (the
/// scan and occupancy pages call the API from the browser). With the cookie, a request
/// that changes state must also carry the session's CSRF token in `X-CSRF-Token`: the
/// browser sends the cookie with requests other sites trigger, never that header.
impl FromRequestParts<AppState> for Actor {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let now = state.clock.now();
        if let Some(token) = bearer(parts) {
            return auth::authenticate(&state.db, token, now).await;
        }
        let session = crate::web::cookie(&parts.headers, SESSION_COOKIE)
            .filter(|s| !s.is_empty())
            .ok_or(AppError::Unauthorized)?;
        let actor = auth::authenticate(&state.db, &session, now).await?;
        if !parts.method.is_safe() {
            let sent = parts
                .headers
                .get("x-csrf-token")
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default();
            if !crate::infra::secrets::constant_time_eq(sent, &auth::csrf_for_session(&session)) {
                return Err(AppError::Forbidden(
                    "A request with the session cookie needs the X-CSRF-Token header of the session.".into(),
                ));
            }
        }
        Ok(actor)
    }
}

/// `Path<T>` whose rejections (for example invalid percent-encoding) are problem
/// documents (400) like every other error.
pub struct AppPath<T>(pub T);

impl<T, S> FromRequestParts<S> for AppPath<T>
where
    T: DeserializeOwned + Send,
    S: Send + Sync,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(v)) => Ok(Self(v)),
            Err(e) => Err(AppError::BadRequest(e.body_text())),
        }
    }
}

/// The address a client is counted by: the peer, or for requests from the trusted proxy
/// the last `X-Forwarded-For` entry (the one the proxy added; earlier entries come from
/// the client and could be forged). An IPv6 client counts by its /64: one household or
/// phone gets a whole /64 and can pick any address in it, so counting single addresses
/// would give it billions of budgets.
pub fn client_addr(
    headers: &axum::http::HeaderMap,
    peer: std::net::IpAddr,
    trusted_proxy: Option<std::net::IpAddr>,
) -> std::net::IpAddr {
    // `::ffff:127.0.0.1` (a dual-stack listener) is the proxy at 127.0.0.1 too.
    let peer = peer.to_canonical();
    let addr = if Some(peer) == trusted_proxy.map(|p| p.to_canonical()) {
        // The last header line, last entry: what the proxy itself added.
        headers
            .get_all("x-forwarded-for")
            .iter()
            .next_back()
            .and_then(|v| std::str::from_utf8(v.as_bytes()).ok())
            .and_then(|v| v.rsplit(',').next())
            .and_then(|v| v.trim().parse::<std::net::IpAddr>().ok())
            .map_or(peer, |ip| ip.to_canonical())
    } else {
        peer
    };
    match addr {
        std::net::IpAddr::V6(v6) => {
            let bits = u128::from(v6) & !((1u128 << 64) - 1);
            std::net::IpAddr::V6(bits.into())
        }
        v4 => v4,
    }
}

/// The client address of a request ([`client_addr`]), for limits kept by services.
#[derive(Debug, Clone, Copy)]
pub struct Client(pub std::net::IpAddr);

impl FromRequestParts<AppState> for Client {
    type Rejection = AppError;

    async fn from_request_parts(
        parts: &mut Parts,
        state: &AppState,
    ) -> Result<Self, Self::Rejection> {
        let peer = parts
            .extensions
            .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
            .map(|c| c.0.ip())
            .ok_or_else(|| AppError::Internal(anyhow::anyhow!("no peer address")))?;
        Ok(Self(client_addr(
            &parts.headers,
            peer,
            state.config.http.trusted_proxy,
        )))
    }
}

/// Ids in paths (the API's and the pages'): anything that is not a positive integer names nothing (404).
pub fn parse_id(raw: &str) -> AppResult<i32> {
    raw.parse::<i32>()
        .ok()
        .filter(|id| *id > 0)
        .ok_or_else(|| AppError::not_found("There is nothing with this id."))
}

#[cfg(test)]
mod tests {
    use super::client_addr;

    #[test]
    fn ipv6_clients_count_by_their_64_and_the_proxy_entry_is_the_last() {
        let none = axum::http::HeaderMap::new();
        let a = client_addr(&none, "2001:db8:1:2:aaaa::1".parse().unwrap(), None);
        let b = client_addr(&none, "2001:db8:1:2:ffff::9".parse().unwrap(), None);
        let c = client_addr(&none, "2001:db8:1:3::1".parse().unwrap(), None);
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_eq!(a.to_string(), "2001:db8:1:2::");
        let v4 = client_addr(&none, "192.0.2.7".parse().unwrap(), None);
        assert_eq!(v4.to_string(), "192.0.2.7");
        let mut h = axum::http::HeaderMap::new();
        h.insert(
            "x-forwarded-for",
            "203.0.113.9, 2001:db8::5".parse().unwrap(),
        );
        let proxy = Some("127.0.0.1".parse().unwrap());
        let behind = client_addr(&h, "::ffff:127.0.0.1".parse().unwrap(), proxy);
        assert_eq!(behind.to_string(), "2001:db8::");
        let direct = client_addr(&h, "198.51.100.1".parse().unwrap(), proxy);
        assert_eq!(direct.to_string(), "198.51.100.1");
    }
}
