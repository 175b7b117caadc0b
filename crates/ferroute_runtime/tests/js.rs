//! Runs the JavaScript unit tests of `js/tests/*.test.js` inside a real engine, with the
//! engine's own globals. Each file gets a fresh engine and the `test`/`assert` globals.

use std::path::Path;
use std::sync::Arc;

const HARNESS: &str = r#"
(() => {
  const tests = [];
  const fmt = (v) => { try { return JSON.stringify(v); } catch { return String(v); } };
  const fail = (msg) => { throw new Error(msg); };
  const deepEqual = (a, b) => {
    if (Object.is(a, b)) return true;
    if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
    if (Array.isArray(a) !== Array.isArray(b)) return false;
    const ka = Object.keys(a), kb = Object.keys(b);
    return ka.length === kb.length && ka.every((k) => deepEqual(a[k], b[k]));
  };
  const matches = (e, expected) => expected === undefined || (typeof expected === 'function'
    ? (expected.prototype !== undefined && e instanceof expected) || (expected.prototype === undefined && expected(e))
    : expected instanceof RegExp ? expected.test(String(e && e.message !== undefined ? e.message : e)) || expected.test(String(e)) : true);
  globalThis.test = (name, fn) => tests.push([name, fn]);
  globalThis.assert = {
    equal: (a, b, m) => { if (!Object.is(a, b) && a != b) fail(m || `expected ${fmt(b)}, got ${fmt(a)}`); },
    strictEqual: (a, b, m) => { if (!Object.is(a, b)) fail(m || `expected ${fmt(b)}, got ${fmt(a)}`); },
    notEqual: (a, b, m) => { if (a == b) fail(m || `expected not ${fmt(b)}`); },
    deepEqual: (a, b, m) => { if (!deepEqual(a, b)) fail(m || `expected ${fmt(b)}, got ${fmt(a)}`); },
    ok: (v, m) => { if (!v) fail(m || `expected truthy, got ${fmt(v)}`); },
    throws: (f, expected, m) => {
      try { f(); } catch (e) { if (!matches(e, expected)) fail(m || `wrong error: ${e}`); return e; }
      fail(m || 'expected an exception');
    },
    rejects: async (f, expected, m) => {
      try { await (typeof f === 'function' ? f() : f); } catch (e) { if (!matches(e, expected)) fail(m || `wrong rejection: ${e}`); return e; }
      fail(m || 'expected a rejection');
    },
  };
  globalThis.__runTests = async () => {
    let passed = 0;
    const failed = [];
    for (const [name, fn] of tests) {
      try { await fn(); passed++; } catch (e) { failed.push(`${name}: ${e && e.stack ? `${e}\n${e.stack}` : e}`); }
    }
    return JSON.stringify({ passed, failed });
  };
})();
"#;

fn run_file(path: &Path) -> (usize, Vec<String>) {
    let source = std::fs::read_to_string(path).expect("read test file");
    // Compiled like user code (async functions lowered), so that tests of the request scope
    // see what handlers see.
    let opts = ferroute_compiler::CompileOptions {
        lower_async: true,
        kind: ferroute_compiler::SourceKind::Esm,
        module_format: ferroute_compiler::ModuleFormat::Esm,
    };
    let source = ferroute_compiler::compile(path, &source, &opts)
        .map(|c| c.code)
        .unwrap_or(source);
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio");
    let local = tokio::task::LocalSet::new();
    local.block_on(&rt, async move {
        let root = std::env::temp_dir();
        let mut config =
            ferroute_runtime::EngineConfig::new(root, "http://localhost:3000".into(), 3000);
        config.engine = engine_kind();
        let config = Arc::new(config);
        let engine = ferroute_runtime::Engine::new(config).await.expect("engine");
        engine
            .run_script("harness.js", HARNESS)
            .await
            .expect("harness");
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        engine
            .run_script(&name, &format!("{source}\n;undefined"))
            .await
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        // A test whose promise never settles fails its file instead of hanging the run.
        let out = tokio::time::timeout(
            std::time::Duration::from_secs(60),
            engine.run_script("run.js", "__runTests()"),
        )
        .await
        .unwrap_or_else(|_| panic!("{name}: a test never finished (60 s)"))
        .unwrap_or_else(|e| panic!("{name}: {e}"));
        // Freed as `ferroute dev` frees an engine it replaces (or kept, when something
        // outside its heap still holds an object of it): never an abort.
        assert!(
            engine.retire().await,
            "{name}: the engine was kept, not freed"
        );
        let v: serde_json::Value = serde_json::from_str(&out).expect("results JSON");
        let passed = v["passed"].as_u64().unwrap_or(0) as usize;
        let failed = v["failed"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|f| f.as_str().unwrap_or("").to_owned())
                    .collect()
            })
            .unwrap_or_default();
        (passed, failed)
    })
}

/// `FERROUTE_ENGINE` (`quickjs` or `jsc`), QuickJS when unset.
fn engine_kind() -> ferroute_runtime::EngineKind {
    std::env::var("FERROUTE_ENGINE")
        .ok()
        .filter(|e| !e.is_empty())
        .map_or_else(Default::default, |e| {
            e.parse().unwrap_or_else(|e| panic!("FERROUTE_ENGINE: {e}"))
        })
}

#[test]
fn js_unit_tests_pass_in_the_engine() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("js/tests");
    let jsc = engine_kind() == ferroute_runtime::EngineKind::Jsc;
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("js/tests")
        .filter_map(Result::ok)
        .map(|e| e.path())
        // intl.test.js tests QuickJS's English-only Intl (60_intl.js); JavaScriptCore has ICU's.
        .filter(|p| !(jsc && p.ends_with("intl.test.js")))
        .filter(|p| p.to_string_lossy().ends_with(".test.js"))
        // JS_TEST_FILTER=stream runs the files whose name contains it.
        .filter(|p| {
            std::env::var("JS_TEST_FILTER")
                .map_or(true, |f| p.to_string_lossy().contains(f.as_str()))
        })
        .collect();
    // On JavaScriptCore, also the tests of its crypto (js/jsc/50_crypto.js to 52_subtle.js),
    // whose natives only the engine has (the other files of js/jsc/tests run in ferroute_jsc).
    if jsc {
        let jsc_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("js/jsc/tests");
        files.extend(
            ["crypto.test.js", "node_crypto.test.js"]
                .iter()
                .map(|f| jsc_dir.join(f))
                .filter(|p| {
                    std::env::var("JS_TEST_FILTER")
                        .map_or(true, |f| p.to_string_lossy().contains(f.as_str()))
                }),
        );
    }
    files.sort();
    let (mut passed, mut failed) = (0, Vec::new());
    for f in &files {
        eprintln!("{}", f.display());
        let (p, fl) = run_file(f);
        passed += p;
        failed.extend(fl.into_iter().map(|m| format!("{}: {m}", f.display())));
    }
    println!("{passed} passed, {} failed", failed.len());
    assert!(
        failed.is_empty(),
        "{} JavaScript test(s) failed:\n{}",
        failed.len(),
        failed.join("\n\n")
    );
    assert!(passed > 0, "no JavaScript tests ran");
}
