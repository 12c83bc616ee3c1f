//! The public contract of API.md, status by status, with "nothing written" checked on
//! every refusal.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{OfficeSpec, TestApp, booking_body, problem_type};

#[tokio::test]
async fn offices_are_listed_with_rooms_and_services() {
    let app = TestApp::spawn().await;
    let office = app
        .office(OfficeSpec {
            margin: 10,
            ..Default::default()
        })
        .await;
    let list: Value = app.get("/api/v1/offices").await.json().await.unwrap();
    let o = list
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == office.id)
        .unwrap();
    assert_eq!(o["timezone"], "Europe/Rome");
    assert_eq!(o["arrival_margin_minutes"], 10);
    assert_eq!(o["rooms"][0]["occupancy_limit"], 100);
    assert_eq!(o["services"][0]["duration_minutes"], 20);
}

#[tokio::test]
async fn slots_keep_local_wall_clock_times_across_the_change_to_summer_time() {
    let app = TestApp::spawn().await;
    let office = app.office(OfficeSpec::default()).await;
    let path = format!(
        "/api/v1/offices/{}/services/{}/slots?from=2026-03-28&to=2026-03-30",
        office.id, office.services[0]
    );
    let body: Value = app.get(&path).await.json().await.unwrap();
    let starts: Vec<&str> = body["slots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["start"].as_str().unwrap())
        .collect();
    assert!(starts.contains(&"2026-03-28T09:00:00+01:00"));
    assert!(starts.contains(&"2026-03-29T09:00:00+02:00"));
    assert!(starts.contains(&"2026-03-30T09:00:00+02:00"));
    assert!(starts.contains(&"2026-03-30T12:40:00+02:00"));
    assert!(
        !starts.contains(&"2026-03-30T13:00:00+02:00"),
        "a slot must end by closing time"
    );
    assert_eq!(starts.len(), 3 * 12);
    assert_eq!(body["slots"][0]["end"], "2026-03-28T09:20:00+01:00");
    assert_eq!(body["slots"][0]["remaining"], 1);
    assert_eq!(body["timezone"], "Europe/Rome");
}

#[tokio::test]
async fn slots_respect_notice_horizon_and_closures() {
    let app = TestApp::spawn().await;
    let office = app.office(OfficeSpec::default()).await;
    let slots = |from: &str, to: &str| {
        format!(
            "/api/v1/offices/{}/services/{}/slots?from={from}&to={to}",
            office.id, office.services[0]
        )
    };
    // Now is 2026-03-20 09:00 local; minimum notice 60 minutes: the first slot is 10:00.
    let today: Value = app
        .get(&slots("2026-03-20", "2026-03-20"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(today["slots"][0]["start"], "2026-03-20T10:00:00+01:00");
    // Horizon 60 days: 2026-05-19 is the last bookable date.
    let edge: Value = app
        .get(&slots("2026-05-19", "2026-05-20"))
        .await
        .json()
        .await
        .unwrap();
    let dates: Vec<&str> = edge["slots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| &s["start"].as_str().unwrap()[..10])
        .collect();
    assert!(dates.contains(&"2026-05-19") && !dates.contains(&"2026-05-20"));
    // A closure removes the day.
    app.admin(
        reqwest::Method::POST,
        &format!("/api/v1/offices/{}/closures", office.id),
        json!({"from": "2026-03-25", "to": "2026-03-25", "reason": "Sciopero"}),
    )
    .await;
    let closed: Value = app
        .get(&slots("2026-03-24", "2026-03-26"))
        .await
        .json()
        .await
        .unwrap();
    let dates: Vec<&str> = closed["slots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| &s["start"].as_str().unwrap()[..10])
        .collect();
    assert!(
        dates.contains(&"2026-03-24")
            && dates.contains(&"2026-03-26")
            && !dates.contains(&"2026-03-25")
    );
    // The change applies to bookings at once too (the set-up cache follows the version).
    let r = app
        .post(
            "/api/v1/bookings",
            &booking_body(&office, 0, "2026-03-25T09:00:00+01:00", 1, "c@example.org"),
        )
        .await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn the_arrival_margin_counts_in_the_room() {
    let app = TestApp::spawn().await;
    // One room for 2 persons, two counters, a 10-minute arrival margin.
    let office = app
        .office(OfficeSpec {
            margin: 10,
            rooms: vec![("Sala", 2, None)],
            counters: vec![(0, vec![0]), (0, vec![0])],
            ..Default::default()
        })
        .await;
    let r = app
        .post(
            "/api/v1/bookings",
            &booking_body(&office, 0, "2026-03-23T09:00:00+01:00", 2, "a@example.org"),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let body: Value = app
        .get(&format!(
            "/api/v1/offices/{}/services/{}/slots?from=2026-03-23&to=2026-03-23",
            office.id, office.services[0]
        ))
        .await
        .json()
        .await
        .unwrap();
    let starts: Vec<&str> = body["slots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["start"].as_str().unwrap())
        .collect();
    // 09:20 waits from 09:10, while the 09:00 party is still inside: full.
    assert!(!starts.contains(&"2026-03-23T09:00:00+01:00"));
    assert!(!starts.contains(&"2026-03-23T09:20:00+01:00"));
    assert!(starts.contains(&"2026-03-23T09:40:00+01:00"));
    let r = app
        .post(
            "/api/v1/bookings",
            &booking_body(&office, 0, "2026-03-23T09:20:00+01:00", 1, "b@example.org"),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert_eq!(
        problem_type(&r.json().await.unwrap()),
        "/problems/slot-full"
    );
}

#[tokio::test]
async fn a_citizen_books_reads_and_cancels_a_booking() {
    let app = TestApp::spawn().await;
    let office = app.office(OfficeSpec::default()).await;
    let resp = app
        .post(
            "/api/v1/bookings",
            &booking_body(
                &office,
                0,
                "2026-03-30T09:00:00+02:00",
                1,
                "  Maria.Rossi@Example.ORG ",
            ),
        )
        .await;
    assert_eq!(resp.status(), StatusCode::CREATED);
    let location = resp.headers()["location"].to_str().unwrap().to_string();
    let b: Value = resp.json().await.unwrap();
    assert_eq!(
        location,
        format!("/api/v1/bookings/{}", b["reference"].as_str().unwrap())
    );
    assert_eq!(b["status"], "confirmed");
    assert_eq!(b["start"], "2026-03-30T09:00:00+02:00");
    assert_eq!(b["end"], "2026-03-30T09:20:00+02:00");
    assert_eq!(b["citizen"]["email"], "maria.rossi@example.org");
    assert_eq!(b["counter_id"], office.counters[0]);
    assert_eq!(b["room_id"], office.rooms[0]);
    assert_eq!(b["created_at"], "2026-03-20T09:00:00+01:00");
    let reference = b["reference"].as_str().unwrap();
    assert!(regex_like_reference(reference), "{reference}");
    let checkin = b["checkin_url"].as_str().unwrap();
    let token = b["manage_token"].as_str().unwrap();
    assert!(checkin.starts_with("http://sportello.test/c/"));
    assert!(!checkin.contains(reference) && !checkin.contains(token));
    assert!(token.len() >= 22 && checkin.len() - "http://sportello.test/c/".len() >= 22);

    // Read with the header, and with ?token=.
    let got = app
        .client
        .get(app.url(&location))
        .header("X-Manage-Token", token)
        .send()
        .await
        .unwrap();
    assert_eq!(got.status(), StatusCode::OK);
    let got: Value = got.json().await.unwrap();
    assert_eq!(got["reference"], reference);
    assert!(
        got.get("manage_token").is_none(),
        "the token is only in the creation response"
    );
    assert_eq!(
        app.get(&format!("{location}?token={token}")).await.status(),
        StatusCode::OK
    );
    // Lower case and without the dash, as typed by a person.
    let typed = reference.replace('-', "").to_lowercase();
    assert_eq!(
        app.get(&format!("/api/v1/bookings/{typed}?token={token}"))
            .await
            .status(),
        StatusCode::OK
    );

    // Wrong token and unknown reference look the same.
    let wrong = app
        .get(&format!("{location}?token=AAAAAAAAAAAAAAAAAAAAAA"))
        .await;
    let unknown = app
        .get(&format!("/api/v1/bookings/ZZZ-ZZZ?token={token}"))
        .await;
    assert_eq!(wrong.status(), StatusCode::NOT_FOUND);
    assert_eq!(unknown.status(), StatusCode::NOT_FOUND);
    assert_eq!(wrong.headers()["content-type"], "application/problem+json");
    assert_eq!(
        wrong.json::<Value>().await.unwrap(),
        unknown.json::<Value>().await.unwrap()
    );
    assert_eq!(
        app.get(&location).await.status(),
        StatusCode::NOT_FOUND,
        "no token at all"
    );

    // Cancel, then cancel again: 200 both times, the second unchanged.
    let cancel = format!("{location}/cancel");
    let c1 = app
        .client
        .post(app.url(&cancel))
        .header("X-Manage-Token", token)
        .send()
        .await
        .unwrap();
    assert_eq!(c1.status(), StatusCode::OK);
    let c1: Value = c1.json().await.unwrap();
    assert_eq!(c1["status"], "cancelled");
    assert_eq!(c1["cancelled_at"], "2026-03-20T09:00:00+01:00");
    app.clock.advance(chrono::Duration::minutes(5));
    let c2: Value = app
        .client
        .post(app.url(&cancel))
        .header("X-Manage-Token", token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(c2, c1);
    let wrong_cancel = app
        .client
        .post(app.url(&cancel))
        .header("X-Manage-Token", "nope")
        .send()
        .await
        .unwrap();
    assert_eq!(wrong_cancel.status(), StatusCode::NOT_FOUND);

    // The cancelled place is free again.
    let again = app
        .post(
            "/api/v1/bookings",
            &booking_body(
                &office,
                0,
                "2026-03-30T09:00:00+02:00",
                1,
                "other@example.org",
            ),
        )
        .await;
    assert_eq!(again.status(), StatusCode::CREATED);
}

fn regex_like_reference(r: &str) -> bool {
    r.len() == 7
        && r.as_bytes()[3] == b'-'
        && r.chars()
            .filter(|c| *c != '-')
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

#[tokio::test]
async fn a_checked_in_served_or_no_show_booking_cannot_be_cancelled() {
    use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};
    let app = TestApp::spawn().await;
    let office = app
        .office(OfficeSpec {
            services: vec![(20, "in_person", 10)],
            ..Default::default()
        })
        .await;
    use entity::status::BookingStatus;
    for (i, status) in [
        BookingStatus::CheckedIn,
        BookingStatus::Served,
        BookingStatus::NoShow,
    ]
    .iter()
    .enumerate()
    {
        let start = format!("2026-03-23T{:02}:00:00+01:00", 9 + i);
        let b: Value = app
            .post(
                "/api/v1/bookings",
                &booking_body(&office, 0, &start, 1, "x@example.org"),
            )
            .await
            .json()
            .await
            .unwrap();
        let reference = b["reference"].as_str().unwrap();
        // Check-in and the no-show sweep come with later features; set the state directly.
        let row = app
            .booking_rows()
            .await
            .into_iter()
            .find(|r| r.reference.as_deref() == Some(reference))
            .unwrap();
        let mut active: entity::booking::ActiveModel = row.into();
        active.status = Set(*status);
        active.update(&app.db.conn).await.unwrap();
        let r = app
            .client
            .post(app.url(&format!("/api/v1/bookings/{reference}/cancel")))
            .header("X-Manage-Token", b["manage_token"].as_str().unwrap())
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::CONFLICT, "{status}");
        let after = entity::booking::Entity::find()
            .all(&app.db.conn)
            .await
            .unwrap();
        assert!(
            after
                .iter()
                .any(|r| r.reference.as_deref() == Some(reference)
                    && r.status == *status
                    && r.cancelled_at.is_none())
        );
    }
}

#[tokio::test]
async fn every_invalid_booking_is_422_and_writes_nothing() {
    let app = TestApp::spawn().await;
    let office = app.office(OfficeSpec::default()).await;
    let good = booking_body(&office, 0, "2026-03-23T09:00:00+01:00", 1, "ok@example.org");
    let with = |path: &[&str], value: Value| {
        let mut b = good.clone();
        let mut target = &mut b;
        for p in &path[..path.len() - 1] {
            target = &mut target[*p];
        }
        target[path[path.len() - 1]] = value;
        b
    };
    let cases: Vec<(&str, Value, &str)> = vec![
        (
            "not a slot (09:05)",
            with(&["start"], json!("2026-03-23T09:05:00+01:00")),
            "start",
        ),
        (
            "in the past",
            with(&["start"], json!("2026-03-19T09:00:00+01:00")),
            "start",
        ),
        (
            "inside the minimum notice",
            with(&["start"], json!("2026-03-20T09:40:00+01:00")),
            "start",
        ),
        (
            "past the horizon",
            with(&["start"], json!("2026-05-20T09:00:00+02:00")),
            "start",
        ),
        (
            "after closing",
            with(&["start"], json!("2026-03-23T13:00:00+01:00")),
            "start",
        ),
        (
            "not a date",
            with(&["start"], json!("next monday")),
            "start",
        ),
        (
            "bad email",
            with(&["citizen", "email"], json!("maria.example.org")),
            "citizen.email",
        ),
        (
            "empty name",
            with(&["citizen", "name"], json!("  ")),
            "citizen.name",
        ),
        ("party 0", with(&["party_size"], json!(0)), "party_size"),
        ("party 5", with(&["party_size"], json!(5)), "party_size"),
        ("language", with(&["language"], json!("fr")), "language"),
        (
            "phone",
            with(&["citizen", "phone"], json!("call me maybe")),
            "citizen.phone",
        ),
        ("wrong type", with(&["party_size"], json!("two")), "body"),
        (
            "missing citizen",
            {
                let mut b = good.clone();
                b.as_object_mut().unwrap().remove("citizen");
                b
            },
            "body",
        ),
    ];
    for (what, body, field) in cases {
        let r = app.post("/api/v1/bookings", &body).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{what}");
        assert_eq!(
            r.headers()["content-type"],
            "application/problem+json",
            "{what}"
        );
        let p: Value = r.json().await.unwrap();
        assert_eq!(p["status"], 422);
        assert!(
            p["errors"]
                .as_array()
                .unwrap()
                .iter()
                .any(|e| e["field"] == field),
            "{what}: {p}"
        );
    }
    // A malformed body is 400, a non-JSON content type 415; unknown office or service 404.
    let r = app
        .client
        .post(app.url("/api/v1/bookings"))
        .header("content-type", "application/json")
        .body("{not json")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert_eq!(r.headers()["content-type"], "application/problem+json");
    let r = app
        .client
        .post(app.url("/api/v1/bookings"))
        .body(good.to_string())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNSUPPORTED_MEDIA_TYPE);
    let r = app
        .post("/api/v1/bookings", &with(&["office_id"], json!(9999)))
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let r = app
        .post("/api/v1/bookings", &with(&["service_id"], json!(9999)))
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert_eq!(app.count("booking").await, 0, "nothing was written");
    assert_eq!(app.count("idempotency_key").await, 0);
}

#[tokio::test]
async fn a_full_slot_is_409_and_a_party_larger_than_the_room_too() {
    let app = TestApp::spawn().await;
    let office = app
        .office(OfficeSpec {
            rooms: vec![("Sala", 3, None)],
            counters: vec![(0, vec![0]), (0, vec![0])],
            ..Default::default()
        })
        .await;
    let start = "2026-03-23T09:00:00+01:00";
    let too_big = app
        .post(
            "/api/v1/bookings",
            &booking_body(&office, 0, start, 4, "big@example.org"),
        )
        .await;
    assert_eq!(too_big.status(), StatusCode::CONFLICT);
    assert_eq!(
        problem_type(&too_big.json().await.unwrap()),
        "/problems/slot-full"
    );
    assert_eq!(
        app.post(
            "/api/v1/bookings",
            &booking_body(&office, 0, start, 2, "a@example.org")
        )
        .await
        .status(),
        StatusCode::CREATED
    );
    let over = app
        .post(
            "/api/v1/bookings",
            &booking_body(&office, 0, start, 2, "b@example.org"),
        )
        .await;
    assert_eq!(over.status(), StatusCode::CONFLICT);
    assert_eq!(
        app.post(
            "/api/v1/bookings",
            &booking_body(&office, 0, start, 1, "c@example.org")
        )
        .await
        .status(),
        StatusCode::CREATED
    );
    let no_counter = app
        .post(
            "/api/v1/bookings",
            &booking_body(&office, 0, start, 1, "d@example.org"),
        )
        .await;
    assert_eq!(no_counter.status(), StatusCode::CONFLICT);
    assert_eq!(app.count("booking").await, 2);
}

#[tokio::test]
async fn the_citizen_limit_is_409_and_counts_the_normalised_email() {
    let app = TestApp::spawn().await;
    let office = app
        .office(OfficeSpec {
            services: vec![(20, "in_person", 2)],
            ..Default::default()
        })
        .await;
    for (i, email) in ["Anna@example.org", "anna@EXAMPLE.org "].iter().enumerate() {
        let start = format!("2026-03-2{}T09:00:00+01:00", 3 + i);
        assert_eq!(
            app.post(
                "/api/v1/bookings",
                &booking_body(&office, 0, &start, 1, email)
            )
            .await
            .status(),
            StatusCode::CREATED
        );
    }
    let third = app
        .post(
            "/api/v1/bookings",
            &booking_body(
                &office,
                0,
                "2026-03-26T09:00:00+01:00",
                1,
                "ANNA@example.org",
            ),
        )
        .await;
    assert_eq!(third.status(), StatusCode::CONFLICT);
    assert_eq!(
        problem_type(&third.json().await.unwrap()),
        "/problems/citizen-limit"
    );
    assert_eq!(app.count("booking").await, 2);
}

#[tokio::test]
async fn a_hold_keeps_the_place_and_becomes_the_booking() {
    let app = TestApp::spawn().await;
    let office = app.office(OfficeSpec::default()).await;
    let start = "2026-03-23T09:00:00+01:00";
    let hold_body = json!({"office_id": office.id, "service_id": office.services[0], "start": start, "party_size": 1});
    let hold = app.post("/api/v1/holds", &hold_body).await;
    assert_eq!(hold.status(), StatusCode::CREATED);
    let hold: Value = hold.json().await.unwrap();
    assert_eq!(hold["expires_at"], "2026-03-20T09:05:00+01:00");
    let hold_id = hold["hold_id"].as_str().unwrap();
    // The only counter is held: a second hold and a plain booking are refused.
    assert_eq!(
        app.post("/api/v1/holds", &hold_body).await.status(),
        StatusCode::CONFLICT
    );
    assert_eq!(
        app.post(
            "/api/v1/bookings",
            &booking_body(&office, 0, start, 1, "other@example.org")
        )
        .await
        .status(),
        StatusCode::CONFLICT
    );
    // A mismatching hold is 422.
    let mut mismatch = booking_body(&office, 0, "2026-03-23T09:20:00+01:00", 1, "me@example.org");
    mismatch["hold_id"] = json!(hold_id);
    assert_eq!(
        app.post("/api/v1/bookings", &mismatch).await.status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    // The right one takes the hold's place.
    let mut body = booking_body(&office, 0, start, 1, "me@example.org");
    body["hold_id"] = json!(hold_id);
    let b = app.post("/api/v1/bookings", &body).await;
    assert_eq!(b.status(), StatusCode::CREATED);
    assert_eq!(app.count("booking").await, 1, "the hold became the booking");
    // Using it again: the hold is gone.
    let again = app.post("/api/v1/bookings", &body).await;
    assert_eq!(again.status(), StatusCode::CONFLICT);
    assert_eq!(
        problem_type(&again.json().await.unwrap()),
        "/problems/hold-expired"
    );
}

#[tokio::test]
async fn an_expired_hold_frees_the_place_and_cannot_be_used() {
    let app = TestApp::spawn().await;
    let office = app.office(OfficeSpec::default()).await;
    let start = "2026-03-23T09:00:00+01:00";
    let hold: Value = app.post("/api/v1/holds", &json!({"office_id": office.id, "service_id": office.services[0], "start": start, "party_size": 1})).await.json().await.unwrap();
    app.clock.advance(chrono::Duration::minutes(5));
    let mut body = booking_body(&office, 0, start, 1, "late@example.org");
    body["hold_id"] = hold["hold_id"].clone();
    let late = app.post("/api/v1/bookings", &body).await;
    assert_eq!(late.status(), StatusCode::CONFLICT);
    assert_eq!(
        problem_type(&late.json().await.unwrap()),
        "/problems/hold-expired"
    );
    let other = app
        .post(
            "/api/v1/bookings",
            &booking_body(&office, 0, start, 1, "other@example.org"),
        )
        .await;
    assert_eq!(
        other.status(),
        StatusCode::CREATED,
        "an expired hold holds nothing"
    );
    // Unknown hold ids: 409 too; deleting is 204 whatever the hold.
    let mut unknown = booking_body(&office, 0, "2026-03-23T09:20:00+01:00", 1, "u@example.org");
    unknown["hold_id"] = json!("00000000-0000-0000-0000-000000000000");
    assert_eq!(
        app.post("/api/v1/bookings", &unknown).await.status(),
        StatusCode::CONFLICT
    );
    let r = app
        .client
        .delete(app.url("/api/v1/holds/unknown"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
}

#[tokio::test]
async fn deleting_a_hold_frees_the_place_at_once() {
    let app = TestApp::spawn().await;
    let office = app.office(OfficeSpec::default()).await;
    let start = "2026-03-23T09:00:00+01:00";
    let hold: Value = app.post("/api/v1/holds", &json!({"office_id": office.id, "service_id": office.services[0], "start": start, "party_size": 1})).await.json().await.unwrap();
    let r = app
        .client
        .delete(app.url(&format!(
            "/api/v1/holds/{}",
            hold["hold_id"].as_str().unwrap()
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        app.post(
            "/api/v1/bookings",
            &booking_body(&office, 0, start, 1, "a@example.org")
        )
        .await
        .status(),
        StatusCode::CREATED
    );
}

#[tokio::test]
async fn an_idempotency_key_replays_the_first_response() {
    let app = TestApp::spawn().await;
    let office = app
        .office(OfficeSpec {
            counters: vec![(0, vec![0]), (0, vec![0])],
            ..Default::default()
        })
        .await;
    let body = booking_body(
        &office,
        0,
        "2026-03-23T09:00:00+01:00",
        1,
        "idem@example.org",
    );
    let send = |key: &'static str, body: Value| {
        let app = &app;
        async move {
            app.client
                .post(app.url("/api/v1/bookings"))
                .header("Idempotency-Key", key)
                .json(&body)
                .send()
                .await
                .unwrap()
        }
    };
    let first = send("key-1", body.clone()).await;
    assert_eq!(first.status(), StatusCode::CREATED);
    let loc = first.headers()["location"].clone();
    let first_body = first.text().await.unwrap();
    app.clock.advance(chrono::Duration::hours(23));
    let second = send("key-1", body.clone()).await;
    assert_eq!(second.status(), StatusCode::CREATED);
    assert_eq!(second.headers()["location"], loc);
    assert_eq!(second.text().await.unwrap(), first_body);
    assert_eq!(app.count("booking").await, 1);
    // Same key, different body.
    let mut other = body.clone();
    other["party_size"] = json!(2);
    let reused = send("key-1", other).await;
    assert_eq!(reused.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(
        problem_type(&reused.json().await.unwrap()),
        "/problems/idempotency-key-reused"
    );
    // A refused request's key replays the refusal, and books nothing when retried.
    let mut bad = body.clone();
    bad["citizen"]["email"] = json!("idem2@example.org");
    bad["start"] = json!("2026-03-23T09:05:00+01:00");
    let r1 = send("key-2", bad.clone()).await;
    assert_eq!(r1.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r1 = r1.text().await.unwrap();
    let r2 = send("key-2", bad).await;
    assert_eq!(r2.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(r2.text().await.unwrap(), r1);
    assert_eq!(app.count("booking").await, 1);
    // After 24 hours the key is forgotten.
    app.clock.advance(chrono::Duration::hours(2));
    let mut later = body.clone();
    later["citizen"]["email"] = json!("idem3@example.org");
    assert_eq!(send("key-1", later).await.status(), StatusCode::CREATED);
    assert_eq!(app.count("booking").await, 2);
}

#[tokio::test]
async fn concurrent_requests_with_one_idempotency_key_book_once() {
    let app = TestApp::spawn().await;
    let office = app
        .office(OfficeSpec {
            counters: (0..5).map(|_| (0, vec![0])).collect(),
            ..Default::default()
        })
        .await;
    let body = booking_body(
        &office,
        0,
        "2026-03-23T09:00:00+01:00",
        1,
        "same@example.org",
    );
    let futures = (0..40).map(|_| {
        let (client, url, body) = (
            app.client.clone(),
            app.url("/api/v1/bookings"),
            body.clone(),
        );
        async move {
            let r = client
                .post(url)
                .header("Idempotency-Key", "race")
                .json(&body)
                .send()
                .await
                .unwrap();
            (r.status(), r.text().await.unwrap())
        }
    });
    let results = futures::future::join_all(futures).await;
    assert!(
        results.iter().all(|(s, _)| *s == StatusCode::CREATED),
        "{results:?}"
    );
    assert!(
        results.iter().all(|(_, b)| *b == results[0].1),
        "every response is the first one"
    );
    assert_eq!(app.count("booking").await, 1);
}

#[tokio::test]
async fn unknown_paths_and_methods_are_problems() {
    let app = TestApp::spawn().await;
    let r = app.get("/api/v1/nothing").await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    assert_eq!(r.headers()["content-type"], "application/problem+json");
    let r = app
        .client
        .delete(app.url("/api/v1/offices"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(r.headers()["content-type"], "application/problem+json");
    let r = app
        .get("/api/v1/offices/abc/services/1/slots?from=2026-03-23&to=2026-03-23")
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn slot_queries_validate_their_range() {
    let app = TestApp::spawn().await;
    let office = app.office(OfficeSpec::default()).await;
    let base = format!(
        "/api/v1/offices/{}/services/{}/slots",
        office.id, office.services[0]
    );
    for q in [
        "",
        "?from=2026-03-23",
        "?from=2026-03-23&to=2026-05-25",
        "?from=2026-03-25&to=2026-03-23",
        "?from=23/03/2026&to=2026-03-24",
    ] {
        let r = app.get(&format!("{base}{q}")).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{q}");
        let p: Value = r.json().await.unwrap();
        assert!(!p["errors"].as_array().unwrap().is_empty());
    }
    assert_eq!(
        app.get(&format!("{base}?from=2026-03-23&to=2026-05-24"))
            .await
            .status(),
        StatusCode::OK,
        "62 days is allowed"
    );
    let r = app
        .get(&format!(
            "/api/v1/offices/{}/services/9999/slots?from=2026-03-23&to=2026-03-23",
            office.id
        ))
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn video_appointments_take_the_counter_but_no_room_place() {
    let app = TestApp::spawn().await;
    let office = app
        .office(OfficeSpec {
            rooms: vec![("Sala", 1, None)],
            services: vec![(20, "video", 5), (20, "in_person", 5)],
            counters: vec![(0, vec![0, 1]), (0, vec![0, 1])],
            ..Default::default()
        })
        .await;
    let start = "2026-03-23T09:00:00+01:00";
    let v: Value = app
        .post(
            "/api/v1/bookings",
            &booking_body(&office, 0, start, 1, "v@example.org"),
        )
        .await
        .json()
        .await
        .unwrap();
    assert!(
        v["meeting_url"]
            .as_str()
            .unwrap()
            .starts_with("https://meet.example/sportello-")
    );
    assert_eq!(v["room_id"], office.rooms[0]);
    // The room (limit 1) is still free for an in-person booking at the other counter.
    assert_eq!(
        app.post(
            "/api/v1/bookings",
            &booking_body(&office, 1, start, 1, "p@example.org")
        )
        .await
        .status(),
        StatusCode::CREATED
    );
    // Both counters are now busy: another video call does not fit.
    assert_eq!(
        app.post(
            "/api/v1/bookings",
            &booking_body(&office, 0, start, 1, "v2@example.org")
        )
        .await
        .status(),
        StatusCode::CONFLICT
    );
}

#[tokio::test]
async fn openapi_describes_every_path_and_docs_are_served() {
    let app = TestApp::spawn().await;
    let doc: Value = app.get("/api/openapi.json").await.json().await.unwrap();
    let paths = doc["paths"].as_object().unwrap();
    for p in [
        "/api/v1/offices",
        "/api/v1/offices/{office_id}/services/{service_id}/slots",
        "/api/v1/holds",
        "/api/v1/holds/{hold_id}",
        "/api/v1/bookings",
        "/api/v1/bookings/{reference}",
        "/api/v1/bookings/{reference}/cancel",
        "/api/v1/auth/tokens",
        "/api/v1/offices/{office_id}/rooms",
        "/api/v1/rooms/{room_id}/counters",
        "/api/v1/offices/{office_id}/services",
        "/api/v1/offices/{office_id}/opening-hours",
        "/api/v1/offices/{office_id}/closures",
    ] {
        assert!(
            paths.contains_key(p),
            "{p} missing from the OpenAPI document"
        );
    }
    let docs = app.get("/api/docs").await;
    assert_eq!(docs.status(), StatusCode::OK);
    let html = docs.text().await.unwrap();
    assert!(html.contains("/api/docs/scalar.js") && html.contains("Sportello API"));
    let js = app.get("/api/docs/scalar.js").await;
    assert_eq!(js.status(), StatusCode::OK);
    assert!(js.bytes().await.unwrap().len() > 100_000);
    assert_eq!(app.get("/healthz").await.status(), StatusCode::OK);
    assert_eq!(app.get("/readyz").await.status(), StatusCode::OK);
}

#[tokio::test]
async fn public_writes_and_login_are_rate_limited_per_client() {
    let app = TestApp::spawn_with(|c| c.http.rate_limit = true).await;
    let office = app.office(OfficeSpec::default()).await;
    let mut statuses = Vec::new();
    for i in 0..25 {
        let body = booking_body(
            &office,
            0,
            "2026-03-23T09:05:00+01:00",
            1,
            &format!("r{i}@example.org"),
        );
        let r = app.post("/api/v1/bookings", &body).await;
        statuses.push(r.status());
        if r.status() == StatusCode::TOO_MANY_REQUESTS {
            assert!(r.headers().contains_key("retry-after"));
            assert_eq!(r.headers()["content-type"], "application/problem+json");
        }
    }
    assert!(
        statuses[..20]
            .iter()
            .all(|s| *s == StatusCode::UNPROCESSABLE_ENTITY),
        "{statuses:?}"
    );
    assert!(
        statuses[20..]
            .iter()
            .all(|s| *s == StatusCode::TOO_MANY_REQUESTS),
        "{statuses:?}"
    );
    // The citizens' deletes share the budget of the public writes.
    for path in [
        "/api/v1/holds/no-such-hold",
        "/api/v1/waiting-list/1?token=x",
    ] {
        let r = app.client.delete(app.url(path)).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS, "{path}");
    }
    // Reading is not limited.
    assert_eq!(app.get("/api/v1/offices").await.status(), StatusCode::OK);
    // Login: five tries, then 429 (the admin logged in once already at start-up).
    let mut login = Vec::new();
    for _ in 0..6 {
        login.push(
            app.post(
                "/api/v1/auth/tokens",
                &json!({"email": "x@example.org", "password": "wrong"}),
            )
            .await
            .status(),
        );
    }
    assert!(
        login.contains(&StatusCode::UNAUTHORIZED)
            && login.last() == Some(&StatusCode::TOO_MANY_REQUESTS),
        "{login:?}"
    );
}

/// Each booking emails its address: one mailbox gets at most ten bookings and
/// waiting-list entries an hour, whichever addresses the requests come from, however
/// the address is spelt, and even when the requests arrive at once, so nobody can flood
/// a stranger's mailbox. Others book on; the hour over, so does the address.
#[tokio::test]
async fn one_email_address_gets_at_most_ten_bookings_an_hour() {
    let app = TestApp::spawn_with(|c| c.http.rate_limit = true).await;
    let office = app
        .office(OfficeSpec {
            services: vec![(20, "in_person", 50)],
            ..Default::default()
        })
        .await;
    let at = |i: usize| {
        format!(
            "2026-03-{}T{:02}:{:02}:00+01:00",
            23 + i / 12,
            9 + i % 12 / 3,
            i % 3 * 20
        )
    };
    // Fourteen at once, in four spellings of one mailbox.
    let spellings = [
        "victim@example.org",
        " Victim@Example.ORG",
        "victim+1@example.org",
        "VICTIM+news@example.org",
    ];
    let sent = (0..14).map(|i| {
        let body = booking_body(&office, 0, &at(i), 1, spellings[i % 4]);
        let app = &app;
        async move { app.post("/api/v1/bookings", &body).await }
    });
    let answers = futures::future::join_all(sent).await;
    let created = answers
        .iter()
        .filter(|r| r.status() == StatusCode::CREATED)
        .count();
    let limited: Vec<_> = answers
        .iter()
        .filter(|r| r.status() == StatusCode::TOO_MANY_REQUESTS)
        .collect();
    assert_eq!((created, limited.len()), (10, 4));
    for r in &limited {
        assert_eq!(r.headers()["content-type"], "application/problem+json");
        assert_eq!(r.headers()["retry-after"], "3600");
    }
    let r = app
        .post(
            "/api/v1/bookings",
            &booking_body(&office, 0, &at(14), 1, "victim+2@example.org"),
        )
        .await;
    assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS);
    let problem: Value = r.json().await.unwrap();
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("email address"),
        "{problem}"
    );
    let join = json!({"office_id": office.id, "service_id": office.services[0],
                      "citizen": {"name": "V", "email": "victim@example.org"},
                      "date_from": "2026-03-25", "date_to": "2026-03-25"});
    let r = app.post("/api/v1/waiting-list", &join).await;
    assert_eq!(
        r.status(),
        StatusCode::TOO_MANY_REQUESTS,
        "the waiting list too"
    );
    // Nothing was made for the refused requests, and no email queued.
    assert_eq!(app.count("booking").await, 10);
    assert_eq!(app.count("waitlist_entry").await, 0);
    assert_eq!(app.count("outbox_message").await, 10);
    // Another address books at once; the victim's address again after the hour.
    let r = app
        .post(
            "/api/v1/bookings",
            &booking_body(&office, 0, &at(14), 1, "other@example.org"),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    app.clock.advance(chrono::Duration::minutes(61));
    let r = app
        .post(
            "/api/v1/bookings",
            &booking_body(&office, 0, &at(15), 1, "victim@example.org"),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn a_hold_that_expired_and_was_given_away_cannot_be_revived_by_a_slow_clock() {
    let app = TestApp::spawn().await;
    let office = app.office(OfficeSpec::default()).await;
    let start = "2026-03-23T09:00:00+01:00";
    let hold: Value = app
        .post("/api/v1/holds", &json!({"office_id": office.id, "service_id": office.services[0], "start": start, "party_size": 1}))
        .await
        .json()
        .await
        .unwrap();
    // Expired for this request: the only counter goes to someone else.
    app.clock.advance(chrono::Duration::minutes(5));
    let other = app
        .post(
            "/api/v1/bookings",
            &booking_body(&office, 0, start, 1, "fast@example.org"),
        )
        .await;
    assert_eq!(other.status(), StatusCode::CREATED);
    // A request whose clock is a little behind (another process) still sees the hold live.
    app.clock.advance(chrono::Duration::minutes(-1));
    let mut body = booking_body(&office, 0, start, 1, "slow@example.org");
    body["hold_id"] = hold["hold_id"].clone();
    let late = app.post("/api/v1/bookings", &body).await;
    assert_eq!(late.status(), StatusCode::CONFLICT);
    assert_eq!(
        problem_type(&late.json().await.unwrap()),
        "/problems/hold-expired"
    );
    let active = app
        .booking_rows()
        .await
        .into_iter()
        .filter(|b| b.status == entity::status::BookingStatus::Confirmed)
        .count();
    assert_eq!(active, 1, "never two bookings on one counter");
    app.clock.advance(chrono::Duration::minutes(1));
    crate::helpers::assert_capacity_holds(&app).await;
}

#[tokio::test]
async fn a_hold_is_honoured_even_when_its_start_comes_within_the_notice() {
    let app = TestApp::spawn().await;
    let office = app.office(OfficeSpec::default()).await;
    // Now is 09:00; the notice is 60 minutes: 10:00 is the first bookable slot.
    let start = "2026-03-20T10:00:00+01:00";
    let hold: Value = app
        .post("/api/v1/holds", &json!({"office_id": office.id, "service_id": office.services[0], "start": start, "party_size": 1}))
        .await
        .json()
        .await
        .unwrap();
    app.clock.advance(chrono::Duration::minutes(4));
    let plain = app
        .post(
            "/api/v1/bookings",
            &booking_body(&office, 0, start, 1, "other@example.org"),
        )
        .await;
    assert_eq!(
        plain.status(),
        StatusCode::UNPROCESSABLE_ENTITY,
        "without a hold the notice applies"
    );
    let mut body = booking_body(&office, 0, start, 1, "held@example.org");
    body["hold_id"] = hold["hold_id"].clone();
    assert_eq!(
        app.post("/api/v1/bookings", &body).await.status(),
        StatusCode::CREATED
    );
}

#[tokio::test]
async fn a_placement_notices_a_set_up_change_made_after_it_read_the_set_up() {
    use sportello::service::{booking::placement, engine};
    let app = TestApp::spawn().await;
    let office = app.office(OfficeSpec::default()).await;
    let ask = placement::Ask {
        office_id: office.id as i32,
        service_id: office.services[0] as i32,
        start: "2026-03-23T09:00:00+01:00",
        party_size: 1,
        holding: false,
    };
    let v = placement::validate(&app.db, ask, Vec::new(), app.clock.now())
        .await
        .unwrap();
    // A manager adds a room meanwhile.
    app.admin(
        reqwest::Method::POST,
        &format!("/api/v1/offices/{}/rooms", office.id),
        json!({"name": "Nuova", "occupancy_limit": 2}),
    )
    .await;
    let (txn, gate) = engine::begin(&app.db).await.unwrap();
    let result =
        placement::place_in(&txn, &v, &placement::candidates(&v), None, app.clock.now()).await;
    assert!(
        matches!(result, Err(placement::Failure::Stale)),
        "{result:?}"
    );
    drop(txn);
    drop(gate);
    // Through the API the same request is simply retried with the new set-up.
    let r = app
        .post(
            "/api/v1/bookings",
            &booking_body(&office, 0, "2026-03-23T09:00:00+01:00", 1, "a@example.org"),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
}

#[tokio::test]
async fn a_badly_encoded_path_is_a_problem_document() {
    let app = TestApp::spawn().await;
    let r = app.get("/api/v1/bookings/%FF%FE?token=x").await;
    assert_eq!(r.status(), StatusCode::BAD_REQUEST);
    assert_eq!(r.headers()["content-type"], "application/problem+json");
}
