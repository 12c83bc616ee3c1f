//! The IO app (issue 21): citizens who book logged in with SPID get the confirmation, the
//! reminder and the cancellation in IO too. IO itself cannot run here, so a stand-in
//! started by the test implements the documented endpoints of IO's API for services
//! (`POST /api/v1/profiles`, `POST /api/v1/messages`, the subscription key, the limits on
//! subject and Markdown, 404 for a citizen without IO and `sender_allowed: false` for one
//! who has not enabled the service); the login is real, at the npm OpenID provider.

use std::sync::{
    Arc, Mutex,
    atomic::{AtomicUsize, Ordering},
};

use axum::{Json, Router, extract::State, http::HeaderMap, http::StatusCode as S, routing::post};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::{
    helpers::{
        OfficeSpec,
        oidc::{Provider, app_with_then, browser, location},
    },
    identity::{confirm, hold, log_in},
};

const KEY: &str = "io-service-key-for-tests";
const MARIO: &str = "RSSMRA80A01H501U";
const LUIGI: &str = "VRDLGU80A01H501X";

#[derive(Default)]
struct Io {
    /// (fiscal code, subject, markdown) of each message taken.
    messages: Mutex<Vec<(String, String, String)>>,
    /// Answer 503 to this many more profile checks.
    busy: AtomicUsize,
}

fn keyed(headers: &HeaderMap) -> bool {
    headers
        .get("ocp-apim-subscription-key")
        .is_some_and(|k| k == KEY)
}

async fn profiles(
    State(io): State<Arc<Io>>,
    headers: HeaderMap,
    Json(body): Json<Value>,
) -> (S, Json<Value>) {
    if !keyed(&headers) {
        return (S::UNAUTHORIZED, Json(json!({"title": "no key"})));
    }
    if io
        .busy
        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
        .is_ok()
    {
        return (S::SERVICE_UNAVAILABLE, Json(json!({})));
    }
    match body["fiscal_code"].as_str() {
        Some(MARIO) => (
            S::OK,
            Json(json!({"sender_allowed": true, "preferred_languages": ["it_IT"]})),
        ),
        Some(LUIGI) => (S::OK, Json(json!({"sender_allowed": false}))),
        _ => (S::NOT_FOUND, Json(json!({"title": "Profile not found"}))),
    }
}

async fn messages(
    State(io): State<Arc<Io>>,
    headers: HeaderMap,
    Json(body): Json<Value>,
) -> (S, Json<Value>) {
    if !keyed(&headers) {
        return (S::UNAUTHORIZED, Json(json!({})));
    }
    let subject = body["content"]["subject"].as_str().unwrap_or_default();
    let markdown = body["content"]["markdown"].as_str().unwrap_or_default();
    let fits = (10..=120).contains(&subject.chars().count())
        && (80..=10_000).contains(&markdown.chars().count());
    let code = body["fiscal_code"].as_str().unwrap_or_default();
    if !fits || code.len() != 16 {
        return (S::BAD_REQUEST, Json(json!({"title": "invalid"})));
    }
    if code != MARIO {
        return (S::NOT_FOUND, Json(json!({})));
    }
    io.messages
        .lock()
        .unwrap()
        .push((code.into(), subject.into(), markdown.into()));
    (S::CREATED, Json(json!({"id": "01HIOMESSAGE"})))
}

