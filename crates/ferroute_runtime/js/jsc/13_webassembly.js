// 13_webassembly.js — WebAssembly's promise API on JavaScriptCore's C API. JSC settles
// `WebAssembly.compile`/`instantiate` from WTF's run loop, which an embedder of the C API does
// not spin, so their promises would never settle. They are replaced by the synchronous
// `WebAssembly.Module`/`Instance` (which work), run in a job, wrapped in the promises the
// standard describes; the streaming forms read the Response's bytes first. Compiling happens
// on the worker's thread: a large module holds the worker for its compile time (JSC compiles
// lazily with its baseline tier, tens of milliseconds for megabytes).
(() => {
  'use strict';
  const WA = globalThis.WebAssembly;
  if (WA === undefined) return;
  const { Module, Instance } = WA;
  const resolved = Promise.resolve();

  /** The bytes of a BufferSource as a Uint8Array copy-free view, or a TypeError. */
  function bytesOf(source, what) {
    if (source instanceof ArrayBuffer) return new Uint8Array(source);
    if (ArrayBuffer.isView(source)) return new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
    throw new TypeError(`WebAssembly.${what}(): Argument 0 must be a buffer source`);
  }

  function compile(source) {
    return resolved.then(() => new Module(bytesOf(source, 'compile')));
  }

  function instantiate(source, imports = undefined) {
    if (source instanceof Module) return resolved.then(() => new Instance(source, imports));
    return resolved.then(() => {
      const module = new Module(bytesOf(source, 'instantiate'));
      return { module, instance: new Instance(module, imports) };
    });
  }

  /** The bytes of a Response (or a promise of one), as the streaming forms take it. */
  async function responseBytes(source, what) {
    const response = await source;
    if (response === null || typeof response !== 'object' || typeof response.arrayBuffer !== 'function') {
      throw new TypeError(`WebAssembly.${what}(): Argument 0 must be a Response or a promise of one`);
    }
    const type = response.headers?.get?.('content-type');
    if (type !== 'application/wasm' && !(typeof type === 'string' && type.split(';')[0].trim() === 'application/wasm')) {
      throw new TypeError(`WebAssembly.${what}(): Incorrect response MIME type. Expected 'application/wasm'.`);
    }
    if (!response.ok) throw new TypeError(`WebAssembly.${what}(): HTTP status code is not ok`);
    return response.arrayBuffer();
  }

  const methods = {
    compile,
    instantiate,
    compileStreaming: (source) => responseBytes(source, 'compileStreaming').then(compile),
    instantiateStreaming: (source, imports = undefined) =>
      responseBytes(source, 'instantiateStreaming').then((bytes) => instantiate(bytes, imports)),
  };
  for (const [name, fn] of Object.entries(methods)) {
    Object.defineProperty(fn, 'name', { value: name });
    Object.defineProperty(WA, name, { value: fn, writable: true, enumerable: false, configurable: true });
  }
})();
