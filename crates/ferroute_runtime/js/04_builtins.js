// Node's built-in modules: one registry that `import 'node:x'` and `require('x')` both read,
// so both see the same object (the same EventEmitter class, the same fs). A module is made
// on first use: from llrt's native modules (buffer, crypto, path, ...), or by evaluating
// the one of our `5x_node_*.js` files that defines it (`internal.modules['node:x'] = ...`).
// Also the globals Node defines that packages test for: `global`, `setImmediate`,
// `clearImmediate`, and `process.version` for the Node release whose behaviour we match.
(() => {
  'use strict';
  const internal = globalThis[Symbol.for('ferroute.internal')];
  const native = internal.native;

  /** The globals come from llrt (QuickJS), whose defects the repairs below mend; on
   * JavaScriptCore they are ours (js/jsc/*.js) and need none of them. */
  const LLRT_PLATFORM = internal.config.engine !== 'jsc';

  /** The Node.js release whose behaviour the built-ins match (what `next start` ran on). */
  const NODE_VERSION = '20.20.2';

  // Modules llrt implements natively (Rust), declared under `ferroute:llrt/<name>`.
  const LLRT = new Set(['buffer', 'crypto', 'path', 'url', 'string_decoder', 'perf_hooks', 'process', 'stream/web', 'console']);

  // Modules defined by our own lazily loaded files.
  const FILES = {
    events: '50_node_events.js',
    stream: '51_node_stream.js',
    'stream/promises': '51_node_stream.js',
    'stream/consumers': '51_node_stream.js',
    util: '52_node_util.js',
    'util/types': '52_node_util.js',
    sys: '52_node_util.js',
    assert: '53_node_assert.js',
    'assert/strict': '53_node_assert.js',
    querystring: '54_node_misc.js',
    os: '54_node_misc.js',
    tty: '54_node_misc.js',
    worker_threads: '54_node_misc.js',
    diagnostics_channel: '54_node_misc.js',
    v8: '54_node_misc.js',
    punycode: '54_node_misc.js',
    readline: '54_node_misc.js',
    constants: '54_node_misc.js',
    child_process: '54_node_misc.js',
    vm: '54_node_misc.js',
    cluster: '54_node_misc.js',
    dgram: '54_node_misc.js',
    http2: '54_node_misc.js',
    inspector: '54_node_misc.js',
    repl: '54_node_misc.js',
    wasi: '54_node_misc.js',
    trace_events: '54_node_misc.js',
    domain: '54_node_misc.js',
    fs: '55_node_fs.js',
    'fs/promises': '55_node_fs.js',
    zlib: '56_node_zlib.js',
    net: '57_node_net.js',
    tls: '57_node_net.js',
    dns: '57_node_net.js',
    'dns/promises': '57_node_net.js',
    http: '58_node_http.js',
    https: '58_node_http.js',
  };

  // Defined by files evaluated at start-up (timers, async_hooks) or below (module).
  const EAGER = ['timers', 'timers/promises', 'async_hooks', 'module'];

  /** Every built-in name, as `require('module').builtinModules` lists them: the loader's
   * list (loader.rs `NODE_BUILTINS`), each of which must have a source here. */
  const NAMES = internal.config.builtins.slice().sort();
  const sourced = new Set([...LLRT, ...Object.keys(FILES), ...EAGER, 'path/posix', 'path/win32']);
  for (const name of new Set([...NAMES, ...sourced])) {
    if (!sourced.has(name) || !NAMES.includes(name)) {
      throw new Error(`built-in '${name}' must be both in loader.rs NODE_BUILTINS and in 04_builtins.js`);
    }
  }
  internal.builtinNames = NAMES;
  const NAME_SET = new Set(NAMES);

  /** `x` for `x` or `node:x` when it names a built-in, else undefined. */
  internal.builtinName = (specifier) => {
    const bare = specifier.startsWith('node:') ? specifier.slice(5) : specifier;
    return NAME_SET.has(bare) ? bare : undefined;
  };

  const modules = internal.modules;

  /** The exports of built-in `name` (bare, without `node:`), made on first use. */
  internal.builtin = (name) => {
    const key = `node:${name}`;
    let m = modules[key];
    if (m !== undefined) return m;
    if (LLRT.has(name)) {
      const ns = native.builtinModule(name);
      // llrt's default export is the module object Node's require() returns; named-only
      // modules get a plain object of their exports.
      m = ns.default !== undefined && (typeof ns.default === 'object' || typeof ns.default === 'function')
        ? ns.default
        : Object.assign({}, ns);
      if (name === 'path') {
        if (m.posix === undefined) m.posix = m;
      }
      if (name === 'url') {
        // The global URL (which takes a URL as base), and Node's legacy API llrt lacks.
        native.loadLazy('52a_node_url.js');
        m = Object.assign({}, m, internal.urlLegacy, { URL: globalThis.URL });
      }
      if (name === 'crypto') {
        // What neither llrt's crypto nor ours on JavaScriptCore has: 53a_node_crypto.js, on both.
        native.loadLazy('53a_node_crypto.js');
        const extras = internal.cryptoExtras;
        if (!Object.isExtensible(m)) m = Object.assign({}, m);
        for (const [k, v] of Object.entries(extras.functions)) if (m[k] === undefined) m[k] = v;
        // The constants of the options above (padding, salt lengths, point encodings).
        const constants = m.constants !== null && typeof m.constants === 'object' ? m.constants : (m.constants = {});
        for (const [k, v] of Object.entries(extras.constants)) if (constants[k] === undefined) constants[k] = v;
        // X509Certificate (53b_node_x509.js), evaluated the first time it is read.
        if (m.X509Certificate === undefined) {
          Object.defineProperty(m, 'X509Certificate', {
            get() {
              if (internal.X509Certificate === undefined) native.loadLazy('53b_node_x509.js');
              return internal.X509Certificate;
            },
            configurable: true,
            enumerable: true,
          });
        }
        if (LLRT_PLATFORM) {
          // pbkdf2, hkdf and createCipheriv stay absent, as llrt lacks them: packages test for
          // them (`typeof crypto.hkdf === 'function'`) and fall back to crypto.subtle.
          // llrt's keyed functions take bytes: a secret KeyObject (jsonwebtoken makes one for
          // every HS256 secret) is given as its bytes, as Node reads it.
          const { KeyObject } = extras;
          const secret = (key) => (key instanceof KeyObject && key.type === 'secret' ? key.export() : key);
          for (const fn of ['createHmac', 'createCipheriv', 'createDecipheriv']) {
            const f = m[fn];
            if (typeof f !== 'function') continue;
            Object.defineProperty(m, fn, {
              value: function (algorithm, key, ...rest) { return f.call(this, algorithm, secret(key), ...rest); },
              writable: true,
              configurable: true,
              enumerable: true,
            });
          }
        }
      }
      modules[key] = m;
      return m;
    }
    if (name === 'path/posix') return (modules[key] = internal.builtin('path').posix);
    if (name === 'path/win32') return (modules[key] = internal.builtin('path').win32 || internal.builtin('path'));
    const file = FILES[name];
    if (file !== undefined) {
      native.loadLazy(file);
      m = modules[key];
      if (m !== undefined) return m;
    }
    const err = new Error(`the Node.js module '${name}' is not available in ferroute (see docs/compat.md)`);
    err.code = 'ERR_UNKNOWN_BUILTIN_MODULE';
    throw err;
  };

  // ------------------------------------------------------------------ Buffer fixes
  // llrt's Buffer read*/write* methods ignore the view's byteOffset, so they read the wrong
  // bytes of a `subarray()` (which protocol parsers such as postgres.js use constantly).
  // These replace them, through a DataView over the view's own bytes.
  (function fixBufferAccessors(B) {
    if (!LLRT_PLATFORM || typeof B !== 'function') return;
    const proto = B.prototype;
    const outOfRange = (offset, max) => {
      const err = new RangeError(`The value of "offset" is out of range. It must be >= 0 and <= ${max}. Received ${offset}`);
      err.code = 'ERR_OUT_OF_RANGE';
      return err;
    };
    const view = (buf) => new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
    const check = (buf, offset, size) => {
      if (offset === undefined) return 0;
      if (typeof offset !== 'number' || !Number.isInteger(offset) || offset < 0 || offset + size > buf.length) {
        throw outOfRange(offset, buf.length - size);
      }
      return offset;
    };
    const fixed = [
      ['UInt8', 1, 'getUint8', 'setUint8'], ['Int8', 1, 'getInt8', 'setInt8'],
      ['UInt16', 2, 'getUint16', 'setUint16'], ['Int16', 2, 'getInt16', 'setInt16'],
      ['UInt32', 4, 'getUint32', 'setUint32'], ['Int32', 4, 'getInt32', 'setInt32'],
      ['Float', 4, 'getFloat32', 'setFloat32'], ['Double', 8, 'getFloat64', 'setFloat64'],
      ['BigUInt64', 8, 'getBigUint64', 'setBigUint64'], ['BigInt64', 8, 'getBigInt64', 'setBigInt64'],
    ];
    const define = (name, fn) => {
      Object.defineProperty(proto, name, { value: fn, writable: true, configurable: true, enumerable: false });
      if (name.includes('UInt')) Object.defineProperty(proto, name.replace('UInt', 'Uint'), { value: fn, writable: true, configurable: true, enumerable: false });
    };
    for (const [type, size, get, set] of fixed) {
      const ends = size === 1 ? [['', false]] : [['LE', true], ['BE', false]];
      for (const [suffix, little] of ends) {
        define(`read${type}${suffix}`, function (offset) {
          return view(this)[get](check(this, offset, size), little);
        });
        define(`write${type}${suffix}`, function (value, offset) {
          const at = check(this, offset, size);
          view(this)[set](at, type.startsWith('Big') ? BigInt(value) : Number(value), little);
          return at + size;
        });
      }
    }
    for (const [signed, name] of [[false, 'UInt'], [true, 'Int']]) {
      for (const little of [true, false]) {
        define(`read${name}${little ? 'LE' : 'BE'}`, function (offset, byteLength) {
          check(this, offset, byteLength);
          let v = 0;
          for (let i = 0; i < byteLength; i++) {
            const b = this[offset + (little ? byteLength - 1 - i : i)];
            v = v * 256 + b;
          }
          if (signed && v >= 2 ** (8 * byteLength - 1)) v -= 2 ** (8 * byteLength);
          return v;
        });
        define(`write${name}${little ? 'LE' : 'BE'}`, function (value, offset, byteLength) {
          check(this, offset, byteLength);
          let v = Number(value);
          if (v < 0) v += 2 ** (8 * byteLength);
          for (let i = 0; i < byteLength; i++) {
            this[offset + (little ? i : byteLength - 1 - i)] = v % 256;
            v = Math.floor(v / 256);
          }
          return offset + byteLength;
        });
      }
    }
  })(LLRT_PLATFORM ? globalThis.Buffer : undefined); // not read on JSC: its platform loads on first use

  // llrt's Buffer treats 'latin1' as UTF-8 and refuses 'binary' (its Node alias), which
  // packages use to carry bytes in strings (jws, behind jsonwebtoken, signs through
  // `Buffer.from(s, 'binary')`). These give both names Node's meaning: one byte a character.
  (function fixLatin1(B) {
    if (!LLRT_PLATFORM || typeof B !== 'function') return;
    const LATIN1 = new Set(['latin1', 'binary']);
    const isLatin1 = (e) => typeof e === 'string' && LATIN1.has(e.toLowerCase());
    const encode = (s) => {
      const out = new Uint8Array(s.length);
      for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
      return out;
    };
    const decode = internal.latin1;
    const from = B.from;
    B.from = function (value, encodingOrOffset, length) {
      if (typeof value === 'string' && isLatin1(encodingOrOffset)) return from.call(B, encode(value));
      // Forwarded as given: llrt's natives tell a missing argument from an undefined one.
      return from.apply(B, arguments);
    };
    const byteLength = B.byteLength;
    B.byteLength = function (value, encoding) {
      if (typeof value === 'string' && isLatin1(encoding)) return value.length;
      return byteLength.apply(B, arguments);
    };
    const isEncoding = B.isEncoding;
    B.isEncoding = (encoding) => isLatin1(encoding) || isEncoding.call(B, encoding);
    const proto = B.prototype;
    const toString = proto.toString;
    Object.defineProperty(proto, 'toString', {
      value: function (encoding, start, end) {
        if (!isLatin1(encoding)) return toString.apply(this, arguments);
        const from = start === undefined ? 0 : Math.max(0, Math.min(this.length, start | 0));
        const to = end === undefined ? this.length : Math.max(from, Math.min(this.length, end | 0));
        return decode(this.subarray(from, to));
      },
      writable: true,
      configurable: true,
      enumerable: false,
    });
    const write = proto.write;
    Object.defineProperty(proto, 'write', {
      value: function (string, offset, length, encoding) {
        // write(string[, offset[, length]][, encoding]): the encoding may come in any place.
        if (isLatin1(offset)) [encoding, offset, length] = [offset, 0, undefined];
        else if (isLatin1(length)) [encoding, length] = [length, undefined];
        if (!isLatin1(encoding)) return write.apply(this, arguments);
        const at = offset === undefined ? 0 : offset;
        const bytes = encode(string).subarray(0, Math.min(this.length - at, length === undefined ? Infinity : length));
        this.set(bytes, at);
        return bytes.length;
      },
      writable: true,
      configurable: true,
      enumerable: false,
    });
  })(LLRT_PLATFORM ? globalThis.Buffer : undefined);

  // llrt's Buffer lacks members of Node's that packages use: `equals`, `compare`, `toJSON`,
  // `slice` (a view, where Uint8Array's copies), `indexOf`/`includes`/`lastIndexOf` of strings
  // and buffers, `fill` with a string, `swap16/32/64`, the `latin1Slice`/`utf8Write` family,
  // `Buffer.compare`/`of`/`copyBytesFrom`/`poolSize`. JavaScriptCore's Buffer
  // (js/jsc/30_buffer.js) has them all; the first use of one evaluates that file, which lends
  // them to llrt's class. Until then each is an accessor that loads it.
  (function lendBufferMembers(B) {
    if (!LLRT_PLATFORM || typeof B !== 'function') return;
    const METHODS = ['equals', 'compare', 'toJSON', 'slice', 'indexOf', 'includes', 'lastIndexOf', 'fill',
      'swap16', 'swap32', 'swap64', 'toLocaleString', 'inspect', 'offset', 'parent',
      'asciiSlice', 'asciiWrite', 'base64Slice', 'base64Write', 'base64urlSlice', 'base64urlWrite',
      'hexSlice', 'hexWrite', 'latin1Slice', 'latin1Write', 'ucs2Slice', 'ucs2Write', 'utf8Slice', 'utf8Write'];
    // The statics are lent as the file finds them missing; these are those llrt lacks.
    const STATICS = ['compare', 'copyBytesFrom', 'of', 'poolSize'];
    const lent = [];
    let loaded = false;
    const load = () => {
      if (loaded) return;
      loaded = true;
      for (const [target, name] of lent) delete target[name];
      internal.llrtBuffer = B;
      native.loadLazy('jsc/30_buffer.js');
    };
    for (const [target, names] of [[B.prototype, METHODS], [B, STATICS]]) {
      for (const name of names) {
        if (Object.prototype.hasOwnProperty.call(target, name)) continue;
        lent.push([target, name]);
        Object.defineProperty(target, name, {
          get() {
            load();
            return this[name];
          },
          set(value) {
            load();
            this[name] = value;
          },
          configurable: true,
          enumerable: false,
        });
      }
    }
  })(LLRT_PLATFORM ? globalThis.Buffer : undefined);

  // ------------------------------------------------------------------ URL with a URL base
  // llrt's URL constructor takes only a string base; `new URL('x', someUrl)` (supabase-js,
  // many SDKs) must work. The wrapper keeps the prototype, so `instanceof URL` and
  // subclasses behave as before. (JavaScriptCore's URL, js/jsc/40_url.js, takes any base.)
  (function fixUrlBase(NativeURL) {
    if (!LLRT_PLATFORM || typeof NativeURL !== 'function') return;
    const base = (b) => (b !== undefined && b !== null && typeof b === 'object' ? String(b) : b);
    function URL(url, b) {
      if (new.target === undefined) throw new TypeError("Class constructor URL cannot be invoked without 'new'");
      const args = b === undefined ? [typeof url === 'object' && url !== null ? String(url) : url] : [url, base(b)];
      return Reflect.construct(NativeURL, args, new.target === URL ? NativeURL : new.target);
    }
    URL.prototype = NativeURL.prototype;
    Object.defineProperty(NativeURL.prototype, 'constructor', { value: URL, writable: true, configurable: true, enumerable: false });
    for (const key of Object.getOwnPropertyNames(NativeURL)) {
      if (key === 'prototype' || key === 'length' || key === 'name') continue;
      Object.defineProperty(URL, key, Object.getOwnPropertyDescriptor(NativeURL, key));
    }
    if (typeof NativeURL.canParse === 'function') {
      URL.canParse = (url, b) => NativeURL.canParse(url, base(b));
    }
    if (typeof NativeURL.parse === 'function') {
      URL.parse = (url, b) => NativeURL.parse(url, base(b));
    } else {
      URL.parse = (url, b) => {
        try {
          return new URL(url, b);
        } catch {
          return null;
        }
      };
    }
    Object.defineProperty(globalThis, 'URL', { value: URL, writable: true, configurable: true, enumerable: false });
  })(globalThis.URL);

  // ------------------------------------------------------------------ byte streams
  // llrt's ReadableByteStreamController panics (takes the worker down) on a pull from an
  // empty queue, which React's renderToReadableStream triggers. Byte sources become
  // default sources: the same chunks reach default readers; BYOB readers are refused
  // (docs/compat.md).
  (function downgradeByteStreams(NativeRS) {
    if (!LLRT_PLATFORM || typeof NativeRS !== 'function') return;
    const wrapSource = (source) => {
      const out = {};
      for (const key of ['start', 'pull', 'cancel']) {
        const fn = source[key];
        if (typeof fn === 'function') out[key] = (arg) => fn.call(source, arg);
      }
      return out;
    };
    function ReadableStream(source, strategy) {
      if (new.target === undefined) throw new TypeError("Class constructor ReadableStream cannot be invoked without 'new'");
      const args = source !== null && typeof source === 'object' && String(source.type) === 'bytes'
        ? [wrapSource(source), strategy]
        : arguments.length === 0 ? [] : [source, strategy];
      return Reflect.construct(NativeRS, args, new.target === ReadableStream ? NativeRS : new.target);
    }
    ReadableStream.prototype = NativeRS.prototype;
    Object.defineProperty(NativeRS.prototype, 'constructor', { value: ReadableStream, writable: true, configurable: true, enumerable: false });
    for (const key of Object.getOwnPropertyNames(NativeRS)) {
      if (key === 'prototype' || key === 'length' || key === 'name') continue;
      Object.defineProperty(ReadableStream, key, Object.getOwnPropertyDescriptor(NativeRS, key));
    }
    Object.defineProperty(globalThis, 'ReadableStream', { value: ReadableStream, writable: true, configurable: true, enumerable: false });
  })(LLRT_PLATFORM ? globalThis.ReadableStream : undefined); // not read on JSC: its platform loads on first use

  // ------------------------------------------------------------------ TextDecoder
  /** Node's TypeError for bytes `encoding` does not map, under `fatal`. */
  const invalidData = (encoding) => internal.nodeErrors.coded(TypeError, 'ERR_ENCODING_INVALID_ENCODED_DATA', `The encoded data was not valid for encoding ${encoding}`);

  // A decoder of src/text_decode.rs (encoding_rs), for the encodings our JavaScript does not
  // decode: all but UTF-8 on QuickJS, the multi-byte legacy ones on JavaScriptCore
  // (js/jsc/11_encoding.js). Rust holds it by number while a stream is decoded; a stream left
  // unfinished is closed when its decoder is collected.
  const openDecoders = typeof FinalizationRegistry === 'function'
    ? new FinalizationRegistry((id) => native.textDecoderClose(id))
    : undefined;
  class NativeDecoder {
    /** `stripBOM`: drop the encoding's byte order mark at the start of a stream (UTF-16). */
    constructor(name, fatal, stripBOM) {
      this.name = name;
      this.fatal = fatal;
      this.stripBOM = stripBOM;
      this.id = 0;
    }

    /** The text of `bytes`; without `flush` an unfinished sequence waits for the next call. */
    decode(bytes, flush) {
      if (this.id === 0) {
        if (flush && bytes.length === 0) return '';
        this.id = native.textDecoderOpen(this.name, this.stripBOM);
        if (!flush && openDecoders !== undefined) openDecoders.register(this, this.id, this);
      }
      const text = native.textDecode(this.id, bytes, this.fatal, flush);
      // Rust closed the decoder: the stream ended, or its bytes were invalid.
      if (flush || text === null) {
        if (openDecoders !== undefined) openDecoders.unregister(this);
        this.id = 0;
      }
      if (text === null) throw invalidData(this.name);
      return text;
    }
  }
  internal.NativeDecoder = NativeDecoder;

  // llrt's TextDecoder decodes UTF-8 alone (its "latin1" is not windows-1252), has no
  // `{ stream: true }`, requires an argument and throws its own errors. Here it decodes UTF-8
  // and NativeDecoder every other encoding of the standard; UTF-8 sequences cut at a chunk's
  // end wait for the next.
  (function streamingTextDecoder(NativeTD) {
    if (!LLRT_PLATFORM || typeof NativeTD !== 'function') return;
    const EMPTY = new Uint8Array(0);
    const bytesOf = (input) => {
      if (input === undefined || input === null) return EMPTY;
      if (input instanceof ArrayBuffer) return new Uint8Array(input);
      if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
      if (typeof SharedArrayBuffer === 'function' && input instanceof SharedArrayBuffer) return new Uint8Array(input);
      throw new TypeError('The "input" argument must be an instance of ArrayBuffer or ArrayBufferView');
    };
    /** Length of the prefix of `b` that ends on a UTF-8 character boundary. */
    const completeUtf8 = (b) => {
      const n = b.length;
      for (let back = 1; back <= 3 && back <= n; back++) {
        const c = b[n - back];
        if ((c & 0xc0) === 0x80) continue; // continuation byte: look further back
        const need = c >= 0xf0 ? 4 : c >= 0xe0 ? 3 : c >= 0xc0 ? 2 : 1;
        return need > back ? n - back : n;
      }
      return n;
    };
    class TextDecoder {
      #native;
      #other;
      #encoding;
      #fatal;
      #ignoreBOM;
      #pending = null;
      #started = false;
      constructor(label = 'utf-8', options = undefined) {
        if (typeof label === 'symbol') throw new TypeError('Cannot convert a Symbol value to a string');
        label = `${label}`;
        if (options !== undefined && options !== null && typeof options !== 'object' && typeof options !== 'function') {
          throw new TypeError('The "options" argument must be of type object');
        }
        const encoding = label === 'utf-8' || label === 'utf8' ? 'utf-8' : native.textEncoding(label);
        if (encoding === undefined) throw internal.nodeErrors.coded(RangeError, 'ERR_ENCODING_NOT_SUPPORTED', `The "${label}" encoding is not supported`);
        this.#encoding = encoding;
        this.#fatal = Boolean(options && options.fatal);
        this.#ignoreBOM = Boolean(options && options.ignoreBOM);
        if (encoding === 'utf-8') {
          this.#native = new NativeTD('utf-8', { fatal: this.#fatal, ignoreBOM: this.#ignoreBOM });
        } else {
          this.#other = new NativeDecoder(encoding, this.#fatal, !this.#ignoreBOM && encoding.startsWith('utf-16'));
        }
      }
      get encoding() { return this.#encoding; }
      get fatal() { return this.#fatal; }
      get ignoreBOM() { return this.#ignoreBOM; }
      decode(input = undefined, options = undefined) {
        const stream = !!(options && options.stream);
        let bytes = bytesOf(input);
        if (this.#other !== undefined) return this.#other.decode(bytes, !stream);
        if (this.#pending !== null) {
          const joined = new Uint8Array(this.#pending.length + bytes.length);
          joined.set(this.#pending, 0);
          joined.set(bytes, this.#pending.length);
          bytes = joined;
          this.#pending = null;
        }
        if (stream) {
          const cut = completeUtf8(bytes);
          if (cut < bytes.length) {
            this.#pending = bytes.slice(cut);
            bytes = bytes.subarray(0, cut);
          }
        }
        // A byte-order mark counts only at the very start of the stream.
        if (this.#started && !this.#ignoreBOM && bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
          const text = this.#utf8(bytes.subarray(3));
          if (!stream) this.#started = false;
          return `\ufeff${text}`;
        }
        this.#started = stream;
        return bytes.length === 0 ? '' : this.#utf8(bytes);
      }
      #utf8(bytes) {
        try {
          return this.#native.decode(bytes);
        } catch (e) {
          if (this.#fatal && e instanceof TypeError) throw invalidData('utf-8');
          throw e;
        }
      }
      get [Symbol.toStringTag]() { return 'TextDecoder'; }
    }
    Object.defineProperty(globalThis, 'TextDecoder', { value: TextDecoder, writable: true, configurable: true, enumerable: false });
  })(LLRT_PLATFORM ? globalThis.TextDecoder : undefined); // not read on JSC: its platform loads on first use

  // ------------------------------------------------------------------ globals
  const g = globalThis;
  if (g.global === undefined) {
    Object.defineProperty(g, 'global', { value: g, writable: true, configurable: true, enumerable: false });
  }

  // setImmediate: after the current macrotask's microtasks, before timers that are due
  // later; ids are objects with ref/unref/hasRef like Node's Immediate.
  class Immediate {
    constructor(fn, args) {
      this._onImmediate = fn;
      this._args = args;
      this._cleared = false;
    }
    ref() { return this; }
    unref() { return this; }
    hasRef() { return true; }
    [Symbol.toPrimitive]() { return 0; }
  }
  let queue = [];
  let scheduled = false;
  function runImmediates() {
    scheduled = false;
    const batch = queue;
    queue = [];
    for (const im of batch) {
      if (im._cleared) continue;
      im._cleared = true;
      try {
        im._onImmediate(...im._args);
      } catch (e) {
        internal.reportError(e);
      }
    }
  }
  const schedule = g.setTimeout;
  Object.defineProperty(g, 'setImmediate', {
    value: function setImmediate(fn, ...args) {
      if (typeof fn !== 'function') throw internal.nodeErrors.invalidArgType('callback', 'of type function', fn);
      const im = new Immediate(fn, args);
      queue.push(im);
      if (!scheduled) {
        scheduled = true;
        schedule(runImmediates, 0);
      }
      return im;
    },
    writable: true, configurable: true, enumerable: true,
  });
  Object.defineProperty(g, 'clearImmediate', {
    value: function clearImmediate(im) {
      if (im instanceof Immediate) im._cleared = true;
    },
    writable: true, configurable: true, enumerable: true,
  });

  // process: the Node version, and what packages probe.
  const proc = g.process;
  if (proc) {
    const define = (k, v) => {
      try {
        Object.defineProperty(proc, k, { value: v, writable: true, configurable: true, enumerable: true });
      } catch {
        // a read-only native property: keep llrt's
      }
    };
    define('version', `v${NODE_VERSION}`);
    const versions = Object.assign({}, proc.versions || {}, { node: NODE_VERSION, ferroute: internal.version || '0.0.0' });
    define('versions', versions);
    define('release', { name: 'node', lts: 'Iron' });
    if (typeof proc.emitWarning !== 'function') {
      const seen = new Set();
      define('emitWarning', (warning, type, code) => {
        const msg = typeof warning === 'string' ? warning : warning && warning.message;
        const name = typeof type === 'string' ? type : (type && type.type) || (warning && warning.name) || 'Warning';
        const key = `${name}:${msg}`;
        if (seen.has(key)) return;
        seen.add(key);
        console.error(`(ferroute) ${name}: ${msg}`);
      });
    }
    // The project root, as when `next start` runs in the project: several servers may share
    // this process (tests), so relative paths resolve against it rather than a chdir.
    define('cwd', () => internal.config.root);
    if (proc.browser === undefined) define('browser', false);
    // process.memoryUsage(): the process's RSS and this worker's engine heap.
    if (typeof proc.memoryUsage !== 'function') {
      const memoryUsage = function memoryUsage() {
        const [rss, heapTotal, heapUsed] = native.memoryUsage();
        return { rss, heapTotal, heapUsed, external: 0, arrayBuffers: 0 };
      };
      memoryUsage.rss = () => native.memoryUsage()[0];
      define('memoryUsage', memoryUsage);
    }
    // process.stdout / process.stderr: Writable streams made on first use (packages such as
    // `debug` read `.fd` and `.isTTY` at import time).
    for (const [name, fd] of [['stdout', 1], ['stderr', 2]]) {
      if (proc[name] !== undefined) continue;
      Object.defineProperty(proc, name, {
        configurable: true,
        enumerable: true,
        get() {
          const { Writable } = internal.builtin('stream');
          const stream = new Writable({
            decodeStrings: false,
            write(chunk, _encoding, cb) {
              native.stdioWrite(fd, chunk);
              cb();
            },
          });
          stream.fd = fd;
          stream.isTTY = false;
          stream.columns = undefined;
          stream.hasColors = () => false;
          stream.getColorDepth = () => 1;
          stream._isStdio = true;
          Object.defineProperty(proc, name, { value: stream, writable: true, configurable: true, enumerable: true });
          return stream;
        },
      });
    }
    if (proc.stdin === undefined) {
      Object.defineProperty(proc, 'stdin', {
        configurable: true,
        enumerable: true,
        get() {
          const { Readable } = internal.builtin('stream');
          const stream = new Readable({ read() { this.push(null); } });
          stream.fd = 0;
          stream.isTTY = false;
          Object.defineProperty(proc, 'stdin', { value: stream, writable: true, configurable: true, enumerable: true });
          return stream;
        },
      });
    }
    // Node runs the nextTick queue before promise reactions; a microtask is the closest the
    // engine has (it runs before timers and I/O, in order).
    if (typeof proc.nextTick !== 'function') {
      define('nextTick', function nextTick(fn, ...args) {
        if (typeof fn !== 'function') throw internal.nodeErrors.invalidArgType('callback', 'of type function', fn);
        queueMicrotask(args.length === 0 ? fn : () => fn(...args));
      });
    }
  }
})();
