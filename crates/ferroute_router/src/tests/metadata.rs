//! Static metadata files (`icon.png`, `robots.txt`, …), `generateSitemaps` and
//! `generateImageMetadata`, as Next.js 15.5 routes them (observed with `next build` +
//! `next start`).

use std::path::Path;

use super::{at, check, table, NotFound, Want, P};
use crate::{
    parse::{base36, djb2},
    RouteKind, RouteTable,
};

fn patterns(t: &RouteTable) -> Vec<(&str, RouteKind)> {
    t.routes()
        .iter()
        .map(|r| (r.pattern.as_str(), r.kind))
        .collect()
}

#[test]
fn static_metadata_files_and_their_urls() {
    let t = table(&[
        "robots.txt",
        "manifest.json",
        "manifest.webmanifest",
        "favicon.ico",
        "icon.png",
        "icon1.png",
        "icon.svg",
        "apple-icon.png",
        "opengraph-image.png",
        "opengraph-image.alt.txt",
        "twitter-image.jpg",
        "sub/sitemap.xml",
        "sub/apple-icon.jpeg",
        "sub/opengraph-image.gif",
        // Not metadata files: two digits, wrong case, wrong extension, not at the root.
        "icon12.png",
        "icon.PNG",
        "apple-icon.svg",
        "sub/robots.txt",
        "sub/manifest.json",
        "sub/favicon.ico",
        "(g)/favicon.ico",
        "_private/icon.png",
    ]);
    let kinds: Vec<_> = patterns(&t);
    let want: Vec<(&str, RouteKind)> = [
        "/apple-icon.png",
        "/favicon.ico",
        "/icon.png",
        "/icon.svg",
        "/icon1.png",
        "/manifest.json",
        "/manifest.webmanifest",
        "/opengraph-image.png",
        "/robots.txt",
        "/sub/apple-icon.jpeg",
        "/sub/opengraph-image.gif",
        "/sub/sitemap.xml",
        "/twitter-image.jpg",
    ]
    .into_iter()
    .map(|p| (p, RouteKind::MetadataFile))
    .collect();
    assert_eq!(kinds, want);
    check(
        &t,
        &[
            ("/icon.png", at("icon.png")),
            ("/icon12.png", NotFound),
            ("/opengraph-image.alt.txt", NotFound),
        ],
    );
}

#[test]
fn groups_and_slots_add_a_hash_of_the_folder() {
    // Next.js 15.5.29 serves app/(grp)/g/icon.png at /g/icon-1ow0yk.png (probed), and does
    // the same to a static sitemap.xml (but not to sitemap.ts).
    assert_eq!(base36(djb2("/(grp)/g")).get(..6), Some("1ow0yk"));
    let t = table(&[
        "(grp)/g/icon.png",
        "(grp)/g/sitemap.xml",
        "(grp)/g/opengraph-image.png",
        "(a)/x/sitemap.ts",
        "(grp)/g/twitter-image.tsx",
    ]);
    let got: Vec<&str> = t.routes().iter().map(|r| r.pattern.as_str()).collect();
    assert_eq!(
        got,
        [
            "/g/icon-1ow0yk.png",
            "/g/opengraph-image-1ow0yk.png",
            "/g/sitemap-1ow0yk.xml",
            "/g/twitter-image-1ow0yk",
            "/x/sitemap.xml"
        ]
    );
}

#[test]
fn a_handler_beats_a_static_metadata_file() {
    let t = table(&["robots.txt", "(g)/robots.txt/route.ts"]);
    check(&t, &[("/robots.txt", at("(g)/robots.txt/route.ts"))]);
}

#[test]
fn generate_sitemaps_serves_ids() {
    let by_id = |f: &Path| f == Path::new("app/products/sitemap.ts");
    let t = RouteTable::from_files_with(
        Path::new("app"),
        ["products/sitemap.ts", "sitemap.ts"],
        &by_id,
    )
    .expect("no conflicts");
    let got: Vec<_> = patterns(&t);
    assert_eq!(
        got,
        [
            ("/products/sitemap/[__metadata_id__]", RouteKind::Sitemap),
            ("/sitemap.xml", RouteKind::Sitemap)
        ]
    );
    check(
        &t,
        &[
            (
                "/products/sitemap/0.xml",
                Want::Route(
                    "products/sitemap.ts",
                    &[("__metadata_id__", P::One("0.xml"))],
                ),
            ),
            (
                "/products/sitemap/0",
                Want::Route("products/sitemap.ts", &[("__metadata_id__", P::One("0"))]),
            ),
            ("/products/sitemap.xml", NotFound),
            ("/products/sitemap", NotFound),
        ],
    );
}

#[test]
fn generate_image_metadata_serves_ids() {
    // Next.js 15.5.29 (probed): `/opengraph-image/[__metadata_id__]`, and under a group
    // `/g/icon-1ow0yk/[__metadata_id__]`; `<folder>/<name>` alone is then no route. Either
    // generator gives ids, whichever the file.
    let by_id = |f: &Path| {
        [
            "app/opengraph-image.tsx",
            "app/[slug]/icon.tsx",
            "app/(grp)/g/icon.ts",
            "app/news/sitemap.ts",
        ]
        .iter()
        .any(|p| f == Path::new(p))
    };
    let t = RouteTable::from_files_with(
        Path::new("app"),
        [
            "opengraph-image.tsx",
            "[slug]/icon.tsx",
            "(grp)/g/icon.ts",
            "news/sitemap.ts",
            "apple-icon.jsx",
        ],
        &by_id,
    )
    .expect("no conflicts");
    let got: Vec<_> = patterns(&t);
    assert_eq!(
        got,
        [
            ("/[slug]/icon/[__metadata_id__]", RouteKind::MetadataImage),
            ("/apple-icon", RouteKind::MetadataImage),
            ("/g/icon-1ow0yk/[__metadata_id__]", RouteKind::MetadataImage),
            ("/news/sitemap/[__metadata_id__]", RouteKind::Sitemap),
            (
                "/opengraph-image/[__metadata_id__]",
                RouteKind::MetadataImage
            ),
        ]
    );
    check(
        &t,
        &[
            (
                "/opengraph-image/a",
                Want::Route("opengraph-image.tsx", &[("__metadata_id__", P::One("a"))]),
            ),
            (
                "/post/icon/small",
                Want::Route(
                    "[slug]/icon.tsx",
                    &[
                        ("slug", P::One("post")),
                        ("__metadata_id__", P::One("small")),
                    ],
                ),
            ),
            (
                "/g/icon-1ow0yk/1",
                Want::Route("(grp)/g/icon.ts", &[("__metadata_id__", P::One("1"))]),
            ),
            ("/apple-icon", at("apple-icon.jsx")),
            ("/opengraph-image", NotFound),
            ("/opengraph-image/a/b", NotFound),
            ("/g/icon", NotFound),
        ],
    );
}
