//! The CommonJS export lexer: the patterns Node's cjs-module-lexer documents, as the
//! compilers that target it emit them.

use std::path::Path;

use crate::{compile, CompileOptions, SourceKind};

fn exports(source: &str) -> (Vec<String>, Vec<String>, bool) {
    let options = CompileOptions {
        lower_async: false,
        kind: SourceKind::CommonJs,
        module_format: crate::ModuleFormat::Esm,
    };
    let module = compile(Path::new("x.js"), source, &options).expect("compiles");
    let cjs = module.commonjs.expect("compiled as CommonJS");
    (
        cjs.names.into_iter().collect(),
        cjs.reexports,
        cjs.es_module,
    )
}

#[test]
fn finds_the_documented_patterns() {
    let cases: &[(&str, &[&str], &[&str], bool)] = &[
        ("exports.a = 1; module.exports.b = 2; exports['c'] = 3;", &["a", "b", "c"], &[], false),
        (
            "Object.defineProperty(exports, 'd', { enumerable: true, get: () => 1 });",
            &["d"],
            &[],
            false,
        ),
        ("module.exports = { e, f: 1, g() {}, 'h': 2, ...require('./more') };", &["e", "f", "g", "h"], &["./more"], false),
        ("module.exports = require('./impl');", &[], &["./impl"], false),
        // TypeScript's output: the __esModule marker, `void 0` pre-declarations, re-exports.
        (
            "\"use strict\";\nObject.defineProperty(exports, \"__esModule\", { value: true });\nexports.x = void 0;\nexports.default = f;\n__exportStar(require(\"./y\"), exports);\ntslib_1.__exportStar(require(\"./z\"), exports);",
            &["x"],
            &["./y", "./z"],
            true,
        ),
        // Babel's re-export loop.
        (
            "var _w = require('./w');\nObject.keys(_w).forEach(function (key) { exports[key] = _w[key]; });",
            &[],
            &["./w"],
            false,
        ),
        // esbuild's annotation for Node.
        ("0 && (module.exports = { one, two });", &["one", "two"], &[], false),
        // Inside a UMD factory: found too (the importer gets undefined if never set).
        ("(function (f) { f(exports); })(function (exports) { exports.umd = 1; });", &["umd"], &[], false),
    ];
    for (source, names, reexports, es_module) in cases {
        let (n, r, e) = exports(source);
        assert_eq!(n, *names, "names of {source}");
        assert_eq!(r, *reexports, "re-exports of {source}");
        assert_eq!(e, *es_module, "__esModule of {source}");
    }
}

#[test]
fn top_level_return_and_sloppy_mode_are_allowed() {
    let (names, _, _) =
        exports("if (typeof window !== 'undefined') return;\nwith (Math) { exports.pi = PI; }");
    assert_eq!(names, ["pi"]);
}

#[test]
fn detect_picks_commonjs_without_import_or_export() {
    let options = CompileOptions {
        lower_async: false,
        kind: SourceKind::Detect,
        module_format: crate::ModuleFormat::Esm,
    };
    let cjs = compile(Path::new("x.js"), "exports.a = 1;", &options).expect("compiles");
    assert!(cjs.commonjs.is_some());
    let esm = compile(Path::new("x.js"), "export const a = 1;", &options).expect("compiles");
    assert!(esm.commonjs.is_none());
    // A top-level return is only valid in CommonJS: detection retries as CommonJS.
    let ret = compile(Path::new("x.js"), "return;", &options).expect("compiles");
    assert!(ret.commonjs.is_some());
}
