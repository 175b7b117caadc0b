//! The JSC platform files (`crates/ferroute_runtime/js/jsc/*.js`: DOMException,
//! structuredClone, TextEncoder/TextDecoder, atob/btoa, console, performance, navigator,
//! process) on the real JavaScriptCore, under the JS test harness of `ferroute_runtime`.
//!
//! Each test builds a `Vm`, installs `globalThis[Symbol.for('ferroute.internal')]` with test
//! versions of the natives the files call, evaluates the files in name order, then
//! `js/tests/harness.js` and test files of `js/jsc/tests/`, and runs `await __runTests()`.
//! The same test files run on Node 20 with `node js/jsc/tests/node-run.js`.

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::sync::OnceLock;
use std::time::Instant;

use ferroute_jsc::{JsError, Value, Vm};

/// One line a file printed: 1 for stdout (`log`), 2 for stderr (`logError`).
type Lines = Rc<RefCell<Vec<(u8, String)>>>;

/// `crates/ferroute_runtime/js`.
fn js_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../ferroute_runtime/js")
}

/// The platform files, in load order (their names' order).
fn platform_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(js_dir().join("jsc"))
        .expect("js/jsc exists")
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "js"))
        .collect();
    files.sort();
    files
}

/// Evaluates the file at `path`, panicking with the JavaScript error.
fn eval_file(vm: &Vm, path: &Path) {
    let source = std::fs::read_to_string(path).expect("readable file");
    let url = format!("file://{}", path.display());
    if let Err(err) = vm.eval(&source, &url, 1) {
        panic!("{}: {err}\n{}", path.display(), err.stack());
    }
}

/// Monotonic time since the first call, offset so that seconds are not small.
fn hrtime() -> (f64, f64) {
    static START: OnceLock<Instant> = OnceLock::new();
    let elapsed = START.get_or_init(Instant::now).elapsed();
    (
        1000.0 + elapsed.as_secs() as f64,
        f64::from(elapsed.subsec_nanos()),
    )
}

/// Sets `name` on `target` to a native function.
fn set_native<F>(vm: &Vm, target: &Value, name: &str, f: F)
where
    F: Fn(&Vm, &[Value]) -> Result<Value, JsError> + 'static,
{
    target
        .set(name, &vm.function(name, f))
        .expect("set a native");
}

