//! The slot cache (issue 19): lists are served from cached office-day evaluations, and yet
//! a list never offers a place that a booking committed before the list began took, and
//! a place freed is offered again at once. On SQLite and on PostgreSQL
//! (`TEST_DATABASE_URL`), through the real server.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
};

use chrono::{DateTime, Duration, NaiveDate, Utc};
use reqwest::StatusCode;
use serde_json::{Value, json};
use sportello::service::{booking::slots::list_slots, db::Db};

use crate::helpers::{Office, OfficeSpec, TestApp, assert_capacity_holds, booking_body};

const COUNTERS: i32 = 4;
const SLOTS: [&str; 6] = [
    "2026-03-23T09:00:00+01:00",
    "2026-03-23T09:20:00+01:00",
    "2026-03-23T09:40:00+01:00",
    "2026-03-23T10:00:00+01:00",
    "2026-03-23T10:20:00+01:00",
    "2026-03-23T10:40:00+01:00",
];
const LIST: &str = "from=2026-03-23&to=2026-03-24";

fn instant(raw: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(raw)
        .unwrap()
        .with_timezone(&Utc)
}

async fn office(app: &TestApp) -> Office {
    app.office(OfficeSpec {
        counters: (0..COUNTERS).map(|_| (0, vec![0])).collect(),
        hours: vec![("09:00", "11:00")],
        ..Default::default()
    })
    .await
}

/// The slot list of the office's service as `start → remaining`.
async fn listed(app: &TestApp, office: &Office) -> HashMap<DateTime<Utc>, i64> {
    let r = app
        .get(&format!(
            "/api/v1/offices/{}/services/{}/slots?{LIST}",
            office.id, office.services[0]
        ))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let v: Value = r.json().await.unwrap();
    v["slots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                instant(s["start"].as_str().unwrap()),
                s["remaining"].as_i64().unwrap(),
            )
        })
        .collect()
}

/// The same list read through another process's caches (a second handle on the same
/// database, with caches of its own).
async fn listed_elsewhere(
    app: &TestApp,
    other: &Db,
    office: &Office,
) -> HashMap<DateTime<Utc>, i32> {
    let day = |d: &str| d.parse::<NaiveDate>().unwrap();
    list_slots(
        other,
        office.id as i32,
        office.services[0] as i32,
        day("2026-03-23"),
        day("2026-03-24"),
        app.clock.now(),
    )
    .await
    .unwrap()
    .slots
    .iter()
    .map(|s| (instant(&s.start), s.remaining))
    .collect()
}

#[tokio::test]
async fn lists_racing_bookings_never_offer_a_place_taken_before_they_began() {
    let app = Arc::new(TestApp::spawn().await);
    let office = Arc::new(office(&app).await);
    // Bookings whose 201 has arrived, per start: each list compares against the counts
    // taken before it was sent.
    let booked: Arc<Mutex<HashMap<DateTime<Utc>, i64>>> = Default::default();
    let mut tasks = Vec::new();
    for b in 0..8 {
        let (app, office, booked) = (app.clone(), office.clone(), booked.clone());
        tasks.push(tokio::spawn(async move {
            let mut made = 0;
            for k in 0..5 {
                let start = SLOTS[(b * 5 + k) % SLOTS.len()];
                let email = format!("racer{b}-{k}@example.org");
                let r = app
                    .post(
                        "/api/v1/bookings",
                        &booking_body(&office, 0, start, 1, &email),
                    )
                    .await;
                match r.status() {
                    StatusCode::CREATED => {
                        *booked.lock().unwrap().entry(instant(start)).or_default() += 1;
                        made += 1;
                    }
                    StatusCode::CONFLICT => {}
                    other => panic!("booking answered {other}"),
                }
            }
            (made, 0)
        }));
    }
    for _ in 0..6 {
        let (app, office, booked) = (app.clone(), office.clone(), booked.clone());
        tasks.push(tokio::spawn(async move {
            let mut checked = 0;
            for _ in 0..15 {
                let before = booked.lock().unwrap().clone();
                let list = listed(&app, &office).await;
                for start in SLOTS.map(instant) {
                    let taken = before.get(&start).copied().unwrap_or(0);
                    let offered = list.get(&start).copied().unwrap_or(0);
                    assert!(
                        offered <= i64::from(COUNTERS) - taken,
                        "{start} offered {offered} places after {taken} of {COUNTERS} were booked"
                    );
                    checked += 1;
                }
            }
            (0, checked)
        }));
    }
    let mut made = 0;
    let mut checked = 0;
    for t in tasks {
        let (m, c) = t.await.unwrap();
        made += m;
        checked += c;
    }
    assert_eq!(checked, 6 * 15 * SLOTS.len());
    // 40 attempts for 24 places, spread so that every slot is asked for at least 6 times.
    assert_eq!(made, SLOTS.len() as i64 * i64::from(COUNTERS));
    assert_eq!(app.count("booking").await, made);
    // Once the storm is over, the list is exact: every slot full, none offered; the
    // next day untouched.
    let list = listed(&app, &office).await;
    for start in SLOTS.map(instant) {
        assert_eq!(list.get(&start), None, "{start} is full");
    }
    assert_eq!(list.len(), SLOTS.len(), "the 24th keeps all its slots");
    assert!(list.values().all(|r| *r == i64::from(COUNTERS)));
    assert_capacity_holds(&app).await;
}

