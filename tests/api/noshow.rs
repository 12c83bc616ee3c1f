//! The no-show sweep, driven by the test clock: released at exactly `start + grace`,
//! nothing else touched, idempotent, once per booking with concurrent sweepers (two real
//! processes of the command line), released capacity usable at once, the scan's answer.

use std::process::Command;

use chrono::{DateTime, Duration, Utc};
use reqwest::StatusCode;
use serde_json::{Value, json};
use sportello::{domain::Role, service::noshow::release_no_shows};

use crate::helpers::{OfficeSpec, TestApp, booking_body};

const BASE: &str = "http://sportello.test";

fn at(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

async fn clerk(app: &TestApp, office: i64) -> String {
    sportello::service::auth::create_user(
        &app.db,
        "clerk@example.org",
        "a-long-password",
        Role::Staff,
        Some(office as i32),
        app.clock.now(),
    )
    .await
    .unwrap();
    app.login("clerk@example.org", "a-long-password").await
}

async fn book(
    app: &TestApp,
    office: &crate::helpers::Office,
    start: &str,
    email: &str,
    party: i64,
) -> Value {
    let r = app
        .post(
            "/api/v1/bookings",
            &booking_body(office, 0, start, party, email),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED, "{start}");
    r.json().await.unwrap()
}

#[tokio::test]
async fn a_booking_is_released_at_exactly_start_plus_grace_and_only_once() {
    let app = TestApp::spawn().await;
    let a = app.office(OfficeSpec::default()).await; // grace 15 minutes
    let b = book(&app, &a, "2026-03-20T11:00:00+01:00", "x@example.org", 1).await;
    let reference = b["reference"].as_str().unwrap().to_string();
    app.clock.set(at("2026-03-20T11:14:59+01:00"));
    let sweep = release_no_shows(&app.db, BASE, app.clock.now(), false)
        .await
        .unwrap();
    assert!(sweep.references.is_empty(), "a second early");
    assert_eq!(app.booking_rows().await[0].status, "confirmed");
    app.clock.set(at("2026-03-20T11:15:00+01:00"));
    let dry = release_no_shows(&app.db, BASE, app.clock.now(), true)
        .await
        .unwrap();
    assert_eq!(dry.references, vec![reference.clone()]);
    assert_eq!(
        app.booking_rows().await[0].status,
        "confirmed",
        "a dry run changes nothing"
    );
    assert_eq!(
        app.count("audit_log WHERE action = 'release_no_show'")
            .await,
        0
    );
    let sweep = release_no_shows(&app.db, BASE, app.clock.now(), false)
        .await
        .unwrap();
    assert_eq!(sweep.references, vec![reference.clone()]);
    let row = app.booking_rows().await.remove(0);
    assert_eq!(row.status, "no_show");
    assert_eq!(row.released_at, Some(app.clock.now()));
    let again = release_no_shows(&app.db, BASE, app.clock.now() + Duration::hours(1), false)
        .await
        .unwrap();
    assert!(again.references.is_empty());
    assert_eq!(
        app.count("audit_log WHERE action = 'release_no_show'")
            .await,
        1
    );
    // The scan after release tells it, with the time.
    let clerk = clerk(&app, a.id).await;
    let r = app
        .client
        .post(app.url("/api/v1/checkins"))
        .bearer_auth(&clerk)
        .json(&json!({"code": b["checkin_url"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::GONE);
    let p: Value = r.json().await.unwrap();
    assert_eq!(
        (p["outcome"].as_str(), p["released_at"].as_str()),
        (Some("no_show"), Some("2026-03-20T11:15:00+01:00"))
    );
}

#[tokio::test]
async fn checked_in_served_and_cancelled_bookings_are_never_released() {
    let app = TestApp::spawn().await;
    let a = app
        .office(OfficeSpec {
            counters: vec![(0, vec![0]), (0, vec![0]), (0, vec![0]), (0, vec![0])],
            ..Default::default()
        })
        .await;
    let clerk = clerk(&app, a.id).await;
    let start = "2026-03-20T11:00:00+01:00";
    let kept = book(&app, &a, start, "confirmed@example.org", 1).await;
    let inside = book(&app, &a, start, "inside@example.org", 1).await;
    let served = book(&app, &a, start, "served@example.org", 1).await;
    let cancelled = book(&app, &a, start, "cancelled@example.org", 1).await;
    app.clock.set(at("2026-03-20T10:55:00+01:00"));
    for b in [&inside, &served] {
        let r = app
            .client
            .post(app.url("/api/v1/checkins"))
            .bearer_auth(&clerk)
            .json(&json!({"code": b["checkin_url"]}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
    }
    let r = app
        .client
        .post(app.url(&format!(
            "/api/v1/bookings/{}/served",
            served["reference"].as_str().unwrap()
        )))
        .bearer_auth(&clerk)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let r = app
        .client
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
    assert_eq!(r.status(), StatusCode::OK);
    let before: Vec<_> = app.booking_rows().await;
    let sweep = release_no_shows(&app.db, BASE, app.clock.now() + Duration::days(3), false)
        .await
        .unwrap();
    assert_eq!(
        sweep.references,
        vec![kept["reference"].as_str().unwrap().to_string()]
    );
    for (old, new) in before.iter().zip(app.booking_rows().await) {
        if new.reference.as_deref() == kept["reference"].as_str() {
            assert_eq!(new.status, "no_show");
        } else {
            assert_eq!(old, &new, "untouched");
        }
    }
}

#[tokio::test]
async fn released_places_are_taken_again_at_once_by_a_walk_in() {
    let app = TestApp::spawn().await;
    let a = app
        .office(OfficeSpec {
            rooms: vec![("Sala", 2, None)],
            ..Default::default()
        })
        .await;
    // A party of 2 fills the room and the only counter from 11:00 to 11:20.
    book(
        &app,
        &a,
        "2026-03-20T11:00:00+01:00",
        "family@example.org",
        2,
    )
    .await;
    app.clock.set(at("2026-03-20T11:15:00+01:00"));
    let clerk = clerk(&app, a.id).await;
    let walk_in = || {
        app.client
            .post(app.url(&format!("/api/v1/offices/{}/walk-ins", a.id)))
            .bearer_auth(&clerk)
            .json(&json!({"service_id": a.services[0], "party_size": 2}))
            .send()
    };
    assert_eq!(walk_in().await.unwrap().status(), StatusCode::CONFLICT);
    let sweep = release_no_shows(&app.db, BASE, app.clock.now(), false)
        .await
        .unwrap();
    assert_eq!(sweep.references.len(), 1);
    assert_eq!(walk_in().await.unwrap().status(), StatusCode::CREATED);
    crate::helpers::assert_capacity_holds(&app).await;
    // And the occupancy no longer plans the released party.
    let r: Value = app
        .client
        .get(app.url(&format!("/api/v1/rooms/{}/occupancy", a.rooms[0])))
        .bearer_auth(&clerk)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        (r["present"].as_i64(), r["planned_now"].as_i64()),
        (Some(2), Some(2))
    );
}

#[tokio::test]
async fn two_processes_sweeping_at_once_release_each_booking_once() {
    let app = TestApp::spawn().await;
    let a = app
        .office(OfficeSpec {
            counters: (0..10).map(|_| (0, vec![0])).collect(),
            ..Default::default()
        })
        .await;
    let mut expected = Vec::new();
    for day in 0..3 {
        for i in 0..10 {
            let start = format!("2026-03-{}T11:00:00+01:00", 21 + day);
            let b = book(&app, &a, &start, &format!("c{day}-{i}@example.org"), 1).await;
            expected.push(b["reference"].as_str().unwrap().to_string());
        }
    }
    // The command line uses the real clock, by which these March bookings are long due.
    let url = app.state.config.database.url.clone();
    let spawn = || {
        Command::new(env!("CARGO_BIN_EXE_sportello"))
            .env("SPORTELLO_DATABASE_URL", &url)
            .env("SPORTELLO_DEMO", "off")
            .env("RUST_LOG", "warn")
            .arg("release-no-shows")
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (one, two) = (spawn(), spawn());
    let mut released = Vec::new();
    for child in [one, two] {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        let mut lines = text.lines();
        let count: usize = lines.next().unwrap().parse().unwrap();
        let refs: Vec<String> = lines.map(str::to_string).collect();
        assert_eq!(count, refs.len(), "{text}");
        released.extend(refs);
    }
    released.sort();
    expected.sort();
    assert_eq!(
        released, expected,
        "each booking released by exactly one process"
    );
    assert_eq!(
        app.count("audit_log WHERE action = 'release_no_show'")
            .await,
        30
    );
    assert_eq!(app.count("booking WHERE status = 'no_show'").await, 30);
    // In one process, concurrent sweeps too (the scheduler and the command line).
    let again = futures::future::join_all(
        (0..4)
            .map(|_| release_no_shows(&app.db, BASE, app.clock.now() + Duration::days(30), false)),
    )
    .await;
    assert!(
        again
            .iter()
            .all(|s| s.as_ref().unwrap().references.is_empty())
    );
    assert_eq!(
        app.count("audit_log WHERE action = 'release_no_show'")
            .await,
        30
    );
}

#[tokio::test]
async fn a_check_in_racing_the_sweep_either_admits_or_finds_the_booking_released() {
    let app = TestApp::spawn().await;
    let a = app
        .office(OfficeSpec {
            counters: (0..10).map(|_| (0, vec![0])).collect(),
            ..Default::default()
        })
        .await;
    let mut codes = Vec::new();
    for i in 0..10 {
        let b = book(
            &app,
            &a,
            "2026-03-20T11:00:00+01:00",
            &format!("r{i}@example.org"),
            1,
        )
        .await;
        codes.push(b["checkin_url"].as_str().unwrap().to_string());
    }
    let clerk = clerk(&app, a.id).await;
    app.clock.set(at("2026-03-20T11:15:00+01:00"));
    let scans = codes.iter().map(|code| {
        let req = app
            .client
            .post(app.url("/api/v1/checkins"))
            .bearer_auth(&clerk)
            .json(&json!({"code": code}));
        async move { req.send().await.unwrap().status() }
    });
    let (statuses, sweep) = tokio::join!(
        futures::future::join_all(scans),
        release_no_shows(&app.db, BASE, app.clock.now(), false)
    );
    let sweep = sweep.unwrap();
    let admitted = statuses.iter().filter(|s| **s == StatusCode::OK).count();
    let gone = statuses.iter().filter(|s| **s == StatusCode::GONE).count();
    assert_eq!(admitted + gone, 10, "{statuses:?}");
    assert_eq!(sweep.references.len(), gone);
    assert_eq!(
        app.count("booking WHERE status = 'checked_in'").await as usize,
        admitted
    );
    assert_eq!(
        app.count("audit_log WHERE action = 'release_no_show'")
            .await as usize,
        gone
    );
}
