//! The values JSC keeps in the reference itself, read and made without calling into it.
//!
//! On 64-bit targets a `JSValueRef` is JSC's encoded `JSValue` (APICast.h's `toRef` is a
//! bitwise cast under `CPU(ADDRESS64)`), NaN-boxed as JSCJSValue.h lays it out:
//! - a cell (object, string, symbol, heap BigInt) is its pointer: neither the number bits nor
//!   the "other" tag bit are set;
//! - an int32 is `NUMBER_TAG | n`; any other number is its IEEE bits plus 2^49, so that no
//!   double's encoding has the top 15 bits clear;
//! - `null` is 0x02, `false` 0x06, `true` 0x07 and `undefined` 0x0a.
//!
//! Every per-request call crosses with numbers, booleans and `undefined`: reading and making
//! them here saves a call into JSC (and its API lock) for each. The unit tests below check the
//! encoding against JSC's own functions on the library this runs with. On other targets
//! nothing is decoded and every value goes through the C API.
#![allow(unsafe_code)]

use crate::ffi;

/// A value that is not on the collector's heap.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Immediate {
    Undefined,
    Null,
    Bool(bool),
    Number(f64),
}

#[cfg(target_pointer_width = "64")]
mod bits {
    /// The top 15 bits: set in every number's encoding.
    pub(super) const NUMBER_TAG: u64 = 0xfffe_0000_0000_0000;
    /// Set in `null`, `undefined` and the booleans (and in small BigInts).
    pub(super) const OTHER_TAG: u64 = 0x02;
    /// Added to a double's bits.
    pub(super) const DOUBLE_OFFSET: u64 = 1 << 49;
    pub(super) const NULL: u64 = 0x02;
    pub(super) const FALSE: u64 = 0x06;
    pub(super) const TRUE: u64 = 0x07;
    pub(super) const UNDEFINED: u64 = 0x0a;
    /// The NaN JSC stores for every NaN (`purifyNaN`).
    pub(super) const PURE_NAN: u64 = 0x7ff8_0000_0000_0000;
}

fn to_bits(raw: ffi::JSValueRef) -> u64 {
    raw as usize as u64
}

/// Whether `raw` points at a cell of the collector's heap, which must be protected while Rust
/// holds it (every value counts as one where the encoding is not known).
pub(crate) fn is_cell(raw: ffi::JSValueRef) -> bool {
    #[cfg(target_pointer_width = "64")]
    {
        let b = to_bits(raw);
        b != 0 && b & (bits::NUMBER_TAG | bits::OTHER_TAG) == 0
    }
    #[cfg(not(target_pointer_width = "64"))]
    {
        !raw.is_null()
    }
}

/// Whether `raw` is known, from its encoding, to be a cell (false where it is not known).
pub(crate) fn known_cell(raw: ffi::JSValueRef) -> bool {
    cfg!(target_pointer_width = "64") && is_cell(raw)
}

/// `raw` read without JSC, or None for cells and what this does not decode (small BigInts).
pub(crate) fn decode(raw: ffi::JSValueRef) -> Option<Immediate> {
    #[cfg(target_pointer_width = "64")]
    {
        let b = to_bits(raw);
        if b & bits::NUMBER_TAG == bits::NUMBER_TAG {
            // An int32 in the low 32 bits.
            return Some(Immediate::Number(f64::from(b as u32 as i32)));
        }
        if b & bits::NUMBER_TAG != 0 {
            return Some(Immediate::Number(f64::from_bits(b - bits::DOUBLE_OFFSET)));
        }
        match b {
            bits::UNDEFINED => Some(Immediate::Undefined),
            bits::NULL => Some(Immediate::Null),
            bits::TRUE => Some(Immediate::Bool(true)),
            bits::FALSE => Some(Immediate::Bool(false)),
            _ => None,
        }
    }
    #[cfg(not(target_pointer_width = "64"))]
    {
        let _ = raw;
        None
    }
}

