//! The JSON API (API.md) and its OpenAPI 3.1 description.

pub mod auth;
pub mod bookings;
pub mod public;
pub mod setup;

use axum::{
    Json, Router,
    routing::{delete, get, post, put},
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
        setup::put_opening_hours, setup::create_closure,
    ),
    components(schemas(Problem, crate::domain::FieldErrorSchema)),
    modifiers(&BearerAuth),
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
pub fn router() -> Router<AppState> {
    let v1 = Router::new()
        .route(
            "/offices",
            get(public::list_offices).post(setup::create_office),
        )
        .route(
            "/offices/{office_id}/services/{service_id}/slots",
            get(public::list_slots),
        )
        .route("/holds", post(bookings::create_hold))
        .route("/holds/{hold_id}", delete(bookings::delete_hold))
        .route("/bookings", post(bookings::create_booking))
        .route("/bookings/{reference}", get(bookings::get_booking))
        .route(
            "/bookings/{reference}/cancel",
            post(bookings::cancel_booking),
        )
        .route("/auth/tokens", post(auth::create_token))
        .route("/offices/{office_id}/rooms", post(setup::create_room))
        .route("/rooms/{room_id}/counters", post(setup::create_counter))
        .route("/offices/{office_id}/services", post(setup::create_service))
        .route(
            "/offices/{office_id}/opening-hours",
            put(setup::put_opening_hours),
        )
        .route("/offices/{office_id}/closures", post(setup::create_closure));
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
