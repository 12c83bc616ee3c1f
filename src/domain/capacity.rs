//! The capacity rules of DOMAIN.md as pure functions over an in-memory picture of one
//! office: rooms (a tree), the counters that could take a booking, the bookings that
//! occupy capacity now, and the capacity rules. Bookings, holds and (later) walk-ins and
//! waiting-list offers are all placed by [`place`]; the slot list uses [`remaining`]. The
//! service layer guarantees that the picture cannot change between reading it and writing
//! the new booking (see `service::engine`).

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::schedule::CapacityRule;

/// A room and its base limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Room {
    /// Room id.
    pub id: i32,
    /// The enclosing room (area, corridor), if any.
    pub parent_id: Option<i32>,
    /// Base occupancy limit.
    pub limit: i32,
}

/// Something that occupies capacity: a confirmed or checked-in booking, or a live hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occupant {
    /// The counter it occupies over `[start, end)`.
    pub counter_id: i32,
    /// The counter's room.
    pub room_id: i32,
    /// False for video appointments: they take the clerk, not room places.
    pub occupies_room: bool,
    /// Appointment start.
    pub start: DateTime<Utc>,
    /// Appointment end.
    pub end: DateTime<Utc>,
    /// Start of the room interval (`start − arrival margin`).
    pub room_from: DateTime<Utc>,
    /// Persons.
    pub party: i32,
}

/// A counter able to serve the requested service on the requested day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CandidateCounter {
    /// Counter id.
    pub id: i32,
    /// Its room.
    pub room_id: i32,
}

/// What is being placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Request {
    /// Appointment start.
    pub start: DateTime<Utc>,
    /// Appointment end.
    pub end: DateTime<Utc>,
    /// Start of the room interval.
    pub room_from: DateTime<Utc>,
    /// Persons.
    pub party: i32,
    /// False for video appointments.
    pub occupies_room: bool,
}

/// The rooms of an office as a tree, with each room's chain of enclosing rooms computed
/// once (placement and slot listing ask for chains thousands of times).
#[derive(Debug, Clone, Default)]
pub struct RoomTree {
    rooms: Vec<Room>,
    chains: HashMap<i32, Vec<i32>>,
}

impl RoomTree {
    /// Builds the tree. A cycle in corrupt data stops a chain instead of looping.
    pub fn new(rooms: Vec<Room>) -> Self {
        let by_id: HashMap<i32, &Room> = rooms.iter().map(|r| (r.id, r)).collect();
        let mut chains = HashMap::new();
        for room in &rooms {
            let mut chain = vec![room.id];
            let mut current = room.parent_id;
            while let Some(id) = current {
                if chain.contains(&id) || chain.len() > rooms.len() {
                    break;
                }
                chain.push(id);
                current = by_id.get(&id).and_then(|r| r.parent_id);
            }
            chains.insert(room.id, chain);
        }
        Self { rooms, chains }
    }

    /// The room and every room enclosing it, innermost first.
    pub fn chain(&self, room_id: i32) -> &[i32] {
        self.chains.get(&room_id).map_or(&[], Vec::as_slice)
    }

    /// All rooms.
    pub fn rooms(&self) -> &[Room] {
        &self.rooms
    }

    /// Base limit of a room (0 for an unknown room: nothing fits in it).
    pub fn base_limit(&self, room_id: i32) -> i32 {
        self.rooms
            .iter()
            .find(|r| r.id == room_id)
            .map_or(0, |r| r.limit)
    }
}

/// Everything the rules need about one office at one moment.
#[derive(Debug, Clone)]
pub struct Picture<'a> {
    /// The office's zone, for rules written in local time.
    pub tz: Tz,
    /// All rooms of the office.
    pub rooms: &'a RoomTree,
    /// Capacity rules of those rooms.
    pub rules: &'a [CapacityRule],
    /// Active bookings and live holds overlapping the period of interest.
    pub occupants: &'a [Occupant],
}

