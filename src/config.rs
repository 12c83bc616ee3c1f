//! Configuration from the environment (and a `.env` file in development). The process
//! environment wins over `.env`, and an empty value counts as unset (API.md "Operations").

use std::{fmt, net::SocketAddr, path::PathBuf};

use anyhow::{Context, bail};

pub mod identity;
pub use identity::{Audience, IdentityConfig, OidcProvider};

/// Everything the process needs to know, grouped by concern.
#[derive(Clone)]
pub struct Config {
    /// Database connection.
    pub database: DatabaseConfig,
    /// HTTP listener and public URL.
    pub http: HttpConfig,
    /// Outgoing email.
    pub mail: MailConfig,
    /// Booking policy knobs that are not per-service.
    pub booking: BookingConfig,
    /// Seed demo offices into an empty database at start-up.
    pub demo: bool,
    /// Who runs the service, as the privacy notice names them.
    pub institution: InstitutionConfig,
    /// OpenID providers for citizens (SPID, CIE) and staff (the city's directory).
    pub identity: IdentityConfig,
    /// Outgoing webhooks.
    pub webhooks: WebhookConfig,
    /// The IO app's messages to citizens who booked logged in.
    pub io: IoConfig,
}

/// The IO app (`io.italia.it`): the office's service on IO sends the confirmation, the
/// reminder and the cancellation to citizens who booked with SPID or CIE, beside the
/// email. Off without an API key.
#[derive(Clone, Default)]
pub struct IoConfig {
    /// The service's subscription key (`SPORTELLO_IO_API_KEY`); secret, never logged.
    pub api_key: Option<String>,
    /// The API's base URL (`SPORTELLO_IO_BASE_URL`, default `https://api.io.pagopa.it`).
    pub base_url: String,
}

impl fmt::Debug for IoConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IoConfig")
            .field("api_key", &self.api_key.as_ref().map(|_| "***"))
            .field("base_url", &self.base_url)
            .finish()
    }
}

/// Outgoing webhooks.
#[derive(Clone, Debug, Default)]
pub struct WebhookConfig {
    /// Deliveries may go to loopback, private and link-local addresses
    /// (`SPORTELLO_WEBHOOK_ALLOW_PRIVATE=on`: tests, and a city's closed network). Off,
    /// such an endpoint is refused when added and never called.
    pub allow_private: bool,
}

/// The data controller and its contacts, for the privacy notice (GDPR arts. 13–14).
#[derive(Clone, Debug, Default)]
pub struct InstitutionConfig {
    /// `SPORTELLO_INSTITUTION_NAME` (default `Comune`): the data controller, and the name
    /// in every page's header and every email's signature (e.g. `Comune di Bari`).
    pub name: String,
    /// `SPORTELLO_INSTITUTION_TAGLINE`: the line under the name in the header.
    pub tagline: Option<String>,
    /// `SPORTELLO_INSTITUTION_PARENT` (e.g. `Regione Puglia`): the slim header's
    /// institution, as the "modello Comuni" has it.
    pub parent: Option<String>,
    /// `SPORTELLO_INSTITUTION_URL`: the municipality's own site, linked from the slim
    /// header and the footer.
    pub url: Option<String>,
    /// `SPORTELLO_INSTITUTION_ADDRESS`, `_PHONE`, `_EMAIL`, `_PEC`: the footer's and the
    /// emails' contacts.
    pub address: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub pec: Option<String>,
    /// `SPORTELLO_INSTITUTION_TAX_CODE`: codice fiscale / partita IVA, in the legal notes.
    pub tax_code: Option<String>,
    /// `SPORTELLO_COAT_OF_ARMS`: an SVG or PNG file, read at start. Without it the header
    /// shows a plain shield.
    pub coat_of_arms: Option<CoatOfArms>,
    /// `SPORTELLO_AGID_STATEMENT_ID`: the id AgID gave the accessibility statement published
    /// on form.agid.gov.it. With it the footer links the published statement (as the
    /// "modello Comuni" asks) and the statement page links its complaint form.
    pub agid_statement_id: Option<String>,
    /// `SPORTELLO_ACCESSIBILITY_DRAFTED` and `_REVIEWED` (YYYY-MM-DD): the statement's
    /// dates; default [`ACCESSIBILITY_CHECKED`], when this release was last checked.
    pub accessibility_drafted: Option<chrono::NaiveDate>,
    pub accessibility_reviewed: Option<chrono::NaiveDate>,
    /// `SPORTELLO_PRIVACY_EMAIL`: where citizens exercise their rights.
    pub privacy_email: Option<String>,
    /// `SPORTELLO_DPO_EMAIL`: the data protection officer.
    pub dpo_email: Option<String>,
}

