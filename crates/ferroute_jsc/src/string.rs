//! `JSStringRef` as an owned Rust value: made from a `&str`, read back into a `String`, released
//! on drop. Every string that crosses the C API (sources, URLs, property names, values) goes
//! through here.
#![allow(unsafe_code)]

use std::ffi::{c_void, CString};
use std::sync::atomic::{AtomicU32, Ordering};

use crate::ffi;
use crate::library::{string_api, StringApi};

/// An owned reference to a JavaScriptCore string.
pub(crate) struct JsString(ffi::JSStringRef);

impl JsString {
    /// Copies `text` into a new JavaScriptCore string.
    ///
    /// Text without NUL bytes goes through the UTF-8 constructor, which keeps Latin-1 text in
    /// one byte per character (sources are mostly ASCII); text with a NUL (which the C-string
    /// constructor would cut) goes through UTF-16.
    pub(crate) fn new(text: &str) -> Self {
        let raw = match CString::new(text) {
            // SAFETY: `c` is a NUL-terminated UTF-8 buffer that lives across the call; the
            // result is a new string we own one reference to.
            Ok(c) => unsafe { ffi::JSStringCreateWithUTF8CString(c.as_ptr()) },
            Err(_) => {
                let utf16: Vec<u16> = text.encode_utf16().collect();
                // SAFETY: `utf16` holds `utf16.len()` code units and lives across the call,
                // which copies them; the result is a new string we own one reference to.
                unsafe { ffi::JSStringCreateWithCharacters(utf16.as_ptr(), utf16.len()) }
            }
        };
        assert!(!raw.is_null(), "JavaScriptCore could not allocate a string");
        JsString(raw)
    }

    /// Takes over one reference to `raw` (a `Create`/`Copy` result); `None` when it is null.
    pub(crate) fn from_owned(raw: ffi::JSStringRef) -> Option<Self> {
        (!raw.is_null()).then(|| JsString(raw))
    }

    /// The raw reference, valid while `self` lives.
    pub(crate) fn raw(&self) -> ffi::JSStringRef {
        self.0
    }

    /// The string as UTF-8. Unpaired surrogates, which UTF-8 cannot hold, become U+FFFD;
    /// NUL characters are kept.
    pub(crate) fn to_rust(&self) -> String {
        // SAFETY: `self.0` is a live string we own a reference to.
        let capacity = unsafe { ffi::JSStringGetMaximumUTF8CStringSize(self.0) };
        let mut buffer: Vec<u8> = Vec::with_capacity(capacity);
        // SAFETY: `buffer` has room for `capacity` bytes, the most this string can need
        // including the NUL terminator; the call writes at most that many and returns how many
        // it wrote, terminator included.
        let written =
            unsafe { ffi::JSStringGetUTF8CString(self.0, buffer.as_mut_ptr().cast(), capacity) };
        // SAFETY: the first `written` bytes were initialised by the call above.
        unsafe { buffer.set_len(written.min(capacity)) };
        if buffer.last() == Some(&0) {
            buffer.pop();
        }
        let text = match String::from_utf8(buffer) {
            Ok(text) => text,
            Err(err) => String::from_utf8_lossy(err.as_bytes()).into_owned(),
        };
        // JSC's strict conversion stops at an unpaired surrogate: then read the UTF-16.
        // SAFETY: `self.0` is a live string.
        let len = unsafe { ffi::JSStringGetLength(self.0) };
        // As many ASCII bytes as code units: every unit was read.
        if text.len() == len && text.is_ascii() {
            return text;
        }
        if text.len() < len || text.encode_utf16().count() != len {
            return self.to_rust_lossy();
        }
        text
    }

    /// The string's UTF-16 code units as UTF-8, unpaired surrogates as U+FFFD.
    fn to_rust_lossy(&self) -> String {
        // SAFETY: `self.0` is a live string; its characters (`len` code units) stay valid
        // while we hold the reference and do not call JSC.
        unsafe {
            let len = ffi::JSStringGetLength(self.0);
            let chars = ffi::JSStringGetCharactersPtr(self.0);
            if len == 0 || chars.is_null() {
                return String::new();
            }
            String::from_utf16_lossy(std::slice::from_raw_parts(chars, len))
        }
    }
}

impl Drop for JsString {
    fn drop(&mut self) {
        // SAFETY: we own exactly one reference to this string; it is not used afterwards.
        unsafe { ffi::JSStringRelease(self.0) }
    }
}

/// A `WTF::String` we own (one reference to its `StringImpl`), made by the library's own
/// `String::fromUTF8` where [`string_api`] has it: one copy, one byte a character for ASCII.
/// What JavaScriptCore's private functions take for a string (a cell's text, a function's
/// name); given back on drop.
pub(crate) struct WtfString {
    string: *mut u32,
    api: &'static StringApi,
}

impl WtfString {
    /// `text` as a `WTF::String`; None where the library's version was not read, for empty
    /// text (the C API makes that) and for text of 2 GiB or more.
    pub(crate) fn new(text: &str) -> Option<Self> {
        let api = string_api()?;
        if text.is_empty() {
            return None;
        }
        let mut string = std::ptr::null_mut();
        // SAFETY: `text` is valid UTF-8 of `text.len()` bytes (not empty, so its pointer is
        // not null), which `fromUTF8` copies into a new `StringImpl` we own one reference to
        // (null only when the text is 2 GiB or more). No lock needed: nothing is allocated on
        // a VM's heap.
        unsafe { (api.from_utf8)(&mut string, text.as_ptr(), text.len()) };
        (!string.is_null()).then_some(WtfString { string, api })
    }

    /// A string cell of `group`'s VM over this string (`jsStringWithCacheSlowCase`), which
    /// takes its own reference.
    ///
    /// # Safety
    /// `group` is a live VM whose lock this thread holds; the cell is found by the collector only
    /// on the stack, so the caller protects or returns it before anything else allocates.
    pub(crate) unsafe fn to_cell(&self, group: ffi::JSContextGroupRef) -> ffi::JSValueRef {
        // SAFETY: the caller's guarantee; `self.string` is a live `StringImpl`.
        unsafe { (self.api.js_string)(group, self.string) }
    }

    /// The string as a `const WTF::String&` (the address of its one pointer).
    pub(crate) fn as_ref_arg(&self) -> *const *const c_void {
        (&raw const self.string).cast()
    }
}

impl Drop for WtfString {
    fn drop(&mut self) {
        // SAFETY: we own one reference to the `StringImpl`; its count is the atomic 32 bits at
        // its start, two a reference (see `StringApi`), and the last one destroys it.
        unsafe {
            if AtomicU32::from_ptr(self.string).fetch_sub(2, Ordering::AcqRel) == 2 {
                (self.api.destroy)(self.string);
            }
        }
    }
}
