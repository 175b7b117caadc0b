// node:assert and node:assert/strict: AssertionError, ok/equal/deepEqual families, throws,
// rejects, match, fail, ifError (deep equality is util's, so both agree).
(() => {
  'use strict';
  const internal = globalThis[Symbol.for('ferroute.internal')];
  internal.builtin('util');
  const { isDeepEqual, inspect, makeError, invalidArgType } = internal.nodeUtil;

  const show = (v) => inspect(v, { depth: 1000, compact: false, sorted: true, getters: true, customInspect: false, breakLength: Infinity });
  const short = (v) => inspect(v, { depth: 2, breakLength: Infinity });

  class AssertionError extends Error {
    constructor(options) {
      if (options === null || typeof options !== 'object') throw invalidArgType('options', 'of type object', options);
      const { message, actual, expected, operator } = options;
      super(message !== undefined ? String(message) : generatedMessage(actual, expected, operator));
      this.generatedMessage = message === undefined;
      this.code = 'ERR_ASSERTION';
      this.actual = actual;
      this.expected = expected;
      this.operator = operator;
      // V8 only (QuickJS has no captureStackTrace): start the stack at the assert call.
      if (typeof Error.captureStackTrace === 'function') Error.captureStackTrace(this, options.stackStartFn || options.stackStartFunction);
    }
    toString() {
      return `${this.name} [${this.code}]: ${this.message}`;
    }
  }
  Object.defineProperty(AssertionError.prototype, 'name', { value: 'AssertionError', writable: true, configurable: true });

  function diff(actual, expected) {
    const a = show(actual).split('\n');
    const e = show(expected).split('\n');
    const out = [];
    const n = Math.max(a.length, e.length);
    for (let i = 0; i < n; i++) {
      if (a[i] === e[i]) out.push(`  ${a[i]}`);
      else {
        if (a[i] !== undefined) out.push(`+ ${a[i]}`);
        if (e[i] !== undefined) out.push(`- ${e[i]}`);
      }
    }
    return out.join('\n');
  }

  const heads = {
    deepStrictEqual: 'Expected values to be strictly deep-equal:',
    strictEqual: 'Expected values to be strictly equal:',
    deepEqual: 'Expected values to be loosely deep-equal:',
    notDeepStrictEqual: 'Expected "actual" not to be strictly deep-equal to:',
    notStrictEqual: 'Expected "actual" to be strictly unequal to:',
    notDeepEqual: 'Expected "actual" not to be loosely deep-equal to:',
    notIdentical: 'Values identical but not reference-equal:',
  };

  function generatedMessage(actual, expected, operator) {
    switch (operator) {
      case 'deepStrictEqual':
      case 'strictEqual': {
        const primitive = (v) => v === null || (typeof v !== 'object' && typeof v !== 'function');
        if (primitive(actual) && primitive(expected) && !(typeof actual === 'string' && typeof expected === 'string' && (actual + expected).includes('\n'))) {
          return `${heads[operator]}\n\n${short(actual)} !== ${short(expected)}\n`;
        }
        if (operator === 'strictEqual' && show(actual) === show(expected)) {
          return `${heads.notIdentical}\n\n${show(actual)}\n`;
        }
        return `${heads[operator]}\n+ actual - expected\n\n${diff(actual, expected)}`;
      }
      case 'deepEqual':
        return `${heads.deepEqual}\n\n${show(actual)}\n\nshould loosely deep-equal\n\n${show(expected)}`;
      case 'notDeepStrictEqual':
      case 'notStrictEqual':
      case 'notDeepEqual': {
        const s = show(actual);
        return s.includes('\n') ? `${heads[operator]}\n\n${s}\n` : `${heads[operator]} ${s}`;
      }
      case '==':
      case '!=':
        return `${short(actual)} ${operator} ${short(expected)}`;
      default:
        return `${short(actual)} ${operator} ${short(expected)}`;
    }
  }

  function raise(message, fields, stackStartFn) {
    if (message instanceof Error) throw message;
    throw new AssertionError({ ...fields, message, stackStartFn });
  }

  function ok(...args) {
    if (args.length === 0) {
      throw new AssertionError({ message: 'No value argument passed to `assert.ok()`', actual: undefined, expected: true, operator: '==', stackStartFn: ok });
    }
    const [value, message] = args;
    if (!value) {
      if (message instanceof Error) throw message;
      const e = new AssertionError({
        message: message !== undefined ? message : `The expression evaluated to a falsy value:\n\n  assert.ok(${short(value)})\n`,
        actual: value,
        expected: true,
        operator: '==',
        stackStartFn: ok,
      });
      e.generatedMessage = message === undefined;
      throw e;
    }
  }

  const assert = function assert(...args) {
    ok(...args);
  };

  assert.ok = ok;
  assert.AssertionError = AssertionError;

  assert.fail = function fail(actual, expected, message, operator, stackStartFn) {
    if (arguments.length === 0) message = 'Failed';
    else if (arguments.length === 1) {
      message = actual;
      actual = undefined;
    } else {
      if (arguments.length === 2) operator = '!=';
    }
    if (message instanceof Error) throw message;
    const e = new AssertionError({ actual, expected, operator: operator === undefined ? 'fail' : operator, message, stackStartFn: stackStartFn || fail });
    if (arguments.length === 0) e.generatedMessage = true;
    throw e;
  };

  function comparison(name, test, operator = name) {
    const fn = {
      [name](actual, expected, message) {
        if (arguments.length < 2) throw internal.nodeErrors.missingArgs('actual', 'expected');
        if (!test(actual, expected)) raise(message, { actual, expected, operator }, fn);
      },
    }[name];
    return fn;
  }

  // eslint-disable-next-line eqeqeq
  const looseEq = (a, b) => a == b || (a !== a && b !== b);
  assert.equal = comparison('equal', looseEq, '==');
  assert.notEqual = comparison('notEqual', (a, b) => !looseEq(a, b), '!=');
  assert.strictEqual = comparison('strictEqual', Object.is);
  assert.notStrictEqual = comparison('notStrictEqual', (a, b) => !Object.is(a, b));
  assert.deepEqual = comparison('deepEqual', (a, b) => isDeepEqual(a, b, false));
  assert.notDeepEqual = comparison('notDeepEqual', (a, b) => !isDeepEqual(a, b, false));
  assert.deepStrictEqual = comparison('deepStrictEqual', (a, b) => isDeepEqual(a, b, true));
  assert.notDeepStrictEqual = comparison('notDeepStrictEqual', (a, b) => !isDeepEqual(a, b, true));

  // --------------------------------------------------------------------------- throws & co.
  const NO_EXCEPTION = Symbol('no exception');

  function getActual(fn) {
    if (typeof fn !== 'function') throw invalidArgType('fn', 'of type function', fn);
    try {
      fn();
    } catch (e) {
      return e;
    }
    return NO_EXCEPTION;
  }

  async function waitActual(promiseFn) {
    let promise;
    if (typeof promiseFn === 'function') {
      promise = promiseFn();
      if (promise === null || typeof promise !== 'object' || typeof promise.then !== 'function') {
        throw makeError(TypeError, 'ERR_INVALID_RETURN_VALUE', `Expected instance of Promise to be returned from the "promiseFn" function but got ${promise === null ? 'null' : typeof promise}.`);
      }
    } else if (promiseFn !== null && typeof promiseFn === 'object' && typeof promiseFn.then === 'function') {
      promise = promiseFn;
    } else {
      throw invalidArgType('promiseFn', 'of type function or an instance of Promise', promiseFn);
    }
    try {
      await promise;
    } catch (e) {
      return e;
    }
    return NO_EXCEPTION;
  }

  const isErrorClass = (f) => f.prototype !== undefined && (f === Error || Error.prototype.isPrototypeOf(f.prototype));

  /** Throws an AssertionError unless `actual` (a thrown value) satisfies `expected`. */
  function checkError(actual, expected, message, fn) {
    if (expected instanceof RegExp) {
      const s = String(actual);
      if (expected.test(s)) return;
      raise(message !== undefined ? message : `The input did not match the regular expression ${inspect(expected)}. Input:\n\n${inspect(s)}\n`,
        { actual, expected, operator: fn.name }, fn);
    }
    if (typeof expected === 'function') {
      if (expected.prototype !== undefined && actual instanceof expected) return;
      if (isErrorClass(expected)) {
        if (message !== undefined) raise(message, { actual, expected, operator: fn.name }, fn);
        const received = actual !== null && typeof actual === 'object' && actual.constructor ? actual.constructor.name : inspect(actual);
        let msg = `The error is expected to be an instance of "${expected.name}". Received "${received}"`;
        if (actual instanceof Error) msg += `\n\nError message:\n\n${actual.message}`;
        throw new AssertionError({ actual, expected, operator: fn.name, message: msg, stackStartFn: fn });
      }
      const result = expected.call({}, actual);
      if (result !== true) {
        if (message !== undefined) raise(message, { actual, expected, operator: fn.name }, fn);
        const name = expected.name ? `"${expected.name}" ` : '';
        throw new AssertionError({
          actual, expected, operator: fn.name, stackStartFn: fn,
          message: `The ${name}validation function is expected to return "true". Received ${inspect(result)}\n\nCaught error:\n\n${actual}`,
        });
      }
      return;
    }
    if (expected !== null && typeof expected === 'object') {
      const keys = Object.keys(expected);
      if (expected instanceof Error) keys.push('name', 'message');
      else if (keys.length === 0) throw makeError(TypeError, 'ERR_INVALID_ARG_VALUE', "The argument 'error' may not be an empty object. Received {}");
      for (const key of keys) {
        const want = expected[key];
        const got = actual !== null && actual !== undefined ? actual[key] : undefined;
        if (typeof got === 'string' && want instanceof RegExp && want.test(got)) continue;
        if (actual === null || actual === undefined || !(key in Object(actual)) || !isDeepEqual(got, want, true)) {
          raise(message !== undefined ? message : `${heads.deepStrictEqual}\n+ actual - expected\n\n${diff({ [key]: got }, { [key]: want })}`,
            { actual, expected, operator: fn.name }, fn);
        }
      }
      return;
    }
    throw invalidArgType('expected', 'of type function or an instance of Error, RegExp, or Object', expected);
  }

  function expectsError(fn, actual, error, message) {
    if (typeof error === 'string') {
      if (message !== undefined) throw invalidArgType('error', 'of type function or an instance of Error, RegExp, or Object', error);
      message = error;
      error = undefined;
    }
    if (actual === NO_EXCEPTION) {
      const what = fn.name === 'rejects' ? 'rejection' : 'exception';
      let details = '';
      if (error !== undefined && typeof error === 'function' && error.name) details += ` (${error.name})`;
      details += message ? `: ${message}` : '.';
      raise(message instanceof Error ? message : `Missing expected ${what}${details}`, { actual: undefined, expected: error, operator: fn.name }, fn);
    }
    if (error !== undefined) checkError(actual, error, message, fn);
  }

  function expectsNoError(fn, actual, error, message) {
    if (actual === NO_EXCEPTION) return;
    if (typeof error === 'string') {
      message = error;
      error = undefined;
    }
    if (error === undefined || (typeof error === 'function' && error.prototype !== undefined && actual instanceof error) || (error instanceof RegExp && error.test(String(actual)))) {
      const what = fn.name === 'doesNotReject' ? 'rejection' : 'exception';
      const details = message ? `: ${message}` : '.';
      const actualMessage = actual && actual.message !== undefined ? actual.message : String(actual);
      throw new AssertionError({
        actual, expected: error, operator: fn.name, stackStartFn: fn,
        message: `Got unwanted ${what}${details}\nActual message: "${actualMessage}"`,
      });
    }
    throw actual;
  }

  assert.throws = function throws(fn, ...args) {
    expectsError(throws, getActual(fn), ...args);
  };
  assert.rejects = async function rejects(promiseFn, ...args) {
    expectsError(rejects, await waitActual(promiseFn), ...args);
  };
  assert.doesNotThrow = function doesNotThrow(fn, ...args) {
    expectsNoError(doesNotThrow, getActual(fn), ...args);
  };
  assert.doesNotReject = async function doesNotReject(fn, ...args) {
    expectsNoError(doesNotReject, await waitActual(fn), ...args);
  };

  assert.ifError = function ifError(err) {
    if (err === null || err === undefined) return;
    let message = 'ifError got unwanted exception: ';
    if (err !== null && typeof err === 'object' && typeof err.message === 'string') {
      message += err.message.length === 0 && err.constructor ? err.constructor.name : err.message;
    } else message += inspect(err);
    const e = new AssertionError({ actual: err, expected: null, operator: 'ifError', message, stackStartFn: ifError });
    e.generatedMessage = false;
    throw e;
  };

  function matcher(name, wantMatch) {
    const fn = {
      [name](string, regexp, message) {
        if (!(regexp instanceof RegExp)) throw invalidArgType('regexp', 'an instance of RegExp', regexp);
        if (typeof string !== 'string' || regexp.test(string) !== wantMatch) {
          if (message instanceof Error) throw message;
          const generated = message === undefined;
          const msg = generated
            ? typeof string !== 'string'
              ? `The "string" argument must be of type string. Received type ${typeof string} (${inspect(string)})`
              : `${wantMatch ? 'The input did not match' : 'The input was expected to not match'} the regular expression ${inspect(regexp)}. Input:\n\n${inspect(string)}\n`
            : message;
          const e = new AssertionError({ actual: string, expected: regexp, message: msg, operator: name, stackStartFn: fn });
          e.generatedMessage = generated;
          throw e;
        }
      },
    }[name];
    return fn;
  }
  assert.match = matcher('match', true);
  assert.doesNotMatch = matcher('doesNotMatch', false);

  // CallTracker (deprecated in Node 20): counts calls of wrapped functions.
  class CallTracker {
    #calls = [];
    calls(fn = () => {}, exact = 1) {
      if (typeof fn === 'number') [fn, exact] = [() => {}, fn];
      const record = { fn, exact, actual: 0, args: [], name: fn.name || 'calls' };
      this.#calls.push(record);
      return function tracked(...args) {
        record.actual++;
        record.args.push({ thisArg: this, arguments: args });
        return Reflect.apply(fn, this, args);
      };
    }
    getCalls(tracked) {
      const r = this.#calls.find((c) => c.fn === tracked);
      return r ? r.args : [];
    }
    report() {
      return this.#calls.filter((c) => c.actual !== c.exact).map((c) => ({
        message: `Expected the ${c.name} function to be executed ${c.exact} time(s) but was executed ${c.actual} time(s).`,
        actual: c.actual, expected: c.exact, operator: c.name, stack: new Error().stack,
      }));
    }
    reset() {
      for (const c of this.#calls) {
        c.actual = 0;
        c.args = [];
      }
    }
    verify() {
      const errors = this.report();
      if (errors.length === 0) return;
      const message = errors.length === 1 ? errors[0].message : 'Functions were not called the expected number of times';
      throw new AssertionError({ message, details: errors, operator: 'verify' });
    }
  }
  assert.CallTracker = CallTracker;

  // assert.strict: the same API with the strict comparisons under the legacy names.
  const strict = function strict(...args) {
    ok(...args);
  };
  Object.assign(strict, assert, {
    equal: assert.strictEqual,
    notEqual: assert.notStrictEqual,
    deepEqual: assert.deepStrictEqual,
    notDeepEqual: assert.notDeepStrictEqual,
  });
  assert.strict = strict;
  strict.strict = strict;

  internal.modules['node:assert'] = assert;
  internal.modules['node:assert/strict'] = strict;
})();
