// node:zlib: the names load; compressing throws until ferroute provides it.
(() => {
  'use strict';
  const internal = globalThis[Symbol.for('ferroute.internal')];
  const zlib = { constants: {} };
  for (const n of ['gzip', 'gunzip', 'deflate', 'inflate', 'deflateRaw', 'inflateRaw', 'unzip', 'brotliCompress', 'brotliDecompress',
    'gzipSync', 'gunzipSync', 'deflateSync', 'inflateSync', 'deflateRawSync', 'inflateRawSync', 'unzipSync', 'brotliCompressSync', 'brotliDecompressSync',
    'createGzip', 'createGunzip', 'createDeflate', 'createInflate', 'createDeflateRaw', 'createInflateRaw', 'createUnzip', 'createBrotliCompress', 'createBrotliDecompress', 'crc32']) {
    zlib[n] = () => {
      const err = new Error(`zlib.${n}() is not available in ferroute yet (see docs/compat.md)`);
      err.code = 'ERR_FERROUTE_UNSUPPORTED';
      throw err;
    };
  }
  internal.modules['node:zlib'] = zlib;
})();
