// Tests of node:buffer (js/jsc/30_buffer.js on JavaScriptCore; Node's own module under
// `node-runner.js --node`, which is where these expectations come from).
(() => {
  'use strict';
  const internal = globalThis[Symbol.for('ferroute.internal')];
  const mod = internal.platformModules.buffer();
  const { Buffer } = mod;
  const kInspect = Symbol.for('nodejs.util.inspect.custom');

  /** Asserts `fn` throws an error of class `Base` with `code` and exactly `message`. */
  function throwsCode(fn, Base, code, message) {
    const err = assert.throws(fn, Base);
    assert.equal(err.code, code, `code of: ${err.message}`);
    if (message !== undefined) assert.equal(err.message, message);
    return err;
  }
  const bytes = (b) => Array.from(b);

  // ------------------------------------------------------------------ creation
  test('Buffer is a Uint8Array subclass; Buffer.from/alloc make Buffers', () => {
    const b = Buffer.from('hi');
    assert.ok(b instanceof Buffer);
    assert.ok(b instanceof Uint8Array);
    assert.ok(Buffer.isBuffer(b));
    assert.ok(!Buffer.isBuffer(new Uint8Array(2)));
    assert.ok(!Buffer.isBuffer('hi'));
    assert.equal(b.constructor, Buffer);
    assert.equal(Object.getPrototypeOf(Buffer.prototype), Uint8Array.prototype);
    assert.equal(Buffer.poolSize, 8192);
    assert.equal(Buffer.name, 'Buffer');
    assert.ok(Buffer.isBuffer(Buffer.alloc(3)));
    assert.ok(Buffer.isBuffer(Buffer.allocUnsafe(3)));
    assert.ok(Buffer.isBuffer(Buffer.allocUnsafeSlow(3)));
  });

  test('from(string, encoding) for every encoding', () => {
    assert.deepEqual(bytes(Buffer.from('héllo €😀')), [104, 195, 169, 108, 108, 111, 32, 226, 130, 172, 240, 159, 152, 128]);
    assert.deepEqual(bytes(Buffer.from('héllo', 'utf-8')), bytes(Buffer.from('héllo', 'UTF8')));
    assert.deepEqual(bytes(Buffer.from('a\ud800b')), [97, 0xef, 0xbf, 0xbd, 98], 'lone surrogate is U+FFFD');
    assert.deepEqual(bytes(Buffer.from('0aFf', 'hex')), [0x0a, 0xff]);
    assert.deepEqual(bytes(Buffer.from('a1zz22', 'hex')), [0xa1], 'hex stops at the first bad pair');
    assert.deepEqual(bytes(Buffer.from('abc', 'hex')), [0xab], 'odd digit dropped');
    assert.deepEqual(bytes(Buffer.from('aGk=', 'base64')), [104, 105]);
    assert.deepEqual(bytes(Buffer.from('aGk', 'base64')), [104, 105]);
    assert.deepEqual(bytes(Buffer.from('YW Jj\n', 'base64')), [97, 98, 99], 'whitespace skipped');
    assert.deepEqual(bytes(Buffer.from('YQ==YQ==', 'base64')), [97], '= ends the data');
    assert.deepEqual(bytes(Buffer.from('-_-_', 'base64')), [0xfb, 0xff, 0xbf], 'url alphabet accepted');
    assert.deepEqual(bytes(Buffer.from('-_-_', 'base64url')), [0xfb, 0xff, 0xbf]);
    assert.deepEqual(bytes(Buffer.from('+/+/', 'base64url')), [0xfb, 0xff, 0xbf]);
    assert.deepEqual(bytes(Buffer.from('ÿé€', 'latin1')), [0xff, 0xe9, 0xac]);
    assert.deepEqual(bytes(Buffer.from('ÿé€', 'binary')), [0xff, 0xe9, 0xac]);
    assert.deepEqual(bytes(Buffer.from('é€', 'ascii')), [0xe9, 0xac]);
    assert.deepEqual(bytes(Buffer.from('a€', 'ucs2')), [97, 0, 0xac, 0x20]);
    assert.deepEqual(bytes(Buffer.from('a€', 'utf-16le')), [97, 0, 0xac, 0x20]);
    assert.equal(Buffer.from('', 'hex').length, 0);
    assert.deepEqual(bytes(Buffer.from('ab', '')), [97, 98], "'' is utf8");
    assert.deepEqual(bytes(Buffer.from('ab', null)), [97, 98]);
  });

  test('from(array / array-like / typed array / object)', () => {
    assert.deepEqual(bytes(Buffer.from([1, 2, 256, -1, 1.7, '3'])), [1, 2, 0, 255, 1, 3]);
    assert.deepEqual(bytes(Buffer.from({ length: 2, 0: 5, 1: '7' })), [5, 7]);
    assert.deepEqual(bytes(Buffer.from({ length: 3 })), [0, 0, 0]);
    assert.deepEqual(bytes(Buffer.from({ type: 'Buffer', data: [1, 2] })), [1, 2]);
    assert.deepEqual(bytes(Buffer.from(new Uint16Array([1, 258]))), [1, 2], 'element values, truncated');
    assert.deepEqual(bytes(Buffer.from(new Float64Array([1.5, -1]))), [1, 255]);
    assert.deepEqual(bytes(Buffer.from(new String('xyz'))), [120, 121, 122], 'valueOf');
    assert.deepEqual(bytes(Buffer.from({ valueOf: () => 'ab' })), [97, 98]);
    assert.deepEqual(bytes(Buffer.from({ [Symbol.toPrimitive]: () => 'cd' })), [99, 100]);
    assert.deepEqual(bytes(Buffer.from({ length: 'x' })), []);
    const src = Buffer.from([1, 2, 3]);
    const copy = Buffer.from(src);
    copy[0] = 9;
    assert.equal(src[0], 1, 'from(buffer) copies');
  });

  test('from(ArrayBuffer, byteOffset, length) shares memory', () => {
    const ab = new ArrayBuffer(8);
    const b = Buffer.from(ab, 2, 4);
    assert.equal(b.length, 4);
    assert.equal(b.byteOffset, 2);
    assert.equal(b.buffer, ab);
    new Uint8Array(ab)[3] = 7;
    assert.equal(b[1], 7);
    b[0] = 5;
    assert.equal(new Uint8Array(ab)[2], 5);
    assert.equal(Buffer.from(ab).length, 8);
    assert.equal(Buffer.from(ab, 6).length, 2);
    assert.equal(Buffer.from(ab, 'x').length, 8, 'NaN offset is 0');
    assert.equal(Buffer.from(ab, 1, -5).length, 0);
    throwsCode(() => Buffer.from(ab, 9), RangeError, 'ERR_BUFFER_OUT_OF_BOUNDS', '"offset" is outside of buffer bounds');
    throwsCode(() => Buffer.from(ab, 2, 7), RangeError, 'ERR_BUFFER_OUT_OF_BOUNDS', '"length" is outside of buffer bounds');
  });

  test('from() rejects what it cannot read', () => {
    const expected = 'The first argument must be of type string or an instance of Buffer, ArrayBuffer, or Array or an Array-like Object.';
    throwsCode(() => Buffer.from(1), TypeError, 'ERR_INVALID_ARG_TYPE', `${expected} Received type number (1)`);
    throwsCode(() => Buffer.from(null), TypeError, 'ERR_INVALID_ARG_TYPE', `${expected} Received null`);
    throwsCode(() => Buffer.from({}), TypeError, 'ERR_INVALID_ARG_TYPE', `${expected} Received an instance of Object`);
    throwsCode(() => Buffer.from(Symbol('s')), TypeError, 'ERR_INVALID_ARG_TYPE', `${expected} Received type symbol (Symbol(s))`);
    throwsCode(() => Buffer.from('ab', 'nope'), TypeError, 'ERR_UNKNOWN_ENCODING', 'Unknown encoding: nope');
    const err = throwsCode(() => Buffer.from(1), TypeError, 'ERR_INVALID_ARG_TYPE');
    assert.equal(String(err).split(':')[0], 'TypeError [ERR_INVALID_ARG_TYPE]');
    assert.deepEqual(Object.keys(err), ['code']);
  });

  test('alloc, allocUnsafe, allocUnsafeSlow, of, copyBytesFrom', () => {
    assert.deepEqual(bytes(Buffer.alloc(3)), [0, 0, 0]);
    assert.deepEqual(bytes(Buffer.alloc(5, 'ab')), [97, 98, 97, 98, 97]);
    assert.deepEqual(bytes(Buffer.alloc(4, 'aGk=', 'base64')), [104, 105, 104, 105]);
    assert.deepEqual(bytes(Buffer.alloc(3, 257)), [1, 1, 1]);
    assert.deepEqual(bytes(Buffer.alloc(3, Buffer.from([1, 2]))), [1, 2, 1]);
    assert.equal(Buffer.allocUnsafe(10).length, 10);
    assert.equal(Buffer.allocUnsafeSlow(10).length, 10);
    assert.equal(Buffer.alloc(0).length, 0);
    assert.deepEqual(bytes(Buffer.of(1, 2, 300)), [1, 2, 44]);
    assert.ok(Buffer.isBuffer(Buffer.of(1)));
    throwsCode(() => Buffer.alloc(-1), RangeError, 'ERR_OUT_OF_RANGE', 'The value of "size" is out of range. It must be >= 0 && <= 4294967296. Received -1');
    throwsCode(() => Buffer.alloc('1'), TypeError, 'ERR_INVALID_ARG_TYPE', 'The "size" argument must be of type number. Received type string (\'1\')');
    throwsCode(() => Buffer.allocUnsafe(2 ** 53), RangeError, 'ERR_OUT_OF_RANGE', 'The value of "size" is out of range. It must be >= 0 && <= 4294967296. Received 9_007_199_254_740_992');
    throwsCode(() => Buffer.alloc(3, 'zz', 'hex'), TypeError, 'ERR_INVALID_ARG_VALUE', "The argument 'value' is invalid. Received 'zz'");
    const u16 = new Uint16Array([0x0102, 0x0304, 0x0506]);
    const c = Buffer.copyBytesFrom(u16, 1, 1);
    assert.equal(c.length, 2);
    assert.equal(c.readUInt16LE(0), 0x0304);
    assert.equal(Buffer.copyBytesFrom(u16).length, 6);
    assert.equal(Buffer.copyBytesFrom(u16, 5).length, 0);
    u16[0] = 0;
    throwsCode(() => Buffer.copyBytesFrom([1]), TypeError, 'ERR_INVALID_ARG_TYPE', 'The "view" argument must be an instance of TypedArray. Received an instance of Array');
    throwsCode(() => Buffer.copyBytesFrom(u16, -1), RangeError, 'ERR_OUT_OF_RANGE', 'The value of "offset" is out of range. It must be >= 0 && <= 9007199254740991. Received -1');
  });

  test('the deprecated Buffer(arg) and new Buffer(arg)', () => {
    // eslint-disable-next-line new-cap
    const a = new Buffer(3);
    assert.deepEqual(bytes(a), [0, 0, 0]);
    assert.deepEqual(bytes(new Buffer('ab')), [97, 98]);
    assert.deepEqual(bytes(new Buffer([1, 2])), [1, 2]);
    assert.ok(Buffer.isBuffer(new Buffer(1)));
  });

  // ------------------------------------------------------------------ byteLength, compare, concat
  test('byteLength per encoding and for buffers', () => {
    assert.equal(Buffer.byteLength('héllo'), 6);
    assert.equal(Buffer.byteLength('😀\ud800'), 7);
    assert.equal(Buffer.byteLength('abcd', 'hex'), 2);
    assert.equal(Buffer.byteLength('YQ==', 'base64'), 1);
    assert.equal(Buffer.byteLength('YQ', 'base64url'), 1);
    assert.equal(Buffer.byteLength('abc', 'ucs2'), 6);
    assert.equal(Buffer.byteLength('abc', 'latin1'), 3);
    assert.equal(Buffer.byteLength('é', 'nope'), 2, 'unknown encodings count as utf8');
    assert.equal(Buffer.byteLength(new ArrayBuffer(5)), 5);
    assert.equal(Buffer.byteLength(new Uint16Array(3)), 6);
    assert.equal(Buffer.byteLength(new DataView(new ArrayBuffer(4))), 4);
    throwsCode(() => Buffer.byteLength(1), TypeError, 'ERR_INVALID_ARG_TYPE', 'The "string" argument must be of type string or an instance of Buffer or ArrayBuffer. Received type number (1)');
  });

  test('compare, equals and the prototype compare with ranges', () => {
    const a = Buffer.from('abc');
    const b = Buffer.from('abd');
    assert.equal(Buffer.compare(a, b), -1);
    assert.equal(Buffer.compare(b, a), 1);
    assert.equal(Buffer.compare(a, Buffer.from('abc')), 0);
    assert.equal(Buffer.compare(Buffer.from('ab'), a), -1);
    assert.deepEqual([Buffer.from('b'), Buffer.from('a'), Buffer.from('ab')].sort(Buffer.compare).map(String), ['a', 'ab', 'b']);
    assert.ok(a.equals(Buffer.from('abc')));
    assert.ok(a.equals(new Uint8Array([97, 98, 99])));
    assert.ok(!a.equals(b));
    assert.equal(a.compare(b), -1);
    assert.equal(a.compare(b, 0, 2, 0, 2), 0);
    assert.equal(a.compare(b, 2, 3, 2, 3), -1);
    assert.equal(a.compare(b, 1, 1), 1, 'empty target range');
    assert.equal(a.compare(b, 0, 3, 1, 1), -1, 'empty source range');
    assert.equal(a.compare(b, 3, 3, 1, 1), 0);
    assert.equal(a.compare(b, 3), 1);
    throwsCode(() => Buffer.compare(1, a), TypeError, 'ERR_INVALID_ARG_TYPE', 'The "buf1" argument must be an instance of Buffer or Uint8Array. Received type number (1)');
    throwsCode(() => a.equals('abc'), TypeError, 'ERR_INVALID_ARG_TYPE', 'The "otherBuffer" argument must be an instance of Buffer or Uint8Array. Received type string (\'abc\')');
    throwsCode(() => a.compare(b, -1), RangeError, 'ERR_OUT_OF_RANGE', 'The value of "targetStart" is out of range. It must be >= 0 && <= 4294967296. Received -1');
    throwsCode(() => a.compare(b, 0, 4), RangeError, 'ERR_OUT_OF_RANGE', 'The value of "targetEnd" is out of range. It must be >= 0 && <= 3. Received 4');
  });

  test('concat with and without a total length', () => {
    const out = Buffer.concat([Buffer.from('ab'), new Uint8Array([99]), Buffer.alloc(0)]);
    assert.ok(Buffer.isBuffer(out));
    assert.equal(out.toString(), 'abc');
    assert.equal(Buffer.concat([Buffer.from('abc'), Buffer.from('def')], 4).toString(), 'abcd');
    assert.deepEqual(bytes(Buffer.concat([Buffer.from('a')], 3)), [97, 0, 0], 'zero-filled past the parts');
    assert.equal(Buffer.concat([]).length, 0);
    throwsCode(() => Buffer.concat(1), TypeError, 'ERR_INVALID_ARG_TYPE', 'The "list" argument must be an instance of Array. Received type number (1)');
    throwsCode(() => Buffer.concat([Buffer.from('a'), 'b']), TypeError, 'ERR_INVALID_ARG_TYPE', 'The "list[1]" argument must be an instance of Buffer or Uint8Array. Received type string (\'b\')');
  });

  test('isEncoding', () => {
    for (const e of ['utf8', 'UTF-8', 'hex', 'base64', 'base64url', 'latin1', 'binary', 'ascii', 'ucs2', 'UCS-2', 'utf16le', 'utf-16le']) assert.ok(Buffer.isEncoding(e), e);
    for (const e of ['', 'utf16', 'nope', null, undefined, 1]) assert.ok(!Buffer.isEncoding(e), String(e));
  });

  // ------------------------------------------------------------------ toString, write, toJSON
  test('toString(encoding, start, end)', () => {
    const b = Buffer.from('héllo');
    assert.equal(b.toString(), 'héllo');
    assert.equal(b.toString('hex'), '68c3a96c6c6f');
    assert.equal(b.toString('base64'), 'aMOpbGxv');
    assert.equal(Buffer.from([0xff, 0xfe, 0x00]).toString('base64url'), '__4A');
    assert.equal(Buffer.from([0xff, 0xfe]).toString('base64'), '//4=');
    assert.equal(b.toString('latin1'), 'hÃ©llo');
    assert.equal(b.toString('ascii'), 'hC)llo', 'ascii drops the high bit');
    assert.equal(Buffer.from('a€', 'ucs2').toString('ucs2'), 'a€');
    assert.equal(Buffer.from([97, 0, 98]).toString('utf16le'), 'a', 'odd byte dropped');
    assert.equal(b.toString('utf8', 1, 3), 'é');
    assert.equal(b.toString('utf8', 1, 2), '\ufffd');
    assert.equal(b.toString(undefined, 3), 'llo');
    assert.equal(b.toString('utf8', -5, 100), 'héllo');
    assert.equal(b.toString('utf8', 4, 2), '');
    assert.equal(b.toString('utf8', 10), '');
    assert.equal(b.toLocaleString(), 'héllo');
    throwsCode(() => b.toString('nope'), TypeError, 'ERR_UNKNOWN_ENCODING', 'Unknown encoding: nope');
    throwsCode(() => b.toString(null), TypeError, 'ERR_UNKNOWN_ENCODING', 'Unknown encoding: null');
  });

  test('UTF-8 decoding replaces malformed input as WHATWG says', () => {
    const dec = (arr) => Buffer.from(arr).toString();
    assert.equal(dec([0xe2, 0x82]), '\ufffd');
    assert.equal(dec([0xe2, 0x82, 0x41]), '\ufffdA');
    assert.equal(dec([0xf0, 0x9f, 0x98]), '\ufffd');
    assert.equal(dec([0xc0, 0x80]), '\ufffd\ufffd', 'overlong');
    assert.equal(dec([0xed, 0xa0, 0x80]), '\ufffd\ufffd\ufffd', 'surrogate');
    assert.equal(dec([0xf4, 0x90, 0x80, 0x80]), '\ufffd\ufffd\ufffd\ufffd', 'past U+10FFFF');
    assert.equal(dec([0xff, 0x61]), '\ufffda');
    assert.equal(dec([0xef, 0xbb, 0xbf, 0x61]), '\ufeffa', 'a BOM is kept');
    assert.equal(dec([0xf0, 0x9f, 0x98, 0x80]), '😀');
    const long = 'ünïcødé 😀 '.repeat(500);
    assert.equal(Buffer.from(long).toString(), long, 'long strings round-trip');
    assert.equal(Buffer.from(long).length, Buffer.byteLength(long));
  });

  test('write(string, offset, length, encoding)', () => {
    const b = Buffer.alloc(6);
    assert.equal(b.write('hé'), 3);
    assert.deepEqual(bytes(b), [104, 195, 169, 0, 0, 0]);
    assert.equal(b.write('ab', 4), 2);
    assert.equal(b.toString('latin1', 4), 'ab');
    assert.equal(b.write('xyz', 1, 1), 1);
    assert.equal(b.write('ffee', 'hex'), 2);
    assert.deepEqual(bytes(b.subarray(0, 2)), [0xff, 0xee]);
    assert.equal(b.write('aGk=', 2, 'base64'), 2);
    assert.equal(b.write('abc', 5, 'ucs2'), 0, 'no room for a whole unit');
    assert.equal(Buffer.alloc(4).write('abc', 0, 'ucs2'), 4);
    assert.equal(Buffer.alloc(2).write('€'), 0, 'only whole characters');
    assert.equal(Buffer.alloc(4).write('a€'), 4);
    assert.equal(Buffer.alloc(4).write('😀😀'), 4);
    assert.equal(Buffer.alloc(5).write('😀😀'), 4);
    const long = 'é'.repeat(100);
    const small = Buffer.alloc(51);
    assert.equal(small.write(long), 50, 'a long string cut at a character boundary');
    assert.equal(small.toString('utf8', 0, 50), 'é'.repeat(25));
    assert.equal(Buffer.alloc(2).write('YWJj', 'base64'), 2);
    throwsCode(() => b.write('a', 7), RangeError, 'ERR_OUT_OF_RANGE', 'The value of "offset" is out of range. It must be >= 0 && <= 6. Received 7');
    throwsCode(() => b.write('a', 0, 7), RangeError, 'ERR_OUT_OF_RANGE', 'The value of "length" is out of range. It must be >= 0 && <= 6. Received 7');
    throwsCode(() => b.write(1), TypeError, 'ERR_INVALID_ARG_TYPE', 'argument must be a string');
    throwsCode(() => b.write('a', 'nope'), TypeError, 'ERR_UNKNOWN_ENCODING', 'Unknown encoding: nope');
  });

  test('toJSON and JSON.stringify', () => {
    assert.deepEqual(Buffer.from('ab').toJSON(), { type: 'Buffer', data: [97, 98] });
    assert.equal(JSON.stringify(Buffer.from([1, 2])), '{"type":"Buffer","data":[1,2]}');
    assert.deepEqual(Buffer.alloc(0).toJSON(), { type: 'Buffer', data: [] });
    const back = Buffer.from(JSON.parse(JSON.stringify(Buffer.from('xyz'))));
    assert.equal(back.toString(), 'xyz');
  });

  // ------------------------------------------------------------------ views and copies
  test('slice and subarray are views; negative and out-of-range indices', () => {
    const b = Buffer.from('abcdef');
    const s = b.slice(1, 3);
    assert.ok(Buffer.isBuffer(s));
    assert.equal(s.toString(), 'bc');
    s[0] = 0x42;
    assert.equal(b.toString(), 'aBcdef', 'slice shares memory');
    const u = b.subarray(-2);
    assert.ok(Buffer.isBuffer(u));
    assert.equal(u.toString(), 'ef');
    u[1] = 0x46;
    assert.equal(b.toString(), 'aBcdeF');
    assert.equal(b.slice(-100, 2).toString(), 'aB');
    assert.equal(b.slice(4, 100).toString(), 'eF');
    assert.equal(b.slice(4, 2).length, 0);
    assert.equal(b.slice('1', '2').toString(), 'B');
    assert.equal(b.slice(NaN, 1).toString(), 'a');
    // Reads through a view use the view's own bytes.
    const base = Buffer.from([0, 0, 0x12, 0x34, 0x56, 0x78]);
    assert.equal(base.subarray(2).readUInt32BE(0), 0x12345678);
    assert.equal(base.subarray(2).readUInt16LE(1), 0x5634);
  });

  test('copy between buffers, overlapping included', () => {
    const src = Buffer.from('abcdef');
    const dst = Buffer.alloc(4, '.');
    assert.equal(src.copy(dst), 4);
    assert.equal(dst.toString(), 'abcd');
    assert.equal(src.copy(dst, 1, 4), 2);
    assert.equal(dst.toString(), 'aefd');
    assert.equal(src.copy(dst, 3, 0, 1), 1);
    assert.equal(dst.toString(), 'aefa');
    assert.equal(src.copy(dst, 10), 0);
    assert.equal(src.copy(dst, 0, 3, 2), 0);
    const self = Buffer.from('abcdef');
    assert.equal(self.copy(self, 2, 0, 4), 4);
    assert.equal(self.toString(), 'ababcd');
    const u8 = new Uint8Array(3);
    assert.equal(Buffer.from('xyz').copy(u8), 3);
    assert.deepEqual(bytes(u8), [120, 121, 122]);
    throwsCode(() => src.copy('x'), TypeError, 'ERR_INVALID_ARG_TYPE', 'The "target" argument must be an instance of Buffer or Uint8Array. Received type string (\'x\')');
    throwsCode(() => src.copy(dst, -1), RangeError, 'ERR_OUT_OF_RANGE', 'The value of "targetStart" is out of range. It must be >= 0. Received -1');
    throwsCode(() => src.copy(dst, 0, 7), RangeError, 'ERR_OUT_OF_RANGE', 'The value of "sourceStart" is out of range. It must be >= 0 && <= 6. Received 7');
    throwsCode(() => src.copy(dst, 0, 0, -1), RangeError, 'ERR_OUT_OF_RANGE', 'The value of "sourceEnd" is out of range. It must be >= 0. Received -1');
  });

  test('fill with numbers, strings, buffers, encodings and ranges', () => {
    assert.deepEqual(bytes(Buffer.alloc(4).fill(0x101)), [1, 1, 1, 1]);
    assert.deepEqual(bytes(Buffer.alloc(5).fill('ab', 1)), [0, 97, 98, 97, 98]);
    assert.deepEqual(bytes(Buffer.alloc(5).fill('ab', 1, 4)), [0, 97, 98, 97, 0]);
    assert.deepEqual(bytes(Buffer.alloc(5).fill('€')), [0xe2, 0x82, 0xac, 0xe2, 0x82], 'a character cut at the end');
    assert.deepEqual(bytes(Buffer.alloc(4).fill('abcd', 'hex')), [0xab, 0xcd, 0xab, 0xcd]);
    assert.deepEqual(bytes(Buffer.alloc(4).fill('a', 1, 'latin1')), [0, 97, 97, 97]);
    assert.deepEqual(bytes(Buffer.alloc(3).fill('')), [0, 0, 0]);
    assert.deepEqual(bytes(Buffer.alloc(3).fill(true)), [1, 1, 1]);
    assert.deepEqual(bytes(Buffer.alloc(5).fill(Buffer.from([1, 2]))), [1, 2, 1, 2, 1]);
    assert.deepEqual(bytes(Buffer.alloc(5).fill(new Uint16Array([258]))), [2, 1, 2, 1, 2]);
    assert.deepEqual(bytes(Buffer.alloc(3).fill(1, 2, 2)), [0, 0, 0]);
    const b = Buffer.alloc(2);
    assert.equal(b.fill(1), b, 'returns the buffer');
    throwsCode(() => Buffer.alloc(3).fill('x', 'nope'), TypeError, 'ERR_UNKNOWN_ENCODING', 'Unknown encoding: nope');
    throwsCode(() => Buffer.alloc(3).fill('a', 0, 1, 5), TypeError, 'ERR_INVALID_ARG_TYPE', 'The "encoding" argument must be of type string. Received type number (5)');
    throwsCode(() => Buffer.alloc(3).fill(1, -1), RangeError, 'ERR_OUT_OF_RANGE', 'The value of "offset" is out of range. It must be >= 0 && <= 4294967296. Received -1');
    throwsCode(() => Buffer.alloc(3).fill(1, 0, 4), RangeError, 'ERR_OUT_OF_RANGE', 'The value of "end" is out of range. It must be >= 0 && <= 3. Received 4');
    throwsCode(() => Buffer.alloc(3).fill(Buffer.alloc(0)), TypeError, 'ERR_INVALID_ARG_VALUE', "The argument 'value' is invalid. Received <Buffer >");
  });

  // ------------------------------------------------------------------ search
  test('indexOf / lastIndexOf / includes with strings, numbers and buffers', () => {
    const b = Buffer.from('this is a buffer, a buffer');
    assert.equal(b.indexOf('is'), 2);
    assert.equal(b.indexOf('is', 3), 5);
    assert.equal(b.indexOf('buffer'), 10);
    assert.equal(b.indexOf(Buffer.from('a buffer')), 8);
    assert.equal(b.indexOf(new Uint8Array([97, 32])), 8);
    assert.equal(b.indexOf(97), 8);
    assert.equal(b.indexOf(97 + 256), 8, 'numbers are taken mod 256');
    assert.equal(b.indexOf('nope'), -1);
    assert.equal(b.indexOf('buffer', -6), 20);
    assert.equal(b.indexOf('buffer', -100), 10);
    assert.equal(b.indexOf('buffer', 100), -1);
    assert.equal(b.indexOf(''), 0);
    assert.equal(b.indexOf('', 5), 5);
    assert.equal(b.indexOf('', 100), b.length);
    throwsCode(() => b.indexOf('is', '3'), TypeError, 'ERR_UNKNOWN_ENCODING', 'Unknown encoding: 3');
    assert.equal(b.indexOf('is', 'latin1'), 2, 'a string offset is an encoding');
    assert.equal(b.lastIndexOf('buffer'), 20);
    assert.equal(b.lastIndexOf('buffer', 19), 10);
    assert.equal(b.lastIndexOf('buffer', -7), 10);
    assert.equal(b.lastIndexOf('buffer', -100), -1);
    assert.equal(b.lastIndexOf(97), 18);
    assert.equal(b.lastIndexOf(''), b.length);
    assert.ok(b.includes('a buf'));
    assert.ok(!b.includes('a buf', 19));
    assert.ok(b.includes(0x74));
    assert.equal(Buffer.alloc(0).indexOf(0), -1);
    throwsCode(() => b.indexOf({}), TypeError, 'ERR_INVALID_ARG_TYPE', 'The "value" argument must be one of type number or string or an instance of Buffer or Uint8Array. Received an instance of Object');
    throwsCode(() => b.indexOf('a', 0, 'nope'), TypeError, 'ERR_UNKNOWN_ENCODING', 'Unknown encoding: nope');
  });

  test('indexOf in other encodings', () => {
    const b = Buffer.from('ab€cd', 'ucs2');
    assert.equal(b.indexOf('€', 0, 'ucs2'), 4);
    assert.equal(b.indexOf('d', 'utf16le'), 8);
    assert.equal(b.lastIndexOf('a', undefined, 'ucs2'), 0);
    assert.equal(Buffer.from([0, 0x61, 0]).indexOf('a', 0, 'ucs2'), -1, 'UTF-16 matches start on even bytes');
    const h = Buffer.from('deadbeef', 'hex');
    assert.equal(h.indexOf('beef', 'hex'), 2);
    assert.equal(h.indexOf('vu8=', 'base64'), 2);
    assert.equal(Buffer.from('xÿz', 'latin1').indexOf('ÿ', 'latin1'), 1);
    assert.equal(Buffer.from('héllo').indexOf('é'), 1);
    assert.equal(Buffer.from('héllo').indexOf('llo'), 3);
  });

  // ------------------------------------------------------------------ numbers
  test('read and write integers of every width and byte order', () => {
    const b = Buffer.from([0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08, 0xff, 0xfe]);
    assert.equal(b.readUInt8(0), 1);
    assert.equal(b.readInt8(8), -1);
    assert.equal(b.readUInt16LE(0), 0x0201);
    assert.equal(b.readUInt16BE(0), 0x0102);
    assert.equal(b.readInt16LE(8), -257);
    assert.equal(b.readInt16BE(8), -2);
    assert.equal(b.readUInt32LE(0), 0x04030201);
    assert.equal(b.readUInt32BE(0), 0x01020304);
    assert.equal(b.readInt32BE(6), 0x0708fffe);
    assert.equal(b.readInt32LE(6), -16840697);
    assert.equal(b.readUIntLE(0, 3), 0x030201);
    assert.equal(b.readUIntBE(0, 6), 0x010203040506);
    assert.equal(b.readIntLE(8, 2), -257);
    assert.equal(b.readIntBE(4, 6), 0x0506_0708_fffe);
    assert.equal(Buffer.from([0xff, 0xff, 0xff, 0xff, 0xff, 0xff]).readIntLE(0, 6), -1);
    assert.equal(Buffer.from([0x80, 0, 0, 0, 0]).readIntBE(0, 5), -(2 ** 39));
    // Aliases with lower-case "int".
    assert.equal(b.readUint16BE, b.readUInt16BE);
    assert.equal(b.readUint8(1), 2);
    assert.equal(b.readUintLE(0, 2), 0x0201);
    assert.equal(typeof b.writeUint32LE, 'function');
    assert.equal(typeof b.readBigUint64LE, 'function');

    const w = Buffer.alloc(8);
    assert.equal(w.writeUInt8(255, 0), 1);
    assert.equal(w.writeInt8(-2, 1), 2);
    assert.equal(w.writeUInt16BE(0xabcd, 2), 4);
    assert.equal(w.writeInt16LE(-2, 4), 6);
    assert.deepEqual(bytes(w.subarray(0, 6)), [255, 254, 0xab, 0xcd, 0xfe, 0xff]);
    assert.equal(w.writeUInt32LE(0xdeadbeef, 0), 4);
    assert.equal(w.readUInt32LE(0), 0xdeadbeef);
    assert.equal(w.writeInt32BE(-5, 4), 8);
    assert.equal(w.readInt32BE(4), -5);
    assert.equal(w.writeUIntLE(0x123456, 1, 3), 4);
    assert.equal(w.readUIntLE(1, 3), 0x123456);
    assert.equal(w.writeIntBE(-(2 ** 40), 2, 6), 8);
    assert.equal(w.readIntBE(2, 6), -(2 ** 40));
    assert.equal(w.writeUIntBE(2 ** 48 - 1, 0, 6), 6);
    assert.equal(w.readUIntBE(0, 6), 2 ** 48 - 1);
    assert.equal(w.writeUInt16LE(1.7, 0), 2, 'fractions truncate');
    assert.equal(w.readUInt16LE(0), 1);
    assert.equal(w.writeUInt8(0, undefined), 1, 'offset defaults to 0');
  });

  test('floats, doubles and BigInts', () => {
    const b = Buffer.alloc(8);
    b.writeFloatLE(1.5, 0);
    assert.deepEqual(bytes(b.subarray(0, 4)), [0, 0, 0xc0, 0x3f]);
    assert.equal(b.readFloatLE(0), 1.5);
    b.writeFloatBE(-0.25, 4);
    assert.equal(b.readFloatBE(4), -0.25);
    assert.equal(b.writeDoubleBE(Math.PI, 0), 8);
    assert.equal(b.readDoubleBE(0), Math.PI);
    b.writeDoubleLE(-1e300);
    assert.equal(b.readDoubleLE(), -1e300);
    b.writeDoubleLE(NaN);
    assert.ok(Number.isNaN(b.readDoubleLE()));
    assert.equal(b.writeBigUInt64LE(0x0102030405060708n), 8);
    assert.deepEqual(bytes(b), [8, 7, 6, 5, 4, 3, 2, 1]);
    assert.equal(b.readBigUInt64LE(), 0x0102030405060708n);
    assert.equal(b.readBigUInt64BE(), 0x0807060504030201n);
    b.writeBigInt64BE(-2n);
    assert.equal(b.readBigInt64BE(), -2n);
    assert.equal(b.readBigUInt64BE(), 2n ** 64n - 2n);
    b.writeBigUInt64BE(2n ** 64n - 1n);
    assert.equal(b.readBigInt64LE(), -1n);
    throwsCode(() => b.writeBigUInt64LE(2n ** 64n), RangeError, 'ERR_OUT_OF_RANGE', 'The value of "value" is out of range. It must be >= 0n and < 2n ** 64n. Received 18_446_744_073_709_551_616n');
    throwsCode(() => b.writeBigInt64LE(2n ** 63n), RangeError, 'ERR_OUT_OF_RANGE', 'The value of "value" is out of range. It must be >= -(2n ** 63n) and < 2n ** 63n. Received 9_223_372_036_854_775_808n');
    assert.throws(() => b.writeBigInt64LE(1), TypeError);
  });

  test('numeric accessors check offsets and values as Node does', () => {
    const b = Buffer.alloc(4);
    throwsCode(() => b.readUInt8(4), RangeError, 'ERR_OUT_OF_RANGE', 'The value of "offset" is out of range. It must be >= 0 and <= 3. Received 4');
    throwsCode(() => b.readUInt32LE(1), RangeError, 'ERR_OUT_OF_RANGE', 'The value of "offset" is out of range. It must be >= 0 and <= 0. Received 1');
    throwsCode(() => b.readUInt8(1.5), RangeError, 'ERR_OUT_OF_RANGE', 'The value of "offset" is out of range. It must be an integer. Received 1.5');
    throwsCode(() => b.readUInt8(NaN), RangeError, 'ERR_OUT_OF_RANGE', 'The value of "offset" is out of range. It must be an integer. Received NaN');
    throwsCode(() => b.readUInt8('1'), TypeError, 'ERR_INVALID_ARG_TYPE', 'The "offset" argument must be of type number. Received type string (\'1\')');
    throwsCode(() => Buffer.alloc(1).readUInt16LE(0), RangeError, 'ERR_BUFFER_OUT_OF_BOUNDS', 'Attempt to access memory outside buffer bounds');
    throwsCode(() => Buffer.alloc(2).readUInt8(2 ** 40), RangeError, 'ERR_OUT_OF_RANGE', 'The value of "offset" is out of range. It must be >= 0 and <= 1. Received 1_099_511_627_776');
    throwsCode(() => b.readUIntLE(0, 7), RangeError, 'ERR_OUT_OF_RANGE', 'The value of "byteLength" is out of range. It must be >= 1 and <= 6. Received 7');
    throwsCode(() => b.readUIntLE(0), TypeError, 'ERR_INVALID_ARG_TYPE', 'The "byteLength" argument must be of type number. Received undefined');
    throwsCode(() => b.readUIntLE(undefined, 1), TypeError, 'ERR_INVALID_ARG_TYPE', 'The "offset" argument must be of type number. Received undefined');
    throwsCode(() => b.writeUInt32LE(2 ** 32), RangeError, 'ERR_OUT_OF_RANGE', 'The value of "value" is out of range. It must be >= 0 and <= 4294967295. Received 4294967296');
    throwsCode(() => b.writeInt32LE(2 ** 31), RangeError, 'ERR_OUT_OF_RANGE', 'The value of "value" is out of range. It must be >= -2147483648 and <= 2147483647. Received 2147483648');
    throwsCode(() => b.writeUInt8(256), RangeError, 'ERR_OUT_OF_RANGE', 'The value of "value" is out of range. It must be >= 0 and <= 255. Received 256');
    throwsCode(() => b.writeInt8(-129), RangeError, 'ERR_OUT_OF_RANGE', 'The value of "value" is out of range. It must be >= -128 and <= 127. Received -129');
    throwsCode(() => b.writeUInt8(-0.5), RangeError, 'ERR_OUT_OF_RANGE', 'The value of "value" is out of range. It must be >= 0 and <= 255. Received -0.5');
    throwsCode(() => Buffer.alloc(6).writeUIntLE(2 ** 48, 0, 6), RangeError, 'ERR_OUT_OF_RANGE', 'The value of "value" is out of range. It must be >= 0 and < 2 ** 48. Received 281_474_976_710_656');
    throwsCode(() => Buffer.alloc(6).writeIntLE(2 ** 47, 0, 6), RangeError, 'ERR_OUT_OF_RANGE', 'The value of "value" is out of range. It must be >= -(2 ** 47) and < 2 ** 47. Received 140_737_488_355_328');
    throwsCode(() => Buffer.alloc(3).writeIntBE(2 ** 23, 0, 3), RangeError, 'ERR_OUT_OF_RANGE', 'The value of "value" is out of range. It must be >= -8388608 and <= 8388607. Received 8388608');
    throwsCode(() => b.writeUInt16LE(1, 3), RangeError, 'ERR_OUT_OF_RANGE', 'The value of "offset" is out of range. It must be >= 0 and <= 2. Received 3');
    throwsCode(() => Buffer.from('a').writeDoubleLE(1, 5), RangeError, 'ERR_BUFFER_OUT_OF_BOUNDS', 'Attempt to access memory outside buffer bounds');
    throwsCode(() => b.writeUIntLE(1, undefined, 2), TypeError, 'ERR_INVALID_ARG_TYPE', 'The "offset" argument must be of type number. Received undefined');
    assert.equal(b.writeUInt8('7'), 1, 'values are converted with +value');
    assert.equal(b[0], 7);
    assert.equal(b.writeUInt8('x'), 1);
    assert.equal(b[0], 0, 'NaN writes 0');
  });

  test('swap16, swap32, swap64', () => {
    assert.deepEqual(bytes(Buffer.from([1, 2, 3, 4]).swap16()), [2, 1, 4, 3]);
    assert.deepEqual(bytes(Buffer.from([1, 2, 3, 4, 5, 6, 7, 8]).swap32()), [4, 3, 2, 1, 8, 7, 6, 5]);
    assert.deepEqual(bytes(Buffer.from([1, 2, 3, 4, 5, 6, 7, 8]).swap64()), [8, 7, 6, 5, 4, 3, 2, 1]);
    const b = Buffer.from([1, 2]);
    assert.equal(b.swap16(), b);
    throwsCode(() => Buffer.alloc(3).swap16(), RangeError, 'ERR_INVALID_BUFFER_SIZE', 'Buffer size must be a multiple of 16-bits');
    throwsCode(() => Buffer.alloc(6).swap32(), RangeError, 'ERR_INVALID_BUFFER_SIZE', 'Buffer size must be a multiple of 32-bits');
    throwsCode(() => Buffer.alloc(4).swap64(), RangeError, 'ERR_INVALID_BUFFER_SIZE', 'Buffer size must be a multiple of 64-bits');
  });

  // ------------------------------------------------------------------ inspect, iteration
  test('inspect shows hex bytes, up to INSPECT_MAX_BYTES', () => {
    assert.equal(Buffer.from('hello')[kInspect](), '<Buffer 68 65 6c 6c 6f>');
    assert.equal(Buffer.from('hi').inspect(), '<Buffer 68 69>');
    assert.equal(Buffer.alloc(0)[kInspect](), '<Buffer >');
    const extra = Buffer.from('ab');
    extra.foo = 1;
    assert.equal(extra[kInspect](0, {}, (v) => String(v)), '<Buffer 61 62, foo: 1>', 'own properties when util.inspect asks');
    assert.equal(extra[kInspect](), '<Buffer 61 62>');
    assert.equal(mod.INSPECT_MAX_BYTES, 50);
    assert.equal(Buffer.alloc(51)[kInspect](), `<Buffer ${'00 '.repeat(50)}... 1 more byte>`);
    assert.equal(Buffer.alloc(60)[kInspect](), `<Buffer ${'00 '.repeat(50)}... 10 more bytes>`);
    mod.INSPECT_MAX_BYTES = 2;
    try {
      assert.equal(Buffer.from('abc')[kInspect](), '<Buffer 61 62 ... 1 more byte>');
    } finally {
      mod.INSPECT_MAX_BYTES = 50;
    }
    throwsCode(() => {
      mod.INSPECT_MAX_BYTES = -1;
    }, RangeError, 'ERR_OUT_OF_RANGE');
  });

  test('keys, values, entries and for-of', () => {
    const b = Buffer.from([5, 6]);
    assert.deepEqual([...b.keys()], [0, 1]);
    assert.deepEqual([...b.values()], [5, 6]);
    assert.deepEqual([...b.entries()], [[0, 5], [1, 6]]);
    assert.deepEqual([...b], [5, 6]);
    const mapped = b.map((x) => x * 2);
    assert.ok(Buffer.isBuffer(mapped), 'species is Buffer');
    assert.deepEqual(bytes(mapped), [10, 12]);
  });

  test('parent and offset', () => {
    const ab = new ArrayBuffer(4);
    const b = Buffer.from(ab, 1, 2);
    assert.equal(b.parent, ab);
    assert.equal(b.offset, 1);
  });

  // ------------------------------------------------------------------ module functions
  test('module exports and constants', () => {
    assert.equal(mod.kMaxLength, 2 ** 32);
    assert.equal(mod.constants.MAX_LENGTH, mod.kMaxLength);
    assert.equal(mod.kStringMaxLength, 536870888);
    assert.equal(mod.constants.MAX_STRING_LENGTH, mod.kStringMaxLength);
    for (const name of ['Buffer', 'SlowBuffer', 'transcode', 'isUtf8', 'isAscii', 'atob', 'btoa', 'INSPECT_MAX_BYTES']) {
      assert.ok(name in mod, name);
    }
    const slow = mod.SlowBuffer(3);
    assert.ok(Buffer.isBuffer(slow));
    assert.equal(slow.length, 3);
  });

  test('atob and btoa (forgiving base64, Latin-1 only)', () => {
    assert.equal(mod.btoa('hello'), 'aGVsbG8=');
    assert.equal(mod.btoa('ÿ'), '/w==');
    assert.equal(mod.btoa(null), 'bnVsbA==');
    assert.equal(mod.atob('aGVsbG8='), 'hello');
    assert.equal(mod.atob(' aGVs bG8 '), 'hello');
    assert.equal(mod.atob('YQ'), 'a');
    assert.equal(mod.atob('YQ= ='), 'a');
    assert.equal(mod.atob('/w=='), 'ÿ');
    for (const [input, message] of [
      ['Y', 'The string to be decoded is not correctly encoded.'],
      ['9==', 'The string to be decoded is not correctly encoded.'],
      ['YQ=', 'Invalid character'],
      ['YQ===', 'Invalid character'],
      ['YQ=a', 'Invalid character'],
      ['-_', 'Invalid character'],
      ['a!', 'Invalid character'],
    ]) {
      const err = assert.throws(() => mod.atob(input));
      assert.equal(err.name, 'InvalidCharacterError', input);
      assert.equal(err.message, message, input);
    }
    const err = assert.throws(() => mod.btoa('€'));
    assert.equal(err.name, 'InvalidCharacterError');
    throwsCode(() => mod.atob(), TypeError, 'ERR_MISSING_ARGS', 'The "input" argument must be specified');
  });

  test('isUtf8 and isAscii', () => {
    assert.ok(mod.isUtf8(Buffer.from('héllo 😀')));
    assert.ok(mod.isUtf8(new Uint8Array(0)));
    assert.ok(!mod.isUtf8(new Uint8Array([0xe2, 0x82])));
    assert.ok(!mod.isUtf8(new Uint8Array([0xed, 0xa0, 0x80])));
    assert.ok(!mod.isUtf8(new Uint8Array([0xc0, 0x80])));
    assert.ok(mod.isUtf8(new Uint8Array([0x61]).buffer));
    assert.ok(mod.isAscii(Buffer.from('abc')));
    assert.ok(!mod.isAscii(Buffer.from('é')));
    assert.ok(mod.isAscii(new ArrayBuffer(2)));
    throwsCode(() => mod.isUtf8('a'), TypeError, 'ERR_INVALID_ARG_TYPE', 'The "input" argument must be an instance of ArrayBuffer, Buffer, or TypedArray. Received type string (\'a\')');
  });

  test('transcode between utf8, ucs2, latin1 and ascii', () => {
    const t = mod.transcode;
    assert.deepEqual(bytes(t(Buffer.from('€a'), 'utf8', 'ucs2')), [0xac, 0x20, 0x61, 0]);
    assert.deepEqual(bytes(t(Buffer.from('€a'), 'utf8', 'ascii')), [0x3f, 0x61]);
    assert.deepEqual(bytes(t(Buffer.from('😀'), 'utf8', 'latin1')), [0x3f]);
    assert.deepEqual(bytes(t(Buffer.from([0xe9, 0x41]), 'latin1', 'utf8')), [0xc3, 0xa9, 0x41]);
    assert.deepEqual(bytes(t(Buffer.from([0xe9, 0x41]), 'ascii', 'utf8')), [0xef, 0xbf, 0xbd, 0x41]);
    assert.deepEqual(bytes(t(Buffer.from([0xac, 0x20]), 'ucs2', 'utf8')), [0xe2, 0x82, 0xac]);
    assert.deepEqual(bytes(t(Buffer.from([0xe9, 0x80, 0x41]), 'utf8', 'utf8')), [0xef, 0xbf, 0xbd, 0x41]);
    assert.ok(Buffer.isBuffer(t(Buffer.from('a'), 'utf8', 'ucs2')));
    assert.equal(t(Buffer.alloc(0), 'utf8', 'hex').length, 0);
    const bad = assert.throws(() => t(Buffer.from([0xe9, 0x80]), 'utf8', 'ucs2'));
    assert.equal(bad.code, 'U_INVALID_CHAR_FOUND');
    assert.equal(bad.message, 'Unable to transcode Buffer [U_INVALID_CHAR_FOUND]');
    const unsupported = assert.throws(() => t(Buffer.from('ab'), 'utf8', 'hex'));
    assert.equal(unsupported.code, 'U_ILLEGAL_ARGUMENT_ERROR');
    throwsCode(() => t('ab', 'utf8', 'ucs2'), TypeError, 'ERR_INVALID_ARG_TYPE', 'The "source" argument must be an instance of Buffer or Uint8Array. Received type string (\'ab\')');
  });

  test('the global Buffer is the module\'s', () => {
    assert.equal(typeof globalThis.Buffer, 'function');
    assert.equal(globalThis.Buffer, Buffer);
    assert.equal(typeof globalThis.atob, 'function');
    assert.equal(typeof globalThis.btoa, 'function');
  });
})();
