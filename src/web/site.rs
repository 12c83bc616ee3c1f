//! Who runs this installation: the municipality's name, coat of arms and contacts, for
//! the "modello Comuni" header and footer on every page and the signature of every email.
//!
//! It is process-wide, like the message files: installed once when the router is built
//! (the first installation wins, so the test servers of one test binary share it) and
//! read by the templates through [`site`], so that no page struct carries it.

use std::sync::OnceLock;

use crate::config::InstitutionConfig;

static SITE: OnceLock<InstitutionConfig> = OnceLock::new();

/// Where the coat of arms is served: a configured file, or the plain shield.
pub const COAT_OF_ARMS_PATH: &str = "/static/coat-of-arms";

const PLAIN_SHIELD: &str = include_str!("../../static/coat-of-arms.svg");

pub fn install(institution: &InstitutionConfig) {
    let _ = SITE.set(institution.clone());
}

pub fn site() -> &'static InstitutionConfig {
    static DEFAULT: OnceLock<InstitutionConfig> = OnceLock::new();
    SITE.get().unwrap_or_else(|| {
        DEFAULT.get_or_init(|| InstitutionConfig {
            name: "Comune".into(),
            ..Default::default()
        })
    })
}

/// The coat of arms's type and bytes.
pub fn coat_of_arms() -> (&'static str, &'static [u8]) {
    match &site().coat_of_arms {
        Some(c) => (c.content_type, &c.bytes),
        None => ("image/svg+xml", PLAIN_SHIELD.as_bytes()),
    }
}

/// Whether the footer has any contact to show.
pub fn has_contacts() -> bool {
    let s = site();
    s.address.is_some() || s.phone.is_some() || s.email.is_some() || s.pec.is_some()
}

/// A phone number as a `tel:` link wants it: digits and a leading `+` only.
pub fn tel(number: &str) -> String {
    number
        .chars()
        .filter(|c| c.is_ascii_digit() || *c == '+')
        .collect()
}
