//! The read replica (issue 20, point 2), against a real streaming replica of the local
//! PostgreSQL 15: `tests/replica/run.sh` makes it with `pg_createcluster` and
//! `pg_basebackup`, runs these tests with `TEST_REPLICA_URL` (its server) and
//! `TEST_REPLICA_CLUSTER` (its name, to stop it), and removes it afterwards.
//!
//! Replay on the replica is paused, so it lags as far as the test wants: the slot list
//! (read from the replica) keeps offering places that bookings (checked on the primary)
//! have taken, each such booking is refused with 409, and a storm of bookings on a lagging
//! replica never passes the limit. A stopped replica sends the lists to the primary.

use std::time::Duration;

use reqwest::StatusCode;
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, Statement};
use serde_json::Value;

use crate::helpers::{Office, OfficeSpec, TestApp, assert_capacity_holds, booking_body};

const NINE: &str = "2026-03-23T09:00:00+01:00";
const TEN: &str = "2026-03-23T10:00:00+01:00";

/// The replica's server URL; the test fails, it does not skip, without one.
fn replica_server() -> String {
    std::env::var("TEST_REPLICA_URL")
        .expect("TEST_REPLICA_URL: run this test through tests/replica/run.sh")
}

/// `url` (a database on the primary) on the replica's server.
fn on_replica(url: &str) -> String {
    let name = url.rsplit('/').next().unwrap_or_default();
    format!("{}/{name}", replica_server().trim_end_matches('/'))
}

async fn one_text(conn: &DatabaseConnection, sql: &str) -> String {
    conn.query_one_raw(Statement::from_string(conn.get_database_backend(), sql))
        .await
        .unwrap()
        .unwrap()
        .try_get_by_index::<String>(0)
        .unwrap()
}

