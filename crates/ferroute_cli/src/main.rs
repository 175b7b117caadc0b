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

/// QuickJS allocates many small objects per request; mimalloc serves them far faster than
/// glibc malloc (the engine allocates through Rust's global allocator).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
use ferroute_server::{Project, Server, ServerConfig};

/// Run Next.js App Router route handlers on a native server.
#[derive(Debug, Parser)]
#[command(name = "ferroute", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the project's route handlers (like `next start`).
    Start(StartArgs),
    /// Print the route table: URL pattern, file and exported methods.
    Routes {
        /// The project folder (holding app/ or src/app/).
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
}

#[derive(Debug, clap::Args)]
struct StartArgs {
    /// The project folder (holding app/ or src/app/).
    #[arg(default_value = ".")]
    dir: PathBuf,
    /// Port to listen on.
    #[arg(short, long, env = "PORT", default_value_t = 3000)]
    port: u16,
    /// Hostname or IP address to bind (default: all interfaces, shown as localhost).
    #[arg(short = 'H', long)]
    hostname: Option<String>,
    /// Worker threads, each with its own JavaScript engine (default: one per core).
    #[arg(long)]
    workers: Option<usize>,
    /// Heap limit per worker engine, in MiB.
    #[arg(long, default_value_t = 512)]
    max_memory_mb: usize,
    /// Longest synchronous run of a handler before it is interrupted, in milliseconds.
    #[arg(long, default_value_t = 10_000)]
    max_sync_ms: u64,
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
    let cli = Cli::parse();
    match cli.command {
        Command::Start(args) => start(args),
        Command::Routes { dir } => routes(&dir),
    }
}

fn report(e: impl miette::Diagnostic + Send + Sync + 'static) -> ExitCode {
    let report = miette::Report::new(e);
    let _ = writeln!(std::io::stderr(), "{report:?}");
    ExitCode::from(1)
}

fn start(args: StartArgs) -> ExitCode {
    let mut config = ServerConfig::new(args.dir);
    config.port = args.port;
    config.hostname = args.hostname;
    if let Some(n) = args.workers {
        config.workers = n.max(1);
    }
    config.memory_limit = args.max_memory_mb.max(16) * 1024 * 1024;
    config.max_sync_run = Duration::from_millis(args.max_sync_ms.max(10));
    let server = match Server::start(config) {
        Ok(s) => s,
        Err(e) => return report(e),
    };
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "   ▲ ferroute {}", env!("CARGO_PKG_VERSION"));
    let _ = writeln!(out, "   - Local:        {}", server.origin());
    if !server.env_files().is_empty() {
        let _ = writeln!(out, "   - Environments: {}", server.env_files().join(", "));
    }
    let _ = writeln!(out);
    let _ = writeln!(out, " ✓ Ready in {}ms", server.startup_time().as_millis());
    let _ = out.flush();
    drop(out);
    server.wait();
    ExitCode::SUCCESS
}

fn routes(dir: &std::path::Path) -> ExitCode {
    let project = match Project::open(dir) {
        Ok(p) => p,
        Err(e) => return report(e),
    };
    let mut rows = Vec::new();
    for route in project.table.routes() {
        let file = project.root.join(&route.file);
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
        let methods = if matches!(route.kind, ferroute_router::RouteKind::Handler) {
            methods
        } else {
            "GET".into()
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
