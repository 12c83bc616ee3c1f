//! The managers' pages: offices, rooms and limits, services and counters, opening hours,
//! closures with the holiday import, capacity rules, the audit log and statistics. Every
//! change that can leave bookings over a limit or outside the opening hours goes through
//! the same two steps: "show the effect" (the service's dry run) and "save", after which
//! the same list comes with "notify these citizens". Nothing here decides anything: the
//! forms are read, the services do the work, the templates draw the result.

use crate::service::office::counters;
use crate::service::office::hours;
use crate::service::office::offices;
use crate::service::office::rooms;
use crate::service::office::services;
use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    Form,
    extract::{Query, State},
    response::{IntoResponse, Redirect, Response},
};

use super::{Nav, Session, login::urlencode};
use crate::{
    domain::{Role, schedule},
    error::AppError,
    extract::AppPath,
    routes::api::public::parse_id,
    service::{
        audit::{self, AuditEntry, AuditQuery},
        changes::rebook::{self, NotifyInput, NotifyOutcome},
        office::{
            closures::{self, ClosureInput, ClosureView, HolidayImport, PatronDay},
            counters::CounterInput,
            hours::OpeningHoursInput,
            lookup,
            offices::{OfficeInput, OfficeView},
            rooms::RoomInput,
            rules::{self, Impact, RoomLimitInput, RuleInput, RuleView},
            services::{ServiceInput, ServiceView},
            setup::OfficeSetup,
            stats::{self, StatsQuery, StatsRow},
        },
    },
    state::AppState,
    web::{ManagerTexts, PageError, StaffTexts, chart},
};

type Params = Query<HashMap<String, String>>;
type Fields = Form<Vec<(String, String)>>;

/// The submitted fields of a form, repeated names kept (weekdays, services).
struct F<'a>(&'a [(String, String)]);

impl F<'_> {
    fn get(&self, name: &str) -> String {
        self.0
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default()
    }

    fn opt(&self, name: &str) -> Option<String> {
        Some(self.get(name)).filter(|v| !v.is_empty())
    }

    fn all(&self, name: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.trim().to_string())
            .collect()
    }

    fn int(&self, name: &str) -> Result<i32, AppError> {
        self.get(name)
            .parse()
            .map_err(|_| AppError::invalid(name, "must be a whole number"))
    }

    /// An optional number: absent or empty is `None`, anything else must parse (a typo
    /// must not turn "this counter" into "the whole office").
    fn opt_int(&self, name: &str) -> Result<Option<i32>, AppError> {
        self.opt(name)
            .map(|v| {
                v.parse()
                    .map_err(|_| AppError::invalid(name, "must be a whole number"))
            })
            .transpose()
    }

    fn saving(&self) -> bool {
        self.get("do") == "save"
    }

    /// The fields to send again with "save" after a preview.
    fn replay(&self) -> Vec<(String, String)> {
        self.0
            .iter()
            .filter(|(k, _)| k != "csrf" && k != "do")
            .cloned()
            .collect()
    }
}

/// The parts every manager page has.
struct Common {
    s: &'static StaffTexts,
    m: &'static ManagerTexts,
    nav: Nav,
    office_id: i32,
}

/// Checks the session may manage the office asked for (its managers, admins).
async fn common(
    state: &AppState,
    session: &Session,
    requested: Option<i32>,
    path: &str,
) -> Result<Common, PageError> {
    let office_id = session.office(state, requested).await?;
    session
        .actor
        .require(Role::Manager, office_id)
        .map_err(|e| session.page_error(e))?;
    let sep = if path.contains('?') { '&' } else { '?' };
    Ok(Common {
        s: session.texts(),
        m: ManagerTexts::of(session.lang),
        nav: Nav::new(
            session,
            office_id,
            &format!("{path}{sep}office={office_id}"),
        ),
        office_id,
    })
}

fn office_param(q: &HashMap<String, String>) -> Option<i32> {
    q.get("office").and_then(|v| v.trim().parse().ok())
}

async fn setup_of(
    state: &AppState,
    session: &Session,
    office_id: i32,
) -> Result<std::sync::Arc<OfficeSetup>, PageError> {
    state
        .db
        .setups
        .get(&state.db.conn, office_id)
        .await
        .map_err(|e| session.page_error(e))
}

fn back(path: &str, office_id: i32, session: &Session) -> Response {
    Redirect::to(&format!(
        "{path}?office={office_id}&lang={}&saved=1",
        session.lang.code()
    ))
    .into_response()
}

// ---------------------------------------------------------------- home and offices

