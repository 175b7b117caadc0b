//! Every example of the Next.js route-handlers docs page (../shared/seed), TypeScript and
//! JavaScript variants, served unchanged from examples/route-handlers.

use crate::support::{example_server, Res};

fn both(path: &str, f: impl Fn(&str, Res)) {
    let s = example_server();
    for lang in ["ts", "js"] {
        let res = s.get(&format!("/{lang}/{path}"));
        f(lang, res);
    }
}

#[test]
fn convention_handler_without_return_is_500_empty() {
    both("convention", |lang, r| {
        assert_eq!(r.status, 500, "{lang}");
        assert!(r.body.is_empty(), "{lang}");
    });
}

#[test]
fn force_static_fetch_reads_upstream_with_api_key() {
    both("cached", |lang, r| {
        assert_eq!(r.status, 200, "{lang}: {}", r.text());
        let v = r.json();
        assert_eq!(
            v["data"]["items"],
            serde_json::json!(["a", "b", "c"]),
            "{lang}"
        );
        assert_eq!(v["data"]["apiKey"], "example-key", "{lang}");
    });
}

#[test]
fn fetch_with_next_revalidate_option() {
    both("revalidate", |lang, r| {
        assert_eq!(r.status, 200, "{lang}: {}", r.text());
        assert_eq!(r.json()["items"][0], "a", "{lang}");
    });
}

#[test]
fn module_without_methods_answers_405_and_options() {
    let s = example_server();
    for path in ["/ts/revalidate-config", "/js/segment-config"] {
        let r = s.get(path);
        assert_eq!(r.status, 405, "{path}");
        assert!(r.body.is_empty());
        let r = s.req("OPTIONS", path, &[], b"");
        assert_eq!(r.status, 204);
        assert_eq!(r.header("allow"), Some("OPTIONS"));
    }
}

#[test]
fn cookies_example_echoes_token() {
    let s = example_server();
    let r = s.req(
        "GET",
        "/ts/cookies",
        &[("cookie", "token=abc; other=1")],
        b"",
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.text(), "Hello, Next.js!");
    assert_eq!(r.header("set-cookie"), Some("token=abc"));
    // The JavaScript variant interpolates the cookie object itself, as the docs do.
    let r = s.req("GET", "/js/cookies", &[("cookie", "token=abc")], b"");
    assert_eq!(r.status, 200);
    assert_eq!(r.header("set-cookie"), Some("token=[object Object]"));
}

#[test]
fn headers_example_echoes_referer() {
    let s = example_server();
    for lang in ["ts", "js"] {
        let r = s.req(
            "GET",
            &format!("/{lang}/headers"),
            &[("referer", "https://example.com/from")],
            b"",
        );
        assert_eq!(r.status, 200, "{lang}: {}", r.text());
        assert_eq!(
            r.header("referer"),
            Some("https://example.com/from"),
            "{lang}"
        );
    }
}

#[test]
fn fragments_that_return_nothing_answer_500() {
    // request-cookies, request-headers, items/[slug] and search end without a return in
    // the docs; Next.js answers 500 with an empty body, and so do we.
    for path in [
        "request-cookies",
        "request-headers",
        "items/a",
        "search?query=hello",
    ] {
        both(path, |lang, r| assert_eq!(r.status, 500, "{lang}/{path}"));
    }
}

#[test]
fn redirect_example_is_307() {
    both("redirect", |lang, r| {
        assert_eq!(r.status, 307, "{lang}");
        assert_eq!(r.header("location"), Some("https://nextjs.org/"), "{lang}");
        assert!(r.body.is_empty());
    });
}

#[test]
fn streaming_example_arrives_in_three_timed_chunks() {
    both("stream", |lang, r| {
        assert_eq!(r.status, 200, "{lang}");
        assert_eq!(r.text(), "<p>One</p><p>Two</p><p>Three</p>", "{lang}");
        assert_eq!(r.chunks.len(), 3, "{lang}: {:?}", r.chunks);
        let gap1 = r.chunks[1].0 - r.chunks[0].0;
        let gap2 = r.chunks[2].0 - r.chunks[1].0;
        for gap in [gap1, gap2] {
            assert!(
                gap.as_millis() >= 150 && gap.as_millis() < 1000,
                "{lang}: chunk gap {gap:?}"
            );
        }
        assert_eq!(r.header("content-type"), None);
    });
}

