//! Integration tests: the real server on an ephemeral port, a real database (SQLite file,
//! or PostgreSQL with `TEST_DATABASE_URL=postgres://…`), a real HTTP client.

// Test helpers outside #[test] functions panic on purpose when the harness cannot start.
#![allow(clippy::unwrap_used, clippy::expect_used)]
mod agenda;
mod backups;
mod browser;
mod checkin;
mod cli;
mod concurrency;
mod contract;
mod door;
mod email;
mod faults;
mod feeds;
mod helpers;
mod hostile;
mod identity;
mod indexes;
mod io_app;
mod limits_processes;
mod mail_tls;
mod managers;
mod noshow;
mod observability;
mod office_details;
mod outbox_processes;
mod pages;
mod placement;
mod queue;
mod queue_processes;
mod replica;
mod revocation_processes;
mod rules;
mod scale_out;
mod security;
mod self_move;
mod setup;
mod slot_cache;
mod spreadsheets;
mod staff;
mod two_processes;
mod upgrade;
mod waitlist;
mod webhooks;
