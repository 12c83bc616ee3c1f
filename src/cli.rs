//! The `sportello` command line: `serve` (default), `migrate`, `seed-demo`,
//! `user create --email E --role R [--office ID]` (password from standard input).

use crate::service::staff::auth;
use std::io::{BufRead, Write};

use anyhow::{Context, bail};

use crate::{
    clock::Clock,
    config::Config,
    demo,
    domain::Role,
    service::db::Db,
    startup::{Application, shutdown_signal},
};

/// Runs the command named by `args` (without the program name).
pub async fn run(args: Vec<String>) -> anyhow::Result<()> {
    let config = Config::from_env()?;
    let clock = Clock::system();
    match args.first().map(String::as_str) {
        None | Some("serve") => serve(config, clock).await,
        Some("migrate") => {
            Db::connect(&config.database).await?.migrate().await?;
            println!("migrations applied");
            Ok(())
        }
        Some("seed-demo") => {
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
        Some("user") if args.get(1).map(String::as_str) == Some("create") => {
            create_user(config, clock, &args[2..]).await
        }
        Some("release-no-shows") => {
            let dry_run = match args.get(1).map(String::as_str) {
                None => false,
                Some("--dry-run") => true,
                Some(other) => bail!("unknown option {other:?}\n{USAGE}"),
            };
            let db = Db::connect(&config.database).await?;
            db.migrate().await?;
            let sweep = crate::service::visit::noshow::release_no_shows(
                &db,
                &config.http.base_url,
                clock.now(),
                dry_run,
            )
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
        Some("help" | "--help" | "-h") => {
            println!("{USAGE}");
            Ok(())
        }
        Some(other) => bail!("unknown command {other:?}\n{USAGE}"),
    }
}

const USAGE: &str = "usage: sportello [serve | migrate | seed-demo | release-no-shows [--dry-run] | user create --email E --role staff|manager|admin [--office ID]]";

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

async fn create_user(config: Config, clock: Clock, args: &[String]) -> anyhow::Result<()> {
    let mut email = None;
    let mut role = None;
    let mut office = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let value = it.next().with_context(|| format!("{arg} needs a value"))?;
        match arg.as_str() {
            "--email" => email = Some(value.clone()),
            "--role" => role = Some(Role::parse(value).map_err(anyhow::Error::msg)?),
            "--office" => office = Some(value.parse::<i32>().context("--office takes an id")?),
            _ => bail!("unknown option {arg}\n{USAGE}"),
        }
    }
    let (Some(email), Some(role)) = (email, role) else {
        bail!("--email and --role are required\n{USAGE}");
    };
    let mut password = String::new();
    std::io::stdin()
        .lock()
        .read_line(&mut password)
        .context("cannot read the password from standard input")?;
    let password = password.trim_end_matches(['\r', '\n']);
    let db = Db::connect(&config.database).await?;
    db.migrate().await?;
    let user = auth::create_user(&db, &email, password, role, office, clock.now())
        .await
        .map_err(|e| anyhow::anyhow!("{}", crate::routes::problem::problem_of(&e)))?;
    println!("created {} {} (id {})", user.role, user.email, user.id);
    Ok(())
}
