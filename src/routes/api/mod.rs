//! The JSON API (API.md) and its OpenAPI 3.1 description.

pub mod auth;
pub mod bookings;
pub mod checkins;
pub mod manage;
pub mod messages;
pub mod public;
pub mod setup;
pub mod staff;
pub mod waitlist;

use std::sync::Arc;

use axum::{
    Json, Router,
    http::{HeaderValue, header},
    response::IntoResponse,
    routing::{delete, get, patch, post, put},
};
use tower_governor::{
    GovernorError, GovernorLayer, governor::GovernorConfigBuilder, key_extractor::KeyExtractor,
};
use utoipa::OpenApi;
use utoipa_scalar::{Scalar, Servable};

use crate::{error::AppError, state::AppState};

/// The OpenAPI document, generated from the handlers' annotations.
#[derive(OpenApi)]
#[openapi(
    info(title = "Sportello API", version = "1", description = "Appointments at public offices under per-room occupancy limits. Errors are RFC 9457 problem documents."),
    paths(
        public::list_offices, public::list_slots,
        bookings::create_hold, bookings::delete_hold, bookings::create_booking,
        bookings::get_booking, bookings::cancel_booking,
        auth::create_token,
        setup::create_office, setup::create_room, setup::create_counter, setup::create_service,
        setup::put_service,
        setup::put_opening_hours, setup::create_closure, setup::update_office,
        setup::create_rule, setup::delete_rule, setup::put_room,
        messages::list_messages,
        checkins::create_checkin, checkins::mark_served, checkins::room_occupancy,
        staff::get_agenda, staff::create_walk_in, staff::list_users, staff::create_user,
        staff::patch_user, auth::revoke_token,
        waitlist::join, waitlist::get_entry, waitlist::leave, waitlist::get_offer,
        waitlist::accept_offer,
        manage::list_closures, manage::import_holidays, manage::delete_closure,
        manage::list_rules, manage::notify, manage::list_audit, manage::statistics,
    ),
    components(schemas(Problem, crate::domain::FieldErrorSchema)),
    modifiers(&BearerAuth, &CommonProblems),
    tags((name = "citizens"), (name = "staff"), (name = "managers"))
)]
pub struct ApiDoc;

/// RFC 9457 problem document.
#[derive(utoipa::ToSchema, serde::Serialize)]
pub struct Problem {
    /// Problem type URI; e.g. `/problems/slot-full`, or `about:blank`.
    pub r#type: String,
    /// Short summary of the status.
    pub title: String,
    /// HTTP status.
    pub status: u16,
    /// Explanation for people.
    pub detail: String,
    /// Field errors of a validation problem.
    pub errors: Option<Vec<crate::domain::FieldErrorSchema>>,
}

/// The problems any operation can answer besides its own: 400, 413, 415 and 422 where a
/// body or parameters are parsed, 401 and 403 where credentials are needed, 404 where the
/// path names something, 429 on the rate-limited writes. Declared once here rather than
/// on every handler, so the document matches what the server does (schemathesis checks).
struct CommonProblems;

impl utoipa::Modify for CommonProblems {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::{
            RefOr,
            response::{Response, ResponseBuilder},
        };
        let problem = |text: &str| -> RefOr<Response> {
            RefOr::T(
                ResponseBuilder::new()
                    .description(text)
                    .content(
                        "application/problem+json",
                        utoipa::openapi::ContentBuilder::new()
                            .schema(Some(utoipa::openapi::Ref::from_schema_name("Problem")))
                            .build(),
                    )
                    .build(),
            )
        };
        const LIMITED: [&str; 8] = [
            "/api/v1/holds",
            "/api/v1/holds/{hold_id}",
            "/api/v1/bookings",
            "/api/v1/bookings/{reference}/cancel",
            "/api/v1/waiting-list",
            "/api/v1/waiting-list/{id}",
            "/api/v1/waitlist-offers/{token}/accept",
            "/api/v1/auth/tokens",
        ];
        for (path, item) in &mut openapi.paths.paths {
            let has_path_params = path.contains('{');
            for op in [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.patch,
            ]
            .into_iter()
            .flatten()
            {
                let mut add: Vec<(&str, &str)> = Vec::new();
                if op.request_body.is_some() {
                    add.extend([
                        ("400", "The body is not valid JSON"),
                        ("413", "The body is too large"),
                        ("415", "The body is not application/json"),
                        ("422", "Invalid fields"),
                    ]);
                }
                if op.parameters.as_ref().is_some_and(|p| !p.is_empty()) || has_path_params {
                    add.push(("422", "Invalid parameters"));
                }
                if op.security.as_ref().is_some_and(|s| !s.is_empty()) {
                    add.extend([
                        ("401", "Missing, invalid or expired credentials"),
                        ("403", "Not allowed for this office or role"),
                    ]);
                }
                // A path, or a body (office, service, hold), can name something missing.
                if has_path_params || op.request_body.is_some() {
                    add.push(("404", "Nothing with this identifier"));
                }
                if LIMITED.contains(&path.as_str()) {
                    add.push(("429", "Too many requests from this client"));
                }
                for (status, text) in add {
                    op.responses
                        .responses
                        .entry(status.to_string())
                        .or_insert_with(|| problem(text));
                }
            }
        }
    }
}

struct BearerAuth;

impl utoipa::Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        if let Some(components) = openapi.components.as_mut() {
            components.add_security_scheme(
                "bearer",
                SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
            );
        }
    }
}

