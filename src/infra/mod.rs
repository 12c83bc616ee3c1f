//! Infrastructure the services stand on and that knows nothing of offices or bookings:
//! connecting to the database, secrets, counters in a fixed window, and CPU work that
//! yields to requests.

pub mod backup;
pub mod database;
pub mod idle;
pub mod oidc;
pub mod pace;
pub mod secrets;
pub mod throttle;
