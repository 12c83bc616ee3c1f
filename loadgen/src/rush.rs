//! `--mode rush` (issue 19): the 08:00 rush on a newly opened day. A fresh office opens
//! one morning of 10-minute slots (`--counters` places each); `--citizens` citizens
//! arrive over `--seconds`, most of them at the opening, and each does what the pages do: list the
//! days, list the day's times, take a hold (most on the first, popular time), then book
//! it after reading the form. A hold refused (409) sends the citizen back to the times,
//! at most three times, then they give up; a few wait long before confirming. Reported:
//! bookings against capacity, p50/p99 per step, and errors (every answer other than
//! 200/201 and the 409/422 that are by design, and every transport error).

use std::{collections::BTreeMap, sync::Arc, time::Duration};

use chrono::{NaiveDate, Utc};
use reqwest::{Client, StatusCode};
use serde_json::{Value, json};
use tokio::time::Instant;

use super::{Args, Result, Tally, add_days, date, id_str, percentiles, round3, us_since};

/// The morning that opens: 08:00-12:00 of one day, 24 slots of 10 minutes.
const OPENS: &str = "08:00";
const CLOSES: &str = "12:00";
const SLOTS_IN_MORNING: u64 = 24;

/// The steps a citizen goes through, in order.
const STEPS: [&str; 4] = ["days", "times", "hold", "book"];

struct Rush {
    client: Client,
    base: String,
    office: String,
    service: String,
    day: NaiveDate,
    start: Instant,
    citizens: usize,
    window: f64,
    late_seconds: f64,
    run: String,
}

/// What one citizen saw: a tally per step, and how it ended.
#[derive(Default)]
struct Outcome {
    steps: BTreeMap<&'static str, Tally>,
    booked: bool,
    /// Three holds refused (someone else was faster each time).
    gave_up: bool,
    /// The day's list came back empty: the morning was full.
    sold_out: bool,
    hold_lost: bool,
}

/// A small xorshift per citizen: runs are repeatable without a rand crate.
struct Dice(u64);

