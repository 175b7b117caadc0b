//! The engine a worker serves with, and its replacement between requests. `ferroute dev`
//! replaces it with a new generation of the project on a change (dev.rs); a JavaScriptCore
//! worker that the memory bound's backstop picked replaces it with a fresh one of the same
//! project, to give its heap back ([`WorkerEngine::recycle`], docs/operations.md "Memory").
//!
//! Either way new requests wait, the running ones finish on the old engine (up to
//! [`DRAIN_LIMIT`]), the old engine is freed, then a fresh one imports every route module
//! and serves. An engine's state is its thread's, so the old one goes before the new one
//! starts. A recycle also stops the worker's accepting meanwhile and lets the other workers
//! take its idle keep-alive connections (handover.rs), so that only the requests already on
//! the worker wait for the fresh engine.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use ferroute_runtime::{Engine, MemoryRecycle, ResponseBody};
use http::{Response, StatusCode};
use tokio::sync::Notify;

use crate::conn::Conns;
use crate::service::{Answer, HeadLimits, Site};
use crate::static_cache::ResponseCache;

/// How long a replacement waits for the old engine's requests before it cuts them.
pub(crate) const DRAIN_LIMIT: Duration = Duration::from_secs(10);

/// What a worker serves now.
pub(crate) struct Current {
    /// `None` after an engine failed to start.
    pub(crate) engine: Option<Rc<Engine>>,
    pub(crate) site: Site,
    /// `ferroute dev`: the project cannot be served; every request answers 500 with this.
    pub(crate) broken: Option<Arc<str>>,
}

/// One worker's engine and site, replaceable between requests.
pub(crate) struct WorkerEngine {
    current: RefCell<Rc<Current>>,
    /// The server's response cache, held here so that a request takes one reference (the
    /// worker's) rather than one per shared piece.
    cache: Arc<ResponseCache>,
    /// Requests between their start and their response head (their streamed bodies are
    /// the engine's `in_flight`).
    active: Cell<usize>,
    /// True while a replacement runs: new requests wait (`holding` mirrors it for the
    /// requests' fast path).
    holding: Cell<bool>,
    swapping: tokio::sync::watch::Sender<bool>,
    /// Told when a new engine serves (the recycle watch then follows that one).
    replaced: Notify,
    /// One replacement at a time (a `ferroute dev` reload and a recycle may coincide).
    replacing: tokio::sync::Mutex<()>,
}

/// One request's answer, counted as active until it is answered or dropped.
pub(crate) struct Handling {
    answer: Answer,
    _active: Option<ActiveGuard>,
}

impl Future for Handling {
    type Output = Response<ResponseBody>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        Pin::new(&mut self.get_mut().answer).poll(cx)
    }
}

/// Counts a request as active until dropped.
struct ActiveGuard(Rc<WorkerEngine>);

impl Drop for ActiveGuard {
    fn drop(&mut self) {
        self.0.active.set(self.0.active.get() - 1);
    }
}

impl WorkerEngine {
    pub(crate) fn new(current: Current, cache: Arc<ResponseCache>) -> Rc<Self> {
        Rc::new(Self {
            current: RefCell::new(Rc::new(current)),
            cache,
            active: Cell::new(0),
            holding: Cell::new(false),
            swapping: tokio::sync::watch::channel(false).0,
            replaced: Notify::new(),
            replacing: tokio::sync::Mutex::new(()),
        })
    }

    /// The engine serving now.
    pub(crate) fn engine(&self) -> Option<Rc<Engine>> {
        self.current.borrow().engine.clone()
    }

    /// Requests the engine holds: running, streaming, or awaiting `after()` callbacks.
    pub(crate) fn in_flight(&self) -> usize {
        self.current
            .borrow()
            .engine
            .as_ref()
            .map_or(0, |e| e.in_flight())
    }

    /// Serves what `current` holds at once, without waiting for requests (a `ferroute dev`
    /// generation that cannot be served keeps the engine, to answer with its diagnostic).
    pub(crate) fn set(&self, current: Current) {
        *self.current.borrow_mut() = Rc::new(current);
    }

    /// Answers one request with the current engine (after a replacement, when one runs).
    /// Not an `async fn`: what hyper holds for each request is the small [`Handling`].
    pub(crate) fn handle(
        self: &Rc<Self>,
        req: http::Request<ferroute_runtime::IncomingBody>,
        remote: Option<SocketAddr>,
        limits: HeadLimits,
    ) -> Handling {
        if self.holding.get() {
            let this = self.clone();
            return Handling {
                answer: Answer::Later(Box::pin(async move {
                    this.swapped().await;
                    this.handle(req, remote, limits).await
                })),
                _active: None,
            };
        }
        let current = self.current.borrow().clone();
        self.active.set(self.active.get() + 1);
        let active = Some(ActiveGuard(self.clone()));
        let answer = match (&current.engine, &current.broken) {
            (_, Some(text)) => {
                drop(req);
                Answer::Now(Some(crate::dev::error_response(text)))
            }
            // A fresh engine failed to start after a recycle: this worker cannot serve.
            (None, None) => Answer::Now(Some(crate::service::status(
                StatusCode::SERVICE_UNAVAILABLE,
            ))),
            (Some(engine), None) => crate::service::handle(
                engine.clone(),
                &current.site,
                &self.cache,
                req,
                remote,
                limits,
            ),
        };
        Handling {
            answer,
            _active: active,
        }
    }

