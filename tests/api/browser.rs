//! The citizens' pages in headless Chromium (WebDriver through chromedriver): the booking
//! flow in Italian, in English and with JavaScript disabled, on a phone-sized and a
//! desktop-sized window, with axe-core (vendored in `tests/browser/vendor/`) checking
//! WCAG 2.1 A/AA on every page. Screenshots go to `target/screenshots/`, and to the
//! README's `docs/screenshots/` only with `UPDATE_SCREENSHOTS=1`, so a test run leaves
//! the working tree as it found it.
//!
//! Needs `chromium` and `chromium-driver` (Debian); `.ci/run` installs them. Without
//! them every browser test fails and says what to install: a suite that cannot run is
//! never a pass (skip it knowingly with `-- --skip browser::`).

use std::{
    net::TcpListener,
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    time::Duration,
};

use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::{Value, json};

use crate::helpers::{Office, OfficeSpec, TestApp, booking_body};

mod agid;
mod calendars;
mod identity;
mod queue;
mod webhooks;

struct Browser {
    client: Client,
    javascript: bool,
    driver: Child,
    _profile: tempfile::TempDir,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        // Killing chromedriver leaves the Chromium it started running (hundreds of them
        // after a few CI runs): end every process of this browser's own profile too.
        let _ = Command::new("pkill")
            .arg("-KILL")
            .arg("-f")
            .arg(self._profile.path().as_os_str())
            .status();
    }
}

fn find(candidates: &[&str]) -> Option<PathBuf> {
    candidates.iter().map(PathBuf::from).find(|p| p.exists())
}

fn missing(what: &str) -> ! {
    panic!(
        "the browser suite needs {what}; install it, or skip the suite knowingly with \
         `cargo test --workspace -- --skip browser::`"
    )
}

async fn browser(javascript: bool, width: u32, height: u32) -> Browser {
    browser_with(javascript, width, height, Vec::new()).await
}

/// [`browser`] with extra Chromium switches (the fake camera).
async fn browser_with(
    javascript: bool,
    width: u32,
    height: u32,
    extra_args: Vec<String>,
) -> Browser {
    let Some(driver_bin) = find(&["/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver"])
    else {
        missing("chromedriver (apt-get install chromium-driver)");
    };
    let Some(chrome) = find(&["/usr/bin/chromium", "/usr/bin/chromium-browser"]) else {
        missing("chromium (apt-get install chromium)");
    };
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let driver = Command::new(driver_bin)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start chromedriver");
    let profile = tempfile::tempdir().unwrap();
    let mut prefs = json!({});
    if !javascript {
        prefs = json!({"profile.managed_default_content_settings.javascript": 2});
    }
    let mut args: Vec<String> = [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--no-first-run",
        "--hide-scrollbars",
    ]
    .iter()
    .map(|a| a.to_string())
    .collect();
    args.push(format!("--user-data-dir={}", profile.path().display()));
    args.push(format!("--window-size={width},{height}"));
    args.extend(extra_args);
    let caps: serde_json::Map<String, Value> = json!({
        "browserName": "chrome",
        "goog:chromeOptions": {
            "binary": chrome,
            "args": args,
            "prefs": prefs
        }
    })
    .as_object()
    .unwrap()
    .clone();
    // chromedriver takes a moment to listen; poll briefly (bounded).
    let url = format!("http://127.0.0.1:{port}");
    let mut last = None;
    for _ in 0..100 {
        match ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(caps.clone())
            .connect(&url)
            .await
        {
            Ok(client) => {
                client.set_window_size(width, height).await.ok();
                return Browser {
                    client,
                    javascript,
                    driver,
                    _profile: profile,
                };
            }
            Err(e) => last = Some(e),
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("cannot start a WebDriver session: {last:?}");
}

/// axe-core, vendored (`tests/browser/README.md`): the checks run wherever the tests do.
const AXE: &str = include_str!("../browser/vendor/axe.min.js");

/// Runs axe-core on the current page and fails on any WCAG 2.1 A/AA violation. (With
/// JavaScript disabled axe cannot run: the pages are the same, checked with it enabled.)
async fn assert_accessible(b: &Browser, what: &str) {
    if !b.javascript {
        return;
    }
    b.client
        .execute(AXE, vec![])
        .await
        .expect("inject axe-core");
    let result = b
        .client
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})
                .then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.html).slice(0, 3)}))))
                .catch(e => done([{id: 'axe-error', impact: String(e), nodes: []}]));",
            vec![],
        )
        .await
        .expect("run axe-core");
    let violations = result.as_array().cloned().unwrap_or_default();
    assert!(
        violations.is_empty(),
        "{what}: accessibility violations: {}",
        serde_json::to_string_pretty(&violations).unwrap()
    );
}

