// The `WebSocket` and `CloseEvent` globals (Node 22 has them): lazy accessors that evaluate
// 59_websocket.js on first use and then become plain data properties. `MessageEvent` is
// already a lazy global of 06_node_globals.js when the engine has none.
(() => {
  'use strict';
  const internal = globalThis[Symbol.for('ferroute.internal')];
  const define = (name, value) =>
    Object.defineProperty(globalThis, name, { value, writable: true, enumerable: false, configurable: true });
  const load = () => {
    if (internal.websocket === undefined) internal.native.loadLazy('59_websocket.js');
    return internal.websocket;
  };
  const names = ['WebSocket', 'CloseEvent'];
  if (Object.getOwnPropertyDescriptor(globalThis, 'MessageEvent') === undefined) names.push('MessageEvent');
  for (const name of names) {
    Object.defineProperty(globalThis, name, {
      get() {
        // Loading reads `globalThis.MessageEvent`: make it a data property first.
        if (name === 'MessageEvent') define(name, internal.builtin('worker_threads') && internal.MessageEvent);
        else define(name, load()[name]);
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
