//! Two real `ferroute start` processes on one real `redis-server` (issue 10, item 8): a
//! `revalidateTag` on one instance is seen by the other, stale and revalidated entries are
//! generated once across both, a Redis outage under load fails no request and is logged once,
//! and without Redis an entry generated on demand outlives a restart (the file-system store).
//!
//! The fixture's handlers fetch from a counting upstream started here, so a count is the
//! number of times a handler ran. The tests of this module run one at a time (each starts
//! two servers of two workers on a 2-core machine) and skip only if `redis-server` is not
//! installed (`.ci/run` installs it).

use std::collections::{HashMap, HashSet};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc, Barrier, Mutex, MutexGuard, PoisonError};
use std::thread;
use std::time::{Duration, Instant};

use crate::support::{ferroute_command, request, Res, TempDir};

/// How long a `ferroute start` may take to print `Ready in` on a loaded machine.
const STARTUP: Duration = Duration::from_secs(90);

/// Held by each test of this module for its whole run.
static SERIAL: Mutex<()> = Mutex::new(());

// ---------------------------------------------------------------------------------------
// The processes and folders a test owns (each stopped or removed when dropped, also while a
// failed assertion unwinds).

fn redis_server_binary() -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .map(|d| d.join("redis-server"))
        .find(|p| p.is_file())
}

/// A `redis-server` without persistence on a free port, killed when dropped.
struct Redis {
    port: u16,
    child: Option<Child>,
    dir: TempDir,
}

impl Redis {
    fn start() -> Self {
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("free port")
            .port();
        let mut redis = Self {
            port,
            child: None,
            dir: TempDir::new("redis"),
        };
        redis.restart();
        redis
    }

    fn url(&self) -> String {
        format!("redis://127.0.0.1:{}", self.port)
    }

    /// Starts it (again) on the same port and waits for its `PONG`.
    fn restart(&mut self) {
        assert!(self.child.is_none(), "redis-server runs already");
        let child = Command::new(redis_server_binary().expect("redis-server"))
            .args(["--port", &self.port.to_string(), "--bind", "127.0.0.1"])
            .args(["--save", "", "--appendonly", "no", "--protected-mode", "no"])
            .arg("--dir")
            .arg(&self.dir.0)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn redis-server");
        self.child = Some(child);
        let deadline = Instant::now() + Duration::from_secs(20);
        while Instant::now() < deadline {
            if self.ping() {
                return;
            }
            thread::sleep(Duration::from_millis(10));
        }
        panic!("redis-server did not answer on port {}", self.port);
    }

    /// Kills it (SIGKILL, as a crash).
    fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    fn ping(&self) -> bool {
        let Ok(mut s) = TcpStream::connect(("127.0.0.1", self.port)) else {
            return false;
        };
        let _ = s.set_read_timeout(Some(Duration::from_secs(2)));
        let mut buf = [0u8; 16];
        s.write_all(b"*1\r\n$4\r\nPING\r\n").is_ok()
            && s.read(&mut buf)
                .is_ok_and(|n| buf[..n].starts_with(b"+PONG"))
    }
}

impl Drop for Redis {
    fn drop(&mut self) {
        self.stop();
    }
}

/// The upstream the fixture's handlers fetch: `GET /count/<name>?…` answers `{"n": N}`, N
/// counting the requests for `<name>`.
struct Counter {
    addr: SocketAddr,
    counts: Arc<Mutex<HashMap<String, u64>>>,
    stop: Arc<AtomicBool>,
}

