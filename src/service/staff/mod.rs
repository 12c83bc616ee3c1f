//! Staff: accounts and their passwords, logins with their lockouts, bearer and session
//! tokens, and the accounts managers keep.

pub mod auth;
pub mod login_guard;
pub mod users;
