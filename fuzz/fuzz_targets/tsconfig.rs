//! `ferroute_compiler::fuzz::Tsconfig` (docs/fuzzing.md): one project folder for the run.
#![no_main]

use std::cell::RefCell;

use ferroute_compiler::fuzz::Tsconfig;

thread_local! {
    static PROJECT: RefCell<Tsconfig> = RefCell::new(Tsconfig::new());
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| PROJECT.with(|p| p.borrow_mut().run(data)));
