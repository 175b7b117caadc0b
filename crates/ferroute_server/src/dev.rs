//! `ferroute dev`: the server of `start`, without the response cache, following the
//! project on disk. A change (seen by `watch.rs`) makes a new [`Generation`]: the route
//! table, `public/`, `next.config`, the `.env` files and an engine configuration sharing the
//! process's compiled files (only the changed files are compiled again). Each worker swaps
//! it in between requests: new requests wait, the ones running finish on the old engine,
//! then a fresh engine imports every route module and serves. QuickJS cannot unload a
//! module, and an engine's state is its thread's, so a swap is a new engine on the same
//! thread once the old one is idle; the old one is freed first (`Engine::retire`). The swap
//! is worker_engine.rs's, which a JavaScriptCore worker over the memory bound also uses to
//! recycle its engine.
//!
//! Errors never stop the server: a route that fails to load answers 500 with its
//! diagnostic (printed once on stderr), and a project that cannot be served (route
//! conflicts, a broken `next.config`) answers 500 with its diagnostic to every request,
//! until the next change fixes it.

use std::collections::HashMap;
use std::rc::Rc;
use std::sync::atomic::AtomicUsize;
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

use bytes::Bytes;
use ferroute_runtime::{Engine, EngineConfig, EngineError, ResponseBody, RouteModule};
use http::{header, HeaderValue, Response, StatusCode};

use crate::conn::{ConnectionLimits, Conns, Registry};
use crate::handover::Mesh;
use crate::next_config::NextConfig;
use crate::project::Project;
use crate::service::Site;
use crate::static_cache::ResponseCache;
use crate::worker_engine::{Current, WorkerEngine, DRAIN_LIMIT};
use crate::workers::{Server, ServerConfig, ServerError, WorkerExit};

/// One state of the project on disk, as the workers serve it.
#[derive(Debug)]
pub(crate) struct Generation {
    /// 1, 2, ... in the order the changes were seen.
    pub(crate) id: u64,
    /// When the change that made it was seen (for the reload line).
    pub(crate) seen: Instant,
    pub(crate) config: Arc<EngineConfig>,
    pub(crate) modules: Arc<Vec<RouteModule>>,
    /// The app folder (`app/` or `src/app/`).
    pub(crate) app_dir: std::path::PathBuf,
    pub(crate) site: Site,
    /// The project cannot be served (route conflicts, `next.config`): every request
    /// answers 500 with this text until a change fixes it.
    pub(crate) broken: Option<Arc<str>>,
}

/// What worker 0 tells the watcher after it swapped in a generation.
#[derive(Debug)]
pub(crate) struct Loaded {
    pub(crate) id: u64,
    /// Route modules that failed to load.
    pub(crate) errors: Vec<EngineError>,
    /// From the change seen to the new engine serving.
    pub(crate) elapsed: Duration,
}

/// Starts `ferroute dev`: binds, builds the first generation, starts the workers and the
/// watcher. Route and load errors are served as 500s, never returned.
pub(crate) fn start(config: ServerConfig) -> Result<Server, ServerError> {
    let t0 = Instant::now();
    let root = config
        .root
        .canonicalize()
        .unwrap_or_else(|_| config.root.clone());
    if crate::project::find_app_dir(&root).is_none() {
        return Err(crate::ProjectError::NoAppDir { root }.into());
    }
    let bind_host = config.hostname.clone().unwrap_or_else(|| "::".to_owned());
    let listener = crate::workers::bind(&bind_host, config.port)?;
    let addr = listener.local_addr().map_err(|source| ServerError::Bind {
        addr: bind_host.clone(),
        source,
    })?;
    let origin = crate::workers::origin_of(&config, addr.port());
    let store = Arc::new(config.cache.open(&root)?);
    let (events_tx, events_rx) = mpsc::channel();
    // Watching starts before the first scan, so that no change falls between the two.
    let watcher = crate::watch::Watcher::new(&root, events_tx.clone());
    let mut builder = crate::watch::Builder::new(
        config.clone(),
        root.clone(),
        origin.clone(),
        addr.port(),
        store.clone(),
    );
    let first = builder.first();
    let env_files = builder.env_files().to_vec();
    let project = first.site_project(&root);
    let (gen_tx, gen_rx) = tokio::sync::watch::channel(first.clone());

    let cache = Arc::new(
        ResponseCache::new(
            store,
            "development".into(),
            first.config.preview_mode_id.clone(),
        )
        .for_dev(),
    );
    let (ready_tx, ready_rx) = mpsc::channel();
    let (stop, stop_rx) = tokio::sync::watch::channel(None);
    let (go, go_rx) = tokio::sync::watch::channel(false);
    let limits = Arc::new(config.limits.clone());
    let open = Arc::new(AtomicUsize::new(0));
    let mesh = Mesh::new(config.workers.max(1));
    let mut workers = Vec::new();
    for index in 0..config.workers.max(1) {
        let listener = listener.try_clone().map_err(|source| ServerError::Bind {
            addr: bind_host.clone(),
            source,
        })?;
        let w = DevWorkerSetup {
            index,
            listener,
            generations: gen_rx.clone(),
            loaded: events_tx.clone(),
            ready: ready_tx.clone(),
            limits: limits.clone(),
            open: open.clone(),
            stop: stop_rx.clone(),
            mesh: mesh.clone(),
            cache: cache.clone(),
            go: go_rx.clone(),
        };
        let handle = std::thread::Builder::new()
            .name(format!("ferroute-dev-{index}"))
            .stack_size(16 * 1024 * 1024)
            .spawn(move || dev_worker_main(w))
            .map_err(|e| ServerError::Engine(EngineError::Init(e.to_string())))?;
        workers.push(handle);
    }
    drop(ready_tx);
    drop(events_tx);
    for _ in 0..workers.len() {
        match ready_rx.recv() {
            Ok(Ok(())) => {}
            Ok(Err(e)) => return Err(e),
            Err(_) => {
                return Err(ServerError::Engine(EngineError::Init(
                    "a worker thread stopped".into(),
                )))
            }
        }
    }
    let _ = go.send(true);
    std::thread::Builder::new()
        .name("ferroute-watch".into())
        .spawn(move || crate::watch::run(builder, watcher, events_rx, &gen_tx))
        .map_err(|e| ServerError::Engine(EngineError::Init(e.to_string())))?;
    Ok(Server {
        addr,
        built: false,
        origin,
        started: t0.elapsed(),
        env_files,
        workers,
        stop,
        methods: Vec::new(),
        project,
    })
}

