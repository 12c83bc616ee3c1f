//! The one page of every change's effect: the preview with "save", then the saved
//! change with "notify these citizens", and the notification itself.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    body::Bytes,
    extract::State,
    response::{IntoResponse, Response},
};
use serde::Deserialize;

use super::{Common, Sent, common, int};
use crate::{
    routes::staff::{Nav, Session},
    service::{
        changes::rebook::{self, NotifyInput, NotifyOutcome},
        office::rules::Impact,
    },
    state::AppState,
    web::{PageError, Tr, fl},
};

/// The fields of its form (absent ones empty: numbers are parsed with field errors).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct NotifyForm {
    office: String,
    references: String,
    message: String,
}

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
    t: &'static Tr,
    nav: Nav,
    office_id: i32,
    saved: bool,
    change: String,
    over: Vec<OverRow>,
    affected: Vec<String>,
    /// The affected bookings in detail: (reference, date and time, name, party, status, never fits).
    rows: Vec<AffectedRow>,
    any_never_fits: bool,
    hours: Vec<(String, String, String)>,
    replay: Vec<(String, String)>,
    action: String,
    back: String,
}

/// An affected booking as shown.
struct AffectedRow {
    reference: String,
    when: String,
    name: String,
    party_size: i32,
    status: String,
    never_fits: bool,
}

/// `2026-03-23T08:50:00+01:00` → `2026-03-23 08:50`.
fn short(t: &str) -> String {
    match (t.get(..10), t.get(11..16)) {
        (Some(d), Some(h)) => format!("{d} {h}"),
        _ => t.to_string(),
    }
}

/// What a previewed or saved change shows.
pub(super) struct Shown<'a> {
    /// Its effect on existing bookings.
    pub(super) impact: Impact,
    /// The change in words.
    pub(super) change: String,
    /// Whether this is the saved change (else a preview).
    pub(super) saving: bool,
    /// The form's fields, sent again by "save" after a preview.
    pub(super) replay: Vec<(String, String)>,
    /// Where "save" posts.
    pub(super) action: &'a str,
    /// Where "cancel" leads.
    pub(super) back: &'a str,
    /// For new opening hours: each weekday's hours before and after, in words.
    pub(super) hours: Vec<(String, String, String)>,
}

/// The one page of every change's effect: the preview with "save", or the saved change
/// with "notify these citizens".
pub(super) async fn impact_page(
    state: &AppState,
    session: &Session,
    c: Common,
    shown: Shown<'_>,
) -> Result<Response, PageError> {
    let rooms = crate::service::directory::rooms(&state.db, c.office_id)
        .await
        .map_err(|e| session.page_error(e))?;
    let name = |id: i32| {
        rooms
            .iter()
            .find(|r| r.id == id)
            .map_or_else(|| id.to_string(), |r| r.name.clone())
    };
    let t = c.t;
    let rows: Vec<AffectedRow> = crate::service::office::impact::affected_bookings(
        &state.db,
        &session.actor,
        c.office_id,
        &shown.impact,
    )
    .await
    .map_err(|e| session.page_error(e))?
    .into_iter()
    .map(|b| AffectedRow {
        when: format!("{}, {}", t.long_date(b.date), t.time_range(&b.from, &b.to)),
        status: fl!(t, "staff-status-label", status = b.status.to_string()),
        reference: b.reference,
        name: b.name,
        party_size: b.party_size,
        never_fits: b.never_fits,
    })
    .collect();
    let any_never_fits = rows.iter().any(|r: &AffectedRow| r.never_fits);
    Ok(ImpactPage {
        hours: shown.hours.clone(),
        any_never_fits,
        rows,
        t: c.t,
        office_id: c.office_id,
        nav: c.nav,
        saved: shown.saving,
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
        replay: shown.replay,
        action: shown.action.into(),
        back: shown.back.into(),
    }
    .into_response())
}

#[derive(Template, WebTemplate)]
#[template(path = "staff/manage/notified.html")]
struct NotifiedPage {
    t: &'static Tr,
    nav: Nav,
    office_id: i32,
    outcome: NotifyOutcome,
}

/// `POST /manage/notify`: "notify these citizens".
pub async fn notify(
    State(state): State<AppState>,
    session: Session,
    body: Bytes,
) -> Result<Response, PageError> {
    let f = Sent::<NotifyForm>::read(&body, &session)?;
    let office_id = int("office", &f.data.office).map_err(|e| session.page_error(e))?;
    let c = common(&state, &session, Some(office_id), "/manage").await?;
    let input = NotifyInput {
        references: f
            .data
            .references
            .split_whitespace()
            .map(str::to_string)
            .collect(),
        message: Some(f.data.message.clone()),
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
        t: c.t,
        office_id: c.office_id,
        nav: c.nav,
        outcome,
    }
    .into_response())
}
