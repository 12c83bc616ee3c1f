//! The queue's benchmark (issue 17), against running `sportello` processes that share one
//! database (loopback only):
//! 1. "Call next": `--tickets` desk tickets, then `--clerks` clerks (one per counter,
//!    spread over the processes) press "Call next" until nobody waits; calls/s, p50 and
//!    p99, and a check that every ticket was called once.
//! 2. Fan-out: `--phones` phone tickets, each following its page's stream, and as many
//!    display streams; then `--calls` calls, one every 300 ms. For every call, how long
//!    until each display and each phone had its event (p50, p99, missed), and the
//!    processes' resident memory per open stream (`--pids`, read from /proc).
//!
//! `queue_bench --bases URL,URL,URL --email E --password P [--pids 1,2,3] [--tickets 2000]
//!  [--clerks 20] [--phones 250] [--calls 20]` prints one JSON line.

use std::{
    collections::HashSet,
    sync::Arc,
    time::{Duration, Instant},
};

use serde_json::{Value, json};
use tokio::sync::Mutex;

type BoxError = Box<dyn std::error::Error + Send + Sync>;

fn arg(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .cloned()
}

fn num(args: &[String], name: &str, default: usize) -> usize {
    arg(args, name)
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn pct(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    (sorted[i] * 10.0).round() / 10.0
}

fn rss_kib(pid: &str) -> u64 {
    std::fs::read_to_string(format!("/proc/{pid}/status"))
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmRSS:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|v| v.parse().ok())
        })
        .unwrap_or(0)
}

async fn call(
    client: &reqwest::Client,
    method: reqwest::Method,
    url: String,
    token: Option<&str>,
    body: Value,
) -> Result<Value, BoxError> {
    let mut req = client.request(method, &url).json(&body);
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    let r = req.send().await?;
    let status = r.status();
    let v: Value = r.json().await.unwrap_or_default();
    if !status.is_success() {
        return Err(format!("{url}: {status} {v}").into());
    }
    Ok(v)
}

/// Reads server-sent events, calling `on(name, data)` for each.
async fn follow(mut resp: reqwest::Response, mut on: impl FnMut(&str, &str)) {
    let mut buf = String::new();
    while let Ok(Some(chunk)) = resp.chunk().await {
        buf.push_str(&String::from_utf8_lossy(&chunk));
        while let Some(end) = buf.find("\n\n") {
            let block: String = buf.drain(..end + 2).collect();
            let name = block.lines().find_map(|l| l.strip_prefix("event: "));
            let data = block.lines().find_map(|l| l.strip_prefix("data: "));
            if let (Some(n), Some(d)) = (name, data) {
                on(n, d);
            }
        }
    }
}

