//! Module resolution and loading for one engine: the user's files (compiled by
//! `ferroute_compiler`, cached process-wide so every worker compiles a file once),
//! `next/*` and our own JavaScript built-ins, and the Node modules we support.

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use ferroute_compiler::{
    CjsExports, CompileOptions, ModuleFormat, ModuleKind, ProjectResolver, ResolveMode,
    ResolvedModule, SourceKind,
};
use rquickjs::loader::{Loader, Resolver};
use rquickjs::module::Declared;
use rquickjs::{Ctx, Error, Module, Object};

/// A compiled user file, shared by all workers.
pub(crate) struct CompiledFile {
    /// The compiled JavaScript, until its bytecode exists (then only the bytecode is kept).
    code: Mutex<Option<String>>,
    pub(crate) source_map: crate::compiled_store::MapOf,
    /// Export names when the file is CommonJS (its `code` is then a wrapper function).
    pub(crate) commonjs: Option<CjsExports>,
    /// `(specifier, name)` of the named imports of an ES module.
    pub(crate) import_names: Vec<(String, String)>,
    /// QuickJS bytecode of `code`, written by the first worker that parsed it, so the other
    /// workers read it instead of parsing again (kept for the life of the process: QuickJS
    /// points into it).
    pub(crate) bytecode: std::sync::OnceLock<&'static [u8]>,
}

/// Compiled files by absolute path, shared across workers, and what resolution learnt
/// about them.
#[derive(Default)]
pub struct ModuleCache {
    files: Mutex<HashMap<PathBuf, Arc<CompiledFile>>>,
    /// How each resolved file loads (ESM, CommonJS, JSON, or decided by its syntax).
    kinds: Mutex<HashMap<PathBuf, ModuleKind>>,
    /// The first file that imported each file: the import chain of a diagnostic.
    parents: Mutex<HashMap<PathBuf, PathBuf>>,
    /// Names ES modules import from each CommonJS file (`import { a } from './x.cjs'`).
    requested: Mutex<HashMap<PathBuf, BTreeSet<String>>>,
    /// A build's compiled files on disk, read or written (set once, by the first engine).
    pub(crate) compiled: std::sync::OnceLock<crate::compiled_store::CompiledStore>,
}

impl CompiledFile {
    /// The compiled JavaScript; `None` once the bytecode replaced it.
    pub(crate) fn code(&self) -> Option<String> {
        self.code.lock().ok().and_then(|c| c.clone())
    }

    /// Keeps `bytes` as the file's bytecode (for the life of the process: QuickJS points
    /// into it) and drops the source text, which no worker needs any more.
    fn keep_bytecode(&self, bytes: Vec<u8>) {
        if self
            .bytecode
            .set(Box::leak(bytes.into_boxed_slice()))
            .is_ok()
        {
            if let Ok(mut code) = self.code.lock() {
                *code = None;
            }
        }
    }
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

    fn kind(&self, path: &Path) -> Option<ModuleKind> {
        self.kinds.lock().ok()?.get(path).copied()
    }

    /// Notes what resolving `specifier` from `importer` found.
    pub(crate) fn record(&self, importer: &Path, specifier: &str, resolved: &ResolvedModule) {
        if let Ok(mut kinds) = self.kinds.lock() {
            kinds.insert(resolved.path.clone(), resolved.kind);
        }
        if importer != resolved.path {
            if let Ok(mut parents) = self.parents.lock() {
                parents
                    .entry(resolved.path.clone())
                    .or_insert_with(|| importer.to_path_buf());
            }
        }
        if let Some(file) = self.get(importer) {
            let names: Vec<&String> = file
                .import_names
                .iter()
                .filter(|(s, _)| s == specifier)
                .map(|(_, n)| n)
                .collect();
            if !names.is_empty() {
                if let Ok(mut requested) = self.requested.lock() {
                    let set = requested.entry(resolved.path.clone()).or_default();
                    set.extend(names.into_iter().cloned());
                }
            }
        }
    }

