// 11_blob.js — W3C File API `Blob` and `File` (https://w3c.github.io/FileAPI/).
//
// Replaces llrt's Rust Blob/File globals. A Blob's bytes live in one Uint8Array (`b[kBytes]`)
// that is never mutated and never handed out without a copy, so slices and Blob-from-Blob
// share memory safely. The runtime gets zero-copy access through `internal.blob`.
(() => {
  'use strict';

  // Created by 00_internal.js (and by the Node test harness).
  const internal = globalThis[Symbol.for('ferroute.internal')];

  const kBytes = Symbol('Blob.bytes');
  const kType = Symbol('Blob.type');
  const kName = Symbol('File.name');
  const kLastModified = Symbol('File.lastModified');
  const kInternalInit = Symbol('Blob.internalInit');

  const STREAM_CHUNK_SIZE = 65536;
  const EMPTY = new Uint8Array(0);
  const ArrayValues = Array.prototype[Symbol.iterator];
  const abByteLength = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'byteLength').get;
  const encoder = new TextEncoder();
  const decoder = new TextDecoder(); // UTF-8 decode: replacement on errors, strips a leading BOM

  function illegalInvocation() {
    return new TypeError('Illegal invocation');
  }

  function toDOMString(value) {
    if (typeof value === 'string') return value;
    if (typeof value === 'symbol') throw new TypeError('Cannot convert a Symbol value to a string');
    return String(value);
  }

  function toUSVString(value) {
    return toDOMString(value).toWellFormed();
  }

  // Works across realms (the test harness runs Node's streams in another realm).
  function isArrayBuffer(value) {
    if (value instanceof ArrayBuffer) return true;
    try {
      abByteLength.call(value);
      return true;
    } catch {
      return false;
    }
  }

  function encodeUtf8(string) {
    // llrt's TextEncoder rejects lone surrogates; USVString conversion already replaced them.
    return encoder.encode(string);
  }

  // Blob type normalisation: any code unit outside U+0020..U+007E makes it "", else lowercase.
  const BAD_TYPE_RE = /[^\x20-\x7e]/;
  function normalizeType(type) {
    return BAD_TYPE_RE.test(type) ? '' : type.toLowerCase();
  }

  // WebIDL [Clamp] long long: NaN -> 0, clamp, round half to even.
  function toClampedInteger(value) {
    let x = Number(value);
    if (Number.isNaN(x)) return 0;
    if (x > Number.MAX_SAFE_INTEGER) x = Number.MAX_SAFE_INTEGER;
    else if (x < -Number.MAX_SAFE_INTEGER) x = -Number.MAX_SAFE_INTEGER;
    const floor = Math.floor(x);
    const diff = x - floor;
    if (diff < 0.5) return floor + 0;
    if (diff > 0.5) return floor + 1;
    return floor % 2 === 0 ? floor + 0 : floor + 1;
  }

  // WebIDL long long (not clamped, no enforce range): non-finite -> 0, truncate.
  function toLongLong(value) {
    const x = Number(value);
    if (!Number.isFinite(x)) return 0;
    return Math.trunc(x) + 0;
  }

  // Converts `sequence<BlobPart>` into a list of Uint8Array | string | Blob parts.
  function convertParts(blobParts, prefix) {
    if (blobParts === null || (typeof blobParts !== 'object' && typeof blobParts !== 'function')) {
      throw new TypeError(`${prefix}: The provided value cannot be converted to a sequence.`);
    }
    const method = blobParts[Symbol.iterator];
    if (typeof method !== 'function') {
      throw new TypeError(`${prefix}: The object must have a callable @@iterator property.`);
    }
    const out = [];
    if (Array.isArray(blobParts) && method === ArrayValues) {
      for (let i = 0; i < blobParts.length; i++) out.push(convertPart(blobParts[i]));
    } else {
      for (const part of { [Symbol.iterator]: () => method.call(blobParts) }) out.push(convertPart(part));
    }
    return out;
  }

  function convertPart(part) {
    if (typeof part === 'string') return part.toWellFormed();
    if (part !== null && typeof part === 'object') {
      if (part[kBytes] !== undefined) return part;
      // (A detached buffer has byteLength 0 and contributes no bytes.)
      if (ArrayBuffer.isView(part)) {
        return part.byteLength === 0 ? EMPTY : new Uint8Array(part.buffer, part.byteOffset, part.byteLength);
      }
      if (isArrayBuffer(part)) return part.byteLength === 0 ? EMPTY : new Uint8Array(part);
    }
    return toUSVString(part);
  }

  function convertEndings(value, prefix) {
    if (value === undefined) return 'transparent';
    const s = toDOMString(value);
    if (s !== 'transparent' && s !== 'native') {
      throw new TypeError(
        `${prefix}: The provided value '${s}' is not a valid enum value of type EndingType.`,
      );
    }
    return s;
  }

  function checkDictionary(options, prefix) {
    if (options !== undefined && options !== null && typeof options !== 'object' && typeof options !== 'function') {
      throw new TypeError(`${prefix}: The provided value is not of type 'BlobPropertyBag'.`);
    }
  }

  // "Process blob parts": concatenates parts into one new Uint8Array.
  function processParts(parts, endings) {
    if (parts.length === 0) return EMPTY;
    const chunks = new Array(parts.length);
    let total = 0;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i];
      let bytes;
      if (typeof part === 'string') {
        bytes = encodeUtf8(endings === 'native' ? part.replace(/\r\n?/g, '\n') : part);
      } else if (part[kBytes] !== undefined) {
        bytes = part[kBytes];
      } else {
        bytes = part; // a view of caller-owned memory: copied below
      }
      chunks[i] = bytes;
      total += bytes.length;
    }
    if (parts.length === 1 && (typeof parts[0] === 'string' || parts[0][kBytes] !== undefined)) {
      return chunks[0]; // freshly encoded, or another Blob's immutable bytes
    }
    const out = new Uint8Array(total);
    let offset = 0;
    for (let i = 0; i < chunks.length; i++) {
      out.set(chunks[i], offset);
      offset += chunks[i].length;
    }
    return out;
  }

  function byteStream(bytes) {
    let offset = 0;
    return new ReadableStream({
      type: 'bytes',
      pull(controller) {
        if (offset >= bytes.length) {
          controller.close();
          const request = controller.byobRequest;
          if (request) request.respond(0);
          return;
        }
        const end = Math.min(offset + STREAM_CHUNK_SIZE, bytes.length);
        // enqueue() transfers the chunk's buffer, so hand over a fresh copy.
        const chunk = bytes.slice(offset, end);
        offset = end;
        controller.enqueue(chunk);
      },
    });
  }

  class Blob {
    constructor(blobParts = undefined, options = undefined) {
      if (blobParts === kInternalInit) {
        this[kBytes] = options.bytes;
        this[kType] = options.type;
        return;
      }
      const prefix = "Failed to construct 'Blob'";
      const parts = blobParts === undefined ? [] : convertParts(blobParts, prefix);
      checkDictionary(options, prefix);
      let endings = 'transparent';
      let type = '';
      if (options !== undefined && options !== null) {
        endings = convertEndings(options.endings, prefix);
        const t = options.type;
        if (t !== undefined) type = normalizeType(toDOMString(t));
      }
      this[kBytes] = processParts(parts, endings);
      this[kType] = type;
    }

    get size() {
      const bytes = this?.[kBytes];
      if (bytes === undefined) throw illegalInvocation();
      return bytes.length;
    }

    get type() {
      if (this?.[kBytes] === undefined) throw illegalInvocation();
      return this[kType];
    }

    slice(start = undefined, end = undefined, contentType = undefined) {
      const bytes = this?.[kBytes];
      if (bytes === undefined) throw illegalInvocation();
      const size = bytes.length;
      let relativeStart = 0;
      if (start !== undefined) {
        const s = toClampedInteger(start);
        relativeStart = s < 0 ? Math.max(size + s, 0) : Math.min(s, size);
      }
      let relativeEnd = size;
      if (end !== undefined) {
        const e = toClampedInteger(end);
        relativeEnd = e < 0 ? Math.max(size + e, 0) : Math.min(e, size);
      }
      const type = contentType === undefined ? '' : normalizeType(toDOMString(contentType));
      const span = Math.max(relativeEnd - relativeStart, 0);
      return createBlob(bytes.subarray(relativeStart, relativeStart + span), type);
    }

    stream() {
      const bytes = this?.[kBytes];
      if (bytes === undefined) throw illegalInvocation();
      return byteStream(bytes);
    }

    text() {
      const bytes = this?.[kBytes];
      if (bytes === undefined) return Promise.reject(illegalInvocation());
      return Promise.resolve(decoder.decode(bytes));
    }

    arrayBuffer() {
      const bytes = this?.[kBytes];
      if (bytes === undefined) return Promise.reject(illegalInvocation());
      return Promise.resolve(bytes.slice().buffer);
    }

    bytes() {
      const bytes = this?.[kBytes];
      if (bytes === undefined) return Promise.reject(illegalInvocation());
      return Promise.resolve(bytes.slice());
    }
  }

  class File extends Blob {
    constructor(fileBits, fileName, options = undefined) {
      const prefix = "Failed to construct 'File'";
      if (fileName === undefined && arguments.length < 2) {
        throw new TypeError(`${prefix}: 2 arguments required, but only ${arguments.length} present.`);
      }
      const parts = convertParts(fileBits, prefix);
      const name = toUSVString(fileName);
      checkDictionary(options, prefix);
      let endings = 'transparent';
      let lastModified;
      let type = '';
      if (options !== undefined && options !== null) {
        // Dictionary members are read in lexicographic order.
        endings = convertEndings(options.endings, prefix);
        const lm = options.lastModified;
        if (lm !== undefined) lastModified = toLongLong(lm);
        const t = options.type;
        if (t !== undefined) type = normalizeType(toDOMString(t));
      }
      super(kInternalInit, { bytes: processParts(parts, endings), type });
      this[kName] = name;
      this[kLastModified] = lastModified === undefined ? Date.now() : lastModified;
    }

    get name() {
      const name = this?.[kName];
      if (name === undefined) throw illegalInvocation();
      return name;
    }

    get lastModified() {
      if (this?.[kName] === undefined) throw illegalInvocation();
      return this[kLastModified];
    }

    get webkitRelativePath() {
      if (this?.[kName] === undefined) throw illegalInvocation();
      return '';
    }
  }

  function finishClass(cls, tag, members) {
    const proto = cls.prototype;
    for (const name of members) Object.defineProperty(proto, name, { enumerable: true });
    Object.defineProperty(proto, Symbol.toStringTag, {
      value: tag,
      writable: false,
      enumerable: false,
      configurable: true,
    });
  }
  finishClass(Blob, 'Blob', ['size', 'type', 'slice', 'stream', 'text', 'arrayBuffer', 'bytes']);
  finishClass(File, 'File', ['name', 'lastModified', 'webkitRelativePath']);

  // llrt's console prints the object returned by this getter instead of the instance.
  Object.defineProperty(Blob.prototype, Symbol.for('llrt.inspect.custom'), {
    get() {
      const bytes = this?.[kBytes];
      if (bytes === undefined) return undefined;
      const out = { size: bytes.length, type: this[kType] };
      if (this[kName] !== undefined) {
        out.name = this[kName];
        out.lastModified = this[kLastModified];
      }
      return out;
    },
    enumerable: false,
    configurable: true,
  });

  function createBlob(bytes, type) {
    const blob = Object.create(Blob.prototype);
    blob[kBytes] = bytes;
    blob[kType] = type;
    return blob;
  }

  function createFile(bytes, name, type, lastModified) {
    const file = Object.create(File.prototype);
    file[kBytes] = bytes;
    file[kType] = type;
    file[kName] = name;
    file[kLastModified] = lastModified;
    return file;
  }

  function isBlob(value) {
    return value?.[kBytes] !== undefined;
  }

  internal.blob = {
    /** The blob's bytes, without a copy. Never mutate the result. */
    bytes(blob) {
      const bytes = blob?.[kBytes];
      if (bytes === undefined) throw new TypeError('internal.blob.bytes: not a Blob');
      return bytes;
    },
    isBlob,
    isFile(value) {
      return value?.[kName] !== undefined && value[kBytes] !== undefined;
    },
    /** A Blob over `bytes` (taken over, not copied: the caller must not mutate it later). */
    fromBytes(bytes, type = '') {
      return createBlob(bytes, type);
    },
    /** A File over `bytes` (taken over, not copied). */
    fileFromBytes(bytes, name, type = '', lastModified = Date.now()) {
      return createFile(bytes, name, type, lastModified);
    },
    /** A new File with the same bytes as `blob` (FormData's "create an entry"). */
    toFile(blob, name, lastModified = Date.now()) {
      return createFile(blob[kBytes], name, blob[kType], lastModified);
    },
    /** A byte ReadableStream over `bytes` (chunks are copies, 64 KiB at most). */
    stream: byteStream,
    normalizeType,
  };

  for (const [name, value] of [['Blob', Blob], ['File', File]]) {
    Object.defineProperty(globalThis, name, {
      value,
      writable: true,
      enumerable: false,
      configurable: true,
    });
  }
})();
