//! A naive linear matcher, written from the rules in `docs/routing.md` independently of
//! `trie.rs`: it tries every route and keeps the most specific match. The differential
//! unit test (`tests/differential.rs`) and the `router` fuzz target compare the trie with it.

use percent_encoding::utf8_percent_encode;

use crate::build::PATH_SET;
use crate::{ParamValue, Params, Route, Segment};

/// What the naive matcher answers, shaped like [`crate::Match`].
#[derive(Debug, PartialEq, Eq)]
pub enum Naive {
    /// The index of the route in `RouteTable::routes`, and its params.
    Found(usize, Params),
    NotFound,
    BadRequest,
}

/// Tries every route; among those that match, the one whose per-segment
/// ranks (static 0, dynamic 1, catch-all 2, optional catch-all 3) are
/// lexicographically smallest wins.
pub fn naive(routes: &[Route], path: &str) -> Naive {
    let Some(rest) = path.strip_prefix('/') else {
        return Naive::NotFound;
    };
    let parts: Vec<&str> = if rest.is_empty() {
        Vec::new()
    } else {
        rest.split('/').collect()
    };
    let mut best: Option<(Vec<u8>, usize, Bound<'_>)> = None;
    for (index, route) in routes.iter().enumerate() {
        if let Some((ranks, bound)) = bind(&route.segments, &parts) {
            if best.as_ref().is_none_or(|(b, _, _)| ranks < *b) {
                best = Some((ranks, index, bound));
            }
        }
    }
    let Some((_, index, bound)) = best else {
        return Naive::NotFound;
    };
    let mut params = Vec::new();
    for (name, raw, many) in bound {
        let mut values = Vec::new();
        for r in raw {
            match naive_decode(r) {
                Some(v) => values.push(v),
                None => return Naive::BadRequest,
            }
        }
        if many {
            if !values.is_empty() {
                params.push((name, ParamValue::Many(values)));
            }
        } else if let Some(v) = values.pop() {
            params.push((name, ParamValue::One(v)));
        }
    }
    Naive::Found(index, Params(params))
}

type Bound<'p> = Vec<(String, Vec<&'p str>, bool)>;

fn bind<'p>(segments: &[Segment], parts: &[&'p str]) -> Option<(Vec<u8>, Bound<'p>)> {
    let mut ranks = Vec::new();
    let mut bound = Vec::new();
    for (i, segment) in segments.iter().enumerate() {
        match segment {
            Segment::Static(name) => {
                let part = *parts.get(i)?;
                let encoded = utf8_percent_encode(name, PATH_SET).to_string();
                if part != name && upper_hex(part) != upper_hex(&encoded) {
                    return None;
                }
                ranks.push(0);
            }
            Segment::Dynamic(name) => {
                let part = *parts.get(i)?;
                if part.is_empty() {
                    return None;
                }
                ranks.push(1);
                bound.push((name.clone(), vec![part], false));
            }
            Segment::CatchAll(name) | Segment::OptionalCatchAll(name) => {
                let rest = parts.get(i..).unwrap_or_default();
                let optional = matches!(segment, Segment::OptionalCatchAll(_));
                if (rest.is_empty() && !optional) || rest.iter().any(|p| p.is_empty()) {
                    return None;
                }
                ranks.push(if optional { 3 } else { 2 });
                bound.push((name.clone(), rest.to_vec(), true));
                return Some((ranks, bound));
            }
        }
    }
    (parts.len() == segments.len()).then_some((ranks, bound))
}

/// Upper-cases the two characters after each `%`.
fn upper_hex(s: &str) -> String {
    let mut out = String::new();
    let mut left = 0;
    for c in s.chars() {
        if left > 0 {
            out.push(c.to_ascii_uppercase());
            left -= 1;
        } else {
            left = if c == '%' { 2 } else { 0 };
            out.push(c);
        }
    }
    out
}

/// Percent-decoding by splitting on `%`; `None` for a bad escape or invalid UTF-8.
pub fn naive_decode(s: &str) -> Option<String> {
    let mut bytes = Vec::new();
    let mut chunks = s.split('%');
    bytes.extend_from_slice(chunks.next()?.as_bytes());
    for chunk in chunks {
        let hex = chunk.get(..2)?;
        if !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        bytes.push(u8::from_str_radix(hex, 16).ok()?);
        bytes.extend_from_slice(chunk.get(2..)?.as_bytes());
    }
    String::from_utf8(bytes).ok()
}
