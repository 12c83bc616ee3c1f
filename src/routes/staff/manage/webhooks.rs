//! Webhooks: the office's endpoints with their recent deliveries; add one (its secret is
//! shown once, on the page that answers the form), send a test, deliver one again, remove.

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    body::Bytes,
    extract::{Query, State},
    response::{IntoResponse, Response},
};
use serde::Deserialize;

use super::{OfficeForm, Params, Sent, back, common, int, office_param};
use crate::{
    extract::{AppPath, parse_id},
    routes::staff::{Nav, Session},
    service::webhooks::{self, DeliveryView, NewWebhook, WebhookView, store},
    state::AppState,
    web::{PageError, Tr, fl},
};

/// The fields of the form that adds an endpoint (`events` once per ticked box).
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct AddForm {
    office: String,
    url: String,
    events: Vec<String>,
}

/// An endpoint with its last deliveries, each with when it happened in the office's time.
struct Endpoint {
    hook: WebhookView,
    deliveries: Vec<(DeliveryView, String)>,
}

#[derive(Template, WebTemplate)]
#[template(path = "staff/manage/webhooks.html")]
struct WebhooksPage {
    t: &'static Tr,
    nav: Nav,
    office_id: i32,
    endpoints: Vec<Endpoint>,
    events: &'static [&'static str],
    /// The secret of the endpoint just added: on this page only, once.
    secret: Option<String>,
    saved: bool,
    tested: bool,
}

async fn page(
    state: &AppState,
    session: &Session,
    office: Option<i32>,
    secret: Option<String>,
    flags: (bool, bool),
) -> Result<Response, PageError> {
    let c = common(state, session, office, "/manage/webhooks").await?;
    let err = |e| session.page_error(e);
    let tz = crate::service::directory::tz(&state.db, c.office_id)
        .await
        .map_err(err)?;
    let local = |utc: &str| {
        chrono::DateTime::parse_from_rfc3339(utc).map_or_else(
            |_| utc.to_owned(),
            |t| t.with_timezone(&tz).format("%d/%m/%Y %H:%M:%S").to_string(),
        )
    };
    let mut endpoints = Vec::new();
    for hook in store::list(&state.db, &session.actor, c.office_id)
        .await
        .map_err(err)?
    {
        let mut deliveries = store::deliveries(&state.db, &session.actor, hook.id)
            .await
            .map_err(err)?;
        deliveries.truncate(10);
        let deliveries = deliveries
            .into_iter()
            .map(|d| {
                let when = local(&d.created_at);
                (d, when)
            })
            .collect();
        endpoints.push(Endpoint { hook, deliveries });
    }
    Ok(WebhooksPage {
        t: c.t,
        nav: c.nav,
        office_id: c.office_id,
        endpoints,
        events: &webhooks::EVENTS,
        secret,
        saved: flags.0,
        tested: flags.1,
    }
    .into_response())
}

/// `GET /manage/webhooks?office=`.
pub async fn show_webhooks(
    State(state): State<AppState>,
    session: Session,
    Query(q): Params,
) -> Result<Response, PageError> {
    let flags = (q.contains_key("saved"), q.contains_key("tested"));
    page(&state, &session, office_param(&q), None, flags).await
}

/// `POST /manage/webhooks`: adds an endpoint and shows its secret.
pub async fn add_webhook(
    State(state): State<AppState>,
    session: Session,
    body: Bytes,
) -> Result<Response, PageError> {
    let f = Sent::<AddForm>::read(&body, &session)?;
    let err = |e| session.page_error(e);
    let office_id = int("office", &f.data.office).map_err(err)?;
    let input = NewWebhook {
        url: f.data.url.trim().to_owned(),
        events: f.data.events.clone(),
    };
    let created = store::create(
        &state.db,
        &state.hooks,
        &session.actor,
        office_id,
        &input,
        state.clock.now(),
    )
    .await
    .map_err(err)?;
    page(
        &state,
        &session,
        Some(office_id),
        Some(created.secret),
        (true, false),
    )
    .await
}

/// `POST /manage/webhooks/{id}/test`.
pub async fn test_webhook(
    State(state): State<AppState>,
    session: Session,
    AppPath(id): AppPath<String>,
    body: Bytes,
) -> Result<Response, PageError> {
    let f = Sent::<OfficeForm>::read(&body, &session)?;
    let err = |e| session.page_error(e);
    let (id, office_id) = (
        parse_id(&id).map_err(err)?,
        int("office", &f.data.office).map_err(err)?,
    );
    store::ping(&state.db, &session.actor, id, state.clock.now())
        .await
        .map_err(err)?;
    Ok(axum::response::Redirect::to(&format!(
        "/manage/webhooks?office={office_id}&lang={}&tested=1",
        session.lang.code()
    ))
    .into_response())
}

/// `POST /manage/webhooks/{id}/deliveries/{delivery}/replay`.
pub async fn replay_delivery(
    State(state): State<AppState>,
    session: Session,
    AppPath((id, delivery)): AppPath<(String, String)>,
    body: Bytes,
) -> Result<Response, PageError> {
    let f = Sent::<OfficeForm>::read(&body, &session)?;
    let err = |e| session.page_error(e);
    let id = parse_id(&id).map_err(err)?;
    let delivery = parse_id(&delivery).map_err(err)?;
    let office_id = int("office", &f.data.office).map_err(err)?;
    store::replay(&state.db, &session.actor, id, delivery, state.clock.now())
        .await
        .map_err(err)?;
    Ok(back("/manage/webhooks", office_id, &session))
}

/// `POST /manage/webhooks/{id}/delete`.
pub async fn delete_webhook(
    State(state): State<AppState>,
    session: Session,
    AppPath(id): AppPath<String>,
    body: Bytes,
) -> Result<Response, PageError> {
    let f = Sent::<OfficeForm>::read(&body, &session)?;
    let err = |e| session.page_error(e);
    let id = parse_id(&id).map_err(err)?;
    let office_id = int("office", &f.data.office).map_err(err)?;
    store::delete(&state.db, &session.actor, id, state.clock.now())
        .await
        .map_err(err)?;
    Ok(back("/manage/webhooks", office_id, &session))
}

impl WebhooksPage {
    /// An event's name in the page's language (Fluent's variant keys have no dots).
    fn event_name(&self, event: &str) -> String {
        fl!(
            self.t,
            "webhook-event",
            event = event.replace(['.', '_'], "-")
        )
        .to_string()
    }

    /// A delivery's status in the page's language.
    fn status_name(&self, status: String) -> String {
        fl!(self.t, "webhook-status", status = status).to_string()
    }
}
