//! The citizens' pages: office → service → day → time (a hold) → details → the booking
//! with its QR code, and the manage page to view or cancel. Server-rendered, usable
//! without JavaScript, in the citizen's language (`crate::l10n`). They call the same service functions as the
//! JSON API.

mod book;
mod browse;
mod home;
mod identity;
mod lost;
mod manage;
mod my;
mod queue;
mod rebook;
mod waitlist;

use axum::{
    Router,
    http::header,
    routing::{get, post},
};

use crate::state::AppState;

const APP_CSS: &str = include_str!("../../../static/app.css");
const QUEUE_JS: &str = include_str!("../../../static/queue.js");
const PRINT_JS: &str = include_str!("../../../static/print.js");

/// The current page's URL, ready for the language menu to append `lang=`.
fn here(path: &str) -> String {
    let sep = if path.contains('?') { '&' } else { '?' };
    format!("{path}{sep}")
}

pub(crate) use manage::show_pass;

/// A reload, or back and forward, onto the address of a form's post: the page it came
/// from is gone (a hold lapses, a booking is made once), so the citizen goes back to the
/// start of the flow instead of meeting a bare 405.
async fn back_to_the_start(
    axum::extract::Query(q): axum::extract::Query<std::collections::HashMap<String, String>>,
) -> axum::response::Redirect {
    let lang = q
        .get("lang")
        .and_then(|l| crate::domain::Language::parse(l).ok())
        .map(|l| format!("?lang={}", l.code()))
        .unwrap_or_default();
    axum::response::Redirect::to(&format!("/{lang}"))
}

/// The same for "send the email again": the booking's page, which asks for its code.
async fn back_to_the_booking(
    crate::extract::AppPath(reference): crate::extract::AppPath<String>,
) -> axum::response::Redirect {
    let reference = crate::domain::normalise_reference(&reference);
    if reference.len() == 7
        && reference
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-')
    {
        axum::response::Redirect::to(&format!("/b/{reference}"))
    } else {
        axum::response::Redirect::to("/")
    }
}

/// Routes of the citizens' pages. `limits` wrap the form posts like the API's
/// public writes.
pub fn router(limits: &crate::routes::limits::Limits) -> Router<AppState> {
    let mut writes = Router::new()
        .route("/book/hold", post(book::create_hold).get(back_to_the_start))
        .route(
            "/book/confirm",
            post(book::confirm_booking).get(back_to_the_start),
        )
        .route("/b/{reference}/cancel", post(manage::cancel_booking))
        .route(
            "/b/{reference}/change",
            post(manage::change_time).get(back_to_the_booking),
        )
        .route(
            "/b/{reference}/resend",
            post(manage::resend_confirmation).get(back_to_the_booking),
        )
        .route("/waitlist", post(waitlist::join).get(back_to_the_start))
        .route("/lost", post(lost::send))
        .route(
            "/waitlist/{id}/leave",
            post(waitlist::leave).get(back_to_the_start),
        )
        .route("/w/{token}", post(waitlist::accept_offer))
        .route("/r/{token}", post(waitlist::reconfirm))
        .route("/m/{token}", post(rebook::do_move))
        .route("/offices/{office_id}/join", post(queue::join))
        .route("/q/{token}/leave", post(queue::leave))
        // A login writes its state row, and its callback a session: limited like the
        // form posts.
        .route("/auth/oidc/{name}/login", get(identity::start_login))
        .route("/auth/oidc/{name}/callback", get(identity::finish_login))
        .route(
            "/auth/logout",
            post(identity::logout).get(back_to_the_start),
        )
        .route("/my/open", post(my::open_booking).get(back_to_the_start));
    writes =
        crate::routes::limits::rate_limited_with(writes, limits, "page-writes", 20, 1000, || {
            use axum::response::IntoResponse;
            crate::web::PageError {
                error: crate::error::AppError::TooManyRequests,
                lang: crate::domain::Language::default(),
            }
            .into_response()
        });
    Router::new()
        .merge(writes)
        .route("/", get(home::home))
        .route("/accessibility", get(browse::accessibility))
        .route("/privacy", get(browse::privacy))
        .route("/lost", get(lost::show))
        .route("/my", get(my::show_my))
        .route("/legal", get(browse::legal))
        .route("/book/{office_id}/{service_id}", get(browse::calendar))
        .route("/book/{office_id}/{service_id}/{date}", get(browse::day))
        .route("/book/details/{hold_id}", get(book::details))
        .route("/b/{reference}", get(manage::show_booking))
        .route("/b/{reference}/calendar.ics", get(manage::calendar_file))
        .route("/b/{reference}/cancel", get(manage::confirm_cancel))
        .route(
            "/waitlist/join/{office_id}/{service_id}",
            get(waitlist::show_join),
        )
        .route("/waitlist/{id}", get(waitlist::show_entry))
        .route("/w/{token}", get(waitlist::show_offer))
        .route("/r/{token}", get(waitlist::show_reconfirm))
        .route("/m/{token}", get(rebook::show_move))
        .route("/offices/{office_id}/join", get(queue::show_join))
        .route("/offices/{office_id}/poster", get(queue::poster))
        .route("/offices/{office_id}/display", get(queue::display))
        .route("/q/{token}", get(queue::show_ticket))
        .route("/q/{token}/events", get(queue::ticket_events))
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
        .route(
            "/static/queue.js",
            get(|| async {
                (
                    [
                        (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
                        (header::CACHE_CONTROL, "public, max-age=3600"),
                    ],
                    QUEUE_JS,
                )
            }),
        )
        .route(
            "/static/print.js",
            get(|| async {
                (
                    [
                        (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
                        (header::CACHE_CONTROL, "public, max-age=3600"),
                    ],
                    PRINT_JS,
                )
            }),
        )
}
