//! The task of one client connection, shared by `start`'s and `dev`'s workers: hyper's
//! connection and the [`ConnState::watchdog`] run together, and the watchdog is polled only
//! when its own timer or notification woke the task, so a request costs it nothing.

use std::cell::Cell;
use std::future::Future;
use std::net::SocketAddr;
use std::os::fd::AsRawFd;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll, Wake, Waker};
use std::time::{Duration, Instant};

use bytes::Bytes;
use ferroute_runtime::{IncomingBody, ResponseBody};
use http::{header, HeaderValue, Response};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::sync::Notify;

use super::{fast, ConnState, ConnectionLimits, Ending, Registry, Tracked, Watched};
use crate::handover::{Mesh, Steer};
use crate::workers::{WorkerExit, HEAD_TIMEOUT_ANSWER};

/// What every connection of one worker shares.
pub(crate) struct Conns {
    index: usize,
    registry: Rc<Registry>,
    mesh: Arc<Mesh>,
    http: http1::Builder,
    /// The worker takes no new connections for now (it recycles its engine).
    paused: Cell<bool>,
    /// Wakes the accept loop when `paused` changes.
    pause_changed: Notify,
}

impl Conns {
    pub(crate) fn new(
        index: usize,
        registry: Rc<Registry>,
        mesh: Arc<Mesh>,
        limits: &ConnectionLimits,
    ) -> Rc<Self> {
        let mut http = http1::Builder::new();
        http.keep_alive(true)
            // One contiguous write a response: hyper copies the body into its head buffer
            // (up to its buffer's size) rather than handing the kernel a list of pieces (a
            // chunked body is three a chunk); on loopback under wrk this took 5-10% off the
            // kernel's time a request (tasks/bench/runs/2026-12-01-rust-2core-session15.md).
            .writev(false)
            // The read buffer bounds the request head: beyond it hyper answers 431.
            .max_buf_size(limits.max_header_size.max(8192));
        if limits.max_headers != ConnectionLimits::MAX_HEADERS {
            // hyper's default; another value costs a heap allocation per request.
            http.max_headers(limits.max_headers);
        }
        Rc::new(Self {
            index,
            registry,
            mesh,
            http,
            paused: Cell::new(false),
            pause_changed: Notify::new(),
        })
    }

    /// Stops (`true`) or resumes taking new connections: while paused, the shared listener's
    /// connections go to the other workers, none is given to this one, and the other workers
    /// take its idle keep-alive connections (handover.rs), as from a busy worker.
    pub(crate) fn pause(&self, on: bool) {
        self.paused.set(on);
        self.mesh.set_away(self.index, on);
        self.mesh.set_accepting(self.index, !on);
        self.pause_changed.notify_one();
    }

