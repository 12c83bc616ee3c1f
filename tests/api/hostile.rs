//! Hostile and broken input (issue 8): security headers, oversized bodies, wrong content
//! types, invalid UTF-8, absurd dates, script and SQL in every text field (stored as
//! typed, shown escaped on pages and in emails), forged and truncated QR tokens, expired
//! sessions. Each is a clear 4xx and changes nothing.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{OfficeSpec, TestApp, booking_body, problem_type};

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = TestApp::spawn().await;
    for path in ["/", "/login", "/api/v1/offices", "/nowhere"] {
        let r = app.get(path).await;
        let h = r.headers();
        let csp = h["content-security-policy"].to_str().unwrap();
        assert!(
            csp.contains("frame-ancestors 'none'") && !csp.contains("unsafe-inline"),
            "{path}: {csp}"
        );
        assert!(csp.contains("script-src 'self'"), "{path}");
        assert_eq!(h["x-frame-options"], "DENY");
        assert_eq!(h["x-content-type-options"], "nosniff");
        assert!(
            h.get("strict-transport-security").is_none(),
            "no HSTS over plain HTTP"
        );
    }
    let https =
        TestApp::spawn_with(|c| c.http.base_url = "https://prenota.comune.test".into()).await;
    let r = https.get("/").await;
    assert!(
        r.headers()["strict-transport-security"]
            .to_str()
            .unwrap()
            .starts_with("max-age=")
    );
    // Behind HTTPS every cookie is Secure: the CSRF cookie of a form, the language
    // choice, the staff session.
    let mut cookies = Vec::new();
    let login = https.get("/login?lang=en").await;
    cookies.extend(login.headers().get_all("set-cookie").iter().cloned());
    let csrf = login
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|c| c.strip_prefix("sportello_csrf="))
        .and_then(|c| c.split(';').next())
        .map(str::to_string);
    let page = login.text().await.unwrap();
    let form_csrf = page
        .split("name=\"csrf\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap_or_default()
        .to_string();
    let r = https
        .client
        .post(https.url("/login"))
        .header(
            "cookie",
            format!("sportello_csrf={}", csrf.unwrap_or_default()),
        )
        .form(&[
            ("email", "admin@test.example"),
            ("password", "admin-password-1"),
            ("csrf", form_csrf.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    cookies.extend(r.headers().get_all("set-cookie").iter().cloned());
    let names: Vec<&str> = cookies
        .iter()
        .filter_map(|c| c.to_str().ok())
        .map(|c| c.split('=').next().unwrap_or_default())
        .collect();
    for name in ["sportello_csrf", "lang", "sportello_session"] {
        assert!(names.contains(&name), "{name} missing from {names:?}");
    }
    for c in &cookies {
        assert!(c.to_str().unwrap().ends_with("; Secure"), "{c:?}");
    }
    // Over plain HTTP (a developer's machine) cookies cannot be Secure.
    let plain = app.get("/login").await;
    for c in plain.headers().get_all("set-cookie") {
        assert!(!c.to_str().unwrap().contains("Secure"), "{c:?}");
    }
}

#[tokio::test]
async fn broken_bodies_are_clear_errors_and_change_nothing() {
    let app = TestApp::spawn().await;
    let office = app.office(OfficeSpec::default()).await;
    let send = |body: Vec<u8>, content_type: &'static str| {
        let req = app
            .client
            .post(app.url("/api/v1/bookings"))
            .header("content-type", content_type)
            .body(body);
        async move {
            let r = req.send().await.unwrap();
            let status = r.status();
            let ct = r
                .headers()
                .get("content-type")
                .map(|v| v.to_str().unwrap().to_string());
            (status, ct, r.text().await.unwrap())
        }
    };
    let mut huge = booking_body(&office, 0, "2026-03-23T09:00:00+01:00", 1, "a@example.org");
    huge["citizen"]["name"] = json!("x".repeat(600 * 1024));
    let (status, ct, _) = send(serde_json::to_vec(&huge).unwrap(), "application/json").await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(ct.as_deref(), Some("application/problem+json"));
    let ok = serde_json::to_vec(&booking_body(
        &office,
        0,
        "2026-03-23T09:00:00+01:00",
        1,
        "a@example.org",
    ))
    .unwrap();
    let (status, _, _) = send(ok.clone(), "text/plain").await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let (status, _, _) = send(vec![b'{', 0xff, 0xfe, b'}'], "application/json").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    let (status, _, _) = send(ok[..ok.len() / 2].to_vec(), "application/json").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    // Absurd dates and ranges.
    for start in [
        "+262142-01-01T09:00:00Z",
        "0001-01-01T09:00:00Z",
        "2026-02-30T09:00:00+01:00",
        "tomorrow",
    ] {
        let body = booking_body(&office, 0, start, 1, "a@example.org");
        let r = app.post("/api/v1/bookings", &body).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{start}");
    }
    let far = app
        .get(&format!(
            "/api/v1/offices/{}/services/{}/slots?from=0001-01-01&to=9999-12-31",
            office.id, office.services[0]
        ))
        .await;
    assert_eq!(far.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = app
        .post(
            "/api/v1/bookings",
            &booking_body(&office, 0, "2026-03-23T09:00:00+01:00", -5, "a@example.org"),
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.count("booking").await, 0);
    assert_eq!(app.count("outbox_message").await, 0);
}

#[tokio::test]
async fn script_and_sql_in_text_fields_are_stored_as_typed_and_shown_escaped() {
    let app = TestApp::spawn().await;
    let office = app.office(OfficeSpec::default()).await;
    let name = "<script>alert(1)</script>' OR '1'='1'; DROP TABLE booking;--";
    let mut body = booking_body(&office, 0, "2026-03-23T09:00:00+01:00", 1, "x@example.org");
    body["citizen"]["name"] = json!(name);
    let mut bad_phone = body.clone();
    bad_phone["citizen"]["phone"] = json!("<img src=x onerror=alert(1)>");
    let r = app.post("/api/v1/bookings", &bad_phone).await;
    assert_eq!(
        r.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "a phone is digits"
    );
    let r = app.post("/api/v1/bookings", &body).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let booked: Value = r.json().await.unwrap();
    let row = app.booking_rows().await.remove(0);
    assert_eq!(
        row.citizen_name.as_deref(),
        Some(name),
        "stored exactly as typed"
    );
    let page = app
        .get(&format!(
            "/b/{}?token={}",
            booked["reference"].as_str().unwrap(),
            booked["manage_token"].as_str().unwrap()
        ))
        .await
        .text()
        .await
        .unwrap();
    assert!(!page.contains("<script>alert") && !page.contains("<img src=x"));
    use sea_orm::EntityTrait;
    let mail = entity::outbox_message::Entity::find()
        .all(&app.db.conn)
        .await
        .unwrap()
        .remove(0);
    assert!(
        mail.body_html.contains("&#60;script&#62;") && !mail.body_html.contains("<script>"),
        "{}",
        mail.body_html
    );
    // The clerk's agenda shows it escaped too.
    let agenda = app
        .admin_page(&format!(
            "/staff/agenda?office={}&date=2026-03-23",
            office.id
        ))
        .await
        .text()
        .await
        .unwrap();
    assert!(agenda.contains("&#60;script&#62;alert(1)") && !agenda.contains("<script>alert"));
    // Script in a manager's free text (a closure reason) is escaped on the citizens' page.
    let reason = "<b onmouseover=alert(1)>Chiuso</b>";
    app.admin(
        reqwest::Method::POST,
        &format!("/api/v1/offices/{}/closures", office.id),
        json!({"from": "2026-03-24", "reason": reason}),
    )
    .await;
    let closures = app
        .admin_page(&format!("/manage/closures?office={}", office.id))
        .await
        .text()
        .await
        .unwrap();
    assert!(closures.contains("&#60;b onmouseover=alert(1)&#62;") && !closures.contains(reason));
}

#[tokio::test]
async fn forged_and_truncated_codes_and_expired_sessions_get_nothing() {
    let app = TestApp::spawn().await;
    let office = app.office(OfficeSpec::default()).await;
    let r = app
        .post(
            "/api/v1/bookings",
            &booking_body(&office, 0, "2026-03-20T11:00:00+01:00", 1, "a@example.org"),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let booked: Value = r.json().await.unwrap();
    let url = booked["checkin_url"].as_str().unwrap();
    let token = url.rsplit('/').next().unwrap();
    let truncated = &token[..token.len() - 3];
    let forged = format!("{}AAA", truncated);
    for code in [
        truncated.to_string(),
        forged,
        format!("{url}x"),
        "' OR 1=1 --".into(),
        "%00".into(),
    ] {
        let r = app
            .client
            .post(app.url("/api/v1/checkins"))
            .bearer_auth(&app.admin_token)
            .json(&json!({ "code": code }))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{code}");
        let v: Value = r.json().await.unwrap();
        assert_eq!(v["outcome"], "unknown_code");
    }
    let page = app.admin_page(&format!("/c/{truncated}")).await;
    assert_eq!(page.status(), StatusCode::NOT_FOUND);
    assert_eq!(
        app.count("booking WHERE checked_in_at IS NOT NULL").await,
        0
    );
    // Thirteen hours on, the morning's token is expired: API 401, pages the login form.
    app.clock.advance(chrono::Duration::hours(13));
    let r = app
        .client
        .get(app.url(&format!("/api/v1/offices/{}/agenda", office.id)))
        .bearer_auth(&app.admin_token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(problem_type(&r.json().await.unwrap()), "about:blank");
    let page = app.admin_page("/staff/agenda").await;
    assert_eq!(page.status(), StatusCode::UNAUTHORIZED);
    assert!(page.text().await.unwrap().contains("name=\"password\""));
}

/// An (empty, so refused) hold request that the limiter counts, sent with the
/// `X-Forwarded-For` header given.
async fn hold_forwarded(app: &TestApp, forwarded: &str) -> StatusCode {
    app.client
        .post(app.url("/api/v1/holds"))
        .header("x-forwarded-for", forwarded)
        .json(&json!({}))
        .send()
        .await
        .unwrap()
        .status()
}

/// 21 requests that the limiter counts (a burst of 20), as `client` says it is.
async fn burst(app: &TestApp, forwarded: &str) -> Vec<StatusCode> {
    let mut out = Vec::new();
    for _ in 0..21 {
        out.push(hold_forwarded(app, forwarded).await);
    }
    out
}

#[tokio::test]
async fn behind_the_trusted_proxy_each_citizen_has_a_budget_and_a_forged_header_gains_nothing() {
    let app = TestApp::spawn_with(|c| {
        c.http.rate_limit = true;
        c.http.trusted_proxy = Some("127.0.0.1".parse().unwrap());
    })
    .await;
    let first = burst(&app, "10.0.0.1").await;
    assert!(
        first[..20]
            .iter()
            .all(|s| *s == StatusCode::UNPROCESSABLE_ENTITY)
    );
    assert_eq!(first[20], StatusCode::TOO_MANY_REQUESTS);
    // Another citizen behind the same proxy has a budget of their own…
    assert_eq!(
        hold_forwarded(&app, "10.0.0.2").await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    // …but an address the client puts before the proxy's own entry counts for nothing.
    assert_eq!(
        hold_forwarded(&app, "10.9.9.9, 10.0.0.1").await,
        StatusCode::TOO_MANY_REQUESTS
    );
    // Without a trusted proxy the header is ignored: the peer's budget is spent.
    let direct = TestApp::spawn_with(|c| c.http.rate_limit = true).await;
    let spent = burst(&direct, "10.0.0.1").await;
    assert_eq!(spent[20], StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(
        hold_forwarded(&direct, "10.0.0.2").await,
        StatusCode::TOO_MANY_REQUESTS
    );
}

/// The managers' text fields too: an office's name and address, a room's, a service's
/// and its "what to bring", a counter's. Stored as typed, escaped on every page that
/// shows them and in the confirmation email.
#[tokio::test]
async fn script_in_every_set_up_name_is_escaped_on_pages_and_in_emails() {
    use reqwest::Method;
    let app = TestApp::spawn().await;
    let office = app.office(OfficeSpec::default()).await;
    let raw = |field: &str| format!("<svg onload=alert('{field}')>' OR 1=1;--");
    let escaped = |field: &str| format!("&#60;svg onload=alert(&#39;{field}&#39;)&#62;");
    let other = app
        .admin(
            Method::POST,
            "/api/v1/offices",
            json!({"name": raw("office"), "address": raw("address")}),
        )
        .await;
    // (A room's name is set when it is made: `PUT /rooms/{id}` sets only its limit.)
    app.admin(
        Method::POST,
        &format!("/api/v1/offices/{}/rooms", office.id),
        json!({"name": raw("room"), "occupancy_limit": 10, "parent_room_id": office.rooms[0]}),
    )
    .await;
    let service = app
        .admin(
            Method::PUT,
            &format!("/api/v1/services/{}", office.services[0]),
            json!({"name": raw("service"), "duration_minutes": 20, "horizon_days": 60,
                   "min_notice_minutes": 60, "no_show_grace_minutes": 15,
                   "max_active_per_citizen": 1, "what_to_bring": raw("bring")}),
        )
        .await;
    assert_eq!(service["name"], json!(raw("service")), "stored as typed");
    app.admin(
        Method::POST,
        &format!("/api/v1/rooms/{}/counters", office.rooms[0]),
        json!({"name": raw("counter"), "service_ids": [office.services[0]]}),
    )
    .await;
    let offices: Value = app.get("/api/v1/offices").await.json().await.unwrap();
    let listed = offices
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == other["id"])
        .unwrap();
    assert_eq!(listed["name"], json!(raw("office")));
    assert_eq!(listed["address"], json!(raw("address")));
    // Two bookings at the same time: the second takes the new counter.
    let mut booked = Vec::new();
    for email in ["a@example.org", "b@example.org"] {
        let r = app
            .post(
                "/api/v1/bookings",
                &booking_body(&office, 0, "2026-03-23T09:00:00+01:00", 1, email),
            )
            .await;
        assert_eq!(r.status(), StatusCode::CREATED);
        booked.push(r.json::<Value>().await.unwrap());
    }
    let staff_page = |path: String| {
        let app = &app;
        async move { app.admin_page(&path).await.text().await.unwrap() }
    };
    let mut shown: Vec<(String, String)> = vec![
        ("home".into(), app.get("/").await.text().await.unwrap()),
        (
            "agenda".into(),
            staff_page(format!(
                "/staff/agenda?office={}&date=2026-03-23",
                office.id
            ))
            .await,
        ),
        (
            "rooms".into(),
            staff_page(format!("/manage/rooms?office={}", office.id)).await,
        ),
    ];
    for b in &booked {
        let page = app
            .get(&format!(
                "/b/{}?token={}",
                b["reference"].as_str().unwrap(),
                b["manage_token"].as_str().unwrap()
            ))
            .await
            .text()
            .await
            .unwrap();
        shown.push((format!("booking {}", b["reference"]), page));
    }
    use sea_orm::EntityTrait;
    for mail in entity::outbox_message::Entity::find()
        .all(&app.db.conn)
        .await
        .unwrap()
    {
        shown.push((format!("email to {}", mail.recipient), mail.body_html));
    }
    for (what, html) in &shown {
        assert!(!html.contains("<svg onload"), "{what} shows raw markup");
    }
    let all: String = shown.iter().map(|(_, h)| h.as_str()).collect();
    for field in ["office", "address", "room", "service", "bring", "counter"] {
        assert!(
            all.contains(&escaped(field)),
            "{field} is shown escaped somewhere"
        );
    }
    let mails: Vec<&(String, String)> = shown
        .iter()
        .filter(|(w, _)| w.starts_with("email"))
        .collect();
    assert_eq!(mails.len(), 2);
    for (_, html) in mails {
        assert!(html.contains(&escaped("service")) && html.contains(&escaped("bring")));
    }
}