impl Counter {
    fn start() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind counter");
        let addr = listener.local_addr().expect("addr");
        let counts = Arc::new(Mutex::new(HashMap::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let (c, s) = (counts.clone(), stop.clone());
        thread::spawn(move || {
            for conn in listener.incoming() {
                if s.load(Ordering::Relaxed) {
                    break;
                }
                let Ok(conn) = conn else { continue };
                let c = c.clone();
                thread::spawn(move || count_one(conn, &c));
            }
        });
        Self { addr, counts, stop }
    }

    fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    fn count(&self, name: &str) -> u64 {
        let counts = self.counts.lock().unwrap_or_else(PoisonError::into_inner);
        counts.get(name).copied().unwrap_or(0)
    }

    /// Waits until `name` counts at least `n` (a regeneration in the background).
    fn wait_for(&self, name: &str, n: u64) -> u64 {
        let deadline = Instant::now() + Duration::from_secs(30);
        while self.count(name) < n && Instant::now() < deadline {
            thread::sleep(Duration::from_millis(20));
        }
        self.count(name)
    }
}

impl Drop for Counter {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        let _ = TcpStream::connect(self.addr); // wakes the accept loop
    }
}

fn count_one(conn: TcpStream, counts: &Mutex<HashMap<String, u64>>) {
    let Ok(read_half) = conn.try_clone() else {
        return;
    };
    let mut r = BufReader::new(read_half);
    let mut line = String::new();
    if r.read_line(&mut line).unwrap_or(0) == 0 {
        return;
    }
    loop {
        let mut h = String::new();
        if r.read_line(&mut h).unwrap_or(0) == 0 || h.trim_end().is_empty() {
            break;
        }
    }
    let path = line.split_whitespace().nth(1).unwrap_or("");
    let (status, body) = match path.strip_prefix("/count/") {
        Some(rest) => {
            let name = rest.split('?').next().unwrap_or(rest).to_owned();
            let mut counts = counts.lock().unwrap_or_else(PoisonError::into_inner);
            let n = counts.entry(name).or_insert(0);
            *n += 1;
            ("200 OK", format!("{{\"n\":{n}}}"))
        }
        None => ("404 Not Found", "{}".to_owned()),
    };
    let mut w = conn;
    let _ = write!(
        w,
        "HTTP/1.1 {status}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{body}",
        body.len()
    );
}

/// A `ferroute start --workers 2` of a project, its stderr collected; killed when dropped.
struct Instance {
    addr: SocketAddr,
    stderr: Arc<Mutex<String>>,
    child: Child,
}