/// The reference page loads the Scalar viewer from our own `/api/docs/scalar.js`
/// (vendored from npm), so it works on an intranet without internet access.
const DOCS_HTML: &str = r#"<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sportello API reference</title>
</head>
<body>
<script id="api-reference" type="application/json">
$spec
</script>
<script src="/api/docs/scalar.js"></script>
</body>
</html>"#;

const SCALAR_JS: &[u8] = include_bytes!("../../../static/vendor/scalar-api-reference.js");

/// Which rate limits apply, and how a client is told apart.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Rate limits on (`SPORTELLO_RATE_LIMIT`).
    pub on: bool,
    /// The reverse proxy's address (`SPORTELLO_TRUSTED_PROXY`): requests from it are
    /// told apart by the address it appends to `X-Forwarded-For`.
    pub trusted_proxy: Option<std::net::IpAddr>,
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
pub fn rate_limited(
    router: Router<AppState>,
    limits: Limits,
    burst: u32,
    every_ms: u64,
) -> Router<AppState> {
    rate_limited_with(router, limits, burst, every_ms, || {
        AppError::TooManyRequests.into_response()
    })
}

/// [`rate_limited`] with the 429 response drawn by `render` (pages draw an HTML page).
pub fn rate_limited_with(
    router: Router<AppState>,
    limits: Limits,
    burst: u32,
    every_ms: u64,
    render: fn() -> axum::response::Response,
) -> Router<AppState> {
    if !limits.on {
        return router;
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
        let mut resp = render();
        if let Some(secs) = retry.and_then(|s| HeaderValue::from_str(&s.max(1).to_string()).ok()) {
            resp.headers_mut().insert(header::RETRY_AFTER, secs);
        }
        resp
    }))
}

/// Routes of the API, the OpenAPI document and the reference page.
pub fn router(limits: Limits) -> Router<AppState> {
    let mut public_writes = Router::new()
        .route("/holds", post(bookings::create_hold))
        .route("/bookings", post(bookings::create_booking))
        .route(
            "/bookings/{reference}/cancel",
            post(bookings::cancel_booking),
        )
        .route("/waiting-list", post(waitlist::join))
        .route(
            "/waitlist-offers/{token}/accept",
            post(waitlist::accept_offer),
        )
        // The citizens' deletes (a hold, leaving the waiting list) are public writes too;
        // the entry's look-up shares the route, and the budget.
        .route("/holds/{hold_id}", delete(bookings::delete_hold))
        .route(
            "/waiting-list/{id}",
            get(waitlist::get_entry).delete(waitlist::leave),
        );
    let mut login = Router::new().route(
        "/auth/tokens",
        post(auth::create_token).delete(auth::revoke_token),
    );
    public_writes = rate_limited(public_writes, limits, 20, 1000);
    login = rate_limited(login, limits, 5, 4000);
    let v1 = Router::new()
        .merge(public_writes)
        .merge(login)
        .route(
            "/offices",
            get(public::list_offices).post(setup::create_office),
        )
        .route(
            "/offices/{office_id}/services/{service_id}/slots",
            get(public::list_slots),
        )
        .route("/bookings/{reference}", get(bookings::get_booking))
        .route("/offices/{office_id}", patch(setup::update_office))
        .route("/offices/{office_id}/rooms", post(setup::create_room))
        .route("/rooms/{room_id}/counters", post(setup::create_counter))
        .route("/rooms/{room_id}", put(setup::put_room))
        .route(
            "/rooms/{room_id}/capacity-rules",
            get(manage::list_rules).post(setup::create_rule),
        )
        .route("/capacity-rules/{rule_id}", delete(setup::delete_rule))
        .route("/offices/{office_id}/services", post(setup::create_service))
        .route("/services/{service_id}", put(setup::put_service))
        .route(
            "/offices/{office_id}/opening-hours",
            put(setup::put_opening_hours),
        )
        .route(
            "/offices/{office_id}/closures",
            get(manage::list_closures).post(setup::create_closure),
        )
        .route(
            "/offices/{office_id}/closures/holidays",
            post(manage::import_holidays),
        )
        .route("/closures/{closure_id}", delete(manage::delete_closure))
        .route("/impact/notify", post(manage::notify))
        .route("/audit", get(manage::list_audit))
        .route("/offices/{office_id}/statistics", get(manage::statistics))
        .route(
            "/offices/{office_id}/messages",
            get(messages::list_messages),
        )
        .route("/checkins", post(checkins::create_checkin))
        .route("/bookings/{reference}/served", post(checkins::mark_served))
        .route("/rooms/{room_id}/occupancy", get(checkins::room_occupancy))
        .route("/offices/{office_id}/agenda", get(staff::get_agenda))
        .route("/offices/{office_id}/walk-ins", post(staff::create_walk_in))
        .route(
            "/offices/{office_id}/users",
            get(staff::list_users).post(staff::create_user),
        )
        .route("/users/{user_id}", patch(staff::patch_user))
        .route("/waitlist-offers/{token}", get(waitlist::get_offer));
    Router::new()
        .nest("/api/v1", v1)
        .route(
            "/api/openapi.json",
            get(|| async { Json(ApiDoc::openapi()) }),
        )
        .route(
            "/api/docs/scalar.js",
            get(|| async {
                (
                    [(
                        axum::http::header::CONTENT_TYPE,
                        "text/javascript; charset=utf-8",
                    )],
                    SCALAR_JS,
                )
            }),
        )
        .merge(Scalar::with_url("/api/docs", ApiDoc::openapi()).custom_html(DOCS_HTML))
}

#[cfg(test)]
mod tests {
    use super::*;

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
