//! Test support: start a server on a free port, a small HTTP/1.1 client that keeps
//! repeated headers and chunk arrival times, and a local upstream server for `fetch`.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};
use std::time::{Duration, Instant};

use ferroute_server::{CacheConfig, Server, ServerConfig};

pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("repo root")
        .to_path_buf()
}

/// A running server for one test.
pub struct TestServer {
    pub addr: SocketAddr,
    pub origin: String,
    _server: Server,
}

/// Starts the example app (the seed's examples) with the upstream URL pointed at the
/// test upstream server.
pub fn example_server() -> &'static TestServer {
    static S: OnceLock<TestServer> = OnceLock::new();
    S.get_or_init(|| start(&repo_root().join("examples/route-handlers"), 2))
}

/// Starts a fixture app under tests/fixtures.
pub fn fixture(name: &str, workers: usize) -> TestServer {
    start(&repo_root().join("tests/fixtures").join(name), workers)
}

/// Starts the app at `root` with an in-memory cache (a fixture folder gets no
/// `.ferroute/cache`, and no entry outlives its test).
pub fn start(root: &Path, workers: usize) -> TestServer {
    start_with(root, workers, CacheConfig::Memory(64 << 20))
}

pub fn start_with(root: &Path, workers: usize, cache: CacheConfig) -> TestServer {
    start_on(root, workers, cache, "127.0.0.1")
}

/// As `start_with`, bound to `hostname` (`-H`).
pub fn start_on(root: &Path, workers: usize, cache: CacheConfig, hostname: &str) -> TestServer {
    launch(root, workers, cache, hostname, engine_from_env())
}

fn launch(
    root: &Path,
    workers: usize,
    cache: CacheConfig,
    hostname: &str,
    engine: ferroute_runtime::EngineKind,
) -> TestServer {
    upstream();
    capture_logs();
    let mut config = ServerConfig::new(root.to_path_buf());
    config.cache = cache;
    config.port = 0;
    config.hostname = Some(hostname.into());
    config.workers = workers;
    config.max_sync_run = Duration::from_millis(500);
    config.memory_limit = 64 * 1024 * 1024;
    config.engine = engine;
    let server = match Server::start(config) {
        Ok(s) => s,
        Err(e) => panic!("server failed to start: {:?}", miette_text(e)),
    };
    TestServer {
        addr: server.local_addr(),
        origin: server.origin().to_owned(),
        _server: server,
    }
}

/// The engine the suites run on: `FERROUTE_ENGINE` (`quickjs` or `jsc`), QuickJS when unset.
pub fn engine_from_env() -> ferroute_runtime::EngineKind {
    match std::env::var("FERROUTE_ENGINE") {
        Ok(name) if !name.is_empty() => name
            .parse()
            .unwrap_or_else(|e| panic!("FERROUTE_ENGINE: {e}")),
        _ => ferroute_runtime::EngineKind::default(),
    }
}

/// Starts the app at `root` on the given engine, whatever `FERROUTE_ENGINE` says.
pub fn start_engine(
    root: &Path,
    workers: usize,
    engine: ferroute_runtime::EngineKind,
) -> TestServer {
    launch(
        root,
        workers,
        CacheConfig::Memory(64 << 20),
        "127.0.0.1",
        engine,
    )
}

/// Sends the engine's log lines (the `⨯ Error: ...` of handlers that tests make throw on
/// purpose) through `eprintln!`, which the test harness captures: shown with a failing test,
/// not printed over a green run. The binary always prints them to stderr.
pub fn capture_logs() {
    #[allow(clippy::print_stderr, reason = "captured by the test harness")]
    fn to_test_output(line: &str) {
        eprintln!("{line}");
    }
    ferroute_runtime::set_log_sink(to_test_output);
}

/// Copies a spawned server's piped stderr, line by line, to the test's captured output
/// (shown when the test fails), instead of letting the child write over the test run.
pub fn forward_stderr(child: &mut std::process::Child) {
    #[allow(clippy::print_stderr, reason = "captured by the test harness")]
    fn copy(stderr: std::process::ChildStderr) {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            eprintln!("{line}");
        }
    }
    if let Some(stderr) = child.stderr.take() {
        std::thread::spawn(move || copy(stderr));
    }
}

fn miette_text(e: ferroute_server::ServerError) -> String {
    format!("{e}: {e:?}")
}

/// A parsed HTTP response.
#[derive(Debug)]
pub struct Res {
    pub status: u16,
    pub reason: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    /// For chunked bodies: each chunk and when it arrived, since the request was sent.
    pub chunks: Vec<(Duration, Vec<u8>)>,
}

impl Res {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", self.text()))
    }
}

impl TestServer {
    pub fn get(&self, path: &str) -> Res {
        self.req("GET", path, &[], b"")
    }
    pub fn req(&self, method: &str, path: &str, headers: &[(&str, &str)], body: &[u8]) -> Res {
        request(self.addr, method, path, headers, body)
    }
}

