//! Staff accounts: created as the CLI does, logged in through the API.

use sportello::domain::Role;

use super::TestApp;

/// The password of every account made by [`TestApp::account`].
pub const PASSWORD: &str = "a-long-password";

/// A logged-in account.
pub struct Account {
    /// Its user id.
    pub id: i32,
    /// A bearer token.
    pub token: String,
}

impl TestApp {
    /// Creates an account of `role` (in `office`, for staff and managers) and logs it in.
    pub async fn account(&self, email: &str, role: Role, office: Option<i64>) -> Account {
        let user = sportello::service::staff::auth::create_user(
            &self.db,
            email,
            PASSWORD,
            role,
            office.map(|o| i32::try_from(o).unwrap()),
            self.clock.now(),
        )
        .await
        .unwrap();
        Account {
            id: user.id,
            token: self.login(email, PASSWORD).await,
        }
    }

    /// A clerk of `office`, logged in: its token.
    pub async fn clerk(&self, email: &str, office: i64) -> String {
        self.account(email, Role::Staff, Some(office)).await.token
    }
}
