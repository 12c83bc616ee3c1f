//! The queue at the office (issue 17): tickets for check-ins and walk-ins, the calling
//! rule under a moved clock, room limits held while calling, the actions at the counter,
//! joining from a phone, and the stream of calls for the displays.

use std::time::Duration as StdDuration;

use chrono::Duration;
use reqwest::StatusCode;
use serde_json::{Value, json};
use sportello::domain::Role;

use crate::helpers::{OfficeSpec, TestApp, at, problem_type};

pub struct Desk<'a> {
    pub app: &'a TestApp,
    pub token: String,
}

impl Desk<'_> {
    pub async fn post(&self, path: &str, body: Value) -> (StatusCode, Value) {
        let r = self
            .app
            .client
            .post(self.app.url(path))
            .bearer_auth(&self.token)
            .json(&body)
            .send()
            .await
            .unwrap();
        let status = r.status();
        (status, r.json().await.unwrap_or_default())
    }

    pub async fn walk_in(&self, office: i64, service: i64) -> Value {
        let (s, t) = self
            .post(
                &format!("/api/v1/offices/{office}/tickets"),
                json!({"service_id": service, "party_size": 1, "name": "Anna"}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED, "{t}");
        t
    }

    pub async fn scan(&self, reference: &str) -> Value {
        let (s, v) = self
            .post("/api/v1/checkins", json!({"code": reference}))
            .await;
        assert_eq!(s, StatusCode::OK, "{v}");
        v["ticket"].clone()
    }

    pub async fn call(&self, counter: i64) -> Value {
        let (s, v) = self
            .post(&format!("/api/v1/counters/{counter}/call-next"), json!({}))
            .await;
        assert_eq!(s, StatusCode::OK, "{v}");
        v
    }

    pub async fn act(&self, ticket: &Value, action: &str) -> (StatusCode, Value) {
        self.post(
            &format!("/api/v1/tickets/{}/{action}", ticket["id"]),
            json!({}),
        )
        .await
    }
}

fn code(v: &Value) -> &str {
    v["ticket"]["code"].as_str().unwrap_or("none")
}

