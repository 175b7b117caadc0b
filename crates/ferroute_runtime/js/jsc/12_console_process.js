// 12_console_process.js — `console`, `performance` (+ PerformanceEntry/Mark/Measure),
// `navigator` and `process`, for the JSC engine (on QuickJS they come from llrt), shaped as
// Node 20 has them.
//
// Sits on 10_dom_exception.js (DOMException, structuredClone) and on natives:
// `log(text)` / `logError(text)` (one line to stdout / stderr), `hrtime() → [seconds,
// nanoseconds]` (monotonic), `envPairs() → [k, v, k, v, …]`, `processInfo() → { pid, ppid,
// platform, arch, cwd, argv, execArgv?, execPath?, uptime? }`, and when present
// `memoryUsage(rssOnly) → [rss, heapTotal, heapUsed, limit, external]` and `exit(code)`.
//
// console formats as Node's util.format. The formatter is `internal.formatWithOptions` when
// set, else util.formatWithOptions from `internal.builtin('util')` (52_node_util.js, Node's
// inspect) once 04_builtins.js has defined `internal.builtin`; before that, a compact inspect
// here (Node's output for the common values, without Node's column grouping of long arrays).
// 04_builtins.js still adds process.stdout/stderr/stdin, `browser` and `setImmediate`; it
// finds `node:console`, `node:process` and `node:perf_hooks` in `internal.platformModules`.
// Also read: `internal.config.cpus` (navigator.hardwareConcurrency), `internal.config.root`
// (process.cwd()), `internal.dotenv` (over the real environment), `internal.version`.
(() => {
  'use strict';
  const internal = globalThis[Symbol.for('ferroute.internal')];
  const native = internal.native;
  const config = internal.config || {};

  /** The Node.js release whose behaviour we match (the same as 04_builtins.js). */
  const NODE_VERSION = '20.20.2';

  const define = (target, name, value, enumerable = false) =>
    Object.defineProperty(target, name, { value, writable: true, enumerable, configurable: true });

  // ------------------------------------------------------------------ compact inspect
  const IDENT_RE = /^[A-Za-z_][A-Za-z_0-9]*$/;
  const objectToString = Object.prototype.toString;
  const TypedArray = Object.getPrototypeOf(Uint8Array);
  const typedArrayName = Object.getOwnPropertyDescriptor(TypedArray.prototype, Symbol.toStringTag).get;
  const kCustom = Symbol.for('nodejs.util.inspect.custom');
  const kLlrtCustom = Symbol.for('llrt.inspect.custom');

  function quote(s) {
    const q = !s.includes("'") ? "'" : !s.includes('"') ? '"' : !s.includes('`') && !s.includes('${') ? '`' : "'";
    let out = '';
    for (let i = 0; i < s.length; i++) {
      const c = s[i];
      const code = s.charCodeAt(i);
      if (c === q || c === '\\') out += `\\${c}`;
      else if (c === '\n') out += '\\n';
      else if (c === '\t') out += '\\t';
      else if (c === '\r') out += '\\r';
      else if (c === '\b') out += '\\b';
      else if (c === '\f') out += '\\f';
      else if (c === '\v') out += '\\v';
      else if (code < 0x20 || code === 0x7f) out += `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`;
      else out += c;
    }
    return `${q}${out}${q}`;
  }

  const formatNumber = (n) => (Object.is(n, -0) ? '-0' : `${n}`);

  function formatPrimitive(v) {
    switch (typeof v) {
      case 'string': return quote(v);
      case 'number': return formatNumber(v);
      case 'bigint': return `${v}n`;
      case 'symbol': return v.toString();
      default: return String(v);
    }
  }

  function functionBase(fn) {
    let source = '';
    try {
      source = Function.prototype.toString.call(fn);
    } catch {
      // a revoked proxy or similar
    }
    const name = typeof fn.name === 'string' ? fn.name : '';
    if (source.startsWith('class') && /^class\b/.test(source)) {
      const proto = Object.getPrototypeOf(fn);
      const ext = proto && proto !== Function.prototype && proto.name ? ` extends ${proto.name}` : '';
      return `[class ${name || '(anonymous)'}${ext}]`;
    }
    const tag = fn[Symbol.toStringTag];
    const kind = typeof tag === 'string' && /Function$/.test(tag) ? tag : 'Function';
    return name ? `[${kind}: ${name}]` : `[${kind} (anonymous)]`;
  }

  function constructorName(obj) {
    let proto = obj;
    while (proto !== null) {
      const desc = Object.getOwnPropertyDescriptor(proto, 'constructor');
      if (desc && typeof desc.value === 'function' && desc.value.name !== '') return desc.value.name;
      proto = Object.getPrototypeOf(proto);
    }
    return null;
  }

  function errorText(err) {
    const name = err.name === undefined ? 'Error' : String(err.name);
    const head = err.message === undefined || err.message === '' ? name : `${name}: ${err.message}`;
    const stack = typeof err.stack === 'string' ? err.stack.trimEnd() : '';
    if (stack === '') return `[${head}]`;
    if (stack.startsWith(head)) return stack;
    // JSC's stacks are frames only (`fn@file:line:column`): the head goes first.
    return `${head}\n${stack.split('\n').map((l) => `    at ${l}`).join('\n')}`;
  }

  /** The Node-style text of `value` (`opts`: depth, showHidden, customInspect). */
  function inspect(value, opts = {}) {
    const ctx = {
      depth: opts.depth === undefined ? 2 : opts.depth === null ? Infinity : opts.depth,
      showHidden: Boolean(opts.showHidden),
      customInspect: opts.customInspect !== false,
      seen: [],
      circular: new Map(),
      indent: 0,
      currentDepth: 0,
    };
    return formatValue(ctx, value, 0);
  }

  function formatValue(ctx, value, level) {
    if (value === null || (typeof value !== 'object' && typeof value !== 'function')) return formatPrimitive(value);
    const custom = ctx.customInspect ? value[kCustom] : undefined;
    if (typeof custom === 'function' && custom !== inspect) {
      const result = custom.call(value, ctx.depth - level, { depth: ctx.depth - level, showHidden: ctx.showHidden }, inspect);
      if (result !== value) return typeof result === 'string' ? result : formatValue(ctx, result, level);
    }
    // Our classes that describe themselves to llrt's console (Blob, File, Headers, FormData)
    // through a getter returning a plain object.
    const described = value[kLlrtCustom];
    if (described !== undefined && described !== null && typeof described === 'object' && described !== value) {
      const ctor = constructorName(value);
      return `${ctor === null ? '[Object: null prototype]' : ctor} ${formatValue(ctx, described, level)}`;
    }
    if (ctx.seen.includes(value)) {
      let index = ctx.circular.get(value);
      if (index === undefined) {
        index = ctx.circular.size + 1;
        ctx.circular.set(value, index);
      }
      return `[Circular *${index}]`;
    }
    return formatObject(ctx, value, level);
  }

  function keysOf(obj, skipIndices) {
    const keys = enumerableOwnKeys(obj);
    return skipIndices ? keys.filter((k) => typeof k === 'symbol' || !/^(0|[1-9]\d*)$/.test(k) || Number(k) >= 2 ** 32 - 1) : keys;
  }

  function enumerableOwnKeys(obj) {
    const out = Object.keys(obj);
    for (const s of Object.getOwnPropertySymbols(obj)) {
      if (Object.prototype.propertyIsEnumerable.call(obj, s)) out.push(s);
    }
    return out;
  }

  function formatKey(key) {
    if (typeof key === 'symbol') return `[${key.toString()}]`;
    return IDENT_RE.test(key) ? key : quote(key);
  }

  /** The text of property `key` of `obj`: its value, or [Getter] / [Setter] for accessors. */
  function formatPropertyValue(ctx, obj, key, level) {
    const desc = Object.getOwnPropertyDescriptor(obj, key) || { value: obj[key] };
    if (desc.get !== undefined || desc.set !== undefined) {
      return desc.get && desc.set ? '[Getter/Setter]' : desc.get ? '[Getter]' : '[Setter]';
    }
    ctx.indent += 2;
    const text = formatValue(ctx, desc.value, level + 1);
    ctx.indent -= 2;
    return text;
  }

  function formatProperty(ctx, obj, key, level) {
    return `${formatKey(key)}: ${formatPropertyValue(ctx, obj, key, level)}`;
  }

  function formatObject(ctx, value, level) {
    const isArray = Array.isArray(value);
    let base = '';
    let braces = ['{', '}'];
    let entries = [];
    let keys;
    let tagName = null;
    const ctor = constructorName(value);
    const prefix = (name, size) => {
      const shown = ctor === null ? `[${name}: null prototype]` : ctor;
      return size === undefined ? `${shown} ` : `${shown}(${size}) `;
    };
    let formatEntries = null;
    if (typeof value === 'function') {
      base = functionBase(value);
      keys = keysOf(value, false);
      if (keys.length === 0) return base;
    } else if (isArray) {
      keys = keysOf(value, true);
      braces = [ctor === 'Array' ? '[' : `${prefix('Array', value.length)}[`, ']'];
      if (value.length === 0 && keys.length === 0) return `${braces[0]}]`;
      formatEntries = () => formatArrayItems(ctx, value, level);
    } else if (ArrayBuffer.isView(value) && Reflect.apply(typedArrayName, value, []) !== undefined) {
      const name = Reflect.apply(typedArrayName, value, []);
      keys = keysOf(value, true);
      braces = [`${ctor === name ? `${name}(${value.length}) ` : prefix(name, value.length)}[`, ']'];
      if (value.length === 0 && keys.length === 0) return `${braces[0]}]`;
      formatEntries = () => {
        const out = [];
        const n = Math.min(value.length, 100);
        for (let i = 0; i < n; i++) out.push(typeof value[i] === 'bigint' ? `${value[i]}n` : formatNumber(value[i]));
        if (value.length > n) out.push(`... ${value.length - n} more item${value.length - n > 1 ? 's' : ''}`);
        return out;
      };
    } else if (value instanceof Map) {
      keys = keysOf(value, false);
      braces = [`${prefix('Map', value.size)}{`, '}'];
      if (value.size === 0 && keys.length === 0) return `${braces[0]}}`;
      formatEntries = () => {
        const out = [];
        ctx.indent += 2;
        for (const [k, v] of value) out.push(`${formatValue(ctx, k, level + 1)} => ${formatValue(ctx, v, level + 1)}`);
        ctx.indent -= 2;
        return out;
      };
    } else if (value instanceof Set) {
      keys = keysOf(value, false);
      braces = [`${prefix('Set', value.size)}{`, '}'];
      if (value.size === 0 && keys.length === 0) return `${braces[0]}}`;
      formatEntries = () => {
        const out = [];
        ctx.indent += 2;
        for (const v of value) out.push(formatValue(ctx, v, level + 1));
        ctx.indent -= 2;
        return out;
      };
    } else if (value instanceof ArrayBuffer) {
      const bytes = new Uint8Array(value);
      const hex = Array.from(bytes.subarray(0, 50), (b) => b.toString(16).padStart(2, '0')).join(' ');
      const more = bytes.length > 50 ? ` ... ${bytes.length - 50} more byte${bytes.length - 50 > 1 ? 's' : ''}` : '';
      return `${ctor === 'ArrayBuffer' ? 'ArrayBuffer' : prefix('ArrayBuffer').trimEnd()} { [Uint8Contents]: <${hex}${more}>, byteLength: ${bytes.length} }`;
    } else {
      keys = keysOf(value, false);
      tagName = objectToString.call(value).slice(8, -1);
      if (value instanceof Error || tagName === 'Error') {
        base = errorText(value);
        keys = keys.filter((k) => k !== 'stack' && k !== 'message');
        if (keys.length === 0) return base;
      } else if (value instanceof Date) {
        base = Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
        if (keys.length === 0) return base;
      } else if (value instanceof RegExp) {
        base = RegExp.prototype.toString.call(value);
        if (keys.length === 0) return base;
      } else if (value instanceof Promise) {
        return `Promise { <unknown> }`;
      } else if (value instanceof WeakMap || value instanceof WeakSet) {
        return `${ctor || tagName} { <items unknown> }`;
      } else if (['Number', 'String', 'Boolean', 'BigInt', 'Symbol'].includes(tagName) && isBoxed(value, tagName)) {
        const prim = globalThis[tagName].prototype.valueOf.call(value);
        base = `[${tagName}: ${formatPrimitive(prim)}]`;
        if (tagName === 'String') keys = keys.filter((k) => typeof k === 'symbol' || !/^\d+$/.test(k));
        if (keys.length === 0) return base;
      } else if (ctor === null) {
        braces = ['[Object: null prototype] {', '}'];
      } else if (ctor !== 'Object') {
        braces = [`${ctor} {`, '}'];
      } else if (tagName !== 'Object' && typeof value[Symbol.toStringTag] === 'string') {
        braces = [`Object [${tagName}] {`, '}'];
      }
      if (base === '' && keys.length === 0) return `${braces[0]}}`;
    }
    if (level > ctx.depth) {
      if (base !== '') return base;
      return `[${ctor === null ? 'Object: null prototype' : isArray ? 'Array' : ctor}]`;
    }
    ctx.seen.push(value);
    ctx.currentDepth = level;
    if (formatEntries !== null) entries = formatEntries();
    for (const key of keys) entries.push(formatProperty(ctx, value, key, level));
    if (ctx.showHidden && isArray) entries.push(`[length]: ${value.length}`);
    ctx.seen.pop();
    let text = reduce(ctx, entries, base, braces, level);
    const index = ctx.circular.get(value);
    if (index !== undefined) text = `<ref *${index}> ${text}`;
    return text;
  }

  function isBoxed(value, tag) {
    try {
      globalThis[tag].prototype.valueOf.call(value);
      return true;
    } catch {
      return false;
    }
  }

  /** Up to 100 entries of an array: its items, runs of holes as `<n empty items>`. */
  function formatArrayItems(ctx, value, level) {
    const out = [];
    const n = value.length;
    let holes = 0;
    let i = 0;
    for (; i < n && out.length < 100; i++) {
      if (!Object.prototype.hasOwnProperty.call(value, i)) {
        holes++;
        continue;
      }
      if (holes > 0) out.push(`<${holes} empty item${holes > 1 ? 's' : ''}>`);
      holes = 0;
      out.push(formatPropertyValue(ctx, value, String(i), level));
    }
    if (holes > 0) out.push(`<${holes} empty item${holes > 1 ? 's' : ''}>`);
    if (i < n) out.push(`... ${n - i} more item${n - i > 1 ? 's' : ''}`);
    return out;
  }

  /** One line when it fits in 80 columns and less than 3 levels of objects are inside. */
  function reduce(ctx, entries, base, braces, level) {
    const head = base === '' ? braces[0] : `${base} ${braces[0]}`;
    if (ctx.currentDepth - level < 3) {
      const start = entries.length + ctx.indent + braces[0].length + base.length + 10;
      let total = entries.length + start;
      let fits = total + entries.length <= 80;
      for (let i = 0; fits && i < entries.length; i++) {
        total += entries[i].length;
        if (total > 80) fits = false;
      }
      if (fits && !base.includes('\n')) {
        const joined = entries.join(', ');
        if (!joined.includes('\n')) return `${head} ${joined} ${braces[1]}`;
      }
    }
    const indentation = `\n${' '.repeat(ctx.indent)}`;
    return `${head}${indentation}  ${entries.join(`,${indentation}  `)}${indentation}${braces[1]}`;
  }

  // ------------------------------------------------------------------ util.format
  // Prototypes of the built-in classes: their toString is not "user-defined" for %s.
  const BUILTIN_PROTOS = new Set();
  for (const name of Object.getOwnPropertyNames(globalThis)) {
    const desc = Object.getOwnPropertyDescriptor(globalThis, name);
    const value = desc && desc.value;
    if (typeof value === 'function' && /^[A-Z]/.test(name) && value.prototype) BUILTIN_PROTOS.add(value.prototype);
  }
  BUILTIN_PROTOS.add(TypedArray.prototype);

  /** Whether `value` has a toString of its own or from a user class (then %s calls it). */
  function hasOwnToString(value) {
    let proto = value;
    while (proto !== null && !BUILTIN_PROTOS.has(proto)) {
      if (Object.prototype.hasOwnProperty.call(proto, 'toString')) return true;
      proto = Object.getPrototypeOf(proto);
    }
    return false;
  }

  function formatWithOptions(options, ...args) {
    const opts = options || {};
    const first = args[0];
    let out = '';
    let next = 0;
    if (typeof first === 'string') {
      if (args.length === 1) return first;
      next = 1;
      let last = 0;
      for (let i = 0; i < first.length - 1; i++) {
        if (first.charCodeAt(i) !== 37) continue; // '%'
        const spec = first[i + 1];
        if (spec === '%') {
          out += first.slice(last, i + 1);
          last = i + 2;
          i++;
          continue;
        }
        if (next >= args.length || !'sdifjoOc'.includes(spec)) continue;
        const arg = args[next++];
        let text;
        switch (spec) {
          case 's':
            if (typeof arg === 'bigint') text = `${arg}n`;
            else if (typeof arg === 'number') text = formatNumber(arg);
            else if (typeof arg === 'symbol') text = arg.toString();
            else if (arg !== null && typeof arg === 'object' && !hasOwnToString(arg)) text = inspect(arg, { ...opts, depth: 0 });
            else text = String(arg);
            break;
          case 'd':
            text = typeof arg === 'bigint' ? `${arg}n` : typeof arg === 'symbol' ? 'NaN' : formatNumber(Number(arg));
            break;
          case 'i':
            text = typeof arg === 'bigint' ? `${arg}n` : typeof arg === 'symbol' ? 'NaN' : formatNumber(parseInt(arg)); // eslint-disable-line radix
            break;
          case 'f':
            text = typeof arg === 'symbol' ? 'NaN' : formatNumber(parseFloat(arg));
            break;
          case 'j':
            try {
              text = JSON.stringify(arg);
            } catch (e) {
              if (!(e instanceof TypeError) || !/circular|cyclic/i.test(e.message)) throw e;
              text = '[Circular]';
            }
            break;
          case 'o':
            text = inspect(arg, { ...opts, showHidden: true, depth: 4 });
            break;
          case 'O':
            text = inspect(arg, opts);
            break;
          default: // 'c': CSS, ignored
            text = '';
        }
        out += first.slice(last, i) + text;
        last = i + 2;
        i++;
      }
      out += first.slice(last);
    }
    for (; next < args.length; next++) {
      const arg = args[next];
      if (out !== '' || next > 0) out += ' ';
      out += typeof arg === 'string' ? arg : inspect(arg, opts);
    }
    return out;
  }

  // The formatter in use: ours until Node's (52_node_util.js) can be had.
  let formatter = null;
  let resolving = false;
  function currentFormatter() {
    if (formatter !== null) return formatter;
    if (typeof internal.formatWithOptions === 'function') return (formatter = internal.formatWithOptions);
    if (typeof internal.builtin === 'function' && !resolving) {
      resolving = true;
      try {
        const util = internal.builtin('util');
        if (util && typeof util.formatWithOptions === 'function') {
          formatter = util.formatWithOptions;
          if (typeof util.inspect === 'function') inspectValue = util.inspect;
          return formatter;
        }
      } catch {
        // util could not be loaded: keep ours for good rather than retry on every line.
        formatter = formatWithOptions;
      } finally {
        resolving = false;
      }
    }
    return formatWithOptions;
  }
  let inspectValue = inspect;
  const format = (args) => Reflect.apply(currentFormatter(), undefined, [{}, ...args]);

  // ------------------------------------------------------------------ console
  const warnProcess = (message) => {
    const p = globalThis.process;
    if (p && typeof p.emitWarning === 'function') p.emitWarning(message);
    else native.logError(`Warning: ${message}`);
  };

  function formatDuration(ms) {
    if (ms < 1000) return `${Number(ms.toFixed(3))}ms`;
    if (ms < 60000) return `${(ms / 1000).toFixed(3)}s`;
    const hours = Math.floor(ms / 3600000);
    const minutes = Math.floor((ms % 3600000) / 60000);
    const seconds = ((ms % 60000) / 1000).toFixed(3).padStart(6, '0');
    return hours > 0
      ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds} (h:mm:ss.mmm)`
      : `${minutes}:${seconds} (m:ss.mmm)`;
  }

  function renderTable(head, rows) {
    const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] || '').length)) + 2);
    const line = (l, m, r) => l + widths.map((w) => '─'.repeat(w)).join(m) + r;
    const row = (cells) => `│${widths.map((w, i) => ` ${(cells[i] || '').padEnd(w - 1)}`).join('│')}│`;
    return [line('┌', '┬', '┐'), row(head), line('├', '┼', '┤'), ...rows.map(row), line('└', '┴', '┘')].join('\n');
  }

  /** console.table's text of `data`, or undefined when it is not an object. */
  function tableText(data, properties) {
    if (data === null || typeof data !== 'object') return undefined;
    const cell = (v) => (typeof v === 'string' ? quote(v) : formatPrimitiveOrObject(v));
    const columns = [];
    const addColumn = (k) => {
      if (!columns.includes(k)) columns.push(k);
    };
    let indexHeader = '(index)';
    let source;
    let keyColumn = null;
    if (data instanceof Map) {
      indexHeader = '(iteration index)';
      keyColumn = 'Key';
      source = [...data].map(([k, v], i) => [String(i), v, k]);
    } else if (data instanceof Set || (typeof data[Symbol.iterator] === 'function' && !Array.isArray(data))) {
      indexHeader = '(iteration index)';
      source = [...data].map((v, i) => [String(i), v]);
    } else {
      source = Object.keys(data).map((k) => [k, data[k]]);
    }
    // Rows of an iteration (Map, Set) show their values whole; other rows, their properties.
    const expand = indexHeader === '(index)';
    let hasValues = false;
    for (const [, v] of source) {
      if (expand && (v !== null && typeof v === 'object' || typeof v === 'function')) {
        for (const k of Object.keys(v)) if (properties === undefined) addColumn(k);
      } else {
        hasValues = true;
      }
    }
    if (Array.isArray(properties)) for (const k of properties) addColumn(String(k));
    const head = [indexHeader, ...(keyColumn ? [keyColumn] : []), ...columns, ...(hasValues ? ['Values'] : [])];
    const rows = source.map(([index, v, key]) => {
      const r = [index];
      if (keyColumn) r.push(cell(key));
      const isObj = expand && v !== null && (typeof v === 'object' || typeof v === 'function');
      for (const c of columns) r.push(isObj && Object.prototype.hasOwnProperty.call(v, c) ? cell(v[c]) : '');
      if (hasValues) r.push(isObj ? '' : cell(v));
      return r;
    });
    return renderTable(head, rows);
  }

  function formatPrimitiveOrObject(v) {
    if (v === null || (typeof v !== 'object' && typeof v !== 'function')) return formatPrimitive(v);
    return inspectValue(v, { depth: 1, breakLength: Infinity });
  }

  /** Gives `target` the console methods, printing each line with `print(stream, text)`
   * (stream 1: stdout, 2: stderr). Each console has its own groups, timers and counters. */
  function createConsole(target, print) {
    let groupIndent = '';
    const write = (stream, text) => {
      if (groupIndent !== '') text = groupIndent + text.replace(/\n/g, `\n${groupIndent}`);
      print(stream, text);
    };
    const timers = new Map();
    const counts = new Map();
    const methods = {
      log: (...args) => write(1, format(args)),
      info: (...args) => write(1, format(args)),
      debug: (...args) => write(1, format(args)),
      warn: (...args) => write(2, format(args)),
      error: (...args) => write(2, format(args)),
      trace: (...args) => {
        const frames = String(new Error().stack || '').split('\n').slice(1).filter((l) => l !== '');
        const head = `Trace${args.length > 0 ? `: ${format(args)}` : ''}`;
        write(2, [head, ...frames.map((f) => (/^\s+at /.test(f) ? f : `    at ${f}`))].join('\n'));
      },
      dir: (value, options = undefined) => {
        currentFormatter();
        write(1, typeof value === 'string' ? quote(value) : inspectValue(value, Object.assign({ customInspect: false }, options)));
      },
      dirxml: (...args) => write(1, format(args)),
      table: (data, properties) => {
        const text = tableText(data, properties);
        if (text === undefined) methods.log(data);
        else write(1, text);
      },
      time: (label = 'default') => {
        label = `${label}`;
        if (timers.has(label)) return warnProcess(`Label '${label}' already exists for console.time()`);
        timers.set(label, performance.now());
      },
      timeLog: (label = 'default', ...data) => {
        label = `${label}`;
        const start = timers.get(label);
        if (start === undefined) return warnProcess(`No such label '${label}' for console.timeLog()`);
        const text = `${label}: ${formatDuration(performance.now() - start)}`;
        write(1, data.length > 0 ? `${text} ${format(data)}` : text);
      },
      timeEnd: (label = 'default') => {
        label = `${label}`;
        const start = timers.get(label);
        if (start === undefined) return warnProcess(`No such label '${label}' for console.timeEnd()`);
        timers.delete(label);
        write(1, `${label}: ${formatDuration(performance.now() - start)}`);
      },
      count: (label = 'default') => {
        label = `${label}`;
        const n = (counts.get(label) || 0) + 1;
        counts.set(label, n);
        write(1, `${label}: ${n}`);
      },
      countReset: (label = 'default') => {
        label = `${label}`;
        if (!counts.has(label)) return warnProcess(`Count for '${label}' does not exist`);
        counts.delete(label);
      },
      group: (...label) => {
        if (label.length > 0) write(1, format(label));
        groupIndent += '  ';
      },
      groupCollapsed: (...label) => methods.group(...label),
      groupEnd: () => {
        groupIndent = groupIndent.slice(0, -2);
      },
      assert: (condition, ...args) => {
        if (condition) return;
        if (args.length === 0) write(2, 'Assertion failed');
        else {
          args[0] = `Assertion failed: ${args[0]}`;
          write(2, format(args));
        }
      },
      // Inspector-only methods: nothing to do without an inspector.
      profile: () => {},
      profileEnd: () => {},
      timeStamp: () => {},
    };
    for (const [name, fn] of Object.entries(methods)) {
      Object.defineProperty(fn, 'name', { value: name });
      define(target, name, fn, true);
    }
    return target;
  }

  /** Node's `console.Console`: a console over writable streams (`{ write(text) }`):
   * `new Console(stdout, stderr?)` or `new Console({ stdout, stderr })`. */
  function Console(stdout, stderr = undefined) {
    if (!new.target) return new Console(stdout, stderr);
    let out = stdout;
    let err = stderr;
    if (stdout !== null && typeof stdout === 'object' && typeof stdout.write !== 'function') {
      out = stdout.stdout;
      err = stdout.stderr;
    }
    if (out === null || typeof out !== 'object' || typeof out.write !== 'function') {
      const e = new TypeError('Console expects a writable stream instance for stdout');
      e.code = 'ERR_CONSOLE_WRITABLE_STREAM';
      throw e;
    }
    if (err === undefined) err = out;
    if (err === null || typeof err !== 'object' || typeof err.write !== 'function') {
      const e = new TypeError('Console expects a writable stream instance for stderr');
      e.code = 'ERR_CONSOLE_WRITABLE_STREAM';
      throw e;
    }
    createConsole(this, (stream, text) => (stream === 2 ? err : out).write(`${text}\n`));
  }

  const console = createConsole({}, (stream, text) => (stream === 2 ? native.logError(text) : native.log(text)));
  define(console, 'Console', Console);
  Object.defineProperty(console, Symbol.toStringTag, { value: 'console', writable: false, enumerable: false, configurable: true });

  // ------------------------------------------------------------------ performance
  const hr = () => {
    const [s, ns] = native.hrtime();
    return s * 1e3 + ns / 1e6;
  };
  const originHr = hr();
  const timeOrigin = Date.now();
  const now = () => hr() - originHr;

  let entryKey;

  class PerformanceEntry {
    #name;
    #type;
    #start;
    #duration;
    #detail;

    constructor(key, name, type, start, duration, detail) {
      if (key !== entryKey) throw new TypeError('Illegal constructor');
      this.#name = name;
      this.#type = type;
      this.#start = start;
      this.#duration = duration;
      this.#detail = detail;
    }

    get name() { return this.#name; }
    get entryType() { return this.#type; }
    get startTime() { return this.#start; }
    get duration() { return this.#duration; }
    toJSON() {
      const out = { name: this.#name, entryType: this.#type, startTime: this.#start, duration: this.#duration };
      if (this.#type !== 'entry') out.detail = this.#detail;
      return out;
    }

    static detailOf(entry) {
      return entry.#detail;
    }
  }
  entryKey = Symbol('PerformanceEntry');
  const detailOf = PerformanceEntry.detailOf;
  delete PerformanceEntry.detailOf;

  class PerformanceMark extends PerformanceEntry {
    constructor(name, options = undefined) {
      if (arguments.length === 0) throw new TypeError('The "name" argument must be specified');
      const opts = options === undefined || options === null ? {} : options;
      let start = opts.startTime;
      if (start === undefined) start = now();
      else {
        start = Number(start);
        if (!(start >= 0)) throw new TypeError(`The "options.startTime" property must be a non-negative number. Received ${opts.startTime}`);
      }
      const detail = opts.detail === undefined ? null : structuredClone(opts.detail);
      super(entryKey, `${name}`, 'mark', start, 0, detail);
    }

    get detail() { return detailOf(this); }
  }

  class PerformanceMeasure extends PerformanceEntry {
    constructor(key, name, start, duration, detail) {
      super(key, name, 'measure', start, duration, detail);
    }

    get detail() { return detailOf(this); }
  }

  let entries = [];

  function markTime(name) {
    for (let i = entries.length - 1; i >= 0; i--) {
      const e = entries[i];
      if (e.entryType === 'mark' && e.name === name) return e.startTime;
    }
    throw new DOMException(`The "${name}" performance mark has not been set`, 'SyntaxError');
  }

  function timeOf(value) {
    if (typeof value === 'string') return markTime(value);
    const t = Number(value);
    if (!(t >= 0)) throw new TypeError(`${value} is not a valid timestamp`);
    return t;
  }

  class Performance {
    constructor(key) {
      if (key !== entryKey) throw new TypeError('Illegal constructor');
    }

    get timeOrigin() { return timeOrigin; }

    now() { return now(); }

    mark(name, options = undefined) {
      const mark = new PerformanceMark(name, options);
      entries.push(mark);
      return mark;
    }

    measure(name, startOrOptions = undefined, endMark = undefined) {
      name = `${name}`;
      let start;
      let end;
      let detail = null;
      const isOptions = startOrOptions !== null && typeof startOrOptions === 'object' && Object.keys(startOrOptions).length > 0;
      if (isOptions) {
        const { start: s, end: e, duration: d } = startOrOptions;
        if (endMark !== undefined) throw new TypeError('endMark must not be given with a measure options object');
        if (s === undefined && e === undefined) throw new TypeError('A measure options object needs a start or an end');
        if (s !== undefined && e !== undefined && d !== undefined) throw new TypeError('A measure options object cannot have start, end and duration all together');
        if (e !== undefined) end = timeOf(e);
        else if (s !== undefined && d !== undefined) end = timeOf(s) + Number(d);
        else end = now();
        if (s !== undefined) start = timeOf(s);
        else if (d !== undefined && e !== undefined) start = end - Number(d);
        else start = 0;
        if (startOrOptions.detail !== undefined) detail = structuredClone(startOrOptions.detail);
      } else {
        end = endMark !== undefined ? timeOf(endMark) : now();
        start = startOrOptions !== undefined && startOrOptions !== null && typeof startOrOptions !== 'object' ? timeOf(startOrOptions) : 0;
      }
      const measure = new PerformanceMeasure(entryKey, name, start, end - start, detail);
      entries.push(measure);
      return measure;
    }

    getEntries() {
      return entries.slice().sort((a, b) => a.startTime - b.startTime);
    }

    getEntriesByName(name, type = undefined) {
      name = `${name}`;
      return this.getEntries().filter((e) => e.name === name && (type === undefined || e.entryType === `${type}`));
    }

    getEntriesByType(type) {
      type = `${type}`;
      return this.getEntries().filter((e) => e.entryType === type);
    }

    clearMarks(name = undefined) {
      entries = entries.filter((e) => e.entryType !== 'mark' || (name !== undefined && e.name !== `${name}`));
    }

    clearMeasures(name = undefined) {
      entries = entries.filter((e) => e.entryType !== 'measure' || (name !== undefined && e.name !== `${name}`));
    }

    toJSON() {
      return { timeOrigin };
    }
  }
  for (const [Class, keys] of [[PerformanceEntry, ['name', 'entryType', 'startTime', 'duration']], [PerformanceMark, ['detail']], [PerformanceMeasure, ['detail']], [Performance, ['timeOrigin']]]) {
    for (const key of keys) {
      const desc = Object.getOwnPropertyDescriptor(Class.prototype, key);
      desc.enumerable = true;
      Object.defineProperty(Class.prototype, key, desc);
    }
    Object.defineProperty(Class.prototype, Symbol.toStringTag, { value: Class.name, writable: false, enumerable: false, configurable: true });
  }
  const performance = new Performance(entryKey);

  // ------------------------------------------------------------------ process
  const info = native.processInfo();
  const startedAt = now();

  const env = {};
  const realEnv = native.envPairs();
  for (let i = 0; i + 1 < realEnv.length; i += 2) env[realEnv[i]] = realEnv[i + 1];
  const dotenv = internal.dotenv || [];
  for (let i = 0; i + 1 < dotenv.length; i += 2) env[dotenv[i]] = `${dotenv[i + 1]}`;
  const envKey = (key) => {
    if (typeof key === 'symbol') throw new TypeError('Cannot convert a Symbol value to a string');
    return key;
  };
  const envProxy = new Proxy(env, {
    set(target, key, value) {
      target[envKey(key)] = `${value}`;
      return true;
    },
    defineProperty(target, key, desc) {
      envKey(key);
      if (!('value' in desc) || desc.configurable !== true || desc.writable !== true || desc.enumerable !== true) {
        const err = new TypeError("'process.env' only accepts a configurable, writable, and enumerable data descriptor");
        err.code = 'ERR_INVALID_OBJECT_DEFINE_PROPERTY';
        throw err;
      }
      target[key] = `${desc.value}`;
      return true;
    },
  });

  const invalidArgType = (name, expected, value) => {
    const err = new TypeError(`The "${name}" argument must be ${expected}. Received ${value === null ? 'null' : typeof value}`);
    err.code = 'ERR_INVALID_ARG_TYPE';
    return err;
  };

  function hrtime(previous = undefined) {
    const [s, ns] = native.hrtime();
    if (previous === undefined) return [s, ns];
    if (!Array.isArray(previous)) throw invalidArgType('time', 'an instance of Array', previous);
    if (previous.length !== 2) {
      const err = new RangeError(`The value of "time" is out of range. It must be 2. Received ${previous.length}`);
      err.code = 'ERR_OUT_OF_RANGE';
      throw err;
    }
    let sec = s - previous[0];
    let nsec = ns - previous[1];
    if (nsec < 0) {
      sec -= 1;
      nsec += 1e9;
    }
    return [sec, nsec];
  }
  hrtime.bigint = function bigint() {
    const [s, ns] = native.hrtime();
    return BigInt(s) * 1000000000n + BigInt(ns);
  };

  const warned = new Set();
  function emitWarning(warning, type = undefined, code = undefined) {
    let name = 'Warning';
    let message;
    if (type !== null && typeof type === 'object') {
      code = type.code;
      type = type.type;
    }
    if (typeof warning === 'string') {
      message = warning;
      if (typeof type === 'string') name = type;
    } else if (warning instanceof Error) {
      message = warning.message;
      name = warning.name || 'Warning';
    } else {
      throw invalidArgType('warning', 'of type string or an instance of Error', warning);
    }
    if (name === 'DeprecationWarning' && process.noDeprecation === true) return;
    const key = `${name}:${message}`;
    if (warned.has(key)) return;
    warned.add(key);
    native.logError(`(ferroute) ${typeof code === 'string' ? `[${code}] ` : ''}${name}: ${message}`);
  }

  function nextTick(fn, ...args) {
    if (typeof fn !== 'function') throw invalidArgType('callback', 'of type function', fn);
    const run = args.length === 0 ? fn : () => fn(...args);
    if (typeof queueMicrotask === 'function') queueMicrotask(run);
    else Promise.resolve().then(run);
  }

  function exit(code = undefined) {
    if (code !== undefined) process.exitCode = code;
    const status = process.exitCode === undefined ? 0 : Number(process.exitCode) | 0;
    if (typeof native.exit !== 'function') throw new Error('process.exit() is not available in ferroute');
    native.exit(status);
  }

  const process = {};
  const props = {
    title: 'node',
    version: `v${NODE_VERSION}`,
    versions: { node: NODE_VERSION, ferroute: internal.version || '0.0.0' },
    release: { name: 'node', lts: 'Iron' },
    arch: info.arch,
    platform: info.platform,
    pid: info.pid,
    ppid: info.ppid,
    argv: Array.from(info.argv || []),
    argv0: (info.argv && info.argv[0]) || 'ferroute',
    execArgv: Array.from(info.execArgv || []),
    execPath: info.execPath || (info.argv && info.argv[0]) || '',
    env: envProxy,
    exitCode: undefined,
    cwd: function cwd() { return config.root || info.cwd; },
    exit,
    hrtime,
    uptime: function uptime() { return (info.uptime || 0) + (now() - startedAt) / 1000; },
    nextTick,
    emitWarning,
  };
  if (typeof native.memoryUsage === 'function') {
    // JSC's heap figures walk the heap: `rss()` alone asks for none. `external` is what
    // objects own outside the heap's cells (array buffers among it, not told apart).
    const memoryUsage = function memoryUsage() {
      const [rss, heapTotal, heapUsed, , external = 0] = native.memoryUsage();
      return { rss, heapTotal, heapUsed, external, arrayBuffers: 0 };
    };
    memoryUsage.rss = () => native.memoryUsage(true)[0];
    props.memoryUsage = memoryUsage;
  }
  for (const [name, value] of Object.entries(props)) define(process, name, value, true);
  Object.defineProperty(process, Symbol.toStringTag, { value: 'process', writable: false, enumerable: false, configurable: true });

  // ------------------------------------------------------------------ navigator
  const navigator = {};
  define(navigator, 'userAgent', `ferroute/${internal.version || '0.0.0'}`, true);
  define(navigator, 'language', 'en-US', true);
  define(navigator, 'languages', Object.freeze(['en-US']), true);
  define(navigator, 'platform', `${info.platform === 'linux' ? 'Linux' : info.platform === 'darwin' ? 'MacIntel' : info.platform}`, true);
  if (typeof config.cpus === 'number') define(navigator, 'hardwareConcurrency', config.cpus, true);
  Object.defineProperty(navigator, Symbol.toStringTag, { value: 'Navigator', writable: false, enumerable: false, configurable: true });

  // The Node modules these globals are (04_builtins.js reads them as it reads llrt's on QuickJS).
  const modules = internal.platformModules || (internal.platformModules = {});
  modules.console = () => console;
  modules.process = () => process;
  modules.perf_hooks = () => ({ performance, Performance, PerformanceEntry, PerformanceMark, PerformanceMeasure });

  for (const [name, value] of [
    ['console', console], ['performance', performance], ['Performance', Performance],
    ['PerformanceEntry', PerformanceEntry], ['PerformanceMark', PerformanceMark],
    ['PerformanceMeasure', PerformanceMeasure], ['process', process], ['navigator', navigator],
  ]) {
    define(globalThis, name, value);
  }
})();
