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
    rows: Vec<AuditLine>,
    /// (entity, selected)
    entities: Vec<(&'static str, bool)>,
    action: String,
    from: String,
    to: String,
    older: Option<String>,
}

/// An audit row as a manager reads it: the time in the office's zone, and what changed as
/// "field: before → after" in the page's language; the stored JSON on request.
struct AuditLine {
    when: String,
    who: Option<String>,
    action: String,
    entity: String,
    entity_id: String,
    changes: Vec<(String, String, String)>,
    raw: String,
}

/// A JSON value as a reader wants it: text without quotes, nothing as a dash, an
/// instant in the office's zone.
fn plain(t: &Tr, tz: chrono_tz::Tz, v: Option<&serde_json::Value>) -> String {
    match v {
        None | Some(serde_json::Value::Null) => "—".into(),
        Some(serde_json::Value::String(s)) if s.is_empty() => "—".into(),
        Some(serde_json::Value::String(s)) => match chrono::DateTime::parse_from_rfc3339(s) {
            Ok(at) => t.date_time(at.with_timezone(&chrono::Utc), tz),
            Err(_) => s.clone(),
        },
        Some(other) => other.to_string(),
    }
}

/// The fields that differ between `before` and `after` (every field of a creation or a
/// deletion), labelled with the forms' words where there are some.
fn changes(t: &Tr, tz: chrono_tz::Tz, e: &AuditEntry) -> Vec<(String, String, String)> {
    use serde_json::Value;
    let empty = serde_json::Map::new();
    let object = |v: &Option<Value>| match v {
        Some(Value::Object(m)) => Some(m.clone()),
        _ => None,
    };
    let (before, after) = (object(&e.before), object(&e.after));
    if before.is_none() && after.is_none() {
        return Vec::new();
    }
    let (b, a) = (
        before.as_ref().unwrap_or(&empty),
        after.as_ref().unwrap_or(&empty),
    );
    let mut keys: Vec<&String> = b.keys().chain(a.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| b.get(*k) != a.get(*k))
        .filter(|k| !matches!(k.as_str(), "id" | "config_version" | "created_at"))
        .take(20)
        .map(|k| {
            let id = format!("field-{}", k.replace('_', "-"));
            let label = if t.has(&id) { t.get(&id) } else { k.clone() };
            (label, plain(t, tz, b.get(k)), plain(t, tz, a.get(k)))
        })
        .collect()
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
    let tz = crate::service::directory::tz(&state.db, c.office_id)
        .await
        .map_err(|e| session.page_error(e))?;
    let t = c.t;
    let lines = rows
        .iter()
        .map(|e| AuditLine {
            when: chrono::DateTime::parse_from_rfc3339(&e.at)
                .map(|at| t.date_time(at.with_timezone(&chrono::Utc), tz))
                .unwrap_or_else(|_| e.at.clone()),
            who: e.actor_email.clone(),
            action: e.action.clone(),
            entity: e.entity.clone(),
            entity_id: e.entity_id.clone(),
            changes: changes(t, tz, e),
            raw: serde_json::json!({"before": e.before, "after": e.after}).to_string(),
        })
        .collect();
    Ok(AuditPage {
        t: c.t,
        office_id: c.office_id,
        nav: c.nav,
        rows: lines,
        entities: ENTITIES.iter().map(|e| (*e, get("entity") == *e)).collect(),
        action: get("action"),
        from: get("from"),
        to: get("to"),
        older,
    }
    .into_response())
}
