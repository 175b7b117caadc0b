//! Worker threads. Each owns a current-thread tokio runtime, a `LocalSet` and one
//! `Engine`; all accept connections from one shared listening socket, so an idle worker
//! takes the next connection. A connection stays on the worker that accepted it.
//!
//! Stopping: [`Server::shutdown`] tells every worker to stop accepting, to let each
//! connection finish its current response (hyper's graceful shutdown) and to wait for the
//! requests still running in its engine (`after()` callbacks included), up to the grace
//! period; what is left then is cut and counted.

use std::future::Future;
use std::net::{SocketAddr, TcpListener as StdListener};
use std::path::PathBuf;
use std::rc::Rc;
use std::sync::atomic::AtomicUsize;
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

use ferroute_cache::{CacheError, CacheStore};
use ferroute_router::RouteTable;
use ferroute_runtime::{Engine, EngineConfig, EngineError, RouteModule};

use crate::conn::{ConnectionLimits, Conns, Registry};
use crate::handover::Mesh;
use crate::next_config::NextConfig;
use crate::project::{Project, ProjectError};
use crate::static_cache::ResponseCache;
use crate::worker_engine::{Current, WorkerEngine};

/// How to run the server.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// The project folder.
    pub root: PathBuf,
    /// Interface to bind; `None` binds all interfaces (as `next start` does).
    pub hostname: Option<String>,
    /// Port; 0 picks a free one.
    pub port: u16,
    /// Number of worker threads (each with its own JavaScript engine).
    pub workers: usize,
    /// Development mode (`ferroute dev`).
    pub dev: bool,
    /// Heap limit per worker engine, in bytes.
    pub memory_limit: usize,
    /// Longest synchronous run of a handler before it is interrupted.
    pub max_sync_run: Duration,
    /// Timeouts and size limits for client connections.
    pub limits: ConnectionLimits,
    /// Largest body the buffered readers (`text()`, `json()`, ...) accept, in bytes.
    pub max_body_size: usize,
    /// Time limit of requests to routes without `maxDuration` (`None`: unlimited).
    pub request_timeout: Option<Duration>,
    /// Where cached responses and data live.
    pub cache: CacheConfig,
    /// The JavaScript engine of every worker.
    pub engine: ferroute_runtime::EngineKind,
    /// Whether each worker runs on a CPU of its own (`--pin-workers`).
    pub pin_workers: PinWorkers,
}

/// Whether each worker runs on a CPU of its own, serving the connections whose packets arrive
/// on that CPU (`--pin-workers`). A client's requests and their answers then wake threads on
/// one CPU instead of across two, which costs both sides far less (on the bench machine, a
/// `[slug]` request took 4.6 µs of the server's CPU instead of 7.3, and the client's 3.4
/// instead of 6.3: tasks/bench/runs/2026-12-02-rust-2core-session23.md).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum PinWorkers {
    /// When there is one worker for each CPU the process may run on, and more than one.
    #[default]
    Auto,
    /// Worker i on the i-th CPU the process may run on (workers beyond those CPUs are not
    /// pinned).
    On,
    /// Workers run wherever the kernel puts them, and connections are spread by load alone.
    Off,
}

/// The CPU each of `workers` workers runs on, given the CPUs the process may run on.
pub(crate) fn pin_plan(mode: PinWorkers, workers: usize, allowed: &[usize]) -> Vec<Option<usize>> {
    let pin = match mode {
        PinWorkers::Off => false,
        PinWorkers::On => true,
        PinWorkers::Auto => workers > 1 && workers == allowed.len(),
    };
    (0..workers)
        .map(|i| if pin { allowed.get(i).copied() } else { None })
        .collect()
}

/// The CPUs the calling thread (at start-up, the process) may run on.
pub(crate) fn allowed_cpus() -> Vec<usize> {
    use rustix::thread::{sched_getaffinity, CpuSet};
    sched_getaffinity(None).map_or_else(
        |_| Vec::new(),
        |set| (0..CpuSet::MAX_CPU).filter(|&c| set.is_set(c)).collect(),
    )
}

