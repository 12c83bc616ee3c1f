//! What `/metrics` reports, in the Prometheus/OpenMetrics text format: requests by route
//! and status with their latency, bookings and check-ins by outcome, the outbox's depth
//! (read from the database at each scrape, so every process reports the same shared
//! figure) and its send outcomes, and the no-show sweep's duration. Labels are routes
//! (`/api/v1/bookings/{reference}`), never URLs: a URL may carry a token or a reference.
//!
//! One registry per application (not a global), so tests running several servers in one
//! process each read their own.

use crate::service::status::{BookingStatus, MessageStatus};
use std::sync::atomic::AtomicU64;

use prometheus_client::{
    encoding::{EncodeLabelSet, text::encode},
    metrics::{
        counter::Counter,
        family::Family,
        gauge::Gauge,
        histogram::{Histogram, exponential_buckets},
    },
    registry::Registry,
};

/// Labels of a request.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct RequestLabels {
    /// The matched route.
    pub route: String,
    /// The HTTP method.
    pub method: String,
    /// The response status.
    pub status: String,
}

/// Labels of a request's latency.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct RouteLabels {
    /// The matched route.
    pub route: String,
    /// The HTTP method.
    pub method: String,
}

/// An outcome label (`created`, `slot-full`, `checked_in`, `sent`, …).
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct OutcomeLabels {
    /// The outcome.
    pub outcome: String,
}

/// A status label (of outbox messages).
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct StatusLabels {
    /// The status.
    pub status: String,
}

type Histograms<L> = Family<L, Histogram, fn() -> Histogram>;

fn latency_histogram() -> Histogram {
    // 1 ms to about 16 s.
    Histogram::new(exponential_buckets(0.001, 2.0, 15))
}

/// The application's metrics.
#[derive(Debug)]
pub struct Metrics {
    registry: Registry,
    requests: Family<RequestLabels, Counter>,
    latency: Histograms<RouteLabels>,
    bookings: Family<OutcomeLabels, Counter>,
    checkins: Family<OutcomeLabels, Counter>,
    outbox_sends: Family<OutcomeLabels, Counter>,
    outbox_messages: Family<StatusLabels, Gauge<i64, std::sync::atomic::AtomicI64>>,
    sweep_seconds: Histogram,
    sweep_released: Counter<u64, AtomicU64>,
    places: Family<OutcomeLabels, Counter>,
    queue_calls: Family<OutcomeLabels, Counter>,
    queue_ended: Family<OutcomeLabels, Counter>,
    queue_wait: Histogram,
    queue_service: Histogram,
}

impl Default for Metrics {
    fn default() -> Self {
        let mut registry = Registry::with_prefix("sportello");
        let requests = Family::<RequestLabels, Counter>::default();
        registry.register(
            "http_requests",
            "HTTP requests by matched route, method and status",
            requests.clone(),
        );
        let latency: Histograms<RouteLabels> = Family::new_with_constructor(latency_histogram);
        registry.register(
            "http_request_duration_seconds",
            "Time to the response's head, by matched route and method",
            latency.clone(),
        );
        let bookings = Family::<OutcomeLabels, Counter>::default();
        registry.register(
            "bookings",
            "Booking requests (API and pages) by outcome: created, replayed, or the problem type",
            bookings.clone(),
        );
        let checkins = Family::<OutcomeLabels, Counter>::default();
        registry.register(
            "checkins",
            "Scanned codes by outcome (checked_in, already_checked_in, cancelled, no_show, too_early, wrong_office, unknown_code)",
            checkins.clone(),
        );
        let outbox_sends = Family::<OutcomeLabels, Counter>::default();
        registry.register(
            "outbox_sends",
            "Delivery attempts of this process by outcome: sent, retried, failed (for good)",
            outbox_sends.clone(),
        );
        let outbox_messages = Family::default();
        registry.register(
            "outbox_messages",
            "Messages waiting in the outbox (pending, sending: its depth) and failed for good, read at the scrape",
            outbox_messages.clone(),
        );
        let sweep_seconds = Histogram::new(exponential_buckets(0.005, 2.0, 12));
        registry.register(
            "noshow_sweep_duration_seconds",
            "Duration of the scheduled no-show sweeps",
            sweep_seconds.clone(),
        );
        let sweep_released = Counter::default();
        registry.register(
            "noshow_released",
            "Bookings released as no-shows by this process's sweeps",
            sweep_released.clone(),
        );
        let places = Family::<OutcomeLabels, Counter>::default();
        registry.register(
            "places_taken",
            "Places taken other than by a booking request, by way: walk_in, waitlist_offer (accepted), moved",
            places.clone(),
        );
        let queue_calls = Family::<OutcomeLabels, Counter>::default();
        registry.register(
            "queue_calls",
            "Presses of Call next by outcome: called, nobody_waiting, room_full",
            queue_calls.clone(),
        );
        let queue_ended = Family::<OutcomeLabels, Counter>::default();
        registry.register(
            "queue_tickets_ended",
            "Tickets ended at a counter by outcome: done, absent",
            queue_ended.clone(),
        );
        // 30 s to about 4 h.
        let queue_wait = Histogram::new(exponential_buckets(30.0, 2.0, 10));
        registry.register(
            "queue_wait_seconds",
            "Waiting time of called tickets, from arrival to the first call",
            queue_wait.clone(),
        );
        let queue_service = Histogram::new(exponential_buckets(30.0, 2.0, 10));
        registry.register(
            "queue_service_seconds",
            "Service time of tickets done, from the start at the counter to done",
            queue_service.clone(),
        );
        Self {
            queue_calls,
            queue_ended,
            queue_wait,
            queue_service,
            registry,
            requests,
            latency,
            bookings,
            checkins,
            outbox_sends,
            outbox_messages,
            sweep_seconds,
            sweep_released,
            places,
        }
    }
}

