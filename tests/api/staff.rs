//! Staff accounts, sessions and the staff pages: the authorisation matrix over every
//! staff and manager route (API and pages), login and logout with CSRF, the per-account
//! login limit, managers disabling clerks, the agenda, walk-ins under full capacity, and
//! the check-in URL opened by a logged-in clerk.

use std::collections::HashMap;

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use sportello::{domain::Role, service::staff::auth::csrf_for_session};

use crate::helpers::{
    Office, OfficeSpec, TestApp,
    staff::{Account, PASSWORD},
};

/// Who is calling.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Who {
    Anonymous,
    Citizen,
    StaffA,
    StaffB,
    ManagerA,
    Admin,
}

const EVERYONE: [Who; 6] = [
    Who::Anonymous,
    Who::Citizen,
    Who::StaffA,
    Who::StaffB,
    Who::ManagerA,
    Who::Admin,
];

/// The least an actor must be for a route of office A.
#[derive(Debug, Clone, Copy)]
enum Needs {
    StaffOfA,
    ManagerOfA,
    Admin,
}

fn allowed(who: Who, needs: Needs) -> bool {
    match needs {
        Needs::StaffOfA => matches!(who, Who::StaffA | Who::ManagerA | Who::Admin),
        Needs::ManagerOfA => matches!(who, Who::ManagerA | Who::Admin),
        Needs::Admin => who == Who::Admin,
    }
}

struct Fixture {
    app: TestApp,
    a: Office,
    tokens: HashMap<Who, String>,
    staff_a_id: i32,
    reference: String,
    checkin_token: String,
}

async fn fixture() -> Fixture {
    let app = TestApp::spawn().await;
    let a = app.office(OfficeSpec::default()).await;
    let b = app.office(OfficeSpec::default()).await;
    let Account {
        id: staff_a_id,
        token: staff_a,
    } = app
        .account("staff.a@example.org", Role::Staff, Some(a.id))
        .await;
    let Account { token: staff_b, .. } = app
        .account("staff.b@example.org", Role::Staff, Some(b.id))
        .await;
    let Account {
        token: manager_a, ..
    } = app
        .account("manager.a@example.org", Role::Manager, Some(a.id))
        .await;
    let booking = app
        .book_with(&a, 0, "2026-03-23T09:00:00+01:00", 1, "c@example.org")
        .await;
    let mut tokens = HashMap::new();
    tokens.insert(
        Who::Citizen,
        booking["manage_token"].as_str().unwrap().to_string(),
    );
    tokens.insert(Who::StaffA, staff_a);
    tokens.insert(Who::StaffB, staff_b);
    tokens.insert(Who::ManagerA, manager_a);
    tokens.insert(Who::Admin, app.admin_token.clone());
    let url = booking["checkin_url"].as_str().unwrap();
    Fixture {
        a,
        tokens,
        staff_a_id,
        reference: booking["reference"].as_str().unwrap().to_string(),
        checkin_token: url.rsplit('/').next().unwrap().to_string(),
        app,
    }
}

/// An API call as `who`: a bearer token, or for the citizen their manage token in every
/// place a confused client might put it.
async fn api_as(
    f: &Fixture,
    who: Who,
    method: Method,
    path: &str,
    body: Option<&Value>,
) -> StatusCode {
    let mut req = f.app.client.request(method, f.app.url(path));
    match who {
        Who::Anonymous => {}
        Who::Citizen => {
            let t = &f.tokens[&who];
            req = req.header("X-Manage-Token", t).bearer_auth(t);
        }
        other => req = req.bearer_auth(&f.tokens[&other]),
    }
    if let Some(b) = body {
        req = req.json(b);
    }
    req.send().await.unwrap().status()
}

/// A page request as `who`, with the session cookie (the same kind of token as a bearer
/// token) and, for forms, the session's CSRF token.
async fn page_as(
    f: &Fixture,
    who: Who,
    method: Method,
    path: &str,
    form: &[(&str, String)],
) -> StatusCode {
    let mut req = f.app.client.request(method.clone(), f.app.url(path));
    let token = f.tokens.get(&who);
    if let Some(t) = token {
        req = req.header("Cookie", format!("sportello_session={t}"));
    }
    if method == Method::POST {
        let mut fields: Vec<(&str, String)> = form.to_vec();
        fields.push((
            "csrf",
            token.map(|t| csrf_for_session(t)).unwrap_or_default(),
        ));
        req = req.form(&fields);
    }
    req.send().await.unwrap().status()
}