impl Generation {
    /// The project this generation serves, or an empty one when it is broken.
    fn site_project(&self, root: &std::path::Path) -> Project {
        Project {
            root: root.to_path_buf(),
            table: self.site.table.clone(),
            public: self.site.public.clone(),
            app_dir: self.app_dir.clone(),
        }
    }
}

/// The `Site` of a generation that serves nothing (a broken project).
pub(crate) fn empty_site(next: Arc<NextConfig>) -> Site {
    let table = ferroute_router::RouteTable::from_files(
        std::path::Path::new("app"),
        Vec::<std::path::PathBuf>::new(),
    )
    .unwrap_or_else(|_| unreachable!("an empty table has no conflicts"));
    Site {
        table: Arc::new(table),
        public: Arc::default(),
        next,
        failed: None,
        middleware: None,
    }
}

/// A 500 carrying a diagnostic as text (what `ferroute dev` answers for a route or a
/// project that does not load).
pub(crate) fn error_response(text: &str) -> Response<ResponseBody> {
    let mut res = Response::new(ResponseBody::full(Bytes::from(text.to_owned())));
    *res.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    h.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("no-store, must-revalidate"),
    );
    res
}

/// A diagnostic rendered without colours, for a response body.
pub(crate) fn plain(diagnostic: &dyn miette::Diagnostic) -> String {
    let mut out = String::new();
    let handler =
        miette::GraphicalReportHandler::new_themed(miette::GraphicalTheme::unicode_nocolor())
            .with_links(false);
    if handler.render_report(&mut out, diagnostic).is_err() {
        out = diagnostic.to_string();
    }
    out
}

struct DevWorkerSetup {
    index: usize,
    listener: std::net::TcpListener,
    generations: tokio::sync::watch::Receiver<Arc<Generation>>,
    loaded: mpsc::Sender<crate::watch::Event>,
    ready: mpsc::Sender<Result<(), ServerError>>,
    limits: Arc<ConnectionLimits>,
    open: Arc<AtomicUsize>,
    stop: tokio::sync::watch::Receiver<Option<Instant>>,
    mesh: Arc<Mesh>,
    cache: Arc<ResponseCache>,
    go: tokio::sync::watch::Receiver<bool>,
}

/// One worker's side of dev mode: swaps in each generation the watcher makes.
struct DevWorker {
    engine: Rc<WorkerEngine>,
}

impl DevWorker {
    /// Swaps `generation` in: waits for the running requests, builds a fresh engine and
    /// imports every route module. Worker 0 reports the result.
    async fn swap(
        &self,
        generation: &Generation,
        report: Option<&mpsc::Sender<crate::watch::Event>>,
    ) {
        let send = |errors: Vec<EngineError>| {
            if let Some(tx) = report {
                let _ = tx.send(crate::watch::Event::Loaded(Loaded {
                    id: generation.id,
                    errors,
                    elapsed: generation.seen.elapsed(),
                }));
            }
        };
        if let Some(text) = &generation.broken {
            self.engine.set(Current {
                engine: self.engine.engine(),
                site: generation.site.clone(),
                broken: Some(text.clone()),
            });
            send(Vec::new());
            return;
        }
        let cut = |_: &Engine, running: usize| {
            ferroute_runtime::log_warning(&format!(
                "reloading with {running} request(s) still running after {}s: they are cut",
                DRAIN_LIMIT.as_secs()
            ));
        };
        let errors = self
            .engine
            .replace(cut, || load_or_broken(generation))
            .await;
        send(errors);
    }
}

