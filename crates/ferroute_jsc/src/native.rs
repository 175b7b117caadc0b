//! Native functions: JavaScript functions that run Rust closures.
//!
//! Each is an object of one host class per VM (`JSClassCreate` with `callAsFunction` and
//! `finalize`). Its private data is a boxed [`Native`]: the closure and a non-owning `Vm` to lend
//! it. The finalizer, which JSC runs when the object is collected or the VM goes, drops the box.
#![allow(unsafe_code)]

use std::ffi::c_void;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::ptr;
use std::rc::Rc;

use crate::error::{throwable, JsError};
use crate::shared::Shared;
use crate::string::{JsString, WtfString};
use crate::Vm;
use crate::{ffi, Value};

/// The closure type of a native function.
pub(crate) type NativeFn = dyn Fn(&Vm, &[Value]) -> Result<Value, JsError>;

/// The private data of a native function object.
struct Native {
    vm: Vm,
    f: Box<NativeFn>,
}

/// Creates the host class of native functions.
pub(crate) fn create_class() -> ffi::JSClassRef {
    let definition = ffi::JSClassDefinition {
        version: 0,
        // Instances get `Function.prototype` (set per object) instead of a class prototype.
        attributes: ffi::CLASS_NO_AUTOMATIC_PROTOTYPE,
        class_name: c"Function".as_ptr(),
        parent_class: ptr::null_mut(),
        static_values: ptr::null(),
        static_functions: ptr::null(),
        initialize: ptr::null(),
        finalize: Some(finalize),
        has_property: ptr::null(),
        get_property: ptr::null(),
        set_property: ptr::null(),
        delete_property: ptr::null(),
        get_property_names: ptr::null(),
        call_as_function: Some(call),
        call_as_constructor: ptr::null(),
        has_instance: ptr::null(),
        convert_to_type: ptr::null(),
    };
    // SAFETY: `definition` is a complete version-0 definition; JSC copies what it needs (the
    // class name is a static string).
    let class = unsafe { ffi::JSClassCreate(&definition) };
    assert!(!class.is_null(), "JavaScriptCore could not create a class");
    class
}

/// `Function.prototype` of a new context, protected once (for the context's lifetime).
pub(crate) fn function_prototype(ctx: ffi::JSGlobalContextRef) -> ffi::JSValueRef {
    let source = JsString::new("Function.prototype");
    // SAFETY: `ctx` is a new, live context; evaluating this expression cannot throw; the
    // result is protected before anything else can allocate.
    unsafe {
        let mut exception = ptr::null();
        let prototype = ffi::JSEvaluateScript(
            ctx,
            source.raw(),
            ptr::null_mut(),
            ptr::null_mut(),
            1,
            &mut exception,
        );
        assert!(!prototype.is_null(), "Function.prototype is missing");
        ffi::JSValueProtect(ctx, prototype);
        prototype
    }
}

/// A function object that runs `f`; see [`Vm::function`].
pub(crate) fn make_function(shared: &Rc<Shared>, name: &str, f: Box<NativeFn>) -> Value {
    let native = Box::new(Native {
        vm: Vm::lent(Rc::clone(shared)),
        f,
    });
    let native = Box::into_raw(native).cast::<c_void>();
    let name = JsString::new(name);
    let entry = shared.enter();
    let ctx = entry.ctx();
    // SAFETY: the context is alive; the class is this VM's native-function class, whose
    // finalizer takes back `native` exactly once. `name` is defined before the prototype is
    // set (Function.prototype's own read-only `name` would otherwise refuse the store).
    let object = unsafe {
        let object = ffi::JSObjectMake(ctx, shared.function_class, native);
        assert!(
            !object.is_null(),
            "JavaScriptCore could not allocate a function"
        );
        let name_value = ffi::JSValueMakeString(ctx, name.raw());
        let key = JsString::new("name");
        ffi::JSObjectSetProperty(
            ctx,
            object,
            key.raw(),
            name_value,
            ffi::PROPERTY_READ_ONLY | ffi::PROPERTY_DONT_ENUM,
            ptr::null_mut(),
        );
        ffi::JSObjectSetPrototype(ctx, object, shared.function_prototype);
        object
    };
    let value = Value::protected(shared, object.cast_const());
    drop(entry);
    value
}

