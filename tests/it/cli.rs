//! The `ferroute` binary as users run it: start-up diagnostics (file, line, code frame,
//! help) and exit codes, snapshotted exactly as printed, and the route table.

use crate::support::{ferroute_command, repo_root};

/// Runs `ferroute start` on a broken fixture; returns (exit code, stderr without colour).
fn start_failure(name: &str) -> (i32, String) {
    let dir = repo_root().join("tests/fixtures/errors").join(name);
    let out = ferroute_command()
        .args(["start", "-p", "0", "-H", "127.0.0.1"])
        .arg(&dir)
        .env("NO_COLOR", "1")
        .env("COLUMNS", "100")
        .output()
        .expect("run ferroute");
    let stderr = String::from_utf8_lossy(&out.stderr).replace(&dir.display().to_string(), "<DIR>");
    (out.status.code().unwrap_or(-1), stderr)
}

/// Compares the start-up diagnostic of an error fixture with its snapshot,
/// `tests/fixtures/errors/<case>/stderr.snap`; `UPDATE_SNAPSHOTS=1` rewrites it. Where an
/// engine prints its own stack (JavaScriptCore shows the frames QuickJS leaves out), its
/// snapshot is `stderr.<engine>.snap`.
#[test]
fn diagnostics_match_their_snapshots() {
    let dir = repo_root().join("tests/fixtures/errors");
    let mut cases: Vec<_> = std::fs::read_dir(&dir)
        .expect("errors dir")
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .collect();
    cases.sort();
    let mut mismatches = Vec::new();
    for case in cases {
        let case = case.to_string_lossy().into_owned();
        let (code, err) = start_failure(&case);
        let text = format!("exit code: {code}\n{err}");
        let engine = crate::support::engine_from_env().name();
        let own = dir.join(&case).join(format!("stderr.{engine}.snap"));
        let snap = if own.exists() {
            own
        } else {
            dir.join(&case).join("stderr.snap")
        };
        if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
            std::fs::write(&snap, &text).expect("write snapshot");
            continue;
        }
        let expected = std::fs::read_to_string(&snap).unwrap_or_default();
        if expected != text {
            mismatches.push(format!(
                "--- {case}: expected\n{expected}\n--- actual\n{text}"
            ));
        }
    }
    assert!(
        mismatches.is_empty(),
        "diagnostics changed (UPDATE_SNAPSHOTS=1 to accept):\n{}",
        mismatches.join("\n")
    );
}

#[test]
fn syntax_error_is_a_diagnostic_with_a_code_frame() {
    let (code, err) = start_failure("syntax");
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("[app/api/broken/route.ts:4:1]"), "{err}");
    assert!(
        err.contains("return Response.json({ x }"),
        "code frame: {err}"
    );
    assert!(err.contains("ferroute::compile::syntax"), "{err}");
}

#[test]
fn slug_mismatch_fails_start_and_names_both_files() {
    let (code, err) = start_failure("slug-mismatch");
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("slug_mismatch"), "{err}");
    assert!(err.contains("app/s/[id]"), "{err}");
    assert!(err.contains("app/s/[slug]"), "{err}");
}

#[test]
fn page_beside_route_is_a_conflict() {
    let (code, err) = start_failure("page-conflict");
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("page_conflict"), "{err}");
    assert!(
        err.contains("app/x/page.js") && err.contains("app/x/route.js"),
        "{err}"
    );
}

#[test]
fn missing_import_names_the_specifier_and_importer() {
    let (code, err) = start_failure("missing-import");
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("@/lib/missing"), "{err}");
    assert!(err.contains("app/api/x/route.ts"), "{err}");
}

#[test]
fn a_throw_at_module_load_points_at_the_ts_line() {
    let (code, err) = start_failure("throws-at-load");
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("API key missing"), "{err}");
    assert!(
        err.contains("app/api/boom/route.ts:4"),
        "stack maps to the .ts line: {err}"
    );
}

#[test]
fn no_app_directory() {
    let (code, err) = start_failure("no-app");
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("no app directory"), "{err}");
}

#[test]
fn routes_command_prints_the_table() {
    let out = ferroute_command()
        .args(["routes"])
        .arg(repo_root().join("tests/fixtures/basics"))
        .output()
        .expect("run ferroute");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.lines().next().is_some_and(|l| l.starts_with("ROUTE")),
        "{text}"
    );
    assert!(
        text.contains("/methods/get-post") && text.contains("GET, POST"),
        "{text}"
    );
    assert!(text.contains("/prio/[...all]"), "{text}");
    assert!(
        text.contains("/methods/star") && text.contains("export *"),
        "{text}"
    );
}

