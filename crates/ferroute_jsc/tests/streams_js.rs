//! WHATWG Streams in JavaScript (`ferroute_runtime/js/jsc/20_streams.js`) on the real
//! JavaScriptCore: the platform JSC needs in place of llrt's `stream_web` (docs/engine-boundary.md
//! §2). Each test builds a `Vm` with the little the files need: `internal` (with the
//! `nodeErrors` and `reportError` that `03a_events.js` uses), `console.log` through a Rust
//! native and `queueMicrotask` (JSC's C API global has neither). No timers: the tests settle
//! through promise jobs alone, which JSC runs when the outermost call returns.

use std::cell::RefCell;
use std::path::PathBuf;
use std::rc::Rc;

use ferroute_jsc::{JsError, Vm};

/// `crates/ferroute_runtime/js`.
fn js_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../ferroute_runtime/js")
}

/// What the platform files expect to find before they run.
const PRELUDE: &str = r"
Object.defineProperty(globalThis, Symbol.for('ferroute.internal'), { value: {
  native: {},
  nodeErrors: {
    coded(Ctor, code, message) { const e = new Ctor(message); e.code = code; return e; },
    invalidArgType(name, expected) { const e = new TypeError(`The '${name}' argument must be ${expected}`); e.code = 'ERR_INVALID_ARG_TYPE'; return e; },
    missingArgs(...names) { const e = new TypeError(`The ${names.join(', ')} arguments must be specified`); e.code = 'ERR_MISSING_ARGS'; return e; },
  },
  reportError(e) { console.log(`reportError: ${e}`); },
}, writable: false, enumerable: false, configurable: false });
globalThis.console = { log: (...args) => __log(args.map((a) => String(a)).join(' ')) };
if (typeof globalThis.queueMicrotask !== 'function') {
  globalThis.queueMicrotask = (fn) => { Promise.resolve().then(fn); };
}
";

/// A JSC VM with the events and streams platform loaded, and the lines `console.log` printed.
struct Platform {
    vm: Vm,
    output: Rc<RefCell<Vec<String>>>,
}

impl Platform {
    /// Evaluates the prelude, `03a_events.js`, `jsc/20_streams.js` and `tests/harness.js`.
    fn new() -> Self {
        Self::with_files(&["03a_events.js", "jsc/20_streams.js", "tests/harness.js"])
    }

    /// Evaluates the prelude, then `files` (paths under `crates/ferroute_runtime/js`) in order.
    fn with_files(files: &[&str]) -> Self {
        let vm = Vm::new();
        let output = Rc::new(RefCell::new(Vec::new()));
        let lines = Rc::clone(&output);
        let log = vm.function("__log", move |vm, args| {
            let line = match args.first() {
                Some(v) => v.to_string()?,
                None => String::new(),
            };
            println!("{line}");
            lines.borrow_mut().push(line);
            Ok(vm.undefined())
        });
        vm.global().set("__log", &log).unwrap();
        let platform = Self { vm, output };
        platform.eval(PRELUDE, "file:///prelude.js");
        for file in files {
            platform.load(file);
        }
        platform
    }

    #[track_caller]
    fn eval(&self, source: &str, url: &str) -> ferroute_jsc::Value {
        self.vm
            .eval(source, url, 1)
            .unwrap_or_else(|err| panic!("{url}: {}", describe(&err)))
    }

    /// Evaluates a file of `crates/ferroute_runtime/js`.
    #[track_caller]
    fn load(&self, relative: &str) {
        let path = js_dir().join(relative);
        let source = std::fs::read_to_string(&path)
            .unwrap_or_else(|err| panic!("{}: {err}", path.display()));
        self.eval(&source, &format!("file:///{relative}"));
    }

    /// Runs the registered tests (`__runTests(filter)`); panics with the output unless all
    /// passed. Returns the number that passed.
    #[track_caller]
    fn run_tests(&self, filter: Option<&str>) -> usize {
        let filter = filter.map_or_else(|| "undefined".to_owned(), |f| format!("{f:?}"));
        // The promise jobs run when this eval returns, so the result is there afterwards
        // unless a test waits for something that is not a promise job.
        self.eval(
            &format!(
                "globalThis.__result = 'pending';
                 __runTests({filter}).then((failed) => {{ __result = failed }}, (e) => {{ __result = `threw ${{e}}` }});"
            ),
            "file:///run.js",
        );
        let result = self.eval("String(__result)", "file:///result.js");
        let result = result.as_string().unwrap();
        let output = self.output.borrow().join("\n");
        assert_eq!(
            result, "0",
            "failed tests (or 'pending': a test never settled):\n{output}"
        );
        let summary = output.lines().last().unwrap_or_default();
        summary
            .split(' ')
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("no summary line in:\n{output}"))
    }
}

