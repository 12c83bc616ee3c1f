//! Booking, as a citizen does through the API: one helper for every test.

use reqwest::StatusCode;
use serde_json::{Value, json};

use super::{Office, TestApp};

/// A booking body.
pub fn booking_body(
    office: &Office,
    service: usize,
    start: &str,
    party: i64,
    email: &str,
) -> Value {
    json!({"office_id": office.id, "service_id": office.services[service], "start": start,
           "party_size": party, "citizen": {"name": "Maria Rossi", "email": email, "phone": "+39 080 000000"},
           "language": "it"})
}

impl TestApp {
    /// Holds a place for one person of the office's first service; must be held (201).
    /// Answers the hold, with its `hold_id`.
    pub async fn hold(&self, office: &Office, start: &str) -> Value {
        let body = json!({"office_id": office.id, "service_id": office.services[0],
                          "start": start, "party_size": 1});
        let r = self.post("/api/v1/holds", &body).await;
        assert_eq!(r.status(), StatusCode::CREATED);
        r.json().await.unwrap()
    }

    /// Books one person for the office's first service; the booking must be made (201).
    pub async fn book(&self, office: &Office, start: &str, email: &str) -> Value {
        self.book_with(office, 0, start, 1, email).await
    }

    /// Books `party` persons for the office's `service`-th service; must be made (201).
    pub async fn book_with(
        &self,
        office: &Office,
        service: usize,
        start: &str,
        party: i64,
        email: &str,
    ) -> Value {
        let r = self
            .post(
                "/api/v1/bookings",
                &booking_body(office, service, start, party, email),
            )
            .await;
        assert_eq!(
            r.status(),
            StatusCode::CREATED,
            "booking {start} for {email}"
        );
        r.json().await.unwrap()
    }
}
