// NextResponse and Set-Cookie serialisation (behaviour.md §5 RSP-01..06,
// §7 CK-01..04). Plain script: only the `test` / `assert` globals.
(() => {
  'use strict';
  const internal = globalThis[Symbol.for('ferroute.internal')];
  const { NextRequest, NextResponse } = internal.modules['next/server'];
  const ROUTE = { pattern: '/t', file: 'app/t/route.js' };
  // 2026-11-24T05:19:10Z, the clock of the cookie probes in out-nr.txt.
  const NOW = Date.UTC(2026, 10, 24, 5, 19, 10);

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

  function logText(args) {
    return args.map((a) => (a instanceof Error ? a.message : String(a))).join(' ');
  }

  // One request through the same calls the runtime makes.
  async function run(handler, opts) {
    opts = opts || {};
    const request = new NextRequest(opts.url || 'http://localhost:3000/t', {
      method: opts.method || 'GET', headers: opts.headers, body: opts.body,
    });
    const scope = internal.next.createScope(request, opts.route || ROUTE);
    return internal.scope.run(scope, async () => {
      try {
        return internal.next.finalizeResponse(scope, await handler(request));
      } catch (error) {
        const r = internal.next.responseForError(scope, error);
        return r === undefined ? new Response(null, { status: 500 }) : r;
      }
    });
  }

  test('RSP-01: NextResponse.json body, content-type, status, statusText, headers', async () => {
    const res = NextResponse.json({ a: 1, d: new Date(0) }, { status: 201, headers: { 'x-custom': 'yes' } });
    assert.ok(res instanceof NextResponse);
    assert.ok(res instanceof Response);
    assert.equal(res.status, 201);
    assert.equal(res.headers.get('content-type'), 'application/json');
    assert.equal(res.headers.get('x-custom'), 'yes');
    assert.equal(await res.text(), '{"a":1,"d":"1970-01-01T00:00:00.000Z"}');
    const str = NextResponse.json('just-a-string', { status: 202, statusText: 'Accepted!' });
    assert.equal(str.status, 202);
    assert.equal(str.statusText, 'Accepted!');
    assert.equal(await str.text(), '"just-a-string"');
    const plain = NextResponse.json(null);
    assert.equal(plain.status, 200);
    assert.equal(await plain.text(), 'null');
  });

  test('NextResponse constructor behaves like Response', async () => {
    const res = new NextResponse('body', { status: 418, headers: { 'x-a': '1' } });
    assert.equal(res.status, 418);
    assert.equal(res.headers.get('x-a'), '1');
    assert.equal(await res.text(), 'body');
    const empty = new NextResponse();
    assert.equal(empty.status, 200);
    assert.equal(empty.body, null);
  });

  test('RSP-02: NextResponse.redirect defaults to 307 with an absolute Location', async () => {
    const res = NextResponse.redirect(new URL('/moved', 'http://localhost:3000/nr-redirect'));
    assert.equal(res.status, 307);
    assert.equal(res.headers.get('location'), 'http://localhost:3000/moved');
    assert.equal(await res.text(), '');
    assert.equal(NextResponse.redirect('https://nextjs.org').headers.get('location'), 'https://nextjs.org/');
  });

  test('RSP-02: NextResponse.redirect with a status or an init object', () => {
    const r301 = NextResponse.redirect('http://localhost:3000/moved', 301);
    assert.equal(r301.status, 301);
    const r302 = NextResponse.redirect('http://localhost:3000/moved', { status: 302, headers: { 'x-extra': '1' } });
    assert.equal(r302.status, 302);
    assert.equal(r302.headers.get('x-extra'), '1');
    assert.equal(r302.headers.get('location'), 'http://localhost:3000/moved');
    assert.equal(NextResponse.redirect('http://localhost:3000/m', {}).status, 307);
    for (const s of [303, 308]) assert.equal(NextResponse.redirect('http://localhost:3000/m', s).status, s);
  });

  test('RSP-02: invalid redirect status throws RangeError; relative URL throws', () => {
    assert.throws(() => NextResponse.redirect('http://localhost:3000/moved', 200), RangeError);
    assert.throws(() => NextResponse.redirect('http://localhost:3000/moved', 200),
      /^Failed to execute "redirect" on "response": Invalid status code$/);
    assert.throws(() => NextResponse.redirect('/relative'), /^URL is malformed "\/relative"/);
  });

  test('RSP-02: invalid redirects inside a handler become 500; Response.redirect is 302', async () => {
    const bad = await run(() => NextResponse.redirect('http://localhost:3000/moved', 200));
    assert.equal(bad.status, 500);
    const rel = await run(() => NextResponse.redirect('/relative'));
    assert.equal(rel.status, 500);
    const plain = await run((req) => Response.redirect(new URL('/resp', req.url)));
    assert.equal(plain.status, 302);
    assert.equal(plain.headers.get('location'), 'http://localhost:3000/resp');
  });

  test('RSP-03: returning NextResponse.next() gives an empty 500 and logs Next\'s message', async () => {
    const { result, logs } = await captureErrors(() => run(() => NextResponse.next()));
    assert.equal(result.status, 500);
    assert.equal(await result.text(), '');
    assert.equal(logs.length, 1);
    assert.ok(logText(logs[0]).includes(
      'NextResponse.next() was used in a app route handler, this is not supported. See here for more info: https://nextjs.org/docs/messages/next-response-next-in-app-route-handler'));
  });

  test('RSP-03: detection is by the x-middleware-next: 1 header', async () => {
    const { result } = await captureErrors(() => run(() => new Response('x', { headers: { 'x-middleware-next': '1' } })));
    assert.equal(result.status, 500);
    const other = await run(() => new Response('x', { headers: { 'x-middleware-next': '0' } }));
    assert.equal(other.status, 200);
  });

  test('RSP-04: returning NextResponse.rewrite() gives a 500 and logs Next\'s message', async () => {
    const { result, logs } = await captureErrors(() => run((req) => NextResponse.rewrite(new URL('/basic', req.url))));
    assert.equal(result.status, 500);
    assert.equal(await result.text(), '');
    assert.equal(logs.length, 1);
    assert.ok(logText(logs[0]).includes(
      'NextResponse.rewrite() was used in a app route handler, this is not currently supported. Please remove the invocation to continue.'));
  });

  test('NextResponse.next/rewrite set the x-middleware-* headers', () => {
    const next = NextResponse.next({ headers: { 'x-a': '1' } });
    assert.equal(next.headers.get('x-middleware-next'), '1');
    assert.equal(next.headers.get('x-a'), '1');
    const rewrite = NextResponse.rewrite('http://localhost:3000/dest');
    assert.equal(rewrite.headers.get('x-middleware-rewrite'), 'http://localhost:3000/dest');
    const forwarded = NextResponse.next({ request: { headers: new Headers({ 'x-hello': 'world' }) } });
    assert.equal(forwarded.headers.get('x-middleware-request-x-hello'), 'world');
    assert.equal(forwarded.headers.get('x-middleware-override-headers'), 'x-hello');
    assert.throws(() => NextResponse.next({ request: { headers: { 'x-hello': 'world' } } }),
      /^request\.headers must be an instance of Headers$/);
    assert.throws(() => NextResponse.rewrite('/relative'), /^URL is malformed/);
  });

  test('RSP-05/CK-01..03: res.cookies lines are byte-exact (nr-cookies probe)', async () => {
    await withNow(NOW, async () => {
      const res = await run((req) => {
        const r = NextResponse.json({ reqCookie: req.cookies.get('incoming')?.value ?? null, all: req.cookies.getAll(), has: req.cookies.has('incoming') });
        r.cookies.set('s1', 'v1');
        r.cookies.set('s2', 'v 2;x', { path: '/', httpOnly: true, maxAge: 10, sameSite: 'strict' });
        r.cookies.set({ name: 's3', value: 'v3', expires: new Date(0) });
        r.cookies.delete('gone');
        return r;
      }, { headers: { cookie: 'incoming=abc; two=2' } });
      assert.equal(res.status, 200);
      assert.deepEqual(res.headers.getSetCookie(), [
        's1=v1; Path=/',
        's2=v%202%3Bx; Path=/; Expires=Tue, 24 Nov 2026 05:19:20 GMT; Max-Age=10; HttpOnly; SameSite=strict',
        's3=v3; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT',
        'gone=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT',
      ]);
      assert.equal(res.headers.get('x-middleware-set-cookie'), null, 'internal header is stripped');
      assert.equal(await res.text(), '{"reqCookie":"abc","all":[{"name":"incoming","value":"abc"},{"name":"two","value":"2"}],"has":true}');
    });
  });

  test('CK-01: attribute order Path, Expires, Max-Age, Domain, Secure, HttpOnly, SameSite, Partitioned, Priority', async () => {
    await withNow(NOW, () => {
      const res = new NextResponse(null);
      res.cookies.set('all', 'x', {
        priority: 'high', partitioned: true, sameSite: 'Lax', httpOnly: true, secure: true, domain: 'example.com', maxAge: 60, path: '/p',
      });
      assert.deepEqual(res.headers.getSetCookie(), [
        'all=x; Path=/p; Expires=Tue, 24 Nov 2026 05:20:10 GMT; Max-Age=60; Domain=example.com; Secure; HttpOnly; SameSite=Lax; Partitioned; Priority=high',
      ]);
    });
  });

  test('CK-02: Path defaults to /, maxAge sets Expires, value is encodeURIComponent-ed', async () => {
    await withNow(NOW, () => {
      const res = new NextResponse(null);
      res.cookies.set('a', 'v 2;x=\u2713');
      res.cookies.set('b', 'x', { maxAge: 60 });
      res.cookies.set('c', 'x', { maxAge: 0 });
      res.cookies.set('d', 'x', { expires: 1000 });
      res.cookies.set('e', 'x', { path: '/only' });
      res.cookies.set('f', 'x', { sameSite: 'strict' });
      res.cookies.set('g', 5);
      res.cookies.set('h', undefined);
      assert.deepEqual(res.headers.getSetCookie(), [
        'a=v%202%3Bx%3D%E2%9C%93; Path=/',
        'b=x; Path=/; Expires=Tue, 24 Nov 2026 05:20:10 GMT; Max-Age=60',
        'c=x; Path=/; Max-Age=0',
        'd=x; Path=/; Expires=Thu, 01 Jan 1970 00:00:01 GMT',
        'e=x; Path=/only',
        'f=x; Path=/; SameSite=strict',
        'g=5; Path=/',
        'h=; Path=/',
      ]);
    });
  });

  test('CK-03: delete(name) and delete({name, path, domain})', () => {
    const res = new NextResponse(null);
    res.cookies.delete('gone');
    res.cookies.delete({ name: 'scoped', path: '/p', domain: 'example.com' });
    assert.deepEqual(res.headers.getSetCookie(), [
      'gone=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT',
      'scoped=; Path=/p; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Domain=example.com',
    ]);
  });

  test('CK-04: setting the same name twice keeps only the last value, in first position', () => {
    const res = new NextResponse(null);
    res.cookies.set('a', '1');
    res.cookies.set('b', '2');
    res.cookies.set('a', '3', { httpOnly: true });
    assert.deepEqual(res.headers.getSetCookie(), ['a=3; Path=/; HttpOnly', 'b=2; Path=/']);
    assert.equal(res.cookies.get('a').value, '3');
  });

  test('res.cookies get/getAll/has/toString and set() chaining', () => {
    const res = NextResponse.json({});
    assert.equal(res.cookies.set('a', '1'), res.cookies);
    res.cookies.set({ name: 'b', value: '2', secure: true });
    assert.deepEqual(res.cookies.get('a'), { name: 'a', value: '1', path: '/' });
    assert.deepEqual(res.cookies.get({ name: 'b' }), { name: 'b', value: '2', secure: true, path: '/' });
    assert.equal(res.cookies.get('zzz'), undefined);
    assert.deepEqual(res.cookies.getAll().map((c) => c.name), ['a', 'b']);
    assert.deepEqual(res.cookies.getAll('b').map((c) => c.value), ['2']);
    assert.equal(res.cookies.has('a'), true);
    assert.equal(res.cookies.has('zzz'), false);
    assert.equal(res.cookies.toString(), 'a=1; Path=/; b=2; Path=/; Secure');
    assert.equal(res.headers.get('x-middleware-set-cookie'), 'a=1; Path=/,b=2; Path=/; Secure');
  });

  test('res.cookies parses Set-Cookie headers present at construction', () => {
    const res = new NextResponse(null, { headers: [['set-cookie', 'a=1; Max-Age=5; HttpOnly'], ['set-cookie', 'old=%2F; SameSite=LAX; Path=/x']] });
    assert.deepEqual(res.cookies.getAll().map((c) => [c.name, c.value, c.httpOnly === true, c.maxAge, c.sameSite, c.path]), [
      ['a', '1', true, 5, undefined, undefined],
      ['old', '/', false, undefined, 'lax', '/x'],
    ]);
    res.cookies.set('n', 'v');
    const lines = res.headers.getSetCookie();
    assert.equal(lines.length, 3);
    // Existing entries are re-serialised as parsed (not re-normalised).
    assert.equal(lines[0], 'a=1; Max-Age=5; HttpOnly');
    assert.equal(lines[1], 'old=%2F; Path=/x; SameSite=lax');
    assert.equal(lines[2], 'n=v; Path=/');
  });

  test('RSP-06: several Set-Cookie headers stay separate lines', async () => {
    const res = await run(() => {
      const h = new Headers();
      h.append('set-cookie', 'foo=bar; Expires=Wed, 01 Jan 2044 00:00:00 GMT');
      h.append('set-cookie', 'bar=foo; Expires=Wed, 01 Jan 2044 00:00:00 GMT');
      return new Response(null, { headers: h });
    });
    assert.deepEqual(res.headers.getSetCookie(), [
      'foo=bar; Expires=Wed, 01 Jan 2044 00:00:00 GMT',
      'bar=foo; Expires=Wed, 01 Jan 2044 00:00:00 GMT',
    ]);
  });

  test('finalizeResponse returns the handler response untouched when nothing applies', async () => {
    const original = new Response('same', { status: 201, statusText: 'Custom Text', headers: { 'x-a': '1' } });
    const res = await run(() => original);
    assert.equal(res, original);
    assert.equal(res.statusText, 'Custom Text');
    assert.equal(await res.text(), 'same');
  });
})();
