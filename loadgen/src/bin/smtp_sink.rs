//! A counting SMTP sink for the email benchmarks (loopback only): accepts every message,
//! optionally after a delay per message (a slow server), and reports how many arrived and
//! how fast, as one JSON line, when `--expect` messages have arrived or `--seconds` pass.
//!
//! `smtp_sink --port 2525 [--delay-ms 200] [--expect N] [--idle-exit S] [--seconds 120]`
//! (`--idle-exit`: stop once messages have been arriving and none came for S seconds).

use std::{
    sync::{
        Arc,
        atomic::{AtomicU64, Ordering},
    },
    time::Duration,
};

use serde_json::json;
use tokio::{
    io::{AsyncBufReadExt, AsyncWriteExt, BufReader},
    net::{TcpListener, TcpStream},
    sync::Mutex,
    time::Instant,
};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

struct Stats {
    count: AtomicU64,
    first: Mutex<Option<Instant>>,
    last: Mutex<Option<Instant>>,
}

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
    let listener = TcpListener::bind(("127.0.0.1", u16::try_from(port)?)).await?;
    let stats = Arc::new(Stats {
        count: AtomicU64::new(0),
        first: Mutex::new(None),
        last: Mutex::new(None),
    });
    let accept_stats = stats.clone();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            tokio::spawn(session(stream, accept_stats.clone(), delay));
        }
    });
    let deadline = Instant::now() + Duration::from_secs(seconds);
    while Instant::now() < deadline {
        if expect.is_some_and(|n| stats.count.load(Ordering::Relaxed) >= n) {
            break;
        }
        if let (Some(idle), Some(last)) = (idle_exit, *stats.last.lock().await)
            && last.elapsed() >= idle
        {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let count = stats.count.load(Ordering::Relaxed);
    let span = match (*stats.first.lock().await, *stats.last.lock().await) {
        (Some(a), Some(b)) => (b - a).as_secs_f64(),
        _ => 0.0,
    };
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

async fn session(stream: TcpStream, stats: Arc<Stats>, delay: Duration) {
    let _ = stream.set_nodelay(true);
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read);
    let _ = write.write_all(b"220 sink ESMTP\r\n").await;
    let mut line = String::new();
    loop {
        line.clear();
        match lines.read_line(&mut line).await {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        let upper = line.to_ascii_uppercase();
        let reply: &[u8] = if upper.starts_with("EHLO") {
            b"250-sink\r\n250 8BITMIME\r\n"
        } else if upper.starts_with("DATA") {
            let _ = write.write_all(b"354 go ahead\r\n").await;
            loop {
                line.clear();
                match lines.read_line(&mut line).await {
                    Ok(0) | Err(_) => return,
                    Ok(_) => {}
                }
                if line == ".\r\n" || line == ".\n" {
                    break;
                }
            }
            if !delay.is_zero() {
                tokio::time::sleep(delay).await;
            }
            let now = Instant::now();
            stats.first.lock().await.get_or_insert(now);
            *stats.last.lock().await = Some(now);
            stats.count.fetch_add(1, Ordering::Relaxed);
            b"250 queued\r\n"
        } else if upper.starts_with("QUIT") {
            let _ = write.write_all(b"221 bye\r\n").await;
            return;
        } else {
            b"250 OK\r\n"
        };
        if write.write_all(reply).await.is_err() {
            return;
        }
    }
}
