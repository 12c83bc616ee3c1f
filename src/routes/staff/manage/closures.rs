//! Closures, and the one-click import of a year's holidays with the patron days.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    body::Bytes,
    extract::{Query, State},
    response::{IntoResponse, Response},
};
use serde::Deserialize;

use super::{
    OfficeForm, Params, Sent, back, common,
    impact::{Shown, impact_page},
    int, office_param, opt, opt_int, setup_of,
};
use crate::{
    domain::schedule,
    extract::{AppPath, parse_id},
    routes::staff::{Nav, Session},
    service::office::closures::{self, ClosureInput, ClosureView, HolidayImport, PatronDay},
    state::AppState,
    web::{PageError, Tr, fl},
};

/// The fields of its form (absent ones empty: numbers are parsed with field errors).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct CreateClosureForm {
    counter_id: String,
    from: String,
    office: String,
    reason: String,
    to: String,
}

/// The fields of its form (absent ones empty: numbers are parsed with field errors).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ImportHolidaysForm {
    office: String,
    patron_days: String,
    year: String,
}

#[derive(Template, WebTemplate)]
#[template(path = "staff/manage/closures.html")]
struct ClosuresPage {
    t: &'static Tr,
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
        .map(|k| (k.id, k.name.clone()))
        .collect();
    let list = closures::list(&state.db, &session.actor, c.office_id, today)
        .await
        .map_err(|e| session.page_error(e))?
        .into_iter()
        .map(|cl| {
            let scope = cl
                .counter_id
                .and_then(|id| counters.iter().find(|k| k.0 == id))
                .map_or_else(
                    || fl!(c.t, "manager-whole-office").to_string(),
                    |k| k.1.clone(),
                );
            (cl, scope)
        })
        .collect();
    Ok(ClosuresPage {
        t: c.t,
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
    body: Bytes,
) -> Result<Response, PageError> {
    let f = Sent::<CreateClosureForm>::read(&body, &session)?;
    let office_id = int("office", &f.data.office).map_err(|e| session.page_error(e))?;
    let c = common(&state, &session, Some(office_id), "/manage/closures").await?;
    let input = ClosureInput {
        from: f.data.from.trim().to_string(),
        to: opt(&f.data.to),
        reason: f.data.reason.trim().to_string(),
        counter_id: opt_int("counter_id", &f.data.counter_id).map_err(|e| session.page_error(e))?,
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
    let change = fl!(
        c.t,
        "manager-change-closure",
        from = view.from.to_string(),
        to = view.to.to_string(),
        reason = view.reason.as_str()
    );
    impact_page(
        &state,
        &session,
        c,
        Shown {
            hours: Vec::new(),
            impact: view.impact.unwrap_or_default(),
            change,
            saving: f.saving(),
            replay: f.replay(),
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
    body: Bytes,
) -> Result<Response, PageError> {
    let f = Sent::<ImportHolidaysForm>::read(&body, &session)?;
    let err = |e| session.page_error(e);
    let office_id = int("office", &f.data.office).map_err(err)?;
    let c = common(&state, &session, Some(office_id), "/manage/closures").await?;
    // "12-06 San Nicola", one per line.
    let patron_days = f
        .data
        .patron_days
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
        year: int("year", &f.data.year).map_err(err)?,
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
    let change = format!(
        "{} {}: {}",
        fl!(c.t, "manager-holidays"),
        input.year,
        days.join("; ")
    );
    impact_page(
        &state,
        &session,
        c,
        Shown {
            hours: Vec::new(),
            impact: outcome.impact,
            change,
            saving: f.saving(),
            replay: f.replay(),
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
    body: Bytes,
) -> Result<Response, PageError> {
    let f = Sent::<OfficeForm>::read(&body, &session)?;
    let err = |e| session.page_error(e);
    let closure_id = parse_id(&closure_id).map_err(err)?;
    let office_id = int("office", &f.data.office).map_err(err)?;
    closures::delete(&state.db, &session.actor, closure_id, state.clock.now())
        .await
        .map_err(err)?;
    Ok(back("/manage/closures", office_id, &session))
}