    /// The one resolved file whose path starts with `prefix` (QuickJS cuts long module
    /// names in some messages).
    fn complete_path(&self, prefix: &str) -> Option<PathBuf> {
        let kinds = self.kinds.lock().ok()?;
        let mut found = kinds
            .keys()
            .filter(|p| p.to_string_lossy().starts_with(prefix));
        let first = found.next()?.clone();
        found.next().is_none().then_some(first)
    }

    fn requested(&self, path: &Path) -> BTreeSet<String> {
        self.requested
            .lock()
            .ok()
            .and_then(|r| r.get(path).cloned())
            .unwrap_or_default()
    }

    /// `file` and the files that imported it, up to the route: `[file, parent, ..., route]`.
    pub(crate) fn import_chain(&self, file: &Path) -> Vec<PathBuf> {
        let mut chain = vec![file.to_path_buf()];
        let Ok(parents) = self.parents.lock() else {
            return chain;
        };
        let mut current = file.to_path_buf();
        while let Some(parent) = parents.get(&current) {
            // Route files are imported by a synthetic entry, not by a file of the project.
            if chain.contains(parent) || chain.len() > 64 || parent.ends_with("__entry__.js") {
                break;
            }
            chain.push(parent.clone());
            current = parent.clone();
        }
        chain
    }

    /// Forgets what was compiled and resolved of `path` (dev mode, after it changed on
    /// disk): the next engine compiles it again; every other file is reused.
    pub fn forget(&self, path: &Path) {
        if let Ok(mut m) = self.files.lock() {
            m.remove(path);
        }
        if let Ok(mut m) = self.kinds.lock() {
            m.remove(path);
        }
        if let Ok(mut m) = self.parents.lock() {
            m.remove(path);
        }
    }

    /// Forgets every compiled file (dev mode, after a change on disk).
    pub fn clear(&self) {
        if let Ok(mut m) = self.kinds.lock() {
            m.clear();
        }
        if let Ok(mut m) = self.parents.lock() {
            m.clear();
        }
        if let Ok(mut m) = self.requested.lock() {
            m.clear();
        }
        if let Ok(mut m) = self.files.lock() {
            m.clear();
        }
    }
}

/// Every Node.js built-in module name (without `node:`), as `require('module').builtinModules`
/// lists them. `js/04_builtins.js` says where each comes from; the ones ferroute cannot
/// provide load, and throw when a function of theirs is called.
pub(crate) const NODE_BUILTINS: &[&str] = &[
    "assert",
    "assert/strict",
    "async_hooks",
    "buffer",
    "child_process",
    "cluster",
    "console",
    "constants",
    "crypto",
    "dgram",
    "diagnostics_channel",
    "dns",
    "dns/promises",
    "domain",
    "events",
    "fs",
    "fs/promises",
    "http",
    "http2",
    "https",
    "inspector",
    "module",
    "net",
    "os",
    "path",
    "path/posix",
    "path/win32",
    "perf_hooks",
    "process",
    "punycode",
    "querystring",
    "readline",
    "repl",
    "stream",
    "stream/consumers",
    "stream/promises",
    "stream/web",
    "string_decoder",
    "sys",
    "timers",
    "timers/promises",
    "tls",
    "trace_events",
    "tty",
    "url",
    "util",
    "util/types",
    "v8",
    "vm",
    "wasi",
    "worker_threads",
    "zlib",
];

/// Modules implemented in our JavaScript (`internal.modules[name]`).
const JS_BUILTINS: &[&str] = &[
    "next/server",
    "next/headers",
    "next/navigation",
    "next/cache",
    "next/og",
    "next/dist/client/components/navigation",
];

/// `next/server` for `next/server` and `next/server.js` (as packages write it): the
/// `next/*` modules ferroute provides itself, whoever imports them.
pub(crate) fn next_builtin(specifier: &str) -> Option<&'static str> {
    let bare = specifier.strip_suffix(".js").unwrap_or(specifier);
    JS_BUILTINS.iter().copied().find(|m| *m == bare)
}