#[test]
fn help_documents_every_command() {
    let out = ferroute_command()
        .arg("--help")
        .output()
        .expect("run ferroute");
    let text = String::from_utf8_lossy(&out.stdout);
    for word in ["start", "routes"] {
        assert!(text.contains(word), "{text}");
    }
    let out = ferroute_command()
        .args(["start", "--help"])
        .output()
        .expect("run ferroute");
    let text = String::from_utf8_lossy(&out.stdout);
    for flag in ["--port", "--hostname", "--workers", "PORT"] {
        assert!(text.contains(flag), "{text}");
    }
}

/// A server process that is killed when the test ends, even when it fails.
struct Running(std::process::Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// Starts the binary on a fixture and returns the child and its base URL address.
fn spawn_server(fixture: &str) -> (std::process::Child, std::net::SocketAddr) {
    let mut child = ferroute_command()
        .args(["start", "-p", "0", "-H", "127.0.0.1", "--workers", "1"])
        .arg(repo_root().join("tests/fixtures").join(fixture))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn ferroute");
    let addr = crate::support::wait_ready(&mut child);
    (child, addr)
}

#[test]
fn a_handler_throw_is_logged_with_a_stack_into_the_ts_file() {
    use std::io::Read;
    let (child, addr) = spawn_server("basics");
    let mut server = Running(child);
    let r = crate::support::request(addr, "GET", "/contract/throw", &[], b"");
    assert_eq!(r.status, 500);
    let r = crate::support::request(addr, "GET", "/contract/plain", &[], b"");
    assert_eq!(r.status, 500);
    let stderr = server.0.stderr.take().expect("stderr");
    drop(server);
    let mut err = String::new();
    std::io::BufReader::new(stderr)
        .read_to_string(&mut err)
        .expect("stderr");
    assert!(err.contains("Error: boom from handler"), "{err}");
    assert!(
        err.contains("app/contract/throw/route.ts:2:"),
        "stack points at the .ts line: {err}"
    );
    assert!(
        err.contains("No response is returned from route handler"),
        "{err}"
    );
}

/// Every diagnostic code used in the crates is documented in docs/errors.md.
#[test]
fn every_error_code_is_documented() {
    let docs = std::fs::read_to_string(repo_root().join("docs/errors.md")).expect("docs/errors.md");
    let mut missing = Vec::new();
    let mut stack = vec![repo_root().join("crates")];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir)
            .expect("read dir")
            .filter_map(Result::ok)
        {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs")
                && !path.to_string_lossy().contains("/tests")
            {
                let text = std::fs::read_to_string(&path).unwrap_or_default();
                for (i, _) in text.match_indices("ferroute::") {
                    let code: String = text[i..]
                        .chars()
                        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == ':')
                        .collect();
                    let code = code.trim_end_matches(':');
                    if code.matches("::").count() == 2
                        && !docs.contains(&format!("`{code}`"))
                        && !missing.contains(&code.to_owned())
                    {
                        missing.push(code.to_owned());
                    }
                }
            }
        }
    }
    assert!(
        missing.is_empty(),
        "codes missing from docs/errors.md: {missing:?}"
    );
}

/// `"start": "ferroute start"` in package.json: npm runs it in the project folder with
/// `PORT` from the environment (0 here, so the test needs no fixed port).
#[test]
fn start_without_dir_serves_the_current_directory_on_port_from_env() {
    let mut child = ferroute_command()
        .args(["start", "--workers", "1"])
        .current_dir(repo_root().join("tests/fixtures/basics"))
        .env("PORT", "0")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn ferroute");
    let addr = crate::support::wait_ready(&mut child);
    let _server = Running(child);
    assert_ne!(addr.port(), 3000, "PORT=0 was ignored");
    let r = crate::support::request(addr, "GET", "/methods/get-post", &[], b"");
    assert_eq!(r.status, 200, "{}", r.text());
}