#[derive(Template, WebTemplate)]
#[template(path = "staff/manage/home.html")]
struct HomePage {
    s: &'static StaffTexts,
    m: &'static ManagerTexts,
    nav: Nav,
    offices: Vec<OfficeView>,
    current: i32,
    admin: bool,
    saved: bool,
    no_show_email: bool,
}

/// `GET /manage?office=`.
pub async fn home(
    State(state): State<AppState>,
    session: Session,
    Query(q): Params,
) -> Result<Response, PageError> {
    let c = common(&state, &session, office_param(&q), "/manage").await?;
    let admin = session.actor.role == Role::Admin;
    let offices = offices::list_offices(&state.db)
        .await
        .map_err(|e| session.page_error(e))?
        .into_iter()
        .filter(|o| admin || o.id == c.office_id)
        .collect();
    let office = lookup::find_office(&state.db, c.office_id)
        .await
        .map_err(|e| session.page_error(e))?;
    Ok(HomePage {
        no_show_email: office.no_show_email,
        s: c.s,
        m: c.m,
        nav: c.nav,
        offices,
        current: c.office_id,
        admin,
        saved: q.contains_key("saved"),
    }
    .into_response())
}

/// `POST /manage/settings`: the office's settings.
pub async fn update_settings(
    State(state): State<AppState>,
    session: Session,
    Form(fields): Fields,
) -> Result<Response, PageError> {
    let f = F(&fields);
    session.verify(&f.get("csrf"))?;
    let err = |e| session.page_error(e);
    let office_id = f.int("office").map_err(err)?;
    let input = offices::OfficeSettings {
        no_show_email: f.get("no_show_email") == "yes",
    };
    offices::update_settings(
        &state.db,
        &session.actor,
        office_id,
        &input,
        state.clock.now(),
    )
    .await
    .map_err(err)?;
    Ok(back("/manage", office_id, &session))
}

/// `POST /manage/offices` (admins).
pub async fn create_office(
    State(state): State<AppState>,
    session: Session,
    Form(fields): Fields,
) -> Result<Response, PageError> {
    let f = F(&fields);
    session.verify(&f.get("csrf"))?;
    let input = OfficeInput {
        name: f.get("name"),
        address: f.get("address"),
        timezone: f.opt("timezone"),
        arrival_margin_minutes: f
            .opt_int("arrival_margin_minutes")
            .map_err(|e| session.page_error(e))?,
        no_show_email: None,
    };
    let made = offices::create_office(&state.db, &session.actor, &input, state.clock.now())
        .await
        .map_err(|e| session.page_error(e))?;
    Ok(back("/manage", made.id, &session))
}

// ---------------------------------------------------------------- the impact page

/// One interval over the limit, as shown.
struct OverRow {
    room: String,
    from: String,
    to: String,
    planned: i32,
    limit: i32,
}

#[derive(Template, WebTemplate)]
#[template(path = "staff/manage/impact.html")]
struct ImpactPage {
    s: &'static StaffTexts,
    m: &'static ManagerTexts,
    nav: Nav,
    office_id: i32,
    saved: bool,
    change: String,
    over: Vec<OverRow>,
    affected: Vec<String>,
    replay: Vec<(String, String)>,
    action: String,
    back: String,
}

/// `2026-03-23T08:50:00+01:00` → `2026-03-23 08:50`.
fn short(t: &str) -> String {
    match (t.get(..10), t.get(11..16)) {
        (Some(d), Some(h)) => format!("{d} {h}"),
        _ => t.to_string(),
    }
}

/// What a previewed or saved change shows.
struct Shown<'a> {
    /// Its effect on existing bookings.
    impact: Impact,
    /// The change in words.
    change: String,
    /// The form, replayed by "save" after a preview.
    form: &'a F<'a>,
    /// Where "save" posts.
    action: &'a str,
    /// Where "cancel" leads.
    back: &'a str,
}

/// The one page of every change's effect: the preview with "save", or the saved change
/// with "notify these citizens".
async fn impact_page(
    state: &AppState,
    session: &Session,
    c: Common,
    shown: Shown<'_>,
) -> Result<Response, PageError> {
    let rooms = lookup::rooms_of(&state.db, c.office_id)
        .await
        .map_err(|e| session.page_error(e))?;
    let name = |id: i32| {
        rooms
            .iter()
            .find(|r| r.id == id)
            .map_or_else(|| id.to_string(), |r| r.name.clone())
    };
    Ok(ImpactPage {
        s: c.s,
        m: c.m,
        office_id: c.office_id,
        nav: c.nav,
        saved: shown.form.saving(),
        change: shown.change,
        over: shown
            .impact
            .over_limit
            .iter()
            .map(|o| OverRow {
                room: name(o.room_id),
                from: short(&o.from),
                to: short(&o.to),
                planned: o.planned,
                limit: o.limit,
            })
            .collect(),
        affected: shown.impact.affected_bookings,
        replay: shown.form.replay(),
        action: shown.action.into(),
        back: shown.back.into(),
    }
    .into_response())
}

