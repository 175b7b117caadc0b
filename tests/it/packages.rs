//! npm packages as Node runs them: CommonJS (named imports found as Node's lexer finds
//! them, `__esModule` interop as Next's bundler does it, cycles, JSON, `createRequire`,
//! `require()` of ES modules), `exports` conditions of the App Router's server layer, and
//! Node's built-in modules. The fixture's packages are hand-written under
//! `tests/fixtures/cjs/node_modules`, one per rule.

use std::sync::OnceLock;

use serde_json::json;

use crate::support::{fixture, TestServer};

fn cjs() -> &'static TestServer {
    static S: OnceLock<TestServer> = OnceLock::new();
    S.get_or_init(|| fixture("cjs", 2))
}

#[test]
fn commonjs_named_and_default_imports() {
    let r = cjs().get("/basic");
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(
        r.json(),
        json!({
            "parsed": {"a": 1}, "safe": true, "version": "1.2.3", "fromDir": true, "self": true,
            "defaultIsExports": true,
            "reexport": [1, 2, "three"],
            "helpers": {"joined": "a/b", "fileName": "helpers.js", "req": "function"},
            "esmRequire": true, "esmDirname": true,
        })
    );
}

#[test]
fn interop_conditions_json_and_require_of_esm() {
    let r = cjs().get("/interop");
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(
        r.json(),
        json!({
            "greet": "hello you", "helper": "helper", "nsKeys": ["default", "helper"],
            // `react-server` wins for the server layer, for import and require alike;
            // a subpath without it takes `import` or `require` by how it is loaded.
            "which": "react-server", "sub": "import",
            "requireWhich": "react-server", "internal": "internal", "requireSub": "require",
            "esm": true, "esmDefault": "esm default", "requireEsm": "esm default",
            "json": {"answer": 42}, "resolved": true, "builtinSame": true,
        })
    );
}

#[test]
fn commonjs_cycles_see_partial_exports() {
    let r = cjs().get("/cycle");
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(
        r.json(),
        json!({"early": "a-early", "late": "a-late", "sawB": "b", "bSawA": {"early": "a-early"}})
    );
}

#[test]
fn node_builtins_fs_globals_and_refused_calls() {
    let r = cjs().get("/builtins");
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(
        r.json(),
        json!({
            "same": true, "answer": 42, "spawnError": "ERR_FERROUTE_UNSUPPORTED",
            "missing": {"code": "ENOENT", "message": "ENOENT: no such file or directory, open '<root>/nope.txt'"},
            "immediate": "immediate", "hasGlobal": true, "version": "v20.20.2", "node": "20.20.2",
            "ee": "function",
        })
    );
}
