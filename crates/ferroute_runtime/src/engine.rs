//! `Engine`: one worker's JavaScript runtime, its globals, the loaded route modules, and
//! the request bridge (`Engine::handle`).

use std::cell::RefCell;
use std::future::Future;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::pin::Pin;
use std::rc::Rc;
use std::sync::Arc;
use std::time::Duration;

use ferroute_compiler::{CompileOptions, ProjectResolver};
use ferroute_router::{ParamValue, Params};
use http::{HeaderMap, HeaderValue, Method, Response, StatusCode};
use rquickjs::prelude::{Func, Opt};
use rquickjs::{Array, AsyncContext, AsyncRuntime, Ctx, Function, Object, Persistent, Value};
use tokio::sync::oneshot;

use crate::body::{IncomingBody, ResponseBody};
use crate::jsc::MemoryRecycle;
use crate::loader::{ModuleCache, ProjectLoader};
use crate::natives::describe_error;
use crate::worker::{self, enter, with_state, HostValue, InFlight, ResponseHead, State};
use crate::METHODS;

mod middleware;

include!(concat!(env!("OUT_DIR"), "/js_files.rs"));

/// Default [`EngineConfig::max_body_size`]: above the 20 MB bodies Next.js is seen to take.
pub const DEFAULT_MAX_BODY_SIZE: usize = 32 * 1024 * 1024;

/// Which JavaScript engine runs the project (`--engine`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EngineKind {
    /// QuickJS-ng with llrt's modules: an interpreter, small and quick to start, with a heap
    /// limit per worker.
    #[default]
    QuickJs,
    /// JavaScriptCore (the system's `libjavascriptcoregtk-4.1`): a JIT, with `Intl` and
    /// `WebAssembly`.
    Jsc,
}

impl EngineKind {
    /// The names `--engine` takes.
    pub const NAMES: [&'static str; 2] = ["quickjs", "jsc"];

    /// `quickjs` or `jsc`.
    pub fn name(self) -> &'static str {
        match self {
            EngineKind::QuickJs => "quickjs",
            EngineKind::Jsc => "jsc",
        }
    }

    /// The engine's own name, as the start-up banner shows it.
    pub fn title(self) -> &'static str {
        match self {
            EngineKind::QuickJs => "QuickJS",
            EngineKind::Jsc => "JavaScriptCore",
        }
    }

    /// The engine a server runs when none is named (`--engine auto`): JavaScriptCore when its
    /// library loads on this machine, since it serves every benchmark row faster and brings
    /// `Intl`, `WebAssembly` and `next/og` (ARCHITECTURE.md, "Two engines"); QuickJS
    /// otherwise, with why JavaScriptCore could not load.
    pub fn preferred() -> (EngineKind, Option<String>) {
        match ferroute_jsc::load() {
            Ok(()) => (EngineKind::Jsc, None),
            Err(e) => (EngineKind::QuickJs, Some(e.to_string())),
        }
    }
}

impl std::str::FromStr for EngineKind {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "quickjs" => Ok(EngineKind::QuickJs),
            "jsc" | "javascriptcore" => Ok(EngineKind::Jsc),
            other => Err(format!(
                "unknown engine '{other}': use one of {}",
                EngineKind::NAMES.join(", ")
            )),
        }
    }
}

/// Everything an engine needs to know about the project and the server; shared by workers.
#[derive(Debug, Clone)]
pub struct EngineConfig {
    /// The JavaScript engine.
    pub engine: EngineKind,
    /// The project root (the folder holding `app/`).
    pub project_root: PathBuf,
    /// `http://localhost:3000`: the origin handlers see in `request.url`.
    pub origin: String,
    /// The port the server listens on, for `x-forwarded-port`.
    pub port: u16,
    /// `ferroute dev` rather than `start`.
    pub dev: bool,
    /// Variables from `.env*` files, added to `process.env` (the real environment wins).
    pub env: Vec<(String, String)>,
    /// Heap limit per worker, in bytes (on JavaScriptCore, `workers` times this bounds the
    /// process's resident memory).
    pub memory_limit: usize,
    /// How many workers (engines) the server runs.
    pub workers: usize,
    /// Largest request body `text()`, `json()`, `formData()`, `arrayBuffer()` and `blob()`
    /// read (413 beyond it); `request.body` as a stream is not limited.
    pub max_body_size: usize,
    /// Time limit of a request of a route without `maxDuration` (`None`: no limit, as in
    /// Next.js); 504 when it passes before the response starts, a cut stream after.
    pub request_timeout: Option<Duration>,
    /// Longest synchronous run of JavaScript before it is interrupted.
    pub max_sync_run: Duration,
    /// Compiled files, shared by all workers.
    pub cache: Arc<ModuleCache>,
    /// A build's compiled files: read by `start` after `ferroute build`, written by the build.
    pub compiled: crate::compiled_store::CompiledStore,
    /// Import resolution for the project (tsconfig paths, node_modules).
    pub resolver: Arc<ProjectResolver>,
    /// The draft-mode bypass secret (`__prerender_bypass`), one per server process, as
    /// Next.js has one per build: every worker must accept the cookie the others set.
    pub preview_mode_id: String,
    /// The cache store of the `fetch` data cache, `unstable_cache` and tag revalidation (the
    /// server's response cache uses the same one).
    pub store: Arc<ferroute_cache::CacheStore>,
    /// `next.config`'s `env`: added to `process.env` over everything else (Next inlines them).
    pub config_env: Vec<(String, String)>,
    /// `next.config`'s `basePath` (edge handlers see it in `request.url`).
    pub base_path: String,
    /// `next.config`'s `trailingSlash`.
    pub trailing_slash: bool,
    /// `next.config`'s `experimental.authInterrupts`: `forbidden()`/`unauthorized()` work.
    pub auth_interrupts: bool,
}

/// The in-memory cache store's bound when none is configured (`--cache-max-mb`).
pub const DEFAULT_CACHE_BYTES: usize = 64 << 20;

impl EngineConfig {
    /// A configuration with defaults for everything but the project.
    pub fn new(project_root: PathBuf, origin: String, port: u16) -> Self {
        let resolver = Arc::new(ProjectResolver::new(&project_root));
        Self {
            engine: EngineKind::default(),
            project_root,
            origin,
            port,
            dev: false,
            env: Vec::new(),
            memory_limit: 512 * 1024 * 1024,
            workers: 1,
            max_body_size: DEFAULT_MAX_BODY_SIZE,
            request_timeout: None,
            max_sync_run: Duration::from_secs(10),
            cache: Arc::new(ModuleCache::default()),
            compiled: crate::compiled_store::CompiledStore::Off,
            resolver,
            preview_mode_id: random_hex_id(),
            store: Arc::new(ferroute_cache::CacheStore::memory(DEFAULT_CACHE_BYTES)),
            config_env: Vec::new(),
            base_path: String::new(),
            trailing_slash: false,
            auth_interrupts: false,
        }
    }
}

