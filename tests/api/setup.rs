//! Managers' set-up endpoints, authentication and the demo seed.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use sportello::domain::Role;
use sportello::service::staff::auth;

use crate::helpers::{OfficeSpec, TestApp};

async fn token_for(app: &TestApp, email: &str, role: Role, office: Option<i64>) -> String {
    let office = office.map(|o| i32::try_from(o).unwrap());
    auth::create_user(
        &app.db,
        email,
        "a-long-password",
        role,
        office,
        app.clock.now(),
    )
    .await
    .unwrap();
    app.login(email, "a-long-password").await
}

#[tokio::test]
async fn tokens_are_issued_for_right_passwords_only() {
    let app = TestApp::spawn().await;
    let office = app.office(OfficeSpec::default()).await;
    auth::create_user(
        &app.db,
        "clerk@example.org",
        "a-long-password",
        Role::Staff,
        Some(office.id as i32),
        app.clock.now(),
    )
    .await
    .unwrap();
    let ok = app
        .post(
            "/api/v1/auth/tokens",
            &json!({"email": "Clerk@Example.org", "password": "a-long-password"}),
        )
        .await;
    assert_eq!(ok.status(), StatusCode::CREATED);
    let ok: Value = ok.json().await.unwrap();
    assert_eq!(ok["role"], "staff");
    assert_eq!(ok["office_id"], office.id);
    let wrong = app
        .post(
            "/api/v1/auth/tokens",
            &json!({"email": "clerk@example.org", "password": "nope"}),
        )
        .await;
    let unknown = app
        .post(
            "/api/v1/auth/tokens",
            &json!({"email": "ghost@example.org", "password": "nope"}),
        )
        .await;
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(unknown.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(
        wrong.json::<Value>().await.unwrap(),
        unknown.json::<Value>().await.unwrap(),
        "no user enumeration"
    );
    // Tokens are stored hashed and expire.
    let stored: Vec<entity::api_token::Model> =
        <entity::api_token::Entity as sea_orm::EntityTrait>::find()
            .all(&app.db.conn)
            .await
            .unwrap();
    assert!(
        stored
            .iter()
            .all(|t| t.token_hash != ok["token"].as_str().unwrap())
    );
    let token = ok["token"].as_str().unwrap();
    let call = |t: String| {
        let app = &app;
        async move {
            app.client
                .post(app.url("/api/v1/offices"))
                .bearer_auth(t)
                .json(&json!({"name": "X"}))
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    assert_eq!(
        call(token.to_string()).await,
        StatusCode::FORBIDDEN,
        "staff may not create offices"
    );
    app.clock.advance(chrono::Duration::hours(12));
    assert_eq!(
        call(token.to_string()).await,
        StatusCode::UNAUTHORIZED,
        "expired after 12 hours"
    );
    assert_eq!(call("garbage".into()).await, StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn set_up_routes_check_role_and_office() {
    let app = TestApp::spawn().await;
    let a = app.office(OfficeSpec::default()).await;
    let b = app.office(OfficeSpec::default()).await;
    let staff_a = token_for(&app, "staff.a@example.org", Role::Staff, Some(a.id)).await;
    let manager_a = token_for(&app, "manager.a@example.org", Role::Manager, Some(a.id)).await;
    let manager_b = token_for(&app, "manager.b@example.org", Role::Manager, Some(b.id)).await;
    let routes: Vec<(Method, String, Value)> = vec![
        (
            Method::POST,
            format!("/api/v1/offices/{}/rooms", a.id),
            json!({"name": "Sala 2", "occupancy_limit": 3}),
        ),
        (
            Method::POST,
            format!("/api/v1/rooms/{}/counters", a.rooms[0]),
            json!({"name": "S9", "service_ids": [a.services[0]]}),
        ),
        (
            Method::POST,
            format!("/api/v1/offices/{}/services", a.id),
            json!({"name": "Certificati", "duration_minutes": 10, "horizon_days": 30, "min_notice_minutes": 0, "no_show_grace_minutes": 10}),
        ),
        (
            Method::PUT,
            format!("/api/v1/offices/{}/opening-hours", a.id),
            json!({"valid_from": "2026-04-01", "weekly": {"mon": [["08:30", "12:30"]]}}),
        ),
        (
            Method::POST,
            format!("/api/v1/offices/{}/closures", a.id),
            json!({"from": "2026-05-08", "reason": "San Nicola"}),
        ),
    ];
    for (method, path, body) in &routes {
        let send = |token: Option<&str>| {
            let mut req = app.client.request(method.clone(), app.url(path)).json(body);
            if let Some(t) = token {
                req = req.bearer_auth(t);
            }
            async move { req.send().await.unwrap().status() }
        };
        assert_eq!(
            send(None).await,
            StatusCode::UNAUTHORIZED,
            "{path} anonymous"
        );
        assert_eq!(
            send(Some(&staff_a)).await,
            StatusCode::FORBIDDEN,
            "{path} staff"
        );
        assert_eq!(
            send(Some(&manager_b)).await,
            StatusCode::FORBIDDEN,
            "{path} other office's manager"
        );
        assert!(
            send(Some(&manager_a)).await.is_success(),
            "{path} own manager"
        );
        assert!(
            send(Some(&app.admin_token)).await.is_success(),
            "{path} admin"
        );
    }
    let office = app
        .client
        .post(app.url("/api/v1/offices"))
        .bearer_auth(&manager_a)
        .json(&json!({"name": "Nuovo"}))
        .send()
        .await
        .unwrap();
    assert_eq!(
        office.status(),
        StatusCode::FORBIDDEN,
        "only admins create offices"
    );
    // Every change is in the audit log with its author.
    let audit: Vec<entity::audit_log::Model> =
        <entity::audit_log::Entity as sea_orm::EntityTrait>::find()
            .all(&app.db.conn)
            .await
            .unwrap();
    assert!(audit.iter().any(|r| r.entity == "closure"
        && r.action == "create"
        && r.after_json.as_deref().unwrap_or("").contains("San Nicola")));
}

#[tokio::test]
async fn set_up_input_is_validated_field_by_field() {
    let app = TestApp::spawn().await;
    let a = app.office(OfficeSpec::default()).await;
    let before = app.count("room").await
        + app.count("service").await
        + app.count("opening_hours").await
        + app.count("closure").await
        + app.count("office").await;
    let cases: Vec<(Method, String, Value, &str)> = vec![
        (
            Method::POST,
            "/api/v1/offices".into(),
            json!({"name": "X", "timezone": "Mars/Olympus"}),
            "timezone",
        ),
        (
            Method::POST,
            "/api/v1/offices".into(),
            json!({"name": "", "timezone": "Europe/Rome"}),
            "name",
        ),
        (
            Method::POST,
            format!("/api/v1/offices/{}/rooms", a.id),
            json!({"name": "S", "occupancy_limit": -1}),
            "occupancy_limit",
        ),
        (
            Method::POST,
            format!("/api/v1/offices/{}/rooms", a.id),
            json!({"name": "S", "occupancy_limit": 2, "parent_room_id": 9999}),
            "parent_room_id",
        ),
        (
            Method::POST,
            format!("/api/v1/offices/{}/services", a.id),
            json!({"name": "S", "duration_minutes": 0, "horizon_days": 30, "min_notice_minutes": 0, "no_show_grace_minutes": 10}),
            "duration_minutes",
        ),
        (
            Method::POST,
            format!("/api/v1/offices/{}/services", a.id),
            json!({"name": "S", "duration_minutes": 10, "horizon_days": 30, "min_notice_minutes": 0, "no_show_grace_minutes": 10, "channel": "fax"}),
            "channel",
        ),
        (
            Method::PUT,
            format!("/api/v1/offices/{}/opening-hours", a.id),
            json!({"valid_from": "2026-04-01", "weekly": {"mon": [["12:30", "08:30"]]}}),
            "weekly.mon[0]",
        ),
        (
            Method::PUT,
            format!("/api/v1/offices/{}/opening-hours", a.id),
            json!({"valid_from": "2026-04-01", "weekly": {"lun": [["08:30", "12:30"]]}}),
            "weekly.lun",
        ),
        (
            Method::PUT,
            format!("/api/v1/offices/{}/opening-hours", a.id),
            json!({"valid_from": "2026-04-01", "weekly": {"mon": [["08:30", "12:30"], ["12:00", "13:00"]]}}),
            "weekly.mon[1]",
        ),
        (
            Method::POST,
            format!("/api/v1/offices/{}/closures", a.id),
            json!({"from": "2026-05-09", "to": "2026-05-08"}),
            "to",
        ),
        (
            Method::POST,
            format!("/api/v1/rooms/{}/counters", a.rooms[0]),
            json!({"name": "S", "service_ids": [9999]}),
            "service_ids",
        ),
    ];
    for (method, path, body, field) in cases {
        let r = app
            .client
            .request(method, app.url(&path))
            .bearer_auth(&app.admin_token)
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(
            r.status(),
            StatusCode::UNPROCESSABLE_ENTITY,
            "{path} {body}"
        );
        let p: Value = r.json().await.unwrap();
        assert!(
            p["errors"]
                .as_array()
                .unwrap()
                .iter()
                .any(|e| e["field"] == field),
            "{path}: {p}"
        );
    }
    let after = app.count("room").await
        + app.count("service").await
        + app.count("opening_hours").await
        + app.count("closure").await
        + app.count("office").await;
    assert_eq!(before, after, "nothing was written");
    let r = app
        .client
        .post(app.url("/api/v1/offices/9999/rooms"))
        .bearer_auth(&app.admin_token)
        .json(&json!({"name": "S", "occupancy_limit": 1}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_later_schedule_period_overrides_the_base_hours() {
    let app = TestApp::spawn().await;
    let a = app.office(OfficeSpec::default()).await;
    app.admin(Method::PUT, &format!("/api/v1/offices/{}/opening-hours", a.id),
        json!({"valid_from": "2026-04-01", "valid_to": "2026-04-30", "weekly": {"wed": [["15:00", "16:00"]]}})).await;
    let slots = |day: &str| {
        let path = format!(
            "/api/v1/offices/{}/services/{}/slots?from={day}&to={day}",
            a.id, a.services[0]
        );
        let app = &app;
        async move {
            let v: Value = app.get(&path).await.json().await.unwrap();
            v["slots"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s["start"].as_str().unwrap().to_string())
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(
        slots("2026-04-01").await,
        [
            "2026-04-01T15:00:00+02:00",
            "2026-04-01T15:20:00+02:00",
            "2026-04-01T15:40:00+02:00"
        ]
    );
    assert!(
        slots("2026-04-02").await.is_empty(),
        "Thursday has no hours in the April period"
    );
    assert_eq!(
        slots("2026-05-01").await.first().map(String::as_str),
        Some("2026-05-01T09:00:00+02:00")
    );
}

#[tokio::test]
async fn the_demo_seed_creates_bari_offices_with_holidays_and_accounts() {
    let app = TestApp::spawn().await;
    let accounts = sportello::demo::seed_demo(&app.db, app.clock.now())
        .await
        .unwrap()
        .expect("seeded");
    assert!(
        sportello::demo::seed_demo(&app.db, app.clock.now())
            .await
            .unwrap()
            .is_none(),
        "seeding twice does nothing"
    );
    let offices: Value = app.get("/api/v1/offices").await.json().await.unwrap();
    let offices = offices.as_array().unwrap();
    assert!(offices.len() >= 2);
    let first = &offices[0];
    assert!(
        first["rooms"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r["parent_room_id"].is_number()),
        "nested rooms"
    );
    let names: Vec<&str> = first["services"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert!(names.iter().any(|n| n.contains("identità")));
    // 6 December (San Nicola) 2026 is closed, and so is Easter Monday 2027 (29 March).
    let closures: Vec<entity::closure::Model> =
        <entity::closure::Entity as sea_orm::EntityTrait>::find()
            .all(&app.db.conn)
            .await
            .unwrap();
    let has = |d: &str| closures.iter().any(|c| c.date_from.to_string() == d);
    assert!(has("2026-12-06") && has("2027-03-29") && has("2026-05-08"));
    assert_eq!(accounts.len(), 3);
    for a in &accounts {
        assert!(
            a.password.len() >= 20,
            "demo passwords are random, not published"
        );
        app.login(a.email, &a.password).await;
    }
    // Mondays have morning slots, Tuesdays also afternoon ones.
    let cie = first["services"][0]["id"].as_i64().unwrap();
    let v: Value = app
        .get(&format!(
            "/api/v1/offices/{}/services/{cie}/slots?from=2026-03-24&to=2026-03-24",
            first["id"]
        ))
        .await
        .json()
        .await
        .unwrap();
    let starts: Vec<&str> = v["slots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["start"].as_str().unwrap())
        .collect();
    assert!(
        starts.contains(&"2026-03-24T08:30:00+01:00")
            && starts.contains(&"2026-03-24T15:00:00+01:00"),
        "{starts:?}"
    );
}

#[tokio::test]
async fn a_schedule_period_without_hours_closes_the_office_for_its_dates() {
    let app = TestApp::spawn().await;
    let a = app.office(OfficeSpec::default()).await;
    app.admin(
        Method::PUT,
        &format!("/api/v1/offices/{}/opening-hours", a.id),
        json!({"valid_from": "2026-08-01", "valid_to": "2026-08-31", "weekly": {}}),
    )
    .await;
    let path = |d: &str| {
        format!(
            "/api/v1/offices/{}/services/{}/slots?from={d}&to={d}",
            a.id, a.services[0]
        )
    };
    let aug: Value = app.get(&path("2026-08-10")).await.json().await.unwrap();
    assert!(
        aug["slots"].as_array().unwrap().is_empty(),
        "closed for August"
    );
    let sep: Value = app.get(&path("2026-09-01")).await.json().await.unwrap();
    assert!(
        sep["slots"].as_array().unwrap().is_empty(),
        "beyond the horizon"
    );
    let jul: Value = app.get(&path("2026-04-10")).await.json().await.unwrap();
    assert!(
        !jul["slots"].as_array().unwrap().is_empty(),
        "the base timetable applies outside the period"
    );
}

#[tokio::test]
async fn token_expiry_is_given_with_a_numeric_offset() {
    let app = TestApp::spawn().await;
    let r: Value = app
        .post(
            "/api/v1/auth/tokens",
            &json!({"email": "admin@test.example", "password": "admin-password-1"}),
        )
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(r["expires_at"], "2026-03-20T20:00:00+00:00");
}
