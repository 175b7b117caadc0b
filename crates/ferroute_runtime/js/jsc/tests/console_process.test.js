// Tests of console, performance, navigator and process (js/jsc/12_console_process.js); they
// also run on Node 20 (node-run.js). `__capture(fn)` returns what console printed while `fn`
// ran, as [{ stream: 1 (stdout) | 2 (stderr), text }], one per line written. `__expect`
// holds what the engine's natives report (pid, argv, env, ...).
(() => {
  'use strict';
  const onNode = globalThis.__engine === 'node';

  const out = (fn) => __capture(fn).map((l) => l.text).join('\n');
  const logged = (...args) => out(() => console.log(...args));

  // ------------------------------------------------------------------ format
  test('console.log formats every specifier as util.format', () => {
    assert.equal(
      logged('%s|%d|%i|%f|%j|%o|%O|%c|%%|%x', 'a', 42.5, 42.5, '3.5x', { a: 1 }, [1], { b: 2 }, 'color: red'),
      'a|42.5|42|3.5|{"a":1}|[ 1, [length]: 1 ]|{ b: 2 }||%|%x',
    );
    assert.equal(logged('%s %s', 'only'), 'only %s', 'a specifier without an argument stays');
    assert.equal(logged('%% %s'), '%% %s', 'a lone format string is printed as is');
    assert.equal(logged('a%', 1), 'a% 1');
    assert.equal(logged('%s', 'x', 'extra', { a: 1 }), 'x extra { a: 1 }');
    assert.equal(logged({ a: 1 }, 'b'), '{ a: 1 } b');
    assert.equal(logged('%c%s', 'color: red', 'x'), 'x');
    assert.equal(logged(), '');
  });

  test('%s, %d, %i, %f and %j conversions', () => {
    assert.equal(logged('%s', -0), '-0');
    assert.equal(logged('%s', 5n), '5n');
    assert.equal(logged('%s', null), 'null');
    assert.equal(logged('%s', Symbol('q')), 'Symbol(q)');
    assert.equal(logged('%s', { a: [1, { b: 2 }] }), '{ a: [Array] }');
    assert.equal(logged('%s', [1, [2]]), '[ 1, [Array] ]');
    assert.equal(logged('%s', { toString() { return 'T'; } }), 'T');
    assert.equal(logged('%s', new Date(0)), '1970-01-01T00:00:00.000Z');
    assert.equal(logged('%s', function f() {}), 'function f() {}');
    assert.equal(logged('%d %i %f', '0x10', '0x10', '1e3'), '16 16 1000');
    assert.equal(logged('%d|%d|%d|%d', 5n, {}, Symbol('s'), -0), '5n|NaN|NaN|-0');
    assert.equal(logged('%i|%i', 3.9, -3.9), '3|-3');
    const cyclic = {};
    cyclic.self = cyclic;
    assert.equal(logged('%j', cyclic), '[Circular]');
    assert.equal(logged('%j', undefined), 'undefined');
  });

  test('values are inspected as Node prints them', () => {
    assert.equal(logged(1, 'a', null, undefined, -0, 5n, Symbol('q'), true), '1 a null undefined -0 5n Symbol(q) true');
    assert.equal(logged({ a: 1, b: 'x' }), "{ a: 1, b: 'x' }");
    assert.equal(logged([undefined, null, "a'", true]), `[ undefined, null, "a'", true ]`);
    assert.equal(logged(['a\'b"c', 'x\n']), "[ `a'b\"c`, 'x\\n' ]");
    assert.equal(logged({ a: { b: { c: {} } } }), '{ a: { b: { c: {} } } }');
    assert.equal(logged({ a: { b: { c: { d: 1 } } } }), '{ a: { b: { c: [Object] } } }');
    assert.equal(logged([[[[1]]]]), '[ [ [ [Array] ] ] ]');
    assert.equal(logged({ f() {}, g: () => 1, h: async () => 1 }), '{ f: [Function: f], g: [Function: g], h: [AsyncFunction: h] }');
    assert.equal(logged(class A {}), '[class A]');
    assert.equal(logged(function () {}), '[Function (anonymous)]');
    assert.equal(logged(Object.assign(() => 1, { p: 1 })), '[Function (anonymous)] { p: 1 }');
    assert.equal(logged(new Set(['a', { b: 1 }])), "Set(2) { 'a', { b: 1 } }");
    assert.equal(logged({ a: new Map([[{ k: 1 }, [1, 2]]]) }), '{ a: Map(1) { { k: 1 } => [ 1, 2 ] } }');
    assert.equal(logged(new Map()), 'Map(0) {}');
    assert.equal(logged({ 'x y': 1, _ok: 2, $d: 3, '1a': 4 }), "{ 'x y': 1, _ok: 2, '$d': 3, '1a': 4 }");
    assert.equal(logged(Object.create(null)), '[Object: null prototype] {}');
    assert.equal(logged(new (class Foo { constructor() { this.q = 1; } })()), 'Foo { q: 1 }');
    assert.equal(logged(new (class Foo {})()), 'Foo {}');
    assert.equal(logged(new Number(3), new String('ab')), "[Number: 3] [String: 'ab']");
    assert.equal(logged(new Uint8Array([1, 2]), new Uint8Array(0)), 'Uint8Array(2) [ 1, 2 ] Uint8Array(0) []');
    assert.equal(logged(new ArrayBuffer(2)), 'ArrayBuffer { [Uint8Contents]: <00 00>, byteLength: 2 }');
    assert.equal(logged([1, , 3], [, ,]), '[ 1, <1 empty item>, 3 ] [ <2 empty items> ]'); // eslint-disable-line no-sparse-arrays
    assert.equal(logged(new Date(0), /x/g), '1970-01-01T00:00:00.000Z /x/g');
    assert.equal(logged({ '1': 3, get g() { return 1; }, set s(v) {}, [Symbol('s')]: 2 }), "{ '1': 3, g: [Getter], s: [Setter], [Symbol(s)]: 2 }");
    const o = { n: 1 };
    o.self = o;
    assert.equal(logged(o), '<ref *1> { n: 1, self: [Circular *1] }');
    const p = {};
    p.a = { back: p };
    assert.equal(logged(p), '<ref *1> { a: { back: [Circular *1] } }');
    // Two gaps of 52_node_util.js's inspect on JSC (the runner that loads it sets
    // __nodeUtilOnJsc): it expects V8's stacks, which start with `Name: message` (JSC's hold
    // only frames), and it ignores the llrt.inspect.custom getter of Blob.
    const utilGaps = globalThis.__nodeUtilOnJsc === true;
    if (!utilGaps) {
      assert.equal(logged(new Error('boom')).split('\n')[0], 'Error: boom');
      const coded = new TypeError('bad');
      coded.code = 'E_BAD';
      const codedText = logged(coded);
      assert.equal(codedText.split('\n')[0], 'TypeError: bad');
      assert.ok(codedText.endsWith(" {\n  code: 'E_BAD'\n}"), codedText);
    }
    assert.ok(logged(Array.from({ length: 120 }, () => 'ab')).endsWith(",\n  ... 20 more items\n]"));
    const sparse = new Array(205);
    sparse[0] = 1;
    sparse[204] = 2;
    assert.equal(logged(sparse), '[ 1, <203 empty items>, 2 ]');
    if (!utilGaps) assert.equal(logged(new Blob(['hello'], { type: 'text/plain' })), "Blob { size: 5, type: 'text/plain' }");
    assert.equal(
      logged({ aaaaaaaaaaaaaaa: 'bbbbbbbbbbbbbbbbbbbb', ccccccccccccccccc: 'dddddddddddddddddddd', e: 123456 }),
      "{\n  aaaaaaaaaaaaaaa: 'bbbbbbbbbbbbbbbbbbbb',\n  ccccccccccccccccc: 'dddddddddddddddddddd',\n  e: 123456\n}",
    );
  });

  // ------------------------------------------------------------------ console methods
  test('each method writes to its stream', () => {
    const lines = __capture(() => {
      console.log('log');
      console.info('info');
      console.debug('debug');
      console.dirxml('dirxml');
      console.warn('warn');
      console.error('error');
    });
    assert.deepEqual(lines, [
      { stream: 1, text: 'log' }, { stream: 1, text: 'info' }, { stream: 1, text: 'debug' },
      { stream: 1, text: 'dirxml' }, { stream: 2, text: 'warn' }, { stream: 2, text: 'error' },
    ]);
    const { log } = console;
    assert.equal(out(() => log('detached')), 'detached', 'methods work without their receiver');
  });

  test('group indents every line until groupEnd', () => {
    const text = out(() => {
      console.group('G');
      console.log('a\nb');
      console.group();
      console.info('c');
      console.groupEnd();
      console.groupCollapsed('H', 1);
      console.error('e');
      console.groupEnd();
      console.groupEnd();
      console.groupEnd();
      console.log('d');
    });
    assert.equal(text, 'G\n  a\n  b\n    c\n  H 1\n    e\nd');
  });

  test('count, countReset and assert', () => {
    const text = out(() => {
      console.count();
      console.count();
      console.count('x');
      console.countReset();
      console.count();
      console.count(undefined);
    });
    assert.equal(text, 'default: 1\ndefault: 2\nx: 1\ndefault: 1\ndefault: 2');
    const lines = __capture(() => {
      console.assert(false, 'x %s', 'y');
      console.assert(false);
      console.assert(0, { a: 1 });
      console.assert(true, 'never');
    });
    assert.deepEqual(lines, [
      { stream: 2, text: 'Assertion failed: x y' },
      { stream: 2, text: 'Assertion failed' },
      { stream: 2, text: 'Assertion failed: [object Object]' },
    ]);
  });

  test('dir, trace and table', () => {
    assert.equal(out(() => console.dir({ a: { b: { c: { d: 1 } } } }, { depth: 0 })), '{ a: [Object] }');
    assert.equal(out(() => console.dir('s')), "'s'");
    const trace = __capture(() => console.trace('here %d', 1));
    assert.equal(trace[0].stream, 2);
    assert.equal(trace[0].text.split('\n')[0], 'Trace: here 1');
    assert.ok(trace[0].text.split('\n').length > 1, 'with frames');
    assert.equal(out(() => console.table([{ a: 1, b: 'x' }, { a: 2, c: true }])), [
      '┌─────────┬───┬─────┬──────┐',
      '│ (index) │ a │ b   │ c    │',
      '├─────────┼───┼─────┼──────┤',
      "│ 0       │ 1 │ 'x' │      │",
      '│ 1       │ 2 │     │ true │',
      '└─────────┴───┴─────┴──────┘',
    ].join('\n'));
    assert.equal(out(() => console.table([1, 'two', { x: 1 }])), [
      '┌─────────┬───┬────────┐',
      '│ (index) │ x │ Values │',
      '├─────────┼───┼────────┤',
      '│ 0       │   │ 1      │',
      "│ 1       │   │ 'two'  │",
      '│ 2       │ 1 │        │',
      '└─────────┴───┴────────┘',
    ].join('\n'));
    assert.equal(out(() => console.table({ r1: { c: 1, d: 0 }, r2: { c: 2 } }, ['c'])), [
      '┌─────────┬───┐',
      '│ (index) │ c │',
      '├─────────┼───┤',
      '│ r1      │ 1 │',
      '│ r2      │ 2 │',
      '└─────────┴───┘',
    ].join('\n'));
    assert.equal(out(() => console.table(new Map([['k', { v: 1 }]]))), [
      '┌───────────────────┬─────┬──────────┐',
      '│ (iteration index) │ Key │ Values   │',
      '├───────────────────┼─────┼──────────┤',
      "│ 0                 │ 'k' │ { v: 1 } │",
      '└───────────────────┴─────┴──────────┘',
    ].join('\n'));
    assert.equal(out(() => console.table('str')), 'str');
    assert.equal(out(() => console.table([])), '┌─────────┐\n│ (index) │\n├─────────┤\n└─────────┘');
  });

  test('console.Console writes lines to the streams it is given', () => {
    const outLines = [];
    const errLines = [];
    // Node's Console also listens for 'error' on its streams.
    const stream = (lines) => ({ write: (chunk) => { lines.push(chunk); return true; }, once() {}, on() {}, removeListener() {}, listenerCount: () => 0 });
    const stdout = stream(outLines);
    const stderr = stream(errLines);
    const c = new console.Console(stdout, stderr);
    assert.ok(c instanceof console.Console);
    c.log('a %d', 1);
    c.group('g');
    c.error('e');
    c.groupEnd();
    c.count(); // the global console's default count is at 2 already: each counts for itself
    c.table([{ x: 1 }]);
    assert.deepEqual(outLines.slice(0, 3), ['a 1\n', 'g\n', 'default: 1\n']);
    assert.ok(outLines[3].startsWith('┌'), outLines[3]);
    assert.deepEqual(errLines, ['  e\n']);
    const c2 = new console.Console({ stdout });
    c2.warn('to stdout');
    assert.equal(outLines[outLines.length - 1], 'to stdout\n', 'stderr defaults to stdout');
    assert.throws(() => new console.Console(), TypeError);
    assert.throws(() => new console.Console({ write: 5 }), TypeError);
    assert.equal(typeof console.profile, 'function');
  });

  test('time, timeLog and timeEnd print the elapsed time', () => {
    const lines = __capture(() => {
      console.time('t');
      console.timeLog('t', 'extra', 1);
      console.timeEnd('t');
      console.time();
      console.timeEnd();
    });
    assert.equal(lines.length, 3);
    assert.ok(/^t: \d+(\.\d+)?ms extra 1$/.test(lines[0].text), lines[0].text);
    assert.ok(/^t: \d+(\.\d+)?ms$/.test(lines[1].text), lines[1].text);
    assert.ok(/^default: \d+(\.\d+)?ms$/.test(lines[2].text), lines[2].text);
    assert.ok(lines.every((l) => l.stream === 1));
  });

  test('misused labels warn instead of throwing', () => {
    if (onNode) return; // Node emits these through process 'warning' events, later
    const lines = __capture(() => {
      console.timeEnd('missing');
      console.time('twice');
      console.time('twice');
      console.countReset('nothing');
    });
    assert.deepEqual(lines.map((l) => l.stream), [2, 2, 2]);
    assert.ok(lines[0].text.includes("No such label 'missing' for console.timeEnd()"), lines[0].text);
    assert.ok(lines[1].text.includes("Label 'twice' already exists for console.time()"), lines[1].text);
    assert.ok(lines[2].text.includes("Count for 'nothing' does not exist"), lines[2].text);
    __capture(() => console.timeEnd('twice'));
  });

  // ------------------------------------------------------------------ performance
  test('performance.now is monotonic from timeOrigin', () => {
    const a = performance.now();
    const b = performance.now();
    assert.equal(typeof a, 'number');
    assert.ok(a >= 0 && b >= a);
    assert.ok(Math.abs(performance.timeOrigin + performance.now() - Date.now()) < 1000);
    assert.equal(performance.toJSON().timeOrigin, performance.timeOrigin);
    assert.ok(performance instanceof Performance);
  });

  test('marks and measures', () => {
    performance.clearMarks();
    performance.clearMeasures();
    const start = performance.mark('start', { detail: { step: 1 } });
    assert.ok(start instanceof PerformanceMark && start instanceof PerformanceEntry);
    assert.equal(start.entryType, 'mark');
    assert.equal(start.name, 'start');
    assert.equal(start.duration, 0);
    assert.deepEqual(start.detail, { step: 1 });
    assert.equal(performance.mark('plain').detail, null);
    const fixed = performance.mark('fixed', { startTime: 5 });
    assert.equal(fixed.startTime, 5);
    assert.throws(() => performance.mark('neg', { startTime: -1 }), TypeError);
    const end = performance.mark('end');
    assert.ok(end.startTime >= start.startTime);
    const m = performance.measure('between', 'start', 'end');
    assert.ok(m instanceof PerformanceMeasure);
    assert.equal(m.entryType, 'measure');
    assert.equal(m.startTime, start.startTime);
    assert.equal(m.duration, end.startTime - start.startTime);
    assert.equal(performance.measure('from-zero').startTime, 0);
    const opts = performance.measure('opts', { start: 10, duration: 5, detail: 'd' });
    assert.equal(`${opts.startTime}|${opts.duration}|${opts.detail}`, '10|5|d');
    const back = performance.measure('back', { end: 'fixed', duration: 2 });
    assert.equal(`${back.startTime}|${back.duration}`, '3|2');
    const e = assert.throws(() => performance.measure('x', 'no-such-mark'));
    assert.ok(e instanceof DOMException && e.name === 'SyntaxError', String(e));
    assert.throws(() => performance.measure('x', { start: 1 }, 'end'), TypeError);
    assert.throws(() => performance.measure('x', { start: 1, end: 2, duration: 1 }), TypeError);
    assert.deepEqual(fixed.toJSON(), { name: 'fixed', entryType: 'mark', startTime: 5, duration: 0, detail: null });
  });

  test('getEntries, by name and type, and clearing', () => {
    performance.clearMarks();
    performance.clearMeasures();
    performance.mark('b', { startTime: 20 });
    performance.mark('a', { startTime: 10 });
    performance.mark('a', { startTime: 30 });
    performance.measure('m', 'a');
    const all = performance.getEntries();
    assert.deepEqual(all.map((e) => `${e.entryType}:${e.name}`), ['mark:a', 'mark:b', 'mark:a', 'measure:m']);
    assert.equal(all[3].startTime, 30, 'the latest mark of a name');
    assert.equal(performance.getEntriesByName('a').length, 2);
    assert.equal(performance.getEntriesByName('a', 'measure').length, 0);
    assert.equal(performance.getEntriesByName('m', 'measure').length, 1);
    assert.equal(performance.getEntriesByType('mark').length, 3);
    performance.clearMarks('a');
    assert.deepEqual(performance.getEntriesByType('mark').map((e) => e.name), ['b']);
    performance.clearMeasures('m');
    assert.equal(performance.getEntriesByType('measure').length, 0);
    performance.clearMarks();
    assert.equal(performance.getEntries().length, 0);
  });

  // ------------------------------------------------------------------ navigator
  test('navigator', () => {
    if (onNode) return; // Node 20 has no navigator
    assert.ok(/^ferroute\//.test(navigator.userAgent), navigator.userAgent);
    assert.equal(navigator.hardwareConcurrency, __expect.cpus);
    assert.equal(navigator.language, 'en-US');
  });

  // ------------------------------------------------------------------ process
  test('process facts', () => {
    assert.equal(process.pid, __expect.pid);
    assert.equal(process.ppid, __expect.ppid);
    assert.equal(process.platform, __expect.platform);
    assert.equal(process.arch, __expect.arch);
    assert.deepEqual(process.argv, __expect.argv);
    assert.equal(process.execPath, __expect.execPath);
    assert.ok(Array.isArray(process.execArgv));
    assert.equal(typeof process.argv0, 'string');
    assert.equal(process.cwd(), __expect.cwd);
    assert.equal(process.version, 'v20.20.2');
    assert.equal(process.versions.node, '20.20.2');
    assert.equal(process.release.name, 'node');
    assert.equal(Object.prototype.toString.call(process), '[object process]');
    assert.ok(process.uptime() > 0);
  });

  test('process.env: the real environment, .env values, string writes', () => {
    for (const [k, v] of Object.entries(__expect.env)) assert.equal(process.env[k], v, k);
    process.env.FERROUTE_T1 = 1;
    assert.equal(process.env.FERROUTE_T1, '1');
    process.env.FERROUTE_T1 = undefined;
    assert.equal(process.env.FERROUTE_T1, 'undefined');
    process.env.FERROUTE_T1 = { toString: () => 'obj' };
    assert.equal(process.env.FERROUTE_T1, 'obj');
    assert.ok('FERROUTE_T1' in process.env);
    assert.ok(Object.keys(process.env).includes('FERROUTE_T1'));
    assert.ok(Object.prototype.hasOwnProperty.call(process.env, 'FERROUTE_T1'));
    assert.ok(delete process.env.FERROUTE_T1);
    assert.equal(process.env.FERROUTE_T1, undefined);
    assert.ok(!('FERROUTE_T1' in process.env));
    assert.throws(() => { process.env[Symbol('s')] = 'x'; }, TypeError);
    assert.throws(() => Object.defineProperty(process.env, 'FERROUTE_T2', { get() { return 'x'; } }), TypeError);
    Object.defineProperty(process.env, 'FERROUTE_T2', { value: 2, writable: true, enumerable: true, configurable: true });
    assert.equal(process.env.FERROUTE_T2, '2');
    delete process.env.FERROUTE_T2;
  });

  test('process.hrtime and hrtime.bigint', () => {
    const t = process.hrtime();
    assert.ok(Array.isArray(t) && t.length === 2);
    assert.ok(Number.isInteger(t[0]) && Number.isInteger(t[1]) && t[1] >= 0 && t[1] < 1e9);
    const d = process.hrtime(t);
    assert.ok(d[0] >= 0 && d[1] >= 0 && d[1] < 1e9 && d[0] < 5);
    const a = process.hrtime.bigint();
    const b = process.hrtime.bigint();
    assert.equal(typeof a, 'bigint');
    assert.ok(b >= a);
    assert.throws(() => process.hrtime('x'), TypeError);
    assert.throws(() => process.hrtime([1]), RangeError);
  });

  test('process.nextTick runs after the current code, with its arguments', async () => {
    const order = [];
    const done = new Promise((resolve) => process.nextTick((a, b) => {
      order.push(`tick ${a} ${b}`);
      resolve();
    }, 1, 2));
    order.push('sync');
    await done;
    assert.deepEqual(order, ['sync', 'tick 1 2']);
    assert.throws(() => process.nextTick('x'), TypeError);
  });

  test('process.memoryUsage', () => {
    const m = process.memoryUsage();
    for (const key of ['rss', 'heapTotal', 'heapUsed', 'external', 'arrayBuffers']) assert.equal(typeof m[key], 'number', key);
    assert.equal(typeof process.memoryUsage.rss(), 'number');
    if (__expect.memory) {
      assert.equal(`${m.rss}|${m.heapTotal}|${m.heapUsed}`, `${__expect.memory.rss}|${__expect.memory.heapTotal}|${__expect.memory.heapUsed}`);
    }
  });

  test('process.emitWarning and process.exit go through the natives', () => {
    if (onNode) return; // Node prints warnings on a later tick and exit() ends the run
    const lines = __capture(() => {
      process.emitWarning('careful');
      process.emitWarning('careful');
      process.emitWarning('old', 'DeprecationWarning', 'DEP0001');
      process.emitWarning(new Error('as error'));
    });
    assert.deepEqual(lines.map((l) => l.text), [
      '(ferroute) Warning: careful', '(ferroute) [DEP0001] DeprecationWarning: old', '(ferroute) Error: as error',
    ]);
    assert.ok(lines.every((l) => l.stream === 2));
    const exited = __capture(() => process.exit(3));
    assert.deepEqual(exited, [{ stream: 0, text: 'exit 3' }]);
    assert.equal(process.exitCode, 3);
    process.exitCode = undefined;
    assert.deepEqual(__capture(() => process.exit()), [{ stream: 0, text: 'exit 0' }]);
  });
})();
