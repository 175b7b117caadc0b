#!/usr/bin/env node
// node-builtins-diff.js — differential test of our events/stream modules against Node's own:
// random operation sequences (seeded) run on both, and their event logs must be identical.
// A check of ordering semantics that the unit tests cannot enumerate; needs only Node (20+).
//
//   node js/tests/node-builtins-diff.js [--count N] [--micro]
//
// --micro loads ours in a vm context whose `process` has no nextTick (as in the engine), so
// scheduling falls back to queueMicrotask; orderings relative to promise continuations may then
// differ from Node's (expected for the 'iter' scenarios), the others should still match.
'use strict';

const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

const args = process.argv.slice(2);
let count = 300;
let micro = false;
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--count') count = Number(args[++i]);
  else if (args[i] === '--micro') micro = true;
}

const jsDir = path.join(__dirname, '..');
const FILES = { events: '50_node_events.js', stream: '51_node_stream.js' };
function loadOurs() {
  const sandbox = micro
    ? { Buffer, setTimeout, setImmediate, clearTimeout, queueMicrotask, console, AbortController, AbortSignal, EventTarget, Event, TextEncoder, TextDecoder, ReadableStream, WritableStream, process: { env: {} } }
    : null;
  const run = (file, ctx) => (ctx ? vm.runInContext : vm.runInThisContext)(fs.readFileSync(path.join(jsDir, file), 'utf8'), ...(ctx ? [ctx] : []), { filename: file });
  const ctx = sandbox ? vm.createContext(sandbox) : null;
  const internal = { modules: {} };
  internal.builtin = (name) => {
    const key = `node:${name}`;
    if (internal.modules[key] !== undefined) return internal.modules[key];
    if (name === 'buffer' || name === 'string_decoder') return (internal.modules[key] = require(key));
    run(FILES[name], ctx);
    return internal.modules[key];
  };
  const g = ctx ? vm.runInContext('globalThis', ctx) : globalThis;
  Object.defineProperty(g, Symbol.for('ferroute.internal'), { value: internal, configurable: true });
  return { events: internal.builtin('events'), stream: internal.builtin('stream') };
}
const ours = loadOurs();
const node = { events: require('node:events'), stream: require('node:stream') };

// mulberry32: well mixed from the first draw, for consecutive seeds too.
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const tick = () => new Promise((r) => setImmediate(r));
const show = (v) => v === null ? 'null' : v === undefined ? 'undef' : Buffer.isBuffer(v) ? `B(${v.toString()})` : typeof v === 'object' ? JSON.stringify(v) : typeof v === 'string' ? `S(${v})` : String(v);
const errStr = (e) => e ? `${e.code || ''}:${e.message}` : String(e);

async function readableScenario(S, seed) {
  const r = rng(seed); const log = [];
  const objectMode = r() < 0.3;
  const hwm = [0, 1, 3, 8, undefined][Math.floor(r() * 5)];
  const readMode = r();
  const st = new S.Readable({ objectMode, highWaterMark: hwm, read(n) { log.push(`_read`); }, autoDestroy: r() < 0.8 });
  for (const ev of ['end', 'close', 'pause', 'resume']) st.on(ev, () => log.push(ev));
  st.on('error', (e) => log.push(`error ${errStr(e)}`));
  let n = 0;
  const steps = 4 + Math.floor(r() * 12);
  for (let i = 0; i < steps; i++) {
    const x = r();
    try {
      if (x < 0.35) { const v = objectMode ? { n: n++ } : 'c' + (n++); log.push(`push ${show(v)} -> ${st.push(v)}`); }
      else if (x < 0.42) log.push(`push null -> ${st.push(null)}`);
      else if (x < 0.52) { const k = r() < 0.5 ? undefined : Math.floor(r() * 5); log.push(`read(${k}) -> ${show(st.read(k))}`); }
      else if (x < 0.58) { st.on('data', (c) => log.push(`data ${show(c)}`)); log.push('on data'); }
      else if (x < 0.62) { st.on('readable', () => { log.push('readable'); let c; if (readMode < 0.5) while ((c = st.read()) !== null) log.push(`rr ${show(c)}`); }); log.push('on readable'); }
      else if (x < 0.68) { st.pause(); log.push(`paused ${st.isPaused()}`); }
      else if (x < 0.74) { st.resume(); log.push(`flowing ${st.readableFlowing}`); }
      else if (x < 0.77 && !objectMode) { st.setEncoding('utf8'); log.push('enc'); }
      else if (x < 0.80) { log.push(`unshift -> ${st.unshift(objectMode ? { u: 1 } : 'u')}`); }
      else if (x < 0.83) { st.destroy(r() < 0.5 ? new Error('boom') : undefined); log.push('destroy'); }
      else { await tick(); log.push('--tick'); }
    } catch (e) { log.push(`throw ${errStr(e)}`); }
    log.push(`state len=${st.readableLength} flowing=${st.readableFlowing} ended=${st.readableEnded} destroyed=${st.destroyed}`);
  }
  await tick(); await tick();
  log.push(`final len=${st.readableLength} flowing=${st.readableFlowing} ended=${st.readableEnded} destroyed=${st.destroyed}`);
  return log.slice();
}

