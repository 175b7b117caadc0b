//! `files -> diagnostics` tables: every conflict is reported, with the files
//! involved, and nothing panics.

use super::{at, check, errors, table};
use crate::{RouteError, SegmentIssue};

/// Files (relative to `app/`) and the expected `(code, files relative to the root)` list.
type Case = (
    &'static [&'static str],
    &'static [(&'static str, &'static [&'static str])],
);

#[track_caller]
fn expect_conflicts(cases: &[Case]) {
    for (files, want) in cases {
        let got: Vec<(&str, Vec<String>)> = errors(files)
            .iter()
            .map(|e| {
                (
                    e.code(),
                    e.files().iter().map(|p| p.display().to_string()).collect(),
                )
            })
            .collect();
        let want: Vec<(&str, Vec<String>)> = want
            .iter()
            .map(|(code, files)| (*code, files.iter().map(|f| (*f).to_owned()).collect()))
            .collect();
        assert_eq!(got, want, "for files {files:?}");
    }
}

const PAGE_CONFLICT: &str = "ferroute::router::page_conflict";
const DUPLICATE_ROUTE: &str = "ferroute::router::duplicate_route";
const SLUG_MISMATCH: &str = "ferroute::router::slug_mismatch";
const CATCH_ALL_CONFLICT: &str = "ferroute::router::catch_all_conflict";
const OVERLAP: &str = "ferroute::router::optional_catch_all_overlap";
const CATCH_ALL_POSITION: &str = "ferroute::router::catch_all_position";
const INVALID_SEGMENT: &str = "ferroute::router::invalid_segment";
const DUPLICATE_PARAM: &str = "ferroute::router::duplicate_param";
const DUPLICATE_EXTENSION: &str = "ferroute::router::duplicate_extension";

#[test]
fn page_beside_route_is_a_conflict() {
    expect_conflicts(&[
        (
            &["x/page.js", "x/route.js"],
            &[(PAGE_CONFLICT, &["app/x/route.js", "app/x/page.js"])],
        ),
        (
            &["(a)/x/page.tsx", "(b)/x/route.ts"],
            &[(PAGE_CONFLICT, &["app/(b)/x/route.ts", "app/(a)/x/page.tsx"])],
        ),
        (
            &["x/[a]/page.tsx", "x/[b]/route.ts"],
            &[(PAGE_CONFLICT, &["app/x/[b]/route.ts", "app/x/[a]/page.tsx"])],
        ),
        (
            &["page.tsx", "route.ts"],
            &[(PAGE_CONFLICT, &["app/route.ts", "app/page.tsx"])],
        ),
    ]);
    table(&[
        "x/page.tsx",
        "x/api/route.ts",
        "_x/page.tsx",
        "_x/route.ts",
        "y/[bad/page.tsx",
    ]);
}

#[test]
fn same_url_through_groups_or_slots_is_a_duplicate() {
    expect_conflicts(&[
        (
            &["(a)/dup/route.js", "(b)/dup/route.js"],
            &[(
                DUPLICATE_ROUTE,
                &["app/(a)/dup/route.js", "app/(b)/dup/route.js"],
            )],
        ),
        (
            &["route.ts", "(g)/route.ts"],
            &[(DUPLICATE_ROUTE, &["app/(g)/route.ts", "app/route.ts"])],
        ),
        (
            &["@a/x/route.ts", "x/route.ts"],
            &[(DUPLICATE_ROUTE, &["app/@a/x/route.ts", "app/x/route.ts"])],
        ),
        (
            &["(a)/c/[...s]/route.ts", "(b)/c/[...s]/route.ts"],
            &[(
                DUPLICATE_ROUTE,
                &["app/(a)/c/[...s]/route.ts", "app/(b)/c/[...s]/route.ts"],
            )],
        ),
        (
            &["(a)/o/[[...s]]/route.ts", "o/[[...s]]/route.ts"],
            &[(
                DUPLICATE_ROUTE,
                &["app/(a)/o/[[...s]]/route.ts", "app/o/[[...s]]/route.ts"],
            )],
        ),
        (
            &["sitemap.ts", "(g)/sitemap.ts"],
            &[(DUPLICATE_ROUTE, &["app/(g)/sitemap.ts", "app/sitemap.ts"])],
        ),
        (
            &["%5Fx/route.ts", "_x/route.ts", "(g)/%5fx/route.ts"],
            &[(
                DUPLICATE_ROUTE,
                &["app/%5Fx/route.ts", "app/(g)/%5fx/route.ts"],
            )],
        ),
    ]);
}

