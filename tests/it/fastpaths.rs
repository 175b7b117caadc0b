//! The per-request fast paths behave as the general ones: `cookies()` and `headers()` read
//! before anything touched the request's headers (the runtime answers them without
//! handing JavaScript the whole header list), and `Response` header inits read natively.

use crate::support::{fixture, TestServer};
use std::io::{Read, Write};
use std::net::TcpStream;
use std::sync::OnceLock;

fn server() -> &'static TestServer {
    static SERVER: OnceLock<TestServer> = OnceLock::new();
    SERVER.get_or_init(|| fixture("fastpaths", 1))
}

#[test]
fn cookies_read_natively_match_the_parsed_jar() {
    let r = server().req(
        "GET",
        "/cookies",
        &[(
            "cookie",
            "a=1; dup=first; enc=%E2%82%AC%20x; flag; bad=%zz; dup=second",
        )],
        b"",
    );
    assert_eq!(r.status, 200, "{}", r.text());
    let j = r.json();
    let first = &j["first"];
    assert_eq!(
        first["a"],
        serde_json::json!({ "name": "a", "value": "1", "path": "/" })
    );
    assert_eq!(first["dup"], "second", "the last of a repeated name wins");
    assert_eq!(first["enc"], "€ x", "values are percent-decoded");
    assert_eq!(first["flag"], "true", "a pair without '=' reads as true");
    assert!(
        first.get("bad").is_none(),
        "an undecodable value is skipped: {first}"
    );
    assert_eq!(first["hasA"], true);
    assert_eq!(first["hasNone"], false);
    assert_eq!(first["byObject"], "1");
    assert_eq!(
        j["all"],
        serde_json::json!(["a=1", "dup=second", "enc=€ x", "flag=true"])
    );
    assert_eq!(j["awaited"], "€ x");
    assert_eq!(j["after"], "1");
    assert_eq!(r.header("set-cookie"), Some("added=1; Path=/"));
}

#[test]
fn cookies_without_a_cookie_header() {
    let r = server().get("/cookies");
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["all"], serde_json::json!([]));
}

#[test]
fn headers_read_one_at_a_time_and_whole() {
    // The client sends "é" as UTF-8; each byte reads as one Latin-1 char, as in Node.
    let r = server().req("GET", "/headers", &[("x-a", "caf\u{e9}")], b"");
    assert_eq!(r.status, 200, "{}", r.text());
    let j = r.json();
    assert_eq!(
        j["one"]["a"], "caf\u{c3}\u{a9}",
        "header bytes read as Latin-1"
    );
    assert_eq!(j["one"]["missing"], serde_json::Value::Null);
    assert_eq!(j["one"]["has"], true);
    let names: Vec<&str> = j["names"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert!(
        names.contains(&"x-a") && names.contains(&"x-forwarded-for"),
        "{names:?}"
    );
    assert_eq!(j["awaited"], "caf\u{c3}\u{a9}");
    assert!(j["mutation"]
        .as_str()
        .unwrap()
        .starts_with("Headers cannot be modified."));
}

#[test]
fn headers_drop_router_headers() {
    let r = server().req("GET", "/headers", &[("x-a", "1"), ("rsc", "1")], b"");
    let j = r.json();
    assert_eq!(j["one"]["hasRsc"], false);
    assert!(
        !j["names"].as_array().unwrap().iter().any(|n| n == "rsc"),
        "{j}"
    );
}

#[test]
fn headers_after_the_request_headers_were_read() {
    let r = server().req("GET", "/headers-later", &[("x-a", "one")], b"");
    assert_eq!(
        r.json(),
        serde_json::json!({ "before": "one", "a": "one", "count": true })
    );
}

#[test]
fn response_header_inits() {
    let s = server();
    let r = s.get("/response-init?kind=upper");
    assert_eq!(r.header("x-upper"), Some("A"));
    assert_eq!(
        r.header("content-type"),
        Some("text/x-custom"),
        "no default type added"
    );
    let r = s.get("/response-init?kind=number");
    assert_eq!((r.status, r.header("x-num")), (201, Some("42")));
    assert_eq!(
        s.get("/response-init?kind=trim").header("x-trim"),
        Some("padded")
    );
    let r = s.get("/response-init?kind=pairs");
    let cookies: Vec<&str> = r
        .headers
        .iter()
        .filter(|(n, _)| n == "set-cookie")
        .map(|(_, v)| v.as_str())
        .collect();
    assert_eq!(cookies, ["a=1", "b=2"]);
    for bad in ["bad-value", "symbol"] {
        assert_eq!(
            s.get(&format!("/response-init?kind={bad}")).status,
            500,
            "{bad}"
        );
    }
    let errors = s.get("/response-init?kind=errors").json();
    assert_eq!(
        errors,
        serde_json::json!({
            "bad-value": "TypeError: Failed to construct 'Headers': \"a\\nb\" is an invalid header value.",
            "wide": "TypeError: Failed to construct 'Headers': \"€\" is an invalid header value (characters above U+00FF are not allowed).",
            "bad-name": "TypeError: Failed to construct 'Headers': \"bad name\" is an invalid header name.",
            "symbol": "TypeError: Failed to construct 'Headers': cannot convert a Symbol-keyed property to a header name.",
        })
    );
}

#[test]
fn response_header_values_are_latin1_bytes() {
    let mut s = TcpStream::connect(server().addr).expect("connect");
    s.write_all(b"GET /response-init?kind=latin1 HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n")
        .expect("write");
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).expect("read");
    assert!(
        raw.windows(14).any(|w| w == b"x-latin1: caf\xe9"),
        "{}",
        String::from_utf8_lossy(&raw)
    );
}

#[test]
fn cookies_and_draft_mode_share_one_jar() {
    for order in ["cookies-first", "draft-first"] {
        let r = server().req(
            "GET",
            &format!("/cookies-mixed?order={order}"),
            &[("cookie", "a=1")],
            b"",
        );
        assert_eq!(
            r.json(),
            serde_json::json!({ "before": "1", "x": "1" }),
            "{order}"
        );
        let lines: Vec<&str> = r
            .headers
            .iter()
            .filter(|(n, _)| n == "set-cookie")
            .map(|(_, v)| v.as_str())
            .collect();
        assert_eq!(lines.len(), 2, "{order}: {lines:?}");
        assert!(
            lines.iter().any(|l| l.starts_with("__prerender_bypass=")),
            "{order}: {lines:?}"
        );
        assert!(lines.contains(&"x=1; Path=/"), "{order}: {lines:?}");
    }
}
