// node:stream, node:stream/promises, node:stream/consumers (51_node_stream.js), through internal.builtin.
(() => {
  const internal = globalThis[Symbol.for('ferroute.internal')];
  const stream = internal.builtin('stream');
  const streamPromises = internal.builtin('stream/promises');
  const consumers = internal.builtin('stream/consumers');
  const EventEmitter = internal.builtin('events');
  const { Readable, Writable, Duplex, Transform, PassThrough, pipeline, finished } = stream;
  const B = globalThis.Buffer;
  // Under node-builtins-harness.js --reference these run against Node's own modules (another realm).
  const reference = globalThis.__reference === true;

  const delay = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));
  const str = (chunks) => chunks.map((c) => (typeof c === 'string' ? c : B.from(c).toString())).join('');
  function collect(readable) {
    return new Promise((resolve, reject) => {
      const out = [];
      readable.on('data', (c) => out.push(c));
      readable.on('end', () => resolve(out));
      readable.on('error', reject);
    });
  }
  // A writable that records what it gets, optionally slowly.
  function sink(options = {}) {
    const chunks = [];
    const w = new Writable({
      ...options,
      write(chunk, encoding, cb) {
        chunks.push(options.objectMode || options.decodeStrings === false ? chunk : B.from(chunk).toString());
        if (options.slow) setTimeout(cb, 1);
        else cb();
      },
    });
    w.chunks = chunks;
    return w;
  }
  // The error a promise rejects with (the engine's assert.rejects returns nothing).
  async function rejection(promise) {
    try {
      await promise;
    } catch (e) {
      return e;
    }
    throw new Error('expected a rejection');
  }
  const events = (emitter, names) => {
    const log = [];
    for (const n of names) emitter.on(n, (...args) => log.push(n === 'error' ? `error:${args[0] && args[0].message}` : n));
    return log;
  };

  // ---------------------------------------------------------------- shape

  test('stream: module shape', () => {
    assert.equal(typeof stream, 'function');
    assert.equal(stream.Stream, stream);
    for (const name of ['Readable', 'Writable', 'Duplex', 'Transform', 'PassThrough', 'pipeline', 'finished', 'addAbortSignal', 'compose', 'isReadable', 'isErrored', 'isDisturbed']) {
      assert.equal(typeof stream[name], 'function', name);
    }
    assert.equal(stream.promises, streamPromises);
    assert.equal(typeof streamPromises.pipeline, 'function');
    assert.equal(typeof streamPromises.finished, 'function');
    for (const name of ['text', 'json', 'buffer', 'arrayBuffer', 'blob']) assert.equal(typeof consumers[name], 'function', name);
    assert.ok(new Readable() instanceof EventEmitter);
    assert.ok(new Readable() instanceof stream);
    const d = new Duplex();
    assert.ok(d instanceof Readable);
    assert.ok(d instanceof Writable);
    assert.ok(new PassThrough() instanceof Transform);
    assert.ok(!(new Readable() instanceof Writable));
  });

  // ---------------------------------------------------------------- Readable

  test('Readable: paused mode read() concatenates buffered chunks', () => {
    const r = new Readable({ read() {} });
    r.push('ab');
    r.push(B.from('cd'));
    r.push(new Uint8Array([101]));
    assert.equal(r.readableLength, 5);
    const first = r.read(1);
    assert.ok(B.isBuffer(first));
    assert.equal(first.toString(), 'a');
    assert.equal(r.read(3).toString(), 'bcd');
    assert.equal(r.read().toString(), 'e');
    assert.equal(r.read(), null);
    assert.equal(r.readableFlowing, null);
  });

  test('Readable: read(n) larger than buffered returns null until ended, then the rest', () => {
    const r = new Readable({ read() {} });
    r.push('abc');
    assert.equal(r.read(10), null);
    r.push(null);
    assert.equal(r.read(10).toString(), 'abc');
  });

  test("Readable: flowing mode emits 'data', then 'end', then 'close'", async () => {
    const r = new Readable({ read() {} });
    const log = [];
    r.on('data', (c) => log.push(`data:${c}`));
    r.on('end', () => log.push('end'));
    r.on('close', () => log.push('close'));
    assert.equal(r.readableFlowing, true);
    r.push('a');
    r.push('b');
    r.push(null);
    await delay(5);
    assert.deepEqual(log, ['data:a', 'data:b', 'end', 'close']);
    assert.equal(r.readableEnded, true);
    assert.equal(r.destroyed, true);
    assert.equal(r.closed, true);
  });

  test('Readable: _read is called on demand and respects highWaterMark', async () => {
    let reads = 0;
    const r = new Readable({
      highWaterMark: 4,
      read(size) {
        reads++;
        assert.equal(size, 4);
        if (reads > 5) this.push(null);
        else this.push('xx');
      },
    });
    const out = await collect(r);
    assert.equal(str(out), 'xxxxxxxxxx');
    assert.equal(reads, 6);
  });

  test('Readable: push returns false at the high-water mark', () => {
    const r = new Readable({ highWaterMark: 3, read() {} });
    assert.equal(r.push('ab'), true);
    assert.equal(r.push('cd'), false);
    assert.equal(r.readableHighWaterMark, 3);
    const o = new Readable({ objectMode: true, read() {} });
    assert.equal(o.readableHighWaterMark, 16);
    for (let i = 0; i < 15; i++) assert.equal(o.push({ i }), true);
    assert.equal(o.push({}), false);
  });

  test('Readable: objectMode keeps values as they are, one per read()', async () => {
    const r = new Readable({ objectMode: true, read() {} });
    r.push({ a: 1 });
    r.push('s');
    r.push(0);
    r.push(null);
    assert.deepEqual(r.read(), { a: 1 });
    assert.equal(r.read(), 's');
    assert.equal(r.read(), 0);
    assert.equal(r.read(), null);
  });

  test('Readable: setEncoding decodes across chunk boundaries', async () => {
    const r = new Readable({ read() {} });
    r.setEncoding('utf8');
    const euro = B.from('€'); // 3 bytes
    r.push(euro.subarray(0, 1));
    r.push(euro.subarray(1));
    r.push(B.from('!'));
    r.push(null);
    const out = await collect(r);
    assert.ok(out.every((c) => typeof c === 'string'));
    assert.equal(out.join(''), '€!');
    assert.equal(r.readableEncoding, 'utf8');
  });

  test('Readable: encoding option and setEncoding re-decode what is buffered', () => {
    const r = new Readable({ encoding: 'hex', read() {} });
    r.push(B.from([1, 255]));
    assert.equal(r.read(), '01ff');
    const r2 = new Readable({ read() {} });
    r2.push('hi');
    r2.setEncoding('hex');
    assert.equal(r2.read(), '6869');
  });

  test("Readable: 'readable' event with a read() loop", async () => {
    const r = new Readable({ read() {} });
    const got = [];
    let readables = 0;
    r.on('readable', () => {
      readables++;
      let c;
      while ((c = r.read()) !== null) got.push(c.toString());
    });
    r.push('a');
    r.push('b');
    await delay();
    r.push('c');
    r.push(null);
    await new Promise((resolve) => r.on('end', resolve));
    assert.equal(got.join(''), 'abc');
    assert.ok(readables >= 2);
  });

  test('Readable: read(0) triggers _read without consuming', async () => {
    let calls = 0;
    const r = new Readable({
      read() {
        calls++;
      },
    });
    assert.equal(r.read(0), null);
    assert.equal(calls, 1);
    assert.equal(r.readableLength, 0);
  });

  test('Readable: pause/resume/isPaused and readableFlowing', async () => {
    const r = new Readable({ read() {} });
    const got = [];
    assert.equal(r.isPaused(), false);
    r.on('data', (c) => got.push(c.toString()));
    r.pause();
    assert.equal(r.isPaused(), true);
    assert.equal(r.readableFlowing, false);
    r.push('a');
    await delay();
    assert.deepEqual(got, []);
    const log = events(r, ['resume', 'pause']);
    r.resume();
    assert.equal(r.readableFlowing, true);
    await delay();
    assert.deepEqual(got, ['a']);
    r.pause();
    assert.deepEqual(log, ['resume', 'pause']);
  });

  test('Readable: unshift puts data back at the front', () => {
    const r = new Readable({ read() {} });
    r.push('world');
    const c = r.read(2);
    assert.equal(c.toString(), 'wo');
    r.unshift(c);
    r.unshift('hello ');
    assert.equal(r.read().toString(), 'hello world');
  });

  test('Readable: push after EOF is ERR_STREAM_PUSH_AFTER_EOF', async () => {
    const r = new Readable({ read() {} });
    const errors = [];
    r.on('error', (e) => errors.push(e.code));
    r.push(null);
    r.push('late');
    await delay();
    assert.deepEqual(errors, ['ERR_STREAM_PUSH_AFTER_EOF']);
  });

  test('Readable: invalid chunk type is ERR_INVALID_ARG_TYPE', async () => {
    const r = new Readable({ read() {} });
    let code;
    r.on('error', (e) => {
      code = e.code;
    });
    r.push(42);
    await delay();
    assert.equal(code, 'ERR_INVALID_ARG_TYPE');
  });

  test("Readable: destroy(err) emits 'error' then 'close' and calls _destroy", async () => {
    let destroyArg;
    const r = new Readable({
      read() {},
      destroy(err, cb) {
        destroyArg = err;
        cb(err);
      },
    });
    const log = events(r, ['error', 'close', 'end']);
    const err = new Error('kaput');
    assert.equal(r.destroy(err), r);
    assert.equal(r.destroyed, true);
    assert.equal(destroyArg, err);
    assert.deepEqual(log, []);
    await delay();
    assert.deepEqual(log, ['error:kaput', 'close']);
    assert.equal(r.errored, err);
    assert.equal(r.readableAborted, true);
    r.destroy(new Error('second'));
    await delay();
    assert.deepEqual(log, ['error:kaput', 'close']);
  });

  test("Readable: destroy() without an error emits only 'close'; push afterwards is ignored", async () => {
    const r = new Readable({ read() {} });
    const log = events(r, ['error', 'close', 'end', 'data']);
    r.destroy();
    assert.equal(r.push('x'), false);
    await delay();
    assert.deepEqual(log, ['close']);
    assert.equal(r.errored, null);
  });

  test('Readable: _destroy can swallow or replace the error', async () => {
    const r = new Readable({
      read() {},
      destroy(err, cb) {
        cb(null);
      },
    });
    const log = events(r, ['error', 'close']);
    r.destroy(new Error('ignored'));
    await delay();
    assert.deepEqual(reference ? log.filter((x) => x === 'close') : log, ['close']);
  });

  test("Readable: emitClose: false suppresses 'close'", async () => {
    const r = new Readable({ emitClose: false, read() {} });
    const log = events(r, ['close']);
    r.destroy();
    await delay();
    assert.deepEqual(log, []);
  });

  test('Readable: errors thrown by _read destroy the stream', async () => {
    const r = new Readable({
      read() {
        throw new Error('read failed');
      },
    });
    const log = events(r, ['error', 'close']);
    r.resume();
    await delay(2);
    assert.deepEqual(log, ['error:read failed', 'close']);
  });

  test('Readable: class subclass and old-style Readable.call subclass', async () => {
    class Counter extends Readable {
      constructor() {
        super({ objectMode: true });
        this.n = 0;
      }
      _read() {
        this.push(this.n < 3 ? this.n++ : null);
      }
    }
    assert.deepEqual(await collect(new Counter()), [0, 1, 2]);

    function Old(opts) {
      if (!(this instanceof Old)) return new Old(opts);
      Readable.call(this, opts);
      this.left = ['x', 'y'];
    }
    Object.setPrototypeOf(Old.prototype, Readable.prototype);
    Object.setPrototypeOf(Old, Readable);
    Old.prototype._read = function () {
      this.push(this.left.length ? this.left.shift() : null);
    };
    assert.equal(str(await collect(Old())), 'xy');
  });

  test('Readable: async iteration yields chunks and completes', async () => {
    const r = new Readable({ read() {} });
    r.push('a');
    setTimeout(() => {
      r.push('b');
      r.push(null);
    }, 1);
    const got = [];
    for await (const c of r) got.push(c.toString());
    assert.deepEqual(got, ['a', 'b']);
  });

  test('Readable: breaking out of async iteration destroys the stream', async () => {
    const r = Readable.from([1, 2, 3, 4]);
    const got = [];
    for await (const v of r) {
      got.push(v);
      if (v === 2) break;
    }
    assert.deepEqual(got, [1, 2]);
    assert.equal(r.destroyed, true);
  });

  test('Readable: iterator({ destroyOnReturn: false }) leaves the stream usable', async () => {
    const r = Readable.from([1, 2, 3]);
    for await (const v of r.iterator({ destroyOnReturn: false })) {
      assert.equal(v, 1);
      break;
    }
    assert.equal(r.destroyed, false);
    const rest = [];
    for await (const v of r) rest.push(v);
    assert.deepEqual(rest, [2, 3]);
  });

  test('Readable: async iteration rejects with the stream error', async () => {
    const r = new Readable({ read() {} });
    setTimeout(() => r.destroy(new Error('mid-stream')), 1);
    await assert.rejects(async () => {
      for await (const c of r) void c;
    }, /mid-stream/);
  });

  test('Readable.from: arrays, generators, async generators, strings, buffers', async () => {
    assert.deepEqual(await Readable.from([1, 2]).toArray(), [1, 2]);
    function* gen() {
      yield 'a';
      yield 'b';
    }
    assert.deepEqual(await Readable.from(gen()).toArray(), ['a', 'b']);
    async function* agen() {
      yield 1;
      await delay();
      yield Promise.resolve(2);
    }
    assert.deepEqual(await Readable.from(agen()).toArray(), [1, 2]);
    assert.deepEqual(await Readable.from('whole string').toArray(), ['whole string']);
    const buf = await Readable.from(B.from('bytes')).toArray();
    assert.equal(buf.length, 1);
    assert.equal(B.from(buf[0]).toString(), 'bytes');
    const bytes = Readable.from(['x', 'y'], { objectMode: false });
    assert.equal(bytes.readableObjectMode, false);
    assert.equal(B.concat(await bytes.toArray()).toString(), 'xy');
  });

  test('Readable.from: a null value is ERR_STREAM_NULL_VALUES; errors in the iterable destroy', async () => {
    const e1 = await rejection(Readable.from([1, null]).toArray());
    assert.equal(e1.code, 'ERR_STREAM_NULL_VALUES');
    async function* bad() {
      yield 1;
      throw new Error('gen failed');
    }
    await assert.rejects(Readable.from(bad()).toArray(), /gen failed/);
  });

  test('Readable.from: destroying closes the generator (finally runs)', async () => {
    let cleaned = false;
    async function* gen() {
      try {
        for (let i = 0; ; i++) yield i;
      } finally {
        cleaned = true;
      }
    }
    const r = Readable.from(gen());
    for await (const v of r) if (v === 3) break;
    await delay(2);
    assert.ok(cleaned);
  });

  test('Readable: map/filter/forEach helpers', async () => {
    const doubled = await Readable.from([1, 2, 3]).map((x) => x * 2).toArray();
    assert.deepEqual(doubled, [2, 4, 6]);
    const odd = await Readable.from([1, 2, 3]).filter((x) => x % 2).toArray();
    assert.deepEqual(odd, [1, 3]);
    let sum = 0;
    await Readable.from([1, 2, 3]).forEach((x) => {
      sum += x;
    });
    assert.equal(sum, 6);
  });

  test('Readable: take/drop/flatMap/reduce/some/every/find helpers', async () => {
    assert.deepEqual(await Readable.from([1, 2, 3, 4]).take(2).toArray(), [1, 2]);
    assert.deepEqual(await Readable.from([1, 2, 3, 4]).drop(3).toArray(), [4]);
    assert.deepEqual(await Readable.from([1, 2]).flatMap((x) => [x, x]).toArray(), [1, 1, 2, 2]);
    assert.equal(await Readable.from([1, 2, 3]).reduce((a, b) => a + b, 10), 16);
    assert.equal(await Readable.from([1, 2, 3]).reduce((a, b) => a + b), 6);
    assert.equal(await Readable.from([1, 2, 3]).some((x) => x > 2), true);
    assert.equal(await Readable.from([1, 2, 3]).every((x) => x > 2), false);
    assert.equal(await Readable.from([1, 2, 3]).find((x) => x > 1), 2);
  });

  test('Readable.fromWeb: reads a ReadableStream of bytes', async () => {
    const enc = new TextEncoder();
    const rs = new ReadableStream({
      start(c) {
        c.enqueue(enc.encode('he'));
        c.enqueue(enc.encode('llo'));
        c.close();
      },
    });
    const r = Readable.fromWeb(rs);
    assert.ok(r instanceof Readable);
    const out = await collect(r);
    assert.equal(B.concat(out.map((c) => B.from(c))).toString(), 'hello');
  });

  test('Readable.fromWeb: an erroring web stream destroys the readable', async () => {
    const rs = new ReadableStream({
      pull(c) {
        c.error(new Error('web failed'));
      },
    });
    await assert.rejects(collect(Readable.fromWeb(rs)), /web failed/);
  });

  test('Readable.toWeb: chunks arrive as Uint8Array and the stream closes', async () => {
    const r = new Readable({ read() {} });
    r.push('ab');
    r.push('c');
    r.push(null);
    const rs = Readable.toWeb(r);
    const reader = rs.getReader();
    let text = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      assert.ok(ArrayBuffer.isView(value));
      text += B.from(value).toString();
    }
    assert.equal(text, 'abc');
  });

  test('Readable.toWeb / fromWeb round trip keeps bytes and errors', async () => {
    const src = Readable.from([B.from('one'), B.from('two')], { objectMode: false });
    const back = Readable.fromWeb(Readable.toWeb(src));
    assert.equal(B.concat((await collect(back)).map((c) => B.from(c))).toString(), 'onetwo');
    const failing = new Readable({ read() {} });
    const rs = Readable.toWeb(failing);
    const reader = rs.getReader();
    setTimeout(() => failing.destroy(new Error('node side failed')), 1);
    await assert.rejects(reader.read(), /node side failed/);
  });

  test('Readable.toWeb: cancel destroys the node stream', async () => {
    const r = new Readable({ read() {} });
    const rs = Readable.toWeb(r);
    await rs.cancel(new Error('stop'));
    await delay();
    assert.equal(r.destroyed, true);
  });

  test('Readable: construct runs before _read', async () => {
    const log = [];
    const r = new Readable({
      construct(cb) {
        log.push('construct');
        setTimeout(() => {
          log.push('constructed');
          cb();
        }, 1);
      },
      read() {
        log.push('read');
        this.push(null);
      },
    });
    r.resume();
    await new Promise((resolve) => r.on('end', resolve));
    assert.deepEqual(log, ['construct', 'constructed', 'read']);
  });

  test('Readable.wrap: an old-style data/end emitter', async () => {
    const old = new EventEmitter();
    old.pause = () => {};
    old.resume = () => {};
    const r = new Readable().wrap(old);
    const p = collect(r);
    old.emit('data', B.from('x'));
    old.emit('data', B.from('y'));
    old.emit('end');
    assert.equal(str(await p), 'xy');
  });

  test('Readable: an IncomingMessage-like subclass fed from outside', async () => {
    class Incoming extends Readable {
      constructor() {
        super();
        this.headers = {};
      }
      _read() {}
    }
    const msg = new Incoming();
    setTimeout(() => {
      msg.push('{"ok":');
      msg.push('true}');
      msg.push(null);
    }, 1);
    assert.deepEqual(await consumers.json(msg), { ok: true });
  });

  // ---------------------------------------------------------------- Writable

  test("Writable: write/end, callbacks, then 'finish' then 'close'", async () => {
    const w = sink();
    const log = events(w, ['finish', 'close', 'error']);
    const cbs = [];
    assert.equal(w.write('a', () => cbs.push('a')), true);
    w.write(B.from('b'), () => cbs.push('b'));
    w.end('c', () => cbs.push('end'));
    assert.equal(w.writableEnded, true);
    assert.equal(w.writableFinished, false);
    await delay(2);
    assert.deepEqual(w.chunks, ['a', 'b', 'c']);
    assert.deepEqual(cbs, ['a', 'b', 'end']);
    assert.deepEqual(log, ['finish', 'close']);
    assert.equal(w.writableFinished, true);
    assert.equal(w.destroyed, true);
  });

  test('Writable: strings become Buffers unless decodeStrings is false', async () => {
    const seen = [];
    const w = new Writable({
      write(chunk, encoding, cb) {
        seen.push([B.isBuffer(chunk), encoding]);
        cb();
      },
    });
    w.write('x');
    w.write('ff', 'hex');
    const w2 = new Writable({
      decodeStrings: false,
      write(chunk, encoding, cb) {
        seen.push([typeof chunk, encoding]);
        cb();
      },
    });
    w2.write('y', 'latin1');
    await delay();
    assert.deepEqual(seen, [[true, 'buffer'], [true, 'buffer'], ['string', 'latin1']]);
  });

  test('Writable: backpressure: write returns false at the mark, then drain', async () => {
    const w = sink({ highWaterMark: 4, slow: true });
    assert.equal(w.write('ab'), true);
    assert.equal(w.writableLength, 2);
    assert.equal(w.write('cd'), false);
    assert.equal(w.writableNeedDrain, true);
    await new Promise((resolve) => w.once('drain', resolve));
    assert.equal(w.writableLength, 0);
    assert.equal(w.writableNeedDrain, false);
    assert.deepEqual(w.chunks, ['ab', 'cd']);
  });

  test('Writable: objectMode accepts any value but null', async () => {
    const w = sink({ objectMode: true });
    w.write({ a: 1 });
    w.write(7);
    assert.throws(() => w.write(null), TypeError);
    await delay();
    assert.deepEqual(w.chunks, [{ a: 1 }, 7]);
    const b = sink();
    let code;
    try {
      b.write(123);
    } catch (e) {
      code = e.code;
    }
    assert.equal(code, 'ERR_INVALID_ARG_TYPE');
  });

  test('Writable: cork/uncork batches into _writev', async () => {
    const batches = [];
    const w = new Writable({
      writev(chunks, cb) {
        batches.push(chunks.map(({ chunk }) => chunk.toString()));
        cb();
      },
    });
    w.cork();
    w.write('a');
    w.write('b');
    w.write('c');
    assert.equal(w.writableCorked, 1);
    assert.deepEqual(batches, []);
    w.uncork();
    await delay();
    assert.deepEqual(batches, [['a', 'b', 'c']]);
  });

  test('Writable: writes queued behind a slow _write go to _writev together', async () => {
    const calls = [];
    const w = new Writable({
      write(chunk, enc, cb) {
        calls.push(['write', chunk.toString()]);
        setTimeout(cb, 1);
      },
      writev(chunks, cb) {
        calls.push(['writev', chunks.map((c) => c.chunk.toString()).join('')]);
        setTimeout(cb, 1);
      },
    });
    w.write('1');
    w.write('2');
    w.write('3');
    await new Promise((resolve) => w.end(resolve));
    assert.deepEqual(calls, [['write', '1'], ['writev', '23']]);
  });

  test("Writable: _final runs before 'finish'", async () => {
    const log = [];
    const w = new Writable({
      write(c, e, cb) {
        log.push('write');
        cb();
      },
      final(cb) {
        log.push('final');
        setTimeout(cb, 1);
      },
    });
    w.on('prefinish', () => log.push('prefinish'));
    w.on('finish', () => log.push('finish'));
    w.end('x');
    await new Promise((resolve) => w.on('close', resolve));
    assert.deepEqual(log, ['write', 'final', 'prefinish', 'finish']);
  });

  test('Writable: an error from _final destroys with that error', async () => {
    const w = new Writable({
      write(c, e, cb) {
        cb();
      },
      final(cb) {
        cb(new Error('final failed'));
      },
    });
    const log = events(w, ['error', 'finish', 'close']);
    w.end();
    await delay(2);
    assert.deepEqual(log, ['error:final failed', 'close']);
  });

  test('Writable: a write error reaches the callback and the error event', async () => {
    const w = new Writable({
      write(c, e, cb) {
        cb(new Error('disk full'));
      },
    });
    const log = events(w, ['error', 'close']);
    let cbErr;
    w.write('x', (err) => {
      cbErr = err;
    });
    await delay(2);
    assert.equal(cbErr && cbErr.message, 'disk full');
    assert.deepEqual(log, ['error:disk full', 'close']);
    assert.equal(w.writable, false);
  });

  test('Writable: write after end is ERR_STREAM_WRITE_AFTER_END', async () => {
    const w = sink();
    const errs = [];
    w.on('error', (e) => errs.push(e.code));
    w.end();
    let cbCode;
    assert.equal(w.write('late', (e) => {
      cbCode = e.code;
    }), false);
    await delay();
    assert.equal(cbCode, 'ERR_STREAM_WRITE_AFTER_END');
    assert.deepEqual(errs, ['ERR_STREAM_WRITE_AFTER_END']);
  });

  test('Writable: write after destroy is ERR_STREAM_DESTROYED; queued writes fail', async () => {
    const w = new Writable({
      write(c, e, cb) {
        setTimeout(cb, 2);
      },
    });
    const codes = [];
    w.on('error', () => {});
    w.write('1', () => codes.push('1 ok'));
    w.write('2', (e) => codes.push(`2 ${e && e.code}`));
    w.destroy();
    w.write('3', (e) => codes.push(`3 ${e && e.code}`));
    await delay(10);
    assert.ok(codes.includes('2 ERR_STREAM_DESTROYED'), JSON.stringify(codes));
    assert.ok(codes.includes('3 ERR_STREAM_DESTROYED'), JSON.stringify(codes));
  });

  test('Writable: calling the write callback twice is ERR_MULTIPLE_CALLBACK', async () => {
    const w = new Writable({
      write(c, e, cb) {
        cb();
        cb();
      },
    });
    let code;
    w.on('error', (e) => {
      code = e.code;
    });
    w.write('x');
    await delay(2);
    assert.equal(code, 'ERR_MULTIPLE_CALLBACK');
  });

  test('Writable: end(cb) after finish still calls back; double end() is harmless', async () => {
    const w = sink();
    w.end('a');
    await delay(2);
    let called = 0;
    w.end(() => called++);
    await delay();
    assert.equal(called, 1);
  });

  test('Writable: construct delays writes', async () => {
    const log = [];
    const w = new Writable({
      construct(cb) {
        setTimeout(() => {
          log.push('ready');
          cb();
        }, 1);
      },
      write(chunk, e, cb) {
        log.push(`write ${chunk}`);
        cb();
      },
    });
    w.write('x');
    w.end();
    await new Promise((resolve) => w.on('finish', resolve));
    assert.deepEqual(log, ['ready', 'write x']);
  });

  test('Writable: old-style subclass with Writable.call and prototype _write', async () => {
    function Collector() {
      Writable.call(this);
      this.data = '';
    }
    Object.setPrototypeOf(Collector.prototype, Writable.prototype);
    Object.setPrototypeOf(Collector, Writable);
    Collector.prototype._write = function (chunk, enc, cb) {
      this.data += chunk;
      cb();
    };
    const c = new Collector();
    c.write('1');
    c.end('2');
    await new Promise((resolve) => c.on('finish', resolve));
    assert.equal(c.data, '12');
    assert.ok(c instanceof Writable);
  });

  test('Writable.fromWeb: writes reach the WritableStream, end closes it', async () => {
    const got = [];
    let closed = false;
    const ws = new WritableStream({
      write(chunk) {
        got.push(B.from(chunk).toString());
      },
      close() {
        closed = true;
      },
    });
    const w = Writable.fromWeb(ws);
    w.write('a');
    w.write(B.from('b'));
    w.end();
    await new Promise((resolve) => w.on('finish', resolve));
    assert.deepEqual(got, ['a', 'b']);
    assert.ok(closed);
  });

  test('Writable.toWeb: a WritableStream feeding a node writable, with close', async () => {
    const w = sink({ highWaterMark: 2, slow: true });
    const ws = Writable.toWeb(w);
    const writer = ws.getWriter();
    await writer.write(new TextEncoder().encode('ab'));
    await writer.write(new TextEncoder().encode('cd'));
    await writer.close();
    assert.deepEqual(w.chunks, ['ab', 'cd']);
    assert.equal(w.writableFinished, true);
  });

  // ---------------------------------------------------------------- Duplex / Transform

  test('Duplex: independent sides; allowHalfOpen false ends the writable side', async () => {
    const written = [];
    const d = new Duplex({
      allowHalfOpen: false,
      read() {},
      write(c, e, cb) {
        written.push(c.toString());
        cb();
      },
    });
    const log = events(d, ['end', 'finish', 'close']);
    d.write('to-writable');
    d.resume();
    d.push('from-readable');
    d.push(null);
    await delay(5);
    assert.deepEqual(written, ['to-writable']);
    assert.ok(log.includes('end'));
    assert.ok(log.includes('finish'));
    assert.equal(log[log.length - 1], 'close');
    assert.equal(d.writableEnded, true);
  });

  test('Duplex: with allowHalfOpen (default) the writable side stays open', async () => {
    const d = new Duplex({
      read() {},
      write(c, e, cb) {
        cb();
      },
    });
    d.resume();
    d.push(null);
    await delay(2);
    assert.equal(d.readableEnded, true);
    assert.equal(d.writable, true);
    assert.equal(d.destroyed, false);
    d.end();
    await delay(2);
    assert.equal(d.destroyed, true);
  });

  test('Duplex: readableObjectMode / writableObjectMode are separate', () => {
    const d = new Duplex({ readableObjectMode: true, read() {}, write(c, e, cb) { cb(); } });
    assert.equal(d.readableObjectMode, true);
    assert.equal(d.writableObjectMode, false);
    assert.equal(d.readableHighWaterMark, 16);
    assert.equal(d.writableHighWaterMark, 16384);
  });

  test('Transform: callback style _transform and _flush', async () => {
    const t = new Transform({
      transform(chunk, enc, cb) {
        cb(null, chunk.toString().toUpperCase());
      },
      flush(cb) {
        this.push('!');
        cb(null, '?');
      },
    });
    const p = collect(t);
    t.write('ab');
    t.end('c');
    assert.equal(str(await p), 'ABC!?');
  });

  test("Transform: an error in _transform emits 'error' and destroys", async () => {
    const t = new Transform({
      transform(chunk, enc, cb) {
        cb(new Error('bad chunk'));
      },
    });
    const log = events(t, ['error', 'close']);
    t.write('x');
    await delay(2);
    assert.deepEqual(log, ['error:bad chunk', 'close']);
  });

  test('Transform: backpressure holds the transform callback until read', async () => {
    let transformed = 0;
    const t = new Transform({
      readableHighWaterMark: 2,
      writableHighWaterMark: 2,
      objectMode: true,
      transform(chunk, enc, cb) {
        transformed++;
        cb(null, chunk);
      },
    });
    for (let i = 0; i < 10; i++) t.write(i);
    await delay(2);
    assert.ok(transformed < 10, `transformed ${transformed}`);
    const out = [];
    t.on('data', (v) => out.push(v));
    t.end();
    await new Promise((resolve) => t.on('end', resolve));
    assert.equal(transformed, 10);
    assert.deepEqual(out, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  test('Transform: class subclass (zlib-like) with _flush', async () => {
    class Counter extends Transform {
      constructor() {
        super();
        this.bytes = 0;
      }
      _transform(chunk, enc, cb) {
        this.bytes += chunk.length;
        cb();
      }
      _flush(cb) {
        cb(null, String(this.bytes));
      }
    }
    const t = new Counter();
    const p = collect(t);
    t.write(B.alloc(1000));
    t.end(B.alloc(24));
    assert.equal(str(await p), '1024');
  });

  test('PassThrough: passes chunks through unchanged', async () => {
    const pt = new PassThrough();
    const p = collect(pt);
    pt.write('x');
    pt.end(B.from('y'));
    assert.equal(str(await p), 'xy');
  });

  test('Duplex.from: async generator function, readable, {readable, writable}', async () => {
    const upper = Duplex.from(async function* (source) {
      for await (const chunk of source) yield String(chunk).toUpperCase();
    });
    const p = collect(upper);
    upper.write('a');
    upper.end('b');
    assert.equal(str(await p), 'AB');
    const fromIterable = Duplex.from(['x', 'y']);
    assert.equal(str(await collect(fromIterable)), 'xy');
    const r = Readable.from(['q']);
    const w = sink({ objectMode: true });
    const pair = Duplex.from({ readable: r, writable: w });
    pair.end('to-w');
    assert.equal(str(await collect(pair)), 'q');
    await delay(2);
    assert.deepEqual(w.chunks, ['to-w']);
  });

  // ---------------------------------------------------------------- pipe

  test('pipe: moves data, ends the destination, returns it', async () => {
    const r = Readable.from(['a', 'b', 'c'], { objectMode: false });
    const w = sink();
    let piped;
    w.on('pipe', (src) => {
      piped = src;
    });
    assert.equal(r.pipe(w), w);
    assert.equal(piped, r);
    await new Promise((resolve) => w.on('finish', resolve));
    assert.equal(w.chunks.join(''), 'abc');
  });

  test('pipe: backpressure pauses the source until drain', async () => {
    let reads = 0;
    const r = new Readable({
      highWaterMark: 2,
      read() {
        reads++;
        this.push(reads <= 20 ? 'xx' : null);
      },
    });
    const w = sink({ highWaterMark: 2, slow: true });
    let maxLen = 0;
    const origWrite = w.write;
    w.write = function (...args) {
      maxLen = Math.max(maxLen, this.writableLength);
      return origWrite.apply(this, args);
    };
    r.pipe(w);
    await delay(3);
    assert.ok(reads < 10, `reads ${reads}`);
    assert.ok(maxLen <= 4, `maxLen ${maxLen}`);
    await new Promise((resolve) => w.on('finish', resolve));
    assert.equal(w.chunks.join('').length, 40);
  });

  test('pipe: one source into two destinations', async () => {
    const r = Readable.from(['1', '2'], { objectMode: false });
    const a = sink();
    const b = sink();
    r.pipe(a);
    r.pipe(b);
    await Promise.all([new Promise((resolve) => a.on('finish', resolve)), new Promise((resolve) => b.on('finish', resolve))]);
    assert.equal(a.chunks.join(''), '12');
    assert.equal(b.chunks.join(''), '12');
  });

  test('pipe: unpipe stops the flow and emits unpipe', async () => {
    const r = new Readable({ read() {} });
    const w = sink();
    let unpiped = 0;
    w.on('unpipe', () => unpiped++);
    r.pipe(w);
    r.push('a');
    await delay();
    r.unpipe(w);
    r.push('b');
    await delay();
    assert.deepEqual(w.chunks, ['a']);
    assert.equal(unpiped, 1);
    assert.equal(r.isPaused(), true);
    assert.equal(w.writableEnded, false);
  });

  test('pipe: { end: false } leaves the destination open', async () => {
    const r = Readable.from(['z'], { objectMode: false });
    const w = sink();
    r.pipe(w, { end: false });
    await new Promise((resolve) => r.on('end', resolve));
    await delay();
    assert.equal(w.writableEnded, false);
    assert.deepEqual(w.chunks, ['z']);
  });

  test('pipe: a destination error unpipes and is emitted', async () => {
    const r = new Readable({ read() {} });
    const w = new Writable({
      write(c, e, cb) {
        cb(new Error('dest broke'));
      },
    });
    let err;
    w.on('error', (e) => {
      err = e;
    });
    r.pipe(w);
    r.push('x');
    await delay(3);
    assert.equal(err && err.message, 'dest broke');
    assert.equal(r._readableState.pipes.length, 0);
  });

  // ---------------------------------------------------------------- finished / pipeline

  test("finished: calls back after 'end' (and close) of a readable", async () => {
    const r = Readable.from(['a']);
    let called = false;
    finished(r, (err) => {
      assert.equal(err, undefined);
      called = true;
    });
    r.resume();
    await delay(3);
    assert.ok(called);
  });

  test('finished: premature close', async () => {
    const r = new Readable({ read() {} });
    let code;
    finished(r, (err) => {
      code = err && err.code;
    });
    r.destroy();
    await delay(2);
    assert.equal(code, 'ERR_STREAM_PREMATURE_CLOSE');
  });

  test('finished: error, writable finish, and the returned cleanup', async () => {
    const w = sink();
    let got = 'none';
    finished(w, (err) => {
      got = err ? err.message : 'ok';
    });
    w.end('x');
    await delay(3);
    assert.equal(got, 'ok');
    const w2 = sink();
    w2.on('error', () => {});
    let got2;
    finished(w2, (err) => {
      got2 = err && err.message;
    });
    w2.destroy(new Error('w2 failed'));
    await delay(2);
    assert.equal(got2, 'w2 failed');
    const r = new Readable({ read() {} });
    let called = false;
    const cleanup = finished(r, () => {
      called = true;
    });
    cleanup();
    r.destroy();
    await delay(2);
    assert.equal(called, false);
  });

  test('finished: an already finished stream calls back', async () => {
    const r = Readable.from([]);
    r.resume();
    await delay(3);
    let called = false;
    finished(r, () => {
      called = true;
    });
    await delay(2);
    assert.ok(called);
  });

  test('pipeline: streams with a last-argument callback', async () => {
    const src = Readable.from(['a', 'b'], { objectMode: false });
    const up = new Transform({
      transform(c, e, cb) {
        cb(null, c.toString().toUpperCase());
      },
    });
    const dst = sink();
    const err = await new Promise((resolve) => {
      const ret = pipeline(src, up, dst, resolve);
      assert.equal(ret, dst);
    });
    assert.equal(err, undefined);
    assert.equal(dst.chunks.join(''), 'AB');
  });

  test('pipeline: an error in the middle destroys every stream and reaches the callback once', async () => {
    const src = new Readable({ read() {} });
    const bad = new Transform({
      transform(c, e, cb) {
        cb(new Error('transform exploded'));
      },
    });
    const dst = sink();
    let calls = 0;
    const err = await new Promise((resolve) => {
      pipeline(src, bad, dst, (e) => {
        calls++;
        resolve(e);
      });
      src.push('x');
    });
    await delay(3);
    assert.equal(err.message, 'transform exploded');
    assert.equal(calls, 1);
    assert.equal(src.destroyed, true);
    assert.equal(dst.destroyed, true);
  });

  test('pipeline: a source error and a premature close of the destination', async () => {
    const src = new Readable({ read() {} });
    const dst = sink();
    const p = new Promise((resolve) => pipeline(src, dst, resolve));
    src.destroy(new Error('source died'));
    const err = await p;
    assert.equal(err.message, 'source died');
    const src2 = new Readable({ read() {} });
    const dst2 = sink();
    const p2 = new Promise((resolve) => pipeline(src2, dst2, resolve));
    dst2.destroy();
    const err2 = await p2;
    assert.equal(err2.code, 'ERR_STREAM_PREMATURE_CLOSE');
  });

  test('pipeline: async generator transforms, an iterable source, and an async function sink', async () => {
    const value = await new Promise((resolve, reject) => {
      pipeline(
        ['a', 'b', 'c'],
        async function* (source) {
          for await (const chunk of source) yield chunk.toUpperCase();
        },
        async function (source) {
          let s = '';
          for await (const chunk of source) s += chunk;
          return s;
        },
        (err, val) => (err ? reject(err) : resolve(val)),
      );
    });
    assert.equal(value, 'ABC');
  });

  test('pipeline: a generator function source into a writable', async () => {
    const dst = sink({ objectMode: true });
    await new Promise((resolve, reject) => pipeline(async function* () {
      yield 1;
      yield 2;
    }, dst, (err) => (err ? reject(err) : resolve())));
    assert.deepEqual(dst.chunks, [1, 2]);
  });

  test('pipeline: a throwing generator transform fails the pipeline', async () => {
    const dst = sink();
    const err = await new Promise((resolve) => pipeline(
      Readable.from(['x']),
      async function* (source) {
        for await (const c of source) {
          void c;
          throw new Error('gen transform failed');
        }
      },
      dst,
      resolve,
    ));
    assert.equal(err && err.message, 'gen transform failed');
  });

  test('pipeline: missing callback is ERR_INVALID_ARG_TYPE', () => {
    let code;
    try {
      pipeline(Readable.from([]), sink());
    } catch (e) {
      code = e.code;
    }
    assert.equal(code, 'ERR_INVALID_ARG_TYPE');
  });

  test('stream/promises: pipeline and finished', async () => {
    const dst = sink();
    await streamPromises.pipeline(Readable.from(['p', 'q'], { objectMode: false }), new PassThrough(), dst);
    assert.equal(dst.chunks.join(''), 'pq');
    const r = Readable.from(['x']);
    r.resume();
    await streamPromises.finished(r);
    const bad = new Readable({ read() {} });
    setTimeout(() => bad.destroy(new Error('promised failure')), 1);
    await assert.rejects(streamPromises.finished(bad), /promised failure/);
    await assert.rejects(streamPromises.pipeline(Readable.from(['x']), new Transform({
      transform(c, e, cb) {
        cb(new Error('in promise pipeline'));
      },
    }), sink()), /in promise pipeline/);
  });

  test('stream/promises: pipeline with an AbortSignal', async () => {
    const ac = new AbortController();
    const src = new Readable({ read() {} });
    const p = streamPromises.pipeline(src, sink(), { signal: ac.signal });
    ac.abort();
    const err = await rejection(p);
    assert.equal(err.name, 'AbortError');
    await delay();
    assert.equal(src.destroyed, true);
  });

  test('addAbortSignal destroys the stream with an AbortError', async () => {
    const ac = new AbortController();
    const r = stream.addAbortSignal(ac.signal, new Readable({ read() {} }));
    let err;
    r.on('error', (e) => {
      err = e;
    });
    ac.abort();
    await delay();
    assert.equal(err && err.name, 'AbortError');
    assert.equal(err.code, 'ABORT_ERR');
    const ac2 = new AbortController();
    const r2 = new Readable({ read() {}, signal: ac2.signal });
    r2.on('error', () => {});
    ac2.abort();
    assert.equal(r2.destroyed, true);
  });

  test('isReadable / isErrored / isDisturbed', async () => {
    const r = new Readable({ read() {} });
    assert.equal(stream.isReadable(r), true);
    assert.equal(stream.isDisturbed(r), false);
    r.push('x');
    r.read();
    assert.equal(stream.isDisturbed(r), true);
    r.on('error', () => {});
    r.destroy(new Error('e'));
    await delay();
    assert.equal(stream.isReadable(r), false);
    assert.equal(stream.isErrored(r), true);
  });

  test('compose: transforms chained into one duplex', async () => {
    const c = stream.compose(
      new Transform({ transform(ch, e, cb) { cb(null, ch.toString() + '1'); } }),
      new Transform({ transform(ch, e, cb) { cb(null, ch.toString() + '2'); } }),
    );
    const p = collect(c);
    c.end('x');
    assert.equal(str(await p), 'x12');
  });

  // ---------------------------------------------------------------- legacy Stream

  test('Stream: legacy base with util.inherits-style subclass and legacy pipe (combined-stream shape)', async () => {
    function Combined() {
      stream.Stream.call(this);
      this.readable = true;
      this.writable = false;
    }
    Object.setPrototypeOf(Combined.prototype, stream.Stream.prototype);
    Combined.prototype.pipe = function (dest, options) {
      stream.Stream.prototype.pipe.call(this, dest, options);
      this.resume();
      return dest;
    };
    Combined.prototype.resume = function () {
      if (this.started) return;
      this.started = true;
      setTimeout(() => {
        this.emit('data', B.from('part1,'));
        this.emit('data', B.from('part2'));
        this.emit('end');
      }, 0);
    };
    Combined.prototype.pause = function () {};
    const c = new Combined();
    assert.ok(c instanceof EventEmitter);
    const w = sink();
    assert.equal(c.pipe(w), w);
    await new Promise((resolve) => w.on('finish', resolve));
    assert.equal(w.chunks.join(''), 'part1,part2');
  });

  test('Stream: a legacy source in pipeline and for finished', async () => {
    const legacy = new stream.Stream();
    legacy.readable = true;
    legacy.pause = () => {};
    legacy.resume = () => {};
    const w = sink();
    const done = new Promise((resolve) => pipeline(legacy, w, resolve));
    setTimeout(() => {
      legacy.emit('data', B.from('old'));
      legacy.emit('end');
    }, 0);
    const err = await done;
    assert.equal(err, undefined);
    assert.equal(w.chunks.join(''), 'old');
  });

  // ---------------------------------------------------------------- consumers

  test('stream/consumers: text, json, buffer, arrayBuffer from node and web streams', async () => {
    assert.equal(await consumers.text(Readable.from(['a', 'b'])), 'ab');
    const euro = B.from('€');
    assert.equal(await consumers.text(Readable.from([euro.subarray(0, 2), euro.subarray(2)])), '€');
    assert.deepEqual(await consumers.json(Readable.from(['{"a":', '[1]}'])), { a: [1] });
    const buf = await consumers.buffer(Readable.from([B.from([1, 2]), B.from([3])]));
    assert.ok(B.isBuffer(buf));
    assert.deepEqual(Array.from(buf), [1, 2, 3]);
    const ab = await consumers.arrayBuffer(Readable.from([B.from([9, 8])]));
    assert.equal(ab.byteLength, 2);
    assert.deepEqual(Array.from(new Uint8Array(ab)), [9, 8]);
    const web = new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode('web '));
        c.enqueue(new TextEncoder().encode('text'));
        c.close();
      },
    });
    assert.equal(await consumers.text(web), 'web text');
    if (typeof Blob === 'function') {
      const blob = await consumers.blob(Readable.from(['blob']));
      assert.equal(blob.size, 4);
      assert.equal(await blob.text(), 'blob');
    }
  });

  // ---------------------------------------------------------------- more semantics

  test("Readable: without a consumer 'end' is not emitted", async () => {
    const r = new Readable({ read() {} });
    let ended = false;
    r.on('end', () => {
      ended = true;
    });
    r.push('x');
    r.push(null);
    await delay(2);
    assert.equal(ended, false);
    r.resume();
    await delay(2);
    assert.equal(ended, true);
  });

  test('Readable: autoDestroy: false keeps the stream alive after end', async () => {
    const r = new Readable({ autoDestroy: false, read() {} });
    const log = events(r, ['end', 'close']);
    r.resume();
    r.push(null);
    await delay(2);
    assert.deepEqual(log, ['end']);
    assert.equal(r.destroyed, false);
  });

  test("Readable: with 'readable' listeners, resume() does not start flowing", async () => {
    const r = new Readable({ read() {} });
    r.on('readable', () => {});
    r.resume();
    assert.equal(r.readableFlowing, false);
    r.push('a');
    await delay();
    assert.equal(r.readableLength, 1);
  });

  test('Readable: removing the last readable listener lets data listeners flow', async () => {
    const r = new Readable({ read() {} });
    const onReadable = () => {};
    r.on('readable', onReadable);
    const got = [];
    r.on('data', (c) => got.push(String(c)));
    r.push('a');
    await delay();
    assert.deepEqual(got, []);
    r.removeListener('readable', onReadable);
    await delay(2);
    assert.deepEqual(got, ['a']);
  });

  test("Writable: 'finish' waits for every pending write callback", async () => {
    const log = [];
    const w = new Writable({
      write(chunk, e, cb) {
        setTimeout(() => {
          log.push(`done ${chunk}`);
          cb();
        }, 2);
      },
    });
    w.on('finish', () => log.push('finish'));
    w.write('1');
    w.write('2');
    w.end();
    await new Promise((resolve) => w.on('close', resolve));
    assert.deepEqual(log, ['done 1', 'done 2', 'finish']);
  });

  test('Writable: autoDestroy: false and emitClose: false', async () => {
    const w = new Writable({
      autoDestroy: false,
      emitClose: false,
      write(c, e, cb) {
        cb(new Error('kept alive'));
      },
    });
    const log = events(w, ['error', 'close', 'finish']);
    w.write('x');
    await delay(2);
    assert.deepEqual(log, ['error:kept alive']);
    assert.equal(w.destroyed, false);
    w.destroy();
    await delay(2);
    assert.deepEqual(log, ['error:kept alive']);
  });

  test("Writable: destroy(err) emits 'error' then 'close'; pending end callback gets the error", async () => {
    const w = new Writable({
      write(c, e, cb) {
        setTimeout(cb, 5);
      },
    });
    const log = events(w, ['error', 'close', 'finish']);
    w.write('x');
    let endErr;
    w.end((err) => {
      endErr = err;
    });
    w.destroy(new Error('gone'));
    await delay(10);
    assert.deepEqual(log, ['error:gone', 'close']);
    assert.equal(endErr && endErr.message, 'gone');
    assert.equal(w.writable, false);
    assert.equal(w.writableAborted, true);
  });

  test('Writable: setDefaultEncoding and unknown encodings', () => {
    const seen = [];
    const w = new Writable({
      decodeStrings: false,
      write(c, e, cb) {
        seen.push(e);
        cb();
      },
    });
    w.setDefaultEncoding('hex');
    w.write('ff');
    assert.deepEqual(seen, ['hex']);
    let code;
    try {
      w.write('x', 'no-such-encoding');
    } catch (e) {
      code = e.code;
    }
    assert.equal(code, 'ERR_UNKNOWN_ENCODING');
  });

  test('Transform: async _flush and objectMode output', async () => {
    const t = new Transform({
      objectMode: true,
      transform(chunk, e, cb) {
        setTimeout(() => cb(null, { n: chunk.n * 10 }), 1);
      },
      flush(cb) {
        setTimeout(() => cb(null, { n: 'end' }), 1);
      },
    });
    const p = collect(t);
    t.write({ n: 1 });
    t.write({ n: 2 });
    t.end();
    assert.deepEqual(await p, [{ n: 10 }, { n: 20 }, { n: 'end' }]);
  });

  test("Transform: 'end' (flush pushes EOF in _final), then 'finish', then 'close'", async () => {
    const t = new PassThrough();
    const log = events(t, ['finish', 'end', 'close']);
    t.resume();
    t.end('x');
    await delay(5);
    assert.deepEqual(log, ['end', 'finish', 'close']);
  });

  test('Transform: old-style subclass with Transform.call', async () => {
    function Upper(opts) {
      Transform.call(this, opts);
    }
    Object.setPrototypeOf(Upper.prototype, Transform.prototype);
    Object.setPrototypeOf(Upper, Transform);
    Upper.prototype._transform = function (chunk, enc, cb) {
      this.push(String(chunk).toUpperCase());
      cb();
    };
    const u = new Upper();
    const p = collect(u);
    u.end('shout');
    assert.equal(str(await p), 'SHOUT');
  });

  test('pipe: source ends → finish, unpipe and close on the destination in order', async () => {
    const r = Readable.from(['a'], { objectMode: false });
    const w = sink();
    const log = events(w, ['unpipe', 'finish', 'close']);
    r.pipe(w);
    await delay(5);
    assert.deepEqual(log, ['finish', 'unpipe', 'close']);
  });

  test('pipeline: streams given as one array', async () => {
    const dst = sink();
    await new Promise((resolve, reject) => pipeline([Readable.from(['arr'], { objectMode: false }), new PassThrough(), dst], (err) => (err ? reject(err) : resolve())));
    assert.deepEqual(dst.chunks, ['arr']);
  });

  test('Duplex.from: an error in the generator destroys the duplex', async () => {
    const d = Duplex.from(async function* (source) {
      for await (const c of source) {
        void c;
        throw new Error('duplex gen failed');
      }
    });
    const err = await new Promise((resolve) => {
      d.on('error', resolve);
      d.resume();
      d.write('x');
    });
    assert.equal(err.message, 'duplex gen failed');
  });

  test('EventEmitter captureRejections on a stream destroys it', async () => {
    const r = new Readable({ read() {}, captureRejections: true });
    let err;
    r.on('error', (e) => {
      err = e;
    });
    r.on('custom', async () => {
      throw new Error('async handler');
    });
    r.emit('custom');
    await delay(2);
    assert.equal(err && err.message, 'async handler');
    assert.equal(r.destroyed, true);
  });

  test('Writable: a write completed synchronously does not count against the mark (Node 20)', () => {
    const w = new Writable({ highWaterMark: 1, write(c, e, cb) { cb(); } });
    assert.equal(w.write('abcd'), true);
    assert.equal(w.writableNeedDrain, false);
    const slow = new Writable({ highWaterMark: 1, write(c, e, cb) { setTimeout(cb, 1); } });
    assert.equal(slow.write('abcd'), false);
    assert.equal(slow.writableNeedDrain, true);
  });

  test('Writable: end(cb) on an errored stream calls back with the error', async () => {
    const w = new Writable({ autoDestroy: false, write(c, e, cb) { cb(new Error('write broke')); } });
    w.on('error', () => {});
    w.write('x');
    await delay();
    let got;
    w.end((err) => {
      got = err;
    });
    await delay();
    assert.equal(got && got.message, 'write broke');
  });

  test('Transform: writes after the readable side ended complete asynchronously (backpressure)', async () => {
    let loops = 5;
    const src = new Readable({
      read() {
        if (loops--) this.push(B.alloc(20000));
      },
    });
    const dst = new Transform({
      transform(chunk, enc, cb) {
        this.push(null);
        cb();
      },
    });
    src.pipe(dst);
    dst.on('data', () => {});
    // (Checked when 'end' is emitted: the source may move on afterwards.)
    const [left, paused] = await new Promise((resolve) => dst.on('end', () => resolve([loops, src.isPaused()])));
    assert.equal(left, 3);
    assert.ok(paused);
  });

  test('pipeline: the callback comes after the destination closed', async () => {
    const log = [];
    const dst = new Writable({ write(c, e, cb) { setTimeout(cb, 0); } });
    dst.on('finish', () => log.push('finish'));
    dst.on('close', () => log.push('close'));
    await new Promise((resolve) => pipeline(Readable.from(['a', 'b'], { objectMode: false }), dst, () => {
      log.push('callback');
      resolve();
    }));
    assert.deepEqual(log, ['finish', 'close', 'callback']);
  });

  test('pipeline: a readable last stream gets its error listeners back after success', async () => {
    const a = new PassThrough();
    a.end('x');
    const b = new Duplex({ write(c, e, cb) { cb(); }, read() {} });
    await new Promise((resolve) => pipeline(a, b, resolve));
    assert.equal(b.listenerCount('error'), 0);
  });

  // ---------------------------------------------------------------- bigger flows

  test('flow: a socket-like Duplex echo with backpressure on both sides', async () => {
    // A pair of duplexes connected back to back, as net.Socket subclasses would be.
    function makePair() {
      const a = new Duplex({
        read() {},
        write(chunk, enc, cb) {
          setTimeout(() => {
            b.push(chunk);
            cb();
          }, 0);
        },
        final(cb) {
          b.push(null);
          cb();
        },
      });
      const b = new Duplex({
        read() {},
        write(chunk, enc, cb) {
          a.push(chunk);
          cb();
        },
        final(cb) {
          a.push(null);
          cb();
        },
      });
      return [a, b];
    }
    const [client, server] = makePair();
    server.on('data', (c) => server.write(c.toString().toUpperCase()));
    server.on('end', () => server.end());
    const replies = collect(client);
    for (let i = 0; i < 50; i++) client.write(`m${i};`);
    client.end();
    const text = str(await replies);
    assert.equal(text.length, 50 * 3 + 40);
    assert.ok(text.startsWith('M0;M1;'));
  });

  test('flow: a large byte stream through pipeline of PassThroughs keeps every byte', async () => {
    const total = 256 * 1024;
    let produced = 0;
    const src = new Readable({
      read(size) {
        if (produced >= total) {
          this.push(null);
          return;
        }
        const n = Math.min(size, total - produced, 7000);
        const chunk = B.alloc(n);
        for (let i = 0; i < n; i++) chunk[i] = (produced + i) & 0xff;
        produced += n;
        this.push(chunk);
      },
    });
    let received = 0;
    let ok = true;
    const dst = new Writable({
      write(chunk, enc, cb) {
        for (let i = 0; i < chunk.length; i++) if (chunk[i] !== ((received + i) & 0xff)) ok = false;
        received += chunk.length;
        cb();
      },
    });
    await streamPromises.pipeline(src, new PassThrough(), new PassThrough({ highWaterMark: 1024 }), dst);
    assert.equal(received, total);
    assert.ok(ok);
  });

  test('flow: Readable.from into a Writable.toWeb into a Readable.fromWeb via a TransformStream', async () => {
    const ts = new TransformStream();
    const out = Readable.fromWeb(ts.readable);
    const collected = collect(out);
    const w = Writable.fromWeb(ts.writable);
    await streamPromises.pipeline(Readable.from(['x', 'y', 'z'], { objectMode: false }), w);
    assert.equal(str(await collected), 'xyz');
  });
})();