// ---------------------------------------------------------------- rooms

#[derive(Template, WebTemplate)]
#[template(path = "staff/manage/rooms.html")]
struct RoomsPage {
    s: &'static StaffTexts,
    m: &'static ManagerTexts,
    nav: Nav,
    office_id: i32,
    /// (room, name of the enclosing room)
    rooms: Vec<(entity::room::Model, String)>,
    saved: bool,
}

/// `GET /manage/rooms?office=`.
pub async fn show_rooms(
    State(state): State<AppState>,
    session: Session,
    Query(q): Params,
) -> Result<Response, PageError> {
    let c = common(&state, &session, office_param(&q), "/manage/rooms").await?;
    let rooms = lookup::rooms_of(&state.db, c.office_id)
        .await
        .map_err(|e| session.page_error(e))?;
    let named = rooms
        .iter()
        .map(|r| {
            let parent = r
                .parent_room_id
                .and_then(|p| rooms.iter().find(|x| x.id == p))
                .map_or_else(|| c.m.none.to_string(), |p| p.name.clone());
            (r.clone(), parent)
        })
        .collect();
    Ok(RoomsPage {
        s: c.s,
        m: c.m,
        office_id: c.office_id,
        nav: c.nav,
        rooms: named,
        saved: q.contains_key("saved"),
    }
    .into_response())
}

/// `POST /manage/rooms`: a new room.
pub async fn create_room(
    State(state): State<AppState>,
    session: Session,
    Form(fields): Fields,
) -> Result<Response, PageError> {
    let f = F(&fields);
    session.verify(&f.get("csrf"))?;
    let office_id = f.int("office").map_err(|e| session.page_error(e))?;
    let input = RoomInput {
        name: f.get("name"),
        occupancy_limit: f
            .int("occupancy_limit")
            .map_err(|e| session.page_error(e))?,
        parent_room_id: f
            .opt_int("parent_room_id")
            .map_err(|e| session.page_error(e))?,
    };
    rooms::create_room(
        &state.db,
        &session.actor,
        office_id,
        &input,
        state.clock.now(),
    )
    .await
    .map_err(|e| session.page_error(e))?;
    Ok(back("/manage/rooms", office_id, &session))
}

/// `POST /manage/rooms/{id}/limit`: preview or save a room's new limit.
pub async fn set_limit(
    State(state): State<AppState>,
    session: Session,
    AppPath(room_id): AppPath<String>,
    Form(fields): Fields,
) -> Result<Response, PageError> {
    let f = F(&fields);
    session.verify(&f.get("csrf"))?;
    let room_id = parse_id(&room_id).map_err(|e| session.page_error(e))?;
    let room = lookup::find_room(&state.db, room_id)
        .await
        .map_err(|e| session.page_error(e))?;
    let c = common(&state, &session, Some(room.office_id), "/manage/rooms").await?;
    let limit = f
        .int("occupancy_limit")
        .map_err(|e| session.page_error(e))?;
    let outcome = rules::set_room_limit(
        &state.db,
        &session.actor,
        room_id,
        &RoomLimitInput {
            occupancy_limit: limit,
        },
        !f.saving(),
        state.clock.now(),
    )
    .await
    .map_err(|e| session.page_error(e))?;
    let change = format!(
        "{}: {} {} → {}",
        room.name, c.m.limit, room.occupancy_limit, limit
    );
    impact_page(
        &state,
        &session,
        c,
        Shown {
            impact: outcome.impact,
            change,
            form: &f,
            action: &format!("/manage/rooms/{room_id}/limit"),
            back: "/manage/rooms",
        },
    )
    .await
}

// ---------------------------------------------------------------- services and counters

#[derive(Template, WebTemplate)]
#[template(path = "staff/manage/services.html")]
struct ServicesPage {
    s: &'static StaffTexts,
    m: &'static ManagerTexts,
    nav: Nav,
    office_id: i32,
    services: Vec<ServiceView>,
    rooms: Vec<entity::room::Model>,
    /// (counter name, room name, names of the services offered)
    counters: Vec<(String, String, String)>,
    saved: bool,
}

