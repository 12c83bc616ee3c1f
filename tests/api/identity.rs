//! Citizens log in with SPID or CIE and staff with the city's directory, through a real
//! OpenID provider (`oidc-provider` from npm, started by the test): the booking form
//! prefilled, "My appointments", the per-citizen limit by fiscal code, every refusal of
//! a bad answer, the staff's role and office from claims, and a provider that is down.

use reqwest::{Client, StatusCode};
use serde_json::json;
use sportello::infra::secrets;

use crate::helpers::{
    Office, OfficeSpec, TestApp,
    oidc::{Provider, app_with, browser, location, login_at_provider},
};
use crate::pages::{all_values, day_page, input_value, post_hold};

/// Takes a hold on the `n`-th free time of the day after tomorrow in `web`; answers
/// (csrf, the details page's path).
pub(crate) async fn hold(
    web: &Client,
    app: &TestApp,
    office: &Office,
    n: usize,
) -> (String, String) {
    let date = (app.clock.now() + chrono::Duration::days(2))
        .with_timezone(&chrono_tz::Europe::Rome)
        .date_naive()
        .to_string();
    let day = day_page(web, app, office, &date).await;
    let starts = all_values(&day, "start");
    let csrf = input_value(&day, "csrf");
    let resp = post_hold(web, app, office, (&csrf, "it"), &starts[n], "1").await;
    assert_eq!(resp.status(), StatusCode::SEE_OTHER, "hold");
    (csrf, location(&resp))
}

/// A page's text, as `web` sees it.
pub(crate) async fn page_text(web: &Client, app: &TestApp, path: &str) -> String {
    web.get(app.url(path))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

/// "My appointments"' buttons: opens `reference` on its page (`manage`) or its cancel
/// page (`cancel`).
async fn open_from_my(
    web: &Client,
    app: &TestApp,
    csrf: &str,
    reference: &str,
    to: &str,
) -> reqwest::Response {
    web.post(app.url("/my/open"))
        .form(&[
            ("csrf", csrf),
            ("lang", "it"),
            ("reference", reference),
            ("to", to),
        ])
        .send()
        .await
        .unwrap()
}

pub(crate) async fn confirm(
    web: &Client,
    app: &TestApp,
    csrf: &str,
    details: &str,
    name: &str,
    email: &str,
) -> reqwest::Response {
    let page = page_text(web, app, details).await;
    let hold_id = input_value(&page, "hold_id");
    web.post(app.url("/book/confirm"))
        .form(&[
            ("csrf", csrf),
            ("lang", "it"),
            ("hold_id", hold_id.as_str()),
            ("name", name),
            ("email", email),
            ("phone", ""),
            ("consent", "yes"),
        ])
        .send()
        .await
        .unwrap()
}

/// Logs `user` in at `provider` and follows the callback; answers where it sent the
/// browser.
pub(crate) async fn log_in(
    web: &Client,
    app: &TestApp,
    provider: &str,
    return_to: &str,
    user: &str,
) -> String {
    let callback = login_at_provider(web, app, provider, return_to, user).await;
    let resp = web.get(&callback).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::SEE_OTHER, "callback of {user}");
    location(&resp)
}

fn fiscal_hash(code: &str) -> String {
    secrets::keyed_hash(Some(crate::helpers::oidc::FISCAL_CODE_KEY), code)
}