impl EngineConfig {
    /// How this engine's modules compile: async functions lowered (request scope across
    /// awaits), and on JavaScriptCore, which has no module loader, ES modules as module
    /// records for js/jsc/00_modules.js.
    pub(crate) fn compile_options(&self) -> CompileOptions {
        CompileOptions {
            lower_async: true,
            kind: ferroute_compiler::SourceKind::Esm,
            module_format: match self.engine {
                EngineKind::QuickJs => ferroute_compiler::ModuleFormat::Esm,
                EngineKind::Jsc => ferroute_compiler::ModuleFormat::Registry,
            },
        }
    }
}

/// 32 hex digits from the OS's randomness (through std's randomly seeded hasher keys).
pub fn random_hex_id() -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut out = String::with_capacity(32);
    for i in 0..2u8 {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u8(i);
        out.push_str(&format!("{:016x}", h.finish()));
    }
    out
}

/// A route module to load: its URL pattern and file.
#[derive(Debug, Clone)]
pub struct RouteModule {
    /// `/items/[slug]`
    pub pattern: String,
    /// Absolute path of the route file.
    pub file: PathBuf,
    /// The path as shown to users, relative to the project root.
    pub display: String,
    /// Which convention the file follows: `route`, `sitemap`, `robots` or `manifest`.
    pub kind: &'static str,
}

/// Facts about the connection a request came in on.
#[derive(Debug, Clone, Copy, Default)]
pub struct RequestMeta {
    /// The client's address.
    pub remote: Option<SocketAddr>,
    /// The request is a static generation (`Engine::generate`), not a client's.
    pub generate: bool,
    /// The generation is a build-time prerender (`ferroute build`, or start-up): `fetch`es
    /// without cache options are cached, as under `next build`.
    pub prerender: bool,
}

/// How a route is generated ahead and served from the response cache (behaviour.md §12).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StaticGeneration {
    /// Seconds after which an entry is regenerated (`revalidate = N`); None: never.
    pub revalidate: Option<u64>,
    /// The module exports `generateStaticParams`.
    pub static_params: bool,
    /// `dynamicParams = false`: only the listed params exist.
    pub only_listed_params: bool,
}

/// A response generated for the cache, whole.
#[derive(Debug, Clone)]
pub struct GeneratedResponse {
    pub status: u16,
    /// The handler's headers, repeats (several Set-Cookie) kept.
    pub headers: HeaderMap,
    pub body: bytes::Bytes,
    /// The tags of the cached `fetch`es it made (`next.tags`): revalidating one of them
    /// revalidates the response.
    pub tags: Vec<String>,
    /// A `fetch` with a shorter `next.revalidate` than the route's lowered the route's to
    /// this many seconds.
    pub revalidate: Option<u64>,
}

/// What a static generation gave.
#[derive(Debug)]
pub enum Generated {
    /// A response to cache.
    Static(GeneratedResponse),
    /// The handler used a dynamic API (named): the route is dynamic from now on.
    Dynamic(String),
    /// The handler threw (logged already), or its stream failed.
    Failed,
    /// Under `dynamic = 'error'`, the handler used a dynamic API (logged already): the route
    /// can never be static, as `next build` reports.
    DynamicError,
}

/// Response header by which our JavaScript says a generation used a dynamic API.
const DYNAMIC_USAGE: &str = "x-ferroute-dynamic";
/// Response header by which our JavaScript says a generation threw.
const GENERATE_FAILED: &str = "x-ferroute-generate-failed";

/// Failure to start an engine or load a route module.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[non_exhaustive]
pub enum EngineError {
    /// The engine itself could not be created (out of memory, a bug in our JavaScript).
    #[error("could not start the JavaScript engine: {0}")]
    #[diagnostic(code(ferroute::runtime::init))]
    Init(String),
    /// A route module failed to compile, resolve an import, or evaluate.
    #[error("could not load {file}")]
    #[diagnostic(code(ferroute::runtime::load), help("fix the error below: ferroute loads every route at start-up, so that a broken file fails here and not on a request"))]
    Load {
        /// The route file.
        file: String,
        /// What went wrong.
        #[related]
        cause: Vec<LoadCause>,
    },
}

/// One reason a route module failed to load: a compile or resolve diagnostic of the
/// user's file, or the error its evaluation threw.
#[derive(Debug)]
pub struct LoadCause(miette::Report);

impl std::fmt::Display for LoadCause {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        std::fmt::Display::fmt(&self.0, f)
    }
}

impl std::error::Error for LoadCause {}

impl miette::Diagnostic for LoadCause {
    fn code<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.0.code()
    }
    fn help<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.0.help()
    }
    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.0.source_code()
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = miette::LabeledSpan> + '_>> {
        self.0.labels()
    }
    fn related<'a>(&'a self) -> Option<Box<dyn Iterator<Item = &'a dyn miette::Diagnostic> + 'a>> {
        self.0.related()
    }
    fn url<'a>(&'a self) -> Option<Box<dyn std::fmt::Display + 'a>> {
        self.0.url()
    }
}

struct RouteInfo {
    /// Bit i set: `METHODS[i]` is exported as a function.
    methods: u8,
    allow: HeaderValue,
    /// The request's time limit: `maxDuration`, else `--request-timeout`.
    time_limit: Option<Duration>,
    /// Served from the response cache (None: dynamic).
    static_generation: Option<StaticGeneration>,
}

/// One worker's engine. Not `Send`: create it on the thread that uses it.
pub struct Engine {
    config: Arc<EngineConfig>,
    routes: RefCell<Vec<RouteInfo>>,
    vm: Vm,
}

/// The engine's VM: what differs between QuickJS and JavaScriptCore. Everything HTTP (method
/// checks, request table, timeouts, generation) is shared and sits in `Engine`.
enum Vm {
    QuickJs {
        dispatch: Option<Persistent<Function<'static>>>,
        // Declared last: dropped after everything that refers to JavaScript values.
        rt: AsyncRuntime,
    },
    Jsc(Rc<crate::jsc::Core>),
}

impl Drop for Engine {
    fn drop(&mut self) {
        self.release();
    }
}

impl std::fmt::Debug for Engine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Engine").finish_non_exhaustive()
    }
}

fn init_err(e: impl std::fmt::Display) -> EngineError {
    EngineError::Init(e.to_string())
}

