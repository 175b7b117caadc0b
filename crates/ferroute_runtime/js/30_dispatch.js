// The route-handler contract: loading route modules, calling the exported method with
// `(request, { params })`, checking what it returns, and handing the Response to Rust
// (whole, or streamed chunk by chunk with backpressure and client-disconnect cancel).
(() => {
  'use strict';
  const internal = globalThis[Symbol.for('ferroute.internal')];
  const native = internal.native;
  /** QuickJS's fast path for async handlers that finish without awaiting (the promise's
   * value when nothing is queued); JavaScriptCore cannot tell, and takes the reaction. */
  const fulfilled = native.fulfilled;
  const { kState, FAST_INIT } = internal;
  const { bodyStream, toUint8, encoder, disturbed, kClientStatus, requestAborts } = internal.body;
  const METHODS = ['GET', 'HEAD', 'OPTIONS', 'POST', 'PUT', 'DELETE', 'PATCH'];
  const routes = [];
  internal.routes = routes;
  const enterScope = internal.scope.enterNew;

  internal.loadRoute = (index, file, pattern, display, kind) => {
    // A static metadata file is no module: Next generates a force-static route for it.
    (kind === 'static' ? Promise.resolve({ dynamic: 'force-static' }) : internal.importFile(file)).then(
      (ns) => {
        const handlers = Object.create(null);
        const methods = [];
        if (kind === 'route') {
          for (const m of METHODS) {
            if (ns[m] !== undefined) {
              handlers[m] = ns[m];
              methods.push(m);
            }
          }
        } else {
          handlers.GET = internal.metadata.handler(kind, ns, display, file);
          methods.push('GET');
        }
        // Under the edge runtime every handler gets a params object, dynamic or not.
        const edge = kind === 'route' && ns.runtime === 'edge';
        const mode = typeof ns.dynamic === 'string' ? ns.dynamic : 'auto';
        routes[index] = {
          ns, handlers, pattern, file, display, kind, dynamic: pattern.includes('['), edge,
          forceStatic: kind === 'route' && mode === 'force-static',
          // What next/headers sees of the route (one object per route, not per request).
          info: {
            pattern, file: display, dynamic: kind === 'route' ? mode : 'auto',
            fetchCache: typeof ns.fetchCache === 'string' ? ns.fetchCache : undefined,
            revalidate: ns.revalidate,
          },
        };
        const maxDuration = typeof ns.maxDuration === 'number' ? ns.maxDuration : undefined;
        const [revalidate, cacheFlags] = kind !== 'route'
          ? metadataGeneration(kind, ns, mode, pattern)
          : METADATA_PATH.test(pattern) && methods.every((m) => m === 'GET' || m === 'HEAD')
            // A handler at a metadata URL (`app/robots.txt/route.ts`) is a metadata route to
            // next build: static unless its config says otherwise.
            ? metadataGeneration('route', ns, mode, pattern)
            : staticGeneration(ns, edge, mode);
        internal.routeLoaded(index, methods, null, maxDuration, revalidate, cacheFlags);
      },
      (err) => internal.routeLoaded(index, null, internal.formatError(err)),
    );
  };

  // next.config.{js,mjs,ts}, evaluated once at start-up in an engine of its own: the default
  // export (CommonJS `module.exports`), called with `(phase, { defaultConfig })` when it is a
  // function, awaited; `headers`, `redirects` and `rewrites` are called and awaited too. The
  // result crosses to Rust as JSON (functions left out), where it is checked.
  internal.loadNextConfig = (file, phase) => internal.importFile(file).then(async (ns) => {
    let config = ns.default !== undefined ? ns.default : ns;
    if (typeof config === 'function') config = await config(phase, { defaultConfig: {} });
    config = await config;
    if (config === null || typeof config !== 'object') return JSON.stringify(config === undefined ? null : config);
    const out = { ...config };
    for (const key of ['headers', 'redirects', 'rewrites']) {
      if (typeof config[key] === 'function') out[key] = await config[key]();
      else if (key in config) out[key] = { '$notAFunction': typeof config[key] };
    }
    return JSON.stringify(out, (k, v) => (typeof v === 'function' ? undefined : v));
  }).catch((err) => { throw internal.formatError(err); });

  // Static generation (behaviour.md §12). A GET handler is generated ahead and served from
  // the response cache when the module asks for it (`dynamic` 'force-static' or 'error',
  // `revalidate` false or above 0, `generateStaticParams`), exports no other method but HEAD,
  // and runs on nodejs; `force-dynamic` and `revalidate = 0` keep it dynamic.
  const CACHE_STATIC_PARAMS = 1; // exports generateStaticParams
  const CACHE_ONLY_LISTED = 2; // dynamicParams = false
  /** [revalidate seconds (-1: dynamic, 0: never), CACHE_* flags] of a route module. */
  function staticGeneration(ns, edge, mode) {
    const other = ['POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'].some((m) => ns[m] !== undefined);
    if (typeof ns.GET !== 'function' || other || edge) return [-1, 0];
    return configGeneration(ns, mode);
  }

  /** What the segment config alone asks of a GET handler (see staticGeneration). */
  function configGeneration(ns, mode) {
    const rv = ns.revalidate;
    const gsp = typeof ns.generateStaticParams === 'function';
    const wanted = mode === 'force-static' || mode === 'error' || rv === false || (typeof rv === 'number' && rv > 0) || gsp;
    if (mode === 'force-dynamic' || rv === 0 || !wanted) return [-1, 0];
    const flags = (gsp ? CACHE_STATIC_PARAMS : 0) | (ns.dynamicParams === false ? CACHE_ONLY_LISTED : 0);
    return [typeof rv === 'number' && rv > 0 ? rv : 0, flags];
  }

  // Metadata routes are prerendered whatever their config asks (Next's export skips the
  // opt-in test for them), unless `force-dynamic`, `revalidate = 0` or the edge runtime say
  // otherwise (the user's config is re-exported by Next's wrapper); a dynamic API found
  // while generating makes them dynamic as any route. `generateSitemaps` lists the params.
  /** The URLs Next.js takes for metadata routes (its isMetadataRoute, for route handlers). */
  const METADATA_PATH = /\/(robots\.txt|sitemap\.xml|manifest\.(webmanifest|json)|favicon\.ico|(icon|apple-icon|opengraph-image|twitter-image)\d?\.(ico|jpg|jpeg|png|svg|gif))$/;

  function metadataGeneration(kind, ns, mode, pattern) {
    if (kind === 'static') return [0, 0];
    const rv = ns.revalidate;
    if (mode === 'force-dynamic' || rv === 0 || ns.runtime === 'edge') return [-1, 0];
    const byId = pattern.endsWith(`/[${internal.metadata.ID}]`);
    // An image at a dynamic segment (its folder's, or the id of `generateImageMetadata`) is
    // dynamic unless its own config opts in as a route handler's does (`next build` 15.5:
    // ƒ; ● with `generateStaticParams`; on demand and cached under `force-static`).
    if (kind === 'image' && pattern.includes('[')) return configGeneration(ns, mode);
    const flags = (byId ? CACHE_STATIC_PARAMS : 0) | (byId && ns.dynamicParams === false ? CACHE_ONLY_LISTED : 0);
    return [typeof rv === 'number' && rv > 0 ? rv : 0, flags];
  }

  // While a static response is generated, what the handler reads of its request decides
  // whether the route can be static at all (Next's proxied request at build time).
  const REQUEST_DYNAMIC = new Set(['headers', 'cookies', 'url', 'body', 'blob', 'json', 'text', 'arrayBuffer', 'formData', 'ip', 'geo']);
  const URL_DYNAMIC = new Set(['search', 'searchParams', 'href', 'toString', 'toJSON', 'origin', 'host', 'hostname', 'port', 'protocol']);
  function trackedRequest(request, scope) {
    const track = (target, prop, set, label) => {
      if (typeof prop === 'string' && set.has(prop)) internal.next.dynamicUsage(scope, `${label}.${prop}`);
      const v = Reflect.get(target, prop, target);
      return typeof v === 'function' && prop !== 'constructor' ? v.bind(target) : v;
    };
    let nextUrl;
    return new Proxy(request, {
      get(target, prop) {
        if (prop === 'nextUrl') {
          if (nextUrl === undefined) {
            const u = target.nextUrl;
            nextUrl = u === undefined ? u : new Proxy(u, { get: (t, p) => track(t, p, URL_DYNAMIC, 'nextUrl') });
          }
          return nextUrl;
        }
        return track(target, prop, REQUEST_DYNAMIC, 'request');
      },
    });
  }

  /** `generateStaticParams()` of route `index`, as JSON (for Engine::static_params). */
  internal.staticParams = (index) => {
    const { ns, pattern, kind } = routes[index];
    if (kind === 'image') {
      const byId = pattern.endsWith(`/[${internal.metadata.ID}]`);
      return internal.metadata.imageParams(ns, byId).then((list) => JSON.stringify(list));
    }
    if (typeof ns.generateStaticParams !== 'function' && pattern.endsWith(`/[${internal.metadata.ID}]`)) {
      // Under another dynamic segment the ids alone name no path: all are made on demand.
      if (pattern.indexOf('[') !== pattern.lastIndexOf('[')) return Promise.resolve('[]');
      return internal.metadata.sitemapParams(ns).then((list) => JSON.stringify(list));
    }
    return Promise.resolve(ns.generateStaticParams({ params: {} }))
      .then((list) => JSON.stringify(Array.isArray(list) ? list : []));
  };

  // Names Next never copies onto the params promise: they would shadow the promise's own
  // (`then`, ...) or what tools probe for (`$$typeof`, `toJSON`, ...).
  const UNPROXIED = new Set(['hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toString',
    'valueOf', 'toLocaleString', 'then', 'catch', 'finally', 'status', 'displayName', '_debugInfo',
    'toJSON', '$$typeof', '__esModule', '@@iterator']);
  const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

  function makeParams(params, route) {
    // Next 15: a Promise that also allows plain property access (sync-compat).
    const p = Promise.resolve(params);
    const keys = Object.keys(params);
    let skipped;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i];
      if (!UNPROXIED.has(k)) p[k] = params[k];
      else (skipped || (skipped = [])).push(k);
    }
    return internal.config.dev ? warningParams(p, route.pattern, skipped || []) : p;
  }

  // `ferroute dev`: each synchronous read of a param, and each enumeration, prints Next's
  // warning; `await params` does not.
  function warningParams(promise, route, skipped) {
    const proxied = new Set(Object.keys(promise));
    const warn = (expression) => {
      let consequence = '`params` should be awaited before using its properties. ';
      if (skipped.length !== 0) {
        const names = skipped.map((n) => `\`${n}\``);
        const list = names.length === 1 ? names[0]
          : names.length === 2 ? `${names[0]} and ${names[1]}`
            : `${names.slice(0, -1).join(', ')}, and ${names[names.length - 1]}`;
        consequence += `The following properties were not available through enumeration because they conflict with builtin property names: ${list}. `;
      }
      internal.warnSyncAccess(route, expression, consequence);
    };
    return new Proxy(promise, {
      get(target, prop, receiver) {
        if (typeof prop === 'string' && proxied.has(prop)) {
          warn(IDENTIFIER.test(prop) ? `\`params.${prop}\`` : `\`params[${JSON.stringify(prop)}]\``);
        }
        const value = Reflect.get(target, prop, receiver);
        // The promise's methods need the promise itself as `this`, not the proxy.
        return typeof value === 'function' ? value.bind(target) : value;
      },
      set(target, prop, value, receiver) {
        if (typeof prop === 'string') proxied.delete(prop);
        return Reflect.set(target, prop, value, receiver);
      },
      ownKeys(target) {
        warn('`...params` or similar expression');
        return Reflect.ownKeys(target);
      },
    });
  }

  const pumps = new Map();
  internal.streamCancelled = (id) => {
    const reader = pumps.get(id);
    if (reader) {
      pumps.delete(id);
      reader.cancel(new DOMException('The client disconnected', 'AbortError')).catch(() => {});
    }
  };

  /** Rust ended request `id` (its client went away, or its time limit passed). */
  internal.abortRequest = (id, why) => {
    const controller = requestAborts.get(id);
    if (controller !== undefined) {
      requestAborts.delete(id);
      controller.abort(why === 'timeout' ? new DOMException('The request timed out', 'TimeoutError') : undefined);
    }
    internal.streamCancelled(id);
  };

  function release(id) {
    forget(id);
    native.release(id);
  }

  /** What JavaScript keeps of request `id`, dropped once Rust released it. */
  function forget(id) {
    if (requestAborts.size !== 0) requestAborts.delete(id);
  }

  const H = internal.headers;
  const nativeThen = internal.nativeThen;

  /** The headers to send: the list itself when no name repeats (the common case), else the
   * spec's iteration, which combines repeated names (but not set-cookie). */
  function headerList(res, st) {
    const list = internal.responseHeaderList(st);
    for (let i = 2; i < list.length; i += 2) {
      const name = list[i];
      if (name === 'set-cookie') continue;
      for (let j = 0; j < i; j += 2) {
        if (list[j] === name) {
          const flat = [];
          for (const [k, v] of res.headers) flat.push(k, v);
          return flat;
        }
      }
    }
    return list;
  }

  // What `send` returns when it released the request with its response.
  const RELEASED = 1;

  /** Hands `res` to Rust; returns a promise when the body is streamed. With `release`, a
   * response that is not streamed also ends the request in the same native call (one call
   * less per request) and `send` returns RELEASED. */
  function send(id, res, scope, release) {
    const st = res[kState];
    let flat = headerList(res, st);
    if (scope !== undefined && scope.generating && scope.dynamicUsed === undefined) flat = generated(scope, flat);
    const src = st.src;
    if (src == null) {
      native.respond(id, st.status, st.statusText, flat, null, release === true);
      return release === true ? RELEASED : null;
    }
    if (st.stream == null && st.used !== true && (typeof src === 'string' || src instanceof Uint8Array)) {
      st.used = true;
      native.respond(id, st.status, st.statusText, flat, src, release === true);
      return release === true ? RELEASED : null;
    }
    if (disturbed(st) || (st.stream != null && st.stream.locked)) {
      internal.reportError(new TypeError('Response body object should not be disturbed or locked'));
      native.respond(id, 500, '', [], null);
      return null;
    }
    const stream = bodyStream(st);
    st.used = true;
    if (!native.respondStream(id, st.status, st.statusText, flat)) return null;
    return pump(id, stream);
  }

  /** Streams `stream` into request `id`'s response; resolves when it ended. */
  function pump(id, stream) {
    const streams = internal.streams;
    return streams.pump !== undefined && streams.isReadableStream(stream) ? pumpChunks(id, stream) : pumpReads(id, stream);
  }

  const clientGone = () => new DOMException('The client disconnected', 'AbortError');

  /** The pump over `internal.streams.pump` (js/jsc/20_streams.js): each chunk is written as
   * soon as the source enqueues it, with no promise job between chunks. */
  function pumpChunks(id, stream) {
    const cancel = (reason) => internal.streams.cancel(stream, reason);
    // What streamCancelled calls when the client goes away.
    pumps.set(id, { cancel });
    return new Promise((resolve) => {
      const stop = () => {
        pumps.delete(id);
        cancel(clientGone()).catch(() => {});
        resolve();
        return false;
      };
      internal.streams.pump(stream, {
        chunk(value) {
          if (!pumps.has(id)) return false;
          const bytes = typeof value === 'string' ? encoder.encode(value) : toUint8(value);
          if (!bytes) throw new TypeError('Received non-Uint8Array chunk');
          const r = native.write(id, bytes);
          if (r === 0) return true;
          if (r === 2) return stop();
          return nativeThen.call(native.drain(id), (sent) => sent || stop());
        },
        close() {
          if (pumps.has(id)) {
            pumps.delete(id);
            native.end(id);
          }
          resolve();
        },
        error(e) {
          if (pumps.has(id)) {
            pumps.delete(id);
            internal.reportError(e);
          }
          native.fail(id);
          resolve();
        },
      });
    });
  }

  /** The pump over a reader, for streams without internal.streams.pump (QuickJS's). */
  async function pumpReads(id, stream) {
    const reader = stream.getReader();
    pumps.set(id, reader);
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        if (!pumps.has(id)) return;
        const bytes = typeof value === 'string' ? encoder.encode(value) : toUint8(value);
        if (!bytes) throw new TypeError('Received non-Uint8Array chunk');
        const r = native.write(id, bytes);
        if (r === 2 || (r === 1 && !(await native.drain(id)))) {
          pumps.delete(id);
          await reader.cancel(clientGone()).catch(() => {});
          return;
        }
      }
      native.end(id);
    } catch (e) {
      if (pumps.has(id)) internal.reportError(e);
      native.fail(id);
    } finally {
      pumps.delete(id);
    }
  }

  function noResponse(route) {
    native.log(`⨯ No response is returned from route handler '${route.file}'. Ensure you return a \`Response\` or a \`NextResponse\` in all branches of your handler.`);
  }

  // What a generation (`scope.generating`) tells the runtime, in a header it removes: the
  // handler used a dynamic API (the route is dynamic), or it failed (no entry to cache).
  function generationOutcome(scope) {
    if (scope.dynamicUsed !== undefined) {
      return new Response(null, { headers: { 'x-ferroute-dynamic': scope.dynamicUsed } });
    }
    const why = scope.dynamicError !== undefined ? 'dynamic-error' : 'throw';
    return new Response(null, { status: 500, headers: { 'x-ferroute-generate-failed': why } });
  }

  /** The response of a generation, with what the runtime keeps beside the entry: the tags of
   * its fetches, and the revalidate they lowered the route's to. */
  function generated(scope, flat) {
    const out = flat.slice();
    if (scope.fetchTags.length !== 0) out.push('x-ferroute-tags', scope.fetchTags.join(','));
    if (scope.revalidate < scope.routeRevalidate) out.push('x-ferroute-revalidate', String(scope.revalidate));
    return out;
  }

  function finish(id, scope, route, value) {
    // Cache writes and tag revalidations land before the client hears back.
    const pending = scope.pending !== undefined ? internal.dataCache.settle(scope) : undefined;
    if (pending !== undefined) {
      pending.then(() => finish(id, scope, route, value));
      return;
    }
    let res = value;
    if (!(res instanceof Response)) {
      noResponse(route);
      return done(id, scope, send(id, scope.generating ? generationOutcome(scope) : new Response(null, { status: 500 })));
    }
    // The handler caught the error a dynamic API threw while generating: dynamic all the same.
    if (scope.dynamicUsed !== undefined) return done(id, scope, send(id, generationOutcome(scope)));
    if (internal.next && internal.next.finalizeResponse) {
      try {
        res = internal.next.finalizeResponse(scope, res);
      } catch (e) {
        return fail(id, scope, route, e);
      }
    }
    // Nothing to run after the response (no after() callbacks): released with it.
    return done(id, scope, send(id, res, scope, scope.after === undefined));
  }

  function fail(id, scope, route, err) {
    const pending = scope.pending !== undefined ? internal.dataCache.settle(scope) : undefined;
    if (pending !== undefined) {
      pending.then(() => fail(id, scope, route, err));
      return;
    }
    let res;
    const clientStatus = err !== null && typeof err === 'object' ? err[kClientStatus] : undefined;
    if (clientStatus !== undefined) {
      // The client sent a body we cannot read (malformed, or over the limit).
      return done(id, scope, send(id, new Response(null, { status: clientStatus })));
    }
    if (scope.dynamicUsed !== undefined) return done(id, scope, send(id, generationOutcome(scope)));
    if (internal.next && internal.next.responseForError) {
      try {
        res = internal.next.responseForError(scope, err);
      } catch (e) {
        err = e;
      }
    }
    if (!(res instanceof Response)) {
      internal.reportError(err);
      res = scope.generating ? generationOutcome(scope) : new Response(null, { status: 500 });
    }
    return done(id, scope, send(id, res));
  }

  /** After the response is handed over (and streamed): `after()` callbacks, then release. */
  function done(id, scope, streaming) {
    if (streaming === RELEASED) {
      forget(id);
      return;
    }
    if (streaming === null && scope.after === undefined) {
      release(id);
      return;
    }
    const after = () => {
      if (scope.after !== undefined && internal.next && internal.next.runAfter) {
        Promise.resolve(internal.scope.run(scope, internal.next.runAfter, undefined, scope))
          .catch(internal.reportError)
          .finally(() => release(id));
      } else {
        release(id);
      }
    };
    if (streaming) nativeThen.call(streaming, after, after);
    else after();
  }

  // Middleware (45_middleware.js) answers through the same path.
  internal.respond = { send, done };

  // The prototype of the requests handed to handlers: NextRequest when next/server is there.
  let requestProto;

  /** Called by Rust for every request that reached an exported method. `callIdx` and
   * `methodIdx` index METHODS (numbers cross the boundary cheaper than strings). */
  const FLAG_GENERATE = 4; // a static response is being generated (Rust: FLAG_GENERATE)
  const FLAG_PRERENDER = 8; // ... at build time (Rust: FLAG_PRERENDER)
  internal.dispatch = (id, index, callIdx, methodIdx, url, params, bits) => {
    // `bits`: the request flags, and above their 8 bits the request's memory tag.
    const flags = bits & 0xff;
    const route = routes[index];
    if (route.forceStatic) {
      // force-static handlers see a sanitised request: a fixed origin, no query, no headers.
      const start = url.indexOf('/', 8);
      const query = url.indexOf('?', start);
      url = `http://localhost:3000${url.slice(start, query < 0 ? url.length : query)}`;
    }
    const method = METHODS[methodIdx];
    if (requestProto === undefined) {
      const server = internal.modules['next/server'];
      requestProto = (server && server.NextRequest ? server.NextRequest : Request).prototype;
    }
    // The Request state in its final layout (20_body.js), built as one literal, and the
    // request itself without running constructors (their FAST_INIT path only stores it).
    const state = { id, method, url, flags, src: methodIdx === 0 || methodIdx === 1 ? null : { native: 'req', id } };
    if (route.forceStatic) state.list = [];
    if (route.edge && internal.config.basePath) {
      const start = url.indexOf('/', 8);
      url = state.url = url.slice(0, start) + internal.config.basePath + url.slice(start);
      state.nextConfig = { basePath: internal.config.basePath, trailingSlash: internal.config.trailingSlash };
    }
    let request = Object.create(requestProto);
    request[kState] = state;
    const ctx = { params: params === undefined ? (route.edge ? makeParams({}, route) : undefined) : makeParams(params, route) };
    const scope = internal.next && internal.next.createScope
      ? internal.next.createScope(request, route.info)
      : { request };
    if ((flags & FLAG_GENERATE) !== 0) {
      scope.generating = true;
      // Next's prerender store: the route's revalidate (fetches may lower it), the tags of
      // its fetches, and whether this is the build (fetches without options are cached).
      const rv = route.info.revalidate;
      scope.routeRevalidate = scope.revalidate = typeof rv === 'number' ? rv : internal.dataCache.INFINITE_CACHE;
      scope.fetchTags = [];
      scope.prerender = (flags & FLAG_PRERENDER) !== 0;
      if (!route.forceStatic) request = trackedRequest(request, scope);
    }
    let result;
    const prev = enterScope(scope, bits >>> 8);
    try {
      result = route.handlers[METHODS[callIdx]](request, ctx);
    } catch (e) {
      return fail(id, scope, route, e);
    } finally {
      internal.context.enter(prev);
    }
    if (result !== null && typeof result === 'object' && typeof result.then === 'function') {
      // An async handler that finished without awaiting: take its value now when nothing
      // else is queued (same order as a reaction, without its cost).
      const value = fulfilled !== undefined && result instanceof Promise ? fulfilled(result) : undefined;
      if (value !== undefined) {
        finish(id, scope, route, value);
        return;
      }
      const ok = (v) => finish(id, scope, route, v);
      const failed = (e) => fail(id, scope, route, e);
      // A lowered async handler calls back when it ends (02_async_context.js).
      const claimed = internal.claimAsync(result);
      if (claimed !== undefined) {
        claimed.ok = ok;
        claimed.fail = failed;
      } else {
        nativeThen.call(result, ok, failed);
      }
    } else {
      finish(id, scope, route, result);
    }
  };
})();