/// The bare built-in name of `x` or `node:x`.
pub(crate) fn node_builtin(specifier: &str) -> Option<&'static str> {
    let bare = specifier.strip_prefix("node:").unwrap_or(specifier);
    NODE_BUILTINS.iter().copied().find(|m| *m == bare)
}

thread_local! {
    /// The last compile or resolve diagnostic, so the caller can show it as the user's
    /// error rather than as the engine's one-line message.
    pub(crate) static LAST_DIAGNOSTIC: RefCell<Option<miette::Report>> = const { RefCell::new(None) };
}

/// Keeps `report` as the diagnostic of the load failing now (see [`take_diagnostic`]).
pub(crate) fn set_diagnostic(report: miette::Report) {
    LAST_DIAGNOSTIC.with(|d| *d.borrow_mut() = Some(report));
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

impl Resolver for ProjectLoader {
    fn resolve(&mut self, _ctx: &Ctx<'_>, base: &str, name: &str) -> rquickjs::Result<String> {
        if let Some(m) = next_builtin(name) {
            return Ok(m.to_owned());
        }
        if let Some(m) = node_builtin(name) {
            return Ok(format!("node:{m}"));
        }
        if name.starts_with("ferroute:") {
            return Ok(name.to_owned());
        }
        if let Some(bare) = name.strip_prefix("node:") {
            return Err(Error::new_resolving_message(
                base,
                name,
                format!("'{bare}' is not a Node.js built-in module"),
            ));
        }
        let importer = if Path::new(base).is_absolute() {
            PathBuf::from(base)
        } else {
            self.root.join("__entry__.js")
        };
        match self.resolver.resolve_module(&importer, name) {
            Ok(resolved) => {
                self.cache.record(&importer, name, &resolved);
                Ok(resolved.path.to_string_lossy().into_owned())
            }
            Err(e) => {
                let msg = e.to_string();
                let report = with_chain(&self.cache, &self.root, &importer, miette::Report::new(e));
                LAST_DIAGNOSTIC.with(|d| *d.borrow_mut() = Some(report));
                Err(Error::new_resolving_message(base, name, msg))
            }
        }
    }
}

/// Adds the import chain from the route to `file` (and the package `file` belongs to) to
/// a diagnostic about one of `file`'s imports.
pub(crate) fn with_chain(
    cache: &ModuleCache,
    root: &Path,
    file: &Path,
    report: miette::Report,
) -> miette::Report {
    let shown = shown_chain(cache, root, file);
    if shown.len() < 2 && package_of(file).is_none() {
        return report;
    }
    report.wrap_err(format!("import chain: {}", shown.join("\n  imported by ")))
}

/// The import chain of `file` as users read it: paths relative to the project, each file
/// of a package with the package's name and version.
pub(crate) fn shown_chain(cache: &ModuleCache, root: &Path, file: &Path) -> Vec<String> {
    cache
        .import_chain(file)
        .iter()
        .map(|p| {
            let rel = p.strip_prefix(root).unwrap_or(p).display().to_string();
            match package_of(p) {
                Some(pkg) => format!("{rel} ({pkg})"),
                None => rel,
            }
        })
        .collect()
}

fn explain_missing_export(cache: &ModuleCache, root: &Path, path: &Path, name: &str) -> String {
    let chain = shown_chain(cache, root, path);
    let what = package_of(path).unwrap_or_else(|| chain.first().cloned().unwrap_or_default());
    format!(
        "\nhelp: {what} has no export named '{name}': check the name and the package's version (its types may describe another build)\nimport chain: {}",
        chain.join("\n  imported by ")
    )
}

/// Explains an evaluation-time load failure: QuickJS's "Could not find export 'x' in module
/// '/path'" gets the package and the import chain; our own frames leave the stack.
pub(crate) fn explain_load_error(message: &str, root: &Path) -> String {
    let cache = crate::worker::with_state(|s| s.config.cache.clone());
    let mut text = message
        .lines()
        .filter(|l| {
            !l.is_empty()
                && !(l.trim_start().starts_with("at ")
                    && (l.contains("(ferroute:") || l.contains("(native)")))
        })
        .collect::<Vec<_>>()
        .join("\n");
    let missing = message
        .split("Could not find export '")
        .nth(1)
        .and_then(|rest| rest.split_once("' in module '"))
        .and_then(|(name, rest)| rest.split_once('\'').map(|(module, _)| (name, module)));
    if let Some((name, module)) = missing {
        // QuickJS cuts long names in this message; find the file it meant.
        let full = cache.complete_path(module);
        let path = full.as_deref().unwrap_or(Path::new(module));
        if let Some(full) = &full {
            let shown = full.strip_prefix(root).unwrap_or(full).to_string_lossy();
            text = text.replace(module, &shown);
        }
        text.push_str(&explain_missing_export(&cache, root, path, name));
    }
    if let Some(hint) = crate::natives::engine_hint(&text) {
        text.push('\n');
        text.push_str(hint);
    }
    text
}

/// `name@version` of the npm package a file under `node_modules` belongs to.
pub(crate) fn package_of(file: &Path) -> Option<String> {
    let text = file.to_string_lossy();
    let idx = text.rfind("/node_modules/")?;
    let mut dir = file.parent();
    while let Some(d) = dir {
        if d.to_string_lossy().len() <= idx {
            break;
        }
        let manifest = d.join("package.json");
        if let Ok(json) = std::fs::read_to_string(&manifest) {
            if let Ok(v) = serde_json::from_str::<serde_json::Value>(&json) {
                if let (Some(n), Some(ver)) = (v["name"].as_str(), v["version"].as_str()) {
                    return Some(format!("{n}@{ver}"));
                }
            }
        }
        dir = d.parent();
    }
    None
}

impl Loader for ProjectLoader {
    fn load<'js>(&mut self, ctx: &Ctx<'js>, name: &str) -> rquickjs::Result<Module<'js, Declared>> {
        if let Some(bare) = name.strip_prefix("ferroute:llrt/") {
            return load_llrt(ctx, name, bare);
        }
        if let Some(bare) = name.strip_prefix("node:") {
            return load_node(ctx, name, bare);
        }
        if JS_BUILTINS.contains(&name) {
            return load_js_builtin(ctx, name, name);
        }
        let path = PathBuf::from(name);
        let file = load_compiled(&self.cache, &path, &self.root, self.options)?;
        if file.commonjs.is_some() {
            let names = cjs_names(&self.cache, &self.resolver, &self.root, self.options, &path);
            return Module::declare(ctx.clone(), name, cjs_facade(name, &names));
        }
        // Another worker may turn the code into bytecode between the two looks.
        let module = match (file.bytecode.get(), file.code()) {
            (Some(bytes), _) => crate::sys::load_module(ctx, bytes)?,
            (None, Some(code)) => {
                let module = Module::declare(ctx.clone(), name, code.into_bytes())?;
                if let Ok(bytes) = module.write(rquickjs::WriteOptions::default()) {
                    file.keep_bytecode(bytes);
                }
                module
            }
            (None, None) => match file.bytecode.get() {
                Some(bytes) => crate::sys::load_module(ctx, bytes)?,
                None => return Err(Error::new_loading_message(name, "compiled code missing")),
            },
        };
        // Node's import.meta: url, filename, dirname.
        let meta = module.meta()?;
        meta.set("url", file_url(&path))?;
        meta.set("filename", name)?;
        if let Some(dir) = path.parent() {
            meta.set("dirname", dir.to_string_lossy().as_ref())?;
        }
        Ok(module)
    }
}

