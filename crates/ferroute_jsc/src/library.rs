//! Opens JavaScriptCore at run time: [`load`] `dlopen`s the shared library and resolves the
//! table of functions [`ffi`](crate::ffi) calls through, once per process.
//!
//! The crate does not link the library, so that building ferroute needs nothing from the system
//! and a ferroute binary starts on a machine without JavaScriptCore: only the JSC engine needs
//! it, and the default engine (QuickJS) does not.
#![allow(unsafe_code)]

use std::ffi::{c_void, CStr, CString, OsString};
use std::fmt;
use std::os::unix::ffi::OsStrExt;
use std::sync::atomic::{AtomicPtr, AtomicU32, Ordering};
use std::sync::OnceLock;

use crate::ffi::Api;

/// The environment variable naming the library to open instead of the default ones.
const LIBRARY_VAR: &str = "FERROUTE_JSC_LIBRARY";

/// The libraries tried in order when [`LIBRARY_VAR`] is not set: Debian's and Ubuntu's
/// `libjavascriptcoregtk-4.1-0` package, then the -dev package's link name.
#[cfg(not(target_os = "macos"))]
const DEFAULT_LIBRARIES: [&str; 2] = [
    "libjavascriptcoregtk-4.1.so.0",
    "libjavascriptcoregtk-4.1.so",
];

/// The system framework, which ships the same C API (not tested on macOS yet).
#[cfg(target_os = "macos")]
const DEFAULT_LIBRARIES: [&str; 1] =
    ["/System/Library/Frameworks/JavaScriptCore.framework/JavaScriptCore"];

/// What a [`LoadError`] tells the user to do.
const HELP: &str = "install libjavascriptcoregtk-4.1-0 (apt install libjavascriptcoregtk-4.1-0) \
    or set FERROUTE_JSC_LIBRARY=/path/to/libjavascriptcoregtk-4.1.so.0";

/// The outcome of the one attempt to load the library, made on first use.
static API: OnceLock<Result<Api, LoadError>> = OnceLock::new();

/// `JSC::VM::drainMicrotasks()`, when the library exports it (Debian's and Ubuntu's builds do):
/// [`drain_microtasks`]. Null until the library is loaded, or when it lacks the function.
static DRAIN_MICROTASKS: AtomicPtr<c_void> = AtomicPtr::new(std::ptr::null_mut());

/// The mangled (Itanium C++ ABI) name of `void JSC::VM::drainMicrotasks()`: not part of the C
/// API, exported by the library as a whole. A member function without arguments is called as
/// a C function of its object pointer; a context group (`JSContextGroupRef`) is that `VM*`.
const DRAIN_MICROTASKS_SYMBOL: &str = "_ZN3JSC2VM15drainMicrotasksEv\0";

/// `JSC::VMEntryScope::setUpSlow()` and `tearDownSlow()`, when the library is a version whose
/// entry scope we know ([`READ_VERSIONS`]): [`entry_scope`]. Null otherwise.
static ENTRY_SCOPE_UP: AtomicPtr<c_void> = AtomicPtr::new(std::ptr::null_mut());
static ENTRY_SCOPE_DOWN: AtomicPtr<c_void> = AtomicPtr::new(std::ptr::null_mut());

const ENTRY_SCOPE_UP_SYMBOL: &str = "_ZN3JSC12VMEntryScope9setUpSlowEv\0";
const ENTRY_SCOPE_DOWN_SYMBOL: &str = "_ZN3JSC12VMEntryScope12tearDownSlowEv\0";

/// The WebKitGTK versions (major, minor) whose private functions and layouts were read, in the
/// disassembly of Debian's 2.50.6 build, and are used: `VMEntryScope` (an object of two words,
/// the `VM*` then the `JSGlobalObject*`; `setUpSlow` stores the object's address as the VM's
/// entry scope and runs the entry's services, the date cache's reset and the watchdog,
/// `tearDownSlow` clears it and runs the exit's), the host functions' (`HostApi`: the
/// signatures, and a call frame of `JSValue` slots with the callee at 3, the argument count
/// including `this` in the low half of 4, `this` at 5 and the arguments from 6) and the
/// strings' (`StringApi`). Other versions do without: [`crate::vm::Vm::batch`] opens no scope,
/// natives are C API classes and strings are made by the C API.
const READ_VERSIONS: [(u32, u32); 1] = [(2, 50)];

