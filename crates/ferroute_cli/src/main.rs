//! The `ferroute` binary: parses arguments, renders diagnostics and picks exit codes. All
//! the work happens in the library crates.
//!
//! Exit codes: 0 success, 1 a user error (bad project, route conflict, syntax error, port
//! in use), 2 an internal error.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Parser, Subcommand};

mod banner;
mod info;

/// mimalloc (far faster than glibc malloc for the many small blocks a server makes), with the
/// large blocks JavaScript makes charged to its worker's memory limit.
#[global_allocator]
static GLOBAL: ferroute_runtime::CountingAlloc = ferroute_runtime::CountingAlloc;
use ferroute_server::{CacheConfig, ConnectionLimits, Project, Server, ServerConfig};

/// Run Next.js App Router route handlers on a native server.
#[derive(Debug, Parser)]
#[command(name = "ferroute", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Compile and check every route, prerender the static ones into the cache and print
    /// the route table (like `next build`).
    Build(BuildArgs),
    /// Serve the project's route handlers (like `next start`).
    Start(StartArgs),
    /// Serve the project in development (like `next dev`): no response cache,
    /// `.env.development*`, and every change on disk served on the next request.
    Dev(StartArgs),
    /// Print the platform, binaries and package versions for a bug report (like `next info`).
    Info {
        /// The project folder whose node_modules holds next, react, ...
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
    /// Print the route table: URL pattern, file and exported methods.
    Routes {
        /// The project folder (holding app/ or src/app/).
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
}

/// `--engine`, the same for `build`, `start` and `dev`.
#[derive(Debug, clap::Args)]
struct EngineArg {
    /// The JavaScript engine: auto (JavaScriptCore when it is installed, else QuickJS),
    /// jsc (JavaScriptCore, a JIT) or quickjs (an interpreter, smallest and quickest to start).
    #[arg(
        long,
        env = "FERROUTE_ENGINE",
        value_name = "ENGINE",
        default_value = "auto"
    )]
    engine: EngineChoice,
}

/// What `--engine` names: one engine, or the one this machine runs best.
#[derive(Debug, Clone, Copy)]
enum EngineChoice {
    Auto,
    Named(ferroute_runtime::EngineKind),
}

impl std::str::FromStr for EngineChoice {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        if s.trim().eq_ignore_ascii_case("auto") {
            return Ok(EngineChoice::Auto);
        }
        s.parse().map(EngineChoice::Named).map_err(|e: String| {
            format!("{e} (or auto: JavaScriptCore when it is installed, else QuickJS)")
        })
    }
}

impl EngineArg {
    /// The engine to run, and for `auto` on a machine without JavaScriptCore, the banner's
    /// note of why QuickJS runs instead.
    fn resolve(&self) -> (ferroute_runtime::EngineKind, Option<&'static str>) {
        match self.engine {
            EngineChoice::Named(kind) => (kind, None),
            EngineChoice::Auto => match ferroute_runtime::EngineKind::preferred() {
                (kind, None) => (kind, None),
                (kind, Some(_)) => (
                    kind,
                    Some("JavaScriptCore is not installed: apt install libjavascriptcoregtk-4.1-0 for the faster engine"),
                ),
            },
        }
    }
}

/// The banner's engine line: `   - Engine:       JavaScriptCore`, with the note when `auto`
/// fell back to QuickJS.
fn engine_line(kind: ferroute_runtime::EngineKind, note: Option<&str>) -> String {
    match note {
        Some(note) => format!("   - Engine:       {} ({note})", kind.title()),
        None => format!("   - Engine:       {}", kind.title()),
    }
}

/// What `--pin-workers` names.
#[derive(Debug, Clone, Copy, clap::ValueEnum)]
enum PinChoice {
    Auto,
    On,
    Off,
}

impl From<PinChoice> for ferroute_server::PinWorkers {
    fn from(choice: PinChoice) -> Self {
        match choice {
            PinChoice::Auto => Self::Auto,
            PinChoice::On => Self::On,
            PinChoice::Off => Self::Off,
        }
    }
}

#[derive(Debug, clap::Args)]
struct BuildArgs {
    /// The project folder (holding app/ or src/app/).
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// Prerender into Redis (the store the instances that serve the build share), instead
    /// of files under .ferroute/cache.
    #[arg(long, env = "FERROUTE_CACHE_URL", value_name = "URL")]
    cache_url: Option<String>,
    #[command(flatten)]
    engine: EngineArg,
}

