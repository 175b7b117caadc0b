#!/usr/bin/env node
// Node (>= 20) harness for the next/* runtime scripts (40..43_next_*.js) and
// their tests (next_*.test.js). It stands in for the engine:
//   - creates the ferroute.internal object (modules, next, FAST_INIT, scope),
//   - implements internal.scope with AsyncLocalStorage (current() / run()),
//   - shims Request so `new X(internal.FAST_INIT, state)` works
//     (state = { url, method, headers, body }),
//   - provides the `test` / `assert` globals, runs every test sequentially and
//     prints "N passed, M failed" (exit code 1 on failure).
// Usage: node next-node-harness.js [substring-filter]
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const nodeAssert = require('node:assert');
const { AsyncLocalStorage } = require('node:async_hooks');

const JS_DIR = path.resolve(__dirname, '..');
const TEST_DIR = __dirname;
const SCRIPTS = ['40_next_server.js', '41_next_headers.js', '42_next_navigation.js', '43_next_cache.js'];

// --- internal object -------------------------------------------------------
const als = new AsyncLocalStorage();
const FAST_INIT = Symbol('ferroute.fastInit');
const internal = {
  modules: {},
  next: {},
  FAST_INIT,
  scope: {
    current: () => als.getStore(),
    // Same signature as the runtime's internal.scope.run (00_internal.js).
    run: (scope, fn, thisArg, ...args) => als.run(scope, () => fn.apply(thisArg, args)),
  },
};
globalThis[Symbol.for('ferroute.internal')] = internal;

// --- Request shim for FAST_INIT ------------------------------------------------
const NodeRequest = globalThis.Request;
class Request extends NodeRequest {
  constructor(input, init) {
    if (input === FAST_INIT) {
      const st = init;
      const reqInit = { method: st.method || 'GET', headers: st.headers };
      if (st.body != null) {
        reqInit.body = st.body;
        reqInit.duplex = 'half';
      }
      super(st.url, reqInit);
      return;
    }
    super(input, init);
  }
  static [Symbol.hasInstance](value) {
    return value instanceof NodeRequest;
  }
}
globalThis.Request = Request;

// --- load the runtime scripts -----------------------------------------------
for (const file of SCRIPTS) {
  const full = path.join(JS_DIR, file);
  vm.runInThisContext(fs.readFileSync(full, 'utf8'), { filename: full });
}

// --- test API ---------------------------------------------------------------
const tests = [];
let currentFile = '';
globalThis.test = (name, fn) => tests.push({ name, fn, file: currentFile });

function matches(err, expected) {
  if (expected === undefined) return true;
  if (expected instanceof RegExp) return expected.test(String(err && err.message !== undefined ? err.message : err));
  if (typeof expected === 'function') return err instanceof expected;
  return false;
}

globalThis.assert = {
  equal(actual, expected, message) {
    nodeAssert.strictEqual(actual, expected, message);
  },
  deepEqual(actual, expected, message) {
    nodeAssert.deepStrictEqual(actual, expected, message);
  },
  ok(value, message) {
    nodeAssert.ok(value, message);
  },
  throws(fn, expected, message) {
    let threw = false;
    let error;
    try {
      fn();
    } catch (e) {
      threw = true;
      error = e;
    }
    if (!threw) throw new nodeAssert.AssertionError({ message: message || 'Missing expected exception.' });
    if (!matches(error, expected)) {
      throw new nodeAssert.AssertionError({ message: (message || 'Unexpected exception') + ': ' + (error && error.stack || error) });
    }
  },
  async rejects(fn, expected, message) {
    let threw = false;
    let error;
    try {
      await fn();
    } catch (e) {
      threw = true;
      error = e;
    }
    if (!threw) throw new nodeAssert.AssertionError({ message: message || 'Missing expected rejection.' });
    if (!matches(error, expected)) {
      throw new nodeAssert.AssertionError({ message: (message || 'Unexpected rejection') + ': ' + (error && error.stack || error) });
    }
  },
};

// --- harness-only checks of the FAST_INIT path --------------------------------
currentFile = 'next-node-harness.js';
test('harness: FAST_INIT request is lazy and derives nextUrl/cookies from url/headers', () => {
  const { NextRequest } = internal.modules['next/server'];
  const req = new NextRequest(FAST_INIT, {
    url: 'http://localhost:3100/nexturl?q=1&q=2&z=',
    method: 'GET',
    headers: { cookie: 'a=1; b=2', 'x-foo': 'bar' },
  });
  const own = () => Object.getOwnPropertySymbols(req).filter((s) => String(s.description).startsWith('nextRequest.')).length;
  assert.equal(own(), 0, 'no eager own state');
  assert.ok(req instanceof NextRequest);
  assert.ok(req instanceof Request);
  assert.equal(req.url, 'http://localhost:3100/nexturl?q=1&q=2&z=');
  assert.equal(req.nextUrl.href, req.url);
  assert.deepEqual(req.nextUrl.searchParams.getAll('q'), ['1', '2']);
  assert.equal(req.nextUrl, req.nextUrl, 'nextUrl is cached');
  assert.deepEqual(req.cookies.get('b'), { name: 'b', value: '2' });
  assert.equal(req.ip, undefined);
  assert.equal(own(), 2, 'nextUrl + cookies cached lazily');
});

test('harness: FAST_INIT request works with the scope API', async () => {
  const { NextRequest } = internal.modules['next/server'];
  const { cookies, headers } = internal.modules['next/headers'];
  const req = new NextRequest(FAST_INIT, {
    url: 'http://localhost:3000/x', method: 'POST', headers: { cookie: 'a=1', 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1',
  });
  const scope = internal.next.createScope(req, { pattern: '/x', file: 'app/x/route.js' });
  assert.equal(scope.isAction, true);
  await internal.scope.run(scope, async () => {
    assert.equal((await cookies()).get('a').value, '1');
    assert.equal(headers().get('content-type'), 'application/x-www-form-urlencoded');
    assert.equal(await req.text(), 'a=1');
  });
});

// --- load test files ----------------------------------------------------------
const filter = process.argv[2];
const files = fs.readdirSync(TEST_DIR).filter((f) => /^next_.*\.test\.js$/.test(f)).sort();
for (const file of files) {
  currentFile = file;
  const full = path.join(TEST_DIR, file);
  vm.runInThisContext(fs.readFileSync(full, 'utf8'), { filename: full });
}

(async () => {
  let passed = 0;
  let failed = 0;
  for (const t of tests) {
    if (filter && !(t.file + ' ' + t.name).includes(filter)) continue;
    try {
      await t.fn();
      passed++;
    } catch (err) {
      failed++;
      console.log('FAIL ' + t.file + ' :: ' + t.name);
      console.log('  ' + String(err && err.stack || err).split('\n').slice(0, 8).join('\n  '));
    }
  }
  console.log(passed + ' passed, ' + failed + ' failed');
  process.exitCode = failed ? 1 : 0;
})();
