//! Request scope: `cookies()`, `headers()` and `AsyncLocalStorage` see the calling
//! request after awaits, in helper modules, `.then` callbacks, timers and async generators,
//! while many requests interleave in one worker.

use std::sync::Arc;

use crate::support::{fixture, request};

#[test]
fn scope_never_leaks_between_interleaved_requests() {
    let server = Arc::new(fixture("scope", 1));
    let threads: Vec<_> = (0..16)
        .map(|t| {
            let server = server.clone();
            std::thread::spawn(move || {
                let mut bad = Vec::new();
                for i in 0..8 {
                    let id = format!("req-{t}-{i}");
                    let cookie = format!("id={id}");
                    let r = request(
                        server.addr,
                        "GET",
                        "/check",
                        &[("x-id", &id), ("cookie", &cookie)],
                        b"",
                    );
                    if r.status != 200 || r.json()["ok"] != true {
                        bad.push(format!("{id}: {} {}", r.status, r.text()));
                    }
                }
                bad
            })
        })
        .collect();
    let bad: Vec<String> = threads
        .into_iter()
        .flat_map(|t| t.join().expect("client thread"))
        .collect();
    assert!(
        bad.is_empty(),
        "{} of 128 requests saw another request's scope:\n{}",
        bad.len(),
        bad.join("\n")
    );
}
