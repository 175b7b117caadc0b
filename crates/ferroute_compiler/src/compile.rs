//! One file in, one ES module out: oxc's Parser → SemanticBuilder →
//! `Transformer::build_with_scoping` → Codegen, the pipeline the engine probe validated.
//! TypeScript is stripped the way tsc and Next's SWC do it (unused imports are elided),
//! JSX uses React's automatic runtime (`react/jsx-runtime`, as Next compiles the app
//! directory), and async functions can be lowered
//! to generators driven by external `babelHelpers` so the runtime can carry
//! AsyncLocalStorage context across `await` (async functions that never await first
//! become plain functions returning promises, see [`crate::await_free`]).

use std::path::Path;

use oxc_allocator::Allocator;
use oxc_codegen::{Codegen, CodegenOptions};
use oxc_diagnostics::OxcDiagnostic;
use oxc_parser::Parser;
use oxc_semantic::SemanticBuilder;
use oxc_span::SourceType;
use oxc_transformer::{HelperLoaderMode, JsxRuntime, TransformOptions, Transformer};

use crate::{
    await_free::rewrite_await_free_async,
    cjs::{cjs_exports, CjsExports},
    diagnostic::{CompileError, SourceDiagnostic, SourceErrors},
    registry::to_registry,
    sourcemap::SourceMap,
};

/// Every helper name the async lowering of [`CompileOptions::lower_async`] can emit, as
/// `babelHelpers.<name>(...)` calls. The runtime must define `globalThis.babelHelpers`
/// with all of them before evaluating lowered code:
///
/// - `asyncToGenerator(genFn)`: wraps the generator that replaces an `async` function
///   (`await x` becomes `yield x`).
/// - `wrapAsyncGenerator(genFn)`: wraps the generator that replaces an `async function*`.
/// - `awaitAsyncGenerator(value)`: marks an `await` inside an async generator.
/// - `asyncIterator(iterable)`: the `Symbol.asyncIterator` lookup (with sync fallback)
///   used by lowered `for await` loops and `yield*` in async generators.
/// - `asyncGeneratorDelegate(iterator)`: `yield*` inside an async generator.
/// - `asyncValue(value)`: `Promise.resolve(value)` (the original `Promise`); what an
///   `async` function that never awaits returns (`return x` becomes
///   `return babelHelpers.asyncValue(x)`, falling off the end `asyncValue()`).
/// - `asyncThrow(error)`: `Promise.reject(error)` (the original `Promise`); what such a
///   function returns when its body throws.
///
/// The first five are Babel's helpers of the same names (`@babel/helpers`).
pub const ASYNC_HELPERS: &[&str] = &[
    "asyncToGenerator",
    "wrapAsyncGenerator",
    "awaitAsyncGenerator",
    "asyncIterator",
    "asyncGeneratorDelegate",
    "asyncValue",
    "asyncThrow",
];

const SYNTAX: &str = "ferroute::compile::syntax";

/// How to compile a file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CompileOptions {
    /// Lower `async` functions and arrows, async methods, `async function*` and
    /// `for await` to generators driven by the external helpers listed in
    /// [`ASYNC_HELPERS`] (`babelHelpers.asyncToGenerator(function* () { ... })`, `await x`
    /// becoming `yield x`). Top-level `await` is left as is, so the result stays an ES
    /// module that may use top-level await (a top-level `for await` becomes a loop that
    /// `await`s `babelHelpers.asyncIterator(...)`).
    ///
    /// An `async` function or arrow that never awaits (no `await`, `for await` or
    /// `await using` of its own, parameters all plain identifiers) skips the generator: it
    /// becomes a plain function whose statements run in `try { ... } catch (_e) { return
    /// babelHelpers.asyncThrow(_e); }` with every `return x` turned into `return
    /// babelHelpers.asyncValue(x)`, which is cheaper per call. Default `false`.
    pub lower_async: bool,
    /// Which module system the file uses. Default [`SourceKind::Esm`].
    pub kind: SourceKind,
    /// What an ES module becomes. Default [`ModuleFormat::Esm`]. CommonJS and JSON input
    /// are unaffected.
    pub module_format: ModuleFormat,
}

