//! Webhooks (issue 21): a receiver on loopback, as a city's system would run one, checks
//! every signature as API.md states it (HMAC-SHA256 by `ring`, not the server's library),
//! sees a failed delivery retried with the same `webhook-id`, a booking's events in order,
//! a ping, a replay; no delivery to a private address without the setting, no redirect
//! followed; and under concurrent bookings (and two senders) each event delivered once.

use std::{
    collections::HashMap,
    sync::{
        Arc, Mutex,
        atomic::{AtomicUsize, Ordering},
    },
};

use axum::{
    Router,
    body::Bytes,
    extract::State,
    http::{HeaderMap, StatusCode as AxumStatus},
    response::{IntoResponse, Redirect},
    routing::post,
};
use base64::Engine;
use chrono::Duration;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{Office, OfficeSpec, TestApp, booking_body};

/// One delivery as the receiver got it.
#[derive(Debug, Clone)]
pub(crate) struct Got {
    id: String,
    timestamp: i64,
    signature: String,
    body: String,
}

impl Got {
    fn json(&self) -> Value {
        serde_json::from_str(&self.body).unwrap()
    }
    fn kind(&self) -> String {
        self.json()["type"].as_str().unwrap().to_owned()
    }
}

#[derive(Default)]
pub(crate) struct Inbox {
    pub(crate) got: Mutex<Vec<Got>>,
    /// Answer 500 to this many more deliveries.
    fail: AtomicUsize,
    /// Hits of the redirect's target (must stay 0).
    redirected: AtomicUsize,
}

async fn receive(State(inbox): State<Arc<Inbox>>, headers: HeaderMap, body: Bytes) -> AxumStatus {
    let h = |name: &str| {
        headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
            .to_owned()
    };
    inbox.got.lock().unwrap().push(Got {
        id: h("webhook-id"),
        timestamp: h("webhook-timestamp").parse().unwrap_or(-1),
        signature: h("webhook-signature"),
        body: String::from_utf8(body.to_vec()).unwrap(),
    });
    let failing = inbox
        .fail
        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
        .is_ok();
    if failing {
        AxumStatus::INTERNAL_SERVER_ERROR
    } else {
        AxumStatus::NO_CONTENT
    }
}

/// A receiver on an ephemeral loopback port: `/hook` records, `/moved` redirects to
/// `/elsewhere`, which counts.
pub(crate) async fn receiver() -> (String, Arc<Inbox>) {
    let inbox = Arc::new(Inbox::default());
    let app = Router::new()
        .route("/hook", post(receive))
        .route(
            "/moved",
            post(|| async { Redirect::temporary("/elsewhere").into_response() }),
        )
        .route(
            "/elsewhere",
            post(|State(i): State<Arc<Inbox>>| async move {
                i.redirected.fetch_add(1, Ordering::SeqCst);
                AxumStatus::NO_CONTENT
            }),
        )
        .with_state(inbox.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await });
    (address, inbox)
}

/// Checks a delivery's signature as API.md defines it.
fn assert_signed(got: &Got, secret: &str) {
    let key = base64::engine::general_purpose::STANDARD
        .decode(secret.strip_prefix("whsec_").expect("whsec_ prefix"))
        .unwrap();
    assert!(key.len() >= 24, "at least 24 random bytes");
    let key = ring::hmac::Key::new(ring::hmac::HMAC_SHA256, &key);
    let tag = ring::hmac::sign(
        &key,
        format!("{}.{}.{}", got.id, got.timestamp, got.body).as_bytes(),
    );
    let expected = format!(
        "v1,{}",
        base64::engine::general_purpose::STANDARD.encode(tag.as_ref())
    );
    assert_eq!(got.signature, expected, "signature of {}", got.id);
}