    /// The worker's accept loop: serves each new connection with `handle` and the idle
    /// connections of a worker stuck in a long handler (`Mesh::busy_elsewhere`); when the
    /// server stops, tells every connection to finish and waits for them and for the
    /// requests `in_flight` counts until the shutdown's deadline.
    pub(crate) async fn run<H, F>(
        self: &Rc<Self>,
        listener: tokio::net::TcpListener,
        mut stop: tokio::sync::watch::Receiver<Option<Instant>>,
        limits: &Arc<ConnectionLimits>,
        handle: Rc<H>,
        in_flight: impl Fn() -> usize,
    ) -> WorkerExit
    where
        H: Fn(http::Request<IncomingBody>, SocketAddr) -> F + 'static,
        F: Future<Output = Response<ResponseBody>> + 'static,
    {
        let stopped = async move {
            loop {
                if stop.changed().await.is_err() {
                    // The `Server` was dropped without a shutdown: serve until exit.
                    std::future::pending::<()>().await;
                }
                if let Some(deadline) = *stop.borrow() {
                    return deadline;
                }
            }
        };
        tokio::pin!(stopped);
        let mesh = self.mesh.clone();
        let _accepting = Accepting::new(&mesh, self.index);
        let pinned = mesh.pinned(self.index);
        let mut locality = tokio::time::interval(crate::workers::LOCALITY_TICK);
        locality.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let deadline = loop {
            let accepted = tokio::select! {
                a = listener.accept(), if !self.paused.get() => a,
                () = self.pause_changed.notified() => continue,
                () = mesh.gifted(self.index) => {
                    // Connections another worker accepted for this one (handover.rs).
                    for (stream, remote) in mesh.take_gifts(self.index) {
                        if !self.registry.make_room(limits.max_connections) {
                            continue;
                        }
                        if let Ok(stream) = tokio::net::TcpStream::from_std(stream) {
                            let state = ConnState::new(limits.clone());
                            self.serve(stream, remote, state, handle.clone());
                        }
                    }
                    continue;
                }
                () = mesh.locality_due(self.index, &mut locality), if pinned && !self.paused.get() => {
                    // Idle connections whose client now runs on this worker's CPU.
                    self.serve_taken(self.mesh.take_local(self.index), limits, &handle);
                    continue;
                }
                () = mesh.busy_elsewhere(self.index), if !self.paused.get() => {
                    // Idle connections of a worker stuck in a long handler: serve them here.
                    self.serve_taken(self.mesh.take_from_busy(self.index), limits, &handle);
                    continue;
                }
                d = &mut stopped => break d,
            };
            let Ok((stream, remote)) = accepted else {
                // Out of file descriptors and the like: back off briefly.
                tokio::time::sleep(Duration::from_millis(10)).await;
                continue;
            };
            let to = match mesh.steer(self.index, &stream) {
                Steer::Keep => None,
                Steer::To(to) => Some(to),
                Steer::Unknown => mesh.receiver(self.index),
            };
            if let Some(to) = to {
                // Another worker holds fewer connections: it serves this one.
                if let Ok(std_stream) = stream.into_std() {
                    mesh.give(to, std_stream, remote);
                }
                continue;
            }
            if !self.registry.make_room(limits.max_connections) {
                // Every connection of this worker is busy: refuse this one.
                drop(stream);
                continue;
            }
            self.serve(
                stream,
                remote,
                ConnState::new(limits.clone()),
                handle.clone(),
            );
        };
        drop(listener);
        self.registry.shut_down_all();
        while (self.registry.len() > 0 || in_flight() > 0) && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(5)).await;
        }
        WorkerExit {
            cut_connections: self.registry.len(),
            cut_requests: in_flight(),
        }
    }

    /// Serves the idle connections taken from other workers (between two requests).
    fn serve_taken<H, F>(
        self: &Rc<Self>,
        taken: Vec<(std::os::fd::OwnedFd, SocketAddr)>,
        limits: &Arc<ConnectionLimits>,
        handle: &Rc<H>,
    ) where
        H: Fn(http::Request<IncomingBody>, SocketAddr) -> F + 'static,
        F: Future<Output = Response<ResponseBody>> + 'static,
    {
        for (fd, remote) in taken {
            let stream = std::net::TcpStream::from(fd);
            if let Ok(stream) = tokio::net::TcpStream::from_std(stream) {
                let state = ConnState::new_idle(limits.clone());
                self.serve(stream, remote, state, handle.clone());
            }
        }
    }

    /// Serves `stream` on a task of its own: `handle` answers each request, on the fast
    /// path (fast.rs) while the connection's requests are of its kind, then through hyper.
    fn serve<H, F>(
        self: &Rc<Self>,
        stream: tokio::net::TcpStream,
        remote: SocketAddr,
        state: ConnState,
        handle: Rc<H>,
    ) where
        H: Fn(http::Request<IncomingBody>, SocketAddr) -> F + 'static,
        F: Future<Output = Response<ResponseBody>> + 'static,
    {
        let _ = stream.set_nodelay(true);
        let state = Rc::new(state);
        let registered = self.registry.add(state.clone());
        let entry = self
            .mesh
            .list(self.index, stream.as_raw_fd(), remote, state.takeable());
        let http = self.http.clone();
        tokio::task::spawn_local(async move {
            let _registered = registered;
            let io = Watched::new(stream, state.clone(), entry);
            let fast = fast::serve(io, state.clone(), handle.clone(), remote);
            let to_hyper = {
                let state = state.clone();
                move |io, read, first| hyper_conn(&http, io, read, first, state, handle, remote)
            };
            let conn = Http1 {
                stage: Stage::Fast(Box::pin(fast)),
                to_hyper: Some(Box::new(to_hyper)),
                state: state.clone(),
            };
            tokio::pin!(conn);
            let dog = state.watchdog();
            tokio::pin!(dog);
            match FirstOf::new(conn.as_mut(), dog).await {
                First::Conn(()) => {}
                First::Dog(Ending::TimedOut) if state.answer_head_timeout() => {
                    // Half a head arrived: the socket answers 408 on the next read, then the
                    // connection sees its end.
                    let _ = tokio::time::timeout(HEAD_TIMEOUT_ANSWER, conn.as_mut()).await;
                }
                First::Dog(Ending::TimedOut | Ending::Evicted) => {}
                First::Dog(Ending::Shutdown) => {
                    conn.as_mut().graceful_shutdown();
                    conn.as_mut().await;
                }
            }
        });
    }
}

