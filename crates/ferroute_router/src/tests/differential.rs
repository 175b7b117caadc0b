//! Differential check: the trie must agree with a naive linear matcher that
//! tries every route and keeps the most specific match (`fuzz/naive.rs`, shared with the
//! `router` fuzz target).
//!
//! Inputs: the shared fixture app and case list from `matching.rs`, every
//! path of up to three segments over an alphabet of interesting segments, and
//! pseudo-random apps with pseudo-random paths.

use std::path::Path;

use super::matching::{ALL, APP};
use crate::fuzz::naive::{naive, Naive};
use crate::{Match, RouteTable};

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

// Issue 9, item 7: found by the `route_files` fuzz target (docs/fuzzing.md). The naive
// matcher compared escapes case-insensitively only in the request, so it missed a folder
// whose name holds a `%` of its own (`%afé`) when requested as a browser spells it.
#[test]
fn issue_9_static_name_with_a_literal_escape() {
    let table = RouteTable::from_files(Path::new("app"), ["%afé/route.ts"]).expect("valid");
    for path in ["/%afé", "/%af%C3%A9", "/%AF%c3%a9", "/%af", "/%afe"] {
        assert_agree(&table, path);
    }
    assert!(matches!(
        table.match_path("/%af%C3%A9"),
        Match::Found { .. }
    ));
}
