//! Opening hours: the saved periods and the weekly editor.

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    body::Bytes,
    extract::{Query, State},
    response::{IntoResponse, Response},
};
use serde::Deserialize;

use super::{
    Params, Sent, common,
    impact::{Shown, impact_page},
    int, office_param, opt, setup_of,
};
use crate::{
    domain::schedule,
    routes::staff::{Nav, Session},
    service::office::hours::{self, OpeningHoursInput},
    state::AppState,
    web::{PageError, Tr, fl},
};

/// The fields of its form (absent ones empty: numbers are parsed with field errors).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct PutHoursForm {
    close: Vec<String>,
    open: Vec<String>,
    office: String,
    valid_from: String,
    valid_to: String,
}

/// One weekday of the editor: its two ranges as (opens, closes) texts.
struct DayRow {
    n: usize,
    name: String,
    ranges: [(String, String); 2],
}

#[derive(Template, WebTemplate)]
#[template(path = "staff/manage/hours.html")]
struct HoursPage {
    t: &'static Tr,
    nav: Nav,
    office_id: i32,
    /// (valid from, valid to, summary of the week)
    periods: Vec<(String, String, String)>,
    days: Vec<DayRow>,
    today: String,
    saved: bool,
}

const DAY_KEYS: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// `GET /manage/hours?office=`: the saved periods, and the editor filled with the hours
/// that apply today.
pub async fn show_hours(
    State(state): State<AppState>,
    session: Session,
    Query(q): Params,
) -> Result<Response, PageError> {
    let c = common(&state, &session, office_param(&q), "/manage/hours").await?;
    let setup = setup_of(&state, &session, c.office_id).await?;
    let today = schedule::local_date(setup.tz, state.clock.now());
    let mut starts: Vec<_> = setup
        .hours
        .iter()
        .map(|r| (r.valid_from, r.valid_to))
        .collect();
    starts.sort();
    starts.dedup();
    let hm = |t: chrono::NaiveTime| t.format("%H:%M").to_string();
    let periods = starts
        .iter()
        .map(|(from, to)| {
            let week: Vec<String> = (1..=7)
                .map(|wd| {
                    let ranges: Vec<String> = setup
                        .hours
                        .iter()
                        .filter(|r| r.valid_from == *from && r.weekday == wd && r.opens < r.closes)
                        .map(|r| c.t.time_range(&hm(r.opens), &hm(r.closes)))
                        .collect();
                    let short = c.t.short_weekday(wd);
                    if ranges.is_empty() {
                        format!("{short} {}", fl!(c.t, "manager-closed"))
                    } else {
                        format!("{short} {}", ranges.join(", "))
                    }
                })
                .collect();
            (
                from.to_string(),
                to.map_or_else(|| fl!(c.t, "manager-open-ended"), |t| t.to_string()),
                week.join(" · "),
            )
        })
        .collect();
    // The editor starts from the week that applies today (first seven days from today).
    let days = (0..7)
        .map(|i| {
            let date = today + chrono::Duration::days(i);
            let wd = chrono::Datelike::weekday(&date).num_days_from_monday() as usize;
            let ranges = schedule::ranges_on(&setup.hours, date);
            let pick = |k: usize| {
                ranges
                    .get(k)
                    .map(|(o, c)| (hm(*o), hm(*c)))
                    .unwrap_or_default()
            };
            (wd, [pick(0), pick(1)])
        })
        .collect::<HashMap<_, _>>();
    let days = (0..7usize)
        .map(|n| DayRow {
            n,
            name: fl!(c.t, "manager-weekday", day = (n as i64 + 1)),
            ranges: days.get(&n).cloned().unwrap_or_default(),
        })
        .collect();
    Ok(HoursPage {
        t: c.t,
        office_id: c.office_id,
        nav: c.nav,
        periods,
        days,
        today: today.to_string(),
        saved: q.contains_key("saved"),
    }
    .into_response())
}

/// `POST /manage/hours`: preview or save a schedule period.
pub async fn put_hours(
    State(state): State<AppState>,
    session: Session,
    body: Bytes,
) -> Result<Response, PageError> {
    let f = Sent::<PutHoursForm>::read(&body, &session)?;
    let office_id = int("office", &f.data.office).map_err(|e| session.page_error(e))?;
    let c = common(&state, &session, Some(office_id), "/manage/hours").await?;
    // Each weekday row sends two ranges, as `open` and `close` in order: Monday's
    // morning, Monday's afternoon, Tuesday's morning, … (an empty time is sent empty).
    let weekly = DAY_KEYS
        .iter()
        .enumerate()
        .map(|(n, key)| {
            let ranges = (0..2)
                .filter_map(|k| {
                    let at = |v: &[String]| {
                        v.get(n * 2 + k)
                            .map(|t| t.trim().to_string())
                            .unwrap_or_default()
                    };
                    let (o, c) = (at(&f.data.open), at(&f.data.close));
                    (!o.is_empty() || !c.is_empty()).then_some([o, c])
                })
                .collect();
            ((*key).to_string(), ranges)
        })
        .collect();
    let input = OpeningHoursInput {
        valid_from: f.data.valid_from.trim().to_string(),
        valid_to: opt(&f.data.valid_to),
        weekly,
    };
    // Each weekday's hours before the change (on its first day on or after the new
    // period's start) and as the form asks, read before saving changes them.
    let before = setup_of(&state, &session, office_id).await?;
    let t = c.t;
    let words = |ranges: &[(String, String)]| {
        if ranges.is_empty() {
            fl!(t, "citizen-office-closed")
        } else {
            ranges
                .iter()
                .map(|(o, c)| t.time_range(o, c))
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    let start = schedule::parse_date(&input.valid_from);
    let hours_change = start
        .map(|start| {
            DAY_KEYS
                .iter()
                .enumerate()
                .map(|(n, key)| {
                    let date = (0..7)
                        .map(|i| start + chrono::Duration::days(i))
                        .find(|d| chrono::Datelike::weekday(d).num_days_from_monday() as usize == n)
                        .unwrap_or(start);
                    let old: Vec<(String, String)> = schedule::ranges_on(&before.hours, date)
                        .into_iter()
                        .map(|(o, c)| {
                            (o.format("%H:%M").to_string(), c.format("%H:%M").to_string())
                        })
                        .collect();
                    let new: Vec<(String, String)> = input
                        .weekly
                        .get(*key)
                        .map(|r| {
                            r.iter()
                                .filter(|[o, c]| !o.is_empty() && !c.is_empty())
                                .map(|[o, c]| (o.clone(), c.clone()))
                                .collect()
                        })
                        .unwrap_or_default();
                    (t.weekday(date), words(&old), words(&new))
                })
                .collect()
        })
        .unwrap_or_default();
    let view = hours::put_opening_hours(
        &state.db,
        &session.actor,
        office_id,
        &input,
        !f.saving(),
        state.clock.now(),
    )
    .await
    .map_err(|e| session.page_error(e))?;
    let change = match view.valid_to.as_deref() {
        Some(to) => fl!(
            c.t,
            "manager-change-hours-until",
            from = view.valid_from.as_str(),
            to = to
        ),
        None => fl!(c.t, "manager-change-hours", from = view.valid_from.as_str()),
    };
    impact_page(
        &state,
        &session,
        c,
        Shown {
            hours: hours_change,
            impact: view.impact.unwrap_or_default(),
            change,
            saving: f.saving(),
            replay: f.replay(),
            action: "/manage/hours",
            back: "/manage/hours",
        },
    )
    .await
}
