//! Deterministic upstream HTTP server that fixtures `fetch` from.
//!
//! Listens on 127.0.0.1. Fixtures name it by its recorded address,
//! `http://127.0.0.1:47811` ([`RECORDED_ORIGIN`]); `run` and `record` bind a free port
//! and rewrite that address in the working copy of the fixture (`server::prepare_dir`),
//! and rewrite the port back in every response (`client::Response::with_upstream_port`),
//! so goldens keep the recorded address and no fixed port has to be free.
//! Endpoints (any method):
//! - `/count/<key>`: `{"key":"<key>","n":N}` where N counts requests for that key
//!   since the upstream started (or was reset);
//! - `/echo...`: `{"method","path","headers","body"}` with only the stable
//!   request headers (`content-type`, `authorization`, `api-key`, `x-*`);
//! - `/slow?ms=N`: waits N ms (max 10 s), then `{"slept":N}`;
//! - `/status/<code>`: that status with body `upstream status <code>`;
//! - `/kv/<key>`: PUT/POST stores the request body; GET answers the stored
//!   body, or `null` when nothing was stored;
//! - anything else: 404 `{"error":"not found"}`.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// The port fixtures and goldens name (the standalone `upstream` command's default).
pub(crate) const DEFAULT_PORT: u16 = 47811;
/// The upstream's address as fixtures write it and as Next.js recorded it.
pub(crate) const RECORDED_ORIGIN: &str = "http://127.0.0.1:47811";

#[derive(Clone, Default)]
pub(crate) struct Upstream {
    counts: Arc<Mutex<BTreeMap<String, u64>>>,
    kv: Arc<Mutex<BTreeMap<String, String>>>,
    port: u16,
}

impl Upstream {
    /// Bind a free port and serve on a background thread.
    pub(crate) fn start() -> Result<Upstream, String> {
        let listener = TcpListener::bind(("127.0.0.1", 0))
            .map_err(|e| format!("upstream: cannot bind 127.0.0.1:0: {e}"))?;
        let port = listener.local_addr().map_err(|e| e.to_string())?.port();
        let up = Upstream {
            port,
            ..Upstream::default()
        };
        let served = up.clone();
        std::thread::spawn(move || serve(listener, served));
        Ok(up)
    }

    /// The port it listens on.
    pub(crate) fn port(&self) -> u16 {
        self.port
    }

    /// Its origin, which replaces [`RECORDED_ORIGIN`] in the fixture's working copy.
    pub(crate) fn origin(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub(crate) fn reset(&self) {
        self.counts.lock().expect("upstream lock").clear();
        self.kv.lock().expect("upstream lock").clear();
    }
}

/// Serve forever on the calling thread (`upstream` subcommand).
pub(crate) fn run_forever(port: u16) -> Result<(), String> {
    let listener = TcpListener::bind(("127.0.0.1", port))
        .map_err(|e| format!("upstream: cannot bind 127.0.0.1:{port}: {e}"))?;
    eprintln!("upstream listening on http://127.0.0.1:{port}");
    serve(listener, Upstream::default());
    Ok(())
}

fn serve(listener: TcpListener, up: Upstream) {
    for conn in listener.incoming() {
        let Ok(conn) = conn else { continue };
        let up = up.clone();
        std::thread::spawn(move || {
            let _ = handle(conn, &up);
        });
    }
}

fn json_str(s: &str) -> String {
    serde_json::Value::String(s.to_string()).to_string()
}

fn handle(stream: TcpStream, up: &Upstream) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(30)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut writer = stream;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 {
            return Ok(());
        }
        let line = line.trim_end().to_string();
        if line.is_empty() {
            continue;
        }
        let mut parts = line.split(' ');
        let method = parts.next().unwrap_or_default().to_string();
        let target = parts.next().unwrap_or_default().to_string();
        let mut headers: Vec<(String, String)> = Vec::new();
        loop {
            let mut h = String::new();
            if reader.read_line(&mut h)? == 0 {
                return Ok(());
            }
            let h = h.trim_end();
            if h.is_empty() {
                break;
            }
            if let Some((k, v)) = h.split_once(':') {
                headers.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
            }
        }
        let get = |n: &str| headers.iter().find(|(k, _)| k == n).map(|(_, v)| v.clone());
        let mut body = Vec::new();
        if get("transfer-encoding").is_some_and(|v| v.contains("chunked")) {
            loop {
                let mut sz = String::new();
                reader.read_line(&mut sz)?;
                let n = usize::from_str_radix(sz.trim().split(';').next().unwrap_or("0"), 16)
                    .unwrap_or(0);
                if n == 0 {
                    let mut end = String::new();
                    reader.read_line(&mut end)?;
                    break;
                }
                let mut chunk = vec![0; n];
                reader.read_exact(&mut chunk)?;
                body.extend_from_slice(&chunk);
                let mut crlf = String::new();
                reader.read_line(&mut crlf)?;
            }
        } else if let Some(len) = get("content-length").and_then(|v| v.parse::<usize>().ok()) {
            body = vec![0; len];
            reader.read_exact(&mut body)?;
        }
        let close = get("connection").is_some_and(|v| v.eq_ignore_ascii_case("close"));
        let (path, query) = target.split_once('?').unwrap_or((&target, ""));
        let (status, out) = route(up, &method, path, query, &target, &headers, &body);
        let resp = format!(
            "HTTP/1.1 {status} {}\r\ncontent-type: application/json\r\ncontent-length: {}\r\ncache-control: no-store\r\n{}\r\n",
            reason(status),
            out.len(),
            if close { "connection: close\r\n" } else { "" }
        );
        writer.write_all(resp.as_bytes())?;
        writer.write_all(out.as_bytes())?;
        writer.flush()?;
        if close {
            return Ok(());
        }
    }
}