impl Instance {
    /// `cache_url`: Redis, or the default file-system store under the project.
    fn start(project: &Path, cache_url: Option<&str>, upstream: &str) -> Self {
        let mut cmd = ferroute_command();
        cmd.arg("start")
            .arg(project)
            .args(["-p", "0", "-H", "127.0.0.1", "--workers", "2"])
            .env_remove("FERROUTE_CACHE_URL")
            .env("UPSTREAM", upstream)
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        if let Some(url) = cache_url {
            cmd.args(["--cache-url", url]);
        }
        let mut child = cmd.spawn().expect("spawn ferroute");
        let stdout = child.stdout.take().expect("stdout");
        let mut err_pipe = child.stderr.take().expect("stderr");
        let stderr = Arc::new(Mutex::new(String::new()));
        let sink = stderr.clone();
        thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = err_pipe.read(&mut buf) {
                if n == 0 {
                    break;
                }
                let text = String::from_utf8_lossy(&buf[..n]).into_owned();
                sink.lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .push_str(&text);
            }
        });
        // stdout on a thread of its own (drained to its end), so a hung start-up times out.
        let (tx, rx) = mpsc::channel();
        thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                let _ = tx.send(line);
            }
        });
        let mut instance = Self {
            addr: SocketAddr::from(([127, 0, 0, 1], 0)),
            stderr,
            child,
        };
        let deadline = Instant::now() + STARTUP;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match rx.recv_timeout(left) {
                Ok(line) => {
                    if let Some(url) = line.trim().strip_prefix("- Local:") {
                        let port = url.trim().rsplit(':').next().and_then(|p| p.parse().ok());
                        instance.addr.set_port(port.expect("port in `- Local:`"));
                    }
                    if line.contains("Ready in") {
                        break;
                    }
                }
                Err(e) => panic!(
                    "ferroute start did not become ready ({e:?}): {}",
                    instance.logs()
                ),
            }
        }
        assert_ne!(instance.addr.port(), 0, "no `- Local:` line");
        instance
    }

    fn get(&self, path: &str) -> Res {
        request(self.addr, "GET", path, &[], b"")
    }

    /// `revalidateTag(tag)` on this instance.
    fn revalidate(&self, tag: &str) {
        let res = request(
            self.addr,
            "POST",
            &format!("/revalidate?tag={tag}"),
            &[],
            b"",
        );
        assert_eq!(res.status, 200, "revalidate: {}", res.text());
    }

    fn logs(&self) -> String {
        self.stderr
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Two instances A and B of one project copy on one Redis. Fields drop in order: the
/// instances, Redis, the upstream, the folder, then the next test may run.
struct Shared {
    a: Instance,
    b: Instance,
    redis: Redis,
    counter: Counter,
    _project: TempDir,
    _serial: MutexGuard<'static, ()>,
}

impl Shared {
    /// `None` (after saying why) when redis-server is not installed.
    fn start(test: &str) -> Option<Self> {
        let serial = SERIAL.lock().unwrap_or_else(PoisonError::into_inner);
        if redis_server_binary().is_none() {
            println!("SKIP {test}: redis-server is not on PATH (apt-get install redis-server)");
            return None;
        }
        let redis = Redis::start();
        let counter = Counter::start();
        let project = TempDir::fixture_copy("shared-cache");
        let url = redis.url();
        let a = Instance::start(&project.0, Some(&url), &counter.url());
        let b = Instance::start(&project.0, Some(&url), &counter.url());
        Some(Self {
            a,
            b,
            redis,
            counter,
            _project: project,
            _serial: serial,
        })
    }
}

// ---------------------------------------------------------------------------------------
// Requests.

/// `(x-nextjs-cache, the upstream count in the body)` of a successful response.
fn state_and_n(res: &Res) -> (String, u64) {
    assert_eq!(res.status, 200, "{}", res.text());
    let n = res.json()["n"]
        .as_u64()
        .unwrap_or_else(|| panic!("no n: {}", res.text()));
    (res.header("x-nextjs-cache").unwrap_or("").to_owned(), n)
}

/// `per_instance` requests for `path` to each of A and B at once, each on its own connection.
fn burst(shared: &Shared, path: &str, per_instance: usize) -> Vec<(String, u64)> {
    let start = Barrier::new(2 * per_instance);
    thread::scope(|s| {
        let handles: Vec<_> = (0..2 * per_instance)
            .map(|i| {
                let (start, addr) = (
                    &start,
                    if i % 2 == 0 {
                        shared.a.addr
                    } else {
                        shared.b.addr
                    },
                );
                s.spawn(move || {
                    start.wait();
                    state_and_n(&request(addr, "GET", path, &[], b""))
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("request thread"))
            .collect()
    })
}

/// One keep-alive connection that reconnects after an error.
struct KeepAlive {
    addr: SocketAddr,
    conn: Option<BufReader<TcpStream>>,
}

impl KeepAlive {
    /// `GET path`: `Ok((status, body))`, or what went wrong.
    fn get(&mut self, path: &str) -> Result<(u16, Vec<u8>), String> {
        if self.conn.is_none() {
            let s = TcpStream::connect(self.addr).map_err(|e| format!("connect: {e}"))?;
            s.set_read_timeout(Some(Duration::from_secs(30)))
                .map_err(|e| e.to_string())?;
            self.conn = Some(BufReader::new(s));
        }
        let result = self.exchange(path);
        if result.is_err() {
            self.conn = None;
        }
        result
    }

    fn exchange(&mut self, path: &str) -> Result<(u16, Vec<u8>), String> {
        let r = self.conn.as_mut().expect("connected");
        let head = format!("GET {path} HTTP/1.1\r\nhost: {}\r\n\r\n", self.addr);
        r.get_mut()
            .write_all(head.as_bytes())
            .map_err(|e| format!("write: {e}"))?;
        let line = read_line(r)?;
        let status: u16 = line
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| format!("status line {line:?}"))?;
        let (mut len, mut chunked, mut close) = (None, false, false);
        loop {
            let h = read_line(r)?;
            if h.is_empty() {
                break;
            }
            let (n, v) = h.split_once(':').unwrap_or((&h, ""));
            let (n, v) = (n.trim().to_ascii_lowercase(), v.trim().to_ascii_lowercase());
            match n.as_str() {
                "content-length" => len = v.parse::<usize>().ok(),
                "transfer-encoding" => chunked = v.contains("chunked"),
                "connection" => close = v.contains("close"),
                _ => {}
            }
        }
        let mut body = Vec::new();
        if chunked {
            loop {
                let size = read_line(r)?;
                let n =
                    usize::from_str_radix(size.trim(), 16).map_err(|e| format!("chunk: {e}"))?;
                let mut buf = vec![0; n + 2];
                r.read_exact(&mut buf).map_err(|e| format!("chunk: {e}"))?;
                if n == 0 {
                    break;
                }
                body.extend_from_slice(&buf[..n]);
            }
        } else {
            body.resize(len.ok_or("neither content-length nor chunked")?, 0);
            r.read_exact(&mut body).map_err(|e| format!("body: {e}"))?;
        }
        if close {
            self.conn = None;
        }
        Ok((status, body))
    }
}

fn read_line(r: &mut BufReader<TcpStream>) -> Result<String, String> {
    let mut line = String::new();
    match r.read_line(&mut line) {
        Ok(0) => Err("connection closed".into()),
        Ok(_) => Ok(line.trim_end().to_owned()),
        Err(e) => Err(format!("read: {e}")),
    }
}

/// Lines of `logs` that report a cache failure (the Redis link's and the server's).
fn cache_error_lines(logs: &str) -> usize {
    logs.lines()
        .filter(|l| l.contains("cache") && l.contains("failed"))
        .count()
}

// ---------------------------------------------------------------------------------------
// The tests.

#[test]
fn revalidate_tag_on_one_instance_is_seen_by_the_other() {
    let Some(shared) = Shared::start("revalidate_tag_on_one_instance_is_seen_by_the_other") else {
        return;
    };
    let (a, b, counter) = (&shared.a, &shared.b, &shared.counter);

    // The response cache: /tagged was generated at start-up; both serve Redis's entry.
    let (state, first) = state_and_n(&a.get("/tagged"));
    assert_eq!(state, "HIT");
    assert_eq!(state_and_n(&b.get("/tagged")), ("HIT".into(), first));
    for (on, other, name) in [(a, b, "A then B"), (b, a, "B then A")] {
        let runs = counter.count("tagged");
        let before = state_and_n(&other.get("/tagged")).1;
        on.revalidate("t");
        let (state, fresh) = state_and_n(&other.get("/tagged"));
        assert_eq!(
            state, "MISS",
            "{name}: the first request after revalidateTag generates"
        );
        assert_ne!(fresh, before, "{name}: fresh data");
        assert_eq!(counter.count("tagged"), runs + 1, "{name}: one run");
        assert_eq!(
            state_and_n(&other.get("/tagged")),
            ("HIT".into(), fresh),
            "{name}"
        );
        assert_eq!(
            state_and_n(&on.get("/tagged")),
            ("HIT".into(), fresh),
            "{name}"
        );
        assert_eq!(
            counter.count("tagged"),
            runs + 1,
            "{name}: no run for the hits"
        );
    }

    // The fetch data cache of a dynamic route: one upstream request for both instances until
    // the tag is revalidated, on either.
    let n = |server: &Instance| {
        let res = server.get("/data");
        assert_eq!(res.status, 200, "{}", res.text());
        res.json()["n"].as_u64().expect("n")
    };
    assert_eq!([n(a), n(b), n(a), n(b)], [1, 1, 1, 1]);
    assert_eq!(counter.count("data"), 1);
    b.revalidate("t");
    assert_eq!([n(a), n(b), n(a)], [2, 2, 2]);
    a.revalidate("t");
    assert_eq!([n(b), n(a), n(b)], [3, 3, 3]);
    assert_eq!(counter.count("data"), 3);
}

#[test]
fn concurrent_requests_to_both_instances_generate_once() {
    let Some(shared) = Shared::start("concurrent_requests_to_both_instances_generate_once") else {
        return;
    };
    let counter = &shared.counter;

    // ISR, revalidate = 1: in each stale period, one regeneration across both instances for
    // the entry served STALE. (Each entry served STALE is regenerated once: an entry that went
    // stale again during a slow burst legitimately counts as a second period.)
    for round in 0..3 {
        // No request meanwhile, so nothing regenerates it: the entry goes stale.
        thread::sleep(Duration::from_millis(1500));
        let before = counter.count("isr");
        let responses = burst(&shared, "/isr", 8);
        let stale: HashSet<u64> = responses
            .iter()
            .filter(|(s, _)| s == "STALE")
            .map(|(_, n)| *n)
            .collect();
        assert!(
            !stale.is_empty(),
            "round {round}: no STALE in {responses:?}"
        );
        let expected = before + stale.len() as u64;
        counter.wait_for("isr", expected);
        // A second regeneration of the same entry would start as the first ends.
        thread::sleep(Duration::from_millis(1000));
        assert_eq!(
            counter.count("isr"),
            expected,
            "round {round}: one regeneration per stale entry {stale:?}; responses {responses:?}"
        );
    }

    // Revalidated by tag: one generation (one MISS) for all the requests that follow.
    for round in 0..3 {
        let (_, old) = state_and_n(&shared.b.get("/tagged-u"));
        let before = counter.count("tagged-u");
        shared.a.revalidate("u");
        let responses = burst(&shared, "/tagged-u", 8);
        thread::sleep(Duration::from_millis(500));
        assert_eq!(
            counter.count("tagged-u"),
            before + 1,
            "round {round}: {responses:?}"
        );
        let misses = responses.iter().filter(|(s, _)| s == "MISS").count();
        assert_eq!(misses, 1, "round {round}: {responses:?}");
        let bodies: HashSet<u64> = responses.iter().map(|(_, n)| *n).collect();
        assert_eq!(
            bodies.len(),
            1,
            "round {round}: one new entry for all: {responses:?}"
        );
        assert!(
            !bodies.contains(&old),
            "round {round}: fresh data: {responses:?}"
        );
    }
}

#[test]
fn a_redis_outage_under_load_fails_no_request() {
    let Some(mut shared) = Shared::start("a_redis_outage_under_load_fails_no_request") else {
        return;
    };
    let paths = ["/isr", "/tagged", "/data", "/ondemand/x", "/params/a"];
    let (a, b) = (shared.a.addr, shared.b.addr);
    let done = AtomicBool::new(false);
    let load = |seed: usize| {
        let mut conns = [
            KeepAlive {
                addr: a,
                conn: None,
            },
            KeepAlive {
                addr: b,
                conn: None,
            },
        ];
        let (mut ok, mut failures) = (0usize, Vec::new());
        let mut i = seed;
        while !done.load(Ordering::Relaxed) {
            let path = paths[i % paths.len()];
            let conn = &mut conns[(i / paths.len()) % 2];
            match conn.get(path) {
                Ok((200, body)) if !body.is_empty() => ok += 1,
                Ok((status, body)) => failures.push(format!(
                    "{path}: {status} {}",
                    String::from_utf8_lossy(&body)
                )),
                Err(e) => failures.push(format!("{path}: {e}")),
            }
            i += 1;
        }
        (ok, failures)
    };
    let started = Instant::now();
    let (ok, failures) = thread::scope(|s| {
        let clients: Vec<_> = (0..4).map(|seed| s.spawn(move || load(seed))).collect();
        thread::sleep(Duration::from_secs(1));
        shared.redis.stop();
        thread::sleep(Duration::from_secs(2));
        shared.redis.restart();
        thread::sleep(Duration::from_secs(2));
        done.store(true, Ordering::Relaxed);
        clients
            .into_iter()
            .fold((0, Vec::new()), |(ok, mut failures), c| {
                let (n, f) = c.join().expect("client thread");
                failures.extend(f);
                (ok + n, failures)
            })
    });
    let elapsed = started.elapsed();
    assert!(
        failures.is_empty(),
        "{} of {} requests failed: {:?}\nA: {}\nB: {}",
        failures.len(),
        failures.len() + ok,
        &failures[..failures.len().min(20)],
        shared.a.logs(),
        shared.b.logs()
    );
    assert!(ok > 100, "only {ok} requests in {elapsed:?}");

    // The service resumes: a revalidateTag on A is seen by B. (Each instance reconnects on
    // its next operation after at most its retry interval: allow a few tries.)
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut tries = 0;
    loop {
        tries += 1;
        let (_, before) = state_and_n(&shared.b.get("/tagged"));
        shared.a.revalidate("t");
        let (state, after) = state_and_n(&shared.b.get("/tagged"));
        if state == "MISS" && after != before {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "B never saw A's revalidateTag again"
        );
        thread::sleep(Duration::from_millis(200));
    }

    // Logged once per interval, not per request: per instance, the link's outage report and
    // the server's first failed cache operation (each at most once in these few seconds).
    let mut logged = Vec::new();
    for (name, logs) in [("A", shared.a.logs()), ("B", shared.b.logs())] {
        let lines = cache_error_lines(&logs);
        logged.push(lines);
        assert!(
            (1..=4).contains(&lines),
            "{name}: {lines} cache error lines:\n{logs}"
        );
        assert!(
            logs.contains("reachable again"),
            "{name} logs the recovery:\n{logs}"
        );
    }
    println!(
        "outage under load: {ok} requests in {elapsed:?}, none failed; cache errors logged {logged:?}; revalidateTag seen after {tries} tries"
    );
}

#[test]
fn an_entry_generated_on_demand_survives_a_restart_with_the_file_system_store() {
    let _serial = SERIAL.lock().unwrap_or_else(PoisonError::into_inner);
    let counter = Counter::start();
    let project = TempDir::fixture_copy("shared-cache");
    let paths = [("/ondemand/x", "ondemand-x"), ("/params/zz", "params-zz")];
    let mut generated = Vec::new();
    {
        let first = Instance::start(&project.0, None, &counter.url());
        for (path, name) in paths {
            let (state, n) = state_and_n(&first.get(path));
            assert_eq!((state.as_str(), counter.count(name)), ("MISS", 1), "{path}");
            assert_eq!(state_and_n(&first.get(path)), ("HIT".into(), n), "{path}");
            generated.push(first.get(path).body);
        }
        // Killed (SIGKILL) when dropped: what a MISS answered was written before.
    }
    assert!(
        project.0.join(".ferroute/cache").is_dir(),
        "the file-system store"
    );
    let second = Instance::start(&project.0, None, &counter.url());
    for ((path, name), body) in paths.iter().zip(&generated) {
        let res = second.get(path);
        assert_eq!(
            res.header("x-nextjs-cache"),
            Some("HIT"),
            "{path}: {}",
            res.text()
        );
        assert_eq!(&res.body, body, "{path}: the entry of the first process");
        assert_eq!(
            counter.count(name),
            1,
            "{path}: the handler did not run again"
        );
    }
}
