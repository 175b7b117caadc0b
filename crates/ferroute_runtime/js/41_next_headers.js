// `next/headers` for route handlers (Next.js 15.5 semantics): cookies(),
// headers(), draftMode(); plus the per-request scope the runtime keeps current
// while a handler runs (internal.next.createScope) and the success-path
// response finalisation (internal.next.finalizeResponse). Behaviour follows
// /work/shared/spec/behaviour.md §6 (HDR-*), §7 (CK-*), RSP-03/04.
(() => {
  'use strict';

  const internal = globalThis[Symbol.for('ferroute.internal')];
  const shared = internal.nextShared;
  const { currentScope, outsideScopeError, serializeCookie, parseCookieHeader, cookieNameArg, RequestCookies, ResponseCookies } = shared;

  const BYPASS_COOKIE = '__prerender_bypass';
  const PREVIEW_DATA_COOKIE = '__next_preview_data';
  const REVALIDATE_HEADER = 'x-prerender-revalidate';
  // Like Next, draft-mode cookies are `Secure; SameSite=none` except when
  // NODE_ENV is "development" (`SameSite=lax`, no Secure).
  function isDev() {
    const p = globalThis.process;
    return p != null && p.env != null && p.env.NODE_ENV === 'development';
  }

  // Written (before the response's own Set-Cookie lines) when a request carries
  // a stale/foreign preview cookie; `cookie` package attribute order.
  const CLEAR_PREVIEW_PROD = [
    BYPASS_COOKIE + '=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; Secure; SameSite=None',
    PREVIEW_DATA_COOKIE + '=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; Secure; SameSite=None',
  ];
  const CLEAR_PREVIEW_DEV = [
    BYPASS_COOKIE + '=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax',
    PREVIEW_DATA_COOKIE + '=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax',
  ];
  function clearPreviewLines() {
    return isDev() ? CLEAR_PREVIEW_DEV : CLEAR_PREVIEW_PROD;
  }
  // Router headers Next removes from the headers() view (and the request).
  const FLIGHT_HEADERS = ['rsc', 'next-router-state-tree', 'next-router-prefetch', 'next-hmr-refresh', 'next-router-segment-prefetch'];

  const EMPTY = [];

  // `state.flags` bits of requests the runtime made (engine.rs `request_flags`).
  const FLAG_PREVIEW_COOKIE = 1;
  const FLAG_FLIGHT_HEADER = 2;

  const READONLY_COOKIES_MESSAGE =
    'Cookies can only be modified in a Server Action or Route Handler. ' +
    'Read more: https://nextjs.org/docs/app/api-reference/functions/cookies#options';
  const READONLY_HEADERS_MESSAGE =
    'Headers cannot be modified. Read more: https://nextjs.org/docs/app/api-reference/functions/headers';

  function throwReadonlyCookies() {
    throw new Error(READONLY_COOKIES_MESSAGE);
  }
  function throwReadonlyHeaders() {
    throw new Error(READONLY_HEADERS_MESSAGE);
  }

  // ---------------------------------------------------------------------------
  // Preview / draft mode id
  // ---------------------------------------------------------------------------

  let generatedPreviewModeId;
  function previewModeId() {
    if (internal.previewModeId) return internal.previewModeId;
    if (generatedPreviewModeId === undefined) {
      const bytes = new Uint8Array(16);
      if (globalThis.crypto && typeof globalThis.crypto.getRandomValues === 'function') {
        globalThis.crypto.getRandomValues(bytes);
      } else {
        for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
      }
      let hex = '';
      for (let i = 0; i < bytes.length; i++) hex += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
      generatedPreviewModeId = hex;
    }
    return generatedPreviewModeId;
  }

  // Next inspects the preview cookies of every route-handler request before
  // the handler runs: a draft-mode cookie matching this server's id is kept;
  // any other combination of __prerender_bypass / __next_preview_data (stale
  // id, data cookie we cannot verify, one without the other) is cleared.
  function needsPreviewClear(headers) {
    const cookieHeader = headers.get('cookie');
    if (!cookieHeader || (cookieHeader.indexOf(BYPASS_COOKIE) === -1 && cookieHeader.indexOf(PREVIEW_DATA_COOKIE) === -1)) {
      return false;
    }
    const id = previewModeId();
    if (headers.get(REVALIDATE_HEADER) === id) return false;
    const parsed = parseCookieHeader(cookieHeader);
    const bypass = parsed.get(BYPASS_COOKIE);
    const data = parsed.get(PREVIEW_DATA_COOKIE);
    if (!bypass && !data) return false;
    if (bypass && !data && bypass === id) return false;
    return true;
  }

  // POST requests that look like a Server Action (NAV-03): redirect() answers
  // 303 and its default type is "push".
  function isPossibleServerAction(request) {
    if (request.method !== 'POST') return false;
    const headers = request.headers;
    if (typeof headers.get('next-action') === 'string') return true;
    const contentType = headers.get('content-type');
    return contentType === 'application/x-www-form-urlencoded' ||
      (contentType != null && contentType.startsWith('multipart/form-data'));
  }

  // ---------------------------------------------------------------------------
  // Scope
  // ---------------------------------------------------------------------------

  // The per-request scope. `isAction` and `clearPreview` need the request headers, so they
  // are computed on first use: a plain GET that never asks pays nothing for them. The
  // runtime marks requests whose Cookie header could hold a preview cookie
  // (`state.flags & FLAG_PREVIEW_COOKIE`), so `clearPreview` usually costs one property read.
  class Scope {
    constructor(request, route) {
      this.request = request;        // the NextRequest handed to the handler
      this.route = route;            // { pattern, file, dynamic? }
      if (route != null && route.dynamic === 'force-static') this.forceStatic = true;
      // Everything else starts as the prototype's default below and becomes an own
      // property when first written: creating a scope costs two properties.
    }
    get isAction() {
      if (this._isAction === undefined) this._isAction = isPossibleServerAction(this.request);
      return this._isAction;
    }
    set isAction(v) {
      this._isAction = v;
    }
    get clearPreview() {
      if (this._clearPreview === undefined) {
        const st = internal.kState !== undefined ? this.request[internal.kState] : undefined;
        // The usual answer needs no own property (adding one costs more than the check).
        if (st !== undefined && st.flags !== undefined && (st.flags & FLAG_PREVIEW_COOKIE) === 0) return false;
        this._clearPreview = needsPreviewClear(this.request.headers);
      }
      return this._clearPreview;
    }
    set clearPreview(v) {
      this._clearPreview = v;
    }
  }
  Object.assign(Scope.prototype, {
    forceStatic: false,              // the route's `dynamic` is 'force-static'
    generating: false,               // a static response is being generated
    dynamicUsed: undefined,          // the first dynamic API it used, if any
    dynamicError: undefined,         // the dynamic API that failed it (dynamic = 'error')
    phase: 'action',                 // 'action' while handling, 'after' in after() callbacks
    noStore: false,                  // set by unstable_noStore()
    _isAction: undefined,
    _clearPreview: undefined,
    // Lazily created by the APIs below:
    headersPromise: undefined,
    requestCookies: undefined,
    mutableCookies: undefined,
    cookiesPromise: undefined,
    readonlyCookiesPromise: undefined,
    draftProvider: undefined,
    draftPromise: undefined,
    after: undefined,
  });

  // Called by the runtime before each handler; the result is what
  // internal.scope.current() returns while that request is handled.
  function createScope(request, route) {
    return new Scope(request, route);
  }

  function routeName(scope) {
    return scope.route && scope.route.pattern;
  }

  // ---------------------------------------------------------------------------
  // headers()
  // ---------------------------------------------------------------------------

  // headers(): a read-only Headers over the request's header list (no copy), whose
  // set/append/delete throw Next's error.
  const H = internal.headers;
  class ReadonlyHeaders extends Headers {
    append() { throwReadonlyHeaders(); }
    set() { throwReadonlyHeaders(); }
    delete() { throwReadonlyHeaders(); }
  }
  Object.defineProperty(ReadonlyHeaders, 'name', { value: 'Headers' });

  const ReadonlyHeadersProto = ReadonlyHeaders.prototype;

  // The list the headers() view shows: the request's own list (no copy), without the router
  // headers Next removes (the runtime flags requests that have any).
  function viewList(scope) {
    if (scope.forceStatic) return [];
    const request = scope.request;
    const st = request[internal.kState];
    if (st !== undefined && st.flags !== undefined && (st.flags & FLAG_FLIGHT_HEADER) === 0) {
      return internal.requestHeaderList(request);
    }
    const h = request.headers;
    for (let i = 0; i < FLIGHT_HEADERS.length; i++) {
      if (H.has(h, FLIGHT_HEADERS[i])) {
        try { h.delete(FLIGHT_HEADERS[i]); } catch (_) { /* immutable request headers */ }
      }
    }
    return H.flatList(h);
  }

  // Next 15's sync-compat "exotic" promises: objects that inherit from Promise.prototype
  // (so `instanceof Promise` holds and catch/finally work through `then`), settle through
  // their own `then`, and also answer the store's methods without await. They are not
  // engine promises: one of those (even of a subclass) costs a promise, its resolving
  // functions and a job at creation, where these cost one object.
  const kTarget = Symbol('ferroute.exoticTarget');
  function exoticProto(valueOf) {
    const proto = Object.create(Promise.prototype);
    Object.defineProperty(proto, 'then', {
      value: function then(onFulfilled, onRejected) {
        return Promise.resolve(valueOf(this)).then(onFulfilled, onRejected);
      },
      writable: true, configurable: true, enumerable: false,
    });
    Object.defineProperty(proto, 'constructor', { value: Promise, writable: true, configurable: true, enumerable: false });
    return proto;
  }

  // headers(): the exotic promise is itself a read-only Headers over the view list (the
  // Headers methods run on it directly); awaiting it gives a ReadonlyHeaders on that list.
  // While the runtime still holds the request's headers (and none needs removing), the list
  // is not fetched: get() and has() ask for the one header, the other methods fetch it.
  const kRequest = Symbol('ferroute.lazyHeadersRequest');
  const { kList, kGuard, kSorted } = H.slots;
  const HeadersProto = Headers.prototype;
  function materialize(p) {
    const request = p[kRequest];
    if (request !== undefined) {
      H.setList(p, internal.requestHeaderList(request));
      p[kRequest] = undefined;
    }
    return p;
  }
  const HeadersPromiseProto = exoticProto((p) => H.fromTrustedList(H.flatList(materialize(p)), 'immutable', ReadonlyHeadersProto));
  const headersPromiseMethods = {
    get(name) {
      const request = this[kRequest];
      if (request === undefined) return HeadersProto.get.call(this, name);
      return internal.requestHeader(request, H.normalizeName(name, 'Headers.get'));
    },
    has(name) {
      const request = this[kRequest];
      if (request === undefined) return HeadersProto.has.call(this, name);
      return internal.requestHeader(request, H.normalizeName(name, 'Headers.has')) !== null;
    },
    getSetCookie() { return HeadersProto.getSetCookie.call(materialize(this)); },
    forEach(callback, thisArg = undefined) { return HeadersProto.forEach.call(materialize(this), callback, thisArg); },
    keys() { return HeadersProto.keys.call(materialize(this)); },
    values() { return HeadersProto.values.call(materialize(this)); },
    entries() { return HeadersProto.entries.call(materialize(this)); },
    [Symbol.iterator]() { return HeadersProto.entries.call(materialize(this)); },
    append: ReadonlyHeadersProto.append,
    set: ReadonlyHeadersProto.set,
    delete: ReadonlyHeadersProto.delete,
  };
  for (const key of Reflect.ownKeys(headersPromiseMethods)) {
    Object.defineProperty(HeadersPromiseProto, key, {
      value: headersPromiseMethods[key], writable: true, configurable: true, enumerable: false,
    });
  }
  Object.defineProperty(HeadersPromiseProto, kRequest, { value: undefined, writable: true, configurable: true, enumerable: false });

  function headersPromise(scope) {
    const request = scope.request;
    const st = request[internal.kState];
    if (!scope.forceStatic && st !== undefined && st.flags !== undefined && (st.flags & FLAG_FLIGHT_HEADER) === 0 &&
        internal.heldHeadersId(request) !== undefined) {
      // Made by `Object.create` rather than a literal with `__proto__` (see `newStore`).
      const p = Object.create(HeadersPromiseProto);
      p[kList] = null;
      p[kGuard] = 'immutable';
      p[kSorted] = null;
      p[kRequest] = request;
      return p;
    }
    return H.fromTrustedList(viewList(scope), 'immutable', HeadersPromiseProto);
  }

  // Promise for the read-only headers, with the Headers methods also usable
  // without await (Next 15's sync-compat "exotic" promise).
  function headers() {
    const scope = currentScope();
    if (!scope) throw outsideScopeError('headers');
    if (scope.unstableCache) throw unstableCacheError(scope, 'headers');
    if (scope.generating) dynamicUsage(scope, 'headers');
    let promise = scope.headersPromise;
    if (promise === undefined) promise = scope.headersPromise = headersPromise(scope);
    return promise;
  }

  // ---------------------------------------------------------------------------
  // cookies()
  // ---------------------------------------------------------------------------

  // Request cookies as a sealed RequestCookies (cookies() outside the 'action'
  // phase, i.e. inside after() callbacks; draft-mode detection).
  function requestCookies(scope) {
    let rc = scope.requestCookies;
    if (rc === undefined) {
      rc = new RequestCookies(scope.forceStatic ? new Headers() : scope.request.headers);
      rc.set = throwReadonlyCookies;
      rc.delete = throwReadonlyCookies;
      rc.clear = throwReadonlyCookies;
      scope.requestCookies = rc;
    }
    return rc;
  }

  // The mutable cookie store of a route handler: a ResponseCookies jar seeded
  // with the request cookies (each normalised, i.e. with path "/"), recording
  // which names were set/deleted so they can be merged into the response.
  // Like Next's, it has no size / clear / iterator of its own.
  //
  // Made without running constructors (see `mutableCookies`): until the jar itself is
  // used, `get` asks the runtime for the one cookie, and `has` answers from the request's
  // cookie pairs (`_seed`, a flat
  // [name, value, ...] list in header order; the last of a repeated name wins, as in the
  // Map the header parser builds), so reading a cookie, the common case, builds no jar and
  // no cookie object but the answer.
  class MutableCookieStore extends ResponseCookies {
    get _parsed() {
      let map = this._map;
      if (map === undefined) {
        map = this._map = new Map();
        const seed = this._pairs();
        if (seed !== null) {
          for (let i = 0; i < seed.length; i += 2) {
            map.set(seed[i], { name: seed[i], value: seed[i + 1], path: '/' });
          }
        }
        this._seed = null;
      }
      return map;
    }

    set _parsed(map) {
      this._map = map;
    }

    // The request's cookie pairs, fetched on first need.
    _pairs() {
      let seed = this._seed;
      if (seed === undefined) seed = this._seed = requestCookiePairs(this._request);
      return seed;
    }

    get(arg) {
      const name = typeof arg === 'string' ? arg : arg.name;
      if (this._map !== undefined) return this._map.get(name);
      let seed = this._seed;
      if (seed === undefined) {
        // Nothing fetched yet: ask the runtime for the one cookie.
        const cookie = heldCookie(this._request, name);
        if (cookie !== NOT_HELD) return cookie;
        seed = this._pairs();
      }
      if (seed === null) return undefined;
      let i = seed.lastIndexOf(name);
      if (i > 0 && (i & 1) === 1) i = seedIndex(seed, name);
      return i === -1 ? undefined : { name, value: seed[i + 1], path: '/' };
    }

    has(name) {
      if (this._map !== undefined) return this._map.has(name);
      return seedIndex(this._pairs(), name) !== -1;
    }

    set(...args) {
      if (this._readonly) throwReadonlyCookies();
      return this._setUnchecked(args);
    }

    delete(...args) {
      if (this._readonly) throwReadonlyCookies();
      this._touch(typeof args[0] === 'string' ? args[0] : args[0].name);
      // ResponseCookies#delete stores an expired empty cookie via this.set().
      super.delete(...args);
      return this;
    }

    _touch(name) {
      if (this._modified === null) this._modified = new Set();
      this._modified.add(name);
    }

    _setUnchecked(args) {
      this._touch(typeof args[0] === 'string' ? args[0] : args[0].name);
      super.set(...args);
      return this;
    }

    // Cookie objects changed during the request, in jar order.
    _modifiedCookies() {
      const modified = this._modified;
      if (modified === null) return EMPTY;
      return this.getAll().filter((c) => modified.has(c.name));
    }
  }
  const MutableCookieStoreProto = MutableCookieStore.prototype;
  // Field defaults: a store is born with one own property (`_seed`).
  Object.assign(MutableCookieStoreProto, {
    _headers: null,   // a detached jar: no Set-Cookie header of its own to rewrite
    _readonly: false, // set when after() callbacks start (see runAfter)
    _request: null,   // the request whose Cookie header seeds the jar
    _seed: undefined, // its cookies as [name, value, ...] (null: none), once fetched
    _map: undefined,
    _modified: null,
  });

  /** Index of the last `name` among the names of a flat pair list, or -1. */
  function seedIndex(seed, name) {
    if (seed === null) return -1;
    let i = seed.lastIndexOf(name);
    // A hit at an odd index is a value equal to the name: look further left.
    while (i > 0 && (i & 1) === 1) i = seed.lastIndexOf(name, i - 1);
    return i;
  }

  /** The request cookie `name` as the jar would hold it (undefined when absent), asked of
   * the runtime; NOT_HELD when it no longer holds the request's headers. */
  const NOT_HELD = Symbol('ferroute.notHeld');
  function heldCookie(request, name) {
    const id = typeof name === 'string' && request !== null ? internal.heldHeadersId(request) : undefined;
    if (id === undefined) return NOT_HELD;
    const value = internal.native.requestCookie(id, name);
    if (value === undefined) return NOT_HELD;
    return value === null ? undefined : { name, value, path: '/' };
  }

  /** The request's cookies as a flat [name, value, ...] list, or null. */
  function requestCookiePairs(request) {
    const id = internal.heldHeadersId(request);
    if (id !== undefined) {
      const pairs = internal.native.requestCookies(id);
      if (pairs !== undefined) return pairs;
    }
    const header = request.headers.get('cookie');
    if (!header) return null;
    const pairs = [];
    parseCookieHeader(header).forEach((value, name) => pairs.push(name, value));
    return pairs;
  }

  // A store that is not linked back to the scope: the cycle would leave each request's
  // scope to the cycle collector. Made by `Object.create`, whose object starts with the shape
  // kept for its prototype (a `__proto__` in a literal changes the prototype of an object
  // already made: on JavaScriptCore a prototype change for every store).
  function newStore(request, readonly) {
    const store = Object.create(MutableCookieStoreProto);
    if (request === null) store._seed = null;
    else store._request = request;
    if (readonly) store._readonly = true;
    return store;
  }

  // The request's mutable store if one was made, through cookies() or draftMode().
  function scopeStore(scope) {
    const store = scope.mutableCookies;
    if (store !== undefined) return store;
    const p = scope.cookiesPromise;
    return p === undefined ? undefined : p[kTarget];
  }

  function mutableCookies(scope) {
    let store = scopeStore(scope);
    if (store === undefined) {
      const p = scope.cookiesPromise;
      store = p !== undefined
        ? storeOf(p)
        : newStore(scope.forceStatic ? null : scope.request, scope.phase !== 'action');
      scope.mutableCookies = store;
    }
    return store;
  }

  // Called when after() callbacks start: cookies can no longer be set.
  function sealCookies(scope) {
    const store = scopeStore(scope);
    if (store !== undefined) store._readonly = true;
    const p = scope.cookiesPromise;
    if (p !== undefined) p._readonly = true;
  }

  // cookies(): an exotic promise (see `exoticProto`) of the request's mutable store, answering
  // its methods. The store is one object until used (`MutableCookieStore`): reading one
  // cookie, the common case, asks the runtime for that cookie and parses no header.
  function storeOf(p) {
    let store = p[kTarget];
    if (store === undefined) store = p[kTarget] = newStore(p._request, p._readonly);
    return store;
  }
  const CookiesPromiseProto = exoticProto(storeOf);
  const cookiesPromiseMethods = {
    get(arg) {
      if (this[kTarget] === undefined) {
        const cookie = heldCookie(this._request, arg);
        if (cookie !== NOT_HELD) return cookie;
      }
      return storeOf(this).get(arg);
    },
    has(name) { return storeOf(this).has(name); },
    getAll() { const t = storeOf(this); return t.getAll.apply(t, arguments); },
    set() { const t = storeOf(this); return t.set.apply(t, arguments); },
    delete() { const t = storeOf(this); return t.delete.apply(t, arguments); },
    toString() { return storeOf(this).toString(); },
    [Symbol.iterator]() {
      const store = storeOf(this);
      return typeof store[Symbol.iterator] === 'function'
        ? store[Symbol.iterator]()
        : store.getAll().map((c) => [c.name, c]).values();
    },
    clear() {
      const store = storeOf(this);
      if (typeof store.clear === 'function') return store.clear();
      for (const c of store.getAll()) store.delete(c.name);
      return this;
    },
  };
  for (const key of Reflect.ownKeys(cookiesPromiseMethods)) {
    Object.defineProperty(CookiesPromiseProto, key, {
      value: cookiesPromiseMethods[key], writable: true, configurable: true, enumerable: false,
    });
  }
  Object.defineProperty(CookiesPromiseProto, 'size', {
    get() { return storeOf(this).size; }, configurable: true, enumerable: false,
  });
  // Field defaults: a promise is born with one own property.
  for (const [key, value] of [[kTarget, undefined], ['_request', null], ['_readonly', false]]) {
    Object.defineProperty(CookiesPromiseProto, key, { value, writable: true, configurable: true, enumerable: false });
  }

  // `ferroute dev`: each method of the cookies() and headers() promises used without await
  // prints Next's warning naming the call (awaiting them does not).
  if (internal.config.dev) {
    const quoted = (arg, objects) => (objects && typeof arg === 'object' && arg !== null && typeof arg.name === 'string'
      ? `'${arg.name}'` : typeof arg === 'string' ? `'${arg}'` : '...');
    const warnOn = (proto, api, describe) => {
      for (const key of Object.keys(describe)) {
        const name = key === 'iterator' ? Symbol.iterator : key;
        const desc = Object.getOwnPropertyDescriptor(proto, name);
        const warn = (args) => {
          const scope = currentScope();
          internal.warnSyncAccess(scope && scope.route ? scope.route.pattern : undefined, describe[key](args),
            `\`${api}()\` should be awaited before using its value. `);
        };
        if (desc.get !== undefined) {
          const get = desc.get;
          Object.defineProperty(proto, name, { ...desc, get() { warn([]); return get.call(this); } });
        } else {
          const method = desc.value;
          Object.defineProperty(proto, name, { ...desc, value: { [key](...args) { warn(args); return method.apply(this, args); } }[key] });
        }
      }
    };
    const call = (api, method, objects) => (args) => `\`${api}().${method}(${args.length === 0 ? '' : quoted(args[0], objects)})\``;
    warnOn(CookiesPromiseProto, 'cookies', {
      get: call('cookies', 'get', true),
      getAll: call('cookies', 'getAll', true),
      has: call('cookies', 'has', true),
      set: (a) => (a.length === 0 ? '`cookies().set()`' : a[0] ? `\`cookies().set(${quoted(a[0], true)}, ...)\`` : '`cookies().set(...)`'),
      delete: (a) => (a.length === 0 ? '`cookies().delete()`'
        : `\`cookies().delete(${quoted(a[0], true)}${a.length === 1 ? '' : ', ...'})\``),
      clear: () => '`cookies().clear()`',
      toString: () => '`cookies().toString()` or implicit casting',
      iterator: () => '`...cookies()` or similar iteration',
      size: () => '`cookies().size`',
    });
    warnOn(HeadersPromiseProto, 'headers', {
      get: (a) => `\`headers().get(${quoted(a[0])})\``,
      has: (a) => `\`headers().has(${quoted(a[0])})\``,
      append: (a) => `\`headers().append(${quoted(a[0])}, ...)\``,
      set: (a) => `\`headers().set(${quoted(a[0])}, ...)\``,
      delete: (a) => `\`headers().delete(${quoted(a[0])})\``,
      getSetCookie: () => '`headers().getSetCookie()`',
      forEach: () => '`headers().forEach(...)`',
      keys: () => '`headers().keys()`',
      values: () => '`headers().values()`',
      entries: () => '`headers().entries()`',
      iterator: () => '`...headers()` or similar iteration',
    });
  }

  // A real promise already fulfilled with the store, as Next's cookies() gives: awaiting it
  // takes one promise job, where a thenable takes three.
  function exoticCookies(store) {
    const p = Promise.resolve(store);
    Object.setPrototypeOf(p, CookiesPromiseProto);
    p[kTarget] = store;
    return p;
  }

  // The mutable cookies() promise of a scope in its action phase: a real promise of the
  // store (awaiting a thenable costs two promise jobs more, and makes the store anyway).
  function actionCookies(scope) {
    const store = scopeStore(scope);
    return exoticCookies(store !== undefined ? store : newStore(scope.request, false));
  }

  function cookies() {
    const scope = currentScope();
    if (!scope) throw outsideScopeError('cookies');
    if (scope.unstableCache) throw unstableCacheError(scope, 'cookies');
    if (scope.generating) dynamicUsage(scope, 'cookies');
    if (scope.phase === 'action' && !scope.forceStatic) {
      const p = scope.cookiesPromise;
      return p !== undefined ? p : (scope.cookiesPromise = actionCookies(scope));
    }
    if (scope.forceStatic) {
      return scope.readonlyCookiesPromise || (scope.readonlyCookiesPromise = exoticCookies(requestCookies(scope)));
    }
    if (scope.phase === 'action') {
      return scope.cookiesPromise || (scope.cookiesPromise = exoticCookies(mutableCookies(scope)));
    }
    return scope.readonlyCookiesPromise || (scope.readonlyCookiesPromise = exoticCookies(requestCookies(scope)));
  }

  // ---------------------------------------------------------------------------
  // draftMode()
  // ---------------------------------------------------------------------------

  class DraftModeProvider {
    constructor(scope) {
      const id = previewModeId();
      const onDemandRevalidate = scope.request.headers.get(REVALIDATE_HEADER) === id;
      const bypass = requestCookies(scope).get(BYPASS_COOKIE);
      const value = bypass && bypass.value;
      this._isEnabled = Boolean(!onDemandRevalidate && value && value === id);
      this._id = id;
      this._scope = scope;
    }

    get isEnabled() {
      return this._isEnabled;
    }

    enable() {
      const dev = isDev();
      mutableCookies(this._scope)._setUnchecked([{
        name: BYPASS_COOKIE, value: this._id, httpOnly: true, sameSite: dev ? 'lax' : 'none', secure: !dev, path: '/',
      }]);
      this._isEnabled = true;
    }

    disable() {
      const dev = isDev();
      mutableCookies(this._scope)._setUnchecked([{
        name: BYPASS_COOKIE, value: '', httpOnly: true, sameSite: dev ? 'lax' : 'none', secure: !dev, path: '/', expires: new Date(0),
      }]);
      this._isEnabled = false;
    }
  }

  function checkDraftToggle(scope, expression) {
    if (scope.phase === 'after') {
      throw new Error(
        'Route ' + routeName(scope) + ' used "' + expression + '" inside `after`. The enabled status of ' +
        'draftMode can be read inside `after` but you cannot enable or disable draftMode. ' +
        'See more info here: https://nextjs.org/docs/app/api-reference/functions/after');
    }
  }

  class DraftMode {
    constructor(scope) {
      this._scope = scope;
    }

    get isEnabled() {
      return draftProvider(this._scope).isEnabled;
    }

    enable() {
      checkDraftToggle(this._scope, 'draftMode().enable()');
      draftProvider(this._scope).enable();
    }

    disable() {
      checkDraftToggle(this._scope, 'draftMode().disable()');
      draftProvider(this._scope).disable();
    }
  }

  function draftProvider(scope) {
    return scope.draftProvider || (scope.draftProvider = new DraftModeProvider(scope));
  }

  function draftMode() {
    const scope = currentScope();
    if (!scope) throw outsideScopeError('draftMode');
    let promise = scope.draftPromise;
    if (promise === undefined) {
      const instance = new DraftMode(scope);
      promise = Promise.resolve(instance);
      Object.defineProperty(promise, 'isEnabled', {
        get() { return instance.isEnabled; },
        enumerable: true,
        configurable: true,
      });
      promise.enable = instance.enable.bind(instance);
      promise.disable = instance.disable.bind(instance);
      scope.draftPromise = promise;
    }
    return promise;
  }

  // ---------------------------------------------------------------------------
  // Response finalisation
  // ---------------------------------------------------------------------------

  // Writes the request's cookie mutations into `headers` (a mutable copy):
  // the response's own cookies stay first and win on a name clash; mutated
  // cookies follow in jar order (HDR-05). Own Set-Cookie lines are re-read and
  // re-serialised when a merge happens (as Next does). Preview-clearing lines,
  // when due, come before everything else.
  function applyCookieMutations(scope, headers) {
    const store = scopeStore(scope);
    const mutated = store === undefined ? EMPTY : store._modifiedCookies();
    let lines;
    if (mutated.length) {
      const jar = new ResponseCookies(null, shared.readSetCookies(headers));
      const own = jar.getAll();
      for (let i = 0; i < mutated.length; i++) jar.set(mutated[i]);
      for (let i = 0; i < own.length; i++) jar.set(own[i]);
      lines = jar.getAll().map(serializeCookie);
    } else if (scope.clearPreview) {
      lines = shared.readSetCookies(headers);
    } else {
      return false;
    }
    headers.delete('set-cookie');
    if (scope.clearPreview) {
      const clear = clearPreviewLines();
      headers.append('set-cookie', clear[0]);
      headers.append('set-cookie', clear[1]);
    }
    for (let i = 0; i < lines.length; i++) headers.append('set-cookie', lines[i]);
    return true;
  }

  function needsCookieMerge(scope) {
    const store = scopeStore(scope);
    return scope.clearPreview || (store !== undefined && store._modified !== null && store._modifiedCookies().length !== 0);
  }

  function internalError(message) {
    console.error(new Error(message));
    return new Response(null, { status: 500 });
  }

  // Called by the runtime with the handler's Response (always a Response).
  // While a static response is generated (scope.generating), a dynamic API makes the route
  // dynamic ('auto'), or fails the generation (`dynamic = 'error'`).
  /** Next's error for request data read inside a function cached with unstable_cache. */
  function unstableCacheError(scope, expr) {
    return new Error(
      `Route ${scope.route && scope.route.pattern} used "${expr}" inside a function cached with "unstable_cache(...)". ` +
        'Accessing Dynamic data sources inside a cache scope is not supported. ' +
        `If you need this data inside a cached function use "${expr}" outside of the cached function and pass the required dynamic data in as an argument. ` +
        'See more info here: https://nextjs.org/docs/app/api-reference/functions/unstable_cache',
    );
  }

  function dynamicUsage(scope, expr) {
    if (scope === undefined || !scope.generating || scope.forceStatic) return;
    if (scope.route && scope.route.dynamic === 'error') {
      scope.dynamicError = expr;
      throw new Error(
        `Route ${scope.route.pattern} with \`dynamic = "error"\` couldn't be rendered statically because it used \`${expr}\`. ` +
          'See more info here: https://nextjs.org/docs/app/building-your-application/rendering/static-and-dynamic#dynamic-rendering',
      );
    }
    if (scope.dynamicUsed === undefined) scope.dynamicUsed = expr;
    // Stop the handler here, as Next's prerender does (a no-store fetch is not sent).
    const err = new Error(`Dynamic server usage: Route ${scope.route && scope.route.pattern} couldn't be rendered statically because it used \`${expr}\``);
    err.digest = 'DYNAMIC_SERVER_USAGE';
    throw err;
  }

  function finalizeResponse(scope, response) {
    let out = response;
    if (needsCookieMerge(scope)) {
      const headers = new Headers(response.headers);
      applyCookieMutations(scope, headers);
      headers.delete('x-middleware-set-cookie');
      out = new Response(response.body, { status: response.status, statusText: response.statusText, headers });
    }
    // Fast path: no x-middleware-* header at all (one pass over the list, without making
    // the Headers object of a response that has none yet).
    const list = internal.responseHeaderList(out[internal.kState]);
    let internalHeader = false;
    for (let i = 0; i < list.length; i += 2) {
      if (list[i].startsWith('x-middleware-')) {
        internalHeader = true;
        break;
      }
    }
    if (!internalHeader) return out;
    const h = out.headers;
    if (h.has('x-middleware-rewrite')) {
      return internalError(
        'NextResponse.rewrite() was used in a app route handler, this is not currently supported. ' +
        'Please remove the invocation to continue.');
    }
    if (h.get('x-middleware-next') === '1') {
      return internalError(
        'NextResponse.next() was used in a app route handler, this is not supported. ' +
        'See here for more info: https://nextjs.org/docs/messages/next-response-next-in-app-route-handler');
    }
    if (out === response && h.has('x-middleware-set-cookie')) {
      // Internal header of NextResponse.cookies; never sent to the client.
      try {
        h.delete('x-middleware-set-cookie');
      } catch (_) {
        const copy = new Headers(h);
        copy.delete('x-middleware-set-cookie');
        out = new Response(response.body, { status: response.status, statusText: response.statusText, headers: copy });
      }
    }
    return out;
  }

  // ---------------------------------------------------------------------------
  // Exports
  // ---------------------------------------------------------------------------

  shared.applyCookieMutations = applyCookieMutations;
  shared.sealCookies = sealCookies;
  shared.clearPreviewLines = clearPreviewLines;
  shared.previewModeId = previewModeId;
  internal.next.createScope = createScope;
  internal.next.dynamicUsage = dynamicUsage;
  internal.next.finalizeResponse = finalizeResponse;

  internal.modules['next/headers'] = { cookies, headers, draftMode };
})();