#[tokio::test]
async fn a_citizen_logs_in_books_with_the_providers_details_and_finds_it_under_my() {
    let provider = Provider::start().await;
    let app = app_with(provider.providers()).await;
    let office = app.office(OfficeSpec::default()).await;
    let web = browser();
    let (csrf, details) = hold(&web, &app, &office, 0).await;
    let page = page_text(&web, &app, &details).await;
    assert!(page.contains("id=\"login-spid\"") && page.contains("id=\"login-cie\""));
    assert!(
        !page.contains("login-city"),
        "the staff's provider is not offered to citizens"
    );
    // The login comes back to the form it left.
    let back = log_in(&web, &app, "spid", &details, "mario").await;
    assert_eq!(back, details);
    let page = page_text(&web, &app, &details).await;
    assert!(
        page.contains("Mario Rossi (codice fiscale RSSMRA80A01H501U)"),
        "the TINIT- prefix is gone"
    );
    assert!(page.contains("value=\"Mario Rossi\" readonly"));
    assert!(page.contains("value=\"mario.rossi@example.org\" readonly"));
    // What the form posts for name and email does not count: the provider's do.
    let done = confirm(
        &web,
        &app,
        &csrf,
        &details,
        "Someone Else",
        "other@example.org",
    )
    .await;
    assert_eq!(done.status(), StatusCode::SEE_OTHER);
    let emailed_link = location(&done);
    let rows = app.booking_rows().await;
    let b = rows.iter().find(|b| b.reference.is_some()).unwrap();
    assert_eq!(b.citizen_name.as_deref(), Some("Mario Rossi"));
    assert_eq!(b.citizen_email.as_deref(), Some("mario.rossi@example.org"));
    assert_eq!(
        b.citizen_fiscal_hash.as_deref(),
        Some(fiscal_hash("RSSMRA80A01H501U").as_str())
    );
    assert_eq!(b.identity_provider.as_deref(), Some("spid"));
    assert_eq!(
        b.citizen_fiscal_code, None,
        "without the IO app the fiscal code itself is not kept"
    );
    let reference = b.reference.clone().unwrap();
    // "My appointments" lists it, and opens it by a link of its own.
    let my = page_text(&web, &app, "/my").await;
    assert!(
        my.contains(&reference) && my.contains("Prossime prenotazioni"),
        "{my}"
    );
    let opened = open_from_my(&web, &app, &csrf, &reference, "manage").await;
    assert_eq!(opened.status(), StatusCode::SEE_OTHER);
    let manage = location(&opened);
    assert!(manage.starts_with(&format!("/b/{reference}?token=")));
    assert_eq!(
        web.get(app.url(&manage)).send().await.unwrap().status(),
        StatusCode::OK
    );
    assert_eq!(
        web.get(app.url(&emailed_link))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK,
        "the emailed link still works beside it"
    );
    let cancel = open_from_my(&web, &app, &csrf, &reference, "cancel").await;
    assert!(location(&cancel).starts_with(&format!("/b/{reference}/cancel?token=")));
    // Another citizen neither sees it nor opens it.
    let other = browser();
    let back = log_in(&other, &app, "cie", "/my", "giulia").await;
    assert_eq!(back, "/my");
    let theirs = page_text(&other, &app, "/my").await;
    assert!(theirs.contains("Giulia Bianchi") && !theirs.contains(&reference));
    let other_csrf = input_value(&theirs, "csrf");
    let refused = open_from_my(&other, &app, &other_csrf, &reference, "manage").await;
    assert_eq!(refused.status(), StatusCode::NOT_FOUND);
    // Logout ends the session here and sends the browser on to the provider's logout.
    assert_eq!(app.count("citizen_session").await, 2);
    let out = web
        .post(app.url("/auth/logout"))
        .form(&[("csrf", csrf.as_str()), ("lang", "it")])
        .send()
        .await
        .unwrap();
    assert_eq!(out.status(), StatusCode::OK);
    let out = out.text().await.unwrap();
    assert!(
        out.contains(&format!("{}/session/end?", provider.issuer))
            && out.contains("client_id=sportello"),
        "{out}"
    );
    assert_eq!(app.count("citizen_session").await, 1);
    let my = page_text(&web, &app, "/my").await;
    assert!(!my.contains("id=\"logout\"") && my.contains("/auth/oidc/spid/login"));
}

