// Middleware (`middleware.ts` at the project root or in `src/`): the module is imported once
// per engine, like route modules, and its function runs for the requests its matcher selects
// (matched in Rust, so other requests never enter JavaScript). What it returns crosses to Rust
// as a Response; the `x-middleware-*` headers NextResponse.next/rewrite/redirect set tell the
// server what to do next, as they tell Next's router.
(() => {
  'use strict';
  const internal = globalThis[Symbol.for('ferroute.internal')];
  const { kState } = internal;
  const METHODS = ['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'DELETE', 'PATCH', 'TRACE', 'CONNECT'];
  const kPromises = Symbol('waitUntil promises');
  const kPage = Symbol('sourcePage');

  /** The second argument of a middleware: `waitUntil(promise)` keeps the request's work alive
   * after the response is sent (its outcome is only logged). */
  class NextFetchEvent {
    constructor(request, page) {
      this[kPromises] = [];
      this[kPage] = page;
      Object.defineProperty(this, 'request', { value: request, enumerable: false });
    }

    get sourcePage() {
      return this[kPage];
    }

    waitUntil(promise) {
      if (promise === null || typeof promise !== 'object' || typeof promise.then !== 'function') {
        throw new TypeError('waitUntil() expects a promise');
      }
      this[kPromises].push(promise);
    }

    respondWith() {
      throw new Error('respondWith() is not available to middleware: return a Response from the middleware function instead');
    }
  }
  Object.defineProperty(NextFetchEvent, 'name', { value: 'NextFetchEvent' });

  let handler;
  let info;

  /** Imports the middleware module; hands its `config` export back as JSON. */
  internal.loadMiddleware = (file, display) => internal.importFile(file).then((ns) => {
    const fn = typeof ns.middleware === 'function' ? ns.middleware : ns.default;
    if (typeof fn !== 'function') {
      throw new TypeError(`${display} must export a function named \`middleware\`, or a default function`);
    }
    handler = fn;
    info = { pattern: '/middleware', file: display, dynamic: 'auto', fetchCache: undefined, revalidate: undefined };
    const config = ns.config === undefined ? null : ns.config;
    return JSON.stringify({ config }, (k, v) => (v instanceof RegExp ? String(v) : v));
  }).catch((err) => { throw internal.formatError(err); });

  /** Runs the middleware for request `id` (method index into METHODS, the URL the middleware
   * sees, the request flags with the memory tag above their 8 bits, whether Rust holds a
   * copy of the body for it). */
  internal.dispatchMiddleware = (id, methodIdx, url, bits, hasBody) => {
    const server = internal.modules['next/server'];
    const state = { id, method: METHODS[methodIdx], url, flags: bits & 0xff, src: hasBody ? { native: 'req', id } : null };
    const cfg = internal.config;
    if (cfg.basePath || cfg.trailingSlash) state.nextConfig = { basePath: cfg.basePath, trailingSlash: cfg.trailingSlash };
    const request = Object.create(server.NextRequest.prototype);
    request[kState] = state;
    const scope = internal.next.createScope(request, info);
    const event = new NextFetchEvent(request, '/middleware');
    let result;
    const prev = internal.scope.enterNew(scope, bits >>> 8);
    try {
      result = handler(request, event);
    } catch (e) {
      return answer(id, scope, event, undefined, e);
    } finally {
      internal.context.enter(prev);
    }
    if (result !== null && typeof result === 'object' && typeof result.then === 'function') {
      Promise.resolve(result).then((v) => answer(id, scope, event, v), (e) => answer(id, scope, event, undefined, e));
    } else {
      answer(id, scope, event, result);
    }
  };

  function answer(id, scope, event, value, error) {
    let res = value;
    if (error === undefined && (res === undefined || res === null)) {
      // Nothing returned: the request goes on, as with NextResponse.next().
      res = new Response(null, { headers: { 'x-middleware-next': '1' } });
    } else if (error === undefined && !(res instanceof Response)) {
      error = new TypeError('Expected an instance of Response to be returned from the middleware');
    }
    if (error !== undefined) {
      internal.reportError(error);
      res = new Response(null, { status: 500 });
    }
    const promises = event[kPromises];
    if (promises.length !== 0) {
      const { after } = internal.modules['next/server'];
      for (const p of promises) {
        const logged = Promise.resolve(p).catch((e) => console.error('A promise passed to waitUntil() in middleware rejected:', e));
        internal.scope.run(scope, after, undefined, logged);
      }
    }
    const { send, done } = internal.respond;
    return done(id, scope, send(id, res));
  }

  internal.modules['next/server'].NextFetchEvent = NextFetchEvent;
})();
