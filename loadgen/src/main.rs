//! Load generator for Sportello's HTTP API.
//!
//! Modes (see USAGE for rush and checkin):
//! - `book`: creates a fresh office (one big room, one 10-minute service, `--counters`
//!   counters (20 unless told), open every day 00:00-23:50), then N clients book the
//!   upcoming slots as fast as they can, each slot once per counter, each booking with a
//!   fresh citizen email. With `--sequential` every client books the same slot until it is
//!   full: with `--counters 500`, one popular start of 500 places.
//! - `slots`: N clients repeatedly ask for the next 30 days of slots of one service.
//!
//! Usage: `cargo run --release -p loadgen -- --help`

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::Duration;

use chrono::{DateTime, Days, NaiveDate, Utc};
use reqwest::{Client, Method, StatusCode};
use serde_json::{Value, json};
use tokio::time::Instant;

mod rush;

type BoxError = Box<dyn std::error::Error + Send + Sync>;
type Result<T, E = BoxError> = std::result::Result<T, E>;

/// `main`'s error: printed with its message (and causes), not as a debug structure.
struct MainError(BoxError);

impl std::fmt::Debug for MainError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&chain(&*self.0))
    }
}

/// An error with its causes: `outer: inner: innermost`.
fn chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut s = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        let msg = c.to_string();
        if !s.contains(&msg) {
            s.push_str(": ");
            s.push_str(&msg);
        }
        cur = c.source();
    }
    s
}

/// Counters created in book mode; each slot can take this many one-person bookings.
const COUNTERS: usize = 20;
/// Days of slots fetched for the book-mode work list.
const BOOK_DAYS: u64 = 60;
/// Largest `to - from` the slots endpoint accepts.
const MAX_SLOT_RANGE_DAYS: u64 = 62;
/// Days asked for in slots mode (`from = today`, `to = today + 29`).
const SLOTS_MODE_SPAN_DAYS: u64 = 29;

const USAGE: &str = "\
loadgen: load generator for the Sportello HTTP API

USAGE:
    loadgen [OPTIONS]

OPTIONS:
    --base-url URL       server base URL (default http://127.0.0.1:8080)
    --token TOKEN        admin bearer token
    --email E            admin email, used with --password to obtain a token
    --password P         admin password
    --mode book|slots|checkin|rush  what to measure (default book)
    --clients N          concurrent clients (default 64)
    --seconds S          duration of the measured run (default 10)
    --sequential         book mode: take slots in time order (a hot spot) instead of shuffled
    --office ID          slots mode: office id (default: first office); book mode with
                         --service: book this existing office instead of creating one
    --service ID         slots mode: service id (default: first service of that office)
    --citizens N         rush mode: citizens arriving (default 5000) over --seconds (default 60)
    --counters N         book and rush modes: counters, each one place per slot (default 20);
                         book --sequential --counters 500 is one popular start of 500 places
    --late-seconds S     rush mode: how long the few who wait take before confirming (default 25)
    --webhook URL        book mode: register URL as a webhook of the office for
                         booking.created before the storm (repeatable)
    --json               print one JSON line of results instead of text
    -h, --help           show this help

Book mode needs an admin token (--token, or --email and --password).";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Book,
    Slots,
    Checkin,
    Rush,
}

#[derive(Debug)]
struct Args {
    base_url: String,
    token: Option<String>,
    email: Option<String>,
    password: Option<String>,
    mode: Mode,
    clients: usize,
    seconds: f64,
    office: Option<String>,
    service: Option<String>,
    json: bool,
    /// Book slots in time order (every client on the same hour: a hot spot) instead of in
    /// a shuffled order spread over the whole horizon, as citizens and pgbench do.
    sequential: bool,
    /// Rush mode: citizens, counters, and the long wait of the few.
    citizens: usize,
    counters: usize,
    late_seconds: f64,
    /// Book mode: webhook endpoints registered on the office before the storm (for
    /// `booking.created`), to measure bookings while the sender posts to them.
    webhooks: Vec<String>,
}

impl Default for Args {
    fn default() -> Self {
        Self {
            base_url: "http://127.0.0.1:8080".to_owned(),
            token: None,
            email: None,
            password: None,
            mode: Mode::Book,
            clients: 64,
            seconds: 10.0,
            office: None,
            service: None,
            json: false,
            sequential: false,
            citizens: 5000,
            counters: 20,
            late_seconds: 25.0,
            webhooks: Vec::new(),
        }
    }
}

