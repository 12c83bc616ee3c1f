//! The citizens' pages over HTTP, as a browser without JavaScript sees them.

use reqwest::{Client, StatusCode};

use crate::helpers::{Office, OfficeSpec, TestApp, booking_body};

fn browser_like() -> Client {
    crate::helpers::client_builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::limited(5))
        .build()
        .unwrap()
}

/// The value of the first `name="…" value="…"` input in a page.
pub(crate) fn input_value(html: &str, name: &str) -> String {
    let needle = format!("name=\"{name}\" value=\"");
    let start = html
        .find(&needle)
        .unwrap_or_else(|| panic!("no input {name}"))
        + needle.len();
    html[start..].split('"').next().unwrap().to_string()
}

pub(crate) fn all_values(html: &str, name: &str) -> Vec<String> {
    let needle = format!("name=\"{name}\" value=\"");
    html.match_indices(&needle)
        .map(|(i, _)| {
            html[i + needle.len()..]
                .split('"')
                .next()
                .unwrap()
                .to_string()
        })
        .collect()
}

/// The page of one day's free times of the office's first service.
pub(crate) async fn day_page(web: &Client, app: &TestApp, office: &Office, date: &str) -> String {
    web.get(app.url(&format!(
        "/book/{}/{}/{date}",
        office.id, office.services[0]
    )))
    .send()
    .await
    .unwrap()
    .text()
    .await
    .unwrap()
}

