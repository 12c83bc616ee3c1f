//! The booking table's partial indexes (issue 19) are the ones the planners choose for
//! the statements the server sends: placement, the per-citizen limit and the no-show
//! sweep, on a table that is mostly a past year of served bookings. A partial index is
//! used only when the statement's condition contains its predicate with constants, so a
//! query that lost the literal (`HOLDS_PLACE_SQL`, `DUE_SQL`) would fail here while every
//! behaviour test still passed. On PostgreSQL the plan asked for is the generic one
//! (`plan_cache_mode = force_generic_plan`), which is what a prepared statement gets after
//! a few executions and which cannot see the bound values.

use chrono::Duration;
use sea_orm::{ConnectionTrait, DatabaseBackend, Statement, TransactionTrait, Value};
use sportello::service::{
    booking::book::active_query,
    engine::{Interval, around_statement, occupant_query},
    outbox::{self, claim_statement},
    visit::noshow::{release_no_shows, release_statement},
};

use crate::helpers::{Office, OfficeSpec, TestApp, at};

/// Past bookings that hold no place, about a year of a small office.
const PAST: i64 = 20_000;

/// The PostgreSQL type of a bound value, for `PREPARE` (the select list's constants
/// have no other context to infer one from).
fn pg_type(v: &Value) -> &'static str {
    match v {
        Value::ChronoDateTimeUtc(_) => "timestamptz",
        Value::BigInt(_) => "int8",
        Value::Int(_) => "int4",
        Value::Bool(_) => "bool",
        _ => "text",
    }
}

/// The plan the database chooses for `statement`, as text.
async fn plan(app: &TestApp, statement: Statement) -> String {
    let backend = app.db.backend();
    let txn = app.db.conn.begin().await.unwrap();
    let mut lines = Vec::new();
    if backend == DatabaseBackend::Postgres {
        let values = statement.values.map(|v| v.0).unwrap_or_default();
        let types: Vec<_> = values.iter().map(pg_type).collect();
        let nulls = vec!["NULL"; values.len()].join(", ");
        txn.execute_unprepared("SET LOCAL plan_cache_mode = force_generic_plan")
            .await
            .unwrap();
        txn.execute_unprepared(&format!(
            "PREPARE q ({}) AS {}",
            types.join(", "),
            statement.sql
        ))
        .await
        .unwrap();
        // A generic plan does not depend on the values, so NULLs stand for them.
        for row in txn
            .query_all_raw(Statement::from_string(
                backend,
                format!("EXPLAIN EXECUTE q ({nulls})"),
            ))
            .await
            .unwrap()
        {
            lines.push(row.try_get::<String>("", "QUERY PLAN").unwrap());
        }
        txn.execute_unprepared("DEALLOCATE q").await.unwrap();
    } else {
        let explain = Statement {
            sql: format!("EXPLAIN QUERY PLAN {}", statement.sql),
            ..statement
        };
        for row in txn.query_all_raw(explain).await.unwrap() {
            lines.push(row.try_get::<String>("", "detail").unwrap());
        }
    }
    txn.rollback().await.unwrap();
    lines.join("\n")
}

/// Inserts `n` bookings of the office's first service with `status`, one an hour back
/// from `before` (UTC), with references `<tag><i>`.
async fn fill(app: &TestApp, o: &Office, status: &str, n: i64, before: &str, tag: &str) {
    let (office, service) = (o.id, o.services[0]);
    let (room, counter) = (o.rooms[0], o.counters[0]);
    let (series, time) = match app.db.backend() {
        DatabaseBackend::Postgres => (
            format!("generate_series(1, {n}) AS g(i)"),
            format!("TIMESTAMPTZ '{before}+00' - i * INTERVAL '1 hour'"),
        ),
        _ => (
            format!(
                "(WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < {n}) SELECT i FROM s) AS g"
            ),
            format!("strftime('%Y-%m-%dT%H:%M:%S+00:00', '{before}', '-' || i || ' hours')"),
        ),
    };
    app.db
        .conn
        .execute_unprepared(&format!(
            "INSERT INTO booking (office_id, service_id, counter_id, room_id, occupies_room, status, \
             start_at, end_at, room_from, party_size, reference, checkin_token, citizen_name, \
             citizen_email, language, created_at) \
             SELECT {office}, {service}, {counter}, {room}, true, '{status}', t, t, t, 1, \
             '{tag}' || i, '{tag}' || i, 'Past', 'p' || i || '@example.org', 'it', t \
             FROM (SELECT i, {time} AS t FROM {series}) x"
        ))
        .await
        .unwrap();
}