#[test]
fn different_slug_names_at_one_level() {
    expect_conflicts(&[
        (
            &["s/[id]/route.js", "s/[slug]/x/route.js"],
            &[(
                SLUG_MISMATCH,
                &["app/s/[id]/route.js", "app/s/[slug]/x/route.js"],
            )],
        ),
        (
            &["c/[...a]/route.ts", "c/[...b]/route.ts"],
            &[(
                SLUG_MISMATCH,
                &["app/c/[...a]/route.ts", "app/c/[...b]/route.ts"],
            )],
        ),
        (
            &["o/[[...a]]/route.ts", "(g)/o/[[...b]]/route.ts"],
            &[(
                SLUG_MISMATCH,
                &["app/(g)/o/[[...b]]/route.ts", "app/o/[[...a]]/route.ts"],
            )],
        ),
        (
            &["(g)/s/[a]/route.ts", "s/[b]/route.ts"],
            &[(
                SLUG_MISMATCH,
                &["app/(g)/s/[a]/route.ts", "app/s/[b]/route.ts"],
            )],
        ),
        // One diagnostic per offending name, however many routes use it.
        (
            &[
                "s/[id]/route.js",
                "s/[slug]/a/route.js",
                "s/[slug]/b/route.js",
                "s/[key]/c/route.js",
            ],
            &[
                (
                    SLUG_MISMATCH,
                    &["app/s/[id]/route.js", "app/s/[key]/c/route.js"],
                ),
                (
                    SLUG_MISMATCH,
                    &["app/s/[id]/route.js", "app/s/[slug]/a/route.js"],
                ),
            ],
        ),
    ]);
    // Different kinds of parameter may use different names.
    table(&["p/[id]/route.ts", "p/[...all]/route.ts"]);
}

#[test]
fn slug_mismatch_suggests_a_rename() {
    let errs = errors(&["s/[id]/route.js", "s/[slug]/x/route.js"]);
    let [RouteError::SlugMismatch {
        first_name,
        second_name,
        rename_from,
        rename_to,
        ..
    }] = errs.as_slice()
    else {
        panic!("{errs:?}")
    };
    assert_eq!((first_name.as_str(), second_name.as_str()), ("id", "slug"));
    assert_eq!(rename_from.display().to_string(), "app/s/[slug]");
    assert_eq!(rename_to.display().to_string(), "app/s/[id]");
}

#[test]
fn catch_all_shape_errors() {
    expect_conflicts(&[
        (
            &["o/[...a]/route.ts", "o/[[...a]]/route.ts"],
            &[(
                CATCH_ALL_CONFLICT,
                &["app/o/[...a]/route.ts", "app/o/[[...a]]/route.ts"],
            )],
        ),
        (
            &["o/[[...b]]/route.ts", "(g)/o/[...a]/route.ts"],
            &[(
                CATCH_ALL_CONFLICT,
                &["app/(g)/o/[...a]/route.ts", "app/o/[[...b]]/route.ts"],
            )],
        ),
        (
            &["o/route.ts", "o/[[...a]]/route.ts"],
            &[(OVERLAP, &["app/o/route.ts", "app/o/[[...a]]/route.ts"])],
        ),
        (
            &["c/[...a]/x/route.ts"],
            &[(CATCH_ALL_POSITION, &["app/c/[...a]/x/route.ts"])],
        ),
        (
            &["c/[[...a]]/(g)/x/route.ts"],
            &[(CATCH_ALL_POSITION, &["app/c/[[...a]]/(g)/x/route.ts"])],
        ),
        (
            &["[...a]/sitemap.ts"],
            &[(CATCH_ALL_POSITION, &["app/[...a]/sitemap.ts"])],
        ),
        (
            &["[id]/x/[id]/route.ts"],
            &[(DUPLICATE_PARAM, &["app/[id]/x/[id]/route.ts"])],
        ),
        (
            &["[a]/[...a]/route.ts"],
            &[(DUPLICATE_PARAM, &["app/[a]/[...a]/route.ts"])],
        ),
    ]);
    // A catch-all folder may be followed by groups and slots only.
    check(
        &table(&["c/[...a]/(g)/@s/route.ts"]),
        &[(
            "/c/x",
            super::Want::Route("c/[...a]/(g)/@s/route.ts", &[("a", super::P::Many(&["x"]))]),
        )],
    );
}

