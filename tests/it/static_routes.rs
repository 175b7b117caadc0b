//! Static and ISR route handlers (behaviour.md §12) through the real server: generated
//! ahead, answered from the response cache, regenerated in the background.

use std::process::Stdio;
use std::time::Duration;

use crate::support::{ferroute_command, fixture, repo_root};

fn headers_named<'a>(res: &'a crate::support::Res, name: &str) -> Vec<&'a str> {
    res.headers
        .iter()
        .filter(|(n, _)| n.eq_ignore_ascii_case(name))
        .map(|(_, v)| v.as_str())
        .collect()
}

#[test]
fn force_static_is_generated_once_with_a_sanitised_request_and_replayed() {
    let srv = fixture("static", 2);
    for _ in 0..3 {
        let res = srv.req(
            "GET",
            "/forever?q=1",
            &[("x-foo", "bar"), ("accept", "text/plain")],
            b"",
        );
        assert_eq!(res.status, 201);
        assert_eq!(res.header("x-nextjs-cache"), Some("HIT"));
        assert_eq!(res.header("cache-control"), Some("s-maxage=31536000"));
        assert_eq!(res.header("x-kept"), Some("yes"));
        assert_eq!(headers_named(&res, "set-cookie"), ["a=1", "b=2"]);
        // Generated once at start-up, from a request without query, headers or origin.
        assert_eq!(
            res.json(),
            serde_json::json!({ "runs": 1, "url": "http://localhost:3000/forever", "accept": null, "h": null })
        );
    }
    let head = srv.req("HEAD", "/forever", &[], b"");
    assert_eq!(
        (head.status, head.header("x-nextjs-cache")),
        (201, Some("HIT"))
    );
    assert!(head.body.is_empty());
    for method in ["POST", "PUT", "OPTIONS"] {
        let res = srv.req(method, "/forever", &[], b"x");
        assert_eq!(res.status, 405, "{method}");
        assert_eq!(headers_named(&res, "allow"), ["GET", "HEAD"]);
        assert_eq!(res.text(), "Method Not Allowed");
    }
}

#[test]
fn isr_serves_stale_while_one_regeneration_runs() {
    let srv = fixture("static", 1);
    let res = srv.get("/isr");
    assert_eq!(res.header("x-nextjs-cache"), Some("HIT"));
    assert_eq!(
        res.header("cache-control"),
        Some("s-maxage=1, stale-while-revalidate=31535999")
    );
    assert_eq!(res.json()["runs"], 1);
    std::thread::sleep(Duration::from_millis(1100));
    // Past its second: the stale entry, while one regeneration runs.
    let stale = srv.get("/isr");
    assert_eq!(stale.header("x-nextjs-cache"), Some("STALE"));
    assert_eq!(stale.json()["runs"], 1);
    std::thread::sleep(Duration::from_millis(200));
    let fresh = srv.get("/isr");
    assert_eq!(fresh.header("x-nextjs-cache"), Some("HIT"));
    assert_eq!(fresh.header("cache-control"), Some("s-maxage=1"));
    assert_eq!(fresh.json()["runs"], 2);
}

#[test]
fn a_regeneration_that_throws_keeps_the_stale_entry() {
    let srv = fixture("static", 1);
    assert_eq!(srv.get("/flaky").json()["runs"], 1);
    std::thread::sleep(Duration::from_millis(1100));
    for _ in 0..3 {
        let res = srv.get("/flaky");
        assert_eq!(res.status, 200);
        assert_eq!(res.header("x-nextjs-cache"), Some("STALE"));
        assert_eq!(res.json()["runs"], 1);
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn a_route_that_reads_request_data_while_generated_is_dynamic() {
    let srv = fixture("static", 1);
    let res = srv.req("GET", "/bail", &[("x-foo", "bar")], b"");
    assert_eq!(res.json(), serde_json::json!({ "foo": "bar" }));
    assert_eq!(res.header("x-nextjs-cache"), None);
    assert_eq!(res.header("cache-control"), None);
}

#[test]
fn generate_static_params_lists_paths_and_dynamic_params_false_refuses_others() {
    let srv = fixture("static", 1);
    for (path, id) in [("/listed/a", "a"), ("/listed/b%20c", "b c")] {
        let res = srv.get(path);
        assert_eq!(res.header("x-nextjs-cache"), Some("HIT"), "{path}");
        assert_eq!(res.json()["id"], id);
    }
    assert_eq!(srv.get("/listed/zzz").status, 404);
    // Without dynamicParams = false, other paths are generated on first request.
    assert_eq!(srv.get("/open/a").header("x-nextjs-cache"), Some("HIT"));
    let first = srv.get("/open/zz");
    assert_eq!(
        (first.header("x-nextjs-cache"), &first.json()["id"]),
        (Some("MISS"), &serde_json::json!("zz"))
    );
    assert_eq!(srv.get("/open/zz").header("x-nextjs-cache"), Some("HIT"));
    // force-static with a dynamic segment: on demand too.
    let a = srv.get("/ondemand/1");
    let b = srv.get("/ondemand/1");
    assert_eq!(
        (a.header("x-nextjs-cache"), b.header("x-nextjs-cache")),
        (Some("MISS"), Some("HIT"))
    );
    assert_eq!(a.body, b.body);
}

#[test]
fn dynamic_error_with_a_dynamic_api_stops_the_start_with_nexts_message() {
    let out = ferroute_command()
        .args(["start", "-p", "0", "-H", "127.0.0.1"])
        .arg(repo_root().join("tests/fixtures/static-error"))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .expect("run ferroute");
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("Route /strict with `dynamic = \"error\"` couldn't be rendered statically because it used `headers`"),
        "{text}"
    );
    assert!(
        text.contains("Error occurred prerendering route \"/strict\""),
        "{text}"
    );
}
