// 01_calls.js — the JavaScriptCore calling convention of the per-request natives.
//
// Sits on `internal.native` (src/jsc/natives.rs). Our shared JavaScript calls
// `native.respond(id, status, statusText, headerList, body, release)` and `respondStream` with the
// header list as an array of names and values, which QuickJS's natives read item by item.
// On JSC each item read is a call into the engine, so here the list crosses as one string,
// its items joined by NUL (a character no header name or value may hold: Headers refuses
// it), or as a number when the same list was sent before (below), and an empty status text
// is left out. src/jsc/natives.rs's `header_list_arg` reads both forms.
//
// The other way, Rust calls `internal.dispatchJson` for each request (src/jsc/mod.rs): the
// route params come as JSON text, which `JSON.parse` makes into the object 30_dispatch.js's
// `internal.dispatch` takes in one step, instead of one engine call per property; a route's
// one `[name]` param comes as its value, with its name last. Rust runs the promise jobs the
// request queued once it returns.
(() => {
  'use strict';
  const internal = globalThis[Symbol.for('ferroute.internal')];
  const native = internal.native;
  const respond = native.respond;
  const respondStream = native.respondStream;
  const join = (list) => (list.length === 0 ? '' : list.join('\0'));
  // A header list sent again is sent as a number: `native.internHeaders(joined)` keeps it
  // parsed on the Rust side and answers its number, which then skips reading the text and parsing it (a tenth of a
  // plain JSON response's CPU). A list is numbered the second time it is seen, so one-off
  // lists (a fresh cookie, an ETag) take no number; at most MAX_SETS are numbered.
  const MAX_SETS = 256;
  const numbered = new Map();
  let seenOnce = new Set();
  // The numbered lists of up to MAX_WALK items again, as a tree of their items: a list found
  // by walking its items needs no joined text (whose making and hashing, for a fresh string,
  // cost as much as the rest of the lookup; the items are mostly literals, hashed once).
  const MAX_WALK = 8;
  const tree = { next: new Map(), n: undefined };
  const walk = (list) => {
    let node = tree;
    for (let i = 0; i < list.length && node !== undefined; i++) node = node.next.get(list[i]);
    return node === undefined ? undefined : node.n;
  };
  const plant = (list, n) => {
    let node = tree;
    for (let i = 0; i < list.length; i++) {
      let child = node.next.get(list[i]);
      if (child === undefined) node.next.set(list[i], (child = { next: new Map(), n: undefined }));
      node = child;
    }
    node.n = n;
  };
  const headerArg = (list) => {
    if (list.length <= MAX_WALK) {
      const n = walk(list);
      if (n !== undefined) return n;
    }
    const joined = join(list);
    const n = numbered.get(joined);
    if (n !== undefined) return n;
    if (numbered.size < MAX_SETS) {
      if (seenOnce.has(joined)) {
        const n = native.internHeaders(joined);
        numbered.set(joined, n);
        if (list.length <= MAX_WALK) plant(list, n);
        seenOnce.delete(joined);
        return n;
      }
      if (seenOnce.size >= 1024) seenOnce = new Set();
      seenOnce.add(joined);
    }
    return joined;
  };
  // A response that also releases its request, with a string body or none, goes into the
  // outbox instead of through the native (src/jsc/outbox.rs: the words [count, bytes used,
  // (id, status, headers, flags, body start, body length) × slots], the body's UTF-8 in
  // outboxBytes when it fits, the strings [statusText, headerText, body] × slots), which Rust
  // empties when the entry ends; a full outbox, or a library where Rust cannot, calls it.
  const words = internal.outboxWords;
  const outBytes = internal.outboxBytes;
  const strings = internal.outbox;
  const SLOT_WORDS = 6;
  const SLOTS = words === undefined ? 0 : (words.length - 2) / SLOT_WORDS;
  const STATUS_TEXT = 1;
  const BODY = 2;
  const HEADER_TEXT = 4;
  const BODY_BYTES = 8;
  // Bodies up to this many code units are encoded here (js/jsc/11_encoding.js's utf8Write,
  // JIT-compiled: cheaper than reading a short string through the C API, dearer for a long).
  const ENCODE_UP_TO = 1024;
  native.respond = (id, status, statusText, list, body, release) => {
    const headers = headerArg(list);
    if (release === true && words !== undefined && (body === null || typeof body === 'string')) {
      const k = words[0];
      if (k < SLOTS) {
        const at = 2 + SLOT_WORDS * k;
        words[at] = id;
        words[at + 1] = status;
        let flags = 0;
        if (typeof headers === 'number') {
          words[at + 2] = headers;
        } else {
          strings[3 * k + 1] = headers;
          flags |= HEADER_TEXT;
        }
        if (statusText) {
          strings[3 * k] = statusText;
          flags |= STATUS_TEXT;
        }
        if (body !== null) {
          const used = words[1];
          const done = body.length <= ENCODE_UP_TO && body.length <= outBytes.length - used
            ? internal.utf8Write(body, used === 0 ? outBytes : outBytes.subarray(used), 0)
            : undefined;
          if (done !== undefined && done[0] === body.length) {
            words[at + 4] = used;
            words[at + 5] = done[1];
            words[1] = used + done[1];
            flags |= BODY_BYTES;
          } else {
            strings[3 * k + 2] = body;
            flags |= BODY;
          }
        }
        words[at + 3] = flags;
        words[0] = k + 1;
        return;
      }
    }
    respond(id, status, statusText || undefined, headers, body, release === true);
  };
  native.respondStream = (id, status, statusText, list) =>
    respondStream(id, status, statusText || undefined, headerArg(list));
  // A streamed response's chunks, its end and its release are queued as stream ops
  // (src/jsc/outbox.rs: the words [count, bytes used, blocked, (op, id, start, length) × OPS],
  // the chunks' bytes in chunkBytes), which Rust carries out when the entry ends or before any
  // stream native. While some stream waits for room (`blocked`), a write asks the native,
  // which says whether to wait for `drain`; a chunk that does not fit, too.
  const chunkBytes = internal.chunkBytes;
  const ops = internal.streamWords;
  if (ops !== undefined) {
    const OPS = (ops.length - 3) / 4;
    const WRITE = 1;
    const END = 2;
    const RELEASE = 3;
    const room = chunkBytes.length;
    const { write, writeShared, flushStream, end, release } = native;
    const queue = (op, id, start, length) => {
      const k = ops[0];
      const at = 3 + 4 * k;
      ops[at] = op;
      ops[at + 1] = id;
      ops[at + 2] = start;
      ops[at + 3] = length;
      ops[0] = k + 1;
    };
    native.write = (id, chunk) => {
      if (!(chunk instanceof Uint8Array) || chunk.byteLength > room) return write(id, chunk);
      const length = chunk.byteLength;
      if (ops[0] === OPS || length > room - ops[1]) flushStream();
      const start = ops[1];
      chunkBytes.set(chunk, start);
      if (ops[2] !== 0) return writeShared(id, length, start);
      queue(WRITE, id, start, length);
      ops[1] = start + length;
      return 0;
    };
    native.end = (id) => {
      if (ops[0] === OPS) return end(id);
      queue(END, id, 0, 0);
    };
    native.release = (id) => {
      if (ops[0] === OPS) return release(id);
      queue(RELEASE, id, 0, 0);
    };
  }
  internal.dispatchJson = (id, index, call, method, url, params, bits, name) => {
    const object = params === undefined ? undefined : name === undefined ? JSON.parse(params) : { [name]: params };
    internal.dispatch(id, index, call, method, url, object, bits);
  };
})();
