//! The queue at the office (DOMAIN.md "Queue and calls"): tickets for every check-in and
//! walk-in, calls to the counters under the room limits, the feed of calls that the
//! waiting-room displays and the citizens' phones follow, and the day's figures.
//!
//! # One call per ticket, in any number of processes
//! Everything that changes an office's queue on a day (a new ticket, a call) runs in one
//! transaction that first takes the lock row `ticketq:{office}:{day}` (the capacity
//! engine's lock rows, `engine::lock`): the next number and the next ticket to call are
//! read and written under it, so two clerks, in one process or in three, never get the
//! same ticket, and numbers are never given twice. A call also takes the room-hour locks
//! of its counter's rooms for the current hour, before the queue lock (lock names sort
//! `citizen:` < `room:` < `ticketq:`, the order every transaction takes them in), so a
//! walk-in admitted now and a ticket called now never both take the last place. Other
//! changes of a ticket (start, done, absent, transfer, leave) are conditional updates on
//! its status: of two clerks pressing "Done" at once, one succeeds and the other is told
//! the ticket's state changed (409 `/invalid-state`).

pub mod calls;
pub mod feed;
pub mod join;
pub mod state;
pub mod tickets;

pub use tickets::TicketView;
