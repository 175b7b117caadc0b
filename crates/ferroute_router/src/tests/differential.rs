//! Differential check: the trie must agree with a naive linear matcher that
//! tries every route and keeps the most specific match. The naive matcher is
//! written from the rules in `docs/routing.md`, independently of `trie.rs`.
//!
//! Inputs: the shared fixture app and case list from `matching.rs`, every
//! path of up to three segments over an alphabet of interesting segments, and
//! pseudo-random apps with pseudo-random paths.

use std::path::Path;

use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};

use super::matching::{ALL, APP};
use crate::{Match, ParamValue, Params, Route, RouteTable, Segment};

const PATH_SET: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'`')
    .add(b'{')
    .add(b'}');

#[derive(Debug, PartialEq, Eq)]
enum Naive {
    Found(usize, Params),
    NotFound,
    BadRequest,
}

/// Tries every route; among those that match, the one whose per-segment
/// ranks (static 0, dynamic 1, catch-all 2, optional catch-all 3) are
/// lexicographically smallest wins.
fn naive(routes: &[Route], path: &str) -> Naive {
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
                if part != name && upper_hex(part) != encoded {
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

fn naive_decode(s: &str) -> Option<String> {
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

#[track_caller]
fn assert_agree(table: &RouteTable, path: &str) {
    let want = naive(table.routes(), path);
    let got = match table.match_path(path) {
        Match::Found { index, params, .. } => Naive::Found(index, params),
        Match::NotFound => Naive::NotFound,
        Match::BadRequest => Naive::BadRequest,
    };
    assert_eq!(
        got,
        want,
        "path {path:?} over {:#?}",
        table.routes().iter().map(|r| &r.file).collect::<Vec<_>>()
    );
}

#[test]
fn agrees_on_shared_case_list() {
    let table = RouteTable::from_files(Path::new("app"), APP).expect("fixture app is valid");
    let mut n = 0;
    for cases in ALL {
        for (path, _) in *cases {
            assert_agree(&table, path);
            n += 1;
        }
    }
    assert!(n > 90, "only {n} shared cases");
}

#[test]
fn agrees_on_all_short_paths() {
    const ALPHABET: &[&str] = &[
        "",
        "basic",
        "items",
        "prio",
        "fixed",
        "sub",
        "other",
        "catch",
        "optional",
        "_under",
        "%5Funder",
        "caf%C3%A9",
        "café",
        "sitemap.xml",
        "en",
        "%zz",
        "a%2Fb",
        "shop",
        "all",
        "bt",
        "static",
        "leaf",
        "multi",
        "thing",
        "feed",
        "(.)photo",
        "x",
        "deep",
    ];
    let table = RouteTable::from_files(Path::new("app"), APP).expect("fixture app is valid");
    assert_agree(&table, "/");
    for a in ALPHABET {
        assert_agree(&table, &format!("/{a}"));
        for b in ALPHABET {
            assert_agree(&table, &format!("/{a}/{b}"));
            for c in ALPHABET {
                assert_agree(&table, &format!("/{a}/{b}/{c}"));
            }
        }
    }
}

/// xorshift64*: deterministic, dependency-free pseudo-randomness.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        let len = u64::try_from(items.len()).unwrap_or(1);
        let i = usize::try_from(self.next() % len).unwrap_or(0);
        items.get(i).copied().unwrap_or_default()
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

#[test]
fn agrees_on_random_apps() {
    const FOLDERS: &[&str] = &[
        "a", "b", "c", "a", "b", "[x]", "[x]", "[y]", "[...r]", "[[...o]]", "(g)", "(h)", "@s",
        "_p", "%5Fu", "é", "(.)a", "[bad",
    ];
    const FILES: &[&str] = &[
        "route.ts",
        "route.ts",
        "route.ts",
        "route.js",
        "page.tsx",
        "sitemap.ts",
        "robots.ts",
    ];
    const PARTS: &[&str] = &[
        "a",
        "b",
        "c",
        "_u",
        "%5Fu",
        "%C3%A9",
        "%c3%a9",
        "é",
        "%zz",
        "z",
        "",
        "a%2Fb",
        "(.)a",
        "sitemap.xml",
    ];
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let (mut valid, mut invalid) = (0, 0);
    for _ in 0..400 {
        let files: Vec<String> = (0..=rng.below(6))
            .map(|_| {
                let depth = rng.below(4);
                let mut path: Vec<&str> = (0..depth).map(|_| rng.pick(FOLDERS)).collect();
                path.push(rng.pick(FILES));
                path.join("/")
            })
            .collect();
        let Ok(table) = RouteTable::from_files(Path::new("app"), &files) else {
            invalid += 1;
            continue;
        };
        valid += 1;
        for _ in 0..60 {
            let depth = rng.below(5);
            let path: String = (0..depth)
                .map(|_| format!("/{}", rng.pick(PARTS)))
                .collect();
            assert_agree(&table, if path.is_empty() { "/" } else { &path });
        }
    }
    assert!(
        valid > 100 && invalid > 20,
        "valid {valid}, invalid {invalid}: tune the generator"
    );
}
