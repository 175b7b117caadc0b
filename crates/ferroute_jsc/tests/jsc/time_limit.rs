//! The execution time limit stops runaway scripts and leaves the VM usable.

use std::cell::Cell;
use std::rc::Rc;
use std::time::{Duration, Instant};

use ferroute_jsc::{JsErrorKind, Vm};

use crate::eval;

#[test]
fn time_limit_stops_an_endless_loop_and_the_vm_stays_usable() {
    let vm = Vm::new();
    let calls = Rc::new(Cell::new(0));
    let thread = std::thread::current().id();
    let counted = Rc::clone(&calls);
    vm.set_time_limit(Duration::from_millis(100), move || {
        assert_eq!(
            std::thread::current().id(),
            thread,
            "called on the VM's thread"
        );
        counted.set(counted.get() + 1);
        true
    });
    let started = Instant::now();
    let err = vm
        .eval("while (true) {}", "file:///loop.js", 1)
        .unwrap_err();
    let took = started.elapsed();
    assert_eq!(err.kind(), JsErrorKind::Timeout, "{err:?}");
    assert!(err.is_timeout());
    assert!(
        took >= Duration::from_millis(90) && took < Duration::from_secs(5),
        "{took:?}"
    );
    assert_eq!(calls.get(), 1);
    assert_eq!(eval(&vm, "1 + 1").as_number(), Some(2.0));
    // A second runaway script is stopped as well; `try`/`catch` cannot swallow it.
    let err = vm
        .eval(
            "try { for (;;) {} } catch (e) {} 'escaped'",
            "file:///loop.js",
            1,
        )
        .unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    assert_eq!(
        eval(&vm, "'still' + ' usable'").as_string().unwrap(),
        "still usable"
    );
}

#[test]
fn callback_can_let_the_script_run_on() {
    let vm = Vm::new();
    let calls = Rc::new(Cell::new(0));
    let counted = Rc::clone(&calls);
    vm.set_time_limit(Duration::from_millis(50), move || {
        counted.set(counted.get() + 1);
        counted.get() >= 3
    });
    let err = vm
        .eval("while (true) {}", "file:///loop.js", 1)
        .unwrap_err();
    assert!(err.is_timeout());
    assert_eq!(
        calls.get(),
        3,
        "refused twice, terminated on the third call"
    );
}

#[test]
fn time_limit_stops_a_loop_in_a_function_called_from_rust() {
    let vm = Vm::new();
    vm.set_time_limit(Duration::from_millis(50), || true);
    let spin = eval(&vm, "(function spin() { let i = 0; while (true) { i++ } })");
    let err = spin.call(&[]).unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    assert_eq!(eval(&vm, "2 + 2").as_number(), Some(4.0));
}

#[test]
fn time_limit_stops_a_job_run_inside_a_call_and_the_vm_stays_usable() {
    let vm = Vm::new();
    vm.set_time_limit(Duration::from_millis(50), || true);
    crate::with_run_jobs(&vm);
    let started = Instant::now();
    let err = vm
        .eval(
            "Promise.resolve().then(() => { while (true) {} }); runJobs(); 'finished'",
            "file:///jobs.js",
            1,
        )
        .unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    assert!(started.elapsed() < Duration::from_secs(5));
    assert_eq!(eval(&vm, "'usable'").as_string().unwrap(), "usable");
    let order = eval(
        &vm,
        "const order = []; Promise.resolve().then(() => order.push('job')); runJobs(); order.join()",
    );
    assert_eq!(order.as_string().unwrap(), "job");
}

#[test]
fn timeout_inside_a_native_call_propagates_to_the_outer_script() {
    let vm = Vm::new();
    vm.set_time_limit(Duration::from_millis(50), || true);
    let run = vm.function("run", |vm, args| {
        let source = args[0].to_string()?;
        vm.eval(&source, "file:///inner.js", 1)
    });
    vm.global().set("run", &run).unwrap();
    // The script catches what the native call threw and loops again: stopped all the same.
    let started = Instant::now();
    let err = vm
        .eval(
            "try { run('while (true) {}') } catch (e) {} while (true) {}",
            "file:///outer.js",
            1,
        )
        .unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    assert!(started.elapsed() < Duration::from_secs(5));
    // A short script after the catch may finish before JSC checks again; its result is the
    // timeout all the same.
    let err = vm
        .eval(
            "try { run('while (true) {}') } catch (e) {} 'finished'",
            "file:///outer.js",
            1,
        )
        .unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    assert_eq!(eval(&vm, "'usable'").as_string().unwrap(), "usable");
    // The caller's limit is back: a later runaway script gets the full limit, not a short one.
    let started = Instant::now();
    assert!(vm
        .eval("while (true) {}", "file:///again.js", 1)
        .unwrap_err()
        .is_timeout());
    assert!(
        started.elapsed() >= Duration::from_millis(45),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn time_limit_counts_cpu_time_not_sleep() {
    let vm = Vm::new();
    vm.set_time_limit(Duration::from_millis(50), || true);
    let sleep = vm.function("sleep", |vm, _| {
        std::thread::sleep(Duration::from_millis(200));
        Ok(vm.undefined())
    });
    vm.global().set("sleep", &sleep).unwrap();
    assert_eq!(eval(&vm, "sleep(); 'woke'").as_string().unwrap(), "woke");
}

#[test]
fn cleared_time_limit_lets_long_scripts_finish() {
    let vm = Vm::new();
    vm.set_time_limit(Duration::from_millis(20), || true);
    vm.clear_time_limit();
    let sum = eval(
        &vm,
        "let s = 0; const end = Date.now() + 60; while (Date.now() < end) s++; s > 0",
    );
    assert_eq!(sum.as_bool(), Some(true));
}
