//! What a citizen needs before booking (issue 16): the office's address with a map link,
//! its contacts, opening hours and closures, each service's description and what to
//! bring in the citizen's language; the emails' rules and signature; and "I lost my
//! link".

use entity::outbox_message;
use reqwest::{Method, StatusCode};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde_json::json;

use crate::helpers::{Office, OfficeSpec, TestApp, cookie_client, form_field};

/// An office whose first service has an Italian description and English texts.
async fn described_office(app: &TestApp) -> Office {
    let office = app.office(OfficeSpec::default()).await;
    let sid = office.services[0];
    app.admin(
        Method::PUT,
        &format!("/api/v1/services/{sid}"),
        json!({"name": "Carta d'identità", "duration_minutes": 20, "horizon_days": 60,
               "min_notice_minutes": 60, "no_show_grace_minutes": 15,
               "what_to_bring": "Una fototessera.",
               "description": "Rilascio della carta d'identità elettronica.",
               "texts": {"en": {"name": "Identity card",
                                "description": "Issue of the electronic identity card.",
                                "what_to_bring": "A passport photo."}}}),
    )
    .await;
    let settings = app
        .admin(
            Method::PATCH,
            &format!("/api/v1/offices/{}", office.id),
            json!({"no_show_email": false, "phone": "080 123 4567", "email": "ufficio@comune.example"}),
        )
        .await;
    assert_eq!(settings["phone"], "080 123 4567", "{settings}");
    app.admin(
        Method::POST,
        &format!("/api/v1/offices/{}/closures", office.id),
        json!({"from": "2026-03-25", "to": "2026-03-25", "reason": "Disinfestazione"}),
    )
    .await;
    office
}

async fn page(app: &TestApp, path: &str) -> String {
    let r = app.client.get(app.url(path)).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{path}");
    r.text().await.unwrap()
}

#[tokio::test]
async fn the_home_page_shows_each_offices_contacts_hours_closures_and_services_in_the_language() {
    let app = TestApp::spawn().await;
    let office = described_office(&app).await;
    let en = page(&app, "/?lang=en").await;
    for expected in [
        "Identity card",
        "Issue of the electronic identity card.",
        "A passport photo.",
        "080 123 4567",
        "href=\"tel:0801234567\"",
        "ufficio@comune.example",
        "https://www.openstreetmap.org/search?query=Via+Sparano+1%2C+Bari",
        "Opening hours",
        "Monday",
        "09:00",
        "Disinfestazione",
        "href=\"/lost?lang=en\"",
    ] {
        assert!(
            en.contains(expected),
            "{expected} missing from the English home page"
        );
    }
    assert!(!en.contains("Carta d&#x27;identità") && !en.contains("Carta d'identità"));
    let it = page(&app, "/?lang=it").await;
    for expected in [
        "Rilascio della carta d",
        "Una fototessera.",
        "Orari di apertura",
        "lunedì",
    ] {
        assert!(
            it.contains(expected),
            "{expected} missing from the Italian home page"
        );
    }
    // A language without its own texts falls back to the Italian ones, in its own frame.
    let sq = page(&app, "/?lang=sq").await;
    assert!(sq.contains("Rilascio della carta d") && sq.contains("Orari i punës"));
    // The pages of the flow name the service in the language too.
    let calendar = page(
        &app,
        &format!("/book/{}/{}?lang=en", office.id, office.services[0]),
    )
    .await;
    assert!(calendar.contains("Identity card"));
}

#[tokio::test]
async fn service_texts_in_an_unknown_language_or_too_long_are_refused_and_change_nothing() {
    let app = TestApp::spawn().await;
    let office = described_office(&app).await;
    let sid = office.services[0];
    for texts in [
        json!({"xx": {"name": "?"}}),
        json!({"it": {"name": "doppione"}}),
        json!({"en": {"name": "n".repeat(201)}}),
    ] {
        let r = app
            .client
            .put(app.url(&format!("/api/v1/services/{sid}")))
            .bearer_auth(&app.admin_token)
            .json(
                &json!({"name": "Carta d'identità", "duration_minutes": 20, "horizon_days": 60,
                          "min_notice_minutes": 60, "no_show_grace_minutes": 15, "texts": texts}),
            )
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
        let problem: serde_json::Value = r.json().await.unwrap();
        assert_eq!(problem["errors"][0]["field"], "texts", "{problem}");
    }
    let en = page(&app, "/?lang=en").await;
    assert!(
        en.contains("Identity card"),
        "the stored texts are unchanged"
    );
}

