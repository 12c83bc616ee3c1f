//! Logging in with SPID (issue 18) in Chromium, against the real `oidc-provider` the
//! test starts: from the booking form to the provider's login page and back, the form
//! prefilled and locked, the booking made, "My appointments" listing it, and logout
//! ending the provider's session too. On a phone in Italian and a desktop in English,
//! with axe-core on every Sportello page; the error page of a bad answer in Arabic.

use fantoccini::Locator;

use super::{assert_accessible, browser, click_to, fill, screenshot, test_office, text_of};
use crate::helpers::oidc::{Provider, app_with};

#[tokio::test]
async fn a_citizen_logs_in_with_spid_books_prefilled_and_finds_it_under_my_appointments() {
    let provider = Provider::start().await;
    let app = app_with(provider.providers()).await;
    let (office_id, service_id) = test_office(&app).await;
    for (lang, user, (width, height), shot, name, code) in [
        (
            "it",
            "mario",
            (390, 844),
            "phone-it",
            "Mario Rossi",
            "RSSMRA80A01H501U",
        ),
        (
            "en",
            "giulia",
            (1280, 900),
            "desktop-en",
            "Giulia Bianchi",
            "BNCGLI85M41F205X",
        ),
    ] {
        let words = sportello::l10n::loader_for(lang);
        let say = |id: &str| words.get(id).replace(['\u{2068}', '\u{2069}'], "");
        let b = browser(true, width, height).await;
        b.client
            .goto(&app.url(&format!("/?lang={lang}")))
            .await
            .unwrap();
        assert_eq!(text_of(&b, "a[href^='/my']").await, say("my-link"));
        click_to(
            &b,
            &format!("a[href^='/book/{office_id}/{service_id}']"),
            "ul.days",
        )
        .await;
        click_to(&b, "ul.days a", "select#party").await;
        b.client
            .find(Locator::Css(".times label"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        click_to(&b, "form button[type=submit]", "#login-spid").await;
        assert_accessible(&b, "details with the login buttons").await;
        b.client
            .execute(
                "document.querySelector('.identity-login').scrollIntoView()",
                vec![],
            )
            .await
            .unwrap();
        screenshot(&b, &format!("{shot}-identity-1-details")).await;
        // To the provider's login page, and back to the same form.
        click_to(&b, "#login-spid", "input#login").await;
        fill(&b, "login", user).await;
        click_to(&b, "#submit", "#identity").await;
        assert!(
            b.client
                .current_url()
                .await
                .unwrap()
                .path()
                .starts_with("/book/details/")
        );
        let who = text_of(&b, "#identity").await;
        assert!(who.contains(name) && who.contains(code), "{who}");
        let input = b.client.find(Locator::Id("name")).await.unwrap();
        assert_eq!(input.prop("value").await.unwrap().as_deref(), Some(name));
        assert_eq!(
            input.attr("readonly").await.unwrap().as_deref(),
            Some("true")
        );
        assert_accessible(&b, "details, logged in").await;
        if user == "giulia" {
            // Her provider sends no email: she types one.
            fill(&b, "email", "giulia@example.org").await;
        }
        b.client
            .find(Locator::Id("consent"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        screenshot(&b, &format!("{shot}-identity-2-prefilled")).await;
        click_to(
            &b,
            "form[action='/book/confirm'] button[type=submit]",
            "code.ref",
        )
        .await;
        let reference = text_of(&b, "code.ref").await;
        // "My appointments" lists it.
        b.client
            .goto(&app.url(&format!("/my?lang={lang}")))
            .await
            .unwrap();
        let list = text_of(&b, "ul.my-bookings").await;
        assert!(list.contains(&reference), "{list}");
        assert_eq!(text_of(&b, "main h1").await, say("my-title"));
        assert_accessible(&b, "my appointments").await;
        screenshot(&b, &format!("{shot}-identity-3-my")).await;
        // Open it from the list: the booking's own page.
        click_to(&b, "ul.my-bookings button[value=manage]", "code.ref").await;
        assert_eq!(text_of(&b, "code.ref").await, reference);
        // Logout: here, then at the provider, which sends the browser home.
        b.client
            .goto(&app.url(&format!("/my?lang={lang}")))
            .await
            .unwrap();
        // The page in between moves on at once (and offers a link without refresh).
        b.client
            .find(Locator::Id("logout"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        let home = say("citizen-home-title");
        let mut arrived = false;
        for _ in 0..100 {
            let url = b.client.current_url().await.unwrap();
            if url.as_str().starts_with(&app.address) && url.path() == "/" {
                arrived = text_of(&b, "main h1").await == home;
                break;
            }
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        assert!(arrived, "the provider's logout sends the browser back home");
        b.client
            .goto(&app.url(&format!("/my?lang={lang}")))
            .await
            .unwrap();
        text_of(&b, "a[href^='/auth/oidc/spid/login']").await;
    }
    // A forged answer, on an Arabic phone: the error page in Arabic, right to left,
    // with the way on.
    let b = browser(true, 390, 844).await;
    b.client.goto(&app.url("/?lang=ar")).await.unwrap();
    b.client
        .goto(&app.url("/auth/oidc/spid/callback?state=forged-state-000000&code=x"))
        .await
        .unwrap();
    let words = sportello::l10n::loader_for("ar");
    let problem = text_of(&b, "#problem").await;
    assert_eq!(
        problem,
        words
            .get("login-problem-bad-answer")
            .replace(['\u{2068}', '\u{2069}'], "")
    );
    let html = b.client.find(Locator::Css("html")).await.unwrap();
    assert_eq!(html.attr("dir").await.unwrap().as_deref(), Some("rtl"));
    assert_accessible(&b, "login problem").await;
    screenshot(&b, "phone-ar-identity-problem").await;
}