/// Pins the calling thread to `cpu`; false when the kernel refuses (the CPU went offline, a
/// cgroup's cpuset left it out).
pub(crate) fn pin_to(cpu: usize) -> bool {
    let mut set = rustix::thread::CpuSet::new();
    set.set(cpu);
    rustix::thread::sched_setaffinity(None, &set).is_ok()
}

/// The cache store of a server (`--cache-url`, `--cache-max-mb`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum CacheConfig {
    /// Files under `<project>/.ferroute/cache` (entries survive a restart).
    #[default]
    FileSystem,
    /// Memory, at most this many bytes (least recently used out first).
    Memory(usize),
    /// Redis at this URL, shared by every instance using it.
    Redis(String),
}

impl CacheConfig {
    /// Opens the store for the project at `root`.
    ///
    /// # Errors
    /// The cache folder cannot be created, or the Redis URL is not one.
    pub fn open(&self, root: &std::path::Path) -> Result<CacheStore, CacheError> {
        match self {
            Self::FileSystem => CacheStore::filesystem(root.join(".ferroute").join("cache")),
            Self::Memory(bytes) => Ok(CacheStore::memory(*bytes)),
            Self::Redis(url) => CacheStore::redis(url, "ferroute:"),
        }
    }
}

impl ServerConfig {
    /// Defaults: port 3000, one worker per core.
    pub fn new(root: PathBuf) -> Self {
        Self {
            root,
            hostname: None,
            port: 3000,
            workers: std::thread::available_parallelism().map_or(1, |n| n.get()),
            dev: false,
            memory_limit: 512 * 1024 * 1024,
            max_sync_run: Duration::from_secs(10),
            limits: ConnectionLimits::default(),
            max_body_size: ferroute_runtime::DEFAULT_MAX_BODY_SIZE,
            request_timeout: None,
            cache: CacheConfig::default(),
            engine: ferroute_runtime::EngineKind::default(),
            pin_workers: PinWorkers::default(),
        }
    }
}

