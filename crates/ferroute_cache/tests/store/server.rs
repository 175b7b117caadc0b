//! Starts and stops a real `redis-server` for a test: no persistence, in a temp folder, on a
//! free port of 127.0.0.1.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::TempDir;

pub(crate) struct RedisServer {
    pub(crate) port: u16,
    child: Option<Child>,
    dir: TempDir,
}

/// Where `redis-server` is, or `None` (the caller prints why it skips).
pub(crate) fn redis_server_binary() -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain([PathBuf::from("/usr/bin"), PathBuf::from("/usr/sbin")])
        .map(|d| d.join("redis-server"))
        .find(|p| p.is_file())
}

/// Starts a server, or returns `None` after printing why the test is skipped.
pub(crate) fn start_or_skip(test: &str) -> Option<RedisServer> {
    if redis_server_binary().is_none() {
        println!("SKIP {test}: redis-server is not installed (apt-get install redis-server)");
        return None;
    }
    Some(RedisServer::start())
}

impl RedisServer {
    pub(crate) fn start() -> Self {
        let port = free_port();
        let mut server = Self {
            port,
            child: None,
            dir: TempDir::new("redis"),
        };
        server.restart();
        server
    }

    pub(crate) fn url(&self) -> String {
        format!("redis://127.0.0.1:{}", self.port)
    }

    /// Starts the server (again) on the same port.
    pub(crate) fn restart(&mut self) {
        assert!(self.child.is_none(), "already running");
        let bin = redis_server_binary().expect("redis-server");
        let child = Command::new(bin)
            .args(["--port", &self.port.to_string(), "--bind", "127.0.0.1"])
            .args(["--save", "", "--appendonly", "no", "--protected-mode", "no"])
            .arg("--dir")
            .arg(self.dir.path())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn redis-server");
        self.child = Some(child);
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if self
                .command(&["PING"])
                .is_some_and(|r| r.starts_with("+PONG"))
            {
                return;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        panic!("redis-server did not answer on port {}", self.port);
    }

    /// Kills the server (SIGKILL, as a crash) and waits for it to be gone.
    pub(crate) fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Sends one command over a fresh connection and returns the raw reply.
    pub(crate) fn command(&self, args: &[&str]) -> Option<String> {
        let mut s = TcpStream::connect(("127.0.0.1", self.port)).ok()?;
        s.set_read_timeout(Some(Duration::from_secs(2))).ok()?;
        let mut req = format!("*{}\r\n", args.len());
        for a in args {
            req.push_str(&format!("${}\r\n{a}\r\n", a.len()));
        }
        s.write_all(req.as_bytes()).ok()?;
        let mut buf = [0u8; 512];
        let n = s.read(&mut buf).ok()?;
        Some(String::from_utf8_lossy(&buf[..n]).into_owned())
    }

    /// The `PTTL` of `key` in milliseconds (-1: no TTL, -2: no key).
    pub(crate) fn pttl(&self, key: &str) -> i64 {
        let reply = self.command(&["PTTL", key]).expect("PTTL");
        reply
            .trim()
            .trim_start_matches(':')
            .parse()
            .expect("integer reply")
    }
}

impl Drop for RedisServer {
    fn drop(&mut self) {
        self.stop();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .expect("bind")
        .local_addr()
        .expect("addr")
        .port()
}