    /// Waits for the replacement that runs to serve.
    async fn swapped(&self) {
        let mut swapping = self.swapping.subscribe();
        let _ = swapping.wait_for(|s| !*s).await;
    }

    /// Replaces the engine: new requests wait, the running ones get up to [`DRAIN_LIMIT`],
    /// `cut` is called with the old engine and how many still run then, the old engine is
    /// freed, and what `load` builds serves. Answers what `load` answered beside the engine.
    pub(crate) async fn replace<T, F>(
        &self,
        cut: impl FnOnce(&Engine, usize),
        load: impl FnOnce() -> F,
    ) -> T
    where
        F: Future<Output = (Current, T)>,
    {
        let _one = self.replacing.lock().await;
        // `send_replace`: `send` stores nothing while no request holds a receiver, and then
        // a request arriving mid-swap found no engine.
        self.swapping.send_replace(true);
        self.holding.set(true);
        let deadline = Instant::now() + DRAIN_LIMIT;
        while (self.active.get() > 0 || self.in_flight() > 0) && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        if let Some(engine) = self.engine() {
            let running = engine.in_flight();
            if running > 0 {
                cut(&engine, running);
            }
        }
        // The old engine goes before the new one starts: an engine's state is its thread's.
        if let Some(old) = self.take_engine() {
            // A background regeneration may hold it a moment longer.
            let mut old = old;
            loop {
                match Rc::try_unwrap(old) {
                    Ok(engine) => {
                        engine.retire().await;
                        break;
                    }
                    Err(still) if Instant::now() < deadline => {
                        old = still;
                        tokio::time::sleep(Duration::from_millis(1)).await;
                    }
                    // Still referenced (a request the drain limit cut): never freed, as
                    // freeing it would uninstall the thread's state under the request.
                    Err(still) => {
                        std::mem::forget(still);
                        break;
                    }
                }
            }
        }
        let (current, out) = load().await;
        *self.current.borrow_mut() = Rc::new(current);
        self.holding.set(false);
        self.swapping.send_replace(false);
        self.replaced.notify_waiters();
        out
    }

    /// Takes the engine out (a replacement is about to retire it), leaving the site.
    fn take_engine(&self) -> Option<Rc<Engine>> {
        let mut current = self.current.borrow_mut();
        let emptied = Rc::new(Current {
            engine: None,
            site: current.site.clone(),
            broken: current.broken.clone(),
        });
        match Rc::try_unwrap(std::mem::replace(&mut *current, emptied)) {
            Ok(c) => c.engine,
            Err(c) => c.engine.clone(),
        }
    }

    /// Recycles the engine whenever the memory bound's backstop picks it (for the worker's
    /// lifetime): see [`WorkerEngine::recycle`]. `load` builds a fresh engine of the project.
    pub(crate) async fn recycle_when_wanted<F>(
        self: Rc<Self>,
        index: usize,
        conns: Rc<Conns>,
        load: impl Fn() -> F,
    ) where
        F: Future<Output = Current>,
    {
        loop {
            let replaced = self.replaced.notified();
            tokio::pin!(replaced);
            replaced.as_mut().enable();
            // The future holds no reference to the engine, which a replacement frees.
            let wanted = self.engine().map(|e| e.recycle_wanted());
            let Some(wanted) = wanted else {
                replaced.await;
                continue;
            };
            tokio::select! {
                why = wanted => self.recycle(index, &conns, why, load()).await,
                () = replaced => {}
            }
        }
    }

    /// Replaces the engine by a fresh one of the same project to give its memory back: the
    /// worker stops accepting connections and the other workers take its idle ones, its
    /// running requests finish (those still running after [`DRAIN_LIMIT`] are answered 503),
    /// the old engine and its heap are freed, then `fresh` serves. One line says so.
    async fn recycle(
        &self,
        index: usize,
        conns: &Conns,
        why: MemoryRecycle,
        fresh: impl Future<Output = Current>,
    ) {
        let t0 = Instant::now();
        conns.pause(true);
        let running = self.active.get().max(self.in_flight());
        let shed = Cell::new(0);
        self.replace(
            |engine, _| shed.set(engine.shed()),
            || async move { (fresh.await, ()) },
        )
        .await;
        let serving = self.current.borrow().engine.is_some();
        conns.pause(!serving);
        let shed = shed.get();
        let outcome = if serving {
            format!(
                "a fresh engine serves after {} ms",
                t0.elapsed().as_millis()
            )
        } else {
            "no fresh engine could start: the worker answers 503 to the requests on its connections"
                .into()
        };
        ferroute_runtime::log_message(&format!(
            "⨯ worker {index} recycled: {why}; {} request(s) finished, {shed} answered 503; {outcome}",
            running.saturating_sub(shed),
        ));
    }
}
