//! The watcher of `ferroute dev`: file-system events (the `notify` crate: inotify, FSEvents,
//! kqueue behind one API) over the project, batched until the writes stop for a moment,
//! become a new [`Generation`] (`Builder::build`), which the workers swap in. The watcher
//! thread also prints what a generation brought: route warnings, the dev-only export
//! diagnostics and the modules that failed to load, each once while it lasts.

use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

use ferroute_cache::CacheStore;
use ferroute_router::RouteKind;
use ferroute_runtime::{EngineConfig, ModuleCache};
use notify::Watcher as _;

use crate::dev::{Generation, Loaded};
use crate::next_config::{NextConfig, Phase};
use crate::project::Project;
use crate::service::Site;
use crate::workers::ServerConfig;

#[cfg(test)]
mod tests;

/// A batch of changes ends when no event came for this long (an editor's save is often
/// several events: write, rename, attributes).
const QUIET: Duration = Duration::from_millis(5);
/// A batch never waits longer than this after its first event.
const MAX_BATCH: Duration = Duration::from_millis(50);

/// What the watcher thread hears about.
#[derive(Debug)]
pub(crate) enum Event {
    /// Paths created, written, renamed or removed; false when only their contents or
    /// attributes changed (no file appeared, went or moved).
    Fs(Vec<PathBuf>, bool),
    /// Worker 0 swapped a generation in.
    Loaded(Loaded),
}

/// Folders never watched: dependencies, version control and our own output.
fn ignored(name: &str) -> bool {
    name == "node_modules" || name.starts_with('.')
}

/// Whether a change to `path` (under the top folder `top`) can change what is served:
/// modules and JSON anywhere, any file of `app/`, `src/` and `public/` (metadata and public
/// files), folders, and paths that are gone (a removed folder). A log file written into the
/// project (`ferroute dev > out.log`) is not, or each reload would cause the next.
fn relevant(top: &str, path: &Path) -> bool {
    const MODULES: &[&str] = &["ts", "tsx", "js", "jsx", "mjs", "cjs", "mts", "cts", "json"];
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    matches!(top, "app" | "src" | "public")
        || ext.as_deref().is_some_and(|e| MODULES.contains(&e))
        || path.is_dir()
        || (ext.is_none() && !path.exists())
}

/// The file-system watch: the project folder itself (its config and `.env` files), and
/// each folder in it recursively, but not `node_modules`, `.git`, `.ferroute`, `.next`.
pub(crate) struct Watcher {
    inner: Option<notify::RecommendedWatcher>,
}

impl Watcher {
    pub(crate) fn new(root: &Path, tx: mpsc::Sender<Event>) -> Self {
        let handler = move |res: notify::Result<notify::Event>| {
            let Ok(event) = res else { return };
            // Reads (ours included) are no changes.
            if matches!(event.kind, notify::EventKind::Access(_)) || event.paths.is_empty() {
                return;
            }
            let structural = !matches!(
                event.kind,
                notify::EventKind::Modify(
                    notify::event::ModifyKind::Data(_) | notify::event::ModifyKind::Metadata(_)
                )
            );
            let _ = tx.send(Event::Fs(event.paths, structural));
        };
        let mut watcher = Self {
            inner: match notify::recommended_watcher(handler) {
                Ok(w) => Some(w),
                Err(e) => {
                    ferroute_runtime::log_warning(&format!(
                        "cannot watch the project's files ({e}): changes need a restart"
                    ));
                    None
                }
            },
        };
        watcher.watch(root, notify::RecursiveMode::NonRecursive);
        if let Ok(entries) = std::fs::read_dir(root) {
            for entry in entries.flatten() {
                let path = entry.path();
                let name = entry.file_name();
                if path.is_dir() && !ignored(&name.to_string_lossy()) {
                    watcher.watch(&path, notify::RecursiveMode::Recursive);
                }
            }
        }
        watcher
    }

    fn watch(&mut self, path: &Path, mode: notify::RecursiveMode) {
        if let Some(w) = &mut self.inner {
            if let Err(e) = w.watch(path, mode) {
                ferroute_runtime::log_warning(&format!(
                    "cannot watch {} ({e}): its changes need a restart",
                    path.display()
                ));
            }
        }
    }
}