/// Failure to start serving.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[non_exhaustive]
pub enum ServerError {
    /// The project could not be opened or its routes conflict.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Project(#[from] ProjectError),
    /// The address could not be bound.
    #[error("could not listen on {addr}: {source}")]
    #[diagnostic(
        code(ferroute::server::bind),
        help("pick another port with -p, or stop the process using this one")
    )]
    Bind {
        /// The address.
        addr: String,
        /// The OS error.
        source: std::io::Error,
    },
    /// Route modules failed to load.
    #[error("{} route module(s) failed to load", errors.len())]
    #[diagnostic(code(ferroute::server::load))]
    Load {
        /// One error per failing module.
        #[related]
        errors: Vec<EngineError>,
    },
    /// A static route's handler failed while its response was generated at start-up (as
    /// `next build` fails).
    #[error("Error occurred prerendering route \"{route}\"")]
    #[diagnostic(
        code(ferroute::server::prerender),
        help("the handler failed while its response was generated ahead (printed above): under dynamic = 'error' a dynamic API fails it (remove the API or the export); else fix the error, or make the route dynamic with export const dynamic = 'force-dynamic'")
    )]
    Prerender {
        /// The route's URL pattern.
        route: String,
    },
    /// Route modules export segment config Next.js would refuse.
    #[error("{} route module(s) export invalid segment config", errors.len())]
    #[diagnostic(code(ferroute::server::segment_config))]
    SegmentConfig {
        /// One error per module.
        #[related]
        errors: Vec<ferroute_compiler::CompileError>,
    },
    /// `ferroute build` could not write its output.
    #[error("could not write {}: {source}", path.display())]
    #[diagnostic(
        code(ferroute::build::output),
        help("ferroute build writes under the project's .ferroute/ folder: check that it can be written")
    )]
    Output {
        /// The file.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// A worker could not start its engine.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Engine(EngineError),
    /// The cache store could not be opened.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Cache(#[from] CacheError),
    /// The middleware's `config.matcher` is invalid.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Middleware(#[from] crate::middleware::MiddlewareError),
    /// `next.config` failed to load or holds a value Next.js refuses.
    #[error(transparent)]
    #[diagnostic(transparent)]
    Config(#[from] crate::next_config::ConfigError),
}

/// The engine configuration of `config` for `project`, the `.env*` files read, and the
/// project's `next.config` (evaluated for `phase`; its warnings are printed here).
pub(crate) fn engine_config(
    config: &ServerConfig,
    project: &Project,
    origin: String,
    port: u16,
    phase: crate::next_config::Phase,
) -> Result<(EngineConfig, Vec<String>, NextConfig), ServerError> {
    let (mut engine_config, env_files, pending) =
        early_engine_config(config, project, origin, port, phase)?;
    let (next, _) = settle(pending, &mut engine_config)?;
    Ok((engine_config, env_files, next))
}

/// [`engine_config`] in two steps, so that engines may start while `next.config` evaluates:
/// the configuration with the defaults of what it takes from `next.config`, the `.env*` files
/// read, and `next.config` evaluating on its own thread ([`settle`] finishes).
pub(crate) fn early_engine_config(
    config: &ServerConfig,
    project: &Project,
    origin: String,
    port: u16,
    phase: crate::next_config::Phase,
) -> Result<(EngineConfig, Vec<String>, crate::next_config::Pending), ServerError> {
    let (env, env_files) =
        crate::load_env_files(&project.root, crate::dotenv::env_mode(config.dev));
    let pending = crate::next_config::load_in_background(&project.root, &env, phase)?;
    let store = Arc::new(config.cache.open(&project.root)?);
    let engine_config = runtime_config(
        config,
        project,
        origin,
        port,
        env,
        &NextConfig::default(),
        store,
    );
    Ok((engine_config, env_files, pending))
}

/// Waits for `next.config`, prints its warnings and applies it to `engine_config`; true when
/// that changed what an engine takes from it.
pub(crate) fn settle(
    pending: crate::next_config::Pending,
    engine_config: &mut EngineConfig,
) -> Result<(NextConfig, bool), ServerError> {
    let next = pending.wait()?;
    for warning in &next.warnings {
        ferroute_runtime::log_warning(warning);
    }
    let changed = apply_next(engine_config, &next);
    Ok((next, changed))
}

/// Sets what an engine takes from `next.config` (its `env`, `basePath`, `trailingSlash` and
/// `experimental.authInterrupts`); true when that changed something.
pub(crate) fn apply_next(engine_config: &mut EngineConfig, next: &NextConfig) -> bool {
    let changed = engine_config.config_env != next.env
        || engine_config.base_path != next.base_path
        || engine_config.trailing_slash != next.trailing_slash
        || engine_config.auth_interrupts != next.auth_interrupts;
    engine_config.config_env.clone_from(&next.env);
    engine_config.base_path.clone_from(&next.base_path);
    engine_config.trailing_slash = next.trailing_slash;
    engine_config.auth_interrupts = next.auth_interrupts;
    changed
}

/// The engine configuration of `config` for `project`, with its `.env` variables, its
/// `next.config` and the cache store (`ferroute dev` makes one per reload).
pub(crate) fn runtime_config(
    config: &ServerConfig,
    project: &Project,
    origin: String,
    port: u16,
    env: Vec<(String, String)>,
    next: &NextConfig,
    store: Arc<CacheStore>,
) -> EngineConfig {
    let mut engine_config = EngineConfig::new(project.root.clone(), origin, port);
    engine_config.dev = config.dev;
    engine_config.engine = config.engine;
    engine_config.env = env;
    apply_next(&mut engine_config, next);
    engine_config.memory_limit = config.memory_limit;
    engine_config.workers = config.workers;
    engine_config.max_sync_run = config.max_sync_run;
    engine_config.max_body_size = config.max_body_size;
    engine_config.request_timeout = config.request_timeout;
    engine_config.store = store;
    engine_config
}

/// The origin Next's router resolves the middleware's URLs against: `-H` as given, not
/// `localhost` (so a rewrite to `localhost` under `-H 127.0.0.1` is another origin).
pub(crate) fn middleware_origin(config: &ServerConfig, port: u16) -> String {
    let host = match config.hostname.as_deref() {
        None => "localhost".to_owned(),
        Some(h) if h.contains(':') && !h.starts_with('[') => format!("[{h}]"),
        Some(h) => h.to_owned(),
    };
    format!("http://{host}:{port}")
}

/// The origin handlers see in `request.url` for a server of `config` bound to `port`.
pub(crate) fn origin_of(config: &ServerConfig, port: u16) -> String {
    // Next.js shows loopback addresses as localhost in request.url.
    let loopback = config
        .hostname
        .as_deref()
        .and_then(|h| h.trim_matches(['[', ']']).parse::<std::net::IpAddr>().ok())
        .is_some_and(|ip| ip.is_loopback());
    let shown_host = match config.hostname.as_deref() {
        None => "localhost".to_owned(),
        Some(_) if loopback => "localhost".to_owned(),
        Some(h) if h.contains(':') => format!("[{h}]"),
        Some(h) => h.to_owned(),
    };
    format!("http://{shown_host}:{port}")
}

/// A running server.
#[derive(Debug)]
pub struct Server {
    pub(crate) addr: SocketAddr,
    /// Serving the output of `ferroute build` (else the project was built in memory).
    pub(crate) built: bool,
    pub(crate) origin: String,
    pub(crate) started: Duration,
    pub(crate) env_files: Vec<String>,
    pub(crate) workers: Vec<std::thread::JoinHandle<WorkerExit>>,
    pub(crate) stop: tokio::sync::watch::Sender<Option<Instant>>,
    pub(crate) methods: Vec<Vec<&'static str>>,
    pub(crate) project: Project,
}

impl Server {
    /// Opens the project, binds, starts the workers and waits until every route module
    /// is loaded in every worker.
    pub fn start(config: ServerConfig) -> Result<Self, ServerError> {
        if config.dev {
            return crate::dev::start(config);
        }
        let t0 = Instant::now();
        let project = Project::open(&config.root)?;
        crate::build::check_segment_config(&project)?;
        let bind_host = config.hostname.clone().unwrap_or_else(|| "::".to_owned());
        let listener = bind(&bind_host, config.port)?;
        let addr = listener.local_addr().map_err(|source| ServerError::Bind {
            addr: bind_host.clone(),
            source,
        })?;
        let origin = origin_of(&config, addr.port());
        let phase = if config.dev {
            crate::next_config::Phase::DevelopmentServer
        } else {
            crate::next_config::Phase::ProductionServer
        };
        // next.config evaluates in an engine of its own while worker 0 starts its engine with
        // the defaults of what an engine takes from it; when it sets any of that, worker 0
        // starts another with it (the other workers start later, knowing it). On the bench
        // app this saves 2 ms of the 10 to the first response: the two engines no longer
        // start one after the other.
        let (mut engine_config, env_files, pending) =
            early_engine_config(&config, &project, origin.clone(), addr.port(), phase)?;
        // Served from `ferroute build`'s output, or built in memory now (a build of our own).
        let build = crate::build::Manifest::read(&project.root);
        let build_id = build.as_ref().map_or_else(
            || crate::build::source_build_id(&project.root),
            |b| b.build_id.clone(),
        );
        if let Some(b) = &build {
            engine_config.preview_mode_id.clone_from(&b.preview_mode_id);
            // The build's compiled files (a file edited since is compiled again).
            engine_config.compiled =
                ferroute_runtime::CompiledStore::Read(crate::build::compiled_dir(&project.root));
        }
        let secret = engine_config.preview_mode_id.clone();
        let store = engine_config.store.clone();
        let early = Arc::new(engine_config.clone());
        let modules = Arc::new(project.modules());
        let (settings_tx, settings_rx) = tokio::sync::watch::channel(None);

        let (ready_tx, ready_rx) = mpsc::channel();
        let (stop, stop_rx) = tokio::sync::watch::channel(None);
        let limits = Arc::new(config.limits.clone());
        let open = Arc::new(AtomicUsize::new(0));
        let mesh = Mesh::new(config.workers.max(1));
        let mut cache = ResponseCache::new(store, build_id, secret);
        if config.dev {
            cache = cache.for_dev();
        }
        let cache = Arc::new(cache);
        let (first_ready, first_ready_rx) = tokio::sync::watch::channel(false);
        let mut workers = Vec::new();
        let cpus = pin_plan(config.pin_workers, config.workers.max(1), &allowed_cpus());
        for (i, cpu) in cpus.into_iter().enumerate() {
            let listener = listener.try_clone().map_err(|source| ServerError::Bind {
                addr: bind_host.clone(),
                source,
            })?;
            let worker = Worker {
                index: i,
                cpu,
                listener,
                early: early.clone(),
                settings: settings_rx.clone(),
                modules: modules.clone(),
                table: project.table.clone(),
                public: project.public.clone(),
                ready: ready_tx.clone(),
                limits: limits.clone(),
                open: open.clone(),
                stop: stop_rx.clone(),
                mesh: mesh.clone(),
                cache: cache.clone(),
                first_ready: first_ready_rx.clone(),
            };
            let handle = std::thread::Builder::new()
                .name(format!("ferroute-worker-{i}"))
                .stack_size(16 * 1024 * 1024)
                .spawn(move || worker_main(worker))
                .map_err(|e| ServerError::Engine(EngineError::Init(e.to_string())))?;
            workers.push(handle);
        }
        drop(ready_tx);
        // An error here ends the workers (the sender goes), and the process with them.
        let (next, config_changed) = settle(pending, &mut engine_config)?;
        let next = Arc::new(next);
        let middleware = crate::middleware::Middleware::find(
            &project.root,
            &project.app_dir,
            middleware_origin(&config, addr.port()),
            addr.port(),
        )
        .map(|m| Arc::new(m.configured(&next)));
        let _ = settings_tx.send(Some(Arc::new(Settings {
            config: if config_changed {
                Arc::new(engine_config)
            } else {
                early
            },
            next,
            middleware,
        })));
        let mut methods = Vec::new();
        for _ in 0..workers.len() {
            match ready_rx.recv() {
                Ok(Ok(Some(m))) => methods = m,
                Ok(Ok(None)) => {}
                Ok(Err(e)) => return Err(e),
                Err(_) => {
                    return Err(ServerError::Engine(EngineError::Init(
                        "a worker thread stopped".into(),
                    )))
                }
            }
            // Worker 0 (the first to report: the others wait for it) serves from now on.
            let _ = first_ready.send(true);
        }
        Ok(Self {
            addr,
            origin,
            built: build.is_some(),
            started: t0.elapsed(),
            env_files,
            workers,
            stop,
            methods,
            project,
        })
    }

    /// Whether the server serves the output of `ferroute build` (false: it built the project
    /// in memory at start-up).
    pub fn serves_build(&self) -> bool {
        self.built
    }

    /// The bound address.
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// The origin handlers see in `request.url`, e.g. `http://localhost:3000`.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// Time from `start` to every worker ready.
    pub fn startup_time(&self) -> Duration {
        self.started
    }

    /// The `.env` files that were loaded.
    pub fn env_files(&self) -> &[String] {
        &self.env_files
    }

    /// The project being served.
    pub fn project(&self) -> &Project {
        &self.project
    }

    /// Exported methods per route (in route-table order).
    pub fn methods(&self) -> &[Vec<&'static str>] {
        &self.methods
    }

    /// Starts a graceful shutdown: workers stop accepting, finish what is running for up
    /// to `grace`, then cut the rest. Returns at once; [`Server::wait`] waits for the end.
    pub fn shutdown(&self, grace: Duration) {
        let _ = self.stop.send(Some(Instant::now() + grace));
    }

    /// Blocks until every worker stopped (after [`Server::shutdown`]), and says what had
    /// to be cut.
    pub fn wait(self) -> ShutdownReport {
        let mut report = ShutdownReport::default();
        for w in self.workers {
            if let Ok(exit) = w.join() {
                report.cut_connections += exit.cut_connections;
                report.cut_requests += exit.cut_requests;
            }
        }
        report
    }
}

/// What a graceful shutdown could not finish within its grace period.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ShutdownReport {
    /// Client connections still open at the deadline (their responses were cut).
    pub cut_connections: usize,
    /// Requests still running in an engine at the deadline.
    pub cut_requests: usize,
}

