//! A server on the open internet: connection limits, timeouts, framing and graceful
//! shutdown, each driven against the real `ferroute` binary over real sockets
//! (`tasks/reliability/run.sh` repeats them at scale against the release build).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::support::{ferroute_command, repo_root};

/// `ferroute start tests/fixtures/reliability` with extra flags; its output lines are
/// collected while it runs.
struct Spawned {
    child: Child,
    addr: SocketAddr,
    out: Arc<Mutex<Vec<String>>>,
}

impl Spawned {
    fn start(flags: &[&str]) -> Self {
        Self::start_workers(1, flags)
    }

    fn start_workers(workers: usize, flags: &[&str]) -> Self {
        let mut child = ferroute_command()
            .args(["start", "-p", "0", "-H", "127.0.0.1", "--workers"])
            .arg(workers.to_string())
            .args(flags)
            .arg(repo_root().join("tests/fixtures/reliability"))
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn ferroute");
        let out = Arc::new(Mutex::new(Vec::new()));
        let (tx, rx) = std::sync::mpsc::channel();
        let stdout = child.stdout.take().expect("stdout");
        let lines = out.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(url) = line.trim().strip_prefix("- Local:") {
                    let port = url.trim().rsplit(':').next().and_then(|p| p.parse().ok());
                    let _ = tx.send(port);
                }
                lines.lock().unwrap().push(line);
            }
        });
        let stderr = child.stderr.take().expect("stderr");
        let lines = out.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                lines.lock().unwrap().push(line);
            }
        });
        let port: u16 = rx
            .recv_timeout(Duration::from_secs(30))
            .ok()
            .flatten()
            .expect("server printed its address");
        let spawned = Self {
            child,
            addr: SocketAddr::from(([127, 0, 0, 1], port)),
            out,
        };
        spawned.wait_for_line("Ready in");
        spawned
    }

    fn wait_for_line(&self, needle: &str) -> String {
        let t0 = Instant::now();
        loop {
            if let Some(l) = self.out.lock().unwrap().iter().find(|l| l.contains(needle)) {
                return l.clone();
            }
            assert!(
                t0.elapsed() < Duration::from_secs(30),
                "no line with {needle:?} in {:?}",
                self.out.lock().unwrap()
            );
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    fn connect(&self) -> TcpStream {
        let s = TcpStream::connect(self.addr).expect("connect");
        s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
        s
    }

    fn signal(&self, name: &str) {
        let ok = Command::new("kill")
            .args([&format!("-{name}"), &self.child.id().to_string()])
            .status()
            .expect("kill")
            .success();
        assert!(ok);
    }

    /// Waits for the process to end; its exit status.
    fn wait_exit(&mut self, within: Duration) -> std::process::ExitStatus {
        let t0 = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().expect("try_wait") {
                return status;
            }
            assert!(t0.elapsed() < within, "still running after {within:?}");
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Spawned {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Reads until the peer closes (or the read times out): everything received, and whether
/// the connection was closed by the server.
fn read_to_close(s: &mut TcpStream) -> (String, bool) {
    let mut out = Vec::new();
    let mut buf = [0u8; 16384];
    loop {
        match s.read(&mut buf) {
            Ok(0) => return (String::from_utf8_lossy(&out).into_owned(), true),
            Ok(n) => out.extend_from_slice(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => {
                return (String::from_utf8_lossy(&out).into_owned(), true)
            }
            Err(_) => return (String::from_utf8_lossy(&out).into_owned(), false),
        }
    }
}

/// Reads one response whose body has a Content-Length (or none); returns the head and body.
fn read_one(s: &mut TcpStream) -> (String, String) {
    let mut r = BufReader::new(s);
    let mut head = String::new();
    loop {
        let mut line = String::new();
        if r.read_line(&mut line).unwrap_or(0) == 0 {
            break;
        }
        head.push_str(&line);
        if line == "\r\n" {
            break;
        }
    }
    let len = head
        .lines()
        .find_map(|l| {
            l.to_ascii_lowercase()
                .strip_prefix("content-length:")
                .map(|v| v.trim().parse::<usize>().unwrap())
        })
        .unwrap_or(0);
    let mut body = vec![0; len];
    r.read_exact(&mut body).expect("body");
    (head, String::from_utf8_lossy(&body).into_owned())
}

fn status_of(response: &str) -> &str {
    response.split(' ').nth(1).unwrap_or("")
}

#[test]
fn oversized_heads_get_431_and_414_and_the_connection_closes() {
    let srv = Spawned::start(&[]);
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (
            format!(
                "GET /hello HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\n\r\n",
                "a".repeat(17_000)
            )
            .into_bytes(),
            "431",
        ),
        (
            format!(
                "GET /hello HTTP/1.1\r\nHost: x\r\n{}\r\n",
                (0..101)
                    .map(|i| format!("X-{i}: 1\r\n"))
                    .collect::<String>()
            )
            .into_bytes(),
            "431",
        ),
        (
            format!(
                "GET /hello?{} HTTP/1.1\r\nHost: x\r\n\r\n",
                "q".repeat(9000)
            )
            .into_bytes(),
            "414",
        ),
        // Within every limit: served.
        (
            format!(
                "GET /hello?{} HTTP/1.1\r\nHost: x\r\nX-Ok: {}\r\nConnection: close\r\n\r\n",
                "q".repeat(8000),
                "a".repeat(7000)
            )
            .into_bytes(),
            "200",
        ),
    ];
    for (request, want) in cases {
        let mut s = srv.connect();
        s.write_all(&request).unwrap();
        let (response, closed) = read_to_close(&mut s);
        assert_eq!(
            status_of(&response),
            want,
            "{}",
            &response[..response.len().min(200)]
        );
        assert!(closed, "connection closed after {want}");
    }

    // The limits are flags.
    let srv = Spawned::start(&["--max-header-size", "65536", "--max-url-length", "20000"]);
    let mut s = srv.connect();
    write!(
        s,
        "GET /hello?{} HTTP/1.1\r\nHost: x\r\nX-Big: {}\r\nConnection: close\r\n\r\n",
        "q".repeat(15_000),
        "a".repeat(30_000)
    )
    .unwrap();
    assert_eq!(status_of(&read_to_close(&mut s).0), "200");
}

#[test]
fn idle_and_slow_connections_are_closed_on_time() {
    let srv = Spawned::start(&["--keepAliveTimeout", "300", "--headers-timeout", "600"]);

    // Idle after a response: closed after the keep-alive timeout, not before.
    let mut s = srv.connect();
    s.write_all(b"GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    let (head, _) = read_one(&mut s);
    assert_eq!(status_of(&head), "200");
    let t0 = Instant::now();
    let (rest, closed) = read_to_close(&mut s);
    let idle = t0.elapsed();
    assert!(closed && rest.is_empty(), "{rest:?}");
    assert!(
        idle >= Duration::from_millis(250) && idle < Duration::from_secs(3),
        "{idle:?}"
    );

    // A keep-alive connection that keeps sending requests stays open.
    let mut s = srv.connect();
    for _ in 0..4 {
        std::thread::sleep(Duration::from_millis(150));
        s.write_all(b"GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
            .unwrap();
        assert_eq!(status_of(&read_one(&mut s).0), "200");
    }

    // A silent connection and a trickling head (slowloris) are cut at the headers timeout.
    let silent = srv.connect();
    let mut trickle = srv.connect();
    trickle.write_all(b"GET /hello HTTP/1.1\r\n").unwrap();
    let t0 = Instant::now();
    let mut cut = None;
    for _ in 0..40 {
        std::thread::sleep(Duration::from_millis(50));
        if trickle.write_all(b"X-A: b\r\n").is_err() {
            cut = Some(t0.elapsed());
            break;
        }
    }
    let cut = cut.expect("trickling connection was cut");
    assert!(
        cut >= Duration::from_millis(500) && cut < Duration::from_secs(2),
        "{cut:?}"
    );
    let mut silent = silent;
    assert_eq!(
        read_to_close(&mut silent),
        (String::new(), true),
        "silent: closed"
    );
    // A client that began a head and stopped gets 408 before the close, as from Node.
    let mut half = srv.connect();
    half.write_all(b"GET /hello HTTP/1.1\r\nHost: x\r\n")
        .unwrap();
    let (answer, closed) = read_to_close(&mut half);
    assert!(closed && status_of(&answer) == "408", "{answer:?}");

    // A long-running request is not an idle connection.
    let mut s = srv.connect();
    s.write_all(b"GET /slow?ms=900 HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    let (head, body) = read_one(&mut s);
    assert_eq!(status_of(&head), "200", "{body}");
}

#[test]
fn the_connection_cap_closes_idle_connections_first() {
    let srv = Spawned::start(&["--max-connections", "4"]);
    // Four silent connections fill the cap ...
    let mut idle: Vec<TcpStream> = (0..4).map(|_| srv.connect()).collect();
    std::thread::sleep(Duration::from_millis(100));
    // ... a real client still gets in: the idlest connection makes room.
    let mut s = srv.connect();
    s.write_all(b"GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .unwrap();
    assert_eq!(status_of(&read_to_close(&mut s).0), "200");
    assert!(
        read_to_close(&mut idle[0]).1,
        "the oldest idle connection was closed"
    );
    drop(idle);
    std::thread::sleep(Duration::from_millis(100));

    // Four busy connections: a fifth is refused, the four are served.
    let mut busy: Vec<TcpStream> = (0..4)
        .map(|_| {
            let mut s = srv.connect();
            s.write_all(b"GET /slow?ms=700 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
                .unwrap();
            s
        })
        .collect();
    std::thread::sleep(Duration::from_millis(200));
    let mut extra = srv.connect();
    let _ = extra.write_all(b"GET /hello HTTP/1.1\r\nHost: x\r\n\r\n");
    let (response, closed) = read_to_close(&mut extra);
    assert!(closed && response.is_empty(), "refused: {response:?}");
    for s in &mut busy {
        assert_eq!(status_of(&read_to_close(s).0), "200");
    }
}

/// Finds each of `parts` in `text`, in order; panics naming the first one missing.
fn in_order(text: &str, parts: &[&str]) {
    let mut at = 0;
    for part in parts {
        match text[at..].find(part) {
            Some(i) => at += i + part.len(),
            None => panic!("{part:?} missing after byte {at} of {text:?}"),
        }
    }
}

#[test]
fn requests_of_every_kind_pipelined_on_one_connection_are_answered_in_order() {
    let srv = Spawned::start(&[]);
    // Plain GETs and a HEAD go the fast path; the response with a Connection header of its own
    // hands the connection to hyper, which writes that response and serves the body-carrying
    // POST and the rest.
    let mut s = srv.connect();
    s.write_all(
        b"GET /hello HTTP/1.1\r\nHost: x\r\n\r\n\
          HEAD /hello HTTP/1.1\r\nHost: x\r\n\r\n\
          GET /framed HTTP/1.1\r\nHost: x\r\n\r\n\
          POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello\
          GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    )
    .unwrap();
    let (all, closed) = read_to_close(&mut s);
    assert!(closed, "{all}");
    in_order(
        &all,
        &[
            "HTTP/1.1 200 OK\r\n",
            "\r\n\r\n{\"hello\":\"world\"}HTTP/1.1 200 OK\r\n",
            "\r\n\r\nHTTP/1.1 203 Own Words\r\n",
            "content-length: 6\r\n",
            "\r\n\r\nframedHTTP/1.1 200 OK\r\n",
            "\r\n\r\n{\"length\":5}HTTP/1.1 200 OK\r\n",
            "connection: close\r\n",
            "\r\n\r\n{\"hello\":\"world\"}",
        ],
    );
    assert_eq!(all.matches("HTTP/1.1 ").count(), 5, "{all}");

    // The same when the first response is hyper's to write, and from a client that asks to
    // close on the fast path.
    let mut s = srv.connect();
    s.write_all(
        b"GET /framed HTTP/1.1\r\nHost: x\r\n\r\nGET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
    )
    .unwrap();
    let (all, closed) = read_to_close(&mut s);
    assert!(closed, "{all}");
    in_order(
        &all,
        &[
            "203 Own Words",
            "framed",
            "connection: close",
            "{\"hello\":\"world\"}",
        ],
    );

    // An HTTP/1.0 client gets an HTTP/1.0 answer, and the close it expects.
    let mut s = srv.connect();
    s.write_all(b"GET /hello HTTP/1.0\r\n\r\n").unwrap();
    let (all, closed) = read_to_close(&mut s);
    assert!(closed && all.starts_with("HTTP/1.0 200 OK\r\n"), "{all}");

    // A head that arrives a byte at a time, then a stream, on one connection.
    let mut s = srv.connect();
    s.set_nodelay(true).unwrap();
    for b in b"GET /hello HTTP/1.1\r\nHost: x\r\n\r\n" {
        s.write_all(&[*b]).unwrap();
        std::thread::sleep(Duration::from_millis(2));
    }
    let (head, body) = read_one(&mut s);
    assert_eq!(
        (status_of(&head), body.as_str()),
        ("200", "{\"hello\":\"world\"}")
    );
    s.write_all(b"GET /stream?ms=5 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        .unwrap();
    let (all, closed) = read_to_close(&mut s);
    assert!(closed, "{all}");
    in_order(
        &all,
        &[
            "transfer-encoding: chunked\r\n",
            "chunk0;",
            "chunk4;",
            "\r\n0\r\n\r\n",
        ],
    );
}

#[test]
fn content_length_with_transfer_encoding_closes_after_the_answer() {
    let srv = Spawned::start(&[]);
    for head in [
        "Content-Length: 4\r\nTransfer-Encoding: chunked",
        "Transfer-Encoding: chunked\r\nContent-Length: 4",
    ] {
        let mut s = srv.connect();
        write!(
            s,
            "POST /echo HTTP/1.1\r\nHost: x\r\n{head}\r\n\r\n3\r\nabc\r\n0\r\n\r\n"
        )
        .unwrap();
        let (response, closed) = read_to_close(&mut s);
        assert_eq!(status_of(&response), "200", "{response}");
        assert!(response.ends_with("{\"length\":3}"), "{response}");
        assert!(closed, "closed after a CL+TE request");
    }
    // Chunked alone keeps the connection.
    let mut s = srv.connect();
    s.write_all(b"POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n")
        .unwrap();
    assert_eq!(status_of(&read_one(&mut s).0), "200");
    s.write_all(b"GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    assert_eq!(status_of(&read_one(&mut s).0), "200");
}

#[test]
fn sigterm_finishes_in_flight_streams_and_after_callbacks_then_exits_0() {
    let mut srv = Spawned::start(&[]);
    let log = std::env::temp_dir().join(format!("ferroute-after-{}.log", std::process::id()));
    let _ = std::fs::remove_file(&log);
    let mut after = srv.connect();
    write!(
        after,
        "GET /after?log={} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        log.display()
    )
    .unwrap();
    let mut stream = srv.connect();
    stream
        .write_all(b"GET /stream HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    let mut first = [0u8; 64];
    let _ = stream.read(&mut first).unwrap();
    // An idle keep-alive connection is simply closed.
    let mut idle = srv.connect();
    idle.write_all(b"GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    read_one(&mut idle);

    srv.signal("TERM");
    srv.wait_for_line("SIGTERM");
    let (rest, closed) = read_to_close(&mut stream);
    assert!(closed);
    let whole = String::from_utf8_lossy(&first)
        .trim_end_matches('\0')
        .to_owned()
        + &rest;
    assert!(
        whole.contains("chunk4;") && whole.ends_with("0\r\n\r\n"),
        "{whole}"
    );
    assert!(read_to_close(&mut idle).1);
    let status = srv.wait_exit(Duration::from_secs(10));
    assert!(status.success(), "{status:?}");
    srv.wait_for_line("Stopped: every request finished");
    assert_eq!(
        std::fs::read_to_string(&log).unwrap_or_default(),
        "after ran\n"
    );
    assert!(TcpStream::connect(srv.addr).is_err(), "no longer accepting");
    let _ = std::fs::remove_file(&log);
}

#[test]
fn shutdown_cuts_what_outlives_the_grace_period_and_a_second_signal_exits_at_once() {
    let mut srv = Spawned::start(&["--shutdown-timeout", "1"]);
    let mut never = srv.connect();
    never
        .write_all(b"GET /never HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    std::thread::sleep(Duration::from_millis(100));
    let t0 = Instant::now();
    srv.signal("TERM");
    let status = srv.wait_exit(Duration::from_secs(10));
    assert!(status.success(), "{status:?}");
    assert!(
        t0.elapsed() >= Duration::from_millis(900),
        "{:?}",
        t0.elapsed()
    );
    srv.wait_for_line("cut 1 connection(s) and 1 running request(s)");
    let _ = never.shutdown(Shutdown::Both);

    let mut srv = Spawned::start(&["--shutdown-timeout", "30"]);
    let mut never = srv.connect();
    never
        .write_all(b"GET /never HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    std::thread::sleep(Duration::from_millis(100));
    srv.signal("INT");
    srv.wait_for_line("SIGINT");
    let t0 = Instant::now();
    srv.signal("INT");
    let status = srv.wait_exit(Duration::from_secs(5));
    assert!(t0.elapsed() < Duration::from_secs(2));
    assert_eq!(status.code(), Some(130));
}

/// `POST path` with `body` on a fresh connection, written in full before reading.
fn post(srv: &Spawned, path: &str, body: &[u8]) -> (String, bool) {
    let mut s = srv.connect();
    write!(
        s,
        "POST {path} HTTP/1.1\r\nHost: x\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .unwrap();
    s.write_all(body).unwrap();
    read_to_close(&mut s)
}

#[test]
fn buffered_body_readers_are_limited_and_streams_are_not() {
    let srv = Spawned::start(&["--max-body-mb", "1", "--keepAliveTimeout", "200"]);
    let big = vec![b'x'; 3 * 1024 * 1024];
    let (response, closed) = post(&srv, "/echo", &big);
    assert_eq!(status_of(&response), "413", "{response}");
    assert!(
        response.to_ascii_lowercase().contains("connection: close"),
        "{response}"
    );
    assert!(closed);
    let (response, _) = post(&srv, "/count", &big);
    assert!(response.ends_with("{\"bytes\":3145728}"), "{response}");
    let (response, _) = post(&srv, "/echo", &big[..1024 * 1024]);
    assert!(response.ends_with("{\"length\":1048576}"), "{response}");
    // A body sent chunked, without a length, is counted the same way.
    let mut s = srv.connect();
    s.write_all(b"POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n")
        .unwrap();
    for _ in 0..20 {
        write!(s, "20000\r\n").unwrap();
        s.write_all(&big[..0x20000]).unwrap();
        s.write_all(b"\r\n").unwrap();
    }
    s.write_all(b"0\r\n\r\n").unwrap();
    assert_eq!(status_of(&read_to_close(&mut s).0), "413");
}

#[test]
fn a_malformed_chunked_body_gets_400() {
    let srv = Spawned::start(&[]);
    for path in ["/echo", "/count"] {
        let mut s = srv.connect();
        write!(s, "POST {path} HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\nzz\r\n").unwrap();
        let (response, closed) = read_to_close(&mut s);
        assert_eq!(status_of(&response), "400", "{path}: {response}");
        assert!(closed);
    }
}

#[test]
fn unread_bodies_of_early_answers_are_drained_and_the_connection_kept() {
    let srv = Spawned::start(&[]);
    let body = vec![b'x'; 2 * 1024 * 1024];
    // 404 (no route), 405 (GET-only route), 308 (trailing slash), and a handler that never
    // reads its body: the client writes all of it, then reads the answer, then sends another
    // request on the same connection.
    for (path, want) in [
        ("/nope", "404"),
        ("/hello", "405"),
        ("/hello/", "308"),
        ("/after?log=/dev/null", "200"),
    ] {
        let mut s = srv.connect();
        let method = if want == "200" { "GET" } else { "POST" };
        write!(
            s,
            "{method} {path} HTTP/1.1\r\nHost: x\r\nContent-Length: {}\r\n\r\n",
            body.len()
        )
        .unwrap();
        s.write_all(&body)
            .unwrap_or_else(|e| panic!("{path}: writing the body failed: {e}"));
        let (head, _) = read_one(&mut s);
        assert_eq!(status_of(&head), want, "{path}: {head}");
        s.write_all(b"GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
            .unwrap();
        assert_eq!(
            status_of(&read_one(&mut s).0),
            "200",
            "{path}: connection reused"
        );
    }
}

#[test]
fn time_limits_answer_504_and_abort_the_request_signal() {
    let srv = Spawned::start(&["--request-timeout", "0.4"]);
    let log = std::env::temp_dir().join(format!("ferroute-abort-{}.log", std::process::id()));
    let _ = std::fs::remove_file(&log);

    let t0 = Instant::now();
    let mut s = srv.connect();
    s.write_all(b"GET /never HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    let (head, _) = read_one(&mut s);
    assert_eq!(status_of(&head), "504");
    let took = t0.elapsed();
    assert!(
        took >= Duration::from_millis(350) && took < Duration::from_secs(3),
        "{took:?}"
    );
    // The connection goes on.
    s.write_all(b"GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    assert_eq!(status_of(&read_one(&mut s).0), "200");

    // maxDuration wins over the flag.
    let t0 = Instant::now();
    let mut s = srv.connect();
    s.write_all(b"GET /max-duration HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    assert_eq!(status_of(&read_one(&mut s).0), "504");
    assert!(
        t0.elapsed() >= Duration::from_millis(950),
        "{:?}",
        t0.elapsed()
    );

    // A stream still running at the limit is cut (no final chunk).
    let mut s = srv.connect();
    s.write_all(b"GET /stream HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    let (response, closed) = read_to_close(&mut s);
    assert!(closed && response.starts_with("HTTP/1.1 200"), "{response}");
    assert!(
        !response.contains("chunk4;") && !response.ends_with("0\r\n\r\n"),
        "{response}"
    );

    // request.signal aborts with a TimeoutError.
    let mut s = srv.connect();
    write!(
        s,
        "GET /watch-abort?log={} HTTP/1.1\r\nHost: x\r\n\r\n",
        log.display()
    )
    .unwrap();
    assert_eq!(status_of(&read_one(&mut s).0), "504");
    std::thread::sleep(Duration::from_millis(200));
    assert_eq!(
        std::fs::read_to_string(&log).unwrap_or_default(),
        "aborted: TimeoutError\n"
    );
    let _ = std::fs::remove_file(&log);
    srv.wait_for_line("timed out after");
}

#[test]
fn a_client_that_goes_away_releases_its_request() {
    let mut srv = Spawned::start(&["--shutdown-timeout", "5"]);
    let log = std::env::temp_dir().join(format!("ferroute-gone-{}.log", std::process::id()));
    let _ = std::fs::remove_file(&log);
    for _ in 0..3 {
        let mut s = srv.connect();
        write!(
            s,
            "GET /watch-abort?log={} HTTP/1.1\r\nHost: x\r\n\r\n",
            log.display()
        )
        .unwrap();
        std::thread::sleep(Duration::from_millis(100));
        drop(s);
    }
    // A handler awaiting forever, abandoned by its client.
    let mut s = srv.connect();
    s.write_all(b"GET /never HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    std::thread::sleep(Duration::from_millis(100));
    drop(s);
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(
        std::fs::read_to_string(&log).unwrap_or_default(),
        "aborted: AbortError\n".repeat(3)
    );
    // Nothing is left running: shutdown finds every request finished at once.
    let t0 = Instant::now();
    srv.signal("TERM");
    assert!(srv.wait_exit(Duration::from_secs(10)).success());
    assert!(t0.elapsed() < Duration::from_secs(2), "{:?}", t0.elapsed());
    srv.wait_for_line("Stopped: every request finished");
    let _ = std::fs::remove_file(&log);
}

fn rss_kb(pid: u32) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .expect("VmRSS")
}

#[test]
fn over_its_memory_limit_a_worker_fails_the_request_holding_the_memory() {
    let srv = Spawned::start(&["--max-memory-mb", "64"]);
    let start_rss = rss_kb(srv.child.id());
    // Buffers and TextEncoder bytes live outside the JavaScript heap; they count too.
    let jsc = crate::support::engine_from_env() == ferroute_runtime::EngineKind::Jsc;
    let mut s = srv.connect();
    // On JavaScriptCore the bound is at least 256 MiB a worker (docs/operations.md).
    let hog: &[u8] = if jsc {
        b"GET /hog?mb=1500 HTTP/1.1\r\nHost: x\r\n\r\n"
    } else {
        b"GET /hog?mb=200 HTTP/1.1\r\nHost: x\r\n\r\n"
    };
    s.write_all(hog).unwrap();
    let (head, _) = read_one(&mut s);
    assert_eq!(status_of(&head), "500", "{head}");
    if jsc {
        // JavaScriptCore bounds the process, and blames the request growing memory rather than
        // the largest holder (docs/compat.md, "Engines"): the hog is stopped, the server serves on.
        srv.wait_for_line("over its bound");
        let mut s = srv.connect();
        s.write_all(b"GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
            .unwrap();
        assert_eq!(status_of(&read_one(&mut s).0), "200");
        return;
    }
    srv.wait_for_line("InternalError: out of memory");

    // A request holds 40 MB and waits; another one needs 30 MB: the holder is stopped (500
    // at once, not after its 5 s), the other is served.
    let mut holder = srv.connect();
    holder
        .write_all(b"GET /hog?mb=40&hold=5000 HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    srv.wait_for_line("holding 40 MB");
    let t0 = Instant::now();
    let mut other = srv.connect();
    other
        .write_all(b"GET /hog?mb=30 HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    let (head, body) = read_one(&mut other);
    assert_eq!(
        (status_of(&head), body.as_str()),
        ("200", "{\"kept\":30}"),
        "{head}"
    );
    let (head, _) = read_one(&mut holder);
    assert_eq!(status_of(&head), "500", "{head}");
    assert!(t0.elapsed() < Duration::from_secs(4), "{:?}", t0.elapsed());
    srv.wait_for_line("A request holding 40 MB stopped");

    // The worker serves on, and gives the memory back once the holder's code has run out.
    std::thread::sleep(Duration::from_millis(5500));
    let mut s = srv.connect();
    s.write_all(b"GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    assert_eq!(status_of(&read_one(&mut s).0), "200");
    let end_rss = rss_kb(srv.child.id());
    assert!(
        end_rss < start_rss + 20 * 1024,
        "RSS {start_rss} kB at start, {end_rss} kB after"
    );
}

#[test]
fn a_looping_handler_does_not_hold_the_idle_connections_of_its_worker() {
    // A keep-alive timeout above the 60 s head timeout: connections must still be takeable
    // (they once were only thanks to the watchdog's wake-up at the shorter default), and
    // none expires while the loop runs, however slow the machine.
    let srv = Spawned::start_workers(2, &["--max-sync-ms", "3000", "--keepAliveTimeout", "65000"]);
    let get = |s: &mut TcpStream, path: &str| {
        write!(s, "GET {path} HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        let (head, _) = read_one(s);
        status_of(&head).to_owned()
    };
    // Keep-alive connections spread over both workers, each between two requests (and past
    // its first: a connection is takeable after every response).
    let mut conns: Vec<TcpStream> = (0..12).map(|_| srv.connect()).collect();
    for c in &mut conns {
        for _ in 0..3 {
            assert_eq!(get(c, "/hello"), "200");
        }
    }
    // One of them starts a loop; the others' next requests do not wait for it, whichever
    // worker they are on.
    let mut spinner = conns.remove(0);
    spinner
        .write_all(b"GET /spin HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    let t0 = Instant::now();
    for c in &mut conns {
        assert_eq!(get(c, "/hello"), "200");
    }
    assert!(t0.elapsed() < Duration::from_secs(2), "{:?}", t0.elapsed());
    // The loop still ends as before, and every connection goes on serving.
    assert_eq!(status_of(&read_one(&mut spinner).0), "500");
    for c in &mut conns {
        assert_eq!(get(c, "/hello"), "200");
    }
}

#[test]
fn an_idle_server_does_not_wake_its_workers() {
    // With no connection and no request running, a worker sleeps until one comes: looking
    // for the idle connections of a busy worker starts when one becomes busy (the test
    // above), not on a timer.
    let srv = Spawned::start_workers(2, &[]);
    for _ in 0..4 {
        let mut s = srv.connect();
        s.write_all(b"GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
            .unwrap();
        assert_eq!(status_of(&read_to_close(&mut s).0), "200");
    }
    std::thread::sleep(Duration::from_millis(500));
    let before = worker_switches(srv.child.id());
    std::thread::sleep(Duration::from_secs(1));
    let woken = worker_switches(srv.child.id()) - before;
    // Workers woken every 20 ms made over 100 switches in this second; a few may still come
    // from the engine's own threads (JavaScriptCore's collector) finishing their work.
    assert!(
        woken <= 12,
        "the idle workers were switched in {woken} times in 1 s"
    );
}

/// Context switches of a process's worker threads so far (each wake-up of a sleeping
/// thread is one).
fn worker_switches(pid: u32) -> u64 {
    let mut total = 0;
    for task in std::fs::read_dir(format!("/proc/{pid}/task"))
        .unwrap()
        .flatten()
    {
        let comm = std::fs::read_to_string(task.path().join("comm")).unwrap_or_default();
        if comm.trim() != "ferroute-worker" {
            continue;
        }
        let status = std::fs::read_to_string(task.path().join("status")).unwrap_or_default();
        total += status
            .lines()
            .filter(|l| l.contains("ctxt_switches:"))
            .filter_map(|l| l.split(':').nth(1)?.trim().parse::<u64>().ok())
            .sum::<u64>();
    }
    total
}

#[test]
fn a_body_that_does_not_arrive_in_time_gets_408() {
    let srv = Spawned::start(&["--body-timeout", "1"]);
    // Ten bytes of a hundred, then silence: the read fails, the client gets 408 and the
    // connection closes.
    let mut s = srv.connect();
    s.write_all(b"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n0123456789")
        .unwrap();
    let t0 = Instant::now();
    let (answer, closed) = read_to_close(&mut s);
    assert!(closed && status_of(&answer) == "408", "{answer:?}");
    assert!(
        t0.elapsed() >= Duration::from_millis(900) && t0.elapsed() < Duration::from_secs(4),
        "{:?}",
        t0.elapsed()
    );
    // A body that keeps arriving in time is read whole.
    let mut s = srv.connect();
    s.write_all(b"POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 6\r\n\r\nabc")
        .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    s.write_all(b"def").unwrap();
    let (head, body) = read_one(&mut s);
    assert_eq!((status_of(&head), body.as_str()), ("200", "{\"length\":6}"));
}

/// Runs `f` on a thread of its own pinned to `cpu`: what it sends on loopback arrives on
/// that CPU.
fn on_cpu<T: Send>(cpu: usize, f: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|s| {
        s.spawn(|| {
            let mut set = rustix::thread::CpuSet::new();
            set.set(cpu);
            rustix::thread::sched_setaffinity(None, &set).expect("pin the client thread");
            f()
        })
        .join()
        .unwrap()
    })
}

/// The worker that serves a request sent on `c` (tests/fixtures/reliability/app/worker).
fn worker_of(c: &mut TcpStream) -> String {
    write!(c, "GET /worker HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let (head, worker) = read_one(c);
    assert_eq!(status_of(&head), "200");
    worker
}

#[test]
fn pinned_workers_serve_the_connections_of_clients_on_their_cpu() {
    let allowed = rustix::thread::sched_getaffinity(None).unwrap();
    let cpus: Vec<usize> = (0..rustix::thread::CpuSet::MAX_CPU)
        .filter(|&c| allowed.is_set(c))
        .collect();
    let [a, b, ..] = cpus[..] else {
        eprintln!("skipped: one CPU");
        return;
    };
    let srv = Spawned::start_workers(2, &["--pin-workers", "on"]);
    // Two clients, each on a CPU of its own with three connections: each client's requests
    // are all served by one worker, the worker pinned on its CPU, not spread over both.
    let connect_on = |cpu| on_cpu(cpu, || (0..3).map(|_| srv.connect()).collect::<Vec<_>>());
    let mut from_a = connect_on(a);
    let mut from_b = connect_on(b);
    let ask = |cpu, conns: &mut [TcpStream]| {
        on_cpu(cpu, || {
            conns
                .iter_mut()
                .map(worker_of)
                .collect::<std::collections::HashSet<_>>()
        })
    };
    let served_a = ask(a, &mut from_a);
    let served_b = ask(b, &mut from_b);
    assert_eq!(
        served_a.len(),
        1,
        "client on CPU {a} served by {served_a:?}"
    );
    assert_eq!(
        served_b.len(),
        1,
        "client on CPU {b} served by {served_b:?}"
    );
    assert_ne!(served_a, served_b, "both clients served by one worker");
    // A client that moves to the other CPU: once its connection is idle, the worker pinned
    // there takes it over (every 50 ms), and serves its next requests.
    let moved = &mut from_b[0];
    on_cpu(a, || worker_of(moved));
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        std::thread::sleep(Duration::from_millis(60));
        let now = on_cpu(a, || worker_of(moved));
        if served_a.contains(&now) {
            break;
        }
        assert!(Instant::now() < deadline, "the connection stayed on {now}");
    }
    // The others stay where they are.
    assert_eq!(ask(b, &mut from_b[1..]), served_b);
}

#[test]
fn connections_arriving_together_are_spread_over_the_workers() {
    // One worker runs a handler for 40 ms (below the 50 ms that mark it busy) while a burst
    // of connections arrives, as a load balancer's pool or a benchmark opens one: the other
    // worker accepts them all, and keep-alive would keep them there.
    let srv = Spawned::start_workers(2, &["--max-sync-ms", "40"]);
    let mut spinner = srv.connect();
    spinner
        .write_all(b"GET /spin HTTP/1.1\r\nHost: x\r\n\r\n")
        .unwrap();
    std::thread::sleep(Duration::from_millis(5));
    let mut conns: Vec<TcpStream> = (0..16).map(|_| srv.connect()).collect();
    assert_eq!(status_of(&read_one(&mut spinner).0), "500");
    let mut per_worker: std::collections::HashMap<String, usize> = Default::default();
    for c in &mut conns {
        write!(c, "GET /worker HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        let (head, worker) = read_one(c);
        assert_eq!(status_of(&head), "200");
        *per_worker.entry(worker).or_default() += 1;
    }
    assert_eq!(
        per_worker.len(),
        2,
        "one worker serves them all: {per_worker:?}"
    );
    assert!(
        per_worker.values().all(|&n| n >= 6),
        "uneven: {per_worker:?}"
    );
    // Each stays where it is.
    for c in &mut conns {
        write!(c, "GET /worker HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
        assert_eq!(status_of(&read_one(c).0), "200");
    }
}
