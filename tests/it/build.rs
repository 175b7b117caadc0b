//! `ferroute build` as users run it: the route table it prints, its output under
//! `.ferroute/`, `start` serving that output without generating it again, and a failing
//! build's exit status.

use std::path::Path;

use std::time::{SystemTime, UNIX_EPOCH};

use crate::support::{ferroute_command, request, wait_ready, TempDir};

fn build(dir: &Path) -> (i32, String, String) {
    let out = ferroute_command()
        .arg("build")
        .arg(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run ferroute build");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// `ferroute start` on `dir` (one worker, a free port), stdout piped; stderr piped when
/// `stderr` is true.
fn start(dir: &Path, stderr: bool) -> std::process::Child {
    start_with(dir, stderr, &[])
}

/// [`start`] with more arguments.
fn start_with(dir: &Path, stderr: bool, args: &[&str]) -> std::process::Child {
    let err = if stderr {
        std::process::Stdio::piped()
    } else {
        std::process::Stdio::null()
    };
    ferroute_command()
        .args(["start", "-p", "0", "-H", "127.0.0.1", "--workers", "1"])
        .args(args)
        .arg(dir)
        .stdout(std::process::Stdio::piped())
        .stderr(err)
        .spawn()
        .expect("spawn ferroute")
}

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis() as u64)
}

fn at(body: &[u8]) -> u64 {
    let v: serde_json::Value = serde_json::from_slice(body).expect("json body");
    v["at"].as_u64().expect("at")
}

#[test]
fn build_prints_the_route_table_and_start_serves_its_output() {
    let copy = TempDir::fixture_copy("build");
    let dir = copy.path();
    let (code, stdout, stderr) = build(dir);
    assert_eq!(code, 0, "{stdout}{stderr}");
    for line in [
        "○ /stamp",
        "○ /hourly",
        "1h      1y",
        "● /posts/[id]",
        "├ /posts/a",
        "└ /posts/b",
        "ƒ /live",
        "○  (Static)   prerendered as static content",
        "ƒ  (Dynamic)  server-rendered on demand",
    ] {
        assert!(stdout.contains(line), "{line:?} missing from:\n{stdout}");
    }
    let manifest: serde_json::Value = serde_json::from_slice(
        &std::fs::read(dir.join(".ferroute/build.json")).expect("build.json"),
    )
    .expect("build.json is JSON");
    assert!(manifest["buildId"]
        .as_str()
        .is_some_and(|id| !id.is_empty()));
    let built = now_ms();

    let mut child = start(dir, true);
    let addr = wait_ready(&mut child);
    for path in ["/stamp", "/hourly", "/posts/a"] {
        let r = request(addr, "GET", path, &[], b"");
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(r.header("x-nextjs-cache"), Some("HIT"), "{path}");
        assert!(
            at(&r.body) <= built,
            "{path} was generated again at start-up"
        );
    }
    // On-demand revalidation with the build's secret, as Next's x-prerender-revalidate.
    let secret = manifest["previewModeId"].as_str().expect("previewModeId");
    let r = request(
        addr,
        "GET",
        "/stamp",
        &[("x-prerender-revalidate", secret)],
        b"",
    );
    assert_eq!(r.header("x-nextjs-cache"), Some("REVALIDATED"));
    assert!(at(&r.body) > built);
    let again = request(addr, "GET", "/stamp", &[], b"");
    assert_eq!(again.header("x-nextjs-cache"), Some("HIT"));
    assert_eq!(at(&again.body), at(&r.body));
    let wrong = request(
        addr,
        "GET",
        "/stamp",
        &[("x-prerender-revalidate", "guess")],
        b"",
    );
    assert_eq!(wrong.header("x-nextjs-cache"), Some("HIT"));
    let r = request(addr, "GET", "/live", &[], b"");
    assert_eq!(r.header("x-nextjs-cache"), None);
    assert!(at(&r.body) > built);
    // Served from the build's compiled files, stacks still point into the .ts file.
    let r = request(addr, "POST", "/boom", &[], b"");
    assert_eq!(r.status, 500);
    let _ = child.kill();
    let out = child.wait_with_output().expect("output");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("boom after build"), "{stderr}");
    assert!(stderr.contains("app/boom/route.ts:2:"), "{stderr}");
}

