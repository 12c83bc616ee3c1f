//! Reading what was sent: the `.eml` files of the mail folder, or an SMTP sink's messages
//! (`loadgen::smtp_sink`, the one sink of the tests and the benchmarks).

use std::path::Path;

use mail_parser::{Message, MessageParser};

/// The `.eml` files in `dir`, oldest first (the file names start with the time).
pub fn mail_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .map(|d| d.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    files.sort();
    files
}

/// Parses one message.
pub fn parse(raw: &[u8]) -> Message<'_> {
    MessageParser::default().parse(raw).unwrap()
}

/// A loopback port for an SMTP server that is down now and started later (an outage).
/// Taken below the kernel's ephemeral range (32768 and up on Linux), so no listener that
/// binds port 0 in a concurrent test can be handed the same port meanwhile and answer
/// in the outage's place.
pub fn port_for_an_outage() -> u16 {
    use std::sync::atomic::{AtomicU16, Ordering};
    static NEXT: AtomicU16 = AtomicU16::new(0);
    let base = 20_000 + (std::process::id() % 1_000) as u16 * 10;
    for _ in 0..2_000 {
        let port = base + NEXT.fetch_add(1, Ordering::Relaxed) % 10_000;
        if port < 32_000 && std::net::TcpListener::bind(("127.0.0.1", port)).is_ok() {
            return port;
        }
    }
    panic!("no free port below the ephemeral range");
}