#[tokio::main]
async fn main() -> Result<(), BoxError> {
    let args: Vec<String> = std::env::args().collect();
    let bases: Vec<String> = arg(&args, "--bases")
        .ok_or("--bases URL,URL,…")?
        .split(',')
        .map(str::to_string)
        .collect();
    let pids: Vec<String> = arg(&args, "--pids")
        .map(|p| p.split(',').map(str::to_string).collect())
        .unwrap_or_default();
    let email = arg(&args, "--email").ok_or("--email")?;
    let password = arg(&args, "--password").ok_or("--password")?;
    let tickets = num(&args, "--tickets", 2000);
    let clerks = num(&args, "--clerks", 20);
    let phones = num(&args, "--phones", 250);
    let calls = num(&args, "--calls", 20);
    // Needed when reqwest was built with the server's rustls (no default provider).
    let _ = rustls::crypto::ring::default_provider().install_default();
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(1024)
        .build()?;
    use reqwest::Method;
    let login = call(
        &client,
        Method::POST,
        format!("{}/api/v1/auth/tokens", bases[0]),
        None,
        json!({"email": email, "password": password}),
    )
    .await?;
    let token = login["token"].as_str().ok_or("no token")?.to_string();
    let t = Some(token.as_str());
    let office = call(
        &client,
        Method::POST,
        format!("{}/api/v1/offices", bases[0]),
        t,
        json!({"name": "Coda"}),
    )
    .await?;
    let oid = office["id"].as_i64().ok_or("office")?;
    let room = call(
        &client,
        Method::POST,
        format!("{}/api/v1/offices/{oid}/rooms", bases[0]),
        t,
        json!({"name": "Sala", "occupancy_limit": 100000}),
    )
    .await?;
    let rid = room["id"].as_i64().ok_or("room")?;
    let service = call(
        &client,
        Method::POST,
        format!("{}/api/v1/offices/{oid}/services", bases[0]),
        t,
        json!({"name": "Carta d'identità", "duration_minutes": 10, "horizon_days": 30,
               "min_notice_minutes": 0, "no_show_grace_minutes": 15, "max_active_per_citizen": 1}),
    )
    .await?;
    let sid = service["id"].as_i64().ok_or("service")?;
    let mut counters = Vec::new();
    for i in 0..clerks.max(1) {
        let c = call(
            &client,
            Method::POST,
            format!("{}/api/v1/rooms/{rid}/counters", bases[0]),
            t,
            json!({"name": format!("Sportello {}", i + 1), "service_ids": [sid]}),
        )
        .await?;
        counters.push(c["id"].as_i64().ok_or("counter")?);
    }
    let day = json!([["00:00", "23:59"]]);
    call(
        &client,
        Method::PUT,
        format!("{}/api/v1/offices/{oid}/opening-hours", bases[0]),
        t,
        json!({"valid_from": "2020-01-01", "valid_to": null, "weekly":
            {"mon": day, "tue": day, "wed": day, "thu": day, "fri": day, "sat": day, "sun": day}}),
    )
    .await?;

    // 1. Call next.
    let made = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let makers: Vec<_> = (0..16)
        .map(|k| {
            let (client, base, token, made) = (
                client.clone(),
                bases[k % bases.len()].clone(),
                token.clone(),
                made.clone(),
            );
            tokio::spawn(async move {
                while made.fetch_add(1, std::sync::atomic::Ordering::SeqCst) < tickets {
                    call(
                        &client,
                        Method::POST,
                        format!("{base}/api/v1/offices/{oid}/tickets"),
                        Some(&token),
                        json!({"service_id": sid, "party_size": 1}),
                    )
                    .await?;
                }
                Ok::<(), BoxError>(())
            })
        })
        .collect();
    for m in makers {
        m.await??;
    }
    let started = Instant::now();
    let tasks: Vec<_> = counters
        .iter()
        .enumerate()
        .map(|(k, counter)| {
            let (client, base, token, counter) = (
                client.clone(),
                bases[k % bases.len()].clone(),
                token.clone(),
                *counter,
            );
            tokio::spawn(async move {
                let mut lat = Vec::new();
                let mut ids = Vec::new();
                loop {
                    let t0 = Instant::now();
                    let v = call(
                        &client,
                        Method::POST,
                        format!("{base}/api/v1/counters/{counter}/call-next"),
                        Some(&token),
                        json!({}),
                    )
                    .await?;
                    lat.push(t0.elapsed().as_secs_f64() * 1000.0);
                    match v["ticket"]["id"].as_i64() {
                        Some(id) => ids.push(id),
                        None => return Ok::<_, BoxError>((lat, ids)),
                    }
                }
            })
        })
        .collect();
    let mut lat = Vec::new();
    let mut ids = Vec::new();
    for task in tasks {
        let (l, i) = task.await??;
        lat.extend(l);
        ids.extend(i);
    }
    let elapsed = started.elapsed().as_secs_f64();
    lat.sort_by(f64::total_cmp);
    let distinct: HashSet<i64> = ids.iter().copied().collect();
    let calls_report = json!({
        "tickets": tickets, "called": ids.len(), "called_once": distinct.len() == ids.len() && ids.len() == tickets,
        "calls_per_s": ((ids.len() as f64 / elapsed) * 10.0).round() / 10.0,
        "p50_ms": pct(&lat, 0.5), "p99_ms": pct(&lat, 0.99), "presses": lat.len(),
    });
    eprintln!("calls: {calls_report}");

    // 2. Fan-out: phones and displays.
    let rss_before: u64 = pids.iter().map(|p| rss_kib(p)).sum();
    let mut streams = Vec::new();
    let display_seen: Arc<Mutex<Vec<(String, Instant)>>> = Arc::default();
    let phone_seen: Arc<Mutex<Vec<(usize, Instant)>>> = Arc::default();
    for k in 0..phones {
        let base = &bases[k % bases.len()];
        let joined = call(
            &client,
            Method::POST,
            format!("{base}/api/v1/offices/{oid}/queue"),
            None,
            json!({"service_id": sid, "party_size": 1}),
        )
        .await?;
        let token = joined["ticket_token"]
            .as_str()
            .ok_or("ticket_token")?
            .to_string();
        let phone = client
            .get(format!("{base}/q/{token}/events"))
            .send()
            .await?;
        let display = client
            .get(format!("{base}/api/v1/offices/{oid}/calls/stream"))
            .send()
            .await?;
        let seen = phone_seen.clone();
        streams.push(tokio::spawn(follow(phone, move |name, _| {
            if name == "ticket" {
                if let Ok(mut s) = seen.try_lock() {
                    s.push((k, Instant::now()));
                } else {
                    let seen = seen.clone();
                    let at = Instant::now();
                    tokio::spawn(async move { seen.lock().await.push((k, at)) });
                }
            }
        })));
        let seen = display_seen.clone();
        streams.push(tokio::spawn(follow(display, move |name, data| {
            if name == "call" {
                let code = serde_json::from_str::<Value>(data)
                    .ok()
                    .and_then(|v| v["code"].as_str().map(str::to_string))
                    .unwrap_or_default();
                let at = Instant::now();
                let seen = seen.clone();
                tokio::spawn(async move { seen.lock().await.push((code, at)) });
            }
        })));
    }
    tokio::time::sleep(Duration::from_secs(3)).await;
    let rss_after: u64 = pids.iter().map(|p| rss_kib(p)).sum();
    phone_seen.lock().await.clear();
    let mut sent: Vec<(String, Instant)> = Vec::new();
    for i in 0..calls {
        let t0 = Instant::now();
        let v = call(
            &client,
            Method::POST,
            format!(
                "{}/api/v1/counters/{}/call-next",
                bases[i % bases.len()],
                counters[0]
            ),
            t,
            json!({}),
        )
        .await?;
        if let Some(code) = v["ticket"]["code"].as_str() {
            sent.push((code.to_string(), t0));
        }
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    tokio::time::sleep(Duration::from_secs(2)).await;
    let displays = display_seen.lock().await.clone();
    let phones_seen = phone_seen.lock().await.clone();
    let mut display_lat = Vec::new();
    let mut display_missed = 0;
    let mut phone_lat = Vec::new();
    let mut phone_missed = 0;
    for (i, (code, t0)) in sent.iter().enumerate() {
        let arrivals: Vec<f64> = displays
            .iter()
            .filter(|(c, _)| c == code)
            .map(|(_, at)| at.duration_since(*t0).as_secs_f64() * 1000.0)
            .collect();
        display_missed += phones.saturating_sub(arrivals.len());
        display_lat.extend(arrivals);
        let next = sent.get(i + 1).map(|(_, t)| *t);
        for k in 0..phones {
            let first = phones_seen
                .iter()
                .filter(|(p, at)| *p == k && *at >= *t0 && next.is_none_or(|n| *at < n))
                .map(|(_, at)| at.duration_since(*t0).as_secs_f64() * 1000.0)
                .fold(f64::INFINITY, f64::min);
            if first.is_finite() {
                phone_lat.push(first);
            } else {
                phone_missed += 1;
            }
        }
    }
    display_lat.sort_by(f64::total_cmp);
    phone_lat.sort_by(f64::total_cmp);
    let open = 2 * phones;
    let fanout = json!({
        "streams": open, "calls": sent.len(),
        "display_p50_ms": pct(&display_lat, 0.5), "display_p99_ms": pct(&display_lat, 0.99),
        "display_missed": display_missed,
        "phone_p50_ms": pct(&phone_lat, 0.5), "phone_p99_ms": pct(&phone_lat, 0.99),
        "phone_missed": phone_missed,
        "rss_kib_before": rss_before, "rss_kib_after": rss_after,
        "kib_per_stream": if open > 0 { ((rss_after.saturating_sub(rss_before)) as f64 / open as f64 * 10.0).round() / 10.0 } else { 0.0 },
    });
    eprintln!("fan-out: {fanout}");
    for s in streams {
        s.abort();
    }
    println!("{}", json!({"calls": calls_report, "fanout": fanout}));
    Ok(())
}
