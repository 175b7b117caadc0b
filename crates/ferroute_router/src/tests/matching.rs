//! `(files, url) -> match` tables, one per behaviour (RES-xx in
//! `shared/spec/behaviour.md` §1). The same fixture app and cases feed the
//! differential test in `differential.rs`.

use super::{at, check, table, BadRequest, NotFound, Want, P};
use crate::{Match, RouteKind};

/// One app exercising every rule; paths are relative to `app/`.
pub(super) const APP: &[&str] = &[
    "route.ts",
    "layout.tsx",
    "about/page.tsx",
    "components/Button.tsx",
    "basic/route.ts",
    "basic/(grouped)/endpoint/nested/route.ts",
    "feed.xml/route.js",
    "api/hello.json/route.ts",
    "(group)/grouped/route.js",
    "_private/route.js",
    "_private/[broken/route.js",
    "%5Funder/route.js",
    "items/[slug]/route.ts",
    "items/[slug]/helpers.ts",
    "encoded/[slug]/route.ts",
    "catch/[...slug]/route.js",
    "optional/[[...slug]]/route.js",
    "multi/[a]/[b]/route.js",
    "prio/fixed/route.js",
    "prio/[id]/route.js",
    "prio/[id]/sub/route.js",
    "prio/[...all]/route.js",
    "@slot/thing/route.js",
    "feed/(.)photo/route.js",
    "(...)top/route.ts",
    "z/(..)(..)w/route.ts",
    "café/route.ts",
    "a b/route.ts",
    "sitemap.ts",
    "blog/sitemap.ts",
    "[lang]/sitemap.ts",
    "robots.ts",
    "robots.txt/route.ts",
    "manifest.ts",
    "(shell)/x/@modal/deep/route.ts",
    "bt/static/leaf/route.ts",
    "bt/[p]/other/route.ts",
    "shop/[category]/all/route.ts",
    "shop/[category]/[...rest]/route.ts",
];

/// RES-01: `route.*` anywhere; `app/route.ts` serves `/`.
pub(super) const RES_01: &[(&str, Want)] = &[
    ("/", at("route.ts")),
    ("/basic", at("basic/route.ts")),
    ("/about", NotFound),
    ("/components", NotFound),
    ("/layout", NotFound),
];

/// RES-02: dotted folder names are literal.
pub(super) const RES_02: &[(&str, Want)] = &[
    ("/feed.xml", at("feed.xml/route.js")),
    ("/api/hello.json", at("api/hello.json/route.ts")),
    ("/feed", NotFound),
    ("/api/hello", NotFound),
];

/// RES-03 and RES-16: route groups and slots are not in the URL.
pub(super) const RES_03_16: &[(&str, Want)] = &[
    ("/grouped", at("(group)/grouped/route.js")),
    ("/(group)/grouped", NotFound),
    ("/%28group%29/grouped", NotFound),
    (
        "/basic/endpoint/nested",
        at("basic/(grouped)/endpoint/nested/route.ts"),
    ),
    ("/basic/(grouped)/endpoint/nested", NotFound),
    ("/thing", at("@slot/thing/route.js")),
    ("/@slot/thing", NotFound),
    ("/x/deep", at("(shell)/x/@modal/deep/route.ts")),
];

/// RES-04 and RES-05: private folders; `%5F` folders give `_` segments,
/// matched against the raw request, not the decoded one.
pub(super) const RES_04_05: &[(&str, Want)] = &[
    ("/_private", NotFound),
    ("/_private/[broken", NotFound),
    ("/_under", at("%5Funder/route.js")),
    ("/%5Funder", NotFound),
    ("/%5funder", NotFound),
];

/// RES-06: `[slug]` matches one segment; values are percent-decoded.
pub(super) const RES_06: &[(&str, Want)] = &[
    (
        "/items/abc",
        Want::Route("items/[slug]/route.ts", &[("slug", P::One("abc"))]),
    ),
    (
        "/items/a%20b",
        Want::Route("items/[slug]/route.ts", &[("slug", P::One("a b"))]),
    ),
    (
        "/items/caf%C3%A9",
        Want::Route("items/[slug]/route.ts", &[("slug", P::One("café"))]),
    ),
    (
        "/items/caf%c3%a9",
        Want::Route("items/[slug]/route.ts", &[("slug", P::One("café"))]),
    ),
    (
        "/items/a%2Fb",
        Want::Route("items/[slug]/route.ts", &[("slug", P::One("a/b"))]),
    ),
    (
        "/items/a+b",
        Want::Route("items/[slug]/route.ts", &[("slug", P::One("a+b"))]),
    ),
    (
        "/items/%61bc",
        Want::Route("items/[slug]/route.ts", &[("slug", P::One("abc"))]),
    ),
    (
        "/items/%25",
        Want::Route("items/[slug]/route.ts", &[("slug", P::One("%"))]),
    ),
    (
        "/encoded/a%2Bb",
        Want::Route("encoded/[slug]/route.ts", &[("slug", P::One("a+b"))]),
    ),
    (
        "/encoded/a+b",
        Want::Route("encoded/[slug]/route.ts", &[("slug", P::One("a+b"))]),
    ),
    (
        "/encoded/%E2%9C%93",
        Want::Route("encoded/[slug]/route.ts", &[("slug", P::One("✓"))]),
    ),
    ("/items", NotFound),
    ("/items/a/b", NotFound),
];

