//! Rolling upgrades (issue 20, point 4): the previous release's binary beside this one on
//! one PostgreSQL database, under a booking storm. `tests/upgrade/run.sh` builds the
//! previous release from its commit (`tests/upgrade/previous`) and runs this test with
//! `PREVIOUS_BIN`.
//!
//! Two processes of the previous release serve; one of this release starts (and expands
//! the schema under them), then the old ones leave one by one as a load balancer drains
//! them (out of rotation first, then SIGTERM), and a second new one joins. Every request
//! of the storm is answered 201 or 409, none more than a slot's places are booked, and
//! both releases booked. Then this release starts on a database that a release newer than
//! itself has migrated, as an old process restarting during the next upgrade would.

use std::{
    process::Command,
    sync::{
        Arc, Mutex,
        atomic::{AtomicBool, Ordering},
    },
    time::Duration,
};

use reqwest::StatusCode;
use sea_orm::{ConnectionTrait, Database, Statement};
use serde_json::json;

use crate::{
    helpers::PgDatabase,
    two_processes::{
        ProcessOffice, Server, create_admin_with, open_office, pg_server, sportello, sportello_at,
        start_cmd, starts_a_week_ahead,
    },
};

const ADMIN: (&str, &str) = ("admin@upgrade.example", "upgrade-password-1");
/// Places per slot: a room of twenty, with twenty counters.
const PLACES: i64 = 20;

/// What the storm saw, per release that answered.
#[derive(Default, Debug)]
struct Seen {
    created_old: usize,
    created_new: usize,
    full: usize,
    errors: Vec<String>,
}