#[test]
fn malformed_bracket_names() {
    let cases: &[(&str, SegmentIssue)] = &[
        ("[]", SegmentIssue::EmptyName),
        ("[...]", SegmentIssue::EmptyName),
        ("[[...]]", SegmentIssue::EmptyName),
        ("[[]]", SegmentIssue::EmptyName),
        ("[a", SegmentIssue::Unbalanced),
        ("a]", SegmentIssue::Unbalanced),
        ("x[a]", SegmentIssue::Unbalanced),
        ("[a]x", SegmentIssue::Unbalanced),
        ("[[...a]", SegmentIssue::Unbalanced),
        ("[...a]]", SegmentIssue::Unbalanced),
        ("[a[b]", SegmentIssue::Unbalanced),
        ("[[a]]", SegmentIssue::OptionalNotCatchAll),
        ("[.a]", SegmentIssue::LeadingDot),
        ("[....a]", SegmentIssue::LeadingDot),
        ("[..a]", SegmentIssue::LeadingDot),
        ("[…a]", SegmentIssue::EllipsisChar),
        ("[[…a]]", SegmentIssue::EllipsisChar),
    ];
    for (folder, want) in cases {
        let file = format!("{folder}/route.ts");
        let errs = errors(&[file.as_str()]);
        let [RouteError::InvalidSegment {
            segment,
            issue,
            file: got_file,
        }] = errs.as_slice()
        else {
            panic!("{folder}: {errs:?}")
        };
        assert_eq!((segment.as_str(), issue), (*folder, want), "{folder}");
        assert_eq!(got_file.display().to_string(), format!("app/{file}"));
    }
    expect_conflicts(&[(&["../route.ts"], &[(INVALID_SEGMENT, &["app/../route.ts"])])]);
    // Under a private folder nothing is checked.
    table(&["_lib/[broken/route.ts", "_lib/[]/x/route.ts"]);
}

#[test]
fn two_extensions_in_one_folder() {
    expect_conflicts(&[
        (
            &["x/route.ts", "x/route.js"],
            &[(DUPLICATE_EXTENSION, &["app/x/route.js", "app/x/route.ts"])],
        ),
        (
            &["route.tsx", "route.ts", "route.js"],
            &[
                (DUPLICATE_EXTENSION, &["app/route.js", "app/route.ts"]),
                (DUPLICATE_EXTENSION, &["app/route.js", "app/route.tsx"]),
            ],
        ),
        (
            &["sitemap.js", "sitemap.ts"],
            &[(DUPLICATE_EXTENSION, &["app/sitemap.js", "app/sitemap.ts"])],
        ),
        (
            &["[a/route.ts", "[a/route.js"],
            &[
                (INVALID_SEGMENT, &["app/[a/route.js"]),
                (DUPLICATE_EXTENSION, &["app/[a/route.js", "app/[a/route.ts"]),
            ],
        ),
    ]);
    // page.tsx + page.js is Next's business, not ours.
    table(&["x/page.tsx", "x/page.js"]);
}

#[test]
fn user_route_overrides_metadata_convention() {
    let t = table(&[
        "robots.ts",
        "robots.txt/route.ts",
        "manifest.ts",
        "manifest.webmanifest/route.js",
        "blog/sitemap.ts",
        "blog/sitemap.xml/route.ts",
    ]);
    check(
        &t,
        &[
            ("/robots.txt", at("robots.txt/route.ts")),
            ("/manifest.webmanifest", at("manifest.webmanifest/route.js")),
            ("/blog/sitemap.xml", at("blog/sitemap.xml/route.ts")),
        ],
    );
    assert_eq!(t.routes().len(), 3);
    // Metadata file alone still works.
    check(&table(&["robots.ts"]), &[("/robots.txt", at("robots.ts"))]);
}

#[test]
fn generated_metadata_images_are_served_at_their_name() {
    let t = table(&[
        "icon.tsx",
        "blog/opengraph-image.tsx",
        "news/twitter-image.js",
        "apple-icon.ts",
        "icon.png",
    ]);
    check(
        &t,
        &[
            ("/icon", at("icon.tsx")),
            ("/apple-icon", at("apple-icon.ts")),
            ("/blog/opengraph-image", at("blog/opengraph-image.tsx")),
            ("/news/twitter-image", at("news/twitter-image.js")),
        ],
    );
    assert_eq!(
        t.routes()
            .iter()
            .filter(|r| r.kind == crate::RouteKind::MetadataImage)
            .count(),
        4
    );
}

#[test]
fn all_diagnostics_are_collected() {
    let errs = errors(&[
        "s/[id]/route.js",
        "s/[slug]/x/route.js",
        "x/page.js",
        "x/route.js",
        "[]/route.ts",
        "(a)/dup/route.js",
        "(b)/dup/route.js",
        "y/route.ts",
        "y/route.js",
        "c/[...a]/x/route.ts",
        "fine/route.ts",
    ]);
    let mut codes: Vec<&str> = errs.iter().map(RouteError::code).collect();
    codes.sort_unstable();
    assert_eq!(
        codes,
        [
            CATCH_ALL_POSITION,
            DUPLICATE_EXTENSION,
            DUPLICATE_ROUTE,
            INVALID_SEGMENT,
            PAGE_CONFLICT,
            SLUG_MISMATCH
        ]
    );
}

#[test]
fn every_code_is_listed_and_documented() {
    let docs = include_str!("../../../../docs/routing.md");
    for code in RouteError::CODES {
        assert!(docs.contains(code), "{code} missing from docs/routing.md");
    }
}