/// `GET /manage/services?office=`.
pub async fn show_services(
    State(state): State<AppState>,
    session: Session,
    Query(q): Params,
) -> Result<Response, PageError> {
    let c = common(&state, &session, office_param(&q), "/manage/services").await?;
    let setup = setup_of(&state, &session, c.office_id).await?;
    let rooms = lookup::rooms_of(&state.db, c.office_id)
        .await
        .map_err(|e| session.page_error(e))?;
    let counters = setup
        .counters
        .iter()
        .map(|(counter, offered)| {
            let room = rooms
                .iter()
                .find(|r| r.id == counter.room_id)
                .map(|r| r.name.clone())
                .unwrap_or_default();
            let names: Vec<String> = setup
                .services
                .iter()
                .filter(|s| offered.contains(&s.id))
                .map(|s| s.name.clone())
                .collect();
            (counter.name.clone(), room, names.join(", "))
        })
        .collect();
    Ok(ServicesPage {
        s: c.s,
        m: c.m,
        office_id: c.office_id,
        nav: c.nav,
        services: setup.services.iter().map(services::service_view).collect(),
        rooms,
        counters,
        saved: q.contains_key("saved"),
    }
    .into_response())
}

fn service_input(f: &F<'_>) -> Result<ServiceInput, AppError> {
    Ok(ServiceInput {
        name: f.get("name"),
        duration_minutes: f.int("duration_minutes")?,
        horizon_days: f.int("horizon_days")?,
        min_notice_minutes: f.int("min_notice_minutes")?,
        no_show_grace_minutes: f.int("no_show_grace_minutes")?,
        max_active_per_citizen: f.opt_int("max_active_per_citizen")?,
        channel: f.opt("channel"),
        what_to_bring: f.opt("what_to_bring"),
        reconfirm_days: f.opt_int("reconfirm_days")?,
    })
}

/// `POST /manage/services`.
pub async fn create_service(
    State(state): State<AppState>,
    session: Session,
    Form(fields): Fields,
) -> Result<Response, PageError> {
    let f = F(&fields);
    session.verify(&f.get("csrf"))?;
    let err = |e| session.page_error(e);
    let office_id = f.int("office").map_err(err)?;
    let input = service_input(&f).map_err(err)?;
    services::create_service(
        &state.db,
        &session.actor,
        office_id,
        &input,
        state.clock.now(),
    )
    .await
    .map_err(err)?;
    Ok(back("/manage/services", office_id, &session))
}

/// `POST /manage/services/{id}`: changes a service.
pub async fn update_service(
    State(state): State<AppState>,
    session: Session,
    AppPath(service_id): AppPath<String>,
    Form(fields): Fields,
) -> Result<Response, PageError> {
    let f = F(&fields);
    session.verify(&f.get("csrf"))?;
    let err = |e| session.page_error(e);
    let service_id = parse_id(&service_id).map_err(err)?;
    let input = service_input(&f).map_err(err)?;
    let saved = services::update_service(
        &state.db,
        &session.actor,
        service_id,
        &input,
        state.clock.now(),
    )
    .await
    .map_err(err)?;
    Ok(back("/manage/services", saved.office_id, &session))
}

/// `POST /manage/counters`.
pub async fn create_counter(
    State(state): State<AppState>,
    session: Session,
    Form(fields): Fields,
) -> Result<Response, PageError> {
    let f = F(&fields);
    session.verify(&f.get("csrf"))?;
    let err = |e| session.page_error(e);
    let room_id = f.int("room").map_err(err)?;
    let input = CounterInput {
        name: f.get("name"),
        service_ids: f
            .all("service")
            .iter()
            .filter_map(|s| s.parse().ok())
            .collect(),
    };
    let made = counters::create_counter(
        &state.db,
        &session.actor,
        room_id,
        &input,
        state.clock.now(),
    )
    .await
    .map_err(err)?;
    Ok(back("/manage/services", made.office_id, &session))
}

// ---------------------------------------------------------------- opening hours

/// One weekday of the editor: its two ranges as (opens, closes) texts.
struct DayRow {
    n: usize,
    name: &'static str,
    ranges: [(String, String); 2],
}

