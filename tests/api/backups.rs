//! Backups that restore (issue 20, point 3). On SQLite, `sportello backup` while the
//! server runs and `sportello restore` with it stopped; on PostgreSQL, `pg_dump -Fc` and
//! `pg_restore`, as the README says. Each books two places of a room of two (both
//! confirmations sent), backs up, books one more elsewhere, restores, and starts a server
//! on the restored database: the two bookings and their sent confirmations are back, the
//! third is gone, nothing is sent again, the full slot still refuses a booking and the
//! freed one takes one.

use std::{
    path::Path,
    process::{Command, Output},
    time::Duration as StdDuration,
};

use reqwest::StatusCode;

use crate::{
    helpers::PgDatabase,
    two_processes::{
        ProcessOffice, book_at, create_admin, open_office, pg_server, sportello, start,
        starts_a_week_ahead,
    },
};

const ADMIN: (&str, &str) = ("admin@backup.example", "backup-password-1");

async fn book(base: &str, office: &ProcessOffice, start: &str, email: &str) -> StatusCode {
    book_at(base, office, start, email).await.status()
}

/// Waits for the server's sender to have written `n` messages to the mail folder.
async fn wait_for_mail(dir: &Path, n: usize) {
    for _ in 0..200 {
        if crate::helpers::mail::mail_files(&dir.join("outbox")).len() >= n {
            return;
        }
        tokio::time::sleep(StdDuration::from_millis(50)).await;
    }
    panic!("{n} messages were not sent");
}

/// Bookings and outbox rows by status, read straight from the database.
async fn rows(url: &str) -> (i64, Vec<(String, i64)>) {
    use sea_orm::ConnectionTrait;
    let conn = sea_orm::Database::connect(url).await.unwrap();
    let backend = conn.get_database_backend();
    let bookings = conn
        .query_one_raw(sea_orm::Statement::from_string(
            backend,
            "SELECT COUNT(*) AS n FROM booking",
        ))
        .await
        .unwrap()
        .unwrap()
        .try_get::<i64>("", "n")
        .unwrap();
    let outbox = conn
        .query_all_raw(sea_orm::Statement::from_string(
            backend,
            "SELECT status, COUNT(*) AS n FROM outbox_message GROUP BY status ORDER BY status",
        ))
        .await
        .unwrap()
        .iter()
        .map(|r| {
            (
                r.try_get("", "status").unwrap(),
                r.try_get("", "n").unwrap(),
            )
        })
        .collect();
    conn.close().await.ok();
    (bookings, outbox)
}

fn ok(out: &Output) -> String {
    assert!(out.status.success(), "{out:?}");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Books two, backs up with `back_up`, books one more, restores with `restore` (which
/// returns the restored database's URL), and checks the restored service.
async fn round_trip(
    url: &str,
    dir: &Path,
    back_up: impl FnOnce(),
    restore: impl FnOnce() -> String,
) {
    create_admin(url, dir, ADMIN.0, ADMIN.1);
    let server = start(url, dir);
    let office = open_office(&server.address, ADMIN, 2, 2, ["00:00", "23:40"]).await;
    let starts = starts_a_week_ahead(&server.address, &office).await;
    let (first, second) = (&starts[0], &starts[1]);
    for who in ["a@example.org", "b@example.org"] {
        assert_eq!(
            book(&server.address, &office, first, who).await,
            StatusCode::CREATED
        );
    }
    wait_for_mail(dir, 2).await;
    // The file is written before its row says `sent`: back up once the rows say so.
    let mut outbox = Vec::new();
    for _ in 0..100 {
        outbox = rows(url).await.1;
        if outbox == [("sent".to_owned(), 2)] {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(
        outbox,
        [("sent".to_owned(), 2)],
        "both sent before the backup"
    );
    back_up();
    assert_eq!(
        book(&server.address, &office, second, "c@example.org").await,
        StatusCode::CREATED
    );
    wait_for_mail(dir, 3).await;
    drop(server);

    let restored = restore();
    let (bookings, outbox) = rows(&restored).await;
    assert_eq!(
        bookings, 2,
        "the bookings of the backup, not the one after it"
    );
    assert_eq!(
        outbox,
        vec![("sent".to_owned(), 2)],
        "both confirmations, sent"
    );

    let server = start(&restored, dir);
    // The sender runs every second or so: give it a few passes to resend, if it would.
    tokio::time::sleep(StdDuration::from_secs(3)).await;
    assert_eq!(
        crate::helpers::mail::mail_files(&dir.join("outbox")).len(),
        3,
        "nothing sent again"
    );
    assert_eq!(
        book(&server.address, &office, first, "d@example.org").await,
        StatusCode::CONFLICT,
        "the first slot's room is still full"
    );
    assert_eq!(
        book(&server.address, &office, second, "c@example.org").await,
        StatusCode::CREATED,
        "the place taken after the backup is free again"
    );
    let (bookings, _) = rows(&restored).await;
    assert_eq!(bookings, 3);
}

#[tokio::test]
async fn sqlite_backs_up_while_serving_and_restores_with_the_outbox_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("live.db");
    let url = format!("sqlite://{}?mode=rwc", path.display());
    let backup = dir.path().join("backup.db");
    let cli =
        |args: &[&str]| -> Output { sportello(&url, dir.path()).args(args).output().unwrap() };
    round_trip(
        &url,
        dir.path(),
        || {
            let said = ok(&cli(&["backup", backup.to_str().unwrap()]));
            assert!(said.contains("backed up"), "{said}");
            // A backup never overwrites.
            assert!(!cli(&["backup", backup.to_str().unwrap()]).status.success());
        },
        || {
            // A file that is not a backup is refused, and changes nothing.
            let junk = dir.path().join("junk.db");
            std::fs::write(&junk, "not a database").unwrap();
            let refused = cli(&["restore", junk.to_str().unwrap()]);
            assert!(!refused.status.success());
            assert!(path.exists(), "the database is untouched after a refusal");
            let said = ok(&cli(&["restore", backup.to_str().unwrap()]));
            assert!(said.contains("the database it replaced is at"), "{said}");
            let kept = std::fs::read_dir(dir.path())
                .unwrap()
                .filter_map(|e| e.ok())
                .any(|e| {
                    e.file_name()
                        .to_string_lossy()
                        .starts_with("live.db.before-restore-")
                });
            assert!(kept, "the replaced database is kept");
            url.clone()
        },
    )
    .await;
}

#[tokio::test]
async fn postgres_restores_a_pg_dump_with_the_outbox_as_it_was() {
    let server_url = pg_server().await;
    let live = PgDatabase::create(&server_url).await;
    let target = PgDatabase::create(&server_url).await;
    let dir = tempfile::tempdir().unwrap();
    let dump = dir.path().join("sportello.dump");
    let run = |cmd: &mut Command| ok(&cmd.output().unwrap());
    // `sportello backup` points to the database's own tools.
    let refused = sportello(&live.url(), dir.path())
        .args(["backup", dump.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(!refused.status.success());
    assert!(String::from_utf8_lossy(&refused.stderr).contains("pg_dump"));
    round_trip(
        &live.url(),
        dir.path(),
        || {
            run(Command::new("pg_dump").args([
                "-Fc",
                "-f",
                dump.to_str().unwrap(),
                "-d",
                &live.url(),
            ]));
        },
        || {
            run(Command::new("pg_restore").args([
                "--no-owner",
                "-d",
                &target.url(),
                dump.to_str().unwrap(),
            ]));
            target.url()
        },
    )
    .await;
}
