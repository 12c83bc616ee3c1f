//! Capacity rules: a room's limit for some days and hours.

use crate::service::office::rooms::RoomView;
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
    int, office_param, opt, setup_of,
};
use crate::{
    domain::schedule,
    extract::{AppPath, parse_id},
    routes::staff::{Nav, Session},
    service::office::rules::{self, RuleInput, RuleView},
    state::AppState,
    web::{PageError, Tr, fl},
};

/// The fields of its form (absent ones empty: numbers are parsed with field errors).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct CreateRuleForm {
    from_time: String,
    occupancy_limit: String,
    room: String,
    to_time: String,
    valid_from: String,
    valid_to: String,
    weekday: Vec<String>,
}

#[derive(Template, WebTemplate)]
#[template(path = "staff/manage/rules.html")]
struct RulesPage {
    t: &'static Tr,
    nav: Nav,
    office_id: i32,
    rooms: Vec<RoomView>,
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
    let rooms = crate::service::directory::rooms(&state.db, c.office_id)
        .await
        .map_err(|e| session.page_error(e))?;
    let mut list = Vec::new();
    for room in &rooms {
        for rule in rules::list_rules(&state.db, &session.actor, room.id, today)
            .await
            .map_err(|e| session.page_error(e))?
        {
            let days = rule.weekdays.as_ref().map_or_else(
                || fl!(c.t, "manager-every-day"),
                |d| {
                    d.iter()
                        .map(|n| c.t.short_weekday(*n))
                        .collect::<Vec<_>>()
                        .join(", ")
                },
            );
            list.push((room.name.clone(), rule, days));
        }
    }
    Ok(RulesPage {
        t: c.t,
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
    body: Bytes,
) -> Result<Response, PageError> {
    let f = Sent::<CreateRuleForm>::read(&body, &session)?;
    let err = |e| session.page_error(e);
    let room_id = int("room", &f.data.room).map_err(err)?;
    let room = crate::service::directory::room(&state.db, room_id)
        .await
        .map_err(err)?;
    let c = common(&state, &session, Some(room.office_id), "/manage/rules").await?;
    let weekdays: Vec<u32> = f
        .data
        .weekday
        .iter()
        .filter_map(|d| d.parse().ok())
        .collect();
    let input = RuleInput {
        valid_from: f.data.valid_from.trim().to_string(),
        valid_to: f.data.valid_to.trim().to_string(),
        weekdays: (!weekdays.is_empty() && weekdays.len() < 7).then_some(weekdays),
        from_time: opt(&f.data.from_time),
        to_time: opt(&f.data.to_time),
        occupancy_limit: int("occupancy_limit", &f.data.occupancy_limit).map_err(err)?,
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
    let change = fl!(
        c.t,
        "manager-change-rule",
        room = room.room.name.as_str(),
        from = input.valid_from.to_string(),
        to = input.valid_to.to_string(),
        limit = input.occupancy_limit
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
    body: Bytes,
) -> Result<Response, PageError> {
    let f = Sent::<OfficeForm>::read(&body, &session)?;
    let err = |e| session.page_error(e);
    let rule_id = parse_id(&rule_id).map_err(err)?;
    let office_id = int("office", &f.data.office).map_err(err)?;
    rules::delete_rule(&state.db, &session.actor, rule_id, state.clock.now())
        .await
        .map_err(err)?;
    Ok(back("/manage/rules", office_id, &session))
}
