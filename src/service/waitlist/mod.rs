//! The waiting list: joining and leaving it, offering places that free up, and booking
//! an offered place.

pub mod accept;
pub mod entries;
pub mod offers;
