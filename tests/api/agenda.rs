//! The clerk's agenda (issue 16): "Admit" on the expected bookings whose admission has
//! opened, "Undo admission" for a mistake (once, audited), search by name, email or
//! reference, and a refused walk-in that stays on the agenda with what was typed.

use entity::audit_log;
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use sportello::service::staff::auth::csrf_for_session;

use crate::helpers::{OfficeSpec, TestApp, clock::at};

struct Desk {
    app: TestApp,
    office: i64,
    cookie: String,
    csrf: String,
    /// (reference, email) of the 11:00 and the 12:20 booking.
    early: String,
    late: String,
    service: i64,
}

async fn desk() -> Desk {
    let app = TestApp::spawn().await;
    let office = app.office(OfficeSpec::default()).await;
    let early = app
        .book(
            &office,
            "2026-03-20T11:00:00+01:00",
            "maria.rossi@example.org",
        )
        .await;
    let mut body = crate::helpers::booking_body(
        &office,
        0,
        "2026-03-20T12:20:00+01:00",
        1,
        "luigi.bianchi@example.org",
    );
    body["citizen"]["name"] = "Luigi Bianchi".into();
    let r = app.post("/api/v1/bookings", &body).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let late: serde_json::Value = r.json().await.unwrap();
    // 10:30: the 11:00 booking's admission has opened (an hour before), the 12:20 one not.
    app.clock.set(at("2026-03-20T10:30:00+01:00"));
    let clerk = app.clerk("clerk@example.org", office.id).await;
    Desk {
        office: office.id,
        cookie: format!("sportello_session={clerk}"),
        csrf: csrf_for_session(&clerk),
        early: early["reference"].as_str().unwrap().to_string(),
        late: late["reference"].as_str().unwrap().to_string(),
        service: office.services[0],
        app,
    }
}

impl Desk {
    async fn agenda(&self, extra: &str) -> String {
        let r = self
            .app
            .client
            .get(self.app.url(&format!(
                "/staff/agenda?office={}&date=2026-03-20&lang=en{extra}",
                self.office
            )))
            .header("Cookie", &self.cookie)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
        r.text().await.unwrap()
    }

    async fn post(&self, path: &str, reference: &str) -> reqwest::Response {
        self.app
            .client
            .post(self.app.url(path))
            .header("Cookie", &self.cookie)
            .form(&[
                ("csrf", self.csrf.as_str()),
                ("reference", reference),
                (
                    "back",
                    &format!("/staff/agenda?office={}&date=2026-03-20", self.office),
                ),
            ])
            .send()
            .await
            .unwrap()
    }
}

/// The agenda's row of a booking, from its reference to the end of the row.
fn row<'a>(page: &'a str, reference: &str) -> &'a str {
    let start = page.find(&format!("<code>{reference}</code>")).unwrap();
    let end = page[start..].find("</tr>").unwrap();
    &page[start..start + end]
}