/// A host function as JavaScriptCore calls it (`JSC::NativeFunction`): the global object and
/// the call frame in, the result (an encoded `JSValue`, which on 64-bit targets has the bits of
/// a `JSValueRef`) out; empty (null) after throwing.
pub(crate) type HostFn = unsafe extern "C" fn(
    global: *mut c_void,
    frame: *const crate::ffi::JSValueRef,
) -> crate::ffi::JSValueRef;

/// The private functions behind [`crate::Vm::host_function`], when the library is a version
/// whose call frame and signatures were read ([`READ_VERSIONS`]).
pub(crate) struct HostApi {
    /// `JSC::JSFunction::create(VM&, JSGlobalObject*, unsigned length, const String& name,
    /// NativeFunction, ImplementationVisibility, Intrinsic, NativeFunction constructor,
    /// const DOMJIT::Signature*)`. Both function arguments are one pointer each, passed in a
    /// register or a stack slot like one; the two enums are bytes (0: public, no intrinsic).
    pub(crate) create: HostCreateFn,
    /// `JSC::VM::throwException(JSGlobalObject*, JSValue)`: `JSValue` is one word.
    pub(crate) throw: HostThrowFn,
    /// `JSC::callHostFunctionAsConstructor`: the constructor of a function that is none
    /// (`new f()` throws "is not a constructor").
    pub(crate) not_constructor: HostFn,
}

/// `HostApi::create`'s signature.
pub(crate) type HostCreateFn = unsafe extern "C" fn(
    vm: crate::ffi::JSContextGroupRef,
    global: crate::ffi::JSContextRef,
    length: u32,
    name: *const *const c_void,
    function: HostFn,
    visibility: u32,
    intrinsic: u32,
    constructor: HostFn,
    signature: *const c_void,
) -> crate::ffi::JSObjectRef;

/// `HostApi::throw`'s signature.
pub(crate) type HostThrowFn = unsafe extern "C" fn(
    vm: crate::ffi::JSContextGroupRef,
    global: crate::ffi::JSContextRef,
    value: crate::ffi::JSValueRef,
) -> *mut c_void;

static HOST_API: OnceLock<HostApi> = OnceLock::new();

const HOST_CREATE_SYMBOL: &str = "_ZN3JSC10JSFunction6createERNS_2VMEPNS_14JSGlobalObjectEjRKN3WTF6StringENS5_11FunctionPtrILNS5_6PtrTagE1EFlS4_PNS_9CallFrameEELNS5_18FunctionAttributesE2EEENS_24ImplementationVisibilityENS_9IntrinsicESF_PKNS_6DOMJIT9SignatureE\0";
const HOST_THROW_SYMBOL: &str = "_ZN3JSC2VM14throwExceptionEPNS_14JSGlobalObjectENS_7JSValueE\0";
const HOST_NOT_CONSTRUCTOR_SYMBOL: &str =
    "_ZN3JSC29callHostFunctionAsConstructorEPNS_14JSGlobalObjectEPNS_9CallFrameE\0";

/// The private functions behind [`crate::Vm::string`], when the library is a version whose
/// string layout was read ([`READ_VERSIONS`]): a `WTF::StringImpl` counts its
/// references in the 32 bits at its start, two a reference (the lowest bit marks a static
/// string), and is destroyed by `StringImpl::destroy` when the count reaches 0.
pub(crate) struct StringApi {
    /// `WTF::String WTF::String::fromUTF8(std::span<const char8_t>)`: the result (a
    /// `StringImpl*`, null for invalid UTF-8) is written through the first argument; 8-bit
    /// when the text is ASCII.
    pub(crate) from_utf8: StringFromUtf8Fn,
    /// `JSC::JSString* JSC::jsStringWithCacheSlowCase(VM&, StringImpl&)`: a string cell over the
    /// `StringImpl` (which it references), remembered as the VM's last cached string.
    pub(crate) js_string: JsStringFn,
    /// `WTF::StringImpl::destroy(StringImpl*)`.
    pub(crate) destroy: StringDestroyFn,
}

pub(crate) type StringFromUtf8Fn =
    unsafe extern "C" fn(out: *mut *mut u32, bytes: *const u8, len: usize) -> *mut *mut u32;
