//! The audit log, filtered.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Query, State},
    response::{IntoResponse, Response},
};

use super::{Params, common, office_param};
use crate::{
    routes::staff::{Nav, Session, login::urlencode},
    service::audit::{self, AuditEntry, AuditQuery},
    state::AppState,
    web::{PageError, Tr, fl},
};

#[derive(Template, WebTemplate)]
#[template(path = "staff/manage/audit.html")]
struct AuditPage {
    t: &'static Tr,
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
        t: c.t,
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
