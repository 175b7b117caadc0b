// The small built-ins of 54_node_misc.js: querystring, os, tty, punycode, readline,
// diagnostics_channel, v8, constants, worker_threads / MessageChannel / BroadcastChannel
// globals, and the modules whose functions throw ERR_FERROUTE_UNSUPPORTED.
(() => {
  const internal = globalThis[Symbol.for('ferroute.internal')];
  const builtin = internal.builtin;
  const tick = () => new Promise((resolve) => setTimeout(resolve, 5));
  const plain = (o) => JSON.parse(JSON.stringify(o));
  /** What `fn` throws (the engine's test `assert.throws` returns nothing). */
  const caught = (fn) => {
    try {
      fn();
    } catch (e) {
      return e;
    }
    throw new Error('expected an exception');
  };

  test('querystring.parse: Node 20 results', () => {
    const qs = builtin('querystring');
    const cases = [
      ['a=1&&b=2', { a: '1', b: '2' }], ['&', {}], ['=', { '': '' }], ['a', { a: '' }],
      ['a=1&a=2&a=3', { a: ['1', '2', '3'] }], ['a+b=c+d%20e', { 'a b': 'c d e' }], ['%E4%B8%AD=%zz', { '中': '%zz' }],
      ['a=1=2', { a: '1=2' }], ['  a = b ', { '  a ': ' b ' }], ['a[]=1&a[]=2', { 'a[]': ['1', '2'] }], ['', {}],
      ['a=%F0%9F%98%80', { a: '😀' }], ['x=%C3', { x: '\ufffd' }],
    ];
    for (const [input, expected] of cases) assert.deepEqual(plain(qs.parse(input)), expected, input);
    assert.equal(Object.getPrototypeOf(qs.parse('a=1')), null);
    assert.deepEqual(plain(qs.parse('a=1;b=2', ';')), { a: '1', b: '2' });
    assert.deepEqual(plain(qs.parse('a:1,b:2', ',', ':')), { a: '1', b: '2' });
    assert.deepEqual(plain(qs.parse('a=1&b=2&c=3', null, null, { maxKeys: 2 })), { a: '1', b: '2' });
    assert.deepEqual(plain(qs.parse('a=X', null, null, { decodeURIComponent: (s) => s.toLowerCase() })), { a: 'x' });
    assert.equal(qs.decode, qs.parse);
  });

  test('querystring.stringify / escape / unescape: Node 20 results', () => {
    const qs = builtin('querystring');
    assert.equal(qs.stringify({ a: [1, 2], b: 'x y', c: true, d: null, e: undefined, f: NaN, g: {}, h: "é!*()'~", i: 5n }),
      "a=1&a=2&b=x%20y&c=true&d=&e=&f=&g=&h=%C3%A9!*()'~&i=5");
    assert.equal(qs.stringify({ a: 1 }, ';', ':'), 'a:1');
    assert.equal(qs.stringify('x'), '');
    assert.equal(qs.stringify({ a: 'b c' }, null, null, { encodeURIComponent: (s) => s.toUpperCase() }), 'A=B C');
    assert.equal(qs.escape('a b&c/ü'), 'a%20b%26c%2F%C3%BC');
    assert.equal(qs.unescape('%zz%41+'), '%zzA+');
    assert.deepEqual(Array.from(qs.unescapeBuffer('%41%zz')), [0x41, 0x25, 0x7a, 0x7a]);
    assert.equal(qs.encode, qs.stringify);
  });

  test('os: functions, constants, defaults without the native', () => {
    const os = builtin('os');
    assert.equal(os.EOL, '\n');
    assert.equal(os.devNull, '/dev/null');
    for (const f of ['hostname', 'type', 'release', 'version', 'arch', 'platform', 'machine', 'homedir', 'tmpdir', 'endianness']) {
      assert.equal(typeof os[f](), 'string', f);
    }
    for (const f of ['totalmem', 'freemem', 'uptime', 'availableParallelism']) assert.equal(typeof os[f](), 'number', f);
    assert.ok(os.availableParallelism() >= 1);
    assert.equal(os.loadavg().length, 3);
    const cpus = os.cpus();
    assert.ok(Array.isArray(cpus) && cpus.length >= 1 && typeof cpus[0].model === 'string' && typeof cpus[0].times.idle === 'number');
    assert.equal(typeof os.networkInterfaces(), 'object');
    const u = os.userInfo();
    assert.equal(typeof u.username, 'string');
    assert.equal(typeof u.homedir, 'string');
    assert.equal(os.constants.signals.SIGTERM, 15);
    assert.equal(os.constants.signals.SIGKILL, 9);
    assert.equal(os.constants.errno.ENOENT, 2);
    assert.equal(os.constants.priority.PRIORITY_NORMAL, 0);
    assert.equal(os.getPriority(), 0);
    assert.equal(caught(() => os.setPriority(0, 1)).code, 'ERR_FERROUTE_UNSUPPORTED');
  });

  test('os: reads the engine native per call', () => {
    const os = builtin('os');
    const saved = internal.native.osInfo;
    let calls = 0;
    const fake = () => {
      calls++;
      return {
        hostname: 'h1', type: 'Linux', release: '6.1', version: '#1', arch: 'arm64', platform: 'linux', machine: 'aarch64',
        endianness: 'LE', totalmem: 100, freemem: 40 + calls, uptime: 9, loadavg: [1, 2, 3],
        cpus: [{ model: 'm', speed: 1, times: { user: 1, nice: 0, sys: 1, idle: 1, irq: 0 } }, { model: 'm', speed: 1, times: { user: 1, nice: 0, sys: 1, idle: 1, irq: 0 } }],
        homedir: '/home/u', tmpdir: '/tmp', username: 'u', uid: 1000, gid: 1000, shell: '/bin/sh',
        networkInterfaces: { lo: [{ address: '127.0.0.1', netmask: '255.0.0.0', family: 'IPv4', mac: '00:00:00:00:00:00', internal: true, cidr: '127.0.0.1/8' }] },
      };
    };
    try {
      internal.native.osInfo = fake;
    } catch {}
    if (internal.native.osInfo !== fake) return; // the engine's natives are read-only here
    try {
      assert.equal(os.hostname(), 'h1');
      assert.equal(os.arch(), 'arm64');
      assert.notEqual(os.freemem(), os.freemem());
      assert.equal(os.availableParallelism(), 2);
      assert.deepEqual(os.loadavg(), [1, 2, 3]);
      assert.deepEqual(plain(os.userInfo()), { uid: 1000, gid: 1000, username: 'u', homedir: '/home/u', shell: '/bin/sh' });
      assert.equal(os.networkInterfaces().lo[0].cidr, '127.0.0.1/8');
    } finally {
      try {
        if (saved === undefined) delete internal.native.osInfo;
        else internal.native.osInfo = saved;
      } catch {}
    }
  });

  test('constants merges os and fs constants', () => {
    const c = builtin('constants');
    assert.equal(c.SIGTERM, 15);
    assert.equal(c.ENOENT, 2);
    assert.equal(c.O_RDONLY, 0);
    assert.equal(c.R_OK, 4);
  });

  test('tty: no descriptor is a terminal', () => {
    const tty = builtin('tty');
    assert.equal(tty.isatty(0), false);
    assert.equal(tty.isatty(1), false);
    assert.equal(caught(() => new tty.WriteStream(1)).code, 'ERR_FERROUTE_UNSUPPORTED');
  });

  test('punycode: encode/decode/toASCII/toUnicode (RFC 3492)', () => {
    const p = builtin('punycode');
    assert.equal(p.encode('ü'), 'tda');
    assert.equal(p.decode('tda'), 'ü');
    assert.equal(p.encode('他们为什么不说中文'), 'ihqwcrb4cv8a8dqg056pqjye');
    assert.equal(p.decode('ihqwcrb4cv8a8dqg056pqjye'), '他们为什么不说中文');
    assert.equal(p.decode('d9juau41awczczp'), 'そのスピードで');
    assert.equal(p.toASCII('mañana.com'), 'xn--maana-pta.com');
    assert.equal(p.toUnicode('xn--maana-pta.com'), 'mañana.com');
    assert.equal(p.toASCII('☃-⌘.com'), 'xn----dqo34k.com');
    assert.equal(p.toASCII('джумла@джpумлатест.bрфa'), 'джумла@xn--p-8sbkgc5ag7bhce.xn--ba-lmcq');
    assert.equal(p.toASCII('example.com'), 'example.com');
    assert.deepEqual(p.ucs2.decode('a😀'), [0x61, 0x1f600]);
    assert.equal(p.ucs2.encode([0x61, 0x1f600]), 'a😀');
    assert.throws(() => p.decode('\u0100-a'), RangeError);
    assert.throws(() => p.decode('99999999999'), RangeError);
  });

  test('readline: lines from a readable, split chunks, async iteration, close', async () => {
    const { EventEmitter } = builtin('events');
    const readline = builtin('readline');
    const input = new EventEmitter();
    const rl = readline.createInterface({ input });
    const lines = [];
    rl.on('line', (l) => lines.push(l));
    let closed = false;
    rl.on('close', () => { closed = true; });
    input.emit('data', 'one\ntw');
    input.emit('data', new TextEncoder().encode('o\r\nthr\xe9e\r'));
    const euro = new TextEncoder().encode('\n€ 5\nlast'); // the 3-byte € split across chunks
    input.emit('data', euro.subarray(0, 2));
    input.emit('data', euro.subarray(2));
    input.emit('end');
    assert.deepEqual(lines, ['one', 'two', 'thrée', '€ 5', 'last']);
    assert.ok(closed);

    const input2 = new EventEmitter();
    const rl2 = readline.createInterface({ input: input2, crlfDelay: Infinity });
    setTimeout(() => {
      input2.emit('data', 'a\nb\n');
      input2.emit('end');
    }, 0);
    const got = [];
    for await (const line of rl2) got.push(line);
    assert.deepEqual(got, ['a', 'b']);
  });

  test('readline: question writes the query and answers with the next line', async () => {
    const { EventEmitter } = builtin('events');
    const readline = builtin('readline');
    const input = new EventEmitter();
    let written = '';
    const output = { write: (s) => { written += s; return true; } };
    const rl = readline.createInterface({ input, output });
    const answer = new Promise((resolve) => rl.question('name? ', resolve));
    input.emit('data', 'ferroute\n');
    assert.equal(await answer, 'ferroute');
    assert.equal(written, 'name? ');
    rl.close();
    const rlp = readline.promises.createInterface({ input: new EventEmitter(), output });
    const p = rlp.question('again? ');
    rlp.write('yes\n');
    assert.equal(await p, 'yes');
    rlp.close();
  });

  test('diagnostics_channel: channel, subscribe, publish, hasSubscribers', () => {
    const dc = builtin('diagnostics_channel');
    const ch = dc.channel('ferroute-test');
    assert.equal(dc.channel('ferroute-test'), ch);
    assert.ok(ch instanceof dc.Channel);
    assert.equal(ch.hasSubscribers, false);
    const got = [];
    const fn = (msg, name) => got.push([msg, name]);
    ch.subscribe(fn);
    assert.ok(ch.hasSubscribers && dc.hasSubscribers('ferroute-test'));
    ch.publish({ a: 1 });
    assert.deepEqual(got, [[{ a: 1 }, 'ferroute-test']]);
    assert.equal(ch.unsubscribe(fn), true);
    assert.equal(ch.unsubscribe(fn), false);
    dc.subscribe('ferroute-test2', fn);
    dc.channel('ferroute-test2').publish(2);
    assert.equal(got.length, 2);
    assert.equal(dc.unsubscribe('ferroute-test2', fn), true);
    assert.equal(dc.hasSubscribers('ferroute-test2'), false);
  });

  test('diagnostics_channel: runStores with a store-like object', () => {
    const dc = builtin('diagnostics_channel');
    const ch = dc.channel('ferroute-stores');
    let current;
    const store = { run(value, fn) { const prev = current; current = value; try { return fn(); } finally { current = prev; } } };
    ch.bindStore(store, (data) => ({ wrapped: data }));
    const seen = [];
    ch.subscribe(() => seen.push(current));
    const r = ch.runStores(7, (x) => [current, x], null, 'arg');
    assert.deepEqual(r, [{ wrapped: 7 }, 'arg']);
    assert.deepEqual(seen, [{ wrapped: 7 }]);
    assert.equal(ch.unbindStore(store), true);
  });

  test('diagnostics_channel: tracingChannel traceSync / tracePromise / traceCallback', async () => {
    const dc = builtin('diagnostics_channel');
    const tc = dc.tracingChannel('ferroute-op');
    assert.equal(tc.start.name, 'tracing:ferroute-op:start');
    const events = [];
    const handlers = {};
    for (const ev of ['start', 'end', 'asyncStart', 'asyncEnd', 'error']) handlers[ev] = (ctx) => events.push([ev, ctx.result, ctx.error && ctx.error.message]);
    tc.subscribe(handlers);
    assert.equal(tc.traceSync((a, b) => a + b, {}, null, 1, 2), 3);
    assert.deepEqual(events.splice(0), [['start', undefined, undefined], ['end', 3, undefined]]);
    assert.throws(() => tc.traceSync(() => { throw new Error('sync'); }), /sync/);
    assert.deepEqual(events.splice(0).map((e) => e[0]), ['start', 'error', 'end']);
    assert.equal(await tc.tracePromise(async () => 'v'), 'v');
    assert.deepEqual(events.splice(0).map((e) => e[0]), ['start', 'end', 'asyncStart', 'asyncEnd']);
    await assert.rejects(tc.tracePromise(async () => { throw new Error('async'); }), /async/);
    assert.deepEqual(events.splice(0).map((e) => e[0]), ['start', 'end', 'error', 'asyncStart', 'asyncEnd']);
    const result = await new Promise((resolve) => tc.traceCallback((x, cb) => setTimeout(() => cb(null, x * 2), 0), -1, {}, null, 4, (err, v) => resolve(v)));
    assert.equal(result, 8);
    assert.deepEqual(events.splice(0).map((e) => e[0]), ['start', 'end', 'asyncStart', 'asyncEnd']);
    assert.equal(tc.unsubscribe(handlers), true);
    assert.equal(tc.hasSubscribers, false);
    assert.equal(tc.traceSync(() => 'fast'), 'fast');
    assert.equal(events.length, 0);
  });

  test('process.memoryUsage: resident memory and the engine heap', () => {
    const m = process.memoryUsage();
    assert.ok(m.rss > m.heapUsed && m.heapTotal >= m.heapUsed && m.heapUsed > 0, JSON.stringify(m));
    assert.ok(process.memoryUsage.rss() > 0);
    // What objects own outside the heap (JavaScriptCore counts it at its collections).
    assert.ok(Number.isInteger(m.external) && m.external >= 0);
  });

  test('v8: heap statistics, unsupported serializer', () => {
    const v8 = builtin('v8');
    const h = v8.getHeapStatistics();
    for (const k of ['total_heap_size', 'used_heap_size', 'heap_size_limit', 'total_available_size', 'malloced_memory', 'external_memory']) {
      assert.equal(typeof h[k], 'number', k);
    }
    assert.ok(h.heap_size_limit > h.used_heap_size);
    assert.ok(h.used_heap_size > 0 && h.total_heap_size >= h.used_heap_size);
    assert.equal(caught(() => v8.serialize({})).code, 'ERR_FERROUTE_UNSUPPORTED');
    assert.equal(caught(() => v8.deserialize(new Uint8Array(0))).code, 'ERR_FERROUTE_UNSUPPORTED');
  });

  test('worker_threads: main-thread facts; Worker refused', () => {
    const wt = builtin('worker_threads');
    assert.equal(wt.isMainThread, true);
    assert.equal(wt.parentPort, null);
    assert.equal(wt.workerData, null);
    assert.equal(wt.threadId, 0);
    const e = caught(() => new wt.Worker('./x.js'));
    assert.equal(e.code, 'ERR_FERROUTE_UNSUPPORTED');
    assert.ok(e.message.startsWith('new worker_threads.Worker() is not available in ferroute: '), e.message);
    assert.equal(wt.MessageChannel, globalThis.MessageChannel);
    assert.equal(wt.MessagePort, globalThis.MessagePort);
    assert.equal(wt.BroadcastChannel, globalThis.BroadcastChannel);
    wt.setEnvironmentData('k', 1);
    assert.equal(wt.getEnvironmentData('k'), 1);
  });

  test('globals: MessageChannel delivers structured clones asynchronously, in order', async () => {
    const d = Object.getOwnPropertyDescriptor(globalThis, 'MessageChannel');
    assert.equal(d.enumerable, false);
    const { port1, port2 } = new MessageChannel();
    assert.ok(port1 instanceof MessagePort && port1 instanceof EventTarget);
    assert.throws(() => new MessagePort(), TypeError);
    const got = [];
    port2.onmessage = (e) => got.push(e.data);
    const sent = { a: [1, 2], d: new Date(0) };
    port1.postMessage(sent);
    port1.postMessage('second');
    assert.equal(got.length, 0, 'delivered later');
    await tick();
    assert.equal(got.length, 2);
    assert.deepEqual(got[0].a, [1, 2]);
    assert.notEqual(got[0], sent);
    assert.equal(got[1], 'second');
    assert.throws(() => port1.postMessage(() => {}));
  });

  test('globals: MessagePort queues until started; on("message") gets the data; close', async () => {
    const { port1, port2 } = new MessageChannel();
    port1.postMessage(1);
    await tick();
    const events = [];
    port2.addEventListener('message', (e) => events.push(['event', e.data]));
    port2.on('message', (v) => events.push(['on', v]));
    await tick();
    assert.deepEqual(events, [['event', 1], ['on', 1]]);
    const wt = builtin('worker_threads');
    port2.postMessage('sync');
    assert.deepEqual(wt.receiveMessageOnPort(port1), { message: 'sync' });
    assert.equal(wt.receiveMessageOnPort(port1), undefined);
    let closes = 0;
    port1.addEventListener('close', () => closes++);
    port2.addEventListener('close', () => closes++);
    port1.close();
    port1.postMessage('dropped');
    await tick();
    assert.equal(closes, 2);
    assert.equal(events.length, 2);
  });

  test('globals: BroadcastChannel reaches the other channels of the same name', async () => {
    const a = new BroadcastChannel('ferroute-bc');
    const b = new BroadcastChannel('ferroute-bc');
    const c = new BroadcastChannel('other');
    const got = [];
    a.onmessage = (e) => got.push(['a', e.data]);
    b.onmessage = (e) => got.push(['b', e.data]);
    c.onmessage = (e) => got.push(['c', e.data]);
    a.postMessage({ x: 1 });
    await tick();
    assert.deepEqual(got, [['b', { x: 1 }]]);
    assert.equal(a.name, 'ferroute-bc');
    b.close();
    a.postMessage(2);
    await tick();
    assert.equal(got.length, 1);
    a.close();
    c.close();
    assert.throws(() => a.postMessage(3));
  });

  test('refused modules load, expose their names and throw ERR_FERROUTE_UNSUPPORTED when called', () => {
    const calls = {
      child_process: ['exec', 'execSync', 'spawn', 'spawnSync', 'fork', 'execFile', 'execFileSync'],
      vm: ['createContext', 'runInNewContext', 'runInThisContext', 'runInContext', 'compileFunction'],
      cluster: ['fork', 'setupPrimary'],
      dgram: ['createSocket'],
      http2: ['connect', 'createServer'],
      inspector: ['open'],
      repl: ['start'],
      trace_events: ['createTracing'],
      domain: ['create'],
    };
    for (const [mod, names] of Object.entries(calls)) {
      const m = builtin(mod);
      for (const name of names) {
        assert.equal(typeof m[name], 'function', `${mod}.${name}`);
        const e = caught(() => m[name]('x'));
        assert.equal(e.code, 'ERR_FERROUTE_UNSUPPORTED', `${mod}.${name}`);
        assert.ok(e.message.startsWith(`${mod}.${name}() is not available in ferroute: `) && e.message.endsWith('(see docs/compat.md)'), e.message);
      }
    }
    assert.equal(caught(() => builtin('child_process').spawn('ls')).message,
      'child_process.spawn() is not available in ferroute: route handlers cannot start processes (see docs/compat.md)');
    for (const [mod, cls] of [['child_process', 'ChildProcess'], ['vm', 'Script'], ['wasi', 'WASI'], ['inspector', 'Session'], ['domain', 'Domain']]) {
      assert.equal(caught(() => new (builtin(mod)[cls])()).code, 'ERR_FERROUTE_UNSUPPORTED', cls);
    }
    assert.equal(builtin('vm').isContext({}), false);
    assert.equal(builtin('cluster').isPrimary, true);
    assert.equal(typeof builtin('cluster').on, 'function');
    const h2 = builtin('http2').constants;
    assert.equal(h2.HTTP2_HEADER_STATUS, ':status');
    assert.equal(h2.HTTP2_HEADER_CONTENT_TYPE, 'content-type');
    assert.equal(h2.HTTP2_METHOD_GET, 'GET');
    assert.equal(h2.HTTP_STATUS_NOT_FOUND, 404);
    assert.equal(h2.NGHTTP2_CANCEL, 8);
  });
})();
