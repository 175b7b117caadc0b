//! `canonical_redirect`: Next's `trailingSlash: false` canonicalisation (TS-01).

use crate::{canonical_redirect, Match, RouteTable};

const CASES: &[(&str, Option<&str>)] = &[
    // Observed in Next.js 15.5 (TS-01).
    ("/basic/", Some("/basic")),
    ("/basic//", Some("/basic/")),
    // Already canonical.
    ("/", None),
    ("/basic", None),
    ("/a/b.json", None),
    ("/%2F", None),
    ("/a%5Cb", None),
    ("", None),
    // Runs of slashes and backslashes collapse to one slash.
    ("//", Some("/")),
    ("//basic", Some("/basic")),
    ("/a//b", Some("/a/b")),
    ("/a///b", Some("/a/b")),
    ("/a\\b", Some("/a/b")),
    ("\\a", Some("/a")),
    ("/a/\\/b/", Some("/a/b/")),
    ("/caf%C3%A9//x", Some("/caf%C3%A9/x")),
    ("/café//", Some("/café/")),
    // A trailing slash is removed once no runs are left.
    ("/a/b/", Some("/a/b")),
    ("/feed.xml/", Some("/feed.xml")),
];

#[test]
fn trailing_slash_and_slash_runs() {
    for (input, want) in CASES {
        assert_eq!(
            canonical_redirect(input).as_deref(),
            *want,
            "input {input:?}"
        );
    }
}

#[test]
fn redirect_chain_ends_at_a_canonical_path() {
    for (input, _) in CASES {
        let mut path = (*input).to_owned();
        for _ in 0..3 {
            match canonical_redirect(&path) {
                Some(next) => path = next,
                None => break,
            }
        }
        assert_eq!(
            canonical_redirect(&path),
            None,
            "{input:?} still redirects after 3 hops: {path:?}"
        );
    }
}

#[test]
fn canonical_target_then_matches() {
    let t = RouteTable::from_files(std::path::Path::new("app"), ["basic/route.ts"]).expect("valid");
    let mut path = "/basic//".to_owned();
    while let Some(next) = canonical_redirect(&path) {
        path = next;
    }
    assert!(matches!(t.match_path(&path), Match::Found { .. }), "{path}");
}