/// A VM with `internal` and the test natives. `utf8` installs `encodeUtf8`/`decodeUtf8`
/// (without them the files use their JavaScript UTF-8).
fn platform_vm(utf8: bool) -> (Vm, Lines) {
    let vm = Vm::new();
    let lines: Lines = Rc::default();
    let native = vm.object();
    for (name, stream) in [("log", 1), ("logError", 2)] {
        let lines = Rc::clone(&lines);
        set_native(&vm, &native, name, move |vm, args| {
            let text = match args.first() {
                Some(value) => value.to_string()?,
                None => String::new(),
            };
            lines.borrow_mut().push((stream, text));
            Ok(vm.undefined())
        });
    }
    set_native(&vm, &native, "hrtime", |vm, _| {
        let (s, ns) = hrtime();
        vm.array(&[vm.number(s), vm.number(ns)])
    });
    set_native(&vm, &native, "envPairs", |vm, _| {
        let pairs: Vec<Value> = ["HOME", "/home/test", "SHARED", "real", "EMPTY", ""]
            .iter()
            .map(|s| vm.string(s))
            .collect();
        vm.array(&pairs)
    });
    set_native(&vm, &native, "processInfo", |vm, _| {
        vm.json_value(&serde_json::json!({
            "pid": std::process::id(),
            "ppid": 1,
            "platform": "linux",
            "arch": "x64",
            "cwd": "/srv/app",
            "argv": ["/usr/bin/ferroute", "start"],
            "execArgv": [],
            "execPath": "/usr/bin/ferroute",
            "uptime": 2.5,
        }))
    });
    set_native(&vm, &native, "memoryUsage", |vm, _| {
        vm.array(&[
            vm.number(4096.0),
            vm.number(2048.0),
            vm.number(1024.0),
            vm.number(8192.0),
        ])
    });
    {
        let lines = Rc::clone(&lines);
        set_native(&vm, &native, "exit", move |vm, args| {
            let code = args.first().map_or(Ok(f64::NAN), Value::to_number)?;
            lines.borrow_mut().push((0, format!("exit {code}")));
            Ok(vm.undefined())
        });
    }
    if utf8 {
        set_native(&vm, &native, "encodeUtf8", |vm, args| {
            let string = args.first().map_or(Ok(String::new()), Value::to_string)?;
            vm.uint8_array(string.into_bytes())
        });
        set_native(&vm, &native, "decodeUtf8", |vm, args| {
            let bytes = args
                .first()
                .ok_or_else(|| JsError::type_error("bytes expected"))?
                .bytes()?;
            let fatal = args.get(1).is_some_and(Value::to_bool);
            let ignore_bom = args.get(2).is_some_and(Value::to_bool);
            let mut text = if fatal {
                String::from_utf8(bytes).map_err(|_| JsError::type_error("invalid UTF-8"))?
            } else {
                String::from_utf8_lossy(&bytes).into_owned()
            };
            if !ignore_bom && text.starts_with('\u{feff}') {
                text.remove(0);
            }
            Ok(vm.string(&text))
        });
    }
    {
        // __logLength(): how many lines were printed so far.
        let lines = Rc::clone(&lines);
        set_native(&vm, &vm.global(), "__logLength", move |vm, _| {
            Ok(vm.number(lines.borrow().len() as f64))
        });
    }
    {
        // __takeLog(from): the lines printed since line `from`, as [[stream, text], ...],
        // taken out of the log.
        let lines = Rc::clone(&lines);
        set_native(&vm, &vm.global(), "__takeLog", move |vm, args| {
            let from = args.first().map_or(Ok(0.0), Value::to_number)? as usize;
            let mut lines = lines.borrow_mut();
            let from = from.min(lines.len());
            let taken: Vec<(u8, String)> = lines.drain(from..).collect();
            let items: Result<Vec<Value>, JsError> = taken
                .iter()
                .map(|(stream, text)| vm.array(&[vm.number(f64::from(*stream)), vm.string(text)]))
                .collect();
            vm.array(&items?)
        });
    }
    let internal = vm.object();
    internal.set("native", &native).unwrap();
    internal.set("modules", &vm.object()).unwrap();
    internal
        .set(
            "config",
            &vm.json_value(&serde_json::json!({ "cpus": 6 })).unwrap(),
        )
        .unwrap();
    internal
        .set(
            "dotenv",
            &vm.json_value(&serde_json::json!([
                "FROM_DOTENV",
                "yes",
                "SHARED",
                "dotenv"
            ]))
            .unwrap(),
        )
        .unwrap();
    let install = vm
        .eval(
            "(internal) => { globalThis[Symbol.for('ferroute.internal')] = internal; }",
            "file:///setup.js",
            1,
        )
        .unwrap();
    install.call(&[internal]).unwrap();
    (vm, lines)
}

/// What the test files compare the natives' values with.
const EXPECT: &str = r#"
globalThis.__engine = 'jsc';
globalThis.__expect = {
  pid: undefined, ppid: 1, platform: 'linux', arch: 'x64', cwd: '/srv/app',
  argv: ['/usr/bin/ferroute', 'start'], execPath: '/usr/bin/ferroute',
  env: { HOME: '/home/test', SHARED: 'dotenv', EMPTY: '', FROM_DOTENV: 'yes' },
  memory: { rss: 4096, heapTotal: 2048, heapUsed: 1024 }, cpus: 6,
};
globalThis.__capture = (fn) => {
  const from = __logLength();
  try { fn(); } finally { globalThis.__captured = __takeLog(from); }
  return __captured.map(([stream, text]) => ({ stream, text }));
};
"#;

/// What a run of test files loads besides the platform.
#[derive(Default)]
struct Setup<'a> {
    /// Installs `encodeUtf8`/`decodeUtf8`.
    utf8: bool,
    /// Evaluated before the platform files.
    prelude: &'a str,
    /// Files of js/ evaluated after the platform (such as 11_blob.js).
    extra: &'a [&'a str],
    /// Evaluated after `extra`.
    after: &'a str,
}