/// A host function (`JSC::JSFunction` over a `NativeFunction`) that runs `f`; see
/// [`Vm::host_function`]. Where the library is not a version whose host-function path is
/// known ([`crate::library::host_api`]), the function is made as [`make_function`] makes it.
///
/// Why: JavaScriptCore calls a function of a C API class through `JSCallbackObject`, which
/// drops the VM's lock around the callback (`JSLock::DropAllLocks`), so each C API call inside
/// takes it afresh: ~1,000 instructions a call (a cookie read) that a host function, called
/// straight from JavaScript with the lock held, does without.
pub(crate) fn make_host_function<F>(shared: &Rc<Shared>, name: &str, f: F) -> Value
where
    F: Fn(&Vm, &[Value]) -> Result<Value, JsError> + Copy + 'static,
{
    const {
        assert!(
            std::mem::size_of::<F>() == 0,
            "a host function captures nothing"
        )
    };
    // The name is a `WTF::String`, which only the string API makes (an empty one, too rare
    // to matter, takes the class).
    let (Some(api), Some(wtf_name)) = (crate::library::host_api(), WtfString::new(name)) else {
        return make_function(shared, name, Box::new(f));
    };
    register_host(shared);
    let locked = shared.enter().lock();
    // SAFETY: the lock is held (the function is allocated on the VM's heap); the group is the
    // `VM*` and the context the `JSGlobalObject*`; the name is a live `WTF::String`, which the
    // executable copies; `host::<F>` has `NativeFunction`'s signature, and the constructor is
    // JSC's own "not a constructor".
    let object = unsafe {
        (api.create)(
            shared.group(),
            locked.ctx(),
            0,
            wtf_name.as_ref_arg(),
            host::<F>,
            0,
            0,
            api.not_constructor,
            ptr::null(),
        )
    };
    assert!(
        !object.is_null(),
        "JavaScriptCore could not allocate a function"
    );
    let value = Value::protected(shared, object.cast_const());
    drop(locked);
    value
}

