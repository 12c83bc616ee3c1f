//! Capacity rules and room limits with their impact (DOMAIN.md rule 7): the arrival
//! margin, mixed party sizes and durations, stacking rules (the minimum applies), a dry
//! run that saves nothing, new bookings blocked at once while existing ones stay.

use reqwest::{Method, StatusCode};
use sea_orm::EntityTrait;
use serde_json::{Value, json};

use crate::helpers::{Office, OfficeSpec, TestApp};

/// Margin 10 minutes, a room of 6, services of 20 and 40 minutes at three counters, and
/// on Monday 23 March: A (2 persons, 20 min) and B (3 persons, 40 min) at 09:00, C (1
/// person, 20 min) at 09:20. Room intervals: A 08:50–09:20, B 08:50–09:40, C 09:10–09:40,
/// so 5 persons planned 08:50–09:10, 6 until 09:20, 4 until 09:40.
async fn fixture(app: &TestApp) -> (Office, [String; 3]) {
    let office = app
        .office(OfficeSpec {
            margin: 10,
            rooms: vec![("Sala", 6, None)],
            services: vec![(20, "in_person", 1), (40, "in_person", 1)],
            counters: vec![(0, vec![0, 1]), (0, vec![0, 1]), (0, vec![0, 1])],
            ..Default::default()
        })
        .await;
    let mut refs = Vec::new();
    for (service, start, party, email) in [
        (0, "2026-03-23T09:00:00+01:00", 2, "a@example.org"),
        (1, "2026-03-23T09:00:00+01:00", 3, "b@example.org"),
        (0, "2026-03-23T09:20:00+01:00", 1, "c@example.org"),
    ] {
        let r = app
            .post(
                "/api/v1/bookings",
                &crate::helpers::booking_body(&office, service, start, party, email),
            )
            .await;
        assert_eq!(r.status(), StatusCode::CREATED, "{start}");
        refs.push(
            r.json::<Value>().await.unwrap()["reference"]
                .as_str()
                .unwrap()
                .to_string(),
        );
    }
    (office, [refs[0].clone(), refs[1].clone(), refs[2].clone()])
}

fn over(from: &str, to: &str, planned: i64, limit: i64, room: i64) -> Value {
    json!({"room_id": room, "from": format!("2026-03-23T{from}:00+01:00"), "to": format!("2026-03-23T{to}:00+01:00"),
           "planned": planned, "limit": limit})
}