/// The encoding of `value`, as JSC's `jsNumber` makes it: an int32 when the number is one
/// (and not -0), else the double, with every NaN made the one NaN JSC stores.
#[cfg(target_pointer_width = "64")]
pub(crate) fn encode(value: Immediate) -> ffi::JSValueRef {
    let b = match value {
        Immediate::Undefined => bits::UNDEFINED,
        Immediate::Null => bits::NULL,
        Immediate::Bool(true) => bits::TRUE,
        Immediate::Bool(false) => bits::FALSE,
        Immediate::Number(n) => {
            let int = n as i32;
            if f64::from(int) == n && !(int == 0 && n.is_sign_negative()) {
                bits::NUMBER_TAG | u64::from(int as u32)
            } else if n.is_nan() {
                bits::PURE_NAN + bits::DOUBLE_OFFSET
            } else {
                n.to_bits() + bits::DOUBLE_OFFSET
            }
        }
    };
    b as usize as ffi::JSValueRef
}

#[cfg(test)]
mod tests {
    use super::{decode, encode, is_cell, Immediate};
    use crate::{ffi, ValueKind, Vm};

    const SOURCES: [&str; 27] = [
        "0",
        "-0",
        "1",
        "-1",
        "2147483647",
        "2147483648",
        "-2147483648",
        "-2147483649",
        "0.5",
        "1e308",
        "-1e-308",
        "5e-324",
        "NaN",
        "Infinity",
        "-Infinity",
        "true",
        "false",
        "undefined",
        "null",
        "''",
        "'a'",
        "({})",
        "[]",
        "() => 1",
        "Symbol('s')",
        "2n ** 80n",
        "new Uint8Array(4)",
    ];

    /// Cells, and the immediates' values, agree with what JSC's C API says of each value.
    #[test]
    fn decoding_agrees_with_the_c_api() {
        let vm = Vm::new();
        for source in SOURCES {
            let value = vm.eval(source, "file:///encoding.js", 1).unwrap();
            let raw = value.as_raw();
            let kind = value.kind_by_api();
            let heap = matches!(
                kind,
                ValueKind::String | ValueKind::Object | ValueKind::Symbol | ValueKind::BigInt
            );
            assert_eq!(is_cell(raw), heap, "{source}");
            let expected = match kind {
                ValueKind::Undefined => Some(Immediate::Undefined),
                ValueKind::Null => Some(Immediate::Null),
                ValueKind::Boolean => Some(Immediate::Bool(value.to_bool_by_api())),
                ValueKind::Number => Some(Immediate::Number(value.to_number_by_api().unwrap())),
                _ => None,
            };
            match (decode(raw), expected) {
                (Some(Immediate::Number(a)), Some(Immediate::Number(b))) => {
                    assert_eq!(a.to_bits(), b.to_bits(), "{source}");
                }
                (got, expected) => assert_eq!(got, expected, "{source}"),
            }
        }
    }

    /// What `encode` makes is bit for bit what `JSValueMakeNumber` and friends make.
    #[test]
    fn encoding_agrees_with_the_c_api() {
        let vm = Vm::new();
        let ctx = vm.as_raw();
        let numbers = [
            0.0,
            -0.0,
            1.0,
            -1.0,
            0.5,
            42.0,
            2_147_483_647.0,
            2_147_483_648.0,
            -2_147_483_648.0,
            -2_147_483_649.0,
            1e308,
            f64::MIN_POSITIVE,
            5e-324,
            f64::NAN,
            -f64::NAN,
            f64::INFINITY,
            f64::NEG_INFINITY,
            4_294_967_295.0,
        ];
        vm.batch(|| {
            for n in numbers {
                // SAFETY: the context is alive.
                let made = unsafe { ffi::JSValueMakeNumber(ctx, n) };
                assert_eq!(encode(Immediate::Number(n)), made, "{n}");
            }
            // SAFETY: the context is alive.
            unsafe {
                assert_eq!(encode(Immediate::Undefined), ffi::JSValueMakeUndefined(ctx));
                assert_eq!(encode(Immediate::Null), ffi::JSValueMakeNull(ctx));
                assert_eq!(
                    encode(Immediate::Bool(true)),
                    ffi::JSValueMakeBoolean(ctx, true)
                );
                assert_eq!(
                    encode(Immediate::Bool(false)),
                    ffi::JSValueMakeBoolean(ctx, false)
                );
            }
        });
        // And JavaScript reads them back as themselves.
        let check = vm
            .eval("(a, b, c, d) => Object.is(a, -0) && b === 2147483648 && Number.isNaN(c) && d === undefined", "file:///encoding.js", 1)
            .unwrap();
        let args = [
            vm.number(-0.0),
            vm.number(2_147_483_648.0),
            vm.number(f64::NAN),
            vm.undefined(),
        ];
        assert_eq!(check.call(&args).unwrap().as_bool(), Some(true));
    }
}
