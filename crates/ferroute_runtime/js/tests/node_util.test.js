// node:util: inspect/format against outputs recorded from Node 20, types, promisify,
// callbackify, deprecate, inherits, isDeepStrictEqual, debuglog, parseArgs, styleText.
(() => {
  const internal = globalThis[Symbol.for('ferroute.internal')];
  const util = internal.builtin('util');
  // In the engine, test files are compiled like route code, with async functions lowered to
  // generators; a real one comes from eval (the plain function if eval is unavailable, and
  // then the cases that need one are skipped).
  const realAsync = (src) => {
    try {
      return (0, eval)(src);
    } catch {
      return undefined;
    }
  };
  const asyncIsReal = util.types.isAsyncFunction(realAsync('(async () => {})'));

  // [value, options, what Node 20's util.inspect prints]
  const inspectCases = [
    [() => (1), undefined, "1"],
    [() => (-0), undefined, "-0"],
    [() => (NaN), undefined, "NaN"],
    [() => ('str'), undefined, "'str'"],
    [() => ("it's"), undefined, "\"it's\""],
    [() => ('a\nb\tc\x01\x7f\\'), undefined, "'a\\nb\\tc\\x01\\x7F\\\\'"],
    [() => (10n), undefined, "10n"],
    [() => (true), undefined, "true"],
    [() => (undefined), undefined, "undefined"],
    [() => (null), undefined, "null"],
    [() => (Symbol('x')), undefined, "Symbol(x)"],
    [() => ([]), undefined, "[]"],
    [() => ([1, 2, 3]), undefined, "[ 1, 2, 3 ]"],
    [() => ({}), undefined, "{}"],
    [() => ({ a: 1, b: 'x' }), undefined, "{ a: 1, b: 'x' }"],
    [() => ({ 'a-b': 1, [Symbol('s')]: 2, _c: 3 }), undefined, "{ 'a-b': 1, _c: 3, [Symbol(s)]: 2 }"],
    [() => (new (class Foo { constructor() { this.a = 1; } })()), undefined, "Foo { a: 1 }"],
    [() => (Object.create(null)), undefined, "[Object: null prototype] {}"],
    [() => (Object.assign(Object.create(null), { a: 1 })), undefined, "[Object: null prototype] { a: 1 }"],
    [() => ((() => { const c = { name: 'c' }; c.self = c; c.arr = [c]; return c; })()), undefined, "<ref *1> { name: 'c', self: [Circular *1], arr: [ [Circular *1] ] }"],
    [() => ({ get g() { return 1; }, set s(v) {}, get gs() { return 1; }, set gs(v) {} }), undefined, "{ g: [Getter], s: [Setter], gs: [Getter/Setter] }"],
    [() => (new Map([['a', 1], ['b', { c: [1, 2] }]])), undefined, "Map(2) { 'a' => 1, 'b' => { c: [ 1, 2 ] } }"],
    [() => (new Set([1, 'a', [2]])), undefined, "Set(3) { 1, 'a', [ 2 ] }"],
    [() => (new Map()), undefined, "Map(0) {}"],
    [() => (new WeakMap()), undefined, "WeakMap { <items unknown> }"],
    [() => (new Date(0)), undefined, "1970-01-01T00:00:00.000Z"],
    [() => (new Date(NaN)), undefined, "Invalid Date"],
    [() => (/a\/b/gi), undefined, "/a\\/b/gi"],
    [() => (function named() {}), undefined, "[Function: named]"],
    [() => (() => {}), undefined, "[Function (anonymous)]"],
    [() => realAsync('(async function af() {})'), undefined, "[AsyncFunction: af]"],
    [() => (function* gen() {}), undefined, "[GeneratorFunction: gen]"],
    [() => (class A {}), undefined, "[class A]"],
    [() => (class B extends Map {}), undefined, "[class B extends Map]"],
    [() => (Object.assign(function q() {}, { a: 1 })), undefined, "[Function: q] { a: 1 }"],
    [() => (new Number(3)), undefined, "[Number: 3]"],
    [() => (new String('ab')), undefined, "[String: 'ab']"],
    [() => (new Boolean(false)), undefined, "[Boolean: false]"],
    [() => (Object(Symbol('q'))), undefined, "[Symbol: Symbol(q)]"],
    [() => (new Uint8Array([1, 2, 3])), undefined, "Uint8Array(3) [ 1, 2, 3 ]"],
    [() => (new Float64Array(2)), undefined, "Float64Array(2) [ 0, 0 ]"],
    [() => (new BigInt64Array(2)), undefined, "BigInt64Array(2) [ 0n, 0n ]"],
    [() => (new ArrayBuffer(3)), undefined, "ArrayBuffer { [Uint8Contents]: <00 00 00>, byteLength: 3 }"],
    [() => (new DataView(new ArrayBuffer(2))), undefined, "DataView {\n  byteLength: 2,\n  byteOffset: 0,\n  buffer: ArrayBuffer { [Uint8Contents]: <00 00>, byteLength: 2 }\n}"],
    [() => (Array.from({ length: 120 }, (_, i) => i)), undefined, "[\n   0,  1,  2,  3,  4,  5,  6,  7,  8,  9, 10, 11,\n  12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23,\n  24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35,\n  36, 37, 38, 39, 40, 41, 42, 43, 44, 45, 46, 47,\n  48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59,\n  60, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71,\n  72, 73, 74, 75, 76, 77, 78, 79, 80, 81, 82, 83,\n  84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95,\n  96, 97, 98, 99,\n  ... 20 more items\n]"],
    [() => (Array.from({ length: 26 }, (_, i) => String.fromCharCode(97 + i))), undefined, "[\n  'a', 'b', 'c', 'd', 'e', 'f',\n  'g', 'h', 'i', 'j', 'k', 'l',\n  'm', 'n', 'o', 'p', 'q', 'r',\n  's', 't', 'u', 'v', 'w', 'x',\n  'y', 'z'\n]"],
    [() => (Array.from({ length: 10 }, (_, i) => 'item' + i)), undefined, "[\n  'item0', 'item1',\n  'item2', 'item3',\n  'item4', 'item5',\n  'item6', 'item7',\n  'item8', 'item9'\n]"],
    [() => ({ a: { b: { c: { d: {} } } } }), undefined, "{ a: { b: { c: [Object] } } }"],
    [() => ({ a: { b: { c: { d: 1 } } } }), undefined, "{ a: { b: { c: [Object] } } }"],
    [() => ([[[[1]]]]), undefined, "[ [ [ [Array] ] ] ]"],
    [() => ({ a: [{ b: { c: 1 } }] }), undefined, "{ a: [ { b: [Object] } ] }"],
    [() => ({ x: 'y'.repeat(70) }), undefined, "{\n  x: 'yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy'\n}"],
    [() => (['a'.repeat(30), 'b'.repeat(30), 'c'.repeat(30)]), undefined, "[\n  'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',\n  'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbb',\n  'cccccccccccccccccccccccccccccc'\n]"],
    [() => (Object.assign([1, 2], { extra: true })), undefined, "[ 1, 2, extra: true ]"],
    [() => ([1, , 3]), undefined, "[ 1, <1 empty item>, 3 ]"],
    [() => (new Array(5)), undefined, "[ <5 empty items> ]"],
    [() => ((function () { return arguments; })(1, 2)), undefined, "[Arguments] { '0': 1, '1': 2 }"],
    [() => ((function () { return arguments; })()), undefined, "[Arguments] {}"],
    [() => (new (class Tagged { get [Symbol.toStringTag]() { return 'TT'; } })()), undefined, "Tagged [TT] {}"],
    [() => ({ [Symbol.toStringTag]: 'own' }), undefined, "{ [Symbol(Symbol.toStringTag)]: 'own' }"],
    [() => (Buffer.from('hello')), undefined, "<Buffer 68 65 6c 6c 6f>"],
    [() => ({ f() {}, g: function () {}, h: () => {} }), undefined, "{ f: [Function: f], g: [Function: g], h: [Function: h] }"],
    [() => ([1.5, -2, 3e21, 0.1, 4, 5, 6, 7, 8, 9]), undefined, "[\n  1.5, -2, 3e+21,\n  0.1,  4,     5,\n    6,  7,     8,\n    9\n]"],
    [() => ([{ a: 1, b: 2 }, { a: 3, b: 4 }, { a: 5, b: 6 }]), undefined, "[ { a: 1, b: 2 }, { a: 3, b: 4 }, { a: 5, b: 6 } ]"],
    [() => ({ nested: { arr: [1, 2, 3], map: new Map([[1, 2]]) } }), undefined, "{ nested: { arr: [ 1, 2, 3 ], map: Map(1) { 1 => 2 } } }"],
    [() => ({ 'key with space': 1, 0: 2, 'été': 3 }), undefined, "{ '0': 2, 'key with space': 1, 'été': 3 }"],
    [() => ({ [Symbol.for('nodejs.util.inspect.custom')]() { return 'CUSTOM'; } }), undefined, "CUSTOM"],
    [() => ({ inner: { [Symbol.for('nodejs.util.inspect.custom')](depth, opts, insp) { return insp({ z: 1 }); } } }), undefined, "{ inner: { z: 1 } }"],
    [() => (Object.assign(new Date(0), { x: 1 })), undefined, "1970-01-01T00:00:00.000Z { x: 1 }"],
    [() => ('aaaaaaaaaaaaaaaaaaaaaa\nbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\nccc'), undefined, "'aaaaaaaaaaaaaaaaaaaaaa\\n' +\n  'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\\n' +\n  'ccc'"],
    [() => ({ a: 1 }), { depth: 0 }, "{ a: 1 }"],
    [() => ({ a: { b: { c: { d: {} } } } }), { depth: 0 }, "{ a: [Object] }"],
    [() => ({ a: { b: { c: { d: {} } } } }), { depth: null }, "{\n  a: { b: { c: { d: {} } } }\n}"],
    [() => ([1, 2, 3]), { maxArrayLength: 1 }, "[ 1, ... 2 more items ]"],
    [() => ('abcdef'), { maxStringLength: 2 }, "'ab'... 4 more characters"],
    [() => ({ b: 1, a: 2 }), { sorted: true }, "{ a: 2, b: 1 }"],
    [() => ({ a: 1, b: [1, 2] }), { compact: false }, "{\n  a: 1,\n  b: [\n    1,\n    2\n  ]\n}"],
    [() => ({ a: 1, b: [1, 2] }), { compact: true }, "{ a: 1, b: [ 1, 2 ] }"],
    [() => ([1, 2]), { showHidden: true }, "[ 1, 2, [length]: 2 ]"],
    [() => ({ a: 'x'.repeat(50), b: 'y'.repeat(50) }), { breakLength: Infinity }, "{ a: 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', b: 'yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy' }"],
    [() => ({ a: 1, bb: 2 }), { breakLength: 3 }, "{\n  a: 1,\n  bb: 2\n}"],
    [() => ({ get g() { return 1; } }), { getters: true }, "{ g: [Getter: 1] }"],
    [() => ({ a: [1, 2] }), { colors: false }, "{ a: [ 1, 2 ] }"],
  ];
  for (const [make, options, expected] of inspectCases) {
    if (!asyncIsReal && expected.startsWith('[AsyncFunction')) continue;
    test(`util.inspect: ${make.toString().slice(7, 70)}${options ? ` ${JSON.stringify(options)}` : ''}`, () => {
      assert.equal(util.inspect(make(), options), expected);
    });
  }

  // [format arguments, what Node 20's util.format returns]
  const formatCases = [
    [['%s %d %i %f %j', 'a', 1.5, 2.7, '3.1', { a: 1 }], "a 1.5 2 3.1 {\"a\":1}"],
    [['%s', { a: { b: { c: 1 } } }], "{ a: [Object] }"],
    [['%s', [1, [2]]], "[ 1, [Array] ]"],
    [['%s', { toString() { return 'T'; } }], "T"],
    [['%s', -0], "-0"],
    [['%s', 5n], "5n"],
    [['%d', 5n], "5n"],
    [['%i', '42abc'], "42"],
    [['%o', { a: 1 }], "{ a: 1 }"],
    [['%O', { a: 1 }], "{ a: 1 }"],
    [['%c%s', 'css', 'x'], "x"],
    [['%% %s'], "%% %s"],
    [['%s %s', 'a'], "a %s"],
    [['a', 'b', 1, { c: 2 }], "a b 1 { c: 2 }"],
    [[1, 2, 'x'], "1 2 x"],
    [['%j', (() => { const o = {}; o.o = o; return o; })()], "[Circular]"],
    [['%x %s', 'y'], "%x y"],
    [['100%'], "100%"],
    [['%s', null], "null"],
    [['%s', undefined], "undefined"],
    [['%s', Symbol('z')], "Symbol(z)"],
    [['%d', 'abc'], "NaN"],
    [['%s', new Date(0)], "1970-01-01T00:00:00.000Z"],
    [['%s', function ff() {}], "function ff() {}"],
    [['%o', [1, 2]], "[ 1, 2, [length]: 2 ]"],
    [['%s', new (class P { constructor() { this.a = 1; } })()], "P { a: 1 }"],
  ];
  for (const [args, expected] of formatCases) {
    test(`util.format: ${JSON.stringify(String(args[0]))} with ${args.length - 1} argument(s) → ${JSON.stringify(expected)}`, () => {
      assert.equal(util.format(...args), expected);
    });
  }

  const withStack = (E, message, stack, props) => Object.assign(new E(message), { stack }, props);

  test('util.inspect: errors show their stack, indented when nested, with own properties', () => {
    assert.equal(util.inspect({ e: withStack(Error, 'in', 'Error: in\n    at f (a.js:1:1)') }), '{\n  e: Error: in\n      at f (a.js:1:1)\n}');
    assert.equal(util.inspect([withStack(Error, 'k', 'Error: k\n    at f (a.js:1:1)', { code: 'E1' })]), "[\n  Error: k\n      at f (a.js:1:1) {\n    code: 'E1'\n  }\n]");
    assert.equal(util.inspect(withStack(Error, 'x', '')), '[Error: x]');
    assert.equal(util.inspect(withStack(Error, 'x', 'Error: x', { code: 'E' })), "[Error: x] { code: 'E' }");
    assert.equal(util.inspect(withStack(TypeError, 't', 'TypeError: t\n    at g (b.js:2:2)'), { depth: 0 }), 'TypeError: t\n    at g (b.js:2:2)');
  });

  test('util.inspect: a live error starts with "Name: message" (QuickJS stacks have no header)', () => {
    const s = util.inspect(new RangeError('boom'));
    assert.ok(s.startsWith('RangeError: boom'), s);
    const c = util.inspect(new Error('outer', { cause: 'why' }));
    assert.ok(c.includes("[cause]: 'why'"), c);
  });

  test('util.inspect: promises, custom symbol, defaultOptions', () => {
    assert.ok(/^Promise \{ <(pending|unknown)> \}$/.test(util.inspect(new Promise(() => {}))), util.inspect(new Promise(() => {})));
    assert.equal(util.inspect.custom, Symbol.for('nodejs.util.inspect.custom'));
    assert.equal(util.inspect.defaultOptions.depth, 2);
    assert.equal(util.inspect.defaultOptions.breakLength, 80);
    const saved = util.inspect.defaultOptions.depth;
    util.inspect.defaultOptions = { depth: 0 };
    try {
      assert.equal(util.inspect({ a: { b: 1 } }), '{ a: [Object] }');
    } finally {
      util.inspect.defaultOptions = { depth: saved };
    }
    assert.equal(util.inspect({ a: { b: 1 } }), '{ a: { b: 1 } }');
    assert.equal(util.inspect('x', true, 0), "'x'", 'legacy signature');
  });

  test('util.formatWithOptions', () => {
    assert.equal(util.formatWithOptions({ depth: 0 }, 'v=%O', { a: { b: 1 } }), 'v={ a: [Object] }');
    assert.equal(util.formatWithOptions({ compact: false }, { a: 1 }), '{\n  a: 1\n}');
    assert.throws(() => util.formatWithOptions(null, 'x'), TypeError);
  });

  test('util.types: brand checks', () => {
    const t = util.types;
    assert.equal(internal.builtin('util/types'), t);
    assert.equal(internal.builtin('sys'), util);
    assert.ok(t.isPromise(Promise.resolve()) && !t.isPromise({ then() {} }));
    assert.ok(t.isDate(new Date()) && !t.isDate({}));
    assert.ok(t.isRegExp(/x/) && !t.isRegExp('x'));
    assert.ok(t.isMap(new Map()) && !t.isMap(new WeakMap()) && t.isWeakMap(new WeakMap()));
    assert.ok(t.isSet(new Set()) && !t.isSet(new Map()) && t.isWeakSet(new WeakSet()));
    assert.ok(t.isTypedArray(new Uint8Array(1)) && !t.isTypedArray(new DataView(new ArrayBuffer(1))));
    assert.ok(t.isUint8Array(new Uint8Array(1)) && !t.isUint8Array(new Int8Array(1)) && t.isFloat64Array(new Float64Array(1)));
    assert.ok(t.isUint8Array(Buffer.from('x')));
    assert.ok(t.isArrayBuffer(new ArrayBuffer(1)) && t.isAnyArrayBuffer(new ArrayBuffer(1)) && !t.isArrayBuffer(new Uint8Array(1)));
    assert.ok(t.isDataView(new DataView(new ArrayBuffer(1))) && t.isArrayBufferView(new DataView(new ArrayBuffer(1))));
    if (asyncIsReal) assert.ok(t.isAsyncFunction(realAsync('(async () => {})')));
    assert.ok(!t.isAsyncFunction(() => {}));
    assert.ok(t.isGeneratorFunction(function* () {}) && !t.isGeneratorFunction(function () {}));
    assert.ok(t.isGeneratorObject((function* () {})()));
    assert.ok(t.isNativeError(new TypeError()) && !t.isNativeError({ message: 'x' }));
    assert.ok(t.isBoxedPrimitive(new Number(1)) && t.isNumberObject(new Number(1)) && !t.isBoxedPrimitive(1));
    assert.ok(t.isStringObject(new String('')) && t.isBooleanObject(new Boolean(true)) && t.isSymbolObject(Object(Symbol())));
    assert.ok(t.isMapIterator(new Map().keys()) && t.isSetIterator(new Set().values()));
    assert.ok(t.isArgumentsObject((function () { return arguments; })()) && !t.isArgumentsObject([]));
    assert.equal(t.isProxy(new Proxy({}, {})), false);
    assert.equal(t.isExternal({}), false);
    assert.equal(t.isModuleNamespaceObject({}), false);
  });

  test('util legacy is* helpers', () => {
    assert.ok(util.isArray([]) && util.isBoolean(false) && util.isString('') && util.isNumber(1) && util.isSymbol(Symbol()));
    assert.ok(util.isNull(null) && util.isNullOrUndefined(undefined) && util.isUndefined(undefined) && util.isObject({}) && !util.isObject(null));
    assert.ok(util.isFunction(() => {}) && util.isPrimitive('x') && !util.isPrimitive({}) && util.isError(new Error()) && util.isRegExp(/x/) && util.isDate(new Date()));
    assert.ok(util.isBuffer(Buffer.from('x')) && !util.isBuffer(new Uint8Array(1)));
  });

  test('util.promisify: callback API to promise, custom symbol', async () => {
    const ok = (a, b, cb) => setTimeout(() => cb(null, a + b), 0);
    assert.equal(await util.promisify(ok)(1, 2), 3);
    const bad = (cb) => cb(new Error('nope'));
    await assert.rejects(util.promisify(bad)(), /nope/);
    function withCustom() {}
    const custom = () => Promise.resolve('custom');
    withCustom[util.promisify.custom] = custom;
    assert.equal(util.promisify(withCustom), custom);
    assert.equal(util.promisify.custom, Symbol.for('nodejs.util.promisify.custom'));
    const p = util.promisify(ok);
    assert.equal(util.promisify(p), p);
    assert.throws(() => util.promisify(1), TypeError);
  });

  test('util.callbackify: promise API to callback, falsy rejection wrapped', async () => {
    const f = util.callbackify(async (x) => x * 2);
    assert.equal(f.length, 2);
    const r = await new Promise((resolve) => f(21, (err, v) => resolve([err, v])));
    assert.equal(r[0], null);
    assert.equal(r[1], 42);
    const g = util.callbackify(() => Promise.reject(null)); // eslint-disable-line prefer-promise-reject-errors
    const err = await new Promise((resolve) => g((e) => resolve(e)));
    assert.equal(err.code, 'ERR_FALSY_VALUE_REJECTION');
    assert.equal(err.reason, null);
  });

  test('util.deprecate: warns once, still calls through', () => {
    const warnings = [];
    const saved = process.emitWarning;
    process.emitWarning = (msg, type, code) => warnings.push([msg, type, code]);
    try {
      const f = util.deprecate((a) => a + 1, 'f is old', 'DEP_X');
      assert.equal(f(1), 2);
      assert.equal(f(2), 3);
      assert.deepEqual(warnings, [['f is old', 'DeprecationWarning', 'DEP_X']]);
    } finally {
      process.emitWarning = saved;
    }
  });

  test('util.inherits', () => {
    function A() {}
    A.prototype.hi = () => 'hi';
    function B() {}
    util.inherits(B, A);
    assert.equal(B.super_, A);
    assert.equal(new B().hi(), 'hi');
    assert.ok(new B() instanceof A);
    assert.throws(() => util.inherits(B, null), TypeError);
  });

  test('util.isDeepStrictEqual', () => {
    const eq = util.isDeepStrictEqual;
    assert.ok(eq({ a: [1, { b: 2 }] }, { a: [1, { b: 2 }] }));
    assert.ok(!eq({ a: 1 }, { a: '1' }));
    assert.ok(eq(NaN, NaN) && !eq(0, -0));
    assert.ok(eq(new Map([[1, { x: 1 }]]), new Map([[1, { x: 1 }]])) && !eq(new Map([[1, 1]]), new Map([[1, 2]])));
    assert.ok(eq(new Set([{ a: 1 }, 2]), new Set([2, { a: 1 }])) && !eq(new Set([1]), new Set(['1'])));
    assert.ok(eq(new Date(5), new Date(5)) && !eq(new Date(5), new Date(6)));
    assert.ok(eq(/a/g, /a/g) && !eq(/a/g, /a/i));
    assert.ok(eq(new Uint8Array([1, 2]), new Uint8Array([1, 2])) && !eq(new Uint8Array([1, 2]), new Int8Array([1, 2])));
    assert.ok(!eq(Object.create(null), {}), 'prototypes differ');
    const a = { x: 1 };
    a.self = a;
    const b = { x: 1 };
    b.self = b;
    assert.ok(eq(a, b), 'cycles');
    assert.ok(!eq([1, 2], { 0: 1, 1: 2, length: 2 }));
    assert.ok(eq(new Error('m'), new Error('m')) && !eq(new Error('m'), new TypeError('m')));
  });

  test('util.debuglog: off unless NODE_DEBUG names the section', () => {
    const log = util.debuglog('ferroute-test-section');
    assert.equal(log.enabled, false);
    log('not printed %s', 'x');
    assert.equal(util.debug, util.debuglog);
  });

  test('util.stripVTControlCharacters, toUSVString, styleText', () => {
    assert.equal(util.stripVTControlCharacters('\u001b[31mred\u001b[39m'), 'red');
    assert.equal(util.toUSVString('a\ud800b'), 'a\ufffdb');
    assert.equal(util.styleText('red', 'x'), '\u001b[31mx\u001b[39m');
    assert.equal(util.styleText(['bold', 'red'], 'x'), '\u001b[1m\u001b[31mx\u001b[39m\u001b[22m');
    assert.throws(() => util.styleText('nope', 'x'), TypeError);
  });

  test('util.parseArgs', () => {
    const r = util.parseArgs({
      args: ['-f', '--bar', 'b', 'pos', '--list=1', '--list', '2'],
      options: { foo: { type: 'boolean', short: 'f' }, bar: { type: 'string' }, list: { type: 'string', multiple: true }, d: { type: 'string', default: 'dv' } },
      allowPositionals: true,
    });
    assert.deepEqual({ ...r.values }, { foo: true, bar: 'b', list: ['1', '2'], d: 'dv' });
    assert.deepEqual(r.positionals, ['pos']);
    assert.throws(() => util.parseArgs({ args: ['--nope'], options: {} }), TypeError);
    assert.throws(() => util.parseArgs({ args: ['x'], options: {} }), TypeError);
  });

  test('util.getSystemErrorName, aborted, TextEncoder', async () => {
    assert.equal(util.getSystemErrorName(-2), 'ENOENT');
    assert.throws(() => util.getSystemErrorName(2), RangeError);
    assert.equal(util.TextEncoder, globalThis.TextEncoder);
    const ac = new AbortController();
    const p = util.aborted(ac.signal, {});
    ac.abort();
    await p;
  });
})();