/// Takes a screenshot into `target/screenshots/`, and into `docs/screenshots/` (the
/// README's pictures, tracked) only when `UPDATE_SCREENSHOTS=1` asks for it.
async fn screenshot(b: &Browser, name: &str) {
    let png = b.client.screenshot().await.expect("screenshot");
    assert!(png.starts_with(b"\x89PNG"), "{name}: not a PNG");
    let folder = if std::env::var("UPDATE_SCREENSHOTS").is_ok_and(|v| v == "1") {
        "docs/screenshots"
    } else {
        "target/screenshots"
    };
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join(folder);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
}

/// Waits (bounded) for an element after a navigation, then reads its text.
async fn text_of(b: &Browser, css: &str) -> String {
    let found = b
        .client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css(css))
        .await;
    match found {
        // The element may belong to the page a click is leaving: it goes stale between
        // the find and the read, and the next page's is read instead.
        Ok(e) => match e.text().await {
            Ok(text) => text,
            Err(_) => {
                for _ in 0..50 {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    if let Ok(e) = b.client.find(Locator::Css(css)).await
                        && let Ok(text) = e.text().await
                    {
                        return text;
                    }
                }
                panic!("{css} never stayed on the page long enough to be read");
            }
        },
        Err(e) => {
            let url = b
                .client
                .current_url()
                .await
                .map(|u| u.to_string())
                .unwrap_or_default();
            let source = b.client.source().await.unwrap_or_default();
            panic!(
                "{css} not found on {url}: {e}\n{}",
                &source[..source.len().min(3000)]
            );
        }
    }
}

/// Clicks and waits (bounded) for an element that only the next page has: with
/// JavaScript off, a click may return before the navigation it starts has finished.
async fn click_to(b: &Browser, click: &str, next_page_has: &str) {
    b.client
        .find(Locator::Css(click))
        .await
        .unwrap_or_else(|e| panic!("{click}: {e}"))
        .click()
        .await
        .unwrap_or_else(|e| panic!("clicking {click}: {e}"));
    text_of(b, next_page_has).await;
}

async fn fill(b: &Browser, id: &str, value: &str) {
    b.client
        .find(Locator::Id(id))
        .await
        .unwrap()
        .send_keys(value)
        .await
        .unwrap();
}

/// An office with two counters for one service: (office id, service id).
async fn test_office(app: &TestApp) -> (i64, i64) {
    let office = app
        .office(OfficeSpec {
            counters: vec![(0, vec![0]), (0, vec![0])],
            ..Default::default()
        })
        .await;
    (office.id, office.services[0])
}

