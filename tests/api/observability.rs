//! Observability (issue 8): `/metrics` counts requests by route and status, bookings and
//! check-ins by outcome, the outbox's depth and sends and the sweeps; every response has
//! a request id; JSON logs carry it and no personal data; SIGTERM stops the server
//! cleanly.

use crate::helpers::mail::mail_files;
use std::process::{Command, Stdio};

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{OfficeSpec, TestApp, booking_body};

async fn metrics(app: &TestApp) -> String {
    let r = app.get("/metrics").await;
    assert_eq!(r.status(), StatusCode::OK);
    assert!(
        r.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("application/openmetrics-text")
    );
    r.text().await.unwrap()
}

fn has(text: &str, line: &str) {
    assert!(
        text.lines().any(|l| l == line),
        "missing `{line}` in:\n{text}"
    );
}

#[tokio::test]
async fn metrics_count_requests_outcomes_the_outbox_and_sweeps() {
    let app = TestApp::spawn().await;
    let office = app.office(OfficeSpec::default()).await;
    let start = "2026-03-23T09:00:00+01:00";
    let r = app
        .post(
            "/api/v1/bookings",
            &booking_body(&office, 0, start, 1, "a@example.org"),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let booked: Value = r.json().await.unwrap();
    let r = app
        .post(
            "/api/v1/bookings",
            &booking_body(&office, 0, start, 1, "b@example.org"),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CONFLICT);
    let text = metrics(&app).await;
    has(
        &text,
        r#"sportello_http_requests_total{route="/api/v1/bookings",method="POST",status="201"} 1"#,
    );
    has(
        &text,
        r#"sportello_http_requests_total{route="/api/v1/bookings",method="POST",status="409"} 1"#,
    );
    has(
        &text,
        r#"sportello_http_request_duration_seconds_count{route="/api/v1/bookings",method="POST"} 2"#,
    );
    has(&text, r#"sportello_bookings_total{outcome="created"} 1"#);
    has(&text, r#"sportello_bookings_total{outcome="slot-full"} 1"#);
    has(&text, r#"sportello_outbox_messages{status="pending"} 1"#);
    // No reference, token or address ever becomes a label.
    let reference = booked["reference"].as_str().unwrap();
    assert!(!text.contains(reference) && !text.contains("a@example.org"));
    // The sender's pass: one sent, none pending.
    app.step_outbox().await;
    let text = metrics(&app).await;
    has(&text, r#"sportello_outbox_sends_total{outcome="sent"} 1"#);
    has(&text, r#"sportello_outbox_messages{status="pending"} 0"#);
    // Check-ins by outcome, on the day.
    app.clock.set(
        "2026-03-23T08:30:00+01:00"
            .parse::<chrono::DateTime<chrono::FixedOffset>>()
            .unwrap()
            .into(),
    );
    let token = app.login("admin@test.example", "admin-password-1").await;
    for code in [
        booked["checkin_url"].clone(),
        booked["checkin_url"].clone(),
        json!("nope"),
    ] {
        app.client
            .post(app.url("/api/v1/checkins"))
            .bearer_auth(&token)
            .json(&json!({ "code": code }))
            .send()
            .await
            .unwrap();
    }
    app.step_noshow().await;
    let text = metrics(&app).await;
    has(&text, r#"sportello_checkins_total{outcome="checked_in"} 1"#);
    has(
        &text,
        r#"sportello_checkins_total{outcome="already_checked_in"} 1"#,
    );
    has(
        &text,
        r#"sportello_checkins_total{outcome="unknown_code"} 1"#,
    );
    has(&text, "sportello_noshow_sweep_duration_seconds_count 1");
    has(&text, "sportello_noshow_released_total 0");
    // Requests matching no route count too, under one label whatever the path.
    for path in ["/no/such/page", "/wp-login.php"] {
        let r = app.client.get(app.url(path)).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::NOT_FOUND);
    }
    let text = metrics(&app).await;
    has(
        &text,
        r#"sportello_http_requests_total{route="unmatched",method="GET",status="404"} 2"#,
    );
    assert!(!text.contains("wp-login"));
}

#[tokio::test]
async fn every_response_has_a_request_id_and_metrics_can_need_a_token() {
    let app = TestApp::spawn_with(|c| c.http.metrics_token = Some("scrape-secret".into())).await;
    let r = app.get("/healthz").await;
    let id = r.headers()["x-request-id"].to_str().unwrap().to_string();
    assert_eq!(id.len(), 36, "a UUID: {id}");
    let r = app
        .client
        .get(app.url("/api/v1/offices"))
        .header("x-request-id", "from-the-proxy-42")
        .send()
        .await
        .unwrap();
    assert_eq!(r.headers()["x-request-id"], "from-the-proxy-42");
    assert_eq!(app.get("/metrics").await.status(), StatusCode::UNAUTHORIZED);
    let wrong = app
        .client
        .get(app.url("/metrics"))
        .bearer_auth("guess")
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), StatusCode::UNAUTHORIZED);
    let right = app
        .client
        .get(app.url("/metrics"))
        .bearer_auth("scrape-secret")
        .send()
        .await
        .unwrap();
    assert_eq!(right.status(), StatusCode::OK);
}

#[tokio::test]
async fn json_logs_carry_request_ids_and_no_personal_data_and_sigterm_stops_cleanly() {
    use std::io::{BufRead, BufReader};
    let dir = tempfile::tempdir().unwrap();
    let db_url = format!("sqlite://{}/logs.db?mode=rwc", dir.path().display());
    let server = demo_server(
        dir.path(),
        &db_url,
        &[("SPORTELLO_LOG_FORMAT", "json"), ("RUST_LOG", "info")],
    )
    .await;
    let start = server.starts(14).await[0].clone();
    let DemoServer {
        server: mut process,
        office,
        service,
    } = server;
    let (base, child) = (process.address.clone(), &mut process.child);
    let client = crate::helpers::client();
    let booked: Value = client
        .post(format!("{base}/api/v1/bookings"))
        .json(&json!({"office_id": office, "service_id": service, "start": start, "party_size": 1,
                      "citizen": {"name": "Zebedeo Quintiliani", "email": "zebedeo@example.org", "phone": "+39 080 5550123"}}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = booked["manage_token"].as_str().unwrap().to_string();
    let reference = booked["reference"].as_str().unwrap().to_string();
    let page = client
        .get(format!("{base}/b/{reference}?token={token}"))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    // SIGTERM: in-flight work finishes, the outbox's last pass runs, the process exits 0.
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = child.wait().unwrap();
    assert!(status.success(), "{status:?}");
    let logs: Vec<String> = BufReader::new(child.stderr.take().unwrap())
        .lines()
        .map(Result::unwrap)
        .collect();
    assert!(!logs.is_empty());
    let parsed: Vec<Value> = logs
        .iter()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect();
    let access: Vec<&Value> = parsed
        .iter()
        .filter(|l| l["span"]["route"] == "/api/v1/bookings")
        .collect();
    assert!(!access.is_empty(), "an access line for the booking");
    assert!(access.iter().all(|l| {
        l["span"]["request_id"]
            .as_str()
            .is_some_and(|id| id.len() == 36)
    }));
    for secret in [
        "Zebedeo",
        "zebedeo@example.org",
        "5550123",
        token.as_str(),
        "?token=",
    ] {
        assert!(
            !logs.iter().any(|l| l.contains(secret)),
            "{secret} in the logs"
        );
    }
    // The confirmation queued by the last request went out before the exit.
    let mails = mail_files(&dir.path().join("outbox")).len();
    assert!(mails >= 1, "the confirmation was sent before the exit");
}

/// SIGTERM while thirty bookings are on their way: every request the server had taken
/// is answered in full, every booking it answered 201 for exists, nothing is half done
/// for the requests it refused, and every confirmation is written before the exit.
#[tokio::test]
async fn sigterm_mid_storm_answers_every_request_taken_and_sends_every_confirmation() {
    use std::sync::{
        Arc,
        atomic::{AtomicUsize, Ordering},
    };
    let dir = tempfile::tempdir().unwrap();
    let db_url = format!("sqlite://{}/term.db?mode=rwc", dir.path().display());
    let server = demo_server(dir.path(), &db_url, &[]).await;
    let starts: Vec<Value> = server.starts(30).await.into_iter().take(30).collect();
    let DemoServer {
        server: mut process,
        office,
        service,
    } = server;
    let (base, child) = (process.address.clone(), &mut process.child);
    assert_eq!(starts.len(), 30);
    let answered = Arc::new(AtomicUsize::new(0));
    let (first_tx, first_rx) = tokio::sync::oneshot::channel::<()>();
    let first_tx = Arc::new(std::sync::Mutex::new(Some(first_tx)));
    let tasks: Vec<_> = starts
        .into_iter()
        .enumerate()
        .map(|(i, start)| {
            // A connection of its own each, as thirty citizens' browsers would have.
            let client = crate::helpers::client_builder()
                .pool_max_idle_per_host(0)
                .build()
                .unwrap();
            let (base, office, service) = (base.clone(), office.clone(), service.clone());
            let (answered, first_tx) = (answered.clone(), first_tx.clone());
            tokio::spawn(async move {
                let email = format!("term{i}@example.org");
                let sent = client
                    .post(format!("{base}/api/v1/bookings"))
                    .json(
                        &json!({"office_id": office, "service_id": service, "start": start,
                                  "party_size": 1, "citizen": {"name": "Term", "email": email}}),
                    )
                    .send()
                    .await;
                let outcome = match sent {
                    Ok(r) => {
                        let status = r.status();
                        // The body arrives whole, or this fails the test.
                        let body: Value = r.json().await.expect("a whole answer");
                        Ok((status, body))
                    }
                    Err(e) => Err(e.to_string()),
                };
                if matches!(outcome, Ok((StatusCode::CREATED, _))) {
                    answered.fetch_add(1, Ordering::SeqCst);
                    if let Some(tx) = first_tx.lock().unwrap().take() {
                        let _ = tx.send(());
                    }
                }
                (email, outcome)
            })
        })
        .collect();
    // SIGTERM as soon as the first booking is answered, with the others in flight.
    first_rx.await.unwrap();
    let killed = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let answered_before = answered.load(Ordering::SeqCst);
    let mut created = Vec::new();
    let mut refused = Vec::new();
    for t in tasks {
        let (email, outcome) = t.await.unwrap();
        match outcome {
            Ok((status, body)) => {
                assert_eq!(status, StatusCode::CREATED, "{body}");
                created.push(email);
            }
            Err(_) => refused.push(email),
        }
    }
    let status = child.wait().unwrap();
    assert!(status.success(), "{status:?}");
    eprintln!(
        "answered before the SIGTERM {answered_before}, in all {}, refused {}",
        created.len(),
        refused.len()
    );
    assert!(
        created.len() > answered_before,
        "requests in flight at the SIGTERM were answered: {} before, {} in all",
        answered_before,
        created.len()
    );
    // In the database: each 201 is a confirmed booking; a refused request left nothing.
    use sea_orm::ConnectionTrait;
    let conn = sea_orm::Database::connect(&db_url).await.unwrap();
    let backend = conn.get_database_backend();
    for (emails, expected) in [(&created, 1i64), (&refused, 0)] {
        for email in emails {
            let n: i64 = conn
                .query_one_raw(sea_orm::Statement::from_sql_and_values(
                    backend,
                    "SELECT COUNT(*) AS n FROM booking WHERE citizen_email = ? AND status = 'confirmed'",
                    [email.clone().into()],
                ))
                .await
                .unwrap()
                .unwrap()
                .try_get("", "n")
                .unwrap();
            assert_eq!(n, expected, "{email}");
        }
    }
    conn.close().await.ok();
    // The outbox's last pass sent every confirmation before the exit.
    let mails = mail_files(&dir.path().join("outbox")).len();
    assert_eq!(mails, created.len());
}

/// A `sportello serve` process on the demo data (SQLite in `dir`, mail files in
/// `dir/outbox`), and the demo ID-card service.
struct DemoServer {
    server: crate::two_processes::Server,
    office: Value,
    service: Value,
}

async fn demo_server(dir: &std::path::Path, db_url: &str, env: &[(&str, &str)]) -> DemoServer {
    let mut cmd = crate::two_processes::sportello(db_url, dir);
    cmd.env("SPORTELLO_DEMO", "on").stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let server = crate::two_processes::start_cmd(cmd);
    let offices: Value = crate::helpers::get(format!("{}/api/v1/offices", server.address))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    DemoServer {
        office: offices[0]["id"].clone(),
        service: offices[0]["services"][0]["id"].clone(),
        server,
    }
}

impl DemoServer {
    /// Slot starts of the demo service from tomorrow for `days` days.
    async fn starts(&self, days: i64) -> Vec<Value> {
        let today = chrono::Utc::now().date_naive();
        let slots: Value = crate::helpers::get(format!(
            "{}/api/v1/offices/{}/services/{}/slots?from={}&to={}",
            self.server.address,
            self.office,
            self.service,
            today + chrono::Duration::days(1),
            today + chrono::Duration::days(days)
        ))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
        slots["slots"]
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["start"].clone())
            .collect()
    }
}

/// The series a PromQL expression reads: each `sportello_…` name with its label matchers
/// (`key`, `value`, whether the value is a regular expression).
/// A label matcher: key, value, and whether the value is a regular expression.
type Matcher = (String, String, bool);

fn series_in(expression: &str) -> Vec<(String, Vec<Matcher>)> {
    let mut found = Vec::new();
    let mut rest = expression;
    while let Some(at) = rest.find("sportello_") {
        let tail = &rest[at..];
        let end = tail
            .find(|c: char| !(c.is_ascii_lowercase() || c == '_'))
            .unwrap_or(tail.len());
        let name = tail[..end].to_owned();
        let mut matchers = Vec::new();
        let after = &tail[end..];
        if let Some(inner) = after.strip_prefix('{') {
            let close = inner.find('}').expect("a closed label matcher");
            for pair in inner[..close].split(',') {
                let (key, value, regex) = match pair.split_once("=~") {
                    Some((k, v)) => (k, v, true),
                    None => {
                        let (k, v) = pair.split_once('=').expect("key=value");
                        (k, v, false)
                    }
                };
                matchers.push((
                    key.trim().to_owned(),
                    value.trim().trim_matches('"').to_owned(),
                    regex,
                ));
            }
        }
        found.push((name, matchers));
        rest = &tail[end..];
    }
    found
}

/// README's operator page names alerts on `/metrics`: an alert on a series the server
/// does not export never fires, so each series, with each label it selects on, must be
/// in a scrape of a server that has booked, sent and swept.
#[tokio::test]
async fn every_alert_of_the_operators_page_reads_a_series_the_server_exports() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    let page = readme
        .split("## The operator's page")
        .nth(1)
        .expect("README has the operator's page")
        .split("\n## ")
        .next()
        .unwrap();
    let alerts: Vec<&str> = page
        .lines()
        .filter(|l| {
            l.starts_with("| ")
                && l.split('|')
                    .nth(2)
                    .is_some_and(|e| e.contains("sportello_"))
        })
        .collect();
    assert!(alerts.len() >= 5, "the alerts table: {alerts:?}");

    let app = TestApp::spawn().await;
    let office = app.office(OfficeSpec::default()).await;
    let r = app
        .post(
            "/api/v1/bookings",
            &booking_body(&office, 0, "2026-03-23T09:00:00+01:00", 1, "a@example.org"),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    app.step_outbox().await;
    app.step_noshow().await;
    assert_eq!(app.get("/readyz").await.status(), StatusCode::OK);
    let text = metrics(&app).await;
    let samples: Vec<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();

    let mut checked = 0;
    for row in alerts {
        let expression = row.split('|').nth(2).expect("an expression column");
        for (name, matchers) in series_in(expression) {
            let of_name: Vec<&&str> = samples
                .iter()
                .filter(|l| {
                    l.starts_with(&format!("{name}{{")) || l.starts_with(&format!("{name} "))
                })
                .collect();
            assert!(
                !of_name.is_empty(),
                "`{name}` (in `{expression}`) is not exported:\n{text}"
            );
            for (key, value, regex) in matchers {
                let wanted = if regex {
                    format!("{key}=\"")
                } else {
                    format!("{key}=\"{value}\"")
                };
                assert!(
                    of_name.iter().any(|l| l.contains(&wanted)),
                    "no `{name}` sample has {wanted}… (in `{expression}`):\n{text}"
                );
            }
            checked += 1;
        }
    }
    assert!(checked >= 6, "{checked} series checked");
}
