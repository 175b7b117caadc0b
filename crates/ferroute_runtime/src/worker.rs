//! Per-thread engine state. Each worker thread owns exactly one QuickJS runtime and one
//! context; natives called from JavaScript find the state of their thread here.
//!
//! Invariant: the `RefCell` is never borrowed while JavaScript runs, because JavaScript may
//! call back into natives that borrow it again.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::rc::Rc;
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
}

/// One request while it is in JavaScript's hands.
pub(crate) struct InFlight {
    pub(crate) headers: Option<HeaderMap>,
    pub(crate) remote: Option<std::net::SocketAddr>,
    pub(crate) body: Option<IncomingBody>,
    pub(crate) head_tx: Option<oneshot::Sender<ResponseHead>>,
    pub(crate) stream_tx: Option<mpsc::Sender<Result<Bytes, BoxError>>>,
    pub(crate) pending_chunk: Option<Bytes>,
    pub(crate) cancel_watch: Option<AbortHandle>,
}

impl Drop for InFlight {
    fn drop(&mut self) {
        if let Some(w) = self.cancel_watch.take() {
            w.abort();
        }
    }
}

pub(crate) struct State {
    pub(crate) ctx: AsyncContext,
    pub(crate) internal: Option<Persistent<Object<'static>>>,
    pub(crate) requests: HashMap<u32, InFlight>,
    pub(crate) next_id: u32,
    pub(crate) timers: HashMap<u32, AbortHandle>,
    pub(crate) route_loads: HashMap<u32, oneshot::Sender<Result<Vec<String>, String>>>,
    pub(crate) config: std::sync::Arc<crate::engine::EngineConfig>,
}

thread_local! {
    static STATE: RefCell<Option<Rc<RefCell<State>>>> = const { RefCell::new(None) };
    /// When the current synchronous run of JavaScript started (None while idle).
    pub(crate) static ENTERED_AT: Cell<Option<Instant>> = const { Cell::new(None) };
    /// Set while route modules load at start-up: compiling and evaluating a package graph
    /// is not a handler's synchronous run, so it gets `engine::LOAD_LIMIT`, not `--max-sync-ms`.
    pub(crate) static LOADING: Cell<bool> = const { Cell::new(false) };
}

pub(crate) fn install(state: State) {
    STATE.with(|s| *s.borrow_mut() = Some(Rc::new(RefCell::new(state))));
}

/// Drops this thread's state (and every JavaScript value it holds), before the engine's
/// runtime is freed.
pub(crate) fn uninstall() {
    let state = STATE.with(|s| s.borrow_mut().take());
    if let Some(rc) = state {
        if let Ok(cell) = Rc::try_unwrap(rc) {
            let mut st = cell.into_inner();
            for (_, t) in st.timers.drain() {
                t.abort();
            }
            st.requests.clear();
            st.internal = None;
        }
    }
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

pub(crate) fn context() -> AsyncContext {
    with_state(|s| s.ctx.clone())
}

/// Enters JavaScript from Rust: runs `f`, then every job it queued (promise reactions),
/// so a handler that does not wait on I/O finishes within one entry.
pub(crate) async fn enter<R, F>(f: F) -> R
where
    F: for<'js> FnOnce(Ctx<'js>) -> R,
{
    let ctx = context();
    ctx.with(|ctx| {
        let outer = ENTERED_AT.with(|e| e.replace(Some(Instant::now())));
        let r = f(ctx.clone());
        drain_jobs(&ctx);
        ENTERED_AT.with(|e| e.set(outer));
        r
    })
    .await
}

/// Runs queued promise jobs until none is left.
pub(crate) fn drain_jobs(ctx: &Ctx<'_>) {
    while ctx.execute_pending_job() {
        ENTERED_AT.with(|e| e.set(Some(Instant::now())));
    }
}

/// Calls `internal[name](...args)`.
pub(crate) fn call_internal<'js, A>(ctx: &Ctx<'js>, name: &str, args: A) -> rquickjs::Result<()>
where
    A: rquickjs::function::IntoArgs<'js>,
{
    let internal = with_state(|s| s.internal.clone()).expect("internal object installed");
    let internal = internal.restore(ctx)?;
    let f: Function = internal.get(name)?;
    f.call::<_, ()>(args)
}
