//! [`Vm`]: a JSC context group and its global context, owned by one thread: evaluation, making
//! values, native functions, deferred promises, the time limit.
#![allow(unsafe_code)]

use std::ffi::c_void;
use std::ptr;
use std::rc::Rc;
use std::time::Duration;

use crate::encoding::Immediate;
use crate::error::{self, JsError};
use crate::native::{self, NativeFn};
use crate::shared::{value_or_error, Shared};
use crate::string::JsString;
use crate::{ffi, Resolver, Value};

/// A JavaScriptCore VM: one context group (heap, JIT, watchdog) with one global context.
///
/// Not `Send`: build one per thread. Dropping it frees every JavaScript object of the VM;
/// [`Value`]s still held afterwards panic when used.
pub struct Vm {
    shared: Rc<Shared>,
    /// False for the `&Vm` lent to native functions, which must not release the engine.
    owner: bool,
}

impl Vm {
    /// Creates a VM with a fresh global object (ECMAScript built-ins, `Intl`, `WebAssembly`;
    /// no web APIs such as `setTimeout`, `URL` or `TextEncoder`).
    ///
    /// Loads JavaScriptCore first if no VM or [`load`](crate::load) did yet.
    ///
    /// # Panics
    /// If JavaScriptCore cannot be loaded, with the [`LoadError`](crate::LoadError)'s message
    /// (callers that must not panic call [`load`](crate::load) first and report its error), or
    /// if it cannot create the context (out of memory).
    #[must_use]
    pub fn new() -> Self {
        if let Err(err) = crate::load() {
            panic!("{err}");
        }
        crate::library::apply_options();
        // SAFETY: plain constructors; each result is checked and owned once.
        let (group, ctx) = unsafe {
            let group = ffi::JSContextGroupCreate();
            assert!(
                !group.is_null(),
                "JavaScriptCore could not create a context group"
            );
            let ctx = ffi::JSGlobalContextCreateInGroup(group, ptr::null_mut());
            assert!(!ctx.is_null(), "JavaScriptCore could not create a context");
            (group, ctx)
        };
        let function_class = native::create_class();
        let function_prototype = native::function_prototype(ctx);
        let shared = Rc::new(Shared::new(ctx, group, function_class, function_prototype));
        Vm {
            shared,
            owner: true,
        }
    }

    /// The `&Vm` lent to a native function: the same engine, which it does not own.
    pub(crate) fn lent(shared: Rc<Shared>) -> Self {
        Vm {
            shared,
            owner: false,
        }
    }

    pub(crate) fn shared(&self) -> &Rc<Shared> {
        &self.shared
    }

    /// Evaluates `source` as a classic script (not a module) and returns its completion value.
    /// `url` and `line` (1-based) name where the source starts; they appear in error messages
    /// and stacks.
    ///
    /// # Errors
    /// A [`JsError`] for a syntax error or an uncaught exception, with the `url` and the line
    /// of the fault; [`JsErrorKind::Timeout`](crate::JsErrorKind::Timeout) when the time limit stopped the script.
    pub fn eval(&self, source: &str, url: &str, line: u32) -> Result<Value, JsError> {
        let source = JsString::new(source);
        let url = JsString::new(url);
        let entry = self.shared.enter();
        let mut exception = ptr::null();
        // SAFETY: the context is alive; the strings live across the call; a null `this`
        // means the global object.
        let result = unsafe {
            ffi::JSEvaluateScript(
                entry.ctx(),
                source.raw(),
                ptr::null_mut(),
                url.raw(),
                c_line(line),
                &mut exception,
            )
        };
        self.value_or_error(result, exception)
    }

