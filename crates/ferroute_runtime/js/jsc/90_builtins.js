// 90_builtins.js — `native.builtinModule(name)` on JavaScriptCore: the Node built-in modules
// the JSC platform provides, in the shape 04_builtins.js reads from llrt's modules on QuickJS
// (`{ default: moduleObject }`). The modules come from `internal.platformModules` (buffer, path,
// string_decoder: 30–32; url: 40) or are made of the platform's globals (perf_hooks, process,
// stream/web, console). A name neither has throws Node's
// ERR_UNKNOWN_BUILTIN_MODULE with what to do. Also routes the project's imports and
// `require(esm)` to the module registry (00_modules.js).
(() => {
  'use strict';
  const internal = globalThis[Symbol.for('ferroute.internal')];
  const native = internal.native;
  if (internal.platformModules === undefined) internal.platformModules = {};
  const platform = internal.platformModules;

  /** An object of the globals `names` that exist, read when the module is first made. */
  const ofGlobals = (names) => () => {
    const out = {};
    for (const name of names) {
      if (globalThis[name] !== undefined) out[name] = globalThis[name];
    }
    return out;
  };

  const fromGlobals = {
    perf_hooks: () => {
      const m = ofGlobals([
        'PerformanceEntry', 'PerformanceMark', 'PerformanceMeasure', 'PerformanceObserver',
        'PerformanceObserverEntryList', 'PerformanceResourceTiming',
      ])();
      m.performance = globalThis.performance;
      return m;
    },
    process: () => globalThis.process,
    console: () => globalThis.console,
    'stream/web': ofGlobals([
      'ReadableStream', 'ReadableStreamDefaultReader', 'ReadableStreamBYOBReader', 'ReadableStreamBYOBRequest',
      'ReadableByteStreamController', 'ReadableStreamDefaultController', 'TransformStream',
      'TransformStreamDefaultController', 'WritableStream', 'WritableStreamDefaultWriter',
      'WritableStreamDefaultController', 'ByteLengthQueuingStrategy', 'CountQueuingStrategy', 'TextEncoderStream',
      'TextDecoderStream', 'CompressionStream', 'DecompressionStream',
    ]),
  };

  // Modules go through the registry of 00_modules.js: the routes, the middleware and
  // next.config (`internal.importFile`), and `require()` of an ES module.
  internal.importFile = (file) => internal.registry.importModule(file, null);
  native.requireEsm = (path) => internal.registry.requireEsm(path);

  native.builtinModule = (name) => {
    const make = Object.prototype.hasOwnProperty.call(platform, name) ? platform[name] : fromGlobals[name];
    if (make === undefined) {
      const err = new Error(
        `the Node.js module '${name}' is not available on the JavaScriptCore engine yet (docs/compat.md): start ferroute with --engine quickjs to use it`,
      );
      err.code = 'ERR_UNKNOWN_BUILTIN_MODULE';
      throw err;
    }
    return { default: make() };
  };
})();
