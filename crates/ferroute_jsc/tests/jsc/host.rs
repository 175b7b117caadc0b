//! `Vm::host_function`: functions of Rust code that captures nothing, which JavaScriptCore calls
//! as its own host functions (with the VM's lock held) where the library's version allows.
//! They behave as `Vm::function`'s do: arguments, results, errors, panics, re-entry, the time
//! limit, several VMs on one thread.

use std::time::Duration;

use ferroute_jsc::{JsError, Value, Vm};

use crate::eval;

fn concat(vm: &Vm, args: &[Value]) -> Result<Value, JsError> {
    let parts: Result<Vec<String>, JsError> = args.iter().map(Value::to_string).collect();
    Ok(vm.string(&parts?.join("|")))
}

#[test]
fn host_function_receives_arguments_and_returns_values() {
    let vm = Vm::new();
    vm.global()
        .set("concat", &vm.host_function("concat", concat))
        .unwrap();
    assert_eq!(
        eval(&vm, "concat(1, 'a', true, null, undefined, 2.5)")
            .as_string()
            .unwrap(),
        "1|a|true|null|undefined|2.5"
    );
    assert_eq!(eval(&vm, "concat()").as_string().unwrap(), "");
    let many = eval(&vm, "concat(...Array.from({ length: 40 }, (_, i) => i))");
    assert_eq!(
        many.as_string().unwrap(),
        (0..40).map(|i| i.to_string()).collect::<Vec<_>>().join("|")
    );
    assert_eq!(eval(&vm, "typeof concat").as_string().unwrap(), "function");
    assert_eq!(eval(&vm, "concat.name").as_string().unwrap(), "concat");
    assert_eq!(
        eval(
            &vm,
            "concat.call({}, 'x', 'y') + concat.apply(null, [1, 2])"
        )
        .as_string()
        .unwrap(),
        "x|y1|2"
    );
    assert_eq!(
        eval(&vm, "concat.bind(null, 'b')('c')")
            .as_string()
            .unwrap(),
        "b|c"
    );
    assert_eq!(
        eval(&vm, "Object.getPrototypeOf(concat) === Function.prototype").as_bool(),
        Some(true)
    );
    // Hot enough for the JIT to call it from optimized code.
    assert_eq!(
        eval(
            &vm,
            "let n = 0; for (let i = 0; i < 20000; i++) n += concat(i, i).length; n"
        )
        .as_number(),
        Some(2.0 * (10.0 + 90.0 * 2.0 + 900.0 * 3.0 + 9000.0 * 4.0 + 10000.0 * 5.0) + 20000.0)
    );
    let caught = eval(
        &vm,
        "try { new concat(); 'constructed' } catch (e) { e instanceof TypeError }",
    );
    assert_eq!(caught.as_bool(), Some(true), "not a constructor");
    // Called from Rust too, and returning objects that outlive a collection.
    assert_eq!(
        vm.host_function("concat", concat)
            .call(&[vm.number(5.0)])
            .unwrap()
            .as_string()
            .unwrap(),
        "5"
    );
    let make = vm.host_function("make", |vm, args| {
        let object = vm.object();
        object.set("count", &vm.number(args.len() as f64))?;
        Ok(object)
    });
    vm.global().set("make", &make).unwrap();
    let kept = eval(&vm, "make({}, [], 'z')");
    vm.collect_garbage_now();
    eval(&vm, "for (let i = 0; i < 1000; i++) ({ garbage: [i] })");
    vm.collect_garbage_now();
    assert_eq!(kept.get("count").unwrap().as_number(), Some(3.0));
}

#[test]
fn host_function_errors_and_panics_are_thrown_as_native_functions_throw_them() {
    let vm = Vm::new();
    vm.global()
        .set("check", &vm.host_function("check", crate::native::check))
        .unwrap();
    crate::native::assert_check_answers_and_throws(&vm);
    // Thrown in a loop the JIT compiled: each call throws, the loop goes on.
    let count = eval(
        &vm,
        "let c = 0; for (let i = 0; i < 5000; i++) { try { check(-i - 1) } catch (e) { c++ } } c",
    );
    assert_eq!(count.as_number(), Some(5000.0));

    let invoke = vm.host_function("invoke", |_, args| args[0].call(&[]));
    vm.global().set("invoke", &invoke).unwrap();
    let same = eval(
        &vm,
        "class Custom extends Error {}; const thrown = new Custom('x');
         try { invoke(() => { throw thrown }) } catch (e) { e === thrown }",
    );
    assert_eq!(
        same.as_bool(),
        Some(true),
        "a JavaScript exception passes as itself"
    );

    let boom = vm.host_function("boom", |_, _| panic!("kaboom"));
    vm.global().set("boom", &boom).unwrap();
    let err = vm.eval("boom()", "file:///t.js", 1).unwrap_err();
    assert_eq!(err.message(), "native function panicked: kaboom");
    assert_eq!(eval(&vm, "1 + 1").as_number(), Some(2.0), "still usable");
}

#[test]
fn host_function_reenters_its_vm_and_runs_under_the_time_limit() {
    let vm = Vm::new();
    let nested = vm.host_function("nested", |vm, args| {
        let source = args[0].to_string()?;
        vm.eval(&source, "file:///nested.js", 1)
    });
    vm.global().set("nested", &nested).unwrap();
    assert_eq!(
        eval(&vm, "nested('nested(\"6 * 7\")') + 0").as_number(),
        Some(42.0)
    );
    vm.set_time_limit(Duration::from_millis(50), || true);
    let err = vm
        .eval(
            "try { nested('while (true) {}') } catch (e) {} while (true) {}",
            "file:///outer.js",
            1,
        )
        .unwrap_err();
    assert!(err.is_timeout(), "{err:?}");
    assert_eq!(eval(&vm, "'usable'").as_string().unwrap(), "usable");
}

#[test]
fn host_functions_of_several_vms_on_one_thread_each_run_in_their_own() {
    fn which(vm: &Vm, _: &[Value]) -> Result<Value, JsError> {
        vm.global().get("label")
    }
    let first = Vm::new();
    let second = Vm::new();
    for (vm, label) in [(&first, "first"), (&second, "second")] {
        vm.global().set("label", &vm.string(label)).unwrap();
        vm.global()
            .set("which", &vm.host_function("which", which))
            .unwrap();
    }
    assert_eq!(eval(&first, "which()").as_string().unwrap(), "first");
    assert_eq!(eval(&second, "which()").as_string().unwrap(), "second");
    drop(first);
    assert_eq!(eval(&second, "which()").as_string().unwrap(), "second");
    // A VM made after one was dropped (perhaps at the same address) is its own.
    let third = Vm::new();
    third.global().set("label", &third.string("third")).unwrap();
    third
        .global()
        .set("which", &third.host_function("which", which))
        .unwrap();
    assert_eq!(eval(&third, "which()").as_string().unwrap(), "third");
    assert_eq!(eval(&second, "which()").as_string().unwrap(), "second");
}
