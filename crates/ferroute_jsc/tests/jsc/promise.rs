//! Deferred promises settled from Rust, and when JSC runs promise jobs.

use ferroute_jsc::{JsError, Vm};

use crate::{eval, with_run_jobs};

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

#[test]
fn run_jobs_here_runs_the_queued_jobs_inside_the_call_in_order() {
    let vm = Vm::new();
    with_run_jobs(&vm);
    let order = eval(
        &vm,
        "const order = [];
         Promise.resolve().then(() => order.push('job 1')).then(() => order.push('job 3'));
         Promise.resolve().then(() => order.push('job 2'));
         order.push('script');
         (async () => { await null; order.push('await'); })();
         order.push(`ran here: ${runJobs()}`);
         order.join(', ')",
    );
    assert_eq!(
        order.as_string().unwrap(),
        "script, job 1, job 2, await, job 3, ran here: true"
    );
    // Nothing is left for the outermost call's end: the queue is empty.
    assert_eq!(eval(&vm, "order.length").as_number(), Some(6.0));
}

#[test]
fn run_jobs_here_from_a_job_leaves_the_rest_to_the_running_drain() {
    let vm = Vm::new();
    with_run_jobs(&vm);
    let order = eval(
        &vm,
        "globalThis.order = [];
         Promise.resolve().then(() => order.push(`nested: ${runJobs()}`));
         Promise.resolve().then(() => order.push('second'));
         runJobs();
         order.join(', ')",
    );
    assert_eq!(order.as_string().unwrap(), "nested: false, second");
}

#[test]
fn a_job_that_throws_inside_run_jobs_here_leaves_the_others_and_the_caller_running() {
    let vm = Vm::new();
    with_run_jobs(&vm);
    let order = eval(
        &vm,
        "const order = [];
         Promise.resolve().then(() => { throw new Error('job failed') });
         Promise.resolve().then(() => order.push('next job'));
         runJobs();
         order.push('caller');
         order.join(', ')",
    );
    assert_eq!(order.as_string().unwrap(), "next job, caller");
}

/// Jobs run from Rust inside a batch (`run_jobs_here` after the calls returned, as a request's
/// dispatch does): in order, each seeing the time zone's dates and the same global, with a
/// batch nested in a native function of the batch running as part of it; a throwing job
/// leaves the rest.
#[test]
fn jobs_run_from_rust_inside_a_batch_run_in_order_with_nested_batches() {
    let vm = Vm::new();
    let log: std::rc::Rc<std::cell::RefCell<Vec<String>>> = std::rc::Rc::default();
    let record = {
        let log = std::rc::Rc::clone(&log);
        vm.function("record", move |vm, args| {
            let text = args[0].to_string()?;
            // A native function of the batch may batch again (and call back in).
            let echoed = vm.batch(|| vm.eval(&format!("'{text}!'"), "file:///n.js", 1))?;
            log.borrow_mut().push(echoed.to_string()?);
            Ok(vm.undefined())
        })
    };
    vm.global().set("record", &record).unwrap();
    let queue = eval(
        &vm,
        "(n) => { Promise.resolve().then(() => record(`a${n}`)); \
         Promise.resolve().then(() => { throw new Error('job') }); \
         Promise.resolve().then(() => record(`b${n}:${new Date(0).getUTCFullYear()}:${typeof globalThis.record}`)); }",
    );
    vm.batch(|| {
        for n in 0..2 {
            queue.call(&[vm.number(f64::from(n))]).unwrap();
            assert!(vm.run_jobs_here());
        }
    });
    assert_eq!(
        *log.borrow(),
        ["a0!", "b0:1970:function!", "a1!", "b1:1970:function!"]
    );
}
