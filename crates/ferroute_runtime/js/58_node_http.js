// node:http and node:https: the client half of Node 20's API (`request`, `get`, `Agent`,
// `ClientRequest`, `IncomingMessage`), written over the native HTTP client of fetch()
// (src/fetch.rs: hyper pools keep-alive connections per host and does TLS with the Mozilla
// roots plus NODE_EXTRA_CA_CERTS). Route handlers do not listen, so `createServer` throws.
//
// What differs from Node: there is no real socket (`req.socket` is a small stand-in that
// answers the calls libraries make on it), agents only hold options (hyper owns the pool,
// a custom agent such as a proxy agent is not consulted), TLS options (`ca`, `cert`,
// `rejectUnauthorized: false`) are not honoured, and response headers arrive lowercase.
(() => {
  'use strict';
  const internal = globalThis[Symbol.for('ferroute.internal')];
  const native = internal.native;
  const builtin = internal.builtin;
  const EventEmitter = builtin('events');
  const { Readable, Writable } = builtin('stream');
  const Buffer = globalThis.Buffer || builtin('buffer').Buffer;
  const setTimer = globalThis.setTimeout;
  const clearTimer = globalThis.clearTimeout;

  function nextTick(fn, ...args) {
    const p = globalThis.process;
    if (p && typeof p.nextTick === 'function') p.nextTick(fn, ...args);
    else queueMicrotask(() => fn(...args));
  }
  const later = typeof globalThis.setImmediate === 'function'
    ? (fn) => globalThis.setImmediate(fn)
    : (fn) => setTimer(fn, 0);
  const cancelLater = typeof globalThis.clearImmediate === 'function'
    ? (t) => globalThis.clearImmediate(t)
    : (t) => clearTimer(t);

  // ------------------------------------------------------------------ errors

  const { coded } = internal.nodeErrors;
  function unsupported(what) {
    return coded(Error, 'ERR_FERROUTE_UNSUPPORTED',
      `${what} is not available in ferroute: route handlers do not listen for connections (see docs/compat.md)`);
  }
  /** Node's `socket hang up` / `aborted` errors. */
  function connReset(message) {
    const e = new Error(message);
    e.code = 'ECONNRESET';
    return e;
  }
  function abortError(signal) {
    const e = new Error('The operation was aborted');
    e.name = 'AbortError';
    e.code = 'ABORT_ERR';
    if (signal && signal.reason !== undefined) e.cause = signal.reason;
    return e;
  }

  // Node's error for a failed connection, from the text of the native client's error.
  // [pattern, code, errno (Linux), syscall, message]
  const NET_ERRORS = [
    [/connection refused/i, 'ECONNREFUSED', -111, 'connect', (h, p) => `connect ECONNREFUSED ${h}:${p}`],
    [/dns error|failed to lookup|name or service not known|nodename nor servname|no address associated|name resolution/i,
      'ENOTFOUND', -3008, 'getaddrinfo', (h) => `getaddrinfo ENOTFOUND ${h}`],
    [/timed out/i, 'ETIMEDOUT', -110, 'connect', (h, p) => `connect ETIMEDOUT ${h}:${p}`],
    [/no route to host/i, 'EHOSTUNREACH', -113, 'connect', (h, p) => `connect EHOSTUNREACH ${h}:${p}`],
    [/network is unreachable/i, 'ENETUNREACH', -101, 'connect', (h, p) => `connect ENETUNREACH ${h}:${p}`],
    [/expired/i, 'CERT_HAS_EXPIRED', undefined, undefined, () => 'certificate has expired'],
    [/notvalidyet|not valid yet/i, 'CERT_NOT_YET_VALID', undefined, undefined, () => 'certificate is not yet valid'],
    [/self[- ]signed/i, 'DEPTH_ZERO_SELF_SIGNED_CERT', undefined, undefined, () => 'self-signed certificate'],
    [/unknownissuer|unknown issuer/i, 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', undefined, undefined, () => 'unable to verify the first certificate'],
    [/notvalidforname|not valid for name|certificate is not valid for/i, 'ERR_TLS_CERT_ALTNAME_INVALID', undefined, undefined,
      (h) => `Hostname/IP does not match certificate's altnames: Host: ${h}. is not in the cert's altnames`],
    [/revoked/i, 'CERT_REVOKED', undefined, undefined, () => 'certificate revoked'],
    [/invalid peer certificate|certificate|handshake|tls/i, 'EPROTO', -71, 'write', (h, p) => `TLS handshake with ${h}:${p} failed`],
    [/connection reset|reset by peer|broken pipe|connection closed|incompletemessage|connection error|unexpected eof|canceled/i,
      'ECONNRESET', -104, 'read', () => 'socket hang up'],
  ];

  /** The Node error for a rejected native fetch (`TypeError('fetch failed')` with a cause). */
  function netError(e, host, port) {
    const why = e && e.cause && e.cause.message ? String(e.cause.message) : String(e && e.message || e);
    for (const [re, code, errno, syscall, message] of NET_ERRORS) {
      if (!re.test(why)) continue;
      const err = new Error(message(host, port));
      err.code = code;
      if (errno !== undefined) err.errno = errno;
      if (syscall !== undefined) err.syscall = syscall;
      if (syscall === 'getaddrinfo') err.hostname = host;
      else if (syscall === 'connect') {
        err.address = host;
        err.port = port;
      }
      err.cause = e && e.cause !== undefined ? e.cause : e;
      return err;
    }
    const err = new Error(why);
    if (/invalid request|invalid uri|invalid header/i.test(why)) err.code = 'ERR_INVALID_ARG_VALUE';
    err.cause = e && e.cause !== undefined ? e.cause : e;
    return err;
  }

  // ------------------------------------------------------------------ tables

  const METHODS = ['ACL', 'BIND', 'CHECKOUT', 'CONNECT', 'COPY', 'DELETE', 'GET', 'HEAD', 'LINK', 'LOCK', 'M-SEARCH', 'MERGE', 'MKACTIVITY', 'MKCALENDAR', 'MKCOL', 'MOVE', 'NOTIFY', 'OPTIONS', 'PATCH', 'POST', 'PROPFIND', 'PROPPATCH', 'PURGE', 'PUT', 'QUERY', 'REBIND', 'REPORT', 'SEARCH', 'SOURCE', 'SUBSCRIBE', 'TRACE', 'UNBIND', 'UNLINK', 'UNLOCK', 'UNSUBSCRIBE'];

  const STATUS_CODES = {
    100: 'Continue', 101: 'Switching Protocols', 102: 'Processing', 103: 'Early Hints',
    200: 'OK', 201: 'Created', 202: 'Accepted', 203: 'Non-Authoritative Information', 204: 'No Content',
    205: 'Reset Content', 206: 'Partial Content', 207: 'Multi-Status', 208: 'Already Reported', 226: 'IM Used',
    300: 'Multiple Choices', 301: 'Moved Permanently', 302: 'Found', 303: 'See Other', 304: 'Not Modified',
    305: 'Use Proxy', 307: 'Temporary Redirect', 308: 'Permanent Redirect',
    400: 'Bad Request', 401: 'Unauthorized', 402: 'Payment Required', 403: 'Forbidden', 404: 'Not Found',
    405: 'Method Not Allowed', 406: 'Not Acceptable', 407: 'Proxy Authentication Required', 408: 'Request Timeout',
    409: 'Conflict', 410: 'Gone', 411: 'Length Required', 412: 'Precondition Failed', 413: 'Payload Too Large',
    414: 'URI Too Long', 415: 'Unsupported Media Type', 416: 'Range Not Satisfiable', 417: 'Expectation Failed',
    418: "I'm a Teapot", 421: 'Misdirected Request', 422: 'Unprocessable Entity', 423: 'Locked',
    424: 'Failed Dependency', 425: 'Too Early', 426: 'Upgrade Required', 428: 'Precondition Required',
    429: 'Too Many Requests', 431: 'Request Header Fields Too Large', 451: 'Unavailable For Legal Reasons',
    500: 'Internal Server Error', 501: 'Not Implemented', 502: 'Bad Gateway', 503: 'Service Unavailable',
    504: 'Gateway Timeout', 505: 'HTTP Version Not Supported', 506: 'Variant Also Negotiates',
    507: 'Insufficient Storage', 508: 'Loop Detected', 509: 'Bandwidth Limit Exceeded', 510: 'Not Extended',
    511: 'Network Authentication Required',
  };

  // ------------------------------------------------------------------ header rules

  const TOKEN = /^[\^_`a-zA-Z\-0-9!#$%&'*+.|~]+$/;
  const INVALID_HEADER_CHAR = /[^\t\x20-\x7e\x80-\xff]/;
  const INVALID_PATH = /[^\u0021-\u00ff]/;

  function validateHeaderName(name, label) {
    if (typeof name !== 'string' || !name || !TOKEN.test(name)) {
      throw coded(TypeError, 'ERR_INVALID_HTTP_TOKEN', `${label || 'Header name'} must be a valid HTTP token ["${name}"]`);
    }
  }
  function validateHeaderValue(name, value) {
    if (value === undefined) {
      throw coded(TypeError, 'ERR_HTTP_INVALID_HEADER_VALUE', `Invalid value "${value}" for header "${name}"`);
    }
    const values = Array.isArray(value) ? value : [value];
    for (const v of values) {
      if (INVALID_HEADER_CHAR.test(String(v))) {
        throw coded(TypeError, 'ERR_INVALID_CHAR', `Invalid character in header content ["${name}"]`);
      }
    }
  }

  // Response headers Node keeps once (a repeat is dropped), as its parser does.
  const SINGLE = new Set(['age', 'authorization', 'content-length', 'content-type', 'etag', 'expires', 'from',
    'host', 'if-modified-since', 'if-unmodified-since', 'last-modified', 'location', 'max-forwards',
    'proxy-authorization', 'referer', 'retry-after', 'server', 'user-agent']);

  /**
   * `message.headers` and `message.headersDistinct` from a flat [name, value, ...] list:
   * names lowercase; `set-cookie` an array; single-value headers keep their first value;
   * `cookie` joined with '; ', every other repeat with ', '.
   */
  function joinHeaders(flat) {
    const headers = {};
    const distinct = {};
    for (let i = 0; i + 1 < flat.length; i += 2) {
      const name = String(flat[i]).toLowerCase();
      const value = String(flat[i + 1]);
      if (distinct[name] === undefined) distinct[name] = [value];
      else distinct[name].push(value);
      const prev = headers[name];
      if (name === 'set-cookie') {
        if (prev === undefined) headers[name] = [value];
        else prev.push(value);
      } else if (prev === undefined) {
        headers[name] = value;
      } else if (!SINGLE.has(name)) {
        headers[name] = prev + (name === 'cookie' ? '; ' : ', ') + value;
      }
    }
    return { headers, headersDistinct: distinct };
  }

  // ------------------------------------------------------------------ options

  function isURL(v) {
    return v != null && typeof v === 'object' && typeof v.href === 'string' && typeof v.protocol === 'string'
      && typeof v.origin === 'string' && v.searchParams !== undefined;
  }

  /** Node's `url.urlToHttpOptions`. */
  function urlToHttpOptions(url) {
    const hostname = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
    const options = {
      protocol: url.protocol,
      hostname,
      hash: url.hash,
      search: url.search,
      pathname: url.pathname,
      path: `${url.pathname || ''}${url.search || ''}`,
      href: url.href,
    };
    if (url.port !== '') options.port = Number(url.port);
    if (url.username || url.password) {
      options.auth = `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
    }
    return options;
  }

  /** (input, options, cb) of `request()` → [options, cb], as Node merges them. */
  function normalizeArgs(input, options, cb) {
    if (typeof input === 'string') {
      let url;
      try {
        url = new URL(input);
      } catch {
        throw coded(TypeError, 'ERR_INVALID_URL', 'Invalid URL', { input });
      }
      input = urlToHttpOptions(url);
    } else if (isURL(input)) {
      input = urlToHttpOptions(input);
    } else {
      cb = options;
      options = input;
      input = null;
    }
    if (typeof options === 'function') {
      cb = options;
      options = input || {};
    } else {
      options = Object.assign(input || {}, options);
    }
    return [options, typeof cb === 'function' ? cb : undefined];
  }

  /**
   * What a request goes to, from its options: protocol, host, port, path, method, and the
   * URL the native client is given. Throws Node's errors for bad values.
   */
  function resolveTarget(options, defaultAgent, agent) {
    let expected = defaultAgent.protocol;
    if (agent && typeof agent.protocol === 'string') expected = agent.protocol;
    const protocol = options.protocol || expected;
    if (protocol !== expected) {
      throw coded(TypeError, 'ERR_INVALID_PROTOCOL', `Protocol "${protocol}" not supported. Expected "${expected}"`);
    }
    const defaultPort = options.defaultPort || (agent && agent.defaultPort) || defaultAgent.defaultPort;
    let host = options.hostname || options.host || 'localhost';
    if (typeof host !== 'string') {
      throw internal.nodeErrors.invalidArgType('options.host', 'of type string', host);
    }
    let port = options.port;
    // `host: 'example.com:8080'` (one colon, not IPv6): take the port from it.
    if (!options.hostname && host.indexOf(':') !== -1 && host.indexOf(':') === host.lastIndexOf(':')) {
      const i = host.indexOf(':');
      if (port == null || port === '') port = host.slice(i + 1);
      host = host.slice(0, i);
    }
    if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
    if (port == null || port === '') port = defaultPort;
    port = Number(port);
    if (!Number.isInteger(port) || port < 0 || port > 65535) {
      throw coded(RangeError, 'ERR_SOCKET_BAD_PORT', `options.port should be >= 0 and < 65536. Received ${options.port}.`);
    }
    const method = options.method == null ? 'GET' : options.method;
    if (typeof method !== 'string') {
      throw internal.nodeErrors.invalidArgType('options.method', 'of type string', method);
    }
    validateHeaderName(method, 'Method');
    const path = options.path == null ? '/' : String(options.path);
    if (INVALID_PATH.test(path)) {
      throw coded(TypeError, 'ERR_UNESCAPED_CHARACTERS', 'Request path contains unescaped characters');
    }
    const ipv6 = host.includes(':');
    const urlHost = ipv6 ? `[${host}]` : host;
    let target;
    if (/^https?:\/\//i.test(path)) target = path; // absolute-form (a proxy request)
    else target = `${protocol}//${urlHost}:${port}${path.startsWith('/') ? path : `/${path}`}`;
    let hostHeader = urlHost;
    if (port !== defaultPort) hostHeader += `:${port}`;
    return { protocol, host, port, defaultPort, method: method.toUpperCase(), path, url: target, hostHeader };
  }

  // ------------------------------------------------------------------ Agent

  function Agent(options) {
    if (!(this instanceof Agent)) return new Agent(options);
    EventEmitter.call(this);
    const opts = { __proto__: null, ...options };
    if (opts.noDelay === undefined) opts.noDelay = true;
    opts.path = null;
    this.defaultPort = 80;
    this.protocol = 'http:';
    this.options = opts;
    this.requests = { __proto__: null };
    this.sockets = { __proto__: null };
    this.freeSockets = { __proto__: null };
    this.keepAliveMsecs = opts.keepAliveMsecs || 1000;
    this.keepAlive = opts.keepAlive || false;
    this.maxSockets = opts.maxSockets || Agent.defaultMaxSockets;
    this.maxFreeSockets = opts.maxFreeSockets || 256;
    this.maxTotalSockets = opts.maxTotalSockets || Infinity;
    this.totalSocketCount = 0;
    this.scheduling = opts.scheduling || 'lifo';
  }
  Object.setPrototypeOf(Agent.prototype, EventEmitter.prototype);
  Object.setPrototypeOf(Agent, EventEmitter);
  Agent.defaultMaxSockets = Infinity;
  Agent.prototype.createConnection = function createConnection() {
    throw unsupported('http.Agent.createConnection() (raw sockets)');
  };
  Agent.prototype.getName = function getName(options = {}) {
    let name = options.host || 'localhost';
    name += ':';
    if (options.port) name += options.port;
    name += ':';
    if (options.localAddress) name += options.localAddress;
    if (options.family === 4 || options.family === 6) name += `:${options.family}`;
    if (options.socketPath) name += `:${options.socketPath}`;
    return name;
  };
  // The native client pools connections itself: these are kept for subclasses to call.
  Agent.prototype.addRequest = function addRequest() {};
  Agent.prototype.createSocket = function createSocket(req, options, cb) {
    if (typeof cb === 'function') cb(unsupported('http.Agent.createSocket() (raw sockets)'));
  };
  Agent.prototype.removeSocket = function removeSocket() {};
  Agent.prototype.keepSocketAlive = function keepSocketAlive() { return true; };
  Agent.prototype.reuseSocket = function reuseSocket() {};
  Agent.prototype.destroy = function destroy() {};

  function HttpsAgent(options) {
    if (!(this instanceof HttpsAgent)) return new HttpsAgent(options);
    Agent.call(this, options);
    this.defaultPort = 443;
    this.protocol = 'https:';
    this.maxCachedSessions = this.options.maxCachedSessions === undefined ? 100 : this.options.maxCachedSessions;
    this._sessionCache = { map: {}, list: [] };
  }
  Object.setPrototypeOf(HttpsAgent.prototype, Agent.prototype);
  Object.setPrototypeOf(HttpsAgent, Agent);

  const httpGlobalAgent = new Agent({ keepAlive: true, scheduling: 'lifo', timeout: 5000 });
  const httpsGlobalAgent = new HttpsAgent({ keepAlive: true, scheduling: 'lifo', timeout: 5000 });

  // ------------------------------------------------------------------ the socket stand-in

  /** What `req.socket` / `res.socket` answer: no bytes flow through it. */
  function FakeSocket(req, target) {
    EventEmitter.call(this);
    this._req = req;
    this._idleMs = 0;
    this._timer = null;
    this.connecting = false;
    this.pending = false;
    this.destroyed = false;
    this.readable = true;
    this.writable = true;
    this.encrypted = target.protocol === 'https:' ? true : undefined;
    this.authorized = target.protocol === 'https:' ? true : undefined;
    this.alpnProtocol = target.protocol === 'https:' ? 'http/1.1' : undefined;
    this.servername = target.protocol === 'https:' ? target.host : undefined;
    this.remoteAddress = target.host;
    this.remotePort = target.port;
    this.remoteFamily = target.host.includes(':') ? 'IPv6' : 'IPv4';
    this.localAddress = undefined;
    this.localPort = undefined;
    this.bytesRead = 0;
    this.bytesWritten = 0;
    this.timeout = 0;
  }
  Object.setPrototypeOf(FakeSocket.prototype, EventEmitter.prototype);
  FakeSocket.prototype.setTimeout = function setTimeout(ms, cb) {
    ms = Number(ms) || 0;
    this.timeout = ms;
    this._idleMs = ms;
    if (typeof cb === 'function') {
      if (ms === 0) this.removeListener('timeout', cb);
      else this.once('timeout', cb);
    }
    this._arm();
    return this;
  };
  FakeSocket.prototype._arm = function _arm() {
    if (this._timer !== null) clearTimer(this._timer);
    this._timer = null;
    if (this._idleMs > 0 && !this.destroyed) {
      this._timer = setTimer(() => {
        this._timer = null;
        this.emit('timeout');
      }, this._idleMs);
    }
  };
  /** Activity (a response chunk): restarts the idle timer. */
  FakeSocket.prototype._touch = function _touch() {
    if (this._idleMs > 0) this._arm();
  };
  FakeSocket.prototype._close = function _close(hadError) {
    if (this._timer !== null) clearTimer(this._timer);
    this._timer = null;
    this._idleMs = 0;
    if (this.destroyed) return;
    this.destroyed = true;
    this.readable = false;
    this.writable = false;
    nextTick(() => this.emit('close', !!hadError));
  };
  FakeSocket.prototype.setNoDelay = function setNoDelay() { return this; };
  FakeSocket.prototype.setKeepAlive = function setKeepAlive() { return this; };
  FakeSocket.prototype.ref = function ref() { return this; };
  FakeSocket.prototype.unref = function unref() { return this; };
  FakeSocket.prototype.pause = function pause() { return this; };
  FakeSocket.prototype.resume = function resume() { return this; };
  FakeSocket.prototype.setEncoding = function setEncoding() { return this; };
  FakeSocket.prototype.write = function write() { return true; };
  FakeSocket.prototype.end = function end() { return this; };
  FakeSocket.prototype.destroySoon = function destroySoon() { this.destroy(); };
  FakeSocket.prototype.destroy = function destroy(err) {
    if (this._req) this._req.destroy(err);
    return this;
  };
  FakeSocket.prototype.address = function address() {
    return {};
  };
  FakeSocket.prototype.getPeerCertificate = function getPeerCertificate() { return {}; };
  FakeSocket.prototype.getCipher = function getCipher() { return undefined; };
  FakeSocket.prototype.getProtocol = function getProtocol() { return this.encrypted ? 'TLSv1.3' : null; };
  FakeSocket.prototype.getSession = function getSession() { return undefined; };
  FakeSocket.prototype.isSessionReused = function isSessionReused() { return false; };

  // ------------------------------------------------------------------ OutgoingMessage

  const kHeaders = Symbol('headers'); // lowercase name → [name as set, value]

  function OutgoingMessage(options) {
    if (!(this instanceof OutgoingMessage)) throw unsupported('http.OutgoingMessage');
    Writable.call(this, { autoDestroy: false, emitClose: false, decodeStrings: true, ...options });
    this[kHeaders] = new Map();
    this._header = null;
    this.sendDate = false;
    this.chunkedEncoding = false;
    this.useChunkedEncodingByDefault = true;
    this.shouldKeepAlive = true;
    this.maxRequestsOnConnectionReached = false;
    this.outputData = [];
    this.outputSize = 0;
    this.socket = null;
    this.connection = null;
    this.strictContentLength = false;
  }
  Object.setPrototypeOf(OutgoingMessage.prototype, Writable.prototype);
  Object.setPrototypeOf(OutgoingMessage, Writable);

  function headersSentError(action) {
    return coded(Error, 'ERR_HTTP_HEADERS_SENT', `Cannot ${action} headers after they are sent to the client`);
  }

  OutgoingMessage.prototype.setHeader = function setHeader(name, value) {
    if (this._header) throw headersSentError('set');
    validateHeaderName(name);
    validateHeaderValue(name, value);
    this[kHeaders].set(name.toLowerCase(), [name, value]);
    return this;
  };
  OutgoingMessage.prototype.appendHeader = function appendHeader(name, value) {
    if (this._header) throw headersSentError('append');
    validateHeaderName(name);
    validateHeaderValue(name, value);
    const key = name.toLowerCase();
    const prev = this[kHeaders].get(key);
    if (prev === undefined) this[kHeaders].set(key, [name, value]);
    else {
      const a = Array.isArray(prev[1]) ? prev[1] : [prev[1]];
      this[kHeaders].set(key, [prev[0], a.concat(value)]);
    }
    return this;
  };
  OutgoingMessage.prototype.setHeaders = function setHeaders(headers) {
    if (this._header) throw headersSentError('set');
    if (headers == null || typeof headers !== 'object') {
      throw coded(TypeError, 'ERR_INVALID_ARG_TYPE', 'The "headers" argument must be an instance of Headers or Map');
    }
    for (const [k, v] of headers) this.setHeader(k, v);
    return this;
  };
  OutgoingMessage.prototype.getHeader = function getHeader(name) {
    if (typeof name !== 'string') {
      throw internal.nodeErrors.invalidArgType('name', 'of type string', name);
    }
    const e = this[kHeaders].get(name.toLowerCase());
    return e === undefined ? undefined : e[1];
  };
  OutgoingMessage.prototype.getHeaders = function getHeaders() {
    const out = { __proto__: null };
    for (const [k, [, v]] of this[kHeaders]) out[k] = v;
    return out;
  };
  OutgoingMessage.prototype.getHeaderNames = function getHeaderNames() {
    return [...this[kHeaders].keys()];
  };
  OutgoingMessage.prototype.getRawHeaderNames = function getRawHeaderNames() {
    return [...this[kHeaders].values()].map((e) => e[0]);
  };
  OutgoingMessage.prototype.hasHeader = function hasHeader(name) {
    if (typeof name !== 'string') {
      throw internal.nodeErrors.invalidArgType('name', 'of type string', name);
    }
    return this[kHeaders].has(name.toLowerCase());
  };
  OutgoingMessage.prototype.removeHeader = function removeHeader(name) {
    if (this._header) throw headersSentError('remove');
    this[kHeaders].delete(String(name).toLowerCase());
  };
  OutgoingMessage.prototype.addTrailers = function addTrailers() {};
  OutgoingMessage.prototype.flushHeaders = function flushHeaders() {};
  Object.defineProperty(OutgoingMessage.prototype, 'headersSent', {
    get() { return !!this._header; }, configurable: true,
  });
  Object.defineProperty(OutgoingMessage.prototype, 'finished', {
    get() { return this._writableState.ending; }, configurable: true,
  });

  /** The headers as the flat [name, value, ...] list the native client takes. */
  function flatHeaders(msg, dropTransferEncoding) {
    const flat = [];
    for (const [key, [name, value]] of msg[kHeaders]) {
      if (dropTransferEncoding && key === 'transfer-encoding') continue;
      if (Array.isArray(value)) for (const v of value) flat.push(name, String(v));
      else flat.push(name, String(value));
    }
    return flat;
  }

  // ------------------------------------------------------------------ ClientRequest

  // Methods that send no body unless one is written: their flushHeaders() waits for end().
  const NO_BODY_BY_DEFAULT = new Set(['GET', 'HEAD', 'DELETE', 'OPTIONS', 'TRACE', 'CONNECT']);
  const IDLE = 0; // nothing sent: written chunks are held
  const STREAMING = 1; // the request is out, its body streams through an upload channel
  const SENT = 2; // the request is out with its whole body

  function ClientRequest(input, options, cb) {
    if (!(this instanceof ClientRequest)) return new ClientRequest(input, options, cb);
    [options, cb] = normalizeArgs(input, options, cb);
    const defaultAgent = options._defaultAgent || httpGlobalAgent;
    let agent = options.agent;
    if (agent === false) agent = new defaultAgent.constructor();
    else if (agent == null) agent = defaultAgent;
    const target = resolveTarget(options, defaultAgent, agent);
    OutgoingMessage.call(this);
    this.agent = agent;
    this._target = target;
    this.method = target.method;
    this.path = target.path;
    this.host = target.host;
    this.protocol = target.protocol;
    this.port = target.port;
    this.aborted = false;
    this.res = null;
    this.reusedSocket = false;
    this.timeoutCb = null;
    this.maxHeadersCount = null;
    this.upgradeOrConnect = false;
    this.parser = null;
    this.useChunkedEncodingByDefault = !NO_BODY_BY_DEFAULT.has(target.method);
    this._mode = IDLE;
    this._chunks = [];
    this._startTimer = null;
    this._uploadId = null;
    this._upload = Promise.resolve();
    this._bodyId = null;
    this._closed = false;
    this._hadError = false;
    this._fakeSocket = new FakeSocket(this, target);

    const headers = options.headers;
    if (Array.isArray(headers)) {
      const pairs = headers.length && Array.isArray(headers[0]);
      if (!pairs && headers.length % 2 !== 0) {
        throw coded(TypeError, 'ERR_INVALID_ARG_VALUE', "The argument 'options.headers' is invalid.");
      }
      const add = (k, v) => {
        if (this.hasHeader(k)) this.appendHeader(k, v);
        else this.setHeader(k, v);
      };
      if (pairs) for (const [k, v] of headers) add(k, v);
      else for (let i = 0; i < headers.length; i += 2) add(headers[i], headers[i + 1]);
    } else if (headers != null) {
      for (const k of Object.keys(headers)) {
        if (headers[k] !== undefined) this.setHeader(k, headers[k]);
      }
    }
    if (options.setHost !== false && !this.hasHeader('host')) this.setHeader('Host', target.hostHeader);
    if (options.auth && !this.hasHeader('authorization')) {
      this.setHeader('Authorization', `Basic ${Buffer.from(String(options.auth)).toString('base64')}`);
    }
    if (cb) this.once('response', cb);
    if (options.timeout !== undefined) this.setTimeout(options.timeout);

    const signal = options.signal;
    if (signal != null) {
      if (signal.aborted) {
        nextTick(() => this.destroy(abortError(signal)));
      } else {
        const onAbort = () => this.destroy(abortError(signal));
        signal.addEventListener('abort', onAbort, { once: true });
        this._signalCleanup = () => signal.removeEventListener('abort', onAbort);
      }
    }

    nextTick(() => {
      if (this._closed) return;
      this.socket = this.connection = this._fakeSocket;
      this.emit('socket', this._fakeSocket);
    });
  }
  Object.setPrototypeOf(ClientRequest.prototype, OutgoingMessage.prototype);
  Object.setPrototypeOf(ClientRequest, OutgoingMessage);

  ClientRequest.prototype._write = function _write(chunk, encoding, cb) {
    if (this.destroyed) return cb();
    if (this._mode === IDLE) {
      this._chunks.push(chunk);
      // Writes of one tick (write + end, a buffer piped at once) go out as one body.
      if (this._startTimer === null) {
        this._startTimer = later(() => {
          this._startTimer = null;
          if (this._mode === IDLE && !this.destroyed && !this._writableState.ending) this._startStreaming();
        });
      }
      return cb();
    }
    if (this._mode === STREAMING) {
      const id = this._uploadId;
      this._upload = this._upload.then(() => native.uploadWrite(id, chunk)).then(() => cb(), () => cb());
      return;
    }
    cb();
  };

  ClientRequest.prototype._final = function _final(cb) {
    if (this._startTimer !== null) {
      cancelLater(this._startTimer);
      this._startTimer = null;
    }
    if (this.destroyed) return cb();
    if (this._mode === IDLE) {
      const chunks = this._chunks;
      this._chunks = [];
      const body = chunks.length === 0 ? null : chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
      this._start(body, false);
      return cb();
    }
    if (this._mode === STREAMING) {
      const id = this._uploadId;
      this._upload = this._upload.then(() => {
        native.uploadEnd(id, false);
        cb();
      });
      return;
    }
    cb();
  };

  ClientRequest.prototype._startStreaming = function _startStreaming() {
    const id = native.uploadCreate();
    this._uploadId = id;
    const held = this._chunks;
    this._chunks = [];
    this._start(id, true);
    for (const chunk of held) this._upload = this._upload.then(() => native.uploadWrite(id, chunk)).then(() => {}, () => {});
  };

  ClientRequest.prototype.flushHeaders = function flushHeaders() {
    if (this._mode !== IDLE || this.destroyed) return;
    if (NO_BODY_BY_DEFAULT.has(this.method) && !this.hasHeader('content-length') && !this.hasHeader('transfer-encoding')) return;
    if (this._startTimer !== null) {
      cancelLater(this._startTimer);
      this._startTimer = null;
    }
    this._startStreaming();
  };

  /** Sends the request: `body` is null, bytes, or an upload id (`streaming`). */
  ClientRequest.prototype._start = function _start(body, streaming) {
    this._mode = streaming ? STREAMING : SENT;
    const t = this._target;
    const flat = flatHeaders(this, !streaming);
    let head = `${this.method} ${this.path} HTTP/1.1\r\n`;
    for (let i = 0; i < flat.length; i += 2) head += `${flat[i]}: ${flat[i + 1]}\r\n`;
    this._header = `${head}\r\n`;
    this._headerSent = true;
    let promise;
    try {
      promise = native.fetch(this.method, t.url, flat, body);
    } catch (e) {
      promise = Promise.reject(e);
    }
    // A listener's throw is an uncaught error, as in Node (not a rejection nobody sees).
    promise.then((h) => this._onResponse(h), (e) => this._onError(netError(e, t.host, t.port)))
      .then(undefined, (e) => internal.reportError(e));
  };

  ClientRequest.prototype._onError = function _onError(err) {
    if (this.destroyed || this._closed) return;
    this.destroyed = true;
    this._cleanup();
    this._hadError = true;
    this._fakeSocket._close(true);
    this.emit('error', err);
    this._emitClose();
  };

  ClientRequest.prototype._onResponse = function _onResponse([status, statusText, flat, bodyId]) {
    if (this.destroyed || this._closed) {
      native.fetchCancel(bodyId);
      return;
    }
    const res = new IncomingMessage(this._fakeSocket);
    const { headers, headersDistinct } = joinHeaders(flat);
    res.statusCode = status;
    res.statusMessage = statusText || STATUS_CODES[status] || '';
    res.headers = headers;
    res.headersDistinct = headersDistinct;
    res.rawHeaders = flat.slice();
    res.req = this;
    const noBody = this.method === 'HEAD' || status === 204 || status === 304 || (status >= 100 && status < 200);
    if (noBody) native.fetchCancel(bodyId);
    else res._bodyId = bodyId;
    this._bodyId = noBody ? null : bodyId;
    this.res = res;
    const sock = this._fakeSocket;
    const onSocketTimeout = () => {
      if (res.listenerCount('timeout') > 0) res.emit('timeout');
    };
    sock.on('timeout', onSocketTimeout);
    res.on('end', () => {
      sock.removeListener('timeout', onSocketTimeout);
      if (this._closed) return;
      this._cleanup();
      nextTick(() => {
        this.destroyed = true;
        this._emitClose();
      });
    });
    if (!this.emit('response', res)) res._dump();
  };

  ClientRequest.prototype._cleanup = function _cleanup() {
    if (this._signalCleanup) {
      this._signalCleanup();
      this._signalCleanup = null;
    }
    if (this._startTimer !== null) {
      cancelLater(this._startTimer);
      this._startTimer = null;
    }
    const sock = this._fakeSocket;
    if (sock._timer !== null) clearTimer(sock._timer);
    sock._timer = null;
    sock._idleMs = 0;
  };

  ClientRequest.prototype._emitClose = function _emitClose() {
    if (this._closed) return;
    this._closed = true;
    this.emit('close');
  };

  ClientRequest.prototype.destroy = function destroy(err) {
    if (this.destroyed) return this;
    this.destroyed = true;
    this._cleanup();
    if (this._mode === STREAMING && this._uploadId !== null) native.uploadEnd(this._uploadId, true);
    if (this._mode === IDLE) this._mode = SENT; // nothing will be sent now
    const res = this.res;
    if (res) {
      if (!res.complete && !res.destroyed) {
        res.destroy(err || connReset('aborted'));
      } else if (this._bodyId !== null && !res.complete) {
        native.fetchCancel(this._bodyId);
      }
      this._fakeSocket._close(!!err);
      nextTick(() => this._emitClose());
    } else {
      this._fakeSocket._close(true);
      nextTick(() => {
        if (!this.aborted && !this._hadError) {
          this._hadError = true;
          this.emit('error', err || connReset('socket hang up'));
        } else if (err && !this._hadError) {
          this._hadError = true;
          this.emit('error', err);
        }
        this._emitClose();
      });
    }
    return this;
  };

  ClientRequest.prototype.abort = function abort() {
    if (this.aborted) return;
    this.aborted = true;
    nextTick(() => this.emit('abort'));
    this.destroy();
  };

  ClientRequest.prototype.setTimeout = function setTimeout(ms, cb) {
    if (typeof cb === 'function') this.once('timeout', cb);
    if (!this._timeoutRelay) {
      this._timeoutRelay = () => this.emit('timeout');
      this._fakeSocket.on('timeout', this._timeoutRelay);
    }
    this.timeoutCb = this._timeoutRelay;
    if (!this._closed && !this.destroyed) this._fakeSocket.setTimeout(ms);
    return this;
  };
  ClientRequest.prototype.setNoDelay = function setNoDelay() {};
  ClientRequest.prototype.setSocketKeepAlive = function setSocketKeepAlive() {};
  ClientRequest.prototype.onSocket = function onSocket() {};
  ClientRequest.prototype.clearTimeout = function clearTimeout(cb) {
    this.setTimeout(0, cb);
  };

  // ------------------------------------------------------------------ IncomingMessage

  function IncomingMessage(socket) {
    if (!(this instanceof IncomingMessage)) return new IncomingMessage(socket);
    Readable.call(this, {});
    this.socket = socket || null;
    this.connection = this.socket;
    this.httpVersionMajor = 1;
    this.httpVersionMinor = 1;
    this.httpVersion = '1.1';
    this.complete = false;
    this.rawHeaders = [];
    this.rawTrailers = [];
    this.headers = {};
    this.headersDistinct = {};
    this.trailers = {};
    this.trailersDistinct = {};
    this.joinDuplicateHeaders = false;
    this.aborted = false;
    this.upgrade = false;
    this.url = '';
    this.method = null;
    this.statusCode = null;
    this.statusMessage = null;
    this.client = this.socket;
    this.req = null;
    this._bodyId = null;
    this._reading = false;
    this._dumped = false;
  }
  Object.setPrototypeOf(IncomingMessage.prototype, Readable.prototype);
  Object.setPrototypeOf(IncomingMessage, Readable);

  IncomingMessage.prototype._read = function _read() {
    if (this._reading) return;
    const id = this._bodyId;
    if (id === null) {
      this.complete = true;
      this.push(null);
      return;
    }
    this._reading = true;
    native.fetchRead(id).then((chunk) => {
      this._reading = false;
      if (this.destroyed) return;
      if (chunk === undefined) {
        this._bodyId = null;
        this.complete = true;
        this.push(null);
        return;
      }
      if (this.socket && this.socket._touch) {
        this.socket.bytesRead += chunk.byteLength;
        this.socket._touch();
      }
      this.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    }, () => {
      this._reading = false;
      this._bodyId = null;
      if (this.destroyed) return;
      // The connection broke mid-body: Node's `aborted` (ECONNRESET).
      const req = this.req;
      this.destroy(connReset('aborted'));
      if (req && !req.destroyed) {
        req.destroyed = true;
        req._cleanup();
        req._fakeSocket._close(true);
        nextTick(() => req._emitClose());
      }
    });
  };

  IncomingMessage.prototype._destroy = function _destroy(err, cb) {
    if (!this.readableEnded || !this.complete) {
      this.aborted = true;
      this.emit('aborted');
    }
    if (this._bodyId !== null) {
      native.fetchCancel(this._bodyId);
      this._bodyId = null;
    }
    const req = this.req;
    if (req && !req._closed && !this.complete) {
      req.destroyed = true;
      req._cleanup();
      req._fakeSocket._close(!!err);
      nextTick(() => req._emitClose());
    }
    cb(err);
  };

  IncomingMessage.prototype._dump = function _dump() {
    if (this._dumped) return;
    this._dumped = true;
    this.removeAllListeners('data');
    this.resume();
  };

  IncomingMessage.prototype.setTimeout = function setTimeout(ms, cb) {
    if (typeof cb === 'function') this.on('timeout', cb);
    if (this.socket && typeof this.socket.setTimeout === 'function') this.socket.setTimeout(ms);
    return this;
  };

  // ------------------------------------------------------------------ the modules

  function ServerResponse() {
    throw unsupported('http.ServerResponse');
  }
  function Server() {
    throw unsupported('http.Server');
  }
  function createServer() {
    throw unsupported('http.createServer()');
  }

  const http = {
    Agent,
    globalAgent: httpGlobalAgent,
    ClientRequest,
    IncomingMessage,
    OutgoingMessage,
    ServerResponse,
    Server,
    createServer,
    METHODS,
    STATUS_CODES,
    maxHeaderSize: 16384,
    validateHeaderName: (name, label) => validateHeaderName(name, label),
    validateHeaderValue,
    setMaxIdleHTTPParsers: () => {},
    request(input, options, cb) {
      return new ClientRequest(input, options, cb);
    },
    get(input, options, cb) {
      const req = new ClientRequest(input, options, cb);
      req.end();
      return req;
    },
  };
  let httpGlobalAgentOverride = null;

  /** Requests through `https` default to its agent, port 443 and `https:`. */
  function httpsArgs(input, options, cb) {
    [options, cb] = normalizeArgs(input, options, cb);
    options = { ...options, _defaultAgent: https.globalAgent };
    return [options, cb];
  }
  let httpsGlobalAgent_ = httpsGlobalAgent;
  const https = {
    Agent: HttpsAgent,
    ClientRequest,
    IncomingMessage,
    Server,
    createServer,
    request(input, options, cb) {
      [options, cb] = httpsArgs(input, options, cb);
      return new ClientRequest(options, cb);
    },
    get(input, options, cb) {
      [options, cb] = httpsArgs(input, options, cb);
      const req = new ClientRequest(options, cb);
      req.end();
      return req;
    },
  };
  Object.defineProperty(https, 'globalAgent', {
    get() { return httpsGlobalAgent_; },
    set(v) { httpsGlobalAgent_ = v; },
    enumerable: true, configurable: true,
  });

  // `http.globalAgent = x` is honoured for requests that name no agent, as in Node.
  const httpRequest = http.request;
  const httpGet = http.get;
  const withGlobal = (input, options, cb) => {
    if (httpGlobalAgentOverride === null) return [input, options, cb];
    [options, cb] = normalizeArgs(input, options, cb);
    return [{ ...options, _defaultAgent: httpGlobalAgentOverride }, cb, undefined];
  };
  http.request = function request(input, options, cb) {
    return httpRequest(...withGlobal(input, options, cb));
  };
  http.get = function get(input, options, cb) {
    return httpGet(...withGlobal(input, options, cb));
  };
  Object.defineProperty(http, 'globalAgent', {
    get() { return httpGlobalAgentOverride || httpGlobalAgent; },
    set(v) { httpGlobalAgentOverride = v; },
    enumerable: true, configurable: true,
  });

  internal.http = { joinHeaders, normalizeArgs, resolveTarget, netError, urlToHttpOptions };
  internal.modules['node:http'] = http;
  internal.modules['node:https'] = https;
})();
