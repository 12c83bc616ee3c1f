//! The IO app (`io.italia.it`), the public administration's app: a citizen who booked
//! logged in with SPID or CIE gets the confirmation, the reminder and the cancellation
//! there too, from the office's service, when `SPORTELLO_IO_API_KEY` is set.
//!
//! Each is a row of the one outbox (`kind` `io`, the fiscal code as recipient, the email's
//! subject and its text as the message's Markdown), queued with the email in the same
//! transaction and delivered by the same senders. Delivering follows IO's API for
//! services: the citizen's profile first (`POST /api/v1/profiles`, with the fiscal code in
//! the body rather than the URL), then, if the profile allows this sender, the message
//! (`POST /api/v1/messages`), both with the service's key in `Ocp-Apim-Subscription-Key`.
//! A citizen without IO, or who has not enabled the service, is `skipped`, not failed:
//! the email went anyway.

use std::time::Duration;

use chrono::{DateTime, Utc};
use entity::outbox_message;
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};

use futures_util::future::BoxFuture;

use crate::{
    config::IoConfig,
    error::AppResult,
    service::{
        channel::{Channel, Sent},
        db::Db,
        outbox::{self, Letter, twin_id},
    },
};

/// The outbox kind of an IO message.
pub const KIND: &str = outbox::IO_KIND;

/// IO's limits on a message: a subject of 10 to 120 characters, Markdown of 80 to 10,000.
const SUBJECT: (usize, usize) = (10, 120);
const MARKDOWN: (usize, usize) = (80, 10_000);

/// Queues the IO twin of `letter` (already queued under `message_id`) for the citizen of
/// `fiscal_code`, when the channel is on and the booking has one.
pub async fn also(
    db: &impl ConnectionTrait,
    config: &IoConfig,
    letter: &Letter,
    message_id: &str,
    fiscal_code: Option<&str>,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let (Some(_), Some(code)) = (&config.api_key, fiscal_code) else {
        return Ok(());
    };
    let twin = Letter {
        kind: KIND,
        booking_id: letter.booking_id,
        recipient: code.to_owned(),
        subject: fit(&letter.subject, SUBJECT),
        text: fit(&letter.text, MARKDOWN),
        html: String::new(),
        ics: None,
        qr_url: None,
        dedupe_key: letter.dedupe_key.as_ref().map(|k| format!("io:{k}")),
    };
    outbox::enqueue_with_id(db, twin, twin_id(message_id), now).await
}

/// Queues `letter` by email and, for a citizen with a fiscal code while the channel is
/// on, its IO twin; answers the email's `Message-ID`.
pub async fn enqueue_both(
    db: &impl ConnectionTrait,
    config: &IoConfig,
    letter: Letter,
    fiscal_code: Option<&str>,
    now: DateTime<Utc>,
) -> AppResult<String> {
    let message_id = outbox::enqueue_named(db, letter.clone(), now).await?;
    also(db, config, &letter, &message_id, fiscal_code, now).await?;
    Ok(message_id)
}

/// `text` within IO's `(min, max)` characters: cut at the end, or completed with dots.
fn fit(text: &str, (min, max): (usize, usize)) -> String {
    let mut out: String = text.trim().chars().take(max).collect();
    while out.chars().count() < min {
        out.push('.');
    }
    out
}

/// IO's API for services.
#[derive(Clone, Debug)]
pub struct IoClient {
    http: reqwest::Client,
    base_url: String,
    api_key: String,
}

impl IoClient {
    /// The client, or `None` when the channel is off.
    pub fn new(config: &IoConfig) -> anyhow::Result<Option<Self>> {
        let Some(api_key) = config.api_key.clone() else {
            return Ok(None);
        };
        let http = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(Duration::from_secs(5))
            .timeout(Duration::from_secs(15))
            .build()?;
        Ok(Some(Self {
            http,
            base_url: config.base_url.clone(),
            api_key,
        }))
    }

    async fn post(&self, path: &str, body: &Value) -> Result<(u16, Value), String> {
        let r = self
            .http
            .post(format!("{}{path}", self.base_url))
            .header("Ocp-Apim-Subscription-Key", &self.api_key)
            .json(body)
            .send()
            .await
            .map_err(|e| format!("IO cannot be reached: {e}"))?;
        let status = r.status().as_u16();
        Ok((status, r.json().await.unwrap_or(Value::Null)))
    }

    /// Delivers the IO message of `row`.
    pub async fn deliver(&self, row: &outbox_message::Model) -> Sent {
        let code = row.recipient.as_str();
        let profile = match self
            .post("/api/v1/profiles", &json!({"fiscal_code": code}))
            .await
        {
            Ok(p) => p,
            Err(reason) => return Sent::Retry(reason),
        };
        match profile {
            (200, p) if p["sender_allowed"] == true => {}
            (200, _) => {
                return Sent::Skipped("the citizen has not enabled this service in IO".into());
            }
            (404, _) => return Sent::Skipped("the citizen has no IO profile".into()),
            (status, _) => return answer(status, "profile"),
        }
        let message = json!({
            "fiscal_code": code,
            "time_to_live": 3600,
            "content": {"subject": row.subject, "markdown": row.body_text},
        });
        match self.post("/api/v1/messages", &message).await {
            Ok((201, _)) => Sent::Delivered,
            Ok((status, _)) => answer(status, "message"),
            Err(reason) => Sent::Retry(reason),
        }
    }
}

/// What an answer other than success means: a request IO will never take is refused for
/// good; anything else (a key refused, too many requests, IO down) is tried again.
fn answer(status: u16, what: &str) -> Sent {
    let reason = format!("IO answered {status} to the {what}");
    if status == 400 {
        Sent::Refused(reason)
    } else {
        Sent::Retry(reason)
    }
}

/// The IO app; `None` when it is not configured (a message queued before its key was
/// removed is refused with the reason).
#[derive(Clone)]
pub struct Io(pub Option<IoClient>);

impl Channel for Io {
    fn deliver<'a>(
        &'a self,
        _db: &'a Db,
        row: &'a outbox_message::Model,
        _now: DateTime<Utc>,
    ) -> BoxFuture<'a, AppResult<Sent>> {
        Box::pin(async move {
            Ok(match &self.0 {
                Some(client) => client.deliver(row).await,
                None => Sent::Refused("the IO app is not configured (SPORTELLO_IO_API_KEY)".into()),
            })
        })
    }

    fn gives_up_after(&self) -> Option<i32> {
        Some(crate::service::webhooks::MAX_ATTEMPTS)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subjects_and_bodies_fit_ios_limits() {
        assert_eq!(fit("Hi", SUBJECT), "Hi........");
        assert_eq!(fit(&"x".repeat(200), SUBJECT).chars().count(), 120);
        assert_eq!(fit("short", MARKDOWN).chars().count(), 80);
        assert_eq!(twin_id("<abc@sportello>"), "<abc@sportello.io>");
    }
}
