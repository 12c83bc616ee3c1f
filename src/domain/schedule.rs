//! Wall-clock schedules turned into real instants: opening hours, closures, the slot grid
//! and the dated capacity rules. Opening hours are local wall-clock times, so 09:00 stays
//! 09:00 across DST changes; a local time that does not exist yields no slot, and one that
//! exists twice yields one slot per real instant (DOMAIN.md "Time").

use chrono::{DateTime, Datelike, Duration, LocalResult, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

/// One weekly opening range of a schedule period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpeningRange {
    /// First local date of the period.
    pub valid_from: NaiveDate,
    /// Last local date of the period, open-ended when `None`.
    pub valid_to: Option<NaiveDate>,
    /// ISO weekday, 1 = Monday … 7 = Sunday.
    pub weekday: u32,
    /// Local opening time.
    pub opens: NaiveTime,
    /// Local closing time (the last appointment ends by then).
    pub closes: NaiveTime,
}

/// A closed date range of an office, or of one counter when `counter_id` is set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClosedDays {
    /// The counter concerned; `None` closes the whole office.
    pub counter_id: Option<i32>,
    /// First closed local date.
    pub from: NaiveDate,
    /// Last closed local date (inclusive).
    pub to: NaiveDate,
    /// Why, as the manager wrote it for citizens ("Festa del patrono").
    pub reason: String,
}

impl ClosedDays {
    /// Whether the range covers `date`.
    pub fn covers(&self, date: NaiveDate) -> bool {
        self.from <= date && date <= self.to
    }
}

/// The weekly ranges that apply on `date`. Several periods may be valid at once (a base
/// timetable and a summer timetable): the period that started most recently wins, so a
/// manager overrides hours for a season by adding a period rather than editing the base.
pub fn ranges_on(ranges: &[OpeningRange], date: NaiveDate) -> Vec<(NaiveTime, NaiveTime)> {
    let valid = |r: &&OpeningRange| r.valid_from <= date && r.valid_to.is_none_or(|to| date <= to);
    let Some(period) = ranges.iter().filter(valid).map(|r| r.valid_from).max() else {
        return Vec::new();
    };
    let weekday = date.weekday().number_from_monday();
    let mut out: Vec<_> = ranges
        .iter()
        .filter(valid)
        .filter(|r| r.valid_from == period && r.weekday == weekday && r.opens < r.closes)
        .map(|r| (r.opens, r.closes))
        .collect();
    out.sort();
    out
}

/// The first instant of a local date (midnight, or the first instant after a DST gap
/// that swallowed it).
pub fn start_of_day(tz: Tz, date: NaiveDate) -> DateTime<Utc> {
    instants_of(tz, date, NaiveTime::MIN)
        .first()
        .copied()
        .unwrap_or_else(|| date.and_time(NaiveTime::MIN).and_utc())
}

/// Every real instant at which the local wall-clock time `date time` occurs: none in a
/// spring-forward gap, two in a fall-back overlap.
pub fn instants_of(tz: Tz, date: NaiveDate, time: NaiveTime) -> Vec<DateTime<Utc>> {
    match tz.from_local_datetime(&date.and_time(time)) {
        LocalResult::Single(t) => vec![t.with_timezone(&Utc)],
        LocalResult::Ambiguous(a, b) => {
            let (a, b) = (a.with_timezone(&Utc), b.with_timezone(&Utc));
            if a <= b { vec![a, b] } else { vec![b, a] }
        }
        LocalResult::None => Vec::new(),
    }
}

/// The latest real instant not after the local time `date time`: used for closing times,
/// so a range that closes inside a DST gap still closes at the gap.
fn closing_instant(tz: Tz, date: NaiveDate, time: NaiveTime) -> Option<DateTime<Utc>> {
    if let Some(last) = instants_of(tz, date, time).pop() {
        return Some(last);
    }
    // Inside a gap: walk back minute by minute to the last existing local time (gaps are
    // at most a few hours, so this is short and only runs on DST days).
    let mut t = date.and_time(time);
    for _ in 0..(24 * 60) {
        t -= Duration::minutes(1);
        if let Some(last) = instants_of(tz, t.date(), t.time()).pop() {
            return Some(last + Duration::minutes(1));
        }
    }
    None
}

/// A start and end instant of an appointment.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct SlotTime {
    /// Start instant.
    pub start: DateTime<Utc>,
    /// End instant (start + duration).
    pub end: DateTime<Utc>,
}

