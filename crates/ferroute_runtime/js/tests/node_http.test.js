// node:http / node:https: the parts that need no server (header rules, tables, options).
const internal = globalThis[Symbol.for('ferroute.internal')];
const http = internal.builtin('http');
const https = internal.builtin('https');

test('response headers join by Node rules', () => {
  const { headers, headersDistinct } = internal.http.joinHeaders([
    'Content-Type', 'text/plain', 'content-type', 'text/html',
    'set-cookie', 'a=1', 'Set-Cookie', 'b=2',
    'x-list', '1', 'x-list', '2',
    'cookie', 'k=v', 'cookie', 'k2=v2',
    'location', '/a', 'location', '/b',
  ]);
  assert.deepEqual(headers, {
    'content-type': 'text/plain', 'set-cookie': ['a=1', 'b=2'], 'x-list': '1, 2', cookie: 'k=v; k2=v2', location: '/a',
  });
  assert.deepEqual(headersDistinct['content-type'], ['text/plain', 'text/html']);
  assert.deepEqual(headersDistinct['x-list'], ['1', '2']);
});

test('STATUS_CODES and METHODS', () => {
  assert.strictEqual(http.STATUS_CODES[200], 'OK');
  assert.strictEqual(http.STATUS_CODES[418], "I'm a Teapot");
  assert.strictEqual(http.STATUS_CODES[511], 'Network Authentication Required');
  assert.strictEqual(Object.keys(http.STATUS_CODES).length, 63);
  assert.ok(http.METHODS.includes('PATCH') && http.METHODS.includes('M-SEARCH'));
  assert.strictEqual(http.maxHeaderSize, 16384);
});

test('validateHeaderName and validateHeaderValue', () => {
  http.validateHeaderName('x-ok');
  assert.throws(() => http.validateHeaderName('bad name'), (e) => e.code === 'ERR_INVALID_HTTP_TOKEN' && e instanceof TypeError
    && e.message === 'Header name must be a valid HTTP token ["bad name"]');
  assert.throws(() => http.validateHeaderName(''), (e) => e.code === 'ERR_INVALID_HTTP_TOKEN');
  http.validateHeaderValue('x', 'fine\tvalue');
  assert.throws(() => http.validateHeaderValue('x', 'a\nb'), (e) => e.code === 'ERR_INVALID_CHAR'
    && e.message === 'Invalid character in header content ["x"]');
  assert.throws(() => http.validateHeaderValue('x', undefined), (e) => e.code === 'ERR_HTTP_INVALID_HEADER_VALUE');
});

test('request options: URL, options, callback merge as Node does', () => {
  const cb = () => {};
  let [o, c] = internal.http.normalizeArgs('http://u:p%40@example.com:8080/a?b=1', { method: 'POST' }, cb);
  assert.strictEqual(o.hostname, 'example.com');
  assert.strictEqual(o.port, 8080);
  assert.strictEqual(o.path, '/a?b=1');
  assert.strictEqual(o.auth, 'u:p@');
  assert.strictEqual(o.method, 'POST');
  assert.strictEqual(c, cb);
  [o, c] = internal.http.normalizeArgs({ host: 'x' }, cb);
  assert.strictEqual(o.host, 'x');
  assert.strictEqual(c, cb);
  // (options, undefined, cb): Node takes the second argument as the callback.
  [o, c] = internal.http.normalizeArgs({ host: 'x' }, undefined, cb);
  assert.strictEqual(c, undefined);
});

test('request target: ports, host with port, IPv6, protocol checks', () => {
  const t = (opts, agent = http.globalAgent) => internal.http.resolveTarget(opts, agent, agent);
  let r = t({ host: 'example.com:8080', path: '/x' });
  assert.strictEqual(r.url, 'http://example.com:8080/x');
  assert.strictEqual(r.hostHeader, 'example.com:8080');
  r = t({ hostname: '::1', port: 80 });
  assert.strictEqual(r.url, 'http://[::1]:80/');
  assert.strictEqual(r.hostHeader, '[::1]');
  r = t({ hostname: 'api.example.com' }, https.globalAgent);
  assert.strictEqual(r.url, 'https://api.example.com:443/');
  assert.strictEqual(r.method, 'GET');
  assert.throws(() => t({ protocol: 'https:', host: 'x' }), (e) => e.code === 'ERR_INVALID_PROTOCOL'
    && e.message === 'Protocol "https:" not supported. Expected "http:"');
  assert.throws(() => t({ host: 'x', path: '/a b' }), (e) => e.code === 'ERR_UNESCAPED_CHARACTERS');
  assert.throws(() => t({ host: 'x', method: 'GE T' }), (e) => e.code === 'ERR_INVALID_HTTP_TOKEN');
});

test('ClientRequest headers before sending', () => {
  const req = http.request({ host: '127.0.0.1', port: 9, auth: 'a:b', headers: { 'X-One': '1' } });
  req.on('error', () => {});
  assert.strictEqual(req.getHeader('x-one'), '1');
  assert.strictEqual(req.getHeader('host'), '127.0.0.1:9');
  assert.strictEqual(req.getHeader('authorization'), 'Basic YTpi');
  req.setHeader('Set-Thing', ['a', 'b']);
  assert.deepEqual(req.getHeaderNames(), ['x-one', 'host', 'authorization', 'set-thing']);
  assert.ok(req.hasHeader('SET-THING'));
  req.removeHeader('set-thing');
  assert.ok(!req.hasHeader('set-thing'));
  assert.throws(() => req.setHeader('bad name', 'x'), (e) => e.code === 'ERR_INVALID_HTTP_TOKEN');
  assert.strictEqual(req.method, 'GET');
  assert.strictEqual(req.path, '/');
  assert.strictEqual(req.reusedSocket, false);
  assert.strictEqual(req.headersSent, false);
  req.destroy();
});

test('connection errors carry Node codes', () => {
  const e = internal.http.netError(Object.assign(new TypeError('fetch failed'),
    { cause: new Error('client error (Connect): tcp connect error: Connection refused (os error 111)') }), '127.0.0.1', 1);
  assert.strictEqual(e.code, 'ECONNREFUSED');
  assert.strictEqual(e.syscall, 'connect');
  assert.strictEqual(e.message, 'connect ECONNREFUSED 127.0.0.1:1');
  const d = internal.http.netError({ cause: new Error('client error (Connect): dns error: failed to lookup address information') }, 'nope.invalid', 80);
  assert.strictEqual(d.code, 'ENOTFOUND');
  assert.strictEqual(d.hostname, 'nope.invalid');
  const c = internal.http.netError({ cause: new Error('client error (Connect): invalid peer certificate: Expired') }, 'x', 443);
  assert.strictEqual(c.code, 'CERT_HAS_EXPIRED');
});

test('createServer is refused; Agent is an EventEmitter', () => {
  assert.throws(() => http.createServer(), (e) => e.code === 'ERR_FERROUTE_UNSUPPORTED');
  const EventEmitter = internal.builtin('events');
  const a = new https.Agent({ keepAlive: true, maxSockets: 5 });
  assert.ok(a instanceof EventEmitter && a instanceof http.Agent);
  assert.strictEqual(a.maxSockets, 5);
  assert.strictEqual(a.defaultPort, 443);
  a.destroy();
});

test('a refused connection emits error then close', async () => {
  const events = await new Promise((resolve) => {
    const ev = [];
    const req = http.get('http://127.0.0.1:1/');
    req.on('error', (e) => ev.push(`error ${e.code}`));
    req.on('close', () => { ev.push('close'); resolve(ev); });
  });
  assert.deepEqual(events, ['error ECONNREFUSED', 'close']);
});
