//! The memory bound's backstop on JavaScriptCore (docs/operations.md, "Memory"): memory that no
//! request can be blamed for (a module-scope cache growing per request) makes the worker
//! holding the largest heap recycle its engine, while the server answers every other request.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering::Relaxed};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::support::{ferroute_bin, local_addr, read_response, repo_root};

/// A `ferroute start --engine jsc` of its own (the bound is the process's), with its log.
struct Jsc {
    child: Child,
    addr: SocketAddr,
    log: Arc<Mutex<Vec<String>>>,
}

impl Jsc {
    /// None when JavaScriptCore cannot be loaded on this machine.
    fn start(fixture: &str, flags: &[&str]) -> Option<Self> {
        let mut child = Command::new(ferroute_bin())
            .args(["start", "-p", "0", "-H", "127.0.0.1", "--engine", "jsc"])
            .args(flags)
            .arg(repo_root().join("tests/fixtures").join(fixture))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn ferroute");
        let log = Arc::new(Mutex::new(Vec::new()));
        for out in [
            Box::new(child.stdout.take().expect("stdout")) as Box<dyn Read + Send>,
            Box::new(child.stderr.take().expect("stderr")),
        ] {
            let log = log.clone();
            std::thread::spawn(move || {
                for line in BufReader::new(out).lines().map_while(Result::ok) {
                    log.lock().unwrap().push(line);
                }
            });
        }
        let t0 = Instant::now();
        loop {
            let addr = log.lock().unwrap().iter().find_map(|l| local_addr(l));
            let ready = log.lock().unwrap().iter().any(|l| l.contains("Ready in"));
            if let (Some(addr), true) = (addr, ready) {
                return Some(Self { child, addr, log });
            }
            if child.try_wait().expect("try_wait").is_some() {
                let log = log.lock().unwrap().join("\n");
                assert!(log.contains("JavaScriptCore"), "ferroute failed: {log}");
                return None;
            }
            assert!(t0.elapsed() < Duration::from_secs(30), "not ready");
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    fn line_with(&self, needle: &str) -> Option<String> {
        let log = self.log.lock().unwrap();
        log.iter().find(|l| l.contains(needle)).cloned()
    }

    /// Runs `step`, then waits `pause`, until the log has the recycle's line (which it
    /// answers); fails after `limit` from `t0`.
    fn until_recycled(
        &self,
        t0: Instant,
        limit: Duration,
        pause: Duration,
        mut step: impl FnMut(),
    ) -> String {
        loop {
            step();
            if let Some(line) = self.line_with("recycled") {
                return line;
            }
            assert!(
                t0.elapsed() < limit,
                "no recycle: {:?}",
                self.log.lock().unwrap()
            );
            std::thread::sleep(pause);
        }
    }
}

impl Drop for Jsc {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One GET on a keep-alive connection: the status and the body.
fn get(s: &mut TcpStream, path: &str) -> (u16, String) {
    write!(s, "GET {path} HTTP/1.1\r\nHost: x\r\n\r\n").expect("write");
    // Read through a second handle: the server sends nothing past this response until the
    // next request, so the reader's buffer holds this response only.
    let r = read_response(s.try_clone().expect("clone"), Instant::now(), false);
    (r.status, r.text())
}

fn connect(addr: SocketAddr) -> TcpStream {
    let s = TcpStream::connect(addr).expect("connect");
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    s
}

#[test]
fn jsc_memory_backstop_recycles_the_worker_whose_module_cache_grows() {
    // The bound is 256 MiB a worker at least: 512 MiB over the start for two workers.
    let Some(srv) = Jsc::start("jsc-memory", &["--workers", "2", "--max-memory-mb", "64"]) else {
        return;
    };
    let t0 = Instant::now();
    let done = Arc::new(AtomicBool::new(false));
    // Two clients grow the module-scope caches of both workers, 20 MB a request.
    let growers: Vec<_> = (0..2)
        .map(|_| {
            let (addr, done) = (srv.addr, done.clone());
            std::thread::spawn(move || {
                let mut lengths = Vec::new();
                while !done.load(Relaxed) {
                    let r = crate::support::request(addr, "GET", "/grow", &[], b"");
                    // 500 when a memory stop blamed it.
                    if r.status == 200 {
                        lengths.push(r.json()["length"].as_u64().expect("length"));
                    }
                    // A little per request, as a cache fills.
                    std::thread::sleep(Duration::from_millis(50));
                }
                lengths
            })
        })
        .collect();
    // A plain route, on a keep-alive connection, is answered throughout.
    let mut plain = connect(srv.addr);
    let recycled = srv.until_recycled(
        t0,
        Duration::from_secs(20),
        Duration::from_millis(10),
        || {
            let (status, body) = get(&mut plain, "/hello");
            assert_eq!((status, body.as_str()), (200, r#"{"hello":"world"}"#));
        },
    );
    // The plain route is still served after the recycle, and the recycled worker's cache
    // starts over: a short length after long ones.
    for _ in 0..20 {
        assert_eq!(get(&mut plain, "/hello").0, 200);
        std::thread::sleep(Duration::from_millis(10));
    }
    done.store(true, Relaxed);
    let lengths: Vec<Vec<u64>> = growers
        .into_iter()
        .map(|g| g.join().expect("grower"))
        .collect();
    let restarted = lengths
        .iter()
        .any(|seen| seen.iter().skip_while(|&&n| n < 10).any(|&n| n <= 2));
    assert!(restarted, "{lengths:?} {:?}", srv.log.lock().unwrap());
    assert!(
        recycled.contains("⨯ worker") && recycled.contains("JavaScript heap held"),
        "{recycled}"
    );
    assert!(t0.elapsed() < Duration::from_secs(15), "{:?}", t0.elapsed());
}

#[test]
fn jsc_memory_recycle_answers_503_to_a_request_still_running_after_the_drain_limit() {
    // One worker: the one the backstop recycles holds the slow request.
    let Some(srv) = Jsc::start("jsc-memory", &["--workers", "1", "--max-memory-mb", "64"]) else {
        return;
    };
    let addr = srv.addr;
    let slow = std::thread::spawn(move || {
        let t = Instant::now();
        let mut s = TcpStream::connect(addr).expect("connect");
        s.set_read_timeout(Some(Duration::from_secs(40))).unwrap();
        write!(s, "GET /slow HTTP/1.1\r\nHost: x\r\n\r\n").expect("write");
        (read_response(s, t, false).status, t.elapsed())
    });
    std::thread::sleep(Duration::from_millis(200));
    let t0 = Instant::now();
    // Grow the worker's module cache until the backstop recycles it.
    let recycled = srv.until_recycled(
        t0,
        Duration::from_secs(30),
        Duration::from_millis(50),
        || {
            let _ = crate::support::request(srv.addr, "GET", "/grow", &[], b"");
        },
    );
    let (status, elapsed) = slow.join().expect("slow request");
    // Cut at the drain limit (10 s after the recycle began), well before its own 30 s.
    assert_eq!(status, 503, "{recycled}");
    assert!(
        elapsed >= Duration::from_secs(10) && elapsed < Duration::from_secs(29),
        "{elapsed:?}"
    );
    assert!(recycled.contains("1 answered 503"), "{recycled}");
    // The fresh engine serves.
    let mut c = connect(srv.addr);
    assert_eq!(get(&mut c, "/hello").0, 200);
}