/// As `next start`: a port that is not a number from 0 to 65535 is a usage error that
/// says where it came from, and nothing starts.
#[test]
fn an_invalid_port_is_a_usage_error() {
    let run = |args: &[&str], env: Option<&str>| {
        let mut c = ferroute_command();
        c.arg("start")
            .args(args)
            .arg(repo_root().join("tests/fixtures/basics"));
        c.env_remove("PORT");
        if let Some(p) = env {
            c.env("PORT", p);
        }
        let out = c.output().expect("run ferroute");
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (code, err) = run(&["-p", "abc"], None);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("invalid port 'abc' from -p/--port"), "{err}");
    let (code, err) = run(&["--port", "70000"], None);
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("0 to 65535"), "{err}");
    let (code, err) = run(&[], Some("abc"));
    assert_eq!(code, Some(1), "{err}");
    assert!(err.contains("from the PORT environment variable"), "{err}");
    let (code, err) = run(&["--no-such-flag"], None);
    assert_eq!(code, Some(1), "{err}");
}

/// `- Local:` and `- Network:` as `next start -H 127.0.0.1` prints them.
#[test]
fn start_prints_local_and_network_urls_as_next_does() {
    let lines = start_banner(Some(crate::support::engine_from_env().name()), &[]);
    let port = lines
        .iter()
        .find_map(|l| l.trim().strip_prefix("- Local:        http://127.0.0.1:"))
        .unwrap_or_else(|| panic!("Local line: {lines:?}"));
    assert!(
        lines.contains(&format!("   - Network:      http://127.0.0.1:{port}")),
        "{lines:?}"
    );
}

/// The banner lines up to `Ready in` of `ferroute start` on the basics fixture, run with
/// `engine_env` as `FERROUTE_ENGINE` (None: unset) and the extra environment `env`.
fn start_banner(engine_env: Option<&str>, env: &[(&str, &str)]) -> Vec<String> {
    let mut command = std::process::Command::new(crate::support::ferroute_bin());
    command.env_remove("FERROUTE_ENGINE");
    if let Some(engine) = engine_env {
        command.env("FERROUTE_ENGINE", engine);
    }
    let mut child = command
        .envs(env.iter().copied())
        .args(["start", "-p", "0", "-H", "127.0.0.1", "--workers", "1"])
        .arg(repo_root().join("tests/fixtures/basics"))
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("spawn ferroute");
    let stdout = child.stdout.take().expect("stdout");
    let _server = Running(child);
    let mut lines = Vec::new();
    for line in std::io::BufRead::lines(std::io::BufReader::new(stdout)) {
        let line = line.expect("line");
        let ready = line.contains("Ready in");
        lines.push(line);
        if ready {
            break;
        }
    }
    lines
}

/// The default engine (`auto`) is JavaScriptCore where its library loads, QuickJS elsewhere,
/// and the banner names it; a named engine is run as named.
#[test]
fn the_default_engine_is_javascriptcore_where_installed_and_the_banner_names_it() {
    let quickjs = start_banner(Some("quickjs"), &[]);
    assert!(
        quickjs.contains(&"   - Engine:       QuickJS".to_owned()),
        "{quickjs:?}"
    );
    let missing = start_banner(None, &[("FERROUTE_JSC_LIBRARY", "/nonexistent/libjsc.so")]);
    assert!(
        missing.iter().any(|l| l.starts_with("   - Engine:       QuickJS (JavaScriptCore is not installed: apt install libjavascriptcoregtk-4.1-0")),
        "{missing:?}"
    );
    if ferroute_runtime::EngineKind::preferred().0 == ferroute_runtime::EngineKind::Jsc {
        let auto = start_banner(None, &[]);
        assert!(
            auto.contains(&"   - Engine:       JavaScriptCore".to_owned()),
            "{auto:?}"
        );
    }
}

#[test]
fn info_prints_platform_binaries_and_the_projects_next_version() {
    let dir = std::env::temp_dir().join(format!("ferroute-info-{}", std::process::id()));
    let pkg = dir.join("node_modules/next");
    std::fs::create_dir_all(&pkg).expect("mkdir");
    std::fs::write(
        pkg.join("package.json"),
        r#"{"name":"next","version":"15.5.29"}"#,
    )
    .expect("write");
    let out = ferroute_command()
        .arg("info")
        .arg(&dir)
        .output()
        .expect("run ferroute");
    let _ = std::fs::remove_dir_all(&dir);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    for line in [
        "Operating System:",
        "  Platform: ",
        "  Arch: ",
        "  Version: ",
        "  Available memory (MB): ",
        "  Available CPU cores: ",
        "Binaries:",
        "  Node: ",
        "  npm: ",
        "Relevant Packages:",
        "  next: 15.5.29\n",
        "  react: N/A\n",
        "  typescript: ",
    ] {
        assert!(text.contains(line), "{line:?} missing:\n{text}");
    }
    assert!(
        text.contains(&format!("  ferroute: {}", env!("CARGO_PKG_VERSION"))),
        "{text}"
    );
    let out = ferroute_command()
        .arg("--version")
        .output()
        .expect("run ferroute");
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("ferroute "));
}

