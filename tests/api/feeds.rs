//! Calendar feeds (issue 21): the office's and a counter's secret address, read as a
//! calendar app reads it and parsed with the icalendar crate. The appointments are there
//! with their reference and service and nothing personal; a cancelled one leaves; a new
//! address ends the old one; another office's clerk cannot make one.

use icalendar::{Calendar, Component};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{OfficeSpec, TestApp};

async fn make(
    app: &TestApp,
    token: &str,
    office: i64,
    counter: Option<i64>,
) -> (StatusCode, Value) {
    let r = app
        .client
        .post(app.url(&format!("/api/v1/offices/{office}/calendar-feeds")))
        .bearer_auth(token)
        .json(&json!({"counter_id": counter}))
        .send()
        .await
        .unwrap();
    (r.status(), r.json().await.unwrap_or(Value::Null))
}

/// The feed at `url` (the server's public address), as a calendar app gets it.
async fn read(app: &TestApp, url: &str) -> (StatusCode, String) {
    let path = url.strip_prefix("http://sportello.test").unwrap_or(url);
    let r = app.get(path).await;
    let status = r.status();
    if status == StatusCode::OK {
        assert!(
            r.headers()["content-type"]
                .to_str()
                .unwrap()
                .starts_with("text/calendar")
        );
    }
    (status, r.text().await.unwrap())
}

#[tokio::test]
async fn a_clerks_calendar_app_reads_the_appointments_and_a_new_address_ends_the_old() {
    let app = TestApp::spawn().await;
    let office = app
        .office(OfficeSpec {
            services: vec![(20, "in_person", 9)],
            counters: vec![(0, vec![0]), (0, vec![0])],
            ..Default::default()
        })
        .await;
    let clerk = app.clerk("clerk@feeds.example", office.id).await;
    let mut booked = Vec::new();
    for (start, email) in [
        ("2026-03-20T10:00:00+01:00", "anna@example.org"),
        ("2026-03-20T10:00:00+01:00", "bruno@example.org"),
        ("2026-03-24T11:00:00+01:00", "carla@example.org"),
    ] {
        booked.push(app.book(&office, start, email).await);
    }
    let (status, made) = make(&app, &clerk, office.id, None).await;
    assert_eq!(status, StatusCode::CREATED, "{made}");
    let url = made["url"].as_str().unwrap().to_owned();
    assert!(url.starts_with("http://sportello.test/feeds/") && url.ends_with(".ics"));

    let (status, body) = read(&app, &url).await;
    assert_eq!(status, StatusCode::OK);
    let calendar: Calendar = body.parse().unwrap();
    let events: Vec<_> = calendar.events().collect();
    assert_eq!(events.len(), 3, "{body}");
    for b in &booked {
        let reference = b["reference"].as_str().unwrap();
        let event = events
            .iter()
            .find(|e| e.get_summary().unwrap_or_default().contains(reference))
            .unwrap_or_else(|| panic!("{reference} in {body}"));
        assert!(event.get_start().is_some() && event.get_end().is_some());
    }
    for personal in ["anna", "bruno", "carla", "Maria", "Rossi", "+39"] {
        assert!(!body.contains(personal), "{personal} in the feed: {body}");
    }

    // One counter's feed holds that counter's appointments only.
    let counter = booked[0]["counter_id"].as_i64().unwrap();
    let (status, mine) = make(&app, &clerk, office.id, Some(counter)).await;
    assert_eq!(status, StatusCode::CREATED);
    let (_, body) = read(&app, mine["url"].as_str().unwrap()).await;
    let calendar: Calendar = body.parse().unwrap();
    let at_counter = booked
        .iter()
        .filter(|b| b["counter_id"].as_i64() == Some(counter))
        .count();
    assert_eq!(calendar.events().count(), at_counter);

    // A cancelled appointment leaves the calendar.
    let gone = &booked[2];
    let r = app
        .client
        .post(app.url(&format!(
            "/api/v1/bookings/{}/cancel",
            gone["reference"].as_str().unwrap()
        )))
        .header("X-Manage-Token", gone["manage_token"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success());
    let (_, body) = read(&app, &url).await;
    let calendar: Calendar = body.parse().unwrap();
    assert_eq!(calendar.events().count(), 2);
    assert!(!body.contains(gone["reference"].as_str().unwrap()));

    // A new address for the office: the old one is gone, the new one reads.
    let (_, again) = make(&app, &clerk, office.id, None).await;
    let new_url = again["url"].as_str().unwrap();
    assert_ne!(new_url, url);
    assert_eq!(read(&app, &url).await.0, StatusCode::NOT_FOUND);
    assert_eq!(read(&app, new_url).await.0, StatusCode::OK);
    assert_eq!(
        read(&app, "/feeds/not-a-token.ics").await.0,
        StatusCode::NOT_FOUND
    );
    // The list says which feeds exist, without their addresses.
    let listed: Value = app
        .client
        .get(app.url(&format!("/api/v1/offices/{}/calendar-feeds", office.id)))
        .bearer_auth(&clerk)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 2, "{listed}");
    assert!(!listed.to_string().contains("/feeds/"));

    // Another office's clerk makes none here, nor for a counter of another office.
    let other = app.office(OfficeSpec::default()).await;
    let stranger = app.clerk("clerk@elsewhere.example", other.id).await;
    assert_eq!(
        make(&app, &stranger, office.id, None).await.0,
        StatusCode::FORBIDDEN
    );
    assert_eq!(
        make(&app, &stranger, other.id, Some(counter)).await.0,
        StatusCode::UNPROCESSABLE_ENTITY
    );
}
