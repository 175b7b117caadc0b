//! One client connection from accept to close: the limits that keep a server on the open
//! internet alive (header-read and keep-alive timeouts, a connection cap that evicts idle
//! connections before refusing busy ones), graceful shutdown, and the framing rule hyper
//! leaves to us (a request with both Content-Length and Transfer-Encoding gets its answer,
//! then the connection closes, RFC 9112 §6.3).
//!
//! Each connection has a [`ConnState`] shared by three parties: the socket wrapper
//! ([`Watched`], which sees bytes arrive), the service (which sees requests begin and
//! responses end, through [`Tracked`] bodies) and a watchdog that sleeps until the deadline
//! of the current phase:
//!
//! | phase | from | deadline |
//! | --- | --- | --- |
//! | `Head` | accept, or the first byte after an idle period | `headers_timeout` |
//! | `Request` | a request head parsed, until its response body is done | none |
//! | `Idle` | the last response finished | `keep_alive_timeout` |

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::io;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use bytes::Bytes;
use ferroute_runtime::ResponseBody;
use http_body::{Body, Frame, SizeHint};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::sync::Notify;

use crate::handover::Entry;

mod fast;
mod task;
pub(crate) use task::Conns;

/// Limits on client connections. The defaults are chosen for a server exposed to the
/// internet; `docs/operations.md` gives the reasons.
#[derive(Debug, Clone)]
pub struct ConnectionLimits {
    /// Longest time from a connection's first byte (or its accept) to a complete request
    /// head. Clients that trickle headers (slowloris) are cut here.
    pub headers_timeout: Duration,
    /// Longest idle time between two requests on a keep-alive connection
    /// (`--keepAliveTimeout`, as `next start` names it; Node's default is 5 s).
    pub keep_alive_timeout: Duration,
    /// Most open client connections across all workers; beyond it the idlest connection is
    /// closed to make room, or the new one when none is idle.
    pub max_connections: usize,
    /// Largest request head (request line plus headers) in bytes; beyond it, 431.
    pub max_header_size: usize,
    /// Most header fields in a request; beyond it, 431.
    pub max_headers: usize,
    /// Longest request target (path and query) in bytes; beyond it, 414.
    pub max_url_length: usize,
    /// Longest time from a request's head to the end of its body (Node's
    /// `requestTimeout`); a body still arriving then fails its read, answered 408.
    pub body_timeout: Duration,
}

impl ConnectionLimits {
    /// Default `headers_timeout`, in milliseconds.
    pub const HEADERS_TIMEOUT_MS: u64 = 10_000;
    /// Default `keep_alive_timeout`, in milliseconds (Node's).
    pub const KEEP_ALIVE_TIMEOUT_MS: u64 = 5_000;
    /// Default `max_header_size` (Node's `--max-http-header-size`).
    pub const MAX_HEADER_SIZE: usize = 16 * 1024;
    /// Default `max_headers` (hyper's; another value costs an allocation per request).
    pub const MAX_HEADERS: usize = 100;
    /// Default `max_url_length`.
    pub const MAX_URL_LENGTH: usize = 8 * 1024;
    /// Default `body_timeout`, in seconds (Node's `requestTimeout`).
    pub const BODY_TIMEOUT_SECS: u64 = 300;
}

impl Default for ConnectionLimits {
    fn default() -> Self {
        Self {
            headers_timeout: Duration::from_millis(Self::HEADERS_TIMEOUT_MS),
            keep_alive_timeout: Duration::from_millis(Self::KEEP_ALIVE_TIMEOUT_MS),
            max_connections: default_max_connections(),
            max_header_size: Self::MAX_HEADER_SIZE,
            max_headers: Self::MAX_HEADERS,
            max_url_length: Self::MAX_URL_LENGTH,
            body_timeout: Duration::from_secs(Self::BODY_TIMEOUT_SECS),
        }
    }
}

/// Nine tenths of the file descriptors this process may open (after raising the soft
/// limit to the hard one, as Go and most servers do), leaving room for outgoing sockets,
/// files and the listener.
pub fn default_max_connections() -> usize {
    use rustix::process::{getrlimit, setrlimit, Resource};
    let mut lim = getrlimit(Resource::Nofile);
    if let (Some(cur), Some(max)) = (lim.current, lim.maximum) {
        if cur < max {
            lim.current = Some(max);
            if setrlimit(Resource::Nofile, lim).is_err() {
                lim.current = Some(cur);
            }
        }
    }
    let fds = lim.current.unwrap_or(1 << 20).min(1 << 20) as usize;
    (fds.saturating_sub(128) * 9 / 10).max(64)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    Head,
    Request,
    Idle,
}

