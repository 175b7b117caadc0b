// `next/cache` for route handlers. Only unstable_noStore() for now;
// revalidateTag / revalidatePath / unstable_cache come with the data-cache
// work (behaviour.md §13) and are deliberately not exported yet.
(() => {
  'use strict';

  const internal = globalThis[Symbol.for('ferroute.internal')];
  const { currentScope } = internal.nextShared;

  // Opts the current request out of static rendering. Request handling is
  // already dynamic, so this only records the fact on the scope
  // (scope.noStore) for the future caching layer. No-op outside a request.
  function unstable_noStore() {
    const scope = currentScope();
    if (scope && !scope.forceStatic) scope.noStore = true;
  }

  internal.modules['next/cache'] = { unstable_noStore };
})();
