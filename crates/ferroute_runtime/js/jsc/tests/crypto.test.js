// crypto.test.js — the Web Crypto global (`crypto`, `Crypto`, `crypto.subtle`) of
// js/jsc/50_crypto.js and 52_subtle.js. Expected values are Node 20's (node js/jsc/tests/node-run.js).
(() => {
  'use strict';

  const hex = (buf) => Array.from(new Uint8Array(buf), (b) => b.toString(16).padStart(2, '0')).join('');
  const fromHex = (s) => new Uint8Array(s.match(/../g).map((h) => parseInt(h, 16)));
  const text = (s) => new TextEncoder().encode(s);
  /** The error `fn` throws, checked to be a DOMException (or an error) named `name`. */
  const throwsNamed = (fn, name) => {
    let error;
    try {
      fn();
    } catch (e) {
      error = e;
    }
    assert.ok(error !== undefined, `expected ${name} to be thrown`);
    assert.equal(error.name, name, String(error));
    return error;
  };
  /** The reason `promise` rejects with, checked to be named `name`. */
  const rejectsNamed = async (promise, name) => {
    let error;
    try {
      await (typeof promise === 'function' ? promise() : promise);
    } catch (e) {
      error = e;
    }
    assert.ok(error !== undefined, `expected a rejection with ${name}`);
    assert.equal(error.name, name, String(error && error.message));
    return error;
  };

  test('crypto is a Crypto with getRandomValues, randomUUID and subtle', () => {
    assert.ok(crypto instanceof Crypto);
    assert.equal(typeof crypto.getRandomValues, 'function');
    assert.equal(typeof crypto.randomUUID, 'function');
    assert.deepEqual(Object.getOwnPropertyNames(Crypto.prototype).sort(), ['constructor', 'getRandomValues', 'randomUUID', 'subtle']);
    assert.throws(() => new Crypto(), TypeError);
    assert.ok(crypto.subtle instanceof SubtleCrypto);
    assert.ok(crypto.subtle === crypto.subtle);
    assert.throws(() => new SubtleCrypto(), TypeError);
    assert.throws(() => new CryptoKey(), TypeError);
  });

  test('getRandomValues fills integer typed arrays in place and returns them', () => {
    for (const Type of [Int8Array, Uint8Array, Uint8ClampedArray, Int16Array, Uint16Array, Int32Array, Uint32Array, BigInt64Array, BigUint64Array]) {
      const a = new Type(64);
      assert.ok(crypto.getRandomValues(a) === a, Type.name);
      assert.ok(a.some((v) => v !== 0 && v !== 0n), Type.name);
    }
    const buf = new Uint8Array(32);
    const view = new Uint8Array(buf.buffer, 8, 8);
    crypto.getRandomValues(view);
    assert.ok(buf.subarray(0, 8).every((v) => v === 0));
    assert.ok(buf.subarray(16).every((v) => v === 0));
    assert.deepEqual(crypto.getRandomValues(new Uint8Array(0)).length, 0);
  });

  test('getRandomValues rejects non-integer views with TypeMismatchError', () => {
    for (const bad of [new Float32Array(1), new Float64Array(1), new DataView(new ArrayBuffer(2)), [1, 2], new ArrayBuffer(2), null, 'x']) {
      assert.ok(throwsNamed(() => crypto.getRandomValues(bad), 'TypeMismatchError') instanceof DOMException);
    }
    assert.throws(() => crypto.getRandomValues(), TypeError);
  });

  test('getRandomValues takes at most 65536 bytes (QuotaExceededError)', () => {
    assert.equal(crypto.getRandomValues(new Uint8Array(65536)).length, 65536);
    assert.equal(crypto.getRandomValues(new Uint32Array(16384)).length, 16384);
    throwsNamed(() => crypto.getRandomValues(new Uint8Array(65537)), 'QuotaExceededError');
    assert.equal(throwsNamed(() => crypto.getRandomValues(new Uint16Array(32769)), 'QuotaExceededError').code, 22);
  });

  test('getRandomValues gives different bytes each call', () => {
    const seen = new Set();
    for (let i = 0; i < 200; i++) seen.add(hex(crypto.getRandomValues(new Uint8Array(8))));
    assert.equal(seen.size, 200);
    // Each bit is set about half the time.
    const bytes = crypto.getRandomValues(new Uint8Array(4096));
    let ones = 0;
    for (const b of bytes) for (let i = 0; i < 8; i++) ones += (b >> i) & 1;
    assert.ok(ones > 15800 && ones < 16968, String(ones));
  });

  test('randomUUID is a version 4 UUID, unique', () => {
    const seen = new Set();
    for (let i = 0; i < 500; i++) {
      const id = crypto.randomUUID();
      assert.ok(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(id), id);
      seen.add(id);
    }
    assert.equal(seen.size, 500);
  });

  const subtle = crypto.subtle;

  test('subtle.digest: SHA-1/256/384/512 of "abc", any BufferSource, name in any case', async () => {
    assert.equal(hex(await subtle.digest('SHA-1', text('abc'))), 'a9993e364706816aba3e25717850c26c9cd0d89d');
    assert.equal(hex(await subtle.digest('sha-256', text('abc'))), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    assert.equal(hex(await subtle.digest({ name: 'SHA-384' }, text('abc').buffer)), 'cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7');
    const d = await subtle.digest('SHA-512', new DataView(text('xabcx').buffer, 1, 3));
    assert.ok(d instanceof ArrayBuffer);
    assert.equal(hex(d), 'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f');
    assert.equal(hex(await subtle.digest('SHA-256', new Uint8Array(0))), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  test('subtle.digest: errors reject (NotSupportedError, TypeError)', async () => {
    await rejectsNamed(subtle.digest('SHA-3', new Uint8Array(1)), 'NotSupportedError');
    await rejectsNamed(subtle.digest('MD5', new Uint8Array(1)), 'NotSupportedError');
    await rejectsNamed(subtle.digest({}, new Uint8Array(1)), 'TypeError');
    await rejectsNamed(subtle.digest('SHA-256', 'abc'), 'TypeError');
    await rejectsNamed(subtle.digest('SHA-256'), 'TypeError');
    const p = subtle.digest('nope', new Uint8Array(1));
    assert.ok(p instanceof Promise);
    await rejectsNamed(p, 'NotSupportedError');
  });

  test('HMAC: RFC 4231 test case 2 through sign; verify; CryptoKey attributes', async () => {
    const key = await subtle.importKey('raw', text('Jefe'), { name: 'HMAC', hash: 'SHA-256' }, true, ['verify', 'sign']);
    assert.ok(key instanceof CryptoKey);
    assert.equal(Object.prototype.toString.call(key), '[object CryptoKey]');
    assert.equal(key.type, 'secret');
    assert.equal(key.extractable, true);
    assert.deepEqual(key.algorithm, { name: 'HMAC', length: 32, hash: { name: 'SHA-256' } });
    assert.deepEqual(key.usages, ['verify', 'sign']);
    assert.ok(key.algorithm === key.algorithm);
    assert.deepEqual(Object.getOwnPropertyNames(CryptoKey.prototype).sort(), ['algorithm', 'constructor', 'extractable', 'type', 'usages']);
    const mac = await subtle.sign('HMAC', key, text('what do ya want for nothing?'));
    assert.equal(hex(mac), '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843');
    assert.equal(await subtle.verify('HMAC', key, mac, text('what do ya want for nothing?')), true);
    assert.equal(await subtle.verify({ name: 'hmac' }, key, mac, text('what do ya want for nothing!')), false);
    assert.equal(await subtle.verify('HMAC', key, mac.slice(1), text('what do ya want for nothing?')), false);
    const k512 = await subtle.importKey('raw', fromHex('0b'.repeat(20)), { name: 'HMAC', hash: { name: 'SHA-512' } }, false, ['sign']);
    assert.equal(hex(await subtle.sign('HMAC', k512, text('Hi There'))),
      '87aa7cdea5ef619d4ff0b4241a1d6cb02379f4e2ce4ec2787ad0b30545e17cdedaa833b7d6b8a702038b274eaea3f4e4be9d914eeb61f1702e696c203a126854');
  });

  test('HMAC: generateKey, jwk and raw export/import, usages and errors', async () => {
    const key = await subtle.generateKey({ name: 'HMAC', hash: 'SHA-512' }, true, ['sign']);
    assert.deepEqual(key.algorithm, { name: 'HMAC', length: 1024, hash: { name: 'SHA-512' } });
    assert.equal((await subtle.exportKey('raw', key)).byteLength, 128);
    const k16 = await subtle.importKey('raw', new Uint8Array(16), { name: 'HMAC', hash: 'SHA-256' }, true, ['sign']);
    assert.deepEqual(await subtle.exportKey('jwk', k16), { key_ops: ['sign'], ext: true, kty: 'oct', k: 'AAAAAAAAAAAAAAAAAAAAAA', alg: 'HS256' });
    const back = await subtle.importKey('jwk', { kty: 'oct', k: 'AAAAAAAAAAAAAAAAAAAAAA', alg: 'HS256' }, { name: 'HMAC', hash: 'SHA-256' }, true, ['sign']);
    assert.equal(hex(await subtle.sign('HMAC', back, text('x'))), hex(await subtle.sign('HMAC', k16, text('x'))));
    await rejectsNamed(subtle.verify('HMAC', k16, new Uint8Array(32), new Uint8Array(1)), 'InvalidAccessError');
    await rejectsNamed(subtle.importKey('raw', new Uint8Array(16), { name: 'HMAC', hash: 'SHA-256' }, true, ['encrypt']), 'SyntaxError');
    await rejectsNamed(subtle.importKey('raw', new Uint8Array(16), { name: 'HMAC', hash: 'SHA-256' }, true, []), 'SyntaxError');
    await rejectsNamed(subtle.importKey('raw', new Uint8Array(16), { name: 'HMAC' }, true, ['sign']), 'TypeError');
    await rejectsNamed(subtle.importKey('raw', new Uint8Array(0), { name: 'HMAC', hash: 'SHA-256' }, true, ['sign']), 'DataError');
    await rejectsNamed(subtle.importKey('jwk', { kty: 'oct', k: 'AAAA', alg: 'HS512' }, { name: 'HMAC', hash: 'SHA-256' }, true, ['sign']), 'DataError');
    await rejectsNamed(subtle.importKey('foo', new Uint8Array(16), { name: 'HMAC', hash: 'SHA-256' }, true, ['sign']), 'TypeError');
    await rejectsNamed(subtle.sign('HMAC', {}, new Uint8Array(0)), 'TypeError');
    const nonExtractable = await subtle.importKey('raw', new Uint8Array(16), { name: 'HMAC', hash: 'SHA-1' }, false, ['sign']);
    await rejectsNamed(subtle.exportKey('raw', nonExtractable), 'InvalidAccessException');
  });

  test('AES-GCM: GCM specification test cases 2 and 4, tag lengths, tampering', async () => {
    const zero = await subtle.importKey('raw', new Uint8Array(16), 'AES-GCM', true, ['encrypt', 'decrypt']);
    assert.equal(hex(await subtle.encrypt({ name: 'AES-GCM', iv: new Uint8Array(12) }, zero, new Uint8Array(16))), '0388dace60b6a392f328c2b971b2fe78ab6e47d42cec13bdf53a67b21257bddf');
    const key = await subtle.importKey('raw', fromHex('feffe9928665731c6d6a8f9467308308'), { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']);
    const params = { name: 'AES-GCM', iv: fromHex('cafebabefacedbaddecaf888'), additionalData: fromHex('feedfacedeadbeeffeedfacedeadbeefabaddad2') };
    const plain = fromHex('d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a721c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39');
    const sealed = await subtle.encrypt(params, key, plain);
    assert.equal(hex(sealed), '42831ec2217774244b7221b784d0d49ce3aa212f2c02a4e035c17e2329aca12e21d514b25466931c7d8f6a5aac84aa051ba30b396a0aac973d58e091' + '5bc94fbc3221a5db94fae95ae7121a47');
    assert.equal(hex(await subtle.decrypt(params, key, sealed)), hex(plain));
    const short = await subtle.encrypt({ ...params, tagLength: 96 }, key, plain);
    assert.equal(hex(short).slice(-24), '5bc94fbc3221a5db94fae95a');
    assert.equal(hex(await subtle.decrypt({ ...params, tagLength: 96 }, key, short)), hex(plain));
    const bad = new Uint8Array(sealed);
    bad[3] ^= 1;
    await rejectsNamed(subtle.decrypt(params, key, bad), 'OperationError');
    await rejectsNamed(subtle.decrypt({ name: 'AES-GCM', iv: params.iv }, key, sealed), 'OperationError');
    await rejectsNamed(subtle.decrypt(params, key, new Uint8Array(5)), 'OperationError');
    await rejectsNamed(subtle.encrypt({ ...params, tagLength: 100 }, key, plain), 'OperationError');
    await rejectsNamed(subtle.encrypt({ name: 'AES-CBC', iv: new Uint8Array(16) }, key, plain), 'InvalidAccessError');
    await rejectsNamed(subtle.encrypt({ name: 'AES-GCM' }, key, plain), 'TypeError');
    const encryptOnly = await subtle.importKey('raw', new Uint8Array(16), 'AES-GCM', false, ['encrypt']);
    await rejectsNamed(subtle.decrypt({ name: 'AES-GCM', iv: new Uint8Array(12) }, encryptOnly, sealed), 'InvalidAccessError');
  });

  test('AES-CBC and AES-CTR: NIST SP 800-38A vectors, padding, counter wrap within length bits', async () => {
    const raw = fromHex('2b7e151628aed2a6abf7158809cf4f3c');
    const cbc = await subtle.importKey('raw', raw, 'AES-CBC', true, ['encrypt', 'decrypt']);
    const iv = fromHex('000102030405060708090a0b0c0d0e0f');
    const block = fromHex('6bc1bee22e409f96e93d7e117393172a');
    const ct = await subtle.encrypt({ name: 'AES-CBC', iv }, cbc, block);
    assert.equal(hex(ct).slice(0, 32), '7649abac8119b246cee98e9b12e9197d');
    assert.equal(ct.byteLength, 32);
    assert.equal(hex(await subtle.decrypt({ name: 'AES-CBC', iv }, cbc, ct)), hex(block));
    await rejectsNamed(subtle.encrypt({ name: 'AES-CBC', iv: new Uint8Array(8) }, cbc, block), 'OperationError');
    await rejectsNamed(subtle.decrypt({ name: 'AES-CBC', iv }, cbc, new Uint8Array(16)), 'OperationError');
    const ctr = await subtle.importKey('raw', raw, 'AES-CTR', true, ['encrypt', 'decrypt']);
    const counter = fromHex('f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff');
    assert.equal(hex(await subtle.encrypt({ name: 'AES-CTR', counter, length: 64 }, ctr, block)), '874d6191b620e3261bef6864990db6ce');
    const zero = await subtle.importKey('raw', new Uint8Array(16), 'AES-CTR', true, ['encrypt', 'decrypt']);
    assert.equal(hex(await subtle.encrypt({ name: 'AES-CTR', counter: new Uint8Array(16).fill(255), length: 2 }, zero, new Uint8Array(48))),
      '3f5b8cc9ea855a0afa7347d23e8d664e39bde67d5c8ed8a8b1c37eb8fa9f5ac0de0d145c738769e66d65d3e345cc5469');
    await rejectsNamed(subtle.encrypt({ name: 'AES-CTR', counter, length: 0 }, ctr, block), 'OperationError');
    await rejectsNamed(subtle.encrypt({ name: 'AES-CTR', counter }, ctr, block), 'TypeError');
  });

  test('AES keys: generateKey, raw and jwk round trips, length and format errors', async () => {
    const key = await subtle.generateKey({ name: 'AES-GCM', length: 256 }, true, ['encrypt', 'decrypt']);
    assert.deepEqual(key.algorithm, { name: 'AES-GCM', length: 256 });
    assert.deepEqual(key.usages, ['encrypt', 'decrypt']);
    assert.equal((await subtle.exportKey('raw', key)).byteLength, 32);
    const k = await subtle.importKey('raw', new Uint8Array(16), 'AES-GCM', true, ['decrypt', 'encrypt']);
    assert.deepEqual(await subtle.exportKey('jwk', k), { key_ops: ['decrypt', 'encrypt'], ext: true, kty: 'oct', k: 'AAAAAAAAAAAAAAAAAAAAAA', alg: 'A128GCM' });
    await rejectsNamed(subtle.generateKey({ name: 'AES-GCM', length: 100 }, true, ['encrypt']), 'OperationError');
    await rejectsNamed(subtle.importKey('raw', new Uint8Array(15), 'AES-GCM', true, ['encrypt']), 'DataError');
    await rejectsNamed(subtle.importKey('jwk', { kty: 'oct', k: 'AAAA', alg: 'A256GCM' }, 'AES-GCM', true, ['encrypt']), 'DataError');
    await rejectsNamed(subtle.importKey('jwk', { kty: 'oct', k: 'AAAAAAAAAAAAAAAAAAAAAA', ext: false }, 'AES-GCM', true, ['encrypt']), 'DataError');
    await rejectsNamed(subtle.importKey('jwk', { kty: 'oct', k: 'AAAAAAAAAAAAAAAAAAAAAA', use: 'sig' }, 'AES-GCM', true, ['encrypt']), 'DataError');
    await rejectsNamed(subtle.importKey('jwk', { kty: 'EC', k: 'AAAAAAAAAAAAAAAAAAAAAA' }, 'AES-GCM', true, ['encrypt']), 'DataError');
    await rejectsNamed(subtle.importKey('spki', new Uint8Array(16), 'AES-GCM', true, ['encrypt']), 'NotSupportedError');
    await rejectsNamed(subtle.importKey('raw', new Uint8Array(16), 'AES-GCM', true, ['sign']), 'SyntaxError');
  });

  test('PBKDF2 and HKDF: deriveBits (RFC 6070, RFC 5869), deriveKey, errors', async () => {
    const pk = await subtle.importKey('raw', text('password'), 'PBKDF2', false, ['deriveBits', 'deriveKey']);
    assert.deepEqual(pk.algorithm, { name: 'PBKDF2' });
    assert.equal(pk.extractable, false);
    const salt = text('salt');
    assert.equal(hex(await subtle.deriveBits({ name: 'PBKDF2', salt, iterations: 1, hash: 'SHA-1' }, pk, 160)), '0c60c80f961f0e71f3a9b524af6012062fe037a6');
    assert.equal(hex(await subtle.deriveBits({ name: 'PBKDF2', salt, iterations: 4096, hash: 'SHA-1' }, pk, 160)), '4b007901b765489abead49d926f721d065a429c1');
    await rejectsNamed(subtle.deriveBits({ name: 'PBKDF2', salt, iterations: 0, hash: 'SHA-1' }, pk, 160), 'OperationError');
    await rejectsNamed(subtle.deriveBits({ name: 'PBKDF2', salt, iterations: 1, hash: 'SHA-1' }, pk, 7), 'OperationError');
    await rejectsNamed(subtle.deriveBits({ name: 'PBKDF2', salt, iterations: 1, hash: 'SHA-1' }, pk, null), 'OperationError');
    await rejectsNamed(subtle.importKey('raw', new Uint8Array(1), 'PBKDF2', true, ['deriveBits']), 'SyntaxError');
    const aes = await subtle.deriveKey({ name: 'PBKDF2', salt: new Uint8Array(1), iterations: 1, hash: 'SHA-256' }, pk, { name: 'AES-GCM', length: 256 }, true, ['encrypt']);
    assert.deepEqual(aes.algorithm, { name: 'AES-GCM', length: 256 });
    assert.equal(hex(await subtle.exportKey('raw', aes)), 'f81ff0d23c5aedcae8676997d747aa4a46106706d577a49cdb5fda90a115fed3');
    const mac = await subtle.deriveKey({ name: 'PBKDF2', salt: new Uint8Array(1), iterations: 1, hash: 'SHA-256' }, pk, { name: 'HMAC', hash: 'SHA-256' }, true, ['sign']);
    assert.deepEqual(mac.algorithm, { name: 'HMAC', length: 512, hash: { name: 'SHA-256' } });
    const hk = await subtle.importKey('raw', new Uint8Array(22).fill(11), 'HKDF', false, ['deriveBits']);
    assert.equal(hex(await subtle.deriveBits({ name: 'HKDF', salt: new Uint8Array(0), info: new Uint8Array(0), hash: 'SHA-256' }, hk, 336)),
      '8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8');
    assert.equal(hex(await subtle.deriveBits({ name: 'HKDF', salt: fromHex('000102030405060708090a0b0c'), info: fromHex('f0f1f2f3f4f5f6f7f8f9'), hash: 'SHA-256' }, hk, 336)),
      '3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865');
    await rejectsNamed(subtle.deriveBits({ name: 'HKDF', salt: new Uint8Array(0), info: new Uint8Array(0), hash: 'SHA-256' }, hk, 255 * 256 + 8), 'OperationError');
    await rejectsNamed(subtle.deriveBits({ name: 'HKDF', info: new Uint8Array(0), hash: 'SHA-256' }, hk, 8), 'TypeError');
    await rejectsNamed(subtle.deriveKey({ name: 'HKDF', salt: new Uint8Array(0), info: new Uint8Array(0), hash: 'SHA-256' }, hk, { name: 'AES-GCM', length: 128 }, true, ['encrypt']), 'InvalidAccessError');
  });

  test('wrapKey and unwrapKey with AES-GCM, raw and jwk', async () => {
    const wrapping = await subtle.importKey('raw', new Uint8Array(16), 'AES-GCM', true, ['wrapKey', 'unwrapKey']);
    const key = await subtle.importKey('raw', new Uint8Array(16), 'AES-GCM', true, ['encrypt']);
    const params = { name: 'AES-GCM', iv: new Uint8Array(12) };
    const wrapped = await subtle.wrapKey('raw', key, wrapping, params);
    assert.equal(hex(wrapped), '0388dace60b6a392f328c2b971b2fe78ab6e47d42cec13bdf53a67b21257bddf');
    const back = await subtle.unwrapKey('raw', wrapped, wrapping, params, 'AES-GCM', true, ['encrypt']);
    assert.equal(hex(await subtle.exportKey('raw', back)), '00000000000000000000000000000000');
    const wrappedJwk = await subtle.wrapKey('jwk', key, wrapping, params);
    const fromJwk = await subtle.unwrapKey('jwk', wrappedJwk, wrapping, params, { name: 'AES-GCM' }, false, ['encrypt']);
    assert.equal(fromJwk.extractable, false);
    await rejectsNamed(subtle.wrapKey('raw', key, key, params), 'InvalidAccessError');
  });
  const b64url = (h) => btoa(String.fromCharCode(...fromHex(h))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

  test('Ed25519: RFC 8032 test 1 (sign is deterministic), raw/jwk/spki/pkcs8 round trips', async () => {
    const seed = '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60';
    const pub = 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a';
    const sig = 'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b';
    const priv = await subtle.importKey('pkcs8', fromHex(`302e020100300506032b657004220420${seed}`), 'Ed25519', true, ['sign']);
    assert.equal(priv.type, 'private');
    assert.deepEqual(priv.algorithm, { name: 'Ed25519' });
    assert.equal(hex(await subtle.sign('Ed25519', priv, new Uint8Array(0))), sig);
    const publicKey = await subtle.importKey('raw', fromHex(pub), { name: 'Ed25519' }, true, ['verify']);
    assert.equal(await subtle.verify('Ed25519', publicKey, fromHex(sig), new Uint8Array(0)), true);
    assert.equal(await subtle.verify('Ed25519', publicKey, fromHex(sig), new Uint8Array(1)), false);
    assert.equal(await subtle.verify('Ed25519', publicKey, new Uint8Array(3), new Uint8Array(0)), false);
    assert.equal(hex(await subtle.exportKey('spki', publicKey)), `302a300506032b6570032100${pub}`);
    const jwk = await subtle.exportKey('jwk', priv);
    assert.equal(jwk.kty, 'OKP');
    assert.equal(jwk.crv, 'Ed25519');
    assert.equal(jwk.x, b64url(pub));
    assert.equal(jwk.d, b64url(seed));
    const again = await subtle.importKey('jwk', jwk, 'Ed25519', false, ['sign']);
    assert.equal(hex(await subtle.sign('Ed25519', again, new Uint8Array(0))), sig);
    await rejectsNamed(subtle.importKey('raw', new Uint8Array(31), 'Ed25519', true, ['verify']), 'DataError');
    await rejectsNamed(subtle.sign('Ed25519', publicKey, new Uint8Array(1)), 'InvalidAccessError');
    await rejectsNamed(subtle.exportKey('raw', priv), 'InvalidAccessError');
    const pair = await subtle.generateKey('Ed25519', true, ['sign', 'verify']);
    assert.deepEqual(pair.privateKey.usages, ['sign']);
    assert.deepEqual(pair.publicKey.usages, ['verify']);
    const m = text('message');
    assert.equal(await subtle.verify('Ed25519', pair.publicKey, await subtle.sign('Ed25519', pair.privateKey, m), m), true);
  });

  test('ECDSA: RFC 6979 A.2.5 signature verifies; generated keys sign and verify; formats', async () => {
    const x = '60fed4ba255a9d31c961eb74c6356d68c049b8923b61fa6ce669622e60f29fb6';
    const y = '7903fe1008b8bc99a41ae9e95628bc64f2f1b20c2d7e9f5177a3c294d4462299';
    const d = 'c9afa9d845ba75166b5c215767b1d6934e50c3db36e89b127b8a622b120f6721';
    const publicKey = await subtle.importKey('raw', fromHex(`04${x}${y}`), { name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify']);
    assert.deepEqual(publicKey.algorithm, { name: 'ECDSA', namedCurve: 'P-256' });
    const sig = fromHex('efd48b2aacb6a8fd1140dd9cd45e81d69d2c877b56aaf991c34d0ea84eaf3716f7cb1c942d657c41d436c7a1b6e29f65f3e900dbb9aff4064dc4ab2f843acda8');
    assert.equal(await subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, publicKey, sig, text('sample')), true);
    assert.equal(await subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, publicKey, sig, text('samples')), false);
    assert.equal(await subtle.verify({ name: 'ECDSA', hash: 'SHA-384' }, publicKey, sig, text('sample')), false);
    assert.equal(await subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, publicKey, new Uint8Array(3), text('sample')), false);
    const priv = await subtle.importKey('jwk', { kty: 'EC', crv: 'P-256', x: b64url(x), y: b64url(y), d: b64url(d) }, { name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign']);
    const mine = await subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, priv, text('sample'));
    assert.equal(mine.byteLength, 64);
    assert.equal(await subtle.verify({ name: 'ECDSA', hash: 'SHA-256' }, publicKey, mine, text('sample')), true);
    const pkcs8 = await subtle.exportKey('pkcs8', priv);
    const back = await subtle.importKey('pkcs8', pkcs8, { name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign']);
    assert.deepEqual(await subtle.exportKey('jwk', back), { key_ops: ['sign'], ext: true, kty: 'EC', x: b64url(x), y: b64url(y), crv: 'P-256', d: b64url(d) });
    const spki = await subtle.exportKey('spki', publicKey);
    assert.equal(hex(spki), `3059301306072a8648ce3d020106082a8648ce3d030107034200${'04' + x + y}`);
    await rejectsNamed(subtle.importKey('spki', spki, { name: 'ECDSA', namedCurve: 'P-384' }, true, ['verify']), 'DataError');
    await rejectsNamed(subtle.importKey('spki', new Uint8Array(10), { name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify']), 'DataError');
    await rejectsNamed(subtle.importKey('spki', spki, { name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign']), 'SyntaxError');
    await rejectsNamed(subtle.importKey('pkcs8', pkcs8, { name: 'ECDSA', namedCurve: 'P-256' }, true, []), 'SyntaxError');
    await rejectsNamed(subtle.importKey('jwk', { kty: 'EC', crv: 'P-256', x: b64url(x), y: b64url(y) }, { name: 'ECDSA', namedCurve: 'P-384' }, true, ['verify']), 'DataError');
    await rejectsNamed(subtle.importKey('raw', new Uint8Array(65), { name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify']), 'DataError');
    await rejectsNamed(subtle.exportKey('raw', priv), 'InvalidAccessError');
    await rejectsNamed(subtle.sign({ name: 'ECDSA', hash: 'SHA-256' }, publicKey, text('x')), 'InvalidAccessError');
    await rejectsNamed(subtle.sign({ name: 'ECDSA' }, priv, text('x')), 'TypeError');
    await rejectsNamed(subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-999' }, true, ['sign']), 'NotSupportedError');
    await rejectsNamed(subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['encrypt']), 'SyntaxError');
    await rejectsNamed(subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['verify']), 'SyntaxError');
    const pair = await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-384' }, false, ['sign', 'verify']);
    assert.deepEqual(pair.publicKey.algorithm, { name: 'ECDSA', namedCurve: 'P-384' });
    assert.equal(pair.publicKey.extractable, true);
    assert.equal(pair.privateKey.extractable, false);
    const signed = await subtle.sign({ name: 'ECDSA', hash: 'SHA-384' }, pair.privateKey, text('m'));
    assert.equal(signed.byteLength, 96);
    assert.equal(await subtle.verify({ name: 'ECDSA', hash: 'SHA-384' }, pair.publicKey, signed, text('m')), true);
    assert.equal((await subtle.exportKey('raw', pair.publicKey)).byteLength, 97);
  });

  test('ECDH: RFC 5903 §8.1 shared secret, deriveKey, length and key checks', async () => {
    const jwk = (d, x, y) => ({ kty: 'EC', crv: 'P-256', x: b64url(x), y: b64url(y), ...(d ? { d: b64url(d) } : {}) });
    const alg = { name: 'ECDH', namedCurve: 'P-256' };
    const mine = await subtle.importKey('jwk', jwk('c88f01f510d9ac3f70a292daa2316de544e9aab8afe84049c62a9c57862d1433', 'dad0b65394221cf9b051e1feca5787d098dfe637fc90b9ef945d0c3772581180', '5271a0461cdb8252d61f1c456fa3e59ab1f45b33accf5f58389e0577b8990bb3'), alg, true, ['deriveBits', 'deriveKey']);
    const theirs = await subtle.importKey('jwk', jwk(null, 'd12dfb5289c8d4f81208b70270398c342296970a0bccb74c736fc7554494bf63', '56fbf3ca366cc23e8157854c13c58d6aac23f046ada30f8353e74f33039872ab'), alg, true, []);
    const shared = 'd6840f6b42f6edafd13116e0e12565202fef8e9ece7dce03812464d04b9442de';
    assert.equal(hex(await subtle.deriveBits({ name: 'ECDH', public: theirs }, mine, 256)), shared);
    assert.equal(hex(await subtle.deriveBits({ name: 'ECDH', public: theirs }, mine, null)), shared);
    assert.equal(hex(await subtle.deriveBits({ name: 'ECDH', public: theirs }, mine, 12)), 'd680');
    const key = await subtle.deriveKey({ name: 'ECDH', public: theirs }, mine, { name: 'AES-GCM', length: 128 }, true, ['encrypt']);
    assert.equal(hex(await subtle.exportKey('raw', key)), shared.slice(0, 32));
    await rejectsNamed(subtle.deriveBits({ name: 'ECDH', public: theirs }, mine, 300), 'OperationError');
    await rejectsNamed(subtle.deriveBits({ name: 'ECDH', public: mine }, mine, 256), 'InvalidAccessError');
    const ecdsa = await subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign', 'verify']);
    await rejectsNamed(subtle.deriveBits({ name: 'ECDH', public: ecdsa.publicKey }, mine, 256), 'InvalidAccessError');
    await rejectsNamed(subtle.importKey('raw', await subtle.exportKey('raw', theirs), alg, true, ['deriveBits']), 'SyntaxError');
    const pair = await subtle.generateKey(alg, true, ['deriveBits']);
    assert.deepEqual(pair.publicKey.usages, []);
    assert.deepEqual(pair.privateKey.usages, ['deriveBits']);
    const a = await subtle.deriveBits({ name: 'ECDH', public: theirs }, pair.privateKey, 256);
    assert.equal(a.byteLength, 32);
  });
  // A 1024-bit RSA key made by Node 20, with its PKCS#1 v1.5 signature (deterministic), an RSA-PSS
  // signature (salt 32) and an RSA-OAEP (SHA-256, label 0102) ciphertext of "hello rsa".
  const RSA_PKCS8 = '30820276020100300d06092a864886f70d0101010500048202603082025c020100028181009d47c963b7883eeb70f2aabc55ad06a9aabfc75672feac9ed453e7cc73eb3bfeccaa6a2fefc36e03c26f74f0b723b874ad80d38d4ce99d7e8f6494514fdc19c4035af788ad4915480567cd4504648c34b2885064cebf340b4b58e5adb9fb26949cdbb04c2ce4927dd1daf0fac8f69d0fdf3e8129416ddab027350430f118caef0203010001028180529b229e1a06182de68bbdbadf30da60008b6b71ef41ed7e1a3cdb7119ad023cc857f51faa49359e09e02a46479a1e4641de78be2d18421cf7c936d1222592edfa879c38d65a3009cc80fe4d3c369b8bda31c4c83ff690bbbd1de9d65bf2caf3a8c4bc35219b31d1cdab162e726306be59311927821a288f4d8ee8ac1e2240f1024100cef2974429176088a69d66c670f60a67c9bab13fe23332c577d4fb1c5670a01e80f81b08eed2cf471d46f1dad9c7c766f8bec7b76bc32ff20e62bde7049ff677024100c28f6e6714adc5c3a4882c278692deb06b3fcac94a6a28f4bee4ea05e1948b4702ae54ff6e2bea9bf4142a3ff29f76e4015825d8b692debbc2c150d5ae0a5549024100a35d5fc9ffc223835c3bcf0101f5485b8c24e37d71bc46ed195eb8e832d86f9e04e356bc2383a8fb138288b3e1cd527cd80a0ab0a1d2108c3d8cf72a623d409b0240474b25ca92124748b4aecd774261e9463e56a6e971e24ad5bc69c7b39600c7b4a2afdd27a8686154fa70b536afa26d7f895a92abc1e339c915c99ee45e1d1d390240636805817ae015c2a479b19a2c64ff790f22acca6e290839992fe4df2c540e53ec671b47400fcee0ba1ca5250cfd6f9305685d8902e5c65d5c6c9528ae683aab';
  const RSA_SPKI = '30819f300d06092a864886f70d010101050003818d00308189028181009d47c963b7883eeb70f2aabc55ad06a9aabfc75672feac9ed453e7cc73eb3bfeccaa6a2fefc36e03c26f74f0b723b874ad80d38d4ce99d7e8f6494514fdc19c4035af788ad4915480567cd4504648c34b2885064cebf340b4b58e5adb9fb26949cdbb04c2ce4927dd1daf0fac8f69d0fdf3e8129416ddab027350430f118caef0203010001';
  const RSA_N = 'nUfJY7eIPutw8qq8Va0Gqaq_x1Zy_qye1FPnzHPrO_7Mqmov78NuA8JvdPC3I7h0rYDTjUzpnX6PZJRRT9wZxANa94itSRVIBWfNRQRkjDSyiFBkzr80C0tY5a25-yaUnNuwTCzkkn3R2vD6yPadD98-gSlBbdqwJzUEMPEYyu8';
  const RSA_D = 'UpsinhoGGC3mi7263zDaYACLa3HvQe1-GjzbcRmtAjzIV_Ufqkk1ngngKkZHmh5GQd54vi0YQhz3yTbRIiWS7fqHnDjWWjAJzID-TTw2m4vaMcTIP_aQu70d6dZb8srzqMS8NSGbMdHNqxYucmMGvlkxGSeCGiiPTY7orB4iQPE';
  const RSA_SIG = '54e78bb6d94738008399fd095c8ec26d7dbf936268cdd7f4330fcaf772231180fb5abef79ecbb13debc4466f4c69ddadf2ca0c5686b2081f92304779d0a43a0b47943e4d485425b1adf9cba9b5eb08c959689bb2b9af65c2a2dd485c3286df49d2fc56567b60e964b2cc3419d712585945fd9b0296bcba883b1248fb1d53de99';
  const RSA_PSS_SIG = '3337290f8b384f0193e311b7e195abb218a69a0f6cfa3e8520b49064bada93bed23d9e2e938d8e5c0beaf3a0d91e5f60db429a71f13cac7007d53165f2dd4aecec899a5efd5d0dae974342a11fb90dd5ee09c2c26382ffe39d7a2526caed50e3b926572ef32954cbf5a825a7fb5b23b9bb05a584b255c554c859ae6561774b3f';
  const RSA_OAEP_CT = '1295cbbdb614f2045ee6b07d0c001512cccf44d616ec73c54a32ccf8436e98b87d4515e9d5bbab686728fab1d1fb43886b9917409b288c76b2b9239fbf414f6e3754e7cc510f2bcb7acc8ff88bca707de75e8555fd091f67b2603eb1a076da84d8169e0b2f206abc01fdcf59438adda4665cb52f82494e69931f2e11fada0171';

  test('RSASSA-PKCS1-v1_5 and RSA-PSS: Node-made signatures verify, ours match (PKCS#1) or verify (PSS); formats', async () => {
    const m = text('hello rsa');
    const rs = { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' };
    const priv = await subtle.importKey('pkcs8', fromHex(RSA_PKCS8), rs, true, ['sign']);
    assert.equal(priv.algorithm.modulusLength, 1024);
    assert.equal(hex(priv.algorithm.publicExponent), '010001');
    assert.deepEqual(priv.algorithm.hash, { name: 'SHA-256' });
    assert.equal(hex(await subtle.sign('RSASSA-PKCS1-v1_5', priv, m)), RSA_SIG);
    const pub = await subtle.importKey('spki', fromHex(RSA_SPKI), rs, true, ['verify']);
    assert.equal(await subtle.verify('RSASSA-PKCS1-v1_5', pub, fromHex(RSA_SIG), m), true);
    assert.equal(await subtle.verify('RSASSA-PKCS1-v1_5', pub, fromHex(RSA_SIG), text('hello rsb')), false);
    assert.equal(hex(await subtle.exportKey('spki', pub)), RSA_SPKI);
    const jwk = await subtle.exportKey('jwk', priv);
    assert.equal(jwk.kty, 'RSA');
    assert.equal(jwk.alg, 'RS256');
    assert.equal(jwk.n, RSA_N);
    assert.equal(jwk.e, 'AQAB');
    assert.equal(jwk.d, RSA_D);
    const fromJwk = await subtle.importKey('jwk', jwk, rs, false, ['sign']);
    assert.equal(hex(await subtle.sign('RSASSA-PKCS1-v1_5', fromJwk, m)), RSA_SIG);
    const pubJwk = await subtle.importKey('jwk', { kty: 'RSA', n: RSA_N, e: 'AQAB', alg: 'RS256' }, rs, true, ['verify']);
    assert.equal(await subtle.verify('RSASSA-PKCS1-v1_5', pubJwk, fromHex(RSA_SIG), m), true);
    const ps = { name: 'RSA-PSS', hash: 'SHA-256' };
    const pssPub = await subtle.importKey('spki', fromHex(RSA_SPKI), ps, true, ['verify']);
    assert.equal(await subtle.verify({ name: 'RSA-PSS', saltLength: 32 }, pssPub, fromHex(RSA_PSS_SIG), m), true);
    assert.equal(await subtle.verify({ name: 'RSA-PSS', saltLength: 32 }, pssPub, fromHex(RSA_PSS_SIG), text('x')), false);
    const pssPriv = await subtle.importKey('pkcs8', fromHex(RSA_PKCS8), ps, true, ['sign']);
    const mine = await subtle.sign({ name: 'RSA-PSS', saltLength: 32 }, pssPriv, m);
    assert.equal(await subtle.verify({ name: 'RSA-PSS', saltLength: 32 }, pssPub, mine, m), true);
    await rejectsNamed(subtle.importKey('raw', fromHex(RSA_SPKI), rs, true, ['verify']), 'NotSupportedError');
    await rejectsNamed(subtle.importKey('spki', fromHex(RSA_SPKI), rs, true, ['sign']), 'SyntaxError');
    await rejectsNamed(subtle.importKey('spki', new Uint8Array(20), rs, true, ['verify']), 'DataError');
    await rejectsNamed(subtle.importKey('jwk', { kty: 'RSA', n: RSA_N, e: 'AQAB', alg: 'RS384' }, rs, true, ['verify']), 'DataError');
    await rejectsNamed(subtle.sign('RSASSA-PKCS1-v1_5', pub, m), 'InvalidAccessError');
    await rejectsNamed(subtle.exportKey('spki', priv), 'InvalidAccessError');
  });

  test('RSA-OAEP: a Node-made ciphertext decrypts; round trips with labels; generateKey', async () => {
    const alg = { name: 'RSA-OAEP', hash: 'SHA-256' };
    const priv = await subtle.importKey('pkcs8', fromHex(RSA_PKCS8), alg, false, ['decrypt']);
    const pub = await subtle.importKey('spki', fromHex(RSA_SPKI), alg, false, ['encrypt']);
    const label = new Uint8Array([1, 2]);
    assert.equal(new TextDecoder().decode(await subtle.decrypt({ name: 'RSA-OAEP', label }, priv, fromHex(RSA_OAEP_CT))), 'hello rsa');
    await rejectsNamed(subtle.decrypt({ name: 'RSA-OAEP' }, priv, fromHex(RSA_OAEP_CT)), 'OperationError');
    const ct = await subtle.encrypt({ name: 'RSA-OAEP' }, pub, text('abc'));
    assert.equal(ct.byteLength, 128);
    assert.equal(new TextDecoder().decode(await subtle.decrypt({ name: 'RSA-OAEP' }, priv, ct)), 'abc');
    await rejectsNamed(subtle.encrypt({ name: 'RSA-OAEP' }, pub, new Uint8Array(100)), 'OperationError');
    const pair = await subtle.generateKey({ name: 'RSA-OAEP', modulusLength: 1024, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-1' }, true, ['encrypt', 'decrypt']);
    assert.deepEqual(pair.publicKey.usages, ['encrypt']);
    assert.deepEqual(pair.privateKey.usages, ['decrypt']);
    assert.equal(pair.privateKey.algorithm.modulusLength, 1024);
    const ct2 = await subtle.encrypt({ name: 'RSA-OAEP' }, pair.publicKey, text('k'));
    assert.equal(new TextDecoder().decode(await subtle.decrypt({ name: 'RSA-OAEP' }, pair.privateKey, ct2)), 'k');
    assert.equal((await subtle.exportKey('jwk', pair.publicKey)).alg, 'RSA-OAEP');
  });
})();
