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
//! Layout, in 32-bit words: `[count, bytes used, (id, status, headers, flags, body start,
//! body length) × SLOTS]`; `headers` is a list number of `internHeaders` (unless the list is
//! the joined text); `flags` say which of the slot's three strings (`outbox[3k..3k+3]`: status
//! text, header text, body) are set (`STATUS_TEXT`, `HEADER_TEXT`, `BODY`), or that the body
//! is UTF-8 in `internal.outboxBytes` (`BODY_BYTES`: a string body that fits is encoded there
//! by js/jsc/11_encoding.js's `utf8Write`, which costs a fraction of reading the string
//! through the C API). A full outbox makes JavaScript call the native instead.
//!
//! Streamed responses go the same way. `native.write`, `native.end` and `native.release` of
//! js/jsc/01_calls.js queue *stream ops* in `internal.streamWords` (`[count, bytes used,
//! blocked, (op, id, start, length) × OPS]`), a chunk's bytes copied into
//! `internal.chunkBytes`, a second buffer of Rust memory (reading a `Uint8Array` through the C
//! API makes JSC give it an `ArrayBuffer` of its own first, ~1,400 instructions a chunk).
//! [`Outbox::flush_stream`] carries them out in order when the entry ends, and first thing in
//! every stream native (so a native call for a request never overtakes its queued ops); a run
//! of one request's chunks becomes one chunk (the same bytes; HTTP's chunk boundaries mean
//! nothing). A chunk written is then in the response's channel, as the native's would be,
//! except that JavaScript is not told the channel was full or the client gone: `blocked`
//! counts the streams with chunks waiting for room (`natives::blocked_streams`), and while it
//! is not 0, writes call `native.writeShared(id, length, start)`, which answers as `write`
//! does (1: wait for `drain`); a client gone cancels the stream as always
//! (`worker::stream_dropped`). Ops that do not fit call the natives.

#![allow(unsafe_code)]

use std::cell::Cell;

use bytes::Bytes;
use ferroute_jsc::{JsError, Value, Vm};

use crate::natives as shared;

/// Responses the outbox holds at most (one entry rarely sends more than one).
pub(crate) const SLOTS: u32 = 16;
const SLOT_WORDS: usize = 6;
const WORDS: usize = 2 + SLOT_WORDS * SLOTS as usize;
const STATUS_TEXT: u32 = 1;
const BODY: u32 = 2;
const HEADER_TEXT: u32 = 4;
const BODY_BYTES: u32 = 8;
/// The bytes of `internal.outboxBytes` (bodies) and of `internal.chunkBytes` (chunks).
const BYTES: usize = 64 * 1024;
/// Stream ops the outbox holds at most.
const OPS: usize = 64;
const OP_WORDS: usize = 4;
const STREAM_WORDS: usize = 3 + OP_WORDS * OPS;
const WRITE: u32 = 1;
const END: u32 = 2;
const RELEASE: u32 = 3;
/// A body string longer than this is cleared from its slot once sent, rather than kept alive
/// until the slot is written again.
const KEEP_BODY_UP_TO: usize = 64 * 1024;

/// Memory Rust owns and JavaScript sees as a typed array over it (no copy); also
/// `internal.owner`, the word memory.rs reads.
pub(super) struct RustBytes {
    at: *mut u8,
    len: usize,
}

impl RustBytes {
    /// A `Uint8Array` over `len` zero bytes of Rust memory, made into `view` (a JavaScript
    /// function of the `Uint8Array`) and set as `internal[name]`.
    pub(super) fn install(
        vm: &Vm,
        internal: &Value,
        name: &str,
        len: usize,
        view: &str,
    ) -> Result<RustBytes, JsError> {
        let buffer = vec![0u8; len];
        let at = buffer.as_ptr().cast_mut();
        // No copy: the typed array's buffer is `buffer`'s allocation for as long as JSC keeps
        // it, and `internal[name]` keeps it for the VM's life.
        let bytes = vm.uint8_array(buffer)?;
        let view = vm.eval(view, "ferroute:outbox", 1)?.call(&[bytes])?;
        internal.set(name, &view)?;
        Ok(RustBytes { at, len })
    }

    /// The first byte, valid for the VM's life.
    pub(super) fn as_ptr(&self) -> *const u8 {
        self.at
    }

    /// The 32-bit word `i` (panics outside the buffer).
    fn u32_at(&self, i: usize) -> u32 {
        assert!(i * 4 + 4 <= self.len);
        // SAFETY: as in `copy`; the word is inside the buffer.
        unsafe { self.at.cast::<u32>().add(i).read_unaligned() }
    }

    /// Writes the 32-bit word `i` (panics outside the buffer).
    fn set_u32(&self, i: usize, value: u32) {
        assert!(i * 4 + 4 <= self.len);
        // SAFETY: as in `copy`; the word is inside the buffer.
        unsafe { self.at.cast::<u32>().add(i).write_unaligned(value) }
    }

    /// A copy of bytes `start..start + len` (clamped to the buffer).
    fn copy(&self, start: usize, len: usize) -> Bytes {
        let start = start.min(self.len);
        let len = len.min(self.len - start);
        // SAFETY: `at` points at `self.len` bytes of the typed array's buffer, which the VM
        // keeps while `internal` holds it (for its life); the range is inside it; this runs on
        // the VM's thread, inside an entry, where no JavaScript writes it meanwhile.
        Bytes::copy_from_slice(unsafe { std::slice::from_raw_parts(self.at.add(start), len) })
    }
}

