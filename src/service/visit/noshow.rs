//! Releasing no-shows: every `confirmed` booking not checked in by `start + grace` (the
//! service's grace) becomes `no_show`, and from that instant holds neither its counter
//! nor room places (DOMAIN.md rule 4), so walk-ins, late bookings and the waiting list
//! can use them.
//!
//! The sweep is set-based: per distinct grace period among the services (a handful),
//! statements release the bookings and write their audit rows whatever their number
//! ([`release_statement`]: on PostgreSQL a data-modifying CTE per batch of the oldest
//! [`SWEEP_BATCH`]; two statements under SQLite's single writer).
//! It is idempotent (a released booking is no longer `confirmed`) and catches up by
//! itself after downtime (it releases everything due by `now`, however old). One sweep
//! at a time: on PostgreSQL a transaction-scoped advisory lock
//! (`pg_try_advisory_xact_lock`) lets one process sweep while any other that tries at
//! the same moment skips its turn (the winner releases the same bookings); on SQLite the
//! in-process write gate and `BEGIN IMMEDIATE` serialise it. A check-in racing the
//! sweep: both are conditional on `confirmed`, so exactly one of them wins.

use crate::config::Config;
use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};
use entity::{
    booking, office, service,
    status::{DUE_RECHECK_SQL, DUE_SQL},
};
use sea_orm::{
    ColumnTrait, ConnectionTrait, DatabaseBackend, DatabaseTransaction, EntityTrait, QueryFilter,
    QuerySelect, Statement, Value,
};

use crate::{
    email::letters,
    error::AppResult,
    service::{db::Db, engine, outbox, setup::parse_tz},
};

/// The advisory lock key of the sweep ("SPNOSHOW" as an integer).
const SWEEP_LOCK: i64 = 0x5350_4e4f_5348_4f57;

/// What a sweep did (or, in a dry run, would do).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sweep {
    /// References of the bookings released, oldest first within each grace period.
    pub references: Vec<String>,
    /// Another process was sweeping at that moment, so this one did nothing.
    pub skipped: bool,
}

/// Bookings released per statement on PostgreSQL: a bound on each statement's work and
/// its list of returned rows, large enough that a catch-up of 100,000 takes ten.
const SWEEP_BATCH: usize = 10_000;

/// The `n`th bind parameter: `$n` on PostgreSQL, `?n` on SQLite (numbered, so the order
/// of the values does not depend on where they appear in the text).
fn placeholder(backend: DatabaseBackend, n: usize) -> String {
    match backend {
        DatabaseBackend::Postgres => format!("${n}"),
        _ => format!("?{n}"),
    }
}

/// The condition of the bookings of `services` due at the cutoff bound as the first
/// parameter. [`DUE_SQL`] is a constant in it, so both databases read the due rows
/// through `idx_booking_due` rather than the whole table; public so that a test can ask
/// the planners.
pub fn due_condition(backend: DatabaseBackend, services: &[i32]) -> String {
    let ids = services
        .iter()
        .map(i32::to_string)
        .collect::<Vec<_>>()
        .join(",");
    format!(
        "{DUE_SQL} AND start_at <= {} AND service_id IN ({ids})",
        placeholder(backend, 1)
    )
}

/// The audit rows of released bookings, written from the rows a `released` CTE (or the
/// bookings due, on SQLite) gives, with the release time as the second parameter.
const AUDIT_COLUMNS: &str = "INSERT INTO audit_log (at, actor_user_id, action, entity, entity_id, before_json, after_json, office_id)";

/// The columns a release returns: the reference for the caller, the office for the
/// no-show emails, the room and end for the slot cache, the start to resume from.
const RETURNING: &str = "RETURNING id, office_id, reference, room_id, end_at, start_at";

fn audit_values(backend: DatabaseBackend) -> String {
    format!(
        "SELECT {at}, NULL, 'release_no_show', 'booking', CAST(id AS TEXT), \
         '{{\"status\":\"confirmed\"}}', '{{\"status\":\"no_show\"}}', office_id",
        at = placeholder(backend, 2),
    )
}

