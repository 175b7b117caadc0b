//! `ferroute build`: what `next build` does for route handlers. Every route module is
//! compiled and loaded (a broken file, an invalid segment config or a route conflict stops
//! here with its diagnostic), each route is classified as Next.js classifies it (○ static,
//! ● static with `generateStaticParams`, ƒ dynamic), what is static is prerendered into the
//! cache store under a new build id, and `.ferroute/build.json` records the build.
//!
//! `ferroute start` reads that file: it serves the build's prerendered entries (and the ones
//! regenerated since) instead of generating them again. Without it, `start` builds in memory.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::Arc;
use std::time::{Duration, Instant};

use ferroute_runtime::{CompiledStore, Engine, EngineError};
use serde::{Deserialize, Serialize};

use crate::project::Project;
use crate::static_cache::{Prerendered, ResponseCache};
use crate::workers::{engine_config, ServerConfig, ServerError};

/// The file `ferroute build` writes under the project's `.ferroute/`.
const MANIFEST: &str = "build.json";

/// How a route is served, as `next build` prints it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RouteClass {
    /// ○ prerendered as static content.
    Static,
    /// ● prerendered for the paths `generateStaticParams` lists.
    Ssg,
    /// ƒ run on every request.
    Dynamic,
}

/// One route of a build.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BuiltRoute {
    /// The URL pattern (`/blog/[slug]`).
    pub pattern: String,
    /// How it is served.
    pub class: RouteClass,
    /// Seconds after which its entries are stale; `None`: never (or dynamic).
    pub revalidate: Option<u64>,
    /// The paths prerendered (for ● routes; the pattern itself for ○).
    pub paths: Vec<String>,
}

/// `.ferroute/build.json`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Manifest {
    /// Names this build's entries in the cache store.
    pub build_id: String,
    /// The ferroute version that built it.
    pub ferroute: String,
    /// The draft-mode secret, and the `x-prerender-revalidate` value that regenerates a
    /// cached response on demand (Next's `previewModeId`): every instance serving the build
    /// shares it.
    pub preview_mode_id: String,
    /// Every route, in the route table's order.
    pub routes: Vec<BuiltRoute>,
    /// The project has a middleware (its file, as shown: `middleware.ts`).
    #[serde(default)]
    pub middleware: Option<String>,
}

impl Manifest {
    /// The build of the project at `root`, if `ferroute build` made one with this version of
    /// ferroute (the output of another version is built again).
    pub fn read(root: &Path) -> Option<Self> {
        let text = std::fs::read_to_string(manifest_path(root)).ok()?;
        let manifest: Self = serde_json::from_str(&text).ok()?;
        (manifest.ferroute == env!("CARGO_PKG_VERSION")).then_some(manifest)
    }

    fn write(&self, root: &Path) -> std::io::Result<()> {
        let path = manifest_path(root);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let tmp = path.with_extension("json.tmp");
        let text = serde_json::to_string_pretty(self).map_err(std::io::Error::other)?;
        std::fs::write(&tmp, text)?;
        std::fs::rename(&tmp, &path)
    }

    /// The route table as `next build` prints it (without its JavaScript sizes: route
    /// handlers send none to browsers).
    pub fn route_table(&self) -> String {
        let mut rows: Vec<(String, String, String)> = Vec::new();
        for route in &self.routes {
            let mark = match route.class {
                RouteClass::Static => '○',
                RouteClass::Ssg => '●',
                RouteClass::Dynamic => 'ƒ',
            };
            let (revalidate, expire) = match (route.class, route.revalidate) {
                (RouteClass::Dynamic, _) | (_, None) => (String::new(), String::new()),
                (_, Some(secs)) => (human_time(secs), human_time(31_536_000)),
            };
            // As next build: a ● route's columns are on it and on each of its paths.
            if route.class == RouteClass::Ssg {
                rows.push((
                    format!("{mark} {}", route.pattern),
                    revalidate.clone(),
                    expire.clone(),
                ));
                let n = route.paths.len();
                for (i, path) in route.paths.iter().enumerate() {
                    let branch = if i + 1 == n { '└' } else { '├' };
                    rows.push((
                        format!("  {branch} {path}"),
                        revalidate.clone(),
                        expire.clone(),
                    ));
                }
            } else {
                rows.push((format!("{mark} {}", route.pattern), revalidate, expire));
            }
        }
        let width = rows
            .iter()
            .map(|(r, _, _)| r.chars().count())
            .max()
            .unwrap_or(0)
            .max("Route (app)".len());
        let mut out = String::new();
        let _ = writeln!(
            out,
            "Route (app){}  Revalidate  Expire",
            " ".repeat(width + 2 - 11)
        );
        let n = rows.len();
        for (i, (route, revalidate, expire)) in rows.iter().enumerate() {
            let tree = match (i, n) {
                (_, 1) => '─',
                (0, _) => '┌',
                (i, n) if i + 1 == n => '└',
                _ => '├',
            };
            let pad = " ".repeat(width - route.chars().count());
            let line = format!("{tree} {route}{pad}  {revalidate:>10}  {expire:>6}");
            let _ = writeln!(out, "{}", line.trim_end());
        }
        out.push('\n');
        if self.middleware.is_some() {
            out.push_str("ƒ Middleware\n\n");
        }
        let used = |class| self.routes.iter().any(|r| r.class == class);
        if used(RouteClass::Static) {
            out.push_str("○  (Static)   prerendered as static content\n");
        }
        if used(RouteClass::Ssg) {
            out.push_str("●  (SSG)      prerendered for the paths generateStaticParams lists\n");
        }
        if used(RouteClass::Dynamic) {
            out.push_str("ƒ  (Dynamic)  server-rendered on demand\n");
        }
        out
    }
}

