// Timers (setTimeout, setInterval, setImmediate, queueMicrotask) on the worker's tokio
// loop. A timer is a native sleep task that calls back into `internal.fireTimer(id)`.
(() => {
  'use strict';
  const internal = globalThis[Symbol.for('ferroute.internal')];
  const native = internal.native;
  const timers = new Map();
  let nextId = 0;

  class Timeout {
    constructor(id) {
      this._id = id;
    }
    ref() { return this; }
    unref() { return this; }
    hasRef() { return true; }
    refresh() {
      const t = timers.get(this._id);
      if (t) {
        native.timerClear(this._id);
        native.timerStart(this._id, t.ms);
      }
      return this;
    }
    close() {
      clear(this);
      return this;
    }
    [Symbol.toPrimitive]() {
      return this._id;
    }
  }

  function start(cb, ms, args, repeat, immediate) {
    if (typeof cb !== 'function') {
      throw new TypeError(`The "callback" argument must be of type function. Received ${typeof cb}`);
    }
    let delay = Number(ms);
    if (!(delay >= 1) || delay > 2147483647) delay = immediate ? 0 : 1;
    const id = ++nextId;
    const frame = internal.context.current();
    timers.set(id, { cb, args, ms: delay, repeat, frame });
    native.timerStart(id, delay);
    return new Timeout(id);
  }

  function clear(handle) {
    const id = handle instanceof Timeout ? handle._id : Number(handle);
    if (timers.delete(id)) native.timerClear(id);
  }

  internal.fireTimer = (id) => {
    const t = timers.get(id);
    if (!t) return;
    if (t.repeat) native.timerStart(id, t.ms);
    else timers.delete(id);
    const prev = internal.context.enter(t.frame);
    try {
      t.cb(...t.args);
    } catch (e) {
      internal.reportError(e);
    } finally {
      internal.context.enter(prev);
    }
  };

  const define = (name, value) =>
    Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: true });
  define('setTimeout', function setTimeout(cb, ms, ...args) { return start(cb, ms, args, false, false); });
  define('setInterval', function setInterval(cb, ms, ...args) { return start(cb, ms, args, true, false); });
  define('setImmediate', function setImmediate(cb, ...args) { return start(cb, 0, args, false, true); });
  define('clearTimeout', function clearTimeout(h) { clear(h); });
  define('clearInterval', function clearInterval(h) { clear(h); });
  define('clearImmediate', function clearImmediate(h) { clear(h); });
  define('queueMicrotask', function queueMicrotask(cb) {
    if (typeof cb !== 'function') throw new TypeError('The "callback" argument must be of type function.');
    // Promise reactions carry the async context (02_async_context.js).
    Promise.resolve().then(() => {
      try {
        cb();
      } catch (e) {
        internal.reportError(e);
      }
    });
  });

  const sleep = (ms, value, options) =>
    new Promise((resolve, reject) => {
      const signal = options && options.signal;
      if (signal && signal.aborted) return reject(signal.reason);
      const t = start(() => resolve(value), ms, [], false, false);
      if (signal) signal.addEventListener('abort', () => { clear(t); reject(signal.reason); }, { once: true });
    });
  internal.modules['node:timers'] = {
    setTimeout: globalThis.setTimeout, setInterval: globalThis.setInterval, setImmediate: globalThis.setImmediate,
    clearTimeout: globalThis.clearTimeout, clearInterval: globalThis.clearInterval, clearImmediate: globalThis.clearImmediate,
    promises: { setTimeout: sleep, setImmediate: (value, options) => sleep(0, value, options) },
  };
  internal.modules['node:timers/promises'] = internal.modules['node:timers'].promises;
})();