impl Picture<'_> {
    /// The room and every room enclosing it, innermost first.
    pub fn chain(&self, room_id: i32) -> &[i32] {
        self.rooms.chain(room_id)
    }

    /// Effective limit of `room` at `t`: the base limit, lowered by every rule covering `t`.
    pub fn limit_at(&self, room_id: i32, t: DateTime<Utc>) -> i32 {
        let base = self.rooms.base_limit(room_id);
        self.rules
            .iter()
            .filter(|rule| rule.room_id == room_id && rule.covers(self.tz, t))
            .map(|rule| rule.occupancy_limit)
            .fold(base, i32::min)
    }

    /// The least spare room capacity of `room` over `[from, to)`: limit minus planned,
    /// minimised over every instant. Both are piecewise constant, changing only where a
    /// booking's room interval or a rule starts or ends, so a sweep over those points
    /// (sorted once) finds the minimum.
    pub fn spare(&self, room_id: i32, from: DateTime<Utc>, to: DateTime<Utc>) -> i32 {
        let mut planned = 0;
        let mut events: Vec<(DateTime<Utc>, i32)> = Vec::new();
        for o in self.occupants {
            if !(o.occupies_room && o.end > from && o.room_from < to) {
                continue;
            }
            if !self.chain(o.room_id).contains(&room_id) {
                continue;
            }
            if o.room_from <= from {
                planned += o.party;
            } else {
                events.push((o.room_from, o.party));
            }
            if o.end < to {
                events.push((o.end, -o.party));
            }
        }
        let has_rules = self.rules.iter().any(|r| r.room_id == room_id);
        if has_rules {
            for rule in self.rules.iter().filter(|r| r.room_id == room_id) {
                events.extend(
                    rule.boundaries(self.tz, from, to)
                        .into_iter()
                        .map(|t| (t, 0)),
                );
            }
        }
        events.sort_unstable_by_key(|e| e.0);
        let base = self.rooms.base_limit(room_id);
        let limit = |t| {
            if has_rules {
                self.limit_at(room_id, t)
            } else {
                base
            }
        };
        let mut least = limit(from) - planned;
        let mut k = 0;
        while k < events.len() {
            let t = events[k].0;
            // Apply every change at this instant before judging it: a party leaving at t
            // and another arriving at t do not overlap.
            while k < events.len() && events[k].0 == t {
                planned += events[k].1;
                k += 1;
            }
            least = least.min(limit(t) - planned);
        }
        least
    }

    /// The intervals of `[from, to)` in which `room` (with the rooms it encloses) holds
    /// more persons than its effective limit, each as `(from, to, planned, limit)`,
    /// adjacent pieces with the same figures merged. Same sweep as [`Picture::spare`].
    pub fn over_limit(
        &self,
        room_id: i32,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Vec<(DateTime<Utc>, DateTime<Utc>, i32, i32)> {
        let mut events: Vec<(DateTime<Utc>, i32)> = vec![(from, 0), (to, 0)];
        for o in self.occupants {
            if !(o.occupies_room && o.end > from && o.room_from < to) {
                continue;
            }
            if !self.chain(o.room_id).contains(&room_id) {
                continue;
            }
            events.push((o.room_from.max(from), o.party));
            if o.end < to {
                events.push((o.end, -o.party));
            }
        }
        for rule in self.rules.iter().filter(|r| r.room_id == room_id) {
            events.extend(
                rule.boundaries(self.tz, from, to)
                    .into_iter()
                    .map(|t| (t, 0)),
            );
        }
        events.sort_unstable_by_key(|e| e.0);
        let mut out: Vec<(DateTime<Utc>, DateTime<Utc>, i32, i32)> = Vec::new();
        let mut planned = 0;
        let mut k = 0;
        while k < events.len() {
            let t = events[k].0;
            while k < events.len() && events[k].0 == t {
                planned += events[k].1;
                k += 1;
            }
            let Some(next) = events.get(k).map(|e| e.0) else {
                break;
            };
            if t >= to {
                break;
            }
            let limit = self.limit_at(room_id, t);
            if planned > limit {
                match out.last_mut() {
                    Some(last) if last.1 == t && last.2 == planned && last.3 == limit => {
                        last.1 = next.min(to);
                    }
                    _ => out.push((t, next.min(to), planned, limit)),
                }
            }
        }
        out
    }

    /// Whether `counter` has no occupant overlapping `[start, end)` (rule 1).
    pub fn counter_free(&self, counter_id: i32, start: DateTime<Utc>, end: DateTime<Utc>) -> bool {
        !self
            .occupants
            .iter()
            .any(|o| o.counter_id == counter_id && o.start < end && start < o.end)
    }
}