/// Runs a worker's main future on `rt` as a task of a fresh `LocalSet`, until it ends.
/// A task, not the future `LocalSet::block_on` is given: that one is polled at every
/// wake-up of any task (each request), and the accept loop's `select!` costs ~1k
/// instructions a poll, where a task's handle costs a few dozen.
pub(crate) fn run_worker(
    rt: &tokio::runtime::Runtime,
    main: impl Future<Output = WorkerExit> + 'static,
) -> WorkerExit {
    let local = tokio::task::LocalSet::new();
    local.block_on(rt, async move {
        match tokio::task::spawn_local(main).await {
            Ok(exit) => exit,
            // As if the future ran here: the thread ends with its panic.
            Err(e) => match e.try_into_panic() {
                Ok(panic) => std::panic::resume_unwind(panic),
                Err(_) => WorkerExit::default(),
            },
        }
    })
}

#[derive(Debug, Default)]
pub(crate) struct WorkerExit {
    pub(crate) cut_connections: usize,
    pub(crate) cut_requests: usize,
}

pub(crate) fn bind(host: &str, port: u16) -> Result<StdListener, ServerError> {
    let err = |source| ServerError::Bind {
        addr: format!("{host}:{port}"),
        source,
    };
    let ip: std::net::IpAddr = match host {
        "localhost" => std::net::Ipv4Addr::LOCALHOST.into(),
        h => h.parse().map_err(|_| {
            err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                "not an IP address",
            ))
        })?,
    };
    let addr = SocketAddr::new(ip, port);
    let domain = socket2::Domain::for_address(addr);
    let socket = socket2::Socket::new(domain, socket2::Type::STREAM, Some(socket2::Protocol::TCP))
        .map_err(err)?;
    socket.set_reuse_address(true).map_err(err)?;
    if addr.is_ipv6() {
        // Dual stack, like Node: IPv4 clients arrive as ::ffff:a.b.c.d.
        let _ = socket.set_only_v6(false);
    }
    socket.set_nonblocking(true).map_err(err)?;
    socket.bind(&addr.into()).map_err(err)?;
    socket.listen(1024).map_err(err)?;
    Ok(socket.into())
}

