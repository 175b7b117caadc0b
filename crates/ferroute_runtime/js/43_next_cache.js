// `next/cache` for route handlers (behaviour.md §13): revalidateTag, revalidatePath,
// unstable_cache and unstable_noStore, over the data cache of 22_fetch_cache.js.
(() => {
  'use strict';

  const internal = globalThis[Symbol.for('ferroute.internal')];
  const native = internal.native;
  const { currentScope } = internal.nextShared;
  const dc = internal.dataCache;
  const SOFT_TAG_MAX_LENGTH = 1024;

  /** Opts the current request out of static generation and of the default fetch cache. */
  function unstable_noStore() {
    const scope = currentScope();
    if (scope === undefined || scope.forceStatic) return;
    scope.noStore = true;
    if (scope.generating) internal.next.dynamicUsage(scope, 'unstable_noStore()');
  }

  function revalidate(tags, expression) {
    const scope = currentScope();
    if (scope === undefined) throw new Error(`Invariant: static generation store missing in ${expression}`);
    const route = scope.route && scope.route.pattern;
    if (scope.unstableCache) {
      throw new Error(
        `Route ${route} used "${expression}" inside a function cached with "unstable_cache(...)" which is unsupported. ` +
          'To ensure revalidation is performed consistently it must always happen outside of renders and cached functions. ' +
          'See more info here: https://nextjs.org/docs/app/building-your-application/rendering/static-and-dynamic#dynamic-rendering',
      );
    }
    // A route that revalidates while it is generated is dynamic (next build: ƒ).
    if (scope.generating) internal.next.dynamicUsage(scope, expression);
    dc.revalidateTags(scope, tags);
  }

  function revalidateTag(tag) {
    return revalidate([tag], `revalidateTag ${tag}`);
  }

  function revalidatePath(originalPath, type) {
    if (originalPath.length > SOFT_TAG_MAX_LENGTH) {
      console.warn(`Warning: revalidatePath received "${originalPath}" which exceeded max length of ${SOFT_TAG_MAX_LENGTH}. See more info here https://nextjs.org/docs/app/api-reference/functions/revalidatePath`);
      return undefined;
    }
    let tag = `_N_T_${originalPath}`;
    if (type) tag += `${tag.endsWith('/') ? '' : '/'}${type}`;
    else if (/\[[^/]+\]/.test(originalPath)) {
      console.warn(`Warning: a dynamic page path "${originalPath}" was passed to "revalidatePath", but the "type" parameter is missing. This has no effect by default, see more info here https://nextjs.org/docs/app/api-reference/functions/revalidatePath`);
    }
    return revalidate([tag], `revalidatePath ${originalPath}`);
  }

  /** Refreshes of stale unstable_cache entries running in this worker, by invocation key. */
  const refreshing = new Map();

  function unstable_cache(cb, keyParts, options = {}) {
    if (options.revalidate === 0) {
      throw new Error(`Invariant revalidate: 0 can not be passed to unstable_cache(), must be "false" or "> 0" ${cb.toString()}`);
    }
    const tags = options.tags ? dc.validateTags(options.tags, `unstable_cache ${cb.toString()}`) : [];
    const seconds = typeof options.revalidate === 'number' ? options.revalidate : -1;
    const fixedKey = `${cb.toString()}-${Array.isArray(keyParts) && keyParts.join(',')}`;

    return async function cached(...args) {
      const scope = currentScope();
      const invocationKey = `${fixedKey}-${JSON.stringify(args)}`;
      const key = native.cacheKey('unstable_cache', invocationKey);
      // Inside, fetches are not cached and request data may not be read.
      const inner = scope === undefined ? { unstableCache: true } : Object.assign(Object.create(scope), { unstableCache: true });
      const run = () => internal.scope.run(inner, cb, undefined, ...args);
      const store = (result) => {
        const body = result === undefined ? new Uint8Array(0) : dc.encoder.encode(JSON.stringify(result));
        return native.cacheSet(key, [2, seconds, 200], tags, [], body);
      };
      if (scope !== undefined && scope.generating) {
        if (typeof options.revalidate === 'number' && scope.revalidate > options.revalidate) {
          scope.revalidate = options.revalidate;
        }
        for (const t of tags) if (!scope.fetchTags.includes(t)) scope.fetchTags.push(t);
      }
      const nested = scope !== undefined && scope.unstableCache === true;
      const fetchCache = scope !== undefined && scope.route ? scope.route.fetchCache : undefined;
      if (!nested && fetchCache !== 'force-no-store') {
        const hit = await native.cacheGet(key, scope !== undefined && scope.route ? dc.implicitTags(scope) : []);
        if (hit !== null) {
          const bytes = hit[2];
          const value = bytes.length === 0 ? undefined : JSON.parse(new TextDecoder().decode(bytes));
          const stale = seconds >= 0 && hit[3] > seconds * 1000;
          if (!stale) return value;
          if (!refreshing.has(invocationKey)) {
            const refresh = Promise.resolve()
              .then(run)
              .then(store)
              .catch((err) => console.error(`revalidating cache with key: ${invocationKey}`, err))
              .finally(() => refreshing.delete(invocationKey));
            refreshing.set(invocationKey, refresh);
          }
          return value;
        }
      }
      const result = await run();
      const write = store(result);
      if (scope !== undefined) dc.addPending(scope, write);
      return result;
    };
  }

  /** `'use cache'` (experimental in Next.js 15) is not supported: its helpers say so. */
  function useCacheOnly(name) {
    return function () {
      throw new Error(`${name}() can only be called inside a "use cache" function, which ferroute does not support (Next.js 15 marks it experimental): use unstable_cache or the fetch cache instead`);
    };
  }

  internal.modules['next/cache'] = {
    unstable_noStore,
    unstable_cache,
    revalidateTag,
    revalidatePath,
    unstable_expireTag: (...tags) => revalidate(tags.flat(), `unstable_expireTag ${tags.join(', ')}`),
    unstable_expirePath: revalidatePath,
    unstable_cacheLife: useCacheOnly('cacheLife'),
    unstable_cacheTag: useCacheOnly('cacheTag'),
  };
})();
