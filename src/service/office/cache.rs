//! Office set-ups kept in memory while their version is current: a slot list or a
//! booking needs the whole set-up, and loading it is a dozen queries. Every change to an
//! office bumps its version (`setup::bump_version`), in the change's transaction, so a
//! process notices at its next read, whichever process made the change.

//! Loading an office's configuration into the domain's types.

use std::{
    collections::HashMap,
    sync::{Arc, RwLock},
};

use chrono_tz::Tz;
use entity::office;
use sea_orm::{ConnectionTrait, EntityTrait, QuerySelect};

use crate::{
    error::{AppError, AppResult},
    service::office::setup::{OfficeSetup, load},
};

/// Set-ups of offices, cached per process and keyed by `office.config_version`: every
/// set-up change bumps the version in its own transaction, so a cached set-up is used
/// only while it is current, and one small query replaces seven on every booking and
/// slot list. Capacity rules are not cached: they are read in the capacity transaction.
#[derive(Debug, Clone, Default)]
pub struct SetupCache(Arc<RwLock<HashMap<i32, Arc<OfficeSetup>>>>);

impl SetupCache {
    /// The office's current set-up, from the cache when its version is current.
    pub async fn get(
        &self,
        db: &impl ConnectionTrait,
        office_id: i32,
    ) -> AppResult<Arc<OfficeSetup>> {
        let version: Option<i64> = office::Entity::find_by_id(office_id)
            .select_only()
            .column(office::Column::ConfigVersion)
            .into_tuple()
            .one(db)
            .await?;
        let version = version.ok_or_else(|| AppError::not_found("There is no such office."))?;
        if let Some(hit) = self
            .0
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(&office_id)
            .filter(|s| s.office.config_version == version)
        {
            return Ok(hit.clone());
        }
        let fresh = Arc::new(load(db, office_id).await?);
        self.0
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .insert(office_id, fresh.clone());
        Ok(fresh)
    }
}

impl SetupCache {
    /// An office's time zone: from any cached set-up, whatever its version (an office's
    /// zone is fixed when it is created), else loaded. Saves the version query on hot
    /// paths that only format times, such as check-in.
    pub async fn tz(&self, db: &impl ConnectionTrait, office_id: i32) -> AppResult<Tz> {
        let cached = self
            .0
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(&office_id)
            .map(|s| s.tz);
        match cached {
            Some(tz) => Ok(tz),
            None => Ok(self.get(db, office_id).await?.tz),
        }
    }
}
