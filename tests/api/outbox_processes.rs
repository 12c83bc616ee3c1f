//! The outbox across real processes: a server killed with SIGKILL while messages wait
//! for an SMTP server that is down, then restarted; and two servers sharing one
//! PostgreSQL database. Every message arrives exactly once.

use crate::helpers::mail::port_for_an_outage;
use loadgen::smtp_sink::SmtpSink;
use std::time::Duration;

use chrono::{Datelike, Utc};
use mail_parser::MessageParser;
use reqwest::Method;
use serde_json::{Value, json};

use crate::{
    helpers::PgDatabase,
    two_processes::{self, Server, pg_server, sportello, start_cmd},
};

pub(crate) fn with_smtp(
    db_url: &str,
    dir: &std::path::Path,
    smtp_port: u16,
) -> std::process::Command {
    let mut cmd = sportello(db_url, dir);
    cmd.env(
        "SPORTELLO_SMTP_URL",
        format!("smtp://127.0.0.1:{smtp_port}"),
    )
    .env("SPORTELLO_MAIL_RETRY_SECONDS", "1");
    cmd
}

fn create_admin(db_url: &str, dir: &std::path::Path) {
    two_processes::create_admin(db_url, dir, "admin@outbox.example", "outbox-admin-pw");
}

/// An office open around the clock with many counters; returns (office, service, starts).
async fn office(client: &reqwest::Client, server: &Server, n: usize) -> (i64, i64, Vec<String>) {
    let token =
        two_processes::login(&server.address, "admin@outbox.example", "outbox-admin-pw").await;
    let admin = |method: Method, path: String, body: Value| {
        let req = client
            .request(method, format!("{}{path}", server.address))
            .bearer_auth(&token)
            .json(&body);
        async move { req.send().await.unwrap().json::<Value>().await.unwrap() }
    };
    let o = admin(
        Method::POST,
        "/api/v1/offices".into(),
        json!({"name": "Outbox", "timezone": "Europe/Rome"}),
    )
    .await;
    let oid = o["id"].as_i64().unwrap();
    let room = admin(
        Method::POST,
        format!("/api/v1/offices/{oid}/rooms"),
        json!({"name": "Sala", "occupancy_limit": 1000}),
    )
    .await;
    let s = admin(Method::POST, format!("/api/v1/offices/{oid}/services"), json!({"name": "CIE", "duration_minutes": 20, "horizon_days": 60, "min_notice_minutes": 0, "no_show_grace_minutes": 15})).await;
    let sid = s["id"].as_i64().unwrap();
    for i in 0..10 {
        admin(
            Method::POST,
            format!("/api/v1/rooms/{}/counters", room["id"]),
            json!({"name": format!("S{i}"), "service_ids": [sid]}),
        )
        .await;
    }
    let all_day = json!([["00:00", "23:40"]]);
    let weekly = json!({"mon": all_day, "tue": all_day, "wed": all_day, "thu": all_day, "fri": all_day, "sat": all_day, "sun": all_day});
    admin(
        Method::PUT,
        format!("/api/v1/offices/{oid}/opening-hours"),
        json!({"valid_from": format!("{}-01-01", Utc::now().year() - 1), "weekly": weekly}),
    )
    .await;
    let day = Utc::now().date_naive() + chrono::Duration::days(7);
    let slots: Value = client
        .get(format!(
            "{}/api/v1/offices/{oid}/services/{sid}/slots?from={day}&to={day}",
            server.address
        ))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let starts = slots["slots"]
        .as_array()
        .unwrap()
        .iter()
        .take(n)
        .map(|s| s["start"].as_str().unwrap().to_string())
        .collect();
    (oid, sid, starts)
}

async fn book(
    client: &reqwest::Client,
    server: &Server,
    oid: i64,
    sid: i64,
    start: &str,
    i: usize,
) {
    let r = client
        .post(format!("{}/api/v1/bookings", server.address))
        .json(
            &json!({"office_id": oid, "service_id": sid, "start": start, "party_size": 1,
                      "citizen": {"name": "Test", "email": format!("p{i}@example.org")}}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), reqwest::StatusCode::CREATED);
}

/// A count over the database the processes share.
pub(crate) async fn count_in(db_url: &str, sql: &str) -> i64 {
    use sea_orm::{ConnectionTrait, Statement};
    let conn = sea_orm::Database::connect(db_url).await.unwrap();
    let n = conn
        .query_one_raw(Statement::from_string(conn.get_database_backend(), sql))
        .await
        .unwrap()
        .unwrap()
        .try_get::<i64>("", "n")
        .unwrap();
    conn.close().await.ok();
    n
}

