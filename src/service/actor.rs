//! Who is acting: a staff member, manager or administrator with a role and an office, or
//! the process itself. Every staff and manager use-case takes one and checks it.

use crate::{
    domain::Role,
    error::{AppError, AppResult},
};

/// An authenticated staff member, manager or administrator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// User id.
    pub user_id: i32,
    /// Role.
    pub role: Role,
    /// The office a staff member or manager belongs to; `None` for admins.
    pub office_id: Option<i32>,
    /// The login address and the own office's name: the staff header says who is logged
    /// in and where, so a clerk on a shared counter PC sees whose session it is.
    pub email: String,
    pub office_name: Option<String>,
}

impl Actor {
    /// Whether this actor may act as `role` on `office_id`: admins everywhere, others
    /// only in their own office and with at least that role.
    pub fn may(&self, role: Role, office_id: i32) -> bool {
        self.role == Role::Admin || (self.role >= role && self.office_id == Some(office_id))
    }

    /// Requires [`Actor::may`], else 403.
    pub fn require(&self, role: Role, office_id: i32) -> AppResult<()> {
        if self.may(role, office_id) {
            Ok(())
        } else {
            Err(AppError::Forbidden(
                "Your account may not do this for this office.".into(),
            ))
        }
    }

    /// Requires the admin role, else 403.
    pub fn require_admin(&self) -> AppResult<()> {
        if self.role == Role::Admin {
            Ok(())
        } else {
            Err(AppError::Forbidden(
                "Only administrators may do this.".into(),
            ))
        }
    }
}

impl Actor {
    /// The process itself (seeding, CLI): an admin with user id 0 in the audit log.
    pub fn system() -> Self {
        Self {
            user_id: 0,
            role: Role::Admin,
            office_id: None,
            email: String::new(),
            office_name: None,
        }
    }
}