fn manifest_path(root: &Path) -> PathBuf {
    root.join(".ferroute").join(MANIFEST)
}

/// Where a build keeps its compiled files.
pub(crate) fn compiled_dir(root: &Path) -> PathBuf {
    root.join(".ferroute").join("server")
}

/// A new build id (random: two builds of the same files are two builds).
pub(crate) fn new_build_id() -> String {
    let mut id = ferroute_runtime::random_hex_id();
    id.truncate(16);
    id
}

/// The build id of a project started without `ferroute build`: the same while its files are
/// the same (their paths, sizes and modification times, `node_modules` and dot folders
/// skipped; the lockfiles included), so that a restart serves what the last run cached, and
/// different after an edit, so that it never serves a response of other code.
pub(crate) fn source_build_id(root: &Path) -> String {
    use std::hash::{Hash, Hasher};
    /// Bounds the walk of a huge folder (the id then covers the first files found).
    const MAX_FILES: usize = 50_000;
    let mut h = std::collections::hash_map::DefaultHasher::new();
    env!("CARGO_PKG_VERSION").hash(&mut h);
    let mut stack = vec![root.to_path_buf()];
    let mut seen = 0;
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
        entries.sort_by_key(std::fs::DirEntry::file_name);
        for entry in entries {
            let name = entry.file_name();
            let Ok(meta) = entry.metadata() else { continue };
            if meta.is_dir() {
                let skip = name == "node_modules" || name.to_string_lossy().starts_with('.');
                if !skip {
                    stack.push(entry.path());
                }
                continue;
            }
            seen += 1;
            if seen > MAX_FILES {
                return format!("src-{:016x}", h.finish());
            }
            entry
                .path()
                .strip_prefix(root)
                .unwrap_or(&entry.path())
                .hash(&mut h);
            meta.len().hash(&mut h);
            if let Ok(t) = meta.modified() {
                t.hash(&mut h);
            }
        }
    }
    format!("src-{:016x}", h.finish())
}

/// Seconds as `next build` shows them: the largest unit that fits (`1h`, `1y`, `90s`).
fn human_time(secs: u64) -> String {
    const UNITS: [(char, u64); 6] = [
        ('y', 31_536_000),
        ('w', 604_800),
        ('d', 86_400),
        ('h', 3_600),
        ('m', 60),
        ('s', 1),
    ];
    let i = UNITS
        .iter()
        .position(|(_, s)| secs >= *s)
        .unwrap_or(UNITS.len() - 1);
    let (label, unit) = UNITS[i];
    if secs.is_multiple_of(unit) {
        return format!("{}{label}", secs / unit);
    }
    if matches!(label, 'd' | 'w') {
        let (next, unit) = UNITS[i + 1];
        if secs.is_multiple_of(unit) {
            return format!("{}{next}", secs / unit);
        }
    }
    format!("≈{}{label}", (secs as f64 / unit as f64).round())
}