/// What changed in one batch of events.
#[derive(Debug, Default)]
pub(crate) struct Changes {
    env: bool,
    config: bool,
    /// `tsconfig.json`, `jsconfig.json` or a `package.json`: resolution may differ anywhere.
    resolution: bool,
    /// A file appeared, went or moved (or a sitemap changed, which may change its URLs):
    /// the route table, `public/` and resolution are made again; else they are reused.
    structural: bool,
    files: Vec<PathBuf>,
}

impl Changes {
    fn add(&mut self, root: &Path, paths: Vec<PathBuf>, structural: bool, watcher: &mut Watcher) {
        for path in paths {
            let Ok(rel) = path.strip_prefix(root) else {
                continue;
            };
            let mut parts = rel.components().map(|c| c.as_os_str().to_string_lossy());
            let Some(top) = parts.next() else { continue };
            let nested = parts.any(|p| p == "node_modules");
            if (rel.components().count() > 1 && ignored(&top)) || top == "node_modules" || nested {
                continue;
            }
            if rel.components().count() == 1 && path.is_dir() && !ignored(&top) {
                // A new folder beside app/ (lib/, src/): watch it too.
                watcher.watch(&path, notify::RecursiveMode::Recursive);
            }
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            if name.starts_with(".env") {
                self.env = true;
            } else if name.starts_with("next.config.") {
                self.config = true;
            } else if matches!(
                name.as_str(),
                "tsconfig.json" | "jsconfig.json" | "package.json"
            ) {
                self.resolution = true;
            } else if ignored(&top) || !relevant(&top, &path) {
                // .ferroute, .git, .next themselves; logs, notes, editors' swap files.
                continue;
            }
            self.structural |= structural || name.starts_with("sitemap.");
            self.files.push(path);
        }
    }

    fn is_empty(&self) -> bool {
        !self.env && !self.config && !self.resolution && self.files.is_empty()
    }
}

/// Makes generations: keeps what a change does not touch (the compiled files, the `.env`
/// variables, `next.config`) and redoes the rest.
pub(crate) struct Builder {
    config: ServerConfig,
    root: PathBuf,
    origin: String,
    /// What the middleware's URLs resolve against (`crate::workers::middleware_origin`).
    middleware_origin: String,
    port: u16,
    store: Arc<CacheStore>,
    /// Compiled files, shared by every generation's engines.
    modules: Option<Arc<ModuleCache>>,
    preview_mode_id: String,
    env: Vec<(String, String)>,
    env_files: Vec<String>,
    next: Result<Arc<NextConfig>, (Arc<str>, String)>,
    /// The last generation that served the project, whose route table, `public/` and
    /// resolver a change of file contents alone reuses.
    previous: Option<Arc<Generation>>,
    /// The page-beside-route warnings of the last scan.
    route_warnings: Vec<String>,
    last: u64,
    /// Route files' export diagnostics, by file, with the hash of the source they are for.
    exports: HashMap<PathBuf, (u64, Vec<String>)>,
    /// Messages of generations not loaded yet, printed with their load errors.
    pending: Vec<(u64, Vec<String>)>,
    /// Messages printed and still true (printed again only after they were fixed once).
    shown: HashSet<String>,
}

impl Builder {
    pub(crate) fn new(
        config: ServerConfig,
        root: PathBuf,
        origin: String,
        port: u16,
        store: Arc<CacheStore>,
    ) -> Self {
        Self {
            middleware_origin: crate::workers::middleware_origin(&config, port),
            config,
            root,
            origin,
            port,
            store,
            modules: None,
            preview_mode_id: ferroute_runtime::random_hex_id(),
            env: Vec::new(),
            env_files: Vec::new(),
            next: Ok(Arc::default()),
            previous: None,
            route_warnings: Vec::new(),
            last: 0,
            exports: HashMap::new(),
            pending: Vec::new(),
            shown: HashSet::new(),
        }
    }

    /// The `.env` files read (for the banner).
    pub(crate) fn env_files(&self) -> &[String] {
        &self.env_files
    }

    /// The first generation.
    pub(crate) fn first(&mut self) -> Arc<Generation> {
        let all = Changes {
            env: true,
            config: true,
            resolution: true,
            structural: true,
            files: Vec::new(),
        };
        self.build(&all, Instant::now())
    }

    fn load_env(&mut self) {
        let mode = crate::dotenv::env_mode(true);
        (self.env, self.env_files) = crate::load_env_files(&self.root, mode);
    }

