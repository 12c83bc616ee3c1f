//! "Change time" on the booking's page (issue 16): the citizen moves their own booking
//! through the move flow, sees the new time and the same QR code, and the old manage link
//! stops; a day with no room for the party says so and whom to call.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::helpers::{OfficeSpec, TestApp, cookie_client, form_field};

async fn text(web: &reqwest::Client, url: String) -> (StatusCode, String) {
    let r = web.get(url).send().await.unwrap();
    (r.status(), r.text().await.unwrap())
}

/// Posts "Change time" from the booking's page; the invitation's address.
async fn change(
    app: &TestApp,
    web: &reqwest::Client,
    reference: &str,
    token: &str,
) -> reqwest::Response {
    let (status, page) = text(
        web,
        app.url(&format!("/b/{reference}?token={token}&lang=en")),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    assert!(page.contains("Change time"), "the button is on the page");
    let csrf = form_field(&page, "csrf");
    web.post(app.url(&format!("/b/{reference}/change")))
        .form(&[("csrf", csrf.as_str()), ("lang", "en"), ("token", token)])
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn a_citizen_changes_the_time_of_their_own_booking() {
    let app = TestApp::spawn().await;
    let office = app.office(OfficeSpec::default()).await;
    let booked = app
        .book(&office, "2026-03-23T09:00:00+01:00", "anna@example.org")
        .await;
    let (reference, token) = (
        booked["reference"].as_str().unwrap().to_string(),
        booked["manage_token"].as_str().unwrap().to_string(),
    );
    let web = cookie_client();
    let r = change(&app, &web, &reference, &token).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let invite = r.headers()["location"].to_str().unwrap().to_string();
    assert!(invite.starts_with("/m/"), "{invite}");
    let (status, page) = text(&web, app.url(&format!("{invite}&date=2026-03-24"))).await;
    assert_eq!(status, StatusCode::OK);
    let csrf = form_field(&page, "csrf");
    let r = web
        .post(app.url(invite.split('?').next().unwrap()))
        .form(&[
            ("csrf", csrf.as_str()),
            ("lang", "en"),
            ("start", "2026-03-24T10:00:00+01:00"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let moved = r.text().await.unwrap();
    assert!(
        moved.contains("Tuesday 24 March 2026") && moved.contains("10:00"),
        "the new time"
    );
    assert!(moved.contains("<svg"), "the QR code");
    // The way back to the booking, with its new manage token.
    let start = moved.find("href=\"/b/").expect("a link to the booking") + 6;
    let link = moved[start..]
        .split('"')
        .next()
        .unwrap()
        .replace("&amp;", "&")
        .replace("&#38;", "&");
    assert_eq!(text(&web, app.url(&link)).await.0, StatusCode::OK, "{link}");
    let row = app.booking_rows().await.into_iter().next().unwrap();
    assert_eq!(row.start_at.to_rfc3339(), "2026-03-24T09:00:00+00:00");
    // The old manage link described the old time: it stops; the invitation is used up.
    let (status, _) = text(&web, app.url(&format!("/b/{reference}?token={token}"))).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = text(&web, app.url(&invite)).await;
    assert_eq!(status, StatusCode::CONFLICT);
}

#[tokio::test]
async fn a_day_without_room_for_the_party_says_so_and_whom_to_call() {
    let app = TestApp::spawn().await;
    let office = app
        .office(OfficeSpec {
            rooms: vec![("Sala", 2, None)],
            counters: vec![(0, vec![0]), (0, vec![0])],
            ..Default::default()
        })
        .await;
    app.admin(
        reqwest::Method::PATCH,
        &format!("/api/v1/offices/{}", office.id),
        json!({"no_show_email": false, "phone": "080 999 0000"}),
    )
    .await;
    let booked: Value = app
        .book_with(
            &office,
            0,
            "2026-03-23T09:00:00+01:00",
            2,
            "anna@example.org",
        )
        .await;
    // Another party fills the room all of the 24th.
    for start in [
        "09:00", "09:20", "09:40", "10:00", "10:20", "10:40", "11:00", "11:20", "11:40", "12:00",
        "12:20", "12:40",
    ] {
        app.book_with(
            &office,
            0,
            &format!("2026-03-24T{start}:00+01:00"),
            1,
            &format!("x{start}@example.org").replace(':', ""),
        )
        .await;
    }
    let web = cookie_client();
    let r = change(
        &app,
        &web,
        booked["reference"].as_str().unwrap(),
        booked["manage_token"].as_str().unwrap(),
    )
    .await;
    let invite = r.headers()["location"].to_str().unwrap().to_string();
    let (_, page) = text(&web, app.url(&format!("{invite}&date=2026-03-24"))).await;
    assert!(
        page.contains("no free times for 2 people together"),
        "{page}"
    );
    assert!(page.contains("tel:0809990000"), "whom to call");
}
