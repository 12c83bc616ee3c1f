//! Check-in by QR code at the counter: every outcome of API.md, concurrent scans, closing
//! the appointment and the live occupancy of a room.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{OfficeSpec, TestApp, at};

async fn scan(app: &TestApp, token: &str, code: &str) -> (StatusCode, Value) {
    let r = app
        .client
        .post(app.url("/api/v1/checkins"))
        .bearer_auth(token)
        .json(&json!({"code": code}))
        .send()
        .await
        .unwrap();
    (r.status(), r.json().await.unwrap())
}

#[tokio::test]
async fn every_scan_outcome_is_told_apart() {
    let app = TestApp::spawn().await;
    let a = app
        .office(OfficeSpec {
            services: vec![(20, "in_person", 9)],
            counters: vec![(0, vec![0]), (0, vec![0])],
            ..Default::default()
        })
        .await;
    let b = app.office(OfficeSpec::default()).await;
    let clerk = app.clerk("clerk.a@example.org", a.id).await;
    let other = app.clerk("clerk.b@example.org", b.id).await;
    let booking = app
        .book_with(&a, 0, "2026-03-23T09:00:00+01:00", 2, "x@example.org")
        .await;
    let url = booking["checkin_url"].as_str().unwrap();
    let token = url.rsplit('/').next().unwrap();

    let (s, p) = scan(&app, &clerk, url).await;
    assert_eq!(
        (s, p["outcome"].as_str()),
        (StatusCode::UNPROCESSABLE_ENTITY, Some("too_early"))
    );
    let (s, p) = scan(&app, &other, url).await;
    assert_eq!(
        (s, p["outcome"].as_str()),
        (StatusCode::FORBIDDEN, Some("wrong_office"))
    );
    let (s, p) = scan(
        &app,
        &clerk,
        "http://sportello.test/c/AAAAAAAAAAAAAAAAAAAAAA",
    )
    .await;
    assert_eq!(
        (s, p["outcome"].as_str()),
        (StatusCode::NOT_FOUND, Some("unknown_code"))
    );
    let r = app
        .client
        .post(app.url("/api/v1/checkins"))
        .json(&json!({"code": url}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);

    // Half an hour before the start, as a USB scanner types it (with a trailing newline).
    app.clock.set(at("2026-03-23T08:30:00+01:00"));
    // Tokens last 12 hours: the clerk logs in on the day.
    let clerk = app.login("clerk.a@example.org", "a-long-password").await;
    let (s, p) = scan(&app, &clerk, &format!("{url}\n")).await;
    assert_eq!(
        (s, p["outcome"].as_str()),
        (StatusCode::OK, Some("checked_in"))
    );
    assert_eq!(p["booking"]["status"], "checked_in");
    assert_eq!(p["booking"]["checked_in_at"], "2026-03-23T08:30:00+01:00");
    app.clock.set(at("2026-03-23T08:45:00+01:00"));
    let (s, p) = scan(&app, &clerk, token).await;
    assert_eq!(
        (s, p["outcome"].as_str()),
        (StatusCode::CONFLICT, Some("already_checked_in"))
    );
    assert_eq!(p["checked_in_at"], "2026-03-23T08:30:00+01:00");
    assert!(p["detail"].as_str().unwrap().contains("08:30"));
    assert_eq!(p["booking"]["reference"], booking["reference"]);

    // Served; scanning afterwards still says when it was checked in.
    let reference = booking["reference"].as_str().unwrap();
    let served = app
        .client
        .post(app.url(&format!("/api/v1/bookings/{reference}/served")))
        .bearer_auth(&clerk)
        .send()
        .await
        .unwrap();
    assert_eq!(served.status(), StatusCode::OK);
    assert_eq!(served.json::<Value>().await.unwrap()["status"], "served");
    let again = app
        .client
        .post(app.url(&format!("/api/v1/bookings/{reference}/served")))
        .bearer_auth(&clerk)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::CONFLICT);
    let (s, p) = scan(&app, &clerk, url).await;
    assert_eq!(
        (s, p["outcome"].as_str()),
        (StatusCode::CONFLICT, Some("already_checked_in"))
    );

    // Cancelled.
    let cancelled = app
        .book_with(&a, 0, "2026-03-23T10:00:00+01:00", 2, "y@example.org")
        .await;
    app.client
        .post(app.url(&format!(
            "/api/v1/bookings/{}/cancel",
            cancelled["reference"].as_str().unwrap()
        )))
        .header(
            "X-Manage-Token",
            cancelled["manage_token"].as_str().unwrap(),
        )
        .send()
        .await
        .unwrap();
    let (s, p) = scan(&app, &clerk, cancelled["checkin_url"].as_str().unwrap()).await;
    assert_eq!(
        (s, p["outcome"].as_str()),
        (StatusCode::GONE, Some("cancelled"))
    );
    assert_eq!(p["cancelled_at"], "2026-03-23T08:45:00+01:00");

    // Released as a no-show (the sweep comes with issue 6; the row is set as it will).
    let released = app
        .book_with(&a, 0, "2026-03-23T11:00:00+01:00", 2, "z@example.org")
        .await;
    {
        use sea_orm::{ActiveModelTrait, ActiveValue::Set};
        let row = app
            .booking_rows()
            .await
            .into_iter()
            .find(|r| r.reference.as_deref() == released["reference"].as_str())
            .unwrap();
        let mut m: entity::booking::ActiveModel = row.into();
        m.status = Set(entity::status::BookingStatus::NoShow);
        m.released_at = Set(Some(at("2026-03-23T11:15:00+01:00")));
        m.update(&app.db.conn).await.unwrap();
    }
    let (s, p) = scan(&app, &clerk, released["checkin_url"].as_str().unwrap()).await;
    assert_eq!(
        (s, p["outcome"].as_str()),
        (StatusCode::GONE, Some("no_show"))
    );
    assert_eq!(p["released_at"], "2026-03-23T11:15:00+01:00");

    // A manager of the office and an admin may scan too.
    let fourth = app
        .book_with(&a, 0, "2026-03-23T10:20:00+01:00", 2, "w@example.org")
        .await;
    app.clock.set(at("2026-03-23T09:30:00+01:00"));
    let admin = app.login("admin@test.example", "admin-password-1").await;
    let (s, _) = scan(&app, &admin, fourth["checkin_url"].as_str().unwrap()).await;
    assert_eq!(s, StatusCode::OK);
}

