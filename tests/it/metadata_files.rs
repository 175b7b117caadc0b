//! Metadata routes and `public/` through the real server (behaviour.md §15, and what
//! `next start` 15.5.29 answered our probes): static metadata files from the response
//! cache, `generateSitemaps`, `generateImageMetadata`, and the files of `public/` with
//! Next's conditional and range answers.

use serde_json::json;

use crate::support::{fixture, start};

fn all<'a>(res: &'a crate::support::Res, name: &str) -> Vec<&'a str> {
    res.headers
        .iter()
        .filter(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
        .collect()
}

const LONG: &str = "public, immutable, no-transform, max-age=31536000";

#[test]
fn static_metadata_files_are_served_from_the_cache() {
    let srv = fixture("metadata", 2);
    let cases = [
        (
            "/robots.txt",
            "text/plain",
            LONG,
            "User-agent: *\nAllow: /\n",
        ),
        (
            "/manifest.json",
            "application/manifest+json",
            LONG,
            "{\"name\":\"fixture\"}\n",
        ),
        (
            "/favicon.ico",
            "image/x-icon",
            "public, max-age=0, must-revalidate",
            "ICO-bytes",
        ),
        (
            "/icon.svg",
            "image/svg+xml",
            LONG,
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>\n",
        ),
        ("/icon1.png", "image/png", LONG, "PNG-bytes"),
        // Next 15.5 knows png/jpeg/ico/svg only: a .gif goes out as text/plain.
        ("/sub/opengraph-image.gif", "text/plain", LONG, "GIF-bytes"),
        ("/sub/sitemap.xml", "application/xml", LONG, "<urlset/>\n"),
        // Under a route group: a hash of the folder path (the one next build prints).
        (
            "/g/opengraph-image-1ow0yk.png",
            "image/png",
            LONG,
            "GROUP-PNG",
        ),
    ];
    for (path, ty, cache, body) in cases {
        let res = srv.get(path);
        assert_eq!(res.status, 200, "{path}");
        assert_eq!(res.header("content-type"), Some(ty), "{path}");
        assert_eq!(res.header("cache-control"), Some(cache), "{path}");
        assert_eq!(res.header("x-nextjs-cache"), Some("HIT"), "{path}");
        assert_eq!(res.text(), body, "{path}");
        let head = srv.req("HEAD", path, &[], b"");
        assert_eq!((head.status, head.body.len()), (200, 0), "{path}");
        assert_eq!(head.header("content-type"), Some(ty), "{path}");
    }
    for method in ["POST", "DELETE", "OPTIONS"] {
        let res = srv.req(method, "/icon1.png", &[], b"");
        assert_eq!(res.status, 405, "{method}");
        assert_eq!(all(&res, "allow"), ["GET", "HEAD"]);
    }
    for missing in ["/sub/opengraph-image.alt.txt", "/g/opengraph-image.png"] {
        assert_eq!(srv.get(missing).status, 404, "{missing}");
    }
}

#[test]
fn generate_sitemaps_serves_one_sitemap_per_id() {
    let srv = fixture("metadata", 1);
    // Listed ids are generated at start-up (once), with the id as a string.
    for (path, id) in [
        ("/products/sitemap/0.xml", "0"),
        ("/products/sitemap/a%20b.xml", "a b"),
    ] {
        for _ in 0..2 {
            let res = srv.get(path);
            assert_eq!(res.status, 200, "{path}");
            assert_eq!(res.header("x-nextjs-cache"), Some("HIT"), "{path}");
            assert_eq!(res.header("content-type"), Some("application/xml"));
            assert_eq!(
                res.header("cache-control"),
                Some("public, max-age=0, must-revalidate")
            );
            assert!(
                res.text()
                    .contains(&format!("<loc>https://acme.com/p/string/{id}/")),
                "{}",
                res.text()
            );
        }
    }
    // Another id: generated on demand, then cached.
    let first = srv.get("/products/sitemap/5.xml");
    assert_eq!(first.header("x-nextjs-cache"), Some("MISS"));
    assert!(first.text().contains("/p/string/5/"));
    let again = srv.get("/products/sitemap/5.xml");
    assert_eq!(
        (again.header("x-nextjs-cache"), again.text()),
        (Some("HIT"), first.text())
    );
    // Without `.xml`: the route's own 404; the plain sitemap URL does not exist.
    let bare = srv.get("/products/sitemap/0");
    assert_eq!((bare.status, bare.text().as_str()), (404, "Not Found"));
    assert_eq!(srv.get("/products/sitemap.xml").status, 404);
    // A sitemap without generateSitemaps keeps its single URL, prerendered.
    let plain = srv.get("/sitemap.xml");
    assert_eq!(
        (plain.status, plain.header("x-nextjs-cache")),
        (200, Some("HIT"))
    );
}

