// The fetch data cache (behaviour.md §13): which fetches are cached and for how long, by
// Next.js 15.5's rules (fetch options, the route's `fetchCache`, `dynamic` and
// `revalidate`, whether the route is being generated), over the cache store natives
// (data_cache.rs). Also what next/cache shares: implicit tags, tag revalidation, and the
// cache writes a request waits for before its response is sent.
(() => {
  'use strict';
  const internal = globalThis[Symbol.for('ferroute.internal')];
  const native = internal.native;
  const { kState } = internal;
  const { encoder } = internal.body;
  const { fetch: rawFetch, fetchedResponse } = internal;

  /** Next's `INFINITE_CACHE`: cached until revalidated by tag or path. */
  const INFINITE_CACHE = 0xfffffffe;
  const ONE_YEAR = 31536000;
  const TAG_MAX_LENGTH = 256;
  const TAG_MAX_ITEMS = 128;
  /** Cache-key format version: bump when the key's inputs change. */
  const KEY_VERSION = 'v3';

  /** The tags of `list` Next accepts (strings up to 256 characters, at most 128). */
  function validateTags(list, description) {
    const valid = [];
    const invalid = [];
    for (let i = 0; i < list.length; i++) {
      const tag = list[i];
      if (typeof tag !== 'string') invalid.push([tag, 'invalid type, must be a string']);
      else if (tag.length > TAG_MAX_LENGTH) invalid.push([tag, `exceeded max length of ${TAG_MAX_LENGTH}`]);
      else valid.push(tag);
      if (valid.length > TAG_MAX_ITEMS) {
        console.warn(`Warning: exceeded max tag count for ${description}, dropped tags:`, list.slice(i).join(', '));
        break;
      }
    }
    if (invalid.length > 0) {
      console.warn(`Warning: invalid tags passed to ${description}: `);
      for (const [tag, reason] of invalid) console.log(`tag: "${tag}" ${reason}`);
    }
    return valid;
  }

  function validateRevalidate(value, route) {
    if (value === false) return INFINITE_CACHE;
    if (typeof value === 'number' && !Number.isNaN(value) && value > -1) return value;
    if (value !== undefined) {
      throw new Error(`Invalid revalidate value "${value}" on "${route}", must be a non-negative number or false`);
    }
    return undefined;
  }

  /** The implicit tags of the request `scope` handles: its route's layouts, the route
   * itself and its path, as Next derives them (`_N_T_/layout`, `_N_T_/a/layout`,
   * `_N_T_/a/route`, `_N_T_/a`). What revalidatePath revalidates. */
  function implicitTags(scope) {
    if (scope.implicitTags !== undefined) return scope.implicitTags;
    const pattern = scope.route ? scope.route.pattern : '/';
    const page = `${pattern === '/' ? '' : pattern}/route`;
    const tags = ['_N_T_/layout'];
    const parts = page.split('/');
    for (let i = 2; i <= parts.length; i++) {
      let p = parts.slice(0, i).join('/');
      if (!p.endsWith('/route')) p += '/layout';
      tags.push(`_N_T_${p}`);
    }
    const url = scope.request && scope.request[kState] ? scope.request[kState].url : undefined;
    if (url !== undefined) {
      const start = url.indexOf('/', url.indexOf('//') + 2);
      const end = url.indexOf('?', start);
      let path = start < 0 ? '/' : url.slice(start, end < 0 ? url.length : end);
      try {
        path = decodeURI(path);
      } catch {}
      tags.push(`_N_T_${path}`);
    }
    scope.implicitTags = tags;
    return tags;
  }

  /** Something the response waits for (a cache write, a tag revalidation). */
  function addPending(scope, promise) {
    if (scope === undefined) return;
    if (scope.pending === undefined) scope.pending = [];
    scope.pending.push(promise);
  }

  /** Revalidates `tags` for the request `scope` handles: the store records it before the
   * response is sent, so the client's next request sees fresh data on any instance. */
  function revalidateTags(scope, tags) {
    if (tags.length === 0) return;
    const p = native.cacheRevalidate(tags);
    if (scope !== undefined) addPending(scope, p);
  }

  /** What the response of `scope` must wait for, or undefined. */
  function settle(scope) {
    const list = scope.pending;
    if (list === undefined) return undefined;
    scope.pending = undefined;
    return Promise.all(list).then(() => settle(scope));
  }

  /** [cached response meta, body] → a Response as a fresh fetch would give it. */
  function cachedResponse(hit, url) {
    const [status, flat, body] = hit;
    return fetchedResponse(status, '', flat, body.length === 0 ? null : body, url, false);
  }

  /** Background refreshes of stale fetch entries running in this worker, by key. */
  const refreshing = new Map();

  async function fetchAndStore(request, key, revalidate, tags, scope) {
    const res = await rawFetch(request);
    if (res.status !== 200) return res;
    const body = new Uint8Array(await res.arrayBuffer());
    const flat = [];
    for (const [k, v] of res.headers) flat.push(k, v);
    const seconds = revalidate >= INFINITE_CACHE ? ONE_YEAR : revalidate;
    addPending(scope, native.cacheSet(key, [1, seconds, 200], tags, flat, body));
    return fetchedResponse(200, res.statusText, flat, body.length === 0 ? null : body, res.url, res.redirected);
  }

  /** The cache key of `request` (its method, URL, headers, options and body), as Next keys
   * fetches. Reads the body of a clone. */
  async function cacheKey(request) {
    let body = [];
    if (request.body !== null) {
      const bytes = new Uint8Array(await request.clone().arrayBuffer());
      body = [new TextDecoder().decode(bytes)];
    }
    const headers = {};
    for (const [k, v] of request.headers) headers[k] = v;
    const parts = [
      KEY_VERSION, request.url, request.method, headers, request.mode, request.redirect,
      request.credentials, request.referrer, request.referrerPolicy, request.integrity,
      request.cache, body,
    ];
    return native.cacheKey('fetch', JSON.stringify(parts));
  }

  async function fetch(input, init) {
    const scope = internal.scope.current();
    // Outside a request (module top level, a timer after the response) or in after(): as is.
    if (scope === undefined || scope.phase === 'after' || scope.route === undefined) return rawFetch(input, init);
    const route = scope.route;
    const isRequestInput = input instanceof Request;
    let next = init != null ? init.next : undefined;
    if (isRequestInput && init != null) {
      const { next: n, ...rest } = init;
      input = new Request(input, rest);
      init = undefined;
      next = n;
    }
    if (next == null && isRequestInput) next = input.next;
    const field = (name) => (init != null && init[name]) || (isRequestInput ? input[name] : null);
    const nextField = (name) => (next != null ? next[name] : undefined);
    const url = isRequestInput ? input.url : String(input);

    const originalRevalidate = nextField('revalidate');
    let revalidate = originalRevalidate;
    const tags = validateTags(nextField('tags') || [], `fetch ${url}`);
    // While a response is generated, the route collects the tags of its fetches and may
    // have its revalidate lowered by theirs (Next's prerender store).
    const gen = scope.generating ? scope : undefined;
    if (gen !== undefined) {
      for (const t of tags) if (!gen.fetchTags.includes(t)) gen.fetchTags.push(t);
    }
    const pageMode = scope.unstableCache ? 'force-no-store' : route.fetchCache;
    let cache = field('cache');
    if (typeof cache === 'string' && revalidate !== undefined) {
      const conflict = (cache === 'force-cache' && revalidate === 0) ||
        (cache === 'no-store' && (revalidate > 0 || revalidate === false));
      if (conflict) {
        cache = undefined;
        revalidate = undefined;
      }
    }
    const optOut = cache === 'no-cache' || cache === 'no-store' ||
      pageMode === 'force-no-store' || pageMode === 'only-no-store';
    const forceDynamicDefault = !pageMode && !cache && !revalidate && route.dynamic === 'force-dynamic';
    if (cache === 'force-cache' && revalidate === undefined) revalidate = false;
    else if (optOut || forceDynamicDefault) revalidate = 0;
    let final = validateRevalidate(revalidate, route.pattern);

    const headers = new Headers(field('headers') || undefined);
    const uncacheableHeader = headers.get('authorization') || headers.get('cookie');
    const method = String(field('method') || 'GET').toLowerCase();
    const uncacheableMethod = method !== 'get' && method !== 'head';
    const noExplicitConfig = pageMode == null && (cache == null || cache === 'default') && revalidate == null;
    let autoNoCache = Boolean((uncacheableHeader || uncacheableMethod) && gen !== undefined && gen.revalidate === 0);
    // At build time a fetch without options is cached (Next's implicit build-time cache).
    if (!autoNoCache && noExplicitConfig && !(gen !== undefined && gen.prerender)) autoNoCache = true;

    switch (pageMode) {
      case 'only-no-store':
        if (cache === 'force-cache' || (final !== undefined && final > 0)) {
          throw new Error(`cache: 'force-cache' used on fetch for ${url} with 'export const fetchCache = 'only-no-store'`);
        }
        break;
      case 'only-cache':
        if (cache === 'no-store') {
          throw new Error(`cache: 'no-store' used on fetch for ${url} with 'export const fetchCache = 'only-cache'`);
        }
        break;
      case 'force-cache':
        if (revalidate === undefined || revalidate === 0) final = INFINITE_CACHE;
        break;
      default:
        break;
    }
    if (final === undefined) {
      if (pageMode === 'default-cache' && !scope.noStore) final = INFINITE_CACHE;
      else if (pageMode === 'default-no-store' || scope.noStore || autoNoCache) final = 0;
      else final = gen !== undefined ? gen.revalidate : INFINITE_CACHE;
    }
    if (!(scope.forceStatic && final === 0) && !autoNoCache && gen !== undefined && final < gen.revalidate) {
      if (final === 0) internal.next.dynamicUsage(scope, `revalidate: 0 fetch ${url} ${route.pattern}`);
      if (originalRevalidate === final) gen.revalidate = final;
    }
    if (!(typeof final === 'number' && final > 0)) return rawFetch(input, init);

    const request = new Request(input, init);
    const key = await cacheKey(request);
    // A regeneration waits for fresh data when its fetch is stale, so the new entry has it.
    const hit = await native.cacheGet(key, implicitTags(scope));
    if (hit !== null) {
      const age = hit[3];
      if (age <= final * 1000) return cachedResponse(hit, request.url);
      if (gen === undefined || gen.prerender) {
        if (!refreshing.has(key)) {
          const refresh = fetchAndStore(request.clone(), key, final, tags, undefined)
            .catch((e) => console.error(`Failed to revalidate ${request.url}`, e))
            .finally(() => refreshing.delete(key));
          refreshing.set(key, refresh);
        }
        return cachedResponse(hit, request.url);
      }
    }
    return fetchAndStore(request, key, final, tags, scope);
  }

  internal.fetch = fetch;
  internal.dataCache = {
    INFINITE_CACHE, validateTags, validateRevalidate, implicitTags, addPending, revalidateTags, settle,
    encoder,
  };
})();
