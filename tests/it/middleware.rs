//! Middleware through the real server (behaviour.md §20): matchers, request-header
//! overrides, response headers and cookies merged, short-circuit, redirect, rewrites inside
//! the app and to other origins (proxied, as next.config's external rewrites are),
//! `waitUntil`/`after`, errors; `src/middleware.js` with a default export and no matcher.

use std::sync::OnceLock;
use std::time::Duration;

use ferroute_server::CacheConfig;

use crate::support::{self, fixture, repo_root, Res, TestServer};

/// Started as `-H localhost`: the middleware's URLs share the router's origin, so a rewrite
/// to `new URL('/x', req.url)` stays inside the app.
fn mw() -> &'static TestServer {
    static S: OnceLock<TestServer> = OnceLock::new();
    S.get_or_init(|| {
        support::start_on(
            &repo_root().join("tests/fixtures/middleware"),
            2,
            CacheConfig::Memory(16 << 20),
            "localhost",
        )
    })
}

/// Started as `-H 127.0.0.1`: the middleware sees `localhost` in `req.url` (as under Next),
/// so an absolute rewrite built from it names another origin and is proxied.
fn mw_ip() -> &'static TestServer {
    static S: OnceLock<TestServer> = OnceLock::new();
    S.get_or_init(|| fixture("middleware", 1))
}

fn all<'a>(r: &'a Res, name: &str) -> Vec<&'a str> {
    r.headers
        .iter()
        .filter(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
        .collect()
}

#[test]
fn request_header_overrides_reach_the_handler_and_headers_merge() {
    let r = mw().req("GET", "/api/echo", &[("x-secret", "s")], b"");
    assert_eq!(r.status, 200, "{}", r.text());
    let v = r.json();
    assert_eq!(v["fromMw"], "yes");
    assert_eq!(
        v["secret"],
        serde_json::Value::Null,
        "deleted by the middleware"
    );
    // MW-04: the middleware's request list carried the x-forwarded-* headers.
    assert!(v["forwardedHost"].as_str().is_some_and(|h| !h.is_empty()));
    assert_eq!(r.header("x-mw"), Some("1"));
    assert_eq!(
        r.header("x-both"),
        Some("middleware"),
        "the router's header stays"
    );
    assert_eq!(all(&r, "set-cookie"), ["mw=m; Path=/", "handler=h; Path=/"]);
    assert_eq!(r.header("x-middleware-next"), None);
    assert_eq!(r.header("x-middleware-override-headers"), None);
    assert_eq!(r.header("x-middleware-set-cookie"), None);
}

#[test]
fn the_middleware_and_the_handler_both_read_the_body() {
    let r = mw().req(
        "POST",
        "/api/echo",
        &[("content-type", "text/plain")],
        b"twice",
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.header("x-mw-body"), Some("twice"));
    assert_eq!(r.json()["body"], "twice");
    // Chunked, through a proxied rewrite.
    let r = mw().req(
        "POST",
        "/api/upstream",
        &[("transfer-encoding", "chunked")],
        b"3\r\nabc\r\n0\r\n\r\n",
    );
    assert_eq!(r.json()["body"], "abc");
}

#[test]
fn a_returned_response_short_circuits() {
    let r = mw().get("/api/block");
    assert_eq!(r.status, 401);
    assert_eq!(r.text(), "blocked");
    assert_eq!(r.header("x-why"), Some("mw"));
}

#[test]
fn a_redirect_answers_with_the_location_as_body() {
    let r = mw().get("/api/go-away");
    assert_eq!(r.status, 307);
    assert_eq!(r.header("location"), Some("/api/echo?from=redirect"));
    assert_eq!(r.text(), "/api/echo?from=redirect");
}

#[test]
fn a_rewrite_inside_the_app_runs_the_destination_with_its_params() {
    let r = mw().get("/api/rewrite");
    assert_eq!(r.status, 200, "{}", r.text());
    let v = r.json();
    assert_eq!(v["id"], "42");
    assert!(v["url"].as_str().unwrap().ends_with("/api/rewrite"), "{v}");
    assert_eq!(
        r.header("x-middleware-rewrite"),
        Some("/api/items/42?extra=1")
    );
}

#[test]
fn a_rewrite_to_another_origin_is_proxied_with_method_headers_and_body() {
    let r = mw().req("GET", "/api/upstream", &[("x-client", "c")], b"");
    assert_eq!(r.status, 200, "{}", r.text());
    let v = r.json();
    assert_eq!(v["method"], "GET");
    let headers: Vec<&str> = v["headers"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|h| h.as_str())
        .collect();
    assert!(headers.contains(&"x-client: c"), "{headers:?}");
    assert!(
        headers.iter().any(|h| h.starts_with("x-forwarded-host: ")),
        "{headers:?}"
    );
    // The x-forwarded-* headers Next's render server added while the middleware ran.
    assert!(headers.contains(&"x-forwarded-proto: http"), "{headers:?}");
    let port = format!("x-forwarded-port: {}", mw().addr.port());
    assert!(headers.contains(&port.as_str()), "{headers:?}");
    let up = support::upstream();
    assert!(
        headers.contains(&format!("host: {up}").as_str()),
        "{headers:?}"
    );
    assert_eq!(
        all(&r, "set-cookie"),
        ["a=1", "b=2"],
        "the upstream's cookies"
    );
    let up_url = format!("http://{up}/echo");
    assert_eq!(r.header("x-middleware-rewrite"), Some(up_url.as_str()));

    let r = mw().req(
        "POST",
        "/api/upstream",
        &[("content-type", "text/plain")],
        b"payload",
    );
    let v = r.json();
    assert_eq!(v["method"], "POST");
    assert_eq!(v["body"], "payload");
}