#[test]
fn generate_image_metadata_serves_one_image_per_id() {
    // What next start 15.5.29 answered the same files (tests/fixtures/metadata/app/images).
    let srv = fixture("metadata", 1);
    // Made on every request (ƒ): the default export gets plain `{ params, id }`, the id as
    // the entry has it; generateImageMetadata runs each time too. No cache header is added.
    let mut last = 0;
    for (path, id, ty) in [
        ("/images/opengraph-image/a", json!("a"), "string"),
        ("/images/opengraph-image/2", json!(2), "number"),
        ("/images/opengraph-image/a?x=1", json!("a"), "string"),
    ] {
        let res = srv.get(path);
        assert_eq!(res.status, 200, "{path}");
        assert_eq!(res.header("content-type"), Some("image/png"), "{path}");
        assert_eq!(res.header("cache-control"), None, "{path}");
        assert_eq!(res.header("x-nextjs-cache"), None, "{path}");
        let got = res.json();
        assert_eq!(got["keys"], json!(["params", "id"]), "{path}");
        assert_eq!((&got["id"], got["idType"].as_str()), (&id, Some(ty)));
        assert_eq!(got["params"], json!({}), "{path}");
        assert_eq!(got["paramsPromise"], json!(false));
        let images = got["images"].as_u64().expect("count");
        assert!(images > last, "{path}: generated again");
        assert_eq!(got["lists"].as_u64(), Some(images), "{path}");
        last = images;
    }
    // An id no entry has: the route's own 404. No id: no route at all.
    for path in ["/images/opengraph-image/3", "/images/opengraph-image/a.png"] {
        let res = srv.get(path);
        assert_eq!(
            (res.status, res.text().as_str()),
            (404, "Not Found"),
            "{path}"
        );
        assert_eq!(res.header("content-type"), Some("text/plain;charset=UTF-8"));
    }
    assert_eq!(srv.get("/images/opengraph-image").status, 404);
    // A dynamic parent: its params reach generateImageMetadata and the image.
    assert_eq!(
        srv.get("/images/post/icon/post-small").text(),
        "post:post-small"
    );
    assert_eq!(srv.get("/images/post/icon/big").text(), "post:big");
    assert_eq!(srv.get("/images/post/icon/other-small").status, 404);
    // Under a route group: a hash of the folder path, as for static files.
    assert_eq!(srv.get("/images/g/icon-cbhusp/q").text(), "grp q");
    // What goes wrong in generateImageMetadata is a 500; so is an entry without an id, when
    // the search reaches it; of equal ids the first wins.
    for path in ["/images/bad/throw/icon/a", "/images/bad/list/icon/a"] {
        assert_eq!(srv.get(path).status, 500, "{path}");
    }
    assert_eq!(srv.get("/images/bad/ids/icon/same").text(), "string:same");
    assert_eq!(srv.get("/images/bad/ids/icon/0").text(), "number:0");
    for path in ["/images/bad/ids/icon/late", "/images/bad/ids/icon/zzz"] {
        assert_eq!(srv.get(path).status, 500, "{path}");
    }
    // Without generateImageMetadata: `{ params: undefined, id: undefined }` at a static path
    // (prerendered), the params at a dynamic parent (made on every request).
    let plain = srv.get("/images/plain/icon");
    assert_eq!(plain.header("x-nextjs-cache"), Some("HIT"));
    assert_eq!(
        plain.json(),
        json!({ "keys": ["params", "id"], "params": "undefined" })
    );
    let first = srv.get("/images/plain/x/icon");
    assert!(first.text().starts_with("x "), "{}", first.text());
    assert_eq!(first.header("x-nextjs-cache"), None);
    assert_ne!(srv.get("/images/plain/x/icon").text(), first.text());
    // force-static: each id made on its first request and cached, a 404 too; with
    // generateStaticParams the listed ids are made ahead, the others on demand.
    for (path, status, ahead) in [
        ("/images/fs/opengraph-image/a", 200, false),
        ("/images/fs/opengraph-image/b", 404, false),
        ("/images/gsp/opengraph-image/a", 200, true),
        ("/images/gsp/opengraph-image/b", 200, false),
        ("/images/gsp/opengraph-image/c", 404, false),
    ] {
        let first = srv.get(path);
        let again = srv.get(path);
        let state = if ahead { "HIT" } else { "MISS" };
        assert_eq!(first.status, status, "{path}");
        assert_eq!(first.header("x-nextjs-cache"), Some(state), "{path}");
        assert_eq!(again.header("x-nextjs-cache"), Some("HIT"), "{path}");
        assert_eq!(again.text(), first.text(), "{path}");
        assert_eq!(first.header("cache-control"), Some("s-maxage=31536000"));
        if status == 404 {
            assert_eq!(first.text(), "Not Found", "{path}");
        }
    }
}

