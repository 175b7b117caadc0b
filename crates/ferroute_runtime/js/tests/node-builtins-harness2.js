#!/usr/bin/env node
// node-builtins-harness2.js — runs the tests of our util/assert/misc built-ins (52_, 53_, 54_,
// 06_) under Node (20+) for quick iteration; CI runs the same tests inside the engine.
//
// The files run in a fresh `vm` context holding only the globals the engine has (Node's
// EventTarget, URL, Buffer, process, ...); `internal.builtin(name)` evaluates our file for
// util/assert/misc modules on first use and hands out Node's own events/buffer/stream.
//
//   node js/tests/node-builtins-harness2.js [--filter TEXT] [test files...]
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

const testsDir = __dirname;
const jsDir = path.join(testsDir, '..');

const args = process.argv.slice(2);
let filter;
const explicitFiles = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--filter') filter = args[++i];
  else explicitFiles.push(path.resolve(args[i]));
}

const exposed = [
  'URL', 'URLSearchParams', 'AbortController', 'AbortSignal', 'DOMException', 'Event', 'EventTarget',
  'Buffer', 'atob', 'btoa', 'console', 'performance', 'structuredClone', 'queueMicrotask',
  'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'TextEncoder', 'TextDecoder', 'process',
];
const sandbox = {};
for (const name of exposed) sandbox[name] = globalThis[name];

const context = vm.createContext(sandbox, { name: 'ferroute-builtins-test' });

const FILES = {};
for (const n of ['util', 'util/types', 'sys']) FILES[n] = '52_node_util.js';
for (const n of ['assert', 'assert/strict']) FILES[n] = '53_node_assert.js';
for (const n of ['querystring', 'os', 'tty', 'worker_threads', 'diagnostics_channel', 'v8', 'punycode', 'readline',
  'constants', 'child_process', 'vm', 'cluster', 'dgram', 'http2', 'inspector', 'repl', 'wasi', 'trace_events', 'domain']) {
  FILES[n] = '54_node_misc.js';
}
const NODE_OWN = { events: 'node:events', buffer: 'node:buffer', stream: 'node:stream' };

function load(file) {
  vm.runInContext(fs.readFileSync(file, 'utf8'), context, { filename: file });
}

const internal = vm.runInContext('({ modules: {}, native: {} })', context);
internal.native.loadLazy = (file) => load(path.join(jsDir, file));
internal.builtin = (name) => {
  const key = `node:${name}`;
  if (internal.modules[key] !== undefined) return internal.modules[key];
  if (NODE_OWN[name]) return (internal.modules[key] = require(NODE_OWN[name]));
  if (!FILES[name]) throw new Error(`harness2: no built-in ${name}`);
  internal.native.loadLazy(FILES[name]);
  return internal.modules[key];
};
// A stand-in for the engine's promise-state native, so inspect(promise) can be tested.
internal.native.promiseState = (p) => {
  const s = require('node:util').inspect(p, { depth: 0 });
  if (s.includes('<pending>')) return [0, undefined];
  return undefined;
};
Object.defineProperty(context, Symbol.for('ferroute.internal'), { value: internal });
vm.runInContext("Object.defineProperty(globalThis, Symbol.for('ferroute.internal'), { value: this[Symbol.for('ferroute.internal')] })", context);

load(path.join(jsDir, '06_node_globals.js'));
load(path.join(testsDir, 'harness.js'));
const testFiles = explicitFiles.length
  ? explicitFiles
  : ['node_util', 'node_assert', 'node_misc'].map((f) => path.join(testsDir, `${f}.test.js`)).filter((f) => fs.existsSync(f));
for (const f of testFiles) load(f);

context.__runTests(filter).then(
  (failed) => {
    process.exitCode = failed === 0 ? 0 : 1;
  },
  (e) => {
    console.error(e);
    process.exitCode = 2;
  },
);