/// The slot grid of one local date: starts every `duration` from each opening time while
/// the appointment ends by closing time, each wall-clock start mapped to its real instants.
/// Sorted, without duplicates, and never overlapping: on a fall-back day a wall-clock start
/// whose instant would overlap the previous slot is dropped.
pub fn slot_grid(
    tz: Tz,
    date: NaiveDate,
    ranges: &[(NaiveTime, NaiveTime)],
    duration_minutes: i64,
) -> Vec<SlotTime> {
    let mut out = Vec::new();
    if duration_minutes <= 0 {
        return out;
    }
    let step = Duration::minutes(duration_minutes);
    for &(opens, closes) in ranges {
        let Some(close_at) = closing_instant(tz, date, closes) else {
            continue;
        };
        let mut local = date.and_time(opens);
        let end_local = date.and_time(closes);
        let mut range_slots = Vec::new();
        while local + step <= end_local {
            for start in instants_of(tz, local.date(), local.time()) {
                let end = start + step;
                if end <= close_at {
                    range_slots.push(SlotTime { start, end });
                }
            }
            local += step;
        }
        range_slots.sort();
        for slot in range_slots {
            if out
                .last()
                .is_none_or(|prev: &SlotTime| slot.start >= prev.end)
            {
                out.push(slot);
            }
        }
    }
    out.sort();
    out.dedup();
    out
}

/// A manager's dated override of a room's limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CapacityRule {
    /// The room it limits.
    pub room_id: i32,
    /// First local date.
    pub valid_from: NaiveDate,
    /// Last local date (inclusive).
    pub valid_to: NaiveDate,
    /// ISO weekdays it applies on; every day when `None`.
    pub weekdays: Option<Vec<u32>>,
    /// Local time-of-day window start; whole day when `None`.
    pub from_time: Option<NaiveTime>,
    /// Local time-of-day window end (exclusive); end of day when `None`.
    pub to_time: Option<NaiveTime>,
    /// The limit while the rule applies.
    pub occupancy_limit: i32,
}

impl CapacityRule {
    /// Whether the rule covers the instant `t` (judged on the office's local clock).
    pub fn covers(&self, tz: Tz, t: DateTime<Utc>) -> bool {
        let local = t.with_timezone(&tz).naive_local();
        let date = local.date();
        if date < self.valid_from || date > self.valid_to {
            return false;
        }
        if let Some(days) = &self.weekdays
            && !days.contains(&date.weekday().number_from_monday())
        {
            return false;
        }
        let time = local.time();
        self.from_time.is_none_or(|from| time >= from) && self.to_time.is_none_or(|to| time < to)
    }

    /// Instants in `[from, to)` at which the rule may start or stop applying: local
    /// midnights and the window's edges. Between two of them the rule's coverage is
    /// constant, which lets the capacity check evaluate limits only at these points.
    pub fn boundaries(&self, tz: Tz, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<DateTime<Utc>> {
        let mut out = Vec::new();
        let first = from.with_timezone(&tz).date_naive();
        let last = to.with_timezone(&tz).date_naive();
        let mut date = first;
        while date <= last + Duration::days(1) {
            let mut times = vec![NaiveTime::MIN];
            times.extend(self.from_time);
            times.extend(self.to_time);
            for time in times {
                let at = closing_instant(tz, date, time);
                out.extend(at.filter(|t| *t > from && *t < to));
                out.extend(
                    instants_of(tz, date, time)
                        .into_iter()
                        .filter(|t| *t > from && *t < to),
                );
            }
            date += Duration::days(1);
        }
        out
    }
}

/// Parses a stored weekday list such as `1,2,3,4,5`.
pub fn parse_weekdays(raw: &str) -> Option<Vec<u32>> {
    raw.split(',')
        .map(|d| d.trim().parse::<u32>().ok().filter(|d| (1..=7).contains(d)))
        .collect()
}

/// Years a date typed by anyone may name. chrono's `%Y` takes any number of digits, and
/// date arithmetic near the edges of its range panics (`+262142-12-31` plus a day), so
/// every date that comes from outside (API bodies and queries, page paths and queries)
/// goes through [`parse_date`], never `NaiveDate::parse_from_str` alone.
pub const DATE_YEARS: std::ops::RangeInclusive<i32> = 2000..=2200;

/// A local date `YYYY-MM-DD` in [`DATE_YEARS`]; anything else is `None`.
pub fn parse_date(raw: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
        .ok()
        .filter(|d| DATE_YEARS.contains(&d.year()))
}

/// The local date `date` of `t` in `tz`.
pub fn local_date(tz: Tz, t: DateTime<Utc>) -> NaiveDate {
    t.with_timezone(&tz).date_naive()
}

#[cfg(test)]
mod tests {
    #[test]
    fn dates_from_outside_are_bounded_to_years_2000_to_2200() {
        assert!(super::parse_date("2026-12-15").is_some());
        assert!(super::parse_date(" 2200-12-31 ").is_some());
        for bad in [
            "+262142-12-31",
            "262142-12-31",
            "1999-12-31",
            "2201-01-01",
            "x",
            "",
        ] {
            assert_eq!(super::parse_date(bad), None, "{bad}");
        }
    }

