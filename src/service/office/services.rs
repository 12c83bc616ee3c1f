//! Services (ID card, certificate, …): duration, notice, party size and the per-citizen
//! limit, and the counters that offer them.

//! Setting an office up without SQL: offices, rooms, counters, services, opening hours
//! and closures. Every change is written to the audit log in the same transaction.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use entity::service;
use sea_orm::{ActiveModelTrait, ActiveValue::Set, EntityTrait};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::{
    domain::{Channel, FieldError, Role},
    error::{AppError, AppResult},
    service::{
        actor::Actor,
        audit::Audit,
        db::Db,
        office::{
            input::{check_name, check_range, validation},
            lookup::find_office,
        },
    },
};

/// `POST /api/v1/offices/{id}/services` body.
#[derive(Debug, Clone, Deserialize, Serialize, ToSchema)]
pub struct ServiceInput {
    /// Display name.
    pub name: String,
    /// Appointment length.
    pub duration_minutes: i32,
    /// How many local days ahead it can be booked.
    pub horizon_days: i32,
    /// Bookings close this long before the start.
    pub min_notice_minutes: i32,
    /// A booking not checked in by start + grace is a no-show.
    pub no_show_grace_minutes: i32,
    /// Active future bookings a citizen may hold (default 1).
    #[serde(default)]
    pub max_active_per_citizen: Option<i32>,
    /// `in_person` (default) or `video`.
    #[serde(default)]
    pub channel: Option<String>,
    /// Shown in the confirmation (documents, fees).
    #[serde(default)]
    pub what_to_bring: Option<String>,
    /// Ask citizens to reconfirm this many days before the start (2–60); a booking not
    /// reconfirmed a day before its start is released. Default: not asked.
    #[serde(default)]
    pub reconfirm_days: Option<i32>,
    /// What the service is, in Italian; kept when omitted.
    #[serde(default)]
    pub description: Option<String>,
    /// Only citizens logged in with SPID or CIE (an identity provider) may book it.
    /// Kept when omitted; default false.
    #[serde(default)]
    pub login_required: Option<bool>,
    /// The name, description and what to bring in other languages, keyed by language code
    /// (`en`, `sq`, `ro`, `ar`); a missing or empty text falls back to the Italian one.
    /// Kept when omitted.
    #[serde(default)]
    pub texts: Option<ServiceTexts>,
}

/// A service's texts in one language other than Italian; an empty one falls back to the
/// Italian text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
pub struct ServiceText {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub what_to_bring: String,
}

/// Texts by language code.
pub type ServiceTexts = BTreeMap<String, ServiceText>;

/// A service's name, description and what to bring in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalTexts {
    pub name: String,
    pub description: String,
    pub what_to_bring: String,
}

/// The stored texts of a service row (a JSON object; a damaged value reads as none,
/// so the Italian texts show rather than an error page).
pub fn texts_of(s: &service::Model) -> ServiceTexts {
    serde_json::from_str(&s.texts).unwrap_or_else(|e| {
        tracing::warn!(service = s.id, error = %e, "a service's translated texts do not parse");
        ServiceTexts::new()
    })
}

/// A service row's texts in `lang`, each falling back to the Italian one.
pub fn local_texts(s: &service::Model, lang: &str) -> LocalTexts {
    pick(
        &texts_of(s),
        lang,
        &s.name,
        &s.description,
        &s.what_to_bring,
    )
}

/// The texts in `lang` from a translation table and the Italian texts.
pub fn pick(
    texts: &ServiceTexts,
    lang: &str,
    name: &str,
    description: &str,
    what_to_bring: &str,
) -> LocalTexts {
    let own = texts.get(lang);
    let or = |own: Option<&String>, italian: &str| {
        own.map(|t| t.trim())
            .filter(|t| !t.is_empty())
            .unwrap_or(italian)
            .to_string()
    };
    LocalTexts {
        name: or(own.map(|t| &t.name), name),
        description: or(own.map(|t| &t.description), description),
        what_to_bring: or(own.map(|t| &t.what_to_bring), what_to_bring),
    }
}

