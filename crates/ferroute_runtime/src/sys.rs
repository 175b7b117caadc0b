//! The few engine facts rquickjs does not expose safely.
#![allow(unsafe_code)]

use rquickjs::{qjs, Array, Ctx, Function, Value};

/// Whether the engine has promise jobs (microtasks) queued.
pub(crate) fn job_pending(ctx: &Ctx<'_>) -> bool {
    // SAFETY: `ctx` is a live context of a runtime we hold the lock of (we are inside
    // `Ctx` code); JS_GetRuntime and JS_IsJobPending only read the runtime's job list.
    unsafe { rquickjs::qjs::JS_IsJobPending(rquickjs::qjs::JS_GetRuntime(ctx.as_raw().as_ptr())) }
}

/// A JavaScript array of the given strings, made with one allocation for its elements
/// (`JS_NewArrayFrom`) instead of a property store per element.
pub(crate) fn string_array<'js>(ctx: &Ctx<'js>, items: &[&str]) -> rquickjs::Result<Array<'js>> {
    let values = items
        .iter()
        .map(|item| rquickjs::String::from_str(ctx.clone(), item).map(|s| s.into_value()))
        .collect::<rquickjs::Result<Vec<_>>>()?;
    value_array(ctx, values)
}

/// A JavaScript array holding `values`, made with one allocation for its elements.
pub(crate) fn value_array<'js>(
    ctx: &Ctx<'js>,
    values: Vec<Value<'js>>,
) -> rquickjs::Result<Array<'js>> {
    let count = i32::try_from(values.len()).map_err(|_| rquickjs::Error::Exception)?;
    let ptr = ctx.as_raw().as_ptr();
    // Each element gets a reference of its own, which JS_NewArrayFrom below takes over; the
    // `Value`s then drop theirs. (Forgetting a `Value` instead would also keep its `Ctx`, a
    // reference to the context that outlives the engine and makes freeing it abort.)
    let raw: Vec<qjs::JSValue> = values
        .iter()
        // SAFETY: `v` belongs to this context; duplicating adds one owned reference.
        .map(|v| unsafe { qjs::JS_DupValue(ptr, v.as_raw()) })
        .collect();
    drop(values);
    // SAFETY: `ctx` is live (we are inside `Ctx` code); JS_NewArrayFrom takes ownership of
    // every value, also on failure (when it frees them); the result is owned.
    let array = unsafe { qjs::JS_NewArrayFrom(ctx.as_raw().as_ptr(), count, raw.as_ptr()) };
    // SAFETY: reading the tag of a value we own.
    if unsafe { qjs::JS_IsException(array) } {
        return Err(rquickjs::Error::Exception);
    }
    // SAFETY: `array` is an owned array object of this context.
    let value = unsafe { Value::from_raw(ctx.clone(), array) };
    value.into_array().ok_or(rquickjs::Error::Exception)
}

/// Runs the bytecode build.rs compiled `js/<name>` to, as `Ctx::eval_with_options` runs
/// source: `Err(Exception)` with the exception left pending when it throws. `None`, with
/// nothing pending, for an unknown name or when the bytecode cannot be read (say, it was
/// written by another QuickJS version); the caller then evaluates the source instead.
pub(crate) fn eval_js_bytecode(ctx: &Ctx<'_>, name: &str) -> Option<rquickjs::Result<()>> {
    let (_, bytecode) = crate::engine::JS_BYTECODE
        .iter()
        .find(|(n, _)| *n == name)?;
    eval_bytecode(ctx, bytecode).map(|r| r.map(drop))
}

