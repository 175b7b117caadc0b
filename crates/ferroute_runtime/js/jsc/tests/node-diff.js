#!/usr/bin/env node
// node-diff.js — differential check of js/jsc/3x_*.js against Node 20's own modules: random
// calls (with random encodings, offsets and malformed input) go to Node's `buffer`, `path`
// (posix and win32) and `string_decoder` and to ours, evaluated in a fresh `vm` context as
// node-runner.js does; every result, thrown error class, code and message must be the same.
//
//   node js/jsc/tests/node-diff.js [--natives] [--seed N] [--rounds N]
//
// --natives gives our files a Node-backed `internal.native.decodeUtf8` (the engine's decoder).
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(name);
  return i === -1 ? fallback : Number(args[i + 1]);
};
const natives = args.includes('--natives');
let seed = flag('--seed', 1) >>> 0 || 1;
const rounds = flag('--rounds', 20000);

// ------------------------------------------------------------------ our modules
const context = vm.createContext({ console });
const internal = vm.runInContext("globalThis[Symbol.for('ferroute.internal')] = { native: {} }", context);
internal.native.processInfo = () => ({ cwd: process.cwd() });
if (natives) {
  internal.native.decodeUtf8 = (bytes, fatal, ignoreBOM) => new TextDecoder('utf-8', { fatal, ignoreBOM }).decode(bytes);
}
const jscDir = path.join(__dirname, '..');
for (const f of ['30_buffer.js', '31_path.js', '32_string_decoder.js']) {
  vm.runInContext(fs.readFileSync(path.join(jscDir, f), 'utf8'), context, { filename: f });
}
const ours = {
  buffer: internal.platformModules.buffer(),
  path: internal.platformModules.path(),
  StringDecoder: internal.platformModules.string_decoder().StringDecoder,
};
const node = {
  buffer: require('node:buffer'),
  path: require('node:path'),
  StringDecoder: require('node:string_decoder').StringDecoder,
};

// ------------------------------------------------------------------ random inputs
function random() {
  seed ^= seed << 13;
  seed >>>= 0;
  seed ^= seed >>> 17;
  seed ^= seed << 5;
  seed >>>= 0;
  return seed / 4294967296;
}
const int = (n) => Math.floor(random() * n);
const pick = (list) => list[int(list.length)];
const ENCODINGS = ['utf8', 'hex', 'base64', 'base64url', 'latin1', 'ascii', 'ucs2', 'utf16le', 'binary', 'UTF-8', undefined];
const BYTES = [0xc3, 0xe2, 0xf0, 0x80, 0xbf, 0xed, 0xa0, 0xef, 0xbb, 0x61, 0x3d, 0xd8, 0xdc];
const TEXT = ['a', 'b', 'Z', '=', '==', '+', '/', '-', '_', ' ', '\n', '!', '0', '9', 'f', 'g', 'é', '€', '😀', '\ud800', '\udc00', '\u0000', 'ÿ', 'Ā'];
const OFFSETS = [undefined, 0, 1, 2, -1, -2, 3, 5, 100, 1.5, -1.5, NaN, '1', 'x', null, Infinity, -Infinity, 2 ** 40, -0];
const bytes = (n) => Array.from({ length: n }, () => (random() < 0.3 ? int(256) : pick(BYTES)));
const text = (n) => Array.from({ length: n }, () => pick(TEXT)).join('');
const fixed = (n) => Array.from({ length: n }, (_, i) => (i * 37 + 11) & 255);
const PATH_PARTS = {
  posix: ['/', '/', 'a', 'b', '.', '..', '...', '.x', 'x.', 'a.b', '//', 'c.js', ''],
  win32: ['\\', '/', 'a', 'B', '.', '..', 'c:', 'C:', '\\\\', '//', 'srv', 'share', 'x.y', '...', '.z', '?', 'CON', 'con:', 'a:b', ':', '', 'NUL.', 'com1', ' ', 'prn', '\\\\.\\', '\\\\?\\', '//./'],
};
const randomPath = (flavour) => Array.from({ length: int(7) }, () => pick(PATH_PARTS[flavour])).join('');

