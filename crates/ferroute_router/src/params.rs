//! Route parameters and their strict percent-decoding.
//!
//! Next.js decodes each dynamic segment with `decodeURIComponent`: `%2F`
//! becomes `/` inside one value, `+` stays `+`, and a malformed escape or
//! invalid UTF-8 is a 400. Catch-all values are decoded segment by segment.

use crate::Segment;

/// The value of one dynamic segment.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum ParamValue {
    /// `[name]`
    One(String),
    /// `[...name]` or a non-empty `[[...name]]`
    Many(Vec<String>),
}

impl ParamValue {
    /// The value of a `[name]` segment.
    #[must_use]
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Self::One(s) => Some(s),
            Self::Many(_) => None,
        }
    }

    /// The values of a catch-all segment.
    #[must_use]
    pub fn as_slice(&self) -> Option<&[String]> {
        match self {
            Self::One(_) => None,
            Self::Many(v) => Some(v),
        }
    }
}

/// Decoded parameters in path order. An optional catch-all that matched zero
/// segments has no entry (Next gives `{}`, not `{slug: []}`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Params(pub Vec<(String, ParamValue)>);

impl Params {
    /// The value for `name`, if the route has that parameter and it matched.
    #[must_use]
    pub fn get(&self, name: &str) -> Option<&ParamValue> {
        self.0.iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }

    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    #[must_use]
    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn iter(&self) -> impl Iterator<Item = (&str, &ParamValue)> {
        self.0.iter().map(|(n, v)| (n.as_str(), v))
    }
}

/// A `%`-escape that is not followed by two hex digits, or bytes that are not UTF-8.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Malformed;

/// Binds the segments of `raw_path` (already known to match `segments`) to
/// parameter names and decodes them.
pub(crate) fn extract(segments: &[Segment], raw_path: &str) -> Result<Params, Malformed> {
    if !segments.iter().any(|s| s.param_name().is_some()) {
        return Ok(Params::default());
    }
    let mut parts = Segments(Some(raw_path.strip_prefix('/').unwrap_or(raw_path)));
    if raw_path == "/" {
        parts.next();
    }
    let mut out = Vec::new();
    for segment in segments {
        match segment {
            Segment::Static(_) => {
                parts.next();
            }
            Segment::Dynamic(name) => {
                let value = decode(parts.next().unwrap_or_default())?;
                out.push((name.clone(), ParamValue::One(value)));
            }
            Segment::CatchAll(name) | Segment::OptionalCatchAll(name) => {
                let values = parts.by_ref().map(decode).collect::<Result<Vec<_>, _>>()?;
                if !values.is_empty() {
                    out.push((name.clone(), ParamValue::Many(values)));
                }
            }
        }
    }
    Ok(Params(out))
}

/// The `/`-separated segments of a path, as `split('/')` gives them
/// ([`crate::trie::first_segment`]'s byte search).
struct Segments<'a>(Option<&'a str>);

impl<'a> Iterator for Segments<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let (segment, tail) = crate::trie::first_segment(self.0?);
        self.0 = tail;
        Some(segment)
    }
}

/// `decodeURIComponent` of `raw`: `None` for a `%` without two hex digits after it, or bytes
/// that are not UTF-8 (where JavaScript throws a `URIError`).
pub fn decode_component(raw: &str) -> Option<String> {
    decode(raw).ok()
}

/// Strict percent-decoding of one path segment.
pub(crate) fn decode(raw: &str) -> Result<String, Malformed> {
    if !raw.bytes().any(|b| b == b'%') {
        return Ok(raw.to_owned());
    }
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b == b'%' {
            let hi = bytes.get(i + 1).copied().and_then(hex).ok_or(Malformed)?;
            let lo = bytes.get(i + 2).copied().and_then(hex).ok_or(Malformed)?;
            out.push(hi << 4 | lo);
            i += 3;
        } else {
            out.push(b);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| Malformed)
}

pub(crate) fn hex(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}
