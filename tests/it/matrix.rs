//! The package matrix: every route of `tests/fixtures/packages` (real npm packages: zod,
//! tRPC, next-auth, openai, ai, stripe, drizzle, ...) answered by the `ferroute` binary and
//! compared with `expected.json`, which was captured under `next start` (see the fixture's
//! README.md). Status, content-type (prefix), and the body are compared: `json` deeply
//! (pointers listed in `vary` only need to exist; their values are random tokens or carry
//! the server's origin), `text` exactly. The scripted next-auth sign-in
//! (`nextAuthCredentialsFlow`) is checked step by step with a cookie jar.
//!
//! The fixture needs `npm ci --prefix tests/fixtures/packages` (CI does it), `node` for the
//! mocks of tests/mocks (OpenAI and a REST mock for Stripe, Upstash, Supabase, Resend,
//! axios), and redis-server + PostgreSQL, which `services.sh` starts in a temporary folder.
//!
//! One server per route folder: ferroute loads every route at start-up and refuses to
//! start when any of them fails, so one package it cannot load yet would hide all the
//! others. Each top-level folder of `app/` is served from its own temporary project (the
//! fixture's other files are symlinked, the folder itself copied), and a folder that does
//! not load fails its routes with the first lines of the server's stderr as the reason.
//!
//! The matrix is expected to be partly red while ferroute learns more of Node, so the test
//! asserts a floor, not the whole table: every route named in
//! `tests/fixtures/packages/passing.txt` must pass. The table is printed either way (run
//! with `--nocapture`); routes that pass but are not listed are reported as newly passing.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read};
use std::net::SocketAddr;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::support::{copy_dir, ferroute_command, repo_root, request, TempDir};

/// How long a folder's server may take to print `Ready in` (it loads whole packages).
const STARTUP: Duration = Duration::from_secs(120);

fn fixture_dir() -> PathBuf {
    repo_root().join("tests/fixtures/packages")
}