pub(crate) type JsStringFn = unsafe extern "C" fn(
    vm: crate::ffi::JSContextGroupRef,
    string: *mut u32,
) -> crate::ffi::JSValueRef;
pub(crate) type StringDestroyFn = unsafe extern "C" fn(string: *mut u32);

static STRING_API: OnceLock<StringApi> = OnceLock::new();

const STRING_FROM_UTF8_SYMBOL: &str =
    "_ZN3WTF6String8fromUTF8ESt4spanIKDuLm18446744073709551615EE\0";
const STRING_JS_SYMBOL: &str = "_ZN3JSC25jsStringWithCacheSlowCaseERNS_2VMERN3WTF10StringImplE\0";
const STRING_DESTROY_SYMBOL: &str = "_ZN3WTF10StringImpl7destroyEPS0_\0";

/// The string functions of the loaded library, where its version is known.
pub(crate) fn string_api() -> Option<&'static StringApi> {
    STRING_API.get()
}

/// The host-function functions of the loaded library, where its version is known.
pub(crate) fn host_api() -> Option<&'static HostApi> {
    HOST_API.get()
}

/// `setUpSlow` and `tearDownSlow` of the loaded library's `JSC::VMEntryScope`, if it is a
/// version we know (see [`READ_VERSIONS`]); each is `void (VMEntryScope*)`.
pub(crate) type EntryScopeFn = unsafe extern "C" fn(*mut c_void);
pub(crate) fn entry_scope() -> Option<(EntryScopeFn, EntryScopeFn)> {
    let up = ENTRY_SCOPE_UP.load(Ordering::Acquire);
    let down = ENTRY_SCOPE_DOWN.load(Ordering::Acquire);
    if up.is_null() || down.is_null() {
        return None;
    }
    // SAFETY: set only from the library's own symbols of these names, whose signature (after
    // the C++ ABI's lowering) is `void (JSC::VMEntryScope*)`.
    Some(unsafe {
        (
            std::mem::transmute::<*mut c_void, EntryScopeFn>(up),
            std::mem::transmute::<*mut c_void, EntryScopeFn>(down),
        )
    })
}

/// The library's version from the GLib port's `jsc_get_{major,minor}_version`; None where
/// it has none (the macOS framework).
///
/// # Safety
/// `handle` is a live handle of the library.
unsafe fn glib_version(handle: *mut c_void) -> Option<(u32, u32)> {
    // SAFETY: the caller's guarantee; both functions take nothing and return a guint.
    unsafe {
        let major = symbol(handle, "jsc_get_major_version\0").ok()?;
        let minor = symbol(handle, "jsc_get_minor_version\0").ok()?;
        let major = std::mem::transmute::<*mut c_void, unsafe extern "C" fn() -> u32>(major);
        let minor = std::mem::transmute::<*mut c_void, unsafe extern "C" fn() -> u32>(minor);
        Some((major(), minor()))
    }
}

/// `JSC::VM::drainMicrotasks` of the loaded library, if it exports it (see `Vm::run_jobs_here`).
pub(crate) fn drain_microtasks() -> Option<unsafe extern "C" fn(crate::ffi::JSContextGroupRef)> {
    let address = DRAIN_MICROTASKS.load(Ordering::Acquire);
    if address.is_null() {
        return None;
    }
    // SAFETY: set only from the library's own symbol of this name, whose signature (after the
    // C++ ABI's lowering) is `void (JSC::VM*)`.
    Some(unsafe {
        std::mem::transmute::<*mut c_void, unsafe extern "C" fn(crate::ffi::JSContextGroupRef)>(
            address,
        )
    })
}

/// Loads JavaScriptCore, unless it is loaded already: opens the library with `dlopen` and looks
/// up every function the crate calls.
///
/// The library is `$FERROUTE_JSC_LIBRARY` when that is set (a path, or a name the dynamic
/// loader searches for); otherwise `libjavascriptcoregtk-4.1.so.0` (Debian's and Ubuntu's
/// `libjavascriptcoregtk-4.1-0`), then `libjavascriptcoregtk-4.1.so`; on macOS the system's
/// `JavaScriptCore.framework`. The first one that opens and has every function wins; it stays
/// loaded for the life of the process.
///
/// Only the first call does the work, and its outcome is kept: later calls, from any thread,
/// return the same result (setting the variable afterwards changes nothing). [`Vm::new`] loads
/// the library itself and panics when it cannot; call `load` first to report the error instead.
///
/// ```
/// if let Err(err) = ferroute_jsc::load() {
///     eprintln!("the JSC engine is not available: {err}");
///     return;
/// }
/// let vm = ferroute_jsc::Vm::new();
/// # drop(vm);
/// ```
///
/// # Errors
/// A [`LoadError`] when no library could be opened, or none had every function.
///
/// [`Vm::new`]: crate::Vm::new
pub fn load() -> Result<(), LoadError> {
    match API.get_or_init(open) {
        Ok(_) => Ok(()),
        Err(err) => Err(err.clone()),
    }
}