impl Dice {
    fn roll(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

/// Sends one request of a step, recording its latency and status; answers the status
/// and the body when the request got an answer.
async fn step(
    out: &mut Outcome,
    name: &'static str,
    req: reqwest::RequestBuilder,
) -> Option<(StatusCode, Value)> {
    let tally = out.steps.entry(name).or_default();
    let t0 = Instant::now();
    let sent = req.send().await;
    let answer = match sent {
        Ok(resp) => {
            let status = resp.status();
            resp.bytes().await.map(|b| (status, b))
        }
        Err(e) => Err(e),
    };
    tally.latencies_us.push(us_since(t0));
    match answer {
        Ok((status, bytes)) => {
            *tally.statuses.entry(status.as_u16()).or_default() += 1;
            let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
            let by_design = [200, 201, 409, 422].contains(&status.as_u16());
            if !by_design && tally.first_unexpected.is_none() {
                tally.first_unexpected = Some(format!("{name}: {status}: {body}"));
            }
            Some((status, body))
        }
        Err(e) => {
            tally.record_error(&e);
            None
        }
    }
}

fn starts(body: &Value) -> Vec<String> {
    body.get("slots")
        .and_then(Value::as_array)
        .map(|slots| {
            slots
                .iter()
                .filter_map(|s| s.get("start").and_then(Value::as_str).map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

async fn citizen(r: Arc<Rush>, i: usize) -> Outcome {
    let mut out = Outcome::default();
    let mut dice = Dice(0x9E37_79B9_7F4A_7C15 ^ (i as u64 + 1).wrapping_mul(0x2545_F491_4F6C_DD1D));
    // The crowd comes at the opening: arrivals thin out over the window (the i-th at
    // window × (i/n)², so a quarter of everyone arrives in the first 6% of it).
    let share = i as f64 / r.citizens as f64;
    let arrival = r.window * share * share;
    tokio::time::sleep_until(r.start + Duration::from_secs_f64(arrival)).await;
    let slots = |from: NaiveDate, to: NaiveDate| {
        format!(
            "{}/api/v1/offices/{}/services/{}/slots?from={}&to={}",
            r.base,
            r.office,
            r.service,
            date(from),
            date(to)
        )
    };
    let today = Utc::now().date_naive();
    let Ok(two_weeks) = add_days(today, 13) else {
        return out;
    };
    step(&mut out, "days", r.client.get(slots(today, two_weeks))).await;
    let mut hold = None;
    for _ in 0..3 {
        let Some((StatusCode::OK, body)) =
            step(&mut out, "times", r.client.get(slots(r.day, r.day))).await
        else {
            break;
        };
        let times = starts(&body);
        if times.is_empty() {
            out.sold_out = true;
            break;
        }
        // Most want the first time of the morning; the rest take one of the first few.
        let pick = if dice.roll(10) < 6 {
            0
        } else {
            dice.roll(times.len().min(6) as u64) as usize
        };
        let req = r
            .client
            .post(format!("{}/api/v1/holds", r.base))
            .json(&json!({
                "office_id": super::id_json(&r.office),
                "service_id": super::id_json(&r.service),
                "start": times[pick],
                "party_size": 1,
            }));
        match step(&mut out, "hold", req).await {
            Some((StatusCode::CREATED, body)) => {
                hold = body
                    .get("hold_id")
                    .and_then(Value::as_str)
                    .map(|h| (h.to_owned(), times[pick].clone()));
                break;
            }
            Some((StatusCode::CONFLICT, _)) => continue,
            _ => break,
        }
    }
    let Some((hold, start)) = hold else {
        out.gave_up = !out.sold_out;
        return out;
    };
    // Reading and filling in the form; a few leave it open a long while.
    let think = if dice.roll(100) < 3 {
        r.late_seconds
    } else {
        1.0 + dice.roll(3000) as f64 / 1000.0
    };
    tokio::time::sleep(Duration::from_secs_f64(think)).await;
    let req = r.client.post(format!("{}/api/v1/bookings", r.base)).json(&json!({
        "office_id": super::id_json(&r.office),
        "service_id": super::id_json(&r.service),
        "hold_id": hold,
        "start": start,
        "party_size": 1,
        "citizen": {"name": "Cittadina Rush", "email": format!("rush-{}-{i}@example.org", r.run)},
        "language": "it",
    }));
    match step(&mut out, "book", req).await {
        Some((StatusCode::CREATED, _)) => out.booked = true,
        Some((StatusCode::CONFLICT, _)) => out.hold_lost = true,
        _ => {}
    }
    out
}

/// The office of the rush: one big room, `counters` counters of one 10-minute service,
/// open only on the morning of `day`.
async fn fixture(
    client: &Client,
    base: &str,
    token: &str,
    counters: usize,
    day: NaiveDate,
) -> Result<(String, String)> {
    let run = Utc::now().format("%Y%m%d-%H%M%S");
    let (office, service) = super::create_office(
        client,
        base,
        token,
        &super::OfficeSpec {
            name: format!("Rush office {run}"),
            service: json!({"name": "Carta d'identità (open day)", "duration_minutes": 10,
                "horizon_days": 60, "min_notice_minutes": 0, "no_show_grace_minutes": 15,
                "max_active_per_citizen": 1}),
            counters,
            hours: (OPENS, CLOSES),
            valid: (day, day),
        },
    )
    .await?;
    Ok((id_str(&office)?, id_str(&service)?))
}

/// Runs the rush and answers its report.
pub(super) async fn run(client: &Client, args: &Args, token: Option<&str>) -> Result<Value> {
    let token = token.ok_or("rush mode needs --token, or --email and --password")?;
    let base = args.base_url.clone();
    let day = add_days(Utc::now().date_naive(), 1)?;
    let (office, service) = fixture(client, &base, token, args.counters, day).await?;
    let capacity = args.counters as u64 * SLOTS_IN_MORNING;
    let rush = Arc::new(Rush {
        client: client.clone(),
        base,
        office: office.clone(),
        service: service.clone(),
        day,
        start: Instant::now(),
        citizens: args.citizens,
        window: args.seconds,
        late_seconds: args.late_seconds,
        run: Utc::now().format("%H%M%S").to_string(),
    });
    let began = Instant::now();
    let handles: Vec<_> = (0..args.citizens)
        .map(|i| tokio::spawn(citizen(rush.clone(), i)))
        .collect();
    let mut steps: BTreeMap<&'static str, Tally> = BTreeMap::new();
    let (mut booked, mut gave_up, mut sold_out, mut hold_lost) = (0u64, 0u64, 0u64, 0u64);
    for h in handles {
        let o = h.await?;
        booked += u64::from(o.booked);
        gave_up += u64::from(o.gave_up);
        sold_out += u64::from(o.sold_out);
        hold_lost += u64::from(o.hold_lost);
        for (k, t) in o.steps {
            steps.entry(k).or_default().merge(t);
        }
    }
    let elapsed = began.elapsed().as_secs_f64();
    let mut errors = 0u64;
    let mut first_unexpected = None;
    let mut per_step = serde_json::Map::new();
    for name in STEPS {
        let Some(t) = steps.get_mut(name) else {
            continue;
        };
        t.latencies_us.sort_unstable();
        let p = percentiles(&t.latencies_us);
        let unexpected: u64 = t
            .statuses
            .iter()
            .filter(|(s, _)| ![200, 201, 409, 422].contains(*s))
            .map(|(_, n)| n)
            .sum();
        errors += unexpected + t.errors;
        if first_unexpected.is_none() {
            first_unexpected = t.first_unexpected.clone().or_else(|| t.first_error.clone());
        }
        per_step.insert(
            name.to_string(),
            json!({
                "requests": t.requests(),
                "p50_ms": round3(p.p50),
                "p99_ms": round3(p.p99),
                "max_ms": round3(p.max),
                "statuses": t.statuses.iter().map(|(k, v)| (k.to_string(), *v)).collect::<BTreeMap<_, _>>(),
            }),
        );
    }
    Ok(json!({
        "mode": "rush",
        "base_url": args.base_url,
        "office_id": office,
        "service_id": service,
        "citizens": args.citizens,
        "window_s": args.seconds,
        "elapsed_s": round3(elapsed),
        "capacity": capacity,
        "booked": booked,
        "booked_of_capacity": round3(booked as f64 / capacity as f64),
        "gave_up": gave_up,
        "sold_out": sold_out,
        "hold_lost": hold_lost,
        "errors": errors,
        "first_unexpected": first_unexpected,
        "steps": per_step,
    }))
}
