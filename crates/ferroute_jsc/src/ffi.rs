//! The JavaScriptCore C API (`JavaScriptCore/JavaScript.h`, JSC 2.50), declared by hand for the
//! calls this crate makes, plus exported functions of the private header `JSContextRefPrivate.h`
//! (the execution time limit, a synchronous collection), of `JSBasePrivate.h` (the heap's
//! figures) and `JSLock`/`JSUnlock`.
//!
//! The library is not linked: [`crate::load`] opens it with `dlopen` and resolves every function
//! below with `dlsym` into one table of function pointers. Each function here has the C name and
//! signature and forwards to that table, loading the library on first use (and panicking with
//! the [`LoadError`](crate::LoadError) when it cannot be loaded; [`crate::load`] reports it
//! without panicking).
//!
//! Everything here is `unsafe` to call; the rest of the crate wraps it. Conventions of the C API
//! that the wrappers rely on:
//! - a `JSValueRef` on the machine stack or in a register is found by JSC's conservative stack
//!   scan, so it survives a collection; one kept anywhere else must be `JSValueProtect`ed;
//! - a call that can throw takes `exception: *mut JSValueRef` and stores the thrown value there
//!   (null when nothing was thrown); its result is then null;
//! - `JSStringRef`s are reference counted: each `Create`/`Copy` result needs one `JSStringRelease`.
#![allow(unsafe_code)]

use std::ffi::{c_char, c_int, c_uint, c_void};

/// `JSContextGroupRef`: a VM (one heap, one JS thread at a time).
pub type JSContextGroupRef = *const c_void;
/// `JSContextRef`: an execution context (a global object in a group).
pub type JSContextRef = *const c_void;
/// `JSGlobalContextRef`: a context the embedder owns a reference to.
pub type JSGlobalContextRef = *mut c_void;
/// `JSStringRef`: an immutable, reference-counted UTF-16 string.
pub type JSStringRef = *mut c_void;
/// `JSClassRef`: a host class (callbacks + private data).
pub type JSClassRef = *mut c_void;
/// `JSValueRef`: any JavaScript value.
pub type JSValueRef = *const c_void;
/// `JSObjectRef`: a JavaScript object (also a valid `JSValueRef`).
pub type JSObjectRef = *mut c_void;

/// `JSType`, the result of `JSValueGetType`.
pub type JSType = c_uint;
/// `kJSTypeUndefined`.
pub const TYPE_UNDEFINED: JSType = 0;
/// `kJSTypeNull`.
pub const TYPE_NULL: JSType = 1;
/// `kJSTypeBoolean`.
pub const TYPE_BOOLEAN: JSType = 2;
/// `kJSTypeNumber`.
pub const TYPE_NUMBER: JSType = 3;
/// `kJSTypeString`.
pub const TYPE_STRING: JSType = 4;
/// `kJSTypeObject`.
pub const TYPE_OBJECT: JSType = 5;
/// `kJSTypeSymbol`.
pub const TYPE_SYMBOL: JSType = 6;
/// `kJSTypeBigInt`.
pub const TYPE_BIGINT: JSType = 7;

/// `JSTypedArrayType`. Note the order: the BigInt arrays come after `None`.
pub type JSTypedArrayType = c_uint;
/// `kJSTypedArrayTypeUint8Array`.
pub const TYPED_ARRAY_UINT8: JSTypedArrayType = 3;
/// `kJSTypedArrayTypeArrayBuffer`.
pub const TYPED_ARRAY_ARRAY_BUFFER: JSTypedArrayType = 9;
/// `kJSTypedArrayTypeNone`: not a typed array.
pub const TYPED_ARRAY_NONE: JSTypedArrayType = 10;

/// `JSPropertyAttributes` (a bit set).
pub type JSPropertyAttributes = c_uint;
/// `kJSPropertyAttributeNone`.
pub const PROPERTY_NONE: JSPropertyAttributes = 0;
/// `kJSPropertyAttributeReadOnly`.
pub const PROPERTY_READ_ONLY: JSPropertyAttributes = 1 << 1;
/// `kJSPropertyAttributeDontEnum`.
pub const PROPERTY_DONT_ENUM: JSPropertyAttributes = 1 << 2;
/// `kJSPropertyAttributeDontDelete`.
pub const PROPERTY_DONT_DELETE: JSPropertyAttributes = 1 << 3;

/// `JSClassAttributes` (a bit set).
pub type JSClassAttributes = c_uint;
/// `kJSClassAttributeNoAutomaticPrototype`: instances get `Object.prototype` (or one set by hand), not a class prototype.
pub const CLASS_NO_AUTOMATIC_PROTOTYPE: JSClassAttributes = 1 << 1;