#[tokio::test]
async fn freed_places_and_changes_show_in_the_next_list_in_every_process() {
    let app = TestApp::spawn().await;
    let office = office(&app).await;
    let elsewhere = Db::new(app.db.conn.clone());
    let nine = instant(SLOTS[0]);
    // Warm both caches, then fill nine o'clock through this process.
    assert_eq!(listed(&app, &office).await[&nine], i64::from(COUNTERS));
    assert_eq!(
        listed_elsewhere(&app, &elsewhere, &office).await[&nine],
        COUNTERS
    );
    let mut made = Vec::new();
    for i in 0..COUNTERS {
        made.push(
            app.book(&office, SLOTS[0], &format!("f{i}@example.org"))
                .await,
        );
    }
    assert_eq!(listed(&app, &office).await.get(&nine), None);
    assert_eq!(
        listed_elsewhere(&app, &elsewhere, &office).await.get(&nine),
        None,
        "a booking made in one process is seen by another's cache"
    );

    // A cancellation offers the place again at once.
    let cancel = app
        .client
        .post(app.url(&format!(
            "/api/v1/bookings/{}/cancel",
            made[0]["reference"].as_str().unwrap()
        )))
        .header("X-Manage-Token", made[0]["manage_token"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(cancel.status(), StatusCode::OK);
    assert_eq!(listed(&app, &office).await.get(&nine), Some(&1));
    assert_eq!(
        listed_elsewhere(&app, &elsewhere, &office).await.get(&nine),
        Some(&1)
    );

    // A hold takes it; releasing the hold gives it back.
    let hold_body = json!({"office_id": office.id, "service_id": office.services[0],
                           "start": SLOTS[0], "party_size": 1});
    let hold: Value = app
        .post("/api/v1/holds", &hold_body)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(listed(&app, &office).await.get(&nine), None);
    let released = app
        .client
        .delete(app.url(&format!(
            "/api/v1/holds/{}",
            hold["hold_id"].as_str().unwrap()
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(released.status(), StatusCode::NO_CONTENT);
    assert_eq!(listed(&app, &office).await.get(&nine), Some(&1));

    // A hold that lapses gives it back when it lapses, with no write in between.
    let hold: Value = app
        .post("/api/v1/holds", &hold_body)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(listed(&app, &office).await.get(&nine), None);
    assert_eq!(
        listed_elsewhere(&app, &elsewhere, &office).await.get(&nine),
        None
    );
    let lapses = instant(hold["expires_at"].as_str().unwrap());
    app.clock.set(lapses + Duration::seconds(1));
    assert_eq!(listed(&app, &office).await.get(&nine), Some(&1));
    assert_eq!(
        listed_elsewhere(&app, &elsewhere, &office).await.get(&nine),
        Some(&1)
    );

    // A manager's limit, and the room's new capacity is the list's at once.
    let rule = app
        .admin(
            reqwest::Method::POST,
            &format!("/api/v1/rooms/{}/capacity-rules", office.rooms[0]),
            json!({"valid_from": "2026-03-23", "valid_to": "2026-03-23", "weekdays": null,
                   "from_time": null, "to_time": null, "occupancy_limit": 3}),
        )
        .await;
    assert!(rule["rule"]["id"].is_number(), "{rule}");
    assert_eq!(
        listed(&app, &office).await.get(&nine),
        None,
        "3 booked of 3"
    );
    assert_eq!(
        listed_elsewhere(&app, &elsewhere, &office).await.get(&nine),
        None
    );
    let ten = instant(SLOTS[3]);
    assert_eq!(listed(&app, &office).await.get(&ten), Some(&3));
    assert_capacity_holds(&app).await;
}