#[tokio::test]
async fn the_confirmation_says_the_grace_rule_the_calendar_file_and_whom_to_ask() {
    let app = TestApp::spawn().await;
    let office = described_office(&app).await;
    let mut body = crate::helpers::booking_body(
        &office,
        0,
        "2026-03-23T09:00:00+01:00",
        1,
        "anna@example.org",
    );
    body["language"] = json!("en");
    let r = app.post("/api/v1/bookings", &body).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let mail = outbox_message::Entity::find()
        .filter(outbox_message::Column::Kind.eq("confirmation"))
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    for text in [&mail.body_text, &mail.body_html] {
        for expected in [
            "Identity card",
            "A passport photo.",
            "more than 15 minutes after the start",
            "The calendar file is attached",
            "Questions about the appointment",
            "080 123 4567",
            // The municipality's signature.
            "Comune di Prova",
            "080 577 1111",
            "urp@comune.example",
        ] {
            assert!(text.contains(expected), "{expected} missing from:\n{text}");
        }
    }
    assert!(mail.subject.contains("Identity card"), "{}", mail.subject);
}

/// The form's CSRF token and a client holding its cookie.
async fn lost_form(app: &TestApp) -> (reqwest::Client, String) {
    let web = cookie_client();
    let form = web
        .get(app.url("/lost?lang=en"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(form.contains("Get the links to your bookings"), "{form}");
    let csrf = form_field(&form, "csrf");
    (web, csrf)
}

async fn ask(app: &TestApp, web: &reqwest::Client, csrf: &str, email: &str) -> reqwest::Response {
    web.post(app.url("/lost"))
        .form(&[("csrf", csrf), ("lang", "en"), ("email", email)])
        .send()
        .await
        .unwrap()
}

async fn lost_mails(app: &TestApp, to: &str) -> Vec<outbox_message::Model> {
    outbox_message::Entity::find()
        .filter(outbox_message::Column::Kind.eq("lost_links"))
        .filter(outbox_message::Column::Recipient.eq(to))
        .order_by_asc(outbox_message::Column::Id)
        .all(&app.db.conn)
        .await
        .unwrap()
}

#[tokio::test]
async fn a_lost_link_is_sent_again_to_the_address_only_and_the_answer_tells_nobody_else() {
    let app = TestApp::spawn().await;
    let office = app
        .office(OfficeSpec {
            services: vec![(20, "in_person", 1), (20, "in_person", 1)],
            counters: vec![(0, vec![0, 1])],
            ..Default::default()
        })
        .await;
    let first = app
        .book_with(
            &office,
            0,
            "2026-03-23T09:00:00+01:00",
            1,
            "Maria@Example.org",
        )
        .await;
    app.book_with(
        &office,
        1,
        "2026-03-24T10:00:00+01:00",
        1,
        "maria@example.org",
    )
    .await;
    let old_link = app.url(&format!(
        "/b/{}?token={}",
        first["reference"].as_str().unwrap(),
        first["manage_token"].as_str().unwrap()
    ));
    assert_eq!(
        app.client.get(&old_link).send().await.unwrap().status(),
        StatusCode::OK
    );

    let (web, csrf) = lost_form(&app).await;
    // An address with bookings and one without get the same answer.
    let known = ask(&app, &web, &csrf, " MARIA@example.org ").await;
    let unknown = ask(&app, &web, &csrf, "nobody@example.org").await;
    for r in [&known, &unknown] {
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
        assert_eq!(r.headers()["location"], "/lost?asked=1&lang=en");
    }
    assert!(lost_mails(&app, "nobody@example.org").await.is_empty());
    let mails = lost_mails(&app, "maria@example.org").await;
    assert_eq!(mails.len(), 1);
    let text = &mails[0].body_text;
    assert_eq!(
        text.matches("/b/").count(),
        2,
        "a link per booking:\n{text}"
    );
    assert!(text.contains("no longer work"), "{text}");
    // The new links work, the old one no longer does.
    let new_link = text
        .split_whitespace()
        .find(|w| w.contains(&format!("/b/{}", first["reference"].as_str().unwrap())))
        .unwrap()
        .replace("http://sportello.test", &app.address);
    assert_eq!(
        app.client.get(&new_link).send().await.unwrap().status(),
        StatusCode::OK
    );
    assert_eq!(
        app.client.get(&old_link).send().await.unwrap().status(),
        StatusCode::NOT_FOUND
    );
    // Three emails an hour at most; the answer stays the same.
    for _ in 0..4 {
        let r = ask(&app, &web, &csrf, "maria@example.org").await;
        assert_eq!(r.headers()["location"], "/lost?asked=1&lang=en");
    }
    assert_eq!(lost_mails(&app, "maria@example.org").await.len(), 3);
    app.clock.advance(chrono::Duration::minutes(61));
    ask(&app, &web, &csrf, "maria@example.org").await;
    assert_eq!(lost_mails(&app, "maria@example.org").await.len(), 4);
    // The page after says what happens, in the language asked.
    let sent = web
        .get(app.url("/lost?asked=1&lang=en"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        sent.contains("If this address has upcoming bookings"),
        "{sent}"
    );
}

#[tokio::test]
async fn concurrent_requests_for_one_address_send_at_most_the_hourly_limit() {
    let app = TestApp::spawn().await;
    let office = app.office(OfficeSpec::default()).await;
    app.book(&office, "2026-03-23T09:00:00+01:00", "maria@example.org")
        .await;
    let (web, csrf) = lost_form(&app).await;
    let asks = (0..24).map(|_| ask(&app, &web, &csrf, "maria@example.org"));
    for r in futures::future::join_all(asks).await {
        assert_eq!(r.status(), StatusCode::SEE_OTHER);
    }
    let mails = lost_mails(&app, "maria@example.org").await;
    assert_eq!(
        mails.len() as u64,
        sportello::service::changes::lost::LOST_LINK_MAILS_PER_HOUR
    );
    // The booking's token is the one of the last email: its link works.
    let last = mails.last().unwrap();
    let link = last
        .body_text
        .split_whitespace()
        .find(|w| w.contains("/b/"))
        .unwrap();
    let link = link.replace("http://sportello.test", &app.address);
    assert_eq!(
        app.client.get(&link).send().await.unwrap().status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_malformed_address_keeps_the_form_and_a_forged_form_is_refused() {
    let app = TestApp::spawn().await;
    let (web, csrf) = lost_form(&app).await;
    let r = ask(&app, &web, &csrf, "not-an-address").await;
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = r.text().await.unwrap();
    assert!(
        page.contains("value=\"not-an-address\""),
        "keeps what was typed"
    );
    assert!(page.contains("aria-invalid=\"true\""));
    assert!(page.contains("id=\"email-error\""));
    let forged = ask(
        &app,
        &cookie_client(),
        "forged-token-forged-token",
        "maria@example.org",
    )
    .await;
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.count("outbox_message").await, 0);
}

#[tokio::test]
async fn the_accessibility_statement_follows_agids_model_with_its_dates_and_complaint_link() {
    let app = TestApp::spawn_with(|c| {
        c.institution.agid_statement_id = Some("a1b2c3".into());
        c.institution.accessibility_drafted = chrono::NaiveDate::from_ymd_opt(2026, 9, 20);
    })
    .await;
    let it = page(&app, "/accessibility?lang=it").await;
    for expected in [
        "Stato di conformità",
        "Conforme",
        "Contenuti non accessibili",
        "Redazione della dichiarazione di accessibilità",
        "domenica 20 settembre 2026",
        "Meccanismo di feedback e recapiti",
        "mailto:urp@comune.example",
        "Procedura di attuazione",
        "https://form.agid.gov.it/form/procedura-attuazione/a1b2c3",
        "Comune di Prova si impegna",
    ] {
        assert!(
            it.contains(expected),
            "{expected} missing from the statement"
        );
    }
    let plain = TestApp::spawn().await;
    let en = page(&plain, "/accessibility?lang=en").await;
    assert!(
        en.contains("Thursday 3 December 2026"),
        "the release's date by default"
    );
    assert!(en.contains("href=\"https://form.agid.gov.it/\""));
    assert!(!en.contains("procedura-attuazione/"));
}

#[tokio::test]
async fn a_closure_email_says_the_office_is_closed_and_why_with_the_managers_message() {
    let app = TestApp::spawn().await;
    let office = app.office(OfficeSpec::default()).await;
    let booked = app
        .book(&office, "2026-03-23T09:00:00+01:00", "anna@example.org")
        .await;
    let closure = app
        .admin(
            Method::POST,
            &format!("/api/v1/offices/{}/closures", office.id),
            json!({"from": "2026-03-23", "to": "2026-03-23", "reason": "Sciopero generale"}),
        )
        .await;
    let affected = closure["impact"]["affected_bookings"].clone();
    assert_eq!(affected, json!([booked["reference"]]), "{closure}");
    let too_long = app
        .client
        .post(app.url("/api/v1/impact/notify"))
        .bearer_auth(&app.admin_token)
        .json(&json!({"references": affected, "message": "x".repeat(501)}))
        .send()
        .await
        .unwrap();
    assert_eq!(too_long.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let done = app
        .admin(
            Method::POST,
            "/api/v1/impact/notify",
            json!({"references": affected, "message": "Ci scusiamo: potete anche chiamare lo 080 123."}),
        )
        .await;
    assert_eq!(done["notified"], affected, "{done}");
    let mail = outbox_message::Entity::find()
        .filter(outbox_message::Column::Kind.eq("rebook_invite"))
        .one(&app.db.conn)
        .await
        .unwrap()
        .unwrap();
    for expected in [
        "sarà chiuso",
        "non può avere luogo",
        "Sciopero generale",
        "Messaggio dell'ufficio: Ci scusiamo: potete anche chiamare lo 080 123.",
        "/m/",
    ] {
        assert!(
            mail.body_text.contains(expected),
            "{expected} missing:\n{}",
            mail.body_text
        );
    }
    assert!(
        !mail.body_text.contains("resta valido"),
        "{}",
        mail.body_text
    );
}

#[tokio::test]
async fn an_error_page_keeps_its_page_in_the_language_menu_and_staff_errors_lead_to_the_staff() {
    let app = TestApp::spawn().await;
    let office = app.office(OfficeSpec::default()).await;
    let r = app
        .client
        .get(app.url("/b/AAA-AAA?token=zzzzzzzzzzzzzzzzzzzzzz&lang=en"))
        .header("Accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let page = r.text().await.unwrap();
    assert!(
        page.contains("href=\"/b/AAA-AAA?token=zzzzzzzzzzzzzzzzzzzzzz&#38;lang=it\""),
        "the same page in Italian: {page}"
    );
    assert!(page.contains("Back to the home page") || page.contains("href=\"/?lang=en\""));
    // An address that starts with "//" is no way to another site through the menu.
    let r = app
        .client
        .get(app.url("//evil.example/x?lang=en"))
        .header("Accept", "text/html")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let page = r.text().await.unwrap();
    assert!(!page.contains("href=\"//evil.example"), "{page}");
    let clerk = app.clerk("clerk@example.org", office.id).await;
    let r = app
        .client
        .get(app.url(&format!("/manage?office={}&lang=en", office.id)))
        .header("Cookie", format!("sportello_session={clerk}"))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let page = r.text().await.unwrap();
    assert!(page.contains("href=\"/staff?lang=en\""), "{page}");
    assert!(page.contains("Sportello – Staff"), "the staff's header");
}

#[tokio::test]
async fn control_characters_in_contacts_and_texts_are_refused_and_change_nothing() {
    let app = TestApp::spawn().await;
    let offices = app.count("office").await;
    let r = app
        .client
        .post(app.url("/api/v1/offices"))
        .bearer_auth(&app.admin_token)
        .json(&json!({"name": "Ufficio", "address": "Via Roma 1", "phone": "080\u{0}123"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.count("office").await, offices);
    let office = app.office(OfficeSpec::default()).await;
    let r = app
        .client
        .put(app.url(&format!("/api/v1/services/{}", office.services[0])))
        .bearer_auth(&app.admin_token)
        .json(
            &json!({"name": "Carta", "duration_minutes": 20, "horizon_days": 60,
                      "min_notice_minutes": 60, "no_show_grace_minutes": 15,
                      "texts": {"en": {"description": "a\u{0}b"}}}),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
}