/// Malformed escapes and invalid UTF-8 in a parameter are a 400.
pub(super) const BAD_ESCAPES: &[(&str, Want)] = &[
    ("/items/%zz", BadRequest),
    ("/items/%", BadRequest),
    ("/items/abc%", BadRequest),
    ("/items/%4", BadRequest),
    ("/items/%C3", BadRequest),
    ("/items/%FF", BadRequest),
    ("/items/%C3%28", BadRequest),
    ("/items/%ED%A0%80", BadRequest),
    ("/catch/ok/%zz", BadRequest),
    ("/optional/%E2%9C", BadRequest),
    ("/%zz/sitemap.xml", BadRequest),
    // Malformed text in a static position is just not found.
    ("/%zz", NotFound),
    ("/basic/%zz", NotFound),
];

/// RES-07, RES-08, RES-09: catch-alls and several parameters.
pub(super) const RES_07_09: &[(&str, Want)] = &[
    (
        "/catch/a/b/c",
        Want::Route(
            "catch/[...slug]/route.js",
            &[("slug", P::Many(&["a", "b", "c"]))],
        ),
    ),
    (
        "/catch/a%2Fb/c",
        Want::Route(
            "catch/[...slug]/route.js",
            &[("slug", P::Many(&["a/b", "c"]))],
        ),
    ),
    (
        "/catch/x",
        Want::Route("catch/[...slug]/route.js", &[("slug", P::Many(&["x"]))]),
    ),
    ("/catch", NotFound),
    ("/catch/a//b", NotFound),
    ("/optional", at("optional/[[...slug]]/route.js")),
    (
        "/optional/x/y",
        Want::Route(
            "optional/[[...slug]]/route.js",
            &[("slug", P::Many(&["x", "y"]))],
        ),
    ),
    (
        "/multi/x/y",
        Want::Route(
            "multi/[a]/[b]/route.js",
            &[("a", P::One("x")), ("b", P::One("y"))],
        ),
    ),
    ("/multi/x", NotFound),
    ("/multi/x/y/z", NotFound),
];

/// RES-10: static > dynamic > catch-all, with backtracking.
pub(super) const RES_10: &[(&str, Want)] = &[
    ("/prio/fixed", at("prio/fixed/route.js")),
    (
        "/prio/other",
        Want::Route("prio/[id]/route.js", &[("id", P::One("other"))]),
    ),
    (
        "/prio/other/sub",
        Want::Route("prio/[id]/sub/route.js", &[("id", P::One("other"))]),
    ),
    (
        "/prio/fixed/sub",
        Want::Route("prio/[id]/sub/route.js", &[("id", P::One("fixed"))]),
    ),
    (
        "/prio/a/b/c",
        Want::Route(
            "prio/[...all]/route.js",
            &[("all", P::Many(&["a", "b", "c"]))],
        ),
    ),
    (
        "/prio/fixed/other",
        Want::Route(
            "prio/[...all]/route.js",
            &[("all", P::Many(&["fixed", "other"]))],
        ),
    ),
    ("/prio", NotFound),
    ("/bt/static/leaf", at("bt/static/leaf/route.ts")),
    (
        "/bt/static/other",
        Want::Route("bt/[p]/other/route.ts", &[("p", P::One("static"))]),
    ),
    (
        "/shop/shoes/all",
        Want::Route(
            "shop/[category]/all/route.ts",
            &[("category", P::One("shoes"))],
        ),
    ),
    (
        "/shop/shoes/all/x",
        Want::Route(
            "shop/[category]/[...rest]/route.ts",
            &[
                ("category", P::One("shoes")),
                ("rest", P::Many(&["all", "x"])),
            ],
        ),
    ),
    ("/shop/shoes", NotFound),
];

