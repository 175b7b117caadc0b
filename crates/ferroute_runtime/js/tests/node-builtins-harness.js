#!/usr/bin/env node
// node-builtins-harness.js — runs the tests of our events and stream modules (node_events.test.js,
// node_stream.test.js) under Node (20+) for quick iteration. The files run in a fresh `vm` context holding only the
// globals our engine has; `internal.builtin(name)` loads our 5x_node_*.js files on demand and
// maps 'buffer' / 'string_decoder' to Node's own. `process` is a stub without nextTick (as in
// the engine, so the queueMicrotask fallback is exercised) unless --node-tick is given.
// --reference runs the same tests against Node's own events/stream modules instead of ours:
// a check of the tests' expectations (a few tests are marked as ferroute-only).
//
//   node js/tests/node-builtins-harness.js [--filter TEXT] [--node-tick] [--reference] [test files...]
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

const testsDir = __dirname;
const jsDir = path.join(testsDir, '..');

const args = process.argv.slice(2);
let filter;
let nodeTick = false;
let reference = false;
const explicitFiles = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--filter') filter = args[++i];
  else if (args[i] === '--node-tick') nodeTick = true;
  else if (args[i] === '--reference') reference = nodeTick = true;
  else explicitFiles.push(path.resolve(args[i]));
}

const exposed = [
  'ReadableStream', 'WritableStream', 'TransformStream', 'ByteLengthQueuingStrategy', 'CountQueuingStrategy',
  'TextEncoder', 'TextDecoder', 'URL', 'URLSearchParams', 'AbortController', 'AbortSignal', 'DOMException',
  'Event', 'EventTarget', 'Buffer', 'Blob', 'atob', 'btoa', 'console', 'performance', 'structuredClone',
  'queueMicrotask', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval',
];
const sandbox = {};
for (const name of exposed) sandbox[name] = globalThis[name] ?? require('node:stream/web')[name];
const warnings = [];
sandbox.process = nodeTick
  ? process
  : { env: {}, version: process.version, emitWarning: (w) => warnings.push(w) };
sandbox.__warnings = warnings;
sandbox.__reference = reference;

const context = vm.createContext(sandbox, { name: 'ferroute-node-builtins' });
const FILES = {
  events: '50_node_events.js',
  stream: '51_node_stream.js',
  'stream/promises': '51_node_stream.js',
  'stream/consumers': '51_node_stream.js',
};
const host = {
  load(file) {
    vm.runInContext(fs.readFileSync(path.join(jsDir, file), 'utf8'), context, { filename: file });
  },
  node: (name) => require(`node:${name}`),
  FILES,
  reference,
};
context.__host = host;
vm.runInContext(`(() => {
  const host = globalThis.__host;
  delete globalThis.__host;
  const internal = { modules: {} };
  internal.builtin = (name) => {
    const key = 'node:' + name;
    if (internal.modules[key] !== undefined) return internal.modules[key];
    if (name === 'buffer' || name === 'string_decoder' || host.reference) return (internal.modules[key] = host.node(name));
    const file = host.FILES[name];
    if (file === undefined) throw new Error('no such builtin in the harness: ' + name);
    host.load(file);
    return internal.modules[key];
  };
  Object.defineProperty(globalThis, Symbol.for('ferroute.internal'), { value: internal });
})();`, context);

function load(file) {
  vm.runInContext(fs.readFileSync(file, 'utf8'), context, { filename: file });
}

// An error nobody listened for (an 'error' event without a listener) fails the run but does not stop it.
process.on('uncaughtException', (e) => {
  console.log(`UNCAUGHT ${e && e.stack ? e.stack : e}`);
  process.exitCode = 1;
});

load(path.join(testsDir, 'harness.js'));
const testFiles = explicitFiles.length
  ? explicitFiles
  : ['node_events', 'node_stream'].map((f) => path.join(testsDir, `${f}.test.js`)); // (node-builtins-harness2.js runs the others)
for (const f of testFiles) load(f);

context.__runTests(filter).then(
  (failed) => {
    if (failed !== 0) process.exitCode = 1;
  },
  (e) => {
    console.error(e);
    process.exitCode = 2;
  },
);