#[tokio::test]
async fn fifty_scanners_on_one_code_admit_once() {
    let app = TestApp::spawn().await;
    let office = app.office(OfficeSpec::default()).await;
    let clerk = app.clerk("clerk@example.org", office.id).await;
    let booking = app
        .book_with(&office, 0, "2026-03-20T10:00:00+01:00", 2, "x@example.org")
        .await;
    let url = booking["checkin_url"].as_str().unwrap().to_string();
    let futures = (0..50).map(|_| {
        let (client, target, token, url) = (
            app.client.clone(),
            app.url("/api/v1/checkins"),
            clerk.clone(),
            url.clone(),
        );
        tokio::spawn(async move {
            client
                .post(target)
                .bearer_auth(token)
                .json(&json!({"code": url}))
                .send()
                .await
                .unwrap()
                .status()
        })
    });
    let statuses: Vec<StatusCode> = futures::future::join_all(futures)
        .await
        .into_iter()
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(statuses.iter().filter(|s| **s == StatusCode::OK).count(), 1);
    assert_eq!(
        statuses
            .iter()
            .filter(|s| **s == StatusCode::CONFLICT)
            .count(),
        49
    );
}

#[tokio::test]
async fn room_occupancy_counts_present_and_planned_persons() {
    let app = TestApp::spawn().await;
    let office = app
        .office(OfficeSpec {
            margin: 10,
            rooms: vec![("Corridoio", 8, None), ("Sala", 6, Some(0))],
            services: vec![(20, "in_person", 9)],
            counters: vec![(1, vec![0]), (1, vec![0])],
            ..Default::default()
        })
        .await;
    app.clerk("clerk@example.org", office.id).await;
    let first = app
        .book_with(&office, 0, "2026-03-23T09:00:00+01:00", 2, "a@example.org")
        .await;
    app.book_with(&office, 0, "2026-03-23T09:00:00+01:00", 2, "b@example.org")
        .await;
    app.book_with(&office, 0, "2026-03-23T09:20:00+01:00", 2, "c@example.org")
        .await;
    app.clock.set(at("2026-03-23T09:05:00+01:00"));
    let clerk = app.login("clerk@example.org", "a-long-password").await;
    let (s, _) = scan(&app, &clerk, first["checkin_url"].as_str().unwrap()).await;
    assert_eq!(s, StatusCode::OK);
    let get = |room: i64| {
        let (app, clerk) = (&app, &clerk);
        async move {
            app.client
                .get(app.url(&format!("/api/v1/rooms/{room}/occupancy")))
                .bearer_auth(clerk)
                .send()
                .await
                .unwrap()
                .json::<Value>()
                .await
                .unwrap()
        }
    };
    // 09:05: the two 09:00 parties (2 persons each) are planned; the 09:20 party waits
    // from 09:10. One party has been admitted.
    let sala = get(office.rooms[1]).await;
    assert_eq!(
        (
            sala["limit_now"].as_i64(),
            sala["planned_now"].as_i64(),
            sala["present"].as_i64()
        ),
        (Some(6), Some(4), Some(2))
    );
    let corridor = get(office.rooms[0]).await;
    assert_eq!(
        (
            corridor["limit_now"].as_i64(),
            corridor["planned_now"].as_i64(),
            corridor["present"].as_i64()
        ),
        (Some(8), Some(4), Some(2))
    );
    app.clock.set(at("2026-03-23T09:15:00+01:00"));
    assert_eq!(get(office.rooms[1]).await["planned_now"], 6);
    let anonymous = app
        .get(&format!("/api/v1/rooms/{}/occupancy", office.rooms[1]))
        .await;
    assert_eq!(anonymous.status(), StatusCode::UNAUTHORIZED);
}

