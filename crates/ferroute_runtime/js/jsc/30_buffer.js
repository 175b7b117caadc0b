// Node 20's `Buffer` and `node:buffer` for engines without llrt (JavaScriptCore): `Buffer` is
// a Uint8Array subclass with Node's whole API (encodings utf8, hex, base64, base64url, latin1,
// ascii and utf16le; every read/write accessor; indexOf and friends; Node's error codes and
// message texts), plus the module's `SlowBuffer`, `atob`, `btoa`, `isUtf8`, `isAscii`,
// `transcode`, `constants` and `INSPECT_MAX_BYTES`.
//
// Sits on the ECMAScript built-ins only. UTF-8 is encoded by the code below; buffers of 1 KB
// and more are decoded by the engine's `internal.native.decodeUtf8(bytes, fatal, ignoreBOM)
// → string` when it exists, else by a WHATWG-conforming `TextDecoder` when there is one,
// else (and below 1 KB) by the decoder below. `Blob` and `File`
// are the globals of that name when present. Installs `globalThis.Buffer` (and `atob`/`btoa`
// when missing), registers the module as `internal.platformModules.buffer` and shares its
// Node-style error constructors as `internal.platformErrors`.
//
// On QuickJS, llrt's Buffer stays, since llrt's natives make buffers of its class: there this
// file is evaluated with `internal.llrtBuffer` set (by js/04_builtins.js, the first time a member
// llrt lacks is used), lends llrt's Buffer the methods and statics it lacks (`equals`, `compare`,
// `toJSON`, `slice` as a view, `indexOf` of strings, `fill` with strings, `swap16`, ...), makes
// its own buffers of llrt's class, and installs nothing else.
(() => {
  'use strict';
  const kInternal = Symbol.for('ferroute.internal');
  if (globalThis[kInternal] === undefined) {
    Object.defineProperty(globalThis, kInternal, { value: {}, configurable: true });
  }
  const internal = globalThis[kInternal];
  const native = internal.native || {};
  /** llrt's Buffer, on QuickJS: the class this file lends its members to. */
  const LLRT = internal.llrtBuffer;

  // ------------------------------------------------------------------ Node-style errors
  const kInspect = Symbol.for('nodejs.util.inspect.custom');

  /** An error of class `Base` with Node's `code` (own, enumerable) and Node's `toString`. */
  function coded(Base, code, message) {
    const err = new Base(message);
    Object.defineProperty(err, 'code', { value: code, enumerable: true, writable: true, configurable: true });
    Object.defineProperty(err, 'toString', {
      value() {
        return `${this.name} [${this.code}]: ${this.message}`;
      },
      writable: true,
      configurable: true,
    });
    return err;
  }

  /** `value` as Node 20's `util.inspect` quotes a string: the first quote it does not
   * contain, control characters and lone surrogates escaped. */
  function quote(value) {
    const q = !value.includes("'") ? "'" : !value.includes('"') ? '"' : !value.includes('`') && !value.includes('${') ? '`' : "'";
    let out = '';
    for (let i = 0; i < value.length; i++) {
      const c = value.charCodeAt(i);
      const ch = value[i];
      if (ch === q || ch === '\\') out += `\\${ch}`;
      else if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
        const named = { 8: '\\b', 9: '\\t', 10: '\\n', 12: '\\f', 13: '\\r' }[c];
        out += named || `\\x${c.toString(16).toUpperCase().padStart(2, '0')}`;
      } else if (c >= 0xd800 && c <= 0xdfff) {
        const d = value.charCodeAt(i + 1);
        if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
          out += value.slice(i, i + 2);
          i++;
        } else out += `\\u${c.toString(16)}`;
      } else out += ch;
    }
    return `${q}${out}${q}`;
  }

  /** A short rendering of `value` as Node's error messages show it (`util.inspect` style). */
  function show(value) {
    switch (typeof value) {
      case 'string':
        return quote(value);
      case 'number':
        return Object.is(value, -0) ? '-0' : String(value);
      case 'bigint':
        return `${value}n`;
      case 'symbol':
        return String(value);
      case 'function':
        return `[Function: ${value.name || '(anonymous)'}]`;
      case 'undefined':
        return 'undefined';
      default:
        if (value === null) return 'null';
        if (value instanceof Buffer) return value[kInspect]();
        if (Array.isArray(value)) return `[ ${value.map(show).join(', ')} ]`;
        try {
          const name = value.constructor && value.constructor.name;
          return `${name && name !== 'Object' ? `${name} ` : ''}{}`;
        } catch {
          return '{}';
        }
    }
  }

  /** "Received …" of ERR_INVALID_ARG_TYPE. */
  function received(value) {
    if (value === null || value === undefined) return String(value);
    if (typeof value === 'function') return `function ${value.name}`;
    if (typeof value === 'object') {
      const ctor = value.constructor;
      if (ctor && typeof ctor.name === 'string' && ctor.name !== '') return `an instance of ${ctor.name}`;
      return show(value);
    }
    let text = show(value);
    if (text.length > 28) text = `${text.slice(0, 25)}...`;
    return `type ${typeof value} (${text})`;
  }

  const invalidArgType = (name, expected, value) => {
    const what = name.endsWith(' argument') ? `The ${name}` : `The "${name}" ${name.includes('.') ? 'property' : 'argument'}`;
    return coded(TypeError, 'ERR_INVALID_ARG_TYPE', `${what} must be ${expected}. Received ${received(value)}`);
  };

  /** `1_000_000` grouping of Node's out-of-range messages. */
  function separated(digits) {
    let sign = '';
    if (digits[0] === '-') {
      sign = '-';
      digits = digits.slice(1);
    }
    let out = '';
    let i = digits.length;
    for (; i >= 4; i -= 3) out = `_${digits.slice(i - 3, i)}${out}`;
    return `${sign}${digits.slice(0, i)}${out}`;
  }

  function outOfRange(name, range, value) {
    let text;
    if (Number.isInteger(value) && Math.abs(value) > 2 ** 32) text = separated(String(value));
    else if (typeof value === 'bigint') {
      text = String(value);
      if (value > 2n ** 32n || value < -(2n ** 32n)) text = separated(text);
      text += 'n';
    } else text = show(value);
    return coded(RangeError, 'ERR_OUT_OF_RANGE', `The value of "${name}" is out of range. It must be ${range}. Received ${text}`);
  }

  const bufferOutOfBounds = (name) =>
    coded(RangeError, 'ERR_BUFFER_OUT_OF_BOUNDS', name ? `"${name}" is outside of buffer bounds` : 'Attempt to access memory outside buffer bounds');
  const unknownEncoding = (encoding) => coded(TypeError, 'ERR_UNKNOWN_ENCODING', `Unknown encoding: ${encoding}`);
  const invalidArgValue = (name, value) => coded(TypeError, 'ERR_INVALID_ARG_VALUE', `The argument '${name}' is invalid. Received ${show(value)}`);
  const missingArgs = (name) => coded(TypeError, 'ERR_MISSING_ARGS', `The "${name}" argument must be specified`);

  function domException(message, name) {
    if (typeof globalThis.DOMException === 'function') return new globalThis.DOMException(message, name);
    const err = new Error(message);
    err.name = name;
    if (name === 'InvalidCharacterError') err.code = 5;
    return err;
  }

  /** Node's validateNumber: a number, within [min, max] when given (NaN is out of range). */
  function validateNumber(value, name, min, max) {
    if (typeof value !== 'number') throw invalidArgType(name, 'of type number', value);
    if ((min !== undefined && value < min) || (max !== undefined && value > max) || ((min !== undefined || max !== undefined) && value !== value)) {
      const range = `${min !== undefined ? `>= ${min}` : ''}${min !== undefined && max !== undefined ? ' && ' : ''}${max !== undefined ? `<= ${max}` : ''}`;
      throw outOfRange(name, range, value);
    }
  }

  /** Node's validateInteger. */
  function validateInteger(value, name, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER) {
    if (typeof value !== 'number') throw invalidArgType(name, 'of type number', value);
    if (!Number.isInteger(value)) throw outOfRange(name, 'an integer', value);
    if (value < min || value > max) throw outOfRange(name, `>= ${min} && <= ${max}`, value);
  }

  const kMaxLength = 2 ** 32;
  const kStringMaxLength = 2 ** 29 - 24;

  /** An offset in [min, max] (Node's validateOffset). */
  function validateOffset(value, name, min = 0, max = kMaxLength) {
    validateInteger(value, name, min, max);
    return value;
  }

  // ------------------------------------------------------------------ type checks
  // The TypedArray tag getter answers for typed arrays of any realm and undefined otherwise.
  const typedArrayTag = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), Symbol.toStringTag).get;
  const tagOf = (v) => (typeof v === 'object' && v !== null ? typedArrayTag.call(v) : undefined);
  const isUint8Array = (v) => tagOf(v) === 'Uint8Array';
  const isTypedArray = (v) => tagOf(v) !== undefined;
  const objectTag = (v) => Object.prototype.toString.call(v);
  // Uint8Array methods Buffer.prototype overrides, for our own use on buffers.
  const TypedArrayProto = Object.getPrototypeOf(Uint8Array.prototype);
  const u8IndexOf = Uint8Array.prototype.indexOf;
  const u8LastIndexOf = Uint8Array.prototype.lastIndexOf;
  const u8Fill = Uint8Array.prototype.fill;
  const typedSlice = TypedArrayProto.slice;
  const isAnyArrayBuffer = (v) => {
    if (v instanceof ArrayBuffer) return true;
    if (typeof v !== 'object' || v === null) return false;
    const tag = objectTag(v);
    return tag === '[object ArrayBuffer]' || tag === '[object SharedArrayBuffer]';
  };

  // ------------------------------------------------------------------ UTF-8
  /** Bytes `s` takes in UTF-8 (an unpaired surrogate takes 3, as U+FFFD). */
  function utf8Length(s) {
    const n = s.length;
    let len = n;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) continue;
      if (c < 0x800) len += 1;
      else if (c >= 0xd800 && c <= 0xdbff && i + 1 < n && (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
        len += 2; // 4 bytes for the two code units
        i++;
      } else len += 2;
    }
    return len;
  }

  /** Writes whole characters of `s` as UTF-8 into `out[at .. at + max)`; returns the bytes written. */
  function utf8Write(s, out, at, max) {
    const end = at + max;
    const n = s.length;
    let p = at;
    for (let i = 0; i < n; i++) {
      let c = s.charCodeAt(i);
      if (c < 0x80) {
        if (p >= end) break;
        out[p++] = c;
      } else if (c < 0x800) {
        if (p + 2 > end) break;
        out[p++] = 0xc0 | (c >> 6);
        out[p++] = 0x80 | (c & 0x3f);
      } else if (c >= 0xd800 && c <= 0xdfff) {
        const d = i + 1 < n ? s.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && (d & 0xfc00) === 0xdc00) {
          if (p + 4 > end) break;
          const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          out[p++] = 0xf0 | (cp >> 18);
          out[p++] = 0x80 | ((cp >> 12) & 0x3f);
          out[p++] = 0x80 | ((cp >> 6) & 0x3f);
          out[p++] = 0x80 | (cp & 0x3f);
          i++;
        } else {
          if (p + 3 > end) break;
          out[p++] = 0xef;
          out[p++] = 0xbf;
          out[p++] = 0xbd;
        }
      } else {
        if (p + 3 > end) break;
        out[p++] = 0xe0 | (c >> 12);
        out[p++] = 0x80 | ((c >> 6) & 0x3f);
        out[p++] = 0x80 | (c & 0x3f);
      }
    }
    return p - at;
  }

  const CHUNK = 0x2000;

  /** A string of the code units `units[0 .. len)`. */
  function unitsToString(units, len) {
    if (len <= CHUNK) return String.fromCharCode.apply(null, len === units.length ? units : units.subarray(0, len));
    let out = '';
    for (let i = 0; i < len; i += CHUNK) out += String.fromCharCode.apply(null, units.subarray(i, Math.min(i + CHUNK, len)));
    return out;
  }

  /** WHATWG UTF-8 decode of `b[start .. end)`: each maximal invalid subpart becomes one U+FFFD;
   * a byte-order mark is kept. */
  function utf8DecodeJs(b, start, end) {
    let ascii = start;
    while (ascii < end && b[ascii] < 0x80) ascii++;
    if (ascii === end) return latin1Slice(b, start, end);
    const units = new Uint16Array(end - start);
    let n = 0;
    let i = start;
    while (i < end) {
      const c = b[i];
      if (c < 0x80) {
        units[n++] = c;
        i++;
        continue;
      }
      let need;
      let cp;
      let lower = 0x80;
      let upper = 0xbf;
      if (c >= 0xc2 && c <= 0xdf) {
        need = 1;
        cp = c & 0x1f;
      } else if (c >= 0xe0 && c <= 0xef) {
        if (c === 0xe0) lower = 0xa0;
        else if (c === 0xed) upper = 0x9f;
        need = 2;
        cp = c & 0xf;
      } else if (c >= 0xf0 && c <= 0xf4) {
        if (c === 0xf0) lower = 0x90;
        else if (c === 0xf4) upper = 0x8f;
        need = 3;
        cp = c & 0x7;
      } else {
        units[n++] = 0xfffd;
        i++;
        continue;
      }
      let j = i + 1;
      let ok = true;
      for (let k = 0; k < need; k++) {
        const d = j < end ? b[j] : -1;
        if (d < lower || d > upper) {
          ok = false;
          break;
        }
        lower = 0x80;
        upper = 0xbf;
        cp = (cp << 6) | (d & 0x3f);
        j++;
      }
      i = j;
      if (!ok) units[n++] = 0xfffd;
      else if (cp < 0x10000) units[n++] = cp;
      else {
        cp -= 0x10000;
        units[n++] = 0xd800 | (cp >> 10);
        units[n++] = 0xdc00 | (cp & 0x3ff);
      }
    }
    return unitsToString(units, n);
  }

  /** Whether `b[start .. end)` is well-formed UTF-8. */
  function utf8Valid(b, start, end) {
    let i = start;
    while (i < end) {
      const c = b[i];
      if (c < 0x80) {
        i++;
        continue;
      }
      let need;
      let lower = 0x80;
      let upper = 0xbf;
      if (c >= 0xc2 && c <= 0xdf) need = 1;
      else if (c >= 0xe0 && c <= 0xef) {
        need = 2;
        if (c === 0xe0) lower = 0xa0;
        else if (c === 0xed) upper = 0x9f;
      } else if (c >= 0xf0 && c <= 0xf4) {
        need = 3;
        if (c === 0xf0) lower = 0x90;
        else if (c === 0xf4) upper = 0x8f;
      } else return false;
      if (i + need >= end) return false;
      for (let k = 1; k <= need; k++) {
        const d = b[i + k];
        if (d < lower || d > upper) return false;
        lower = 0x80;
        upper = 0xbf;
      }
      i += need + 1;
    }
    return true;
  }

  // UTF-8 text is encoded here: on JavaScriptCore this JIT-compiled loop is faster than a
  // native call (which copies the string out and the bytes back), measured at 6 ms against
  // 21 ms per MB of non-ASCII text. Decoding goes through the engine's decoder (the native
  // `decodeUtf8`, or a `TextDecoder` that keeps a BOM and replaces as WHATWG says) from
  // ENGINE_DECODE_MIN bytes on, where it wins (16 ms against 37 ms per MB).
  const encodeUtf8 = (s) => {
    const out = new Uint8Array(utf8Length(s));
    utf8Write(s, out, 0, out.length);
    return out;
  };
  const ENGINE_DECODE_MIN = 1024;
  let engineDecode;
  if (typeof native.decodeUtf8 === 'function') {
    engineDecode = (b) => native.decodeUtf8(b, false, true);
  } else if (typeof globalThis.TextDecoder === 'function') {
    try {
      const td = new globalThis.TextDecoder('utf-8', { ignoreBOM: true });
      if (td.decode(new Uint8Array([0xef, 0xbb, 0xbf, 0xc3])) === '\ufeff\ufffd') engineDecode = (b) => td.decode(b);
    } catch {
      // keep ours
    }
  }
  /** `b[start .. end)` decoded as UTF-8 (a BOM is kept). */
  const decodeUtf8 = (b, start, end) =>
    (engineDecode !== undefined && end - start >= ENGINE_DECODE_MIN ? engineDecode(b.subarray(start, end)) : utf8DecodeJs(b, start, end));

  // ------------------------------------------------------------------ other encodings
  function latin1Slice(b, start, end) {
    return unitsToString(b.subarray(start, end), end - start);
  }

  function asciiSlice(b, start, end) {
    const units = new Uint8Array(end - start);
    for (let i = start; i < end; i++) units[i - start] = b[i] & 0x7f;
    return unitsToString(units, units.length);
  }

  function latin1Write(buf, s, at, max) {
    const n = Math.min(s.length, max);
    for (let i = 0; i < n; i++) buf[at + i] = s.charCodeAt(i);
    return n;
  }

  function ucs2Slice(b, start, end) {
    const n = (end - start) >> 1;
    const units = new Uint16Array(n);
    for (let i = 0, p = start; i < n; i++, p += 2) units[i] = b[p] | (b[p + 1] << 8);
    return unitsToString(units, n);
  }

  function ucs2Write(buf, s, at, max) {
    const n = Math.min(s.length, max >> 1);
    for (let i = 0, p = at; i < n; i++, p += 2) {
      const c = s.charCodeAt(i);
      buf[p] = c;
      buf[p + 1] = c >> 8;
    }
    return n * 2;
  }

  const HEX = [];
  for (let i = 0; i < 256; i++) HEX.push((i < 16 ? '0' : '') + i.toString(16));

  function hexSlice(b, start, end) {
    let out = '';
    for (let i = start; i < end; i++) out += HEX[b[i]];
    return out;
  }

  const hexDigit = (c) => (c >= 48 && c <= 57 ? c - 48 : c >= 97 && c <= 102 ? c - 87 : c >= 65 && c <= 70 ? c - 55 : -1);

  /** Pairs of hex digits of `s`, up to the first that is not one. */
  function hexWrite(buf, s, at, max) {
    const n = Math.min(s.length >>> 1, max);
    let i = 0;
    for (; i < n; i++) {
      // Node reads each UTF-16 unit's low byte.
      const hi = hexDigit(s.charCodeAt(2 * i) & 0xff);
      const lo = hexDigit(s.charCodeAt(2 * i + 1) & 0xff);
      if (hi < 0 || lo < 0) break;
      buf[at + i] = (hi << 4) | lo;
    }
    return i;
  }

  const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
  const B64_CODES = new Uint8Array(64);
  const B64URL_CODES = new Uint8Array(64);
  /** Value of each ASCII character in either alphabet, -1 when in neither. */
  const B64_VALUES = new Int8Array(128).fill(-1);
  for (let i = 0; i < 64; i++) {
    B64_CODES[i] = B64.charCodeAt(i);
    B64URL_CODES[i] = B64URL.charCodeAt(i);
    B64_VALUES[B64.charCodeAt(i)] = i;
    B64_VALUES[B64URL.charCodeAt(i)] = i;
  }

  function base64Slice(b, start, end, url) {
    const alphabet = url ? B64URL_CODES : B64_CODES;
    const len = end - start;
    const whole = start + len - (len % 3);
    const units = new Uint8Array(Math.ceil(len / 3) * 4);
    let p = 0;
    let i = start;
    for (; i < whole; i += 3) {
      const v = (b[i] << 16) | (b[i + 1] << 8) | b[i + 2];
      units[p++] = alphabet[v >> 18];
      units[p++] = alphabet[(v >> 12) & 63];
      units[p++] = alphabet[(v >> 6) & 63];
      units[p++] = alphabet[v & 63];
    }
    const rest = end - i;
    if (rest === 1) {
      const v = b[i] << 16;
      units[p++] = alphabet[v >> 18];
      units[p++] = alphabet[(v >> 12) & 63];
      if (!url) {
        units[p++] = 61;
        units[p++] = 61;
      }
    } else if (rest === 2) {
      const v = (b[i] << 16) | (b[i + 1] << 8);
      units[p++] = alphabet[v >> 18];
      units[p++] = alphabet[(v >> 12) & 63];
      units[p++] = alphabet[(v >> 6) & 63];
      if (!url) units[p++] = 61;
    }
    return unitsToString(units, p);
  }

  /** Node's lenient base64 (either alphabet): other characters are skipped, `=` ends the
   * data, a last group of 2 or 3 characters gives 1 or 2 bytes. Only the low byte of each
   * code unit counts, as in Node. */
  function base64Write(buf, s, at, max) {
    const end = at + max;
    let p = at;
    let group = 0;
    let count = 0;
    const n = s.length;
    for (let i = 0; i < n && p < end; i++) {
      // Node reads each UTF-16 unit's low byte (so U+D83D is '=').
      const c = s.charCodeAt(i) & 0xff;
      if (c === 61) break;
      const v = c < 128 ? B64_VALUES[c] : -1;
      if (v < 0) continue;
      group = (group << 6) | v;
      if (++count === 4) {
        buf[p++] = group >> 16;
        if (p < end) buf[p++] = group >> 8;
        if (p < end) buf[p++] = group;
        group = 0;
        count = 0;
      }
    }
    if (count === 2 && p < end) buf[p++] = group >> 4;
    else if (count === 3) {
      if (p < end) buf[p++] = group >> 10;
      if (p < end) buf[p++] = group >> 2;
    }
    return p - at;
  }

  function base64ByteLength(s) {
    let n = s.length;
    if (n > 0 && s.charCodeAt(n - 1) === 61) n--;
    if (n > 1 && s.charCodeAt(n - 1) === 61) n--;
    return (n * 3) >>> 2;
  }

  // ------------------------------------------------------------------ encodings table
  /** What each encoding does: byte length of a string, write into a buffer, read a slice. */
  const ENCODINGS = {
    utf8: {
      name: 'utf8',
      byteLength: utf8Length,
      write: (buf, s, at, max) => writeUtf8(buf, s, at, max),
      slice: (b, start, end) => decodeUtf8(b, start, end),
      bytes: (s) => encodeUtf8(s),
    },
    utf16le: {
      name: 'utf16le',
      byteLength: (s) => s.length * 2,
      write: ucs2Write,
      slice: ucs2Slice,
    },
    latin1: {
      name: 'latin1',
      byteLength: (s) => s.length,
      write: latin1Write,
      slice: latin1Slice,
    },
    ascii: {
      name: 'ascii',
      byteLength: (s) => s.length,
      write: latin1Write,
      slice: asciiSlice,
    },
    base64: {
      name: 'base64',
      byteLength: base64ByteLength,
      write: base64Write,
      slice: (b, start, end) => base64Slice(b, start, end, false),
    },
    base64url: {
      name: 'base64url',
      byteLength: base64ByteLength,
      write: base64Write,
      slice: (b, start, end) => base64Slice(b, start, end, true),
    },
    hex: {
      name: 'hex',
      byteLength: (s) => s.length >>> 1,
      write: hexWrite,
      slice: hexSlice,
    },
  };
  const UTF8 = ENCODINGS.utf8;

  /** UTF-8 into `buf[at .. at + max)`, whole characters only. */
  const writeUtf8 = (buf, s, at, max) => utf8Write(s, buf, at, max);

  /** The encoding a name stands for (any case), or undefined. */
  function encodingOf(name) {
    switch (name) {
      case 'utf8':
      case 'utf-8':
        return UTF8;
      case 'hex':
      case 'base64':
      case 'base64url':
      case 'latin1':
      case 'ascii':
      case 'utf16le':
        return ENCODINGS[name];
      default:
        break;
    }
    const lower = `${name}`.toLowerCase();
    switch (lower) {
      case 'utf8':
      case 'utf-8':
        return UTF8;
      case 'ucs2':
      case 'ucs-2':
      case 'utf16le':
      case 'utf-16le':
        return ENCODINGS.utf16le;
      case 'latin1':
      case 'binary':
        return ENCODINGS.latin1;
      case 'hex':
      case 'base64':
      case 'base64url':
      case 'ascii':
        return ENCODINGS[lower];
      default:
        return undefined;
    }
  }

  /** Node's normalizeEncoding: undefined/null/'' are utf8; unknown names undefined. */
  function normalizeEncoding(enc) {
    if (enc === undefined || enc === null || enc === '') return 'utf8';
    if (typeof enc !== 'string') return undefined;
    const e = encodingOf(enc);
    return e === undefined ? undefined : e.name;
  }

  // ------------------------------------------------------------------ the classes
  // A constructor that forwards its three arguments (Node's allocations go through here); under
  // llrt, a Uint8Array of llrt's Buffer class.
  const FastBuffer = LLRT === undefined
    ? class FastBuffer extends Uint8Array {
      // eslint-disable-next-line no-useless-constructor
      constructor(bufferOrLength, byteOffset, length) {
        super(bufferOrLength, byteOffset, length);
      }
    }
    : function FastBuffer(bufferOrLength, byteOffset, length) {
      return Reflect.construct(Uint8Array, [bufferOrLength, byteOffset, length], LLRT);
    };

  /** `Buffer(arg, encodingOrOffset, length)`: Node's deprecated constructor (DEP0005), which
   * `new` and the species constructor of Uint8Array methods (subarray, map, filter) reach. */
  function Buffer(arg, encodingOrOffset, length) {
    if (typeof arg === 'number') {
      if (typeof encodingOrOffset === 'string') {
        throw coded(TypeError, 'ERR_INVALID_ARG_TYPE', `The "string" argument must be of type string. Received ${received(arg)}`);
      }
      return Buffer.alloc(arg);
    }
    return Buffer.from(arg, encodingOrOffset, length);
  }
  Object.defineProperty(Buffer, 'prototype', { value: LLRT === undefined ? FastBuffer.prototype : LLRT.prototype, writable: false, enumerable: false, configurable: false });
  if (LLRT === undefined) Object.defineProperty(FastBuffer.prototype, 'constructor', { value: Buffer, writable: true, enumerable: false, configurable: true });
  Object.setPrototypeOf(Buffer, Uint8Array);

  // The pool small unsafe allocations are cut from (Node's `Buffer.poolSize`).
  Buffer.poolSize = 8 * 1024;
  let poolSize;
  let pool;
  let poolOffset;
  function createPool() {
    poolSize = Buffer.poolSize;
    pool = new ArrayBuffer(poolSize);
    poolOffset = 0;
  }
  createPool();

  /** `size` bytes, cut from the pool when small (zeroed here: the pool is never reused). */
  function allocate(size) {
    if (size <= 0) return new FastBuffer();
    if (size < Buffer.poolSize >>> 1) {
      if (size > poolSize - poolOffset) createPool();
      const b = new FastBuffer(pool, poolOffset, size);
      poolOffset += size;
      if (poolOffset & 7) poolOffset = (poolOffset | 7) + 1;
      return b;
    }
    return new FastBuffer(size);
  }

  function fromString(string, encoding) {
    let ops;
    if (typeof encoding !== 'string' || encoding.length === 0) {
      if (string.length === 0) return new FastBuffer();
      ops = UTF8;
    } else {
      ops = encodingOf(encoding);
      if (ops === undefined) throw unknownEncoding(encoding);
      if (string.length === 0) return new FastBuffer();
    }
    const length = ops.byteLength(string);
    const buf = allocate(length);
    const actual = ops.write(buf, string, 0, length);
    return actual === length ? buf : new FastBuffer(buf.buffer, buf.byteOffset, actual);
  }

  function fromArrayLike(obj) {
    const length = obj.length;
    if (!(length > 0)) return new FastBuffer();
    const b = allocate(length >>> 0 === length ? length : Math.trunc(length));
    b.set(obj.length === b.length ? obj : Array.prototype.slice.call(obj, 0, b.length));
    return b;
  }

  function fromArrayBuffer(obj, byteOffset, length) {
    if (byteOffset === undefined) byteOffset = 0;
    else {
      byteOffset = +byteOffset;
      if (byteOffset !== byteOffset) byteOffset = 0;
    }
    const maxLength = obj.byteLength - byteOffset;
    if (maxLength < 0) throw bufferOutOfBounds('offset');
    if (length === undefined) length = maxLength;
    else {
      length = +length;
      if (length > 0) {
        if (length > maxLength) throw bufferOutOfBounds('length');
      } else length = 0;
    }
    return new FastBuffer(obj, byteOffset, length);
  }

  function fromObject(obj) {
    if (obj.length !== undefined || isAnyArrayBuffer(obj.buffer)) {
      if (typeof obj.length !== 'number') return new FastBuffer();
      return fromArrayLike(obj);
    }
    if (obj.type === 'Buffer' && Array.isArray(obj.data)) return fromArrayLike(obj.data);
    return undefined;
  }

  const FROM_EXPECTED = 'of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object';

  Buffer.from = function from(value, encodingOrOffset, length) {
    if (typeof value === 'string') return fromString(value, encodingOrOffset);
    if (typeof value === 'object' && value !== null) {
      if (isAnyArrayBuffer(value)) return fromArrayBuffer(value, encodingOrOffset, length);
      const valueOf = value.valueOf && value.valueOf();
      if (valueOf != null && valueOf !== value && (typeof valueOf === 'string' || typeof valueOf === 'object')) {
        return from(valueOf, encodingOrOffset, length);
      }
      const b = fromObject(value);
      if (b !== undefined) return b;
      if (typeof value[Symbol.toPrimitive] === 'function') {
        const primitive = value[Symbol.toPrimitive]('string');
        if (typeof primitive === 'string') return fromString(primitive, encodingOrOffset);
      }
    }
    throw invalidArgType('first argument', FROM_EXPECTED, value);
  };

  Buffer.copyBytesFrom = function copyBytesFrom(view, offset, length) {
    if (!isTypedArray(view)) throw invalidArgType('view', 'an instance of TypedArray', view);
    const viewLength = view.length;
    if (viewLength === 0) return Buffer.alloc(0);
    if (offset !== undefined || length !== undefined) {
      if (offset !== undefined) {
        validateInteger(offset, 'offset', 0);
        if (offset >= viewLength) return new FastBuffer();
      } else offset = 0;
      let end;
      if (length !== undefined) {
        validateInteger(length, 'length', 0);
        end = offset + length;
      } else end = viewLength;
      view = typedSlice.call(view, offset, end);
    }
    return fromArrayLike(new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
  };

  Buffer.of = function of(...items) {
    const b = allocate(items.length);
    for (let i = 0; i < items.length; i++) b[i] = items[i];
    return b;
  };

  Buffer.alloc = function alloc(size, fill, encoding) {
    validateNumber(size, 'size', 0, kMaxLength);
    if (fill !== undefined && fill !== 0 && size > 0) {
      const buf = new FastBuffer(size);
      return fillImpl(buf, fill, 0, buf.length, encoding);
    }
    return new FastBuffer(size);
  };

  Buffer.allocUnsafe = function allocUnsafe(size) {
    validateNumber(size, 'size', 0, kMaxLength);
    return allocate(size);
  };

  Buffer.allocUnsafeSlow = function allocUnsafeSlow(size) {
    validateNumber(size, 'size', 0, kMaxLength);
    return new FastBuffer(size);
  };

  Buffer.isBuffer = function isBuffer(b) {
    return b instanceof Buffer;
  };

  Buffer.compare = function compare(buf1, buf2) {
    if (!isUint8Array(buf1)) throw invalidArgType('buf1', 'an instance of Buffer or Uint8Array', buf1);
    if (!isUint8Array(buf2)) throw invalidArgType('buf2', 'an instance of Buffer or Uint8Array', buf2);
    if (buf1 === buf2) return 0;
    return compareBytes(buf1, 0, buf1.length, buf2, 0, buf2.length);
  };

  Buffer.isEncoding = function isEncoding(encoding) {
    return typeof encoding === 'string' && encoding.length !== 0 && encodingOf(encoding) !== undefined;
  };

  Buffer.concat = function concat(list, length) {
    if (!Array.isArray(list)) throw invalidArgType('list', 'an instance of Array', list);
    if (list.length === 0) return new FastBuffer();
    if (length === undefined) {
      length = 0;
      for (let i = 0; i < list.length; i++) {
        const item = list[i];
        if (!isUint8Array(item)) throw invalidArgType(`list[${i}]`, 'an instance of Buffer or Uint8Array', item);
        length += item.length;
      }
    } else validateOffset(length, 'length');
    const out = Buffer.allocUnsafe(length);
    let pos = 0;
    for (let i = 0; i < list.length; i++) {
      const item = list[i];
      if (!isUint8Array(item)) throw invalidArgType(`list[${i}]`, 'an instance of Buffer or Uint8Array', item);
      if (pos + item.length > length) {
        out.set(item.subarray(0, length - pos), pos);
        pos = length;
        break;
      }
      out.set(item, pos);
      pos += item.length;
    }
    if (pos < length) u8Fill.call(out, 0, pos, length);
    return out;
  };

  Buffer.byteLength = function byteLength(string, encoding) {
    if (typeof string !== 'string') {
      if (ArrayBuffer.isView(string) || isAnyArrayBuffer(string)) return string.byteLength;
      throw invalidArgType('string', 'of type string or an instance of Buffer or ArrayBuffer', string);
    }
    if (string.length === 0) return 0;
    if (encoding) {
      const ops = encodingOf(encoding);
      if (ops !== undefined) return ops.byteLength(string);
    }
    return utf8Length(string);
  };

  // ------------------------------------------------------------------ comparison and search
  /** -1, 0 or 1 as `a[aStart .. aEnd)` sorts before, with or after `b[bStart .. bEnd)`. */
  function compareBytes(a, aStart, aEnd, b, bStart, bEnd) {
    const n = Math.min(aEnd - aStart, bEnd - bStart);
    for (let i = 0; i < n; i++) {
      const x = a[aStart + i];
      const y = b[bStart + i];
      if (x !== y) return x < y ? -1 : 1;
    }
    const la = aEnd - aStart;
    const lb = bEnd - bStart;
    return la < lb ? -1 : la > lb ? 1 : 0;
  }

  /** Where a search for a needle of `needleLength` starts (Node's IndexOfOffset); -1: none. */
  function searchStart(length, offset, needleLength, forward) {
    if (offset < 0) {
      if (offset + length >= 0) return length + offset;
      if (forward || needleLength === 0) return 0;
      return -1;
    }
    if (offset + needleLength <= length) return offset;
    if (needleLength === 0) return length;
    if (forward) return -1;
    return length - 1;
  }

  /** First (forward) or last position <= `start` of `needle` in `hay`, in steps of `step`. */
  function searchBytes(hay, needle, start, forward, step) {
    const n = needle.length;
    const last = hay.length - n;
    const first = needle[0];
    if (forward) {
      for (let i = start; i <= last; i += step) {
        if (step === 1) {
          i = u8IndexOf.call(hay, first, i);
          if (i < 0 || i > last) return -1;
        } else if (hay[i] !== first) continue;
        let k = 1;
        while (k < n && hay[i + k] === needle[k]) k++;
        if (k === n) return i;
      }
      return -1;
    }
    let i = Math.min(start, last);
    if (step === 2) i -= i & 1;
    for (; i >= 0; i -= step) {
      if (hay[i] !== first) continue;
      let k = 1;
      while (k < n && hay[i + k] === needle[k]) k++;
      if (k === n) return i;
    }
    return -1;
  }

  /** Node's IndexOfBuffer / IndexOfString over the bytes of the needle in its encoding. */
  function indexOfBytes(buf, needle, byteOffset, ucs2, forward, stringNeedle) {
    // A UTF-16 string needle sees whole code units of the haystack only.
    const length = ucs2 && stringNeedle ? buf.length & ~1 : buf.length;
    const offset = Math.trunc(byteOffset) + 0;
    const start = searchStart(length, offset, needle.length, forward);
    if (needle.length === 0) return start;
    if (length === 0 || start <= -1) return -1;
    if (forward && needle.length + start > length) return -1;
    if (ucs2) {
      if (length < 2 || needle.length < 2) return -1;
      // Whole code units only: the needle's odd last byte is dropped, positions are even.
      const units = needle.length - (needle.length & 1);
      const n = units === needle.length ? needle : needle.subarray(0, units);
      const from = start - (start & 1);
      const found = searchBytes(buf.subarray(0, length - (length & 1)), n, from, forward, 2);
      // Node reports a miss over an odd-length haystack as its even length (length - 1).
      if (found === -1 && (length & 1) === 1) return length - 1;
      return found;
    }
    return searchBytes(buf, needle, start, forward, 1);
  }

  function indexOf(buf, val, byteOffset, encoding, forward) {
    if (typeof byteOffset === 'string') {
      encoding = byteOffset;
      byteOffset = undefined;
    } else if (byteOffset > 0x7fffffff) byteOffset = 0x7fffffff;
    else if (byteOffset < -0x80000000) byteOffset = -0x80000000;
    byteOffset = +byteOffset;
    if (byteOffset !== byteOffset) byteOffset = forward ? 0 : buf.length;
    if (typeof val === 'number') {
      const start = searchStart(buf.length, Math.trunc(byteOffset) + 0, 1, forward);
      if (start <= -1 || buf.length === 0) return -1;
      const byte = (val >>> 0) & 0xff;
      return forward ? u8IndexOf.call(buf, byte, start) : u8LastIndexOf.call(buf, byte, start);
    }
    const ops = encoding === undefined ? UTF8 : encodingOf(encoding);
    if (typeof val === 'string') {
      if (ops === undefined) throw unknownEncoding(encoding);
      let needle;
      if (ops === UTF8) needle = encodeUtf8(val);
      else {
        needle = new Uint8Array(ops.byteLength(val));
        needle = needle.subarray(0, ops.write(needle, val, 0, needle.length));
      }
      return indexOfBytes(buf, needle, byteOffset, ops.name === 'utf16le', forward, true);
    }
    if (isUint8Array(val)) return indexOfBytes(buf, val, byteOffset, ops !== undefined && ops.name === 'utf16le', forward, false);
    throw invalidArgType('value', 'one of type number or string or an instance of Buffer or Uint8Array', val);
  }

  // ------------------------------------------------------------------ fill
  function fillImpl(buf, value, offset, end, encoding) {
    let ops;
    if (typeof value === 'string') {
      if (offset === undefined || typeof offset === 'string') {
        encoding = offset;
        offset = 0;
        end = buf.length;
      } else if (typeof end === 'string') {
        encoding = end;
        end = buf.length;
      }
      const name = normalizeEncoding(encoding);
      if (name === undefined) {
        if (typeof encoding !== 'string') throw invalidArgType('encoding', 'of type string', encoding);
        throw unknownEncoding(encoding);
      }
      ops = encodingOf(name);
      if (value.length === 0) value = 0;
      else if (value.length === 1) {
        if (name === 'utf8') {
          const code = value.charCodeAt(0);
          if (code < 128) value = code;
        } else if (name === 'latin1') value = value.charCodeAt(0);
      }
    }
    if (offset === undefined) {
      offset = 0;
      end = buf.length;
    } else {
      validateOffset(offset, 'offset');
      if (end === undefined) end = buf.length;
      else validateOffset(end, 'end', 0, buf.length);
      if (offset >= end) return buf;
    }
    if (typeof value === 'number') {
      if (offset > end || end > buf.length) throw bufferOutOfBounds();
      u8Fill.call(buf, value, offset, end);
      return buf;
    }
    let bytes;
    if (typeof value === 'string') {
      bytes = ops === UTF8 ? encodeUtf8(value) : new Uint8Array(ops.byteLength(value));
      if (ops !== UTF8) bytes = bytes.subarray(0, ops.write(bytes, value, 0, bytes.length));
    } else if (ArrayBuffer.isView(value)) {
      bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    } else {
      u8Fill.call(buf, (value >>> 0) & 255, offset, end);
      return buf;
    }
    if (bytes.length === 0) throw invalidArgValue('value', value);
    if (end > buf.length) throw bufferOutOfBounds();
    const n = end - offset;
    if (bytes.length >= n) {
      buf.set(bytes.subarray(0, n), offset);
      return buf;
    }
    buf.set(bytes, offset);
    // Double the filled part until the range is full.
    let filled = bytes.length;
    while (filled < n) {
      const k = Math.min(filled, n - filled);
      buf.copyWithin(offset + filled, offset, offset + k);
      filled += k;
    }
    return buf;
  }

  // ------------------------------------------------------------------ prototype
  // Under llrt the members are gathered here, and llrt's prototype gets those it lacks.
  const proto = LLRT === undefined ? Buffer.prototype : {};
  // Methods are enumerable, as Node assigns them (`for (k in buf)` lists them there too).
  const define = (name, value) => Object.defineProperty(proto, name, { value, writable: true, enumerable: typeof name === 'string', configurable: true });

  for (const [name, enc] of [['utf8', UTF8], ['latin1', ENCODINGS.latin1], ['ascii', ENCODINGS.ascii], ['ucs2', ENCODINGS.utf16le], ['hex', ENCODINGS.hex], ['base64', ENCODINGS.base64], ['base64url', ENCODINGS.base64url]]) {
    define(`${name}Slice`, function (start = 0, end = this.length) {
      start = Math.trunc(start) || 0;
      end = Math.trunc(end) || 0;
      if (start < 0 || end > this.length || start > end) {
        if (start < 0 || start > this.length) throw bufferOutOfBounds('start');
        if (end > this.length) throw bufferOutOfBounds('end');
        return '';
      }
      return enc.slice(this, start, end);
    });
    define(`${name}Write`, function (string, offset = 0, length = this.length - offset) {
      if (typeof string !== 'string') throw coded(TypeError, 'ERR_INVALID_ARG_TYPE', 'argument must be a string');
      if (offset < 0 || offset > this.length) throw bufferOutOfBounds('offset');
      if (length < 0) throw bufferOutOfBounds('length');
      return enc.write(this, string, offset, Math.min(length, this.length - offset));
    });
  }

  define('toString', function toString(encoding, start, end) {
    if (arguments.length === 0) return decodeUtf8(this, 0, this.length);
    const len = this.length;
    if (start <= 0) start = 0;
    else if (start >= len) return '';
    else start = Math.trunc(start) || 0;
    if (end === undefined || end > len) end = len;
    else end = Math.trunc(end) || 0;
    if (end <= start) return '';
    if (encoding === undefined) return decodeUtf8(this, start, end);
    const ops = encodingOf(encoding);
    if (ops === undefined) throw unknownEncoding(encoding);
    return ops.slice(this, start, end);
  });
  define('toLocaleString', proto.toString);

  define('write', function write(string, offset, length, encoding) {
    if (typeof string !== 'string') throw coded(TypeError, 'ERR_INVALID_ARG_TYPE', 'argument must be a string');
    if (offset === undefined) return writeUtf8(this, string, 0, this.length);
    if (length === undefined && typeof offset === 'string') {
      encoding = offset;
      length = this.length;
      offset = 0;
    } else {
      validateOffset(offset, 'offset', 0, this.length);
      const remaining = this.length - offset;
      if (length === undefined) length = remaining;
      else if (typeof length === 'string') {
        encoding = length;
        length = remaining;
      } else {
        validateOffset(length, 'length', 0, this.length);
        if (length > remaining) length = remaining;
      }
    }
    if (!encoding) return writeUtf8(this, string, offset, length);
    const ops = encodingOf(encoding);
    if (ops === undefined) throw unknownEncoding(encoding);
    return ops.write(this, string, offset, length);
  });

  define('toJSON', function toJSON() {
    const data = new Array(this.length);
    for (let i = 0; i < this.length; i++) data[i] = this[i];
    return { type: 'Buffer', data };
  });

  define('equals', function equals(otherBuffer) {
    if (!isUint8Array(otherBuffer)) throw invalidArgType('otherBuffer', 'an instance of Buffer or Uint8Array', otherBuffer);
    if (this === otherBuffer) return true;
    if (this.byteLength !== otherBuffer.byteLength) return false;
    return compareBytes(this, 0, this.length, otherBuffer, 0, otherBuffer.length) === 0;
  });

  define('compare', function compare(target, targetStart, targetEnd, sourceStart, sourceEnd) {
    if (!isUint8Array(target)) throw invalidArgType('target', 'an instance of Buffer or Uint8Array', target);
    if (arguments.length === 1) return compareBytes(this, 0, this.length, target, 0, target.length);
    if (targetStart === undefined) targetStart = 0;
    else validateOffset(targetStart, 'targetStart');
    if (targetEnd === undefined) targetEnd = target.length;
    else validateOffset(targetEnd, 'targetEnd', 0, target.length);
    if (sourceStart === undefined) sourceStart = 0;
    else validateOffset(sourceStart, 'sourceStart');
    if (sourceEnd === undefined) sourceEnd = this.length;
    else validateOffset(sourceEnd, 'sourceEnd', 0, this.length);
    if (sourceStart >= sourceEnd) return targetStart >= targetEnd ? 0 : -1;
    if (targetStart >= targetEnd) return 1;
    return compareBytes(this, sourceStart, sourceEnd, target, targetStart, targetEnd);
  });

  /** Node's toInteger: NaN and values past the safe range give `fallback`; fractions floor. */
  function toInteger(n, fallback) {
    n = +n;
    if (n === n && n >= Number.MIN_SAFE_INTEGER && n <= Number.MAX_SAFE_INTEGER) return n % 1 === 0 ? n : Math.floor(n);
    return fallback;
  }

  define('copy', function copy(target, targetStart, sourceStart, sourceEnd) {
    if (!isUint8Array(target)) throw invalidArgType('target', 'an instance of Buffer or Uint8Array', target);
    if (targetStart === undefined) targetStart = 0;
    else {
      targetStart = Number.isInteger(targetStart) ? targetStart : toInteger(targetStart, 0);
      if (targetStart < 0) throw outOfRange('targetStart', '>= 0', targetStart);
    }
    if (sourceStart === undefined) sourceStart = 0;
    else {
      sourceStart = toInteger(sourceStart, 0);
      if (sourceStart < 0 || sourceStart > this.length) throw outOfRange('sourceStart', `>= 0 && <= ${this.length}`, sourceStart);
    }
    if (sourceEnd === undefined) sourceEnd = this.length;
    else {
      sourceEnd = toInteger(sourceEnd, 0);
      if (sourceEnd < 0) throw outOfRange('sourceEnd', '>= 0', sourceEnd);
    }
    if (targetStart >= target.length || sourceStart >= sourceEnd) return 0;
    if (sourceEnd - sourceStart > target.length - targetStart) sourceEnd = sourceStart + target.length - targetStart;
    let n = sourceEnd - sourceStart;
    if (n > this.length - sourceStart) n = this.length - sourceStart;
    if (n <= 0) return 0;
    target.set(this.subarray(sourceStart, sourceStart + n), targetStart);
    return n;
  });

  /** Node's adjustOffset for slice(): negative from the end, clamped to [0, length]. */
  function adjustOffset(offset, length) {
    offset = Math.trunc(offset);
    if (offset === 0) return 0;
    if (offset < 0) {
      offset += length;
      return offset > 0 ? offset : 0;
    }
    if (offset < length) return offset;
    return offset !== offset ? 0 : length;
  }

  define('slice', function slice(start, end) {
    const length = this.length;
    start = adjustOffset(start, length);
    end = end !== undefined ? adjustOffset(end, length) : length;
    return new FastBuffer(this.buffer, this.byteOffset + start, end > start ? end - start : 0);
  });

  define('subarray', function subarray(start, end) {
    return proto.slice.call(this, start, end);
  });

  define('fill', function fill(value, offset, end, encoding) {
    return fillImpl(this, value, offset, end, encoding);
  });

  define('indexOf', function indexOf_(value, byteOffset, encoding) {
    return indexOf(this, value, byteOffset, encoding, true);
  });
  define('lastIndexOf', function lastIndexOf(value, byteOffset, encoding) {
    return indexOf(this, value, byteOffset, encoding, false);
  });
  define('includes', function includes(value, byteOffset, encoding) {
    return indexOf(this, value, byteOffset, encoding, true) !== -1;
  });
  Object.defineProperty(proto.indexOf, 'name', { value: 'indexOf' });

  const invalidSize = (bits) => coded(RangeError, 'ERR_INVALID_BUFFER_SIZE', `Buffer size must be a multiple of ${bits}`);
  define('swap16', function swap16() {
    const len = this.length;
    if (len % 2 !== 0) throw invalidSize('16-bits');
    for (let i = 0; i < len; i += 2) {
      const t = this[i];
      this[i] = this[i + 1];
      this[i + 1] = t;
    }
    return this;
  });
  define('swap32', function swap32() {
    const len = this.length;
    if (len % 4 !== 0) throw invalidSize('32-bits');
    for (let i = 0; i < len; i += 4) {
      let t = this[i];
      this[i] = this[i + 3];
      this[i + 3] = t;
      t = this[i + 1];
      this[i + 1] = this[i + 2];
      this[i + 2] = t;
    }
    return this;
  });
  define('swap64', function swap64() {
    const len = this.length;
    if (len % 8 !== 0) throw invalidSize('64-bits');
    for (let i = 0; i < len; i += 8) {
      for (let k = 0; k < 4; k++) {
        const t = this[i + k];
        this[i + k] = this[i + 7 - k];
        this[i + 7 - k] = t;
      }
    }
    return this;
  });

  let INSPECT_MAX_BYTES = 50;
  /** `<Buffer 68 69>`; `util.inspect` (which passes its options and itself) also gets the
   * own non-index properties: `<Buffer 68 69, foo: 1>`. */
  function inspect(recurseTimes, ctx, inspectValue) {
    const max = INSPECT_MAX_BYTES;
    const shown = Math.min(max, this.length);
    let str = '';
    for (let i = 0; i < shown; i++) str += (i === 0 ? '' : ' ') + HEX[this[i]];
    const remaining = this.length - max;
    if (remaining > 0) str += ` ... ${remaining} more byte${remaining > 1 ? 's' : ''}`;
    if (ctx) {
      const extras = [];
      for (const key of Object.keys(this)) {
        if (String(key >>> 0) === key) continue;
        const v = this[key];
        const text = typeof inspectValue === 'function' ? inspectValue(v, Object.assign({}, ctx, { breakLength: Infinity, compact: true })) : show(v);
        extras.push(`${key}: ${text}`);
      }
      if (extras.length) str += `${str === '' ? '' : ', '}${extras.join(', ')}`;
    }
    return `<${this.constructor.name} ${str}>`;
  }
  define(kInspect, inspect);
  define('inspect', inspect);

  Object.defineProperty(proto, 'parent', {
    get() {
      return this instanceof Buffer ? this.buffer : undefined;
    },
    enumerable: true,
    configurable: true,
  });
  Object.defineProperty(proto, 'offset', {
    get() {
      return this instanceof Buffer ? this.byteOffset : undefined;
    },
    enumerable: true,
    configurable: true,
  });

  // ------------------------------------------------------------------ numeric accessors
  /** Node's boundsError: why `offset` (or `byteLength`) does not fit. */
  function boundsError(value, max, name) {
    if (Math.floor(value) !== value) {
      validateNumber(value, name || 'offset');
      throw outOfRange(name || 'offset', 'an integer', value);
    }
    if (max < 0) throw bufferOutOfBounds();
    throw outOfRange(name || 'offset', `>= ${name ? 1 : 0} and <= ${max}`, value);
  }

  /** Checks that `size` bytes at `offset` are inside `buf`. */
  function checkRead(buf, offset, size) {
    if (typeof offset !== 'number') throw invalidArgType('offset', 'of type number', offset);
    if (buf[offset] === undefined || buf[offset + size - 1] === undefined) boundsError(offset, buf.length - size);
  }

  /** Checks `value` against [min, max] (the message Node gives for `size` bytes), then the offset. */
  function checkInt(value, min, max, buf, offset, size) {
    if (value > max || value < min) {
      const n = typeof min === 'bigint' ? 'n' : '';
      let range;
      if (size > 4) {
        range = min === 0 || min === 0n
          ? `>= 0${n} and < 2${n} ** ${size * 8}${n}`
          : `>= -(2${n} ** ${size * 8 - 1}${n}) and < 2${n} ** ${size * 8 - 1}${n}`;
      } else range = `>= ${min}${n} and <= ${max}${n}`;
      throw outOfRange('value', range, value);
    }
    if (typeof offset !== 'number') throw invalidArgType('offset', 'of type number', offset);
    if (buf[offset] === undefined || buf[offset + size - 1] === undefined) boundsError(offset, buf.length - size);
  }

  /** Unsigned integer of `size` bytes at `offset`. */
  function readUnsigned(buf, offset, size, little) {
    let v = 0;
    if (little) for (let i = size - 1; i >= 0; i--) v = v * 256 + buf[offset + i];
    else for (let i = 0; i < size; i++) v = v * 256 + buf[offset + i];
    return v;
  }

  function readSigned(buf, offset, size, little) {
    const v = readUnsigned(buf, offset, size, little);
    const top = 2 ** (size * 8 - 1);
    return v >= top ? v - top * 2 : v;
  }

  /** Writes the low `size` bytes of the integer `value` (two's complement when negative). */
  function writeBytes(buf, value, offset, size, little) {
    // The low 32 bits as ToUint32 gives them (a fraction truncates toward zero), the high
    // ones from the floor of value / 2^32, as Node computes them.
    const lo = value;
    const hi = size <= 4 ? 0 : Math.floor(value / 2 ** 32);
    for (let i = 0; i < size; i++) {
      const byte = i < 4 ? (lo >>> (8 * i)) & 255 : (hi >>> (8 * (i - 4))) & 255;
      buf[little ? offset + i : offset + size - 1 - i] = byte;
    }
    return offset + size;
  }

  const UNSIGNED_MAX = [0, 0xff, 0xffff, 0xffffff, 0xffffffff, 0xffffffffff, 0xffffffffffff];

  /** write[U]Int of `size` bytes, checked in Node's order (1 byte: the offset's type first). */
  function writeInt(buf, value, offset, size, little, signed) {
    value = +value;
    const max = signed ? (UNSIGNED_MAX[size] - 1) / 2 : UNSIGNED_MAX[size];
    const min = signed ? -max - 1 : 0;
    if (size === 1) {
      validateNumber(offset, 'offset');
      if (value > max || value < min) throw outOfRange('value', `>= ${min} and <= ${max}`, value);
      if (buf[offset] === undefined) boundsError(offset, buf.length - 1);
      buf[offset] = value;
      return offset + 1;
    }
    checkInt(value, min, max, buf, offset, size);
    return writeBytes(buf, value, offset, size, little);
  }

  for (const little of [true, false]) {
    const end = little ? 'LE' : 'BE';
    for (let size = 1; size <= 4; size++) {
      if (size === 3) continue;
      const suffix = size === 1 ? '' : end;
      if (size === 1 && !little) continue;
      const bits = size * 8;
      define(`readUInt${bits}${suffix}`, function (offset = 0) {
        checkRead(this, offset, size);
        return readUnsigned(this, offset, size, little);
      });
      define(`readInt${bits}${suffix}`, function (offset = 0) {
        checkRead(this, offset, size);
        return readSigned(this, offset, size, little);
      });
      define(`writeUInt${bits}${suffix}`, function (value, offset = 0) {
        return writeInt(this, value, offset, size, little, false);
      });
      define(`writeInt${bits}${suffix}`, function (value, offset = 0) {
        return writeInt(this, value, offset, size, little, true);
      });
    }

    // Variable widths (1 to 6 bytes); the offset has no default here.
    define(`readUInt${end}`, function (offset, byteLength) {
      if (offset === undefined) throw invalidArgType('offset', 'of type number', offset);
      if (byteLength >= 1 && byteLength <= 6 && byteLength % 1 === 0) {
        checkRead(this, offset, byteLength);
        return readUnsigned(this, offset, byteLength, little);
      }
      return boundsError(byteLength, 6, 'byteLength');
    });
    define(`readInt${end}`, function (offset, byteLength) {
      if (offset === undefined) throw invalidArgType('offset', 'of type number', offset);
      if (byteLength >= 1 && byteLength <= 6 && byteLength % 1 === 0) {
        checkRead(this, offset, byteLength);
        return readSigned(this, offset, byteLength, little);
      }
      return boundsError(byteLength, 6, 'byteLength');
    });
    define(`writeUInt${end}`, function (value, offset, byteLength) {
      if (byteLength >= 1 && byteLength <= 6 && byteLength % 1 === 0) return writeInt(this, value, offset, byteLength, little, false);
      return boundsError(byteLength, 6, 'byteLength');
    });
    define(`writeInt${end}`, function (value, offset, byteLength) {
      if (byteLength >= 1 && byteLength <= 6 && byteLength % 1 === 0) return writeInt(this, value, offset, byteLength, little, true);
      return boundsError(byteLength, 6, 'byteLength');
    });

    // 64-bit integers as BigInt.
    define(`readBigUInt64${end}`, function (offset = 0) {
      checkRead(this, offset, 8);
      const a = readUnsigned(this, offset + (little ? 0 : 4), 4, little);
      const b = readUnsigned(this, offset + (little ? 4 : 0), 4, little);
      return (BigInt(b) << 32n) + BigInt(a);
    });
    define(`readBigInt64${end}`, function (offset = 0) {
      checkRead(this, offset, 8);
      const a = readUnsigned(this, offset + (little ? 0 : 4), 4, little);
      const b = readSigned(this, offset + (little ? 4 : 0), 4, little);
      return (BigInt(b) << 32n) + BigInt(a);
    });
    const writeBig = (buf, value, offset, min, max) => {
      checkInt(value, min, max, buf, offset, 8);
      const lo = Number(value & 0xffffffffn);
      const hi = Number((value >> 32n) & 0xffffffffn);
      writeBytes(buf, lo, offset + (little ? 0 : 4), 4, little);
      writeBytes(buf, hi, offset + (little ? 4 : 0), 4, little);
      return offset + 8;
    };
    define(`writeBigUInt64${end}`, function (value, offset = 0) {
      return writeBig(this, value, offset, 0n, 0xffffffffffffffffn);
    });
    define(`writeBigInt64${end}`, function (value, offset = 0) {
      return writeBig(this, value, offset, -(2n ** 63n), 2n ** 63n - 1n);
    });

    // Floats, through a scratch array in the platform's byte order.
    for (const [name, size, Scratch] of [['Float', 4, Float32Array], ['Double', 8, Float64Array]]) {
      const scratch = new Scratch(1);
      const bytes = new Uint8Array(scratch.buffer);
      const platformLittle = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
      const same = little === platformLittle;
      define(`read${name}${end}`, function (offset = 0) {
        checkRead(this, offset, size);
        for (let i = 0; i < size; i++) bytes[same ? i : size - 1 - i] = this[offset + i];
        return scratch[0];
      });
      define(`write${name}${end}`, function (value, offset = 0) {
        value = +value;
        if (typeof offset !== 'number') throw invalidArgType('offset', 'of type number', offset);
        if (this[offset] === undefined || this[offset + size - 1] === undefined) boundsError(offset, this.length - size);
        scratch[0] = value;
        for (let i = 0; i < size; i++) this[offset + i] = bytes[same ? i : size - 1 - i];
        return offset + size;
      });
    }
  }
  // 8-bit accessors take no LE/BE suffix; all `UInt` names also exist as `Uint`.
  for (const name of Object.getOwnPropertyNames(proto)) {
    if (name.includes('UInt')) define(name.replace('UInt', 'Uint'), proto[name]);
  }
  // Named as Node names them (readUInt16LE …), the aliases sharing the function.
  for (const name of Object.getOwnPropertyNames(proto)) {
    const desc = Object.getOwnPropertyDescriptor(proto, name);
    if (typeof desc.value === 'function' && /^(read|write)/.test(name) && desc.value.name === '') {
      Object.defineProperty(desc.value, 'name', { value: name.replace('Uint', 'UInt'), configurable: true });
    }
  }

  if (LLRT !== undefined) {
    const own = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
    for (const key of Reflect.ownKeys(proto)) {
      if (!own(LLRT.prototype, key)) Object.defineProperty(LLRT.prototype, key, Object.getOwnPropertyDescriptor(proto, key));
    }
    for (const key of Reflect.ownKeys(Buffer)) {
      if (!own(LLRT, key)) Object.defineProperty(LLRT, key, Object.getOwnPropertyDescriptor(Buffer, key));
    }
    return;
  }

  // ------------------------------------------------------------------ SlowBuffer
  /** Node's deprecated `SlowBuffer(size)`: an unpooled buffer. */
  function SlowBuffer(size) {
    validateNumber(size, 'size', 0, kMaxLength);
    return new FastBuffer(size);
  }
  Object.setPrototypeOf(SlowBuffer.prototype, Uint8Array.prototype);
  Object.setPrototypeOf(SlowBuffer, Uint8Array);

  // ------------------------------------------------------------------ atob / btoa
  function btoa(input) {
    if (arguments.length === 0) throw missingArgs('input');
    input = `${input}`;
    for (let i = 0; i < input.length; i++) {
      if (input.charCodeAt(i) > 0xff) throw domException('Invalid character', 'InvalidCharacterError');
    }
    const bytes = new Uint8Array(input.length);
    latin1Write(bytes, input, 0, input.length);
    return base64Slice(bytes, 0, bytes.length, false);
  }

  /** Forgiving base64 (WHATWG): ASCII whitespace skipped, `=` only as 1 or 2 final characters. */
  function atob(input) {
    if (arguments.length === 0) throw missingArgs('input');
    input = `${input}`;
    let count = 0;
    let equals = 0;
    for (let i = 0; i < input.length; i++) {
      const c = input.charCodeAt(i);
      if (c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d || c === 0x20) continue;
      count++;
      if (c === 61) {
        equals++;
        if (equals > 2) throw domException('Invalid character', 'InvalidCharacterError');
      } else if (c > 127 || B64_VALUES[c] < 0 || c === 45 || c === 95) {
        throw domException('Invalid character', 'InvalidCharacterError');
      } else if (equals > 0) throw domException('Invalid character', 'InvalidCharacterError');
    }
    if ((count - equals) % 4 === 1) throw domException('The string to be decoded is not correctly encoded.', 'InvalidCharacterError');
    if (count % 4 !== 0 && equals > 0) throw domException('Invalid character', 'InvalidCharacterError');
    const bytes = new Uint8Array(base64ByteLength(input) + 3);
    const n = base64Write(bytes, input, 0, bytes.length);
    return latin1Slice(bytes, 0, n);
  }

  // ------------------------------------------------------------------ isUtf8, isAscii, transcode
  function bytesOfInput(input) {
    if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    if (isAnyArrayBuffer(input)) return new Uint8Array(input);
    throw invalidArgType('input', 'an instance of ArrayBuffer, Buffer, or TypedArray', input);
  }

  function isUtf8(input) {
    const b = bytesOfInput(input);
    return utf8Valid(b, 0, b.length);
  }

  function isAscii(input) {
    const b = bytesOfInput(input);
    for (let i = 0; i < b.length; i++) if (b[i] > 0x7f) return false;
    return true;
  }

  function transcodeError(code, errno) {
    const err = new Error(`Unable to transcode Buffer [${code}]`);
    Object.defineProperty(err, 'code', { value: code, enumerable: true, writable: true, configurable: true });
    Object.defineProperty(err, 'errno', { value: errno, enumerable: true, writable: true, configurable: true });
    return err;
  }

  /** Text of `source` in `from` for transcode() to `to`, as ICU converts: into UTF-16,
   * malformed UTF-8 and unpaired surrogates into UTF-8 are errors (U_INVALID_CHAR_FOUND);
   * elsewhere they, an odd last UTF-16 byte (into UTF-16) and ASCII bytes above 0x7f become
   * U+FFFD; Latin-1 and ASCII widen as they are into UTF-16. */
  function transcodeDecode(source, from, to) {
    const n = source.length;
    switch (from) {
      case 'utf8':
        if (to === 'utf16le' && !utf8Valid(source, 0, n)) throw transcodeError('U_INVALID_CHAR_FOUND', 10);
        return utf8DecodeJs(source, 0, n);
      case 'utf16le': {
        if (to === 'utf8' && n < 2) throw transcodeError('U_INVALID_CHAR_FOUND', 10);
        let text = ucs2Slice(source, 0, n);
        // An odd last byte after a high surrogate is part of that unfinished character.
        const last = text.charCodeAt(text.length - 1);
        const oddAfterHigh = n % 2 === 1 && last >= 0xd800 && last <= 0xdbff;
        const wellFormed = !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(text);
        if (!wellFormed) {
          if (to === 'utf8') throw transcodeError('U_INVALID_CHAR_FOUND', 10);
          text = text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
        }
        if (to === 'utf16le' && n % 2 === 1 && !oddAfterHigh) text += '\ufffd';
        return text;
      }
      case 'latin1':
        return latin1Slice(source, 0, n);
      default: {
        if (to === 'utf16le') return latin1Slice(source, 0, n);
        let out = '';
        for (let i = 0; i < n; i++) out += source[i] < 0x80 ? String.fromCharCode(source[i]) : '\ufffd';
        return out;
      }
    }
  }

  /** Unicode's Default_Ignorable_Code_Point. */
  function defaultIgnorable(c) {
    return c === 0xad || c === 0x34f || c === 0x61c || c === 0x115f || c === 0x1160 || c === 0x17b4 || c === 0x17b5 ||
      (c >= 0x180b && c <= 0x180f) || (c >= 0x200b && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) ||
      (c >= 0x2060 && c <= 0x206f) || c === 0x3164 || (c >= 0xfe00 && c <= 0xfe0f) || c === 0xfeff || c === 0xffa0 ||
      (c >= 0xfff0 && c <= 0xfff8) || (c >= 0x1bca0 && c <= 0x1bca3) || (c >= 0x1d173 && c <= 0x1d17a) ||
      (c >= 0xe0000 && c <= 0xe0fff);
  }

  function transcode(source, fromEncoding, toEncoding) {
    if (!isUint8Array(source)) throw invalidArgType('source', 'an instance of Buffer or Uint8Array', source);
    if (source.length === 0) return Buffer.alloc(0);
    const from = normalizeEncoding(fromEncoding) || fromEncoding;
    const to = normalizeEncoding(toEncoding) || toEncoding;
    const supported = (e) => e === 'utf8' || e === 'utf16le' || e === 'latin1' || e === 'ascii';
    if (!supported(from) || !supported(to)) throw transcodeError('U_ILLEGAL_ARGUMENT_ERROR', 1);
    const text = transcodeDecode(source, from, to);
    if (to === 'utf8' || to === 'utf16le') return fromString(text, to);
    // One '?' for each character the target cannot hold, none for a default-ignorable one
    // (ICU's substitution callback).
    const limit = to === 'latin1' ? 0xff : 0x7f;
    const out = [];
    for (const ch of text) {
      const c = ch.codePointAt(0);
      if (c <= limit) out.push(c);
      else if (!defaultIgnorable(c)) out.push(0x3f);
    }
    return Buffer.from(out);
  }

  // ------------------------------------------------------------------ the module
  const constants = { MAX_LENGTH: kMaxLength, MAX_STRING_LENGTH: kStringMaxLength };
  const exports = {
    Buffer,
    SlowBuffer,
    transcode,
    isUtf8,
    isAscii,
    kMaxLength,
    kStringMaxLength,
    btoa,
    atob,
    constants,
  };
  Object.defineProperty(exports, 'INSPECT_MAX_BYTES', {
    get() {
      return INSPECT_MAX_BYTES;
    },
    set(value) {
      validateNumber(value, 'INSPECT_MAX_BYTES', 0);
      INSPECT_MAX_BYTES = value;
    },
    enumerable: true,
    configurable: true,
  });
  for (const name of ['Blob', 'File']) {
    Object.defineProperty(exports, name, {
      get: () => globalThis[name],
      enumerable: true,
      configurable: true,
    });
  }

  const g = globalThis;
  Object.defineProperty(g, 'Buffer', { value: Buffer, writable: true, enumerable: false, configurable: true });
  if (typeof g.atob !== 'function') Object.defineProperty(g, 'atob', { value: atob, writable: true, enumerable: true, configurable: true });
  if (typeof g.btoa !== 'function') Object.defineProperty(g, 'btoa', { value: btoa, writable: true, enumerable: true, configurable: true });
  if (internal.platformModules === undefined) internal.platformModules = {};
  internal.platformModules.buffer = () => exports;
  // Node's error construction, for 31_path.js and 32_string_decoder.js.
  internal.platformErrors = { coded, received, invalidArgType };
})();