fn check_texts(errors: &mut Vec<FieldError>, input: &ServiceInput) {
    if input
        .description
        .as_ref()
        .is_some_and(|d| d.chars().count() > 2000)
    {
        errors.push(FieldError::new(
            "description",
            "must have at most 2000 characters",
        ));
    }
    use crate::service::office::input::check_text;
    if let Some(d) = &input.description {
        check_text(errors, "description", d);
    }
    if let Some(b) = &input.what_to_bring {
        check_text(errors, "what_to_bring", b);
    }
    for (lang, text) in input.texts.iter().flatten() {
        for t in [&text.name, &text.description, &text.what_to_bring] {
            check_text(errors, "texts", t);
        }
        if lang == "it" || crate::domain::Language::parse(lang).is_err() {
            errors.push(FieldError::new(
                "texts",
                format!("{lang:?} is not one of the other languages (en, sq, ro, ar)"),
            ));
        }
        if text.name.chars().count() > 200
            || text.description.chars().count() > 2000
            || text.what_to_bring.chars().count() > 2000
        {
            errors.push(FieldError::new("texts", "a text is too long"));
        }
    }
}

/// The texts to store: only the non-empty ones, trimmed.
fn texts_json(texts: &ServiceTexts) -> String {
    let kept: ServiceTexts = texts
        .iter()
        .map(|(lang, t)| {
            (
                lang.clone(),
                ServiceText {
                    name: t.name.trim().into(),
                    description: t.description.trim().into(),
                    what_to_bring: t.what_to_bring.trim().into(),
                },
            )
        })
        .filter(|(_, t)| t != &ServiceText::default())
        .collect();
    serde_json::to_string(&kept).unwrap_or_else(|_| "{}".into())
}

/// A service's values checked: (channel, active bookings per citizen, what to bring).
fn validate_service(input: &ServiceInput) -> AppResult<(Channel, i32, String)> {
    let mut errors = Vec::new();
    check_name(&mut errors, "name", &input.name);
    check_range(
        &mut errors,
        "duration_minutes",
        input.duration_minutes,
        5,
        480,
    );
    check_range(&mut errors, "horizon_days", input.horizon_days, 0, 730);
    check_range(
        &mut errors,
        "min_notice_minutes",
        input.min_notice_minutes,
        0,
        43_200,
    );
    check_range(
        &mut errors,
        "no_show_grace_minutes",
        input.no_show_grace_minutes,
        0,
        480,
    );
    let max_active = input.max_active_per_citizen.unwrap_or(1);
    check_range(&mut errors, "max_active_per_citizen", max_active, 1, 1000);
    let channel = Channel::parse(input.channel.as_deref().unwrap_or("in_person"))
        .map_err(|m| errors.push(FieldError::new("channel", m)))
        .ok();
    let what_to_bring = input.what_to_bring.clone().unwrap_or_default();
    if what_to_bring.chars().count() > 2000 {
        errors.push(FieldError::new(
            "what_to_bring",
            "must have at most 2000 characters",
        ));
    }
    if let Some(days) = input.reconfirm_days {
        check_range(&mut errors, "reconfirm_days", days, 2, 60);
    }
    check_texts(&mut errors, input);
    validation(errors)?;
    Ok((
        channel.unwrap_or(Channel::InPerson),
        max_active,
        what_to_bring,
    ))
}

/// Creates a service of an office.
pub async fn create_service(
    db: &Db,
    actor: &Actor,
    office_id: i32,
    input: &ServiceInput,
    now: DateTime<Utc>,
) -> AppResult<ServiceView> {
    find_office(db, office_id).await?;
    actor.require(Role::Manager, office_id)?;
    let (channel, max_active, what_to_bring) = validate_service(input)?;
    let (txn, _gate) = crate::service::engine::begin(db).await?;
    let created = service::ActiveModel {
        office_id: Set(office_id),
        name: Set(input.name.trim().into()),
        duration_minutes: Set(input.duration_minutes),
        horizon_days: Set(input.horizon_days),
        min_notice_minutes: Set(input.min_notice_minutes),
        no_show_grace_minutes: Set(input.no_show_grace_minutes),
        max_active_per_citizen: Set(max_active),
        channel: Set(channel.as_str().into()),
        what_to_bring: Set(what_to_bring),
        reconfirm_days: Set(input.reconfirm_days),
        description: Set(input.description.as_deref().unwrap_or("").trim().into()),
        texts: Set(texts_json(&input.texts.clone().unwrap_or_default())),
        login_required: Set(input.login_required.unwrap_or(false)),
        ..Default::default()
    }
    .insert(&txn)
    .await?;
    crate::service::setup::bump_version(&txn, office_id).await?;
    Audit::new(Some(actor), "create", "service", created.id)
        .office(created.office_id)
        .after(&created)
        .write(&txn, now)
        .await?;
    txn.commit().await?;
    Ok(service_view(&created))
}

