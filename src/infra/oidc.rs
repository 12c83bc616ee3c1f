//! The OpenID Connect relying party: discovery, the authorization request (code flow
//! with PKCE S256, `state` and `nonce`), the code exchange (`client_secret_basic` or
//! `private_key_jwt`) and the ID token's check (signature against the provider's JWKS,
//! issuer, audience, expiry, nonce), all by the `openidconnect` crate. It knows nothing
//! of bookings or staff: it answers the verified claims.
//!
//! No token, code or claim is ever logged: failures are logged by kind only.

use std::{sync::Arc, time::Duration};

use base64::{Engine, engine::general_purpose::URL_SAFE_NO_PAD};
use chrono::{DateTime, Utc};
use openidconnect::{
    AdditionalClaims, AuthenticationFlow, AuthorizationCode, Client, ClientId, ClientSecret,
    CsrfToken, EmptyExtraTokenFields, EndpointMaybeSet, EndpointNotSet, EndpointSet, IdTokenFields,
    IssuerUrl, LogoutRequest, Nonce, OAuth2TokenResponse, PkceCodeChallenge, PkceCodeVerifier,
    PostLogoutRedirectUrl, PrivateSigningKey, ProviderMetadataWithLogout, RedirectUrl, Scope,
    StandardErrorResponse, StandardTokenResponse, TokenResponse,
    core::{
        CoreAuthDisplay, CoreAuthPrompt, CoreErrorResponseType, CoreGenderClaim, CoreJsonWebKey,
        CoreJweContentEncryptionAlgorithm, CoreJwsSigningAlgorithm, CoreResponseType,
        CoreRevocableToken, CoreRevocationErrorResponse, CoreRsaPrivateSigningKey,
        CoreTokenIntrospectionResponse, CoreTokenType,
    },
};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::sync::Mutex;

use crate::config::{OidcProvider, identity::ClientAuth};

/// The claims beyond the standard ones (`fiscal_number`, `groups`, `office`, …), kept
/// as they came: which of them matter depends on the provider's audience.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct Extra(Map<String, Value>);
impl AdditionalClaims for Extra {}

type IdFields = IdTokenFields<
    Extra,
    EmptyExtraTokenFields,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJwsSigningAlgorithm,
>;
type Tokens = StandardTokenResponse<IdFields, CoreTokenType>;
type RpClient = Client<
    Extra,
    CoreAuthDisplay,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJsonWebKey,
    CoreAuthPrompt,
    StandardErrorResponse<CoreErrorResponseType>,
    Tokens,
    CoreTokenIntrospectionResponse,
    CoreRevocableToken,
    CoreRevocationErrorResponse,
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

/// Why a login did not complete, without any of the secrets involved.
#[derive(Debug, thiserror::Error)]
pub enum OidcError {
    /// The provider could not be reached or answered an error of its own (5xx, a
    /// broken discovery document): try again later, or book without logging in.
    #[error("the identity provider is not available: {0}")]
    Unavailable(&'static str),
    /// The answer was refused: a bad signature, issuer, audience, nonce, an expired
    /// token, a code the provider would not exchange.
    #[error("the identity provider's answer was refused: {0}")]
    Refused(&'static str),
}

/// A login begun: where to send the browser, and what to keep until it comes back.
pub struct Begun {
    pub url: String,
    pub state: String,
    pub nonce: String,
    pub pkce_verifier: String,
}

/// What the provider vouched for, after every check.
#[derive(Debug, Clone)]
pub struct Verified {
    pub subject: String,
    pub given_name: Option<String>,
    pub family_name: Option<String>,
    pub email: Option<String>,
    /// `email_verified`, when the provider says.
    pub email_verified: Option<bool>,
    /// Every other claim, by name.
    pub extra: Map<String, Value>,
}

/// One configured provider and its discovery document, fetched when first needed and
/// kept for [`DISCOVERY_TTL`], so the service starts and the anonymous path works while
/// a provider is down.
struct Provider {
    config: OidcProvider,
    signer: Option<CoreRsaPrivateSigningKey>,
    discovered: Mutex<Discovery>,
}

/// The last discovery: its document while fresh, or when it last failed.
#[derive(Default)]
struct Discovery {
    document: Option<(std::time::Instant, Arc<ProviderMetadataWithLogout>)>,
    failed_at: Option<std::time::Instant>,
}

/// After a failed discovery, logins are told "not available" at once for this long
/// instead of each waiting out the timeouts in turn behind the lock.
const RETRY_AFTER_FAILURE: Duration = Duration::from_secs(20);

/// How long a discovery document (and its JWKS) is trusted before it is fetched again:
/// a provider's key rotation reaches us within this time.
const DISCOVERY_TTL: Duration = Duration::from_secs(15 * 60);

/// The relying party for every configured provider.
pub struct Oidc {
    providers: Vec<Provider>,
    http: Http,
}

impl std::fmt::Debug for Oidc {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.providers.iter().map(|p| &p.config.name))
            .finish()
    }
}