/// Parses the command line. `Ok(None)` means help was asked for.
fn parse_args(raw: impl IntoIterator<Item = String>) -> Result<Option<Args>> {
    let mut args = Args::default();
    // Rush mode's window defaults to a minute, the other modes' runs to 10 s.
    let mut seconds_given = false;
    let mut it = raw.into_iter();
    while let Some(flag) = it.next() {
        // Accept both `--flag value` and `--flag=value`.
        let (name, inline) = match flag.split_once('=') {
            Some((n, v)) if n.starts_with("--") => (n.to_owned(), Some(v.to_owned())),
            _ => (flag.clone(), None),
        };
        let mut value = |name: &str| -> Result<String> {
            match inline.clone() {
                Some(v) => Ok(v),
                None => it
                    .next()
                    .ok_or_else(|| format!("{name} needs a value").into()),
            }
        };
        match name.as_str() {
            "-h" | "--help" => return Ok(None),
            "--base-url" => args.base_url = value(&name)?.trim_end_matches('/').to_owned(),
            "--token" => args.token = Some(value(&name)?),
            "--email" => args.email = Some(value(&name)?),
            "--password" => args.password = Some(value(&name)?),
            "--mode" => {
                args.mode = match value(&name)?.as_str() {
                    "book" => Mode::Book,
                    "slots" => Mode::Slots,
                    "checkin" => Mode::Checkin,
                    "rush" => Mode::Rush,
                    other => {
                        return Err(
                            format!("unknown mode {other:?} (book|slots|checkin|rush)").into()
                        );
                    }
                }
            }
            "--clients" => {
                let v = value(&name)?;
                args.clients = v.parse().map_err(|e| format!("--clients {v:?}: {e}"))?;
                if args.clients == 0 {
                    return Err("--clients must be at least 1".into());
                }
            }
            "--seconds" => {
                let v = value(&name)?;
                args.seconds = v.parse().map_err(|e| format!("--seconds {v:?}: {e}"))?;
                if !(args.seconds.is_finite() && args.seconds > 0.0) {
                    return Err("--seconds must be a positive number".into());
                }
                seconds_given = true;
            }
            "--citizens" | "--counters" => {
                let v = value(&name)?;
                let n: usize = v.parse().map_err(|e| format!("{name} {v:?}: {e}"))?;
                if n == 0 {
                    return Err(format!("{name} must be at least 1").into());
                }
                if name == "--citizens" {
                    args.citizens = n;
                } else {
                    args.counters = n;
                }
            }
            "--late-seconds" => {
                let v = value(&name)?;
                args.late_seconds = v
                    .parse()
                    .map_err(|e| format!("--late-seconds {v:?}: {e}"))?;
                if !(args.late_seconds.is_finite() && args.late_seconds >= 0.0) {
                    return Err("--late-seconds must be a number of seconds".into());
                }
            }
            "--office" => args.office = Some(value(&name)?),
            "--service" => args.service = Some(value(&name)?),
            "--sequential" => args.sequential = true,
            "--webhook" => args.webhooks.push(value(&name)?),
            "--json" => {
                if inline.is_some() {
                    return Err("--json takes no value".into());
                }
                args.json = true;
            }
            other => return Err(format!("unknown argument {other:?}\n\n{USAGE}").into()),
        }
    }
    if args.mode == Mode::Rush && !seconds_given {
        args.seconds = 60.0;
    }
    Ok(Some(args))
}

/// Renders an id from a JSON response (integer or UUID string) for use in a path.
fn id_str(v: &Value) -> Result<String> {
    match v {
        Value::Number(n) => Ok(n.to_string()),
        Value::String(s) if !s.is_empty() => Ok(s.clone()),
        other => Err(format!("unexpected id value {other}").into()),
    }
}

/// Turns an id given on the command line back into JSON (a number when it looks like one).
fn id_json(s: &str) -> Value {
    s.parse::<i64>()
        .map_or_else(|_| Value::String(s.to_owned()), Value::from)
}

fn field<'a>(v: &'a Value, name: &str) -> Result<&'a Value> {
    v.get(name)
        .ok_or_else(|| format!("response has no {name:?}: {v}").into())
}

/// One setup call: sends `body`, expects `expect` (any other 2xx only warns), returns the
/// parsed JSON body.
async fn call(
    client: &Client,
    method: Method,
    url: &str,
    token: Option<&str>,
    body: Option<&Value>,
    expect: StatusCode,
) -> Result<Value> {
    let mut req = client.request(method.clone(), url);
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    if let Some(b) = body {
        req = req.json(b);
    }
    let resp = req
        .send()
        .await
        .map_err(|e| format!("{method} {url}: {}", chain(&e)))?;
    let status = resp.status();
    let text = resp
        .text()
        .await
        .map_err(|e| format!("{method} {url}: {}", chain(&e)))?;
    if !status.is_success() {
        return Err(format!("{method} {url}: expected {expect}, got {status}: {text}").into());
    }
    if status != expect {
        // Not fatal for a benchmark, but worth knowing: API.md says otherwise.
        eprintln!("warning: {method} {url}: expected {expect}, got {status}");
    }
    if text.trim().is_empty() {
        return Ok(Value::Null);
    }
    serde_json::from_str(&text)
        .map_err(|e| format!("{method} {url}: bad JSON ({e}): {text}").into())
}

async fn obtain_token(client: &Client, args: &Args) -> Result<Option<String>> {
    if let Some(t) = &args.token {
        return Ok(Some(t.clone()));
    }
    let (Some(email), Some(password)) = (&args.email, &args.password) else {
        return Ok(None);
    };
    let body = json!({ "email": email, "password": password });
    let url = format!("{}/api/v1/auth/tokens", args.base_url);
    let resp = call(
        client,
        Method::POST,
        &url,
        None,
        Some(&body),
        StatusCode::CREATED,
    )
    .await?;
    let token = field(&resp, "token")?
        .as_str()
        .ok_or("token is not a string")?
        .to_owned();
    Ok(Some(token))
}