type Ready = Result<Option<Vec<Vec<&'static str>>>, ServerError>;

/// What one worker thread needs.
struct Worker {
    index: usize,
    /// The CPU it runs on alone, when pinned.
    cpu: Option<usize>,
    listener: StdListener,
    /// The engine configuration before `next.config` has been evaluated.
    early: Arc<EngineConfig>,
    /// What comes once it has.
    settings: tokio::sync::watch::Receiver<Option<Arc<Settings>>>,
    modules: Arc<Vec<RouteModule>>,
    table: Arc<RouteTable>,
    public: Arc<crate::public_files::PublicFiles>,
    ready: mpsc::Sender<Ready>,
    limits: Arc<ConnectionLimits>,
    open: Arc<AtomicUsize>,
    stop: tokio::sync::watch::Receiver<Option<Instant>>,
    mesh: Arc<Mesh>,
    cache: Arc<ResponseCache>,
    /// Becomes true when worker 0 is ready and serves. The other workers start then: worker
    /// 0 starts alone beside `next.config`, so on two cores the first response is not slowed
    /// by a third engine starting (on the bench app, the first 200 came 1.5 ms sooner), and
    /// it has generated the static routes before anyone serves. Dropped: the start failed.
    first_ready: tokio::sync::watch::Receiver<bool>,
}

