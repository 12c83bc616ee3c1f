//! The citizens' messages, in the booking's language: confirmation (with the QR code and
//! a calendar file) and cancellation (with a calendar file that cancels the same event).

use askama::Template;
use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use icalendar::{Calendar, Component, Event, EventLike, EventStatus};

use crate::{
    domain::Language,
    error::{AppError, AppResult},
    l10n::{Tr, fl},
    service::outbox::Letter,
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
    /// The booking page without its token (it asks for it): what a calendar event
    /// links to, since a shared calendar must not be able to cancel the booking.
    pub booking_url: String,
    pub meeting_url: Option<String>,
    /// "lunedì 30 marzo 2026, 09:00–09:20", in the office's zone.
    pub when: String,
    /// Minutes after the start when an absent citizen's place is released.
    pub grace_minutes: i32,
    /// The office's own contacts, for questions (the municipality's are in every
    /// message's signature).
    pub office_phone: Option<String>,
    pub office_email: Option<String>,
}

impl Facts {
    /// Fills in `when` from the instants.
    pub fn with_when(mut self) -> Self {
        self.when = Tr::of(self.language).date_time_range(self.start, self.end, self.tz);
        self
    }
}

/// The message templates of a booking: each gets the language, the facts, and for the
/// bodies the greeting; the HTML bodies also the direction ([`rtl`]).
macro_rules! letter_templates {
    ($($subject:ident = $sp:literal, $text:ident = $tp:literal, $html:ident = $hp:literal;)+) => {$(
        #[derive(Template)]
        #[template(path = $sp)]
        struct $subject<'a> {
            t: &'static Tr,
            f: &'a Facts,
        }
        #[derive(Template)]
        #[template(path = $tp)]
        struct $text<'a> {
            t: &'static Tr,
            f: &'a Facts,
            greeting: String,
        }
        #[derive(Template)]
        #[template(path = $hp)]
        struct $html<'a> {
            t: &'static Tr,
            f: &'a Facts,
            greeting: String,
            rtl: bool,
        }
    )+};
}

letter_templates! {
    ConfirmationSubject = "email/confirmation/subject.txt",
        ConfirmationText = "email/confirmation/body.txt",
        ConfirmationHtml = "email/confirmation/body.html";
    CancellationSubject = "email/cancellation/subject.txt",
        CancellationText = "email/cancellation/body.txt",
        CancellationHtml = "email/cancellation/body.html";
    ReminderSubject = "email/reminder/subject.txt",
        ReminderText = "email/reminder/body.txt",
        ReminderHtml = "email/reminder/body.html";
}

/// "Gentile Maria Rossi," or, without a name, the general form of address.
fn greeting(t: &Tr, name: &str) -> String {
    match name.trim() {
        "" => fl!(t, "email-greeting-citizen"),
        name => fl!(t, "email-greeting", name = name),
    }
}

/// Whether the language reads right to left: the HTML bodies then align and pad on the
/// other side (mail clients know `align` and physical padding better than logical CSS).
fn rtl(t: &Tr) -> bool {
    t.dir() == "rtl"
}

fn render(t: &impl Template) -> AppResult<String> {
    t.render().map_err(|e| AppError::Internal(e.into()))
}

/// The calendar file: times in UTC (exact in every client, no VTIMEZONE needed), a UID
/// stable per booking so the cancellation removes the same event.
pub fn ics(f: &Facts, cancel: bool) -> String {
    let t = Tr::of(f.language);
    let mut event = Event::new();
    event
        .uid(&format!("{}@sportello", f.reference))
        .summary(&fl!(
            t,
            "email-calendar-summary",
            service = f.service_name.as_str(),
            office = f.office_name.as_str()
        ))
        .location(&format!("{}, {}", f.office_name, f.office_address))
        .description(&fl!(
            t,
            "email-calendar-description",
            reference = f.reference.as_str(),
            url = f.booking_url.as_str()
        ))
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
    let t = Tr::of(f.language);
    Ok(Letter {
        kind: "confirmation",
        booking_id: Some(f.booking_id),
        recipient: f.recipient.clone(),
        subject: render(&ConfirmationSubject { t, f })?.trim().to_string(),
        text: render(&ConfirmationText {
            t,
            f,
            greeting: greeting(t, &f.name),
        })?,
        html: render(&ConfirmationHtml {
            t,
            f,
            greeting: greeting(t, &f.name),
            rtl: rtl(t),
        })?,
        ics: Some(ics(f, false)),
        qr_url: Some(f.checkin_url.clone()),
        dedupe_key: None,
    })
}

