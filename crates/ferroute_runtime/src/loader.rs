//! Module resolution and loading for one engine: the user's files (compiled by
//! `ferroute_compiler`, cached process-wide so every worker compiles a file once),
//! `next/*` and our own JavaScript built-ins, and the Node modules we support.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use ferroute_compiler::{CompileOptions, ProjectResolver};
use rquickjs::loader::{Loader, Resolver};
use rquickjs::module::Declared;
use rquickjs::{Ctx, Error, Module, Object};

/// A compiled user file, shared by all workers.
pub(crate) struct CompiledFile {
    pub(crate) code: String,
    pub(crate) source_map: Option<ferroute_compiler::SourceMap>,
}

/// Compiled files by absolute path, shared across workers.
#[derive(Default)]
pub struct ModuleCache {
    files: Mutex<HashMap<PathBuf, Arc<CompiledFile>>>,
}

impl std::fmt::Debug for ModuleCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ModuleCache").finish_non_exhaustive()
    }
}

impl ModuleCache {
    pub(crate) fn get(&self, path: &Path) -> Option<Arc<CompiledFile>> {
        self.files.lock().ok()?.get(path).cloned()
    }

    pub(crate) fn snapshot(&self) -> Vec<(PathBuf, Arc<CompiledFile>)> {
        self.files
            .lock()
            .map(|m| m.iter().map(|(p, f)| (p.clone(), f.clone())).collect())
            .unwrap_or_default()
    }

    fn insert(&self, path: PathBuf, file: Arc<CompiledFile>) {
        if let Ok(mut m) = self.files.lock() {
            m.insert(path, file);
        }
    }

    /// Forgets every compiled file (dev mode, after a change on disk).
    pub fn clear(&self) {
        if let Ok(mut m) = self.files.lock() {
            m.clear();
        }
    }
}

/// Node modules handlers may import, with or without the `node:` prefix. Everything else
/// in Node's list (fs, child_process, net, ...) is refused with a clear error.
const NODE_MODULES: &[&str] = &[
    "buffer",
    "events",
    "crypto",
    "path",
    "url",
    "util",
    "string_decoder",
    "perf_hooks",
    "process",
    "stream/web",
    "console",
    "timers",
    "timers/promises",
    "async_hooks",
];

const NODE_REFUSED: &[&str] = &[
    "assert",
    "child_process",
    "cluster",
    "dgram",
    "diagnostics_channel",
    "dns",
    "fs",
    "fs/promises",
    "http",
    "http2",
    "https",
    "inspector",
    "module",
    "net",
    "os",
    "readline",
    "repl",
    "stream",
    "tls",
    "tty",
    "v8",
    "vm",
    "worker_threads",
    "zlib",
];

/// Modules implemented in our JavaScript (`internal.modules[name]`).
const JS_BUILTINS: &[&str] = &[
    "next/server",
    "next/headers",
    "next/navigation",
    "next/cache",
    "next/dist/client/components/navigation",
];

thread_local! {
    /// The last compile or resolve diagnostic, so the caller can show it as the user's
    /// error rather than as the engine's one-line message.
    pub(crate) static LAST_DIAGNOSTIC: RefCell<Option<miette::Report>> = const { RefCell::new(None) };
}

pub(crate) fn take_diagnostic() -> Option<miette::Report> {
    LAST_DIAGNOSTIC.with(|d| d.borrow_mut().take())
}

pub(crate) struct ProjectLoader {
    pub(crate) resolver: Arc<ProjectResolver>,
    pub(crate) cache: Arc<ModuleCache>,
    pub(crate) root: PathBuf,
    pub(crate) options: CompileOptions,
}

fn node_name(name: &str) -> Option<&str> {
    let bare = name.strip_prefix("node:").unwrap_or(name);
    NODE_MODULES.iter().copied().find(|m| *m == bare)
}

impl Resolver for ProjectLoader {
    fn resolve(&mut self, _ctx: &Ctx<'_>, base: &str, name: &str) -> rquickjs::Result<String> {
        if JS_BUILTINS.contains(&name) {
            return Ok(name.to_owned());
        }
        if let Some(m) = node_name(name) {
            return Ok(format!("node:{m}"));
        }
        let bare = name.strip_prefix("node:").unwrap_or(name);
        if NODE_REFUSED.contains(&bare) || name.starts_with("node:") {
            return Err(Error::new_resolving_message(
                base,
                name,
                format!(
                    "the Node.js module '{bare}' is not available in ferroute (see docs/compat.md)"
                ),
            ));
        }
        let importer = if Path::new(base).is_absolute() {
            PathBuf::from(base)
        } else {
            self.root.join("__entry__.js")
        };
        match self.resolver.resolve(&importer, name) {
            Ok(path) => Ok(path.to_string_lossy().into_owned()),
            Err(e) => {
                let msg = e.to_string();
                LAST_DIAGNOSTIC.with(|d| *d.borrow_mut() = Some(miette::Report::new(e)));
                Err(Error::new_resolving_message(base, name, msg))
            }
        }
    }
}