/// `.env` files as `next start` reads them: `.env.test*` (and no `.env.local`) under
/// `NODE_ENV=test`, each file expanded after the ones that outrank it, the process
/// environment first, and the `- Environments:` line listing the files read.
#[test]
fn env_files_in_nexts_order_with_node_env_test() {
    let dir = std::env::temp_dir().join(format!("ferroute-envfiles-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("app/env")).expect("mkdir");
    std::fs::write(
        dir.join("app/env/route.js"),
        "export const dynamic = 'force-dynamic'\n\
         export function GET() { const { WHERE, BASE, REF, FROM_PROCESS } = process.env; \
         return Response.json({ WHERE, BASE, REF, FROM_PROCESS }) }\n",
    )
    .expect("route");
    let files = [
        (".env", "WHERE=env\nBASE=base\nFROM_PROCESS=file\n"),
        (".env.local", "WHERE=local\n"),
        (".env.production", "WHERE=production\n"),
        (
            ".env.test",
            "WHERE=test\nREF=${BASE:-unset}-$FROM_PROCESS\n",
        ),
    ];
    for (name, text) in files {
        std::fs::write(dir.join(name), text).expect("env file");
    }
    let run = |node_env: Option<&str>| {
        let mut cmd = ferroute_command();
        cmd.args(["start", "-p", "0", "-H", "127.0.0.1", "--workers", "1"])
            .arg(&dir)
            .env_remove("NODE_ENV")
            .env("FROM_PROCESS", "process")
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null());
        if let Some(v) = node_env {
            cmd.env("NODE_ENV", v);
        }
        let mut child = cmd.spawn().expect("spawn ferroute");
        let stdout = child.stdout.take().expect("stdout");
        let server = Running(child);
        let mut lines = std::io::BufRead::lines(std::io::BufReader::new(stdout));
        let mut envs = String::new();
        let mut port = 0;
        for line in lines.by_ref() {
            let line = line.expect("line");
            if let Some(l) = line.strip_prefix("   - Environments: ") {
                envs = l.to_owned();
            }
            if let Some(p) = line
                .trim()
                .strip_prefix("- Local:        http://127.0.0.1:")
            {
                port = p.parse().expect("port");
            }
            if line.contains("Ready in") {
                break;
            }
        }
        let addr = std::net::SocketAddr::from(([127, 0, 0, 1], port));
        let body = crate::support::request(addr, "GET", "/env", &[], b"").json();
        drop(server);
        (envs, body)
    };
    let (envs, body) = run(Some("test"));
    assert_eq!(envs, ".env.test, .env");
    assert_eq!(
        body,
        serde_json::json!({ "WHERE": "test", "BASE": "base", "REF": "unset-process", "FROM_PROCESS": "process" })
    );
    let (envs, body) = run(None);
    assert_eq!(envs, ".env.local, .env.production, .env");
    assert_eq!(body["WHERE"], "local");
    assert_eq!(body["REF"], serde_json::Value::Null);
    let _ = std::fs::remove_dir_all(&dir);
}

/// The server keeps its memory in small pages: with transparent huge pages, each 2 MiB of
/// mimalloc's arena a worker touched became resident whole (49 MB after load on the bench
/// app instead of 27, and half of start-up's CPU spent zeroing pages).
#[cfg(target_os = "linux")]
#[test]
fn the_server_runs_without_transparent_huge_pages() {
    let (child, addr) = spawn_server("basics");
    let server = Running(child);
    let r = crate::support::request(addr, "GET", "/contract/status", &[], b"");
    assert!(r.status < 500, "{}", r.status);
    let status =
        std::fs::read_to_string(format!("/proc/{}/status", server.0.id())).expect("/proc status");
    let line = status
        .lines()
        .find(|l| l.starts_with("THP_enabled:"))
        .expect("THP_enabled line (Linux 5.0+)");
    assert_eq!(line.split_whitespace().nth(1), Some("0"), "{line}");
}