/// Loads the platform as `setup` says, then the harness and `tests` (names in js/jsc/tests),
/// runs them, and panics with the failures.
fn run_tests(setup: &Setup<'_>, tests: &[&str]) {
    let (vm, lines) = platform_vm(setup.utf8);
    vm.eval(setup.prelude, "file:///prelude.js", 1).unwrap();
    for file in platform_files() {
        eval_file(&vm, &file);
    }
    for file in setup.extra {
        eval_file(&vm, &js_dir().join(file));
    }
    if let Err(err) = vm.eval(setup.after, "file:///after.js", 1) {
        panic!("after: {err}\n{}", err.stack());
    }
    vm.eval(EXPECT, "file:///expect.js", 1).unwrap();
    vm.eval(
        &format!("__expect.pid = {};", std::process::id()),
        "file:///pid.js",
        1,
    )
    .unwrap();
    eval_file(&vm, &js_dir().join("tests/harness.js"));
    for test in tests {
        eval_file(&vm, &js_dir().join("jsc/tests").join(test));
    }
    vm.eval(
        "globalThis.__failed = 'did not finish';
         __runTests().then((n) => { __failed = n; }, (e) => { __failed = String(e && e.stack || e); });",
        "file:///run.js",
        1,
    )
    .unwrap();
    let failed = vm.eval("__failed", "file:///result.js", 1).unwrap();
    let output: Vec<String> = lines
        .borrow()
        .iter()
        .map(|(_, text)| text.clone())
        .collect();
    let output = output.join("\n");
    assert_eq!(
        failed.as_number(),
        Some(0.0),
        "{}\n{output}",
        failed.to_string().unwrap()
    );
    let summary = output.lines().last().unwrap_or_default();
    assert!(
        summary.ends_with("passed, 0 failed") && !summary.starts_with("0 passed"),
        "{output}"
    );
    eprintln!("{tests:?} (utf8 natives: {}): {summary}", setup.utf8);
}

#[test]
fn encoding_with_utf8_natives() {
    let setup = Setup {
        utf8: true,
        ..Setup::default()
    };
    run_tests(&setup, &["encoding.test.js"]);
}

#[test]
fn encoding_in_javascript_only() {
    // Without the natives nor the engine's base64 (Uint8Array.prototype.toBase64).
    let setup = Setup {
        prelude: "delete Uint8Array.prototype.toBase64",
        ..Setup::default()
    };
    run_tests(&setup, &["encoding.test.js"]);
}

#[test]
fn dom_exception_and_structured_clone() {
    let setup = Setup {
        utf8: true,
        extra: &["11_blob.js"],
        ..Setup::default()
    };
    run_tests(
        &setup,
        &["dom_exception.test.js", "structured_clone.test.js"],
    );
}

#[test]
fn console_performance_navigator_process() {
    let setup = Setup {
        utf8: true,
        extra: &["11_blob.js"],
        ..Setup::default()
    };
    run_tests(&setup, &["console_process.test.js"]);
}

/// The same tests with console formatting through Node's inspect (52_node_util.js), as it
/// does in the runtime once 04_builtins.js has defined `internal.builtin`.
#[test]
fn console_through_node_util_inspect() {
    let setup = Setup {
        utf8: true,
        extra: &["00_internal.js", "11_blob.js", "52_node_util.js"],
        after: "const internal = globalThis[Symbol.for('ferroute.internal')];
                internal.builtin = (name) => internal.modules[`node:${name}`];
                console.log('switch to util');
                globalThis.__nodeUtilOnJsc = true;",
        ..Setup::default()
    };
    run_tests(&setup, &["console_process.test.js"]);
}

#[test]
fn files_install_non_enumerable_globals() {
    let (vm, _) = platform_vm(true);
    for file in platform_files() {
        eval_file(&vm, &file);
    }
    let names = [
        "DOMException",
        "structuredClone",
        "TextEncoder",
        "TextDecoder",
        "atob",
        "btoa",
        "console",
        "performance",
        "Performance",
        "PerformanceEntry",
        "PerformanceMark",
        "PerformanceMeasure",
        "process",
        "navigator",
    ];
    for name in names {
        let check = format!(
            "(() => {{ const d = Object.getOwnPropertyDescriptor(globalThis, '{name}');
               return !!d && !d.enumerable && d.writable && d.configurable && d.value !== undefined; }})()"
        );
        assert_eq!(
            vm.eval(&check, "file:///check.js", 1).unwrap().as_bool(),
            Some(true),
            "{name}"
        );
    }
}