pub(crate) struct Outbox {
    /// `internal.outboxWords`' buffer, `WORDS` 32-bit words.
    words: RustBytes,
    /// `internal.outboxBytes`' buffer: bodies.
    bytes: RustBytes,
    /// `internal.chunkBytes`' buffer: streamed chunks.
    chunks: RustBytes,
    /// `internal.streamWords`' buffer, `STREAM_WORDS` 32-bit words: the stream ops.
    stream: RustBytes,
    strings: Value,
    /// A flush is running (one nested in it finds nothing to do).
    flushing: Cell<bool>,
}

impl Outbox {
    /// Makes the arrays and sets them on `internal` (`outboxWords`, `outboxBytes`,
    /// `chunkBytes`, `streamWords`, `outbox`).
    pub(crate) fn install(vm: &Vm, internal: &Value) -> Result<Outbox, JsError> {
        let words = RustBytes::install(
            vm,
            internal,
            "outboxWords",
            WORDS * 4,
            "(u8) => new Uint32Array(u8.buffer, u8.byteOffset, u8.byteLength / 4)",
        )?;
        let bytes = RustBytes::install(vm, internal, "outboxBytes", BYTES, "(u8) => u8")?;
        let chunks = RustBytes::install(vm, internal, "chunkBytes", BYTES, "(u8) => u8")?;
        let stream = RustBytes::install(
            vm,
            internal,
            "streamWords",
            STREAM_WORDS * 4,
            "(u8) => new Uint32Array(u8.buffer, u8.byteOffset, u8.byteLength / 4)",
        )?;
        let strings = vm.eval("[]", "ferroute:outbox", 1)?;
        internal.set("outbox", &strings)?;
        Ok(Outbox {
            words,
            bytes,
            chunks,
            stream,
            strings,
            flushing: Cell::new(false),
        })
    }

    /// Bytes `start..start + len` of `internal.chunkBytes` (`native.writeShared`).
    pub(crate) fn chunk(&self, start: usize, len: usize) -> Bytes {
        self.chunks.copy(start, len)
    }

    fn stream_word(&self, i: usize) -> u32 {
        self.stream.u32_at(i)
    }

    fn set_stream_word(&self, i: usize, value: u32) {
        self.stream.set_u32(i, value);
    }

    /// Tells JavaScript whether any stream waits for room (`blocked`: its writes then ask).
    pub(crate) fn note_blocked(&self) {
        self.set_stream_word(2, shared::blocked_streams());
    }

    /// Carries out the queued stream ops in order and empties the queue. Rust-side only: the
    /// ops are numbers and the chunks are in Rust memory.
    pub(crate) fn flush_stream(&self) {
        let count = (self.stream_word(0) as usize).min(OPS);
        if count == 0 {
            return;
        }
        // Emptied first: nothing below calls JavaScript, and a panic leaves no op to redo.
        self.set_stream_word(0, 0);
        self.set_stream_word(1, 0);
        let op =
            |k: usize| -> [u32; 4] { [0, 1, 2, 3].map(|i| self.stream_word(3 + OP_WORDS * k + i)) };
        let mut k = 0;
        while k < count {
            let [kind, id, start, len] = op(k);
            k += 1;
            match kind {
                WRITE => {
                    // The request's next chunks, if they follow on in the buffer, go with it.
                    let mut end = start + len;
                    while k < count {
                        let [next, next_id, next_start, next_len] = op(k);
                        if next != WRITE || next_id != id || next_start != end {
                            break;
                        }
                        end += next_len;
                        k += 1;
                    }
                    shared::write_chunk(
                        id,
                        self.chunks.copy(start as usize, (end - start) as usize),
                    );
                }
                END => shared::end(id),
                RELEASE => shared::release(id),
                _ => {}
            }
        }
        self.note_blocked();
    }

    fn word(&self, i: usize) -> u32 {
        self.words.u32_at(i)
    }

    fn set_word(&self, i: usize, value: u32) {
        self.words.set_u32(i, value);
    }

    /// Sends every response in the outbox and empties it. `header_set` finds a numbered list.
    /// A response that cannot be read (not expected: only our JavaScript writes the outbox)
    /// is answered 500, so that its request does not wait; its error is returned after all
    /// the others are sent.
    pub(crate) fn flush(
        &self,
        vm: &Vm,
        header_set: impl Fn(u32) -> Option<http::HeaderMap>,
    ) -> Result<(), JsError> {
        /// Empties the outbox when the flush ends, also by a panic (no response sent twice,
        /// none stuck behind a flush that never ends).
        struct Done<'a>(&'a Outbox);
        impl Drop for Done<'_> {
            fn drop(&mut self) {
                self.0.set_word(0, 0);
                self.0.set_word(1, 0);
                self.0.flushing.set(false);
            }
        }
        let count = self.word(0).min(SLOTS) as usize;
        if count == 0 || self.flushing.replace(true) {
            return Ok(());
        }
        let _done = Done(self);
        let mut first_error = None;
        for k in 0..count {
            if let Err(e) = self.send(vm, k, &header_set) {
                let id = self.word(2 + SLOT_WORDS * k);
                shared::send_response(id, 500, None, http::HeaderMap::new(), Bytes::new());
                shared::release(id);
                first_error.get_or_insert(e);
            }
        }
        first_error.map_or(Ok(()), Err)
    }

    fn send(
        &self,
        vm: &Vm,
        k: usize,
        header_set: &impl Fn(u32) -> Option<http::HeaderMap>,
    ) -> Result<(), JsError> {
        let [id, status, headers, flags, start, len] =
            [0, 1, 2, 3, 4, 5].map(|i| self.word(2 + SLOT_WORDS * k + i));
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
        let body = if flags & BODY_BYTES != 0 {
            self.bytes.copy(start as usize, len as usize)
        } else if flags & BODY != 0 {
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
