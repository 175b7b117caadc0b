//! The JavaScriptCore engine (`--engine jsc`, issue 12) serving tests/fixtures/jsc through the
//! real server: what QuickJS serves, plus what only JSC has (ICU's Intl, WebAssembly).

use std::sync::OnceLock;

use ferroute_runtime::EngineKind;

use crate::support::{self, repo_root, start_engine, Res, TestServer};

fn server() -> &'static TestServer {
    static S: OnceLock<TestServer> = OnceLock::new();
    S.get_or_init(|| start_engine(&repo_root().join("tests/fixtures/jsc"), 2, EngineKind::Jsc))
}

#[test]
fn jsc_serves_a_plain_get() {
    let r = server().get("/hello");
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.header("content-type"), Some("application/json"));
    assert_eq!(r.json(), serde_json::json!({ "hello": "world" }));
}

#[test]
fn jsc_passes_params_and_the_request_url() {
    let s = server();
    let r = s.get("/items/a%20b?x=1");
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["slug"], "a b");
    assert_eq!(r.json()["url"], format!("{}/items/a%20b?x=1", s.origin));
}

/// A route's one param crosses as its value and name (src/jsc/mod.rs `dispatch`): names a
/// promise or an object treats specially still come out as Next gives them.
#[test]
fn jsc_passes_a_single_param_named_then_or_proto_as_an_own_property() {
    let s = server();
    let r = s.get("/names/then/x1");
    assert_eq!(
        r.json(),
        serde_json::json!({ "onPromise": true, "value": "x1", "own": ["then"] }),
        "{}",
        r.text()
    );
    let r = s.get("/names/proto/x2");
    assert_eq!(
        r.json(),
        serde_json::json!({ "own": ["__proto__"], "value": "x2", "plain": true }),
        "{}",
        r.text()
    );
}

#[test]
fn jsc_reads_a_json_body() {
    let r = server().req(
        "POST",
        "/echo",
        &[("content-type", "application/json")],
        br#"{"n":1,"s":"\u00e9"}"#,
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(
        r.json(),
        serde_json::json!({ "received": { "n": 1, "s": "é" }, "type": "application/json" })
    );
}

#[test]
fn jsc_streams_a_response_with_timers_between_chunks() {
    let r = server().get("/stream");
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.text(), "chunk 1\nchunk 2\nchunk 3\n");
}

/// Streamed chunks below, at and past the shared chunk buffer's size (outbox.rs), views
/// into larger buffers, arrive whole and in order.
#[test]
fn jsc_streams_chunks_of_every_size_whole_and_in_order() {
    let r = server().get("/chunks");
    assert_eq!(r.status, 200, "{}", r.text());
    let mut expected = Vec::new();
    for (n, byte) in [(3, b'a'), (64 * 1024, b'b'), (64 * 1024 + 1, b'c')] {
        expected.extend(std::iter::repeat_n(byte, n));
    }
    expected.extend(b"efgh");
    expected.extend(std::iter::repeat_n(b'd', 300_000));
    expected.extend(b"efe");
    assert_eq!(r.body.len(), expected.len());
    assert!(r.body == expected, "the bytes differ");
}

#[test]
fn jsc_timers_wait() {
    let r = server().get("/timer");
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.text(), "waited enough");
}

#[test]
fn jsc_has_icu_intl() {
    let r = server().get("/intl");
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(
        r.json(),
        serde_json::json!({ "money": "1.234,50\u{a0}€", "date": "15 janvier 2024", "plural": "zero" })
    );
}

#[test]
fn jsc_runs_webassembly() {
    let r = server().get("/wasm?a=2&b=40");
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["sum"], 42);
}

#[test]
fn jsc_url_follows_the_url_standard() {
    let s = server();
    let r = s.get("/query?q=%C3%A9");
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(
        r.json(),
        serde_json::json!({
            "href": format!("{}/query?q=%C3%A9&added=yes+%26+no#top", s.origin),
            "pathname": "/query",
            "q": "é",
            "all": ["q", "added"],
            "relative": format!("{}/up?x=1", s.origin),
            "idn": "xn--mnchen-3ya.example",
        })
    );
}

#[test]
fn jsc_stops_a_loop_at_max_sync_ms_and_keeps_serving() {
    let s = server();
    let t0 = std::time::Instant::now();
    let r = s.get("/loop");
    assert_eq!(r.status, 500);
    assert!(
        t0.elapsed() < std::time::Duration::from_secs(5),
        "{:?}",
        t0.elapsed()
    );
    for _ in 0..4 {
        assert_eq!(s.get("/hello").status, 200);
    }
}

