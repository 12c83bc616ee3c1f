//! The statistics as CSV: the API's fixed form and the manager page's download in the
//! reader's locale.

use super::stats_types::Stats;

/// The rows as CSV (RFC 4180, a header line, fields with commas or quotes quoted).
/// How a spreadsheet of the reader's locale wants its CSV: Italian Excel reads `;` as the
/// separator and `,` as the decimal mark, and needs a byte-order mark to take UTF-8.
#[derive(Debug, Clone)]
pub struct CsvStyle {
    /// Between fields.
    pub separator: char,
    /// In numbers with decimals.
    pub decimal: char,
    /// Starts the file with U+FEFF.
    pub bom: bool,
    /// The 18 column names, in the order of [`to_csv`]'s.
    pub headers: Vec<String>,
}

/// The statistics as a CSV in `style` (the manager page's download); [`to_csv`] is the
/// API's fixed form.
pub fn to_csv_styled(stats: &Stats, style: &CsvStyle) -> String {
    let sep = style.separator;
    let field = |s: &str| {
        if s.contains([sep, '"', '\n', '\r']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    };
    let number = |v: Option<f64>| {
        v.map(|v| v.to_string().replace('.', &style.decimal.to_string()))
            .unwrap_or_default()
    };
    let mut out = String::new();
    if style.bom {
        out.push('\u{feff}');
    }
    let headers: Vec<String> = style.headers.iter().map(|h| field(h)).collect();
    out.push_str(&headers.join(&sep.to_string()));
    out.push_str("\r\n");
    for r in &stats.rows {
        // A leading = + - @ would make a spreadsheet run the name as a formula.
        let name = if r.name.starts_with(['=', '+', '-', '@']) {
            format!("'{}", r.name)
        } else {
            r.name.clone()
        };
        let cells = [
            field(&r.period),
            field(&r.scope),
            r.id.to_string(),
            field(&name),
            r.bookings.to_string(),
            r.check_ins.to_string(),
            r.cancellations.to_string(),
            r.no_shows.to_string(),
            number(r.no_show_rate),
            r.planned_person_minutes.to_string(),
            r.limit_person_minutes
                .map(|v| v.to_string())
                .unwrap_or_default(),
            number(r.utilisation),
            r.peak_occupancy.to_string(),
            r.queue.tickets.to_string(),
            r.queue.absent.to_string(),
            number(r.queue.absent_rate),
            number(r.queue.mean_wait_minutes),
            number(r.queue.mean_service_minutes),
        ];
        out.push_str(&cells.join(&sep.to_string()));
        out.push_str("\r\n");
    }
    out
}

pub fn to_csv(stats: &Stats) -> String {
    let field = |s: &str| {
        if s.contains([',', '"', '\n', '\r']) {
            format!("\"{}\"", s.replace('"', "\"\""))
        } else {
            s.to_string()
        }
    };
    let opt_f = |v: Option<f64>| v.map(|v| v.to_string()).unwrap_or_default();
    let mut out = String::from(
        "period,scope,id,name,bookings,check_ins,cancellations,no_shows,no_show_rate,planned_person_minutes,limit_person_minutes,utilisation,peak_occupancy,tickets,absent,absent_rate,mean_wait_minutes,mean_service_minutes\r\n",
    );
    for r in &stats.rows {
        // A leading = + - @ would make a spreadsheet run the name as a formula.
        let name = if r.name.starts_with(['=', '+', '-', '@']) {
            format!("'{}", r.name)
        } else {
            r.name.clone()
        };
        out.push_str(&format!(
            "{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\r\n",
            r.period,
            r.scope,
            r.id,
            field(&name),
            r.bookings,
            r.check_ins,
            r.cancellations,
            r.no_shows,
            opt_f(r.no_show_rate),
            r.planned_person_minutes,
            r.limit_person_minutes
                .map(|v| v.to_string())
                .unwrap_or_default(),
            opt_f(r.utilisation),
            r.peak_occupancy,
            r.queue.tickets,
            r.queue.absent,
            opt_f(r.queue.absent_rate),
            opt_f(r.queue.mean_wait_minutes),
            opt_f(r.queue.mean_service_minutes),
        ));
    }
    out
}

/// The statistics as one sheet of a workbook ([`crate::service::exports`]), with the
/// column names of the reader's language (those of [`CsvStyle::headers`]).
pub fn to_sheet(stats: &Stats, headers: Vec<String>) -> crate::service::exports::Sheet {
    use crate::service::exports::{Cell, Sheet};
    let share = |v: Option<f64>| v.map_or(Cell::Empty, Cell::Share);
    let rows = stats
        .rows
        .iter()
        .map(|r| {
            vec![
                Cell::Text(r.period.clone()),
                Cell::Text(r.scope.clone()),
                Cell::Int(i64::from(r.id)),
                Cell::Text(r.name.clone()),
                Cell::Int(r.bookings),
                Cell::Int(r.check_ins),
                Cell::Int(r.cancellations),
                Cell::Int(r.no_shows),
                share(r.no_show_rate),
                Cell::Int(r.planned_person_minutes),
                r.limit_person_minutes.map_or(Cell::Empty, Cell::Int),
                share(r.utilisation),
                Cell::Int(i64::from(r.peak_occupancy)),
                Cell::Int(r.queue.tickets),
                Cell::Int(r.queue.absent),
                share(r.queue.absent_rate),
                r.queue.mean_wait_minutes.into(),
                r.queue.mean_service_minutes.into(),
            ]
        })
        .collect();
    Sheet {
        name: format!("{} {}", stats.from, stats.to),
        headers,
        rows,
    }
}