impl Engine {
    /// Creates the runtime, installs the globals and our JavaScript. Must run inside a
    /// tokio `LocalSet` on the worker's thread.
    pub async fn new(config: Arc<EngineConfig>) -> Result<Self, EngineError> {
        let _ = config.cache.compiled.set(config.compiled.clone());
        if config.engine == EngineKind::Jsc {
            // Evaluating the platform's JavaScript, one entry on JavaScriptCore, is loading,
            // not a handler's run: on a machine under load it may take longer than a small
            // `--max-sync-ms`. (QuickJS evaluates it outside any entry, unbounded.)
            let loading = worker::loading();
            let core = crate::jsc::start(&config).map_err(EngineError::Init)?;
            drop(loading);
            return Ok(Self {
                config,
                routes: RefCell::new(Vec::new()),
                vm: Vm::Jsc(core),
            });
        }
        let ledger = crate::alloc::Ledger::new(config.memory_limit);
        crate::alloc::install(ledger);
        let rt = AsyncRuntime::new_with_alloc(crate::alloc::LimitedAllocator::new(ledger))
            .map_err(init_err)?;
        rt.set_max_stack_size(4 * 1024 * 1024).await;
        let limit = config.max_sync_run;
        rt.set_interrupt_handler(Some(Box::new(move || worker::run_is_over(limit))))
            .await;
        let loader = || ProjectLoader {
            resolver: config.resolver.clone(),
            cache: config.cache.clone(),
            root: config.project_root.clone(),
            options: config.compile_options(),
        };
        rt.set_loader(loader(), loader()).await;
        let ctx = AsyncContext::full(&rt).await.map_err(init_err)?;
        worker::install(State {
            ctx: Some(ctx.clone()),
            internal: None,
            jsc: None,
            requests: Default::default(),
            next_id: 0,
            timers: Default::default(),
            tasks: tokio::task::JoinSet::new(),
            route_loads: Default::default(),
            config: config.clone(),
        });
        // Drive futures the llrt modules spawn inside the engine (crypto.subtle, ...).
        tokio::task::spawn_local(rt.drive());
        worker::spawn(worker::deliver_aborts());

        let cfg = config.clone();
        let dispatch = ctx
            .with(
                move |ctx| -> Result<Persistent<Function<'static>>, String> {
                    init_globals(&ctx, &cfg).map_err(|e| describe_error(&ctx, e))
                },
            )
            .await
            .map_err(EngineError::Init)?;
        Ok(Self {
            config,
            routes: RefCell::new(Vec::new()),
            vm: Vm::QuickJs {
                dispatch: Some(dispatch),
                rt,
            },
        })
    }

    /// Imports every route module (compiling it and its imports), in order; the index of a
    /// module in `routes` is the index `handle` takes.
    pub async fn load_routes(&self, routes: &[RouteModule]) -> Result<(), Vec<EngineError>> {
        let mut errors = Vec::new();
        let mut infos = Vec::with_capacity(routes.len());
        let loading = worker::loading();
        for (i, route) in routes.iter().enumerate() {
            let (tx, rx) = oneshot::channel();
            let index = i as u32;
            with_state(|s| s.route_loads.insert(index, tx));
            let file = route.file.to_string_lossy().into_owned();
            let (pattern, display, kind) =
                (route.pattern.clone(), route.display.clone(), route.kind);
            let args = vec![
                index.into(),
                HostValue::String(file),
                HostValue::String(pattern),
                HostValue::String(display),
                HostValue::Str(kind),
            ];
            worker::call_entry("loadRoute", args).await;
            let result = rx
                .await
                .unwrap_or_else(|_| Err("route load was dropped".into()));
            match result {
                Ok(loaded) => {
                    let mut info = route_info(&loaded.methods);
                    info.time_limit = loaded
                        .max_duration
                        .filter(|s| s.is_finite() && *s > 0.0)
                        .map(Duration::from_secs_f64)
                        .or(self.config.request_timeout);
                    info.static_generation = loaded.static_generation;
                    infos.push(info);
                }
                Err(message) => {
                    let mut cause = Vec::new();
                    if let Some(d) = crate::loader::take_diagnostic() {
                        cause.push(LoadCause(d));
                    } else {
                        let root = &self.config.project_root;
                        let message = crate::stack::remap(&message, root);
                        cause.push(LoadCause(miette::miette!(
                            "{}",
                            crate::loader::explain_load_error(&message, root)
                        )));
                    }
                    errors.push(EngineError::Load {
                        file: route.display.clone(),
                        cause,
                    });
                    infos.push(route_info(&[]));
                }
            }
        }
        drop(loading);
        // Evaluating the modules may have run long enough to raise BUSY outside `enter`,
        // which would leave an idle worker looking busy to the others until its first request.
        worker::clear_busy();
        *self.routes.borrow_mut() = infos;
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }

    /// Evaluates the project's `next.config` file (`file`, shown as `display`) as Next.js
    /// does for `phase` (`phase-production-server`, `phase-production-build`,
    /// `phase-development-server`) and returns the resolved config as JSON: `headers`,
    /// `redirects` and `rewrites` called and awaited, other functions left out. The file and
    /// its imports load as route modules do (TypeScript, `require`, packages).
    ///
    /// # Errors
    /// [`EngineError::Load`] when the file fails to compile, resolve or evaluate, or throws.
    pub async fn load_next_config(
        &self,
        file: &std::path::Path,
        display: &str,
        phase: &str,
    ) -> Result<String, EngineError> {
        let call = format!(
            "loadNextConfig({}, {})",
            serde_json::Value::from(file.to_string_lossy()),
            serde_json::Value::from(phase)
        );
        self.load_file("next.config", &call, display).await
    }

    /// Runs `internal.<call>`, which imports a file of the project (`next.config`, the
    /// middleware) and answers a string; a failure is that file's load diagnostic.
    pub(crate) async fn load_file(
        &self,
        name: &str,
        call: &str,
        display: &str,
    ) -> Result<String, EngineError> {
        let source = format!("globalThis[Symbol.for('ferroute.internal')].{call}");
        let loading = worker::loading();
        let result = self.run_script(name, &source).await;
        drop(loading);
        result.map_err(|message| {
            let cause = if let Some(d) = crate::loader::take_diagnostic() {
                LoadCause(d)
            } else {
                let root = &self.config.project_root;
                let message = crate::stack::remap(&message, root);
                LoadCause(miette::miette!(
                    "{}",
                    crate::loader::explain_load_error(&message, root)
                ))
            };
            EngineError::Load {
                file: display.to_owned(),
                cause: vec![cause],
            }
        })
    }

    /// The methods route `index` exports, for `ferroute routes`.
    pub fn exported_methods(&self, index: usize) -> Vec<&'static str> {
        let routes = self.routes.borrow();
        let Some(info) = routes.get(index) else {
            return Vec::new();
        };
        METHODS
            .iter()
            .enumerate()
            .filter(|(i, _)| info.methods & (1 << i) != 0)
            .map(|(_, m)| *m)
            .collect()
    }

    /// Raised while this engine runs one synchronous stretch of JavaScript longer than 50 ms
    /// (a handler in a loop); other threads may read it to take over this worker's idle
    /// connections.
    pub fn busy_signal(&self) -> Arc<std::sync::atomic::AtomicBool> {
        worker::BUSY.with(Arc::clone)
    }

    /// Notified each time any engine's [`Engine::busy_signal`] rises, and by the server when a
    /// worker stops serving for a while (its `notified()` futures are woken; enable one before
    /// reading the signals, so no rise is missed).
    pub fn busy_raised() -> &'static tokio::sync::Notify {
        &worker::BUSY_RAISED
    }

    /// How route `index` is statically generated; None for a dynamic route (or one found to
    /// use a dynamic API while generated).
    pub fn static_generation(&self, index: usize) -> Option<StaticGeneration> {
        self.routes
            .borrow()
            .get(index)
            .and_then(|r| r.static_generation)
    }

    /// Generates the response of static route `index` for `path` (path and query) with a
    /// synthetic GET request, as a build does.
    /// `prerender`: at build time (or start-up), rather than a regeneration while serving.
    pub async fn generate(
        &self,
        index: usize,
        path: &str,
        params: Option<Params>,
        prerender: bool,
    ) -> Generated {
        use http_body_util::BodyExt;
        // Under trailingSlash the handler sees the path as requests reach it.
        let with_slash;
        let path = if self.config.trailing_slash
            && !path.ends_with('/')
            && !path
                .rsplit('/')
                .next()
                .is_some_and(|last| last.contains('.'))
        {
            with_slash = format!("{path}/");
            with_slash.as_str()
        } else {
            path
        };
        let Ok(req) = http::Request::get(path).body(crate::body::empty_incoming()) else {
            return Generated::Failed;
        };
        let meta = RequestMeta {
            remote: None,
            generate: true,
            prerender,
        };
        let res = self.handle(index, req, params, meta).await;
        let (mut parts, body) = res.into_parts();
        if let Some(why) = parts.headers.remove(GENERATE_FAILED) {
            return if why == "dynamic-error" {
                Generated::DynamicError
            } else {
                Generated::Failed
            };
        }
        if let Some(expr) = parts.headers.remove(DYNAMIC_USAGE) {
            if let Some(r) = self.routes.borrow_mut().get_mut(index) {
                r.static_generation = None;
            }
            return Generated::Dynamic(String::from_utf8_lossy(expr.as_bytes()).into_owned());
        }
        let tags = parts
            .headers
            .remove(GENERATED_TAGS)
            .map(|v| {
                String::from_utf8_lossy(v.as_bytes())
                    .split(',')
                    .filter(|t| !t.is_empty())
                    .map(str::to_owned)
                    .collect()
            })
            .unwrap_or_default();
        let revalidate = parts
            .headers
            .remove(GENERATED_REVALIDATE)
            .and_then(|v| v.to_str().ok()?.parse().ok());
        let Ok(body) = body.collect().await.map(|c| c.to_bytes()) else {
            return Generated::Failed;
        };
        Generated::Static(GeneratedResponse {
            status: parts.status.as_u16(),
            headers: parts.headers,
            body,
            tags,
            revalidate,
        })
    }

    /// What `generateStaticParams()` of route `index` returns: one set of params per path
    /// to generate ahead. String values fill `[name]` segments, arrays catch-alls.
    pub async fn static_params(&self, index: usize) -> Result<Vec<Params>, String> {
        let json = self
            .run_script(
                "generateStaticParams",
                &format!("globalThis[Symbol.for('ferroute.internal')].staticParams({index})"),
            )
            .await?;
        let list: Vec<serde_json::Map<String, serde_json::Value>> =
            serde_json::from_str(&json).map_err(|e| e.to_string())?;
        let text = |v: &serde_json::Value| match v {
            serde_json::Value::String(s) => Some(s.clone()),
            serde_json::Value::Number(n) => Some(n.to_string()),
            _ => None,
        };
        Ok(list
            .into_iter()
            .map(|entry| {
                Params(
                    entry
                        .into_iter()
                        .filter_map(|(name, value)| match &value {
                            serde_json::Value::Array(items) => Some((
                                name,
                                ParamValue::Many(items.iter().filter_map(text).collect()),
                            )),
                            other => text(other).map(|s| (name, ParamValue::One(s))),
                        })
                        .collect(),
                )
            })
            .collect())
    }

    /// Ends this engine for the next one of its thread (`ferroute dev`) and frees it:
    /// requests still running are cut, its background tasks (timers, fetches, body reads)
    /// end, and its QuickJS runtime goes with its memory. Call it before the thread's next
    /// `Engine::new`.
    ///
    /// Objects that something outside the heap still holds (a Rust class of the llrt
    /// modules whose fields the collector cannot see, such as an `EventEmitter`'s
    /// listeners, in a cycle with its context) stay allocated: QuickJS is built with its
    /// assertions off (`disable-assertions`), so freeing the runtime around them does not
    /// abort. False when the runtime is kept whole instead: a task or a reference to the
    /// state outlived the end, and freeing could leave it pointing into freed memory.
    pub async fn retire(mut self) -> bool {
        worker::end_tasks().await;
        // Dropping `self` then frees the runtime (QuickJS collects what is left).
        self.release()
    }

    /// Lets go of every reference into the engine before its runtime goes. When some may
    /// not have gone (the state is shared, or a task still runs: see `retire`), the runtime
    /// is kept for the process instead; false then. Called again by `drop`, it does nothing.
    fn release(&mut self) -> bool {
        match &mut self.vm {
            Vm::QuickJs { dispatch, rt } => {
                *dispatch = None;
                let clean = worker::uninstall();
                if !clean {
                    std::mem::forget(rt.clone());
                }
                clean
            }
            // JavaScriptCore frees its heap with the VM even while values are held.
            Vm::Jsc(_) => worker::uninstall(),
        }
    }

    /// Resolves when this engine should be replaced by a fresh one to give its memory back:
    /// on JavaScriptCore, when the memory bound's backstop picked it (docs/operations.md,
    /// "Memory"); never on QuickJS, whose per-request ledger needs no backstop. The future
    /// holds no reference to the engine.
    pub fn recycle_wanted(&self) -> impl std::future::Future<Output = MemoryRecycle> + 'static {
        let picked = match &self.vm {
            Vm::Jsc(core) => Some(core.recycle_wanted()),
            Vm::QuickJs { .. } => None,
        };
        async move {
            match picked {
                Some(picked) => picked.await,
                None => std::future::pending().await,
            }
        }
    }

    /// Ends every request this engine still holds, before it is dropped: one whose response
    /// has not started is answered 503, a streaming response is cut, and JavaScript is told
    /// (`request.signal` aborts). Answers how many there were.
    pub fn shed(&self) -> usize {
        let ids: Vec<u32> = with_state(|s| s.requests.keys().copied().collect());
        for &id in &ids {
            with_state(|s| {
                if let Some(r) = s.requests.get_mut(&id) {
                    r.send_head(ResponseHead {
                        status: StatusCode::SERVICE_UNAVAILABLE.as_u16(),
                        status_text: None,
                        headers: HeaderMap::new(),
                        body: ResponseBody::Empty,
                        close: false,
                    });
                }
            });
            worker::abort_request(id, worker::SHED);
        }
        ids.len()
    }

    /// Requests this engine holds: running, streaming, or awaiting `after()` callbacks.
    pub fn in_flight(&self) -> usize {
        with_state(|s| s.requests.len())
    }

    /// Runs route `index` for one request.
    pub async fn handle(
        &self,
        index: usize,
        req: http::Request<IncomingBody>,
        params: Option<Params>,
        meta: RequestMeta,
    ) -> Response<ResponseBody> {
        match self.begin(index, req, params, meta) {
            Begun::Answered(res) => res,
            Begun::Dispatched(waiting) => waiting.head().await,
            Begun::QuickJs(call, waiting) => self.call_quickjs(call, waiting).await,
        }
    }

    /// [`Engine::handle`], with the request's JavaScript run before this returns on
    /// JavaScriptCore: the response then, when the handler answered in that run (most do),
    /// else a future that waits for it alone, small to box and to move. The caller must be
    /// ready for the handler to run now.
    pub fn handle_now(
        self: &Rc<Self>,
        index: usize,
        req: http::Request<IncomingBody>,
        params: Option<Params>,
        meta: RequestMeta,
    ) -> Handled {
        match self.begin(index, req, params, meta) {
            Begun::Answered(res) => Handled::Now(res),
            Begun::Dispatched(waiting) => Handled::Later(Box::pin(waiting.head())),
            Begun::QuickJs(call, waiting) => {
                let this = self.clone();
                Handled::Later(Box::pin(
                    async move { this.call_quickjs(call, waiting).await },
                ))
            }
        }
    }

    /// Everything of a request up to its dispatch: the method's handler, the URL, the
    /// request registered, and on JavaScriptCore the dispatch itself (synchronous there).
    fn begin(
        &self,
        index: usize,
        req: http::Request<IncomingBody>,
        params: Option<Params>,
        meta: RequestMeta,
    ) -> Begun {
        let (methods, allow, time_limit) = {
            let routes = self.routes.borrow();
            match routes.get(index) {
                Some(r) => (r.methods, r.allow.clone(), r.time_limit),
                None => return Begun::Answered(empty(StatusCode::NOT_FOUND)),
            }
        };
        let method = req.method();
        let Some(mi) = METHODS.iter().position(|m| *m == method.as_str()) else {
            return Begun::Answered(early(req, StatusCode::BAD_REQUEST));
        };
        let has = |i: usize| methods & (1 << i) != 0;
        let (call, head_only) = if has(mi) {
            (mi, false)
        } else if *method == Method::HEAD && has(0) {
            (0, true)
        } else if *method == Method::OPTIONS {
            let mut res = early(req, StatusCode::NO_CONTENT);
            res.headers_mut().insert(http::header::ALLOW, allow);
            return Begun::Answered(res);
        } else {
            return Begun::Answered(early(req, StatusCode::METHOD_NOT_ALLOWED));
        };

        let (parts, body) = req.into_parts();
        let url = request_url(&self.config.origin, &parts.uri, &parts.headers);
        let limit = time_limit.map(|limit| TimeLimit {
            deadline: tokio::time::Instant::now() + limit,
            limit,
            method: parts.method.clone(),
            path: parts.uri.path().to_owned(),
        });

        let has_body = !matches!(parts.method, Method::GET | Method::HEAD);
        let body = if has_body {
            Some(body)
        } else {
            crate::body::drain(body);
            None
        };
        let flags = request_flags(&parts.headers)
            | if meta.generate { FLAG_GENERATE } else { 0 }
            | if meta.prerender { FLAG_PRERENDER } else { 0 };
        let (head_tx, head_rx) = oneshot::channel();
        let (id, owner) = register_request(parts.headers, meta.remote, body, head_tx);
        // Dropped before the response head arrives (hyper drops the future when the client
        // goes away): the request is ended and JavaScript told.
        let mut waiting = Waiting {
            id,
            head_rx,
            abandoned: AbortOnDrop(Some(id)),
            head_only,
            limit: limit.map(Box::new),
        };
        // The memory tag rides above the flags' 8 bits.
        let flags = flags | (owner << 8);
        let args = [id, index as u32, call as u32, mi as u32];
        match &self.vm {
            Vm::QuickJs { dispatch, .. } => {
                let Some(dispatch) = dispatch.clone() else {
                    return Begun::Answered(empty(StatusCode::SERVICE_UNAVAILABLE));
                };
                Begun::QuickJs(
                    QuickJsCall {
                        dispatch,
                        args,
                        url,
                        params,
                        flags,
                    },
                    waiting,
                )
            }
            Vm::Jsc(core) => match core.dispatch(args, &url, params, flags) {
                // Most handlers have answered by now (their promise jobs ran at the end of
                // the entry): no future to wait with.
                Ok(()) => match waiting.head_rx.try_recv() {
                    Ok(head) => Begun::Answered(waiting.answered(head)),
                    Err(_) => Begun::Dispatched(waiting),
                },
                Err(message) => Begun::Answered(self.dispatch_failed(&message, waiting)),
            },
        }
    }

    /// Dispatches a request on QuickJS (entering its context is a future), then waits for
    /// the response head.
    async fn call_quickjs(&self, call: QuickJsCall, waiting: Waiting) -> Response<ResponseBody> {
        let QuickJsCall {
            dispatch,
            args,
            url,
            params,
            flags,
        } = call;
        let called = enter(move |ctx| {
            let r = (|| {
                let f = dispatch.restore(&ctx)?;
                let p = params_value(&ctx, params)?;
                let [id, index, call, mi] = args;
                f.call::<_, ()>((id, index, call, mi, url, p, flags))
            })();
            r.map_err(|e| describe_error(&ctx, e))
        })
        .await;
        match called {
            Ok(()) => waiting.head().await,
            Err(message) => self.dispatch_failed(&message, waiting),
        }
    }

    /// Only an uncatchable error (interrupt, out of memory) escapes dispatch: logged, and
    /// the request answered 500.
    fn dispatch_failed(&self, message: &str, waiting: Waiting) -> Response<ResponseBody> {
        crate::natives::eprintln_safe(&format!(
            "⨯ {}",
            crate::stack::remap(message, &self.config.project_root)
        ));
        waiting.failed()
    }
}