    fn load_next(&mut self) {
        self.next = match crate::next_config::load(&self.root, &self.env, Phase::DevelopmentServer)
        {
            Ok(next) => {
                for warning in &next.warnings {
                    ferroute_runtime::log_warning(warning);
                }
                Ok(Arc::new(next))
            }
            Err(e) => Err((crate::dev::plain(&e).into(), report(e))),
        };
    }

    /// The engine configuration for `project`, sharing the compiled files.
    fn engine_config(&mut self, project: &Project, next: &NextConfig) -> Arc<EngineConfig> {
        let mut config = crate::workers::runtime_config(
            &self.config,
            project,
            self.origin.clone(),
            self.port,
            self.env.clone(),
            next,
            self.store.clone(),
        );
        match &self.modules {
            Some(m) => config.cache = m.clone(),
            None => self.modules = Some(config.cache.clone()),
        }
        config.preview_mode_id.clone_from(&self.preview_mode_id);
        Arc::new(config)
    }

    /// The generation after `changes` (first seen at `seen`).
    pub(crate) fn build(&mut self, changes: &Changes, seen: Instant) -> Arc<Generation> {
        if let Some(m) = &self.modules {
            if changes.resolution {
                m.clear();
            } else {
                for file in &changes.files {
                    m.forget(file);
                }
            }
        }
        if changes.env {
            self.load_env();
        }
        if changes.env || changes.config {
            self.load_next();
        }
        self.last += 1;
        let id = self.last;
        let mut messages = Vec::new();
        let reuse = match &self.previous {
            Some(p) if !changes.structural && !changes.resolution => Some(p.clone()),
            _ => None,
        };
        let opened = match &reuse {
            Some(p) => Ok((
                Project {
                    root: self.root.clone(),
                    table: p.site.table.clone(),
                    public: p.site.public.clone(),
                    app_dir: p.app_dir.clone(),
                },
                Vec::new(),
            )),
            None => Project::open_for(&self.root, true),
        };

        let generation = match (self.next.clone(), opened) {
            (Ok(next), Ok((project, warnings))) => {
                if reuse.is_none() {
                    self.route_warnings = warnings
                        .iter()
                        .map(|w| format!(
                            " ⚠ {w}\n   in development the route handler serves the URL; ferroute build refuses the pair"
                        ))
                        .collect();
                }
                messages.extend(self.route_warnings.iter().cloned());
                messages.extend(self.export_messages(&project));
                let mut config = self.engine_config(&project, &next);
                if let Some(p) = &reuse {
                    // No file appeared or went: every import resolves as before.
                    if let Some(c) = Arc::get_mut(&mut config) {
                        c.resolver = p.config.resolver.clone();
                    }
                }
                Generation {
                    id,
                    seen,
                    config,
                    modules: Arc::new(project.modules()),
                    app_dir: project.app_dir.clone(),
                    site: Site {
                        table: project.table.clone(),
                        public: project.public.clone(),
                        failed: None,
                        middleware: crate::middleware::Middleware::find(
                            &project.root,
                            &project.app_dir,
                            self.middleware_origin.clone(),
                            self.port,
                        )
                        .map(|m| Arc::new(m.configured(&next))),
                        next,
                    },
                    broken: None,
                }
            }
            (next, opened) => {
                let (text, printed) = match (next, opened) {
                    (Err(e), _) => e,
                    (_, Err(e)) => (crate::dev::plain(&e).into(), report(e)),
                    (Ok(_), Ok(_)) => unreachable!("handled above"),
                };
                messages.push(printed);
                let empty = crate::dev::empty_site(Arc::default());
                let project = Project {
                    root: self.root.clone(),
                    table: empty.table.clone(),
                    public: empty.public.clone(),
                    app_dir: self.root.join("app"),
                };
                let config = self.engine_config(&project, &NextConfig::default());
                Generation {
                    id,
                    seen,
                    config,
                    modules: Arc::new(Vec::new()),
                    app_dir: self.root.join("app"),
                    site: empty,
                    broken: Some(text),
                }
            }
        };
        self.pending.push((id, messages));
        let generation = Arc::new(generation);
        self.previous = generation.broken.is_none().then(|| generation.clone());
        generation
    }