#[test]
fn public_files_are_served_as_next_start_does() {
    let srv = fixture("metadata", 1);
    let res = srv.get("/hello.txt?x=1");
    assert_eq!(res.status, 200);
    assert_eq!(res.text(), "hello public\n");
    assert_eq!(
        res.header("content-type"),
        Some("text/plain; charset=UTF-8")
    );
    assert_eq!(res.header("cache-control"), Some("public, max-age=0"));
    assert_eq!(res.header("accept-ranges"), Some("bytes"));
    assert!(res.header("last-modified").is_some());
    let etag = res.header("etag").expect("etag").to_owned();
    assert!(etag.starts_with("W/\"d-"), "{etag}");
    assert_eq!(res.header("x-nextjs-cache"), None);

    // A public file wins over a route handler at the same URL.
    assert_eq!(srv.get("/clash").text(), "public wins\n");
    assert_eq!(
        srv.get("/clash").header("content-type"),
        Some("application/octet-stream")
    );

    // Conditional requests.
    let cached = srv.req("GET", "/hello.txt", &[("if-none-match", &etag)], b"");
    assert_eq!((cached.status, cached.body.len()), (304, 0));
    assert_eq!(cached.header("etag"), Some(etag.as_str()));
    let lm = res
        .header("last-modified")
        .expect("last-modified")
        .to_owned();
    assert_eq!(
        srv.req("GET", "/hello.txt", &[("if-modified-since", &lm)], b"")
            .status,
        304
    );
    assert_eq!(
        srv.req("GET", "/hello.txt", &[("if-none-match", "\"other\"")], b"")
            .status,
        200
    );
    assert_eq!(
        srv.req("GET", "/hello.txt", &[("if-match", "\"other\"")], b"")
            .status,
        412
    );

    // Ranges.
    let part = srv.req("GET", "/range.txt", &[("range", "bytes=2-5")], b"");
    assert_eq!((part.status, part.text().as_str()), (206, "2345"));
    assert_eq!(part.header("content-range"), Some("bytes 2-5/20"));
    let tail = srv.req("GET", "/range.txt", &[("range", "bytes=-3")], b"");
    assert_eq!((tail.status, tail.text().as_str()), (206, "hij"));
    let bad = srv.req("GET", "/range.txt", &[("range", "bytes=50-60")], b"");
    assert_eq!(
        (bad.status, bad.header("content-range")),
        (416, Some("bytes */20"))
    );
    let two = srv.req("GET", "/range.txt", &[("range", "bytes=0-1,4-5")], b"");
    assert_eq!((two.status, two.body.len()), (200, 20));

    // HEAD, other methods.
    let head = srv.req("HEAD", "/hello.txt", &[], b"");
    assert_eq!(
        (head.status, head.header("content-length"), head.body.len()),
        (200, Some("13"), 0)
    );
    let post = srv.req("POST", "/hello.txt", &[], b"x");
    assert_eq!(
        (post.status, all(&post, "allow")),
        (405, vec!["GET", "HEAD"])
    );
    assert_eq!(srv.req("OPTIONS", "/hello.txt", &[], b"").status, 400);

    // Names, dotfiles, folders and traversal.
    assert_eq!(srv.get("/caf%C3%A9.txt").text(), "uni");
    assert_eq!(
        srv.get("/dir/inner.css").header("content-type"),
        Some("text/css; charset=UTF-8")
    );
    assert_eq!(srv.get("/.hidden").status, 400);
    for refused in [
        "/dir",
        "/public/hello.txt",
        "/dir/../hello.txt",
        "/%2e%2e/hello.txt",
        "/..%2fhello.txt",
        "/HELLO.txt",
    ] {
        assert_eq!(srv.get(refused).status, 404, "{refused}");
    }
    assert_eq!(srv.get("/hello.txt/").status, 308);
}

#[test]
fn public_files_are_listed_at_start_and_read_per_request() {
    let copy = crate::support::TempDir::fixture_copy("metadata");
    let root = copy.path().to_path_buf();
    let srv = start(&root, 1);
    std::fs::write(root.join("public/hello.txt"), "changed\n").expect("write");
    std::fs::write(root.join("public/new.txt"), "new").expect("write");
    std::fs::remove_file(root.join("public/range.txt")).expect("remove");
    // Edited: the new bytes. Added after start: not served. Removed: 400, as Next answers.
    assert_eq!(srv.get("/hello.txt").text(), "changed\n");
    assert_eq!(srv.get("/new.txt").status, 404);
    assert_eq!(srv.get("/range.txt").status, 400);
    drop(srv);
    let _ = std::fs::remove_dir_all(&root);
}
