// next/navigation in route handlers (behaviour.md §8 NAV-01..06, HDR-06) and
// internal.next.responseForError. Plain script: only `test` / `assert`.
(() => {
  'use strict';
  const internal = globalThis[Symbol.for('ferroute.internal')];
  const { NextRequest } = internal.modules['next/server'];
  const nav = internal.modules['next/navigation'];
  const { redirect, permanentRedirect, notFound, forbidden, unauthorized, RedirectType, unstable_rethrow } = nav;
  const ROUTE = { pattern: '/redir', file: 'app/redir/route.js' };

  // One request through the same calls the runtime makes (500 = runtime default).
  async function run(handler, opts) {
    opts = opts || {};
    const request = new NextRequest(opts.url || 'http://localhost:3000/redir', {
      method: opts.method || 'GET', headers: opts.headers, body: opts.body,
    });
    const scope = internal.next.createScope(request, ROUTE);
    return internal.scope.run(scope, async () => {
      try {
        return internal.next.finalizeResponse(scope, await handler(request));
      } catch (error) {
        const r = internal.next.responseForError(scope, error);
        return r === undefined ? new Response(null, { status: 500 }) : r;
      }
    });
  }

  function caught(fn) {
    try {
      fn();
    } catch (e) {
      return e;
    }
    throw new Error('expected a throw');
  }

  test('module exports', () => {
    for (const name of ['redirect', 'permanentRedirect', 'notFound', 'forbidden', 'unauthorized', 'unstable_rethrow']) {
      assert.equal(typeof nav[name], 'function', name);
    }
    assert.deepEqual(RedirectType, { push: 'push', replace: 'replace' });
  });

  test('NAV-01: redirect() answers 307 with Location exactly as passed and an empty body', async () => {
    for (const to of ['/target', 'relative/path', 'https://example.com/x', 'https://nextjs.org/']) {
      const res = await run(() => redirect(to));
      assert.equal(res.status, 307, to);
      assert.equal(res.headers.get('location'), to);
      assert.equal(await res.text(), '');
      assert.equal(res.headers.get('content-type'), null);
    }
  });

  test('NAV-01: async handlers and rejected promises redirect too', async () => {
    const res = await run(async () => {
      await null;
      redirect('/later');
    });
    assert.equal(res.status, 307);
    assert.equal(res.headers.get('location'), '/later');
    const viaReject = await run(() => Promise.reject(caught(() => redirect('/rejected'))));
    assert.equal(viaReject.status, 307);
    assert.equal(viaReject.headers.get('location'), '/rejected');
  });

  test('NAV-02: permanentRedirect() answers 308', async () => {
    const res = await run(() => permanentRedirect('/target'));
    assert.equal(res.status, 308);
    assert.equal(res.headers.get('location'), '/target');
    assert.equal(await res.text(), '');
  });

  test('NAV-03: Server-Action-like POSTs get 303 for redirect and permanentRedirect', async () => {
    const cases = [
      [{ 'content-type': 'application/x-www-form-urlencoded' }, 'a=1', 303],
      [{ 'content-type': 'multipart/form-data; boundary=xyz' }, '--xyz--\r\n', 303],
      [{ 'next-action': 'abc' }, undefined, 303],
      [{ 'next-action': '' }, undefined, 303],
      [{ 'content-type': 'application/json' }, '{}', 307],
      [{}, undefined, 307],
      [{ 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' }, 'a=1', 307],
    ];
    for (const [hdrs, body, status] of cases) {
      const res = await run(() => redirect('/after-post'), { method: 'POST', headers: hdrs, body });
      assert.equal(res.status, status, JSON.stringify(hdrs));
      assert.equal(res.headers.get('location'), '/after-post');
      const perm = await run(() => permanentRedirect('/after-post'), { method: 'POST', headers: hdrs, body });
      assert.equal(perm.status, status === 303 ? 303 : 308, 'permanent ' + JSON.stringify(hdrs));
    }
  });

  test('NAV-03: only POST counts as a Server Action', async () => {
    const put = await run(() => redirect('/x'), { method: 'PUT', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1' });
    assert.equal(put.status, 307);
    const get = await run(() => redirect('/x'), { headers: { 'next-action': 'abc' } });
    assert.equal(get.status, 307);
  });

  test('NAV-04: the thrown error has message NEXT_REDIRECT and Next\'s digest', () => {
    const e = caught(() => redirect('/target'));
    assert.ok(e instanceof Error);
    assert.equal(e.message, 'NEXT_REDIRECT');
    assert.equal(e.digest, 'NEXT_REDIRECT;replace;/target;307;');
    assert.equal(caught(() => permanentRedirect('/target')).digest, 'NEXT_REDIRECT;replace;/target;308;');
    assert.equal(caught(() => redirect('/target', RedirectType.push)).digest, 'NEXT_REDIRECT;push;/target;307;');
    assert.equal(caught(() => permanentRedirect('/target', 'push')).digest, 'NEXT_REDIRECT;push;/target;308;');
  });

  test('NAV-04: redirect() inside a Server-Action-like request defaults to type "push"', async () => {
    const res = await run(() => {
      const e = caught(() => redirect('/after-post'));
      return Response.json({ digest: e.digest, perm: caught(() => permanentRedirect('/p')).digest });
    }, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1' });
    assert.deepEqual(await res.json(), { digest: 'NEXT_REDIRECT;push;/after-post;307;', perm: 'NEXT_REDIRECT;replace;/p;308;' });
  });

  test('NAV-04: a caught redirect does not redirect (redir-in-try probe)', async () => {
    const res = await run(() => {
      try {
        redirect('/target');
      } catch (e) {
        return Response.json({ caught: true, digest: e.digest, message: e.message });
      }
    });
    assert.equal(res.status, 200);
    assert.equal(await res.text(), '{"caught":true,"digest":"NEXT_REDIRECT;replace;/target;307;","message":"NEXT_REDIRECT"}');
  });

  test('redirect URLs containing ";" survive the digest round trip', async () => {
    const res = await run(() => redirect('/a;b;c?x=1;2'));
    assert.equal(res.status, 307);
    assert.equal(res.headers.get('location'), '/a;b;c?x=1;2');
  });

  test('NAV-05: notFound() answers an empty 404', async () => {
    const res = await run(() => notFound());
    assert.equal(res.status, 404);
    assert.equal(await res.text(), '');
    assert.equal(res.headers.get('content-type'), null);
    const e = caught(() => notFound());
    assert.equal(e.message, 'NEXT_HTTP_ERROR_FALLBACK;404');
    assert.equal(e.digest, 'NEXT_HTTP_ERROR_FALLBACK;404');
  });

  test('NAV-06: without authInterrupts forbidden()/unauthorized() throw plain errors (-> 500)', async () => {
    const f = caught(() => forbidden());
    assert.equal(f.message, '`forbidden()` is experimental and only allowed to be enabled when `experimental.authInterrupts` is enabled.');
    assert.equal(f.digest, undefined);
    const u = caught(() => unauthorized());
    assert.equal(u.message, '`unauthorized()` is experimental and only allowed to be used when `experimental.authInterrupts` is enabled.');
    const scope = internal.next.createScope(new NextRequest('http://localhost:3000/forbid'), ROUTE);
    assert.equal(internal.next.responseForError(scope, f), undefined);
    assert.equal(internal.next.responseForError(scope, u), undefined);
    assert.equal((await run(() => forbidden())).status, 500);
    assert.equal((await run(() => unauthorized())).status, 500);
  });

  test('NAV-06: with internal.authInterrupts = true they answer empty 403 / 401', async () => {
    const previous = internal.authInterrupts;
    internal.authInterrupts = true;
    try {
      assert.equal(caught(() => forbidden()).digest, 'NEXT_HTTP_ERROR_FALLBACK;403');
      assert.equal(caught(() => unauthorized()).digest, 'NEXT_HTTP_ERROR_FALLBACK;401');
      const f = await run(() => forbidden());
      assert.equal(f.status, 403);
      assert.equal(await f.text(), '');
      const u = await run(() => unauthorized());
      assert.equal(u.status, 401);
    } finally {
      internal.authInterrupts = previous;
    }
  });

  test('responseForError: anything else is left to the runtime (undefined)', () => {
    const scope = internal.next.createScope(new NextRequest('http://localhost:3000/x'), ROUTE);
    const rfe = (e) => internal.next.responseForError(scope, e);
    assert.equal(rfe(new Error('boom')), undefined);
    assert.equal(rfe('a string'), undefined);
    assert.equal(rfe(null), undefined);
    assert.equal(rfe(undefined), undefined);
    assert.equal(rfe({ digest: 'NEXT_REDIRECT;replace;/x;200;' }), undefined, 'invalid status');
    assert.equal(rfe({ digest: 'NEXT_REDIRECT;other;/x;307;' }), undefined, 'invalid type');
    assert.equal(rfe({ digest: 'NEXT_HTTP_ERROR_FALLBACK;500' }), undefined);
    assert.equal(rfe({ digest: 'DYNAMIC_SERVER_USAGE' }), undefined);
    // Hand-made errors with a valid digest are treated like Next's own.
    const handMade = rfe({ digest: 'NEXT_REDIRECT;replace;/hand;308;' });
    assert.equal(handMade.status, 308);
    assert.equal(handMade.headers.get('location'), '/hand');
    assert.equal(rfe({ digest: 'NEXT_HTTP_ERROR_FALLBACK;404' }).status, 404);
  });

  test('notFound() does not carry cookie mutations; redirect() does (HDR-06)', async () => {
    const { cookies } = internal.modules['next/headers'];
    const nf = await run(async () => {
      (await cookies()).set('a', '1');
      notFound();
    });
    assert.equal(nf.status, 404);
    assert.deepEqual(nf.headers.getSetCookie(), []);
    const rd = await run(async () => {
      (await cookies()).set('flash', 'hi');
      redirect('/target');
    });
    assert.deepEqual(rd.headers.getSetCookie(), ['flash=hi; Path=/']);
  });

  test('unstable_rethrow rethrows Next control-flow errors (also via cause) and ignores others', () => {
    const r = caught(() => redirect('/x'));
    assert.throws(() => unstable_rethrow(r), /^NEXT_REDIRECT$/);
    assert.throws(() => unstable_rethrow(caught(() => notFound())), /^NEXT_HTTP_ERROR_FALLBACK;404$/);
    assert.throws(() => unstable_rethrow(new Error('wrapped', { cause: r })), /^NEXT_REDIRECT$/);
    const dyn = Object.assign(new Error('dyn'), { digest: 'DYNAMIC_SERVER_USAGE' });
    assert.throws(() => unstable_rethrow(dyn), /^dyn$/);
    assert.equal(unstable_rethrow(new Error('plain')), undefined);
    assert.equal(unstable_rethrow('string'), undefined);
    assert.equal(unstable_rethrow(null), undefined);
  });

  test('ReadonlyURLSearchParams reads like URLSearchParams and refuses writes', () => {
    const p = new nav.ReadonlyURLSearchParams('a=1&a=2');
    assert.deepEqual(p.getAll('a'), ['1', '2']);
    assert.throws(() => p.set('a', '3'), /^Method unavailable on `ReadonlyURLSearchParams`/);
    assert.throws(() => p.append('a', '3'), /^Method unavailable/);
    assert.throws(() => p.delete('a'), /^Method unavailable/);
    assert.throws(() => p.sort(), /^Method unavailable/);
  });
})();
