//! What AgID's validator (`pa-website-validator`) checks on a municipality's pages, run on
//! every kind of Sportello page in Chromium:
//! - C.SI.1.2: the Bootstrap Italia version, read as the validator reads it (from
//!   `--bootstrap-italia-version` on `body`, with only double quotes stripped), is 2 or
//!   later; and at least 30 % of the page's distinct CSS classes are Bootstrap Italia's
//!   (class attributes split on single spaces, as the validator splits them). The class
//!   names are read from the vendored Bootstrap Italia CSS itself.
//! - C.SI.1.1: headings and paragraphs, and everything inside them, have one of the
//!   model's fonts first in their `font-family`: Titillium Web, Lora or Roboto Mono.
//!
//! And one of our own on the same pages: none is wider than the screen, at 390 px too.

use std::collections::{BTreeMap, HashSet};

use fantoccini::Locator;

use super::{Browser, browser, click_to, fill, log_in_at, test_office, text_of};
use crate::helpers::TestApp;

const FONTS: [&str; 3] = ["Titillium Web", "Lora", "Roboto Mono"];

/// Every class name Bootstrap Italia's CSS defines (a `.name` in a selector).
fn bootstrap_italia_classes() -> HashSet<String> {
    let css = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/static/vendor/bootstrap-italia/bootstrap-italia.min.css"
    ))
    .unwrap();
    let mut names = HashSet::new();
    let mut rest = css.as_str();
    // Only selectors hold class names: skip declaration blocks (which hold numbers like
    // `.5rem` and data URLs).
    while let Some(open) = rest.find('{') {
        let selector = &rest[..open];
        for part in selector.split('.').skip(1) {
            let name: String = part
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
                .collect();
            if name.chars().next().is_some_and(|c| c.is_ascii_alphabetic()) {
                names.insert(name);
            }
        }
        // Step over this block; an at-rule's block (`@media … {`) holds rules, so only a
        // block that does not contain another `{` before its `}` is a declaration block.
        let after = &rest[open + 1..];
        let close = after.find('}').unwrap_or(after.len());
        let nested = after.find('{').is_some_and(|n| n < close);
        rest = if nested {
            after
        } else {
            &after[(close + 1).min(after.len())..]
        };
    }
    names
}

