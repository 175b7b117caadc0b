//! npm packages as Node runs them: CommonJS (named imports found as Node's lexer finds
//! them, `__esModule` interop as Next's bundler does it, cycles, JSON, `createRequire`,
//! `require()` of ES modules), `exports` conditions of the App Router's server layer, and
//! Node's built-in modules. The fixture's packages are hand-written under
//! `tests/fixtures/cjs/node_modules`, one per rule.

use std::sync::OnceLock;

use serde_json::json;

use crate::support::{fixture, TestServer};

fn cjs() -> &'static TestServer {
    static S: OnceLock<TestServer> = OnceLock::new();
    S.get_or_init(|| fixture("cjs", 2))
}

#[test]
fn commonjs_named_and_default_imports() {
    let r = cjs().get("/basic");
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(
        r.json(),
        json!({
            "parsed": {"a": 1}, "safe": true, "version": "1.2.3", "fromDir": true, "self": true,
            "defaultIsExports": true,
            "reexport": [1, 2, "three"],
            "helpers": {"joined": "a/b", "fileName": "helpers.js", "req": "function"},
            "esmRequire": true, "esmDirname": true,
        })
    );
}

#[test]
fn interop_conditions_json_and_require_of_esm() {
    let r = cjs().get("/interop");
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(
        r.json(),
        json!({
            "greet": "hello you", "helper": "helper", "nsKeys": ["default", "helper"],
            // `react-server` wins for the server layer, for import and require alike;
            // a subpath without it takes `import` or `require` by how it is loaded.
            "which": "react-server", "sub": "import",
            "requireWhich": "react-server", "internal": "internal", "requireSub": "require",
            "esm": true, "esmDefault": "esm default", "requireEsm": "esm default",
            "json": {"answer": 42}, "resolved": true, "builtinSame": true,
        })
    );
}

#[test]
fn commonjs_cycles_see_partial_exports() {
    let r = cjs().get("/cycle");
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(
        r.json(),
        json!({"early": "a-early", "late": "a-late", "sawB": "b", "bSawA": {"early": "a-early"}})
    );
}

#[test]
fn node_builtins_fs_globals_and_refused_calls() {
    let r = cjs().get("/builtins");
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(
        r.json(),
        json!({
            "same": true, "answer": 42, "spawnError": "ERR_FERROUTE_UNSUPPORTED",
            "missing": {"code": "ENOENT", "message": "ENOENT: no such file or directory, open '<root>/nope.txt'"},
            "immediate": "immediate", "hasGlobal": true, "version": "v20.20.2", "node": "20.20.2",
            "ee": "function", "memory": true,
        })
    );
}