impl Loader for ProjectLoader {
    fn load<'js>(&mut self, ctx: &Ctx<'js>, name: &str) -> rquickjs::Result<Module<'js, Declared>> {
        if let Some(bare) = name.strip_prefix("node:") {
            return load_node(ctx, name, bare);
        }
        if JS_BUILTINS.contains(&name) {
            return load_js_builtin(ctx, name, name);
        }
        let path = PathBuf::from(name);
        let file = match self.cache.get(&path) {
            Some(f) => f,
            None => {
                let file = compile_file(&path, &self.root, &self.options)?;
                self.cache.insert(path, file.clone());
                file
            }
        };
        Module::declare(ctx.clone(), name, file.code.as_bytes().to_vec())
    }
}

fn compile_file(
    path: &Path,
    root: &Path,
    options: &CompileOptions,
) -> rquickjs::Result<Arc<CompiledFile>> {
    let name = path.to_string_lossy();
    let source = std::fs::read_to_string(path).map_err(|e| {
        Error::new_loading_message(name.to_string(), format!("cannot read file: {e}"))
    })?;
    if path.extension().is_some_and(|e| e == "json") {
        return Ok(Arc::new(CompiledFile {
            code: format!("export default JSON.parse({});", js_string_literal(&source)),
            source_map: None,
        }));
    }
    // Diagnostics show the path as the user knows it, relative to the project.
    let shown = path.strip_prefix(root).unwrap_or(path);
    match ferroute_compiler::compile(shown, &source, options) {
        Ok(c) => Ok(Arc::new(CompiledFile {
            code: c.code,
            source_map: c.source_map,
        })),
        Err(e) => {
            let msg = e.to_string();
            LAST_DIAGNOSTIC.with(|d| *d.borrow_mut() = Some(miette::Report::new(e)));
            Err(Error::new_loading_message(name.to_string(), msg))
        }
    }
}

/// Quotes `s` as a JavaScript string literal.
pub(crate) fn js_string_literal(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn load_node<'js>(
    ctx: &Ctx<'js>,
    name: &str,
    bare: &str,
) -> rquickjs::Result<Module<'js, Declared>> {
    use llrt_modules as m;
    let c = ctx.clone();
    match bare {
        "buffer" => Module::declare_def::<m::buffer::BufferModule, _>(c, name),
        "events" => Module::declare_def::<m::events::EventsModule, _>(c, name),
        "crypto" => Module::declare_def::<m::crypto::CryptoModule, _>(c, name),
        "path" => Module::declare_def::<m::path::PathModule, _>(c, name),
        "url" => Module::declare_def::<m::url::UrlModule, _>(c, name),
        "util" => Module::declare_def::<m::util::UtilModule, _>(c, name),
        "string_decoder" => {
            Module::declare_def::<m::string_decoder::StringDecoderModule, _>(c, name)
        }
        "perf_hooks" => Module::declare_def::<m::perf_hooks::PerfHooksModule, _>(c, name),
        "process" => Module::declare_def::<m::process::ProcessModule, _>(c, name),
        "stream/web" => Module::declare_def::<m::stream_web::StreamWebModule, _>(c, name),
        "console" => Module::declare_def::<m::console::ConsoleModule, _>(c, name),
        _ => load_js_builtin(ctx, name, name),
    }
}

/// Declares a module whose exports are the properties of `internal.modules[key]`.
fn load_js_builtin<'js>(
    ctx: &Ctx<'js>,
    name: &str,
    key: &str,
) -> rquickjs::Result<Module<'js, Declared>> {
    let internal = crate::worker::with_state(|s| s.internal.clone())
        .ok_or_else(|| Error::new_loading_message(name, "engine not initialised"))?
        .restore(ctx)?;
    let modules: Object = internal.get("modules")?;
    let exports: Option<Object> = modules.get(key)?;
    let Some(exports) = exports else {
        return Err(Error::new_loading_message(
            name,
            "this built-in module is not available",
        ));
    };
    let mut src = format!(
        "const m = globalThis[Symbol.for('ferroute.internal')].modules[{}];\nexport default m;\n",
        js_string_literal(key)
    );
    for k in exports.keys::<String>() {
        let k = k?;
        if k != "default" && is_identifier(&k) {
            src.push_str(&format!("export const {k} = m.{k};\n"));
        }
    }
    Module::declare(ctx.clone(), name, src)
}

fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c == '_' || c == '$' || c.is_ascii_alphabetic())
        && chars.all(|c| c == '_' || c == '$' || c.is_ascii_alphanumeric())
}