/// `file:///a/b%20c.ts` for `/a/b c.ts`.
fn file_url(path: &Path) -> String {
    let mut out = String::from("file://");
    for b in path.to_string_lossy().bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~!$&'()*+,;=:@".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The compiled file at `path`, compiling it (as the kind resolution found) on first use.
pub(crate) fn load_compiled(
    cache: &ModuleCache,
    path: &Path,
    root: &Path,
    options: CompileOptions,
) -> rquickjs::Result<Arc<CompiledFile>> {
    if let Some(f) = cache.get(path) {
        return Ok(f);
    }
    let kind = match cache.kind(path) {
        Some(ModuleKind::CommonJs) => SourceKind::CommonJs,
        Some(ModuleKind::Ambiguous) => SourceKind::Detect,
        Some(_) => SourceKind::Esm,
        None => match path.extension().and_then(|e| e.to_str()) {
            Some("cjs" | "cts") => SourceKind::CommonJs,
            Some("js" | "jsx") => SourceKind::Detect,
            _ => SourceKind::Esm,
        },
    };
    let options = CompileOptions { kind, ..options };
    let file = compile_file(path, root, &options, cache.compiled.get()).inspect_err(|_| {
        // Say which import chain led here.
        LAST_DIAGNOSTIC.with(|d| {
            let mut d = d.borrow_mut();
            if let Some(report) = d.take() {
                *d = Some(with_chain(cache, root, path, report));
            }
        });
    })?;
    cache.insert(path.to_path_buf(), file.clone());
    Ok(file)
}

/// Export names of the CommonJS file at `path`: what its syntax shows, what it re-exports
/// from other CommonJS files, and what its importers ask for.
pub(crate) fn cjs_names(
    cache: &ModuleCache,
    resolver: &ProjectResolver,
    root: &Path,
    options: CompileOptions,
    path: &Path,
) -> BTreeSet<String> {
    let mut names = cache.requested(path);
    let mut seen = HashSet::new();
    let mut todo = vec![path.to_path_buf()];
    while let Some(file) = todo.pop() {
        if !seen.insert(file.clone()) || seen.len() > 256 {
            continue;
        }
        let Ok(compiled) = load_compiled(cache, &file, root, options) else {
            continue;
        };
        let Some(cjs) = &compiled.commonjs else {
            continue;
        };
        names.extend(cjs.names.iter().cloned());
        for spec in &cjs.reexports {
            if node_builtin(spec).is_some() || next_builtin(spec).is_some() {
                continue;
            }
            if let Ok(r) = resolver.resolve_with(&file, spec, ResolveMode::Require) {
                cache.record(&file, spec, &r);
                todo.push(r.path);
            }
        }
    }
    names.remove("default");
    names
}

/// The ES module standing for a CommonJS file: it runs the file (through `require`'s
/// cache) when evaluated, in import order; `default` is `module.exports` (its `default`
/// when the file marks itself `__esModule`, as Next's bundler does), and every name found
/// is a named export.
fn cjs_facade(path: &str, names: &BTreeSet<String>) -> String {
    let mut src = format!(
        "const __m = globalThis[Symbol.for('ferroute.internal')].cjs.importCjs({});\n\
         export default __m != null && __m.__esModule ? __m.default : __m;\n",
        js_string_literal(path)
    );
    push_named_exports(&mut src, "__m", names.iter().map(String::as_str));
    src
}

/// `const __e0 = m.a; export { __e0 as a };` for each export name that is an identifier.
fn push_named_exports<'a>(src: &mut String, object: &str, names: impl Iterator<Item = &'a str>) {
    let mut list = Vec::new();
    for (i, name) in names
        .filter(|n| *n != "default" && is_identifier(n))
        .enumerate()
    {
        src.push_str(&format!(
            "const __e{i} = {object} == null ? undefined : {object}.{name};\n"
        ));
        list.push(format!("__e{i} as {name}"));
    }
    if !list.is_empty() {
        src.push_str(&format!("export {{ {} }};\n", list.join(", ")));
    }
}

