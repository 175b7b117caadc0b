//! Node's `buffer`, `path` and `string_decoder` as our JavaScript
//! (`crates/ferroute_runtime/js/jsc/3x_*.js`) on the real JavaScriptCore: each suite of
//! `js/jsc/tests/*.test.js` runs under `js/tests/harness.js`, once with Rust implementations
//! of the UTF-8 natives (`internal.native.encodeUtf8`, `decodeUtf8`) and once without them,
//! which exercises the files' own UTF-8 code. The same test files pass on Node 20
//! (`node js/jsc/tests/node-runner.js --node`), so their expectations are Node's behaviour.

use std::cell::{Cell, RefCell};
use std::path::{Path, PathBuf};
use std::rc::Rc;

use ferroute_jsc::{JsError, Value, Vm};

/// The platform files under test, in load order.
const PLATFORM: [&str; 3] = ["30_buffer.js", "31_path.js", "32_string_decoder.js"];

/// The test files, each run as one suite.
const SUITES: [&str; 3] = ["buffer.test.js", "path.test.js", "string_decoder.test.js"];

/// The working directory `internal.native.processInfo()` reports (`path.resolve` starts there).
const CWD: &str = "/srv/app";

/// `crates/ferroute_runtime/js`.
fn js_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../ferroute_runtime/js")
}

/// Evaluates the file at `path` as a classic script.
fn eval_file(vm: &Vm, path: &Path) -> Result<Value, JsError> {
    let source = std::fs::read_to_string(path)
        .unwrap_or_else(|err| panic!("reading {}: {err}", path.display()));
    vm.eval(&source, &format!("file://{}", path.display()), 1)
}

/// `encodeUtf8(string) → Uint8Array`: the string's UTF-8, an unpaired surrogate as U+FFFD.
fn encode_utf8(vm: &Vm, args: &[Value]) -> Result<Value, JsError> {
    let text = match args.first() {
        Some(value) => value.to_string()?,
        None => String::new(),
    };
    vm.uint8_array(text.into_bytes())
}

/// `decodeUtf8(bytes, fatal, ignoreBOM) → string`: WHATWG UTF-8 decode (Rust's lossy
/// conversion replaces each maximal invalid subpart with one U+FFFD, as WHATWG does).
fn decode_utf8(vm: &Vm, args: &[Value]) -> Result<Value, JsError> {
    let bytes = match args.first() {
        Some(value) => value.bytes()?,
        None => Vec::new(),
    };
    let fatal = args.get(1).is_some_and(Value::to_bool);
    let ignore_bom = args.get(2).is_some_and(Value::to_bool);
    let body = if !ignore_bom && bytes.starts_with(&[0xef, 0xbb, 0xbf]) {
        &bytes[3..]
    } else {
        &bytes[..]
    };
    let text = if fatal {
        std::str::from_utf8(body)
            .map_err(|_| JsError::type_error("The encoded data was not valid for encoding utf-8"))?
            .to_owned()
    } else {
        String::from_utf8_lossy(body).into_owned()
    };
    Ok(vm.string(&text))
}

/// What one suite printed and how many tests failed.
struct Outcome {
    lines: Vec<String>,
    failed: f64,
    /// Calls of the native `decodeUtf8` (Buffer decodes 1 KB and more through it).
    native_decodes: usize,
}

/// Runs `suite` on a fresh VM, with or without the UTF-8 natives.
fn run_suite(suite: &str, natives: bool) -> Outcome {
    let vm = Vm::new();
    let lines: Rc<RefCell<Vec<String>>> = Rc::default();
    let log = {
        let lines = Rc::clone(&lines);
        vm.function("log", move |vm, args| {
            let parts: Result<Vec<String>, JsError> = args.iter().map(Value::to_string).collect();
            lines.borrow_mut().push(parts?.join(" "));
            Ok(vm.undefined())
        })
    };
    let console = vm.object();
    console.set("log", &log).unwrap();
    console.set("error", &log).unwrap();
    vm.global().set("console", &console).unwrap();

    let native = vm.object();
    let native_decodes: Rc<Cell<usize>> = Rc::default();
    if natives {
        native
            .set("encodeUtf8", &vm.function("encodeUtf8", encode_utf8))
            .unwrap();
        let calls = Rc::clone(&native_decodes);
        let decode = vm.function("decodeUtf8", move |vm, args| {
            calls.set(calls.get() + 1);
            decode_utf8(vm, args)
        });
        native.set("decodeUtf8", &decode).unwrap();
    }
    let info = vm.function("processInfo", |vm, _| {
        let info = vm.object();
        info.set("cwd", &vm.string(CWD))?;
        Ok(info)
    });
    native.set("processInfo", &info).unwrap();
    let internal = vm.object();
    internal.set("native", &native).unwrap();
    let define = vm
        .eval(
            "(internal) => Object.defineProperty(globalThis, Symbol.for('ferroute.internal'), { value: internal })",
            "file:///setup.js",
            1,
        )
        .unwrap();
    define.call(&[internal]).unwrap();

    let dir = js_dir();
    for file in PLATFORM {
        eval_file(&vm, &dir.join("jsc").join(file)).unwrap_or_else(|err| panic!("{file}: {err}"));
    }
    eval_file(&vm, &dir.join("tests/harness.js")).unwrap();
    eval_file(&vm, &dir.join("jsc/tests").join(suite))
        .unwrap_or_else(|err| panic!("{suite}: {err}"));
    // No timers are involved: the whole run settles before this eval returns.
    vm.eval(
        "globalThis.__failed = 'pending';
         __runTests().then((n) => { __failed = n }, (e) => { __failed = String(e && e.stack || e) });",
        "file:///run.js",
        1,
    )
    .unwrap();
    let failed = vm.global().get("__failed").unwrap();
    let failed = failed
        .as_number()
        .unwrap_or_else(|| panic!("{suite}: the run did not finish: {failed:?}"));
    let lines = lines.borrow().clone();
    Outcome {
        lines,
        failed,
        native_decodes: native_decodes.get(),
    }
}

/// Runs every suite and checks that each passed and ran every test it registers.
fn run_all(natives: bool) {
    let mut report = Vec::new();
    let mut native_decodes = 0;
    for suite in SUITES {
        let outcome = run_suite(suite, natives);
        native_decodes += outcome.native_decodes;
        let last = outcome.lines.last().cloned().unwrap_or_default();
        let passed: usize = last
            .split_whitespace()
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("{suite}: no closing line in {:?}", outcome.lines));
        // Every test of the file ran (a test is a `test(` call at the file's top level).
        let source = std::fs::read_to_string(js_dir().join("jsc/tests").join(suite)).unwrap();
        let registered = source.matches("\n  test(").count();
        if outcome.failed == 0.0 {
            assert_eq!(passed, registered, "{suite}: {:?}", outcome.lines);
        } else {
            report.push(format!("{suite}:\n{}", outcome.lines.join("\n")));
        }
    }
    assert_eq!(
        native_decodes > 0,
        natives,
        "the native decoder is used exactly when it is there"
    );
    assert!(
        report.is_empty(),
        "natives: {natives}\n{}",
        report.join("\n")
    );
}

#[test]
fn buffer_path_and_string_decoder_pass_with_the_utf8_natives() {
    run_all(true);
}

#[test]
fn buffer_path_and_string_decoder_pass_with_their_own_utf8_code() {
    run_all(false);
}
