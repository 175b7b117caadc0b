//! The natives of modules on JavaScriptCore: resolution and compiled files for the registry of
//! `js/jsc/00_modules.js` (`moduleResolve`, `moduleLoad`, `cjsNames`) and for `require`
//! (`cjsResolve`, `cjsLoad`, `readText`). Resolution, the compile cache, import chains and
//! CommonJS export names are the loader's, shared with QuickJS; only the values differ.

use std::path::{Path, PathBuf};

use ferroute_compiler::ModuleKind;
use ferroute_jsc::{JsError, Value, Vm};

use crate::loader;
use crate::worker::with_state;

type NativeResult = Result<Value, JsError>;

/// Adds the module natives to `native`.
pub(super) fn install(vm: &Vm, native: &Value) -> Result<(), JsError> {
    let table = super::Natives { vm, target: native };
    table.add("moduleResolve", module_resolve)?;
    table.add("moduleLoad", module_load)?;
    table.add("cjsNames", cjs_names)?;
    table.add("cjsResolve", cjs_resolve)?;
    table.add("cjsLoad", cjs_load)?;
    table.add("readText", |vm, args| {
        let path = string(args, 0)?;
        std::fs::read_to_string(&path)
            .map(|text| vm.string(&text))
            .map_err(|e| JsError::error(&format!("cannot read {path}: {e}")))
    })?;
    Ok(())
}

fn string(args: &[Value], i: usize) -> Result<String, JsError> {
    args.get(i)
        .filter(|v| !v.is_nullish())
        .map_or(Ok(String::new()), Value::to_string)
}

/// An `Error` with Node's `code`, thrown as itself (so `err.code` reaches the catcher).
fn coded(vm: &Vm, message: &str, code: &str) -> JsError {
    let thrown = (|| -> Result<JsError, JsError> {
        let error = vm.global().get("Error")?.construct(&[vm.string(message)])?;
        error.set("code", &vm.string(code))?;
        Ok(vm.throwing(&error))
    })();
    thrown.unwrap_or_else(|e| e)
}

/// `moduleResolve(specifier, importer | null) → [kind, key]`: `internal` (`next/*`),
/// `builtin` (`node:*`), or `esm`/`cjs`/`json` with the file's path. With no importer the
/// specifier is a path already (a route, the middleware, next.config). Whether a `.js` file
/// is CommonJS is known once it is compiled, so resolution compiles it (the compiled file is
/// cached for `moduleLoad`).
fn module_resolve(vm: &Vm, args: &[Value]) -> NativeResult {
    let specifier = string(args, 0)?;
    let importer = string(args, 1)?;
    let pair = |kind: &str, key: &str| vm.array(&[vm.string(kind), vm.string(key)]);
    let (resolver, cache, root) = with_state(|s| {
        (
            s.config.resolver.clone(),
            s.config.cache.clone(),
            s.config.project_root.clone(),
        )
    });
    let path = if importer.is_empty() {
        PathBuf::from(&specifier)
    } else {
        if let Some(m) = loader::next_builtin(&specifier) {
            return pair("internal", m);
        }
        if let Some(m) = loader::node_builtin(&specifier) {
            return pair("builtin", m);
        }
        if let Some(bare) = specifier.strip_prefix("node:") {
            return Err(coded(
                vm,
                &format!("Error resolving module '{specifier}' from '{importer}': '{bare}' is not a Node.js built-in module"),
                "ERR_UNKNOWN_BUILTIN_MODULE",
            ));
        }
        let from = if Path::new(&importer).is_absolute() {
            PathBuf::from(&importer)
        } else {
            root.join("__entry__.js")
        };
        match resolver.resolve_module(&from, &specifier) {
            Ok(resolved) => {
                cache.record(&from, &specifier, &resolved);
                if matches!(resolved.kind, ModuleKind::Json) {
                    return pair("json", &resolved.path.to_string_lossy());
                }
                resolved.path
            }
            Err(e) => {
                let message =
                    format!("Error resolving module '{specifier}' from '{importer}': {e}");
                let report = loader::with_chain(&cache, &root, &from, miette::Report::new(e));
                loader::set_diagnostic(report);
                return Err(JsError::error(&message));
            }
        }
    };
    let text = path.to_string_lossy();
    if text.ends_with(".json") {
        return pair("json", &text);
    }
    let file = compiled(&path)?;
    pair(
        if file.commonjs.is_some() {
            "cjs"
        } else {
            "esm"
        },
        &text,
    )
}

/// The compiled file at `path` (the loader's cache), its compile diagnostic kept for the load
/// error.
fn compiled(path: &Path) -> Result<std::sync::Arc<loader::CompiledFile>, JsError> {
    let (cache, root, options) = with_state(|s| {
        (
            s.config.cache.clone(),
            s.config.project_root.clone(),
            s.config.compile_options(),
        )
    });
    loader::load_compiled(&cache, path, &root, options).map_err(|e| {
        JsError::error(&format!(
            "Could not load the module '{}': {e}",
            path.display()
        ))
    })
}

/// `moduleLoad(path) → record`: the module record the compiler made of an ES module,
/// evaluated (`{ deps, imports, reexports, stars, factory }`).
fn module_load(vm: &Vm, args: &[Value]) -> NativeResult {
    let path = string(args, 0)?;
    let file = compiled(Path::new(&path))?;
    let code = file
        .code()
        .ok_or_else(|| JsError::error(&format!("compiled code of {path} missing")))?;
    vm.eval(&code, &path, 1)
}

/// `cjsNames(path) → string[]`: the export names of a CommonJS file as ES modules see them.
fn cjs_names(vm: &Vm, args: &[Value]) -> NativeResult {
    let path = string(args, 0)?;
    let names = with_state(|s| {
        loader::cjs_names(
            &s.config.cache,
            &s.config.resolver,
            &s.config.project_root,
            s.config.compile_options(),
            Path::new(&path),
        )
    });
    let items: Vec<Value> = names.iter().map(|n| vm.string(n)).collect();
    vm.array(&items)
}

/// `cjsResolve(specifier, from) → [kind, value]` for `require`.
fn cjs_resolve(vm: &Vm, args: &[Value]) -> NativeResult {
    match loader::require_resolve(&string(args, 0)?, &string(args, 1)?) {
        Ok((kind, value)) => vm.array(&[vm.string(kind), vm.string(&value)]),
        Err((message, code)) => Err(coded(vm, &message, code)),
    }
}

/// `cjsLoad(path) → wrapper | null`: the CommonJS wrapper function of the file, or null when
/// it is an ES module after all.
fn cjs_load(vm: &Vm, args: &[Value]) -> NativeResult {
    let path = string(args, 0)?;
    let file = loader::compiled_for_require(&path)
        .map_err(|message| coded(vm, &message, "ERR_FERROUTE_COMPILE"))?;
    if file.commonjs.is_none() {
        return Ok(vm.null());
    }
    let code = file
        .code()
        .ok_or_else(|| JsError::error(&format!("compiled code of {path} missing")))?;
    vm.eval(&code, &path, 1)
}
