//! Posting one webhook delivery: signed as the Standard Webhooks specification says (with
//! its reference library, `standardwebhooks`), over a client that never follows a
//! redirect, gives up after a few seconds and, unless `SPORTELLO_WEBHOOK_ALLOW_PRIVATE=on`,
//! never connects to a loopback, private, link-local or otherwise internal address.
//!
//! The address check is in the client's resolver, so it holds for the address the
//! connection is actually made to: a name that resolved to a public address when the
//! endpoint was added and to `127.0.0.1` now (DNS rebinding) is refused at delivery. A URL
//! with an address literal is checked before the request, since no resolver sees it.

use std::{
    net::{IpAddr, SocketAddr},
    time::Duration,
};

use reqwest::dns::{Addrs, Name, Resolve, Resolving};

/// Why a delivery did not reach a 2xx.
#[derive(Debug)]
pub struct NotDelivered {
    /// For the delivery's row (a status code and the first bytes of the answer, or the
    /// transport's reason).
    pub reason: String,
    /// Never worth retrying as it is (an address that is not allowed, a URL that cannot
    /// be sent to): the delivery fails at once.
    pub permanent: bool,
}

/// The webhook client: one per process, shared by every delivery.
#[derive(Clone, Debug)]
pub struct Poster {
    client: reqwest::Client,
    allow_private: bool,
}

/// Resolves with the system's resolver and keeps only the addresses a delivery may go
/// to; none left is an error.
#[derive(Debug, Clone, Copy)]
struct PublicOnly;

impl Resolve for PublicOnly {
    fn resolve(&self, name: Name) -> Resolving {
        let host = name.as_str().to_owned();
        Box::pin(async move {
            let found: Vec<SocketAddr> = tokio::net::lookup_host((host.as_str(), 0))
                .await?
                .filter(|a| is_public(a.ip()))
                .collect();
            if found.is_empty() {
                return Err(format!("{host} has no public address").into());
            }
            let addrs: Addrs = Box::new(found.into_iter());
            Ok(addrs)
        })
    }
}

impl Poster {
    /// The client; `allow_private` lets deliveries reach any address (tests, closed
    /// networks).
    pub fn new(allow_private: bool) -> anyhow::Result<Self> {
        // Never through a proxy from the environment (`HTTPS_PROXY`…): the proxy would
        // resolve and connect to the endpoint's host, past the address check below.
        let mut builder = reqwest::Client::builder()
            .no_proxy()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(Duration::from_secs(3))
            .timeout(Duration::from_secs(10))
            .user_agent("Sportello-Webhooks/1");
        if !allow_private {
            builder = builder.dns_resolver(std::sync::Arc::new(PublicOnly));
        }
        Ok(Self {
            client: builder.build()?,
            allow_private,
        })
    }

    /// Whether `url` may be an endpoint: `http` or `https`, with a host, and (unless
    /// private addresses are allowed) a host that is or resolves only to public
    /// addresses. The reason, in the manager's words, when not.
    pub async fn check_url(&self, url: &str) -> Result<url::Url, String> {
        let parsed =
            url::Url::parse(url.trim()).map_err(|_| "must be an absolute URL".to_owned())?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err("must start with https:// or http://".into());
        }
        if !parsed.username().is_empty() || parsed.password().is_some() {
            return Err("must not carry a user name or password".into());
        }
        let Some(host) = parsed.host_str() else {
            return Err("must name a host".into());
        };
        if self.allow_private {
            return Ok(parsed);
        }
        let host = host
            .trim_start_matches('[')
            .trim_end_matches(']')
            .to_owned();
        let port = parsed.port_or_known_default().unwrap_or(443);
        let addrs: Vec<IpAddr> = match host.parse::<IpAddr>() {
            Ok(ip) => vec![ip],
            Err(_) => tokio::net::lookup_host((host.as_str(), port))
                .await
                .map_err(|_| format!("{host} cannot be resolved"))?
                .map(|a| a.ip())
                .collect(),
        };
        if addrs.is_empty() || !addrs.iter().all(|ip| is_public(*ip)) {
            return Err(
                "must be a public address: loopback, private and link-local ones are not allowed"
                    .into(),
            );
        }
        Ok(parsed)
    }

    /// Posts `body` to `url`, signed for `webhook_id` at `timestamp` with `secret`.
    pub async fn post(
        &self,
        url: &str,
        secret: &str,
        webhook_id: &str,
        timestamp: i64,
        body: &str,
    ) -> Result<(), NotDelivered> {
        let permanent = |reason: String| NotDelivered {
            reason,
            permanent: true,
        };
        let parsed = url::Url::parse(url).map_err(|e| permanent(format!("bad URL: {e}")))?;
        if !self.allow_private
            && let Some(url::Host::Ipv4(_) | url::Host::Ipv6(_)) = parsed.host()
            && let Some(ip) = parsed
                .host_str()
                .and_then(|h| h.trim_start_matches('[').trim_end_matches(']').parse().ok())
            && !is_public(ip)
        {
            return Err(permanent(format!("{ip} is not a public address")));
        }
        let signature = standardwebhooks::Webhook::new(secret)
            .and_then(|w| w.sign(webhook_id, timestamp, body.as_bytes()))
            .map_err(|e| permanent(format!("cannot sign: {e}")))?;
        let sent = self
            .client
            .post(parsed)
            .header("content-type", "application/json")
            .header("webhook-id", webhook_id)
            .header("webhook-timestamp", timestamp.to_string())
            .header("webhook-signature", signature)
            .body(body.to_owned())
            .send()
            .await;
        let response = match sent {
            Ok(r) => r,
            Err(e) => {
                return Err(NotDelivered {
                    reason: transport_reason(&e),
                    permanent: false,
                });
            }
        };
        let status = response.status();
        if status.is_success() {
            return Ok(());
        }
        // The first bytes only: an endpoint may stream an endless answer.
        let mut response = response;
        let first = response.chunk().await.ok().flatten().unwrap_or_default();
        let answer: String = String::from_utf8_lossy(&first[..first.len().min(600)])
            .chars()
            .take(200)
            .collect();
        Err(NotDelivered {
            reason: format!("HTTP {}: {answer}", status.as_u16()),
            permanent: false,
        })
    }
}

