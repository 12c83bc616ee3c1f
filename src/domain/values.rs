//! Value types that parse rather than validate: once built, they are known to be valid.

use std::fmt;

/// A field-level validation failure, reported as `{field, message}` in a 422.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FieldError {
    /// JSON path of the offending field, e.g. `citizen.email`.
    pub field: String,
    /// Human-readable reason.
    pub message: String,
    /// Which of several reasons of the same field this is, where a page must say which
    /// (`office-closed`): the message files' `invalid-<code>`. Not part of the API.
    #[serde(skip)]
    pub code: Option<&'static str>,
}

impl FieldError {
    /// Builds a field error; a shorthand used by every parser.
    pub fn new(field: impl Into<String>, message: impl Into<String>) -> Self {
        Self {
            field: field.into(),
            message: message.into(),
            code: None,
        }
    }

    /// Names the reason, for pages (see [`FieldError::code`]).
    pub fn coded(mut self, code: &'static str) -> Self {
        self.code = Some(code);
        self
    }
}

/// A citizen's email, normalised (trimmed, whole address lower-cased) because that
/// normalised form is the citizen's identity for the per-citizen limit.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EmailAddress(String);

impl EmailAddress {
    /// Parses and normalises an address. Deliberately modest: one `@`, a dotted domain,
    /// no spaces; deliverability is the mail server's business. The local part must be a
    /// plain dot-atom: quoted local parts (`"fl\\ood"@…`) and comments are refused,
    /// because mail servers unquote them into one mailbox that our per-mailbox and
    /// per-citizen counts would see as many (security review, finding 1). No citizen
    /// address in use needs them.
    pub fn parse(raw: &str) -> Result<Self, String> {
        let email = raw.trim().to_lowercase();
        if email.len() > 254 {
            return Err("the email address is too long".into());
        }
        let Some((local, domain)) = email.split_once('@') else {
            return Err("the email address must contain @".into());
        };
        let valid_domain = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && domain
                .chars()
                .all(|c| c.is_alphanumeric() || c == '.' || c == '-');
        if local.len() > 64 || !is_dot_atom(local) || !valid_domain {
            return Err("this is not a valid email address".into());
        }
        Ok(Self(email))
    }

    /// The normalised address.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The mailbox the address reaches, for counting what is sent to it: a `+tag`
    /// dropped, and Gmail's dots, so that `anna+1@example.org` is `anna@example.org` and
    /// `a.nna@googlemail.com` is `anna@gmail.com`.
    pub fn mailbox(&self) -> String {
        let Some((local, domain)) = self.0.split_once('@') else {
            return self.0.clone();
        };
        let local = local.split('+').next().unwrap_or(local);
        match domain {
            "gmail.com" | "googlemail.com" => format!("{}@gmail.com", local.replace('.', "")),
            _ => format!("{local}@{domain}"),
        }
    }
}

/// RFC 5322's dot-atom: `atext` runs (letters, digits and ``!#$%&'*+-/=?^_`{|}~``, plus
/// non-ASCII letters for internationalised addresses) joined by single dots.
fn is_dot_atom(local: &str) -> bool {
    let atext = |c: char| c.is_alphanumeric() || "!#$%&'*+-/=?^_`{|}~".contains(c);
    !local.is_empty()
        && local
            .split('.')
            .all(|run| !run.is_empty() && run.chars().all(atext))
}

impl fmt::Display for EmailAddress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// How many persons come together: 1 to 4 (DOMAIN.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PartySize(u8);

impl PartySize {
    /// The largest party one booking may bring.
    pub const MAX: i64 = 4;

    /// Accepts 1..=4.
    pub fn parse(n: i64) -> Result<Self, String> {
        if (1..=Self::MAX).contains(&n) {
            Ok(Self(n as u8))
        } else {
            Err(format!("party size must be between 1 and {}", Self::MAX))
        }
    }

    /// The size as a plain number.
    pub fn get(self) -> i32 {
        i32::from(self.0)
    }
}

/// The languages Sportello speaks, by ISO 639-1 code, Italian (the default) first.
/// Registering a language is this one line and a folder `locales/<code>/` with its
/// messages (README, "Adding a language"); nothing else in the code names a language.
pub const LANGUAGES: [&str; 5] = ["it", "en", "sq", "ro", "ar"];

/// One of [`LANGUAGES`]: the language of a page, of a booking and of its emails.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Language(&'static str);

impl Default for Language {
    fn default() -> Self {
        Self(LANGUAGES[0])
    }
}

impl Language {
    /// Parses an ISO 639-1 code (any case); only the registered languages are offered.
    pub fn parse(raw: &str) -> Result<Self, String> {
        let raw = raw.trim().to_ascii_lowercase();
        LANGUAGES
            .iter()
            .find(|code| **code == raw)
            .map(|code| Self(code))
            .ok_or_else(|| format!("language must be one of {}", LANGUAGES.join(", ")))
    }