/// RES-11 and static spelling: case-sensitive; non-ASCII static names also
/// match their percent-encoded form (any hex case), nothing else is decoded.
pub(super) const RES_11: &[(&str, Want)] = &[
    ("/BASIC", NotFound),
    ("/Basic", NotFound),
    ("/café", at("café/route.ts")),
    ("/caf%C3%A9", at("café/route.ts")),
    ("/caf%c3%a9", at("café/route.ts")),
    ("/CAF%C3%A9", NotFound),
    ("/cafe", NotFound),
    ("/a%20b", at("a b/route.ts")),
    ("/a b", at("a b/route.ts")),
    ("/%62asic", NotFound),
];

/// RES-17: intercepting markers are literal for route handlers.
pub(super) const RES_17: &[(&str, Want)] = &[
    ("/feed/(.)photo", at("feed/(.)photo/route.js")),
    ("/feed/photo", NotFound),
    ("/(...)top", at("(...)top/route.ts")),
    ("/top", NotFound),
    ("/z/(..)(..)w", at("z/(..)(..)w/route.ts")),
];

/// RES-18 and metadata conventions.
pub(super) const METADATA: &[(&str, Want)] = &[
    ("/sitemap.xml", at("sitemap.ts")),
    ("/sitemap", NotFound),
    ("/blog/sitemap.xml", at("blog/sitemap.ts")),
    (
        "/en/sitemap.xml",
        Want::Route("[lang]/sitemap.ts", &[("lang", P::One("en"))]),
    ),
    ("/robots.txt", at("robots.txt/route.ts")),
    ("/manifest.webmanifest", at("manifest.ts")),
    ("/manifest.json", NotFound),
];

/// `match_path` is strict: canonicalise first (see `canonical.rs`).
pub(super) const NOT_CANONICAL: &[(&str, Want)] = &[
    ("/basic/", NotFound),
    ("//basic", NotFound),
    ("/optional/", NotFound),
    ("/catch/a/", NotFound),
    ("", NotFound),
    ("basic", NotFound),
    ("*", NotFound),
];

pub(super) const ALL: &[&[(&str, Want)]] = &[
    RES_01,
    RES_02,
    RES_03_16,
    RES_04_05,
    RES_06,
    BAD_ESCAPES,
    RES_07_09,
    RES_10,
    RES_11,
    RES_17,
    METADATA,
    NOT_CANONICAL,
];

#[test]
fn route_file_anywhere_serves_its_folder() {
    check(&table(APP), RES_01);
}

#[test]
fn dotted_folders_are_literal() {
    check(&table(APP), RES_02);
}

#[test]
fn groups_and_slots_are_not_in_the_url() {
    check(&table(APP), RES_03_16);
}

#[test]
fn private_folders_hidden_and_5f_prefix_gives_underscore() {
    check(&table(APP), RES_04_05);
}

#[test]
fn dynamic_segment_values_are_decoded() {
    check(&table(APP), RES_06);
}

#[test]
fn bad_escapes_in_params_are_bad_requests() {
    check(&table(APP), BAD_ESCAPES);
}

#[test]
fn catch_all_and_optional_catch_all() {
    check(&table(APP), RES_07_09);
}

#[test]
fn static_beats_dynamic_beats_catch_all_with_backtracking() {
    check(&table(APP), RES_10);
}

#[test]
fn matching_is_case_sensitive_and_raw() {
    check(&table(APP), RES_11);
}

#[test]
fn intercepting_markers_stay_literal() {
    check(&table(APP), RES_17);
}

#[test]
fn metadata_routes_and_user_override() {
    check(&table(APP), METADATA);
}

#[test]
fn non_canonical_paths_do_not_match() {
    check(&table(APP), NOT_CANONICAL);
}

#[test]
fn prio_example_alone() {
    let t = table(&[
        "prio/fixed/route.js",
        "prio/[id]/route.js",
        "prio/[id]/sub/route.js",
        "prio/[...all]/route.js",
    ]);
    check(&t, RES_10.get(..7).unwrap_or_default());
}

#[test]
fn optional_catch_all_matches_parent_with_no_params_key() {
    let t = table(&["optional/[[...slug]]/route.js"]);
    let Match::Found { params, .. } = t.match_path("/optional") else {
        panic!("no match")
    };
    assert!(params.is_empty());
    assert_eq!(params.get("slug"), None);
}

#[test]
fn optional_catch_all_at_root_matches_everything() {
    let t = table(&["[[...all]]/route.ts", "fixed/route.ts"]);
    check(
        &t,
        &[
            ("/", at("[[...all]]/route.ts")),
            ("/fixed", at("fixed/route.ts")),
            (
                "/fixed/x",
                Want::Route("[[...all]]/route.ts", &[("all", P::Many(&["fixed", "x"]))]),
            ),
        ],
    );
}

