//! The citizens' pages: office → service → day → time (a hold) → details → the booking
//! with its QR code, and the manage page to view or cancel. Server-rendered, usable
//! without JavaScript, in the citizen's language (`crate::l10n`). They call the same service functions as the
//! JSON API.

mod book;
mod browse;
mod manage;
mod rebook;
mod waitlist;

use axum::{
    Router,
    http::header,
    routing::{get, post},
};

use crate::state::AppState;

const APP_CSS: &str = include_str!("../../../static/app.css");

/// The current page's URL, ready for the language menu to append `lang=`.
fn here(path: &str) -> String {
    let sep = if path.contains('?') { '&' } else { '?' };
    format!("{path}{sep}")
}

/// Routes of the citizens' pages. `limits` wrap the form posts like the API's
/// public writes.
pub fn router(limits: crate::routes::limits::Limits) -> Router<AppState> {
    let mut writes = Router::new()
        .route("/book/hold", post(book::create_hold))
        .route("/book/confirm", post(book::confirm_booking))
        .route("/b/{reference}/cancel", post(manage::cancel_booking))
        .route("/b/{reference}/resend", post(manage::resend_confirmation))
        .route("/waitlist", post(waitlist::join))
        .route("/waitlist/{id}/leave", post(waitlist::leave))
        .route("/w/{token}", post(waitlist::accept_offer))
        .route("/r/{token}", post(waitlist::reconfirm))
        .route("/m/{token}", post(rebook::do_move));
    writes = crate::routes::limits::rate_limited_with(writes, limits, 20, 1000, || {
        use axum::response::IntoResponse;
        crate::web::PageError {
            error: crate::error::AppError::TooManyRequests,
            lang: crate::domain::Language::default(),
        }
        .into_response()
    });
    Router::new()
        .merge(writes)
        .route("/", get(browse::home))
        .route("/accessibility", get(browse::accessibility))
        .route("/book/{office_id}/{service_id}", get(browse::calendar))
        .route("/book/{office_id}/{service_id}/{date}", get(browse::day))
        .route("/book/details/{hold_id}", get(book::details))
        .route("/b/{reference}", get(manage::show_booking))
        .route("/b/{reference}/cancel", get(manage::confirm_cancel))
        .route(
            "/waitlist/join/{office_id}/{service_id}",
            get(waitlist::show_join),
        )
        .route("/waitlist/{id}", get(waitlist::show_entry))
        .route("/w/{token}", get(waitlist::show_offer))
        .route("/r/{token}", get(waitlist::show_reconfirm))
        .route("/m/{token}", get(rebook::show_move))
        .route(
            "/static/app.css",
            get(|| async {
                (
                    [
                        (header::CONTENT_TYPE, "text/css; charset=utf-8"),
                        (header::CACHE_CONTROL, "public, max-age=3600"),
                    ],
                    APP_CSS,
                )
            }),
        )
}