/// Changes a service. Existing bookings keep their times and length (DOMAIN.md rule 7);
/// the new duration, horizon and notice apply to new bookings, the grace to the next
/// no-show sweep.
pub async fn update_service(
    db: &Db,
    actor: &Actor,
    service_id: i32,
    input: &ServiceInput,
    now: DateTime<Utc>,
) -> AppResult<ServiceView> {
    let before = service::Entity::find_by_id(service_id)
        .one(&db.conn)
        .await?
        .ok_or_else(|| AppError::not_found("There is no such service."))?;
    actor.require(Role::Manager, before.office_id)?;
    let (channel, max_active, what_to_bring) = validate_service(input)?;
    let (txn, _gate) = crate::service::engine::begin(db).await?;
    let mut row: service::ActiveModel = before.clone().into();
    row.name = Set(input.name.trim().into());
    row.duration_minutes = Set(input.duration_minutes);
    row.horizon_days = Set(input.horizon_days);
    row.min_notice_minutes = Set(input.min_notice_minutes);
    row.no_show_grace_minutes = Set(input.no_show_grace_minutes);
    row.max_active_per_citizen = Set(max_active);
    row.channel = Set(channel.as_str().into());
    row.what_to_bring = Set(what_to_bring);
    row.reconfirm_days = Set(input.reconfirm_days);
    if let Some(d) = &input.description {
        row.description = Set(d.trim().into());
    }
    if let Some(t) = &input.texts {
        row.texts = Set(texts_json(t));
    }
    if let Some(required) = input.login_required {
        row.login_required = Set(required);
    }
    let saved = row.update(&txn).await?;
    crate::service::setup::bump_version(&txn, saved.office_id).await?;
    Audit::new(Some(actor), "update", "service", service_id)
        .office(saved.office_id)
        .before(&service_view(&before))
        .after(&service_view(&saved))
        .write(&txn, now)
        .await?;
    txn.commit().await?;
    Ok(service_view(&saved))
}

/// A service as listed.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ServiceView {
    /// Service id.
    pub id: i32,
    /// Office id.
    pub office_id: i32,
    /// Name.
    pub name: String,
    /// Length.
    pub duration_minutes: i32,
    /// Days ahead it can be booked.
    pub horizon_days: i32,
    /// Bookings close this long before the start.
    pub min_notice_minutes: i32,
    /// Grace after the start before a no-show.
    pub no_show_grace_minutes: i32,
    /// Active future bookings per citizen.
    pub max_active_per_citizen: i32,
    /// `in_person` or `video`.
    pub channel: String,
    /// What to bring.
    pub what_to_bring: String,
    /// Days before the start when citizens are asked to reconfirm; null: not asked.
    pub reconfirm_days: Option<i32>,
    /// What the service is (Italian).
    pub description: String,
    /// Texts in other languages.
    pub texts: ServiceTexts,
    /// Only logged-in citizens (SPID, CIE) may book it.
    pub login_required: bool,
}

impl ServiceView {
    /// The texts entered for `lang`, if any (the edit form shows them as entered).
    pub fn stored_text(&self, lang: &str) -> Option<&ServiceText> {
        self.texts.get(lang)
    }

    /// The name, description and what to bring in `lang`, falling back to Italian.
    pub fn in_language(&self, lang: &str) -> LocalTexts {
        pick(
            &self.texts,
            lang,
            &self.name,
            &self.description,
            &self.what_to_bring,
        )
    }
}

/// The public view of a service.
pub fn service_view(s: &service::Model) -> ServiceView {
    ServiceView {
        id: s.id,
        office_id: s.office_id,
        name: s.name.clone(),
        duration_minutes: s.duration_minutes,
        horizon_days: s.horizon_days,
        min_notice_minutes: s.min_notice_minutes,
        no_show_grace_minutes: s.no_show_grace_minutes,
        max_active_per_citizen: s.max_active_per_citizen,
        channel: s.channel.clone(),
        what_to_bring: s.what_to_bring.clone(),
        reconfirm_days: s.reconfirm_days,
        description: s.description.clone(),
        texts: texts_of(s),
        login_required: s.login_required,
    }
}
