//! Mail over TLS (issue 20, point 5): STARTTLS and TLS from the first byte, to the SMTP
//! sink speaking TLS with a self-signed certificate made for the test, trusted through
//! `SPORTELLO_SMTP_CA_FILE`. Without the file the same server is not trusted, and the
//! message waits in the outbox for a retry instead of going out in the clear.

use std::sync::Arc;

use entity::status::MessageStatus;
use loadgen::smtp_sink::{SinkTls, SmtpSink};
use reqwest::StatusCode;
use rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};
use tokio_rustls::TlsAcceptor;

use crate::helpers::{OfficeSpec, TestApp, booking_body, mail::parse};

/// A self-signed certificate for 127.0.0.1, written as PEM to a file of its own, and an
/// acceptor that presents it.
struct Authority {
    pem: tempfile::NamedTempFile,
    acceptor: TlsAcceptor,
}

fn authority() -> Authority {
    let made =
        rcgen::generate_simple_self_signed(vec!["127.0.0.1".into(), "localhost".into()]).unwrap();
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(made.signing_key.serialize_der()));
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_no_client_auth()
    .with_single_cert(vec![made.cert.der().clone()], key)
    .unwrap();
    let pem = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(pem.path(), made.cert.pem()).unwrap();
    Authority {
        pem,
        acceptor: TlsAcceptor::from(Arc::new(config)),
    }
}

/// A server mailing through `url`, trusting `ca` if given; books once and runs the
/// sender once. Returns the server and what the sender reported.
async fn book_and_send(
    url: String,
    ca: Option<std::path::PathBuf>,
) -> (TestApp, sportello::service::delivery::SendReport) {
    let app = TestApp::spawn_with(move |c| {
        c.mail.smtp_url = Some(url);
        c.mail.smtp_ca_file = ca;
    })
    .await;
    let office = app.office(OfficeSpec::default()).await;
    let body = booking_body(
        &office,
        0,
        "2026-03-23T09:00:00+01:00",
        1,
        "maria.rossi@example.org",
    );
    let r = app.post("/api/v1/bookings", &body).await;
    assert_eq!(r.status(), StatusCode::CREATED);
    let report = app.step_outbox().await;
    (app, report)
}

#[tokio::test]
async fn confirmations_go_out_over_starttls_to_a_server_of_the_citys_own_authority() {
    let ca = authority();
    let sink = SmtpSink::start_tls(SinkTls::StartTls(ca.acceptor.clone()))
        .await
        .unwrap();
    let url = format!("smtp://127.0.0.1:{}?tls=required", sink.port);
    let (_app, report) = book_and_send(url, Some(ca.pem.path().to_owned())).await;
    assert_eq!((report.sent, report.retried, report.failed), (1, 0, 0));
    // The sink refuses MAIL before STARTTLS: a message it kept came over TLS.
    let raw = sink.received().pop().expect("delivered");
    let message = parse(&raw);
    assert_eq!(
        message
            .to()
            .and_then(|a| a.first())
            .and_then(|a| a.address()),
        Some("maria.rossi@example.org")
    );
}

#[tokio::test]
async fn confirmations_go_out_over_implicit_tls() {
    let ca = authority();
    let sink = SmtpSink::start_tls(SinkTls::Implicit(ca.acceptor.clone()))
        .await
        .unwrap();
    let url = format!("smtps://127.0.0.1:{}", sink.port);
    let (_app, report) = book_and_send(url, Some(ca.pem.path().to_owned())).await;
    assert_eq!((report.sent, report.retried, report.failed), (1, 0, 0));
    assert_eq!(sink.count(), 1);
}

#[tokio::test]
async fn an_untrusted_certificate_keeps_the_message_queued_and_nothing_goes_out_in_the_clear() {
    let ca = authority();
    for tls in [
        SinkTls::StartTls(ca.acceptor.clone()),
        SinkTls::Implicit(ca.acceptor.clone()),
    ] {
        let starttls = matches!(tls, SinkTls::StartTls(_));
        let sink = SmtpSink::start_tls(tls).await.unwrap();
        let url = if starttls {
            format!("smtp://127.0.0.1:{}?tls=required", sink.port)
        } else {
            format!("smtps://127.0.0.1:{}", sink.port)
        };
        // No CA file: only the public roots, which do not know this certificate.
        let (app, report) = book_and_send(url, None).await;
        assert_eq!(
            (report.sent, report.retried, report.failed),
            (0, 1, 0),
            "starttls: {starttls}"
        );
        assert_eq!(sink.count(), 0, "starttls: {starttls}");
        let rows = app.outbox_rows().await;
        assert_eq!(rows.len(), 1);
        assert_eq!(
            rows[0].status,
            MessageStatus::Pending,
            "kept for a retry (starttls: {starttls})"
        );
        assert!(rows[0].last_error.is_some(), "the reason is kept");
    }
}

#[tokio::test]
async fn a_ca_file_that_is_missing_unusable_or_without_tls_in_the_url_stops_the_start_up() {
    let ca = authority();
    let garbage = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(garbage.path(), "not a certificate").unwrap();
    let cases = [
        (
            "smtps://127.0.0.1:465",
            "/nonexistent/ca.pem".into(),
            "cannot read",
        ),
        (
            "smtps://127.0.0.1:465",
            garbage.path().to_owned(),
            "no usable certificate",
        ),
        (
            "smtp://127.0.0.1:25",
            ca.pem.path().to_owned(),
            "asks for no TLS",
        ),
    ];
    for (url, path, says) in cases {
        let error = sportello::email::Mailer::new(Some(url), Some(&path), "./outbox".into())
            .expect_err(url);
        assert!(error.to_string().contains(says), "{url}: {error}");
    }
}
