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
    let raw: Vec<qjs::JSValue> = values
        .into_iter()
        .map(|v| {
            let r = v.as_raw();
            // The reference moves into `raw`; JS_NewArrayFrom below takes it over.
            std::mem::forget(v);
            r
        })
        .collect();
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
