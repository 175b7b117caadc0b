//! `ferroute_runtime::fuzz::cookie` (docs/fuzzing.md).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ferroute_runtime::fuzz::cookie(data));