#[derive(Debug, clap::Args)]
struct StartArgs {
    /// The project folder (holding app/ or src/app/).
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// Port to listen on, 0 for a free one [default: 3000, env: PORT].
    #[arg(short, long, value_name = "PORT")]
    port: Option<String>,
    /// Hostname or IP address to bind (default: all interfaces, shown as localhost).
    #[arg(short = 'H', long)]
    hostname: Option<String>,
    /// Worker threads, each with its own JavaScript engine (default: one per core).
    #[arg(long)]
    workers: Option<usize>,
    /// Run each worker on a CPU of its own, serving the connections whose packets arrive on
    /// that CPU: auto (when there is one worker for each CPU ferroute may run on), on or off.
    #[arg(
        long,
        env = "FERROUTE_PIN_WORKERS",
        value_name = "WHEN",
        default_value = "auto"
    )]
    pin_workers: PinChoice,
    /// Heap limit per worker engine, in MiB.
    #[arg(long, default_value_t = 512)]
    max_memory_mb: usize,
    /// Longest synchronous run of a handler before it is interrupted, in milliseconds.
    #[arg(long, default_value_t = 10_000)]
    max_sync_ms: u64,
    /// Idle time after which a keep-alive connection is closed, in milliseconds.
    #[arg(
        long = "keepAliveTimeout",
        alias = "keep-alive-timeout",
        value_name = "MS",
        default_value_t = ConnectionLimits::KEEP_ALIVE_TIMEOUT_MS
    )]
    keep_alive_timeout: u64,
    /// Time a client has to send a complete request head, in milliseconds.
    #[arg(long, value_name = "MS", default_value_t = ConnectionLimits::HEADERS_TIMEOUT_MS)]
    headers_timeout: u64,
    /// Most open client connections (default: nine tenths of the file-descriptor limit).
    #[arg(long)]
    max_connections: Option<usize>,
    /// Largest request head (request line and headers) in bytes; larger heads get 431.
    #[arg(long, default_value_t = ConnectionLimits::MAX_HEADER_SIZE)]
    max_header_size: usize,
    /// Most header fields in a request; more get 431.
    #[arg(long, default_value_t = ConnectionLimits::MAX_HEADERS)]
    max_headers: usize,
    /// Longest request target (path and query) in bytes; longer ones get 414.
    #[arg(long, default_value_t = ConnectionLimits::MAX_URL_LENGTH)]
    max_url_length: usize,
    /// Largest request body text(), json(), formData(), arrayBuffer() and blob() read, in
    /// MiB (413 beyond it); request.body as a stream has no limit.
    #[arg(long, default_value_t = (ferroute_runtime::DEFAULT_MAX_BODY_SIZE >> 20) as f64)]
    max_body_mb: f64,
    /// Time limit of a request, in seconds, for routes without `maxDuration` (504 when it
    /// passes; default: none, as in Next.js).
    #[arg(long, value_name = "SECS")]
    request_timeout: Option<f64>,
    /// Time a client has to send a request body after its head, in seconds (408 beyond it,
    /// as Node's requestTimeout).
    #[arg(long, value_name = "SECS", default_value_t = ConnectionLimits::BODY_TIMEOUT_SECS)]
    body_timeout: u64,
    /// Time in-flight requests get to finish after SIGTERM or SIGINT, in seconds.
    #[arg(long, value_name = "SECS", default_value_t = 8)]
    shutdown_timeout: u64,
    /// Keep cached responses and data in Redis, shared by every instance using the same
    /// server (redis://[[USER]:PASSWORD@]HOST:PORT[/DB]); default: files under
    /// .ferroute/cache.
    #[arg(long, env = "FERROUTE_CACHE_URL", value_name = "URL")]
    cache_url: Option<String>,
    /// Keep cached responses and data in memory, at most this many MiB (least recently used
    /// out first), instead of files under .ferroute/cache.
    #[arg(long, value_name = "MB", conflicts_with = "cache_url")]
    cache_max_mb: Option<usize>,
    #[command(flatten)]
    engine: EngineArg,
}

fn main() -> ExitCode {
    miette::set_hook(Box::new(|_| {
        Box::new(
            miette::MietteHandlerOpts::new()
                .terminal_links(false)
                .build(),
        )
    }))
    .ok();
    // A usage error is a user error (exit 1, as `next` exits); --help and --version exit 0.
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    match cli.command {
        Command::Build(args) => build(args),
        Command::Start(args) => start(args, false),
        Command::Dev(args) => start(args, true),
        Command::Info { dir } => {
            let _ = write!(std::io::stdout(), "{}", info::report(&dir));
            ExitCode::SUCCESS
        }
        Command::Routes { dir } => routes(&dir),
    }
}

