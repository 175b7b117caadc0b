//! The few engine facts rquickjs does not expose safely.
#![allow(unsafe_code)]

use rquickjs::Ctx;

/// Whether the engine has promise jobs (microtasks) queued.
pub(crate) fn job_pending(ctx: &Ctx<'_>) -> bool {
    // SAFETY: `ctx` is a live context of a runtime we hold the lock of (we are inside
    // `Ctx` code); JS_GetRuntime and JS_IsJobPending only read the runtime's job list.
    unsafe { rquickjs::qjs::JS_IsJobPending(rquickjs::qjs::JS_GetRuntime(ctx.as_raw().as_ptr())) }
}
