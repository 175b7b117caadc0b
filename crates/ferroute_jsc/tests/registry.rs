//! ES modules on JavaScriptCore through our module registry
//! (`ferroute_runtime/js/jsc/00_modules.js`): module files in a temporary folder, compiled by
//! `ferroute_compiler` in the registry form, linked and evaluated on a real JSC VM, with the
//! natives `moduleResolve`/`moduleLoad` (plus `cjsNames`/`readText`) implemented here.

use std::path::{Component, Path, PathBuf};

use ferroute_compiler::{compile, CompileOptions, ModuleFormat, SourceKind};
use ferroute_jsc::{JsError, Value, Vm};

const MODULES_JS: &str = include_str!("../../ferroute_runtime/js/jsc/00_modules.js");

/// What the rest of the platform gives the registry, reduced to what the tests need:
/// `internal.cjs.importCjs`, `internal.builtin`, `internal.modules`, and the async helpers of
/// `lower_async` (a plain driver: enough for awaits in lowered functions).
const PLATFORM_JS: &str = r"
(() => {
  'use strict';
  const internal = globalThis[Symbol.for('ferroute.internal')];
  const cjsCache = new Map();
  internal.cjs = {
    importCjs(path) {
      if (!cjsCache.has(path)) {
        const module = { exports: {} };
        cjsCache.set(path, module);
        new Function('exports', 'module', internal.native.readText(path))(module.exports, module);
      }
      return cjsCache.get(path).exports;
    },
  };
  const builtins = { fake: { hello: () => 'hi', version: 1 } };
  internal.builtin = (name) => builtins[name];
  internal.modules['next/fake'] = { NextThing: 42, default: 'ignored' };
  globalThis.babelHelpers = {
    asyncToGenerator(fn) {
      return function (...args) {
        const gen = fn.apply(this, args);
        return new Promise((resolve, reject) => {
          const step = (method, arg) => {
            let result;
            try { result = gen[method](arg); } catch (e) { reject(e); return; }
            if (result.done) resolve(result.value);
            else Promise.resolve(result.value).then((v) => step('next', v), (e) => step('throw', e));
          };
          step('next');
        });
      };
    },
    asyncValue: (v) => Promise.resolve(v),
    asyncThrow: (e) => Promise.reject(e),
  };
  globalThis.log = [];
  globalThis.out = {};
})();
";

/// A temporary folder of module files, removed on drop.
struct Files(PathBuf);