/// Sends one request on a new connection and reads the whole response.
pub fn request(
    addr: SocketAddr,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Res {
    let mut s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(20)))
        .expect("timeout");
    let mut head = format!("{method} {path} HTTP/1.1\r\nhost: {addr}\r\nconnection: close\r\n");
    let has_len = headers.iter().any(|(n, _)| {
        n.eq_ignore_ascii_case("content-length") || n.eq_ignore_ascii_case("transfer-encoding")
    });
    for (n, v) in headers {
        head.push_str(&format!("{n}: {v}\r\n"));
    }
    if !has_len && (!body.is_empty() || !matches!(method, "GET" | "HEAD")) {
        head.push_str(&format!("content-length: {}\r\n", body.len()));
    }
    head.push_str("\r\n");
    let t0 = Instant::now();
    s.write_all(head.as_bytes()).expect("write head");
    s.write_all(body).expect("write body");
    read_response(s, t0, method == "HEAD")
}

pub fn read_response(s: TcpStream, t0: Instant, head_only: bool) -> Res {
    let mut r = BufReader::new(s);
    let mut line = String::new();
    r.read_line(&mut line).expect("status line");
    let mut parts = line.trim_end().splitn(3, ' ');
    let _version = parts.next();
    let status: u16 = parts
        .next()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("bad status line {line:?}"));
    let reason = parts.next().unwrap_or("").to_owned();
    let mut headers = Vec::new();
    loop {
        let mut h = String::new();
        r.read_line(&mut h).expect("header");
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        if let Some((n, v)) = h.split_once(':') {
            headers.push((n.trim().to_ascii_lowercase(), v.trim().to_owned()));
        }
    }
    let mut res = Res {
        status,
        reason,
        headers,
        body: Vec::new(),
        chunks: Vec::new(),
    };
    if head_only || status == 204 || status == 304 {
        return res;
    }
    if res
        .header("transfer-encoding")
        .is_some_and(|v| v.contains("chunked"))
    {
        loop {
            let mut size = String::new();
            if r.read_line(&mut size).unwrap_or(0) == 0 {
                break; // connection ended without the last chunk
            }
            let Ok(n) = usize::from_str_radix(size.trim(), 16) else {
                break;
            };
            if n == 0 {
                let mut end = String::new();
                let _ = r.read_line(&mut end);
                break;
            }
            let mut buf = vec![0; n + 2];
            if r.read_exact(&mut buf).is_err() {
                break;
            }
            buf.truncate(n);
            res.body.extend_from_slice(&buf);
            res.chunks.push((t0.elapsed(), buf));
        }
    } else if let Some(len) = res
        .header("content-length")
        .and_then(|v| v.parse::<usize>().ok())
    {
        let mut buf = vec![0; len];
        r.read_exact(&mut buf).expect("body");
        res.body = buf;
    } else {
        let _ = r.read_to_end(&mut res.body);
    }
    res
}

/// The upstream server the fetch examples talk to (instead of a remote API).
pub fn upstream() -> SocketAddr {
    static U: OnceLock<SocketAddr> = OnceLock::new();
    *U.get_or_init(|| {
        let l = TcpListener::bind("127.0.0.1:0").expect("bind upstream");
        let addr = l.local_addr().expect("addr");
        // Before any server starts: the real environment wins over the example's .env.
        std::env::set_var("DATA_URL", format!("http://{addr}/data"));
        std::env::set_var("UPSTREAM", format!("http://{addr}"));
        std::thread::spawn(move || {
            for s in l.incoming().flatten() {
                std::thread::spawn(move || serve_upstream(s));
            }
        });
        addr
    })
}

static HITS: Mutex<u64> = Mutex::new(0);