fn date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

fn add_days(d: NaiveDate, n: u64) -> Result<NaiveDate> {
    d.checked_add_days(Days::new(n))
        .ok_or_else(|| "date out of range".into())
}

/// Everything created by the book-mode setup.
struct Fixture {
    office_id: Value,
    service_id: Value,
}

async fn create_fixture(
    client: &Client,
    base: &str,
    token: &str,
    counters: usize,
) -> Result<Fixture> {
    let today = Utc::now().date_naive();
    let run = Utc::now().format("%Y%m%d-%H%M%S");
    // Start a day early: the office's local date (Europe/Rome) may already be tomorrow in UTC terms.
    let (office_id, service_id) = create_office(
        client,
        base,
        token,
        &OfficeSpec {
            name: format!("Loadgen office {run}"),
            service: json!({
                "name": "Carta d'identità (bench)",
                "duration_minutes": 10,
                "horizon_days": 365,
                "min_notice_minutes": 0,
                "no_show_grace_minutes": 15,
                "max_active_per_citizen": 1000,
            }),
            counters,
            hours: ("00:00", "23:50"),
            valid: (today.pred_opt().unwrap_or(today), add_days(today, 366)?),
        },
    )
    .await?;
    Ok(Fixture {
        office_id,
        service_id,
    })
}

/// An office made for a run: one big room, `counters` counters of one service, open
/// every day of `valid` during `hours`.
struct OfficeSpec {
    name: String,
    service: Value,
    counters: usize,
    hours: (&'static str, &'static str),
    valid: (NaiveDate, NaiveDate),
}

/// Creates the office of `spec` through the manager API; answers its and its service's ids.
async fn create_office(
    client: &Client,
    base: &str,
    token: &str,
    spec: &OfficeSpec,
) -> Result<(Value, Value)> {
    let office = call(
        client,
        Method::POST,
        &format!("{base}/api/v1/offices"),
        Some(token),
        Some(&json!({
            "name": spec.name,
            "address": "Via del Carico 1, Bari",
            "timezone": "Europe/Rome",
            "arrival_margin_minutes": 0,
        })),
        StatusCode::CREATED,
    )
    .await?;
    let office_id = field(&office, "id")?.clone();
    let office_path = id_str(&office_id)?;
    let room = call(
        client,
        Method::POST,
        &format!("{base}/api/v1/offices/{office_path}/rooms"),
        Some(token),
        Some(&json!({ "name": "Sala unica", "occupancy_limit": 100_000, "parent_room_id": null })),
        StatusCode::CREATED,
    )
    .await?;
    let room_path = id_str(field(&room, "id")?)?;
    let service = call(
        client,
        Method::POST,
        &format!("{base}/api/v1/offices/{office_path}/services"),
        Some(token),
        Some(&spec.service),
        StatusCode::CREATED,
    )
    .await?;
    let service_id = field(&service, "id")?.clone();
    for i in 1..=spec.counters {
        call(
            client,
            Method::POST,
            &format!("{base}/api/v1/rooms/{room_path}/counters"),
            Some(token),
            Some(&json!({ "name": format!("Sportello {i}"), "service_ids": [service_id] })),
            StatusCode::CREATED,
        )
        .await?;
    }
    let day = json!([[spec.hours.0, spec.hours.1]]);
    call(
        client,
        Method::PUT,
        &format!("{base}/api/v1/offices/{office_path}/opening-hours"),
        Some(token),
        Some(&json!({
            "valid_from": date(spec.valid.0),
            "valid_to": date(spec.valid.1),
            "weekly": {
                "mon": day, "tue": day, "wed": day, "thu": day,
                "fri": day, "sat": day, "sun": day,
            },
        })),
        StatusCode::OK,
    )
    .await?;
    Ok((office_id, service_id))
}

fn slots_url(base: &str, office: &str, service: &str, from: NaiveDate, to: NaiveDate) -> String {
    format!(
        "{base}/api/v1/offices/{office}/services/{service}/slots?from={}&to={}",
        date(from),
        date(to)
    )
}

fn slot_list(resp: &Value) -> Result<&Vec<Value>> {
    field(resp, "slots")?
        .as_array()
        .ok_or_else(|| "slots is not an array".into())
}

/// Fetches `days` days of slots starting today, in chunks the endpoint accepts.
async fn fetch_slots(
    client: &Client,
    base: &str,
    office: &str,
    service: &str,
    days: u64,
) -> Result<Vec<(String, usize)>> {
    let today = Utc::now().date_naive();
    let mut out = Vec::new();
    let mut offset = 0;
    while offset < days {
        let span = (days - offset).min(MAX_SLOT_RANGE_DAYS + 1);
        let from = add_days(today, offset)?;
        let to = add_days(from, span - 1)?;
        let url = slots_url(base, office, service, from, to);
        let resp = call(client, Method::GET, &url, None, None, StatusCode::OK).await?;
        for s in slot_list(&resp)? {
            let start = field(s, "start")?
                .as_str()
                .ok_or("slot start is not a string")?
                .to_owned();
            let remaining = s
                .get("remaining")
                .and_then(Value::as_u64)
                .map_or(1, |r| usize::try_from(r).unwrap_or(usize::MAX));
            out.push((start, remaining));
        }
        offset += span;
    }
    Ok(out)
}