thread_local! {
    /// The VMs of this thread that have host functions, by global object: a host call is
    /// given its global object, not a context of ours.
    static HOSTS: std::cell::RefCell<Vec<(usize, std::rc::Weak<Shared>)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

fn register_host(shared: &Rc<Shared>) {
    let key = shared.raw_context() as usize;
    HOSTS.with_borrow_mut(|hosts| {
        if hosts
            .iter()
            .any(|(k, vm)| *k == key && ptr::eq(vm.as_ptr(), Rc::as_ptr(shared)))
        {
            return;
        }
        // A context at the address of one released before is another VM.
        hosts.retain(|(k, vm)| *k != key && vm.strong_count() > 0);
        hosts.push((key, Rc::downgrade(shared)));
    });
}

/// Forgets a VM's host functions (its context group is being released).
pub(crate) fn unregister_host(shared: &Shared) {
    let key = shared.raw_context() as usize;
    let _ = HOSTS.try_with(|hosts| {
        if let Ok(mut hosts) = hosts.try_borrow_mut() {
            hosts.retain(|(k, _)| *k != key);
        }
    });
}

/// The `NativeFunction` of a host function running `F`, which captures nothing: the function
/// is its type, conjured here.
unsafe extern "C" fn host<F>(global: *mut c_void, frame: *const ffi::JSValueRef) -> ffi::JSValueRef
where
    F: Fn(&Vm, &[Value]) -> Result<Value, JsError> + Copy + 'static,
{
    // SAFETY: `F` has no bytes (checked where the function was made), so any value of it is
    // the one value.
    let f: F = unsafe { std::mem::zeroed() };
    // SAFETY: JSC calls this with its global object and the call's frame.
    unsafe { host_call(global, frame, &f) }
}

/// The call frame's slots (`JSValue`s) in the versions `host_api` accepts.
const FRAME_ARGUMENT_COUNT: usize = 4;
const FRAME_FIRST_ARGUMENT: usize = 6;

/// Runs a host call: the arguments from the frame, the closure, and its error thrown.
///
/// # Safety
/// `global` is the `JSGlobalObject*` and `frame` the `CallFrame*` JSC called a host function
/// with, on the VM's thread, with its lock held.
unsafe fn host_call(
    global: *mut c_void,
    frame: *const ffi::JSValueRef,
    f: &NativeFn,
) -> ffi::JSValueRef {
    let key = global as usize;
    let shared = HOSTS.with_borrow(|hosts| {
        hosts
            .iter()
            .find(|(k, _)| *k == key)
            .and_then(|(_, vm)| vm.upgrade())
    });
    let Some(shared) = shared else {
        // Not expected: a host function of a VM that was never registered, or is gone.
        // SAFETY: `global` is a live context.
        return unsafe { ffi::JSValueMakeUndefined(global.cast_const()) };
    };
    let _entry = shared.enter();
    // SAFETY: the frame holds the argument count (including `this`) in the low half of its
    // slot, then `this` and the arguments, live for this call.
    let raw_args: &[ffi::JSValueRef] = unsafe {
        let count = (*frame.add(FRAME_ARGUMENT_COUNT) as usize as u32).saturating_sub(1);
        std::slice::from_raw_parts(frame.add(FRAME_FIRST_ARGUMENT), count as usize)
    };
    let vm = Vm::lent(Rc::clone(&shared));
    let thrown = match run(f, &vm, raw_args) {
        Ok(value) => return value,
        Err(thrown) => thrown,
    };
    let api = crate::library::host_api().expect("a host function without the host API");
    // SAFETY: the group is this VM and `global` its global object; `thrown` is live (on our
    // stack). JSC sees the exception when this returns.
    unsafe { (api.throw)(shared.group(), global.cast_const(), thrown) };
    ptr::null()
}

/// Runs a native's closure on the arguments of one call (lent for the call): its result, or
/// the value to throw (its error, a panic as an error, or a value of another VM refused).
fn run(
    f: &NativeFn,
    vm: &Vm,
    raw_args: &[ffi::JSValueRef],
) -> Result<ffi::JSValueRef, ffi::JSValueRef> {
    let shared = vm.shared();
    let args: Vec<Value> = raw_args
        .iter()
        .map(|&raw| Value::lent(shared, raw))
        .collect();
    let error = match catch_unwind(AssertUnwindSafe(|| f(vm, &args))) {
        Ok(Ok(value)) if value.belongs_to(shared) => return Ok(value.as_raw()),
        Ok(Ok(_)) => JsError::type_error("a native function returned a value of another Vm"),
        Ok(Err(error)) => error,
        Err(panic) => {
            let text = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            JsError::error(&format!("native function panicked: {text}"))
        }
    };
    Err(throwable(shared, &error))
}

/// `callAsFunction` of the class: runs the closure.
unsafe extern "C" fn call(
    _ctx: ffi::JSContextRef,
    function: ffi::JSObjectRef,
    _this: ffi::JSObjectRef,
    argument_count: usize,
    arguments: *const ffi::JSValueRef,
    exception: *mut ffi::JSValueRef,
) -> ffi::JSValueRef {
    // SAFETY: `function` is an object of our class (only it has this callback), whose private
    // data is a live `Native` until its finalizer runs, which cannot happen while the function
    // is being called (it is on JSC's stack).
    let native = unsafe { &*ffi::JSObjectGetPrivate(function).cast::<Native>() };
    let shared = native.vm.shared();
    let _entry = shared.enter();
    let raw_args: &[ffi::JSValueRef] = if argument_count == 0 || arguments.is_null() {
        &[]
    } else {
        // SAFETY: JSC passes `argument_count` live values at `arguments` for this call.
        unsafe { std::slice::from_raw_parts(arguments, argument_count) }
    };
    let thrown = match run(&*native.f, &native.vm, raw_args) {
        Ok(value) => return value,
        Err(thrown) => thrown,
    };
    if !exception.is_null() {
        // SAFETY: JSC passes a valid out-pointer for the exception.
        unsafe { *exception = thrown };
    }
    ptr::null()
}

/// `finalize` of the class: drops the closure. Must not call JSC (no context-taking calls may
/// run in a finalizer); values the closure held are unprotected later (`Shared::unprotect`).
unsafe extern "C" fn finalize(object: ffi::JSObjectRef) {
    // SAFETY: `object` is an object of our class being finalized; its private data is the
    // `Native` leaked in `make_function`, taken back here once.
    let native = unsafe { ffi::JSObjectGetPrivate(object) }.cast::<Native>();
    if native.is_null() {
        return;
    }
    // SAFETY: see above.
    let native = unsafe { Box::from_raw(native) };
    if std::thread::current().id() != native.vm.shared().thread {
        // Not expected (JSC sweeps on the thread that holds the VM's lock). The closure and
        // the `Rc`s are bound to the VM's thread: leaking them is the only safe choice here.
        std::mem::forget(native);
        return;
    }
    let shared = Rc::clone(native.vm.shared());
    shared.finalizing.set(shared.finalizing.get() + 1);
    drop(native);
    shared.finalizing.set(shared.finalizing.get() - 1);
}