async fn call(app: &TestApp, method: Method, path: &str, body: Value) -> (StatusCode, Value) {
    let r = app
        .client
        .request(method, app.url(path))
        .bearer_auth(&app.admin_token)
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = r.status();
    let text = r.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

#[tokio::test]
async fn a_rule_shows_every_interval_over_its_limit_and_every_booking_in_it() {
    let app = TestApp::spawn().await;
    let (office, [a, b, c]) = fixture(&app).await;
    let room = office.rooms[0];
    let rule = json!({"valid_from": "2026-03-23", "valid_to": "2026-03-23", "weekdays": [1],
                      "from_time": "09:00", "to_time": "10:00", "occupancy_limit": 3});
    let path = format!("/api/v1/rooms/{room}/capacity-rules");
    let (status, preview) = call(
        &app,
        Method::POST,
        &format!("{path}?dry_run=true"),
        rule.clone(),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(preview.get("rule").is_none());
    assert_eq!(
        preview["impact"]["over_limit"],
        json!([
            over("09:00", "09:10", 5, 3, room),
            over("09:10", "09:20", 6, 3, room),
            over("09:20", "09:40", 4, 3, room)
        ])
    );
    let mut expected = vec![a.clone(), b.clone(), c.clone()];
    expected.sort();
    assert_eq!(preview["impact"]["affected_bookings"], json!(expected));
    assert_eq!(
        app.count("capacity_rule").await,
        0,
        "a dry run saves nothing"
    );
    // Saved: the same impact, and the bookings stay.
    let (status, saved) = call(&app, Method::POST, &path, rule).await;
    assert_eq!(status, StatusCode::CREATED);
    assert_eq!(saved["impact"], preview["impact"]);
    let rule_id = saved["rule"]["id"].as_i64().unwrap();
    assert_eq!(app.count("booking WHERE status = 'confirmed'").await, 3);
    assert_eq!(
        app.count("audit_log WHERE entity = 'capacity_rule' AND action = 'create'")
            .await,
        1
    );
    // New bookings are held to it at once: 09:40 (room from 09:30) meets 4 planned > 3.
    let late =
        crate::helpers::booking_body(&office, 0, "2026-03-23T09:40:00+01:00", 1, "d@example.org");
    let r = app.post("/api/v1/bookings", &late).await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    // A second rule stacks: the lower limit wins inside the first one's window.
    let (_, stacked) = call(
        &app,
        Method::POST,
        &format!("{path}?dry_run=true"),
        json!({"valid_from": "2026-03-23", "valid_to": "2026-03-23", "occupancy_limit": 4}),
    )
    .await;
    assert_eq!(
        stacked["impact"]["over_limit"],
        json!([
            over("08:50", "09:00", 5, 4, room),
            over("09:00", "09:10", 5, 3, room),
            over("09:10", "09:20", 6, 3, room),
            over("09:20", "09:40", 4, 3, room)
        ])
    );
    // Deleting the rule lifts it at once.
    let (status, _) = call(
        &app,
        Method::DELETE,
        &format!("/api/v1/capacity-rules/{rule_id}"),
        json!({}),
    )
    .await;
    assert_eq!(status, StatusCode::NO_CONTENT);
    let r = app.post("/api/v1/bookings", &late).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    crate::helpers::assert_capacity_holds(&app).await;
}

#[tokio::test]
async fn lowering_a_room_limit_shows_its_impact_keeps_the_bookings_and_is_audited() {
    let app = TestApp::spawn().await;
    let (office, refs) = fixture(&app).await;
    let room = office.rooms[0];
    let path = format!("/api/v1/rooms/{room}");
    let (status, preview) = call(
        &app,
        Method::PUT,
        &format!("{path}?dry_run=true"),
        json!({"occupancy_limit": 4}),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        preview["room"]["occupancy_limit"], 6,
        "unchanged in a dry run"
    );
    assert_eq!(
        preview["impact"]["over_limit"],
        json!([
            over("08:50", "09:10", 5, 4, room),
            over("09:10", "09:20", 6, 4, room)
        ])
    );
    let mut expected = refs.to_vec();
    expected.sort();
    assert_eq!(preview["impact"]["affected_bookings"], json!(expected));
    let (status, saved) = call(&app, Method::PUT, &path, json!({"occupancy_limit": 4})).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(saved["room"]["occupancy_limit"], 4);
    assert_eq!(saved["impact"], preview["impact"]);
    assert_eq!(app.count("booking WHERE status = 'confirmed'").await, 3);
    let audit = entity::audit_log::Entity::find()
        .all(&app.db.conn)
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.entity == "room" && r.action == "update")
        .unwrap();
    assert!(audit.before_json.unwrap().contains("\"occupancy_limit\":6"));
    assert!(audit.after_json.unwrap().contains("\"occupancy_limit\":4"));
    // Raising it again shows nothing over.
    let (_, up) = call(
        &app,
        Method::PUT,
        &format!("{path}?dry_run=true"),
        json!({"occupancy_limit": 6}),
    )
    .await;
    assert_eq!(
        up["impact"],
        json!({"over_limit": [], "affected_bookings": []})
    );
    // Bad input: a clear 422, nothing changed.
    let (status, _) = call(&app, Method::PUT, &path, json!({"occupancy_limit": -1})).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (status, _) = call(
        &app,
        Method::POST,
        &format!("/api/v1/rooms/{room}/capacity-rules"),
        json!({"valid_from": "2026-03-24", "valid_to": "2026-03-23", "from_time": "10:00", "to_time": "09:00", "weekdays": [8], "occupancy_limit": 2}),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.count("capacity_rule").await, 0);
}

#[tokio::test]
async fn only_managers_of_the_office_change_its_rules() {
    let app = TestApp::spawn().await;
    let (office, _) = fixture(&app).await;
    let other = app.office(OfficeSpec::default()).await;
    let (status, saved) = call(
        &app,
        Method::POST,
        &format!("/api/v1/rooms/{}/capacity-rules", office.rooms[0]),
        json!({"valid_from": "2026-03-23", "valid_to": "2026-03-23", "occupancy_limit": 5}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    let rule = saved["rule"]["id"].as_i64().unwrap();
    let mut tokens = Vec::new();
    for (email, role, at) in [
        (
            "staff@example.org",
            sportello::domain::Role::Staff,
            office.id,
        ),
        (
            "boss.b@example.org",
            sportello::domain::Role::Manager,
            other.id,
        ),
    ] {
        tokens.push(app.account(email, role, Some(at)).await.token);
    }
    for token in &tokens {
        for (method, path, body) in [
            (
                Method::DELETE,
                format!("/api/v1/capacity-rules/{rule}"),
                json!({}),
            ),
            (
                Method::PUT,
                format!("/api/v1/rooms/{}", office.rooms[0]),
                json!({"occupancy_limit": 1}),
            ),
            (
                Method::POST,
                format!(
                    "/api/v1/rooms/{}/capacity-rules?dry_run=true",
                    office.rooms[0]
                ),
                json!({"valid_from": "2026-03-23", "valid_to": "2026-03-23", "occupancy_limit": 1}),
            ),
        ] {
            let r = app
                .client
                .request(method, app.url(&path))
                .bearer_auth(token)
                .json(&body)
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), StatusCode::FORBIDDEN, "{path}");
        }
    }
    let r = app
        .client
        .delete(app.url(&format!("/api/v1/capacity-rules/{rule}")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(app.count("capacity_rule").await, 1);
}