#[test]
fn a_file_edited_after_the_build_is_compiled_again() {
    let copy = TempDir::fixture_copy("build");
    let dir = copy.path();
    let (code, stdout, stderr) = build(dir);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let kept = std::fs::read_dir(dir.join(".ferroute/server"))
        .expect("compiled files kept")
        .count();
    assert!(kept >= 5, "{kept} compiled files");
    std::fs::write(
        dir.join("app/live/route.ts"),
        "export function GET() { return Response.json({ at: 0, edited: true }) }\n",
    )
    .expect("edit");
    let mut child = start(dir, false);
    let addr = wait_ready(&mut child);
    let r = request(addr, "GET", "/live", &[], b"");
    assert_eq!(r.body, br#"{"at":0,"edited":true}"#);
    let _ = child.kill();
    let _ = child.wait();
}

#[test]
fn start_without_a_build_says_it_builds_in_memory() {
    use std::io::BufRead;
    let copy = TempDir::fixture_copy("build");
    let dir = copy.path();
    let mut child = start(dir, false);
    let stdout = child.stdout.take().expect("stdout");
    let mut printed = String::new();
    for line in std::io::BufReader::new(stdout).lines() {
        let line = line.expect("line");
        printed.push_str(&line);
        printed.push('\n');
        if line.contains("Ready in") {
            break;
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        printed.contains("No build in .ferroute/: built in memory"),
        "{printed}"
    );
}

#[test]
fn a_build_fails_as_next_build_does() {
    let copy = TempDir::fixture_copy("static-error");
    let dir = copy.path();
    let (code, stdout, stderr) = build(dir);
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(
        stderr.contains("Error occurred prerendering route \"/strict\""),
        "{stderr}"
    );
    assert!(
        stderr.contains("couldn't be rendered statically because it used `headers`"),
        "{stderr}"
    );
    assert!(!dir.join(".ferroute/build.json").exists());
}

/// The compiled records of a build, as `(file, has QuickJS bytecode)` from each record's
/// header line.
fn records(dir: &Path) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir.join(".ferroute/server")).expect("compiled files") {
        let bytes = std::fs::read(entry.expect("entry").path()).expect("record");
        let mut lines = bytes.split(|b| *b == b'\n');
        assert_eq!(lines.next(), Some(&b"ferroute-compiled 2"[..]));
        let head: serde_json::Value =
            serde_json::from_slice(lines.next().expect("header")).expect("json header");
        let file = head["file"].as_str().expect("file");
        let file = file.strip_prefix(&*dir.to_string_lossy()).unwrap_or(file);
        out.push((file.to_owned(), head["bytecode"].is_object()));
    }
    out.sort();
    out
}

#[test]
fn a_build_serves_either_engine_from_its_compiled_files() {
    use ferroute_runtime::EngineKind;
    let copy = TempDir::fixture_copy("build");
    let dir = copy.path();
    let (code, stdout, stderr) = build(dir);
    assert_eq!(code, 0, "{stdout}{stderr}");
    // Each file twice: JavaScriptCore's record, and QuickJS's with its bytecode.
    let kept = records(dir);
    assert!(
        kept.iter().any(|(f, _)| f == "/app/boom/route.ts"),
        "{kept:?}"
    );
    for (file, _) in &kept {
        let both: Vec<bool> = kept
            .iter()
            .filter(|(f, _)| f == file)
            .map(|(_, b)| *b)
            .collect();
        assert_eq!(both.len(), 2, "{file}: {kept:?}");
        assert!(
            both.contains(&true) && both.contains(&false),
            "{file}: {kept:?}"
        );
    }
    let other = match crate::support::engine_from_env() {
        EngineKind::QuickJs => "jsc",
        _ => "quickjs",
    };
    let mut child = start_with(dir, true, &["--engine", other]);
    let addr = wait_ready(&mut child);
    let r = request(addr, "GET", "/live", &[], b"");
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let r = request(addr, "POST", "/boom", &[], b"");
    assert_eq!(r.status, 500);
    let _ = child.kill();
    let out = child.wait_with_output().expect("output");
    let stderr = String::from_utf8_lossy(&out.stderr);
    // The stack maps through the record's source map, decoded only now.
    assert!(stderr.contains("app/boom/route.ts:2:"), "{stderr}");
    assert_eq!(
        records(dir),
        kept,
        "start leaves the build's records as they were"
    );
}
