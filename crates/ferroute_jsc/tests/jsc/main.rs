//! The one integration-test binary of `ferroute_jsc`: every test runs the real JavaScriptCore.

mod errors;
mod eval;
mod host;
mod load;
mod memory;
mod native;
mod platform;
mod promise;
mod threads;
mod time_limit;

use ferroute_jsc::{Value, Vm};

/// Evaluates `source` in `vm`, panicking on an exception.
#[track_caller]
fn eval(vm: &Vm, source: &str) -> Value {
    vm.eval(source, "file:///test.js", 1)
        .unwrap_or_else(|err| panic!("{source}: {err}"))
}

/// Defines a global `runJobs()` that runs the queued promise jobs from inside the calling
/// script (`Vm::run_jobs_here`).
fn with_run_jobs(vm: &Vm) {
    let run = vm.function("runJobs", |vm, _| Ok(vm.boolean(vm.run_jobs_here())));
    vm.global().set("runJobs", &run).unwrap();
}
