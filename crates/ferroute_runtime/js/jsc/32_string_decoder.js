// Node 20's `node:string_decoder` for engines without llrt (JavaScriptCore): `StringDecoder`
// turns chunks of bytes into text without splitting a character across chunks (UTF-8
// sequences, UTF-16 code units and surrogate pairs, base64 groups of 3 bytes), with Node's
// replacement characters for malformed input and Node's `lastChar`/`lastNeed`/`lastTotal`.
//
// Sits on `internal.platformModules.buffer()` (30_buffer.js), whose `Buffer#toString` does
// each encoding, and on its `internal.platformErrors`. Registers the module as
// `internal.platformModules.string_decoder`.
(() => {
  'use strict';
  const internal = globalThis[Symbol.for('ferroute.internal')];
  const { Buffer } = internal.platformModules.buffer();

  const { coded, received } = internal.platformErrors;

  /** Node's name for an encoding label (any case), or undefined. */
  function normalizeEncoding(enc) {
    if (enc === undefined || enc === null || enc === '') return 'utf8';
    switch (`${enc}`.toLowerCase()) {
      case 'utf8':
      case 'utf-8':
        return 'utf8';
      case 'ucs2':
      case 'ucs-2':
      case 'utf16le':
      case 'utf-16le':
        return 'utf16le';
      case 'latin1':
      case 'binary':
        return 'latin1';
      case 'base64':
        return 'base64';
      case 'base64url':
        return 'base64url';
      case 'hex':
        return 'hex';
      case 'ascii':
        return 'ascii';
      default:
        return undefined;
    }
  }

  // The decoder's state, one small buffer as in Node: the bytes of an unfinished character,
  // how many more it needs, and how many are held.
  const kNativeDecoder = Symbol('kNativeDecoder');
  const MISSING = 4;
  const BUFFERED = 5;
  const STATE_SIZE = 6;

  /** `bytes[start .. end)` as text in `encoding`. */
  const text = (bytes, start, end, encoding) =>
    (end <= start ? '' : Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString(encoding));

  /** How many bytes at the end of `b[0 .. n)` start a UTF-8 character that is not complete,
   * and how many that character still needs; [0, 0] when the chunk ends on a boundary (or
   * on bytes that can only decode as replacement characters). */
  function utf8Tail(b, n) {
    if ((b[n - 1] & 0x80) === 0) return [0, 0];
    let held = 0;
    for (let i = n - 1; i >= 0; i--) {
      held++;
      const c = b[i];
      if ((c & 0xc0) === 0x80) {
        if (held >= 4 || i === 0) return [0, 0];
        continue;
      }
      const size = (c & 0xe0) === 0xc0 ? 2 : (c & 0xf0) === 0xe0 ? 3 : (c & 0xf8) === 0xf0 ? 4 : 0;
      if (size === 0 || held >= size) return [0, 0];
      return [held, size - held];
    }
    return [0, 0];
  }

  class StringDecoder {
    constructor(encoding) {
      const name = normalizeEncoding(encoding);
      if (name === undefined) throw coded(TypeError, 'ERR_UNKNOWN_ENCODING', `Unknown encoding: ${encoding}`);
      this.encoding = name;
      Object.defineProperty(this, kNativeDecoder, { value: Buffer.alloc(STATE_SIZE), writable: true, enumerable: true, configurable: true });
    }

    /** Text of `buf`, holding back the bytes of a character it does not finish. */
    write(buf) {
      if (typeof buf === 'string') return buf;
      if (!ArrayBuffer.isView(buf)) {
        throw coded(TypeError, 'ERR_INVALID_ARG_TYPE', `The "buf" argument must be an instance of Buffer, TypedArray, or DataView. Received ${received(buf)}`);
      }
      const state = this[kNativeDecoder];
      if (!state) throw coded(TypeError, 'ERR_INVALID_THIS', 'Value of "this" must be of type StringDecoder');
      const bytes = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
      const enc = this.encoding;
      if (enc === 'ascii' || enc === 'hex' || enc === 'latin1') return text(bytes, 0, bytes.length, enc);

      let start = 0;
      let n = bytes.length;
      let prefix = '';
      // First finish the character held from the previous chunk.
      if (state[MISSING] > 0) {
        if (enc === 'utf8') {
          // A byte that cannot continue the character ends it (as malformed) and starts anew.
          for (let i = 0; i < n && i < state[MISSING]; i++) {
            if ((bytes[i] & 0xc0) !== 0x80) {
              state[MISSING] = 0;
              for (let k = 0; k < i; k++) state[state[BUFFERED] + k] = bytes[k];
              state[BUFFERED] += i;
              start = i;
              break;
            }
          }
        }
        const take = Math.min(n - start, state[MISSING]);
        for (let k = 0; k < take; k++) state[state[BUFFERED] + k] = bytes[start + k];
        start += take;
        state[MISSING] -= take;
        state[BUFFERED] += take;
        if (state[MISSING] === 0) {
          prefix = text(state, 0, state[BUFFERED], enc);
          state[BUFFERED] = 0;
        }
      }
      if (start === n) return prefix;

      // Then hold back what of this chunk's end does not make a whole character.
      let held = 0;
      let need = 0;
      const rest = n - start;
      if (enc === 'utf8') {
        [held, need] = utf8Tail(bytes.subarray(start), rest);
      } else if (enc === 'utf16le') {
        if (rest % 2 === 1) {
          held = 1;
          need = 1;
        } else if ((bytes[n - 1] & 0xfc) === 0xd8) {
          held = 2; // a high surrogate waits for its pair
          need = 2;
        }
      } else {
        held = rest % 3; // base64, base64url: whole groups of 3 bytes
        need = held > 0 ? 3 - held : 0;
      }
      if (held > 0) {
        n -= held;
        for (let k = 0; k < held; k++) state[k] = bytes[n + k];
        state[BUFFERED] = held;
        state[MISSING] = need;
      }
      return prefix + text(bytes, start, n, enc);
    }

    /** The rest of the text: `buf` written, then whatever is held, as it decodes alone. */
    end(buf) {
      let out = '';
      if (buf !== undefined) out = this.write(buf);
      const state = this[kNativeDecoder];
      if (state[BUFFERED] > 0) {
        // A single trailing UTF-16 byte is dropped.
        if (this.encoding === 'utf16le' && state[BUFFERED] % 2 === 1) {
          state[MISSING]--;
          state[BUFFERED]--;
        }
        if (state[BUFFERED] > 0) out += text(state, 0, state[BUFFERED], this.encoding);
        state[MISSING] = 0;
        state[BUFFERED] = 0;
      }
      return out;
    }

    /** `write(buf.slice(offset))` after forgetting what was held. */
    text(buf, offset) {
      const state = this[kNativeDecoder];
      state[MISSING] = 0;
      state[BUFFERED] = 0;
      return this.write(buf.slice(offset));
    }

    /** The bytes of the unfinished character (a view of the decoder's 4-byte buffer). */
    get lastChar() {
      return this[kNativeDecoder].subarray(0, 4);
    }

    /** How many bytes the unfinished character still needs. */
    get lastNeed() {
      return this[kNativeDecoder][MISSING];
    }

    /** The unfinished character's whole length in bytes. */
    get lastTotal() {
      return this[kNativeDecoder][BUFFERED] + this[kNativeDecoder][MISSING];
    }
  }
  for (const name of ['lastChar', 'lastNeed', 'lastTotal']) {
    const desc = Object.getOwnPropertyDescriptor(StringDecoder.prototype, name);
    desc.enumerable = true;
    Object.defineProperty(StringDecoder.prototype, name, desc);
  }

  const exports = { StringDecoder };
  internal.platformModules.string_decoder = () => exports;
})();
