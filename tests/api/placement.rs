//! Placement reads the bookings around a request summed by the database (issue 19, point
//! 2): per room and room interval, and the busy counters, from an index range as long as
//! the office's span bound. These tests show that the sums decide exactly as the rows did
//! under a crowd on one start, and that the bound never forgets a booking longer than
//! the office's services are now.

use reqwest::{Method, StatusCode};
use sea_orm::EntityTrait;
use serde_json::json;

use crate::helpers::{
    Office, OfficeSpec, TestApp, assert_capacity_holds, booking_body, problem_type,
};

/// A popular start: more counters than room places, parties of one and two, and a
/// second, longer service whose bookings share the room over different intervals, all
/// booked at once. The room's limit decides, exactly.
#[tokio::test]
async fn a_crowd_on_one_start_fills_the_room_exactly() {
    let app = TestApp::spawn().await;
    let office = app
        .office(OfficeSpec {
            margin: 10,
            rooms: vec![("Sala", 30, None)],
            services: vec![(20, "in_person", 1), (40, "in_person", 1)],
            counters: (0..40).map(|_| (0, vec![0, 1])).collect(),
            ..Default::default()
        })
        .await;
    let mut tasks = Vec::new();
    for i in 0..64 {
        let (service, start, party) = match i % 4 {
            0 => (1, "2026-03-23T09:00:00+01:00", 1),
            1 => (0, "2026-03-23T09:20:00+01:00", 2),
            _ => (0, "2026-03-23T09:20:00+01:00", 1),
        };
        let body = booking_body(&office, service, start, party, &format!("p{i}@example.org"));
        let client = app.client.clone();
        let url = app.url("/api/v1/bookings");
        tasks.push(tokio::spawn(async move {
            let r = client.post(url).json(&body).send().await.unwrap();
            let status = r.status();
            let v: serde_json::Value = r.json().await.unwrap_or_default();
            (status, v)
        }));
    }
    let mut persons_booked = 0;
    for t in tasks {
        let (status, v) = t.await.unwrap();
        match status {
            StatusCode::CREATED => persons_booked += v["party_size"].as_i64().unwrap(),
            StatusCode::CONFLICT => assert_eq!(problem_type(&v), "/problems/slot-full", "{v}"),
            other => panic!("unexpected {other}: {v}"),
        }
    }
    // At 09:20 the 40-minute bookings of 09:00 (room from 08:50 to 09:40) and the
    // 20-minute ones of 09:20 (from 09:10) are all in the room: 30 persons at most, and a
    // crowd of 80 asking makes sure the room fills up to its last place or, with a party
    // of two left over, to all but one.
    let rows = app.booking_rows().await;
    let stored: i64 = rows.iter().map(|b| i64::from(b.party_size)).sum();
    assert_eq!(
        stored, persons_booked,
        "every 201 is a row, and nothing else is"
    );
    assert!((29..=30).contains(&stored), "{stored} persons booked");
    assert_capacity_holds(&app).await;
    // The confirmation is written before the place is taken (on PostgreSQL, with the
    // row's id from its sequence) and taken back when the place is refused: exactly one
    // per booking row, none for the refused.
    let confirmations = |rows: Vec<entity::outbox_message::Model>| {
        let mut ids: Vec<i32> = rows
            .iter()
            .filter(|m| m.kind == "confirmation")
            .filter_map(|m| m.booking_id)
            .collect();
        ids.sort_unstable();
        ids
    };
    let mut booked: Vec<i32> = rows.iter().map(|b| b.id).collect();
    booked.sort_unstable();
    assert_eq!(confirmations(app.outbox_rows().await), booked);
    // A person over the per-citizen limit is sent the notice and no confirmation.
    let first = rows
        .iter()
        .find(|b| b.service_id == office.services[0] as i32)
        .expect("a booking of the 20-minute service");
    let again = booking_body(
        &office,
        0,
        "2026-03-24T10:00:00+01:00",
        1,
        first.citizen_email.as_deref().unwrap_or_default(),
    );
    let r = app
        .client
        .post(app.url("/api/v1/bookings"))
        .json(&again)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let outbox = app.outbox_rows().await;
    let notices = outbox.iter().filter(|m| m.kind == "citizen_limit").count();
    assert_eq!(notices, 1, "the notice to the address stays");
    assert_eq!(
        confirmations(outbox),
        booked,
        "no confirmation for the refused"
    );
}