#[test]
fn console_formats_through_the_runtime_formatter_once_there() {
    let (vm, lines) = platform_vm(true);
    for file in platform_files() {
        eval_file(&vm, &file);
    }
    let internal = "globalThis[Symbol.for('ferroute.internal')]";
    vm.eval("console.log('%s!', 'own')", "file:///own.js", 1)
        .unwrap();
    // 04_builtins.js defines internal.builtin; util is 52_node_util.js.
    vm.eval(
        &format!(
            "{internal}.builtin = (name) => ({{
               formatWithOptions: (opts, ...args) => `util(${{name}}):${{args.join('|')}}`,
               inspect: (value) => `inspected ${{typeof value}}`,
             }});
             console.log('a', 1); console.error('b'); console.dir({{}});"
        ),
        "file:///util.js",
        1,
    )
    .unwrap();
    // Once found, the formatter is kept: a later hook does not replace it.
    vm.eval(
        &format!("{internal}.formatWithOptions = () => 'hook'; console.log('c');"),
        "file:///late.js",
        1,
    )
    .unwrap();
    let printed: Vec<(u8, String)> = lines.borrow().clone();
    assert_eq!(
        printed,
        [
            (1, "own!".to_owned()),
            (1, "util(util):a|1".to_owned()),
            (2, "util(util):b".to_owned()),
            (1, "inspected object".to_owned()),
            (1, "util(util):c".to_owned()),
        ]
    );

    // internal.formatWithOptions, when set, comes before internal.builtin('util').
    let (vm, lines) = platform_vm(true);
    for file in platform_files() {
        eval_file(&vm, &file);
    }
    vm.eval(
        &format!(
            "{internal}.builtin = () => {{ throw new Error('not read') }};
             {internal}.formatWithOptions = (opts, ...args) => `hook:${{args.length}}`;
             console.warn(1, 2, 3);"
        ),
        "file:///hook.js",
        1,
    )
    .unwrap();
    assert_eq!(lines.borrow().as_slice(), [(2, "hook:3".to_owned())]);

    // A util that cannot be loaded is asked for once; the compact formatter stays.
    let (vm, lines) = platform_vm(true);
    for file in platform_files() {
        eval_file(&vm, &file);
    }
    vm.eval(
        &format!(
            "globalThis.asked = 0;
             {internal}.builtin = () => {{ asked++; throw new Error('no util'); }};
             console.log('%s', 'x'); console.log({{ a: 1 }}); console.log(asked);"
        ),
        "file:///broken.js",
        1,
    )
    .unwrap();
    let printed: Vec<String> = lines.borrow().iter().map(|(_, t)| t.clone()).collect();
    assert_eq!(printed, ["x", "{ a: 1 }", "1"]);
}

#[test]
fn platform_modules_are_registered_for_04_builtins() {
    let (vm, _) = platform_vm(true);
    for file in platform_files() {
        eval_file(&vm, &file);
    }
    let check = vm
        .eval(
            "const m = globalThis[Symbol.for('ferroute.internal')].platformModules;
             m.console() === console && m.process() === process
               && m.perf_hooks().performance === performance
               && m.perf_hooks().PerformanceMark === PerformanceMark",
            "file:///modules.js",
            1,
        )
        .unwrap();
    assert_eq!(check.as_bool(), Some(true));
}

/// Prints what UTF-8 and base64 cost through the JavaScript paths and through the natives
/// (run with `cargo test --release -p ferroute_jsc --test platform_js -- --ignored
/// --nocapture encoding_cost`).
#[test]
#[ignore = "a measurement, not a check"]
fn encoding_cost() {
    for utf8 in [false, true] {
        let (vm, _) = platform_vm(utf8);
        for file in platform_files() {
            eval_file(&vm, &file);
        }
        let report = vm
            .eval(
                "(() => {
                   const ascii = 'abcdefghij'.repeat(100000);
                   const mixed = 'aé€😀 text '.repeat(80000);
                   const time = (fn) => { fn(); const t = performance.now(); for (let i = 0; i < 10; i++) fn(); return ((performance.now() - t) / 10).toFixed(2); };
                   const enc = new TextEncoder(), dec = new TextDecoder();
                   const a = enc.encode(ascii), m = enc.encode(mixed);
                   const bin = String.fromCharCode(...a.subarray(0, 60000)).repeat(16);
                   const b64 = btoa(bin);
                   return [
                     `encode ascii 1MB ${time(() => enc.encode(ascii))} ms`,
                     `encode mixed ${(m.length / 1e6).toFixed(1)}MB ${time(() => enc.encode(mixed))} ms`,
                     `decode ascii 1MB ${time(() => dec.decode(a))} ms`,
                     `decode mixed ${time(() => dec.decode(m))} ms`,
                     `decode mixed streamed in 1000-byte chunks ${time(() => { const d = new TextDecoder(); for (let i = 0; i < m.length; i += 1000) d.decode(m.subarray(i, i + 1000), { stream: true }); d.decode(); })} ms`,
                     `btoa 1MB ${time(() => btoa(bin))} ms`,
                     `atob 1.3MB ${time(() => atob(b64))} ms`,
                   ].join('\\n');
                 })()",
                "file:///cost.js",
                1,
            )
            .unwrap();
        eprintln!("utf8 natives: {utf8}\n{}\n", report.as_string().unwrap());
    }
}

