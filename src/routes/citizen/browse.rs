//! Choosing an office, a service, a day and a time.

use std::collections::{BTreeMap, HashMap};

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Query, State},
    http::HeaderMap,
    response::{IntoResponse, Response},
};
use chrono::{Duration, NaiveDate};

use super::here;
use crate::{
    error::AppError,
    extract::AppPath,
    extract::parse_id,
    service::{
        booking::slots::{self, SlotView},
        directory::DayNote,
    },
    state::AppState,
    web::{Csrf, PageError, Tr, fl, negotiate, page, remember_lang},
};

type Params = Query<HashMap<String, String>>;

pub(super) fn finish(
    mut resp: Response,
    params: &HashMap<String, String>,
    lang: crate::domain::Language,
) -> Response {
    if params.contains_key("lang") {
        remember_lang(&mut resp, lang);
    }
    resp
}

#[derive(Template, WebTemplate)]
#[template(path = "citizen/accessibility.html")]
struct AccessibilityPage {
    t: &'static Tr,
    here: String,
    institution: String,
    feedback_email: Option<String>,
    statement_date: String,
    review_date: String,
    version: String,
    base_url: String,
    statement_id: Option<String>,
}

/// The accessibility statement required of Italian public-sector sites, on AgID's model
/// (the official one is published on form.agid.gov.it; this is its copy for citizens, in
/// their language).
pub async fn accessibility(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(params): Query<HashMap<String, String>>,
) -> Response {
    let lang = negotiate(params.get("lang").map(String::as_str), &headers);
    let t = Tr::of(lang);
    let site = &state.config.institution;
    let (y, m, d) = crate::config::ACCESSIBILITY_CHECKED;
    let checked = NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default();
    let drafted = site.accessibility_drafted.unwrap_or(checked);
    let reviewed = site.accessibility_reviewed.unwrap_or(drafted);
    let resp = AccessibilityPage {
        t,
        here: here("/accessibility"),
        institution: site.name.clone(),
        feedback_email: site.email.clone(),
        statement_date: t.long_date(drafted),
        review_date: t.long_date(reviewed),
        version: env!("CARGO_PKG_VERSION").to_string(),
        base_url: state.config.http.base_url.clone(),
        statement_id: site.agid_statement_id.clone(),
    }
    .into_response();
    finish(resp, &params, lang)
}

#[derive(Template, WebTemplate)]
#[template(path = "citizen/privacy.html")]
struct PrivacyPage {
    t: &'static Tr,
    here: String,
    controller: String,
    privacy_email: Option<String>,
    dpo_email: Option<String>,
    retention_days: i64,
    /// Citizens can log in with SPID or CIE: the notice says what that brings.
    identity: bool,
}

#[derive(Template, WebTemplate)]
#[template(path = "citizen/legal.html")]
struct LegalPage {
    t: &'static Tr,
    here: String,
}

/// The legal notes of the footer ("note legali"): who runs the service and on what terms.
/// The installation's details come from [`crate::web::site`].
pub async fn legal(headers: HeaderMap, Query(params): Params) -> Response {
    let lang = negotiate(params.get("lang").map(String::as_str), &headers);
    let resp = LegalPage {
        t: Tr::of(lang),
        here: here("/legal"),
    }
    .into_response();
    finish(resp, &params, lang)
}

/// The privacy notice (GDPR arts. 13–14) the consent box refers to, with the controller
/// and contacts of the installation and the retention it is configured with.
pub async fn privacy(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(params): Params,
) -> Response {
    let lang = negotiate(params.get("lang").map(String::as_str), &headers);
    let institution = &state.config.institution;
    let resp = PrivacyPage {
        t: Tr::of(lang),
        here: here("/privacy"),
        controller: institution.name.clone(),
        privacy_email: institution.privacy_email.clone(),
        dpo_email: institution.dpo_email.clone(),
        retention_days: state.config.booking.retention_days,
        identity: state
            .config
            .identity
            .for_audience(crate::config::Audience::Citizens)
            .next()
            .is_some(),
    }
    .into_response();
    finish(resp, &params, lang)
}

