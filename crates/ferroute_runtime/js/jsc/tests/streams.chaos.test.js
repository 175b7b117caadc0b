// Randomized operations on js/jsc/20_streams.js (our own generator; seeded, so every run is
// the same): byte streams with BYOB readers, responds, tees and cancels; pipes between default
// streams, transform streams and writable streams with signals, aborts and errors. They check
// one thing: no operation reaches an internal error (calling a cleared algorithm, reading a
// released reader's stream...), which would surface as a TypeError about undefined. Run by
// crates/ferroute_jsc/tests/streams_js.rs on JavaScriptCore and by node-streams.js on Node.
(() => {
  const SEEDS = typeof globalThis.__chaosSeeds === 'number' ? globalThis.__chaosSeeds : 150;
  const internalError = /Cannot read|is not a function|undefined is not an object|null is not an object/;

  /** One random run over a byte stream and its tees; the internal errors it met. */
  async function byteChaos(seed) {
    let s = (seed * 2654435761) >>> 0 || 1;
    const rnd = (n) => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s % n; };
    const bad = [];
    const check = (e) => { if (e && internalError.test(String(e.message))) bad.push(e.stack); };
    // A method that returns a promise must not throw: its errors are rejections.
    const promised = (f) => { let p; try { p = f(); } catch (e) { bad.push(`threw: ${e && e.stack}`); return; } p.catch(check); };
    const tick = async (n) => { for (let i = 0; i < n; i++) await null; };
    let c;
    const streams = [];
    const src = new ReadableStream({
      type: 'bytes', autoAllocateChunkSize: rnd(2) ? 1 + rnd(6) : undefined,
      start(x) { c = x; },
      pull(x) {
        const r = x.byobRequest;
        const k = rnd(6);
        try {
          if (k === 0 && r) { const n = rnd(r.view.byteLength + 1); r.respond(n); }
          else if (k === 1 && r) { const v = new Uint8Array(r.view.buffer, r.view.byteOffset, rnd(r.view.byteLength + 1)); r.respondWithNewView(v); }
          else if (k === 2) x.enqueue(new Uint8Array(1 + rnd(5)));
          else if (k === 3 && rnd(4) === 0) x.close();
          else if (k === 4 && rnd(8) === 0) x.error(new Error('x'));
        } catch (e) { check(e); }
      },
      cancel() {},
    });
    streams.push(src);
    const readers = new Map();
    for (let i = 0; i < 25; i++) {
      const st = streams[rnd(streams.length)];
      const op = rnd(12);
      try {
        let rd = readers.get(st);
        if (op === 0) { if (rd) { rd.releaseLock(); readers.delete(st); } }
        else if (op === 1 && !rd) { rd = st.getReader(rnd(2) ? { mode: 'byob' } : undefined); readers.set(st, rd); }
        else if (op < 5 && rd) {
          if (rd instanceof ReadableStreamBYOBReader) { const T = [Uint8Array, Uint16Array, Uint32Array, DataView][rnd(4)]; const n = 1 + rnd(4); const v = T === DataView ? new DataView(new ArrayBuffer(n)) : new T(n); promised(() => rd.read(v, { min: 1 + rnd(T === DataView ? n : n) })); }
          else promised(() => rd.read());
        }
        else if (op === 5 && c.byobRequest) { const r = c.byobRequest; if (rnd(2)) r.respond(rnd(r.view.byteLength + 2)); else r.respondWithNewView(new Uint8Array(r.view.buffer, r.view.byteOffset, rnd(r.view.byteLength + 1))); }
        else if (op === 6) c.enqueue(new Uint8Array(1 + rnd(7)));
        else if (op === 7 && rnd(3) === 0) c.close();
        else if (op === 8 && rnd(6) === 0) c.error(new Error('e'));
        else if (op === 9 && !st.locked && streams.length < 5) streams.push(...st.tee());
        else if (op === 10 && rnd(3) === 0) promised(() => (rd ? rd.cancel('c') : st.locked ? Promise.resolve() : st.cancel('c')));
        else await tick(rnd(5));
      } catch (e) { check(e); }
    }
    await tick(40);
    return bad;
  }

  /** One random run over pipes between readable, transform and writable streams. */
  async function pipeChaos(seed) {
    let s = (seed * 2654435761) >>> 0 || 1;
    const rnd = (n) => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s % n; };
    const bad = []; let settled = 0;
    const check = (e) => { if (e && internalError.test(String(e.message))) bad.push(e.stack); };
    const watch = (f) => { let p; try { p = f(); } catch (e) { bad.push(`threw: ${e && e.stack}`); return; } p.then(() => settled++, (e) => { settled++; check(e); }); };
    const tick = async (n) => { for (let i = 0; i < n; i++) await null; };
    const rcs = []; const wcs = []; const tcs = []; const resolvers = [];
    const readables = []; const writables = [];
    const mkR = () => { const rs = new ReadableStream({ start(c) { rcs.push(c); }, pull(c) { if (rnd(3) === 0) c.enqueue(rnd(100)); if (rnd(20) === 0) c.close(); }, cancel() { if (rnd(4) === 0) return Promise.reject(new Error('cancel')); } }, { highWaterMark: rnd(3) }); readables.push(rs); };
    const mkW = () => { const ws = new WritableStream({ start(c) { wcs.push(c); }, write() { const k = rnd(4); if (k === 0) return new Promise((r) => resolvers.push(r)); if (k === 1 && rnd(5) === 0) throw new Error('w'); }, close() { if (rnd(5) === 0) throw new Error('close'); }, abort() { if (rnd(3) === 0) return Promise.reject(new Error('abort')); } }, { highWaterMark: rnd(3) }); writables.push(ws); };
    const mkT = () => { const ts = new TransformStream({ start(c) { tcs.push(c); }, transform(ch, c) { const k = rnd(5); if (k === 0) return new Promise((r) => resolvers.push(() => { try { c.enqueue(ch); } catch {} r(); })); if (k === 1 && rnd(4) === 0) throw new Error('t'); c.enqueue(ch); }, flush(c) { if (rnd(3) === 0) c.terminate(); }, cancel() { if (rnd(3) === 0) throw new Error('tc'); } }, { highWaterMark: rnd(3) }, { highWaterMark: rnd(3) }); readables.push(ts.readable); writables.push(ts.writable); };
    for (let i = 0; i < 3; i++) { mkR(); mkW(); mkT(); }
    const acs = [new AbortController(), new AbortController()];
    const writers = new Map(); const readers = new Map();
    for (let i = 0; i < 40; i++) {
      const op = rnd(16);
      const rs = readables[rnd(readables.length)]; const ws = writables[rnd(writables.length)];
      try {
        if (op === 0 && !rs.locked && !ws.locked) watch(() => rs.pipeTo(ws, { preventClose: !!rnd(2), preventAbort: !!rnd(2), preventCancel: !!rnd(2), signal: rnd(2) ? acs[rnd(2)].signal : undefined }));
        else if (op === 1 && !rs.locked && readables.length < 20) readables.push(...rs.tee());
        else if (op === 2) { if (!writers.has(ws) && !ws.locked) writers.set(ws, ws.getWriter()); const w = writers.get(ws); if (w) watch(() => w.write(rnd(10))); }
        else if (op === 3) { const w = writers.get(ws); if (w && rnd(3) === 0) watch(() => w.close()); }
        else if (op === 4) { const w = writers.get(ws); if (w && rnd(3) === 0) watch(() => w.abort('ab')); else if (!ws.locked && rnd(4) === 0) watch(() => ws.abort('ab2')); }
        else if (op === 5) { const w = writers.get(ws); if (w) { w.releaseLock(); writers.delete(ws); } }
        else if (op === 6) { if (!readers.has(rs) && !rs.locked) readers.set(rs, rs.getReader()); const r = readers.get(rs); if (r) watch(() => r.read()); }
        else if (op === 7) { const r = readers.get(rs); if (r) { r.releaseLock(); readers.delete(rs); } }
        else if (op === 8 && rnd(4) === 0) { const r = readers.get(rs); watch(() => r ? r.cancel('c') : rs.locked ? Promise.resolve() : rs.cancel('c')); }
        else if (op === 9 && resolvers.length) resolvers.splice(rnd(resolvers.length), 1)[0]();
        else if (op === 10 && rnd(5) === 0) acs[rnd(2)].abort('sig');
        else if (op === 11 && rcs.length) { const c = rcs[rnd(rcs.length)]; const k = rnd(6); if (k < 4) c.enqueue(rnd(9)); else if (k === 4) c.close(); else c.error(new Error('rc')); }
        else if (op === 12 && wcs.length && rnd(4) === 0) wcs[rnd(wcs.length)].error(new Error('wc'));
        else if (op === 13 && tcs.length) { const c = tcs[rnd(tcs.length)]; const k = rnd(5); if (k < 3) c.enqueue(rnd(9)); else if (k === 3) c.terminate(); else c.error(new Error('tc')); }
        else if (op === 14 && !rs.locked && rnd(3) === 0) { (async () => { try { for await (const x of rs.values({ preventCancel: !!rnd(2) })) { if (rnd(3) === 0) break; } } catch (e) { check(e); } })(); }
        else await tick(rnd(6));
      } catch (e) { check(e); }
    }
    for (let k = 0; k < 10; k++) { while (resolvers.length) resolvers.shift()(); await tick(10); }
    return [bad, settled];
  }

  /** One random run over async iterators, from() and strategies that call back into the
   * controller (size() that enqueues, closes, errors or throws). */
  async function iteratorChaos(seed) {
    let s = (seed * 2654435761) >>> 0 || 1;
    const rnd = (n) => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s % n; };
    const bad = [];
    const check = (e) => { if (e && internalError.test(String(e.message))) bad.push(e.stack); };
    const promised = (f) => { let p; try { p = f(); } catch (e) { bad.push(`threw: ${e && e.stack}`); return; } p.then(undefined, check); };
    const tick = async (n) => { for (let i = 0; i < n; i++) await null; };
    const controllers = [];
    const streams = [];
    let depth = 0;
    const size = (chunk) => {
      const k = rnd(8);
      const c = controllers[rnd(controllers.length)];
      if (depth < 2 && c) {
        depth++;
        try {
          if (k === 0) c.enqueue('inner');
          else if (k === 1) c.close();
          else if (k === 2) c.error(new Error('size'));
        } catch (e) { check(e); } finally { depth--; }
      }
      if (k === 3) throw new Error('size throws');
      return k === 4 ? -1 : typeof chunk === 'number' ? chunk : 1;
    };
    for (let i = 0; i < 2; i++) {
      streams.push(new ReadableStream({
        start(c) { controllers.push(c); },
        pull(c) { if (rnd(2)) { try { c.enqueue(rnd(3)); } catch (e) { check(e); } } if (rnd(12) === 0) return Promise.reject(new Error('pull')); },
        cancel() { if (rnd(3) === 0) throw new Error('cancel'); },
      }, { highWaterMark: rnd(4), size }));
    }
    const gen = function* () { for (let i = 0; i < 5; i++) { if (rnd(10) === 0) throw new Error('gen'); yield rnd(2) ? Promise.resolve(i) : rnd(8) === 0 ? Promise.reject(new Error('value')) : i; } };
    const agen = async function* () { for (let i = 0; i < 5; i++) { await null; if (rnd(10) === 0) throw new Error('agen'); yield i; } };
    streams.push(ReadableStream.from(gen()), ReadableStream.from(agen()), ReadableStream.from([1, 2, 3]));
    const iterators = [];
    for (let i = 0; i < 30; i++) {
      const op = rnd(10);
      const st = streams[rnd(streams.length)];
      try {
        if (op === 0 && !st.locked) iterators.push(st.values({ preventCancel: !!rnd(2) }));
        else if (op < 4 && iterators.length) { const it = iterators[rnd(iterators.length)]; promised(() => it.next()); }
        else if (op === 4 && iterators.length) { const it = iterators[rnd(iterators.length)]; promised(() => it.return(`r${i}`)); }
        else if (op === 5 && controllers.length) { const c = controllers[rnd(controllers.length)]; const k = rnd(4); if (k < 2) c.enqueue(rnd(3)); else if (k === 2) c.close(); else c.error(new Error('c')); }
        else if (op === 6 && !st.locked && rnd(3) === 0) promised(() => st.cancel('x'));
        else if (op === 7 && !st.locked && streams.length < 10) streams.push(...st.tee());
        else if (op === 8 && !st.locked) { const r = st.getReader(); promised(() => r.read()); if (rnd(2)) r.releaseLock(); }
        else await tick(rnd(5));
      } catch (e) { check(e); }
    }
    await tick(40);
    return bad;
  }

  test(`randomized: async iterators, from() and reentrant strategies (${SEEDS} seeds) reach no internal error`, async () => {
    for (let seed = 1; seed <= SEEDS; seed++) {
      const bad = await iteratorChaos(seed);
      assert.equal(bad.length, 0, `seed ${seed}: ${bad[0]}`);
    }
  });

  test(`randomized: byte streams (${SEEDS} seeds) reach no internal error`, async () => {
    for (let seed = 1; seed <= SEEDS; seed++) {
      const bad = await byteChaos(seed);
      assert.equal(bad.length, 0, `seed ${seed}: ${bad[0]}`);
    }
  });

  test(`randomized: pipes, transforms and writers (${SEEDS} seeds) reach no internal error`, async () => {
    let settled = 0;
    for (let seed = 1; seed <= SEEDS; seed++) {
      const [bad, n] = await pipeChaos(seed);
      settled += n;
      assert.equal(bad.length, 0, `seed ${seed}: ${bad[0]}`);
    }
    assert.ok(settled > SEEDS, 'the operations ran');
  });
})();
