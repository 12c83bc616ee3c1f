//! `sportello backup FILE` and `sportello restore FILE` for SQLite (issue 20, point 3).
//! On PostgreSQL both say to use `pg_dump -Fc` and `pg_restore` (README, "Backups").
//!
//! **Backup** is `VACUUM INTO`: SQLite writes a consistent copy of the database as of one
//! read transaction, while the server goes on serving (writers are not blocked in WAL
//! mode). It is the online backup SQLite offers through SQL; its C backup API is not
//! reachable through sqlx without `unsafe`, which this crate forbids. The copy is also
//! compacted.
//!
//! **Restore** replaces the database of `SPORTELLO_DATABASE_URL` with a backup, with
//! every Sportello process stopped. The backup is checked first (SQLite's
//! `integrity_check`, and no migration this binary does not know). The database it
//! replaces is not deleted: it is renamed, with its `-wal` and `-shm` files, to
//! `<file>.before-restore-<time>`. A `-wal` file left beside the restored database would
//! be replayed into it, which is why the old one moves with its database. The copy is
//! written under a temporary name and synced before anything moves, then renamed into
//! place. Pending migrations are then applied.
//!
//! The outbox comes back as it was at the backup: messages sent by then stay sent and are
//! not sent again; those pending then are sent (a message sent between the backup and
//! the restore can go out twice, with the same `Message-ID`).

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use sea_orm::{ConnectionTrait, DatabaseBackend, Statement};

use crate::{config::DatabaseConfig, infra::database};

/// Refusal on PostgreSQL, where the database's own tools do it better.
const USE_PG_TOOLS: &str =
    "on PostgreSQL, back up with `pg_dump -Fc` and restore with `pg_restore` (README, \"Backups\")";

/// Writes a consistent copy of the running database to `target`, which must not exist.
pub async fn backup(config: &DatabaseConfig, target: &Path) -> anyhow::Result<()> {
    if !config.url.starts_with("sqlite:") {
        bail!(USE_PG_TOOLS);
    }
    if target.exists() {
        bail!(
            "{} exists already; a backup never overwrites a file",
            target.display()
        );
    }
    let conn = database::connect(config).await?;
    let target_text = target
        .to_str()
        .context("the backup's path is not valid UTF-8")?;
    conn.execute_raw(Statement::from_sql_and_values(
        DatabaseBackend::Sqlite,
        "VACUUM INTO ?",
        [target_text.into()],
    ))
    .await
    .with_context(|| format!("cannot write the backup to {}", target.display()))?;
    conn.close().await.ok();
    Ok(())
}

/// What a restore did.
#[derive(Debug)]
pub struct Restored {
    /// The database file now holding the backup.
    pub database: PathBuf,
    /// Where the database it replaced went, if there was one.
    pub previous: Option<PathBuf>,
}

/// Replaces the database of `config` with the backup at `source` (every process
/// stopped); `stamp` names the file the replaced database is kept under.
pub async fn restore(
    config: &DatabaseConfig,
    source: &Path,
    stamp: &str,
) -> anyhow::Result<Restored> {
    if !config.url.starts_with("sqlite:") {
        bail!(USE_PG_TOOLS);
    }
    let database = database::sqlite_path(&config.url).context(
        "SPORTELLO_DATABASE_URL names no SQLite file (an in-memory database cannot be restored)",
    )?;
    check_backup(source).await?;
    // The copy is made and synced before anything is moved: a copy that fails (a full
    // disk) leaves the live database where it was.
    let partial = suffixed(&database, ".restoring");
    std::fs::copy(source, &partial)
        .with_context(|| format!("cannot copy {} to {}", source.display(), partial.display()))?;
    std::fs::File::open(&partial)
        .and_then(|f| f.sync_all())
        .context("cannot sync the restored copy")?;
    let previous = if database.exists() {
        let aside = suffixed(&database, &format!(".before-restore-{stamp}"));
        for ext in ["", "-wal", "-shm"] {
            let from = suffixed(&database, ext);
            if from.exists() {
                std::fs::rename(&from, suffixed(&aside, ext))
                    .with_context(|| format!("cannot move {} aside", from.display()))?;
            }
        }
        Some(aside)
    } else {
        None
    };
    std::fs::rename(&partial, &database)
        .with_context(|| format!("cannot put the restored copy at {}", database.display()))?;
    let conn = database::connect(config).await?;
    database::migrate(&conn).await?;
    conn.close().await.ok();
    Ok(Restored { database, previous })
}

/// The backup is a sound SQLite database written by this or an earlier Sportello.
async fn check_backup(source: &Path) -> anyhow::Result<()> {
    if !source.is_file() {
        bail!("{} is not a file", source.display());
    }
    let url = format!(
        "sqlite://{}?mode=ro",
        source
            .to_str()
            .context("the backup's path is not valid UTF-8")?
    );
    let conn = sea_orm::Database::connect(url)
        .await
        .with_context(|| format!("{} cannot be opened as SQLite", source.display()))?;
    let checked = async {
        let row = conn
            .query_one_raw(Statement::from_string(
                DatabaseBackend::Sqlite,
                "PRAGMA integrity_check",
            ))
            .await
            .context("not a SQLite database")?
            .context("no answer to integrity_check")?;
        let verdict: String = row.try_get_by_index(0)?;
        if verdict != "ok" {
            bail!("SQLite's integrity check failed: {verdict}");
        }
        let applied = database::applied_migrations(&conn)
            .await
            .context("not a Sportello database (it has no migrations table)")?;
        if let Some(version) = database::newer_than_this_binary(&applied).first() {
            bail!("made by a newer Sportello (migration {version}); restore it with that version");
        }
        Ok(())
    }
    .await;
    conn.close().await.ok();
    checked.with_context(|| format!("{} is not a usable backup", source.display()))
}

/// `path` with `suffix` appended to its file name.
fn suffixed(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}
