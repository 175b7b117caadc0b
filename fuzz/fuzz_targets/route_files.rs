//! `ferroute_router::fuzz::route_files` (docs/fuzzing.md).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| ferroute_router::fuzz::route_files(data));