fn compile_file(
    path: &Path,
    root: &Path,
    options: &CompileOptions,
    store: Option<&crate::compiled_store::CompiledStore>,
) -> rquickjs::Result<Arc<CompiledFile>> {
    let name = path.to_string_lossy();
    let source = std::fs::read_to_string(path).map_err(|e| {
        Error::new_loading_message(name.to_string(), format!("cannot read file: {e}"))
    })?;
    if path.extension().is_some_and(|e| e == "json") {
        return Ok(Arc::new(CompiledFile {
            code: Mutex::new(Some(format!(
                "export default JSON.parse({});",
                js_string_literal(&source)
            ))),
            source_map: crate::compiled_store::MapOf::Made(None),
            commonjs: None,
            import_names: Vec::new(),
            bytecode: std::sync::OnceLock::new(),
        }));
    }
    let file = |r: crate::compiled_store::Record| {
        let bytecode = std::sync::OnceLock::new();
        // A build's bytecode, kept for the life of the process as the loader's own is.
        let code = match r.bytecode {
            Some(bytes) => {
                let _ = bytecode.set(&*Box::leak(bytes.into_boxed_slice()));
                None
            }
            None => Some(r.code),
        };
        Arc::new(CompiledFile {
            code: Mutex::new(code),
            source_map: r.source_map,
            commonjs: r.commonjs,
            import_names: r.import_names,
            bytecode,
        })
    };
    if let Some(record) = store.and_then(|s| s.read(path, &source, options)) {
        return Ok(file(record));
    }
    // Diagnostics show the path as the user knows it, relative to the project.
    let shown = path.strip_prefix(root).unwrap_or(path);
    match ferroute_compiler::compile(shown, &source, options) {
        Ok(c) => {
            let record = crate::compiled_store::Record::from(c);
            if let Some(store) = store.filter(|s| s.writes()) {
                store.write(path, &source, options, &record);
                // The other engine's record, so that `start` may run either.
                let other = CompileOptions {
                    module_format: match options.module_format {
                        ModuleFormat::Esm => ModuleFormat::Registry,
                        _ => ModuleFormat::Esm,
                    },
                    ..*options
                };
                if let Ok(c) = ferroute_compiler::compile(shown, &source, &other) {
                    store.write(path, &source, &other, &c.into());
                }
            }
            Ok(file(record))
        }
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

/// llrt's native modules, under `ferroute:llrt/<name>`; `internal.builtin` reads them
/// through [`builtin_module`].
fn load_llrt<'js>(
    ctx: &Ctx<'js>,
    name: &str,
    bare: &str,
) -> rquickjs::Result<Module<'js, Declared>> {
    use llrt_modules as m;
    let c = ctx.clone();
    match bare {
        "buffer" => Module::declare_def::<m::buffer::BufferModule, _>(c, name),
        "crypto" => Module::declare_def::<m::crypto::CryptoModule, _>(c, name),
        "path" => Module::declare_def::<m::path::PathModule, _>(c, name),
        "url" => Module::declare_def::<m::url::UrlModule, _>(c, name),
        "string_decoder" => {
            Module::declare_def::<m::string_decoder::StringDecoderModule, _>(c, name)
        }
        "perf_hooks" => Module::declare_def::<m::perf_hooks::PerfHooksModule, _>(c, name),
        "process" => Module::declare_def::<m::process::ProcessModule, _>(c, name),
        "stream/web" => Module::declare_def::<m::stream_web::StreamWebModule, _>(c, name),
        "console" => Module::declare_def::<m::console::ConsoleModule, _>(c, name),
        _ => Err(Error::new_loading_message(name, "no such llrt module")),
    }
}

