// `next/server` for route handlers (Next.js 15.5 semantics), written from the
// behaviour spec (/work/shared/spec/behaviour.md §4, §5, §7, HND-08) and from
// observing Next.js 15.5.29. Classic script: shares state through the
// `ferroute.internal` object created by 00_internal.js.
//
// Also defines the cookie primitives (parse / serialise / RequestCookies /
// ResponseCookies) shared with 41_next_headers.js through `internal.nextShared`.
(() => {
  'use strict';

  const internal = globalThis[Symbol.for('ferroute.internal')];
  if (!internal.modules) internal.modules = {};
  if (!internal.next) internal.next = {};
  const shared = internal.nextShared || (internal.nextShared = {});

  const INSPECT = Symbol.for('edge-runtime.inspect.custom');

  // ---------------------------------------------------------------------------
  // Scope helpers
  // ---------------------------------------------------------------------------

  const currentScope = internal.scope ? internal.scope.current : () => undefined;

  // `<expr>` was called outside a request scope (Next's wording).
  function outsideScopeError(expression) {
    return new Error(
      '`' + expression + '` was called outside a request scope. ' +
      'Read more: https://nextjs.org/docs/messages/next-dynamic-api-wrong-context');
  }

  // ---------------------------------------------------------------------------
  // Cookie serialisation / parsing (CK-01..04)
  // ---------------------------------------------------------------------------

  // Set-Cookie line for a cookie object. Attribute order is fixed:
  // Path, Expires, Max-Age, Domain, Secure, HttpOnly, SameSite, Partitioned,
  // Priority. The value is written with encodeURIComponent.
  function serializeCookie(c) {
    let out = String(c.name) + '=' + encodeURIComponent(c.value == null ? '' : c.value);
    if (c.path) out += '; Path=' + c.path;
    const exp = c.expires;
    if (exp || exp === 0) {
      out += '; Expires=' + (typeof exp === 'number' ? new Date(exp) : exp).toUTCString();
    }
    if (typeof c.maxAge === 'number') out += '; Max-Age=' + c.maxAge;
    if (c.domain) out += '; Domain=' + c.domain;
    if (c.secure) out += '; Secure';
    if (c.httpOnly) out += '; HttpOnly';
    if (c.sameSite) out += '; SameSite=' + c.sameSite;
    if (c.partitioned) out += '; Partitioned';
    if (c.priority) out += '; Priority=' + c.priority;
    return out;
  }

  // Parses `a=1; b=2` into a Map name -> decoded value. Pairs are separated by
  // ";" plus any number of spaces; a pair without "=" gets the value "true";
  // pairs whose value is not valid percent-encoding are skipped; a repeated
  // name keeps its first position and its last value.
  function parseCookieHeader(header) {
    const map = new Map();
    // split(';') and strip the spaces by hand: a RegExp separator makes QuickJS build a
    // new RegExp on every call (Symbol.split), ~3 µs here.
    const pairs = header.split(';');
    for (let i = 0; i < pairs.length; i++) {
      let pair = pairs[i];
      while (pair.charCodeAt(0) === 32) pair = pair.slice(1);
      if (!pair) continue;
      const eq = pair.indexOf('=');
      if (eq === -1) {
        map.set(pair, 'true');
        continue;
      }
      let value;
      try {
        value = decodeURIComponent(pair.slice(eq + 1));
      } catch (_) {
        continue;
      }
      map.set(pair.slice(0, eq), value);
    }
    return map;
  }

  function pickEnum(value, allowed) {
    const v = value.toLowerCase();
    return allowed.indexOf(v) === -1 ? undefined : v;
  }
  const SAME_SITE_VALUES = ['strict', 'lax', 'none'];
  const PRIORITY_VALUES = ['low', 'medium', 'high'];

  // Parses one Set-Cookie line into a cookie object (only truthy fields kept),
  // the way Next's ResponseCookies reads the Set-Cookie headers of a response.
  function parseSetCookie(line) {
    if (!line) return undefined;
    const entries = Array.from(parseCookieHeader(line));
    const first = entries[0];
    const name = first[0];
    const attrs = {};
    for (let i = 1; i < entries.length; i++) {
      attrs[entries[i][0].toLowerCase().replace(/-/g, '')] = entries[i][1];
    }
    const raw = {
      name,
      value: decodeURIComponent(first[1]),
      domain: attrs.domain,
      expires: attrs.expires ? new Date(attrs.expires) : undefined,
      httpOnly: attrs.httponly ? true : undefined,
      maxAge: typeof attrs.maxage === 'string' ? Number(attrs.maxage) : undefined,
      path: attrs.path,
      sameSite: attrs.samesite ? pickEnum(attrs.samesite, SAME_SITE_VALUES) : undefined,
      secure: attrs.secure ? true : undefined,
      priority: attrs.priority ? pickEnum(attrs.priority, PRIORITY_VALUES) : undefined,
      partitioned: attrs.partitioned ? true : undefined,
    };
    const cookie = {};
    for (const key in raw) {
      if (raw[key]) cookie[key] = raw[key];
    }
    return cookie;
  }

  // Normalisation applied to every cookie stored in a ResponseCookies map:
  // numeric expires -> Date; a truthy maxAge also sets Expires = now + maxAge;
  // Path defaults to "/".
  function normalizeCookie(cookie) {
    if (typeof cookie.expires === 'number') cookie.expires = new Date(cookie.expires);
    if (cookie.maxAge) cookie.expires = new Date(Date.now() + cookie.maxAge * 1000);
    if (cookie.path === null || cookie.path === undefined) cookie.path = '/';
    return cookie;
  }

  function cookieNameArg(arg) {
    return typeof arg === 'string' ? arg : arg.name;
  }

  // Fallback for Headers implementations without getSetCookie(): split a
  // combined Set-Cookie value on commas that start a new `name=` pair.
  function splitSetCookieValue(value) {
    if (!value) return [];
    const out = [];
    let start = 0;
    for (let i = 0; i < value.length; i++) {
      if (value.charCodeAt(i) !== 44 /* , */) continue;
      let j = i + 1;
      while (j < value.length && (value[j] === ' ' || value[j] === '\t')) j++;
      let k = j;
      while (k < value.length && value[k] !== '=' && value[k] !== ';' && value[k] !== ',') k++;
      if (k < value.length && value[k] === '=' && k > j) {
        out.push(value.slice(start, i));
        start = j;
      }
    }
    out.push(value.slice(start));
    return out;
  }

  function readSetCookies(headers) {
    if (typeof headers.getSetCookie === 'function') return headers.getSetCookie();
    return splitSetCookieValue(headers.get('set-cookie'));
  }

  // Read view over the Cookie request header (request.cookies, and the
  // read-only cookies() store). Mutations rewrite the Cookie header.
  // The read side shared by RequestCookies and ResponseCookies (both keep `_parsed`, a Map
  // from name to cookie object).
  const cookieJarReads = {
    get(...args) {
      return this._parsed.get(cookieNameArg(args[0]));
    },
    getAll(...args) {
      const all = Array.from(this._parsed.values());
      if (!args.length) return all;
      const name = typeof args[0] === 'string' ? args[0] : args[0] == null ? undefined : args[0].name;
      return all.filter((c) => c.name === name);
    },
    has(name) {
      return this._parsed.has(name);
    },
  };
  function withJarReads(cls) {
    for (const key of Object.keys(cookieJarReads)) {
      Object.defineProperty(cls.prototype, key, { value: cookieJarReads[key], writable: true, configurable: true, enumerable: false });
    }
  }

  class RequestCookies {
    constructor(requestHeaders) {
      this._parsed = new Map();
      this._headers = requestHeaders;
      const header = requestHeaders.get('cookie');
      if (header) {
        // forEach, not for-of with [name, value]: destructuring runs the iterator protocol.
        const parsed = this._parsed;
        parseCookieHeader(header).forEach((value, name) => parsed.set(name, { name, value }));
      }
    }

    [Symbol.iterator]() {
      return this._parsed[Symbol.iterator]();
    }

    get size() {
      return this._parsed.size;
    }


    set(...args) {
      let name;
      let value;
      if (args.length === 1) {
        name = args[0].name;
        value = args[0].value;
      } else {
        name = args[0];
        value = args[1];
      }
      this._parsed.set(name, { name, value });
      this._writeHeader();
      return this;
    }

    delete(names) {
      const map = this._parsed;
      const result = Array.isArray(names) ? names.map((n) => map.delete(n)) : map.delete(names);
      this._writeHeader();
      return result;
    }

    clear() {
      this.delete(Array.from(this._parsed.keys()));
      return this;
    }

    toString() {
      const parts = [];
      for (const c of this._parsed.values()) parts.push(c.name + '=' + encodeURIComponent(c.value));
      return parts.join('; ');
    }

    [INSPECT]() {
      return 'RequestCookies ' + JSON.stringify(Object.fromEntries(this._parsed));
    }

    _writeHeader() {
      const parts = [];
      for (const c of this._parsed.values()) parts.push(serializeCookie(c));
      this._headers.set('cookie', parts.join('; '));
    }
  }

  // Map of cookies keyed by name whose serialisation replaces every Set-Cookie
  // header of `responseHeaders` on each change (CK-04: last set wins).
  // `responseHeaders` may be null for a detached store (cookies() in a route
  // handler), `initial` an already-read list of Set-Cookie lines.
  class ResponseCookies {
    constructor(responseHeaders, initial) {
      this._parsed = new Map();
      this._headers = responseHeaders;
      const lines = initial !== undefined ? initial : responseHeaders ? readSetCookies(responseHeaders) : [];
      for (let i = 0; i < lines.length; i++) {
        const parsed = parseSetCookie(lines[i]);
        if (parsed) this._parsed.set(parsed.name, parsed);
      }
    }


    set(...args) {
      let name;
      let value;
      let options;
      if (args.length === 1) {
        name = args[0].name;
        value = args[0].value;
        options = args[0];
      } else {
        name = args[0];
        value = args[1];
        options = args[2];
      }
      this._parsed.set(name, normalizeCookie({ name, value, ...options }));
      this._writeHeaders();
      return this;
    }

    delete(...args) {
      const first = args[0];
      if (typeof first === 'string') return this.set({ name: first, value: '', expires: new Date(0) });
      return this.set({ ...first, name: first.name, value: '', expires: new Date(0) });
    }

    toString() {
      return Array.from(this._parsed.values(), serializeCookie).join('; ');
    }

    [INSPECT]() {
      return 'ResponseCookies ' + JSON.stringify(Object.fromEntries(this._parsed));
    }

    _writeHeaders() {
      const headers = this._headers;
      if (!headers) return;
      headers.delete('set-cookie');
      for (const c of this._parsed.values()) headers.append('set-cookie', serializeCookie(c));
    }
  }

  withJarReads(RequestCookies);
  withJarReads(ResponseCookies);

  // ---------------------------------------------------------------------------
  // NextURL (request.nextUrl)
  // ---------------------------------------------------------------------------

  // Next rewrites the first loopback host literal in a URL to `localhost`.
  const LOOPBACK = /127(?:\.(?:25[0-5]|2[0-4]\d|[01]?\d\d?)){3}|\[::1\]|localhost/;
  function parseNextURL(input) {
    const s = String(input);
    // The RegExp only matters for loopback literals; skip it (it is slow) otherwise.
    return new URL(s.includes('127.') || s.includes('[::1]') ? s.replace(LOOPBACK, 'localhost') : s);
  }

  function stripTrailingSlash(p) {
    return p.replace(/\/$/, '') || '/';
  }
  function hasPathPrefix(path, prefix) {
    return path === prefix || path.startsWith(prefix + '/');
  }
  function addPathPrefix(path, prefix) {
    return !prefix || !path.startsWith('/') ? path : prefix + path;
  }

  const DATA_PREFIX = '/_next/data/';
  const kURL = Symbol('nextUrl.state');

  class NextURL {
    constructor(input, options) {
      this[kURL] = {
        url: parseNextURL(input),
        options: options || {},
        basePath: '',
        buildId: undefined,
        locale: undefined,
        trailingSlash: undefined,
      };
      this._analyze();
    }

    _analyze() {
      const st = this[kURL];
      const config = st.options.nextConfig || {};
      let pathname = st.url.pathname;
      st.trailingSlash = pathname !== '/' ? pathname.endsWith('/') : config.trailingSlash;
      st.basePath = '';
      st.buildId = undefined;
      if (config.basePath && hasPathPrefix(pathname, config.basePath)) {
        const rest = pathname.slice(config.basePath.length);
        pathname = rest.startsWith('/') ? rest : '/' + rest;
        st.basePath = config.basePath;
      }
      if (pathname.startsWith(DATA_PREFIX) && pathname.endsWith('.json')) {
        const parts = pathname.slice(DATA_PREFIX.length, pathname.length - 5).split('/');
        st.buildId = parts[0];
        pathname = parts[1] !== 'index' ? '/' + parts.slice(1).join('/') : '/';
      }
      if (pathname !== st.url.pathname) st.url.pathname = pathname;
    }

    _formatPathname() {
      const st = this[kURL];
      const original = st.url.pathname;
      let p = original;
      if (st.buildId || !st.trailingSlash) p = stripTrailingSlash(p);
      if (st.buildId) {
        p = addPathPrefix(p, DATA_PREFIX + st.buildId) + (original === '/' ? 'index.json' : '.json');
      }
      p = addPathPrefix(p, st.basePath);
      if (!st.buildId && st.trailingSlash) return p.endsWith('/') ? p : p + '/';
      return stripTrailingSlash(p);
    }

    get buildId() { return this[kURL].buildId; }
    set buildId(v) { this[kURL].buildId = v; }

    get locale() { return this[kURL].locale ?? ''; }
    set locale(locale) {
      // No i18n support: every locale is unknown.
      throw new TypeError('The NextURL configuration includes no locale "' + locale + '"');
    }
    get defaultLocale() { return undefined; }
    get domainLocale() { return undefined; }

    get searchParams() { return this[kURL].url.searchParams; }
    get host() { return this[kURL].url.host; }
    set host(v) { this[kURL].url.host = v; }
    get hostname() { return this[kURL].url.hostname; }
    set hostname(v) { this[kURL].url.hostname = v; }
    get port() { return this[kURL].url.port; }
    set port(v) { this[kURL].url.port = v; }
    get protocol() { return this[kURL].url.protocol; }
    set protocol(v) { this[kURL].url.protocol = v; }

    get href() {
      const u = this[kURL].url;
      return u.protocol + '//' + u.host + this._formatPathname() + u.search + u.hash;
    }
    set href(v) {
      this[kURL].url = parseNextURL(v);
      this._analyze();
    }

    get origin() { return this[kURL].url.origin; }
    get pathname() { return this[kURL].url.pathname; }
    set pathname(v) { this[kURL].url.pathname = v; }
    get hash() { return this[kURL].url.hash; }
    set hash(v) { this[kURL].url.hash = v; }
    get search() { return this[kURL].url.search; }
    set search(v) { this[kURL].url.search = v; }
    get password() { return this[kURL].url.password; }
    set password(v) { this[kURL].url.password = v; }
    get username() { return this[kURL].url.username; }
    set username(v) { this[kURL].url.username = v; }

    get basePath() { return this[kURL].basePath; }
    set basePath(v) { this[kURL].basePath = v.startsWith('/') ? v : '/' + v; }

    toString() { return this.href; }
    toJSON() { return this.href; }

    [INSPECT]() {
      return {
        href: this.href,
        origin: this.origin,
        protocol: this.protocol,
        username: this.username,
        password: this.password,
        host: this.host,
        hostname: this.hostname,
        port: this.port,
        pathname: this.pathname,
        search: this.search,
        searchParams: this.searchParams,
        hash: this.hash,
      };
    }

    clone() {
      return new NextURL(String(this), this[kURL].options);
    }
  }

  function validateURL(url) {
    try {
      return String(new URL(String(url)));
    } catch (error) {
      throw new Error(
        'URL is malformed "' + String(url) + '". Please use only absolute URLs - ' +
        'https://nextjs.org/docs/messages/middleware-relative-urls', { cause: error });
    }
  }

  // ---------------------------------------------------------------------------
  // NextRequest
  // ---------------------------------------------------------------------------

  const kNextUrl = Symbol('nextRequest.nextUrl');
  const kCookies = Symbol('nextRequest.cookies');
  const kUrl = Symbol('nextRequest.url');

  const PAGE_REMOVED =
    'The request.page has been deprecated in favour of `URLPattern`.\n' +
    '  Read more: https://nextjs.org/docs/messages/middleware-request-page\n  ';
  const UA_REMOVED =
    'The request.ua has been removed in favour of `userAgent` function.\n' +
    '  Read more: https://nextjs.org/docs/messages/middleware-parse-user-agent\n  ';

  class NextRequest extends Request {
    constructor(input, init) {
      if (input === internal.FAST_INIT) {
        // Runtime-built request: no eager work, everything Next-specific is lazy.
        super(input, init);
        return;
      }
      if (init === undefined) init = {};
      const url = typeof input !== 'string' && 'url' in input ? input.url : String(input);
      validateURL(url);
      if (init.body && init.duplex !== 'half') init.duplex = 'half';
      if (input instanceof Request) super(input, init);
      else super(url, init);
      const nextUrl = new NextURL(url, { nextConfig: init.nextConfig });
      this[kNextUrl] = nextUrl;
      this[kUrl] = nextUrl.toString();
    }

    get url() {
      const u = this[kUrl];
      return u === undefined ? super.url : u;
    }

    get nextUrl() {
      let n = this[kNextUrl];
      if (n === undefined) {
        // Edge handlers see basePath in request.url, and nextUrl without it (Next's edge
        // adapter passes nextConfig); node handlers get the URL with basePath removed.
        const st = this[internal.kState];
        const options = st !== undefined && st.nextConfig !== undefined ? { nextConfig: st.nextConfig } : undefined;
        n = this[kNextUrl] = new NextURL(this.url, options);
      }
      return n;
    }

    get cookies() {
      let c = this[kCookies];
      if (c === undefined) c = this[kCookies] = new RequestCookies(this.headers);
      return c;
    }

    get page() {
      throw new Error(PAGE_REMOVED);
    }

    get ua() {
      throw new Error(UA_REMOVED);
    }

    [INSPECT]() {
      return {
        cookies: this.cookies,
        nextUrl: this.nextUrl,
        url: this.url,
        bodyUsed: this.bodyUsed,
        cache: this.cache,
        credentials: this.credentials,
        destination: this.destination,
        headers: Object.fromEntries(this.headers),
        integrity: this.integrity,
        keepalive: this.keepalive,
        method: this.method,
        mode: this.mode,
        redirect: this.redirect,
        referrer: this.referrer,
        referrerPolicy: this.referrerPolicy,
        signal: this.signal,
      };
    }
  }

  // ---------------------------------------------------------------------------
  // NextResponse
  // ---------------------------------------------------------------------------

  const REDIRECT_STATUSES = [301, 302, 303, 307, 308];
  const kResInit = Symbol('nextResponse.init');
  const kResCookies = Symbol('nextResponse.cookies');
  const kResInitialCookies = Symbol('nextResponse.initialSetCookie');

  // NextResponse.next({ request: { headers } }) / rewrite(url, ...): forwards
  // request-header overrides to middleware handling as x-middleware-request-*.
  function applyMiddlewareRequestHeaders(init, headers) {
    const requestHeaders = init && init.request && init.request.headers;
    if (!requestHeaders) return;
    if (!(requestHeaders instanceof Headers)) {
      throw new Error('request.headers must be an instance of Headers');
    }
    const keys = [];
    for (const [key, value] of requestHeaders) {
      headers.set('x-middleware-request-' + key, value);
      keys.push(key);
    }
    headers.set('x-middleware-override-headers', keys.join(','));
  }

  // res.cookies: every change rewrites the response's Set-Cookie headers and
  // mirrors the jar into the internal `x-middleware-set-cookie` header (which
  // finalizeResponse strips before sending, like Next's sendResponse).
  class NextResponseCookies extends ResponseCookies {
    constructor(headers, initial, init) {
      super(headers, initial);
      this._init = init;
    }

    set(...args) {
      const result = super.set(...args);
      this._mirror();
      return result;
    }

    delete(...args) {
      const result = super.delete(...args);
      this._mirror();
      return result;
    }

    _mirror() {
      this._headers.set('x-middleware-set-cookie', this.getAll().map(serializeCookie).join(','));
      const init = this._init;
      const requestHeaders = init && init.request && init.request.headers;
      if (requestHeaders && !(requestHeaders instanceof Headers)) {
        throw new Error('request.headers must be an instance of Headers');
      }
    }
  }

  class NextResponse extends Response {
    constructor(body, init) {
      if (init === undefined) init = {};
      super(body, init);
      this[kResInit] = init;
      // Next reads the Set-Cookie headers present at construction time.
      const initial = readSetCookies(this.headers);
      if (initial.length) this[kResInitialCookies] = initial;
    }

    get cookies() {
      let c = this[kResCookies];
      if (c === undefined) {
        const initial = this[kResInitialCookies];
        c = this[kResCookies] = new NextResponseCookies(this.headers, initial === undefined ? [] : initial, this[kResInit]);
      }
      return c;
    }

    [INSPECT]() {
      return {
        cookies: this.cookies,
        url: this.url,
        body: this.body,
        bodyUsed: this.bodyUsed,
        headers: Object.fromEntries(this.headers),
        ok: this.ok,
        redirected: this.redirected,
        status: this.status,
        statusText: this.statusText,
        type: this.type,
      };
    }

    static json(body, init) {
      // Response.json builds `new this(null, init)` in our runtime (one object);
      // engines whose Response.json ignores `this` get wrapped, as Next does.
      const response = Response.json.call(NextResponse, body, init);
      return response instanceof NextResponse ? response : new NextResponse(response.body, response);
    }

    static redirect(url, init) {
      const status = typeof init === 'number' ? init : (init == null ? undefined : init.status) ?? 307;
      if (REDIRECT_STATUSES.indexOf(status) === -1) {
        throw new RangeError('Failed to execute "redirect" on "response": Invalid status code');
      }
      const initObj = typeof init === 'object' ? init : {};
      const headers = new Headers(initObj == null ? undefined : initObj.headers);
      headers.set('Location', validateURL(url));
      return new NextResponse(null, { ...initObj, headers, status });
    }

    static rewrite(destination, init) {
      const headers = new Headers(init == null ? undefined : init.headers);
      headers.set('x-middleware-rewrite', validateURL(destination));
      applyMiddlewareRequestHeaders(init, headers);
      return new NextResponse(null, { ...init, headers });
    }

    static next(init) {
      const headers = new Headers(init == null ? undefined : init.headers);
      headers.set('x-middleware-next', '1');
      applyMiddlewareRequestHeaders(init, headers);
      return new NextResponse(null, { ...init, headers });
    }
  }

  // ---------------------------------------------------------------------------
  // userAgent / userAgentFromString
  //
  // Best-effort parser of our own (Next uses ua-parser-js). It recognises the
  // common browsers (Chrome, Chromium, Edge, Firefox, Safari / Mobile Safari,
  // Opera, Samsung Browser, IE, Chrome/Firefox on iOS, WebView), engines
  // (Blink, WebKit, Gecko, Trident), OSes (Windows, Mac OS, iOS, Android,
  // Chromium OS, Ubuntu, Linux), basic device info (Apple devices, Android
  // phones/tablets) and CPU architecture; the result has ua-parser-js's shape.
  // Anything unrecognised is reported as undefined fields.
  // ---------------------------------------------------------------------------

  const BOT_TOKENS = [
    'googlebot', 'mediapartners-google', 'adsbot-google', 'googleweblight', 'storebot-google',
    'google-pagerenderer', 'google-inspectiontool', 'bingbot', 'bingpreview', 'slurp',
    'duckduckbot', 'baiduspider', 'yandex', 'sogou', 'linkedinbot', 'bitlybot', 'tumblr',
    'vkshare', 'quora link preview', 'facebookexternalhit', 'facebookcatalog', 'twitterbot',
    'applebot', 'redditbot', 'slackbot', 'discordbot', 'whatsapp', 'skypeuripreview',
    'ia_archiver',
  ];

  function isBot(ua) {
    const lower = ua.toLowerCase();
    for (let i = 0; i < BOT_TOKENS.length; i++) {
      if (lower.includes(BOT_TOKENS[i])) return true;
    }
    return false;
  }

  const BROWSER_RULES = [
    [/\bEdg(?:e|A|iOS)?\/([\d.]+)/, 'Edge'],
    [/\bOPR\/([\d.]+)/, 'Opera'],
    [/\bSamsungBrowser\/([\d.]+)/, 'Samsung Browser'],
    [/\bCriOS\/([\d.]+)/, 'Chrome'],
    [/\bFxiOS\/([\d.]+)/, 'Firefox'],
    [/\bHeadlessChrome\/([\d.]+)/, 'Chrome Headless'],
    [/; wv\).*?\bChrome\/([\d.]+)/, 'Chrome WebView'],
    [/\bChromium\/([\d.]+)/, 'Chromium'],
    [/\bChrome\/([\d.]+)/, 'Chrome'],
    [/\bFirefox\/([\d.]+)/, 'Firefox'],
    [/\bMSIE ([\d.]+)/, 'IE'],
    [/\bTrident\/[\d.]+.*?\brv:([\d.]+)/, 'IE'],
    [/\bVersion\/([\d.]+).*?\bMobile\/\S+.*?\bSafari\//, 'Mobile Safari'],
    [/\bVersion\/([\d.]+).*?\bSafari\//, 'Safari'],
  ];

  const WINDOWS_VERSIONS = {
    '10.0': '10', '6.4': '10', '6.3': '8.1', '6.2': '8', '6.1': '7', '6.0': 'Vista',
    '5.2': 'XP', '5.1': 'XP', '5.01': '2000', '5.0': '2000',
  };

  function parseUA(ua) {
    const browser = { name: undefined, version: undefined, major: undefined };
    const engine = { name: undefined, version: undefined };
    const os = { name: undefined, version: undefined };
    const device = { vendor: undefined, model: undefined, type: undefined };
    const cpu = { architecture: undefined };
    let m;

    for (let i = 0; i < BROWSER_RULES.length; i++) {
      m = BROWSER_RULES[i][0].exec(ua);
      if (m) {
        browser.name = BROWSER_RULES[i][1];
        browser.version = m[1];
        browser.major = m[1].split('.')[0];
        break;
      }
    }

    const isIOS = /\b(?:iPhone|iPad|iPod)\b/.test(ua);
    if (!isIOS && (m = /\bAppleWebKit\/537\.36\b.*?\bChrome\/([\d.]+)/.exec(ua))) {
      engine.name = 'Blink';
      engine.version = m[1];
    } else if ((m = /\bAppleWebKit\/([\d.]+)/.exec(ua))) {
      engine.name = 'WebKit';
      engine.version = m[1];
    } else if ((m = /\bTrident\/([\d.]+)/.exec(ua))) {
      engine.name = 'Trident';
      engine.version = m[1];
    } else if ((m = /\brv:([\w.]{1,9})\b.*?\bGecko\//.exec(ua))) {
      engine.name = 'Gecko';
      engine.version = m[1];
    }

    if ((m = /\bWindows NT ([\d.]+)/.exec(ua))) {
      os.name = 'Windows';
      os.version = WINDOWS_VERSIONS[m[1]] || m[1];
    } else if (isIOS) {
      os.name = 'iOS';
      if ((m = /\bOS (\d+(?:_\d+)*)\b/.exec(ua))) os.version = m[1].replace(/_/g, '.');
    } else if ((m = /\bMac OS X(?: (\d+(?:[_.]\d+)*))?/.exec(ua))) {
      os.name = 'Mac OS';
      if (m[1]) os.version = m[1].replace(/_/g, '.');
    } else if ((m = /\bAndroid(?: ([\d.]+))?/.exec(ua))) {
      os.name = 'Android';
      os.version = m[1];
    } else if ((m = /\bCrOS \S+ ([\d.]+)/.exec(ua))) {
      os.name = 'Chromium OS';
      os.version = m[1];
    } else if ((m = /\bUbuntu(?:\/([\d.]+))?/.exec(ua))) {
      os.name = 'Ubuntu';
      os.version = m[1];
    } else if ((m = /\bLinux(?: ([\w.]+))?/.exec(ua))) {
      os.name = 'Linux';
      os.version = m[1];
    }

    if ((m = /\b(iPhone|iPad|iPod)\b/.exec(ua))) {
      device.vendor = 'Apple';
      device.model = m[1];
      device.type = m[1] === 'iPad' ? 'tablet' : 'mobile';
    } else if (/\bMacintosh\b/.test(ua)) {
      device.vendor = 'Apple';
      device.model = 'Macintosh';
    } else if (os.name === 'Android') {
      device.type = /\bMobile\b/.test(ua) ? 'mobile' : 'tablet';
      m = /\bAndroid [\d.]+; ([^;)]+?)(?: Build\/[^;)]*)?\)/.exec(ua);
      if (m && m[1] !== 'Mobile' && m[1] !== 'Tablet') {
        device.model = m[1];
        if (/^(?:SM-|GT-|SCH-|SGH-|SAMSUNG)/i.test(m[1])) device.vendor = 'Samsung';
        else if (/^Pixel\b/.test(m[1])) device.vendor = 'Google';
      }
    }

    if (/\b(?:x86_64|x86-64|x64|amd64|Win64|WOW64)(?=[;)])/i.test(ua)) cpu.architecture = 'amd64';
    else if (/\b(?:arm64|aarch64)(?=[;)])/i.test(ua)) cpu.architecture = 'arm64';
    else if (/\b(?:i[3-6]86|x86)(?=[;)])/i.test(ua)) cpu.architecture = 'ia32';

    return { ua, browser, engine, os, device, cpu };
  }

  function userAgentFromString(input) {
    const result = parseUA(input === undefined || input === null ? '' : String(input));
    result.isBot = input === undefined ? false : isBot(String(input));
    return result;
  }

  function userAgent(request) {
    return userAgentFromString(request.headers.get('user-agent') || undefined);
  }

  // ---------------------------------------------------------------------------
  // after() / connection()
  // ---------------------------------------------------------------------------

  function isThenable(value) {
    return value !== null && typeof value === 'object' && 'then' in value && typeof value.then === 'function';
  }

  function afterState(scope) {
    let st = scope.after;
    if (st === undefined) {
      st = scope.after = { callbacks: [], pending: new Set(), running: false };
    }
    return st;
  }

  function trackPending(st, promise) {
    st.pending.add(promise);
    promise.then(() => st.pending.delete(promise));
  }

  function startAfterCallback(st, callback) {
    let p;
    try {
      const r = callback();
      p = Promise.resolve(r).then(undefined, (error) => {
        console.error('An error occurred in a function passed to `after()`:', error);
      });
    } catch (error) {
      console.error('An error occurred in a function passed to `after()`:', error);
      return;
    }
    trackPending(st, p);
  }

  function after(task) {
    const scope = currentScope();
    if (!scope) {
      throw new Error(
        '`after` was called outside a request scope. ' +
        'Read more: https://nextjs.org/docs/messages/next-dynamic-api-wrong-context');
    }
    if (isThenable(task)) {
      const st = afterState(scope);
      const onError = (error) => {
        console.error('A promise passed to `after()` rejected:', error);
      };
      const p = typeof task.catch === 'function' ? task.catch(onError) : Promise.resolve(task).catch(onError);
      trackPending(st, Promise.resolve(p));
    } else if (typeof task === 'function') {
      const st = afterState(scope);
      if (st.running) startAfterCallback(st, task);
      else st.callbacks.push(task);
    } else {
      throw new Error('`after()`: Argument must be a promise or a function');
    }
  }

  // Runs after() callbacks once the response has been fully sent: all queued
  // callbacks are started in registration order (each runs synchronously up to
  // its first await before the next starts), callbacks registered meanwhile
  // start immediately, and the returned promise settles once every callback and
  // every promise passed to after() has settled. Errors are logged, never
  // thrown. Must be called with `scope` current (request APIs work inside).
  async function runAfter(scope) {
    const st = scope.after;
    if (st === undefined) return;
    if (st.callbacks.length) {
      scope.phase = 'after';
      if (shared.sealCookies !== undefined) shared.sealCookies(scope);
      st.running = true;
      const callbacks = st.callbacks;
      st.callbacks = [];
      for (let i = 0; i < callbacks.length; i++) startAfterCallback(st, callbacks[i]);
    }
    while (st.pending.size) {
      await Promise.all(Array.from(st.pending));
    }
  }

  function connection() {
    const scope = currentScope();
    if (!scope) throw outsideScopeError('connection');
    if (scope.generating) internal.next.dynamicUsage(scope, 'connection');
    return Promise.resolve(undefined);
  }

  // ---------------------------------------------------------------------------
  // Exports
  // ---------------------------------------------------------------------------

  Object.assign(shared, {
    currentScope,
    outsideScopeError,
    serializeCookie,
    parseCookieHeader,
    cookieNameArg,
    parseSetCookie,
    normalizeCookie,
    readSetCookies,
    RequestCookies,
    ResponseCookies,
    NextURL,
  });

  internal.next.runAfter = runAfter;

  const serverExports = {
    NextRequest,
    NextResponse,
    userAgent,
    userAgentFromString,
    after,
    connection,
  };
  if (typeof globalThis.URLPattern === 'function') serverExports.URLPattern = globalThis.URLPattern;
  internal.modules['next/server'] = serverExports;
})();