/// The statement a sweep sends to release the bookings of `services` due at the cutoff
/// (first parameter), at the release time (second parameter). Public so that a test can
/// ask the planners which indexes it reads.
///
/// On SQLite, one `UPDATE` of every due booking (its audit rows are written just before,
/// by the same condition, under the one writer).
///
/// On PostgreSQL, one batch: the [`SWEEP_BATCH`] oldest due (`ORDER BY start_at LIMIT`,
/// with `resume` from the start bound as the third parameter on), released by primary
/// key with their audit rows in one statement. At a national year's size the planner
/// guessed 1.6 M due rows of 22.7 M for a single unbatched statement (it cannot know that
/// old bookings are rarely still `confirmed`) and scanned the whole table; the `LIMIT`
/// makes the read a range of `idx_booking_due` whatever it estimates. The batch is an
/// `ARRAY(…)` subquery of row addresses, so it runs once (an init plan) and the update
/// reads the rows by address (a TID scan), rather than as the inner side of a join:
/// joined, on a fresh table's stale statistics, it was re-run for every row (50 s for
/// 25,000). The update checks the due condition again on each row it locks, so a
/// check-in in between wins; in a form that keeps the planner off `idx_booking_due`
/// ([`DUE_RECHECK_SQL`]). A row's address is only ever used within the one statement
/// that read it, where PostgreSQL follows a row updated meanwhile to its new version.
pub fn release_statement(backend: DatabaseBackend, services: &[i32], resume: bool) -> String {
    let due = due_condition(backend, services);
    let set = format!(
        "UPDATE booking SET status = 'no_show', released_at = {}",
        placeholder(backend, 2)
    );
    if backend != DatabaseBackend::Postgres {
        return format!("{set} WHERE {due} {RETURNING}");
    }
    let after = if resume {
        format!(" AND start_at >= {}", placeholder(backend, 3))
    } else {
        String::new()
    };
    format!(
        "WITH released AS ({set} WHERE ctid = ANY(ARRAY(\
         SELECT ctid FROM booking WHERE {due}{after} ORDER BY start_at LIMIT {SWEEP_BATCH})) \
         AND {DUE_RECHECK_SQL} AND start_at <= {cutoff} {RETURNING}), \
         audited AS ({AUDIT_COLUMNS} {audit} FROM released) \
         SELECT id, office_id, reference, room_id, end_at, start_at FROM released",
        audit = audit_values(backend),
        cutoff = placeholder(backend, 1),
    )
}

/// The scheduled sweep at `now`: releases every no-show due.
pub async fn run_once(db: &Db, config: &Config, now: DateTime<Utc>) -> AppResult<Sweep> {
    release_no_shows(db, &config.http.base_url, now, false).await
}