/// Held by the tests whose requests take hundreds of MB: the JSC memory bound is the resident
/// memory of the process, which every in-process test server shares, so a request that grows
/// without end would be stopped beside an og render running in another test at the same time.
static MEMORY_HEAVY: std::sync::Mutex<()> = std::sync::Mutex::new(());

#[test]
fn jsc_request_that_allocates_without_end_fails_alone() {
    let _heavy = MEMORY_HEAVY
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    let s = server();
    let hog = {
        let addr = s.addr;
        std::thread::spawn(move || support::request(addr, "GET", "/hog", &[], b""))
    };
    // Served while the hog grows.
    for _ in 0..3 {
        assert_eq!(s.get("/hello").status, 200);
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let r = hog.join().expect("hog thread");
    assert_eq!(r.status, 500);
    for _ in 0..4 {
        assert_eq!(s.get("/hello").status, 200);
    }
}

#[test]
fn jsc_webassembly_promises_settle() {
    let r = server().get("/wasm-async");
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.json()["sum"], 10);
}

#[test]
fn jsc_node_url_helpers_answer_as_node() {
    // The values Node 20 gives for the same calls.
    let r = server().get("/urlmod");
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(
        r.json(),
        serde_json::json!({
            "o": {"protocol": "http:", "hostname": "::1", "hash": "#h", "search": "?q", "pathname": "/p",
                  "path": "/p?q", "href": "http://u:p%40@[::1]:8080/p?q#h", "port": 8080, "auth": "u:p@"},
            "f": "/a b/c",
            "p": "file:///a%20b/c%23%3F%25",
            "d": "xn--mnchen-3ya.de",
        })
    );
}

#[test]
fn jsc_next_og_renders_the_png_next_renders() {
    let _heavy = MEMORY_HEAVY
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    // The project's node_modules are tests/fixtures/packages' (next and react, `npm ci`).
    let modules = repo_root().join("tests/fixtures/packages/node_modules");
    assert!(
        modules.join("next").exists(),
        "run npm ci --prefix tests/fixtures/packages first"
    );
    let dir = crate::support::TempDir::fixture_copy("og-jsc");
    std::os::unix::fs::symlink(&modules, dir.path().join("node_modules")).expect("symlink");
    let s = start_engine(dir.path(), 1, EngineKind::Jsc);
    let r = s.get("/og");
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.header("content-type"), Some("image/png"));
    assert_eq!(
        r.header("cache-control"),
        Some("public, immutable, no-transform, max-age=31536000")
    );
    let expected = std::fs::read(dir.path().join("expected.png")).expect("expected.png");
    assert!(r.body == expected, "the PNG differs from what Next renders");
    // The same element from a metadata image with generateImageMetadata, made per request.
    let by_id = s.get("/gen/twitter-image/hello");
    assert_eq!(by_id.status, 200, "{}", by_id.text());
    assert_eq!(by_id.header("content-type"), Some("image/png"));
    assert_eq!(
        by_id.header("cache-control"),
        Some("public, immutable, no-transform, max-age=31536000")
    );
    assert_eq!(by_id.header("x-nextjs-cache"), None);
    assert!(
        by_id.body == expected,
        "the PNG of /gen/twitter-image/hello differs"
    );
    let other = s.get("/gen/twitter-image/other");
    assert_eq!(other.status, 200);
    assert!(other.body.starts_with(b"\x89PNG") && other.body != expected);
    assert_eq!(s.get("/gen/twitter-image/none").status, 404);
    assert_eq!(s.get("/gen/twitter-image").status, 404);
}

/// A header list sent again crosses as a number (js/jsc/01_calls.js, `internHeaders`): each
/// response still carries its own headers, past the most lists that get a number.
#[test]
fn jsc_header_lists_sent_again_are_still_each_responses_own() {
    let s = server();
    for round in 0..2 {
        for n in 0..300 {
            let r = s.get(&format!("/headers/{n}"));
            assert_eq!(r.status, 200, "{}", r.text());
            assert_eq!(
                r.header("x-n"),
                Some(n.to_string().as_str()),
                "round {round}"
            );
            assert_eq!(r.header("content-type"), Some("text/plain; charset=utf-8"));
            let same = s.get("/headers/same");
            assert_eq!(same.header("x-n"), None, "round {round}, after {n}");
            assert_eq!(same.text(), "n=same");
        }
    }
}

