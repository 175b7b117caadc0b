//! Minimal HTTP/1.1 client over `std::net::TcpStream`.
//!
//! It keeps what higher-level clients hide: the exact status line and reason
//! phrase, every header line in order (repeated `Set-Cookie` / `Allow`), the
//! raw body after de-chunking, whether the chunked body was properly
//! terminated, and when each piece of the body arrived.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

pub(crate) struct Request {
    pub(crate) method: String,
    pub(crate) target: String,
    /// Header lines in order; a `host` entry replaces the default Host.
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Option<Vec<u8>>,
    /// Send the body with `Transfer-Encoding: chunked`, one chunk per entry,
    /// sleeping `chunk_delay` between chunks.
    pub(crate) chunks: Option<Vec<Vec<u8>>>,
    pub(crate) chunk_delay: Duration,
}

#[derive(Debug, Clone)]
pub(crate) struct Response {
    pub(crate) status: u16,
    pub(crate) status_text: String,
    /// Names lower-cased, in arrival order.
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Vec<u8>,
    /// False when a chunked body ended without the terminating zero chunk, or
    /// a Content-Length body ended early.
    pub(crate) complete: bool,
    /// Milliseconds between the first and the last body byte arriving.
    pub(crate) body_spread_ms: u64,
}

impl Response {
    /// The response as if the upstream listened on its recorded port: every
    /// `127.0.0.1:<port>` (not followed by a digit) in the body and the header
    /// values becomes `127.0.0.1:47811`, the address Next.js was recorded with.
    pub(crate) fn with_upstream_port(mut self, port: u16) -> Response {
        if port == crate::upstream::DEFAULT_PORT {
            return self;
        }
        let from = format!("127.0.0.1:{port}");
        let to = format!("127.0.0.1:{}", crate::upstream::DEFAULT_PORT);
        self.body = replace_addr(&self.body, from.as_bytes(), to.as_bytes());
        for (_, v) in &mut self.headers {
            if v.contains(&from) {
                let b = replace_addr(v.as_bytes(), from.as_bytes(), to.as_bytes());
                *v = String::from_utf8_lossy(&b).into_owned();
            }
        }
        self
    }

    pub(crate) fn header_values(&self, name: &str) -> Vec<String> {
        self.headers
            .iter()
            .filter(|(n, _)| n == name)
            .map(|(_, v)| v.clone())
            .collect()
    }
}

const READ_TIMEOUT: Duration = Duration::from_secs(10);

pub(crate) fn send(host: &str, port: u16, req: &Request) -> Result<Response, String> {
    let addr = format!("{host}:{port}");
    let mut stream = TcpStream::connect(&addr).map_err(|e| format!("connect {addr}: {e}"))?;
    stream.set_read_timeout(Some(READ_TIMEOUT)).ok();
    stream.set_write_timeout(Some(READ_TIMEOUT)).ok();
    stream.set_nodelay(true).ok();

    let mut head = format!("{} {} HTTP/1.1\r\n", req.method, req.target);
    let has = |n: &str| req.headers.iter().any(|(k, _)| k.eq_ignore_ascii_case(n));
    if !has("host") {
        head.push_str(&format!("Host: {host}:{port}\r\n"));
    }
    if !has("user-agent") {
        head.push_str("User-Agent: ferroute-conformance/1\r\n");
    }
    if !has("accept") {
        head.push_str("Accept: */*\r\n");
    }
    if !has("connection") {
        head.push_str("Connection: close\r\n");
    }
    for (k, v) in &req.headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    if let Some(chunks) = &req.chunks {
        if !has("transfer-encoding") {
            head.push_str("Transfer-Encoding: chunked\r\n");
        }
        head.push_str("\r\n");
        stream
            .write_all(head.as_bytes())
            .map_err(|e| format!("write: {e}"))?;
        for (i, c) in chunks.iter().enumerate() {
            if i > 0 {
                std::thread::sleep(req.chunk_delay);
            }
            let mut piece = format!("{:x}\r\n", c.len()).into_bytes();
            piece.extend_from_slice(c);
            piece.extend_from_slice(b"\r\n");
            stream
                .write_all(&piece)
                .map_err(|e| format!("write chunk: {e}"))?;
            stream.flush().ok();
        }
        stream
            .write_all(b"0\r\n\r\n")
            .map_err(|e| format!("write end: {e}"))?;
    } else {
        if let Some(body) = &req.body {
            if !has("content-length") {
                head.push_str(&format!("Content-Length: {}\r\n", body.len()));
            }
        }
        head.push_str("\r\n");
        let mut all = head.into_bytes();
        if let Some(body) = &req.body {
            all.extend_from_slice(body);
        }
        // A server may answer (e.g. 400) and close before reading a large body;
        // a write error is only fatal when no response can be read afterwards.
        if let Err(e) = stream.write_all(&all) {
            let mut r = Reader::new(stream);
            return read_response(&mut r, &req.method)
                .map_err(|e2| format!("write: {e}; then {e2}"));
        }
    }
    stream.flush().ok();
    let mut r = Reader::new(stream);
    read_response(&mut r, &req.method)
}

struct Reader {
    stream: TcpStream,
    buf: Vec<u8>,
    pos: usize,
    eof: bool,
    first_body: Option<Instant>,
    last_body: Option<Instant>,
    in_body: bool,
}

impl Reader {
    fn new(stream: TcpStream) -> Reader {
        Reader {
            stream,
            buf: Vec::new(),
            pos: 0,
            eof: false,
            first_body: None,
            last_body: None,
            in_body: false,
        }
    }

