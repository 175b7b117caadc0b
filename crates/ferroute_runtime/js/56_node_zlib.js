// node:zlib (Node 20): Deflate/Inflate/DeflateRaw/InflateRaw/Gzip/Gunzip/Unzip and
// BrotliCompress/BrotliDecompress as Transform streams, the create* factories, the callback,
// promisify-friendly and *Sync conveniences, constants and crc32, over the natives of
// src/node_zlib.rs (`zlibCreate`/`zlibWrite`/`zlibClose`/`zlibCrc32`). Also the classes behind
// the `CompressionStream`/`DecompressionStream` globals (07_compression_globals.js reads them
// from `internal.compressionStreams`).
(() => {
  'use strict';
  const internal = globalThis[Symbol.for('ferroute.internal')];
  const native = internal.native;
  const stream = internal.builtin('stream');
  const Buffer = globalThis.Buffer || internal.builtin('buffer').Buffer;
  const { Transform, finished } = stream;

  // ------------------------------------------------------------------ constants

  const constants = Object.create(null);
  const add = (table) => Object.assign(constants, table);
  add({
    Z_NO_FLUSH: 0, Z_PARTIAL_FLUSH: 1, Z_SYNC_FLUSH: 2, Z_FULL_FLUSH: 3, Z_FINISH: 4, Z_BLOCK: 5,
    Z_OK: 0, Z_STREAM_END: 1, Z_NEED_DICT: 2, Z_ERRNO: -1, Z_STREAM_ERROR: -2, Z_DATA_ERROR: -3,
    Z_MEM_ERROR: -4, Z_BUF_ERROR: -5, Z_VERSION_ERROR: -6,
    Z_NO_COMPRESSION: 0, Z_BEST_SPEED: 1, Z_BEST_COMPRESSION: 9, Z_DEFAULT_COMPRESSION: -1,
    Z_FILTERED: 1, Z_HUFFMAN_ONLY: 2, Z_RLE: 3, Z_FIXED: 4, Z_DEFAULT_STRATEGY: 0, ZLIB_VERNUM: 4880,
    DEFLATE: 1, INFLATE: 2, GZIP: 3, GUNZIP: 4, DEFLATERAW: 5, INFLATERAW: 6, UNZIP: 7,
    BROTLI_DECODE: 8, BROTLI_ENCODE: 9,
    Z_MIN_WINDOWBITS: 8, Z_MAX_WINDOWBITS: 15, Z_DEFAULT_WINDOWBITS: 15,
    Z_MIN_CHUNK: 64, Z_MAX_CHUNK: Infinity, Z_DEFAULT_CHUNK: 16384,
    Z_MIN_MEMLEVEL: 1, Z_MAX_MEMLEVEL: 9, Z_DEFAULT_MEMLEVEL: 8,
    Z_MIN_LEVEL: -1, Z_MAX_LEVEL: 9, Z_DEFAULT_LEVEL: -1,
    BROTLI_OPERATION_PROCESS: 0, BROTLI_OPERATION_FLUSH: 1, BROTLI_OPERATION_FINISH: 2, BROTLI_OPERATION_EMIT_METADATA: 3,
    BROTLI_PARAM_MODE: 0, BROTLI_MODE_GENERIC: 0, BROTLI_MODE_TEXT: 1, BROTLI_MODE_FONT: 2, BROTLI_DEFAULT_MODE: 0,
    BROTLI_PARAM_QUALITY: 1, BROTLI_MIN_QUALITY: 0, BROTLI_MAX_QUALITY: 11, BROTLI_DEFAULT_QUALITY: 11,
    BROTLI_PARAM_LGWIN: 2, BROTLI_MIN_WINDOW_BITS: 10, BROTLI_MAX_WINDOW_BITS: 24, BROTLI_LARGE_MAX_WINDOW_BITS: 30,
    BROTLI_DEFAULT_WINDOW: 22,
    BROTLI_PARAM_LGBLOCK: 3, BROTLI_MIN_INPUT_BLOCK_BITS: 16, BROTLI_MAX_INPUT_BLOCK_BITS: 24,
    BROTLI_PARAM_DISABLE_LITERAL_CONTEXT_MODELING: 4, BROTLI_PARAM_SIZE_HINT: 5, BROTLI_PARAM_LARGE_WINDOW: 6,
    BROTLI_PARAM_NPOSTFIX: 7, BROTLI_PARAM_NDIRECT: 8,
    BROTLI_DECODER_RESULT_ERROR: 0, BROTLI_DECODER_RESULT_SUCCESS: 1, BROTLI_DECODER_RESULT_NEEDS_MORE_INPUT: 2,
    BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT: 3,
    BROTLI_DECODER_PARAM_DISABLE_RING_BUFFER_REALLOCATION: 0, BROTLI_DECODER_PARAM_LARGE_WINDOW: 1,
    BROTLI_DECODER_NO_ERROR: 0, BROTLI_DECODER_SUCCESS: 1, BROTLI_DECODER_NEEDS_MORE_INPUT: 2, BROTLI_DECODER_NEEDS_MORE_OUTPUT: 3,
  });
  // The brotli decoder's error codes, -1 … -16 in order, then the rest.
  ['EXUBERANT_NIBBLE', 'RESERVED', 'EXUBERANT_META_NIBBLE', 'SIMPLE_HUFFMAN_ALPHABET', 'SIMPLE_HUFFMAN_SAME', 'CL_SPACE',
    'HUFFMAN_SPACE', 'CONTEXT_MAP_REPEAT', 'BLOCK_LENGTH_1', 'BLOCK_LENGTH_2', 'TRANSFORM', 'DICTIONARY', 'WINDOW_BITS',
    'PADDING_1', 'PADDING_2', 'DISTANCE'].forEach((name, i) => { constants[`BROTLI_DECODER_ERROR_FORMAT_${name}`] = -1 - i; });
  add({
    BROTLI_DECODER_ERROR_DICTIONARY_NOT_SET: -19, BROTLI_DECODER_ERROR_INVALID_ARGUMENTS: -20,
    BROTLI_DECODER_ERROR_ALLOC_CONTEXT_MODES: -21, BROTLI_DECODER_ERROR_ALLOC_TREE_GROUPS: -22,
    BROTLI_DECODER_ERROR_ALLOC_CONTEXT_MAP: -25, BROTLI_DECODER_ERROR_ALLOC_RING_BUFFER_1: -26,
    BROTLI_DECODER_ERROR_ALLOC_RING_BUFFER_2: -27, BROTLI_DECODER_ERROR_ALLOC_BLOCK_TYPE_TREES: -30,
    BROTLI_DECODER_ERROR_UNREACHABLE: -31,
  });
  Object.freeze(constants);
  const C = constants;

  // zlib.codes: the return codes by name and by number.
  const codes = {};
  for (const name of ['Z_OK', 'Z_STREAM_END', 'Z_NEED_DICT', 'Z_ERRNO', 'Z_STREAM_ERROR', 'Z_DATA_ERROR', 'Z_MEM_ERROR', 'Z_BUF_ERROR', 'Z_VERSION_ERROR']) {
    codes[name] = C[name];
    codes[C[name]] = name;
  }
  Object.freeze(codes);

  // ------------------------------------------------------------------ errors and arguments

  const { coded: codedError, invalidArgType, outOfRange } = internal.nodeErrors;

  const tooLarge = (max) => codedError(RangeError, 'ERR_BUFFER_TOO_LARGE', `Cannot create a Buffer larger than ${max} bytes`);

  /** A zlib failure as Node reports it: a plain Error with `errno` and `code`. */
  function zlibError(message, code, errno) {
    const e = new Error(message);
    e.errno = errno;
    e.code = code;
    return e;
  }
  const unexpectedEnd = () => zlibError('unexpected end of file', 'Z_BUF_ERROR', C.Z_BUF_ERROR);

  function validateFunction(fn, name) {
    if (typeof fn !== 'function') throw invalidArgType(name, 'of type function', fn);
  }

  // Node's checkFiniteNumber: undefined/NaN → use the default; a non-number throws; ±Infinity
  // is out of range.
  function finiteOrDefault(value, name) {
    if (value === undefined) return false;
    if (Number.isFinite(value)) return true;
    if (Number.isNaN(value)) return false;
    if (typeof value !== 'number') throw invalidArgType(name, 'of type number', value);
    throw outOfRange(name, 'a finite number', value);
  }

  function rangeOrDefault(value, name, lower, upper, def) {
    if (!finiteOrDefault(value, name)) return def;
    if (value < lower || value > upper) throw outOfRange(name, `>= ${lower} and <= ${upper}`, value);
    return value;
  }

  const BUFFER_TYPES = 'of type string or an instance of Buffer, TypedArray, DataView, or ArrayBuffer';
  const isArrayBuffer = (v) => v instanceof ArrayBuffer || (typeof SharedArrayBuffer === 'function' && v instanceof SharedArrayBuffer)
    || Object.prototype.toString.call(v) === '[object ArrayBuffer]';

  /** The bytes of a convenience-function argument, as a Uint8Array the native reads. */
  function inputBytes(data, name = 'buffer') {
    if (typeof data === 'string') return Buffer.from(data);
    if (ArrayBuffer.isView(data)) {
      return data instanceof Uint8Array ? data : new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    }
    if (isArrayBuffer(data)) return new Uint8Array(data);
    throw invalidArgType(name, BUFFER_TYPES, data);
  }

  /** A Buffer over the native's output bytes (no copy). */
  const toBuffer = (u8) => Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength);

  const kMaxLength = (() => {
    try {
      const b = internal.builtin('buffer');
      const n = b.kMaxLength || (b.constants && b.constants.MAX_LENGTH);
      return typeof n === 'number' && n > 0 ? n : 2 ** 32;
    } catch {
      return 2 ** 32;
    }
  })();

  // ------------------------------------------------------------------ modes and options

  // Node's mode names → [native mode, Node's mode constant, decompressor?, brotli?]
  const MODES = {
    Deflate: ['deflate', C.DEFLATE, false, false],
    Inflate: ['inflate', C.INFLATE, true, false],
    Gzip: ['gzip', C.GZIP, false, false],
    Gunzip: ['gunzip', C.GUNZIP, true, false],
    DeflateRaw: ['deflateRaw', C.DEFLATERAW, false, false],
    InflateRaw: ['inflateRaw', C.INFLATERAW, true, false],
    Unzip: ['unzip', C.UNZIP, true, false],
    BrotliCompress: ['brotliCompress', C.BROTLI_ENCODE, false, true],
    BrotliDecompress: ['brotliDecompress', C.BROTLI_DECODE, true, true],
  };

  const MAX_BROTLI_PARAM = 8;

  /** The validated options of one engine (what Node's constructors check). */
  function parseOptions(opts, name) {
    const [mode, modeConst, decompress, brotli] = MODES[name];
    const o = opts || {};
    const chunkSize = finiteOrDefault(o.chunkSize, 'options.chunkSize') ? o.chunkSize : C.Z_DEFAULT_CHUNK;
    if (chunkSize < C.Z_MIN_CHUNK) throw outOfRange('options.chunkSize', `>= ${C.Z_MIN_CHUNK}`, chunkSize);
    const parsed = {
      name, mode, modeConst, decompress, brotli, chunkSize,
      level: undefined, strategy: C.Z_DEFAULT_STRATEGY, quality: undefined, window: undefined,
      maxOutputLength: kMaxLength, info: !!o.info,
    };
    if (brotli) {
      parsed.flush = rangeOrDefault(o.flush, 'options.flush', C.BROTLI_OPERATION_PROCESS, C.BROTLI_OPERATION_EMIT_METADATA, C.BROTLI_OPERATION_PROCESS);
      parsed.finishFlush = rangeOrDefault(o.finishFlush, 'options.finishFlush', C.BROTLI_OPERATION_PROCESS, C.BROTLI_OPERATION_EMIT_METADATA, C.BROTLI_OPERATION_FINISH);
      parsed.fullFlush = C.BROTLI_OPERATION_FLUSH;
      if (o.params !== undefined && o.params !== null) {
        if (typeof o.params !== 'object') throw invalidArgType('options.params', 'of type object', o.params);
        for (const key of Object.keys(o.params)) {
          const k = +key;
          if (Number.isNaN(k) || k < 0 || k > MAX_BROTLI_PARAM || !Number.isInteger(k)) {
            throw codedError(RangeError, 'ERR_BROTLI_INVALID_PARAM', `${key} is not a valid Brotli parameter`);
          }
          const v = o.params[key];
          if (typeof v !== 'number' && typeof v !== 'boolean') throw invalidArgType('options.params[key]', 'of type number', v);
          if (decompress) continue;
          if (k === C.BROTLI_PARAM_QUALITY) parsed.quality = Math.max(0, Math.min(11, Math.trunc(Number(v))));
          if (k === C.BROTLI_PARAM_LGWIN) parsed.window = Math.max(10, Math.min(24, Math.trunc(Number(v))));
        }
      }
    } else {
      parsed.flush = rangeOrDefault(o.flush, 'options.flush', C.Z_NO_FLUSH, C.Z_BLOCK, C.Z_NO_FLUSH);
      parsed.finishFlush = rangeOrDefault(o.finishFlush, 'options.finishFlush', C.Z_NO_FLUSH, C.Z_BLOCK, C.Z_FINISH);
      parsed.fullFlush = C.Z_FULL_FLUSH;
      // windowBits 0 asks an inflater to use the stream's own window size.
      if (!(decompress && o.windowBits === 0)) {
        rangeOrDefault(o.windowBits, 'options.windowBits', C.Z_MIN_WINDOWBITS, C.Z_MAX_WINDOWBITS, C.Z_DEFAULT_WINDOWBITS);
      }
      parsed.level = rangeOrDefault(o.level, 'options.level', C.Z_MIN_LEVEL, C.Z_MAX_LEVEL, C.Z_DEFAULT_COMPRESSION);
      rangeOrDefault(o.memLevel, 'options.memLevel', C.Z_MIN_MEMLEVEL, C.Z_MAX_MEMLEVEL, C.Z_DEFAULT_MEMLEVEL);
      parsed.strategy = rangeOrDefault(o.strategy, 'options.strategy', C.Z_DEFAULT_STRATEGY, C.Z_FIXED, C.Z_DEFAULT_STRATEGY);
      if (o.dictionary !== undefined && !ArrayBuffer.isView(o.dictionary) && !isArrayBuffer(o.dictionary)) {
        throw invalidArgType('options.dictionary', 'an instance of Buffer, TypedArray, DataView, or ArrayBuffer', o.dictionary);
      }
    }
    parsed.maxOutputLength = rangeOrDefault(o.maxOutputLength, 'options.maxOutputLength', 1, kMaxLength, kMaxLength);
    return parsed;
  }

  /** Node's flush kind → the native's flush argument (0 none, 2 sync, 3 full, 4 finish). */
  function nativeFlush(kind, brotli) {
    if (brotli) return kind === C.BROTLI_OPERATION_FINISH ? 4 : kind === C.BROTLI_OPERATION_FLUSH ? 2 : 0;
    if (kind === C.Z_NO_FLUSH) return 0;
    if (kind === C.Z_FINISH) return 4;
    if (kind === C.Z_FULL_FLUSH) return 3;
    return 2;
  }

  // One native compression state. `inBytes` lets a decompressor that is finished without any
  // input fail as zlib does ("unexpected end of file").
  class Handle {
    constructor(p) {
      this.p = p;
      this.id = 0;
      this.open();
    }

    open() {
      const p = this.p;
      // (The native's optional arguments must be left out, not passed as undefined.)
      if (!p.brotli) this.id = native.zlibCreate(p.mode, p.level);
      else if (p.window !== undefined) this.id = native.zlibCreate(p.mode, -1, p.quality === undefined ? C.BROTLI_DEFAULT_QUALITY : p.quality, p.window);
      else if (p.quality !== undefined) this.id = native.zlibCreate(p.mode, -1, p.quality);
      else this.id = native.zlibCreate(p.mode);
      this.inBytes = 0;
      this.ended = false;
      // The first two input bytes, for zlib's header checks (inflate, gunzip, unzip).
      this.head = p.decompress && !p.brotli && p.mode !== 'inflateRaw' ? [] : null;
    }

    /** zlib's "incorrect header check", raised as soon as the first bytes show it. */
    checkHead(bytes) {
      const head = this.head;
      for (let i = 0; i < bytes.length && head.length < 2; i++) head.push(bytes[i]);
      if (head.length === 0) return;
      let mode = this.p.mode;
      if (mode === 'unzip') {
        if (head[0] === 0x1f && head.length < 2) return;
        mode = head[0] === 0x1f && head[1] === 0x8b ? 'gunzip' : 'inflate';
        this.gzipHead = mode === 'gunzip';
      }
      let bad;
      if (mode === 'gunzip') bad = head[0] !== 0x1f || (head.length === 2 && head[1] !== 0x8b);
      else bad = head.length === 2 && ((head[0] & 0x0f) !== 8 || (head[0] >> 4) > 7 || ((head[0] << 8) | head[1]) % 31 !== 0);
      if (head.length === 2) this.head = null;
      if (bad) throw zlibError('incorrect header check', 'Z_DATA_ERROR', C.Z_DATA_ERROR);
    }

    /** Feeds `bytes` with Node flush kind `kind`; returns the output (a Uint8Array) or throws
     * Node's zlib error. */
    write(bytes, kind) {
      const p = this.p;
      const flush = nativeFlush(kind, p.brotli);
      if (this.ended) return new Uint8Array(0);
      this.inBytes += bytes.byteLength;
      try {
        if (this.head !== null) this.checkHead(bytes);
        if (flush === 4) {
          this.ended = true;
          if (p.decompress && this.inBytes === 0) throw unexpectedEnd();
        }
        return native.zlibWrite(this.id, bytes, flush);
      } catch (e) {
        this.ended = true;
        if (e instanceof Error && e.message === 'failed to write whole buffer') return this.afterEnd();
        throw fixError(e, p);
      }
    }

    /** Input went on after the end of the compressed stream: zlib's inflate ignores what
     * follows (so do we, after taking the output); gunzip would read a further gzip member,
     * which this engine cannot, so that is an error rather than silently lost data. */
    afterEnd() {
      const p = this.p;
      const gzip = p.mode === 'gunzip' || (p.mode === 'unzip' && this.gzipHead);
      if (gzip) {
        throw zlibError('data after the end of the gzip member (concatenated gzip members are not supported)', 'Z_DATA_ERROR', C.Z_DATA_ERROR);
      }
      try {
        return native.zlibWrite(this.id, new Uint8Array(0), 4);
      } catch (e) {
        throw fixError(e, p);
      }
    }

    close() {
      if (this.id !== 0) {
        native.zlibClose(this.id);
        this.id = 0;
      }
    }

    reset() {
      this.close();
      this.open();
    }
  }

  /** The native's error with Node's shape (brotli's decoder says "Decompression failed"). */
  function fixError(e, p) {
    if (!(e instanceof Error) || typeof e.code !== 'string') return e;
    if (p.brotli && e.code === 'Z_DATA_ERROR') e.message = 'Decompression failed';
    return e;
  }

  // ------------------------------------------------------------------ streams

  function inherits(Ctor, Super) {
    Object.setPrototypeOf(Ctor.prototype, Super.prototype);
    Object.setPrototypeOf(Ctor, Super);
  }

  const nextTick = (fn, ...args) => queueMicrotask(() => fn(...args));

  // Zero-length chunks written by flush(kind): the kind rides along to _transform.
  const flushKinds = new WeakMap();

  function ZlibBase(opts, p) {
    const options = Object.assign({ autoDestroy: true }, opts && typeof opts === 'object' ? opts : undefined);
    Transform.call(this, options);
    this.bytesWritten = 0;
    this._handle = new Handle(p);
    this._params = p;
    this._outBuffer = null;
    this._outOffset = 0;
    this._chunkSize = p.chunkSize;
    this._defaultFlushFlag = p.flush;
    this._finishFlushFlag = p.finishFlush;
    this._defaultFullFlushFlag = p.fullFlush;
    this._info = p.info;
    this._maxOutputLength = p.maxOutputLength;
  }
  inherits(ZlibBase, Transform);

  Object.defineProperty(ZlibBase.prototype, '_closed', {
    get() { return !this._handle; },
    enumerable: true, configurable: true,
  });

  // Deprecated alias of bytesWritten.
  Object.defineProperty(ZlibBase.prototype, 'bytesRead', {
    get() { return this.bytesWritten; },
    set(v) { this.bytesWritten = v; },
    enumerable: true, configurable: true,
  });

  ZlibBase.prototype.reset = function reset() {
    if (!this._handle) throw codedError(Error, 'ERR_INTERNAL_ASSERTION', 'zlib binding closed');
    this._handle.reset();
  };

  ZlibBase.prototype._flush = function _flush(callback) {
    this._transform(Buffer.alloc(0), '', callback);
  };

  ZlibBase.prototype.flush = function flush(kind, callback) {
    if (typeof kind === 'function' || (kind === undefined && !callback)) {
      callback = kind;
      kind = this._defaultFullFlushFlag;
    }
    if (this.writableFinished) {
      if (callback) nextTick(callback);
    } else if (this.writableEnded) {
      if (callback) this.once('end', callback);
    } else {
      const marker = Buffer.alloc(0);
      flushKinds.set(marker, kind);
      this.write(marker, '', callback);
    }
  };

  ZlibBase.prototype.close = function close(callback) {
    if (callback) finished(this, callback);
    this.destroy();
  };

  ZlibBase.prototype._destroy = function _destroy(err, callback) {
    if (this._handle) {
      this._handle.close();
      this._handle = null;
    }
    callback(err);
  };

  /** Runs one chunk through the engine; returns the output Uint8Array (or throws). */
  function processChunk(self, chunk, kind) {
    const h = self._handle;
    if (!h) throw codedError(Error, 'ERR_ZLIB_BINDING_CLOSED', 'zlib binding closed');
    const out = h.write(chunk, kind);
    self.bytesWritten += chunk.byteLength;
    return out;
  }

  /** Pushes `out` in pieces of at most chunkSize bytes, as Node's engine hands them out. */
  function pushOutput(self, out) {
    const size = self._chunkSize;
    const buf = toBuffer(out);
    if (buf.length <= size) {
      if (buf.length > 0) self.push(buf);
      return;
    }
    for (let at = 0; at < buf.length; at += size) self.push(buf.subarray(at, Math.min(at + size, buf.length)));
  }

  ZlibBase.prototype._transform = function _transform(chunk, encoding, cb) {
    let kind = flushKinds.get(chunk);
    if (kind === undefined) kind = this._defaultFlushFlag;
    // The end of input: the finish flush (_flush passes an empty chunk).
    if (this.writableEnded && this.writableLength === chunk.byteLength && kind !== this._finishFlushFlag) {
      kind = Math.max(kind, this._finishFlushFlag);
      if (this._params.brotli && kind === C.BROTLI_OPERATION_EMIT_METADATA) kind = this._finishFlushFlag;
    }
    let out;
    try {
      out = processChunk(this, typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk, kind);
    } catch (e) {
      cb(e);
      return;
    }
    pushOutput(this, out);
    cb();
  };

  // Old API (used by a few packages): with a callback, asynchronous like a write; without,
  // returns the output of `chunk` at once.
  ZlibBase.prototype._processChunk = function _processChunk(chunk, kind, cb) {
    const bytes = inputBytes(chunk, 'chunk');
    if (typeof cb === 'function') {
      let out;
      try {
        out = processChunk(this, bytes, kind);
      } catch (e) {
        this.destroy(e);
        return;
      }
      pushOutput(this, out);
      nextTick(cb);
      return;
    }
    return toBuffer(processChunk(this, bytes, kind));
  };

  function Zlib(opts, p) {
    ZlibBase.call(this, opts, p);
    this._level = p.level;
    this._strategy = p.strategy;
  }
  inherits(Zlib, ZlibBase);

  // params(level, strategy, cb): flushes what was written, then takes the new values. The
  // native engine keeps the level it started with, so the new level applies from the next
  // reset().
  Zlib.prototype.params = function params(level, strategy, callback) {
    rangeOrDefault(level, 'level', C.Z_MIN_LEVEL, C.Z_MAX_LEVEL);
    rangeOrDefault(strategy, 'strategy', C.Z_DEFAULT_STRATEGY, C.Z_FIXED);
    if (this._level !== level || this._strategy !== strategy) {
      this.flush(C.Z_SYNC_FLUSH, () => {
        if (!this._handle) return;
        this._level = level;
        this._strategy = strategy;
        if (this._handle) this._handle.p = Object.assign({}, this._handle.p, { level });
        if (typeof callback === 'function') callback();
      });
    } else if (typeof callback === 'function') {
      nextTick(callback);
    }
  };

  function Brotli(opts, p) {
    ZlibBase.call(this, opts, p);
  }
  inherits(Brotli, Zlib);

  const classes = {};
  for (const name of Object.keys(MODES)) {
    const brotli = MODES[name][3];
    const Base = brotli ? Brotli : Zlib;
    const Ctor = {
      [name]: function (opts) {
        if (!(this instanceof Ctor)) return new Ctor(opts);
        Base.call(this, opts, parseOptions(opts, name));
      },
    }[name];
    inherits(Ctor, Base);
    Object.defineProperty(Ctor.prototype, 'constructor', { value: Ctor, writable: true, configurable: true, enumerable: false });
    classes[name] = Ctor;
  }

  // ------------------------------------------------------------------ buffer conveniences

  /** Compresses or decompresses all of `data` with one native engine. */
  function runSync(p, data) {
    const bytes = inputBytes(data);
    const h = new Handle(p);
    let out;
    try {
      out = h.write(bytes, p.finishFlush);
    } finally {
      h.close();
    }
    if (out.byteLength > p.maxOutputLength) throw tooLarge(p.maxOutputLength);
    return toBuffer(out);
  }

  const zlib = {};

  const lower = (name) => name[0].toLowerCase() + name.slice(1);
  for (const name of Object.keys(MODES)) {
    const fn = lower(name);
    const Ctor = classes[name];
    zlib[fn] = {
      [fn](buffer, opts, callback) {
        if (typeof opts === 'function') {
          callback = opts;
          opts = {};
        }
        validateFunction(callback, 'callback');
        let result;
        let error = null;
        try {
          result = runSync(parseOptions(opts, name), buffer);
        } catch (e) {
          if (e && typeof e.code === 'string' && e.code.startsWith('ERR_') && e.code !== 'ERR_BUFFER_TOO_LARGE') throw e;
          error = e;
        }
        if (error) nextTick(callback, error);
        else nextTick(callback, null, result);
      },
    }[fn];
    zlib[`${fn}Sync`] = {
      [`${fn}Sync`](buffer, opts) {
        const p = parseOptions(opts, name);
        const result = runSync(p, buffer);
        if (p.info) {
          const engine = new Ctor(opts);
          engine.bytesWritten = inputBytes(buffer).byteLength;
          return { buffer: result, engine };
        }
        return result;
      },
    }[`${fn}Sync`];
    zlib[`create${name}`] = {
      [`create${name}`](opts) {
        return new Ctor(opts);
      },
    }[`create${name}`];
  }

  function crc32(data, value = 0) {
    if (typeof data !== 'string' && !ArrayBuffer.isView(data)) {
      throw invalidArgType('data', 'of type string or an instance of Buffer, TypedArray, or DataView', data);
    }
    if (typeof value !== 'number' || !Number.isInteger(value)) {
      if (typeof value !== 'number') throw invalidArgType('value', 'of type number', value);
      throw outOfRange('value', 'an integer', value);
    }
    if (value < 0 || value > 0xffffffff) throw outOfRange('value', '>= 0 and <= 4294967295', value);
    // (The native's u32 arrives as a signed 32-bit number.)
    return native.zlibCrc32(inputBytes(data, 'data'), value) >>> 0;
  }

  // ------------------------------------------------------------------ exports

  const exported = { crc32 };
  for (const name of ['Deflate', 'Inflate', 'Gzip', 'Gunzip', 'DeflateRaw', 'InflateRaw', 'Unzip', 'BrotliCompress', 'BrotliDecompress']) {
    exported[name] = classes[name];
  }
  for (const fn of ['deflate', 'gzip', 'deflateRaw', 'unzip', 'inflate', 'gunzip', 'inflateRaw', 'brotliCompress', 'brotliDecompress']) {
    exported[fn] = zlib[fn];
    exported[`${fn}Sync`] = zlib[`${fn}Sync`];
  }
  const api = {};
  for (const [k, v] of Object.entries(exported)) {
    Object.defineProperty(api, k, { value: v, writable: true, enumerable: true, configurable: true });
  }
  for (const name of ['Deflate', 'Inflate', 'DeflateRaw', 'InflateRaw', 'Gzip', 'Gunzip', 'Unzip', 'BrotliCompress', 'BrotliDecompress']) {
    Object.defineProperty(api, `create${name}`, { value: zlib[`create${name}`], writable: false, enumerable: true, configurable: true });
  }
  Object.defineProperty(api, 'constants', { value: constants, writable: false, enumerable: true, configurable: false });
  Object.defineProperty(api, 'codes', { value: codes, writable: false, enumerable: true, configurable: false });
  // The legacy top-level names (zlib.Z_NO_FLUSH …), as Node keeps them: not the brotli ones,
  // read-only and not enumerable.
  for (const key of Object.keys(constants)) {
    if (key.startsWith('BROTLI')) continue;
    Object.defineProperty(api, key, { value: constants[key], writable: false, enumerable: false, configurable: false });
  }

  // ------------------------------------------------------------------ CompressionStream / DecompressionStream

  const WEB_FORMATS = { gzip: ['gzip', 'gunzip'], deflate: ['deflate', 'inflate'], 'deflate-raw': ['deflateRaw', 'inflateRaw'] };
  const kPair = Symbol('ferroute.compressionPair');

  function webFormat(format) {
    const f = `${format}`;
    if (!Object.prototype.hasOwnProperty.call(WEB_FORMATS, f)) {
      throw codedError(TypeError, 'ERR_INVALID_ARG_VALUE', `The argument 'format' is invalid. Received '${f}'`);
    }
    return WEB_FORMATS[f];
  }

  function webChunk(chunk) {
    if (ArrayBuffer.isView(chunk)) return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (isArrayBuffer(chunk)) return new Uint8Array(chunk);
    throw new TypeError('The chunk must be an ArrayBuffer or an ArrayBufferView (BufferSource)');
  }

  /** A TransformStream feeding one native engine; errors become TypeErrors when decoding. */
  function webPair(mode, decompress) {
    const names = { deflate: 'Deflate', inflate: 'Inflate', gzip: 'Gzip', gunzip: 'Gunzip', deflateRaw: 'DeflateRaw', inflateRaw: 'InflateRaw' };
    let h = null;
    const fail = (e) => {
      if (h) h.close();
      if (!decompress || !(e instanceof Error) || e instanceof TypeError) return e;
      const t = new TypeError(`Decompression failed: ${e.message}`, { cause: e });
      if (e.code !== undefined) t.code = e.code;
      return t;
    };
    const enqueue = (controller, out) => {
      if (out.byteLength > 0) controller.enqueue(out);
    };
    return new globalThis.TransformStream({
      start() {
        h = new Handle(parseOptions(undefined, names[mode]));
      },
      transform(chunk, controller) {
        try {
          enqueue(controller, h.write(webChunk(chunk), C.Z_NO_FLUSH));
        } catch (e) {
          throw fail(e);
        }
      },
      flush(controller) {
        try {
          enqueue(controller, h.write(new Uint8Array(0), C.Z_FINISH));
        } catch (e) {
          throw fail(e);
        } finally {
          h.close();
        }
      },
      cancel() {
        if (h) h.close();
      },
    });
  }

  class CompressionStream {
    constructor(format) {
      if (arguments.length < 1) throw internal.nodeErrors.missingArgs('format');
      this[kPair] = webPair(webFormat(format)[0], false);
    }

    get readable() {
      return this[kPair].readable;
    }

    get writable() {
      return this[kPair].writable;
    }

    get [Symbol.toStringTag]() {
      return 'CompressionStream';
    }
  }

  class DecompressionStream {
    constructor(format) {
      if (arguments.length < 1) throw internal.nodeErrors.missingArgs('format');
      this[kPair] = webPair(webFormat(format)[1], true);
    }

    get readable() {
      return this[kPair].readable;
    }

    get writable() {
      return this[kPair].writable;
    }

    get [Symbol.toStringTag]() {
      return 'DecompressionStream';
    }
  }

  internal.compressionStreams = { CompressionStream, DecompressionStream };
  internal.modules['node:zlib'] = api;
})();
