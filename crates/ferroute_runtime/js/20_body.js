// Request, Response and the Body mixin (Fetch standard), with bodies that can be a string,
// bytes, a Blob, FormData, URLSearchParams, a ReadableStream, or a native source (the
// incoming request body, a fetch response body) read lazily from Rust.
//
// Performance: QuickJS pays for every object and property created, and a plain GET creates
// one Request and one Response. So each keeps all its state, body included, in ONE object
// (`this[kState]`) built as a literal, and a Response keeps its headers as a flat
// [name, value, ...] list until someone reads `.headers`.
(() => {
  'use strict';
  const internal = globalThis[Symbol.for('ferroute.internal')];
  const native = internal.native;
  const H = internal.headers;
  const FAST_INIT = internal.FAST_INIT;
  const kState = Symbol('ferroute.bodyState');
  internal.kState = kState;

  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  const utf8 = (bytes) => decoder.decode(bytes);
  const EMPTY = Object.freeze({});

  // Body fields of a state object:
  //   src:    null | string | Uint8Array | { native: 'req' | 'fetch', id } | ReadableStream
  //   stream: the ReadableStream once created (from src) or null
  //   used:   consumed by text()/json()/... or sent
  //   handed: `.body` was handed to user code (then a locked stream counts as disturbed)
  const NULL_BODY_STATUS = new Set([101, 103, 204, 205, 304]);
  const REDIRECT_STATUS = new Set([301, 302, 303, 307, 308]);

  function toUint8(v) {
    if (v instanceof Uint8Array) return v;
    if (ArrayBuffer.isView(v)) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
    if (v instanceof ArrayBuffer) return new Uint8Array(v);
    return null;
  }

  /** Extracts a body from a BodyInit into `out.src` and `out.type` (content type or null).
   * An out-parameter, not an array: destructuring goes through the iterator protocol,
   * which costs more than the rest of a small Response. */
  function extractBody(init, out) {
    out.type = null;
    if (init === null || init === undefined) {
      out.src = null;
    } else if (typeof init === 'string') {
      out.src = init;
      out.type = 'text/plain;charset=UTF-8';
    } else if (toUint8(init) !== null) {
      out.src = toUint8(init).slice();
    } else if (internal.loaded.blob && init instanceof Blob) {
      out.src = internal.blob.bytes(init);
      out.type = init.type || null;
    } else if (init instanceof URLSearchParams) {
      out.src = init.toString();
      out.type = 'application/x-www-form-urlencoded;charset=UTF-8';
    } else if (internal.loaded.formdata && init instanceof FormData) {
      const serialized = internal.formdata.serialize(init);
      out.src = serialized.body;
      out.type = serialized.contentType;
    } else if (init instanceof ReadableStream) {
      if (init.locked) throw new TypeError('Response body object should not be disturbed or locked');
      out.src = init;
    } else if (typeof init === 'object' && typeof init[Symbol.asyncIterator] === 'function') {
      out.src = streamFromAsyncIterable(init);
    } else {
      out.src = String(init);
      out.type = 'text/plain;charset=UTF-8';
    }
    return out;
  }

  function streamFromAsyncIterable(iterable) {
    const it = iterable[Symbol.asyncIterator]();
    return new ReadableStream({
      async pull(c) {
        const { value, done } = await it.next();
        if (done) c.close();
        else c.enqueue(typeof value === 'string' ? encoder.encode(value) : value);
      },
      async cancel(reason) {
        if (typeof it.return === 'function') await it.return(reason);
      },
    });
  }

  // Errors of reading the request body that the client caused: an uncaught one answers
  // with its status instead of 500 (30_dispatch.js), and the client gets a response.
  const kClientStatus = Symbol('ferroute.clientStatus');
  /** id -> AbortController of incoming requests whose `signal` was read, until release. */
  const requestAborts = new Map();

  /** The status for a failed read of the request body: 408 when it did not arrive in time
   * (`--body-timeout`), else 400 (malformed). */
  const readStatus = (e) => (e !== null && typeof e === 'object' && e.code === 'ERR_FERROUTE_BODY_TIMEOUT' ? 408 : 400);

  function clientError(err, status) {
    if (err !== null && typeof err === 'object') err[kClientStatus] = status;
    return err;
  }

  function bodyTooLarge() {
    const limit = internal.config.maxBodySize;
    const mb = Math.round((limit / (1024 * 1024)) * 10) / 10;
    const err = new RangeError(
      `The request body is larger than ${mb} MB, the limit of text(), json(), formData(), arrayBuffer() and blob() ` +
        '(--max-body-mb). Read request.body as a stream for larger bodies.',
    );
    err.code = 'ERR_FERROUTE_BODY_TOO_LARGE';
    return clientError(err, 413);
  }

  function nativeStream(src) {
    const req = src.native === 'req';
    const read = req ? native.readChunk : native.fetchRead;
    return new ReadableStream({
      async pull(c) {
        let chunk;
        try {
          chunk = await read(src.id);
        } catch (e) {
          throw req ? clientError(e, readStatus(e)) : e;
        }
        if (chunk === undefined) c.close();
        else c.enqueue(chunk);
      },
      cancel() {
        if (src.native === 'fetch') native.fetchCancel(src.id);
      },
    });
  }

  function bytesStream(bytes) {
    return new ReadableStream({
      start(c) {
        if (bytes.byteLength > 0) c.enqueue(bytes);
        c.close();
      },
    });
  }

  /** The body's ReadableStream, created on first use. */
  function bodyStream(st) {
    if (st.stream) return st.stream;
    const src = st.src;
    if (src instanceof ReadableStream) st.stream = src;
    else if (typeof src === 'string') st.stream = bytesStream(encoder.encode(src));
    else if (src instanceof Uint8Array) st.stream = bytesStream(src);
    else st.stream = nativeStream(src);
    return st.stream;
  }

  async function readAllStream(stream, limit) {
    const reader = stream.getReader();
    const chunks = [];
    let total = 0;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      const bytes = typeof value === 'string' ? encoder.encode(value) : toUint8(value);
      if (!bytes) throw new TypeError('Received non-Uint8Array chunk');
      chunks.push(bytes);
      total += bytes.byteLength;
      if (total > limit) {
        reader.cancel().catch(() => {});
        throw bodyTooLarge();
      }
    }
    if (chunks.length === 1) return chunks[0];
    const out = new Uint8Array(total);
    let off = 0;
    for (const c of chunks) {
      out.set(c, off);
      off += c.byteLength;
    }
    return out;
  }

  const disturbed = (st) => st.used === true || (st.handed === true && st.stream != null && st.stream.locked);

  /** What `text()` (or, with `parse`, `json()`) resolves to for `text` at hand now: parsed
   * here, so that `json()` of a body already read costs no promise job of its own. */
  function textNow(text, parse) {
    if (!parse) return Promise.resolve(text);
    try {
      return Promise.resolve(JSON.parse(text));
    } catch (e) {
      return Promise.reject(e);
    }
  }

  /** Consumes the body: resolves to a string (`wantString`; parsed as JSON with `parse`) or
   * bytes. */
  function consume(st, wantString, parse = false) {
    const src = st.src;
    if (src == null) return wantString ? textNow('', parse) : Promise.resolve(new Uint8Array(0));
    if (disturbed(st)) return Promise.reject(new TypeError('Body is unusable: Body has already been read'));
    st.used = true;
    if (st.stream == null) {
      if (typeof src === 'string') return wantString ? textNow(src, parse) : Promise.resolve(encoder.encode(src));
      if (src instanceof Uint8Array) return wantString ? textNow(utf8(src), parse) : Promise.resolve(src);
      if (src.native === 'req') {
        const read = native.readAll(src.id, wantString);
        // A body the runtime already held whole: its text (JavaScriptCore decodes it when asked)
        // or its bytes, now.
        if (typeof read === 'string') return textNow(read, parse);
        if (read instanceof ArrayBuffer) {
          const bytes = new Uint8Array(read);
          return wantString ? textNow(utf8(bytes), parse) : Promise.resolve(bytes);
        }
        return parsedLater(read.then(
          (ab) => {
            if (ab === undefined) throw bodyTooLarge();
            const bytes = new Uint8Array(ab);
            return wantString ? utf8(bytes) : bytes;
          },
          (e) => {
            throw clientError(e, readStatus(e));
          },
        ), parse);
      }
    }
    const limit = src.native === 'req' ? internal.config.maxBodySize : Infinity;
    return parsedLater(readAllStream(bodyStream(st), limit).then((bytes) => (wantString ? utf8(bytes) : bytes)), parse);
  }

  /** `later` (a read's promise), parsed as JSON with `parse`. */
  function parsedLater(later, parse) {
    return parse ? later.then(JSON.parse) : later;
  }

  /** The Body mixin, shared by Request and Response. */
  const BodyMixin = {
    get body() {
      const st = this[kState];
      if (st.src == null) return null;
      const s = bodyStream(st);
      st.handed = true;
      return s;
    },
    get bodyUsed() {
      const st = this[kState];
      return st.src != null && disturbed(st);
    },
    text() {
      return consume(this[kState], true);
    },
    json() {
      return consume(this[kState], true, true);
    },
    arrayBuffer() {
      return consume(this[kState], false).then((u) =>
        u.byteOffset === 0 && u.byteLength === u.buffer.byteLength ? u.buffer : u.slice().buffer,
      );
    },
    bytes() {
      return consume(this[kState], false).then((u) => new Uint8Array(u));
    },
    blob() {
      const type = this.headers.get('content-type') || '';
      return consume(this[kState], false).then((u) => new Blob([u], { type }));
    },
    formData() {
      const ct = this.headers.get('content-type') || '';
      return consume(this[kState], false).then((u) => internal.formdata.parse(u, ct));
    },
  };

  function mixin(cls) {
    for (const key of Object.keys(Object.getOwnPropertyDescriptors(BodyMixin))) {
      const d = Object.getOwnPropertyDescriptor(BodyMixin, key);
      d.enumerable = false;
      Object.defineProperty(cls.prototype, key, d);
    }
  }

  /** Clones the body of `st` into `copy` by teeing its stream; the original keeps one branch. */
  function cloneBody(st, copy) {
    copy.stream = null;
    copy.used = false;
    copy.handed = false;
    if (st.src == null) {
      copy.src = null;
      return;
    }
    if (disturbed(st)) throw new TypeError('Body has already been consumed.');
    if (st.stream == null && (typeof st.src === 'string' || st.src instanceof Uint8Array)) {
      copy.src = st.src;
      return;
    }
    const [s1, s2] = bodyStream(st).tee();
    st.stream = s1;
    st.src = s1;
    copy.src = s2;
    copy.stream = s2;
  }

  // ---------------------------------------------------------------- Request

  const METHOD_NORMALISE = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']);
  const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);
  const REDIRECT_MODES = ['follow', 'error', 'manual'];
  const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

  class Request {
    constructor(input, init = undefined) {
      if (input === FAST_INIT) {
        // Trusted state from the dispatcher, already in the final layout (see 30_dispatch.js).
        this[kState] = init;
        return;
      }
      if (arguments.length === 0) {
        throw new TypeError("Failed to construct 'Request': 1 argument required, but only 0 present.");
      }
      init = init === undefined || init === null ? EMPTY : init;
      if (typeof init !== 'object') throw new TypeError("Failed to construct 'Request': The provided value is not of type 'RequestInit'.");
      let url, method = 'GET', headersInit, signal = null, redirect = 'follow';
      let cache = 'default', credentials = 'same-origin', mode = 'cors', referrer = 'about:client';
      let referrerPolicy = '', integrity = '', keepalive = false;
      let inputState = null;
      if (input instanceof Request) {
        inputState = input[kState];
        url = input.url;
        method = inputState.method;
        headersInit = input.headers;
        signal = input.signal;
        redirect = input.redirect;
        cache = input.cache;
        credentials = input.credentials;
        mode = input.mode;
        integrity = input.integrity;
        keepalive = input.keepalive;
      } else {
        let parsed;
        try {
          parsed = new URL(String(input));
        } catch {
          throw new TypeError(`Failed to parse URL from ${String(input)}`);
        }
        if (parsed.username || parsed.password) {
          throw new TypeError(`Request cannot be constructed from a URL that includes credentials: ${String(input)}`);
        }
        url = parsed.href;
      }
      if (init.method !== undefined) {
        const m = String(init.method);
        if (!TOKEN.test(m)) throw new TypeError(`'${m}' is not a valid HTTP method.`);
        const upper = m.toUpperCase();
        if (FORBIDDEN_METHODS.has(upper)) throw new TypeError(`'${m}' HTTP method is unsupported.`);
        method = METHOD_NORMALISE.has(upper) ? upper : m;
      }
      if (init.signal !== undefined) signal = init.signal;
      if (init.redirect !== undefined) {
        if (!REDIRECT_MODES.includes(init.redirect)) throw new TypeError(`Failed to construct 'Request': '${init.redirect}' is not a valid RequestRedirect.`);
        redirect = init.redirect;
      }
      if (init.cache !== undefined) cache = String(init.cache);
      if (init.credentials !== undefined) credentials = String(init.credentials);
      if (init.mode !== undefined) {
        if (init.mode === 'navigate') throw new TypeError("Failed to construct 'Request': Cannot construct a Request with a RequestInit whose mode member is set as 'navigate'.");
        mode = String(init.mode);
      }
      if (init.referrer !== undefined) referrer = String(init.referrer);
      if (init.referrerPolicy !== undefined) referrerPolicy = String(init.referrerPolicy);
      if (init.integrity !== undefined) integrity = String(init.integrity);
      if (init.keepalive !== undefined) keepalive = Boolean(init.keepalive);
      if (init.headers !== undefined) headersInit = init.headers;
      const headers = new Headers(headersInit);
      H.setGuard(headers, 'request');
      const st = {
        id: undefined, method, url, flags: undefined, headers, signal,
        src: null, stream: null, used: false, handed: false,
        redirect, cache, credentials, mode, referrer, referrerPolicy, integrity, keepalive,
      };
      if (init.body !== undefined && init.body !== null) {
        if (method === 'GET' || method === 'HEAD') throw new TypeError('Request with GET/HEAD method cannot have body.');
        const out = extractBody(init.body, {});
        if (out.src instanceof ReadableStream && init.duplex !== 'half') {
          throw new TypeError('RequestInit: duplex option is required when sending a body.');
        }
        if (out.type !== null && !H.has(headers, 'content-type')) H.append(headers, 'content-type', out.type);
        st.src = out.src;
      } else if (inputState !== null && inputState.src != null && init.body === undefined) {
        if (disturbed(inputState)) throw new TypeError('Cannot construct a Request with a Request object that has already been used.');
        if (method === 'GET' || method === 'HEAD') throw new TypeError('Request with GET/HEAD method cannot have body.');
        // The body moves to the new request; the input's is now used.
        st.src = inputState.src;
        st.stream = inputState.stream;
        inputState.used = true;
      }
      this[kState] = st;
    }

    get method() { return this[kState].method; }
    get url() { return this[kState].url; }
    get headers() {
      const st = this[kState];
      if (st.headers == null) st.headers = H.fromTrustedList(requestList(st), 'request');
      return st.headers;
    }
    get signal() {
      const st = this[kState];
      if (st.signal === null || st.signal === undefined) {
        const controller = new AbortController();
        st.signal = controller.signal;
        // An incoming request's signal aborts when its client goes away or it times out.
        if (st.id !== undefined) requestAborts.set(st.id, controller);
      }
      return st.signal;
    }
    get redirect() { return this[kState].redirect || 'follow'; }
    get cache() { return this[kState].cache || 'default'; }
    get credentials() { return this[kState].credentials || 'same-origin'; }
    get mode() { return this[kState].mode || 'cors'; }
    get destination() { return ''; }
    get referrer() {
      const r = this[kState].referrer;
      return r === undefined || r === 'about:client' ? 'about:client' : r;
    }
    get referrerPolicy() { return this[kState].referrerPolicy || ''; }
    get integrity() { return this[kState].integrity || ''; }
    get keepalive() { return this[kState].keepalive || false; }
    get isReloadNavigation() { return false; }
    get isHistoryNavigation() { return false; }
    get duplex() { return 'half'; }

    clone() {
      const st = this[kState];
      const headers = H.clone(this.headers, 'request');
      const copyState = { ...st, id: undefined, headers };
      cloneBody(st, copyState);
      const copy = Object.create(Object.getPrototypeOf(this));
      copy[kState] = copyState;
      return copy;
    }

    get [Symbol.toStringTag]() { return 'Request'; }
  }
  mixin(Request);

  // ---------------------------------------------------------------- Response

  const REASON = /^[\t\x20-\x7e\x80-\xff]*$/;

  /** A Response's state; `list` holds the headers until `.headers` is first read. Only the
   * fields every response needs are created; the rest (headers, guard, stream, used,
   * handed, type, url, redirected) are added when they stop being their default. */
  const responseState = (status, statusText, list, src) => ({ status, statusText, list, src });

  function addContentType(st, type) {
    if (st.headers == null) {
      const list = st.list;
      for (let i = 0; i < list.length; i += 2) if (list[i] === 'content-type') return;
      list.push('content-type', type);
    } else if (!H.has(st.headers, 'content-type')) {
      H.append(st.headers, 'content-type', type);
    }
  }

  const { listFromInit, listHas } = H;
  function initResponse(init, body) {
    let status = 200;
    let statusText = '';
    let list;
    if (init !== undefined && init !== null) {
      if (typeof init !== 'object') throw new TypeError("Failed to construct 'Response': The provided value is not of type 'ResponseInit'.");
      const initStatus = init.status;
      if (initStatus !== undefined) {
        status = typeof initStatus === 'number' ? initStatus : Number(initStatus);
        // `(status | 0) !== status`: not an integer (NaN and fractions included).
        if ((status | 0) !== status || status < 200 || status > 599) {
          throw new RangeError(`Failed to construct 'Response': The status provided (${init.status}) is outside the range [200, 599].`);
        }
      }
      if (init.statusText !== undefined) {
        statusText = String(init.statusText);
        if (!REASON.test(statusText)) throw new TypeError("Failed to construct 'Response': Invalid statusText");
      }
      // Validated into the plain list; the Headers object is made when someone asks.
      const headersInit = init.headers;
      list = headersInit === undefined ? [] : listFromInit(headersInit, "Failed to construct 'Headers'");
    } else {
      list = [];
    }
    if (body === null || body === undefined) return { status, statusText, list, src: null };
    if (status === 204 || status === 205 || status === 304) {
      throw new TypeError('Response with null body status cannot have body');
    }
    if (typeof body === 'string') {
      if (list.length === 0 || !listHas(list, 'content-type')) list.push('content-type', 'text/plain;charset=UTF-8');
      // The layout of `responseState`, written out (one call fewer on the hot path).
      return { status, statusText, list, src: body };
    }
    const st = responseState(status, statusText, list, null);
    const out = extractBody(body, {});
    if (out.type !== null) addContentType(st, out.type);
    st.src = out.src;
    return st;
  }

  /** The header list of a request the runtime made, taken from Rust on first use. */
  function requestList(st) {
    if (st.list !== undefined) return st.list;
    return (st.id !== undefined ? native.requestHeaders(st.id) : null) || [];
  }

  /** A request's header list (read only), without making its Headers object. */
  internal.requestHeaderList = (request) => {
    const st = request[kState];
    if (st === undefined) return H.flatList(request.headers);
    if (st.headers != null) return H.flatList(st.headers);
    if (st.list === undefined) st.list = requestList(st);
    return st.list;
  };

  /** One header of a request (`lowerName` lowercase), without making its Headers object
   * while the runtime still holds the headers. */
  internal.requestHeader = (request, lowerName) => {
    const id = heldHeadersId(request);
    if (id !== undefined) {
      const v = native.requestHeader(id, lowerName);
      if (v !== undefined) return v;
    }
    return H.get(request.headers, lowerName);
  };

  /** The id of a request whose headers Rust still holds (JavaScript has neither their
   * Headers object nor their list), for the natives that read one header or cookie. */
  function heldHeadersId(request) {
    const st = request[kState];
    return st !== undefined && st.headers == null && st.list === undefined ? st.id : undefined;
  }
  internal.heldHeadersId = heldHeadersId;

  /** The Response's headers as a flat list, without creating a Headers object. */
  internal.responseHeaderList = (st) => (st.headers == null ? st.list : H.flatList(st.headers));

  class Response {
    constructor(body = null, init = undefined) {
      if (body === FAST_INIT) {
        // Trusted state, in the layout of `responseState`.
        this[kState] = init;
        return;
      }
      this[kState] = initResponse(init, body);
    }

    static json(data, init = undefined) {
      const text = JSON.stringify(data);
      if (text === undefined) throw new TypeError('Value is not JSON serializable');
      if (this === Response && (init === undefined || init === null)) {
        // The common case, without a Headers object or an init to validate.
        const res = Object.create(ResponsePrototype);
        res[kState] = responseState(200, '', ['content-type', 'application/json'], text);
        return res;
      }
      const res = new this(null, init);
      const st = res[kState];
      if (NULL_BODY_STATUS.has(st.status)) throw new TypeError('Response with null body status cannot have body');
      st.src = text;
      addContentType(st, 'application/json');
      return res;
    }

    static redirect(url, status = 302) {
      let parsed;
      try {
        parsed = new URL(String(url));
      } catch {
        throw new TypeError(`Failed to parse URL from ${String(url)}`);
      }
      status = Number(status);
      if (!REDIRECT_STATUS.has(status)) throw new RangeError(`Invalid status code ${status}`);
      const st = responseState(status, '', ['location', parsed.href], null);
      st.guard = 'immutable';
      return new Response(FAST_INIT, st);
    }

    static error() {
      const st = responseState(0, '', [], null);
      st.guard = 'immutable';
      st.type = 'error';
      return new Response(FAST_INIT, st);
    }

    get type() { return this[kState].type || 'default'; }
    get url() { return this[kState].url || ''; }
    get redirected() { return this[kState].redirected || false; }
    get status() { return this[kState].status; }
    get ok() { const s = this[kState].status; return s >= 200 && s <= 299; }
    get statusText() { return this[kState].statusText; }
    get headers() {
      const st = this[kState];
      if (st.headers == null) {
        st.headers = H.fromTrustedList(st.list, st.guard || 'response');
        st.list = null;
      }
      return st.headers;
    }

    clone() {
      const st = this[kState];
      if (st.src != null && disturbed(st)) throw new TypeError('Response.clone: Body has already been consumed.');
      const copyState = { ...st, headers: H.clone(this.headers), list: null };
      cloneBody(st, copyState);
      const copy = Object.create(Object.getPrototypeOf(this));
      copy[kState] = copyState;
      return copy;
    }

    get [Symbol.toStringTag]() { return 'Response'; }
  }
  mixin(Response);
  const ResponsePrototype = Response.prototype;

  const define = (name, value) =>
    Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });
  define('Request', Request);
  define('Response', Response);

  internal.body = { kClientStatus, requestAborts, bodyStream, toUint8, encoder, responseState, disturbed, NULL_BODY_STATUS, REDIRECT_STATUS };
})();