/// `node:<bare>`: a module whose default export is what `require(bare)` returns and whose
/// named exports are its properties (the same object for `import` and `require`).
fn load_node<'js>(
    ctx: &Ctx<'js>,
    name: &str,
    bare: &str,
) -> rquickjs::Result<Module<'js, Declared>> {
    let internal = internal_object(ctx, name)?;
    let builtin: rquickjs::Function = internal.get("builtin")?;
    let exports: rquickjs::Value = builtin.call((bare,))?;
    let mut names = BTreeSet::new();
    if let Some(obj) = exports.as_object() {
        let keys: Vec<String> = ctx
            .globals()
            .get::<_, Object>("Object")?
            .get::<_, rquickjs::Function>("getOwnPropertyNames")?
            .call((obj.clone(),))?;
        for k in keys {
            if !matches!(
                k.as_str(),
                "length" | "name" | "prototype" | "arguments" | "caller"
            ) {
                names.insert(k);
            }
        }
    }
    let mut src = format!(
        "const m = globalThis[Symbol.for('ferroute.internal')].builtin({});\nexport default m;\n",
        js_string_literal(bare)
    );
    push_named_exports(&mut src, "m", names.iter().map(String::as_str));
    Module::declare(ctx.clone(), name, src)
}

fn internal_object<'js>(ctx: &Ctx<'js>, name: &str) -> rquickjs::Result<Object<'js>> {
    crate::worker::with_state(|s| s.internal.clone())
        .ok_or_else(|| Error::new_loading_message(name, "engine not initialised"))?
        .restore(ctx)
}

