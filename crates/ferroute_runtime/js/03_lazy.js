// Lazily loaded parts of the platform. Parsing our JavaScript is most of an engine's
// start-up, and most handlers never touch Blob, FormData or TransformStream, so these
// files are evaluated on first use of one of their globals (or internals) instead of at
// start-up. `internal.loaded[name]` tells whether a part is in: no Blob can exist before
// `Blob` is first read, so `x instanceof Blob` needs no load while it is false.
(() => {
  'use strict';
  const internal = globalThis[Symbol.for('ferroute.internal')];
  const native = internal.native;
  internal.loaded = { blob: false, formdata: false, streams: false };

  function lazy(name, file, globals, internals) {
    const load = () => {
      if (internal.loaded[name]) return;
      internal.loaded[name] = true;
      for (const g of globals) delete globalThis[g];
      for (const k of internals) delete internal[k];
      native.loadLazy(file);
    };
    for (const g of globals) {
      Object.defineProperty(globalThis, g, {
        get() { load(); return globalThis[g]; },
        set(v) { load(); globalThis[g] = v; },
        configurable: true,
        enumerable: false,
      });
    }
    for (const k of internals) {
      Object.defineProperty(internal, k, {
        get() { load(); return internal[k]; },
        configurable: true,
        enumerable: false,
      });
    }
  }

  lazy('blob', '11_blob.js', ['Blob', 'File'], ['blob']);
  lazy('formdata', '12_formdata.js', ['FormData'], ['formdata']);
  if (internal.config.engine === 'jsc') {
    // JavaScriptCore's platform has a TransformStream of its own (js/jsc/20_streams.js);
    // 13_streams.js then adds only the encoding streams, built on it.
    lazy('streams', '13_streams.js', ['TextEncoderStream', 'TextDecoderStream'], []);
  } else {
    lazy('streams', '13_streams.js', ['TransformStream', 'TransformStreamDefaultController', 'TextEncoderStream', 'TextDecoderStream'], ['streams']);
  }
})();
