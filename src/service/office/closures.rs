//! The closures of an office (days or hours it is shut): saving one with its impact,
//! listing, removing, and the one-click import of a year's Italian public holidays (Easter
//! Monday computed) with the office's patron saint days.

use chrono::{DateTime, NaiveDate, Utc};
use entity::{closure, counter};
use sea_orm::{
    ActiveModelTrait, ActiveValue::Set, ColumnTrait, EntityTrait, QueryFilter, QueryOrder,
};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{
    domain::{FieldError, Role, holidays},
    error::{AppError, AppResult},
    service::{
        actor::Actor,
        audit::Audit,
        db::Db,
        engine,
        office::{
            impact,
            input::{parse_date, validation},
            lookup::find_office,
            rules::Impact,
        },
    },
};

/// A patron saint's day, repeated every year.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
pub struct PatronDay {
    /// `MM-DD`.
    pub date: String,
    /// Whose day, shown to citizens as the reason.
    pub name: String,
}

/// `POST /api/v1/offices/{id}/closures/holidays` body.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
pub struct HolidayImport {
    /// The year to import.
    pub year: i32,
    /// The office's patron saint days (Bari: 05-08 and 12-06, San Nicola).
    #[serde(default)]
    pub patron_days: Vec<PatronDay>,
}

/// What an import adds (or in a dry run, would add), with the combined impact.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ImportOutcome {
    /// The closures added; days already closed for the whole office are skipped.
    pub closures: Vec<ClosureView>,
    /// Bookings on the new closed days.
    pub impact: Impact,
}

/// Closure rows as views.
fn view(c: closure::Model) -> ClosureView {
    ClosureView {
        id: c.id,
        office_id: c.office_id,
        counter_id: c.counter_id,
        from: c.date_from.to_string(),
        to: c.date_to.to_string(),
        reason: c.reason,
        impact: None,
    }
}

/// The office's closures ending on or after `since`, by date.
pub async fn list(
    db: &Db,
    actor: &Actor,
    office_id: i32,
    since: NaiveDate,
) -> AppResult<Vec<ClosureView>> {
    find_office(db, office_id).await?;
    actor.require(Role::Manager, office_id)?;
    Ok(closure::Entity::find()
        .filter(closure::Column::OfficeId.eq(office_id))
        .filter(closure::Column::DateTo.gte(since))
        .order_by_asc(closure::Column::DateFrom)
        .order_by_asc(closure::Column::Id)
        .all(&db.conn)
        .await?
        .into_iter()
        .map(view)
        .collect())
}

