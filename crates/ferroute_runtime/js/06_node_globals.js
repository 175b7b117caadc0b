// Node's MessageChannel, MessagePort, BroadcastChannel (and MessageEvent where the engine has
// none) as globals: lazy getters that load worker_threads (54_node_misc.js) on first use.
(() => {
  'use strict';
  const internal = globalThis[Symbol.for('ferroute.internal')];
  const define = (name, value) =>
    Object.defineProperty(globalThis, name, { value, writable: true, enumerable: false, configurable: true });
  const names = ['MessageChannel', 'MessagePort', 'BroadcastChannel'];
  if (typeof globalThis.MessageEvent !== 'function') names.push('MessageEvent');
  for (const name of names) {
    Object.defineProperty(globalThis, name, {
      get() {
        const wt = internal.builtin('worker_threads');
        define(name, name === 'MessageEvent' ? internal.MessageEvent : wt[name]);
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
