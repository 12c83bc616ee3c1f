//! A real SMTP server on a loopback port: it speaks enough of RFC 5321 for lettre (EHLO,
//! HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT) and keeps every accepted message with the
//! instant it arrived. It refuses recipients whose address contains `reject` with a
//! permanent 550, can wait before accepting each message (a slow server), and can be
//! stopped and started again on the same port to play an outage. It can speak TLS
//! ([`SinkTls`]): STARTTLS (offered, and then required before `MAIL`, so a message that
//! arrives came over TLS), or TLS from the first byte (`smtps`).

use std::{
    sync::{Arc, Mutex, MutexGuard, PoisonError},
    time::{Duration, Instant},
};

use tokio::{
    io::{AsyncBufReadExt, AsyncRead, AsyncWrite, AsyncWriteExt, BufReader},
    net::{TcpListener, TcpStream},
    task::JoinSet,
};
use tokio_rustls::TlsAcceptor;

/// The TLS a sink speaks.
#[derive(Clone)]
pub enum SinkTls {
    /// Plain SMTP that offers `STARTTLS` and refuses `MAIL` until it is done.
    StartTls(TlsAcceptor),
    /// TLS from the first byte, as on port 465.
    Implicit(TlsAcceptor),
}

/// What the sink received: each message's bytes (dot-unstuffed) and when it arrived.
#[derive(Debug, Default)]
pub struct Received {
    /// The messages, in arrival order.
    pub messages: Vec<Vec<u8>>,
    /// When each arrived.
    pub arrivals: Vec<Instant>,
}

/// Shared between a sink and the one that replaces it after an outage.
pub type Store = Arc<Mutex<Received>>;

fn lock(store: &Store) -> MutexGuard<'_, Received> {
    // A panicking session holds no invariant worth refusing the data for.
    store.lock().unwrap_or_else(PoisonError::into_inner)
}

/// A running sink; dropping it stops listening (an outage, for the tests).
#[derive(Debug)]
pub struct SmtpSink {
    /// The port it listens on.
    pub port: u16,
    /// What it received (kept across a restart with [`SmtpSink::start_with`]).
    pub store: Store,
    accept: Option<tokio::task::JoinHandle<()>>,
}

impl SmtpSink {
    /// Listens on `port` (0: any free port) and accepts every message at once.
    pub async fn start(port: u16) -> std::io::Result<Self> {
        Self::start_with(port, Store::default(), Duration::ZERO).await
    }

    /// Listens again on `port`, adding to `store`, waiting `delay` before accepting each
    /// message.
    pub async fn start_with(port: u16, store: Store, delay: Duration) -> std::io::Result<Self> {
        Self::listen(port, store, delay, None).await
    }

    /// Listens on any free port, speaking `tls`.
    pub async fn start_tls(tls: SinkTls) -> std::io::Result<Self> {
        Self::listen(0, Store::default(), Duration::ZERO, Some(tls)).await
    }

    async fn listen(
        port: u16,
        store: Store,
        delay: Duration,
        tls: Option<SinkTls>,
    ) -> std::io::Result<Self> {
        let listener = TcpListener::bind(("127.0.0.1", port)).await?;
        let port = listener.local_addr()?.port();
        let kept = store.clone();
        let accept = tokio::spawn(async move {
            let mut sessions = JoinSet::new();
            while let Ok((stream, _)) = listener.accept().await {
                sessions.spawn(session(stream, kept.clone(), delay, tls.clone()));
            }
        });
        Ok(Self {
            port,
            store,
            accept: Some(accept),
        })
    }

    /// The messages received so far.
    pub fn received(&self) -> Vec<Vec<u8>> {
        lock(&self.store).messages.clone()
    }

    /// How many messages arrived.
    pub fn count(&self) -> usize {
        lock(&self.store).messages.len()
    }

    /// When the first and the last message arrived.
    pub fn first_and_last(&self) -> Option<(Instant, Instant)> {
        let r = lock(&self.store);
        Some((*r.arrivals.first()?, *r.arrivals.last()?))
    }
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        if let Some(task) = self.accept.take() {
            task.abort();
        }
    }
}