/// Why the watchdog ended a connection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ending {
    /// The head did not arrive within `headers_timeout`, or the connection sat idle
    /// longer than `keep_alive_timeout`: closed at once.
    TimedOut,
    /// Closed to make room under `max_connections`.
    Evicted,
    /// The server is stopping: finish the current response, then close.
    Shutdown,
}

/// What the socket, the service and the watchdog of one connection share.
#[derive(Debug)]
pub(crate) struct ConnState {
    phase: Cell<Phase>,
    since: Cell<Instant>,
    in_flight: Cell<u32>,
    saw_content_length: Cell<bool>,
    saw_transfer_encoding: Cell<bool>,
    /// Some bytes of the current head arrived already (the next read does not start
    /// with the request line).
    head_started: Cell<bool>,
    evict: Cell<bool>,
    shutdown: Cell<bool>,
    /// When the watchdog wakes next (it is told to look again when a response ends and the
    /// idle deadline falls before that).
    sleeping_until: Cell<Option<Instant>>,
    limits: Arc<ConnectionLimits>,
    wake: Notify,
    /// Where the current head ends: how much of "\r\n\r\n" the last bytes matched, and
    /// whether it was found.
    head_end: Cell<u8>,
    head_done: Cell<bool>,
    /// Bytes read after the end of the current head.
    after_head: Cell<u64>,
    /// The Content-Length of the current head; `framing_unknown` when the body's length
    /// cannot be told from it (Transfer-Encoding, a value split across reads, two values).
    content_length: Cell<Option<u64>>,
    framing_unknown: Cell<bool>,
    /// The body length the current request's head announced (None: unknown).
    expect_body: Cell<Option<u64>>,
    /// The last response ended with every byte read belonging to its request: hyper holds
    /// nothing of a next request, so another worker may take the connection (handover.rs).
    clean: Cell<bool>,
    /// The head did not arrive in time: answer 408 and end (`answer_head_timeout`).
    head_timed_out: Cell<bool>,
    /// The fast path (conn/fast.rs) serves the connection: it parses every head itself, so
    /// bytes read only start the head's clock; it says when the connection is clean.
    fast: Cell<bool>,
}

impl ConnState {
    pub(crate) fn new(limits: Arc<ConnectionLimits>) -> Self {
        Self {
            sleeping_until: Cell::new(None),
            limits,
            phase: Cell::new(Phase::Head),
            since: Cell::new(Instant::now()),
            in_flight: Cell::new(0),
            saw_content_length: Cell::new(false),
            saw_transfer_encoding: Cell::new(false),
            head_started: Cell::new(false),
            evict: Cell::new(false),
            shutdown: Cell::new(false),
            wake: Notify::new(),
            head_end: Cell::new(0),
            head_done: Cell::new(false),
            after_head: Cell::new(0),
            content_length: Cell::new(None),
            framing_unknown: Cell::new(false),
            expect_body: Cell::new(None),
            clean: Cell::new(false),
            head_timed_out: Cell::new(false),
            fast: Cell::new(false),
        }
    }

    /// A connection taken over from another worker, between two requests.
    pub(crate) fn new_idle(limits: Arc<ConnectionLimits>) -> Self {
        let state = Self::new(limits);
        state.phase.set(Phase::Idle);
        // Nothing of its next request has been read here: takeable again at once.
        state.clean.set(true);
        state
    }

    /// Between two requests with nothing of the next read: another worker may take it.
    pub(crate) fn takeable(&self) -> bool {
        self.phase.get() == Phase::Idle && self.clean.get()
    }