#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct HttpFailure(String);

/// The crate's requests, sent by our reqwest (its own would pull a second reqwest).
/// A type of its own rather than a closure: the handlers' futures must be `Send` for
/// every lifetime, which a borrowing closure's future is not.
#[derive(Clone)]
struct Http(reqwest::Client);

impl<'c> openidconnect::AsyncHttpClient<'c> for Http {
    type Error = HttpFailure;
    type Future = std::pin::Pin<
        Box<dyn Future<Output = Result<openidconnect::HttpResponse, HttpFailure>> + Send + 'c>,
    >;

    fn call(&'c self, req: openidconnect::HttpRequest) -> Self::Future {
        Box::pin(async move {
            let req = reqwest::Request::try_from(req).map_err(|e| HttpFailure(e.to_string()))?;
            let resp = self
                .0
                .execute(req)
                .await
                .map_err(|e| HttpFailure(e.without_url().to_string()))?;
            let mut out = openidconnect::http::Response::builder().status(resp.status());
            for (k, v) in resp.headers() {
                out = out.header(k, v);
            }
            let body = resp
                .bytes()
                .await
                .map_err(|e| HttpFailure(e.without_url().to_string()))?;
            out.body(body.to_vec())
                .map_err(|e| HttpFailure(e.to_string()))
        })
    }
}

impl Oidc {
    /// Reads the private keys now, so a broken key stops the start rather than a
    /// citizen's login.
    pub fn new(providers: &[OidcProvider]) -> anyhow::Result<Self> {
        // reqwest is built without a default TLS provider (lettre brings ring already).
        let _ = rustls::crypto::ring::default_provider().install_default();
        let http = reqwest::Client::builder()
            // The code exchange must not be redirected anywhere (the code would follow).
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(Duration::from_secs(5))
            .timeout(Duration::from_secs(10))
            .build()?;
        let providers = providers
            .iter()
            .map(|config| {
                let signer = match &config.auth {
                    ClientAuth::Secret(_) => None,
                    ClientAuth::PrivateKey(pem) => {
                        Some(CoreRsaPrivateSigningKey::from_pem(pem, None).map_err(|e| {
                            anyhow::anyhow!(
                                "the private key of provider {} is not a PKCS#1 RSA PEM \
                                 (convert it with `openssl rsa -traditional`): {e}",
                                config.name
                            )
                        })?)
                    }
                };
                Ok(Provider {
                    config: config.clone(),
                    signer,
                    discovered: Mutex::new(Discovery::default()),
                })
            })
            .collect::<anyhow::Result<_>>()?;
        Ok(Self {
            providers,
            http: Http(http),
        })
    }

    fn provider(&self, name: &str) -> Option<&Provider> {
        self.providers.iter().find(|p| p.config.name == name)
    }

    /// The configured provider called `name`.
    pub fn config(&self, name: &str) -> Option<&OidcProvider> {
        self.provider(name).map(|p| &p.config)
    }

    /// The provider's discovery document (and keys): from the cache while fresh, else
    /// fetched, outside the lock so one slow provider holds up nobody else. When the
    /// fetch fails, the last document still serves (keys rotate rarely); without one,
    /// the provider is "not available", at once for [`RETRY_AFTER_FAILURE`].
    async fn metadata(&self, p: &Provider) -> Result<Arc<ProviderMetadataWithLogout>, OidcError> {
        let stale = {
            let cached = p.discovered.lock().unwrap_or_else(|e| e.into_inner());
            if let Some((at, meta)) = cached.document.as_ref()
                && at.elapsed() < DISCOVERY_TTL
            {
                return Ok(meta.clone());
            }
            let stale = cached.document.as_ref().map(|(_, m)| m.clone());
            if cached
                .failed_at
                .is_some_and(|at| at.elapsed() < RETRY_AFTER_FAILURE)
            {
                return stale.ok_or(OidcError::Unavailable("discovery failed recently"));
            }
            stale
        };
        let issuer = IssuerUrl::new(p.config.issuer.clone())
            .map_err(|_| OidcError::Unavailable("issuer is not a URL"))?;
        let found = ProviderMetadataWithLogout::discover_async(issuer, &self.http).await;
        let mut cached = p.discovered.lock().unwrap_or_else(|e| e.into_inner());
        match found {
            Ok(meta) => {
                let meta = Arc::new(meta);
                cached.document = Some((std::time::Instant::now(), meta.clone()));
                cached.failed_at = None;
                Ok(meta)
            }
            Err(e) => {
                cached.failed_at = Some(std::time::Instant::now());
                tracing::warn!(provider = %p.config.name, error = %e, "OpenID discovery failed");
                stale.ok_or(OidcError::Unavailable("discovery failed"))
            }
        }
    }

