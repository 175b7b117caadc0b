//! ferroute's own HTTP/1.1 path for the common request, in front of hyper.
//!
//! Most requests a route handler serves are the same shape: HTTP/1.1, no body, no
//! `Expect`, no `Upgrade`, a response with no `transfer-encoding`, `connection` or `trailer`
//! of its own. This path parses such a request with httparse (as hyper does), calls the
//! service, and writes the response as hyper would (the same status line, header order,
//! framing and `date`), in one write for a body at hand. It costs a `[slug]` request about a
//! quarter fewer instructions than hyper's connection and dispatcher (docs/engine-boundary.md,
//! "Session 22").
//!
//! Anything else is hyper's: at the first request this path does not take (a body, an old
//! version, a malformed or oversized head, a header that changes framing) or response it
//! does not write (1xx, its own `transfer-encoding`, `connection` or `trailer`, two
//! `content-length` values or a bad one), the connection goes to hyper for the rest of its
//! life, with the bytes read so far, and, for a response, the request's head again so that
//! hyper answers it with the response already made ([`Outcome::Hyper`]). Every error answer
//! (400, 431, ...) is thus hyper's own.
//!
//! The socket is the same [`Watched`] hyper reads through, so the connection's state, its
//! watchdog and the handover of idle connections between workers see the same events.

use std::cell::Cell;
use std::future::{poll_fn, Future};
use std::io;
use std::mem::MaybeUninit;
use std::net::SocketAddr;
use std::pin::pin;
use std::rc::Rc;
use std::task::{Context, Poll};
use std::time::{SystemTime, UNIX_EPOCH};

use bytes::{Bytes, BytesMut};
use ferroute_runtime::{IncomingBody, ResponseBody};
use http::header::{self, HeaderName, HeaderValue};
use http::{HeaderMap, Method, Request, Response, StatusCode, Uri, Version};
use http_body::Body;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

use super::{ConnState, Tracked, Watched};

/// Most header fields parsed here; a head with more (only possible when
/// `--max-headers` is raised) is hyper's.
const MAX_HEADERS: usize = 100;

/// A body up to this size is copied behind the head, for one write a response.
const COPY_BODY: usize = 64 * 1024;

/// How the fast path left the connection.
pub(crate) enum Outcome<S> {
    /// It ended: closed by either side, or given to another worker.
    Closed,
    /// hyper serves it from here.
    Hyper(Box<Handover<S>>),
}

/// What hyper takes a connection with.
pub(crate) struct Handover<S> {
    pub(crate) io: Watched<S>,
    /// What was read and not yet served (starting with the head of the request `first`
    /// answers, when there is one).
    pub(crate) read: Bytes,
    pub(crate) first: Option<Response<ResponseBody>>,
}

/// Serves `io` until it ends or hyper must take it. Once the server shuts down (the state's
/// `shutdown`), the connection closes after its current response, or at once when idle.
pub(crate) async fn serve<S, H, F>(
    io: Watched<S>,
    state: Rc<ConnState>,
    handle: Rc<H>,
    remote: SocketAddr,
) -> Outcome<S>
where
    S: AsyncRead + AsyncWrite + Unpin,
    H: Fn(Request<IncomingBody>, SocketAddr) -> F,
    F: Future<Output = Response<ResponseBody>>,
{
    let max_read = state.limits.max_header_size.max(8192);
    let max_headers = state.limits.max_headers.min(MAX_HEADERS);
    state.fast.set(true);
    let mut conn = Conn {
        io,
        state,
        input: Input::default(),
        out: Vec::new(),
        max_read,
    };
    let mut fields = Vec::new();
    loop {
        let head = loop {
            match parse(conn.input.pending(), max_headers, &mut fields) {
                Parsed::Head(head) => break head,
                Parsed::Partial if conn.input.len() < max_read => {}
                Parsed::Partial | Parsed::Other => return conn.into_hyper(Bytes::new(), None),
            }
            let read = poll_fn(|cx| {
                if conn.state.shutdown.get() && conn.input.len() == 0 {
                    return Poll::Ready(Ok(0));
                }
                conn.input.poll_fill(&mut conn.io, cx, max_read)
            })
            .await;
            if !matches!(read, Ok(n) if n > 0) {
                return Outcome::Closed;
            }
        };
        let bytes = conn.input.split(head.len);
        let Some(req) = head.request(&bytes, &fields) else {
            return conn.into_hyper(bytes, None);
        };
        let is_head = req.method() == Method::HEAD;
        conn.state.begin_request();
        let answer = handle(req, remote);
        let Some(res) = conn.answer(answer).await else {
            return Outcome::Closed;
        };
        let close = head.close || conn.state.shutdown.get();
        let (parts, body) = res.into_parts();
        let length = if body.is_end_stream() {
            None
        } else {
            Some(body.size_hint().exact())
        };
        let Some(framing) = encode_head(&mut conn.out, &parts, is_head, length, close) else {
            return conn.into_hyper(bytes, Some(Response::from_parts(parts, body)));
        };
        drop(bytes);
        let body = Tracked::new(body, conn.state.clone());
        if !conn.send(body, framing).await {
            return Outcome::Closed;
        }
        if close || conn.state.shutdown.get() {
            let _ = conn.io.shutdown().await;
            return Outcome::Closed;
        }
    }
}

