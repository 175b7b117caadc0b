//! Whole responses JavaScript hands over without a native call.
//!
//! A native call through JSC's C API costs ~1,300 instructions before it does anything (JSC
//! drops its API lock around the callback and takes it back, and each API call inside takes it
//! afresh), a twentieth of a plain request. So `native.respond` of js/jsc/01_calls.js, for a
//! response that also releases its request and whose body is a string or nothing (almost
//! every one), writes it into the outbox instead: its numbers into `internal.outboxWords`, a
//! `Uint32Array` over memory Rust reads directly, its strings into the array
//! `internal.outbox`. `Core::enter` empties the outbox when its outermost entry is done, after
//! running the promise jobs the entry queued, with the API lock still held (the reads are
//! cheap there): so every response written is sent before the entry returns, as the native
//! call would have sent it, and nothing JavaScript runs afterwards for that request (it is
//! released) sees the difference.
//!
//! Layout, in 32-bit words: `[count, (id, status, headers, flags) × SLOTS]`; `headers` is a
//! list number of `internHeaders` (unless the list is the joined text); `flags`:
//! `STATUS_TEXT`, `BODY`, `HEADER_TEXT` say which of the slot's three strings
//! (`outbox[3k..3k+3]`: status text, header text, body) are set. A full outbox makes
//! JavaScript call the native instead.

#![allow(unsafe_code)]

use std::cell::Cell;

use bytes::Bytes;
use ferroute_jsc::{JsError, Value, Vm};

use crate::natives as shared;

/// Responses the outbox holds at most (one entry rarely sends more than one).
pub(crate) const SLOTS: u32 = 16;
const WORDS: usize = 1 + 4 * SLOTS as usize;
const STATUS_TEXT: u32 = 1;
const BODY: u32 = 2;
const HEADER_TEXT: u32 = 4;
/// A body string longer than this is cleared from its slot once sent, rather than kept alive
/// until the slot is written again.
const KEEP_BODY_UP_TO: usize = 64 * 1024;

pub(crate) struct Outbox {
    /// The first of the `WORDS` words of `internal.outboxWords`' buffer.
    words: *mut u32,
    strings: Value,
    /// Emptied since the last entry began (a nested `flush` finds nothing to do).
    flushing: Cell<bool>,
}

impl Outbox {
    /// Makes the two arrays and sets them on `internal` (`outboxWords`, `outbox`).
    pub(crate) fn install(vm: &Vm, internal: &Value) -> Result<Outbox, JsError> {
        let buffer = vec![0u8; WORDS * 4];
        let words = buffer.as_ptr().cast::<u32>().cast_mut();
        // No copy: the typed array's buffer is `buffer`'s allocation for as long as JSC keeps
        // it, and `internal.outboxWords` keeps it for the VM's life (as `internal.owner`).
        let bytes = vm.uint8_array(buffer)?;
        let view = vm
            .eval(
                "(u8) => new Uint32Array(u8.buffer, u8.byteOffset, u8.byteLength / 4)",
                "ferroute:outbox",
                1,
            )?
            .call(&[bytes])?;
        let strings = vm.eval("[]", "ferroute:outbox", 1)?;
        internal.set("outboxWords", &view)?;
        internal.set("outbox", &strings)?;
        Ok(Outbox {
            words,
            strings,
            flushing: Cell::new(false),
        })
    }

    fn word(&self, i: usize) -> u32 {
        assert!(i < WORDS);
        // SAFETY: `words` points at `WORDS` words of the typed array's buffer, which the VM
        // keeps while `internal.outboxWords` holds it (for its life); this runs on the VM's
        // thread, inside an entry, where no JavaScript writes it concurrently.
        unsafe { self.words.add(i).read_unaligned() }
    }

    fn set_word(&self, i: usize, value: u32) {
        assert!(i < WORDS);
        // SAFETY: as in `word`.
        unsafe { self.words.add(i).write_unaligned(value) }
    }

    /// Sends every response in the outbox and empties it. `header_set` finds a numbered list.
    pub(crate) fn flush(
        &self,
        vm: &Vm,
        header_set: impl Fn(u32) -> Option<http::HeaderMap>,
    ) -> Result<(), JsError> {
        let count = self.word(0).min(SLOTS) as usize;
        if count == 0 || self.flushing.replace(true) {
            return Ok(());
        }
        let result = (0..count).try_for_each(|k| self.send(vm, k, &header_set));
        self.set_word(0, 0);
        self.flushing.set(false);
        result
    }

    fn send(
        &self,
        vm: &Vm,
        k: usize,
        header_set: &impl Fn(u32) -> Option<http::HeaderMap>,
    ) -> Result<(), JsError> {
        let [id, status, headers, flags] = [1, 2, 3, 4].map(|i| self.word(4 * k + i));
        let string = |i: u32| {
            self.strings
                .with_index(3 * k as u32 + i, Value::to_string)
                .and_then(|s| s)
        };
        let status_text = if flags & STATUS_TEXT != 0 {
            Some(string(0)?).filter(|s| !s.is_empty())
        } else {
            None
        };
        let headers = if flags & HEADER_TEXT != 0 {
            super::natives::joined_headers(&string(1)?)
        } else {
            header_set(headers).ok_or_else(|| JsError::type_error("unknown header list"))?
        };
        let body = if flags & BODY != 0 {
            let text = string(2)?;
            if text.len() > KEEP_BODY_UP_TO {
                self.strings.set_index(3 * k as u32 + 2, &vm.undefined())?;
            }
            Bytes::from(text)
        } else {
            Bytes::new()
        };
        shared::send_response(id, status as u16, status_text, headers, body);
        shared::release(id);
        Ok(())
    }
}