/// The cancellation message.
pub fn cancellation(f: &Facts) -> AppResult<Letter> {
    let t = Tr::of(f.language);
    Ok(Letter {
        kind: "cancellation",
        booking_id: Some(f.booking_id),
        recipient: f.recipient.clone(),
        subject: render(&CancellationSubject { t, f })?.trim().to_string(),
        text: render(&CancellationText {
            t,
            f,
            greeting: greeting(t, &f.name),
        })?,
        html: render(&CancellationHtml {
            t,
            f,
            greeting: greeting(t, &f.name),
            rtl: rtl(t),
        })?,
        ics: Some(ics(f, true)),
        qr_url: None,
        dedupe_key: None,
    })
}

/// The reminder the day before, queued once per booking.
pub fn reminder(f: &Facts) -> AppResult<Letter> {
    let t = Tr::of(f.language);
    Ok(Letter {
        kind: "reminder",
        booking_id: Some(f.booking_id),
        recipient: f.recipient.clone(),
        subject: render(&ReminderSubject { t, f })?.trim().to_string(),
        text: render(&ReminderText {
            t,
            f,
            greeting: greeting(t, &f.name),
        })?,
        html: render(&ReminderHtml {
            t,
            f,
            greeting: greeting(t, &f.name),
            rtl: rtl(t),
        })?,
        ics: None,
        qr_url: Some(f.checkin_url.clone()),
        // Per booking and start: a booking moved to another day is reminded again.
        dedupe_key: Some(format!("reminder:{}:{}", f.booking_id, f.start.timestamp())),
    })
}

/// What the messages of a booking say about it, read from its row.
pub fn facts_for(
    row: &entity::booking::Model,
    office: &entity::office::Model,
    service: &entity::service::Model,
    tz: Tz,
    base_url: &str,
    manage_url: String,
) -> Facts {
    let told = Told {
        booking_id: row.id,
        reference: row.reference.as_deref().unwrap_or_default(),
        language: &row.language,
        name: row.citizen_name.as_deref().unwrap_or_default(),
        recipient: row.citizen_email.as_deref().unwrap_or_default(),
        start: row.start_at,
        end: row.end_at,
        party_size: row.party_size,
        checkin_token: row.checkin_token.as_deref().unwrap_or_default(),
        meeting_url: row.meeting_url.as_deref(),
    };
    facts_of(&told, office, service, tz, base_url, manage_url)
}

/// The parts of a booking that its messages tell. None of them depends on the counter,
/// so a confirmation can be written before placement has chosen one, outside the room
/// locks (`service::booking::book`).
pub struct Told<'a> {
    pub booking_id: i32,
    pub reference: &'a str,
    /// Language code.
    pub language: &'a str,
    pub name: &'a str,
    pub recipient: &'a str,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub party_size: i32,
    pub checkin_token: &'a str,
    pub meeting_url: Option<&'a str>,
}

/// What the messages of a booking say about it.
pub fn facts_of(
    told: &Told<'_>,
    office: &entity::office::Model,
    service: &entity::service::Model,
    tz: Tz,
    base_url: &str,
    manage_url: String,
) -> Facts {
    let texts = crate::service::office::services::local_texts(service, told.language);
    Facts {
        booking_id: told.booking_id,
        reference: told.reference.to_string(),
        language: Language::parse(told.language).unwrap_or_default(),
        name: told.name.to_string(),
        recipient: told.recipient.to_string(),
        service_name: texts.name,
        office_name: office.name.clone(),
        office_address: office.address.clone(),
        what_to_bring: texts.what_to_bring,
        start: told.start,
        end: told.end,
        tz,
        party_size: told.party_size,
        checkin_url: format!("{base_url}/c/{}", told.checkin_token),
        manage_url,
        booking_url: format!("{base_url}/b/{}", told.reference),
        meeting_url: told.meeting_url.map(str::to_string),
        when: String::new(),
        grace_minutes: service.no_show_grace_minutes,
        office_phone: office.phone.clone(),
        office_email: office.email.clone(),
    }
    .with_when()
}