/// Sends the day page's form: a hold on `start` for `party` persons.
pub(crate) async fn post_hold(
    web: &Client,
    app: &TestApp,
    office: &Office,
    (csrf, lang): (&str, &str),
    start: &str,
    party: &str,
) -> reqwest::Response {
    web.post(app.url("/book/hold"))
        .form(&[
            ("csrf", csrf),
            ("lang", lang),
            ("office_id", &office.id.to_string()),
            ("service_id", &office.services[0].to_string()),
            ("start", start),
            ("party_size", party),
        ])
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_citizen_books_and_cancels_through_the_pages_without_javascript() {
    let app = TestApp::spawn().await;
    let office = app
        .office(OfficeSpec {
            counters: vec![(0, vec![0]), (0, vec![0])],
            ..Default::default()
        })
        .await;
    let web = browser_like();
    let home = web.get(app.url("/")).send().await.unwrap();
    assert_eq!(home.status(), StatusCode::OK);
    let home = home.text().await.unwrap();
    assert!(
        home.contains("<html lang=\"it\" dir=\"ltr\">") && home.contains("Prenota un appuntamento")
    );
    assert_eq!(home.matches("<h1").count(), 1);
    let calendar = web
        .get(app.url(&format!("/book/{}/{}", office.id, office.services[0])))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        calendar.contains("lunedì 23 marzo 2026, 12 orari liberi"),
        "the whole date and its free times are one link text"
    );
    let day = day_page(&web, &app, &office, "2026-03-23").await;
    let starts = all_values(&day, "start");
    assert_eq!(starts.len(), 12);
    assert_eq!(starts[0], "2026-03-23T09:00:00+01:00");
    let csrf = input_value(&day, "csrf");
    // Take a hold on 09:00 for two persons.
    let details = post_hold(&web, &app, &office, (&csrf, "it"), &starts[0], "2").await;
    assert_eq!(details.status(), StatusCode::OK);
    assert!(details.url().path().starts_with("/book/details/"));
    let details = details.text().await.unwrap();
    assert!(
        details.contains("lunedì 23 marzo 2026, 09:00") && details.contains("09:05"),
        "time and hold expiry shown"
    );
    assert!(
        details.contains(&format!(
            "href=\"/book/{}/{}/2026-03-23?lang=it\" id=\"change-time\"",
            office.id, office.services[0]
        )),
        "a way back to the day's times"
    );
    let hold_id = input_value(&details, "hold_id");
    // Missing consent and a bad email: the form comes back with the fields marked.
    let bad = web
        .post(app.url("/book/confirm"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("lang", "it"),
            ("hold_id", hold_id.as_str()),
            ("name", "Maria Rossi"),
            ("email", "maria"),
            ("phone", ""),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let bad = bad.text().await.unwrap();
    assert!(
        bad.contains("aria-describedby=\"email-hint email-error\"")
            && bad.contains("id=\"email-error\"")
    );
    assert!(bad.contains("aria-invalid=\"true\" aria-describedby=\"consent-error\""));
    assert!(
        bad.contains("value=\"Maria Rossi\""),
        "what was typed is kept"
    );
    assert_eq!(
        app.booking_rows()
            .await
            .iter()
            .filter(|b| b.status == entity::status::BookingStatus::Confirmed)
            .count(),
        0
    );
    // Right this time.
    let done = web
        .post(app.url("/book/confirm"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("lang", "it"),
            ("hold_id", hold_id.as_str()),
            ("name", "Maria Rossi"),
            ("email", "Maria@Example.org"),
            ("phone", "+39 080 000000"),
            ("consent", "yes"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(done.status(), StatusCode::OK);
    let manage_url = done.url().clone();
    assert!(manage_url.path().starts_with("/b/"));
    let done = done.text().await.unwrap();
    assert!(
        done.contains("Prenotazione confermata")
            && done.contains("<svg")
            && done.contains("Codice QR del tuo appuntamento")
    );
    assert!(done.contains("lunedì 23 marzo 2026, 09:00–09:20"));
    let rows = app.booking_rows().await;
    let booked = rows
        .iter()
        .find(|b| b.status == entity::status::BookingStatus::Confirmed)
        .unwrap();
    assert_eq!(booked.party_size, 2);
    assert_eq!(booked.citizen_email.as_deref(), Some("maria@example.org"));
    // Cancel: a confirmation page first (a GET changes nothing), then the POST.
    let reference = booked.reference.clone().unwrap();
    let token = manage_url
        .query_pairs()
        .find(|(k, _)| k == "token")
        .unwrap()
        .1
        .to_string();
    let ask = web
        .get(app.url(&format!("/b/{reference}/cancel?token={token}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(ask.contains("Annullare la prenotazione?"));
    assert_eq!(
        app.booking_rows()
            .await
            .iter()
            .find(|b| b.reference.as_deref() == Some(&reference))
            .unwrap()
            .status,
        entity::status::BookingStatus::Confirmed
    );
    let cancelled = web
        .post(app.url(&format!("/b/{reference}/cancel")))
        .form(&[
            ("csrf", input_value(&ask, "csrf").as_str()),
            ("lang", "it"),
            ("token", token.as_str()),
        ])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(cancelled.contains("La prenotazione è annullata") && !cancelled.contains("<svg"));
    assert_eq!(
        app.booking_rows()
            .await
            .iter()
            .find(|b| b.reference.as_deref() == Some(&reference))
            .unwrap()
            .status,
        entity::status::BookingStatus::Cancelled
    );
}

#[tokio::test]
async fn a_time_taken_meanwhile_offers_the_nearest_free_ones() {
    let app = TestApp::spawn().await;
    let office = app.office(OfficeSpec::default()).await;
    let web = browser_like();
    let day = day_page(&web, &app, &office, "2026-03-23").await;
    let csrf = input_value(&day, "csrf");
    // Someone else books 10:00 through the API first.
    let r = app
        .post(
            "/api/v1/bookings",
            &crate::helpers::booking_body(
                &office,
                0,
                "2026-03-23T10:00:00+01:00",
                1,
                "fast@example.org",
            ),
        )
        .await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let taken = post_hold(
        &web,
        &app,
        &office,
        (&csrf, "en"),
        "2026-03-23T10:00:00+01:00",
        "1",
    )
    .await;
    assert_eq!(taken.status(), StatusCode::CONFLICT);
    let html = taken.text().await.unwrap();
    assert!(html.contains("has just been taken") && html.contains("The nearest free times"));
    let offered = all_values(&html, "start");
    assert_eq!(offered.len(), 6);
    assert!(
        offered.contains(&"2026-03-23T09:40:00+01:00".to_string())
            && offered.contains(&"2026-03-23T10:20:00+01:00".to_string())
    );
    assert!(!offered.contains(&"2026-03-23T10:00:00+01:00".to_string()));
    // Nearest first, and none chosen for the citizen.
    let distance = |s: &String| {
        let t = chrono::DateTime::parse_from_rfc3339(s).unwrap();
        let lost = chrono::DateTime::parse_from_rfc3339("2026-03-23T10:00:00+01:00").unwrap();
        (t - lost).num_minutes().abs()
    };
    let distances: Vec<i64> = offered.iter().map(distance).collect();
    assert!(distances.windows(2).all(|w| w[0] <= w[1]), "{offered:?}");
    assert!(!html.contains(" checked>"), "a time is pre-selected");
}

/// The booking page offers the calendar file (the confirmation's event), and after a
/// cancellation "book again" instead of a way to cancel.
#[tokio::test]
async fn the_booking_page_offers_the_calendar_file_and_after_a_cancellation_booking_again() {
    let app = TestApp::spawn().await;
    let office = app.office(OfficeSpec::default()).await;
    let booking = app
        .book(&office, "2026-03-23T09:00:00+01:00", "maria@example.org")
        .await;
    let reference = booking["reference"].as_str().unwrap();
    let token = booking["manage_token"].as_str().unwrap();
    let web = browser_like();
    let page = web
        .get(app.url(&format!("/b/{reference}?token={token}&lang=en")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("We sent the confirmation to maria@example.org."),
        "{page}"
    );
    assert!(page.contains("Add to calendar"));
    let ics = web
        .get(app.url(&format!(
            "/b/{reference}/calendar.ics?token={token}&lang=it"
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(ics.status(), StatusCode::OK);
    assert!(
        ics.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/calendar")
    );
    let disposition = ics.headers()["content-disposition"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        disposition.contains(&format!("appuntamento-{reference}")),
        "{disposition}"
    );
    let ics = ics.text().await.unwrap();
    assert!(ics.contains(&format!("UID:{reference}@sportello")) && ics.contains("METHOD:PUBLISH"));
    // A wrong token gets nothing.
    let wrong = web
        .get(app.url(&format!(
            "/b/{reference}/calendar.ics?token=AAAAAAAAAAAAAAAAAAAAAA"
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong.status(), StatusCode::NOT_FOUND);
    let r = app
        .client
        .post(app.url(&format!("/api/v1/bookings/{reference}/cancel")))
        .header("X-Manage-Token", token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let page = web
        .get(app.url(&format!("/b/{reference}?token={token}&lang=en")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Book again") && !page.contains("/cancel?token="),
        "{page}"
    );
    let ics = web
        .get(app.url(&format!("/b/{reference}/calendar.ics?token={token}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(ics.contains("METHOD:CANCEL"), "the file removes the event");
}

#[tokio::test]
async fn forms_without_the_csrf_cookie_are_refused() {
    let app = TestApp::spawn().await;
    let office = app.office(OfficeSpec::default()).await;
    let r = crate::helpers::client()
        .post(app.url("/book/hold"))
        .form(&[
            ("csrf", "forged-token-forged-token"),
            ("lang", "it"),
            ("office_id", &office.id.to_string()),
            ("service_id", &office.services[0].to_string()),
            ("start", "2026-03-23T10:00:00+01:00"),
            ("party_size", "1"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("<html lang=\"it\" dir=\"ltr\">")
    );
    assert_eq!(app.count("booking").await, 0);
}

#[tokio::test]
async fn pages_speak_the_browsers_language_and_errors_are_pages() {
    let app = TestApp::spawn().await;
    let web = browser_like();
    let en = web
        .get(app.url("/"))
        .header("Accept-Language", "en-GB,en;q=0.9,it;q=0.5")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(en.contains("<html lang=\"en\" dir=\"ltr\">") && en.contains("Book an appointment"));
    // Quality values decide, whatever the order; a region counts for its language.
    for (header, lang) in [
        ("de-DE, ro;q=0.8, en;q=0.9", "en"),
        ("fr, ro-RO;q=0.7, sq;q=0.6", "ro"),
        ("ar-MA;q=0.9, en;q=0.3", "ar"),
        ("de, fr;q=0.8", "it"),
    ] {
        let page = browser_like()
            .get(app.url("/"))
            .header("Accept-Language", header)
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            page.contains(&format!("<html lang=\"{lang}\"")),
            "{header} → {lang}"
        );
    }
    // An explicit choice wins and is remembered.
    let it = web
        .get(app.url("/?lang=it"))
        .header("Accept-Language", "en")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(it.contains("<html lang=\"it\""));
    let again = web
        .get(app.url("/"))
        .header("Accept-Language", "en")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        again.contains("<html lang=\"it\""),
        "the cookie remembers the choice"
    );
    let missing = web
        .get(app.url("/b/ZZZ-ZZZ?token=nope&lang=en"))
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    assert!(
        missing.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    let html = missing.text().await.unwrap();
    assert!(html.contains("does not exist") && html.contains("<h1>"));
    let statement = web
        .get(app.url("/accessibility?lang=it"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(statement.contains("Dichiarazione di accessibilità") && statement.contains("WCAG 2.1"));
    let css = web.get(app.url("/static/app.css")).send().await.unwrap();
    assert_eq!(css.status(), StatusCode::OK);
}

#[tokio::test]
async fn too_many_form_posts_get_a_429_page() {
    let app = TestApp::spawn_with(|c| c.http.rate_limit = true).await;
    let web = browser_like();
    let mut last = None;
    for _ in 0..25 {
        let r = web
            .post(app.url("/book/hold"))
            .form(&[
                ("csrf", "x"),
                ("lang", "it"),
                ("office_id", "1"),
                ("service_id", "1"),
                ("start", "x"),
                ("party_size", "1"),
            ])
            .send()
            .await
            .unwrap();
        last = Some((
            r.status(),
            r.headers().get("content-type").cloned(),
            r.text().await.unwrap(),
        ));
    }
    let (status, content_type, body) = last.unwrap();
    assert_eq!(status, StatusCode::TOO_MANY_REQUESTS);
    assert!(
        content_type
            .unwrap()
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    assert!(body.contains("Troppe richieste") && body.contains("<html lang=\"it\" dir=\"ltr\">"));
}

#[tokio::test]
async fn a_tampered_token_in_a_link_or_form_is_a_404_page_not_a_crash() {
    let app = TestApp::spawn().await;
    let office = app.office(OfficeSpec::default()).await;
    let b: serde_json::Value = app
        .post(
            "/api/v1/bookings",
            &crate::helpers::booking_body(
                &office,
                0,
                "2026-03-23T09:00:00+01:00",
                1,
                "a@example.org",
            ),
        )
        .await
        .json()
        .await
        .unwrap();
    let (reference, token) = (
        b["reference"].as_str().unwrap(),
        b["manage_token"].as_str().unwrap(),
    );
    let web = browser_like();
    let evil = web
        .get(app.url(&format!("/b/{reference}?token={token}%26lang%3Dxx")))
        .send()
        .await
        .unwrap();
    assert_eq!(evil.status(), StatusCode::NOT_FOUND);
    let page = web
        .get(app.url(&format!("/b/{reference}?token={token}")))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = input_value(&page, "csrf");
    let newline = format!("{token}\n");
    let r = web
        .post(app.url(&format!("/b/{reference}/cancel")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("lang", "it"),
            ("token", newline.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(
        r.status(),
        StatusCode::OK,
        "a trailing newline is trimmed, not echoed into a header"
    );
    let r = web
        .post(app.url(&format!("/b/{reference}/resend")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("lang", "it"),
            ("token", "x\r\nLocation: evil"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}

/// A citizen whose address has had its ten bookings this hour is told so on the page,
/// in the page's language, with how long to wait; nothing is booked.
#[tokio::test]
async fn the_page_says_when_an_address_has_had_too_many_bookings() {
    let app = TestApp::spawn_with(|c| c.http.rate_limit = true).await;
    let office = app
        .office(OfficeSpec {
            services: vec![(20, "in_person", 50)],
            ..Default::default()
        })
        .await;
    for i in 0..10 {
        let start = format!("2026-03-23T{:02}:{:02}:00+01:00", 9 + i / 3, i % 3 * 20);
        let r = app
            .post(
                "/api/v1/bookings",
                &booking_body(&office, 0, &start, 1, "maria@example.org"),
            )
            .await;
        assert_eq!(r.status(), StatusCode::CREATED);
    }
    let web = browser_like();
    let day = day_page(&web, &app, &office, "2026-03-24").await;
    let csrf = input_value(&day, "csrf");
    let start = &all_values(&day, "start")[0];
    let details = post_hold(&web, &app, &office, (&csrf, "it"), start, "1")
        .await
        .text()
        .await
        .unwrap();
    let refused = web
        .post(app.url("/book/confirm"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("lang", "it"),
            ("hold_id", input_value(&details, "hold_id").as_str()),
            ("name", "Maria Rossi"),
            ("email", "Maria+bis@example.org"),
            ("phone", ""),
            ("consent", "yes"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::TOO_MANY_REQUESTS);
    assert_eq!(refused.headers()["retry-after"], "3600");
    let page = refused.text().await.unwrap();
    assert!(
        page.contains("Questo indirizzo email ha già ricevuto troppe prenotazioni"),
        "{page}"
    );
    assert!(
        !page.contains("email address"),
        "no English on an Italian page"
    );
    assert_eq!(app.count("booking WHERE status = 'confirmed'").await, 10);
}

/// The per-citizen limit met on the details form is told as what it is, in the page's
/// language (not as a lapsed hold), and the refused attempt's hold is released at once,
/// so the time is free for others again. (Found walking the pages in Chromium.)
#[tokio::test]
async fn a_second_booking_of_an_address_is_told_as_the_citizen_limit_and_frees_the_time() {
    let app = TestApp::spawn().await;
    let office = app.office(OfficeSpec::default()).await; // one active booking each
    app.book(&office, "2026-03-23T09:00:00+01:00", "maria@example.org")
        .await;
    let web = browser_like();
    let day = day_page(&web, &app, &office, "2026-03-24").await;
    let csrf = input_value(&day, "csrf");
    let start = all_values(&day, "start")[0].clone();
    let details = post_hold(&web, &app, &office, (&csrf, "it"), &start, "1")
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(app.count("booking WHERE status = 'held'").await, 1);
    let refused = web
        .post(app.url("/book/confirm"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("lang", "it"),
            ("hold_id", input_value(&details, "hold_id").as_str()),
            ("name", "Maria Rossi"),
            ("email", "maria@example.org"),
            ("phone", ""),
            ("consent", "yes"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::CONFLICT);
    let page = refused.text().await.unwrap();
    assert!(
        page.contains("c&#x27;è già una prenotazione attiva per questo servizio")
            || page.contains("c&#39;è già una prenotazione attiva per questo servizio"),
        "{page}"
    );
    assert!(
        !page.contains("Il tempo per completare"),
        "not a lapsed hold"
    );
    assert_eq!(
        app.count("booking WHERE status = 'held'").await,
        0,
        "the hold was released"
    );
    assert_eq!(app.count("booking WHERE status = 'confirmed'").await, 1);
}

/// The email's "if the image does not show, use this link" (`/c/{token}`): the citizen
/// sees their appointment and QR code, in their language, with nothing to admit; a clerk
/// with a session sees the admission page.
#[tokio::test]
async fn the_check_in_link_shows_the_citizen_their_appointment() {
    let app = TestApp::spawn().await;
    let office = app.office(OfficeSpec::default()).await;
    let booking = app
        .book(&office, "2026-03-23T09:00:00+01:00", "maria@example.org")
        .await;
    let url = booking["checkin_url"].as_str().unwrap();
    let path = &url[url.find("/c/").unwrap()..];
    let r = browser_like()
        .get(app.url(&format!("{path}?lang=en")))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let page = r.text().await.unwrap();
    assert!(page.contains("Your appointment"), "{page}");
    assert!(page.contains(booking["reference"].as_str().unwrap()));
    assert!(page.contains("<svg"), "the QR code");
    assert!(!page.contains("name=\"password\""), "no staff login form");
    assert!(!page.contains("/staff/checkin"), "nothing to admit");
    // An unknown token is a 404 page, not a login form.
    let r = browser_like()
        .get(app.url("/c/AAAAAAAAAAAAAAAAAAAAAA"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    // A clerk with a session gets the staff page for the same link.
    let clerk = app.clerk("clerk@example.org", office.id).await;
    let staff = app
        .client
        .get(app.url(path))
        .header("Cookie", format!("sportello_session={clerk}"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(staff.contains("class=\"staff-bar"), "{staff}");
}

/// Reloading (or going back to) the address a form posted to leads back into the flow,
/// not to a bare 405.
#[tokio::test]
async fn reloading_a_form_post_leads_back_into_the_flow() {
    let app = TestApp::spawn().await;
    let no_redirects = crate::helpers::client_builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    for (path, to) in [
        ("/book/hold?lang=en", "/?lang=en"),
        ("/book/confirm", "/"),
        ("/waitlist", "/"),
        ("/waitlist/3/leave", "/"),
        ("/b/abc-def/resend", "/b/ABC-DEF"),
    ] {
        let r = no_redirects.get(app.url(path)).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::SEE_OTHER, "{path}");
        assert_eq!(r.headers()["location"], to, "{path}");
    }
}

/// A day without free times says why: closed (with the closure's reason), not open on
/// that weekday, or fully booked; not "no free times" for all three.
#[tokio::test]
async fn the_days_list_says_why_a_day_has_no_free_time() {
    use reqwest::Method;
    use serde_json::json;
    let app = TestApp::spawn().await;
    let office = app.office(OfficeSpec::default()).await;
    let ranges = json!([["09:00", "09:40"]]);
    let mut weekly = serde_json::Map::new();
    for day in ["mon", "tue", "wed", "thu", "fri", "sat"] {
        weekly.insert(day.into(), ranges.clone());
    }
    weekly.insert("sun".into(), json!([]));
    app.admin(
        Method::PUT,
        &format!("/api/v1/offices/{}/opening-hours", office.id),
        json!({"valid_from": "2026-01-01", "valid_to": null, "weekly": weekly}),
    )
    .await;
    app.admin(
        Method::POST,
        &format!("/api/v1/offices/{}/closures", office.id),
        json!({"from": "2026-03-24", "to": "2026-03-24", "reason": "Sciopero generale"}),
    )
    .await;
    // Monday 23 March fully booked: two 20-minute times, one counter each.
    for start in ["2026-03-23T09:00:00+01:00", "2026-03-23T09:20:00+01:00"] {
        for (i, _) in office.counters.iter().enumerate() {
            app.book(
                &office,
                start,
                &format!("p{i}{}@example.org", &start[14..16]),
            )
            .await;
        }
    }
    let page = browser_like()
        .get(app.url(&format!(
            "/book/{}/{}?lang=it",
            office.id, office.services[0]
        )))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("martedì 24 marzo 2026, chiuso: Sciopero generale"),
        "{page}"
    );
    assert!(page.contains("domenica 22 marzo 2026, l&#39;ufficio non apre in questo giorno"));
    assert!(
        page.contains("lunedì 23 marzo 2026, tutto prenotato"),
        "{page}"
    );
    assert!(
        page.contains("mercoledì 25 marzo 2026, 2 orari liberi"),
        "{page}"
    );
}

/// The privacy notice the consent box links to names the installation's controller and
/// contact and the configured retention, in the page's language.
#[tokio::test]
async fn the_privacy_notice_names_the_controller_and_the_retention() {
    let app = TestApp::spawn().await;
    let web = browser_like();
    let page = web
        .get(app.url("/privacy?lang=it"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let days = app.state.config.booking.retention_days;
    assert!(
        page.contains("Il titolare del trattamento è Comune di Prova"),
        "{page}"
    );
    assert!(page.contains("mailto:privacy@comune.example"));
    assert!(
        page.contains(&format!("cancellati {days} giorni dopo l&#39;appuntamento")),
        "{page}"
    );
    assert!(page.contains("articoli 13 e 14") && page.contains("Garante"));
    let english = web
        .get(app.url("/privacy?lang=en"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(english.contains("The data controller is Comune di Prova"));
    // Without a configured address the notice sends the citizen to the office, never
    // to an empty "write to:".
    let without = TestApp::spawn_with(|c| c.institution.privacy_email = None).await;
    let page = browser_like()
        .get(without.url("/privacy?lang=en"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("public relations office") && !page.contains("write to:"),
        "{page}"
    );
    // The consent box of the details form points to it.
    let office = app.office(OfficeSpec::default()).await;
    let day = day_page(&web, &app, &office, "2026-03-23").await;
    let csrf = input_value(&day, "csrf");
    let details = post_hold(
        &web,
        &app,
        &office,
        (&csrf, "it"),
        "2026-03-23T10:00:00+01:00",
        "1",
    )
    .await
    .text()
    .await
    .unwrap();
    assert!(details.contains("href=\"/privacy?lang=it\""), "{details}");
}