/// What one client saw.
#[derive(Default)]
struct Tally {
    /// Latency of every request, in microseconds.
    latencies_us: Vec<u64>,
    /// Requests by HTTP status.
    statuses: BTreeMap<u16, u64>,
    /// 409 answers by the last path segment of their problem `type`.
    conflicts: BTreeMap<String, u64>,
    /// Transport errors (no HTTP status).
    errors: u64,
    first_error: Option<String>,
    /// An unexpected answer, kept for diagnosis.
    first_unexpected: Option<String>,
}

impl Tally {
    fn merge(&mut self, other: Self) {
        self.latencies_us.extend(other.latencies_us);
        for (k, v) in other.statuses {
            *self.statuses.entry(k).or_default() += v;
        }
        for (k, v) in other.conflicts {
            *self.conflicts.entry(k).or_default() += v;
        }
        self.errors += other.errors;
        if self.first_error.is_none() {
            self.first_error = other.first_error;
        }
        if self.first_unexpected.is_none() {
            self.first_unexpected = other.first_unexpected;
        }
    }

    fn record_error(&mut self, e: &reqwest::Error) {
        self.errors += 1;
        if self.first_error.is_none() {
            self.first_error = Some(chain(e));
        }
    }

    fn count(&self, status: u16) -> u64 {
        self.statuses.get(&status).copied().unwrap_or(0)
    }

    fn requests(&self) -> u64 {
        self.latencies_us.len() as u64
    }
}

fn us_since(t: Instant) -> u64 {
    u64::try_from(t.elapsed().as_micros()).unwrap_or(u64::MAX)
}

/// Latency summary in milliseconds.
struct Percentiles {
    p50: f64,
    p90: f64,
    p99: f64,
    max: f64,
    mean: f64,
}

/// Nearest-rank percentiles of a sorted slice of microseconds.
fn percentiles(sorted_us: &[u64]) -> Percentiles {
    let ms = |us: u64| us as f64 / 1000.0;
    let rank = |q: f64| -> f64 {
        if sorted_us.is_empty() {
            return 0.0;
        }
        let n = sorted_us.len();
        let idx = ((q * n as f64).ceil() as usize).clamp(1, n) - 1;
        ms(sorted_us[idx])
    };
    let mean = if sorted_us.is_empty() {
        0.0
    } else {
        sorted_us.iter().map(|&u| u as f64).sum::<f64>() / sorted_us.len() as f64 / 1000.0
    };
    Percentiles {
        p50: rank(0.50),
        p90: rank(0.90),
        p99: rank(0.99),
        max: sorted_us.last().copied().map_or(0.0, ms),
        mean,
    }
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Fresh emails across all clients of a run.
struct EmailSource {
    run: String,
    next: AtomicU64,
}

impl EmailSource {
    fn next(&self) -> String {
        let n = self.next.fetch_add(1, Ordering::Relaxed);
        format!("bench-{}-{n}@example.org", self.run)
    }
}

/// State shared by all book-mode clients.
struct BookJob {
    client: Client,
    url: String,
    office_id: Value,
    service_id: Value,
    /// One entry per booking to attempt: a slot start, repeated once per counter.
    work: Vec<Arc<str>>,
    /// Next entry of `work` to take.
    cursor: AtomicUsize,
    emails: EmailSource,
    deadline: Instant,
}

async fn book_client(job: Arc<BookJob>) -> Tally {
    let mut tally = Tally::default();
    while Instant::now() < job.deadline {
        let i = job.cursor.fetch_add(1, Ordering::Relaxed);
        let Some(start) = job.work.get(i) else {
            break; // every slot taken
        };
        let body = json!({
            "office_id": job.office_id,
            "service_id": job.service_id,
            "start": &**start,
            "party_size": 1,
            "citizen": { "name": "Cittadino Bench", "email": job.emails.next(), "phone": null },
            "language": "it",
        });
        let t0 = Instant::now();
        let sent = job.client.post(&job.url).json(&body).send().await;
        let outcome = match sent {
            Ok(resp) => {
                let status = resp.status();
                // Read the body so that the connection goes back to the pool.
                resp.bytes().await.map(|b| (status, b))
            }
            Err(e) => Err(e),
        };
        tally.latencies_us.push(us_since(t0));
        match outcome {
            Ok((status, bytes)) => {
                *tally.statuses.entry(status.as_u16()).or_default() += 1;
                if status == StatusCode::CONFLICT {
                    let kind = serde_json::from_slice::<Value>(&bytes)
                        .ok()
                        .and_then(|v| v.get("type").and_then(Value::as_str).map(str::to_owned))
                        .map_or_else(
                            || "unknown".to_owned(),
                            |t| t.rsplit('/').next().unwrap_or_default().to_owned(),
                        );
                    *tally.conflicts.entry(kind).or_default() += 1;
                } else if status != StatusCode::CREATED && tally.first_unexpected.is_none() {
                    tally.first_unexpected = Some(format!(
                        "{status} for start {start}: {}",
                        String::from_utf8_lossy(&bytes)
                    ));
                }
            }
            Err(e) => tally.record_error(&e),
        }
    }
    tally
}

async fn slots_client(client: Client, url: Arc<str>, deadline: Instant) -> Tally {
    let mut tally = Tally::default();
    while Instant::now() < deadline {
        let t0 = Instant::now();
        let outcome = match client.get(&*url).send().await {
            Ok(resp) => {
                let status = resp.status();
                resp.bytes().await.map(|b| (status, b))
            }
            Err(e) => Err(e),
        };
        tally.latencies_us.push(us_since(t0));
        match outcome {
            Ok((status, bytes)) => {
                *tally.statuses.entry(status.as_u16()).or_default() += 1;
                if status != StatusCode::OK && tally.first_unexpected.is_none() {
                    tally.first_unexpected =
                        Some(format!("{status}: {}", String::from_utf8_lossy(&bytes)));
                }
            }
            Err(e) => tally.record_error(&e),
        }
    }
    tally
}

async fn join_all(handles: Vec<tokio::task::JoinHandle<Tally>>) -> Result<Tally> {
    let mut total = Tally::default();
    for h in handles {
        total.merge(h.await?);
    }
    Ok(total)
}

/// Fisher-Yates with a fixed-seed xorshift, so runs are repeatable without a rand crate.
fn shuffle<T>(items: &mut [T]) {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    for i in (1..items.len()).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        let j = usize::try_from(state % (i as u64 + 1)).unwrap_or(0);
        items.swap(i, j);
    }
}

