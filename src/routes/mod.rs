//! HTTP routes: the JSON API under `/api/v1`, its OpenAPI document and reference page,
//! the operational endpoints, and the citizen and staff pages.

pub mod api;
pub mod assets;
pub mod citizen;
pub mod feeds;
pub mod health;
pub mod limits;
pub mod problem;
pub mod screens;
pub mod shared;
pub mod staff;

use axum::{
    Router,
    extract::{DefaultBodyLimit, MatchedPath, Request, State},
    http::{HeaderName, HeaderValue, header},
    middleware::{self, Next},
    response::{IntoResponse, Response},
};
use tower_http::{
    request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer},
    trace::{DefaultOnResponse, TraceLayer},
};

use crate::{error::AppError, state::AppState};

/// Counts and times each request under its matched route. A layer over the routes and
/// the fallbacks, so requests that match no route count too, all under one "unmatched"
/// label (a scanner probing a thousand paths must not make a thousand series).
async fn track(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let route = req
        .extensions()
        .get::<MatchedPath>()
        .map_or_else(|| "unmatched".to_string(), |m| m.as_str().to_string());
    // Any token is a method to HTTP: the standard ones are labels, the rest one "other".
    let method = match req.method().as_str() {
        m @ ("GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE" | "OPTIONS") => m.to_string(),
        _ => "other".to_string(),
    };
    let started = std::time::Instant::now();
    let resp = next.run(req).await;
    state.metrics.request(
        &route,
        &method,
        resp.status().as_u16(),
        started.elapsed().as_secs_f64(),
    );
    resp
}

/// The largest request body taken: every form and JSON body of the API fits in far less
/// (the biggest, "notify" with 20,000 references, is about 250 KiB).
pub const BODY_LIMIT: usize = 512 * 1024;

/// The pages' policy: only this site's own scripts, styles and frames, no inline script
/// or style, no framing by others (clickjacking), forms posting only here.
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
/// The API reference page's viewer injects its own styles.
const CSP_DOCS: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
                        img-src 'self' data: blob:; font-src 'self' data:; object-src 'none'; \
                        base-uri 'none'; frame-ancestors 'none'";

/// Security headers on every response; HSTS when the public address is HTTPS (the
/// reverse proxy terminates TLS; browsers ignore HSTS over plain HTTP anyway).
async fn security_headers(State(state): State<AppState>, req: Request, next: Next) -> Response {
    let docs = req.uri().path().starts_with("/api/docs");
    let mut resp = next.run(req).await;
    let h = resp.headers_mut();
    let csp = if docs { CSP_DOCS } else { CSP };
    for (name, value) in [
        (header::CONTENT_SECURITY_POLICY, csp),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "no-referrer"),
        (
            HeaderName::from_static("permissions-policy"),
            "camera=(self), microphone=(), geolocation=()",
        ),
        (
            HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ),
    ] {
        h.entry(name).or_insert(HeaderValue::from_static(value));
    }
    // Pages and API answers carry manage tokens, QR codes and citizens' details: no
    // browser or proxy cache may keep them (security review, finding 8). Static files
    // set their own, longer, policy.
    h.entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-store"));
    if state.config.http.base_url.starts_with("https://") {
        h.insert(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static("max-age=31536000; includeSubDomains"),
        );
        secure_cookies(h);
    }
    resp
}

/// Marks every cookie `Secure` when the public address is HTTPS, here rather than where
/// each cookie is made (session, CSRF, language), so that no future cookie can forget.
fn secure_cookies(h: &mut axum::http::HeaderMap) {
    let cookies: Vec<HeaderValue> = h
        .get_all(header::SET_COOKIE)
        .iter()
        .map(|v| match v.to_str() {
            Ok(text) if !text.contains("; Secure") => {
                HeaderValue::from_str(&format!("{text}; Secure")).unwrap_or_else(|_| v.clone())
            }
            _ => v.clone(),
        })
        .collect();
    if cookies.is_empty() {
        return;
    }
    h.remove(header::SET_COOKIE);
    for cookie in cookies {
        h.append(header::SET_COOKIE, cookie);
    }
}

/// An unknown address: problem+json for the API and for clients that ask for JSON, a page
/// in the reader's language for a browser (a mistyped or outdated link is a dead end
/// otherwise).
async fn nothing_here(req: Request) -> Response {
    let error = AppError::not_found("There is nothing at this address.");
    let wants_html = req
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.contains("text/html"));
    if !wants_html || req.uri().path().starts_with("/api/") {
        return error.into_response();
    }
    let lang_param = req.uri().query().and_then(|q| {
        q.split('&')
            .filter_map(|kv| kv.split_once('='))
            .find(|(k, _)| *k == "lang")
            .map(|(_, v)| v.to_string())
    });
    let lang = crate::web::negotiate(lang_param.as_deref(), req.headers());
    crate::web::PageError { error, lang }.into_response()
}

/// The whole application router.
pub fn router(state: AppState) -> Router {
    // Spans carry the matched route and the request id, never the URI: query strings
    // may hold manage tokens.
    let trace = TraceLayer::new_for_http()
        .make_span_with(|req: &Request<_>| {
            let route = req
                .extensions()
                .get::<MatchedPath>()
                .map_or("unmatched", MatchedPath::as_str);
            let request_id = req
                .headers()
                .get("x-request-id")
                .and_then(|v| v.to_str().ok())
                .unwrap_or("-");
            tracing::info_span!("request", method = %req.method(), route, request_id)
        })
        // One line per response (status and latency) at info: the access log.
        .on_response(DefaultOnResponse::new().level(tracing::Level::INFO));
    crate::web::site::install(&state.config.institution);
    let limits = limits::Limits {
        on: state.config.http.rate_limit,
        trusted_proxy: state.config.http.trusted_proxy,
        shared: Some(state.db.clone()),
    };
    Router::new()
        .merge(health::router())
        .merge(assets::router())
        .merge(screens::router())
        .merge(feeds::router())
        .merge(api::router(&limits))
        .merge(citizen::router(&limits))
        .merge(staff::router(&limits))
        .fallback(nothing_here)
        .method_not_allowed_fallback(|| async { problem::HttpError::MethodNotAllowed })
        .layer(middleware::from_fn(crate::web::remember_page))
        .layer(middleware::from_fn_with_state(state.clone(), track))
        .layer(trace)
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        // A body that trickles in is cut off (408) instead of holding the request open.
        .layer(tower_http::timeout::RequestBodyTimeoutLayer::new(
            state.config.http.body_timeout,
        ))
        .layer(middleware::from_fn_with_state(
            state.clone(),
            security_headers,
        ))
        // A request id for every request (kept if the proxy sent one), in the log span
        // and echoed in the response, so a citizen's "it failed" can be found in the log.
        .layer(PropagateRequestIdLayer::x_request_id())
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .with_state(state)
}