    /// Parses `source` without running it.
    ///
    /// # Errors
    /// The `SyntaxError`, with `url` and the line.
    pub fn check_syntax(&self, source: &str, url: &str, line: u32) -> Result<(), JsError> {
        let source = JsString::new(source);
        let url = JsString::new(url);
        let entry = self.shared.enter();
        let mut exception = ptr::null();
        // SAFETY: the context is alive; the strings live across the call.
        let ok = unsafe {
            ffi::JSCheckScriptSyntax(
                entry.ctx(),
                source.raw(),
                url.raw(),
                c_line(line),
                &mut exception,
            )
        };
        if ok {
            Ok(())
        } else {
            Err(error::capture(&self.shared, exception))
        }
    }

    /// The global object (`globalThis`).
    #[must_use]
    pub fn global(&self) -> Value {
        let entry = self.shared.enter();
        // SAFETY: the context is alive; the global object is never null.
        let raw = unsafe { ffi::JSContextGetGlobalObject(entry.ctx()) };
        Value::protected(&self.shared, raw)
    }

    /// `undefined`.
    #[must_use]
    pub fn undefined(&self) -> Value {
        self.immediate(Immediate::Undefined)
    }

    /// `null`.
    #[must_use]
    pub fn null(&self) -> Value {
        self.immediate(Immediate::Null)
    }

    /// A boolean.
    #[must_use]
    pub fn boolean(&self, value: bool) -> Value {
        self.immediate(Immediate::Bool(value))
    }

    /// A number.
    #[must_use]
    pub fn number(&self, value: f64) -> Value {
        self.immediate(Immediate::Number(value))
    }

    /// A value held in the reference itself (no call into JSC on 64-bit targets).
    fn immediate(&self, value: Immediate) -> Value {
        Value::protected(
            &self.shared,
            crate::value::immediate_raw(&self.shared, value),
        )
    }

    /// A string (copied; NUL characters are kept) for a native function to return as it is:
    /// not protected, as a native's result never is (the collector finds it on the stack on
    /// its way back to JavaScript), which saves the two calls into JSC that protecting it and
    /// giving the protection back cost. Return it right away: no other call into JSC may come
    /// between (it could collect the string); a clone is protected.
    #[must_use]
    pub fn string_to_return(&self, value: &str) -> Value {
        Value::lent(&self.shared, self.shared.raw_string(value))
    }

    /// A string (copied; NUL characters are kept).
    #[must_use]
    pub fn string(&self, value: &str) -> Value {
        Value::protected(&self.shared, self.shared.raw_string(value))
    }

    /// A new empty object (`{}`).
    #[must_use]
    pub fn object(&self) -> Value {
        let entry = self.shared.enter();
        // SAFETY: the context is alive; a null class makes a plain object.
        let raw = unsafe { ffi::JSObjectMake(entry.ctx(), ptr::null_mut(), ptr::null_mut()) };
        Value::protected(&self.shared, raw)
    }

    /// A new array holding `items`.
    ///
    /// # Errors
    /// When JavaScriptCore throws (say, out of memory).
    ///
    /// # Panics
    /// If an item belongs to another VM.
    pub fn array(&self, items: &[Value]) -> Result<Value, JsError> {
        let raw: Vec<ffi::JSValueRef> = items.iter().map(|v| self.own_raw(v)).collect();
        let entry = self.shared.enter();
        let mut exception = ptr::null();
        // SAFETY: the context is alive; `raw` holds `raw.len()` protected values of this VM.
        let result =
            unsafe { ffi::JSObjectMakeArray(entry.ctx(), raw.len(), raw.as_ptr(), &mut exception) };
        self.value_or_error(result.cast_const(), exception)
    }

    /// Parses `json` (as `JSON.parse` does).
    ///
    /// # Errors
    /// A `SyntaxError` when `json` is not valid JSON.
    pub fn parse_json(&self, json: &str) -> Result<Value, JsError> {
        let string = JsString::new(json);
        let entry = self.shared.enter();
        // SAFETY: the context is alive; the string lives across the call.
        let raw = unsafe { ffi::JSValueMakeFromJSONString(entry.ctx(), string.raw()) };
        if raw.is_null() {
            return Err(JsError::new("SyntaxError", "invalid JSON"));
        }
        Ok(Value::protected(&self.shared, raw))
    }

