//! `ferroute_runtime::fuzz::header_value` (docs/fuzzing.md).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ferroute_runtime::fuzz::header_value(data));