async function writableScenario(S, seed) {
  const r = rng(seed); const log = [];
  const objectMode = r() < 0.3;
  const hwm = [0, 1, 3, 8, undefined][Math.floor(r() * 5)];
  const async_ = r() < 0.5; const useWritev = r() < 0.3; const failAt = r() < 0.2 ? 2 : -1;
  let w = 0;
  const opts = { objectMode, highWaterMark: hwm, autoDestroy: r() < 0.8,
    write(c, e, cb) { const k = w++; log.push(`_write ${show(c)}`); const err = k === failAt ? new Error('wfail') : null; if (async_) setImmediate(() => cb(err)); else cb(err); },
    final: r() < 0.5 ? (cb) => { log.push('_final'); setImmediate(cb); } : undefined };
  if (useWritev) opts.writev = (chunks, cb) => { log.push(`_writev ${chunks.map((c) => show(c.chunk)).join(',')}`); setImmediate(cb); };
  const st = new S.Writable(opts);
  for (const ev of ['finish', 'close', 'drain', 'prefinish']) st.on(ev, () => log.push(ev));
  st.on('error', (e) => log.push(`error ${errStr(e)}`));
  let n = 0;
  const steps = 4 + Math.floor(r() * 12);
  for (let i = 0; i < steps; i++) {
    const x = r();
    try {
      if (x < 0.45) { const v = objectMode ? { n: n++ } : 'w' + (n++); const id = n; log.push(`write ${show(v)} -> ${st.write(v, (e) => log.push(`cb${id} ${errStr(e)}`))}`); }
      else if (x < 0.52) { st.end((e) => log.push(`endcb ${errStr(e)}`)); log.push('end'); }
      else if (x < 0.6) { st.cork(); log.push('cork'); }
      else if (x < 0.68) { st.uncork(); log.push('uncork'); }
      else if (x < 0.72) { st.destroy(r() < 0.5 ? new Error('boom') : undefined); log.push('destroy'); }
      else { await tick(); log.push('--tick'); }
    } catch (e) { log.push(`throw ${errStr(e)}`); }
    log.push(`state len=${st.writableLength} needDrain=${st.writableNeedDrain} ended=${st.writableEnded} finished=${st.writableFinished} destroyed=${st.destroyed}`);
  }
  for (let k = 0; k < 4; k++) await tick();
  log.push(`final len=${st.writableLength} ended=${st.writableEnded} finished=${st.writableFinished} destroyed=${st.destroyed}`);
  return log.slice();
}

