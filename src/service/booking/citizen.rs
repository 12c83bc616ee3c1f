//! Who is booking: the citizen's details from the request, or from the identity
//! provider of a logged-in citizen, checked before anything is placed.

use crate::domain::{EmailAddress, FieldError, Language};

use super::view::BookingRequest;

/// The citizen part of a valid request.
pub(super) struct CitizenDetails {
    pub name: String,
    pub email: EmailAddress,
    pub phone: Option<String>,
    pub language: Language,
}

/// The refusal of a booking for a service that requires login (SPID, CIE) made
/// without it (403 `/problems/forbidden`; the pages offer the login buttons instead).
pub const LOGIN_REQUIRED: &str =
    "This service can be booked only after logging in with an identity provider (SPID, CIE).";

/// The per-citizen limit as a logged-in citizen's page says it: their bookings are in
/// "My appointments" (the notice went to the address of the booking they hold, which may
/// not be the one typed now).
pub const LIMIT_BY_IDENTITY: &str =
    "You already hold the most bookings allowed for this service; they are under My appointments.";

/// The field errors of the citizen part of a request (pages show them next to the
/// fields, together with their own, before anything is booked).
pub fn citizen_errors(input: &BookingRequest) -> Vec<FieldError> {
    validate_citizen(input).1
}

pub(super) fn validate_citizen(
    input: &BookingRequest,
) -> (Option<CitizenDetails>, Vec<FieldError>) {
    let mut errors = Vec::new();
    // A logged-in citizen's name (and email, when the provider sent one) are the
    // provider's, whatever the form says.
    let identity = input.identity.as_ref();
    let name = identity
        .map_or(input.citizen.name.as_str(), |i| i.name.as_str())
        .trim()
        .to_string();
    let typed_email = identity
        .and_then(|i| i.email.as_deref())
        .unwrap_or(input.citizen.email.as_str());
    if name.is_empty() {
        errors.push(FieldError::new("citizen.name", "the name is required"));
    } else if name.chars().count() > 200 || name.chars().any(char::is_control) {
        errors.push(FieldError::new(
            "citizen.name",
            "the name is too long or has control characters",
        ));
    }
    let email = EmailAddress::parse(typed_email)
        .map_err(|m| errors.push(FieldError::new("citizen.email", m)))
        .ok();
    let phone = input
        .citizen
        .phone
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_string);
    if let Some(p) = &phone
        && (p.len() > 40
            || !p
                .chars()
                .all(|c| c.is_ascii_digit() || " +-/().".contains(c)))
    {
        errors.push(FieldError::new(
            "citizen.phone",
            "this is not a valid phone number",
        ));
    }
    let language = match input.language.as_deref() {
        None => Ok(Language::default()),
        Some(l) => Language::parse(l),
    }
    .map_err(|m| errors.push(FieldError::new("language", m)))
    .ok();
    match (email, language) {
        (Some(email), Some(language)) if errors.is_empty() => (
            Some(CitizenDetails {
                name,
                email,
                phone,
                language,
            }),
            errors,
        ),
        _ => (None, errors),
    }
}