#[test]
fn under_an_ip_host_a_rewrite_built_from_req_url_is_proxied_to_itself() {
    let r = mw_ip().get("/api/rewrite");
    assert_eq!(r.status, 200, "{}", r.text());
    let port = mw_ip().addr.port();
    assert_eq!(
        r.header("x-middleware-rewrite"),
        Some(format!("http://localhost:{port}/api/items/42?extra=1").as_str())
    );
    // The proxied request ran the middleware again, for its own path.
    assert!(r.json()["url"]
        .as_str()
        .unwrap()
        .ends_with("/api/items/42?extra=1"));
}

#[test]
fn a_middleware_that_throws_answers_500() {
    let r = mw().get("/api/throws");
    assert_eq!(r.status, 500);
    assert!(r.body.is_empty());
}

#[test]
fn wait_until_and_after_run_after_the_response() {
    let r = mw_ip().get("/api/wait");
    assert_eq!(r.status, 404, "no route at /api/wait");
    std::thread::sleep(Duration::from_millis(100));
    let done = mw_ip().get("/api/echo").json()["done"].clone();
    let done: Vec<&str> = done
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    assert!(
        done.contains(&"waitUntil") && done.contains(&"after"),
        "{done:?}"
    );
}

#[test]
fn matchers_select_paths_and_conditions() {
    assert_eq!(mw().get("/plain").text(), "plain null");
    assert_eq!(mw().get("/plain?mw=1").text(), "plain yes");
}

#[test]
fn next_config_external_rewrites_are_proxied() {
    let r = mw().req("GET", "/proxied", &[("x-client", "c")], b"");
    assert_eq!(r.status, 200, "{}", r.text());
    let v = r.json();
    assert_eq!(v["method"], "GET");
    // Without middleware, Next's proxy adds x-forwarded-host only.
    let headers = v["headers"].to_string();
    assert!(headers.contains("x-forwarded-host: "), "{headers}");
    assert!(!headers.contains("x-forwarded-port"), "{headers}");
    let r = mw().get("/down");
    assert_eq!(r.status, 500);
    assert_eq!(r.text(), "Internal Server Error");
}

#[test]
fn src_middleware_with_a_default_export_and_no_matcher_runs_everywhere() {
    let s = fixture("middleware-src", 1);
    let r = s.get("/hello");
    assert_eq!(r.text(), "hello");
    assert_eq!(r.header("x-src-mw"), Some("/hello"));
    let r = s.get("/nothing-here");
    assert_eq!(r.status, 404);
    assert_eq!(r.header("x-src-mw"), Some("/nothing-here"));
}

#[test]
fn under_base_path_matchers_and_urls_carry_it() {
    let s = support::start_on(
        &repo_root().join("tests/fixtures/middleware-base-path"),
        1,
        CacheConfig::Memory(16 << 20),
        "localhost",
    );
    let r = s.get("/docs/api/x?info");
    assert_eq!(r.status, 200, "{}", r.text());
    let v = r.json();
    assert_eq!(v["pathname"], "/api/x");
    assert_eq!(v["basePath"], "/docs");
    assert_eq!(v["url"], format!("{}/docs/api/x?info=", s.origin));
    let r = s.get("/docs/api/x");
    assert_eq!(r.text(), "x /api/x");
    assert_eq!(r.header("x-mw"), Some("1"));
    let r = s.get("/docs/api/moved");
    assert_eq!(r.text(), "x /api/moved");
    assert_eq!(r.header("x-middleware-rewrite"), Some("/docs/api/x"));
    let r = s.get("/api/x");
    assert_eq!(r.status, 404);
    assert_eq!(r.header("x-mw"), None);
}

/// `ferroute build` on a copy of fixture `name`.
fn build_fixture(name: &str) -> std::process::Output {
    let copy = support::TempDir::fixture_copy(name);
    support::ferroute_command()
        .arg("build")
        .arg(copy.path())
        .env("NO_COLOR", "1")
        .output()
        .expect("run ferroute build")
}

#[test]
fn ferroute_build_checks_the_middleware() {
    let out = build_fixture("errors/middleware-matcher");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("ferroute::middleware::matcher"), "{stderr}");
    assert!(stderr.contains("config.matcher[1].source"), "{stderr}");
}

#[test]
fn ferroute_build_lists_the_middleware_as_next_build_does() {
    let out = build_fixture("middleware-src");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    // After the routes, before the legend, as `next build` prints it (without sizes).
    let table = stdout.split("Route (app)").nth(1).expect("a route table");
    let mw = table.find("\nƒ Middleware\n").expect("a middleware line");
    let legend = table.find("(Dynamic)").expect("the legend");
    assert!(mw < legend, "{stdout}");
}

#[test]
fn a_rewrite_to_a_public_file_serves_the_file() {
    let r = mw().get("/api/public-file");
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.text(), "hello from public/\n");
    assert_eq!(r.header("x-middleware-rewrite"), Some("/notes/hello.txt"));
}