/// The port from `-p/--port`, else `PORT`, else 3000; a value that is not a port is a
/// usage error naming where it came from (Next.js says the same of both).
fn port(arg: Option<&str>) -> Result<u16, String> {
    let env = std::env::var("PORT").ok().filter(|p| !p.is_empty());
    let (value, source) = match (arg, env.as_deref()) {
        (Some(p), _) => (p, "-p/--port"),
        (None, Some(p)) => (p, "the PORT environment variable"),
        (None, None) => return Ok(3000),
    };
    value.trim().parse::<u16>().map_err(|_| {
        format!(
            "error: invalid port '{value}' from {source}: use a number from 0 to 65535 (0 picks a free port)"
        )
    })
}

fn report(e: impl miette::Diagnostic + Send + Sync + 'static) -> ExitCode {
    let report = miette::Report::new(e);
    let _ = writeln!(std::io::stderr(), "{report:?}");
    ExitCode::from(1)
}

fn build(args: BuildArgs) -> ExitCode {
    let mut config = ServerConfig::new(args.dir);
    let (engine, note) = args.engine.resolve();
    config.engine = engine;
    if let Some(url) = args.cache_url.filter(|u| !u.is_empty()) {
        config.cache = CacheConfig::Redis(url);
    }
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "   ▲ ferroute {}", env!("CARGO_PKG_VERSION"));
    let _ = writeln!(out, "{}", engine_line(engine, note));
    let _ = writeln!(out, "\n   Creating a production build ...");
    let _ = out.flush();
    drop(out);
    let report = match ferroute_server::build::build(&config) {
        Ok(r) => r,
        Err(e) => {
            let _ = writeln!(
                std::io::stderr(),
                "\n> Build failed because of the error above\n"
            );
            return report(e);
        }
    };
    let mut out = std::io::stdout().lock();
    if !report.env_files.is_empty() {
        let _ = writeln!(out, "   - Environments: {}", report.env_files.join(", "));
    }
    let routes = &report.manifest.routes;
    let prerendered: usize = routes.iter().map(|r| r.paths.len()).sum();
    let _ = writeln!(
        out,
        " ✓ Compiled {} route(s) and prerendered {prerendered} path(s) in {}ms\n",
        routes.len(),
        report.elapsed.as_millis()
    );
    let _ = write!(out, "{}", report.manifest.route_table());
    ExitCode::SUCCESS
}

fn start(args: StartArgs, dev: bool) -> ExitCode {
    let mut config = ServerConfig::new(args.dir);
    config.dev = dev;
    let (engine, note) = args.engine.resolve();
    config.engine = engine;
    if dev {
        // One engine, as `next dev` is one process: module state is shared by every
        // request, and a reload builds one engine (`--workers` gives more).
        config.workers = 1;
    }
    config.port = match port(args.port.as_deref()) {
        Ok(p) => p,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "{e}");
            return ExitCode::from(1);
        }
    };
    config.hostname.clone_from(&args.hostname);
    if let Some(n) = args.workers {
        config.workers = n.max(1);
    }
    config.pin_workers = args.pin_workers.into();
    config.memory_limit = args.max_memory_mb.max(16) * 1024 * 1024;
    config.max_sync_run = Duration::from_millis(args.max_sync_ms.max(10));
    config.max_body_size = (args.max_body_mb.max(0.0) * 1024.0 * 1024.0) as usize;
    config.request_timeout = args
        .request_timeout
        .filter(|s| s.is_finite() && *s > 0.0)
        .map(Duration::from_secs_f64);
    config.cache = match (args.cache_url, args.cache_max_mb) {
        (Some(url), _) if !url.is_empty() => CacheConfig::Redis(url),
        (_, Some(mb)) => CacheConfig::Memory(mb.max(1) << 20),
        _ => CacheConfig::FileSystem,
    };
    config.limits = ConnectionLimits {
        headers_timeout: Duration::from_millis(args.headers_timeout.max(1)),
        keep_alive_timeout: Duration::from_millis(args.keep_alive_timeout.max(1)),
        max_connections: args
            .max_connections
            .unwrap_or_else(ferroute_server::default_max_connections)
            .max(1),
        max_header_size: args.max_header_size,
        max_headers: args.max_headers.max(1),
        max_url_length: args.max_url_length.max(1),
        body_timeout: Duration::from_secs(args.body_timeout.max(1)),
    };
    // Installed before the server starts, so a signal during start-up is not lost.
    let signals = match Signals::new() {
        Ok(s) => s,
        Err(e) => {
            let _ = writeln!(std::io::stderr(), "could not install signal handlers: {e}");
            return ExitCode::from(2);
        }
    };
    let server = match Server::start(config) {
        Ok(s) => s,
        Err(e) => return report(e),
    };
    let mut out = std::io::stdout().lock();
    let mode = if dev { " (dev)" } else { "" };
    let _ = writeln!(out, "   ▲ ferroute {}{mode}", env!("CARGO_PKG_VERSION"));
    let hostname = args.hostname.as_deref();
    let bound = server.local_addr().port();
    let _ = writeln!(
        out,
        "   - Local:        {}",
        banner::local_url(hostname, bound)
    );
    if let Some(url) = banner::network_url(hostname, bound) {
        let _ = writeln!(out, "   - Network:      {url}");
    }
    if !server.env_files().is_empty() {
        let _ = writeln!(out, "   - Environments: {}", server.env_files().join(", "));
    }
    let _ = writeln!(out, "{}", engine_line(engine, note));
    let _ = writeln!(out);
    if !dev && !server.serves_build() {
        let _ = writeln!(
            out,
            " ○ No build in .ferroute/: built in memory (ferroute build prerenders ahead, and start then serves its output)"
        );
    }
    let _ = writeln!(out, " ✓ Ready in {}ms", server.startup_time().as_millis());
    let _ = out.flush();
    drop(out);
    let mut signals = signals;
    let name = signals.next();
    let grace = Duration::from_secs(args.shutdown_timeout);
    let _ = writeln!(
        std::io::stdout(),
        " ▲ {name}: no longer accepting; finishing in-flight requests (up to {}s, send it again to stop now)",
        grace.as_secs()
    );
    server.shutdown(grace);
    std::thread::spawn(move || {
        let mut signals = signals;
        let again = signals.next();
        let _ = writeln!(std::io::stderr(), " ⨯ {again} again: exiting now");
        std::process::exit(if again == "SIGINT" { 130 } else { 143 });
    });
    let report = server.wait();
    let mut out = std::io::stdout().lock();
    if report.cut_connections == 0 && report.cut_requests == 0 {
        let _ = writeln!(out, " ✓ Stopped: every request finished");
    } else {
        let _ = writeln!(
            out,
            " ⚠ Stopped after {}s: cut {} connection(s) and {} running request(s)",
            grace.as_secs(),
            report.cut_connections,
            report.cut_requests
        );
    }
    ExitCode::SUCCESS
}

