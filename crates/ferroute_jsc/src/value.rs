//! [`Value`]: a JavaScript value Rust holds, protected from the garbage collector, and the
//! operations on it (types, conversions, properties, calls, bytes, JSON).
#![allow(unsafe_code)]

use std::ptr;
use std::rc::Rc;

use crate::encoding::{self, is_cell, Immediate};
use crate::error::JsError;
use crate::ffi;
use crate::shared::{value_or_error, Shared};
use crate::string::JsString;

/// A JavaScript value of one [`Vm`](crate::Vm).
///
/// While Rust holds it, the garbage collector keeps it (`JSValueProtect`); `clone` protects it
/// once more and `drop` gives one protection back. Not `Send`.
///
/// Every method panics if the value's `Vm` was dropped, and the ones taking another `Value`
/// panic if that one belongs to another `Vm`.
pub struct Value {
    raw: ffi::JSValueRef,
    vm: Rc<Shared>,
    hold: Hold,
}

/// What keeps a [`Value`] alive.
enum Hold {
    /// An argument lent to a native function (JSC keeps it alive for the call), or a value
    /// held in the reference itself (a number, a boolean, `undefined`, `null`).
    Lent,
    /// Its own protection, given back on drop.
    Protected,
    /// Another value's protection ([`Value::share`]), held only to be dropped with this one.
    Shared(#[allow(dead_code)] Rc<Value>),
}

/// The type of a JavaScript value (`typeof`, with `null` apart and functions as objects).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ValueKind {
    /// `undefined`.
    Undefined,
    /// `null`.
    Null,
    /// `true` or `false`.
    Boolean,
    /// A number.
    Number,
    /// A string.
    String,
    /// An object, including functions and arrays.
    Object,
    /// A symbol.
    Symbol,
    /// A BigInt.
    BigInt,
}

/// A value held in the reference itself: made from its encoding on 64-bit targets, with no
/// call into JSC (`encoding.rs`), and by the C API elsewhere.
pub(crate) fn immediate_raw(vm: &Rc<Shared>, value: Immediate) -> ffi::JSValueRef {
    #[cfg(target_pointer_width = "64")]
    {
        let _ = vm;
        encoding::encode(value)
    }
    #[cfg(not(target_pointer_width = "64"))]
    {
        let entry = vm.enter();
        // SAFETY: the context is alive.
        unsafe {
            match value {
                Immediate::Undefined => ffi::JSValueMakeUndefined(entry.ctx()),
                Immediate::Null => ffi::JSValueMakeNull(entry.ctx()),
                Immediate::Bool(b) => ffi::JSValueMakeBoolean(entry.ctx(), b),
                Immediate::Number(n) => ffi::JSValueMakeNumber(entry.ctx(), n),
            }
        }
    }
}

