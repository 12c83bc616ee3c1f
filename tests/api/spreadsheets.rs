//! Spreadsheets (issue 21): the statistics, a day's agenda and a period's bookings as
//! `.xlsx`, downloaded from the pages as a manager does and read back with calamine:
//! numbers are numbers, times are dates, the columns are named in the page's language,
//! and a name that looks like a formula stays text.

use std::io::Cursor;

use calamine::{Data, DataType, Reader, Xlsx};
use reqwest::StatusCode;

use crate::helpers::{OfficeSpec, TestApp, cookie_client, form_field};

/// The first sheet of the workbook at `path`, downloaded with the session's cookies.
async fn sheet(app: &TestApp, client: &reqwest::Client, path: &str) -> Vec<Vec<Data>> {
    let r = client.get(app.url(path)).send().await.unwrap();
    assert_eq!(r.status(), StatusCode::OK, "{path}");
    assert_eq!(
        r.headers()["content-type"],
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
    assert!(
        r.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains(".xlsx")
    );
    let bytes = r.bytes().await.unwrap();
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes.to_vec())).unwrap();
    let first = book.sheet_names()[0].clone();
    let range = book.worksheet_range(&first).unwrap();
    range.rows().map(<[Data]>::to_vec).collect()
}

async fn logged_in(app: &TestApp, email: &str) -> reqwest::Client {
    let client = cookie_client();
    let page = client
        .get(app.url("/login?lang=it"))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let r = client
        .post(app.url("/login?lang=it"))
        .form(&[
            ("csrf", form_field(&page, "csrf").as_str()),
            ("email", email),
            ("password", crate::helpers::staff::PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert!(r.status().is_success() || r.status().is_redirection());
    client
}

#[tokio::test]
async fn the_agenda_a_periods_bookings_and_the_statistics_open_as_spreadsheets() {
    let app = TestApp::spawn().await;
    let office = app
        .office(OfficeSpec {
            services: vec![(20, "in_person", 9)],
            counters: vec![(0, vec![0]), (0, vec![0])],
            ..Default::default()
        })
        .await;
    app.account(
        "manager@sheets.example",
        sportello::domain::Role::Manager,
        Some(office.id),
    )
    .await;
    let mut refs = Vec::new();
    for (start, email, name) in [
        (
            "2026-03-23T09:00:00+01:00",
            "anna@example.org",
            "Anna Bianchi",
        ),
        (
            "2026-03-23T09:40:00+01:00",
            "eve@example.org",
            "=HYPERLINK(\"http://x\")",
        ),
        (
            "2026-03-24T10:00:00+01:00",
            "carla@example.org",
            "Carla Verdi",
        ),
    ] {
        let mut body = crate::helpers::booking_body(&office, 0, start, 2, email);
        body["citizen"]["name"] = name.into();
        let r = app.post("/api/v1/bookings", &body).await;
        assert_eq!(r.status(), StatusCode::CREATED);
        let v: serde_json::Value = r.json().await.unwrap();
        refs.push(v["reference"].as_str().unwrap().to_owned());
    }
    let client = logged_in(&app, "manager@sheets.example").await;
    let o = office.id;

    // A day's agenda, in Italian.
    let rows = sheet(
        &app,
        &client,
        &format!("/staff/agenda.xlsx?office={o}&date=2026-03-23&lang=it"),
    )
    .await;
    assert_eq!(rows[0][0], Data::String("Ora".into()), "{:?}", rows[0]);
    assert_eq!(rows.len(), 3, "a header and the day's two: {rows:?}");
    let when = rows[1][0]
        .as_datetime()
        .expect("the start is a date and time");
    assert_eq!(
        when.format("%Y-%m-%d %H:%M").to_string(),
        "2026-03-23 09:00"
    );
    assert_eq!(rows[1][1], Data::String(refs[0].clone()));
    assert_eq!(rows[1][5], Data::Float(2.0), "persons are a number");
    assert_eq!(
        rows[2][2],
        Data::String("=HYPERLINK(\"http://x\")".into()),
        "a name that looks like a formula is text"
    );

    // The period's bookings.
    let rows = sheet(
        &app,
        &client,
        &format!("/manage/bookings.xlsx?office={o}&from=2026-03-23&to=2026-03-24&lang=en"),
    )
    .await;
    assert_eq!(rows.len(), 4, "{rows:?}");
    assert_eq!(rows[0][1], Data::String("Reference".into()));
    let found: Vec<String> = rows[1..].iter().map(|r| r[1].to_string()).collect();
    assert_eq!(found, refs);
    let bad = client
        .get(app.url(&format!(
            "/manage/bookings.xlsx?office={o}&from=2026-03-24&to=2026-01-01&lang=it"
        )))
        .send()
        .await
        .unwrap();
    assert_eq!(bad.status(), StatusCode::UNPROCESSABLE_ENTITY);
    assert!(bad.text().await.unwrap().contains("lang=\"it\""));

    // The statistics: the same figures as the CSV, as numbers.
    let rows = sheet(
        &app,
        &client,
        &format!("/manage/stats.xlsx?office={o}&from=2026-03-23&to=2026-03-24&by=day&lang=it"),
    )
    .await;
    let csv = client
        .get(app.url(&format!(
            "/manage/stats.csv?office={o}&from=2026-03-23&to=2026-03-24&by=day&lang=it"
        )))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    let csv_rows: Vec<Vec<String>> = csv
        .trim_start_matches('\u{feff}')
        .lines()
        .map(|l| l.split(';').map(str::to_owned).collect())
        .collect();
    assert_eq!(rows.len(), csv_rows.len());
    assert_eq!(
        rows[0][0].to_string(),
        csv_rows[0][0],
        "the same column names"
    );
    let office_day = rows
        .iter()
        .position(|r| r[0] == "2026-03-23" && r[1] == "office")
        .expect("the office's row of the 23rd");
    assert_eq!(
        rows[office_day][4],
        Data::Float(2.0),
        "bookings: {:?}",
        rows[office_day]
    );
    assert_eq!(csv_rows[office_day][4], "2");

    // A clerk gets the agenda, not the period or the statistics.
    app.account(
        "clerk@sheets.example",
        sportello::domain::Role::Staff,
        Some(o),
    )
    .await;
    let clerk = logged_in(&app, "clerk@sheets.example").await;
    sheet(
        &app,
        &clerk,
        &format!("/staff/agenda.xlsx?office={o}&date=2026-03-23"),
    )
    .await;
    for path in [
        format!("/manage/bookings.xlsx?office={o}&from=2026-03-23&to=2026-03-24"),
        format!("/manage/stats.xlsx?office={o}&from=2026-03-23&to=2026-03-24&by=day"),
    ] {
        let r = clerk.get(app.url(&path)).send().await.unwrap();
        assert_eq!(r.status(), StatusCode::FORBIDDEN, "{path}");
    }
}
