//! The test harness: a real server on an ephemeral port over a real database (a SQLite
//! file in a temp folder, or a fresh PostgreSQL database when `TEST_DATABASE_URL` names a
//! PostgreSQL server), a manual clock, and a real HTTP client.

pub mod book;
pub mod clock;
pub mod jobs;
pub mod mail;
pub mod oidc;
pub mod staff;

pub use book::booking_body;
pub use clock::at;

use sportello::service::staff::auth;
use std::sync::atomic::{AtomicU32, Ordering};

use chrono::{DateTime, TimeZone, Utc};
use entity::booking;
use reqwest::{Client, Response, StatusCode};
use sea_orm::{ConnectionTrait, Database, EntityTrait, Statement};
use serde_json::{Value, json};
use sportello::{
    clock::Clock,
    config::{BookingConfig, Config, DatabaseConfig, HttpConfig, MailConfig},
    domain::Role,
    service::db::Db,
    startup::Application,
};

/// The instant tests start at: Friday 2026-03-20 09:00 in Rome, nine days before the
/// change to summer time.
pub fn test_now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 20, 8, 0, 0).unwrap()
}

/// Which database a test run uses.
pub fn pg_server_url() -> Option<String> {
    std::env::var("TEST_DATABASE_URL")
        .ok()
        .filter(|u| u.starts_with("postgres"))
}

/// A database of the kind the tests run on (PostgreSQL with `TEST_DATABASE_URL`, else a
/// SQLite file in `dir`) migrated up to, not including, the migration named `before`:
/// what a city has before an upgrade. Keep the guard until the connection is closed.
pub async fn database_before(
    dir: &std::path::Path,
    before: &str,
) -> (sea_orm::DatabaseConnection, Option<PgDatabase>) {
    use migration::MigratorTrait;
    let pg = match pg_server_url() {
        Some(server) => Some(PgDatabase::create(&server).await),
        None => None,
    };
    let url = pg.as_ref().map_or_else(
        || format!("sqlite://{}/old.db?mode=rwc", dir.display()),
        PgDatabase::url,
    );
    let conn = sea_orm::Database::connect(&url).await.unwrap();
    let steps = migration::Migrator::migrations()
        .iter()
        .position(|m| m.name() == before)
        .unwrap_or_else(|| panic!("no migration {before}"));
    migration::Migrator::up(&conn, Some(steps as u32))
        .await
        .unwrap();
    (conn, pg)
}

/// A fresh PostgreSQL database on the server `server_url`, dropped when the guard drops.
pub struct PgDatabase {
    server_url: String,
    /// Database name.
    pub name: String,
}

impl PgDatabase {
    pub async fn create(server_url: &str) -> Self {
        let name = format!("sportello_test_{}", uuid::Uuid::new_v4().simple());
        let admin = Database::connect(server_url)
            .await
            .expect("connect to PostgreSQL");
        admin
            .execute_unprepared(&format!("CREATE DATABASE {name}"))
            .await
            .expect("create test database");
        admin.close().await.ok();
        Self {
            server_url: server_url.to_string(),
            name,
        }
    }

    /// URL of the new database.
    pub fn url(&self) -> String {
        let base = self
            .server_url
            .rsplit_once('/')
            .map_or(self.server_url.as_str(), |(b, _)| b);
        format!("{base}/{}", self.name)
    }
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        let url = self.server_url.clone();
        let name = self.name.clone();
        // Drop needs async; a short-lived runtime on its own thread does it.
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()?;
            rt.block_on(async {
                let admin = Database::connect(&url).await?;
                admin
                    .execute_unprepared(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                    .await?;
                Ok::<_, sea_orm::DbErr>(())
            })
            .map_err(std::io::Error::other)
        })
        .join();
    }
}

static APPS: AtomicU32 = AtomicU32::new(0);

/// reqwest is built with rustls but without a default crypto provider (the server's
/// OpenID client installs ring when it starts); a test that builds a client before any
/// server installs it here.
pub fn tls() {
    let _ = rustls::crypto::ring::default_provider().install_default();
}

/// Every HTTP client of the tests comes from here, so none is built before [`tls`].
pub fn client_builder() -> reqwest::ClientBuilder {
    tls();
    Client::builder()
}

/// A default client (see [`client_builder`]).
pub fn client() -> Client {
    client_builder().build().unwrap()
}

/// `reqwest::get` through [`client`].
pub async fn get(url: impl reqwest::IntoUrl) -> reqwest::Result<Response> {
    client().get(url).send().await
}

/// A running server and what a test needs around it.
pub struct TestApp {
    /// `http://127.0.0.1:PORT`
    pub address: String,
    /// HTTP client (no redirects followed).
    pub client: Client,
    /// The server's clock.
    pub clock: Clock,
    /// The server's database.
    pub db: Db,
    /// A bearer token of an admin.
    pub admin_token: String,
    /// The server's state (jobs are run with it).
    pub state: sportello::state::AppState,
    _dir: tempfile::TempDir,
    _pg: Option<PgDatabase>,
}