    /// Follows the bytes of a head to its end; bytes past it count as body.
    fn track_framing(&self, bytes: &[u8]) {
        if self.head_done.get() {
            self.after_head
                .set(self.after_head.get() + bytes.len() as u64);
            return;
        }
        let done = |end: usize| {
            self.head_done.set(true);
            self.after_head.set((bytes.len() - end) as u64);
        };
        // A "\r\n\r\n" begun in the last read.
        let mut matched = self.head_end.get();
        let mut i = 0;
        while matched > 0 && i < bytes.len() {
            matched = match (matched, bytes[i]) {
                (2, b'\r') => 3,
                (1 | 3, b'\n') => matched + 1,
                (_, b'\r') => 1,
                _ => 0,
            };
            i += 1;
            if matched == 4 {
                return done(i);
            }
        }
        let rest = &bytes[i..];
        // Each line feed ends a line; the empty one ends the head.
        if let Some(at) =
            memchr::memchr_iter(b'\n', rest).find(|&at| at >= 3 && &rest[at - 3..at] == b"\r\n\r")
        {
            return done(i + at + 1);
        }
        if !rest.is_empty() {
            // How much of "\r\n\r\n" this read ends with.
            matched = [&b"\r\n\r"[..], b"\r\n", b"\r"]
                .iter()
                .find(|p| rest.ends_with(p))
                .map_or(0, |p| p.len() as u8);
        }
        self.head_end.set(matched);
    }

    fn reset_framing(&self) {
        self.head_end.set(0);
        self.head_done.set(false);
        self.after_head.set(0);
        self.content_length.set(None);
        self.framing_unknown.set(false);
    }

    /// Notes one Content-Length line (`line` starts with its name).
    fn note_content_length(&self, line: &[u8]) {
        let value = &line[b"content-length:".len()..];
        let Some(end) = memchr::memchr(b'\n', value) else {
            // The value goes on in the next read.
            self.framing_unknown.set(true);
            return;
        };
        let parsed = std::str::from_utf8(&value[..end])
            .ok()
            .and_then(|v| v.trim().parse::<u64>().ok());
        match (parsed, self.content_length.get()) {
            (Some(n), None) => self.content_length.set(Some(n)),
            (Some(n), Some(m)) if n == m => {}
            _ => self.framing_unknown.set(true),
        }
    }

    /// Bytes arrived for the fast path: they start a head when the connection was idle.
    fn on_fast_bytes(&self) {
        match self.phase.get() {
            Phase::Idle => {
                self.phase.set(Phase::Head);
                self.since.set(Instant::now());
                self.head_started.set(true);
            }
            Phase::Head => self.head_started.set(true),
            Phase::Request => {}
        }
    }

    /// The fast path gives the connection to hyper with `read` (read, not yet served) in
    /// front of the socket: the state follows those bytes as if hyper had just read them.
    /// While a request runs, they start with its head, and its body is empty.
    fn to_hyper(&self, read: &[u8]) {
        self.fast.set(false);
        self.reset_framing();
        if self.phase.get() == Phase::Request {
            self.track_framing(read);
            self.expect_body.set(Some(0));
            return;
        }
        if read.is_empty() {
            return;
        }
        // As the first bytes of a head, keeping the head's clock when it runs already.
        let began = (self.phase.get() == Phase::Head).then(|| self.since.get());
        self.phase.set(Phase::Idle);
        self.on_bytes(read);
        if let Some(since) = began {
            self.since.set(since);
        }
    }

    /// Bytes arrived from the client.
    fn on_bytes(&self, bytes: &[u8]) {
        match self.phase.get() {
            Phase::Idle => {
                self.phase.set(Phase::Head);
                self.since.set(Instant::now());
                self.saw_content_length.set(false);
                self.saw_transfer_encoding.set(false);
                self.head_started.set(true);
                self.reset_framing();
                self.scan_head(bytes, true);
            }
            Phase::Head => {
                let at_start = !self.head_started.replace(true);
                self.scan_head(bytes, at_start);
            }
            Phase::Request => {}
        }
        self.track_framing(bytes);
    }

    /// Notes Content-Length and Transfer-Encoding header lines in head bytes: hyper drops
    /// a Content-Length that follows Transfer-Encoding before we see the request, but the
    /// pair must still close the connection.
    fn scan_head(&self, bytes: &[u8], at_start: bool) {
        let check = |line: &[u8]| {
            // Most lines are neither: one byte tells.
            if !matches!(line.first(), Some(b'c' | b'C' | b't' | b'T')) {
                return;
            }
            if starts_with_ignore_case(line, b"content-length:") {
                self.saw_content_length.set(true);
                self.note_content_length(line);
            } else if starts_with_ignore_case(line, b"transfer-encoding:") {
                self.saw_transfer_encoding.set(true);
                self.framing_unknown.set(true);
            }
        };
        if !at_start {
            // Maybe the rest of a line begun in the last read: its length is not ours to tell.
            if starts_with_ignore_case(bytes, b"content-length:") {
                self.framing_unknown.set(true);
            }
            check(bytes);
        }
        for i in memchr::memchr_iter(b'\n', bytes) {
            check(&bytes[i + 1..]);
        }
    }

