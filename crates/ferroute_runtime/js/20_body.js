// Request, Response and the Body mixin (Fetch standard), with bodies that can be a string,
// bytes, a Blob, FormData, URLSearchParams, a ReadableStream, or a native source (the
// incoming request body, a fetch response body) read lazily from Rust.
(() => {
  'use strict';
  const internal = globalThis[Symbol.for('ferroute.internal')];
  const native = internal.native;
  const FAST_INIT = internal.FAST_INIT;
  const kState = Symbol('ferroute.bodyState');
  internal.kState = kState;

  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  const utf8 = (bytes) => decoder.decode(bytes);

  // A body: { src, stream, used, length }
  //   src: null | string | Uint8Array | { native: 'req' | 'fetch', id } | ReadableStream
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
    } else if (init instanceof Blob) {
      out.src = internal.blob.bytes(init);
      out.type = init.type || null;
    } else if (init instanceof URLSearchParams) {
      out.src = init.toString();
      out.type = 'application/x-www-form-urlencoded;charset=UTF-8';
    } else if (init instanceof FormData) {
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

  function nativeStream(src) {
    const read = src.native === 'req' ? native.readChunk : native.fetchRead;
    return new ReadableStream({
      async pull(c) {
        const chunk = await read(src.id);
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
  function bodyStream(b) {
    if (b.stream) return b.stream;
    const src = b.src;
    if (src instanceof ReadableStream) b.stream = src;
    else if (typeof src === 'string') b.stream = bytesStream(encoder.encode(src));
    else if (src instanceof Uint8Array) b.stream = bytesStream(src);
    else b.stream = nativeStream(src);
    return b.stream;
  }

  async function readAllStream(stream) {
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

  function disturbed(b) {
    return b.used || (b.stream !== null && b.stream.locked && b.streamHandedOut);
  }

  /** Consumes the body: resolves to a string (when cheap) or bytes. */
  function consume(owner, b, wantString) {
    if (b === null || b.src === null) {
      return Promise.resolve(wantString ? '' : new Uint8Array(0));
    }
    if (disturbed(b)) {
      return Promise.reject(new TypeError('Body is unusable: Body has already been read'));
    }
    b.used = true;
    const src = b.src;
    if (b.stream === null) {
      if (typeof src === 'string') return Promise.resolve(wantString ? src : encoder.encode(src));
      if (src instanceof Uint8Array) return Promise.resolve(wantString ? utf8(src) : src);
      if (src && src.native === 'req') {
        return native.readAll(src.id).then((ab) => (wantString ? utf8(new Uint8Array(ab)) : new Uint8Array(ab)));
      }
    }
    return readAllStream(bodyStream(b)).then((bytes) => (wantString ? utf8(bytes) : bytes));
  }

  const contentTypeOf = (owner) => owner.headers.get('content-type') || '';

  /** The Body mixin, shared by Request and Response. */
  const BodyMixin = {
    get body() {
      const b = this[kState].body;
      if (b === null || b.src === null) return null;
      const s = bodyStream(b);
      b.streamHandedOut = true;
      return s;
    },
    get bodyUsed() {
      const b = this[kState].body;
      return b !== null && b.src !== null && disturbed(b);
    },
    text() {
      return consume(this, this[kState].body, true);
    },
    json() {
      return consume(this, this[kState].body, true).then((t) => JSON.parse(t));
    },
    arrayBuffer() {
      return consume(this, this[kState].body, false).then((u) =>
        u.byteOffset === 0 && u.byteLength === u.buffer.byteLength ? u.buffer : u.slice().buffer,
      );
    },
    bytes() {
      return consume(this, this[kState].body, false).then((u) => new Uint8Array(u));
    },
    blob() {
      const type = this.headers.get('content-type') || '';
      return consume(this, this[kState].body, false).then((u) => new Blob([u], { type }));
    },
    formData() {
      const ct = contentTypeOf(this);
      return consume(this, this[kState].body, false).then((u) => internal.formdata.parse(u, ct));
    },
  };

  function mixin(cls) {
    for (const key of Object.keys(Object.getOwnPropertyDescriptors(BodyMixin))) {
      const d = Object.getOwnPropertyDescriptor(BodyMixin, key);
      d.enumerable = false;
      Object.defineProperty(cls.prototype, key, d);
    }
  }

  /** Clones a body by teeing its stream; the original keeps one branch. */
  function cloneBody(b) {
    if (b === null) return null;
    if (disturbed(b)) throw new TypeError('Body has already been consumed.');
    if (b.src === null || typeof b.src === 'string' || b.src instanceof Uint8Array) {
      if (b.stream === null) return { src: b.src, stream: null, used: false, streamHandedOut: false };
    }
    const [s1, s2] = bodyStream(b).tee();
    b.stream = s1;
    b.src = s1;
    return { src: s2, stream: s2, used: false, streamHandedOut: false };
  }

  const newBody = (src) => ({ src, stream: null, used: false, streamHandedOut: false });

  // ---------------------------------------------------------------- Request

  const METHOD_NORMALISE = new Set(['DELETE', 'GET', 'HEAD', 'OPTIONS', 'POST', 'PUT']);
  const FORBIDDEN_METHODS = new Set(['CONNECT', 'TRACE', 'TRACK']);
  const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

  function headersFromNative(st) {
    let flat = st.id !== undefined ? native.requestHeaders(st.id) : null;
    return internal.headers.fromTrustedList(flat || [], 'request');
  }

  class Request {
    constructor(input, init = undefined) {
      if (input === FAST_INIT) {
        // Trusted state from the dispatcher: { id, method, url, hasBody }.
        const st = init;
        st.headers = null;
        st.body = st.hasBody ? newBody({ native: 'req', id: st.id }) : null;
        st.signal = null;
        this[kState] = st;
        return;
      }
      if (arguments.length === 0) {
        throw new TypeError("Failed to construct 'Request': 1 argument required, but only 0 present.");
      }
      init = init === undefined || init === null ? {} : init;
      if (typeof init !== 'object') throw new TypeError("Failed to construct 'Request': The provided value is not of type 'RequestInit'.");
      let url, method = 'GET', headersInit, body = null, signal = null, redirect = 'follow';
      let cache = 'default', credentials = 'same-origin', mode = 'cors', referrer = 'about:client';
      let referrerPolicy = '', integrity = '', keepalive = false;
      let inputBody = null;
      if (input instanceof Request) {
        const src = input[kState];
        url = input.url;
        method = src.method;
        headersInit = input.headers;
        signal = input.signal;
        redirect = input.redirect;
        cache = input.cache;
        credentials = input.credentials;
        mode = input.mode;
        integrity = input.integrity;
        keepalive = input.keepalive;
        inputBody = src.body;
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
        if (!['follow', 'error', 'manual'].includes(init.redirect)) throw new TypeError(`Failed to construct 'Request': '${init.redirect}' is not a valid RequestRedirect.`);
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
      internal.headers.setGuard(headers, 'request');
      let bodyState = null;
      if (init.body !== undefined && init.body !== null) {
        if (method === 'GET' || method === 'HEAD') throw new TypeError('Request with GET/HEAD method cannot have body.');
        const { src, type } = extractBody(init.body, {});
        if (src instanceof ReadableStream && init.duplex !== 'half') {
          throw new TypeError('RequestInit: duplex option is required when sending a body.');
        }
        if (type !== null && !headers.has('content-type')) headers.append('content-type', type);
        bodyState = newBody(src);
      } else if (inputBody !== null && init.body === undefined) {
        if (disturbed(inputBody)) throw new TypeError('Cannot construct a Request with a Request object that has already been used.');
        bodyState = inputBody;
        if (input instanceof Request) input[kState].body = newBody(null), (input[kState].body.used = true);
      }
      if (bodyState !== null && (method === 'GET' || method === 'HEAD') && bodyState.src !== null) {
        throw new TypeError('Request with GET/HEAD method cannot have body.');
      }
      this[kState] = {
        id: undefined, method, url, headers, body: bodyState, signal,
        redirect, cache, credentials, mode, referrer, referrerPolicy, integrity, keepalive,
      };
    }

    get method() { return this[kState].method; }
    get url() { return this[kState].url; }
    get headers() {
      const st = this[kState];
      if (st.headers === null) st.headers = headersFromNative(st);
      return st.headers;
    }
    get signal() {
      const st = this[kState];
      if (st.signal === null || st.signal === undefined) st.signal = new AbortController().signal;
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
      const copy = Object.create(Object.getPrototypeOf(this));
      copy[kState] = { ...st, headers: new Headers(this.headers), body: cloneBody(st.body), id: undefined };
      internal.headers.setGuard(copy[kState].headers, 'request');
      if (typeof internal.onClone === 'function') internal.onClone(this, copy);
      return copy;
    }

    get [Symbol.toStringTag]() { return 'Request'; }
  }
  mixin(Request);

  // ---------------------------------------------------------------- Response

  const REASON = /^[\t\x20-\x7e\x80-\xff]*$/;
  const H = internal.headers;

  function initResponse(st, init, body) {
    if (init === undefined || init === null) init = {};
    else if (typeof init !== 'object') throw new TypeError("Failed to construct 'Response': The provided value is not of type 'ResponseInit'.");
    const status = init.status === undefined ? 200 : Number(init.status);
    if (!Number.isInteger(status) || status < 200 || status > 599) {
      throw new RangeError(`Failed to construct 'Response': The status provided (${init.status}) is outside the range [200, 599].`);
    }
    const statusText = init.statusText === undefined ? '' : String(init.statusText);
    if (statusText !== '' && !REASON.test(statusText)) throw new TypeError("Failed to construct 'Response': Invalid statusText");
    st.status = status;
    st.statusText = statusText;
    if (init.headers === undefined) {
      st.headers = H.fromTrustedList([], 'response');
    } else {
      st.headers = new Headers(init.headers);
      H.setGuard(st.headers, 'response');
    }
    if (body !== null && body !== undefined) {
      if (NULL_BODY_STATUS.has(status)) throw new TypeError('Response with null body status cannot have body');
      const out = extractBody(body, {});
      if (out.type !== null && !H.has(st.headers, 'content-type')) H.append(st.headers, 'content-type', out.type);
      st.body = newBody(out.src);
    }
  }

  class Response {
    constructor(body = null, init = undefined) {
      if (body === FAST_INIT) {
        // Trusted state: { status, statusText, headers (Headers), body (src), url, redirected, type }
        const st = init;
        st.body = st.body === null ? null : newBody(st.body);
        this[kState] = st;
        return;
      }
      const st = { type: 'default', url: '', redirected: false, status: 200, statusText: '', headers: null, body: null };
      this[kState] = st;
      initResponse(st, init, body);
    }

    static json(data, init = undefined) {
      const text = JSON.stringify(data);
      if (text === undefined) throw new TypeError('Value is not JSON serializable');
      const res = new this(null, init);
      const st = res[kState];
      if (NULL_BODY_STATUS.has(st.status)) throw new TypeError('Response with null body status cannot have body');
      st.body = newBody(text);
      if (!H.has(st.headers, 'content-type')) H.append(st.headers, 'content-type', 'application/json');
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
      const headers = internal.headers.fromTrustedList(['location', parsed.href], 'immutable');
      return new Response(FAST_INIT, { type: 'default', url: '', redirected: false, status, statusText: '', headers, body: null });
    }

    static error() {
      const headers = internal.headers.fromTrustedList([], 'immutable');
      return new Response(FAST_INIT, { type: 'error', url: '', redirected: false, status: 0, statusText: '', headers, body: null });
    }

    get type() { return this[kState].type; }
    get url() { return this[kState].url; }
    get redirected() { return this[kState].redirected; }
    get status() { return this[kState].status; }
    get ok() { const s = this[kState].status; return s >= 200 && s <= 299; }
    get statusText() { return this[kState].statusText; }
    get headers() { return this[kState].headers; }

    clone() {
      const st = this[kState];
      if (st.body !== null && disturbed(st.body)) throw new TypeError('Response.clone: Body has already been consumed.');
      const headers = new Headers(st.headers);
      internal.headers.setGuard(headers, internal.headers.guard ? internal.headers.guard(st.headers) : 'response');
      const copy = Object.create(Object.getPrototypeOf(this));
      copy[kState] = { ...st, headers, body: cloneBody(st.body) };
      return copy;
    }

    get [Symbol.toStringTag]() { return 'Response'; }
  }
  mixin(Response);

  const define = (name, value) =>
    Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });
  define('Request', Request);
  define('Response', Response);

  internal.body = { extractBody, bodyStream, toUint8, readAllStream, newBody, encoder, NULL_BODY_STATUS, REDIRECT_STATUS };
})();
