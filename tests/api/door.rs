//! Door screens by secret link (issue 16): a manager makes, replaces and turns off a
//! room's link; the screen opens without a login, shows counts only, and a replaced or
//! turned-off link stops at once. Every change is audited, without the secret.

use entity::audit_log;
use reqwest::StatusCode;
use sea_orm::{ColumnTrait, EntityTrait, QueryFilter};
use serde_json::Value;
use sportello::{domain::Role, service::staff::auth::csrf_for_session};

use crate::helpers::{OfficeSpec, TestApp};

struct Screens {
    app: TestApp,
    office: i64,
    room: i64,
    manager: String,
    clerk: String,
}

async fn screens() -> Screens {
    let app = TestApp::spawn().await;
    let office = app
        .office(OfficeSpec {
            rooms: vec![("Sala d'attesa", 6, None)],
            ..Default::default()
        })
        .await;
    let manager = app
        .account("manager@example.org", Role::Manager, Some(office.id))
        .await
        .token;
    let clerk = app.clerk("clerk@example.org", office.id).await;
    Screens {
        office: office.id,
        room: office.rooms[0],
        manager,
        clerk,
        app,
    }
}

impl Screens {
    async fn set(&self, token: &str, action: &str) -> StatusCode {
        self.app
            .client
            .post(
                self.app
                    .url(&format!("/staff/rooms/{}/door-link?lang=en", self.room)),
            )
            .header("Cookie", format!("sportello_session={token}"))
            .form(&[("csrf", csrf_for_session(token).as_str()), ("do", action)])
            .send()
            .await
            .unwrap()
            .status()
    }

    /// The link the rooms page shows a clerk, if any.
    async fn link(&self) -> Option<String> {
        let page = self
            .app
            .client
            .get(
                self.app
                    .url(&format!("/staff/rooms?office={}&lang=en", self.office)),
            )
            .header("Cookie", format!("sportello_session={}", self.clerk))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        let start = page.find("class=\"door-link\" dir=\"ltr\">")?;
        let rest = &page[start..];
        let link = rest[rest.find('>')? + 1..rest.find("</a>")?].to_string();
        Some(link.replace("http://sportello.test", &self.app.address))
    }
}

#[tokio::test]
async fn a_door_screen_opens_by_its_link_without_login_until_the_link_is_replaced_or_off() {
    let s = screens().await;
    assert_eq!(s.link().await, None, "no link until a manager makes one");
    assert_eq!(
        s.set(&s.clerk, "reset").await,
        StatusCode::FORBIDDEN,
        "clerks do not"
    );
    assert_eq!(s.set(&s.manager, "reset").await, StatusCode::SEE_OTHER);
    let first = s.link().await.expect("a link on the rooms page");
    // Without any cookie: the whole screen, counts only.
    let r = crate::helpers::get(format!("{first}?lang=en"))
        .await
        .unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    let page = r.text().await.unwrap();
    assert!(page.contains("class=\"door-screen\"") && page.contains("Sala d"));
    assert!(
        page.contains("6 places free") || page.contains("places free"),
        "{page}"
    );
    assert!(
        !page.contains("it-header-wrapper"),
        "no header: the screen is the room's"
    );
    let figures: Value = crate::helpers::get(format!("{first}/occupancy"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(figures["limit_now"], 6);
    assert_eq!(figures["present"], 0);
    // A new link: the old one stops at once.
    assert_eq!(s.set(&s.manager, "reset").await, StatusCode::SEE_OTHER);
    let second = s.link().await.unwrap();
    assert_ne!(first, second);
    assert_eq!(
        crate::helpers::get(&first).await.unwrap().status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        crate::helpers::get(format!("{first}/occupancy"))
            .await
            .unwrap()
            .status(),
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        crate::helpers::get(&second).await.unwrap().status(),
        StatusCode::OK
    );
    // Off: no link works.
    assert_eq!(s.set(&s.manager, "off").await, StatusCode::SEE_OTHER);
    assert_eq!(s.link().await, None);
    assert_eq!(
        crate::helpers::get(&second).await.unwrap().status(),
        StatusCode::NOT_FOUND
    );
    // Audited, without the secret.
    let rows = audit_log::Entity::find()
        .filter(audit_log::Column::Entity.eq("room"))
        .filter(audit_log::Column::Action.is_in(["reset_door_link", "turn_off_door_link"]))
        .all(&s.app.db.conn)
        .await
        .unwrap();
    assert_eq!(rows.len(), 3);
    let token = second.rsplit('/').next().unwrap();
    for row in &rows {
        let text = format!("{:?} {:?}", row.before_json, row.after_json);
        assert!(!text.contains(token) && !text.contains(first.rsplit('/').next().unwrap()));
    }
}

#[tokio::test]
async fn made_up_door_links_find_nothing() {
    let s = screens().await;
    for token in ["x", "AAAAAAAAAAAAAAAAAAAAAA", &"a".repeat(80)] {
        let r = crate::helpers::get(s.app.url(&format!("/door/{token}/occupancy")))
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::NOT_FOUND, "{token}");
    }
}