/// One day of the calendar list.
struct DayLink {
    /// "lunedì 30 marzo 2026, 12 orari liberi"
    text: String,
    count: usize,
    url: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "citizen/calendar.html")]
struct CalendarPage {
    t: &'static Tr,
    here: String,
    service_name: String,
    office_name: String,
    office_address: String,
    days: Vec<DayLink>,
    earlier_url: Option<String>,
    later_url: Option<String>,
    /// None for a service only for logged-in citizens (it has no waiting list).
    waitlist_url: Option<String>,
    /// Only logged-in citizens (SPID, CIE) may book it: said before the days.
    login_required: bool,
}

/// How many days the calendar shows at a time.
const DAYS_SHOWN: i64 = 14;

/// The days of the next two weeks (or from `?from=`), each with its number of free times.
pub async fn calendar(
    State(state): State<AppState>,
    headers: HeaderMap,
    AppPath((office_id, service_id)): AppPath<(String, String)>,
    Query(params): Params,
) -> Result<Response, PageError> {
    let lang = negotiate(params.get("lang").map(String::as_str), &headers);
    let t = Tr::of(lang);
    let (office_id, service_id) = (
        parse_id(&office_id).map_err(page(lang))?,
        parse_id(&service_id).map_err(page(lang))?,
    );
    let now = state.clock.now();
    let setup = crate::service::directory::office(&state.db, office_id)
        .await
        .map_err(page(lang))?;
    let service = setup.service(service_id).map_err(page(lang))?.clone();
    let today = crate::domain::schedule::local_date(setup.tz, now);
    let from = params
        .get("from")
        .and_then(|d| crate::domain::schedule::parse_date(d))
        .unwrap_or(today)
        .max(today);
    let to = from + Duration::days(DAYS_SHOWN - 1);
    let list = slots::list_slots(&state.db, office_id, service_id, from, to, now)
        .await
        .map_err(page(lang))?;
    let counts = count_by_date(&list.slots);
    let base = format!("/book/{office_id}/{service_id}");
    let horizon_end = today + Duration::days(i64::from(service.horizon_days));
    let days = (0..DAYS_SHOWN)
        .map(|i| from + Duration::days(i))
        .map(|date| {
            let count = counts.get(&date).copied().unwrap_or(0);
            // A day without a free time says why: closed (and why), not open that
            // weekday, not yet bookable, or fully booked.
            let free = if count > 0 {
                fl!(t, "citizen-free-count", count = count)
            } else {
                match setup.day_note(date, horizon_end) {
                    DayNote::Closed(reason) if reason.trim().is_empty() => {
                        fl!(t, "citizen-day-closed")
                    }
                    DayNote::Closed(reason) => {
                        fl!(t, "citizen-day-closed-because", reason = reason.trim())
                    }
                    DayNote::NoHours => fl!(t, "citizen-day-no-hours"),
                    DayNote::TooFar => fl!(t, "citizen-day-too-far"),
                    DayNote::Full => fl!(t, "citizen-day-full"),
                }
            };
            DayLink {
                text: fl!(t, "citizen-day-free", date = t.long_date(date), free = free),
                count,
                url: format!("{base}/{date}?lang={}", t.code()),
            }
        })
        .collect();
    let earlier_url = (from > today).then(|| {
        let back = (from - Duration::days(DAYS_SHOWN)).max(today);
        format!("{base}?from={back}&lang={}", t.code())
    });
    let later_url = (to < horizon_end)
        .then(|| format!("{base}?from={}&lang={}", to + Duration::days(1), t.code()));
    let resp = CalendarPage {
        t,
        here: here(&format!("{base}?from={from}")),
        service_name: service.in_language(t.code()).name,
        office_name: setup.name.clone(),
        office_address: setup.address.clone(),
        days,
        earlier_url,
        later_url,
        waitlist_url: (!service.login_required)
            .then(|| format!("/waitlist/join/{office_id}/{service_id}?lang={}", t.code())),
        login_required: service.login_required,
    }
    .into_response();
    Ok(finish(resp, &params, lang))
}

/// A time to choose.
pub(super) struct Choice {
    pub value: String,
    pub label: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "citizen/day.html")]