/// The holidays of `year` with the patron days, or the field errors of the input.
fn days_of(input: &HolidayImport) -> AppResult<Vec<(NaiveDate, String)>> {
    let mut errors = Vec::new();
    if !(2000..=2200).contains(&input.year) {
        errors.push(FieldError::new("year", "must be between 2000 and 2200"));
    }
    let mut days: Vec<(NaiveDate, String)> = holidays::italian_holidays(input.year)
        .into_iter()
        .map(|(d, n)| (d, n.to_string()))
        .collect();
    for (i, p) in input.patron_days.iter().enumerate().take(20) {
        let date =
            NaiveDate::parse_from_str(&format!("{}-{}", input.year, p.date.trim()), "%Y-%m-%d");
        let name = p.name.trim();
        match date {
            Ok(d) if !name.is_empty() && name.chars().count() <= 200 => days.push((d, name.into())),
            Ok(_) => errors.push(FieldError::new(
                format!("patron_days[{i}].name"),
                "must have 1 to 200 characters",
            )),
            Err(_) => errors.push(FieldError::new(
                format!("patron_days[{i}].date"),
                "must be a day MM-DD",
            )),
        }
    }
    if input.patron_days.len() > 20 {
        errors.push(FieldError::new("patron_days", "at most 20 days"));
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    days.sort();
    days.dedup_by_key(|d| d.0);
    Ok(days)
}

/// Closes the office on every public holiday of the year and its patron days that is not
/// closed already (with `dry_run`, only lists them with their impact). All or nothing, in
/// one transaction; two imports at once (a double click) queue on a lock row, and the
/// second finds the days closed.
pub async fn import_holidays(
    db: &Db,
    actor: &Actor,
    office_id: i32,
    input: &HolidayImport,
    dry_run: bool,
    now: DateTime<Utc>,
) -> AppResult<ImportOutcome> {
    find_office(db, office_id).await?;
    actor.require(Role::Manager, office_id)?;
    let days = days_of(input)?;
    let setup = db.setups.get(&db.conn, office_id).await?;
    let closed_already = |existing: &[closure::Model], date: NaiveDate| {
        existing
            .iter()
            .any(|c| c.counter_id.is_none() && c.date_from <= date && date <= c.date_to)
    };
    let mut closures = Vec::new();
    let mut parts = Vec::new();
    if dry_run {
        let existing = office_closures(&db.conn, office_id).await?;
        for (date, reason) in days {
            if closed_already(&existing, date) {
                continue;
            }
            parts.push(impact::of_closure(&db.conn, &setup, None, (date, date), now).await?);
            closures.push(ClosureView {
                id: 0,
                office_id,
                counter_id: None,
                from: date.to_string(),
                to: date.to_string(),
                reason,
                impact: None,
            });
        }
    } else {
        let (txn, _gate) = engine::begin(db).await?;
        engine::lock(&txn, &[format!("closures:{office_id}")]).await?;
        let existing = office_closures(&txn, office_id).await?;
        let mut added = Vec::new();
        for (date, reason) in days {
            if closed_already(&existing, date) {
                continue;
            }
            let made =
                insert_closure(&txn, actor, office_id, None, (date, date), reason, now).await?;
            added.push(made);
        }
        if !added.is_empty() {
            crate::service::setup::bump_version(&txn, office_id).await?;
        }
        for made in added {
            parts.push(
                impact::of_closure(&txn, &setup, None, (made.date_from, made.date_to), now).await?,
            );
            closures.push(view(made));
        }
        txn.commit().await?;
    }
    let mut combined = Impact::default();
    for part in parts {
        combined.over_limit.extend(part.over_limit);
        combined.affected_bookings.extend(part.affected_bookings);
    }
    combined.affected_bookings.sort();
    combined.affected_bookings.dedup();
    Ok(ImportOutcome {
        closures,
        impact: combined,
    })
}

async fn office_closures(
    db: &impl sea_orm::ConnectionTrait,
    office_id: i32,
) -> AppResult<Vec<closure::Model>> {
    Ok(closure::Entity::find()
        .filter(closure::Column::OfficeId.eq(office_id))
        .all(db)
        .await?)
}

/// Removes a closure: the days open again for new bookings.
pub async fn delete(db: &Db, actor: &Actor, closure_id: i32, now: DateTime<Utc>) -> AppResult<()> {
    let found = closure::Entity::find_by_id(closure_id)
        .one(&db.conn)
        .await?
        .ok_or_else(|| AppError::not_found("There is no such closure."))?;
    actor.require(Role::Manager, found.office_id)?;
    let (txn, _gate) = crate::service::engine::begin(db).await?;
    closure::Entity::delete_by_id(closure_id).exec(&txn).await?;
    crate::service::setup::bump_version(&txn, found.office_id).await?;
    Audit::new(Some(actor), "delete", "closure", closure_id)
        .office(found.office_id)
        .before(&found)
        .write(&txn, now)
        .await?;
    txn.commit().await?;
    Ok(())
}

/// `POST /api/v1/offices/{id}/closures` body.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
pub struct ClosureInput {
    /// First closed local date.
    pub from: String,
    /// Last closed local date (inclusive; default `from`).
    #[serde(default)]
    pub to: Option<String>,
    /// Why (shown to citizens).
    #[serde(default)]
    pub reason: String,
    /// Close one counter only.
    #[serde(default)]
    pub counter_id: Option<i32>,
}

/// Adds a closure (with `dry_run`, only shows its impact). Existing bookings on those
/// days are kept (DOMAIN.md rule 7): the impact lists them, for the manager to notify.
pub async fn create_closure(
    db: &Db,
    actor: &Actor,
    office_id: i32,
    input: &ClosureInput,
    dry_run: bool,
    now: DateTime<Utc>,
) -> AppResult<ClosureView> {
    find_office(db, office_id).await?;
    actor.require(Role::Manager, office_id)?;
    let mut errors = Vec::new();
    let from = parse_date(&mut errors, "from", &input.from);
    let to = match &input.to {
        Some(t) => parse_date(&mut errors, "to", t),
        None => from,
    };
    if let (Some(f), Some(t)) = (from, to)
        && (t < f || (t - f).num_days() > 366)
    {
        errors.push(FieldError::new(
            "to",
            "must be on or after from, within a year",
        ));
    }
    if input.reason.chars().count() > 200 {
        errors.push(FieldError::new(
            "reason",
            "must have at most 200 characters",
        ));
    }
    if let Some(counter_id) = input.counter_id {
        let found = counter::Entity::find_by_id(counter_id)
            .one(&db.conn)
            .await?;
        if found.is_none_or(|c| c.office_id != office_id) {
            errors.push(FieldError::new(
                "counter_id",
                "must be a counter of this office",
            ));
        }
    }
    validation(errors)?;
    let (Some(from), Some(to)) = (from, to) else {
        return Err(AppError::invalid("from", "is required"));
    };
    let setup = db.setups.get(&db.conn, office_id).await?;
    let reason = input.reason.trim().to_string();
    if dry_run {
        let impact = crate::service::office::impact::of_closure(
            &db.conn,
            &setup,
            input.counter_id,
            (from, to),
            now,
        )
        .await?;
        return Ok(ClosureView {
            id: 0,
            office_id,
            counter_id: input.counter_id,
            from: from.to_string(),
            to: to.to_string(),
            reason,
            impact: Some(impact),
        });
    }
    // Saved, the impact is read inside the transaction after the version bump (see
    // `rules::set_room_limit`).
    let (txn, _gate) = crate::service::engine::begin(db).await?;
    let created = insert_closure(
        &txn,
        actor,
        office_id,
        input.counter_id,
        (from, to),
        reason,
        now,
    )
    .await?;
    crate::service::setup::bump_version(&txn, office_id).await?;
    let impact =
        crate::service::office::impact::of_closure(&txn, &setup, input.counter_id, (from, to), now)
            .await?;
    txn.commit().await?;
    Ok(ClosureView {
        id: created.id,
        office_id,
        counter_id: created.counter_id,
        from: created.date_from.to_string(),
        to: created.date_to.to_string(),
        reason: created.reason,
        impact: Some(impact),
    })
}

/// Writes a closure and its audit row in the caller's transaction (which bumps the
/// office's version).
pub(crate) async fn insert_closure(
    txn: &sea_orm::DatabaseTransaction,
    actor: &Actor,
    office_id: i32,
    counter_id: Option<i32>,
    (from, to): (NaiveDate, NaiveDate),
    reason: String,
    now: DateTime<Utc>,
) -> AppResult<closure::Model> {
    let created = closure::ActiveModel {
        office_id: Set(office_id),
        counter_id: Set(counter_id),
        date_from: Set(from),
        date_to: Set(to),
        reason: Set(reason),
        ..Default::default()
    }
    .insert(txn)
    .await?;
    Audit::new(Some(actor), "create", "closure", created.id)
        .office(office_id)
        .after(&created)
        .write(txn, now)
        .await?;
    Ok(created)
}

/// A closure as returned.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ClosureView {
    /// Closure id.
    pub id: i32,
    /// Office id.
    pub office_id: i32,
    /// The counter closed, or null for the whole office.
    pub counter_id: Option<i32>,
    /// First closed local date.
    pub from: String,
    /// Last closed local date.
    pub to: String,
    /// Why.
    pub reason: String,
    /// The bookings it leaves on closed days (none saved in a dry run: `id` is 0).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub impact: Option<crate::service::office::rules::Impact>,
}
