// 51_node_crypto.js — Node 20's `node:crypto` for engines without llrt (JavaScriptCore):
// hashes and HMACs (`createHash`, `createHmac`, `hash.copy`), randomness (`randomBytes`,
// `randomFill(Sync)`, `randomInt`, `randomUUID`, `getRandomValues`), `timingSafeEqual`,
// `pbkdf2(Sync)`, `hkdf(Sync)`, AES-128/192/256 in CBC, CTR and GCM (`createCipheriv`,
// `createDecipheriv`), `getHashes`, `getCiphers`, and the Web Crypto objects (`webcrypto`,
// `subtle`). Errors carry Node's codes and messages.
//
// Sits on the natives of src/jsc/crypto.rs (`hashCreate`, `pbkdf2`, `hkdf`, `cipherCreate`),
// on `internal.crypto` (50_crypto.js) for randomness and on Buffer (30_buffer.js). Node's
// errors come from `internal.nodeErrors` (00_internal.js), read when an error is made.
// Registers the module as `internal.platformModules.crypto`, made on first use.
//
// Departures from Node: Hash and Hmac are not streams (no write/end/pipe); GCM gives its
// output at `final()` (it is authenticated as a whole), and takes 12 or 16-byte IVs only;
// no DH or X509 here; scrypt, KeyObject, signatures (createSign, sign/verify) and
// publicEncrypt/privateDecrypt come from js/53a_node_crypto.js, on both engines.
(() => {
  'use strict';
  const internal = globalThis[Symbol.for('ferroute.internal')];
  const native = internal.native;

  let made;
  internal.platformModules.crypto = () => {
    if (made === undefined) made = make();
    return made;
  };

  function make() {
    const { Buffer } = internal.platformModules.buffer();
    const errors = internal.nodeErrors;
    const { coded, invalidArgType } = errors;
    const { randomBytes: systemBytes, randomUUID: uuid, getRandomValues, webcrypto } = internal.crypto;

    /** Node's thousands separators in ERR_OUT_OF_RANGE for integers above 2^32. */
    const shown = (n) => (Number.isInteger(n) && Math.abs(n) > 2 ** 32 ? String(n).replace(/\B(?=(\d{3})+(?!\d))/g, '_') : String(n));
    const outOfRange = (name, range, value) => errors.outOfRange(name, range, shown(value));

    const HASHES = {
      md5: 'md5', sha1: 'sha1', sha224: 'sha224', sha256: 'sha256', sha384: 'sha384', sha512: 'sha512',
      'sha512-224': 'sha512-224', 'sha512-256': 'sha512-256',
      'sha-1': 'sha1', 'sha-224': 'sha224', 'sha-256': 'sha256', 'sha-384': 'sha384', 'sha-512': 'sha512',
      'sha-512/224': 'sha512-224', 'sha-512/256': 'sha512-256', 'sha512/224': 'sha512-224', 'sha512/256': 'sha512-256',
      'rsa-md5': 'md5', 'rsa-sha1': 'sha1', 'rsa-sha224': 'sha224', 'rsa-sha256': 'sha256', 'rsa-sha384': 'sha384',
      'rsa-sha512': 'sha512', 'rsa-sha512/224': 'sha512-224', 'rsa-sha512/256': 'sha512-256',
      md5withrsaencryption: 'md5', sha1withrsaencryption: 'sha1', sha224withrsaencryption: 'sha224',
      sha256withrsaencryption: 'sha256', sha384withrsaencryption: 'sha384', sha512withrsaencryption: 'sha512',
      'ssl3-md5': 'md5', 'ssl3-sha1': 'sha1',
    };
    /** Our native name for a Node digest name (any case), or undefined. */
    const hashName = (name) => (typeof name === 'string' ? HASHES[name.toLowerCase()] : undefined);

    const isBytes = (v) => ArrayBuffer.isView(v);
    /** A string (in `encoding`), ArrayBuffer or view as bytes, or undefined for anything else. */
    function toBytes(value, encoding) {
      if (typeof value === 'string') {
        if (encoding === undefined || encoding === 'utf8' || encoding === 'utf-8' || encoding === 'buffer') return value;
        return Buffer.from(value, encoding);
      }
      // The natives read typed arrays and ArrayBuffers; a DataView goes as bytes over its range.
      if (isBytes(value)) return value instanceof DataView ? new Uint8Array(value.buffer, value.byteOffset, value.byteLength) : value;
      if (value instanceof ArrayBuffer) return new Uint8Array(value);
      return undefined;
    }
    /** Bytes as a Buffer over the same memory. */
    const asBuffer = (u8) => Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength);
    /** A Buffer, or its text when `encoding` names one. */
    const output = (u8, encoding) => {
      const b = asBuffer(u8);
      return encoding === undefined || encoding === 'buffer' ? b : b.toString(encoding);
    };
    const DATA_TYPES = 'of type string or an instance of Buffer, TypedArray, or DataView';
    const KEY_TYPES = 'of type string or an instance of ArrayBuffer, Buffer, TypedArray, DataView, KeyObject, or CryptoKey';
    const BUFFER_TYPES = 'of type string or an instance of ArrayBuffer, Buffer, TypedArray, or DataView';

    function checkString(value, name) {
      if (typeof value !== 'string') throw invalidArgType(name, 'of type string', value);
    }
    function checkFunction(value, name) {
      if (typeof value !== 'function') throw invalidArgType(name, 'of type function', value);
    }
    function checkInt(value, name, min, max) {
      if (typeof value !== 'number') throw invalidArgType(name, 'of type number', value);
      if (!Number.isInteger(value)) throw outOfRange(name, 'an integer', value);
      if (value < min || value > max) throw outOfRange(name, `>= ${min} && <= ${max}`, value);
    }
    /** A password, salt, key or info argument as bytes (Node's prepareSecretKey / binary-like). */
    function binaryLike(value, name, types = BUFFER_TYPES) {
      const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : toBytes(value);
      if (bytes === undefined) throw invalidArgType(name, types, value);
      return bytes;
    }
    /** Calls `cb(...)` on a later turn, as Node's thread-pool callbacks are. */
    const later = (cb, ...args) => setTimeout(() => cb(...args), 0);

    // ---------------------------------------------------------------- Hash, Hmac
    const HASH = Symbol('hash');
    const finalized = () => coded(Error, 'ERR_CRYPTO_HASH_FINALIZED', 'Digest already called');

    function update(self, data, encoding) {
      if (self[HASH] === null) throw finalized();
      const bytes = toBytes(data, encoding);
      if (bytes === undefined) throw invalidArgType('data', DATA_TYPES, data);
      self[HASH](0, bytes);
      return self;
    }

    class Hash {
      constructor(algorithm, options) {
        if (!(this instanceof Hash)) return new Hash(algorithm, options);
        if (algorithm instanceof Hash) {
          if (algorithm[HASH] === null) throw finalized();
          this[HASH] = algorithm[HASH](2);
          return;
        }
        checkString(algorithm, 'algorithm');
        const handle = native.hashCreate(hashName(algorithm) ?? '');
        if (handle === null) throw new Error('Digest method not supported');
        this[HASH] = handle;
      }

      update(data, encoding) {
        return update(this, data, encoding);
      }

      digest(encoding) {
        if (this[HASH] === null) throw finalized();
        const out = this[HASH](1);
        this[HASH] = null;
        return output(out, encoding);
      }

      copy(options) {
        return new Hash(this, options);
      }
    }

    class Hmac {
      constructor(hmac, key, options) {
        if (!(this instanceof Hmac)) return new Hmac(hmac, key, options);
        checkString(hmac, 'hmac');
        if (key !== null && typeof key === 'object' && key.type === 'secret' && typeof key.export === 'function') key = key.export();
        const bytes = binaryLike(key, 'key', KEY_TYPES);
        const name = hashName(hmac);
        const handle = name === undefined ? null : native.hashCreate(name, bytes);
        if (handle === null) throw coded(TypeError, 'ERR_CRYPTO_INVALID_DIGEST', `Invalid digest: ${hmac}`);
        this[HASH] = handle;
        this.ended = false;
      }

      update(data, encoding) {
        return update(this, data, encoding);
      }

      /** Node's Hmac#digest: a second call gives an empty result instead of throwing. */
      digest(encoding) {
        if (this[HASH] === null) return output(new Uint8Array(0), encoding);
        const out = this[HASH](1);
        this[HASH] = null;
        this.ended = true;
        return output(out, encoding);
      }
    }

    const createHash = (algorithm, options) => new Hash(algorithm, options);
    const createHmac = (hmac, key, options) => new Hmac(hmac, key, options);
    /** Node 20.12's one-shot `crypto.hash(algorithm, data, outputEncoding = 'hex')`. */
    function hash(algorithm, data, outputEncoding = 'hex') {
      checkString(algorithm, 'algorithm');
      if (typeof data !== 'string' && !isBytes(data)) throw invalidArgType('data', 'of type string or an instance of Buffer, TypedArray, or DataView', data);
      return new Hash(algorithm).update(data).digest(outputEncoding);
    }
    const HASH_LIST = ['RSA-MD5', 'RSA-SHA1', 'RSA-SHA224', 'RSA-SHA256', 'RSA-SHA384', 'RSA-SHA512', 'RSA-SHA512/224', 'RSA-SHA512/256',
      'md5', 'md5WithRSAEncryption', 'sha1', 'sha1WithRSAEncryption', 'sha224', 'sha224WithRSAEncryption', 'sha256',
      'sha256WithRSAEncryption', 'sha384', 'sha384WithRSAEncryption', 'sha512', 'sha512-224', 'sha512-256', 'sha512WithRSAEncryption',
      'ssl3-md5', 'ssl3-sha1'];
    const getHashes = () => HASH_LIST.slice();

    // ---------------------------------------------------------------- randomness
    const MAX_SIZE = 2 ** 31 - 1;

    function randomBytes(size, callback) {
      if (typeof size !== 'number') throw invalidArgType('size', 'of type number', size);
      if (!(size >= 0 && size <= MAX_SIZE)) throw outOfRange('size', `>= 0 && <= ${MAX_SIZE}`, size);
      if (callback !== undefined) checkFunction(callback, 'callback');
      const buf = asBuffer(systemBytes(Math.floor(size)));
      if (callback === undefined) return buf;
      later(callback, null, buf);
    }

    /** Checks `buf`, `offset` and `size` of randomFill(Sync); the byte range to fill. */
    function fillRange(buf, offset, size) {
      const view = buf instanceof ArrayBuffer ? new Uint8Array(buf) : isBytes(buf) ? new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength) : undefined;
      if (view === undefined) throw invalidArgType('buf', 'an instance of ArrayBuffer or ArrayBufferView', buf);
      const elementSize = isBytes(buf) && buf.BYTES_PER_ELEMENT !== undefined ? buf.BYTES_PER_ELEMENT : 1;
      const length = view.length;
      if (offset === undefined) offset = 0;
      if (typeof offset !== 'number') throw invalidArgType('offset', 'of type number', offset);
      offset *= elementSize;
      if (!(offset >= 0 && offset <= length && Number.isInteger(offset))) throw outOfRange('offset', `>= 0 && <= ${length}`, offset);
      if (size === undefined) size = length - offset;
      else {
        if (typeof size !== 'number') throw invalidArgType('size', 'of type number', size);
        size *= elementSize;
        if (!(size >= 0 && size <= MAX_SIZE && Number.isInteger(size))) throw outOfRange('size', `>= 0 && <= ${MAX_SIZE}`, size);
        if (size + offset > length) throw outOfRange('size + offset', `<= ${length}`, size + offset);
      }
      return [view, offset, size];
    }

    function fill(view, offset, size) {
      for (let at = 0; at < size; at += 65536) {
        const n = Math.min(65536, size - at);
        view.set(systemBytes(n), offset + at);
      }
    }

    function randomFillSync(buf, offset, size) {
      const [view, start, n] = fillRange(buf, offset, size);
      fill(view, start, n);
      return buf;
    }

    function randomFill(buf, offset, size, callback) {
      if (typeof offset === 'function') [offset, size, callback] = [undefined, undefined, offset];
      else if (typeof size === 'function') [size, callback] = [undefined, size];
      checkFunction(callback, 'callback');
      const [view, start, n] = fillRange(buf, offset, size);
      fill(view, start, n);
      later(callback, null, buf);
    }

    const RANDOM_INT_MAX = 2 ** 48 - 1;
    /** A uniform integer in [min, max): 48-bit draws, those past the last whole range refused. */
    function randomInt(min, max, callback) {
      if (max === undefined || typeof max === 'function') [min, max, callback] = [0, min, max];
      if (!Number.isSafeInteger(min)) throw invalidArgType('min', 'a safe integer', min);
      if (!Number.isSafeInteger(max)) throw invalidArgType('max', 'a safe integer', max);
      if (max <= min) throw outOfRange('max', `greater than the value of "min" (${min})`, max);
      const range = max - min;
      if (range > RANDOM_INT_MAX) throw outOfRange('max - min', `<= ${RANDOM_INT_MAX}`, range);
      if (callback !== undefined) checkFunction(callback, 'callback');
      const limit = RANDOM_INT_MAX + 1 - ((RANDOM_INT_MAX + 1) % range);
      let n;
      do {
        const b = systemBytes(6);
        n = b[0] * 2 ** 40 + b[1] * 2 ** 32 + b[2] * 2 ** 24 + ((b[3] << 16) | (b[4] << 8) | b[5]);
      } while (n >= limit);
      const value = min + (n % range);
      if (callback === undefined) return value;
      later(callback, null, value);
    }

    function randomUUID(options) {
      if (options !== undefined && (options === null || typeof options !== 'object')) throw invalidArgType('options', 'of type object', options);
      return uuid();
    }

    function timingSafeEqual(buf1, buf2) {
      const types = 'an instance of ArrayBuffer, Buffer, TypedArray, or DataView.';
      const view = (v, name) => {
        if (v instanceof ArrayBuffer) return new Uint8Array(v);
        if (isBytes(v)) return new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
        throw coded(TypeError, 'ERR_INVALID_ARG_TYPE', `The "${name}" argument must be ${types}`);
      };
      const a = view(buf1, 'buf1');
      const b = view(buf2, 'buf2');
      if (a.length !== b.length) throw coded(RangeError, 'ERR_CRYPTO_TIMING_SAFE_EQUAL_LENGTH', 'Input buffers must have the same byte length');
      let diff = 0;
      for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i];
      return diff === 0;
    }

    // ---------------------------------------------------------------- PBKDF2, HKDF
    function pbkdf2Args(password, salt, iterations, keylen, digest) {
      const p = binaryLike(password, 'password');
      const s = binaryLike(salt, 'salt');
      checkInt(iterations, 'iterations', 1, MAX_SIZE);
      checkInt(keylen, 'keylen', 0, MAX_SIZE);
      checkString(digest, 'digest');
      const name = hashName(digest);
      if (name === undefined) throw coded(TypeError, 'ERR_CRYPTO_INVALID_DIGEST', `Invalid digest: ${digest}`);
      return [name, p, s, iterations, keylen];
    }

    const pbkdf2Sync = (password, salt, iterations, keylen, digest) => asBuffer(native.pbkdf2(...pbkdf2Args(password, salt, iterations, keylen, digest)));

    function pbkdf2(password, salt, iterations, keylen, digest, callback) {
      if (typeof digest === 'function') [digest, callback] = [undefined, digest];
      const args = pbkdf2Args(password, salt, iterations, keylen, digest);
      checkFunction(callback, 'callback');
      later(() => {
        let out;
        try {
          out = asBuffer(native.pbkdf2(...args));
        } catch (e) {
          callback(e);
          return;
        }
        callback(null, out);
      });
    }

    const HASH_SIZES = { md5: 16, sha1: 20, sha224: 28, sha256: 32, sha384: 48, sha512: 64, 'sha512-224': 28, 'sha512-256': 32 };

    function hkdfArgs(digest, ikm, salt, info, keylen) {
      checkString(digest, 'digest');
      const name = hashName(digest);
      const key = binaryLike(ikm, 'ikm', KEY_TYPES);
      const s = binaryLike(salt, 'salt');
      const i = binaryLike(info, 'info');
      checkInt(keylen, 'length', 0, 2 ** 31 - 1);
      if (name === undefined || !(name in HASH_SIZES) || name.startsWith('sha512-')) throw coded(TypeError, 'ERR_CRYPTO_INVALID_DIGEST', `Invalid digest: ${digest}`);
      if (i.byteLength > 1024) throw outOfRange('info', 'must not contain more than 1024 bytes', i.byteLength);
      if (keylen > 255 * HASH_SIZES[name]) throw coded(RangeError, 'ERR_CRYPTO_INVALID_KEYLEN', 'Invalid key length');
      return [name, key, s, i, keylen];
    }

    /** The derived bytes as a new ArrayBuffer, as Node's hkdf gives them. */
    function hkdfRun(args) {
      const out = native.hkdf(...args);
      if (out === null) throw coded(RangeError, 'ERR_CRYPTO_INVALID_KEYLEN', 'Invalid key length');
      return out.buffer.byteLength === out.byteLength ? out.buffer : out.slice().buffer;
    }

    const hkdfSync = (digest, ikm, salt, info, keylen) => hkdfRun(hkdfArgs(digest, ikm, salt, info, keylen));

    function hkdf(digest, ikm, salt, info, keylen, callback) {
      const args = hkdfArgs(digest, ikm, salt, info, keylen);
      checkFunction(callback, 'callback');
      later(() => {
        let out;
        try {
          out = hkdfRun(args);
        } catch (e) {
          callback(e);
          return;
        }
        callback(null, out);
      });
    }

    // ---------------------------------------------------------------- Cipheriv, Decipheriv
    const CIPHERS = {};
    for (const bits of [128, 192, 256]) {
      for (const mode of ['cbc', 'ctr', 'gcm']) CIPHERS[`aes-${bits}-${mode}`] = [mode, bits / 8];
      CIPHERS[`aes${bits}`] = ['cbc', bits / 8];
      CIPHERS[`id-aes${bits}-gcm`] = ['gcm', bits / 8];
    }
    const CIPHER = Symbol('cipher');
    const STATE = Symbol('state');
    const osslError = (code, reason, number) =>
      coded(Error, code, `error:${number}:Provider routines::${reason}`, { library: 'Provider routines', reason });

    /** The native cipher for `new Cipheriv/Decipheriv(algorithm, key, iv, options)`. */
    function cipherOpen(self, decrypt, algorithm, key, iv, options) {
      checkString(algorithm, 'cipher');
      const spec = CIPHERS[algorithm.toLowerCase()];
      if (key !== null && typeof key === 'object' && key.type === 'secret' && typeof key.export === 'function') key = key.export();
      const keyBytes = binaryLike(key, 'key', KEY_TYPES);
      const ivBytes = iv === null ? null : binaryLike(iv, 'iv', 'of type string or an instance of Buffer, TypedArray, or DataView');
      if (spec === undefined) throw coded(Error, 'ERR_CRYPTO_UNKNOWN_CIPHER', 'Unknown cipher');
      const [mode, keyLength] = spec;
      if (keyBytes.byteLength !== keyLength) throw coded(RangeError, 'ERR_CRYPTO_INVALID_KEYLEN', 'Invalid key length');
      const ivOk = ivBytes !== null && (mode === 'gcm' ? ivBytes.byteLength === 12 || ivBytes.byteLength === 16 : ivBytes.byteLength === 16);
      if (!ivOk) throw coded(TypeError, 'ERR_CRYPTO_INVALID_IV', 'Invalid initialization vector');
      let tagLength = 16;
      if (mode === 'gcm' && options != null && options.authTagLength !== undefined) {
        tagLength = options.authTagLength;
        if (![4, 8, 12, 13, 14, 15, 16].includes(tagLength)) {
          throw coded(TypeError, 'ERR_CRYPTO_INVALID_AUTH_TAG', `Invalid authentication tag length: ${tagLength}`);
        }
      }
      const handle = native.cipherCreate(mode, decrypt, keyBytes, ivBytes, tagLength);
      if (handle === null) throw coded(TypeError, 'ERR_CRYPTO_INVALID_IV', 'Invalid initialization vector');
      self[CIPHER] = handle;
      // 0: open, 1: ended by final(); the tag length asked for (GCM).
      self[STATE] = { ended: false, mode, tagLength, tagSet: false };
    }

    const cipherMethods = {
      update(data, inputEncoding, outputEncoding) {
        if (this[STATE].ended) throw new Error('Trying to add data in unsupported state');
        const bytes = typeof data === 'string' ? Buffer.from(data, inputEncoding === undefined || inputEncoding === 'buffer' ? 'utf8' : inputEncoding) : toBytes(data);
        if (bytes === undefined) throw invalidArgType('data', DATA_TYPES, data);
        return output(this[CIPHER](0, bytes), outputEncoding);
      },
      final(outputEncoding) {
        if (this[STATE].ended) throw coded(Error, 'ERR_CRYPTO_INVALID_STATE', 'Invalid state');
        this[STATE].ended = true;
        let out;
        try {
          out = this[CIPHER](1);
        } catch (e) {
          const reason = String(e && e.message);
          if (reason === 'bad decrypt') throw osslError('ERR_OSSL_BAD_DECRYPT', reason, '1C800064');
          if (reason === 'wrong final block length') throw osslError('ERR_OSSL_WRONG_FINAL_BLOCK_LENGTH', reason, '1C80006B');
          throw new Error('Unsupported state or unable to authenticate data');
        }
        return output(out, outputEncoding);
      },
      setAutoPadding(autoPadding = true) {
        if (this[STATE].ended) throw coded(Error, 'ERR_CRYPTO_INVALID_STATE', 'Invalid state for operation setAutoPadding');
        this[CIPHER](5, Boolean(autoPadding));
        return this;
      },
      setAAD(buffer, options) {
        const bytes = toBytes(buffer);
        if (bytes === undefined || typeof buffer === 'string') throw invalidArgType('buffer', 'an instance of ArrayBuffer, Buffer, TypedArray, or DataView', buffer);
        if (this[STATE].ended || this[STATE].mode !== 'gcm') throw coded(Error, 'ERR_CRYPTO_INVALID_STATE', 'Invalid state for operation setAAD');
        this[CIPHER](2, bytes);
        return this;
      },
    };

    function Cipheriv(cipher, key, iv, options) {
      if (!(this instanceof Cipheriv)) return new Cipheriv(cipher, key, iv, options);
      cipherOpen(this, false, cipher, key, iv, options);
    }
    Object.assign(Cipheriv.prototype, cipherMethods, {
      getAuthTag() {
        const tag = this[STATE].ended && this[STATE].mode === 'gcm' ? this[CIPHER](3) : undefined;
        if (tag === undefined) throw coded(Error, 'ERR_CRYPTO_INVALID_STATE', 'Invalid state for operation getAuthTag');
        return asBuffer(tag);
      },
    });

    function Decipheriv(cipher, key, iv, options) {
      if (!(this instanceof Decipheriv)) return new Decipheriv(cipher, key, iv, options);
      cipherOpen(this, true, cipher, key, iv, options);
    }
    Object.assign(Decipheriv.prototype, cipherMethods, {
      setAuthTag(tagbuf, encoding) {
        const bytes = toBytes(tagbuf, encoding);
        if (bytes === undefined) throw invalidArgType('buffer', 'an instance of Buffer, TypedArray, or DataView', tagbuf);
        const state = this[STATE];
        if (state.ended || state.mode !== 'gcm' || state.tagSet) throw coded(Error, 'ERR_CRYPTO_INVALID_STATE', 'Invalid state for operation setAuthTag');
        const n = typeof bytes === 'string' ? Buffer.byteLength(bytes) : bytes.byteLength;
        if (![4, 8, 12, 13, 14, 15, 16].includes(n)) throw coded(TypeError, 'ERR_CRYPTO_INVALID_AUTH_TAG', `Invalid authentication tag length: ${n}`);
        state.tagSet = true;
        this[CIPHER](4, bytes);
        return this;
      },
    });
    for (const C of [Cipheriv, Decipheriv]) {
      for (const name of Object.keys(C.prototype)) Object.defineProperty(C.prototype, name, { enumerable: false });
    }

    const createCipheriv = (cipher, key, iv, options) => new Cipheriv(cipher, key, iv, options);
    const createDecipheriv = (cipher, key, iv, options) => new Decipheriv(cipher, key, iv, options);
    const getCiphers = () => Object.keys(CIPHERS).sort();

    const exports = {
      Hash, Hmac, Cipheriv, Decipheriv,
      createHash, createHmac, hash, getHashes,
      randomBytes, pseudoRandomBytes: randomBytes, prng: randomBytes, rng: randomBytes,
      randomFill, randomFillSync, randomInt, randomUUID, getRandomValues: (array) => webcrypto.getRandomValues(array),
      timingSafeEqual, pbkdf2, pbkdf2Sync, hkdf, hkdfSync,
      createCipheriv, createDecipheriv, getCiphers,
      webcrypto, subtle: internal.subtle,
      constants: {},
      getFips: () => 0,
      setFips: () => {},
    };
    Object.defineProperty(exports, 'subtle', { get: () => internal.subtle, enumerable: true });
    return exports;
  }
})();
