//! Body types at the crate boundary: what the server hands us (`IncomingBody`) and what a
//! handler's `Response` becomes (`ResponseBody`): either bytes known up front or a channel
//! fed chunk by chunk by the JavaScript stream pump.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use http_body::{Body, Frame, SizeHint};
use http_body_util::combinators::UnsyncBoxBody;
use tokio::sync::mpsc;

/// Error type carried by streaming bodies.
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// A request body as the server received it (hyper's `Incoming`, boxed).
pub type IncomingBody = UnsyncBoxBody<Bytes, BoxError>;

/// An empty request body (a request without one, or one the engine makes itself).
pub fn empty_incoming() -> IncomingBody {
    use http_body_util::BodyExt;
    UnsyncBoxBody::new(http_body_util::Empty::<Bytes>::new().map_err(|never| match never {}))
}

/// How long an unread request body is read and thrown away after its response, so that the
/// client, still sending, reads the response instead of a reset (a lingering close).
const DRAIN_FOR: std::time::Duration = std::time::Duration::from_secs(5);

/// Reads `body` to its end in the background and discards it: the response to a request
/// whose body nobody read (404, 405, a handler that ignored it, a body over the limit).
/// The connection stays usable when the body ends within `DRAIN_FOR`; otherwise the body
/// is dropped and hyper closes the connection.
pub fn drain(body: IncomingBody) {
    use http_body_util::BodyExt;
    if body.is_end_stream() {
        return;
    }
    tokio::task::spawn_local(async move {
        let mut body = body;
        let _ = tokio::time::timeout(DRAIN_FOR, async {
            while let Some(Ok(_)) = body.frame().await {}
        })
        .await;
    });
}

/// The error of a request body that did not arrive in time (`--body-timeout`).
#[derive(Debug)]
pub struct BodyTimedOut(pub std::time::Duration);

impl std::fmt::Display for BodyTimedOut {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "the request body did not arrive within {} s of its head (--body-timeout)",
            self.0.as_secs()
        )
    }
}

impl std::error::Error for BodyTimedOut {}

/// `body`, failing with [`BodyTimedOut`] once `within` has passed and it is still arriving
/// (Node's `requestTimeout`: a client cannot hold a request open by trickling its body).
pub fn with_deadline(body: IncomingBody, within: std::time::Duration) -> IncomingBody {
    if body.is_end_stream() {
        return body;
    }
    UnsyncBoxBody::new(Deadline {
        body,
        within,
        deadline: tokio::time::Instant::now() + within,
        sleep: None,
    })
}

struct Deadline {
    body: IncomingBody,
    within: std::time::Duration,
    deadline: tokio::time::Instant,
    /// Made on the first wait, so that a body already received costs no timer.
    sleep: Option<Pin<Box<tokio::time::Sleep>>>,
}

impl Body for Deadline {
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        let this = &mut *self;
        if let Poll::Ready(frame) = Pin::new(&mut this.body).poll_frame(cx) {
            return Poll::Ready(frame);
        }
        let deadline = this.deadline;
        let sleep = this
            .sleep
            .get_or_insert_with(|| Box::pin(tokio::time::sleep_until(deadline)));
        match sleep.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(Some(Err(Box::new(BodyTimedOut(this.within))))),
            Poll::Pending => Poll::Pending,
        }
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> SizeHint {
        self.body.size_hint()
    }
}

/// The body of a response produced by a handler.
#[derive(Debug)]
pub enum ResponseBody {
    /// Nothing to send.
    Empty,
    /// A body that was complete when the handler returned.
    Full(Option<Bytes>),
    /// A body produced while it is being sent; an `Err` item aborts the connection
    /// (the client sees a truncated chunked body, as with Next.js).
    Stream(ChunkStream),
}

/// The receiving end of a streamed body.
///
/// A stream that has ended by the time hyper writes the response head (its source enqueued
/// everything in the handler's own turn, as a `pull` that enqueues synchronously does) is sent
/// with a `Content-Length` rather than chunked, as a body complete when the handler returns is
/// (docs/compat.md, body framing): `size_hint` takes what the channel holds and tells the
/// length when the channel has closed behind it.
#[derive(Debug)]
pub struct ChunkStream {
    rx: RefCell<mpsc::Receiver<Result<Bytes, BoxError>>>,
    /// Items taken from the channel by `size_hint`, sent before any others.
    taken: RefCell<VecDeque<Result<Bytes, BoxError>>>,
    /// The channel closed after `taken`: nothing more will come.
    closed: Cell<bool>,
    /// Set when the stream failed: the error is reported after a short pause, so that hyper
    /// first flushes the chunks already produced (the client gets the partial body, then the
    /// connection ends without the final chunk).
    failing: Option<(Pin<Box<tokio::time::Sleep>>, BoxError)>,
    /// The request whose JavaScript writes this body, until the body has ended: dropped
    /// before that (the client went away), it tells JavaScript to cancel its source stream.
    writer: Option<u32>,
}