/// One connection on the fast path.
struct Conn<S> {
    io: Watched<S>,
    state: Rc<ConnState>,
    input: Input,
    /// The response being written, reused from one response to the next.
    out: Vec<u8>,
    max_read: usize,
}

/// What the next frame of a response body brought, or why there is none yet.
enum Next {
    Data(Bytes),
    End,
    Failed,
    /// Nothing ready yet, and the bytes gathered so far should go out meanwhile.
    Flush,
    /// The client went away.
    Gone,
}

/// How a response's body goes out.
#[derive(Debug, PartialEq, Eq)]
enum Framing {
    /// No body (HEAD, 204, 304, or an empty one).
    None,
    Length(u64),
    Chunked,
}

impl<S: AsyncRead + AsyncWrite + Unpin> Conn<S> {
    /// Hands the connection to hyper, with `head` (the current request's, when `first` is its
    /// answer or hyper is to parse it) in front of what is still unread.
    fn into_hyper(self, head: Bytes, first: Option<Response<ResponseBody>>) -> Outcome<S> {
        let rest = self.input.pending();
        let read = if rest.is_empty() {
            head
        } else if head.is_empty() {
            Bytes::copy_from_slice(rest)
        } else {
            let mut all = Vec::with_capacity(head.len() + rest.len());
            all.extend_from_slice(&head);
            all.extend_from_slice(rest);
            Bytes::from(all)
        };
        self.state.to_hyper(&read);
        Outcome::Hyper(Box::new(Handover {
            io: self.io,
            read,
            first,
        }))
    }

    /// Keeps reading while the client waits for `answer` (hyper does the same): the end of
    /// the connection drops the answer, which tells the handler its client has gone.
    async fn answer<F: Future<Output = Response<ResponseBody>>>(
        &mut self,
        answer: F,
    ) -> Option<Response<ResponseBody>> {
        let mut answer = pin!(answer);
        poll_fn(|cx| {
            if let Poll::Ready(res) = answer.as_mut().poll(cx) {
                return Poll::Ready(Some(res));
            }
            match self.watch_read(cx) {
                true => Poll::Ready(None),
                false => Poll::Pending,
            }
        })
        .await
    }

    /// Reads what the client sends while a response is pending: true when the connection has
    /// ended. Stops reading once `max_read` bytes wait (the client then waits too).
    fn watch_read(&mut self, cx: &mut Context<'_>) -> bool {
        while self.input.len() < self.max_read {
            match self.input.poll_fill(&mut self.io, cx, self.max_read) {
                Poll::Ready(Ok(0) | Err(_)) => return true,
                Poll::Ready(Ok(_)) => {}
                Poll::Pending => return false,
            }
        }
        false
    }

