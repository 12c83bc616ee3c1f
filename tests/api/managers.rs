//! Managers' tools (issue 7): the impact of closures and shortened hours, the holiday
//! import, "notify these citizens" with the move link, the audit log and statistics
//! checked against figures computed by hand.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use sportello::domain::Role;

use crate::helpers::{OfficeSpec, TestApp, cookie_client, form_field};

async fn call(
    app: &TestApp,
    token: &str,
    method: Method,
    path: &str,
    body: Value,
) -> (StatusCode, Value) {
    let r = app
        .client
        .request(method, app.url(path))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = r.status();
    let text = r.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

fn reference(v: &Value) -> String {
    v["reference"].as_str().unwrap().to_string()
}

fn over(day: &str, from: &str, to: &str, planned: i64, limit: i64, room: i64) -> Value {
    json!({"room_id": room, "from": format!("2026-03-{day}T{from}:00+01:00"),
           "to": format!("2026-03-{day}T{to}:00+01:00"), "planned": planned, "limit": limit})
}

#[tokio::test]
async fn closing_a_day_or_shortening_hours_lists_every_booking_left_outside() {
    let app = TestApp::spawn().await;
    let office = app
        .office(OfficeSpec {
            margin: 10,
            rooms: vec![("Sala", 6, None)],
            services: vec![(20, "in_person", 1), (40, "in_person", 1)],
            counters: vec![(0, vec![0, 1]), (0, vec![0, 1])],
            ..Default::default()
        })
        .await;
    let (room, admin) = (office.rooms[0], app.admin_token.clone());
    // Monday: A (2 persons) at 09:00, B (1 person, 40 min) at 12:20; Tuesday: C at 09:00.
    let a = reference(
        &app.book_with(&office, 0, "2026-03-23T09:00:00+01:00", 2, "a@example.org")
            .await,
    );
    let b = reference(
        &app.book_with(&office, 1, "2026-03-23T12:20:00+01:00", 1, "b@example.org")
            .await,
    );
    let c = reference(
        &app.book_with(&office, 0, "2026-03-24T09:00:00+01:00", 1, "c@example.org")
            .await,
    );
    let closures = format!("/api/v1/offices/{}/closures", office.id);
    let monday = json!({"from": "2026-03-23", "to": "2026-03-23", "reason": "Disinfestazione"});
    let (status, preview) = call(
        &app,
        &admin,
        Method::POST,
        &format!("{closures}?dry_run=true"),
        monday.clone(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let mut ab = vec![a.clone(), b.clone()];
    ab.sort();
    assert_eq!(preview["impact"]["affected_bookings"], json!(ab));
    // The persons planned in a closed office: the room intervals, arrival margin included.
    assert_eq!(
        preview["impact"]["over_limit"],
        json!([
            over("23", "08:50", "09:20", 2, 0, room),
            over("23", "12:10", "13:00", 1, 0, room)
        ])
    );
    assert_eq!(app.count("closure").await, 0, "a dry run saves nothing");
    // One counter closed: its bookings are affected, no room is over its limit.
    let counter = app.booking_rows().await[0].counter_id;
    let (_, one) = call(
        &app,
        &admin,
        Method::POST,
        &format!("{closures}?dry_run=true"),
        json!({"from": "2026-03-23", "counter_id": counter}),
    )
    .await;
    assert_eq!(one["impact"]["over_limit"], json!([]));
    assert!(
        one["impact"]["affected_bookings"]
            .as_array()
            .unwrap()
            .contains(&json!(a))
    );
    // Hours shortened to 12:30 from Monday: only B (until 13:00) is left outside, for the
    // half hour after closing.
    let weekly: serde_json::Map<String, Value> = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
        .iter()
        .map(|d| (d.to_string(), json!([["09:00", "12:30"]])))
        .collect();
    let hours = format!("/api/v1/offices/{}/opening-hours", office.id);
    let (status, shorter) = call(
        &app,
        &admin,
        Method::PUT,
        &format!("{hours}?dry_run=true"),
        json!({"valid_from": "2026-03-23", "valid_to": null, "weekly": weekly}),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(shorter["impact"]["affected_bookings"], json!([b]));
    assert_eq!(
        shorter["impact"]["over_limit"],
        json!([over("23", "12:30", "13:00", 1, 0, room)])
    );
    let slots = format!(
        "/api/v1/offices/{}/services/{}/slots?from=2026-03-23&to=2026-03-23",
        office.id, office.services[0]
    );
    let before: Value = app.get(&slots).await.json().await.unwrap();
    assert!(
        before["slots"].to_string().contains("12:40"),
        "the dry run changed nothing"
    );
    // Saved: the same impact, the bookings stay, the day is closed for new bookings.
    let (status, saved) = call(&app, &admin, Method::POST, &closures, monday).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(saved["impact"], preview["impact"]);
    assert_eq!(app.count("booking WHERE status = 'confirmed'").await, 3);
    let after: Value = app.get(&slots).await.json().await.unwrap();
    assert_eq!(after["slots"], json!([]));
    let audit = app
        .count("audit_log WHERE entity = 'closure' AND action = 'create'")
        .await;
    assert_eq!(audit, 1);
    // Removed again: the day reopens, and that is audited too.
    let id = saved["id"].as_i64().unwrap();
    let (status, _) = call(
        &app,
        &admin,
        Method::DELETE,
        &format!("/api/v1/closures/{id}"),
        json!({}),
    )
    .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let reopened: Value = app.get(&slots).await.json().await.unwrap();
    assert!(reopened["slots"].to_string().contains("12:40"));
    assert_eq!(
        app.count("audit_log WHERE entity = 'closure' AND action = 'delete'")
            .await,
        1
    );
    let _ = c;
}

#[tokio::test]
async fn the_holiday_import_closes_a_year_of_public_holidays_and_patron_days_once() {
    let app = TestApp::spawn().await;
    let office = app.office(OfficeSpec::default()).await;
    let admin = app.admin_token.clone();
    // Easter Monday 2026 is 6 April; a booking on it is affected.
    let easter = reference(
        &app.book_with(&office, 0, "2026-04-06T09:00:00+02:00", 1, "e@example.org")
            .await,
    );
    let path = format!("/api/v1/offices/{}/closures/holidays", office.id);
    let body = json!({"year": 2026, "patron_days": [{"date": "05-08", "name": "San Nicola (traslazione)"},
                                                     {"date": "12-06", "name": "San Nicola"}]});
    let (status, preview) = call(
        &app,
        &admin,
        Method::POST,
        &format!("{path}?dry_run=true"),
        body.clone(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let dates: Vec<&str> = preview["closures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["from"].as_str().unwrap())
        .collect();
    assert_eq!(
        dates,
        vec![
            "2026-01-01",
            "2026-01-06",
            "2026-04-06",
            "2026-04-25",
            "2026-05-01",
            "2026-05-08",
            "2026-06-02",
            "2026-08-15",
            "2026-11-01",
            "2026-12-06",
            "2026-12-08",
            "2026-12-25",
            "2026-12-26"
        ]
    );
    assert_eq!(preview["impact"]["affected_bookings"], json!([easter]));
    assert_eq!(app.count("closure").await, 0);
    let (status, saved) = call(&app, &admin, Method::POST, &path, body.clone()).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(saved["closures"].as_array().unwrap().len(), 13);
    assert_eq!(app.count("closure").await, 13);
    // Again: every day is closed already, nothing is added.
    let (status, again) = call(&app, &admin, Method::POST, &path, body).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(again["closures"], json!([]));
    assert_eq!(app.count("closure").await, 13);
    // The list shows those from today (20 March) on.
    let (_, listed) = call(
        &app,
        &admin,
        Method::GET,
        &format!("/api/v1/offices/{}/closures", office.id),
        Value::Null,
    )
    .await;
    assert_eq!(listed.as_array().unwrap().len(), 11);
    // Bad input changes nothing.
    let (status, problem) = call(
        &app,
        &admin,
        Method::POST,
        &path,
        json!({"year": 2026, "patron_days": [{"date": "13-45", "name": "x"}]}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(problem["errors"][0]["field"], "patron_days[0].date");
    assert_eq!(app.count("closure").await, 13);
}

/// Invitation tokens from the queued emails, by recipient.
async fn invitations(app: &TestApp) -> Vec<(String, String)> {
    use sea_orm::EntityTrait;
    entity::outbox_message::Entity::find()
        .all(&app.db.conn)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.kind == "rebook_invite")
        .map(|m| {
            let i = m.body_text.find("/m/").expect("move link");
            let token: String = m.body_text[i + 3..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                .collect();
            (m.recipient, token)
        })
        .collect()
}

#[tokio::test]
async fn notify_emails_each_affected_citizen_once_and_the_link_moves_the_booking() {
    let app = TestApp::spawn().await;
    let office = app
        .office(OfficeSpec {
            rooms: vec![("Sala", 3, None)],
            counters: vec![(0, vec![0]), (0, vec![0]), (0, vec![0])],
            ..Default::default()
        })
        .await;
    let admin = app.admin_token.clone();
    let mut refs = Vec::new();
    for email in ["a@example.org", "b@example.org", "c@example.org"] {
        refs.push(reference(
            &app.book_with(&office, 0, "2026-03-23T09:00:00+01:00", 1, email)
                .await,
        ));
    }
    refs.sort();
    let (status, lowered) = call(
        &app,
        &admin,
        Method::PUT,
        &format!("/api/v1/rooms/{}", office.rooms[0]),
        json!({"occupancy_limit": 1}),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(lowered["impact"]["affected_bookings"], json!(refs));
    // A manager of another office may not notify them; an unknown reference sends nothing.
    let other = app.office(OfficeSpec::default()).await;
    let manager_b = app
        .account("manager-b@example.org", Role::Manager, Some(other.id))
        .await
        .token;
    let notify = |token: String, refs: Value| {
        let app = &app;
        async move {
            call(
                app,
                &token,
                Method::POST,
                "/api/v1/impact/notify",
                json!({"references": refs}),
            )
            .await
        }
    };
    // Another office's references look unknown: a manager learns nothing of them.
    let (status, problem) = notify(manager_b, json!(refs)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{problem}");
    let (status, problem) = notify(admin.clone(), json!([refs[0], "ZZZ-ZZZ"])).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(
        problem["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("ZZZ-ZZZ")
    );
    assert_eq!(
        app.count("outbox_message WHERE kind = 'rebook_invite'")
            .await,
        0
    );
    // One email per affected booking; a second click sends nothing more.
    let (status, sent) = notify(
        admin.clone(),
        lowered["impact"]["affected_bookings"].clone(),
    )
    .await;
    assert_eq!(status, StatusCode::ACCEPTED);
    assert_eq!(sent["queued"], 3);
    let (_, again) = notify(admin.clone(), json!(refs)).await;
    assert_eq!(
        (again["queued"].as_i64(), again["already_notified"].as_i64()),
        (Some(0), Some(3))
    );
    let mut invited = invitations(&app).await;
    invited.sort();
    let recipients: Vec<&str> = invited.iter().map(|(r, _)| r.as_str()).collect();
    assert_eq!(
        recipients,
        vec!["a@example.org", "b@example.org", "c@example.org"]
    );
    assert_eq!(
        app.count("booking WHERE status = 'confirmed'").await,
        3,
        "nothing is cancelled"
    );
    assert_eq!(app.count("audit_log WHERE action = 'notify'").await, 1);

    // A's citizen opens the link, sees Tuesday's times and moves there.
    let browser = cookie_client();
    let link = format!("/m/{}", invited[0].1);
    let page = browser
        .get(app.url(&format!("{link}?date=2026-03-24&lang=en")))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let html = page.text().await.unwrap();
    assert!(html.contains("Choose a new time") && html.contains("2026-03-24T09:00:00+01:00"));
    let before = app
        .booking_rows()
        .await
        .into_iter()
        .find(|b| b.citizen_email.as_deref() == Some("a@example.org"))
        .unwrap();
    let form = [
        ("csrf", form_field(&html, "csrf")),
        ("lang", "en".into()),
        ("start", "2026-03-24T09:00:00+01:00".into()),
    ];
    let moved = browser
        .post(app.url(&link))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(moved.status(), StatusCode::OK);
    assert!(
        moved
            .text()
            .await
            .unwrap()
            .contains("the appointment has moved")
    );
    let after = app
        .booking_rows()
        .await
        .into_iter()
        .find(|b| b.id == before.id)
        .unwrap();
    assert_eq!(after.start_at.to_rfc3339(), "2026-03-24T08:00:00+00:00");
    assert_eq!(
        (
            after.status.to_string().as_str(),
            &after.reference,
            &after.checkin_token
        ),
        ("confirmed", &before.reference, &before.checkin_token)
    );
    assert_ne!(
        after.manage_token_hash, before.manage_token_hash,
        "the new confirmation carries a new manage link"
    );
    let metrics = app.get("/metrics").await.text().await.unwrap();
    assert!(metrics.contains(r#"sportello_places_taken_total{outcome="moved"} 1"#));
    assert!(
        after.reconfirmed_at.is_some(),
        "choosing the time counts as reconfirming it"
    );
    assert_eq!(
        app.count("outbox_message WHERE kind = 'confirmation' AND recipient = 'a@example.org'")
            .await,
        2
    );
    assert_eq!(
        app.count("audit_log WHERE action = 'move' AND entity = 'booking'")
            .await,
        1
    );
    // The link works once.
    let reused = browser
        .post(app.url(&link))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(reused.status(), StatusCode::CONFLICT);

    // B moves to 09:20 on Monday; C then cannot take it too (the room's limit is 1 now),
    // and keeps the appointment it has.
    let (b_token, c_token) = (&invited[1].1, &invited[2].1);
    for (token, want) in [(b_token, StatusCode::OK), (c_token, StatusCode::CONFLICT)] {
        let link = format!("/m/{token}");
        let html = browser
            .get(app.url(&link))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let form = [
            ("csrf", form_field(&html, "csrf")),
            ("lang", "en".into()),
            ("start", "2026-03-23T09:20:00+01:00".into()),
        ];
        let r = browser
            .post(app.url(&link))
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), want, "{token}");
    }
    let c_row = app
        .booking_rows()
        .await
        .into_iter()
        .find(|b| b.citizen_email.as_deref() == Some("c@example.org"))
        .unwrap();
    assert_eq!(
        (
            c_row.status.to_string().as_str(),
            c_row.start_at.to_rfc3339()
        ),
        ("confirmed", "2026-03-23T08:00:00+00:00".to_string())
    );
    crate::helpers::assert_capacity_holds(&app).await;
}

#[tokio::test]
async fn the_audit_log_shows_before_and_after_to_the_office_managers_only() {
    let app = TestApp::spawn().await;
    let office = app.office(OfficeSpec::default()).await;
    let other = app.office(OfficeSpec::default()).await;
    let manager = app
        .account("manager@example.org", Role::Manager, Some(office.id))
        .await
        .token;
    let manager_b = app
        .account("manager-b@example.org", Role::Manager, Some(other.id))
        .await
        .token;
    let clerk = app
        .account("clerk@example.org", Role::Staff, Some(office.id))
        .await
        .token;
    let room = office.rooms[0];
    let (status, _) = call(
        &app,
        &manager,
        Method::PUT,
        &format!("/api/v1/rooms/{room}"),
        json!({"occupancy_limit": 4}),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let (status, rows) = call(
        &app,
        &manager,
        Method::GET,
        "/api/v1/audit?entity=room&action=update",
        Value::Null,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["entity_id"], room.to_string());
    assert_eq!(rows[0]["before"]["occupancy_limit"], 100);
    assert_eq!(rows[0]["after"]["occupancy_limit"], 4);
    assert_eq!(rows[0]["actor_email"], "manager@example.org");
    assert_eq!(rows[0]["office_id"], office.id);
    // The manager's own log holds the office's set-up (made by the admin) and nothing of
    // the other office; the other office's manager sees none of it.
    let (_, mine) = call(
        &app,
        &manager,
        Method::GET,
        "/api/v1/audit?limit=1000",
        Value::Null,
    )
    .await;
    assert!(
        mine.as_array()
            .unwrap()
            .iter()
            .all(|r| r["office_id"] == office.id)
    );
    assert!(
        mine.as_array()
            .unwrap()
            .iter()
            .any(|r| r["entity"] == "opening_hours")
    );
    let (status, _) = call(
        &app,
        &manager_b,
        Method::GET,
        &format!("/api/v1/audit?office_id={}", office.id),
        Value::Null,
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = call(&app, &clerk, Method::GET, "/api/v1/audit", Value::Null).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // Filters: by date, by user, and paging by id.
    let (_, tomorrow) = call(
        &app,
        &manager,
        Method::GET,
        "/api/v1/audit?from=2026-03-21",
        Value::Null,
    )
    .await;
    assert_eq!(tomorrow, json!([]));
    let (_, today) = call(
        &app,
        &manager,
        Method::GET,
        "/api/v1/audit?from=2026-03-20&to=2026-03-20",
        Value::Null,
    )
    .await;
    assert_eq!(
        today.as_array().unwrap().len(),
        mine.as_array().unwrap().len()
    );
    let by_user = rows[0]["actor_user_id"].as_i64().unwrap();
    let (_, theirs) = call(
        &app,
        &manager,
        Method::GET,
        &format!("/api/v1/audit?actor_user_id={by_user}"),
        Value::Null,
    )
    .await;
    assert_eq!(theirs.as_array().unwrap().len(), 1);
    let first = mine[0]["id"].as_i64().unwrap();
    let (_, older) = call(
        &app,
        &manager,
        Method::GET,
        &format!("/api/v1/audit?before_id={first}&limit=1000"),
        Value::Null,
    )
    .await;
    assert_eq!(
        older.as_array().unwrap().len(),
        mine.as_array().unwrap().len() - 1
    );
    let (status, _) = call(
        &app,
        &manager,
        Method::GET,
        "/api/v1/audit?from=yesterday",
        Value::Null,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn statistics_equal_the_figures_computed_by_hand() {
    let app = TestApp::spawn().await;
    let office = app
        .office(OfficeSpec {
            rooms: vec![("Sala", 3, None)],
            services: vec![(20, "in_person", 1), (40, "in_person", 1)],
            counters: vec![(0, vec![0, 1]), (0, vec![0, 1])],
            hours: vec![("09:00", "10:00")],
            ..Default::default()
        })
        .await;
    let admin = app.admin_token.clone();
    // Monday 23 March, room of 3, no margin:
    //   A 09:00–09:20, 2 persons, service 0 — admitted
    //   D 09:00–09:40, 1 person,  service 1 — admitted
    //   B 09:20–09:40, 1 person,  service 0 — no-show
    //   C 09:40–10:00, 1 person,  service 0 — cancelled
    let a = app
        .book_with(&office, 0, "2026-03-23T09:00:00+01:00", 2, "a@example.org")
        .await;
    let d = app
        .book_with(&office, 1, "2026-03-23T09:00:00+01:00", 1, "d@example.org")
        .await;
    let _b = app
        .book_with(&office, 0, "2026-03-23T09:20:00+01:00", 1, "b@example.org")
        .await;
    let c = app
        .book_with(&office, 0, "2026-03-23T09:40:00+01:00", 1, "c@example.org")
        .await;
    let r = app
        .client
        .post(app.url(&format!("/api/v1/bookings/{}/cancel", reference(&c))))
        .header("X-Manage-Token", c["manage_token"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    // From 09:30 the room holds 2: limit person-minutes 3 × 30 + 2 × 30 = 150.
    let (status, _) = call(&app, &admin, Method::POST, &format!("/api/v1/rooms/{}/capacity-rules", office.rooms[0]),
        json!({"valid_from": "2026-03-23", "valid_to": "2026-03-23", "from_time": "09:30", "to_time": "10:00", "occupancy_limit": 2})).await;
    assert_eq!(status, StatusCode::CREATED);
    app.clock.set(
        "2026-03-23T08:45:00+01:00"
            .parse::<chrono::DateTime<chrono::FixedOffset>>()
            .unwrap()
            .into(),
    );
    // Three days on, the morning's token has expired: log in again.
    let admin = app.login("admin@test.example", "admin-password-1").await;
    for booked in [&a, &d] {
        let (status, _) = call(
            &app,
            &admin,
            Method::POST,
            "/api/v1/checkins",
            json!({"code": booked["checkin_url"]}),
        )
        .await;
        assert_eq!(status, StatusCode::OK);
    }
    app.clock.set(
        "2026-03-23T10:00:00+01:00"
            .parse::<chrono::DateTime<chrono::FixedOffset>>()
            .unwrap()
            .into(),
    );
    sportello::service::visit::noshow::release_no_shows(
        &app.db,
        "http://sportello.test",
        app.clock.now(),
        false,
    )
    .await
    .unwrap();
    assert_eq!(app.count("booking WHERE status = 'no_show'").await, 1);

    let path = format!(
        "/api/v1/offices/{}/statistics?from=2026-03-23&to=2026-03-24",
        office.id
    );
    let (status, stats) = call(&app, &admin, Method::GET, &path, Value::Null).await;
    assert_eq!(status, StatusCode::OK);
    let row = |period: &str, scope: &str, id: i64| -> Value {
        stats["rows"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["period"] == period && r["scope"] == scope && r["id"] == id)
            .cloned()
            .unwrap_or_else(|| panic!("no row {period} {scope} {id}"))
    };
    let figures = |r: &Value| {
        json!([
            r["bookings"],
            r["check_ins"],
            r["cancellations"],
            r["no_shows"],
            r["no_show_rate"],
            r["planned_person_minutes"],
            r["limit_person_minutes"],
            r["utilisation"],
            r["peak_occupancy"]
        ])
    };
    // Planned: A 2 × 20 + D 1 × 40 + B 1 × 20 = 100 (C cancelled); peak 3 at 09:00–09:20.
    let monday = json!([4, 2, 1, 1, 0.3333, 100, 150, 0.6667, 3]);
    assert_eq!(figures(&row("2026-03-23", "office", office.id)), monday);
    assert_eq!(figures(&row("2026-03-23", "room", office.rooms[0])), monday);
    assert_eq!(
        figures(&row("2026-03-23", "service", office.services[0])),
        json!([3, 1, 1, 1, 0.5, 60, null, null, 2])
    );
    assert_eq!(
        figures(&row("2026-03-23", "service", office.services[1])),
        json!([1, 1, 0, 0, 0.0, 40, null, null, 1])
    );
    assert_eq!(
        figures(&row("2026-03-24", "office", office.id)),
        json!([0, 0, 0, 0, null, 0, 180, 0.0, 0])
    );
    assert_eq!(
        stats["rows"].as_array().unwrap().len(),
        2 * 4,
        "every day: office, room, two services"
    );
    // By ISO week: 23 and 24 March are in 2026-W13.
    let (_, weekly) = call(
        &app,
        &admin,
        Method::GET,
        &format!("{path}&by=week"),
        Value::Null,
    )
    .await;
    let week = weekly["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["scope"] == "office")
        .cloned()
        .unwrap();
    assert_eq!(
        figures(&week),
        json!([4, 2, 1, 1, 0.3333, 100, 330, 0.303, 3])
    );
    assert_eq!(week["period"], "2026-W13");
    // The same table as CSV.
    let csv = app
        .client
        .get(app.url(&path))
        .bearer_auth(&admin)
        .header("Accept", "text/csv")
        .send()
        .await
        .unwrap();
    assert_eq!(csv.headers()["content-type"], "text/csv; charset=utf-8");
    let text = csv.text().await.unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 1 + 8);
    assert!(lines[0].starts_with("period,scope,id,name,bookings"));
    assert!(
        lines.contains(
            &format!(
                "2026-03-23,office,{},{},4,2,1,1,0.3333,100,150,0.6667,3,2,0,,,",
                office.id,
                stats["rows"][0]["name"].as_str().unwrap()
            )
            .as_str()
        )
    );
    // Bad ranges are refused.
    let (status, _) = call(
        &app,
        &admin,
        Method::GET,
        &format!(
            "/api/v1/offices/{}/statistics?from=2026-03-24&to=2026-03-23",
            office.id
        ),
        Value::Null,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _) = call(
        &app,
        &admin,
        Method::GET,
        &format!(
            "/api/v1/offices/{}/statistics?from=2025-01-01&to=2026-03-23",
            office.id
        ),
        Value::Null,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn removing_a_closure_needs_a_manager_of_its_office() {
    let app = TestApp::spawn().await;
    let office = app.office(OfficeSpec::default()).await;
    let other = app.office(OfficeSpec::default()).await;
    let (status, closure) = call(
        &app,
        &app.admin_token,
        Method::POST,
        &format!("/api/v1/offices/{}/closures", office.id),
        json!({"from": "2026-03-23"}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    let path = format!("/api/v1/closures/{}", closure["id"]);
    let r = app.client.delete(app.url(&path)).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let clerk = app
        .account("clerk@example.org", Role::Staff, Some(office.id))
        .await
        .token;
    let manager_b = app
        .account("manager-b@example.org", Role::Manager, Some(other.id))
        .await
        .token;
    let manager = app
        .account("manager@example.org", Role::Manager, Some(office.id))
        .await
        .token;
    for (token, want) in [
        (&clerk, StatusCode::FORBIDDEN),
        (&manager_b, StatusCode::FORBIDDEN),
        (&manager, StatusCode::NO_CONTENT),
        (&manager, StatusCode::NOT_FOUND),
    ] {
        let (status, _) = call(&app, token, Method::DELETE, &path, Value::Null).await;
        assert_eq!(status, want);
    }
    assert_eq!(app.count("closure").await, 0);
}

/// A page request with a session cookie; forms get the session's CSRF token.
async fn page(
    app: &TestApp,
    session: &str,
    method: Method,
    path: &str,
    form: &[(&str, &str)],
) -> (StatusCode, String) {
    let mut req = app
        .client
        .request(method.clone(), app.url(path))
        .header("Cookie", format!("sportello_session={session}"));
    if method == Method::POST {
        let csrf = sportello::service::staff::auth::csrf_for_session(session);
        let mut fields: Vec<(&str, &str)> = form.to_vec();
        fields.push(("csrf", &csrf));
        req = req.form(&fields);
        let r = req.send().await.unwrap();
        return (r.status(), r.text().await.unwrap());
    }
    let r = req.send().await.unwrap();
    (r.status(), r.text().await.unwrap())
}

#[tokio::test]
async fn a_manager_previews_saves_and_notifies_from_the_pages() {
    let app = TestApp::spawn().await;
    let office = app
        .office(OfficeSpec {
            rooms: vec![("Sala d'attesa", 3, None)],
            counters: vec![(0, vec![0]), (0, vec![0]), (0, vec![0])],
            ..Default::default()
        })
        .await;
    let manager = app
        .account("manager@example.org", Role::Manager, Some(office.id))
        .await
        .token;
    let clerk = app
        .account("clerk@example.org", Role::Staff, Some(office.id))
        .await
        .token;
    let mut refs = Vec::new();
    for email in ["a@example.org", "b@example.org", "c@example.org"] {
        refs.push(reference(
            &app.book_with(&office, 0, "2026-03-23T09:00:00+01:00", 1, email)
                .await,
        ));
    }
    let (o, room) = (office.id.to_string(), office.rooms[0]);
    for path in [
        "/manage",
        "/manage/rooms",
        "/manage/services",
        "/manage/hours",
        "/manage/closures",
        "/manage/rules",
    ] {
        let (status, html) = page(
            &app,
            &manager,
            Method::GET,
            &format!("{path}?office={o}&lang=en"),
            &[],
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{path}");
        assert!(
            html.contains("Sala d&#x27;attesa")
                || html.contains("Sala d&#39;attesa")
                || path != "/manage/rooms",
            "{html}"
        );
    }
    // Lowering the limit: the preview lists the bookings and saves nothing.
    let limit = format!("/manage/rooms/{room}/limit?lang=en");
    let (status, preview) = page(
        &app,
        &manager,
        Method::POST,
        &limit,
        &[("occupancy_limit", "1"), ("do", "preview")],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        preview.contains("Effect of the change (not saved yet)")
            && refs.iter().all(|r| preview.contains(r.as_str()))
    );
    assert!(preview.contains("value=\"save\""));
    assert_eq!(app.count("room WHERE occupancy_limit = 3").await, 1);
    // Without the CSRF token, nothing.
    let r = app
        .client
        .post(app.url(&limit))
        .header("Cookie", format!("sportello_session={manager}"))
        .form(&[("occupancy_limit", "1"), ("do", "save")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let (status, saved) = page(
        &app,
        &manager,
        Method::POST,
        &limit,
        &[("occupancy_limit", "1"), ("do", "save")],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(saved.contains("Change saved") && saved.contains("Notify these citizens"));
    assert_eq!(app.count("room WHERE occupancy_limit = 1").await, 1);
    let references = form_field(&saved, "references");
    let (status, told) = page(
        &app,
        &manager,
        Method::POST,
        "/manage/notify?lang=en",
        &[("office", &o), ("references", &references)],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(told.contains("Emails queued: 3"), "{told}");
    assert_eq!(
        app.count("outbox_message WHERE kind = 'rebook_invite'")
            .await,
        3
    );

    // Shorter hours from Monday: all three are left outside; the preview saves nothing.
    let mut hours: Vec<(String, String)> = vec![
        ("office".into(), o.clone()),
        ("valid_from".into(), "2026-03-23".into()),
        ("do".into(), "preview".into()),
    ];
    // As the editor sends it: each weekday's morning, then its afternoon (left empty).
    for _ in 0..7 {
        hours.push(("open".into(), "09:00".into()));
        hours.push(("close".into(), "09:10".into()));
        hours.push(("open".into(), String::new()));
        hours.push(("close".into(), String::new()));
    }
    let hours_ref: Vec<(&str, &str)> = hours
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let periods = app.count("opening_hours").await;
    let (status, html) = page(
        &app,
        &manager,
        Method::POST,
        "/manage/hours?lang=en",
        &hours_ref,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(refs.iter().all(|r| html.contains(r.as_str())));
    assert_eq!(app.count("opening_hours").await, periods);
    // Each weekday's hours before and after the change.
    assert!(html.contains("id=\"hours-change\""), "{html}");
    assert!(
        html.contains(
            "<th scope=\"row\">Monday</th><td>09:00–13:00</td><td><strong>09:00–09:10</strong></td>"
        ),
        "{html}"
    );
    // Saved, the week is one 09:00–09:10 range a day: the fields were read in order.
    let saved: Vec<(&str, &str)> = hours_ref
        .iter()
        .map(|&(k, v)| if k == "do" { (k, "save") } else { (k, v) })
        .collect();
    let (status, _) = page(
        &app,
        &manager,
        Method::POST,
        "/manage/hours?lang=en",
        &saved,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        app.count("opening_hours WHERE valid_from = '2026-03-23' AND opens = '09:00:00' AND closes = '09:10:00'")
            .await,
        7
    );

    // The holidays of 2026: previewed, saved, listed, one removed; a clerk may not.
    let holidays = [
        ("office", o.as_str()),
        ("year", "2026"),
        (
            "patron_days",
            "05-08 San Nicola (traslazione)\n12-06 San Nicola",
        ),
        ("do", "preview"),
    ];
    let (_, html) = page(
        &app,
        &manager,
        Method::POST,
        "/manage/holidays?lang=en",
        &holidays,
    )
    .await;
    assert!(
        html.contains("2026-04-06 Lunedì dell&#x27;Angelo")
            || html.contains("2026-04-06 Lunedì dell&#39;Angelo"),
        "{html}"
    );
    assert_eq!(app.count("closure").await, 0);
    let mut save = holidays;
    save[3] = ("do", "save");
    page(
        &app,
        &manager,
        Method::POST,
        "/manage/holidays?lang=en",
        &save,
    )
    .await;
    assert_eq!(app.count("closure").await, 13);
    let (_, list) = page(
        &app,
        &manager,
        Method::GET,
        &format!("/manage/closures?office={o}&lang=en"),
        &[],
    )
    .await;
    assert!(list.contains("2026-12-06") && list.contains("San Nicola"));
    let id = {
        use sea_orm::EntityTrait;
        entity::closure::Entity::find()
            .all(&app.db.conn)
            .await
            .unwrap()[0]
            .id
    };
    let delete = format!("/manage/closures/{id}/delete");
    let (status, _) = page(&app, &clerk, Method::POST, &delete, &[("office", &o)]).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let (status, _) = page(&app, &manager, Method::POST, &delete, &[("office", &o)]).await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(app.count("closure").await, 12);

    // A rule closing Mondays' mornings: previewed with the three bookings, saved, removed.
    let rule = [
        ("room", room.to_string()),
        ("valid_from", "2026-03-23".into()),
        ("valid_to", "2026-03-30".into()),
        ("weekday", "1".into()),
        ("from_time", "08:00".into()),
        ("to_time", "12:00".into()),
        ("occupancy_limit", "0".into()),
    ];
    let mut fields: Vec<(&str, &str)> = rule.iter().map(|(k, v)| (*k, v.as_str())).collect();
    fields.push(("do", "save"));
    let (status, html) = page(
        &app,
        &manager,
        Method::POST,
        "/manage/rules?lang=en",
        &fields,
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(refs.iter().all(|r| html.contains(r.as_str())));
    let (_, listed) = page(
        &app,
        &manager,
        Method::GET,
        &format!("/manage/rules?office={o}&lang=en"),
        &[],
    )
    .await;
    assert!(listed.contains("08:00–12:00") && listed.contains("Mon"));
    let rule_id = {
        use sea_orm::EntityTrait;
        entity::capacity_rule::Entity::find()
            .all(&app.db.conn)
            .await
            .unwrap()[0]
            .id
    };
    let (status, _) = page(
        &app,
        &manager,
        Method::POST,
        &format!("/manage/rules/{rule_id}/delete"),
        &[("office", &o)],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(app.count("capacity_rule").await, 0);

    // New room, service and counter from the forms.
    let (status, _) = page(
        &app,
        &manager,
        Method::POST,
        "/manage/rooms",
        &[
            ("office", &o),
            ("name", "Sala B"),
            ("occupancy_limit", "4"),
            ("parent_room_id", ""),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let (status, _) = page(
        &app,
        &manager,
        Method::POST,
        "/manage/services",
        &[
            ("office", &o),
            ("name", "Carta d'identità"),
            ("duration_minutes", "30"),
            ("horizon_days", "30"),
            ("min_notice_minutes", "60"),
            ("no_show_grace_minutes", "10"),
            ("channel", "in_person"),
            ("what_to_bring", "Foto"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    let service_id = office.services[0].to_string();
    let (status, _) = page(
        &app,
        &manager,
        Method::POST,
        "/manage/counters",
        &[
            ("room", &room.to_string()),
            ("name", "Sportello 9"),
            ("service", &service_id),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(app.count("room WHERE name = 'Sala B'").await, 1);
    assert_eq!(app.count("service WHERE duration_minutes = 30").await, 1);
    assert_eq!(app.count("counter WHERE name = 'Sportello 9'").await, 1);
    let edit = format!("/manage/services/{}", office.services[0]);
    let (status, _) = page(
        &app,
        &manager,
        Method::POST,
        &edit,
        &[
            ("name", "Certificati"),
            ("duration_minutes", "15"),
            ("horizon_days", "30"),
            ("min_notice_minutes", "60"),
            ("no_show_grace_minutes", "10"),
            ("channel", "in_person"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.count("service WHERE name = 'Certificati' AND duration_minutes = 15")
            .await,
        1
    );
    let (status, _) = page(
        &app,
        &manager,
        Method::POST,
        "/manage/settings",
        &[("office", &o), ("no_show_email", "yes")],
    )
    .await;
    assert_eq!(status, StatusCode::SEE_OTHER);
    assert_eq!(app.count("office WHERE no_show_email = true").await, 1);

    // The audit page shows the limit change with before and after; the clerk may not look.
    let (_, audit) = page(
        &app,
        &manager,
        Method::GET,
        &format!("/manage/audit?office={o}&entity=room&lang=en"),
        &[],
    )
    .await;
    assert!(
        audit.contains("manager@example.org") && audit.contains("occupancy_limit"),
        "{audit}"
    );
    // It reads as a sentence: the office's local time, the field by its name, before → after.
    assert!(
        audit.contains("<strong>Occupancy limit</strong>: <span class=\"before\">"),
        "{audit}"
    );
    assert!(audit.contains("<span class=\"after\">4</span>"), "{audit}");
    assert!(
        audit.contains("March 2026,") && !audit.contains(">2026-03-20T"),
        "{audit}"
    );
    let (status, _) = page(
        &app,
        &clerk,
        Method::GET,
        &format!("/manage/audit?office={o}"),
        &[],
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    // Statistics: two charts, the tables, and the CSV.
    let (status, stats) = page(
        &app,
        &manager,
        Method::GET,
        &format!("/manage/stats?office={o}&from=2026-03-23&to=2026-03-24&lang=en"),
        &[],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(stats.matches("<svg").count(), 2);
    // Rooms' and services' periods without any activity fold away under the table.
    let detail = &stats[stats.find("id=\"stats-detail\"").unwrap()..];
    let detail = &detail[..detail.find("</table>").unwrap()];
    assert!(
        !detail.contains("<td>0</td><td>0</td><td>0</td><td>0</td>"),
        "{detail}"
    );
    assert!(stats.contains("id=\"stats-quiet\""), "{stats}");
    assert!(
        stats.contains("<th scope=\"row\">2026-03-23</th><td>3</td>"),
        "{stats}"
    );
    let (status, csv) = page(
        &app,
        &manager,
        Method::GET,
        &format!("/manage/stats.csv?office={o}&from=2026-03-23&to=2026-03-23"),
        &[],
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    // For Italian Excel: a byte-order mark, `;` between fields, headers in Italian.
    assert!(csv.starts_with('\u{feff}'), "{csv}");
    let header = csv.lines().next().unwrap().trim_start_matches('\u{feff}');
    let italian = sportello::l10n::loader_for("it");
    assert!(
        header.starts_with(&format!(
            "{};{}",
            italian.get("manager-period"),
            italian.get("manager-csv-scope")
        )),
        "{header}"
    );
    assert!(csv.contains(&format!("2026-03-23;office;{o};")), "{csv}");
    let (_, english) = page(
        &app,
        &manager,
        Method::GET,
        &format!("/manage/stats.csv?office={o}&from=2026-03-23&to=2026-03-23&lang=en"),
        &[],
    )
    .await;
    assert!(
        english.contains(&format!("2026-03-23,office,{o},")),
        "{english}"
    );
    // Without a period the page shows the last 30 days and the next 14.
    let (_, stats) = page(
        &app,
        &manager,
        Method::GET,
        &format!("/manage/stats?office={o}"),
        &[],
    )
    .await;
    assert!(
        stats.contains("value=\"2026-02-18\"") && stats.contains("value=\"2026-04-03\""),
        "{stats}"
    );
}

#[tokio::test]
async fn changing_a_service_keeps_existing_bookings_and_applies_to_new_ones() {
    let app = TestApp::spawn().await;
    let office = app.office(OfficeSpec::default()).await;
    let other = app.office(OfficeSpec::default()).await;
    let booked = app
        .book_with(&office, 0, "2026-03-23T09:00:00+01:00", 1, "a@example.org")
        .await;
    let path = format!("/api/v1/services/{}", office.services[0]);
    let body = json!({"name": "Carta d'identità elettronica", "duration_minutes": 30, "horizon_days": 60,
                      "min_notice_minutes": 60, "no_show_grace_minutes": 10, "what_to_bring": "Foto tessera"});
    let manager_b = app
        .account("manager-b@example.org", Role::Manager, Some(other.id))
        .await
        .token;
    let (status, _) = call(&app, &manager_b, Method::PUT, &path, body.clone()).await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    let manager = app
        .account("manager@example.org", Role::Manager, Some(office.id))
        .await
        .token;
    let (status, saved) = call(&app, &manager, Method::PUT, &path, body).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        (
            saved["duration_minutes"].as_i64(),
            saved["what_to_bring"].as_str()
        ),
        (Some(30), Some("Foto tessera"))
    );
    // The booking keeps its 20 minutes; new slots are 30 minutes long.
    let row = app.booking_rows().await.remove(0);
    assert_eq!((row.end_at - row.start_at).num_minutes(), 20);
    assert_eq!(row.reference.as_deref(), booked["reference"].as_str());
    let slots: Value = app
        .get(&format!(
            "/api/v1/offices/{}/services/{}/slots?from=2026-03-24&to=2026-03-24",
            office.id, office.services[0]
        ))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(slots["slots"][0]["start"], "2026-03-24T09:00:00+01:00");
    assert_eq!(slots["slots"][0]["end"], "2026-03-24T09:30:00+01:00");
    let (_, audit) = call(
        &app,
        &manager,
        Method::GET,
        "/api/v1/audit?entity=service&action=update",
        Value::Null,
    )
    .await;
    assert_eq!(audit[0]["before"]["duration_minutes"], 20);
    assert_eq!(audit[0]["after"]["duration_minutes"], 30);
    // Bad input changes nothing.
    let (status, _) = call(
        &app,
        &manager,
        Method::PUT,
        &path,
        json!({"name": "x", "duration_minutes": 1, "horizon_days": 1,
        "min_notice_minutes": 0, "no_show_grace_minutes": 0}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.count("service WHERE duration_minutes = 30").await, 1);
}

#[tokio::test]
async fn the_upgrade_gives_earlier_audit_rows_their_office() {
    use migration::MigratorTrait;
    use sea_orm::ConnectionTrait;
    let dir = tempfile::tempdir().unwrap();
    // Up to the fourth migration, which gives audit rows their office.
    let (conn, pg) = crate::helpers::database_before(dir.path(), "m20261126_000004_managers").await;
    for sql in [
        "INSERT INTO office (id, name, address, timezone, arrival_margin_minutes, config_version, created_at, no_show_email) VALUES (7, 'Ufficio', '', 'Europe/Rome', 0, 1, '2026-03-20 08:00:00+00:00', false)",
        "INSERT INTO room (id, office_id, name, occupancy_limit) VALUES (3, 7, 'Sala', 5)",
        "INSERT INTO audit_log (at, action, entity, entity_id) VALUES ('2026-03-20 08:00:00+00:00', 'update', 'room', '3')",
        "INSERT INTO audit_log (at, action, entity, entity_id) VALUES ('2026-03-20 08:00:00+00:00', 'replace', 'opening_hours', '7:2026-01-01')",
        "INSERT INTO audit_log (at, action, entity, entity_id) VALUES ('2026-03-20 08:00:00+00:00', 'create', 'office', '7')",
    ] {
        conn.execute_unprepared(sql).await.unwrap();
    }
    migration::Migrator::up(&conn, None).await.unwrap();
    let rows = <entity::audit_log::Entity as sea_orm::EntityTrait>::find()
        .all(&conn)
        .await
        .unwrap();
    assert_eq!(rows.len(), 3);
    assert!(rows.iter().all(|r| r.office_id == Some(7)), "{rows:?}");
    conn.close().await.ok();
    drop(pg);
}

#[tokio::test]
async fn a_shortened_period_absurd_dates_and_a_double_import_are_handled() {
    let app = TestApp::spawn().await;
    let office = app.office(OfficeSpec::default()).await;
    let admin = app.admin_token.clone();
    let hours = format!("/api/v1/offices/{}/opening-hours", office.id);
    let week = |close: &str| -> Value {
        ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
            .iter()
            .map(|d| (d.to_string(), json!([["09:00", close]])))
            .collect::<serde_json::Map<String, Value>>()
            .into()
    };
    // A longer-hours period until the end of April, and a booking at 13:20 inside it.
    let (status, _) = call(
        &app,
        &admin,
        Method::PUT,
        &hours,
        json!({"valid_from": "2026-03-23", "valid_to": "2026-04-30", "weekly": week("14:00")}),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let late = reference(
        &app.book_with(
            &office,
            0,
            "2026-04-10T13:20:00+02:00",
            1,
            "late@example.org",
        )
        .await,
    );
    // Cutting the period short hands April back to the base hours (until 13:00).
    let (status, preview) = call(
        &app,
        &admin,
        Method::PUT,
        &format!("{hours}?dry_run=true"),
        json!({"valid_from": "2026-03-23", "valid_to": "2026-03-31", "weekly": week("14:00")}),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(preview["impact"]["affected_bookings"], json!([late]));
    // Dates far outside the calendar are a clear 422, not a crash.
    for (method, path, body) in [
        (
            Method::POST,
            format!("/api/v1/offices/{}/closures", office.id),
            json!({"from": "+262142-12-31"}),
        ),
        (
            Method::POST,
            format!("/api/v1/offices/{}/closures", office.id),
            json!({"from": "2026-03-23", "to": "+262142-12-31"}),
        ),
        (
            Method::PUT,
            hours.clone(),
            json!({"valid_from": "2026-03-23", "valid_to": "+262142-12-31", "weekly": {}}),
        ),
    ] {
        let (status, _) = call(&app, &admin, method, &path, body).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{path}");
    }
    let (status, _) = call(
        &app,
        &admin,
        Method::GET,
        "/api/v1/audit?from=%2B262142-12-31",
        Value::Null,
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    // A counter id that is not a number closes nothing (not the whole office).
    let manager = app
        .account("manager@example.org", Role::Manager, Some(office.id))
        .await
        .token;
    let o = office.id.to_string();
    let (status, _) = page(
        &app,
        &manager,
        Method::POST,
        "/manage/closures",
        &[
            ("office", &o),
            ("from", "2026-03-24"),
            ("counter_id", "1x"),
            ("do", "save"),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.count("closure").await, 0);
    // Two imports of the same year at once add each day once.
    let path = format!("/api/v1/offices/{}/closures/holidays", office.id);
    let body = json!({"year": 2027});
    let (a, b) = tokio::join!(
        call(&app, &admin, Method::POST, &path, body.clone()),
        call(&app, &admin, Method::POST, &path, body.clone())
    );
    assert_eq!((a.0, b.0), (StatusCode::CREATED, StatusCode::CREATED));
    assert_eq!(
        a.1["closures"].as_array().unwrap().len() + b.1["closures"].as_array().unwrap().len(),
        11
    );
    assert_eq!(app.count("closure").await, 11);
}

/// Every manager form checks its CSRF token before it reads anything else: a missing or
/// wrong token is a 403 page and changes nothing, whichever form it is.
#[tokio::test]
async fn every_manager_form_needs_its_csrf_token() {
    let app = TestApp::spawn().await;
    let office = app.office(OfficeSpec::default()).await;
    let manager = app
        .account("manager@example.org", Role::Manager, Some(office.id))
        .await
        .token;
    let (o, room) = (office.id.to_string(), office.rooms[0]);
    let audit_rows = app.count("audit_log").await;
    for path in [
        "/manage/offices".to_string(),
        "/manage/settings".to_string(),
        format!("/manage/services/{}", office.services[0]),
        "/manage/rooms".to_string(),
        format!("/manage/rooms/{room}/limit"),
        "/manage/services".to_string(),
        "/manage/counters".to_string(),
        "/manage/hours".to_string(),
        "/manage/closures".to_string(),
        "/manage/closures/1/delete".to_string(),
        "/manage/holidays".to_string(),
        "/manage/rules".to_string(),
        "/manage/rules/1/delete".to_string(),
        "/manage/notify".to_string(),
    ] {
        for csrf in [None, Some("forged")] {
            let mut fields = vec![
                ("office", o.as_str()),
                ("room", "1"),
                ("name", "Nuova"),
                ("occupancy_limit", "1"),
                ("year", "2026"),
                ("do", "save"),
            ];
            if let Some(c) = csrf {
                fields.push(("csrf", c));
            }
            let r = app
                .client
                .post(app.url(&path))
                .header("Cookie", format!("sportello_session={manager}"))
                .form(&fields)
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), StatusCode::FORBIDDEN, "{path} with {csrf:?}");
        }
    }
    assert_eq!(app.count("audit_log").await, audit_rows, "nothing changed");
}