/// Reads the segment config of every route module as `next build` does (statically: the
/// values must be literals Next.js accepts), so that a wrong one stops the build or the start
/// with its file and line instead of being ignored. A file that does not parse is left to the
/// engine, which reports it with its import chain.
pub(crate) fn check_segment_config(project: &Project) -> Result<(), ServerError> {
    let mut errors = Vec::new();
    for route in project.table.routes() {
        if route.kind == ferroute_router::RouteKind::MetadataFile {
            continue;
        }
        let path = project.root.join(&route.file);
        let Ok(source) = std::fs::read_to_string(&path) else {
            continue;
        };
        if let Err(e @ ferroute_compiler::CompileError::SegmentConfig(_)) =
            ferroute_compiler::analyze_route_exports(&path, &source)
        {
            errors.push(e.with_root(&project.root));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(ServerError::SegmentConfig { errors })
    }
}

/// What [`build`] did.
#[derive(Debug)]
pub struct BuildReport {
    /// The manifest written.
    pub manifest: Manifest,
    /// The `.env*` files read.
    pub env_files: Vec<String>,
    /// How long it took.
    pub elapsed: Duration,
}

/// Builds the project of `config` (see the module docs), writing `.ferroute/build.json`.
///
/// # Errors
/// As [`crate::Server::start`] for a project that cannot load; [`ServerError::Prerender`]
/// when a static route fails while prerendered; [`ServerError::Output`] when the output
/// cannot be written.
pub fn build(config: &ServerConfig) -> Result<BuildReport, ServerError> {
    use crate::middleware::Middleware;
    let t0 = Instant::now();
    let project = Project::open(&config.root)?;
    check_segment_config(&project)?;
    let origin = "http://localhost:3000".to_owned();
    let middleware = Middleware::find(&project.root, &project.app_dir, origin, 3000);
    let (mut engine_config, env_files, next) = engine_config(
        config,
        &project,
        "http://localhost:3000".into(),
        3000,
        crate::next_config::Phase::ProductionBuild,
    )?;
    // What the compiler makes of every file is kept for `start` (a fresh folder per build).
    let compiled = compiled_dir(&project.root);
    let _ = std::fs::remove_dir_all(&compiled);
    engine_config.compiled = CompiledStore::Write(compiled);
    let store = engine_config.store.clone();
    let preview_mode_id = engine_config.preview_mode_id.clone();
    let engine_config = Arc::new(engine_config);
    let modules = project.modules();
    let patterns: Vec<String> = project
        .table
        .routes()
        .iter()
        .map(|r| r.pattern.clone())
        .collect();
    let build_id = new_build_id();
    let cache = Arc::new(ResponseCache::new(
        store,
        build_id.clone(),
        preview_mode_id.clone(),
    ));

    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| ServerError::Engine(EngineError::Init(e.to_string())))?;
    let local = tokio::task::LocalSet::new();
    let prerendered: Vec<Prerendered> = local.block_on(&rt, async {
        // Never freed, as in worker_main: QuickJS asserts at teardown that nothing references
        // its objects any more, which a failed module load or handler may still do.
        let engine = std::mem::ManuallyDrop::new(Rc::new(
            Engine::new(engine_config)
                .await
                .map_err(ServerError::Engine)?,
        ));
        engine
            .load_routes(&modules)
            .await
            .map_err(|errors| ServerError::Load { errors })?;
        // The middleware is checked (and compiled for `start`) as `next build` does.
        if let Some(mw) = &middleware {
            mw.load(&engine, &next).await?;
        }
        cache
            .prerender(&engine, &patterns, true)
            .await
            .map_err(|route| ServerError::Prerender { route })
    })?;

    let routes = patterns
        .iter()
        .enumerate()
        .map(
            |(index, pattern)| match prerendered.iter().find(|p| p.index == index) {
                Some(p) => BuiltRoute {
                    pattern: pattern.clone(),
                    class: if pattern.contains('[') && !p.paths.is_empty() {
                        RouteClass::Ssg
                    } else {
                        RouteClass::Static
                    },
                    revalidate: p.revalidate,
                    paths: p.paths.clone(),
                },
                None => BuiltRoute {
                    pattern: pattern.clone(),
                    class: RouteClass::Dynamic,
                    revalidate: None,
                    paths: Vec::new(),
                },
            },
        )
        .collect();
    let manifest = Manifest {
        build_id,
        ferroute: env!("CARGO_PKG_VERSION").to_owned(),
        preview_mode_id,
        routes,
        middleware: middleware.map(|mw| mw.display),
    };
    manifest
        .write(&project.root)
        .map_err(|source| ServerError::Output {
            path: manifest_path(&project.root),
            source,
        })?;
    Ok(BuildReport {
        manifest,
        env_files,
        elapsed: t0.elapsed(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_read_as_next_build_prints_them() {
        assert_eq!(human_time(3600), "1h");
        assert_eq!(human_time(31_536_000), "1y");
        assert_eq!(human_time(60), "1m");
        assert_eq!(human_time(10), "10s");
        assert_eq!(human_time(90), "≈2m");
        assert_eq!(human_time(2 * 86_400 + 3_600), "49h");
    }
}
