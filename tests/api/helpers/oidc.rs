//! The OpenID provider the identity tests log in at: the certified `oidc-provider` from
//! npm, started as a child process (`tests/oidc/provider.mjs`) with test citizens
//! (fiscal numbers) and test staff (groups, offices) and switches that spoil its ID
//! tokens on purpose. Installed with `npm ci` the first time a test needs it.

use std::{path::PathBuf, process::Stdio, sync::Mutex};

use reqwest::{Client, StatusCode};
use serde_json::Value;
use sportello::config::{Audience, OidcProvider, identity::ClientAuth};
use tokio::{
    io::{AsyncBufReadExt, BufReader},
    process::{Child, Command},
};

use super::TestApp;

static INSTALLED: Mutex<bool> = Mutex::new(false);

fn folder() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/oidc")
}

/// `npm ci` in `tests/oidc` unless `oidc-provider` is there already (once per run).
fn ensure_installed() {
    let mut done = INSTALLED.lock().unwrap_or_else(|e| e.into_inner());
    if *done {
        return;
    }
    if !folder()
        .join("node_modules/oidc-provider/package.json")
        .exists()
    {
        let status = std::process::Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
            .current_dir(folder())
            .status()
            .expect("the identity tests need Node.js and npm");
        assert!(status.success(), "npm ci in tests/oidc failed");
    }
    *done = true;
}

/// A running provider.
pub struct Provider {
    pub issuer: String,
    /// The `private_key_jwt` client's key (PKCS#1 PEM).
    pub key_file: PathBuf,
    child: Child,
    http: Client,
    _dir: tempfile::TempDir,
}

impl Provider {
    pub async fn start() -> Self {
        ensure_installed();
        super::tls();
        let dir = tempfile::tempdir().unwrap();
        let key_file = dir.path().join("client.pem");
        let mut child = Command::new("node")
            .arg(folder().join("provider.mjs"))
            .arg("--client-key-out")
            .arg(&key_file)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .kill_on_drop(true)
            .spawn()
            .expect("start node tests/oidc/provider.mjs");
        let stdout = child.stdout.take().unwrap();
        let mut line = String::new();
        // Bounded, not a speed check: node starts the provider and makes its keys, and
        // with the whole suite running on two cores that has taken more than 30 s.
        tokio::time::timeout(
            std::time::Duration::from_secs(120),
            BufReader::new(stdout).read_line(&mut line),
        )
        .await
        .expect("the provider did not start within 120 s")
        .unwrap();
        let hello: Value = serde_json::from_str(&line).expect("the provider's first line");
        Self {
            issuer: hello["issuer"].as_str().unwrap().to_string(),
            key_file,
            child,
            http: crate::helpers::client(),
            _dir: dir,
        }
    }

    /// `none`, `wrong_key`, `wrong_nonce` or `expired`: how the next ID tokens come.
    pub async fn set_mode(&self, mode: &str) {
        let r = self
            .http
            .post(format!("{}/__test/mode", self.issuer))
            .json(&serde_json::json!({ "mode": mode }))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::NO_CONTENT);
    }

    /// Adds or replaces accounts: `{"login": {claims…}}`.
    pub async fn add_accounts(&self, accounts: Value) {
        let r = self
            .http
            .post(format!("{}/__test/accounts", self.issuer))
            .json(&accounts)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::NO_CONTENT);
    }

    /// Stops the provider (for "the provider is down").
    pub async fn stop(&mut self) {
        self.child.kill().await.ok();
        self.child.wait().await.ok();
    }

    /// SPID (client secret) and CIE (`private_key_jwt`) for citizens, and the city's
    /// directory for staff (groups → roles, `office` → the office), all at this provider.
    pub fn providers(&self) -> Vec<OidcProvider> {
        let citizen = |name: &str, label: &str, client: &str, auth: ClientAuth| OidcProvider {
            name: name.into(),
            issuer: self.issuer.clone(),
            client_id: client.into(),
            auth,
            key_id: None,
            label: label.into(),
            labels: vec![("en".into(), label.replace("Entra con", "Log in with"))],
            audience: Audience::Citizens,
            scopes: vec!["openid".into(), "profile".into(), "email".into()],
            role_claim: None,
            office_claim: None,
            role_map: Vec::new(),
        };
        let secret = || ClientAuth::Secret("sportello-test-secret-0123456789abcdef".into());
        vec![
            citizen("spid", "Entra con SPID", "sportello", secret()),
            citizen(
                "cie",
                "Entra con CIE",
                "sportello-jwt",
                ClientAuth::PrivateKey(std::fs::read_to_string(&self.key_file).unwrap()),
            ),
            OidcProvider {
                audience: Audience::Staff,
                role_claim: Some("groups".into()),
                office_claim: Some("office".into()),
                role_map: vec![
                    ("sportello-staff".into(), sportello::domain::Role::Staff),
                    ("sportello-manager".into(), sportello::domain::Role::Manager),
                    ("sportello-admin".into(), sportello::domain::Role::Admin),
                ],
                ..citizen("city", "Account del Comune", "sportello", secret())
            },
        ]
    }
}

