//! The calling rule (DOMAIN.md "Queue and calls"): which waiting ticket a counter calls
//! next, and the positions and waits the citizens see. One pure function, used by every
//! process for calls and for the positions shown, so what a citizen is told is what the
//! counters do.
//!
//! 1. A counter calls only tickets of the services it offers.
//! 2. Due appointments come first, by their booked start. An appointment is due from its
//!    start; an early arrival waits until then.
//! 3. Then everyone else in arrival order: walk-ins, appointments not yet due, and late
//!    arrivals. **A late arrival** (checked in more than [`LATE_AFTER`] after its start)
//!    loses its appointment's priority and ranks by arrival, like a walk-in: putting
//!    them first would make everyone who came on time wait for them, and a citizen who
//!    arrived on time is never overtaken by a walk-in.
//! 4. A ticket whose party is outside (a walk-in) is called only if the counter's room
//!    and every enclosing room have a place for its party now; otherwise the next one
//!    that fits is called, and `room_full` is answered when none does.

use chrono::{DateTime, Duration, Utc};

/// How long after its start an appointment's citizen may check in and keep priority.
pub const LATE_AFTER: Duration = Duration::minutes(5);

/// A ticket called this many times without coming is marked absent at the next recall.
pub const MAX_CALLS: i32 = 3;

/// What the rule needs of a waiting ticket.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Waiting {
    pub id: i32,
    pub service_id: i32,
    pub party: i32,
    /// Already inside the rooms (a checked-in appointment, or a walk-in called before and
    /// sent back to wait, e.g. after a transfer).
    pub inside: bool,
    pub joined_at: DateTime<Utc>,
    /// The appointment's start; `None` for walk-ins.
    pub due_at: Option<DateTime<Utc>>,
}

impl Waiting {
    /// The ticket's rank at `now`: smaller is called first.
    fn key(&self, now: DateTime<Utc>) -> (u8, DateTime<Utc>, i32) {
        match self.due_at {
            Some(due) if due <= now && self.joined_at <= due + LATE_AFTER => (0, due, self.id),
            _ => (1, self.joined_at, self.id),
        }
    }
}

/// The tickets in calling order at `now` (every service mixed).
pub fn order(tickets: &[Waiting], now: DateTime<Utc>) -> Vec<&Waiting> {
    let mut sorted: Vec<&Waiting> = tickets.iter().collect();
    sorted.sort_by_key(|t| t.key(now));
    sorted
}

/// What a call finds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pick {
    /// This ticket is called.
    Ticket(i32),
    /// No ticket of the counter's services waits.
    NobodyWaiting,
    /// Tickets wait, but none that is inside, and none outside fits in the room now.
    RoomFull,
}

/// The next ticket for a counter offering `services`; `fits(party)` tells whether a party
/// from outside has a place in the counter's rooms now.
pub fn pick(
    tickets: &[Waiting],
    services: &[i32],
    now: DateTime<Utc>,
    fits: impl Fn(i32) -> bool,
) -> Pick {
    let mut any = false;
    for t in order(tickets, now) {
        if !services.contains(&t.service_id) {
            continue;
        }
        any = true;
        if t.inside || fits(t.party) {
            return Pick::Ticket(t.id);
        }
    }
    if any {
        Pick::RoomFull
    } else {
        Pick::NobodyWaiting
    }
}

/// How many tickets of the same service will be called before `id` (0 = next).
pub fn position(tickets: &[Waiting], id: i32, now: DateTime<Utc>) -> Option<i32> {
    let me = tickets.iter().find(|t| t.id == id)?;
    let ahead = order(tickets, now)
        .into_iter()
        .take_while(|t| t.id != id)
        .filter(|t| t.service_id == me.service_id)
        .count();
    i32::try_from(ahead).ok()
}

/// The estimated wait in minutes of a ticket with `ahead` tickets before it: each takes
/// the measured mean service time, and `counters` counters serve in parallel.
pub fn estimated_wait(ahead: i32, mean_service_minutes: f64, counters: i32) -> i32 {
    let counters = f64::from(counters.max(1));
    (f64::from(ahead) * mean_service_minutes / counters).ceil() as i32
}

