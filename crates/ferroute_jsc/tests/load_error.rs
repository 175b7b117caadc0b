//! What `load` and `Vm::new` do when JavaScriptCore cannot be loaded, and that
//! `FERROUTE_JSC_LIBRARY` chooses the library. The outcome of loading is kept for the life of
//! the process, so each case runs in a child process: this executable again, running only
//! `child` with `CASE_VAR` naming the case and `FERROUTE_JSC_LIBRARY` set.

use std::panic::{self, AssertUnwindSafe};
use std::path::Path;
use std::process::Command;

use ferroute_jsc::{ffi, Vm};

/// Names the case the child runs; unset in the parent.
const CASE_VAR: &str = "FERROUTE_JSC_TEST_CASE";

/// What every `LoadError` ends with.
const HELP: &str = "install libjavascriptcoregtk-4.1-0 (apt install libjavascriptcoregtk-4.1-0) \
    or set FERROUTE_JSC_LIBRARY";

/// A library path that does not exist.
const MISSING: &str = "/nonexistent/ferroute/libjavascriptcoregtk-4.1.so.0";

/// Runs `case` in a child process with `FERROUTE_JSC_LIBRARY=library`; its assertions are in
/// [`child`].
fn run_child(case: &str, library: &str) {
    let output = Command::new(std::env::current_exe().unwrap())
        .args(["child", "--exact", "--nocapture", "--test-threads=1"])
        .env(CASE_VAR, case)
        .env("FERROUTE_JSC_LIBRARY", library)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        output.status.success() && stdout.contains("1 passed"),
        "case {case} failed ({}):\n{stdout}\n{stderr}",
        output.status
    );
}

#[test]
fn a_missing_library_is_a_load_error() {
    run_child("missing", MISSING);
}

#[cfg(target_os = "linux")]
#[test]
fn a_library_without_the_functions_is_a_load_error() {
    run_child("no_functions", "libc.so.6");
}

/// `FERROUTE_JSC_LIBRARY` naming the library the default search finds (by its full path) loads it.
#[cfg(target_os = "linux")]
#[test]
fn the_variable_chooses_the_library() {
    ferroute_jsc::load().unwrap_or_else(|err| panic!("{err}"));
    let library = mapped_javascriptcore().expect("JavaScriptCore is mapped after load()");
    assert!(Path::new(&library).is_absolute(), "{library}");
    run_child("override", &library);
}

/// The child's side of each case (does nothing when run as a test of its own).
#[test]
fn child() {
    let Ok(case) = std::env::var(CASE_VAR) else {
        return;
    };
    match case.as_str() {
        "missing" => {
            // The process runs without JavaScriptCore: nothing mapped it at start-up.
            #[cfg(target_os = "linux")]
            assert_eq!(mapped_javascriptcore(), None);
            let message = load_error_message();
            assert!(
                message.contains(&format!("FERROUTE_JSC_LIBRARY={MISSING}")),
                "{message}"
            );
            // dlerror's text.
            assert!(message.contains("No such file or directory"), "{message}");
            check_failures_report(&message);
        }
        "no_functions" => {
            let message = load_error_message();
            assert!(
                message.contains("FERROUTE_JSC_LIBRARY=libc.so.6"),
                "{message}"
            );
            assert!(
                message.contains("libc.so.6 lacks the function JSContextGroupCreate"),
                "{message}"
            );
            assert!(message.contains("undefined symbol"), "{message}");
            check_failures_report(&message);
        }
        "override" => {
            ferroute_jsc::load().unwrap_or_else(|err| panic!("{err}"));
            let expected = std::env::var("FERROUTE_JSC_LIBRARY").unwrap();
            #[cfg(target_os = "linux")]
            assert_eq!(mapped_javascriptcore(), Some(expected));
            let vm = Vm::new();
            let value = vm.eval("'j' + 'sc'", "file:///override.js", 1).unwrap();
            assert_eq!(value.to_string().unwrap(), "jsc");
        }
        other => panic!("unknown case {other}"),
    }
}

/// `load()`'s error, which the second call repeats.
fn load_error_message() -> String {
    let message = ferroute_jsc::load().unwrap_err().to_string();
    assert!(
        message.starts_with("cannot load JavaScriptCore (tried "),
        "{message}"
    );
    assert!(
        message.ends_with("/path/to/libjavascriptcoregtk-4.1.so.0"),
        "{message}"
    );
    assert!(message.contains(HELP), "{message}");
    assert_eq!(ferroute_jsc::load().unwrap_err().to_string(), message);
    message
}

/// `Vm::new` and a raw `ffi` call panic with the load error's message.
fn check_failures_report(message: &str) {
    panic::set_hook(Box::new(|_| {}));
    let payload = panic::catch_unwind(Vm::new).map(drop).unwrap_err();
    assert_eq!(
        payload.downcast_ref::<String>().map(String::as_str),
        Some(message)
    );
    // SAFETY: never reaches JSC: the library could not be loaded.
    #[allow(unsafe_code)]
    let payload = panic::catch_unwind(AssertUnwindSafe(|| unsafe {
        ffi::JSStringCreateWithUTF8CString(c"x".as_ptr())
    }))
    .unwrap_err();
    drop(panic::take_hook());
    assert_eq!(
        payload.downcast_ref::<String>().map(String::as_str),
        Some(message)
    );
}

/// The path of the JavaScriptCore library mapped into this process, if any.
#[cfg(target_os = "linux")]
fn mapped_javascriptcore() -> Option<String> {
    let maps = std::fs::read_to_string("/proc/self/maps").unwrap();
    maps.lines()
        .filter_map(|line| line.split_whitespace().nth(5))
        .find(|path| path.contains("libjavascriptcoregtk"))
        .map(str::to_owned)
}