    /// Writes the head in `out` and the body after it: false when the connection must end
    /// (the client went away, the body failed or did not match its length).
    async fn send(&mut self, mut body: Tracked, framing: Framing) -> bool {
        // The connections whose requests arrived together are all answered before any
        // answer is written: the responses then reach the client together, which wakes
        // its threads once for them rather than once each (the kernel's share of a request,
        // on both sides, is most of its cost). A lone request pays one more look at the
        // sockets (docs/engine-boundary.md, "Session 22").
        tokio::task::yield_now().await;
        let mut left = match framing {
            Framing::None => {
                self.end(body);
                return self.write_out().await && self.flush().await;
            }
            Framing::Length(n) => n,
            Framing::Chunked => 0,
        };
        let chunked = framing == Framing::Chunked;
        loop {
            match self.next_frame(&mut body).await {
                Next::Data(data) if data.is_empty() => {}
                Next::Data(data) => {
                    if chunked {
                        push_hex(&mut self.out, data.len());
                        self.out.extend_from_slice(b"\r\n");
                    } else if data.len() as u64 > left {
                        // More than the length announced: hyper ends the connection too.
                        let _ = self.write_out().await;
                        return false;
                    } else {
                        left -= data.len() as u64;
                    }
                    if data.len() <= COPY_BODY {
                        self.out.extend_from_slice(&data);
                    } else if !(self.write_out().await && self.write(&data).await) {
                        return false;
                    }
                    if chunked {
                        self.out.extend_from_slice(b"\r\n");
                    }
                }
                Next::End => {
                    if chunked {
                        self.out.extend_from_slice(b"0\r\n\r\n");
                    }
                    // Ended short of its length: the client must not wait for the rest.
                    let whole = self.write_out().await && left == 0;
                    self.end(body);
                    return whole && self.flush().await;
                }
                Next::Flush => {
                    if !self.write_out().await {
                        return false;
                    }
                }
                Next::Failed => {
                    // What was produced goes out; the missing end tells the client.
                    let _ = self.write_out().await;
                    return false;
                }
                Next::Gone => return false,
            }
        }
    }

    fn next_frame<'a>(&'a mut self, body: &'a mut Tracked) -> impl Future<Output = Next> + 'a {
        poll_fn(move |cx| {
            loop {
                match std::pin::Pin::new(&mut *body).poll_frame(cx) {
                    Poll::Ready(Some(Ok(frame))) => match frame.into_data() {
                        Ok(data) => return Poll::Ready(Next::Data(data)),
                        // Trailers: Next.js sends none, and neither does hyper unless asked.
                        Err(_) => continue,
                    },
                    Poll::Ready(Some(Err(_))) => return Poll::Ready(Next::Failed),
                    Poll::Ready(None) => return Poll::Ready(Next::End),
                    Poll::Pending => {}
                }
                if !self.out.is_empty() {
                    return Poll::Ready(Next::Flush);
                }
                return match self.watch_read(cx) {
                    true => Poll::Ready(Next::Gone),
                    false => Poll::Pending,
                };
            }
        })
    }

    /// Ends the response (its body tells the connection's state), noting whether anything
    /// of a next request was read: a clean connection may go to another worker.
    fn end(&self, body: Tracked) {
        drop(body);
        self.state.clean.set(self.input.len() == 0);
    }

    /// Writes and empties `out`: false when the connection failed.
    async fn write_out(&mut self) -> bool {
        if self.out.is_empty() {
            return true;
        }
        let ok = self.io.write_all(&self.out).await.is_ok();
        self.out.clear();
        if self.out.capacity() > 4 * COPY_BODY {
            self.out = Vec::new();
        }
        ok
    }

    async fn write(&mut self, bytes: &[u8]) -> bool {
        self.io.write_all(bytes).await.is_ok()
    }

    /// The socket's flush, where an idle connection becomes takeable by another worker.
    async fn flush(&mut self) -> bool {
        self.io.flush().await.is_ok()
    }
}

/// The bytes read from the client and not yet served. Heads are split off it and shared
/// with the requests' fields, as hyper shares its read buffer.
#[derive(Default)]
struct Input {
    buf: BytesMut,
}

impl Input {
    fn pending(&self) -> &[u8] {
        &self.buf
    }

    fn len(&self) -> usize {
        self.buf.len()
    }

    fn split(&mut self, n: usize) -> Bytes {
        self.buf.split_to(n).freeze()
    }

    /// Reads once into the buffer, made larger first when nearly full (up to `max`): the
    /// bytes read, 0 at the end of the connection.
    fn poll_fill<S: AsyncRead + AsyncWrite + Unpin>(
        &mut self,
        io: &mut Watched<S>,
        cx: &mut Context<'_>,
        max: usize,
    ) -> Poll<io::Result<usize>> {
        if self.buf.capacity() - self.buf.len() < 1024 {
            if self.buf.len() >= max {
                // Full: the caller stops reading before this.
                return Poll::Ready(Ok(0));
            }
            self.buf.reserve(8192.min(max - self.buf.len()).max(1024));
        }
        pin!(io.read_buf(&mut self.buf)).poll(cx)
    }
}