fn route(
    up: &Upstream,
    method: &str,
    path: &str,
    query: &str,
    target: &str,
    headers: &[(String, String)],
    body: &[u8],
) -> (u16, String) {
    if let Some(key) = path.strip_prefix("/count/") {
        let n = {
            let mut c = up.counts.lock().expect("upstream lock");
            let e = c.entry(key.to_string()).or_insert(0);
            *e += 1;
            *e
        };
        return (200, format!("{{\"key\":{},\"n\":{n}}}", json_str(key)));
    }
    if let Some(key) = path.strip_prefix("/kv/") {
        let mut kv = up.kv.lock().expect("upstream lock");
        if method == "PUT" || method == "POST" {
            kv.insert(key.to_string(), String::from_utf8_lossy(body).into_owned());
            return (200, "{\"stored\":true}".to_string());
        }
        return (
            200,
            kv.get(key).cloned().unwrap_or_else(|| "null".to_string()),
        );
    }
    if path.starts_with("/echo") {
        // Keys in sorted order whatever serde_json's features (the goldens were recorded so).
        let mut hs = std::collections::BTreeMap::new();
        for (k, v) in headers {
            let keep = k == "content-type"
                || k == "authorization"
                || k == "api-key"
                || k.starts_with("x-");
            if keep && !k.starts_with("x-forwarded") {
                hs.insert(k.clone(), serde_json::Value::String(v.clone()));
            }
        }
        let mut v = std::collections::BTreeMap::new();
        v.insert("method", serde_json::json!(method));
        v.insert("path", serde_json::json!(target));
        v.insert("headers", serde_json::json!(hs));
        v.insert("body", serde_json::json!(String::from_utf8_lossy(body)));
        let v = serde_json::to_string(&v).unwrap_or_default();
        return (200, v);
    }
    if path == "/slow" {
        let ms: u64 = query
            .split('&')
            .find_map(|kv| kv.strip_prefix("ms="))
            .and_then(|v| v.parse().ok())
            .unwrap_or(100)
            .min(10_000);
        std::thread::sleep(Duration::from_millis(ms));
        return (200, format!("{{\"slept\":{ms}}}"));
    }
    if let Some(code) = path
        .strip_prefix("/status/")
        .and_then(|c| c.parse::<u16>().ok())
    {
        return (code, format!("upstream status {code}"));
    }
    (404, "{\"error\":\"not found\"}".to_string())
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        201 => "Created",
        204 => "No Content",
        400 => "Bad Request",
        404 => "Not Found",
        500 => "Internal Server Error",
        _ => "Status",
    }
}
