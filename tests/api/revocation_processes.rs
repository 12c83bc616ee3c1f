//! Three `sportello` processes on one PostgreSQL database (issue 20, point 1): an account
//! disabled, or a token revoked, through one process is refused by the other two within
//! a second, although each had just authenticated it (and would otherwise reuse that for
//! ten seconds, `token_cache`).

use std::time::{Duration, Instant};

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::{
    helpers::PgDatabase,
    two_processes::{Server, create_admin, login, pg_server, start},
};

const ADMIN: (&str, &str) = ("admin@three.example", "three-processes-pw");

async fn call(
    base: &str,
    token: &str,
    method: Method,
    path: &str,
    body: Value,
) -> (StatusCode, Value) {
    let r = crate::helpers::client()
        .request(method, format!("{base}{path}"))
        .bearer_auth(token)
        .json(&body)
        .send()
        .await
        .unwrap();
    let status = r.status();
    (status, r.json().await.unwrap_or(Value::Null))
}

/// `token` works on every server, so each has it in its cache.
async fn warm(servers: &[Server], token: &str, path: &str) {
    for s in servers {
        let (status, _) = call(&s.address, token, Method::GET, path, Value::Null).await;
        assert_eq!(status, StatusCode::OK, "{}", s.address);
    }
}

/// Every server refuses `token` within a second of `since`; returns the slowest.
async fn refused_everywhere(
    servers: &[Server],
    token: &str,
    path: &str,
    since: Instant,
) -> Duration {
    let mut slowest = Duration::ZERO;
    for s in servers {
        loop {
            let (status, _) = call(&s.address, token, Method::GET, path, Value::Null).await;
            if status == StatusCode::UNAUTHORIZED {
                slowest = slowest.max(since.elapsed());
                break;
            }
            assert_eq!(status, StatusCode::OK);
            assert!(
                since.elapsed() < Duration::from_secs(1),
                "{} still accepts the token after a second",
                s.address
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }
    slowest
}

#[tokio::test]
async fn a_disabled_account_and_a_revoked_token_are_refused_by_every_process_within_a_second() {
    let server_url = pg_server().await;
    let pg = PgDatabase::create(&server_url).await;
    let dir = tempfile::tempdir().unwrap();
    create_admin(&pg.url(), dir.path(), ADMIN.0, ADMIN.1);
    let servers: Vec<Server> = (0..3).map(|_| start(&pg.url(), dir.path())).collect();
    let a = &servers[0].address;
    let admin = login(a, ADMIN.0, ADMIN.1).await;

    let (status, office) = call(
        a,
        &admin,
        Method::POST,
        "/api/v1/offices",
        json!({"name": "Tre processi"}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);
    let office = office["id"].as_i64().unwrap();
    let users = format!("/api/v1/offices/{office}/users");
    let (status, manager) = call(a, &admin, Method::POST, &users,
        json!({"email": "manager@three.example", "password": "manager-password-1", "role": "manager"})).await;
    assert_eq!(status, StatusCode::CREATED, "{manager}");

    // Disabled through the first process: refused by all three.
    let token = login(a, "manager@three.example", "manager-password-1").await;
    warm(&servers, &token, &users).await;
    let since = Instant::now();
    let (status, _) = call(
        a,
        &admin,
        Method::PATCH,
        &format!("/api/v1/users/{}", manager["id"]),
        json!({"active": false}),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let took = refused_everywhere(&servers, &token, &users, since).await;
    eprintln!("disabled: refused everywhere after {took:?}");

    // A token revoked (logout) through the first process: refused by all three.
    let second = login(a, ADMIN.0, ADMIN.1).await;
    warm(&servers, &second, &users).await;
    let since = Instant::now();
    let (status, _) = call(
        a,
        &second,
        Method::DELETE,
        "/api/v1/auth/tokens",
        Value::Null,
    )
    .await;
    assert!(status.is_success(), "{status}");
    let took = refused_everywhere(&servers, &second, &users, since).await;
    eprintln!("revoked: refused everywhere after {took:?}");
    // The other admin token is untouched.
    warm(&servers, &admin, &users).await;
}
