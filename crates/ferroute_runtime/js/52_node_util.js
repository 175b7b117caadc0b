// node:util, node:util/types and node:sys: format/inspect (Node's output format), promisify,
// callbackify, deprecate, inherits, isDeepStrictEqual, types.*, debuglog, parseArgs, styleText.
(() => {
  'use strict';
  const internal = globalThis[Symbol.for('ferroute.internal')];

  const hasOwn = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
  const objectToString = (v) => Object.prototype.toString.call(v);

  const { coded: makeError, invalidArgType } = internal.nodeErrors;

  // ---------------------------------------------------------------------------------------
  // types: brand checks (a getter or method that throws on the wrong receiver), so they work
  // on objects of any realm and cannot be fooled by Symbol.toStringTag.
  // `tag` (what Object.prototype.toString says for the kind) skips the throwing check for
  // objects that are plainly something else; only an instance whose Symbol.toStringTag was
  // overridden is misjudged.
  const brand = (fn, ...tags) => (v) => {
    if (v === null || typeof v !== 'object') return false;
    if (tags.length > 0 && !tags.includes(objectToString(v))) return false;
    try {
      fn(v);
      return true;
    } catch {
      return false;
    }
  };
  const getter = (proto, name) => Object.getOwnPropertyDescriptor(proto, name).get;
  const TypedArrayProto = Object.getPrototypeOf(Uint8Array.prototype);
  const typedArrayTag = getter(TypedArrayProto, Symbol.toStringTag);
  const typedArrayName = (v) => (ArrayBuffer.isView(v) ? typedArrayTag.call(v) : undefined);
  const abByteLength = getter(ArrayBuffer.prototype, 'byteLength');
  const sabByteLength = typeof SharedArrayBuffer === 'function' ? getter(SharedArrayBuffer.prototype, 'byteLength') : null;
  const dvByteLength = getter(DataView.prototype, 'byteLength');
  const regexpSource = getter(RegExp.prototype, 'source');
  const fnTag = (v) => (typeof v === 'function' ? v[Symbol.toStringTag] : undefined);

  const types = {
    isArrayBuffer: brand((v) => abByteLength.call(v), '[object ArrayBuffer]'),
    isSharedArrayBuffer: (v) => sabByteLength !== null && brand((x) => sabByteLength.call(x), '[object SharedArrayBuffer]')(v),
    isAnyArrayBuffer: (v) => types.isArrayBuffer(v) || types.isSharedArrayBuffer(v),
    isArrayBufferView: (v) => ArrayBuffer.isView(v),
    isDataView: brand((v) => dvByteLength.call(v), '[object DataView]'),
    isTypedArray: (v) => typedArrayName(v) !== undefined,
    isDate: brand((v) => Date.prototype.getTime.call(v), '[object Date]'),
    isRegExp: (v) => v !== RegExp.prototype && brand((x) => regexpSource.call(x), '[object RegExp]')(v),
    isMap: brand((v) => Map.prototype.has.call(v), '[object Map]'),
    isSet: brand((v) => Set.prototype.has.call(v), '[object Set]'),
    isWeakMap: brand((v) => WeakMap.prototype.has.call(v, v), '[object WeakMap]'),
    isWeakSet: brand((v) => WeakSet.prototype.has.call(v, v), '[object WeakSet]'),
    isMapIterator: (v) => v !== null && typeof v === 'object' && objectToString(v) === '[object Map Iterator]',
    isSetIterator: (v) => v !== null && typeof v === 'object' && objectToString(v) === '[object Set Iterator]',
    isPromise: (v) => v instanceof Promise || (v !== null && typeof v === 'object' && objectToString(v) === '[object Promise]' && typeof v.then === 'function'),
    isNativeError: (v) => v !== null && typeof v === 'object' && (v instanceof Error || objectToString(v) === '[object Error]'),
    isAsyncFunction: (v) => fnTag(v) === 'AsyncFunction' || fnTag(v) === 'AsyncGeneratorFunction',
    isGeneratorFunction: (v) => fnTag(v) === 'GeneratorFunction' || fnTag(v) === 'AsyncGeneratorFunction',
    isGeneratorObject: (v) => v !== null && typeof v === 'object' && /^\[object (Async)?Generator\]$/.test(objectToString(v)),
    isArgumentsObject: (v) => v !== null && typeof v === 'object' && objectToString(v) === '[object Arguments]',
    isModuleNamespaceObject: (v) => v !== null && typeof v === 'object' && Object.getPrototypeOf(v) === null && v[Symbol.toStringTag] === 'Module' && !Object.isExtensible(v),
    isNumberObject: brand((v) => Number.prototype.valueOf.call(v), '[object Number]'),
    isStringObject: brand((v) => String.prototype.valueOf.call(v), '[object String]'),
    isBooleanObject: brand((v) => Boolean.prototype.valueOf.call(v), '[object Boolean]'),
    isBigIntObject: brand((v) => BigInt.prototype.valueOf.call(v), '[object BigInt]'),
    isSymbolObject: brand((v) => Symbol.prototype.valueOf.call(v), '[object Symbol]'),
    isBoxedPrimitive: (v) => types.isNumberObject(v) || types.isStringObject(v) || types.isBooleanObject(v) || types.isBigIntObject(v) || types.isSymbolObject(v),
    isWeakRef: (v) => typeof WeakRef === 'function' && v instanceof WeakRef,
    isProxy: () => false, // no engine hook to tell a proxy from its target
    isExternal: () => false, // no native externals are ever handed to JavaScript
    isKeyObject: () => false,
    isCryptoKey: (v) => typeof CryptoKey === 'function' && v instanceof CryptoKey,
  };
  for (const name of ['Uint8Array', 'Uint8ClampedArray', 'Uint16Array', 'Uint32Array', 'Int8Array', 'Int16Array', 'Int32Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array']) {
    types[`is${name}`] = (v) => typedArrayName(v) === name;
  }

  // ---------------------------------------------------------------------------------------
  // inspect
  const customInspectSymbol = Symbol.for('nodejs.util.inspect.custom');
  const defaultOptions = {
    showHidden: false,
    depth: 2,
    colors: false,
    customInspect: true,
    showProxy: false,
    maxArrayLength: 100,
    maxStringLength: 10000,
    breakLength: 80,
    compact: 3,
    sorted: false,
    getters: false,
    numericSeparator: false,
  };
  const OBJECT = 0;
  const ARRAY = 1; // entries are array items / set and map entries: no "key: " prefix
  const ARRAY_EXTRAS = 2;

  const identifierRe = /^[a-zA-Z_][a-zA-Z_0-9]*$/;
  const escapeCharRe = /[\x00-\x1f\x7f'\\]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
  const mnemonic = { 8: '\\b', 9: '\\t', 10: '\\n', 12: '\\f', 13: '\\r', 39: "\\'", 92: '\\\\' };

  /** A string as Node quotes it: single quotes, or double/back quotes to avoid escaping. */
  function strEscape(str) {
    let quote = "'";
    if (str.includes("'")) {
      if (!str.includes('"')) quote = '"';
      else if (!str.includes('`') && !str.includes('${')) quote = '`';
    }
    const escaped = str.replace(escapeCharRe, (c) => {
      if (c === "'") return quote === "'" ? "\\'" : c;
      const code = c.charCodeAt(0);
      if (mnemonic[code] !== undefined) return mnemonic[code];
      if (code >= 0xd800) return `\\u${code.toString(16)}`;
      return `\\x${code.toString(16).toUpperCase().padStart(2, '0')}`;
    });
    return `${quote}${escaped}${quote}`;
  }

  const formatNumber = (n) => (Object.is(n, -0) ? '-0' : `${n}`);

  function formatPrimitive(ctx, value) {
    switch (typeof value) {
      case 'string': {
        let trailer = '';
        if (value.length > ctx.maxStringLength) {
          const remaining = value.length - ctx.maxStringLength;
          value = value.slice(0, ctx.maxStringLength);
          trailer = `... ${remaining} more character${remaining > 1 ? 's' : ''}`;
        }
        if (ctx.compact !== true && value.length > 16 && value.length > ctx.breakLength - ctx.indentationLvl - 4) {
          return value.split(/(?<=\n)/).map(strEscape).join(` +\n${' '.repeat(ctx.indentationLvl + 2)}`) + trailer;
        }
        return strEscape(value) + trailer;
      }
      case 'number':
        return formatNumber(value);
      case 'bigint':
        return `${value}n`;
      case 'symbol':
        return value.toString();
      default: // boolean, undefined
        return `${value}`;
    }
  }

  /** The name of the nearest constructor on the prototype chain (null for null-prototype). */
  function constructorName(obj) {
    let o = obj;
    while (o !== null && o !== undefined) {
      const d = Object.getOwnPropertyDescriptor(o, 'constructor');
      if (d !== undefined && typeof d.value === 'function' && typeof d.value.name === 'string' && d.value.name !== '') {
        let isInstance = false;
        try {
          isInstance = obj instanceof d.value;
        } catch {}
        if (isInstance) return d.value.name;
      }
      o = Object.getPrototypeOf(o);
    }
    return null;
  }

  function prefixOf(ctor, tag, fallback, size = '') {
    if (ctor === null) {
      return tag !== '' && fallback !== tag ? `[${fallback}${size}: null prototype] [${tag}] ` : `[${fallback}${size}: null prototype] `;
    }
    return tag !== '' && ctor !== tag ? `${ctor}${size} [${tag}] ` : `${ctor}${size} `;
  }

  function ownKeys(value, showHidden) {
    if (showHidden) return Reflect.ownKeys(value);
    const keys = Object.keys(value);
    for (const s of Object.getOwnPropertySymbols(value)) {
      if (Object.prototype.propertyIsEnumerable.call(value, s)) keys.push(s);
    }
    return keys;
  }
  const isIndex = (k) => typeof k === 'string' && /^(0|[1-9][0-9]*)$/.test(k) && Number(k) < 4294967295;

  function functionBase(value, ctor, tag) {
    let source = '';
    try {
      source = Function.prototype.toString.call(value);
    } catch {}
    if (source.startsWith('class') && /^class\b/.test(source)) {
      const name = hasOwn(value, 'name') && typeof value.name === 'string' && value.name ? value.name : '(anonymous)';
      let base = `[class ${name}`;
      const parent = Object.getPrototypeOf(value);
      if (parent && parent !== Function.prototype && typeof parent.name === 'string' && parent.name) base += ` extends ${parent.name}`;
      if (ctor !== 'Function' && ctor !== null) base += ` [${ctor}]`;
      if (tag !== '' && ctor !== tag) base += ` [${tag}]`;
      return `${base}]`;
    }
    let kind = 'Function';
    if (types.isGeneratorFunction(value)) kind = `Generator${kind}`;
    if (types.isAsyncFunction(value)) kind = `Async${kind}`;
    let base = `[${kind}`;
    if (ctor === null) base += ' (null prototype)';
    base += typeof value.name === 'string' && value.name !== '' ? `: ${value.name}]` : ' (anonymous)]';
    if (ctor !== kind && ctor !== null) base += ` ${ctor}`;
    if (tag !== '' && ctor !== tag) base += ` [${tag}]`;
    return base;
  }

  function errorStack(err) {
    let stack;
    try {
      stack = err.stack;
    } catch {}
    let head;
    try {
      head = Error.prototype.toString.call(err);
    } catch {
      head = 'Error';
    }
    if (typeof stack !== 'string' || stack === '') return head;
    stack = stack.replace(/\n+$/, '');
    // JavaScriptCore writes `fn@file:line:col` frames: shown in V8's `at fn (file:line:col)`.
    if (/^[^\n]*@[^\n]*:\d+:\d+$/m.test(stack) && !/^\s+at\s/m.test(stack)) {
      stack = stack
        .split('\n')
        .map((line) => {
          const at = line.lastIndexOf('@');
          if (at === -1) return `    at ${line}`;
          const fn = line.slice(0, at);
          const place = line.slice(at + 1);
          return fn === '' || fn === 'global code' ? `    at ${place}` : `    at ${fn} (${place})`;
        })
        .join('\n');
    }
    // QuickJS keeps only the frames in `stack`; V8 starts it with "Name: message".
    if (/^\s+at\s/.test(stack)) stack = `${head}\n${stack}`;
    return stack;
  }

  function formatError(err, ctor, tag, ctx, keys) {
    let stack = errorStack(err);
    // Own name/message/stack properties already visible in the stack are not repeated.
    for (const k of ['name', 'message', 'stack']) {
      const i = keys.indexOf(k);
      if (i !== -1 && typeof err[k] === 'string' && stack.includes(err[k])) keys.splice(i, 1);
    }
    if ('cause' in err && !keys.includes('cause')) keys.push('cause');
    if (Array.isArray(err.errors) && hasOwn(err, 'errors') && !keys.includes('errors')) keys.push('errors');
    const name = typeof err.name === 'string' ? err.name : 'Error';
    if (ctor === null) stack = `[${name}: null prototype] ${stack}`;
    else if (ctor !== name && !stack.split('\n', 1)[0].includes(ctor) && stack.startsWith(name)) {
      stack = `${ctor} [${name}]${stack.slice(name.length)}`;
    }
    if (!stack.includes('\n    at')) stack = `[${stack}]`;
    if (ctx.indentationLvl !== 0) stack = stack.replaceAll('\n', `\n${' '.repeat(ctx.indentationLvl)}`);
    return stack;
  }

  const hexBytes = (bytes, max) => {
    const n = Math.min(max, bytes.length);
    let s = '';
    for (let i = 0; i < n; i++) s += (i ? ' ' : '') + bytes[i].toString(16).padStart(2, '0');
    if (bytes.length > max) s += ` ... ${bytes.length - max} more byte${bytes.length - max > 1 ? 's' : ''}`;
    return s;
  };

  function promiseState(p) {
    const hook = internal.native && internal.native.promiseState;
    if (typeof hook === 'function') {
      try {
        return hook(p); // [state, result], state 0 pending, 1 fulfilled, 2 rejected
      } catch {}
    }
    return undefined;
  }

  function formatValue(ctx, value, recurseTimes) {
    if (value === null) return 'null';
    if (typeof value !== 'object' && typeof value !== 'function') return formatPrimitive(ctx, value);
    if (globalThis.Buffer && typeof globalThis.Buffer.isBuffer === 'function' && globalThis.Buffer.isBuffer(value)) {
      const extra = ownKeys(value, false).filter((k) => !isIndex(k));
      let s = `<Buffer ${hexBytes(value, 50)}>`;
      if (extra.length === 0) return s;
      if (recurseTimes > ctx.depth) return s;
      ctx.indentationLvl += 2;
      const out = extra.map((k) => formatProperty(ctx, value, recurseTimes + 1, k, OBJECT));
      ctx.indentationLvl -= 2;
      return reduceToSingleString(ctx, out, s, ['{', '}'], OBJECT, recurseTimes, value);
    }
    if (ctx.customInspect) {
      let custom;
      try {
        custom = value[customInspectSymbol];
      } catch {}
      if (typeof custom === 'function' && custom !== inspect && !(hasOwn(value, 'constructor') && value.constructor && value.constructor.prototype === value)) {
        const depth = ctx.depth === Infinity ? null : ctx.depth - recurseTimes;
        const options = { ...ctx.userOptions, depth, stylize: (s) => s };
        const result = custom.call(value, depth, options, inspect);
        if (result !== value) {
          if (typeof result !== 'string') return formatValue(ctx, result, recurseTimes);
          return result.replaceAll('\n', `\n${' '.repeat(ctx.indentationLvl)}`);
        }
      }
    }
    if (ctx.seen.includes(value)) {
      let index = ctx.circular.get(value);
      if (index === undefined) {
        index = ctx.circular.size + 1;
        ctx.circular.set(value, index);
      }
      return `[Circular *${index}]`;
    }
    return formatRaw(ctx, value, recurseTimes);
  }

  function formatRaw(ctx, value, recurseTimes) {
    const ctor = constructorName(value);
    let tag = '';
    try {
      const t = value[Symbol.toStringTag];
      if (typeof t === 'string' && t !== '' && !(ctx.showHidden ? hasOwn : (o, k) => Object.prototype.propertyIsEnumerable.call(o, k))(value, Symbol.toStringTag)) tag = t;
    } catch {}
    let keys = ownKeys(value, ctx.showHidden);
    let base = '';
    let braces;
    let formatter = () => [];
    let extrasType = OBJECT;
    const ta = typedArrayName(value);
    // The built-in kind, to try only the one brand check that can match (a failed brand
    // check throws, and exceptions are slow); a spoofed Symbol.toStringTag just gives a
    // plain-object rendering.
    const kind = objectToString(value).slice(8, -1);

    if (Array.isArray(value)) {
      keys = keys.filter((k) => !isIndex(k));
      const prefix = ctor !== 'Array' || tag !== '' ? prefixOf(ctor, tag, 'Array', `(${value.length})`) : '';
      braces = [`${prefix}[`, ']'];
      if (value.length === 0 && keys.length === 0) return `${braces[0]}]`;
      extrasType = ARRAY_EXTRAS;
      formatter = formatArray;
    } else if (kind === 'Set' && types.isSet(value)) {
      const size = getter(Set.prototype, 'size').call(value);
      const prefix = prefixOf(ctor, tag, 'Set', `(${size})`);
      braces = [`${prefix}{`, '}'];
      if (size === 0 && keys.length === 0) return `${prefix}{}`;
      formatter = formatSet;
    } else if (kind === 'Map' && types.isMap(value)) {
      const size = getter(Map.prototype, 'size').call(value);
      const prefix = prefixOf(ctor, tag, 'Map', `(${size})`);
      braces = [`${prefix}{`, '}'];
      if (size === 0 && keys.length === 0) return `${prefix}{}`;
      formatter = formatMap;
    } else if (ta !== undefined) {
      keys = keys.filter((k) => !isIndex(k));
      braces = [`${prefixOf(ctor, tag, ta, `(${value.length})`)}[`, ']'];
      if (value.length === 0 && keys.length === 0 && !ctx.showHidden) return `${braces[0]}]`;
      formatter = formatTypedArray;
      extrasType = ARRAY_EXTRAS;
    } else {
      braces = ['{', '}'];
      if (kind === 'Arguments') {
        // Node 20 prints arguments objects with their index keys: [Arguments] { '0': 1 }.
        braces[0] = '[Arguments] {';
        if (keys.length === 0) return '[Arguments] {}';
      } else if (typeof value === 'function') {
        base = functionBase(value, ctor, tag);
        if (keys.length === 0) return base;
      } else if (kind === 'RegExp' && types.isRegExp(value)) {
        base = RegExp.prototype.toString.call(value);
        const prefix = prefixOf(ctor, tag, 'RegExp');
        if (prefix !== 'RegExp ') base = `${prefix}${base}`;
        if (keys.length === 0 || (recurseTimes > ctx.depth)) return base;
      } else if (kind === 'Date' && types.isDate(value)) {
        const t = Date.prototype.getTime.call(value);
        base = Number.isNaN(t) ? 'Invalid Date' : Date.prototype.toISOString.call(value);
        const prefix = prefixOf(ctor, tag, 'Date');
        if (prefix !== 'Date ') base = `${prefix}${base}`;
        if (keys.length === 0) return base;
      } else if (types.isNativeError(value)) {
        base = formatError(value, ctor, tag, ctx, keys);
        if (keys.length === 0) return base;
      } else if ((kind === 'ArrayBuffer' || kind === 'SharedArrayBuffer') && types.isAnyArrayBuffer(value)) {
        const shared = !types.isArrayBuffer(value);
        const name = shared ? 'SharedArrayBuffer' : 'ArrayBuffer';
        const prefix = prefixOf(ctor, tag, name);
        braces[0] = `${prefix}{`;
        formatter = () => {
          const bytes = new Uint8Array(value);
          return [`[Uint8Contents]: <${hexBytes(bytes, ctx.maxArrayLength)}>`, `byteLength: ${formatNumber(bytes.length)}`];
        };
      } else if (kind === 'DataView' && types.isDataView(value)) {
        braces[0] = `${prefixOf(ctor, tag, 'DataView')}{`;
        formatter = (c, v, rt) => {
          c.indentationLvl += 2;
          const out = [`byteLength: ${v.byteLength}`, `byteOffset: ${v.byteOffset}`, `buffer: ${formatValue(c, v.buffer, rt)}`];
          c.indentationLvl -= 2;
          return out;
        };
      } else if (kind === 'Promise' && types.isPromise(value)) {
        braces[0] = `${prefixOf(ctor, tag, 'Promise')}{`;
        formatter = (c, v, rt) => {
          const st = promiseState(v);
          if (st === undefined) return ['<unknown>'];
          if (st[0] === 0) return ['<pending>'];
          c.indentationLvl += 2;
          const s = formatValue(c, st[1], rt);
          c.indentationLvl -= 2;
          return [st[0] === 2 ? `<rejected> ${s}` : s];
        };
      } else if ((kind === 'WeakSet' || kind === 'WeakMap') && (types.isWeakSet(value) || types.isWeakMap(value))) {
        braces[0] = `${prefixOf(ctor, tag, types.isWeakSet(value) ? 'WeakSet' : 'WeakMap')}{`;
        formatter = () => ['<items unknown>'];
      } else if (kind === 'Module' && types.isModuleNamespaceObject(value)) {
        braces[0] = '[Module: null prototype] {';
        keys = keys.filter((k) => k !== Symbol.toStringTag);
      } else if ((kind === 'Number' || kind === 'String' || kind === 'Boolean' || kind === 'BigInt' || kind === 'Symbol') && types.isBoxedPrimitive(value)) {
        let type;
        let inner;
        if (types.isNumberObject(value)) [type, inner] = ['Number', formatNumber(Number.prototype.valueOf.call(value))];
        else if (types.isStringObject(value)) {
          const s = String.prototype.valueOf.call(value);
          [type, inner] = ['String', strEscape(s)];
          keys = keys.filter((k) => !isIndex(k) && k !== 'length');
        } else if (types.isBooleanObject(value)) [type, inner] = ['Boolean', `${Boolean.prototype.valueOf.call(value)}`];
        else if (types.isBigIntObject(value)) [type, inner] = ['BigInt', `${BigInt.prototype.valueOf.call(value)}n`];
        else [type, inner] = ['Symbol', Symbol.prototype.valueOf.call(value).toString()];
        base = `[${type}`;
        if (type !== ctor) base += ctor === null ? ' (null prototype)' : ` (${ctor})`;
        base += `: ${inner}]`;
        if (tag !== '' && tag !== ctor) base += ` [${tag}]`;
        if (keys.length === 0) return base;
      } else {
        if (ctor !== 'Object' || tag !== '') braces[0] = `${prefixOf(ctor, tag, 'Object')}{`;
        if (keys.length === 0) return `${braces[0]}}`;
      }
    }

    if (recurseTimes > ctx.depth) {
      let name = prefixOf(ctor, tag, Array.isArray(value) ? 'Array' : 'Object').slice(0, -1);
      if (ctor !== null) name = `[${name}]`;
      return name;
    }
    recurseTimes += 1;
    ctx.seen.push(value);
    ctx.currentDepth = recurseTimes;
    let output;
    try {
      output = formatter(ctx, value, recurseTimes);
      for (const k of keys) output.push(formatProperty(ctx, value, recurseTimes, k, extrasType));
    } finally {
      ctx.seen.pop();
    }
    if (ctx.sorted) {
      const cmp = ctx.sorted === true ? undefined : ctx.sorted;
      if (extrasType === OBJECT) output.sort(cmp);
      else if (keys.length > 1) {
        const tail = output.slice(output.length - keys.length).sort(cmp);
        output.splice(output.length - keys.length, keys.length, ...tail);
      }
    }
    const index = ctx.circular.get(value);
    if (index !== undefined) {
      const ref = `<ref *${index}>`;
      if (ctx.compact !== true) base = base === '' ? ref : `${ref} ${base}`;
      else braces[0] = `${ref} ${braces[0]}`;
    }
    return reduceToSingleString(ctx, output, base, braces, extrasType, recurseTimes, value);
  }

  function formatProperty(ctx, value, recurseTimes, key, type) {
    let desc = Object.getOwnPropertyDescriptor(value, key);
    if (desc === undefined) desc = { value: value[key], enumerable: true };
    let str;
    let sep = ' ';
    if ('value' in desc) {
      const diff = ctx.compact !== true || type !== OBJECT ? 2 : 3;
      ctx.indentationLvl += diff;
      str = formatValue(ctx, desc.value, recurseTimes);
      if (diff === 3 && ctx.breakLength < str.length) sep = `\n${' '.repeat(ctx.indentationLvl)}`;
      ctx.indentationLvl -= diff;
    } else if (desc.get !== undefined) {
      const label = desc.set !== undefined ? 'Getter/Setter' : 'Getter';
      if (ctx.getters && (ctx.getters === true || (ctx.getters === 'get' && desc.set === undefined) || (ctx.getters === 'set' && desc.set !== undefined))) {
        try {
          const v = desc.get.call(value);
          ctx.indentationLvl += 2;
          str = v !== null && typeof v === 'object' ? `[${label}] ${formatValue(ctx, v, recurseTimes)}` : `[${label}: ${formatPrimitive(ctx, v)}]`;
          ctx.indentationLvl -= 2;
        } catch (e) {
          str = `[${label}: <Inspection threw (${e && e.message})>]`;
        }
      } else str = `[${label}]`;
    } else if (desc.set !== undefined) str = '[Setter]';
    else str = 'undefined';
    if (type === ARRAY) return str;
    let name;
    if (typeof key === 'symbol') name = `[${key.toString()}]`;
    else if (desc.enumerable === false) name = `[${identifierRe.test(key) ? key : strEscape(key)}]`;
    else name = identifierRe.test(key) ? key : strEscape(key);
    return `${name}:${sep}${str}`;
  }

  function formatArray(ctx, value, recurseTimes) {
    const length = value.length;
    const limit = Math.min(Math.max(0, ctx.maxArrayLength), length);
    const output = [];
    let shown = 0;
    let i = 0;
    for (; i < length && shown < limit; shown++) {
      if (!hasOwn(value, i)) {
        let j = i;
        while (j < length && !hasOwn(value, j)) j++;
        const holes = j - i;
        output.push(`<${holes} empty item${holes > 1 ? 's' : ''}>`);
        i = j;
        continue;
      }
      output.push(formatProperty(ctx, value, recurseTimes, i, ARRAY));
      i++;
    }
    const remaining = length - i;
    if (remaining > 0) output.push(`... ${remaining} more item${remaining > 1 ? 's' : ''}`);
    return output;
  }

  function formatTypedArray(ctx, value, recurseTimes) {
    const length = value.length;
    const limit = Math.min(Math.max(0, ctx.maxArrayLength), length);
    const output = [];
    for (let i = 0; i < limit; i++) output.push(typeof value[i] === 'bigint' ? `${value[i]}n` : formatNumber(value[i]));
    if (length > limit) output.push(`... ${length - limit} more item${length - limit > 1 ? 's' : ''}`);
    if (ctx.showHidden) {
      ctx.indentationLvl += 2;
      for (const k of ['BYTES_PER_ELEMENT', 'length', 'byteLength', 'byteOffset', 'buffer']) {
        output.push(`[${k}]: ${formatValue(ctx, value[k], recurseTimes)}`);
      }
      ctx.indentationLvl -= 2;
    }
    return output;
  }

  function formatSet(ctx, value, recurseTimes) {
    const output = [];
    const limit = Math.max(0, ctx.maxArrayLength);
    let n = 0;
    ctx.indentationLvl += 2;
    for (const v of Set.prototype.values.call(value)) {
      if (n++ >= limit) break;
      output.push(formatValue(ctx, v, recurseTimes));
    }
    ctx.indentationLvl -= 2;
    const size = getter(Set.prototype, 'size').call(value);
    if (size > limit) output.push(`... ${size - limit} more item${size - limit > 1 ? 's' : ''}`);
    return output;
  }

  function formatMap(ctx, value, recurseTimes) {
    const output = [];
    const limit = Math.max(0, ctx.maxArrayLength);
    let n = 0;
    ctx.indentationLvl += 2;
    for (const [k, v] of Map.prototype.entries.call(value)) {
      if (n++ >= limit) break;
      output.push(`${formatValue(ctx, k, recurseTimes)} => ${formatValue(ctx, v, recurseTimes)}`);
    }
    ctx.indentationLvl -= 2;
    const size = getter(Map.prototype, 'size').call(value);
    if (size > limit) output.push(`... ${size - limit} more item${size - limit > 1 ? 's' : ''}`);
    return output;
  }

  // Arrays of more than six short items are laid out in aligned columns, about as wide as
  // the block is tall (a character is taken to be 2.5 times as high as wide).
  function groupArrayElements(ctx, output, value) {
    let count = output.length;
    if (ctx.maxArrayLength < output.length) count--; // the "... more items" line stays alone
    const sep = 2; // ", "
    const lengths = output.slice(0, count).map((s) => s.length);
    const total = lengths.reduce((a, n) => a + n + sep, 0);
    const maxLength = Math.max(0, ...lengths);
    const cell = maxLength + sep;
    if (!(cell * 3 + ctx.indentationLvl < ctx.breakLength && (total / cell > 5 || maxLength <= 6))) return output;
    const bias = Math.sqrt(cell - total / output.length);
    const biasedMax = Math.max(cell - 3 - bias, 1);
    const columns = Math.min(
      Math.round(Math.sqrt(2.5 * biasedMax * count) / biasedMax),
      Math.floor((ctx.breakLength - ctx.indentationLvl) / cell),
      ctx.compact * 4,
      15,
    );
    if (columns <= 1) return output;
    const widths = [];
    for (let c = 0; c < columns; c++) {
      let w = 0;
      for (let j = c; j < output.length; j += columns) if (lengths[j] > w) w = lengths[j];
      widths.push(w + sep);
    }
    let numeric = true;
    if (value !== undefined) {
      for (let i = 0; i < output.length; i++) {
        if (typeof value[i] !== 'number' && typeof value[i] !== 'bigint') {
          numeric = false;
          break;
        }
      }
    }
    const rows = [];
    for (let i = 0; i < count; i += columns) {
      const end = Math.min(i + columns, count);
      let line = '';
      for (let j = i; j < end - 1; j++) {
        const cellText = `${output[j]}, `;
        line += numeric ? cellText.padStart(widths[j - i]) : cellText.padEnd(widths[j - i]);
      }
      line += numeric ? output[end - 1].padStart(widths[end - 1 - i] - sep) : output[end - 1];
      rows.push(line);
    }
    if (count < output.length) rows.push(output[count]);
    return rows;
  }

  function fitsOnLine(ctx, output, start, base) {
    let total = output.length + start;
    if (total + output.length > ctx.breakLength) return false;
    for (const s of output) {
      total += s.length;
      if (total > ctx.breakLength) return false;
    }
    return base === '' || !base.includes('\n');
  }

  function reduceToSingleString(ctx, output, base, braces, extrasType, recurseTimes, value) {
    const head = base ? `${base} ` : '';
    if (ctx.compact !== true) {
      if (typeof ctx.compact === 'number' && ctx.compact >= 1) {
        const entries = output.length;
        if (extrasType === ARRAY_EXTRAS && entries > 6) output = groupArrayElements(ctx, output, value);
        if (ctx.currentDepth - recurseTimes < ctx.compact && entries === output.length) {
          const start = output.length + ctx.indentationLvl + braces[0].length + base.length + 10;
          if (fitsOnLine(ctx, output, start, base)) {
            const joined = output.join(', ');
            if (!joined.includes('\n')) return `${head}${braces[0]} ${joined} ${braces[1]}`;
          }
        }
      }
      const ind = `\n${' '.repeat(ctx.indentationLvl)}`;
      return `${head}${braces[0]}${ind}  ${output.join(`,${ind}  `)}${ind}${braces[1]}`;
    }
    if (fitsOnLine(ctx, output, 0, base)) return `${braces[0]}${base ? ` ${base}` : ''} ${output.join(', ')} ${braces[1]}`;
    const ind = ' '.repeat(ctx.indentationLvl);
    const lead = base === '' && braces[0].length === 1 ? ' ' : `${base ? ` ${base}` : ''}\n${ind}  `;
    return `${braces[0]}${lead}${output.join(`,\n${ind}  `)} ${braces[1]}`;
  }

  function inspect(value, opts) {
    const ctx = { ...defaultOptions, ...inspect.defaultOptions, seen: [], circular: new Map(), indentationLvl: 0, currentDepth: 0, userOptions: {} };
    if (arguments.length > 2) {
      // Legacy signature inspect(value, showHidden, depth, colors).
      if (arguments[2] !== undefined) ctx.depth = arguments[2];
      if (arguments.length > 3 && arguments[3] !== undefined) ctx.colors = arguments[3];
    }
    if (typeof opts === 'boolean') ctx.showHidden = opts;
    else if (opts !== null && typeof opts === 'object') {
      for (const k of Object.keys(opts)) {
        if (hasOwn(defaultOptions, k) || k === 'stylize') ctx[k] = opts[k];
      }
    }
    ctx.userOptions = { ...defaultOptions, ...inspect.defaultOptions, ...(opts !== null && typeof opts === 'object' ? opts : {}) };
    if (ctx.depth === null) ctx.depth = Infinity;
    if (ctx.maxArrayLength === null) ctx.maxArrayLength = Infinity;
    if (ctx.maxStringLength === null) ctx.maxStringLength = Infinity;
    return formatValue(ctx, value, 0);
  }
  inspect.custom = customInspectSymbol;
  Object.defineProperty(inspect, 'defaultOptions', {
    get: () => defaultOptionsView,
    set(options) {
      if (options === null || typeof options !== 'object') throw invalidArgType('options', 'of type object', options);
      Object.assign(defaultOptionsView, options);
    },
    enumerable: true,
  });
  const defaultOptionsView = { ...defaultOptions };
  // Style tables (colors are accepted but never applied: output goes to logs, not a terminal).
  inspect.colors = Object.assign(Object.create(null), {
    reset: [0, 0], bold: [1, 22], dim: [2, 22], italic: [3, 23], underline: [4, 24], blink: [5, 25], inverse: [7, 27],
    hidden: [8, 28], strikethrough: [9, 29], doubleunderline: [21, 24], black: [30, 39], red: [31, 39], green: [32, 39],
    yellow: [33, 39], blue: [34, 39], magenta: [35, 39], cyan: [36, 39], white: [37, 39], bgBlack: [40, 49], bgRed: [41, 49],
    bgGreen: [42, 49], bgYellow: [43, 49], bgBlue: [44, 49], bgMagenta: [45, 49], bgCyan: [46, 49], bgWhite: [47, 49],
    framed: [51, 54], overlined: [53, 55], gray: [90, 39], redBright: [91, 39], greenBright: [92, 39], yellowBright: [93, 39],
    blueBright: [94, 39], magentaBright: [95, 39], cyanBright: [96, 39], whiteBright: [97, 39], bgGray: [100, 49],
    bgRedBright: [101, 49], bgGreenBright: [102, 49], bgYellowBright: [103, 49], bgBlueBright: [104, 49],
    bgMagentaBright: [105, 49], bgCyanBright: [106, 49], bgWhiteBright: [107, 49],
  });
  inspect.styles = Object.assign(Object.create(null), {
    special: 'cyan', number: 'yellow', bigint: 'yellow', boolean: 'yellow', undefined: 'grey', null: 'bold',
    string: 'green', symbol: 'green', date: 'magenta', regexp: 'red', module: 'underline',
  });

  // ---------------------------------------------------------------------------------------
  // format
  const builtinCtors = new Set(['Object', 'Error', 'Array', 'Date', 'RegExp', 'Map', 'Set', 'Function', 'Promise', 'WeakMap', 'WeakSet', 'ArrayBuffer', 'DataView', 'Number', 'String', 'Boolean', 'Symbol', 'BigInt', 'EvalError', 'RangeError', 'ReferenceError', 'SyntaxError', 'TypeError', 'URIError', 'AggregateError']);

  function hasBuiltinToString(value) {
    if (typeof value.toString !== 'function') return true;
    if (hasOwn(value, 'toString')) return false;
    let p = value;
    do p = Object.getPrototypeOf(p);
    while (p !== null && !hasOwn(p, 'toString'));
    if (p === null) return true;
    const d = Object.getOwnPropertyDescriptor(p, 'constructor');
    return d !== undefined && typeof d.value === 'function' && (builtinCtors.has(d.value.name) || typedArrayName(p) !== undefined || p === TypedArrayProto);
  }

  function formatWithOptionsInternal(options, args) {
    const first = args[0];
    let a = 0;
    let str = '';
    let join = '';
    if (typeof first === 'string') {
      if (args.length === 1) return first;
      let last = 0;
      for (let i = 0; i < first.length - 1; i++) {
        if (first.charCodeAt(i) !== 37) continue; // '%'
        const c = first[i + 1];
        if (a + 1 !== args.length) {
          let piece;
          switch (c) {
            case 's': {
              const v = args[++a];
              if (typeof v === 'number') piece = formatNumber(v);
              else if (typeof v === 'bigint') piece = `${v}n`;
              else if (v === null || typeof v !== 'object' || hasBuiltinToString(v) === false) piece = String(v);
              else piece = inspect(v, { ...options, depth: 0, colors: false, compact: 3 });
              break;
            }
            case 'j':
              try {
                piece = JSON.stringify(args[++a]);
              } catch (e) {
                if (e instanceof TypeError && /circular|cyclic/i.test(e.message)) piece = '[Circular]';
                else throw e;
              }
              break;
            case 'd': {
              const v = args[++a];
              piece = typeof v === 'bigint' ? `${v}n` : typeof v === 'symbol' ? 'NaN' : formatNumber(Number(v));
              break;
            }
            case 'O':
              piece = inspect(args[++a], options);
              break;
            case 'o':
              piece = inspect(args[++a], { ...options, showHidden: true, showProxy: true, depth: 4 });
              break;
            case 'i': {
              const v = args[++a];
              piece = typeof v === 'bigint' ? `${v}n` : typeof v === 'symbol' ? 'NaN' : formatNumber(Number.parseInt(v));
              break;
            }
            case 'f': {
              const v = args[++a];
              piece = typeof v === 'symbol' ? 'NaN' : formatNumber(Number.parseFloat(v));
              break;
            }
            case 'c':
              a++;
              piece = '';
              break;
            case '%':
              str += first.slice(last, i);
              last = i + 1;
              continue;
            default:
              continue;
          }
          if (last !== i) str += first.slice(last, i);
          str += piece;
          last = i + 2;
          i++;
        } else if (c === '%') {
          str += first.slice(last, i);
          last = i + 1;
        }
      }
      if (last !== 0) {
        a++;
        join = ' ';
        if (last < first.length) str += first.slice(last);
      }
    }
    for (; a < args.length; a++) {
      const v = args[a];
      str += join + (typeof v === 'string' ? v : inspect(v, options));
      join = ' ';
    }
    return str;
  }

  const format = (...args) => formatWithOptionsInternal(undefined, args);
  function formatWithOptions(inspectOptions, ...args) {
    if (inspectOptions === null || typeof inspectOptions !== 'object') throw invalidArgType('inspectOptions', 'of type object', inspectOptions);
    return formatWithOptionsInternal(inspectOptions, args);
  }

  // ---------------------------------------------------------------------------------------
  // Deep equality (shared with node:assert): Node's rules for deepEqual (loose) and
  // deepStrictEqual (strict: prototypes, Object.is, symbol keys).
  function isDeepEqual(a, b, strict) {
    return deepEq(a, b, strict, new Map());
  }

  function deepEq(a, b, strict, memo) {
    if (a === b) return a !== 0 || !strict || Object.is(a, b);
    if (strict) {
      if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
        return typeof a === 'number' && typeof b === 'number' ? Number.isNaN(a) && Number.isNaN(b) : false;
      }
      if (Object.getPrototypeOf(a) !== Object.getPrototypeOf(b)) return false;
    } else {
      if (a === null || typeof a !== 'object') {
        if (b === null || typeof b !== 'object') return a == b || (Number.isNaN(a) && Number.isNaN(b)); // eslint-disable-line eqeqeq
        return false;
      }
      if (b === null || typeof b !== 'object') return false;
    }
    const tag = objectToString(a);
    if (tag !== objectToString(b)) return false;
    if (Array.isArray(a) !== Array.isArray(b)) return false;
    // Cycles: a pair already being compared is taken as equal.
    let seenB = memo.get(a);
    if (seenB !== undefined && seenB.has(b)) return true;
    if (seenB === undefined) memo.set(a, (seenB = new Set()));
    seenB.add(b);
    try {
      return deepEqInner(a, b, strict, memo);
    } finally {
      seenB.delete(b);
    }
  }

  function deepEqInner(a, b, strict, memo) {
    if (Array.isArray(a)) {
      if (a.length !== b.length) return false;
      return keysEqual(a, b, strict, memo, true);
    }
    if (types.isDate(a)) {
      if (!types.isDate(b) || Date.prototype.getTime.call(a) !== Date.prototype.getTime.call(b)) return false;
    } else if (types.isRegExp(a)) {
      if (!types.isRegExp(b) || a.source !== b.source || a.flags !== b.flags || a.lastIndex !== b.lastIndex) return false;
    } else if (types.isNativeError(a) || a instanceof Error) {
      if (!(types.isNativeError(b) || b instanceof Error) || a.message !== b.message || a.name !== b.name) return false;
      if (('cause' in a) !== ('cause' in b) || ('cause' in a && !deepEq(a.cause, b.cause, strict, memo))) return false;
    } else if (ArrayBuffer.isView(a)) {
      if (!ArrayBuffer.isView(b)) return false;
      if (strict && typedArrayName(a) !== typedArrayName(b)) return false;
      const name = typedArrayName(a);
      if (!strict && (name === 'Float32Array' || name === 'Float64Array')) {
        if (a.length !== b.length) return false;
        for (let i = 0; i < a.length; i++) if (a[i] != b[i]) return false; // eslint-disable-line eqeqeq
      } else {
        if (a.byteLength !== b.byteLength) return false;
        const x = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
        const y = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
        for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
      }
      return keysEqual(a, b, strict, memo, true);
    } else if (types.isAnyArrayBuffer(a)) {
      if (!types.isAnyArrayBuffer(b)) return false;
      const x = new Uint8Array(a);
      const y = new Uint8Array(b);
      if (x.length !== y.length) return false;
      for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return false;
    } else if (types.isBoxedPrimitive(a)) {
      if (!types.isBoxedPrimitive(b)) return false;
      const unbox = (v) => (types.isNumberObject(v) ? Number.prototype.valueOf.call(v)
        : types.isStringObject(v) ? String.prototype.valueOf.call(v)
        : types.isBooleanObject(v) ? Boolean.prototype.valueOf.call(v)
        : types.isBigIntObject(v) ? BigInt.prototype.valueOf.call(v)
        : Symbol.prototype.valueOf.call(v));
      if (!Object.is(unbox(a), unbox(b))) return false;
    } else if (types.isWeakMap(a) || types.isWeakSet(a) || typeof a === 'function') {
      return false; // only the identical object (checked before) is equal
    }
    if (types.isSet(a)) {
      if (!types.isSet(b) || a.size !== b.size || !setEqual(a, b, strict, memo)) return false;
    } else if (types.isMap(a)) {
      if (!types.isMap(b) || a.size !== b.size || !mapEqual(a, b, strict, memo)) return false;
    } else if (types.isSet(b) || types.isMap(b)) return false;
    return keysEqual(a, b, strict, memo, false);
  }

  function keysEqual(a, b, strict, memo, skipIndexes) {
    const keysOf = (o) => {
      let k = Object.keys(o);
      if (skipIndexes) k = k.filter((x) => !isIndex(x));
      if (strict) for (const s of Object.getOwnPropertySymbols(o)) if (Object.prototype.propertyIsEnumerable.call(o, s)) k.push(s);
      return k;
    };
    const ka = keysOf(a);
    const kb = keysOf(b);
    if (ka.length !== kb.length) return false;
    for (const k of ka) if (!Object.prototype.propertyIsEnumerable.call(b, k)) return false;
    if (skipIndexes && Array.isArray(a)) {
      for (let i = 0; i < a.length; i++) {
        const ha = hasOwn(a, i);
        if (ha !== hasOwn(b, i) && strict) return false;
        if (!deepEq(a[i], b[i], strict, memo)) return false;
      }
    }
    for (const k of ka) if (!deepEq(a[k], b[k], strict, memo)) return false;
    return true;
  }

  function setEqual(a, b, strict, memo) {
    const unmatched = [];
    for (const v of b) if (!a.has(v) || (v !== null && typeof v === 'object')) unmatched.push(v);
    for (const v of a) {
      if (b.has(v) && (v === null || typeof v !== 'object')) continue;
      if (v !== null && typeof v === 'object' && b.has(v)) {
        const i = unmatched.indexOf(v);
        if (i !== -1) {
          unmatched.splice(i, 1);
          continue;
        }
      }
      const i = unmatched.findIndex((w) => deepEq(v, w, strict, memo));
      if (i === -1) return false;
      unmatched.splice(i, 1);
    }
    return unmatched.length === 0;
  }

  function mapEqual(a, b, strict, memo) {
    const unmatched = [];
    for (const [k, v] of b) if (!a.has(k)) unmatched.push([k, v]);
    for (const [k, v] of a) {
      if (b.has(k)) {
        if (!deepEq(v, b.get(k), strict, memo)) return false;
        continue;
      }
      const i = unmatched.findIndex(([k2, v2]) => deepEq(k, k2, strict, memo) && deepEq(v, v2, strict, memo));
      if (i === -1) return false;
      unmatched.splice(i, 1);
    }
    return unmatched.length === 0;
  }

  // ---------------------------------------------------------------------------------------
  // promisify / callbackify / deprecate / inherits
  const promisifyCustom = Symbol.for('nodejs.util.promisify.custom');
  function promisify(original) {
    if (typeof original !== 'function') throw invalidArgType('original', 'of type function', original);
    const custom = original[promisifyCustom];
    if (custom !== undefined) {
      if (typeof custom !== 'function') throw invalidArgType('util.promisify.custom', 'of type function', custom);
      return Object.defineProperty(custom, promisifyCustom, { value: custom, enumerable: false, writable: false, configurable: true });
    }
    const argNames = original[Symbol.for('ferroute.util.customPromisifyArgs')];
    function fn(...args) {
      return new Promise((resolve, reject) => {
        Reflect.apply(original, this, [...args, (err, ...values) => {
          if (err) return reject(err);
          if (argNames !== undefined && values.length > 1) {
            const obj = {};
            argNames.forEach((name, i) => { obj[name] = values[i]; });
            resolve(obj);
          } else resolve(values[0]);
        }]);
      });
    }
    Object.setPrototypeOf(fn, Object.getPrototypeOf(original));
    Object.defineProperty(fn, promisifyCustom, { value: fn, enumerable: false, writable: false, configurable: true });
    return Object.defineProperties(fn, Object.getOwnPropertyDescriptors(original));
  }
  promisify.custom = promisifyCustom;

  function callbackify(original) {
    if (typeof original !== 'function') throw invalidArgType('original', 'of type function', original);
    function callbackified(...args) {
      const cb = args.pop();
      if (typeof cb !== 'function') throw invalidArgType('last argument', 'of type function', cb);
      const onError = (reason) => {
        if (!reason) {
          const e = new Error('Promise was rejected with a falsy value');
          e.code = 'ERR_FALSY_VALUE_REJECTION';
          e.reason = reason;
          reason = e;
        }
        cb.call(this, reason);
      };
      Reflect.apply(original, this, args).then((v) => process.nextTick(cb.bind(this), null, v), (r) => process.nextTick(onError, r));
    }
    const descriptors = Object.getOwnPropertyDescriptors(original);
    if (typeof descriptors.length.value === 'number') descriptors.length.value++;
    if (typeof descriptors.name.value === 'string') descriptors.name.value += 'Callbackified';
    Object.defineProperties(callbackified, descriptors);
    Object.setPrototypeOf(callbackified, Object.getPrototypeOf(original));
    return callbackified;
  }

  const warnedCodes = new Set();
  function emitWarning(message, type, code) {
    if (globalThis.process && typeof process.emitWarning === 'function') process.emitWarning(message, type, code);
    else console.error(`(node) ${code ? `[${code}] ` : ''}${type || 'Warning'}: ${message}`);
  }
  function deprecate(fn, msg, code) {
    if (typeof fn !== 'function') throw invalidArgType('fn', 'of type function', fn);
    if (globalThis.process && process.noDeprecation === true) return fn;
    let warned = false;
    function deprecated(...args) {
      if (!warned && !(code !== undefined && warnedCodes.has(code))) {
        warned = true;
        if (code !== undefined) warnedCodes.add(code);
        emitWarning(msg, 'DeprecationWarning', code);
      }
      return new.target ? Reflect.construct(fn, args, new.target) : Reflect.apply(fn, this, args);
    }
    Object.setPrototypeOf(deprecated, fn);
    if (fn.prototype) deprecated.prototype = fn.prototype;
    return deprecated;
  }

  function inherits(ctor, superCtor) {
    if (ctor === undefined || ctor === null) throw invalidArgType('ctor', 'of type function', ctor);
    if (superCtor === undefined || superCtor === null) throw invalidArgType('superCtor', 'of type function', superCtor);
    if (superCtor.prototype === undefined) throw invalidArgType('superCtor.prototype', 'of type object', superCtor.prototype);
    Object.defineProperty(ctor, 'super_', { value: superCtor, writable: true, configurable: true });
    Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
  }

  // ---------------------------------------------------------------------------------------
  // debuglog: enabled for the sections named in NODE_DEBUG (comma-separated, `*` wildcards).
  let debugPatterns;
  function debugEnabled(section) {
    if (debugPatterns === undefined) {
      const env = (globalThis.process && process.env && process.env.NODE_DEBUG) || '';
      debugPatterns = env.split(/[\s,]+/).filter(Boolean).map((p) => new RegExp(`^${p.replace(/[|\\{}()[\]^$+?.]/g, '\\$&').replace(/\*/g, '.*')}$`, 'i'));
    }
    return debugPatterns.some((re) => re.test(section));
  }
  function debuglog(section, cb) {
    section = String(section).toUpperCase();
    let enabled;
    const logger = (...args) => {
      if (enabled === undefined) {
        enabled = debugEnabled(section);
        if (typeof cb === 'function') cb(logger);
      }
      if (enabled) console.error('%s %d: %s', section, (globalThis.process && process.pid) || 0, format(...args));
    };
    Object.defineProperty(logger, 'enabled', {
      get: () => (enabled === undefined ? (enabled = debugEnabled(section)) : enabled),
      configurable: true,
      enumerable: true,
    });
    return logger;
  }

  // ---------------------------------------------------------------------------------------
  // Small helpers
  const ansiRe = /[\u001B\u009B][[\]()#;?]*(?:(?:(?:(?:;[-a-zA-Z\d/#&.:=?%@~_]+)*|[a-zA-Z\d]+(?:;[-a-zA-Z\d/#&.:=?%@~_]*)*)?\u0007)|(?:(?:\d{1,4}(?:;\d{0,4})*)?[\dA-PR-TZcf-ntqry=><~]))/g;
  function stripVTControlCharacters(str) {
    if (typeof str !== 'string') throw invalidArgType('str', 'of type string', str);
    return str.replace(ansiRe, '');
  }

  function toUSVString(str) {
    str = `${str}`;
    return typeof str.toWellFormed === 'function' ? str.toWellFormed() : str.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
  }

  function styleText(formats, text) {
    if (typeof text !== 'string') throw invalidArgType('text', 'of type string', text);
    const list = Array.isArray(formats) ? formats : [formats];
    let left = '';
    let right = '';
    for (const key of list) {
      const code = inspect.colors[key];
      if (code === undefined) {
        throw makeError(TypeError, 'ERR_INVALID_ARG_VALUE', `The argument 'format' must be one of: ${Object.keys(inspect.colors).join(', ')}. Received ${inspect(key)}`);
      }
      left += `\u001b[${code[0]}m`;
      right = `\u001b[${code[1]}m${right}`;
    }
    return `${left}${text}${right}`;
  }

  function aborted(signal, resource) {
    if (signal === undefined || signal === null || typeof signal !== 'object' || !('aborted' in signal)) {
      return Promise.reject(invalidArgType('signal', 'an instance of AbortSignal', signal));
    }
    if (resource === null || (typeof resource !== 'object' && typeof resource !== 'function')) {
      return Promise.reject(invalidArgType('resource', 'of type object', resource));
    }
    if (signal.aborted) return Promise.resolve();
    return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  }

  const errnoNames = {
    '-1': 'EPERM', '-2': 'ENOENT', '-3': 'ESRCH', '-4': 'EINTR', '-5': 'EIO', '-9': 'EBADF', '-11': 'EAGAIN', '-12': 'ENOMEM',
    '-13': 'EACCES', '-17': 'EEXIST', '-20': 'ENOTDIR', '-21': 'EISDIR', '-22': 'EINVAL', '-24': 'EMFILE', '-28': 'ENOSPC',
    '-32': 'EPIPE', '-98': 'EADDRINUSE', '-99': 'EADDRNOTAVAIL', '-104': 'ECONNRESET', '-110': 'ETIMEDOUT', '-111': 'ECONNREFUSED',
    '-113': 'EHOSTUNREACH', '-3008': 'ENOTFOUND',
  };
  function getSystemErrorName(err) {
    if (typeof err !== 'number') throw invalidArgType('err', 'of type number', err);
    if (err >= 0 || !Number.isSafeInteger(err)) {
      throw makeError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "err" is out of range. It must be a negative integer. Received ${err}`);
    }
    return errnoNames[err] || `Unknown system error ${err}`;
  }
  function getSystemErrorMap() {
    return new Map(Object.entries(errnoNames).map(([k, v]) => [Number(k), [v, v.toLowerCase()]]));
  }

  // parseArgs: the documented options (type, short, multiple, default), strict, positionals,
  // tokens, `--` and `--no-` is not special (as in Node 20).
  function parseArgs(config = {}) {
    const args = config.args !== undefined ? config.args : (globalThis.process && Array.isArray(process.argv) ? process.argv.slice(2) : []);
    const options = config.options || {};
    const strict = config.strict !== undefined ? config.strict : true;
    const allowPositionals = config.allowPositionals !== undefined ? config.allowPositionals : !strict;
    const values = { __proto__: null };
    const positionals = [];
    const tokens = [];
    const shortToLong = {};
    for (const [name, o] of Object.entries(options)) {
      if (o === null || typeof o !== 'object') throw invalidArgType(`options.${name}`, 'of type object', o);
      if (o.type !== 'string' && o.type !== 'boolean') {
        throw makeError(TypeError, 'ERR_INVALID_ARG_VALUE', `The property 'options.${name}.type' must be one of: 'string', 'boolean'. Received ${inspect(o.type)}`);
      }
      if (o.short !== undefined) {
        if (typeof o.short !== 'string' || o.short.length !== 1) {
          throw makeError(TypeError, 'ERR_INVALID_ARG_VALUE', `The property 'options.${name}.short' must be a single character. Received ${inspect(o.short)}`);
        }
        shortToLong[o.short] = name;
      }
    }
    const unknown = (opt) => makeError(TypeError, 'ERR_PARSE_ARGS_UNKNOWN_OPTION', `Unknown option '${opt}'`);
    const store = (name, value, raw, index, inlineValue) => {
      const o = options[name];
      tokens.push({ kind: 'option', name, rawName: raw, index, value, inlineValue });
      if (strict) {
        if (o === undefined) throw unknown(raw);
        if (o.type === 'string' && typeof value !== 'string') {
          throw makeError(TypeError, 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE', `Option '${o.short ? `-${o.short}, ` : ''}--${name} <value>' argument missing`);
        }
        if (o.type === 'boolean' && value !== undefined) {
          throw makeError(TypeError, 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE', `Option '${o.short ? `-${o.short}, ` : ''}--${name}' does not take an argument`);
        }
      }
      const v = value === undefined ? true : value;
      if (o && o.multiple) (values[name] || (values[name] = [])).push(v);
      else values[name] = v;
    };
    const takesValue = (name) => options[name] && options[name].type === 'string';
    for (let i = 0; i < args.length; i++) {
      const arg = args[i];
      if (arg === '--') {
        tokens.push({ kind: 'option-terminator', index: i });
        for (let j = i + 1; j < args.length; j++) {
          positionals.push(args[j]);
          tokens.push({ kind: 'positional', index: j, value: args[j] });
        }
        break;
      }
      if (arg.startsWith('--') && arg.length > 2) {
        const eq = arg.indexOf('=');
        if (eq !== -1) store(arg.slice(2, eq), arg.slice(eq + 1), arg.slice(0, eq), i, true);
        else {
          const name = arg.slice(2);
          if (takesValue(name) && i + 1 < args.length && (!args[i + 1].startsWith('-') || !strict)) store(name, args[++i], arg, i - 1, false);
          else store(name, undefined, arg, i, undefined);
        }
        continue;
      }
      if (arg.startsWith('-') && arg.length > 1) {
        for (let c = 1; c < arg.length; c++) {
          const ch = arg[c];
          const name = shortToLong[ch] || ch;
          if (takesValue(name)) {
            if (c + 1 < arg.length) store(name, arg.slice(c + 1), `-${ch}`, i, true);
            else if (i + 1 < args.length) store(name, args[++i], `-${ch}`, i - 1, false);
            else store(name, undefined, `-${ch}`, i, undefined);
            break;
          }
          store(name, undefined, `-${ch}`, i, undefined);
        }
        continue;
      }
      if (strict && !allowPositionals) {
        throw makeError(TypeError, 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL', `Unexpected argument '${arg}'. This command does not take positional arguments`);
      }
      positionals.push(arg);
      tokens.push({ kind: 'positional', index: i, value: arg });
    }
    for (const [name, o] of Object.entries(options)) {
      if (o.default !== undefined && values[name] === undefined) values[name] = o.default;
    }
    const result = { values, positionals };
    if (config.tokens) result.tokens = tokens;
    return result;
  }

  // ---------------------------------------------------------------------------------------
  const isPrimitive = (v) => v === null || (typeof v !== 'object' && typeof v !== 'function');
  const util = {
    format,
    formatWithOptions,
    inspect,
    promisify,
    callbackify,
    deprecate,
    inherits,
    isDeepStrictEqual: (a, b) => isDeepEqual(a, b, true),
    types,
    TextEncoder: globalThis.TextEncoder,
    TextDecoder: globalThis.TextDecoder,
    debuglog,
    debug: debuglog,
    stripVTControlCharacters,
    toUSVString,
    styleText,
    parseArgs,
    aborted,
    getSystemErrorName,
    getSystemErrorMap,
    transferableAbortSignal: (s) => s,
    transferableAbortController: () => new AbortController(),
    // Legacy type checks (deprecated in Node, still used by old packages).
    isArray: Array.isArray,
    isBoolean: (v) => typeof v === 'boolean',
    isBuffer: (v) => Boolean(globalThis.Buffer && globalThis.Buffer.isBuffer(v)),
    isDate: types.isDate,
    isError: (v) => types.isNativeError(v) || v instanceof Error,
    isFunction: (v) => typeof v === 'function',
    isNull: (v) => v === null,
    isNullOrUndefined: (v) => v === null || v === undefined,
    isNumber: (v) => typeof v === 'number',
    isObject: (v) => v !== null && typeof v === 'object',
    isPrimitive,
    isRegExp: types.isRegExp,
    isString: (v) => typeof v === 'string',
    isSymbol: (v) => typeof v === 'symbol',
    isUndefined: (v) => v === undefined,
    log: (...args) => {
      const d = new Date();
      const pad = (n) => String(n).padStart(2, '0');
      const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
      console.log('%s - %s', `${d.getDate()} ${months[d.getMonth()]} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`, format(...args));
    },
    _extend: (target, source) => {
      if (source === null || typeof source !== 'object') return target;
      for (const k of Object.keys(source)) target[k] = source[k];
      return target;
    },
  };
  Object.defineProperty(types, Symbol.toStringTag, { value: 'Module' }); // not shown by inspect (non-enumerable)

  internal.nodeUtil = { isDeepEqual, inspect, format, strEscape, makeError, invalidArgType };
  internal.modules['node:util'] = util;
  internal.modules['node:util/types'] = types;
  internal.modules['node:sys'] = util;
})();