/// What the bytes read so far hold.
enum Parsed {
    /// A complete head this path serves.
    Head(Head),
    /// Not yet a complete head.
    Partial,
    /// hyper's to answer.
    Other,
}

/// A request head, as spans of its bytes.
struct Head {
    len: usize,
    method: (usize, usize),
    target: (usize, usize),
    /// The client asked to close after this response.
    close: bool,
}

impl Head {
    /// The request, its fields sharing `bytes` (the head's); `None` when one does not make
    /// an `http` value (hyper then answers 400).
    fn request(&self, bytes: &Bytes, fields: &[Field]) -> Option<Request<IncomingBody>> {
        // Read in place where the value copies what it keeps (method, names); shared where it
        // keeps the bytes (target, values).
        let read = |(at, len): (usize, usize)| &bytes[at..at + len];
        let shared = |(at, len): (usize, usize)| bytes.slice(at..at + len);
        let method = Method::from_bytes(read(self.method)).ok()?;
        let uri = Uri::from_maybe_shared(shared(self.target)).ok()?;
        let mut headers = HeaderMap::with_capacity(fields.len());
        for &(name, value) in fields {
            let name = HeaderName::from_bytes(read(name)).ok()?;
            let value = HeaderValue::from_maybe_shared(shared(value)).ok()?;
            headers.append(name, value);
        }
        let mut req = Request::new(ferroute_runtime::empty_incoming());
        *req.method_mut() = method;
        *req.uri_mut() = uri;
        *req.version_mut() = Version::HTTP_11;
        *req.headers_mut() = headers;
        Some(req)
    }
}

/// A header field's name and value, as spans of its head.
type Field = ((usize, usize), (usize, usize));