/// (method, path, JSON body, who may, status when allowed)
type ApiCase = (Method, String, Option<Value>, Needs, StatusCode);
/// (method, path, form fields besides the CSRF token, who may, status when allowed)
type PageCase = (
    Method,
    String,
    Vec<(&'static str, String)>,
    Needs,
    StatusCode,
);

#[tokio::test]
async fn every_staff_and_manager_route_gives_each_actor_exactly_what_it_may() {
    let f = fixture().await;
    let a = f.a.id;
    let room = f.a.rooms[0];
    let service = f.a.services[0];
    let code = f.checkin_token.clone();
    let reference = f.reference.clone();
    // (method, path, body, needs, status when allowed). Bodies are well-formed but leave
    // nothing changed when allowed (an invalid value, a too-early code, a no-op), so the
    // same fixture serves every actor.
    let api: Vec<ApiCase> = vec![
        (
            Method::POST,
            "/api/v1/checkins".into(),
            Some(json!({"code": code})),
            Needs::StaffOfA,
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            Method::POST,
            format!("/api/v1/bookings/{reference}/served"),
            None,
            Needs::StaffOfA,
            StatusCode::CONFLICT,
        ),
        (
            Method::GET,
            format!("/api/v1/rooms/{room}/occupancy"),
            None,
            Needs::StaffOfA,
            StatusCode::OK,
        ),
        (
            Method::GET,
            format!("/api/v1/offices/{a}/agenda"),
            None,
            Needs::StaffOfA,
            StatusCode::OK,
        ),
        (
            Method::POST,
            format!("/api/v1/offices/{a}/walk-ins"),
            Some(json!({"service_id": service, "party_size": 0})),
            Needs::StaffOfA,
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            Method::GET,
            format!("/api/v1/offices/{a}/messages"),
            None,
            Needs::StaffOfA,
            StatusCode::OK,
        ),
        (
            Method::GET,
            format!("/api/v1/offices/{a}/users"),
            None,
            Needs::ManagerOfA,
            StatusCode::OK,
        ),
        (
            Method::POST,
            format!("/api/v1/offices/{a}/users"),
            Some(json!({"email": "new@example.org", "password": "short"})),
            Needs::ManagerOfA,
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            Method::PATCH,
            format!("/api/v1/users/{}", f.staff_a_id),
            Some(json!({"active": true})),
            Needs::ManagerOfA,
            StatusCode::OK,
        ),
        (
            Method::POST,
            format!("/api/v1/offices/{a}/rooms"),
            Some(json!({"name": "", "occupancy_limit": 5})),
            Needs::ManagerOfA,
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            Method::POST,
            format!("/api/v1/rooms/{room}/counters"),
            Some(json!({"name": "", "service_ids": []})),
            Needs::ManagerOfA,
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            Method::POST,
            format!("/api/v1/offices/{a}/services"),
            Some(
                json!({"name": "", "duration_minutes": 20, "horizon_days": 30, "min_notice_minutes": 0, "no_show_grace_minutes": 10}),
            ),
            Needs::ManagerOfA,
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            Method::PUT,
            format!("/api/v1/offices/{a}/opening-hours"),
            Some(json!({"valid_from": "x", "valid_to": null, "weekly": {}})),
            Needs::ManagerOfA,
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            Method::POST,
            format!("/api/v1/offices/{a}/closures"),
            Some(json!({"from": "x", "to": "y", "reason": "", "counter_id": null})),
            Needs::ManagerOfA,
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            Method::POST,
            "/api/v1/offices".into(),
            Some(
                json!({"name": "", "address": "x", "timezone": "Europe/Rome", "arrival_margin_minutes": 0}),
            ),
            Needs::Admin,
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            Method::PUT,
            format!("/api/v1/rooms/{room}"),
            Some(json!({"occupancy_limit": -1})),
            Needs::ManagerOfA,
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            Method::POST,
            format!("/api/v1/rooms/{room}/capacity-rules"),
            Some(json!({"valid_from": "x", "valid_to": "y", "occupancy_limit": 1})),
            Needs::ManagerOfA,
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            Method::PATCH,
            format!("/api/v1/offices/{a}"),
            Some(json!({"no_show_email": false})),
            Needs::ManagerOfA,
            StatusCode::OK,
        ),
        (
            Method::PUT,
            format!("/api/v1/services/{service}"),
            Some(
                json!({"name": "", "duration_minutes": 20, "horizon_days": 30, "min_notice_minutes": 0, "no_show_grace_minutes": 10}),
            ),
            Needs::ManagerOfA,
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            Method::GET,
            format!("/api/v1/offices/{a}/closures"),
            None,
            Needs::ManagerOfA,
            StatusCode::OK,
        ),
        (
            Method::POST,
            format!("/api/v1/offices/{a}/closures/holidays"),
            Some(json!({"year": 1})),
            Needs::ManagerOfA,
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            Method::GET,
            format!("/api/v1/rooms/{room}/capacity-rules"),
            None,
            Needs::ManagerOfA,
            StatusCode::OK,
        ),
        (
            Method::POST,
            "/api/v1/impact/notify".into(),
            Some(json!({"references": [reference]})),
            Needs::ManagerOfA,
            StatusCode::ACCEPTED,
        ),
        (
            Method::GET,
            format!("/api/v1/audit?office_id={a}"),
            None,
            Needs::ManagerOfA,
            StatusCode::OK,
        ),
        (
            Method::GET,
            format!("/api/v1/offices/{a}/statistics"),
            None,
            Needs::ManagerOfA,
            StatusCode::OK,
        ),
    ];
    let bookings_before = f.app.count("booking").await;
    let users_before = f.app.count("app_user").await;
    let mut failures = Vec::new();
    for (method, path, body, needs, ok) in &api {
        for who in EVERYONE {
            let got = api_as(&f, who, method.clone(), path, body.as_ref()).await;
            let want = match who {
                Who::Anonymous | Who::Citizen => StatusCode::UNAUTHORIZED,
                w if allowed(w, *needs) => *ok,
                _ => StatusCode::FORBIDDEN,
            };
            if got != want {
                failures.push(format!(
                    "API {method} {path} as {who:?}: {got}, want {want}"
                ));
            }
        }
    }
    // Pages: not logged in is the login form with 401; a clerk of office B asking for
    // office A's pages is 403.
    let pages: Vec<PageCase> = vec![
        (
            Method::GET,
            format!("/staff/scan?office={a}"),
            vec![],
            Needs::StaffOfA,
            StatusCode::OK,
        ),
        (
            Method::POST,
            "/staff/scan".into(),
            vec![("code", code.clone()), ("office", a.to_string())],
            Needs::StaffOfA,
            StatusCode::OK,
        ),
        (
            Method::GET,
            format!("/c/{code}"),
            vec![],
            Needs::StaffOfA,
            StatusCode::OK,
        ),
        (
            Method::GET,
            format!("/staff/agenda?office={a}"),
            vec![],
            Needs::StaffOfA,
            StatusCode::OK,
        ),
        (
            Method::POST,
            "/staff/served".into(),
            vec![
                ("reference", reference.clone()),
                ("back", format!("/staff/agenda?office={a}")),
            ],
            Needs::StaffOfA,
            StatusCode::CONFLICT,
        ),
        (
            Method::POST,
            "/staff/walk-ins".into(),
            vec![
                ("office", a.to_string()),
                ("service_id", service.to_string()),
                ("party_size", "0".into()),
            ],
            Needs::StaffOfA,
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            Method::GET,
            format!("/staff/rooms?office={a}"),
            vec![],
            Needs::StaffOfA,
            StatusCode::OK,
        ),
        (
            Method::GET,
            format!("/staff/rooms/{room}"),
            vec![],
            Needs::StaffOfA,
            StatusCode::OK,
        ),
        (
            Method::GET,
            format!("/staff/users?office={a}"),
            vec![],
            Needs::ManagerOfA,
            StatusCode::OK,
        ),
        (
            Method::POST,
            "/staff/users".into(),
            vec![
                ("office", a.to_string()),
                ("email", "x@example.org".into()),
                ("password", "short".into()),
            ],
            Needs::ManagerOfA,
            StatusCode::UNPROCESSABLE_ENTITY,
        ),
        (
            Method::POST,
            format!("/staff/users/{}/active", f.staff_a_id),
            vec![("active", "true".into())],
            Needs::ManagerOfA,
            StatusCode::SEE_OTHER,
        ),
    ];
    // The managers' pages: every GET, and every form with input that changes nothing
    // (or, for "notify", changes nothing the check below counts).
    let mut pages = pages;
    for path in [
        "/manage",
        "/manage/rooms",
        "/manage/services",
        "/manage/hours",
        "/manage/closures",
        "/manage/rules",
        "/manage/audit",
        "/manage/stats",
        "/manage/stats.csv",
    ] {
        pages.push((
            Method::GET,
            format!("{path}?office={a}"),
            vec![],
            Needs::ManagerOfA,
            StatusCode::OK,
        ));
    }
    let office = || ("office", a.to_string());
    let unprocessable = StatusCode::UNPROCESSABLE_ENTITY;
    pages.extend([
        (
            Method::POST,
            "/manage/offices".into(),
            vec![("name", String::new())],
            Needs::Admin,
            unprocessable,
        ),
        (
            Method::POST,
            "/manage/rooms".into(),
            vec![
                office(),
                ("name", String::new()),
                ("occupancy_limit", "3".into()),
            ],
            Needs::ManagerOfA,
            unprocessable,
        ),
        (
            Method::POST,
            format!("/manage/rooms/{room}/limit"),
            vec![("occupancy_limit", "-1".into()), ("do", "preview".into())],
            Needs::ManagerOfA,
            unprocessable,
        ),
        (
            Method::POST,
            "/manage/services".into(),
            vec![
                office(),
                ("name", String::new()),
                ("duration_minutes", "20".into()),
                ("horizon_days", "30".into()),
                ("min_notice_minutes", "0".into()),
                ("no_show_grace_minutes", "10".into()),
            ],
            Needs::ManagerOfA,
            unprocessable,
        ),
        (
            Method::POST,
            format!("/manage/services/{service}"),
            vec![
                ("name", String::new()),
                ("duration_minutes", "20".into()),
                ("horizon_days", "30".into()),
                ("min_notice_minutes", "0".into()),
                ("no_show_grace_minutes", "10".into()),
            ],
            Needs::ManagerOfA,
            unprocessable,
        ),
        (
            Method::POST,
            "/manage/settings".into(),
            vec![office(), ("no_show_email", "yes".into())],
            Needs::ManagerOfA,
            StatusCode::SEE_OTHER,
        ),
        (
            Method::POST,
            "/manage/counters".into(),
            vec![("room", room.to_string()), ("name", String::new())],
            Needs::ManagerOfA,
            unprocessable,
        ),
        (
            Method::POST,
            "/manage/hours".into(),
            vec![
                office(),
                ("valid_from", "x".into()),
                ("do", "preview".into()),
            ],
            Needs::ManagerOfA,
            unprocessable,
        ),
        (
            Method::POST,
            "/manage/closures".into(),
            vec![office(), ("from", "x".into()), ("do", "preview".into())],
            Needs::ManagerOfA,
            unprocessable,
        ),
        (
            Method::POST,
            "/manage/holidays".into(),
            vec![office(), ("year", "1".into()), ("do", "preview".into())],
            Needs::ManagerOfA,
            unprocessable,
        ),
        (
            Method::POST,
            "/manage/rules".into(),
            vec![
                ("room", room.to_string()),
                ("valid_from", "x".into()),
                ("valid_to", "y".into()),
                ("occupancy_limit", "1".into()),
                ("do", "preview".into()),
            ],
            Needs::ManagerOfA,
            unprocessable,
        ),
        (
            Method::POST,
            "/manage/notify".into(),
            vec![office(), ("references", reference.clone())],
            Needs::ManagerOfA,
            StatusCode::OK,
        ),
    ]);
    for (method, path, form, needs, ok) in &pages {
        for who in EVERYONE {
            let got = page_as(&f, who, method.clone(), path, form).await;
            let want = match who {
                // A check-in link without a staff session is the citizen's own page
                // (their appointment and QR code, nothing to admit).
                Who::Anonymous | Who::Citizen if path.starts_with("/c/") => StatusCode::OK,
                Who::Anonymous | Who::Citizen => StatusCode::UNAUTHORIZED,
                w if allowed(w, *needs) => *ok,
                _ => StatusCode::FORBIDDEN,
            };
            if got != want {
                failures.push(format!(
                    "page {method} {path} as {who:?}: {got}, want {want}"
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // Nobody changed anything on the way: the booking is still confirmed, no user added.
    assert_eq!(f.app.count("booking").await, bookings_before);
    assert_eq!(f.app.count("app_user").await, users_before);
    let rows = f.app.booking_rows().await;
    assert!(
        rows.iter()
            .all(|b| b.status == entity::status::BookingStatus::Confirmed)
    );
}

#[tokio::test]
async fn a_session_needs_its_csrf_token_for_every_change_and_logout_ends_it_on_the_server() {
    let app = TestApp::spawn().await;
    let a = app.office(OfficeSpec::default()).await;
    app.account("clerk@example.org", Role::Staff, Some(a.id))
        .await;
    let browser = crate::helpers::cookie_client();
    // The login form comes with a CSRF cookie and field; a post without it is refused.
    let page = browser
        .get(app.url("/login"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = crate::helpers::form_field(&page, "csrf");
    let r = browser
        .post(app.url("/login"))
        .form(&[
            ("email", "clerk@example.org"),
            ("password", PASSWORD),
            ("csrf", "forged"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let r = browser
        .post(app.url("/login"))
        .form(&[
            ("email", "clerk@example.org"),
            ("password", "wrong-password"),
            ("csrf", &csrf),
            ("next", "/staff/agenda"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let page = r.text().await.unwrap();
    assert!(page.contains("Email o password non corretti"));
    // The address typed stays in the form; the password never comes back.
    assert!(page.contains("value=\"clerk@example.org\""), "{page}");
    assert!(!page.contains("wrong-password"));
    // Off-site `next` is ignored.
    let r = browser
        .post(app.url("/login"))
        .form(&[
            ("email", "clerk@example.org"),
            ("password", PASSWORD),
            ("csrf", &csrf),
            ("next", "//evil.example/x"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(r.headers()["location"], "/staff");
    let cookie = r.headers()["set-cookie"].to_str().unwrap().to_string();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"),
        "{cookie}"
    );
    // The session works for pages and for the API; API writes need X-CSRF-Token.
    let page = browser.get(app.url("/staff/scan")).send().await.unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    let page = page.text().await.unwrap();
    let session_csrf = crate::helpers::form_field(&page, "csrf");
    let r = browser
        .get(app.url(&format!("/api/v1/offices/{}/agenda", a.id)))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let walk_in = json!({"service_id": a.services[0], "party_size": 1});
    let r = browser
        .post(app.url(&format!("/api/v1/offices/{}/walk-ins", a.id)))
        .json(&walk_in)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.count("booking").await, 0);
    let r = browser
        .post(app.url(&format!("/api/v1/offices/{}/walk-ins", a.id)))
        .header("X-CSRF-Token", &session_csrf)
        .json(&walk_in)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let metrics = app.get("/metrics").await.text().await.unwrap();
    assert!(
        metrics.contains(r#"sportello_places_taken_total{outcome="walk_in"} 1"#),
        "the walk-in on /metrics, the refused one not"
    );
    // A page form with a wrong token changes nothing.
    let r = browser
        .post(app.url("/staff/walk-ins"))
        .form(&[
            ("csrf", "forged".to_string()),
            ("office", a.id.to_string()),
            ("service_id", a.services[0].to_string()),
            ("party_size", "1".into()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    assert_eq!(app.count("booking").await, 1);
    // Logout deletes the session row: the cookie, replayed, opens nothing.
    let tokens_before = app.count("api_token").await;
    let r = browser
        .post(app.url("/logout"))
        .form(&[("csrf", &session_csrf)])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(app.count("api_token").await, tokens_before - 1);
    let value = cookie.split(';').next().unwrap().to_string();
    let r = app
        .client
        .get(app.url("/staff/scan"))
        .header("Cookie", value)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn logins_for_one_account_stop_after_five_failures_from_any_address_until_the_window_ends() {
    let app = TestApp::spawn().await;
    let a = app.office(OfficeSpec::default()).await;
    app.account("target@example.org", Role::Staff, Some(a.id))
        .await;
    let attempt = |password: &'static str| {
        let app = &app;
        async move {
            app.client
                .post(app.url("/api/v1/auth/tokens"))
                .json(&json!({"email": " Target@Example.org ", "password": password}))
                .send()
                .await
                .unwrap()
                .status()
        }
    };
    for _ in 0..5 {
        assert_eq!(attempt("wrong-password").await, StatusCode::UNAUTHORIZED);
    }
    // Now even the right password is refused, so guessing gets no answer.
    assert_eq!(attempt(PASSWORD).await, StatusCode::TOO_MANY_REQUESTS);
    // Other accounts are unaffected.
    app.account("other@example.org", Role::Staff, Some(a.id))
        .await;
    app.clock.advance(chrono::Duration::minutes(15));
    assert_eq!(attempt(PASSWORD).await, StatusCode::CREATED);
}

#[tokio::test]
async fn a_manager_creates_a_clerk_and_disabling_them_ends_their_tokens_at_once() {
    let app = TestApp::spawn().await;
    let a = app.office(OfficeSpec::default()).await;
    let Account { token: manager, .. } = app
        .account("boss@example.org", Role::Manager, Some(a.id))
        .await;
    let r = app
        .client
        .post(app.url(&format!("/api/v1/offices/{}/users", a.id)))
        .bearer_auth(&manager)
        .json(&json!({"email": "New.Clerk@example.org", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let created: Value = r.json().await.unwrap();
    assert_eq!(
        (
            created["email"].as_str(),
            created["role"].as_str(),
            created["office_id"].as_i64()
        ),
        (Some("new.clerk@example.org"), Some("staff"), Some(a.id))
    );
    assert!(!created.to_string().contains("argon2"), "{created}");
    // A manager cannot make managers; an admin can.
    let r = app
        .client
        .post(app.url(&format!("/api/v1/offices/{}/users", a.id)))
        .bearer_auth(&manager)
        .json(&json!({"email": "m2@example.org", "password": PASSWORD, "role": "manager"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let clerk = app.login("new.clerk@example.org", PASSWORD).await;
    let agenda = format!("/api/v1/offices/{}/agenda", a.id);
    let r = app
        .client
        .get(app.url(&agenda))
        .bearer_auth(&clerk)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let id = created["id"].as_i64().unwrap();
    let r = app
        .client
        .patch(app.url(&format!("/api/v1/users/{id}")))
        .bearer_auth(&manager)
        .json(&json!({"active": false}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let r = app
        .client
        .get(app.url(&agenda))
        .bearer_auth(&clerk)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    let r = app
        .client
        .post(app.url("/api/v1/auth/tokens"))
        .json(&json!({"email": "new.clerk@example.org", "password": PASSWORD}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
    // Both changes are in the audit log, by the manager.
    assert_eq!(app.count("audit_log WHERE entity = 'user'").await, 2);
    // Revoking one's own bearer token (a scanner device handed back).
    let r = app
        .client
        .delete(app.url("/api/v1/auth/tokens"))
        .bearer_auth(&manager)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NO_CONTENT);
    let again = app
        .client
        .delete(app.url("/api/v1/auth/tokens"))
        .bearer_auth(&manager)
        .send()
        .await
        .unwrap();
    assert_eq!(
        again.status(),
        StatusCode::UNAUTHORIZED,
        "a revoked token is no credential"
    );
    let r = app
        .client
        .get(app.url(&agenda))
        .bearer_auth(&manager)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNAUTHORIZED);
}

#[tokio::test]
async fn the_agenda_counts_each_state_and_filters_by_counter() {
    let app = TestApp::spawn().await;
    let a = app
        .office(OfficeSpec {
            counters: vec![(0, vec![0]), (0, vec![0])],
            ..Default::default()
        })
        .await;
    let Account { token: clerk, .. } = app
        .account("clerk@example.org", Role::Staff, Some(a.id))
        .await;
    // Booked the day before for today 11:00 and 11:20 (notice is 60 minutes).
    let first = app
        .book_with(&a, 0, "2026-03-20T11:00:00+01:00", 2, "one@example.org")
        .await;
    app.book_with(&a, 0, "2026-03-20T11:00:00+01:00", 1, "two@example.org")
        .await;
    let third = app
        .book_with(&a, 0, "2026-03-20T11:20:00+01:00", 1, "three@example.org")
        .await;
    app.book_with(
        &a,
        0,
        "2026-03-21T11:00:00+01:00",
        1,
        "tomorrow@example.org",
    )
    .await;
    let cancel = app
        .client
        .post(app.url(&format!(
            "/api/v1/bookings/{}/cancel",
            third["reference"].as_str().unwrap()
        )))
        .header("X-Manage-Token", third["manage_token"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(cancel.status(), StatusCode::OK);
    app.clock.advance(chrono::Duration::minutes(110)); // 10:50 local
    let r = app
        .client
        .post(app.url("/api/v1/checkins"))
        .bearer_auth(&clerk)
        .json(&json!({"code": first["checkin_url"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let get = |q: String| {
        let app = &app;
        let clerk = clerk.clone();
        async move {
            let r = app
                .client
                .get(app.url(&format!("/api/v1/offices/{}/agenda{q}", a.id)))
                .bearer_auth(clerk)
                .send()
                .await
                .unwrap();
            assert_eq!(r.status(), StatusCode::OK);
            r.json::<Value>().await.unwrap()
        }
    };
    let day = get(String::new()).await;
    assert_eq!(day["date"], "2026-03-20");
    assert_eq!(
        day["counts"],
        json!({"expected": 1, "present": 2, "served": 0, "cancelled": 1, "no_show": 0})
    );
    assert_eq!(day["entries"].as_array().unwrap().len(), 3);
    assert_eq!(day["entries"][0]["time"], "11:00");
    let one_counter = get(format!("?counter_id={}", a.counters[1])).await;
    assert!(
        one_counter["entries"]
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["booking"]["counter_id"] == a.counters[1])
    );
    assert!(one_counter["entries"].as_array().unwrap().len() < 3);
    let tomorrow = get("?date=2026-03-21".into()).await;
    assert_eq!(tomorrow["counts"]["expected"], 1);
    let r = app
        .client
        .get(app.url(&format!("/api/v1/offices/{}/agenda?date=tomorrow", a.id)))
        .bearer_auth(&clerk)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    // The page shows the same, with a "served" button for the party inside.
    let page = app
        .client
        .get(app.url(&format!("/staff/agenda?office={}&lang=en", a.id)))
        .header("Cookie", format!("sportello_session={clerk}"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains(first["reference"].as_str().unwrap()));
    assert_eq!(
        page.matches("action=\"/staff/served?lang=en\"").count(),
        1,
        "{page}"
    );
}

/// A room of 3 with three counters of a 20-minute service; `n` clerks register
/// walk-ins of one person at the same instant.
async fn walk_in_storm(app: &TestApp, office: &Office, clerk: &str, n: usize) -> Vec<StatusCode> {
    let futures = (0..n).map(|_| {
        let req = app
            .client
            .post(app.url(&format!("/api/v1/offices/{}/walk-ins", office.id)))
            .bearer_auth(clerk)
            .json(&json!({"service_id": office.services[0], "party_size": 1, "name": "Walk-in"}));
        async move { req.send().await.unwrap().status() }
    });
    futures::future::join_all(futures).await
}

#[tokio::test]
async fn walk_ins_take_only_free_counters_and_room_places_even_when_many_come_at_once() {
    let app = TestApp::spawn().await;
    let a = app
        .office(OfficeSpec {
            rooms: vec![("Sala", 3, None)],
            counters: vec![(0, vec![0]), (0, vec![0]), (0, vec![0]), (0, vec![0])],
            ..Default::default()
        })
        .await;
    let Account { token: clerk, .. } = app
        .account("clerk@example.org", Role::Staff, Some(a.id))
        .await;
    // A booked party of one is due at 09:20 (room from 09:20; margin 0): walk-ins at 09:05
    // for 20 minutes overlap it, so only 2 of the 3 room places are left for walk-ins.
    app.clock.advance(chrono::Duration::minutes(-1440));
    app.book_with(&a, 0, "2026-03-20T09:20:00+01:00", 1, "booked@example.org")
        .await;
    app.clock.advance(chrono::Duration::minutes(1440 + 5)); // 09:05 local
    let statuses = walk_in_storm(&app, &a, &clerk, 40).await;
    let created = statuses
        .iter()
        .filter(|s| **s == StatusCode::CREATED)
        .count();
    let full = statuses
        .iter()
        .filter(|s| **s == StatusCode::CONFLICT)
        .count();
    assert_eq!((created, full), (2, 38), "{statuses:?}");
    let rows = app.booking_rows().await;
    let walk_ins: Vec<_> = rows.iter().filter(|b| b.citizen_email.is_none()).collect();
    assert_eq!(walk_ins.len(), 2);
    assert!(
        walk_ins
            .iter()
            .all(|b| b.status == entity::status::BookingStatus::CheckedIn
                && b.checked_in_at.is_some())
    );
    crate::helpers::assert_capacity_holds(&app).await;
    // Outside opening hours: a clear 422.
    app.clock.advance(chrono::Duration::hours(6));
    let r = app
        .client
        .post(app.url(&format!("/api/v1/offices/{}/walk-ins", a.id)))
        .bearer_auth(&clerk)
        .json(&json!({"service_id": a.services[0]}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let body: Value = r.json().await.unwrap();
    assert!(body.to_string().contains("closed now"), "{body}");
}

#[tokio::test]
async fn opening_the_check_in_url_shows_the_booking_and_admits_only_on_the_button() {
    let f = fixture().await;
    let app = &f.app;
    // Days before: the booking without "Admit", and a scan says when admission opens.
    let early = app.login("staff.a@example.org", PASSWORD).await;
    let page = app
        .client
        .get(app.url(&format!("/c/{}", f.checkin_token)))
        .header("Cookie", format!("sportello_session={early}"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains(&f.reference) && !page.contains("Ammetti"),
        "{page}"
    );
    let page = app
        .client
        .post(app.url("/staff/scan?lang=it"))
        .header("Cookie", format!("sportello_session={early}"))
        .form(&[
            ("csrf", csrf_for_session(&early)),
            ("code", f.checkin_token.clone()),
        ])
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
        .replace("&#39;", "'");
    assert!(
        page.contains("scanresult early")
            && page
                .contains("l'appuntamento è lunedì 23 marzo 2026 alle 09:00; si entra dalle 08:00"),
        "{page}"
    );
    app.clock.advance(chrono::Duration::days(3)); // the Monday of the booking, 09:00
    // (the fixture's token has expired by then: log in again)
    let staff = app.login("staff.a@example.org", PASSWORD).await;
    let cookie = format!("sportello_session={staff}");
    let path = format!("/c/{}", f.checkin_token);
    for _ in 0..2 {
        let r = app
            .client
            .get(app.url(&path))
            .header("Cookie", &cookie)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        let page = r.text().await.unwrap();
        assert!(
            page.contains(&f.reference) && page.contains("Ammetti"),
            "{page}"
        );
    }
    assert!(
        app.booking_rows()
            .await
            .iter()
            .all(|b| b.status == entity::status::BookingStatus::Confirmed)
    );
    // Not logged in: the citizen's page, with a way in for staff that comes back here.
    let r = app.client.get(app.url(&path)).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let page = r.text().await.unwrap();
    assert!(page.contains(&f.reference) && !page.contains("Ammetti"));
    assert!(page.contains(&format!("/login?next={path}")), "{page}");
    // The button admits; the scan page tells it in words.
    let r = app
        .client
        .post(app.url("/staff/scan"))
        .header("Cookie", &cookie)
        .form(&[
            ("csrf", csrf_for_session(&staff)),
            ("code", f.checkin_token.clone()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let page = r.text().await.unwrap();
    assert!(
        page.contains("data-outcome=\"checked_in\"") && page.contains("AMMESSO"),
        "{page}"
    );
    let r = app
        .client
        .post(app.url("/staff/scan"))
        .header("Cookie", &cookie)
        .form(&[
            ("csrf", csrf_for_session(&staff)),
            ("code", format!("https://x/c/{}", f.checkin_token)),
        ])
        .send()
        .await
        .unwrap();
    let page = r.text().await.unwrap();
    assert!(
        page.contains("data-outcome=\"already_checked_in\"")
            && page.contains("GIÀ AMMESSO alle 09:00"),
        "{page}"
    );
    let page = app
        .client
        .get(app.url(&path))
        .header("Cookie", &cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(!page.contains("Ammetti"));
}

#[tokio::test]
async fn the_pages_register_a_walk_in_close_it_and_create_a_clerk() {
    let app = TestApp::spawn().await;
    let a = app.office(OfficeSpec::default()).await;
    let Account { token: manager, .. } = app
        .account("boss@example.org", Role::Manager, Some(a.id))
        .await;
    let cookie = format!("sportello_session={manager}");
    let csrf = csrf_for_session(&manager);
    let back = format!("/staff/agenda?office={}&lang=en", a.id);
    let r = app
        .client
        .post(app.url("/staff/walk-ins?lang=en"))
        .header("Cookie", &cookie)
        .form(&[
            ("csrf", csrf.clone()),
            ("office", a.id.to_string()),
            ("service_id", a.services[0].to_string()),
            ("party_size", "2".into()),
            ("name", "Giuseppe Verdi".into()),
            ("back", back.clone()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let location = r.headers()["location"].to_str().unwrap().to_string();
    assert!(
        location.starts_with(&back) && location.contains("done=walk_in"),
        "{location}"
    );
    let page = app
        .client
        .get(app.url(&location))
        .header("Cookie", &cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let row = app.booking_rows().await.pop().unwrap();
    let reference = row.reference.clone().unwrap();
    assert!(
        page.contains(&format!("Walk-in registered and admitted: {reference}")),
        "{page}"
    );
    assert!(page.contains("Giuseppe Verdi") && page.contains("(walk-in)"));
    assert_eq!(
        (row.status.to_string().as_str(), row.party_size),
        ("checked_in", 2)
    );
    let r = app
        .client
        .post(app.url("/staff/served?lang=en"))
        .header("Cookie", &cookie)
        .form(&[
            ("csrf", csrf.clone()),
            ("reference", reference.clone()),
            ("back", back.clone()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    assert_eq!(
        app.booking_rows().await.pop().unwrap().status,
        entity::status::BookingStatus::Served
    );
    // A second "served" is a readable 409 page, and changes nothing.
    let r = app
        .client
        .post(app.url("/staff/served?lang=en"))
        .header("Cookie", &cookie)
        .form(&[
            ("csrf", csrf.clone()),
            ("reference", reference),
            ("back", back),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert!(
        r.text()
            .await
            .unwrap()
            .contains("things changed in the meantime")
    );
    // The accounts page creates a clerk who can then log in.
    let r = app
        .client
        .post(app.url("/staff/users?lang=en"))
        .header("Cookie", &cookie)
        .form(&[
            ("csrf", csrf),
            ("office", a.id.to_string()),
            ("email", "desk2@example.org".into()),
            ("password", PASSWORD.into()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let page = app
        .client
        .get(app.url(r.headers()["location"].to_str().unwrap()))
        .header("Cookie", &cookie)
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        page.contains("Account created: desk2@example.org"),
        "{page}"
    );
    app.login("desk2@example.org", PASSWORD).await;
}

#[tokio::test]
async fn the_login_page_limits_attempts_per_address() {
    let app = TestApp::spawn_with(|c| c.http.rate_limit = true).await;
    let browser = crate::helpers::cookie_client();
    let page = browser
        .get(app.url("/login"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csrf = crate::helpers::form_field(&page, "csrf");
    let mut statuses = Vec::new();
    // Different accounts each time: only the per-address limit can stop this.
    for i in 0..8 {
        let email = format!("guess{i}@example.org");
        let r = browser
            .post(app.url("/login"))
            .form(&[
                ("csrf", csrf.as_str()),
                ("email", email.as_str()),
                ("password", "wrong-password"),
            ])
            .send()
            .await
            .unwrap();
        statuses.push(r.status());
    }
    assert_eq!(
        &statuses[..5],
        &[StatusCode::UNAUTHORIZED; 5],
        "{statuses:?}"
    );
    assert!(
        statuses[5..]
            .iter()
            .all(|s| *s == StatusCode::TOO_MANY_REQUESTS),
        "{statuses:?}"
    );
}

#[tokio::test]
async fn a_walk_in_counts_parties_already_inside_and_must_end_before_closing() {
    let app = TestApp::spawn().await;
    let a = app
        .office(OfficeSpec {
            rooms: vec![("Sala", 2, None)],
            counters: vec![(0, vec![0]), (0, vec![0])],
            ..Default::default()
        })
        .await;
    let Account { token: clerk, .. } = app
        .account("clerk@example.org", Role::Staff, Some(a.id))
        .await;
    let family = app
        .book_with(&a, 0, "2026-03-20T11:00:00+01:00", 2, "family@example.org")
        .await;
    // 10:30: the family arrives half an hour early and is admitted; the room (limit 2)
    // is full now although their plan starts at 11:00.
    app.clock.advance(chrono::Duration::minutes(90));
    let r = app
        .client
        .post(app.url("/api/v1/checkins"))
        .bearer_auth(&clerk)
        .json(&json!({"code": family["checkin_url"]}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let walk_in = |party: i64| {
        app.client
            .post(app.url(&format!("/api/v1/offices/{}/walk-ins", a.id)))
            .bearer_auth(&clerk)
            .json(&json!({"service_id": a.services[0], "party_size": party}))
            .send()
    };
    assert_eq!(walk_in(1).await.unwrap().status(), StatusCode::CONFLICT);
    // 12:50: one counter is free and the family is gone (served), but a 20-minute service
    // would run past the 13:00 closing.
    let r = app
        .client
        .post(app.url(&format!(
            "/api/v1/bookings/{}/served",
            family["reference"].as_str().unwrap()
        )))
        .bearer_auth(&clerk)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(walk_in(1).await.unwrap().status(), StatusCode::CREATED);
    app.clock.advance(chrono::Duration::minutes(140));
    let r = walk_in(1).await.unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(r.text().await.unwrap().contains("closes before"));
    assert_eq!(app.count("booking").await, 2);
}

#[tokio::test]
async fn guesses_sent_all_at_once_get_no_more_tries_than_one_by_one() {
    let app = TestApp::spawn().await;
    let a = app.office(OfficeSpec::default()).await;
    app.account("target@example.org", Role::Staff, Some(a.id))
        .await;
    let guesses = (0..20).map(|i| {
        let req = app
            .client
            .post(app.url("/api/v1/auth/tokens"))
            .json(&json!({"email": "target@example.org", "password": format!("guess-number-{i}")}));
        async move { req.send().await.unwrap().status() }
    });
    let statuses = futures::future::join_all(guesses).await;
    let tried = statuses
        .iter()
        .filter(|s| **s == StatusCode::UNAUTHORIZED)
        .count();
    let refused = statuses
        .iter()
        .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert_eq!((tried, refused), (5, 15), "{statuses:?}");
}

#[tokio::test]
async fn an_agenda_date_far_out_is_a_clear_422() {
    let app = TestApp::spawn().await;
    let a = app.office(OfficeSpec::default()).await;
    let Account { token: clerk, .. } = app
        .account("clerk@example.org", Role::Staff, Some(a.id))
        .await;
    for date in ["%2B262143-12-31", "-0001-01-01", "9999-12-31", "2026-02-30"] {
        let r = app
            .client
            .get(app.url(&format!("/api/v1/offices/{}/agenda?date={date}", a.id)))
            .bearer_auth(&clerk)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{date}");
        let r = app
            .client
            .get(app.url(&format!("/staff/agenda?office={}&date={date}", a.id)))
            .header("Cookie", format!("sportello_session={clerk}"))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "page {date}");
    }
}

/// The pages say why, in the page's language: a walk-in while the office is closed names
/// that reason (not "the value is not valid"), a clerk on a manager's page is told it is
/// not theirs (not that the form expired), and a language chosen on a staff page stays.
#[tokio::test]
async fn staff_pages_explain_refusals_in_their_language_and_keep_the_chosen_one() {
    let app = TestApp::spawn().await;
    let a = app.office(OfficeSpec::default()).await;
    // Sunday night: the office is closed.
    app.clock
        .set(crate::helpers::clock::at("2026-03-29T23:00:00+02:00"));
    let clerk = app.clerk("clerk@example.org", a.id).await;
    let cookie = format!("sportello_session={clerk}");
    let csrf = csrf_for_session(&clerk);
    let before = app.booking_rows().await.len();
    let r = app
        .client
        .post(app.url("/staff/walk-ins?lang=it"))
        .header("Cookie", &cookie)
        .form(&[
            ("csrf", csrf.clone()),
            ("office", a.id.to_string()),
            ("service_id", a.services[0].to_string()),
            ("party_size", "1".into()),
            ("name", "Giuseppe Verdi".into()),
            ("back", format!("/staff/agenda?office={}", a.id)),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let page = r.text().await.unwrap().replace("&#39;", "'");
    let italian = sportello::l10n::loader_for("it");
    assert!(
        page.contains(&italian.get("invalid-office-closed")),
        "{page}"
    );
    assert_eq!(app.booking_rows().await.len(), before, "nothing booked");
    // A manager's page, for a clerk.
    let r = app
        .client
        .get(app.url(&format!("/manage?office={}&lang=en", a.id)))
        .header("Cookie", &cookie)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::FORBIDDEN);
    let remembered = r
        .headers()
        .get_all("set-cookie")
        .iter()
        .any(|v| v.to_str().unwrap_or_default().starts_with("lang=en"));
    assert!(remembered, "?lang=en on a staff page is remembered");
    let page = r.text().await.unwrap();
    assert!(page.contains("You may not open this page"), "{page}");
    assert!(!page.contains("has expired"), "{page}");
}

/// The agenda names its day in words, in the page's language, and steps a day back and
/// forward keeping the filters.
#[tokio::test]
async fn the_agenda_names_its_day_and_steps_to_the_next_and_previous() {
    let app = TestApp::spawn().await;
    let a = app.office(OfficeSpec::default()).await;
    let clerk = app.clerk("clerk@example.org", a.id).await;
    let page = app
        .client
        .get(app.url(&format!(
            "/staff/agenda?office={}&date=2026-03-23&room_id={}&lang=it",
            a.id, a.rooms[0]
        )))
        .header("Cookie", format!("sportello_session={clerk}"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(page.contains("lunedì 23 marzo 2026"), "{page}");
    assert!(
        page.contains(&format!(
            "/staff/agenda?office={}&#38;date=2026-03-22&#38;lang=it&#38;room_id={}",
            a.id, a.rooms[0]
        )),
        "{page}"
    );
    assert!(page.contains("date=2026-03-24") && page.contains("Giorno successivo"));
}
