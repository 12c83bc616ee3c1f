//! "Call next" under concurrency (issue 17): 20 clerks spread over three `sportello`
//! processes on one database press "Call next" at once, over and over, on PostgreSQL and
//! on one SQLite file. Each ticket is called exactly once, the calls follow the rule's
//! order (walk-ins by arrival), and the rows agree.

use std::collections::HashSet;

use serde_json::{Value, json};

use crate::{
    helpers::PgDatabase,
    two_processes::{create_admin, login, open_office, pg_server, start},
};

const TICKETS: usize = 150;
const CLERKS: usize = 20;

async fn calls_are_given_once(db_url: &str, dir: &std::path::Path) {
    create_admin(db_url, dir, "admin@calls.example", "calls-password");
    let servers: Vec<_> = (0..3).map(|_| start(db_url, dir)).collect();
    let bases: Vec<String> = servers.iter().map(|s| s.address.clone()).collect();
    let setup = open_office(
        &bases[0],
        ("admin@calls.example", "calls-password"),
        1000,
        CLERKS,
        ["00:00", "23:59"],
    )
    .await;
    let client = crate::helpers::client();
    let token = login(&bases[1], "admin@calls.example", "calls-password").await;
    let mut codes = Vec::new();
    for i in 0..TICKETS {
        let t: Value = client
            .post(format!(
                "{}/api/v1/offices/{}/tickets",
                bases[i % 3],
                setup.office
            ))
            .bearer_auth(&token)
            .json(&json!({"service_id": setup.service, "party_size": 1}))
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        codes.push(t["code"].as_str().unwrap().to_string());
    }
    let distinct: HashSet<&String> = codes.iter().collect();
    assert_eq!(distinct.len(), TICKETS, "every ticket has its own code");

    let clerks = (0..CLERKS).map(|k| {
        let client = client.clone();
        let base = bases[k % 3].clone();
        let token = token.clone();
        let counter = setup.counters[k];
        tokio::spawn(async move {
            let mut mine = Vec::new();
            loop {
                let r = client
                    .post(format!("{base}/api/v1/counters/{counter}/call-next"))
                    .bearer_auth(&token)
                    .send()
                    .await
                    .unwrap();
                assert!(r.status().is_success(), "call-next answered {}", r.status());
                let v: Value = r.json().await.unwrap();
                match v["ticket"]["id"].as_i64() {
                    Some(id) => mine.push(id),
                    None => {
                        assert_eq!(v["reason"], "nobody_waiting");
                        return mine;
                    }
                }
            }
        })
    });
    let mut called: Vec<i64> = Vec::new();
    for clerk in clerks {
        called.extend(clerk.await.unwrap());
    }
    assert_eq!(called.len(), TICKETS, "every ticket called");
    let once: HashSet<i64> = called.iter().copied().collect();
    assert_eq!(once.len(), TICKETS, "no ticket called twice");

    let conn = sea_orm::Database::connect(db_url).await.unwrap();
    use sea_orm::{ConnectionTrait, Statement};
    let rows = conn
        .query_all_raw(Statement::from_string(
            conn.get_database_backend(),
            "SELECT e.code AS code, t.calls AS calls, t.status AS status FROM queue_event e \
             JOIN ticket t ON t.id = e.ticket_id WHERE e.kind = 'call' ORDER BY e.id",
        ))
        .await
        .unwrap();
    let in_order: Vec<String> = rows
        .iter()
        .map(|r| r.try_get::<String>("", "code").unwrap())
        .collect();
    // The calls, in the order they were made, are the tickets in arrival order.
    assert_eq!(in_order, codes, "calls follow the calling rule");
    for r in &rows {
        assert_eq!(r.try_get::<i32>("", "calls").unwrap(), 1);
        assert_eq!(r.try_get::<String>("", "status").unwrap(), "called");
    }
}

#[tokio::test]
async fn twenty_clerks_in_three_processes_on_postgres_never_call_a_ticket_twice() {
    let server_url = pg_server().await;
    let pg = PgDatabase::create(&server_url).await;
    let dir = tempfile::tempdir().unwrap();
    calls_are_given_once(&pg.url(), dir.path()).await;
}

#[tokio::test]
async fn twenty_clerks_in_three_processes_on_sqlite_never_call_a_ticket_twice() {
    let dir = tempfile::tempdir().unwrap();
    let db = format!("sqlite://{}/calls.db?mode=rwc", dir.path().display());
    calls_are_given_once(&db, dir.path()).await;
}
