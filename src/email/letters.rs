//! The citizens' messages, in the booking's language: confirmation (with the QR code and
//! a calendar file) and cancellation (with a calendar file that cancels the same event).

use askama::Template;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use icalendar::{Calendar, Component, Event, EventLike, EventStatus};

use crate::{
    domain::Language,
    error::{AppError, AppResult},
    service::outbox::Letter,
    web::{Texts, i18n::hhmm},
};

/// What a message says about a booking.
#[derive(Debug, Clone)]
pub struct Facts {
    pub booking_id: i32,
    pub reference: String,
    pub language: Language,
    pub name: String,
    pub recipient: String,
    pub service_name: String,
    pub office_name: String,
    pub office_address: String,
    pub what_to_bring: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub tz: Tz,
    pub party_size: i32,
    pub checkin_url: String,
    pub manage_url: String,
    pub meeting_url: Option<String>,
    /// "lunedì 30 marzo 2026, 09:00–09:20", in the office's zone.
    pub when: String,
}

impl Facts {
    /// Fills in `when` from the instants.
    pub fn with_when(mut self) -> Self {
        let t = Texts::of(self.language);
        let date = crate::domain::schedule::local_date(self.tz, self.start);
        self.when = format!(
            "{}, {}–{}",
            t.long_date(date),
            hhmm(self.start, self.tz),
            hhmm(self.end, self.tz)
        );
        self
    }
}

#[derive(Template)]
#[template(path = "email/confirmation/subject.txt")]
struct ConfirmationSubject<'a> {
    f: &'a Facts,
    it: bool,
}
#[derive(Template)]
#[template(path = "email/confirmation/body.txt")]
struct ConfirmationText<'a> {
    f: &'a Facts,
    it: bool,
}
#[derive(Template)]
#[template(path = "email/confirmation/body.html")]
struct ConfirmationHtml<'a> {
    f: &'a Facts,
    it: bool,
}
#[derive(Template)]
#[template(path = "email/cancellation/subject.txt")]
struct CancellationSubject<'a> {
    f: &'a Facts,
    it: bool,
}
#[derive(Template)]
#[template(path = "email/cancellation/body.txt")]
struct CancellationText<'a> {
    f: &'a Facts,
    it: bool,
}
#[derive(Template)]
#[template(path = "email/cancellation/body.html")]
struct CancellationHtml<'a> {
    f: &'a Facts,
    it: bool,
}

fn render(t: &impl Template) -> AppResult<String> {
    t.render().map_err(|e| AppError::Internal(e.into()))
}

/// The calendar file: times in UTC (exact in every client, no VTIMEZONE needed), a UID
/// stable per booking so the cancellation removes the same event.
pub fn ics(f: &Facts, cancel: bool) -> String {
    let mut event = Event::new();
    event
        .uid(&format!("{}@sportello", f.reference))
        .summary(&f.service_name)
        .location(&format!("{}, {}", f.office_name, f.office_address))
        .description(&format!("{} {}", f.reference, f.manage_url))
        .starts(f.start)
        .ends(f.end)
        .add_property("SEQUENCE", if cancel { "1" } else { "0" });
    if cancel {
        event.status(EventStatus::Cancelled);
    } else {
        event.status(EventStatus::Confirmed);
    }
    let mut calendar = Calendar::new();
    calendar.append_property(("METHOD", if cancel { "CANCEL" } else { "PUBLISH" }));
    calendar.push(event.done());
    calendar.done().to_string()
}

/// The confirmation message.
pub fn confirmation(f: &Facts) -> AppResult<Letter> {
    let it = f.language == Language::It;
    Ok(Letter {
        kind: "confirmation",
        booking_id: Some(f.booking_id),
        recipient: f.recipient.clone(),
        subject: render(&ConfirmationSubject { f, it })?.trim().to_string(),
        text: render(&ConfirmationText { f, it })?,
        html: render(&ConfirmationHtml { f, it })?,
        ics: Some(ics(f, false)),
        qr_url: Some(f.checkin_url.clone()),
        dedupe_key: None,
    })
}

/// The cancellation message.
pub fn cancellation(f: &Facts) -> AppResult<Letter> {
    let it = f.language == Language::It;
    Ok(Letter {
        kind: "cancellation",
        booking_id: Some(f.booking_id),
        recipient: f.recipient.clone(),
        subject: render(&CancellationSubject { f, it })?.trim().to_string(),
        text: render(&CancellationText { f, it })?,
        html: render(&CancellationHtml { f, it })?,
        ics: Some(ics(f, true)),
        qr_url: None,
        dedupe_key: None,
    })
}

#[derive(Template)]
#[template(path = "email/reminder/subject.txt")]
struct ReminderSubject<'a> {
    f: &'a Facts,
    it: bool,
}
#[derive(Template)]
#[template(path = "email/reminder/body.txt")]
struct ReminderText<'a> {
    f: &'a Facts,
    it: bool,
}
#[derive(Template)]
#[template(path = "email/reminder/body.html")]
struct ReminderHtml<'a> {
    f: &'a Facts,
    it: bool,
}

/// The reminder the day before, queued once per booking.
pub fn reminder(f: &Facts) -> AppResult<Letter> {
    let it = f.language == Language::It;
    Ok(Letter {
        kind: "reminder",
        booking_id: Some(f.booking_id),
        recipient: f.recipient.clone(),
        subject: render(&ReminderSubject { f, it })?.trim().to_string(),
        text: render(&ReminderText { f, it })?,
        html: render(&ReminderHtml { f, it })?,
        ics: None,
        qr_url: Some(f.checkin_url.clone()),
        dedupe_key: Some(format!("reminder:{}", f.booking_id)),
    })
}

/// The facts of a stored booking.
pub fn facts_for(
    row: &entity::booking::Model,
    office: &entity::office::Model,
    service: &entity::service::Model,
    tz: Tz,
    base_url: &str,
    manage_url: String,
) -> Facts {
    Facts {
        booking_id: row.id,
        reference: row.reference.clone().unwrap_or_default(),
        language: Language::parse(&row.language).unwrap_or_default(),
        name: row.citizen_name.clone().unwrap_or_default(),
        recipient: row.citizen_email.clone().unwrap_or_default(),
        service_name: service.name.clone(),
        office_name: office.name.clone(),
        office_address: office.address.clone(),
        what_to_bring: service.what_to_bring.clone(),
        start: row.start_at,
        end: row.end_at,
        tz,
        party_size: row.party_size,
        checkin_url: format!(
            "{base_url}/c/{}",
            row.checkin_token.as_deref().unwrap_or_default()
        ),
        manage_url,
        meeting_url: row.meeting_url.clone(),
        when: String::new(),
    }
    .with_when()
}
