// node:zlib (56_node_zlib.js) and the CompressionStream/DecompressionStream globals
// (07_compression_globals.js), through internal.builtin.
(() => {
  const internal = globalThis[Symbol.for('ferroute.internal')];
  const zlib = internal.builtin('zlib');
  const { Transform, Readable, pipeline } = internal.builtin('stream');
  const util = internal.builtin('util');
  const B = globalThis.Buffer;
  const { constants } = zlib;

  const hex = (s) => B.from(s, 'hex');
  const TEXT = 'The quick brown fox jumps over the lazy dog. '.repeat(20);
  // Made by Node 20.20.2 (zlib.*Sync('hello'), gzip at level 9, brotli at its defaults).
  const NODE = {
    gzip: hex('1f8b0800000000000003cb48cdc9c9070086a6103605000000'),
    deflate: hex('789ccb48cdc9c90700062c0215'),
    deflateRaw: hex('cb48cdc9c90700'),
    brotli: hex('0b028068656c6c6f03'),
    gzipLong: hex('1f8b08000000000002030bc94855282ccd4cce56482aca2fcf5348cbaf50c82acd2d2856c82f4b2d5228c94855c849acaa5448c94fd7530819553caa785431b5150300e64a66b084030000'),
    brotliLong: hex('1b8303882c0e78d3d0955d9710bb172ba9cad092cc8cad415ce6f236c8199e9e0a7b830d387048206f24be41a715ce1c1e27aa2938c289b84f8301'),
  };
  const PAIRS = [
    ['deflate', 'inflate', 'Deflate', 'Inflate'],
    ['deflateRaw', 'inflateRaw', 'DeflateRaw', 'InflateRaw'],
    ['gzip', 'gunzip', 'Gzip', 'Gunzip'],
    ['deflate', 'unzip', 'Deflate', 'Unzip'],
    ['gzip', 'unzip', 'Gzip', 'Unzip'],
    ['brotliCompress', 'brotliDecompress', 'BrotliCompress', 'BrotliDecompress'],
  ];

  function collect(s) {
    return new Promise((resolve, reject) => {
      const out = [];
      s.on('data', (c) => out.push(c));
      s.on('end', () => resolve(B.concat(out)));
      s.on('error', reject);
    });
  }
  async function rejection(p) {
    try {
      await p;
    } catch (e) {
      return e;
    }
    throw new Error('expected a rejection');
  }
  const callback = (fn, ...args) => new Promise((resolve) => fn(...args, (err, res) => resolve([err, res])));

  // ---------------------------------------------------------------- shape and constants

  test('zlib: module shape', () => {
    for (const n of ['Deflate', 'Inflate', 'DeflateRaw', 'InflateRaw', 'Gzip', 'Gunzip', 'Unzip', 'BrotliCompress', 'BrotliDecompress']) {
      assert.equal(typeof zlib[n], 'function', n);
      assert.equal(typeof zlib[`create${n}`], 'function', `create${n}`);
      const s = zlib[`create${n}`]();
      assert.ok(s instanceof zlib[n], n);
      assert.ok(s instanceof Transform, `${n} is a Transform`);
      assert.ok(zlib[n]() instanceof zlib[n], `${n}() without new`);
      s.destroy();
    }
    for (const f of ['deflate', 'inflate', 'deflateRaw', 'inflateRaw', 'gzip', 'gunzip', 'unzip', 'brotliCompress', 'brotliDecompress']) {
      assert.equal(typeof zlib[f], 'function', f);
      assert.equal(typeof zlib[`${f}Sync`], 'function', `${f}Sync`);
    }
    assert.equal(typeof zlib.crc32, 'function');
  });

  test('zlib: constants, legacy names and codes', () => {
    const c = constants;
    assert.equal(c.Z_NO_FLUSH, 0);
    assert.equal(c.Z_SYNC_FLUSH, 2);
    assert.equal(c.Z_FULL_FLUSH, 3);
    assert.equal(c.Z_FINISH, 4);
    assert.equal(c.Z_OK, 0);
    assert.equal(c.Z_DATA_ERROR, -3);
    assert.equal(c.Z_BUF_ERROR, -5);
    assert.equal(c.Z_BEST_COMPRESSION, 9);
    assert.equal(c.Z_DEFAULT_COMPRESSION, -1);
    assert.equal(c.Z_DEFAULT_CHUNK, 16384);
    assert.equal(c.Z_MAX_CHUNK, Infinity);
    assert.equal(c.BROTLI_PARAM_QUALITY, 1);
    assert.equal(c.BROTLI_PARAM_LGWIN, 2);
    assert.equal(c.BROTLI_OPERATION_PROCESS, 0);
    assert.equal(c.BROTLI_OPERATION_FLUSH, 1);
    assert.equal(c.BROTLI_OPERATION_FINISH, 2);
    assert.equal(c.BROTLI_OPERATION_EMIT_METADATA, 3);
    assert.equal(c.BROTLI_DECODER_ERROR_FORMAT_PADDING_1, -14);
    assert.equal(c.BROTLI_DECODER_ERROR_UNREACHABLE, -31);
    assert.equal(Object.keys(c).length, 107);
    assert.ok(Object.isFrozen(c));
    assert.equal(zlib.Z_NO_FLUSH, 0);
    assert.equal(zlib.Z_SYNC_FLUSH, 2);
    assert.equal(zlib.Z_BEST_SPEED, 1);
    assert.equal(zlib.BROTLI_OPERATION_FLUSH, undefined);
    assert.ok(!Object.keys(zlib).includes('Z_NO_FLUSH'), 'legacy names are not enumerable');
    assert.equal(zlib.codes.Z_DATA_ERROR, -3);
    assert.equal(zlib.codes[-3], 'Z_DATA_ERROR');
  });

  // ---------------------------------------------------------------- known vectors from Node

  test('zlib: decodes what Node made', () => {
    assert.equal(zlib.gunzipSync(NODE.gzip).toString(), 'hello');
    assert.equal(zlib.unzipSync(NODE.gzip).toString(), 'hello');
    assert.equal(zlib.inflateSync(NODE.deflate).toString(), 'hello');
    assert.equal(zlib.unzipSync(NODE.deflate).toString(), 'hello');
    assert.equal(zlib.inflateRawSync(NODE.deflateRaw).toString(), 'hello');
    assert.equal(zlib.brotliDecompressSync(NODE.brotli).toString(), 'hello');
    assert.equal(zlib.gunzipSync(NODE.gzipLong).toString(), TEXT);
    assert.equal(zlib.brotliDecompressSync(NODE.brotliLong).toString(), TEXT);
  });

  test('zlib: our output has the formats\' headers', () => {
    const gz = zlib.gzipSync('hello');
    assert.deepEqual([...gz.subarray(0, 3)], [0x1f, 0x8b, 8]);
    // gzip's trailer: CRC-32 and length of the input, little-endian.
    assert.equal(gz.readUInt32LE(gz.length - 8), 907060870);
    assert.equal(gz.readUInt32LE(gz.length - 4), 5);
    const df = zlib.deflateSync('hello');
    assert.equal(df[0], 0x78);
    assert.equal(((df[0] << 8) | df[1]) % 31, 0);
    assert.ok(B.isBuffer(gz) && B.isBuffer(df));
  });

  // ---------------------------------------------------------------- sync API

  test('zlib: sync roundtrips for every format', () => {
    for (const [c, d] of PAIRS) {
      const packed = zlib[`${c}Sync`](TEXT);
      assert.ok(B.isBuffer(packed), c);
      assert.ok(packed.length < TEXT.length, `${c} compresses`);
      const back = zlib[`${d}Sync`](packed);
      assert.ok(B.isBuffer(back), d);
      assert.equal(back.toString(), TEXT, `${c} → ${d}`);
    }
  });

  test('zlib: inputs of every kind', () => {
    const bytes = new TextEncoder().encode('bytes!');
    const inputs = [
      'bytes!', B.from('bytes!'), bytes, bytes.buffer, new DataView(bytes.buffer),
      new Uint16Array(bytes.buffer.slice(0, 6)),
    ];
    for (const input of inputs) {
      assert.equal(zlib.gunzipSync(zlib.gzipSync(input)).toString(), 'bytes!', Object.prototype.toString.call(input));
    }
    // A view into the middle of a larger buffer.
    const big = B.from('xxbytes!yy');
    assert.equal(zlib.inflateSync(zlib.deflateSync(big.subarray(2, 8))).toString(), 'bytes!');
    assert.equal(zlib.inflateSync(new Uint8Array(zlib.deflateSync('ab')).buffer).toString(), 'ab');
    assert.throws(() => zlib.gzipSync(123), (e) => e.code === 'ERR_INVALID_ARG_TYPE' && e instanceof TypeError);
    assert.throws(() => zlib.gzipSync({}), (e) => e.code === 'ERR_INVALID_ARG_TYPE');
  });

  test('zlib: empty input', () => {
    assert.equal(zlib.gunzipSync(zlib.gzipSync('')).length, 0);
    assert.equal(zlib.inflateSync(zlib.deflateSync(B.alloc(0))).length, 0);
    assert.equal(zlib.brotliDecompressSync(zlib.brotliCompressSync('')).length, 0);
    assert.throws(() => zlib.inflateSync(B.alloc(0)), (e) => e.code === 'Z_BUF_ERROR' && e.errno === -5);
    assert.throws(() => zlib.gunzipSync(B.alloc(0)), (e) => e.code === 'Z_BUF_ERROR');
  });

  test('zlib: levels and brotli params', () => {
    const data = B.from(TEXT + Array.from({ length: 200 }, (_, i) => String(i * 7919 % 1000)).join(','));
    const fast = zlib.deflateSync(data, { level: 1 });
    const best = zlib.deflateSync(data, { level: constants.Z_BEST_COMPRESSION });
    const none = zlib.deflateSync(data, { level: 0 });
    assert.ok(none.length > data.length, 'level 0 stores');
    assert.ok(best.length <= fast.length, 'level 9 is no bigger than level 1');
    for (const b of [fast, best, none]) assert.equal(zlib.inflateSync(b).toString(), data.toString());
    const q0 = zlib.brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 0 } });
    const q11 = zlib.brotliCompressSync(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_LGWIN]: 18 } });
    assert.ok(q11.length <= q0.length);
    assert.equal(zlib.brotliDecompressSync(q0).toString(), data.toString());
    assert.equal(zlib.brotliDecompressSync(q11).toString(), data.toString());
    // Accepted and (for this engine) without effect on correctness.
    const opts = { windowBits: 15, memLevel: 9, strategy: constants.Z_FILTERED, chunkSize: 1024 };
    assert.equal(zlib.gunzipSync(zlib.gzipSync(data, opts), { chunkSize: 64 }).toString(), data.toString());
  });

  test('zlib: option validation', () => {
    const range = (e) => e instanceof RangeError && e.code === 'ERR_OUT_OF_RANGE';
    assert.throws(() => new zlib.Gzip({ level: 12 }), range);
    assert.throws(() => zlib.deflateSync('x', { level: -2 }), range);
    assert.throws(() => new zlib.Deflate({ chunkSize: 10 }), range);
    assert.throws(() => new zlib.Deflate({ flush: 10 }), range);
    assert.throws(() => new zlib.Deflate({ windowBits: 20 }), range);
    assert.throws(() => new zlib.Deflate({ memLevel: 0 }), range);
    assert.throws(() => new zlib.Deflate({ strategy: 9 }), range);
    assert.throws(() => new zlib.Gzip({ level: '3' }), (e) => e instanceof TypeError && e.code === 'ERR_INVALID_ARG_TYPE');
    assert.throws(() => new zlib.BrotliCompress({ params: { 99: 1 } }), (e) => e instanceof RangeError && e.code === 'ERR_BROTLI_INVALID_PARAM');
    assert.throws(() => new zlib.BrotliCompress({ params: { 1: 'x' } }), (e) => e.code === 'ERR_INVALID_ARG_TYPE');
    // windowBits 0 lets an inflater read the window size from the stream.
    assert.equal(zlib.inflateSync(NODE.deflate, { windowBits: 0 }).toString(), 'hello');
    // NaN and undefined mean the default.
    assert.equal(zlib.inflateSync(zlib.deflateSync('ok', { level: NaN })).toString(), 'ok');
  });

  test('zlib: maxOutputLength and info', () => {
    const packed = zlib.deflateSync(B.alloc(1000));
    assert.throws(() => zlib.inflateSync(packed, { maxOutputLength: 100 }),
      (e) => e instanceof RangeError && e.code === 'ERR_BUFFER_TOO_LARGE' && /larger than 100 bytes/.test(e.message));
    assert.equal(zlib.inflateSync(packed, { maxOutputLength: 1000 }).length, 1000);
    const r = zlib.gzipSync('abc', { info: true });
    assert.ok(B.isBuffer(r.buffer));
    assert.ok(r.engine instanceof zlib.Gzip);
    assert.equal(zlib.gunzipSync(r.buffer).toString(), 'abc');
  });

  test('zlib: finishFlush Z_SYNC_FLUSH reads a truncated stream', () => {
    const cut = zlib.deflateSync('hello world').subarray(0, 8);
    assert.throws(() => zlib.inflateSync(cut), (e) => e.code === 'Z_BUF_ERROR' && e.message === 'unexpected end of file');
    const partial = zlib.inflateSync(cut, { finishFlush: constants.Z_SYNC_FLUSH }).toString();
    assert.ok('hello world'.startsWith(partial) && partial.length > 0, partial);
  });

  // ---------------------------------------------------------------- errors

  test('zlib: data after the end of the stream', () => {
    const junk = B.from('junk after the end');
    assert.equal(zlib.inflateSync(B.concat([NODE.deflate, junk])).toString(), 'hello');
    assert.equal(zlib.inflateRawSync(B.concat([NODE.deflateRaw, junk])).toString(), 'hello');
    assert.equal(zlib.unzipSync(B.concat([NODE.deflate, junk])).toString(), 'hello');
    assert.throws(() => zlib.gunzipSync(B.concat([NODE.gzip, junk])), (e) => e.code === 'Z_DATA_ERROR');
  });

  test('zlib: errors for garbage and truncated input', () => {
    const garbage = B.from('this is not compressed data at all');
    const check = (fn, code, errno, message) => {
      let err;
      try {
        fn();
      } catch (e) {
        err = e;
      }
      assert.ok(err instanceof Error, `${fn} threw`);
      assert.equal(err.code, code, String(fn));
      assert.equal(err.errno, errno, String(fn));
      if (message) assert.equal(err.message, message);
    };
    check(() => zlib.gunzipSync(garbage), 'Z_DATA_ERROR', -3, 'incorrect header check');
    check(() => zlib.inflateSync(garbage), 'Z_DATA_ERROR', -3, 'incorrect header check');
    check(() => zlib.unzipSync(garbage), 'Z_DATA_ERROR', -3, 'incorrect header check');
    check(() => zlib.inflateRawSync(B.from([0xff, 0xff, 0xff])), 'Z_DATA_ERROR', -3);
    check(() => zlib.gunzipSync(NODE.gzip.subarray(0, 12)), 'Z_BUF_ERROR', -5, 'unexpected end of file');
    check(() => zlib.inflateSync(NODE.deflate.subarray(0, 5)), 'Z_BUF_ERROR', -5, 'unexpected end of file');
    check(() => zlib.brotliDecompressSync(NODE.brotliLong.subarray(0, 20)), 'Z_BUF_ERROR', -5, 'unexpected end of file');
    assert.throws(() => zlib.brotliDecompressSync(garbage), (e) => e instanceof Error && typeof e.code === 'string');
  });

  test('zlib: callback errors and argument errors', async () => {
    const [err, res] = await callback(zlib.gunzip, B.from('not gzip'));
    assert.ok(err instanceof Error);
    assert.equal(err.code, 'Z_DATA_ERROR');
    assert.equal(err.errno, -3);
    assert.equal(res, undefined);
    assert.throws(() => zlib.gzip('x'), (e) => e.code === 'ERR_INVALID_ARG_TYPE' && /"callback"/.test(e.message));
    assert.throws(() => zlib.gzip('x', { level: 99 }, () => {}), (e) => e.code === 'ERR_OUT_OF_RANGE');
  });

  test('zlib: stream errors are emitted, then close', async () => {
    const g = zlib.createGunzip();
    const log = [];
    const done = new Promise((resolve) => g.on('close', resolve));
    g.on('error', (e) => log.push(`error:${e.code}:${e.errno}:${e.message}`));
    g.end(B.from('not gzip at all'));
    await done;
    assert.deepEqual(log, ['error:Z_DATA_ERROR:-3:incorrect header check']);
    assert.ok(g.destroyed);
    assert.ok(g._closed);

    const e2 = await rejection(collect(zlib.createInflate().end(NODE.deflate.subarray(0, 6))));
    assert.equal(e2.code, 'Z_BUF_ERROR');
    const e3 = await rejection(collect(zlib.createGunzip().end()));
    assert.equal(e3.code, 'Z_BUF_ERROR');
  });

  // ---------------------------------------------------------------- callback / promisify

  test('zlib: callback API for every format', async () => {
    for (const [c, d] of PAIRS) {
      const [e1, packed] = await callback(zlib[c], TEXT);
      assert.equal(e1, null, c);
      assert.ok(B.isBuffer(packed));
      const [e2, back] = await callback(zlib[d], packed, {});
      assert.equal(e2, null, d);
      assert.equal(back.toString(), TEXT);
    }
  });

  test('zlib: the callback runs asynchronously', async () => {
    let sync = true;
    const p = new Promise((resolve) => zlib.deflate('x', () => resolve(sync)));
    sync = false;
    assert.equal(await p, false);
  });

  test('zlib: util.promisify', async () => {
    const gzip = util.promisify(zlib.gzip);
    const gunzip = util.promisify(zlib.gunzip);
    const br = util.promisify(zlib.brotliCompress);
    const unbr = util.promisify(zlib.brotliDecompress);
    assert.equal((await gunzip(await gzip('promised'))).toString(), 'promised');
    assert.equal((await unbr(await br('promised', { params: { [constants.BROTLI_PARAM_QUALITY]: 5 } }))).toString(), 'promised');
    const e = await rejection(gunzip(B.from('nope')));
    assert.equal(e.code, 'Z_DATA_ERROR');
  });

  // ---------------------------------------------------------------- streams

  test('zlib: streaming roundtrips in small chunks', async () => {
    const data = B.from(TEXT + TEXT.split('').reverse().join(''));
    for (const [, , C, D] of PAIRS) {
      const comp = new zlib[C]();
      const packedP = collect(comp);
      for (let i = 0; i < data.length; i += 7) comp.write(data.subarray(i, i + 7));
      comp.end();
      const packed = await packedP;
      assert.equal(comp.bytesWritten, data.length, `${C}.bytesWritten`);
      const dec = new zlib[D]();
      const outP = collect(dec);
      for (let i = 0; i < packed.length; i += 3) dec.write(packed.subarray(i, i + 3));
      dec.end();
      const out = await outP;
      assert.equal(out.toString(), data.toString(), `${C} → ${D}`);
      assert.equal(dec.bytesWritten, packed.length);
    }
  });

  test('zlib: pipeline and chunkSize', async () => {
    const big = B.alloc(100000);
    for (let i = 0; i < big.length; i++) big[i] = (i * 31 + (i >> 7)) & 0xff;
    const packed = zlib.gzipSync(big);
    const sizes = [];
    const out = [];
    await new Promise((resolve, reject) => {
      const gunzip = zlib.createGunzip({ chunkSize: 4096 });
      gunzip.on('data', (c) => {
        sizes.push(c.length);
        out.push(c);
      });
      pipeline(Readable.from([packed.subarray(0, 100), packed.subarray(100)]), gunzip, (err) => (err ? reject(err) : resolve()));
    });
    const got = B.concat(out);
    assert.equal(got.length, big.length);
    assert.ok(got.every((b, i) => b === big[i]), 'same bytes');
    assert.ok(sizes.every((s) => s <= 4096), 'no chunk above chunkSize');
  });

  test('zlib: strings written to a stream', async () => {
    const d = zlib.createDeflate();
    const p = collect(d);
    d.write('héllo ');
    d.end('wörld', 'utf8');
    assert.equal(zlib.inflateSync(await p).toString(), 'héllo wörld');
  });

  test('zlib: flush() emits what was written so far', async () => {
    for (const [C, D] of [['Deflate', 'Inflate'], ['Gzip', 'Gunzip'], ['DeflateRaw', 'InflateRaw'], ['BrotliCompress', 'BrotliDecompress']]) {
      const comp = new zlib[C]();
      const chunks = [];
      comp.on('data', (c) => chunks.push(c));
      comp.write('first part ');
      await new Promise((resolve) => comp.flush(resolve));
      const soFar = B.concat(chunks);
      assert.ok(soFar.length > 0, `${C} produced output on flush`);
      // What was flushed decodes without the end of the stream.
      const dec = new zlib[D]({ finishFlush: C.startsWith('Brotli') ? constants.BROTLI_OPERATION_FLUSH : constants.Z_SYNC_FLUSH });
      const partial = collect(dec);
      dec.end(soFar);
      assert.equal((await partial).toString(), 'first part ', C);
      const ended = new Promise((resolve) => comp.on('end', resolve));
      comp.end('second');
      await ended;
      assert.equal(zlib[`${D[0].toLowerCase()}${D.slice(1)}Sync`](B.concat(chunks)).toString(), 'first part second');
    }
    // With a kind, and after the end.
    const d = zlib.createDeflate();
    d.resume();
    await new Promise((resolve) => d.flush(constants.Z_SYNC_FLUSH, resolve));
    d.end();
    await new Promise((resolve) => d.on('end', resolve));
    await new Promise((resolve) => d.flush(resolve));
  });

  test('zlib: close(), reset(), params()', async () => {
    const d = zlib.createDeflate();
    let closed = false;
    d.on('close', () => { closed = true; });
    await new Promise((resolve) => d.close(() => resolve()));
    assert.ok(closed);
    assert.ok(d._closed);
    assert.throws(() => d.reset());

    const g = zlib.createGzip();
    const chunks = [];
    g.on('data', (c) => chunks.push(c));
    g.write('discarded');
    await new Promise((resolve) => setTimeout(resolve, 1));
    chunks.length = 0;
    g.reset();
    const ended = new Promise((resolve) => g.on('end', resolve));
    g.end('kept');
    await ended;
    assert.equal(zlib.gunzipSync(B.concat(chunks)).toString(), 'kept');

    const p = zlib.createDeflate({ level: 1 });
    assert.equal(p._level, 1);
    const out = collect(p);
    p.write('before ');
    await new Promise((resolve) => p.params(9, constants.Z_DEFAULT_STRATEGY, resolve));
    assert.equal(p._level, 9);
    p.end('after');
    assert.equal(zlib.inflateSync(await out).toString(), 'before after');
    assert.throws(() => p.params(30, 0, () => {}), (e) => e.code === 'ERR_OUT_OF_RANGE');
  });

  test('zlib: bytesRead is bytesWritten', () => {
    const g = zlib.createGzip();
    assert.equal(g.bytesWritten, 0);
    assert.equal(g.bytesRead, 0);
    g.destroy();
  });

  // ---------------------------------------------------------------- crc32

  test('zlib: crc32', () => {
    assert.equal(zlib.crc32('hello'), 907060870);
    assert.equal(zlib.crc32(B.from('hello')), 907060870);
    assert.equal(zlib.crc32(TEXT), 2959493862);
    assert.equal(zlib.crc32('world', zlib.crc32('hello ')), zlib.crc32('hello world'));
    assert.equal(zlib.crc32('world', zlib.crc32('hello ')), 222957957);
    assert.equal(zlib.crc32('abc', 2959493862), 906792578);
    assert.equal(zlib.crc32(''), 0);
    assert.equal(zlib.crc32('', 5), 5);
    assert.throws(() => zlib.crc32(5), (e) => e.code === 'ERR_INVALID_ARG_TYPE');
    assert.throws(() => zlib.crc32('x', 'y'), (e) => e.code === 'ERR_INVALID_ARG_TYPE');
  });

  // ---------------------------------------------------------------- web streams

  async function webRoundtrip(format, data, chunk = 5) {
    const cs = new CompressionStream(format);
    const ds = new DecompressionStream(format);
    const w = cs.writable.getWriter();
    const writing = (async () => {
      for (let i = 0; i < data.length; i += chunk) await w.write(data.subarray(i, i + chunk));
      await w.close();
    })();
    const out = await new Response(cs.readable.pipeThrough(ds)).arrayBuffer();
    await writing;
    return new Uint8Array(out);
  }

  test('CompressionStream / DecompressionStream: globals', () => {
    const d = Object.getOwnPropertyDescriptor(globalThis, 'CompressionStream');
    assert.ok(d && !d.enumerable);
    assert.equal(typeof CompressionStream, 'function');
    assert.equal(typeof DecompressionStream, 'function');
    const after = Object.getOwnPropertyDescriptor(globalThis, 'CompressionStream');
    assert.equal(typeof after.value, 'function', 'a data property after first use');
    assert.ok(!after.enumerable);
    assert.ok(!Object.keys(globalThis).includes('DecompressionStream'));
    const cs = new CompressionStream('gzip');
    assert.ok(cs.readable instanceof ReadableStream);
    assert.ok(cs.writable instanceof WritableStream);
    assert.equal(Object.prototype.toString.call(cs), '[object CompressionStream]');
    assert.throws(() => new CompressionStream('zip'), TypeError);
    assert.throws(() => new DecompressionStream('brotli'), TypeError);
    assert.throws(() => new CompressionStream(), TypeError);
  });

  test('CompressionStream / DecompressionStream: roundtrips', async () => {
    const data = new TextEncoder().encode(TEXT);
    for (const format of ['gzip', 'deflate', 'deflate-raw']) {
      const out = await webRoundtrip(format, data);
      assert.equal(new TextDecoder().decode(out), TEXT, format);
    }
    // Interoperates with node:zlib both ways.
    const packed = new Uint8Array(await new Response(new Blob([TEXT]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer());
    assert.equal(zlib.gunzipSync(packed).toString(), TEXT);
    const back = await new Response(new Blob([NODE.deflate]).stream().pipeThrough(new DecompressionStream('deflate'))).text();
    assert.equal(back, 'hello');
    const raw = await new Response(new Blob([NODE.deflateRaw]).stream().pipeThrough(new DecompressionStream('deflate-raw'))).text();
    assert.equal(raw, 'hello');
  });

  test('DecompressionStream: errors are TypeErrors', async () => {
    const bad = new Response(new Blob(['definitely not gzip']).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();
    const e = await rejection(bad);
    assert.ok(e instanceof TypeError, String(e));
    const cut = new Response(new Blob([NODE.gzipLong.subarray(0, 30)]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer();
    assert.ok((await rejection(cut)) instanceof TypeError);
    const ds = new DecompressionStream('deflate');
    const w = ds.writable.getWriter();
    const read = ds.readable.getReader().read();
    const wrote = w.write('a string is not a BufferSource');
    assert.ok((await rejection(wrote)) instanceof TypeError);
    assert.ok((await rejection(read)) instanceof TypeError);
  });
})();