/// A short message of a few paragraphs and at most one link (no-show release, waiting
/// list): one pair of templates for all of them, the words chosen here.
#[derive(Template)]
#[template(path = "email/notice/body.txt")]
struct NoticeText<'a> {
    t: &'static Tr,
    greeting: &'a str,
    paragraphs: &'a [String],
    links: &'a [(String, String)],
}

#[derive(Template)]
#[template(path = "email/notice/body.html")]
struct NoticeHtml<'a> {
    t: &'static Tr,
    rtl: bool,
    title: &'a str,
    greeting: &'a str,
    paragraphs: &'a [String],
    links: &'a [(String, String)],
}

/// What a notice says.
#[derive(Debug, Clone)]
pub struct Notice {
    /// `no_show`, `waitlist_offer`, `waitlist_gone`, …
    pub kind: &'static str,
    /// The booking it is about, if any.
    pub booking_id: Option<i32>,
    /// Who gets it.
    pub recipient: String,
    /// Its language.
    pub language: Language,
    /// Subject and heading.
    pub title: String,
    /// The citizen's name.
    pub name: String,
    /// The text.
    pub paragraphs: Vec<String>,
    /// Buttons: (label, URL); most notices have one.
    pub links: Vec<(String, String)>,
    /// Set for messages that must exist once.
    pub dedupe_key: Option<String>,
}

/// Renders a notice.
pub fn notice(n: &Notice) -> AppResult<Letter> {
    let t = Tr::of(n.language);
    let greeting = greeting(t, &n.name);
    Ok(Letter {
        kind: n.kind,
        booking_id: n.booking_id,
        recipient: n.recipient.clone(),
        subject: n.title.clone(),
        text: render(&NoticeText {
            t,
            greeting: &greeting,
            paragraphs: &n.paragraphs,
            links: &n.links,
        })?,
        html: render(&NoticeHtml {
            t,
            rtl: rtl(t),
            title: &n.title,
            greeting: &greeting,
            paragraphs: &n.paragraphs,
            links: &n.links,
        })?,
        ics: None,
        qr_url: None,
        dedupe_key: n.dedupe_key.clone(),
    })
}

/// The booking was released as a no-show (offices that send it).
pub fn no_show(f: &Facts) -> AppResult<Letter> {
    let t = Tr::of(f.language);
    let title = fl!(t, "email-no-show-subject", reference = f.reference.as_str());
    let paragraphs = vec![
        fl!(
            t,
            "email-no-show-body",
            reference = f.reference.as_str(),
            service = f.service_name.as_str(),
            when = f.when.as_str(),
            office = f.office_name.as_str()
        ),
        fl!(t, "email-no-show-book-again"),
    ];
    notice(&Notice {
        kind: "no_show",
        booking_id: Some(f.booking_id),
        recipient: f.recipient.clone(),
        language: f.language,
        title,
        name: f.name.clone(),
        paragraphs,
        links: Vec::new(),
        dedupe_key: Some(format!("no_show:{}", f.booking_id)),
    })
}

/// What the email of a ticket taken from a phone says.
#[derive(Debug, Clone)]
pub struct QueueTicket {
    pub ticket_id: i32,
    pub recipient: String,
    pub language: Language,
    pub code: String,
    pub office: String,
    /// The ticket's page (position, "your turn", leaving).
    pub url: String,
}

/// The link to a ticket's page, for a citizen who joined the queue from a phone and
/// closed the page.
pub fn queue_ticket(q: &QueueTicket) -> AppResult<Letter> {
    let t = Tr::of(q.language);
    notice(&Notice {
        kind: "queue_ticket",
        booking_id: None,
        recipient: q.recipient.clone(),
        language: q.language,
        title: fl!(t, "email-queue-subject", code = q.code.as_str()),
        name: String::new(),
        paragraphs: vec![fl!(
            t,
            "email-queue-body",
            code = q.code.as_str(),
            office = q.office.as_str()
        )],
        links: vec![(fl!(t, "email-queue-link"), q.url.clone())],
        dedupe_key: Some(format!("queue_ticket:{}", q.ticket_id)),
    })
}