/// The municipality's coat of arms, read once at start.
#[derive(Clone, Debug)]
pub struct CoatOfArms {
    pub content_type: &'static str,
    pub bytes: Vec<u8>,
}

impl CoatOfArms {
    fn read(path: &str) -> anyhow::Result<Self> {
        let content_type = match path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase()) {
            Some(e) if e == "svg" => "image/svg+xml",
            Some(e) if e == "png" => "image/png",
            _ => bail!("SPORTELLO_COAT_OF_ARMS: expected an .svg or .png file, got {path:?}"),
        };
        let bytes = std::fs::read(path)
            .with_context(|| format!("SPORTELLO_COAT_OF_ARMS: cannot read {path:?}"))?;
        if bytes.len() > 512 * 1024 {
            bail!("SPORTELLO_COAT_OF_ARMS: {path:?} is over 512 KB; a header image needs far less");
        }
        Ok(Self {
            content_type,
            bytes,
        })
    }
}

/// Database settings.
#[derive(Clone)]
pub struct DatabaseConfig {
    /// `sqlite://…` or `postgres://…`; may contain a password, so never logged.
    pub url: String,
    /// Pool size; SQLite has one writer anyway, PostgreSQL benefits from a few per core.
    pub max_connections: u32,
    /// Slot lists from cached office-day evaluations (`SPORTELLO_SLOT_CACHE`, on by
    /// default; see `service::slot_cache`).
    pub slot_cache: bool,
    /// A streaming replica of the PostgreSQL primary (`SPORTELLO_DATABASE_READ_URL`) for
    /// the reads that may lag: slot lists, the agenda, statistics. Capacity checks and
    /// every write stay on the primary. May contain a password, so never logged.
    pub read_url: Option<String>,
}

/// HTTP settings.
#[derive(Clone)]
pub struct HttpConfig {
    /// Address to listen on; port 0 picks a free port (tests).
    pub bind: SocketAddr,
    /// Public base URL used in links and QR codes, without a trailing slash.
    pub base_url: String,
    /// Rate limits on public writes (`SPORTELLO_RATE_LIMIT=off` for load tests).
    pub rate_limit: bool,
    /// When set, `/metrics` answers only `Authorization: Bearer <this>`
    /// (`SPORTELLO_METRICS_TOKEN`); unset, it is open (keep it off the public proxy).
    pub metrics_token: Option<String>,
    /// The reverse proxy's address (`SPORTELLO_TRUSTED_PROXY`, e.g. `127.0.0.1`): rate
    /// limits tell its requests apart by the `X-Forwarded-For` address it appends.
    pub trusted_proxy: Option<std::net::IpAddr>,
    /// How long a connection may take to send a request's headers, idle keep-alive
    /// connections included (`SPORTELLO_HEADER_TIMEOUT_SECONDS`, default 10): a client
    /// that opens connections and sends nothing, or half a header, must not keep them.
    pub header_timeout: std::time::Duration,
    /// How long reading a request body may take (`SPORTELLO_BODY_TIMEOUT_SECONDS`,
    /// default 30); a slower body is answered 408.
    pub body_timeout: std::time::Duration,
}

impl fmt::Debug for HttpConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpConfig")
            .field("bind", &self.bind)
            .field("base_url", &self.base_url)
            .field("rate_limit", &self.rate_limit)
            .field(
                "metrics_token",
                &self.metrics_token.as_ref().map(|_| "<set>"),
            )
            .field("trusted_proxy", &self.trusted_proxy)
            .field("header_timeout", &self.header_timeout)
            .field("body_timeout", &self.body_timeout)
            .finish()
    }
}