/// A child process killed (and reaped) when dropped, also while a failed assertion unwinds.
struct Killed(Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// redis-server and PostgreSQL of `services.sh`, stopped when dropped.
struct Services {
    dir: PathBuf,
    redis_url: String,
    database_url: String,
}

impl Services {
    fn start(dir: &Path) -> Services {
        // Stop what is started even if the script fails half-way or its output is odd.
        let mut services = Services {
            dir: dir.to_path_buf(),
            redis_url: String::new(),
            database_url: String::new(),
        };
        let out = Command::new("sh")
            .arg(fixture_dir().join("services.sh"))
            .arg("start")
            .arg(dir)
            .output()
            .expect("run services.sh");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(
            out.status.success(),
            "services.sh start failed (needs redis-server and PostgreSQL): {stdout}{}",
            String::from_utf8_lossy(&out.stderr)
        );
        for line in stdout.lines() {
            if let Some(v) = line.strip_prefix("REDIS_URL=") {
                services.redis_url = v.trim().to_owned();
            }
            if let Some(v) = line.strip_prefix("DATABASE_URL=") {
                services.database_url = v.trim().to_owned();
            }
        }
        assert!(
            !services.redis_url.is_empty() && !services.database_url.is_empty(),
            "services.sh printed no REDIS_URL/DATABASE_URL: {stdout}"
        );
        services
    }
}

impl Drop for Services {
    fn drop(&mut self) {
        let _ = Command::new("sh")
            .arg(fixture_dir().join("services.sh"))
            .arg("stop")
            .arg(&self.dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
}

/// Starts a mock script of tests/mocks and waits for its `listening <port>` line.
fn mock(script: &str) -> (Killed, u16) {
    let mut child = Command::new("node")
        .args([script, "--port", "0"])
        .current_dir(repo_root())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn node mock");
    let mut stdout = BufReader::new(child.stdout.take().expect("stdout"));
    let child = Killed(child);
    let mut line = String::new();
    stdout.read_line(&mut line).expect("mock output");
    let port = line
        .trim()
        .strip_prefix("listening ")
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("{script} said {line:?}"));
    // Keep reading, so that later output never meets a closed pipe.
    std::thread::spawn(move || std::io::copy(&mut stdout, &mut std::io::sink()));
    (child, port)
}

/// A temporary project serving only `app/<folder>` of the fixture.
fn project_for(folder: &str, dir: &Path) {
    let fixture = fixture_dir();
    std::fs::create_dir_all(dir.join("app")).expect("project dir");
    for entry in std::fs::read_dir(&fixture).expect("read fixture") {
        let entry = entry.expect("entry");
        let name = entry.file_name();
        if name == "app" || name == ".next" {
            continue;
        }
        std::os::unix::fs::symlink(entry.path(), dir.join(&name)).expect("symlink");
    }
    copy_dir(
        &fixture.join("app").join(folder),
        &dir.join("app").join(folder),
    );
}

/// A `ferroute start` of one folder's project, with its stderr collected.
struct FolderServer {
    addr: SocketAddr,
    stderr: Arc<Mutex<String>>,
    _child: Killed,
}

/// Starts the binary on `project`; `Err` holds why it did not become ready.
fn start_folder(project: &Path, env: &[(&str, String)]) -> Result<FolderServer, String> {
    let mut child = ferroute_command()
        .arg("start")
        .arg(project)
        .args(["-p", "0", "-H", "127.0.0.1", "--workers", "1"])
        .envs(env.iter().map(|(k, v)| (k, v)))
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn ferroute");
    let stdout = child.stdout.take().expect("stdout");
    let mut err_pipe = child.stderr.take().expect("stderr");
    let mut child = Killed(child);
    let stderr = Arc::new(Mutex::new(String::new()));
    let err_thread = {
        let stderr = stderr.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = err_pipe.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let text = String::from_utf8_lossy(&buf[..n]).into_owned();
                stderr.lock().expect("stderr").push_str(&text);
            }
        })
    };
    // stdout is read on its own thread (and drained to the end), so a hung start-up times out.
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            let _ = tx.send(line);
        }
    });
    let deadline = Instant::now() + STARTUP;
    let mut port = None;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(line) => {
                if let Some(url) = line.trim().strip_prefix("- Local:") {
                    port = url
                        .trim()
                        .rsplit(':')
                        .next()
                        .and_then(|p| p.parse::<u16>().ok());
                }
                if line.contains("Ready in") {
                    break;
                }
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                // Exited before `Ready in`: the folder did not load.
                let _ = child.0.wait();
                let _ = err_thread.join();
                let text = stderr.lock().expect("stderr").clone();
                return Err(format!("folder failed to load: {}", load_reason(&text)));
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {
                let text = stderr.lock().expect("stderr").clone();
                return Err(format!(
                    "no `Ready in` within {} s: {}",
                    STARTUP.as_secs(),
                    load_reason(&text)
                ));
            }
        }
    }
    let port = port.ok_or("no `- Local:` line before `Ready in`")?;
    Ok(FolderServer {
        addr: SocketAddr::from(([127, 0, 0, 1], port)),
        stderr,
        _child: child,
    })
}

/// The first meaningful lines of a start-up failure: miette's `×`/`│` lines, without the
/// generic "N route module(s) failed to load" / "could not load app/..." wrappers.
fn load_reason(stderr: &str) -> String {
    let lines: Vec<&str> = stderr
        .lines()
        .map(str::trim)
        .filter(|l| l.starts_with('×') || l.starts_with('│'))
        .map(|l| l.trim_start_matches(['×', '│']).trim())
        .filter(|l| {
            !l.is_empty()
                && !l.contains("route module(s) failed to load")
                && !l.starts_with("could not load")
        })
        .take(4)
        .collect();
    let text = if lines.is_empty() {
        let first: Vec<&str> = stderr
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .take(4)
            .collect();
        first.join(" | ")
    } else {
        lines.join(" ")
    };
    if text.is_empty() {
        "(no stderr)".into()
    } else {
        clip(&text, 300)
    }
}

fn clip(s: &str, max: usize) -> String {
    let s = s.replace('\n', "\\n");
    if s.chars().count() <= max {
        s
    } else {
        format!("{}…", s.chars().take(max).collect::<String>())
    }
}

/// The top-level folder of `app/` a request path is served from (`/api/auth/x` → `api`).
fn folder_of(path: &str) -> &str {
    let path = path.split('?').next().unwrap_or(path);
    path.trim_start_matches('/').split('/').next().unwrap_or("")
}