async fn add_webhook(app: &TestApp, office: &Office, url: &str, events: &[&str]) -> Value {
    let r = app
        .client
        .post(app.url(&format!("/api/v1/offices/{}/webhooks", office.id)))
        .bearer_auth(&app.admin_token)
        .json(&json!({"url": url, "events": events}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    r.json().await.unwrap()
}

const ALL: [&str; 7] = [
    "booking.created",
    "booking.cancelled",
    "booking.checked_in",
    "booking.served",
    "booking.no_show",
    "ticket.called",
    "ping",
];

async fn office(app: &TestApp) -> Office {
    app.office(OfficeSpec {
        services: vec![(20, "in_person", 9)],
        counters: vec![(0, vec![0]), (0, vec![0])],
        ..Default::default()
    })
    .await
}

async fn deliveries(app: &TestApp, hook: i64) -> Vec<Value> {
    let r = app
        .client
        .get(app.url(&format!("/api/v1/webhooks/{hook}/deliveries")))
        .bearer_auth(&app.admin_token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    r.json().await.unwrap()
}

#[tokio::test]
async fn a_receiver_gets_each_event_signed_in_order_and_a_failed_one_again_with_its_id() {
    let app = TestApp::spawn().await;
    let office = office(&app).await;
    let (base, inbox) = receiver().await;
    let hook = add_webhook(&app, &office, &format!("{base}/hook"), &ALL).await;
    let secret = hook["secret"].as_str().unwrap().to_owned();
    assert!(secret.starts_with("whsec_"));
    let hook_id = hook["id"].as_i64().unwrap();
    // Listed without its secret.
    let listed: Value = app
        .client
        .get(app.url(&format!("/api/v1/offices/{}/webhooks", office.id)))
        .bearer_auth(&app.admin_token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(listed[0]["id"], hook_id);
    assert!(listed[0].get("secret").is_none(), "{listed}");

    // The receiver is down for the first delivery: the booking's later events wait for
    // it, and it comes again with the same id.
    inbox.fail.store(1, Ordering::SeqCst);
    let booked = app
        .book(&office, "2026-03-20T10:00:00+01:00", "anna@example.org")
        .await;
    let reference = booked["reference"].as_str().unwrap().to_owned();
    let clerk = app.clerk("clerk@hooks.example", office.id).await;
    let r = app
        .client
        .post(app.url("/api/v1/checkins"))
        .bearer_auth(&clerk)
        .json(&json!({"code": booked["checkin_url"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let report = app.step_outbox().await;
    assert_eq!(report.retried, 1, "{report:?}");
    {
        let got = inbox.got.lock().unwrap();
        assert_eq!(
            got.len(),
            1,
            "the check-in waits for the booking's first event"
        );
        assert_eq!(got[0].kind(), "booking.created");
    }
    let waiting = deliveries(&app, hook_id).await;
    let failed = waiting
        .iter()
        .find(|d| d["event"] == "booking.created")
        .unwrap();
    assert_eq!(failed["status"], "pending");
    assert!(
        failed["last_error"].as_str().unwrap().contains("500"),
        "{failed}"
    );
    // Within a minute it is retried, then the check-in follows.
    app.clock.advance(Duration::seconds(31));
    app.step_outbox().await;
    app.step_outbox().await;
    let got = inbox.got.lock().unwrap().clone();
    let kinds: Vec<String> = got.iter().map(Got::kind).collect();
    assert_eq!(
        kinds,
        ["booking.created", "booking.created", "booking.checked_in"]
    );
    assert_eq!(got[0].id, got[1].id, "the same webhook-id on the retry");
    assert_ne!(got[1].id, got[2].id);
    assert_eq!(got[1].body, got[0].body, "the same body on the retry");
    for g in &got {
        assert_signed(g, &secret);
        assert!(g.id.starts_with("msg_"));
    }
    assert_eq!(got[2].timestamp, app.clock.now().timestamp());
    let created = got[0].json();
    assert_eq!(created["data"]["reference"], reference.as_str());
    assert_eq!(created["data"]["status"], "confirmed");
    assert!(
        !got[0].body.contains("anna@example.org") && !got[0].body.contains("Maria"),
        "no citizen's details in a webhook: {}",
        got[0].body
    );
    assert_eq!(got[2].json()["data"]["status"], "checked_in");

    // Served, then a ping; and a cancellation of another booking.
    let r = app
        .client
        .post(app.url(&format!("/api/v1/bookings/{reference}/served")))
        .bearer_auth(&clerk)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let other = app
        .book(&office, "2026-03-20T11:00:00+01:00", "bruno@example.org")
        .await;
    let r = app
        .client
        .post(app.url(&format!(
            "/api/v1/bookings/{}/cancel",
            other["reference"].as_str().unwrap()
        )))
        .header("X-Manage-Token", other["manage_token"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success());
    let r = app
        .client
        .post(app.url(&format!("/api/v1/webhooks/{hook_id}/test")))
        .bearer_auth(&app.admin_token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::ACCEPTED);
    app.step_outbox().await;
    let got = inbox.got.lock().unwrap().clone();
    let kinds: Vec<String> = got.iter().skip(3).map(Got::kind).collect();
    for wanted in [
        "booking.served",
        "booking.created",
        "booking.cancelled",
        "ping",
    ] {
        assert!(kinds.contains(&wanted.to_owned()), "{wanted} in {kinds:?}");
    }
    let second: Vec<String> = got
        .iter()
        .filter(|g| g.json()["data"]["reference"] == other["reference"])
        .map(Got::kind)
        .collect();
    assert_eq!(second, ["booking.created", "booking.cancelled"], "in order");
    for g in &got {
        assert_signed(g, &secret);
    }

    // Replay a delivered one: the same id and body once more.
    let list = deliveries(&app, hook_id).await;
    assert!(list.iter().all(|d| d["status"] == "sent"), "{list:?}");
    let ping = list.iter().find(|d| d["event"] == "ping").unwrap();
    let r = app
        .client
        .post(app.url(&format!(
            "/api/v1/webhooks/{hook_id}/deliveries/{}/replay",
            ping["id"]
        )))
        .bearer_auth(&app.admin_token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::ACCEPTED);
    app.step_outbox().await;
    let got = inbox.got.lock().unwrap().clone();
    let last = got.last().unwrap();
    assert_eq!(last.kind(), "ping");
    assert_eq!(last.id, ping["webhook_id"].as_str().unwrap());
    assert_signed(last, &secret);

    // Removed: nothing more is sent to it, and the emails' list never showed webhooks.
    let r = app
        .client
        .delete(app.url(&format!("/api/v1/webhooks/{hook_id}")))
        .bearer_auth(&app.admin_token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let before = inbox.got.lock().unwrap().len();
    app.book(&office, "2026-03-20T12:00:00+01:00", "carla@example.org")
        .await;
    app.step_outbox().await;
    assert_eq!(inbox.got.lock().unwrap().len(), before);
    let messages: Value = app
        .client
        .get(app.url(&format!("/api/v1/offices/{}/messages", office.id)))
        .bearer_auth(&app.admin_token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(
        !messages.to_string().contains("/hook"),
        "webhooks are not emails: {messages}"
    );
}

#[tokio::test]
async fn calls_and_no_shows_are_sent_and_other_offices_managers_see_nothing() {
    let app = TestApp::spawn().await;
    let office = office(&app).await;
    let other = app.office(OfficeSpec::default()).await;
    let (base, inbox) = receiver().await;
    let hook = add_webhook(
        &app,
        &office,
        &format!("{base}/hook"),
        &["ticket.called", "booking.no_show"],
    )
    .await;
    let hook_id = hook["id"].as_i64().unwrap();
    // A manager of another office neither lists, tests, replays nor removes it.
    let stranger = app
        .account(
            "manager@other.example",
            sportello::domain::Role::Manager,
            Some(other.id),
        )
        .await
        .token;
    for (method, path) in [
        (
            reqwest::Method::GET,
            format!("/api/v1/offices/{}/webhooks", office.id),
        ),
        (
            reqwest::Method::POST,
            format!("/api/v1/webhooks/{hook_id}/test"),
        ),
        (
            reqwest::Method::GET,
            format!("/api/v1/webhooks/{hook_id}/deliveries"),
        ),
        (
            reqwest::Method::DELETE,
            format!("/api/v1/webhooks/{hook_id}"),
        ),
    ] {
        let r = app
            .client
            .request(method, app.url(&path))
            .bearer_auth(&stranger)
            .send()
            .await
            .unwrap();
        assert!(
            [StatusCode::FORBIDDEN, StatusCode::NOT_FOUND].contains(&r.status()),
            "{path}: {}",
            r.status()
        );
    }

    // A walk-in's ticket is called: ticket.called. A booking nobody comes to is released
    // by the sweep: booking.no_show.
    let clerk = app.clerk("clerk@calls.example", office.id).await;
    let r = app
        .client
        .post(app.url(&format!("/api/v1/offices/{}/tickets", office.id)))
        .bearer_auth(&clerk)
        .json(&json!({"service_id": office.services[0], "party_size": 1, "name": "Walk-in"}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        StatusCode::CREATED,
        "{}",
        r.text().await.unwrap()
    );
    let r = app
        .client
        .post(app.url(&format!(
            "/api/v1/counters/{}/call-next",
            office.counters[0]
        )))
        .bearer_auth(&clerk)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap());
    app.book(&office, "2026-03-20T10:00:00+01:00", "dario@example.org")
        .await;
    app.clock.advance(Duration::hours(3));
    app.step_noshow().await;
    app.step_outbox().await;
    let mut got = inbox.got.lock().unwrap().clone();
    // Events of different bookings and tickets go out in parallel, in any order.
    got.sort_by_key(Got::kind);
    let kinds: Vec<String> = got.iter().map(Got::kind).collect();
    assert_eq!(kinds, ["booking.no_show", "ticket.called"], "{got:?}");
    assert_eq!(got[0].json()["data"]["status"], "no_show");
    assert_eq!(got[1].json()["data"]["code"], "S-001");
    for g in &got {
        assert_signed(g, hook["secret"].as_str().unwrap());
    }
}

#[tokio::test]
async fn no_delivery_goes_to_a_private_address_or_follows_a_redirect() {
    let app = TestApp::spawn_with(|c| c.webhooks.allow_private = false).await;
    let office = office(&app).await;
    let (base, inbox) = receiver().await;
    let port = base.rsplit(':').next().unwrap().to_owned();
    for url in [
        format!("{base}/hook"),
        format!("http://localhost:{port}/hook"),
        "http://10.1.2.3/hook".to_owned(),
        "http://169.254.169.254/latest/meta-data".to_owned(),
        format!("http://[::1]:{port}/hook"),
        "ftp://example.org/hook".to_owned(),
        "not a url".to_owned(),
    ] {
        let r = app
            .client
            .post(app.url(&format!("/api/v1/offices/{}/webhooks", office.id)))
            .bearer_auth(&app.admin_token)
            .json(&json!({"url": url, "events": ["booking.created"]}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{url}");
        let problem: Value = r.json().await.unwrap();
        assert_eq!(problem["errors"][0]["field"], "url", "{problem}");
    }
    let unknown = app
        .client
        .post(app.url(&format!("/api/v1/offices/{}/webhooks", office.id)))
        .bearer_auth(&app.admin_token)
        .json(&json!({"url": "https://example.org/hook", "events": ["booking.exploded"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.count("webhook").await, 0);

    // An endpoint written straight into the database (as if added when allowed) is
    // still never called: the delivery fails with the reason.
    use sea_orm::{ActiveModelTrait, ActiveValue::Set};
    entity::webhook::ActiveModel {
        office_id: Set(i32::try_from(office.id).unwrap()),
        url: Set(format!("{base}/hook")),
        events: Set("booking.created".into()),
        secret: Set("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw".into()),
        created_at: Set(app.clock.now()),
        ..Default::default()
    }
    .insert(&app.db.conn)
    .await
    .unwrap();
    app.book(&office, "2026-03-20T10:00:00+01:00", "elena@example.org")
        .await;
    let report = app.step_outbox().await;
    assert_eq!(report.failed, 1, "{report:?}");
    assert!(inbox.got.lock().unwrap().is_empty());
    let row = app
        .outbox_rows()
        .await
        .into_iter()
        .find(|m| m.kind == "webhook")
        .unwrap();
    assert!(
        row.last_error
            .as_deref()
            .unwrap_or_default()
            .contains("public"),
        "{row:?}"
    );

    // With private addresses allowed, a redirect is still not followed.
    let app = TestApp::spawn().await;
    let office = office_with(&app).await;
    let hook = add_webhook(&app, &office, &format!("{base}/moved"), &["ping"]).await;
    app.client
        .post(app.url(&format!("/api/v1/webhooks/{}/test", hook["id"])))
        .bearer_auth(&app.admin_token)
        .send()
        .await
        .unwrap();
    let report = app.step_outbox().await;
    assert_eq!(
        report.retried, 1,
        "a redirect is not a delivery: {report:?}"
    );
    assert_eq!(inbox.redirected.load(Ordering::SeqCst), 0);
}

async fn office_with(app: &TestApp) -> Office {
    office(app).await
}

#[tokio::test]
async fn concurrent_bookings_and_two_senders_deliver_each_event_once() {
    let app = TestApp::spawn().await;
    let office = app
        .office(OfficeSpec {
            rooms: vec![("Sala", 100, None)],
            counters: (0..4).map(|_| (0, vec![0])).collect(),
            ..Default::default()
        })
        .await;
    let (base, inbox) = receiver().await;
    let hook = add_webhook(&app, &office, &format!("{base}/hook"), &["booking.created"]).await;
    let secret = hook["secret"].as_str().unwrap().to_owned();
    // Sixty requests at once for twelve slots of four places: 48 bookings.
    let starts: Vec<String> = (0..12)
        .map(|i| {
            let minutes = 9 * 60 + i * 20;
            format!(
                "2026-03-23T{:02}:{:02}:00+01:00",
                minutes / 60,
                minutes % 60
            )
        })
        .collect();
    let requests = (0..60).map(|i| {
        let (client, url) = (app.client.clone(), app.url("/api/v1/bookings"));
        let body = booking_body(&office, 0, &starts[i % 12], 1, &format!("c{i}@example.org"));
        async move { client.post(url).json(&body).send().await.unwrap().status() }
    });
    let answers = futures::future::join_all(requests).await;
    let created = answers
        .iter()
        .filter(|s| **s == StatusCode::CREATED)
        .count();
    assert_eq!(created, 48, "{answers:?}");
    // Two senders at once, as two processes would run them.
    let (a, b) = tokio::join!(app.step_outbox(), app.step_outbox());
    let (c, d) = tokio::join!(app.step_outbox(), app.step_outbox());
    assert_eq!(
        a.sent + b.sent + c.sent + d.sent,
        48 + 48,
        "emails and webhooks"
    );
    let got = inbox.got.lock().unwrap().clone();
    assert_eq!(got.len(), 48);
    let mut per_id: HashMap<String, usize> = HashMap::new();
    let mut references = std::collections::HashSet::new();
    for g in &got {
        assert_signed(g, &secret);
        *per_id.entry(g.id.clone()).or_default() += 1;
        references.insert(g.json()["data"]["reference"].as_str().unwrap().to_owned());
    }
    assert!(per_id.values().all(|n| *n == 1), "each id once");
    assert_eq!(references.len(), 48, "one event per booking");
    let queued = app.count("outbox_message WHERE kind = 'webhook'").await;
    assert_eq!(queued, 48);
}

#[tokio::test]
async fn two_server_processes_deliver_each_event_once() {
    use crate::two_processes::{
        book_at, create_admin, open_office, pg_server, sportello, start_cmd, starts_a_week_ahead,
    };
    let pg = crate::helpers::PgDatabase::create(&pg_server().await).await;
    let dir = tempfile::tempdir().unwrap();
    let admin = ("admin@hooks-processes.example", "hooks-processes-pw");
    create_admin(&pg.url(), dir.path(), admin.0, admin.1);
    let servers: Vec<_> = (0..2)
        .map(|_| {
            let mut cmd = sportello(&pg.url(), dir.path());
            cmd.env("SPORTELLO_WEBHOOK_ALLOW_PRIVATE", "on");
            start_cmd(cmd)
        })
        .collect();
    let office = open_office(&servers[0].address, admin, 10, 10, ["00:00", "23:40"]).await;
    let (base, inbox) = receiver().await;
    let r = crate::helpers::client()
        .post(format!(
            "{}/api/v1/offices/{}/webhooks",
            servers[1].address, office.office
        ))
        .bearer_auth(&office.token)
        .json(&json!({"url": format!("{base}/hook"), "events": ["booking.created"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let secret = r.json::<Value>().await.unwrap()["secret"]
        .as_str()
        .unwrap()
        .to_owned();
    let starts = starts_a_week_ahead(&servers[0].address, &office).await;
    // Thirty bookings at once over both processes, whose senders both run.
    let bookings = (0..30).map(|i| {
        let (base, office, start) = (
            servers[i % 2].address.clone(),
            &office,
            starts[i % starts.len()].clone(),
        );
        async move {
            book_at(&base, office, &start, &format!("p{i}@example.org"))
                .await
                .status()
        }
    });
    let answers = futures::future::join_all(bookings).await;
    assert!(
        answers.iter().all(|s| *s == StatusCode::CREATED),
        "{answers:?}"
    );
    for _ in 0..200 {
        if inbox.got.lock().unwrap().len() >= 30 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    // A moment more, for any second copy to show.
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    let got = inbox.got.lock().unwrap().clone();
    assert_eq!(got.len(), 30, "each booking's event once");
    let ids: std::collections::HashSet<_> = got.iter().map(|g| g.id.clone()).collect();
    assert_eq!(ids.len(), 30);
    for g in &got {
        assert_signed(g, &secret);
    }
}