/// What [`Engine::handle_now`] answers.
pub enum Handled {
    /// The response.
    Now(Response<ResponseBody>),
    /// The response, to wait for.
    Later(Pin<Box<dyn Future<Output = Response<ResponseBody>>>>),
}

/// What [`Engine::begin`] left to do.
enum Begun {
    /// Answered without the handler (a method it does not export, an unknown route).
    Answered(Response<ResponseBody>),
    /// Dispatched: the response head is to wait for.
    Dispatched(Waiting),
    /// To dispatch on QuickJS, then wait.
    QuickJs(QuickJsCall, Waiting),
}

/// A QuickJS dispatch's arguments.
struct QuickJsCall {
    dispatch: Persistent<Function<'static>>,
    args: [u32; 4],
    url: String,
    params: Option<Params>,
    flags: u32,
}

/// A dispatched request's wait for its response head.
struct Waiting {
    id: u32,
    head_rx: oneshot::Receiver<ResponseHead>,
    abandoned: AbortOnDrop,
    head_only: bool,
    /// The route's maxDuration (or --request-timeout), boxed as few routes have one.
    limit: Option<Box<TimeLimit>>,
}

/// When a request is cut, and what its log line says.
struct TimeLimit {
    deadline: tokio::time::Instant,
    limit: Duration,
    method: Method,
    path: String,
}

