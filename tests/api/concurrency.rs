//! Capacity under concurrency: hundreds of simultaneous requests against the real server,
//! then the rows are counted. Never over any limit, and exactly as many successes as the
//! capacity allows (every refusal is checked against what is left at the end).

use chrono::Duration;
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{Office, OfficeSpec, TestApp, assert_capacity_holds, at, booking_body};

const N: usize = 500;

/// Sends all requests at once; returns (status, problem type or "") per request, in order.
async fn storm(app: &TestApp, requests: Vec<(&'static str, Value)>) -> Vec<(StatusCode, String)> {
    let futures = requests.into_iter().map(|(path, body)| {
        let (client, url) = (app.client.clone(), app.url(path));
        tokio::spawn(async move {
            let r = client.post(url).json(&body).send().await.expect("request");
            let status = r.status();
            let v: Value = r.json().await.unwrap_or(Value::Null);
            (status, v["type"].as_str().unwrap_or_default().to_string())
        })
    });
    let results: Vec<_> = futures::future::join_all(futures)
        .await
        .into_iter()
        .map(|r| r.unwrap())
        .collect();
    for (status, kind) in &results {
        assert!(
            *status == StatusCode::CREATED || *status == StatusCode::CONFLICT,
            "unexpected {status} {kind}"
        );
    }
    results
}

fn created(results: &[(StatusCode, String)]) -> usize {
    results
        .iter()
        .filter(|(s, _)| *s == StatusCode::CREATED)
        .count()
}

#[tokio::test]
async fn counters_limit_a_slot_under_a_storm() {
    let app = TestApp::spawn().await;
    let office = app
        .office(OfficeSpec {
            counters: (0..5).map(|_| (0, vec![0])).collect(),
            ..Default::default()
        })
        .await;
    let requests = (0..N)
        .map(|i| {
            (
                "/api/v1/bookings",
                booking_body(
                    &office,
                    0,
                    "2026-03-23T09:00:00+01:00",
                    1,
                    &format!("c{i}@example.org"),
                ),
            )
        })
        .collect();
    let results = storm(&app, requests).await;
    assert_eq!(created(&results), 5);
    assert!(
        results
            .iter()
            .filter(|(s, _)| *s == StatusCode::CONFLICT)
            .all(|(_, k)| k == "/problems/slot-full")
    );
    assert_eq!(app.count("booking").await, 5);
    let mut counters: Vec<i32> = app
        .booking_rows()
        .await
        .iter()
        .map(|b| b.counter_id)
        .collect();
    counters.sort_unstable();
    counters.dedup();
    assert_eq!(counters.len(), 5, "one booking per counter");
    assert_capacity_holds(&app).await;
}

#[tokio::test]
async fn a_room_limit_holds_with_mixed_party_sizes() {
    let app = TestApp::spawn().await;
    let office = app
        .office(OfficeSpec {
            rooms: vec![("Sala", 10, None)],
            counters: (0..20).map(|_| (0, vec![0])).collect(),
            ..Default::default()
        })
        .await;
    let party = |i: usize| 1 + (i % 4) as i64;
    let requests = (0..N)
        .map(|i| {
            (
                "/api/v1/bookings",
                booking_body(
                    &office,
                    0,
                    "2026-03-23T09:00:00+01:00",
                    party(i),
                    &format!("p{i}@example.org"),
                ),
            )
        })
        .collect();
    let results = storm(&app, requests).await;
    let rows = app.booking_rows().await;
    let booked: i32 = rows.iter().map(|b| b.party_size).sum();
    assert!(booked <= 10);
    assert_eq!(rows.len(), created(&results));
    let left = 10 - i64::from(booked);
    for (i, (status, _)) in results.iter().enumerate() {
        if *status == StatusCode::CONFLICT {
            assert!(
                party(i) > left,
                "a party of {} was refused with {left} places left",
                party(i)
            );
        }
    }
    assert!(
        left < 1,
        "one-person requests were refused, so the room must be full"
    );
    assert_capacity_holds(&app).await;
}

async fn nested_office(app: &TestApp) -> Office {
    // Corridor (6) encloses area A (4) and room B (4); ten counters in each.
    let mut counters: Vec<(usize, Vec<usize>)> = (0..10).map(|_| (1, vec![0])).collect();
    counters.extend((0..10).map(|_| (2, vec![0])));
    app.office(OfficeSpec {
        rooms: vec![
            ("Corridoio", 6, None),
            ("Area A", 4, Some(0)),
            ("Sala B", 4, Some(0)),
        ],
        counters,
        ..Default::default()
    })
    .await
}

#[tokio::test]
async fn an_enclosing_area_limits_its_rooms_together() {
    let app = TestApp::spawn().await;
    let office = nested_office(&app).await;
    let party = |i: usize| 1 + (i % 3) as i64;
    let requests = (0..N)
        .map(|i| {
            (
                "/api/v1/bookings",
                booking_body(
                    &office,
                    0,
                    "2026-03-23T10:00:00+01:00",
                    party(i),
                    &format!("n{i}@example.org"),
                ),
            )
        })
        .collect();
    let results = storm(&app, requests).await;
    let rows = app.booking_rows().await;
    let in_room = |room: i64| {
        rows.iter()
            .filter(|b| i64::from(b.room_id) == room)
            .map(|b| i64::from(b.party_size))
            .sum::<i64>()
    };
    let (a, b) = (in_room(office.rooms[1]), in_room(office.rooms[2]));
    assert!(a <= 4 && b <= 4 && a + b <= 6, "A {a}, B {b}");
    assert_eq!(rows.len(), created(&results));
    let fits = |p: i64| p <= 6 - a - b && (p <= 4 - a || p <= 4 - b);
    for (i, (status, _)) in results.iter().enumerate() {
        if *status == StatusCode::CONFLICT {
            assert!(
                !fits(party(i)),
                "party {} refused though it fits (A {a}, B {b})",
                party(i)
            );
        }
    }
    assert_eq!(a + b, 6, "the corridor is the binding limit here");
    assert_capacity_holds(&app).await;
}

#[tokio::test]
async fn overlapping_services_of_different_lengths_share_the_room() {
    let app = TestApp::spawn().await;
    let office = app
        .office(OfficeSpec {
            margin: 10,
            rooms: vec![("Sala", 3, None)],
            services: vec![(20, "in_person", 1), (30, "in_person", 1)],
            counters: (0..12).map(|_| (0, vec![0, 1])).collect(),
            ..Default::default()
        })
        .await;
    // Starts on each service's own grid between 09:00 and 10:40 local.
    let starts20: Vec<String> = (0..6)
        .map(|k| {
            format!(
                "2026-03-23T{:02}:{:02}:00+01:00",
                9 + (k * 20) / 60,
                (k * 20) % 60
            )
        })
        .collect();
    let starts30: Vec<String> = (0..4)
        .map(|k| {
            format!(
                "2026-03-23T{:02}:{:02}:00+01:00",
                9 + (k * 30) / 60,
                (k * 30) % 60
            )
        })
        .collect();
    let mut specs = Vec::new();
    for i in 0..N {
        let (service, start) = if i % 2 == 0 {
            (0, starts20[i / 2 % 6].clone())
        } else {
            (1, starts30[i / 2 % 4].clone())
        };
        let party = 1 + (i % 2) as i64;
        specs.push((service, start, party));
    }
    let requests = specs
        .iter()
        .enumerate()
        .map(|(i, (s, start, p))| {
            (
                "/api/v1/bookings",
                booking_body(&office, *s, start, *p, &format!("o{i}@example.org")),
            )
        })
        .collect();
    let results = storm(&app, requests).await;
    assert_capacity_holds(&app).await;
    let rows = app.booking_rows().await;
    assert_eq!(rows.len(), created(&results));
    assert!(!rows.is_empty());
    // A refused request must not fit in what is left at the end: some instant of its room
    // interval is over the limit with it.
    let duration = |s: usize| Duration::minutes(if s == 0 { 20 } else { 30 });
    for (i, (status, _)) in results.iter().enumerate() {
        if *status != StatusCode::CONFLICT {
            continue;
        }
        let (s, start, p) = &specs[i];
        let start = at(start);
        let (from, end) = (start - Duration::minutes(10), start + duration(*s));
        let mut points = vec![from];
        points.extend(
            rows.iter()
                .map(|b| b.room_from)
                .filter(|t| *t > from && *t < end),
        );
        let over = points.iter().any(|t| {
            let planned: i32 = rows
                .iter()
                .filter(|b| b.room_from <= *t && *t < b.end_at)
                .map(|b| b.party_size)
                .sum();
            i64::from(planned) + p > 3
        });
        assert!(
            over,
            "request {i} ({start}, party {p}) was refused but fits"
        );
    }
}

#[tokio::test]
async fn one_citizen_gets_exactly_the_service_limit() {
    let app = TestApp::spawn().await;
    let office = app
        .office(OfficeSpec {
            services: vec![(20, "in_person", 2)],
            counters: (0..10).map(|_| (0, vec![0])).collect(),
            ..Default::default()
        })
        .await;
    let requests = (0..N)
        .map(|i| {
            let start = format!(
                "2026-03-2{}T{:02}:{:02}:00+01:00",
                3 + i % 5,
                9 + (i / 5) % 4,
                (i / 20) % 3 * 20
            );
            let email = if i % 2 == 0 {
                "Same@Example.org"
            } else {
                " same@example.org"
            };
            (
                "/api/v1/bookings",
                booking_body(&office, 0, &start, 1, email),
            )
        })
        .collect();
    let results = storm(&app, requests).await;
    assert_eq!(created(&results), 2);
    assert!(
        results
            .iter()
            .filter(|(s, _)| *s == StatusCode::CONFLICT)
            .all(|(_, k)| k == "/problems/citizen-limit")
    );
    assert_eq!(app.count("booking").await, 2);
}

#[tokio::test]
async fn holds_and_bookings_compete_for_the_same_places() {
    let app = TestApp::spawn().await;
    let office = app
        .office(OfficeSpec {
            counters: (0..4).map(|_| (0, vec![0])).collect(),
            ..Default::default()
        })
        .await;
    let start = "2026-03-23T11:00:00+01:00";
    let requests = (0..N)
        .map(|i| {
            if i % 2 == 0 {
                ("/api/v1/holds", json!({"office_id": office.id, "service_id": office.services[0], "start": start, "party_size": 1}))
            } else {
                ("/api/v1/bookings", booking_body(&office, 0, start, 1, &format!("h{i}@example.org")))
            }
        })
        .collect();
    let results = storm(&app, requests).await;
    assert_eq!(created(&results), 4);
    assert_eq!(
        app.count("booking").await,
        4,
        "holds and bookings together fill the four counters"
    );
    assert_capacity_holds(&app).await;
    // Once the holds expire, their places are free again.
    let holds = app
        .booking_rows()
        .await
        .iter()
        .filter(|b| b.status == entity::status::BookingStatus::Held)
        .count();
    app.clock.advance(Duration::minutes(5));
    let requests = (0..50)
        .map(|i| {
            (
                "/api/v1/bookings",
                booking_body(&office, 0, start, 1, &format!("late{i}@example.org")),
            )
        })
        .collect();
    let results = storm(&app, requests).await;
    assert_eq!(created(&results), holds);
    assert_capacity_holds(&app).await;
}
