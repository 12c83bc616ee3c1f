//! Offices: creating one, its settings, and the list citizens choose from. Every change
//! is written to the audit log in the same transaction.

//! Setting an office up without SQL: offices, rooms, counters, services, opening hours
//! and closures. Every change is written to the audit log in the same transaction.

use chrono::{DateTime, Utc};
use chrono_tz::Tz;
use entity::{office, room, service};
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{
    domain::{FieldError, Role},
    error::AppResult,
    service::{
        actor::Actor,
        audit::Audit,
        db::Db,
        office::{
            input::{check_name, check_range, validation},
            lookup::find_office,
            rooms::RoomView,
            services::{ServiceView, service_view},
        },
    },
};

/// `POST /api/v1/offices` body.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
pub struct OfficeInput {
    /// Display name.
    pub name: String,
    /// Street address.
    #[serde(default)]
    pub address: String,
    /// IANA zone, default `Europe/Rome`.
    #[serde(default)]
    pub timezone: Option<String>,
    /// Minutes citizens wait in the room before their turn (default 0).
    #[serde(default)]
    pub arrival_margin_minutes: Option<i32>,
    /// Email citizens whose booking is released as a no-show (default false).
    #[serde(default)]
    pub no_show_email: Option<bool>,
    /// The office's phone and email for citizens.
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
}

/// `PATCH /api/v1/offices/{id}` body: the office's settings.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
pub struct OfficeSettings {
    /// Email citizens whose booking is released as a no-show.
    pub no_show_email: bool,
    /// The office's phone for citizens; omitted: unchanged, empty: removed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// The office's email for citizens; omitted: unchanged, empty: removed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
}

impl OfficeSettings {
    fn of(o: &office::Model) -> Self {
        Self {
            no_show_email: o.no_show_email,
            phone: o.phone.clone(),
            email: o.email.clone(),
        }
    }
}

/// A contact as stored: trimmed, empty is none; at most 200 characters.
fn contact(errors: &mut Vec<FieldError>, field: &'static str, raw: &str) -> Option<String> {
    let v = raw.trim();
    crate::service::office::input::check_text(errors, field, v);
    if v.chars().count() > 200 {
        errors.push(FieldError::new(field, "must have at most 200 characters"));
    }
    if field == "email" && !v.is_empty() && !v.contains('@') {
        errors.push(FieldError::new(field, "must be an email address"));
    }
    Some(v.to_string()).filter(|v| !v.is_empty())
}

/// Changes an office's settings (its managers, admins).
pub async fn update_settings(
    db: &Db,
    actor: &Actor,
    office_id: i32,
    input: &OfficeSettings,
    now: DateTime<Utc>,
) -> AppResult<OfficeSettings> {
    let before = find_office(db, office_id).await?;
    actor.require(Role::Manager, office_id)?;
    let mut errors = Vec::new();
    let (txn, _gate) = crate::service::engine::begin(db).await?;
    let mut row: office::ActiveModel = before.clone().into();
    row.no_show_email = Set(input.no_show_email);
    if let Some(phone) = &input.phone {
        row.phone = Set(contact(&mut errors, "phone", phone));
    }
    if let Some(email) = &input.email {
        row.email = Set(contact(&mut errors, "email", email));
    }
    validation(errors)?;
    let saved = row.update(&txn).await?;
    crate::service::setup::bump_version(&txn, office_id).await?;
    Audit::new(Some(actor), "update", "office", office_id)
        .office(office_id)
        .before(&OfficeSettings::of(&before))
        .after(&OfficeSettings::of(&saved))
        .write(&txn, now)
        .await?;
    txn.commit().await?;
    Ok(OfficeSettings::of(&saved))
}

/// Creates an office (admins only).
pub async fn create_office(
    db: &Db,
    actor: &Actor,
    input: &OfficeInput,
    now: DateTime<Utc>,
) -> AppResult<OfficeView> {
    actor.require_admin()?;
    let mut errors = Vec::new();
    check_name(&mut errors, "name", &input.name);
    let timezone = input
        .timezone
        .clone()
        .unwrap_or_else(|| "Europe/Rome".into());
    if timezone.parse::<Tz>().is_err() {
        errors.push(FieldError::new(
            "timezone",
            "must be an IANA time zone such as Europe/Rome",
        ));
    }
    let margin = input.arrival_margin_minutes.unwrap_or(0);
    check_range(&mut errors, "arrival_margin_minutes", margin, 0, 240);
    let phone = contact(&mut errors, "phone", input.phone.as_deref().unwrap_or(""));
    let email = contact(&mut errors, "email", input.email.as_deref().unwrap_or(""));
    validation(errors)?;
    let (txn, _gate) = crate::service::engine::begin(db).await?;
    let created = office::ActiveModel {
        name: Set(input.name.trim().into()),
        address: Set(input.address.trim().into()),
        timezone: Set(timezone),
        arrival_margin_minutes: Set(margin),
        // No service yet: every service added raises it (`setup::bump_version`).
        max_span_minutes: Set(margin),
        no_show_email: Set(input.no_show_email.unwrap_or(false)),
        created_at: Set(now),
        phone: Set(phone),
        email: Set(email),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    Audit::new(Some(actor), "create", "office", created.id)
        .office(created.id)
        .after(&created)
        .write(&txn, now)
        .await?;
    txn.commit().await?;
    Ok(OfficeView {
        id: created.id,
        name: created.name,
        address: created.address,
        timezone: created.timezone,
        arrival_margin_minutes: created.arrival_margin_minutes,
        phone: created.phone,
        email: created.email,
        rooms: Vec::new(),
        services: Vec::new(),
    })
}

/// One office as listed publicly.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct OfficeView {
    /// Office id.
    pub id: i32,
    /// Name.
    pub name: String,
    /// Address.
    pub address: String,
    /// IANA zone.
    pub timezone: String,
    /// Minutes citizens wait in the room before their turn.
    pub arrival_margin_minutes: i32,
    /// The office's phone and email for citizens.
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    /// Rooms.
    pub rooms: Vec<RoomView>,
    /// Services.
    pub services: Vec<ServiceView>,
}

/// Lists every office with its rooms and services.
pub async fn list_offices(db: &Db) -> AppResult<Vec<OfficeView>> {
    let offices = office::Entity::find().all(&db.conn).await?;
    let rooms = room::Entity::find().all(&db.conn).await?;
    let services = service::Entity::find().all(&db.conn).await?;
    let mut out: Vec<OfficeView> = offices
        .into_iter()
        .map(|o| OfficeView {
            rooms: rooms
                .iter()
                .filter(|r| r.office_id == o.id)
                .map(|r| RoomView {
                    id: r.id,
                    name: r.name.clone(),
                    occupancy_limit: r.occupancy_limit,
                    parent_room_id: r.parent_room_id,
                })
                .collect(),
            services: services
                .iter()
                .filter(|s| s.office_id == o.id)
                .map(service_view)
                .collect(),
            id: o.id,
            name: o.name,
            address: o.address,
            timezone: o.timezone,
            arrival_margin_minutes: o.arrival_margin_minutes,
            phone: o.phone,
            email: o.email,
        })
        .collect();
    out.sort_by_key(|o| o.id);
    Ok(out)
}