    fn client(
        &self,
        p: &Provider,
        meta: &ProviderMetadataWithLogout,
        redirect: &str,
    ) -> Result<RpClient, OidcError> {
        let secret = match &p.config.auth {
            ClientAuth::Secret(s) => Some(ClientSecret::new(s.clone())),
            ClientAuth::PrivateKey(_) => None,
        };
        let redirect = RedirectUrl::new(redirect.to_string())
            .map_err(|_| OidcError::Refused("redirect URL"))?;
        Ok(RpClient::from_provider_metadata(
            meta.clone(),
            ClientId::new(p.config.client_id.clone()),
            secret,
        )
        .set_redirect_uri(redirect))
    }

    /// Starts a login: the provider's authorization URL for `redirect` (this site's
    /// callback), with fresh `state`, `nonce` and PKCE verifier.
    pub async fn begin(&self, name: &str, redirect: &str) -> Result<Begun, OidcError> {
        let p = self
            .provider(name)
            .ok_or(OidcError::Refused("unknown provider"))?;
        let meta = self.metadata(p).await?;
        let client = self.client(p, &meta, redirect)?;
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let mut request = client
            .authorize_url(
                AuthenticationFlow::<CoreResponseType>::AuthorizationCode,
                CsrfToken::new_random,
                Nonce::new_random,
            )
            .set_pkce_challenge(challenge);
        for scope in p.config.scopes.iter().filter(|s| *s != "openid") {
            request = request.add_scope(Scope::new(scope.clone()));
        }
        let (url, state, nonce) = request.url();
        Ok(Begun {
            url: url.to_string(),
            state: state.secret().clone(),
            nonce: nonce.secret().clone(),
            pkce_verifier: verifier.secret().clone(),
        })
    }

    /// The `private_key_jwt` assertion (RFC 7523): signed by our key, for the token
    /// endpoint, valid for a minute and used once (`jti`).
    fn client_assertion(
        signer: &CoreRsaPrivateSigningKey,
        p: &OidcProvider,
        audience: &str,
        now: DateTime<Utc>,
    ) -> Result<String, OidcError> {
        let client_id = p.client_id.as_str();
        // The key's id, when the registration names one (SPID and CIE want it).
        let header = match &p.key_id {
            Some(kid) => serde_json::json!({"alg": "RS256", "typ": "JWT", "kid": kid}),
            None => serde_json::json!({"alg": "RS256", "typ": "JWT"}),
        };
        let jti = crate::infra::secrets::new_token()
            .map_err(|_| OidcError::Unavailable("no randomness"))?;
        let claims = serde_json::json!({
            "iss": client_id,
            "sub": client_id,
            "aud": audience,
            "jti": jti,
            "iat": now.timestamp(),
            "exp": now.timestamp() + 60,
        });
        let input = format!(
            "{}.{}",
            URL_SAFE_NO_PAD.encode(header.to_string()),
            URL_SAFE_NO_PAD.encode(claims.to_string())
        );
        let signature = signer
            .sign(
                &CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256,
                input.as_bytes(),
            )
            .map_err(|_| OidcError::Refused("cannot sign the client assertion"))?;
        Ok(format!("{input}.{}", URL_SAFE_NO_PAD.encode(signature)))
    }