/// A server with an office and one booking today at 11:00.
async fn office_with_a_booking() -> (TestApp, Office) {
    let app = TestApp::spawn().await;
    let o = app.office(OfficeSpec::default()).await;
    app.book_with(&o, 0, "2026-03-20T11:00:00+01:00", 1, "x@example.org")
        .await;
    (app, o)
}

#[tokio::test]
async fn a_sweep_of_more_than_a_batch_releases_and_audits_each_due_booking_once() {
    let (app, o) = office_with_a_booking().await;
    // 25,002 due, three at each start: on PostgreSQL three batches of at most 10,000,
    // the first ending inside a start's three (10,000 is not a multiple of 3).
    for tag in ["A", "B", "C"] {
        fill(&app, &o, "confirmed", 8_334, "2026-03-19 08:00:00", tag).await;
    }
    let sweep = release_no_shows(&app.db, "http://sportello.test", app.clock.now(), false)
        .await
        .unwrap();
    assert_eq!(sweep.references.len(), 25_002);
    let distinct: std::collections::HashSet<_> = sweep.references.iter().collect();
    assert_eq!(distinct.len(), 25_002, "each released once");
    assert_eq!(app.count("booking WHERE status = 'no_show'").await, 25_002);
    assert_eq!(
        app.count("audit_log WHERE action = 'release_no_show'")
            .await,
        25_002
    );
    // The booking of today is not due and stays confirmed.
    assert_eq!(app.count("booking WHERE status = 'confirmed'").await, 1);
    let again = release_no_shows(&app.db, "http://sportello.test", app.clock.now(), false)
        .await
        .unwrap();
    assert!(again.references.is_empty());
}

#[tokio::test]
async fn placement_the_citizen_limit_and_the_sweep_read_the_partial_indexes() {
    let (app, o) = office_with_a_booking().await;
    let (office, service) = (o.id, o.services[0]);
    let backend = app.db.backend();
    fill(&app, &o, "served", PAST, "2026-03-19 08:00:00", "S").await;
    app.db.conn.execute_unprepared("ANALYZE").await.unwrap();
    assert_eq!(app.count("booking").await, PAST + 1);

    let now = app.clock.now();
    let start = at("2026-03-20T11:00:00+01:00");
    let interval = Interval {
        room_from: start,
        start,
        end: start + Duration::minutes(20),
    };
    let office = i32::try_from(office).unwrap();
    let service = i32::try_from(service).unwrap();
    let around = plan(
        &app,
        backend.build(&around_statement(
            backend,
            office,
            interval,
            Duration::hours(2),
            now,
            None,
        )),
    )
    .await;
    assert!(
        around.contains("idx_booking_office_time_active"),
        "placement:\n{around}"
    );
    let lists = plan(
        &app,
        sea_orm::QueryTrait::build(
            &occupant_query(
                office,
                start,
                start + Duration::days(30),
                Duration::hours(2),
                now,
                None,
            ),
            backend,
        ),
    )
    .await;
    assert!(
        lists.contains("idx_booking_office_time_active"),
        "slot lists:\n{lists}"
    );
    for fiscal in [None, Some("0123abcd")] {
        let limit = plan(
            &app,
            sea_orm::QueryTrait::build(
                &active_query(service, "x@example.org", fiscal, now),
                backend,
            ),
        )
        .await;
        assert!(
            limit.contains("idx_booking_citizen_active"),
            "citizen limit, fiscal code {fiscal:?}:\n{limit}"
        );
    }
    // The statement the sweep sends (on PostgreSQL a batch, first and resumed): the due
    // rows come from `idx_booking_due`, and on PostgreSQL the batch is released by
    // primary key.
    for (resume, values) in [
        (false, vec![now.into(), now.into()]),
        (true, vec![now.into(), now.into(), now.into()]),
    ] {
        if resume && backend != DatabaseBackend::Postgres {
            continue;
        }
        let sweep = plan(
            &app,
            Statement::from_sql_and_values(
                backend,
                release_statement(backend, &[service], resume),
                values,
            ),
        )
        .await;
        assert!(
            sweep.contains("idx_booking_due"),
            "sweep, resuming {resume}:\n{sweep}"
        );
        if backend == DatabaseBackend::Postgres {
            assert!(
                sweep.contains("Tid Scan on booking"),
                "sweep, resuming {resume}:\n{sweep}"
            );
        }
    }
}

