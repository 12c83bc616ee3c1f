//! The JSON API (API.md) and its OpenAPI 3.1 description.

pub mod auth;
pub mod bookings;
pub mod checkins;
pub mod feeds;
pub mod manage;
pub mod messages;
pub mod public;
pub mod queue;
pub mod setup;
pub mod staff;
pub mod waitlist;
pub mod webhooks;

use crate::routes::limits::{Limits, rate_limited};

use axum::{
    Json, Router,
    routing::{delete, get, patch, post, put},
};
use utoipa::OpenApi;
use utoipa_scalar::{Scalar, Servable};

use crate::state::AppState;

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
        queue::create_ticket, queue::join_queue, queue::list_queue, queue::get_ticket,
        queue::leave_queue, queue::call_next, queue::recall, queue::start, queue::absent,
        queue::done, queue::transfer,
        webhooks::create_webhook, webhooks::list_webhooks, webhooks::delete_webhook,
        webhooks::test_webhook, webhooks::list_deliveries, webhooks::replay_delivery,
        feeds::make_feed, feeds::list_feeds,
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
        const LIMITED: [&str; 10] = [
            "/api/v1/offices/{office_id}/queue",
            "/api/v1/tickets/{ticket_token}",
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

/// Routes of the API, the OpenAPI document and the reference page.
pub fn router(limits: &Limits) -> Router<AppState> {
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
        )
        // Joining the queue from a phone and leaving it; the staff's list of the queue
        // and the ticket's look-up share the routes, and the budget.
        .route(
            "/offices/{office_id}/queue",
            post(queue::join_queue).get(queue::list_queue),
        )
        .route(
            "/tickets/{id}",
            get(queue::get_ticket).delete(queue::leave_queue),
        );
    let mut login = Router::new().route(
        "/auth/tokens",
        post(auth::create_token).delete(auth::revoke_token),
    );
    public_writes = rate_limited(public_writes, limits, "api-writes", 20, 1000);
    login = rate_limited(login, limits, "api-login", 5, 4000);
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
        .route(
            "/offices/{office_id}/webhooks",
            get(webhooks::list_webhooks).post(webhooks::create_webhook),
        )
        .route("/webhooks/{webhook_id}", delete(webhooks::delete_webhook))
        .route(
            "/offices/{office_id}/calendar-feeds",
            get(feeds::list_feeds).post(feeds::make_feed),
        )
        .route("/webhooks/{webhook_id}/test", post(webhooks::test_webhook))
        .route(
            "/webhooks/{webhook_id}/deliveries",
            get(webhooks::list_deliveries),
        )
        .route(
            "/webhooks/{webhook_id}/deliveries/{delivery_id}/replay",
            post(webhooks::replay_delivery),
        )
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
        .route("/offices/{office_id}/tickets", post(queue::create_ticket))
        .route("/offices/{office_id}/calls/stream", get(queue::call_stream))
        .route("/counters/{counter_id}/call-next", post(queue::call_next))
        .route("/tickets/{id}/recall", post(queue::recall))
        .route("/tickets/{id}/start", post(queue::start))
        .route("/tickets/{id}/absent", post(queue::absent))
        .route("/tickets/{id}/done", post(queue::done))
        .route("/tickets/{id}/transfer", post(queue::transfer))
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
