//! Delivering messages: SMTP (`SPORTELLO_SMTP_URL`: `smtp://` plain, `smtp://…?tls=required`
//! STARTTLS, `smtps://` TLS, with `user:password@` credentials) or, by default, `.eml` files
//! in `SPORTELLO_MAIL_DIR`, so the embedded default needs no mail server. TLS trusts the
//! public roots, and the certificates of `SPORTELLO_SMTP_CA_FILE` too when it is set.

pub mod compose;
pub mod letters;

use std::path::{Path, PathBuf};

use anyhow::Context;
use rustls::pki_types::{CertificateDer, pem::PemObject};

use lettre::{
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
    transport::smtp::client::{Certificate, Tls, TlsParameters},
};

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
    pub fn new(
        smtp_url: Option<&str>,
        ca_file: Option<&Path>,
        dir: PathBuf,
    ) -> anyhow::Result<Self> {
        let Some(url) = smtp_url else {
            return Ok(Self::Files(dir));
        };
        let mut builder = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| anyhow::anyhow!("SPORTELLO_SMTP_URL is not usable: {e}"))?;
        if let Some(path) = ca_file {
            builder = builder.tls(tls_trusting(url, path)?);
        }
        Ok(Self::Smtp(
            builder
                .timeout(Some(std::time::Duration::from_secs(20)))
                .build(),
        ))
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

/// The TLS of `url` (the same mode `from_url` chose: STARTTLS required or opportunistic,
/// or TLS from the first byte for `smtps://`), trusting the certificates in the PEM file
/// at `ca_file` besides the public roots. A URL without TLS and a CA file is a
/// contradiction the operator should hear about at start-up, not a silent plain session.
fn tls_trusting(url: &str, ca_file: &Path) -> anyhow::Result<Tls> {
    let parsed = url::Url::parse(url).context("SPORTELLO_SMTP_URL is not a URL")?;
    let host = parsed
        .host_str()
        .context("SPORTELLO_SMTP_URL has no host")?
        .trim_start_matches('[')
        .trim_end_matches(']')
        .to_owned();
    let pem = std::fs::read(ca_file)
        .with_context(|| format!("cannot read SPORTELLO_SMTP_CA_FILE {}", ca_file.display()))?;
    // lettre takes a PEM file without a certificate in it as an empty list: each block
    // is read here, so that a wrong file is refused at start-up.
    let unusable = |why: String| {
        anyhow::anyhow!(
            "SPORTELLO_SMTP_CA_FILE {} holds no usable certificate: {why}",
            ca_file.display()
        )
    };
    let mut parameters = TlsParameters::builder(host);
    let mut found = 0;
    for der in CertificateDer::pem_slice_iter(&pem) {
        let der = der.map_err(|e| unusable(e.to_string()))?;
        let certificate =
            Certificate::from_der(der.to_vec()).map_err(|e| unusable(e.to_string()))?;
        parameters = parameters.add_root_certificate(certificate);
        found += 1;
    }
    if found == 0 {
        return Err(unusable("no PEM certificate block".into()));
    }
    let parameters = parameters
        .build_rustls()
        .map_err(|e| anyhow::anyhow!("cannot set up TLS for SMTP: {e}"))?;
    let tls = parsed
        .query_pairs()
        .find(|(k, _)| k == "tls")
        .map(|(_, v)| v.into_owned());
    match (parsed.scheme(), tls.as_deref()) {
        ("smtps", _) => Ok(Tls::Wrapper(parameters)),
        ("smtp", Some("required")) => Ok(Tls::Required(parameters)),
        ("smtp", Some("opportunistic")) => Ok(Tls::Opportunistic(parameters)),
        _ => anyhow::bail!(
            "SPORTELLO_SMTP_CA_FILE is set, but SPORTELLO_SMTP_URL asks for no TLS (use smtps://, or smtp://…?tls=required)"
        ),
    }
}