/// Why a request cannot be placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Full {
    /// No candidate counter is free over the interval.
    NoCounter,
    /// Counters are free, but a room (or an enclosing room) has no place for the party.
    NoRoom,
}

/// Chooses the counter for a request (rules 1–3): the first candidate, in the given
/// order, that is free and whose room and every enclosing room keep the party within the
/// effective limit at every instant of the room interval.
pub fn place(
    picture: &Picture<'_>,
    candidates: &[CandidateCounter],
    request: &Request,
) -> Result<CandidateCounter, Full> {
    let mut any_counter_free = false;
    for candidate in candidates {
        if !picture.counter_free(candidate.id, request.start, request.end) {
            continue;
        }
        any_counter_free = true;
        if !request.occupies_room {
            return Ok(*candidate);
        }
        let fits = picture
            .chain(candidate.room_id)
            .iter()
            .all(|room| picture.spare(*room, request.room_from, request.end) >= request.party);
        if fits {
            return Ok(*candidate);
        }
    }
    Err(if any_counter_free {
        Full::NoRoom
    } else {
        Full::NoCounter
    })
}

/// How many further one-person bookings fit at a slot: every free counter can take one,
/// and every room (with the rooms it encloses) can take as many as its spare capacity.
/// Computed bottom-up over the room tree, which is exact for nested limits.
pub fn remaining(picture: &Picture<'_>, candidates: &[CandidateCounter], request: &Request) -> i32 {
    let free: Vec<&CandidateCounter> = candidates
        .iter()
        .filter(|c| picture.counter_free(c.id, request.start, request.end))
        .collect();
    if !request.occupies_room {
        return i32::try_from(free.len()).unwrap_or(i32::MAX);
    }
    let mut spare_cache: HashMap<i32, i32> = HashMap::new();
    let mut spare = |room: i32| -> i32 {
        *spare_cache
            .entry(room)
            .or_insert_with(|| picture.spare(room, request.room_from, request.end).max(0))
    };
    // Rooms that matter: those of free counters and every room enclosing them.
    let mut relevant: Vec<i32> = Vec::new();
    for c in &free {
        for room in picture.chain(c.room_id) {
            if !relevant.contains(room) {
                relevant.push(*room);
            }
        }
    }
    // Depth of each room, to process children before parents.
    let mut by_depth: Vec<(usize, i32)> = relevant
        .iter()
        .map(|r| (picture.chain(*r).len(), *r))
        .collect();
    by_depth.sort_by(|a, b| b.cmp(a));
    let mut flow: HashMap<i32, i32> = HashMap::new();
    for (_, room) in &by_depth {
        let own = i32::try_from(free.iter().filter(|c| c.room_id == *room).count()).unwrap_or(0);
        let from_children: i32 = picture
            .rooms
            .rooms()
            .iter()
            .filter(|r| r.parent_id == Some(*room))
            .map(|r| flow.get(&r.id).copied().unwrap_or(0))
            .sum();
        flow.insert(*room, spare(*room).min(own + from_children));
    }
    by_depth
        .iter()
        .filter(|(_, room)| {
            picture
                .rooms
                .rooms()
                .iter()
                .find(|r| r.id == *room)
                .is_none_or(|r| r.parent_id.is_none_or(|p| !relevant.contains(&p)))
        })
        .map(|(_, room)| flow.get(room).copied().unwrap_or(0))
        .sum()
}

#[cfg(test)]
mod tests;
