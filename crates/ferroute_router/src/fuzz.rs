//! Entry points of the fuzz targets (`fuzz/fuzz_targets/router*.rs`, run by cargo-fuzz) and
//! of their corpus replay in the default test run (`tests/it/fuzz.rs`). Each takes arbitrary
//! bytes and panics only when a property fails. Not part of the crate's API.

#[doc(hidden)]
pub mod naive;

use std::{path::Path, sync::OnceLock};

use naive::{naive, naive_decode, Naive};

use crate::{canonical_redirect, params, Match, ParamValue, RouteTable, Segment};

/// The app the `router` target matches paths against: every kind of segment, static
/// names that need escaping, priority with backtracking, route groups and metadata files.
/// No static name is spelled with escapes only (see [`reencoded`]).
const APP: &[&str] = &[
    "route.ts",
    "basic/route.ts",
    "basic/(grouped)/endpoint/nested/route.ts",
    "feed.xml/route.js",
    "(group)/grouped/route.js",
    "%5Funder/route.js",
    "items/[slug]/route.ts",
    "items/new/route.ts",
    "catch/[...slug]/route.js",
    "optional/[[...slug]]/route.js",
    "multi/[a]/[b]/route.js",
    "prio/fixed/route.js",
    "prio/[id]/route.js",
    "prio/[id]/sub/route.js",
    "prio/[...all]/route.js",
    "café/route.ts",
    "a b/route.ts",
    "sitemap.ts",
    "[lang]/route.ts",
    "[lang]/sitemap.ts",
    "robots.ts",
    "manifest.ts",
    "@slot/thing/route.js",
    "bt/static/leaf/route.ts",
    "bt/[p]/other/route.ts",
    "shop/[category]/all/route.ts",
    "shop/[category]/[...rest]/route.ts",
];

fn app() -> &'static RouteTable {
    static TABLE: OnceLock<RouteTable> = OnceLock::new();
    TABLE.get_or_init(|| {
        RouteTable::from_files(Path::new("app"), APP)
            .unwrap_or_else(|errors| panic!("the fuzz app has conflicts: {errors:?}"))
    })
}

/// `router`: `data` is a request path (lossy UTF-8; a `/` is put in front when missing).
///
/// - [`canonical_redirect`] reaches a canonical path in at most two redirects;
/// - [`RouteTable::match_path`] agrees with the naive matcher (route, params, 404, 400);
/// - each segment decodes as the naive decoder does;
/// - a matched path whose params are percent-encoded again matches the same route with
///   the same params.
pub fn match_path(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let path = if text.starts_with('/') {
        text.into_owned()
    } else {
        format!("/{text}")
    };
    check_canonical(&path);
    for segment in path.split('/') {
        assert_eq!(
            params::decode(segment).ok(),
            naive_decode(segment),
            "decoding segment {segment:?}"
        );
    }
    let table = app();
    let got = agree(table, &path);
    if let Match::Found {
        index,
        route,
        params,
    } = got
    {
        let Some(again) = reencoded(&route.segments, &path, &params) else {
            panic!(
                "cannot rebuild {path:?} from {params:?} for {}",
                route.pattern
            );
        };
        match table.match_path(&again) {
            Match::Found {
                index: i,
                params: p,
                ..
            } if i == index && p == params => {}
            other => panic!(
                "{path:?} matched {} with {params:?}, but {again:?} gives {other:?}",
                route.pattern
            ),
        }
    }
}

/// `route_files`: `data` is a list of files under `app/`, one per line (at most 32).
///
/// - [`RouteTable::from_files`] gives a table or diagnostics that render;
/// - for every route of a table, a path built from its pattern matches some route, and
///   the trie agrees with the naive matcher on it.
pub fn route_files(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    let files: Vec<&str> = text.split('\n').take(32).collect();
    let table = match RouteTable::from_files(Path::new("app"), &files) {
        Ok(table) => table,
        Err(errors) => {
            assert!(!errors.is_empty(), "an error result without diagnostics");
            let handler = miette::GraphicalReportHandler::new_themed(
                miette::GraphicalTheme::unicode_nocolor(),
            );
            for error in &errors {
                let mut out = String::new();
                assert!(
                    handler.render_report(&mut out, error).is_ok(),
                    "rendering {error:?}"
                );
            }
            return;
        }
    };
    for route in table.routes() {
        let path = example_path(&route.segments);
        match agree(&table, &path) {
            Match::Found { .. } => {}
            other => panic!("{path:?}, built from {}, gives {other:?}", route.pattern),
        }
    }
}

/// Asserts that the trie and the naive matcher agree on `path`, and returns the match.
fn agree<'t>(table: &'t RouteTable, path: &str) -> Match<'t> {
    let got = table.match_path(path);
    let simple = match &got {
        Match::Found { index, params, .. } => Naive::Found(*index, params.clone()),
        Match::NotFound => Naive::NotFound,
        Match::BadRequest => Naive::BadRequest,
    };
    let want = naive(table.routes(), path);
    assert_eq!(
        simple,
        want,
        "path {path:?} over {:?}",
        table
            .routes()
            .iter()
            .map(|r| &r.pattern)
            .collect::<Vec<_>>()
    );
    got
}

fn check_canonical(path: &str) {
    let Some(first) = canonical_redirect(path) else {
        return;
    };
    assert!(first.starts_with('/'), "{path:?} redirects to {first:?}");
    let last = canonical_redirect(&first).unwrap_or_else(|| first.clone());
    assert_eq!(
        canonical_redirect(&last),
        None,
        "{path:?} → {first:?} → {last:?} redirects again"
    );
    assert!(
        !last.contains("//") && !last.contains('\\') && (last == "/" || !last.ends_with('/')),
        "{path:?} ends at {last:?}"
    );
}

/// `path` with every param value percent-encoded byte by byte (static segments as sent).
/// A fully escaped segment never equals a static name of [`APP`], so it takes the same
/// branch of the trie as the original.
fn reencoded(segments: &[Segment], path: &str, params: &crate::Params) -> Option<String> {
    let rest = path.strip_prefix('/')?;
    let mut parts = rest.split('/').filter(|_| !rest.is_empty());
    let mut out = String::new();
    for segment in segments {
        match segment {
            Segment::Static(_) => {
                out.push('/');
                out.push_str(parts.next()?);
            }
            Segment::Dynamic(name) => {
                parts.next()?;
                out.push('/');
                out.push_str(&escape_all(params.get(name)?.as_str()?));
            }
            Segment::CatchAll(name) | Segment::OptionalCatchAll(name) => {
                let values = match params.get(name) {
                    Some(ParamValue::Many(values)) => values.as_slice(),
                    Some(ParamValue::One(_)) => return None,
                    None => &[],
                };
                for value in values {
                    out.push('/');
                    out.push_str(&escape_all(value));
                }
            }
        }
    }
    if out.is_empty() {
        out.push('/');
    }
    Some(out)
}

fn escape_all(value: &str) -> String {
    value.bytes().map(|b| format!("%{b:02X}")).collect()
}

/// A request path for a route pattern, as a browser would send it.
fn example_path(segments: &[Segment]) -> String {
    let mut out = String::new();
    for segment in segments {
        match segment {
            Segment::Static(name) => {
                out.push('/');
                out.extend(percent_encoding::utf8_percent_encode(
                    name,
                    crate::build::PATH_SET,
                ));
            }
            Segment::Dynamic(_) => out.push_str("/d"),
            Segment::CatchAll(_) => out.push_str("/c1/c2"),
            Segment::OptionalCatchAll(_) => {}
        }
    }
    if out.is_empty() {
        out.push('/');
    }
    out
}