/// A booking made while a service was long still occupies the room after the service is
/// shortened: the office's span bound only goes up, so the engine keeps reading far
/// enough back to see it (with the bound lowered to the new length, this overbooks).
#[tokio::test]
async fn a_shortened_service_keeps_its_long_bookings_in_the_room() {
    let app = TestApp::spawn().await;
    let office = app
        .office(OfficeSpec {
            margin: 10,
            rooms: vec![("Sala", 1, None)],
            services: vec![(120, "in_person", 5)],
            counters: vec![(0, vec![0]), (0, vec![0])],
            ..Default::default()
        })
        .await;
    app.book(&office, "2026-03-23T09:00:00+01:00", "long@example.org")
        .await;
    set_duration(&app, &office, 10, 5).await;
    let stored = entity::office::Entity::find_by_id(office.id as i32)
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.max_span_minutes, 130, "the bound stays at 10 + 120");

    // 10:40 is in the room from 10:30: the 09:00 booking is there until 11:00.
    let listed: serde_json::Value = app
        .get(&format!(
            "/api/v1/offices/{}/services/{}/slots?from=2026-03-23&to=2026-03-23",
            office.id, office.services[0]
        ))
        .await
        .json()
        .await
        .unwrap();
    let starts: Vec<&str> = listed["slots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["start"].as_str().unwrap())
        .collect();
    assert!(!starts.contains(&"2026-03-23T10:40:00+01:00"), "{starts:?}");
    assert!(starts.contains(&"2026-03-23T11:10:00+01:00"), "{starts:?}");
    let r = app
        .post(
            "/api/v1/bookings",
            &booking_body(
                &office,
                0,
                "2026-03-23T10:40:00+01:00",
                1,
                "short@example.org",
            ),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let v: serde_json::Value = r.json().await.unwrap();
    assert_eq!(problem_type(&v), "/problems/slot-full", "{v}");
    // From 11:00 (room from 11:00 at 11:10) the room is free again.
    app.book(&office, "2026-03-23T11:10:00+01:00", "short@example.org")
        .await;
    assert_eq!(app.count("booking").await, 2);
    assert_capacity_holds(&app).await;
}

/// The upgrade measures each existing office's bound: the longest of its services' room
/// intervals now and of its bookings' actual ones (a booking made before its service was
/// shortened), on both databases.
#[tokio::test]
async fn the_upgrade_measures_each_offices_span_from_its_services_and_bookings() {
    use migration::MigratorTrait;
    use sea_orm::{ConnectionTrait, Database};
    let dir = tempfile::tempdir().unwrap();
    let pg = match crate::helpers::pg_server_url() {
        Some(server) => Some(crate::helpers::PgDatabase::create(&server).await),
        None => None,
    };
    let url = pg.as_ref().map_or_else(
        || format!("sqlite://{}/old.db?mode=rwc", dir.path().display()),
        crate::helpers::PgDatabase::url,
    );
    let conn = Database::connect(&url).await.unwrap();
    let before = migration::Migrator::migrations()
        .iter()
        .position(|m| m.name() == "m20261207_000001_office_span")
        .unwrap();
    migration::Migrator::up(&conn, Some(before as u32))
        .await
        .unwrap();
    for sql in [
        "INSERT INTO office (id, name, address, timezone, arrival_margin_minutes, config_version, created_at, no_show_email) VALUES (7, 'Lungo', '', 'Europe/Rome', 10, 1, '2026-03-20 08:00:00+00:00', false)",
        "INSERT INTO office (id, name, address, timezone, arrival_margin_minutes, config_version, created_at, no_show_email) VALUES (8, 'Breve', '', 'Europe/Rome', 5, 1, '2026-03-20 08:00:00+00:00', false)",
        "INSERT INTO office (id, name, address, timezone, arrival_margin_minutes, config_version, created_at, no_show_email) VALUES (9, 'Vuoto', '', 'Europe/Rome', 15, 1, '2026-03-20 08:00:00+00:00', false)",
        "INSERT INTO room (id, office_id, name, occupancy_limit) VALUES (3, 7, 'Sala', 5)",
        "INSERT INTO counter (id, office_id, room_id, name, active) VALUES (4, 7, 3, 'Sportello', true)",
        "INSERT INTO service (id, office_id, name, duration_minutes, horizon_days, min_notice_minutes, no_show_grace_minutes, max_active_per_citizen, channel, what_to_bring, description, texts, login_required) VALUES (5, 7, 'Breve ora', 20, 60, 60, 15, 1, 'in_person', '', '', '{}', false)",
        "INSERT INTO service (id, office_id, name, duration_minutes, horizon_days, min_notice_minutes, no_show_grace_minutes, max_active_per_citizen, channel, what_to_bring, description, texts, login_required) VALUES (6, 8, 'Certificati', 45, 60, 60, 15, 1, 'in_person', '', '', '{}', false)",
        // Made when the service took two hours: 08:50 to 11:00, 130 minutes in the room.
        "INSERT INTO booking (office_id, service_id, counter_id, room_id, occupies_room, status, start_at, end_at, room_from, party_size, language, created_at) VALUES (7, 5, 4, 3, true, 'confirmed', '2026-03-23 09:00:00+00:00', '2026-03-23 11:00:00+00:00', '2026-03-23 08:50:00+00:00', 1, 'it', '2026-03-20 08:00:00+00:00')",
    ] {
        conn.execute_unprepared(sql)
            .await
            .unwrap_or_else(|e| panic!("{sql}: {e}"));
    }
    migration::Migrator::up(&conn, None).await.unwrap();
    let offices = <entity::office::Entity as EntityTrait>::find()
        .all(&conn)
        .await
        .unwrap();
    let span = |id: i32| {
        offices
            .iter()
            .find(|o| o.id == id)
            .unwrap()
            .max_span_minutes
    };
    assert_eq!(
        span(7),
        130,
        "the booking's 130 minutes, not the service's 30"
    );
    assert_eq!(span(8), 50, "margin 5 and 45 minutes");
    assert_eq!(span(9), 15, "no service: the margin");
    conn.close().await.ok();
    drop(pg);
}

/// Many requests take over one hold at once under different addresses (a form sent
/// again after its address was corrected): one books, the others are told the hold is
/// gone, and the booking keeps its one confirmation, to the address it was made with.
/// Each request writes its confirmation before the place is taken, and a refused one
/// takes back only its own.
#[tokio::test]
async fn one_hold_taken_over_at_once_keeps_the_winners_confirmation() {
    let app = TestApp::spawn().await;
    let office = app.office(OfficeSpec::default()).await;
    let start = "2026-03-23T09:00:00+01:00";
    let hold = app.hold(&office, start).await;
    let mut tasks = Vec::new();
    for i in 0..8 {
        let mut body = booking_body(&office, 0, start, 1, &format!("form{i}@example.org"));
        body["hold_id"] = hold["hold_id"].clone();
        let (client, url) = (app.client.clone(), app.url("/api/v1/bookings"));
        tasks.push(tokio::spawn(async move {
            let r = client.post(url).json(&body).send().await.unwrap();
            let status = r.status();
            (
                status,
                r.json::<serde_json::Value>().await.unwrap_or_default(),
            )
        }));
    }
    let mut winners = Vec::new();
    for t in tasks {
        let (status, v) = t.await.unwrap();
        match status {
            StatusCode::CREATED => winners.push(v),
            StatusCode::CONFLICT => assert_eq!(problem_type(&v), "/problems/hold-expired", "{v}"),
            other => panic!("unexpected {other}: {v}"),
        }
    }
    assert_eq!(winners.len(), 1, "one request takes the hold over");
    let booked = app.booking_rows().await;
    assert_eq!(booked.len(), 1);
    let confirmations: Vec<_> = app
        .outbox_rows()
        .await
        .into_iter()
        .filter(|m| m.kind == "confirmation")
        .collect();
    assert_eq!(
        confirmations.len(),
        1,
        "the booking keeps its one confirmation"
    );
    assert_eq!(confirmations[0].booking_id, Some(booked[0].id));
    assert_eq!(
        Some(confirmations[0].recipient.as_str()),
        booked[0].citizen_email.as_deref()
    );
}

/// A hold taken while the service lasted 20 minutes and booked after it was lengthened
/// keeps its 20 minutes, and its confirmation (written before the place is taken) says
/// the same as the booking.
#[tokio::test]
async fn a_hold_booked_after_its_service_changed_is_confirmed_with_its_own_times() {
    let app = TestApp::spawn().await;
    let office = app.office(OfficeSpec::default()).await;
    let start = "2026-03-23T09:00:00+01:00";
    let hold = app.hold(&office, start).await;
    set_duration(&app, &office, 30, 1).await;
    let mut body = booking_body(&office, 0, start, 1, "held@example.org");
    body["hold_id"] = hold["hold_id"].clone();
    let r = app.post("/api/v1/bookings", &body).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let booked = app.booking_rows().await;
    assert_eq!(booked.len(), 1);
    assert_eq!(
        booked[0].end_at - booked[0].start_at,
        chrono::Duration::minutes(20)
    );
    let confirmation = app
        .outbox_rows()
        .await
        .into_iter()
        .find(|m| m.kind == "confirmation")
        .expect("a confirmation");
    assert!(
        confirmation.body_text.contains("09:20") && !confirmation.body_text.contains("09:30"),
        "{}",
        confirmation.body_text
    );
}

/// A manager sets the office's first service to `minutes` (the other fields as the test
/// offices have them), which must be accepted.
async fn set_duration(app: &TestApp, office: &Office, minutes: i32, max_active: i32) {
    let service = app
        .admin(
            Method::PUT,
            &format!("/api/v1/services/{}", office.services[0]),
            json!({"name": "Servizio 0", "duration_minutes": minutes, "horizon_days": 60,
                   "min_notice_minutes": 60, "no_show_grace_minutes": 15,
                   "max_active_per_citizen": max_active}),
        )
        .await;
    assert_eq!(service["duration_minutes"], minutes, "{service}");
}
