//! Whose request it is: the client's address, for the login limits, the statistics' rate limit
//! and the audit log.
//!
//! Behind a reverse proxy every request comes from the proxy's socket, and counting failures
//! per that address would lock everybody out at once. The proxy tells the real client in
//! `X-Forwarded-For`, but anyone can send that header: it is believed only when the request
//! comes from a proxy named in `KLAGESAK_BETRODDE_PROXYER` (comma-separated IP addresses), and
//! then the right-most address in it that is not itself a trusted proxy is the client.
//! Otherwise the socket's address is.

use std::net::IpAddr;

/// The proxies whose `X-Forwarded-For` is believed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BetroddeProxyer(Vec<IpAddr>);

impl BetroddeProxyer {
    pub fn new(proxyer: Vec<IpAddr>) -> BetroddeProxyer {
        BetroddeProxyer(proxyer)
    }

    /// `KLAGESAK_BETRODDE_PROXYER` (comma-separated), or none; a value that is not an IP
    /// address stops start-up.
    pub fn fra(tekst: Option<&str>) -> Result<BetroddeProxyer, String> {
        let tekst = tekst.unwrap_or_default();
        let proxyer = tekst
            .split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(|s| s.parse::<IpAddr>().map_err(|_| format!("KLAGESAK_BETRODDE_PROXYER: «{s}» er ikke en IP-adresse")))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(BetroddeProxyer(proxyer))
    }

    /// The client's address, from the socket and the `X-Forwarded-For` header (if any).
    pub fn klientadresse(&self, socket: Option<IpAddr>, videresendt: Option<&str>) -> String {
        let Some(socket) = socket else { return "ukjent".to_owned() };
        if !self.0.contains(&socket) {
            return socket.to_string();
        }
        videresendt
            .unwrap_or_default()
            .rsplit(',')
            .map(str::trim)
            .map_while(|s| s.parse::<IpAddr>().ok())
            .find(|ip| !self.0.contains(ip))
            .unwrap_or(socket)
            .to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ip(s: &str) -> IpAddr {
        s.parse().unwrap()
    }

    #[test]
    fn forwarded_for_is_believed_only_from_a_trusted_proxy() {
        let p = BetroddeProxyer::new(vec![ip("10.0.0.1"), ip("10.0.0.2")]);
        assert_eq!(p.klientadresse(Some(ip("10.0.0.1")), Some("203.0.113.5")), "203.0.113.5");
        // A client's own header is to the left of what the proxies add: the right-most untrusted wins.
        assert_eq!(p.klientadresse(Some(ip("10.0.0.1")), Some("198.51.100.66, 203.0.113.5, 10.0.0.2")), "203.0.113.5");
        // From anywhere else the header is ignored.
        assert_eq!(p.klientadresse(Some(ip("198.51.100.7")), Some("203.0.113.9")), "198.51.100.7");
        // Garbage stops the walk; a proxy with no header is itself the client.
        assert_eq!(p.klientadresse(Some(ip("10.0.0.1")), Some("x, y")), "10.0.0.1");
        assert_eq!(p.klientadresse(Some(ip("10.0.0.1")), None), "10.0.0.1");
        assert_eq!(BetroddeProxyer::default().klientadresse(Some(ip("10.0.0.1")), Some("203.0.113.5")), "10.0.0.1");
        assert_eq!(p.klientadresse(None, Some("203.0.113.5")), "ukjent");
    }
}
