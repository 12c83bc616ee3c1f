//! Delivering messages: SMTP (`SPORTELLO_SMTP_URL`: `smtp://` plain, `smtp://…?tls=required`
//! STARTTLS, `smtps://` TLS, with `user:password@` credentials) or, by default, `.eml` files
//! in `SPORTELLO_MAIL_DIR`, so the embedded default needs no mail server.

pub mod compose;
pub mod letters;

use std::path::PathBuf;

use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

/// Why a delivery failed.
#[derive(Debug, Clone)]
pub struct SendError {
    /// The server refused for good (5xx): retrying cannot help.
    pub permanent: bool,
    /// What the server or the system said.
    pub reason: String,
}

/// Where messages go.
#[derive(Clone)]
pub enum Mailer {
    /// An SMTP relay.
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    /// `.eml` files in a folder.
    Files(PathBuf),
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Smtp(_) => f.write_str("Mailer::Smtp"),
            Self::Files(dir) => write!(f, "Mailer::Files({})", dir.display()),
        }
    }
}

impl Mailer {
    /// Builds the transport from the configuration.
    pub fn new(smtp_url: Option<&str>, dir: PathBuf) -> anyhow::Result<Self> {
        match smtp_url {
            Some(url) => Ok(Self::Smtp(
                AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(|e| anyhow::anyhow!("SPORTELLO_SMTP_URL is not usable: {e}"))?
                    .timeout(Some(std::time::Duration::from_secs(20)))
                    .build(),
            )),
            None => Ok(Self::Files(dir)),
        }
    }

    /// Delivers one message. A file appears atomically: written under a temporary name,
    /// then renamed, so a reader never sees half a message.
    pub async fn send(&self, message: &Message, file_stem: &str) -> Result<(), SendError> {
        match self {
            Self::Smtp(transport) => {
                transport
                    .send(message.clone())
                    .await
                    .map(|_| ())
                    .map_err(|e| SendError {
                        permanent: e.is_permanent(),
                        reason: e.to_string(),
                    })
            }
            Self::Files(dir) => {
                // On the idle thread (`infra::idle`), like the message's building: the
                // kernel's work of creating a file in a folder of thousands was the
                // sender's largest cost (about 14 % of the server's CPU in one popular
                // start's profile, the QR codes 9 %), and at normal priority it took the
                // cores from requests.
                let (dir, message) = (dir.clone(), message.clone());
                let tmp = dir.join(format!(".{file_stem}.eml.tmp"));
                let path = dir.join(format!("{file_stem}.eml"));
                let written = crate::infra::idle::run(move || {
                    std::fs::create_dir_all(&dir)?;
                    std::fs::write(&tmp, message.formatted())?;
                    std::fs::rename(&tmp, &path)
                })
                .await;
                let reason = match written {
                    Ok(Ok(())) => return Ok(()),
                    Ok(Err(e)) => e.to_string(),
                    Err(e) => e.to_string(),
                };
                Err(SendError {
                    permanent: false,
                    reason,
                })
            }
        }
    }
}
