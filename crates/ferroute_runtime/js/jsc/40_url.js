// 40_url.js — WHATWG `URL` and `URLSearchParams` for the JavaScriptCore engine (QuickJS gets
// them from llrt). Parsing, the setters and the application/x-www-form-urlencoded format are
// the `url` and `form_urlencoded` crates' (the URL Standard's parsers, with IDNA), reached
// through four natives:
//   native.urlParse(input, base?) → components | null
//   native.urlSet(href, field, value) → components | null   (field: see FIELD below)
//   native.formParse(string) → [name, value, ...]
//   native.formSerialize([name, value, ...]) → string
// where components is [href, protocol, username, password, host, hostname, port, pathname,
// search, hash, origin], each as the standard's getter returns it. A URL keeps its components
// and asks Rust again only when a setter changes it. Lists of strings come from Rust as one
// string and the length of each piece (`pieces`).
(() => {
  'use strict';

  const internal = globalThis[Symbol.for('ferroute.internal')];
  const native = internal.native;

  /** A list of strings from Rust: `[joined, length, ...]` (UTF-16 lengths) cut into its
   * pieces, or null as it came. */
  function pieces(r) {
    if (r === null) return null;
    const joined = r[0];
    const out = new Array(r.length - 1);
    let at = 0;
    for (let i = 1; i < r.length; i++) {
      const end = at + r[i];
      out[i - 1] = joined.slice(at, end);
      at = end;
    }
    return out;
  }

  const HREF = 0;
  const PROTOCOL = 1;
  const USERNAME = 2;
  const PASSWORD = 3;
  const HOST = 4;
  const HOSTNAME = 5;
  const PORT = 6;
  const PATHNAME = 7;
  const SEARCH = 8;
  const HASH = 9;
  const ORIGIN = 10;

  /** WebIDL USVString: lone surrogates become U+FFFD. */
  const usv = (value) => {
    const s = `${value}`;
    return typeof s.toWellFormed === 'function' ? s.toWellFormed() : s;
  };

  function invalidUrl(input, base) {
    const e = new TypeError('Invalid URL');
    e.code = 'ERR_INVALID_URL';
    e.input = input;
    if (base !== undefined) e.base = base;
    return e;
  }

  function defineGlobal(name, value) {
    Object.defineProperty(globalThis, name, { value, writable: true, enumerable: false, configurable: true });
  }

  function finishClass(cls, tag, members) {
    const proto = cls.prototype;
    for (const name of members) {
      const d = Object.getOwnPropertyDescriptor(proto, name);
      if (d) Object.defineProperty(proto, name, { enumerable: true });
    }
    Object.defineProperty(proto, Symbol.toStringTag, { value: tag, configurable: true });
  }

  // ------------------------------------------------------------------ URLSearchParams

  const kList = Symbol('URLSearchParams.list');
  const kUrl = Symbol('URLSearchParams.url');
  const kPrivate = Symbol('URLSearchParams.private');

  function paramsOf(self) {
    if (self === null || typeof self !== 'object' || !(kList in self)) {
      throw new TypeError('Illegal invocation');
    }
    return self;
  }

  function parseInto(list, text) {
    list.length = 0;
    if (text === '') return;
    // Without `%` and `+` the form decoding gives each name and value back as written (its
    // UTF-8 round trip changes no well-formed string): split here.
    if (text.indexOf('%') === -1 && text.indexOf('+') === -1) {
      let start = 0;
      while (start <= text.length) {
        let end = text.indexOf('&', start);
        if (end === -1) end = text.length;
        if (end > start) {
          const eq = text.indexOf('=', start);
          if (eq === -1 || eq > end) list.push([text.slice(start, end), '']);
          else list.push([text.slice(start, eq), text.slice(eq + 1, end)]);
        }
        start = end + 1;
      }
      return;
    }
    const flat = pieces(native.formParse(text));
    for (let i = 0; i < flat.length; i += 2) list.push([flat[i], flat[i + 1]]);
  }

  function serialize(list) {
    if (list.length === 0) return '';
    const flat = new Array(list.length * 2);
    for (let i = 0; i < list.length; i++) {
      flat[2 * i] = list[i][0];
      flat[2 * i + 1] = list[i][1];
    }
    return native.formSerialize(flat);
  }

  /** The URL Standard's "update" steps: the owning URL's query follows the list. */
  function update(params) {
    const url = params[kUrl];
    if (url === null) return;
    const query = serialize(params[kList]);
    url[kSetQuery](query);
  }

  class URLSearchParams {
    constructor(init = undefined) {
      this[kList] = [];
      this[kUrl] = null;
      if (init === kPrivate) return;
      if (init === undefined || init === null) {
        if (init === null) parseInto(this[kList], 'null');
        return;
      }
      if (typeof init === 'object' || typeof init === 'function') {
        const iterator = init[Symbol.iterator];
        if (iterator !== undefined && iterator !== null) {
          if (typeof iterator !== 'function') {
            throw new TypeError("Failed to construct 'URLSearchParams': The provided value is not iterable");
          }
          for (const pair of init) {
            if (pair === null || (typeof pair !== 'object' && typeof pair !== 'function') || typeof pair[Symbol.iterator] !== 'function') {
              throw new TypeError("Failed to construct 'URLSearchParams': Each query pair must be an iterable [name, value] tuple");
            }
            const items = [...pair];
            if (items.length !== 2) {
              throw new TypeError("Failed to construct 'URLSearchParams': Each query pair must be an iterable [name, value] tuple");
            }
            this[kList].push([usv(items[0]), usv(items[1])]);
          }
          return;
        }
        for (const key of Reflect.ownKeys(init)) {
          const d = Reflect.getOwnPropertyDescriptor(init, key);
          if (d === undefined || !d.enumerable) continue;
          if (typeof key === 'symbol') throw new TypeError('Cannot convert a Symbol value to a string');
          const name = usv(key);
          const value = usv(init[key]);
          const existing = this[kList].findIndex((p) => p[0] === name);
          if (existing === -1) this[kList].push([name, value]);
          else this[kList][existing][1] = value;
        }
        return;
      }
      let text = usv(init);
      if (text.startsWith('?')) text = text.slice(1);
      parseInto(this[kList], text);
    }

    get size() {
      return paramsOf(this)[kList].length;
    }

    append(name, value) {
      paramsOf(this);
      if (arguments.length < 2) throw new TypeError(`2 arguments required, but only ${arguments.length} present.`);
      this[kList].push([usv(name), usv(value)]);
      update(this);
    }

    delete(name, value = undefined) {
      paramsOf(this);
      if (arguments.length < 1) throw new TypeError('1 argument required, but only 0 present.');
      const n = usv(name);
      const list = this[kList];
      const v = value === undefined ? undefined : usv(value);
      for (let i = list.length - 1; i >= 0; i--) {
        if (list[i][0] === n && (v === undefined || list[i][1] === v)) list.splice(i, 1);
      }
      update(this);
    }

    get(name) {
      paramsOf(this);
      if (arguments.length < 1) throw new TypeError('1 argument required, but only 0 present.');
      const n = usv(name);
      const found = this[kList].find((p) => p[0] === n);
      return found === undefined ? null : found[1];
    }

    getAll(name) {
      paramsOf(this);
      if (arguments.length < 1) throw new TypeError('1 argument required, but only 0 present.');
      const n = usv(name);
      return this[kList].filter((p) => p[0] === n).map((p) => p[1]);
    }

    has(name, value = undefined) {
      paramsOf(this);
      if (arguments.length < 1) throw new TypeError('1 argument required, but only 0 present.');
      const n = usv(name);
      const v = value === undefined ? undefined : usv(value);
      return this[kList].some((p) => p[0] === n && (v === undefined || p[1] === v));
    }

    set(name, value) {
      paramsOf(this);
      if (arguments.length < 2) throw new TypeError(`2 arguments required, but only ${arguments.length} present.`);
      const n = usv(name);
      const v = usv(value);
      const list = this[kList];
      const first = list.findIndex((p) => p[0] === n);
      if (first === -1) {
        list.push([n, v]);
      } else {
        list[first][1] = v;
        for (let i = list.length - 1; i > first; i--) if (list[i][0] === n) list.splice(i, 1);
      }
      update(this);
    }

    sort() {
      paramsOf(this);
      // Stable, by UTF-16 code units of the names (Array.prototype.sort is stable and its
      // default comparison is by code units, which `<` also is).
      this[kList].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
      update(this);
    }

    forEach(callback, thisArg = undefined) {
      paramsOf(this);
      if (typeof callback !== 'function') throw new TypeError('The "callback" argument must be of type function');
      const list = this[kList];
      for (let i = 0; i < list.length; i++) callback.call(thisArg, list[i][1], list[i][0], this);
    }

    keys() {
      return new ParamsIterator(paramsOf(this), 'key');
    }

    values() {
      return new ParamsIterator(paramsOf(this), 'value');
    }

    entries() {
      return new ParamsIterator(paramsOf(this), 'key+value');
    }

    toString() {
      return serialize(paramsOf(this)[kList]);
    }
  }
  Object.defineProperty(URLSearchParams.prototype, Symbol.iterator, {
    value: URLSearchParams.prototype.entries,
    writable: true,
    configurable: true,
  });
  finishClass(URLSearchParams, 'URLSearchParams', [
    'size', 'append', 'delete', 'get', 'getAll', 'has', 'set', 'sort', 'forEach', 'keys', 'values', 'entries', 'toString',
  ]);

  /** The live iterator of the standard: it walks the list by index, seeing later changes. */
  const kTarget = Symbol('iterator.target');
  const kKind = Symbol('iterator.kind');
  const kIndex = Symbol('iterator.index');
  const IteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));
  function ParamsIterator(target, kind) {
    this[kTarget] = target;
    this[kKind] = kind;
    this[kIndex] = 0;
  }
  ParamsIterator.prototype = Object.create(IteratorPrototype, {
    next: {
      value: function next() {
        if (this === null || typeof this !== 'object' || !(kTarget in this)) throw new TypeError('Illegal invocation');
        const list = this[kTarget][kList];
        const i = this[kIndex];
        if (i >= list.length) return { value: undefined, done: true };
        this[kIndex] = i + 1;
        const [name, value] = list[i];
        const kind = this[kKind];
        return { value: kind === 'key' ? name : kind === 'value' ? value : [name, value], done: false };
      },
      writable: true,
      enumerable: true,
      configurable: true,
    },
    [Symbol.toStringTag]: { value: 'URLSearchParams Iterator', configurable: true },
  });

  // ------------------------------------------------------------------ URL

  const kParts = Symbol('URL.parts');
  const kParams = Symbol('URL.params');
  const kSetQuery = Symbol('URL.setQuery');

  function partsOf(self) {
    if (self === null || typeof self !== 'object' || !(kParts in self)) throw new TypeError('Illegal invocation');
    return self[kParts];
  }

  // The common URL, split here without a call into Rust (each costs more than the split):
  // `http:` or `https:`, a host of lowercase ASCII labels (an IPv4 address only in its
  // canonical dotted form; no `xn--` label, no trailing dot), a port other than the scheme's
  // default, written without leading zeros, and a path, query and fragment of printable ASCII
  // that the URL Standard's parser keeps as they are (none of the characters it
  // percent-encodes, no backslash, no `.`/`..` segment however spelled). The parser then
  // gives the text back unchanged, and its components are slices of it. Anything else, and
  // every parse against a base, goes to the `url` crate. A request's own URL is such a URL.
  const SIMPLE = /^(https?):\/\/([a-z0-9-]+(?:\.[a-z0-9-]+)*)(?::([1-9][0-9]{0,4}))?(\/[A-Za-z0-9\-._~!$&()*+,;=:@\/%]*)(\?[A-Za-z0-9\-._~!$&()*+,;=:@\/?%]*)?(#[A-Za-z0-9\-._~!$&()*+,;=:@\/?%]*)?$/;
  const NUMERIC_LABEL = /(?:^|\.)(?:[0-9]+|0x[0-9a-f]*)$/;
  const DOTTED_QUAD = /^(?:(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\.){3}(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])$/;
  const DOT_SEGMENT = /\/\.|%2e/i;

  /** The components of `text` when it is a URL `SIMPLE` describes, else undefined. */
  function simpleComponents(text) {
    const m = SIMPLE.exec(text);
    if (m === null) return undefined;
    const [, scheme, hostname, port = '', pathname, query = '', fragment = ''] = m;
    if (DOT_SEGMENT.test(pathname)) return undefined;
    // A host whose last label is a number is an IPv4 address, serialized in its own way.
    if (NUMERIC_LABEL.test(hostname) && !DOTTED_QUAD.test(hostname)) return undefined;
    if (hostname.startsWith('xn--') || hostname.includes('.xn--')) return undefined;
    if (port !== '' && (+port > 65535 || port === (scheme === 'http' ? '80' : '443'))) return undefined;
    const protocol = `${scheme}:`;
    const host = port === '' ? hostname : `${hostname}:${port}`;
    return [
      text, protocol, '', '', host, hostname, port, pathname,
      query.length > 1 ? query : '', fragment.length > 1 ? fragment : '',
      `${protocol}//${host}`,
    ];
  }

  function parse(input, base) {
    const text = usv(input);
    if (base === undefined) return simpleComponents(text) ?? pieces(native.urlParse(text));
    return pieces(native.urlParse(text, usv(base)));
  }

  function change(url, field, value) {
    const next = pieces(native.urlSet(partsOf(url)[HREF], field, usv(value)));
    if (next === null) throw invalidUrl(usv(value));
    url[kParts] = next;
    if (field === HREF || field === SEARCH) {
      const params = url[kParams];
      if (params !== undefined) parseInto(params[kList], next[SEARCH].slice(1));
    }
  }

  class URL {
    constructor(url, base = undefined) {
      if (arguments.length < 1) throw new TypeError('The "url" argument must be specified');
      const parts = parse(url, base);
      if (parts === null) throw invalidUrl(usv(url), base === undefined ? undefined : usv(base));
      this[kParts] = parts;
    }

    static canParse(url, base = undefined) {
      if (arguments.length < 1) throw new TypeError('The "url" argument must be specified');
      return parse(url, base) !== null;
    }

    static parse(url, base = undefined) {
      if (arguments.length < 1) throw new TypeError('The "url" argument must be specified');
      const parts = parse(url, base);
      if (parts === null) return null;
      const out = Object.create(URL.prototype);
      out[kParts] = parts;
      return out;
    }

    get href() {
      return partsOf(this)[HREF];
    }
    set href(value) {
      change(this, HREF, value);
    }
    get origin() {
      return partsOf(this)[ORIGIN];
    }
    get protocol() {
      return partsOf(this)[PROTOCOL];
    }
    set protocol(value) {
      change(this, PROTOCOL, value);
    }
    get username() {
      return partsOf(this)[USERNAME];
    }
    set username(value) {
      change(this, USERNAME, value);
    }
    get password() {
      return partsOf(this)[PASSWORD];
    }
    set password(value) {
      change(this, PASSWORD, value);
    }
    get host() {
      return partsOf(this)[HOST];
    }
    set host(value) {
      change(this, HOST, value);
    }
    get hostname() {
      return partsOf(this)[HOSTNAME];
    }
    set hostname(value) {
      change(this, HOSTNAME, value);
    }
    get port() {
      return partsOf(this)[PORT];
    }
    set port(value) {
      change(this, PORT, value);
    }
    get pathname() {
      return partsOf(this)[PATHNAME];
    }
    set pathname(value) {
      change(this, PATHNAME, value);
    }
    get search() {
      return partsOf(this)[SEARCH];
    }
    set search(value) {
      change(this, SEARCH, value);
    }
    get searchParams() {
      partsOf(this);
      let params = this[kParams];
      if (params === undefined) {
        params = new URLSearchParams(kPrivate);
        parseInto(params[kList], this[kParts][SEARCH].slice(1));
        params[kUrl] = this;
        this[kParams] = params;
      }
      return params;
    }
    get hash() {
      return partsOf(this)[HASH];
    }
    set hash(value) {
      change(this, HASH, value);
    }
    toString() {
      return partsOf(this)[HREF];
    }
    toJSON() {
      return partsOf(this)[HREF];
    }

    /** The query as URLSearchParams' update steps set it (no re-parse of the params). */
    [kSetQuery](query) {
      this[kParts] = pieces(native.urlSet(this[kParts][HREF], SEARCH, query));
    }
  }
  finishClass(URL, 'URL', [
    'href', 'origin', 'protocol', 'username', 'password', 'host', 'hostname', 'port', 'pathname', 'search',
    'searchParams', 'hash', 'toString', 'toJSON',
  ]);
  Object.defineProperty(URL.prototype, kSetQuery, { enumerable: false });

  defineGlobal('URL', URL);
  defineGlobal('URLSearchParams', URLSearchParams);

  // ------------------------------------------------------------------ node:url's WHATWG helpers
  // (The legacy `parse`/`format`/`resolve` are 52a_node_url.js's, shared with QuickJS.)

  function coded(Ctor, code, message) {
    const e = new Ctor(message);
    e.code = code;
    return e;
  }

  /** Node's domainToASCII: the UTS #46 ASCII form, '' when the domain is invalid. */
  function domainToASCII(domain) {
    if (arguments.length < 1) throw coded(TypeError, 'ERR_MISSING_ARGS', 'The "domain" argument must be specified');
    return native.domainTo(`${domain}`, false);
  }

  /** Node's domainToUnicode: the Unicode form, '' when the domain is invalid. */
  function domainToUnicode(domain) {
    if (arguments.length < 1) throw coded(TypeError, 'ERR_MISSING_ARGS', 'The "domain" argument must be specified');
    return native.domainTo(`${domain}`, true);
  }

  function fileURLToPath(path) {
    let url = path;
    if (typeof url === 'string') url = new URL(url);
    else if (!(url instanceof URL)) {
      throw coded(TypeError, 'ERR_INVALID_ARG_TYPE', `The "path" argument must be of type string or an instance of URL. Received ${internal.nodeErrors ? internal.nodeErrors.received(path) : typeof path}`);
    }
    if (url.protocol !== 'file:') throw coded(TypeError, 'ERR_INVALID_URL_SCHEME', 'The URL must be of scheme file');
    if (url.hostname !== '' && url.hostname !== 'localhost') {
      throw coded(TypeError, 'ERR_INVALID_FILE_URL_HOST', 'File URL host must be "localhost" or empty on linux');
    }
    const pathname = url.pathname;
    if (/%2f/i.test(pathname)) {
      throw coded(TypeError, 'ERR_INVALID_FILE_URL_PATH', 'File URL path must not include encoded / characters');
    }
    return decodeURIComponent(pathname);
  }

  function pathToFileURL(filepath) {
    if (typeof filepath !== 'string') {
      throw coded(TypeError, 'ERR_INVALID_ARG_TYPE', `The "path" argument must be of type string. Received ${internal.nodeErrors ? internal.nodeErrors.received(filepath) : typeof filepath}`);
    }
    const path = internal.builtin('path');
    let resolved = path.resolve(filepath);
    // path.resolve drops a trailing slash; a URL of a directory keeps it.
    if (filepath.endsWith('/') && !resolved.endsWith('/')) resolved += '/';
    // What the URL parser would not encode but a path may hold.
    const encoded = resolved
      .replace(/%/g, '%25')
      .replace(/\\/g, '%5C')
      .replace(/\n/g, '%0A')
      .replace(/\r/g, '%0D')
      .replace(/\t/g, '%09')
      .replace(/\?/g, '%3F')
      .replace(/#/g, '%23');
    return new URL(`file://${encoded}`);
  }

  /** Node's `url.urlToHttpOptions`: 58_node_http.js's, which the http clients use. */
  function urlToHttpOptions(url) {
    internal.builtin('http');
    return internal.http.urlToHttpOptions(url);
  }

  if (internal.platformModules === undefined) internal.platformModules = {};
  internal.platformModules.url = () => ({
    URL,
    URLSearchParams,
    domainToASCII,
    domainToUnicode,
    fileURLToPath,
    pathToFileURL,
    urlToHttpOptions,
  });
})();
