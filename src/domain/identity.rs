//! Who a logged-in citizen is, as a booking records it.

/// An Italian fiscal code as identity providers send it. SPID sends the
/// `fiscalNumber` attribute with the `TINIT-` prefix (ETSI's "tax identification number,
/// Italy"), CIE and most others without it; both name the same person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FiscalCode(String);

impl FiscalCode {
    /// Upper case, without the prefix and spaces: 16 letters and digits for a person,
    /// 11 digits for a provisional code.
    pub fn parse(raw: &str) -> Result<Self, &'static str> {
        let code: String = raw
            .trim()
            .trim_start_matches("TINIT-")
            .trim_start_matches("tinit-")
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_uppercase();
        let person = code.len() == 16 && code.chars().all(|c| c.is_ascii_alphanumeric());
        let provisional = code.len() == 11 && code.chars().all(|c| c.is_ascii_digit());
        if person || provisional {
            Ok(Self(code))
        } else {
            Err("not a fiscal code")
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A citizen whose identity a provider vouched for, as a booking needs it: the name and
/// email come from the provider and are not typed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct VerifiedCitizen {
    /// The provider's configured name (`spid`).
    pub provider: String,
    /// The keyed hash of the fiscal code: the per-citizen limit counts by it.
    pub fiscal_hash: String,
    /// The fiscal code itself: kept on the booking only while the IO app's channel is on,
    /// which addresses messages by it.
    pub fiscal_code: String,
    pub name: String,
    /// The provider's address, when it sends one; otherwise the citizen types it.
    pub email: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_spid_prefix_and_case_do_not_make_another_person() {
        let a = FiscalCode::parse("TINIT-RSSMRA80A01H501U").unwrap();
        let b = FiscalCode::parse(" rssmra80a01h501u ").unwrap();
        assert_eq!(a, b);
        assert_eq!(a.as_str(), "RSSMRA80A01H501U");
        assert!(FiscalCode::parse("12345678901").is_ok());
        for bad in [
            "",
            "RSSMRA80A01H501",
            "RSSMRA80A01H501U1",
            "RSSMRA80A01H5-1U",
            "1234567890A",
        ] {
            assert!(FiscalCode::parse(bad).is_err(), "{bad}");
        }
    }
}