/// The form of the compiled code of an ES module.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum ModuleFormat {
    /// An ES module, for an engine with a module loader (QuickJS).
    #[default]
    Esm,
    /// A classic script whose value is a module record for ferroute's JavaScript module
    /// registry (`js/jsc/00_modules.js`), for an engine without a module loader
    /// (JavaScriptCore's C API):
    ///
    /// ```js
    /// ({ deps: ["./dep"], imports: [[0, "a"]], factory: function* (__exports, __meta, __import, __d0) {
    ///   "use strict";
    ///   __exports({ GET: () => GET });
    ///   yield;
    ///   function GET() { return (0, __d0.a)(); }
    /// } })
    /// ```
    ///
    /// `deps` are the static specifiers in source order, `imports` the named imports to
    /// check at link time, `reexports` (`[exported, dep, imported | null]`) and `stars`
    /// the `export … from` forms. A module that awaits at its top level says `async: true`
    /// and its own `await x` are `yield x` for the registry to drive (a top-level `for
    /// await`/`await using` makes the factory an `async function*` instead). JSON input
    /// stays `export default JSON.parse(…)` (the registry reads JSON itself). The full form
    /// is documented in `registry.rs`.
    Registry,
}

/// The module system of a file to compile.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub enum SourceKind {
    /// An ES module (`import`/`export`; strict).
    #[default]
    Esm,
    /// CommonJS (`require`/`module.exports`; sloppy unless it says `"use strict"`; a
    /// top-level `return` is allowed).
    CommonJs,
    /// A `.js` file whose package says neither: ESM if it uses `import`/`export` syntax,
    /// else CommonJS (what Next's bundler decides from the syntax).
    Detect,
}

/// The output of [`compile`].
#[derive(Debug, Clone)]
pub struct CompiledModule {
    /// The generated JavaScript. An ES module, except for `.cjs`/`.cts` input, which stays
    /// CommonJS (`require`/`module.exports`) for the runtime to wrap.
    pub code: String,
    /// Maps positions in `code` back to the input; `None` for JSON input.
    pub source_map: Option<SourceMap>,
    /// The input used `import`/`export` syntax. Lets the runtime tell ESM from CommonJS for
    /// a `.js` file whose package.json has no `"type"` ([`crate::ModuleKind::Ambiguous`]).
    pub has_module_syntax: bool,
    /// `Some` when the file was compiled as CommonJS: then [`CompiledModule::code`] is one
    /// function expression `(function (exports, require, module, __filename, __dirname) {
    /// … })` (the body keeps the input's line numbers), and this holds the export names
    /// found in it ([`CjsExports`]).
    pub commonjs: Option<CjsExports>,
    /// An ES module that uses `require`, `__filename` or `__dirname` without declaring them
    /// gets them as Next's bundler gives them: a `require` made by `createRequire` for the
    /// file (its first line starts with that declaration, so line numbers do not move).
    ///
    /// `(specifier, name)` for every named import and re-export of an ES module
    /// (`import { a } from 'x'`, `export { b } from 'x'`), so the runtime can give a
    /// CommonJS module imported this way the names its importers ask for.
    pub import_names: Vec<(String, String)>,
}

/// The parameters of the function a CommonJS file's code is wrapped in.
pub const CJS_WRAPPER_START: &str = "(function (exports, require, module, __filename, __dirname) {";

/// Compiles one user file (TS, TSX, MTS, CTS, JS, JSX, MJS, CJS or JSON, decided by the
/// extension of `path`) to JavaScript QuickJS can run.
///
/// TypeScript syntax is removed: type annotations, `as`/`satisfies`/`!`, interfaces and
/// type aliases, `import type`, imports only used as types (as tsc and Next elide them),
/// `declare`; enums and namespaces become IIFEs; parameter properties become assignments.
/// `.json` becomes `export default JSON.parse("<json>");`. `path` is shown in diagnostics and is the
/// source map's source.
///
/// # Errors
/// [`CompileError::Syntax`] with every syntax error in the file, or
/// [`CompileError::UnsupportedExtension`].
pub fn compile(
    path: &Path,
    source: &str,
    opts: &CompileOptions,
) -> Result<CompiledModule, CompileError> {
    if path
        .extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("json"))
    {
        return compile_json(path, source);
    }
    CompileError::catch_panic(path, || compile_code(path, source, opts))
}

