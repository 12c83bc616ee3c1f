//! The initial schema of the booking core. It is one migration because it is the first
//! release; every later change gets a file of its own.

use sea_orm_migration::prelude::*;
use sea_orm_migration::schema::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

fn n(name: &str) -> Alias {
    Alias::new(name)
}

fn table(name: &str) -> TableCreateStatement {
    Table::create().table(n(name)).if_not_exists().take()
}

fn fk(from_table: &str, from_col: &str, to_table: &str) -> ForeignKeyCreateStatement {
    ForeignKey::create()
        .from(n(from_table), n(from_col))
        .to(n(to_table), n("id"))
        .on_delete(ForeignKeyAction::Cascade)
        .take()
}

fn index(table: &str, name: &str, cols: &[&str], unique: bool) -> IndexCreateStatement {
    let mut stmt = Index::create();
    stmt.name(name).table(n(table)).if_not_exists();
    for col in cols {
        stmt.col(n(col));
    }
    if unique {
        stmt.unique();
    }
    stmt.take()
}

const TABLES: [&str; 14] = [
    "audit_log",
    "api_token",
    "app_user",
    "idempotency_key",
    "capacity_lock",
    "booking",
    "capacity_rule",
    "closure",
    "opening_hours",
    "counter_service",
    "service",
    "counter",
    "room",
    "office",
];

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            table("office")
                .col(pk_auto(n("id")))
                .col(string(n("name")))
                .col(string(n("address")))
                .col(string(n("timezone")))
                .col(integer(n("arrival_margin_minutes")).default(0))
                .col(big_integer(n("config_version")).default(0))
                .col(timestamp_with_time_zone(n("created_at")))
                .take(),
        )
        .await?;
        m.create_table(
            table("room")
                .col(pk_auto(n("id")))
                .col(integer(n("office_id")))
                .col(integer_null(n("parent_room_id")))
                .col(string(n("name")))
                .col(integer(n("occupancy_limit")))
                .foreign_key(&mut fk("room", "office_id", "office"))
                .foreign_key(&mut fk("room", "parent_room_id", "room"))
                .take(),
        )
        .await?;
        m.create_table(
            table("counter")
                .col(pk_auto(n("id")))
                .col(integer(n("office_id")))
                .col(integer(n("room_id")))
                .col(string(n("name")))
                .col(boolean(n("active")).default(true))
                .foreign_key(&mut fk("counter", "office_id", "office"))
                .foreign_key(&mut fk("counter", "room_id", "room"))
                .take(),
        )
        .await?;
        m.create_table(
            table("service")
                .col(pk_auto(n("id")))
                .col(integer(n("office_id")))
                .col(string(n("name")))
                .col(integer(n("duration_minutes")))
                .col(integer(n("horizon_days")))
                .col(integer(n("min_notice_minutes")))
                .col(integer(n("no_show_grace_minutes")))
                .col(integer(n("max_active_per_citizen")).default(1))
                .col(string(n("channel")))
                .col(text(n("what_to_bring")))
                .foreign_key(&mut fk("service", "office_id", "office"))
                .take(),
        )
        .await?;
        m.create_table(
            table("counter_service")
                .col(integer(n("counter_id")))
                .col(integer(n("service_id")))
                .primary_key(Index::create().col(n("counter_id")).col(n("service_id")))
                .foreign_key(&mut fk("counter_service", "counter_id", "counter"))
                .foreign_key(&mut fk("counter_service", "service_id", "service"))
                .take(),
        )
        .await?;
        m.create_table(
            table("opening_hours")
                .col(pk_auto(n("id")))
                .col(integer(n("office_id")))
                .col(date(n("valid_from")))
                .col(date_null(n("valid_to")))
                .col(integer(n("weekday")))
                .col(time(n("opens")))
                .col(time(n("closes")))
                .foreign_key(&mut fk("opening_hours", "office_id", "office"))
                .take(),
        )
        .await?;
        m.create_table(
            table("closure")
                .col(pk_auto(n("id")))
                .col(integer(n("office_id")))
                .col(integer_null(n("counter_id")))
                .col(date(n("date_from")))
                .col(date(n("date_to")))
                .col(string(n("reason")))
                .foreign_key(&mut fk("closure", "office_id", "office"))
                .foreign_key(&mut fk("closure", "counter_id", "counter"))
                .take(),
        )
        .await?;
        m.create_table(
            table("capacity_rule")
                .col(pk_auto(n("id")))
                .col(integer(n("room_id")))
                .col(date(n("valid_from")))
                .col(date(n("valid_to")))
                .col(string_null(n("weekdays")))
                .col(time_null(n("from_time")))
                .col(time_null(n("to_time")))
                .col(integer(n("occupancy_limit")))
                .col(timestamp_with_time_zone(n("created_at")))
                .foreign_key(&mut fk("capacity_rule", "room_id", "room"))
                .take(),
        )
        .await?;
        m.create_table(
            table("booking")
                .col(pk_auto(n("id")))
                .col(integer(n("office_id")))
                .col(integer(n("service_id")))
                .col(integer(n("counter_id")))
                .col(integer(n("room_id")))
                .col(boolean(n("occupies_room")))
                .col(string(n("status")))
                .col(timestamp_with_time_zone(n("start_at")))
                .col(timestamp_with_time_zone(n("end_at")))
                .col(timestamp_with_time_zone(n("room_from")))
                .col(integer(n("party_size")))
                .col(string_null(n("hold_id")))
                .col(timestamp_with_time_zone_null(n("hold_expires_at")))
                .col(string_null(n("reference")))
                .col(string_null(n("checkin_token")))
                .col(string_null(n("manage_token_hash")))
                .col(string_null(n("citizen_name")))
                .col(string_null(n("citizen_email")))
                .col(string_null(n("citizen_phone")))
                .col(string(n("language")))
                .col(string_null(n("meeting_url")))
                .col(timestamp_with_time_zone(n("created_at")))
                .col(timestamp_with_time_zone_null(n("checked_in_at")))
                .col(timestamp_with_time_zone_null(n("served_at")))
                .col(timestamp_with_time_zone_null(n("cancelled_at")))
                .col(timestamp_with_time_zone_null(n("released_at")))
                .foreign_key(&mut fk("booking", "office_id", "office"))
                .foreign_key(&mut fk("booking", "service_id", "service"))
                .foreign_key(&mut fk("booking", "counter_id", "counter"))
                .foreign_key(&mut fk("booking", "room_id", "room"))
                .take(),
        )
        .await?;
        m.create_table(
            table("capacity_lock")
                .col(string(n("name")).primary_key())
                .col(big_integer(n("version")))
                .take(),
        )
        .await?;
        m.create_table(
            table("idempotency_key")
                .col(string(n("endpoint")))
                .col(string(n("key")))
                .col(string(n("request_hash")))
                .col(integer(n("status_code")))
                .col(text(n("response_body")))
                .col(timestamp_with_time_zone(n("created_at")))
                .primary_key(Index::create().col(n("endpoint")).col(n("key")))
                .take(),
        )
        .await?;
        m.create_table(
            table("app_user")
                .col(pk_auto(n("id")))
                .col(string_uniq(n("email")))
                .col(string(n("password_hash")))
                .col(string(n("role")))
                .col(integer_null(n("office_id")))
                .col(boolean(n("active")).default(true))
                .col(timestamp_with_time_zone(n("created_at")))
                .foreign_key(&mut fk("app_user", "office_id", "office"))
                .take(),
        )
        .await?;
        m.create_table(
            table("api_token")
                .col(pk_auto(n("id")))
                .col(integer(n("user_id")))
                .col(string_uniq(n("token_hash")))
                .col(timestamp_with_time_zone(n("expires_at")))
                .col(timestamp_with_time_zone(n("created_at")))
                .foreign_key(&mut fk("api_token", "user_id", "app_user"))
                .take(),
        )
        .await?;
        m.create_table(
            table("audit_log")
                .col(pk_auto(n("id")))
                .col(timestamp_with_time_zone(n("at")))
                .col(integer_null(n("actor_user_id")))
                .col(string(n("action")))
                .col(string(n("entity")))
                .col(string(n("entity_id")))
                .col(text_null(n("before_json")))
                .col(text_null(n("after_json")))
                .take(),
        )
        .await?;
        for stmt in [
            index("room", "idx_room_office", &["office_id"], false),
            index("counter", "idx_counter_room", &["room_id"], false),
            index("service", "idx_service_office", &["office_id"], false),
            index(
                "counter_service",
                "idx_counter_service_service",
                &["service_id"],
                false,
            ),
            index(
                "opening_hours",
                "idx_opening_hours_office",
                &["office_id"],
                false,
            ),
            index(
                "closure",
                "idx_closure_office",
                &["office_id", "date_from"],
                false,
            ),
            index(
                "capacity_rule",
                "idx_capacity_rule_room",
                &["room_id"],
                false,
            ),
            // The capacity engine reads the bookings of an office that overlap an interval.
            index(
                "booking",
                "idx_booking_office_time",
                &["office_id", "room_from"],
                false,
            ),
            index(
                "booking",
                "idx_booking_citizen",
                &["service_id", "citizen_email"],
                false,
            ),
            index("booking", "idx_booking_reference", &["reference"], true),
            index("booking", "idx_booking_hold", &["hold_id"], true),
            index("booking", "idx_booking_checkin", &["checkin_token"], true),
            index("audit_log", "idx_audit_log_at", &["at"], false),
            index(
                "idempotency_key",
                "idx_idempotency_key_created",
                &["created_at"],
                false,
            ),
        ] {
            m.create_index(stmt).await?;
        }
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for name in TABLES {
            m.drop_table(Table::drop().table(n(name)).if_exists().take())
                .await?;
        }
        Ok(())
    }
}
