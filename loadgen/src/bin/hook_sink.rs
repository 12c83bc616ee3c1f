//! A counting webhook receiver for the webhook benchmark (loopback only): answers every
//! `POST` with 204 over HTTP/1.1 keep-alive, counts deliveries per path and the distinct
//! `webhook-id`s, and reports how many arrived and how fast, as one JSON line, once
//! deliveries have been arriving and none came for `--idle-exit` seconds, or after
//! `--seconds`.
//!
//! `hook_sink --port 9090 [--idle-exit 5] [--seconds 240]`

use std::{
    collections::{HashMap, HashSet},
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use serde_json::json;
use tokio::{
    io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader},
    net::{TcpListener, TcpStream},
};

type BoxError = Box<dyn std::error::Error + Send + Sync>;

#[derive(Default)]
struct Seen {
    per_path: HashMap<String, u64>,
    ids: HashSet<String>,
    first: Option<Instant>,
    last: Option<Instant>,
}

fn arg(args: &[String], name: &str) -> Option<u64> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .and_then(|v| v.parse().ok())
}

/// Serves one connection: requests one after another until the client closes it.
async fn serve(stream: TcpStream, seen: Arc<Mutex<Seen>>) -> Result<(), BoxError> {
    let mut reader = BufReader::new(stream);
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).await? == 0 {
            return Ok(());
        }
        let path = line.split_whitespace().nth(1).unwrap_or("/").to_owned();
        let (mut length, mut id) = (0usize, String::new());
        loop {
            let mut header = String::new();
            reader.read_line(&mut header).await?;
            let header = header.trim_end();
            if header.is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(':') {
                match name.trim().to_ascii_lowercase().as_str() {
                    "content-length" => length = value.trim().parse().unwrap_or(0),
                    "webhook-id" => id = value.trim().to_owned(),
                    _ => {}
                }
            }
        }
        let mut body = vec![0; length];
        reader.read_exact(&mut body).await?;
        {
            let mut s = seen
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            *s.per_path.entry(path).or_default() += 1;
            s.ids.insert(id);
            let now = Instant::now();
            s.first.get_or_insert(now);
            s.last = Some(now);
        }
        reader
            .get_mut()
            .write_all(b"HTTP/1.1 204 No Content\r\ncontent-length: 0\r\n\r\n")
            .await?;
    }
}

#[tokio::main]
async fn main() -> Result<(), BoxError> {
    let args: Vec<String> = std::env::args().collect();
    let port = u16::try_from(arg(&args, "--port").unwrap_or(9090))?;
    let seconds = arg(&args, "--seconds").unwrap_or(240);
    let idle_exit = Duration::from_secs(arg(&args, "--idle-exit").unwrap_or(5));
    let listener = TcpListener::bind(("127.0.0.1", port)).await?;
    let seen = Arc::new(Mutex::new(Seen::default()));
    let accepting = seen.clone();
    tokio::spawn(async move {
        while let Ok((stream, _)) = listener.accept().await {
            let seen = accepting.clone();
            tokio::spawn(async move {
                let _ = serve(stream, seen).await;
            });
        }
    });
    let deadline = Instant::now() + Duration::from_secs(seconds);
    while Instant::now() < deadline {
        let idle = seen
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .last
            .is_some_and(|l| l.elapsed() >= idle_exit);
        if idle {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    let s = seen
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let count: u64 = s.per_path.values().sum();
    let span = match (s.first, s.last) {
        (Some(a), Some(b)) => (b - a).as_secs_f64(),
        _ => 0.0,
    };
    let per_s = if span > 0.0 {
        count.saturating_sub(1) as f64 / span
    } else {
        0.0
    };
    println!(
        "{}",
        json!({"received": count, "distinct_ids": s.ids.len(), "endpoints": s.per_path.len(),
               "span_s": span, "per_s": per_s})
    );
    Ok(())
}
