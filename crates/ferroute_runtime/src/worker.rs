//! Per-thread engine state. Each worker thread owns exactly one QuickJS runtime and one
//! context; natives called from JavaScript find the state of their thread here.
//!
//! Invariant: the `RefCell` is never borrowed while JavaScript runs, because JavaScript may
//! call back into natives that borrow it again.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
use std::sync::atomic::{AtomicBool, Ordering::Relaxed};
use std::sync::Arc;
use std::time::Instant;

use bytes::Bytes;
use http::HeaderMap;
use rquickjs::{AsyncContext, Ctx, Function, Object, Persistent};
use tokio::sync::{mpsc, oneshot};
use tokio::task::AbortHandle;

use crate::body::{BoxError, IncomingBody, ResponseBody};

/// What JavaScript hands back for one request: the head, and a body that may still be
/// streaming.
#[derive(Debug)]
pub(crate) struct ResponseHead {
    pub(crate) status: u16,
    pub(crate) status_text: Option<String>,
    pub(crate) headers: HeaderMap,
    pub(crate) body: ResponseBody,
    /// Close the connection after this response (part of the request body was not read).
    pub(crate) close: bool,
}

/// What a route module exports that Rust needs.
#[derive(Debug, Default)]
pub(crate) struct RouteLoaded {
    pub(crate) methods: Vec<String>,
    /// `export const maxDuration` (seconds).
    pub(crate) max_duration: Option<f64>,
    pub(crate) static_generation: Option<crate::engine::StaticGeneration>,
}

thread_local! {
    /// Requests ended from outside JavaScript (client gone, timed out), and streamed bodies
    /// dropped before their end, that JavaScript has not been told about yet; `ABORT_WAKE`
    /// wakes the task that tells it.
    static ABORTS: RefCell<Vec<(u32, Ended)>> = const { RefCell::new(Vec::new()) };
    static ABORT_WAKE: Rc<tokio::sync::Notify> = Rc::new(tokio::sync::Notify::new());
}

/// Why a request ended before its handler finished: the client went away.
pub(crate) const CLIENT_GONE: &str = "disconnected";
/// Why a request ended before its handler finished: its time limit passed.
pub(crate) const TIMED_OUT: &str = "timeout";
/// Why a request ended before its handler finished: its engine was dropped (a worker
/// recycling to give memory back), and it was answered 503.
pub(crate) const SHED: &str = "shed";

/// Forgets request `id` (answered, or never to be answered); a body nobody read is drained
/// so the connection can carry the next request.
pub(crate) fn release(id: u32) {
    if let Some(body) = with_state(|s| s.requests.remove(&id)).and_then(|mut r| r.body.take()) {
        crate::body::drain(body);
    }
}

/// Ends request `id` from outside JavaScript: frees what Rust holds for it (its headers,
/// body and channels), cuts its streaming response, and queues the news for JavaScript
/// (`request.signal` aborts, the response stream is cancelled). Safe to call from `Drop`.
pub(crate) fn abort_request(id: u32, why: &'static str) {
    let removed = STATE.with(|s| {
        let rc = s.borrow().as_ref().cloned()?;
        let mut st = rc.try_borrow_mut().ok()?;
        st.requests.remove(&id)
    });
    let Some(mut r) = removed else {
        return;
    };
    if let Some(tx) = r.stream_tx.take() {
        let _ = tx.try_send(Err(format!("request {why}").into()));
    }
    drop(r);
    tell_later(id, Ended::Request(why));
}