impl Files {
    fn new(files: &[(&str, &str)]) -> Self {
        static COUNTER: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir =
            std::env::temp_dir().join(format!("ferroute-registry-{}-{n}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("create temp dir");
        let dir = dir.canonicalize().expect("canonical temp dir");
        for (name, source) in files {
            std::fs::write(dir.join(name), source).expect("write module");
        }
        Self(dir)
    }

    fn path(&self, name: &str) -> String {
        self.0.join(name).to_string_lossy().into_owned()
    }
}

impl Drop for Files {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// `[kind, key]`: `node:fake` and `next/fake` are built-ins, other bare names are unknown,
/// paths are relative to the importer (or absolute); the kind comes from the extension.
fn module_resolve(
    specifier: &str,
    importer: Option<&str>,
) -> Result<(&'static str, String), JsError> {
    match specifier {
        "node:fake" => return Ok(("builtin", "fake".into())),
        "next/fake" => return Ok(("internal", "next/fake".into())),
        _ => {}
    }
    let joined = if specifier.starts_with('/') {
        PathBuf::from(specifier)
    } else if specifier.starts_with("./") || specifier.starts_with("../") {
        let importer =
            importer.ok_or_else(|| JsError::error("relative specifier without importer"))?;
        Path::new(importer)
            .parent()
            .unwrap_or(Path::new("/"))
            .join(specifier)
    } else {
        return Err(JsError::error(&format!(
            "Cannot find package '{specifier}'"
        )));
    };
    let mut path = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::ParentDir => {
                path.pop();
            }
            Component::CurDir => {}
            other => path.push(other),
        }
    }
    if !path.is_file() {
        return Err(JsError::error(&format!(
            "Cannot find module '{}'",
            path.display()
        )));
    }
    let kind = match path.extension().and_then(|e| e.to_str()) {
        Some("cjs") => "cjs",
        Some("json") => "json",
        _ => "esm",
    };
    Ok((kind, path.to_string_lossy().into_owned()))
}

fn string_arg(args: &[Value], index: usize) -> Result<String, JsError> {
    args.get(index)
        .and_then(Value::as_string)
        .ok_or_else(|| JsError::type_error("expected a string argument"))
}

/// A VM with `internal` (natives included), the test platform and the registry.
fn registry_vm(lower_async: bool) -> Vm {
    let vm = Vm::new();
    let native = vm
        .eval(
            "globalThis[Symbol.for('ferroute.internal')] = { modules: {}, native: {} }; \
             globalThis[Symbol.for('ferroute.internal')].native",
            "file:///setup.js",
            1,
        )
        .expect("internal object");
    let resolve = vm.function("moduleResolve", |vm, args| {
        let specifier = string_arg(args, 0)?;
        let importer = args.get(1).and_then(Value::as_string);
        let (kind, key) = module_resolve(&specifier, importer.as_deref())?;
        vm.array(&[vm.string(kind), vm.string(&key)])
    });
    let options = CompileOptions {
        lower_async,
        kind: SourceKind::Esm,
        module_format: ModuleFormat::Registry,
    };
    let load = vm.function("moduleLoad", move |vm, args| {
        let path = string_arg(args, 0)?;
        let source = std::fs::read_to_string(&path).map_err(|e| JsError::error(&e.to_string()))?;
        let module = compile(Path::new(&path), &source, &options)
            .map_err(|e| JsError::new("SyntaxError", &e.to_string()))?;
        vm.eval(&module.code, &path, 1)
    });
    let cjs_names = vm.function("cjsNames", |vm, args| {
        // `exports.<name> =`, which is all the test's CommonJS files use.
        let source = std::fs::read_to_string(string_arg(args, 0)?)
            .map_err(|e| JsError::error(&e.to_string()))?;
        let names: Vec<Value> = source
            .split("exports.")
            .skip(1)
            .filter_map(|rest| rest.split_once(" =").map(|(name, _)| vm.string(name)))
            .collect();
        vm.array(&names)
    });
    let read_text = vm.function("readText", |vm, args| {
        let text = std::fs::read_to_string(string_arg(args, 0)?)
            .map_err(|e| JsError::error(&e.to_string()))?;
        Ok(vm.string(&text))
    });
    for (name, function) in [
        ("moduleResolve", resolve),
        ("moduleLoad", load),
        ("cjsNames", cjs_names),
        ("readText", read_text),
    ] {
        native.set(name, &function).expect("install native");
    }
    vm.eval(PLATFORM_JS, "file:///platform.js", 1)
        .expect("platform");
    vm.eval(MODULES_JS, "ferroute:jsc/00_modules.js", 1)
        .expect("registry");
    vm
}

/// Evaluates `source`, panicking on an exception.
#[track_caller]
fn eval(vm: &Vm, source: &str) -> Value {
    vm.eval(source, "file:///test.js", 1)
        .unwrap_or_else(|err| panic!("{source}: {err}"))
}

/// The string `source` evaluates to.
#[track_caller]
fn text(vm: &Vm, source: &str) -> String {
    eval(vm, source).to_string().expect("string")
}

/// Imports `path` as a route is loaded (`importModule(path, null)`); the namespace lands in
/// `out.ns`, a rejection in `out.error`. Promise jobs run when the eval returns.
fn import(vm: &Vm, path: &str) {
    let path = serde_json::to_string(path).expect("json");
    eval(
        vm,
        &format!(
            "out = {{}}; globalThis[Symbol.for('ferroute.internal')].registry.importModule({path}, null)\
             .then((ns) => {{ out.ns = ns; }}, (e) => {{ out.error = e; }});"
        ),
    );
}

/// Runs `check` on a fresh VM without and with `lower_async`.
fn both(check: impl Fn(bool)) {
    check(false);
    check(true);
}

#[test]
fn live_bindings_follow_reassignments() {
    both(|lower| {
        let files = Files::new(&[
            ("counter.js", "export let n = 0;\nexport function inc() { n++; }\nexport async function incLater() { await null; n += 10; }\n"),
            ("main.js", "import { n, inc } from './counter.js';\nimport * as counter from './counter.js';\ninc(); inc();\nexport const seen = n;\nexport function now() { return n + ':' + counter.n; }\n"),
        ]);
        let vm = registry_vm(lower);
        import(&vm, &files.path("main.js"));
        assert_eq!(text(&vm, "String(out.error)"), "undefined");
        assert_eq!(text(&vm, "String(out.ns.seen)"), "2");
        eval(&vm, "out.ns.now(); globalThis.counter = null;");
        import(&vm, &files.path("counter.js"));
        eval(
            &vm,
            "out.counter = out.ns; out.ns.inc(); out.counter.incLater();",
        );
        import(&vm, &files.path("main.js"));
        assert_eq!(text(&vm, "out.ns.now()"), "13:13", "lower_async: {lower}");
    });
}

#[test]
fn cycles_see_hoisted_functions_and_the_tdz() {
    let files = Files::new(&[
        ("a.js", "import { b } from './b.js';\nexport let a = 'a';\nexport function fa() { return 'fa'; }\nexport const fromB = b;\nlog.push('a');\n"),
        ("b.js", "import { a, fa } from './a.js';\nlog.push('b');\nexport const b = 'b' + fa();\nlet early;\ntry { early = a; } catch (e) { early = e.name; }\nexport { early };\nexport function lateA() { return a; }\n"),
    ]);
    let vm = registry_vm(false);
    import(&vm, &files.path("a.js"));
    assert_eq!(text(&vm, "String(out.error)"), "undefined");
    assert_eq!(text(&vm, "log.join()"), "b,a", "the dependency runs first");
    assert_eq!(text(&vm, "out.ns.fromB"), "bfa");
    import(&vm, &files.path("b.js"));
    assert_eq!(text(&vm, "out.ns.early"), "ReferenceError");
    assert_eq!(
        text(&vm, "out.ns.lateA()"),
        "a",
        "the binding is live once initialised"
    );
}

#[test]
fn top_level_await_orders_siblings_and_parents() {
    both(|lower| {
        let files = Files::new(&[
            ("x.js", "log.push('x start');\nawait gate;\nlog.push('x end');\nexport const x = 1;\n"),
            ("y.js", "log.push('y start');\nawait null;\nlog.push('y end');\n"),
            ("z.js", "log.push('z');\n"),
            ("main.js", "import { x } from './x.js';\nimport './y.js';\nimport './z.js';\nlog.push('main ' + x);\n"),
        ]);
        let vm = registry_vm(lower);
        let (gate, resolver) = vm.deferred_promise().expect("promise");
        vm.global().set("gate", &gate).expect("gate");
        import(&vm, &files.path("main.js"));
        assert_eq!(text(&vm, "log.join()"), "x start,y start,z,y end");
        assert_eq!(
            text(&vm, "typeof out.ns"),
            "undefined",
            "still waiting for x"
        );
        resolver.resolve(&vm.undefined()).expect("resolve");
        assert_eq!(
            text(&vm, "log.join()"),
            "x start,y start,z,y end,x end,main 1"
        );
        assert_eq!(text(&vm, "typeof out.ns"), "object");
    });
}

#[test]
fn dynamic_import_inside_a_function() {
    both(|lower| {
        let files = Files::new(&[
            ("value.js", "export const value = 7;\n"),
            ("main.js", "export async function load(name) {\n  const m = await import('./' + name + '.js');\n  return m.value;\n}\nexport function missing() { return import('./nope.js'); }\n"),
        ]);
        let vm = registry_vm(lower);
        import(&vm, &files.path("main.js"));
        eval(&vm, "out.ns.load('value').then((v) => { out.value = v; }); out.ns.missing().catch((e) => { out.missing = e.message; });");
        assert_eq!(text(&vm, "String(out.value)"), "7", "lower_async: {lower}");
        assert!(text(&vm, "out.missing").starts_with("Cannot find module"));
    });
}

#[test]
fn import_meta_has_url_filename_and_dirname() {
    let files = Files::new(&[(
        "meta file.js",
        "export const { url, filename, dirname } = import.meta;\n",
    )]);
    let vm = registry_vm(false);
    let path = files.path("meta file.js");
    import(&vm, &path);
    assert_eq!(
        text(&vm, "out.ns.url"),
        format!("file://{}", path.replace(' ', "%20"))
    );
    assert_eq!(text(&vm, "out.ns.filename"), path);
    assert_eq!(text(&vm, "out.ns.dirname"), files.0.to_string_lossy());
}

#[test]
fn default_export_forms() {
    both(|lower| {
        let files = Files::new(&[
            ("d1.js", "export default function () { return 1; }\n"),
            ("d2.js", "export default class { two() { return 2; } }\n"),
            ("d3.js", "export default () => 3;\n"),
            ("d4.js", "export default 2 * 2;\n"),
            ("d5.js", "export default function named() { return 5; }\n"),
            ("d6.js", "const six = 6;\nexport { six as default };\n"),
            ("d7.js", "export default async function () { await null; return 7; }\n"),
            ("main.js", "import d1 from './d1.js';\nimport d2 from './d2.js';\nimport d3 from './d3.js';\nimport d4 from './d4.js';\nimport d5 from './d5.js';\nimport { default as d6 } from './d6.js';\nimport d7 from './d7.js';\nexport const values = [d1(), new d2().two(), d3(), d4, d5(), d6, await d7()].join();\nexport const names = [d1.name, d2.name, d3.name, d5.name, d7.name].join();\n"),
        ]);
        let vm = registry_vm(lower);
        import(&vm, &files.path("main.js"));
        assert_eq!(text(&vm, "String(out.error)"), "undefined");
        assert_eq!(text(&vm, "out.ns.values"), "1,2,3,4,5,6,7");
        assert_eq!(
            text(&vm, "out.ns.names"),
            "default,default,default,named,default",
            "lower_async: {lower}"
        );
    });
}

#[test]
fn re_exports_and_export_star_collisions() {
    let files = Files::new(&[
        ("lib1.js", "export const x = 1, shared = 'one';\nexport default 'd1';\n"),
        ("lib2.js", "export const y = 2, shared = 'two';\n"),
        ("lib4.js", "export * from './lib1.js';\n"),
        ("index.js", "export * from './lib1.js';\nexport * from './lib2.js';\nexport * from './lib4.js';\nexport { y as why, 'y' as \"y-y\" } from './lib2.js';\nexport * as ns2 from './lib2.js';\nexport const local = 'l';\n"),
        ("main.js", "import * as all from './index.js';\nimport { x, why } from './index.js';\nexport const keys = Object.keys(all).join();\nexport const values = [x, why, all['y-y'], all.ns2.shared].join();\nexport { all };\n"),
        ("ambiguous.js", "import { shared } from './index.js';\n"),
    ]);
    let vm = registry_vm(false);
    import(&vm, &files.path("main.js"));
    assert_eq!(text(&vm, "String(out.error)"), "undefined");
    // `shared` is ambiguous (two bindings), `x` is not (one binding by two paths), no `default`.
    assert_eq!(text(&vm, "out.ns.keys"), "local,ns2,why,x,y,y-y");
    assert_eq!(text(&vm, "out.ns.values"), "1,2,2,two");
    let all = "out.ns.all";
    assert_eq!(
        text(&vm, &format!("Object.prototype.toString.call({all})")),
        "[object Module]"
    );
    assert_eq!(
        text(&vm, &format!("String(Object.getPrototypeOf({all}))")),
        "null"
    );
    assert_eq!(
        text(&vm, &format!("String(Object.isSealed({all}))")),
        "true"
    );
    assert_eq!(
        text(&vm, &format!("(() => {{ 'use strict'; try {{ {all}.x = 5; }} catch (e) {{ return e.name; }} }})()")),
        "TypeError"
    );
    import(&vm, &files.path("ambiguous.js"));
    assert_eq!(
        text(&vm, "out.error.name + ': ' + out.error.message"),
        format!(
            "SyntaxError: export 'shared' in module '{}' is ambiguous",
            files.path("index.js")
        )
    );
}

#[test]
fn missing_named_import_fails_at_link_time_in_quickjs_wording() {
    let files = Files::new(&[
        (
            "lib.js",
            "log.push('lib ran');\nexport const present = 1;\n",
        ),
        ("main.js", "import { present, nope } from './lib.js';\n"),
    ]);
    let vm = registry_vm(false);
    for _ in 0..2 {
        import(&vm, &files.path("main.js"));
        assert_eq!(
            text(&vm, "out.error.name + ': ' + out.error.message"),
            format!(
                "SyntaxError: Could not find export 'nope' in module '{}'",
                files.path("lib.js")
            )
        );
    }
    assert_eq!(text(&vm, "log.join()"), "", "nothing ran");
}

#[test]
fn an_evaluation_error_reaches_every_importer() {
    let files = Files::new(&[
        (
            "bad.js",
            "log.push('bad');\nthrow new Error('bad module');\n",
        ),
        ("a.js", "import './bad.js';\nlog.push('a');\n"),
        ("b.js", "import './bad.js';\nlog.push('b');\n"),
    ]);
    let vm = registry_vm(false);
    import(&vm, &files.path("a.js"));
    eval(&vm, "globalThis.first = out.error;");
    assert_eq!(text(&vm, "first.message"), "bad module");
    import(&vm, &files.path("b.js"));
    assert_eq!(text(&vm, "String(out.error === first)"), "true");
    assert_eq!(
        text(&vm, "log.join()"),
        "bad",
        "evaluated once, importers never ran"
    );
    let err = vm
        .eval(
            &format!(
                "globalThis[Symbol.for('ferroute.internal')].registry.requireEsm({:?})",
                files.path("a.js")
            ),
            "file:///t.js",
            1,
        )
        .unwrap_err();
    assert_eq!(err.message(), "bad module");
}

#[test]
fn a_module_is_evaluated_once() {
    both(|lower| {
        let files = Files::new(&[
            ("shared.js", "globalThis.evals = (globalThis.evals ?? 0) + 1;\nexport const token = {};\n"),
            ("a.js", "import { token } from './shared.js';\nexport { token };\n"),
            ("main.js", "import { token as a } from './a.js';\nimport { token as b } from './shared.js';\nexport async function again() { return (await import('./shared.js')).token === a && a === b; }\n"),
        ]);
        let vm = registry_vm(lower);
        import(&vm, &files.path("main.js"));
        eval(
            &vm,
            "out.ns.again().then((same) => { globalThis.same = same; });",
        );
        import(&vm, &files.path("shared.js"));
        assert_eq!(text(&vm, "String(globalThis.same)"), "true");
        assert_eq!(text(&vm, "String(evals)"), "1");
    });
}

#[test]
fn require_esm_is_synchronous_and_refuses_top_level_await() {
    let files = Files::new(&[
        ("dep.js", "export function f() { return 'f'; }\n"),
        (
            "sync.js",
            "import { f } from './dep.js';\nexport const value = f() + '!';\n",
        ),
        ("tla.js", "await null;\nexport const late = 1;\n"),
        ("tla2.js", "await null;\nexport const late = 2;\n"),
        (
            "uses-tla.js",
            "import { late } from './tla.js';\nexport const value = late;\n",
        ),
    ]);
    let vm = registry_vm(false);
    let require = |path: &str| {
        vm.eval(
            &format!(
                "globalThis[Symbol.for('ferroute.internal')].registry.requireEsm({:?}).value",
                files.path(path)
            ),
            "file:///t.js",
            1,
        )
    };
    assert_eq!(
        require("sync.js")
            .expect("sync graph")
            .as_string()
            .as_deref(),
        Some("f!")
    );
    let err = require("uses-tla.js").unwrap_err();
    assert_eq!(
        err.message(),
        format!("require() cannot be used on an ES module that uses top-level await ({}); use import() instead", files.path("uses-tla.js"))
    );
    // The graph settled when the previous call returned (its jobs ran), so a fresh one.
    let code = eval(
        &vm,
        &format!("try {{ globalThis[Symbol.for('ferroute.internal')].registry.requireEsm({:?}) }} catch (e) {{ e.code }}", files.path("tla2.js")),
    );
    assert_eq!(
        code.as_string().as_deref(),
        Some("ERR_REQUIRE_ASYNC_MODULE")
    );
}

#[test]
fn commonjs_json_and_builtin_modules() {
    let files = Files::new(&[
        ("lib.cjs", "log.push('cjs');\nexports.answer = 42;\nexports.greet = (n) => 'hello ' + n;\n"),
        ("esm-flag.cjs", "exports.__esModule = true;\nexports.default = 'the default';\nexports.other = 1;\n"),
        ("data.json", "{ \"name\": \"data\", \"list\": [1, 2] }"),
        ("main.js", "import lib, { answer, greet } from './lib.cjs';\nimport flagged, { other } from './esm-flag.cjs';\nimport data from './data.json';\nimport fake, { hello } from 'node:fake';\nimport { NextThing } from 'next/fake';\nlog.push('main');\nexport const values = [lib.answer, answer, greet('x'), flagged, other, data.name, data.list.length, hello(), fake.version, NextThing].join();\n"),
        ("missing.js", "import { nope } from 'node:fake';\n"),
    ]);
    let vm = registry_vm(false);
    import(&vm, &files.path("main.js"));
    assert_eq!(text(&vm, "String(out.error)"), "undefined");
    assert_eq!(
        text(&vm, "out.ns.values"),
        "42,42,hello x,the default,1,data,2,hi,1,42"
    );
    assert_eq!(text(&vm, "log.join()"), "cjs,main");
    import(&vm, &files.path("missing.js"));
    assert_eq!(
        text(&vm, "out.error.message"),
        "Could not find export 'nope' in module 'fake'"
    );
}

#[test]
fn a_top_level_await_rejection_reaches_importers_and_stops_them() {
    both(|lower| {
        let files = Files::new(&[
            ("fails.js", "log.push('fails');\nawait null;\nthrow new Error('late failure');\n"),
            ("sibling.js", "log.push('sibling');\n"),
            ("main.js", "import './fails.js';\nimport './sibling.js';\nlog.push('main');\n"),
            ("catches.js", "let caught;\ntry { await Promise.reject(new TypeError('awaited')); } catch (e) { caught = e.name; }\nexport { caught };\n"),
        ]);
        let vm = registry_vm(lower);
        import(&vm, &files.path("main.js"));
        assert_eq!(text(&vm, "out.error.message"), "late failure");
        assert_eq!(text(&vm, "log.join()"), "fails,sibling", "main never ran");
        import(&vm, &files.path("catches.js"));
        assert_eq!(
            text(&vm, "out.ns.caught"),
            "TypeError",
            "a rejection is thrown at the await"
        );
    });
}

#[test]
fn top_level_for_await_runs_in_an_async_generator_factory() {
    // Without `lower_async` a top-level `for await` keeps an `async function*` factory.
    let files = Files::new(&[
        ("loop.js", "async function* items() { yield 1; yield 2; }\nlet total = 0;\nfor await (const item of items()) total += item;\nexport { total };\n"),
        ("main.js", "import { total } from './loop.js';\nexport const seen = total;\n"),
    ]);
    let vm = registry_vm(false);
    import(&vm, &files.path("main.js"));
    assert_eq!(text(&vm, "String(out.error)"), "undefined");
    assert_eq!(text(&vm, "String(out.ns.seen)"), "3");
}

#[test]
fn a_syntax_error_in_a_dependency_rejects_the_import() {
    let files = Files::new(&[
        ("broken.js", "export const = 1;\n"),
        ("main.js", "log.push('main');\nimport './broken.js';\n"),
    ]);
    let vm = registry_vm(false);
    for _ in 0..2 {
        import(&vm, &files.path("main.js"));
        assert_eq!(text(&vm, "out.error.name"), "SyntaxError");
    }
    assert_eq!(text(&vm, "log.join()"), "");
}

#[test]
fn string_export_names_and_proto() {
    let files = Files::new(&[
        ("lib.js", "const a = 1, p = 'proto';\nexport { a as 'a-b', p as __proto__ };\n"),
        ("main.js", "import { 'a-b' as ab, __proto__ as p } from './lib.js';\nimport * as lib from './lib.js';\nexport const values = [ab, p, Object.keys(lib).join('|')].join();\n"),
    ]);
    let vm = registry_vm(false);
    import(&vm, &files.path("main.js"));
    assert_eq!(text(&vm, "String(out.error)"), "undefined");
    assert_eq!(text(&vm, "out.ns.values"), "1,proto,__proto__|a-b");
}

#[test]
fn import_during_evaluation_waits_for_the_graph() {
    let files = Files::new(&[
        ("a.js", "log.push('a');\nexport const p = import('./b.js').then((ns) => { log.push('imported b'); return ns.value; });\n"),
        ("b.js", "log.push('b');\nexport const value = 'b value';\n"),
        ("main.js", "import { p } from './a.js';\nimport './b.js';\nlog.push('main');\nexport const v = await p;\n"),
    ]);
    let vm = registry_vm(false);
    import(&vm, &files.path("main.js"));
    assert_eq!(text(&vm, "String(out.error)"), "undefined");
    assert_eq!(text(&vm, "out.ns.v"), "b value");
    // b is evaluated by then (as a dependency of main), so the import settles in a job.
    assert_eq!(text(&vm, "log.join()"), "a,b,main,imported b");
}

#[test]
fn require_esm_inside_an_evaluation_returns_the_namespace() {
    let files = Files::new(&[
        ("leaf.js", "export const leaf = 'leaf';\n"),
        ("mid.js", "import './main.js';\nimport { leaf } from './leaf.js';\nexport const mid = 'mid ' + leaf;\n"),
        ("main.js", "import './leaf.js';\nconst registry = globalThis[Symbol.for('ferroute.internal')].registry;\nexport const viaRequire = registry.requireEsm(import.meta.filename.replace('main.js', 'mid.js')).mid;\n"),
    ]);
    let vm = registry_vm(false);
    import(&vm, &files.path("main.js"));
    assert_eq!(text(&vm, "String(out.error)"), "undefined");
    assert_eq!(text(&vm, "out.ns.viaRequire"), "mid leaf");
    import(&vm, &files.path("mid.js"));
    assert_eq!(text(&vm, "out.ns.mid"), "mid leaf", "mid stays evaluated");
}

#[test]
fn writing_an_import_throws_a_type_error() {
    let files = Files::new(&[
        ("lib.js", "export let value = 1;\n"),
        ("main.js", "import { value } from './lib.js';\nconst errors = [];\ntry { value = 2; } catch (e) { errors.push(e.name); }\ntry { ({ value } = { value: 3 }); } catch (e) { errors.push(e.name); }\nexport const seen = errors.join() + ':' + value;\n"),
    ]);
    let vm = registry_vm(false);
    import(&vm, &files.path("main.js"));
    assert_eq!(text(&vm, "String(out.error)"), "undefined");
    assert_eq!(text(&vm, "out.ns.seen"), "TypeError,TypeError:1");
}