/// Queues `n` messages with `status`, due (next attempt, and lease for `sending`) at
/// `due` (UTC, `YYYY-MM-DD HH:MM:SS`), with subjects `<tag><i>`.
async fn queue(app: &TestApp, status: &str, n: i64, due: &str, tag: &str) {
    let series = match app.db.backend() {
        DatabaseBackend::Postgres => format!("generate_series(1, {n}) AS g(i)"),
        _ => format!(
            "(WITH RECURSIVE s(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM s WHERE i < {n}) SELECT i FROM s) AS g"
        ),
    };
    let due = match app.db.backend() {
        DatabaseBackend::Postgres => format!("TIMESTAMPTZ '{due}+00'"),
        _ => format!("'{}+00:00'", due.replace(' ', "T")),
    };
    app.db
        .conn
        .execute_unprepared(&format!(
            "INSERT INTO outbox_message (kind, recipient, subject, body_text, body_html, \
             message_id, status, attempts, next_attempt_at, locked_until, created_at) \
             SELECT 'confirmation', 'q@example.org', '{tag}' || i, 'text', '<p>html</p>', \
             '<{tag}' || i || '@sportello.test>', '{status}', 0, {due}, {due}, {due} FROM {series}"
        ))
        .await
        .unwrap();
}

/// The sender's claim reads a bounded range of `idx_outbox_due` however many messages
/// wait: before, PostgreSQL gathered every due message and sorted them for each claim of
/// sixteen (5.9 ms a claim with 7,000 queued). It claims lapsed leases first, then the
/// longest due, never one not yet due, and a mark changes only rows under their lease.
#[tokio::test]
async fn the_sender_claims_through_the_due_index_whatever_the_backlog() {
    let app = TestApp::spawn().await;
    let backend = app.db.backend();
    let now = app.clock.now();
    queue(&app, "sent", 5_000, "2026-03-19 08:00:00", "S").await;
    queue(&app, "pending", 5_000, "2026-03-20 07:00:00", "P").await;
    queue(&app, "pending", 10, "2026-03-20 06:00:00", "E").await;
    queue(&app, "pending", 50, "2026-03-21 08:00:00", "F").await;
    queue(&app, "sending", 3, "2026-03-20 07:30:00", "L").await;
    app.db.conn.execute_unprepared("ANALYZE").await.unwrap();

    let lease = now + Duration::minutes(5);
    let claim = plan(&app, claim_statement(backend, lease, now, 16)).await;
    assert!(claim.contains("idx_outbox_due"), "claim:\n{claim}");
    match backend {
        DatabaseBackend::Postgres => {
            assert!(!claim.contains("Sort"), "claim sorts:\n{claim}");
            assert!(!claim.contains("Seq Scan"), "claim scans:\n{claim}");
        }
        _ => assert!(!claim.contains("TEMP B-TREE"), "claim sorts:\n{claim}"),
    }

    let first = claim_messages(&app, 16).await;
    let subjects: Vec<_> = first.iter().map(|m| m.subject.as_str()).collect();
    // The three lapsed leases, then the ten that waited longest, then three more.
    for s in ["L1", "L2", "L3", "E1", "E10"] {
        assert!(subjects.contains(&s), "{s} not in {subjects:?}");
    }
    assert_eq!(subjects.iter().filter(|s| s.starts_with('P')).count(), 3);
    assert!(!subjects.iter().any(|s| s.starts_with('F')), "{subjects:?}");

    // A message whose lease was taken over by another claim is not marked by the first.
    let taken = &first[0];
    {
        use entity::outbox_message::{Column, Entity};
        use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, sea_query::Expr};
        Entity::update_many()
            .col_expr(
                Column::LockedUntil,
                Expr::value(lease + Duration::minutes(1)),
            )
            .filter(Column::Id.eq(taken.id))
            .exec(&app.db.conn)
            .await
            .unwrap();
    }
    outbox::mark_sent(&app.db, &first, now).await.unwrap();
    assert_eq!(
        app.count(&format!(
            "outbox_message WHERE status = 'sent' AND sent_at IS NOT NULL AND id IN ({})",
            first
                .iter()
                .map(|m| m.id.to_string())
                .collect::<Vec<_>>()
                .join(",")
        ))
        .await,
        15
    );
    assert_eq!(
        app.count(&format!(
            "outbox_message WHERE status = 'sending' AND id = {}",
            taken.id
        ))
        .await,
        1
    );
    // Nothing else changed: the rest of the backlog waits, the future ones too.
    assert_eq!(
        app.count("outbox_message WHERE status = 'pending'").await,
        5_000 - 3 + 50
    );
}

async fn claim_messages(app: &TestApp, n: u64) -> Vec<entity::outbox_message::Model> {
    outbox::claim(&app.db, app.clock.now(), n).await.unwrap()
}