async function pipeScenario(S, seed) {
  const r = rng(seed); const log = [];
  const rh = [1, 4, 16][Math.floor(r() * 3)], wh = [1, 4, 16][Math.floor(r() * 3)];
  let n = 0; const total = 3 + Math.floor(r() * 10);
  const src = new S.Readable({ highWaterMark: rh, read() { log.push('_read'); if (n < total) { if (r() < 0.5) this.push('x' + n++); else setImmediate(() => this.push(n < total ? 'y' + n++ : null)); } else this.push(null); } });
  const mid = r() < 0.5 ? new S.PassThrough({ highWaterMark: wh }) : null;
  const dst = new S.Writable({ highWaterMark: wh, write(c, e, cb) { log.push(`w ${c}`); if (r() < 0.5) setImmediate(cb); else cb(); } });
  for (const [name, s] of [['src', src], ['mid', mid], ['dst', dst]]) if (s) for (const ev of ['end', 'finish', 'close', 'pipe', 'unpipe', 'drain', 'pause', 'resume']) s.on(ev, () => log.push(`${name} ${ev}`));
  if (r() < 0.5) { if (mid) src.pipe(mid).pipe(dst); else src.pipe(dst); await new Promise((res) => dst.on('close', res)); }
  else { await new Promise((res) => S.pipeline(...[src, mid, dst].filter(Boolean), (err) => { log.push(`pipeline ${errStr(err)}`); res(); })); }
  await tick();
  return log.slice();
}

async function transformScenario(S, seed) {
  const r = rng(seed); const log = [];
  const objectMode = r() < 0.3;
  const hwm = [1, 2, 16][Math.floor(r() * 3)];
  const asyncT = r() < 0.5; const flush = r() < 0.5; const fail = r() < 0.15;
  let k = 0;
  const t = new S.Transform({ objectMode, highWaterMark: hwm, allowHalfOpen: r() < 0.7,
    transform(c, e, cb) { const i = k++; log.push(`_t ${show(c)}`); const go = () => (fail && i === 2 ? cb(new Error('tfail')) : cb(null, objectMode ? { t: i } : 'T' + i)); if (asyncT) setImmediate(go); else go(); },
    flush: flush ? (cb) => { log.push('_flush'); setImmediate(() => cb(null, objectMode ? { f: 1 } : 'F')); } : undefined });
  for (const ev of ['end', 'finish', 'close', 'drain', 'prefinish', 'pause', 'resume']) t.on(ev, () => log.push(ev));
  t.on('error', (e) => log.push(`error ${errStr(e)}`));
  let n = 0; const steps = 4 + Math.floor(r() * 12);
  for (let i = 0; i < steps; i++) {
    const x = r();
    try {
      if (x < 0.4) { const v = objectMode ? { n: n++ } : 'w' + (n++); log.push(`write -> ${t.write(v)}`); }
      else if (x < 0.47) { t.end(); log.push('end()'); }
      else if (x < 0.57) log.push(`read -> ${show(t.read())}`);
      else if (x < 0.62) { t.on('data', (c) => log.push(`data ${show(c)}`)); log.push('on data'); }
      else if (x < 0.66) { t.pause(); log.push('pause()'); }
      else if (x < 0.70) { t.resume(); log.push('resume()'); }
      else if (x < 0.73) { t.destroy(r() < 0.5 ? new Error('boom') : undefined); log.push('destroy'); }
      else { await tick(); log.push('--tick'); }
    } catch (e) { log.push(`throw ${errStr(e)}`); }
    log.push(`state r=${t.readableLength} w=${t.writableLength} re=${t.readableEnded} wf=${t.writableFinished} d=${t.destroyed}`);
  }
  for (let j = 0; j < 4; j++) await tick();
  log.push(`final r=${t.readableLength} w=${t.writableLength} re=${t.readableEnded} wf=${t.writableFinished} d=${t.destroyed}`);
  return log.slice();
}

async function iterScenario(S, seed) {
  const r = rng(seed); const log = [];
  const objectMode = r() < 0.5; const total = Math.floor(r() * 8); const stopAt = r() < 0.4 ? Math.floor(r() * 6) : -1;
  const errAt = r() < 0.2 ? Math.floor(r() * 6) : -1;
  let n = 0;
  const st = new S.Readable({ objectMode, highWaterMark: [1, 4, 16][Math.floor(r() * 3)], read() {
    const go = () => { if (n === errAt) this.destroy(new Error('src fail')); else this.push(n < total ? (objectMode ? { n: n++ } : 'c' + n++) : null); };
    if (r() < 0.5) go(); else setImmediate(go); } });
  for (const ev of ['end', 'close']) st.on(ev, () => log.push(ev));
  try {
    let i = 0;
    for await (const c of st) { log.push(`it ${show(c)}`); if (i++ === stopAt) { log.push('break'); break; } }
    log.push('loop done');
  } catch (e) { log.push(`caught ${errStr(e)}`); }
  log.push(`after d=${st.destroyed} ended=${st.readableEnded}`);
  await tick(); await tick();
  log.push(`final d=${st.destroyed} ended=${st.readableEnded}`);
  return log.slice();
}

