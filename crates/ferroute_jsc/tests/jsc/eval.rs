//! Evaluation results, their types and conversions (strings, numbers, JSON, bytes).

use ferroute_jsc::{Value, ValueKind, Vm};
use serde_json::json;

use crate::eval;

#[test]
fn eval_returns_completion_values_of_each_type() {
    let vm = Vm::new();
    assert_eq!(eval(&vm, "1 + 1").as_number(), Some(2.0));
    assert_eq!(eval(&vm, "'a' + 'b'").as_string().as_deref(), Some("ab"));
    assert_eq!(eval(&vm, "1 < 2").as_bool(), Some(true));
    assert_eq!(eval(&vm, "undefined").kind(), ValueKind::Undefined);
    assert_eq!(eval(&vm, "null").kind(), ValueKind::Null);
    assert_eq!(eval(&vm, "Symbol('s')").kind(), ValueKind::Symbol);
    assert_eq!(eval(&vm, "10n ** 20n").kind(), ValueKind::BigInt);
    assert_eq!(
        eval(&vm, "10n ** 20n").to_string().unwrap(),
        "100000000000000000000"
    );
    let object = eval(&vm, "({ a: 1 })");
    assert!(object.is_object() && !object.is_function() && !object.is_array());
    assert!(eval(&vm, "[1, 2]").is_array());
    assert!(eval(&vm, "() => 1").is_function());
    assert_eq!(eval(&vm, "var x = 40; x + 2").as_number(), Some(42.0));
    assert_eq!(
        eval(&vm, "x").as_number(),
        Some(40.0),
        "globals persist between evals"
    );
}

#[test]
fn conversions_follow_javascript_rules() {
    let vm = Vm::new();
    assert_eq!(eval(&vm, "'12.5'").to_number().unwrap(), 12.5);
    assert!(eval(&vm, "'x'").to_number().unwrap().is_nan());
    assert_eq!(eval(&vm, "[1, [2, 3]]").to_string().unwrap(), "1,2,3");
    assert!(!eval(&vm, "''").to_bool());
    assert!(eval(&vm, "({})").to_bool());
    assert_eq!(
        eval(&vm, "'1'").as_number(),
        None,
        "as_number does not convert"
    );
    let err = eval(&vm, "({ toString() { throw new RangeError('no') } })")
        .to_string()
        .unwrap_err();
    assert_eq!((err.name(), err.message()), ("RangeError", "no"));
    assert_eq!(
        eval(&vm, "Symbol('s')").to_string().unwrap_err().name(),
        "TypeError"
    );
}

#[test]
fn strings_round_trip_unicode_and_nul() {
    let vm = Vm::new();
    for text in [
        "",
        "plain",
        "é ü ß",
        "日本語",
        "emoji 🦀 pair",
        "nul\0inside",
        "\u{FFFF}",
        "a",
        "\0",
        "é",
        "🦀",
    ] {
        let value = vm.string(text);
        assert_eq!(value.as_string().as_deref(), Some(text));
        vm.global().set("s", &value).unwrap();
        assert_eq!(
            eval(&vm, "s.length").as_number(),
            Some(text.encode_utf16().count() as f64)
        );
    }
    assert_eq!(
        eval(&vm, "'\\uD800'").as_string().as_deref(),
        Some("\u{FFFD}"),
        "lone surrogate"
    );
    assert_eq!(eval(&vm, "'a\\0b'").as_string().as_deref(), Some("a\0b"));
}

#[test]
fn strings_made_from_rust_are_freed_with_their_values() {
    fn rss_mb() -> u64 {
        let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmRSS:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
            .map_or(0, |kb| kb / 1024)
    }
    let vm = Vm::new();
    let text = "x".repeat(16 * 1024);
    let wide = "é".repeat(8 * 1024);
    let before = rss_mb();
    // 40,000 strings of 16 KiB: 640 MiB of text, were any of them kept.
    for i in 0..20_000 {
        let ascii = vm.string(&text);
        let latin1 = vm.string(&wide);
        if i % 5_000 == 0 {
            assert_eq!(ascii.as_string().map(|s| s.len()), Some(text.len()));
            assert_eq!(latin1.as_string().as_deref(), Some(wide.as_str()));
            vm.collect_garbage_now();
        }
    }
    vm.collect_garbage_now();
    let grown = rss_mb().saturating_sub(before);
    assert!(grown < 200, "RSS grew by {grown} MiB");
}