/// A fresh engine for `generation` ([`load`]), or the generation's site answering the
/// engine's failure to start with its diagnostic.
async fn load_or_broken(generation: &Generation) -> (Current, Vec<EngineError>) {
    match load(generation).await {
        Ok(loaded) => loaded,
        Err(e) => {
            let text: Arc<str> = plain(&e).into();
            let current = Current {
                engine: None,
                site: generation.site.clone(),
                broken: Some(text),
            };
            (current, vec![e])
        }
    }
}

/// A fresh engine with every module of `generation` imported; routes that failed to load
/// answer 500 with their diagnostic.
async fn load(generation: &Generation) -> Result<(Current, Vec<EngineError>), EngineError> {
    let engine = Engine::new(generation.config.clone()).await?;
    let errors = engine
        .load_routes(&generation.modules)
        .await
        .err()
        .unwrap_or_default();
    let mut failed = HashMap::new();
    for e in &errors {
        if let EngineError::Load { file, .. } = e {
            if let Some(i) = generation.modules.iter().position(|m| &m.display == file) {
                failed.insert(i, plain(e));
            }
        }
    }
    let mut site = generation.site.clone();
    if !failed.is_empty() {
        site.failed = Some(Arc::new(failed));
    }
    let mut errors = errors;
    let mut broken = None;
    if let Some(mw) = &site.middleware {
        // The middleware fronts every request: while it does not load, every request
        // answers 500 with its diagnostic (next dev shows its error for every page).
        match mw.load(&engine, &site.next).await {
            Ok(()) => {}
            Err(ServerError::Engine(e)) => {
                broken = Some(plain(&e).into());
                errors.push(e);
            }
            Err(e) => {
                broken = Some(plain(&e).into());
                eprintln!("{:?}", miette::Report::new(e));
            }
        }
    }
    let current = Current {
        engine: Some(Rc::new(engine)),
        site,
        broken,
    };
    Ok((current, errors))
}

#[allow(clippy::too_many_lines)]
fn dev_worker_main(w: DevWorkerSetup) -> WorkerExit {
    let DevWorkerSetup {
        index,
        listener,
        mut generations,
        loaded,
        ready,
        limits,
        open,
        stop,
        mesh,
        cache,
        mut go,
    } = w;
    let rt = match tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            let _ = ready.send(Err(ServerError::Engine(EngineError::Init(e.to_string()))));
            return WorkerExit::default();
        }
    };
    crate::workers::run_worker(&rt, async move {
        let first = generations.borrow_and_update().clone();
        let report = (index == 0).then_some(&loaded);
        let (current, errors) = match load(&first).await {
            Ok(c) => c,
            Err(e) => {
                let _ = ready.send(Err(ServerError::Engine(e)));
                return WorkerExit::default();
            }
        };
        let current = Current {
            broken: first.broken.clone(),
            ..current
        };
        if let Some(tx) = report {
            let _ = tx.send(crate::watch::Event::Loaded(Loaded {
                id: first.id,
                errors,
                elapsed: first.seen.elapsed(),
            }));
        }
        let dev = Rc::new(DevWorker {
            engine: WorkerEngine::new(current, cache.clone()),
        });
        // Never freed, as under `start`: QuickJS asserts at teardown that nothing refers to
        // its objects any more, which a cut request may still do.
        std::mem::forget(Rc::clone(&dev));
        let listener = match tokio::net::TcpListener::from_std(listener) {
            Ok(l) => l,
            Err(source) => {
                let _ = ready.send(Err(ServerError::Bind {
                    addr: "listener".into(),
                    source,
                }));
                return WorkerExit::default();
            }
        };
        let _ = ready.send(Ok(()));
        drop(ready);
        if go.wait_for(|go| *go).await.is_err() {
            return WorkerExit::default();
        }
        if let Some(engine) = dev.engine.engine() {
            // One signal per thread, whichever engine runs.
            mesh.set_busy_signal(index, engine.busy_signal());
        }
        let latest = generations.clone();
        // Swaps generations as the watcher makes them.
        {
            let dev = dev.clone();
            tokio::task::spawn_local(async move {
                while generations.changed().await.is_ok() {
                    let generation = generations.borrow_and_update().clone();
                    dev.swap(&generation, (index == 0).then_some(&loaded)).await;
                }
            });
        }
        let registry = Rc::new(Registry::new(open));
        let conns = Conns::new(index, registry, mesh.clone(), &limits);
        // A JavaScriptCore engine over the memory bound is replaced by a fresh one of the
        // latest generation (worker_engine.rs).
        tokio::task::spawn_local(dev.engine.clone().recycle_when_wanted(
            index,
            conns.clone(),
            move || {
                let generation = latest.borrow().clone();
                async move { load_or_broken(&generation).await.0 }
            },
        ));
        let head_limits = crate::service::HeadLimits::of(&limits);
        let handle = {
            let engine = dev.engine.clone();
            Rc::new(move |req, remote| engine.handle(req, Some(remote), head_limits))
        };
        conns
            .run(listener, stop, &limits, handle, || dev.engine.in_flight())
            .await
    })
}