fn deadline_after(seconds: f64) -> Instant {
    Instant::now() + Duration::from_secs_f64(seconds)
}

async fn run_book(client: &Client, args: &Args, token: Option<&str>) -> Result<Value> {
    let token = token.ok_or("book mode needs --token, or --email and --password")?;
    let base = &args.base_url;

    // With --office and --service, book an existing office (e.g. the demo) as it is.
    let fixture = match (&args.office, &args.service) {
        (Some(office), Some(service)) => Fixture {
            office_id: id_json(office),
            service_id: id_json(service),
        },
        _ => create_fixture(client, base, token, args.counters).await?,
    };
    let office_path = id_str(&fixture.office_id)?;
    let service_path = id_str(&fixture.service_id)?;
    for url in &args.webhooks {
        call(
            client,
            Method::POST,
            &format!("{base}/api/v1/offices/{office_path}/webhooks"),
            Some(token),
            Some(&json!({"url": url, "events": ["booking.created"]})),
            StatusCode::CREATED,
        )
        .await?;
    }

    let slots = fetch_slots(client, base, &office_path, &service_path, BOOK_DAYS).await?;
    // Skip slots that could slip into the past while the run is going.
    let margin = chrono::Duration::seconds(120 + args.seconds.ceil() as i64);
    let earliest = Utc::now() + margin;
    let mut work: Vec<Arc<str>> = Vec::new();
    let mut usable_slots = 0usize;
    for (start, remaining) in &slots {
        let parsed = DateTime::parse_from_rfc3339(start)
            .map_err(|e| format!("slot start {start:?} is not RFC 3339: {e}"))?;
        if parsed.with_timezone(&Utc) < earliest {
            continue;
        }
        usable_slots += 1;
        let s: Arc<str> = Arc::from(start.as_str());
        for _ in 0..(*remaining).min(args.counters) {
            work.push(Arc::clone(&s));
        }
    }
    if work.is_empty() {
        return Err(format!(
            "no bookable slots in the next {BOOK_DAYS} days ({} returned)",
            slots.len()
        )
        .into());
    }

    if !args.sequential {
        shuffle(&mut work);
    }
    let work_items = work.len();
    let started = Instant::now();
    let job = Arc::new(BookJob {
        client: client.clone(),
        url: format!("{base}/api/v1/bookings"),
        office_id: fixture.office_id.clone(),
        service_id: fixture.service_id.clone(),
        work,
        cursor: AtomicUsize::new(0),
        emails: EmailSource {
            run: Utc::now().format("%Y%m%d%H%M%S%3f").to_string(),
            next: AtomicU64::new(0),
        },
        deadline: deadline_after(args.seconds),
    });
    let handles = (0..args.clients)
        .map(|_| tokio::spawn(book_client(Arc::clone(&job))))
        .collect();
    let mut tally = join_all(handles).await?;
    let elapsed = started.elapsed().as_secs_f64();
    let exhausted = job.cursor.load(Ordering::Relaxed) >= work_items;

    tally.latencies_us.sort_unstable();
    let created = tally.count(201);
    let conflicts = tally.count(409);
    let mut out = report_common(args, elapsed, &tally);
    out["office_id"] = fixture.office_id;
    out["service_id"] = fixture.service_id;
    out["slots_fetched"] = json!(slots.len());
    out["slots_used"] = json!(usable_slots);
    out["work_items"] = json!(work_items);
    out["work_exhausted"] = json!(exhausted);
    out["bookings"] = json!(created);
    out["bookings_per_s"] = json!(round3(created as f64 / elapsed));
    out["conflicts"] = json!(conflicts);
    out["conflict_types"] = json!(tally.conflicts);
    Ok(out)
}

