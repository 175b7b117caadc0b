//! Entry points of the fuzz targets (`fuzz/fuzz_targets/`, run by cargo-fuzz) and of their
//! corpus replay in the default test run (`tests/it/fuzz.rs`). Each takes arbitrary bytes and
//! panics only when a property fails. Not part of the crate's API.

mod multipart;

pub use multipart::Multipart;

use http::HeaderValue;

use crate::{cookie, natives};

/// `cookie`: `data` is one Cookie header line.
///
/// - every value [`cookie::parse_pairs`] keeps is what `decodeURIComponent` (written here
///   from ECMA-262's Decode) makes of the raw value, and a pair it drops is one that
///   `decodeURIComponent` throws on;
/// - [`cookie::find_last`] agrees with the last pair of that name, for every name in the
///   header and a few others.
pub fn cookie(data: &[u8]) {
    let pairs = cookie::parse_pairs(data);
    let mut want = Vec::new();
    for pair in data.split(|&b| b == b';') {
        let start = pair.iter().position(|&b| b != b' ').unwrap_or(pair.len());
        let pair = &pair[start..];
        if pair.is_empty() {
            continue;
        }
        let (name, value) = match pair.iter().position(|&b| b == b'=') {
            Some(eq) => (&pair[..eq], decode_uri_component(&pair[eq + 1..])),
            None => (pair, Some("true".to_owned())),
        };
        if let Some(value) = value {
            want.push((latin1(name), value));
        }
    }
    assert_eq!(pairs, want, "pairs of {data:?}");
    let mut names: Vec<String> = pairs.iter().map(|(n, _)| n.clone()).collect();
    names.extend(["", "a", "\u{e9}", "\u{c3}\u{a9}", "true"].map(str::to_owned));
    for name in &names {
        let last = pairs.iter().rev().find(|(n, _)| n == name).map(|(_, v)| v);
        assert_eq!(
            cookie::find_last(data, name).as_ref(),
            last,
            "find_last({name:?}) in {data:?}"
        );
    }
}

/// `header_value`: `data` is read twice, as the UTF-8 that QuickJS hands a native for a
/// JavaScript string, and as a ByteString (one char per byte).
///
/// - `checkHeaderValue` says 2 for a char above U+00FF, else 1 for NUL, CR or LF, else 0,
///   as the RegExps of `js/10_headers.js` do;
/// - a value `recordHeaders` passes through unchecked is one the general path keeps as is;
/// - [`natives::header_value`] accepts exactly the ByteStrings whose bytes
///   `http::HeaderValue::from_bytes` accepts, with the same bytes, and nothing else.
pub fn header_value(data: &[u8]) {
    let class = natives::header_value_class(data);
    match std::str::from_utf8(data) {
        Ok(text) => {
            check_text(text, class);
        }
        // Lone surrogates (QuickJS writes them as 3-byte sequences from 0xED) and anything
        // else that is not UTF-8: only the classification sees such bytes.
        Err(_) => {
            if data.iter().any(|&b| b >= 0xc4) {
                assert_eq!(class, 2, "class of {data:?}");
            }
        }
    }
    let text = latin1(data);
    check_text(&text, natives::header_value_class(text.as_bytes()));
}

fn check_text(text: &str, class: u32) {
    let want = if text.chars().any(|c| c > '\u{ff}') {
        2
    } else {
        u32::from(text.contains(['\0', '\r', '\n']))
    };
    assert_eq!(class, want, "class of {text:?}");
    if natives::is_plain_value(text.as_bytes()) {
        let trimmed = text.trim_matches([' ', '\t', '\r', '\n']);
        assert!(
            class == 0 && trimmed == text,
            "recordHeaders keeps {text:?} as it is"
        );
    }
    let got = natives::header_value(text);
    if want == 2 {
        assert!(
            got.is_none(),
            "{text:?} is not a ByteString, but became {got:?}"
        );
        return;
    }
    let bytes: Vec<u8> = text.chars().map(|c| c as u8).collect();
    let reference = HeaderValue::from_bytes(&bytes).ok();
    assert_eq!(got, reference, "header_value({text:?})");
}

fn latin1(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| char::from(b)).collect()
}

/// ECMA-262 `Decode(string, "")` over a string of Latin-1 chars: `None` where it throws a
/// URIError. Written from the spec, one escape sequence (one code point) at a time.
fn decode_uri_component(s: &[u8]) -> Option<String> {
    let hex_at = |k: usize| -> Option<u8> {
        if s.get(k) != Some(&b'%') {
            return None;
        }
        let digits = std::str::from_utf8(s.get(k + 1..k + 3)?).ok()?;
        if !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        u8::from_str_radix(digits, 16).ok()
    };
    let mut out = String::new();
    let mut k = 0;
    while let Some(&c) = s.get(k) {
        if c != b'%' {
            out.push(char::from(c));
            k += 1;
            continue;
        }
        let lead = hex_at(k)?;
        k += 3;
        let n = lead.leading_ones() as usize;
        if n == 0 {
            out.push(char::from(lead));
            continue;
        }
        if n == 1 || n > 4 {
            return None;
        }
        let mut octets = vec![lead];
        for _ in 1..n {
            let b = hex_at(k)?;
            if b & 0xc0 != 0x80 {
                return None;
            }
            octets.push(b);
            k += 3;
        }
        out.push_str(std::str::from_utf8(&octets).ok()?);
    }
    Some(out)
}