    /// The dev-only diagnostics of route files that export lowercase methods, a default
    /// export, or no method (as `next dev` logs them when it compiles the route).
    fn export_messages(&mut self, project: &Project) -> Vec<String> {
        let mut out = Vec::new();
        let mut seen = HashMap::new();
        for route in project.table.routes() {
            if route.kind != RouteKind::Handler {
                continue;
            }
            let path = project.root.join(&route.file);
            let Ok(source) = std::fs::read_to_string(&path) else {
                continue;
            };
            let mut h = std::collections::hash_map::DefaultHasher::new();
            source.hash(&mut h);
            let hash = h.finish();
            let messages = match self.exports.remove(&path) {
                Some((old, messages)) if old == hash => messages,
                _ => export_diagnostics(&path, &source),
            };
            out.extend(messages.iter().cloned());
            seen.insert(path, (hash, messages));
        }
        self.exports = seen;
        out
    }

    /// Prints what generation `loaded` brought, and the reload line.
    fn loaded(&mut self, loaded: Loaded) {
        let mut messages = Vec::new();
        for (id, m) in std::mem::take(&mut self.pending) {
            if id == loaded.id {
                messages = m;
            } else if id > loaded.id {
                self.pending.push((id, m));
            }
        }
        messages.extend(loaded.errors.into_iter().map(report));
        let mut err = std::io::stderr().lock();
        for m in &messages {
            if !self.shown.contains(m) {
                let _ = writeln!(err, "{m}");
            }
        }
        drop(err);
        self.shown = messages.into_iter().collect();
        if loaded.id > 1 {
            let _ = writeln!(
                std::io::stdout(),
                " ✓ Reloaded in {}ms",
                loaded.elapsed.as_millis()
            );
        }
    }
}

/// A diagnostic as the terminal shows it (the CLI's miette handler).
fn report(e: impl miette::Diagnostic + Send + Sync + 'static) -> String {
    format!("{:?}", miette::Report::new(e))
}

fn export_diagnostics(path: &Path, source: &str) -> Vec<String> {
    let Ok(exports) = ferroute_compiler::analyze_route_exports(path, source) else {
        // A file that does not parse fails to load, which says so.
        return Vec::new();
    };
    let file = path.display();
    let mut out = Vec::new();
    for m in &exports.lowercase_methods {
        out.push(format!(
            " ⨯ Detected lowercase method '{m}' in '{file}'. Export the uppercase '{}' method name to fix this error.",
            m.to_uppercase()
        ));
    }
    if exports.has_default {
        out.push(format!(
            " ⨯ Detected default export in '{file}'. Export a named export for each HTTP method instead."
        ));
    }
    if exports.methods.is_empty() && !exports.has_export_star {
        out.push(format!(
            " ⨯ No HTTP methods exported in '{file}'. Export a named export for each HTTP method."
        ));
    }
    out
}

/// The watcher thread: batches events into changes, makes generations and hands them to
/// the workers; prints what each generation brought once worker 0 loaded it. Ends when
/// the workers are gone.
pub(crate) fn run(
    mut builder: Builder,
    mut watcher: Watcher,
    events: mpsc::Receiver<Event>,
    generations: &tokio::sync::watch::Sender<Arc<Generation>>,
) {
    while let Ok(event) = events.recv() {
        let (paths, structural) = match event {
            Event::Loaded(l) => {
                builder.loaded(l);
                continue;
            }
            Event::Fs(paths, structural) => (paths, structural),
        };
        let seen = Instant::now();
        let mut changes = Changes::default();
        changes.add(&builder.root, paths, structural, &mut watcher);
        let mut loaded = Vec::new();
        loop {
            let left = MAX_BATCH.saturating_sub(seen.elapsed());
            if left.is_zero() {
                break;
            }
            match events.recv_timeout(QUIET.min(left)) {
                Ok(Event::Fs(paths, structural)) => {
                    changes.add(&builder.root, paths, structural, &mut watcher);
                }
                Ok(Event::Loaded(l)) => loaded.push(l),
                Err(mpsc::RecvTimeoutError::Timeout) => break,
                Err(mpsc::RecvTimeoutError::Disconnected) => return,
            }
        }
        for l in loaded {
            builder.loaded(l);
        }
        if changes.is_empty() {
            continue;
        }
        if generations.send(builder.build(&changes, seen)).is_err() {
            return;
        }
    }
}