/// Parses the head at the start of `bytes`, its fields into `spans`.
fn parse(bytes: &[u8], max_headers: usize, spans: &mut Vec<Field>) -> Parsed {
    if bytes.is_empty() {
        return Parsed::Partial;
    }
    let mut fields = [const { MaybeUninit::<httparse::Header<'_>>::uninit() }; MAX_HEADERS];
    let mut req = httparse::Request::new(&mut []);
    let len = match req.parse_with_uninit_headers(bytes, &mut fields[..max_headers]) {
        Ok(httparse::Status::Complete(len)) => len,
        Ok(httparse::Status::Partial) => return Parsed::Partial,
        Err(_) => return Parsed::Other,
    };
    let base = bytes.as_ptr() as usize;
    let span = |s: &[u8]| (s.as_ptr() as usize - base, s.len());
    let (Some(method), Some(target), Some(1)) = (req.method, req.path, req.version) else {
        return Parsed::Other;
    };
    if method == "CONNECT" || !target.starts_with('/') {
        return Parsed::Other;
    }
    let mut close = false;
    spans.clear();
    for field in req.headers.iter() {
        let name = field.name.as_bytes();
        // Framing, upgrades and `Expect` are hyper's; so is any `Connection` but the two
        // plain ones.
        if ["content-length", "transfer-encoding", "expect", "upgrade"]
            .iter()
            .any(|n| name.eq_ignore_ascii_case(n.as_bytes()))
        {
            return Parsed::Other;
        }
        if name.eq_ignore_ascii_case(b"connection") {
            let value = field.value.trim_ascii();
            if value.eq_ignore_ascii_case(b"close") {
                close = true;
            } else if !value.eq_ignore_ascii_case(b"keep-alive") {
                return Parsed::Other;
            }
        }
        spans.push((span(name), span(field.value)));
    }
    Parsed::Head(Head {
        len,
        method: span(method.as_bytes()),
        target: span(target.as_bytes()),
        close,
    })
}

/// Writes a response head as hyper does, or returns `None` for one that is hyper's to write.
/// `length`: `None` for an empty body, else its exact length when known.
fn encode_head(
    out: &mut Vec<u8>,
    parts: &http::response::Parts,
    is_head: bool,
    length: Option<Option<u64>>,
    close: bool,
) -> Option<Framing> {
    let status = parts.status;
    if status.is_informational() {
        return None;
    }
    out.clear();
    let reason = parts.extensions.get::<hyper::ext::ReasonPhrase>();
    if status == StatusCode::OK && reason.is_none() {
        out.extend_from_slice(b"HTTP/1.1 200 OK\r\n");
    } else {
        out.extend_from_slice(b"HTTP/1.1 ");
        out.extend_from_slice(status.as_str().as_bytes());
        out.push(b' ');
        match reason {
            Some(reason) => out.extend_from_slice(reason.as_bytes()),
            None => out.extend_from_slice(status.canonical_reason().unwrap_or("<none>").as_bytes()),
        }
        out.extend_from_slice(b"\r\n");
    }
    let mut dated = false;
    // A `content-length` of the response's own (a file's, a HEAD's): written where it stands,
    // as hyper writes it; `Some` once written, with the length it gives a body of unknown size.
    let mut own_length: Option<Option<u64>> = None;
    for (name, value) in &parts.headers {
        if name == header::TRANSFER_ENCODING
            || name == header::CONNECTION
            || name == header::TRAILER
        {
            out.clear();
            return None;
        }
        if name == header::CONTENT_LENGTH {
            if own_length.is_some() {
                // Two values: hyper's to judge.
                out.clear();
                return None;
            }
            own_length = match length {
                Some(Some(_)) => Some(None),
                Some(None) => match parse_length(value.as_bytes()) {
                    Some(n) => Some(Some(n)),
                    None => {
                        out.clear();
                        return None;
                    }
                },
                None if is_head => Some(None),
                // No body: the header is dropped and `content-length: 0` follows, as from hyper.
                None => continue,
            };
        }
        dated |= name == header::DATE;
        out.extend_from_slice(name.as_str().as_bytes());
        out.extend_from_slice(b": ");
        out.extend_from_slice(value.as_bytes());
        out.extend_from_slice(b"\r\n");
    }
    if close {
        out.extend_from_slice(b"connection: close\r\n");
    }
    let no_content = matches!(status, StatusCode::NO_CONTENT | StatusCode::NOT_MODIFIED);
    let framing = match (own_length, length) {
        (Some(_), _) if is_head || no_content => Framing::None,
        (Some(_), Some(Some(n))) | (Some(Some(n)), _) => Framing::Length(n),
        (Some(None), _) => Framing::None,
        (None, Some(None)) if is_head || no_content => Framing::None,
        (None, Some(None)) => {
            out.extend_from_slice(b"transfer-encoding: chunked\r\n");
            Framing::Chunked
        }
        (None, None | Some(Some(0))) => {
            if !is_head && !no_content {
                out.extend_from_slice(b"content-length: 0\r\n");
            }
            Framing::None
        }
        (None, Some(Some(n))) => {
            if !no_content {
                out.extend_from_slice(b"content-length: ");
                out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
                out.extend_from_slice(b"\r\n");
            }
            if is_head || no_content {
                Framing::None
            } else {
                Framing::Length(n)
            }
        }
    };
    if !dated {
        out.extend_from_slice(b"date: ");
        push_date(out);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"\r\n");
    Some(framing)
}

/// A `content-length` value as hyper reads one: decimal digits, at most 19 of them.
fn parse_length(value: &[u8]) -> Option<u64> {
    if value.is_empty() || value.len() > 19 || !value.iter().all(u8::is_ascii_digit) {
        return None;
    }
    std::str::from_utf8(value).ok()?.parse().ok()
}

/// A chunk's size line, without its line end.
fn push_hex(out: &mut Vec<u8>, n: usize) {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut digits = [0u8; 16];
    let mut at = digits.len();
    let mut n = n;
    loop {
        at -= 1;
        digits[at] = DIGITS[n & 15];
        n >>= 4;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[at..]);
}

thread_local! {
    /// The `date` header's value, made again when the second changes (as hyper caches it).
    static DATE: Cell<(u64, [u8; 29])> = const { Cell::new((u64::MAX, [0; 29])) };
}

fn push_date(out: &mut Vec<u8>) {
    let now = SystemTime::now();
    let second = now.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let text = DATE.with(|date| {
        let (at, text) = date.get();
        if at == second {
            return text;
        }
        let mut text = [0; 29];
        let made = httpdate::fmt_http_date(now);
        if made.len() == text.len() {
            text.copy_from_slice(made.as_bytes());
        }
        date.set((second, text));
        text
    });
    out.extend_from_slice(&text);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn head_of(bytes: &[u8]) -> Head {
        match parse(bytes, MAX_HEADERS, &mut Vec::new()) {
            Parsed::Head(head) => head,
            Parsed::Partial => panic!("partial: {}", String::from_utf8_lossy(bytes)),
            Parsed::Other => panic!("other: {}", String::from_utf8_lossy(bytes)),
        }
    }

    #[test]
    fn a_plain_get_is_parsed_into_a_request() {
        let bytes = b"GET /items/abc?q=1 HTTP/1.1\r\nHost: x\r\nX-A: 1\r\nx-a: 2\r\n\r\nGET /next";
        let mut fields = Vec::new();
        let Parsed::Head(head) = parse(bytes, MAX_HEADERS, &mut fields) else {
            panic!("not a head");
        };
        assert_eq!(&bytes[head.len..], b"GET /next");
        assert!(!head.close);
        let req = head
            .request(&Bytes::copy_from_slice(&bytes[..head.len]), &fields)
            .expect("request");
        assert_eq!(req.method(), Method::GET);
        assert_eq!(req.uri().path(), "/items/abc");
        assert_eq!(req.uri().query(), Some("q=1"));
        assert_eq!(req.headers()["host"], "x");
        let values: Vec<_> = req.headers().get_all("x-a").iter().collect();
        assert_eq!(values, ["1", "2"]);
        assert!(req.body().is_end_stream());
    }

    #[test]
    fn requests_hyper_must_answer_are_left_to_it() {
        for bytes in [
            &b"POST / HTTP/1.1\r\nContent-Length: 2\r\n\r\nhi"[..],
            b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n",
            b"GET / HTTP/1.0\r\n\r\n",
            b"GET / HTTP/1.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n",
            b"GET / HTTP/1.1\r\nExpect: 100-continue\r\n\r\n",
            b"GET http://example.com/ HTTP/1.1\r\n\r\n",
            b"OPTIONS * HTTP/1.1\r\n\r\n",
            b"CONNECT example.com:443 HTTP/1.1\r\n\r\n",
            b"GET / HTTP/1.1\r\nBad Header: x\r\n\r\n",
            b"GET / HTTP/1.1\r\nConnection: keep-alive, x-other\r\n\r\n",
        ] {
            assert!(
                matches!(parse(bytes, MAX_HEADERS, &mut Vec::new()), Parsed::Other),
                "{}",
                String::from_utf8_lossy(bytes)
            );
        }
        assert!(matches!(
            parse(
                b"GET / HTTP/1.1\r\nHost: x\r\n",
                MAX_HEADERS,
                &mut Vec::new()
            ),
            Parsed::Partial
        ));
        let many: Vec<u8> = [&b"GET / HTTP/1.1\r\n"[..]]
            .into_iter()
            .chain(std::iter::repeat_n(&b"a: b\r\n"[..], 101))
            .chain([&b"\r\n"[..]])
            .flatten()
            .copied()
            .collect();
        assert!(matches!(
            parse(&many, MAX_HEADERS, &mut Vec::new()),
            Parsed::Other
        ));
    }

    #[test]
    fn connection_close_is_noted_and_keep_alive_is_plain() {
        assert!(head_of(b"GET / HTTP/1.1\r\nConnection: Close\r\n\r\n").close);
        assert!(!head_of(b"GET / HTTP/1.1\r\nconnection: keep-alive\r\n\r\n").close);
    }

    fn head_text(
        res: Response<()>,
        is_head: bool,
        length: Option<Option<u64>>,
        close: bool,
    ) -> (Option<Framing>, String) {
        let (parts, ()) = res.into_parts();
        let mut out = Vec::new();
        let framing = encode_head(&mut out, &parts, is_head, length, close);
        let text = String::from_utf8(out).expect("ascii");
        // The date this path writes changes: shown as a placeholder.
        let text = match text.find("date: ") {
            Some(at) if text.get(at + 35..at + 37) == Some("\r\n") => {
                format!("{}date: D{}", &text[..at], &text[at + 35..])
            }
            _ => text,
        };
        (framing, text)
    }

    #[test]
    fn heads_are_written_as_hyper_writes_them() {
        let res = Response::builder()
            .header("content-type", "application/json")
            .body(())
            .expect("response");
        assert_eq!(
            head_text(res, false, Some(Some(11)), false),
            (
                Some(Framing::Length(11)),
                "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 11\r\ndate: D\r\n\r\n".into()
            )
        );
        let res = Response::builder().status(404).body(()).expect("response");
        assert_eq!(
            head_text(res, false, None, true),
            (
                Some(Framing::None),
                "HTTP/1.1 404 Not Found\r\nconnection: close\r\ncontent-length: 0\r\ndate: D\r\n\r\n".into()
            )
        );
        let res = Response::builder().status(200).body(()).expect("response");
        assert_eq!(
            head_text(res, false, Some(None), false),
            (
                Some(Framing::Chunked),
                "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\ndate: D\r\n\r\n".into()
            )
        );
        // HEAD: the length is told, no body goes out; 304: neither.
        let res = Response::builder().body(()).expect("response");
        assert_eq!(
            head_text(res, true, Some(Some(5)), false),
            (
                Some(Framing::None),
                "HTTP/1.1 200 OK\r\ncontent-length: 5\r\ndate: D\r\n\r\n".into()
            )
        );
        let res = Response::builder().status(304).body(()).expect("response");
        assert_eq!(
            head_text(res, false, Some(Some(5)), false),
            (
                Some(Framing::None),
                "HTTP/1.1 304 Not Modified\r\ndate: D\r\n\r\n".into()
            )
        );
        let mut res = Response::builder().status(299).body(()).expect("response");
        res.extensions_mut()
            .insert(hyper::ext::ReasonPhrase::from_static(b"Fine"));
        res.headers_mut()
            .insert("date", HeaderValue::from_static("then"));
        assert_eq!(
            head_text(res, false, None, false),
            (
                Some(Framing::None),
                "HTTP/1.1 299 Fine\r\ndate: then\r\ncontent-length: 0\r\n\r\n".into()
            )
        );
    }

    #[test]
    fn a_content_length_of_the_response_s_own_is_written_where_it_stands() {
        let res = || {
            Response::builder()
                .header("content-length", "5")
                .header("etag", "\"x\"")
                .body(())
                .expect("response")
        };
        let text = "HTTP/1.1 200 OK\r\ncontent-length: 5\r\netag: \"x\"\r\ndate: D\r\n\r\n";
        assert_eq!(
            head_text(res(), false, Some(Some(5)), false),
            (Some(Framing::Length(5)), text.into())
        );
        // A stream of unknown length is framed by the header; a HEAD's body is not sent.
        assert_eq!(
            head_text(res(), false, Some(None), false),
            (Some(Framing::Length(5)), text.into())
        );
        assert_eq!(
            head_text(res(), true, None, false),
            (Some(Framing::None), text.into())
        );
        // No body: hyper drops the header and says 0.
        assert_eq!(
            head_text(res(), false, None, false),
            (
                Some(Framing::None),
                "HTTP/1.1 200 OK\r\netag: \"x\"\r\ncontent-length: 0\r\ndate: D\r\n\r\n".into()
            )
        );
        let bad = Response::builder()
            .header("content-length", "5x")
            .body(())
            .expect("response");
        assert_eq!(head_text(bad, false, Some(None), false).0, None);
        let two = Response::builder()
            .header("content-length", "5")
            .header("content-length", "5")
            .body(())
            .expect("response");
        assert_eq!(head_text(two, false, Some(Some(5)), false).0, None);
    }

    #[test]
    fn responses_with_their_own_framing_are_hyper_s() {
        for name in ["transfer-encoding", "connection", "trailer"] {
            let res = Response::builder()
                .header(name, "x")
                .body(())
                .expect("response");
            assert_eq!(head_text(res, false, None, false).0, None, "{name}");
        }
        let res = Response::builder().status(103).body(()).expect("response");
        assert_eq!(head_text(res, false, None, false).0, None);
    }

    #[test]
    fn chunk_sizes_are_hex() {
        for (n, text) in [(0, "0"), (10, "a"), (255, "ff"), (4096, "1000")] {
            let mut out = Vec::new();
            push_hex(&mut out, n);
            assert_eq!(out, text.as_bytes());
        }
    }
}
