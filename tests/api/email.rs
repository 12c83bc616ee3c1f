//! Confirmation and cancellation emails through the durable outbox, delivered to a real
//! SMTP server, parsed with a real MIME parser; the QR code decoded with a real decoder
//! and the calendar file read with a real iCalendar parser.

use crate::helpers::mail::port_for_an_outage;
use crate::helpers::mail::{mail_files, parse};
use chrono::{DateTime, Duration, Utc};
use loadgen::smtp_sink::SmtpSink;
use mail_parser::{MessageParser, MimeHeaders};
use reqwest::StatusCode;
use serde_json::Value;

use crate::helpers::{OfficeSpec, TestApp, booking_body};

async fn app_with_smtp(sink_port: u16) -> TestApp {
    TestApp::spawn_with(move |c| c.mail.smtp_url = Some(format!("smtp://127.0.0.1:{sink_port}")))
        .await
}

fn decode_qr(png: &[u8]) -> String {
    let image = image::load_from_memory(png).expect("a PNG").to_luma8();
    let mut prepared = rqrr::PreparedImage::prepare(image);
    let grids = prepared.detect_grids();
    assert_eq!(grids.len(), 1, "one QR code in the image");
    grids[0].decode().expect("decodable QR").1
}

/// DTSTART and DTEND of the calendar attachment, as instants.
fn ics_times(ics: &str) -> (DateTime<Utc>, DateTime<Utc>, String, String) {
    let unfolded = icalendar::parser::unfold(ics);
    let calendar = icalendar::parser::read_calendar(&unfolded).expect("valid iCalendar");
    let event = calendar
        .components
        .iter()
        .find(|c| c.name == "VEVENT")
        .expect("an event");
    let prop = |name: &str| {
        event
            .properties
            .iter()
            .find(|p| p.name == name)
            .map(|p| p.val.to_string())
            .unwrap_or_default()
    };
    let parse = |v: String| {
        chrono::NaiveDateTime::parse_from_str(v.trim_end_matches('Z'), "%Y%m%dT%H%M%S")
            .unwrap()
            .and_utc()
    };
    let method = calendar
        .properties
        .iter()
        .find(|p| p.name == "METHOD")
        .map(|p| p.val.to_string())
        .unwrap_or_default();
    (
        parse(prop("DTSTART")),
        parse(prop("DTEND")),
        prop("UID"),
        method,
    )
}

fn instant(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc)
}

