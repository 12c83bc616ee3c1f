//! The closures of an office: listing, removing, and the one-click import of a year's
//! Italian public holidays (Easter Monday computed) with the office's patron saint days.

use chrono::{DateTime, NaiveDate, Utc};
use entity::closure;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{
    domain::{FieldError, Role, holidays},
    error::{AppError, AppResult},
    service::{
        admin::{self, ClosureInput, ClosureView},
        audit::Audit,
        auth::Actor,
        db::Db,
        rules::Impact,
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
    admin::find_office(db, office_id).await?;
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
/// closed already (with `dry_run`, only lists them with their impact).
pub async fn import_holidays(
    db: &Db,
    actor: &Actor,
    office_id: i32,
    input: &HolidayImport,
    dry_run: bool,
    now: DateTime<Utc>,
) -> AppResult<ImportOutcome> {
    admin::find_office(db, office_id).await?;
    actor.require(Role::Manager, office_id)?;
    let days = days_of(input)?;
    let existing = closure::Entity::find()
        .filter(closure::Column::OfficeId.eq(office_id))
        .filter(closure::Column::CounterId.is_null())
        .all(&db.conn)
        .await?;
    let mut closures = Vec::new();
    let mut impact = Impact::default();
    for (date, reason) in days {
        if existing
            .iter()
            .any(|c| c.date_from <= date && date <= c.date_to)
        {
            continue;
        }
        let made = admin::create_closure(
            db,
            actor,
            office_id,
            &ClosureInput {
                from: date.to_string(),
                to: None,
                reason,
                counter_id: None,
            },
            dry_run,
            now,
        )
        .await?;
        if let Some(i) = &made.impact {
            impact.over_limit.extend(i.over_limit.iter().cloned());
            impact
                .affected_bookings
                .extend(i.affected_bookings.iter().cloned());
        }
        closures.push(ClosureView {
            impact: None,
            ..made
        });
    }
    impact.affected_bookings.sort();
    impact.affected_bookings.dedup();
    Ok(ImportOutcome { closures, impact })
}

/// Removes a closure: the days open again for new bookings.
pub async fn delete(db: &Db, actor: &Actor, closure_id: i32, now: DateTime<Utc>) -> AppResult<()> {
    let found = closure::Entity::find_by_id(closure_id)
        .one(&db.conn)
        .await?
        .ok_or_else(|| AppError::not_found("There is no such closure."))?;
    actor.require(Role::Manager, found.office_id)?;
    let (txn, _gate) = crate::service::capacity::begin(db).await?;
    closure::Entity::delete_by_id(closure_id).exec(&txn).await?;
    crate::service::office::bump_version(&txn, found.office_id).await?;
    Audit::new(Some(actor), "delete", "closure", closure_id)
        .office(found.office_id)
        .before(&found)
        .write(&txn, now)
        .await?;
    txn.commit().await?;
    Ok(())
}