/// The `WebSocket` global (js/59_websocket.js) against tests/mocks/ws-echo.mjs, a Node
/// WebSocket echo server: handshake, masked text/binary/Blob sends in order, fragmented and
/// 16/64-bit-length messages, ping/pong, both closing handshakes, invalid UTF-8 (1007 sent,
/// 1006 seen), abnormal closure and failed handshakes, and the constructor's checks.
#[test]
fn websocket_client_against_an_echo_server() {
    use std::io::{BufRead, BufReader};
    use std::process::{Child, Command, Stdio};

    struct KillOnDrop(Child);
    impl Drop for KillOnDrop {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    let mut child = Command::new("node")
        .arg("tests/mocks/ws-echo.mjs")
        .current_dir(crate::support::repo_root())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn node tests/mocks/ws-echo.mjs");
    let stdout = child.stdout.take().expect("stdout");
    let _mock = KillOnDrop(child);
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .expect("mock output");
    let port: u16 = line
        .trim()
        .strip_prefix("listening ")
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("ws-echo said {line:?}"));
    let base = format!("ws://127.0.0.1:{port}");

    let r = cjs().get(&format!("/websocket?url={base}"));
    assert_eq!(r.status, 200, "{}", r.text());
    let closed = |url: &str, error: bool, open: bool| {
        let mut log = vec![json!(["state", 0, url])];
        if open {
            log.push(json!(["open", 1, "", "", true]));
        }
        if error {
            log.push(json!(["error", "error", true, 3]));
        }
        log.push(json!(["close", 1006, "", false, true, 3]));
        json!(log)
    };
    assert_eq!(
        r.json(),
        json!({
            "errors": ["SyntaxError", "SyntaxError", "SyntaxError", "SyntaxError", "SyntaxError"],
            "constants": [0, 1, 2, 3, 1],
            "global": [false, "[object WebSocket]", 4000],
            "httpUrl": format!("{base}/p?q=1"),
            "main": [
                ["state", 0, format!("{base}/chat?x=1")],
                ["open", 1, "chat", "", true],
                ["close(999)", "InvalidAccessError"],
                ["buffered>0", true],
                ["origin", base, "message", true, true],
                ["buffered", 0],
                ["closing", 2],
                ["close", 1000, "done", true, true, 3],
            ],
            "messages": [
                "hello",
                ["blob", [1, 2, 3], 3],
                ["blob", [9, 8, 7, 6], 4],
                ["blob", [4, 5], 2],
                "héllo ✓",
                "fragmented reply",
                ["blob", [0, 1, 2, 3, 4], 200],
                ["blob", [0, 1, 2, 3, 4], 70000],
                {
                    "path": "/chat?x=1", "host": true, "upgrade": "websocket",
                    "connection": "Upgrade", "version": "13", "protocol": "chat, super",
                    "key": 16, "extensions": null,
                },
            ],
            "pongs": ["pong:are you there", "pong:mid"],
            "serverClose": [
                ["state", 0, format!("{base}/")],
                ["open", 1, "", "", true],
                ["message", true, 300],
                ["close", 4001, "server bye", true, true, 3],
            ],
            "badUtf8": closed(&format!("{base}/"), true, true),
            "drop": closed(&format!("{base}/"), false, true),
            "rejected": closed(&format!("{base}/reject"), true, false),
            "badAccept": closed(&format!("{base}/bad-accept"), true, false),
            "badProtocol": closed(&format!("{base}/bad-protocol"), true, false),
            "early": [["closed", 2, "InvalidStateError"], ["error", 3], ["close", 1006, false]],
            "refused": closed("ws://127.0.0.1:9/", true, false),
        })
    );
}

#[test]
fn pnpm_layout_and_next_modules_from_packages() {
    let r = cjs().get("/layout");
    assert_eq!(r.status, 200, "{}", r.text());
    // Symlinks resolve to the real path (pnpm's .pnpm store), and a package's own
    // dependencies resolve from there; `next/server.js` is ferroute's module.
    assert_eq!(
        r.json(),
        json!({"viaPnpm": "pkg+dep", "real": true, "kind": "function/function", "esmKind": "function"})
    );
}

#[test]
fn next_og_loads_and_image_response_names_what_is_missing() {
    // QuickJS lacks WebAssembly (the message names the engine to use); on JavaScriptCore this
    // fixture lacks the `next` package whose bundled @vercel/og renders (tests/it/jsc.rs
    // renders an image where it is installed).
    let quickjs = crate::support::engine_from_env() == ferroute_runtime::EngineKind::QuickJs;
    let r = cjs().get("/og");
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(
        r.json(),
        json!({"code": "ERR_FERROUTE_UNSUPPORTED", "engine": quickjs, "subclass": true, "displayName": "ImageResponse"})
    );
}

#[test]
fn node_http_client_over_the_native_fetch() {
    let up = crate::support::upstream();
    let r = cjs().get(&format!("/http?upstream={up}"));
    assert_eq!(r.status, 200, "{}", r.text());
    let j = r.json();
    let hang_up = json!({"code": "ECONNRESET", "name": "Error", "message": "socket hang up", "events": ["timeout", "error", "close"]});
    let refused = json!({"code": "ECONNREFUSED", "name": "Error", "message": "connect ECONNREFUSED 127.0.0.1:1", "syscall": "connect", "events": ["error", "close"]});
    assert_eq!(j["get"]["status"], 200, "{j}");
    assert_eq!(
        j["get"]["events"],
        json!(["socket", "finish", "response", "end", "close"]),
        "{j}"
    );
    assert_eq!(j["get"]["version"], "1.1");
    assert_eq!(j["get"]["method"], "GET");
    assert_eq!(
        j["get"]["sent"],
        json!(["x-test: yes", format!("host: {up}")]),
        "{j}"
    );
    assert_eq!(j["get"]["setCookie"], json!(["a=1", "b=2"]), "{j}");
    assert_eq!(j["get"]["contentType"], "application/json");
    assert_eq!(
        j["post"],
        json!({
            "method": "POST", "body": "hello world", "chunked": false,
            "events": ["socket", "finish", "response", "end", "close"],
            "auth": "authorization: Basic YWRhOnNlY3JldA==",
        }),
        "{j}"
    );
    assert_eq!(
        j["streamed"],
        json!({"body": "abc", "chunked": true}),
        "{j}"
    );
    assert_eq!(
        j["drip"],
        json!({"body": "part0;part1;part2;", "many": true, "te": "chunked"}),
        "{j}"
    );
    assert_eq!(
        j["redirect"],
        json!({"status": 302, "location": "/echo", "body": ""}),
        "{j}"
    );
    assert_eq!(j["timeout"], hang_up, "{j}");
    assert_eq!(j["refused"], refused, "{j}");
    assert_eq!(j["refusedTls"], refused, "{j}");
    assert_eq!(
        j["aborted"],
        json!({"code": "ABORT_ERR", "name": "AbortError", "message": "The operation was aborted", "events": ["error", "close"]}),
        "{j}"
    );
    assert_eq!(j["abortCall"], json!({"events": ["abort", "close"]}), "{j}");
    assert_eq!(j["protocolError"], "ERR_INVALID_PROTOCOL");
    assert_eq!(j["tokenError"], "ERR_INVALID_HTTP_TOKEN");
    assert_eq!(j["serverError"], "ERR_FERROUTE_UNSUPPORTED");
    assert_eq!(j["same"], true);
    assert_eq!(j["agents"], json!([80, 443, "https:", true]));
    assert_eq!(j["status"], "I'm a Teapot");
}