/// The table of functions, loading the library on first use.
///
/// # Panics
/// With the [`LoadError`] when the library cannot be loaded.
#[inline]
pub(crate) fn api() -> &'static Api {
    match API.get_or_init(open) {
        Ok(api) => api,
        Err(err) => unavailable(err),
    }
}

#[cold]
#[inline(never)]
fn unavailable(err: &LoadError) -> ! {
    panic!("{err}")
}

/// Why JavaScriptCore could not be loaded: the libraries tried and, for each, what went wrong
/// (`dlerror`'s text, or the function it lacks). Its `Display` is one line ending with what to
/// do about it.
#[derive(Debug, Clone)]
pub struct LoadError {
    /// Every library tried, in order.
    attempts: Vec<Attempt>,
    /// Whether the one library tried came from `FERROUTE_JSC_LIBRARY`.
    from_env: bool,
}

/// One library [`load`] tried.
#[derive(Debug, Clone)]
struct Attempt {
    /// The name or path given to `dlopen`.
    library: String,
    /// What went wrong with it.
    failure: Failure,
}

#[derive(Debug, Clone)]
enum Failure {
    /// `dlopen` failed; `dlerror`'s text.
    Open(String),
    /// The library opened but lacks a function; `dlerror`'s text.
    Symbol(&'static str, String),
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("cannot load JavaScriptCore (tried ")?;
        for (i, attempt) in self.attempts.iter().enumerate() {
            let separator = if i == 0 { "" } else { ", " };
            if self.from_env {
                write!(f, "{separator}{LIBRARY_VAR}={}", attempt.library)?;
            } else {
                write!(f, "{separator}{}", attempt.library)?;
            }
        }
        f.write_str("): ")?;
        for attempt in &self.attempts {
            match &attempt.failure {
                Failure::Open(error) => write!(f, "{error}; ")?,
                Failure::Symbol(symbol, error) => write!(
                    f,
                    "{} lacks the function {symbol} ({error}); ",
                    attempt.library
                )?,
            }
        }
        f.write_str(HELP)
    }
}

impl std::error::Error for LoadError {}

/// Tries the libraries in order; the first that opens and has every function gives the table.
fn open() -> Result<Api, LoadError> {
    let (libraries, from_env) = match std::env::var_os(LIBRARY_VAR) {
        Some(path) if !path.is_empty() => (vec![path], true),
        _ => (
            DEFAULT_LIBRARIES.iter().map(OsString::from).collect(),
            false,
        ),
    };
    let mut attempts = Vec::new();
    for library in libraries {
        let failure = match try_library(&library) {
            Ok(api) => return Ok(api),
            Err(failure) => failure,
        };
        attempts.push(Attempt {
            library: library.to_string_lossy().into_owned(),
            failure,
        });
    }
    Err(LoadError { attempts, from_env })
}