/// Out of rotation, a moment for requests already sent to it, then SIGTERM, and its exit.
async fn drain(rotation: &Mutex<Vec<(String, bool)>>, mut server: Server) {
    rotation
        .lock()
        .unwrap()
        .retain(|(address, _)| *address != server.address);
    tokio::time::sleep(Duration::from_millis(300)).await;
    let killed = Command::new("kill")
        .args(["-TERM", &server.child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    let status = tokio::task::spawn_blocking(move || server.child.wait())
        .await
        .unwrap()
        .unwrap();
    assert!(
        status.success(),
        "a drained process exits cleanly: {status}"
    );
}

async fn storm(
    rotation: Arc<Mutex<Vec<(String, bool)>>>,
    office: Arc<ProcessOffice>,
    starts: Arc<Vec<String>>,
    stop: Arc<AtomicBool>,
    seen: Arc<Mutex<Seen>>,
    client_no: usize,
) {
    let client = crate::helpers::client();
    let mut n = 0usize;
    while !stop.load(Ordering::Relaxed) {
        n += 1;
        let picked = {
            let r = rotation.lock().unwrap();
            r[(client_no + n) % r.len()].clone()
        };
        // One request in four at the first slot, which fills at once (409s beside the
        // 201s); the others spread over the day, which lasts through the upgrade.
        let start = if n.is_multiple_of(4) {
            &starts[0]
        } else {
            &starts[(client_no * 7 + n * 13) % starts.len()]
        };
        let sent = client
            .post(format!("{}/api/v1/bookings", picked.0))
            .json(
                &json!({"office_id": office.office, "service_id": office.service,
                          "start": start, "party_size": 1,
                          "citizen": {"name": "Maria Rossi",
                                      "email": format!("c{client_no}-{n}@upgrade.example")}}),
            )
            .send()
            .await;
        {
            let mut seen = seen.lock().unwrap();
            match sent.map(|r| r.status()) {
                Ok(StatusCode::CREATED) if picked.1 => seen.created_new += 1,
                Ok(StatusCode::CREATED) => seen.created_old += 1,
                Ok(StatusCode::CONFLICT) => seen.full += 1,
                Ok(other) => seen.errors.push(format!("{other} from {}", picked.0)),
                Err(e) => seen.errors.push(format!("{e} from {}", picked.0)),
            }
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

#[tokio::test]
#[ignore = "needs the previous release's binary: run by tests/upgrade/run.sh"]
async fn the_previous_release_serves_beside_this_one_through_a_rolling_upgrade() {
    let previous = std::env::var("PREVIOUS_BIN")
        .expect("PREVIOUS_BIN: run this test through tests/upgrade/run.sh");
    let pg = PgDatabase::create(&pg_server().await).await;
    let url = pg.url();
    let dir = tempfile::tempdir().unwrap();
    let old = || sportello_at(&previous, &url, dir.path());

    // The previous release makes the schema, the admin and the office, and serves.
    create_admin_with(old(), ADMIN.0, ADMIN.1);
    let old_a = start_cmd(old());
    let old_b = start_cmd(old());
    let office = open_office(&old_a.address, ADMIN, PLACES, 20, ["00:00", "23:40"]).await;
    let starts = starts_a_week_ahead(&old_a.address, &office).await;
    assert!(starts.len() > 40, "{} starts", starts.len());
    let conn = Database::connect(&url).await.unwrap();
    let migrations = || async {
        conn.query_all_raw(Statement::from_string(
            conn.get_database_backend(),
            "SELECT version FROM seaql_migrations",
        ))
        .await
        .unwrap()
        .len()
    };
    let before = migrations().await;

    let rotation = Arc::new(Mutex::new(vec![
        (old_a.address.clone(), false),
        (old_b.address.clone(), false),
    ]));
    let (office, starts) = (Arc::new(office), Arc::new(starts));
    let stop = Arc::new(AtomicBool::new(false));
    let seen = Arc::new(Mutex::new(Seen::default()));
    let clients: Vec<_> = (0..12)
        .map(|i| {
            tokio::spawn(storm(
                rotation.clone(),
                office.clone(),
                starts.clone(),
                stop.clone(),
                seen.clone(),
                i,
            ))
        })
        .collect();
    let pause = || tokio::time::sleep(Duration::from_millis(1500));
    pause().await;

    // This release's first process expands the schema under the old ones.
    let new_a = start_cmd(sportello(&url, dir.path()));
    assert!(
        migrations().await > before,
        "this release brings migrations of its own, so the test upgrades a schema"
    );
    rotation.lock().unwrap().push((new_a.address.clone(), true));
    pause().await;
    drain(&rotation, old_a).await;
    pause().await;
    let new_b = start_cmd(sportello(&url, dir.path()));
    rotation.lock().unwrap().push((new_b.address.clone(), true));
    pause().await;
    drain(&rotation, old_b).await;
    pause().await;
    stop.store(true, Ordering::Relaxed);
    for c in clients {
        c.await.unwrap();
    }

    let seen = Arc::try_unwrap(seen).unwrap().into_inner().unwrap();
    println!("the storm through the upgrade: {seen:?}");
    assert!(seen.errors.is_empty(), "{:?}", seen.errors);
    assert!(
        seen.created_old > 0 && seen.created_new > 0 && seen.full > 0,
        "both releases booked, and some slots filled: {seen:?}"
    );
    // The limit held through both releases, and every 201 is a row.
    let rows = conn
        .query_all_raw(Statement::from_sql_and_values(
            conn.get_database_backend(),
            "SELECT start_at, COUNT(*) AS n FROM booking WHERE office_id = $1 GROUP BY start_at",
            [i32::try_from(office.office).unwrap().into()],
        ))
        .await
        .unwrap();
    let mut total = 0;
    for row in &rows {
        let n: i64 = row.try_get("", "n").unwrap();
        assert!(n <= PLACES, "a slot with {n} bookings");
        total += n;
    }
    assert_eq!(
        usize::try_from(total).unwrap(),
        seen.created_old + seen.created_new
    );

    // The next upgrade's first process has migrated: this release, restarting, still
    // starts and books (and warns), as the previous release now does beside this one.
    conn.execute_raw(Statement::from_string(
        conn.get_database_backend(),
        "INSERT INTO seaql_migrations (version, applied_at) VALUES ('m20991231_000001_next_release', 0)",
    ))
    .await
    .unwrap();
    drop(new_a);
    let restarted = start_cmd(sportello(&url, dir.path()));
    let r = crate::helpers::client()
        .get(format!("{}/readyz", restarted.address))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let r = crate::two_processes::book_at(
        &restarted.address,
        &office,
        &starts[starts.len() - 1],
        "after@upgrade.example",
    )
    .await;
    assert!(
        [StatusCode::CREATED, StatusCode::CONFLICT].contains(&r.status()),
        "{}",
        r.status()
    );
    drop(new_b);
}