#[test]
fn index_points_into_routes() {
    let t = table(APP);
    for route in t.routes() {
        let url = route.pattern.replace("[lang]", "en");
        if route.is_dynamic() && url.contains('[') {
            continue;
        }
        let Match::Found {
            index,
            route: found,
            ..
        } = t.match_path(&url)
        else {
            panic!("{url} did not match")
        };
        assert_eq!(t.routes().get(index), Some(found));
        assert_eq!(found, route, "{url}");
    }
}

#[test]
fn route_table_of_the_fixture_app() {
    let t = table(APP);
    let rows: Vec<String> = t
        .routes()
        .iter()
        .map(|r| format!("{} {:?} {}", r.pattern, r.kind, r.file.display()))
        .collect();
    // Sorted by pattern; `robots.ts` is overridden by `robots.txt/route.ts`;
    // pages, layouts, helpers and private folders are absent.
    let want = [
        "/ Handler app/route.ts",
        "/(...)top Handler app/(...)top/route.ts",
        "/[lang]/sitemap.xml Sitemap app/[lang]/sitemap.ts",
        "/_under Handler app/%5Funder/route.js",
        "/a b Handler app/a b/route.ts",
        "/api/hello.json Handler app/api/hello.json/route.ts",
        "/basic Handler app/basic/route.ts",
        "/basic/endpoint/nested Handler app/basic/(grouped)/endpoint/nested/route.ts",
        "/blog/sitemap.xml Sitemap app/blog/sitemap.ts",
        "/bt/[p]/other Handler app/bt/[p]/other/route.ts",
        "/bt/static/leaf Handler app/bt/static/leaf/route.ts",
        "/café Handler app/café/route.ts",
        "/catch/[...slug] Handler app/catch/[...slug]/route.js",
        "/encoded/[slug] Handler app/encoded/[slug]/route.ts",
        "/feed.xml Handler app/feed.xml/route.js",
        "/feed/(.)photo Handler app/feed/(.)photo/route.js",
        "/grouped Handler app/(group)/grouped/route.js",
        "/items/[slug] Handler app/items/[slug]/route.ts",
        "/manifest.webmanifest Manifest app/manifest.ts",
        "/multi/[a]/[b] Handler app/multi/[a]/[b]/route.js",
        "/optional/[[...slug]] Handler app/optional/[[...slug]]/route.js",
        "/prio/[...all] Handler app/prio/[...all]/route.js",
        "/prio/[id] Handler app/prio/[id]/route.js",
        "/prio/[id]/sub Handler app/prio/[id]/sub/route.js",
        "/prio/fixed Handler app/prio/fixed/route.js",
        "/robots.txt Handler app/robots.txt/route.ts",
        "/shop/[category]/[...rest] Handler app/shop/[category]/[...rest]/route.ts",
        "/shop/[category]/all Handler app/shop/[category]/all/route.ts",
        "/sitemap.xml Sitemap app/sitemap.ts",
        "/thing Handler app/@slot/thing/route.js",
        "/x/deep Handler app/(shell)/x/@modal/deep/route.ts",
        "/z/(..)(..)w Handler app/z/(..)(..)w/route.ts",
    ];
    assert_eq!(rows, want);
    assert!(!t.routes().iter().any(|r| r.kind == RouteKind::Robots));
}

#[test]
fn root_route_in_group_or_slot() {
    check(
        &table(&["(marketing)/route.ts"]),
        &[("/", at("(marketing)/route.ts"))],
    );
    check(&table(&["@slot/route.ts"]), &[("/", at("@slot/route.ts"))]);
}

#[test]
fn robots_and_manifest_only_at_app_root() {
    let t = table(&["x/robots.ts", "(g)/manifest.ts", "a/(g)/b/sitemap.ts"]);
    let patterns: Vec<&str> = t.routes().iter().map(|r| r.pattern.as_str()).collect();
    assert_eq!(patterns, ["/a/b/sitemap.xml"]);
}

#[test]
fn non_route_files_are_ignored() {
    let t = table(&[
        "route.d.ts",
        "route.mjs",
        "route.test.ts",
        "Route.ts",
        "x/page.mdx",
        "x/route.tsx.bak",
        "y/route.jsx",
    ]);
    let files: Vec<String> = t
        .routes()
        .iter()
        .map(|r| r.file.display().to_string())
        .collect();
    assert_eq!(files, ["app/y/route.jsx"]);
}

#[test]
fn empty_table_matches_nothing() {
    let t = table(&[]);
    assert!(t.routes().is_empty());
    check(&t, &[("/", NotFound), ("/x", NotFound)]);
}
