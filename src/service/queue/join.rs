//! Joining the queue from a phone (the poster at the entrance): refused, with the
//! reason, when the office is closed now or the service could not be reached before
//! closing; otherwise a ticket with the secret of its page, and its link by email.

use chrono::{DateTime, Duration, Utc};
use entity::status::TicketStatus;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{
    config::Config,
    domain::{EmailAddress, FieldError, Language, queue, schedule},
    email::letters,
    error::{AppError, AppResult},
    infra::secrets,
    service::{
        db::Db,
        engine, outbox,
        queue::state::{QueueState, state},
        queue::tickets::{NewTicket, TicketView, in_person_service, issue, parse_party},
        setup::OfficeSetup,
    },
};

fn one() -> i64 {
    1
}

/// `POST /api/v1/offices/{office_id}/queue` body: joining from a phone.
#[derive(Debug, Clone, Deserialize, ToSchema)]
pub struct JoinRequest {
    pub service_id: i32,
    #[serde(default = "one")]
    pub party_size: i64,
    /// Where to send the ticket's link (optional).
    #[serde(default)]
    pub email: Option<String>,
    /// The language of the ticket's page and email (default `it`).
    #[serde(default)]
    pub language: Option<String>,
}

/// A ticket taken from a phone, with the secret of its page (only in this answer).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Joined {
    #[serde(flatten)]
    pub ticket: TicketView,
    pub ticket_token: String,
}

/// Why the queue takes nobody now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Closed {
    /// The office is closed now.
    Now,
    /// The service could not be reached before closing at this local time.
    BeforeClosing(String),
    /// No counter offers the service today.
    NoCounter,
}

impl Closed {
    /// The API's `detail`.
    pub fn detail(&self) -> String {
        match self {
            Self::Now => "The office is closed now.".into(),
            Self::BeforeClosing(at) => {
                format!("The office closes at {at}: this service cannot serve one more today.")
            }
            Self::NoCounter => "No counter offers this service today.".into(),
        }
    }
}

/// The result of joining from a phone.
#[derive(Debug, Clone)]
pub enum JoinOutcome {
    Joined(Box<Joined>),
    Closed(Closed),
}

/// Whether the office takes one more ticket for the service now.
pub fn closed_for(state: &QueueState, setup: &OfficeSetup, service_id: i32) -> Option<Closed> {
    let now = state.now;
    let date = schedule::local_date(setup.tz, now);
    let local = now.with_timezone(&setup.tz).time();
    let ranges = if setup.closed_on(date) {
        Vec::new()
    } else {
        schedule::ranges_on(&setup.hours, date)
    };
    let Some((_, to)) = ranges
        .into_iter()
        .find(|(from, to)| *from <= local && local < *to)
    else {
        return Some(Closed::Now);
    };
    if setup.candidates(service_id, date).is_empty() {
        return Some(Closed::NoCounter);
    }
    let ahead = state
        .open
        .iter()
        .filter(|t| t.status == TicketStatus::Waiting && t.service_id == service_id)
        .count() as i32;
    let mean = state.means.get(&service_id).copied().unwrap_or(15.0);
    let counters = state.counters.get(&service_id).copied().unwrap_or(1);
    let wait = queue::estimated_wait(ahead, mean, counters);
    let done = local + Duration::minutes(i64::from(wait)) + Duration::seconds((mean * 60.0) as i64);
    if done > to || done < local {
        return Some(Closed::BeforeClosing(to.format("%H:%M").to_string()));
    }
    None
}

/// A citizen joins the queue from a phone (the poster at the entrance). Refused, with
/// nothing created, when the office is closed now or the service could not be reached
/// before closing.
pub async fn join(
    db: &Db,
    config: &Config,
    office_id: i32,
    input: &JoinRequest,
    now: DateTime<Utc>,
) -> AppResult<JoinOutcome> {
    let setup = db.setups.get(&db.conn, office_id).await?;
    let mut errors = Vec::new();
    let party = parse_party(input.party_size, &mut errors);
    in_person_service(&setup, input.service_id, &mut errors);
    let email = match input.email.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(raw) => match EmailAddress::parse(raw) {
            Ok(e) => Some(e.as_str().to_string()),
            Err(m) => {
                errors.push(FieldError::new("email", &m));
                None
            }
        },
    };
    let language = match input.language.as_deref() {
        None | Some("") => Language::default(),
        Some(raw) => Language::parse(raw).unwrap_or_else(|m| {
            errors.push(FieldError::new("language", &m));
            Language::default()
        }),
    };
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let current = state(db, &setup, now).await?;
    if let Some(closed) = closed_for(&current, &setup, input.service_id) {
        return Ok(JoinOutcome::Closed(closed));
    }
    let token = secrets::new_token()?;
    let (txn, _gate) = engine::begin(db).await?;
    let row = issue(
        &txn,
        &setup,
        NewTicket {
            service_id: input.service_id,
            party,
            booking: None,
            name: None,
            email: email.clone(),
            language: language.code().into(),
            token_hash: Some(secrets::hash(&token)),
        },
        now,
    )
    .await?;
    if let Some(recipient) = email {
        let url = format!("{}/q/{token}", config.http.base_url);
        let letter = letters::queue_ticket(&letters::QueueTicket {
            ticket_id: row.id,
            recipient,
            language,
            code: row.code.clone(),
            office: setup.office.name.clone(),
            url,
        })?;
        outbox::enqueue(&txn, letter, now).await?;
    }
    txn.commit().await?;
    let state = state(db, &setup, now).await?;
    Ok(JoinOutcome::Joined(Box::new(Joined {
        ticket: state.view(&row),
        ticket_token: token,
    })))
}