/// `JSObjectCallAsFunctionCallback`: a host object called as a function.
pub type JSObjectCallAsFunctionCallback = Option<
    unsafe extern "C" fn(
        ctx: JSContextRef,
        function: JSObjectRef,
        this_object: JSObjectRef,
        argument_count: usize,
        arguments: *const JSValueRef,
        exception: *mut JSValueRef,
    ) -> JSValueRef,
>;
/// `JSObjectFinalizeCallback`: a host object is being collected. Must not call JSC.
pub type JSObjectFinalizeCallback = Option<unsafe extern "C" fn(object: JSObjectRef)>;
/// `JSTypedArrayBytesDeallocator`: frees the bytes of a no-copy typed array or buffer.
pub type JSTypedArrayBytesDeallocator =
    Option<unsafe extern "C" fn(bytes: *mut c_void, deallocator_context: *mut c_void)>;
/// `JSShouldTerminateCallback` (private header): `true` terminates the running script.
pub type JSShouldTerminateCallback =
    Option<unsafe extern "C" fn(ctx: JSContextRef, context: *mut c_void) -> bool>;

/// Callbacks this crate does not set are declared as plain pointers (always null).
type UnusedCallback = *const c_void;

/// `JSClassDefinition`, version 0, field for field.
#[repr(C)]
pub struct JSClassDefinition {
    pub version: c_int,
    pub attributes: JSClassAttributes,
    pub class_name: *const c_char,
    pub parent_class: JSClassRef,
    pub static_values: *const c_void,
    pub static_functions: *const c_void,
    pub initialize: UnusedCallback,
    pub finalize: JSObjectFinalizeCallback,
    pub has_property: UnusedCallback,
    pub get_property: UnusedCallback,
    pub set_property: UnusedCallback,
    pub delete_property: UnusedCallback,
    pub get_property_names: UnusedCallback,
    pub call_as_function: JSObjectCallAsFunctionCallback,
    pub call_as_constructor: UnusedCallback,
    pub has_instance: UnusedCallback,
    pub convert_to_type: UnusedCallback,
}

/// Declares JSC's functions once and derives from the list: [`Api`], the table of function
/// pointers; `Api::resolve`, which fills it with `dlsym`; and a forwarding function of the same
/// name and signature for each entry.
macro_rules! functions {
    ($(
        fn $name:ident($($arg:ident: $ty:ty),* $(,)?) $(-> $ret:ty)?;
    )*) => {
        /// JavaScriptCore's functions, resolved from the opened library.
        #[allow(non_snake_case)]
        pub(crate) struct Api {
            $($name: unsafe extern "C" fn($($ty),*) $(-> $ret)?,)*
        }

        impl Api {
            /// Looks every function up in `handle` (from `dlopen`). A missing one is
            /// `Err((its name, what dlerror says))`.
            ///
            /// # Safety
            /// `handle` must be a live `dlopen` handle of a library whose exported functions of
            /// these names have the signatures declared here (any JavaScriptCore C API).
            pub(crate) unsafe fn resolve(
                handle: *mut c_void,
            ) -> Result<Api, (&'static str, String)> {
                Ok(Api {
                    $($name: {
                        // SAFETY: a live handle (the caller's guarantee), a NUL-terminated name.
                        let address = unsafe {
                            crate::library::symbol(handle, concat!(stringify!($name), "\0"))
                        }
                        .map_err(|error| (stringify!($name), error))?;
                        // SAFETY: the caller's guarantee: the symbol is this function with this
                        // signature; `symbol` rejected a null address.
                        unsafe {
                            std::mem::transmute::<
                                *mut c_void,
                                unsafe extern "C" fn($($ty),*) $(-> $ret)?,
                            >(address)
                        }
                    },)*
                })
            }
        }

        $(
            #[doc = concat!("`", stringify!($name), "`, through the table [`crate::load`] fills.")]
            ///
            /// # Safety
            /// As for the C function: live arguments of the right kinds, on a thread that may
            /// use them.
            ///
            /// # Panics
            /// If JavaScriptCore cannot be loaded.
            #[allow(non_snake_case, clippy::too_many_arguments)]
            #[inline]
            pub unsafe fn $name($($arg: $ty),*) $(-> $ret)? {
                // SAFETY: the caller upholds the C function's contract.
                unsafe { (crate::library::api().$name)($($arg),*) }
            }
        )*
    };
}

