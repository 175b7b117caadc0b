// 50_crypto.js — the Web Crypto global for engines without llrt (JavaScriptCore): `crypto`
// (`Crypto`: getRandomValues, randomUUID, subtle), per the W3C Web Cryptography API.
//
// Sits on the crypto natives of src/jsc/crypto.rs: `randomFill(n) → Uint8Array` (the OS
// generator). Throws DOMExceptions (10_dom_exception.js). `crypto.subtle` is added by
// 52_subtle.js. Puts `internal.crypto` = { randomBytes, randomUUID } for node:crypto.
(() => {
  'use strict';
  const internal = globalThis[Symbol.for('ferroute.internal')];
  const native = internal.native;

  // Random numbers come from the system in pools of 4 KiB: a UUID or a few bytes then cost no
  // native call.
  const POOL_SIZE = 4096;
  let pool = new Uint8Array(0);
  let poolAt = 0;

  /** `n` random bytes as a new Uint8Array (the pool for small requests, else the system). */
  function randomBytes(n) {
    if (n > POOL_SIZE / 4) return native.randomFill(n);
    if (poolAt + n > pool.length) {
      pool = native.randomFill(POOL_SIZE);
      poolAt = 0;
    }
    const out = pool.slice(poolAt, poolAt + n);
    // Bytes handed out are never handed out again.
    pool.fill(0, poolAt, poolAt + n);
    poolAt += n;
    return out;
  }

  const HEX = [];
  for (let i = 0; i < 256; i++) HEX.push(i.toString(16).padStart(2, '0'));

  /** A version 4 UUID (RFC 9562 §5.4) in lower-case hex. */
  function randomUUID() {
    const b = randomBytes(16);
    b[6] = (b[6] & 0x0f) | 0x40;
    b[8] = (b[8] & 0x3f) | 0x80;
    return (
      HEX[b[0]] + HEX[b[1]] + HEX[b[2]] + HEX[b[3]] + '-' + HEX[b[4]] + HEX[b[5]] + '-' +
      HEX[b[6]] + HEX[b[7]] + '-' + HEX[b[8]] + HEX[b[9]] + '-' + HEX[b[10]] + HEX[b[11]] +
      HEX[b[12]] + HEX[b[13]] + HEX[b[14]] + HEX[b[15]]
    );
  }

  const TypedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype);
  const typedArrayTag = Object.getOwnPropertyDescriptor(TypedArrayPrototype, Symbol.toStringTag).get;
  const INTEGER_ARRAYS = new Set([
    'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array',
    'Uint32Array', 'BigInt64Array', 'BigUint64Array',
  ]);

  /** Fills an integer typed array with random bytes and returns it (Web Crypto §10.1.1). */
  function getRandomValues(array) {
    if (arguments.length === 0) {
      throw new TypeError("Failed to execute 'getRandomValues' on 'Crypto': 1 argument required, but only 0 present.");
    }
    const tag = ArrayBuffer.isView(array) ? typedArrayTag.call(array) : undefined;
    if (!INTEGER_ARRAYS.has(tag)) {
      throw new DOMException('The data argument must be an integer-type TypedArray', 'TypeMismatchError');
    }
    if (array.byteLength > 65536) {
      throw new DOMException('The requested length exceeds 65,536 bytes', 'QuotaExceededError');
    }
    new Uint8Array(array.buffer, array.byteOffset, array.byteLength).set(randomBytes(array.byteLength));
    return array;
  }

  let constructing = false;

  /** The `Crypto` interface; its one instance is `globalThis.crypto`. */
  class Crypto {
    constructor() {
      if (!constructing) {
        const err = new TypeError('Illegal constructor');
        err.code = 'ERR_ILLEGAL_CONSTRUCTOR';
        throw err;
      }
    }

    get subtle() {
      if (!(this instanceof Crypto)) throw new TypeError('Illegal invocation');
      return internal.subtle;
    }

    getRandomValues(array) {
      return getRandomValues.apply(undefined, arguments);
    }

    randomUUID() {
      return randomUUID();
    }
  }
  Object.defineProperty(Crypto.prototype, Symbol.toStringTag, { value: 'Crypto', configurable: true });
  for (const name of ['subtle', 'getRandomValues', 'randomUUID']) {
    Object.defineProperty(Crypto.prototype, name, { enumerable: true });
  }

  constructing = true;
  const crypto = new Crypto();
  constructing = false;

  Object.defineProperty(globalThis, 'Crypto', { value: Crypto, writable: true, configurable: true });
  Object.defineProperty(globalThis, 'crypto', {
    get() {
      return crypto;
    },
    enumerable: true,
    configurable: true,
  });

  internal.crypto = { randomBytes, randomUUID, getRandomValues, webcrypto: crypto };
})();