impl TestApp {
    pub async fn spawn() -> Self {
        Self::spawn_with(|_| {}).await
    }

    pub async fn spawn_with(tweak: impl FnOnce(&mut Config)) -> Self {
        Self::spawn_at(test_now(), tweak).await
    }

    /// A server whose clock starts at `at` (tests against a real outside server, whose
    /// clock is the real one, start at the real time).
    pub async fn spawn_at(at: DateTime<Utc>, tweak: impl FnOnce(&mut Config)) -> Self {
        tls();
        let dir = tempfile::tempdir().expect("temp dir");
        let pg = match pg_server_url() {
            Some(server) => Some(PgDatabase::create(&server).await),
            None => None,
        };
        let url = match &pg {
            Some(pg) => pg.url(),
            None => format!("sqlite://{}/app.db?mode=rwc", dir.path().display()),
        };
        let mut config = Config {
            database: DatabaseConfig {
                url,
                max_connections: 16,
                slot_cache: true,
                read_url: None,
            },
            http: HttpConfig {
                bind: "127.0.0.1:0".parse().unwrap(),
                base_url: "http://sportello.test".into(),
                rate_limit: false,
                metrics_token: None,
                trusted_proxy: None,
                header_timeout: std::time::Duration::from_secs(10),
                body_timeout: std::time::Duration::from_secs(30),
            },
            mail: MailConfig {
                smtp_url: None,
                smtp_ca_file: None,
                dir: dir.path().join("outbox"),
                from: "Comune di Bari <prenotazioni@comune.test>".into(),
                retry_seconds: 30,
                sender_enabled: false,
            },
            booking: BookingConfig {
                hold_minutes: 5,
                holds_per_client: 4,
                token_hours: 12,
                meeting_url_template: "https://meet.example/sportello-{room}".into(),
                reminder_hour: 17,
                checkin_early_minutes: 60,
                no_show_cron: "0 * * * * *".into(),
                retention_days: 30,
                offer_minutes: 60,
                offers_per_place: 3,
            },
            demo: false,
            institution: sportello::config::InstitutionConfig {
                name: "Comune di Prova".into(),
                privacy_email: Some("privacy@comune.example".into()),
                address: Some("Corso Vittorio Emanuele II 84, 70122 Bari".into()),
                phone: Some("080 577 1111".into()),
                email: Some("urp@comune.example".into()),
                ..Default::default()
            },
            identity: Default::default(),
            webhooks: sportello::config::WebhookConfig {
                allow_private: true,
            },
            io: Default::default(),
        };
        tweak(&mut config);
        let clock = Clock::manual(at);
        let app = Application::build(config, clock.clone())
            .await
            .expect("build app");
        let address = format!("http://127.0.0.1:{}", app.port());
        let db = app.state().db.clone();
        let state = app.state().clone();
        tokio::spawn(app.run_until_stopped(std::future::pending()));
        APPS.fetch_add(1, Ordering::Relaxed);
        let client = client_builder()
            .redirect(reqwest::redirect::Policy::none())
            .pool_max_idle_per_host(64)
            .build()
            .unwrap();
        let email = "admin@test.example";
        auth::create_user(
            &db,
            email,
            "admin-password-1",
            Role::Admin,
            None,
            clock.now(),
        )
        .await
        .expect("admin");
        let mut app = Self {
            address,
            client,
            clock,
            db,
            admin_token: String::new(),
            state,
            _dir: dir,
            _pg: pg,
        };
        app.admin_token = app.login(email, "admin-password-1").await;
        app
    }