    /// Exchanges the code and checks the ID token; `now` is the service's clock (the
    /// token's expiry is judged by it).
    pub async fn finish(
        &self,
        name: &str,
        redirect: &str,
        code: &str,
        pkce_verifier: &str,
        nonce: &str,
        now: DateTime<Utc>,
    ) -> Result<Verified, OidcError> {
        use openidconnect::RequestTokenError;
        let p = self
            .provider(name)
            .ok_or(OidcError::Refused("unknown provider"))?;
        let meta = self.metadata(p).await?;
        let client = self.client(p, &meta, redirect)?;
        let token_url = meta
            .token_endpoint()
            .ok_or(OidcError::Unavailable("no token endpoint"))?
            .to_string();
        let mut exchange = client
            .exchange_code(AuthorizationCode::new(code.to_string()))
            .map_err(|_| OidcError::Unavailable("no token endpoint"))?
            .set_pkce_verifier(PkceCodeVerifier::new(pkce_verifier.to_string()));
        let assertion;
        if let Some(signer) = &p.signer {
            assertion = Self::client_assertion(signer, &p.config, &token_url, now)?;
            exchange = exchange
                .add_extra_param(
                    "client_assertion_type",
                    "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
                )
                .add_extra_param("client_assertion", assertion.as_str());
        }
        let tokens = exchange.request_async(&self.http).await.map_err(|e| {
            let kind = match &e {
                RequestTokenError::ServerResponse(_) => "the provider refused the code",
                RequestTokenError::Request(_) => "the token endpoint did not answer",
                RequestTokenError::Parse(..) => "the token response is not valid",
                RequestTokenError::Other(_) => "the token request failed",
            };
            tracing::warn!(provider = %name, kind, "OpenID code exchange failed");
            match e {
                RequestTokenError::Request(_) => OidcError::Unavailable(kind),
                _ => OidcError::Refused(kind),
            }
        })?;
        let id_token = tokens.id_token().ok_or(OidcError::Refused("no ID token"))?;
        let verifier = client.id_token_verifier().set_time_fn(move || now);
        let claims = id_token
            .claims(&verifier, &Nonce::new(nonce.to_string()))
            .map_err(|e| {
                // The error's text may quote claims: only its kind is logged.
                let kind = match e {
                    openidconnect::ClaimsVerificationError::Expired(_) => "expired",
                    openidconnect::ClaimsVerificationError::InvalidNonce(_) => "nonce",
                    openidconnect::ClaimsVerificationError::InvalidAudience(_) => "audience",
                    openidconnect::ClaimsVerificationError::InvalidIssuer(_) => "issuer",
                    openidconnect::ClaimsVerificationError::SignatureVerification(_) => "signature",
                    _ => "claims",
                };
                tracing::warn!(provider = %name, kind, "ID token refused");
                OidcError::Refused("the ID token did not pass its checks")
            })?;
        let mut verified = Verified {
            subject: claims.subject().to_string(),
            given_name: claims
                .given_name()
                .and_then(|l| l.get(None))
                .map(|v| v.to_string()),
            family_name: claims
                .family_name()
                .and_then(|l| l.get(None))
                .map(|v| v.to_string()),
            email: claims.email().map(|e| e.to_string()),
            email_verified: claims.email_verified(),
            extra: claims.additional_claims().0.clone(),
        };
        // SPID and CIE send the person's attributes from the userinfo endpoint, not in
        // the ID token: asked for (with the token just received, for the same subject)
        // when the ID token lacks the name.
        if verified.given_name.is_none() || verified.family_name.is_none() {
            let subject = claims.subject().clone();
            let Ok(request) = client.user_info(tokens.access_token().clone(), Some(subject)) else {
                return Ok(verified);
            };
            let info: openidconnect::UserInfoClaims<Extra, CoreGenderClaim> =
                request.request_async(&self.http).await.map_err(|e| {
                    let kind = match e {
                        openidconnect::UserInfoError::Request(_) => "unreachable",
                        openidconnect::UserInfoError::ClaimsVerification(_) => "claims",
                        _ => "response",
                    };
                    tracing::warn!(provider = %name, kind, "OpenID userinfo failed");
                    OidcError::Refused("the userinfo answer was not usable")
                })?;
            verified.given_name = verified.given_name.or_else(|| {
                info.given_name()
                    .and_then(|l| l.get(None))
                    .map(|v| v.to_string())
            });
            verified.family_name = verified.family_name.or_else(|| {
                info.family_name()
                    .and_then(|l| l.get(None))
                    .map(|v| v.to_string())
            });
            if verified.email.is_none() {
                verified.email = info.email().map(|e| e.to_string());
                verified.email_verified = info.email_verified();
            }
            for (k, v) in &info.additional_claims().0 {
                verified.extra.entry(k.clone()).or_insert_with(|| v.clone());
            }
        }
        Ok(verified)
    }

    /// Where to send the browser to end the provider's session too (RP-initiated
    /// logout), when the provider offers it.
    pub async fn logout_url(&self, name: &str, back: &str) -> Option<String> {
        let p = self.provider(name)?;
        let meta = self.metadata(p).await.ok()?;
        let end = meta.additional_metadata().end_session_endpoint.clone()?;
        let back = PostLogoutRedirectUrl::new(back.to_string()).ok()?;
        Some(
            LogoutRequest::from(end)
                .set_client_id(ClientId::new(p.config.client_id.clone()))
                .set_post_logout_redirect_uri(back)
                .http_get_url()
                .to_string(),
        )
    }
}
