// 02_lazy.js — the parts of the JavaScriptCore platform evaluated on first use.
//
// Evaluating our JavaScript is most of a JSC worker's start-up, and most requests never touch
// streams, Buffer, path, string_decoder or crypto.subtle. The files that provide them are left
// out at start-up (src/jsc/mod.rs `is_lazy_platform`) and evaluated by `native.loadPlatform`
// when one of their globals, `internal` members or `internal.platformModules` factories is
// first read; the placeholders are removed first, so the file defines the real ones as it does
// when it runs at start-up. Sits on `internal.native` only; 03_lazy.js does the same for the
// shared files of both engines.
(() => {
  'use strict';
  const internal = globalThis[Symbol.for('ferroute.internal')];
  const native = internal.native;
  const platform = internal.platformModules || (internal.platformModules = {});
  const defineProperty = Object.defineProperty;
  const loaded = new Set();

  function lazy(file, globals, internals, modules) {
    const load = () => {
      if (loaded.has(file)) return;
      loaded.add(file);
      for (const g of globals) delete globalThis[g];
      for (const k of internals) delete internal[k];
      for (const m of modules) delete platform[m];
      native.loadPlatform(file);
    };
    for (const g of globals) {
      defineProperty(globalThis, g, {
        get() { load(); return globalThis[g]; },
        set(v) { load(); globalThis[g] = v; },
        configurable: true,
        enumerable: false,
      });
    }
    for (const k of internals) {
      defineProperty(internal, k, {
        get() { load(); return internal[k]; },
        // The file itself assigning it (evaluated without `load`, as the platform tests do).
        set(v) {
          loaded.add(file);
          defineProperty(internal, k, { value: v, writable: true, enumerable: true, configurable: true });
        },
        configurable: true,
        enumerable: false,
      });
    }
    for (const m of modules) {
      platform[m] = () => {
        load();
        return platform[m]();
      };
    }
  }

  lazy('20_streams.js', [
    'ReadableStream', 'ReadableStreamDefaultReader', 'ReadableStreamBYOBReader',
    'ReadableStreamDefaultController', 'ReadableByteStreamController', 'ReadableStreamBYOBRequest',
    'WritableStream', 'WritableStreamDefaultWriter', 'WritableStreamDefaultController',
    'TransformStream', 'TransformStreamDefaultController', 'ByteLengthQueuingStrategy',
    'CountQueuingStrategy',
  ], ['streams'], []);
  lazy('30_buffer.js', ['Buffer', 'atob', 'btoa'], ['platformErrors'], ['buffer']);
  lazy('31_path.js', [], [], ['path']);
  lazy('32_string_decoder.js', [], [], ['string_decoder']);
  lazy('52_subtle.js', ['SubtleCrypto', 'CryptoKey'], ['subtle'], []);
})();
