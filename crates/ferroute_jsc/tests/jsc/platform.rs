//! What JSC brings that QuickJS lacks: `Intl` (ICU) and `WebAssembly`.

use ferroute_jsc::Vm;

use crate::eval;

#[test]
fn intl_number_format_uses_locale_data() {
    let vm = Vm::new();
    let text = eval(&vm, "new Intl.NumberFormat('de-DE').format(1234.5)");
    assert_eq!(text.as_string().unwrap(), "1.234,5");
    let text = eval(
        &vm,
        "(1234.5).toLocaleString('en-US', { style: 'currency', currency: 'USD' })",
    );
    assert_eq!(text.as_string().unwrap(), "$1,234.50");
}

#[test]
fn intl_date_time_format_knows_time_zones() {
    let vm = Vm::new();
    let text = eval(
        &vm,
        "new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', dateStyle: 'short', timeStyle: 'short' })
           .format(new Date(Date.UTC(2024, 0, 15, 17, 30)))",
    );
    // 17:30 UTC is 12:30 in New York in January (EST); ICU may put a narrow space before PM.
    let text = text.as_string().unwrap().replace('\u{202f}', " ");
    assert_eq!(text, "1/15/24, 12:30 PM");
    let zone = eval(&vm, "new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York' }).resolvedOptions().timeZone");
    assert_eq!(zone.as_string().unwrap(), "America/New_York");
}

/// A hand-written module: `(func (export "add") (param i32 i32) (result i32) local.get 0
/// local.get 1 i32.add)`.
const ADD_WASM: [u8; 41] = [
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, // magic, version 1
    0x01, 0x07, 0x01, 0x60, 0x02, 0x7f, 0x7f, 0x01, 0x7f, // type 0: (i32, i32) -> i32
    0x03, 0x02, 0x01, 0x00, // function 0 has type 0
    0x07, 0x07, 0x01, 0x03, b'a', b'd', b'd', 0x00, 0x00, // export "add" = function 0
    0x0a, 0x09, 0x01, 0x07, 0x00, 0x20, 0x00, 0x20, 0x01, 0x6a, 0x0b, // body: a + b
];

#[test]
fn webassembly_compiles_and_runs_a_hand_written_module() {
    let vm = Vm::new();
    let bytes = vm.uint8_array(ADD_WASM.to_vec()).unwrap();
    vm.global().set("wasm", &bytes).unwrap();
    let sum = eval(
        &vm,
        "new WebAssembly.Instance(new WebAssembly.Module(wasm)).exports.add(2, 3)",
    );
    assert_eq!(sum.as_number(), Some(5.0));
    // The synchronous compile wrapped in a promise (what a platform shim of
    // `WebAssembly.instantiate` can do while the native one stays pending, see below).
    eval(
        &vm,
        "globalThis.result = 'pending';
         Promise.resolve(wasm)
           .then((b) => new WebAssembly.Instance(new WebAssembly.Module(b)))
           .then((instance) => { result = instance.exports.add(2, 3) });",
    );
    assert_eq!(vm.global().get("result").unwrap().as_number(), Some(5.0));
}

/// JSC finishes `WebAssembly.instantiate`/`compile` through its deferred-work timer, which runs
/// on WTF's run loop; a bare C-API embedder never spins that loop (iterating GLib's default and
/// thread-default main contexts did not help), so the promise stays pending.
#[test]
#[ignore = "gap: async WebAssembly.instantiate never settles without WTF's run loop"]
fn webassembly_instantiate_settles() {
    let vm = Vm::new();
    let bytes = vm.uint8_array(ADD_WASM.to_vec()).unwrap();
    vm.global().set("wasm", &bytes).unwrap();
    eval(
        &vm,
        "globalThis.result = 'pending';
         WebAssembly.instantiate(wasm).then(
           ({ instance }) => { result = instance.exports.add(2, 3) },
           (e) => { result = 'rejected: ' + e });",
    );
    let result = vm.global().get("result").unwrap();
    assert_eq!(result.as_number(), Some(5.0), "{result:?}");
}