    /// Read more bytes into the buffer; false at EOF (or on a reset after the
    /// peer closed, which some servers do when a stream errors).
    fn fill(&mut self) -> Result<bool, String> {
        if self.eof {
            return Ok(false);
        }
        let mut tmp = [0u8; 16384];
        match self.stream.read(&mut tmp) {
            Ok(0) => {
                self.eof = true;
                Ok(false)
            }
            Ok(n) => {
                if self.in_body {
                    let now = Instant::now();
                    self.first_body.get_or_insert(now);
                    self.last_body = Some(now);
                }
                self.buf.extend_from_slice(&tmp[..n]);
                Ok(true)
            }
            Err(e) if e.kind() == std::io::ErrorKind::ConnectionReset => {
                self.eof = true;
                Ok(false)
            }
            Err(e) => Err(format!("read: {e}")),
        }
    }

    fn avail(&self) -> &[u8] {
        &self.buf[self.pos..]
    }

    fn line(&mut self) -> Result<Option<String>, String> {
        loop {
            if let Some(idx) = self.avail().windows(2).position(|w| w == b"\r\n") {
                let l = String::from_utf8_lossy(&self.avail()[..idx]).into_owned();
                self.pos += idx + 2;
                return Ok(Some(l));
            }
            if !self.fill()? {
                return Ok(None);
            }
        }
    }

    /// Up to `n` bytes; fewer only at EOF.
    fn take(&mut self, n: usize) -> Result<Vec<u8>, String> {
        while self.avail().len() < n {
            if !self.fill()? {
                break;
            }
        }
        let k = n.min(self.avail().len());
        let out = self.avail()[..k].to_vec();
        self.pos += k;
        Ok(out)
    }

    fn rest(&mut self) -> Result<Vec<u8>, String> {
        while self.fill()? {}
        let out = self.avail().to_vec();
        self.pos = self.buf.len();
        Ok(out)
    }

    fn start_body(&mut self) {
        self.in_body = true;
        if !self.avail().is_empty() {
            let now = Instant::now();
            self.first_body = Some(now);
            self.last_body = Some(now);
        }
    }
}

fn read_response(r: &mut Reader, method: &str) -> Result<Response, String> {
    loop {
        let status_line = r.line()?.ok_or("connection closed before a status line")?;
        let mut parts = status_line.splitn(3, ' ');
        let _version = parts.next().unwrap_or_default();
        let status: u16 = parts
            .next()
            .and_then(|s| s.parse().ok())
            .ok_or_else(|| format!("bad status line {status_line:?}"))?;
        let status_text = parts.next().unwrap_or_default().to_string();
        let mut headers = Vec::new();
        loop {
            let l = r.line()?.ok_or("connection closed inside headers")?;
            if l.is_empty() {
                break;
            }
            if let Some((k, v)) = l.split_once(':') {
                headers.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
            }
        }
        if (100..200).contains(&status) && status != 101 {
            continue; // 100 Continue / 103 Early Hints: the real response follows.
        }
        let mut resp = Response {
            status,
            status_text,
            headers,
            body: Vec::new(),
            complete: true,
            body_spread_ms: 0,
        };
        let no_body = method.eq_ignore_ascii_case("HEAD") || status == 204 || status == 304;
        if !no_body {
            r.start_body();
            let chunked = resp
                .header_values("transfer-encoding")
                .iter()
                .any(|v| v.to_ascii_lowercase().contains("chunked"));
            if chunked {
                let (body, complete) = read_chunked(r)?;
                resp.body = body;
                resp.complete = complete;
            } else if let Some(len) = resp
                .header_values("content-length")
                .first()
                .and_then(|v| v.parse::<usize>().ok())
            {
                resp.body = r.take(len)?;
                resp.complete = resp.body.len() == len;
            } else {
                resp.body = r.rest()?;
            }
        }
        if let (Some(a), Some(b)) = (r.first_body, r.last_body) {
            resp.body_spread_ms = b.duration_since(a).as_millis() as u64;
        }
        return Ok(resp);
    }
}

fn read_chunked(r: &mut Reader) -> Result<(Vec<u8>, bool), String> {
    let mut body = Vec::new();
    loop {
        let Some(size_line) = r.line()? else {
            return Ok((body, false));
        };
        let size_hex = size_line.split(';').next().unwrap_or_default().trim();
        let Ok(size) = usize::from_str_radix(size_hex, 16) else {
            return Ok((body, false));
        };
        if size == 0 {
            // Trailers until the empty line.
            loop {
                match r.line()? {
                    Some(l) if !l.is_empty() => continue,
                    Some(_) => return Ok((body, true)),
                    None => return Ok((body, false)),
                }
            }
        }
        let data = r.take(size)?;
        let short = data.len() < size;
        body.extend_from_slice(&data);
        if short {
            return Ok((body, false));
        }
        match r.line()? {
            Some(l) if l.is_empty() => {}
            _ => return Ok((body, false)),
        }
    }
}

/// `text` with each `from` that is not followed by a digit replaced by `to`.
fn replace_addr(text: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        if text[i..].starts_with(from) && !text.get(i + from.len()).is_some_and(u8::is_ascii_digit)
        {
            out.extend_from_slice(to);
            i += from.len();
        } else {
            out.push(text[i]);
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::replace_addr;

    #[test]
    fn upstream_port_is_replaced_only_as_a_whole_number() {
        let r = replace_addr(
            b"a 127.0.0.1:4000/x 127.0.0.1:40001 127.0.0.1:4000",
            b"127.0.0.1:4000",
            b"127.0.0.1:47811",
        );
        assert_eq!(
            r,
            b"a 127.0.0.1:47811/x 127.0.0.1:40001 127.0.0.1:47811".to_vec()
        );
    }
}