    /// The ISO code stored and returned.
    pub fn code(self) -> &'static str {
        self.0
    }

    /// Every registered language, in the order of [`LANGUAGES`].
    pub fn all() -> impl Iterator<Item = Language> {
        LANGUAGES.iter().map(|code| Self(code))
    }
}

/// Where an appointment takes place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Channel {
    /// At a counter: occupies the counter and room places.
    InPerson,
    /// By video call: occupies the counter (the clerk) but no room.
    Video,
}

impl Channel {
    /// Parses the API spelling.
    pub fn parse(raw: &str) -> Result<Self, String> {
        match raw {
            "in_person" => Ok(Self::InPerson),
            "video" => Ok(Self::Video),
            _ => Err("channel must be \"in_person\" or \"video\"".into()),
        }
    }

    /// The API and storage spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::InPerson => "in_person",
            Self::Video => "video",
        }
    }
}

/// Staff roles, from least to most powerful.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Role {
    /// Counter clerk, scoped to one office.
    Staff,
    /// Office manager, scoped to one office.
    Manager,
    /// Administrator of every office.
    Admin,
}

impl Role {
    /// Parses the stored spelling.
    pub fn parse(raw: &str) -> Result<Self, String> {
        match raw {
            "staff" => Ok(Self::Staff),
            "manager" => Ok(Self::Manager),
            "admin" => Ok(Self::Admin),
            _ => Err("role must be staff, manager or admin".into()),
        }
    }

    /// The stored spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Staff => "staff",
            Self::Manager => "manager",
            Self::Admin => "admin",
        }
    }
}

/// Alphabet of human references: no 0/O, 1/I/L, so a reference read aloud at a counter
/// or over the phone is not misheard.
const REFERENCE_ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";

/// Builds a reference such as `K7M-4QX` from six random bytes.
pub fn reference_from_bytes(bytes: [u8; 6]) -> String {
    let mut out = String::with_capacity(7);
    for (i, b) in bytes.iter().enumerate() {
        if i == 3 {
            out.push('-');
        }
        let idx = usize::from(*b) % REFERENCE_ALPHABET.len();
        out.push(char::from(REFERENCE_ALPHABET[idx]));
    }
    out
}

/// Normalises a reference typed by a person (lower case, missing dash).
pub fn normalise_reference(raw: &str) -> String {
    let compact: String = raw
        .trim()
        .chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect();
    if compact.len() == 6 {
        format!("{}-{}", &compact[..3], &compact[3..])
    } else {
        compact
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mailbox_folds_tags_case_and_gmail_dots() {
        let mailbox = |raw: &str| EmailAddress::parse(raw).unwrap().mailbox();
        for raw in [
            " Anna@Example.org",
            "anna+1@example.org",
            "ANNA+news@EXAMPLE.ORG",
        ] {
            assert_eq!(mailbox(raw), "anna@example.org");
        }
        assert_eq!(mailbox("A.N.N.A+x@googlemail.com"), "anna@gmail.com");
        assert_eq!(mailbox("a.nna@example.org"), "a.nna@example.org");
    }

    #[test]
    fn email_is_trimmed_and_lower_cased() {
        let e = EmailAddress::parse("  Maria.Rossi@Example.ORG ").unwrap();
        assert_eq!(e.as_str(), "maria.rossi@example.org");
        for good in [
            "o'brien@example.ie",
            "anna+tag@example.org",
            "zoë@example.org",
        ] {
            assert!(EmailAddress::parse(good).is_ok(), "{good} refused");
        }
    }

    #[test]
    fn bad_emails_are_rejected() {
        for bad in [
            "",
            "maria",
            "maria@",
            "@example.org",
            "a b@example.org",
            "a@example",
            "a@.org",
            "a@ex..org",
            // Quoted local parts and comments: one mailbox to a mail server, many to us.
            "\"flood\"@example.org",
            "\"fl\\ood\"@example.org",
            "\"\\qvictim\"@example.org",
            "victim(comment)@example.org",
            "a\\b@example.org",
            ".anna@example.org",
            "anna.@example.org",
            "an..na@example.org",
            "a<b>@example.org",
            "a,b@example.org",
        ] {
            assert!(EmailAddress::parse(bad).is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn party_size_is_one_to_four() {
        assert!(PartySize::parse(0).is_err());
        assert_eq!(PartySize::parse(4).unwrap().get(), 4);
        assert!(PartySize::parse(5).is_err());
    }

    #[test]
    fn references_use_the_unambiguous_alphabet() {
        let r = reference_from_bytes([0, 30, 31, 200, 255, 7]);
        assert_eq!(r.len(), 7);
        assert_eq!(&r[3..4], "-");
        assert!(!r.contains(['0', 'O', '1', 'I', 'L']));
        assert_eq!(normalise_reference(&r.to_lowercase().replace('-', "")), r);
    }
}

/// The OpenAPI schema of a field error (kept apart so the domain type needs no derive).
#[derive(utoipa::ToSchema, serde::Serialize)]
pub struct FieldErrorSchema {
    /// JSON path of the field.
    pub field: String,
    /// Why it is invalid.
    pub message: String,
}
