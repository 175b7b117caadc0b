// Blob and File: construction from parts, types, slicing, readers, stream(), internals.
(() => {
  const internal = globalThis[Symbol.for('ferroute.internal')];
  const enc = (s) => new TextEncoder().encode(s);

  async function readAll(stream) {
    const reader = stream.getReader();
    const chunks = [];
    let total = 0;
    while (true) {
      const { value, done } = await reader.read();
      if (done) break;
      chunks.push(value);
      total += value.length;
    }
    const out = new Uint8Array(total);
    let offset = 0;
    for (const c of chunks) {
      out.set(c, offset);
      offset += c.length;
    }
    return { bytes: out, chunks: chunks.length };
  }

  test('Blob: globals and class shape', () => {
    for (const name of ['Blob', 'File']) {
      void globalThis[name]; // lazily loaded parts become data properties on first use (03_lazy.js)
      const d = Object.getOwnPropertyDescriptor(globalThis, name);
      assert.equal(d.enumerable, false, name);
      assert.equal(d.writable, true, name);
      assert.equal(d.configurable, true, name);
    }
    assert.equal(Blob.length, 0);
    assert.equal(File.length, 2);
    assert.equal(Blob.name, 'Blob');
    assert.equal(File.name, 'File');
    assert.equal(Object.getPrototypeOf(File), Blob);
    assert.equal(Object.prototype.toString.call(new Blob()), '[object Blob]');
    assert.equal(Object.prototype.toString.call(new File([], 'f')), '[object File]');
    assert.equal(Blob.prototype.slice.length, 0);
    assert.throws(() => Blob(), TypeError);
  });

  test('Blob: empty blob', async () => {
    const b = new Blob();
    assert.equal(b.size, 0);
    assert.equal(b.type, '');
    assert.equal(await b.text(), '');
    assert.equal((await b.arrayBuffer()).byteLength, 0);
  });

  test('Blob: parts of every kind are concatenated', async () => {
    const buf = new Uint8Array([1, 2, 3, 4]).buffer;
    const view = new Uint8Array([9, 8, 7, 6, 5]).subarray(1, 3); // 8, 7
    const dv = new DataView(new Uint8Array([0x41, 0x42]).buffer);
    const inner = new Blob(['in']);
    const b = new Blob(['a', buf, view, dv, inner, 'é']);
    const bytes = await b.bytes();
    assert.deepEqual(Array.from(bytes), [0x61, 1, 2, 3, 4, 8, 7, 0x41, 0x42, 0x69, 0x6e, 0xc3, 0xa9]);
    assert.equal(b.size, 13);
  });

  test('Blob: parts are copied at construction', async () => {
    const u = new Uint8Array([1, 2, 3]);
    const b = new Blob([u]);
    u[0] = 99;
    assert.deepEqual(Array.from(await b.bytes()), [1, 2, 3]);
    const out = await b.bytes();
    out[1] = 77;
    assert.deepEqual(Array.from(await b.bytes()), [1, 2, 3], 'bytes() returns a copy');
    const ab = await b.arrayBuffer();
    new Uint8Array(ab)[2] = 55;
    assert.deepEqual(Array.from(await b.bytes()), [1, 2, 3], 'arrayBuffer() returns a copy');
  });

  test('Blob: strings are UTF-8 encoded as USVStrings (lone surrogates -> U+FFFD)', async () => {
    const b = new Blob(['€', '\ud83d\ude00', 'a\ud800b']);
    assert.deepEqual(Array.from(await b.bytes()), [0xe2, 0x82, 0xac, 0xf0, 0x9f, 0x98, 0x80, 0x61, 0xef, 0xbf, 0xbd, 0x62]);
    assert.equal(await b.text(), '€😀a\ufffdb');
  });

  test('Blob: detached buffers contribute no bytes', async () => {
    const buffer = new ArrayBuffer(4);
    const view = new Uint8Array(buffer, 1, 2);
    let detached = false;
    if (typeof buffer.transfer === 'function') {
      buffer.transfer();
      detached = true;
    } else if (typeof structuredClone === 'function') {
      structuredClone(buffer, { transfer: [buffer] });
      detached = true;
    }
    if (!detached) return;
    const b = new Blob(['a', view, buffer, 'b']);
    assert.equal(await b.text(), 'ab');
  });

  test('Blob: non-buffer objects are stringified', async () => {
    const b = new Blob([{ toString: () => 'obj' }, 12, null, undefined]);
    assert.equal(await b.text(), 'obj12nullundefined');
  });

  test('Blob: bad arguments', () => {
    assert.throws(() => new Blob('abc'), TypeError);
    assert.throws(() => new Blob(123), TypeError);
    assert.throws(() => new Blob(null), TypeError);
    assert.throws(() => new Blob({}), TypeError);
    assert.throws(() => new Blob([], 'x'), TypeError);
    assert.throws(() => new Blob([], { endings: 'bogus' }), TypeError);
    assert.throws(() => new Blob([Symbol('s')]), TypeError);
  });

  test('Blob: sequence from any iterable', async () => {
    function* parts() {
      yield 'a';
      yield 'b';
    }
    assert.equal(await new Blob(parts()).text(), 'ab');
    assert.equal(await new Blob(new Set(['x'])).text(), 'x');
  });

  test('Blob: type is lowercased, and dropped when not printable ASCII', () => {
    assert.equal(new Blob([], { type: 'Text/HTML; Charset=UTF-8' }).type, 'text/html; charset=utf-8');
    assert.equal(new Blob([], { type: 'a\u00e9' }).type, '');
    assert.equal(new Blob([], { type: 'a\nb' }).type, '');
    assert.equal(new Blob([], { type: 'anything at all' }).type, 'anything at all');
    assert.equal(new Blob([], {}).type, '');
    assert.equal(new Blob([], null).type, '');
  });

  test('Blob: endings "native" converts line breaks to \\n, "transparent" keeps them', async () => {
    assert.equal(await new Blob(['a\r\nb\rc\n'], { endings: 'native' }).text(), 'a\nb\nc\n');
    assert.equal(await new Blob(['a\r\nb'], { endings: 'transparent' }).text(), 'a\r\nb');
  });

  test('Blob: slice with relative, negative, clamped and fractional indices', async () => {
    const b = new Blob(['0123456789'], { type: 'text/plain' });
    assert.equal(await b.slice().text(), '0123456789');
    assert.equal(b.slice().type, '', 'slice() without contentType has an empty type');
    assert.equal(await b.slice(2).text(), '23456789');
    assert.equal(await b.slice(2, 5).text(), '234');
    assert.equal(await b.slice(-3).text(), '789');
    assert.equal(await b.slice(-3, -1).text(), '78');
    assert.equal(await b.slice(5, 2).text(), '');
    assert.equal(await b.slice(-100, 100).text(), '0123456789');
    assert.equal(await b.slice(100).text(), '');
    assert.equal(await b.slice(1.5, 3.5).text(), '23', 'rounds half to even');
    assert.equal(await b.slice(NaN, '3').text(), '012');
    assert.equal(await b.slice(0, Infinity).text(), '0123456789');
    assert.equal(b.slice(0, 1, 'X/Y').type, 'x/y');
    assert.equal(b.slice(0, 1, '\u0100').type, '');
    const nested = b.slice(2, 8).slice(1, -1);
    assert.equal(await nested.text(), '3456');
    assert.equal(nested.size, 4);
    assert.ok(!(nested instanceof File));
  });

  test('Blob: text() decodes UTF-8 with replacement and strips a BOM', async () => {
    const b = new Blob([new Uint8Array([0xef, 0xbb, 0xbf, 0x68, 0x69, 0xff])]);
    assert.equal(await b.text(), 'hi\ufffd');
  });

  test('Blob: stream() yields all bytes as Uint8Array chunks', async () => {
    const big = new Uint8Array(200000);
    for (let i = 0; i < big.length; i++) big[i] = (i * 7) & 0xff;
    const b = new Blob([big]);
    const s = b.stream();
    assert.ok(s instanceof ReadableStream);
    const { bytes, chunks } = await readAll(s);
    assert.equal(bytes.length, big.length);
    let same = true;
    for (let i = 0; i < big.length; i++) if (bytes[i] !== big[i]) same = false;
    assert.ok(same, 'stream content matches');
    assert.ok(chunks >= 2, 'large blobs are streamed in several chunks');
    // The blob is unaffected by consuming its stream.
    assert.equal(b.size, big.length);
    const again = await readAll(b.stream());
    assert.equal(again.bytes.length, big.length);
  });

  test('Blob: stream() of an empty blob closes immediately', async () => {
    const { bytes } = await readAll(new Blob().stream());
    assert.equal(bytes.length, 0);
  });

  test('Blob: stream() supports async iteration', async () => {
    let text = '';
    const dec = new TextDecoder();
    for await (const chunk of new Blob(['hello ', 'world']).stream()) text += dec.decode(chunk);
    assert.equal(text, 'hello world');
  });

  test('Blob: brand checks', async () => {
    assert.throws(() => Blob.prototype.slice.call({}), TypeError);
    assert.throws(() => Blob.prototype.stream.call({}), TypeError);
    assert.throws(() => Object.getOwnPropertyDescriptor(Blob.prototype, 'size').get.call({}), TypeError);
    assert.throws(() => Object.getOwnPropertyDescriptor(Blob.prototype, 'type').get.call({}), TypeError);
    await assert.rejects(() => Blob.prototype.text.call({}), TypeError);
    await assert.rejects(() => Blob.prototype.arrayBuffer.call(null), TypeError);
    await assert.rejects(() => Blob.prototype.bytes.call(1), TypeError);
    assert.throws(() => Object.getOwnPropertyDescriptor(File.prototype, 'name').get.call(new Blob()), TypeError);
  });

  test('File: name, type, lastModified, webkitRelativePath', async () => {
    const before = Date.now();
    const f = new File(['abc', new Uint8Array([0x64])], 'report.txt', { type: 'Text/Plain' });
    const after = Date.now();
    assert.ok(f instanceof Blob);
    assert.ok(f instanceof File);
    assert.equal(f.name, 'report.txt');
    assert.equal(f.type, 'text/plain');
    assert.equal(f.size, 4);
    assert.equal(await f.text(), 'abcd');
    assert.ok(f.lastModified >= before && f.lastModified <= after, 'lastModified defaults to now');
    assert.equal(f.webkitRelativePath, '');
    assert.equal(new File([], 'x', { lastModified: 42 }).lastModified, 42);
    assert.equal(new File([], 'x', { lastModified: 42.9 }).lastModified, 42);
    assert.equal(new File([], 'x', { lastModified: new Date(1000) }).lastModified, 1000);
    assert.equal(new File([], 'a/b\ud800').name, 'a/b\ufffd');
    assert.equal(new File([], 123).name, '123');
    assert.equal(new File([f], 'copy').size, 4);
    assert.equal(f.slice(1, 3).size, 2);
  });

  test('File: argument errors', () => {
    assert.throws(() => new File(), TypeError);
    assert.throws(() => new File([]), TypeError);
    assert.throws(() => new File('abc', 'name'), TypeError);
    assert.throws(() => new File([], 'n', 5), TypeError);
    assert.equal(new File([], undefined).name, 'undefined');
  });

  test('internal.blob: zero-copy access and trusted constructors', async () => {
    const b = new Blob(['xyz'], { type: 'a/b' });
    const bytes = internal.blob.bytes(b);
    assert.ok(bytes instanceof Uint8Array);
    assert.deepEqual(Array.from(bytes), [0x78, 0x79, 0x7a]);
    assert.throws(() => internal.blob.bytes({}), TypeError);
    const raw = new Uint8Array([1, 2]);
    const t = internal.blob.fromBytes(raw, 'x/y');
    assert.ok(t instanceof Blob);
    assert.equal(t.type, 'x/y');
    assert.equal(t.size, 2);
    const file = internal.blob.fileFromBytes(raw, 'n.bin', 'application/octet-stream', 7);
    assert.ok(file instanceof File);
    assert.equal(file.name, 'n.bin');
    assert.equal(file.lastModified, 7);
    assert.ok(internal.blob.isBlob(file));
    assert.ok(internal.blob.isFile(file));
    assert.ok(!internal.blob.isFile(t));
    assert.ok(!internal.blob.isBlob('x'));
    const s = internal.blob.stream(new Uint8Array([5, 6]));
    assert.deepEqual(Array.from((await readAll(s)).bytes), [5, 6]);
  });

  test('Blob: a Blob made of one Blob shares content correctly', async () => {
    const a = new Blob(['shared']);
    const b = new Blob([a], { type: 'text/plain' });
    assert.equal(await b.text(), 'shared');
    assert.equal(b.type, 'text/plain');
    assert.equal(a.type, '');
  });
})();
