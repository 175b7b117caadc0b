// The web's CompressionStream and DecompressionStream as globals: lazy getters that load
// node:zlib (56_node_zlib.js), which leaves the classes in `internal.compressionStreams`.
(() => {
  'use strict';
  const internal = globalThis[Symbol.for('ferroute.internal')];
  const define = (name, value) =>
    Object.defineProperty(globalThis, name, { value, writable: true, enumerable: false, configurable: true });
  for (const name of ['CompressionStream', 'DecompressionStream']) {
    Object.defineProperty(globalThis, name, {
      get() {
        internal.builtin('zlib');
        define(name, internal.compressionStreams[name]);
        return globalThis[name];
      },
      set(value) {
        define(name, value);
      },
      enumerable: false,
      configurable: true,
    });
  }
})();
