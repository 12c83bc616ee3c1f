//! The capacity check against hand-made pictures of rooms, rules and occupants.

use super::*;
use chrono::{Duration, NaiveDate, NaiveTime, TimeZone};

fn at(h: u32, m: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 12, 1, h, m, 0).unwrap()
}
fn occ(counter: i32, room: i32, h: u32, m: u32, minutes: i64, party: i32, margin: i64) -> Occupant {
    let start = at(h, m);
    Occupant {
        counter_id: counter,
        room_id: room,
        occupies_room: true,
        start,
        end: start + Duration::minutes(minutes),
        room_from: start - Duration::minutes(margin),
        party,
    }
}
fn req(h: u32, m: u32, minutes: i64, party: i32, margin: i64) -> Request {
    let start = at(h, m);
    Request {
        start,
        end: start + Duration::minutes(minutes),
        room_from: start - Duration::minutes(margin),
        party,
        occupies_room: true,
    }
}
const TZ: Tz = chrono_tz::Europe::Rome;

#[test]
fn a_busy_counter_is_skipped_and_a_full_set_of_counters_is_reported() {
    let rooms = RoomTree::new(
        [Room {
            id: 1,
            parent_id: None,
            limit: 10,
        }]
        .to_vec(),
    );
    let occupants = [occ(1, 1, 9, 0, 20, 1, 0)];
    let p = Picture {
        tz: TZ,
        rooms: &rooms,
        rules: &[],
        occupants: &occupants,
    };
    let cands = [
        CandidateCounter { id: 1, room_id: 1 },
        CandidateCounter { id: 2, room_id: 1 },
    ];
    assert_eq!(place(&p, &cands, &req(9, 10, 20, 1, 0)).unwrap().id, 2);
    assert_eq!(
        place(&p, &cands[..1], &req(9, 10, 20, 1, 0)),
        Err(Full::NoCounter)
    );
    // Back to back is not an overlap.
    assert_eq!(place(&p, &cands, &req(9, 20, 20, 1, 0)).unwrap().id, 1);
}

#[test]
fn the_room_interval_includes_the_arrival_margin() {
    let rooms = RoomTree::new(
        [Room {
            id: 1,
            parent_id: None,
            limit: 2,
        }]
        .to_vec(),
    );
    // 09:00–09:20 with a 10-minute margin occupies the room 08:50–09:20.
    let occupants = [occ(1, 1, 9, 0, 20, 2, 10)];
    let p = Picture {
        tz: TZ,
        rooms: &rooms,
        rules: &[],
        occupants: &occupants,
    };
    let cands = [CandidateCounter { id: 2, room_id: 1 }];
    // 09:30 with margin waits from 09:20: no overlap.
    assert!(place(&p, &cands, &req(9, 30, 20, 2, 10)).is_ok());
    // 09:25 with margin waits from 09:15: the room is full until 09:20.
    assert_eq!(place(&p, &cands, &req(9, 25, 20, 1, 10)), Err(Full::NoRoom));
}

#[test]
fn an_enclosing_area_limits_the_sum_of_its_rooms() {
    let rooms = RoomTree::new(
        [
            Room {
                id: 10,
                parent_id: None,
                limit: 3,
            },
            Room {
                id: 1,
                parent_id: Some(10),
                limit: 2,
            },
            Room {
                id: 2,
                parent_id: Some(10),
                limit: 2,
            },
        ]
        .to_vec(),
    );
    let occupants = [occ(1, 1, 9, 0, 30, 2, 0)];
    let p = Picture {
        tz: TZ,
        rooms: &rooms,
        rules: &[],
        occupants: &occupants,
    };
    let in_room2 = [
        CandidateCounter { id: 3, room_id: 2 },
        CandidateCounter { id: 4, room_id: 2 },
    ];
    assert!(place(&p, &in_room2, &req(9, 0, 30, 1, 0)).is_ok());
    assert_eq!(
        place(&p, &in_room2, &req(9, 0, 30, 2, 0)),
        Err(Full::NoRoom)
    );
    // Two free counters in room 2, room 2 has 2 places, but the area only 1.
    assert_eq!(remaining(&p, &in_room2, &req(9, 0, 30, 1, 0)), 1);
}

#[test]
fn remaining_is_exact_over_a_tree() {
    let rooms = RoomTree::new(
        [
            Room {
                id: 10,
                parent_id: None,
                limit: 6,
            },
            Room {
                id: 1,
                parent_id: Some(10),
                limit: 1,
            },
            Room {
                id: 2,
                parent_id: Some(10),
                limit: 4,
            },
        ]
        .to_vec(),
    );
    let p = Picture {
        tz: TZ,
        rooms: &rooms,
        rules: &[],
        occupants: &[],
    };
    let cands = [
        CandidateCounter { id: 1, room_id: 1 },
        CandidateCounter { id: 2, room_id: 1 },
        CandidateCounter { id: 3, room_id: 2 },
        CandidateCounter { id: 4, room_id: 2 },
        CandidateCounter { id: 5, room_id: 2 },
        CandidateCounter { id: 6, room_id: 10 },
    ];
    // room 1: min(1, 2) = 1; room 2: min(4, 3) = 3; area: min(6, 1 + 3 + 1) = 5.
    assert_eq!(remaining(&p, &cands, &req(9, 0, 20, 1, 0)), 5);
}

#[test]
fn the_lowest_covering_rule_applies_and_video_takes_no_room() {
    let rooms = RoomTree::new(
        [Room {
            id: 1,
            parent_id: None,
            limit: 5,
        }]
        .to_vec(),
    );
    let day = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    let rule = |limit, from: Option<(u32, u32)>| CapacityRule {
        room_id: 1,
        valid_from: day,
        valid_to: day,
        weekdays: None,
        from_time: from.map(|(h, m)| NaiveTime::from_hms_opt(h, m, 0).unwrap()),
        to_time: from.map(|(h, m)| NaiveTime::from_hms_opt(h + 1, m, 0).unwrap()),
        occupancy_limit: limit,
    };
    // 10:00–11:00 local (09:00–10:00 UTC) limit 1, whole day limit 3.
    let rules = [rule(3, None), rule(1, Some((10, 0)))];
    let occupants = [occ(1, 1, 9, 30, 20, 1, 0)];
    let p = Picture {
        tz: TZ,
        rooms: &rooms,
        rules: &rules,
        occupants: &occupants,
    };
    assert_eq!(p.limit_at(1, at(8, 0)), 3);
    assert_eq!(p.limit_at(1, at(9, 30)), 1);
    let cands = [CandidateCounter { id: 2, room_id: 1 }];
    assert_eq!(place(&p, &cands, &req(9, 40, 20, 1, 0)), Err(Full::NoRoom));
    assert!(place(&p, &cands, &req(8, 30, 20, 2, 0)).is_ok());
    assert_eq!(place(&p, &cands, &req(8, 30, 20, 4, 0)), Err(Full::NoRoom));
    let mut video = req(9, 40, 20, 1, 0);
    video.occupies_room = false;
    assert!(place(&p, &cands, &video).is_ok());
}
