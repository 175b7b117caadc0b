// node_crypto.test.js — `node:crypto` of js/jsc/51_node_crypto.js, against known-answer vectors
// (FIPS 180 examples, RFC 4231, RFC 6070, RFC 5869, NIST SP 800-38A and the GCM specification)
// and Node 20's errors (node js/jsc/tests/node-run.js runs the file on Node's own module).
(() => {
  'use strict';
  const internal = globalThis[Symbol.for('ferroute.internal')];
  const c = internal ? internal.builtin('crypto') : process.getBuiltinModule('node:crypto');

  const hex = (buf) => Array.from(new Uint8Array(buf.buffer ?? buf, buf.byteOffset ?? 0, buf.byteLength), (b) => b.toString(16).padStart(2, '0')).join('');
  const fromHex = (s) => Buffer.from(s, 'hex');
  /** The error `fn` throws, checked for its constructor name, code and message. */
  const throwsCoded = (fn, name, code, message) => {
    let error;
    try {
      fn();
    } catch (e) {
      error = e;
    }
    assert.ok(error !== undefined, `expected ${code} to be thrown`);
    assert.equal(error.name, name, String(error));
    assert.equal(error.code, code, String(error));
    if (message !== undefined) assert.equal(error.message, message);
    return error;
  };

  test('createHash: FIPS 180 and RFC 1321 examples, each digest encoding', () => {
    assert.equal(c.createHash('md5').update('').digest('hex'), 'd41d8cd98f00b204e9800998ecf8427e');
    assert.equal(c.createHash('md5').update('abc').digest('hex'), '900150983cd24fb0d6963f7d28e17f72');
    assert.equal(c.createHash('sha1').update('abc').digest('hex'), 'a9993e364706816aba3e25717850c26c9cd0d89d');
    assert.equal(c.createHash('sha224').update('abc').digest('hex'), '23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7');
    assert.equal(c.createHash('sha256').update('abc').digest('hex'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    assert.equal(c.createHash('sha384').update('abc').digest('hex'), 'cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7');
    assert.equal(c.createHash('sha512').update('abc').digest('hex'), 'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f');
    assert.equal(c.createHash('sha256').update('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq').digest('base64'), 'JI1qYdIGOLjlwCaTDD5gOaM85Flk/yFn9uzt1BnbBsE=');
    assert.equal(c.createHash('SHA-256').update('a').digest('base64url'), 'ypeBEsobvcr6wjGzmiPcTaeG7_gUfE5yuYB3ha_uSLs');
    assert.equal(c.createHash('RSA-SHA1').update('a').digest('hex'), '86f7e437faa5a7fce15d1ddcb9eaeaea377667b8');
    const d = c.createHash('sha1').update('abc').digest();
    assert.ok(Buffer.isBuffer(d));
    assert.equal(d.length, 20);
    assert.equal(c.createHash('sha1').update('abc').digest('buffer').length, 20);
    assert.equal(c.createHash('md5').update('abc').digest('latin1').length, 16);
  });

  test('createHash: update takes strings in an encoding, Buffers, typed arrays and DataViews, chunk by chunk', () => {
    const whole = c.createHash('sha256').update('hello world').digest('hex');
    assert.equal(c.createHash('sha256').update('hello').update(' ').update(Buffer.from('world')).digest('hex'), whole);
    assert.equal(c.createHash('sha256').update('68656c6c6f20776f726c64', 'hex').digest('hex'), whole);
    assert.equal(c.createHash('sha256').update('aGVsbG8gd29ybGQ=', 'base64').digest('hex'), whole);
    assert.equal(c.createHash('sha256').update(new Uint16Array(new Uint8Array(Buffer.from('hello world!')).buffer)).digest('hex'),
      c.createHash('sha256').update('hello world!').digest('hex'));
    const bytes = new TextEncoder().encode('xhello worldx');
    assert.equal(c.createHash('sha256').update(new DataView(bytes.buffer, 1, 11)).digest('hex'), whole);
    assert.equal(c.createHash('md5').update('é', 'latin1').digest('base64url'), 'NAaHdpRpHd0d-wrKVGgUBw');
    assert.equal(c.createHash('md5').update('é').digest('hex'), c.createHash('md5').update(Buffer.from([0xc3, 0xa9])).digest('hex'));
    // A million bytes, streamed in uneven pieces (FIPS 180-2 long example).
    const h = c.createHash('sha1');
    const piece = 'a'.repeat(9999);
    let n = 0;
    while (n + piece.length <= 1e6) {
      h.update(piece);
      n += piece.length;
    }
    h.update('a'.repeat(1e6 - n));
    assert.equal(h.digest('hex'), '34aa973cd4c4daa4f61eeb2bdbad27316534016f');
  });

  test('createHash: copy forks the state; digest ends it (ERR_CRYPTO_HASH_FINALIZED)', () => {
    const h = c.createHash('sha256').update('ab');
    const copy = h.copy();
    assert.ok(copy instanceof c.Hash);
    h.update('c');
    assert.equal(h.digest('hex'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    assert.equal(copy.digest('hex'), c.createHash('sha256').update('ab').digest('hex'));
    throwsCoded(() => h.digest(), 'Error', 'ERR_CRYPTO_HASH_FINALIZED', 'Digest already called');
    throwsCoded(() => h.update('a'), 'Error', 'ERR_CRYPTO_HASH_FINALIZED');
    throwsCoded(() => h.copy(), 'Error', 'ERR_CRYPTO_HASH_FINALIZED');
  });

  test('createHash: argument errors', () => {
    let e;
    try {
      c.createHash('nope');
    } catch (err) {
      e = err;
    }
    assert.equal(e && e.message, 'Digest method not supported');
    throwsCoded(() => c.createHash(), 'TypeError', 'ERR_INVALID_ARG_TYPE', 'The "algorithm" argument must be of type string. Received undefined');
    throwsCoded(() => c.createHash('sha1').update(1), 'TypeError', 'ERR_INVALID_ARG_TYPE',
      'The "data" argument must be of type string or an instance of Buffer, TypedArray, or DataView. Received type number (1)');
    assert.ok(c.getHashes().includes('sha256'));
    assert.ok(c.getHashes().includes('md5'));
  });

  test('createHmac: RFC 4231 test cases 1, 2, 4, 6 and 7', () => {
    const key1 = fromHex('0b'.repeat(20));
    assert.equal(c.createHmac('sha224', key1).update('Hi There').digest('hex'), '896fb1128abbdf196832107cd49df33f47b4b1169912ba4f53684b22');
    assert.equal(c.createHmac('sha256', key1).update('Hi There').digest('hex'), 'b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7');
    assert.equal(c.createHmac('sha384', key1).update('Hi There').digest('hex'), 'afd03944d84895626b0825f4ab46907f15f9dadbe4101ec682aa034c7cebc59cfaea9ea9076ede7f4af152e8b2fa9cb6');
    assert.equal(c.createHmac('sha512', key1).update('Hi There').digest('hex'), '87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cdedaa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854');
    assert.equal(c.createHmac('sha256', 'Jefe').update('what do ya want ').update('for nothing?').digest('hex'), '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
    const key4 = fromHex('0102030405060708090a0b0c0d0e0f10111213141516171819');
    assert.equal(c.createHmac('sha256', key4).update(Buffer.alloc(50, 0xcd)).digest('hex'), '82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b');
    const key6 = Buffer.alloc(131, 0xaa);
    assert.equal(c.createHmac('sha256', key6).update('Test Using Larger Than Block-Size Key - Hash Key First').digest('hex'), '60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54');
    assert.equal(c.createHmac('sha512', key6).update('This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.').digest('hex'),
      'e37b6a775dc87dbaa4dfa9f96e5e3ffddebd71f8867289865df5a32d20cdc944b6022cac3c4982b10d5eeb55c3e4de15134676fb6de0446065c97440fa8c6a58');
  });

  test('createHmac: md5 and sha1, keys of each type, digest twice, errors', () => {
    assert.equal(c.createHmac('md5', 'key').update('The quick brown fox jumps over the lazy dog').digest('hex'), '80070713463e7749b90c2dc24911e275');
    assert.equal(c.createHmac('sha1', 'key').update('The quick brown fox jumps over the lazy dog').digest('hex'), 'de7c9b85b8b78aa6bc8a7a36f70a90701c9db4d9');
    const expected = c.createHmac('sha256', 'key').update('x').digest('hex');
    assert.equal(c.createHmac('sha256', Buffer.from('key')).update('x').digest('hex'), expected);
    assert.equal(c.createHmac('sha256', new Uint8Array(Buffer.from('key')).buffer).update('x').digest('hex'), expected);
    assert.equal(c.createHmac('sha256', '').update('x').digest('hex'), c.createHmac('sha256', Buffer.alloc(0)).update('x').digest('hex'));
    const h = c.createHmac('sha1', 'k');
    h.digest();
    assert.equal(h.digest('hex'), '');
    assert.equal(h.digest().length, 0);
    throwsCoded(() => h.update('a'), 'Error', 'ERR_CRYPTO_HASH_FINALIZED');
    throwsCoded(() => c.createHmac('nope', 'k'), 'TypeError', 'ERR_CRYPTO_INVALID_DIGEST', 'Invalid digest: nope');
    throwsCoded(() => c.createHmac('sha1'), 'TypeError', 'ERR_INVALID_ARG_TYPE',
      'The "key" argument must be of type string or an instance of ArrayBuffer, Buffer, TypedArray, DataView, KeyObject, or CryptoKey. Received undefined');
    throwsCoded(() => c.createHmac('sha1', 5), 'TypeError', 'ERR_INVALID_ARG_TYPE');
  });

  test('randomBytes, randomFillSync, randomFill: sizes, ranges and errors', async () => {
    const b = c.randomBytes(32);
    assert.ok(Buffer.isBuffer(b));
    assert.equal(b.length, 32);
    assert.notEqual(b.toString('hex'), c.randomBytes(32).toString('hex'));
    assert.equal(c.randomBytes(0).length, 0);
    assert.equal(c.randomBytes(100000).length, 100000);
    const viaCallback = await new Promise((resolve, reject) => c.randomBytes(8, (err, buf) => (err ? reject(err) : resolve(buf))));
    assert.equal(viaCallback.length, 8);
    throwsCoded(() => c.randomBytes(-1), 'RangeError', 'ERR_OUT_OF_RANGE', 'The value of "size" is out of range. It must be >= 0 && <= 2147483647. Received -1');
    throwsCoded(() => c.randomBytes('1'), 'TypeError', 'ERR_INVALID_ARG_TYPE', 'The "size" argument must be of type number. Received type string (\'1\')');
    throwsCoded(() => c.randomBytes(1, 'x'), 'TypeError', 'ERR_INVALID_ARG_TYPE');
    const buf = Buffer.alloc(16);
    assert.ok(c.randomFillSync(buf, 4, 8) === buf);
    assert.ok(buf.subarray(0, 4).every((x) => x === 0) && buf.subarray(12).every((x) => x === 0));
    const words = new Uint32Array(8);
    c.randomFillSync(words, 2, 2);
    assert.ok(words[0] === 0 && words[1] === 0 && words[4] === 0);
    assert.ok(words[2] !== 0 || words[3] !== 0);
    const ab = new ArrayBuffer(8);
    c.randomFillSync(ab);
    assert.ok(new Uint8Array(ab).some((x) => x !== 0));
    throwsCoded(() => c.randomFillSync(Buffer.alloc(4), 5), 'RangeError', 'ERR_OUT_OF_RANGE');
    throwsCoded(() => c.randomFillSync(Buffer.alloc(4), 1, 4), 'RangeError', 'ERR_OUT_OF_RANGE');
    throwsCoded(() => c.randomFillSync('x'), 'TypeError', 'ERR_INVALID_ARG_TYPE');
    const filled = await new Promise((resolve, reject) => c.randomFill(Buffer.alloc(8), (err, x) => (err ? reject(err) : resolve(x))));
    assert.ok(filled.some((x) => x !== 0));
    const big = c.randomFillSync(Buffer.alloc(200000));
    assert.ok(big.subarray(190000).some((x) => x !== 0));
  });

  test('randomInt: range, uniformity and errors', async () => {
    const counts = [0, 0, 0, 0, 0];
    for (let i = 0; i < 5000; i++) counts[c.randomInt(5)]++;
    assert.ok(counts.every((n) => n > 850 && n < 1150), JSON.stringify(counts));
    for (let i = 0; i < 200; i++) {
      const v = c.randomInt(-3, 3);
      assert.ok(Number.isInteger(v) && v >= -3 && v < 3);
    }
    assert.equal(c.randomInt(7, 8), 7);
    const viaCallback = await new Promise((resolve, reject) => c.randomInt(10, (err, n) => (err ? reject(err) : resolve(n))));
    assert.ok(viaCallback >= 0 && viaCallback < 10);
    throwsCoded(() => c.randomInt(10, 5), 'RangeError', 'ERR_OUT_OF_RANGE', 'The value of "max" is out of range. It must be greater than the value of "min" (10). Received 5');
    throwsCoded(() => c.randomInt(1.5), 'TypeError', 'ERR_INVALID_ARG_TYPE', 'The "max" argument must be a safe integer. Received type number (1.5)');
    throwsCoded(() => c.randomInt(0, 2 ** 48), 'RangeError', 'ERR_OUT_OF_RANGE', 'The value of "max - min" is out of range. It must be <= 281474976710655. Received 281_474_976_710_656');
  });

  test('randomUUID, getRandomValues, webcrypto and subtle', () => {
    assert.ok(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(c.randomUUID()));
    assert.equal(c.getRandomValues(new Uint8Array(4)).length, 4);
    assert.ok(c.webcrypto === globalThis.crypto);
    assert.ok(c.subtle === globalThis.crypto.subtle);
  });

  test('timingSafeEqual', () => {
    assert.equal(c.timingSafeEqual(Buffer.from('abc'), Buffer.from('abc')), true);
    assert.equal(c.timingSafeEqual(Buffer.from('abc'), Buffer.from('abd')), false);
    assert.equal(c.timingSafeEqual(new Uint16Array([1, 2]), new Uint8Array([1, 0, 2, 0])), true);
    throwsCoded(() => c.timingSafeEqual(Buffer.from('a'), Buffer.from('ab')), 'RangeError', 'ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH', 'Input buffers must have the same byte length');
    throwsCoded(() => c.timingSafeEqual('a', 'a'), 'TypeError', 'ERR_INVALID_ARG_TYPE');
  });

  test('pbkdf2Sync: RFC 6070 vectors; pbkdf2 with a callback; errors', async () => {
    assert.equal(c.pbkdf2Sync('password', 'salt', 1, 20, 'sha1').toString('hex'), '0c60c80f961f0e71f3a9b524af6012062fe037a6');
    assert.equal(c.pbkdf2Sync('password', 'salt', 2, 20, 'sha1').toString('hex'), 'ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957');
    assert.equal(c.pbkdf2Sync('password', 'salt', 4096, 20, 'sha1').toString('hex'), '4b007901b765489abead49d926f721d065a429c1');
    assert.equal(c.pbkdf2Sync('passwordPASSWORDpassword', 'saltSALTsaltSALTsaltSALTsaltSALTsalt', 4096, 25, 'sha1').toString('hex'), '3d2eec4fe41c849b80c8d83662c0e44a8b291a964cf2f07038');
    assert.equal(c.pbkdf2Sync('pass\0word', 'sa\0lt', 4096, 16, 'sha1').toString('hex'), '56fa6aa75548099dcc37d7f03425e0c3');
    assert.equal(c.pbkdf2Sync('password', 'salt', 1, 32, 'sha256').toString('hex'), '120fb6cffcf8b32c43e7225256c4f837a86548c92ccc35480805987cb70be17b');
    assert.equal(c.pbkdf2Sync('password', 'salt', 1, 0, 'sha256').length, 0);
    const viaCallback = await new Promise((resolve, reject) => c.pbkdf2('password', 'salt', 2, 20, 'sha1', (err, key) => (err ? reject(err) : resolve(key))));
    assert.equal(viaCallback.toString('hex'), 'ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957');
    throwsCoded(() => c.pbkdf2Sync('a', 'b', 0, 10, 'sha1'), 'RangeError', 'ERR_OUT_OF_RANGE', 'The value of "iterations" is out of range. It must be >= 1 && <= 2147483647. Received 0');
    throwsCoded(() => c.pbkdf2Sync('a', 'b', 1, 10, 'nope'), 'TypeError', 'ERR_CRYPTO_INVALID_DIGEST', 'Invalid digest: nope');
    throwsCoded(() => c.pbkdf2Sync('a', 'b', 1, 10), 'TypeError', 'ERR_INVALID_ARG_TYPE', 'The "digest" argument must be of type string. Received undefined');
    throwsCoded(() => c.pbkdf2('a', 'b', 1, 10, 'sha1'), 'TypeError', 'ERR_INVALID_ARG_TYPE');
  });

  test('hkdfSync: RFC 5869 test cases 1 and 3; hkdf with a callback; errors', async () => {
    const okm = c.hkdfSync('sha256', fromHex('0b'.repeat(22)), fromHex('000102030405060708090a0b0c'), fromHex('f0f1f2f3f4f5f6f7f8f9'), 42);
    assert.ok(okm instanceof ArrayBuffer);
    assert.equal(hex(new Uint8Array(okm)), '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865');
    assert.equal(hex(new Uint8Array(c.hkdfSync('sha256', fromHex('0b'.repeat(22)), '', '', 42))),
      '8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8');
    assert.equal(hex(new Uint8Array(c.hkdfSync('sha256', 'key', 'salt', 'info', 10))), '9ca0d662557439e3b833');
    const viaCallback = await new Promise((resolve, reject) => c.hkdf('sha512', 'key', 'salt', 'info', 16, (err, key) => (err ? reject(err) : resolve(key))));
    assert.equal(viaCallback.byteLength, 16);
    throwsCoded(() => c.hkdfSync('sha256', 'key', 'salt', 'info', 255 * 32 + 1), 'RangeError', 'ERR_CRYPTO_INVALID_KEYLEN', 'Invalid key length');
    throwsCoded(() => c.hkdfSync('nope', 'key', 'salt', 'info', 10), 'TypeError', 'ERR_CRYPTO_INVALID_DIGEST', 'Invalid digest: nope');
  });

  test('AES-CBC: NIST SP 800-38A F.2 vectors, PKCS#7 padding, streaming in odd pieces', () => {
    const key = fromHex('2b7e151628aed2a6abf7158809cf4f3c');
    const iv = fromHex('000102030405060708090a0b0c0d0e0f');
    const plain = fromHex('6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51');
    const enc = c.createCipheriv('aes-128-cbc', key, iv).setAutoPadding(false);
    assert.equal(Buffer.concat([enc.update(plain), enc.final()]).toString('hex'), '7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b2');
    const key256 = fromHex('603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4');
    const enc256 = c.createCipheriv('aes-256-cbc', key256, iv);
    enc256.setAutoPadding(false);
    assert.equal(enc256.update(plain.subarray(0, 16), undefined, 'hex') + enc256.final('hex'), 'f58c4c04d6e5f1ba779eabfb5f7bfbd6');
    const key192 = fromHex('8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b');
    const enc192 = c.createCipheriv('aes-192-cbc', key192, iv).setAutoPadding(false);
    assert.equal(enc192.update(plain.subarray(0, 16)).toString('hex'), '4f021db243bc633d7178183a9fa071e8');
    // With padding, round trips at every length, fed in pieces of 1, 7 and 16 bytes.
    for (const len of [0, 1, 15, 16, 17, 31, 32, 100]) {
      const msg = Buffer.alloc(len, 0x61);
      const e = c.createCipheriv('aes-128-cbc', key, iv);
      const ct = Buffer.concat([e.update(msg), e.final()]);
      assert.equal(ct.length, (Math.floor(len / 16) + 1) * 16);
      for (const step of [1, 7, 16]) {
        const d = c.createDecipheriv('aes-128-cbc', key, iv);
        const parts = [];
        for (let i = 0; i < ct.length; i += step) parts.push(d.update(ct.subarray(i, i + step)));
        parts.push(d.final());
        assert.equal(Buffer.concat(parts).toString('hex'), msg.toString('hex'), `length ${len}, step ${step}`);
      }
    }
    assert.equal(c.createCipheriv('aes-128-cbc', key, iv).update('hello', 'utf8', 'hex'), '');
    const e = c.createCipheriv('aes-128-cbc', key, iv);
    const b64 = e.update('hello', 'utf8', 'base64') + e.final('base64');
    const d = c.createDecipheriv('aes-128-cbc', key, iv);
    assert.equal(d.update(b64, 'base64', 'utf8') + d.final('utf8'), 'hello');
  });

  test('AES-CBC errors: bad decrypt, wrong final block length, keys, IVs, states', () => {
    const key = Buffer.alloc(16);
    const iv = Buffer.alloc(16);
    let d = c.createDecipheriv('aes-128-cbc', key, iv);
    d.update(Buffer.alloc(16));
    const bad = throwsCoded(() => d.final(), 'Error', 'ERR_OSSL_BAD_DECRYPT', 'error:1C800064:Provider routines::bad decrypt');
    assert.equal(bad.reason, 'bad decrypt');
    d = c.createDecipheriv('aes-128-cbc', key, iv);
    d.update(Buffer.alloc(15));
    throwsCoded(() => d.final(), 'Error', 'ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH', 'error:1C80006B:Provider routines::wrong final block length');
    const e = c.createCipheriv('aes-128-cbc', key, iv);
    e.setAutoPadding(false);
    e.update(Buffer.alloc(15));
    throwsCoded(() => e.final(), 'Error', 'ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH');
    throwsCoded(() => c.createCipheriv('aes-128-cbc', Buffer.alloc(15), iv), 'RangeError', 'ERR_CRYPTO_INVALID_KEYLEN', 'Invalid key length');
    throwsCoded(() => c.createCipheriv('aes-128-cbc', key, Buffer.alloc(15)), 'TypeError', 'ERR_CRYPTO_INVALID_IV', 'Invalid initialization vector');
    throwsCoded(() => c.createCipheriv('aes-128-xyz', key, iv), 'Error', 'ERR_CRYPTO_UNKNOWN_CIPHER', 'Unknown cipher');
    const done = c.createCipheriv('aes-128-ctr', key, iv);
    done.final();
    throwsCoded(() => done.final(), 'Error', 'ERR_CRYPTO_INVALID_STATE', 'Invalid state');
    let error;
    try {
      done.update('a');
    } catch (err) {
      error = err;
    }
    assert.equal(error && error.message, 'Trying to add data in unsupported state');
  });

  test('AES-CTR: NIST SP 800-38A F.5.1 and F.5.5, the counter carries across all 128 bits', () => {
    const key = fromHex('2b7e151628aed2a6abf7158809cf4f3c');
    const ctr = fromHex('f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff');
    const plain = fromHex('6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e5130c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710');
    const e = c.createCipheriv('aes-128-ctr', key, ctr);
    const ct = Buffer.concat([e.update(plain.subarray(0, 5)), e.update(plain.subarray(5, 40)), e.update(plain.subarray(40)), e.final()]);
    assert.equal(ct.toString('hex'), '874d6191b620e3261bef6864990db6ce9806f66b7970fdff8617187bb9fffdff5ae4df3edbd5d35e5b4f09020db03eab1e031dda2fbe03d1792170a0f3009cee');
    const key256 = fromHex('603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4');
    assert.equal(c.createCipheriv('aes-256-ctr', key256, ctr).update(plain.subarray(0, 16)).toString('hex'), '601ec313775789a5b7a7f504bbf3d228');
    const allOnes = Buffer.alloc(16, 0xff);
    const wrap = c.createCipheriv('aes-128-ctr', key, allOnes).update(Buffer.alloc(32));
    assert.equal(wrap.subarray(16).toString('hex'), c.createCipheriv('aes-128-ctr', key, Buffer.alloc(16)).update(Buffer.alloc(16)).toString('hex'));
    const d = c.createDecipheriv('aes-128-ctr', key, ctr);
    assert.equal(Buffer.concat([d.update(ct), d.final()]).toString('hex'), plain.toString('hex'));
  });

  test('AES-GCM: the GCM specification test cases 2, 4 and 16; AAD; tags; tampering', () => {
    const tc2 = c.createCipheriv('aes-128-gcm', Buffer.alloc(16), Buffer.alloc(12));
    assert.equal(Buffer.concat([tc2.update(Buffer.alloc(16)), tc2.final()]).toString('hex'), '0388dace60b6a392f328c2b971b2fe78');
    assert.equal(tc2.getAuthTag().toString('hex'), 'ab6e47d42cec13bdf53a67b21257bddf');
    const key = fromHex('feffe9928665731c6d6a8f9467308308');
    const iv = fromHex('cafebabefacedbaddecaf888');
    const aad = fromHex('feedfacedeadbeeffeedfacedeadbeefabaddad2');
    const plain = fromHex('d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39');
    const e = c.createCipheriv('aes-128-gcm', key, iv).setAAD(aad);
    const ct = Buffer.concat([e.update(plain.subarray(0, 20)), e.update(plain.subarray(20)), e.final()]);
    assert.equal(ct.toString('hex'), '42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091');
    const tag = e.getAuthTag();
    assert.equal(tag.toString('hex'), '5bc94fbc3221a5db94fae95ae7121a47');
    const key256 = fromHex('feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308');
    const e256 = c.createCipheriv('aes-256-gcm', key256, iv).setAAD(aad);
    assert.equal(Buffer.concat([e256.update(plain), e256.final()]).toString('hex'),
      '522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662');
    assert.equal(e256.getAuthTag().toString('hex'), '76fc6ece0f4e1768cddf8853bb2d551b');
    const d = c.createDecipheriv('aes-128-gcm', key, iv).setAAD(aad).setAuthTag(tag);
    assert.equal(Buffer.concat([d.update(ct), d.final()]).toString('hex'), plain.toString('hex'));
    // A truncated tag (authTagLength 12) is checked as a prefix.
    const short = c.createDecipheriv('aes-128-gcm', key, iv, { authTagLength: 12 }).setAAD(aad);
    short.setAuthTag(tag.subarray(0, 12));
    short.update(ct);
    short.final();
    const shortEnc = c.createCipheriv('aes-128-gcm', key, iv, { authTagLength: 8 });
    shortEnc.final();
    assert.equal(shortEnc.getAuthTag().length, 8);
    const failing = [
      (x) => x.setAAD(aad).setAuthTag(Buffer.from(tag).fill(0, 0, 1)).update(ct),
      (x) => x.setAuthTag(tag).update(ct),
      (x) => x.setAAD(aad).setAuthTag(tag).update(Buffer.concat([ct.subarray(0, 10), Buffer.from([ct[10] ^ 1]), ct.subarray(11)])),
      (x) => x.setAAD(aad).update(ct),
    ];
    for (const run of failing) {
      const x = c.createDecipheriv('aes-128-gcm', key, iv);
      run(x);
      let error;
      try {
        x.final();
      } catch (err) {
        error = err;
      }
      assert.equal(error && error.message, 'Unsupported state or unable to authenticate data');
    }
    throwsCoded(() => c.createCipheriv('aes-128-gcm', key, iv).getAuthTag(), 'Error', 'ERR_CRYPTO_INVALID_STATE', 'Invalid state for operation getAuthTag');
    throwsCoded(() => c.createDecipheriv('aes-128-gcm', key, iv).setAuthTag(Buffer.alloc(3)), 'TypeError', 'ERR_CRYPTO_INVALID_AUTH_TAG', 'Invalid authentication tag length: 3');
    assert.equal(typeof c.createCipheriv('aes-128-gcm', key, iv).setAuthTag, 'undefined');
    assert.equal(typeof c.createDecipheriv('aes-128-gcm', key, iv).getAuthTag, 'undefined');
  });
})();