    /// The JavaScript value of a `serde_json::Value` (through its JSON text).
    ///
    /// # Errors
    /// Only when JavaScriptCore refuses the JSON (which serde_json wrote, so not expected).
    pub fn json_value(&self, value: &serde_json::Value) -> Result<Value, JsError> {
        self.parse_json(&value.to_string())
    }

    /// A `Uint8Array` over `bytes`, without copying them: JavaScript reads and writes the
    /// vector's own buffer, which is freed when the array is collected.
    ///
    /// # Errors
    /// When JavaScriptCore throws (say, out of memory).
    pub fn uint8_array(&self, bytes: Vec<u8>) -> Result<Value, JsError> {
        self.bytes_no_copy(bytes, true)
    }

    /// An `ArrayBuffer` over `bytes`, without copying them (as [`Vm::uint8_array`]).
    ///
    /// # Errors
    /// When JavaScriptCore throws (say, out of memory).
    pub fn array_buffer(&self, bytes: Vec<u8>) -> Result<Value, JsError> {
        self.bytes_no_copy(bytes, false)
    }

    fn bytes_no_copy(&self, mut bytes: Vec<u8>, typed: bool) -> Result<Value, JsError> {
        let data = bytes.as_mut_ptr().cast::<c_void>();
        let len = bytes.len();
        // The vector itself (pointer, length, capacity) is the deallocator's context.
        let owner = Box::into_raw(Box::new(bytes)).cast::<c_void>();
        let entry = self.shared.enter();
        let mut exception = ptr::null();
        // SAFETY: the context is alive; `data` points to `len` bytes owned by the vector behind
        // `owner`, which stays put (boxed) until JSC calls `free_vec` once with it. We never
        // free it ourselves, so if creating the array fails without JSC calling the
        // deallocator, the vector leaks rather than being freed twice.
        let raw = unsafe {
            if typed {
                ffi::JSObjectMakeTypedArrayWithBytesNoCopy(
                    entry.ctx(),
                    ffi::TYPED_ARRAY_UINT8,
                    data,
                    len,
                    Some(free_vec),
                    owner,
                    &mut exception,
                )
            } else {
                ffi::JSObjectMakeArrayBufferWithBytesNoCopy(
                    entry.ctx(),
                    data,
                    len,
                    Some(free_vec),
                    owner,
                    &mut exception,
                )
            }
        };
        self.value_or_error(raw.cast_const(), exception)
    }

    /// A JavaScript function that runs `f` with the arguments of each call. When `f` returns
    /// `Err`, the call throws: the original exception when the error came from JavaScript
    /// (so `try`/`catch` sees the same object), else a new error of the error's `name`
    /// (`TypeError`, `RangeError` … or `Error`). A panic in `f` is caught and thrown as an
    /// `Error` ("native function panicked: …"). `f` is dropped when the function object is
    /// collected, or when the VM is dropped.
    ///
    /// The function's prototype is `Function.prototype`, so `call`, `apply` and `bind` work;
    /// `name` is set; it cannot be called with `new`. `this` is not passed to `f`.
    #[must_use]
    pub fn function<F>(&self, name: &str, f: F) -> Value
    where
        F: Fn(&Vm, &[Value]) -> Result<Value, JsError> + 'static,
    {
        native::make_function(&self.shared, name, Box::new(f) as Box<NativeFn>)
    }

    /// A function like [`Vm::function`]'s whose `f` captures nothing (a function item, or a
    /// closure without captures: checked when compiled), which JavaScript calls for less: a
    /// JavaScriptCore host function, called with the VM's lock held, where the library is a
    /// version whose host-function path is known; elsewhere the same as [`Vm::function`].
    #[must_use]
    pub fn host_function<F>(&self, name: &str, f: F) -> Value
    where
        F: Fn(&Vm, &[Value]) -> Result<Value, JsError> + Copy + 'static,
    {
        native::make_host_function(&self.shared, name, f)
    }

