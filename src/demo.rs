//! Demo data: Comune di Bari registry offices with rooms nested as in the city's Covid
//! rule ("1 per office, 4 in the area, 6 in the corridor"), realistic services and
//! opening hours, Italian holidays and Bari's patron saint days, and demo accounts.

use crate::service::office::closures;
use crate::service::office::counters;
use crate::service::office::hours;
use crate::service::office::offices;
use crate::service::office::rooms;
use crate::service::office::services;
use crate::service::staff::auth;
use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Utc};
use entity::office;
use sea_orm::{EntityTrait, PaginatorTrait};

use crate::{
    domain::{Role, holidays},
    error::AppResult,
    infra::secrets,
    service::{
        actor::Actor,
        db::Db,
        office::{
            closures::ClosureInput, counters::CounterInput, hours::OpeningHoursInput,
            offices::OfficeInput, rooms::RoomInput, services::ServiceInput,
        },
    },
};

/// Demo accounts. Their passwords are random, made when the demo is seeded and printed
/// then only: a published demo password would be a back door into any database that was
/// seeded by mistake.
pub const DEMO_USERS: [(&str, Role); 3] = [
    ("sportello@demo.comune.bari.it", Role::Staff),
    ("responsabile@demo.comune.bari.it", Role::Manager),
    ("admin@demo.comune.bari.it", Role::Admin),
];

/// A seeded demo account and its password.
#[derive(Debug, Clone)]
pub struct DemoAccount {
    /// Login email.
    pub email: &'static str,
    /// The random password.
    pub password: String,
    /// Role.
    pub role: Role,
}

/// The demo services' description in Italian and their English texts, by Italian name: a
/// city enters what it has, and each language falls back to the Italian text.
fn demo_texts(name: &str) -> (Option<String>, Option<services::ServiceTexts>) {
    let (description, en_name, en_description, en_bring) = match name {
        "Carta d'identità elettronica" => (
            "Rilascio e rinnovo della carta d'identità elettronica (CIE) per i residenti. La carta arriva per posta in circa sei giorni lavorativi.",
            "Electronic identity card",
            "Issue and renewal of the electronic identity card (CIE) for residents. The card arrives by post in about six working days.",
            "Your old card or a police report of its loss, your health insurance card, a recent passport photo, €22.21 (pagoPA or card).",
        ),
        "Certificati anagrafici" => (
            "Certificati di residenza, stato di famiglia, nascita e altri, in bollo o in carta libera.",
            "Registry certificates",
            "Certificates of residence, family status, birth and others, with or without revenue stamp.",
            "A valid identity document.",
        ),
        "Cambio di residenza" => (
            "Dichiarazione di trasferimento di residenza da un altro Comune o all'interno di Bari.",
            "Change of residence",
            "Declaring a move of residence from another municipality or within Bari.",
            "Identity documents and tax codes of everyone moving; the title to occupy the home.",
        ),
        _ => (
            "Un operatore risponde in videochiamata alle domande su pratiche anagrafiche.",
            "Registry advice by video call",
            "A clerk answers questions about registry matters by video call.",
            "An identity document to show on camera.",
        ),
    };
    let texts = services::ServiceTexts::from([(
        "en".to_string(),
        services::ServiceText {
            name: en_name.into(),
            description: en_description.into(),
            what_to_bring: en_bring.into(),
        },
    )]);
    (Some(description.into()), Some(texts))
}

fn service(name: &str, minutes: i32, channel: &str, bring: &str) -> ServiceInput {
    let (description, texts) = demo_texts(name);
    ServiceInput {
        name: name.into(),
        duration_minutes: minutes,
        horizon_days: 60,
        min_notice_minutes: 60,
        no_show_grace_minutes: 15,
        max_active_per_citizen: Some(1),
        channel: Some(channel.into()),
        what_to_bring: Some(bring.into()),
        reconfirm_days: None,
        description,
        texts,
        login_required: None,
    }
}

fn weekly() -> BTreeMap<String, Vec<[String; 2]>> {
    let morning = || vec![["08:30".to_string(), "12:30".to_string()]];
    let long_day = || {
        vec![
            ["08:30".to_string(), "12:30".to_string()],
            ["15:00".to_string(), "17:00".to_string()],
        ]
    };
    BTreeMap::from([
        ("mon".into(), morning()),
        ("tue".into(), long_day()),
        ("wed".into(), morning()),
        ("thu".into(), long_day()),
        ("fri".into(), morning()),
    ])
}

