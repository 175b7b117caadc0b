//! How a [`LoadError`] reads when the default libraries fail (the tests under tests/ cover
//! `FERROUTE_JSC_LIBRARY`, since this machine has the library).

use super::{Attempt, Failure, LoadError, DEFAULT_LIBRARIES, HELP};

#[cfg(not(target_os = "macos"))]
#[test]
fn default_libraries_are_the_runtime_package_then_the_link_name() {
    assert_eq!(
        DEFAULT_LIBRARIES,
        [
            "libjavascriptcoregtk-4.1.so.0",
            "libjavascriptcoregtk-4.1.so"
        ]
    );
}

#[test]
fn error_names_each_library_tried_with_its_failure_then_the_help() {
    let missing = |library: &str| Attempt {
        library: library.to_owned(),
        failure: Failure::Open(format!(
            "{library}: cannot open shared object file: No such file or directory"
        )),
    };
    let err = LoadError {
        attempts: vec![
            missing("libjavascriptcoregtk-4.1.so.0"),
            Attempt {
                library: "libjavascriptcoregtk-4.1.so".to_owned(),
                failure: Failure::Symbol("JSLock", "undefined symbol: JSLock".to_owned()),
            },
        ],
        from_env: false,
    };
    assert_eq!(
        err.to_string(),
        format!(
            "cannot load JavaScriptCore (tried libjavascriptcoregtk-4.1.so.0, \
             libjavascriptcoregtk-4.1.so): libjavascriptcoregtk-4.1.so.0: cannot open shared \
             object file: No such file or directory; libjavascriptcoregtk-4.1.so lacks the \
             function JSLock (undefined symbol: JSLock); {HELP}"
        )
    );
    assert!(err.to_string().contains(
        "install libjavascriptcoregtk-4.1-0 (apt install libjavascriptcoregtk-4.1-0) or set \
         FERROUTE_JSC_LIBRARY"
    ));
}