/// Evaluates `import * as ns from '<specifier>'` synchronously and returns `ns`: for
/// `require()` of an ES module (Node 20's `require(esm)`) and of llrt's modules. Fails
/// like Node when the module graph awaits at its top level.
pub(crate) fn import_sync<'js>(ctx: &Ctx<'js>, specifier: &str) -> rquickjs::Result<Object<'js>> {
    thread_local! {
        static NEXT: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
    }
    let n = NEXT.with(|c| {
        let n = c.get();
        c.set(n + 1);
        n
    });
    let src = format!(
        "import * as ns from {};\nexport {{ ns }};\n",
        js_string_literal(specifier)
    );
    let module = Module::declare(ctx.clone(), format!("ferroute:require/{n}"), src)?;
    let (module, promise) = module.eval()?;
    match promise.state() {
        rquickjs::promise::PromiseState::Pending => {
            let err = rquickjs::Exception::from_message(
                ctx.clone(),
                &format!(
                    "require() cannot be used on an ES module that uses top-level await ({specifier}); use import() instead"
                ),
            )?;
            err.set("code", "ERR_REQUIRE_ASYNC_MODULE")?;
            Err(ctx.throw(err.into_value()))
        }
        rquickjs::promise::PromiseState::Rejected => match promise.result::<rquickjs::Value>() {
            // The rejection reason is now the pending exception.
            Some(Err(e)) => Err(e),
            _ => Err(rquickjs::Exception::throw_message(
                ctx,
                "module evaluation failed",
            )),
        },
        rquickjs::promise::PromiseState::Resolved => module.namespace()?.get("ns"),
    }
}

/// Declares a module whose exports are the properties of `internal.modules[key]`.
fn load_js_builtin<'js>(
    ctx: &Ctx<'js>,
    name: &str,
    key: &str,
) -> rquickjs::Result<Module<'js, Declared>> {
    let internal = internal_object(ctx, name)?;
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

/// The natives `js/04_builtins.js` and `js/05_cjs.js` call.
pub(crate) fn install_natives<'js>(native: &Object<'js>) -> rquickjs::Result<()> {
    use rquickjs::prelude::Func;
    native.set("cjsResolve", Func::from(cjs_resolve))?;
    native.set("cjsLoad", Func::from(cjs_load))?;
    native.set(
        "requireEsm",
        Func::from(|ctx: Ctx<'js>, path: String| import_sync(&ctx, &path)),
    )?;
    native.set(
        "builtinModule",
        Func::from(|ctx: Ctx<'js>, name: String| {
            import_sync(&ctx, &format!("ferroute:llrt/{name}"))
        }),
    )?;
    native.set("readText", Func::from(read_text))?;
    Ok(())
}

/// `[kind, value]` for `require(specifier)` from the file `from`: `builtin` (bare name),
/// `internal` (a `next/*` module of ours), or `cjs`/`esm`/`json` with the file's path.
fn cjs_resolve(ctx: Ctx<'_>, specifier: String, from: String) -> rquickjs::Result<Vec<String>> {
    match require_resolve(&specifier, &from) {
        Ok((kind, value)) => Ok(vec![kind.into(), value]),
        Err((message, code)) => Err(throw_coded(&ctx, &message, code)),
    }
}

