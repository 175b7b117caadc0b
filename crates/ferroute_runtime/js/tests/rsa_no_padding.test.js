// RSA_NO_PADDING in publicEncrypt/privateDecrypt/privateEncrypt/publicDecrypt (src/sign.rs) on
// both engines: the bare RSA primitive is deterministic, so the bytes are Node 20's own.
(() => {
  'use strict';
  const internal = globalThis[Symbol.for('ferroute.internal')];
  const crypto = internal.builtin('crypto');
  const B = globalThis.Buffer;
  const NODE = {"pem": "-----BEGIN PRIVATE KEY-----\nMIICdgIBADANBgkqhkiG9w0BAQEFAASCAmAwggJcAgEAAoGBANPVckbgL4/SOUhb\nQwjwNntFRXAtxcTkuBEj+S2XqFhFpydTBpl/Zkj/BAU43AMIwAHst4PzRztXp7Y3\nCgcv32d8hHdAO1KemjD7Du1aVRmjIuWSys79Y5xzzWodxeUJWuOfQkZsH/+7063N\nTfCu7PtqImKIF335yBgHOYLReeQxAgMBAAECgYA9kLBYxvkrvHZngBaYd2/uHbDT\nrIno8mxIlwLpbEVB+mRdOnUVkYBBwNQDTIYs35MmPA0N7VuLdKtKeu6QLiqoGkym\nVu3UdHUAiXKdRi0w34XvdWtjMXHKjxxd+BmA8r42naG6q7JSjXJe4m4FJ4m1oG73\ntrjkqzGBtLC/X/WHkQJBAPlCp96M5yKYzz+tEwB9MrJMCAhnYvB83wh/G15VI5PG\n1PyP9ugWWxaYzO4crpSbH4DhKDL83n3I7JrnpWY102UCQQDZj7qpfcYVIEt7Y+m+\nOUcEUSxx0kHSoyJs5JIUAFbYr5rxPOCgXsWCqYdxHdQ00AyQSNi7bms6DjzaS/ol\nKW7dAkBb2ODsk7UTvYUYrJjE5F1K79NB7X66qPiyM8wM7YhniquuyQmtKZe08ucI\nko8N+T8ZiV37s8v0Q5ZT2inLSOg1AkEAv8+MTqpo3W9fnSX1ipSNHC1E9gTdq4vQ\nahkLAT9bUidgf5ego0Nq90vn8b7OvNFAgmT3UCiFuOWcmQmrPOBOsQJAM+0x63cF\nka3HbhIpnkfSEJB9TJy21nZNgfwIhLKOhKNdjZ2xYYby9/Jqn883z3dfHKocRmMZ\nVP6m1GVJuniY+w==\n-----END PRIVATE KEY-----\n", "m": "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000666572726f757465", "pubEnc": "70902393bb605e3641ffdb930c303b5783d56f85bfd6c1963eb007e75660b052bf1b924dd60165602f9793bc9e1bd63ced08cd71b0aeb27f557a95343fd2b426f9b5f806b81bf973aca01326df645101ef29cc13706ec09356cbc92d4f7528a9dd34685d53877d40501f1f1c07acd3d3779e04671f4ca6510b11d043af217041", "privEnc": "3e5abb90f621bf2150f743698be5b30fae122441ebe20253605d8bf1acd699b631958ca37a090ec86aa837219bb9ed5df5214b945ec8902302bd1fc8fc0f0b4f4b9a7ca25ff94ec20bb17c195e3266919c7d786d3e99b93272b6c19f576c696c4274fd0fc5409e9082172b95d06c10866a088743e5dae9aec33c1e7db229c054", "privDecShort": "5fb33d68a07c41af6dc4f1dc7999fd923da6b295fcb3946da4623fceb90feb27637c4005632edfe8471078af61a9b782599a49b4076821c37305a5cc8af0895f14c9bdb9dfb91a2e26749c119484d4b52bf09da01020bf7b9b37578d29d582e313f4d9ad34947f769ad848142d3bfbc1e6c01b2ea8c54249d2f2b6b654f67f0f", "errs": [["ERR_OSSL_RSA_DATA_TOO_SMALL_FOR_KEY_SIZE", "error:0200007A:rsa routines::data too small for key size"], ["ERR_OSSL_RSA_DATA_TOO_LARGE_FOR_KEY_SIZE", "error:0200006E:rsa routines::data too large for key size"], ["ERR_OSSL_RSA_DATA_TOO_LARGE_FOR_MODULUS", "error:02000084:rsa routines::data too large for modulus"], ["ERR_OSSL_RSA_DATA_GREATER_THAN_MOD_LEN", "error:0200006C:rsa routines::data greater than mod len"], ["ERR_OSSL_RSA_DATA_TOO_SMALL_FOR_KEY_SIZE", "error:0200007A:rsa routines::data too small for key size"]]};
  const S = { key: NODE.pem, padding: crypto.constants.RSA_NO_PADDING };
  const P = { key: crypto.createPublicKey(NODE.pem), padding: crypto.constants.RSA_NO_PADDING };
  const m = B.from(NODE.m, 'hex');

  test('the bare RSA primitive gives Node\'s bytes both ways', () => {
    assert.equal(crypto.constants.RSA_NO_PADDING, 3);
    assert.equal(crypto.publicEncrypt(P, m).toString('hex'), NODE.pubEnc);
    assert.equal(crypto.privateEncrypt(S, m).toString('hex'), NODE.privEnc);
    assert.equal(crypto.privateDecrypt(S, B.from(NODE.pubEnc, 'hex')).toString('hex'), NODE.m);
    assert.equal(crypto.publicDecrypt(P, B.from(NODE.privEnc, 'hex')).toString('hex'), NODE.m);
    assert.equal(crypto.privateDecrypt(S, B.from('0102', 'hex')).toString('hex'), NODE.privDecShort, 'a short input is a small number');
  });

  test('lengths and values out of range fail as in Node', () => {
    const err = (f) => {
      try {
        f();
        return 'no error';
      } catch (e) {
        return [e.code, e.message];
      }
    };
    const got = [
      err(() => crypto.publicEncrypt(P, B.alloc(10, 1))),
      err(() => crypto.publicEncrypt(P, B.alloc(129, 1))),
      err(() => crypto.publicEncrypt(P, B.alloc(128, 0xff))),
      err(() => crypto.privateDecrypt(S, B.alloc(129, 1))),
      err(() => crypto.privateEncrypt(S, B.alloc(127, 1))),
    ];
    assert.deepEqual(got, NODE.errs);
  });
})();