async fn run_slots(client: &Client, args: &Args) -> Result<Value> {
    let base = &args.base_url;
    let (office_id, service_id) = match (&args.office, &args.service) {
        (Some(o), Some(s)) => (id_json(o), id_json(s)),
        (office_arg, _) => {
            let offices = call(
                client,
                Method::GET,
                &format!("{base}/api/v1/offices"),
                None,
                None,
                StatusCode::OK,
            )
            .await?;
            let offices = offices.as_array().ok_or("offices is not an array")?;
            let wanted = office_arg.as_deref();
            let office = offices
                .iter()
                .filter(|o| {
                    wanted.is_none_or(|w| {
                        o.get("id").and_then(|v| id_str(v).ok()).as_deref() == Some(w)
                    })
                })
                .find(|o| {
                    o.get("services")
                        .and_then(Value::as_array)
                        .is_some_and(|s| !s.is_empty())
                })
                .ok_or("no office with a service found (GET /api/v1/offices)")?;
            let service = field(office, "services")?
                .as_array()
                .and_then(|s| s.first())
                .ok_or("office has no services")?;
            let service_id = match &args.service {
                Some(s) => id_json(s),
                None => field(service, "id")?.clone(),
            };
            (field(office, "id")?.clone(), service_id)
        }
    };

    let today = Utc::now().date_naive();
    let url = slots_url(
        base,
        &id_str(&office_id)?,
        &id_str(&service_id)?,
        today,
        add_days(today, SLOTS_MODE_SPAN_DAYS)?,
    );
    let sample = call(client, Method::GET, &url, None, None, StatusCode::OK).await?;
    let slots_in_response = slot_list(&sample)?.len();

    let url: Arc<str> = Arc::from(url);
    let started = Instant::now();
    let deadline = deadline_after(args.seconds);
    let handles = (0..args.clients)
        .map(|_| tokio::spawn(slots_client(client.clone(), Arc::clone(&url), deadline)))
        .collect();
    let mut tally = join_all(handles).await?;
    let elapsed = started.elapsed().as_secs_f64();

    tally.latencies_us.sort_unstable();
    let ok = tally.count(200);
    let mut out = report_common(args, elapsed, &tally);
    out["office_id"] = office_id;
    out["service_id"] = service_id;
    out["slots_in_response"] = json!(slots_in_response);
    out["ok"] = json!(ok);
    out["ok_per_s"] = json!(round3(ok as f64 / elapsed));
    Ok(out)
}

/// Bookings made before the check-in run, one scan each.
const CHECKIN_BOOKINGS: usize = 10_000;

