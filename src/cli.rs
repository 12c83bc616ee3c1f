//! The `sportello` command line, on clap: `serve` (the default), `migrate`, `seed-demo`,
//! `backup FILE`, `restore FILE` (SQLite), `release-no-shows [--dry-run]` and `user create --email E --role R [--office ID]`
//! (the password from standard input). `--help` and `--version` work on every command.
//! Settings come from the environment (`SPORTELLO_*`, README "Configuration"), read
//! only once the command line is understood, so `--help` needs no configuration.

use std::io::{BufRead, Write};

use anyhow::Context;
use clap::{Parser, Subcommand};

use crate::{
    clock::Clock,
    config::Config,
    demo,
    domain::Role,
    service::{db::Db, staff::auth, visit::noshow},
    startup::{Application, shutdown_signal},
};

/// Appointment booking with per-room occupancy limits for public offices.
#[derive(Debug, Parser)]
#[command(name = "sportello", version, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Migrate, seed the demo into a database without offices (unless
    /// SPORTELLO_DEMO=off) and serve; the first line printed is `listening on http://…`.
    Serve,
    /// Apply pending migrations.
    Migrate,
    /// Seed the demo offices and accounts into an empty database.
    SeedDemo,
    /// Staff accounts.
    User {
        #[command(subcommand)]
        action: UserCommand,
    },
    /// SQLite: write a consistent copy of the database to FILE while the server runs
    /// (on PostgreSQL, use pg_dump).
    Backup {
        /// The copy to write; it must not exist.
        file: std::path::PathBuf,
    },
    /// SQLite: replace the database with the backup FILE, every process stopped; the
    /// replaced database is kept beside it (on PostgreSQL, use pg_restore).
    Restore {
        /// The backup to restore.
        file: std::path::PathBuf,
    },
    /// Run the no-show sweep now: prints the count, then the references one per line.
    ReleaseNoShows {
        /// Show what would be released, changing nothing.
        #[arg(long)]
        dry_run: bool,
    },
}

#[derive(Debug, Subcommand)]
enum UserCommand {
    /// Create an account; the password (at least 10 characters) is read from standard
    /// input, never from the command line.
    Create {
        /// The account's email.
        #[arg(long)]
        email: String,
        /// staff, manager or admin.
        #[arg(long, value_parser = Role::parse)]
        role: Role,
        /// The office (required for staff and managers).
        #[arg(long)]
        office: Option<i32>,
    },
}

/// Runs the command named by `args` (without the program name). `--help`, `--version`
/// and a command line clap cannot read end the process here, as clap does.
pub async fn run(args: Vec<String>) -> anyhow::Result<()> {
    let cli = match Cli::try_parse_from(std::iter::once("sportello".to_string()).chain(args)) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    let config = Config::from_env()?;
    let clock = Clock::system();
    match cli.command.unwrap_or(Command::Serve) {
        Command::Serve => serve(config, clock).await,
        Command::Migrate => {
            Db::connect(&config.database).await?.migrate().await?;
            println!("migrations applied");
            Ok(())
        }
        Command::SeedDemo => {
            let db = Db::connect(&config.database).await?;
            db.migrate().await?;
            if let Some(accounts) = demo::seed_demo(&db, clock.now()).await? {
                println!("demo data seeded");
                demo::print_accounts(&accounts);
            } else {
                println!("the database already has offices; nothing seeded");
            }
            Ok(())
        }
        Command::User {
            action:
                UserCommand::Create {
                    email,
                    role,
                    office,
                },
        } => create_user(config, clock, &email, role, office).await,
        Command::Backup { file } => {
            crate::infra::backup::backup(&config.database, &file).await?;
            println!("backed up to {}", file.display());
            Ok(())
        }
        Command::Restore { file } => {
            let stamp = clock.now().format("%Y%m%dT%H%M%SZ").to_string();
            let done = crate::infra::backup::restore(&config.database, &file, &stamp).await?;
            println!(
                "restored {} into {}",
                file.display(),
                done.database.display()
            );
            if let Some(previous) = done.previous {
                println!("the database it replaced is at {}", previous.display());
            }
            Ok(())
        }
        Command::ReleaseNoShows { dry_run } => {
            let db = Db::connect(&config.database).await?;
            db.migrate().await?;
            let sweep = noshow::release_no_shows(&db, &config.http.base_url, clock.now(), dry_run)
                .await
                .map_err(|e| anyhow::anyhow!("{}", crate::routes::problem::problem_of(&e)))?;
            // The count first, then one reference per line (API.md "Operations"). A reader
            // that stops early (`| head`) ends the listing, not the process with a panic:
            // the sweep is committed by then.
            let mut out = std::io::stdout().lock();
            let _ = writeln!(out, "{}", sweep.references.len()).and_then(|()| {
                sweep
                    .references
                    .iter()
                    .try_for_each(|reference| writeln!(out, "{reference}"))
            });
            if sweep.skipped {
                eprintln!("another process is sweeping right now; nothing done here");
            }
            Ok(())
        }
    }
}

async fn serve(config: Config, clock: Clock) -> anyhow::Result<()> {
    let base_url = config.http.base_url.clone();
    let app = Application::build(config, clock).await?;
    // Tests and scripts that bind port 0 read the real address from this line.
    println!("listening on http://127.0.0.1:{} ({base_url})", app.port());
    if let Some(accounts) = app.demo_accounts() {
        demo::print_accounts(accounts);
    }
    app.run_until_stopped(shutdown_signal()).await
}

async fn create_user(
    config: Config,
    clock: Clock,
    email: &str,
    role: Role,
    office: Option<i32>,
) -> anyhow::Result<()> {
    let mut password = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut password)
        .context("cannot read the password from standard input")?;
    let password = password.trim_end_matches(['\r', '\n']);
    let db = Db::connect(&config.database).await?;
    db.migrate().await?;
    let user = auth::create_user(&db, email, password, role, office, clock.now())
        .await
        .map_err(|e| anyhow::anyhow!("{}", crate::routes::problem::problem_of(&e)))?;
    println!("created {} {} (id {})", user.role, user.email, user.id);
    Ok(())
}
