//! The seed's AI SDK example, unchanged (`examples/route-handlers/app/{ts,js}/ai`), with
//! its real npm packages (`ai` 3.4, `@ai-sdk/openai` 0.0.x) against a local mock of OpenAI.
//! The provider's base URL is fixed to `https://api.openai.com/v1`, so the server runs in
//! a mount namespace whose `/etc/hosts` maps that host to 127.0.0.1, where the mock serves
//! TLS with a certificate of a throwaway CA that `NODE_EXTRA_CA_CERTS` makes trusted.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crate::support::{ferroute_bin, repo_root, request, wait_ready};

pub(crate) struct Killed(pub(crate) Child);

impl Drop for Killed {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn run(dir: &Path, args: &[&str]) {
    let out = Command::new("openssl")
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run openssl");
    assert!(
        out.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A CA and a certificate for api.openai.com signed by it, in `dir`.
fn certificates(dir: &Path) {
    let days = ["-days", "2"];
    run(
        dir,
        &[
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "ca.key",
            "-out",
            "ca.pem",
            "-subj",
            "/CN=ferroute test CA",
            days[0],
            days[1],
        ],
    );
    run(
        dir,
        &[
            "req",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-keyout",
            "server.key",
            "-out",
            "server.csr",
            "-subj",
            "/CN=api.openai.com",
        ],
    );
    std::fs::write(
        dir.join("ext.cnf"),
        "subjectAltName=DNS:api.openai.com\nbasicConstraints=CA:FALSE\n",
    )
    .expect("write ext.cnf");
    run(
        dir,
        &[
            "x509",
            "-req",
            "-in",
            "server.csr",
            "-CA",
            "ca.pem",
            "-CAkey",
            "ca.key",
            "-CAcreateserial",
            "-out",
            "server.pem",
            "-extfile",
            "ext.cnf",
            days[0],
            days[1],
        ],
    );
}

/// Starts a mock script of tests/mocks and waits for its `listening <port>` line.
fn mock(args: &[&str]) -> (Killed, u16) {
    let mut child = Command::new("node")
        .args(args)
        .current_dir(repo_root())
        .stdout(Stdio::piped())
        .spawn()
        .expect("spawn node mock");
    let stdout = child.stdout.take().expect("stdout");
    let mut line = String::new();
    BufReader::new(stdout)
        .read_line(&mut line)
        .expect("mock output");
    let port = line
        .trim()
        .strip_prefix("listening ")
        .and_then(|p| p.parse().ok())
        .unwrap_or_else(|| panic!("mock said {line:?}"));
    (Killed(child), port)
}

/// The example app, with api.openai.com pointing at this machine.
fn example_with_hosts(dir: &Path) -> (Killed, std::net::SocketAddr) {
    let hosts = dir.join("hosts");
    std::fs::write(&hosts, "127.0.0.1 localhost\n127.0.0.1 api.openai.com\n").expect("hosts");
    let mut child = Command::new("unshare")
        .args([
            "-m",
            "sh",
            "-c",
            "mount --bind \"$0\" /etc/hosts && exec \"$@\"",
        ])
        .arg(&hosts)
        .arg(ferroute_bin())
        .args(["start", "-p", "0", "-H", "127.0.0.1", "--workers", "1"])
        .arg(repo_root().join("examples/route-handlers"))
        .env("NODE_EXTRA_CA_CERTS", dir.join("ca.pem"))
        .env("OPENAI_API_KEY", "sk-test")
        .env("FERROUTE_ENGINE", crate::support::engine_from_env().name())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn ferroute in a mount namespace");
    crate::support::forward_stderr(&mut child);
    let addr = wait_ready(&mut child);
    (Killed(child), addr)
}

/// `tests/mocks/openai.mjs` serving https on `port` ("0": any), with a certificate for
/// api.openai.com signed by a throwaway CA, both written to `dir` (`ca.pem` is the CA).
pub(crate) fn openai_over_tls(dir: &Path, port: &str, extra: &[&str]) -> (Killed, u16) {
    certificates(dir);
    let pem = dir.join("server.pem").to_string_lossy().into_owned();
    let key = dir.join("server.key").to_string_lossy().into_owned();
    let mut args = vec!["tests/mocks/openai.mjs", "--port", port];
    args.extend_from_slice(extra);
    args.extend(["--tls", pem.as_str(), key.as_str()]);
    mock(&args)
}

pub(crate) fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("ferroute-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

#[test]
fn seed_ai_example_streams_token_by_token_from_openai() {
    let dir = temp_dir("ai");
    let (_mock, port) = openai_over_tls(&dir, "443", &["--delay", "150"]);
    assert_eq!(port, 443);
    let (_server, addr) = example_with_hosts(&dir);
    let body = br#"{"messages":[{"role":"user","content":"Say hello"}]}"#;
    let expected = "0:\"Hello\"\n0:\",\"\n0:\" world\"\n\
        e:{\"finishReason\":\"stop\",\"usage\":{\"promptTokens\":10,\"completionTokens\":3},\"isContinued\":false}\n\
        d:{\"finishReason\":\"stop\",\"usage\":{\"promptTokens\":10,\"completionTokens\":3}}\n";
    for route in ["/ts/ai", "/js/ai", "/ts/ai-data"] {
        let r = request(
            addr,
            "POST",
            route,
            &[("content-type", "application/json")],
            body,
        );
        assert_eq!(r.status, 200, "{route}: {}", r.text());
        assert_eq!(r.header("content-type"), Some("text/plain; charset=utf-8"));
        assert_eq!(r.text(), expected, "{route}");
        // Each token is its own chunk, as the mock sends them 150 ms apart.
        let tokens: Vec<Duration> = r
            .chunks
            .iter()
            .filter(|(_, c)| c.starts_with(b"0:"))
            .map(|(t, _)| *t)
            .collect();
        assert_eq!(tokens.len(), 3, "{route}: {:?}", r.chunks);
        assert!(
            tokens[2] - tokens[0] >= Duration::from_millis(200),
            "{route}: tokens arrived together: {tokens:?}"
        );
    }
    let r = request(
        addr,
        "POST",
        "/ts/ai-text",
        &[("content-type", "application/json")],
        body,
    );
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.text(), "Hello, world");
    let _ = std::fs::remove_dir_all(&dir);
}
