//! [`Vm`]: a JSC context group and its global context, owned by one thread, and the state every
//! [`Value`] of that VM shares with it (`Shared`).
//!
//! Ownership: the `Vm` the caller made owns the engine; dropping it releases the context group,
//! which frees every JavaScript object and runs the finalizers of native functions at once.
//! `Value`s only keep the small `Shared` record alive. A `Value` that outlives its `Vm` panics
//! when used and does nothing when dropped, so native closures may hold values (or the state
//! that holds them) without keeping the engine alive in a cycle.
#![allow(unsafe_code)]

use std::cell::{Cell, RefCell};
use std::ffi::c_void;
use std::ptr;
use std::rc::Rc;
use std::thread::ThreadId;
use std::time::Duration;

use crate::error::{self, JsError};
use crate::native::{self, NativeFn};
use crate::string::JsString;
use crate::{ffi, Resolver, Value};

/// The state a VM's values, native functions and callbacks share.
pub(crate) struct Shared {
    ctx: ffi::JSGlobalContextRef,
    group: ffi::JSContextGroupRef,
    /// The class of native functions (callable, with a finalizer that frees the closure).
    pub(crate) function_class: ffi::JSClassRef,
    /// `Function.prototype`, protected: the prototype of native functions.
    pub(crate) function_prototype: ffi::JSValueRef,
    /// The thread that made the VM; the only one that may run finalizers touching this record.
    pub(crate) thread: ThreadId,
    /// False once the context group was released.
    alive: Cell<bool>,
    /// How many calls into JSC are on the stack (see [`Shared::enter`]).
    depth: Cell<u32>,
    /// The owning `Vm` was dropped while JavaScript ran; release when `depth` reaches 0.
    release_pending: Cell<bool>,
    /// Finalizers running now: a `Value` dropped meanwhile must not call JSC.
    pub(crate) finalizing: Cell<u32>,
    /// Values dropped inside finalizers, unprotected at the next entry.
    deferred_unprotect: RefCell<Vec<ffi::JSValueRef>>,
    /// The last exception converted to a `JsError` (id, protected value), thrown again as
    /// itself when a native function returns that error.
    last_exception: Cell<Option<(u64, ffi::JSValueRef)>>,
    /// The time-limit callback.
    should_terminate: RefCell<Option<Box<dyn FnMut() -> bool>>>,
    /// The time limit the caller set, in seconds.
    time_limit: Cell<Option<f64>>,
    /// The time-limit callback asked JSC to terminate during the current outermost entry.
    pub(crate) timed_out: Cell<bool>,
}

/// A live call into JSC: keeps the context group from being released under it.
pub(crate) struct Entry<'a> {
    shared: &'a Shared,
}

impl Entry<'_> {
    /// The context, valid while this entry lives.
    pub(crate) fn ctx(&self) -> ffi::JSContextRef {
        self.shared.ctx
    }
}

impl Drop for Entry<'_> {
    fn drop(&mut self) {
        let depth = self.shared.depth.get() - 1;
        self.shared.depth.set(depth);
        if depth == 0 && self.shared.timed_out.get() && self.shared.alive.get() {
            self.shared.flush_termination();
        }
        if depth == 0 && self.shared.release_pending.get() {
            self.shared.release();
        }
    }
}