/// An argument of [`Value::call_args`], made into a JavaScript value for that call only.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum Arg<'a> {
    /// A value Rust holds.
    Value(&'a Value),
    /// A number.
    Number(f64),
    /// A string.
    Str(&'a str),
    /// `undefined`.
    Undefined,
}

impl Value {
    /// Takes `raw` (a value on the caller's stack, so live) into a protected `Value`.
    ///
    /// Only values on the collector's heap (cells) are protected: numbers, booleans,
    /// `undefined` and `null` are held in the reference itself, and protecting them would cost
    /// two calls into JSC for nothing (they are most arguments of the per-request calls).
    pub(crate) fn protected(vm: &Rc<Shared>, raw: ffi::JSValueRef) -> Self {
        let cell = is_cell(raw);
        if cell {
            let entry = vm.enter();
            // SAFETY: the context is alive and `raw` a live value of it (it is on the caller's
            // stack, where the collector sees it); `Drop` gives this protection back.
            unsafe { ffi::JSValueProtect(entry.ctx(), raw) };
        }
        Value {
            raw,
            vm: Rc::clone(vm),
            hold: if cell { Hold::Protected } else { Hold::Lent },
        }
    }

    /// An argument of a native call, valid for that call only (it cannot leave the `&[Value]`
    /// it is lent in; a clone is protected).
    pub(crate) fn lent(vm: &Rc<Shared>, raw: ffi::JSValueRef) -> Self {
        Value {
            raw,
            vm: Rc::clone(vm),
            hold: Hold::Lent,
        }
    }

    /// The value `kept` holds, alive while this copy is, under `kept`'s protection: where
    /// Rust keeps a value in an `Rc` and hands it out often (a native's return value), this
    /// saves the protection a clone takes and gives back (two calls into JSC).
    #[must_use]
    pub fn share(kept: &Rc<Value>) -> Value {
        Value {
            raw: kept.raw,
            vm: Rc::clone(&kept.vm),
            hold: Hold::Shared(Rc::clone(kept)),
        }
    }

    pub(crate) fn shared(&self) -> &Rc<Shared> {
        &self.vm
    }

    pub(crate) fn belongs_to(&self, vm: &Rc<Shared>) -> bool {
        Rc::ptr_eq(&self.vm, vm)
    }

    /// The raw `JSValueRef`, for calls this crate does not wrap. Valid while `self` lives.
    #[must_use]
    pub fn as_raw(&self) -> ffi::JSValueRef {
        self.raw
    }

    /// `raw` of `other`, checked to be of the same VM.
    fn raw_of(&self, other: &Value) -> ffi::JSValueRef {
        assert!(
            Rc::ptr_eq(&self.vm, &other.vm),
            "ferroute_jsc: a Value of another Vm"
        );
        other.raw
    }

    fn wrap(&self, result: ffi::JSValueRef, exception: ffi::JSValueRef) -> Result<Value, JsError> {
        value_or_error(&self.vm, result, exception)
    }

    /// The value's type.
    #[must_use]
    pub fn kind(&self) -> ValueKind {
        match encoding::decode(self.raw) {
            Some(Immediate::Undefined) => ValueKind::Undefined,
            Some(Immediate::Null) => ValueKind::Null,
            Some(Immediate::Bool(_)) => ValueKind::Boolean,
            Some(Immediate::Number(_)) => ValueKind::Number,
            None => self.kind_by_api(),
        }
    }

    /// The value's type, as JSC's C API tells it.
    pub(crate) fn kind_by_api(&self) -> ValueKind {
        let entry = self.vm.enter();
        // SAFETY: the context is alive and `self.raw` a live value of it.
        match unsafe { ffi::JSValueGetType(entry.ctx(), self.raw) } {
            ffi::TYPE_UNDEFINED => ValueKind::Undefined,
            ffi::TYPE_NULL => ValueKind::Null,
            ffi::TYPE_BOOLEAN => ValueKind::Boolean,
            ffi::TYPE_NUMBER => ValueKind::Number,
            ffi::TYPE_STRING => ValueKind::String,
            ffi::TYPE_SYMBOL => ValueKind::Symbol,
            ffi::TYPE_BIGINT => ValueKind::BigInt,
            _ => ValueKind::Object,
        }
    }

    /// Whether this is `undefined`.
    #[must_use]
    pub fn is_undefined(&self) -> bool {
        !encoding::known_cell(self.raw) && self.kind() == ValueKind::Undefined
    }

    /// Whether this is `null` or `undefined`.
    #[must_use]
    pub fn is_nullish(&self) -> bool {
        !encoding::known_cell(self.raw)
            && matches!(self.kind(), ValueKind::Undefined | ValueKind::Null)
    }

    /// Whether this is an object (functions and arrays included).
    #[must_use]
    pub fn is_object(&self) -> bool {
        self.kind() == ValueKind::Object
    }

    /// Whether this can be called.
    #[must_use]
    pub fn is_function(&self) -> bool {
        if !self.is_object() {
            return false;
        }
        let entry = self.vm.enter();
        // SAFETY: the context is alive and `self.raw` is an object of it.
        unsafe { ffi::JSObjectIsFunction(entry.ctx(), self.raw.cast_mut()) }
    }

    /// Whether this is an `Array`.
    #[must_use]
    pub fn is_array(&self) -> bool {
        let entry = self.vm.enter();
        // SAFETY: the context is alive and `self.raw` a live value of it.
        unsafe { ffi::JSValueIsArray(entry.ctx(), self.raw) }
    }

    /// `Some(b)` when this is a boolean.
    #[must_use]
    pub fn as_bool(&self) -> Option<bool> {
        if let Some(immediate) = encoding::decode(self.raw) {
            return match immediate {
                Immediate::Bool(b) => Some(b),
                _ => None,
            };
        }
        (self.kind() == ValueKind::Boolean).then(|| self.to_bool())
    }

    /// `Some(n)` when this is a number.
    #[must_use]
    pub fn as_number(&self) -> Option<f64> {
        if let Some(immediate) = encoding::decode(self.raw) {
            return match immediate {
                Immediate::Number(n) => Some(n),
                _ => None,
            };
        }
        (self.kind() == ValueKind::Number).then(|| self.to_number().unwrap_or(f64::NAN))
    }

    /// `Some(text)` when this is a string.
    #[must_use]
    pub fn as_string(&self) -> Option<String> {
        (self.kind() == ValueKind::String).then(|| self.to_string().unwrap_or_default())
    }

    /// JavaScript truthiness (`!!value`).
    #[must_use]
    pub fn to_bool(&self) -> bool {
        match encoding::decode(self.raw) {
            Some(Immediate::Undefined | Immediate::Null) => false,
            Some(Immediate::Bool(b)) => b,
            Some(Immediate::Number(n)) => n != 0.0 && !n.is_nan(),
            None => self.to_bool_by_api(),
        }
    }

    /// Truthiness, as JSC's C API tells it.
    pub(crate) fn to_bool_by_api(&self) -> bool {
        let entry = self.vm.enter();
        // SAFETY: the context is alive and `self.raw` a live value of it.
        unsafe { ffi::JSValueToBoolean(entry.ctx(), self.raw) }
    }

    /// JavaScript `Number(value)`.
    ///
    /// # Errors
    /// What the conversion throws (a symbol, a throwing `valueOf` …).
    pub fn to_number(&self) -> Result<f64, JsError> {
        match encoding::decode(self.raw) {
            Some(Immediate::Number(n)) => Ok(n),
            Some(Immediate::Bool(b)) => Ok(f64::from(u8::from(b))),
            Some(Immediate::Null) => Ok(0.0),
            Some(Immediate::Undefined) => Ok(f64::NAN),
            None => self.to_number_by_api(),
        }
    }

    /// `Number(value)`, as JSC's C API does it.
    pub(crate) fn to_number_by_api(&self) -> Result<f64, JsError> {
        let entry = self.vm.enter();
        let mut exception = ptr::null();
        // SAFETY: the context is alive and `self.raw` a live value of it.
        let number = unsafe { ffi::JSValueToNumber(entry.ctx(), self.raw, &mut exception) };
        drop(entry);
        if exception.is_null() {
            Ok(number)
        } else {
            Err(crate::error::capture(&self.vm, exception))
        }
    }

    /// JavaScript `String(value)`, as UTF-8 (unpaired surrogates become U+FFFD).
    ///
    /// # Errors
    /// What the conversion throws (a symbol, a throwing `toString` …).
    #[allow(clippy::inherent_to_string)]
    pub fn to_string(&self) -> Result<String, JsError> {
        let entry = self.vm.enter();
        let mut exception = ptr::null();
        // SAFETY: the context is alive and `self.raw` a live value of it; the result is a
        // new string we own (taken by `JsString`).
        let raw = unsafe { ffi::JSValueToStringCopy(entry.ctx(), self.raw, &mut exception) };
        drop(entry);
        match JsString::from_owned(raw) {
            Some(string) if exception.is_null() => Ok(string.to_rust()),
            _ => Err(crate::error::capture(&self.vm, exception)),
        }
    }

    /// `JSON.stringify(value)`; `None` where that gives `undefined` (for `undefined`, a
    /// function or a symbol).
    ///
    /// # Errors
    /// What `JSON.stringify` throws (a cycle, a BigInt, a throwing `toJSON` …).
    pub fn to_json(&self) -> Result<Option<String>, JsError> {
        let entry = self.vm.enter();
        let mut exception = ptr::null();
        // SAFETY: the context is alive and `self.raw` a live value of it; the result is a
        // new string we own, or null.
        let raw = unsafe { ffi::JSValueCreateJSONString(entry.ctx(), self.raw, 0, &mut exception) };
        drop(entry);
        let string = JsString::from_owned(raw);
        if !exception.is_null() {
            return Err(crate::error::capture(&self.vm, exception));
        }
        Ok(string.map(|s| s.to_rust()))
    }

    /// The value as a `serde_json::Value`, through `JSON.stringify`; `Null` where that gives
    /// `undefined`.
    ///
    /// # Errors
    /// What `JSON.stringify` throws; a `SyntaxError` if its output does not parse (not
    /// expected).
    pub fn to_json_value(&self) -> Result<serde_json::Value, JsError> {
        match self.to_json()? {
            None => Ok(serde_json::Value::Null),
            Some(text) => serde_json::from_str(&text)
                .map_err(|err| JsError::new("SyntaxError", &err.to_string())),
        }
    }

    /// `self` as an object: itself, or the wrapper object of a primitive (`ToObject`).
    fn object(&self) -> Result<ffi::JSObjectRef, JsError> {
        let entry = self.vm.enter();
        // SAFETY: the context is alive and `self.raw` a live value of it.
        if unsafe { ffi::JSValueGetType(entry.ctx(), self.raw) } == ffi::TYPE_OBJECT {
            return Ok(self.raw.cast_mut());
        }
        let mut exception = ptr::null();
        // SAFETY: as above; the wrapper is on our stack until the caller uses it.
        let object = unsafe { ffi::JSValueToObject(entry.ctx(), self.raw, &mut exception) };
        if exception.is_null() && !object.is_null() {
            Ok(object)
        } else {
            Err(crate::error::capture(&self.vm, exception))
        }
    }

    /// `value[key]`.
    ///
    /// # Errors
    /// A `TypeError` for `null`/`undefined`; what a getter throws.
    pub fn get(&self, key: &str) -> Result<Value, JsError> {
        let object = self.object()?;
        let key = JsString::new(key);
        let entry = self.vm.enter();
        let mut exception = ptr::null();
        // SAFETY: the context is alive; `object` is an object of it on our stack; the key
        // lives across the call.
        let raw =
            unsafe { ffi::JSObjectGetProperty(entry.ctx(), object, key.raw(), &mut exception) };
        self.wrap(raw, exception)
    }

    /// `value[key] = item`.
    ///
    /// # Errors
    /// A `TypeError` when this is not an object; what a setter throws.
    pub fn set(&self, key: &str, item: &Value) -> Result<(), JsError> {
        let item = self.raw_of(item);
        let object = self.object_only()?;
        let key = JsString::new(key);
        let entry = self.vm.enter();
        let mut exception = ptr::null();
        // SAFETY: the context is alive; `object` and `item` are live values of it; the key
        // lives across the call.
        unsafe {
            ffi::JSObjectSetProperty(
                entry.ctx(),
                object,
                key.raw(),
                item,
                ffi::PROPERTY_NONE,
                &mut exception,
            );
        }
        drop(entry);
        self.check(exception)
    }

    /// `value[index]`.
    ///
    /// # Errors
    /// A `TypeError` for `null`/`undefined`; what a getter throws.
    pub fn get_index(&self, index: u32) -> Result<Value, JsError> {
        let (raw, exception) = self.raw_index(index)?;
        self.wrap(raw, exception)
    }

    /// `value[index]` as JSC hands it over, with the exception it threw (null if none).
    fn raw_index(&self, index: u32) -> Result<(ffi::JSValueRef, ffi::JSValueRef), JsError> {
        let object = self.object()?;
        let entry = self.vm.enter();
        let mut exception = ptr::null();
        // SAFETY: the context is alive; `object` is an object of it on our stack.
        let raw =
            unsafe { ffi::JSObjectGetPropertyAtIndex(entry.ctx(), object, index, &mut exception) };
        Ok((raw, exception))
    }

    /// `value[index]`, lent to `f` for the call without a protection (two calls into JSC
    /// fewer than [`Value::get_index`]: where Rust reads an item and is done with it). The
    /// lent value lives in this function's frame while `f` runs, where the collector's
    /// conservative scan of the stack sees it; `f` clones it to keep it.
    ///
    /// # Errors
    /// A `TypeError` for `null`/`undefined`; what a getter throws.
    pub fn with_index<R>(&self, index: u32, f: impl FnOnce(&Value) -> R) -> Result<R, JsError> {
        let (raw, exception) = self.raw_index(index)?;
        if !exception.is_null() {
            return Err(crate::error::capture(&self.vm, exception));
        }
        let raw = if raw.is_null() {
            immediate_raw(&self.vm, Immediate::Undefined)
        } else {
            raw
        };
        let item = Value::lent(&self.vm, raw);
        Ok(f(std::hint::black_box(&item)))
    }

    /// `value[index] = item`.
    ///
    /// # Errors
    /// A `TypeError` when this is not an object; what a setter throws.
    pub fn set_index(&self, index: u32, item: &Value) -> Result<(), JsError> {
        let item = self.raw_of(item);
        let object = self.object_only()?;
        let entry = self.vm.enter();
        let mut exception = ptr::null();
        // SAFETY: the context is alive; `object` and `item` are live values of it.
        unsafe {
            ffi::JSObjectSetPropertyAtIndex(entry.ctx(), object, index, item, &mut exception);
        }
        drop(entry);
        self.check(exception)
    }

    /// Calls this function with `this` = the global object (the C API has no way to pass
    /// `undefined`; sloppy-mode functions see the global object for it anyway).
    ///
    /// # Errors
    /// A `TypeError` when this is not a function; what the function throws;
    /// [`JsErrorKind::Timeout`](crate::JsErrorKind::Timeout) when the time limit stopped it.
    pub fn call(&self, args: &[Value]) -> Result<Value, JsError> {
        self.call_raw(ptr::null_mut(), args)
    }

    /// Calls this function with the given `this` (an object; a primitive is wrapped, as in
    /// sloppy mode).
    ///
    /// # Errors
    /// As [`Value::call`].
    pub fn call_with_this(&self, this: &Value, args: &[Value]) -> Result<Value, JsError> {
        self.raw_of(this);
        let this = this.object()?;
        self.call_raw(this, args)
    }

    /// `value[name](...args)`.
    ///
    /// # Errors
    /// As [`Value::get`] and [`Value::call`].
    pub fn call_method(&self, name: &str, args: &[Value]) -> Result<Value, JsError> {
        let method = self.get(name)?;
        let this = self.object()?;
        method.call_raw(this, args)
    }

    /// Calls this function with `args` made into JavaScript values for this call alone: the
    /// values live in an array on this stack, where the collector finds them as it finds the
    /// arguments of any C API call, so a string argument needs no protection (two calls into
    /// JSC saved, each taking the VM's lock: ~5% of a plain request's CPU on the per-request
    /// dispatch, which passes two strings).
    ///
    /// # Errors
    /// As [`Value::call`].
    pub fn call_args<const N: usize>(&self, args: [Arg<'_>; N]) -> Result<Value, JsError> {
        let function = self.function()?;
        self.call_args_of(function, args)
    }

    fn call_args_of<const N: usize>(
        &self,
        function: ffi::JSObjectRef,
        args: [Arg<'_>; N],
    ) -> Result<Value, JsError> {
        let raw = args.map(|arg| match arg {
            Arg::Value(v) => self.raw_of(v),
            Arg::Number(n) => immediate_raw(&self.vm, Immediate::Number(n)),
            Arg::Undefined => immediate_raw(&self.vm, Immediate::Undefined),
            // The value stays in `raw`, on this stack, until the call.
            Arg::Str(s) => self.vm.raw_string(s),
        });
        self.call_raw_args(function, ptr::null_mut(), &raw)
    }

    fn call_raw(&self, this: ffi::JSObjectRef, args: &[Value]) -> Result<Value, JsError> {
        let function = self.function()?;
        let raw: Vec<ffi::JSValueRef> = args.iter().map(|arg| self.raw_of(arg)).collect();
        self.call_raw_args(function, this, &raw)
    }

    /// Calls `function` with raw arguments (live values of this VM, on the caller's stack or
    /// protected).
    pub(crate) fn call_raw_args(
        &self,
        function: ffi::JSObjectRef,
        this: ffi::JSObjectRef,
        args: &[ffi::JSValueRef],
    ) -> Result<Value, JsError> {
        let entry = self.vm.enter();
        let mut exception = ptr::null();
        // SAFETY: the context is alive; `function` is a callable object of it, `this` an
        // object of it or null, `args` holds `args.len()` live values of it.
        let raw = unsafe {
            ffi::JSObjectCallAsFunction(
                entry.ctx(),
                function,
                this,
                args.len(),
                args.as_ptr(),
                &mut exception,
            )
        };
        self.wrap(raw, exception)
    }

    /// `new value(...args)`.
    ///
    /// # Errors
    /// A `TypeError` when this is not a constructor; what the constructor throws.
    pub fn construct(&self, args: &[Value]) -> Result<Value, JsError> {
        let constructor = self.object_only()?;
        let raw: Vec<ffi::JSValueRef> = args.iter().map(|arg| self.raw_of(arg)).collect();
        let entry = self.vm.enter();
        let mut exception = ptr::null();
        // SAFETY: the context is alive; `constructor` is an object of it; `raw` holds
        // `raw.len()` live values of it. JSC throws a TypeError for a non-constructor.
        let object = unsafe {
            ffi::JSObjectCallAsConstructor(
                entry.ctx(),
                constructor,
                raw.len(),
                raw.as_ptr(),
                &mut exception,
            )
        };
        self.wrap(object.cast_const(), exception)
    }

    /// `value instanceof constructor`.
    ///
    /// # Errors
    /// A `TypeError` when `constructor` is not an object; what `instanceof` throws.
    pub fn instance_of(&self, constructor: &Value) -> Result<bool, JsError> {
        self.raw_of(constructor);
        let constructor = constructor.object_only()?;
        let entry = self.vm.enter();
        let mut exception = ptr::null();
        // SAFETY: the context is alive; both are live values of it.
        let result = unsafe {
            ffi::JSValueIsInstanceOfConstructor(entry.ctx(), self.raw, constructor, &mut exception)
        };
        drop(entry);
        self.check(exception).map(|()| result)
    }

    /// `value === other`.
    #[must_use]
    pub fn strict_equals(&self, other: &Value) -> bool {
        let other = self.raw_of(other);
        let entry = self.vm.enter();
        // SAFETY: the context is alive; both are live values of it.
        unsafe { ffi::JSValueIsStrictEqual(entry.ctx(), self.raw, other) }
    }

    /// A copy of the bytes of a typed array (the bytes of its view), `DataView` excluded, or of
    /// an `ArrayBuffer`.
    ///
    /// # Errors
    /// A `TypeError` when this is neither.
    pub fn bytes(&self) -> Result<Vec<u8>, JsError> {
        let not_bytes = || JsError::type_error("expected a typed array or an ArrayBuffer");
        if !self.is_object() {
            return Err(not_bytes());
        }
        let object = self.raw.cast_mut();
        // The four calls below each take JSC's API lock, which inside a native function (where
        // JSC dropped it) means taking it afresh each time: taken once here, theirs nest.
        let locked = self.vm.enter().lock();
        let ctx = locked.ctx();
        let mut exception = ptr::null();
        // SAFETY: the context is alive and `self.raw` an object of it.
        let kind = unsafe { ffi::JSValueGetTypedArrayType(ctx, self.raw, &mut exception) };
        if !exception.is_null() {
            drop(locked);
            return Err(crate::error::capture(&self.vm, exception));
        }
        // SAFETY (both arms): `object` is a typed array, resp. an ArrayBuffer, of this live
        // context. The pointer JSC returns points to the whole buffer (the view's offset is
        // added here) and stays valid until the next JSC call; the bytes are copied before.
        let bytes = unsafe {
            match kind {
                ffi::TYPED_ARRAY_NONE => {
                    drop(locked);
                    return Err(not_bytes());
                }
                ffi::TYPED_ARRAY_ARRAY_BUFFER => {
                    let len = ffi::JSObjectGetArrayBufferByteLength(ctx, object, &mut exception);
                    let data = ffi::JSObjectGetArrayBufferBytesPtr(ctx, object, &mut exception);
                    copy_bytes(data.cast::<u8>(), len)
                }
                _ => {
                    let len = ffi::JSObjectGetTypedArrayByteLength(ctx, object, &mut exception);
                    let offset = ffi::JSObjectGetTypedArrayByteOffset(ctx, object, &mut exception);
                    let data = ffi::JSObjectGetTypedArrayBytesPtr(ctx, object, &mut exception);
                    copy_bytes(data.cast::<u8>().wrapping_add(offset), len)
                }
            }
        };
        drop(locked);
        self.check(exception).map(|()| bytes)
    }

    fn object_only(&self) -> Result<ffi::JSObjectRef, JsError> {
        if self.is_object() {
            Ok(self.raw.cast_mut())
        } else {
            Err(JsError::type_error("expected an object"))
        }
    }

    fn function(&self) -> Result<ffi::JSObjectRef, JsError> {
        if self.is_function() {
            Ok(self.raw.cast_mut())
        } else {
            Err(JsError::type_error("value is not a function"))
        }
    }

    fn check(&self, exception: ffi::JSValueRef) -> Result<(), JsError> {
        if exception.is_null() {
            Ok(())
        } else {
            Err(crate::error::capture(&self.vm, exception))
        }
    }
}

/// Copies `len` bytes from `data` (null or a detached buffer gives an empty vector).
///
/// # Safety
/// `data` must be null or valid for reading `len` bytes.
unsafe fn copy_bytes(data: *const u8, len: usize) -> Vec<u8> {
    if data.is_null() || len == 0 {
        return Vec::new();
    }
    // SAFETY: guaranteed by the caller.
    unsafe { std::slice::from_raw_parts(data, len) }.to_vec()
}

impl Clone for Value {
    fn clone(&self) -> Self {
        Value::protected(&self.vm, self.raw)
    }
}

impl Drop for Value {
    fn drop(&mut self) {
        if matches!(self.hold, Hold::Protected) {
            self.vm.unprotect(self.raw);
        }
    }
}

impl std::fmt::Debug for Value {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if !self.vm.is_alive() {
            return f.write_str("Value(<dropped Vm>)");
        }
        let kind = self.kind();
        match kind {
            ValueKind::Object | ValueKind::Symbol => write!(f, "Value({kind:?})"),
            _ => write!(
                f,
                "Value({kind:?}: {})",
                self.to_string().unwrap_or_default()
            ),
        }
    }
}

/// A function, checked to be one once: calls skip asking JSC again (two calls into it,
/// a per-request cost where Rust calls the same function for every request).
#[derive(Debug, Clone)]
pub struct Function(Value);

impl Function {
    /// `value` as a function; `None` when it cannot be called.
    #[must_use]
    pub fn new(value: Value) -> Option<Function> {
        value.is_function().then_some(Function(value))
    }

    /// [`Value::call_args`] without the check.
    ///
    /// # Errors
    /// What the function throws.
    pub fn call_args<const N: usize>(&self, args: [Arg<'_>; N]) -> Result<Value, JsError> {
        self.0.call_args_of(self.0.raw.cast_mut(), args)
    }
}