/// hyper's connection from where the fast path left `io`: `read` is what it read and did not
/// serve, and `first` the answer to the request whose head `read` starts with.
fn hyper_conn<H, F>(
    http: &http1::Builder,
    io: Watched<tokio::net::TcpStream>,
    read: Bytes,
    first: Option<Response<ResponseBody>>,
    state: Rc<ConnState>,
    handle: Rc<H>,
    remote: SocketAddr,
) -> Pin<Box<dyn HyperConn>>
where
    H: Fn(http::Request<IncomingBody>, SocketAddr) -> F + 'static,
    F: Future<Output = Response<ResponseBody>> + 'static,
{
    let first = Cell::new(first);
    let body_timeout = state.limits.body_timeout;
    let io = TokioIo::new(Rewind::new(io, read));
    let service_state = state;
    let service = service_fn(move |req| {
        let state = service_state.clone();
        let start = match first.take() {
            // Counted when the fast path began it.
            Some(res) => Start::Made(Box::new(res)),
            None => {
                // Counted before `handle`, which may run the handler's JavaScript.
                let close = state.begin_request();
                let req = crate::service::with_body(req, body_timeout);
                Start::Running(close, handle(req, remote))
            }
        };
        async move {
            let (mut res, close) = match start {
                Start::Made(res) => (*res, false),
                Start::Running(close, answer) => (answer.await, close),
            };
            // Answers of requests that arrived together go out together, as on the fast path.
            tokio::task::yield_now().await;
            if close {
                res.headers_mut()
                    .insert(header::CONNECTION, HeaderValue::from_static("close"));
            }
            Ok::<_, std::convert::Infallible>(res.map(|b| Tracked::new(b, state)))
        }
    });
    Box::pin(http.serve_connection(io, service))
}

/// A request's answer on hyper's side of a connection.
enum Start<F> {
    /// Made on the fast path, which gave the connection to hyper to write it.
    Made(Box<Response<ResponseBody>>),
    /// Being made; whether the connection closes after it.
    Running(bool, F),
}

/// hyper's connection, as [`Http1`] holds it.
trait HyperConn: Future<Output = hyper::Result<()>> {
    fn graceful(self: Pin<&mut Self>);
}

impl<I, S, B> HyperConn for http1::Connection<I, S>
where
    S: hyper::service::HttpService<Incoming, ResBody = B>,
    S::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
    I: hyper::rt::Read + hyper::rt::Write + Unpin,
    B: http_body::Body + 'static,
    B::Error: Into<Box<dyn std::error::Error + Send + Sync>>,
{
    fn graceful(self: Pin<&mut Self>) {
        self.graceful_shutdown();
    }
}

type FastFuture = Pin<Box<dyn Future<Output = fast::Outcome<tokio::net::TcpStream>>>>;
type ToHyper = Box<
    dyn FnOnce(
        Watched<tokio::net::TcpStream>,
        Bytes,
        Option<Response<ResponseBody>>,
    ) -> Pin<Box<dyn HyperConn>>,
>;

/// One HTTP/1 connection: the fast path, then hyper if the fast path hands over.
struct Http1 {
    stage: Stage,
    to_hyper: Option<ToHyper>,
    /// Its `shutdown` is set when the server stops (the watchdog then ends with
    /// `Ending::Shutdown`), which the fast path reads itself.
    state: Rc<ConnState>,
}

enum Stage {
    Fast(FastFuture),
    Hyper(Pin<Box<dyn HyperConn>>),
    Done,
}

impl Http1 {
    /// Finishes the current response, then closes; closes at once when idle. (The fast path
    /// does so from the state's `shutdown`, set before the watchdog called this.)
    fn graceful_shutdown(self: Pin<&mut Self>) {
        if let Stage::Hyper(conn) = &mut self.get_mut().stage {
            conn.as_mut().graceful();
        }
    }
}

impl Future for Http1 {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let this = self.get_mut();
        loop {
            match &mut this.stage {
                Stage::Fast(fast) => match fast.as_mut().poll(cx) {
                    Poll::Pending => return Poll::Pending,
                    Poll::Ready(fast::Outcome::Closed) => this.stage = Stage::Done,
                    Poll::Ready(fast::Outcome::Hyper(handover)) => {
                        let fast::Handover { io, read, first } = *handover;
                        let Some(to_hyper) = this.to_hyper.take() else {
                            this.stage = Stage::Done;
                            continue;
                        };
                        let mut conn = to_hyper(io, read, first);
                        if this.state.shutdown.get() {
                            conn.as_mut().graceful();
                        }
                        this.stage = Stage::Hyper(conn);
                    }
                },
                Stage::Hyper(conn) => {
                    let Poll::Ready(_) = conn.as_mut().poll(cx) else {
                        return Poll::Pending;
                    };
                    this.stage = Stage::Done;
                }
                Stage::Done => return Poll::Ready(()),
            }
        }
    }
}

/// The socket with bytes already read from it in front: what hyper reads first when it takes
/// a connection over from the fast path.
struct Rewind<S> {
    read: Bytes,
    io: S,
}

