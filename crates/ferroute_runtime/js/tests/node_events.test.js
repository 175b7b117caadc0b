// node:events — EventEmitter (50_node_events.js), through internal.builtin('events').
(() => {
  const EventEmitter = globalThis[Symbol.for('ferroute.internal')].builtin('events');
  // Under node-builtins-harness.js --reference these run against Node's own module from
  // another realm: checks that depend on the realm (instanceof Error) or on our extras are skipped.
  const reference = globalThis.__reference === true;
  const delay = (ms = 0) => new Promise((resolve) => setTimeout(resolve, ms));
  const codeOf = (fn) => {
    try {
      fn();
    } catch (e) {
      return e && e.code;
    }
    return 'no error';
  };

  test('events: module shape', () => {
    assert.equal(typeof EventEmitter, 'function');
    assert.equal(EventEmitter.EventEmitter, EventEmitter);
    assert.equal(EventEmitter.defaultMaxListeners, 10);
    assert.equal(typeof EventEmitter.errorMonitor, 'symbol');
    assert.equal(EventEmitter.captureRejectionSymbol, Symbol.for('nodejs.rejection'));
    assert.equal(EventEmitter.captureRejections, false);
    for (const name of ['once', 'on', 'getEventListeners', 'setMaxListeners', 'getMaxListeners', 'listenerCount', 'addAbortListener', 'init']) {
      assert.equal(typeof EventEmitter[name], 'function', name);
    }
    assert.equal(typeof EventEmitter.EventEmitterAsyncResource, 'function');
    if (!reference) {
      assert.equal(EventEmitter.EventTarget, globalThis.EventTarget);
      assert.equal(EventEmitter.Event, globalThis.Event);
    }
  });

  test('events: on/emit passes arguments and this, returns whether anyone listened', () => {
    const e = new EventEmitter();
    const seen = [];
    e.on('x', function (a, b) {
      seen.push([this === e, a, b]);
    });
    assert.equal(e.emit('x', 1, 2), true);
    assert.equal(e.emit('y'), false);
    assert.deepEqual(seen, [[true, 1, 2]]);
  });

  test('events: listeners run in order; prependListener goes first', () => {
    const e = new EventEmitter();
    const order = [];
    e.on('x', () => order.push('a'));
    e.addListener('x', () => order.push('b'));
    e.prependListener('x', () => order.push('first'));
    e.emit('x');
    assert.deepEqual(order, ['first', 'a', 'b']);
  });

  test('events: once and prependOnceListener fire once; listeners() unwraps, rawListeners() does not', () => {
    const e = new EventEmitter();
    let n = 0;
    const fn = () => n++;
    e.once('x', fn);
    e.prependOnceListener('x', fn);
    assert.deepEqual(e.listeners('x'), [fn, fn]);
    const raw = e.rawListeners('x');
    assert.equal(raw.length, 2);
    assert.notEqual(raw[0], fn);
    assert.equal(raw[0].listener, fn);
    e.emit('x');
    e.emit('x');
    assert.equal(n, 2);
    assert.equal(e.listenerCount('x'), 0);
  });

  test('events: a once listener can be removed with the original function', () => {
    const e = new EventEmitter();
    const fn = () => {
      throw new Error('must not run');
    };
    e.once('x', fn);
    e.off('x', fn);
    assert.equal(e.emit('x'), false);
  });

  test('events: removing during emit does not affect the current round', () => {
    const e = new EventEmitter();
    const order = [];
    const b = () => order.push('b');
    e.on('x', () => {
      order.push('a');
      e.removeListener('x', b);
    });
    e.on('x', b);
    e.emit('x');
    e.emit('x');
    assert.deepEqual(order, ['a', 'b', 'a']);
  });

  test('events: removeListener removes the last added instance only', () => {
    const e = new EventEmitter();
    const fn = () => {};
    e.on('x', fn);
    e.on('x', fn);
    e.removeListener('x', fn);
    assert.equal(e.listenerCount('x'), 1);
    e.removeListener('x', fn);
    assert.equal(e.listenerCount('x'), 0);
    assert.deepEqual(e.eventNames(), []);
  });

  test('events: newListener fires before adding, removeListener after removing', () => {
    const e = new EventEmitter();
    const log = [];
    const fn = () => {};
    e.on('newListener', (name, l) => log.push(['new', name, l === fn, e.listenerCount(name)]));
    e.on('removeListener', (name, l) => log.push(['remove', name, l === fn, e.listenerCount(name)]));
    e.once('x', fn);
    e.emit('x');
    assert.deepEqual(log, [['new', 'removeListener', false, 0], ['new', 'x', true, 0], ['remove', 'x', true, 0]]);
  });

  test('events: removeAllListeners with and without a name, reporting removals', () => {
    const e = new EventEmitter();
    const removed = [];
    e.on('a', () => {});
    e.on('a', () => {});
    e.on('b', () => {});
    e.on('removeListener', (name) => removed.push(name));
    e.removeAllListeners('a');
    assert.deepEqual(removed, ['a', 'a']);
    assert.deepEqual(e.eventNames(), ['b', 'removeListener']);
    e.removeAllListeners();
    assert.deepEqual(e.eventNames(), []);
    assert.deepEqual(removed, ['a', 'a', 'b']); // the removeListener listener itself is gone when it would be told
    const plain = new EventEmitter();
    plain.on('x', () => {});
    assert.equal(plain.removeAllListeners('x'), plain);
    assert.equal(plain.listenerCount('x'), 0);
  });

  test('events: eventNames includes symbols; listenerCount with a listener argument', () => {
    const e = new EventEmitter();
    const s = Symbol('s');
    const fn = () => {};
    e.on('a', fn);
    e.on(s, fn);
    e.on('a', () => {});
    assert.deepEqual(e.eventNames(), ['a', s]);
    assert.equal(e.listenerCount('a'), 2);
    assert.equal(e.listenerCount('a', fn), 1);
    assert.equal(EventEmitter.listenerCount(e, 'a'), 2);
  });

  test("events: 'error' without a listener throws the error", () => {
    if (reference) return;
    const e = new EventEmitter();
    const err = new Error('boom');
    let thrown;
    try {
      e.emit('error', err);
    } catch (x) {
      thrown = x;
    }
    assert.equal(thrown, err);
  });

  test("events: 'error' with a non-Error throws ERR_UNHANDLED_ERROR", () => {
    const e = new EventEmitter();
    let thrown;
    try {
      e.emit('error', 'text');
    } catch (x) {
      thrown = x;
    }
    if (!reference) assert.ok(thrown instanceof Error);
    assert.equal(thrown.code, 'ERR_UNHANDLED_ERROR');
    assert.equal(thrown.context, 'text');
    assert.ok(/Unhandled error/.test(thrown.message));
    assert.equal(codeOf(() => e.emit('error')), 'ERR_UNHANDLED_ERROR');
  });

  test('events: errorMonitor sees errors first and does not count as handling', () => {
    const e = new EventEmitter();
    const seen = [];
    e.on(EventEmitter.errorMonitor, (err) => seen.push(err.message));
    assert.throws(() => e.emit('error', new Error('x')), /x/);
    e.on('error', () => seen.push('handled'));
    e.emit('error', new Error('y'));
    assert.deepEqual(seen, ['x', 'y', 'handled']);
  });

  test('events: listener must be a function (ERR_INVALID_ARG_TYPE)', () => {
    const e = new EventEmitter();
    assert.equal(codeOf(() => e.on('x', 1)), 'ERR_INVALID_ARG_TYPE');
    assert.equal(codeOf(() => e.once('x', null)), 'ERR_INVALID_ARG_TYPE');
    assert.equal(codeOf(() => e.removeListener('x', {})), 'ERR_INVALID_ARG_TYPE');
    assert.throws(() => e.on('x', 'nope'), TypeError);
  });

  test('events: setMaxListeners / getMaxListeners / defaultMaxListeners validation', () => {
    const e = new EventEmitter();
    assert.equal(e.getMaxListeners(), 10);
    assert.equal(e.setMaxListeners(2), e);
    assert.equal(e.getMaxListeners(), 2);
    assert.equal(codeOf(() => e.setMaxListeners(-1)), 'ERR_OUT_OF_RANGE');
    assert.equal(codeOf(() => { EventEmitter.defaultMaxListeners = 'x'; }), 'ERR_INVALID_ARG_TYPE');
    assert.equal(codeOf(() => { EventEmitter.defaultMaxListeners = -2; }), 'ERR_OUT_OF_RANGE');
    assert.equal(EventEmitter.defaultMaxListeners, 10);
    assert.equal(EventEmitter.getMaxListeners(e), 2);
  });

  test('events: MaxListenersExceededWarning is emitted once per event', () => {
    const e = new EventEmitter();
    e.setMaxListeners(1);
    const proc = globalThis.process;
    const warnings = [];
    const saved = proc && proc.emitWarning;
    if (proc) proc.emitWarning = (w) => warnings.push(w);
    try {
      e.on('x', () => {});
      e.on('x', () => {});
      e.on('x', () => {});
    } finally {
      if (proc) proc.emitWarning = saved;
    }
    if (proc) {
      assert.equal(warnings.length, 1);
      assert.equal(warnings[0].name, 'MaxListenersExceededWarning');
      assert.equal(warnings[0].emitter, e);
      assert.equal(warnings[0].type, 'x');
      assert.equal(warnings[0].count, 2);
    }
    e.setMaxListeners(0);
    for (let i = 0; i < 20; i++) e.on('y', () => {});
    assert.equal(e.listenerCount('y'), 20);
  });

  test('events: old-style inheritance with EventEmitter.call and prototype chain', () => {
    function Old() {
      EventEmitter.call(this);
      this.ready = true;
    }
    Object.setPrototypeOf(Old.prototype, EventEmitter.prototype);
    Object.setPrototypeOf(Old, EventEmitter);
    Old.prototype.fire = function () {
      return this.emit('fire', 42);
    };
    const o = new Old();
    let got;
    o.on('fire', (v) => {
      got = v;
    });
    assert.ok(o.fire());
    assert.equal(got, 42);
    assert.ok(o instanceof EventEmitter);
    // util.inherits style: Object.create prototype
    function Legacy() {
      EventEmitter.call(this);
    }
    Legacy.prototype = Object.create(EventEmitter.prototype, { constructor: { value: Legacy, writable: true, configurable: true } });
    const l = new Legacy();
    l.once('a', () => {});
    assert.equal(l.listenerCount('a'), 1);
    // Two instances do not share listeners
    const l2 = new Legacy();
    assert.equal(l2.listenerCount('a'), 0);
  });

  test('events: class extends EventEmitter, and listeners added before init survive a second init', () => {
    class Sub extends EventEmitter {
      constructor() {
        super({ captureRejections: false });
        this.x = 1;
      }
    }
    const s = new Sub();
    s.on('a', () => {});
    EventEmitter.call(s); // as Duplex-like double initialisation does
    assert.equal(s.listenerCount('a'), 1);
    assert.ok(s instanceof EventEmitter);
  });

  test('events: captureRejections turns a rejected listener promise into an error event', async () => {
    const e = new EventEmitter({ captureRejections: true });
    const errors = [];
    e.on('error', (err) => errors.push(err.message));
    e.on('x', async () => {
      throw new Error('async boom');
    });
    e.emit('x');
    await delay();
    assert.deepEqual(errors, ['async boom']);
  });

  test('events: captureRejections calls Symbol.for(nodejs.rejection) when defined', async () => {
    const e = new EventEmitter({ captureRejections: true });
    const got = [];
    e[EventEmitter.captureRejectionSymbol] = (err, name, ...args) => got.push([err.message, name, ...args]);
    e.on('x', () => Promise.reject(new Error('r')));
    e.emit('x', 1, 2);
    await delay();
    assert.deepEqual(got, [['r', 'x', 1, 2]]);
    assert.equal(codeOf(() => new EventEmitter({ captureRejections: 'yes' })), 'ERR_INVALID_ARG_TYPE');
  });

  test('events: once() static resolves with the arguments', async () => {
    const e = new EventEmitter();
    setTimeout(() => e.emit('ready', 1, 'two'), 0);
    const args = await EventEmitter.once(e, 'ready');
    assert.deepEqual(args, [1, 'two']);
    assert.equal(e.listenerCount('ready'), 0);
    assert.equal(e.listenerCount('error'), 0);
  });

  test("events: once() static rejects on 'error'", async () => {
    const e = new EventEmitter();
    setTimeout(() => e.emit('error', new Error('bad')), 0);
    await assert.rejects(EventEmitter.once(e, 'ready'), /bad/);
    assert.equal(e.listenerCount('ready'), 0);
  });

  test('events: once() static with an AbortSignal', async () => {
    const e = new EventEmitter();
    const ac = new AbortController();
    const p = EventEmitter.once(e, 'never', { signal: ac.signal });
    ac.abort();
    await assert.rejects(p, /abort/i);
    assert.equal(e.listenerCount('never'), 0);
    const pre = new AbortController();
    pre.abort();
    let code;
    try {
      await EventEmitter.once(e, 'x', { signal: pre.signal });
    } catch (x) {
      code = x.code;
      assert.equal(x.name, 'AbortError');
    }
    assert.equal(code, 'ABORT_ERR');
  });

  test('events: once() static works with an EventTarget', async () => {
    const target = new EventTarget();
    setTimeout(() => target.dispatchEvent(new Event('ping')), 0);
    const [event] = await EventEmitter.once(target, 'ping');
    assert.equal(event.type, 'ping');
  });

  test('events: on() static async iterator yields argument arrays and stops on return', async () => {
    const e = new EventEmitter();
    setTimeout(() => {
      e.emit('data', 1);
      e.emit('data', 2, 'b');
      e.emit('data', 3);
    }, 0);
    const got = [];
    for await (const args of EventEmitter.on(e, 'data')) {
      got.push(args);
      if (got.length === 3) break;
    }
    assert.deepEqual(got, [[1], [2, 'b'], [3]]);
    assert.equal(e.listenerCount('data'), 0);
    assert.equal(e.listenerCount('error'), 0);
  });

  test('events: on() static rejects on error and honours close events', async () => {
    const e = new EventEmitter();
    const it = EventEmitter.on(e, 'x');
    setTimeout(() => e.emit('error', new Error('it failed')), 0);
    await assert.rejects(it.next(), /it failed/);
    const e2 = new EventEmitter();
    const got = [];
    setTimeout(() => {
      e2.emit('x', 'a');
      e2.emit('end');
    }, 0);
    for await (const [v] of EventEmitter.on(e2, 'x', { close: ['end'] })) got.push(v);
    assert.deepEqual(got, ['a']);
  });

  test('events: on() static with an EventTarget yields [event]', async () => {
    const target = new EventTarget();
    setTimeout(() => {
      target.dispatchEvent(new Event('tick'));
      target.dispatchEvent(new Event('tick'));
    }, 0);
    const types = [];
    for await (const args of EventEmitter.on(target, 'tick')) {
      assert.ok(Array.isArray(args));
      types.push(args[0].type);
      if (types.length === 2) break;
    }
    assert.deepEqual(types, ['tick', 'tick']);
  });

  test('events: on() static with an AbortSignal rejects the pending next()', async () => {
    const e = new EventEmitter();
    const ac = new AbortController();
    const it = EventEmitter.on(e, 'x', { signal: ac.signal });
    const p = it.next();
    ac.abort();
    await assert.rejects(p, /abort/i);
    assert.equal(e.listenerCount('x'), 0);
  });

  test('events: emit with many listeners and once mixed keeps order and removes once', () => {
    const e = new EventEmitter();
    const order = [];
    e.on('x', () => order.push(1));
    e.once('x', () => order.push(2));
    e.on('x', () => order.push(3));
    e.emit('x');
    e.emit('x');
    assert.deepEqual(order, [1, 2, 3, 1, 3]);
    assert.equal(e.listenerCount('x'), 2);
  });

  test('events: a throwing listener stops the emit and propagates', () => {
    const e = new EventEmitter();
    let after = false;
    e.on('x', () => {
      throw new Error('listener threw');
    });
    e.on('x', () => {
      after = true;
    });
    assert.throws(() => e.emit('x'), /listener threw/);
    assert.equal(after, false);
  });

  test('events: _events/_eventsCount internals that old packages read', () => {
    const e = new EventEmitter();
    const fn = () => {};
    e.on('a', fn);
    assert.equal(e._events.a, fn);
    e.on('a', fn);
    assert.ok(Array.isArray(e._events.a));
    assert.equal(e._eventsCount, 1);
    assert.equal(Object.getPrototypeOf(e._events), null);
  });

  test('events: getEventListeners, setMaxListeners on several emitters', () => {
    const a = new EventEmitter();
    const b = new EventEmitter();
    const fn = () => {};
    a.on('x', fn);
    assert.deepEqual(EventEmitter.getEventListeners(a, 'x'), [fn]);
    EventEmitter.setMaxListeners(3, a, b);
    assert.equal(a.getMaxListeners(), 3);
    assert.equal(b.getMaxListeners(), 3);
    assert.ok(Array.isArray(EventEmitter.getEventListeners(new EventTarget(), 'x')));
  });

  test('events: addAbortListener runs once on abort and can be disposed', async () => {
    const ac = new AbortController();
    let n = 0;
    EventEmitter.addAbortListener(ac.signal, () => n++);
    ac.abort();
    ac.abort();
    assert.equal(n, 1);
    const ac2 = new AbortController();
    const d = EventEmitter.addAbortListener(ac2.signal, () => n++);
    const dispose = d[Symbol.dispose || Symbol.for('nodejs.dispose')];
    dispose.call(d);
    ac2.abort();
    assert.equal(n, 1);
    const ac3 = new AbortController();
    ac3.abort();
    EventEmitter.addAbortListener(ac3.signal, () => n++);
    assert.equal(n, 1);
    await delay();
    assert.equal(n, 2);
  });

  test('events: EventEmitterAsyncResource is an EventEmitter', () => {
    const r = new EventEmitter.EventEmitterAsyncResource({ name: 'X' });
    let hit = false;
    r.on('a', () => {
      hit = true;
    });
    r.emit('a');
    assert.ok(hit);
    assert.ok(r instanceof EventEmitter);
    assert.equal(r.asyncResource.runInAsyncScope((x) => x + 1, null, 1), 2);
  });

  test('events: listener added in a newListener handler for the same event runs after', () => {
    const e = new EventEmitter();
    const order = [];
    let once = true;
    e.on('newListener', (name) => {
      if (name === 'x' && once) {
        once = false;
        e.on('x', () => order.push('from newListener'));
      }
    });
    e.on('x', () => order.push('original'));
    e.emit('x');
    assert.deepEqual(order, ['from newListener', 'original']);
  });
})();