impl Waiting {
    /// The response from its head (504 when the time limit passes first).
    async fn head(mut self) -> Response<ResponseBody> {
        let head = match self.limit.as_deref() {
            // Boxed: a timer is large, and few routes have one.
            Some(limit) => {
                match Box::pin(tokio::time::timeout_at(limit.deadline, &mut self.head_rx)).await {
                    Ok(head) => head,
                    Err(_) => {
                        self.abandoned.0 = None;
                        crate::natives::eprintln_safe(&format!(
                            "⨯ {} {} timed out after {:?} (maxDuration or --request-timeout): answered 504",
                            limit.method, limit.path, limit.limit
                        ));
                        worker::abort_request(self.id, worker::TIMED_OUT);
                        return empty(StatusCode::GATEWAY_TIMEOUT);
                    }
                }
            }
            None => (&mut self.head_rx).await,
        };
        match head {
            Ok(head) => self.answered(head),
            // The request ended without a head.
            Err(_) => self.failed(),
        }
    }

    /// The request released, answered 500.
    fn failed(mut self) -> Response<ResponseBody> {
        self.abandoned.0 = None;
        worker::release(self.id);
        empty(StatusCode::INTERNAL_SERVER_ERROR)
    }

    /// The response from its head, once it came.
    fn answered(mut self, head: ResponseHead) -> Response<ResponseBody> {
        let id = self.id;
        self.abandoned.0 = None;
        if let (Some(TimeLimit { deadline, .. }), ResponseBody::Stream(_)) =
            (self.limit.as_deref(), &head.body)
        {
            let deadline = *deadline;
            // A response still streaming when the time is up is cut.
            crate::worker::spawn(async move {
                tokio::time::sleep_until(deadline).await;
                worker::abort_request(id, worker::TIMED_OUT);
            });
        }
        build_response(head, self.head_only)
    }
}