/// The code's letter of each service of an office, given in id order: the first letter
/// of its name (A–Z, accents dropped) unless an earlier service has it, else the first
/// free letter. Stable while the services and their order stay.
pub fn letters(names: &[(i32, String)]) -> Vec<(i32, char)> {
    let mut taken: Vec<char> = Vec::new();
    let mut out = Vec::new();
    for (id, name) in names {
        let first = name
            .chars()
            .filter_map(|c| {
                let c = match c {
                    'à' | 'á' | 'â' | 'ä' | 'À' | 'Á' => 'A',
                    'è' | 'é' | 'ê' | 'È' | 'É' => 'E',
                    'ì' | 'í' | 'Ì' => 'I',
                    'ò' | 'ó' | 'Ò' => 'O',
                    'ù' | 'ú' | 'Ù' => 'U',
                    c => c,
                };
                c.is_ascii_alphabetic().then(|| c.to_ascii_uppercase())
            })
            .next();
        let letter = first
            .filter(|c| !taken.contains(c))
            .or_else(|| ('A'..='Z').find(|c| !taken.contains(c)))
            .unwrap_or('Z');
        taken.push(letter);
        out.push((*id, letter));
    }
    out
}

/// `C-014`.
pub fn code(letter: char, number: i32) -> String {
    format!("{letter}-{number:03}")
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(h: u32, m: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 20, h, m, 0).unwrap()
    }

    fn walk_in(id: i32, joined: DateTime<Utc>) -> Waiting {
        Waiting {
            id,
            service_id: 1,
            party: 1,
            inside: false,
            joined_at: joined,
            due_at: None,
        }
    }

    fn appointment(id: i32, joined: DateTime<Utc>, due: DateTime<Utc>) -> Waiting {
        Waiting {
            id,
            service_id: 1,
            party: 1,
            inside: true,
            joined_at: joined,
            due_at: Some(due),
        }
    }

    #[test]
    fn an_on_time_appointment_beats_an_earlier_walk_in() {
        let t = [walk_in(1, at(8, 0)), appointment(2, at(8, 55), at(9, 0))];
        assert_eq!(pick(&t, &[1], at(9, 0), |_| true), Pick::Ticket(2));
        // Before it is due, arrival order holds.
        assert_eq!(pick(&t, &[1], at(8, 59), |_| true), Pick::Ticket(1));
    }

    #[test]
    fn a_late_arrival_ranks_by_arrival() {
        let t = [walk_in(1, at(9, 1)), appointment(2, at(9, 6), at(9, 0))];
        assert_eq!(pick(&t, &[1], at(9, 10), |_| true), Pick::Ticket(1));
        assert_eq!(position(&t, 2, at(9, 10)), Some(1));
    }

    #[test]
    fn a_full_room_holds_outside_tickets_back() {
        let t = [walk_in(1, at(8, 0)), walk_in(2, at(8, 1))];
        assert_eq!(pick(&t, &[1], at(9, 0), |_| false), Pick::RoomFull);
        assert_eq!(pick(&t, &[2], at(9, 0), |_| true), Pick::NobodyWaiting);
        // A party of two does not fit, the single behind it does.
        let t = [
            Waiting {
                party: 2,
                ..walk_in(1, at(8, 0))
            },
            walk_in(2, at(8, 1)),
        ];
        assert_eq!(pick(&t, &[1], at(9, 0), |p| p < 2), Pick::Ticket(2));
    }

    #[test]
    fn letters_are_distinct() {
        let names = [
            (1, "Carta d'identità".to_string()),
            (2, "Certificati".to_string()),
            (3, "Èstero".to_string()),
        ];
        assert_eq!(letters(&names), vec![(1, 'C'), (2, 'A'), (3, 'E')]);
        assert_eq!(code('C', 14), "C-014");
        assert_eq!(estimated_wait(3, 10.0, 2), 15);
    }
}
