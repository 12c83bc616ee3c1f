//! The no-show sweep, driven by the test clock: released at exactly `start + grace`,
//! nothing else touched, idempotent, once per booking with concurrent sweepers (two real
//! processes of the command line), released capacity usable at once, the scan's answer;
//! and the other scheduled jobs (reminders, reconfirmation, retention) run three at once
//! doing exactly what one run does.

use std::process::Command;

use chrono::Duration;
use reqwest::StatusCode;
use sea_orm::EntityTrait;
use serde_json::{Value, json};
use sportello::service::visit::noshow::release_no_shows;

use crate::helpers::{OfficeSpec, TestApp, at};

const BASE: &str = "http://sportello.test";

#[tokio::test]
async fn a_booking_is_released_at_exactly_start_plus_grace_and_only_once() {
    let app = TestApp::spawn().await;
    let a = app.office(OfficeSpec::default()).await; // grace 15 minutes
    let b = app
        .book_with(&a, 0, "2026-03-20T11:00:00+01:00", 1, "x@example.org")
        .await;
    let reference = b["reference"].as_str().unwrap().to_string();
    app.clock.set(at("2026-03-20T11:14:59+01:00"));
    let sweep = release_no_shows(&app.db, BASE, app.clock.now(), false)
        .await
        .unwrap();
    assert!(sweep.references.is_empty(), "a second early");
    assert_eq!(
        app.booking_rows().await[0].status,
        entity::status::BookingStatus::Confirmed
    );
    app.clock.set(at("2026-03-20T11:15:00+01:00"));
    let dry = release_no_shows(&app.db, BASE, app.clock.now(), true)
        .await
        .unwrap();
    assert_eq!(dry.references, vec![reference.clone()]);
    assert_eq!(
        app.booking_rows().await[0].status,
        entity::status::BookingStatus::Confirmed,
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
    assert_eq!(row.status, entity::status::BookingStatus::NoShow);
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
    let clerk = app.clerk("clerk@example.org", a.id).await;
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
    let clerk = app.clerk("clerk@example.org", a.id).await;
    let start = "2026-03-20T11:00:00+01:00";
    let kept = app
        .book_with(&a, 0, start, 1, "confirmed@example.org")
        .await;
    let inside = app.book_with(&a, 0, start, 1, "inside@example.org").await;
    let served = app.book_with(&a, 0, start, 1, "served@example.org").await;
    let cancelled = app
        .book_with(&a, 0, start, 1, "cancelled@example.org")
        .await;
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
            assert_eq!(new.status, entity::status::BookingStatus::NoShow);
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
    app.book_with(&a, 0, "2026-03-20T11:00:00+01:00", 2, "family@example.org")
        .await;
    app.clock.set(at("2026-03-20T11:15:00+01:00"));
    let clerk = app.clerk("clerk@example.org", a.id).await;
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
            let b = app
                .book_with(&a, 0, &start, 1, &format!("c{day}-{i}@example.org"))
                .await;
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
        let b = app
            .book_with(
                &a,
                0,
                "2026-03-20T11:00:00+01:00",
                1,
                &format!("r{i}@example.org"),
            )
            .await;
        codes.push(b["checkin_url"].as_str().unwrap().to_string());
    }
    let clerk = app.clerk("clerk@example.org", a.id).await;
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

#[tokio::test]
async fn an_office_that_wants_it_emails_the_released_citizen() {
    let app = TestApp::spawn().await;
    let a = app.office(OfficeSpec::default()).await;
    let b = app
        .book_with(&a, 0, "2026-03-20T11:00:00+01:00", 1, "late@example.org")
        .await;
    let quiet = release_no_shows(&app.db, BASE, at("2026-03-20T11:15:00+01:00"), false)
        .await
        .unwrap();
    assert_eq!(quiet.references.len(), 1);
    assert_eq!(
        app.count("outbox_message WHERE kind = 'no_show'").await,
        0,
        "off by default"
    );
    let r = app
        .client
        .patch(app.url(&format!("/api/v1/offices/{}", a.id)))
        .bearer_auth(&app.admin_token)
        .json(&json!({"no_show_email": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let second = app
        .book_with(&a, 0, "2026-03-20T11:20:00+01:00", 1, "late2@example.org")
        .await;
    release_no_shows(&app.db, BASE, at("2026-03-20T11:35:00+01:00"), false)
        .await
        .unwrap();
    let mail = entity::outbox_message::Entity::find()
        .all(&app.db.conn)
        .await
        .unwrap();
    let told: Vec<_> = mail.iter().filter(|m| m.kind == "no_show").collect();
    assert_eq!(told.len(), 1);
    assert_eq!(told[0].recipient, "late2@example.org");
    assert!(
        told[0]
            .body_text
            .contains(second["reference"].as_str().unwrap())
    );
    assert!(
        told[0].subject.contains("non utilizzato"),
        "{}",
        told[0].subject
    );
    let _ = b;
}

/// A service whose bookings must be reconfirmed 3 days ahead, on a counter of its own
/// in the office's first room.
async fn reconfirmed_service(app: &TestApp, office: &crate::helpers::Office) -> i64 {
    use reqwest::Method;
    let svc = app
        .admin(
            Method::POST,
            &format!("/api/v1/offices/{}/services", office.id),
            json!({"name": "Carta d'identità", "duration_minutes": 20, "horizon_days": 60,
                   "min_notice_minutes": 60, "no_show_grace_minutes": 15, "reconfirm_days": 3}),
        )
        .await;
    assert_eq!(svc["reconfirm_days"], 3);
    let svc_id = svc["id"].as_i64().unwrap();
    app.admin(
        Method::POST,
        &format!("/api/v1/rooms/{}/counters", office.rooms[0]),
        json!({"name": "CIE", "service_ids": [svc_id]}),
    )
    .await;
    svc_id
}

#[tokio::test]
async fn a_booking_not_reconfirmed_by_the_day_before_is_released_and_its_place_offered() {
    let app = TestApp::spawn().await;
    let a = app.office(OfficeSpec::default()).await;
    let svc_id = reconfirmed_service(&app, &a).await;
    // The office's systems hear of the release as of any cancellation.
    app.admin(
        reqwest::Method::POST,
        &format!("/api/v1/offices/{}/webhooks", a.id),
        json!({"url": "http://127.0.0.1:9/hook", "events": ["booking.cancelled"]}),
    )
    .await;
    let booking = |start: &str, email: &str| {
        let body = json!({"office_id": a.id, "service_id": svc_id, "start": start, "party_size": 1,
                          "citizen": {"name": "Anna", "email": email}, "language": "it"});
        let app = &app;
        async move {
            let r = app.post("/api/v1/bookings", &body).await;
            assert_eq!(r.status(), StatusCode::CREATED);
            r.json::<Value>().await.unwrap()
        }
    };
    // Booked ten days ahead: one will reconfirm, one will not.
    let keeps = booking("2026-03-30T09:00:00+02:00", "keeps@example.org").await;
    let forgets = booking("2026-03-30T09:20:00+02:00", "forgets@example.org").await;
    let r = app
        .post(
            "/api/v1/waiting-list",
            &json!({"office_id": a.id, "service_id": svc_id, "citizen": {"name": "Attende", "email": "waits@example.org"},
                    "date_from": "2026-03-30", "date_to": "2026-03-30"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let config = app.state.config.clone();
    let run = |t: &str| {
        let (db, config) = (app.db.clone(), config.clone());
        let t = at(t);
        async move {
            sportello::service::visit::reconfirm::run_once(&db, &config, t)
                .await
                .unwrap()
        }
    };
    assert_eq!(
        run("2026-03-26T12:00:00+01:00").await,
        Default::default(),
        "not yet in the window"
    );
    let first = run("2026-03-27T10:00:00+01:00").await;
    assert_eq!(first.requested, 2);
    assert_eq!(run("2026-03-27T10:01:00+01:00").await.requested, 0, "once");
    assert_eq!(
        app.count("outbox_message WHERE kind = 'reconfirm_request'")
            .await,
        2
    );
    // The link in the email confirms (a GET shows the button; the POST confirms).
    let mail = entity::outbox_message::Entity::find()
        .all(&app.db.conn)
        .await
        .unwrap();
    let request = mail
        .iter()
        .find(|m| m.kind == "reconfirm_request" && m.recipient == "keeps@example.org")
        .unwrap();
    let i = request.body_text.find("/r/").unwrap();
    let token: String = request.body_text[i + 3..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    let browser = crate::helpers::cookie_client();
    let page = browser
        .get(app.url(&format!("/r/{token}?lang=en")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("I confirm I am coming"));
    let csrf = crate::helpers::form_field(&page, "csrf");
    let done = browser
        .post(app.url(&format!("/r/{token}")))
        .form(&[("csrf", csrf.as_str()), ("lang", "en")])
        .send()
        .await
        .unwrap();
    assert_eq!(done.status(), StatusCode::OK);
    assert!(
        done.text()
            .await
            .unwrap()
            .contains("the appointment is confirmed")
    );
    // The deadline: a day before the start. The other is released and its place offered.
    assert_eq!(
        run("2026-03-29T09:19:00+02:00").await.released,
        0,
        "a minute early"
    );
    let late = run("2026-03-29T09:20:00+02:00").await;
    assert_eq!(late.released, 1);
    let rows = app.booking_rows().await;
    let status = |r: &Value| {
        rows.iter()
            .find(|b| b.reference.as_deref() == r["reference"].as_str())
            .unwrap()
            .status
    };
    assert_eq!(
        (status(&keeps), status(&forgets)),
        (
            entity::status::BookingStatus::Confirmed,
            entity::status::BookingStatus::Cancelled
        )
    );
    assert_eq!(
        app.count("outbox_message WHERE kind = 'reconfirm_released'")
            .await,
        1
    );
    assert_eq!(
        app.count("audit_log WHERE action = 'release_unconfirmed'")
            .await,
        1
    );
    assert_eq!(
        app.count("outbox_message WHERE kind = 'webhook' AND subject = 'booking.cancelled'")
            .await,
        1,
        "one booking.cancelled for the released booking"
    );
    assert_eq!(
        app.count(
            "outbox_message WHERE kind = 'waitlist_offer' AND recipient = 'waits@example.org'"
        )
        .await,
        1
    );
    assert_eq!(
        run("2026-03-29T10:00:00+02:00").await,
        Default::default(),
        "idempotent"
    );
}

#[tokio::test]
async fn released_room_places_are_bookable_again_through_the_api_at_once() {
    use reqwest::Method;
    let app = TestApp::spawn().await;
    // A room of one, a 10-minute arrival margin, a service bookable up to its start.
    let a = app
        .office(OfficeSpec {
            margin: 10,
            rooms: vec![("Sala", 1, None)],
            counters: vec![(0, vec![0]), (0, vec![0])],
            ..Default::default()
        })
        .await;
    let svc = app
        .admin(
            Method::POST,
            &format!("/api/v1/offices/{}/services", a.id),
            json!({"name": "Certificati", "duration_minutes": 20, "horizon_days": 60,
                   "min_notice_minutes": 0, "no_show_grace_minutes": 15}),
        )
        .await;
    let svc_id = svc["id"].as_i64().unwrap();
    app.admin(
        Method::POST,
        &format!("/api/v1/rooms/{}/counters", a.rooms[0]),
        json!({"name": "C", "service_ids": [svc_id]}),
    )
    .await;
    let body = |start: &str, email: &str| {
        json!({"office_id": a.id, "service_id": svc_id, "start": start, "party_size": 1,
               "citizen": {"name": "X", "email": email}, "language": "it"})
    };
    let r = app
        .post(
            "/api/v1/bookings",
            &body("2026-03-20T11:00:00+01:00", "absent@example.org"),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    // At 11:15 the 11:20 slot (room from 11:10) overlaps the absent citizen's interval.
    app.clock.set(at("2026-03-20T11:15:00+01:00"));
    let url = format!(
        "/api/v1/offices/{}/services/{svc_id}/slots?from=2026-03-20&to=2026-03-20",
        a.id
    );
    let before: Value = app.get(&url).await.json().await.unwrap();
    assert!(
        !before["slots"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["start"] == "2026-03-20T11:20:00+01:00"),
        "{before}"
    );
    let r = app
        .post(
            "/api/v1/bookings",
            &body("2026-03-20T11:20:00+01:00", "next@example.org"),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    // The citizens' day page does not offer it either.
    let day_page = format!("/book/{}/{svc_id}/2026-03-20?lang=en", a.id);
    let slot = "value=\"2026-03-20T11:20:00+01:00\"";
    let page = app.get(&day_page).await.text().await.unwrap();
    assert!(!page.contains(slot), "{page}");
    release_no_shows(&app.db, BASE, app.clock.now(), false)
        .await
        .unwrap();
    let page = app.get(&day_page).await.text().await.unwrap();
    assert!(
        page.contains(slot),
        "the day page offers the released place: {page}"
    );
    let after: Value = app.get(&url).await.json().await.unwrap();
    assert!(
        after["slots"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["start"] == "2026-03-20T11:20:00+01:00"),
        "{after}"
    );
    let r = app
        .post(
            "/api/v1/bookings",
            &body("2026-03-20T11:20:00+01:00", "next@example.org"),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    crate::helpers::assert_capacity_holds(&app).await;
}

#[tokio::test]
async fn a_server_starting_after_downtime_catches_up_the_missed_sweeps() {
    let app = TestApp::spawn().await;
    let a = app.office(OfficeSpec::default()).await;
    app.book_with(&a, 0, "2026-03-20T11:00:00+01:00", 1, "missed@example.org")
        .await;
    // The server was down over the booking's start and grace; another one starts at
    // 14:00 with its jobs on: no cron tick is needed for the release.
    let mut config = (*app.state.config).clone();
    config.mail.sender_enabled = true;
    let clock = sportello::clock::Clock::manual(at("2026-03-20T14:00:00+01:00"));
    let server = sportello::startup::Application::build(config, clock)
        .await
        .unwrap();
    tokio::spawn(server.run_until_stopped(std::future::pending()));
    let mut status = entity::status::BookingStatus::Confirmed;
    for _ in 0..100 {
        status = app.booking_rows().await[0].status;
        if status == entity::status::BookingStatus::NoShow {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(status, entity::status::BookingStatus::NoShow);
    assert_eq!(
        app.booking_rows().await[0].released_at,
        Some(at("2026-03-20T14:00:00+01:00"))
    );
}

/// The reconfirmation step, the reminders and retention, run by `parallel` processes at
/// once (as every process of a scaled-out deployment runs them), over the same office:
/// what they did, as counts of rows and of the work each run reported.
async fn jobs_scenario(parallel: usize) -> Vec<(String, i64)> {
    use futures::future::join_all;
    let app = TestApp::spawn().await;
    let a = app.office(OfficeSpec::default()).await;
    let svc_id = reconfirmed_service(&app, &a).await;
    // Four bookings that must be reconfirmed (none will be), a citizen waiting for that
    // day, and three ordinary bookings for the reminders.
    for (i, time) in ["09:00", "09:20", "09:40", "10:00"].iter().enumerate() {
        let body = json!({"office_id": a.id, "service_id": svc_id,
                          "start": format!("2026-03-30T{time}:00+02:00"), "party_size": 1,
                          "citizen": {"name": "Anna", "email": format!("r{i}@example.org")}, "language": "it"});
        assert_eq!(
            app.post("/api/v1/bookings", &body).await.status(),
            StatusCode::CREATED
        );
    }
    let r = app
        .post(
            "/api/v1/waiting-list",
            &json!({"office_id": a.id, "service_id": svc_id, "citizen": {"name": "Attende", "email": "waits@example.org"},
                    "date_from": "2026-03-30", "date_to": "2026-03-30"}),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    for (i, start) in [
        "2026-03-24T09:00:00+01:00",
        "2026-03-24T09:20:00+01:00",
        "2026-03-24T11:00:00+01:00",
    ]
    .iter()
    .enumerate()
    {
        app.book_with(&a, 0, start, 1, &format!("m{i}@example.org"))
            .await;
    }
    let config = app.state.config.clone();
    let mut seen = Vec::new();
    // Reminders the evening before (17:00 is the default reminder hour).
    let done = join_all((0..parallel).map(|_| {
        sportello::service::visit::reminders::run_once(
            &app.db,
            &config,
            at("2026-03-23T19:00:00+01:00"),
        )
    }))
    .await;
    assert!(done.iter().all(Result::is_ok), "{done:?}");
    // Reconfirmation requests, then the releases a day before the start.
    for t in ["2026-03-27T10:00:00+01:00", "2026-03-29T10:00:00+02:00"] {
        let runs = join_all(
            (0..parallel)
                .map(|_| sportello::service::visit::reconfirm::run_once(&app.db, &config, at(t))),
        )
        .await;
        let runs: Vec<_> = runs.into_iter().map(Result::unwrap).collect();
        seen.push((
            format!("requested at {t}"),
            runs.iter().map(|r| r.requested as i64).sum(),
        ));
        seen.push((
            format!("released at {t}"),
            runs.iter().map(|r| r.released as i64).sum(),
        ));
    }
    // Retention, long after.
    let runs = join_all((0..parallel).map(|_| {
        sportello::service::retention::anonymise(&app.db, at("2026-06-01T03:00:00+02:00"), 30)
    }))
    .await;
    let runs: Vec<_> = runs.into_iter().map(Result::unwrap).collect();
    seen.push((
        "anonymised bookings".into(),
        runs.iter().map(|r| r.bookings as i64).sum(),
    ));
    seen.push((
        "anonymised waiting".into(),
        runs.iter().map(|r| r.waitlist as i64).sum(),
    ));
    for kind in [
        "reminder",
        "reconfirm_request",
        "reconfirm_released",
        "waitlist_offer",
    ] {
        let n = app
            .count(&format!("outbox_message WHERE kind = '{kind}'"))
            .await;
        seen.push((format!("outbox {kind}"), n));
    }
    for action in ["release_unconfirmed"] {
        let n = app
            .count(&format!("audit_log WHERE action = '{action}'"))
            .await;
        seen.push((format!("audit {action}"), n));
    }
    for status in ["confirmed", "cancelled"] {
        let n = app
            .count(&format!("booking WHERE status = '{status}'"))
            .await;
        seen.push((format!("booking {status}"), n));
    }
    seen.push((
        "booking anonymised".into(),
        app.count("booking WHERE anonymised_at IS NOT NULL").await,
    ));
    seen
}

#[tokio::test]
async fn the_scheduled_jobs_run_by_three_processes_at_once_do_what_one_does() {
    let one = jobs_scenario(1).await;
    let get = |name: &str| one.iter().find(|(n, _)| n == name).unwrap().1;
    // The single run did each kind of work, so the comparison below can fail.
    assert_eq!(get("outbox reminder"), 3, "{one:?}");
    assert_eq!(get("outbox reconfirm_request"), 4, "{one:?}");
    assert_eq!(get("outbox reconfirm_released"), 4, "{one:?}");
    assert_eq!(get("audit release_unconfirmed"), 4, "{one:?}");
    assert!(get("outbox waitlist_offer") >= 1, "{one:?}");
    assert_eq!(get("booking anonymised"), 7, "{one:?}");
    let three = jobs_scenario(3).await;
    assert_eq!(one, three);
}