/// The reference the citizen reads out ("6d9 xa3", any case, dash or not) admits like the
/// QR code, in the clerk's office only; an unknown one is an unknown code.
#[tokio::test]
async fn a_typed_reference_admits_like_the_qr_code() {
    let app = TestApp::spawn().await;
    let a = app.office(OfficeSpec::default()).await;
    let b = app.office(OfficeSpec::default()).await;
    let booking = app
        .book(&a, "2026-03-23T09:00:00+01:00", "x@example.org")
        .await;
    let reference = booking["reference"].as_str().unwrap().to_string();
    app.clock.set(at("2026-03-23T08:50:00+01:00"));
    let clerk = app.clerk("clerk.a@example.org", a.id).await;
    let other = app.clerk("clerk.b@example.org", b.id).await;
    let (s, p) = scan(&app, &other, &reference).await;
    assert_eq!(
        (s, p["outcome"].as_str()),
        (StatusCode::FORBIDDEN, Some("wrong_office"))
    );
    let spoken = reference.replace('-', " ").to_lowercase();
    let (s, p) = scan(&app, &clerk, &spoken).await;
    assert_eq!(s, StatusCode::OK, "{p}");
    assert_eq!(p["booking"]["reference"].as_str(), Some(reference.as_str()));
    let (s, p) = scan(&app, &clerk, &reference).await;
    assert_eq!(
        (s, p["outcome"].as_str()),
        (StatusCode::CONFLICT, Some("already_checked_in"))
    );
    let (s, p) = scan(&app, &clerk, "ZZZ-ZZZ").await;
    assert_eq!(
        (s, p["outcome"].as_str()),
        (StatusCode::NOT_FOUND, Some("unknown_code"))
    );
    assert_eq!(
        app.count("booking WHERE status = 'checked_in'").await,
        1,
        "admitted once"
    );
}
