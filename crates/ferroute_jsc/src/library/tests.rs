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

/// `usePollingTraps` is on in the library [`crate::load`] opened (see `OPTIONS`), unless the
/// environment chose for itself.
#[cfg(not(target_os = "macos"))]
#[test]
fn polling_traps_are_on_once_a_vm_is_made() {
    if crate::load().is_err()
        || std::env::var_os("JSC_usePollingTraps").is_some()
        || std::env::var_os(super::LIBRARY_VAR).is_some()
    {
        return;
    }
    drop(crate::Vm::new());
    // SAFETY: the library is loaded (above), so RTLD_NOLOAD only finds it; `jsc_options_get_boolean`
    // is `gboolean (const char *option, gboolean *value)`.
    let on = unsafe {
        let handle = libc::dlopen(
            c"libjavascriptcoregtk-4.1.so.0".as_ptr(),
            libc::RTLD_NOW | libc::RTLD_NOLOAD,
        );
        assert!(!handle.is_null(), "the loaded library is found again");
        let get = super::symbol(handle, "jsc_options_get_boolean\0")
            .expect("the GLib port's options API");
        let get = std::mem::transmute::<
            *mut std::ffi::c_void,
            unsafe extern "C" fn(*const std::ffi::c_char, *mut i32) -> i32,
        >(get);
        let mut value = 0;
        assert_eq!(
            get(c"usePollingTraps".as_ptr(), &raw mut value),
            1,
            "the option exists"
        );
        libc::dlclose(handle);
        value
    };
    assert_eq!(on, 1);
}
