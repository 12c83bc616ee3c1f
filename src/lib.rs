//! Sportello: appointment booking for public offices under per-room occupancy limits.
//!
//! Layers, from the inside out: [`domain`] (pure rules, no I/O), [`service`] (use-cases
//! over sea-orm, including the race-free capacity engine), [`routes`] (thin axum
//! handlers), [`startup`] and [`cli`] (wiring). Time comes only from [`clock::Clock`].

pub mod cli;
pub mod clock;
pub mod config;
pub mod demo;
pub mod domain;
pub mod email;
pub mod error;
pub mod extract;
pub mod infra;
pub mod jobs;
pub mod l10n;
pub mod metrics;
pub mod routes;
pub mod service;
pub mod startup;
pub mod state;
pub mod web;
