// 10_headers.js — WHATWG Fetch `Headers` (https://fetch.spec.whatwg.org/#headers-class).
//
// Representation: `h[kList]` is a flat array `[name0, value0, name1, value1, ...]` holding the
// header list in insertion order with byte-lowercased names. Lowercasing on the way in is what
// server runtimes do in practice (Deno, undici) and keeps lookups a plain `===` scan, which is
// the fastest thing available in an interpreter for the usual 5–30 headers. The spec's
// "sort and combine" view used by iteration is computed lazily and cached in `h[kSorted]` until
// the next mutation.
//
// Guards: only "immutable" restricts anything. "request", "request-no-cors" and "response" are
// recorded but do not filter forbidden header names: this is a server runtime, where route
// handlers must be able to read Cookie and send Set-Cookie (Deno and undici behave the same).
//
// Trusted fast paths for the runtime live on `internal.headers` (see the bottom of the file).
(() => {
  'use strict';

  // Created by 00_internal.js (and by the Node test harness).
  const internal = globalThis[Symbol.for('ferroute.internal')];

  const kList = Symbol('Headers.list');
  const kGuard = Symbol('Headers.guard');
  const kSorted = Symbol('Headers.sorted');
  const kTarget = Symbol('HeadersIterator.target');
  const kKind = Symbol('HeadersIterator.kind');
  const kIndex = Symbol('HeadersIterator.index');

  const GUARDS = ['none', 'request', 'request-no-cors', 'response', 'immutable'];

  // RFC 9110 token: the header-name production.
  const TOKEN_RE = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
  // A header value may not contain NUL, CR or LF, and must be a ByteString (no code unit > 0xFF).
  const BAD_VALUE_RE = /[^\x01-\x09\x0b\x0c\x0e-\xff]/;
  const BAD_BYTESTRING_RE = /[^\x00-\xff]/;
  // The same check done natively (0: valid, 1: NUL/CR/LF, 2: above U+00FF): a native call is
  // several times cheaper than a RegExp test in QuickJS. The RegExps serve where there is no
  // engine behind `internal` (the Node test harness).
  const checkValue = internal.native !== undefined ? internal.native.checkHeaderValue : undefined;

  // Valid raw name -> lowercased name. Header names repeat constantly (content-type, accept…),
  // and a Map hit is several times cheaper than a regex test plus toLowerCase in QuickJS.
  const nameCache = new Map();
  const NAME_CACHE_MAX = 512;

  function illegalInvocation() {
    return new TypeError('Illegal invocation');
  }

  function toByteStringish(value) {
    // WebIDL ToString: Symbols throw (String(symbol) would not).
    if (typeof value === 'symbol') {
      throw new TypeError('Cannot convert a Symbol value to a string');
    }
    return String(value);
  }

  function describe(value) {
    return JSON.stringify(value) ?? String(value);
  }

  // Returns the lowercased header name, or throws a TypeError.
  function normalizeName(name, prefix) {
    if (typeof name !== 'string') name = toByteStringish(name);
    const cached = nameCache.get(name);
    if (cached !== undefined) return cached;
    if (!TOKEN_RE.test(name)) {
      throw new TypeError(`${prefix}: ${describe(name)} is an invalid header name.`);
    }
    const lower = name.toLowerCase();
    if (nameCache.size >= NAME_CACHE_MAX) nameCache.clear();
    nameCache.set(name, lower);
    return lower;
  }

  function isHttpWhitespace(c) {
    return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
  }

  // Normalizes (strips leading/trailing HTTP whitespace) and validates a header value.
  function normalizeValue(value, prefix) {
    if (typeof value !== 'string') value = toByteStringish(value);
    const len = value.length;
    if (len !== 0) {
      if (value.charCodeAt(0) <= 0x20 || value.charCodeAt(len - 1) <= 0x20) {
        let start = 0;
        let end = len;
        while (start < end && isHttpWhitespace(value.charCodeAt(start))) start++;
        while (end > start && isHttpWhitespace(value.charCodeAt(end - 1))) end--;
        if (start !== 0 || end !== len) value = value.slice(start, end);
      }
      const bad = checkValue === undefined ? (BAD_VALUE_RE.test(value) ? (BAD_BYTESTRING_RE.test(value) ? 2 : 1) : 0) : checkValue(value);
      if (bad !== 0) {
        if (bad === 2) {
          throw new TypeError(
            `${prefix}: ${describe(value)} is an invalid header value (characters above U+00FF are not allowed).`,
          );
        }
        throw new TypeError(`${prefix}: ${describe(value)} is an invalid header value.`);
      }
    }
    return value;
  }

  function checkMutable(headers, prefix) {
    if (headers[kGuard] === 'immutable') {
      throw new TypeError(`${prefix}: Headers are immutable and cannot be modified.`);
    }
  }

  function requireArgs(count, required, prefix) {
    if (count < required) {
      throw new TypeError(
        `${prefix}: ${required} argument${required === 1 ? '' : 's'} required, but only ${count} present.`,
      );
    }
  }

  // ---- header list primitives (names already lowercase) ----

  // Lookups use the native Array#indexOf (several times faster than a JS loop in QuickJS);
  // a hit at an odd index is a value that happens to equal the name, and is skipped.
  function listIndexOf(list, name, from) {
    let i = list.indexOf(name, from);
    while (i !== -1 && (i & 1) === 1) i = list.indexOf(name, i + 1);
    return i;
  }

  function listGet(list, name) {
    let i = listIndexOf(list, name, 0);
    if (i === -1) return null;
    let result = list[i + 1];
    while ((i = listIndexOf(list, name, i + 2)) !== -1) result = `${result}, ${list[i + 1]}`;
    return result;
  }

  function listHas(list, name) {
    return listIndexOf(list, name, 0) !== -1;
  }

  function listDelete(list, name) {
    let w = 0;
    for (let r = 0; r < list.length; r += 2) {
      if (list[r] !== name) {
        if (w !== r) {
          list[w] = list[r];
          list[w + 1] = list[r + 1];
        }
        w += 2;
      }
    }
    list.length = w;
  }

  function listSet(list, name, value) {
    for (let i = 0; i < list.length; i += 2) {
      if (list[i] === name) {
        list[i + 1] = value;
        // Remove the later duplicates, keeping order.
        let w = i + 2;
        for (let r = i + 2; r < list.length; r += 2) {
          if (list[r] !== name) {
            if (w !== r) {
              list[w] = list[r];
              list[w + 1] = list[r + 1];
            }
            w += 2;
          }
        }
        list.length = w;
        return;
      }
    }
    list.push(name, value);
  }

  function comparePairs(a, b) {
    return a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0;
  }

  // Entry indices in name order, stable. Sorting "name\x01<index as one UTF-16 unit>" keys
  // with the native default comparison beats a JS comparator; "\x01" sorts below every
  // token character, so a name sorts before its extensions ("a" < "ab").
  function sortedIndices(list) {
    const n = list.length >> 1;
    const order = new Array(n);
    if (n <= 0xffff) {
      const keys = new Array(n);
      for (let i = 0; i < n; i++) keys[i] = `${list[2 * i]}\x01${String.fromCharCode(i)}`;
      keys.sort();
      for (let k = 0; k < n; k++) order[k] = keys[k].charCodeAt(keys[k].length - 1);
    } else {
      const pairs = new Array(n);
      for (let i = 0; i < n; i++) pairs[i] = [list[2 * i], i];
      pairs.sort(comparePairs); // stable: values of one name keep their order
      for (let k = 0; k < n; k++) order[k] = pairs[k][1];
    }
    return order;
  }

  // "Sort and combine": returns a flat [name, value, ...] array, cached until the next mutation.
  function sortedFlat(headers) {
    const cached = headers[kSorted];
    if (cached !== null) return cached;
    const list = headers[kList];
    const order = sortedIndices(list);
    const out = [];
    let prev = null;
    for (let k = 0; k < order.length; k++) {
      const i = order[k] * 2;
      const name = list[i];
      const value = list[i + 1];
      if (name === prev && name !== 'set-cookie') {
        out[out.length - 1] = `${out[out.length - 1]}, ${value}`;
      } else {
        out.push(name, value);
        prev = name;
      }
    }
    headers[kSorted] = out;
    return out;
  }

  // ---- fill (HeadersInit) ----

  const ArrayValues = Array.prototype[Symbol.iterator];

  function appendValidated(list, name, value, prefix) {
    const lower = normalizeName(name, prefix);
    list.push(lower, normalizeValue(value, prefix));
  }

  function appendPair(list, pair, prefix) {
    if (pair === null || (typeof pair !== 'object' && typeof pair !== 'function')) {
      throw new TypeError(
        `${prefix}: expected each header to be a [name, value] pair, got ${describe(pair)}.`,
      );
    }
    let items = pair;
    if (!(Array.isArray(pair) && pair[Symbol.iterator] === ArrayValues)) {
      const method = pair[Symbol.iterator];
      if (typeof method !== 'function') {
        throw new TypeError(`${prefix}: expected each header to be a [name, value] pair (an iterable).`);
      }
      items = [];
      for (const item of { [Symbol.iterator]: () => method.call(pair) }) items.push(item);
    }
    if (items.length !== 2) {
      throw new TypeError(
        `${prefix}: expected name/value pair to be length 2, found ${items.length}.`,
      );
    }
    appendValidated(list, items[0], items[1], prefix);
  }

  /** Applies a HeadersInit to a plain header list, validating every name and value. */
  function fillList(list, init, prefix) {
    if (init === null || (typeof init !== 'object' && typeof init !== 'function')) {
      throw new TypeError(
        `${prefix}: the provided value is not of type '(record<ByteString, ByteString> or sequence<sequence<ByteString>>)'.`,
      );
    }
    const method = init[Symbol.iterator];
    if (method !== undefined && method !== null) {
      if (typeof method !== 'function') {
        throw new TypeError(`${prefix}: init[Symbol.iterator] is not a function.`);
      }
      if (init[kList] !== undefined && method === HeadersEntries) {
        // Another Headers, iterated exactly as its iterator would yield (sorted, combined).
        const flat = sortedFlat(init);
        for (let i = 0; i < flat.length; i++) list.push(flat[i]);
        return;
      }
      if (Array.isArray(init) && method === ArrayValues) {
        for (let i = 0; i < init.length; i++) appendPair(list, init[i], prefix);
        return;
      }
      const pairs = [];
      for (const pair of { [Symbol.iterator]: () => method.call(init) }) pairs.push(pair);
      for (let i = 0; i < pairs.length; i++) appendPair(list, pairs[i], prefix);
      return;
    }
    // record<ByteString, ByteString>. Fast path for plain objects without symbol keys (the
    // `{ 'content-type': ... }` literal of nearly every handler): Object.keys lists exactly
    // the enumerable own string keys, without a descriptor object per key.
    if (Object.getPrototypeOf(init) === Object.prototype && Object.getOwnPropertySymbols(init).length === 0) {
      const names = Object.keys(init);
      for (let i = 0; i < names.length; i++) appendValidated(list, names[i], init[names[i]], prefix);
      return;
    }
    const keys = Reflect.ownKeys(init);
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i];
      const desc = Reflect.getOwnPropertyDescriptor(init, key);
      if (desc === undefined || !desc.enumerable) continue;
      if (typeof key === 'symbol') {
        throw new TypeError(`${prefix}: cannot convert a Symbol-keyed property to a header name.`);
      }
      appendValidated(list, key, init[key], prefix);
    }
  }

  const recordHeaders = internal.native !== undefined ? internal.native.recordHeaders : undefined;

  /** A new header list from a HeadersInit. A record (an object without Symbol.iterator)
   *  whose names and values are all valid strings (nearly every literal in a handler) is
   *  read natively, in one call. */
  function listFromInit(init, prefix) {
    if (recordHeaders !== undefined && init !== null && typeof init === 'object') {
      const list = recordHeaders(init);
      if (list !== undefined) return list;
    }
    const list = [];
    fillList(list, init, prefix);
    return list;
  }

  function fill(headers, init, prefix) {
    if (headers[kGuard] !== 'immutable') {
      fillList(headers[kList], init, prefix);
      headers[kSorted] = null;
      return;
    }
    const added = [];
    fillList(added, init, prefix);
    if (added.length !== 0) checkMutable(headers, prefix);
  }

  // ---- the class ----

  class Headers {
    constructor(init = undefined) {
      this[kList] = init === undefined ? [] : listFromInit(init, "Failed to construct 'Headers'");
      this[kGuard] = 'none';
      this[kSorted] = null;
    }

    append(name, value) {
      const list = this?.[kList];
      if (list === undefined) throw illegalInvocation();
      if (value === undefined) requireArgs(arguments.length, 2, 'Headers.append');
      const lower = normalizeName(name, 'Headers.append');
      const v = normalizeValue(value, 'Headers.append');
      checkMutable(this, 'Headers.append');
      list.push(lower, v);
      this[kSorted] = null;
    }

    delete(name) {
      const list = this?.[kList];
      if (list === undefined) throw illegalInvocation();
      if (name === undefined) requireArgs(arguments.length, 1, 'Headers.delete');
      const lower = normalizeName(name, 'Headers.delete');
      checkMutable(this, 'Headers.delete');
      if (!listHas(list, lower)) return;
      listDelete(list, lower);
      this[kSorted] = null;
    }

    // Note: get/has skip the WebIDL argument-count check (a missing name behaves like
    // `undefined` -> "undefined"); reading `arguments` costs ~50% of a get() in QuickJS.
    get(name) {
      const list = this?.[kList];
      if (list === undefined) throw illegalInvocation();
      return listGet(list, normalizeName(name, 'Headers.get'));
    }

    getSetCookie() {
      const list = this?.[kList];
      if (list === undefined) throw illegalInvocation();
      const out = [];
      for (let i = 0; i < list.length; i += 2) {
        if (list[i] === 'set-cookie') out.push(list[i + 1]);
      }
      return out;
    }

    has(name) {
      const list = this?.[kList];
      if (list === undefined) throw illegalInvocation();
      return listHas(list, normalizeName(name, 'Headers.has'));
    }

    set(name, value) {
      const list = this?.[kList];
      if (list === undefined) throw illegalInvocation();
      if (value === undefined) requireArgs(arguments.length, 2, 'Headers.set');
      const lower = normalizeName(name, 'Headers.set');
      const v = normalizeValue(value, 'Headers.set');
      checkMutable(this, 'Headers.set');
      listSet(list, lower, v);
      this[kSorted] = null;
    }

    forEach(callback, thisArg = undefined) {
      if (this?.[kList] === undefined) throw illegalInvocation();
      if (typeof callback !== 'function') {
        throw new TypeError("Headers.forEach: parameter 1 is not of type 'Function'.");
      }
      // Live, index-based iteration (WebIDL iterable forEach).
      for (let i = 0; ; i += 2) {
        const flat = sortedFlat(this);
        if (i >= flat.length) break;
        callback.call(thisArg, flat[i + 1], flat[i], this);
      }
    }

    keys() {
      if (this?.[kList] === undefined) throw illegalInvocation();
      return createIterator(this, 'key');
    }

    values() {
      if (this?.[kList] === undefined) throw illegalInvocation();
      return createIterator(this, 'value');
    }

    entries() {
      if (this?.[kList] === undefined) throw illegalInvocation();
      return createIterator(this, 'key+value');
    }
  }

  const HeadersPrototype = Headers.prototype;
  const HeadersEntries = HeadersPrototype.entries;

  // WebIDL: operations are enumerable; @@iterator is the same function as entries().
  for (const name of ['append', 'delete', 'get', 'getSetCookie', 'has', 'set', 'forEach', 'keys', 'values', 'entries']) {
    Object.defineProperty(HeadersPrototype, name, { enumerable: true });
  }
  Object.defineProperty(HeadersPrototype, Symbol.iterator, {
    value: HeadersPrototype.entries,
    writable: true,
    enumerable: false,
    configurable: true,
  });
  Object.defineProperty(HeadersPrototype, Symbol.toStringTag, {
    value: 'Headers',
    writable: false,
    enumerable: false,
    configurable: true,
  });
  // llrt's console prints the object returned by this getter instead of the instance.
  Object.defineProperty(HeadersPrototype, Symbol.for('llrt.inspect.custom'), {
    get() {
      if (this?.[kList] === undefined) return undefined;
      const flat = sortedFlat(this);
      const out = {};
      for (let i = 0; i < flat.length; i += 2) {
        const name = flat[i];
        if (name === 'set-cookie') (out[name] ??= []).push(flat[i + 1]);
        else out[name] = flat[i + 1];
      }
      return out;
    },
    enumerable: false,
    configurable: true,
  });

  // ---- iterator ----

  const IteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));
  const HeadersIteratorPrototype = Object.create(IteratorPrototype);
  Object.defineProperties(HeadersIteratorPrototype, {
    next: {
      value: function next() {
        const target = this?.[kTarget];
        if (target === undefined) throw illegalInvocation();
        const flat = sortedFlat(target);
        const index = this[kIndex];
        if (index >= flat.length) return { value: undefined, done: true };
        this[kIndex] = index + 2;
        const kind = this[kKind];
        const value =
          kind === 'key+value' ? [flat[index], flat[index + 1]]
          : kind === 'key' ? flat[index]
          : flat[index + 1];
        return { value, done: false };
      },
      writable: true,
      enumerable: true,
      configurable: true,
    },
    [Symbol.toStringTag]: {
      value: 'Headers Iterator',
      writable: false,
      enumerable: false,
      configurable: true,
    },
  });

  function createIterator(target, kind) {
    const it = Object.create(HeadersIteratorPrototype);
    it[kTarget] = target;
    it[kKind] = kind;
    it[kIndex] = 0;
    return it;
  }

  // ---- internal API ----

  function brand(h) {
    if (h?.[kList] === undefined) throw new TypeError('internal.headers: not a Headers object');
  }

  function checkGuard(guard) {
    if (!GUARDS.includes(guard)) throw new TypeError(`internal.headers: unknown guard ${describe(guard)}`);
    return guard;
  }

  internal.headers = {
    /** Builds a Headers from a trusted flat list ['lowercase-name', 'value', ...] without
     *  validation. Takes ownership of `flat` (do not reuse it). `proto` makes an instance of
     *  a subclass (or of another object carrying the Headers methods). */
    fromTrustedList(flat, guard = 'none', proto = HeadersPrototype) {
      const h = Object.create(proto);
      h[kList] = flat;
      h[kGuard] = guard;
      h[kSorted] = null;
      return h;
    },
    /** The header list in insertion order as fresh [name, value] pairs (names lowercase). */
    list(h) {
      brand(h);
      const list = h[kList];
      const out = new Array(list.length >> 1);
      for (let i = 0, j = 0; i < list.length; i += 2, j++) out[j] = [list[i], list[i + 1]];
      return out;
    },
    /** The internal flat list [name, value, ...] itself: cheapest for serialisation. Read only. */
    flatList(h) {
      brand(h);
      return h[kList];
    },
    setGuard(h, guard) {
      brand(h);
      h[kGuard] = checkGuard(guard);
    },
    guard(h) {
      brand(h);
      return h[kGuard];
    },
    isHeaders(value) {
      return value?.[kList] !== undefined;
    },
    /** A new plain header list from a HeadersInit, fully validated: `(init, prefix)`. */
    listFromInit,
    /** Whether a plain list has `lowerName`. */
    listHas,
    /** The lowercased name, or the TypeError Headers methods throw (`prefix` names one). */
    normalizeName,
    /** The private slots of a Headers, for internal code that builds one as a literal. */
    slots: { kList, kGuard, kSorted },
    /** Replaces the list of a Headers made with `fromTrustedList(null, ...)` (lazily filled). */
    setList(h, flat) {
      h[kList] = flat;
      h[kSorted] = null;
    },
    /** Applies a HeadersInit to `h` with full validation (respects the guard). */
    fill(h, init) {
      brand(h);
      fill(h, init, "Failed to construct 'Headers'");
    },
    /** A copy with the same header list and the given guard (default: the same guard). */
    clone(h, guard = undefined) {
      brand(h);
      return internal.headers.fromTrustedList(h[kList].slice(), guard === undefined ? h[kGuard] : checkGuard(guard));
    },
    /** Trusted accessors: `lowerName` must already be a lowercase token; no guard check. */
    get(h, lowerName) {
      return listGet(h[kList], lowerName);
    },
    has(h, lowerName) {
      return listHas(h[kList], lowerName);
    },
    set(h, lowerName, value) {
      listSet(h[kList], lowerName, value);
      h[kSorted] = null;
    },
    append(h, lowerName, value) {
      h[kList].push(lowerName, value);
      h[kSorted] = null;
    },
    delete(h, lowerName) {
      listDelete(h[kList], lowerName);
      h[kSorted] = null;
    },
  };

  Object.defineProperty(globalThis, 'Headers', {
    value: Headers,
    writable: true,
    enumerable: false,
    configurable: true,
  });
})();