/// Runs a global script compiled by [`crate::script_bytecode::compile_global`] (here or in build.rs) and returns its
/// completion value; `None` when the bytes cannot be read.
pub(crate) fn eval_bytecode<'js>(
    ctx: &Ctx<'js>,
    bytecode: &[u8],
) -> Option<rquickjs::Result<Value<'js>>> {
    let raw = ctx.as_raw().as_ptr();
    // SAFETY: `ctx` is live (we are inside `Ctx` code). JS_ReadObject checks the version but
    // does not verify bytecode, so it only ever reads ours: written by JS_WriteObject of the
    // same rquickjs (build.rs) and embedded unchanged. It reads the `bytecode.len()` bytes
    // of the slice, copying what it keeps; the result is owned.
    let function = unsafe {
        qjs::JS_ReadObject(
            raw,
            bytecode.as_ptr(),
            bytecode.len() as qjs::size_t,
            qjs::JS_READ_OBJ_BYTECODE as i32,
        )
    };
    // SAFETY: reading the tag of a value we own.
    let tag = unsafe { qjs::JS_VALUE_GET_TAG(function) };
    if tag != qjs::JS_TAG_FUNCTION_BYTECODE {
        if tag == qjs::JS_TAG_EXCEPTION {
            // Drop the reader's error ("invalid version" …): we fall back to the source.
            drop(ctx.catch());
        } else {
            // SAFETY: we own `function`; `Value` frees it on drop.
            drop(unsafe { Value::from_raw(ctx.clone(), function) });
        }
        return None;
    }
    // SAFETY: `function` is an owned compiled global script of this context; JS_EvalFunction
    // takes it over (frees it) and runs it with the global object as `this`, as JS_Eval does
    // after compiling. The result is owned.
    let result = unsafe { qjs::JS_EvalFunction(raw, function) };
    // SAFETY: reading the tag of a value we own.
    if unsafe { qjs::JS_IsException(result) } {
        return Some(Err(pending_exception(ctx)));
    }
    // SAFETY: we own `result` (the script's completion value); `Value` frees it on drop.
    Some(Ok(unsafe { Value::from_raw(ctx.clone(), result) }))
}

/// A module declared from bytecode that `Module::write` produced in this process (another
/// worker compiled it). The bytes are `'static` because QuickJS keeps pointing into them.
pub(crate) fn load_module<'js>(
    ctx: &Ctx<'js>,
    bytecode: &'static [u8],
) -> rquickjs::Result<rquickjs::Module<'js, rquickjs::module::Declared>> {
    // SAFETY: the bytes were written by `Module::write` of this same build of QuickJS in
    // this process, unchanged since, and live for the rest of the process.
    unsafe { rquickjs::Module::load(ctx.clone(), bytecode) }
}

/// `Error::Exception` for the exception pending in `ctx`, as rquickjs returns it: when the
/// exception stands for a Rust panic caught in a native function, rquickjs resumes that
/// panic as it sees the exception come back. That check is private to rquickjs, so hand the
/// pending exception to it through a native function that reports it unchanged.
fn pending_exception(ctx: &Ctx<'_>) -> rquickjs::Error {
    let report = Function::new(ctx.clone(), || -> rquickjs::Result<()> {
        Err(rquickjs::Error::Exception)
    });
    let _ = report.and_then(|f| f.call::<_, ()>(()));
    rquickjs::Error::Exception
}

/// `(malloc_size, memory_used_size)` of this worker's engine: what `process.memoryUsage()`
/// reports as `heapTotal` and `heapUsed`.
pub(crate) fn engine_memory(ctx: &Ctx<'_>) -> (f64, f64) {
    // SAFETY: an all-zero JSMemoryUsage is a valid value of this plain C struct of integers.
    let mut usage: qjs::JSMemoryUsage = unsafe { std::mem::zeroed() };
    // SAFETY: `ctx` is live (we are inside `Ctx` code); JS_ComputeMemoryUsage only reads the
    // runtime's bookkeeping and writes the struct we pass.
    unsafe {
        qjs::JS_ComputeMemoryUsage(qjs::JS_GetRuntime(ctx.as_raw().as_ptr()), &mut usage);
    }
    (usage.malloc_size as f64, usage.memory_used_size as f64)
}

/// The version of the QuickJS this binary embeds (`JS_GetVersion`, e.g. `0.11.0`).
pub(crate) fn quickjs_version() -> &'static str {
    // SAFETY: JS_GetVersion returns a pointer to a static NUL-terminated string.
    unsafe { std::ffi::CStr::from_ptr(qjs::JS_GetVersion()) }
        .to_str()
        .unwrap_or("unknown")
}