/// A caller's `checkServerIdentity` (a certificate pin) has the last word once the chain and
/// the host name verified, as in Node: a server whose NODE_EXTRA_CA_CERTS trusts the test CA.
#[test]
fn a_pin_in_check_server_identity_decides_on_a_verified_certificate() {
    use crate::ai::{openai_over_tls, temp_dir, Killed};
    use crate::support::{ferroute_bin, forward_stderr, repo_root, request, wait_ready};
    use std::process::{Command, Stdio};
    let dir = temp_dir("tls-pin");
    let (_mock, port) = openai_over_tls(&dir, "0", &[]);
    let mut child = Command::new(ferroute_bin())
        .args(["start", "-p", "0", "-H", "127.0.0.1", "--workers", "1"])
        .arg(repo_root().join("tests/fixtures/cjs"))
        .env("NODE_EXTRA_CA_CERTS", dir.join("ca.pem"))
        .env("FERROUTE_ENGINE", crate::support::engine_from_env().name())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn ferroute");
    forward_stderr(&mut child);
    let addr = wait_ready(&mut child);
    let _server = Killed(child);

    let wrong = request(
        addr,
        "GET",
        &format!("/tls-pin?port={port}&pin=AA"),
        &[],
        b"",
    )
    .json();
    assert_eq!(wrong["outcome"], "PIN_MISMATCH", "{wrong}");
    let seen = wrong["seen"]
        .as_str()
        .expect("the callback saw the certificate")
        .to_owned();
    assert_eq!(seen.len(), 95, "{seen}");
    let right = request(
        addr,
        "GET",
        &format!("/tls-pin?port={port}&pin={seen}"),
        &[],
        b"",
    )
    .json();
    assert_eq!(right["outcome"], "connected", "{right}");
    assert_eq!(right["authorized"], true);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn tls_sockets_direct_and_starttls() {
    use crate::ai::{openai_over_tls, temp_dir};
    let dir = temp_dir("tls");
    let (_mock, port) = openai_over_tls(&dir, "0", &[]);
    let r = cjs().get(&format!("/tls?port={port}"));
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(
        r.json(),
        json!({
            "protocol": "TLSv1.3", "cipher": "TLS_AES_256_GCM_SHA384", "encrypted": true,
            "first": "HTTP/1.1 200 OK", "firstBody": true,
            "second": "HTTP/1.1 200 OK",
            // Verification stays on by default: a throwaway CA is not trusted.
            "refused": "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
            "peer": {
                "subject": "api.openai.com", "issuer": "ferroute test CA",
                "altNames": "DNS:api.openai.com", "ca": false, "bits": 2048,
                "fingerprint256": true,
                // The server sends its own certificate alone.
                "chained": true,
                "matches": true, "mismatch": "ERR_TLS_CERT_ALTNAME_INVALID",
            },
            "upgradedSubject": "api.openai.com",
            // Unverified (rejectUnauthorized: false): Node calls no checkServerIdentity.
            "pinned": null,
        })
    );
    let _ = std::fs::remove_dir_all(&dir);
}
