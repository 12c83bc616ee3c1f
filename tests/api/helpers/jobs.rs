//! Stepping the background jobs at the manual clock's time, as the scheduler would.

use sportello::service::{delivery::SendReport, visit::noshow::Sweep};

use super::TestApp;

impl TestApp {
    /// One pass of the outbox sender (what `/metrics` counts included).
    pub async fn step_outbox(&self) -> SendReport {
        sportello::jobs::outbox::run_once(&self.state, self.clock.now())
            .await
            .unwrap()
    }

    /// One run of the no-show job: reconfirmation, then the sweep.
    pub async fn step_noshow(&self) -> Sweep {
        sportello::jobs::noshow::run_once(&self.state, self.clock.now())
            .await
            .unwrap()
    }

    /// One run of the reminder job; how many bookings it considered.
    pub async fn step_reminders(&self) -> usize {
        sportello::service::visit::reminders::run_once(
            &self.db,
            &self.state.config,
            self.clock.now(),
        )
        .await
        .unwrap()
    }
}
