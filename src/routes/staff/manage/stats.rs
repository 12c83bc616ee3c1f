//! Statistics per day or week, with the chart and the CSV download.

use std::collections::HashMap;

use askama::Template;
use askama_web::WebTemplate;
use axum::{
    extract::{Query, State},
    http::header,
    response::{IntoResponse, Response},
};

use super::{Params, common, office_param};
use crate::{
    routes::staff::{Nav, Session},
    service::office::stats::{self, StatsQuery, StatsRow},
    state::AppState,
    web::{PageError, Tr, chart, fl},
};

/// A room's or service's period with no booking, no visit and nobody inside: folded away,
/// since a busy office over a month would otherwise list hundreds of empty rows.
fn quiet(r: &StatsRow) -> bool {
    r.bookings == 0
        && r.check_ins == 0
        && r.cancellations == 0
        && r.no_shows == 0
        && r.peak_occupancy == 0
        && r.queue.tickets == 0
}

#[derive(Template, WebTemplate)]
#[template(path = "staff/manage/stats.html")]
struct StatsPage {
    t: &'static Tr,
    nav: Nav,
    office_id: i32,
    from: String,
    to: String,
    weekly: bool,
    office_rows: Vec<StatsLine>,
    other_rows: Vec<StatsLine>,
    /// Rooms' and services' periods with nothing in them, folded away under the table.
    quiet_rows: Vec<StatsLine>,
    /// The queue's figures, for the office, services and counters with tickets.
    queue_rows: Vec<QueueLine>,
    bookings_svg: String,
    utilisation_svg: String,
    csv_url: String,
    xlsx_url: String,
    bookings_url: String,
}

/// A statistics row as shown: rates as percentages, "–" where there is none.
struct StatsLine {
    period: String,
    scope: String,
    name: String,
    bookings: i64,
    check_ins: i64,
    cancellations: i64,
    no_shows: i64,
    no_show_rate: String,
    utilisation: String,
    peak_occupancy: i32,
}

/// A queue row as shown.
struct QueueLine {
    period: String,
    scope: String,
    name: String,
    tickets: i64,
    absent_rate: String,
    wait: String,
    service: String,
}

fn queue_line(t: &Tr, r: &StatsRow) -> QueueLine {
    let minutes = |v: Option<f64>| {
        v.map_or_else(
            || "–".into(),
            |v| fl!(t, "queue-minutes", value = t.decimal(v, 1)),
        )
    };
    QueueLine {
        period: r.period.clone(),
        scope: r.scope.clone(),
        name: r.name.clone(),
        tickets: r.queue.tickets,
        absent_rate: pct(t, r.queue.absent_rate),
        wait: minutes(r.queue.mean_wait_minutes),
        service: minutes(r.queue.mean_service_minutes),
    }
}

fn pct(t: &Tr, v: Option<f64>) -> String {
    v.map_or_else(
        || "–".into(),
        |v| fl!(t, "manager-percent", value = t.decimal(v * 100.0, 1)),
    )
}

fn line(t: &Tr, r: &StatsRow) -> StatsLine {
    StatsLine {
        period: r.period.clone(),
        scope: r.scope.clone(),
        name: r.name.clone(),
        bookings: r.bookings,
        check_ins: r.check_ins,
        cancellations: r.cancellations,
        no_shows: r.no_shows,
        no_show_rate: pct(t, r.no_show_rate),
        utilisation: pct(t, r.utilisation),
        peak_occupancy: r.peak_occupancy,
    }
}

/// The page's period: as asked, else the last 30 days and the next 14 (what a manager
/// looks at: how it went, and what is booked ahead).
fn stats_query(q: &HashMap<String, String>, today: chrono::NaiveDate) -> StatsQuery {
    let given = |k: &str| {
        q.get(k)
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    };
    StatsQuery {
        from: given("from").or_else(|| Some((today - chrono::Duration::days(30)).to_string())),
        to: given("to").or_else(|| Some((today + chrono::Duration::days(14)).to_string())),
        by: q.get("by").cloned(),
    }
}

/// The CSV as the manager's spreadsheet reads it: in a language with a decimal comma,
/// `;` between fields (Italian Excel), a byte-order mark, and headers in the language.
fn csv_style(t: &Tr) -> stats::CsvStyle {
    let decimal = t.decimal(0.5, 1).chars().nth(1).unwrap_or('.');
    let headers = [
        "manager-period",
        "manager-csv-scope",
        "manager-csv-id",
        "manager-csv-name",
        "manager-bookings",
        "manager-check-ins",
        "manager-cancellations",
        "manager-no-shows",
        "manager-no-show-rate",
        "manager-csv-planned",
        "manager-csv-capacity",
        "manager-utilisation",
        "manager-peak",
        "queue-stat-tickets",
        "queue-stat-absent",
        "queue-stat-absent-rate",
        "queue-stat-wait",
        "queue-stat-service",
    ]
    .iter()
    .map(|id| t.get(id))
    .collect();
    stats::CsvStyle {
        separator: if decimal == ',' { ';' } else { ',' },
        decimal,
        bom: true,
        headers,
    }
}

