// `next/navigation` for route handlers (Next.js 15.5 semantics): redirect(),
// permanentRedirect(), notFound(), forbidden(), unauthorized(),
// unstable_rethrow(), plus internal.next.responseForError which turns the
// errors they throw into responses (behaviour.md §8 NAV-*, HDR-06).
(() => {
  'use strict';

  const internal = globalThis[Symbol.for('ferroute.internal')];
  const shared = internal.nextShared;
  const { currentScope } = shared;

  const REDIRECT_CODE = 'NEXT_REDIRECT';
  const HTTP_FALLBACK_CODE = 'NEXT_HTTP_ERROR_FALLBACK';
  const REDIRECT_STATUSES = [303, 307, 308];
  const FALLBACK_STATUSES = [401, 403, 404];

  const RedirectType = { push: 'push', replace: 'replace' };

  function redirectError(url, type, status) {
    const error = new Error(REDIRECT_CODE);
    error.digest = REDIRECT_CODE + ';' + type + ';' + url + ';' + status + ';';
    return error;
  }

  // Throws; the route answers 307 with `Location: url` as given (303 for
  // Server-Action-like POSTs). Default type is "push" for those, else "replace".
  function redirect(url, type) {
    if (type == null) {
      const scope = currentScope();
      type = scope && scope.isAction ? RedirectType.push : RedirectType.replace;
    }
    throw redirectError(url, type, 307);
  }

  function permanentRedirect(url, type) {
    if (type === undefined) type = RedirectType.replace;
    throw redirectError(url, type, 308);
  }

  function fallbackError(status) {
    const digest = HTTP_FALLBACK_CODE + ';' + status;
    const error = new Error(digest);
    error.digest = digest;
    return error;
  }

  function notFound() {
    throw fallbackError(404);
  }

  // experimental.authInterrupts is off unless the runtime sets
  // internal.authInterrupts = true; without it these throw plain errors (→ 500).
  function forbidden() {
    if (internal.authInterrupts !== true) {
      throw new Error('`forbidden()` is experimental and only allowed to be enabled when `experimental.authInterrupts` is enabled.');
    }
    throw fallbackError(403);
  }

  function unauthorized() {
    if (internal.authInterrupts !== true) {
      throw new Error('`unauthorized()` is experimental and only allowed to be used when `experimental.authInterrupts` is enabled.');
    }
    throw fallbackError(401);
  }

  function digestOf(error) {
    if (typeof error !== 'object' || error === null || !('digest' in error)) return undefined;
    return typeof error.digest === 'string' ? error.digest : undefined;
  }

  // Parsed redirect digest `NEXT_REDIRECT;<type>;<url>;<status>;` (the URL may
  // itself contain ";"), or undefined.
  function parseRedirect(error) {
    const digest = digestOf(error);
    if (digest === undefined) return undefined;
    const parts = digest.split(';');
    if (parts[0] !== REDIRECT_CODE || (parts[1] !== 'replace' && parts[1] !== 'push')) return undefined;
    const status = Number(parts[parts.length - 2]);
    if (REDIRECT_STATUSES.indexOf(status) === -1) return undefined;
    return { type: parts[1], url: parts.slice(2, -2).join(';'), status };
  }

  function fallbackStatus(error) {
    const digest = digestOf(error);
    if (digest === undefined) return undefined;
    const parts = digest.split(';');
    if (parts[0] !== HTTP_FALLBACK_CODE) return undefined;
    const status = Number(parts[1]);
    return FALLBACK_STATUSES.indexOf(status) === -1 ? undefined : status;
  }

  function isNextRouterError(error) {
    return parseRedirect(error) !== undefined || fallbackStatus(error) !== undefined;
  }

  const RETHROW_DIGESTS = ['DYNAMIC_SERVER_USAGE', 'BAILOUT_TO_CLIENT_SIDE_RENDERING', 'HANGING_PROMISE_REJECTION'];
  const REACT_POSTPONE = Symbol.for('react.postpone');

  // Rethrows Next's control-flow errors (also when found in an error's cause
  // chain); does nothing for anything else.
  function unstable_rethrow(error) {
    if (isNextRouterError(error) ||
        RETHROW_DIGESTS.indexOf(digestOf(error)) !== -1 ||
        (typeof error === 'object' && error !== null && error.$$typeof === REACT_POSTPONE)) {
      throw error;
    }
    if (error instanceof Error && 'cause' in error) unstable_rethrow(error.cause);
  }

  class ReadonlyURLSearchParamsError extends Error {
    constructor() {
      super('Method unavailable on `ReadonlyURLSearchParams`. Read more: https://nextjs.org/docs/app/api-reference/functions/use-search-params#updating-searchparams');
    }
  }

  class ReadonlyURLSearchParams extends URLSearchParams {
    append() { throw new ReadonlyURLSearchParamsError(); }
    delete() { throw new ReadonlyURLSearchParamsError(); }
    set() { throw new ReadonlyURLSearchParamsError(); }
    sort() { throw new ReadonlyURLSearchParamsError(); }
  }

  function unstable_isUnrecognizedActionError() {
    throw new Error('`unstable_isUnrecognizedActionError` can only be used on the client.');
  }

  // Called by the runtime when the handler throws/rejects. Redirect errors
  // become 307/308 (303 for Server-Action-like requests) with an empty body,
  // `Location` exactly as passed and the request's cookie mutations; HTTP
  // fallback errors (notFound) become an empty 404 (401/403 with
  // authInterrupts). Anything else: undefined (the runtime logs it, answers 500).
  function responseForError(scope, error) {
    const redirectInfo = parseRedirect(error);
    if (redirectInfo !== undefined) {
      if (!redirectInfo.url) return undefined;
      let headers;
      try {
        headers = new Headers({ Location: redirectInfo.url });
      } catch (_) {
        return undefined;
      }
      shared.applyCookieMutations(scope, headers);
      return new Response(null, { status: scope.isAction ? 303 : redirectInfo.status, headers });
    }
    const status = fallbackStatus(error);
    if (status !== undefined) {
      const headers = new Headers();
      if (scope.clearPreview) {
        for (const line of shared.clearPreviewLines()) headers.append('set-cookie', line);
      }
      return new Response(null, { status, headers });
    }
    return undefined;
  }

  internal.next.responseForError = responseForError;

  internal.modules['next/navigation'] = {
    redirect,
    permanentRedirect,
    notFound,
    forbidden,
    unauthorized,
    RedirectType,
    unstable_rethrow,
    ReadonlyURLSearchParams,
    unstable_isUnrecognizedActionError,
  };
})();
