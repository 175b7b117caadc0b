// Private keys under a passphrase in node:crypto (src/encrypted_key.rs, 53a_node_crypto.js) on
// both engines: keys Node 20 encrypted (PKCS#8 under PBES2 in PEM and DER, OpenSSL's
// traditional PEM of SEC1 and PKCS#1) read back, ours written and read again, and Node's errors.
(() => {
  'use strict';
  const internal = globalThis[Symbol.for('ferroute.internal')];
  const crypto = internal.builtin('crypto');
  const B = globalThis.Buffer;
  // Made by Node 20.20.2 with the passphrase 'correct horse'.
  const NODE = {
    "pkcs8": "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIHsMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAjt5lbiQYVLjgICCAAw\nDAYIKoZIhvcNAgkFADAdBglghkgBZQMEASoEED0hZoMT7jnxB3a0atHdPRwEgZB8\nqDQ8+7Wxy4uqjQ4DNuUffGqbGOHjTfnkoRgDPlODaXAj11FdIV61ZKsLrxxqIs4k\nqfWpCalTd/ahUsbymoZtxqLRnrt6Ewx9NY3g3X/C5gg+2s/BS0iYeVhlAkk8ZElc\nA9wn0J1djtxMAHyP2U5wE4+0QLdCIkA8xBZYIbXPg7Bx4/rG4FWJCB6Ph0rsNx0=\n-----END ENCRYPTED PRIVATE KEY-----\n",
    "sec1": "-----BEGIN EC PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,D72828FFAAD45758BFEE4DFDEBA3BDA9\n\ni7kCTSeItQybguQK4z9nV4T23gDKrPuvieHW4m1zazTKU1rF/Ph3DBUnzxNdi1X4\ntwSPDqZTp6PXZ8dzWvcPMmxZmrdE9b312FN075WoezNQcOd07asSyHpazLwk8NtU\nfRgmj6g0cvEBpj0T0lrBcM1tDYsmYPj+yqmu7iH+kF8=\n-----END EC PRIVATE KEY-----\n",
    "der": "MIHsMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAh6lN4NORGWBgICCAAwDAYIKoZIhvcNAgkFADAdBglghkgBZQMEARYEEKIZYRoGDnfl66e/W2SOq+EEgZAYWTj1VetkYSCOnCt2XLMtMURDGoaFHHfZ+JaxsIDZCQQcyni/bxk5puk92+cTzGM0Ydp7cNDIslPdkoJPebSQQmHu0pvIhPj5EKfQBPdo+I/lltfYWYfCstvJ5FEsm5ivX9JyKDoEaKpT9ZHjlGUULUWIvpE3BpqK1jjS498XBe/pywfUO1XYXelTyl74AaM=",
    "ecPublic": "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEMgAV7tRA6mGM0sThFGja5ys0PQ6f\n4Rxv7bQjc6ZhswAKZU/mUCJZnlqJlUinymJCpNrhLRRBXp7F4XG8ylZU6A==\n-----END PUBLIC KEY-----\n",
    "rsa": "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,4FC4173919F14F503FD590439BCA231A\n\nNF+pw+LSFrmVcm/Ix0MhjVav4h8ZwUQeEsF4K33Bad4DdfUNdcDKSeXKUpT9FxSh\nrcbLkmiXg6HFriq6GnMW8NWQ7E+JV2WdzD+wScd1K69yHyRPNlouTohw+fHSFvUf\nQd4//fTEtNNGKqshKo70CT6z39yWKw6UAG7qJ06Mb66UmAxjrTqZHVxhFGFwblCf\nHjkVZcF7bH7IIW346pcvQQYhuZgwlCkbDq2oheKF2qY5EwkRXYDT/3GdL6t6TLK2\nKLRalWXRWQ/AgwwwV0u/n3WaBWDKOSFqAjISnMPdL5zZ0irY4B1NU5v1vVoFb8Z7\nUdswDsTCntmhzQnLGBFH3wJhze+Uw2ZAaBo+l1J0/4tzxJ/zEiIdUk8nNuuBuC7L\nk65eg0DmbWeWD9QiRpa/4sOv68nFE2cOhLN3Tz6gZsfRGv3Ig2RATkmehJC4ib6Q\nmS3OXw2XAnLk3AKHip8ng6kMDd+gH8bDH+uYaN3I1arFX9z/W5fR1BW1gzUaj6rQ\nOvd/NIcheBk9aJv/ctmMBGfIOBBAqYa0p15Hd2IvUCsFOZkcbj+MdF9Ze35jCh6B\nWQXCrTdAFK5Btx/2pTIEKLJ2rUsiLD6ylsA+kzk26JklFCiWB2aF1Yo4tRfDNx1T\nZiFsP8EVINGb5W4LnvVnxZkTTeSzgu+MnmkTRe3yfwfgOyiFK3v0mSToBLj20NCp\nHRfQRaQIl+gp/rlozlpSzJORwSR8amycUQQo1AXqF1AZIEWaBmPtpR/NbZVOwGbb\nKs0kTVmfHWL1L1UbIAchhpMB5cqIEdS73OXmPJV4kefmiC5segWFyoNzkh2ra7GU\n-----END RSA PRIVATE KEY-----\n",
    "rsaPublic": "-----BEGIN PUBLIC KEY-----\nMIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDPi3+OGrYJBLgh42ogImxomK3r\nwojWvO5BDtS/U6CmoD0dUXzNxNzylGSQkNw3U1pYQ7KkBbTAtmhOQhXyFxhoSAgX\npg1ddIcS6D9AIhjyBmM7/F9Vv9n4E9C7sAEuPWwG9BNU89lb4L4G1RrDGot+mOBM\nd/6TJHNC9eACVbTPQQIDAQAB\n-----END PUBLIC KEY-----\n"
  };
  const PASS = 'correct horse';
  const spki = (key) => crypto.createPublicKey(key).export({ type: 'spki', format: 'pem' });
  const failure = (f) => {
    try {
      f();
    } catch (e) {
      return [e.name, e.code, e.message];
    }
    return 'no error';
  };

  test('keys Node encrypted are read with their passphrase', () => {
    assert.equal(spki(crypto.createPrivateKey({ key: NODE.pkcs8, passphrase: PASS })), NODE.ecPublic, 'PKCS#8 PEM');
    assert.equal(spki(crypto.createPrivateKey({ key: NODE.sec1, passphrase: B.from(PASS) })), NODE.ecPublic, 'SEC1 PEM');
    const der = B.from(NODE.der, 'base64');
    assert.equal(spki(crypto.createPrivateKey({ key: der, format: 'der', type: 'pkcs8', passphrase: PASS })), NODE.ecPublic, 'PKCS#8 DER');
    const rsa = crypto.createPrivateKey({ key: NODE.rsa, passphrase: PASS });
    assert.equal(rsa.asymmetricKeyDetails.modulusLength, 1024);
    assert.equal(spki(rsa), NODE.rsaPublic, 'PKCS#1 PEM');
    assert.equal(spki({ key: NODE.pkcs8, passphrase: PASS }), NODE.ecPublic, 'createPublicKey of an encrypted private key');
    const signature = crypto.sign('sha256', B.from('x'), { key: NODE.pkcs8, passphrase: PASS });
    assert.ok(crypto.verify('sha256', B.from('x'), NODE.ecPublic, signature), 'signing with an encrypted key');
  });

  test('a wrong or missing passphrase fails as in Node', () => {
    const bad = ['Error', 'ERR_OSSL_BAD_DECRYPT', 'error:1C800064:Provider routines::bad decrypt'];
    assert.deepEqual(failure(() => crypto.createPrivateKey({ key: NODE.pkcs8, passphrase: 'nope' })), bad);
    assert.deepEqual(failure(() => crypto.createPrivateKey({ key: NODE.sec1, passphrase: 'nope' })), bad);
    assert.deepEqual(failure(() => crypto.createPrivateKey(NODE.pkcs8)),
      ['Error', 'ERR_OSSL_CRYPTO_INTERRUPTED_OR_CANCELLED', 'error:07880109:common libcrypto routines::interrupted or cancelled']);
    assert.deepEqual(failure(() => crypto.createPrivateKey({ key: B.from(NODE.der, 'base64'), format: 'der', type: 'pkcs8' })),
      ['TypeError', 'ERR_MISSING_PASSPHRASE', 'Passphrase required for encrypted key']);
    const e = assert.throws(() => crypto.createPrivateKey({ key: NODE.rsa, passphrase: 'nope' }));
    assert.deepEqual([e.library, e.reason], ['Provider routines', 'bad decrypt']);
  });

  test('keys are written under a passphrase and read back', () => {
    const { privateKey, publicKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pub = publicKey.export({ type: 'spki', format: 'pem' });
    for (const cipher of ['aes-128-cbc', 'aes-192-cbc', 'aes-256-cbc']) {
      const pem = privateKey.export({ type: 'pkcs8', format: 'pem', cipher, passphrase: 'pw' });
      assert.ok(pem.startsWith('-----BEGIN ENCRYPTED PRIVATE KEY-----\n'), pem);
      assert.equal(spki({ key: pem, passphrase: 'pw' }), pub, cipher);
      const sec1 = privateKey.export({ type: 'sec1', format: 'pem', cipher, passphrase: 'pw' });
      assert.ok(sec1.startsWith(`-----BEGIN EC PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: ${cipher.toUpperCase()},`), sec1);
      assert.equal(spki({ key: sec1, passphrase: 'pw' }), pub);
    }
    const der = privateKey.export({ type: 'pkcs8', format: 'der', cipher: 'aes-256-cbc', passphrase: 'pw' });
    assert.equal(spki({ key: der, format: 'der', type: 'pkcs8', passphrase: 'pw' }), pub);
    const pair = crypto.generateKeyPairSync('ed25519', { privateKeyEncoding: { type: 'pkcs8', format: 'pem', cipher: 'aes-128-cbc', passphrase: 'pw' }, publicKeyEncoding: { type: 'spki', format: 'pem' } });
    assert.equal(spki({ key: pair.privateKey, passphrase: 'pw' }), pair.publicKey);
  });

  test('export refuses what Node refuses', () => {
    const { privateKey } = crypto.generateKeyPairSync('ec', { namedCurve: 'P-256' });
    assert.deepEqual(failure(() => privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'nope', passphrase: 'pw' })),
      ['Error', 'ERR_CRYPTO_UNKNOWN_CIPHER', 'Unknown cipher']);
    assert.deepEqual(failure(() => privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc' })),
      ['TypeError', 'ERR_INVALID_ARG_VALUE', "The property 'options.passphrase' is invalid. Received undefined"]);
    assert.deepEqual(failure(() => privateKey.export({ type: 'sec1', format: 'der', cipher: 'aes-128-cbc', passphrase: 'pw' })),
      ['Error', 'ERR_CRYPTO_INCOMPATIBLE_KEY_OPTIONS', 'The selected key encoding sec1 does not support encryption.']);
  });
})();