function eventsScenario(EE, seed) {
  const r = rng(seed); const log = []; const e = new EE();
  const names = ['a', 'b', Symbol.for('s')];
  const fns = [];
  e.setMaxListeners(0);
  for (let i = 0; i < 5; i++) { const id = i; const f = function (...args) { log.push(`f${id}(${args.join(',')})`); if (r() < 0.1) { const g = fns[Math.floor(r() * fns.length)]; this.removeListener(names[0], g); log.push(`f${id} removes`); } }; fns.push(f); }
  if (r() < 0.5) e.on('newListener', (n, l) => log.push(`new ${String(n)} ${fns.indexOf(l)}`));
  if (r() < 0.5) e.on('removeListener', (n, l) => log.push(`rm ${String(n)} ${fns.indexOf(l)}`));
  for (let i = 0; i < 30; i++) {
    const x = r(); const n = names[Math.floor(r() * names.length)]; const f = fns[Math.floor(r() * fns.length)];
    if (x < 0.25) e.on(n, f);
    else if (x < 0.35) e.once(n, f);
    else if (x < 0.42) e.prependListener(n, f);
    else if (x < 0.47) e.prependOnceListener(n, f);
    else if (x < 0.6) e.off(n, f);
    else if (x < 0.63) e.removeAllListeners(n);
    else if (x < 0.64) e.removeAllListeners();
    else log.push(`emit ${String(n)} -> ${e.emit(n, i)}`);
    log.push(`${names.map((k) => `${String(k)}:${e.listeners(k).map((l) => fns.indexOf(l)).join('')}/${e.rawListeners(k).length}/${e.listenerCount(k)}`).join(' ')} names=${e.eventNames().map(String).join(',')}`);
  }
  return log;
}
async function duplexScenario(S, seed) {
  const r = rng(seed); const log = [];
  const d = new S.Duplex({ allowHalfOpen: r() < 0.5, highWaterMark: [1, 4, 16][Math.floor(r() * 3)],
    read() { log.push('_read'); },
    write(c, e, cb) { log.push(`_write ${show(c)}`); if (r() < 0.5) setImmediate(cb); else cb(); },
    final: r() < 0.5 ? (cb) => { log.push('_final'); setImmediate(cb); } : undefined });
  for (const ev of ['end', 'finish', 'close', 'drain', 'prefinish']) d.on(ev, () => log.push(ev));
  d.on('error', (e) => log.push(`error ${errStr(e)}`));
  S.finished(d, (err) => log.push(`finished ${errStr(err)}`));
  let n = 0; const steps = 4 + Math.floor(r() * 12);
  for (let i = 0; i < steps; i++) {
    const x = r();
    try {
      if (x < 0.2) log.push(`push -> ${d.push('p' + n++)}`);
      else if (x < 0.27) log.push(`push null -> ${d.push(null)}`);
      else if (x < 0.45) log.push(`write -> ${d.write('w' + n++)}`);
      else if (x < 0.52) { d.end(); log.push('end()'); }
      else if (x < 0.6) { d.resume(); log.push('resume()'); }
      else if (x < 0.66) log.push(`read -> ${show(d.read())}`);
      else if (x < 0.69) { d.destroy(r() < 0.5 ? new Error('boom') : undefined); log.push('destroy'); }
      else { await tick(); log.push('--tick'); }
    } catch (e) { log.push(`throw ${errStr(e)}`); }
    log.push(`state r=${d.readableLength} w=${d.writableLength} re=${d.readableEnded} we=${d.writableEnded} wf=${d.writableFinished} d=${d.destroyed} rd=${d.readable} wr=${d.writable}`);
  }
  for (let j = 0; j < 4; j++) await tick();
  log.push(`final re=${d.readableEnded} wf=${d.writableFinished} d=${d.destroyed}`);
  return log.slice();
}