/// Ends a request whose `handle` future is dropped before the response head arrived.
struct AbortOnDrop(Option<u32>);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        if let Some(id) = self.0.take() {
            worker::abort_request(id, worker::CLIENT_GONE);
        }
    }
}

/// An empty response decided before the handler runs; the unread body is drained.
fn early(req: http::Request<IncomingBody>, status: StatusCode) -> Response<ResponseBody> {
    crate::body::drain(req.into_body());
    empty(status)
}

/// `state.flags` bit: the Cookie header could hold a draft-mode cookie.
const FLAG_PREVIEW_COOKIE: u32 = 1;
/// `state.flags` bit: a router header the headers() view drops is present.
const FLAG_FLIGHT_HEADER: u32 = 2;
/// `state.flags` bit: a static response is being generated (`Engine::generate`).
const FLAG_GENERATE: u32 = 4;
/// `state.flags` bit: the generation is a build-time prerender.
const FLAG_PRERENDER: u32 = 8;
/// Response header by which our JavaScript hands over the tags of a generation's fetches.
const GENERATED_TAGS: &str = "x-ferroute-tags";
/// Response header by which our JavaScript says a fetch lowered the route's revalidate.
const GENERATED_REVALIDATE: &str = "x-ferroute-revalidate";
/// The router headers Next.js removes from the headers() view.
const FLIGHT_HEADERS: [&str; 5] = [
    "rsc",
    "next-router-state-tree",
    "next-router-prefetch",
    "next-hmr-refresh",
    "next-router-segment-prefetch",
];

/// Enters a request in this worker's table (its headers, body and the channel its head goes
/// back on) and claims its memory ledger slot: its id, and its ledger tag.
pub(crate) fn register_request(
    headers: http::HeaderMap,
    remote: Option<std::net::SocketAddr>,
    body: Option<IncomingBody>,
    head_tx: oneshot::Sender<ResponseHead>,
) -> (u32, u32) {
    with_state(|s| {
        s.next_id = s.next_id.wrapping_add(1);
        let id = s.next_id;
        let owner = match crate::alloc::worker_ledger() {
            Some(ledger) => ledger.claim(id),
            None if s.jsc.is_some() => crate::jsc::tag_of(id),
            None => 0,
        };
        s.requests.insert(
            id,
            InFlight {
                headers: Some(headers),
                remote,
                body,
                head_tx: Some(head_tx),
                stream_tx: None,
                pending: Default::default(),
                close: false,
                owner,
            },
        );
        (id, owner)
    })
}