pub(super) struct DayPage {
    pub t: &'static Tr,
    pub here: String,
    pub heading: String,
    pub service_name: String,
    pub office_name: String,
    pub office_id: i32,
    pub service_id: i32,
    pub csrf: String,
    pub taken: bool,
    pub choices: Vec<Choice>,
    pub back_url: String,
    /// The day, `YYYY-MM-DD` (for the waiting-list link).
    pub date: String,
    /// The service has a waiting list (not one only for logged-in citizens).
    pub waitlist: bool,
}

/// The free times of one day.
pub async fn day(
    State(state): State<AppState>,
    headers: HeaderMap,
    AppPath((office_id, service_id, date)): AppPath<(String, String, String)>,
    Query(params): Params,
) -> Result<Response, PageError> {
    let lang = negotiate(params.get("lang").map(String::as_str), &headers);
    let (office_id, service_id) = (
        parse_id(&office_id).map_err(page(lang))?,
        parse_id(&service_id).map_err(page(lang))?,
    );
    let date = crate::domain::schedule::parse_date(&date)
        .ok_or(())
        .map_err(|_| AppError::not_found("There is no such day."))
        .map_err(page(lang))?;
    let csrf = Csrf::from_headers(&headers).map_err(page(lang))?;
    let mut resp = day_page(&state, lang, office_id, service_id, date, None, &csrf.token)
        .await
        .map_err(page(lang))?
        .into_response();
    csrf.apply(&mut resp);
    Ok(finish(resp, &params, lang))
}

/// Builds the day page; with `taken`, the time just taken is named and the nearest free
/// times (over the next week) are offered instead of the day's.
pub(super) async fn day_page(
    state: &AppState,
    lang: crate::domain::Language,
    office_id: i32,
    service_id: i32,
    date: NaiveDate,
    taken: Option<chrono::DateTime<chrono::Utc>>,
    csrf: &str,
) -> Result<DayPage, AppError> {
    let t = Tr::of(lang);
    let now = state.clock.now();
    let setup = crate::service::directory::office(&state.db, office_id).await?;
    let service = setup.service(service_id)?.clone();
    let to = if taken.is_some() {
        date + Duration::days(6)
    } else {
        date
    };
    let list = slots::list_slots(&state.db, office_id, service_id, date, to, now).await?;
    let mut free: Vec<SlotView> = list.slots;
    if let Some(wanted) = taken {
        free.sort_by_key(|s| {
            crate::service::booking::placement::parse_instant("start", &s.start)
                .map(|s| (s - wanted).num_seconds().abs())
                .unwrap_or(i64::MAX)
        });
        // Nearest first: the time closest to the one just lost is the likeliest choice.
        free.truncate(6);
    }
    let choices = free
        .iter()
        .map(|s| {
            let day = s.start.get(..10).unwrap_or_default();
            let time = s.start.get(11..16).unwrap_or_default().to_string();
            let label = match NaiveDate::parse_from_str(day, "%Y-%m-%d") {
                Ok(d) if d != date => {
                    fl!(t, "citizen-date-time", date = t.long_date(d), time = time)
                }
                _ => time,
            };
            Choice {
                value: s.start.clone(),
                label,
            }
        })
        .collect();
    let base = format!("/book/{office_id}/{service_id}");
    Ok(DayPage {
        t,
        here: here(&format!("{base}/{date}")),
        heading: t.long_date(date),
        service_name: service.in_language(t.code()).name,
        office_name: setup.name.clone(),
        office_id,
        service_id,
        csrf: csrf.to_string(),
        taken: taken.is_some(),
        choices,
        back_url: format!("{base}?from={date}&lang={}", t.code()),
        date: date.to_string(),
        waitlist: !service.login_required,
    })
}

/// Free-slot counts per local date (the slots' own offsets give their local date).
pub fn count_by_date(slots: &[SlotView]) -> BTreeMap<NaiveDate, usize> {
    let mut out = BTreeMap::new();
    for s in slots {
        if let Some(Ok(d)) = s
            .start
            .get(..10)
            .map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d"))
        {
            *out.entry(d).or_insert(0) += 1;
        }
    }
    out
}