#[tokio::test]
async fn the_per_citizen_limit_counts_by_fiscal_code_across_addresses_even_at_once() {
    let provider = Provider::start().await;
    let app = app_with(provider.providers()).await;
    let office = app.office(OfficeSpec::default()).await;
    // Giulia's provider sends no email: she types one, a different one each time.
    let web = browser();
    let (csrf, details) = hold(&web, &app, &office, 0).await;
    log_in(&web, &app, "cie", &details, "giulia").await;
    let page = page_text(&web, &app, &details).await;
    assert!(
        page.contains("value=\"Giulia Bianchi\" readonly")
            && !page.contains("\" readonly aria-describedby=\"email-hint")
    );
    let first = confirm(&web, &app, &csrf, &details, "", "giulia@example.org").await;
    assert_eq!(first.status(), StatusCode::SEE_OTHER);
    let (csrf2, details2) = hold(&web, &app, &office, 0).await;
    let second = confirm(&web, &app, &csrf2, &details2, "", "g.bianchi@example.net").await;
    assert_eq!(
        second.status(),
        StatusCode::CONFLICT,
        "the same person under another address"
    );
    // Six browsers of the same person, six addresses, at once: still nobody gets a
    // second booking (the first one is cancelled to make room for exactly one).
    let confirmed = |rows: &[entity::booking::Model]| {
        rows.iter()
            .filter(|b| b.status == entity::status::BookingStatus::Confirmed)
            .count()
    };
    assert_eq!(confirmed(&app.booking_rows().await), 1);
    let link = location(&first);
    let token = link
        .split("token=")
        .nth(1)
        .unwrap()
        .split('&')
        .next()
        .unwrap();
    let reference = link.trim_start_matches("/b/").split('?').next().unwrap();
    let cancelled = app
        .client
        .post(app.url(&format!(
            "/api/v1/bookings/{reference}/cancel?token={token}"
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(cancelled.status(), StatusCode::OK);
    let mut racers = Vec::new();
    for i in 0..6 {
        let web = browser();
        let (csrf, details) = hold(&web, &app, &office, 0).await;
        log_in(&web, &app, "cie", &details, "giulia").await;
        racers.push((web, csrf, details, format!("giulia{i}@example.org")));
    }
    let results = futures::future::join_all(
        racers
            .iter()
            .map(|(web, csrf, details, email)| confirm(web, &app, csrf, details, "", email)),
    )
    .await;
    let booked = results
        .iter()
        .filter(|r| r.status() == StatusCode::SEE_OTHER)
        .count();
    assert_eq!(
        booked,
        1,
        "{:?}",
        results.iter().map(|r| r.status()).collect::<Vec<_>>()
    );
    assert_eq!(confirmed(&app.booking_rows().await), 1);
    // Somebody booking anonymously is not counted as her: they have no fiscal code.
    let anon = browser();
    let (csrf, details) = hold(&anon, &app, &office, 0).await;
    assert_eq!(
        confirm(
            &anon,
            &app,
            &csrf,
            &details,
            "Giulia B.",
            "giulia@example.com"
        )
        .await
        .status(),
        StatusCode::SEE_OTHER
    );
}

/// A callback that must be refused: an error page naming no session, and no session
/// row or cookie made.
async fn refused(web: &Client, app: &TestApp, callback: &str, why: &str) {
    let before = app.count("citizen_session").await;
    let resp = web.get(callback).send().await.unwrap();
    assert!(
        resp.status() == StatusCode::BAD_REQUEST || resp.status() == StatusCode::UNAUTHORIZED,
        "{why}: {}",
        resp.status()
    );
    assert!(
        !resp
            .headers()
            .get_all("set-cookie")
            .iter()
            .any(|c| c.to_str().unwrap().starts_with("sportello_citizen=")),
        "{why}: no session cookie"
    );
    let page = resp.text().await.unwrap();
    assert!(
        page.contains("Accesso non riuscito") && page.contains("Continua senza accedere"),
        "{why}"
    );
    assert_eq!(
        app.count("citizen_session").await,
        before,
        "{why}: no session row"
    );
}

#[tokio::test]
async fn bad_answers_get_an_error_page_and_no_session() {
    let provider = Provider::start().await;
    let app = app_with(provider.providers()).await;
    // A wrong state.
    let web = browser();
    let callback = login_at_provider(&web, &app, "spid", "/my", "mario").await;
    let state = callback
        .split("state=")
        .nth(1)
        .unwrap()
        .split('&')
        .next()
        .unwrap()
        .to_string();
    refused(
        &web,
        &app,
        &callback.replace(&state, "AAAAAAAAAAAAAAAAAAAAAA"),
        "wrong state",
    )
    .await;
    // The right answer in a browser that did not start this login (login CSRF).
    let web = browser();
    let callback = login_at_provider(&web, &app, "spid", "/my", "mario").await;
    refused(&browser(), &app, &callback, "another browser").await;
    // No state at all.
    let code_only = callback.split('?').next().unwrap().to_string() + "?code=abc";
    refused(&web, &app, &code_only, "no state").await;
    // A code used twice: the first time logs in, the second is refused.
    let web = browser();
    let callback = login_at_provider(&web, &app, "cie", "/my", "mario").await;
    assert_eq!(
        web.get(&callback).send().await.unwrap().status(),
        StatusCode::SEE_OTHER
    );
    assert_eq!(app.count("citizen_session").await, 1);
    refused(&web, &app, &callback, "replayed code").await;
    // ID tokens spoiled by the provider: another key, another nonce, long expired.
    for mode in ["wrong_key", "wrong_nonce", "expired"] {
        provider.set_mode(mode).await;
        for name in ["spid", "cie"] {
            let web = browser();
            let callback = login_at_provider(&web, &app, name, "/my", "mario").await;
            refused(&web, &app, &callback, &format!("{mode} at {name}")).await;
        }
    }
    provider.set_mode("none").await;
    // Cancelled at the provider: it answers an error instead of a code.
    let web = browser();
    let callback = login_at_provider(&web, &app, "spid", "/my", "mario").await;
    let error = callback.replace("code=", "error=access_denied&x=");
    refused(&web, &app, &error, "access denied").await;
    assert_eq!(
        app.count("citizen_session").await,
        1,
        "only the one good login"
    );
    // Every answer that came back used its state up; the two logins whose real answer
    // never arrived (the forged state, the other browser) lapse after ten minutes.
    assert_eq!(app.count("oidc_login").await, 2);
    app.clock.advance(chrono::Duration::minutes(11));
    sportello::service::retention::anonymise(&app.db, app.clock.now(), 30)
        .await
        .unwrap();
    assert_eq!(app.count("oidc_login").await, 0);
}

#[tokio::test]
async fn staff_log_in_through_the_city_directory_with_role_and_office_from_claims() {
    let provider = Provider::start().await;
    let app = app_with(provider.providers()).await;
    let office = app.office(OfficeSpec::default()).await;
    let office_id = office.id.to_string();
    provider
        .add_accounts(json!({
            "anna": {"email": "anna@comune.test", "groups": ["people", "sportello-manager"], "office": office_id},
            "root": {"email": "root@comune.test", "groups": "sportello-admin"},
            "luca": {"email": "luca@comune.test", "groups": ["sportello-staff"], "office": "9999"},
            "marta": {"email": "marta@comune.test", "groups": ["people"], "office": office_id},
            "noemail": {"groups": ["sportello-staff"], "office": office_id},
            "bruno": {"email": "bruno@comune.test", "groups": ["sportello-staff"], "office": office_id}
        }))
        .await;
    let login = page_text(&app.client, &app, "/login").await;
    assert!(login.contains("id=\"sso-city\"") && !login.contains("sso-spid"));
    // A manager of the office: account made, session open, her office's pages.
    let web = browser();
    let back = log_in(&web, &app, "city", "/staff", "anna").await;
    assert_eq!(back, "/staff");
    let mut staff = web.get(app.url("/staff")).send().await.unwrap();
    if staff.status() == StatusCode::SEE_OTHER {
        staff = web.get(app.url(&location(&staff))).send().await.unwrap();
    }
    assert_eq!(staff.status(), StatusCode::OK);
    assert!(staff.text().await.unwrap().contains("anna@comune.test"));
    let user = |email: &'static str| {
        let app = &app;
        async move {
            use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
            entity::app_user::Entity::find()
                .filter(entity::app_user::Column::Email.eq(email))
                .one(&app.db.conn)
                .await
                .unwrap()
        }
    };
    let anna = user("anna@comune.test").await.unwrap();
    assert_eq!(
        (anna.role.as_str(), anna.office_id),
        ("manager", Some(office.id as i32))
    );
    // No password logs in to an account made this way.
    let pw = app
        .post(
            "/api/v1/auth/tokens",
            &json!({"email": "anna@comune.test", "password": "!single-sign-on"}),
        )
        .await;
    assert_eq!(pw.status(), StatusCode::UNAUTHORIZED);
    // An administrator needs no office.
    log_in(&browser(), &app, "city", "/staff", "root").await;
    let root = user("root@comune.test").await.unwrap();
    assert_eq!((root.role.as_str(), root.office_id), ("admin", None));
    // Refused, with the reason and no session: an unknown office, no role, no email.
    for (who, words) in [
        ("luca", "non indica un ufficio"),
        ("marta", "non ha un ruolo"),
        ("noemail", "non ha comunicato un indirizzo email"),
    ] {
        let web = browser();
        let callback = login_at_provider(&web, &app, "city", "/staff", who).await;
        let tokens = app.count("api_token").await;
        let resp = web.get(&callback).send().await.unwrap();
        assert_eq!(resp.status(), StatusCode::FORBIDDEN, "{who}");
        let page = resp.text().await.unwrap();
        assert!(
            page.contains(words) && page.contains("Torna alla pagina di accesso"),
            "{who}: {page}"
        );
        // The directory let them in and Sportello did not: the way to another account
        // is to log out there.
        assert!(
            page.contains("id=\"switch-account\"")
                && page.contains(&format!("{}/session/end?", provider.issuer)),
            "{who}: {page}"
        );
        assert_eq!(app.count("api_token").await, tokens, "{who}: no session");
    }
    assert!(user("luca@comune.test").await.is_none() && user("marta@comune.test").await.is_none());
    // An account disabled here stays disabled, whatever the directory says.
    let created = app
        .admin(
            reqwest::Method::POST,
            &format!("/api/v1/offices/{}/users", office.id),
            json!({"email": "bruno@comune.test", "password": "bruno-password-1", "role": "staff"}),
        )
        .await;
    app.admin(
        reqwest::Method::PATCH,
        &format!("/api/v1/users/{}", created["id"]),
        json!({"active": false}),
    )
    .await;
    let web = browser();
    let callback = login_at_provider(&web, &app, "city", "/staff", "bruno").await;
    let resp = web.get(&callback).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::FORBIDDEN);
    assert!(resp.text().await.unwrap().contains("disattivato"));
    assert!(!user("bruno@comune.test").await.unwrap().active);
    // The directory moves Anna to a clerk's group: her next login is a clerk's.
    provider
        .add_accounts(json!({"anna": {"email": "anna@comune.test", "groups": ["sportello-staff"], "office": office_id}}))
        .await;
    log_in(&browser(), &app, "city", "/staff", "anna").await;
    assert_eq!(user("anna@comune.test").await.unwrap().role, "staff");
}

#[tokio::test]
async fn a_provider_that_is_down_gets_a_clear_page_and_booking_without_login_still_works() {
    let mut provider = Provider::start().await;
    let app = app_with(provider.providers()).await;
    let office = app.office(OfficeSpec::default()).await;
    // Down between the redirect and the answer: the code cannot be exchanged.
    let web = browser();
    let callback = login_at_provider(&web, &app, "spid", "/", "mario").await;
    provider.stop().await;
    let resp = web.get(&callback).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::SERVICE_UNAVAILABLE);
    let page = resp.text().await.unwrap();
    assert!(
        page.contains("non risponde") && page.contains("Continua senza accedere"),
        "{page}"
    );
    assert_eq!(app.count("citizen_session").await, 0);
    // Down from the start (a server that never saw it): the login button answers the
    // same page, in the reader's language.
    let fresh = app_with(provider.providers()).await;
    let resp = browser()
        .get(fresh.url("/auth/oidc/cie/login?return_to=/&lang=en"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::SERVICE_UNAVAILABLE);
    let page = resp.text().await.unwrap();
    assert!(
        page.contains("is not answering right now") && page.contains("Log in with CIE"),
        "{page}"
    );
    // Booking without logging in works all the while.
    let web = browser();
    let (csrf, details) = hold(&web, &app, &office, 0).await;
    let done = confirm(
        &web,
        &app,
        &csrf,
        &details,
        "Maria Rossi",
        "maria@example.org",
    )
    .await;
    assert_eq!(done.status(), StatusCode::SEE_OTHER);
    // And an unknown provider's name is a plain 404.
    let resp = browser()
        .get(app.url("/auth/oidc/nobody/login"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn a_service_may_require_login_and_retention_forgets_the_identity() {
    let provider = Provider::start().await;
    let app = app_with(provider.providers()).await;
    let office = app.office(OfficeSpec::default()).await;
    let updated = app
        .admin(
            reqwest::Method::PUT,
            &format!("/api/v1/services/{}", office.services[0]),
            json!({"name": "Carta d'identità", "duration_minutes": 20, "horizon_days": 60,
                   "min_notice_minutes": 60, "no_show_grace_minutes": 15,
                   "max_active_per_citizen": 1, "login_required": true}),
        )
        .await;
    assert_eq!(updated["login_required"], json!(true));
    // The manager's list of services says which need login.
    let services = app
        .admin_page(&format!("/manage/services?office={}", office.id))
        .await
        .text()
        .await
        .unwrap();
    assert!(services.contains("badge bg-secondary\">Prenotabile solo con SPID o CIE"));
    // Said from the first page of the service on, which offers no waiting list.
    let calendar = browser()
        .get(app.url(&format!("/book/{}/{}", office.id, office.services[0])))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(calendar.contains("id=\"login-required\"") && !calendar.contains("/waitlist/join/"));
    let waitlist = app
        .post(
            "/api/v1/waiting-list",
            &json!({"office_id": office.id, "service_id": office.services[0], "date_from": "2026-12-20",
                    "date_to": "2026-12-21", "party_size": 1, "citizen": {"name": "A B", "email": "a@example.org"}}),
        )
        .await;
    assert_eq!(waitlist.status(), StatusCode::FORBIDDEN);
    // Without login: the page explains and offers the buttons, not the form; the API
    // and a forged form post are refused and nothing is booked.
    let web = browser();
    let (csrf, details) = hold(&web, &app, &office, 0).await;
    let page = page_text(&web, &app, &details).await;
    assert!(page.contains("id=\"login-required\"") && page.contains("id=\"login-spid\""));
    assert!(!page.contains("action=\"/book/confirm\""));
    let forged = web
        .post(app.url("/book/confirm"))
        .form(&[
            ("csrf", csrf.as_str()),
            ("lang", "it"),
            (
                "hold_id",
                details
                    .split('/')
                    .nth(3)
                    .unwrap()
                    .split('?')
                    .next()
                    .unwrap(),
            ),
            ("name", "A B"),
            ("email", "a@example.org"),
            ("consent", "yes"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), StatusCode::FORBIDDEN);
    assert!(
        forged
            .text()
            .await
            .unwrap()
            .contains("necessario accedere con SPID o CIE")
    );
    let day = (app.clock.now() + chrono::Duration::days(2))
        .with_timezone(&chrono_tz::Europe::Rome)
        .date_naive();
    let start = chrono::TimeZone::from_local_datetime(
        &chrono_tz::Europe::Rome,
        &day.and_hms_opt(10, 0, 0).unwrap(),
    )
    .unwrap()
    .to_rfc3339();
    let api = app
        .post(
            "/api/v1/bookings",
            &crate::helpers::booking_body(&office, 0, &start, 1, "a@example.org"),
        )
        .await;
    assert_eq!(api.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.count("booking WHERE status = 'confirmed'").await, 0);
    // Logged in, it books.
    log_in(&web, &app, "spid", &details, "mario").await;
    let done = confirm(&web, &app, &csrf, &details, "", "").await;
    assert_eq!(done.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.count("booking WHERE status = 'confirmed'").await, 1);
    // Forty days on, retention removes the fiscal code's hash, the provider and the
    // sessions with the rest.
    app.clock.advance(chrono::Duration::days(40));
    sportello::service::retention::anonymise(&app.db, app.clock.now(), 30)
        .await
        .unwrap();
    let b = app
        .booking_rows()
        .await
        .into_iter()
        .find(|b| b.reference.is_some())
        .unwrap();
    assert_eq!(
        (b.citizen_fiscal_hash, b.identity_provider, b.citizen_name),
        (None, None, None)
    );
    assert_eq!(app.count("citizen_session").await, 0);
}

#[tokio::test]
async fn no_token_code_or_claim_reaches_the_logs() {
    use std::io::{BufRead, BufReader};
    let provider = Provider::start().await;
    let dir = tempfile::tempdir().unwrap();
    let db_url = format!("sqlite://{}/logs.db?mode=rwc", dir.path().display());
    let port = crate::helpers::oidc::free_port();
    let base = format!("http://127.0.0.1:{port}");
    let mut cmd = crate::two_processes::sportello(&db_url, dir.path());
    cmd.env("SPORTELLO_BIND", format!("127.0.0.1:{port}"))
        .env("SPORTELLO_BASE_URL", &base)
        .env("SPORTELLO_LOG_FORMAT", "json")
        .env("RUST_LOG", "info")
        .env("SPORTELLO_OIDC_PROVIDERS", "spid,cie")
        .env(
            "SPORTELLO_FISCAL_CODE_KEY",
            "a-long-random-key-for-the-log-test-000000",
        )
        .env("SPORTELLO_OIDC_SPID_ISSUER", &provider.issuer)
        .env("SPORTELLO_OIDC_SPID_CLIENT_ID", "sportello")
        .env(
            "SPORTELLO_OIDC_SPID_CLIENT_SECRET",
            "sportello-test-secret-0123456789abcdef",
        )
        .env("SPORTELLO_OIDC_CIE_ISSUER", &provider.issuer)
        .env("SPORTELLO_OIDC_CIE_CLIENT_ID", "sportello-jwt")
        .env("SPORTELLO_OIDC_CIE_PRIVATE_KEY_FILE", &provider.key_file)
        .stderr(std::process::Stdio::piped());
    let mut server = crate::two_processes::start_cmd(cmd);
    // A good login at each provider, and one refused for its nonce.
    let mut secrets = Vec::new();
    for (name, mode) in [("spid", "none"), ("cie", "none"), ("spid", "wrong_nonce")] {
        provider.set_mode(mode).await;
        let web = browser();
        let callback = crate::helpers::oidc::login_at(&web, &base, name, "/my", "mario").await;
        for key in ["code=", "state="] {
            secrets.push(
                callback
                    .split(key)
                    .nth(1)
                    .unwrap()
                    .split('&')
                    .next()
                    .unwrap()
                    .to_string(),
            );
        }
        let resp = web.get(&callback).send().await.unwrap();
        if let Some(cookie) = resp
            .headers()
            .get_all("set-cookie")
            .iter()
            .find_map(|c| c.to_str().unwrap().strip_prefix("sportello_citizen="))
        {
            secrets.push(cookie.split(';').next().unwrap().to_string());
        }
        let status = resp.status();
        assert_eq!(
            status == StatusCode::SEE_OTHER,
            mode == "none",
            "{name} {mode}"
        );
    }
    let killed = std::process::Command::new("kill")
        .args(["-TERM", &server.child.id().to_string()])
        .status()
        .unwrap();
    assert!(killed.success());
    server.child.wait().unwrap();
    let logs: Vec<String> = BufReader::new(server.child.stderr.take().unwrap())
        .lines()
        .map(Result::unwrap)
        .collect();
    // The refusal is logged, by its kind only.
    assert!(
        logs.iter()
            .any(|l| l.contains("ID token refused") && l.contains("nonce")),
        "{logs:#?}"
    );
    assert!(
        logs.iter()
            .any(|l| l.contains("/auth/oidc/{name}/callback")),
        "access lines name the route"
    );
    for secret in secrets.iter().map(String::as_str).chain([
        "RSSMRA80A01H501U",
        "Mario",
        "Rossi",
        "mario.rossi@example.org",
        "eyJ",
        "sportello-test-secret",
    ]) {
        assert!(
            !logs.iter().any(|l| l.contains(secret)),
            "{secret} in the logs"
        );
    }
}

#[tokio::test]
async fn attributes_only_at_userinfo_as_spid_and_cie_send_them_still_log_in() {
    let provider = Provider::start().await;
    let app = app_with(provider.providers()).await;
    let office = app.office(OfficeSpec::default()).await;
    provider.set_mode("userinfo_only").await;
    for name in ["spid", "cie"] {
        let web = browser();
        log_in(&web, &app, name, "/my", "mario").await;
        let my = web
            .get(app.url("/my"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        assert!(
            my.contains("Mario Rossi (codice fiscale RSSMRA80A01H501U)"),
            "{name}: {my}"
        );
    }
    // Staff too: the groups and office come from userinfo.
    provider
        .add_accounts(json!({"anna": {"email": "anna@comune.test", "groups": ["sportello-manager"], "office": office.id.to_string()}}))
        .await;
    assert_eq!(
        log_in(&browser(), &app, "city", "/staff", "anna").await,
        "/staff"
    );
}

#[tokio::test]
async fn one_state_logs_in_once_even_at_once_and_an_old_code_with_a_new_state_is_refused() {
    let provider = Provider::start().await;
    let app = app_with(provider.providers()).await;
    // The same answer twice at the same moment: one session, one refusal.
    let web = browser();
    let callback = login_at_provider(&web, &app, "spid", "/my", "mario").await;
    let (a, b) = tokio::join!(web.get(&callback).send(), web.get(&callback).send());
    let mut statuses = [a.unwrap().status(), b.unwrap().status()];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::SEE_OTHER, StatusCode::BAD_REQUEST]);
    assert_eq!(app.count("citizen_session").await, 1);
    // A code already used, sent back with a fresh state of this browser: our state
    // check passes, and the provider refuses the code (and its PKCE verifier).
    let used_code = callback
        .split("code=")
        .nth(1)
        .unwrap()
        .split('&')
        .next()
        .unwrap()
        .to_string();
    let fresh = login_at_provider(&web, &app, "spid", "/my", "mario").await;
    let fresh_code = fresh
        .split("code=")
        .nth(1)
        .unwrap()
        .split('&')
        .next()
        .unwrap()
        .to_string();
    refused(
        &web,
        &app,
        &fresh.replace(&fresh_code, &used_code),
        "an old code",
    )
    .await;
}

#[tokio::test]
async fn the_link_from_my_appointments_ends_with_the_session() {
    let provider = Provider::start().await;
    let app = app_with(provider.providers()).await;
    let office = app.office(OfficeSpec::default()).await;
    let web = browser();
    let (csrf, details) = hold(&web, &app, &office, 0).await;
    log_in(&web, &app, "spid", &details, "mario").await;
    let done = confirm(&web, &app, &csrf, &details, "", "").await;
    let emailed = location(&done);
    let reference = emailed
        .trim_start_matches("/b/")
        .split('?')
        .next()
        .unwrap()
        .to_string();
    let open = |web: &Client| {
        let (web, csrf, reference) = (web.clone(), csrf.clone(), reference.clone());
        let app = &app;
        async move { location(&open_from_my(&web, app, &csrf, &reference, "manage").await) }
    };
    // Logout ends it.
    let link = open(&web).await;
    assert_eq!(
        web.get(app.url(&link)).send().await.unwrap().status(),
        StatusCode::OK
    );
    web.post(app.url("/auth/logout"))
        .form(&[("csrf", csrf.as_str()), ("lang", "it")])
        .send()
        .await
        .unwrap();
    assert_eq!(
        browser().get(app.url(&link)).send().await.unwrap().status(),
        StatusCode::NOT_FOUND
    );
    // So does the hour: the session and the link it made both lapse.
    log_in(&web, &app, "spid", "/my", "mario").await;
    let link = open(&web).await;
    app.clock.advance(chrono::Duration::minutes(61));
    assert_eq!(
        browser().get(app.url(&link)).send().await.unwrap().status(),
        StatusCode::NOT_FOUND
    );
    let my = page_text(&web, &app, "/my").await;
    assert!(
        my.contains("/auth/oidc/spid/login") && !my.contains(&reference),
        "logged out by time"
    );
    // The emailed link is untouched by all this.
    assert_eq!(
        web.get(app.url(&emailed)).send().await.unwrap().status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn a_cancelled_login_returns_to_the_form_and_unverified_or_down_staff_logins_are_refused() {
    let mut provider = Provider::start().await;
    let app = app_with(provider.providers()).await;
    let office = app.office(OfficeSpec::default()).await;
    // Cancelled at the provider mid-booking: the page's ways on lead back to the form.
    let web = browser();
    let (_, details) = hold(&web, &app, &office, 0).await;
    let callback = login_at_provider(&web, &app, "spid", &details, "mario").await;
    let cancelled = callback.replace("code=", "error=access_denied&x=");
    let page = web
        .get(&cancelled)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains(&format!("href=\"{}\"", details.replace('&', "&amp;"))),
        "{page}"
    );
    assert_eq!(
        web.get(app.url(&details)).send().await.unwrap().status(),
        StatusCode::OK,
        "the hold is still there"
    );
    // A directory that says the address is not verified names no account.
    provider
        .add_accounts(json!({"eve": {"email": "admin@test.example", "email_verified": false, "groups": ["sportello-admin"]}}))
        .await;
    let web = browser();
    let callback = login_at_provider(&web, &app, "city", "/staff", "eve").await;
    let resp = web.get(&callback).send().await.unwrap();
    assert_eq!(resp.status(), StatusCode::FORBIDDEN);
    assert!(
        resp.text()
            .await
            .unwrap()
            .contains("non ha comunicato un indirizzo email")
    );
    // The directory down: a clear page, and the way back to the password login.
    provider.stop().await;
    let fresh = app_with(provider.providers()).await;
    let resp = browser()
        .get(fresh.url("/auth/oidc/city/login?return_to=/staff"))
        .send()
        .await
        .unwrap();
    assert_eq!(resp.status(), StatusCode::SERVICE_UNAVAILABLE);
    let page = resp.text().await.unwrap();
    assert!(
        page.contains("non risponde") && page.contains("Torna alla pagina di accesso"),
        "{page}"
    );
    // Where nobody can log in, no service may require it (its form would be a dead end).
    let plain = TestApp::spawn().await;
    let office = plain.office(OfficeSpec::default()).await;
    let refused = plain
        .client
        .put(plain.url(&format!("/api/v1/services/{}", office.services[0])))
        .bearer_auth(&plain.admin_token)
        .json(&json!({"name": "CIE", "duration_minutes": 20, "horizon_days": 60, "min_notice_minutes": 60,
                      "no_show_grace_minutes": 15, "login_required": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::UNPROCESSABLE_ENTITY);
}
