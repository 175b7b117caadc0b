// node:net, node:tls and node:dns (57_node_net.js) over the socket natives, the parts that
// need no server: refused connections and their Node-shaped errors, the natives on a socket
// id that is not open, look-ups of localhost, and the argument checks. Exchanges with a
// server are tests/it/packages.rs (tls_sockets_direct_and_starttls, the WebSocket client).
(() => {
  const internal = globalThis[Symbol.for('ferroute.internal')];
  const native = internal.native;
  const net = internal.builtin('net');
  const tls = internal.builtin('tls');
  const dns = internal.builtin('dns');

  /** The events `socket` emits until 'close', and the error it carried. */
  const outcome = (socket) => new Promise((resolve) => {
    const events = [];
    let error;
    socket.on('connect', () => events.push('connect'));
    socket.on('secureConnect', () => events.push('secureConnect'));
    socket.on('error', (e) => { events.push('error'); error = e; });
    socket.on('close', () => { events.push('close'); resolve({ events, error }); });
  });

  const refusedShape = (e) => ({
    error: e instanceof Error, message: e.message, code: e.code, errno: e.errno,
    syscall: e.syscall, address: e.address, port: e.port,
  });
  const REFUSED = {
    error: true, message: 'connect ECONNREFUSED 127.0.0.1:1', code: 'ECONNREFUSED', errno: -111,
    syscall: 'connect', address: '127.0.0.1', port: 1,
  };

  test('a refused connection errors as Node says, then closes', async () => {
    const socket = net.connect(1, '127.0.0.1');
    assert.strictEqual(socket.connecting, true);
    assert.strictEqual(socket.readyState, 'opening');
    const { events, error } = await outcome(socket);
    assert.deepEqual(events, ['error', 'close']);
    assert.deepEqual(refusedShape(error), REFUSED);
    assert.strictEqual(socket.destroyed, true);
    assert.strictEqual(socket.readyState, 'closed');
  });

  test('a refused TLS connection errors before any handshake', async () => {
    const socket = tls.connect({ host: '127.0.0.1', port: 1, servername: 'example.com' });
    assert.strictEqual(socket.encrypted, true);
    const { events, error } = await outcome(socket);
    assert.deepEqual(events, ['error', 'close']);
    assert.deepEqual(refusedShape(error), REFUSED);
  });

  test('natives on a socket id that is not open', async () => {
    const id = 0x7fffffff;
    assert.strictEqual(await native.netRead(id), null);
    const e = await native.netWrite(id, new Uint8Array([1, 2])).then(() => null, (x) => x);
    assert.ok(e instanceof Error);
    assert.deepEqual([e.message, e.code, e.errno, e.syscall], ['write EPIPE', 'EPIPE', -32, 'write']);
    assert.strictEqual(await native.netShutdown(id), undefined);
    assert.strictEqual(native.netClose(id), undefined);
    const u = await native.netUpgrade(id, 'example.com', true, []).then(() => null, (x) => x);
    assert.ok(u instanceof Error && typeof u.code === 'string');
  });

  test('dns.lookup of localhost, one and all addresses', async () => {
    const one = await new Promise((resolve, reject) => {
      dns.lookup('localhost', (err, address, family) => (err ? reject(err) : resolve({ address, family })));
    });
    assert.ok(['127.0.0.1', '::1'].includes(one.address), one.address);
    assert.strictEqual(one.family, one.address === '::1' ? 6 : 4);
    const all = await dns.promises.lookup('localhost', { all: true });
    assert.ok(Array.isArray(all) && all.length >= 1);
    for (const { address, family } of all) assert.strictEqual(net.isIP(address), family);
    assert.strictEqual(new Set(all.map((a) => a.address)).size, all.length);
    const v4 = await dns.promises.lookup('localhost', { family: 4 });
    assert.deepEqual(v4, { address: '127.0.0.1', family: 4 });
    const literal = await dns.promises.lookup('10.1.2.3');
    assert.deepEqual(literal, { address: '10.1.2.3', family: 4 });
    const raw = await native.dnsLookup('localhost', 4);
    assert.deepEqual(raw, [['127.0.0.1', 4]]);
  });

  test('dns.lookup of a name that does not exist is ENOTFOUND', async () => {
    const e = await dns.promises.lookup('nope.invalid').then(() => null, (x) => x);
    assert.ok(e instanceof Error);
    assert.deepEqual(
      [e.message, e.code, e.errno, e.syscall, e.hostname],
      ['getaddrinfo ENOTFOUND nope.invalid', 'ENOTFOUND', -3008, 'getaddrinfo', 'nope.invalid'],
    );
  });

  test('argument checks: ports, Unix sockets, isIP', async () => {
    assert.throws(() => net.connect(70000, '127.0.0.1'), (e) => e instanceof RangeError && e.code === 'ERR_SOCKET_BAD_PORT');
    const { events, error } = await outcome(net.connect('/tmp/some.sock'));
    assert.deepEqual(events, ['error', 'close']);
    assert.strictEqual(error.code, 'ERR_FERROUTE_UNSUPPORTED');
    assert.deepEqual([net.isIP('1.2.3.4'), net.isIP('::1'), net.isIP('fe80::1%eth0'), net.isIP('1.2.3'), net.isIP('x')], [4, 6, 6, 0, 0]);
    assert.throws(() => net.createServer(), (e) => e.code === 'ERR_FERROUTE_UNSUPPORTED');
  });
})();