/// Today in the office's zone.
async fn today_of(state: &AppState, office_id: i32) -> chrono::NaiveDate {
    let tz = crate::service::directory::tz(&state.db, office_id)
        .await
        .unwrap_or(chrono_tz::Europe::Rome);
    crate::domain::schedule::local_date(tz, state.clock.now())
}

/// `GET /manage/stats?office=&from=&to=&by=`.
pub async fn show_stats(
    State(state): State<AppState>,
    session: Session,
    Query(q): Params,
) -> Result<Response, PageError> {
    let c = common(&state, &session, office_param(&q), "/manage/stats").await?;
    let out = stats::office_stats(
        &state.db,
        &session.actor,
        c.office_id,
        &stats_query(&q, today_of(&state, c.office_id).await),
        state.clock.now(),
    )
    .await
    .map_err(|e| session.page_error(e))?;
    let (office_rows, other_rows): (Vec<StatsRow>, Vec<StatsRow>) =
        out.rows.iter().cloned().partition(|r| r.scope == "office");
    #[allow(clippy::cast_precision_loss)]
    let bookings: Vec<(String, f64)> = office_rows
        .iter()
        .map(|r| (r.period.clone(), r.bookings as f64))
        .collect();
    let utilisation: Vec<(String, f64)> = office_rows
        .iter()
        .map(|r| (r.period.clone(), r.utilisation.unwrap_or(0.0) * 100.0))
        .collect();
    let csv_url = format!(
        "/manage/stats.csv?office={}&from={}&to={}&by={}",
        c.office_id, out.from, out.to, out.by
    );
    let bookings_url = format!(
        "/manage/bookings.xlsx?office={}&from={}&to={}",
        c.office_id, out.from, out.to
    );
    Ok(StatsPage {
        t: c.t,
        bookings_svg: chart::bars(
            "bookings",
            &fl!(c.t, "manager-chart-bookings"),
            &bookings,
            1.0,
            |v| format!("{v:.0}"),
        ),
        utilisation_svg: chart::bars(
            "utilisation",
            &fl!(c.t, "manager-chart-utilisation"),
            &utilisation,
            100.0,
            |v| format!("{v:.0}%"),
        ),
        office_id: c.office_id,
        nav: c.nav,
        from: out.from,
        to: out.to,
        weekly: out.by == "week",
        office_rows: office_rows.iter().map(|r| line(c.t, r)).collect(),
        queue_rows: out
            .rows
            .iter()
            .filter(|r| r.queue.tickets > 0)
            .map(|r| queue_line(c.t, r))
            .collect(),
        other_rows: other_rows
            .iter()
            .filter(|r| r.scope != "counter" && !quiet(r))
            .map(|r| line(c.t, r))
            .collect(),
        quiet_rows: other_rows
            .iter()
            .filter(|r| r.scope != "counter" && quiet(r))
            .map(|r| line(c.t, r))
            .collect(),
        xlsx_url: csv_url.replacen("/manage/stats.csv", "/manage/stats.xlsx", 1),
        bookings_url,
        csv_url,
    }
    .into_response())
}

/// `GET /manage/stats.csv?office=&from=&to=&by=`: the same tables as CSV.
pub async fn stats_csv(
    State(state): State<AppState>,
    session: Session,
    Query(q): Params,
) -> Result<Response, PageError> {
    let c = common(&state, &session, office_param(&q), "/manage/stats").await?;
    let out = stats::office_stats(
        &state.db,
        &session.actor,
        c.office_id,
        &stats_query(&q, today_of(&state, c.office_id).await),
        state.clock.now(),
    )
    .await
    .map_err(|e| session.page_error(e))?;
    let name = format!(
        "attachment; filename=\"sportello-{}-{}-{}.csv\"",
        out.office_id, out.from, out.to
    );
    Ok((
        [
            (header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, name),
        ],
        stats::to_csv_styled(&out, &csv_style(c.t)),
    )
        .into_response())
}

/// `GET /manage/stats.xlsx?office=&from=&to=&by=`: the same table as a workbook.
pub async fn stats_xlsx(
    State(state): State<AppState>,
    session: Session,
    Query(q): Params,
) -> Result<Response, PageError> {
    let c = common(&state, &session, office_param(&q), "/manage/stats").await?;
    let out = stats::office_stats(
        &state.db,
        &session.actor,
        c.office_id,
        &stats_query(&q, today_of(&state, c.office_id).await),
        state.clock.now(),
    )
    .await
    .map_err(|e| session.page_error(e))?;
    let book = crate::service::exports::workbook(&[stats::to_sheet(&out, csv_style(c.t).headers)])
        .map_err(|e| session.page_error(e))?;
    let name = format!(
        "attachment; filename=\"sportello-{}-{}-{}.xlsx\"",
        out.office_id, out.from, out.to
    );
    Ok((
        [
            (
                header::CONTENT_TYPE,
                crate::service::exports::XLSX.to_string(),
            ),
            (header::CONTENT_DISPOSITION, name),
        ],
        book,
    )
        .into_response())
}