async fn session(stream: TcpStream, store: Store, delay: Duration, tls: Option<SinkTls>) {
    let _ = stream.set_nodelay(true);
    let plain = Dialogue {
        store,
        delay,
        offer_starttls: false,
        secure: false,
        greet: true,
    };
    match tls {
        None => drop(plain.run(BufReader::new(stream)).await),
        Some(SinkTls::Implicit(acceptor)) => {
            if let Ok(stream) = acceptor.accept(stream).await {
                let secure = Dialogue {
                    secure: true,
                    ..plain
                };
                drop(secure.run(BufReader::new(stream)).await);
            }
        }
        Some(SinkTls::StartTls(acceptor)) => {
            let before = Dialogue {
                offer_starttls: true,
                ..plain.clone()
            };
            if let Some(io) = before.run(BufReader::new(stream)).await
                && let Ok(stream) = acceptor.accept(io.into_inner()).await
            {
                // After STARTTLS the client speaks first (a new EHLO): no greeting.
                let after = Dialogue {
                    offer_starttls: true,
                    secure: true,
                    greet: false,
                    ..plain
                };
                drop(after.run(BufReader::new(stream)).await);
            }
        }
    }
}

/// One SMTP conversation, plain or inside TLS.
#[derive(Clone)]
struct Dialogue {
    store: Store,
    delay: Duration,
    /// Offer STARTTLS, and refuse `MAIL` before it.
    offer_starttls: bool,
    /// Already inside TLS.
    secure: bool,
    /// Send the 220 greeting first (not after STARTTLS).
    greet: bool,
}

impl Dialogue {
    /// Serves commands until the client leaves; `Some(io)` when it asked for STARTTLS and
    /// was told to go ahead, so that the caller wraps `io` in TLS.
    async fn run<S: AsyncRead + AsyncWrite + Unpin>(
        &self,
        mut io: BufReader<S>,
    ) -> Option<BufReader<S>> {
        if self.greet {
            let _ = io.write_all(b"220 sink.test ESMTP\r\n").await;
        }
        let starttls_open = self.offer_starttls && !self.secure;
        let mut line = String::new();
        loop {
            line.clear();
            match io.read_line(&mut line).await {
                Ok(0) | Err(_) => return None,
                Ok(_) => {}
            }
            let upper = line.to_ascii_uppercase();
            let reply: &[u8] = if upper.starts_with("EHLO") {
                if starttls_open {
                    b"250-sink.test\r\n250-STARTTLS\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n"
                } else {
                    b"250-sink.test\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n"
                }
            } else if upper.starts_with("STARTTLS") && starttls_open {
                let _ = io.write_all(b"220 2.0.0 Ready to start TLS\r\n").await;
                let _ = io.flush().await;
                return Some(io);
            } else if upper.starts_with("MAIL") && starttls_open {
                b"530 5.7.0 Must issue a STARTTLS command first\r\n"
            } else if upper.starts_with("HELO")
                || upper.starts_with("MAIL")
                || upper.starts_with("RSET")
                || upper.starts_with("NOOP")
            {
                b"250 2.0.0 OK\r\n"
            } else if upper.starts_with("RCPT") {
                if upper.contains("REJECT") {
                    b"550 5.1.1 No such mailbox here\r\n"
                } else {
                    b"250 2.1.5 OK\r\n"
                }
            } else if upper.starts_with("DATA") {
                let _ = io
                    .write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                    .await;
                let mut data = Vec::new();
                loop {
                    line.clear();
                    match io.read_line(&mut line).await {
                        Ok(0) | Err(_) => return None,
                        Ok(_) => {}
                    }
                    if line == ".\r\n" || line == ".\n" {
                        break;
                    }
                    let unstuffed = line.strip_prefix('.').unwrap_or(&line);
                    data.extend_from_slice(unstuffed.as_bytes());
                }
                if !self.delay.is_zero() {
                    tokio::time::sleep(self.delay).await;
                }
                let mut r = lock(&self.store);
                r.messages.push(data);
                r.arrivals.push(Instant::now());
                drop(r);
                b"250 2.0.0 Queued\r\n"
            } else if upper.starts_with("QUIT") {
                let _ = io.write_all(b"221 2.0.0 Bye\r\n").await;
                let _ = io.flush().await;
                return None;
            } else {
                b"502 5.5.2 Command not recognized\r\n"
            };
            if io.write_all(reply).await.is_err() || io.flush().await.is_err() {
                return None;
            }
        }
    }
}