impl ChunkStream {
    pub(crate) fn new(rx: mpsc::Receiver<Result<Bytes, BoxError>>) -> Self {
        Self {
            rx: RefCell::new(rx),
            taken: RefCell::new(VecDeque::new()),
            closed: Cell::new(false),
            failing: None,
            writer: None,
        }
    }

    /// The body request `id`'s JavaScript writes; JavaScript hears of it when hyper drops
    /// the body before its end.
    pub(crate) fn written_by(rx: mpsc::Receiver<Result<Bytes, BoxError>>, id: u32) -> Self {
        let mut body = Self::new(rx);
        body.writer = Some(id);
        body
    }

    /// The body's length if every chunk is already here and the channel has closed behind
    /// them; `None` while more may come, or when an error ends it (it must go out chunked,
    /// to be cut short).
    fn known_length(&self) -> Option<u64> {
        let mut taken = self.taken.borrow_mut();
        if !self.closed.get() {
            if matches!(taken.back(), Some(Err(_))) {
                return None;
            }
            let mut rx = self.rx.borrow_mut();
            loop {
                match rx.try_recv() {
                    Ok(item) => {
                        let failed = item.is_err();
                        taken.push_back(item);
                        if failed {
                            return None;
                        }
                    }
                    Err(mpsc::error::TryRecvError::Empty) => return None,
                    Err(mpsc::error::TryRecvError::Disconnected) => {
                        self.closed.set(true);
                        break;
                    }
                }
            }
        }
        taken
            .iter()
            .map(|item| item.as_ref().ok().map(|b| b.len() as u64))
            .sum()
    }

    /// Whether nothing is left to send.
    fn ended(&self) -> bool {
        self.closed.get() && self.taken.borrow().is_empty()
    }
}

impl Drop for ChunkStream {
    fn drop(&mut self) {
        if let Some(id) = self.writer.take() {
            crate::worker::stream_dropped(id);
        }
    }
}

impl ResponseBody {
    /// A complete body.
    pub fn full(bytes: impl Into<Bytes>) -> Self {
        let bytes = bytes.into();
        if bytes.is_empty() {
            Self::Empty
        } else {
            Self::Full(Some(bytes))
        }
    }
}

impl Body for ResponseBody {
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Self::Data>, Self::Error>>> {
        match self.get_mut() {
            Self::Empty => Poll::Ready(None),
            Self::Full(bytes) => Poll::Ready(bytes.take().map(|b| Ok(Frame::data(b)))),
            Self::Stream(s) => {
                if let Some((sleep, _)) = s.failing.as_mut() {
                    if sleep.as_mut().poll(cx).is_pending() {
                        return Poll::Pending;
                    }
                    let (_, e) = s.failing.take().expect("failing state");
                    return Poll::Ready(Some(Err(e)));
                }
                let next = match s.taken.get_mut().pop_front() {
                    Some(item) => Poll::Ready(Some(item)),
                    None if s.closed.get() => Poll::Ready(None),
                    None => s.rx.get_mut().poll_recv(cx),
                };
                if s.ended() {
                    // The last chunk: hyper may drop a body of known length once it has
                    // all its bytes, without asking for its end.
                    s.writer = None;
                }
                match next {
                    Poll::Ready(Some(Ok(b))) => Poll::Ready(Some(Ok(Frame::data(b)))),
                    Poll::Ready(Some(Err(e))) => {
                        // Ended by Rust (`abort_request`), which tells JavaScript itself.
                        s.writer = None;
                        let mut sleep =
                            Box::pin(tokio::time::sleep(std::time::Duration::from_millis(20)));
                        if sleep.as_mut().poll(cx).is_ready() {
                            return Poll::Ready(Some(Err(e)));
                        }
                        s.failing = Some((sleep, e));
                        Poll::Pending
                    }
                    Poll::Ready(None) => {
                        s.writer = None;
                        Poll::Ready(None)
                    }
                    Poll::Pending => Poll::Pending,
                }
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        match self {
            Self::Empty => true,
            Self::Full(b) => b.is_none(),
            Self::Stream(s) => s.ended(),
        }
    }

    fn size_hint(&self) -> SizeHint {
        match self {
            Self::Empty => SizeHint::with_exact(0),
            Self::Full(Some(b)) => SizeHint::with_exact(b.len() as u64),
            Self::Full(None) => SizeHint::with_exact(0),
            Self::Stream(s) => s
                .known_length()
                .map_or_else(SizeHint::default, SizeHint::with_exact),
        }
    }
}
