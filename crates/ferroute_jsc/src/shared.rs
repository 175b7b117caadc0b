//! `Shared`: the state a VM's values, native functions and callbacks share with the [`Vm`]
//! that owns the engine, and `Entry`, the guard every call into JSC holds.
//!
//! Ownership: the `Vm` the caller made owns the engine; dropping it releases the context group,
//! which frees every JavaScript object and runs the finalizers of native functions at once.
//! `Value`s only keep this small record alive. A `Value` that outlives its `Vm` panics when used
//! and does nothing when dropped, so native closures may hold values (or the state that holds
//! them) without keeping the engine alive in a cycle.
//!
//! [`Vm`]: crate::Vm
#![allow(unsafe_code)]

use std::cell::{Cell, RefCell};
use std::ffi::c_void;
use std::ptr;
use std::rc::Rc;
use std::thread::ThreadId;

use crate::error::{self, JsError};
use crate::string::{JsString, WtfString};
use crate::{ffi, Value};

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
    /// `Vm::run_jobs_here` is running the queued jobs.
    running_jobs: Cell<bool>,
}

/// Marks `Vm::run_jobs_here` as running until dropped.
pub(crate) struct RunningJobs<'a>(&'a Cell<bool>);

impl Drop for RunningJobs<'_> {
    fn drop(&mut self) {
        self.0.set(false);
    }
}

/// A live call into JSC: keeps the context group from being released under it.
pub(crate) struct Entry<'a> {
    shared: &'a Shared,
}

impl<'a> Entry<'a> {
    /// The context, valid while this entry lives.
    pub(crate) fn ctx(&self) -> ffi::JSContextRef {
        self.shared.ctx
    }

    /// Takes the VM's API lock for this entry's life: the calls made meanwhile nest in it
    /// instead of each taking it afresh (where JSC dropped it, as around a native call).
    pub(crate) fn lock(self) -> Locked<'a> {
        // SAFETY: the context is alive (the entry keeps it); `Locked` unlocks it once.
        unsafe { ffi::JSLock(self.ctx()) };
        Locked(self)
    }
}

/// An [`Entry`] holding the VM's API lock ([`Entry::lock`]), given back on drop (before the
/// entry ends).
pub(crate) struct Locked<'a>(Entry<'a>);

impl Locked<'_> {
    /// The context, valid while this lives.
    pub(crate) fn ctx(&self) -> ffi::JSContextRef {
        self.0.ctx()
    }
}

impl Drop for Locked<'_> {
    fn drop(&mut self) {
        // SAFETY: paired with the `JSLock` of `Entry::lock`, on the same live context.
        unsafe { ffi::JSUnlock(self.0.ctx()) }
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
    /// The record of a new VM, which owns one reference to each of `ctx`, `group` and
    /// `function_class` and one protection of `function_prototype`.
    pub(crate) fn new(
        ctx: ffi::JSGlobalContextRef,
        group: ffi::JSContextGroupRef,
        function_class: ffi::JSClassRef,
        function_prototype: ffi::JSValueRef,
    ) -> Self {
        Shared {
            ctx,
            group,
            function_class,
            function_prototype,
            thread: std::thread::current().id(),
            alive: Cell::new(true),
            depth: Cell::new(0),
            running_jobs: Cell::new(false),
            release_pending: Cell::new(false),
            finalizing: Cell::new(0),
            deferred_unprotect: RefCell::new(Vec::new()),
            last_exception: Cell::new(None),
            should_terminate: RefCell::new(None),
            time_limit: Cell::new(None),
            timed_out: Cell::new(false),
        }
    }

    /// A new string value, not yet held: the caller protects or returns it at once, or keeps
    /// it on its stack for a call it is about to make.
    pub(crate) fn raw_string(&self, value: &str) -> ffi::JSValueRef {
        if let Some(text) = WtfString::new(value) {
            let _locked = self.enter().lock();
            // SAFETY: the lock is held and the group is this VM; the caller protects, returns or
            // passes the cell at once (this function's contract). Our reference to the text is
            // given back when `text` drops.
            return unsafe { text.to_cell(self.group()) };
        }
        let string = JsString::new(value);
        let entry = self.enter();
        // SAFETY: the context is alive; the string lives across the call, which copies it.
        unsafe { ffi::JSValueMakeString(entry.ctx(), string.raw()) }
    }

    /// The raw global context.
    pub(crate) fn raw_context(&self) -> ffi::JSGlobalContextRef {
        self.ctx
    }

    /// The owning `Vm` was dropped: release now, or (when dropped from inside JavaScript, by a
    /// native function) when the outermost call returns.
    pub(crate) fn owner_dropped(&self) {
        if self.depth.get() > 0 {
            self.release_pending.set(true);
        } else {
            self.release();
        }
    }

    /// Sets (`Some((seconds, callback))`) or clears the time limit; see `Vm::set_time_limit`.
    #[allow(clippy::type_complexity)]
    pub(crate) fn set_time_limit(&self, limit: Option<(f64, Box<dyn FnMut() -> bool>)>) {
        let entry = self.enter();
        let seconds = limit.as_ref().map(|(seconds, _)| *seconds);
        let old = self
            .should_terminate
            .replace(limit.map(|(_, callback)| callback));
        self.time_limit.set(seconds);
        self.arm_watchdog(seconds);
        drop(entry);
        drop(old);
    }

    /// The context group, which is the VM (`JSC::VM*`) to JavaScriptCore.
    pub(crate) fn group(&self) -> ffi::JSContextGroupRef {
        self.group
    }

    /// Marks the queued jobs as running from inside a call (`Vm::run_jobs_here`); None when
    /// they already are.
    pub(crate) fn running_jobs(&self) -> Option<RunningJobs<'_>> {
        if self.running_jobs.replace(true) {
            return None;
        }
        Some(RunningJobs(&self.running_jobs))
    }

    /// Whether a call into JSC is running on this VM (an [`Entry`] lives).
    pub(crate) fn is_entered(&self) -> bool {
        self.depth.get() > 0
    }

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
        crate::native::unregister_host(self);
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