/// The strings each request sends to JavaScript are kept made once they repeat
/// (src/jsc/sent_strings.rs): every response still echoes its own request's URL, params,
/// cookie and header, while a few busy values repeat among many that are seen once, and
/// more distinct values than the slots that keep them come back again.
#[test]
fn jsc_strings_sent_again_are_still_each_requests_own() {
    let s = server();
    for i in 0..400 {
        // Busy values (four of each) among ones seen once, and 100 that come back each round.
        let (a, b) = match i % 3 {
            0 => (format!("busy{}", i % 4), "x".to_owned()),
            1 => (format!("once{i}"), format!("é{i}")),
            _ => (format!("round{}", i % 100), "y".to_owned()),
        };
        let token = if i % 2 == 0 {
            format!("t{}", i % 5)
        } else {
            format!("u{i}")
        };
        let lang = format!("l{}", i % 7);
        let path = format!("/kept/{a}/{}?q={}", urlencode(&b), i % 3);
        let r = s.req(
            "GET",
            &path,
            &[("cookie", &format!("token={token}")), ("x-lang", &lang)],
            b"",
        );
        assert_eq!(r.status, 200, "{}", r.text());
        assert_eq!(
            r.json(),
            serde_json::json!({
                "url": format!("{}{path}", s.origin), "a": a, "b": b, "token": token, "lang": lang,
            }),
            "request {i}"
        );
    }
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// Responses handed over through the outbox (src/jsc/outbox.rs) arrive whole: without a body,
/// with a status text and a header list sent once, with a body past what a slot keeps, with a
/// numbered list; and when one entry answers more requests than the outbox holds (a timer
/// that 40 waiting requests continue from), each gets its own.
#[test]
fn jsc_responses_through_the_outbox_are_each_requests_own() {
    let s = server();
    let check = |n: usize, r: &Res| match n % 4 {
        0 => {
            assert_eq!(r.status, 204, "{n}: {}", r.text());
            assert!(r.body.is_empty());
        }
        1 => {
            assert_eq!(
                (r.status, r.reason.as_str()),
                (201, format!("Made {n}").as_str())
            );
            assert_eq!(r.header("x-n"), Some(n.to_string().as_str()));
            assert_eq!(r.text(), format!("text {n}"));
        }
        2 => {
            assert_eq!(r.status, 200);
            assert_eq!(r.json()["n"], n.to_string());
            assert_eq!(r.json()["big"].as_str().map(str::len), Some(100_000));
        }
        _ => assert_eq!(r.json(), serde_json::json!({ "n": n.to_string() })),
    };
    for n in 0..12 {
        check(n, &s.get(&format!("/outbox/{n}")));
    }
    for (query, times) in [("text", 1), ("text&long", 300)] {
        let r = s.get(&format!("/outbox/7?{query}"));
        assert_eq!(r.text(), "é😀\u{fffd} 7".repeat(times), "{query}");
    }
    let origin = s.addr;
    let waiting: Vec<_> = (0..40)
        .map(|n| {
            std::thread::spawn(move || {
                (
                    n,
                    support::request(origin, "GET", &format!("/outbox/{n}?wait"), &[], b""),
                )
            })
        })
        .collect();
    for handle in waiting {
        let (n, r) = handle.join().expect("request thread");
        check(n, &r);
    }
}

/// `toLocaleString` and the like keep a formatter per locale on JavaScriptCore
/// (js/jsc/14_locale_methods.js): every answer is the one a new Intl object gives, the first
/// request and the next, and the built-ins' edges hold.
#[test]
fn jsc_locale_methods_answer_as_a_new_formatter_would() {
    for _ in 0..2 {
        let r = server().get("/locale");
        assert_eq!(r.status, 200, "{}", r.text());
        let body = r.json();
        assert_eq!(body["mismatches"], serde_json::json!([]));
        assert_eq!(
            body["edges"],
            serde_json::json!({
                "invalidDate": "Invalid Date",
                "invalidDateBadLocale": "Invalid Date",
                "german": "1.234.567,891",
                "withOptions": "50%",
                "compare": ["a", "b", "C"],
                "lengths": [0, 0, 0, 1],
                "name": "toLocaleTimeString",
                "badLocale": "RangeError",
                "notADate": "TypeError",
                "notANumber": "TypeError",
                "symbol": "TypeError",
            })
        );
    }
}

/// Local time comes from the process's time zone (`TZ`), the same on every request: the date
/// cache JavaScriptCore would reset at each entry into the VM is kept (ferroute_jsc's
/// imports.rs), and what it keeps is right.
#[test]
fn jsc_local_time_follows_tz_request_after_request() {
    let (mut child, addr) = spawn_jsc_fixture(1, &[("TZ", Some("America/New_York"))]);
    let answers: Vec<_> = (0..4)
        .map(|_| support::request(addr, "GET", "/localtime", &[], b""))
        .collect();
    let _ = child.kill();
    let _ = child.wait();
    for r in answers {
        assert_eq!(r.status, 200, "{}", r.text());
        let body = r.json();
        assert_eq!(body["hours"], 19, "{body}");
        assert_eq!(body["offset"], 300, "{body}");
        assert_eq!(body["summer"], 240, "{body}");
        assert_eq!(body["zone"], "America/New_York", "{body}");
        let string = body["string"].as_str().unwrap_or_default();
        assert!(
            string.starts_with("Wed Dec 31 1969 19:00:00 GMT-0500"),
            "{string}"
        );
    }
}

/// A body read whole as text is the Encoding Standard's UTF-8 decode (a leading byte order
/// mark dropped, each invalid sequence one U+FFFD), as JSON the same text parsed, and bad
/// JSON a SyntaxError the handler can catch: also when the runtime decodes the body that came
/// with its head.
#[test]
fn jsc_request_text_and_json_decode_as_text_decoder_does() {
    let s = server();
    let body = b"\xEF\xBB\xBFa\xFFb\xE2\x82c\xF0\x9F\x98\x80";
    let r = s.req("POST", "/text", &[], body);
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(
        r.json()["codes"],
        serde_json::json!([0x61, 0xFFFD, 0x62, 0xFFFD, 0x63, 0x1F600])
    );
    let r = s.req(
        "POST",
        "/text?json",
        &[],
        b"\xEF\xBB\xBF{\"a\":[1,\"\xC3\xA9\"]}",
    );
    assert_eq!(r.json(), serde_json::json!({ "json": { "a": [1, "é"] } }));
    let r = s.req("POST", "/text?json", &[], b"{\"a\":");
    assert_eq!(r.json(), serde_json::json!({ "error": "SyntaxError" }));
    let r = s.req("POST", "/text", &[], b"");
    assert_eq!(r.json(), serde_json::json!({ "text": "", "codes": [] }));
}

/// With a worker per core, JavaScriptCore marks each collection on the thread that collects
/// (`numberOfGCMarkers` 1, src/jsc/mod.rs `gc_markers`): the workers already keep every core
/// busy, and the marking helper threads it would start ("HeapHelper") only take turns with
/// them. Start-up itself collects, so a helper would be there by the time it is ready.
#[test]
fn jsc_starts_no_marking_helper_threads_when_the_workers_fill_the_cores() {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
    let (mut child, addr) = spawn_jsc_fixture(cores, &[("JSC_numberOfGCMarkers", None)]);
    let threads = || -> Vec<String> {
        std::fs::read_dir(format!("/proc/{}/task", child.id()))
            .map(|tasks| {
                tasks
                    .flatten()
                    .filter_map(|t| std::fs::read_to_string(t.path().join("comm")).ok())
                    .map(|c| c.trim().to_owned())
                    .collect()
            })
            .unwrap_or_default()
    };
    // Some garbage, and so some collections, on every worker.
    for _ in 0..(20 * cores) {
        let r = support::request(addr, "GET", "/hello", &[], b"");
        assert_eq!(r.status, 200, "{}", r.text());
    }
    let names = threads();
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        names
            .iter()
            .filter(|n| n.as_str() == "ferroute-worker")
            .count()
            >= cores,
        "{names:?}"
    );
    assert!(!names.iter().any(|n| n == "HeapHelper"), "{names:?}");
}

/// `ferroute start --engine jsc` with `workers` workers on tests/fixtures/jsc, in a process of
/// its own (for what a process sets once: its time zone, JavaScriptCore's options), with `env`
/// applied (`None` removes a variable); and its address once it is ready.
fn spawn_jsc_fixture(
    workers: usize,
    env: &[(&str, Option<&str>)],
) -> (std::process::Child, std::net::SocketAddr) {
    let mut command = support::ferroute_command();
    command
        .args([
            "start",
            "-p",
            "0",
            "-H",
            "127.0.0.1",
            "--engine",
            "jsc",
            "--workers",
        ])
        .arg(workers.to_string())
        .arg(repo_root().join("tests/fixtures/jsc"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    for (name, value) in env {
        match value {
            Some(value) => command.env(name, value),
            None => command.env_remove(name),
        };
    }
    let mut child = command.spawn().expect("spawn ferroute");
    let addr = support::wait_ready(&mut child);
    (child, addr)
}
