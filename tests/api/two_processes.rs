//! Two `sportello` processes sharing one PostgreSQL database: the capacity rules hold
//! across processes, because they rest on database row locks, not on process memory.

use std::{
    io::{BufRead, BufReader, Write},
    process::{Child, ChildStdout, Command, Stdio},
};

use chrono::{Datelike, Duration, Utc};
use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::PgDatabase;

pub struct Server {
    pub child: Child,
    pub address: String,
    /// Kept open: the server may print more after its address (the demo accounts), and
    /// writing to a closed pipe would fail.
    _stdout: BufReader<ChildStdout>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn sportello(db_url: &str, dir: &std::path::Path) -> Command {
    sportello_at(env!("CARGO_BIN_EXE_sportello"), db_url, dir)
}

/// [`sportello`] with another release's binary (the rolling-upgrade test's previous one).
pub fn sportello_at(binary: &str, db_url: &str, dir: &std::path::Path) -> Command {
    let mut cmd = Command::new(binary);
    cmd.current_dir(dir)
        .env("SPORTELLO_DATABASE_URL", db_url)
        .env("SPORTELLO_BIND", "127.0.0.1:0")
        .env("SPORTELLO_DEMO", "off")
        .env("SPORTELLO_RATE_LIMIT", "off")
        .env("SPORTELLO_MAIL_DIR", dir.join("outbox"))
        .env("RUST_LOG", "warn");
    cmd
}

pub fn start(db_url: &str, dir: &std::path::Path) -> Server {
    start_cmd(sportello(db_url, dir))
}

/// Starts a prepared `sportello` command and reads its address.
pub fn start_cmd(mut cmd: Command) -> Server {
    let mut child = cmd
        .arg("serve")
        .stdout(Stdio::piped())
        .spawn()
        .expect("start sportello");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let mut line = String::new();
    stdout.read_line(&mut line).expect("first line");
    let address = line
        .split_whitespace()
        .find(|w| w.starts_with("http://127.0.0.1:"))
        .unwrap_or_else(|| panic!("no address in {line:?}"))
        .to_string();
    Server {
        child,
        address,
        _stdout: stdout,
    }
}

/// Creates an admin through the real `sportello user create` (password on stdin).
pub fn create_admin(db_url: &str, dir: &std::path::Path, email: &str, password: &str) {
    create_admin_with(sportello(db_url, dir), email, password);
}

/// [`create_admin`] through a prepared command (another release's binary).
pub fn create_admin_with(mut cmd: Command, email: &str, password: &str) {
    let mut create = cmd
        .args(["user", "create", "--email", email, "--role", "admin"])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    create
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{password}\n").as_bytes())
        .unwrap();
    assert!(create.wait().unwrap().success());
}

/// A bearer token from a running server, for the admin made by [`create_admin`].
pub async fn login(base: &str, email: &str, password: &str) -> String {
    let token: Value = crate::helpers::client()
        .post(format!("{base}/api/v1/auth/tokens"))
        .json(&json!({"email": email, "password": password}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    token["token"].as_str().unwrap().to_string()
}

/// PostgreSQL for the tests across processes: `TEST_DATABASE_URL` or the local server.
/// Unreachable is a failure that says what to start: a test that cannot run is never a
/// pass (skip these knowingly with `-- --skip two_processes --skip scale_out
/// --skip outbox_processes`).
pub async fn pg_server() -> String {
    let url = crate::helpers::pg_server_url()
        .unwrap_or_else(|| "postgres://postgres@127.0.0.1:5432/postgres".into());
    match sea_orm::Database::connect(&url).await {
        Ok(c) => {
            c.close().await.ok();
            url
        }
        Err(e) => panic!(
            "this test runs processes on one PostgreSQL server and none answers at {url} \
             ({e}); start one (user postgres, trust authentication) or set TEST_DATABASE_URL"
        ),
    }
}

#[tokio::test]
async fn two_processes_on_one_postgres_never_overbook() {
    let server_url = pg_server().await;
    let pg = PgDatabase::create(&server_url).await;
    let dir = tempfile::tempdir().unwrap();
    // Migrate once, create an admin, then start both servers.
    create_admin(
        &pg.url(),
        dir.path(),
        "admin@two.example",
        "two-processes-pw",
    );
    let a = start(&pg.url(), dir.path());
    let b = start(&pg.url(), dir.path());
    let client = crate::helpers::client();
    let token = login(&a.address, "admin@two.example", "two-processes-pw").await;
    let admin = |path: &str, method: reqwest::Method, body: Value| {
        let req = client
            .request(method, format!("{}{path}", b.address))
            .bearer_auth(&token)
            .json(&body);
        async move {
            let r = req.send().await.unwrap();
            assert!(r.status().is_success(), "{}", r.status());
            r.json::<Value>().await.unwrap()
        }
    };
    use reqwest::Method;
    let office = admin(
        "/api/v1/offices",
        Method::POST,
        json!({"name": "Due processi", "timezone": "Europe/Rome"}),
    )
    .await;
    let oid = office["id"].as_i64().unwrap();
    let area = admin(
        &format!("/api/v1/offices/{oid}/rooms"),
        Method::POST,
        json!({"name": "Corridoio", "occupancy_limit": 5}),
    )
    .await;
    let room = admin(
        &format!("/api/v1/offices/{oid}/rooms"),
        Method::POST,
        json!({"name": "Sala", "occupancy_limit": 4, "parent_room_id": area["id"]}),
    )
    .await;
    let other = admin(
        &format!("/api/v1/offices/{oid}/rooms"),
        Method::POST,
        json!({"name": "Sala 2", "occupancy_limit": 4, "parent_room_id": area["id"]}),
    )
    .await;
    let service = admin(&format!("/api/v1/offices/{oid}/services"), Method::POST,
        json!({"name": "CIE", "duration_minutes": 20, "horizon_days": 60, "min_notice_minutes": 0, "no_show_grace_minutes": 15})).await;
    let sid = service["id"].as_i64().unwrap();
    for (r, n) in [(&room, 6), (&other, 6)] {
        for i in 0..n {
            admin(
                &format!("/api/v1/rooms/{}/counters", r["id"]),
                Method::POST,
                json!({"name": format!("S{i}"), "service_ids": [sid]}),
            )
            .await;
        }
    }
    let all_day = json!([["00:00", "23:40"]]);
    let weekly = json!({"mon": all_day, "tue": all_day, "wed": all_day, "thu": all_day, "fri": all_day, "sat": all_day, "sun": all_day});
    let today = Utc::now().date_naive();
    admin(
        &format!("/api/v1/offices/{oid}/opening-hours"),
        Method::PUT,
        json!({"valid_from": format!("{}-01-01", today.year() - 1), "weekly": weekly}),
    )
    .await;
    // A slot a week ahead, away from any DST change: 10:00 local.
    let day = today + Duration::days(7);
    let slots: Value = client
        .get(format!(
            "{}/api/v1/offices/{oid}/services/{sid}/slots?from={day}&to={day}",
            a.address
        ))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let start = slots["slots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["start"].as_str().unwrap().to_string())
        .find(|s| s.contains("T10:00:00"))
        .expect("a 10:00 slot");
    let party = |i: usize| 1 + (i % 2) as i64;
    let futures = (0..500).map(|i| {
        let server = if i % 2 == 0 { &a.address } else { &b.address };
        let url = if i % 3 == 0 { format!("{server}/api/v1/holds") } else { format!("{server}/api/v1/bookings") };
        let body = json!({"office_id": oid, "service_id": sid, "start": start, "party_size": party(i),
            "citizen": {"name": "Test", "email": format!("t{i}@example.org")}});
        let client = client.clone();
        tokio::spawn(async move { client.post(url).json(&body).send().await.unwrap().status() })
    });
    let statuses: Vec<StatusCode> = futures::future::join_all(futures)
        .await
        .into_iter()
        .map(|r| r.unwrap())
        .collect();
    assert!(
        statuses
            .iter()
            .all(|s| *s == StatusCode::CREATED || *s == StatusCode::CONFLICT),
        "{statuses:?}"
    );
    let ok: Vec<usize> = (0..500)
        .filter(|i| statuses[*i] == StatusCode::CREATED)
        .collect();
    let booked: i64 = ok.iter().map(|i| party(*i)).sum();
    // Count the rows themselves.
    let db = sea_orm::Database::connect(&pg.url()).await.unwrap();
    let rows = <entity::booking::Entity as sea_orm::EntityTrait>::find()
        .all(&db)
        .await
        .unwrap();
    let stored: i64 = rows.iter().map(|r| i64::from(r.party_size)).sum();
    assert_eq!(rows.len(), ok.len());
    assert_eq!(stored, booked);
    assert!(stored <= 5, "corridor limit 5 exceeded: {stored}");
    for room_id in [room["id"].as_i64().unwrap(), other["id"].as_i64().unwrap()] {
        let in_room: i64 = rows
            .iter()
            .filter(|r| i64::from(r.room_id) == room_id)
            .map(|r| i64::from(r.party_size))
            .sum();
        assert!(in_room <= 4, "room {room_id}: {in_room}");
    }
    assert_eq!(
        stored, 5,
        "one-person requests were refused only because the corridor is full"
    );
    db.close().await.ok();
}

/// An office made through the API of a running server by an admin, for the process
/// tests: one room of `limit` persons, a 20-minute service (no notice, 15 minutes'
/// grace, one booking per citizen), `counters` counters, open every day within `hours`
/// since yesterday.
pub struct ProcessOffice {
    pub token: String,
    pub office: i64,
    pub service: i64,
    pub room: i64,
    pub counters: Vec<i64>,
}

pub async fn open_office(
    base: &str,
    (email, password): (&str, &str),
    limit: i64,
    counters: usize,
    hours: [&str; 2],
) -> ProcessOffice {
    use reqwest::Method;
    let client = crate::helpers::client();
    let token = login(base, email, password).await;
    let admin = |method: Method, path: String, body: Value| {
        let req = client
            .request(method, format!("{base}{path}"))
            .bearer_auth(&token)
            .json(&body);
        async move {
            let r = req.send().await.unwrap();
            assert!(r.status().is_success(), "{path}: {}", r.status());
            r.json::<Value>().await.unwrap()
        }
    };
    let office = admin(
        Method::POST,
        "/api/v1/offices".into(),
        json!({"name": "Processi"}),
    )
    .await;
    let oid = office["id"].as_i64().unwrap();
    let room = admin(
        Method::POST,
        format!("/api/v1/offices/{oid}/rooms"),
        json!({"name": "Sala", "occupancy_limit": limit}),
    )
    .await;
    let room = room["id"].as_i64().unwrap();
    let service = admin(
        Method::POST,
        format!("/api/v1/offices/{oid}/services"),
        json!({"name": "CIE", "duration_minutes": 20, "horizon_days": 60, "min_notice_minutes": 0,
               "no_show_grace_minutes": 15, "max_active_per_citizen": 1}),
    )
    .await;
    let sid = service["id"].as_i64().unwrap();
    let mut ids = Vec::new();
    for i in 0..counters {
        let c = admin(
            Method::POST,
            format!("/api/v1/rooms/{room}/counters"),
            json!({"name": format!("S{i}"), "service_ids": [sid]}),
        )
        .await;
        ids.push(c["id"].as_i64().unwrap());
    }
    let day = json!([hours]);
    let weekly =
        json!({"mon": day, "tue": day, "wed": day, "thu": day, "fri": day, "sat": day, "sun": day});
    let yesterday = Utc::now().date_naive() - Duration::days(1);
    admin(
        Method::PUT,
        format!("/api/v1/offices/{oid}/opening-hours"),
        json!({"valid_from": yesterday.to_string(), "weekly": weekly}),
    )
    .await;
    ProcessOffice {
        token,
        office: oid,
        service: sid,
        room,
        counters: ids,
    }
}

/// The starts (RFC 3339) of a process-office's slots a week ahead, in order.
pub async fn starts_a_week_ahead(base: &str, office: &ProcessOffice) -> Vec<String> {
    let day = Utc::now().date_naive() + Duration::days(7);
    let slots: Value = crate::helpers::client()
        .get(format!(
            "{base}/api/v1/offices/{}/services/{}/slots?from={day}&to={day}",
            office.office, office.service
        ))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    slots["slots"]
        .as_array()
        .unwrap_or_else(|| panic!("slots: {slots}"))
        .iter()
        .map(|s| s["start"].as_str().unwrap().to_owned())
        .collect()
}

/// A booking of one person at `start` of a process-office, as a citizen makes it.
pub async fn book_at(
    base: &str,
    office: &ProcessOffice,
    start: &str,
    email: &str,
) -> reqwest::Response {
    crate::helpers::client()
        .post(format!("{base}/api/v1/bookings"))
        .json(
            &json!({"office_id": office.office, "service_id": office.service, "start": start,
                      "party_size": 1, "citizen": {"name": "Maria Rossi", "email": email}}),
        )
        .send()
        .await
        .unwrap()
}
