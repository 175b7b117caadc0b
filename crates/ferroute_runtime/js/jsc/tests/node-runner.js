#!/usr/bin/env node
// node-runner.js — runs js/jsc/tests/*.test.js under Node 20, against Node's own modules
// (`--node`: the expectations are Node's real behaviour) or against our js/jsc/3x_*.js files
// (the default), evaluated in a fresh `vm` context that has only the ECMAScript built-ins and
// `console`, as a JavaScriptCore context has. The test files read the modules through
// `internal.platformModules.<name>()`, which each mode fills in.
//
//   node js/jsc/tests/node-runner.js [--node] [--natives] [--filter TEXT] [test files...]
//
// --natives gives our files Node-backed `internal.native.encodeUtf8`/`decodeUtf8` (the
// engine's natives); without it they use their own UTF-8 code.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

const testsDir = __dirname;
const jscDir = path.join(testsDir, '..');
const harness = path.join(testsDir, '..', '..', 'tests', 'harness.js');

const args = process.argv.slice(2);
let filter;
let nodeModules = false;
let natives = false;
const explicitFiles = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--filter') filter = args[++i];
  else if (args[i] === '--node') nodeModules = true;
  else if (args[i] === '--natives') natives = true;
  else explicitFiles.push(path.resolve(args[i]));
}

const testFiles = explicitFiles.length
  ? explicitFiles
  : fs.readdirSync(testsDir).filter((f) => f.endsWith('.test.js')).sort().map((f) => path.join(testsDir, f));

let context;
if (nodeModules) {
  globalThis[Symbol.for('ferroute.internal')] = {
    platformModules: {
      buffer: () => require('node:buffer'),
      path: () => require('node:path'),
      string_decoder: () => require('node:string_decoder'),
    },
  };
} else {
  context = vm.createContext({ console });
  // vm contexts get no TextEncoder/TextDecoder/atob/btoa/DOMException of their own.
  const internal = vm.runInContext("globalThis[Symbol.for('ferroute.internal')] = { native: {} }", context);
  if (natives) {
    const U8 = vm.runInContext('Uint8Array', context);
    internal.native.encodeUtf8 = (s) => {
      const b = Buffer.from(String(s), 'utf8');
      const out = new U8(b.length);
      out.set(b);
      return out;
    };
    internal.native.decodeUtf8 = (bytes, fatal, ignoreBOM) => new TextDecoder('utf-8', { fatal, ignoreBOM }).decode(bytes);
  }
  internal.native.processInfo = () => ({ cwd: process.cwd() });
  for (const f of fs.readdirSync(jscDir).filter((name) => /^\d\d_.*\.js$/.test(name)).sort()) {
    const file = path.join(jscDir, f);
    vm.runInContext(fs.readFileSync(file, 'utf8'), context, { filename: file });
  }
}

const load = (file) => (context
  ? vm.runInContext(fs.readFileSync(file, 'utf8'), context, { filename: file })
  : vm.runInThisContext(fs.readFileSync(file, 'utf8'), { filename: file }));
load(harness);
for (const f of testFiles) load(f);

(context ? vm.runInContext('__runTests', context) : globalThis.__runTests)(filter).then(
  (failed) => {
    process.exitCode = failed === 0 ? 0 : 1;
  },
  (e) => {
    console.error(e);
    process.exitCode = 2;
  },
);