impl<S> Rewind<S> {
    fn new(io: S, read: Bytes) -> Self {
        Self { read, io }
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for Rewind<S> {
    fn poll_read(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        let this = self.get_mut();
        if this.read.is_empty() {
            return Pin::new(&mut this.io).poll_read(cx, buf);
        }
        let n = this.read.len().min(buf.remaining());
        buf.put_slice(&this.read.split_to(n));
        Poll::Ready(Ok(()))
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Rewind<S> {
    fn poll_write(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.get_mut().io).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.get_mut().io).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.io.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().io).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.get_mut().io).poll_shutdown(cx)
    }
}

/// Marks a worker's accept loop as running for the other workers, until dropped.
struct Accepting {
    mesh: Arc<Mesh>,
    index: usize,
}

impl Accepting {
    fn new(mesh: &Arc<Mesh>, index: usize) -> Self {
        mesh.set_accepting(index, true);
        Self {
            mesh: mesh.clone(),
            index,
        }
    }
}

impl Drop for Accepting {
    fn drop(&mut self) {
        self.mesh.set_accepting(self.index, false);
        // Connections given after the loop ended are closed with the gifts list.
        drop(self.mesh.take_gifts(self.index));
    }
}

/// Which of the two ended first.
enum First<T> {
    Conn(T),
    Dog(Ending),
}

/// The connection, polled whenever the task wakes (first: after a worker was blocked by a
/// long synchronous handler, bytes that arrived in time are read before the watchdog judges
/// the connection idle), and the watchdog, polled only when something woke it.
struct FirstOf<'a, C, D> {
    conn: Pin<&'a mut C>,
    dog: Pin<&'a mut D>,
    wake: Arc<DogWake>,
    /// `wake` as a waker, made once.
    waker: Waker,
}

impl<'a, C, D> FirstOf<'a, C, D> {
    fn new(conn: Pin<&'a mut C>, dog: Pin<&'a mut D>) -> Self {
        let wake = Arc::new(DogWake {
            // Polled once at the start, which arms its timer.
            woken: AtomicBool::new(true),
            task: Mutex::new(None),
        });
        Self {
            conn,
            dog,
            waker: Waker::from(wake.clone()),
            wake,
        }
    }
}

impl<C: Future, D: Future<Output = Ending>> Future for FirstOf<'_, C, D> {
    type Output = First<C::Output>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let this = self.get_mut();
        if let Poll::Ready(v) = this.conn.as_mut().poll(cx) {
            return Poll::Ready(First::Conn(v));
        }
        if this.wake.woken.swap(false, Ordering::AcqRel) {
            if let Ok(mut task) = this.wake.task.lock() {
                if !task.as_ref().is_some_and(|w| w.will_wake(cx.waker())) {
                    *task = Some(cx.waker().clone());
                }
            }
            if let Poll::Ready(ending) = this
                .dog
                .as_mut()
                .poll(&mut Context::from_waker(&this.waker))
            {
                return Poll::Ready(First::Dog(ending));
            }
        }
        Poll::Pending
    }
}

/// The watchdog's waker: notes that the watchdog has something to look at, and wakes the
/// connection's task.
struct DogWake {
    woken: AtomicBool,
    task: Mutex<Option<Waker>>,
}

impl Wake for DogWake {
    fn wake(self: Arc<Self>) {
        self.wake_by_ref();
    }

    fn wake_by_ref(self: &Arc<Self>) {
        self.woken.store(true, Ordering::Release);
        if let Ok(task) = self.task.lock() {
            if let Some(w) = task.as_ref() {
                w.wake_by_ref();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    /// A future that counts its polls and never ends.
    struct Counted<'a>(&'a Cell<u32>);

    impl Future for Counted<'_> {
        type Output = Ending;
        fn poll(self: Pin<&mut Self>, _: &mut Context<'_>) -> Poll<Ending> {
            self.0.set(self.0.get() + 1);
            Poll::Pending
        }
    }

    #[test]
    fn the_watchdog_is_polled_only_when_it_was_woken() {
        let polls = Cell::new(0);
        let mut conn = std::future::pending::<()>();
        let mut dog = Counted(&polls);
        let mut first = FirstOf::new(Pin::new(&mut conn), Pin::new(&mut dog));
        let waker = Waker::noop();
        let mut cx = Context::from_waker(waker);
        for _ in 0..5 {
            assert!(Pin::new(&mut first).poll(&mut cx).is_pending());
        }
        assert_eq!(polls.get(), 1, "polled at the start only");
        first.waker.wake_by_ref();
        assert!(Pin::new(&mut first).poll(&mut cx).is_pending());
        assert_eq!(polls.get(), 2, "polled again once woken");
    }
}