/// SIGTERM and SIGINT, caught from start-up on (so neither kills the process outright).
struct Signals {
    rt: tokio::runtime::Runtime,
    term: tokio::signal::unix::Signal,
    int: tokio::signal::unix::Signal,
}

impl Signals {
    fn new() -> std::io::Result<Self> {
        use tokio::signal::unix::{signal, SignalKind};
        let rt = tokio::runtime::Builder::new_current_thread()
            .enable_io()
            .build()?;
        let (term, int) = rt.block_on(async {
            Ok::<_, std::io::Error>((
                signal(SignalKind::terminate())?,
                signal(SignalKind::interrupt())?,
            ))
        })?;
        Ok(Self { rt, term, int })
    }

    /// Blocks until the next signal; its name.
    fn next(&mut self) -> &'static str {
        let (term, int) = (&mut self.term, &mut self.int);
        self.rt.block_on(async {
            tokio::select! {
                _ = term.recv() => "SIGTERM",
                _ = int.recv() => "SIGINT",
            }
        })
    }
}

fn routes(dir: &std::path::Path) -> ExitCode {
    let project = match Project::open(dir) {
        Ok(p) => p,
        Err(e) => return report(e),
    };
    let mut rows = Vec::new();
    for route in project.table.routes() {
        let file = project.root.join(&route.file);
        // Metadata routes (sitemap.ts, robots.txt, icon.png, …) answer GET (and HEAD).
        if route.kind != ferroute_router::RouteKind::Handler {
            rows.push((
                route.pattern.clone(),
                route.file.to_string_lossy().into_owned(),
                "GET".to_owned(),
            ));
            continue;
        }
        let methods = match std::fs::read_to_string(&file) {
            Ok(src) => match ferroute_compiler::analyze_route_exports(&file, &src) {
                Ok(exports) => {
                    let mut m = exports.methods.join(", ");
                    if exports.has_export_star {
                        m.push_str(if m.is_empty() {
                            "export *"
                        } else {
                            ", export *"
                        });
                    }
                    if m.is_empty() {
                        m = "(none)".into();
                    }
                    m
                }
                Err(e) => return report(e),
            },
            Err(e) => format!("(unreadable: {e})"),
        };
        rows.push((
            route.pattern.clone(),
            route.file.to_string_lossy().into_owned(),
            methods,
        ));
    }
    let w0 = rows.iter().map(|r| r.0.len()).max().unwrap_or(0).max(5);
    let w1 = rows.iter().map(|r| r.1.len()).max().unwrap_or(0).max(4);
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{:w0$}  {:w1$}  METHODS", "ROUTE", "FILE");
    for (p, f, m) in rows {
        let _ = writeln!(out, "{p:w0$}  {f:w1$}  {m}");
    }
    ExitCode::SUCCESS
}
