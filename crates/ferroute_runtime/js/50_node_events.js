// node:events — EventEmitter with Node 20 semantics (listeners, once, errors, captureRejections, static helpers).
(() => {
  'use strict';
  const internal = globalThis[Symbol.for('ferroute.internal')];

  const kCapture = Symbol('kCapture');
  const kRejection = Symbol.for('nodejs.rejection');
  const errorMonitor = Symbol('events.errorMonitor');
  const kMaxEventTargetListeners = Symbol('events.maxEventTargetListeners');
  const kDispose = Symbol.dispose || Symbol.for('nodejs.dispose');
  let defaultMaxListeners = 10;

  // process.nextTick when the engine has it (checked per call: it may be installed later).
  function nextTick(fn, ...args) {
    const p = globalThis.process;
    if (p && typeof p.nextTick === 'function') p.nextTick(fn, ...args);
    else queueMicrotask(() => fn(...args));
  }

  function describe(value) {
    if (typeof value === 'function') return `[Function: ${value.name || 'anonymous'}]`;
    if (typeof value === 'symbol' || typeof value === 'bigint') return String(value);
    if (typeof value === 'string') return `'${value}'`;
    try {
      return JSON.stringify(value) ?? String(value);
    } catch {
      return Object.prototype.toString.call(value);
    }
  }

  const { coded: codedError, invalidArgType } = internal.nodeErrors;

  function checkListener(listener) {
    if (typeof listener !== 'function') throw invalidArgType('listener', 'of type function', listener);
  }

  function checkCount(n, name) {
    if (typeof n !== 'number') throw invalidArgType(name, 'of type number', n);
    if (n < 0 || Number.isNaN(n)) {
      throw codedError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "${name}" is out of range. It must be a non-negative number. Received ${describe(n)}`);
    }
  }

  class AbortError extends Error {
    constructor(message = 'The operation was aborted', options = undefined) {
      super(message, options);
      this.code = 'ABORT_ERR';
      this.name = 'AbortError';
    }
  }

  // ------------------------------------------------------------------ EventEmitter

  // A plain function so that both `class X extends EventEmitter` and the old
  // `EventEmitter.call(this); util.inherits(X, EventEmitter)` work.
  function EventEmitter(opts) {
    EventEmitter.init.call(this, opts);
  }

  EventEmitter.prototype._events = undefined;
  EventEmitter.prototype._eventsCount = 0;
  EventEmitter.prototype._maxListeners = undefined;
  EventEmitter.prototype[kCapture] = false;

  EventEmitter.init = function init(opts) {
    if (this._events === undefined || this._events === Object.getPrototypeOf(this)._events) {
      this._events = Object.create(null);
      this._eventsCount = 0;
    }
    this._maxListeners = this._maxListeners || undefined;
    if (opts && opts.captureRejections !== undefined) {
      if (typeof opts.captureRejections !== 'boolean') throw invalidArgType('options.captureRejections', 'of type boolean', opts.captureRejections);
      this[kCapture] = opts.captureRejections;
    } else if (this[kCapture] !== EventEmitter.prototype[kCapture]) {
      this[kCapture] = EventEmitter.prototype[kCapture];
    }
  };

  function maxListenersOf(emitter) {
    return emitter._maxListeners === undefined ? defaultMaxListeners : emitter._maxListeners;
  }

  EventEmitter.prototype.setMaxListeners = function setMaxListeners(n) {
    checkCount(n, 'n');
    this._maxListeners = n;
    return this;
  };

  EventEmitter.prototype.getMaxListeners = function getMaxListeners() {
    return maxListenersOf(this);
  };

  function throwUnhandled(er) {
    if (er instanceof Error) throw er;
    const err = codedError(Error, 'ERR_UNHANDLED_ERROR', er === undefined ? 'Unhandled error.' : `Unhandled error. (${describe(er)})`);
    err.context = er;
    throw err;
  }

  // captureRejections: a rejected promise returned by a listener becomes an 'error'
  // (or a call of emitter[Symbol.for('nodejs.rejection')]).
  function captureRejection(emitter, promise, type, args) {
    promise.then(undefined, (err) => nextTick(() => {
      if (typeof emitter[kRejection] === 'function') {
        emitter[kRejection](err, type, ...args);
        return;
      }
      const prev = emitter[kCapture];
      try {
        emitter[kCapture] = false;
        emitter.emit('error', err);
      } finally {
        emitter[kCapture] = prev;
      }
    }));
  }

  EventEmitter.prototype.emit = function emit(type, ...args) {
    const events = this._events;
    let unhandledError = type === 'error';
    if (events !== undefined) {
      if (unhandledError && events[errorMonitor] !== undefined) this.emit(errorMonitor, ...args);
      unhandledError = unhandledError && events.error === undefined;
    } else if (!unhandledError) {
      return false;
    }
    if (unhandledError) throwUnhandled(args[0]);
    const handler = events[type];
    if (handler === undefined) return false;
    if (typeof handler === 'function') {
      const result = handler.apply(this, args);
      if (result !== undefined && result !== null && this[kCapture] && typeof result.then === 'function') {
        captureRejection(this, result, type, args);
      }
    } else {
      // A copy: listeners added or removed during the emit do not change this round.
      const list = handler.slice();
      for (let i = 0; i < list.length; i++) {
        const result = list[i].apply(this, args);
        if (result !== undefined && result !== null && this[kCapture] && typeof result.then === 'function') {
          captureRejection(this, result, type, args);
        }
      }
    }
    return true;
  };

  function warnMaxListeners(emitter, type, count) {
    const name = emitter.constructor && emitter.constructor.name || 'EventEmitter';
    const w = new Error(`Possible EventEmitter memory leak detected. ${count} ${String(type)} listeners added to [${name}]. Use emitter.setMaxListeners() to increase limit`);
    w.name = 'MaxListenersExceededWarning';
    w.emitter = emitter;
    w.type = type;
    w.count = count;
    const p = globalThis.process;
    if (p && typeof p.emitWarning === 'function') p.emitWarning(w);
    else if (typeof console !== 'undefined') console.warn(`(node) ${w.name}: ${w.message}`);
  }

  function addListener(target, type, listener, prepend) {
    checkListener(listener);
    let events = target._events;
    if (events === undefined) {
      events = target._events = Object.create(null);
      target._eventsCount = 0;
    } else if (events.newListener !== undefined) {
      target.emit('newListener', type, listener.listener ? listener.listener : listener);
      events = target._events; // a newListener listener may have replaced it
    }
    let existing = events[type];
    if (existing === undefined) {
      events[type] = listener;
      target._eventsCount++;
      return target;
    }
    if (typeof existing === 'function') {
      existing = events[type] = prepend ? [listener, existing] : [existing, listener];
    } else if (prepend) {
      existing.unshift(listener);
    } else {
      existing.push(listener);
    }
    const m = maxListenersOf(target);
    if (m > 0 && existing.length > m && !existing.warned) {
      existing.warned = true;
      warnMaxListeners(target, type, existing.length);
    }
    return target;
  }

  EventEmitter.prototype.addListener = function addListener_(type, listener) {
    return addListener(this, type, listener, false);
  };
  EventEmitter.prototype.on = EventEmitter.prototype.addListener;

  EventEmitter.prototype.prependListener = function prependListener(type, listener) {
    return addListener(this, type, listener, true);
  };

  function onceWrapper(target, type, listener) {
    let fired = false;
    function wrapper(...args) {
      if (fired) return undefined;
      fired = true;
      target.removeListener(type, wrapper);
      return listener.apply(target, args);
    }
    wrapper.listener = listener;
    return wrapper;
  }

  EventEmitter.prototype.once = function once(type, listener) {
    checkListener(listener);
    return this.on(type, onceWrapper(this, type, listener));
  };

  EventEmitter.prototype.prependOnceListener = function prependOnceListener(type, listener) {
    checkListener(listener);
    return this.prependListener(type, onceWrapper(this, type, listener));
  };

  EventEmitter.prototype.removeListener = function removeListener(type, listener) {
    checkListener(listener);
    const events = this._events;
    if (events === undefined) return this;
    const list = events[type];
    if (list === undefined) return this;
    if (list === listener || list.listener === listener) {
      this._eventsCount--;
      if (this._eventsCount === 0) this._events = Object.create(null);
      else delete events[type];
      if (events.removeListener !== undefined) this.emit('removeListener', type, list.listener || listener);
    } else if (typeof list !== 'function') {
      let position = -1;
      for (let i = list.length - 1; i >= 0; i--) {
        if (list[i] === listener || list[i].listener === listener) {
          position = i;
          break;
        }
      }
      if (position < 0) return this;
      if (position === 0) list.shift();
      else list.splice(position, 1);
      if (list.length === 1) events[type] = list[0];
      // (Node reports the argument here, which is the raw wrapper when removeAllListeners removes a once listener.)
      if (events.removeListener !== undefined) this.emit('removeListener', type, listener);
    }
    return this;
  };
  EventEmitter.prototype.off = EventEmitter.prototype.removeListener;

  EventEmitter.prototype.removeAllListeners = function removeAllListeners(type) {
    const events = this._events;
    if (events === undefined) return this;
    if (events.removeListener === undefined) {
      // Nobody is told: just drop them.
      if (arguments.length === 0) {
        this._events = Object.create(null);
        this._eventsCount = 0;
      } else if (events[type] !== undefined) {
        if (--this._eventsCount === 0) this._events = Object.create(null);
        else delete events[type];
      }
      return this;
    }
    if (arguments.length === 0) {
      for (const key of Reflect.ownKeys(events)) {
        if (key !== 'removeListener') this.removeAllListeners(key);
      }
      this.removeAllListeners('removeListener');
      this._events = Object.create(null);
      this._eventsCount = 0;
      return this;
    }
    const listeners = events[type];
    if (typeof listeners === 'function') {
      this.removeListener(type, listeners);
    } else if (listeners !== undefined) {
      // Last in, first out.
      for (let i = listeners.length - 1; i >= 0; i--) this.removeListener(type, listeners[i]);
    }
    return this;
  };

  function listenersOf(target, type, unwrap) {
    const events = target._events;
    if (events === undefined) return [];
    const list = events[type];
    if (list === undefined) return [];
    if (typeof list === 'function') return unwrap ? [list.listener || list] : [list];
    return unwrap ? list.map((l) => l.listener || l) : list.slice();
  }

  EventEmitter.prototype.listeners = function listeners(type) {
    return listenersOf(this, type, true);
  };

  EventEmitter.prototype.rawListeners = function rawListeners(type) {
    return listenersOf(this, type, false);
  };

  function listenerCount(type, listener) {
    const events = this._events;
    if (events === undefined) return 0;
    const list = events[type];
    if (list === undefined) return 0;
    if (typeof list === 'function') {
      return listener == null || list === listener || list.listener === listener ? 1 : 0;
    }
    if (listener == null) return list.length;
    let n = 0;
    for (const l of list) if (l === listener || l.listener === listener) n++;
    return n;
  }
  EventEmitter.prototype.listenerCount = listenerCount;

  EventEmitter.prototype.eventNames = function eventNames() {
    return this._eventsCount > 0 ? Reflect.ownKeys(this._events) : [];
  };

  // ------------------------------------------------------------------ statics

  Object.defineProperties(EventEmitter, {
    captureRejections: {
      enumerable: true,
      get: () => EventEmitter.prototype[kCapture],
      set(value) {
        if (typeof value !== 'boolean') throw invalidArgType('EventEmitter.captureRejections', 'of type boolean', value);
        EventEmitter.prototype[kCapture] = value;
      },
    },
    defaultMaxListeners: {
      enumerable: true,
      get: () => defaultMaxListeners,
      set(value) {
        checkCount(value, 'defaultMaxListeners');
        defaultMaxListeners = value;
      },
    },
    kMaxEventTargetListeners: { value: kMaxEventTargetListeners, enumerable: false },
  });

  EventEmitter.EventEmitter = EventEmitter;
  EventEmitter.usingDomains = false;
  EventEmitter.captureRejectionSymbol = kRejection;
  EventEmitter.errorMonitor = errorMonitor;

  const isEventTarget = (t) => t !== null && typeof t === 'object' && typeof t.addEventListener === 'function' && typeof t.removeEventListener === 'function' && typeof t.on !== 'function';

  function validateSignal(signal) {
    if (signal !== undefined && (signal === null || typeof signal !== 'object' || !('aborted' in signal))) {
      throw invalidArgType('options.signal', 'an instance of AbortSignal', signal);
    }
  }

  EventEmitter.listenerCount = (emitter, type) => (typeof emitter.listenerCount === 'function' ? emitter.listenerCount(type) : listenerCount.call(emitter, type));

  EventEmitter.once = function once(emitter, name, options = {}) {
    const signal = options ? options.signal : undefined;
    validateSignal(signal);
    if (signal && signal.aborted) return Promise.reject(new AbortError(undefined, { cause: signal.reason }));
    return new Promise((resolve, reject) => {
      let cleanup;
      const onAbort = () => {
        cleanup();
        reject(new AbortError(undefined, { cause: signal.reason }));
      };
      if (isEventTarget(emitter)) {
        const handler = (event) => {
          cleanup();
          resolve([event]);
        };
        cleanup = () => {
          emitter.removeEventListener(name, handler);
          if (signal) signal.removeEventListener('abort', onAbort);
        };
        emitter.addEventListener(name, handler, { once: true });
      } else {
        const handler = (...args) => {
          cleanup();
          resolve(args);
        };
        const onError = (err) => {
          cleanup();
          reject(err);
        };
        cleanup = () => {
          emitter.removeListener(name, handler);
          if (name !== 'error') emitter.removeListener('error', onError);
          if (signal) signal.removeEventListener('abort', onAbort);
        };
        emitter.on(name, handler);
        if (name !== 'error') emitter.on('error', onError);
      }
      if (signal) signal.addEventListener('abort', onAbort, { once: true });
    });
  };

  // An async iterator over the argument arrays of `event`; 'error' rejects it; events named
  // in options.close end it.
  EventEmitter.on = function on(emitter, event, options = {}) {
    const signal = options ? options.signal : undefined;
    validateSignal(signal);
    if (signal && signal.aborted) throw new AbortError(undefined, { cause: signal.reason });
    const closeEvents = (options && options.close) || [];
    const queue = [];
    const waiting = [];
    let error = null;
    let done = false;

    const target = isEventTarget(emitter);
    const listen = (name, fn) => (target ? emitter.addEventListener(name, fn) : emitter.on(name, fn));
    const unlisten = (name, fn) => (target ? emitter.removeEventListener(name, fn) : emitter.removeListener(name, fn));

    const onEvent = (...args) => {
      const value = args;
      if (waiting.length) waiting.shift().resolve({ value, done: false });
      else queue.push(value);
    };
    const onError = (err) => {
      if (waiting.length) waiting.shift().reject(err);
      else error = err;
      iterator.return();
    };
    const onClose = () => closeIterator();
    const onAbort = () => onError(new AbortError(undefined, { cause: signal.reason }));

    function closeIterator() {
      if (done) return;
      done = true;
      unlisten(event, onEvent);
      if (event !== 'error' && !target) unlisten('error', onError);
      for (const name of closeEvents) unlisten(name, onClose);
      if (signal) signal.removeEventListener('abort', onAbort);
      for (const w of waiting.splice(0)) w.resolve({ value: undefined, done: true });
    }

    const iterator = {
      next() {
        if (queue.length) return Promise.resolve({ value: queue.shift(), done: false });
        if (error) {
          const p = Promise.reject(error);
          error = null;
          return p;
        }
        if (done) return Promise.resolve({ value: undefined, done: true });
        return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
      },
      return() {
        closeIterator();
        return Promise.resolve({ value: undefined, done: true });
      },
      throw(err) {
        if (!(err instanceof Error)) throw invalidArgType('EventEmitter.AsyncIterator', 'an instance of Error', err);
        onError(err);
        return Promise.resolve({ value: undefined, done: true });
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };

    listen(event, onEvent);
    if (event !== 'error' && !target) emitter.on('error', onError);
    for (const name of closeEvents) listen(name, onClose);
    if (signal) signal.addEventListener('abort', onAbort, { once: true });
    return iterator;
  };

  EventEmitter.getEventListeners = function getEventListeners(emitterOrTarget, type) {
    if (emitterOrTarget && typeof emitterOrTarget.listeners === 'function') return emitterOrTarget.listeners(type);
    if (isEventTarget(emitterOrTarget)) return []; // the engine's EventTarget cannot list its listeners
    throw invalidArgType('emitter', 'an instance of EventEmitter or EventTarget', emitterOrTarget);
  };

  EventEmitter.getMaxListeners = function getMaxListeners(emitterOrTarget) {
    if (emitterOrTarget && typeof emitterOrTarget.getMaxListeners === 'function') return maxListenersOf(emitterOrTarget);
    if (isEventTarget(emitterOrTarget)) return emitterOrTarget[kMaxEventTargetListeners] ?? defaultMaxListeners;
    throw invalidArgType('emitter', 'an instance of EventEmitter or EventTarget', emitterOrTarget);
  };

  EventEmitter.setMaxListeners = function setMaxListeners(n = defaultMaxListeners, ...targets) {
    checkCount(n, 'n');
    if (targets.length === 0) {
      defaultMaxListeners = n;
      return;
    }
    for (const t of targets) {
      if (t && typeof t.setMaxListeners === 'function') t.setMaxListeners(n);
      else if (isEventTarget(t)) t[kMaxEventTargetListeners] = n;
      else throw invalidArgType('eventTargets', 'an instance of EventEmitter or EventTarget', t);
    }
  };

  EventEmitter.addAbortListener = function addAbortListener(signal, listener) {
    if (signal === undefined || signal === null || typeof signal !== 'object' || !('aborted' in signal)) throw invalidArgType('signal', 'an instance of AbortSignal', signal);
    checkListener(listener);
    let removed = false;
    if (signal.aborted) queueMicrotask(() => listener());
    else signal.addEventListener('abort', listener, { once: true });
    return {
      [kDispose]() {
        if (removed) return;
        removed = true;
        signal.removeEventListener('abort', listener);
      },
    };
  };

  // No async_hooks here: the resource only runs functions in the current context.
  class EventEmitterAsyncResource extends EventEmitter {
    constructor(options = undefined) {
      super(options);
      const name = (options && options.name) || new.target.name;
      this.asyncResource = {
        type: name,
        runInAsyncScope: (fn, thisArg, ...args) => fn.apply(thisArg, args),
        emitDestroy: () => this.asyncResource,
        asyncId: () => 0,
        triggerAsyncId: () => 0,
        bind: (fn) => fn,
      };
    }
    emitDestroy() {}
    get asyncId() {
      return 0;
    }
    get triggerAsyncId() {
      return 0;
    }
  }
  EventEmitter.EventEmitterAsyncResource = EventEmitterAsyncResource;

  if (typeof globalThis.EventTarget === 'function') EventEmitter.EventTarget = globalThis.EventTarget;
  if (typeof globalThis.Event === 'function') EventEmitter.Event = globalThis.Event;

  internal.modules['node:events'] = EventEmitter;
})();
