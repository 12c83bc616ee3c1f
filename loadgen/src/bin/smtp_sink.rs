//! A counting SMTP sink for the email benchmarks (loopback only): accepts every message,
//! optionally after a delay per message (a slow server), and reports how many arrived and
//! how fast, as one JSON line, when `--expect` messages have arrived or `--seconds` pass.
//!
//! `smtp_sink --port 2525 [--delay-ms 200] [--expect N] [--idle-exit S] [--seconds 120]`
//! (`--idle-exit`: stop once messages have been arriving and none came for S seconds).

use std::time::{Duration, Instant};

use loadgen::smtp_sink::{SmtpSink, Store};
use serde_json::json;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

fn arg(args: &[String], name: &str) -> Option<u64> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
}

#[tokio::main]
async fn main() -> Result<(), BoxError> {
    let args: Vec<String> = std::env::args().collect();
    let port = arg(&args, "--port").unwrap_or(2525);
    let delay = Duration::from_millis(arg(&args, "--delay-ms").unwrap_or(0));
    let expect = arg(&args, "--expect");
    let seconds = arg(&args, "--seconds").unwrap_or(120);
    let idle_exit = arg(&args, "--idle-exit").map(Duration::from_secs);
    let sink = SmtpSink::start_with(u16::try_from(port)?, Store::default(), delay).await?;
    let deadline = Instant::now() + Duration::from_secs(seconds);
    while Instant::now() < deadline {
        if expect.is_some_and(|n| sink.count() as u64 >= n) {
            break;
        }
        if let (Some(idle), Some((_, last))) = (idle_exit, sink.first_and_last())
            && last.elapsed() >= idle
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let count = sink.count() as u64;
    let span = sink
        .first_and_last()
        .map_or(0.0, |(a, b)| (b - a).as_secs_f64());
    let per_s = if span > 0.0 {
        (count.saturating_sub(1)) as f64 / span
    } else {
        0.0
    };
    println!(
        "{}",
        json!({"received": count, "span_s": span, "per_s": per_s})
    );
    Ok(())
}
