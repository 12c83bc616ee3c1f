//! The managers' webhooks page in Chromium, with axe-core: an office with none, adding a
//! receiver (the secret shown once), a test delivered and listed, a wrong address refused
//! with a page in the manager's language, and the page in Arabic on a phone.

use fantoccini::Locator;

use super::{assert_accessible, browser, click_to, fill, log_in_at, screenshot, text_of};
use crate::helpers::{OfficeSpec, TestApp};

#[tokio::test]
async fn a_manager_adds_a_webhook_sees_its_secret_once_and_its_test_delivered() {
    let app = TestApp::spawn().await;
    let office = app.office(OfficeSpec::default()).await;
    sportello::service::staff::auth::create_user(
        &app.db,
        "manager@hooks.example",
        "a-long-password",
        sportello::domain::Role::Manager,
        Some(office.id as i32),
        app.clock.now(),
    )
    .await
    .unwrap();
    let (base, inbox) = crate::webhooks::receiver().await;
    let b = browser(true, 1280, 900).await;
    let page = format!("/manage/webhooks?office={}&lang=it", office.id);
    log_in_at(&app, &b, &page, "manager@hooks.example", "a-long-password").await;
    assert!(
        text_of(&b, "#no-webhooks")
            .await
            .contains("Ancora nessun webhook")
    );
    assert_accessible(&b, "the webhooks page, empty").await;
    screenshot(&b, "desktop-it-webhooks-empty").await;

    // A wrong address: a page in Italian that says what is wrong, and nothing added.
    fill(&b, "w-url", "ftp://example.org/hook").await;
    click_to(
        &b,
        "form[action^='/manage/webhooks?'] button[type=submit]",
        "main h1",
    )
    .await;
    let said = text_of(&b, "main").await;
    assert!(said.contains("https://"), "{said}");
    assert_accessible(&b, "a refused webhook").await;
    screenshot(&b, "desktop-it-webhooks-refused").await;
    assert_eq!(app.count("webhook").await, 0);

    b.client.goto(&app.url(&page)).await.unwrap();
    fill(&b, "w-url", &format!("{base}/hook")).await;
    click_to(
        &b,
        "form[action^='/manage/webhooks?'] button[type=submit]",
        "#webhook-secret code",
    )
    .await;
    let secret = text_of(&b, "#webhook-secret code").await;
    assert!(secret.starts_with("whsec_"), "{secret}");
    assert_accessible(&b, "a webhook added").await;
    screenshot(&b, "desktop-it-webhooks-secret").await;
    // Shown once: the page again has no secret.
    b.client.goto(&app.url(&page)).await.unwrap();
    text_of(&b, "section.webhook").await;
    assert!(b.client.find(Locator::Id("webhook-secret")).await.is_err());

    click_to(
        &b,
        "section.webhook form[action*='/test'] button",
        ".alert-success",
    )
    .await;
    app.step_outbox().await;
    assert_eq!(inbox.got.lock().unwrap().len(), 1);
    b.client.goto(&app.url(&page)).await.unwrap();
    let row = text_of(&b, "table.deliveries tbody tr").await;
    assert!(
        row.contains("Prova (ping)") && row.contains("Consegnato"),
        "{row}"
    );
    assert_accessible(&b, "a webhook with a delivery").await;
    screenshot(&b, "desktop-it-webhooks-delivered").await;

    // Deliver it again from the page.
    click_to(
        &b,
        "table.deliveries form[action*='/replay'] button",
        ".alert-success",
    )
    .await;
    app.step_outbox().await;
    assert_eq!(inbox.got.lock().unwrap().len(), 2);

    // Arabic on a phone: right to left, the words in Arabic.
    let phone = browser(true, 390, 844).await;
    log_in_at(
        &app,
        &phone,
        &format!("/manage/webhooks?office={}&lang=ar", office.id),
        "manager@hooks.example",
        "a-long-password",
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
    assert!(text_of(&phone, "main h1").await.contains("خطافات"));
    assert_accessible(&phone, "the webhooks page in Arabic").await;
    screenshot(&phone, "phone-ar-webhooks").await;
}
