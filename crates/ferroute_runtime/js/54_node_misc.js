// The small Node built-ins: querystring, os, tty, worker_threads (in-process MessageChannel,
// MessagePort, BroadcastChannel), diagnostics_channel, v8, punycode, readline, constants,
// and the modules that load but whose functions throw ERR_FERROUTE_UNSUPPORTED when called
// (child_process, vm, cluster, dgram, http2, inspector, repl, wasi, trace_events, domain).
(() => {
  'use strict';
  const internal = globalThis[Symbol.for('ferroute.internal')];
  const builtin = internal.builtin;
  const modules = internal.modules;
  const hasOwn = (o, k) => Object.prototype.hasOwnProperty.call(o, k);

  const { coded: codedError, invalidArgType } = internal.nodeErrors;
  const argType = (name, type, value) => invalidArgType(name, `of type ${type}`, value);

  // ------------------------------------------------------------------ unsupported helpers
  function unsupportedError(what, why) {
    return codedError(Error, 'ERR_FERROUTE_UNSUPPORTED', `${what} is not available in ferroute: ${why} (see docs/compat.md)`);
  }
  /** `names` of module `mod` as functions (or, when capitalised, classes) that throw when used. */
  function unsupported(mod, names, why, target = {}) {
    for (const name of names) {
      target[name] = /^[A-Z]/.test(name)
        ? { [name]: class { constructor() { throw unsupportedError(`new ${mod}.${name}()`, why); } } }[name]
        : { [name]() { throw unsupportedError(`${mod}.${name}()`, why); } }[name];
    }
    return target;
  }

  // ------------------------------------------------------------------ querystring
  const qsUnescapeBuffer = (s, decodeSpaces) => {
    const out = [];
    const bytes = new TextEncoder().encode(String(s));
    const hex = (c) => (c >= 48 && c <= 57 ? c - 48 : c >= 65 && c <= 70 ? c - 55 : c >= 97 && c <= 102 ? c - 87 : -1);
    for (let i = 0; i < bytes.length; i++) {
      const c = bytes[i];
      if (c === 43 && decodeSpaces) out.push(32);
      else if (c === 37 && i + 2 < bytes.length + 0 && hex(bytes[i + 1]) >= 0 && hex(bytes[i + 2]) >= 0) {
        out.push(hex(bytes[i + 1]) * 16 + hex(bytes[i + 2]));
        i += 2;
      } else out.push(c);
    }
    const u8 = Uint8Array.from(out);
    return globalThis.Buffer ? globalThis.Buffer.from(u8.buffer, 0, u8.length) : u8;
  };
  function qsUnescape(s, decodeSpaces) {
    try {
      return decodeURIComponent(s);
    } catch {
      return new TextDecoder().decode(qsUnescapeBuffer(s, decodeSpaces));
    }
  }
  function qsEscape(str) {
    if (typeof str !== 'string') str = typeof str === 'object' ? String(str) : `${str}`;
    try {
      return encodeURIComponent(str); // keeps A-Z a-z 0-9 - _ . ! ~ * ' ( ), as Node does
    } catch {
      throw codedError(URIError, 'ERR_INVALID_URI', 'URI malformed');
    }
  }
  const qsPrimitive = (v) => (typeof v === 'string' ? v
    : typeof v === 'number' ? (Number.isFinite(v) ? `${v}` : '')
    : typeof v === 'bigint' || typeof v === 'boolean' ? `${v}` : '');

  const querystring = {
    unescapeBuffer: qsUnescapeBuffer,
    unescape: qsUnescape,
    escape: qsEscape,
    stringify(obj, sep, eq, options) {
      sep = sep || '&';
      eq = eq || '=';
      const encode = options && typeof options.encodeURIComponent === 'function' ? options.encodeURIComponent : querystring.escape;
      if (obj === null || typeof obj !== 'object') return '';
      const parts = [];
      for (const k of Object.keys(obj)) {
        const v = obj[k];
        const ks = encode(qsPrimitive(k)) + eq;
        if (Array.isArray(v)) for (const item of v) parts.push(ks + encode(qsPrimitive(item)));
        else parts.push(ks + encode(qsPrimitive(v)));
      }
      return parts.join(sep);
    },
    parse(qs, sep, eq, options) {
      const result = Object.create(null);
      if (typeof qs !== 'string' || qs.length === 0) return result;
      sep = sep ? String(sep) : '&';
      eq = eq ? String(eq) : '=';
      let maxKeys = 1000;
      if (options && typeof options.maxKeys === 'number') maxKeys = options.maxKeys;
      const custom = options && typeof options.decodeURIComponent === 'function' ? options.decodeURIComponent : null;
      const decode = (s) => {
        s = s.replace(/\+/g, ' ');
        if (!custom) return qsUnescape(s, true);
        try {
          return custom(s);
        } catch {
          return querystring.unescape(s, true);
        }
      };
      let pairs = qs.split(sep);
      if (maxKeys > 0) pairs = pairs.slice(0, maxKeys);
      for (const pair of pairs) {
        if (pair.length === 0) continue;
        const i = pair.indexOf(eq);
        const key = decode(i === -1 ? pair : pair.slice(0, i));
        const value = i === -1 ? '' : decode(pair.slice(i + eq.length));
        if (!hasOwn(result, key)) result[key] = value;
        else if (Array.isArray(result[key])) result[key].push(value);
        else result[key] = [result[key], value];
      }
      return result;
    },
  };
  querystring.encode = querystring.stringify;
  querystring.decode = querystring.parse;
  modules['node:querystring'] = querystring;

  // ------------------------------------------------------------------ os
  const signals = {
    SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGILL: 4, SIGTRAP: 5, SIGABRT: 6, SIGIOT: 6, SIGBUS: 7, SIGFPE: 8, SIGKILL: 9,
    SIGUSR1: 10, SIGSEGV: 11, SIGUSR2: 12, SIGPIPE: 13, SIGALRM: 14, SIGTERM: 15, SIGCHLD: 17, SIGSTKFLT: 16, SIGCONT: 18,
    SIGSTOP: 19, SIGTSTP: 20, SIGTTIN: 21, SIGTTOU: 22, SIGURG: 23, SIGXCPU: 24, SIGXFSZ: 25, SIGVTALRM: 26, SIGPROF: 27,
    SIGWINCH: 28, SIGIO: 29, SIGPOLL: 29, SIGPWR: 30, SIGSYS: 31,
  };
  const errno = {
    E2BIG: 7, EACCES: 13, EADDRINUSE: 98, EADDRNOTAVAIL: 99, EAFNOSUPPORT: 97, EAGAIN: 11, EALREADY: 114, EBADF: 9,
    EBADMSG: 74, EBUSY: 16, ECANCELED: 125, ECHILD: 10, ECONNABORTED: 103, ECONNREFUSED: 111, ECONNRESET: 104,
    EDEADLK: 35, EDESTADDRREQ: 89, EDOM: 33, EDQUOT: 122, EEXIST: 17, EFAULT: 14, EFBIG: 27, EHOSTUNREACH: 113,
    EIDRM: 43, EILSEQ: 84, EINPROGRESS: 115, EINTR: 4, EINVAL: 22, EIO: 5, EISCONN: 106, EISDIR: 21, ELOOP: 40,
    EMFILE: 24, EMLINK: 31, EMSGSIZE: 90, EMULTIHOP: 72, ENAMETOOLONG: 36, ENETDOWN: 100, ENETRESET: 102,
    ENETUNREACH: 101, ENFILE: 23, ENOBUFS: 105, ENODATA: 61, ENODEV: 19, ENOENT: 2, ENOEXEC: 8, ENOLCK: 37,
    ENOLINK: 67, ENOMEM: 12, ENOMSG: 42, ENOPROTOOPT: 92, ENOSPC: 28, ENOSR: 63, ENOSTR: 60, ENOSYS: 38, ENOTCONN: 107,
    ENOTDIR: 20, ENOTEMPTY: 39, ENOTSOCK: 88, ENOTSUP: 95, ENOTTY: 25, ENXIO: 6, EOPNOTSUPP: 95, EOVERFLOW: 75,
    EPERM: 1, EPIPE: 32, EPROTO: 71, EPROTONOSUPPORT: 93, EPROTOTYPE: 91, ERANGE: 34, EROFS: 30, ESPIPE: 29, ESRCH: 3,
    ESTALE: 116, ETIME: 62, ETIMEDOUT: 110, ETXTBSY: 26, EWOULDBLOCK: 11, EXDEV: 18,
  };
  const priority = { PRIORITY_LOW: 19, PRIORITY_BELOW_NORMAL: 10, PRIORITY_NORMAL: 0, PRIORITY_ABOVE_NORMAL: -7, PRIORITY_HIGH: -14, PRIORITY_HIGHEST: -20 };
  const dlopen = { RTLD_LAZY: 1, RTLD_NOW: 2, RTLD_GLOBAL: 256, RTLD_LOCAL: 0, RTLD_DEEPBIND: 8 };
  const osConstants = Object.freeze({
    UV_UDP_REUSEADDR: 4,
    dlopen: Object.freeze(dlopen),
    errno: Object.freeze(errno),
    signals: Object.freeze(signals),
    priority: Object.freeze(priority),
  });

  /** Fresh facts about the machine from the engine, or plausible defaults outside it. */
  function osInfo() {
    const native = internal.native;
    if (native && typeof native.osInfo === 'function') return native.osInfo();
    const env = (globalThis.process && process.env) || {};
    return {
      hostname: 'localhost', type: 'Linux', release: '', version: '', arch: (globalThis.process && process.arch) || 'x64',
      platform: (globalThis.process && process.platform) || 'linux', machine: 'x86_64', endianness: 'LE',
      totalmem: 1073741824, freemem: 536870912, uptime: 0, loadavg: [0, 0, 0],
      cpus: [{ model: 'unknown', speed: 0, times: { user: 0, nice: 0, sys: 0, idle: 0, irq: 0 } }],
      homedir: env.HOME || '/', tmpdir: env.TMPDIR || '/tmp', username: env.USER || 'nobody', uid: -1, gid: -1,
      shell: env.SHELL || null, networkInterfaces: {},
    };
  }
  const infoField = (name) => ({ [name]() { return osInfo()[name]; } }[name]);
  const os = {
    EOL: '\n',
    devNull: '/dev/null',
    constants: osConstants,
    arch: infoField('arch'),
    platform: infoField('platform'),
    type: infoField('type'),
    release: infoField('release'),
    version: infoField('version'),
    machine: infoField('machine'),
    hostname: infoField('hostname'),
    homedir: infoField('homedir'),
    tmpdir: infoField('tmpdir'),
    totalmem: infoField('totalmem'),
    freemem: infoField('freemem'),
    uptime: infoField('uptime'),
    endianness: infoField('endianness'),
    loadavg: () => osInfo().loadavg.slice(),
    cpus: () => osInfo().cpus,
    availableParallelism: () => Math.max(1, osInfo().cpus.length),
    networkInterfaces: () => osInfo().networkInterfaces,
    userInfo(options) {
      const i = osInfo();
      const info = { uid: i.uid, gid: i.gid, username: i.username, homedir: i.homedir, shell: i.shell };
      if (options && options.encoding === 'buffer' && globalThis.Buffer) {
        for (const k of ['username', 'homedir', 'shell']) if (typeof info[k] === 'string') info[k] = globalThis.Buffer.from(info[k]);
      }
      return info;
    },
    getPriority() {
      return 0; // the server runs at normal priority
    },
  };
  unsupported('os', ['setPriority'], 'route handlers cannot change process priorities', os);
  modules['node:os'] = os;

  // ------------------------------------------------------------------ constants
  const fsConstants = {
    UV_FS_SYMLINK_DIR: 1, UV_FS_SYMLINK_JUNCTION: 2, O_RDONLY: 0, O_WRONLY: 1, O_RDWR: 2, UV_DIRENT_UNKNOWN: 0,
    UV_DIRENT_FILE: 1, UV_DIRENT_DIR: 2, UV_DIRENT_LINK: 3, UV_DIRENT_FIFO: 4, UV_DIRENT_SOCKET: 5, UV_DIRENT_CHAR: 6,
    UV_DIRENT_BLOCK: 7, S_IFMT: 61440, S_IFREG: 32768, S_IFDIR: 16384, S_IFCHR: 8192, S_IFBLK: 24576, S_IFIFO: 4096,
    S_IFLNK: 40960, S_IFSOCK: 49152, O_CREAT: 64, O_EXCL: 128, UV_FS_O_FILEMAP: 0, O_NOCTTY: 256, O_TRUNC: 512,
    O_APPEND: 1024, O_DIRECTORY: 65536, O_NOATIME: 262144, O_NOFOLLOW: 131072, O_SYNC: 1052672, O_DSYNC: 4096,
    O_DIRECT: 16384, O_NONBLOCK: 2048, S_IRWXU: 448, S_IRUSR: 256, S_IWUSR: 128, S_IXUSR: 64, S_IRWXG: 56, S_IRGRP: 32,
    S_IWGRP: 16, S_IXGRP: 8, S_IRWXO: 7, S_IROTH: 4, S_IWOTH: 2, S_IXOTH: 1, F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1,
    UV_FS_COPYFILE_EXCL: 1, COPYFILE_EXCL: 1, UV_FS_COPYFILE_FICLONE: 2, COPYFILE_FICLONE: 2,
    UV_FS_COPYFILE_FICLONE_FORCE: 4, COPYFILE_FICLONE_FORCE: 4,
  };
  modules['node:constants'] = Object.assign({}, dlopen, errno, priority, signals, fsConstants);

  // ------------------------------------------------------------------ tty
  // A server has no terminal: no descriptor is a TTY, and no TTY stream can be made.
  modules['node:tty'] = unsupported('tty', ['ReadStream', 'WriteStream'], 'the server has no terminal', {
    isatty: () => false,
  });

  // ------------------------------------------------------------------ worker_threads
  /** structuredClone, refusing what the structured clone algorithm cannot copy (the
   * engine's clone passes functions and symbols through). */
  function cloneMessage(message) {
    const t = typeof message;
    if (t === 'function' || t === 'symbol') {
      throw new DOMException(`${t === 'function' ? String(message).slice(0, 40) : String(message)} could not be cloned.`, 'DataCloneError');
    }
    return structuredClone(message);
  }

  // Same-thread message passing: messages are structuredClone'd when posted and delivered
  // as MessageEvents in a later macrotask, in order.
  const later = (fn) => (typeof globalThis.setImmediate === 'function' ? globalThis.setImmediate(fn) : setTimeout(fn, 0));

  // The engine's own MessageEvent if it has one (read without triggering 06_node_globals.js's
  // lazy getter, which would load this file again).
  const engineMessageEvent = Object.getOwnPropertyDescriptor(globalThis, 'MessageEvent');
  const MessageEventImpl = engineMessageEvent && typeof engineMessageEvent.value === 'function' ? engineMessageEvent.value : class MessageEvent extends Event {
    #data;
    #ports;
    constructor(type, init = {}) {
      super(type, init);
      this.#data = init.data === undefined ? null : init.data;
      this.#ports = Object.freeze(Array.isArray(init.ports) ? init.ports.slice() : []);
      this.origin = init.origin === undefined ? '' : String(init.origin);
      this.lastEventId = init.lastEventId === undefined ? '' : String(init.lastEventId);
      this.source = init.source === undefined ? null : init.source;
    }
    get data() { return this.#data; }
    get ports() { return this.#ports; }
  };

  /** EventTarget plus the EventEmitter-style on/once/off Node's ports have ('message'
   * listeners given the data, not the event). Adding a 'message' listener starts the port. */
  class NodeStyleTarget extends EventTarget {
    #wrappers = new Map();
    on(type, listener, once = false) {
      const wrapper = (e) => listener.call(this, e instanceof MessageEventImpl ? e.data : e);
      let list = this.#wrappers.get(listener);
      if (!list) this.#wrappers.set(listener, (list = []));
      list.push({ type, wrapper });
      this.addEventListener(type, wrapper, { once });
      return this;
    }
    once(type, listener) { return this.on(type, listener, true); }
    off(type, listener) {
      const list = this.#wrappers.get(listener) || [];
      const i = list.findIndex((w) => w.type === type);
      if (i !== -1) {
        this.removeEventListener(type, list[i].wrapper);
        list.splice(i, 1);
      }
      return this;
    }
    addListener(type, listener) { return this.on(type, listener); }
    removeListener(type, listener) { return this.off(type, listener); }
    removeAllListeners(type) {
      for (const [listener, list] of this.#wrappers) for (const w of list.slice()) if (type === undefined || w.type === type) this.off(w.type, listener);
      return this;
    }
    emit(type, value) {
      return this.dispatchEvent(type === 'message' ? new MessageEventImpl('message', { data: value }) : new Event(type));
    }
    ref() { return this; }
    unref() { return this; }
    hasRef() { return false; }
  }

  const kPort = Symbol('ferroute.messagePort');
  class MessagePort extends NodeStyleTarget {
    #peer = null;
    #queue = [];
    #started = false;
    #closed = false;
    #scheduled = false;
    constructor(token) {
      if (token !== kPort) throw new TypeError('Illegal constructor');
      super();
    }
    static [kPort](a, b) {
      a.#peer = b;
      b.#peer = a;
    }
    postMessage(message, transfer) {
      if (arguments.length === 0) throw new TypeError('Failed to execute \'postMessage\' on \'MessagePort\': 1 argument required, but only 0 present.');
      void transfer; // nothing crosses a thread, so there is nothing to transfer
      const data = cloneMessage(message);
      const peer = this.#peer;
      if (this.#closed || peer === null || peer.#closed) return;
      peer.#queue.push(data);
      peer.#schedule();
    }
    start() {
      if (this.#closed || this.#started) return;
      this.#started = true;
      this.#schedule();
    }
    close() {
      if (this.#closed) return;
      const peer = this.#peer;
      this.#closed = true;
      this.#peer = null;
      later(() => this.dispatchEvent(new Event('close')));
      if (peer !== null) peer.close();
    }
    #schedule() {
      if (!this.#started || this.#scheduled || this.#queue.length === 0) return;
      this.#scheduled = true;
      later(() => {
        this.#scheduled = false;
        while (this.#queue.length > 0 && this.#started && !this.#closed) {
          this.dispatchEvent(new MessageEventImpl('message', { data: this.#queue.shift() }));
        }
      });
    }
    static receive(port) {
      return port instanceof MessagePort && port.#queue.length > 0 ? { message: port.#queue.shift() } : undefined;
    }
    addEventListener(type, listener, options) {
      super.addEventListener(type, listener, options);
      if (type === 'message') this.start();
    }
    get [Symbol.toStringTag]() { return 'MessagePort'; }
  }
  const linkPorts = MessagePort[kPort];
  delete MessagePort[kPort];
  const receiveMessage = MessagePort.receive;
  delete MessagePort.receive;

  class MessageChannel {
    #port1;
    #port2;
    constructor() {
      this.#port1 = new MessagePort(kPort);
      this.#port2 = new MessagePort(kPort);
      linkPorts(this.#port1, this.#port2);
    }
    get port1() { return this.#port1; }
    get port2() { return this.#port2; }
    get [Symbol.toStringTag]() { return 'MessageChannel'; }
  }

  // Open channels by name; a channel stays registered until close(), as in Node.
  const broadcastRegistry = new Map();
  class BroadcastChannel extends NodeStyleTarget {
    #name;
    #closed = false;
    constructor(name) {
      if (arguments.length === 0) throw internal.nodeErrors.missingArgs('name');
      super();
      this.#name = `${name}`;
      let set = broadcastRegistry.get(this.#name);
      if (!set) broadcastRegistry.set(this.#name, (set = new Set()));
      set.add(this);
    }
    get name() { return this.#name; }
    postMessage(message) {
      if (this.#closed) throw new DOMException('BroadcastChannel is closed.', 'InvalidStateError');
      const receivers = [...(broadcastRegistry.get(this.#name) || [])].filter((c) => c !== this);
      if (receivers.length === 0) return;
      const data = cloneMessage(message);
      later(() => {
        for (const c of receivers) {
          if (!c.#closed) c.dispatchEvent(new MessageEventImpl('message', { data: structuredClone(data) }));
        }
      });
    }
    close() {
      if (this.#closed) return;
      this.#closed = true;
      const set = broadcastRegistry.get(this.#name);
      if (set) {
        set.delete(this);
        if (set.size === 0) broadcastRegistry.delete(this.#name);
      }
    }
    get [Symbol.toStringTag]() { return 'BroadcastChannel'; }
  }

  // onmessage, onmessageerror: the shared EventTarget's handler attributes; setting
  // a port's onmessage starts it, as adding a 'message' listener does.
  for (const C of [MessagePort, BroadcastChannel]) {
    for (const name of ['message', 'messageerror']) internal.events.defineEventHandler(C.prototype, name);
  }
  const onmessage = Object.getOwnPropertyDescriptor(MessagePort.prototype, 'onmessage');
  Object.defineProperty(MessagePort.prototype, 'onmessage', {
    ...onmessage,
    set: {
      'set onmessage'(fn) {
        onmessage.set.call(this, fn);
        if (typeof fn === 'function') this.start();
      },
    }['set onmessage'],
  });

  const environmentData = new Map();
  const workerThreads = {
    isMainThread: true,
    parentPort: null,
    workerData: null,
    threadId: 0,
    resourceLimits: {},
    SHARE_ENV: Symbol.for('nodejs.worker_threads.SHARE_ENV'),
    MessageChannel,
    MessagePort,
    BroadcastChannel,
    receiveMessageOnPort: (port) => receiveMessage(port),
    markAsUntransferable() {},
    isMarkedAsUntransferable: () => false,
    getEnvironmentData: (key) => environmentData.get(key),
    setEnvironmentData(key, value) {
      if (value === undefined) environmentData.delete(key);
      else environmentData.set(key, value);
    },
  };
  unsupported('worker_threads', ['Worker', 'moveMessagePortToContext'], 'route handlers cannot start threads', workerThreads);
  internal.MessageEvent = MessageEventImpl;
  modules['node:worker_threads'] = workerThreads;

  // ------------------------------------------------------------------ diagnostics_channel
  const reportError = (e) => {
    if (typeof internal.reportError === 'function') internal.reportError(e);
    else setTimeout(() => { throw e; }, 0);
  };

  class Channel {
    #subscribers = [];
    #stores = new Map();
    constructor(name) {
      this.name = name;
    }
    get hasSubscribers() {
      return this.#subscribers.length > 0 || this.#stores.size > 0;
    }
    subscribe(onMessage) {
      if (typeof onMessage !== 'function') throw argType('subscription', 'function', onMessage);
      this.#subscribers = [...this.#subscribers, onMessage];
    }
    unsubscribe(onMessage) {
      const i = this.#subscribers.indexOf(onMessage);
      if (i === -1) return false;
      this.#subscribers = this.#subscribers.filter((_, j) => j !== i);
      return true;
    }
    publish(message) {
      for (const fn of this.#subscribers) {
        try {
          fn(message, this.name);
        } catch (e) {
          reportError(e);
        }
      }
    }
    bindStore(store, transform) {
      this.#stores.set(store, transform);
    }
    unbindStore(store) {
      return this.#stores.delete(store);
    }
    runStores(data, fn, thisArg, ...args) {
      const run = () => {
        this.publish(data);
        return Reflect.apply(fn, thisArg, args);
      };
      let next = run;
      for (const [store, transform] of this.#stores) {
        const inner = next;
        next = () => {
          let value = data;
          if (typeof transform === 'function') {
            try {
              value = transform(data);
            } catch (e) {
              reportError(e);
              return inner();
            }
          }
          return store.run(value, inner);
        };
      }
      return next();
    }
  }

  const channels = new Map();
  function channel(name) {
    if (typeof name !== 'string' && typeof name !== 'symbol') throw argType('channel', 'string or symbol', name);
    let c = channels.get(name);
    if (!c) channels.set(name, (c = new Channel(name)));
    return c;
  }

  const traceEvents = ['start', 'end', 'asyncStart', 'asyncEnd', 'error'];
  class TracingChannel {
    constructor(nameOrChannels) {
      for (const ev of traceEvents) {
        this[ev] = typeof nameOrChannels === 'string' ? channel(`tracing:${nameOrChannels}:${ev}`) : nameOrChannels[ev];
        if (!(this[ev] instanceof Channel)) throw argType(`nameOrChannels.${ev}`, 'Channel', this[ev]);
      }
    }
    get hasSubscribers() {
      return traceEvents.some((ev) => this[ev].hasSubscribers);
    }
    subscribe(handlers) {
      for (const ev of traceEvents) if (handlers[ev]) this[ev].subscribe(handlers[ev]);
    }
    unsubscribe(handlers) {
      let done = true;
      for (const ev of traceEvents) if (handlers[ev] && !this[ev].unsubscribe(handlers[ev])) done = false;
      return done;
    }
    traceSync(fn, context = {}, thisArg, ...args) {
      if (!this.hasSubscribers) return Reflect.apply(fn, thisArg, args);
      const { start, end, error } = this;
      return start.runStores(context, () => {
        try {
          const result = Reflect.apply(fn, thisArg, args);
          context.result = result;
          return result;
        } catch (err) {
          context.error = err;
          error.publish(context);
          throw err;
        } finally {
          end.publish(context);
        }
      });
    }
    tracePromise(fn, context = {}, thisArg, ...args) {
      if (!this.hasSubscribers) return Reflect.apply(fn, thisArg, args);
      const { start, end, asyncStart, asyncEnd, error } = this;
      return start.runStores(context, () => {
        try {
          const promise = Promise.resolve(Reflect.apply(fn, thisArg, args));
          return promise.then((result) => {
            context.result = result;
            asyncStart.publish(context);
            asyncEnd.publish(context);
            return result;
          }, (err) => {
            context.error = err;
            error.publish(context);
            asyncStart.publish(context);
            asyncEnd.publish(context);
            throw err;
          });
        } catch (err) {
          context.error = err;
          error.publish(context);
          throw err;
        } finally {
          end.publish(context);
        }
      });
    }
    traceCallback(fn, position = -1, context = {}, thisArg, ...args) {
      if (!this.hasSubscribers) return Reflect.apply(fn, thisArg, args);
      const { start, end, asyncStart, asyncEnd, error } = this;
      const index = position < 0 ? args.length + position : position;
      const callback = args[index];
      if (typeof callback !== 'function') throw argType('callback', 'function', callback);
      args[index] = function wrappedCallback(err, res) {
        if (err) {
          context.error = err;
          error.publish(context);
        } else context.result = res;
        return asyncStart.runStores(context, () => {
          try {
            return Reflect.apply(callback, this, arguments);
          } finally {
            asyncEnd.publish(context);
          }
        });
      };
      return start.runStores(context, () => {
        try {
          return Reflect.apply(fn, thisArg, args);
        } catch (err) {
          context.error = err;
          error.publish(context);
          throw err;
        } finally {
          end.publish(context);
        }
      });
    }
  }

  modules['node:diagnostics_channel'] = {
    channel,
    hasSubscribers: (name) => channels.has(name) && channels.get(name).hasSubscribers,
    subscribe: (name, fn) => channel(name).subscribe(fn),
    unsubscribe: (name, fn) => (channels.has(name) ? channels.get(name).unsubscribe(fn) : false),
    tracingChannel: (nameOrChannels) => new TracingChannel(nameOrChannels),
    Channel,
  };

  // ------------------------------------------------------------------ v8
  function heapStatistics() {
    // This worker's engine heap, and its limit (--max-memory-mb).
    const [, total, used, heapLimit, external = 0] = internal.native.memoryUsage ? internal.native.memoryUsage() : [0, 0, 0, 0];
    const limit = heapLimit || 4345298944;
    return {
      total_heap_size: total,
      // V8-only figures have no QuickJS counterpart: 0.
      total_heap_size_executable: 0,
      total_physical_size: total,
      total_available_size: Math.max(0, limit - used),
      used_heap_size: used,
      heap_size_limit: limit,
      malloced_memory: total,
      peak_malloced_memory: total,
      does_zap_garbage: 0,
      number_of_native_contexts: 1,
      number_of_detached_contexts: 0,
      total_global_handles_size: 0,
      used_global_handles_size: 0,
      external_memory: external,
    };
  }
  const v8NoWhy = 'the engine is QuickJS, not V8';
  modules['node:v8'] = unsupported('v8', ['serialize', 'deserialize', 'Serializer', 'Deserializer', 'DefaultSerializer', 'DefaultDeserializer',
    'writeHeapSnapshot', 'getHeapSnapshot', 'takeCoverage', 'stopCoverage'], v8NoWhy, {
    getHeapStatistics: heapStatistics,
    getHeapSpaceStatistics: () => [],
    getHeapCodeStatistics: () => ({ code_and_metadata_size: 0, bytecode_and_metadata_size: 0, external_script_source_size: 0, cpu_profiler_metadata_size: 0 }),
    cachedDataVersionTag: () => 0,
    setFlagsFromString() {},
    setHeapSnapshotNearHeapLimit() {},
    startupSnapshot: { isBuildingSnapshot: () => false, addSerializeCallback() {}, addDeserializeCallback() {}, setDeserializeMainFunction() {} },
  });

  // ------------------------------------------------------------------ punycode (RFC 3492)
  const BASE = 36;
  const T_MIN = 1;
  const T_MAX = 26;
  const SKEW = 38;
  const DAMP = 700;
  const INITIAL_BIAS = 72;
  const INITIAL_N = 128;
  const MAX_INT = 0x7fffffff;
  const punyError = (kind) => new RangeError({
    overflow: 'Overflow: input needs wider integers to process',
    'not-basic': 'Illegal input >= 0x80 (not a basic code point)',
    'invalid-input': 'Invalid input',
  }[kind]);
  const threshold = (k, bias) => (k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias);
  const digitChar = (d) => String.fromCharCode(d < 26 ? 97 + d : 22 + d); // a-z, then 0-9
  const charDigit = (c) => (c >= 48 && c <= 57 ? c - 22 : c >= 65 && c <= 90 ? c - 65 : c >= 97 && c <= 122 ? c - 97 : BASE);
  function adapt(delta, points, first) {
    delta = first ? Math.floor(delta / DAMP) : delta >> 1;
    delta += Math.floor(delta / points);
    let k = 0;
    for (; delta > ((BASE - T_MIN) * T_MAX) >> 1; k += BASE) delta = Math.floor(delta / (BASE - T_MIN));
    return Math.floor(k + ((BASE - T_MIN + 1) * delta) / (delta + SKEW));
  }
  const ucs2decode = (s) => Array.from(String(s), (c) => c.codePointAt(0));
  const ucs2encode = (points) => String.fromCodePoint(...points);

  function punyEncode(input) {
    const points = ucs2decode(input);
    let out = '';
    for (const c of points) if (c < 0x80) out += String.fromCharCode(c);
    const basic = out.length;
    let handled = basic;
    if (basic > 0) out += '-';
    let n = INITIAL_N;
    let delta = 0;
    let bias = INITIAL_BIAS;
    while (handled < points.length) {
      let m = MAX_INT;
      for (const c of points) if (c >= n && c < m) m = c;
      if (m - n > Math.floor((MAX_INT - delta) / (handled + 1))) throw punyError('overflow');
      delta += (m - n) * (handled + 1);
      n = m;
      for (const c of points) {
        if (c < n && ++delta > MAX_INT) throw punyError('overflow');
        if (c !== n) continue;
        let q = delta;
        for (let k = BASE; ; k += BASE) {
          const t = threshold(k, bias);
          if (q < t) break;
          out += digitChar(t + ((q - t) % (BASE - t)));
          q = Math.floor((q - t) / (BASE - t));
        }
        out += digitChar(q);
        bias = adapt(delta, handled + 1, handled === basic);
        delta = 0;
        handled++;
      }
      delta++;
      n++;
    }
    return out;
  }

  function punyDecode(input) {
    input = String(input);
    const output = [];
    let basic = input.lastIndexOf('-');
    if (basic < 0) basic = 0;
    for (let j = 0; j < basic; j++) {
      if (input.charCodeAt(j) >= 0x80) throw punyError('not-basic');
      output.push(input.charCodeAt(j));
    }
    let i = 0;
    let n = INITIAL_N;
    let bias = INITIAL_BIAS;
    for (let index = basic > 0 ? basic + 1 : 0; index < input.length;) {
      const oldi = i;
      for (let w = 1, k = BASE; ; k += BASE) {
        if (index >= input.length) throw punyError('invalid-input');
        const digit = charDigit(input.charCodeAt(index++));
        if (digit >= BASE) throw punyError('invalid-input');
        if (digit > Math.floor((MAX_INT - i) / w)) throw punyError('overflow');
        i += digit * w;
        const t = threshold(k, bias);
        if (digit < t) break;
        if (w > Math.floor(MAX_INT / (BASE - t))) throw punyError('overflow');
        w *= BASE - t;
      }
      const size = output.length + 1;
      bias = adapt(i - oldi, size, oldi === 0);
      if (Math.floor(i / size) > MAX_INT - n) throw punyError('overflow');
      n += Math.floor(i / size);
      i %= size;
      output.splice(i++, 0, n);
    }
    return String.fromCodePoint(...output);
  }

  /** Applies `fn` to each label of a domain (the part after '@' for an e-mail address). */
  function mapDomain(domain, fn) {
    const at = domain.split('@');
    let head = '';
    if (at.length > 1) {
      head = `${at[0]}@`;
      domain = at[1];
    }
    return head + domain.replace(/[\u3002\uFF0E\uFF61]/g, '.').split('.').map(fn).join('.');
  }
  modules['node:punycode'] = {
    version: '2.1.0',
    ucs2: { decode: ucs2decode, encode: ucs2encode },
    encode: punyEncode,
    decode: punyDecode,
    toASCII: (domain) => mapDomain(String(domain), (l) => (/[^\0-\x7F]/.test(l) ? `xn--${punyEncode(l)}` : l)),
    toUnicode: (domain) => mapDomain(String(domain), (l) => (/^xn--/i.test(l) ? punyDecode(l.slice(4).toLowerCase()) : l)),
  };

  // ------------------------------------------------------------------ readline
  /** UTF-8 bytes to text, holding back a character split across chunks. */
  function utf8Splitter() {
    let rest = null;
    const decoder = new TextDecoder();
    return (chunk) => {
      if (typeof chunk === 'string') return chunk;
      let bytes = chunk instanceof Uint8Array ? chunk : new Uint8Array(chunk.buffer || chunk, chunk.byteOffset || 0, chunk.byteLength);
      if (rest !== null) {
        const joined = new Uint8Array(rest.length + bytes.length);
        joined.set(rest);
        joined.set(bytes, rest.length);
        bytes = joined;
        rest = null;
      }
      let cut = bytes.length;
      for (let back = 1; back <= 3 && back <= bytes.length; back++) {
        const b = bytes[bytes.length - back];
        if ((b & 0xc0) === 0x80) continue; // continuation byte
        const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
        if (need > back) cut = bytes.length - back;
        break;
      }
      if (cut < bytes.length) rest = bytes.slice(cut);
      return decoder.decode(bytes.subarray(0, cut));
    };
  }

  function readlineModule() {
    const { EventEmitter } = builtin('events');
    class Interface extends EventEmitter {
      constructor(input, output, completer, terminal) {
        super();
        const opts = input && typeof input.on === 'function' && !('input' in input) ? { input, output, completer, terminal } : input || {};
        this.input = opts.input;
        this.output = opts.output;
        this.terminal = Boolean(opts.terminal);
        this.line = '';
        this.cursor = 0;
        this.closed = false;
        this.crlfDelay = opts.crlfDelay === undefined ? 100 : Math.max(100, opts.crlfDelay);
        this._prompt = opts.prompt === undefined ? '> ' : String(opts.prompt);
        this._questions = [];
        this._paused = false;
        const split = utf8Splitter();
        let buffer = '';
        let lastWasCR = false;
        this._onData = (chunk) => {
          buffer += split(chunk);
          // Lines end at \n, \r or \r\n (a \r\n split across chunks is one end).
          if (lastWasCR && buffer[0] === '\n') buffer = buffer.slice(1);
          lastWasCR = false;
          let m;
          const re = /\r\n|\n|\r/g;
          let start = 0;
          const lines = [];
          while ((m = re.exec(buffer)) !== null) {
            if (m[0] === '\r' && m.index === buffer.length - 1) lastWasCR = true;
            lines.push(buffer.slice(start, m.index));
            start = re.lastIndex;
          }
          buffer = buffer.slice(start);
          for (const line of lines) {
            if (this.closed) break;
            this._line(line);
          }
        };
        this._onEnd = () => {
          if (buffer.length > 0) this._line(buffer);
          buffer = '';
          this.close();
        };
        if (this.input && typeof this.input.on === 'function') {
          this.input.on('data', this._onData);
          this.input.on('end', this._onEnd);
          if (typeof this.input.resume === 'function') this.input.resume();
        }
        if (opts.signal) {
          if (opts.signal.aborted) queueMicrotask(() => this.close());
          else opts.signal.addEventListener('abort', () => this.close(), { once: true });
        }
      }
      _line(line) {
        const q = this._questions.shift();
        if (q) q(line);
        else this.emit('line', line);
      }
      getPrompt() { return this._prompt; }
      setPrompt(p) { this._prompt = String(p); }
      prompt() {
        if (this.closed) throw codedError(Error, 'ERR_USE_AFTER_CLOSE', 'readline was closed');
        if (this.output && typeof this.output.write === 'function') this.output.write(this._prompt);
        this.resume();
      }
      question(query, options, cb) {
        if (typeof options === 'function') cb = options;
        if (this.closed) throw codedError(Error, 'ERR_USE_AFTER_CLOSE', 'readline was closed');
        if (this.output && typeof this.output.write === 'function') this.output.write(String(query));
        this._questions.push(cb);
        this.resume();
      }
      write(data) {
        if (this.closed) throw codedError(Error, 'ERR_USE_AFTER_CLOSE', 'readline was closed');
        if (typeof data === 'string' && this._onData) this._onData(data);
      }
      pause() {
        if (this._paused || this.closed) return this;
        this._paused = true;
        if (this.input && typeof this.input.pause === 'function') this.input.pause();
        this.emit('pause');
        return this;
      }
      resume() {
        if (!this._paused || this.closed) return this;
        this._paused = false;
        if (this.input && typeof this.input.resume === 'function') this.input.resume();
        this.emit('resume');
        return this;
      }
      close() {
        if (this.closed) return;
        this.closed = true;
        if (this.input && typeof this.input.removeListener === 'function') {
          this.input.removeListener('data', this._onData);
          this.input.removeListener('end', this._onEnd);
        }
        this.emit('close');
      }
      getCursorPos() { return { rows: 0, cols: this.cursor }; }
      [Symbol.asyncIterator]() {
        const queue = [];
        const waiting = [];
        let done = this.closed;
        const onLine = (line) => (waiting.length ? waiting.shift()({ value: line, done: false }) : queue.push(line));
        const onClose = () => {
          done = true;
          for (const w of waiting.splice(0)) w({ value: undefined, done: true });
        };
        this.on('line', onLine);
        this.once('close', onClose);
        const stop = () => {
          this.removeListener('line', onLine);
          this.removeListener('close', onClose);
          this.close();
          return Promise.resolve({ value: undefined, done: true });
        };
        return {
          next: () => {
            if (queue.length) return Promise.resolve({ value: queue.shift(), done: false });
            if (done) return Promise.resolve({ value: undefined, done: true });
            return new Promise((resolve) => waiting.push(resolve));
          },
          return: stop,
          [Symbol.asyncIterator]() { return this; },
        };
      }
    }

    class PromisesInterface extends Interface {
      question(query, options = {}) {
        return new Promise((resolve, reject) => {
          const signal = options && options.signal;
          if (signal && signal.aborted) {
            reject(new DOMException('The operation was aborted', 'AbortError'));
            return;
          }
          super.question(query, resolve);
        });
      }
    }

    const write = (stream, text, cb) => {
      if (stream && typeof stream.write === 'function') return stream.write(text, cb);
      if (typeof cb === 'function') queueMicrotask(cb);
      return true;
    };
    const cursorTo = (stream, x, y, cb) => {
      if (typeof y === 'function') [cb, y] = [y, undefined];
      return write(stream, typeof y === 'number' ? `\u001b[${y + 1};${x + 1}H` : `\u001b[${x + 1}G`, cb);
    };
    const moveCursor = (stream, dx, dy, cb) => {
      let s = '';
      if (dx < 0) s += `\u001b[${-dx}D`;
      else if (dx > 0) s += `\u001b[${dx}C`;
      if (dy < 0) s += `\u001b[${-dy}A`;
      else if (dy > 0) s += `\u001b[${dy}B`;
      return write(stream, s, cb);
    };
    const clearLine = (stream, dir, cb) => write(stream, dir < 0 ? '\u001b[1K' : dir > 0 ? '\u001b[0K' : '\u001b[2K', cb);
    const clearScreenDown = (stream, cb) => write(stream, '\u001b[0J', cb);

    return {
      Interface,
      createInterface: (...args) => new Interface(...args),
      cursorTo,
      moveCursor,
      clearLine,
      clearScreenDown,
      emitKeypressEvents() {},
      promises: {
        Interface: PromisesInterface,
        createInterface: (...args) => new PromisesInterface(...args),
        Readline: unsupported('readline', ['Readline'], 'the server has no terminal').Readline,
      },
    };
  }
  let readline;
  Object.defineProperty(modules, 'node:readline', {
    get: () => readline || (readline = readlineModule()),
    set(v) { readline = v; },
    enumerable: true,
    configurable: true,
  });
  Object.defineProperty(modules, 'node:readline/promises', {
    get: () => modules['node:readline'].promises,
    enumerable: true,
    configurable: true,
  });

  // ------------------------------------------------------------------ refused modules
  const noProcess = 'route handlers cannot start processes';
  modules['node:child_process'] = unsupported('child_process',
    ['exec', 'execSync', 'spawn', 'spawnSync', 'fork', 'execFile', 'execFileSync', 'ChildProcess'], noProcess);

  const vm = unsupported('vm', ['Script', 'createContext', 'runInNewContext', 'runInThisContext', 'runInContext',
    'compileFunction', 'measureMemory', 'createScript', 'SourceTextModule', 'SyntheticModule', 'Module'],
  'route handlers cannot compile code in new contexts');
  vm.isContext = () => false; // no context other than the handler's own can exist
  vm.constants = Object.freeze({ USE_MAIN_CONTEXT_DEFAULT_LOADER: Symbol('vm_dynamic_import_main_context_default'), DONT_CONTEXTIFY: Symbol('vm_context_no_contextify') });
  modules['node:vm'] = vm;

  let cluster;
  Object.defineProperty(modules, 'node:cluster', {
    get() {
      if (cluster) return cluster;
      const { EventEmitter } = builtin('events');
      cluster = new EventEmitter();
      Object.assign(cluster, { isPrimary: true, isMaster: true, isWorker: false, workers: {}, settings: {}, SCHED_NONE: 1, SCHED_RR: 2, schedulingPolicy: 2 });
      unsupported('cluster', ['fork', 'setupPrimary', 'setupMaster', 'disconnect', 'Worker'], noProcess, cluster);
      return cluster;
    },
    set(v) { cluster = v; },
    enumerable: true,
    configurable: true,
  });

  const noSockets = 'route handlers cannot open sockets; use fetch()';
  modules['node:dgram'] = unsupported('dgram', ['createSocket', 'Socket'], noSockets);

  // http2: the constants are real (packages read them at load time); the rest throws.
  const http2Constants = {
    NGHTTP2_ERR_FRAME_SIZE_ERROR: -522, NGHTTP2_SESSION_SERVER: 0, NGHTTP2_SESSION_CLIENT: 1,
    NGHTTP2_STREAM_STATE_IDLE: 1, NGHTTP2_STREAM_STATE_OPEN: 2, NGHTTP2_STREAM_STATE_RESERVED_LOCAL: 3,
    NGHTTP2_STREAM_STATE_RESERVED_REMOTE: 4, NGHTTP2_STREAM_STATE_HALF_CLOSED_LOCAL: 5,
    NGHTTP2_STREAM_STATE_HALF_CLOSED_REMOTE: 6, NGHTTP2_STREAM_STATE_CLOSED: 7, NGHTTP2_FLAG_NONE: 0,
    NGHTTP2_FLAG_END_STREAM: 1, NGHTTP2_FLAG_END_HEADERS: 4, NGHTTP2_FLAG_ACK: 1, NGHTTP2_FLAG_PADDED: 8,
    NGHTTP2_FLAG_PRIORITY: 32, DEFAULT_SETTINGS_HEADER_TABLE_SIZE: 4096, DEFAULT_SETTINGS_ENABLE_PUSH: 1,
    DEFAULT_SETTINGS_MAX_CONCURRENT_STREAMS: 4294967295, DEFAULT_SETTINGS_INITIAL_WINDOW_SIZE: 65535,
    DEFAULT_SETTINGS_MAX_FRAME_SIZE: 16384, DEFAULT_SETTINGS_MAX_HEADER_LIST_SIZE: 65535,
    DEFAULT_SETTINGS_ENABLE_CONNECT_PROTOCOL: 0, MAX_MAX_FRAME_SIZE: 16777215, MIN_MAX_FRAME_SIZE: 16384,
    MAX_INITIAL_WINDOW_SIZE: 2147483647, NGHTTP2_SETTINGS_HEADER_TABLE_SIZE: 1, NGHTTP2_SETTINGS_ENABLE_PUSH: 2,
    NGHTTP2_SETTINGS_MAX_CONCURRENT_STREAMS: 3, NGHTTP2_SETTINGS_INITIAL_WINDOW_SIZE: 4,
    NGHTTP2_SETTINGS_MAX_FRAME_SIZE: 5, NGHTTP2_SETTINGS_MAX_HEADER_LIST_SIZE: 6,
    NGHTTP2_SETTINGS_ENABLE_CONNECT_PROTOCOL: 8, PADDING_STRATEGY_NONE: 0, PADDING_STRATEGY_ALIGNED: 1,
    PADDING_STRATEGY_MAX: 2, PADDING_STRATEGY_CALLBACK: 1, NGHTTP2_NO_ERROR: 0, NGHTTP2_PROTOCOL_ERROR: 1,
    NGHTTP2_INTERNAL_ERROR: 2, NGHTTP2_FLOW_CONTROL_ERROR: 3, NGHTTP2_SETTINGS_TIMEOUT: 4, NGHTTP2_STREAM_CLOSED: 5,
    NGHTTP2_FRAME_SIZE_ERROR: 6, NGHTTP2_REFUSED_STREAM: 7, NGHTTP2_CANCEL: 8, NGHTTP2_COMPRESSION_ERROR: 9,
    NGHTTP2_CONNECT_ERROR: 10, NGHTTP2_ENHANCE_YOUR_CALM: 11, NGHTTP2_INADEQUATE_SECURITY: 12,
    NGHTTP2_HTTP_1_1_REQUIRED: 13, NGHTTP2_DEFAULT_WEIGHT: 16,
  };
  for (const h of ['status', 'method', 'authority', 'scheme', 'path', 'protocol']) http2Constants[`HTTP2_HEADER_${h.toUpperCase()}`] = `:${h}`;
  for (const h of ['accept-encoding', 'accept-language', 'accept-ranges', 'accept', 'access-control-allow-credentials',
    'access-control-allow-headers', 'access-control-allow-methods', 'access-control-allow-origin',
    'access-control-expose-headers', 'access-control-request-headers', 'access-control-request-method', 'age',
    'authorization', 'cache-control', 'connection', 'content-disposition', 'content-encoding', 'content-length',
    'content-type', 'cookie', 'date', 'etag', 'forwarded', 'host', 'if-modified-since', 'if-none-match', 'if-range',
    'last-modified', 'link', 'location', 'range', 'referer', 'server', 'set-cookie', 'strict-transport-security',
    'transfer-encoding', 'te', 'upgrade-insecure-requests', 'upgrade', 'user-agent', 'vary', 'x-content-type-options',
    'x-frame-options', 'keep-alive', 'proxy-connection', 'x-xss-protection', 'alt-svc', 'content-security-policy',
    'early-data', 'expect-ct', 'origin', 'purpose', 'timing-allow-origin', 'x-forwarded-for', 'accept-charset',
    'access-control-max-age', 'allow', 'content-language', 'content-location', 'content-md5', 'content-range', 'dnt',
    'expect', 'expires', 'from', 'if-match', 'if-unmodified-since', 'max-forwards', 'prefer', 'priority',
    'proxy-authenticate', 'proxy-authorization', 'refresh', 'retry-after', 'trailer', 'tk', 'via', 'warning',
    'www-authenticate', 'http2-settings']) {
    http2Constants[`HTTP2_HEADER_${h.toUpperCase().replace(/-/g, '_')}`] = h;
  }
  for (const m of ['ACL', 'BASELINE-CONTROL', 'BIND', 'CHECKIN', 'CHECKOUT', 'CONNECT', 'COPY', 'DELETE', 'GET', 'HEAD',
    'LABEL', 'LINK', 'LOCK', 'MERGE', 'MKACTIVITY', 'MKCALENDAR', 'MKCOL', 'MKREDIRECTREF', 'MKWORKSPACE', 'MOVE',
    'OPTIONS', 'ORDERPATCH', 'PATCH', 'POST', 'PRI', 'PROPFIND', 'PROPPATCH', 'PUT', 'REBIND', 'REPORT', 'SEARCH',
    'TRACE', 'UNBIND', 'UNCHECKOUT', 'UNLINK', 'UNLOCK', 'UPDATE', 'UPDATEREDIRECTREF', 'VERSION-CONTROL']) {
    http2Constants[`HTTP2_METHOD_${m.replace(/-/g, '_')}`] = m;
  }
  const statusNames = {
    100: 'CONTINUE', 101: 'SWITCHING_PROTOCOLS', 102: 'PROCESSING', 103: 'EARLY_HINTS', 200: 'OK', 201: 'CREATED',
    202: 'ACCEPTED', 203: 'NON_AUTHORITATIVE_INFORMATION', 204: 'NO_CONTENT', 205: 'RESET_CONTENT', 206: 'PARTIAL_CONTENT',
    207: 'MULTI_STATUS', 208: 'ALREADY_REPORTED', 226: 'IM_USED', 300: 'MULTIPLE_CHOICES', 301: 'MOVED_PERMANENTLY',
    302: 'FOUND', 303: 'SEE_OTHER', 304: 'NOT_MODIFIED', 305: 'USE_PROXY', 307: 'TEMPORARY_REDIRECT',
    308: 'PERMANENT_REDIRECT', 400: 'BAD_REQUEST', 401: 'UNAUTHORIZED', 402: 'PAYMENT_REQUIRED', 403: 'FORBIDDEN',
    404: 'NOT_FOUND', 405: 'METHOD_NOT_ALLOWED', 406: 'NOT_ACCEPTABLE', 407: 'PROXY_AUTHENTICATION_REQUIRED',
    408: 'REQUEST_TIMEOUT', 409: 'CONFLICT', 410: 'GONE', 411: 'LENGTH_REQUIRED', 412: 'PRECONDITION_FAILED',
    413: 'PAYLOAD_TOO_LARGE', 414: 'URI_TOO_LONG', 415: 'UNSUPPORTED_MEDIA_TYPE', 416: 'RANGE_NOT_SATISFIABLE',
    417: 'EXPECTATION_FAILED', 418: 'TEAPOT', 421: 'MISDIRECTED_REQUEST', 422: 'UNPROCESSABLE_ENTITY', 423: 'LOCKED',
    424: 'FAILED_DEPENDENCY', 425: 'TOO_EARLY', 426: 'UPGRADE_REQUIRED', 428: 'PRECONDITION_REQUIRED',
    429: 'TOO_MANY_REQUESTS', 431: 'REQUEST_HEADER_FIELDS_TOO_LARGE', 451: 'UNAVAILABLE_FOR_LEGAL_REASONS',
    500: 'INTERNAL_SERVER_ERROR', 501: 'NOT_IMPLEMENTED', 502: 'BAD_GATEWAY', 503: 'SERVICE_UNAVAILABLE',
    504: 'GATEWAY_TIMEOUT', 505: 'HTTP_VERSION_NOT_SUPPORTED', 506: 'VARIANT_ALSO_NEGOTIATES', 507: 'INSUFFICIENT_STORAGE',
    508: 'LOOP_DETECTED', 509: 'BANDWIDTH_LIMIT_EXCEEDED', 510: 'NOT_EXTENDED', 511: 'NETWORK_AUTHENTICATION_REQUIRED',
  };
  for (const [code, name] of Object.entries(statusNames)) http2Constants[`HTTP_STATUS_${name}`] = Number(code);
  modules['node:http2'] = unsupported('http2', ['connect', 'createServer', 'createSecureServer', 'getDefaultSettings',
    'getPackedSettings', 'getUnpackedSettings', 'performServerHandshake', 'Http2ServerRequest', 'Http2ServerResponse'],
  'HTTP/2 sessions are not implemented; use fetch()', {
    constants: http2Constants,
    sensitiveHeaders: Symbol('nodejs.http2.sensitiveHeaders'),
  });

  const noDebugger = 'the engine has no inspector';
  modules['node:inspector'] = unsupported('inspector', ['open', 'close', 'waitForDebugger', 'Session'], noDebugger, {
    url: () => undefined, // no inspector is active
    console: globalThis.console,
  });
  modules['node:repl'] = unsupported('repl', ['start', 'REPLServer', 'Recoverable'], 'the server has no terminal', {
    REPL_MODE_SLOPPY: Symbol('repl-sloppy'),
    REPL_MODE_STRICT: Symbol('repl-strict'),
    builtinModules: (internal.builtinNames || []).filter((n) => !n.startsWith('_')),
  });
  modules['node:wasi'] = unsupported('wasi', ['WASI'], 'WebAssembly system interfaces are not available');
  modules['node:trace_events'] = unsupported('trace_events', ['createTracing'], 'the engine has no trace event recorder', {
    getEnabledCategories: () => undefined, // none are enabled
  });
  modules['node:domain'] = unsupported('domain', ['create', 'createDomain', 'Domain'], 'domains are deprecated and not implemented; use AsyncLocalStorage', {
    active: null,
  });
})();
