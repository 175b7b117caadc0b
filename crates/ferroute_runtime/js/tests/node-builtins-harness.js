#!/usr/bin/env node
// node-builtins-harness.js — runs the tests of our Node built-in modules (js/5x_node_*.js,
// 06_node_globals.js) under Node (20+) for quick iteration; CI runs the same tests inside the
// engine.
//
// Each test file runs in a fresh `vm` context holding only the globals the engine has, with
// `internal.builtin(name)` evaluating our file for a module on first use. Two groups:
// - events/stream (node_events, node_stream): `buffer` and `string_decoder` are Node's own;
//   `process` is a stub without nextTick (as in the engine, so the queueMicrotask fallback is
//   exercised) unless --node-tick is given. --reference runs these tests against Node's own
//   events/stream modules instead of ours: a check of the tests' expectations (a few tests
//   are marked as ferroute-only).
// - util/assert/misc (node_util, node_assert, node_misc): events, buffer and stream are
//   Node's own; our EventTarget (03a_events.js) and 06_node_globals.js are loaded first.
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

const BASE_GLOBALS = [
  'TextEncoder', 'TextDecoder', 'URL', 'URLSearchParams', 'AbortController', 'AbortSignal', 'DOMException',
  'Event', 'EventTarget', 'Buffer', 'atob', 'btoa', 'console', 'performance', 'structuredClone',
  'queueMicrotask', 'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval',
];

const streamFiles = {
  events: '50_node_events.js',
  stream: '51_node_stream.js',
  'stream/promises': '51_node_stream.js',
  'stream/consumers': '51_node_stream.js',
};
const miscFiles = {};
for (const n of ['util', 'util/types', 'sys']) miscFiles[n] = '52_node_util.js';
for (const n of ['assert', 'assert/strict']) miscFiles[n] = '53_node_assert.js';
for (const n of ['querystring', 'os', 'tty', 'worker_threads', 'diagnostics_channel', 'v8', 'punycode', 'readline',
  'constants', 'child_process', 'vm', 'cluster', 'dgram', 'http2', 'inspector', 'repl', 'wasi', 'trace_events', 'domain']) {
  miscFiles[n] = '54_node_misc.js';
}

const GROUPS = {
  stream: {
    tests: ['node_events', 'node_stream'],
    globals: [...BASE_GLOBALS, 'ReadableStream', 'WritableStream', 'TransformStream', 'ByteLengthQueuingStrategy',
      'CountQueuingStrategy', 'Blob'],
    process: () => (nodeTick ? process : { env: {}, version: process.version, emitWarning: (w) => warnings.push(w) }),
    files: streamFiles,
    nodeOwn: reference ? (name) => name in streamFiles || name === 'buffer' || name === 'string_decoder'
      : (name) => name === 'buffer' || name === 'string_decoder',
    preload: [],
  },
  misc: {
    tests: ['node_util', 'node_assert', 'node_misc'],
    globals: BASE_GLOBALS,
    process: () => process,
    files: miscFiles,
    nodeOwn: (name) => name === 'events' || name === 'buffer' || name === 'stream',
    preload: ['03a_events.js', '06_node_globals.js'],
  },
};
const groupOf = (file) => (/node_(events|stream)\.test\.js$/.test(file) ? GROUPS.stream : GROUPS.misc);
const warnings = [];

/** A fresh context for `group`, with `internal` wired to load our files. */
function contextFor(group) {
  const sandbox = {};
  for (const name of group.globals) sandbox[name] = globalThis[name] ?? require('node:stream/web')[name];
  sandbox.process = group.process();
  sandbox.__warnings = warnings;
  sandbox.__reference = reference;
  const context = vm.createContext(sandbox, { name: 'ferroute-node-builtins' });
  const load = (file) => vm.runInContext(fs.readFileSync(file, 'utf8'), context, { filename: file });
  const internal = vm.runInContext('({ modules: {}, native: { logError: console.error }, config: {} })', context);
  internal.native.loadLazy = (file) => load(path.join(jsDir, file));
  internal.builtin = (name) => {
    const key = `node:${name}`;
    if (internal.modules[key] !== undefined) return internal.modules[key];
    if (group.nodeOwn(name)) return (internal.modules[key] = require(`node:${name}`));
    if (!group.files[name]) throw new Error(`no such built-in in the harness: ${name}`);
    internal.native.loadLazy(group.files[name]);
    return internal.modules[key];
  };
  // Node's own figures standing in for the engine's memory native: [rss, heap total, heap used,
  // heap limit (0: none set), external].
  internal.native.memoryUsage = () => {
    const m = process.memoryUsage();
    return [m.rss, m.heapTotal, m.heapUsed, 0, m.external];
  };
  // A stand-in for the engine's promise-state native, so inspect(promise) can be tested.
  internal.native.promiseState = (p) => (require('node:util').inspect(p, { depth: 0 }).includes('<pending>') ? [0, undefined] : undefined);
  vm.runInContext('(i) => Object.defineProperty(globalThis, Symbol.for(\'ferroute.internal\'), { value: i })', context)(internal);
  load(path.join(jsDir, '00_internal.js'));
  for (const f of group.preload) load(path.join(jsDir, f));
  load(path.join(testsDir, 'harness.js'));
  return { context, load };
}

// An error nobody listened for (an 'error' event without a listener) fails the run but does not stop it.
process.on('uncaughtException', (e) => {
  console.log(`UNCAUGHT ${e && e.stack ? e.stack : e}`);
  process.exitCode = 1;
});

async function main() {
  const testFiles = explicitFiles.length
    ? explicitFiles
    : Object.values(GROUPS).flatMap((g) => g.tests).map((f) => path.join(testsDir, `${f}.test.js`));
  let failed = 0;
  for (const file of testFiles) {
    const { context, load } = contextFor(groupOf(file));
    load(file);
    failed += await context.__runTests(filter);
  }
  if (failed !== 0) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 2;
});