    use super::*;
    use chrono::SecondsFormat;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }
    fn t(s: &str) -> NaiveTime {
        NaiveTime::parse_from_str(s, "%H:%M").unwrap()
    }
    fn shown(tz: Tz, slots: &[SlotTime]) -> Vec<String> {
        slots
            .iter()
            .map(|s| {
                s.start
                    .with_timezone(&tz)
                    .to_rfc3339_opts(SecondsFormat::Secs, false)
            })
            .collect()
    }

    #[test]
    fn nine_o_clock_stays_nine_o_clock_across_spring_forward() {
        let tz = chrono_tz::Europe::Rome;
        let morning = [(t("09:00"), t("10:00"))];
        // Sunday of the change, the Monday after, and the Saturday before.
        let before = shown(tz, &slot_grid(tz, d("2026-03-28"), &morning, 20));
        assert_eq!(
            before,
            [
                "2026-03-28T09:00:00+01:00",
                "2026-03-28T09:20:00+01:00",
                "2026-03-28T09:40:00+01:00"
            ]
        );
        let on = shown(tz, &slot_grid(tz, d("2026-03-29"), &morning, 20));
        assert_eq!(
            on,
            [
                "2026-03-29T09:00:00+02:00",
                "2026-03-29T09:20:00+02:00",
                "2026-03-29T09:40:00+02:00"
            ]
        );
        let after = shown(tz, &slot_grid(tz, d("2026-03-30"), &morning, 20));
        assert_eq!(after[0], "2026-03-30T09:00:00+02:00");
        assert_eq!(
            slot_grid(tz, d("2026-03-30"), &morning, 20)[0]
                .start
                .to_rfc3339(),
            "2026-03-30T07:00:00+00:00"
        );
    }

    #[test]
    fn nine_o_clock_stays_nine_o_clock_across_fall_back() {
        let tz = chrono_tz::Europe::Rome;
        let morning = [(t("09:00"), t("09:40"))];
        let on = shown(tz, &slot_grid(tz, d("2026-10-25"), &morning, 20));
        assert_eq!(
            on,
            ["2026-10-25T09:00:00+01:00", "2026-10-25T09:20:00+01:00"]
        );
        let day_after = slot_grid(tz, d("2026-10-26"), &morning, 20);
        assert_eq!(day_after[0].start.to_rfc3339(), "2026-10-26T08:00:00+00:00");
        let day_before = slot_grid(tz, d("2026-10-24"), &morning, 20);
        assert_eq!(
            day_before[0].start.to_rfc3339(),
            "2026-10-24T07:00:00+00:00"
        );
    }

    #[test]
    fn a_wall_clock_time_in_the_spring_gap_yields_no_slot() {
        let tz = chrono_tz::Europe::Rome;
        let night = [(t("01:00"), t("04:00"))];
        let slots = shown(tz, &slot_grid(tz, d("2026-03-29"), &night, 30));
        assert_eq!(
            slots,
            [
                "2026-03-29T01:00:00+01:00",
                "2026-03-29T01:30:00+01:00",
                "2026-03-29T03:00:00+02:00",
                "2026-03-29T03:30:00+02:00"
            ]
        );
    }