    /// A new pending promise and the [`Resolver`] that settles it from Rust, now or later.
    ///
    /// # Errors
    /// When JavaScriptCore throws (say, out of memory).
    pub fn deferred_promise(&self) -> Result<(Value, Resolver), JsError> {
        let entry = self.shared.enter();
        let mut resolve = ptr::null_mut();
        let mut reject = ptr::null_mut();
        let mut exception = ptr::null();
        // SAFETY: the context is alive; the out-pointers are valid locals.
        let promise = unsafe {
            ffi::JSObjectMakeDeferredPromise(entry.ctx(), &mut resolve, &mut reject, &mut exception)
        };
        let promise = self.value_or_error(promise.cast_const(), exception)?;
        let resolve = Value::protected(&self.shared, resolve.cast_const());
        let reject = Value::protected(&self.shared, reject.cast_const());
        drop(entry);
        Ok((promise, Resolver::new(resolve, reject)))
    }

    /// A [`JsError`] that throws `value` itself when a native function returns it: for an error
    /// built with fields of its own (Node's `code`, `errno`, …), which the catcher must see on
    /// the very object.
    ///
    /// # Panics
    /// If `value` belongs to another VM.
    #[must_use]
    pub fn throwing(&self, value: &Value) -> JsError {
        error::capture(&self.shared, self.own_raw(value))
    }

    /// The JavaScript error object `error` describes: the original exception when `error` came
    /// from this VM and is the last one converted, else a new error object of its name and
    /// message (what a native function's `Err` throws).
    #[must_use]
    pub fn error_value(&self, error: &JsError) -> Value {
        let raw = error::throwable(&self.shared, error);
        let _entry = self.shared.enter();
        Value::protected(&self.shared, raw)
    }

    /// Limits how long JavaScript may run without returning to Rust. When one entry into
    /// JavaScript (an [`Vm::eval`], a [`Value::call`] …) has used about `limit` of this
    /// thread's CPU time (JSC counts CPU time: time a native function sleeps or waits does not
    /// count), `should_terminate` is called on this thread: `true` stops the script with an
    /// uncatchable exception, which the entry returns as a [`JsError`] of kind
    /// [`JsErrorKind::Timeout`]; `false` lets it run another `limit`. The VM stays usable
    /// afterwards. JSC checks at loop back-edges and calls, so it stops some milliseconds late.
    ///
    /// A timeout inside a native function's call back into JavaScript stops the calling script
    /// as well (JSC keeps terminating until the outermost call returns), and the outermost call
    /// returns the timeout even if the script caught what the native function threw and ended.
    ///
    /// Set it before evaluating the scripts it should cover (JSC plants its checks when it
    /// compiles code). A new call replaces the previous limit and callback.
    ///
    /// [`JsErrorKind::Timeout`]: crate::JsErrorKind::Timeout
    pub fn set_time_limit(
        &self,
        limit: Duration,
        should_terminate: impl FnMut() -> bool + 'static,
    ) {
        self.shared
            .set_time_limit(Some((limit.as_secs_f64(), Box::new(should_terminate))));
    }

    /// Removes the time limit.
    pub fn clear_time_limit(&self) {
        self.shared.set_time_limit(None);
    }