/// Opens one library and resolves the table from it. A library that opens but lacks a function
/// stays mapped (unloading JavaScriptCore's static state is not worth the risk).
fn try_library(library: &OsString) -> Result<Api, Failure> {
    let Ok(name) = CString::new(library.as_bytes()) else {
        return Err(Failure::Open(format!(
            "{}: the name contains a NUL byte",
            library.to_string_lossy()
        )));
    };
    // SAFETY: `name` is a C string; loading runs the library's initializers, which for
    // JavaScriptCore only set up static state. `OnceLock` makes this the only loading thread.
    let handle = unsafe { libc::dlopen(name.as_ptr(), libc::RTLD_NOW | libc::RTLD_LOCAL) };
    if handle.is_null() {
        return Err(Failure::Open(last_error()));
    }
    // SAFETY: a live handle of a library that claims to be JavaScriptCore, whose C API has the
    // signatures `ffi` declares.
    let api = unsafe { Api::resolve(handle) }
        .map_err(|(symbol, error)| Failure::Symbol(symbol, error))?;
    // SAFETY: right after opening, before any VM (and so any thread of the library) exists;
    // the address of one of the library's own functions locates it.
    unsafe {
        if let Ok(inside) = symbol(handle, "JSGarbageCollect\0") {
            crate::imports::hook(inside);
        }
        if let Ok(drain) = symbol(handle, DRAIN_MICROTASKS_SYMBOL) {
            DRAIN_MICROTASKS.store(drain, Ordering::Release);
        }
        if glib_version(handle).is_some_and(|v| READ_VERSIONS.contains(&v)) {
            if let (Ok(up), Ok(down)) = (
                symbol(handle, ENTRY_SCOPE_UP_SYMBOL),
                symbol(handle, ENTRY_SCOPE_DOWN_SYMBOL),
            ) {
                ENTRY_SCOPE_UP.store(up, Ordering::Release);
                ENTRY_SCOPE_DOWN.store(down, Ordering::Release);
            }
            if let (Ok(create), Ok(throw), Ok(not_constructor)) = (
                symbol(handle, HOST_CREATE_SYMBOL),
                symbol(handle, HOST_THROW_SYMBOL),
                symbol(handle, HOST_NOT_CONSTRUCTOR_SYMBOL),
            ) {
                // SAFETY: the library's own functions of these names, whose signatures in this
                // version are the ones `HostApi` declares (read from its disassembly).
                let _ = HOST_API.set(HostApi {
                    create: std::mem::transmute::<*mut c_void, HostCreateFn>(create),
                    throw: std::mem::transmute::<*mut c_void, HostThrowFn>(throw),
                    not_constructor: std::mem::transmute::<*mut c_void, HostFn>(not_constructor),
                });
            }
            if let (Ok(from_utf8), Ok(js_string), Ok(destroy)) = (
                symbol(handle, STRING_FROM_UTF8_SYMBOL),
                symbol(handle, STRING_JS_SYMBOL),
                symbol(handle, STRING_DESTROY_SYMBOL),
            ) {
                // SAFETY: the library's own functions of these names, whose signatures in this
                // version (after the C++ ABI's lowering) are the ones `StringApi` declares.
                let _ = STRING_API.set(StringApi {
                    from_utf8: std::mem::transmute::<*mut c_void, StringFromUtf8Fn>(from_utf8),
                    js_string: std::mem::transmute::<*mut c_void, JsStringFn>(js_string),
                    destroy: std::mem::transmute::<*mut c_void, StringDestroyFn>(destroy),
                });
            }
        }
        find_option_setters(handle);
    }
    Ok(api)
}

/// JavaScriptCore's options that ferroute sets, each unless the environment sets it
/// (`JSC_<name>`, which JavaScriptCore reads itself).
///
/// `usePollingTraps`: running code notices the watchdog's trap (the time limit behind
/// `--max-sync-ms`) at checks the JIT compiles in, instead of through a signal sent to its
/// thread. Handling a trap throws away the optimized code on the stack either way (JSC's
/// `JettisonDueToVMTraps`), which is why ferroute_runtime's tick is long; with polling it
/// happened less often (measured at the old 25 ms tick: 19 DFG/FTL compilations in 3 s of one
/// worker's steady state, 4 with polling; the CPU loop row ~4,200 req/s by default, ~6,600 with
/// polling; zod ~5,600 and ~6,600).
const OPTIONS: [(&str, &CStr); 1] = [("JSC_usePollingTraps", c"usePollingTraps")];

/// How many threads mark the collector's heap (`numberOfGCMarkers`), asked for with
/// [`set_gc_markers`]; 0 leaves JavaScriptCore's own choice.
static GC_MARKERS: AtomicU32 = AtomicU32::new(0);

/// The GLib port's `jsc_options_set_boolean` and `jsc_options_set_uint`, found when the
/// library loads (null in a library without them, the macOS framework, which keeps its
/// defaults).
static SET_BOOLEAN: AtomicPtr<c_void> = AtomicPtr::new(std::ptr::null_mut());
static SET_UINT: AtomicPtr<c_void> = AtomicPtr::new(std::ptr::null_mut());

