//! Limits counted by every process together on PostgreSQL (issue 20, point 1): three
//! `sportello` processes on one database. Five wrong passwords spread over them lock the
//! account on all three; a mailbox's bookings an hour are counted over all three; and a
//! client address's requests per second are counted over all three.

use reqwest::StatusCode;
use serde_json::json;

use crate::{
    helpers::PgDatabase,
    two_processes::{
        Server, book_at, create_admin, open_office, pg_server, sportello, start_cmd,
        starts_a_week_ahead,
    },
};

const ADMIN: (&str, &str) = ("admin@limits.example", "limits-password-1");

async fn three(url: &str, dir: &std::path::Path, rate_limits: &str) -> Vec<Server> {
    (0..3)
        .map(|_| {
            let mut cmd = sportello(url, dir);
            cmd.env("SPORTELLO_RATE_LIMIT", rate_limits);
            start_cmd(cmd)
        })
        .collect()
}

async fn try_login(base: &str, password: &str) -> StatusCode {
    try_login_as(base, ADMIN.0, password).await
}

async fn try_login_as(base: &str, email: &str, password: &str) -> StatusCode {
    crate::helpers::client()
        .post(format!("{base}/api/v1/auth/tokens"))
        .json(&json!({"email": email, "password": password}))
        .send()
        .await
        .unwrap()
        .status()
}

#[tokio::test]
async fn five_wrong_passwords_over_three_processes_lock_the_account_on_all_of_them() {
    let pg = PgDatabase::create(&pg_server().await).await;
    let dir = tempfile::tempdir().unwrap();
    create_admin(&pg.url(), dir.path(), ADMIN.0, ADMIN.1);
    let servers = three(&pg.url(), dir.path(), "off").await;
    // A success first: it clears the count, and shows the password works.
    assert_eq!(
        try_login(&servers[0].address, ADMIN.1).await,
        StatusCode::CREATED
    );
    for i in 0..5 {
        let s = &servers[i % 3].address;
        assert_eq!(
            try_login(s, "wrong-password").await,
            StatusCode::UNAUTHORIZED,
            "attempt {i} on {s}"
        );
    }
    for s in &servers {
        assert_eq!(
            try_login(&s.address, "wrong-password").await,
            StatusCode::TOO_MANY_REQUESTS,
            "{}",
            s.address
        );
        assert_eq!(
            try_login(&s.address, ADMIN.1).await,
            StatusCode::TOO_MANY_REQUESTS,
            "even the right password, during the lockout, on {}",
            s.address
        );
    }
    // Thirty wrong guesses at once, ten on each process: exactly five are checked.
    let other = "other@limits.example";
    create_admin(&pg.url(), dir.path(), other, "other-password-1");
    let guesses = (0..30).map(|i| {
        let base = servers[i % 3].address.clone();
        async move { try_login_as(&base, other, "wrong-password").await }
    });
    let answers = futures::future::join_all(guesses).await;
    let checked = answers
        .iter()
        .filter(|s| **s == StatusCode::UNAUTHORIZED)
        .count();
    let refused = answers
        .iter()
        .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert_eq!((checked, refused), (5, 25), "{answers:?}");
}

#[tokio::test]
async fn a_mailboxs_bookings_an_hour_are_counted_over_all_processes() {
    let pg = PgDatabase::create(&pg_server().await).await;
    let dir = tempfile::tempdir().unwrap();
    create_admin(&pg.url(), dir.path(), ADMIN.0, ADMIN.1);
    let servers = three(&pg.url(), dir.path(), "on").await;
    let office = open_office(&servers[0].address, ADMIN, 20, 20, ["00:00", "23:40"]).await;
    let start = starts_a_week_ahead(&servers[0].address, &office).await[0].clone();
    let book = |base: String| {
        let (office, start) = (&office, &start);
        async move { book_at(&base, office, start, "anna@example.org").await }
    };
    // The first books; the next nine are refused by the citizen's limit of one active
    // booking, and each emails the address, so each counts: ten in all, spread over
    // the three processes.
    for i in 0..10 {
        let r = book(servers[i % 3].address.clone()).await;
        let expected = if i == 0 {
            StatusCode::CREATED
        } else {
            StatusCode::CONFLICT
        };
        assert_eq!(r.status(), expected, "attempt {i}");
    }
    for s in &servers {
        let r = book(s.address.clone()).await;
        assert_eq!(r.status(), StatusCode::TOO_MANY_REQUESTS, "{}", s.address);
        assert_eq!(
            r.headers()["retry-after"],
            "3600",
            "the mailbox's limit, not the client's rate limit"
        );
    }
}

#[tokio::test]
async fn a_client_addresss_rate_limit_is_counted_over_all_processes() {
    let pg = PgDatabase::create(&pg_server().await).await;
    let dir = tempfile::tempdir().unwrap();
    let servers = three(&pg.url(), dir.path(), "on").await;
    // Login attempts from one address: a burst of 5, then one every 4 s. Fifteen at once,
    // five on each process, for fifteen accounts (so no account's own limit counts): one
    // process alone would check five, and so would each of the three.
    let started = std::time::Instant::now();
    let attempts = (0..15).map(|i| {
        let base = servers[i % 3].address.clone();
        async move {
            let r = crate::helpers::client()
                .post(format!("{base}/api/v1/auth/tokens"))
                .json(&json!({"email": format!("nobody{i}@limits.example"), "password": "x-long-password"}))
                .send()
                .await
                .unwrap();
            (r.status(), r.headers().get("retry-after").cloned())
        }
    });
    let answers = futures::future::join_all(attempts).await;
    let refills = u32::try_from(started.elapsed().as_secs() / 4).unwrap();
    let checked = answers
        .iter()
        .filter(|(s, _)| *s == StatusCode::UNAUTHORIZED)
        .count();
    let refused: Vec<_> = answers
        .iter()
        .filter(|(s, _)| *s == StatusCode::TOO_MANY_REQUESTS)
        .collect();
    assert_eq!(checked + refused.len(), 15, "{answers:?}");
    assert!(
        (5..=5 + refills as usize).contains(&checked),
        "{checked} checked in {:?}: {answers:?}",
        started.elapsed()
    );
    for (_, retry) in &refused {
        let secs: u64 = retry
            .as_ref()
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse().ok())
            .expect("a Retry-After in seconds");
        assert!((1..=40).contains(&secs), "Retry-After {secs}");
    }
    // Each process refuses the next one too, then, once the wait is over, checks again.
    for s in &servers {
        assert_eq!(
            try_login_as(&s.address, "late@limits.example", "x-long-password").await,
            StatusCode::TOO_MANY_REQUESTS,
            "{}",
            s.address
        );
    }
    use sea_orm::ConnectionTrait;
    let conn = sea_orm::Database::connect(pg.url()).await.unwrap();
    let rows = conn
        .query_one_raw(sea_orm::Statement::from_string(
            conn.get_database_backend(),
            "SELECT COUNT(*) AS n FROM rate_pace WHERE scope = 'api-login' AND key_hash NOT LIKE '%127.0.0.1%'",
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get::<i64>("", "n")
        .unwrap();
    conn.close().await.ok();
    assert_eq!(
        rows, 1,
        "one row for the one address, and the address hashed"
    );
}
