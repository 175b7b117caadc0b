//! The request's Cookie header read the way next/headers reads it (`parseCookieHeader` in
//! js/40_next_server.js, after Next's `@edge-runtime/cookies`): split on `;`, leading
//! spaces dropped, a pair without `=` is `name=true`, values percent-decoded like
//! `decodeURIComponent`, and a pair whose value does not decode is skipped. Done here for
//! `cookies()`, which reads it on every call of a handler that uses it.

/// The `(name, value)` pairs of a Cookie header (bytes, each one char as JavaScript sees
/// them), in order, duplicates included (the caller decides which one wins).
pub(crate) fn parse_pairs(header: &[u8]) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for pair in header.split(|&b| b == b';') {
        let start = pair.iter().position(|&b| b != b' ').unwrap_or(pair.len());
        let pair = &pair[start..];
        if pair.is_empty() {
            continue;
        }
        match pair.iter().position(|&b| b == b'=') {
            None => out.push((latin1(pair), "true".to_string())),
            Some(eq) => {
                if let Some(value) = decode_uri_component(&pair[eq + 1..]) {
                    out.push((latin1(&pair[..eq]), value));
                }
            }
        }
    }
    out
}

/// The decoded value of the last pair named `name` in one Cookie header line, as
/// [`parse_pairs`] would give it, without building the other pairs.
pub(crate) fn find_last(header: &[u8], name: &str) -> Option<String> {
    let mut found = None;
    for pair in header.split(|&b| b == b';') {
        let start = pair.iter().position(|&b| b != b' ').unwrap_or(pair.len());
        let pair = &pair[start..];
        let (key, value) = match pair.iter().position(|&b| b == b'=') {
            Some(eq) => (&pair[..eq], Some(&pair[eq + 1..])),
            None => (pair, None),
        };
        if pair.is_empty() || !latin1_eq(key, name) {
            continue;
        }
        match value {
            None => found = Some("true".to_string()),
            Some(v) => {
                if let Some(v) = decode_uri_component(v) {
                    found = Some(v);
                }
            }
        }
    }
    found
}

/// Whether the Latin-1 chars `bytes` spell `name`.
fn latin1_eq(bytes: &[u8], name: &str) -> bool {
    if name.is_ascii() {
        return bytes == name.as_bytes();
    }
    let mut chars = name.chars();
    bytes.iter().all(|&b| chars.next() == Some(b as char)) && chars.next().is_none()
}

fn latin1(bytes: &[u8]) -> String {
    crate::natives::latin1_text(bytes).into_owned()
}

/// `decodeURIComponent` over a string whose chars are `bytes` (Latin-1): every run of
/// `%XX` escapes must decode to UTF-8; `None` where JavaScript would throw a URIError.
fn decode_uri_component(bytes: &[u8]) -> Option<String> {
    let mut out = String::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'%' {
            out.push(bytes[i] as char);
            i += 1;
            continue;
        }
        let mut run = Vec::new();
        while i < bytes.len() && bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hi = (hex[0] as char).to_digit(16)?;
            let lo = (hex[1] as char).to_digit(16)?;
            run.push((hi * 16 + lo) as u8);
            i += 3;
        }
        out.push_str(std::str::from_utf8(&run).ok()?);
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(h: &str) -> Vec<(String, String)> {
        parse_pairs(h.as_bytes())
    }

    fn p(n: &str, v: &str) -> (String, String) {
        (n.to_string(), v.to_string())
    }

    #[test]
    fn splits_trims_leading_spaces_and_keeps_order_and_duplicates() {
        assert_eq!(
            pairs("a=1; b=2;c=3"),
            vec![p("a", "1"), p("b", "2"), p("c", "3")]
        );
        assert_eq!(pairs("a=1; a=2"), vec![p("a", "1"), p("a", "2")]);
        assert_eq!(pairs("  a = b ;; "), vec![p("a ", " b ")]);
        assert_eq!(pairs(""), vec![]);
    }

    #[test]
    fn find_last_agrees_with_the_pairs() {
        let header = "a=1; dup=first; enc=%E2%82%AC; flag; bad=%zz; dup=second; bad=ok; \u{e9}=x";
        for name in [
            "a",
            "dup",
            "enc",
            "flag",
            "bad",
            "none",
            "",
            "\u{e9}",
            "\u{c3}\u{a9}",
        ] {
            let expected = pairs(header)
                .into_iter()
                .rfind(|(n, _)| n == name)
                .map(|(_, v)| v);
            assert_eq!(find_last(header.as_bytes(), name), expected, "{name}");
        }
    }

    #[test]
    fn a_pair_without_equals_is_true() {
        assert_eq!(pairs("flag; a=1"), vec![p("flag", "true"), p("a", "1")]);
    }

    #[test]
    fn values_are_percent_decoded_and_undecodable_pairs_skipped() {
        assert_eq!(
            pairs("a=%20x%C3%A9; b=%E0%A4%A; c=%zz; d=%25"),
            vec![p("a", " xé"), p("d", "%")]
        );
        // A lone continuation byte or a truncated sequence is a URIError in JavaScript.
        assert_eq!(pairs("a=%80; b=%C3; c=ok"), vec![p("c", "ok")]);
        // Chars that are not escapes pass through, Latin-1 included; names are not decoded.
        assert_eq!(pairs("n%41=\u{e9}"), vec![p("n%41", "Ã©")]);
    }
}