/// Check-in mode: books [`CHECKIN_BOOKINGS`] places on a fresh office (the server must
/// allow early check-in, `SPORTELLO_CHECKIN_EARLY_MINUTES`, since the slots lie ahead),
/// then `--clients` scanners scan every code once, as fast as they can.
async fn run_checkin(client: &Client, args: &Args, token: Option<&str>) -> Result<Value> {
    let token = token.ok_or("checkin mode needs --token, or --email and --password")?;
    let base = &args.base_url;
    let fixture = create_fixture(client, base, token, COUNTERS).await?;
    let slots = fetch_slots(
        client,
        base,
        &id_str(&fixture.office_id)?,
        &id_str(&fixture.service_id)?,
        BOOK_DAYS,
    )
    .await?;
    let earliest = Utc::now() + chrono::Duration::minutes(5);
    let mut work: Vec<String> = Vec::new();
    for (start, remaining) in &slots {
        let parsed = DateTime::parse_from_rfc3339(start)
            .map_err(|e| format!("slot start {start:?}: {e}"))?;
        if parsed.with_timezone(&Utc) < earliest {
            continue;
        }
        for _ in 0..(*remaining).min(COUNTERS) {
            work.push(start.clone());
        }
        if work.len() >= CHECKIN_BOOKINGS {
            break;
        }
    }
    work.truncate(CHECKIN_BOOKINGS);
    // Book them (64 at a time), keeping the check-in URLs.
    let work = Arc::new(work);
    let cursor = Arc::new(AtomicUsize::new(0));
    let emails = Arc::new(EmailSource {
        run: format!("{}", std::process::id()),
        next: AtomicU64::new(0),
    });
    let urls = Arc::new(tokio::sync::Mutex::new(Vec::new()));
    let mut handles = Vec::new();
    for _ in 0..64 {
        let (client, work, cursor, emails, urls) = (
            client.clone(),
            work.clone(),
            cursor.clone(),
            emails.clone(),
            urls.clone(),
        );
        let (url, office, service) = (
            format!("{base}/api/v1/bookings"),
            fixture.office_id.clone(),
            fixture.service_id.clone(),
        );
        handles.push(tokio::spawn(async move {
            while let Some(start) = work.get(cursor.fetch_add(1, Ordering::Relaxed)) {
                let body = json!({"office_id": office, "service_id": service, "start": start, "party_size": 1,
                                  "citizen": {"name": "Bench", "email": emails.next()}, "language": "it"});
                if let Ok(resp) = client.post(&url).json(&body).send().await
                    && resp.status() == StatusCode::CREATED
                    && let Ok(v) = resp.json::<Value>().await
                    && let Some(u) = v.get("checkin_url").and_then(Value::as_str)
                {
                    urls.lock().await.push(u.to_owned());
                }
            }
        }));
    }
    for h in handles {
        h.await.map_err(|e| format!("booking task: {e}"))?;
    }
    let codes: Vec<String> = std::mem::take(&mut *urls.lock().await);
    if codes.is_empty() {
        return Err("no bookings to check in".into());
    }
    let codes = Arc::new(codes);
    let cursor = Arc::new(AtomicUsize::new(0));
    // Let the server and the database finish the booking wave (WAL flushes, the pool
    // settling) so the figures are about scanning.
    tokio::time::sleep(std::time::Duration::from_secs(2)).await;
    let started = Instant::now();
    let deadline = deadline_after(args.seconds);
    let handles = (0..args.clients)
        .map(|_| {
            let (client, codes, cursor) = (client.clone(), codes.clone(), cursor.clone());
            let (url, token) = (format!("{base}/api/v1/checkins"), token.to_owned());
            tokio::spawn(async move {
                let mut tally = Tally::default();
                while Instant::now() < deadline {
                    let Some(code) = codes.get(cursor.fetch_add(1, Ordering::Relaxed)) else {
                        break;
                    };
                    let t0 = Instant::now();
                    let sent = client
                        .post(&url)
                        .bearer_auth(&token)
                        .json(&json!({"code": code}))
                        .send()
                        .await;
                    match sent {
                        Ok(resp) => {
                            let status = resp.status().as_u16();
                            let _ = resp.bytes().await;
                            tally.latencies_us.push(us_since(t0));
                            *tally.statuses.entry(status).or_default() += 1;
                        }
                        Err(e) => tally.record_error(&e),
                    }
                }
                tally
            })
        })
        .collect();
    let mut tally = join_all(handles).await?;
    let elapsed = started.elapsed().as_secs_f64();
    tally.latencies_us.sort_unstable();
    let ok = tally.count(200);
    let mut out = report_common(args, elapsed, &tally);
    out["office_id"] = fixture.office_id;
    out["codes"] = json!(codes.len());
    out["checkins"] = json!(ok);
    out["checkins_per_s"] = json!(round3(ok as f64 / elapsed));
    Ok(out)
}

/// Fields common to both modes; `tally.latencies_us` must be sorted.
fn report_common(args: &Args, elapsed: f64, tally: &Tally) -> Value {
    let p = percentiles(&tally.latencies_us);
    let statuses: BTreeMap<String, u64> = tally
        .statuses
        .iter()
        .map(|(k, v)| (k.to_string(), *v))
        .collect();
    json!({
        "mode": match args.mode { Mode::Book => "book", Mode::Slots => "slots", Mode::Checkin => "checkin", Mode::Rush => "rush" },
        "base_url": args.base_url,
        "clients": args.clients,
        "seconds": args.seconds,
        "sequential": args.sequential,
        "elapsed_s": round3(elapsed),
        "requests": tally.requests(),
        "requests_per_s": round3(tally.requests() as f64 / elapsed),
        "p50_ms": round3(p.p50),
        "p90_ms": round3(p.p90),
        "p99_ms": round3(p.p99),
        "max_ms": round3(p.max),
        "mean_ms": round3(p.mean),
        "status_counts": statuses,
        "errors": tally.errors,
        "first_error": tally.first_error,
        "first_unexpected": tally.first_unexpected,
    })
}

fn render_text(r: &Value) -> String {
    let get = |k: &str| {
        r.get(k).map_or_else(String::new, |v| match v {
            Value::String(s) => s.clone(),
            other => other.to_string(),
        })
    };
    let mut s = String::new();
    let _ = writeln!(
        s,
        "mode {}  clients {}  elapsed {} s  base {}",
        get("mode"),
        get("clients"),
        get("elapsed_s"),
        get("base_url")
    );
    let _ = writeln!(
        s,
        "office {}  service {}",
        get("office_id"),
        get("service_id")
    );
    if get("mode") == "book" {
        let _ = writeln!(
            s,
            "slots fetched {} (used {}), work items {}{}",
            get("slots_fetched"),
            get("slots_used"),
            get("work_items"),
            if r.get("work_exhausted") == Some(&Value::Bool(true)) {
                "  (ALL TAKEN before the end)"
            } else {
                ""
            }
        );
        let _ = writeln!(
            s,
            "bookings/s {}  ({} bookings, {} conflicts {})",
            get("bookings_per_s"),
            get("bookings"),
            get("conflicts"),
            get("conflict_types")
        );
    } else {
        let _ = writeln!(s, "slots in one response {}", get("slots_in_response"));
        let _ = writeln!(s, "ok/s {}  ({} ok)", get("ok_per_s"), get("ok"));
    }
    let _ = writeln!(
        s,
        "requests/s {}  ({} requests)",
        get("requests_per_s"),
        get("requests")
    );
    let _ = writeln!(
        s,
        "latency ms  p50 {}  p90 {}  p99 {}  max {}  mean {}",
        get("p50_ms"),
        get("p90_ms"),
        get("p99_ms"),
        get("max_ms"),
        get("mean_ms")
    );
    let _ = writeln!(
        s,
        "statuses {}  transport errors {}",
        get("status_counts"),
        get("errors")
    );
    if let Some(e) = r.get("first_error").and_then(Value::as_str) {
        let _ = writeln!(s, "first error: {e}");
    }
    if let Some(e) = r.get("first_unexpected").and_then(Value::as_str) {
        let _ = writeln!(s, "first unexpected answer: {e}");
    }
    s
}