/// What a worker learns once `next.config` has been evaluated.
struct Settings {
    /// The engine configuration: the early one itself (the same `Arc`) when `next.config`
    /// changes nothing an engine takes from it.
    config: Arc<EngineConfig>,
    next: Arc<NextConfig>,
    middleware: Option<Arc<crate::middleware::Middleware>>,
}

/// How long a connection cut in the middle of its head gets to take its 408.
pub(crate) const HEAD_TIMEOUT_ANSWER: Duration = Duration::from_millis(100);

/// How often a pinned worker looks for the idle connections of other workers whose packets
/// now arrive on its CPU (their client moved there).
pub(crate) const LOCALITY_TICK: Duration = Duration::from_millis(50);

/// How often a worker looks for the idle connections of a busy worker, while one is busy.
pub(crate) const HANDOVER_TICK: Duration = Duration::from_millis(20);

fn worker_main(w: Worker) -> WorkerExit {
    let Worker {
        index,
        cpu,
        listener,
        early,
        mut settings,
        modules,
        table,
        public,
        ready,
        limits,
        open,
        stop,
        mesh,
        cache,
        mut first_ready,
    } = w;
    if let Some(cpu) = cpu {
        if pin_to(cpu) {
            mesh.set_cpu(index, cpu);
        }
    }
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
    run_worker(&rt, async move {
        if index > 0 && first_ready.wait_for(|ready| *ready).await.is_err() {
            return WorkerExit::default();
        }
        // Worker 0 starts before next.config is known, the others after.
        let first = match settings.borrow().as_ref() {
            Some(known) => known.config.clone(),
            None => early,
        };
        let mut engine = match Engine::new(first.clone()).await {
            Ok(e) => e,
            Err(e) => {
                let _ = ready.send(Err(ServerError::Engine(e)));
                return WorkerExit::default();
            }
        };
        // The server failed to start (next.config) when the sender goes away.
        let known = settings
            .wait_for(Option::is_some)
            .await
            .ok()
            .and_then(|s| s.clone());
        let Some(known) = known else {
            return WorkerExit::default();
        };
        let (config, next, middleware) = (
            known.config.clone(),
            known.next.clone(),
            known.middleware.clone(),
        );
        if !Arc::ptr_eq(&config, &first) {
            // Nothing ran in it yet: retiring it frees it whole.
            engine.retire().await;
            engine = match Engine::new(config.clone()).await {
                Ok(e) => e,
                Err(e) => {
                    let _ = ready.send(Err(ServerError::Engine(e)));
                    return WorkerExit::default();
                }
            };
        }
        // Never freed while the worker starts: a failed start ends the process, and QuickJS
        // asserts at teardown that nothing references its objects any more, which a failed
        // module load may still do.
        let engine = std::mem::ManuallyDrop::new(Rc::new(engine));
        if let Err(errors) = engine.load_routes(&modules).await {
            let _ = ready.send(Err(ServerError::Load { errors }));
            return WorkerExit::default();
        }
        if let Some(mw) = &middleware {
            if let Err(e) = mw.load(&engine, &next).await {
                let _ = ready.send(Err(e));
                return WorkerExit::default();
            }
        }
        if index == 0 {
            let patterns: Vec<String> = table.routes().iter().map(|r| r.pattern.clone()).collect();
            if let Err(route) = cache.prerender(&engine, &patterns, false).await {
                let _ = ready.send(Err(ServerError::Prerender { route }));
                return WorkerExit::default();
            }
        }
        let methods = (index == 0).then(|| {
            (0..modules.len())
                .map(|i| engine.exported_methods(i))
                .collect()
        });
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
        let _ = ready.send(Ok(methods));
        drop(ready);
        mesh.set_busy_signal(index, engine.busy_signal());
        let registry = Rc::new(Registry::new(open));
        let site = crate::service::Site {
            table: table.clone(),
            public,
            next,
            failed: None,
            middleware,
        };
        let worker = WorkerEngine::new(
            Current {
                engine: Some(std::mem::ManuallyDrop::into_inner(engine)),
                site: site.clone(),
                broken: None,
            },
            cache.clone(),
        );
        // Never freed: a worker ends only when the process does (a failed start, or after
        // shutdown), so freeing would only spend time, and QuickJS asserts at teardown that
        // nothing references its objects any more, which a cut request may still do. (A
        // recycle frees a JavaScriptCore engine, whose heap goes with its VM.)
        std::mem::forget(Rc::clone(&worker));
        let conns = Conns::new(index, registry, mesh.clone(), &limits);
        tokio::task::spawn_local(worker.clone().recycle_when_wanted(
            index,
            conns.clone(),
            move || fresh_engine(index, config.clone(), modules.clone(), site.clone()),
        ));
        let head_limits = crate::service::HeadLimits::of(&limits);
        let handle = {
            let worker = worker.clone();
            Rc::new(move |req, remote| worker.handle(req, Some(remote), head_limits))
        };
        conns
            .run(listener, stop, &limits, handle, || worker.in_flight())
            .await
    })
}

