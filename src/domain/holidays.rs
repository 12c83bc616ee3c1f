//! Italian national public holidays, with Easter Monday computed, and Bari's patron saint
//! days (San Nicola, 8 May and 6 December): the closures every Bari office needs.

use chrono::{Duration, NaiveDate};

/// Easter Sunday of a Gregorian year (the anonymous Gregorian algorithm, a.k.a.
/// Meeus/Jones/Butcher).
pub fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year % 19;
    let b = year / 100;
    let c = year % 100;
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

/// National holidays of `year` with their Italian names.
pub fn italian_holidays(year: i32) -> Vec<(NaiveDate, &'static str)> {
    let fixed = [
        (1, 1, "Capodanno"),
        (1, 6, "Epifania"),
        (4, 25, "Festa della Liberazione"),
        (5, 1, "Festa del Lavoro"),
        (6, 2, "Festa della Repubblica"),
        (8, 15, "Ferragosto"),
        (11, 1, "Ognissanti"),
        (12, 8, "Immacolata Concezione"),
        (12, 25, "Natale"),
        (12, 26, "Santo Stefano"),
    ];
    let mut out: Vec<_> = fixed
        .iter()
        .filter_map(|(m, d, name)| NaiveDate::from_ymd_opt(year, *m, *d).map(|date| (date, *name)))
        .collect();
    if let Some(easter) = easter_sunday(year) {
        out.push((easter + Duration::days(1), "Lunedì dell'Angelo"));
    }
    out.sort();
    out
}

/// Bari's patron saint days.
pub fn bari_patron_days(year: i32) -> Vec<(NaiveDate, &'static str)> {
    [(5, 8, "San Nicola (traslazione)"), (12, 6, "San Nicola")]
        .iter()
        .filter_map(|(m, d, name)| NaiveDate::from_ymd_opt(year, *m, *d).map(|date| (date, *name)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn easter_dates_are_right() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(easter_sunday(2026), Some(d(2026, 4, 5)));
        assert_eq!(easter_sunday(2027), Some(d(2027, 3, 28)));
        assert_eq!(easter_sunday(2024), Some(d(2024, 3, 31)));
        assert!(italian_holidays(2026).contains(&(d(2026, 4, 6), "Lunedì dell'Angelo")));
        assert_eq!(italian_holidays(2026).len(), 11);
    }
}