    /// Runs `f` with the VM's API lock held, so promise jobs queued meanwhile (by resolving
    /// promises from Rust, say) run once, when `f` returns, instead of after each call. It also
    /// saves each call inside the lock and unlock it would otherwise pay. Calls nest.
    ///
    /// The outermost batch also enters the VM once for all its calls, where the library allows
    /// it (`library::entry_scope`): each call into JavaScript, and each promise job run from
    /// Rust, would otherwise enter and leave the VM itself, and each entry starts and stops the
    /// watchdog and calls the date cache's reset (kept from dropping anything by
    /// `imports.rs`): ~1,100 instructions an entry, a tenth of an async request's.
    pub fn batch<R>(&self, f: impl FnOnce() -> R) -> R {
        /// `JSC::VMEntryScope`'s layout in the versions `library::entry_scope` accepts.
        #[repr(C)]
        struct Scope {
            vm: ffi::JSContextGroupRef,
            global: ffi::JSContextRef,
        }
        struct Leave<'a>(&'a mut Scope, crate::library::EntryScopeFn);
        impl Drop for Leave<'_> {
            fn drop(&mut self) {
                // SAFETY: the scope `setUpSlow` made the VM's, still at the same address (it
                // is borrowed here), with the lock still held (this guard drops first).
                unsafe { (self.1)(ptr::from_mut(self.0).cast()) }
            }
        }
        let outermost = !self.shared.is_entered();
        // Unlocked on drop, also when `f` panics.
        let locked = self.shared.enter().lock();
        let mut scope = Scope {
            vm: self.shared.group(),
            global: locked.ctx(),
        };
        let _leave = match crate::library::entry_scope() {
            Some((up, down)) if outermost => {
                // SAFETY: no call into JSC runs on this thread for this VM (outermost), so the
                // VM has no entry scope and this one becomes it; the lock is held; `scope` has
                // the layout of this library's `VMEntryScope` (the group is the `VM*`, the
                // global context the `JSGlobalObject*`), and stays put until `Leave` ends it.
                unsafe { up(ptr::from_mut(&mut scope).cast()) };
                Some(Leave(&mut scope, down))
            }
            _ => None,
        };
        f()
    }

    /// Runs the queued promise jobs now: after a call into JavaScript returned, inside the
    /// caller's [`Vm::batch`] (or from a native function, as nested calls). Returns false
    /// (and runs nothing) where the library does not export `JSC::VM::drainMicrotasks`, or
    /// when jobs are already running this way; they then run when the lock is given back, as
    /// always.
    ///
    /// Why: the jobs run the same either way, one after another on an otherwise empty queue,
    /// but the lock's release runs them at a cost: measured per request of an async route
    /// handler, ~0.4 µs more CPU than this call (and ~0.3 µs more than running them from a
    /// native function the dispatch calls last, which drops and retakes the lock).
    pub fn run_jobs_here(&self) -> bool {
        let Some(drain) = crate::library::drain_microtasks() else {
            return false;
        };
        let Some(_running) = self.shared.running_jobs() else {
            return false;
        };
        // The only lock in a native function (where JSC dropped the caller's), one more
        // inside a `batch`.
        let _locked = self.shared.enter().lock();
        // SAFETY: `drain` is the library's `VM::drainMicrotasks` of this context's group,
        // which is its VM, called with that VM's lock held.
        unsafe { drain(self.shared.group()) };
        true
    }

    /// Whether [`Vm::run_jobs_here`] can run jobs with this library (it exports
    /// `JSC::VM::drainMicrotasks`).
    #[must_use]
    pub fn runs_jobs_here(&self) -> bool {
        crate::library::drain_microtasks().is_some()
    }

    /// Asks JSC for a garbage collection soon (it may wait).
    pub fn collect_garbage(&self) {
        let entry = self.shared.enter();
        // SAFETY: the context is alive.
        unsafe { ffi::JSGarbageCollect(entry.ctx()) };
    }

    /// Collects garbage now, running the finalizers of what is unreachable (native functions'
    /// closures are dropped) before returning. Slow: for tests and diagnostics. Values the
    /// machine stack still points at may survive it (JSC scans the stack conservatively).
    pub fn collect_garbage_now(&self) {
        let entry = self.shared.enter();
        // SAFETY: the context is alive; this debugging entry point runs a full, synchronous
        // collection and sweep on this thread.
        unsafe { ffi::JSSynchronousGarbageCollectForDebugging(entry.ctx()) };
    }

    /// The heap's figures now (`JSGetMemoryUsageStatistics`). Garbage not yet collected
    /// counts until a collection ([`Vm::collect_garbage_now`] first gives the live figures).
    ///
    /// The call counts the heap's live cells by type, so it costs time in proportion to them
    /// (a millisecond or more per 100,000 objects): not for every request.
    #[must_use]
    pub fn heap_statistics(&self) -> HeapStatistics {
        self.batch(|| {
            let entry = self.shared.enter();
            // SAFETY: the context is alive and its API lock held (`batch`); the result is a new
            // object of this context, read below while it is on this stack.
            let raw = unsafe { ffi::JSGetMemoryUsageStatistics(entry.ctx()) };
            if raw.is_null() {
                return HeapStatistics::default();
            }
            let object = Value::lent(&self.shared, raw.cast_const());
            let figure = |key: &str| {
                object
                    .get(key)
                    .ok()
                    .and_then(|v| v.as_number())
                    .filter(|n| n.is_finite() && *n >= 0.0)
                    .map_or(0, |n| n as u64)
            };
            HeapStatistics {
                size: figure("heapSize"),
                capacity: figure("heapCapacity"),
                extra_memory: figure("extraMemorySize"),
                object_count: figure("objectCount"),
                protected_object_count: figure("protectedObjectCount"),
                global_object_count: figure("globalObjectCount"),
            }
        })
    }

    /// The raw global context, for calls this crate does not wrap. Valid while the `Vm` lives.
    #[must_use]
    pub fn as_raw(&self) -> ffi::JSGlobalContextRef {
        self.shared.raw_context()
    }

    /// `raw` of a value of this VM.
    ///
    /// # Panics
    /// If `value` belongs to another VM.
    pub(crate) fn own_raw(&self, value: &Value) -> ffi::JSValueRef {
        assert!(
            value.belongs_to(&self.shared),
            "ferroute_jsc: a Value of another Vm"
        );
        value.as_raw()
    }

    /// `Ok(result)` (protected) when `exception` is null, else the exception as a `JsError`.
    pub(crate) fn value_or_error(
        &self,
        result: ffi::JSValueRef,
        exception: ffi::JSValueRef,
    ) -> Result<Value, JsError> {
        value_or_error(&self.shared, result, exception)
    }
}

