//! What the load generator shares with Sportello's tests: the SMTP sink that both the
//! email benchmark (`smtp_sink`) and the integration tests deliver to, so that one
//! implementation of the protocol is exercised everywhere.

pub mod smtp_sink;
