// 52_subtle.js — `crypto.subtle` (`SubtleCrypto`) and `CryptoKey` of the W3C Web Cryptography
// API for engines without llrt (JavaScriptCore): digest (SHA-1/256/384/512); HMAC, ECDSA
// (P-256, P-384), Ed25519, RSASSA-PKCS1-v1_5 and RSA-PSS sign and verify; AES-GCM, AES-CBC,
// AES-CTR and RSA-OAEP encrypt and decrypt; PBKDF2, HKDF and ECDH deriveBits and deriveKey;
// generateKey, importKey and exportKey
// of those keys (raw, jwk, and spki/pkcs8 for the asymmetric ones); wrapKey and unwrapKey over
// AES. Algorithm normalization, usages and the DOMException names follow the specification;
// the messages are Node 20's.
//
// Sits on the natives of src/jsc/crypto.rs (`hashCreate`, `pbkdf2`, `hkdf`, `cipherCreate`,
// `ecKey`, `ecExport`, `ecSign`, `ecVerify`, `ecdh`, `edKey`, `edSign`, `edVerify`, `rsaKey`,
// `rsaJwk`, `rsaSign`, `rsaVerify`, `rsaOaep`), on
// `internal.crypto.randomBytes` (50_crypto.js), DOMException (10_dom_exception.js) and Buffer's
// base64url (30_buffer.js). Sets `internal.subtle` (what `crypto.subtle` returns) and the
// globals `SubtleCrypto` and `CryptoKey`.
//
// Work is done synchronously when the method is called and handed back as a settled promise:
// a PBKDF2 of many iterations or an RSA key generation holds the worker for its duration. Not
// here: P-521, X25519, X448, Ed448 and AES-KW, which reject with NotSupportedError.
(() => {
  'use strict';
  const internal = globalThis[Symbol.for('ferroute.internal')];
  const native = internal.native;

  const toBase64url = (bytes) => internal.platformModules.buffer().Buffer.from(bytes).toString('base64url');
  const fromBase64url = (text) => new Uint8Array(internal.platformModules.buffer().Buffer.from(text, 'base64url'));

  const operationError = (message = 'The operation failed for an operation-specific reason') => new DOMException(message, 'OperationError');
  const dataError = (message) => new DOMException(message, 'DataError');
  const syntaxError = (message) => new DOMException(message, 'SyntaxError');
  const accessError = (message = 'The requested operation is not valid for the provided key') => new DOMException(message, 'InvalidAccessError');
  const notSupported = (message = 'Unrecognized algorithm name') => new DOMException(message, 'NotSupportedError');
  function typeError(code, message) {
    const e = new TypeError(message);
    e.code = code;
    return e;
  }

  /** A copy of a BufferSource's bytes, or undefined when `value` is none. */
  function bufferSource(value) {
    if (ArrayBuffer.isView(value)) return new Uint8Array(value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength));
    if (value instanceof ArrayBuffer) return new Uint8Array(value.slice(0));
    return undefined;
  }
  const ordinal = (i) => ['1st', '2nd', '3rd', '4th', '5th', '6th', '7th'][i];
  function dataArg(method, value, index) {
    const bytes = bufferSource(value);
    if (bytes === undefined) {
      throw typeError('ERR_INVALID_ARG_TYPE', `Failed to execute '${method}' on 'SubtleCrypto': ${ordinal(index)} argument is not instance of ArrayBuffer, Buffer, TypedArray, or DataView.`);
    }
    return bytes;
  }
  function argCount(method, args, n) {
    if (args.length < n) {
      throw typeError('ERR_MISSING_ARGS', `Failed to execute '${method}' on 'SubtleCrypto': ${n} arguments required, but only ${args.length} present.`);
    }
  }
  const arrayBuffer = (u8) => (u8.byteOffset === 0 && u8.byteLength === u8.buffer.byteLength ? u8.buffer : u8.slice().buffer);

  // ---------------------------------------------------------------- algorithms
  const HASHES = { 'SHA-1': ['sha1', 512], 'SHA-256': ['sha256', 512], 'SHA-384': ['sha384', 1024], 'SHA-512': ['sha512', 1024] };

  /** Members of each algorithm's parameter dictionaries: [member, kind, required]. */
  const DICTS = {
    HmacImportParams: [['hash', 'hash', true], ['length', 'number', false]],
    HmacKeyGenParams: [['hash', 'hash', true], ['length', 'number', false]],
    AesKeyGenParams: [['length', 'number', true]],
    AesDerivedKeyParams: [['length', 'number', true]],
    AesGcmParams: [['iv', 'bytes', true], ['additionalData', 'bytes', false], ['tagLength', 'number', false]],
    AesCbcParams: [['iv', 'bytes', true]],
    AesCtrParams: [['counter', 'bytes', true], ['length', 'number', true]],
    Pbkdf2Params: [['salt', 'bytes', true], ['iterations', 'number', true], ['hash', 'hash', true]],
    HkdfParams: [['hash', 'hash', true], ['salt', 'bytes', true], ['info', 'bytes', true]],
    EcKeyGenParams: [['namedCurve', 'string', true]],
    EcKeyImportParams: [['namedCurve', 'string', true]],
    EcdsaParams: [['hash', 'hash', true]],
    EcdhKeyDeriveParams: [['public', 'key', true]],
    RsaHashedKeyGenParams: [['modulusLength', 'number', true], ['publicExponent', 'bytes', true], ['hash', 'hash', true]],
    RsaHashedImportParams: [['hash', 'hash', true]],
    RsaPssParams: [['saltLength', 'number', true]],
    RsaOaepParams: [['label', 'bytes', false]],
    Algorithm: [],
  };

  /** For each operation, the algorithms it supports and the dictionary of their parameters. */
  const OPS = {
    digest: { 'SHA-1': 'Algorithm', 'SHA-256': 'Algorithm', 'SHA-384': 'Algorithm', 'SHA-512': 'Algorithm' },
    sign: { HMAC: 'Algorithm', ECDSA: 'EcdsaParams', Ed25519: 'Algorithm', 'RSASSA-PKCS1-v1_5': 'Algorithm', 'RSA-PSS': 'RsaPssParams' },
    verify: { HMAC: 'Algorithm', ECDSA: 'EcdsaParams', Ed25519: 'Algorithm', 'RSASSA-PKCS1-v1_5': 'Algorithm', 'RSA-PSS': 'RsaPssParams' },
    encrypt: { 'AES-GCM': 'AesGcmParams', 'AES-CBC': 'AesCbcParams', 'AES-CTR': 'AesCtrParams', 'RSA-OAEP': 'RsaOaepParams' },
    decrypt: { 'AES-GCM': 'AesGcmParams', 'AES-CBC': 'AesCbcParams', 'AES-CTR': 'AesCtrParams', 'RSA-OAEP': 'RsaOaepParams' },
    generateKey: {
      HMAC: 'HmacKeyGenParams', 'AES-GCM': 'AesKeyGenParams', 'AES-CBC': 'AesKeyGenParams', 'AES-CTR': 'AesKeyGenParams',
      ECDSA: 'EcKeyGenParams', ECDH: 'EcKeyGenParams', Ed25519: 'Algorithm',
      'RSASSA-PKCS1-v1_5': 'RsaHashedKeyGenParams', 'RSA-PSS': 'RsaHashedKeyGenParams', 'RSA-OAEP': 'RsaHashedKeyGenParams',
    },
    importKey: {
      HMAC: 'HmacImportParams', 'AES-GCM': 'Algorithm', 'AES-CBC': 'Algorithm', 'AES-CTR': 'Algorithm', PBKDF2: 'Algorithm', HKDF: 'Algorithm',
      ECDSA: 'EcKeyImportParams', ECDH: 'EcKeyImportParams', Ed25519: 'Algorithm',
      'RSASSA-PKCS1-v1_5': 'RsaHashedImportParams', 'RSA-PSS': 'RsaHashedImportParams', 'RSA-OAEP': 'RsaHashedImportParams',
    },
    deriveBits: { PBKDF2: 'Pbkdf2Params', HKDF: 'HkdfParams', ECDH: 'EcdhKeyDeriveParams' },
    'get key length': { HMAC: 'HmacImportParams', 'AES-GCM': 'AesDerivedKeyParams', 'AES-CBC': 'AesDerivedKeyParams', 'AES-CTR': 'AesDerivedKeyParams' },
    wrapKey: { 'AES-GCM': 'AesGcmParams', 'AES-CBC': 'AesCbcParams', 'AES-CTR': 'AesCtrParams', 'RSA-OAEP': 'RsaOaepParams' },
    unwrapKey: { 'AES-GCM': 'AesGcmParams', 'AES-CBC': 'AesCbcParams', 'AES-CTR': 'AesCtrParams', 'RSA-OAEP': 'RsaOaepParams' },
  };
  const REGISTERED = {};
  for (const table of Object.values(OPS)) for (const name of Object.keys(table)) REGISTERED[name.toUpperCase()] = name;

  /** WebCrypto's "normalize an algorithm": a new object with the registered name and the
   * converted members of the operation's dictionary. */
  function normalize(algorithm, op) {
    if (typeof algorithm === 'string') return normalize({ name: algorithm }, op);
    if (algorithm === null || (typeof algorithm !== 'object' && typeof algorithm !== 'function')) {
      throw typeError('ERR_INVALID_ARG_TYPE', "Failed to normalize algorithm: passed algorithm can not be converted to 'Algorithm' because it is not an object.");
    }
    if (algorithm.name === undefined) {
      throw typeError('ERR_MISSING_OPTION', "Failed to normalize algorithm: passed algorithm can not be converted to 'Algorithm' because 'name' is required in 'Algorithm'.");
    }
    const name = REGISTERED[String(algorithm.name).toUpperCase()];
    const dict = name === undefined ? undefined : OPS[op][name];
    if (dict === undefined) throw notSupported();
    const out = { name };
    for (const [member, kind, required] of DICTS[dict]) {
      const value = algorithm[member];
      if (value === undefined) {
        if (required) {
          throw typeError('ERR_MISSING_OPTION', `Failed to normalize algorithm: passed algorithm can not be converted to '${dict}' because '${member}' is required in '${dict}'.`);
        }
        continue;
      }
      if (kind === 'hash') out[member] = normalize(value, 'digest');
      else if (kind === 'string') out[member] = String(value);
      else if (kind === 'key') {
        if (!isKey(value)) throw typeError('ERR_INVALID_ARG_TYPE', `Failed to normalize algorithm: '${member}' of '${dict}' is not of type CryptoKey.`);
        out[member] = value;
      }      else if (kind === 'number') {
        const n = Number(value);
        if (!Number.isFinite(n)) throw typeError('ERR_INVALID_ARG_TYPE', `Failed to normalize algorithm: '${member}' of '${dict}' is not a finite number.`);
        out[member] = Math.trunc(n);
      } else {
        const bytes = bufferSource(value);
        if (bytes === undefined) {
          throw typeError('ERR_INVALID_ARG_TYPE', `Failed to normalize algorithm: '${member}' of '${dict}' is not instance of ArrayBuffer, Buffer, TypedArray, or DataView.`);
        }
        out[member] = bytes;
      }
    }
    return out;
  }

  // ---------------------------------------------------------------- CryptoKey
  /** Each CryptoKey's internal slots: type, extractable, algorithm, usages, key material. */
  const KEYS = new WeakMap();
  let constructing = false;

  class CryptoKey {
    constructor() {
      if (!constructing) throw typeError('ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor');
    }

    get type() {
      return slots(this).type;
    }

    get extractable() {
      return slots(this).extractable;
    }

    get algorithm() {
      return slots(this).algorithm;
    }

    get usages() {
      return slots(this).usagesView;
    }
  }
  Object.defineProperty(CryptoKey.prototype, Symbol.toStringTag, { value: 'CryptoKey', configurable: true });
  for (const name of ['type', 'extractable', 'algorithm', 'usages']) Object.defineProperty(CryptoKey.prototype, name, { enumerable: true });

  function slots(key) {
    const s = key !== null && typeof key === 'object' ? KEYS.get(key) : undefined;
    if (s === undefined) throw new TypeError('Illegal invocation');
    return s;
  }
  const isKey = (v) => v !== null && typeof v === 'object' && KEYS.has(v);

  const USAGE_ORDER = ['encrypt', 'decrypt', 'sign', 'verify', 'deriveKey', 'deriveBits', 'wrapKey', 'unwrapKey'];

  function makeKey(type, extractable, algorithm, usages, data) {
    constructing = true;
    let key;
    try {
      key = new CryptoKey();
    } finally {
      constructing = false;
    }
    const list = usages.slice();
    KEYS.set(key, { type, extractable, algorithm, usages: list, usagesView: list.slice(), data });
    return key;
  }

  /** The usages argument as a list of KeyUsage strings (TypeError for others). */
  function usageList(method, value) {
    if (value === null || typeof value !== 'object' || typeof value[Symbol.iterator] !== 'function') {
      throw typeError('ERR_INVALID_ARG_TYPE', `Failed to execute '${method}' on 'SubtleCrypto': keyUsages is not a sequence.`);
    }
    const list = [];
    for (const u of value) {
      const s = String(u);
      if (!USAGE_ORDER.includes(s)) {
        throw typeError('ERR_INVALID_ARG_VALUE', `Failed to execute '${method}' on 'SubtleCrypto': value '${s}' is not a valid enum value of type KeyUsage.`);
      }
      if (!list.includes(s)) list.push(s);
    }
    return list;
  }

  function checkUsages(usages, allowed, what) {
    for (const u of usages) if (!allowed.includes(u)) throw syntaxError(`Unsupported key usage for ${what}`);
  }

  function requireUsage(key, usage, message) {
    if (!slots(key).usages.includes(usage)) throw accessError(message);
  }

  // ---------------------------------------------------------------- secret keys
  const AES_USAGES = ['encrypt', 'decrypt', 'wrapKey', 'unwrapKey'];
  const AES_JWK = { 'AES-GCM': 'GCM', 'AES-CBC': 'CBC', 'AES-CTR': 'CTR' };
  const HMAC_JWK = { 'SHA-1': 'HS1', 'SHA-256': 'HS256', 'SHA-384': 'HS384', 'SHA-512': 'HS512' };

  /** The secret bytes of a jwk import of an `oct` key, after the checks every kind shares. */
  function octFromJwk(jwk, usages, extractable, use) {
    if (jwk === null || typeof jwk !== 'object') throw dataError('Invalid keyData');
    if (jwk.kty !== 'oct') throw dataError('Invalid JWK "kty" Parameter');
    if (typeof jwk.k !== 'string') throw dataError('Invalid JWK secret key');
    if (usages.length > 0 && jwk.use !== undefined && jwk.use !== use) throw dataError('Invalid JWK "use" Parameter');
    if (jwk.key_ops !== undefined) {
      if (!Array.isArray(jwk.key_ops)) throw dataError('Invalid JWK "key_ops" Parameter');
      for (const u of usages) if (!jwk.key_ops.includes(u)) throw dataError('Key operations and usage mismatch');
    }
    if (jwk.ext === false && extractable) throw dataError('JWK "ext" Parameter and extractable mismatch');
    return fromBase64url(jwk.k);
  }

  function importSecret(format, keyData, algorithm, extractable, usages) {
    const name = algorithm.name;
    if (name === 'PBKDF2' || name === 'HKDF') {
      if (format !== 'raw') throw notSupported(`Unable to import ${name} key with format ${format}`);
      checkUsages(usages, ['deriveKey', 'deriveBits'], `a ${name} key`);
      if (extractable) throw syntaxError(`${name} keys are not extractable`);
      if (usages.length === 0) throw syntaxError('Usages cannot be empty when importing a secret key.');
      return makeKey('secret', false, { name }, usages, keyData);
    }
    if (name === 'HMAC') {
      checkUsages(usages, ['sign', 'verify'], 'an HMAC key');
      let bytes;
      if (format === 'raw') bytes = keyData;
      else if (format === 'jwk') {
        bytes = octFromJwk(keyData, usages, extractable, 'sig');
        if (keyData.alg !== undefined && keyData.alg !== HMAC_JWK[algorithm.hash.name]) throw dataError('JWK "alg" does not match the requested algorithm');
      } else throw notSupported(`Unable to import HMAC key with format ${format}`);
      if (usages.length === 0) throw syntaxError('Usages cannot be empty when importing a secret key.');
      if (bytes.length === 0) throw dataError('Zero-length key is not supported');
      let length = bytes.length * 8;
      if (algorithm.length !== undefined) {
        if (algorithm.length > length || algorithm.length <= length - 8) throw dataError('Invalid key length');
        length = algorithm.length;
      }
      return makeKey('secret', extractable, { name, length, hash: { name: algorithm.hash.name } }, usages, bytes);
    }
    // AES-GCM, AES-CBC, AES-CTR
    checkUsages(usages, AES_USAGES, 'an AES key');
    let bytes;
    if (format === 'raw') bytes = keyData;
    else if (format === 'jwk') {
      bytes = octFromJwk(keyData, usages, extractable, 'enc');
      if (![16, 24, 32].includes(bytes.length)) throw dataError('Invalid key length');
      if (keyData.alg !== undefined && keyData.alg !== `A${bytes.length * 8}${AES_JWK[name]}`) throw dataError('JWK "alg" does not match the requested algorithm');
    } else throw notSupported(`Unable to import AES key with format ${format}`);
    if (![16, 24, 32].includes(bytes.length)) throw dataError('Invalid key length');
    if (usages.length === 0) throw syntaxError('Usages cannot be empty when importing a secret key.');
    return makeKey('secret', extractable, { name, length: bytes.length * 8 }, usages, bytes);
  }

  function exportSecret(format, key) {
    const s = slots(key);
    if (format === 'raw') return arrayBuffer(s.data.slice());
    if (format !== 'jwk') throw notSupported(`Unable to export ${s.algorithm.name} key with format ${format}`);
    const jwk = { key_ops: s.usages.slice(), ext: s.extractable, kty: 'oct', k: toBase64url(s.data) };
    const name = s.algorithm.name;
    if (name === 'HMAC') jwk.alg = HMAC_JWK[s.algorithm.hash.name];
    else jwk.alg = `A${s.data.length * 8}${AES_JWK[name]}`;
    return jwk;
  }

  /** The length in bits of a key of `algorithm` ("get key length"). */
  function keyLength(algorithm) {
    if (algorithm.name === 'HMAC') {
      if (algorithm.length === undefined) return HASHES[algorithm.hash.name][1];
      if (algorithm.length === 0) throw typeError('ERR_INVALID_ARG_VALUE', 'Zero-length key is not supported');
      return algorithm.length;
    }
    if (![128, 192, 256].includes(algorithm.length)) throw operationError('AES key length must be 128, 192, or 256 bits');
    return algorithm.length;
  }

  function generateSecret(algorithm, extractable, usages) {
    if (algorithm.name === 'HMAC') checkUsages(usages, ['sign', 'verify'], 'an HMAC key');
    else checkUsages(usages, AES_USAGES, 'an AES key');
    const bits = keyLength(algorithm);
    if (usages.length === 0) throw syntaxError('Usages cannot be empty when creating a key.');
    const bytes = internal.crypto.randomBytes(Math.ceil(bits / 8));
    if (bits % 8 !== 0) bytes[bytes.length - 1] &= 0xff << (8 - (bits % 8));
    const keyAlgorithm = algorithm.name === 'HMAC' ? { name: 'HMAC', length: bits, hash: { name: algorithm.hash.name } } : { name: algorithm.name, length: bits };
    return makeKey('secret', extractable, keyAlgorithm, usages, bytes);
  }

  // ---------------------------------------------------------------- asymmetric keys
  // Key material of ECDSA, ECDH and Ed25519 keys: `{ d, point }`, the private scalar (or
  // Ed25519 seed; null in a public key) and the public key (EC: uncompressed SEC1 point).
  const ASYMMETRIC = {
    ECDSA: { public: ['verify'], private: ['sign'], use: 'sig' },
    ECDH: { public: [], private: ['deriveKey', 'deriveBits'], use: 'enc' },
    Ed25519: { public: ['verify'], private: ['sign'], use: 'sig' },
  };
  const CURVES = { 'P-256': 32, 'P-384': 48 };
  // Ed25519's SPKI and PKCS#8 (RFC 8410) documents: a fixed prefix, then the 32 key bytes.
  const ED_SPKI = new Uint8Array([0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00]);
  const ED_PKCS8 = new Uint8Array([0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20]);
  const article = (name) => (/^[AEIOU]/.test(name) ? 'an' : 'a');

  const concat = (a, b) => {
    const out = new Uint8Array(a.length + b.length);
    out.set(a, 0);
    out.set(b, a.length);
    return out;
  };
  const sameBytes = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);
  /** The 32 bytes after `prefix` in `bytes`, or undefined when `bytes` is not prefix ‖ 32 bytes. */
  const afterPrefix = (bytes, prefix) =>
    bytes.length === prefix.length + 32 && sameBytes(bytes.subarray(0, prefix.length), prefix) ? bytes.subarray(prefix.length) : undefined;

  function checkCurve(algorithm) {
    if (algorithm.name === 'Ed25519') return undefined;
    const curve = algorithm.namedCurve;
    if (curve === 'P-521') throw notSupported('P-521 keys are not supported on this engine');
    if (!(curve in CURVES)) throw notSupported('Unrecognized namedCurve');
    return curve;
  }
  const keyAlgorithm = (name, curve) => (curve === undefined ? { name } : { name, namedCurve: curve });

  function generatePair(algorithm, extractable, usages) {
    const name = algorithm.name;
    const rules = ASYMMETRIC[name];
    for (const u of usages) {
      if (!rules.public.includes(u) && !rules.private.includes(u)) throw syntaxError(`Unsupported key usage for ${article(name)} ${name} key`);
    }
    const curve = checkCurve(algorithm);
    const privateUsages = usages.filter((u) => rules.private.includes(u));
    if (privateUsages.length === 0) throw syntaxError('Usages cannot be empty when creating a key.');
    const pair = curve === undefined ? native.edKey('generate') : native.ecKey(curve, 'generate');
    if (pair === null) throw operationError();
    const [d, point] = pair;
    return {
      publicKey: makeKey('public', true, keyAlgorithm(name, curve), usages.filter((u) => rules.public.includes(u)), { d: null, point }),
      privateKey: makeKey('private', extractable, keyAlgorithm(name, curve), privateUsages, { d, point }),
    };
  }

  /** `[d | null, point]` of a jwk import of an EC or OKP key. */
  function pairFromJwk(jwk, name, curve, usages, extractable) {
    if (jwk === null || typeof jwk !== 'object') throw dataError('Invalid keyData');
    const okp = curve === undefined;
    if (jwk.kty !== (okp ? 'OKP' : 'EC')) throw dataError('Invalid JWK "kty" Parameter');
    if (jwk.crv !== (okp ? 'Ed25519' : curve)) throw dataError('JWK "crv" does not match the requested algorithm');
    if (usages.length > 0 && jwk.use !== undefined && jwk.use !== ASYMMETRIC[name].use) throw dataError('Invalid JWK "use" Parameter');
    if (jwk.key_ops !== undefined) {
      if (!Array.isArray(jwk.key_ops)) throw dataError('Invalid JWK "key_ops" Parameter');
      for (const u of usages) if (!jwk.key_ops.includes(u)) throw dataError('Key operations and usage mismatch');
    }
    if (jwk.ext === false && extractable) throw dataError('JWK "ext" Parameter and extractable mismatch');
    if (typeof jwk.x !== 'string' || (!okp && typeof jwk.y !== 'string')) throw dataError('Invalid keyData');
    const point = okp ? fromBase64url(jwk.x) : concat(new Uint8Array([4]), concat(fromBase64url(jwk.x), fromBase64url(jwk.y)));
    let pair;
    if (jwk.d !== undefined) {
      if (typeof jwk.d !== 'string') throw dataError('Invalid keyData');
      pair = okp ? native.edKey('seed', fromBase64url(jwk.d)) : native.ecKey(curve, 'd', fromBase64url(jwk.d));
      if (pair !== null && !sameBytes(pair[1], point)) pair = null;
    } else pair = okp ? native.edKey('raw', point) : native.ecKey(curve, 'raw', point);
    if (pair === null || (!okp && point.length !== 1 + 2 * CURVES[curve])) throw dataError('Invalid keyData');
    return pair;
  }

  function importPair(format, keyData, algorithm, extractable, usages) {
    const name = algorithm.name;
    const curve = checkCurve(algorithm);
    const okp = curve === undefined;
    let pair = null;
    if (format === 'jwk') pair = pairFromJwk(keyData, name, curve, usages, extractable);
    else if (format === 'raw') {
      if (okp && keyData.length !== 32) throw dataError('Ed25519 raw keys must be exactly 32-bytes');
      pair = okp ? native.edKey('raw', keyData) : native.ecKey(curve, 'raw', keyData);
    } else if (format === 'spki') {
      if (okp) {
        const raw = afterPrefix(keyData, ED_SPKI);
        pair = raw === undefined ? null : native.edKey('raw', raw);
      } else {
        pair = native.ecKey(curve, 'spki', keyData);
        if (pair === null && Object.keys(CURVES).some((c) => c !== curve && native.ecKey(c, 'spki', keyData) !== null)) throw dataError('Named curve mismatch');
      }
    } else {
      if (okp) {
        const seed = afterPrefix(keyData, ED_PKCS8);
        pair = seed === undefined ? null : native.edKey('seed', seed);
      } else {
        pair = native.ecKey(curve, 'pkcs8', keyData);
        if (pair === null && Object.keys(CURVES).some((c) => c !== curve && native.ecKey(c, 'pkcs8', keyData) !== null)) throw dataError('Named curve mismatch');
      }
    }
    if (pair === null) throw dataError('Invalid keyData');
    const [d, point] = pair;
    const type = d === null ? 'public' : 'private';
    for (const u of usages) if (!ASYMMETRIC[name][type].includes(u)) throw syntaxError(`Unsupported key usage for a ${name} key`);
    if (type === 'private' && usages.length === 0) throw syntaxError('Usages cannot be empty when importing a private key.');
    return makeKey(type, type === 'public' ? extractable : extractable, keyAlgorithm(name, curve), usages, { d, point });
  }

  function exportPair(format, key) {
    const s = slots(key);
    const name = s.algorithm.name;
    const curve = s.algorithm.namedCurve;
    const { d, point } = s.data;
    const isPrivate = s.type === 'private';
    if (format === 'raw' || format === 'spki') {
      if (isPrivate) throw accessError(`Unable to export a raw ${name} private key`);
      if (format === 'raw') return arrayBuffer(point.slice());
      return arrayBuffer(curve === undefined ? concat(ED_SPKI, point) : native.ecExport(curve, 'spki', point));
    }
    if (format === 'pkcs8') {
      if (!isPrivate) throw accessError(`Unable to export a ${name} public key as pkcs8`);
      return arrayBuffer(curve === undefined ? concat(ED_PKCS8, d) : native.ecExport(curve, 'pkcs8', d));
    }
    const jwk = { key_ops: s.usages.slice(), ext: s.extractable };
    if (curve === undefined) {
      jwk.crv = 'Ed25519';
      if (isPrivate) jwk.d = toBase64url(d);
      jwk.x = toBase64url(point);
      jwk.kty = 'OKP';
      jwk.alg = 'Ed25519';
    } else {
      const size = CURVES[curve];
      jwk.kty = 'EC';
      jwk.x = toBase64url(point.subarray(1, 1 + size));
      jwk.y = toBase64url(point.subarray(1 + size));
      jwk.crv = curve;
      if (isPrivate) jwk.d = toBase64url(d);
    }
    return jwk;
  }

  function signPair(algorithm, key, data) {
    const s = slots(key);
    if (s.type !== 'private') throw accessError('Unable to use this key to sign');
    if (algorithm.name === 'Ed25519') return native.edSign(s.data.d, data);
    const sig = native.ecSign(s.algorithm.namedCurve, s.data.d, HASHES[algorithm.hash.name][0], data);
    if (sig === null) throw operationError();
    return sig;
  }

  function verifyPair(algorithm, key, signature, data) {
    const s = slots(key);
    if (s.type !== 'public') throw accessError('Unable to use this key to verify');
    if (algorithm.name === 'Ed25519') return native.edVerify(s.data.point, signature, data);
    return native.ecVerify(s.algorithm.namedCurve, s.data.point, HASHES[algorithm.hash.name][0], signature, data);
  }

  function ecdhBits(algorithm, key, length) {
    const s = slots(key);
    const other = slots(algorithm.public);
    if (s.type !== 'private') throw accessError('baseKey must be a private key');
    if (other.algorithm.name !== 'ECDH') throw accessError('Keys must be ECDH, X25519, or X448 keys');
    if (other.type !== 'public') throw accessError('algorithm.public must be a public key');
    if (other.algorithm.namedCurve !== s.algorithm.namedCurve) throw accessError('Named curve mismatch');
    const secret = native.ecdh(s.algorithm.namedCurve, s.data.d, other.data.point);
    if (secret === null) throw operationError();
    if (length === null) return secret;
    if (length > secret.length * 8) throw operationError('derived bit length is too small');
    const out = secret.slice(0, Math.ceil(length / 8));
    if (length % 8 !== 0) out[out.length - 1] &= 0xff << (8 - (length % 8));
    return out;
  }

  // ---------------------------------------------------------------- RSA keys
  // Key material: `{ pkcs8, spki }`, the PKCS#8 document (null in a public key) and the SPKI one.
  const RSA = {
    'RSASSA-PKCS1-v1_5': { public: ['verify'], private: ['sign'], use: 'sig', jwk: 'RS' },
    'RSA-PSS': { public: ['verify'], private: ['sign'], use: 'sig', jwk: 'PS' },
    'RSA-OAEP': { public: ['encrypt', 'wrapKey'], private: ['decrypt', 'unwrapKey'], use: 'enc', jwk: 'RSA-OAEP' },
  };
  const hashBits = (hash) => hash.slice(4);
  function rsaJwkAlg(name, hash) {
    if (name === 'RSA-OAEP') return hash === 'SHA-1' ? 'RSA-OAEP' : `RSA-OAEP-${hashBits(hash)}`;
    return `${RSA[name].jwk}${hash === 'SHA-1' ? '1' : hashBits(hash)}`;
  }
  const rsaAlgorithm = (name, hash, parts) => ({ name, modulusLength: parts[2], publicExponent: parts[3], hash: { name: hash } });

  function rsaUsages(name, usages, type) {
    for (const u of usages) if (!RSA[name][type].includes(u)) throw syntaxError(`Unsupported key usage for an ${name} key`);
  }

  function generateRsa(algorithm, extractable, usages) {
    const name = algorithm.name;
    for (const u of usages) {
      if (!RSA[name].public.includes(u) && !RSA[name].private.includes(u)) throw syntaxError(`Unsupported key usage for an ${name} key`);
    }
    const privateUsages = usages.filter((u) => RSA[name].private.includes(u));
    if (privateUsages.length === 0) throw syntaxError('Usages cannot be empty when creating a key.');
    if (algorithm.modulusLength < 1024 || algorithm.modulusLength > 16384 || algorithm.modulusLength % 8 !== 0) throw operationError('Invalid modulusLength');
    const parts = native.rsaKey('generate', [algorithm.modulusLength, algorithm.publicExponent]);
    if (parts === null) throw operationError();
    const hash = algorithm.hash.name;
    return {
      publicKey: makeKey('public', true, rsaAlgorithm(name, hash, parts), usages.filter((u) => RSA[name].public.includes(u)), { pkcs8: null, spki: parts[1] }),
      privateKey: makeKey('private', extractable, rsaAlgorithm(name, hash, parts), privateUsages, { pkcs8: parts[0], spki: parts[1] }),
    };
  }

  function importRsa(format, keyData, algorithm, extractable, usages) {
    const name = algorithm.name;
    const hash = algorithm.hash.name;
    let parts;
    if (format === 'spki') parts = native.rsaKey('spki', keyData);
    else if (format === 'pkcs8') parts = native.rsaKey('pkcs8', keyData);
    else if (format === 'jwk') {
      const jwk = keyData;
      if (jwk.kty !== 'RSA') throw dataError('Invalid JWK "kty" Parameter');
      if (usages.length > 0 && jwk.use !== undefined && jwk.use !== RSA[name].use) throw dataError('Invalid JWK "use" Parameter');
      if (jwk.key_ops !== undefined) {
        if (!Array.isArray(jwk.key_ops)) throw dataError('Invalid JWK "key_ops" Parameter');
        for (const u of usages) if (!jwk.key_ops.includes(u)) throw dataError('Key operations and usage mismatch');
      }
      if (jwk.ext === false && extractable) throw dataError('JWK "ext" Parameter and extractable mismatch');
      if (jwk.alg !== undefined && jwk.alg !== rsaJwkAlg(name, hash)) throw dataError('JWK "alg" does not match the requested algorithm');
      const field = (k) => (typeof jwk[k] === 'string' ? fromBase64url(jwk[k]) : null);
      if (field('n') === null || field('e') === null) throw dataError('Invalid keyData');
      parts = native.rsaKey('jwk', [field('n'), field('e'), field('d'), field('p'), field('q')]);
    } else throw notSupported(`Unable to import ${name} key with format ${format}`);
    if (parts === null) throw dataError('Invalid keyData');
    const type = parts[0] === null ? 'public' : 'private';
    rsaUsages(name, usages, type);
    if (type === 'private' && usages.length === 0) throw syntaxError('Usages cannot be empty when importing a private key.');
    return makeKey(type, extractable, rsaAlgorithm(name, hash, parts), usages, { pkcs8: parts[0], spki: parts[1] });
  }

  function exportRsa(format, key) {
    const s = slots(key);
    const isPrivate = s.type === 'private';
    if (format === 'spki') {
      if (isPrivate) throw accessError(`Unable to export ${s.algorithm.name} private key as spki`);
      return arrayBuffer(s.data.spki.slice());
    }
    if (format === 'pkcs8') {
      if (!isPrivate) throw accessError(`Unable to export ${s.algorithm.name} public key as pkcs8`);
      return arrayBuffer(s.data.pkcs8.slice());
    }
    if (format !== 'jwk') throw notSupported(`Unable to export ${s.algorithm.name} key with format ${format}`);
    const parts = native.rsaJwk(isPrivate ? s.data.pkcs8 : s.data.spki, isPrivate);
    if (parts === null) throw operationError();
    const jwk = { key_ops: s.usages.slice(), ext: s.extractable, kty: 'RSA', n: toBase64url(parts[0]), e: toBase64url(parts[1]) };
    if (isPrivate) {
      ['d', 'p', 'q', 'dp', 'dq', 'qi'].forEach((k, i) => {
        jwk[k] = toBase64url(parts[i + 2]);
      });
    }
    jwk.alg = rsaJwkAlg(s.algorithm.name, s.algorithm.hash.name);
    return jwk;
  }

  function signRsa(algorithm, key, data) {
    const s = slots(key);
    if (s.type !== 'private') throw accessError('Unable to use this key to sign');
    const scheme = algorithm.name === 'RSA-PSS' ? 'pss' : 'pkcs1';
    const sig = native.rsaSign(scheme, s.data.pkcs8, HASHES[s.algorithm.hash.name][0], data, algorithm.saltLength ?? 0);
    if (sig === null) throw operationError();
    return sig;
  }

  function verifyRsa(algorithm, key, signature, data) {
    const s = slots(key);
    if (s.type !== 'public') throw accessError('Unable to use this key to verify');
    const scheme = algorithm.name === 'RSA-PSS' ? 'pss' : 'pkcs1';
    return native.rsaVerify(scheme, s.data.spki, HASHES[s.algorithm.hash.name][0], signature, data, algorithm.saltLength ?? 0);
  }

  function oaep(algorithm, key, data, decrypt) {
    const s = slots(key);
    if (s.type !== (decrypt ? 'private' : 'public')) throw accessError();
    const out = native.rsaOaep(decrypt, decrypt ? s.data.pkcs8 : s.data.spki, HASHES[s.algorithm.hash.name][0], data, algorithm.label ?? new Uint8Array(0));
    if (out === null) throw operationError();
    return out;
  }

  // ---------------------------------------------------------------- operations
  function hmac(key, data) {
    const s = slots(key);
    const h = native.hashCreate(HASHES[s.algorithm.hash.name][0], s.data);
    h(0, data);
    return h(1);
  }

  const GCM_TAGS = [32, 64, 96, 104, 112, 120, 128];

  /** AES-CTR whose counter block's rightmost `length` bits wrap around (the other bits stay). */
  function aesCtr(key, counter, length, data) {
    if (counter.length !== 16) throw operationError('algorithm.counter must contain exactly 16 bytes');
    if (length < 1 || length > 128) throw operationError('AES-CTR algorithm.length must be between 1 and 128');
    let value = 0n;
    for (const b of counter) value = (value << 8n) | BigInt(b);
    const modulus = 1n << BigInt(length);
    const low = value % modulus;
    const blocks = BigInt(Math.ceil(data.length / 16));
    if (blocks > modulus) throw operationError('The counter would repeat for the given data length');
    const run = (start, bytes) => {
      const iv = new Uint8Array(16);
      let v = start;
      for (let i = 15; i >= 0; i--) {
        iv[i] = Number(v & 0xffn);
        v >>= 8n;
      }
      const c = native.cipherCreate('ctr', false, slots(key).data, iv, 16);
      return c(0, bytes);
    };
    const untilWrap = modulus - low;
    if (blocks <= untilWrap) return run(value, data);
    const split = Number(untilWrap) * 16;
    const out = new Uint8Array(data.length);
    out.set(run(value, data.subarray(0, split)), 0);
    out.set(run(value - low, data.subarray(split)), split);
    return out;
  }

  function cipher(algorithm, key, data, decrypt) {
    if (algorithm.name === 'RSA-OAEP') return oaep(algorithm, key, data, decrypt);
    const secret = slots(key).data;
    switch (algorithm.name) {
      case 'AES-GCM': {
        const tagLength = algorithm.tagLength === undefined ? 128 : algorithm.tagLength;
        if (!GCM_TAGS.includes(tagLength)) throw operationError(`${tagLength} is not a valid AES-GCM tag length`);
        const c = native.cipherCreate('gcm', decrypt, secret, algorithm.iv, tagLength / 8);
        if (c === null) throw operationError();
        if (algorithm.additionalData !== undefined) c(2, algorithm.additionalData);
        if (!decrypt) {
          c(0, data);
          const body = c(1);
          const tag = c(3);
          const out = new Uint8Array(body.length + tag.length);
          out.set(body, 0);
          out.set(tag, body.length);
          return out;
        }
        if (data.length < tagLength / 8) throw operationError('The provided data is too small.');
        const split = data.length - tagLength / 8;
        c(4, data.subarray(split));
        c(0, data.subarray(0, split));
        try {
          return c(1);
        } catch {
          throw operationError();
        }
      }
      case 'AES-CBC': {
        if (algorithm.iv.length !== 16) throw operationError('algorithm.iv must contain exactly 16 bytes');
        const c = native.cipherCreate('cbc', decrypt, secret, algorithm.iv, 16);
        const head = c(0, data);
        let tail;
        try {
          tail = c(1);
        } catch {
          throw operationError();
        }
        const out = new Uint8Array(head.length + tail.length);
        out.set(head, 0);
        out.set(tail, head.length);
        return out;
      }
      default:
        return aesCtr(key, algorithm.counter, algorithm.length, data);
    }
  }

  function deriveBits(algorithm, key, length) {
    if (algorithm.name !== slots(key).algorithm.name) throw accessError();
    if (algorithm.name === 'ECDH') return ecdhBits(algorithm, key, length === undefined ? null : length);
    if (length === null || length === undefined) throw operationError('length cannot be null');
    if (length % 8 !== 0) throw operationError('length must be a multiple of 8');
    const hash = HASHES[algorithm.hash.name][0];
    if (algorithm.name === 'PBKDF2') {
      if (algorithm.iterations === 0) throw operationError('iterations cannot be zero');
      return native.pbkdf2(hash, slots(key).data, algorithm.salt, algorithm.iterations, length / 8);
    }
    const out = native.hkdf(hash, slots(key).data, algorithm.salt, algorithm.info, length / 8);
    if (out === null) throw operationError();
    return out;
  }

  const FORMATS = ['raw', 'spki', 'pkcs8', 'jwk'];
  function formatArg(method, format) {
    const f = String(format);
    if (!FORMATS.includes(f)) {
      throw typeError('ERR_INVALID_ARG_VALUE', `Failed to execute '${method}' on 'SubtleCrypto': 1st argument value '${f}' is not a valid enum value of type KeyFormat.`);
    }
    return f;
  }
  function keyArg(method, key, index) {
    if (!isKey(key)) throw typeError('ERR_INVALID_ARG_TYPE', `Failed to execute '${method}' on 'SubtleCrypto': ${ordinal(index)} argument is not of type CryptoKey.`);
    return key;
  }

  function importKey(format, keyData, algorithm, extractable, usages) {
    const f = formatArg('importKey', format);
    let data;
    if (f === 'jwk') {
      if (keyData === null || typeof keyData !== 'object' || ArrayBuffer.isView(keyData) || keyData instanceof ArrayBuffer) {
        throw typeError('ERR_INVALID_ARG_TYPE', "Failed to execute 'importKey' on 'SubtleCrypto': 2nd argument is not of type JsonWebKey.");
      }
      data = keyData;
    } else data = dataArg('importKey', keyData, 1);
    const alg = normalize(algorithm, 'importKey');
    if (alg.name in ASYMMETRIC) return importPair(f, data, alg, Boolean(extractable), usageList('importKey', usages));
    if (alg.name in RSA) return importRsa(f, data, alg, Boolean(extractable), usageList('importKey', usages));
    return importSecret(f, data, alg, Boolean(extractable), usageList('importKey', usages));
  }

  function exportKey(format, key) {
    const f = formatArg('exportKey', format);
    keyArg('exportKey', key, 1);
    if (!slots(key).extractable) throw new DOMException('key is not extractable', 'InvalidAccessException');
    if (slots(key).algorithm.name in ASYMMETRIC) return exportPair(f, key);
    if (slots(key).algorithm.name in RSA) return exportRsa(f, key);
    return exportSecret(f, key);
  }

  const brand = (self) => {
    if (!(self instanceof SubtleCrypto)) throw new TypeError('Illegal invocation');
  };
  /** Runs `fn` now and hands its result or exception back as a promise. */
  const promised = (fn) => {
    try {
      return Promise.resolve(fn());
    } catch (e) {
      return Promise.reject(e);
    }
  };

  class SubtleCrypto {
    constructor() {
      if (!constructing) throw typeError('ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor');
    }

    digest(algorithm, data) {
      const args = arguments;
      return promised(() => {
        brand(this);
        argCount('digest', args, 2);
        const alg = normalize(algorithm, 'digest');
        const bytes = dataArg('digest', data, 1);
        const h = native.hashCreate(HASHES[alg.name][0]);
        h(0, bytes);
        return arrayBuffer(h(1));
      });
    }

    encrypt(algorithm, key, data) {
      const args = arguments;
      return promised(() => {
        brand(this);
        argCount('encrypt', args, 3);
        const alg = normalize(algorithm, 'encrypt');
        keyArg('encrypt', key, 1);
        const bytes = dataArg('encrypt', data, 2);
        if (alg.name !== slots(key).algorithm.name) throw accessError();
        requireUsage(key, 'encrypt');
        return arrayBuffer(cipher(alg, key, bytes, false));
      });
    }

    decrypt(algorithm, key, data) {
      const args = arguments;
      return promised(() => {
        brand(this);
        argCount('decrypt', args, 3);
        const alg = normalize(algorithm, 'decrypt');
        keyArg('decrypt', key, 1);
        const bytes = dataArg('decrypt', data, 2);
        if (alg.name !== slots(key).algorithm.name) throw accessError();
        requireUsage(key, 'decrypt');
        return arrayBuffer(cipher(alg, key, bytes, true));
      });
    }

    sign(algorithm, key, data) {
      const args = arguments;
      return promised(() => {
        brand(this);
        argCount('sign', args, 3);
        const alg = normalize(algorithm, 'sign');
        keyArg('sign', key, 1);
        const bytes = dataArg('sign', data, 2);
        if (alg.name !== slots(key).algorithm.name) throw accessError('Unable to use this key to sign');
        requireUsage(key, 'sign', 'Unable to use this key to sign');
        if (alg.name in RSA) return arrayBuffer(signRsa(alg, key, bytes));
        return arrayBuffer(alg.name === 'HMAC' ? hmac(key, bytes) : signPair(alg, key, bytes));
      });
    }

    verify(algorithm, key, signature, data) {
      const args = arguments;
      return promised(() => {
        brand(this);
        argCount('verify', args, 4);
        const alg = normalize(algorithm, 'verify');
        keyArg('verify', key, 1);
        const sig = dataArg('verify', signature, 2);
        const bytes = dataArg('verify', data, 3);
        if (alg.name !== slots(key).algorithm.name) throw accessError('Unable to use this key to verify');
        requireUsage(key, 'verify', 'Unable to use this key to verify');
        if (alg.name in RSA) return verifyRsa(alg, key, sig, bytes);
        if (alg.name !== 'HMAC') return verifyPair(alg, key, sig, bytes);
        const mac = hmac(key, bytes);
        if (mac.length !== sig.length) return false;
        let diff = 0;
        for (let i = 0; i < mac.length; i++) diff |= mac[i] ^ sig[i];
        return diff === 0;
      });
    }

    generateKey(algorithm, extractable, keyUsages) {
      const args = arguments;
      return promised(() => {
        brand(this);
        argCount('generateKey', args, 3);
        const alg = normalize(algorithm, 'generateKey');
        if (alg.name in ASYMMETRIC) return generatePair(alg, Boolean(extractable), usageList('generateKey', keyUsages));
        if (alg.name in RSA) return generateRsa(alg, Boolean(extractable), usageList('generateKey', keyUsages));
        return generateSecret(alg, Boolean(extractable), usageList('generateKey', keyUsages));
      });
    }

    deriveKey(algorithm, baseKey, derivedKeyType, extractable, keyUsages) {
      const args = arguments;
      return promised(() => {
        brand(this);
        argCount('deriveKey', args, 5);
        const alg = normalize(algorithm, 'deriveBits');
        keyArg('deriveKey', baseKey, 1);
        const importAlg = normalize(derivedKeyType, 'importKey');
        const length = keyLength(normalize(derivedKeyType, 'get key length'));
        const usages = usageList('deriveKey', keyUsages);
        requireUsage(baseKey, 'deriveKey', 'baseKey does not have deriveKey usage');
        const bits = deriveBits(alg, baseKey, length);
        return importSecret('raw', bits, importAlg, Boolean(extractable), usages);
      });
    }

    deriveBits(algorithm, baseKey, length) {
      const args = arguments;
      return promised(() => {
        brand(this);
        argCount('deriveBits', args, 2);
        const alg = normalize(algorithm, 'deriveBits');
        keyArg('deriveBits', baseKey, 1);
        const n = length === undefined || length === null ? null : Math.trunc(Number(length));
        requireUsage(baseKey, 'deriveBits', 'baseKey does not have deriveBits usage');
        return arrayBuffer(deriveBits(alg, baseKey, n));
      });
    }

    importKey(format, keyData, algorithm, extractable, keyUsages) {
      const args = arguments;
      return promised(() => {
        brand(this);
        argCount('importKey', args, 5);
        return importKey(format, keyData, algorithm, extractable, keyUsages);
      });
    }

    exportKey(format, key) {
      const args = arguments;
      return promised(() => {
        brand(this);
        argCount('exportKey', args, 2);
        return exportKey(format, key);
      });
    }

    wrapKey(format, key, wrappingKey, wrapAlgorithm) {
      const args = arguments;
      return promised(() => {
        brand(this);
        argCount('wrapKey', args, 4);
        const f = formatArg('wrapKey', format);
        const alg = normalize(wrapAlgorithm, 'wrapKey');
        keyArg('wrapKey', key, 1);
        keyArg('wrapKey', wrappingKey, 2);
        if (alg.name !== slots(wrappingKey).algorithm.name) throw accessError();
        requireUsage(wrappingKey, 'wrapKey');
        const exported = exportKey(f, key);
        const bytes = f === 'jwk' ? new TextEncoder().encode(JSON.stringify(exported)) : new Uint8Array(exported);
        return arrayBuffer(cipher(alg, wrappingKey, bytes, false));
      });
    }

    unwrapKey(format, wrappedKey, unwrappingKey, unwrapAlgorithm, unwrappedKeyAlgorithm, extractable, keyUsages) {
      const args = arguments;
      return promised(() => {
        brand(this);
        argCount('unwrapKey', args, 7);
        const f = formatArg('unwrapKey', format);
        const wrapped = dataArg('unwrapKey', wrappedKey, 1);
        const alg = normalize(unwrapAlgorithm, 'unwrapKey');
        keyArg('unwrapKey', unwrappingKey, 2);
        if (alg.name !== slots(unwrappingKey).algorithm.name) throw accessError();
        requireUsage(unwrappingKey, 'unwrapKey');
        const bytes = cipher(alg, unwrappingKey, wrapped, true);
        let keyData = bytes;
        if (f === 'jwk') {
          try {
            keyData = JSON.parse(new TextDecoder().decode(bytes));
          } catch {
            throw dataError('Invalid wrapped JWK key');
          }
        }
        return importKey(f, keyData, unwrappedKeyAlgorithm, extractable, keyUsages);
      });
    }
  }
  Object.defineProperty(SubtleCrypto.prototype, Symbol.toStringTag, { value: 'SubtleCrypto', configurable: true });
  for (const name of Object.getOwnPropertyNames(SubtleCrypto.prototype)) {
    if (name !== 'constructor') Object.defineProperty(SubtleCrypto.prototype, name, { enumerable: true });
  }

  constructing = true;
  internal.subtle = new SubtleCrypto();
  constructing = false;

  for (const [name, value] of [['SubtleCrypto', SubtleCrypto], ['CryptoKey', CryptoKey]]) {
    Object.defineProperty(globalThis, name, { value, writable: true, configurable: true });
  }
})();