/// Seeds the demo into a database without offices and returns the demo accounts; `None`
/// when offices already exist (nothing is touched then).
pub async fn seed_demo(db: &Db, now: DateTime<Utc>) -> AppResult<Option<Vec<DemoAccount>>> {
    if office::Entity::find().count(&db.conn).await? > 0 {
        return Ok(None);
    }
    let system = Actor::system();
    let offices = [
        (
            "Anagrafe Centrale",
            "Corso Vittorio Emanuele II 84, 70122 Bari",
            10,
            "080 577 2200",
            "anagrafe@demo.comune.bari.it",
        ),
        (
            "Municipio II – Poggiofranco",
            "Via Luigi Einaudi 4, 70125 Bari",
            5,
            "080 577 6500",
            "municipio2@demo.comune.bari.it",
        ),
    ];
    let mut first_office = None;
    for (index, (name, address, margin, phone, email)) in offices.iter().enumerate() {
        let o = offices::create_office(
            db,
            &system,
            &OfficeInput {
                name: (*name).into(),
                address: (*address).into(),
                timezone: Some("Europe/Rome".into()),
                arrival_margin_minutes: Some(*margin),
                no_show_email: None,
                phone: Some(phone.to_string()),
                email: Some(email.to_string()),
            },
            now,
        )
        .await?;
        first_office.get_or_insert(o.id);
        let cie = services::create_service(db, &system, o.id, &service("Carta d'identità elettronica", 20, "in_person", "Vecchio documento o denuncia di smarrimento, tessera sanitaria, una fototessera recente, 22,21 € (pagoPA o POS)."), now).await?;
        let cert = services::create_service(
            db,
            &system,
            o.id,
            &service(
                "Certificati anagrafici",
                10,
                "in_person",
                "Un documento di identità valido.",
            ),
            now,
        )
        .await?;
        let residence = services::create_service(db, &system, o.id, &service("Cambio di residenza", 30, "in_person", "Documenti di identità e codici fiscali di tutti i componenti che si trasferiscono; titolo di occupazione dell'alloggio."), now).await?;
        let video = services::create_service(
            db,
            &system,
            o.id,
            &service(
                "Consulenza anagrafica in videochiamata",
                15,
                "video",
                "Un documento di identità da mostrare in camera.",
            ),
            now,
        )
        .await?;
        let corridor = rooms::create_room(
            db,
            &system,
            o.id,
            &RoomInput {
                name: "Corridoio piano terra".into(),
                occupancy_limit: 6,
                parent_room_id: None,
            },
            now,
        )
        .await?;
        let area = rooms::create_room(
            db,
            &system,
            o.id,
            &RoomInput {
                name: "Area d'attesa A".into(),
                occupancy_limit: 4,
                parent_room_id: Some(corridor.id),
            },
            now,
        )
        .await?;
        let office_room = rooms::create_room(
            db,
            &system,
            o.id,
            &RoomInput {
                name: "Ufficio residenze".into(),
                occupancy_limit: 1,
                parent_room_id: Some(corridor.id),
            },
            now,
        )
        .await?;
        let counters = if index == 0 { 3 } else { 2 };
        for n in 1..=counters {
            counters::create_counter(
                db,
                &system,
                area.id,
                &CounterInput {
                    name: format!("Sportello {n}"),
                    service_ids: vec![cie.id, cert.id, video.id],
                },
                now,
            )
            .await?;
        }
        counters::create_counter(
            db,
            &system,
            office_room.id,
            &CounterInput {
                name: "Sportello residenze".into(),
                service_ids: vec![residence.id, cert.id],
            },
            now,
        )
        .await?;
        let year = now.year();
        hours::put_opening_hours(
            db,
            &system,
            o.id,
            &OpeningHoursInput {
                valid_from: format!("{year}-01-01"),
                valid_to: None,
                weekly: weekly(),
            },
            false,
            now,
        )
        .await?;
        for y in [year, year + 1] {
            for (date, reason) in holidays::italian_holidays(y)
                .into_iter()
                .chain(holidays::bari_patron_days(y))
            {
                closures::create_closure(
                    db,
                    &system,
                    o.id,
                    &ClosureInput {
                        from: date.to_string(),
                        to: None,
                        reason: reason.into(),
                        counter_id: None,
                    },
                    false,
                    now,
                )
                .await?;
            }
        }
    }
    let mut accounts = Vec::new();
    for (email, role) in DEMO_USERS {
        let office_id = (role != Role::Admin).then_some(first_office).flatten();
        let password = format!(
            "demo-{}",
            secrets::new_token()?
                .to_lowercase()
                .replace(['-', '_'], "x")
        );
        if auth::create_user(db, email, &password, role, office_id, now)
            .await
            .is_ok()
        {
            accounts.push(DemoAccount {
                email,
                password,
                role,
            });
        }
    }
    Ok(Some(accounts))
}

/// Prints the demo accounts on standard output (once, when they are made).
pub fn print_accounts(accounts: &[DemoAccount]) {
    println!("demo accounts (printed once, now; for trying Sportello out, never in production):");
    for a in accounts {
        println!(
            "  {:<8} {}  password: {}",
            a.role.as_str(),
            a.email,
            a.password
        );
    }
}
