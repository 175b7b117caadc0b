//! Compiling a global script to QuickJS bytecode without running it: QuickJS's compile-only
//! eval and `JS_WriteObject`, which rquickjs exposes for modules only. Shared by build.rs
//! (our JavaScript, compiled at build time) and the loader (CommonJS wrappers).
#![allow(unsafe_code)]

use rquickjs::{qjs, Ctx, Value};

/// The bytecode of `source` compiled as a global script named `filename` (strict mode when
/// `strict`), with debug info (line numbers) kept; the exception when it does not compile.
pub(crate) fn compile_global<'js>(
    ctx: &Ctx<'js>,
    source: &str,
    filename: &str,
    strict: bool,
) -> Result<Vec<u8>, Value<'js>> {
    let not_c = |_| Value::new_undefined(ctx.clone());
    let input = std::ffi::CString::new(source).map_err(not_c)?;
    let name = std::ffi::CString::new(filename).map_err(not_c)?;
    let raw = ctx.as_raw().as_ptr();
    let mut flags = qjs::JS_EVAL_TYPE_GLOBAL | qjs::JS_EVAL_FLAG_COMPILE_ONLY;
    if strict {
        flags |= qjs::JS_EVAL_FLAG_STRICT;
    }
    // SAFETY: `raw` is the live context we are inside; `input` is NUL-terminated at
    // `source.len()` as JS_Eval requires and `name` is NUL-terminated; both outlive the
    // call. The result (the compiled function, or an exception) is owned by us.
    let function = unsafe {
        qjs::JS_Eval(
            raw,
            input.as_ptr(),
            source.len() as _,
            name.as_ptr(),
            flags as i32,
        )
    };
    // SAFETY: reading the tag of a value we own.
    if unsafe { qjs::JS_IsException(function) } {
        return Err(ctx.catch());
    }
    // SAFETY: we own `function`; handing it to `Value` frees it when dropped, below.
    let function = unsafe { Value::from_raw(ctx.clone(), function) };
    let mut len: qjs::size_t = 0;
    // SAFETY: `function` is a live value of this context; JS_WriteObject only reads it and
    // returns a buffer of `len` bytes allocated in this context (or null, with an exception).
    let buf = unsafe {
        qjs::JS_WriteObject(
            raw,
            &mut len,
            function.as_raw(),
            qjs::JS_WRITE_OBJ_BYTECODE as i32,
        )
    };
    if buf.is_null() {
        return Err(ctx.catch());
    }
    let len = usize::try_from(len).map_err(|_| Value::new_undefined(ctx.clone()));
    // SAFETY: `buf` holds `len` initialized bytes until we free it just after the copy.
    let bytecode = len.map(|len| unsafe { std::slice::from_raw_parts(buf, len) }.to_vec());
    // SAFETY: `buf` was allocated by JS_WriteObject in this context and is not used again.
    unsafe { qjs::js_free(raw, buf.cast()) };
    bytecode
}