/// Waits (bounded) until the sink holds `n` messages and the outbox has nothing left to
/// send: after that no process sends again, so a duplicate would already be here.
/// Returns the messages received and their distinct Message-IDs.
pub(crate) async fn settle(sink: &SmtpSink, n: usize, db_url: &str) -> (usize, usize) {
    let unsent = "SELECT COUNT(*) AS n FROM outbox_message WHERE status IN ('pending', 'sending')";
    for _ in 0..600 {
        if sink.count() >= n && count_in(db_url, unsent).await == 0 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let received = sink.received();
    let mut ids: Vec<String> = received
        .iter()
        .map(|m| {
            MessageParser::default()
                .parse(m)
                .unwrap()
                .message_id()
                .unwrap()
                .to_string()
        })
        .collect();
    ids.sort();
    ids.dedup();
    (received.len(), ids.len())
}

/// Moves the outbox's own clocks to now, as waiting would: the processes run on the wall
/// clock, and the kill may land just after a claim (a 120-second lease) or after a slow
/// booking run let backoffs grow past the test's wait. Rows already sent are untouched, so
/// a duplicate still shows.
async fn lapse_backoffs_and_leases(db_url: &str) {
    use entity::{
        outbox_message::{Column, Entity},
        status::MessageStatus,
    };
    use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
    let conn = sea_orm::Database::connect(db_url).await.unwrap();
    let now = Utc::now();
    Entity::update_many()
        .col_expr(Column::NextAttemptAt, Expr::value(now))
        .col_expr(Column::LockedUntil, Expr::value(Some(now)))
        .filter(Column::Status.is_in([MessageStatus::Pending, MessageStatus::Sending]))
        .exec(&conn)
        .await
        .unwrap();
    conn.close().await.ok();
}

#[tokio::test]
async fn messages_queued_when_the_server_is_killed_are_delivered_once_after_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}/kill.db?mode=rwc", dir.path().display());
    let smtp_port = port_for_an_outage();
    create_admin(&db, dir.path());
    let client = crate::helpers::client();
    let mut server = start_cmd(with_smtp(&db, dir.path(), smtp_port));
    let (oid, sid, starts) = office(&client, &server, 20).await;
    for (i, start) in starts.iter().enumerate() {
        book(&client, &server, oid, sid, start, i).await;
    }
    // SMTP is down; once the sender has failed an attempt and holds no message mid-send,
    // kill the server without warning (a claim made in between is lapsed below).
    let tried = "SELECT COUNT(*) AS n FROM outbox_message WHERE last_error IS NOT NULL \
                 AND NOT EXISTS (SELECT 1 FROM outbox_message WHERE status = 'sending')";
    // Checked once per round: asking again after the loop could catch the next retry
    // mid-send and fail a run in which the sender did try.
    let mut has_tried = false;
    for _ in 0..2400 {
        if count_in(&db, tried).await > 0 {
            has_tried = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    assert!(has_tried, "the sender never tried");
    server.child.kill().unwrap();
    server.child.wait().unwrap();
    lapse_backoffs_and_leases(&db).await;
    let sink = SmtpSink::start(smtp_port).await.unwrap();
    let _server = start_cmd(with_smtp(&db, dir.path(), smtp_port));
    let (received, distinct) = settle(&sink, 20, &db).await;
    assert_eq!((received, distinct), (20, 20), "every message exactly once");
}

#[tokio::test]
async fn two_servers_on_one_postgres_send_each_message_once() {
    let server_url = pg_server().await;
    let pg = PgDatabase::create(&server_url).await;
    let dir = tempfile::tempdir().unwrap();
    let sink = SmtpSink::start(0).await.unwrap();
    create_admin(&pg.url(), dir.path());
    let a = start_cmd(with_smtp(&pg.url(), dir.path(), sink.port));
    let b = start_cmd(with_smtp(&pg.url(), dir.path(), sink.port));
    let client = crate::helpers::client();
    let (oid, sid, starts) = office(&client, &a, 40).await;
    let futures = starts.iter().enumerate().map(|(i, start)| {
        let (client, server) = (client.clone(), if i % 2 == 0 { &a } else { &b });
        async move { book(&client, server, oid, sid, start, i).await }
    });
    futures::future::join_all(futures).await;
    let (received, distinct) = settle(&sink, 40, &pg.url()).await;
    assert_eq!(
        (received, distinct),
        (40, 40),
        "each message sent once by one of the two servers"
    );
}