    /// A request head was parsed. Returns whether the response must close the connection
    /// (the head carried both Content-Length and Transfer-Encoding).
    pub(crate) fn begin_request(&self) -> bool {
        self.in_flight.set(self.in_flight.get() + 1);
        self.phase.set(Phase::Request);
        let smuggling = self.saw_content_length.get() && self.saw_transfer_encoding.get();
        self.clean.set(false);
        self.expect_body.set(if self.framing_unknown.get() {
            None
        } else {
            Some(self.content_length.get().unwrap_or(0))
        });
        self.saw_content_length.set(false);
        self.saw_transfer_encoding.set(false);
        self.head_started.set(false);
        smuggling
    }

    fn end_request(&self) {
        let n = self.in_flight.get().saturating_sub(1);
        self.in_flight.set(n);
        if n == 0 {
            let now = Instant::now();
            self.clean
                .set(self.head_done.get() && self.expect_body.get() == Some(self.after_head.get()));
            self.reset_framing();
            self.phase.set(Phase::Idle);
            self.since.set(now);
            if self
                .sleeping_until
                .get()
                .is_some_and(|d| d > now + self.limits.keep_alive_timeout)
            {
                self.wake.notify_one();
            }
        }
    }

    /// The head timeout passed with part of a head received: true when the client is to get
    /// a 408 before the connection closes (as Node answers), which the socket wrapper sends
    /// on hyper's next read.
    pub(crate) fn answer_head_timeout(&self) -> bool {
        let answer = self.phase.get() == Phase::Head && self.head_started.get();
        self.head_timed_out.set(answer);
        answer
    }

    /// Idle or still sending its head: a connection the cap may close without losing work.
    pub(crate) fn idle_since(&self) -> Option<Instant> {
        (self.phase.get() != Phase::Request && !self.evict.get()).then(|| self.since.get())
    }

    pub(crate) fn evict(&self) {
        self.evict.set(true);
        self.wake.notify_one();
    }

    pub(crate) fn shut_down(&self) {
        self.shutdown.set(true);
        self.wake.notify_one();
    }

    /// Sleeps until the connection must end, and says why.
    pub(crate) async fn watchdog(&self) -> Ending {
        let limits = &*self.limits;
        loop {
            if self.shutdown.get() {
                return Ending::Shutdown;
            }
            if self.evict.get() {
                return Ending::Evicted;
            }
            let now = Instant::now();
            let deadline = match self.phase.get() {
                Phase::Head => self.since.get() + limits.headers_timeout,
                Phase::Idle => self.since.get() + limits.keep_alive_timeout,
                // No deadline while a request runs; look again later (cheaper than a
                // wake-up on every response).
                Phase::Request => now + limits.keep_alive_timeout,
            };
            if deadline <= now {
                return Ending::TimedOut;
            }
            self.sleeping_until.set(Some(deadline));
            tokio::select! {
                () = tokio::time::sleep_until(deadline.into()) => {}
                () = self.wake.notified() => {}
            }
        }
    }
}

fn starts_with_ignore_case(line: &[u8], prefix: &[u8]) -> bool {
    line.len() >= prefix.len() && line[..prefix.len()].eq_ignore_ascii_case(prefix)
}

/// What a client whose head did not arrive in time gets before the connection closes.
const REQUEST_TIMEOUT: &[u8] =
    b"HTTP/1.1 408 Request Timeout\r\nconnection: close\r\ncontent-length: 0\r\n\r\n";

/// The client socket, reporting the bytes it reads to the connection's state, and giving
/// the connection up when another worker took it (handover.rs).
pub(crate) struct Watched<S> {
    // Unlisted before the socket closes (fields drop in order).
    entry: Entry,
    io: S,
    state: Rc<ConnState>,
    /// hyper's last write did not go through: it still holds response bytes.
    write_pending: bool,
}

