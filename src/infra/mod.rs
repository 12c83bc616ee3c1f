//! Infrastructure the services stand on and that knows nothing of offices or bookings:
//! connecting to the database, secrets, and counters in a fixed window.

pub mod database;
pub mod oidc;
pub mod secrets;
pub mod throttle;
