use super::*;

fn files(names: &[&str]) -> PublicFiles {
    PublicFiles {
        by_url: names
            .iter()
            .map(|n| {
                let url: Vec<String> = n.split('/').map(encode_component).collect();
                (format!("/{}", url.join("/")), PathBuf::from(n))
            })
            .collect(),
    }
}

#[test]
fn lookup_matches_as_next_does() {
    let f = files(&[
        "hello.txt",
        "café.txt",
        "dir/inner.css",
        "100%.txt",
        "a+b.txt",
    ]);
    let found = |p: &str| f.lookup(p).map(|p| p.to_string_lossy().into_owned());
    assert_eq!(found("/hello.txt").as_deref(), Some("hello.txt"));
    assert_eq!(found("/%68ello.txt").as_deref(), Some("hello.txt"));
    assert_eq!(found("/caf%C3%A9.txt").as_deref(), Some("café.txt"));
    // Next compares its encoded list with the path, its decoding and its re-encoding:
    // lowercase escapes of a non-ASCII name match none of them.
    assert_eq!(found("/caf%c3%a9.txt"), None);
    assert_eq!(found("/100%25.txt").as_deref(), Some("100%.txt"));
    assert_eq!(found("/a+b.txt").as_deref(), Some("a+b.txt"));
    // An encoded slash decodes to a listed file: served, as by Next.
    assert_eq!(found("/dir%2Finner.css").as_deref(), Some("dir/inner.css"));
    for refused in [
        "/dir",
        "/dir/",
        "/dir/../hello.txt",
        "/%2e%2e/hello.txt",
        "/..%2fhello.txt",
        "/HELLO.txt",
        "/%zz",
    ] {
        assert_eq!(found(refused), None, "{refused}");
    }
}

#[test]
fn ranges_read_as_range_parser_does() {
    use RangeAnswer::{One, Unsatisfiable, Whole};
    let r = |h: &str| parse_range(20, h);
    assert_eq!(r("bytes=2-5"), One(2, 5));
    assert_eq!(r("bytes=-3"), One(17, 19));
    assert_eq!(r("bytes=15-"), One(15, 19));
    assert_eq!(r("bytes=15-100"), One(15, 19));
    assert_eq!(r("bytes=0-1,2-5"), One(0, 5));
    assert_eq!(r("bytes=0-1,4-5"), Whole);
    assert_eq!(r("bytes=50-60"), Unsatisfiable);
    assert_eq!(r("bytes=abc"), Unsatisfiable);
    assert_eq!(r("bytes=5-2"), Unsatisfiable);
    assert_eq!(r("bytes=-100"), Unsatisfiable);
    assert_eq!(r("bytes"), Whole);
    assert_eq!(parse_range(0, "bytes=0-"), Unsatisfiable);
}

#[test]
fn content_types_follow_send() {
    let t = |n: &str| content_type(Path::new(n));
    assert_eq!(t("a.txt"), "text/plain; charset=UTF-8");
    assert_eq!(t("a.json"), "application/json; charset=UTF-8");
    assert_eq!(t("a.js"), "application/javascript; charset=UTF-8");
    assert_eq!(t("a.mjs"), "application/javascript; charset=UTF-8");
    assert_eq!(t("a.css"), "text/css; charset=UTF-8");
    assert_eq!(t("a.html"), "text/html; charset=UTF-8");
    assert_eq!(t("a.md"), "text/markdown; charset=UTF-8");
    assert_eq!(t("a.png"), "image/png");
    assert_eq!(t("a.svg"), "image/svg+xml");
    assert_eq!(t("a.webp"), "image/webp");
    assert_eq!(t("a.avif"), "image/avif");
    assert_eq!(t("a.wasm"), "application/wasm");
    assert_eq!(t("a.woff2"), "font/woff2");
    assert_eq!(t("a.webmanifest"), "application/manifest+json");
    assert_eq!(t("a.xml"), "application/xml");
    assert_eq!(t("noext"), "application/octet-stream");
    assert_eq!(t("a.unknownext"), "application/octet-stream");
}

#[test]
fn etags_compare_weakly() {
    let etag = "W/\"14-1a2\"";
    assert!(etag_listed("W/\"14-1a2\"", etag));
    assert!(etag_listed("\"14-1a2\"", etag));
    assert!(etag_listed("\"x\", W/\"14-1a2\"", etag));
    assert!(!etag_listed("\"x\"", etag));
}