/// A small deterministic generator for the differential tests (xorshift64*).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// Bytes that are mostly the edges of UTF-8: ASCII, continuation bytes, every kind of lead.
fn utf8_soup(rng: &mut Rng) -> Vec<u8> {
    const INTERESTING: [u8; 16] = [
        0x41, 0x00, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xc2, 0xdf, 0xe0, 0xed, 0xf0,
        0xf4,
    ];
    let len = rng.below(24) as usize;
    (0..len)
        .map(|_| match rng.below(4) {
            0 => rng.below(256) as u8,
            1 => 0xe1 + rng.below(0x0c) as u8,
            _ => INTERESTING[rng.below(16) as usize],
        })
        .collect()
}

/// The JavaScript UTF-8 decoder (no natives), whole and cut at random points with
/// `{ stream: true }`, agrees with Rust's `String::from_utf8_lossy`, which replaces maximal
/// subparts as the Encoding Standard does.
#[test]
fn javascript_utf8_decoder_agrees_with_rust_on_random_bytes() {
    let (vm, _) = platform_vm(false);
    for file in platform_files() {
        eval_file(&vm, &file);
    }
    let decode = vm
        .eval(
            "(bytes, cuts) => {
               const whole = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
               const d = new TextDecoder('utf-8', { ignoreBOM: true });
               let streamed = '', at = 0;
               for (const cut of cuts) { streamed += d.decode(bytes.subarray(at, cut), { stream: true }); at = cut; }
               streamed += d.decode(bytes.subarray(at));
               let fatal;
               try { fatal = new TextDecoder('utf-8', { fatal: true }).decode(bytes); } catch (e) { fatal = e.name; }
               return [whole, streamed, fatal];
             }",
            "file:///differential.js",
            1,
        )
        .unwrap();
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    for _ in 0..3000 {
        let bytes = utf8_soup(&mut rng);
        let mut cuts: Vec<f64> = (0..rng.below(4))
            .map(|_| rng.below(bytes.len() as u64 + 1) as f64)
            .collect();
        cuts.sort_by(f64::total_cmp);
        let cuts_js: Vec<Value> = cuts.iter().map(|c| vm.number(*c)).collect();
        let result = decode
            .call(&[
                vm.uint8_array(bytes.clone()).unwrap(),
                vm.array(&cuts_js).unwrap(),
            ])
            .unwrap();
        let expected = String::from_utf8_lossy(&bytes);
        let whole = result.get_index(0).unwrap().as_string().unwrap();
        let streamed = result.get_index(1).unwrap().as_string().unwrap();
        let fatal = result.get_index(2).unwrap().as_string().unwrap();
        assert_eq!(whole, expected, "{bytes:02x?}");
        assert_eq!(streamed, expected, "{bytes:02x?} cut at {cuts:?}");
        match std::str::from_utf8(&bytes) {
            Ok(text) => assert_eq!(fatal, text),
            Err(_) => assert_eq!(fatal, "TypeError", "{bytes:02x?}"),
        }
    }
}