/// The validator's two checks, on the page the browser shows; the share of Bootstrap
/// Italia's classes, or what fails.
async fn checked(b: &Browser, bi: &HashSet<String>, what: &str) -> Result<f64, String> {
    let seen = b
        .client
        .execute(
            "return {
               version: getComputedStyle(document.body).getPropertyValue('--bootstrap-italia-version'),
               overflow: document.documentElement.scrollWidth - window.innerWidth,
               classes: Array.from(document.getElementsByTagName('*'))
                 .map(e => e.getAttribute('class')).filter(c => c),
               fonts: Array.from(document.body.querySelectorAll('h1,h2,h3,h4,h5,h6,p'))
                 .flatMap(e => [e, ...e.querySelectorAll('*')])
                 .map(e => [e.tagName + ': ' + (e.textContent || '').trim().slice(0, 40),
                            getComputedStyle(e).fontFamily.split(',')[0].trim().replace(/\"/g, '')])
             };",
            vec![],
        )
        .await
        .unwrap();
    let version = seen["version"]
        .as_str()
        .unwrap_or_default()
        .trim()
        .replace('"', "");
    let major: u32 = version
        .split('.')
        .next()
        .and_then(|m| m.parse().ok())
        .ok_or_else(|| {
            format!("{what}: --bootstrap-italia-version is {version:?}, not a version")
        })?;
    if major < 2 {
        return Err(format!("{what}: Bootstrap Italia {version}"));
    }
    // No page is wider than the screen (a phone scrolling sideways is a clipped form).
    let overflow = seen["overflow"].as_i64().unwrap_or(0);
    if overflow > 1 {
        return Err(format!("{what}: {overflow} px wider than the screen"));
    }
    let distinct: HashSet<&str> = seen["classes"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|c| c.as_str())
        .flat_map(|c| c.split(' '))
        .filter(|c| !c.is_empty())
        .collect();
    let ours: Vec<&&str> = distinct.iter().filter(|c| !bi.contains(**c)).collect();
    let share = 1.0 - ours.len() as f64 / distinct.len() as f64;
    if share < 0.30 {
        return Err(format!(
            "{what}: only {:.0} % of {} classes are Bootstrap Italia's; the others: {ours:?}",
            share * 100.0,
            distinct.len()
        ));
    }
    for pair in seen["fonts"].as_array().unwrap() {
        let (element, font) = (pair[0].as_str().unwrap(), pair[1].as_str().unwrap());
        if !FONTS.contains(&font.trim_matches('\'')) {
            return Err(format!(
                "{what}: {element} is in {font}, not one of the model's fonts"
            ));
        }
    }
    Ok(share)
}

async fn check_page(b: &Browser, bi: &HashSet<String>, what: &str) -> f64 {
    checked(b, bi, what).await.unwrap_or_else(|e| panic!("{e}"))
}

/// The checks fail where the validator would: a heading in another font, a page of
/// home-made classes.
async fn the_checks_can_fail(b: &Browser, bi: &HashSet<String>) {
    b.client
        .execute(
            "document.querySelector('h1').style.fontFamily = 'Arial, sans-serif';",
            vec![],
        )
        .await
        .unwrap();
    let e = checked(b, bi, "Arial heading").await.unwrap_err();
    assert!(e.contains("Arial"), "{e}");
    b.client
        .execute(
            "document.querySelector('h1').style.fontFamily = '';
             for (let i = 0; i < 300; i++) { const s = document.createElement('span'); s.className = 'home-made-' + i; document.body.appendChild(s); }",
            vec![],
        )
        .await
        .unwrap();
    let e = checked(b, bi, "home-made classes").await.unwrap_err();
    assert!(e.contains("Bootstrap Italia's"), "{e}");
}

#[tokio::test]
async fn every_page_passes_agids_bootstrap_italia_and_font_checks() {
    let app = TestApp::spawn().await;
    let bi = bootstrap_italia_classes();
    assert!(
        bi.len() > 2000,
        "read {} class names from the CSS",
        bi.len()
    );
    for known in [
        "it-header-wrapper",
        "btn-primary",
        "breadcrumb-item",
        "steppers-header",
    ] {
        assert!(bi.contains(known), "{known} not read from the CSS");
    }
    let (office_id, service_id) = test_office(&app).await;
    sportello::service::staff::auth::create_user(
        &app.db,
        "manager@example.org",
        "a-long-password",
        sportello::domain::Role::Manager,
        Some(office_id as i32),
        app.clock.now(),
    )
    .await
    .unwrap();
    let mut shares = BTreeMap::new();
    for (width, height) in [(390, 800), (1280, 900)] {
        let b = browser(true, width, height).await;
        let visit = async |path: &str, wait_for: &str| -> (String, f64) {
            b.client.goto(&app.url(path)).await.unwrap();
            text_of(&b, wait_for).await;
            let what = format!("{path} at {width} px");
            let share = check_page(&b, &bi, &what).await;
            (what, share)
        };
        b.client.goto(&app.url("/?lang=it")).await.unwrap();
        text_of(&b, "main h1").await;
        the_checks_can_fail(&b, &bi).await;
        // The citizen's pages, in Italian and in Arabic (right to left).
        for lang in ["it", "ar"] {
            let (what, share) = visit(&format!("/?lang={lang}"), "main h1").await;
            shares.insert(what, share);
            let (what, share) = visit(
                &format!("/book/{office_id}/{service_id}?lang={lang}"),
                "ul.days",
            )
            .await;
            shares.insert(what, share);
            let (what, share) = visit(&format!("/privacy?lang={lang}"), "main h1").await;
            shares.insert(what, share);
            let (what, share) = visit(&format!("/legal?lang={lang}"), "main h1").await;
            shares.insert(what, share);
            let (what, share) = visit(&format!("/accessibility?lang={lang}"), "main h1").await;
            shares.insert(what, share);
            let (what, share) = visit(&format!("/b/AAA-AAA?lang={lang}"), "main h1").await;
            shares.insert(what, share);
            let (what, share) = visit(&format!("/no/such/page?lang={lang}"), "main h1").await;
            shares.insert(what, share);
        }
        // Through a booking: the times, the details form, the booking itself.
        b.client
            .goto(&app.url(&format!("/book/{office_id}/{service_id}?lang=it")))
            .await
            .unwrap();
        click_to(&b, "ul.days a", ".times").await;
        shares.insert(
            format!("times at {width} px"),
            check_page(&b, &bi, "times").await,
        );
        b.client
            .find(Locator::Css(".times label"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        click_to(&b, "form button[type=submit]", "input#name").await;
        shares.insert(
            format!("details at {width} px"),
            check_page(&b, &bi, "details").await,
        );
        fill(&b, "name", "Maria Rossi").await;
        fill(&b, "email", &format!("maria.rossi.{width}@example.org")).await;
        b.client
            .find(Locator::Id("consent"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
        click_to(&b, "form button[type=submit]", "code.ref").await;
        shares.insert(
            format!("booking at {width} px"),
            check_page(&b, &bi, "booking").await,
        );
        // The staff's and the manager's pages.
        let o = office_id;
        log_in_at(
            &app,
            &b,
            &format!("/staff/scan?office={o}"),
            "manager@example.org",
            "a-long-password",
        )
        .await;
        shares.insert(
            format!("scan at {width} px"),
            check_page(&b, &bi, "scan").await,
        );
        for path in [
            "/staff/agenda",
            "/staff/rooms",
            "/staff/users",
            "/manage",
            "/manage/rooms",
            "/manage/services",
            "/manage/hours",
            "/manage/closures",
            "/manage/rules",
            "/manage/audit",
            "/manage/stats",
            "/manage/webhooks",
        ] {
            let (what, share) = visit(&format!("{path}?office={o}"), "main h1").await;
            shares.insert(what, share);
        }
    }
    let lowest = shares.iter().min_by(|a, b| a.1.total_cmp(b.1)).unwrap();
    eprintln!(
        "Bootstrap Italia's share of the classes on {} pages: lowest {:.0} % ({}), mean {:.0} %",
        shares.len(),
        lowest.1 * 100.0,
        lowest.0,
        shares.values().sum::<f64>() / shares.len() as f64 * 100.0
    );
}