#[tokio::test]
async fn the_agenda_admits_in_the_window_and_undoes_an_admission_once_audited() {
    let d = desk().await;
    let page = d.agenda("").await;
    assert!(
        row(&page, &d.early).contains("/staff/admit"),
        "admission has opened"
    );
    assert!(
        !row(&page, &d.late).contains("/staff/admit"),
        "not before its window"
    );
    let r = d.post("/staff/admit?lang=en", &d.early).await;
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let page = d.agenda(&format!("&done=admitted&ref={}", d.early)).await;
    assert!(page.contains(&format!("{} admitted.", d.early)));
    let admitted = row(&page, &d.early);
    assert!(admitted.contains("/staff/undo-admission") && !admitted.contains("/staff/admit"));
    // A clerk's double click, two clerks at once: the admission is undone once.
    let undos = (0..12).map(|_| d.post("/staff/undo-admission?lang=en", &d.early));
    let statuses: Vec<StatusCode> = futures::future::join_all(undos)
        .await
        .iter()
        .map(|r| r.status())
        .collect();
    assert_eq!(
        statuses
            .iter()
            .filter(|s| **s == StatusCode::SEE_OTHER)
            .count(),
        1,
        "{statuses:?}"
    );
    assert!(
        statuses
            .iter()
            .all(|s| *s == StatusCode::SEE_OTHER || *s == StatusCode::CONFLICT)
    );
    let undone = audit_log::Entity::find()
        .filter(audit_log::Column::Action.eq("undo_checkin"))
        .count(&d.app.db.conn)
        .await
        .unwrap();
    assert_eq!(undone, 1);
    let rows = d.app.booking_rows().await;
    let early = rows
        .iter()
        .find(|b| b.reference.as_deref() == Some(d.early.as_str()))
        .unwrap();
    assert_eq!(early.status.to_string(), "confirmed");
    assert!(early.checked_in_at.is_none());
    // Expected again, it can be admitted again.
    assert!(row(&d.agenda("").await, &d.early).contains("/staff/admit"));
    // An expected booking has no admission to undo.
    assert_eq!(
        d.post("/staff/undo-admission?lang=en", &d.late)
            .await
            .status(),
        StatusCode::CONFLICT
    );
    // A walk-in was never expected: its admission is not undone (and not offered).
    let walk_in = d
        .app
        .client
        .post(d.app.url(&format!("/api/v1/offices/{}/walk-ins", d.office)))
        .header("Cookie", &d.cookie)
        .header("X-CSRF-Token", &d.csrf)
        .json(&serde_json::json!({"service_id": d.service, "party_size": 1}))
        .send()
        .await
        .unwrap();
    assert_eq!(walk_in.status(), StatusCode::CREATED);
    let walk_in: serde_json::Value = walk_in.json().await.unwrap();
    let reference = walk_in["reference"].as_str().unwrap();
    assert!(!row(&d.agenda("").await, reference).contains("/staff/undo-admission"));
    assert_eq!(
        d.post("/staff/undo-admission?lang=en", reference)
            .await
            .status(),
        StatusCode::CONFLICT
    );
    // Another office's booking reads as unknown.
    let other = d.app.office(OfficeSpec::default()).await;
    let theirs = d
        .app
        .book(&other, "2026-03-23T09:00:00+01:00", "someone@example.org")
        .await;
    let r = d
        .post(
            "/staff/undo-admission?lang=en",
            theirs["reference"].as_str().unwrap(),
        )
        .await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_agenda_finds_a_booking_by_name_email_or_reference() {
    let d = desk().await;
    let lower_plain = d.late.to_lowercase().replace('-', "");
    for (q, shown, hidden) in [
        ("Rossi", &d.early, &d.late),
        ("bianchi", &d.late, &d.early),
        ("luigi.bianchi@", &d.late, &d.early),
        (lower_plain.as_str(), &d.late, &d.early),
    ] {
        let page = d.agenda(&format!("&q={q}")).await;
        // The counts stay the day's.
        assert!(page.contains("<strong>2</strong> Expected"), "{page}");
        assert!(
            page.contains(&format!("<code>{shown}</code>")),
            "{q} finds {shown}"
        );
        assert!(
            !page.contains(&format!("<code>{hidden}</code>")),
            "{q} hides {hidden}"
        );
        assert!(
            page.contains(&format!("value=\"{q}\"")),
            "the field keeps {q}"
        );
    }
    let none = d.agenda("&q=nessuno").await;
    assert!(!none.contains(&format!("<code>{}</code>", d.early)));
    // The print view: the day's table without the forms (the print stylesheet hides
    // what is marked d-print-none).
    let page = d.agenda("").await;
    assert!(page.contains("data-print") && page.contains("/static/print.js"));
    assert!(page.contains("class=\"filters d-print-none\""));
}

#[tokio::test]
async fn a_refused_walk_in_stays_on_the_agenda_with_what_was_typed_and_why() {
    let d = desk().await;
    let r = d
        .app
        .client
        .post(d.app.url("/staff/walk-ins?lang=en"))
        .header("Cookie", &d.cookie)
        .form(&[
            ("csrf", d.csrf.clone()),
            ("office", d.office.to_string()),
            ("service_id", d.service.to_string()),
            ("party_size", "9".into()),
            ("name", "Giuseppe Verdi".into()),
            (
                "back",
                format!("/staff/agenda?office={}&date=2026-03-20&q=Rossi", d.office),
            ),
        ])
        .send()
        .await
        .unwrap();
    assert!(r.status().is_client_error(), "{}", r.status());
    let page = r.text().await.unwrap();
    assert!(page.contains("id=\"walk-in-refused\""), "{page}");
    assert!(page.contains("Walk-in not registered."));
    assert!(page.contains("value=\"Giuseppe Verdi\"") && page.contains("value=\"9\""));
    // The agenda it came from, with its search.
    assert!(page.contains(&format!("<code>{}</code>", d.early)));
    assert!(!page.contains(&format!("<code>{}</code>", d.late)));
    assert_eq!(d.app.booking_rows().await.len(), 2, "nothing registered");
}