/// Email settings.
#[derive(Clone)]
pub struct MailConfig {
    /// SMTP URL; `None` writes `.eml` files into `dir` instead.
    pub smtp_url: Option<String>,
    /// A PEM file of certificates to trust for the SMTP server's TLS, besides the public
    /// roots (`SPORTELLO_SMTP_CA_FILE`): a city's relay often has a certificate of the
    /// city's own authority.
    pub smtp_ca_file: Option<PathBuf>,
    /// Folder for `.eml` files.
    pub dir: PathBuf,
    /// The sender address (`Name <address>`).
    pub from: String,
    /// First retry delay after a failed delivery, doubling up to an hour.
    pub retry_seconds: i64,
    /// Run the background jobs (outbox sender, reminders); tests drive their `run_once`.
    pub sender_enabled: bool,
}

/// Live holds one browser (its CSRF cookie) keeps: the newest replaces the oldest, so a
/// citizen who goes back and picks another time is never refused, and never blocks more
/// than this many places.
pub const HOLDS_PER_SESSION: u64 = 2;

/// Booking policy.
#[derive(Clone, Debug)]
pub struct BookingConfig {
    /// How long a hold keeps a place.
    pub hold_minutes: i64,
    /// Live holds one client address may keep (`SPORTELLO_HOLDS_PER_CLIENT`, default
    /// 4; IPv6 counts by /64). One browser keeps at most [`HOLDS_PER_SESSION`] whatever
    /// this says. Without a limit one address could hold a service's whole day.
    pub holds_per_client: u64,
    /// Lifetime of staff bearer tokens.
    pub token_hours: i64,
    /// Template of video-call links; `{room}` is replaced with a random name.
    pub meeting_url_template: String,
    /// Local hour (0–23) from which the day-before reminders go out.
    pub reminder_hour: u32,
    /// How long before the start a party may be admitted.
    pub checkin_early_minutes: i64,
    /// When the no-show sweep runs (cron with seconds, tokio-cron-scheduler syntax).
    pub no_show_cron: String,
    /// Days after the appointment when personal data is removed.
    pub retention_days: i64,
    /// How long a waiting-list offer can be accepted.
    pub offer_minutes: i64,
    /// How many waiting citizens are offered each freed place.
    pub offers_per_place: u64,
}

impl fmt::Debug for DatabaseConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DatabaseConfig")
            .field("url", &redact_url(&self.url))
            .field("max_connections", &self.max_connections)
            .field("slot_cache", &self.slot_cache)
            .field("read_url", &self.read_url.as_deref().map(redact_url))
            .finish()
    }
}

impl fmt::Debug for MailConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MailConfig")
            .field("smtp_url", &self.smtp_url.as_deref().map(redact_url))
            .field("smtp_ca_file", &self.smtp_ca_file)
            .field("dir", &self.dir)
            .field("from", &self.from)
            .field("retry_seconds", &self.retry_seconds)
            .field("sender_enabled", &self.sender_enabled)
            .finish()
    }
}

impl fmt::Debug for Config {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Config")
            .field("database", &self.database)
            .field("http", &self.http)
            .field("mail", &self.mail)
            .field("booking", &self.booking)
            .field("demo", &self.demo)
            .field("identity", &self.identity)
            .field("webhooks", &self.webhooks)
            .field("io", &self.io)
            .finish()
    }
}