impl<S> Watched<S> {
    pub(crate) fn new(io: S, state: Rc<ConnState>, entry: Entry) -> Self {
        Self {
            entry,
            io,
            state,
            write_pending: false,
        }
    }

    fn taken(&self) -> bool {
        self.entry.hand().taken()
    }

    fn wrote<T>(&mut self, r: Poll<io::Result<T>>) -> Poll<io::Result<T>> {
        self.write_pending = r.is_pending();
        if self.write_pending {
            self.entry.hand().hold();
        }
        r
    }
}

impl<S: AsyncRead + AsyncWrite + Unpin> AsyncRead for Watched<S> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        if !this.entry.hand().claim() {
            // Another worker serves this connection now: end ours quietly.
            return Poll::Ready(Ok(()));
        }
        if this.state.head_timed_out.get() {
            // One attempt: a client that does not read this gets the close alone.
            let _ = Pin::new(&mut this.io).poll_write(cx, REQUEST_TIMEOUT);
            return Poll::Ready(Ok(()));
        }
        let before = buf.filled().len();
        let r = Pin::new(&mut this.io).poll_read(cx, buf);
        let new = match &r {
            Poll::Ready(Ok(())) => &buf.filled()[before..],
            _ => &[],
        };
        if !new.is_empty() {
            if this.state.fast.get() {
                this.state.on_fast_bytes();
            } else {
                this.state.on_bytes(new);
            }
        } else if r.is_pending()
            && this.state.phase.get() == Phase::Idle
            && this.state.clean.get()
            && !this.write_pending
        {
            // Waiting for the next request with nothing of it read: another worker may
            // take the connection while this one is busy.
            this.entry.hand().park();
        }
        r
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Watched<S> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        if this.taken() {
            return Poll::Ready(Ok(buf.len()));
        }
        let r = Pin::new(&mut this.io).poll_write(cx, buf);
        this.wrote(r)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        if this.taken() {
            return Poll::Ready(Ok(bufs.iter().map(|b| b.len()).sum()));
        }
        let r = Pin::new(&mut this.io).poll_write_vectored(cx, bufs);
        this.wrote(r)
    }

    fn is_write_vectored(&self) -> bool {
        self.io.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        if this.taken() {
            return Poll::Ready(Ok(()));
        }
        let r = Pin::new(&mut this.io).poll_flush(cx);
        let r = this.wrote(r);
        if matches!(r, Poll::Ready(Ok(())))
            && this.state.phase.get() == Phase::Idle
            && this.state.clean.get()
        {
            // The last response is on the wire and nothing of a next request was read:
            // takeable now. (hyper polls the read side before it drops a finished response's
            // body, so a parked read alone would leave the connection unparked until some
            // other wake-up.)
            this.entry.hand().park();
        }
        r
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        if this.taken() {
            // No FIN: the socket is another worker's now.
            return Poll::Ready(Ok(()));
        }
        Pin::new(&mut this.io).poll_shutdown(cx)
    }
}

/// A response body that tells its connection when the response is over (hyper drops the
/// body once the last frame is written, or when the connection ends).
pub(crate) struct Tracked {
    body: ResponseBody,
    state: Rc<ConnState>,
}

impl Tracked {
    pub(crate) fn new(body: ResponseBody, state: Rc<ConnState>) -> Self {
        Self { body, state }
    }
}

impl Drop for Tracked {
    fn drop(&mut self) {
        self.state.end_request();
    }
}

impl Body for Tracked {
    type Data = Bytes;
    type Error = ferroute_runtime::BoxError;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Self::Error>>> {
        Pin::new(&mut self.get_mut().body).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}

/// The open connections of one worker, and the count across all workers.
pub(crate) struct Registry {
    conns: RefCell<HashMap<u64, Rc<ConnState>>>,
    next: Cell<u64>,
    open: Arc<AtomicUsize>,
}

impl Registry {
    pub(crate) fn new(open: Arc<AtomicUsize>) -> Self {
        Self {
            conns: RefCell::new(HashMap::new()),
            next: Cell::new(0),
            open,
        }
    }

