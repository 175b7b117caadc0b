// TransformStream, TextEncoderStream, TextDecoderStream, ReadableStream.from / async iteration.
(() => {
  const enc = (s) => new TextEncoder().encode(s);
  const delay = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));

  async function collect(readable) {
    const reader = readable.getReader();
    const out = [];
    while (true) {
      const { value, done } = await reader.read();
      if (done) return out;
      out.push(value);
    }
  }

  function streamOf(chunks) {
    return new ReadableStream({
      start(controller) {
        for (const c of chunks) controller.enqueue(c);
        controller.close();
      },
    });
  }

  function bytesOf(chunks) {
    const total = chunks.reduce((n, c) => n + c.length, 0);
    const out = new Uint8Array(total);
    let offset = 0;
    for (const c of chunks) {
      out.set(c, offset);
      offset += c.length;
    }
    return Array.from(out);
  }

  // ---------------------------------------------------------------- TransformStream

  test('TransformStream: shape', () => {
    for (const name of ['TransformStream', 'TransformStreamDefaultController', 'TextEncoderStream', 'TextDecoderStream']) {
      void globalThis[name]; // lazily loaded parts become data properties on first use (03_lazy.js)
      const d = Object.getOwnPropertyDescriptor(globalThis, name);
      assert.ok(d, name);
      assert.equal(d.enumerable, false, name);
      assert.equal(d.writable, true, name);
    }
    assert.equal(TransformStream.length, 0);
    assert.equal(TextDecoderStream.length, 0);
    const ts = new TransformStream();
    assert.equal(Object.prototype.toString.call(ts), '[object TransformStream]');
    assert.ok(ts.readable instanceof ReadableStream);
    assert.ok(ts.writable instanceof WritableStream);
    assert.throws(() => new TransformStreamDefaultController(), TypeError);
    assert.throws(() => TransformStream(), TypeError);
    assert.throws(() => Object.getOwnPropertyDescriptor(TransformStream.prototype, 'readable').get.call({}), TypeError);
  });

  test('TransformStream: controller shape', () => {
    let controller;
    new TransformStream({
      start(c) {
        controller = c;
      },
    });
    assert.ok(controller instanceof TransformStreamDefaultController);
    assert.equal(Object.prototype.toString.call(controller), '[object TransformStreamDefaultController]');
    assert.equal(controller.desiredSize, 0, 'readable HWM defaults to 0');
    assert.throws(() => TransformStreamDefaultController.prototype.enqueue.call({}, 1), TypeError);
  });

  test('TransformStream: identity transform passes chunks through', async () => {
    const ts = new TransformStream();
    const writer = ts.writable.getWriter();
    const reading = collect(ts.readable);
    await writer.write('a');
    await writer.write(2);
    const obj = { x: 1 };
    await writer.write(obj);
    await writer.close();
    const out = await reading;
    assert.deepEqual(out.slice(0, 2), ['a', 2]);
    assert.equal(out[2], obj, 'chunks are not copied');
  });

  test('TransformStream: uppercase transform through pipeThrough', async () => {
    const upper = new TransformStream({
      transform(chunk, controller) {
        controller.enqueue(String(chunk).toUpperCase());
      },
    });
    const out = await collect(streamOf(['hello', ' ', 'world']).pipeThrough(upper));
    assert.deepEqual(out, ['HELLO', ' ', 'WORLD']);
  });

  test('TransformStream: async transform, several enqueues per chunk, and this === transformer', async () => {
    const transformer = {
      async transform(chunk, controller) {
        assert.equal(this, transformer);
        await delay(1);
        for (const ch of chunk) controller.enqueue(ch);
      },
    };
    const out = await collect(streamOf(['ab', 'c']).pipeThrough(new TransformStream(transformer)));
    assert.deepEqual(out, ['a', 'b', 'c']);
  });

  test('TransformStream: start and flush can enqueue', async () => {
    const ts = new TransformStream({
      start(controller) {
        controller.enqueue('start');
      },
      transform(chunk, controller) {
        controller.enqueue(chunk * 2);
      },
      flush(controller) {
        controller.enqueue('end');
      },
    });
    const out = await collect(streamOf([1, 2]).pipeThrough(ts));
    assert.deepEqual(out, ['start', 2, 4, 'end']);
  });

  test('TransformStream: async start delays transforms', async () => {
    const log = [];
    const ts = new TransformStream({
      async start() {
        await delay(5);
        log.push('started');
      },
      transform(chunk, controller) {
        log.push(`t:${chunk}`);
        controller.enqueue(chunk);
      },
    });
    const out = await collect(streamOf([1]).pipeThrough(ts));
    assert.deepEqual(out, [1]);
    assert.deepEqual(log, ['started', 't:1']);
  });

  test('TransformStream: backpressure holds writes until the readable side is read', async () => {
    const transformed = [];
    const ts = new TransformStream({
      transform(chunk, controller) {
        transformed.push(chunk);
        controller.enqueue(chunk);
      },
    });
    const writer = ts.writable.getWriter();
    const reader = ts.readable.getReader();
    await delay();
    assert.equal(writer.desiredSize, 1, 'writable HWM defaults to 1');
    let written = false;
    const w1 = writer.write('a').then(() => {
      written = true;
    });
    await delay(5);
    assert.equal(written, false, 'the first write waits for a read (readable HWM 0)');
    assert.deepEqual(transformed, []);
    assert.equal(writer.desiredSize, 0);
    const r1 = await reader.read();
    assert.deepEqual(r1, { value: 'a', done: false });
    await w1;
    assert.ok(written);
    assert.deepEqual(transformed, ['a']);
    // The next write is held again until the next read.
    let second = false;
    const w2 = writer.write('b').then(() => {
      second = true;
    });
    await delay(5);
    assert.equal(second, false);
    assert.deepEqual(await reader.read(), { value: 'b', done: false });
    await w2;
    const closing = writer.close();
    assert.deepEqual(await reader.read(), { value: undefined, done: true });
    await closing;
  });

  test('TransformStream: readable highWaterMark lets transforms run ahead', async () => {
    const ts = new TransformStream({}, undefined, { highWaterMark: 3 });
    const writer = ts.writable.getWriter();
    await writer.write(1);
    await writer.write(2);
    await writer.write(3);
    let fourth = false;
    writer.write(4).then(() => {
      fourth = true;
    });
    await delay(5);
    assert.equal(fourth, false, 'the queue is full: the 4th write waits');
    const reader = ts.readable.getReader();
    assert.deepEqual(await reader.read(), { value: 1, done: false });
    await delay(5);
    assert.equal(fourth, true);
  });

  test('TransformStream: strategies with size functions', async () => {
    let controller;
    const ts = new TransformStream(
      {
        start(c) {
          controller = c;
        },
      },
      { highWaterMark: 10, size: (chunk) => chunk.length },
      { highWaterMark: 6, size: (chunk) => chunk.length },
    );
    const writer = ts.writable.getWriter();
    assert.equal(writer.desiredSize, 10);
    assert.equal(controller.desiredSize, 6);
    await writer.write('abcd');
    assert.equal(controller.desiredSize, 2);
    const reader = ts.readable.getReader();
    assert.deepEqual(await reader.read(), { value: 'abcd', done: false });
    assert.equal(controller.desiredSize, 6);
  });

  test('TransformStream: constructor argument validation', () => {
    assert.throws(() => new TransformStream({ readableType: 'bytes' }), RangeError);
    assert.throws(() => new TransformStream({ writableType: 'bytes' }), RangeError);
    assert.throws(() => new TransformStream({ transform: 5 }), TypeError);
    assert.throws(() => new TransformStream({ flush: 'x' }), TypeError);
    assert.throws(() => new TransformStream({}, { highWaterMark: -1 }), RangeError);
    assert.throws(() => new TransformStream({}, {}, { highWaterMark: NaN }), RangeError);
    assert.throws(() => new TransformStream({}, { size: 1 }), TypeError);
    assert.throws(() => new TransformStream(5), TypeError);
    assert.throws(
      () =>
        new TransformStream({
          start() {
            throw new SyntaxError('from start');
          },
        }),
      SyntaxError,
    );
    // Node 20 refuses a null transformer (WebIDL `object`); null strategies are allowed.
    new TransformStream(undefined, null, null);
  });

  test('TransformStream: a throwing transform errors both sides', async () => {
    const boom = new Error('boom');
    const ts = new TransformStream({
      transform() {
        throw boom;
      },
    });
    const writer = ts.writable.getWriter();
    const reader = ts.readable.getReader();
    const read = reader.read();
    const e1 = await assert.rejects(writer.write('x'));
    const e2 = await assert.rejects(read);
    const e3 = await assert.rejects(writer.closed);
    const e4 = await assert.rejects(reader.closed);
    for (const e of [e1, e2, e3, e4]) assert.ok(e === undefined || e === boom);
    let caught;
    try {
      await reader.closed;
    } catch (e) {
      caught = e;
    }
    assert.equal(caught, boom);
  });

  test('TransformStream: a rejecting async transform errors the stream with that reason', async () => {
    const ts = new TransformStream({
      async transform() {
        throw new RangeError('async boom');
      },
    });
    const piped = streamOf(['a']).pipeThrough(ts);
    await assert.rejects(() => collect(piped), RangeError);
  });

  test('TransformStream: controller.error() errors both sides', async () => {
    const reason = new Error('stop');
    const ts = new TransformStream({
      start(controller) {
        controller.error(reason);
      },
    });
    let readErr;
    try {
      await ts.readable.getReader().read();
    } catch (e) {
      readErr = e;
    }
    assert.equal(readErr, reason);
    let writeErr;
    try {
      await ts.writable.getWriter().write('x');
    } catch (e) {
      writeErr = e;
    }
    assert.equal(writeErr, reason);
  });

  test('TransformStream: a rejecting start errors both sides', async () => {
    const reason = new Error('start failed');
    const ts = new TransformStream({
      start() {
        return Promise.reject(reason);
      },
    });
    let readErr;
    try {
      await ts.readable.getReader().read();
    } catch (e) {
      readErr = e;
    }
    assert.equal(readErr, reason);
    let closedErr;
    try {
      await ts.writable.getWriter().closed;
    } catch (e) {
      closedErr = e;
    }
    assert.equal(closedErr, reason);
  });

  test('TransformStream: terminate() closes the readable and errors the writable', async () => {
    let controller;
    const ts = new TransformStream({
      start(c) {
        controller = c;
      },
    });
    const reader = ts.readable.getReader();
    const writer = ts.writable.getWriter();
    controller.enqueue('last');
    controller.terminate();
    assert.throws(() => controller.enqueue('more'), TypeError);
    assert.deepEqual(await reader.read(), { value: 'last', done: false });
    assert.deepEqual(await reader.read(), { value: undefined, done: true });
    await assert.rejects(writer.write('x'), TypeError);
    await assert.rejects(writer.closed, /terminated/);
  });

  test('TransformStream: terminate() inside transform ends a pipe early', async () => {
    const ts = new TransformStream({
      transform(chunk, controller) {
        if (chunk === 'stop') controller.terminate();
        else controller.enqueue(chunk);
      },
    });
    let pulls = 0;
    const source = new ReadableStream({
      pull(controller) {
        pulls++;
        controller.enqueue(pulls === 3 ? 'stop' : `c${pulls}`);
      },
    });
    const out = await collect(source.pipeThrough(ts));
    assert.deepEqual(out, ['c1', 'c2']);
  });

  test('TransformStream: flush errors reject close and error the readable', async () => {
    const ts = new TransformStream({
      flush() {
        throw new TypeError('flush failed');
      },
    });
    const writer = ts.writable.getWriter();
    const reader = ts.readable.getReader();
    const read = reader.read();
    await assert.rejects(writer.close(), /flush failed/);
    await assert.rejects(read, /flush failed/);
  });

  test('TransformStream: cancelling the readable calls transformer.cancel and errors the writable', async () => {
    const log = [];
    const ts = new TransformStream({
      cancel(reason) {
        log.push(['cancel', reason]);
      },
      flush() {
        log.push(['flush']);
      },
    });
    const writer = ts.writable.getWriter();
    await ts.readable.cancel('because');
    assert.deepEqual(log, [['cancel', 'because']]);
    let err;
    try {
      await writer.write('x');
    } catch (e) {
      err = e;
    }
    assert.equal(err, 'because');
  });

  test('TransformStream: a pending write is released when the readable is cancelled', async () => {
    const ts = new TransformStream();
    const writer = ts.writable.getWriter();
    const pending = writer.write('held by backpressure');
    await delay(1);
    await ts.readable.cancel('gone');
    let err;
    try {
      await pending;
    } catch (e) {
      err = e;
    }
    assert.equal(err, 'gone');
  });

  test('TransformStream: aborting the writable calls transformer.cancel and errors the readable', async () => {
    const log = [];
    const ts = new TransformStream({
      cancel(reason) {
        log.push(reason);
      },
    });
    const reader = ts.readable.getReader();
    await ts.writable.abort('aborted!');
    assert.deepEqual(log, ['aborted!']);
    let err;
    try {
      await reader.read();
    } catch (e) {
      err = e;
    }
    assert.equal(err, 'aborted!');
  });

  test('TransformStream: a rejecting transformer.cancel rejects the cancel', async () => {
    const ts = new TransformStream({
      cancel() {
        throw new Error('cancel failed');
      },
    });
    await assert.rejects(ts.readable.cancel('x'), /cancel failed/);
  });

  test('TransformStream: enqueue in transform after the readable is cancelled throws', async () => {
    let controller;
    const ts = new TransformStream({
      start(c) {
        controller = c;
      },
    });
    await ts.readable.cancel();
    assert.throws(() => controller.enqueue('x'), TypeError);
    assert.equal(controller.desiredSize, 0);
  });

  test('TransformStream: chained pipeThrough and pipeTo', async () => {
    const double = new TransformStream({
      transform(chunk, c) {
        c.enqueue(chunk * 2);
      },
    });
    const inc = new TransformStream({
      transform(chunk, c) {
        c.enqueue(chunk + 1);
      },
    });
    const seen = [];
    await streamOf([1, 2, 3])
      .pipeThrough(double)
      .pipeThrough(inc)
      .pipeTo(
        new WritableStream({
          write(chunk) {
            seen.push(chunk);
          },
        }),
      );
    assert.deepEqual(seen, [3, 5, 7]);
  });

  test('TransformStream: many chunks flow through with backpressure', async () => {
    let n = 0;
    const source = new ReadableStream({
      pull(c) {
        if (n === 1000) c.close();
        else c.enqueue(n++);
      },
    });
    const ts = new TransformStream({
      transform(chunk, c) {
        if (chunk % 2 === 0) c.enqueue(chunk);
      },
    });
    let sum = 0;
    let count = 0;
    for await (const v of source.pipeThrough(ts)) {
      sum += v;
      count++;
    }
    assert.equal(count, 500);
    assert.equal(sum, 249500);
  });

  // ---------------------------------------------------------------- TextEncoderStream

  test('TextEncoderStream: encodes strings, carries surrogate pairs across chunks', async () => {
    const s = new TextEncoderStream();
    assert.equal(s.encoding, 'utf-8');
    assert.equal(Object.prototype.toString.call(s), '[object TextEncoderStream]');
    const out = await collect(streamOf(['a', '€', '\ud83d', '\ude00', '', 'b']).pipeThrough(s));
    for (const chunk of out) assert.ok(chunk instanceof Uint8Array);
    assert.deepEqual(bytesOf(out), [0x61, 0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80, 0x62]);
  });

  test('TextEncoderStream: lone surrogates become U+FFFD, including one left at the end', async () => {
    const out = await collect(streamOf(['\ude00x', 'y\ud800', 'z', '\ud83d']).pipeThrough(new TextEncoderStream()));
    assert.deepEqual(bytesOf(out), [0xef, 0xbf, 0xbd, 0x78, 0x79, 0xef, 0xbf, 0xbd, 0x7a, 0xef, 0xbf, 0xbd]);
  });

  test('TextEncoderStream: non-string chunks are stringified', async () => {
    const out = await collect(streamOf([1, null, { toString: () => 'o' }]).pipeThrough(new TextEncoderStream()));
    assert.equal(new TextDecoder().decode(new Uint8Array(bytesOf(out))), '1nullo');
  });

  test('TextEncoderStream: brand checks', () => {
    const get = (name) => Object.getOwnPropertyDescriptor(TextEncoderStream.prototype, name).get;
    assert.throws(() => get('readable').call({}), TypeError);
    assert.throws(() => get('encoding').call(new TextDecoderStream()), TypeError);
  });

  // ---------------------------------------------------------------- TextDecoderStream

  const sample = 'aé€😀ž\u0800\uffff';

  test('TextDecoderStream: multi-byte characters split at every byte boundary', async () => {
    const bytes = enc(sample);
    const oneByOne = [];
    for (let i = 0; i < bytes.length; i++) oneByOne.push(bytes.slice(i, i + 1));
    const out = await collect(streamOf(oneByOne).pipeThrough(new TextDecoderStream()));
    assert.equal(out.join(''), sample);
    for (const chunk of out) assert.equal(typeof chunk, 'string');
    for (let split = 0; split <= bytes.length; split++) {
      const parts = [bytes.slice(0, split), bytes.slice(split)];
      const text = (await collect(streamOf(parts).pipeThrough(new TextDecoderStream()))).join('');
      assert.equal(text, sample, `split at ${split}`);
    }
  });

  test('TextDecoderStream: accepts ArrayBuffer, DataView and typed array chunks', async () => {
    const b = enc('xyz');
    const chunks = [b.buffer.slice(0, 1), new DataView(b.buffer, 1, 1), new Uint16Array([0x41 | (0x42 << 8)])];
    const out = await collect(streamOf(chunks).pipeThrough(new TextDecoderStream()));
    assert.equal(out.join(''), 'xyAB');
  });

  test('TextDecoderStream: the BOM is stripped only at the start, even when split', async () => {
    const chunks = [new Uint8Array([0xef]), new Uint8Array([0xbb]), new Uint8Array([0xbf, 0x41, 0xef, 0xbb, 0xbf, 0x42])];
    const out = await collect(streamOf(chunks).pipeThrough(new TextDecoderStream()));
    assert.equal(out.join(''), 'A\ufeffB');
    const kept = await collect(streamOf([new Uint8Array([0xef, 0xbb, 0xbf, 0x41])]).pipeThrough(new TextDecoderStream('utf-8', { ignoreBOM: true })));
    assert.equal(kept.join(''), '\ufeffA');
  });

  test('TextDecoderStream: invalid bytes become U+FFFD; a truncated tail gives one U+FFFD', async () => {
    const out = await collect(
      streamOf([new Uint8Array([0x61, 0xff, 0xe2]), new Uint8Array([0x28, 0x62, 0xf0, 0x9f, 0x98])]).pipeThrough(new TextDecoderStream()),
    );
    assert.equal(out.join(''), 'a\ufffd\ufffd(b\ufffd');
  });

  test('TextDecoderStream: fatal errors the stream with a TypeError', async () => {
    const d = new TextDecoderStream('utf-8', { fatal: true });
    assert.equal(d.fatal, true);
    assert.equal(d.ignoreBOM, false);
    await assert.rejects(() => collect(streamOf([new Uint8Array([0x61, 0xff])]).pipeThrough(d)), TypeError);
    const truncated = new TextDecoderStream('utf-8', { fatal: true });
    await assert.rejects(() => collect(streamOf([new Uint8Array([0x61, 0xe2, 0x82])]).pipeThrough(truncated)), TypeError);
    // Split but complete sequences are fine in fatal mode.
    const ok = new TextDecoderStream('utf-8', { fatal: true });
    const out = await collect(streamOf([new Uint8Array([0xe2, 0x82]), new Uint8Array([0xac])]).pipeThrough(ok));
    assert.equal(out.join(''), '€');
  });

  test('TextDecoderStream: non-buffer chunks error the stream', async () => {
    await assert.rejects(() => collect(streamOf(['not bytes']).pipeThrough(new TextDecoderStream())), TypeError);
  });

  // Detaches `buffer` with whatever the engine offers; false if it cannot.
  function detach(buffer) {
    if (typeof buffer.transfer === 'function') {
      buffer.transfer();
      return true;
    }
    if (typeof structuredClone === 'function') {
      structuredClone(buffer, { transfer: [buffer] });
      return true;
    }
    return false;
  }

  test('TextDecoderStream: bad chunk types error both sides with TypeError', async () => {
    for (const bad of [undefined, null, 3.14, {}, [65], 'str']) {
      const tds = new TextDecoderStream();
      const reader = tds.readable.getReader();
      const writer = tds.writable.getWriter();
      const write = writer.write(bad);
      const read = reader.read();
      await assert.rejects(write, TypeError, String(bad));
      await assert.rejects(read, TypeError, String(bad));
    }
  });

  test('TextDecoderStream: empty and detached chunks produce no output', async () => {
    const empty = new Uint8Array(0);
    const buffer = new ArrayBuffer(3);
    const view = new Uint8Array(buffer, 1, 1);
    const chunks = [empty, enc('a'), empty];
    if (detach(buffer)) chunks.push(view, buffer);
    const out = await collect(streamOf(chunks).pipeThrough(new TextDecoderStream()));
    assert.deepEqual(out, ['a']);
  });

  test('TextEncoderStream: a chunk whose toString throws errors both sides with that error', async () => {
    const error1 = new Error('error1');
    const tes = new TextEncoderStream();
    const writer = tes.writable.getWriter();
    const reader = tes.readable.getReader();
    const write = writer.write({
      toString() {
        throw error1;
      },
    });
    const read = reader.read();
    for (const p of [write, read, writer.closed, reader.closed]) {
      let caught;
      try {
        await p;
      } catch (e) {
        caught = e;
      }
      assert.equal(caught, error1);
    }
  });

  test('TextEncoderStream: odd inputs are stringified like String()', async () => {
    for (const [value, expected] of [[undefined, 'undefined'], [null, 'null'], [3.14, '3.14'], [{}, '[object Object]'], [['hi'], 'hi']]) {
      const out = await collect(streamOf([value]).pipeThrough(new TextEncoderStream()).pipeThrough(new TextDecoderStream()));
      assert.deepEqual(out, [expected]);
    }
  });

  test('TextDecoderStream: label handling', () => {
    assert.equal(new TextDecoderStream().encoding, 'utf-8');
    assert.equal(new TextDecoderStream('UTF8').encoding, 'utf-8');
    assert.equal(new TextDecoderStream(' utf-16le ').encoding, 'utf-16le');
    assert.throws(() => new TextDecoderStream('no-such-encoding'), RangeError);
    assert.equal(Object.prototype.toString.call(new TextDecoderStream()), '[object TextDecoderStream]');
  });

  test('TextDecoderStream: UTF-16LE with code units and surrogate pairs split across chunks', async () => {
    const units = [0xfeff, 0x61, 0xd83d, 0xde00, 0x20ac];
    const bytes = [];
    for (const u of units) bytes.push(u & 0xff, u >> 8);
    const chunks = bytes.map((b) => new Uint8Array([b]));
    const out = await collect(streamOf(chunks).pipeThrough(new TextDecoderStream('utf-16le')));
    assert.equal(out.join(''), 'a😀€');
  });

  test('TextEncoderStream -> TextDecoderStream round trip with tiny chunks', async () => {
    const text = 'Příliš žluťoučký kůň 🐎 úpěl ďábelské ódy — ∑ 𝄞';
    const pieces = [];
    for (let i = 0; i < text.length; i += 3) pieces.push(text.slice(i, i + 3)); // splits surrogate pairs too
    const rechunk = new TransformStream({
      transform(chunk, c) {
        for (let i = 0; i < chunk.length; i += 2) c.enqueue(chunk.slice(i, i + 2));
      },
    });
    const out = await collect(
      streamOf(pieces).pipeThrough(new TextEncoderStream()).pipeThrough(rechunk).pipeThrough(new TextDecoderStream()),
    );
    assert.equal(out.join(''), text);
  });

  // ---------------------------------------------------------------- ReadableStream extras

  test('ReadableStream.from: arrays, generators and async generators', async () => {
    assert.equal(typeof ReadableStream.from, 'function');
    assert.deepEqual(await collect(ReadableStream.from([1, 2, 3])), [1, 2, 3]);
    function* gen() {
      yield 'a';
      yield Promise.resolve('b');
    }
    assert.deepEqual(await collect(ReadableStream.from(gen())), ['a', 'b']);
    async function* agen() {
      yield 'x';
      await delay(1);
      yield 'y';
    }
    assert.deepEqual(await collect(ReadableStream.from(agen())), ['x', 'y']);
    assert.throws(() => ReadableStream.from(5), TypeError);
  });

  test('ReadableStream.from: cancel calls the iterator return()', async () => {
    let returned = false;
    async function* agen() {
      try {
        yield 1;
        yield 2;
      } finally {
        returned = true;
      }
    }
    const s = ReadableStream.from(agen());
    const reader = s.getReader();
    assert.deepEqual(await reader.read(), { value: 1, done: false });
    await reader.cancel('stop');
    assert.ok(returned);
  });

  test('ReadableStream: async iteration, values() and early exit', async () => {
    const seen = [];
    for await (const v of streamOf([1, 2, 3])) seen.push(v);
    assert.deepEqual(seen, [1, 2, 3]);
    let cancelled;
    const s = new ReadableStream({
      pull(c) {
        c.enqueue('x');
      },
      cancel(reason) {
        cancelled = true;
      },
    });
    for await (const v of s) {
      assert.equal(v, 'x');
      break;
    }
    assert.ok(cancelled, 'breaking out cancels the stream');
    assert.equal(s.locked, false);
    const kept = new ReadableStream({
      pull(c) {
        c.enqueue('y');
      },
    });
    for await (const v of kept.values({ preventCancel: true })) {
      assert.equal(v, 'y');
      break;
    }
    assert.equal(kept.locked, false);
    assert.deepEqual(await kept.getReader().read(), { value: 'y', done: false });
  });

  test('ReadableStream: async iteration surfaces errors', async () => {
    const s = new ReadableStream({
      start(c) {
        c.enqueue(1);
        c.error(new Error('broken'));
      },
    });
    await assert.rejects(async () => {
      for await (const v of s) void v;
    }, /broken/);
  });
})();

// TextDecoder streaming (our wrapper over llrt's decoder).
(() => {
  test('TextDecoder: { stream: true } keeps a split UTF-8 sequence for the next chunk', () => {
    const bytes = new TextEncoder().encode('héllo €uro 😀!');
    for (let cut = 0; cut <= bytes.length; cut++) {
      const d = new TextDecoder();
      const text = d.decode(bytes.subarray(0, cut), { stream: true }) + d.decode(bytes.subarray(cut), { stream: true }) + d.decode();
      assert.equal(text, 'héllo €uro 😀!', `cut at ${cut}`);
    }
    assert.equal(new TextDecoder().decode(), '');
    assert.equal(new TextDecoder().encoding, 'utf-8');
  });

  test('ReadableStream: a byte source reaches a default reader', async () => {
    const rs = new ReadableStream({
      type: 'bytes',
      pull(controller) {
        controller.enqueue(new Uint8Array([1, 2]));
        controller.close();
      },
    }, { highWaterMark: 0 });
    assert.ok(rs instanceof ReadableStream);
    const reader = rs.getReader();
    const { value } = await reader.read();
    assert.deepEqual(Array.from(value), [1, 2]);
    assert.ok((await reader.read()).done);
  });
})();