/// Sends one expected.json request and compares the response; `Err` is the first difference.
fn check(server: &FolderServer, route: &Value) -> Result<(), String> {
    let req = &route["request"];
    let method = req["method"].as_str().unwrap_or("GET");
    let path = req["path"].as_str().expect("request.path");
    let headers: Vec<(String, String)> = req["headers"]
        .as_object()
        .map(|h| {
            h.iter()
                .map(|(n, v)| (n.clone(), v.as_str().unwrap_or_default().to_owned()))
                .collect()
        })
        .unwrap_or_default();
    let headers: Vec<(&str, &str)> = headers
        .iter()
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    let body = req["body"].as_str().unwrap_or("").as_bytes();
    let err_before = server.stderr.lock().expect("stderr").len();
    // The client panics on a dropped connection or a timeout: that is this route's failure.
    let res = catch_unwind(AssertUnwindSafe(|| {
        request(server.addr, method, path, &headers, body)
    }))
    .map_err(|e| {
        let msg = e
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| e.downcast_ref::<&str>().map(|s| (*s).to_owned()))
            .unwrap_or_default();
        if msg.contains("WouldBlock") || msg.contains("TimedOut") {
            "no response within the client's 20 s timeout".to_owned()
        } else {
            format!("request failed: {}", clip(&msg, 200))
        }
    })?;

    let status = route["status"].as_u64().expect("status");
    if u64::from(res.status) != status {
        let mut why = format!("status {} (expected {status})", res.status);
        let text = res.text();
        if !text.trim().is_empty() {
            why.push_str(&format!(": {}", clip(text.trim(), 200)));
        }
        // A 500's body is usually bare; the error went to the server's stderr.
        std::thread::sleep(Duration::from_millis(50));
        let log = server.stderr.lock().expect("stderr")[err_before..].to_owned();
        let log = log.trim();
        if !log.is_empty() {
            why.push_str(&format!(" — stderr: {}", clip(log, 300)));
        }
        return Err(why);
    }
    let content_type = route["contentType"].as_str().unwrap_or("");
    let actual_type = res.header("content-type").unwrap_or("");
    if !actual_type.starts_with(content_type) {
        return Err(format!(
            "content-type {actual_type:?} (expected {content_type:?})"
        ));
    }
    if let Some(text) = route.get("text") {
        let text = text.as_str().expect("text");
        if res.text() != text {
            return Err(format!(
                "body {:?} (expected {:?})",
                clip(&res.text(), 200),
                clip(text, 200)
            ));
        }
    } else if let Some(expected) = route.get("json") {
        let actual: Value = serde_json::from_slice(&res.body)
            .map_err(|e| format!("not JSON ({e}): {}", clip(&res.text(), 200)))?;
        let vary: Vec<&str> = route["vary"]
            .as_object()
            .map(|v| v.keys().map(String::as_str).collect())
            .unwrap_or_default();
        diff(expected, &actual, "", &vary)?;
    }
    Ok(())
}

/// Deep equality, except that values at the `vary` pointers only need to exist.
fn diff(expected: &Value, actual: &Value, at: &str, vary: &[&str]) -> Result<(), String> {
    if vary.contains(&at) {
        return Ok(());
    }
    let shown = |v: &Value| clip(&v.to_string(), 120);
    let at_or_root = if at.is_empty() { "/" } else { at };
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (k, ev) in e {
                let p = format!("{at}/{}", k.replace('~', "~0").replace('/', "~1"));
                match a.get(k) {
                    Some(av) => diff(ev, av, &p, vary)?,
                    None => return Err(format!("{p}: missing (expected {})", shown(ev))),
                }
            }
            if let Some(k) = a.keys().find(|k| !e.contains_key(*k)) {
                return Err(format!("{at}/{k}: unexpected {}", shown(&a[k])));
            }
            Ok(())
        }
        (Value::Array(e), Value::Array(a)) => {
            if e.len() != a.len() {
                return Err(format!(
                    "{at_or_root}: {} items (expected {}): {}",
                    a.len(),
                    e.len(),
                    shown(actual)
                ));
            }
            for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                diff(ev, av, &format!("{at}/{i}"), vary)?;
            }
            Ok(())
        }
        _ if expected == actual => Ok(()),
        _ => Err(format!(
            "{at_or_root}: {} (expected {})",
            shown(actual),
            shown(expected)
        )),
    }
}

