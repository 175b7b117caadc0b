#!/usr/bin/env node
// node-harness.js — runs js/tests/*.test.js under Node (20+) for quick iteration.
//
// The files run in a fresh `vm` context that exposes only the globals our engine has before
// js/ is evaluated (Node's streams, URL, AbortController, …), never Node's own Headers, Blob,
// File, FormData, TransformStream or Text{En,De}coderStream. TextEncoder/TextDecoder are
// wrapped to behave like llrt's: encode() rejects lone surrogates and decode() has no
// {stream: true}. Then js/1[0-3]_*.js are loaded in filename order, then tests/harness.js, then
// the tests.
//
//   node js/tests/node-harness.js [--filter TEXT] [--no-native-iteration] [test files...]
//
// --no-native-iteration deletes ReadableStream.from / values / @@asyncIterator first, so the
// fallbacks in 13_streams.js are exercised.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

const testsDir = __dirname;
const jsDir = path.join(testsDir, '..');

const args = process.argv.slice(2);
let filter;
let noNativeIteration = false;
const explicitFiles = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--filter') filter = args[++i];
  else if (args[i] === '--no-native-iteration') noNativeIteration = true;
  else explicitFiles.push(path.resolve(args[i]));
}

if (noNativeIteration) {
  delete ReadableStream.from;
  delete ReadableStream.prototype.values;
  delete ReadableStream.prototype[Symbol.asyncIterator];
}

const exposed = [
  'ReadableStream', 'ReadableStreamDefaultReader', 'ReadableStreamBYOBReader',
  'ReadableStreamDefaultController', 'ReadableByteStreamController', 'ReadableStreamBYOBRequest',
  'WritableStream', 'WritableStreamDefaultWriter', 'WritableStreamDefaultController',
  'ByteLengthQueuingStrategy', 'CountQueuingStrategy',
  'URL', 'URLSearchParams', 'AbortController', 'AbortSignal', 'DOMException', 'Event', 'EventTarget',
  'Buffer', 'atob', 'btoa', 'crypto', 'console', 'performance', 'structuredClone', 'queueMicrotask',
  'setTimeout', 'clearTimeout', 'setInterval', 'clearInterval',
];
const sandbox = {};
for (const name of exposed) {
  const value = name === 'ReadableStream' || name === 'WritableStream' || name === 'crypto'
    ? globalThis[name]
    : globalThis[name] ?? require('node:stream/web')[name];
  if (value === undefined) throw new Error(`node-harness: global ${name} is missing in this Node`);
  sandbox[name] = value;
}
sandbox.__host = {
  encode: (s) => new TextEncoder().encode(s),
  decode: (label, options, bytes) => new TextDecoder(label, options).decode(bytes),
  validateLabel: (label, options) => new TextDecoder(label, options).encoding,
};

const context = vm.createContext(sandbox, { name: 'ferroute-test' });

// The shared internals object the engine's 00_internal.js creates, as on QuickJS (whose
// llrt globals this context stands in for).
vm.runInContext(
  "Object.defineProperty(globalThis, Symbol.for('ferroute.internal'), { value: { loaded: { blob: true, formdata: true, streams: true }, config: { engine: 'quickjs' }, latin1: (bytes) => String.fromCharCode(...bytes) } });",
  context,
);

// llrt-like TextEncoder/TextDecoder, built inside the context so results are context objects.
vm.runInContext(`(() => {
  const host = globalThis.__host;
  delete globalThis.__host;
  class TextEncoder {
    get encoding() { return 'utf-8'; }
    encode(input = '') {
      input = String(input);
      if (!input.isWellFormed()) throw new Error('Conversion from string failed: invalid utf-8 sequence');
      const r = host.encode(input);
      return new Uint8Array(r.buffer.slice(r.byteOffset, r.byteOffset + r.byteLength));
    }
  }
  class TextDecoder {
    #label; #options; #encoding;
    constructor(label = 'utf-8', options = {}) {
      this.#options = { fatal: Boolean(options && options.fatal), ignoreBOM: Boolean(options && options.ignoreBOM) };
      try { this.#encoding = host.validateLabel(label, this.#options); } catch (e) { throw new RangeError(String(e.message)); }
      this.#label = label;
    }
    get encoding() { return this.#encoding; }
    get fatal() { return this.#options.fatal; }
    get ignoreBOM() { return this.#options.ignoreBOM; }
    decode(input = new Uint8Array(0), options = undefined) {
      if (options && options.stream) throw new Error('the engine TextDecoder has no {stream: true}');
      try { return host.decode(this.#label, this.#options, input); }
      catch (e) { throw new TypeError(String(e.message)); }
    }
  }
  for (const [name, value] of [['TextEncoder', TextEncoder], ['TextDecoder', TextDecoder]]) {
    Object.defineProperty(globalThis, name, { value, writable: true, enumerable: false, configurable: true });
  }
})();`, context);

function load(file) {
  vm.runInContext(fs.readFileSync(file, 'utf8'), context, { filename: file });
}

// Only the files this harness is for (the others need the engine's natives).
const sources = fs.readdirSync(jsDir).filter((f) => /^1[0-3]_.*\.js$/.test(f)).sort();
for (const f of sources) load(path.join(jsDir, f));
load(path.join(testsDir, 'harness.js'));
const testFiles = explicitFiles.length
  ? explicitFiles
  : ['headers', 'blob', 'formdata', 'streams'] // the tests of 10_–13_ (next_*.test.js need the engine)
      .map((f) => path.join(testsDir, `${f}.test.js`))
      .filter((f) => fs.existsSync(f));
for (const f of testFiles) load(f);

// Tests of what this context does not load: 04_builtins.js's TextDecoder wrapper.
const ENGINE_ONLY = ['TextDecoder: { stream: true }'];
context.__runTests(filter, ENGINE_ONLY).then(
  (failed) => {
    process.exitCode = failed === 0 ? 0 : 1;
  },
  (e) => {
    console.error(e);
    process.exitCode = 2;
  },
);
