// NextRequest (behaviour.md §4 REQ-01..09, HND-01 shape of request).
// Plain script: uses only the `test` / `assert` globals and the internal object.
(() => {
  'use strict';
  const internal = globalThis[Symbol.for('ferroute.internal')];
  const { NextRequest } = internal.modules['next/server'];

  test('REQ-01: nextUrl exposes the URL parts, basePath "", buildId undefined, locale ""', () => {
    const req = new NextRequest('http://localhost:3100/nexturl?q=1&q=2&z=');
    const u = req.nextUrl;
    assert.equal(u.pathname, '/nexturl');
    assert.equal(u.search, '?q=1&q=2&z=');
    assert.deepEqual(u.searchParams.getAll('q'), ['1', '2']);
    assert.equal(u.searchParams.get('z'), '');
    assert.equal(u.href, 'http://localhost:3100/nexturl?q=1&q=2&z=');
    assert.equal(u.origin, 'http://localhost:3100');
    assert.equal(u.host, 'localhost:3100');
    assert.equal(u.hostname, 'localhost');
    assert.equal(u.port, '3100');
    assert.equal(u.protocol, 'http:');
    assert.equal(u.basePath, '');
    assert.equal(u.buildId, undefined);
    assert.equal(u.locale, '');
    assert.equal(u.hash, '');
    assert.equal(String(u), u.href);
    assert.equal(u.toJSON(), u.href);
    assert.equal(JSON.stringify({ u }), '{"u":"http://localhost:3100/nexturl?q=1&q=2&z="}');
  });

  test('REQ-01: nextUrl.clone() is an independent copy', () => {
    const req = new NextRequest('http://localhost:3000/a/b?x=1');
    const c = req.nextUrl.clone();
    assert.equal(c.href, req.nextUrl.href);
    c.pathname = '/other';
    c.searchParams.set('x', '2');
    assert.equal(c.href, 'http://localhost:3000/other?x=2');
    assert.equal(req.nextUrl.href, 'http://localhost:3000/a/b?x=1');
    assert.equal(req.nextUrl === req.nextUrl, true, 'nextUrl is the same object on every access');
  });

  test('REQ-01: nextUrl setters update href', () => {
    const u = new NextRequest('http://localhost:3000/a?x=1').nextUrl;
    u.pathname = '/b';
    u.search = '?y=2';
    u.hash = '#h';
    u.port = '4000';
    assert.equal(u.href, 'http://localhost:4000/b?y=2#h');
    u.href = 'https://example.com/z';
    assert.equal(u.pathname, '/z');
    assert.equal(u.protocol, 'https:');
    assert.throws(() => { u.locale = 'fr'; }, /The NextURL configuration includes no locale "fr"/);
  });

  test('REQ-02/03: request.url and nextUrl.href agree (server origin, normalised query)', () => {
    const req = new NextRequest('http://localhost:3100/nexturl?q=1&q=2&z=');
    assert.equal(req.url, 'http://localhost:3100/nexturl?q=1&q=2&z=');
    assert.equal(req.nextUrl.href, req.url);
    const https = new NextRequest('https://localhost:3100/nexturl');
    assert.equal(https.nextUrl.protocol, 'https:');
    assert.equal(https.nextUrl.origin, 'https://localhost:3100');
  });

  test('NextURL rewrites loopback hosts to localhost (127.0.0.1, [::1])', () => {
    const a = new NextRequest('http://127.0.0.1:3000/x?y=1');
    assert.equal(a.url, 'http://localhost:3000/x?y=1');
    assert.equal(a.nextUrl.hostname, 'localhost');
    const b = new NextRequest('http://[::1]:3000/x');
    assert.equal(b.url, 'http://localhost:3000/x');
  });

  test('NextURL keeps a trailing slash that is present (trailingSlash routes)', () => {
    const req = new NextRequest('http://localhost:3002/api/hello/');
    assert.equal(req.nextUrl.pathname, '/api/hello/');
    assert.equal(req.nextUrl.href, 'http://localhost:3002/api/hello/');
    assert.equal(req.url, 'http://localhost:3002/api/hello/');
    assert.equal(new NextRequest('http://localhost:3000/').nextUrl.href, 'http://localhost:3000/');
  });

  test('REQ-04: handler requests carry no basePath (nextUrl.basePath is "")', () => {
    // The runtime builds request.url without the basePath.
    const req = new NextRequest('http://localhost:3002/api/hello/');
    assert.equal(req.nextUrl.basePath, '');
    assert.equal(req.nextUrl.pathname, '/api/hello/');
  });

  test('NextRequest init.nextConfig.basePath is split off nextUrl.pathname', () => {
    const req = new NextRequest('https://example.com/docs/api/hello', { nextConfig: { basePath: '/docs' } });
    assert.equal(req.nextUrl.pathname, '/api/hello');
    assert.equal(req.nextUrl.basePath, '/docs');
    assert.equal(req.nextUrl.href, 'https://example.com/docs/api/hello');
    req.nextUrl.basePath = 'other';
    assert.equal(req.nextUrl.href, 'https://example.com/other/api/hello');
  });

  test('NextURL parses /_next/data/<buildId>/... paths', () => {
    const u = new NextRequest('http://h.test/_next/data/abc/foo.json?x=1').nextUrl;
    assert.equal(u.buildId, 'abc');
    assert.equal(u.pathname, '/foo');
    assert.equal(u.href, 'http://h.test/_next/data/abc/foo.json?x=1');
    const i = new NextRequest('http://h.test/_next/data/abc/index.json').nextUrl;
    assert.equal(i.pathname, '/');
    assert.equal(i.href, 'http://h.test/_next/data/abc/index.json');
  });

  test('REQ-06: request.cookies get/getAll/has/size/iterator in header order', () => {
    const req = new NextRequest('http://localhost:3000/c', { headers: { cookie: 'incoming=abc; two=2' } });
    const c = req.cookies;
    assert.deepEqual(c.get('incoming'), { name: 'incoming', value: 'abc' });
    assert.deepEqual(c.get({ name: 'two' }), { name: 'two', value: '2' });
    assert.equal(c.get('missing'), undefined);
    assert.deepEqual(c.getAll(), [{ name: 'incoming', value: 'abc' }, { name: 'two', value: '2' }]);
    assert.deepEqual(c.getAll('two'), [{ name: 'two', value: '2' }]);
    assert.equal(c.has('incoming'), true);
    assert.equal(c.has('nope'), false);
    assert.equal(c.size, 2);
    assert.deepEqual(Array.from(c), [['incoming', { name: 'incoming', value: 'abc' }], ['two', { name: 'two', value: '2' }]]);
    assert.equal(c.toString(), 'incoming=abc; two=2');
    assert.equal(req.cookies === c, true);
  });

  test('REQ-06: cookie header parsing (decoding, no "=", bad escapes, duplicates)', () => {
    const req = new NextRequest('http://localhost:3000/c', {
      headers: { cookie: 'a=1;b=%E2%9C%93;flag; bad=%zz; a=3;  c=x=y' },
    });
    assert.deepEqual(req.cookies.getAll(), [
      { name: 'a', value: '3' },
      { name: 'b', value: '\u2713' },
      { name: 'flag', value: 'true' },
      { name: 'c', value: 'x=y' },
    ]);
    assert.equal(req.cookies.toString(), 'a=3; b=%E2%9C%93; flag=true; c=x%3Dy');
    assert.equal(new NextRequest('http://localhost:3000/').cookies.size, 0);
  });

  test('REQ-06: request.cookies set/delete/clear mutate the view and the Cookie header', () => {
    const req = new NextRequest('http://localhost:3000/c', { headers: { cookie: 'a=1; b=2' } });
    const c = req.cookies;
    assert.equal(c.set('n', 'v 1'), c);
    assert.deepEqual(c.get('n'), { name: 'n', value: 'v 1' });
    assert.equal(req.headers.get('cookie'), 'a=1; b=2; n=v%201');
    c.set({ name: 'a', value: 'z' });
    assert.equal(req.headers.get('cookie'), 'a=z; b=2; n=v%201');
    assert.equal(c.delete('b'), true);
    assert.equal(c.delete('b'), false);
    assert.deepEqual(c.delete(['a', 'nope']), [true, false]);
    assert.equal(req.headers.get('cookie'), 'n=v%201');
    assert.equal(c.clear(), c);
    assert.equal(c.size, 0);
    assert.equal(req.headers.get('cookie'), '');
  });

  test('REQ-07: ip/geo are undefined; page and ua throw the removal messages', () => {
    const req = new NextRequest('http://localhost:3000/x');
    assert.equal(req.ip, undefined);
    assert.equal(req.geo, undefined);
    assert.throws(() => req.page, /^The request\.page has been deprecated in favour of `URLPattern`\.\n/);
    assert.throws(() => req.ua, /^The request\.ua has been removed in favour of `userAgent` function\.\n/);
    let message = '';
    try { req.page; } catch (e) { message = e.message; }
    assert.equal(message.split('\n')[0], 'The request.page has been deprecated in favour of `URLPattern`.');
    try { req.ua; } catch (e) { message = e.message; }
    assert.equal(message.split('\n')[0], 'The request.ua has been removed in favour of `userAgent` function.');
  });

  test('REQ-08: request.headers stay mutable', () => {
    const req = new NextRequest('http://localhost:3000/x', { headers: { 'x-a': '1' } });
    req.headers.set('x-b', '1');
    assert.equal(req.headers.get('x-b'), '1');
    assert.equal(req.headers.get('x-a'), '1');
  });

  test('REQ-09: request.clone() keeps the body readable on both copies', async () => {
    const req = new NextRequest('http://localhost:3000/x', { method: 'POST', body: 'hello, world' });
    const copy = req.clone();
    assert.equal(await req.text(), 'hello, world');
    assert.equal(await copy.text(), 'hello, world');
  });

  test('NextRequest is a Request; method, headers and body come from init', async () => {
    const req = new NextRequest('http://localhost:3000/x', { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"a":1}' });
    assert.ok(req instanceof Request);
    assert.ok(req instanceof NextRequest);
    assert.equal(req.method, 'PUT');
    assert.deepEqual(await req.json(), { a: 1 });
  });

  test('new NextRequest(request) copies the request', async () => {
    const base = new Request('http://localhost:3000/from?x=1', { method: 'POST', headers: { cookie: 'a=1' }, body: 'payload' });
    const req = new NextRequest(base);
    assert.equal(req.method, 'POST');
    assert.equal(req.url, 'http://localhost:3000/from?x=1');
    assert.equal(req.nextUrl.searchParams.get('x'), '1');
    assert.equal(req.cookies.get('a').value, '1');
    assert.equal(await req.text(), 'payload');
  });

  test('new NextRequest(relative) throws the malformed-URL error', () => {
    assert.throws(() => new NextRequest('/relative'),
      /^URL is malformed "\/relative"\. Please use only absolute URLs - https:\/\/nextjs\.org\/docs\/messages\/middleware-relative-urls$/);
  });
})();