/// Hides the password of a `scheme://user:password@host` URL.
pub fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let userinfo = &url[scheme + 3..at];
            match userinfo.split_once(':') {
                Some((user, _)) => format!("{}{}:***{}", &url[..scheme + 3], user, &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

fn var(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}

fn date(name: &str) -> anyhow::Result<Option<chrono::NaiveDate>> {
    var(name)
        .map(|v| {
            chrono::NaiveDate::parse_from_str(v.trim(), "%Y-%m-%d")
                .with_context(|| format!("{name}: expected a date YYYY-MM-DD, got {v:?}"))
        })
        .transpose()
}

/// When this release's pages were last checked for accessibility (axe-core, keyboard, no
/// JavaScript, phone): the statement's default dates.
pub const ACCESSIBILITY_CHECKED: (i32, u32, u32) = (2026, 12, 3);

fn flag(name: &str, default: bool) -> anyhow::Result<bool> {
    match var(name).map(|v| v.trim().to_ascii_lowercase()) {
        None => Ok(default),
        Some(v) if ["1", "true", "on", "yes"].contains(&v.as_str()) => Ok(true),
        Some(v) if ["0", "false", "off", "no"].contains(&v.as_str()) => Ok(false),
        Some(v) => bail!("{name}: expected on or off, got {v:?}"),
    }
}

fn number<T: std::str::FromStr>(name: &str, default: T) -> anyhow::Result<T> {
    match var(name) {
        None => Ok(default),
        Some(v) => v
            .trim()
            .parse()
            .ok()
            .with_context(|| format!("{name}: not a valid number: {v:?}")),
    }
}

impl Config {
    /// Reads the environment (after loading `.env` when present).
    pub fn from_env() -> anyhow::Result<Self> {
        // A missing .env is the normal case in production.
        let _ = dotenvy::dotenv();
        let bind: SocketAddr = var("SPORTELLO_BIND")
            .unwrap_or_else(|| "127.0.0.1:8080".into())
            .parse()
            .context("SPORTELLO_BIND must be an address such as 127.0.0.1:8080")?;
        let base_url = var("SPORTELLO_BASE_URL")
            .unwrap_or_else(|| format!("http://{bind}"))
            .trim_end_matches('/')
            .to_string();
        let hold_minutes = number("SPORTELLO_HOLD_MINUTES", 5)?;
        if !(1..=120).contains(&hold_minutes) {
            bail!("SPORTELLO_HOLD_MINUTES must be between 1 and 120");
        }
        let url = var("SPORTELLO_DATABASE_URL")
            .unwrap_or_else(|| "sqlite://data/sportello.db?mode=rwc".into());
        // SQLite has one writer and each connection costs a thread and a page cache, so a
        // few connections serve it best; PostgreSQL gains from more.
        let default_pool = if url.starts_with("sqlite:") { 4 } else { 16 };
        let read_url = var("SPORTELLO_DATABASE_READ_URL");
        if read_url.is_some() && !url.starts_with("postgres") {
            bail!("SPORTELLO_DATABASE_READ_URL needs a PostgreSQL SPORTELLO_DATABASE_URL");
        }
        if read_url
            .as_deref()
            .is_some_and(|r| !r.starts_with("postgres"))
        {
            bail!("SPORTELLO_DATABASE_READ_URL must be a postgres:// URL of a replica");
        }
        Ok(Self {
            database: DatabaseConfig {
                url,
                max_connections: number("SPORTELLO_DB_MAX_CONNECTIONS", default_pool)?,
                slot_cache: flag("SPORTELLO_SLOT_CACHE", true)?,
                read_url,
            },
            http: HttpConfig {
                bind,
                base_url,
                rate_limit: flag("SPORTELLO_RATE_LIMIT", true)?,
                metrics_token: var("SPORTELLO_METRICS_TOKEN"),
                trusted_proxy: var("SPORTELLO_TRUSTED_PROXY")
                    .map(|v| v.parse())
                    .transpose()
                    .context("SPORTELLO_TRUSTED_PROXY must be an IP address such as 127.0.0.1")?,
                header_timeout: std::time::Duration::from_secs(
                    number("SPORTELLO_HEADER_TIMEOUT_SECONDS", 10u64)?.clamp(1, 300),
                ),
                body_timeout: std::time::Duration::from_secs(
                    number("SPORTELLO_BODY_TIMEOUT_SECONDS", 30u64)?.clamp(1, 600),
                ),
            },
            mail: MailConfig {
                smtp_url: var("SPORTELLO_SMTP_URL"),
                smtp_ca_file: var("SPORTELLO_SMTP_CA_FILE").map(PathBuf::from),
                dir: var("SPORTELLO_MAIL_DIR")
                    .unwrap_or_else(|| "./outbox".into())
                    .into(),
                from: var("SPORTELLO_MAIL_FROM")
                    .unwrap_or_else(|| "Sportello <noreply@sportello.invalid>".into()),
                retry_seconds: number("SPORTELLO_MAIL_RETRY_SECONDS", 30)?,
                sender_enabled: flag("SPORTELLO_BACKGROUND_JOBS", true)?,
            },
            booking: BookingConfig {
                hold_minutes,
                holds_per_client: number("SPORTELLO_HOLDS_PER_CLIENT", 4u64)?.clamp(1, 100),
                token_hours: number("SPORTELLO_TOKEN_HOURS", 12)?,
                meeting_url_template: var("SPORTELLO_MEETING_URL_TEMPLATE")
                    .unwrap_or_else(|| "https://meet.jit.si/sportello-{room}".into()),
                reminder_hour: number("SPORTELLO_REMINDER_HOUR", 17u32)?.min(23),
                checkin_early_minutes: number("SPORTELLO_CHECKIN_EARLY_MINUTES", 60)?,
                no_show_cron: var("SPORTELLO_NO_SHOW_CRON").unwrap_or_else(|| "0 * * * * *".into()),
                retention_days: number("SPORTELLO_RETENTION_DAYS", 30i64)?.clamp(1, 3650),
                offer_minutes: number("SPORTELLO_WAITLIST_OFFER_MINUTES", 60i64)?.clamp(5, 10_080),
                offers_per_place: number("SPORTELLO_WAITLIST_OFFERS", 3u64)?.clamp(1, 50),
            },
            demo: flag("SPORTELLO_DEMO", true)?,
            institution: InstitutionConfig {
                name: var("SPORTELLO_INSTITUTION_NAME").unwrap_or_else(|| "Comune".into()),
                tagline: var("SPORTELLO_INSTITUTION_TAGLINE"),
                parent: var("SPORTELLO_INSTITUTION_PARENT"),
                url: var("SPORTELLO_INSTITUTION_URL"),
                address: var("SPORTELLO_INSTITUTION_ADDRESS"),
                phone: var("SPORTELLO_INSTITUTION_PHONE"),
                email: var("SPORTELLO_INSTITUTION_EMAIL"),
                pec: var("SPORTELLO_INSTITUTION_PEC"),
                tax_code: var("SPORTELLO_INSTITUTION_TAX_CODE"),
                agid_statement_id: var("SPORTELLO_AGID_STATEMENT_ID").filter(|id| {
                    id.chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
                }),
                accessibility_drafted: date("SPORTELLO_ACCESSIBILITY_DRAFTED")?,
                accessibility_reviewed: date("SPORTELLO_ACCESSIBILITY_REVIEWED")?,
                coat_of_arms: var("SPORTELLO_COAT_OF_ARMS")
                    .map(|path| CoatOfArms::read(&path))
                    .transpose()?,
                privacy_email: var("SPORTELLO_PRIVACY_EMAIL"),
                dpo_email: var("SPORTELLO_DPO_EMAIL"),
            },
            identity: identity::read(var)?,
            webhooks: WebhookConfig {
                allow_private: flag("SPORTELLO_WEBHOOK_ALLOW_PRIVATE", false)?,
            },
            io: IoConfig {
                api_key: var("SPORTELLO_IO_API_KEY"),
                base_url: var("SPORTELLO_IO_BASE_URL")
                    .unwrap_or_else(|| "https://api.io.pagopa.it".into())
                    .trim_end_matches('/')
                    .to_owned(),
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::redact_url;

    #[test]
    fn passwords_are_redacted_from_urls() {
        assert_eq!(
            redact_url("postgres://app:s3cret@db:5432/sportello"),
            "postgres://app:***@db:5432/sportello"
        );
        assert_eq!(redact_url("sqlite://data/app.db"), "sqlite://data/app.db");
    }
}
