//! The `sportello` binary: logging, then the command line (see `sportello::cli`).

use tracing_subscriber::EnvFilter;

/// jemalloc, not glibc's malloc: glibc gives each thread that allocates under contention
/// an arena of its own (up to eight per core) and keeps their freed pages, and this
/// process has twenty-odd threads under load (tokio's workers and blocking pool, SQLite's
/// connection threads, the sender). The SQLite benchmark peaked at 113-121 MB with glibc
/// and at 76-78 MB with jemalloc (BENCHMARKS.md, issue 19). It also serves SQLite's own
/// C allocations (`unprefixed_malloc_on_supported_platforms`). Only the binary sets it;
/// the library leaves the choice to whoever embeds it.
#[cfg(target_os = "linux")]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let filter = EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,sea_orm=warn"));
    let logs = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr);
    // One JSON object per line for log collectors (`SPORTELLO_LOG_FORMAT=json`).
    if std::env::var("SPORTELLO_LOG_FORMAT").is_ok_and(|f| f == "json") {
        logs.json().with_current_span(true).init();
    } else {
        logs.init();
    }
    match sportello::cli::run(std::env::args().skip(1).collect()).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