async fn stand_in() -> (String, Arc<Io>) {
    let io = Arc::new(Io::default());
    let app = Router::new()
        .route("/api/v1/profiles", post(profiles))
        .route("/api/v1/messages", post(messages))
        .with_state(io.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (base, io)
}

fn io_rows(rows: &[entity::outbox_message::Model]) -> Vec<&entity::outbox_message::Model> {
    rows.iter().filter(|m| m.kind == "io").collect()
}

#[tokio::test]
async fn a_spid_citizen_gets_confirmation_reminder_and_cancellation_in_io_too() {
    let provider = Provider::start().await;
    provider
        .add_accounts(json!({"luigi": {
            "given_name": "Luigi", "family_name": "Verdi", "fiscal_number": format!("TINIT-{LUIGI}"),
            "email": "luigi.verdi@example.org", "email_verified": true}}))
        .await;
    let (base, io) = stand_in().await;
    let app = app_with_then(provider.providers(), |c| {
        c.io.api_key = Some(KEY.into());
        c.io.base_url = base.clone();
    })
    .await;
    let office = app.office(OfficeSpec::default()).await;

    // Mario books logged in; IO is busy at first, so his confirmation waits and retries.
    let web = browser();
    let (csrf, details) = hold(&web, &app, &office, 0).await;
    log_in(&web, &app, "spid", &details, "mario").await;
    let done = confirm(&web, &app, &csrf, &details, "", "").await;
    assert_eq!(done.status(), StatusCode::SEE_OTHER);
    let manage = location(&done);
    let booking = app
        .booking_rows()
        .await
        .into_iter()
        .find(|b| b.reference.is_some())
        .unwrap();
    assert_eq!(booking.citizen_fiscal_code.as_deref(), Some(MARIO));
    io.busy.store(1, Ordering::SeqCst);
    let report = app.step_outbox().await;
    assert_eq!(
        (report.sent, report.retried),
        (1, 1),
        "the email went, IO waits: {report:?}"
    );
    app.clock.advance(chrono::Duration::seconds(31));
    app.step_outbox().await;
    {
        let email = app
            .outbox_rows()
            .await
            .into_iter()
            .find(|m| m.kind == "confirmation")
            .unwrap();
        let got = io.messages.lock().unwrap().clone();
        assert_eq!(got.len(), 1);
        let (code, subject, markdown) = &got[0];
        assert_eq!(code, MARIO);
        assert!(
            markdown.contains(booking.reference.as_deref().unwrap()),
            "{markdown}"
        );
        assert_eq!(subject, &email.subject, "the email's subject");
    }

    // Luigi has IO but has not enabled the service: skipped, not failed; his email goes.
    // (Logged in before the clock moves on: the provider's tokens carry the real time.)
    let web = browser();
    let (csrf, details) = hold(&web, &app, &office, 1).await;
    log_in(&web, &app, "spid", &details, "luigi").await;
    assert_eq!(
        confirm(&web, &app, &csrf, &details, "", "").await.status(),
        StatusCode::SEE_OTHER
    );
    let report = app.step_outbox().await;
    assert_eq!((report.sent, report.skipped), (1, 1), "{report:?}");
    assert_eq!(
        io.messages.lock().unwrap().len(),
        1,
        "nothing sent to Luigi"
    );
    let rows = app.outbox_rows().await;
    let luigi = io_rows(&rows)
        .into_iter()
        .find(|m| m.recipient == LUIGI)
        .unwrap();
    assert_eq!(luigi.status.to_string(), "skipped");
    assert!(
        luigi
            .last_error
            .as_deref()
            .unwrap_or_default()
            .contains("not enabled")
    );
    // The reminder, the day before after the reminder hour.
    let evening_before = booking.start_at - chrono::Duration::days(1) + chrono::Duration::hours(9);
    app.clock.advance(evening_before - app.clock.now());
    app.step_reminders().await;
    app.step_outbox().await;
    assert_eq!(io.messages.lock().unwrap().len(), 2);

    // The cancellation.
    let reference = booking.reference.clone().unwrap();
    let token = manage
        .split("token=")
        .nth(1)
        .unwrap()
        .split('&')
        .next()
        .unwrap();
    let r = app
        .client
        .post(app.url(&format!("/api/v1/bookings/{reference}/cancel")))
        .header("X-Manage-Token", token)
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success(), "{}", r.status());
    app.step_outbox().await;
    let subjects: Vec<String> = io
        .messages
        .lock()
        .unwrap()
        .iter()
        .map(|m| m.1.clone())
        .collect();
    assert_eq!(subjects.len(), 3, "{subjects:?}");
    let rows = app.outbox_rows().await;
    let marios: Vec<_> = io_rows(&rows)
        .into_iter()
        .filter(|m| m.recipient == MARIO)
        .collect();
    assert_eq!(marios.len(), 3);
    assert!(
        marios.iter().all(|m| m.status.to_string() == "sent"),
        "{marios:?}"
    );

    // A citizen who booked without logging in gets no IO message at all.
    let before = io_rows(&app.outbox_rows().await).len();
    let day = (app.clock.now() + chrono::Duration::days(3))
        .with_timezone(&chrono_tz::Europe::Rome)
        .date_naive();
    app.book(
        &office,
        &format!("{day}T10:00:00+01:00"),
        "anna@example.org",
    )
    .await;
    assert_eq!(io_rows(&app.outbox_rows().await).len(), before);
}
