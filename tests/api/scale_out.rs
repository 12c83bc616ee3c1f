//! Scale-out (issue 8): three `sportello` processes on one PostgreSQL database, each
//! running the scheduled jobs and the outbox sender, under a booking storm spread over
//! all three, double scans at every process, and no-show sweeps every second in each.
//! No limit is exceeded, each booking is checked in once, each no-show released once,
//! each email sent once.

use chrono::{Duration, Utc};
use loadgen::smtp_sink::SmtpSink;
use reqwest::StatusCode;
use sea_orm::{ActiveValue::Set, ConnectionTrait, EntityTrait, Statement};
use serde_json::{Value, json};

use crate::{
    helpers::PgDatabase,
    outbox_processes::{settle, with_smtp},
    two_processes::{create_admin, open_office, pg_server, start_cmd},
};

#[tokio::test]
async fn three_processes_on_one_postgres_behave_as_one() {
    let server_url = pg_server().await;
    let pg = PgDatabase::create(&server_url).await;
    let dir = tempfile::tempdir().unwrap();
    let sink = SmtpSink::start(0).await.unwrap();
    create_admin(
        &pg.url(),
        dir.path(),
        "admin@three.example",
        "three-processes",
    );
    let servers: Vec<_> = (0..3)
        .map(|_| {
            let mut cmd = with_smtp(&pg.url(), dir.path(), sink.port);
            cmd.env("SPORTELLO_NO_SHOW_CRON", "* * * * * *");
            start_cmd(cmd)
        })
        .collect();
    let bases: Vec<String> = servers.iter().map(|s| s.address.clone()).collect();
    let client = crate::helpers::client();
    let setup = open_office(
        &bases[1],
        ("admin@three.example", "three-processes"),
        3,
        4,
        ["00:00", "23:40"],
    )
    .await;
    let (token, oid, sid) = (setup.token.clone(), setup.office, setup.service);
    let today = Utc::now().date_naive();
    let slots = |from: chrono::NaiveDate, to: chrono::NaiveDate| {
        let req = client.get(format!(
            "{}/api/v1/offices/{oid}/services/{sid}/slots?from={from}&to={to}",
            bases[2]
        ));
        async move {
            let v: Value = req.send().await.unwrap().json().await.unwrap();
            v["slots"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| s["start"].as_str().unwrap().to_string())
                .collect::<Vec<_>>()
        }
    };
    let book = |base: String, start: String, email: String| {
        let req = client.post(format!("{base}/api/v1/bookings")).json(&json!({
            "office_id": oid, "service_id": sid, "start": start, "party_size": 1,
            "citizen": {"name": "Tre", "email": email}}));
        async move {
            let r = req.send().await.unwrap();
            let status = r.status();
            (status, r.json::<Value>().await.unwrap_or_default())
        }
    };

    // 1. The storm: 300 requests over the three processes for 8 slots (24 places).
    let storm_slots: Vec<String> = slots(today + Duration::days(7), today + Duration::days(7))
        .await
        .into_iter()
        .take(8)
        .collect();
    let storm = (0..300).map(|i| {
        book(
            bases[i % 3].clone(),
            storm_slots[i % 8].clone(),
            format!("s{i}@three.example"),
        )
    });
    let answers = futures::future::join_all(storm).await;
    let created = answers
        .iter()
        .filter(|(s, _)| *s == StatusCode::CREATED)
        .count();
    assert!(
        answers
            .iter()
            .all(|(s, _)| *s == StatusCode::CREATED || *s == StatusCode::CONFLICT)
    );
    assert_eq!(created, 24, "every place taken once, none more");

    // 2. Double scans: three bookings due within the hour, each code scanned twice at
    // every process at once; one admission each.
    let soon: Vec<String> = slots(today, today + Duration::days(1))
        .await
        .into_iter()
        .filter(|s| {
            chrono::DateTime::parse_from_rfc3339(s).unwrap() < Utc::now() + Duration::minutes(55)
        })
        .take(1)
        .collect();
    assert_eq!(soon.len(), 1, "a slot within the hour");
    let mut codes = Vec::new();
    for (i, base) in bases.iter().enumerate() {
        let (status, v) = book(
            base.clone(),
            soon[0].clone(),
            format!("due{i}@three.example"),
        )
        .await;
        assert_eq!(status, StatusCode::CREATED);
        codes.push(v["checkin_url"].as_str().unwrap().to_string());
    }
    let (client_ref, bases_ref, token_ref) = (&client, &bases, &token);
    let scans = codes.iter().flat_map(|code| {
        (0..6).map(move |k| {
            let req = client_ref
                .post(format!("{}/api/v1/checkins", bases_ref[k % 3]))
                .bearer_auth(token_ref)
                .json(&json!({ "code": code }));
            async move { (code.clone(), req.send().await.unwrap().status()) }
        })
    });
    let scanned = futures::future::join_all(scans).await;
    for code in &codes {
        let admitted = scanned
            .iter()
            .filter(|(c, s)| c == code && *s == StatusCode::OK)
            .count();
        let already = scanned
            .iter()
            .filter(|(c, s)| c == code && *s == StatusCode::CONFLICT)
            .count();
        assert_eq!((admitted, already), (1, 5), "{code}");
    }

    // 3. Sweeps: five bookings long overdue, written straight into the table; the three
    // processes sweep every second, and each is released once.
    let conn = sea_orm::Database::connect(&pg.url()).await.unwrap();
    let start = Utc::now() - Duration::hours(2);
    for n in 0..5i64 {
        entity::booking::Entity::insert(entity::booking::ActiveModel {
            office_id: Set(i32::try_from(oid).unwrap()),
            service_id: Set(i32::try_from(sid).unwrap()),
            counter_id: Set(i32::try_from(setup.counters[0]).unwrap()),
            room_id: Set(i32::try_from(setup.room).unwrap()),
            occupies_room: Set(true),
            status: Set(entity::status::BookingStatus::Confirmed),
            start_at: Set(start + Duration::minutes(20 * n)),
            end_at: Set(start + Duration::minutes(20 * n + 20)),
            room_from: Set(start + Duration::minutes(20 * n)),
            party_size: Set(1),
            reference: Set(Some(format!("LATE-{n}"))),
            checkin_token: Set(Some(format!("late-token-{n}"))),
            language: Set("it".into()),
            created_at: Set(start - Duration::days(1)),
            ..Default::default()
        })
        .exec(&conn)
        .await
        .unwrap();
    }
    let count = |sql: &'static str| {
        let conn = &conn;
        async move {
            conn.query_one_raw(Statement::from_string(conn.get_database_backend(), sql))
                .await
                .unwrap()
                .unwrap()
                .try_get::<i64>("", "n")
                .unwrap()
        }
    };
    for _ in 0..100 {
        if count("SELECT COUNT(*) AS n FROM booking WHERE reference LIKE 'LATE-%' AND status = 'no_show'").await == 5 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    // Every process sweeps twice more (its /metrics counts its sweeps): nothing is
    // released twice.
    let sweeps = |base: String| {
        let client = client.clone();
        async move {
            let text = client
                .get(format!("{base}/metrics"))
                .send()
                .await
                .unwrap()
                .text()
                .await
                .unwrap();
            text.lines()
                .find_map(|l| l.strip_prefix("sportello_noshow_sweep_duration_seconds_count "))
                .and_then(|n| n.trim().parse::<u64>().ok())
                .unwrap_or(0)
        }
    };
    for base in &bases {
        let seen = sweeps(base.clone()).await;
        for _ in 0..100 {
            if sweeps(base.clone()).await >= seen + 2 {
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert!(
            sweeps(base.clone()).await >= seen + 2,
            "{base} stopped sweeping"
        );
    }
    assert_eq!(
        count(
            "SELECT COUNT(*) AS n FROM booking WHERE reference LIKE 'LATE-%' AND status = 'no_show'"
        )
        .await,
        5
    );
    assert_eq!(
        count("SELECT COUNT(*) AS n FROM audit_log WHERE action = 'release_no_show'").await,
        5
    );
    assert_eq!(
        count("SELECT COUNT(*) AS n FROM booking WHERE status = 'checked_in'").await,
        3
    );

    // 4. Each confirmation sent once, by one of the three senders.
    let expected = created + codes.len();
    let (received, distinct) = settle(&sink, expected, &pg.url()).await;
    assert_eq!((received, distinct), (expected, expected));
    conn.close().await.ok();
    drop(servers);
}
