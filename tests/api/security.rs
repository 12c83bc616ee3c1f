//! The security review's findings (issue 22), each shown fixed against the real server:
//! quoted mailboxes, what a stranger can learn about a person, hold hoarding, dates that
//! overflowed, the resend race, slow connections, idempotent replays across clients,
//! caching, the calendar file, managers probing other offices, and device cookies.

use std::time::Duration as StdDuration;

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use sportello::domain::Role;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::helpers::{Office, OfficeSpec, TestApp, booking_body};

const MONDAY: &str = "2026-03-23";

fn at(time: &str) -> String {
    format!("{MONDAY}T{time}:00+01:00")
}

async fn outbox_to(app: &TestApp, kind: &str, recipient: &str) -> i64 {
    app.count(&format!(
        "outbox_message WHERE kind = '{kind}' AND recipient = '{recipient}'"
    ))
    .await
}

/// Free places at 09:00..12:40 on Monday, as the public slot list tells them.
async fn free_places(app: &TestApp, office: &Office) -> i64 {
    let list: Value = app
        .get(&format!(
            "/api/v1/offices/{}/services/{}/slots?from={MONDAY}&to={MONDAY}",
            office.id, office.services[0]
        ))
        .await
        .json()
        .await
        .unwrap();
    list["slots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["remaining"].as_i64().unwrap())
        .sum()
}

/// Finding 1: each quoted spelling used to be a new mailbox for the limits and a new
/// citizen, while the mail server delivered all of them to one `To:`.
#[tokio::test]
async fn quoted_local_parts_are_refused_and_reach_no_mailbox() {
    let app = TestApp::spawn_with(|c| c.http.rate_limit = true).await;
    let office = app.office(OfficeSpec::default()).await;
    let spellings = [
        r#""flood"@example.org"#,
        r#""fl\ood"@example.org"#,
        r#""\qvictim"@example.org"#,
        r#""victim"@example.org"#,
        "victim(x)@example.org",
    ];
    for (i, email) in spellings.iter().enumerate() {
        let start = at(&format!("{:02}:00", 9 + i));
        let r = app
            .post(
                "/api/v1/bookings",
                &booking_body(&office, 0, &start, 1, email),
            )
            .await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{email}");
        let problem: Value = r.json().await.unwrap();
        assert_eq!(problem["errors"][0]["field"], "citizen.email", "{email}");
    }
    assert_eq!(app.count("booking").await, 0);
    assert_eq!(app.count("outbox_message").await, 0);
}

/// Finding 2: a party that cannot fit used to answer /citizen-limit when the person held
/// a booking and /slot-full when not, with nothing booked and nobody told.
#[tokio::test]
async fn a_stranger_learns_nothing_for_free_about_a_persons_bookings() {
    let app = TestApp::spawn().await;
    let office = app
        .office(OfficeSpec {
            rooms: vec![("Sala", 2, None)],
            ..OfficeSpec::default()
        })
        .await;
    let r = app
        .post(
            "/api/v1/bookings",
            &booking_body(&office, 0, &at("09:00"), 1, "person@example.org"),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let messages_before = app.count("outbox_message").await;
    // A party of three never fits a room of two: the same answer for the person who
    // holds a booking and for one who does not.
    for email in ["person@example.org", "nobody@example.org"] {
        let r = app
            .post(
                "/api/v1/bookings",
                &booking_body(&office, 0, &at("10:00"), 3, email),
            )
            .await;
        assert_eq!(r.status(), StatusCode::CONFLICT, "{email}");
        let problem: Value = r.json().await.unwrap();
        assert_eq!(problem["type"], "/problems/slot-full", "{email}");
    }
    assert_eq!(app.count("outbox_message").await, messages_before);
    // A request that fits meets the limit, and the person is told by email (in the
    // booking's language, with their own name, not the one typed by the requester).
    let mut body = booking_body(&office, 0, &at("10:00"), 1, "person@example.org");
    body["citizen"]["name"] = json!("Impostore");
    let r = app.post("/api/v1/bookings", &body).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let problem: Value = r.json().await.unwrap();
    assert_eq!(problem["type"], "/problems/citizen-limit");
    assert_eq!(
        outbox_to(&app, "citizen_limit", "person@example.org").await,
        1
    );
    let notice = entity::outbox_message::Entity::find()
        .all(&app.db.conn)
        .await
        .unwrap()
        .into_iter()
        .find(|m| m.kind == "citizen_limit")
        .unwrap();
    assert!(
        notice.body_text.contains("Maria Rossi"),
        "{}",
        notice.body_text
    );
    assert!(!notice.body_text.contains("Impostore"));
    assert_eq!(app.count("booking WHERE status = 'confirmed'").await, 1);
    // The waiting list answers a second join of the same address like a first one.
    let join = json!({"office_id": office.id, "service_id": office.services[0],
        "citizen": {"name": "X", "email": "person@example.org"},
        "date_from": MONDAY, "date_to": MONDAY});
    let first = app.post("/api/v1/waiting-list", &join).await;
    let second = app.post("/api/v1/waiting-list", &join).await;
    assert_eq!(first.status(), StatusCode::CREATED);
    assert_eq!(second.status(), first.status());
    let (a, b): (Value, Value) = (first.json().await.unwrap(), second.json().await.unwrap());
    let keys = |v: &Value| v.as_object().unwrap().keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(&a), keys(&b));
}

use sea_orm::EntityTrait;

/// The CSRF token a page's forms carry.
fn form_csrf(page: &str) -> String {
    let needle = "name=\"csrf\" value=\"";
    page[page.find(needle).unwrap() + needle.len()..]
        .split('"')
        .next()
        .unwrap()
        .to_string()
}

async fn hold(app: &TestApp, office: &Office, start: &str, forwarded: &str) -> (StatusCode, Value) {
    let r = app
        .client
        .post(app.url("/api/v1/holds"))
        .header("x-forwarded-for", forwarded)
        .json(
            &json!({"office_id": office.id, "service_id": office.services[0],
                      "start": start, "party_size": 1}),
        )
        .send()
        .await
        .unwrap();
    let status = r.status();
    let retry = r.headers().get("retry-after").cloned();
    let mut body: Value = r.json().await.unwrap_or(Value::Null);
    if let Some(v) = retry {
        body["retry_after_header"] = json!(v.to_str().unwrap());
    }
    (status, body)
}

/// Finding 3: one client took a service's free slots of a day from 18 to 0 with holds.
/// Now one address keeps at most 4 (an IPv6 /64 counts as one address), sent at once or
/// not, and a browser at most 2 (its newest replaces its oldest).
#[tokio::test]
async fn one_client_cannot_hold_a_whole_day() {
    let app = TestApp::spawn_with(|c| {
        c.http.rate_limit = true;
        c.http.trusted_proxy = Some("127.0.0.1".parse().unwrap());
    })
    .await;
    let office = app.office(OfficeSpec::default()).await;
    let before = free_places(&app, &office).await;
    let starts: Vec<String> = (0..12)
        .map(|i| at(&format!("{:02}:{:02}", 9 + i / 3, (i % 3) * 20)))
        .collect();
    // Six at once from one address: four get a place.
    let results = futures::future::join_all(
        starts[..6]
            .iter()
            .map(|s| hold(&app, &office, s, "203.0.113.7")),
    )
    .await;
    let won = results
        .iter()
        .filter(|(s, _)| *s == StatusCode::CREATED)
        .count();
    assert_eq!(won, 4, "{results:?}");
    for (status, body) in results.iter().filter(|(s, _)| *s != StatusCode::CREATED) {
        assert_eq!(*status, StatusCode::TOO_MANY_REQUESTS);
        assert_eq!(body["type"], "/problems/too-many-holds");
        let wait: i64 = body["retry_after_header"]
            .as_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!((1..=300).contains(&wait), "{wait}");
    }
    assert_eq!(free_places(&app, &office).await, before - 4);
    assert_eq!(app.count("booking WHERE status = 'held'").await, 4);
    // Two IPv6 addresses of one /64 are one client; the next /64 is another.
    for (i, addr) in [
        "2001:db8:0:1::1",
        "2001:db8:0:1:ffff::2",
        "2001:db8:0:1::3",
        "2001:db8:0:1::4",
    ]
    .iter()
    .enumerate()
    {
        assert_eq!(
            hold(&app, &office, &starts[6 + i], addr).await.0,
            StatusCode::CREATED
        );
    }
    assert_eq!(
        hold(&app, &office, &starts[10], "2001:db8:0:1:abcd::9")
            .await
            .0,
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(
        hold(&app, &office, &starts[10], "2001:db8:0:2::1").await.0,
        StatusCode::CREATED
    );
    // Once the holds lapse, the address may hold again.
    app.clock.advance(chrono::Duration::minutes(6));
    assert_eq!(
        hold(&app, &office, &starts[11], "203.0.113.7").await.0,
        StatusCode::CREATED
    );
}

#[tokio::test]
async fn a_browser_keeps_at_most_two_holds_and_its_newest_replaces_its_oldest() {
    let app = TestApp::spawn_with(|c| c.http.rate_limit = true).await;
    let office = app.office(OfficeSpec::default()).await;
    let web = crate::helpers::client_builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let page = web
        .get(app.url(&format!(
            "/book/{}/{}/{MONDAY}",
            office.id, office.services[0]
        )))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = form_csrf(&page);
    let mut details = Vec::new();
    for time in ["09:00", "09:20", "09:40"] {
        let r = web
            .post(app.url("/book/hold"))
            .form(&[
                ("csrf", csrf.as_str()),
                ("lang", "it"),
                ("office_id", &office.id.to_string()),
                ("service_id", &office.services[0].to_string()),
                ("start", &at(time)),
                ("party_size", "1"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{time}");
        details.push(r.headers()["location"].to_str().unwrap().to_string());
    }
    let held: Vec<String> = app
        .booking_rows()
        .await
        .into_iter()
        .filter(|b| b.status == entity::status::BookingStatus::Held)
        .map(|b| b.start_at.to_rfc3339())
        .collect();
    assert_eq!(held.len(), 2, "{held:?}");
    // The first choice's form now says its hold is gone; the last one is there.
    let first = web.get(app.url(&details[0])).send().await.unwrap();
    assert_eq!(first.status(), StatusCode::CONFLICT);
    let last = web.get(app.url(&details[2])).send().await.unwrap();
    assert_eq!(last.status(), StatusCode::OK);
}

/// Finding 4: `from=+262142-12-31` overflowed date arithmetic on the pages: the
/// connection closed with no answer. Every page's date parameters now answer a page.
#[tokio::test]
async fn hostile_dates_and_query_values_on_pages_answer_pages_never_a_crash() {
    let app = TestApp::spawn().await;
    let office = app.office(OfficeSpec::default()).await;
    let (o, s) = (office.id, office.services[0]);
    let hostile = [
        "%2B262142-12-31",
        "262143-01-01",
        "-262143-01-01",
        "9999-12-31",
        "2200-12-31",
        "1999-12-31",
        "0000-00-00",
        "2026-02-30",
        "%00",
        "%F0%9F%92%A5",
        "%0d%0aX-Evil:1",
        &"9".repeat(400),
    ];
    let mut paths = Vec::new();
    for h in hostile {
        paths.push(format!("/book/{o}/{s}?from={h}"));
        paths.push(format!("/book/{o}/{s}/{h}"));
        paths.push(format!("/waitlist/join/{o}/{s}?date={h}"));
        paths.push(format!(
            "/api/v1/offices/{o}/services/{s}/slots?from={h}&to={h}"
        ));
        paths.push(format!(
            "/api/v1/offices/{o}/services/{s}/slots?from=2026-03-23&to={h}"
        ));
        paths.push(format!("/b/{h}?token={h}"));
        paths.push(format!("/?lang={h}"));
        paths.push(format!("/staff/agenda?date={h}"));
        paths.push(format!("/manage/stats?office={o}&from={h}&to={h}"));
        paths.push(format!("/manage/audit?from={h}&to={h}"));
    }
    for path in &paths {
        let r = app.admin_page(path).await;
        let status = r.status();
        assert!(
            status.is_success() || status.is_client_error(),
            "{path}: {status}"
        );
        let text = r.text().await.unwrap();
        assert!(!text.is_empty(), "{path}: empty answer");
    }
    let r = app.get(&format!("/book/{o}/{s}/%2B262142-12-31")).await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert!(r.text().await.unwrap().contains("<html lang=\"it\""));
    let r = app
        .get(&format!(
            "/api/v1/offices/{o}/services/{s}/slots?from=%2B262142-12-31&to=%2B262142-12-31"
        ))
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

/// Finding 5: resends sent at once let 4–5 copies through where 3 are allowed.
#[tokio::test]
async fn resends_sent_at_once_queue_exactly_the_three_allowed() {
    let app = TestApp::spawn().await;
    let office = app.office(OfficeSpec::default()).await;
    let b: Value = app
        .post(
            "/api/v1/bookings",
            &booking_body(&office, 0, &at("09:00"), 1, "resend@example.org"),
        )
        .await
        .json()
        .await
        .unwrap();
    let (reference, token) = (
        b["reference"].as_str().unwrap().to_string(),
        b["manage_token"].as_str().unwrap().to_string(),
    );
    let web = crate::helpers::client_builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let page = web
        .get(app.url(&format!("/b/{reference}?token={token}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = form_csrf(&page);
    let sends = (0..12).map(|_| {
        web.post(app.url(&format!("/b/{reference}/resend")))
            .form(&[("csrf", csrf.as_str()), ("lang", "it"), ("token", &token)])
            .send()
    });
    let statuses: Vec<StatusCode> = futures::future::join_all(sends)
        .await
        .into_iter()
        .map(|r| r.unwrap().status())
        .collect();
    let accepted = statuses
        .iter()
        .filter(|s| **s == StatusCode::SEE_OTHER)
        .count();
    assert_eq!(accepted, 3, "{statuses:?}");
    assert!(
        statuses
            .iter()
            .all(|s| *s == StatusCode::SEE_OTHER || *s == StatusCode::TOO_MANY_REQUESTS)
    );
    assert_eq!(
        outbox_to(&app, "confirmation", "resend@example.org").await,
        4,
        "the confirmation and three copies"
    );
}

/// Finding 6: connections that sent half a request header stayed open for minutes.
#[tokio::test]
async fn connections_that_send_half_a_header_or_nothing_are_closed() {
    let app = TestApp::spawn_with(|c| c.http.header_timeout = StdDuration::from_secs(1)).await;
    let addr = app.address.trim_start_matches("http://").to_string();
    let mut conns = Vec::new();
    for i in 0..20 {
        let mut s = tokio::net::TcpStream::connect(&addr).await.unwrap();
        if i % 2 == 0 {
            s.write_all(b"GET /api/v1/offices HTTP/1.1\r\nHost: x\r\nX-Slow: ")
                .await
                .unwrap();
        }
        conns.push(s);
    }
    let started = std::time::Instant::now();
    for mut s in conns {
        let mut buf = [0u8; 512];
        // The server ends each connection (with a 408 or just closing it) well before 10 s.
        let read = tokio::time::timeout(StdDuration::from_secs(10), async {
            loop {
                match s.read(&mut buf).await {
                    Ok(0) | Err(_) => break,
                    Ok(_) => {}
                }
            }
        })
        .await;
        assert!(read.is_ok(), "a slow connection was still open");
    }
    assert!(started.elapsed() < StdDuration::from_secs(10));
    // The server still serves everyone else.
    assert_eq!(app.get("/api/v1/offices").await.status(), StatusCode::OK);
}

async fn keyed_booking(
    app: &TestApp,
    body: &Value,
    key: &str,
    forwarded: &str,
) -> (StatusCode, Value) {
    let r = app
        .client
        .post(app.url("/api/v1/bookings"))
        .header("idempotency-key", key)
        .header("x-forwarded-for", forwarded)
        .json(body)
        .send()
        .await
        .unwrap();
    (r.status(), r.json().await.unwrap())
}

/// Finding 7: another client sending the same key and body received the first client's
/// manage token, and the table kept it in clear.
#[tokio::test]
async fn idempotent_replays_belong_to_their_client_and_the_table_keeps_no_token() {
    let app =
        TestApp::spawn_with(|c| c.http.trusted_proxy = Some("127.0.0.1".parse().unwrap())).await;
    let office = app.office(OfficeSpec::default()).await;
    let body = booking_body(&office, 0, &at("09:00"), 1, "keyed@example.org");
    let (s1, first) = keyed_booking(&app, &body, "key-1", "198.51.100.1").await;
    assert_eq!(s1, StatusCode::CREATED);
    let token = first["manage_token"].as_str().unwrap();
    // The same client replays its own answer, token included.
    let (s2, again) = keyed_booking(&app, &body, "key-1", "198.51.100.1").await;
    assert_eq!((s2, &again), (StatusCode::CREATED, &first));
    // Another client with the same key and body is a new request: no token of anyone's.
    let (s3, other) = keyed_booking(&app, &body, "key-1", "198.51.100.2").await;
    assert_eq!(s3, StatusCode::CONFLICT, "{other}");
    assert!(!other.to_string().contains(token));
    // Stored: neither the key nor the token in clear.
    let rows = entity::idempotency_key::Entity::find()
        .all(&app.db.conn)
        .await
        .unwrap();
    assert!(!rows.is_empty());
    for row in rows {
        assert_ne!(row.key, "key-1");
        assert!(!row.response_body.contains(token));
        assert!(!row.response_body.contains("keyed@example.org"));
    }
    assert_eq!(app.count("booking WHERE status = 'confirmed'").await, 1);
}

/// Finding 8: caching, the calendar file's link, and managers probing other offices.
#[tokio::test]
async fn tokens_are_never_cached_the_calendar_cannot_cancel_and_other_offices_look_unknown() {
    let app = TestApp::spawn().await;
    let a = app.office(OfficeSpec::default()).await;
    let b = app.office(OfficeSpec::default()).await;
    let r = app
        .post(
            "/api/v1/bookings",
            &booking_body(&a, 0, &at("09:00"), 1, "cache@example.org"),
        )
        .await;
    assert_eq!(r.headers()["cache-control"], "no-store");
    let booking: Value = r.json().await.unwrap();
    let (reference, token) = (
        booking["reference"].as_str().unwrap(),
        booking["manage_token"].as_str().unwrap(),
    );
    for path in [
        format!("/b/{reference}?token={token}"),
        format!("/api/v1/bookings/{reference}?token={token}"),
        format!("/b/{reference}"),
    ] {
        let r = app.get(&path).await;
        assert_eq!(r.status(), StatusCode::OK, "{path}");
        assert_eq!(r.headers()["cache-control"], "no-store", "{path}");
    }
    assert_eq!(
        app.get("/static/app.css").await.headers()["cache-control"],
        "public, max-age=3600"
    );
    // The calendar file links to the booking page without the token; that page asks
    // for it (in the page's language) and opens the booking with it.
    let ics = entity::outbox_message::Entity::find()
        .all(&app.db.conn)
        .await
        .unwrap()
        .into_iter()
        .find_map(|m| m.ics)
        .unwrap();
    let unfolded = ics.replace("\r\n ", "");
    assert!(!unfolded.contains(token), "{unfolded}");
    assert!(unfolded.contains(&format!("http://sportello.test/b/{reference}")));
    let ask = app
        .get(&format!("/b/{reference}?lang=en"))
        .await
        .text()
        .await
        .unwrap();
    assert!(ask.contains("name=\"token\""));
    assert!(ask.contains("Management code"));
    // A manager of office B: A's reference and A's clerk look like ones that do not exist.
    let manager_b = user(&app, "manager.b@example.org", Role::Manager, b.id).await;
    let clerk_a = sportello::service::staff::auth::create_user(
        &app.db,
        "clerk.a@example.org",
        "a-long-password",
        Role::Staff,
        Some(a.id as i32),
        app.clock.now(),
    )
    .await
    .unwrap();
    let call = |method: Method, path: String, body: Value| {
        app.client
            .request(method, app.url(&path))
            .bearer_auth(&manager_b)
            .json(&body)
            .send()
    };
    let theirs = call(
        Method::POST,
        "/api/v1/impact/notify".into(),
        json!({"references": [reference]}),
    )
    .await
    .unwrap();
    let unknown = call(
        Method::POST,
        "/api/v1/impact/notify".into(),
        json!({"references": ["ZZZ-ZZZ"]}),
    )
    .await
    .unwrap();
    assert_eq!(theirs.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(theirs.status(), unknown.status());
    let theirs = call(
        Method::PATCH,
        format!("/api/v1/users/{}", clerk_a.id),
        json!({"active": false}),
    )
    .await
    .unwrap();
    let unknown = call(
        Method::PATCH,
        "/api/v1/users/999999".into(),
        json!({"active": false}),
    )
    .await
    .unwrap();
    assert_eq!(theirs.status(), StatusCode::NOT_FOUND);
    assert_eq!(theirs.status(), unknown.status());
    assert_eq!(app.count("app_user WHERE active = false").await, 0);
}

async fn user(app: &TestApp, email: &str, role: Role, office: i64) -> String {
    sportello::service::staff::auth::create_user(
        &app.db,
        email,
        "a-long-password",
        role,
        Some(office as i32),
        app.clock.now(),
    )
    .await
    .unwrap();
    app.login(email, "a-long-password").await
}

async fn login_with(client: &reqwest::Client, app: &TestApp, password: &str) -> StatusCode {
    client
        .post(app.url("/api/v1/auth/tokens"))
        .json(&json!({"email": "clerk@example.org", "password": password}))
        .send()
        .await
        .unwrap()
        .status()
}

/// Finding 9: five wrong passwords from anywhere lock an account's logins; a browser
/// that logged in before still may, under its own count, and the lockout is shown.
#[tokio::test]
async fn a_known_browser_logs_in_during_a_lockout_that_managers_can_see() {
    let app = TestApp::spawn().await;
    let office = app.office(OfficeSpec::default()).await;
    sportello::service::staff::auth::create_user(
        &app.db,
        "clerk@example.org",
        "a-long-password",
        Role::Staff,
        Some(office.id as i32),
        app.clock.now(),
    )
    .await
    .unwrap();
    let jar = || {
        crate::helpers::client_builder()
            .cookie_store(true)
            .build()
            .unwrap()
    };
    let clerks_browser = jar();
    assert_eq!(
        login_with(&clerks_browser, &app, "a-long-password").await,
        StatusCode::CREATED
    );
    let stranger = jar();
    for _ in 0..5 {
        assert_eq!(
            login_with(&stranger, &app, "guess").await,
            StatusCode::UNAUTHORIZED
        );
    }
    // Locked for strangers, even with the right password…
    assert_eq!(
        login_with(&stranger, &app, "a-long-password").await,
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(
        login_with(&jar(), &app, "a-long-password").await,
        StatusCode::TOO_MANY_REQUESTS
    );
    // …and the managers see it…
    let users: Value = app
        .admin(
            Method::GET,
            &format!("/api/v1/offices/{}/users", office.id),
            json!(null),
        )
        .await;
    let clerk = users
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["email"] == "clerk@example.org")
        .unwrap();
    assert!(clerk["locked_until"].is_string(), "{clerk}");
    let page = app
        .admin_page(&format!("/staff/users?office={}", office.id))
        .await
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("bloccato"),
        "the accounts page shows the lockout"
    );
    // …but the clerk's own browser logs in.
    assert_eq!(
        login_with(&clerks_browser, &app, "a-long-password").await,
        StatusCode::CREATED
    );
    // A stolen device cookie guesses no more than anyone: five, then refused.
    for _ in 0..5 {
        assert_eq!(
            login_with(&clerks_browser, &app, "guess").await,
            StatusCode::UNAUTHORIZED
        );
    }
    assert_eq!(
        login_with(&clerks_browser, &app, "a-long-password").await,
        StatusCode::TOO_MANY_REQUESTS
    );
}
