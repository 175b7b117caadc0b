// What node:crypto has beyond llrt's crypto (QuickJS) and ours (JavaScriptCore), on both:
// `scrypt`/`scryptSync`, keys and signatures (`createSign`/`createVerify`, `sign`/`verify`,
// `KeyObject`, `createPrivateKey`/`createPublicKey`/`createSecretKey`, `generateKeyPair(Sync)`,
// `publicEncrypt`/`privateDecrypt`, `privateEncrypt`/`publicDecrypt`) and the
// `crypto.constants` they take, over the natives of src/kdf.rs and src/sign.rs. Loaded by
// `internal.builtin('crypto')` (04_builtins.js) the first time node:crypto is asked for: most
// servers never do, and each engine's start-up would otherwise evaluate it.
(() => {
  'use strict';
  const internal = globalThis[Symbol.for('ferroute.internal')];
  const native = internal.native;

  // Node's `crypto.constants` that our keys and signatures take (OpenSSL's values).
  const CRYPTO_CONSTANTS = {
    RSA_PKCS1_PADDING: 1,
    RSA_NO_PADDING: 3,
    RSA_PKCS1_OAEP_PADDING: 4,
    RSA_X931_PADDING: 5,
    RSA_PKCS1_PSS_PADDING: 6,
    RSA_PSS_SALTLEN_DIGEST: -1,
    RSA_PSS_SALTLEN_MAX_SIGN: -2,
    RSA_PSS_SALTLEN_AUTO: -2,
    POINT_CONVERSION_COMPRESSED: 2,
    POINT_CONVERSION_UNCOMPRESSED: 4,
    POINT_CONVERSION_HYBRID: 6,
  };

  /** `value` as bytes: a string in `encoding` (UTF-8 by default), a view's own bytes, or an
   * ArrayBuffer's; anything else is Node's ERR_INVALID_ARG_TYPE for argument `name`, which
   * takes the types `expected` says. */
  function bytesOf(value, encoding, name, expected) {
    if (typeof value === 'string') return Buffer.from(value, encoding || 'utf8');
    if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
    if (value instanceof ArrayBuffer) return new Uint8Array(value);
    throw internal.nodeErrors.invalidArgType(name, expected, value);
  }

  /** The callback forms of crypto's functions: `f` runs in a later task (Node's run on its
   * thread pool), and `callback` gets its error, or null and the results `f` returns. */
  function cryptoLater(callback, f) {
    if (typeof callback !== 'function') throw internal.nodeErrors.invalidArgType('callback', 'of type function', callback);
    setTimeout(() => {
      let results;
      try {
        results = f();
      } catch (e) {
        callback(e);
        return;
      }
      callback(null, ...results);
    }, 0);
  }

  // ------------------------------------------------------------------ crypto.scrypt
  // `scrypt(password, salt, keylen[, options], callback)` and `scryptSync`, checked as Node 20
  // checks them (its error codes and messages), derived by the native `scrypt` (src/kdf.rs).
  // The callback form derives in a later task on the worker's thread (Node: its thread pool).
  const scryptFns = (() => {
    const { coded, invalidArgType, outOfRange } = internal.nodeErrors;
    const BINARY = 'of type string or an instance of ArrayBuffer, Buffer, TypedArray, or DataView';
    const DEFAULTS = { N: 16384, r: 8, p: 1, maxmem: 32 << 20 };
    const binary = (value, name) => bytesOf(value, undefined, name, BINARY);

    function integer(value, name, max) {
      if (typeof value !== 'number') throw invalidArgType(name, 'of type number', value);
      if (!Number.isInteger(value)) throw outOfRange(name, 'an integer', value);
      if (value < 0 || value > max) throw outOfRange(name, `>= 0 && <= ${max}`, value);
      return value;
    }

    /** One parameter of `options`, under its name or its long alias (not both). */
    function option(options, short, long, max) {
      const a = options[short];
      const b = options[long];
      if (a !== undefined && b !== undefined) {
        throw coded(Error, 'ERR_CRYPTO_SCRYPT_INVALID_PARAMETER', 'Invalid scrypt parameter');
      }
      const value = a !== undefined ? integer(a, short, max) : b !== undefined ? integer(b, long, max) : 0;
      // 0 stands for the default, as in Node.
      return value === 0 ? DEFAULTS[short] : value;
    }

    function check(password, salt, keylen, options) {
      const pw = binary(password, 'password');
      const s = binary(salt, 'salt');
      integer(keylen, 'keylen', 2 ** 31 - 1);
      const o = options !== null && typeof options === 'object' ? options : {};
      const N = option(o, 'N', 'cost', 2 ** 32 - 1);
      const r = option(o, 'r', 'blockSize', 2 ** 32 - 1);
      const p = option(o, 'p', 'parallelization', 2 ** 32 - 1);
      const maxmem = o.maxmem === undefined ? DEFAULTS.maxmem : integer(o.maxmem, 'maxmem', Number.MAX_SAFE_INTEGER);
      if (N < 2 || (N & (N - 1)) !== 0) {
        throw coded(RangeError, 'ERR_CRYPTO_INVALID_SCRYPT_PARAMS', 'Invalid scrypt params');
      }
      // The memory the derivation holds, as OpenSSL counts it for Node's check.
      if (128 * r * (N + 2) + 128 * r * p > (maxmem === 0 ? DEFAULTS.maxmem : maxmem)) {
        throw coded(RangeError, 'ERR_CRYPTO_INVALID_SCRYPT_PARAMS', 'Invalid scrypt params: error:030000AC:digital envelope routines::memory limit exceeded');
      }
      return [pw, s, N, r, p, keylen];
    }

    const derive = (args) => Buffer.from(native.scrypt(...args).buffer);

    function scryptSync(password, salt, keylen, options) {
      return derive(check(password, salt, keylen, options));
    }

    function scrypt(password, salt, keylen, options, callback) {
      if (typeof options === 'function') [options, callback] = [undefined, options];
      const args = check(password, salt, keylen, options);
      cryptoLater(callback, () => [derive(args)]);
    }

    return { scrypt, scryptSync };
  })();

  // ------------------------------------------------------------------ crypto keys, signatures
  // `KeyObject`, `createPrivateKey`/`createPublicKey`/`createSecretKey`, `createSign`/
  // `createVerify`, `sign`/`verify`, `generateKeyPair(Sync)` and `publicEncrypt`/
  // `privateDecrypt`, on the natives keyRead/keySign/keyVerify/keyGenerate/keyEncode/keyCrypt
  // (src/sign.rs): keys from PEM or DER (PKCS#8, PKCS#1, SEC1, SPKI, X.509 certificates),
  // RSASSA-PKCS1-v1_5, RSA-PSS, ECDSA (P-256, P-384; DER or IEEE P1363 signatures), Ed25519
  // and RSA-OAEP, `privateEncrypt`/`publicDecrypt` with PKCS#1 v1.5 padding. Not here:
  // encrypted keys, JWK of asymmetric keys (each says so when asked).
  const keyFns = (() => {
    const { coded, invalidArgType } = internal.nodeErrors;
    const kHandle = Symbol('ferroute.keyObject');
    const HASHES = new Set(['sha1', 'sha224', 'sha256', 'sha384', 'sha512']);
    const KEY_TYPES = 'of type string or an instance of ArrayBuffer, Buffer, TypedArray, DataView, KeyObject, or CryptoKey';
    const notHere = (what) => coded(Error, 'ERR_FERROUTE_UNSUPPORTED', `${what} is not available in ferroute (see docs/compat.md)`);

    function hashOf(algorithm) {
      let a = String(algorithm).toLowerCase().replace(/^(rsa-|ecdsa-with-)/, '').replace(/withrsaencryption$/, '');
      a = a.replace(/^sha-/, 'sha');
      if (!HASHES.has(a)) throw coded(TypeError, 'ERR_CRYPTO_INVALID_DIGEST', 'Invalid digest');
      return a;
    }

    const DATA = 'of type string or an instance of Buffer, TypedArray, or DataView';
    const dataOf = (data, encoding, name) => bytesOf(data, encoding, name, DATA);

    /** The native's error, with Node's code where its message is OpenSSL's. */
    const OSSL_CODES = {
      'error:1E08010C': 'ERR_OSSL_UNSUPPORTED',
      'error:1C800064': 'ERR_OSSL_BAD_DECRYPT',
      'error:0200007A': 'ERR_OSSL_RSA_DATA_TOO_SMALL_FOR_KEY_SIZE',
      'error:07880109': 'ERR_OSSL_CRYPTO_INTERRUPTED_OR_CANCELLED',
      'error:02000079': 'ERR_OSSL_RSA_OAEP_DECODING_ERROR',
      'error:0200006E': 'ERR_OSSL_RSA_DATA_TOO_LARGE_FOR_KEY_SIZE',
      'error:0200008A': 'ERR_OSSL_RSA_INVALID_PADDING',
      'error:0200006C': 'ERR_OSSL_RSA_DATA_GREATER_THAN_MOD_LEN',
      'error:02000084': 'ERR_OSSL_RSA_DATA_TOO_LARGE_FOR_MODULUS',
    };
    function nodeError(e) {
      if (e !== null && typeof e === 'object' && typeof e.message === 'string') {
        const code = OSSL_CODES[e.message.slice(0, 14)];
        if (code !== undefined) e.code = code;
        // OpenSSL's `error:<code>:<library>::<reason>`, which Node also gives as properties.
        const m = /^error:[0-9A-F]{8}:([^:]*)::(.*)$/.exec(e.message);
        if (m !== null) {
          e.library = m[1];
          e.reason = m[2];
        }
      }
      return e;
    }

    class KeyObject {
      constructor(type, handle) {
        if (type !== 'secret' && type !== 'public' && type !== 'private') {
          throw coded(TypeError, 'ERR_INVALID_ARG_VALUE', `The argument 'type' is invalid. Received ${internal.nodeErrors.received(type)}`);
        }
        if (handle === null || typeof handle !== 'object' || handle.type !== type) throw new TypeError('Illegal constructor');
        this[kHandle] = handle;
      }
      get type() { return this[kHandle].type; }
      get asymmetricKeyType() { return this[kHandle].kind; }
      get asymmetricKeyDetails() {
        const h = this[kHandle];
        if (h.kind === 'rsa') return { modulusLength: Number(h.curve), publicExponent: BigInt(h.exponent) };
        return h.kind === undefined ? undefined : h.curve ? { namedCurve: h.curve } : {};
      }
      get symmetricKeySize() { const h = this[kHandle]; return h.type === 'secret' ? h.bytes.length : undefined; }
      export(options) {
        const h = this[kHandle];
        const o = options === undefined ? {} : options;
        if (o.format === 'jwk') {
          if (h.type === 'secret') return { kty: 'oct', k: Buffer.from(h.bytes).toString('base64url') };
          throw notHere('KeyObject.export({ format: "jwk" }) of an asymmetric key');
        }
        if (h.type === 'secret') return Buffer.from(h.bytes);
        const held = h.type === 'private' ? 'pkcs8' : 'spki';
        const type = o.type === undefined ? held : o.type;
        const labels = h.type === 'private'
          ? { pkcs8: 'PRIVATE KEY', pkcs1: 'RSA PRIVATE KEY', sec1: 'EC PRIVATE KEY' }
          : { spki: 'PUBLIC KEY', pkcs1: 'RSA PUBLIC KEY' };
        if (!Object.hasOwn(labels, type)) {
          throw coded(TypeError, 'ERR_INVALID_ARG_VALUE', `The property 'options.type' is invalid. Received ${internal.nodeErrors.received(type)}`);
        }
        if (o.format !== 'der' && o.format !== 'pem') {
          throw coded(TypeError, 'ERR_INVALID_ARG_VALUE', `The property 'options.format' is invalid. Received ${internal.nodeErrors.received(o.format)}`);
        }
        const encrypted = h.type === 'private' && o.cipher !== undefined;
        if (encrypted) {
          if (typeof o.cipher !== 'string') throw invalidArgType('options.cipher', 'of type string', o.cipher);
          if (typeof o.passphrase !== 'string' && !ArrayBuffer.isView(o.passphrase)) {
            throw coded(TypeError, 'ERR_INVALID_ARG_VALUE', `The property 'options.passphrase' is invalid. Received ${internal.nodeErrors.received(o.passphrase)}`);
          }
          if (type !== 'pkcs8' && o.format === 'der') {
            throw coded(Error, 'ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS', `The selected key encoding ${type} does not support encryption.`);
          }
        }
        let der = h.der;
        if (type !== held) {
          try {
            der = native.keyEncode(h.der, held, type);
          } catch (e) {
            throw coded(Error, 'ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS', `The selected key encoding ${type} can only be used for ${type === 'sec1' ? 'EC' : 'RSA'} keys.`);
          }
        }
        let label = labels[type];
        if (encrypted) {
          // PKCS#8 as EncryptedPrivateKeyInfo; PKCS#1 and SEC1 as OpenSSL's encrypted PEM.
          let sealed;
          try {
            sealed = native.keyEncrypt(der, type, label, o.cipher, typeof o.passphrase === 'string' ? o.passphrase : dataOf(o.passphrase));
          } catch (e) {
            if (e && e.message === 'Unknown cipher') throw coded(Error, 'ERR_CRYPTO_UNKNOWN_CIPHER', 'Unknown cipher');
            throw nodeError(e);
          }
          if (typeof sealed === 'string') return sealed;
          der = sealed;
          label = 'ENCRYPTED PRIVATE KEY';
        }
        if (o.format === 'der') return Buffer.from(der);
        const lines = Buffer.from(der).toString('base64').match(/.{1,64}/g) || [];
        return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
      }
      equals(other) {
        if (!(other instanceof KeyObject)) throw invalidArgType('otherKeyObject', 'an instance of KeyObject', other);
        const a = this[kHandle];
        const b = other[kHandle];
        const x = a.type === 'secret' ? a.bytes : a.der;
        const y = b.type === 'secret' ? b.bytes : b.der;
        return a.type === b.type && x.length === y.length && x.every((v, i) => v === y[i]);
      }
    }

    /** The handle of an asymmetric key given as Node takes one: PEM, DER with `type`, a
     * KeyObject, or `{ key, format, type, ... }`. `want`: 'private' (to sign), 'public' (the
     * public half of whatever is given) or undefined (as given, to verify). */
    function readKey(input, want) {
      let data = input;
      let derType;
      let passphrase;
      if (data instanceof KeyObject) return handleOf(data[kHandle], want);
      if (data !== null && typeof data === 'object' && !ArrayBuffer.isView(data) && !(data instanceof ArrayBuffer)) {
        if (data.passphrase !== undefined && data.passphrase !== null) {
          if (typeof data.passphrase !== 'string' && !ArrayBuffer.isView(data.passphrase)) {
            throw invalidArgType('key.passphrase', 'of type string or an instance of ArrayBuffer, Buffer, TypedArray, or DataView', data.passphrase);
          }
          passphrase = typeof data.passphrase === 'string' ? data.passphrase : dataOf(data.passphrase);
        }
        if (data.format === 'jwk') throw notHere('a JWK key');
        if (data.padding !== undefined && data.padding !== 1 && data.padding !== 6) throw notHere('RSA padding other than PKCS#1 v1.5 and PSS');
        if (data.format === 'der') derType = data.type;
        data = data.key;
        if (data instanceof KeyObject) return handleOf(data[kHandle], want);
      }
      if (typeof data !== 'string' && !ArrayBuffer.isView(data) && !(data instanceof ArrayBuffer)) {
        throw invalidArgType('key', KEY_TYPES, data);
      }
      return keyRead(typeof data === 'string' ? data : dataOf(data), derType, want, passphrase);
    }

    /** The handle of the key in `raw` (PEM, or DER of `derType`), read once by the native:
     * its description (`private rsa <bits> <exponent>`, `public ec <curve>`, `private
     * ed25519`) and its PKCS#8 or SPKI DER. */
    function keyRead(raw, derType, want, passphrase) {
      let description;
      let der;
      try {
        [description, der] = native.keyRead(raw, derType, want, passphrase);
      } catch (e) {
        if (e && e.message === 'Passphrase required for encrypted key') throw coded(TypeError, 'ERR_MISSING_PASSPHRASE', e.message);
        throw nodeError(e);
      }
      const [type, kind, curve, exponent] = description.split(' ');
      return { type, kind, curve, exponent, der };
    }

    function handleOf(h, want) {
      if (h.type === 'secret') throw coded(TypeError, 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE', `Invalid key object type secret, expected ${want || 'private'}.`);
      if (want === 'private' && h.type !== 'private') throw coded(TypeError, 'ERR_CRYPTO_INVALID_KEY_OBJECT_TYPE', `Invalid key object type ${h.type}, expected private.`);
      return want === 'public' && h.type === 'private' ? keyRead(h.der, 'pkcs8', 'public') : h;
    }

    const p1363 = (key) => key !== null && typeof key === 'object' && key.dsaEncoding === 'ieee-p1363';
    // RSA-PSS (padding 6, RSA_PKCS1_PSS_PADDING): the salt length in Node's terms, -2 (the
    // most that fits to sign, found when verifying) unless given; undefined for PKCS#1 v1.5.
    const pssSalt = (key) => (key !== null && typeof key === 'object' && key.padding === 6
      ? (key.saltLength === undefined ? -2 : key.saltLength)
      : undefined);

    function signWith(hash, data, key) {
      const h = readKey(key, 'private');
      let signature;
      try {
        signature = native.keySign(h.der, hash, data, p1363(key), pssSalt(key));
      } catch (e) {
        throw nodeError(e);
      }
      return Buffer.from(signature.buffer, signature.byteOffset, signature.byteLength);
    }

    function verifyWith(hash, data, key, signature) {
      const h = readKey(key, undefined);
      try {
        return native.keyVerify(h.der, h.type === 'private' ? 'pkcs8' : 'spki', hash, data, signature, p1363(key), pssSalt(key));
      } catch (e) {
        throw nodeError(e);
      }
    }

    /** What Sign and Verify share: the digest's name and the data, collected by `update`
     * (or the stream methods `write`/`end`). */
    class Collector {
      constructor(algorithm) {
        if (typeof algorithm !== 'string') throw invalidArgType('algorithm', 'of type string', algorithm);
        this._hash = hashOf(algorithm);
        this._chunks = [];
      }
      update(data, encoding) {
        this._chunks.push(dataOf(data, encoding, 'data'));
        return this;
      }
      write(data, encoding) { this.update(data, encoding); return true; }
      end(data, encoding) { if (data !== undefined) this.update(data, encoding); return this; }
    }

    class Sign extends Collector {
      sign(key, encoding) {
        const out = signWith(this._hash, Buffer.concat(this._chunks), key);
        return encoding !== undefined && encoding !== 'buffer' ? out.toString(encoding) : out;
      }
    }

    class Verify extends Collector {
      verify(key, signature, encoding) {
        const sig = dataOf(signature, encoding, 'signature');
        return verifyWith(this._hash, Buffer.concat(this._chunks), key, sig);
      }
    }

    /** Runs `f` now, or for a callback in a later task. */
    function maybeLater(callback, f) {
      if (callback === undefined) return f();
      cryptoLater(callback, () => [f()]);
      return undefined;
    }

    /** `publicEncrypt` (with a public or private key) and `privateDecrypt`: RSA-OAEP by
     * default (MGF1 of `oaepHash`, SHA-1 unless given, and `oaepLabel`), or PKCS#1 v1.5 to
     * encrypt (Node 20 refuses it to decrypt). */
    function rsaCrypt(decrypt, key, buffer) {
      const o = cryptOptions(key);
      const padding = o.padding === undefined ? 4 : o.padding;
      if (decrypt && padding === 1) {
        throw coded(TypeError, 'ERR_INVALID_ARG_VALUE', 'RSA_PKCS1_PADDING is no longer supported for private decryption, this can be reverted with --security-revert=CVE-2023-46809');
      }
      if (padding !== 4 && padding !== 1 && padding !== 3) throw notHere(`RSA padding ${padding} to encrypt or decrypt`);
      const hash = o.oaepHash === undefined ? 'sha1' : hashOf(o.oaepHash);
      const label = o.oaepLabel === undefined ? undefined : dataOf(o.oaepLabel, undefined, 'oaepLabel');
      const data = dataOf(buffer, undefined, 'buffer');
      const h = readKey(keyPart(key, o), decrypt ? 'private' : undefined);
      const mode = padding === 3 ? (decrypt ? 'private-raw-decrypt' : 'public-raw-encrypt')
        : decrypt ? 'decrypt-oaep' : padding === 1 ? 'encrypt-pkcs1' : 'encrypt-oaep';
      return keyCrypt(h, mode, hash, data, label);
    }

    /** The options object of an encryption's key argument (`{}` when the key is given alone). */
    const cryptOptions = (key) =>
      key !== null && typeof key === 'object' && !ArrayBuffer.isView(key) && !(key instanceof ArrayBuffer) && !(key instanceof KeyObject) ? key : {};

    /** The keyCrypt native on key `h` (readKey's), as a Buffer; OpenSSL's errors as Node's. */
    function keyCrypt(h, mode, hash, data, label) {
      let out;
      try {
        out = native.keyCrypt(h.der, h.type === 'private' ? 'pkcs8' : 'spki', mode, hash, data, label);
      } catch (e) {
        throw nodeError(e);
      }
      return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
    }

    /** The key of an options object without its padding (which readKey would take for a
     * signature's). */
    const keyPart = (key, o) => (o === key ? { key: o.key, format: o.format, type: o.type, passphrase: o.passphrase } : key);

    /** `privateEncrypt` and `publicDecrypt` (with a public or private key): PKCS#1 v1.5 type 1
     * padding, RSA's signature primitive without a digest (`RSA_PKCS1_PADDING`, Node's
     * default), or none (`RSA_NO_PADDING`). */
    function rsaRaw(encrypt, key, buffer) {
      const o = cryptOptions(key);
      const padding = o.padding === undefined ? 1 : o.padding;
      const name = encrypt ? 'crypto.privateEncrypt' : 'crypto.publicDecrypt';
      if (padding !== 1 && padding !== 3) throw notHere(`${name} with RSA padding ${padding}`);
      const data = dataOf(buffer, undefined, 'buffer');
      const h = readKey(keyPart(key, o), encrypt ? 'private' : undefined);
      const mode = padding === 3 ? (encrypt ? 'private-raw-encrypt' : 'public-raw-decrypt') : encrypt ? 'private-encrypt' : 'public-decrypt';
      return keyCrypt(h, mode, 'sha1', data, undefined);
    }

    const CURVES = new Set(['prime256v1', 'P-256', 'secp384r1', 'P-384']);

    /** `generateKeyPairSync(type, options)` for rsa, ec and ed25519 keys. */
    function generatePair(type, options) {
      if (typeof type !== 'string') throw invalidArgType('type', 'of type string', type);
      const o = options === undefined ? {} : options;
      if (o === null || typeof o !== 'object') throw invalidArgType('options', 'of type object', o);
      let bits = 0;
      let exponent = 0x10001;
      let curve = '';
      if (type === 'rsa') {
        bits = o.modulusLength;
        if (typeof bits !== 'number') throw invalidArgType('options.modulusLength', 'of type number', bits);
        if (!Number.isInteger(bits) || bits < 512 || bits > 16384) throw notHere(`an RSA modulus of ${bits} bits (512 to 16384 are)`);
        if (o.publicExponent !== undefined) exponent = o.publicExponent;
      } else if (type === 'ec') {
        curve = o.namedCurve;
        if (typeof curve !== 'string') throw invalidArgType('options.namedCurve', 'of type string', curve);
        if (!CURVES.has(curve)) throw notHere(`the curve ${curve} (prime256v1 and secp384r1 are)`);
      } else if (type !== 'ed25519') {
        if (['rsa-pss', 'dsa', 'dh', 'ed448', 'x25519', 'x448'].includes(type)) throw notHere(`generating ${type} keys`);
        throw coded(TypeError, 'ERR_INVALID_ARG_VALUE', `The argument 'type' must be a supported key type. Received '${type}'`);
      }
      let der;
      try {
        der = native.keyGenerate(type, bits, exponent, curve);
      } catch (e) {
        throw nodeError(e);
      }
      const privateKey = new KeyObject('private', readKey({ key: der, format: 'der', type: 'pkcs8' }, 'private'));
      const publicKey = new KeyObject('public', handleOf(privateKey[kHandle], 'public'));
      const encoded = (key, encoding) => (encoding === undefined ? key : key.export(encoding));
      return { publicKey: encoded(publicKey, o.publicKeyEncoding), privateKey: encoded(privateKey, o.privateKeyEncoding) };
    }

    return {
      KeyObject,
      generateKeyPairSync: generatePair,
      publicEncrypt: (key, buffer) => rsaCrypt(false, key, buffer),
      privateDecrypt: (key, buffer) => rsaCrypt(true, key, buffer),
      privateEncrypt: (key, buffer) => rsaRaw(true, key, buffer),
      publicDecrypt: (key, buffer) => rsaRaw(false, key, buffer),
      generateKeyPair(type, options, callback) {
        if (typeof options === 'function') [options, callback] = [undefined, options];
        cryptoLater(callback, () => {
          const pair = generatePair(type, options);
          return [pair.publicKey, pair.privateKey];
        });
      },
      createPrivateKey(key) {
        const given = key !== null && typeof key === 'object' && key.key !== undefined && !ArrayBuffer.isView(key) ? key.key : key;
        if (given instanceof KeyObject) {
          throw invalidArgType('key', 'of type string or an instance of ArrayBuffer, Buffer, TypedArray, or DataView', given);
        }
        return new KeyObject('private', readKey(key, 'private'));
      },
      createPublicKey: (key) => new KeyObject('public', readKey(key, 'public')),
      createSecretKey(key, encoding) {
        const bytes = dataOf(key, encoding, 'key');
        return new KeyObject('secret', { type: 'secret', bytes: Uint8Array.from(bytes) });
      },
      createSign: (algorithm) => new Sign(algorithm),
      createVerify: (algorithm) => new Verify(algorithm),
      Sign,
      Verify,
      sign(algorithm, data, key, callback) {
        const hash = algorithm == null ? null : hashOf(algorithm);
        const bytes = dataOf(data, undefined, 'data');
        return maybeLater(callback, () => signWith(hash, bytes, key));
      },
      verify(algorithm, data, key, signature, callback) {
        const hash = algorithm == null ? null : hashOf(algorithm);
        const bytes = dataOf(data, undefined, 'data');
        const sig = dataOf(signature, undefined, 'signature');
        return maybeLater(callback, () => verifyWith(hash, bytes, key, sig));
      },
    };
  })();

  internal.cryptoExtras = { constants: CRYPTO_CONSTANTS, functions: { ...scryptFns, ...keyFns }, KeyObject: keyFns.KeyObject };
})();
