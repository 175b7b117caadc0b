//! Deferred promises settled from Rust, and when JSC runs promise jobs.

use ferroute_jsc::{JsError, Vm};

use crate::eval;

#[test]
fn promise_resolved_from_rust_runs_then_before_resolve_returns() {
    let vm = Vm::new();
    let (promise, resolver) = vm.deferred_promise().unwrap();
    vm.global().set("p", &promise).unwrap();
    eval(
        &vm,
        "globalThis.seen = []; p.then(v => seen.push('then:' + v)); seen.push('sync');",
    );
    assert_eq!(
        eval(&vm, "seen.join()").as_string().unwrap(),
        "sync",
        "still pending"
    );
    resolver.resolve(&vm.string("value")).unwrap();
    // The `.then` job ran when the outermost JSC call (resolve) returned.
    assert_eq!(
        eval(&vm, "seen.join()").as_string().unwrap(),
        "sync,then:value"
    );
}

#[test]
fn promise_rejected_from_rust_reaches_catch_and_await() {
    let vm = Vm::new();
    let (promise, resolver) = vm.deferred_promise().unwrap();
    vm.global().set("p", &promise).unwrap();
    eval(
        &vm,
        "globalThis.out = 'pending';
         (async () => { try { await p } catch (e) { out = e.name + ':' + e.message } })();",
    );
    resolver
        .reject_with_error(&JsError::type_error("refused"))
        .unwrap();
    assert_eq!(eval(&vm, "out").as_string().unwrap(), "TypeError:refused");

    let (promise, resolver) = vm.deferred_promise().unwrap();
    vm.global().set("q", &promise).unwrap();
    eval(&vm, "q.catch(r => { out = r })");
    resolver.reject(&vm.number(7.0)).unwrap();
    assert_eq!(eval(&vm, "out").as_number(), Some(7.0));
}

#[test]
fn jobs_queued_inside_a_native_call_run_after_javascript_returns() {
    let vm = Vm::new();
    let (promise, resolver) = vm.deferred_promise().unwrap();
    vm.global().set("p", &promise).unwrap();
    let resolver = std::cell::RefCell::new(Some(resolver));
    let settle = vm.function("settle", move |vm, _| {
        if let Some(resolver) = resolver.borrow_mut().take() {
            resolver.resolve(&vm.number(1.0))?;
        }
        Ok(vm.undefined())
    });
    vm.global().set("settle", &settle).unwrap();
    let during = eval(
        &vm,
        "globalThis.ran = false; p.then(() => { ran = true }); settle(); ran",
    );
    assert_eq!(
        during.as_bool(),
        Some(false),
        "not while the script still runs"
    );
    assert_eq!(
        eval(&vm, "ran").as_bool(),
        Some(true),
        "run when the eval returned"
    );
}

#[test]
fn batch_defers_jobs_to_its_end() {
    let vm = Vm::new();
    eval(&vm, "globalThis.order = []");
    let log = eval(&vm, "(x) => order.push(x)");
    vm.batch(|| {
        let (promise, resolver) = vm.deferred_promise().unwrap();
        let then = eval(&vm, "(p) => p.then(() => order.push('job'))");
        then.call(&[promise]).unwrap();
        resolver.resolve(&vm.undefined()).unwrap();
        log.call(&[vm.string("in batch")]).unwrap();
    });
    assert_eq!(
        eval(&vm, "order.join()").as_string().unwrap(),
        "in batch,job"
    );
}

#[test]
fn async_functions_settle_within_one_eval() {
    let vm = Vm::new();
    eval(
        &vm,
        "globalThis.r = 0;
         (async () => { for (let i = 0; i < 5; i++) r += await Promise.resolve(i) })();",
    );
    assert_eq!(eval(&vm, "r").as_number(), Some(10.0));
}