fn serve_upstream(s: TcpStream) {
    let mut r = BufReader::new(s.try_clone().expect("clone"));
    let mut line = String::new();
    if r.read_line(&mut line).is_err() {
        return;
    }
    let mut it = line.split_whitespace();
    let method = it.next().unwrap_or("").to_owned();
    let path = it.next().unwrap_or("").to_owned();
    let mut headers = Vec::new();
    let mut len = 0usize;
    let mut chunked = false;
    loop {
        let mut h = String::new();
        if r.read_line(&mut h).unwrap_or(0) == 0 {
            return;
        }
        let h = h.trim_end().to_owned();
        if h.is_empty() {
            break;
        }
        if let Some((n, v)) = h.split_once(':') {
            let (n, v) = (n.trim().to_ascii_lowercase(), v.trim().to_owned());
            if n == "content-length" {
                len = v.parse().unwrap_or(0);
            }
            if n == "transfer-encoding" && v.contains("chunked") {
                chunked = true;
            }
            headers.push((n, v));
        }
    }
    let mut body = Vec::new();
    let mut body_chunks = 0;
    if chunked {
        loop {
            let mut size = String::new();
            if r.read_line(&mut size).unwrap_or(0) == 0 {
                break;
            }
            let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
            let mut buf = vec![0; n + 2];
            if r.read_exact(&mut buf).is_err() || n == 0 {
                break;
            }
            body.extend_from_slice(&buf[..n]);
            body_chunks += 1;
        }
    } else {
        body.resize(len, 0);
        let _ = r.read_exact(&mut body);
    }
    let mut w = s;
    let send = |w: &mut TcpStream, status: &str, headers: &str, body: &[u8]| {
        let _ = write!(
            w,
            "HTTP/1.1 {status}\r\n{headers}content-length: {}\r\nconnection: close\r\n\r\n",
            body.len()
        );
        let _ = w.write_all(body);
    };
    match path.as_str() {
        "/data" => {
            let n = {
                let mut h = HITS.lock().expect("hits");
                *h += 1;
                *h
            };
            let key = headers
                .iter()
                .find(|(n, _)| n == "api-key")
                .map(|(_, v)| v.clone())
                .unwrap_or_default();
            let body = serde_json::json!({ "items": ["a", "b", "c"], "hits": n, "apiKey": key })
                .to_string();
            send(
                &mut w,
                "200 OK",
                "content-type: application/json\r\n",
                body.as_bytes(),
            );
        }
        "/echo" => {
            let body = serde_json::json!({
                "method": method,
                "headers": headers.iter().map(|(n, v)| format!("{n}: {v}")).collect::<Vec<_>>(),
                "body": String::from_utf8_lossy(&body),
                "chunked": chunked,
                "chunks": body_chunks,
            })
            .to_string();
            send(
                &mut w,
                "200 OK",
                "content-type: application/json\r\nset-cookie: a=1\r\nset-cookie: b=2\r\n",
                body.as_bytes(),
            );
        }
        "/redirect" => send(&mut w, "302 Found", "location: /echo\r\n", b""),
        "/drip" => {
            let _ = write!(
                w,
                "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\nconnection: close\r\n\r\n"
            );
            for i in 0..3 {
                let chunk = format!("part{i};");
                let _ = write!(w, "{:x}\r\n{chunk}\r\n", chunk.len());
                let _ = w.flush();
                std::thread::sleep(Duration::from_millis(100));
            }
            let _ = write!(w, "0\r\n\r\n");
        }
        "/slow" => {
            std::thread::sleep(Duration::from_millis(300));
            send(&mut w, "200 OK", "", b"slow");
        }
        _ => send(&mut w, "404 Not Found", "", b"not found"),
    }
}

/// The `ferroute` binary built next to this test binary.
/// The `ferroute` binary as a command, on the engine the suites run on (`FERROUTE_ENGINE`,
/// QuickJS when unset: the binary itself would pick JavaScriptCore where it is installed).
pub fn ferroute_command() -> std::process::Command {
    let mut command = std::process::Command::new(ferroute_bin());
    command.env("FERROUTE_ENGINE", engine_from_env().name());
    command
}

pub fn ferroute_bin() -> PathBuf {
    let exe = std::env::current_exe().expect("test exe");
    let dir = exe.parent().and_then(Path::parent).expect("target dir");
    let bin = dir.join(format!("ferroute{}", std::env::consts::EXE_SUFFIX));
    assert!(
        bin.exists(),
        "build the binary first: cargo build -p ferroute_cli (looked for {})",
        bin.display()
    );
    bin
}

/// Reads a spawned `ferroute start`'s stdout until `Ready in` and returns the address of its
/// `- Local:` line (its port, on 127.0.0.1).
pub fn wait_ready(child: &mut std::process::Child) -> SocketAddr {
    let stdout = child.stdout.take().expect("stdout piped");
    let mut addr = None;
    for line in BufReader::new(stdout).lines() {
        let line = line.expect("line");
        addr = local_addr(&line).or(addr);
        if line.contains("Ready in") {
            break;
        }
    }
    addr.expect("Local: address printed")
}

/// The address of a start-up banner's `- Local:` line (its port, on 127.0.0.1).
pub fn local_addr(line: &str) -> Option<SocketAddr> {
    let url = line.trim().strip_prefix("- Local:")?;
    let port = url.trim().rsplit(':').next()?.parse::<u16>().ok()?;
    Some(SocketAddr::from(([127, 0, 0, 1], port)))
}

/// A temporary folder, removed when dropped (also while a failed assertion unwinds).
pub struct TempDir(pub PathBuf);

impl TempDir {
    /// A new empty folder named after `what`.
    pub fn new(what: &str) -> Self {
        static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir =
            std::env::temp_dir().join(format!("ferroute-it-{what}-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("temp dir");
        Self(dir)
    }

    /// A copy of `tests/fixtures/<name>`, for tests that write into the project (a build,
    /// a file cache, edited files), so that the repository's folder stays as it is.
    pub fn fixture_copy(name: &str) -> Self {
        let dir = Self::new(name);
        copy_dir(&repo_root().join("tests/fixtures").join(name), &dir.0);
        dir
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Copies the folder `from` to `to`, recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("mkdir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}