/// What JavaScript is told about a request from outside it.
#[derive(Clone, Copy)]
enum Ended {
    /// The request ended (`abortRequest`): its signal aborts, its response stream is cancelled.
    Request(&'static str),
    /// Its streamed response body was dropped before its end (`streamCancelled`).
    Stream,
}

/// Request `id`'s streamed response body was dropped before JavaScript ended it (the
/// client went away): JavaScript cancels the source stream. Safe to call from `Drop`.
pub(crate) fn stream_dropped(id: u32) {
    tell_later(id, Ended::Stream);
}

fn tell_later(id: u32, what: Ended) {
    // try_with: a body may be dropped while the thread's locals are being torn down.
    let _ = ABORTS.try_with(|a| {
        if let Ok(mut a) = a.try_borrow_mut() {
            a.push((id, what));
        }
    });
    let _ = ABORT_WAKE.try_with(|w| w.notify_one());
}

/// Tells JavaScript about aborted requests as they come (runs for the engine's lifetime).
pub(crate) async fn deliver_aborts() {
    let wake = ABORT_WAKE.with(Rc::clone);
    loop {
        wake.notified().await;
        let batch = ABORTS.with(|a| std::mem::take(&mut *a.borrow_mut()));
        if batch.is_empty() {
            continue;
        }
        for (id, what) in batch {
            match what {
                Ended::Request(why) => {
                    call_entry("abortRequest", vec![id.into(), HostValue::Str(why)]).await;
                }
                Ended::Stream => call_entry("streamCancelled", vec![id.into()]).await,
            }
        }
    }
}

/// One request while it is in JavaScript's hands.
pub(crate) struct InFlight {
    pub(crate) headers: Option<HeaderMap>,
    pub(crate) remote: Option<std::net::SocketAddr>,
    pub(crate) body: Option<IncomingBody>,
    pub(crate) head_tx: Option<oneshot::Sender<ResponseHead>>,
    pub(crate) stream_tx: Option<mpsc::Sender<Result<Bytes, BoxError>>>,
    /// Chunks the stream's channel had no room for.
    pub(crate) pending: crate::natives::Pending,
    /// The request body was abandoned part-way (over the size limit): the response closes
    /// the connection.
    pub(crate) close: bool,
    /// The request's memory slot (`alloc::Ledger`); given back when the request ends.
    pub(crate) owner: u32,
}

impl InFlight {
    /// Hands the response head to `Engine::handle`; false when it was sent already or
    /// nobody waits for it any more.
    pub(crate) fn send_head(&mut self, mut head: ResponseHead) -> bool {
        let Some(tx) = self.head_tx.take() else {
            return false;
        };
        head.close = self.close;
        tx.send(head).is_ok()
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        if let Some(ledger) = crate::alloc::worker_ledger() {
            ledger.release(self.owner);
        }
    }
}

pub(crate) struct State {
    /// The QuickJS context (None on JavaScriptCore).
    pub(crate) ctx: Option<AsyncContext>,
    /// QuickJS's `internal` object.
    pub(crate) internal: Option<Persistent<Object<'static>>>,
    /// The JavaScriptCore VM (None on QuickJS).
    pub(crate) jsc: Option<Rc<crate::jsc::Core>>,
    /// Keyed by request id, hashed with foldhash (an id is ours, not an attacker's choice,
    /// and std's SipHash is most of a lookup's cost).
    pub(crate) requests: HashMap<u32, InFlight, foldhash::fast::FixedState>,
    pub(crate) next_id: u32,
    pub(crate) timers: HashMap<u32, AbortHandle>,
    /// The engine's background tasks (body reads, fetches, timers, stream watches, ...):
    /// their futures may hold its JavaScript values, so they end before it is freed.
    pub(crate) tasks: tokio::task::JoinSet<()>,
    pub(crate) route_loads: HashMap<u32, oneshot::Sender<Result<RouteLoaded, String>>>,
    pub(crate) config: std::sync::Arc<crate::engine::EngineConfig>,
}

thread_local! {
    static STATE: RefCell<Option<Rc<RefCell<State>>>> = const { RefCell::new(None) };
    /// When the current synchronous run of JavaScript started (None while idle).
    pub(crate) static ENTERED_AT: Cell<Option<Instant>> = const { Cell::new(None) };
    /// Set while an engine starts (its platform JavaScript) and its modules load: that is not
    /// a handler's synchronous run, so it gets `engine::LOAD_LIMIT`, not `--max-sync-ms`
    /// (see [`loading`]).
    static LOADING: Cell<bool> = const { Cell::new(false) };
    /// Raised while one synchronous run of JavaScript has lasted longer than `BUSY_AFTER`:
    /// other workers may then take this worker's idle connections.
    pub(crate) static BUSY: Arc<AtomicBool> = Arc::new(AtomicBool::new(false));
}

/// Marks what runs until the guard is dropped as loading (`LOADING`): evaluating the
/// platform's JavaScript or a package graph may take far longer than a handler may run, the
/// more so on a machine under load, and a module that loops at its top level still stops,
/// later.
pub(crate) fn loading() -> Loading {
    Loading(LOADING.with(|l| l.replace(true)))
}

/// Ends a stretch of loading (`loading`), restoring what was before it.
pub(crate) struct Loading(bool);

impl Drop for Loading {
    fn drop(&mut self) {
        LOADING.with(|l| l.set(self.0));
    }
}

/// Whether the synchronous run of JavaScript going on now must stop: it has lasted longer
/// than `limit` (`--max-sync-ms`; while route modules load, `engine::LOAD_LIMIT`, since
/// compiling and evaluating a package graph may take far longer than a handler may run, and a
/// module that loops at its top level still stops, later). Raises `BUSY` past `BUSY_AFTER`.
/// Both engines' interrupt checks ask this.
pub(crate) fn run_is_over(limit: std::time::Duration) -> bool {
    let limit = if LOADING.with(Cell::get) {
        limit.max(crate::engine::LOAD_LIMIT)
    } else {
        limit
    };
    let Some(elapsed) = ENTERED_AT.with(|e| e.get().map(|t| t.elapsed())) else {
        return false;
    };
    if elapsed > BUSY_AFTER {
        BUSY.with(|b| {
            if !b.swap(true, Relaxed) {
                BUSY_RAISED.notify_waiters();
            }
        });
    }
    elapsed > limit
}

/// Woken each time a worker's `BUSY` rises, whichever worker's (and by the server when a
/// worker goes away to recycle its engine): the others, which otherwise sleep while idle, then
/// look for its idle connections.
pub(crate) static BUSY_RAISED: tokio::sync::Notify = tokio::sync::Notify::const_new();

/// How long a synchronous run of JavaScript lasts before its worker counts as busy.
pub(crate) const BUSY_AFTER: std::time::Duration = std::time::Duration::from_millis(50);

pub(crate) fn install(state: State) {
    STATE.with(|s| *s.borrow_mut() = Some(Rc::new(RefCell::new(state))));
}

impl State {
    /// Runs `fut` as a task of this engine (see [`spawn`]).
    pub(crate) fn spawn(&mut self, fut: impl std::future::Future + 'static) -> AbortHandle {
        // Finished tasks stay in the set until joined: reap them as new ones come.
        while self.tasks.try_join_next().is_some() {}
        self.tasks.spawn_local(async move {
            fut.await;
        })
    }
}

/// Runs `fut` on this thread as a task of the current engine. An engine ends its tasks
/// before its runtime is freed (`Engine::retire`): a future holding a `Persistent` must not
/// outlive the runtime, nor finish its work in the next engine of the thread.
pub(crate) fn spawn(fut: impl std::future::Future + 'static) -> AbortHandle {
    with_state(|s| s.spawn(fut))
}

/// Ends the current engine's background tasks and waits until their futures are dropped.
pub(crate) async fn end_tasks() {
    let Some(mut tasks) = STATE.with(|s| {
        s.borrow()
            .as_ref()
            .map(|rc| std::mem::take(&mut rc.borrow_mut().tasks))
    }) else {
        return;
    };
    tasks.abort_all();
    while tasks.join_next().await.is_some() {}
}

/// Drops this thread's state (and every JavaScript value it holds), before the engine's
/// runtime is freed. False when the runtime must not be freed: the state is still shared,
/// or tasks that may hold its values are still running (they are aborted; their futures
/// drop later).
pub(crate) fn uninstall() -> bool {
    let state = STATE.with(|s| s.borrow_mut().take());
    let Some(rc) = state else {
        return true;
    };
    let Ok(cell) = Rc::try_unwrap(rc) else {
        return false;
    };
    let mut st = cell.into_inner();
    for (_, t) in st.timers.drain() {
        t.abort();
    }
    st.requests.clear();
    st.internal = None;
    st.jsc = None;
    while st.tasks.try_join_next().is_some() {}
    st.tasks.is_empty()
}

/// Runs `f` with this thread's state. Panics only if called off a worker thread, which is
/// a bug in this crate, never a consequence of user input.
pub(crate) fn with_state<R>(f: impl FnOnce(&mut State) -> R) -> R {
    STATE.with(|s| {
        let rc = s
            .borrow()
            .as_ref()
            .cloned()
            .expect("engine state on a worker thread");
        let mut st = rc.borrow_mut();
        f(&mut st)
    })
}

/// The QuickJS context of this thread. Panics on a JavaScriptCore engine: only QuickJS's
/// natives and entries call it, which a bug in this crate would be needed to reach there.
pub(crate) fn context() -> AsyncContext {
    with_state(|s| s.ctx.clone()).expect("a QuickJS engine on this thread")
}

/// A value Rust hands to JavaScript at an entry, whichever the engine.
#[derive(Debug, Clone)]
pub(crate) enum HostValue {
    Number(f64),
    Bool(bool),
    Str(&'static str),
    String(String),
}

impl From<u32> for HostValue {
    fn from(n: u32) -> Self {
        HostValue::Number(f64::from(n))
    }
}

/// Calls `internal[name](...args)` on this thread's engine, then the jobs it queued; an
/// exception is logged. For the entries that are not hot (timers, aborts, cancelled streams).
pub(crate) async fn call_entry(name: &'static str, args: Vec<HostValue>) {
    if let Err(message) = try_call_entry(name, args).await {
        crate::natives::log_error(format!("⨯ {message}"));
    }
}

/// [`call_entry`], answering what escaped `internal[name]` (its message and stack).
pub(crate) async fn try_call_entry(name: &'static str, args: Vec<HostValue>) -> Result<(), String> {
    if let Some(core) = with_state(|s| s.jsc.clone()) {
        return core.call_entry(name, &args);
    }
    enter(move |ctx| {
        let mut list = rquickjs::function::Args::new(ctx.clone(), args.len());
        let pushed = args.into_iter().try_for_each(|a| match a {
            HostValue::Number(n) => list.push_arg(n),
            HostValue::Bool(b) => list.push_arg(b),
            HostValue::Str(s) => list.push_arg(s),
            HostValue::String(s) => list.push_arg(s),
        });
        pushed
            .and_then(|()| {
                let internal =
                    with_state(|s| s.internal.clone()).expect("internal object installed");
                let f: Function = internal.restore(&ctx)?.get(name)?;
                f.call_arg::<()>(list)
            })
            .map_err(|e| crate::natives::describe_error(&ctx, e))
    })
    .await
}

/// Enters JavaScript from Rust: runs `f`, then every job it queued (promise reactions),
/// so a handler that does not wait on I/O finishes within one entry.
pub(crate) async fn enter<R, F>(f: F) -> R
where
    F: for<'js> FnOnce(Ctx<'js>) -> R,
{
    let ctx = context();
    let r = ctx
        .with(|ctx| {
            let _memory = crate::alloc::JsEntry::new();
            let outer = ENTERED_AT.with(|e| e.replace(Some(Instant::now())));
            let r = f(ctx.clone());
            drain_jobs(&ctx);
            ENTERED_AT.with(|e| e.set(outer));
            r
        })
        .await;
    clear_busy();
    settle_memory();
    r
}

/// Lowers `BUSY`: the long synchronous run it announced is over.
pub(crate) fn clear_busy() {
    BUSY.with(|b| {
        if b.load(Relaxed) {
            b.store(false, Relaxed);
        }
    });
}

/// Why a request ended before its handler finished: it held the most memory of a worker
/// over its limit.
pub(crate) const OUT_OF_MEMORY: &str = "memory";

/// After JavaScript ran: gives memory back to the system after a burst, and ends the
/// requests the ledger picked because they hold the memory of a worker over its limit (their
/// clients get a 500 now, and every allocation they make from now on fails).
fn settle_memory() {
    let Some(ledger) = crate::alloc::worker_ledger() else {
        return;
    };
    ledger.return_freed();
    for (id, bytes) in ledger.take_victims() {
        crate::natives::eprintln_safe(&format!(
            "⨯ A request holding {} MB stopped: the worker reached its memory limit of {} MB (--max-memory-mb); answered 500",
            bytes >> 20,
            ledger.limit() >> 20
        ));
        abort_request(id, OUT_OF_MEMORY);
    }
}

/// Runs queued promise jobs until none is left.
pub(crate) fn drain_jobs(ctx: &Ctx<'_>) {
    while ctx.execute_pending_job() {
        ENTERED_AT.with(|e| e.set(Some(Instant::now())));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_while_loading_gets_the_load_limit() {
        let limit = std::time::Duration::from_millis(10);
        let started = Instant::now() - std::time::Duration::from_millis(30);
        ENTERED_AT.with(|e| e.set(Some(started)));
        assert!(run_is_over(limit), "a handler's run past its limit stops");
        {
            let _loading = loading();
            assert!(!run_is_over(limit), "loading gets the load limit");
            drop(loading());
            assert!(!run_is_over(limit), "an inner stretch restores, not clears");
        }
        assert!(
            run_is_over(limit),
            "after loading, the limit is the handler's again"
        );
        ENTERED_AT.with(|e| e.set(None));
        clear_busy();
    }
}