#[tokio::main]
async fn main() -> Result<(), MainError> {
    run().await.map_err(MainError)
}

async fn run() -> Result<()> {
    let Some(args) = parse_args(std::env::args().skip(1))? else {
        println!("{USAGE}");
        return Ok(());
    };

    // Needed when reqwest was built with the server's rustls (no default provider).
    let _ = rustls::crypto::ring::default_provider().install_default();
    let client = Client::builder()
        .pool_max_idle_per_host(args.clients.saturating_mul(2))
        .pool_idle_timeout(Duration::from_secs(90))
        .tcp_nodelay(true)
        .connect_timeout(Duration::from_secs(5))
        .timeout(Duration::from_secs(60))
        .build()?;

    let token = obtain_token(&client, &args).await?;
    let report = match args.mode {
        Mode::Book => run_book(&client, &args, token.as_deref()).await?,
        Mode::Slots => run_slots(&client, &args).await?,
        Mode::Checkin => run_checkin(&client, &args, token.as_deref()).await?,
        Mode::Rush => rush::run(&client, &args, token.as_deref()).await?,
    };

    if args.json {
        println!("{}", serde_json::to_string(&report)?);
    } else {
        if args.mode == Mode::Rush {
            println!("{}", serde_json::to_string_pretty(&report)?);
        } else {
            print!("{}", render_text(&report));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(v: &[&str]) -> Result<Option<Args>> {
        parse_args(v.iter().map(|s| (*s).to_owned()))
    }

    #[test]
    fn parses_flags() {
        let a = parse(&[
            "--base-url=http://x:1/",
            "--mode",
            "slots",
            "--clients",
            "8",
            "--seconds",
            "2.5",
            "--json",
            "--office",
            "3",
        ])
        .unwrap()
        .unwrap();
        assert_eq!(a.base_url, "http://x:1");
        assert_eq!(a.mode, Mode::Slots);
        assert_eq!(a.clients, 8);
        assert!((a.seconds - 2.5).abs() < 1e-9);
        assert!(a.json);
        assert_eq!(a.office.as_deref(), Some("3"));
    }

    #[test]
    fn defaults_and_errors() {
        let a = parse(&[]).unwrap().unwrap();
        assert_eq!(a.base_url, "http://127.0.0.1:8080");
        assert_eq!(a.clients, 64);
        assert_eq!(a.mode, Mode::Book);
        assert!(parse(&["--help"]).unwrap().is_none());
        assert!(parse(&["--clients", "0"]).is_err());
        assert!(parse(&["--mode", "x"]).is_err());
        assert!(parse(&["--seconds"]).is_err());
        assert!(parse(&["--bogus"]).is_err());
    }

    #[test]
    fn rush_defaults_to_five_thousand_citizens_over_a_minute() {
        let a = parse(&["--mode", "rush"]).unwrap().unwrap();
        assert_eq!((a.citizens, a.counters), (5000, 20));
        assert!((a.seconds - 60.0).abs() < 1e-9);
        let a = parse(&[
            "--seconds",
            "10",
            "--mode",
            "rush",
            "--citizens",
            "300",
            "--counters",
            "4",
        ])
        .unwrap()
        .unwrap();
        assert_eq!((a.citizens, a.counters), (300, 4));
        assert!((a.seconds - 10.0).abs() < 1e-9);
        assert!(parse(&["--mode", "rush", "--citizens", "0"]).is_err());
    }

    #[test]
    fn nearest_rank_percentiles() {
        let v: Vec<u64> = (1..=100).map(|i| i * 1000).collect();
        let p = percentiles(&v);
        assert!((p.p50 - 50.0).abs() < 1e-9);
        assert!((p.p90 - 90.0).abs() < 1e-9);
        assert!((p.p99 - 99.0).abs() < 1e-9);
        assert!((p.max - 100.0).abs() < 1e-9);
        let e = percentiles(&[]);
        assert!(e.p50.abs() < 1e-9);
    }

    #[test]
    fn ids() {
        assert_eq!(id_str(&json!(7)).unwrap(), "7");
        assert_eq!(id_str(&json!("a-b")).unwrap(), "a-b");
        assert!(id_str(&json!(null)).is_err());
        assert_eq!(id_json("12"), json!(12));
        assert_eq!(id_json("x"), json!("x"));
    }
}
