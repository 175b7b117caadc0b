// harness.js — a minimal `test` / `assert` implementation for js/tests/*.test.js.
//
// The runtime is expected to provide these globals from Rust; this file is the reference
// behaviour (and what node-harness.js and any engine-side runner can load first). Tests are
// registered with test(name, fn), run in order by `await __runTests()`, which prints one line
// per failure and a closing "N passed, M failed" line, and resolves to the number of failures.
(() => {
  'use strict';

  const tests = [];

  function test(name, fn) {
    tests.push({ name, fn });
  }

  class AssertionError extends Error {
    constructor(message) {
      super(message);
      this.name = 'AssertionError';
    }
  }

  function show(value) {
    try {
      if (typeof value === 'string') return JSON.stringify(value);
      if (typeof value === 'bigint') return `${value}n`;
      if (ArrayBuffer.isView(value)) return `${Object.prototype.toString.call(value)}[${Array.prototype.slice.call(value, 0, 32).join(',')}${value.length > 32 ? ',…' : ''}]`;
      if (typeof value === 'object' && value !== null) return JSON.stringify(value) ?? String(value);
      return String(value);
    } catch {
      return Object.prototype.toString.call(value);
    }
  }

  function fail(message, fallback) {
    throw new AssertionError(message ? `${message} (${fallback})` : fallback);
  }

  function same(a, b) {
    return a === b || (a !== a && b !== b);
  }

  // Structural equality that does not depend on realms or prototypes.
  function deepEqualValues(a, b, seen) {
    if (same(a, b)) return true;
    if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
    if (seen.has(a)) return seen.get(a) === b;
    seen.set(a, b);
    if (ArrayBuffer.isView(a) || ArrayBuffer.isView(b)) {
      if (!ArrayBuffer.isView(a) || !ArrayBuffer.isView(b) || a.length !== b.length) return false;
      for (let i = 0; i < a.length; i++) if (!same(a[i], b[i])) return false;
      return true;
    }
    if (Array.isArray(a) !== Array.isArray(b)) return false;
    if (a instanceof Map && b instanceof Map) {
      return deepEqualValues([...a], [...b], seen);
    }
    const ka = Object.keys(a);
    const kb = Object.keys(b);
    if (ka.length !== kb.length) return false;
    for (const k of ka) {
      if (!Object.prototype.hasOwnProperty.call(b, k)) return false;
      if (!deepEqualValues(a[k], b[k], seen)) return false;
    }
    return true;
  }

  function matches(error, expected) {
    if (expected === undefined) return true;
    if (expected instanceof RegExp) {
      const text = error instanceof Object && 'message' in error ? `${error.name}: ${error.message}` : String(error);
      return expected.test(text);
    }
    if (typeof expected === 'function') {
      // instanceof, or the same constructor name (errors from another realm, e.g. Node's streams).
      if (error instanceof expected) return true;
      if (error === null || typeof error !== 'object') return false;
      let proto = Object.getPrototypeOf(error);
      while (proto !== null) {
        if (proto.constructor && proto.constructor.name === expected.name) return true;
        proto = Object.getPrototypeOf(proto);
      }
      return false;
    }
    return false;
  }

  function describeExpected(expected) {
    if (expected instanceof RegExp) return String(expected);
    if (typeof expected === 'function') return expected.name;
    return 'an error';
  }

  function describeError(e) {
    return e instanceof Object && 'message' in e ? `${e.name}: ${e.message}` : show(e);
  }

  const assert = {
    ok(value, message) {
      if (!value) fail(message, `expected a truthy value, got ${show(value)}`);
    },
    equal(actual, expected, message) {
      if (!same(actual, expected)) fail(message, `expected ${show(expected)}, got ${show(actual)}`);
    },
    notEqual(actual, expected, message) {
      if (same(actual, expected)) fail(message, `expected a value other than ${show(expected)}`);
    },
    deepEqual(actual, expected, message) {
      if (!deepEqualValues(actual, expected, new Map())) {
        fail(message, `expected ${show(expected)}, got ${show(actual)}`);
      }
    },
    throws(fn, expected, message) {
      try {
        fn();
      } catch (e) {
        if (!matches(e, expected)) fail(message, `expected ${describeExpected(expected)}, got ${describeError(e)}`);
        return e;
      }
      fail(message, `expected ${describeExpected(expected)} to be thrown`);
    },
    async rejects(promiseOrFn, expected, message) {
      let error;
      let rejected = false;
      try {
        await (typeof promiseOrFn === 'function' ? promiseOrFn() : promiseOrFn);
      } catch (e) {
        rejected = true;
        error = e;
      }
      if (!rejected) fail(message, `expected a rejection with ${describeExpected(expected)}`);
      if (!matches(error, expected)) fail(message, `expected ${describeExpected(expected)}, got ${describeError(error)}`);
      return error;
    },
  };

  /** `skip`: the names (prefixes) of tests that need what this run does not load. */
  async function __runTests(filter, skip = []) {
    let passed = 0;
    let failed = 0;
    let skipped = 0;
    for (const { name, fn } of tests) {
      if (filter && !name.includes(filter)) continue;
      if (skip.some((prefix) => name.startsWith(prefix))) {
        skipped++;
        continue;
      }
      try {
        await fn();
        passed++;
      } catch (e) {
        failed++;
        console.log(`FAIL ${name}: ${describeError(e)}`);
        if (e && e.stack && !(e instanceof AssertionError)) console.log(String(e.stack));
      }
    }
    console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped (they need the engine)` : ''}`);
    return failed;
  }

  for (const [name, value] of [['test', test], ['assert', assert], ['__runTests', __runTests]]) {
    Object.defineProperty(globalThis, name, { value, writable: true, enumerable: false, configurable: true });
  }
})();
