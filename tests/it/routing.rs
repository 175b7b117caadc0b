//! Routing, dispatch and the handler contract through the real server
//! (behaviour.md §1–§3), on tests/fixtures/basics.

use std::sync::OnceLock;

use crate::support::{fixture, TestServer};

pub fn basics() -> &'static TestServer {
    static S: OnceLock<TestServer> = OnceLock::new();
    S.get_or_init(|| fixture("basics", 2))
}

fn route_of(path: &str) -> (u16, serde_json::Value) {
    let r = basics().get(path);
    let v = if r.status == 200 {
        r.json()
    } else {
        serde_json::Value::Null
    };
    (r.status, v)
}

#[test]
fn file_conventions_map_to_urls() {
    let cases: &[(&str, u16, Option<&str>)] = &[
        ("/", 200, Some("root")),
        ("/feed.xml", 200, Some("feed")),
        ("/grouped", 200, Some("grouped")),
        ("/(group)/grouped", 404, None),
        ("/_private", 404, None),
        ("/_under", 200, Some("under")),
        ("/%5Funder", 404, None),
        ("/thing", 200, Some("slot")),
        ("/@slot/thing", 404, None),
        ("/feed/(.)photo", 200, Some("intercept")),
        ("/BASIC", 404, None),
        ("/nope", 404, None),
    ];
    for (path, status, route) in cases {
        let (s, v) = route_of(path);
        assert_eq!(s, *status, "{path}");
        if let Some(route) = route {
            assert_eq!(v["route"], *route, "{path}");
        }
    }
}

#[test]
fn dynamic_params_are_decoded_per_segment() {
    let cases: &[(&str, &str, serde_json::Value)] = &[
        ("/params/a%20b", "slug", serde_json::json!({"slug": "a b"})),
        (
            "/params/caf%C3%A9",
            "slug",
            serde_json::json!({"slug": "café"}),
        ),
        ("/params/a%2Fb", "slug", serde_json::json!({"slug": "a/b"})),
        ("/params/a+b", "slug", serde_json::json!({"slug": "a+b"})),
        (
            "/catch/a/b/c",
            "catch",
            serde_json::json!({"slug": ["a", "b", "c"]}),
        ),
        ("/optional", "optional", serde_json::json!({})),
        (
            "/optional/x/y",
            "optional",
            serde_json::json!({"slug": ["x", "y"]}),
        ),
        (
            "/multi/x/y",
            "multi",
            serde_json::json!({"a": "x", "b": "y"}),
        ),
        ("/prio/fixed", "fixed", serde_json::Value::Null),
        ("/prio/other", "id", serde_json::json!({"id": "other"})),
        (
            "/prio/other/sub",
            "id-sub",
            serde_json::json!({"id": "other"}),
        ),
        (
            "/prio/fixed/sub",
            "id-sub",
            serde_json::json!({"id": "fixed"}),
        ),
        (
            "/prio/a/b/c",
            "all",
            serde_json::json!({"all": ["a", "b", "c"]}),
        ),
    ];
    for (path, route, params) in cases {
        let (s, v) = route_of(path);
        assert_eq!(s, 200, "{path}");
        assert_eq!(v["route"], *route, "{path}");
        assert_eq!(v["params"], *params, "{path}");
    }
    assert_eq!(route_of("/catch").0, 404);
    assert_eq!(
        basics().get("/params/%E0%A4%A").status,
        400,
        "malformed escape"
    );
    assert_eq!(basics().get("/params/%FF").status, 400, "invalid UTF-8");
}

#[test]
fn request_url_uses_server_origin_and_normalised_query() {
    let s = basics();
    let r = s.req("GET", "/?q=1&q=2&z", &[("host", "example.com")], b"");
    assert_eq!(r.json()["url"], format!("{}/?q=1&q=2&z=", s.origin));
    let r = s.req(
        "GET",
        "/params/x?a=%20b",
        &[("x-forwarded-proto", "https")],
        b"",
    );
    assert_eq!(
        r.json()["url"],
        format!("{}/params/x?a=+b", s.origin.replacen("http", "https", 1))
    );
}

#[test]
fn trailing_and_repeated_slashes_redirect_308() {
    let s = basics();
    let r = s.get("/params/x/?a=1");
    assert_eq!(r.status, 308);
    assert_eq!(r.header("location"), Some("/params/x?a=1"));
    assert_eq!(r.header("refresh"), Some("0;url=/params/x?a=1"));
    assert_eq!(r.text(), "/params/x?a=1");
    assert_eq!(s.req("POST", "/methods/post-only/", &[], b"").status, 308);
    let r = s.get("/prio//fixed");
    assert_eq!((r.status, r.header("location")), (308, Some("/prio/fixed")));
    let r = s.get("/prio/fixed//");
    assert_eq!(
        (r.status, r.header("location")),
        (308, Some("/prio/fixed/"))
    );
}

#[test]
fn unknown_url_is_html_404() {
    let r = basics().get("/does/not/exist");
    assert_eq!(r.status, 404);
    assert_eq!(r.header("content-type"), Some("text/html; charset=utf-8"));
    assert!(r.text().contains("404: This page could not be found"));
}

