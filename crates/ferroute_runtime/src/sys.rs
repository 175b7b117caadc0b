//! The few engine facts rquickjs does not expose safely.
#![allow(unsafe_code)]

use rquickjs::{qjs, Array, Ctx, Value};

/// Whether the engine has promise jobs (microtasks) queued.
pub(crate) fn job_pending(ctx: &Ctx<'_>) -> bool {
    // SAFETY: `ctx` is a live context of a runtime we hold the lock of (we are inside
    // `Ctx` code); JS_GetRuntime and JS_IsJobPending only read the runtime's job list.
    unsafe { rquickjs::qjs::JS_IsJobPending(rquickjs::qjs::JS_GetRuntime(ctx.as_raw().as_ptr())) }
}

/// A JavaScript array of the given strings, made with one allocation for its elements
/// (`JS_NewArrayFrom`) instead of a property store per element.
pub(crate) fn string_array<'js>(ctx: &Ctx<'js>, items: &[&str]) -> rquickjs::Result<Array<'js>> {
    let raw_ctx = ctx.as_raw().as_ptr();
    let count = i32::try_from(items.len()).map_err(|_| rquickjs::Error::Exception)?;
    let mut values: Vec<qjs::JSValue> = Vec::with_capacity(items.len());
    for item in items {
        // SAFETY: `raw_ctx` is live (we are inside `Ctx` code); the bytes are valid UTF-8
        // for the duration of the call, which copies them.
        let v = unsafe { qjs::JS_NewStringLen(raw_ctx, item.as_ptr().cast(), item.len() as _) };
        if unsafe { qjs::JS_IsException(v) } {
            for v in values {
                // SAFETY: each value was created above and is owned here.
                unsafe { qjs::JS_FreeValue(raw_ctx, v) };
            }
            return Err(rquickjs::Error::Exception);
        }
        values.push(v);
    }
    // SAFETY: JS_NewArrayFrom takes ownership of every value (also on failure, when it frees
    // them), so none is freed here; the result is owned and handed to `Value`.
    let array = unsafe { qjs::JS_NewArrayFrom(raw_ctx, count, values.as_ptr()) };
    if unsafe { qjs::JS_IsException(array) } {
        return Err(rquickjs::Error::Exception);
    }
    // SAFETY: `array` is an owned array object of this context.
    let value = unsafe { Value::from_raw(ctx.clone(), array) };
    value.into_array().ok_or(rquickjs::Error::Exception)
}