/// The label of a refusal: a scan's `outcome`, else the problem type's last segment
/// (`slot-full`), else the status.
fn label_of(e: &crate::error::AppError) -> String {
    let problem = crate::routes::problem::problem_of(e);
    if let Some(o) = problem.get("outcome").and_then(|v| v.as_str()) {
        return o.to_string();
    }
    problem
        .get("type")
        .and_then(|t| t.as_str())
        .filter(|t| t.starts_with("/problems/"))
        .and_then(|t| t.rsplit('/').next())
        .map_or_else(
            || crate::routes::problem::status_of(e).as_u16().to_string(),
            str::to_string,
        )
}

fn outcome(outcome: &str) -> OutcomeLabels {
    OutcomeLabels {
        outcome: outcome.to_string(),
    }
}

impl Metrics {
    /// A request answered.
    pub fn request(&self, route: &str, method: &str, status: u16, seconds: f64) {
        self.requests
            .get_or_create(&RequestLabels {
                route: route.into(),
                method: method.into(),
                status: status.to_string(),
            })
            .inc();
        self.latency
            .get_or_create(&RouteLabels {
                route: route.into(),
                method: method.into(),
            })
            .observe(seconds);
    }

    /// A booking request's outcome.
    pub fn booking(
        &self,
        result: &Result<crate::service::booking::book::BookingOutcome, crate::error::AppError>,
    ) {
        use crate::service::booking::book::BookingOutcome;
        let what = match result {
            Ok(BookingOutcome::Created(_)) => "created".to_string(),
            Ok(BookingOutcome::Replayed(_)) => "replayed".to_string(),
            Err(e) => label_of(e),
        };
        self.bookings.get_or_create(&outcome(&what)).inc();
    }

    /// A place taken by a walk-in, an accepted waiting-list offer or a moved booking
    /// (`walk_in`, `waitlist_offer`, `moved`): the bookings the booking requests' counter
    /// does not see.
    pub fn place_taken(&self, way: &str) {
        self.places.get_or_create(&outcome(way)).inc();
    }

    /// A scan's outcome.
    pub fn checkin<V>(&self, result: &Result<V, crate::error::AppError>) {
        let what = match result {
            Ok(_) => BookingStatus::CheckedIn.to_string(),
            Err(e) => label_of(e),
        };
        self.checkins.get_or_create(&outcome(&what)).inc();
    }

    /// Delivery attempts of a sender's pass: sent, retried, failed for good.
    pub fn outbox_sends(&self, report: &crate::service::delivery::SendReport) {
        for (what, n) in [
            (MessageStatus::Sent.to_string(), report.sent),
            ("retried".to_string(), report.retried),
            (MessageStatus::Failed.to_string(), report.failed),
            (MessageStatus::Skipped.to_string(), report.skipped),
        ] {
            if n > 0 {
                self.outbox_sends
                    .get_or_create(&outcome(&what))
                    .inc_by(n as u64);
            }
        }
    }

    /// The outbox's messages by status, as counted now.
    pub fn outbox_messages(&self, counts: &[(String, i64)]) {
        for status in [
            MessageStatus::Pending,
            MessageStatus::Sending,
            MessageStatus::Failed,
        ] {
            let status = status.to_string();
            let n = counts
                .iter()
                .find(|(s, _)| *s == status)
                .map_or(0, |(_, n)| *n);
            self.outbox_messages
                .get_or_create(&StatusLabels { status })
                .set(n);
        }
    }

    /// A press of "Call next": its outcome, and the waiting time of a first call.
    pub fn queue_call(&self, outcome_name: &str, wait_seconds: Option<f64>) {
        self.queue_calls.get_or_create(&outcome(outcome_name)).inc();
        if let Some(w) = wait_seconds {
            self.queue_wait.observe(w);
        }
    }

    /// A ticket ended at a counter, with its service time when it was served.
    pub fn queue_end(&self, outcome_name: &str, service_seconds: Option<f64>) {
        self.queue_ended.get_or_create(&outcome(outcome_name)).inc();
        if let Some(s) = service_seconds {
            self.queue_service.observe(s);
        }
    }

    /// A sweep's duration and how many it released.
    pub fn sweep(&self, seconds: f64, released: u64) {
        self.sweep_seconds.observe(seconds);
        self.sweep_released.inc_by(released);
    }

    /// The text exposition.
    /// The text of a scrape: the outbox's depth read from the database (it is shared by
    /// every process), then every figure. The read is bounded, so a database outage does
    /// not take the other figures down with it.
    pub async fn scrape(&self, db: &crate::service::db::Db) -> String {
        match tokio::time::timeout(
            std::time::Duration::from_secs(1),
            crate::service::outbox::counts_by_status(db),
        )
        .await
        {
            Ok(Ok(counts)) => self.outbox_messages(&counts),
            Ok(Err(e)) => tracing::warn!(error = %e, "outbox counts for /metrics"),
            Err(_) => tracing::warn!("outbox counts for /metrics timed out"),
        }
        self.render()
    }

    pub fn render(&self) -> String {
        let mut out = String::new();
        if encode(&mut out, &self.registry).is_err() {
            out.clear();
        }
        out
    }
}