#[test]
fn properties_get_set_and_index() {
    let vm = Vm::new();
    let object = vm.object();
    object.set("n", &vm.number(1.5)).unwrap();
    object.set("s", &vm.string("x")).unwrap();
    object.set_index(3, &vm.boolean(true)).unwrap();
    vm.global().set("o", &object).unwrap();
    assert_eq!(
        eval(&vm, "JSON.stringify(o)").as_string().unwrap(),
        r#"{"3":true,"n":1.5,"s":"x"}"#
    );
    assert_eq!(object.get("n").unwrap().as_number(), Some(1.5));
    assert!(object.get("missing").unwrap().is_undefined());
    assert_eq!(object.get_index(3).unwrap().as_bool(), Some(true));
    assert_eq!(
        eval(&vm, "'abc'").get("length").unwrap().as_number(),
        Some(3.0)
    );
    assert_eq!(eval(&vm, "null").get("x").unwrap_err().name(), "TypeError");
    assert_eq!(
        vm.number(1.0).set("x", &vm.null()).unwrap_err().name(),
        "TypeError"
    );
    let frozen = eval(&vm, "Object.freeze({ a: 1 })");
    assert!(
        frozen.set("a", &vm.number(2.0)).is_ok(),
        "a sloppy-mode store: ignored, no throw"
    );
    assert_eq!(frozen.get("a").unwrap().as_number(), Some(1.0));
    let getter = eval(&vm, "({ get boom() { throw new Error('getter') } })");
    assert_eq!(getter.get("boom").unwrap_err().message(), "getter");
    let array = vm.array(&[vm.number(1.0), vm.string("two")]).unwrap();
    assert_eq!(array.to_json().unwrap().as_deref(), Some(r#"[1,"two"]"#));
    assert_eq!(array.get("length").unwrap().as_number(), Some(2.0));
}

#[test]
fn calls_pass_arguments_and_this() {
    let vm = Vm::new();
    let f = eval(
        &vm,
        "(function (a, b) { return [typeof this, a, b].join() })",
    );
    assert_eq!(
        eval(
            &vm,
            "(function () { 'use strict'; return this === globalThis })"
        )
        .call(&[])
        .unwrap()
        .as_bool(),
        Some(true)
    );
    assert_eq!(
        f.call(&[vm.number(1.0), vm.string("b")])
            .unwrap()
            .as_string()
            .unwrap(),
        "object,1,b",
        "`this` is the global object"
    );
    let object = eval(&vm, "({ k: 5, get(x) { return this.k + x } })");
    assert_eq!(
        object
            .call_method("get", &[vm.number(2.0)])
            .unwrap()
            .as_number(),
        Some(7.0)
    );
    let method = object.get("get").unwrap();
    assert_eq!(
        method
            .call_with_this(&object, &[vm.number(3.0)])
            .unwrap()
            .as_number(),
        Some(8.0)
    );
    assert_eq!(vm.number(1.0).call(&[]).unwrap_err().name(), "TypeError");
    let map = eval(&vm, "Map").construct(&[]).unwrap();
    assert!(map.instance_of(&eval(&vm, "Map")).unwrap());
    assert!(map.strict_equals(&map.clone()));
    assert!(!map.strict_equals(&vm.object()));
}

#[test]
fn json_round_trips_through_serde() {
    let vm = Vm::new();
    let input = json!({ "a": [1, 2.5, null, true], "b": { "c": "d é" }, "e": -0.0 });
    let value = vm.json_value(&input).unwrap();
    assert_eq!(
        value
            .get("b")
            .unwrap()
            .get("c")
            .unwrap()
            .as_string()
            .unwrap(),
        "d é"
    );
    assert_eq!(
        value.to_json_value().unwrap(),
        json!({ "a": [1, 2.5, null, true], "b": { "c": "d é" }, "e": 0 })
    );
    assert_eq!(eval(&vm, "undefined").to_json().unwrap(), None);
    assert_eq!(
        eval(&vm, "undefined").to_json_value().unwrap(),
        serde_json::Value::Null
    );
    assert_eq!(
        eval(&vm, "({ f() {}, n: NaN })")
            .to_json()
            .unwrap()
            .as_deref(),
        Some(r#"{"n":null}"#)
    );
    let cyclic = eval(&vm, "var c = {}; c.c = c; c");
    assert_eq!(cyclic.to_json().unwrap_err().name(), "TypeError");
    assert_eq!(vm.parse_json("{ nope").unwrap_err().name(), "SyntaxError");
    assert_eq!(
        vm.parse_json("[1]")
            .unwrap()
            .get_index(0)
            .unwrap()
            .as_number(),
        Some(1.0)
    );
}

#[test]
fn uint8_array_shares_the_vec_and_bytes_copies_views() {
    let vm = Vm::new();
    let array = vm.uint8_array(b"hello".to_vec()).unwrap();
    vm.global().set("u8", &array).unwrap();
    assert_eq!(
        eval(
            &vm,
            "u8[0] = 72; [u8 instanceof Uint8Array, u8.length, String.fromCharCode(...u8)].join()"
        )
        .as_string()
        .unwrap(),
        "true,5,Hello"
    );
    assert_eq!(array.bytes().unwrap(), b"Hello");
    assert_eq!(
        eval(&vm, "u8.subarray(1, 4)").bytes().unwrap(),
        b"ell",
        "the view's offset counts"
    );
    assert_eq!(
        eval(&vm, "new Uint16Array([1, 258])").bytes().unwrap(),
        [1, 0, 2, 1]
    );
    assert_eq!(
        eval(&vm, "new Uint8Array([9, 8]).buffer").bytes().unwrap(),
        [9, 8]
    );
    let empty = vm.uint8_array(Vec::new()).unwrap();
    assert_eq!(empty.bytes().unwrap(), Vec::<u8>::new());
    assert_eq!(empty.get("length").unwrap().as_number(), Some(0.0));
    let buffer = vm.array_buffer(vec![1, 2, 3]).unwrap();
    vm.global().set("ab", &buffer).unwrap();
    assert_eq!(eval(&vm, "new Uint8Array(ab)[2]").as_number(), Some(3.0));
    assert_eq!(vm.string("x").bytes().unwrap_err().name(), "TypeError");
    assert_eq!(vm.object().bytes().unwrap_err().name(), "TypeError");
}

#[test]
fn value_of_a_dropped_vm_panics_when_used_and_drops_quietly() {
    let vm = Vm::new();
    let kept = eval(&vm, "({ a: 1 })");
    let clone = kept.clone();
    drop(vm);
    drop(clone); // no JSC call, no crash
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| kept.get("a").map(drop)));
    assert!(result.is_err(), "using a value of a dropped Vm panics");
}

/// `with_index` lends an item for a closure: what `get_index` reads, without a protection,
/// still alive through a collection even when the array lets it go meanwhile.
#[test]
fn with_index_lends_an_item_that_outlives_its_array_slot_during_the_call() {
    let vm = Vm::new();
    let array = eval(&vm, "globalThis.items = ['kept ' + 'text', 7]; items");
    assert_eq!(array.with_index(1, Value::as_number).unwrap(), Some(7.0));
    assert_eq!(
        array.with_index(5, Value::kind).unwrap(),
        ValueKind::Undefined
    );
    let text = array
        .with_index(0, |item| {
            eval(
                &vm,
                "items[0] = null; for (let i = 0; i < 1000; i++) ({ garbage: String(i) })",
            );
            vm.collect_garbage_now();
            item.as_string()
        })
        .unwrap();
    assert_eq!(text.as_deref(), Some("kept text"));
    assert!(eval(&vm, "null").with_index(0, Value::kind).is_err());
}
