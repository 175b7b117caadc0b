// Event, CustomEvent, EventTarget, AbortController and AbortSignal, as Node 20 defines them
// (WHATWG DOM semantics without a tree: an event reaches its target's listeners only). They
// replace llrt's native classes, which lack preventDefault, handleEvent objects, the `signal`
// option, a correct target... llrt's native AbortController stays reachable as
// `internal.NativeAbortController`: llrt's pipeTo/pipeThrough accept only native signals, so
// a signal of ours is bridged to a native one there.
//
// Where Node 20 and the DOM standard differ we follow Node (errors with Node's codes, a
// listener's throw reported and not propagated, `stopImmediatePropagation` kept after the
// dispatch, `onabort = 5` reads back 5, no `returnValue` setter, abort listeners of a source
// signal run before those of the `AbortSignal.any()` signals that follow it), except where
// Node 20's departures look like bugs; there we follow the standard: `currentTarget` and
// `eventPhase` stay set for every listener of a dispatch, listeners added during a dispatch
// are not called by it, `preventDefault()` in a passive listener does nothing, a boolean
// third argument of removeEventListener is `capture`, an abort removes only the listener
// added with that signal, and re-dispatching an event being dispatched throws a
// DOMException InvalidStateError (Node: an Error with code ERR_EVENT_RECURSION).
// Evaluated at start-up: classes only, nothing runs here but their definitions.
(() => {
  'use strict';
  const internal = globalThis[Symbol.for('ferroute.internal')];

  const NativeAbortController = globalThis.AbortController;
  const NativeAbortSignal = globalThis.AbortSignal;
  internal.NativeAbortController = NativeAbortController;
  internal.NativeAbortSignal = NativeAbortSignal;

  // ------------------------------------------------------------------ Node-style errors
  const { coded, invalidArgType, missingArgs } = internal.nodeErrors;
  const invalidThis = (type) => coded(TypeError, 'ERR_INVALID_THIS', `Value of "this" must be of type ${type}`);
  const isObject = (v) => v !== null && (typeof v === 'object' || typeof v === 'function');
  const report = (e) => internal.reportError(e);
  const catchRejection = (result) => {
    if (isObject(result)) {
      const then = result.then;
      if (typeof then === 'function') then.call(result, undefined, report);
    }
  };

  const perf = globalThis.performance;
  const now = perf && typeof perf.now === 'function' ? () => perf.now() : () => Date.now();

  /** `util.inspect` output of Node's classes (`Event { type: 'x', ... }`). */
  const kInspect = Symbol.for('nodejs.util.inspect.custom');
  function inspectAs(name, fields, depth, options, inspect) {
    if (typeof depth === 'number' && depth < 0) return name;
    if (typeof inspect !== 'function') return name;
    // `depth` is what is left at this level (Node passes its total as options.depth, our
    // util.inspect the remainder: `depth` reads the same under both).
    const opts = Object.assign({}, options, { depth: typeof depth === 'number' || depth === null ? depth : options && options.depth });
    return `${name} ${inspect(fields, opts)}`;
  }

  // ------------------------------------------------------------------ Event
  // Flags of an event, one integer per event (QuickJS charges per property).
  const BUBBLES = 1;
  const CANCELABLE = 2;
  const COMPOSED = 4;
  const CANCELED = 8;
  const STOP = 16;
  const STOP_IMMEDIATE = 32;
  const DISPATCHING = 64;
  const TRUSTED = 128;
  const IN_PASSIVE = 256;

  /** Internal access to events: set in Event's static block. */
  let ev;

  class Event {
    #type;
    #flags;
    #target = null;
    #timeStamp;

    static {
      ev = {
        is: (e) => isObject(e) && #flags in e,
        type: (e) => e.#type,
        flags: (e) => e.#flags,
        setFlags: (e, f) => { e.#flags = f; },
        setTarget: (e, t) => { e.#target = t; },
      };
    }

    constructor(type, options = undefined) {
      if (arguments.length === 0) throw missingArgs('type');
      let flags = 0;
      if (options !== undefined && options !== null) {
        if (typeof options !== 'object' || Array.isArray(options)) throw invalidArgType('options', 'of type object', options);
        if (options.bubbles) flags |= BUBBLES;
        if (options.cancelable) flags |= CANCELABLE;
        if (options.composed) flags |= COMPOSED;
      }
      this.#type = `${type}`;
      this.#flags = flags;
      this.#timeStamp = now();
    }

    initEvent(type, bubbles = false, cancelable = false) {
      if (!ev.is(this)) throw invalidThis('Event');
      if (arguments.length === 0) throw missingArgs('type');
      if (this.#flags & DISPATCHING) return;
      this.#type = `${type}`;
      this.#flags = (this.#flags & ~(BUBBLES | CANCELABLE)) | (bubbles ? BUBBLES : 0) | (cancelable ? CANCELABLE : 0);
    }

    stopImmediatePropagation() {
      if (!ev.is(this)) throw invalidThis('Event');
      this.#flags |= STOP | STOP_IMMEDIATE;
    }

    preventDefault() {
      if (!ev.is(this)) throw invalidThis('Event');
      if (this.#flags & IN_PASSIVE) return;
      this.#flags |= CANCELED;
    }

    get target() {
      if (!ev.is(this)) throw invalidThis('Event');
      return this.#target;
    }

    get currentTarget() {
      if (!ev.is(this)) throw invalidThis('Event');
      return this.#flags & DISPATCHING ? this.#target : null;
    }

    get srcElement() {
      if (!ev.is(this)) throw invalidThis('Event');
      return this.#target;
    }

    get type() {
      if (!ev.is(this)) throw invalidThis('Event');
      return this.#type;
    }

    get cancelable() {
      if (!ev.is(this)) throw invalidThis('Event');
      return (this.#flags & CANCELABLE) !== 0;
    }

    get defaultPrevented() {
      if (!ev.is(this)) throw invalidThis('Event');
      return (this.#flags & (CANCELABLE | CANCELED)) === (CANCELABLE | CANCELED);
    }

    get timeStamp() {
      if (!ev.is(this)) throw invalidThis('Event');
      return this.#timeStamp;
    }

    composedPath() {
      if (!ev.is(this)) throw invalidThis('Event');
      return this.#flags & DISPATCHING ? [this.#target] : [];
    }

    get returnValue() {
      if (!ev.is(this)) throw invalidThis('Event');
      return (this.#flags & (CANCELABLE | CANCELED)) !== (CANCELABLE | CANCELED);
    }

    get bubbles() {
      if (!ev.is(this)) throw invalidThis('Event');
      return (this.#flags & BUBBLES) !== 0;
    }

    get composed() {
      if (!ev.is(this)) throw invalidThis('Event');
      return (this.#flags & COMPOSED) !== 0;
    }

    get eventPhase() {
      if (!ev.is(this)) throw invalidThis('Event');
      return this.#flags & DISPATCHING ? 2 : 0;
    }

    get cancelBubble() {
      if (!ev.is(this)) throw invalidThis('Event');
      return (this.#flags & STOP) !== 0;
    }

    set cancelBubble(value) {
      if (!ev.is(this)) throw invalidThis('Event');
      if (value) this.#flags |= STOP;
    }

    stopPropagation() {
      if (!ev.is(this)) throw invalidThis('Event');
      this.#flags |= STOP;
    }

    get isTrusted() {
      return ev.is(this) && (this.#flags & TRUSTED) !== 0;
    }

    [kInspect](depth, options, inspect) {
      if (!ev.is(this)) throw invalidThis('Event');
      const fields = { type: this.#type, defaultPrevented: (this.#flags & CANCELED) !== 0, cancelable: (this.#flags & CANCELABLE) !== 0, timeStamp: this.#timeStamp };
      return inspectAs(this.constructor.name, fields, depth, options, inspect);
    }
  }

  class CustomEvent extends Event {
    #detail;
    constructor(type, options = undefined) {
      if (arguments.length === 0) throw missingArgs('type');
      super(type, options);
      const detail = options === undefined || options === null ? undefined : options.detail;
      this.#detail = detail === undefined ? null : detail;
    }

    get detail() {
      if (!isObject(this) || !(#detail in this)) throw invalidThis('CustomEvent');
      return this.#detail;
    }
  }

  // ------------------------------------------------------------------ EventTarget
  /** Internal access to targets: set in EventTarget's static block. */
  let et;
  /** AbortSignal internals the targets call back (set below). */
  let sig;

  /** `target`'s listener record `rec` of `type` leaves the list (its signal link too). */
  function detachSignal(rec) {
    const signal = rec.signal;
    if (signal === undefined) return;
    rec.signal = undefined;
    if (et.is(signal)) et.removeRecord(signal, 'abort', rec.onAbort);
    else signal.removeEventListener('abort', rec.onAbort.listener);
  }

  class EventTarget {
    /** null, or Map type -> array of listener records (replaced, never mutated, so that a
     * dispatch iterates the list as it was when it began). */
    #listeners = null;
    /** null, or Map type -> { value } of the `on<type>` event handler attributes. */
    #handlers = null;

    static [Symbol.for('nodejs.event_target')] = true;

    static {
      et = {
        is: (t) => isObject(t) && #listeners in t,
        /** Adds `rec` unless (listener, capture) is there; returns whether it was added. */
        addRecord(target, type, rec) {
          let map = target.#listeners;
          if (map === null) map = target.#listeners = new Map();
          const list = map.get(type);
          if (list === undefined) {
            map.set(type, [rec]);
          } else {
            for (let i = 0; i < list.length; i++) {
              const other = list[i];
              if (other.listener === rec.listener && other.capture === rec.capture) return false;
            }
            const next = list.slice();
            next.push(rec);
            map.set(type, next);
          }
          if (type === 'abort' && sig.is(target)) sig.listenersChanged(target, true);
          return true;
        },
        /** Removes the record of (listener, capture), or `rec` itself when given. */
        removeRecord(target, type, rec, listener, capture) {
          const map = target.#listeners;
          if (map === null) return;
          const list = map.get(type);
          if (list === undefined) return;
          let i = 0;
          if (rec !== undefined) {
            i = list.indexOf(rec);
            if (i < 0) return;
          } else {
            for (; i < list.length; i++) {
              if (list[i].listener === listener && list[i].capture === capture) break;
            }
            if (i === list.length) return;
            rec = list[i];
          }
          rec.removed = true;
          if (list.length === 1) map.delete(type);
          else map.set(type, list.slice(0, i).concat(list.slice(i + 1)));
          detachSignal(rec);
          if (type === 'abort' && list.length === 1 && sig.is(target)) sig.listenersChanged(target, false);
        },
        listeners(target, type) {
          const map = target.#listeners;
          const list = map === null ? undefined : map.get(type);
          return list === undefined ? [] : list.map((r) => r.listener);
        },
        listenersOf(target, type) {
          const map = target.#listeners;
          return map === null ? undefined : map.get(type);
        },
        handlers: (target) => target.#handlers ?? (target.#handlers = new Map()),
      };
    }

    addEventListener(type, listener, options = undefined) {
      if (!et.is(this)) throw invalidThis('EventTarget');
      if (arguments.length < 2) throw missingArgs('type', 'listener');
      let once = false;
      let capture = false;
      let passive = false;
      let signal;
      if (typeof options === 'boolean') {
        capture = options;
      } else if (options !== undefined && options !== null) {
        if (typeof options !== 'object' && typeof options !== 'function') throw invalidArgType('options', 'of type object', options);
        once = !!options.once;
        capture = !!options.capture;
        passive = !!options.passive;
        signal = options.signal;
        if (signal !== undefined && (signal === null || typeof signal !== 'object' || !('aborted' in signal))) {
          throw invalidArgType('options.signal', 'an instance of AbortSignal', signal);
        }
        if (signal !== undefined && signal.aborted) return;
      }
      if (typeof listener !== 'function' && (listener === null || typeof listener !== 'object')) {
        if (listener === null || listener === undefined) return; // the DOM ignores it
        throw invalidArgType('listener', 'an instance of EventListener', listener);
      }
      type = `${type}`;
      const rec = { listener, capture, once, passive, removed: false, resist: false, signal: undefined, onAbort: undefined };
      if (!et.addRecord(this, type, rec)) return;
      if (signal !== undefined) {
        rec.signal = signal;
        const remove = () => et.removeRecord(this, type, rec);
        if (et.is(signal)) {
          // Removed whatever other 'abort' listeners do (stopImmediatePropagation included).
          rec.onAbort = { listener: remove, capture: false, once: true, passive: false, removed: false, resist: true, signal: undefined, onAbort: undefined };
          et.addRecord(signal, 'abort', rec.onAbort);
        } else {
          // Another kind of signal (llrt's native one): its own addEventListener.
          rec.onAbort = { listener: remove };
          signal.addEventListener('abort', remove, { once: true });
        }
      }
    }

    removeEventListener(type, listener, options = undefined) {
      if (!et.is(this)) throw invalidThis('EventTarget');
      if (arguments.length < 2) throw missingArgs('type', 'listener');
      if (typeof listener !== 'function' && (listener === null || typeof listener !== 'object')) {
        if (listener === null || listener === undefined) return;
        throw invalidArgType('listener', 'an instance of EventListener', listener);
      }
      const capture = typeof options === 'boolean' ? options : isObject(options) && !!options.capture;
      et.removeRecord(this, `${type}`, undefined, listener, capture);
    }

    dispatchEvent(event) {
      if (!et.is(this)) throw invalidThis('EventTarget');
      if (arguments.length < 1) throw missingArgs('event');
      if (!ev.is(event)) throw invalidArgType('event', 'an instance of Event', event);
      if (ev.flags(event) & DISPATCHING) {
        throw new DOMException(`The event "${ev.type(event)}" is already being dispatched`, 'InvalidStateError');
      }
      return dispatch(this, event);
    }

    [kInspect](depth, options, inspect) {
      if (!et.is(this)) throw invalidThis('EventTarget');
      return inspectAs(this.constructor.name, {}, depth, options, inspect);
    }
  }

  /** Dispatches `event` (not being dispatched) at `target`; returns !defaultPrevented. */
  function dispatch(target, event) {
    const type = ev.type(event);
    ev.setTarget(event, target);
    ev.setFlags(event, ev.flags(event) | DISPATCHING);
    const list = et.listenersOf(target, type);
    if (list !== undefined) {
      for (let i = 0; i < list.length; i++) {
        const rec = list[i];
        if (rec.removed) continue;
        let flags = ev.flags(event);
        if ((flags & STOP_IMMEDIATE) !== 0 && !rec.resist) continue;
        if (rec.once) et.removeRecord(target, type, rec);
        if (rec.passive) ev.setFlags(event, (flags |= IN_PASSIVE));
        try {
          const listener = rec.listener;
          if (typeof listener === 'function') {
            catchRejection(listener.call(target, event));
          } else {
            const handleEvent = listener.handleEvent;
            if (typeof handleEvent === 'function') catchRejection(handleEvent.call(listener, event));
            else if (handleEvent) throw new TypeError(`${typeof handleEvent === 'object' ? 'object' : show(handleEvent)} is not a function (the listener's handleEvent)`);
          }
        } catch (e) {
          report(e);
        }
        if (rec.passive) ev.setFlags(event, ev.flags(event) & ~IN_PASSIVE);
      }
    }
    const flags = ev.flags(event) & ~DISPATCHING;
    ev.setFlags(event, flags);
    return (flags & (CANCELABLE | CANCELED)) !== (CANCELABLE | CANCELED);
  }

  /** Defines the `on<name>` event handler attribute of `proto` (an EventTarget prototype):
   * one listener added when first set, which calls the current value (Node: handlers run in
   * the order they were first set; a non-function value is kept and ignored). */
  function defineEventHandler(proto, name) {
    const prop = `on${name}`;
    const get = {
      [`get ${prop}`]() {
        if (!et.is(this)) throw invalidThis('EventTarget');
        const h = et.handlers(this).get(name);
        return h === undefined || h.value === undefined ? null : h.value;
      },
    }[`get ${prop}`];
    const set = {
      [`set ${prop}`](value) {
        if (!et.is(this)) throw invalidThis('EventTarget');
        const handlers = et.handlers(this);
        let h = handlers.get(name);
        if (h !== undefined) {
          h.value = value;
          return;
        }
        h = { value };
        handlers.set(name, h);
        const listener = function (...args) {
          const fn = h.value;
          if (typeof fn === 'function') return fn.apply(this, args);
          return undefined;
        };
        et.addRecord(this, name, { listener, capture: false, once: false, passive: false, removed: false, resist: false, signal: undefined, onAbort: undefined });
      },
    }[`set ${prop}`];
    Object.defineProperty(proto, prop, { get, set, enumerable: true, configurable: true });
  }

  // ------------------------------------------------------------------ AbortSignal
  const kCreate = Symbol('ferroute.createAbortSignal');
  /** Composite signals that have sources and 'abort' listeners: kept alive while a source
   * may still abort them (their sources hold them weakly). */
  const persistent = new Set();
  const weak = typeof WeakRef === 'function' ? (x) => new WeakRef(x) : (x) => ({ deref: () => x });
  const abortError = () => new DOMException('This operation was aborted', 'AbortError');

  class AbortSignal extends EventTarget {
    #aborted = false;
    #reason = undefined;
    /** null, or { composite, sources: Set | null, dependants: Set<WeakRef> | null,
     * pruneAt, foreign } for AbortSignal.any() and the signals it depends on. */
    #links = null;

    static {
      sig = {
        is: (s) => isObject(s) && #aborted in s,
        create: () => new AbortSignal(kCreate),
        abort(s, reason) {
          if (s.#aborted) return;
          s.#aborted = true;
          s.#reason = reason;
          persistent.delete(s);
          const event = new Event('abort');
          ev.setFlags(event, ev.flags(event) | TRUSTED);
          dispatch(s, event);
          const links = s.#links;
          if (links === null) return;
          const dependants = links.dependants;
          links.dependants = null;
          links.sources = null;
          if (dependants === null) return;
          for (const ref of dependants) {
            const d = ref.deref();
            if (d !== undefined) sig.abort(d, reason);
          }
        },
        listenersChanged(s, added) {
          const links = s.#links;
          if (links === null || !links.composite || s.#aborted) return;
          if (added && ((links.sources !== null && links.sources.size > 0) || links.foreign)) persistent.add(s);
          else if (!added) persistent.delete(s);
        },
        /** `result` aborts when `source` (one of ours, not composite) does. */
        link(result, source) {
          const rl = result.#links;
          if (rl.sources === null) rl.sources = new Set();
          if (rl.sources.has(source)) return;
          rl.sources.add(source);
          let sl = source.#links;
          if (sl === null) sl = source.#links = { composite: false, sources: null, dependants: null, pruneAt: 16, foreign: false };
          if (sl.dependants === null) sl.dependants = new Set();
          const deps = sl.dependants;
          if (deps.size >= sl.pruneAt) {
            for (const ref of deps) if (ref.deref() === undefined) deps.delete(ref);
            sl.pruneAt = Math.max(16, deps.size * 2);
          }
          deps.add(weak(result));
        },
        links: (s) => s.#links,
        setLinks: (s, l) => { s.#links = l; },
        aborted: (s) => s.#aborted,
        reason: (s) => s.#reason,
      };
    }

    constructor(token = undefined) {
      if (token !== kCreate) throw coded(TypeError, 'ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor');
      super();
    }

    get aborted() {
      if (!sig.is(this)) throw invalidThis('AbortSignal');
      return this.#aborted;
    }

    get reason() {
      if (!sig.is(this)) throw invalidThis('AbortSignal');
      return this.#reason;
    }

    throwIfAborted() {
      if (!sig.is(this)) throw invalidThis('AbortSignal');
      if (this.#aborted) throw this.#reason;
    }

    static abort(reason = abortError()) {
      const s = sig.create();
      s.#aborted = true;
      s.#reason = reason;
      return s;
    }

    static timeout(delay) {
      if (typeof delay !== 'number') throw invalidArgType('delay', 'of type number', delay);
      if (!Number.isInteger(delay)) {
        throw coded(RangeError, 'ERR_OUT_OF_RANGE', `The value of "delay" is out of range. It must be an integer. Received ${delay}`);
      }
      if (delay < 0 || delay > 4294967295) {
        throw coded(RangeError, 'ERR_OUT_OF_RANGE', `The value of "delay" is out of range. It must be >= 0 && <= 4294967295. Received ${Math.abs(delay) > 2 ** 32 ? String(delay).replace(/\B(?=(\d{3})+$)/g, '_') : delay}`);
      }
      const s = sig.create();
      setTimeout(() => sig.abort(s, new DOMException('The operation was aborted due to timeout', 'TimeoutError')), delay);
      return s;
    }

    static any(signals) {
      if (!Array.isArray(signals)) throw invalidArgType('signals', 'an instance of Array', signals);
      for (let i = 0; i < signals.length; i++) {
        const s = signals[i];
        if (!sig.is(s) && !(typeof NativeAbortSignal === 'function' && s instanceof NativeAbortSignal)) {
          throw invalidArgType(`signals[${i}]`, 'an instance of AbortSignal', s);
        }
      }
      const result = sig.create();
      result.#links = { composite: true, sources: null, dependants: null, pruneAt: 16, foreign: false };
      for (let i = 0; i < signals.length; i++) {
        const s = signals[i];
        if (!sig.is(s)) {
          // llrt's native signal (a WritableStreamDefaultController's): its own listener.
          if (s.aborted) {
            sig.abort(result, s.reason);
            return result;
          }
          result.#links.foreign = true;
          s.addEventListener('abort', () => sig.abort(result, s.reason), { once: true });
          continue;
        }
        if (s.#aborted) {
          sig.abort(result, s.#reason);
          return result;
        }
        const links = s.#links;
        if (links === null || !links.composite) {
          sig.link(result, s);
        } else if (links.foreign) {
          // A composite that also follows native signals: follow it rather than its sources.
          sig.link(result, s);
        } else if (links.sources !== null) {
          for (const source of links.sources) sig.link(result, source);
        }
      }
      return result;
    }

    [kInspect](depth, options, inspect) {
      if (!sig.is(this)) throw invalidThis('AbortSignal');
      return inspectAs('AbortSignal', { aborted: this.#aborted }, depth, options, inspect);
    }
  }
  defineEventHandler(AbortSignal.prototype, 'abort');

  // ------------------------------------------------------------------ AbortController
  class AbortController {
    #signal = null;

    get signal() {
      const s = this.#signal;
      return s === null ? (this.#signal = sig.create()) : s;
    }

    abort(reason = abortError()) {
      let s = this.#signal;
      if (s === null) s = this.#signal = sig.create();
      sig.abort(s, reason);
    }

    [kInspect](depth, options, inspect) {
      return inspectAs('AbortController', { signal: this.signal }, depth, options, inspect);
    }
  }

  // ------------------------------------------------------------------ shapes
  // Prototype members enumerable and a toStringTag, as Node's (WebIDL) classes have them.
  const shape = (C, name, members) => {
    const proto = C.prototype;
    for (const key of members) {
      const d = Object.getOwnPropertyDescriptor(proto, key);
      d.enumerable = true;
      Object.defineProperty(proto, key, d);
    }
    Object.defineProperty(proto, Symbol.toStringTag, { value: name, writable: false, enumerable: false, configurable: true });
  };
  shape(Event, 'Event', ['initEvent', 'stopImmediatePropagation', 'preventDefault', 'target', 'currentTarget', 'srcElement', 'type', 'cancelable', 'defaultPrevented', 'timeStamp', 'composedPath', 'returnValue', 'bubbles', 'composed', 'eventPhase', 'cancelBubble', 'stopPropagation', 'isTrusted']);
  Object.defineProperty(Event.prototype, 'isTrusted', { configurable: false });
  for (const [name, value] of [['NONE', 0], ['CAPTURING_PHASE', 1], ['AT_TARGET', 2], ['BUBBLING_PHASE', 3]]) {
    Object.defineProperty(Event, name, { value, writable: false, enumerable: true, configurable: false });
  }
  shape(CustomEvent, 'CustomEvent', ['detail']);
  shape(EventTarget, 'EventTarget', ['addEventListener', 'removeEventListener', 'dispatchEvent']);
  shape(AbortSignal, 'AbortSignal', ['aborted', 'reason']);
  shape(AbortController, 'AbortController', ['signal', 'abort']);

  const define = (name, value) =>
    Object.defineProperty(globalThis, name, { value, writable: true, configurable: true, enumerable: false });
  define('Event', Event);
  define('CustomEvent', CustomEvent);
  define('EventTarget', EventTarget);
  define('AbortController', AbortController);
  define('AbortSignal', AbortSignal);

  /** For our other files: abort a signal, list a target's listeners, define `on<type>`. */
  internal.events = {
    abortSignal: (signal, reason) => sig.abort(signal, reason),
    listeners: (target, type) => (et.is(target) ? et.listeners(target, `${type}`) : []),
    defineEventHandler,
    isTrusted: (event) => ev.is(event) && (ev.flags(event) & TRUSTED) !== 0,
  };

  // ------------------------------------------------------------------ llrt's pipes
  // llrt's ReadableStream.prototype.pipeTo/pipeThrough take only its native AbortSignal: a
  // signal of ours is bridged to a native controller aborted with the same reason.
  // (Not on JavaScriptCore, whose streams are ours and load on first use: js/jsc/02_lazy.js.)
  const llrt = (internal.config && internal.config.engine) !== 'jsc';
  const NativeRS = llrt ? globalThis.ReadableStream : undefined;
  const NativeWS = llrt ? globalThis.WritableStream : undefined;
  const rsProto = typeof NativeRS === 'function' ? NativeRS.prototype : undefined;
  if (rsProto !== undefined && typeof NativeAbortController === 'function' && typeof rsProto.pipeTo === 'function') {
    const nativePipeTo = rsProto.pipeTo;
    const nativePipeThrough = rsProto.pipeThrough;
    /** The options with `signal` replaced by a native one, and the unlink function. */
    const bridge = (options, signal) => {
      const opts = {
        preventAbort: options.preventAbort,
        preventCancel: options.preventCancel,
        preventClose: options.preventClose,
        signal: undefined,
      };
      const nc = new NativeAbortController();
      opts.signal = nc.signal;
      if (sig.aborted(signal)) {
        nc.abort(sig.reason(signal));
        return [opts, () => {}];
      }
      const rec = { listener: () => nc.abort(sig.reason(signal)), capture: false, once: true, passive: false, removed: false, resist: true, signal: undefined, onAbort: undefined };
      et.addRecord(signal, 'abort', rec);
      return [opts, () => et.removeRecord(signal, 'abort', rec)];
    };
    const ourSignal = (options) => {
      if (!isObject(options)) return undefined;
      const signal = options.signal;
      return sig.is(signal) ? signal : undefined;
    };
    const pipeTo = {
      pipeTo(destination, options = undefined) {
        const signal = ourSignal(options);
        if (signal === undefined) return Reflect.apply(nativePipeTo, this, arguments);
        const [opts, unlink] = bridge(options, signal);
        let p;
        try {
          p = nativePipeTo.call(this, destination, opts);
        } catch (e) {
          unlink();
          throw e;
        }
        if (isObject(p) && typeof p.then === 'function') p.then(unlink, unlink);
        else unlink();
        return p;
      },
    }.pipeTo;
    const enumerable = (key) => !!(Object.getOwnPropertyDescriptor(rsProto, key) || {}).enumerable;
    Object.defineProperty(rsProto, 'pipeTo', { value: pipeTo, writable: true, enumerable: enumerable('pipeTo'), configurable: true });
    if (typeof nativePipeThrough === 'function') {
      const pipeThrough = {
        pipeThrough(transform, options = undefined) {
          const signal = ourSignal(options);
          if (signal === undefined) return Reflect.apply(nativePipeThrough, this, arguments);
          const readable = isObject(transform) ? transform.readable : undefined;
          const writable = isObject(transform) ? transform.writable : undefined;
          if (!(this instanceof NativeRS) || !(readable instanceof NativeRS) || typeof NativeWS !== 'function' || !(writable instanceof NativeWS) || this.locked || writable.locked) {
            // Invalid: llrt's own checks throw (the bridge stays until the signal aborts).
            const [opts] = bridge(options, signal);
            return nativePipeThrough.call(this, transform, opts);
          }
          // What the standard's pipeThrough does: pipe to the writable side, return the readable.
          const p = pipeTo.call(this, writable, options);
          if (isObject(p) && typeof p.then === 'function') p.then(undefined, () => {});
          return readable;
        },
      }.pipeThrough;
      Object.defineProperty(rsProto, 'pipeThrough', { value: pipeThrough, writable: true, enumerable: enumerable('pipeThrough'), configurable: true });
    }
  }
})();
