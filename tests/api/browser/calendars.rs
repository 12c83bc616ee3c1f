//! The clerks' calendars page in Chromium, with axe-core: making the office's address
//! shows it once, and a calendar app reading it gets the day's appointment; the agenda
//! offers its spreadsheet beside "print".

use fantoccini::Locator;

use super::{assert_accessible, browser, click_to, log_in_at, screenshot, text_of};
use crate::helpers::{OfficeSpec, TestApp};

#[tokio::test]
async fn a_clerk_makes_the_offices_calendar_address_and_it_reads_as_a_calendar() {
    let app = TestApp::spawn().await;
    let office = app.office(OfficeSpec::default()).await;
    app.account(
        "clerk@calendars.example",
        sportello::domain::Role::Staff,
        Some(office.id),
    )
    .await;
    let booked = app
        .book(&office, "2026-03-20T10:00:00+01:00", "anna@example.org")
        .await;
    let b = browser(true, 1280, 900).await;
    let page = format!("/staff/calendars?office={}&lang=it", office.id);
    log_in_at(
        &app,
        &b,
        &page,
        "clerk@calendars.example",
        crate::helpers::staff::PASSWORD,
    )
    .await;
    assert!(
        text_of(&b, "#calendar-office")
            .await
            .contains("nessun indirizzo")
    );
    assert_accessible(&b, "the calendars page").await;
    screenshot(&b, "desktop-it-calendars").await;
    click_to(
        &b,
        "#calendar-office button",
        "#calendar-office .calendar-url",
    )
    .await;
    let url = text_of(&b, "#calendar-office .calendar-url").await;
    assert!(url.ends_with(".ics"), "{url}");
    assert_accessible(&b, "a calendar address made").await;
    screenshot(&b, "desktop-it-calendars-made").await;
    let path = url.strip_prefix("http://sportello.test").unwrap();
    let body = app.get(path).await.text().await.unwrap();
    let calendar: icalendar::Calendar = body.parse().unwrap();
    assert_eq!(calendar.events().count(), 1);
    assert!(body.contains(booked["reference"].as_str().unwrap()));
    // Shown once: the page again says since when, not the address.
    b.client.goto(&app.url(&page)).await.unwrap();
    let row = text_of(&b, "#calendar-office").await;
    assert!(row.contains("attivo dal") && !row.contains(".ics"), "{row}");

    // The agenda offers its spreadsheet.
    b.client
        .goto(&app.url(&format!("/staff/agenda?office={}&lang=it", office.id)))
        .await
        .unwrap();
    assert!(text_of(&b, "#agenda-xlsx").await.contains("Excel"));
    let phone = browser(true, 390, 844).await;
    log_in_at(
        &app,
        &phone,
        &format!("/staff/calendars?office={}&lang=ar", office.id),
        "clerk@calendars.example",
        crate::helpers::staff::PASSWORD,
    )
    .await;
    let dir = phone
        .client
        .find(Locator::Css("html"))
        .await
        .unwrap()
        .attr("dir")
        .await
        .unwrap();
    assert_eq!(dir.as_deref(), Some("rtl"));
    assert_accessible(&phone, "the calendars page in Arabic").await;
    screenshot(&phone, "phone-ar-calendars").await;
}