/// One whole booking through the pages; `shots` names the screenshots (or none).
async fn book_and_cancel(
    app: &TestApp,
    b: &Browser,
    (office_id, service_id): (i64, i64),
    lang: &str,
    shots: Option<&str>,
) {
    // The words the pages must show, from the same message files (without Fluent's
    // isolation marks, which only Arabic keeps and a page's text does not show).
    let words = sportello::l10n::loader_for(lang);
    let say = |id: &str| words.get(id).replace(['\u{2068}', '\u{2069}'], "");
    let confirm = say("citizen-confirm");
    let cancelled = say("citizen-cancelled-note");
    b.client
        .goto(&app.url(&format!("/?lang={lang}")))
        .await
        .unwrap();
    let html = b.client.find(Locator::Css("html")).await.unwrap();
    assert_eq!(html.attr("lang").await.unwrap().as_deref(), Some(lang));
    let dir = if lang == "ar" { "rtl" } else { "ltr" };
    assert_eq!(html.attr("dir").await.unwrap().as_deref(), Some(dir));
    // The language menu names each language in itself, and marks this one.
    let menu = text_of(b, "nav.langs").await;
    for name in ["Italiano", "English", "Shqip", "Română", "العربية"] {
        assert!(menu.contains(name), "{name} missing from the menu: {menu}");
    }
    let current = b
        .client
        .find(Locator::Css("nav.langs a[aria-current]"))
        .await
        .unwrap();
    assert_eq!(current.attr("lang").await.unwrap().as_deref(), Some(lang));
    assert_eq!(
        text_of(b, "main h1").await,
        say("citizen-home-title"),
        "the home page in {lang}"
    );
    assert_accessible(b, "home").await;
    if let Some(s) = shots {
        screenshot(b, &format!("{s}-1-home")).await;
    }
    click_to(
        b,
        &format!("a[href^='/book/{office_id}/{service_id}']"),
        "ul.days",
    )
    .await;
    assert_accessible(b, "calendar").await;
    if let Some(s) = shots {
        screenshot(b, &format!("{s}-2-days")).await;
    }
    click_to(b, "ul.days a", "select#party").await;
    assert_accessible(b, "day").await;
    // No time is chosen for the citizen: the first one is picked here.
    assert!(
        b.client
            .find(Locator::Css(".times input:checked"))
            .await
            .is_err(),
        "a time is pre-selected"
    );
    b.client
        .find(Locator::Css(".times label"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    b.client
        .find(Locator::Id("party"))
        .await
        .unwrap()
        .select_by_value("2")
        .await
        .unwrap();
    if let Some(s) = shots {
        screenshot(b, &format!("{s}-3-times")).await;
    }
    click_to(b, "form button[type=submit]", "input#consent").await;
    assert!(
        b.client
            .current_url()
            .await
            .unwrap()
            .path()
            .starts_with("/book/details/")
    );
    assert_accessible(b, "details").await;
    // Submitting without consent marks the field, accessibly.
    fill(b, "name", "Maria Rossi").await;
    fill(b, "email", "maria.rossi@example.org").await;
    click_to(b, "form button[type=submit]", "#consent-error").await;
    assert_accessible(b, "details with errors").await;
    // The validation message is in the page's language.
    assert_eq!(text_of(b, "#consent-error").await, say("invalid-consent"));
    if let Some(s) = shots {
        screenshot(b, &format!("{s}-4-details-error")).await;
    }
    b.client
        .find(Locator::Id("consent"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    if let Some(s) = shots {
        screenshot(b, &format!("{s}-4-details")).await;
    }
    let button = b
        .client
        .find(Locator::Css("form button[type=submit]"))
        .await
        .unwrap();
    assert_eq!(button.text().await.unwrap(), confirm);
    click_to(b, "form button[type=submit]", "code.ref").await;
    // The confirmation: reference, QR code, manage link.
    let reference = text_of(b, "code.ref").await;
    assert_eq!(reference.len(), 7);
    assert!(
        b.client.find(Locator::Css("figure.qr svg")).await.is_ok(),
        "QR code shown"
    );
    assert_accessible(b, "confirmation").await;
    if let Some(s) = shots {
        screenshot(b, &format!("{s}-5-confirmation")).await;
    }
    let row = app
        .booking_rows()
        .await
        .into_iter()
        .find(|r| r.reference.as_deref() == Some(reference.as_str()))
        .expect("booked");
    assert_eq!(
        (row.status, row.party_size, row.language.as_str()),
        (entity::status::BookingStatus::Confirmed, 2, lang)
    );
    // Cancel from the manage page, with a confirmation step.
    click_to(b, "a.btn.btn-outline-primary", "button.btn-danger").await;
    assert_accessible(b, "cancel").await;
    click_to(b, "button.btn-danger", ".alert.alert-warning").await;
    assert_eq!(text_of(b, ".alert.alert-warning").await, cancelled);
    assert_accessible(b, "manage (cancelled)").await;
    let row = app
        .booking_rows()
        .await
        .into_iter()
        .find(|r| r.reference.as_deref() == Some(reference.as_str()))
        .unwrap();
    assert_eq!(row.status, entity::status::BookingStatus::Cancelled);
    // An error page, in the same look.
    b.client
        .goto(&app.url(&format!("/b/ZZZ-ZZZ?token=nope&lang={lang}")))
        .await
        .unwrap();
    assert_accessible(b, "error page").await;
}

#[tokio::test]
async fn a_citizen_books_and_cancels_in_chromium_on_a_phone_and_a_desktop() {
    // The demo offices, so the screenshots show real names.
    let app = TestApp::spawn().await;
    sportello::demo::seed_demo(&app.db, app.clock.now())
        .await
        .unwrap();
    let phone = browser(true, 390, 844).await;
    book_and_cancel(&app, &phone, (1, 1), "it", Some("phone")).await;
    drop(phone);
    let desktop = browser(true, 1280, 900).await;
    book_and_cancel(&app, &desktop, (1, 1), "it", Some("desktop")).await;
}

#[tokio::test]
async fn the_same_flow_works_in_english() {
    let app = TestApp::spawn().await;
    let b = browser(true, 1280, 900).await;
    let office = test_office(&app).await;
    book_and_cancel(&app, &b, office, "en", None).await;
}

/// Albanian, Romanian and Arabic (right to left) on a phone: the whole flow, with axe
/// at every step. The Albanian and Arabic screenshots are the README's.
#[tokio::test]
async fn the_same_flow_works_in_albanian_romanian_and_arabic() {
    let app = TestApp::spawn().await;
    sportello::demo::seed_demo(&app.db, app.clock.now())
        .await
        .unwrap();
    for lang in ["sq", "ro", "ar"] {
        let phone = browser(true, 390, 844).await;
        let shots = format!("phone-{lang}");
        let shots = (lang != "ro").then_some(shots.as_str());
        book_and_cancel(&app, &phone, (1, 1), lang, shots).await;
    }
}

/// `?lang=` is remembered: the next page without it keeps the language.
#[tokio::test]
async fn a_chosen_language_is_remembered_from_the_menu() {
    let app = TestApp::spawn().await;
    let b = browser(true, 390, 844).await;
    test_office(&app).await;
    b.client.goto(&app.url("/")).await.unwrap();
    click_to(&b, "nav.langs a[lang=ar]", "html[lang=ar]").await;
    b.client.goto(&app.url("/accessibility")).await.unwrap();
    let html = b.client.find(Locator::Css("html")).await.unwrap();
    assert_eq!(html.attr("lang").await.unwrap().as_deref(), Some("ar"));
    assert_eq!(html.attr("dir").await.unwrap().as_deref(), Some("rtl"));
    assert_accessible(&b, "accessibility statement in Arabic").await;
    b.client.goto(&app.url("/privacy")).await.unwrap();
    assert_accessible(&b, "privacy notice in Arabic").await;
}

#[tokio::test]
async fn the_same_flow_works_with_javascript_disabled() {
    let app = TestApp::spawn().await;
    let b = browser(false, 390, 844).await;
    let office = test_office(&app).await;
    book_and_cancel(&app, &b, office, "it", None).await;
}

/// Logs a clerk in through the login form that stands in for the page asked for.
async fn log_in_at(app: &TestApp, b: &Browser, path: &str, email: &str, password: &str) {
    b.client.goto(&app.url(path)).await.unwrap();
    text_of(b, "input#password").await;
    assert_accessible(b, "login").await;
    fill(b, "email", email).await;
    fill(b, "password", password).await;
    // Something only the page after the login has (both have a heading).
    click_to(b, "form button[type=submit]", ".staff-bar ul.nav").await;
}

/// An office with a clerk and a booking due at the test clock's time: (office, the
/// booking's check-in URL, its reference).
async fn counter_day(app: &TestApp) -> (Office, String, String) {
    let office = app
        .office(OfficeSpec {
            counters: vec![(0, vec![0]), (0, vec![0])],
            ..Default::default()
        })
        .await;
    sportello::service::staff::auth::create_user(
        &app.db,
        "clerk@example.org",
        "a-long-password",
        sportello::domain::Role::Staff,
        Some(office.id as i32),
        app.clock.now(),
    )
    .await
    .unwrap();
    let r = app
        .post(
            "/api/v1/bookings",
            &booking_body(
                &office,
                0,
                "2026-03-20T11:00:00+01:00",
                2,
                "maria@example.org",
            ),
        )
        .await;
    assert_eq!(r.status(), reqwest::StatusCode::CREATED);
    let booking: Value = r.json().await.unwrap();
    // 10:30 local: within the hour before the start, when admission opens.
    app.clock.advance(chrono::Duration::minutes(90));
    (
        office,
        booking["checkin_url"].as_str().unwrap().to_string(),
        booking["reference"].as_str().unwrap().to_string(),
    )
}

#[tokio::test]
async fn a_clerk_logs_in_and_admits_by_typing_the_code_like_a_usb_scanner() {
    let app = TestApp::spawn().await;
    let (office, url, reference) = counter_day(&app).await;
    let b = browser(true, 1280, 900).await;
    log_in_at(
        &app,
        &b,
        &format!("/staff/scan?office={}&lang=it", office.id),
        "clerk@example.org",
        "a-long-password",
    )
    .await;
    assert_eq!(b.client.current_url().await.unwrap().path(), "/staff/scan");
    assert_accessible(&b, "scan page").await;
    screenshot(&b, "staff-1-scan").await;
    // A keyboard-wedge scanner types the QR payload and Enter into the focused field.
    let focused = b
        .client
        .execute("return document.activeElement.id", vec![])
        .await
        .unwrap();
    assert_eq!(focused, json!("code"));
    b.client
        .active_element()
        .await
        .unwrap()
        .send_keys(&format!("{url}\u{E007}"))
        .await
        .unwrap();
    let headline = text_of(&b, ".scanresult[data-outcome=checked_in] .headline").await;
    assert!(headline.contains("AMMESSO"), "{headline}");
    let result = text_of(&b, ".scanresult").await;
    assert!(
        result.contains(&reference) && result.contains("Sportello 1"),
        "{result}"
    );
    assert_accessible(&b, "scan result").await;
    screenshot(&b, "staff-2-admitted").await;
    let row = app
        .booking_rows()
        .await
        .into_iter()
        .find(|r| r.reference.as_deref() == Some(reference.as_str()))
        .unwrap();
    assert_eq!(row.status, entity::status::BookingStatus::CheckedIn);
    // Ready for the next scan without a click: the field has the focus again. The same
    // code a second time says when it was admitted.
    let focused = b
        .client
        .execute("return document.activeElement.id", vec![])
        .await
        .unwrap();
    assert_eq!(focused, json!("code"));
    b.client
        .active_element()
        .await
        .unwrap()
        .send_keys(&format!("{url}\u{E007}"))
        .await
        .unwrap();
    let headline = text_of(&b, ".scanresult[data-outcome=already_checked_in] .headline").await;
    assert!(headline.contains("GIÀ AMMESSO alle 10:30"), "{headline}");
    screenshot(&b, "staff-3-already-admitted").await;
    // The other staff pages pass the same accessibility checks.
    for (path, what, shot) in [
        (
            format!("/staff/agenda?office={}", office.id),
            "agenda",
            "staff-4-agenda",
        ),
        (
            format!("/staff/rooms?office={}", office.id),
            "rooms",
            "staff-5-rooms",
        ),
        (
            format!("/staff/rooms/{}", office.rooms[0]),
            "door screen",
            "staff-6-door",
        ),
    ] {
        b.client.goto(&app.url(&path)).await.unwrap();
        text_of(&b, "main h1").await;
        assert_accessible(&b, what).await;
        screenshot(&b, shot).await;
    }
    assert_eq!(text_of(&b, "#present").await, "2");
    // The door screen keeps itself current: a walk-in registered elsewhere shows up
    // within a few seconds, with no reload.
    let clerk = app.login("clerk@example.org", "a-long-password").await;
    let r = app
        .client
        .post(app.url(&format!("/api/v1/offices/{}/walk-ins", office.id)))
        .bearer_auth(&clerk)
        .json(&json!({"service_id": office.services[0], "party_size": 1}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), reqwest::StatusCode::CREATED);
    let mut present = String::new();
    for _ in 0..40 {
        present = b
            .client
            .find(Locator::Id("present"))
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        if present == "3" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    assert_eq!(present, "3", "the door screen did not refresh itself");
}

/// A Y4M clip (the format Chromium's fake capture device plays) of a QR code on white,
/// as a phone camera would see it held in front of a counter: the confirmation email's
/// own image (`email::compose::qr_png`, drawn with one fixed mask), enlarged.
fn qr_clip(payload: &str, path: &Path) {
    let (w, h) = (640u32, 480u32);
    let png = sportello::email::compose::qr_png(payload).unwrap();
    let small = image::load_from_memory(&png).unwrap().to_luma8();
    let img = image::imageops::resize(
        &small,
        small.width() * 3 / 2,
        small.height() * 3 / 2,
        image::imageops::FilterType::Nearest,
    );
    let (qw, qh) = img.dimensions();
    assert!(qw <= w && qh <= h, "QR code too large for the frame");
    let (x0, y0) = ((w - qw) / 2, (h - qh) / 2);
    let mut y_plane = vec![235u8; (w * h) as usize];
    for (x, y, p) in img.enumerate_pixels() {
        y_plane[((y0 + y) * w + x0 + x) as usize] = if p.0[0] < 128 { 16 } else { 235 };
    }
    let chroma = vec![128u8; (w / 2 * h / 2) as usize];
    let mut out = format!("YUV4MPEG2 W{w} H{h} F10:1 Ip A1:1 C420jpeg\n").into_bytes();
    for _ in 0..10 {
        out.extend_from_slice(b"FRAME\n");
        out.extend_from_slice(&y_plane);
        out.extend_from_slice(&chroma);
        out.extend_from_slice(&chroma);
    }
    std::fs::write(path, out).unwrap();
}

#[tokio::test]
async fn a_clerk_admits_by_showing_the_qr_code_to_the_camera() {
    let app = TestApp::spawn().await;
    let (office, url, reference) = counter_day(&app).await;
    let clip_dir = tempfile::tempdir().unwrap();
    let clip = clip_dir.path().join("qr.y4m");
    qr_clip(&url, &clip);
    let b = browser_with(
        true,
        1280,
        900,
        vec![
            "--use-fake-ui-for-media-stream".into(),
            "--use-fake-device-for-media-stream".into(),
            format!("--use-file-for-fake-video-capture={}", clip.display()),
        ],
    )
    .await;
    log_in_at(
        &app,
        &b,
        &format!("/staff/scan?office={}&lang=it", office.id),
        "clerk@example.org",
        "a-long-password",
    )
    .await;
    click_to(&b, "#camera-toggle", "#camera-video").await;
    // The page decodes frames (BarcodeDetector where the browser has it, else jsQR),
    // fills the field and submits it by itself.
    let headline = text_of(&b, ".scanresult[data-outcome=checked_in] .headline").await;
    assert!(headline.contains("AMMESSO"), "{headline}");
    let row = app
        .booking_rows()
        .await
        .into_iter()
        .find(|r| r.reference.as_deref() == Some(reference.as_str()))
        .unwrap();
    assert_eq!(row.status, entity::status::BookingStatus::CheckedIn);
    // The camera is on again for the next citizen, with no click.
    let decoder = b
        .client
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css("#camera[data-decoder]"))
        .await
        .expect("camera restarted after the result");
    let decoder = decoder
        .attr("data-decoder")
        .await
        .unwrap()
        .unwrap_or_default();
    eprintln!("camera scan decoded with {decoder}");
    assert!(decoder == "jsQR" || decoder == "BarcodeDetector");
}

#[tokio::test]
async fn a_manager_lowers_a_limit_sees_the_impact_confirms_and_notifies_the_citizens() {
    let app = TestApp::spawn().await;
    let b = browser(true, 1280, 900).await;
    let office = app
        .office(OfficeSpec {
            rooms: vec![("Sala d'attesa", 4, None)],
            counters: vec![(0, vec![0]), (0, vec![0]), (0, vec![0])],
            ..Default::default()
        })
        .await;
    sportello::service::staff::auth::create_user(
        &app.db,
        "manager@example.org",
        "a-long-password",
        sportello::domain::Role::Manager,
        Some(office.id as i32),
        app.clock.now(),
    )
    .await
    .unwrap();
    let mut refs = Vec::new();
    for (email, party) in [
        ("a@example.org", 1),
        ("b@example.org", 1),
        ("c@example.org", 2),
    ] {
        let r = app
            .post(
                "/api/v1/bookings",
                &booking_body(&office, 0, "2026-03-23T09:00:00+01:00", party, email),
            )
            .await;
        assert_eq!(r.status(), reqwest::StatusCode::CREATED);
        let v: Value = r.json().await.unwrap();
        refs.push(v["reference"].as_str().unwrap().to_string());
    }
    let room = office.rooms[0];
    log_in_at(
        &app,
        &b,
        &format!("/manage/rooms?office={}&lang=en", office.id),
        "manager@example.org",
        "a-long-password",
    )
    .await;
    assert_accessible(&b, "rooms and limits").await;
    screenshot(&b, "manager-rooms").await;
    let input = b
        .client
        .find(Locator::Id(&format!("limit-{room}")))
        .await
        .unwrap();
    input.clear().await.unwrap();
    input.send_keys("1").await.unwrap();
    click_to(
        &b,
        &format!("form[action^='/manage/rooms/{room}/limit'] button"),
        "#affected",
    )
    .await;
    let listed = text_of(&b, "#affected").await;
    assert!(refs.iter().all(|r| listed.contains(r.as_str())), "{listed}");
    // Each affected booking with its time, name, party and status; the party of two
    // can never fit a limit of one.
    for expected in [
        "Monday 23 March 2026",
        "09:00",
        "Maria Rossi",
        "Expected",
        "more than the new limit",
    ] {
        assert!(listed.contains(expected), "{expected} missing: {listed}");
    }
    let over = text_of(&b, "#over-limit").await;
    assert!(
        over.contains("2026-03-23 09:00") && over.contains("09:20"),
        "{over}"
    );
    assert_accessible(&b, "impact preview").await;
    screenshot(&b, "manager-impact-preview").await;
    assert_eq!(
        app.count("room WHERE occupancy_limit = 4").await,
        1,
        "not saved yet"
    );
    click_to(&b, "button[value=save]", "form[action^='/manage/notify']").await;
    assert_eq!(app.count("room WHERE occupancy_limit = 1").await, 1);
    assert_eq!(app.count("booking WHERE status = 'confirmed'").await, 3);
    assert_accessible(&b, "saved change").await;
    // After saving there is nothing to cancel: the way out is "Back".
    let way_out = text_of(&b, "p.actions").await;
    assert!(
        way_out.contains("Back") && !way_out.contains("Cancel"),
        "{way_out}"
    );
    fill(&b, "notify-message", "Portate un documento d'identità.").await;
    click_to(&b, "form[action^='/manage/notify'] button", "#queued").await;
    assert!(text_of(&b, "#queued").await.contains('3'));
    let notified = text_of(&b, ".alert-success").await;
    assert!(
        refs.iter().all(|r| notified.contains(r.as_str())),
        "whom: {notified}"
    );
    let invites = app
        .count("outbox_message WHERE kind = 'rebook_invite' AND body_text LIKE '%Portate un documento%'")
        .await;
    assert_eq!(invites, 3, "the manager's message is in every email");
    assert_eq!(
        app.count("outbox_message WHERE kind = 'rebook_invite'")
            .await,
        3
    );
    assert_accessible(&b, "notified").await;
    // Every other manager page passes the same accessibility check.
    for path in [
        "/manage",
        "/manage/services",
        "/manage/hours",
        "/manage/closures",
        "/manage/rules",
        "/manage/audit",
        "/manage/stats?from=2026-03-16&to=2026-03-29",
    ] {
        let sep = if path.contains('?') { '&' } else { '?' };
        b.client
            .goto(&app.url(&format!("{path}{sep}office={}&lang=en", office.id)))
            .await
            .unwrap();
        text_of(&b, "nav.subnav").await;
        assert_accessible(&b, path).await;
    }
    screenshot(&b, "manager-statistics").await;
}