async fn confirmation_is_complete_for(start: &str, lang: &str) {
    let sink = SmtpSink::start(0).await.unwrap();
    let app = app_with_smtp(sink.port).await;
    let office = app.office(OfficeSpec::default()).await;
    let mut body = booking_body(&office, 0, start, 2, "maria.rossi@example.org");
    body["language"] = lang.into();
    let r = app.post("/api/v1/bookings", &body).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let booking: Value = r.json().await.unwrap();
    assert_eq!(
        app.count("outbox_message").await,
        1,
        "queued with the booking"
    );
    assert!(
        sink.received().is_empty(),
        "the request does not wait for SMTP"
    );
    let report = app.step_outbox().await;
    assert_eq!(report.sent, 1);
    let raw = sink.received().pop().expect("delivered");
    let msg = MessageParser::default()
        .parse(&raw)
        .expect("a MIME message");
    let reference = booking["reference"].as_str().unwrap();
    assert!(msg.subject().unwrap().contains(reference));
    let text = msg.body_text(0).unwrap();
    let html = msg.body_html(0).unwrap();
    assert!(
        text.contains(booking["checkin_url"].as_str().unwrap()),
        "text fallback of the QR"
    );
    assert!(html.contains("cid:qr"));
    // In the booking's language, from the same message files; right to left in Arabic.
    let words = sportello::l10n::loader_for(lang);
    assert!(
        text.contains(&words.get("email-confirmation-intro")),
        "{lang}: {text}"
    );
    assert!(html.contains(&words.get("email-confirmation-title")));
    let dir = if lang == "ar" { "rtl" } else { "ltr" };
    assert!(html.contains(&format!("<html lang=\"{lang}\" dir=\"{dir}\">")));
    let subject = msg.subject().unwrap();
    // The subject's words before its first placeable (Fluent shows a missing variable as
    // `{$reference}`).
    let template = words.get("email-confirmation-subject");
    let expected_start = template
        .replace(['\u{2068}', '\u{2069}'], "")
        .split('{')
        .next()
        .unwrap_or_default()
        .to_string();
    assert!(expected_start.trim().len() > 3, "{template}");
    assert!(
        subject
            .replace(['\u{2068}', '\u{2069}'], "")
            .starts_with(expected_start.as_str())
            && subject.contains(reference),
        "{lang} subject: {subject}"
    );
    assert!(
        text.contains(&format!(
            "/b/{reference}?token={}",
            booking["manage_token"].as_str().unwrap()
        )),
        "manage link"
    );
    // The inline QR code decodes to the check-in URL, and nothing personal.
    let qr = msg
        .attachments()
        .find(|p| p.content_id() == Some("qr"))
        .expect("inline QR part");
    assert!(qr.is_content_type("image", "png"));
    let decoded = decode_qr(qr.contents());
    assert_eq!(decoded, booking["checkin_url"].as_str().unwrap());
    assert!(!decoded.contains("maria") && !decoded.contains(reference));
    // The calendar file has the booking's exact instants and a stable UID.
    let ics_part = msg
        .attachments()
        .find(|p| p.attachment_name().is_some_and(|n| n.ends_with(".ics")))
        .expect("ics");
    assert_eq!(
        ics_part.attachment_name(),
        Some(format!("{}.ics", words.get("email-calendar-file")).as_str()),
        "the calendar file named in {lang}"
    );
    let ics = String::from_utf8(ics_part.contents().to_vec()).unwrap();
    let (dtstart, dtend, uid, method) = ics_times(&ics);
    assert_eq!(dtstart, instant(booking["start"].as_str().unwrap()));
    assert_eq!(dtend, instant(booking["end"].as_str().unwrap()));
    assert_eq!(uid, format!("{reference}@sportello"));
    assert_eq!(method, "PUBLISH");
    // The cancellation cancels the same event.
    let cancel = app
        .client
        .post(app.url(&format!("/api/v1/bookings/{reference}/cancel")))
        .header("X-Manage-Token", booking["manage_token"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(cancel.status(), StatusCode::OK);
    assert_eq!(app.step_outbox().await.sent, 1);
    let raw = sink.received().pop().unwrap();
    let msg = parse(&raw);
    let ics_part = msg
        .attachments()
        .find(|p| p.attachment_name().is_some_and(|n| n.ends_with(".ics")))
        .unwrap();
    let (_, _, cancel_uid, method) = ics_times(std::str::from_utf8(ics_part.contents()).unwrap());
    assert_eq!(
        (cancel_uid.as_str(), method.as_str()),
        (uid.as_str(), "CANCEL")
    );
}

#[tokio::test]
async fn the_confirmation_has_the_qr_code_the_calendar_file_and_the_links_after_the_change_to_summer_time()
 {
    confirmation_is_complete_for("2026-03-30T09:00:00+02:00", "it").await;
}

#[tokio::test]
async fn the_confirmation_is_right_in_winter_and_in_english() {
    confirmation_is_complete_for("2026-03-23T09:00:00+01:00", "en").await;
}

/// Arabic: the HTML part is right to left, and the QR code, the links and the calendar
/// file are the same as in any language.
#[tokio::test]
async fn the_confirmation_is_right_in_arabic_albanian_and_romanian() {
    for lang in ["ar", "sq", "ro"] {
        confirmation_is_complete_for("2026-03-23T09:00:00+01:00", lang).await;
    }
}

#[tokio::test]
async fn fifty_bookings_during_an_smtp_outage_are_each_delivered_once_afterwards() {
    let port = port_for_an_outage();
    let app = app_with_smtp(port).await;
    let office = app
        .office(OfficeSpec {
            services: vec![(20, "in_person", 1)],
            counters: (0..10).map(|_| (0, vec![0])).collect(),
            ..Default::default()
        })
        .await;
    for i in 0..50 {
        let start = format!(
            "2026-03-2{}T{:02}:{:02}:00+01:00",
            3 + i % 5,
            9 + (i / 5) % 4,
            (i / 20) % 3 * 20
        );
        let r = app
            .post(
                "/api/v1/bookings",
                &booking_body(&office, 0, &start, 1, &format!("c{i}@example.org")),
            )
            .await;
        assert_eq!(r.status(), StatusCode::CREATED, "{start}");
    }
    // The server is down: every attempt fails and is scheduled again.
    let down = app.step_outbox().await;
    assert_eq!((down.sent, down.retried), (0, 50));
    let metrics = app.get("/metrics").await.text().await.unwrap();
    assert!(
        metrics.contains(r#"sportello_outbox_sends_total{outcome="retried"} 50"#)
            && metrics.contains(r#"sportello_outbox_messages{status="pending"} 50"#),
        "{metrics}"
    );
    assert_eq!(app.step_outbox().await.retried, 0, "not before the backoff");
    // Up again; after the backoff everything goes out once.
    let sink = SmtpSink::start(port).await.unwrap();
    app.clock.advance(Duration::seconds(31));
    let up = app.step_outbox().await;
    assert_eq!(up.sent, 50);
    app.clock.advance(Duration::hours(2));
    assert_eq!(
        app.step_outbox().await,
        Default::default(),
        "nothing is sent twice"
    );
    let received = sink.received();
    assert_eq!(received.len(), 50);
    let mut ids: Vec<String> = received
        .iter()
        .map(|m| {
            MessageParser::default()
                .parse(m)
                .unwrap()
                .message_id()
                .unwrap()
                .to_string()
        })
        .collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), 50, "each message exactly once");
}

#[tokio::test]
async fn a_permanently_refused_recipient_is_recorded_and_not_retried() {
    let sink = SmtpSink::start(0).await.unwrap();
    let app = app_with_smtp(sink.port).await;
    let office = app.office(OfficeSpec::default()).await;
    let r = app
        .post(
            "/api/v1/bookings",
            &booking_body(
                &office,
                0,
                "2026-03-23T09:00:00+01:00",
                1,
                "reject.me@example.org",
            ),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let report = app.step_outbox().await;
    assert_eq!(report.failed, 1);
    let metrics = app.get("/metrics").await.text().await.unwrap();
    assert!(
        metrics.contains(r#"sportello_outbox_sends_total{outcome="failed"} 1"#)
            && metrics.contains(r#"sportello_outbox_messages{status="failed"} 1"#),
        "{metrics}"
    );
    app.clock.advance(Duration::days(1));
    assert_eq!(app.step_outbox().await, Default::default());
    let rows = <entity::outbox_message::Entity as sea_orm::EntityTrait>::find()
        .all(&app.db.conn)
        .await
        .unwrap();
    assert_eq!(rows[0].status, entity::status::MessageStatus::Failed);
    assert_eq!(rows[0].attempts, 1);
    assert!(
        rows[0]
            .last_error
            .as_deref()
            .unwrap_or_default()
            .contains("550"),
        "{:?}",
        rows[0].last_error
    );
    assert!(sink.received().is_empty());
}

#[tokio::test]
async fn without_smtp_each_message_is_an_eml_file() {
    let app = TestApp::spawn().await;
    let office = app.office(OfficeSpec::default()).await;
    assert_eq!(
        app.post(
            "/api/v1/bookings",
            &booking_body(&office, 0, "2026-03-23T09:00:00+01:00", 1, "a@example.org")
        )
        .await
        .status(),
        StatusCode::CREATED
    );
    assert_eq!(app.step_outbox().await.sent, 1);
    let dir = app.mail_dir();
    let files = mail_files(&dir);
    assert_eq!(files.len(), 1, "no temporary file left: {files:?}");
    assert!(files[0].extension().is_some_and(|e| e == "eml"));
    let raw = std::fs::read(&files[0]).unwrap();
    let msg = parse(&raw);
    assert_eq!(
        msg.to().unwrap().first().unwrap().address().unwrap(),
        "a@example.org"
    );
}

#[tokio::test]
async fn the_booking_page_sends_the_email_again_a_few_times_an_hour() {
    let app = TestApp::spawn().await;
    let office = app.office(OfficeSpec::default()).await;
    let b: Value = app
        .post(
            "/api/v1/bookings",
            &booking_body(&office, 0, "2026-03-23T09:00:00+01:00", 1, "a@example.org"),
        )
        .await
        .json()
        .await
        .unwrap();
    let (reference, token) = (
        b["reference"].as_str().unwrap(),
        b["manage_token"].as_str().unwrap(),
    );
    let web = crate::helpers::client_builder()
        .cookie_store(true)
        .build()
        .unwrap();
    let page = web
        .get(app.url(&format!("/b/{reference}?token={token}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let needle = "name=\"csrf\" value=\"";
    let csrf = page[page.find(needle).unwrap() + needle.len()..]
        .split('"')
        .next()
        .unwrap()
        .to_string();
    let resend = || {
        web.post(app.url(&format!("/b/{reference}/resend")))
            .form(&[("csrf", csrf.as_str()), ("lang", "it"), ("token", token)])
            .send()
    };
    let first = resend().await.unwrap();
    assert_eq!(first.status(), StatusCode::OK);
    assert!(
        first
            .text()
            .await
            .unwrap()
            .contains("Ti abbiamo inviato di nuovo")
    );
    assert_eq!(app.count("outbox_message").await, 2);
    for _ in 0..2 {
        assert_eq!(resend().await.unwrap().status(), StatusCode::OK);
    }
    let refused = resend().await.unwrap();
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    // The page says what the limit is and when to try again.
    assert_eq!(refused.headers()["retry-after"], "3600");
    let page = refused.text().await.unwrap().replace("&#39;", "'");
    assert!(
        page.contains("si può rimandare 3 volte all'ora") && page.contains("riprova tra un'ora"),
        "{page}"
    );
    assert_eq!(app.count("outbox_message").await, 4);
    app.clock.advance(Duration::minutes(61));
    assert_eq!(
        resend().await.unwrap().status(),
        StatusCode::OK,
        "a new hour, a new copy"
    );
    assert_eq!(app.step_outbox().await.sent, 5);
}

#[tokio::test]
async fn staff_and_managers_see_failed_messages_with_the_reason() {
    let sink = SmtpSink::start(0).await.unwrap();
    let app = app_with_smtp(sink.port).await;
    let office = app.office(OfficeSpec::default()).await;
    let other = app.office(OfficeSpec::default()).await;
    app.post(
        "/api/v1/bookings",
        &booking_body(
            &office,
            0,
            "2026-03-23T09:00:00+01:00",
            1,
            "reject@example.org",
        ),
    )
    .await;
    app.post(
        "/api/v1/bookings",
        &booking_body(
            &office,
            0,
            "2026-03-23T09:20:00+01:00",
            1,
            "fine@example.org",
        ),
    )
    .await;
    app.step_outbox().await;
    let make = |email: &'static str, role, office_id: i64| {
        let app = &app;
        async move {
            sportello::service::staff::auth::create_user(
                &app.db,
                email,
                "a-long-password",
                role,
                Some(office_id as i32),
                app.clock.now(),
            )
            .await
            .unwrap();
            app.login(email, "a-long-password").await
        }
    };
    use sportello::domain::Role;
    let clerk = make("clerk@example.org", Role::Staff, office.id).await;
    let stranger = make("stranger@example.org", Role::Manager, other.id).await;
    let path = format!("/api/v1/offices/{}/messages?status=failed", office.id);
    let list: Value = app
        .client
        .get(app.url(&path))
        .bearer_auth(&clerk)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let list = list.as_array().unwrap();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0]["recipient"], "reject@example.org");
    assert!(list[0]["last_error"].as_str().unwrap().contains("550"));
    let all: Value = app
        .client
        .get(app.url(&format!("/api/v1/offices/{}/messages", office.id)))
        .bearer_auth(&app.admin_token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(all.as_array().unwrap().len(), 2);
    assert_eq!(
        app.client
            .get(app.url(&path))
            .bearer_auth(&stranger)
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::FORBIDDEN
    );
    assert_eq!(app.get(&path).await.status(), StatusCode::UNAUTHORIZED);
    let bad = app
        .client
        .get(app.url(&format!(
            "/api/v1/offices/{}/messages?status=lost",
            office.id
        )))
        .bearer_auth(&clerk)
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
}

#[tokio::test]
async fn the_reminder_goes_out_once_the_day_before_and_not_for_cancelled_bookings() {
    let sink = SmtpSink::start(0).await.unwrap();
    let app = app_with_smtp(sink.port).await;
    let office = app
        .office(OfficeSpec {
            services: vec![(20, "in_person", 5)],
            ..Default::default()
        })
        .await;
    // Now is Friday 20 March, 09:00 in Rome. Two bookings tomorrow, one on Sunday.
    let mut made = Vec::new();
    for (start, email) in [
        ("2026-03-21T09:00:00+01:00", "a@example.org"),
        ("2026-03-21T09:20:00+01:00", "b@example.org"),
        ("2026-03-22T09:00:00+01:00", "c@example.org"),
    ] {
        let b: Value = app
            .post(
                "/api/v1/bookings",
                &booking_body(&office, 0, start, 1, email),
            )
            .await
            .json()
            .await
            .unwrap();
        made.push(b);
    }
    app.step_outbox().await;
    let confirmations = sink.received().len();
    // b cancels.
    let r = app
        .client
        .post(app.url(&format!(
            "/api/v1/bookings/{}/cancel",
            made[1]["reference"].as_str().unwrap()
        )))
        .header("X-Manage-Token", made[1]["manage_token"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    app.step_outbox().await;
    let before = sink.received().len();
    assert_eq!(before, confirmations + 1, "the cancellation");
    // Before the reminder hour (17:00 local) nothing is queued.
    app.step_reminders().await;
    assert_eq!(app.step_outbox().await.sent, 0);
    // At 17:00 and after: one reminder for a, none for b (cancelled) or c (Sunday).
    app.clock.set(instant("2026-03-20T17:00:00+01:00"));
    app.step_reminders().await;
    app.clock.advance(Duration::hours(1));
    app.step_reminders().await;
    assert_eq!(app.step_outbox().await.sent, 1);
    let raw = sink.received().pop().unwrap();
    let msg = parse(&raw);
    assert_eq!(
        msg.to().unwrap().first().unwrap().address().unwrap(),
        "a@example.org"
    );
    assert!(msg.subject().unwrap().starts_with("Promemoria"));
    let qr = msg
        .attachments()
        .find(|p| p.content_id() == Some("qr"))
        .unwrap();
    assert_eq!(
        decode_qr(qr.contents()),
        made[0]["checkin_url"].as_str().unwrap()
    );
}

/// A line break in a manager's or citizen's text cannot add a header to an email: a
/// citizen's name with one is refused, and a service's name (which the subject carries)
/// stays inside the subject, smuggling in no `Bcc:` and no second recipient.
#[tokio::test]
async fn line_breaks_in_names_cannot_add_headers_to_an_email() {
    let app = TestApp::spawn().await;
    let office = app.office(OfficeSpec::default()).await;
    let mut body = booking_body(&office, 0, "2026-03-23T09:00:00+01:00", 1, "a@example.org");
    body["citizen"]["name"] = serde_json::json!("Anna\r\nCc: evil@example.org");
    let r = app.post("/api/v1/bookings", &body).await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.count("outbox_message").await, 0);
    // Managers' names may hold anything; the email must still be whole.
    let r = app
        .client
        .put(app.url(&format!("/api/v1/services/{}", office.services[0])))
        .bearer_auth(&app.admin_token)
        .json(&serde_json::json!({"name": "CIE\r\nBcc: evil@example.org\r\n\r\nbody", "duration_minutes": 20,
               "horizon_days": 60, "min_notice_minutes": 60, "no_show_grace_minutes": 15,
               "max_active_per_citizen": 1}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let body = booking_body(&office, 0, "2026-03-23T09:00:00+01:00", 1, "a@example.org");
    assert_eq!(
        app.post("/api/v1/bookings", &body).await.status(),
        StatusCode::CREATED
    );
    assert_eq!(app.step_outbox().await.sent, 1);
    let file = mail_files(&app.mail_dir()).remove(0);
    let raw = std::fs::read(&file).unwrap();
    let text = String::from_utf8_lossy(&raw);
    let headers = &text[..text.find("\r\n\r\n").unwrap()];
    for line in headers.lines() {
        let name = line
            .split(':')
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        assert!(name != "bcc" && name != "cc", "a smuggled header: {line}");
    }
    let msg = parse(&raw);
    assert!(msg.bcc().is_none() && msg.cc().is_none());
    let to: Vec<_> = msg
        .to()
        .unwrap()
        .iter()
        .filter_map(|a| a.address())
        .collect();
    assert_eq!(to, ["a@example.org"]);
    let subject = msg.subject().unwrap();
    assert!(
        subject.contains("CIE") && subject.contains("evil@example.org"),
        "{subject}"
    );
}

/// The nice value of this process's thread named `name`, if there is one (Linux).
fn nice_of_thread(name: &str) -> Option<i64> {
    for task in std::fs::read_dir("/proc/self/task").ok()?.flatten() {
        let comm = std::fs::read_to_string(task.path().join("comm")).unwrap_or_default();
        if comm.trim() == name {
            let stat = std::fs::read_to_string(task.path().join("stat")).ok()?;
            // Fields after the command's closing parenthesis; the nice value is field 19.
            let rest = stat.rsplit_once(')')?.1;
            return rest.split_whitespace().nth(16)?.parse().ok();
        }
    }
    None
}

/// A running server's sender delivers a booking's confirmation. On PostgreSQL it does
/// so from a thread of its own at nice 19 (its work yields the cores to requests); on
/// SQLite, whose write gate it takes, from the request runtime (a low-priority holder of
/// the gate would stall every booking).
#[tokio::test]
async fn the_running_sender_delivers_from_a_low_priority_thread_on_postgres() {
    let app = TestApp::spawn().await;
    let o = app.office(OfficeSpec::default()).await;
    let mut config = (*app.state.config).clone();
    config.mail.sender_enabled = true;
    let dir = config.mail.dir.clone();
    let server = sportello::startup::Application::build(config, app.clock.clone())
        .await
        .unwrap();
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let running = tokio::spawn(server.run_until_stopped(async {
        let _ = stopped.await;
    }));
    app.book_with(&o, 0, "2026-03-20T11:00:00+01:00", 1, "thread@example.org")
        .await;
    let mut files = Vec::new();
    for _ in 0..100 {
        files = mail_files(&dir);
        if !files.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!(files.len(), 1, "the confirmation was delivered");
    assert_eq!(app.count("outbox_message WHERE status = 'sent'").await, 1);
    let nice = nice_of_thread("sportello-mail");
    match app.db.backend() {
        sea_orm::DatabaseBackend::Postgres => assert_eq!(nice, Some(19)),
        _ => assert_eq!(nice, None, "no sender thread on SQLite"),
    }
    // A graceful stop ends the sender's thread too.
    let _ = stop.send(());
    running.await.unwrap().unwrap();
    let mut gone = false;
    for _ in 0..50 {
        gone = nice_of_thread("sportello-mail").is_none();
        if gone {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert!(gone, "the sender's thread ended with the server");
}
