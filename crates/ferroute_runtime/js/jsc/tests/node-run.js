#!/usr/bin/env node
// node-run.js — runs js/jsc/tests/*.test.js against Node 20's own globals (DOMException,
// structuredClone, TextEncoder/TextDecoder, atob/btoa, console, performance, process), to
// check that the tests assert what Node really does. On JSC the same files run against
// js/jsc/*.js (crates/ferroute_jsc/tests/platform_js.rs).
//
//   node js/jsc/tests/node-run.js [--filter TEXT] [test files...]
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

const args = process.argv.slice(2);
let filter;
const files = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--filter') filter = args[++i];
  else files.push(path.resolve(args[i]));
}
if (files.length === 0) {
  for (const f of fs.readdirSync(__dirname).sort()) {
    if (f.endsWith('.test.js')) files.push(path.join(__dirname, f));
  }
}

process.env.NO_COLOR = '1';
globalThis.__engine = 'node';
globalThis.__expect = {
  pid: process.pid,
  ppid: process.ppid,
  platform: process.platform,
  arch: process.arch,
  cwd: process.cwd(),
  argv: process.argv.slice(),
  execPath: process.execPath,
  env: { HOME: process.env.HOME },
  memory: undefined,
  cpus: undefined,
};

// What console printed while `fn` ran, one { stream, text } per line written.
globalThis.__capture = (fn) => {
  const lines = [];
  const originals = [process.stdout.write, process.stderr.write];
  const hook = (stream) => (chunk) => {
    const text = String(chunk);
    lines.push({ stream, text: text.endsWith('\n') ? text.slice(0, -1) : text });
    return true;
  };
  process.stdout.write = hook(1);
  process.stderr.write = hook(2);
  try {
    fn();
  } finally {
    [process.stdout.write, process.stderr.write] = originals;
  }
  return lines;
};

const load = (file) => vm.runInThisContext(fs.readFileSync(file, 'utf8'), { filename: file });
load(path.join(__dirname, '../../tests/harness.js'));
for (const f of files) load(f);

globalThis.__runTests(filter).then(
  (failed) => {
    process.exitCode = failed === 0 ? 0 : 1;
  },
  (e) => {
    console.error(e);
    process.exitCode = 2;
  },
);
