//! Pure types and rules of the booking domain. Nothing here knows about HTTP or the
//! database: every function takes what it needs (including "now") as arguments, so the
//! rules are deterministic and unit-tested next to their code.

pub mod capacity;
pub mod holidays;
pub mod identity;
pub mod queue;
pub mod schedule;
pub mod values;

pub use values::*;