// The functions are documented in the headers (`JSContextRef.h`, `JSValueRef.h`,
// `JSObjectRef.h`, `JSStringRef.h`, `JSTypedArray.h` under /usr/include/webkitgtk-4.1/ of the
// -dev package, which building does not need).
functions! {
    // Context groups (VMs) and global contexts.
    fn JSContextGroupCreate() -> JSContextGroupRef;
    fn JSContextGroupRelease(group: JSContextGroupRef);
    fn JSGlobalContextCreateInGroup(
        group: JSContextGroupRef,
        global_object_class: JSClassRef,
    ) -> JSGlobalContextRef;
    fn JSGlobalContextRelease(ctx: JSGlobalContextRef);
    fn JSContextGetGlobalObject(ctx: JSContextRef) -> JSObjectRef;

    // Private, exported: the watchdog (JSContextRefPrivate.h). `limit` is in seconds.
    fn JSContextGroupSetExecutionTimeLimit(
        group: JSContextGroupRef,
        limit: f64,
        callback: JSShouldTerminateCallback,
        context: *mut c_void,
    );
    fn JSContextGroupClearExecutionTimeLimit(group: JSContextGroupRef);
    // Exported, not in the public headers: take / drop the VM's (recursive) API lock.
    fn JSLock(ctx: JSContextRef);
    fn JSUnlock(ctx: JSContextRef);
    // Private, exported: a full collection that also sweeps (runs finalizers) before returning.
    fn JSSynchronousGarbageCollectForDebugging(ctx: JSContextRef);
    fn JSGarbageCollect(ctx: JSContextRef);
    // Private, exported (JSBasePrivate.h): the heap's figures, as a new object of this context
    // (`heapSize`, `heapCapacity`, `extraMemorySize`, `objectCount`, ...). It counts the live
    // cells by type, so its cost grows with the heap.
    fn JSGetMemoryUsageStatistics(ctx: JSContextRef) -> JSObjectRef;

    // Scripts.
    fn JSEvaluateScript(
        ctx: JSContextRef,
        script: JSStringRef,
        this_object: JSObjectRef,
        source_url: JSStringRef,
        starting_line_number: c_int,
        exception: *mut JSValueRef,
    ) -> JSValueRef;
    fn JSCheckScriptSyntax(
        ctx: JSContextRef,
        script: JSStringRef,
        source_url: JSStringRef,
        starting_line_number: c_int,
        exception: *mut JSValueRef,
    ) -> bool;

    // Strings.
    fn JSStringCreateWithUTF8CString(string: *const c_char) -> JSStringRef;
    fn JSStringCreateWithCharacters(chars: *const u16, num_chars: usize) -> JSStringRef;
    fn JSStringRelease(string: JSStringRef);
    fn JSStringGetLength(string: JSStringRef) -> usize;
    fn JSStringGetCharactersPtr(string: JSStringRef) -> *const u16;
    fn JSStringGetMaximumUTF8CStringSize(string: JSStringRef) -> usize;
    fn JSStringGetUTF8CString(string: JSStringRef, buffer: *mut c_char, size: usize) -> usize;

    // Values.
    fn JSValueGetType(ctx: JSContextRef, value: JSValueRef) -> JSType;
    fn JSValueIsArray(ctx: JSContextRef, value: JSValueRef) -> bool;
    fn JSValueIsStrictEqual(ctx: JSContextRef, a: JSValueRef, b: JSValueRef) -> bool;
    fn JSValueIsInstanceOfConstructor(
        ctx: JSContextRef,
        value: JSValueRef,
        constructor: JSObjectRef,
        exception: *mut JSValueRef,
    ) -> bool;
    fn JSValueMakeUndefined(ctx: JSContextRef) -> JSValueRef;
    fn JSValueMakeNull(ctx: JSContextRef) -> JSValueRef;
    fn JSValueMakeBoolean(ctx: JSContextRef, boolean: bool) -> JSValueRef;
    fn JSValueMakeNumber(ctx: JSContextRef, number: f64) -> JSValueRef;
    fn JSValueMakeString(ctx: JSContextRef, string: JSStringRef) -> JSValueRef;
    fn JSValueMakeFromJSONString(ctx: JSContextRef, string: JSStringRef) -> JSValueRef;
    fn JSValueCreateJSONString(
        ctx: JSContextRef,
        value: JSValueRef,
        indent: c_uint,
        exception: *mut JSValueRef,
    ) -> JSStringRef;
    fn JSValueToBoolean(ctx: JSContextRef, value: JSValueRef) -> bool;
    fn JSValueToNumber(ctx: JSContextRef, value: JSValueRef, exception: *mut JSValueRef)
        -> f64;
    fn JSValueToStringCopy(
        ctx: JSContextRef,
        value: JSValueRef,
        exception: *mut JSValueRef,
    ) -> JSStringRef;
    fn JSValueToObject(
        ctx: JSContextRef,
        value: JSValueRef,
        exception: *mut JSValueRef,
    ) -> JSObjectRef;
    fn JSValueProtect(ctx: JSContextRef, value: JSValueRef);
    fn JSValueUnprotect(ctx: JSContextRef, value: JSValueRef);
    fn JSValueGetTypedArrayType(
        ctx: JSContextRef,
        value: JSValueRef,
        exception: *mut JSValueRef,
    ) -> JSTypedArrayType;

    // Objects.
    fn JSClassCreate(definition: *const JSClassDefinition) -> JSClassRef;
    fn JSClassRelease(class: JSClassRef);
    fn JSObjectMake(ctx: JSContextRef, class: JSClassRef, data: *mut c_void) -> JSObjectRef;
    fn JSObjectGetPrivate(object: JSObjectRef) -> *mut c_void;
    fn JSObjectSetPrototype(ctx: JSContextRef, object: JSObjectRef, value: JSValueRef);
    fn JSObjectMakeArray(
        ctx: JSContextRef,
        argument_count: usize,
        arguments: *const JSValueRef,
        exception: *mut JSValueRef,
    ) -> JSObjectRef;
    fn JSObjectMakeError(
        ctx: JSContextRef,
        argument_count: usize,
        arguments: *const JSValueRef,
        exception: *mut JSValueRef,
    ) -> JSObjectRef;
    fn JSObjectMakeDeferredPromise(
        ctx: JSContextRef,
        resolve: *mut JSObjectRef,
        reject: *mut JSObjectRef,
        exception: *mut JSValueRef,
    ) -> JSObjectRef;
    fn JSObjectGetProperty(
        ctx: JSContextRef,
        object: JSObjectRef,
        property_name: JSStringRef,
        exception: *mut JSValueRef,
    ) -> JSValueRef;
    fn JSObjectSetProperty(
        ctx: JSContextRef,
        object: JSObjectRef,
        property_name: JSStringRef,
        value: JSValueRef,
        attributes: JSPropertyAttributes,
        exception: *mut JSValueRef,
    );
    fn JSObjectGetPropertyAtIndex(
        ctx: JSContextRef,
        object: JSObjectRef,
        index: c_uint,
        exception: *mut JSValueRef,
    ) -> JSValueRef;
    fn JSObjectSetPropertyAtIndex(
        ctx: JSContextRef,
        object: JSObjectRef,
        index: c_uint,
        value: JSValueRef,
        exception: *mut JSValueRef,
    );
    fn JSObjectIsFunction(ctx: JSContextRef, object: JSObjectRef) -> bool;
    fn JSObjectCallAsFunction(
        ctx: JSContextRef,
        object: JSObjectRef,
        this_object: JSObjectRef,
        argument_count: usize,
        arguments: *const JSValueRef,
        exception: *mut JSValueRef,
    ) -> JSValueRef;
    fn JSObjectCallAsConstructor(
        ctx: JSContextRef,
        object: JSObjectRef,
        argument_count: usize,
        arguments: *const JSValueRef,
        exception: *mut JSValueRef,
    ) -> JSObjectRef;

    // Typed arrays and array buffers.
    fn JSObjectMakeTypedArrayWithBytesNoCopy(
        ctx: JSContextRef,
        array_type: JSTypedArrayType,
        bytes: *mut c_void,
        byte_length: usize,
        deallocator: JSTypedArrayBytesDeallocator,
        deallocator_context: *mut c_void,
        exception: *mut JSValueRef,
    ) -> JSObjectRef;
    fn JSObjectMakeArrayBufferWithBytesNoCopy(
        ctx: JSContextRef,
        bytes: *mut c_void,
        byte_length: usize,
        deallocator: JSTypedArrayBytesDeallocator,
        deallocator_context: *mut c_void,
        exception: *mut JSValueRef,
    ) -> JSObjectRef;
    fn JSObjectGetTypedArrayBytesPtr(
        ctx: JSContextRef,
        object: JSObjectRef,
        exception: *mut JSValueRef,
    ) -> *mut c_void;
    fn JSObjectGetTypedArrayByteLength(
        ctx: JSContextRef,
        object: JSObjectRef,
        exception: *mut JSValueRef,
    ) -> usize;
    fn JSObjectGetTypedArrayByteOffset(
        ctx: JSContextRef,
        object: JSObjectRef,
        exception: *mut JSValueRef,
    ) -> usize;
    fn JSObjectGetArrayBufferBytesPtr(
        ctx: JSContextRef,
        object: JSObjectRef,
        exception: *mut JSValueRef,
    ) -> *mut c_void;
    fn JSObjectGetArrayBufferByteLength(
        ctx: JSContextRef,
        object: JSObjectRef,
        exception: *mut JSValueRef,
    ) -> usize;
}