/// The engine a recycled worker serves with next: the project's route modules and
/// middleware, imported as at start (the static routes were generated then already). When it
/// cannot start, the worker answers 503 until the process restarts.
async fn fresh_engine(
    index: usize,
    config: Arc<EngineConfig>,
    modules: Arc<Vec<RouteModule>>,
    site: crate::service::Site,
) -> Current {
    let failed = |text: String| {
        ferroute_runtime::log_message(&format!("⨯ worker {index}: {text}"));
        Current {
            engine: None,
            site: site.clone(),
            broken: None,
        }
    };
    let engine = match Engine::new(config).await {
        Ok(e) => e,
        Err(e) => return failed(crate::dev::plain(&e)),
    };
    if let Err(errors) = engine.load_routes(&modules).await {
        let text: Vec<String> = errors.iter().map(|e| crate::dev::plain(e)).collect();
        return failed(text.join("\n"));
    }
    if let Some(mw) = &site.middleware {
        if let Err(e) = mw.load(&engine, &site.next).await {
            return failed(crate::dev::plain(&e));
        }
    }
    Current {
        engine: Some(Rc::new(engine)),
        site: site.clone(),
        broken: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workers_are_pinned_when_there_is_one_for_each_cpu() {
        let two = [0, 1];
        assert_eq!(pin_plan(PinWorkers::Auto, 2, &two), vec![Some(0), Some(1)]);
        assert_eq!(
            pin_plan(PinWorkers::Auto, 2, &[2, 5]),
            vec![Some(2), Some(5)]
        );
        // Fewer or more workers than CPUs, or one: not pinned unless asked.
        assert_eq!(pin_plan(PinWorkers::Auto, 1, &[0]), vec![None]);
        assert_eq!(
            pin_plan(PinWorkers::Auto, 2, &[0, 1, 2, 3]),
            vec![None, None]
        );
        assert_eq!(pin_plan(PinWorkers::Auto, 3, &two), vec![None, None, None]);
        assert_eq!(
            pin_plan(PinWorkers::On, 3, &two),
            vec![Some(0), Some(1), None]
        );
        assert_eq!(
            pin_plan(PinWorkers::On, 2, &[0, 1, 2, 3]),
            vec![Some(0), Some(1)]
        );
        assert_eq!(pin_plan(PinWorkers::Off, 2, &two), vec![None, None]);
    }
}