#[test]
fn json_body_example() {
    let s = example_server();
    for lang in ["ts", "js"] {
        let r = s.req(
            "POST",
            &format!("/{lang}/body"),
            &[("content-type", "application/json")],
            br#"{"a":[1,2]}"#,
        );
        assert_eq!(r.status, 200, "{lang}");
        assert_eq!(r.text(), r#"{"res":{"a":[1,2]}}"#);
        assert_eq!(r.header("content-type"), Some("application/json"));
        // Invalid JSON rejects the handler's await: 500, empty body.
        let r = s.req("POST", &format!("/{lang}/body"), &[], b"{nope");
        assert_eq!(r.status, 500);
        assert!(r.body.is_empty());
    }
}

#[test]
fn form_data_example_urlencoded_and_multipart() {
    let s = example_server();
    for lang in ["ts", "js"] {
        let r = s.req(
            "POST",
            &format!("/{lang}/form"),
            &[("content-type", "application/x-www-form-urlencoded")],
            b"name=Ada+Lovelace&email=ada%40example.com",
        );
        assert_eq!(r.status, 200, "{lang}: {}", r.text());
        assert_eq!(
            r.text(),
            r#"{"name":"Ada Lovelace","email":"ada@example.com"}"#
        );
        let body = b"--XyZ\r\ncontent-disposition: form-data; name=\"name\"\r\n\r\nAda\r\n--XyZ\r\ncontent-disposition: form-data; name=\"email\"\r\n\r\nada@example.com\r\n--XyZ--\r\n";
        let r = s.req(
            "POST",
            &format!("/{lang}/form"),
            &[("content-type", "multipart/form-data; boundary=XyZ")],
            body,
        );
        assert_eq!(r.status, 200, "{lang}: {}", r.text());
        assert_eq!(r.text(), r#"{"name":"Ada","email":"ada@example.com"}"#);
    }
}

#[test]
fn cors_example_headers() {
    both("cors", |lang, r| {
        assert_eq!(r.status, 200, "{lang}");
        assert_eq!(r.header("access-control-allow-origin"), Some("*"));
        assert_eq!(
            r.header("access-control-allow-methods"),
            Some("GET, POST, PUT, DELETE, OPTIONS")
        );
        assert_eq!(
            r.header("access-control-allow-headers"),
            Some("Content-Type, Authorization")
        );
        assert_eq!(r.text(), "Hello, Next.js!");
    });
}

#[test]
fn webhook_example_accepts_12_mib() {
    let s = example_server();
    let body = vec![b'x'; 12 * 1024 * 1024];
    for lang in ["ts", "js"] {
        let r = s.req(
            "POST",
            &format!("/{lang}/webhook"),
            &[("content-type", "application/json")],
            &body,
        );
        assert_eq!(r.status, 200, "{lang}");
        assert_eq!(r.text(), "Success!");
    }
}

#[test]
fn rss_example_content_types() {
    let s = example_server();
    let r = s.get("/ts/rss");
    assert_eq!(r.header("content-type"), Some("text/xml"));
    assert!(r
        .text()
        .starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\" ?>\n<rss version=\"2.0\">"));
    let r = s.get("/js/rss");
    assert_eq!(r.header("content-type"), Some("text/plain;charset=UTF-8"));
    assert!(r.text().contains("<title>Next.js Documentation</title>"));
}

#[test]
fn plain_json_and_dynamic_segment() {
    let s = example_server();
    let r = s.get("/api/hello");
    assert_eq!(
        (r.status, r.text()),
        (200, r#"{"hello":"world"}"#.to_owned())
    );
    for slug in ["a", "b", "c"] {
        let r = s.get(&format!("/api/items/{slug}"));
        assert_eq!(r.text(), format!(r#"{{"slug":"{slug}"}}"#));
    }
    let r = s.get("/api/items/caf%C3%A9");
    assert_eq!(r.text(), r#"{"slug":"café"}"#);
}