#[tokio::test]
async fn the_calling_rule_holds_with_a_moved_clock() {
    let app = TestApp::spawn().await;
    let office = app.office(OfficeSpec::default()).await;
    let desk = Desk {
        app: &app,
        token: app.clerk("clerk@queue.example", office.id).await,
    };
    let (counter, service) = (office.counters[0], office.services[0]);
    let a = app
        .book(&office, "2026-03-20T10:00:00+01:00", "a@queue.example")
        .await;
    let b = app
        .book(&office, "2026-03-20T10:20:00+01:00", "b@queue.example")
        .await;

    // 09:00: a walk-in takes the first ticket, outside.
    let w1 = desk.walk_in(office.id, service).await;
    assert_eq!(w1["code"], "S-001");
    assert_eq!(w1["status"], "waiting");
    assert_eq!(w1["booking_reference"], Value::Null);
    assert_eq!(w1["position"], 0);
    // 09:55: the 10:00 appointment arrives on time; its scan gives it a ticket.
    app.clock.set(at("2026-03-20T09:55:00+01:00"));
    let ta = desk.scan(a["reference"].as_str().unwrap()).await;
    assert_eq!(ta["code"], "S-002");
    assert_eq!(ta["booking_reference"], a["reference"]);
    assert_eq!(ta["due_at"], "2026-03-20T10:00:00+01:00");
    // Before it is due, the walk-in who came first is next.
    assert_eq!(ta["position"], 1);
    // 10:00: the appointment is due and beats the walk-in who came first.
    app.clock.set(at("2026-03-20T10:00:00+01:00"));
    let called = desk.call(counter).await;
    assert_eq!(code(&called), "S-002");
    assert_eq!(called["ticket"]["status"], "called");
    assert_eq!(called["ticket"]["counter_id"], counter);
    let (s, done) = desk.act(&called["ticket"], "done").await;
    assert_eq!(s, StatusCode::OK, "{done}");
    assert_eq!(done["status"], "done");
    let served = app
        .booking_rows()
        .await
        .into_iter()
        .find(|r| r.reference.as_deref() == a["reference"].as_str())
        .unwrap();
    assert_eq!(served.status, entity::status::BookingStatus::Served);
    assert_eq!(code(&desk.call(counter).await), "S-001");

    // 10:21 a walk-in; 10:27 the 10:20 appointment arrives 7 minutes late: it lost its
    // priority and ranks by arrival, behind the walk-in.
    app.clock.set(at("2026-03-20T10:21:00+01:00"));
    let w2 = desk.walk_in(office.id, service).await;
    app.clock.set(at("2026-03-20T10:27:00+01:00"));
    let tb = desk.scan(b["reference"].as_str().unwrap()).await;
    assert_eq!(tb["position"], 1);
    let list: Value = app
        .client
        .get(app.url(&format!("/api/v1/offices/{}/queue", office.id)))
        .bearer_auth(&desk.token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let codes: Vec<&str> = list["tickets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["code"].as_str().unwrap())
        .collect();
    // S-001 is still called at the counter, then the waiting ones in calling order.
    assert_eq!(codes, ["S-001", w2["code"].as_str().unwrap(), "S-004"]);
    assert_eq!(
        code(&desk.call(counter).await),
        w2["code"].as_str().unwrap()
    );
    assert_eq!(code(&desk.call(counter).await), "S-004");
    let none = desk.call(counter).await;
    assert_eq!(none["ticket"], Value::Null);
    assert_eq!(none["reason"], "nobody_waiting");

    // Every check-in and call is audited with the clerk who made it.
    let audit: Value = app
        .client
        .get(app.url(&format!("/api/v1/audit?office_id={}", office.id)))
        .bearer_auth(&app.admin_token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let rows = audit
        .as_array()
        .or(audit["entries"].as_array())
        .cloned()
        .unwrap_or_default();
    for action in ["checkin", "call", "finish", "ticket"] {
        assert!(
            rows.iter()
                .any(|r| r["action"] == action && r["actor_user_id"].as_i64().is_some()),
            "no audited {action} with its clerk: {audit}"
        );
    }
}

#[tokio::test]
async fn a_full_room_holds_an_outside_ticket_back_until_a_place_frees() {
    let app = TestApp::spawn().await;
    let office = app
        .office(OfficeSpec {
            rooms: vec![("Sala", 1, None)],
            counters: vec![(0, vec![0]), (0, vec![0])],
            ..Default::default()
        })
        .await;
    let desk = Desk {
        app: &app,
        token: app.clerk("clerk@full.example", office.id).await,
    };
    let c = app
        .book(&office, "2026-03-20T10:00:00+01:00", "c@full.example")
        .await;
    app.clock.set(at("2026-03-20T09:58:00+01:00"));
    desk.scan(c["reference"].as_str().unwrap()).await;
    let w = desk.walk_in(office.id, office.services[0]).await;
    app.clock.set(at("2026-03-20T10:00:00+01:00"));
    let first = desk.call(office.counters[0]).await;
    assert_eq!(first["ticket"]["booking_reference"], c["reference"]);
    // The room holds one person, the appointment is inside: the walk-in waits outside.
    let held = desk.call(office.counters[1]).await;
    assert_eq!(held["ticket"], Value::Null, "{held}");
    assert_eq!(held["reason"], "room_full");
    let (s, _) = desk.act(&first["ticket"], "start").await;
    assert_eq!(s, StatusCode::OK);
    let (s, _) = desk.act(&first["ticket"], "done").await;
    assert_eq!(s, StatusCode::OK);
    let second = desk.call(office.counters[1]).await;
    assert_eq!(second["ticket"]["id"], w["id"]);
    // The walk-in called in now counts in the room.
    let occupancy: Value = app
        .client
        .get(app.url(&format!("/api/v1/rooms/{}/occupancy", office.rooms[0])))
        .bearer_auth(&desk.token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(occupancy["present"], 1, "{occupancy}");
    // And a walk-in admitted at the desk now is refused: the room is full.
    let (s, v) = desk
        .post(
            &format!("/api/v1/offices/{}/walk-ins", office.id),
            json!({"service_id": office.services[0], "party_size": 1}),
        )
        .await;
    assert_eq!(s, StatusCode::CONFLICT, "{v}");
}

#[tokio::test]
async fn actions_follow_the_ticket_and_three_calls_make_it_absent() {
    let app = TestApp::spawn().await;
    let office = app
        .office(OfficeSpec {
            services: vec![(20, "in_person", 1), (10, "in_person", 1)],
            counters: vec![(0, vec![0]), (0, vec![1])],
            ..Default::default()
        })
        .await;
    let desk = Desk {
        app: &app,
        token: app.clerk("clerk@act.example", office.id).await,
    };
    let t = desk.walk_in(office.id, office.services[0]).await;
    // Not called yet: nothing but transfer applies.
    let (s, p) = desk.act(&t, "start").await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert_eq!(problem_type(&p), "/problems/invalid-state");
    let called = desk.call(office.counters[0]).await;
    // Transferred to the other service: waiting again, same code, for the other counter.
    let (s, moved) = desk
        .post(
            &format!("/api/v1/tickets/{}/transfer", t["id"]),
            json!({"service_id": office.services[1]}),
        )
        .await;
    assert_eq!(s, StatusCode::OK, "{moved}");
    assert_eq!(moved["status"], "waiting");
    assert_eq!(moved["code"], called["ticket"]["code"]);
    assert_eq!(
        desk.call(office.counters[0]).await["reason"],
        "nobody_waiting"
    );
    let again = desk.call(office.counters[1]).await;
    assert_eq!(again["ticket"]["id"], t["id"]);
    let (_, r1) = desk.act(&again["ticket"], "recall").await;
    assert_eq!(r1["calls"], 2);
    let (_, r2) = desk.act(&again["ticket"], "recall").await;
    assert_eq!(r2["calls"], 3);
    assert_eq!(r2["status"], "called");
    let (s, r3) = desk.act(&again["ticket"], "recall").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(r3["status"], "absent");
    let (s, _) = desk.act(&again["ticket"], "done").await;
    assert_eq!(s, StatusCode::CONFLICT);

    // Another office's clerk knows nothing of the ticket.
    let other = app.office(OfficeSpec::default()).await;
    let stranger = Desk {
        app: &app,
        token: app
            .account("stranger@act.example", Role::Staff, Some(other.id))
            .await
            .token,
    };
    let (s, _) = stranger.act(&t, "recall").await;
    assert_eq!(s, StatusCode::NOT_FOUND);
    let (s, _) = stranger
        .post(
            &format!("/api/v1/counters/{}/call-next", office.counters[0]),
            json!({}),
        )
        .await;
    assert_eq!(s, StatusCode::FORBIDDEN);
}

#[tokio::test]
async fn a_phone_joins_follows_its_turn_and_leaves() {
    let app = TestApp::spawn().await;
    let office = app.office(OfficeSpec::default()).await;
    let join = |body: Value| {
        let req = app
            .client
            .post(app.url(&format!("/api/v1/offices/{}/queue", office.id)))
            .json(&body);
        async move {
            let r = req.send().await.unwrap();
            let s = r.status();
            (s, r.json::<Value>().await.unwrap_or_default())
        }
    };
    // 08:00, before opening: refused, nothing created.
    app.clock.set(at("2026-03-20T08:00:00+01:00"));
    let (s, p) = join(json!({"service_id": office.services[0], "party_size": 1})).await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert_eq!(problem_type(&p), "/problems/queue-closed");
    assert_eq!(app.count("ticket").await, 0);
    // 12:50: ten minutes before closing, a 20-minute service cannot be served: refused.
    app.clock.set(at("2026-03-20T12:50:00+01:00"));
    let (s, p) = join(json!({"service_id": office.services[0], "party_size": 1})).await;
    assert_eq!(s, StatusCode::CONFLICT);
    assert!(p["detail"].as_str().unwrap().contains("13:00"), "{p}");
    // A bad email changes nothing either.
    app.clock.set(at("2026-03-20T09:30:00+01:00"));
    let (s, _) = join(json!({"service_id": office.services[0], "email": "nope"})).await;
    assert_eq!(s, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(app.count("ticket").await, 0);

    let (s, joined) = join(json!({"service_id": office.services[0], "party_size": 1,
                                  "email": "phone@queue.example", "language": "en"}))
    .await;
    assert_eq!(s, StatusCode::CREATED, "{joined}");
    let token = joined["ticket_token"].as_str().unwrap().to_string();
    assert!(token.len() >= 22);
    assert_eq!(joined["position"], 0);
    assert_eq!(joined["estimated_wait_minutes"], 0);
    // Its link went out by email.
    assert_eq!(app.count("outbox_message").await, 1);
    let (_, second) = join(json!({"service_id": office.services[0]})).await;
    assert_eq!(second["position"], 1);
    // One counter, 20 minutes each: the second waits about 20 minutes.
    assert_eq!(second["estimated_wait_minutes"], 20);
    let seen: Value = app
        .get(&format!("/api/v1/tickets/{token}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(seen["status"], "waiting");
    assert!(seen.get("ticket_token").is_none());
    let left: Value = app
        .client
        .delete(app.url(&format!("/api/v1/tickets/{token}")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(left["status"], "cancelled");
    let second_now: Value = app
        .get(&format!(
            "/api/v1/tickets/{}",
            second["ticket_token"].as_str().unwrap()
        ))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(second_now["position"], 0);
    let r = app.get("/api/v1/tickets/not-a-ticket-token-at-all").await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}

/// Reads a server-sent events response until an event named `call` arrives.
pub async fn next_call(resp: &mut reqwest::Response) -> Value {
    let mut buf = String::new();
    loop {
        let chunk = resp.chunk().await.unwrap().expect("the stream ended");
        buf.push_str(&String::from_utf8_lossy(&chunk));
        while let Some(end) = buf.find("\n\n") {
            let block: String = buf.drain(..end + 2).collect();
            if block.lines().any(|l| l == "event: call") {
                let data = block
                    .lines()
                    .find_map(|l| l.strip_prefix("data: "))
                    .unwrap_or("null");
                return serde_json::from_str(data).unwrap();
            }
        }
    }
}

#[tokio::test]
async fn a_display_receives_a_call_within_a_second() {
    let app = TestApp::spawn().await;
    let office = app.office(OfficeSpec::default()).await;
    let desk = Desk {
        app: &app,
        token: app.clerk("clerk@display.example", office.id).await,
    };
    let mut stream = app
        .client
        .get(app.url(&format!("/api/v1/offices/{}/calls/stream", office.id)))
        .send()
        .await
        .unwrap();
    assert_eq!(stream.status(), StatusCode::OK);
    assert!(
        stream.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/event-stream")
    );
    let t = desk.walk_in(office.id, office.services[0]).await;
    for round in 0..3 {
        let called = if round == 0 {
            desk.call(office.counters[0]).await["ticket"].clone()
        } else {
            desk.act(&t, "recall").await.1
        };
        let got = tokio::time::timeout(StdDuration::from_secs(1), next_call(&mut stream))
            .await
            .expect("the call reached the display within 1 s");
        assert_eq!(got["code"], t["code"]);
        assert_eq!(got["counter_id"], office.counters[0]);
        assert_eq!(got["counter_name"], "Sportello 1");
        assert_eq!(got["called_at"], called["called_at"]);
        app.clock.advance(Duration::seconds(30));
    }
    let r = app.get("/api/v1/offices/999999/calls/stream").await;
    assert_eq!(r.status(), StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn waits_service_times_and_absences_reach_the_statistics_csv_and_metrics() {
    let app = TestApp::spawn().await;
    let office = app.office(OfficeSpec::default()).await;
    let desk = Desk {
        app: &app,
        token: app.clerk("clerk@stats.example", office.id).await,
    };
    let counter = office.counters[0];
    // 09:00 two walk-ins; 09:10 the first is called (waited 10 min), starts 09:12 and is
    // done 09:20 (8 min); the second is called at 09:20 (20 min) and never comes.
    let w1 = desk.walk_in(office.id, office.services[0]).await;
    desk.walk_in(office.id, office.services[0]).await;
    app.clock.set(at("2026-03-20T09:10:00+01:00"));
    assert_eq!(desk.call(counter).await["ticket"]["id"], w1["id"]);
    app.clock.set(at("2026-03-20T09:12:00+01:00"));
    assert_eq!(desk.act(&w1, "start").await.0, StatusCode::OK);
    app.clock.set(at("2026-03-20T09:20:00+01:00"));
    assert_eq!(desk.act(&w1, "done").await.0, StatusCode::OK);
    let w2 = desk.call(counter).await["ticket"].clone();
    let (s, gone) = desk.act(&w2, "absent").await;
    assert_eq!(s, StatusCode::OK);
    assert_eq!(gone["status"], "absent");

    let stats: Value = app
        .client
        .get(app.url(&format!(
            "/api/v1/offices/{}/statistics?from=2026-03-20&to=2026-03-20",
            office.id
        )))
        .bearer_auth(&app.admin_token)
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let rows = stats["rows"].as_array().unwrap();
    let row = |scope: &str| {
        rows.iter()
            .find(|r| r["scope"] == scope)
            .unwrap_or_else(|| panic!("no {scope} row in {stats}"))
    };
    for scope in ["office", "service", "counter"] {
        let r = row(scope);
        assert_eq!(r["tickets"], 2, "{r}");
        assert_eq!(r["absent"], 1, "{r}");
        assert_eq!(r["absent_rate"], 0.5, "{r}");
        assert_eq!(r["mean_wait_minutes"], 15.0, "{r}");
        assert_eq!(r["mean_service_minutes"], 8.0, "{r}");
    }
    assert_eq!(row("counter")["id"], counter);
    let csv = app
        .client
        .get(app.url(&format!(
            "/api/v1/offices/{}/statistics?from=2026-03-20&to=2026-03-20",
            office.id
        )))
        .bearer_auth(&app.admin_token)
        .header("Accept", "text/csv")
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        csv.lines()
            .next()
            .unwrap()
            .ends_with("tickets,absent,absent_rate,mean_wait_minutes,mean_service_minutes")
    );
    assert!(
        csv.lines()
            .any(|l| l.starts_with("2026-03-20,counter,") && l.ends_with(",2,1,0.5,15,8")),
        "{csv}"
    );
    let metrics = app.get("/metrics").await.text().await.unwrap();
    for line in [
        "sportello_queue_calls_total{outcome=\"called\"} 2",
        "sportello_queue_tickets_ended_total{outcome=\"done\"} 1",
        "sportello_queue_tickets_ended_total{outcome=\"absent\"} 1",
        "sportello_queue_wait_seconds_count 2",
        "sportello_queue_wait_seconds_sum 1800.0",
        "sportello_queue_service_seconds_count 1",
        "sportello_queue_service_seconds_sum 480.0",
    ] {
        assert!(metrics.contains(line), "no {line} in\n{metrics}");
    }
}

#[tokio::test]
async fn retention_removes_names_emails_and_phone_links_of_tickets() {
    let app = TestApp::spawn().await;
    let office = app.office(OfficeSpec::default()).await;
    let desk = Desk {
        app: &app,
        token: app.clerk("clerk@retention.example", office.id).await,
    };
    app.clock.set(at("2026-03-20T09:30:00+01:00"));
    desk.walk_in(office.id, office.services[0]).await;
    let joined: Value = app
        .client
        .post(app.url(&format!("/api/v1/offices/{}/queue", office.id)))
        .json(&json!({"service_id": office.services[0], "email": "kept@queue.example"}))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let token = joined["ticket_token"].as_str().unwrap();
    let early =
        sportello::service::retention::anonymise(&app.db, at("2026-04-10T03:00:00+02:00"), 30)
            .await
            .unwrap();
    assert_eq!(early.tickets, 0);
    assert_eq!(
        app.get(&format!("/api/v1/tickets/{token}")).await.status(),
        StatusCode::OK
    );
    let done =
        sportello::service::retention::anonymise(&app.db, at("2026-04-21T03:00:00+02:00"), 30)
            .await
            .unwrap();
    assert_eq!(done.tickets, 2);
    let left = app
        .count("ticket WHERE citizen_name IS NOT NULL OR citizen_email IS NOT NULL OR token_hash IS NOT NULL")
        .await;
    assert_eq!(left, 0);
    assert_eq!(app.count("ticket").await, 2, "the figures stay");
    assert_eq!(
        app.count("queue_event").await,
        0,
        "the events of past days go"
    );
    assert_eq!(
        app.get(&format!("/api/v1/tickets/{token}")).await.status(),
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn a_ticket_that_fits_is_found_behind_a_long_head_that_does_not() {
    let app = TestApp::spawn().await;
    let office = app
        .office(OfficeSpec {
            rooms: vec![("Sala", 1, None)],
            ..Default::default()
        })
        .await;
    let desk = Desk {
        app: &app,
        token: app.clerk("clerk@head.example", office.id).await,
    };
    // 40 parties of two, who never fit in a room for one, then a single person.
    for _ in 0..40 {
        let (s, _) = desk
            .post(
                &format!("/api/v1/offices/{}/tickets", office.id),
                json!({"service_id": office.services[0], "party_size": 2}),
            )
            .await;
        assert_eq!(s, StatusCode::CREATED);
    }
    let single = desk.walk_in(office.id, office.services[0]).await;
    let called = desk.call(office.counters[0]).await;
    assert_eq!(called["ticket"]["id"], single["id"], "{called}");
    assert_eq!(desk.call(office.counters[0]).await["reason"], "room_full");
}

#[tokio::test]
async fn the_queue_pages_poster_display_email_link_and_daily_numbers() {
    let app = TestApp::spawn().await;
    let office = app.office(OfficeSpec::default()).await;
    let desk = Desk {
        app: &app,
        token: app.clerk("clerk@pages.example", office.id).await,
    };
    let page = |path: String| {
        let req = app.client.get(app.url(&path)).header("Accept", "text/html");
        async move {
            let r = req.send().await.unwrap();
            assert_eq!(r.status(), StatusCode::OK, "{path}");
            r.text().await.unwrap()
        }
    };
    // The poster's QR code and address lead to the join page.
    let poster = page(format!("/offices/{}/poster?lang=en", office.id)).await;
    assert!(poster.contains(&format!("http://sportello.test/offices/{}/join", office.id)));
    assert!(poster.contains("<svg"), "the poster has its QR code");
    // The display reloads itself without JavaScript and lists the day's calls.
    let t = desk.walk_in(office.id, office.services[0]).await;
    desk.call(office.counters[0]).await;
    let display = page(format!("/offices/{}/display?lang=it", office.id)).await;
    assert!(display.contains(r#"<meta http-equiv="refresh" content="5">"#));
    assert!(display.contains(t["code"].as_str().unwrap()));
    assert!(display.contains("Sportello 1"));
    // The join page offers the service; the ticket's link goes out by email.
    let join = page(format!("/offices/{}/join?lang=en", office.id)).await;
    assert!(join.contains("Servizio 0") && join.contains("Take a ticket"));
    let (s, joined) = desk
        .post(
            &format!("/api/v1/offices/{}/queue", office.id),
            json!({"service_id": office.services[0], "email": "link@queue.example", "language": "en"}),
        )
        .await;
    assert_eq!(s, StatusCode::CREATED);
    let token = joined["ticket_token"].as_str().unwrap();
    assert_eq!(
        app.count(&format!(
            "outbox_message WHERE kind = 'queue_ticket' AND recipient = 'link@queue.example' \
             AND body_text LIKE '%http://sportello.test/q/{token}%'"
        ))
        .await,
        1
    );
    let ticket = page(format!("/q/{token}")).await;
    assert!(ticket.contains(r#"lang="en""#) && ticket.contains("Your ticket"));
    assert!(ticket.contains(r#"aria-live="assertive""#));
    // Numbers restart the next day (a new login: yesterday's session has expired).
    app.clock.set(at("2026-03-21T09:30:00+01:00"));
    let next_day = Desk {
        app: &app,
        token: app.clerk("next-day@pages.example", office.id).await,
    };
    assert_eq!(
        next_day.walk_in(office.id, office.services[0]).await["code"],
        "S-001"
    );
    // Every action is in the OpenAPI document.
    let doc: Value = app.get("/api/openapi.json").await.json().await.unwrap();
    for path in [
        "/api/v1/offices/{office_id}/tickets",
        "/api/v1/offices/{office_id}/queue",
        "/api/v1/tickets/{ticket_token}",
        "/api/v1/counters/{counter_id}/call-next",
        "/api/v1/tickets/{id}/recall",
        "/api/v1/tickets/{id}/start",
        "/api/v1/tickets/{id}/absent",
        "/api/v1/tickets/{id}/done",
        "/api/v1/tickets/{id}/transfer",
    ] {
        assert!(doc["paths"].get(path).is_some(), "{path} not in OpenAPI");
    }
}
