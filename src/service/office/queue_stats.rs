//! The queue's figures per day or week (DOMAIN.md rule 6): waiting time (arrival to the
//! first call), service time (start to done) and the absent rate, per office, service and
//! counter. They join the statistics' rows (`office::stats`), so the page, its CSV and
//! the API show them beside the bookings.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use entity::{status::TicketStatus, ticket};
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};

use crate::{
    error::AppResult,
    service::{
        db::Db,
        office::stats_types::{QueueFigures, StatsRow},
        setup::OfficeSetup,
    },
};

#[derive(Default)]
struct Tally {
    tickets: i64,
    done: i64,
    absent: i64,
    waits: Vec<f64>,
    services: Vec<f64>,
}

fn minutes(a: Option<DateTime<Utc>>, b: Option<DateTime<Utc>>) -> Option<f64> {
    match (a, b) {
        (Some(a), Some(b)) if b >= a => Some((b - a).num_seconds() as f64 / 60.0),
        _ => None,
    }
}

fn mean(v: &[f64]) -> Option<f64> {
    (!v.is_empty()).then(|| (v.iter().sum::<f64>() / v.len() as f64 * 10.0).round() / 10.0)
}

/// Adds the queue's figures to `rows` (office and service rows that exist get them; the
/// counters' rows, scope `counter`, are added), then sorts the rows by period and scope.
pub async fn merge(
    db: &Db,
    setup: &OfficeSetup,
    (from, to): (NaiveDate, NaiveDate),
    period_of: impl Fn(NaiveDate) -> String,
    rows: &mut Vec<StatsRow>,
) -> AppResult<()> {
    let office_id = setup.office.id;
    let tickets = ticket::Entity::find()
        .filter(ticket::Column::OfficeId.eq(office_id))
        .filter(ticket::Column::Day.gte(from.to_string()))
        .filter(ticket::Column::Day.lte(to.to_string()))
        .all(&db.conn)
        .await?;
    // (period, scope order, id)
    let mut tallies: BTreeMap<(String, u8, i32), Tally> = BTreeMap::new();
    for t in &tickets {
        let Ok(day) = t.day.parse::<NaiveDate>() else {
            continue;
        };
        let period = period_of(day);
        let mut keys = vec![
            (period.clone(), 0u8, office_id),
            (period.clone(), 2, t.service_id),
        ];
        if let Some(c) = t.counter_id {
            keys.push((period, 3, c));
        }
        for key in keys {
            let tally = tallies.entry(key).or_default();
            tally.tickets += 1;
            match t.status {
                TicketStatus::Done => tally.done += 1,
                TicketStatus::Absent => tally.absent += 1,
                _ => {}
            }
            tally
                .waits
                .extend(minutes(Some(t.joined_at), t.first_called_at));
            if t.status == TicketStatus::Done {
                tally.services.extend(minutes(t.started_at, t.ended_at));
            }
        }
    }
    let scope_of = |s: u8| ["office", "room", "service", "counter"][usize::from(s)];
    for ((period, scope, id), t) in tallies {
        let figures = QueueFigures {
            tickets: t.tickets,
            absent: t.absent,
            absent_rate: (t.done + t.absent > 0)
                .then(|| t.absent as f64 / (t.done + t.absent) as f64),
            mean_wait_minutes: mean(&t.waits),
            mean_service_minutes: mean(&t.services),
        };
        let found = rows
            .iter_mut()
            .find(|r| r.period == period && r.scope == scope_of(scope) && r.id == id);
        match found {
            Some(row) => row.queue = figures,
            None => {
                let name = match scope {
                    0 => setup.office.name.clone(),
                    2 => setup
                        .services
                        .iter()
                        .find(|s| s.id == id)
                        .map(|s| s.name.clone())
                        .unwrap_or_default(),
                    _ => setup
                        .counters
                        .iter()
                        .find(|(c, _)| c.id == id)
                        .map(|(c, _)| c.name.clone())
                        .unwrap_or_default(),
                };
                rows.push(StatsRow::queue_only(
                    period,
                    scope_of(scope),
                    id,
                    name,
                    figures,
                ));
            }
        }
    }
    let order = |s: &str| {
        ["office", "room", "service", "counter"]
            .iter()
            .position(|x| *x == s)
    };
    rows.sort_by(|a, b| {
        (a.period.as_str(), order(&a.scope), a.id).cmp(&(b.period.as_str(), order(&b.scope), b.id))
    });
    Ok(())
}
