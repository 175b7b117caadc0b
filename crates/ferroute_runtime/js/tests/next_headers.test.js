// next/headers (cookies, headers, draftMode), after(), connection(),
// unstable_noStore() and the response merge of cookie mutations
// (behaviour.md §6 HDR-01..10, HND-08, CK-*). Plain script: only `test` /
// `assert` and the internal object (internal.scope.run(scope, fn) enters a
// request scope).
(() => {
  'use strict';
  const internal = globalThis[Symbol.for('ferroute.internal')];
  const { NextRequest, NextResponse, after, connection } = internal.modules['next/server'];
  const { cookies, headers, draftMode } = internal.modules['next/headers'];
  const { redirect } = internal.modules['next/navigation'];
  const { unstable_noStore } = internal.modules['next/cache'];
  const ROUTE = { pattern: '/t', file: 'app/t/route.js' };
  const NOW = Date.UTC(2026, 10, 24, 5, 19, 10);
  const CLEAR_BYPASS = '__prerender_bypass=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; Secure; SameSite=None';
  const CLEAR_DATA = '__next_preview_data=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; Secure; SameSite=None';
  const OUTSIDE = (name) => new RegExp('^`' + name + '` was called outside a request scope\\. Read more: https://nextjs\\.org/docs/messages/next-dynamic-api-wrong-context$');
  const READONLY_HEADERS = /^Headers cannot be modified\. Read more: https:\/\/nextjs\.org\/docs\/app\/api-reference\/functions\/headers$/;
  const READONLY_COOKIES = /^Cookies can only be modified in a Server Action or Route Handler\. Read more: https:\/\/nextjs\.org\/docs\/app\/api-reference\/functions\/cookies#options$/;

  async function withNow(ms, fn) {
    const real = Date.now;
    Date.now = () => ms;
    try {
      return await fn();
    } finally {
      Date.now = real;
    }
  }

  async function captureErrors(fn) {
    const real = console.error;
    const logs = [];
    console.error = (...args) => { logs.push(args); };
    try {
      const result = await fn();
      return { result, logs };
    } finally {
      console.error = real;
    }
  }

  function makeRequest(opts) {
    return new NextRequest(opts.url || 'http://localhost:3000/t', {
      method: opts.method || 'GET', headers: opts.headers, body: opts.body,
    });
  }

  // One request through the same calls the runtime makes; returns
  // { response, scope, request }. Call finish(result) to run after() callbacks.
  async function run(handler, opts) {
    opts = opts || {};
    const request = makeRequest(opts);
    const scope = internal.next.createScope(request, opts.route || ROUTE);
    const response = await internal.scope.run(scope, async () => {
      try {
        return internal.next.finalizeResponse(scope, await handler(request));
      } catch (error) {
        const r = internal.next.responseForError(scope, error);
        return r === undefined ? new Response(null, { status: 500 }) : r;
      }
    });
    return { response, scope, request };
  }

  function finish(result) {
    return internal.scope.run(result.scope, () => internal.next.runAfter(result.scope));
  }

  // ---- outside a request --------------------------------------------------

  test('cookies/headers/draftMode/connection/after throw outside a request scope', () => {
    assert.throws(() => cookies(), OUTSIDE('cookies'));
    assert.throws(() => headers(), OUTSIDE('headers'));
    assert.throws(() => draftMode(), OUTSIDE('draftMode'));
    assert.throws(() => connection(), OUTSIDE('connection'));
    assert.throws(() => after(() => {}), OUTSIDE('after'));
    assert.equal(unstable_noStore(), undefined, 'unstable_noStore is a no-op outside a request');
  });

  // ---- headers() ------------------------------------------------------------

  test('HDR-01: await headers() returns the request headers', async () => {
    const { response } = await run(async (req) => {
      const h = await headers();
      return Response.json({ foo: h.get('x-foo'), host: h.get('host'), same: h.get('x-foo') === req.headers.get('x-foo'), has: h.has('x-foo') });
    }, { headers: { 'x-foo': 'bar', host: 'localhost:3000' } });
    assert.deepEqual(await response.json(), { foo: 'bar', host: 'localhost:3000', same: true, has: true });
  });

  test('HDR-02: headers() is read-only (awaited and sync forms) with Next\'s message', async () => {
    const { response } = await run(async (req) => {
      const h = await headers();
      assert.throws(() => h.set('x-a', '1'), READONLY_HEADERS);
      assert.throws(() => h.append('x-a', '1'), READONLY_HEADERS);
      assert.throws(() => h.delete('x-foo'), READONLY_HEADERS);
      assert.throws(() => headers().set('x-a', '1'), READONLY_HEADERS);
      assert.throws(() => headers().append('x-a', '1'), READONLY_HEADERS);
      assert.throws(() => headers().delete('x-foo'), READONLY_HEADERS);
      let err = null;
      try { h.set('x-a', '1'); } catch (e) { err = e.name + ': ' + e.message; }
      // REQ-08: the request's own headers stay mutable, and headers() is a live view.
      req.headers.set('x-b', '1');
      return Response.json({ err, reqB: req.headers.get('x-b'), viewB: h.get('x-b') });
    }, { headers: { 'x-foo': 'bar' } });
    assert.deepEqual(await response.json(), {
      err: 'Error: Headers cannot be modified. Read more: https://nextjs.org/docs/app/api-reference/functions/headers',
      reqB: '1',
      viewB: '1',
    });
  });

  test('headers(): sync use, iteration, caching and Headers identity', async () => {
    await run(async () => {
      const p = headers();
      assert.equal(headers(), p, 'same promise within a request');
      assert.equal(p.get('x-foo'), 'bar');
      const h = await p;
      assert.ok(h instanceof Headers);
      assert.deepEqual(Array.from(p).filter(([k]) => k.startsWith('x-')), [['x-foo', 'bar']]);
      assert.deepEqual(Array.from(h.keys()).filter((k) => k.startsWith('x-')), ['x-foo']);
      const seen = [];
      p.forEach((v, k) => { if (k === 'x-foo') seen.push(v); });
      assert.deepEqual(seen, ['bar']);
      assert.deepEqual(p.getSetCookie(), []);
      assert.equal(new Headers(h).get('x-foo'), 'bar');
      return new Response(null);
    }, { headers: { 'x-foo': 'bar' } });
  });

  test('headers() hides the router (flight) headers', async () => {
    await run(async () => {
      const h = await headers();
      assert.equal(h.get('rsc'), null);
      assert.equal(h.get('next-router-state-tree'), null);
      assert.equal(h.get('next-router-prefetch'), null);
      assert.equal(h.get('x-keep'), '1');
      return new Response(null);
    }, { headers: { rsc: '1', 'next-router-state-tree': 'x', 'next-router-prefetch': '1', 'x-keep': '1' } });
  });

  // ---- cookies() ------------------------------------------------------------

  test('HDR-03: await cookies() exposes the request cookies', async () => {
    const { response } = await run(async () => {
      const c = await cookies();
      return Response.json({ v: c.get('incoming').value, names: c.getAll().map((x) => x.name), has: c.has('incoming'), missing: c.get('nope') === undefined });
    }, { headers: { cookie: 'incoming=hello; other=x' } });
    assert.deepEqual(await response.json(), { v: 'hello', names: ['incoming', 'other'], has: true, missing: true });
  });

  test('HDR-04/05: cookies() mutations are visible and merged after the response\'s own Set-Cookie (cookies-set probe)', async () => {
    await withNow(NOW, async () => {
      const { response } = await run(async () => {
        const c = await cookies();
        const before = c.get('incoming')?.value ?? null;
        c.set('a', '1');
        c.set({ name: 'b', value: '2', httpOnly: true, path: '/x', maxAge: 60, sameSite: 'lax', secure: true });
        c.delete('incoming');
        const afterState = { a: c.get('a')?.value, hasA: c.has('a'), incoming: c.get('incoming')?.value ?? null, all: c.getAll().map((x) => x.name) };
        return Response.json({ before, after: afterState }, { headers: { 'Set-Cookie': 'own=3; Path=/' } });
      }, { headers: { cookie: 'incoming=hello; other=x' } });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'application/json');
      assert.deepEqual(response.headers.getSetCookie(), [
        'own=3; Path=/',
        'incoming=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT',
        'a=1; Path=/',
        'b=2; Path=/x; Expires=Tue, 24 Nov 2026 05:20:10 GMT; Max-Age=60; Secure; HttpOnly; SameSite=lax',
      ]);
      assert.equal(await response.text(), '{"before":"hello","after":{"a":"1","hasA":true,"incoming":"","all":["incoming","other","a","b"]}}');
    });
  });

  test('HDR-04: the route-handler cookie store (set returns the store, deleted cookie shape)', async () => {
    await run(async () => {
      const c = await cookies();
      assert.equal(c.set('a', 'a'), c);
      assert.equal(c.has('a'), true);
      assert.deepEqual(c.get('a'), { name: 'a', value: 'a', path: '/' });
      assert.deepEqual(c.get('incoming'), { name: 'incoming', value: 'hello', path: '/' });
      assert.equal(c.delete('incoming'), c);
      const gone = c.get('incoming');
      assert.equal(gone.name, 'incoming');
      assert.equal(gone.value, '');
      assert.equal(gone.expires.getTime(), 0);
      assert.deepEqual(c.getAll().map((x) => x.name), ['incoming', 'a']);
      assert.equal(c.toString(), 'incoming=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; a=a; Path=/');
      return new Response(null);
    }, { headers: { cookie: 'incoming=hello' } });
  });

  test('HDR-07: cookies() also works without await; same promise per request', async () => {
    const { response } = await run(async () => {
      const out = { cookie: cookies().get('incoming')?.value ?? null, header: headers().get('x-foo') };
      out.same = cookies() === cookies();
      out.viaAwait = (await cookies()).get('incoming').value;
      cookies().set('sync', '1');
      out.hasSync = (await cookies()).has('sync');
      return Response.json(out);
    }, { headers: { cookie: 'incoming=hello', 'x-foo': 'bar' } });
    assert.deepEqual(await response.json(), { cookie: 'hello', header: 'bar', same: true, viaAwait: 'hello', hasSync: true });
    assert.deepEqual(response.headers.getSetCookie(), ['sync=1; Path=/']);
  });

  test('seed pattern: const cookieStore = cookies(); cookieStore.get("token") then `${token.value}`', async () => {
    const { response } = await run(async () => {
      const cookieStore = cookies();
      const token = cookieStore.get('token');
      return new Response(`Hello, ${token.value}`);
    }, { headers: { cookie: 'token=abc123' } });
    assert.equal(await response.text(), 'Hello, abc123');
  });

  test('cookies() promise extras: size (undefined for the mutable store), iteration, clear(), toString', async () => {
    const { response } = await run(async () => {
      const p = cookies();
      assert.equal(p.size, undefined);
      assert.equal((await p).size, undefined);
      assert.deepEqual(Array.from(p).map(([name, c]) => [name, c.value]), [['a', '1'], ['b', '2']]);
      assert.equal(String(p), 'a=1; Path=/; b=2; Path=/');
      assert.equal(p.clear(), p);
      assert.deepEqual(p.getAll().map((c) => [c.name, c.value]), [['a', ''], ['b', '']]);
      return new Response(null);
    }, { headers: { cookie: 'a=1; b=2' } });
    assert.deepEqual(response.headers.getSetCookie(), [
      'a=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT',
      'b=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT',
    ]);
  });

  test('HDR-05: the response\'s own cookie wins on a name clash and stays first', async () => {
    const { response } = await run(async () => {
      (await cookies()).set('a', 'mutated');
      (await cookies()).set('z', 'new');
      const h = new Headers();
      h.append('set-cookie', 'a=own');
      h.append('set-cookie', 'foo=bar; Expires=Wed, 01 Jan 2044 00:00:00 GMT');
      return new Response('body', { status: 201, statusText: 'Made', headers: h });
    });
    assert.equal(response.status, 201);
    assert.equal(response.statusText, 'Made');
    assert.equal(await response.text(), 'body');
    // Own lines are re-read and re-serialised when merging: Path defaults to /
    // and Expires goes through Date (1 Jan 2044 is a Friday).
    assert.deepEqual(response.headers.getSetCookie(), [
      'a=own; Path=/',
      'foo=bar; Path=/; Expires=Fri, 01 Jan 2044 00:00:00 GMT',
      'z=new; Path=/',
    ]);
  });

  test('HDR-05: a response without mutations is returned as is (own Set-Cookie lines verbatim)', async () => {
    let original;
    const { response } = await run(async () => {
      (await cookies()).get('a');
      original = new Response(null, { headers: { 'set-cookie': 'raw=1; path=/ ; HttpOnly' } });
      return original;
    }, { headers: { cookie: 'a=1' } });
    assert.equal(response, original);
    assert.deepEqual(response.headers.getSetCookie(), ['raw=1; path=/ ; HttpOnly']);
  });

  test('HDR-05: merging into Response.redirect / Response.json / NextResponse keeps status, headers and body', async () => {
    const redirected = await run(async () => {
      (await cookies()).set('flash', 'hi');
      return Response.redirect('http://localhost:3000/dest', 302);
    });
    assert.equal(redirected.response.status, 302);
    assert.equal(redirected.response.headers.get('location'), 'http://localhost:3000/dest');
    assert.deepEqual(redirected.response.headers.getSetCookie(), ['flash=hi; Path=/']);

    const streamed = await run(async () => {
      (await cookies()).set('s', '1');
      const body = new ReadableStream({
        start(controller) {
          controller.enqueue(new TextEncoder().encode('chunk-1,'));
          controller.enqueue(new TextEncoder().encode('chunk-2'));
          controller.close();
        },
      });
      return new Response(body, { headers: { 'content-type': 'text/plain' } });
    });
    assert.equal(streamed.response.headers.get('content-type'), 'text/plain');
    assert.equal(await streamed.response.text(), 'chunk-1,chunk-2');

    const next = await run(async () => {
      (await cookies()).set('m', '1');
      const r = NextResponse.json({ ok: true });
      r.cookies.set('r', '2');
      return r;
    });
    assert.deepEqual(next.response.headers.getSetCookie(), ['r=2; Path=/', 'm=1; Path=/']);
    assert.equal(next.response.headers.get('x-middleware-set-cookie'), null);
    assert.deepEqual(await next.response.json(), { ok: true });
  });

  test('HDR-06: cookie mutations made before redirect() are on the 307', async () => {
    const { response } = await run(async () => {
      (await cookies()).set('flash', 'hi');
      redirect('/target');
    });
    assert.equal(response.status, 307);
    assert.equal(response.headers.get('location'), '/target');
    assert.deepEqual(response.headers.getSetCookie(), ['flash=hi; Path=/']);
    assert.equal(await response.text(), '');
  });

  test('HDR-08: dynamic = "force-static" gives empty headers()/cookies(); cookies().set throws', async () => {
    await run(async () => {
      const h = await headers();
      assert.equal(h.get('accept'), null);
      assert.equal(h.get('x-foo'), null);
      const c = await cookies();
      assert.deepEqual(c.getAll(), []);
      assert.equal(c.size, 0);
      assert.throws(() => c.set('a', '1'), READONLY_COOKIES);
      assert.throws(() => cookies().delete('a'), READONLY_COOKIES);
      assert.equal(await connection(), undefined);
      return new Response(null);
    }, { headers: { accept: '*/*', 'x-foo': 'bar', cookie: 'a=1' }, route: { pattern: '/fs', file: 'app/fs/route.js', dynamic: 'force-static' } });
  });

  // ---- draftMode() --------------------------------------------------------------

  function bypassId() {
    return internal.nextShared.previewModeId();
  }

  test('HDR-09: draftMode() is disabled by default; enable() sets the bypass cookie', async () => {
    const off = await run(async () => Response.json({ isEnabled: (await draftMode()).isEnabled }));
    assert.deepEqual(await off.response.json(), { isEnabled: false });
    assert.deepEqual(off.response.headers.getSetCookie(), []);

    const on = await run(async () => {
      const d = await draftMode();
      d.enable();
      return Response.json({ isEnabled: d.isEnabled });
    });
    assert.deepEqual(await on.response.json(), { isEnabled: true });
    const id = bypassId();
    assert.ok(/^[0-9a-f]{32}$/.test(id) || id === internal.previewModeId, 'bypass id is 32 hex chars (or the runtime one)');
    assert.deepEqual(on.response.headers.getSetCookie(), ['__prerender_bypass=' + id + '; Path=/; Secure; HttpOnly; SameSite=none']);
  });

  test('HDR-09: a valid bypass cookie enables draft mode; disable() expires it', async () => {
    const id = bypassId();
    const { response } = await run(async () => {
      const d = draftMode();
      const before = d.isEnabled;
      (await d).disable();
      return Response.json({ before, after: d.isEnabled, same: draftMode() === d });
    }, { headers: { cookie: '__prerender_bypass=' + id } });
    assert.deepEqual(await response.json(), { before: true, after: false, same: true });
    assert.deepEqual(response.headers.getSetCookie(), [
      '__prerender_bypass=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Secure; HttpOnly; SameSite=none',
    ]);
  });

  test('HDR-09: an invalid bypass cookie is cleared (two lines, first) and draft mode is off', async () => {
    const { response } = await run(async () => Response.json({ isEnabled: (await draftMode()).isEnabled }, { headers: { 'set-cookie': 'own=1' } }),
      { headers: { cookie: '__prerender_bypass=x' } });
    assert.deepEqual(await response.json(), { isEnabled: false });
    assert.deepEqual(response.headers.getSetCookie(), [CLEAR_BYPASS, CLEAR_DATA, 'own=1']);
    const dataOnly = await run(async () => new Response('ok'), { headers: { cookie: '__next_preview_data=abc' } });
    assert.deepEqual(dataOnly.response.headers.getSetCookie(), [CLEAR_BYPASS, CLEAR_DATA]);
    const both = await run(async () => new Response('ok'), { headers: { cookie: '__prerender_bypass=' + bypassId() + '; __next_preview_data=abc' } });
    assert.deepEqual(both.response.headers.getSetCookie(), [CLEAR_BYPASS, CLEAR_DATA]);
    const valid = await run(async () => new Response('ok'), { headers: { cookie: '__prerender_bypass=' + bypassId() } });
    assert.deepEqual(valid.response.headers.getSetCookie(), []);
  });

  test('HDR-09: on-demand revalidation requests never enable draft mode', async () => {
    const id = bypassId();
    const { response } = await run(async () => Response.json({ isEnabled: (await draftMode()).isEnabled }),
      { headers: { cookie: '__prerender_bypass=' + id, 'x-prerender-revalidate': id } });
    assert.deepEqual(await response.json(), { isEnabled: false });
  });

  test('HDR-09: enable() + redirect() gives a 307 carrying the bypass cookie', async () => {
    const { response } = await run(async () => {
      (await draftMode()).enable();
      redirect('/preview');
    });
    assert.equal(response.status, 307);
    assert.equal(response.headers.get('location'), '/preview');
    assert.deepEqual(response.headers.getSetCookie(), ['__prerender_bypass=' + bypassId() + '; Path=/; Secure; HttpOnly; SameSite=none']);
  });

  test('HDR-09 (NODE_ENV=development): draft cookies use SameSite=lax without Secure', async () => {
    const env = globalThis.process && globalThis.process.env;
    if (!env) return; // engine without process.env: nothing to check
    const previous = env.NODE_ENV;
    env.NODE_ENV = 'development';
    try {
      const on = await run(async () => {
        (await draftMode()).enable();
        return new Response(null);
      });
      assert.deepEqual(on.response.headers.getSetCookie(), ['__prerender_bypass=' + bypassId() + '; Path=/; HttpOnly; SameSite=lax']);
      const cleared = await run(async () => new Response(null), { headers: { cookie: '__prerender_bypass=stale' } });
      assert.deepEqual(cleared.response.headers.getSetCookie(), [
        '__prerender_bypass=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax',
        '__next_preview_data=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax',
      ]);
    } finally {
      if (previous === undefined) delete env.NODE_ENV;
      else env.NODE_ENV = previous;
    }
  });

  test('draftMode(): sync isEnabled/enable on the promise; enable() is visible through cookies()', async () => {
    const { response } = await run(async () => {
      const d = draftMode();
      d.enable();
      return Response.json({ isEnabled: d.isEnabled, cookie: (await cookies()).get('__prerender_bypass').value === bypassId() });
    });
    assert.deepEqual(await response.json(), { isEnabled: true, cookie: true });
  });

  // ---- connection() -------------------------------------------------------------

  test('HDR-10: await connection() resolves undefined inside a request', async () => {
    const { response } = await run(async () => {
      const p = connection();
      assert.ok(p instanceof Promise);
      return Response.json({ value: (await p) === undefined });
    });
    assert.deepEqual(await response.json(), { value: true });
  });

  test('unstable_noStore() inside a request is a no-op that marks the scope', async () => {
    const { scope, response } = await run(async () => {
      assert.equal(unstable_noStore(), undefined);
      return new Response('ok');
    });
    assert.equal(scope.noStore, true);
    assert.equal(await response.text(), 'ok');
  });

  // ---- after() ------------------------------------------------------------------

  test('HND-08: after() callbacks run only in runAfter, in registration order', async () => {
    const events = [];
    const result = await run(async () => {
      after(() => { events.push('first'); });
      after(async () => {
        events.push('second:start');
        await null;
        events.push('second:end');
      });
      after(() => { events.push('third'); });
      events.push('handler');
      return new Response('after-scheduled');
    });
    assert.equal(await result.response.text(), 'after-scheduled');
    assert.deepEqual(events, ['handler']);
    await finish(result);
    assert.deepEqual(events, ['handler', 'first', 'second:start', 'third', 'second:end']);
  });

  test('HND-08: headers()/cookies()/connection() are usable inside after(); cookie writes and draft toggles are not', async () => {
    const seen = {};
    const result = await run(async () => {
      (await cookies()).set('a', 'changed');
      after(async () => {
        seen.header = (await headers()).get('x-foo');
        seen.cookie = (await cookies()).get('a');
        seen.conn = await connection();
        seen.draft = (await draftMode()).isEnabled;
        try { cookies().set('b', '1'); } catch (e) { seen.setErr = e.message; }
        try { (await draftMode()).enable(); } catch (e) { seen.draftErr = e.message; }
      });
      return new Response(null);
    }, { headers: { 'x-foo': 'bar', cookie: 'a=1' }, route: { pattern: '/items/[slug]', file: 'app/items/[slug]/route.js' } });
    await finish(result);
    assert.equal(seen.header, 'bar');
    assert.deepEqual(seen.cookie, { name: 'a', value: '1' }, 'after() sees the request cookies, read-only');
    assert.equal(seen.conn, undefined);
    assert.equal(seen.draft, false);
    assert.ok(READONLY_COOKIES.test(seen.setErr), seen.setErr);
    assert.equal(seen.draftErr,
      'Route /items/[slug] used "draftMode().enable()" inside `after`. The enabled status of draftMode can be read inside `after` but you cannot enable or disable draftMode. See more info here: https://nextjs.org/docs/app/api-reference/functions/after');
    assert.deepEqual(result.response.headers.getSetCookie(), ['a=changed; Path=/']);
  });

  test('after(): a cookie store captured in the handler becomes read-only in after()', async () => {
    let err;
    const result = await run(async () => {
      const c = await cookies();
      after(() => {
        try { c.set('late', '1'); } catch (e) { err = e.message; }
      });
      return new Response(null);
    });
    await finish(result);
    assert.ok(READONLY_COOKIES.test(err), err);
  });

  test('after(): errors are logged with Next\'s messages and never thrown', async () => {
    const boom = new Error('boom');
    // A rejected promise is reported when it rejects; callbacks when they run.
    const { logs } = await captureErrors(async () => {
      const result = await run(async () => {
        after(() => { throw boom; });
        after(async () => { throw boom; });
        after(Promise.reject(boom));
        return new Response(null);
      });
      await finish(result);
    });
    const messages = logs.map((args) => args[0]).sort();
    assert.deepEqual(messages, [
      'A promise passed to `after()` rejected:',
      'An error occurred in a function passed to `after()`:',
      'An error occurred in a function passed to `after()`:',
    ]);
    assert.ok(logs.every((args) => args[1] === boom));
  });

  test('after(): promises are awaited by runAfter; nested after() callbacks run too', async () => {
    const events = [];
    let release;
    const gate = new Promise((resolve) => { release = resolve; });
    const result = await run(async () => {
      after(gate.then(() => { events.push('promise'); }));
      after(() => {
        events.push('outer');
        after(() => { events.push('nested'); });
      });
      return new Response(null);
    });
    let done = false;
    const finished = finish(result).then(() => { done = true; });
    await null;
    await null;
    assert.deepEqual(events, ['outer', 'nested']);
    assert.equal(done, false, 'runAfter waits for the pending promise');
    release();
    await finished;
    assert.deepEqual(events, ['outer', 'nested', 'promise']);
  });

  test('after(): invalid arguments throw; runAfter without after() is a no-op', async () => {
    const result = await run(async () => {
      assert.throws(() => after(123), /^`after\(\)`: Argument must be a promise or a function$/);
      assert.throws(() => after(null), /^`after\(\)`: Argument must be a promise or a function$/);
      return new Response(null);
    });
    await finish(result);
    assert.equal(result.scope.phase, 'action');
  });
})();