fn describe(err: &JsError) -> String {
    format!("{}: {}\n{}", err.name(), err.message(), err.stack())
}

#[test]
fn streams_test_js_passes_on_javascriptcore() {
    let platform = Platform::new();
    platform.load("jsc/tests/streams.test.js");
    let passed = platform.run_tests(None);
    assert!(passed >= 90, "only {passed} tests ran");
}

/// Seeded random operations (`jsc/tests/streams.chaos.test.js`) never reach an internal error
/// or a synchronous throw from a method that returns a promise.
#[test]
fn randomized_operations_reach_no_internal_error() {
    let platform = Platform::new();
    platform.load("jsc/tests/streams.chaos.test.js");
    assert_eq!(platform.run_tests(Some("randomized")), 3);
}

/// The design loads `js/jsc/*.js` before the shared files: the streams look up
/// `AbortController`, `AbortSignal` and `EventTarget` when first needed, not when loaded.
#[test]
fn streams_loaded_before_the_events_file_find_abort_signals_later() {
    let platform =
        Platform::with_files(&["jsc/20_streams.js", "03a_events.js", "tests/harness.js"]);
    platform.load("jsc/tests/streams.test.js");
    let passed = platform.run_tests(Some("pipeTo"));
    assert!(passed >= 10, "only {passed} pipeTo tests ran");
    let passed = platform.run_tests(Some("signal"));
    assert!(passed >= 2, "only {passed} signal tests ran");
}

#[test]
fn globals_and_internal_helpers_are_installed() {
    let platform = Platform::new();
    let shape = platform.eval(
        "JSON.stringify([
           Object.keys(globalThis).filter((k) => /Stream|Strategy/.test(k)),
           typeof ReadableStream, typeof WritableStream, typeof TransformStream,
           Object.keys(globalThis[Symbol.for('ferroute.internal')].streams).sort(),
         ])",
        "file:///shape.js",
    );
    assert_eq!(
        shape.as_string().unwrap(),
        r#"[[],"function","function","function",["cancel","createReadable","createWritable","isDisturbed","isErrored","isLocked","isReadableStream","isTransformStream","isWritableStream","pipeTo","pump","readAll","readAllBytes","readableFromNext","state","storedError","tee"]]"#
    );
}

#[test]
fn internal_helpers_read_a_stream_made_from_next() {
    let platform = Platform::new();
    platform.eval(
        "const streams = globalThis[Symbol.for('ferroute.internal')].streams;
         const parts = [new Uint8Array([1, 2]), new Uint8Array([3])];
         const rs = streams.readableFromNext(() => Promise.resolve(parts.shift()));
         globalThis.before = [streams.isDisturbed(rs), streams.isErrored(rs), streams.state(rs)];
         streams.readAllBytes(rs).then((bytes) => {
           globalThis.after = [Array.from(bytes), streams.isDisturbed(rs), streams.state(rs), rs.locked];
         });
         const failing = streams.createReadable({ pull(c) { c.error(new TypeError('source failed')) } });
         streams.readAll(failing).catch((e) => { globalThis.failure = [e.message, streams.isErrored(failing)] });",
        "file:///helpers.js",
    );
    let seen = platform.eval(
        "JSON.stringify([before, after, failure])",
        "file:///seen.js",
    );
    assert_eq!(
        seen.as_string().unwrap(),
        r#"[[false,false,"readable"],[[1,2,3],true,"closed",false],["source failed",true]]"#
    );
}

#[test]
fn byte_stream_transfer_detaches_with_array_buffer_transfer() {
    // JSC has ArrayBuffer.prototype.transfer, so enqueue() detaches the caller's buffer.
    let platform = Platform::new();
    let detached = platform.eval(
        "let c; new ReadableStream({ type: 'bytes', start(x) { c = x } });
         const chunk = new Uint8Array(8);
         c.enqueue(chunk);
         [typeof ArrayBuffer.prototype.transfer, chunk.buffer.detached, chunk.byteLength].join()",
        "file:///transfer.js",
    );
    assert_eq!(detached.as_string().unwrap(), "function,true,0");
}
