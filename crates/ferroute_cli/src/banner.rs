//! The `- Local:` and `- Network:` lines `ferroute start` prints, worked out as
//! `next start` works them out (next/dist/server/lib/start-server.js), so the URLs users
//! copy from the terminal are the ones they know.

use std::net::{IpAddr, Ipv4Addr, UdpSocket};

/// The `- Local:` URL: `localhost` without `-H` or for `0.0.0.0`, `[::1]` for `::`, else
/// the hostname as given (an IPv6 address in brackets).
pub(crate) fn local_url(hostname: Option<&str>, port: u16) -> String {
    let host = match hostname.map(|h| h.trim_matches(['[', ']'])) {
        None | Some("0.0.0.0") => "localhost".to_owned(),
        Some("::") => "[::1]".to_owned(),
        Some(h) => format_hostname(h),
    };
    format!("http://{host}:{port}")
}

/// The `- Network:` URL: the hostname as given, or without `-H` the machine's first
/// non-loopback IPv4 address; `None` (no line) when it has none.
pub(crate) fn network_url(hostname: Option<&str>, port: u16) -> Option<String> {
    let host = match hostname {
        Some(h) => format_hostname(h.trim_matches(['[', ']'])),
        None => first_network_ipv4()?.to_string(),
    };
    Some(format!("http://{host}:{port}"))
}

/// `[h]` for an IPv6 address, else `h` (Next's `formatHostname`).
fn format_hostname(h: &str) -> String {
    if h.parse::<std::net::Ipv6Addr>().is_ok() {
        format!("[{h}]")
    } else {
        h.to_owned()
    }
}

/// The machine's first IPv4 address other than 127.0.0.1. Next.js takes the first of
/// `os.networkInterfaces()`; without interface enumeration in std we take the address of
/// the interface the default route leaves by (connecting a UDP socket sends nothing),
/// else the first local address in the kernel's table (`/proc/net/fib_trie`).
fn first_network_ipv4() -> Option<Ipv4Addr> {
    let routed = UdpSocket::bind(("0.0.0.0", 0))
        .and_then(|s| s.connect(("192.0.2.1", 9)).map(|()| s))
        .and_then(|s| s.local_addr())
        .ok()
        .and_then(|a| match a.ip() {
            IpAddr::V4(ip) if !ip.is_loopback() && !ip.is_unspecified() => Some(ip),
            _ => None,
        });
    routed.or_else(|| {
        local_ipv4s(&std::fs::read_to_string("/proc/net/fib_trie").unwrap_or_default())
            .into_iter()
            .find(|ip| !ip.is_loopback())
    })
}

/// The host addresses (`/32 host LOCAL`) of a `/proc/net/fib_trie`, in order.
fn local_ipv4s(fib_trie: &str) -> Vec<Ipv4Addr> {
    let mut out = Vec::new();
    let mut last = None;
    for line in fib_trie.lines() {
        let t = line.trim_start_matches([' ', '|', '+', '-', '`']);
        if let Ok(ip) = t.trim().parse::<Ipv4Addr>() {
            last = Some(ip);
        } else if t.trim() == "/32 host LOCAL" {
            if let Some(ip) = last.take() {
                if !out.contains(&ip) {
                    out.push(ip);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