/// Facts next/headers would otherwise look up in the request headers on every request
/// (it checks the draft-mode cookies before each handler, and headers() strips the router
/// headers): computed here, they spare it reading the headers when the answer is no.
fn request_flags(headers: &HeaderMap) -> u32 {
    let mut flags = 0;
    if headers.get_all(http::header::COOKIE).iter().any(|v| {
        let v = v.as_bytes();
        contains(v, b"__prerender_bypass") || contains(v, b"__next_preview_data")
    }) {
        flags |= FLAG_PREVIEW_COOKIE;
    }
    // One pass over the names (a lookup per router header would hash each name again).
    if headers
        .keys()
        .any(|name| FLIGHT_HEADERS.contains(&name.as_str()))
    {
        flags |= FLAG_FLIGHT_HEADER;
    }
    flags
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn route_info(methods: &[String]) -> RouteInfo {
    let mut mask = 0u8;
    for m in methods {
        if let Some(i) = METHODS.iter().position(|x| x == m) {
            mask |= 1 << i;
        }
    }
    // Allow: OPTIONS, the exported methods, and HEAD when GET is exported; sorted.
    let mut allow: Vec<&str> = vec!["OPTIONS"];
    for (i, m) in METHODS.iter().enumerate() {
        if mask & (1 << i) != 0 && *m != "OPTIONS" {
            allow.push(m);
        }
    }
    if mask & 1 != 0 && !allow.contains(&"HEAD") {
        allow.push("HEAD");
    }
    allow.sort_unstable();
    RouteInfo {
        methods: mask,
        allow: HeaderValue::from_str(&allow.join(", "))
            .expect("method names are valid header text"),
        time_limit: None,
        static_generation: None,
    }
}

fn empty(status: StatusCode) -> Response<ResponseBody> {
    let mut res = Response::new(ResponseBody::Empty);
    *res.status_mut() = status;
    res
}

fn build_response(head: ResponseHead, head_only: bool) -> Response<ResponseBody> {
    let body = if head_only {
        ResponseBody::Empty
    } else {
        head.body
    };
    let mut res = Response::new(body);
    *res.status_mut() =
        StatusCode::from_u16(head.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    if let Some(text) = head.status_text {
        if res.status().canonical_reason() != Some(text.as_str()) {
            if let Ok(phrase) =
                hyper::ext::ReasonPhrase::try_from(crate::natives::latin1_bytes(&text).into_owned())
            {
                res.extensions_mut().insert(phrase);
            }
        }
    }
    *res.headers_mut() = head.headers;
    if head.close {
        res.headers_mut()
            .insert(http::header::CONNECTION, HeaderValue::from_static("close"));
    }
    res
}

/// Made once: a name given as `&str` is parsed at every lookup.
static X_FORWARDED_PROTO: http::HeaderName = http::HeaderName::from_static("x-forwarded-proto");

/// `request.url` as Next.js builds it: the server's own origin (scheme from
/// `x-forwarded-proto`), the path as received, and the query re-serialised the way
/// `URLSearchParams` does (`?a&b=1` becomes `?a=&b=1`).
fn request_url(origin: &str, uri: &http::Uri, headers: &HeaderMap) -> String {
    let path = uri.path();
    let mut url = String::with_capacity(origin.len() + path.len() + 16);
    if headers
        .get(&X_FORWARDED_PROTO)
        .is_some_and(|v| v.as_bytes().eq_ignore_ascii_case(b"https"))
    {
        url.push_str("https");
        url.push_str(origin.strip_prefix("http").unwrap_or(origin));
    } else {
        url.push_str(origin);
    }
    url.push_str(path);
    if let Some(q) = uri.query().filter(|q| !q.is_empty()) {
        let mut ser = form_urlencoded::Serializer::new(String::new());
        ser.extend_pairs(form_urlencoded::parse(q.as_bytes()));
        let q = ser.finish();
        if !q.is_empty() {
            url.push('?');
            url.push_str(&q);
        }
    }
    url
}

/// The `x-forwarded-*` headers Next.js adds before a handler sees the request (only those
/// the client did not send). Computed when JavaScript first reads the headers.
pub fn forwarded_headers(
    port: u16,
    headers: &HeaderMap,
    remote: Option<SocketAddr>,
) -> Vec<(&'static str, String)> {
    // Which x-forwarded-* headers the client sent, in one pass over the names.
    let (mut host, mut fwd_port, mut proto, mut fwd_for) = (false, false, false, false);
    for name in headers.keys() {
        match name.as_str().strip_prefix("x-forwarded-") {
            Some("host") => host = true,
            Some("port") => fwd_port = true,
            Some("proto") => proto = true,
            Some("for") => fwd_for = true,
            _ => {}
        }
    }
    let mut extra = Vec::with_capacity(4);
    if !host {
        if let Some(h) = headers
            .get(http::header::HOST)
            .and_then(|v| v.to_str().ok())
        {
            extra.push(("x-forwarded-host", h.to_owned()));
        }
    }
    if !fwd_port {
        extra.push(("x-forwarded-port", port.to_string()));
    }
    if !proto {
        extra.push(("x-forwarded-proto", "http".to_owned()));
    }
    if !fwd_for {
        if let Some(addr) = remote {
            // As Node reports it: a dual-stack socket sees IPv4 clients as ::ffff:a.b.c.d,
            // an IPv4 socket as a.b.c.d.
            extra.push(("x-forwarded-for", ip_text(addr.ip())));
        }
    }
    extra
}

/// `ip.to_string()`, remembered for the last address seen on this thread (a connection
/// sends many requests, and formatting an IPv6 address is not cheap).
fn ip_text(ip: std::net::IpAddr) -> String {
    thread_local! {
        static LAST: std::cell::RefCell<Option<(std::net::IpAddr, String)>> = const { std::cell::RefCell::new(None) };
    }
    LAST.with(|last| {
        let mut last = last.borrow_mut();
        match &*last {
            Some((seen, text)) if *seen == ip => text.clone(),
            _ => {
                let text = ip.to_string();
                *last = Some((ip, text.clone()));
                text
            }
        }
    })
}

fn params_value<'js>(ctx: &Ctx<'js>, params: Option<Params>) -> rquickjs::Result<Value<'js>> {
    let Some(params) = params else {
        return Ok(Value::new_undefined(ctx.clone()));
    };
    let obj = Object::new(ctx.clone())?;
    for (k, v) in params.0 {
        match v {
            ParamValue::One(s) => obj.set(k, s)?,
            ParamValue::Many(list) => {
                let arr = Array::new(ctx.clone())?;
                for (i, s) in list.into_iter().enumerate() {
                    arr.set(i, s)?;
                }
                obj.set(k, arr)?;
            }
        }
    }
    Ok(obj.into_value())
}

fn init_globals(
    ctx: &Ctx<'_>,
    config: &EngineConfig,
) -> rquickjs::Result<Persistent<Function<'static>>> {
    use llrt_modules as m;
    m::abort::init(ctx)?;
    m::buffer::init(ctx)?;
    m::console::init(ctx)?;
    m::crypto::init(ctx)?;
    m::events::init(ctx)?;
    m::exceptions::init(ctx)?;
    m::navigator::init(ctx)?;
    m::perf_hooks::init(ctx)?;
    m::process::init(ctx)?;
    m::stream_web::init(ctx)?;
    m::url::init(ctx)?;
    m::util::init(ctx)?;
    ctx.globals()
        .set("structuredClone", Func::from(structured_clone))?;

    let internal: Object = ctx.eval(
        "(() => { const o = { modules: {} }; Object.defineProperty(globalThis, Symbol.for('ferroute.internal'), { value: o }); return o; })()",
    )?;
    crate::natives::install(ctx, &internal)?;
    internal.set("routeLoaded", Func::from(route_loaded))?;
    let cfg = Object::new(ctx.clone())?;
    cfg.set("origin", config.origin.as_str())?;
    cfg.set("dev", config.dev)?;
    cfg.set("maxBodySize", config.max_body_size as f64)?;
    // The built-in names the loader resolves; 04_builtins.js says where each comes from.
    cfg.set(
        "builtins",
        crate::sys::string_array(ctx, crate::loader::NODE_BUILTINS)?,
    )?;
    cfg.set("root", config.project_root.to_string_lossy().as_ref())?;
    cfg.set("basePath", config.base_path.as_str())?;
    cfg.set("trailingSlash", config.trailing_slash)?;
    cfg.set("engine", "quickjs")?;
    internal.set("authInterrupts", config.auth_interrupts)?;
    internal.set("config", cfg)?;
    if let Some(ledger) = crate::alloc::worker_ledger() {
        internal.set("owner", crate::alloc::owner_view(ctx, ledger)?)?;
    }
    internal.set("previewModeId", config.preview_mode_id.as_str())?;
    let env = Array::new(ctx.clone())?;
    let mut i = 0;
    for (k, v) in &config.env {
        if std::env::var_os(k).is_none() {
            env.set(i, k.as_str())?;
            env.set(i + 1, v.as_str())?;
            i += 2;
        }
    }
    for (k, v) in &config.config_env {
        env.set(i, k.as_str())?;
        env.set(i + 1, v.as_str())?;
        i += 2;
    }
    internal.set("dotenv", env)?;
    with_state(|s| s.internal = Some(Persistent::save(ctx, internal.clone())));

    for (name, _) in JS_FILES {
        if !is_lazy(name) {
            eval_js_file(ctx, name)?;
        }
    }
    let dispatch: Function = internal.get("dispatch")?;
    Ok(Persistent::save(ctx, dispatch))
}