fn compile_code(
    path: &Path,
    source: &str,
    opts: &CompileOptions,
) -> Result<CompiledModule, CompileError> {
    let declared = source_type(path)?;
    let source_type = match opts.kind {
        SourceKind::Esm => declared,
        SourceKind::CommonJs => declared.with_commonjs(true),
        SourceKind::Detect => declared.with_unambiguous(true),
    };
    let allocator = Allocator::default();
    let mut parsed = Parser::new(&allocator, source, source_type).parse();
    if opts.kind == SourceKind::Detect
        && (parsed.panicked || parsed.diagnostics.errors().next().is_some())
    {
        // A script that failed to parse may be CommonJS with a top-level `return`.
        let retry = Parser::new(&allocator, source, declared.with_commonjs(true)).parse();
        if !retry.panicked && retry.diagnostics.errors().next().is_none() {
            parsed = retry;
        }
    }
    let mut errors: Vec<OxcDiagnostic> = parsed.diagnostics.errors().cloned().collect();
    if parsed.panicked || !errors.is_empty() {
        return Err(syntax_error(path, source, source_type, &errors));
    }
    let mut program = parsed.program;
    let has_module_syntax = parsed.module_record.has_module_syntax;
    let commonjs = match opts.kind {
        // `.cjs`/`.cts` are CommonJS whatever the caller says.
        SourceKind::Esm => declared.is_commonjs(),
        SourceKind::CommonJs => true,
        SourceKind::Detect => !has_module_syntax,
    };
    let cjs = commonjs.then(|| cjs_exports(&program));
    let import_names = if commonjs {
        Vec::new()
    } else {
        named_imports(&parsed.module_record)
    };
    if opts.lower_async {
        // Before semantic analysis, so the new nodes get scopes like the user's own.
        rewrite_await_free_async(&allocator, &mut program);
    }

    let semantic = SemanticBuilder::new()
        .with_check_syntax_error(true)
        // The enum transform panics without evaluated enum members.
        .with_enum_eval(true)
        // The transformer adds scopes and symbols (oxc's own examples reserve the same).
        .with_excess_capacity(2.0)
        .build(&program);
    errors.extend(semantic.diagnostics.errors().cloned());
    if !errors.is_empty() {
        return Err(syntax_error(path, source, source_type, &errors));
    }
    let scoping = semantic.semantic.into_scoping();
    // Next's bundler gives ES modules `require`, `__filename` and `__dirname` too.
    let free = scoping.root_unresolved_references();
    let registry = !commonjs && opts.module_format == ModuleFormat::Registry;
    let cjs_globals: Vec<&'static str> = if commonjs {
        Vec::new()
    } else {
        ["require", "__filename", "__dirname"]
            .into_iter()
            .filter(|name| free.contains_key(*name))
            .collect()
    };

    let transformed = Transformer::new(&allocator, path, &transform_options(opts))
        .build_with_scoping(scoping, &mut program);
    errors.extend(transformed.diagnostics.errors().cloned());
    if !errors.is_empty() {
        return Err(syntax_error(path, source, source_type, &errors));
    }

    if registry {
        if !cjs_globals.is_empty() {
            program
                .body
                .splice(0..0, cjs_globals_prelude(&allocator, &cjs_globals));
        }
        to_registry(&allocator, &mut program);
    }

    let printed = Codegen::new()
        .with_options(CodegenOptions {
            source_map_path: Some(path.to_path_buf()),
            ..CodegenOptions::default()
        })
        .build(&program);
    let source_map = printed
        .map
        .map(|map| SourceMap::new(map.into_owned(), &printed.code));
    let code = if commonjs {
        // On the first line, so line numbers stay those of the input.
        format!("{CJS_WRAPPER_START}{}\n}})", printed.code)
    } else if cjs_globals.is_empty() || registry {
        printed.code
    } else {
        // Also on the first line; `import` declarations are hoisted, so it may come first.
        format!("{}{}", prelude_text(&cjs_globals), printed.code)
    };
    Ok(CompiledModule {
        source_map,
        code,
        has_module_syntax,
        commonjs: cjs,
        import_names,
    })
}

/// The declarations of `require`, `__filename` and `__dirname` an ES module gets when it
/// uses them undeclared (see [`CompiledModule::import_names`]).
fn prelude_text(cjs_globals: &[&str]) -> String {
    let mut prelude = String::new();
    if cjs_globals.contains(&"require") {
        prelude.push_str("import { createRequire as __ferrouteCreateRequire } from 'node:module'; const require = __ferrouteCreateRequire(import.meta.url); ");
    }
    if cjs_globals.contains(&"__filename") || cjs_globals.contains(&"__dirname") {
        prelude
            .push_str("const __filename = import.meta.filename, __dirname = import.meta.dirname; ");
    }
    prelude
}

/// [`prelude_text`] as statements, for the registry form, which must see the import.
fn cjs_globals_prelude<'a>(
    allocator: &'a Allocator,
    cjs_globals: &[&str],
) -> oxc_allocator::Vec<'a, oxc_ast::ast::Statement<'a>> {
    let text = allocator.alloc_str(&prelude_text(cjs_globals));
    let mut parsed = Parser::new(allocator, text, SourceType::mjs())
        .parse()
        .program;
    crate::registry::clear_spans(&mut parsed);
    parsed.body
}

