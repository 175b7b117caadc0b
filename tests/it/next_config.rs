//! next.config through the real server (behaviour.md §17): a TypeScript config function
//! with headers/redirects/rewrites and their conditions, and a CommonJS one with basePath
//! and trailingSlash.

use std::sync::OnceLock;

use crate::support::{fixture, TestServer};

fn ts() -> &'static TestServer {
    static S: OnceLock<TestServer> = OnceLock::new();
    S.get_or_init(|| fixture("next-config-ts", 1))
}

fn cjs() -> &'static TestServer {
    static S: OnceLock<TestServer> = OnceLock::new();
    S.get_or_init(|| fixture("next-config-cjs", 1))
}

#[test]
fn a_typescript_config_function_gets_the_phase_and_sets_env() {
    let r = ts().get("/api/echo");
    assert_eq!(r.status, 200, "{}", r.text());
    let v = r.json();
    assert_eq!(v["phase"], "phase-production-server");
    assert_eq!(v["defaults"], "true");
}

#[test]
fn headers_apply_with_params_and_conditions_and_beat_the_handlers() {
    let r = ts().get("/api/echo");
    assert_eq!(r.header("x-name"), Some("got-echo"));
    // Next's sendResponse appends only the handler's headers the router did not set.
    assert_eq!(r.header("x-handler-wins"), Some("config"));
    assert_eq!(r.header("x-debug-seen"), None);
    let r = ts().req("GET", "/api/echo", &[("x-debug", "yes")], b"");
    assert_eq!(r.header("x-debug-seen"), Some("1"));
    let r = ts().req(
        "GET",
        "/api/echo",
        &[("x-debug", "yes"), ("cookie", "quiet=1")],
        b"",
    );
    assert_eq!(r.header("x-debug-seen"), None);
    let r = ts().req("GET", "/api/echo", &[("x-debug", "maybe")], b"");
    assert_eq!(r.header("x-debug-seen"), None);
}

#[test]
fn redirects_answer_before_routing() {
    let r = ts().get("/old/a/b?x=1");
    assert_eq!(r.status, 308);
    assert_eq!(r.header("location"), Some("/new/a/b?x=1"));
    assert_eq!(r.header("refresh"), Some("0;url=/new/a/b?x=1"));
    assert_eq!(r.text(), "/new/a/b?x=1");
    let r = ts().get("/old");
    assert_eq!(r.header("location"), Some("/new"));
    let r = ts().get("/post/12");
    assert_eq!(r.status, 301);
    assert_eq!(r.header("location"), Some("/items/12"));
    assert_eq!(r.header("refresh"), None);
    // A custom pattern that does not match is no redirect.
    assert_eq!(ts().get("/post/ab").status, 200);
    assert_eq!(ts().get("/q").status, 200, "no ?go: the fallback rewrite");
    let r = ts().get("/q?go=1");
    assert_eq!(r.status, 307);
    assert_eq!(r.header("location"), Some("/api/echo?go=1"));
    // The host is compared without its port.
    assert_eq!(ts().get("/host-only").status, 308);
    assert_eq!(ts().get("/host-other").status, 200);
}

#[test]
fn rewrites_run_before_files_after_files_and_as_fallback() {
    let r = ts().get("/api/shadowed");
    assert_eq!(r.json()["id"], "shadow", "beforeFiles wins over the file");
    let r = ts().get("/r/5");
    assert_eq!(r.json(), serde_json::json!({"id": "5", "pathname": "/r/5"}));
    let r = ts().get("/nothing/here");
    assert_eq!(r.text(), "fallback for /nothing/here");
    // A route that exists is not rewritten by afterFiles or fallback.
    assert_eq!(ts().get("/items/3").json()["id"], "3");
}

#[test]
fn base_path_is_required_and_hidden_from_node_handlers() {
    assert_eq!(cjs().get("/hello/").status, 404);
    let r = cjs().get("/base/hello/");
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(
        r.json(),
        serde_json::json!({"url": "/hello/", "nextUrl": "/hello/", "basePath": ""})
    );
    let r = cjs().get("/base/edge/");
    assert_eq!(
        r.json(),
        serde_json::json!({"url": "/base/edge/", "nextUrl": "/edge/", "basePath": "/base"})
    );
    assert_eq!(cjs().get("/base/file.txt").text(), "plain\n");
    assert_eq!(cjs().get("/file.txt").status, 404);
}

#[test]
fn trailing_slash_redirects_keep_the_query() {
    let r = cjs().get("/base/hello?a=1");
    assert_eq!(r.status, 308);
    assert_eq!(r.header("location"), Some("/base/hello/?a=1"));
    let r = cjs().get("/base");
    assert_eq!(r.header("location"), Some("/base/"));
    let r = cjs().get("/away/");
    assert_eq!(r.status, 307);
    assert_eq!(r.header("location"), Some("https://example.com/"));
}

#[test]
fn config_cookies_come_before_the_handlers() {
    let r = cjs().get("/base/hello/");
    let cookies: Vec<&str> = r
        .headers
        .iter()
        .filter(|(k, _)| k.eq_ignore_ascii_case("set-cookie"))
        .map(|(_, v)| v.as_str())
        .collect();
    assert_eq!(cookies, ["cfg=1; Path=/", "mine=1; Path=/"]);
}
