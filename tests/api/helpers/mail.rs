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