    /// Makes room for one more connection under `max`: `false` when the new connection
    /// must be refused (every open connection of this worker is busy).
    pub(crate) fn make_room(&self, max: usize) -> bool {
        if self.open.load(Ordering::Relaxed) < max {
            return true;
        }
        let conns = self.conns.borrow();
        let idlest = conns
            .values()
            .filter_map(|c| c.idle_since().map(|t| (t, c)))
            .min_by_key(|(t, _)| *t);
        match idlest {
            Some((_, c)) => {
                c.evict();
                true
            }
            None => false,
        }
    }

    pub(crate) fn add(self: &Rc<Self>, state: Rc<ConnState>) -> Registered {
        let id = self.next.get();
        self.next.set(id + 1);
        self.conns.borrow_mut().insert(id, state);
        self.open.fetch_add(1, Ordering::Relaxed);
        Registered {
            registry: self.clone(),
            id,
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.conns.borrow().len()
    }

    pub(crate) fn shut_down_all(&self) {
        for c in self.conns.borrow().values() {
            c.shut_down();
        }
    }
}

/// Removes its connection from the registry when the connection's task ends.
pub(crate) struct Registered {
    registry: Rc<Registry>,
    id: u64,
}

impl Drop for Registered {
    fn drop(&mut self) {
        self.registry.conns.borrow_mut().remove(&self.id);
        self.registry.open.fetch_sub(1, Ordering::Relaxed);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_framing_headers_in_any_order_and_case_are_noticed() {
        for head in [
            &b"POST / HTTP/1.1\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n"[..],
            b"POST / HTTP/1.1\r\ntransfer-encoding: chunked\r\ncontent-LENGTH: 3\r\n\r\n",
        ] {
            let s = ConnState::new(Arc::default());
            s.on_bytes(head);
            assert!(s.begin_request(), "{}", String::from_utf8_lossy(head));
        }
        let s = ConnState::new(Arc::default());
        s.on_bytes(b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n");
        assert!(!s.begin_request());
    }

    #[test]
    fn a_header_line_split_across_reads_is_still_seen() {
        let s = ConnState::new(Arc::default());
        s.on_bytes(b"POST / HTTP/1.1\r\nContent-Length: 3\r\n");
        s.on_bytes(b"Transfer-Encoding: chunked\r\n\r\n");
        assert!(s.begin_request());
    }

    #[test]
    fn phases_follow_requests_and_responses() {
        let s = Rc::new(ConnState::new(Arc::default()));
        assert!(
            s.idle_since().is_some(),
            "a fresh connection may be evicted"
        );
        s.begin_request();
        assert!(
            s.idle_since().is_none(),
            "a running request is never evicted"
        );
        drop(Tracked::new(ResponseBody::Empty, s.clone()));
        assert!(s.idle_since().is_some());
        s.on_bytes(b"GET / HTTP/1.1\r\n");
        assert_eq!(s.phase.get(), Phase::Head);
    }

    /// Feeds `reads` as one request and ends it: whether hyper is left holding nothing of
    /// a next request.
    fn clean_after(reads: &[&[u8]]) -> bool {
        let s = Rc::new(ConnState::new(Arc::default()));
        s.on_bytes(reads[0]);
        s.begin_request();
        for r in &reads[1..] {
            s.on_bytes(r);
        }
        drop(Tracked::new(ResponseBody::Empty, s.clone()));
        s.clean.get()
    }

    #[test]
    fn a_connection_is_clean_when_every_byte_read_belongs_to_its_request() {
        assert!(clean_after(&[b"GET / HTTP/1.1\r\nHost: x\r\n\r\n"]));
        assert!(clean_after(&[
            b"POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nab",
            b"cde"
        ]));
        assert!(clean_after(&[b"GET / HTTP/1.1\r\nHost: x\r", b"\n\r\n"]));
        // A second request read along with the first: hyper holds it.
        assert!(!clean_after(&[
            b"GET / HTTP/1.1\r\nHost: x\r\n\r\nGET /b HTTP/1.1\r\n"
        ]));
        // The body is not all read yet, or its length cannot be told from the head.
        assert!(!clean_after(&[
            b"POST / HTTP/1.1\r\nContent-Length: 5\r\n\r\nab"
        ]));
        assert!(!clean_after(&[
            b"POST / HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n"
        ]));
        assert!(!clean_after(&[
            b"POST / HTTP/1.1\r\nContent-Length: 1",
            b"0\r\n\r\n"
        ]));
    }
}