/// What `require(specifier)` from the file `from` loads: `(kind, value)` as [`cjs_resolve`]
/// answers, or the error to throw (message and Node's `code`).
pub(crate) fn require_resolve(
    specifier: &str,
    from: &str,
) -> Result<(&'static str, String), (String, &'static str)> {
    if let Some(m) = next_builtin(specifier) {
        return Ok(("internal", m.to_owned()));
    }
    if let Some(m) = node_builtin(specifier) {
        return Ok(("builtin", m.to_owned()));
    }
    if let Some(bare) = specifier.strip_prefix("node:") {
        return Err((
            format!("No such built-in module: node:{bare}"),
            "ERR_UNKNOWN_BUILTIN_MODULE",
        ));
    }
    let (resolver, cache) =
        crate::worker::with_state(|s| (s.config.resolver.clone(), s.config.cache.clone()));
    let importer = PathBuf::from(from);
    match resolver.resolve_with(&importer, specifier, ResolveMode::Require) {
        Ok(resolved) => {
            cache.record(&importer, specifier, &resolved);
            let kind = match resolved.kind {
                ModuleKind::Json => "json",
                ModuleKind::Esm => "esm",
                _ => "cjs",
            };
            Ok((kind, resolved.path.to_string_lossy().into_owned()))
        }
        Err(e) => {
            use miette::Diagnostic;
            let help = e.help().map(|h| format!("\nhelp: {h}")).unwrap_or_default();
            let root = resolver.root().to_path_buf();
            let stack: Vec<String> = shown_chain(&cache, &root, &importer)
                .into_iter()
                .map(|p| format!("- {p}"))
                .collect();
            let message = format!(
                "Cannot find module '{specifier}'\nRequire stack:\n{}{help}",
                stack.join("\n")
            );
            Err((message, "MODULE_NOT_FOUND"))
        }
    }
}

/// Throws an `Error` with `message` and a Node-style `code`.
pub(crate) fn throw_coded(ctx: &Ctx<'_>, message: &str, code: &str) -> Error {
    match rquickjs::Exception::from_message(ctx.clone(), message) {
        Ok(err) => {
            let _ = err.set("code", code);
            ctx.throw(err.into_value())
        }
        Err(e) => e,
    }
}

/// The wrapper function of the CommonJS file at `path`, or `null` when the file is an ES
/// module after all (a `.js` file with `import`/`export`).
fn cjs_load<'js>(ctx: Ctx<'js>, path: String) -> rquickjs::Result<rquickjs::Value<'js>> {
    let file = match compiled_for_require(&path) {
        Ok(f) => f,
        Err(message) => return Err(throw_coded(&ctx, &message, "ERR_FERROUTE_COMPILE")),
    };
    if file.commonjs.is_none() {
        return Ok(rquickjs::Value::new_null(ctx));
    }
    if file.bytecode.get().is_none() {
        if let Some(bytes) = file
            .code()
            .and_then(|code| crate::script_bytecode::compile_global(&ctx, &code, &path, false).ok())
        {
            file.keep_bytecode(bytes);
        }
    }
    if let Some(result) = file
        .bytecode
        .get()
        .and_then(|b| crate::sys::eval_bytecode(&ctx, b))
    {
        return result;
    }
    let mut opts = rquickjs::context::EvalOptions::default();
    opts.global = true;
    opts.strict = false;
    opts.filename = Some(path);
    let code = file
        .code()
        .ok_or_else(|| rquickjs::Exception::throw_message(&ctx, "compiled code missing"))?;
    ctx.eval_with_options(code.into_bytes(), opts)
}

/// The compiled file `require(path)` runs (its compiler diagnostic, with file, line and code
/// frame, as the error).
pub(crate) fn compiled_for_require(path: &str) -> Result<Arc<CompiledFile>, String> {
    let (cache, root, options) = crate::worker::with_state(|s| {
        (
            s.config.cache.clone(),
            s.config.project_root.clone(),
            s.config.compile_options(),
        )
    });
    load_compiled(&cache, Path::new(path), &root, options).map_err(|e| {
        take_diagnostic()
            .map(|d| format!("{d:?}"))
            .unwrap_or_else(|| e.to_string())
    })
}

fn read_text(ctx: Ctx<'_>, path: String) -> rquickjs::Result<String> {
    std::fs::read_to_string(&path)
        .map_err(|e| rquickjs::Exception::throw_message(&ctx, &format!("cannot read {path}: {e}")))
}