#[test]
fn methods_dispatch_405_and_400() {
    let s = basics();
    let r = s.req("POST", "/methods/get-post", &[], b"hi");
    assert_eq!((r.status, r.text()), (200, "post hi".to_owned()));
    let r = s.get("/methods/post-only");
    assert_eq!(r.status, 405);
    assert!(r.body.is_empty());
    assert_eq!(r.header("allow"), None);
    assert_eq!(s.req("HEAD", "/methods/post-only", &[], b"").status, 405);
    for m in ["GET", "POST", "PUT", "DELETE", "PATCH"] {
        let r = s.req(m, "/methods/all", &[], b"");
        assert_eq!(
            (r.status, r.text()),
            (200, format!("{} {m}", m.to_lowercase()))
        );
    }
    for m in ["PROPFIND", "QUERY", "TRACE"] {
        let r = s.req(m, "/methods/all", &[], b"");
        assert_eq!(r.status, 400, "{m}");
        assert!(r.body.is_empty());
    }
    assert_eq!(
        s.get("/methods/lower").status,
        405,
        "lowercase exports are ignored"
    );
    assert_eq!(
        s.get("/methods/default-export").status,
        405,
        "default export is ignored"
    );
    assert_eq!(s.get("/methods/not-fn").status, 500);
    assert_eq!(s.get("/methods/sync").text(), "sync");
    assert_eq!(
        s.req("POST", "/methods/reexport", &[], b"x").text(),
        "post x"
    );
    assert_eq!(
        s.req("PATCH", "/methods/star", &[], b"").text(),
        "patch PATCH"
    );
}

#[test]
fn head_and_options_are_automatic() {
    let s = basics();
    let r = s.req("HEAD", "/methods/get-post", &[], b"");
    assert_eq!(r.status, 200);
    assert_eq!(
        r.header("x-method"),
        Some("HEAD"),
        "HEAD runs GET and sees method HEAD"
    );
    let r = s.req("HEAD", "/methods/head-explicit", &[], b"");
    assert_eq!(r.header("x-head"), Some("explicit"));
    let expect = [
        ("/methods/get-post", "GET, HEAD, OPTIONS, POST"),
        ("/methods/post-only", "OPTIONS, POST"),
        (
            "/methods/all",
            "DELETE, GET, HEAD, OPTIONS, PATCH, POST, PUT",
        ),
        ("/methods/sync", "GET, HEAD, OPTIONS"),
    ];
    for (path, allow) in expect {
        let r = s.req("OPTIONS", path, &[], b"");
        assert_eq!(r.status, 204, "{path}");
        assert_eq!(r.header("allow"), Some(allow), "{path}");
        assert!(r.body.is_empty());
    }
    let r = s.req(
        "OPTIONS",
        "/methods/options-custom",
        &[("content-type", "application/json")],
        br#"{"name":"bar"}"#,
    );
    assert_eq!((r.status, r.text()), (200, "options bar".to_owned()));
    assert_eq!(r.header("access-control-allow-origin"), Some("*"));
    let r = s.req(
        "DELETE",
        "/methods/options-custom",
        &[],
        br#"{"name":"foo"}"#,
    );
    assert_eq!(r.text(), "delete foo");
}

#[test]
fn handler_contract() {
    let s = basics();
    for path in ["/contract/throw", "/contract/reject", "/contract/plain"] {
        let r = s.get(path);
        assert_eq!(r.status, 500, "{path}");
        assert!(r.body.is_empty(), "{path}");
    }
    let r = s.get("/contract/status");
    assert_eq!(
        (r.status, r.reason.as_str(), r.text().as_str()),
        (201, "Custom Text", "body")
    );
    assert_eq!(s.get("/contract/status?s=teapot").status, 418);
    let r = s.get("/contract/status?s=204");
    assert_eq!(r.status, 204);
    let r = s.get("/contract/ctx/hello");
    assert_eq!(
        r.json(),
        serde_json::json!({"keys": ["params"], "isPromise": true, "sync": "hello", "awaited": {"slug": "hello"}})
    );
    let r = s.get("/contract/microtask-cookie");
    assert_eq!(r.text(), "ok");
    assert_eq!(
        r.header("set-cookie"),
        Some("late=1; Path=/"),
        "microtask ran before finalising"
    );
    let r = s.get("/contract/ctx-static");
    assert_eq!(
        r.json(),
        serde_json::json!({"keys": ["params"], "params": "undefined"})
    );
}

#[test]
fn a_bad_handler_fails_only_its_request() {
    let s = basics();
    for path in ["/errors/loop", "/errors/oom", "/errors/recursion"] {
        let r = s.get(path);
        assert_eq!(r.status, 500, "{path}");
        assert_eq!(
            s.get("/concurrency/fast").text(),
            "fast",
            "server still serves after {path}"
        );
    }
}

#[test]
fn imports_tsconfig_paths_json_and_top_level_await() {
    let s = basics();
    let r = s.get("/alias");
    assert_eq!(
        r.json(),
        serde_json::json!({"greeting": "hello ts", "answer": 42, "data": {"from": "json"}})
    );
    assert_eq!(s.get("/tla").text(), "hello from top-level await");
}