impl Shared {
    /// Starts a call into JSC.
    ///
    /// # Panics
    /// If the VM was dropped.
    pub(crate) fn enter(&self) -> Entry<'_> {
        assert!(
            self.alive.get(),
            "ferroute_jsc: this value's Vm was dropped"
        );
        let depth = self.depth.get();
        self.depth.set(depth + 1);
        let entry = Entry { shared: self };
        if depth == 0 {
            self.timed_out.set(false);
            if self.finalizing.get() == 0 && !self.deferred_unprotect.borrow().is_empty() {
                let values = std::mem::take(&mut *self.deferred_unprotect.borrow_mut());
                for value in values {
                    // SAFETY: the context is alive (checked above); each value was protected
                    // once by the `Value` that was dropped during a finalizer.
                    unsafe { ffi::JSValueUnprotect(entry.ctx(), value) };
                }
            }
        }
        entry
    }

    /// Sets JSC's watchdog to `limit` seconds of CPU time (none: cleared), with our callback.
    fn arm_watchdog(&self, limit: Option<f64>) {
        // SAFETY: the group is alive (callers check); the callback context is this record,
        // which outlives the limit (`release` clears it first).
        unsafe {
            match limit {
                Some(limit) => ffi::JSContextGroupSetExecutionTimeLimit(
                    self.group,
                    limit,
                    Some(should_terminate_trampoline),
                    ptr::from_ref(self).cast_mut().cast(),
                ),
                None => ffi::JSContextGroupClearExecutionTimeLimit(self.group),
            }
        }
    }

    /// After a timeout, JSC keeps its termination request until JavaScript next checks for it;
    /// when the script finished without checking again (it caught what a native function
    /// rethrew, then ended), the request would stop the next, unrelated call. Running an empty
    /// script here takes it.
    fn flush_termination(&self) {
        self.timed_out.set(false);
        self.depth.set(self.depth.get() + 1);
        let source = JsString::new("undefined");
        // SAFETY: the context is alive; `depth` is raised around the call, as `enter` does,
        // so a native function run meanwhile cannot release the VM under it.
        unsafe {
            let mut exception = ptr::null();
            ffi::JSEvaluateScript(
                self.ctx,
                source.raw(),
                ptr::null_mut(),
                ptr::null_mut(),
                1,
                &mut exception,
            );
        }
        self.depth.set(self.depth.get() - 1);
        self.timed_out.set(false);
    }

    /// Whether the context group is still alive.
    pub(crate) fn is_alive(&self) -> bool {
        self.alive.get()
    }

    /// Undoes one `JSValueProtect` of `value`, now or (inside a finalizer) at the next entry.
    pub(crate) fn unprotect(&self, value: ffi::JSValueRef) {
        if !self.alive.get() {
            return;
        }
        if self.finalizing.get() > 0 {
            self.deferred_unprotect.borrow_mut().push(value);
            return;
        }
        let entry = self.enter();
        // SAFETY: the context is alive and `value` carries one protection of ours.
        unsafe { ffi::JSValueUnprotect(entry.ctx(), value) };
    }

    /// Keeps `exception` (a value just thrown) as the last exception, under `id`.
    pub(crate) fn keep_exception(&self, id: u64, exception: ffi::JSValueRef) {
        let entry = self.enter();
        // SAFETY: the context is alive; the value is on our stack (so live) and gains one
        // protection, which the replaced exception below gives back.
        unsafe { ffi::JSValueProtect(entry.ctx(), exception) };
        if let Some((_, old)) = self.last_exception.replace(Some((id, exception))) {
            // SAFETY: `old` was protected once when it was kept.
            unsafe { ffi::JSValueUnprotect(entry.ctx(), old) };
        }
    }

    /// The exception kept under `id`, if it is still the last one.
    pub(crate) fn kept_exception(&self, id: u64) -> Option<ffi::JSValueRef> {
        match self.last_exception.get() {
            Some((kept, value)) if kept == id => Some(value),
            _ => None,
        }
    }

    /// Releases the context group: every JavaScript object is freed and native functions'
    /// finalizers run (their values see `alive == false` and leave JSC alone).
    fn release(&self) {
        if !self.alive.replace(false) {
            return;
        }
        self.release_pending.set(false);
        self.last_exception.set(None);
        self.deferred_unprotect.borrow_mut().clear();
        // SAFETY: nothing runs JavaScript in this VM now (depth is 0); we own one reference
        // to the context, the group and the class, each given back once, in this order (the
        // watchdog first, so its callback cannot run during the teardown).
        unsafe {
            ffi::JSContextGroupClearExecutionTimeLimit(self.group);
            ffi::JSGlobalContextRelease(self.ctx);
            ffi::JSContextGroupRelease(self.group);
            ffi::JSClassRelease(self.function_class);
        }
        drop(self.should_terminate.borrow_mut().take());
    }
}

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
    /// # Panics
    /// If JavaScriptCore cannot create the context (out of memory).
    #[must_use]
    pub fn new() -> Self {
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
        let shared = Rc::new(Shared {
            ctx,
            group,
            function_class,
            function_prototype,
            thread: std::thread::current().id(),
            alive: Cell::new(true),
            depth: Cell::new(0),
            release_pending: Cell::new(false),
            finalizing: Cell::new(0),
            deferred_unprotect: RefCell::new(Vec::new()),
            last_exception: Cell::new(None),
            should_terminate: RefCell::new(None),
            time_limit: Cell::new(None),
            timed_out: Cell::new(false),
        });
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
        let entry = self.shared.enter();
        // SAFETY: the context is alive.
        Value::protected(&self.shared, unsafe {
            ffi::JSValueMakeUndefined(entry.ctx())
        })
    }

    /// `null`.
    #[must_use]
    pub fn null(&self) -> Value {
        let entry = self.shared.enter();
        // SAFETY: the context is alive.
        Value::protected(&self.shared, unsafe { ffi::JSValueMakeNull(entry.ctx()) })
    }

    /// A boolean.
    #[must_use]
    pub fn boolean(&self, value: bool) -> Value {
        let entry = self.shared.enter();
        // SAFETY: the context is alive.
        Value::protected(&self.shared, unsafe {
            ffi::JSValueMakeBoolean(entry.ctx(), value)
        })
    }

    /// A number.
    #[must_use]
    pub fn number(&self, value: f64) -> Value {
        let entry = self.shared.enter();
        // SAFETY: the context is alive.
        Value::protected(&self.shared, unsafe {
            ffi::JSValueMakeNumber(entry.ctx(), value)
        })
    }

    /// A string (copied; NUL characters are kept).
    #[must_use]
    pub fn string(&self, value: &str) -> Value {
        let string = JsString::new(value);
        let entry = self.shared.enter();
        // SAFETY: the context is alive; the string lives across the call, which copies it.
        Value::protected(&self.shared, unsafe {
            ffi::JSValueMakeString(entry.ctx(), string.raw())
        })
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
        // `owner`, which stays put (boxed) until JSC calls `free_vec` once with it. JSC also
        // calls the deallocator when creating the array fails.
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
        let entry = self.shared.enter();
        *self.shared.should_terminate.borrow_mut() = Some(Box::new(should_terminate));
        self.shared.time_limit.set(Some(limit.as_secs_f64()));
        self.shared.arm_watchdog(Some(limit.as_secs_f64()));
        drop(entry);
    }

    /// Removes the time limit.
    pub fn clear_time_limit(&self) {
        let entry = self.shared.enter();
        self.shared.time_limit.set(None);
        self.shared.arm_watchdog(None);
        drop(entry);
        drop(self.shared.should_terminate.borrow_mut().take());
    }

    /// Runs `f` with the VM's API lock held, so promise jobs queued meanwhile (by resolving
    /// promises from Rust, say) run once, when `f` returns, instead of after each call. It also
    /// saves each call inside the lock and unlock it would otherwise pay. Calls nest.
    pub fn batch<R>(&self, f: impl FnOnce() -> R) -> R {
        struct Unlock<'a>(Entry<'a>);
        impl Drop for Unlock<'_> {
            fn drop(&mut self) {
                // SAFETY: paired with the `JSLock` below, on the same live context.
                unsafe { ffi::JSUnlock(self.0.ctx()) }
            }
        }
        let entry = self.shared.enter();
        // SAFETY: the context is alive; the guard unlocks it once, also when `f` panics.
        unsafe { ffi::JSLock(entry.ctx()) };
        let _unlock = Unlock(entry);
        f()
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

    /// The raw global context, for calls this crate does not wrap. Valid while the `Vm` lives.
    #[must_use]
    pub fn as_raw(&self) -> ffi::JSGlobalContextRef {
        self.shared.ctx
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
        if self.shared.depth.get() > 0 {
            // Dropped from inside JavaScript (by a native function): release when the
            // outermost call returns.
            self.shared.release_pending.set(true);
        } else {
            self.shared.release();
        }
    }
}