async function pipelineScenario(S, seed) {
  const r = rng(seed); const log = [];
  let n = 0; const total = 2 + Math.floor(r() * 6);
  const failSrc = r() < 0.2 ? Math.floor(r() * total) : -1;
  const src = new S.Readable({ highWaterMark: [1, 4][Math.floor(r() * 2)], read() {
    const go = () => { if (n === failSrc) this.destroy(new Error('src fail')); else this.push(n < total ? 's' + n++ : null); };
    if (r() < 0.5) go(); else setImmediate(go); } });
  const failMid = r() < 0.2 ? 1 : -1; let m = 0;
  const mid = new S.Transform({ transform(c, e, cb) { const i = m++; if (i === failMid) cb(new Error('mid fail')); else if (r() < 0.5) setImmediate(() => cb(null, String(c).toUpperCase())); else cb(null, String(c).toUpperCase()); } });
  const failDst = r() < 0.2 ? 1 : -1; let k = 0;
  const dst = new S.Writable({ write(c, e, cb) { const i = k++; log.push(`w ${c}`); if (i === failDst) cb(new Error('dst fail')); else setImmediate(cb); } });
  const useGen = r() < 0.3;
  for (const [name, s] of [['src', src], ['mid', mid], ['dst', dst]]) for (const ev of ['end', 'finish', 'close']) s.on(ev, () => log.push(`${name} ${ev}`));
  const destroyLater = r() < 0.15 ? [src, mid, dst][Math.floor(r() * 3)] : null;
  const list = useGen ? [src, async function* (source) { for await (const c of source) yield String(c) + '!'; }, dst] : [src, mid, dst];
  await new Promise((res) => {
    S.pipeline(...list, (err) => { log.push(`pipeline ${errStr(err)}`); res(); });
    if (destroyLater) setImmediate(() => { log.push('destroying'); destroyLater.destroy(); });
  });
  for (let j = 0; j < 3; j++) await tick();
  log.push(`final ${[src, mid, dst].map((s) => s.destroyed).join(',')}`);
  return log.slice();
}

// Seeds where Node 20 is the odd one out. readable 2573: with setEncoding, read(n) that ends
// exactly at a chunk boundary leaves an empty string at the head of Node's buffer (its fromList
// compares n with the buffer's length instead of the string's), which stalls its flowing mode.
const KNOWN = new Set(['readable 2573']);

(async () => {
  let bad = 0;
  const report = (name, fails) => {
    console.log(`${name}: ${count - fails}/${count} identical`);
    bad += fails;
  };
  const compare = (name, a, b, seed, fails) => {
    if (JSON.stringify(a) === JSON.stringify(b) || KNOWN.has(`${name} ${seed}`)) return fails;
    if (fails < 2) {
      console.log(`--- ${name} seed ${seed}`);
      for (let i = 0; i < Math.max(a.length, b.length); i++) {
        if (a[i] !== b[i]) {
          console.log(a.slice(Math.max(0, i - 6), i + 4).map((x) => `  ours ${x}`).join('\n'));
          console.log(b.slice(Math.max(0, i - 6), i + 4).map((x) => `  node ${x}`).join('\n'));
          break;
        }
      }
    }
    return fails + 1;
  };
  let fails = 0;
  for (let seed = 1; seed <= count; seed++) fails = compare('events', eventsScenario(ours.events, seed), eventsScenario(node.events, seed), seed, fails);
  report('events', fails);
  const scenarios = [['readable', readableScenario], ['writable', writableScenario], ['pipe', pipeScenario], ['transform', transformScenario], ['iter', iterScenario], ['duplex', duplexScenario], ['pipeline', pipelineScenario]];
  for (const [name, fn] of scenarios) {
    fails = 0;
    for (let seed = 1; seed <= count; seed++) fails = compare(name, await fn(ours.stream, seed), await fn(node.stream, seed), seed, fails);
    report(name, fails);
  }
  process.exitCode = bad ? 1 : 0;
})();
