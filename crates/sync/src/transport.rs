//! Whether the upstream's address sends events in the clear across a network.

use std::net::{Ipv4Addr, Ipv6Addr};

/// Whether `url` is plain `http://` to anything but this machine (`localhost`,
/// `127.0.0.0/8`, `::1`): events, names included, would cross the network
/// unencrypted. `https://` and anything that is not an http address give `false`.
pub fn is_plain_http_off_machine(url: &str) -> bool {
    let url = url.trim();
    let Some(rest) = url
        .get(..7)
        .filter(|scheme| scheme.eq_ignore_ascii_case("http://"))
        .and_then(|_| url.get(7..))
    else {
        return false;
    };
    let authority = rest.split(['/', '?', '#']).next().unwrap_or_default();
    let host_port = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = if let Some(bracketed) = host_port.strip_prefix('[') {
        bracketed.split(']').next().unwrap_or_default()
    } else {
        host_port.split(':').next().unwrap_or_default()
    };
    !is_this_machine(host)
}

fn is_this_machine(host: &str) -> bool {
    let host = host.trim_end_matches('.');
    if host.eq_ignore_ascii_case("localhost") {
        return true;
    }
    if let Ok(v4) = host.parse::<Ipv4Addr>() {
        return v4.is_loopback();
    }
    if let Ok(v6) = host.parse::<Ipv6Addr>() {
        return v6.is_loopback();
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_http_is_flagged_unless_it_stays_on_this_machine() {
        for url in [
            "http://hub.example.org",
            "http://192.168.1.20:8080/events",
            "HTTP://hub.example.org",
            "http://[2001:db8::1]:8080/",
            "http://localhost.example.org",
            "http://user@10.0.0.1/",
            "http://128.0.0.1",
        ] {
            assert!(is_plain_http_off_machine(url), "{url}");
        }
        for url in [
            "https://hub.example.org",
            "http://localhost:8080",
            "http://LOCALHOST/",
            "http://127.0.0.1:3000/v1",
            "http://127.45.6.7",
            "http://[::1]:8080/events",
            "http://localhost.",
            "",
            "ftp://example.org",
            "http",
        ] {
            assert!(!is_plain_http_off_machine(url), "{url}");
        }
    }
}
