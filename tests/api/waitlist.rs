//! The waiting list: joining, offers when a place frees up, the first acceptor wins under
//! concurrency, the others are told; and retention leaving no personal data anywhere.

use chrono::Duration;
use reqwest::StatusCode;
use sea_orm::{EntityTrait, FromQueryResult, JsonValue, Statement};
use serde_json::{Value, json};

use crate::helpers::{Office, OfficeSpec, TestApp};

async fn join(app: &TestApp, office: &Office, email: &str) -> (StatusCode, Value) {
    let r = app
        .post(
            "/api/v1/waiting-list",
            &json!({"office_id": office.id, "service_id": office.services[0], "party_size": 1,
                    "citizen": {"name": "In Attesa", "email": email},
                    "date_from": "2026-03-23", "date_to": "2026-03-27", "language": "it"}),
        )
        .await;
    (r.status(), r.json().await.unwrap())
}

/// Offer tokens from the queued offer emails, by recipient.
async fn offers(app: &TestApp) -> Vec<(String, String)> {
    let rows = entity::outbox_message::Entity::find()
        .all(&app.db.conn)
        .await
        .unwrap();
    rows.into_iter()
        .filter(|m| m.kind == "waitlist_offer")
        .map(|m| {
            let i = m.body_text.find("/w/").expect("offer link");
            let token: String = m.body_text[i + 3..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                .collect();
            (m.recipient, token)
        })
        .collect()
}

/// A one-counter office whose Monday 09:00 slot is taken.
async fn full_slot(app: &TestApp) -> (Office, Value) {
    let office = app.office(OfficeSpec::default()).await;
    let taken = app
        .book(&office, "2026-03-23T09:00:00+01:00", "first@example.org")
        .await;
    (office, taken)
}

#[tokio::test]
async fn a_freed_place_goes_to_the_first_waiting_citizen_who_accepts_and_the_others_are_told() {
    let app = TestApp::spawn().await;
    let (office, taken) = full_slot(&app).await;
    for i in 1..=5 {
        let (s, _) = join(&app, &office, &format!("w{i}@example.org")).await;
        assert_eq!(s, StatusCode::CREATED);
    }
    // Joining again answers like any join (an "already waiting" would tell a stranger
    // that w1 waits), and w1 is still offered the place once, not twice.
    let (s, p) = join(&app, &office, "w1@example.org").await;
    assert_eq!(s, StatusCode::CREATED, "{p}");
    assert!(p["token"].is_string());
    // The citizen cancels: the first three waiting (by joining order) get an offer.
    let r = app
        .client
        .post(app.url(&format!(
            "/api/v1/bookings/{}/cancel",
            taken["reference"].as_str().unwrap()
        )))
        .header("X-Manage-Token", taken["manage_token"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let offered = offers(&app).await;
    let mut recipients: Vec<&str> = offered.iter().map(|(r, _)| r.as_str()).collect();
    recipients.sort_unstable();
    assert_eq!(
        recipients,
        ["w1@example.org", "w2@example.org", "w3@example.org"]
    );
    let view: Value = app
        .get(&format!("/api/v1/waitlist-offers/{}", offered[0].1))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        (view["status"].as_str(), view["start"].as_str()),
        (Some("open"), Some("2026-03-23T09:00:00+01:00"))
    );
    // Two accept at once (twice each, as a double click would): one place, one booking.
    let accepts = offered[..2]
        .iter()
        .flat_map(|(_, t)| [t.clone(), t.clone()])
        .map(|t| {
            let req = app
                .client
                .post(app.url(&format!("/api/v1/waitlist-offers/{t}/accept")));
            async move {
                let r = req.send().await.unwrap();
                (r.status(), r.json::<Value>().await.unwrap())
            }
        });
    let results = futures::future::join_all(accepts).await;
    let won: Vec<&Value> = results
        .iter()
        .filter(|(s, _)| *s == StatusCode::CREATED)
        .map(|(_, v)| v)
        .collect();
    assert_eq!(won.len(), 1, "{results:?}");
    let metrics = app.get("/metrics").await.text().await.unwrap();
    assert!(
        metrics.contains(r#"sportello_places_taken_total{outcome="waitlist_offer"} 1"#),
        "one accepted offer on /metrics"
    );
    assert!(
        results
            .iter()
            .all(|(s, v)| *s == StatusCode::CREATED || v["type"] == "/problems/offer-gone")
    );
    assert_eq!(won[0]["start"], "2026-03-23T09:00:00+01:00");
    assert!(won[0]["manage_token"].is_string());
    let active = app.count("booking WHERE status = 'confirmed'").await;
    assert_eq!(active, 1);
    crate::helpers::assert_capacity_holds(&app).await;
    assert_eq!(app.count("waitlist_entry WHERE status = 'booked'").await, 1);
    // Six entries (w1 joined twice): the winner's is booked, and w1's other entry leaves
    // the list when w1 is the one who won; which of the two clicks wins is a race.
    let winner = won[0]["citizen"]["email"].as_str().unwrap();
    let others_of_winner = i64::from(winner == "w1@example.org");
    assert_eq!(
        app.count("waitlist_entry WHERE status = 'waiting'").await,
        6 - 1 - others_of_winner
    );
    assert_eq!(
        app.count("waitlist_entry WHERE status = 'left'").await,
        others_of_winner
    );
    // The one who was too late saw it on the page (409), and is emailed too when the
    // winner closed the slot before their click arrived; the one who did not answer is
    // always told by email. Nobody twice, never the winner.
    let winner = won[0]["citizen"]["email"].as_str().unwrap().to_string();
    let mut told: Vec<String> = entity::outbox_message::Entity::find()
        .all(&app.db.conn)
        .await
        .unwrap()
        .into_iter()
        .filter(|m| m.kind == "waitlist_gone")
        .map(|m| m.recipient)
        .collect();
    told.sort();
    let unique = told.len();
    told.dedup();
    assert_eq!(unique, told.len(), "{told:?}");
    assert!(
        told.contains(&offered[2].0) && !told.contains(&winner),
        "{told:?}"
    );
    let late = app
        .client
        .post(app.url(&format!("/api/v1/waitlist-offers/{}/accept", offered[2].1)))
        .send()
        .await
        .unwrap();
    assert_eq!(late.status(), StatusCode::CONFLICT);
    assert_eq!(
        app.count(&format!(
            "outbox_message WHERE kind = 'confirmation' AND recipient = '{winner}'"
        ))
        .await,
        1
    );
}

#[tokio::test]
async fn offers_lapse_and_citizens_can_leave_the_list() {
    let app = TestApp::spawn().await;
    let (office, taken) = full_slot(&app).await;
    let (_, leaver) = join(&app, &office, "leaver@example.org").await;
    let (_, stayer) = join(&app, &office, "stayer@example.org").await;
    let token = leaver["token"].as_str().unwrap();
    let r = app
        .client
        .delete(app.url(&format!("/api/v1/waiting-list/{}", leaver["id"])))
        .header("X-Manage-Token", "wrong")
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
    let r = app
        .client
        .delete(app.url(&format!("/api/v1/waiting-list/{}", leaver["id"])))
        .header("X-Manage-Token", token)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.json::<Value>().await.unwrap()["status"], "left");
    app.client
        .post(app.url(&format!(
            "/api/v1/bookings/{}/cancel",
            taken["reference"].as_str().unwrap()
        )))
        .header("X-Manage-Token", taken["manage_token"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    let offered = offers(&app).await;
    assert_eq!(offered.len(), 1);
    assert_eq!(offered[0].0, "stayer@example.org");
    // An hour later the offer has lapsed.
    app.clock.advance(Duration::minutes(61));
    let r = app
        .client
        .post(app.url(&format!("/api/v1/waitlist-offers/{}/accept", offered[0].1)))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CONFLICT);
    assert_eq!(app.count("booking WHERE status = 'confirmed'").await, 0);
    let entry: Value = app
        .client
        .get(app.url(&format!(
            "/api/v1/waiting-list/{}?token={}",
            stayer["id"],
            stayer["token"].as_str().unwrap()
        )))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(entry["status"], "waiting");
    // Bad input is a 422 that changes nothing.
    let before = app.count("waitlist_entry").await;
    for body in [
        json!({"office_id": office.id, "service_id": office.services[0], "citizen": {"name": "X", "email": "x@example.org"}, "date_from": "2026-03-27", "date_to": "2026-03-23"}),
        json!({"office_id": office.id, "service_id": office.services[0], "citizen": {"name": "X", "email": "x@example.org"}, "date_from": "2025-01-01", "date_to": "2026-03-23"}),
        json!({"office_id": office.id, "service_id": office.services[0], "citizen": {"name": "", "email": "nope"}, "date_from": "x", "date_to": "y"}),
    ] {
        let r = app.post("/api/v1/waiting-list", &body).await;
        assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    }
    assert_eq!(app.count("waitlist_entry").await, before);
}

/// Every row of every table, as text.
async fn everything(app: &TestApp) -> String {
    let backend = app.db.conn.get_database_backend();
    let mut out = String::new();
    for table in [
        "office",
        "room",
        "counter",
        "service",
        "counter_service",
        "opening_hours",
        "closure",
        "capacity_rule",
        "booking",
        "capacity_lock",
        "idempotency_key",
        "app_user",
        "api_token",
        "audit_log",
        "outbox_message",
        "waitlist_entry",
        "waitlist_offer",
    ] {
        let rows = JsonValue::find_by_statement(Statement::from_string(
            backend,
            format!("SELECT * FROM {table}"),
        ))
        .all(&app.db.conn)
        .await
        .unwrap();
        for r in rows {
            out.push_str(&r.to_string().to_lowercase());
            out.push('\n');
        }
    }
    out
}

#[tokio::test]
async fn retention_leaves_no_personal_data_in_any_table() {
    let app = TestApp::spawn().await;
    let office = app
        .office(OfficeSpec {
            counters: vec![(0, vec![0]), (0, vec![0])],
            ..Default::default()
        })
        .await;
    // A booking made with an idempotency key, one cancelled, a waiting-list entry, a
    // walk-in with a name: every place personal data goes.
    let r = app
        .client
        .post(app.url("/api/v1/bookings"))
        .header("Idempotency-Key", "retention-test-key-1")
        .json(&json!({"office_id": office.id, "service_id": office.services[0], "start": "2026-03-23T09:00:00+01:00",
                      "party_size": 1, "citizen": {"name": "Gianna Privata", "email": "gianna.privata@example.org", "phone": "+39 333 1234567"}, "language": "it"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let other = app
        .book(
            &office,
            "2026-03-23T09:00:00+01:00",
            "paolo.riservato@example.org",
        )
        .await;
    app.client
        .post(app.url(&format!(
            "/api/v1/bookings/{}/cancel",
            other["reference"].as_str().unwrap()
        )))
        .header("X-Manage-Token", other["manage_token"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    join(&app, &office, "attesa.segreta@example.org").await;
    let clerk = app
        .account(
            "clerk@example.org",
            sportello::domain::Role::Staff,
            Some(office.id),
        )
        .await
        .token;
    let r = app
        .client
        .post(app.url(&format!("/api/v1/offices/{}/walk-ins", office.id)))
        .bearer_auth(&clerk)
        .json(&json!({"service_id": office.services[0], "name": "Walter Passante"}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::CREATED);
    let secrets = [
        "gianna.privata",
        "gianna privata",
        "333 1234567",
        "paolo.riservato",
        "attesa.segreta",
        "in attesa",
        "walter passante",
        "maria rossi",
    ];
    let before = everything(&app).await;
    for s in secrets {
        assert!(
            before.contains(s),
            "the check must see {s} before retention"
        );
    }
    // 30 days after the last date is not enough; 31 is.
    let days = app.state.config.booking.retention_days;
    let early = sportello::service::retention::anonymise(
        &app.db,
        app.clock.now() + Duration::days(days),
        days,
    )
    .await
    .unwrap();
    assert_eq!(early, Default::default(), "nothing is {days} days past yet");
    let done = sportello::service::retention::anonymise(
        &app.db,
        app.clock.now() + Duration::days(days + 8),
        days,
    )
    .await
    .unwrap();
    assert!(
        done.bookings == 3 && done.waitlist == 1 && done.messages >= 3,
        "{done:?}"
    );
    let after = everything(&app).await;
    for s in secrets {
        assert!(!after.contains(s), "{s} survived retention");
    }
    // What statistics need is still there.
    assert_eq!(app.count("booking").await, 3);
    assert_eq!(
        app.count("booking WHERE anonymised_at IS NOT NULL").await,
        3
    );
    let again = sportello::service::retention::anonymise(
        &app.db,
        app.clock.now() + Duration::days(days + 9),
        days,
    )
    .await
    .unwrap();
    assert_eq!(again, Default::default(), "idempotent");
}

#[tokio::test]
async fn the_waiting_list_pages_join_leave_and_accept_without_javascript() {
    let app = TestApp::spawn().await;
    let (office, taken) = full_slot(&app).await;
    let browser = crate::helpers::cookie_client();
    let get = |path: String| {
        let browser = browser.clone();
        let url = app.url(&path);
        async move {
            let r = browser.get(url).send().await.unwrap();
            (r.status(), r.text().await.unwrap())
        }
    };
    // The calendar offers the list; its form joins it.
    let (_, calendar) = get(format!(
        "/book/{}/{}?lang=en",
        office.id, office.services[0]
    ))
    .await;
    assert!(calendar.contains(&format!(
        "/waitlist/join/{}/{}",
        office.id, office.services[0]
    )));
    let (status, form) = get(format!(
        "/waitlist/join/{}/{}?date=2026-03-23&lang=en",
        office.id, office.services[0]
    ))
    .await;
    assert_eq!(status, StatusCode::OK);
    let csrf = crate::helpers::form_field(&form, "csrf");
    let fields = |email: &str, consent: bool| {
        let mut f = vec![
            ("csrf", csrf.clone()),
            ("lang", "en".into()),
            ("office_id", office.id.to_string()),
            ("service_id", office.services[0].to_string()),
            ("party_size", "1".into()),
            ("name", "Lucia Bianchi".into()),
            ("email", email.to_string()),
            ("date_from", "2026-03-23".into()),
            ("date_to", "2026-03-24".into()),
        ];
        if consent {
            f.push(("consent", "yes".into()));
        }
        f
    };
    let r = browser
        .post(app.url("/waitlist"))
        .form(&fields("lucia@example.org", false))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::UNPROCESSABLE_ENTITY);
    let r = browser
        .post(app.url("/waitlist"))
        .form(&fields("lucia@example.org", true))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let entry_url = r.headers()["location"].to_str().unwrap().to_string();
    let (_, entry) = get(entry_url.clone()).await;
    assert!(
        entry.contains("You are on the waiting list") && entry.contains("Leave the waiting list"),
        "{entry}"
    );
    // A freed place: the offer page accepts and lands on the new booking.
    app.client
        .post(app.url(&format!(
            "/api/v1/bookings/{}/cancel",
            taken["reference"].as_str().unwrap()
        )))
        .header("X-Manage-Token", taken["manage_token"].as_str().unwrap())
        .send()
        .await
        .unwrap();
    let (_, token) = offers(&app).await.remove(0);
    let (status, offer) = get(format!("/w/{token}?lang=en")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        offer.contains("Accept the place") && offer.contains("09:00"),
        "{offer}"
    );
    let r = browser
        .post(app.url(&format!("/w/{token}")))
        .form(&[("csrf", csrf.as_str()), ("lang", "en")])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let booking_url = r.headers()["location"].to_str().unwrap().to_string();
    assert!(booking_url.starts_with("/b/"));
    let (status, booking) = get(booking_url).await;
    assert_eq!(status, StatusCode::OK);
    assert!(
        booking.contains("Lucia Bianchi") || booking.contains("09:00"),
        "{booking}"
    );
    let (_, offer) = get(format!("/w/{token}?lang=en")).await;
    assert!(offer.contains("You have already accepted this place"));
    let (_, entry) = get(entry_url).await;
    assert!(entry.contains("You got a place"));
    // Leaving, for someone still waiting.
    let r = browser
        .post(app.url("/waitlist"))
        .form(&fields("marco@example.org", true))
        .send()
        .await
        .unwrap();
    let marco = r.headers()["location"].to_str().unwrap().to_string();
    let id = marco
        .trim_start_matches("/waitlist/")
        .split('?')
        .next()
        .unwrap()
        .to_string();
    let marco_token = marco
        .split("token=")
        .nth(1)
        .unwrap()
        .split('&')
        .next()
        .unwrap()
        .to_string();
    let r = browser
        .post(app.url(&format!("/waitlist/{id}/leave")))
        .form(&[
            ("csrf", csrf.as_str()),
            ("lang", "en"),
            ("token", marco_token.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::SEE_OTHER);
    let (_, left) = get(format!("/waitlist/{id}?token={marco_token}&lang=en")).await;
    assert!(left.contains("You are no longer on the waiting list"));
}

#[tokio::test]
async fn one_waiting_citizen_gets_one_place_even_accepting_two_offers_at_once() {
    let app = TestApp::spawn().await;
    // Citizens may hold two bookings of this service: only the list stops a second one.
    let office = app
        .office(OfficeSpec {
            services: vec![(20, "in_person", 2)],
            ..Default::default()
        })
        .await;
    let first = app
        .book(&office, "2026-03-23T09:00:00+01:00", "a@example.org")
        .await;
    let second = app
        .book(&office, "2026-03-23T09:20:00+01:00", "b@example.org")
        .await;
    let (s, _) = join(&app, &office, "eager@example.org").await;
    assert_eq!(s, StatusCode::CREATED);
    for b in [&first, &second] {
        let r = app
            .client
            .post(app.url(&format!(
                "/api/v1/bookings/{}/cancel",
                b["reference"].as_str().unwrap()
            )))
            .header("X-Manage-Token", b["manage_token"].as_str().unwrap())
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK);
    }
    let offered = offers(&app).await;
    assert_eq!(offered.len(), 2, "one offer per freed slot");
    let accepts = offered.iter().map(|(_, t)| {
        let req = app
            .client
            .post(app.url(&format!("/api/v1/waitlist-offers/{t}/accept")));
        async move { req.send().await.unwrap().status() }
    });
    let statuses = futures::future::join_all(accepts).await;
    let created = statuses
        .iter()
        .filter(|s| **s == StatusCode::CREATED)
        .count();
    assert_eq!(created, 1, "{statuses:?}");
    assert_eq!(
        app.count("booking WHERE status = 'confirmed' AND citizen_email = 'eager@example.org'")
            .await,
        1
    );
    assert_eq!(app.count("waitlist_offer WHERE status = 'open'").await, 0);
}
