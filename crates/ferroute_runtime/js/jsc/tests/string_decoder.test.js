// Tests of node:string_decoder (js/jsc/32_string_decoder.js on JavaScriptCore; Node's own
// module under `node-runner.js --node`, which is where these expectations come from).
(() => {
  'use strict';
  const internal = globalThis[Symbol.for('ferroute.internal')];
  const { StringDecoder } = internal.platformModules.string_decoder();
  const { Buffer } = internal.platformModules.buffer();
  const u8 = (...b) => new Uint8Array(b);

  /** Decodes `chunks` one write each, then end(); returns every result. */
  function decode(encoding, chunks) {
    const d = new StringDecoder(encoding);
    const out = chunks.map((c) => d.write(c));
    out.push(d.end());
    return out;
  }

  test('encoding names', () => {
    assert.equal(new StringDecoder().encoding, 'utf8');
    assert.equal(new StringDecoder(null).encoding, 'utf8');
    assert.equal(new StringDecoder('UTF-8').encoding, 'utf8');
    assert.equal(new StringDecoder('UCS2').encoding, 'utf16le');
    assert.equal(new StringDecoder('utf-16le').encoding, 'utf16le');
    assert.equal(new StringDecoder('binary').encoding, 'latin1');
    assert.equal(new StringDecoder('base64url').encoding, 'base64url');
    assert.equal(new StringDecoder('HEX').encoding, 'hex');
    for (const bad of ['foo', 1, 'utf16']) {
      const err = assert.throws(() => new StringDecoder(bad), TypeError);
      assert.equal(err.code, 'ERR_UNKNOWN_ENCODING');
      assert.equal(err.message, `Unknown encoding: ${bad}`);
    }
    assert.deepEqual(Object.keys(new StringDecoder('hex')).slice(0, 1), ['encoding']);
  });

  test('utf8: characters split across writes wait for their bytes', () => {
    assert.deepEqual(decode('utf8', [u8(0xe2), u8(0x82), u8(0xac)]), ['', '', '€', '']);
    assert.deepEqual(decode('utf8', [u8(0x61, 0xf0, 0x9f), u8(0x98, 0x80, 0x62)]), ['a', '😀b', '']);
    assert.deepEqual(decode('utf8', [Buffer.from('héllo')]), ['héllo', '']);
    const d = new StringDecoder('utf8');
    assert.equal(d.write(u8(0xe2)), '');
    assert.equal(d.lastNeed, 2);
    assert.equal(d.lastTotal, 3);
    assert.deepEqual(Array.from(d.lastChar), [0xe2, 0, 0, 0]);
    assert.ok(Buffer.isBuffer(d.lastChar));
    assert.equal(d.write(u8(0x82)), '');
    assert.equal(d.lastNeed, 1);
    assert.equal(d.lastTotal, 3);
    assert.equal(d.write(u8(0xac, 0x61)), '€a');
    assert.equal(d.lastNeed, 0);
    assert.equal(d.end(), '');
  });

  test('utf8: malformed and unfinished input as Node replaces it', () => {
    assert.deepEqual(decode('utf8', [u8(0xe2, 0x82)]), ['', '\ufffd']);
    assert.deepEqual(decode('utf8', [u8(0xe2), u8(0x41)]), ['', '\ufffdA', '']);
    assert.deepEqual(decode('utf8', [u8(0xf0, 0x9f), u8(0x98, 0x41)]), ['', '\ufffdA', '']);
    assert.deepEqual(decode('utf8', [u8(0xff, 0x41)]), ['\ufffdA', '']);
    assert.deepEqual(decode('utf8', [u8(0x80, 0x80)]), ['\ufffd\ufffd', '']);
    assert.deepEqual(decode('utf8', [u8(0xc3)]), ['', '\ufffd']);
    assert.deepEqual(decode('utf8', [u8(0xed, 0xa0), u8(0x80)]), ['', '\ufffd\ufffd\ufffd', '']);
    assert.deepEqual(decode('utf8', [u8(0xe2), u8(0xe2), u8(0x82, 0xac)]), ['', '\ufffd', '€', '']);
    assert.deepEqual(decode('utf8', [u8(0x61, 0x80, 0x80, 0x80, 0x80)]), ['a\ufffd\ufffd\ufffd\ufffd', '']);
  });

  test('utf16le: odd bytes and surrogate pairs split across writes', () => {
    assert.deepEqual(decode('utf16le', [u8(0x61), u8(0x00, 0x62), u8(0x00)]), ['', 'a', 'b', '']);
    assert.deepEqual(decode('utf16le', [u8(0x3d, 0xd8), u8(0x00), u8(0xde)]), ['', '', '😀', '']);
    const d = new StringDecoder('utf16le');
    assert.equal(d.write(u8(0x3d, 0xd8)), '');
    assert.equal(d.lastNeed, 2);
    assert.equal(d.lastTotal, 4);
    assert.equal(d.end(), '\ud83d', 'a lone high surrogate comes out at the end');
    assert.deepEqual(decode('utf16le', [u8(0x3d, 0xd8, 0x61)]), ['\ud83d', '']);
    assert.deepEqual(decode('utf16le', [u8(0x61)]), ['', ''], 'a single trailing byte is dropped');
    assert.deepEqual(decode('ucs2', [Buffer.from('ab€', 'ucs2')]), ['ab€', '']);
  });

  test('base64 and base64url: groups of three bytes', () => {
    assert.deepEqual(decode('base64', [Buffer.from('ab')]), ['', 'YWI=']);
    assert.deepEqual(decode('base64', [Buffer.from('ab'), Buffer.from('cd')]), ['', 'YWJj', 'ZA==']);
    assert.deepEqual(decode('base64', [Buffer.from('abcdef')]), ['YWJjZGVm', '']);
    assert.deepEqual(decode('base64url', [u8(0xff, 0xfe), u8(0xfd, 0xfc)]), ['', '__79', '_A']);
    const d = new StringDecoder('base64');
    d.write(Buffer.from('a'));
    assert.equal(d.lastNeed, 2);
    assert.equal(d.lastTotal, 3);
  });

  test('hex, latin1 and ascii decode each chunk whole', () => {
    assert.deepEqual(decode('hex', [u8(0xde, 0xad), u8(0xbe)]), ['dead', 'be', '']);
    assert.deepEqual(decode('latin1', [u8(0xe9, 0x61)]), ['éa', '']);
    assert.deepEqual(decode('ascii', [u8(0xe9, 0x61)]), ['ia', '']);
  });

  test('write() takes strings, typed arrays and DataViews', () => {
    const d = new StringDecoder('utf8');
    assert.equal(d.write('already text'), 'already text');
    assert.equal(d.write(new Uint16Array([0x6261])), 'ab');
    assert.equal(d.write(new DataView(u8(0x63).buffer)), 'c');
    assert.equal(d.write(Buffer.from('xyz').subarray(1)), 'yz');
    const err = assert.throws(() => d.write(1), TypeError);
    assert.equal(err.code, 'ERR_INVALID_ARG_TYPE');
    assert.equal(err.message, 'The "buf" argument must be an instance of Buffer, TypedArray, or DataView. Received type number (1)');
  });

  test('end(buf) and text(buf, offset)', () => {
    const d = new StringDecoder('utf8');
    assert.equal(d.write(u8(0xe2, 0x82)), '');
    assert.equal(d.end(u8(0xac)), '€');
    assert.equal(d.end('x'), 'x');
    assert.equal(d.write(u8(0xe2)), '');
    assert.equal(d.text(Buffer.from('abc'), 1), 'bc', 'text() forgets what was held');
    assert.equal(d.end(), '');
  });

  test('a decoder is reusable after end()', () => {
    const d = new StringDecoder('utf8');
    d.write(u8(0xe2));
    assert.equal(d.end(), '\ufffd');
    assert.equal(d.write(Buffer.from('ok')), 'ok');
    assert.equal(d.lastNeed, 0);
  });
})();