/// A VM's heap, as [`Vm::heap_statistics`] reads it (JSC's `JSGetMemoryUsageStatistics`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct HeapStatistics {
    /// Bytes in use: the cells the collector has not found dead (live ones, and garbage since
    /// the last collection) plus [`extra_memory`](Self::extra_memory) (`heapSize`).
    pub size: u64,
    /// Bytes the heap holds from the system for cells, used or free, plus
    /// [`extra_memory`](Self::extra_memory) (`heapCapacity`).
    pub capacity: u64,
    /// Bytes outside the cells that objects own and report to the collector: array buffers'
    /// contents and the like (`extraMemorySize`).
    pub extra_memory: u64,
    /// Cells in use (`objectCount`).
    pub object_count: u64,
    /// Values protected from the collector, by `Value`s Rust holds among others
    /// (`protectedObjectCount`).
    pub protected_object_count: u64,
    /// Global objects (`globalObjectCount`).
    pub global_object_count: u64,
}

impl Default for Vm {
    fn default() -> Self {
        Vm::new()
    }
}

impl Drop for Vm {
    fn drop(&mut self) {
        if !self.owner {
            return;
        }
        self.shared.owner_dropped();
    }
}

/// The line number JSC takes (`int`, 1-based; larger values saturate).
fn c_line(line: u32) -> i32 {
    i32::try_from(line.max(1)).unwrap_or(i32::MAX)
}

/// Frees the vector behind a no-copy typed array or array buffer.
unsafe extern "C" fn free_vec(_bytes: *mut c_void, context: *mut c_void) {
    // SAFETY: `context` is the `Box<Vec<u8>>` leaked in `bytes_no_copy`; JSC calls this once.
    drop(unsafe { Box::from_raw(context.cast::<Vec<u8>>()) });
}
