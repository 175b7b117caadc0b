//! One VM per thread: VMs on different threads run at the same time.

use std::sync::{Arc, Barrier};
use std::time::{Duration, Instant};

use ferroute_jsc::Vm;

#[test]
fn two_vms_on_two_threads_run_at_the_same_time() {
    let barrier = Arc::new(Barrier::new(2));
    let workers: Vec<_> = (0..2)
        .map(|n| {
            let barrier = Arc::clone(&barrier);
            std::thread::spawn(move || {
                let vm = Vm::new();
                vm.global().set("n", &vm.number(f64::from(n))).unwrap();
                barrier.wait();
                let started = Instant::now();
                // Busy for 300 ms of wall time, checking in with the clock.
                let value = vm
                    .eval(
                        "let s = 0; const end = Date.now() + 300; while (Date.now() < end) s++; [n, s > 0]",
                        "file:///worker.js",
                        1,
                    )
                    .unwrap()
                    .to_json()
                    .unwrap();
                (started, Instant::now(), value)
            })
        })
        .collect();
    let results: Vec<_> = workers.into_iter().map(|w| w.join().unwrap()).collect();
    assert_eq!(results[0].2.as_deref(), Some("[0,true]"));
    assert_eq!(results[1].2.as_deref(), Some("[1,true]"));
    // Each ran 300 ms; had they taken turns, one would have started after the other ended.
    let overlap_start = results[0].0.max(results[1].0);
    let overlap_end = results[0].1.min(results[1].1);
    assert!(
        overlap_end > overlap_start + Duration::from_millis(100),
        "the two scripts did not overlap"
    );
}

#[test]
fn many_short_lived_vms_on_many_threads() {
    let workers: Vec<_> = (0..4)
        .map(|n| {
            std::thread::spawn(move || {
                for i in 0..5 {
                    let vm = Vm::new();
                    let f = vm.function("id", |_, args| Ok(args[0].clone()));
                    vm.global().set("id", &f).unwrap();
                    let v = vm
                        .eval(&format!("id({n} * 100 + {i})"), "file:///t.js", 1)
                        .unwrap();
                    assert_eq!(v.as_number(), Some(f64::from(n * 100 + i)));
                }
            })
        })
        .collect();
    for worker in workers {
        worker.join().unwrap();
    }
}
