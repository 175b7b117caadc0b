// Carries the async context frame (00_internal.js) across asynchronous boundaries, which
// QuickJS's promise hooks cannot do (see ../shared/facts/engine-probe.md):
// - user modules are compiled with async functions lowered to generators
//   (`CompileOptions::lower_async`); the `babelHelpers.*` below drive them and restore the
//   frame captured when the function was called on every step;
// - `Promise.prototype.then` callbacks run in the frame current when they were attached;
// - timers capture the frame when scheduled (01_timers.js).
// On top of this: `AsyncLocalStorage` and `AsyncResource` for `node:async_hooks`.
(() => {
  'use strict';
  const internal = globalThis[Symbol.for('ferroute.internal')];
  const ctx = internal.context;
  const { current, enter } = ctx;

  // ------------------------------------------------------------ promise reactions
  const PromiseProto = Promise.prototype;
  const nativeThen = PromiseProto.then;
  internal.nativeThen = nativeThen;

  function bindFrame(fn, frame) {
    return function (value) {
      const prev = enter(frame);
      try {
        return fn.call(this, value);
      } finally {
        enter(prev);
      }
    };
  }

  Object.defineProperty(PromiseProto, 'then', {
    value: function then(onFulfilled, onRejected) {
      const frame = current();
      if (frame === undefined) return nativeThen.call(this, onFulfilled, onRejected);
      return nativeThen.call(
        this,
        typeof onFulfilled === 'function' ? bindFrame(onFulfilled, frame) : onFulfilled,
        typeof onRejected === 'function' ? bindFrame(onRejected, frame) : onRejected,
      );
    },
    writable: true,
    configurable: true,
    enumerable: false,
  });

  // ------------------------------------------------------------ async functions
  // The promise of the last lowered async call still running, and that call's state: the
  // dispatcher takes its handler's through `internal.claimAsync` and is then called back
  // directly when the call ends (`state.ok` / `state.fail`), a promise job earlier than a
  // reaction to the promise (one job of the two a handler that awaits once costs). The
  // promise still settles, for anyone else who holds it.
  let lastPromise;
  let lastState;
  const noop = () => {};
  internal.claimAsync = (promise) => {
    if (promise !== lastPromise) return undefined;
    const state = lastState;
    lastPromise = lastState = undefined;
    state.promise = promise;
    return state;
  };

  /** `async function f() {}` compiled to `babelHelpers.asyncToGenerator(function* () {})`. */
  function asyncToGenerator(fn) {
    return function () {
      const frame = current();
      const gen = fn.apply(this, arguments);
      // Fast path: a body that finishes without awaiting needs no promise machinery.
      let first;
      try {
        first = gen.next();
      } catch (e) {
        return Promise.reject(e);
      }
      if (first.done) return Promise.resolve(first.value);
      const state = { gen, frame, resolve: undefined, reject: undefined, ok: undefined, fail: undefined, promise: undefined };
      const promise = new Promise((resolve, reject) => {
        state.resolve = resolve;
        state.reject = reject;
      });
      lastPromise = promise;
      lastState = state;
      awaitStep(state, first.value);
      return promise;
    };
  }

  // One `await` of a lowered async function: resumes the generator with the outcome. The
  // reactions are made per await and hold the state; nothing holds them back, so a call's
  // objects form no cycle and go by reference counting when it ends (closures that named
  // each other, as a `next` calling `step` calling `next`, were garbage only QuickJS's cycle
  // collector could free: it ran every few hundred requests).
  function awaitStep(state, value) {
    nativeThen.call(
      Promise.resolve(value),
      (v) => resumeAsync(state, 'next', v),
      (e) => resumeAsync(state, 'throw', e),
    );
  }

  function resumeAsync(state, method, arg) {
    const prev = enter(state.frame);
    let info;
    try {
      info = state.gen[method](arg);
    } catch (e) {
      enter(prev);
      settleAsync(state, false, e);
      return;
    }
    enter(prev);
    if (info.done) settleAsync(state, true, info.value);
    else awaitStep(state, info.value);
  }

  /** The end of a lowered async call: its promise settles, and a claimed call's callback
   * runs now (a thenable result is adopted first, as the promise adopts it). */
  function settleAsync(state, ok, value) {
    const direct = ok ? state.ok : state.fail;
    if (direct === undefined) {
      if (ok) state.resolve(value);
      else state.reject(value);
      return;
    }
    if (ok) {
      state.resolve(value);
      if (value !== null && (typeof value === 'object' || typeof value === 'function') && typeof value.then === 'function') {
        nativeThen.call(state.promise, state.ok, state.fail);
      } else {
        direct(value);
      }
      return;
    }
    // Handled here: not an unhandled rejection.
    nativeThen.call(state.promise, undefined, noop);
    state.reject(value);
    direct(value);
  }

  // ------------------------------------------------------------ async functions without await
  // The compiler turns an `async` function whose body never awaits into a plain function:
  // `return x` becomes `return babelHelpers.asyncValue(x)` and a throw from the body
  // `return babelHelpers.asyncThrow(e)`. No frame to restore: the body runs synchronously.
  // Bound to the original `Promise` now, so user code replacing `Promise` cannot change them.
  /** `Promise.resolve(value)`: the promise an async function returning `value` gives. */
  const asyncValue = Promise.resolve.bind(Promise);
  /** `Promise.reject(error)`: the promise an async function throwing `error` gives. */
  const asyncThrow = Promise.reject.bind(Promise);

  // ------------------------------------------------------------ async generators
  /** Marks a value the lowered async generator awaits (rather than yields). */
  class AwaitValue {
    constructor(value, delegate = false) {
      this.value = value;
      // From `yield*`: the value is a promise of the inner iterator's next result.
      this.delegate = delegate;
    }
  }
  const awaitAsyncGenerator = (value) => new AwaitValue(value);

  class AsyncGenerator {
    constructor(gen, frame) {
      this._gen = gen;
      this._frame = frame;
      this._queue = [];
      this._running = false;
    }
    _send(type, value) {
      return new Promise((resolve, reject) => {
        this._queue.push({ type, value, resolve, reject });
        if (!this._running) this._resume(type, value);
      });
    }
    _resume(type, value) {
      this._running = true;
      const prev = enter(this._frame);
      let result;
      try {
        result = this._gen[type](value);
      } catch (e) {
        enter(prev);
        this._settle('throw', e);
        return;
      }
      enter(prev);
      const v = result.value;
      if (v instanceof AwaitValue) {
        const resumeWith = v.delegate && type === 'return' ? 'return' : 'next';
        nativeThen.call(Promise.resolve(v.value), (x) => this._resume(resumeWith, x), (e) => this._resume('throw', e));
        return;
      }
      // `yield v` awaits v first, as native async generators do.
      nativeThen.call(
        Promise.resolve(v),
        (x) => {
          if (result.done) this._settle('return', x);
          else this._settle('normal', x);
        },
        (e) => this._resume('throw', e),
      );
    }
    _settle(kind, value) {
      const req = this._queue.shift();
      if (kind === 'throw') req.reject(value);
      else req.resolve({ value, done: kind === 'return' });
      if (this._queue.length) {
        const nextReq = this._queue[0];
        this._resume(nextReq.type, nextReq.value);
      } else {
        this._running = false;
      }
    }
    next(v) { return this._send('next', v); }
    throw(e) { return this._send('throw', e); }
    return(v) { return this._send('return', v); }
    [Symbol.asyncIterator]() { return this; }
    get [Symbol.toStringTag]() { return 'AsyncGenerator'; }
  }

  function wrapAsyncGenerator(fn) {
    return function () {
      return new AsyncGenerator(fn.apply(this, arguments), current());
    };
  }

  /** `for await (x of it)` and `yield*` in async generators. */
  function asyncIterator(iterable) {
    if (iterable == null) throw new TypeError(`${iterable} is not async iterable`);
    const a = iterable[Symbol.asyncIterator];
    if (a != null) return a.call(iterable);
    const s = iterable[Symbol.iterator];
    if (s == null) throw new TypeError('Object is not async iterable');
    const it = s.call(iterable);
    const wrap = (r) => (r.done ? Promise.resolve(r) : nativeThen.call(Promise.resolve(r.value), (value) => ({ value, done: false })));
    return {
      next(v) { return wrap(it.next(v)); },
      return(v) { return typeof it.return === 'function' ? wrap(it.return(v)) : Promise.resolve({ value: v, done: true }); },
      throw(e) { if (typeof it.throw === 'function') return wrap(it.throw(e)); return Promise.reject(e); },
      [Symbol.asyncIterator]() { return this; },
    };
  }

  /** `yield* inner` inside a lowered async generator. The generated code delegates with a
   * native `yield*` to the sync iterator returned here; each step hands the async
   * generator a promise of `inner`'s next result to await, and the generator then feeds
   * that result back into this iterator, which returns it to `yield*`. */
  function asyncGeneratorDelegate(inner) {
    let waiting = false;
    const pump = (method, value) => {
      waiting = true;
      const p = new Promise((resolve) => resolve(inner[method](value)));
      return { done: false, value: new AwaitValue(p, true) };
    };
    const delegate = {
      [Symbol.iterator]() { return this; },
      next(v) {
        if (waiting) { waiting = false; return v; }
        return pump('next', v);
      },
    };
    if (typeof inner.throw === 'function') {
      delegate.throw = (e) => {
        if (waiting) { waiting = false; throw e; }
        return pump('throw', e);
      };
    }
    if (typeof inner.return === 'function') {
      delegate.return = (v) => {
        if (waiting) { waiting = false; return v; }
        return pump('return', v);
      };
    }
    return delegate;
  }

  Object.defineProperty(globalThis, 'babelHelpers', {
    value: Object.freeze({
      asyncToGenerator,
      wrapAsyncGenerator,
      awaitAsyncGenerator,
      asyncIterator,
      asyncGeneratorDelegate,
      asyncValue,
      asyncThrow,
    }),
    writable: false,
    configurable: false,
    enumerable: false,
  });

  // ------------------------------------------------------------ node:async_hooks
  class AsyncLocalStorage {
    constructor() {
      this._key = Symbol('AsyncLocalStorage');
      this._enabled = true;
    }
    static bind(fn) {
      return AsyncResource.bind(fn);
    }
    static snapshot() {
      const frame = current();
      return (fn, ...args) => {
        const prev = enter(frame);
        try {
          return fn(...args);
        } finally {
          enter(prev);
        }
      };
    }
    getStore() {
      const frame = current();
      return this._enabled && frame !== undefined ? frame[this._key] : undefined;
    }
    run(store, fn, ...args) {
      this._enabled = true;
      const prev = enter(ctx.fork(current(), this._key, store));
      try {
        return fn(...args);
      } finally {
        enter(prev);
      }
    }
    exit(fn, ...args) {
      const prev = enter(ctx.fork(current(), this._key, undefined));
      try {
        return fn(...args);
      } finally {
        enter(prev);
      }
    }
    enterWith(store) {
      this._enabled = true;
      enter(ctx.fork(current(), this._key, store));
    }
    disable() {
      this._enabled = false;
    }
  }

  class AsyncResource {
    constructor(type = 'AsyncResource') {
      this.type = type;
      this._frame = current();
    }
    runInAsyncScope(fn, thisArg, ...args) {
      const prev = enter(this._frame);
      try {
        return fn.apply(thisArg, args);
      } finally {
        enter(prev);
      }
    }
    bind(fn, thisArg) {
      const self = this;
      return function (...args) {
        return self.runInAsyncScope(fn, thisArg === undefined ? this : thisArg, ...args);
      };
    }
    emitDestroy() {
      return this;
    }
    asyncId() { return 0; }
    triggerAsyncId() { return 0; }
    static bind(fn, type, thisArg) {
      return new AsyncResource(type || 'bound-anonymous-fn').bind(fn, thisArg);
    }
  }

  const asyncHooks = {
    AsyncLocalStorage,
    AsyncResource,
    executionAsyncId: () => 0,
    triggerAsyncId: () => 0,
    createHook: () => ({ enable() { return this; }, disable() { return this; } }),
  };
  internal.modules['node:async_hooks'] = asyncHooks;
  internal.AsyncLocalStorage = AsyncLocalStorage;
})();