/// Asks for `markers` threads to mark each collection's heap (JavaScriptCore's
/// `numberOfGCMarkers`; by default one per core, up to 8): taken when the first [`Vm`] of the
/// process is made, unless `JSC_numberOfGCMarkers` is set, and ignored afterwards. A server
/// whose workers already keep every core busy marks best on the thread that collects: the
/// helper threads only contend with the workers (zod's row +9% on 2 cores and 2 workers,
/// `tasks/bench/runs/2026-12-02-rust-2core-session19.md`).
///
/// [`Vm`]: crate::Vm
pub fn set_gc_markers(markers: u32) {
    GC_MARKERS.store(markers, Ordering::Relaxed);
}

/// Sets [`OPTIONS`] and the markers [`set_gc_markers`] asked for; runs once, from
/// [`Vm::new`](crate::Vm::new), before the first VM is made (JavaScriptCore takes its options
/// then).
pub(crate) fn apply_options() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        type SetBoolean = unsafe extern "C" fn(*const std::ffi::c_char, i32) -> i32;
        type SetUint = unsafe extern "C" fn(*const std::ffi::c_char, u32) -> i32;
        let set_boolean = SET_BOOLEAN.load(Ordering::Relaxed);
        if !set_boolean.is_null() {
            // SAFETY: `gboolean jsc_options_set_boolean(const char *option, gboolean value)`,
            // found in the loaded library.
            let set = unsafe { std::mem::transmute::<*mut c_void, SetBoolean>(set_boolean) };
            for (variable, name) in OPTIONS {
                if std::env::var_os(variable).is_none() {
                    // SAFETY: a NUL-terminated option name; no VM exists yet.
                    unsafe { set(name.as_ptr(), 1) };
                }
            }
        }
        let set_uint = SET_UINT.load(Ordering::Relaxed);
        let markers = GC_MARKERS.load(Ordering::Relaxed);
        if !set_uint.is_null()
            && markers != 0
            && std::env::var_os("JSC_numberOfGCMarkers").is_none()
        {
            // SAFETY: `gboolean jsc_options_set_uint(const char *option, guint value)`, found
            // in the loaded library.
            let set = unsafe { std::mem::transmute::<*mut c_void, SetUint>(set_uint) };
            // SAFETY: a NUL-terminated option name; no VM exists yet.
            unsafe { set(c"numberOfGCMarkers".as_ptr(), markers) };
        }
    });
}

/// Finds the GLib port's option setters in the library `handle` ([`apply_options`] uses them).
///
/// # Safety
/// `handle` is a live handle of the library.
unsafe fn find_option_setters(handle: *mut c_void) {
    // SAFETY: the caller's guarantee.
    if let Ok(address) = unsafe { symbol(handle, "jsc_options_set_boolean\0") } {
        SET_BOOLEAN.store(address, Ordering::Relaxed);
    }
    // SAFETY: the caller's guarantee.
    if let Ok(address) = unsafe { symbol(handle, "jsc_options_set_uint\0") } {
        SET_UINT.store(address, Ordering::Relaxed);
    }
}

/// The address of the function `name` (NUL-terminated) in the library `handle`, or `dlerror`'s
/// text.
///
/// # Safety
/// `handle` is a live `dlopen` handle and `name` ends with a NUL byte.
pub(crate) unsafe fn symbol(handle: *mut c_void, name: &str) -> Result<*mut c_void, String> {
    debug_assert!(name.ends_with('\0'));
    // SAFETY: the caller's guarantee; clearing `dlerror` first tells a failure from a symbol
    // whose value is null.
    unsafe {
        libc::dlerror();
        let address = libc::dlsym(handle, name.as_ptr().cast());
        if address.is_null() {
            let error = libc::dlerror();
            return Err(if error.is_null() {
                "the symbol's address is null".to_owned()
            } else {
                CStr::from_ptr(error).to_string_lossy().into_owned()
            });
        }
        Ok(address)
    }
}

/// `dlerror`'s text for the last failed call of this thread.
fn last_error() -> String {
    // SAFETY: `dlerror` returns null or a C string valid until the next dl* call of this thread.
    unsafe {
        let error = libc::dlerror();
        if error.is_null() {
            "dlopen failed".to_owned()
        } else {
            CStr::from_ptr(error).to_string_lossy().into_owned()
        }
    }
}

#[cfg(test)]
mod tests;