/// Waits until the replica has replayed everything the primary has written so far.
async fn caught_up(primary: &DatabaseConnection, replica: &DatabaseConnection) {
    let target = one_text(primary, "SELECT pg_current_wal_lsn()::text").await;
    for _ in 0..200 {
        let behind = one_text(
            replica,
            &format!("SELECT (pg_last_wal_replay_lsn() < '{target}'::pg_lsn)::text"),
        )
        .await;
        if behind == "false" {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the replica never replayed up to {target}");
}

/// What the slot list offers at `start`, as the server lists it.
async fn remaining(app: &TestApp, office: &Office, start: &str) -> Option<i64> {
    let r = app
        .get(&format!(
            "/api/v1/offices/{}/services/{}/slots?from=2026-03-23&to=2026-03-23",
            office.id, office.services[0]
        ))
        .await;
    assert_eq!(r.status(), StatusCode::OK);
    let v: Value = r.json().await.unwrap();
    v["slots"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["start"] == start)
        .map(|s| s["remaining"].as_i64().unwrap())
}

async fn book(app: &TestApp, office: &Office, start: &str, who: usize) -> StatusCode {
    app.post(
        "/api/v1/bookings",
        &booking_body(office, 0, start, 1, &format!("c{who}@example.org")),
    )
    .await
    .status()
}

#[tokio::test]
#[ignore = "needs a streaming replica: run by tests/replica/run.sh"]
async fn a_lagging_replica_offers_at_worst_a_place_that_the_booking_refuses() {
    let mut primary_url = String::new();
    let app = TestApp::spawn_with(|c| {
        primary_url = c.database.url.clone();
        c.database.read_url = Some(on_replica(&c.database.url));
    })
    .await;
    assert!(
        primary_url.starts_with("postgres"),
        "the replica test needs TEST_DATABASE_URL"
    );
    // A room of two, five counters: two places a slot.
    let office = app
        .office(OfficeSpec {
            rooms: vec![("Sala", 2, None)],
            counters: (0..5).map(|_| (0, vec![0])).collect(),
            ..Default::default()
        })
        .await;
    let primary = Database::connect(&primary_url).await.unwrap();
    let replica = Database::connect(on_replica(&primary_url)).await.unwrap();
    assert_eq!(
        one_text(&replica, "SELECT pg_is_in_recovery()::text").await,
        "true",
        "TEST_REPLICA_URL is a standby"
    );
    caught_up(&primary, &replica).await;
    // The server reads lists from the replica once its watch has seen it answer.
    let mut tries = 0;
    while !app
        .db
        .replica
        .as_ref()
        .is_some_and(|(_, up)| up.load(std::sync::atomic::Ordering::Relaxed))
    {
        tries += 1;
        assert!(tries < 100, "the replica never counted as up");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(remaining(&app, &office, NINE).await, Some(2));

    // The replica stops replaying: from now on it lags behind every booking.
    one_text(&replica, "SELECT pg_wal_replay_pause()::text").await;
    assert_eq!(book(&app, &office, NINE, 0).await, StatusCode::CREATED);
    assert_eq!(book(&app, &office, NINE, 1).await, StatusCode::CREATED);
    assert_eq!(
        remaining(&app, &office, NINE).await,
        Some(2),
        "the list is read from the lagging replica"
    );
    // The place it offers is refused by the primary, which holds the limit.
    assert_eq!(book(&app, &office, NINE, 2).await, StatusCode::CONFLICT);

    // A storm on another slot while the replica lags: exactly the two places.
    let storm = (10..40).map(|i| {
        let (client, url) = (app.client.clone(), app.url("/api/v1/bookings"));
        let body = booking_body(&office, 0, TEN, 1, &format!("c{i}@example.org"));
        async move { client.post(url).json(&body).send().await.unwrap().status() }
    });
    let answers = futures::future::join_all(storm).await;
    let created = answers
        .iter()
        .filter(|s| **s == StatusCode::CREATED)
        .count();
    let refused = answers
        .iter()
        .filter(|s| **s == StatusCode::CONFLICT)
        .count();
    assert_eq!((created, refused), (2, 28), "{answers:?}");
    assert_eq!(
        remaining(&app, &office, TEN).await,
        Some(2),
        "still lagging"
    );
    let on_primary = one_text(
        &primary,
        &format!(
            "SELECT COUNT(*)::text FROM booking WHERE office_id = {}",
            office.id
        ),
    )
    .await;
    assert_eq!(on_primary, "4");
    assert_capacity_holds(&app).await;

    // Replay goes on: the lists catch up and offer nothing taken.
    one_text(&replica, "SELECT pg_wal_replay_resume()::text").await;
    caught_up(&primary, &replica).await;
    for start in [NINE, TEN] {
        let left = remaining(&app, &office, start).await;
        assert!(matches!(left, None | Some(0)), "{start}: {left:?}");
    }

    // The replica stops: within a few seconds the lists read from the primary.
    let cluster = std::env::var("TEST_REPLICA_CLUSTER")
        .expect("TEST_REPLICA_CLUSTER: run this test through tests/replica/run.sh");
    let stopped = std::process::Command::new("pg_ctlcluster")
        .args(["15", &cluster, "stop", "-m", "fast"])
        .status()
        .unwrap();
    assert!(stopped.success(), "pg_ctlcluster stop");
    let mut answered = 0;
    for _ in 0..100 {
        let r = app
            .get(&format!(
                "/api/v1/offices/{}/services/{}/slots?from=2026-03-23&to=2026-03-23",
                office.id, office.services[0]
            ))
            .await;
        if r.status() == StatusCode::OK {
            answered += 1;
            if answered == 3 {
                break;
            }
        } else {
            answered = 0;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(answered, 3, "the lists never moved to the primary");
    let left = remaining(&app, &office, NINE).await;
    assert!(matches!(left, None | Some(0)), "{left:?}");
    assert_eq!(book(&app, &office, NINE, 3).await, StatusCode::CONFLICT);
}