/// `Ok(result)` (protected) when `exception` is null, else the exception as a `JsError`.
pub(crate) fn value_or_error(
    shared: &Rc<Shared>,
    result: ffi::JSValueRef,
    exception: ffi::JSValueRef,
) -> Result<Value, JsError> {
    if !exception.is_null() {
        return Err(error::capture(shared, exception));
    }
    if shared.timed_out.get() && shared.depth.get() <= 1 {
        // The time limit fired inside this outermost call, in JavaScript a native function
        // called; the script went on after it (JSC let it catch the rethrown exception).
        return Err(JsError::timeout());
    }
    if result.is_null() {
        let entry = shared.enter();
        // SAFETY: the context is alive.
        return Ok(Value::protected(shared, unsafe {
            ffi::JSValueMakeUndefined(entry.ctx())
        }));
    }
    Ok(Value::protected(shared, result))
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

/// JSC's watchdog callback: asks the Rust callback whether to terminate.
unsafe extern "C" fn should_terminate_trampoline(
    _ctx: ffi::JSContextRef,
    context: *mut c_void,
) -> bool {
    // SAFETY: `context` is the `Shared` record given in `set_time_limit`; the owning `Vm`
    // keeps it alive while the limit is set (release clears the limit before the record can
    // go).
    let shared = unsafe { &*context.cast::<Shared>() };
    if std::thread::current().id() != shared.thread {
        // Not expected (JSC calls back on the JavaScript thread); terminate without touching
        // the thread-bound state.
        return true;
    }
    if shared.timed_out.get() {
        // Already terminating this outermost call.
        return true;
    }
    let decision = match shared.should_terminate.try_borrow_mut() {
        Ok(mut callback) => match callback.as_mut() {
            Some(callback) => {
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(callback)).unwrap_or(true)
            }
            None => true,
        },
        Err(_) => true,
    };
    if decision {
        shared.timed_out.set(true);
    } else {
        // JSC does not re-arm the watchdog by itself: run another `limit`.
        shared.arm_watchdog(shared.time_limit.get());
    }
    decision
}
