//! The queue in Chromium (issue 17), with axe-core on every page: a citizen joins from a
//! phone (Italian and Arabic) and watches the ticket's page; a clerk calls with the N key
//! on the counter screen; the phone says "your turn" and the waiting-room display shows
//! the call, both live over server-sent events, without a reload.

use std::time::Duration;

use fantoccini::Locator;

use super::{Browser, assert_accessible, browser, click_to, log_in_at, screenshot, text_of};
use crate::helpers::{OfficeSpec, TestApp};

/// Waits (bounded) until `css` reads something containing `want`.
async fn until_text(b: &Browser, css: &str, want: &str) -> String {
    let mut last = String::new();
    for _ in 0..100 {
        if let Ok(e) = b.client.find(Locator::Css(css)).await {
            last = e.text().await.unwrap_or_default();
            if last.contains(want) {
                return last;
            }
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{css} never read {want:?}; it reads {last:?}");
}

async fn click(b: &Browser, css: &str) {
    b.client
        .find(Locator::Css(css))
        .await
        .unwrap_or_else(|e| panic!("{css}: {e}"))
        .click()
        .await
        .unwrap_or_else(|e| panic!("clicking {css}: {e}"));
}

async fn join(app: &TestApp, b: &Browser, office: i64, lang: &str) -> String {
    b.client
        .goto(&app.url(&format!("/offices/{office}/join?lang={lang}")))
        .await
        .unwrap();
    text_of(b, "form.queue-join").await;
    assert_accessible(b, "join the queue").await;
    screenshot(b, &format!("phone-{lang}-queue-join")).await;
    click_to(b, "form.queue-join button[type=submit]", ".ticket-code").await;
    assert_accessible(b, "the ticket's page").await;
    let lang_attr = b
        .client
        .find(Locator::Css("html"))
        .await
        .unwrap()
        .attr("lang")
        .await
        .unwrap();
    assert_eq!(lang_attr.as_deref(), Some(lang));
    text_of(b, ".ticket-code").await
}

#[tokio::test]
async fn a_phone_joins_a_clerk_calls_with_the_n_key_and_phone_and_display_follow_live() {
    let app = TestApp::spawn().await;
    let office = app
        .office(OfficeSpec {
            counters: vec![(0, vec![0]), (0, vec![0])],
            ..Default::default()
        })
        .await;
    sportello::service::staff::auth::create_user(
        &app.db,
        "clerk@queue.example",
        "a-long-password",
        sportello::domain::Role::Staff,
        Some(office.id as i32),
        app.clock.now(),
    )
    .await
    .unwrap();
    // 10:30 in Rome: open.
    app.clock.advance(chrono::Duration::minutes(90));

    let phone = browser(true, 390, 844).await;
    let code = join(&app, &phone, office.id, "it").await;
    assert_eq!(code, "S-001");
    assert!(text_of(&phone, "#ticket-says").await.contains("prossimo"));
    screenshot(&phone, "phone-it-queue-ticket").await;

    let phone_ar = browser(true, 390, 844).await;
    assert_eq!(join(&app, &phone_ar, office.id, "ar").await, "S-002");
    let dir = phone_ar
        .client
        .find(Locator::Css("html"))
        .await
        .unwrap()
        .attr("dir")
        .await
        .unwrap();
    assert_eq!(dir.as_deref(), Some("rtl"));
    screenshot(&phone_ar, "phone-ar-queue-ticket").await;

    let screen = browser(true, 1280, 720).await;
    screen
        .client
        .goto(&app.url(&format!("/offices/{}/display?lang=it", office.id)))
        .await
        .unwrap();
    text_of(&screen, "#now").await;
    assert_accessible(&screen, "the waiting-room display").await;

    let clerk = browser(true, 1280, 900).await;
    log_in_at(
        &app,
        &clerk,
        &format!(
            "/staff/counter?office={}&counter={}&lang=it",
            office.id, office.counters[1]
        ),
        "clerk@queue.example",
        "a-long-password",
    )
    .await;
    text_of(&clerk, "#call-next").await;
    assert!(text_of(&clerk, "#waiting").await.contains("S-001"));
    assert_accessible(&clerk, "the counter screen").await;
    screenshot(&clerk, "desktop-it-counter").await;
    // The N key presses "Call next".
    clerk
        .client
        .find(Locator::Css("body"))
        .await
        .unwrap()
        .send_keys("n")
        .await
        .unwrap();
    until_text(&clerk, "[role=status]", "S-001").await;
    assert!(text_of(&clerk, ".queue-current").await.contains("S-001"));
    assert_accessible(&clerk, "the counter screen after a call").await;
    screenshot(&clerk, "desktop-it-counter-called").await;

    // Live, without a reload: the phone says whose turn, the display shows the call.
    let says = until_text(&phone, "#ticket-says", "Tocca a te").await;
    assert!(says.contains("Sportello 2"), "{says}");
    screenshot(&phone, "phone-it-queue-your-turn").await;
    until_text(&screen, ".now-code", "S-001").await;
    assert!(text_of(&screen, "#calls").await.contains("Sportello 2"));
    screenshot(&screen, "display-it-call").await;
    // The other phone moved up: next.
    until_text(&phone_ar, "#ticket-says", "التالي").await;

    // A walk-in at the desk, in English: the receipt page with its code, and back.
    clerk
        .client
        .goto(&app.url(&format!(
            "/staff/counter?office={}&counter={}&lang=en",
            office.id, office.counters[1]
        )))
        .await
        .unwrap();
    text_of(&clerk, "#desk-name").await;
    assert_accessible(&clerk, "the counter screen in English").await;
    screenshot(&clerk, "desktop-en-counter").await;
    super::fill(&clerk, "desk-name", "Anna").await;
    click_to(&clerk, "button[value=ticket]", ".receipt-code").await;
    assert_eq!(text_of(&clerk, ".receipt-code").await, "S-003");
    assert!(
        text_of(&clerk, ".receipt-wait")
            .await
            .contains("Wait for your call")
    );
    assert_accessible(&clerk, "the desk ticket").await;
    screenshot(&clerk, "desktop-en-desk-ticket").await;
    click_to(&clerk, ".receipt a", "#call-next").await;
    // The phone that joined first is called before the desk ticket; then nobody waits,
    // and the screen says so in words. (The page being left has a status too: each
    // call waits for the words only the next page has.)
    click_to(&clerk, "#call-next", "[role=status]").await;
    until_text(&clerk, "[role=status]", "S-002").await;
    click(&clerk, "#call-next").await;
    until_text(&clerk, "[role=status]", "S-003").await;
    click(&clerk, "#call-next").await;
    until_text(&clerk, "[role=status]", "Nobody is waiting").await;
    screenshot(&clerk, "desktop-en-counter-nobody").await;
}