/// How long the synchronous part of loading the route modules may run (compiling and
/// evaluating every package they import), instead of `--max-sync-ms`.
pub(crate) const LOAD_LIMIT: Duration = Duration::from_secs(120);

/// Files loaded on first use instead of at start-up: by `js/03_lazy.js` (Blob, FormData,
/// TransformStream), by `internal.builtin` (the `5x_node_*.js` built-in modules) and by the
/// lazy globals of other eager files (`6x_*.js`: `60_intl.js`, loaded by `09_intl_global.js`
/// when `Intl` or a locale-sensitive method is first used).
pub(crate) fn is_lazy(name: &str) -> bool {
    matches!(name, "11_blob.js" | "12_formdata.js" | "13_streams.js")
        || name.starts_with('5')
        || name.starts_with('6')
}

/// Evaluates one of our JavaScript files, from the bytecode build.rs compiled it to (the
/// embedded source if that cannot be read). `FERROUTE_JS_DIR=crates/ferroute_runtime/js`
/// reads its source from disk instead (edit and restart, no rebuild).
pub(crate) fn eval_js_file(ctx: &Ctx<'_>, name: &str) -> rquickjs::Result<()> {
    // A file of the JavaScriptCore platform that serves QuickJS too (`jsc/30_buffer.js` lends
    // llrt's Buffer what it lacks), from its source.
    let found = match name.strip_prefix("jsc/") {
        Some(file) => JSC_FILES.iter().find(|(n, _)| *n == file),
        None => JS_FILES.iter().find(|(n, _)| *n == name),
    };
    let Some((_, embedded)) = found else {
        return Err(rquickjs::Error::new_loading_message(
            name,
            "no such runtime file",
        ));
    };
    let js_dir = std::env::var_os("FERROUTE_JS_DIR");
    if js_dir.is_none() && !name.starts_with("jsc/") {
        if let Some(done) = crate::sys::eval_js_bytecode(ctx, name) {
            return done;
        }
    }
    let source = js_dir
        .and_then(|dir| std::fs::read_to_string(PathBuf::from(dir).join(name)).ok())
        .unwrap_or_else(|| (*embedded).to_owned());
    let mut opts = rquickjs::context::EvalOptions::default();
    opts.global = true;
    opts.strict = true;
    opts.filename = Some(format!("ferroute:{name}"));
    ctx.eval_with_options::<(), _>(source, opts)
}

fn structured_clone<'js>(
    ctx: Ctx<'js>,
    value: Value<'js>,
    options: rquickjs::prelude::Opt<Object<'js>>,
) -> rquickjs::Result<Value<'js>> {
    llrt_utils::clone::structured_clone(&ctx, value, options)
}

/// A route's [`StaticGeneration`] from what `routeLoaded` says: `revalidate` (-1: dynamic) and
/// 30_dispatch.js's CACHE_* bits.
pub(crate) fn static_generation(
    revalidate: Option<f64>,
    cache_flags: Option<u32>,
) -> Option<StaticGeneration> {
    revalidate.filter(|r| r.is_finite() && *r >= 0.0).map(|r| {
        let flags = cache_flags.unwrap_or(0);
        StaticGeneration {
            revalidate: (r > 0.0).then(|| r.ceil() as u64),
            static_params: flags & 1 != 0,
            only_listed_params: flags & 2 != 0,
        }
    })
}

/// `internal.routeLoaded(index, methods, error, maxDuration, revalidate, cacheFlags)`:
/// `revalidate` is -1 for a dynamic route, 0 for one generated once, N seconds otherwise;
/// `cacheFlags` are 30_dispatch.js's CACHE_* bits. Called when a route module's import
/// settles (`methods` and the rest null when it failed with `error`).
fn route_loaded(
    index: u32,
    methods: Option<Vec<String>>,
    error: Option<String>,
    max_duration: Opt<Option<f64>>,
    revalidate: Opt<Option<f64>>,
    cache_flags: Opt<Option<u32>>,
) {
    let static_generation = static_generation(revalidate.0.flatten(), cache_flags.0.flatten());
    route_loaded_with(
        index,
        methods,
        error,
        max_duration.0.flatten(),
        static_generation,
    );
}

/// [`route_loaded`] once its arguments are read: hands the outcome to `load_routes`.
pub(crate) fn route_loaded_with(
    index: u32,
    methods: Option<Vec<String>>,
    error: Option<String>,
    max_duration: Option<f64>,
    static_generation: Option<StaticGeneration>,
) {
    if let Some(tx) = with_state(|s| s.route_loads.remove(&index)) {
        let _ = tx.send(match (methods, error) {
            (_, Some(e)) => Err(e),
            (m, None) => Ok(worker::RouteLoaded {
                methods: m.unwrap_or_default(),
                max_duration,
                static_generation,
            }),
        });
    }
}

impl Engine {
    /// Evaluates `source` as a global script whose completion value is a Promise (or a
    /// value), and returns what it settles to, as a string. For the JavaScript unit tests of
    /// `js/tests`, which need the engine's real globals.
    #[doc(hidden)]
    pub async fn run_script(&self, name: &str, source: &str) -> Result<String, String> {
        if let Vm::Jsc(core) = &self.vm {
            return core.run_script(name, source).await;
        }
        let (tx, rx) = oneshot::channel::<Result<String, String>>();
        let tx = std::rc::Rc::new(RefCell::new(Some(tx)));
        let (name, source) = (name.to_owned(), source.to_owned());
        let sent = enter(move |ctx| -> Result<(), String> {
            let mut opts = rquickjs::context::EvalOptions::default();
            opts.global = true;
            opts.filename = Some(name);
            let value: Value = ctx
                .eval_with_options(source, opts)
                .map_err(|e| describe_error(&ctx, e))?;
            let promise: rquickjs::Promise = ctx
                .eval::<Function, _>("(v) => Promise.resolve(v).then((x) => String(x))")
                .and_then(|f| f.call((value,)))
                .map_err(|e| describe_error(&ctx, e))?;
            let (ok_tx, err_tx) = (tx.clone(), tx);
            let on_ok = Func::from(move |s: String| {
                if let Some(t) = ok_tx.borrow_mut().take() {
                    let _ = t.send(Ok(s));
                }
            });
            let on_err = Func::from(move |e: rquickjs::prelude::Coerced<String>| {
                let text = e.0;
                if let Some(t) = err_tx.borrow_mut().take() {
                    let _ = t.send(Err(text));
                }
            });
            let then: Function = promise.get("then").map_err(|e| describe_error(&ctx, e))?;
            then.call::<_, ()>((rquickjs::function::This(promise), on_ok, on_err))
                .map_err(|e| describe_error(&ctx, e))
        })
        .await;
        sent?;
        rx.await
            .map_err(|_| "the script's promise was dropped".to_owned())?
    }
}
