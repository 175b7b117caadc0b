//! `ferroute_runtime::fuzz::Multipart` (docs/fuzzing.md): one engine for the whole run.
#![no_main]

use std::cell::RefCell;

use ferroute_runtime::fuzz::Multipart;

thread_local! {
    static ENGINE: RefCell<Multipart> = RefCell::new(Multipart::new());
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| ENGINE.with(|e| e.borrow_mut().run(data)));

/// The engine lives as long as the process and is never freed, as in the server:
/// LeakSanitizer would report its blocks at exit.
#[no_mangle]
pub extern "C" fn __lsan_is_turned_off() -> std::os::raw::c_int {
    1
}
