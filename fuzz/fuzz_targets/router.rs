//! `ferroute_router::fuzz::match_path` (docs/fuzzing.md).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ferroute_router::fuzz::match_path(data));
