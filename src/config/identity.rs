//! OpenID Connect providers from the environment (API.md, "Citizens' and staff's
//! identity"): `SPORTELLO_OIDC_PROVIDERS=spid,cie,city`, then per NAME in upper case
//! `SPORTELLO_OIDC_<NAME>_ISSUER`, `_CLIENT_ID`, `_CLIENT_SECRET` or `_PRIVATE_KEY_FILE`,
//! `_LABEL`, `_FOR`, `_SCOPES`, `_ROLE_CLAIM`, `_OFFICE_CLAIM` and `_ROLE_MAP`.

use std::fmt;

use anyhow::{Context, bail};

use crate::domain::Role;

/// Who logs in through a provider.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Audience {
    /// Citizens (SPID, CIE): the booking form, "My appointments".
    Citizens,
    /// Clerks, managers and administrators (the city's directory).
    Staff,
}

/// How Sportello proves itself to the provider's token endpoint.
#[derive(Clone)]
pub enum ClientAuth {
    /// `client_secret_basic`.
    Secret(String),
    /// `private_key_jwt` (what the SPID and CIE profiles require): the PKCS#1 PEM read
    /// at start.
    PrivateKey(String),
}

/// One provider.
#[derive(Clone)]
pub struct OidcProvider {
    /// The name in the URLs (`/auth/oidc/{name}/login`), lower case.
    pub name: String,
    /// The issuer; its discovery document is `{issuer}/.well-known/openid-configuration`.
    pub issuer: String,
    pub client_id: String,
    pub auth: ClientAuth,
    /// `_PRIVATE_KEY_ID`: the `kid` of the `private_key_jwt` key, as registered.
    pub key_id: Option<String>,
    /// What the login button says (`Entra con SPID`), and in other languages
    /// (`_LABEL_EN`, `_LABEL_AR`, …): (language code, label).
    pub label: String,
    pub labels: Vec<(String, String)>,
    pub audience: Audience,
    /// Always contains `openid`.
    pub scopes: Vec<String>,
    /// Staff: the claim naming the role (a string or a list, e.g. `groups`).
    pub role_claim: Option<String>,
    /// Staff: the claim naming the office (its id in Sportello).
    pub office_claim: Option<String>,
    /// Staff: the role claim's values and the role each stands for. By default the
    /// values `admin`, `manager` and `staff` (or `clerk`) name themselves.
    pub role_map: Vec<(String, Role)>,
}

impl fmt::Debug for OidcProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OidcProvider")
            .field("name", &self.name)
            .field("issuer", &self.issuer)
            .field("client_id", &self.client_id)
            .field(
                "auth",
                &match self.auth {
                    ClientAuth::Secret(_) => "client_secret_basic",
                    ClientAuth::PrivateKey(_) => "private_key_jwt",
                },
            )
            .field("audience", &self.audience)
            .field("scopes", &self.scopes)
            .finish_non_exhaustive()
    }
}

/// Identity settings.
#[derive(Clone, Default)]
pub struct IdentityConfig {
    pub providers: Vec<OidcProvider>,
    /// `SPORTELLO_FISCAL_CODE_KEY`: the key of the fiscal codes' hash (HMAC-SHA256).
    /// A fiscal code follows from a name, a birth date and a place, so an unkeyed hash
    /// could be reversed by trying; set a long random key in production and never change
    /// it (the hashes of existing bookings would stop matching).
    pub fiscal_code_key: Option<String>,
}

impl fmt::Debug for IdentityConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("IdentityConfig")
            .field("providers", &self.providers)
            .field(
                "fiscal_code_key",
                &self.fiscal_code_key.as_ref().map(|_| "<set>"),
            )
            .finish()
    }
}

impl OidcProvider {
    /// The button's words in `lang`, else the default label.
    pub fn label_in(&self, lang: &str) -> &str {
        self.labels
            .iter()
            .find(|(l, _)| l == lang)
            .map_or(self.label.as_str(), |(_, text)| text.as_str())
    }
}

impl IdentityConfig {
    /// The providers for one audience, in the configured order (the buttons' order).
    pub fn for_audience(&self, audience: Audience) -> impl Iterator<Item = &OidcProvider> {
        self.providers
            .iter()
            .filter(move |p| p.audience == audience)
    }

    /// A provider by its name.
    pub fn provider(&self, name: &str) -> Option<&OidcProvider> {
        self.providers.iter().find(|p| p.name == name)
    }
}

