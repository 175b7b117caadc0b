// Node's legacy URL API for node:url (llrt has only the WHATWG URL): `url.parse`,
// `url.format` (of a legacy object, a URL, or a string), `url.resolve` and `Url`. Still used
// by node-fetch v2 (inside openai v4), older SDKs and proxies.
(() => {
  'use strict';
  const internal = globalThis[Symbol.for('ferroute.internal')];

  function Url() {
    this.protocol = null;
    this.slashes = null;
    this.auth = null;
    this.host = null;
    this.port = null;
    this.hostname = null;
    this.hash = null;
    this.search = null;
    this.query = null;
    this.pathname = null;
    this.path = null;
    this.href = null;
  }

  // Protocols whose URLs always have `//host`.
  const SLASHED = new Set(['http:', 'https:', 'ftp:', 'gopher:', 'file:', 'ws:', 'wss:']);
  const PROTOCOL = /^([a-z0-9.+-]+:)/i;

  function parse(input, parseQueryString = false, slashesDenoteHost = false) {
    if (input instanceof Url) return input;
    if (typeof input !== 'string') {
      throw internal.nodeErrors.invalidArgType('url', 'of type string', input);
    }
    const u = new Url();
    let rest = input.trim().replace(/\\/g, '/');
    const hashAt = rest.indexOf('#');
    if (hashAt !== -1) {
      u.hash = rest.slice(hashAt);
      rest = rest.slice(0, hashAt);
    }
    const queryAt = rest.indexOf('?');
    if (queryAt !== -1) {
      u.search = rest.slice(queryAt);
      u.query = rest.slice(queryAt + 1);
      rest = rest.slice(0, queryAt);
    } else if (parseQueryString) {
      u.search = '';
      u.query = {};
    }
    const proto = PROTOCOL.exec(rest);
    if (proto) {
      u.protocol = proto[1].toLowerCase();
      rest = rest.slice(proto[1].length);
    }
    if (slashesDenoteHost || proto || /^\/\/[^@/]+@[^@/]+/.test(rest)) {
      const slashes = rest.startsWith('//');
      if (slashes && !(u.protocol === 'javascript:')) {
        rest = rest.slice(2);
        u.slashes = true;
      }
    }
    // Like Node: a host follows `//`, and also directly follows a protocol that is neither
    // always slashed (http:) nor hostless (javascript:), as in `mailto:user@host`.
    if (u.slashes || (u.protocol && !SLASHED.has(u.protocol) && u.protocol !== 'javascript:')) {
      let end = rest.search(/[/?#]/);
      if (end === -1) end = rest.length;
      let hostPart = rest.slice(0, end);
      rest = rest.slice(end);
      const at = hostPart.lastIndexOf('@');
      if (at !== -1) {
        u.auth = decodeURIComponent(hostPart.slice(0, at));
        hostPart = hostPart.slice(at + 1);
      }
      const portMatch = /:(\d*)$/.exec(hostPart);
      if (portMatch) {
        if (portMatch[1] !== '') u.port = portMatch[1];
        hostPart = hostPart.slice(0, portMatch.index);
      }
      let hostname = hostPart.toLowerCase();
      if (hostname.startsWith('[') && hostname.endsWith(']')) hostname = hostname.slice(1, -1);
      u.hostname = hostname;
      u.host = (hostPart.startsWith('[') ? `[${hostname}]` : hostname) + (u.port ? `:${u.port}` : '');
    }
    if (rest !== '' || u.host !== null) {
      u.pathname = rest === '' && u.slashes && SLASHED.has(u.protocol) ? '/' : rest || null;
    }
    if (u.pathname !== null) {
      // Node escapes these characters in the path.
      u.pathname = u.pathname.replace(/[ "'<>`{}|^\t\n\r]/g, (c) => encodeURIComponent(c));
    }
    if (parseQueryString && typeof u.query === 'string') {
      u.query = internal.builtin('querystring').parse(u.query);
    }
    u.path = (u.pathname || '') + (u.search || '') || null;
    u.href = format(u);
    return u;
  }

  function format(obj, options) {
    if (typeof obj === 'string') obj = parse(obj);
    else if (obj !== null && typeof obj === 'object' && typeof obj.href === 'string' && typeof obj.searchParams === 'object' && !(obj instanceof Url)) {
      // A WHATWG URL, with Node's options.
      const o = { auth: true, fragment: true, search: true, unicode: false, ...options };
      let out = `${obj.protocol}${obj.host || obj.protocol === 'file:' ? '//' : ''}`;
      if (o.auth && (obj.username || obj.password)) out += `${obj.username}${obj.password ? `:${obj.password}` : ''}@`;
      out += obj.host + obj.pathname;
      if (o.search) out += obj.search;
      if (o.fragment) out += obj.hash;
      return out;
    } else if (obj === null || typeof obj !== 'object') {
      throw internal.nodeErrors.invalidArgType('urlObject', 'one of type object or string', obj);
    }
    let auth = obj.auth || '';
    if (auth) auth = `${encodeURIComponent(auth).replace(/%3A/i, ':')}@`;
    let protocol = obj.protocol || '';
    if (protocol && !protocol.endsWith(':')) protocol += ':';
    let pathname = obj.pathname || '';
    let hash = obj.hash || '';
    let search = obj.search || '';
    let host = '';
    if (obj.host) host = auth + obj.host;
    else if (obj.hostname) {
      host = auth + (obj.hostname.includes(':') && !obj.hostname.startsWith('[') ? `[${obj.hostname}]` : obj.hostname);
      if (obj.port) host += `:${obj.port}`;
    }
    if (!search && obj.query && typeof obj.query === 'object' && Object.keys(obj.query).length > 0) {
      search = `?${internal.builtin('querystring').stringify(obj.query)}`;
    } else if (search && !search.startsWith('?')) search = `?${search}`;
    if (obj.slashes || ((!protocol || SLASHED.has(protocol)) && host !== '')) {
      host = `//${host}`;
      if (pathname && !pathname.startsWith('/')) pathname = `/${pathname}`;
    }
    if (hash && !hash.startsWith('#')) hash = `#${hash}`;
    pathname = pathname.replace(/[?#]/g, encodeURIComponent);
    search = search.replace('#', '%23');
    return protocol + host + pathname + search + hash;
  }

  function resolve(from, to) {
    try {
      return new URL(to, new URL(from)).href;
    } catch {
      // A relative base: resolve against a dummy origin and strip it again.
      const base = new URL(from, 'resolve://x/');
      const out = new URL(to, base);
      return out.href.startsWith('resolve://x/') ? out.href.slice('resolve://x'.length).replace(/^\//, from.startsWith('/') ? '/' : '') : out.href;
    }
  }

  Url.prototype.format = function () { return format(this); };
  Url.prototype.resolve = function (to) { return resolve(format(this), to); };

  internal.urlLegacy = {
    Url,
    parse,
    format,
    resolve,
    resolveObject: (from, to) => parse(resolve(from, to)),
  };
})();