/// The names of passing.txt: one expected.json route name a line, `#` comments.
/// The name of next-auth's sign-in flow in expected.json and passing.txt.
const FLOW: &str = "nextAuthCredentialsFlow";

/// `name=value` of every Set-Cookie of `res`, added to (or replacing in) `jar`.
fn keep_cookies(jar: &mut Vec<(String, String)>, res: &crate::support::Res) {
    for (n, v) in &res.headers {
        if n != "set-cookie" {
            continue;
        }
        let pair = v.split(';').next().unwrap_or("");
        if let Some((name, value)) = pair.split_once('=') {
            jar.retain(|(k, _)| k != name);
            if !value.is_empty() {
                jar.push((name.to_owned(), value.to_owned()));
            }
        }
    }
}

fn cookie_header(jar: &[(String, String)]) -> String {
    jar.iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect::<Vec<_>>()
        .join("; ")
}

/// next-auth's credentials sign-in as a browser does it (expected.json
/// `nextAuthCredentialsFlow`): csrf token and cookie, sign-in, session, wrong password.
fn credentials_flow(server: &FolderServer) -> Result<(), String> {
    let mut jar = Vec::new();
    let csrf = request(server.addr, "GET", "/api/auth/csrf", &[], b"");
    keep_cookies(&mut jar, &csrf);
    let token = csrf.json()["csrfToken"]
        .as_str()
        .ok_or("no csrfToken")?
        .to_owned();
    let sign_in = |password: &str, jar: &[(String, String)]| {
        let body = format!(
            "csrfToken={token}&username=ada&password={}&callbackUrl=%2F",
            password.replace(' ', "%20")
        );
        let cookie = cookie_header(jar);
        request(
            server.addr,
            "POST",
            "/api/auth/callback/credentials",
            &[
                ("content-type", "application/x-www-form-urlencoded"),
                ("cookie", &cookie),
            ],
            body.as_bytes(),
        )
    };
    let ok = sign_in("correct horse", &jar);
    if ok.status != 302 {
        return Err(format!("sign-in: status {} (expected 302)", ok.status));
    }
    let location = ok.header("location").unwrap_or("");
    let path = location
        .split_once("://")
        .map_or("", |(_, rest)| rest.find('/').map_or("", |i| &rest[i..]));
    if path != "/" {
        return Err(format!(
            "sign-in: location {location:?} (expected the origin's /)"
        ));
    }
    keep_cookies(&mut jar, &ok);
    if !jar.iter().any(|(k, _)| k.ends_with("session-token")) {
        return Err("sign-in: no session cookie set".to_owned());
    }
    let cookie = cookie_header(&jar);
    let session = request(
        server.addr,
        "GET",
        "/api/auth/session",
        &[("cookie", &cookie)],
        b"",
    );
    if session.status != 200 {
        return Err(format!("session: status {}", session.status));
    }
    let user = &session.json()["user"];
    if user != &serde_json::json!({"name": "Ada", "email": "ada@example.com"}) {
        return Err(format!("session: user {user}"));
    }
    let bad = sign_in("wrong", &jar);
    let location = bad.header("location").unwrap_or("");
    if bad.status != 302
        || !location.ends_with("/api/auth/signin?error=CredentialsSignin&code=credentials")
    {
        return Err(format!(
            "wrong password: status {} location {location:?}",
            bad.status
        ));
    }
    Ok(())
}

fn floor() -> Vec<String> {
    let path = fixture_dir().join("passing.txt");
    let text =
        std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    text.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .map(str::to_owned)
        .collect()
}