    /// Where `.eml` files are written.
    pub fn mail_dir(&self) -> std::path::PathBuf {
        self.state.config.mail.dir.clone()
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn login(&self, email: &str, password: &str) -> String {
        let resp = self
            .client
            .post(self.url("/api/v1/auth/tokens"))
            .json(&json!({"email": email, "password": password}))
            .send()
            .await
            .unwrap();
        assert_eq!(resp.status(), StatusCode::CREATED, "login of {email}");
        resp.json::<Value>().await.unwrap()["token"]
            .as_str()
            .unwrap()
            .to_string()
    }

    /// An authenticated admin call that must succeed; returns the JSON body.
    pub async fn admin(&self, method: reqwest::Method, path: &str, body: Value) -> Value {
        let resp = self
            .client
            .request(method, self.url(path))
            .bearer_auth(&self.admin_token)
            .json(&body)
            .send()
            .await
            .unwrap();
        let status = resp.status();
        let text = resp.text().await.unwrap();
        assert!(status.is_success(), "{path}: {status} {text}");
        serde_json::from_str(&text).unwrap()
    }

    pub async fn post(&self, path: &str, body: &Value) -> Response {
        self.client
            .post(self.url(path))
            .json(body)
            .send()
            .await
            .unwrap()
    }

    pub async fn get(&self, path: &str) -> Response {
        self.client.get(self.url(path)).send().await.unwrap()
    }

    /// A staff or manager page, as the admin's browser session asks for it.
    pub async fn admin_page(&self, path: &str) -> Response {
        self.client
            .get(self.url(path))
            .header("Cookie", format!("sportello_session={}", self.admin_token))
            .send()
            .await
            .unwrap()
    }

    /// Rows in the booking table (holds included), by id.
    pub async fn booking_rows(&self) -> Vec<booking::Model> {
        use sea_orm::QueryOrder;
        booking::Entity::find()
            .order_by_asc(booking::Column::Id)
            .all(&self.db.conn)
            .await
            .unwrap()
    }

    /// Rows of the outbox, by id.
    pub async fn outbox_rows(&self) -> Vec<entity::outbox_message::Model> {
        use sea_orm::QueryOrder;
        entity::outbox_message::Entity::find()
            .order_by_asc(entity::outbox_message::Column::Id)
            .all(&self.db.conn)
            .await
            .unwrap()
    }

    /// Rows of any table, counted with SQL.
    pub async fn count(&self, table: &str) -> i64 {
        let backend = self.db.conn.get_database_backend();
        let row = self
            .db
            .conn
            .query_one_raw(Statement::from_string(
                backend,
                format!("SELECT COUNT(*) AS n FROM {table}"),
            ))
            .await
            .unwrap()
            .unwrap();
        row.try_get::<i64>("", "n").unwrap()
    }
}

/// Ids of an office set up for a test.
#[derive(Debug, Clone)]
pub struct Office {
    pub id: i64,
    pub rooms: Vec<i64>,
    pub counters: Vec<i64>,
    pub services: Vec<i64>,
}

/// How to build a test office.
pub struct OfficeSpec<'a> {
    pub timezone: &'a str,
    pub margin: i64,
    /// (name, limit, index of the parent room in this list)
    pub rooms: Vec<(&'a str, i64, Option<usize>)>,
    /// (duration, channel, max per citizen)
    pub services: Vec<(i64, &'a str, i64)>,
    /// (room index, indexes of services offered)
    pub counters: Vec<(usize, Vec<usize>)>,
    /// Weekly ranges applied to every day of the week.
    pub hours: Vec<(&'a str, &'a str)>,
}

impl Default for OfficeSpec<'_> {
    fn default() -> Self {
        Self {
            timezone: "Europe/Rome",
            margin: 0,
            rooms: vec![("Sala", 100, None)],
            services: vec![(20, "in_person", 1)],
            counters: vec![(0, vec![0])],
            hours: vec![("09:00", "13:00")],
        }
    }
}

impl TestApp {
    /// Creates an office through the manager API, exactly as a manager would.
    pub async fn office(&self, spec: OfficeSpec<'_>) -> Office {
        use reqwest::Method;
        let n = APPS.load(Ordering::Relaxed);
        let office = self
            .admin(
                Method::POST,
                "/api/v1/offices",
                json!({"name": format!("Ufficio {n}"), "address": "Via Sparano 1, Bari",
                       "timezone": spec.timezone, "arrival_margin_minutes": spec.margin}),
            )
            .await;
        let id = office["id"].as_i64().unwrap();
        let mut rooms: Vec<i64> = Vec::new();
        for (name, limit, parent) in &spec.rooms {
            let room = self
                .admin(
                    Method::POST,
                    &format!("/api/v1/offices/{id}/rooms"),
                    json!({"name": name, "occupancy_limit": limit, "parent_room_id": parent.map(|p| rooms[p])}),
                )
                .await;
            rooms.push(room["id"].as_i64().unwrap());
        }
        let mut services = Vec::new();
        for (i, (duration, channel, max)) in spec.services.iter().enumerate() {
            let s = self
                .admin(
                    Method::POST,
                    &format!("/api/v1/offices/{id}/services"),
                    json!({"name": format!("Servizio {i}"), "duration_minutes": duration, "horizon_days": 60,
                           "min_notice_minutes": 60, "no_show_grace_minutes": 15,
                           "max_active_per_citizen": max, "channel": channel}),
                )
                .await;
            services.push(s["id"].as_i64().unwrap());
        }
        let mut counters = Vec::new();
        for (i, (room, offered)) in spec.counters.iter().enumerate() {
            let ids: Vec<i64> = offered.iter().map(|s| services[*s]).collect();
            let c = self
                .admin(
                    Method::POST,
                    &format!("/api/v1/rooms/{}/counters", rooms[*room]),
                    json!({"name": format!("Sportello {}", i + 1), "service_ids": ids}),
                )
                .await;
            counters.push(c["id"].as_i64().unwrap());
        }
        let ranges: Vec<[&str; 2]> = spec.hours.iter().map(|(a, b)| [*a, *b]).collect();
        let weekly: serde_json::Map<String, Value> =
            ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
                .iter()
                .map(|d| (d.to_string(), json!(ranges)))
                .collect();
        self.admin(
            Method::PUT,
            &format!("/api/v1/offices/{id}/opening-hours"),
            json!({"valid_from": "2026-01-01", "valid_to": null, "weekly": weekly}),
        )
        .await;
        Office {
            id,
            rooms,
            counters,
            services,
        }
    }
}

/// Checks every capacity rule against the rows actually stored: counters never overlap,
/// and no room (counting enclosed rooms) is ever over its effective limit at any instant.
pub async fn assert_capacity_holds(app: &TestApp) {
    use sportello::domain::capacity::{Picture, Room, RoomTree};
    let now = app.clock.now();
    let rows = app.booking_rows().await;
    let active: Vec<&booking::Model> = rows
        .iter()
        .filter(|b| {
            b.status == entity::status::BookingStatus::Confirmed
                || b.status == entity::status::BookingStatus::CheckedIn
                || (b.status == entity::status::BookingStatus::Held
                    && b.hold_expires_at.is_some_and(|e| e > now))
        })
        .collect();
    // Counters: sort by start, no overlap.
    let mut by_counter: std::collections::HashMap<i32, Vec<&booking::Model>> = Default::default();
    for b in &active {
        by_counter.entry(b.counter_id).or_default().push(b);
    }
    for list in by_counter.values_mut() {
        list.sort_by_key(|b| b.start_at);
        for pair in list.windows(2) {
            assert!(
                pair[0].end_at <= pair[1].start_at,
                "counter overlap: {:?} / {:?}",
                pair[0].reference,
                pair[1].reference
            );
        }
    }
    // Rooms.
    let rooms_rows = entity::room::Entity::find()
        .all(&app.db.conn)
        .await
        .unwrap();
    let rooms: Vec<Room> = rooms_rows
        .iter()
        .map(|r| Room {
            id: r.id,
            parent_id: r.parent_room_id,
            limit: r.occupancy_limit,
        })
        .collect();
    let ids: Vec<i32> = rooms.iter().map(|r| r.id).collect();
    let rooms = RoomTree::new(rooms);
    let rules = sportello::service::engine::rules(&app.db.conn, &ids)
        .await
        .unwrap();
    let offices = entity::office::Entity::find()
        .all(&app.db.conn)
        .await
        .unwrap();
    for room in &rooms_rows {
        let tz: chrono_tz::Tz = offices
            .iter()
            .find(|o| o.id == room.office_id)
            .unwrap()
            .timezone
            .parse()
            .unwrap();
        let picture = Picture {
            tz,
            rooms: &rooms,
            rules: &rules,
            occupants: &[],
        };
        let inside: Vec<&&booking::Model> = active
            .iter()
            .filter(|b| b.occupies_room && picture.chain(b.room_id).contains(&room.id))
            .collect();
        let mut points: Vec<DateTime<Utc>> = inside.iter().map(|b| b.room_from).collect();
        if let (Some(first), Some(last)) = (
            inside.iter().map(|b| b.room_from).min(),
            inside.iter().map(|b| b.end_at).max(),
        ) {
            for rule in rules.iter().filter(|r| r.room_id == room.id) {
                points.extend(rule.boundaries(tz, first, last));
            }
        }
        for t in points {
            let planned: i32 = inside
                .iter()
                .filter(|o| o.room_from <= t && t < o.end_at)
                .map(|o| o.party_size)
                .sum();
            let limit = picture.limit_at(room.id, t);
            assert!(
                planned <= limit,
                "room {} over its limit at {t}: {planned} > {limit}",
                room.name
            );
        }
    }
}

pub fn problem_type(v: &Value) -> &str {
    v["type"].as_str().unwrap_or_default()
}

/// An HTTP client that keeps cookies (the CSRF and session cookies) and shows redirects
/// instead of following them: a browser without JavaScript, as far as forms go.
pub fn cookie_client() -> Client {
    Client::builder()
        .cookie_provider(std::sync::Arc::new(reqwest::cookie::Jar::default()))
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

/// The value of the form field `name` in a page.
pub fn form_field(html: &str, name: &str) -> String {
    let marker = format!("name=\"{name}\" value=\"");
    let start = html
        .find(&marker)
        .unwrap_or_else(|| panic!("no {name} field"))
        + marker.len();
    html[start..].split('"').next().unwrap().to_string()
}
