//! [`Resolver`]: settles a promise made by [`Vm::deferred_promise`](crate::Vm::deferred_promise)
//! from Rust.

use std::ptr;

use crate::error::throwable;
use crate::{JsError, Value};

/// The `resolve` and `reject` functions of a deferred promise. Settling consumes it; dropping
/// it unsettled leaves the promise pending forever.
///
/// When the promise's reactions (`.then` callbacks) run: settling from Rust outside JavaScript
/// runs them before [`Resolver::resolve`] returns (JSC drains promise jobs when the outermost
/// API call returns); settling from inside a native function runs them after the JavaScript
/// that called it returns to Rust; inside [`Vm::batch`](crate::Vm::batch), when the batch ends.
pub struct Resolver {
    resolve: Value,
    reject: Value,
}

impl Resolver {
    pub(crate) fn new(resolve: Value, reject: Value) -> Self {
        Resolver { resolve, reject }
    }

    /// Resolves the promise with `value` (a thenable is followed, as `resolve` does).
    ///
    /// # Errors
    /// What a reaction's job throws is not reported here (it rejects the derived promise);
    /// this fails only when the resolve function itself throws, or with
    /// [`JsErrorKind::Timeout`](crate::JsErrorKind::Timeout) when the time limit stops a
    /// reaction.
    ///
    /// # Panics
    /// If `value` belongs to another VM.
    pub fn resolve(self, value: &Value) -> Result<(), JsError> {
        let function = self.resolve.as_raw().cast_mut();
        let arg = [self.resolve_arg(value)];
        self.resolve
            .call_raw_args(function, ptr::null_mut(), &arg)
            .map(drop)
    }

    /// Rejects the promise with `reason`.
    ///
    /// # Errors
    /// As [`Resolver::resolve`].
    ///
    /// # Panics
    /// If `reason` belongs to another VM.
    pub fn reject(self, reason: &Value) -> Result<(), JsError> {
        let function = self.reject.as_raw().cast_mut();
        let arg = [self.resolve_arg(reason)];
        self.reject
            .call_raw_args(function, ptr::null_mut(), &arg)
            .map(drop)
    }

    /// Rejects the promise with the error object `error` describes (the original exception
    /// when it came from this VM, see [`Vm::error_value`](crate::Vm::error_value)).
    ///
    /// # Errors
    /// As [`Resolver::resolve`].
    pub fn reject_with_error(self, error: &JsError) -> Result<(), JsError> {
        let function = self.reject.as_raw().cast_mut();
        let arg = [throwable(self.reject.shared(), error)];
        self.reject
            .call_raw_args(function, ptr::null_mut(), &arg)
            .map(drop)
    }

    fn resolve_arg(&self, value: &Value) -> crate::ffi::JSValueRef {
        assert!(
            value.belongs_to(self.resolve.shared()),
            "ferroute_jsc: a Value of another Vm"
        );
        value.as_raw()
    }
}