fn named_imports(record: &oxc_syntax::module_record::ModuleRecord<'_>) -> Vec<(String, String)> {
    use oxc_syntax::module_record::{ExportImportName, ImportImportName};
    let mut out = Vec::new();
    for entry in &record.import_entries {
        if let ImportImportName::Name(name) = &entry.import_name {
            out.push((entry.module_request.name.to_string(), name.name.to_string()));
        }
    }
    for entry in &record.indirect_export_entries {
        if let (Some(request), ExportImportName::Name(name)) =
            (&entry.module_request, &entry.import_name)
        {
            out.push((request.name.to_string(), name.name.to_string()));
        }
    }
    out
}

/// Reads `path` and [`compile`]s it.
///
/// # Errors
/// [`CompileError::Read`] if the file cannot be read as UTF-8, else as [`compile`].
pub fn compile_file(path: &Path, opts: &CompileOptions) -> Result<CompiledModule, CompileError> {
    let source = std::fs::read_to_string(path).map_err(|source| CompileError::Read {
        path: path.to_path_buf(),
        source,
    })?;
    compile(path, &source, opts)
}

/// The language of `path`, from its extension.
pub(crate) fn source_type(path: &Path) -> Result<SourceType, CompileError> {
    SourceType::from_path(path).map_err(|_| CompileError::UnsupportedExtension {
        path: path.to_path_buf(),
    })
}

fn transform_options(opts: &CompileOptions) -> TransformOptions {
    let mut options = TransformOptions::default();
    // As Next's compiler does for the app directory: `react/jsx-runtime`, no React in scope.
    options.jsx.runtime = JsxRuntime::Automatic;
    if opts.lower_async {
        options.env.es2017.async_to_generator = true;
        options.env.es2018.async_generator_functions = true;
        options.helper_loader.mode = HelperLoaderMode::External;
    }
    options
}

/// Wraps oxc's diagnostics (messages and labels are oxc's, code and help are ours).
pub(crate) fn syntax_error(
    path: &Path,
    source: &str,
    source_type: SourceType,
    errors: &[OxcDiagnostic],
) -> CompileError {
    let help = syntax_help(path, source_type);
    let mut diagnostics = errors
        .iter()
        .map(|error| SourceDiagnostic::from_oxc(source, error, &help));
    // The parser may give up without saying why; still point at the file.
    let first = diagnostics.next().unwrap_or_else(|| {
        SourceDiagnostic::new(
            source,
            "cannot parse this file",
            (0, 0),
            None,
            Some(help.clone()),
        )
    });
    let errors = SourceErrors::new(SYNTAX, path, source, first, diagnostics.collect());
    CompileError::Syntax(Box::new(errors))
}

fn syntax_help(path: &Path, source_type: SourceType) -> String {
    let extension = path
        .extension()
        .map(|ext| ext.to_string_lossy())
        .unwrap_or_default();
    let language = match (source_type.is_typescript(), source_type.is_jsx()) {
        (true, true) => "TypeScript with JSX",
        (true, false) => "TypeScript without JSX",
        (false, _) => "JavaScript with JSX",
    };
    format!("ferroute parses .{extension} files as {language}; fix the code at the marked position")
}

fn compile_json(path: &Path, source: &str) -> Result<CompiledModule, CompileError> {
    let body = source.strip_prefix('\u{feff}').unwrap_or(source);
    if let Err(error) = serde_json::from_str::<serde_json::Value>(body) {
        let offset = source.len() - body.len() + offset_of(body, error.line(), error.column());
        let diagnostic = SourceDiagnostic::new(
            source,
            format!("invalid JSON: {error}"),
            (offset, 0),
            Some("here".to_string()),
            Some("JSON imports must be strict JSON: double-quoted keys, no comments, no trailing commas".to_string()),
        );
        let errors = SourceErrors::new(SYNTAX, path, source, diagnostic, Vec::new());
        return Err(CompileError::Syntax(Box::new(errors)));
    }
    // `JSON.parse` rather than an object literal: same value for every input (a literal
    // would turn a `"__proto__"` key into the prototype), and faster for large files.
    let literal = serde_json::Value::String(body.to_string());
    Ok(CompiledModule {
        code: format!("export default JSON.parse({literal});\n"),
        source_map: None,
        has_module_syntax: true,
        commonjs: None,
        import_names: Vec::new(),
    })
}

/// Byte offset of a 1-based line and 1-based column (in characters; 0 means line start).
fn offset_of(source: &str, line: usize, column: usize) -> usize {
    let line_start: usize = source
        .split_inclusive('\n')
        .take(line.saturating_sub(1))
        .map(str::len)
        .sum();
    let rest = source.get(line_start..).unwrap_or_default();
    let in_line: usize = rest
        .chars()
        .take(column.saturating_sub(1))
        .map(char::len_utf8)
        .sum();
    (line_start + in_line).min(source.len())
}
