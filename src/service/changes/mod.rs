//! What happens to a booking after it is made: the citizen cancels it or asks for the
//! confirmation again, or moves it after a manager's change asked them to.

pub mod cancel;
pub mod lost;
pub mod rebook;