#[derive(Template, WebTemplate)]
#[template(path = "staff/manage/hours.html")]
struct HoursPage {
    s: &'static StaffTexts,
    m: &'static ManagerTexts,
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
                        .map(|r| format!("{}–{}", hm(r.opens), hm(r.closes)))
                        .collect();
                    let name = c.m.weekdays[(wd - 1) as usize];
                    let short: String = name.chars().take(3).collect();
                    if ranges.is_empty() {
                        format!("{short} {}", c.m.closed)
                    } else {
                        format!("{short} {}", ranges.join(", "))
                    }
                })
                .collect();
            (
                from.to_string(),
                to.map_or_else(|| c.m.open_ended.to_string(), |t| t.to_string()),
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
    let days = (0..7)
        .map(|n| DayRow {
            n,
            name: c.m.weekdays[n],
            ranges: days.get(&n).cloned().unwrap_or_default(),
        })
        .collect();
    Ok(HoursPage {
        s: c.s,
        m: c.m,
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
    Form(fields): Fields,
) -> Result<Response, PageError> {
    let f = F(&fields);
    session.verify(&f.get("csrf"))?;
    let office_id = f.int("office").map_err(|e| session.page_error(e))?;
    let c = common(&state, &session, Some(office_id), "/manage/hours").await?;
    let weekly = DAY_KEYS
        .iter()
        .enumerate()
        .map(|(n, key)| {
            let ranges = (0..2)
                .filter_map(|k| {
                    let (o, c) = (f.get(&format!("d{n}o{k}")), f.get(&format!("d{n}c{k}")));
                    (!o.is_empty() || !c.is_empty()).then_some([o, c])
                })
                .collect();
            ((*key).to_string(), ranges)
        })
        .collect();
    let input = OpeningHoursInput {
        valid_from: f.get("valid_from"),
        valid_to: f.opt("valid_to"),
        weekly,
    };
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
    let change = format!(
        "{}: {} {}{}",
        c.m.hours_title,
        c.m.valid_from.to_lowercase(),
        view.valid_from,
        view.valid_to
            .as_deref()
            .map(|t| format!(" – {t}"))
            .unwrap_or_default()
    );
    impact_page(
        &state,
        &session,
        c,
        Shown {
            impact: view.impact.unwrap_or_default(),
            change,
            form: &f,
            action: "/manage/hours",
            back: "/manage/hours",
        },
    )
    .await
}

// ---------------------------------------------------------------- closures

#[derive(Template, WebTemplate)]
#[template(path = "staff/manage/closures.html")]
struct ClosuresPage {
    s: &'static StaffTexts,
    m: &'static ManagerTexts,
    nav: Nav,
    office_id: i32,
    closures: Vec<(ClosureView, String)>,
    counters: Vec<(i32, String)>,
    year: i32,
    saved: bool,
}

/// `GET /manage/closures?office=`.
pub async fn show_closures(
    State(state): State<AppState>,
    session: Session,
    Query(q): Params,
) -> Result<Response, PageError> {
    let c = common(&state, &session, office_param(&q), "/manage/closures").await?;
    let setup = setup_of(&state, &session, c.office_id).await?;
    let today = schedule::local_date(setup.tz, state.clock.now());
    let counters: Vec<(i32, String)> = setup
        .counters
        .iter()
        .map(|(k, _)| (k.id, k.name.clone()))
        .collect();
    let list = closures::list(&state.db, &session.actor, c.office_id, today)
        .await
        .map_err(|e| session.page_error(e))?
        .into_iter()
        .map(|cl| {
            let scope = cl
                .counter_id
                .and_then(|id| counters.iter().find(|k| k.0 == id))
                .map_or_else(|| c.m.whole_office.to_string(), |k| k.1.clone());
            (cl, scope)
        })
        .collect();
    Ok(ClosuresPage {
        s: c.s,
        m: c.m,
        office_id: c.office_id,
        nav: c.nav,
        closures: list,
        counters,
        year: chrono::Datelike::year(&today) + 1,
        saved: q.contains_key("saved"),
    }
    .into_response())
}

/// `POST /manage/closures`: preview or save a closure.
pub async fn create_closure(
    State(state): State<AppState>,
    session: Session,
    Form(fields): Fields,
) -> Result<Response, PageError> {
    let f = F(&fields);
    session.verify(&f.get("csrf"))?;
    let office_id = f.int("office").map_err(|e| session.page_error(e))?;
    let c = common(&state, &session, Some(office_id), "/manage/closures").await?;
    let input = ClosureInput {
        from: f.get("from"),
        to: f.opt("to"),
        reason: f.get("reason"),
        counter_id: f.opt_int("counter_id").map_err(|e| session.page_error(e))?,
    };
    let view = closures::create_closure(
        &state.db,
        &session.actor,
        office_id,
        &input,
        !f.saving(),
        state.clock.now(),
    )
    .await
    .map_err(|e| session.page_error(e))?;
    let change = format!(
        "{}: {} – {} {}",
        c.m.closures_title, view.from, view.to, view.reason
    );
    impact_page(
        &state,
        &session,
        c,
        Shown {
            impact: view.impact.unwrap_or_default(),
            change,
            form: &f,
            action: "/manage/closures",
            back: "/manage/closures",
        },
    )
    .await
}

/// `POST /manage/holidays`: preview or save the year's holidays and patron days.
pub async fn import_holidays(
    State(state): State<AppState>,
    session: Session,
    Form(fields): Fields,
) -> Result<Response, PageError> {
    let f = F(&fields);
    session.verify(&f.get("csrf"))?;
    let err = |e| session.page_error(e);
    let office_id = f.int("office").map_err(err)?;
    let c = common(&state, &session, Some(office_id), "/manage/closures").await?;
    // "12-06 San Nicola", one per line.
    let patron_days = f
        .get("patron_days")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(|l| {
            let (date, name) = l.split_once(' ').unwrap_or((l, ""));
            PatronDay {
                date: date.into(),
                name: name.trim().into(),
            }
        })
        .collect();
    let input = HolidayImport {
        year: f.int("year").map_err(err)?,
        patron_days,
    };
    let outcome = closures::import_holidays(
        &state.db,
        &session.actor,
        office_id,
        &input,
        !f.saving(),
        state.clock.now(),
    )
    .await
    .map_err(err)?;
    let days: Vec<String> = outcome
        .closures
        .iter()
        .map(|cl| format!("{} {}", cl.from, cl.reason))
        .collect();
    let change = format!("{} {}: {}", c.m.holidays, input.year, days.join("; "));
    impact_page(
        &state,
        &session,
        c,
        Shown {
            impact: outcome.impact,
            change,
            form: &f,
            action: "/manage/holidays",
            back: "/manage/closures",
        },
    )
    .await
}

/// `POST /manage/closures/{id}/delete`.
pub async fn delete_closure(
    State(state): State<AppState>,
    session: Session,
    AppPath(closure_id): AppPath<String>,
    Form(fields): Fields,
) -> Result<Response, PageError> {
    let f = F(&fields);
    session.verify(&f.get("csrf"))?;
    let err = |e| session.page_error(e);
    let closure_id = parse_id(&closure_id).map_err(err)?;
    let office_id = f.int("office").map_err(err)?;
    closures::delete(&state.db, &session.actor, closure_id, state.clock.now())
        .await
        .map_err(err)?;
    Ok(back("/manage/closures", office_id, &session))
}

// ---------------------------------------------------------------- capacity rules

#[derive(Template, WebTemplate)]
#[template(path = "staff/manage/rules.html")]
struct RulesPage {
    s: &'static StaffTexts,
    m: &'static ManagerTexts,
    nav: Nav,
    office_id: i32,
    rooms: Vec<entity::room::Model>,
    /// (room name, rule, weekdays as words)
    rules: Vec<(String, RuleView, String)>,
    today: String,
    saved: bool,
}

/// `GET /manage/rules?office=`.
pub async fn show_rules(
    State(state): State<AppState>,
    session: Session,
    Query(q): Params,
) -> Result<Response, PageError> {
    let c = common(&state, &session, office_param(&q), "/manage/rules").await?;
    let setup = setup_of(&state, &session, c.office_id).await?;
    let today = schedule::local_date(setup.tz, state.clock.now());
    let rooms = lookup::rooms_of(&state.db, c.office_id)
        .await
        .map_err(|e| session.page_error(e))?;
    let mut list = Vec::new();
    for room in &rooms {
        for rule in rules::list_rules(&state.db, &session.actor, room.id, today)
            .await
            .map_err(|e| session.page_error(e))?
        {
            let days = rule.weekdays.as_ref().map_or_else(
                || c.m.every_day.to_string(),
                |d| {
                    d.iter()
                        .filter_map(|n| c.m.weekdays.get((*n as usize).wrapping_sub(1)))
                        .map(|w| w.chars().take(3).collect::<String>())
                        .collect::<Vec<_>>()
                        .join(", ")
                },
            );
            list.push((room.name.clone(), rule, days));
        }
    }
    Ok(RulesPage {
        s: c.s,
        m: c.m,
        office_id: c.office_id,
        nav: c.nav,
        rooms,
        rules: list,
        today: today.to_string(),
        saved: q.contains_key("saved"),
    }
    .into_response())
}

/// `POST /manage/rules`: preview or save a capacity rule.
pub async fn create_rule(
    State(state): State<AppState>,
    session: Session,
    Form(fields): Fields,
) -> Result<Response, PageError> {
    let f = F(&fields);
    session.verify(&f.get("csrf"))?;
    let err = |e| session.page_error(e);
    let room_id = f.int("room").map_err(err)?;
    let room = lookup::find_room(&state.db, room_id).await.map_err(err)?;
    let c = common(&state, &session, Some(room.office_id), "/manage/rules").await?;
    let weekdays: Vec<u32> = f
        .all("weekday")
        .iter()
        .filter_map(|d| d.parse().ok())
        .collect();
    let input = RuleInput {
        valid_from: f.get("valid_from"),
        valid_to: f.get("valid_to"),
        weekdays: (!weekdays.is_empty() && weekdays.len() < 7).then_some(weekdays),
        from_time: f.opt("from_time"),
        to_time: f.opt("to_time"),
        occupancy_limit: f.int("occupancy_limit").map_err(err)?,
    };
    let outcome = rules::create_rule(
        &state.db,
        &session.actor,
        room_id,
        &input,
        !f.saving(),
        state.clock.now(),
    )
    .await
    .map_err(err)?;
    let change = format!(
        "{}: {}, {} – {}, {} {}",
        c.m.rules_title,
        room.name,
        input.valid_from,
        input.valid_to,
        c.m.limit,
        input.occupancy_limit
    );
    impact_page(
        &state,
        &session,
        c,
        Shown {
            impact: outcome.impact,
            change,
            form: &f,
            action: "/manage/rules",
            back: "/manage/rules",
        },
    )
    .await
}

/// `POST /manage/rules/{id}/delete`.
pub async fn delete_rule(
    State(state): State<AppState>,
    session: Session,
    AppPath(rule_id): AppPath<String>,
    Form(fields): Fields,
) -> Result<Response, PageError> {
    let f = F(&fields);
    session.verify(&f.get("csrf"))?;
    let err = |e| session.page_error(e);
    let rule_id = parse_id(&rule_id).map_err(err)?;
    let office_id = f.int("office").map_err(err)?;
    rules::delete_rule(&state.db, &session.actor, rule_id, state.clock.now())
        .await
        .map_err(err)?;
    Ok(back("/manage/rules", office_id, &session))
}

// ---------------------------------------------------------------- notify

#[derive(Template, WebTemplate)]
#[template(path = "staff/manage/notified.html")]
struct NotifiedPage {
    s: &'static StaffTexts,
    m: &'static ManagerTexts,
    nav: Nav,
    office_id: i32,
    outcome: NotifyOutcome,
}

/// `POST /manage/notify`: "notify these citizens".
pub async fn notify(
    State(state): State<AppState>,
    session: Session,
    Form(fields): Fields,
) -> Result<Response, PageError> {
    let f = F(&fields);
    session.verify(&f.get("csrf"))?;
    let office_id = f.int("office").map_err(|e| session.page_error(e))?;
    let c = common(&state, &session, Some(office_id), "/manage").await?;
    let input = NotifyInput {
        references: f
            .get("references")
            .split_whitespace()
            .map(str::to_string)
            .collect(),
    };
    let outcome = rebook::notify(
        &state.db,
        &session.actor,
        &state.config.http.base_url,
        &input,
        state.clock.now(),
    )
    .await
    .map_err(|e| session.page_error(e))?;
    Ok(NotifiedPage {
        s: c.s,
        m: c.m,
        office_id: c.office_id,
        nav: c.nav,
        outcome,
    }
    .into_response())
}

// ---------------------------------------------------------------- audit log

#[derive(Template, WebTemplate)]
#[template(path = "staff/manage/audit.html")]
struct AuditPage {
    s: &'static StaffTexts,
    m: &'static ManagerTexts,
    nav: Nav,
    office_id: i32,
    rows: Vec<AuditEntry>,
    /// (entity, selected)
    entities: Vec<(&'static str, bool)>,
    action: String,
    from: String,
    to: String,
    older: Option<String>,
}

const ENTITIES: [&str; 10] = [
    "booking",
    "capacity_rule",
    "closure",
    "counter",
    "impact",
    "office",
    "opening_hours",
    "room",
    "service",
    "user",
];

/// `GET /manage/audit?office=&entity=&action=&from=&to=&before=`.
pub async fn show_audit(
    State(state): State<AppState>,
    session: Session,
    Query(q): Params,
) -> Result<Response, PageError> {
    let c = common(&state, &session, office_param(&q), "/manage/audit").await?;
    let get = |k: &str| q.get(k).map(|v| v.trim().to_string()).unwrap_or_default();
    let query = AuditQuery {
        office_id: Some(c.office_id),
        entity: Some(get("entity")).filter(|e| ENTITIES.contains(&e.as_str())),
        action: Some(get("action")).filter(|a| !a.is_empty()),
        actor_user_id: None,
        from: Some(get("from")),
        to: Some(get("to")),
        before_id: q.get("before").and_then(|b| b.parse().ok()),
        limit: Some(50),
    };
    let rows = audit::browse(&state.db, &session.actor, &query)
        .await
        .map_err(|e| session.page_error(e))?;
    let older = (rows.len() == 50).then(|| {
        format!(
            "/manage/audit?office={}&entity={}&action={}&from={}&to={}&before={}&lang={}",
            c.office_id,
            urlencode(&get("entity")),
            urlencode(&get("action")),
            urlencode(&get("from")),
            urlencode(&get("to")),
            rows.last().map_or(0, |r| r.id),
            session.lang.code()
        )
    });
    Ok(AuditPage {
        s: c.s,
        m: c.m,
        office_id: c.office_id,
        nav: c.nav,
        rows,
        entities: ENTITIES.iter().map(|e| (*e, get("entity") == *e)).collect(),
        action: get("action"),
        from: get("from"),
        to: get("to"),
        older,
    }
    .into_response())
}

// ---------------------------------------------------------------- statistics

#[derive(Template, WebTemplate)]
#[template(path = "staff/manage/stats.html")]
struct StatsPage {
    s: &'static StaffTexts,
    m: &'static ManagerTexts,
    nav: Nav,
    office_id: i32,
    from: String,
    to: String,
    weekly: bool,
    office_rows: Vec<StatsLine>,
    other_rows: Vec<StatsLine>,
    bookings_svg: String,
    utilisation_svg: String,
    csv_url: String,
}

/// A statistics row as shown: rates as percentages, "–" where there is none.
struct StatsLine {
    period: String,
    scope: String,
    name: String,
    bookings: i64,
    check_ins: i64,
    cancellations: i64,
    no_shows: i64,
    no_show_rate: String,
    utilisation: String,
    peak_occupancy: i32,
}

fn pct(v: Option<f64>) -> String {
    v.map_or_else(|| "–".into(), |v| format!("{:.1} %", v * 100.0))
}

fn line(r: &StatsRow) -> StatsLine {
    StatsLine {
        period: r.period.clone(),
        scope: r.scope.clone(),
        name: r.name.clone(),
        bookings: r.bookings,
        check_ins: r.check_ins,
        cancellations: r.cancellations,
        no_shows: r.no_shows,
        no_show_rate: pct(r.no_show_rate),
        utilisation: pct(r.utilisation),
        peak_occupancy: r.peak_occupancy,
    }
}

fn stats_query(q: &HashMap<String, String>) -> StatsQuery {
    StatsQuery {
        from: q.get("from").cloned(),
        to: q.get("to").cloned(),
        by: q.get("by").cloned(),
    }
}

/// `GET /manage/stats?office=&from=&to=&by=`.
pub async fn show_stats(
    State(state): State<AppState>,
    session: Session,
    Query(q): Params,
) -> Result<Response, PageError> {
    let c = common(&state, &session, office_param(&q), "/manage/stats").await?;
    let out = stats::office_stats(
        &state.db,
        &session.actor,
        c.office_id,
        &stats_query(&q),
        state.clock.now(),
    )
    .await
    .map_err(|e| session.page_error(e))?;
    let (office_rows, other_rows): (Vec<StatsRow>, Vec<StatsRow>) =
        out.rows.iter().cloned().partition(|r| r.scope == "office");
    #[allow(clippy::cast_precision_loss)]
    let bookings: Vec<(String, f64)> = office_rows
        .iter()
        .map(|r| (r.period.clone(), r.bookings as f64))
        .collect();
    let utilisation: Vec<(String, f64)> = office_rows
        .iter()
        .map(|r| (r.period.clone(), r.utilisation.unwrap_or(0.0) * 100.0))
        .collect();
    let csv_url = format!(
        "/manage/stats.csv?office={}&from={}&to={}&by={}",
        c.office_id, out.from, out.to, out.by
    );
    Ok(StatsPage {
        s: c.s,
        bookings_svg: chart::bars("bookings", c.m.chart_bookings, &bookings, 1.0, |v| {
            format!("{v:.0}")
        }),
        utilisation_svg: chart::bars(
            "utilisation",
            c.m.chart_utilisation,
            &utilisation,
            100.0,
            |v| format!("{v:.0}%"),
        ),
        m: c.m,
        office_id: c.office_id,
        nav: c.nav,
        from: out.from,
        to: out.to,
        weekly: out.by == "week",
        office_rows: office_rows.iter().map(line).collect(),
        other_rows: other_rows.iter().map(line).collect(),
        csv_url,
    }
    .into_response())
}

/// `GET /manage/stats.csv?office=&from=&to=&by=`: the same tables as CSV.
pub async fn stats_csv(
    State(state): State<AppState>,
    session: Session,
    Query(q): Params,
) -> Result<Response, PageError> {
    let c = common(&state, &session, office_param(&q), "/manage/stats").await?;
    let out = stats::office_stats(
        &state.db,
        &session.actor,
        c.office_id,
        &stats_query(&q),
        state.clock.now(),
    )
    .await
    .map_err(|e| session.page_error(e))?;
    Ok(crate::routes::api::manage::csv_response(&out))
}