/// The transport's reason, with the chain of causes (a refused address says so).
fn transport_reason(e: &reqwest::Error) -> String {
    let mut reason = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        reason.push_str(": ");
        reason.push_str(&s.to_string());
        source = s.source();
    }
    reason
}

/// Whether a delivery may connect to `ip`: not loopback, private, link-local, shared
/// (CGNAT), unspecified, multicast, documentation or otherwise reserved, in IPv4 or IPv6
/// (IPv4-mapped IPv6 addresses are judged as the IPv4 address they carry).
pub fn is_public(ip: IpAddr) -> bool {
    match ip {
        IpAddr::V4(v4) => {
            let [a, b, ..] = v4.octets();
            !(v4.is_loopback()
                || v4.is_private()
                || v4.is_link_local()
                || v4.is_unspecified()
                || v4.is_broadcast()
                || v4.is_multicast()
                || v4.is_documentation()
                || a == 0
                || (a == 100 && (64..128).contains(&b))
                || (a == 192 && b == 0)
                || (a == 198 && (18..20).contains(&b))
                || a >= 240)
        }
        IpAddr::V6(v6) => {
            if let Some(v4) = v6.to_ipv4_mapped() {
                return is_public(IpAddr::V4(v4));
            }
            let s = v6.segments();
            // Forms that carry an IPv4 address a gateway may reach: IPv4-compatible
            // (::a.b.c.d), NAT64 (64:ff9b::/96 and 64:ff9b:1::/48) and 6to4 (2002::/16).
            let compatible = s[..6].iter().all(|x| *x == 0);
            let nat64 = s[0] == 0x64 && s[1] == 0xff9b;
            !(v6.is_loopback()
                || v6.is_unspecified()
                || v6.is_multicast()
                || compatible
                || nat64
                || s[0] == 0x2002
                || (s[0] & 0xfe00) == 0xfc00
                || (s[0] & 0xffc0) == 0xfe80
                || (s[0] & 0xffc0) == 0xfec0
                || s[0] == 0x2001 && s[1] == 0x0db8)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn internal_addresses_are_not_public() {
        for internal in [
            "127.0.0.1",
            "10.1.2.3",
            "172.16.0.1",
            "192.168.1.1",
            "169.254.169.254",
            "100.64.0.1",
            "0.0.0.0",
            "::1",
            "fe80::1",
            "fd00::1",
            "::ffff:127.0.0.1",
            "::ffff:10.0.0.1",
            "2001:db8::1",
            "::127.0.0.1",
            "64:ff9b::a9fe:a9fe",
            "64:ff9b:1::a00:1",
            "2002:a00:1::1",
            "fec0::1",
        ] {
            assert!(!is_public(internal.parse().unwrap()), "{internal}");
        }
        for public in ["93.184.216.34", "2a00:1450:4002:80b::200e", "151.101.1.69"] {
            assert!(is_public(public.parse().unwrap()), "{public}");
        }
    }

    #[test]
    fn the_signature_is_the_specifications_example() {
        // The test vector of the Standard Webhooks specification.
        let signature = standardwebhooks::Webhook::new("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
            .and_then(|w| {
                w.sign(
                    "msg_p5jXN8AQM9LWM0D4loKWxJek",
                    1_614_265_330,
                    br#"{"test": 2432232314}"#,
                )
            })
            .unwrap();
        assert_eq!(signature, "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }
}