/** A comparable rendering of what `f` returns or throws. */
function outcome(f) {
  try {
    const r = f();
    if (ArrayBuffer.isView(r)) return `bytes ${Array.from(r)} ${r.constructor.name}`;
    if (typeof r === 'bigint') return `${r}n`;
    const json = JSON.stringify(r);
    return json === undefined ? String(r) : `${json}${Object.is(r, -0) ? ' (-0)' : ''}`;
  } catch (e) {
    return `throws ${e.name} ${e.code} ${e.message}`;
  }
}

let total = 0;
let failures = 0;
function compare(label, f) {
  total++;
  const expected = outcome(() => f(node));
  const actual = outcome(() => f(ours));
  if (expected === actual) return;
  failures++;
  if (failures <= 30) console.log(`DIFF ${label}\n  node: ${expected.slice(0, 300)}\n  ours: ${actual.slice(0, 300)}`);
}

// ------------------------------------------------------------------ the calls
const B = (m) => m.buffer.Buffer;
const CASES = [
  (e, a, b) => {
    const x = bytes(int(12));
    compare(`toString ${x} ${e} ${a} ${b}`, (m) => B(m).from(x).toString(e, a, b));
  },
  (e) => {
    const s = text(int(10));
    compare(`from ${JSON.stringify(s)} ${e}`, (m) => B(m).from(s, e));
    compare(`byteLength ${JSON.stringify(s)} ${e}`, (m) => B(m).byteLength(s, e));
  },
  (e, a, b) => {
    const s = pick([text(int(10)), text(60 + int(80))]);
    const n = int(40);
    compare(`write ${n} ${JSON.stringify(s)} ${a} ${b} ${e}`, (m) => {
      const buf = B(m).alloc(n);
      return [buf.write(s, a, b, e), Array.from(buf)];
    });
  },
  (e, a) => {
    const hay = bytes(int(10)).map((x) => (x % 4) + 97);
    const needle = pick([int(300), text(int(3)), 'a', 'ab', '', bytes(int(3)).map((x) => (x % 4) + 97)]);
    for (const method of ['indexOf', 'lastIndexOf', 'includes']) {
      compare(`${method} ${hay} ${JSON.stringify(needle)} ${a} ${e}`, (m) => B(m).from(hay)[method](Array.isArray(needle) ? B(m).from(needle) : needle, a, e));
    }
  },
  (e, a, b) => {
    const n = int(8);
    const v = pick([int(300), text(int(3)), 'a', 'ab', -1, 1.5, true, null, 'zz']);
    compare(`fill ${n} ${JSON.stringify(v)} ${a} ${b} ${e}`, (m) => B(m).alloc(n).fill(v, a, b, e));
  },
  (e, a) => {
    const n = int(10);
    const method = pick(['readUInt8', 'readInt8', 'readUInt16LE', 'readInt16BE', 'readUInt32BE', 'readInt32LE', 'readFloatLE', 'readDoubleBE', 'readBigUInt64LE', 'readBigInt64BE']);
    compare(`${method} ${n} ${a}`, (m) => B(m).from(fixed(n))[method](a));
    const variable = pick(['readUIntLE', 'readUIntBE', 'readIntLE', 'readIntBE']);
    const width = pick([1, 2, 3, 4, 5, 6, 7, 0, undefined, 1.5]);
    compare(`${variable} ${n} ${a} ${width}`, (m) => B(m).from(fixed(n))[variable](a, width));
  },
  (e, a) => {
    const n = int(10);
    const method = pick(['writeUInt8', 'writeInt8', 'writeUInt16LE', 'writeInt16BE', 'writeUInt32LE', 'writeInt32BE', 'writeFloatLE', 'writeDoubleBE', 'writeUIntLE', 'writeIntBE', 'writeBigUInt64LE', 'writeBigInt64BE']);
    const big = method.includes('Big');
    const v = big ? pick([0n, -1n, 2n ** 64n - 1n, 2n ** 64n, 2n ** 63n, -(2n ** 63n) - 1n, 1]) : pick([0, 1, -1, 255, 256, -129, 65536, 2 ** 31, 2 ** 32, -(2 ** 31) - 1, 2 ** 47, 2 ** 48, 1.5, -0.5, NaN, '7', 1e300]);
    const width = pick([1, 2, 3, 4, 5, 6, 7, undefined]);
    compare(`${method} ${n} ${v} ${a} ${width}`, (m) => {
      const buf = B(m).alloc(n);
      return [buf[method](v, a, width), Array.from(buf)];
    });
  },
  (e, a, b, c) => {
    const x = bytes(int(6));
    const y = bytes(int(6));
    compare(`compare ${x} ${y} ${a} ${b} ${c}`, (m) => B(m).from(x).compare(B(m).from(y), a, b, c));
    compare(`copy ${x} ${a} ${b} ${c}`, (m) => {
      const target = B(m).alloc(4);
      return [B(m).from(x).copy(target, a, b, c), Array.from(target)];
    });
    compare(`slice ${x} ${a} ${b}`, (m) => B(m).from(x).slice(a, b));
  },
  (e) => {
    const x = bytes(int(12));
    const from = pick(ENCODINGS);
    compare(`isUtf8 ${x}`, (m) => m.buffer.isUtf8(new Uint8Array(x)));
    compare(`transcode ${x} ${from} ${e}`, (m) => m.buffer.transcode(B(m).from(x), from, e));
  },
  () => {
    const s = text(int(10));
    compare(`atob ${JSON.stringify(s)}`, (m) => m.buffer.atob(s));
    compare(`btoa ${JSON.stringify(s)}`, (m) => m.buffer.btoa(s));
  },
  () => {
    const x = bytes(int(20));
    compare(`inspect/swap ${x}`, (m) => [B(m).from(x)[Symbol.for('nodejs.util.inspect.custom')](), outcome(() => B(m).from(x).swap32())]);
  },
  () => {
    const encoding = pick(['utf8', 'utf16le', 'base64', 'base64url', 'hex', 'latin1', 'ascii']);
    const chunks = Array.from({ length: 1 + int(5) }, () => bytes(int(6)));
    compare(`StringDecoder ${encoding} ${JSON.stringify(chunks)}`, (m) => {
      const d = new m.StringDecoder(encoding);
      const out = [];
      for (const c of chunks) out.push(d.write(new Uint8Array(c)), d.lastNeed, d.lastTotal);
      out.push(d.end(), d.lastNeed);
      return out;
    });
  },
  () => {
    for (const flavour of ['posix', 'win32']) {
      const p = randomPath(flavour);
      const q = randomPath(flavour);
      const ext = pick([undefined, '.js', 'b', 'a.b', '', 'x', '.']);
      compare(`${flavour}.normalize ${JSON.stringify(p)}`, (m) => m.path[flavour].normalize(p));
      compare(`${flavour}.join ${JSON.stringify([p, q])}`, (m) => m.path[flavour].join(p, q));
      compare(`${flavour}.resolve ${JSON.stringify([p, q])}`, (m) => m.path[flavour].resolve(p, q));
      compare(`${flavour}.relative ${JSON.stringify([p, q])}`, (m) => m.path[flavour].relative(p, q));
      compare(`${flavour}.dirname ${JSON.stringify(p)}`, (m) => m.path[flavour].dirname(p));
      compare(`${flavour}.basename ${JSON.stringify(p)} ${ext}`, (m) => m.path[flavour].basename(p, ext));
      compare(`${flavour}.extname ${JSON.stringify(p)}`, (m) => m.path[flavour].extname(p));
      compare(`${flavour}.parse ${JSON.stringify(p)}`, (m) => m.path[flavour].parse(p));
      compare(`${flavour}.isAbsolute ${JSON.stringify(p)}`, (m) => m.path[flavour].isAbsolute(p));
      compare(`${flavour}.toNamespacedPath ${JSON.stringify(p)}`, (m) => m.path[flavour].toNamespacedPath(p));
    }
  },
];

for (let round = 0; round < rounds; round++) {
  pick(CASES)(pick(ENCODINGS), pick(OFFSETS), pick(OFFSETS), pick(OFFSETS));
}
console.log(`${total - failures} passed, ${failures} failed`);
process.exitCode = failures === 0 ? 0 : 1;