/// Releases the no-shows due at `now` (or, with `dry_run`, lists them without a change).
pub async fn release_no_shows(
    db: &Db,
    base_url: &str,
    now: DateTime<Utc>,
    dry_run: bool,
) -> AppResult<Sweep> {
    let base_url = base_url.to_string();
    let graces: Vec<(i32, i32)> = service::Entity::find()
        .select_only()
        .columns([service::Column::Id, service::Column::NoShowGraceMinutes])
        .into_tuple()
        .all(&db.conn)
        .await?;
    let mut by_grace: BTreeMap<i32, Vec<i32>> = BTreeMap::new();
    for (id, grace) in graces {
        by_grace.entry(grace).or_default().push(id);
    }
    let backend = db.backend();
    let (txn, gate) = engine::begin(db).await?;
    if backend == DatabaseBackend::Postgres {
        let row = txn
            .query_one_raw(Statement::from_sql_and_values(
                backend,
                "SELECT pg_try_advisory_xact_lock($1) AS got",
                [SWEEP_LOCK.into()],
            ))
            .await?;
        let got = row.map(|r| r.try_get::<bool>("", "got")).transpose()?;
        if got != Some(true) {
            txn.rollback().await?;
            return Ok(Sweep {
                references: Vec::new(),
                skipped: true,
            });
        }
    }
    let mut references = Vec::new();
    let mut released: Vec<(i32, i32)> = Vec::new();
    // What is left of the released intervals, for the slot cache.
    let mut freed = Vec::new();
    for (grace, services) in by_grace {
        let cutoff = now - Duration::minutes(i64::from(grace));
        let due = due_condition(backend, &services);
        if dry_run {
            let rows = txn
                .query_all_raw(Statement::from_sql_and_values(
                    backend,
                    format!("SELECT reference FROM booking WHERE {due} ORDER BY start_at, id"),
                    [cutoff.into()],
                ))
                .await?;
            for r in rows {
                references.push(
                    r.try_get::<Option<String>>("", "reference")?
                        .unwrap_or_default(),
                );
            }
            continue;
        }
        let rows = if backend == DatabaseBackend::Postgres {
            // Each batch starts at the last one's latest start (`>=`: rows of one start
            // may straddle two batches). The released rows' old versions stay in the
            // index until vacuum, and a scan from the beginning would visit them all
            // again, a cost growing with the square of a catch-up. A batch short of
            // [`SWEEP_BATCH`] was the last; one that lost rows to check-ins in between
            // may end the sweep early, and the next sweep releases the rest.
            let mut all = Vec::new();
            let mut from: Option<DateTime<Utc>> = None;
            loop {
                let mut values = vec![Value::from(cutoff), Value::from(now)];
                values.extend(from.map(Value::from));
                let batch = txn
                    .query_all_raw(Statement::from_sql_and_values(
                        backend,
                        release_statement(backend, &services, from.is_some()),
                        values,
                    ))
                    .await?;
                let last = batch.len() < SWEEP_BATCH;
                for r in &batch {
                    let start: DateTime<Utc> = r.try_get("", "start_at")?;
                    from = Some(from.map_or(start, |f| f.max(start)));
                }
                all.extend(batch);
                if last {
                    break;
                }
            }
            all
        } else {
            // SQLite has no data-modifying CTE; it has one writer at a time, so the
            // audit rows and the release see the same rows.
            txn.execute_raw(Statement::from_sql_and_values(
                backend,
                format!(
                    "{AUDIT_COLUMNS} {} FROM booking WHERE {due}",
                    audit_values(backend)
                ),
                [cutoff.into(), Value::from(now)],
            ))
            .await?;
            txn.query_all_raw(Statement::from_sql_and_values(
                backend,
                release_statement(backend, &services, false),
                [cutoff.into(), Value::from(now)],
            ))
            .await?
        };
        for r in rows {
            references.push(
                r.try_get::<Option<String>>("", "reference")?
                    .unwrap_or_default(),
            );
            released.push((
                r.try_get::<i32>("", "id")?,
                r.try_get::<i32>("", "office_id")?,
            ));
            let end: DateTime<Utc> = r.try_get("", "end_at")?;
            if end > now {
                freed.push((r.try_get::<i32>("", "room_id")?, now, end));
            }
        }
    }
    if !dry_run {
        tell_citizens(&txn, &released, &base_url, now).await?;
        crate::service::webhooks::emit_released(&txn, &released, now).await?;
    }
    if dry_run {
        txn.rollback().await?;
    } else {
        txn.commit().await?;
        drop(gate);
        engine::touch(db, &freed).await;
    }
    Ok(Sweep {
        references,
        skipped: false,
    })
}

/// Queues the no-show email for released bookings of offices that send it, in the
/// sweep's transaction (so a release and its message exist together or not at all).
async fn tell_citizens(
    txn: &DatabaseTransaction,
    released: &[(i32, i32)],
    base_url: &str,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let offices: Vec<office::Model> = office::Entity::find()
        .filter(office::Column::NoShowEmail.eq(true))
        .all(txn)
        .await?;
    for office in offices {
        let ids: Vec<i32> = released
            .iter()
            .filter(|(_, o)| *o == office.id)
            .map(|(id, _)| *id)
            .collect();
        if ids.is_empty() {
            continue;
        }
        let tz = parse_tz(&office.timezone)?;
        let services = service::Entity::find()
            .filter(service::Column::OfficeId.eq(office.id))
            .all(txn)
            .await?;
        for chunk in ids.chunks(500) {
            let rows = booking::Entity::find()
                .filter(booking::Column::Id.is_in(chunk.iter().copied()))
                .all(txn)
                .await?;
            for row in rows.iter().filter(|r| r.citizen_email.is_some()) {
                let Some(svc) = services.iter().find(|s| s.id == row.service_id) else {
                    continue;
                };
                let facts = letters::facts_for(row, &office, svc, tz, base_url, String::new());
                outbox::enqueue(txn, letters::no_show(&facts)?, now).await?;
            }
        }
    }
    Ok(())
}