fn default_role_map() -> Vec<(String, Role)> {
    vec![
        ("admin".into(), Role::Admin),
        ("manager".into(), Role::Manager),
        ("staff".into(), Role::Staff),
        ("clerk".into(), Role::Staff),
    ]
}

/// `group=role,group=role`, roles spelled `admin`, `manager`, `staff` (or `clerk`).
fn role_map(name: &str, raw: &str) -> anyhow::Result<Vec<(String, Role)>> {
    raw.split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|pair| {
            let (value, role) = pair
                .split_once('=')
                .with_context(|| format!("{name}: expected value=role pairs, got {pair:?}"))?;
            let role = match role.trim() {
                "clerk" => Role::Staff,
                r => Role::parse(r).map_err(|m| anyhow::anyhow!("{name}: {m}"))?,
            };
            Ok((value.trim().to_string(), role))
        })
        .collect()
}

/// Reads the providers with `var` (the environment, or a test's map).
pub fn read(var: impl Fn(&str) -> Option<String>) -> anyhow::Result<IdentityConfig> {
    let mut providers: Vec<OidcProvider> = Vec::new();
    let names = var("SPORTELLO_OIDC_PROVIDERS").unwrap_or_default();
    for name in names.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        let name = name.to_ascii_lowercase();
        if !name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            || name.len() > 32
        {
            bail!("SPORTELLO_OIDC_PROVIDERS: {name:?} is not a name of letters, digits and -");
        }
        if providers.iter().any(|p| p.name == name) {
            bail!("SPORTELLO_OIDC_PROVIDERS: {name:?} is named twice");
        }
        let key = |suffix: &str| {
            format!(
                "SPORTELLO_OIDC_{}_{suffix}",
                name.to_ascii_uppercase().replace('-', "_")
            )
        };
        let need = |suffix: &str| {
            var(&key(suffix)).with_context(|| format!("{} is required", key(suffix)))
        };
        let issuer = need("ISSUER")?.trim().trim_end_matches('/').to_string();
        if !(issuer.starts_with("https://") || issuer.starts_with("http://")) {
            bail!("{}: expected an http(s) URL", key("ISSUER"));
        }
        let auth = match (var(&key("CLIENT_SECRET")), var(&key("PRIVATE_KEY_FILE"))) {
            (Some(_), Some(_)) => bail!(
                "{} and {}: set one of them",
                key("CLIENT_SECRET"),
                key("PRIVATE_KEY_FILE")
            ),
            (Some(secret), None) => ClientAuth::Secret(secret),
            (None, Some(path)) => {
                ClientAuth::PrivateKey(std::fs::read_to_string(&path).with_context(|| {
                    format!("{}: cannot read {path:?}", key("PRIVATE_KEY_FILE"))
                })?)
            }
            (None, None) => bail!(
                "{} or {} is required",
                key("CLIENT_SECRET"),
                key("PRIVATE_KEY_FILE")
            ),
        };
        let audience = match var(&key("FOR")).as_deref().map(str::trim) {
            None | Some("citizens") => Audience::Citizens,
            Some("staff") => Audience::Staff,
            Some(other) => bail!("{}: expected citizens or staff, got {other:?}", key("FOR")),
        };
        let mut scopes: Vec<String> = var(&key("SCOPES"))
            .unwrap_or_else(|| "openid profile email".into())
            .split_whitespace()
            .map(str::to_string)
            .collect();
        if !scopes.iter().any(|s| s == "openid") {
            scopes.insert(0, "openid".into());
        }
        let role_claim = var(&key("ROLE_CLAIM"));
        let office_claim = var(&key("OFFICE_CLAIM"));
        if audience == Audience::Staff && role_claim.is_none() {
            bail!("{} is required for a staff provider", key("ROLE_CLAIM"));
        }
        providers.push(OidcProvider {
            label: var(&key("LABEL")).unwrap_or_else(|| name.clone()),
            labels: crate::domain::Language::all()
                .filter_map(|l| {
                    var(&key(&format!("LABEL_{}", l.code().to_ascii_uppercase())))
                        .map(|text| (l.code().to_string(), text))
                })
                .collect(),
            client_id: need("CLIENT_ID")?,
            key_id: var(&key("PRIVATE_KEY_ID")),
            role_map: match var(&key("ROLE_MAP")) {
                Some(raw) => role_map(&key("ROLE_MAP"), &raw)?,
                None => default_role_map(),
            },
            name,
            issuer,
            auth,
            audience,
            scopes,
            role_claim,
            office_claim,
        });
    }
    let fiscal_code_key = var("SPORTELLO_FISCAL_CODE_KEY");
    if providers.iter().any(|p| p.audience == Audience::Citizens) {
        match &fiscal_code_key {
            None => bail!(
                "SPORTELLO_FISCAL_CODE_KEY is required with a citizens' provider: bookings keep \
                 a keyed hash of the fiscal code (set a long random value, e.g. `openssl rand \
                 -hex 32`, and never change it)"
            ),
            Some(k) if k.len() < 32 => {
                bail!("SPORTELLO_FISCAL_CODE_KEY must have at least 32 characters")
            }
            Some(_) => {}
        }
    }
    Ok(IdentityConfig {
        providers,
        fiscal_code_key,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_string(), (*v).to_string()))
            .collect();
        move |k| map.get(k).cloned()
    }

    #[test]
    fn providers_are_read_per_name() {
        let c = read(env(&[
            ("SPORTELLO_OIDC_PROVIDERS", "spid, city"),
            (
                "SPORTELLO_FISCAL_CODE_KEY",
                "0123456789abcdef0123456789abcdef",
            ),
            ("SPORTELLO_OIDC_SPID_ISSUER", "https://id.example/"),
            ("SPORTELLO_OIDC_SPID_CLIENT_ID", "rp"),
            ("SPORTELLO_OIDC_SPID_CLIENT_SECRET", "s"),
            ("SPORTELLO_OIDC_SPID_LABEL", "Entra con SPID"),
            ("SPORTELLO_OIDC_SPID_LABEL_EN", "Log in with SPID"),
            ("SPORTELLO_OIDC_CITY_ISSUER", "https://sso.comune.example"),
            ("SPORTELLO_OIDC_CITY_CLIENT_ID", "sportello"),
            ("SPORTELLO_OIDC_CITY_CLIENT_SECRET", "s"),
            ("SPORTELLO_OIDC_CITY_FOR", "staff"),
            ("SPORTELLO_OIDC_CITY_SCOPES", "profile email"),
            ("SPORTELLO_OIDC_CITY_ROLE_CLAIM", "groups"),
            (
                "SPORTELLO_OIDC_CITY_ROLE_MAP",
                "sportello-clerks=clerk, sportello-admins=admin",
            ),
        ]))
        .unwrap();
        let spid = c.provider("spid").unwrap();
        assert_eq!(spid.issuer, "https://id.example");
        assert_eq!(
            (spid.label_in("en"), spid.label_in("ar")),
            ("Log in with SPID", "Entra con SPID")
        );
        assert_eq!(spid.audience, Audience::Citizens);
        assert_eq!(spid.scopes, ["openid", "profile", "email"]);
        let city = c.provider("city").unwrap();
        assert_eq!(city.scopes, ["openid", "profile", "email"]);
        assert_eq!(
            city.role_map,
            [
                ("sportello-clerks".to_string(), Role::Staff),
                ("sportello-admins".to_string(), Role::Admin)
            ]
        );
        assert!(!format!("{city:?}").contains("\"s\""), "no secret in Debug");
        assert!(
            !format!("{c:?}").contains("0123456789abcdef"),
            "no key in Debug"
        );
    }

    #[test]
    fn mistakes_stop_the_start() {
        for bad in [
            vec![("SPORTELLO_OIDC_PROVIDERS", "spid")],
            vec![
                ("SPORTELLO_OIDC_PROVIDERS", "spid"),
                ("SPORTELLO_OIDC_SPID_ISSUER", "https://id.example"),
                ("SPORTELLO_OIDC_SPID_CLIENT_ID", "rp"),
            ],
            vec![
                ("SPORTELLO_OIDC_PROVIDERS", "city"),
                ("SPORTELLO_OIDC_CITY_ISSUER", "https://id.example"),
                ("SPORTELLO_OIDC_CITY_CLIENT_ID", "rp"),
                ("SPORTELLO_OIDC_CITY_CLIENT_SECRET", "s"),
                ("SPORTELLO_OIDC_CITY_FOR", "staff"),
            ],
            vec![("SPORTELLO_OIDC_PROVIDERS", "sp id")],
            // A citizens' provider without the fiscal codes' key.
            vec![
                ("SPORTELLO_OIDC_PROVIDERS", "spid"),
                ("SPORTELLO_OIDC_SPID_ISSUER", "https://id.example"),
                ("SPORTELLO_OIDC_SPID_CLIENT_ID", "rp"),
                ("SPORTELLO_OIDC_SPID_CLIENT_SECRET", "s"),
            ],
        ] {
            assert!(read(env(&bad)).is_err(), "{bad:?}");
        }
    }
}