/// The JavaScript UTF-8 encoder (no natives) agrees with Rust on random strings of every
/// UTF-8 length, and `encodeInto` into a small buffer writes a prefix of whole characters.
#[test]
fn javascript_utf8_encoder_agrees_with_rust_on_random_strings() {
    let (vm, _) = platform_vm(false);
    for file in platform_files() {
        eval_file(&vm, &file);
    }
    let encode = vm
        .eval(
            "(s, room) => {
               const dest = new Uint8Array(room);
               const { read, written } = new TextEncoder().encodeInto(s, dest);
               return [new TextEncoder().encode(s), read, written, dest.subarray(0, written)];
             }",
            "file:///differential.js",
            1,
        )
        .unwrap();
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    for _ in 0..2000 {
        let text: String = (0..rng.below(12))
            .map(|_| {
                let ranges = [
                    (0x20, 0x7f),
                    (0x80, 0x800),
                    (0x800, 0xd800),
                    (0xe000, 0x10000),
                    (0x10000, 0x11_0000),
                ];
                let (lo, hi) = ranges[rng.below(5) as usize];
                char::from_u32((lo + rng.below(hi - lo)) as u32).unwrap_or('?')
            })
            .collect();
        let room = rng.below(text.len() as u64 + 2);
        let result = encode
            .call(&[vm.string(&text), vm.number(room as f64)])
            .unwrap();
        assert_eq!(
            result.get_index(0).unwrap().bytes().unwrap(),
            text.as_bytes()
        );
        let read = result.get_index(1).unwrap().as_number().unwrap() as usize;
        let written = result.get_index(2).unwrap().as_number().unwrap() as usize;
        let utf16: Vec<u16> = text.encode_utf16().collect();
        let expected = String::from_utf16(&utf16[..read]).expect("whole characters read");
        assert_eq!(written, expected.len());
        assert_eq!(
            result.get_index(3).unwrap().bytes().unwrap(),
            expected.as_bytes()
        );
        let next = text[expected.len()..].chars().next();
        assert!(
            next.is_none_or(|c| expected.len() + c.len_utf8() > room as usize),
            "{text:?} into {room}: stopped early at {read}"
        );
    }
}

/// The UTF-16 decoders, whole and streamed at random cuts, agree with Rust's
/// `char::decode_utf16` (each unpaired surrogate is one U+FFFD; an odd last byte is another,
/// unless it follows an unpaired lead surrogate).
#[test]
fn utf16_decoders_agree_with_rust_on_random_units() {
    let (vm, _) = platform_vm(false);
    for file in platform_files() {
        eval_file(&vm, &file);
    }
    let decode = vm
        .eval(
            "(label, bytes, cuts) => {
               const whole = new TextDecoder(label, { ignoreBOM: true }).decode(bytes);
               const d = new TextDecoder(label, { ignoreBOM: true });
               let streamed = '', at = 0;
               for (const cut of cuts) { streamed += d.decode(bytes.subarray(at, cut), { stream: true }); at = cut; }
               return [whole, streamed + d.decode(bytes.subarray(at))];
             }",
            "file:///differential.js",
            1,
        )
        .unwrap();
    let mut rng = Rng(0x1234_5678_9abc_def1);
    for round in 0..2000 {
        let units: Vec<u16> = (0..rng.below(10))
            .map(|_| match rng.below(4) {
                0 => 0xd800 + rng.below(0x400) as u16,
                1 => 0xdc00 + rng.below(0x400) as u16,
                _ => rng.below(0x1_0000) as u16,
            })
            .collect();
        let odd = rng.below(4) == 0;
        let mut expected: String = char::decode_utf16(units.iter().copied())
            .map(|c| c.unwrap_or('\u{fffd}'))
            .collect();
        // At the end, a pending lead surrogate and a pending odd byte are one error together.
        if odd && !units.last().is_some_and(|u| (0xd800..0xdc00).contains(u)) {
            expected.push('\u{fffd}');
        }
        let big_endian = round % 2 == 1;
        let mut bytes: Vec<u8> = units
            .iter()
            .flat_map(|u| {
                if big_endian {
                    u.to_be_bytes()
                } else {
                    u.to_le_bytes()
                }
            })
            .collect();
        if odd {
            bytes.push(0x41);
        }
        let mut cuts: Vec<f64> = (0..rng.below(4))
            .map(|_| rng.below(bytes.len() as u64 + 1) as f64)
            .collect();
        cuts.sort_by(f64::total_cmp);
        let cuts_js: Vec<Value> = cuts.iter().map(|c| vm.number(*c)).collect();
        let label = if big_endian { "utf-16be" } else { "utf-16le" };
        let result = decode
            .call(&[
                vm.string(label),
                vm.uint8_array(bytes.clone()).unwrap(),
                vm.array(&cuts_js).unwrap(),
            ])
            .unwrap();
        let whole = result.get_index(0).unwrap().as_string().unwrap();
        let streamed = result.get_index(1).unwrap().as_string().unwrap();
        assert_eq!(whole, expected, "{label} {bytes:02x?}");
        assert_eq!(streamed, expected, "{label} {bytes:02x?} cut at {cuts:?}");
    }
}