/// The fiscal codes' hash key of the test servers.
pub const FISCAL_CODE_KEY: &str = "test-fiscal-code-key-0123456789abcdef";

/// A free port on loopback: the provider must send the browser back to the server's
/// real address, so the server is told it before it starts.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// A server whose public address is its real one, with `providers` configured. Its
/// clock starts at the real time: the provider judges our client assertions' and its
/// tokens' times by the real clock, as a real one would.
pub async fn app_with(providers: Vec<OidcProvider>) -> TestApp {
    app_with_then(providers, |_| {}).await
}

/// [`app_with`], then `then` changes the configuration further.
pub async fn app_with_then(
    providers: Vec<OidcProvider>,
    then: impl FnOnce(&mut sportello::config::Config),
) -> TestApp {
    let port = free_port();
    let now = chrono::Utc::now();
    TestApp::spawn_at(now, move |c| {
        c.http.bind = format!("127.0.0.1:{port}").parse().unwrap();
        c.http.base_url = format!("http://127.0.0.1:{port}");
        c.booking.holds_per_client = 100;
        c.identity.providers = providers;
        c.identity.fiscal_code_key = Some(FISCAL_CODE_KEY.into());
        then(c);
    })
    .await
}

/// A browser without JavaScript: cookies kept, redirects shown to the test.
pub fn browser() -> Client {
    crate::helpers::client_builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

pub fn location(resp: &reqwest::Response) -> String {
    resp.headers()
        .get("location")
        .unwrap_or_else(|| panic!("no location on a {}", resp.status()))
        .to_str()
        .unwrap()
        .to_string()
}

/// Starts a login at `app` and signs in as `user` at the provider; answers the URL the
/// provider sends the browser back to (the callback, not yet followed).
pub async fn login_at_provider(
    web: &Client,
    app: &TestApp,
    provider: &str,
    return_to: &str,
    user: &str,
) -> String {
    login_at(web, &app.address, provider, return_to, user).await
}

/// [`login_at_provider`] for a server at `address` (a `sportello serve` process).
pub async fn login_at(
    web: &Client,
    address: &str,
    provider: &str,
    return_to: &str,
    user: &str,
) -> String {
    let start = web
        .get(format!(
            "{address}/auth/oidc/{provider}/login?return_to={}",
            urlencode(return_to)
        ))
        .send()
        .await
        .unwrap();
    assert_eq!(
        start.status(),
        StatusCode::FOUND,
        "login start: 302 as API.md has it"
    );
    let mut url = location(&start);
    for _ in 0..10 {
        if url.starts_with(address) {
            return url;
        }
        let resp = web.get(&url).send().await.unwrap();
        if resp.status() == StatusCode::OK {
            // The provider's login form.
            let base = url.split("/interaction").next().unwrap().to_string();
            let html = resp.text().await.unwrap();
            let action = html
                .split("action=\"")
                .nth(1)
                .and_then(|s| s.split('"').next())
                .expect("the provider's login form")
                .to_string();
            let posted = web
                .post(format!("{base}{action}"))
                .form(&[("login", user)])
                .send()
                .await
                .unwrap();
            assert!(
                posted.status().is_redirection(),
                "login of {user} at the provider"
            );
            url = absolute(&base, &location(&posted));
        } else {
            assert!(resp.status().is_redirection(), "{url}: {}", resp.status());
            let base = url.splitn(4, '/').take(3).collect::<Vec<_>>().join("/");
            url = absolute(&base, &location(&resp));
        }
    }
    panic!("the provider never sent the browser back");
}

fn absolute(base: &str, location: &str) -> String {
    if location.starts_with("http") {
        location.to_string()
    } else {
        format!("{base}{location}")
    }
}

pub fn urlencode(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}