    #[test]
    fn a_wall_clock_time_that_exists_twice_yields_one_slot_per_instant_without_overlap() {
        let tz = chrono_tz::Europe::Rome;
        let night = [(t("01:30"), t("03:30"))];
        let grid = slot_grid(tz, d("2026-10-25"), &night, 30);
        let slots = shown(tz, &grid);
        assert_eq!(
            slots,
            [
                "2026-10-25T01:30:00+02:00",
                "2026-10-25T02:00:00+02:00",
                "2026-10-25T02:30:00+02:00",
                "2026-10-25T02:00:00+01:00",
                "2026-10-25T02:30:00+01:00",
                "2026-10-25T03:00:00+01:00"
            ]
        );
        for pair in grid.windows(2) {
            assert!(pair[0].end <= pair[1].start, "overlap {pair:?}");
        }
        // A duration that does not divide the hour: still no overlap, no duplicate.
        let odd = slot_grid(tz, d("2026-10-25"), &night, 25);
        for pair in odd.windows(2) {
            assert!(pair[0].end <= pair[1].start, "overlap {pair:?}");
        }
    }

    #[test]
    fn another_zone_changes_on_its_own_dates() {
        // New York springs forward on 2026-03-08 and falls back on 2026-11-01.
        let tz = chrono_tz::America::New_York;
        let morning = [(t("09:00"), t("09:30"))];
        let before = slot_grid(tz, d("2026-03-07"), &morning, 30);
        assert_eq!(before[0].start.to_rfc3339(), "2026-03-07T14:00:00+00:00");
        let after = slot_grid(tz, d("2026-03-09"), &morning, 30);
        assert_eq!(after[0].start.to_rfc3339(), "2026-03-09T13:00:00+00:00");
        assert_eq!(shown(tz, &after), ["2026-03-09T09:00:00-04:00"]);
        // On 2026-03-29 Rome changes but New York does not.
        let rome_day = slot_grid(tz, d("2026-03-29"), &morning, 30);
        assert_eq!(rome_day[0].start.to_rfc3339(), "2026-03-29T13:00:00+00:00");
    }

    #[test]
    fn the_latest_schedule_period_wins_and_weekdays_are_respected() {
        let base = OpeningRange {
            valid_from: d("2026-01-01"),
            valid_to: None,
            weekday: 2,
            opens: t("08:30"),
            closes: t("12:30"),
        };
        let summer = OpeningRange {
            valid_from: d("2026-07-01"),
            valid_to: Some(d("2026-08-31")),
            weekday: 2,
            opens: t("08:00"),
            closes: t("11:00"),
        };
        let ranges = vec![base.clone(), summer];
        assert_eq!(
            ranges_on(&ranges, d("2026-06-30")),
            vec![(t("08:30"), t("12:30"))]
        );
        assert_eq!(
            ranges_on(&ranges, d("2026-07-07")),
            vec![(t("08:00"), t("11:00"))]
        );
        assert!(
            ranges_on(&ranges, d("2026-07-08")).is_empty(),
            "a Wednesday of the summer period has no hours"
        );
        assert_eq!(
            ranges_on(&ranges, d("2026-09-01")),
            vec![(t("08:30"), t("12:30"))]
        );
        assert!(ranges_on(&[base], d("2025-12-30")).is_empty());
    }

    #[test]
    fn capacity_rules_cover_dates_weekdays_and_local_windows() {
        let tz = chrono_tz::Europe::Rome;
        let rule = CapacityRule {
            room_id: 1,
            valid_from: d("2026-03-01"),
            valid_to: d("2026-03-31"),
            weekdays: parse_weekdays("1,2,3,4,5"),
            from_time: Some(t("09:00")),
            to_time: Some(t("10:00")),
            occupancy_limit: 2,
        };
        let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
        assert!(rule.covers(tz, at("2026-03-30T09:00:00+02:00")));
        assert!(!rule.covers(tz, at("2026-03-30T10:00:00+02:00")));
        assert!(rule.covers(tz, at("2026-03-27T09:59:00+01:00")));
        assert!(
            !rule.covers(tz, at("2026-03-28T09:30:00+01:00")),
            "Saturday"
        );
        assert!(
            !rule.covers(tz, at("2026-04-01T09:30:00+02:00")),
            "after valid_to"
        );
        let b = rule.boundaries(
            tz,
            at("2026-03-30T08:00:00+02:00"),
            at("2026-03-30T11:00:00+02:00"),
        );
        assert!(b.contains(&at("2026-03-30T09:00:00+02:00")));
        assert!(b.contains(&at("2026-03-30T10:00:00+02:00")));
    }
}