#[test]
fn package_matrix_matches_next_start() {
    let t0 = Instant::now();
    let fixture = fixture_dir();
    assert!(
        fixture.join("node_modules").is_dir(),
        "tests/fixtures/packages/node_modules is missing: run `npm ci --prefix tests/fixtures/packages` first"
    );
    let expected: Value = serde_json::from_str(
        &std::fs::read_to_string(fixture.join("expected.json")).expect("read expected.json"),
    )
    .expect("expected.json is JSON");
    let routes = expected["routes"].as_array().expect("routes");
    let floor = floor();

    // Dropped in reverse order, also on a failed assertion: mocks, then services, then the folder.
    let tmp = TempDir(std::env::temp_dir().join(format!("ferroute-matrix-{}", std::process::id())));
    let _ = std::fs::remove_dir_all(&tmp.0);
    std::fs::create_dir_all(&tmp.0).expect("temp dir");
    let services = Services::start(&tmp.0.join("services"));
    let (_openai, openai_port) = mock("tests/mocks/openai.mjs");
    let (_rest, rest_port) = mock("tests/mocks/rest.mjs");
    let env = [
        (
            "OPENAI_BASE_URL",
            format!("http://127.0.0.1:{openai_port}/v1"),
        ),
        ("OPENAI_API_KEY", "sk-test".to_owned()),
        ("MOCK_REST_URL", format!("http://127.0.0.1:{rest_port}")),
        ("REDIS_URL", services.redis_url.clone()),
        ("DATABASE_URL", services.database_url.clone()),
    ];

    let mut folders: Vec<String> = std::fs::read_dir(fixture.join("app"))
        .expect("read app/")
        .filter_map(|e| {
            let e = e.ok()?;
            e.file_type()
                .ok()?
                .is_dir()
                .then(|| e.file_name().to_string_lossy().into_owned())
        })
        .collect();
    folders.sort();

    let mut results: BTreeMap<&str, Result<(), String>> = BTreeMap::new();
    for route in routes {
        let name = route["name"].as_str().expect("name");
        let folder = folder_of(route["request"]["path"].as_str().expect("path"));
        if !folders.iter().any(|f| f == folder) {
            results.insert(name, Err(format!("no folder app/{folder} in the fixture")));
        }
    }
    for folder in &folders {
        let project = tmp.0.join("projects").join(folder);
        project_for(folder, &project);
        let mine: Vec<&Value> = routes
            .iter()
            .filter(|r| folder_of(r["request"]["path"].as_str().unwrap_or("")) == folder)
            .collect();
        let started = Instant::now();
        match start_folder(&project, &env) {
            Ok(server) => {
                for route in mine {
                    results.insert(route["name"].as_str().expect("name"), check(&server, route));
                }
                if folder == "api" && expected.get("nextAuthCredentialsFlow").is_some() {
                    results.insert(FLOW, credentials_flow(&server));
                }
            }
            Err(why) => {
                for route in mine {
                    results.insert(route["name"].as_str().expect("name"), Err(why.clone()));
                }
            }
        }
        eprintln!("matrix: app/{folder} done in {:.1?}", started.elapsed());
    }

    // The table, in expected.json's order.
    let width = routes
        .iter()
        .filter_map(|r| r["name"].as_str())
        .map(|n| n.chars().count())
        .max()
        .unwrap_or(0);
    let passed = results.values().filter(|r| r.is_ok()).count();
    println!("\npackage matrix ({passed}/{} pass):", results.len());
    for route in routes {
        let name = route["name"].as_str().expect("name");
        let cell = match &results[name] {
            Ok(()) => "pass".to_owned(),
            Err(why) => format!("FAIL: {why}"),
        };
        println!("  {name:width$}  {cell}");
    }
    if let Some(flow) = results.get(FLOW) {
        let cell = match flow {
            Ok(()) => "pass".to_owned(),
            Err(why) => format!("FAIL: {why}"),
        };
        println!("  {FLOW:width$}  {cell}");
    }
    let newly: Vec<&str> = results
        .iter()
        .filter(|(n, r)| r.is_ok() && !floor.iter().any(|f| f == **n))
        .map(|(n, _)| *n)
        .collect();
    for name in &newly {
        println!("newly passing — add to passing.txt: {name}");
    }
    println!("matrix wall time: {:.1?}", t0.elapsed());

    let regressed: Vec<String> = floor
        .iter()
        .filter(|n| !matches!(results.get(n.as_str()), Some(Ok(()))))
        .map(|n| match results.get(n.as_str()) {
            Some(Err(why)) => format!("{n}: {why}"),
            _ => format!("{n}: not a route name of expected.json"),
        })
        .collect();
    assert!(
        regressed.is_empty(),
        "routes listed in tests/fixtures/packages/passing.txt no longer pass:\n  {}",
        regressed.join("\n  ")
    );
}
