// Shared internals for our JavaScript: the hidden `internal` object (created by the engine
// with `native`, `config`, `modules` and `dotenv`), the fast-construction token, error
// formatting, process.env, and the request-scope slot.
(() => {
  'use strict';
  const internal = globalThis[Symbol.for('ferroute.internal')];
  const native = internal.native;

  /** Passed as the first argument to Request/Response constructors to build them from
   * trusted internal state without re-validating (the per-request fast path). */
  internal.FAST_INIT = Symbol('ferroute.fastInit');

  /** Imports one of the project's modules by absolute path (a route, the middleware,
   * next.config): the engine's `import()` on QuickJS; JavaScriptCore's module registry
   * (js/jsc/00_modules.js) sets its own first. */
  if (typeof internal.importFile !== 'function') internal.importFile = (file) => import(file);

  /** `Error: message` plus the stack, for logs. */
  internal.formatError = (e) => {
    if (e instanceof Error) {
      const head = `${e.name || 'Error'}: ${e.message}`;
      const stack = typeof e.stack === 'string' ? e.stack.trimEnd() : '';
      let out = stack ? `${head}\n${stack}` : head;
      if (e.cause !== undefined) out += `\n  [cause]: ${internal.formatError(e.cause)}`;
      return out;
    }
    try {
      return typeof e === 'string' ? e : JSON.stringify(e) ?? String(e);
    } catch {
      return String(e);
    }
  };

  // Node's errors, as every built-in module throws them: a `code`, a toString() that prints
  // `TypeError [ERR_X]: message`, and Node's wording for the common codes.
  function codedToString() {
    return `${this.name} [${this.code}]: ${this.message}`;
  }
  function coded(Ctor, code, message, props) {
    const e = new Ctor(message);
    e.code = code;
    if (props) Object.assign(e, props);
    Object.defineProperty(e, 'toString', { value: codedToString, writable: true, configurable: true, enumerable: false });
    return e;
  }
  /** What Node's ERR_INVALID_ARG_TYPE says it received: `null`, `function f`, `an instance
   * of X`, or `type string ('abc')` (strings cut at 25 characters). */
  function received(value) {
    if (value === null || value === undefined) return String(value);
    switch (typeof value) {
      case 'function':
        return `function ${value.name}`;
      case 'object': {
        const ctor = value.constructor;
        return ctor && typeof ctor.name === 'string' && ctor.name !== ''
          ? `an instance of ${ctor.name}`
          : Object.prototype.toString.call(value);
      }
      case 'string': {
        const s = value.length > 28 ? `${value.slice(0, 25)}...` : value;
        return `type string (${s.includes("'") ? JSON.stringify(s) : `'${s}'`})`;
      }
      case 'bigint':
        return `type bigint (${value}n)`;
      case 'number':
        return `type number (${Object.is(value, -0) ? '-0' : value})`;
      default:
        return `type ${typeof value} (${String(value)})`;
    }
  }
  /** Bytes as a string of one character each (latin1, Node's 'binary'), in chunks that keep
   * `fromCharCode`'s argument list short. */
  internal.latin1 = (bytes) => {
    let s = '';
    for (let i = 0; i < bytes.length; i += 8192) s += String.fromCharCode.apply(null, bytes.subarray(i, i + 8192));
    return s;
  };

  /** The bytes of a textual IPv4 or IPv6 address (4 or 16), or undefined: X509Certificate's
   * `checkIP` (53b_node_x509.js) and `tls.checkServerIdentity` (57_node_net.js). */
  const ipBytes = (text) => {
    const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
    if (v4 !== null) {
      const b = v4.slice(1).map(Number);
      return b.every((n) => n <= 255) ? Uint8Array.from(b) : undefined;
    }
    if (!text.includes(':')) return undefined;
    let head = text;
    let tail = '';
    const gap = text.indexOf('::');
    if (gap !== -1) {
      if (text.indexOf('::', gap + 1) !== -1) return undefined;
      head = text.slice(0, gap);
      tail = text.slice(gap + 2);
    }
    const groups = (s) => (s === '' ? [] : s.split(':'));
    const h = groups(head);
    const t = groups(tail);
    // An IPv4 tail (::ffff:1.2.3.4) is two groups.
    const last = t.length !== 0 ? t : h;
    if (last.length !== 0 && last[last.length - 1].includes('.')) {
      const v4b = ipBytes(last[last.length - 1]);
      if (v4b === undefined) return undefined;
      last.splice(last.length - 1, 1, ((v4b[0] << 8) | v4b[1]).toString(16), ((v4b[2] << 8) | v4b[3]).toString(16));
    }
    if (gap === -1 ? h.length !== 8 : h.length + t.length > 7) return undefined;
    const all = gap === -1 ? h : [...h, ...new Array(8 - h.length - t.length).fill('0'), ...t];
    const out = new Uint8Array(16);
    for (let i = 0; i < 8; i++) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(all[i])) return undefined;
      const n = parseInt(all[i], 16);
      out[2 * i] = n >> 8;
      out[2 * i + 1] = n & 0xff;
    }
    return out;
  };
  internal.ipBytes = ipBytes;

  internal.nodeErrors = {
    coded,
    received,
    invalidArgType: (name, expected, value) =>
      coded(TypeError, 'ERR_INVALID_ARG_TYPE', `The "${name}" ${name.includes('.') ? 'property' : 'argument'} must be ${expected}. Received ${received(value)}`),
    missingArgs: (...names) =>
      coded(TypeError, 'ERR_MISSING_ARGS', names.length === 1
        ? `The "${names[0]}" argument must be specified`
        : `The "${names[0]}" and "${names[1]}" arguments must be specified`),
    outOfRange: (name, range, value) =>
      coded(RangeError, 'ERR_OUT_OF_RANGE', `The value of "${name}" is out of range. It must be ${range}. Received ${String(value)}`),
  };

  // `ferroute dev`: Next's warning for a request API used without `await` (params,
  // cookies(), headers()), printed as Next prints it: the error with the user's frames (ours
  // are left out, as Next's own are), every time the code runs.
  const PLATFORM_FRAME = /^\s*at .*\(?\d\d[a-z]?_\w+\.js\b|\(native\)$/;
  internal.warnSyncAccess = (route, expression, consequence) => {
    const e = new Error(`${route ? `Route "${route}" ` : 'This route '}used ${expression}. ${consequence}Learn more: https://nextjs.org/docs/messages/sync-dynamic-apis`);
    const stack = typeof e.stack === 'string' ? e.stack : '';
    const frames = stack.split('\n').filter((line) => line !== '' && !PLATFORM_FRAME.test(line));
    native.logError(`Error: ${e.message}${frames.length ? `\n${frames.join('\n')}` : ''}`);
  };

  /** Logs an uncaught error from user code (a timer callback, a microtask, ...). */
  internal.reportError = (e) => native.logError(`⨯ ${internal.formatError(e)}`);

  // process.env: values from .env files (the real environment wins; the engine passes only
  // the names it does not set), and what Next.js sets for route handlers.
  const env = globalThis.process && globalThis.process.env;
  if (env) {
    const dotenv = internal.dotenv || [];
    for (let i = 0; i + 1 < dotenv.length; i += 2) env[dotenv[i]] = dotenv[i + 1];
    if (env.NODE_ENV === undefined) env.NODE_ENV = internal.config.dev ? 'development' : 'production';
    env.NEXT_RUNTIME = 'nodejs';
  }

  // Async context: the frame current while JavaScript runs. A frame is a null-prototype
  // object whose symbol keys are the stores of AsyncLocalStorage instances; the request
  // scope is one of them. `02_async_context.js` carries the frame across awaits, promise
  // reactions, timers and microtasks, so that every continuation sees the frame that was
  // current when it was scheduled.
  //
  // A request's frames also carry its memory tag (alloc.rs): entering one writes the tag to
  // `internal.owner`, a Uint32Array over the word the engine's allocator reads, so that what
  // the code allocates is charged to its request. Frames without a tag leave it as it is.
  let frame;
  const kRequest = Symbol('ferroute.requestScope');
  const kOwner = Symbol('ferroute.memoryOwner');
  const owner = internal.owner || new Uint32Array(1);
  internal.context = {
    current: () => frame,
    /** Makes `f` current; returns the previous frame for `enter(prev)` afterwards. */
    enter(f) {
      const prev = frame;
      frame = f;
      if (f !== undefined) {
        const tag = f[kOwner];
        if (tag !== undefined) owner[0] = tag;
      }
      return prev;
    },
    /** A frame that is `parent` plus `key: value`. */
    fork(parent, key, value) {
      const f = Object.create(parent === undefined ? null : parent);
      f[key] = value;
      return f;
    },
  };

  internal.scope = {
    current: () => (frame === undefined ? undefined : frame[kRequest]),
    /** Makes a new frame with `scope` as the request scope (and `tag` as its memory tag)
     * current; returns the previous frame for `internal.context.enter(prev)`. */
    enterNew(scope, tag) {
      const prev = frame;
      frame = internal.context.fork(prev, kRequest, scope);
      if (tag) {
        frame[kOwner] = tag;
        owner[0] = tag;
      }
      return prev;
    },
    /** Runs `fn` with `scope` as the request scope (and the current frame as parent). */
    run(scope, fn, thisArg, ...args) {
      const prev = frame;
      frame = internal.context.fork(prev, kRequest, scope);
      try {
        return fn.apply(thisArg, args);
      } finally {
        frame = prev;
      }
    },
  };
})();
