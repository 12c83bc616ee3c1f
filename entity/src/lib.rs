//! sea-orm entities of Sportello, written by hand so that the same types (`i32` ids, UTC
//! timestamps) hold on SQLite and PostgreSQL. Relations are resolved in the service layer.

pub mod api_token;
pub mod app_user;
pub mod audit_log;
pub mod booking;
pub mod calendar_feed;
pub mod capacity_lock;
pub mod capacity_rule;
pub mod citizen_session;
pub mod closure;
pub mod counter;
pub mod counter_service;
pub mod idempotency_key;
pub mod office;
pub mod oidc_login;
pub mod opening_hours;
pub mod outbox_message;
pub mod queue_event;
pub mod rebook_invite;
pub mod room;
pub mod service;
pub mod status;
pub mod ticket;
pub mod trusted_device;
pub mod waitlist_entry;
pub mod waitlist_offer;
pub mod webhook;

/// Re-exports of every entity under its table name.
pub mod prelude {
    pub use super::api_token::Entity as ApiToken;
    pub use super::app_user::Entity as AppUser;
    pub use super::audit_log::Entity as AuditLog;
    pub use super::booking::Entity as Booking;
    pub use super::capacity_lock::Entity as CapacityLock;
    pub use super::capacity_rule::Entity as CapacityRule;
    pub use super::citizen_session::Entity as CitizenSession;
    pub use super::closure::Entity as Closure;
    pub use super::counter::Entity as Counter;
    pub use super::counter_service::Entity as CounterService;
    pub use super::idempotency_key::Entity as IdempotencyKey;
    pub use super::office::Entity as Office;
    pub use super::oidc_login::Entity as OidcLogin;
    pub use super::opening_hours::Entity as OpeningHours;
    pub use super::outbox_message::Entity as OutboxMessage;
    pub use super::queue_event::Entity as QueueEvent;
    pub use super::rebook_invite::Entity as RebookInvite;
    pub use super::room::Entity as Room;
    pub use super::service::Entity as Service;
    pub use super::ticket::Entity as Ticket;
    pub use super::trusted_device::Entity as TrustedDevice;
    pub use super::waitlist_entry::Entity as WaitlistEntry;
    pub use super::waitlist_offer::Entity as WaitlistOffer;
}
