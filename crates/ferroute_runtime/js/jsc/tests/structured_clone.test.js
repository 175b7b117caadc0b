// Tests of structuredClone (js/jsc/10_dom_exception.js); they also run on Node 20
// (node-run.js). `onNode` guards where Node 20 departs from HTML.
(() => {
  'use strict';
  const onNode = globalThis.__engine === 'node';

  const isDataCloneError = (e) => e instanceof DOMException && e.name === 'DataCloneError' && e.code === 25;
  const refuses = (value, options) => {
    const e = assert.throws(() => structuredClone(value, options));
    assert.ok(isDataCloneError(e), `${String(e)}`);
    return e;
  };

  test('primitives come back as themselves', () => {
    for (const v of [undefined, null, true, false, 0, -0, NaN, Infinity, 1.5, 'text', '', 12345678901234567890n]) {
      const c = structuredClone(v);
      assert.ok(Object.is(c, v), String(v));
    }
    assert.throws(() => structuredClone(), TypeError);
  });

  test('boxed primitives stay boxed', () => {
    const cases = [[Object(false), 'Boolean', false], [Object(-0), 'Number', -0], [Object('ab'), 'String', 'ab'], [Object(7n), 'BigInt', 7n]];
    for (const [boxed, type, value] of cases) {
      const c = structuredClone(boxed);
      assert.equal(typeof c, 'object', type);
      assert.notEqual(c, boxed);
      assert.equal(Object.prototype.toString.call(c), `[object ${type}]`);
      assert.ok(Object.is(c.valueOf(), value), type);
    }
  });

  test('Date and RegExp', () => {
    const d = new Date(1700000000123);
    const c = structuredClone(d);
    assert.ok(c instanceof Date && c !== d);
    assert.equal(c.getTime(), d.getTime());
    assert.ok(Number.isNaN(structuredClone(new Date(NaN)).getTime()));
    const re = /a+(b)/giu;
    re.lastIndex = 3;
    const r = structuredClone(re);
    assert.ok(r instanceof RegExp && r !== re);
    assert.equal(r.source, 'a+(b)');
    assert.equal(r.flags, 'giu');
    assert.equal(r.lastIndex, 0, 'lastIndex is not kept');
  });

  test('plain objects: own enumerable string keys, values read through getters', () => {
    const sym = Symbol('s');
    const source = { a: 1, nested: { b: [1, 2] }, [sym]: 'symbol key', get computed() { return 'got'; } };
    Object.defineProperty(source, 'hidden', { value: 1, enumerable: false });
    const c = structuredClone(source);
    assert.deepEqual(c, { a: 1, nested: { b: [1, 2] }, computed: 'got' });
    assert.ok(!(sym in c));
    assert.ok(!('hidden' in c));
    assert.equal(Object.getOwnPropertyDescriptor(c, 'computed').value, 'got');
    class Point {
      constructor() {
        this.x = 1;
      }
      get y() { return 2; }
    }
    const p = structuredClone(new Point());
    assert.equal(Object.getPrototypeOf(p), Object.prototype, 'class instances lose their prototype');
    assert.deepEqual(p, { x: 1 });
    const bare = structuredClone(Object.create(null));
    assert.equal(Object.getPrototypeOf(bare), Object.prototype);
    const proto = structuredClone(JSON.parse('{"__proto__": {"x": 1}}'));
    assert.ok(Object.prototype.hasOwnProperty.call(proto, '__proto__'), '__proto__ stays an own key');
    assert.equal(Object.getPrototypeOf(proto), Object.prototype);
  });

  test('arrays keep holes, length and extra keys', () => {
    const a = [1, , 3]; // eslint-disable-line no-sparse-arrays
    a.extra = 'x';
    a.length = 5;
    const c = structuredClone(a);
    assert.ok(Array.isArray(c));
    assert.equal(c.length, 5);
    assert.ok(!(1 in c), 'the hole stays a hole');
    assert.ok(!(4 in c));
    assert.equal(c[2], 3);
    assert.equal(c.extra, 'x');
  });

  test('Map and Set, with object keys and values cloned', () => {
    const key = { k: 1 };
    const m = new Map([[key, { v: 1 }], ['s', new Set([1, key])]]);
    const c = structuredClone(m);
    assert.ok(c instanceof Map && c !== m);
    assert.equal(c.size, 2);
    const [[k2, v2], [s2, set2]] = [...c];
    assert.deepEqual(k2, { k: 1 });
    assert.notEqual(k2, key);
    assert.deepEqual(v2, { v: 1 });
    assert.equal(s2, 's');
    assert.ok(set2 instanceof Set);
    assert.ok(set2.has(k2), 'the same key object in the Map and the Set');
  });

  test('what an object is comes from its internal slots, not its prototype', () => {
    class MyMap extends Map {}
    const sub = structuredClone(new MyMap([[1, 2]]));
    assert.equal(Object.getPrototypeOf(sub), Map.prototype, 'a subclass instance is cloned as its base');
    assert.equal(sub.get(1), 2);
    const swapped = new Map([[1, 2]]);
    Object.setPrototypeOf(swapped, Array.prototype);
    const c = structuredClone(swapped);
    assert.ok(c instanceof Map, 'a Map with an Array prototype is still a Map');
    assert.equal(c.get(1), 2);
    const date = new Date(5);
    Object.setPrototypeOf(date, null);
    assert.equal(structuredClone(date).getTime(), 5);
    const fake = { [Symbol.toStringTag]: 'Date', x: 1 };
    assert.deepEqual(structuredClone(fake), { x: 1 }, 'a toStringTag does not make a Date');
    const onMap = Object.create(new Map([[1, 2]]));
    onMap.own = true;
    const o = structuredClone(onMap);
    assert.ok(!(o instanceof Map));
    assert.deepEqual(o, { own: true });
    class Thenable extends Promise {}
    refuses(Thenable.resolve(1));
    refuses(new Intl.Collator());
  });

  test('cycles and shared references are preserved', () => {
    const shared = { s: 1 };
    const root = { a: shared, b: shared, list: [shared] };
    root.self = root;
    root.list.push(root.list);
    const c = structuredClone(root);
    assert.equal(c.self, c);
    assert.equal(c.a, c.b);
    assert.equal(c.list[0], c.a);
    assert.equal(c.list[1], c.list);
    assert.notEqual(c.a, shared);
    const m = new Map();
    m.set(m, m);
    const cm = structuredClone(m);
    assert.equal(cm.get(cm), cm);
  });

  test('Error types with name, message, stack and cause', () => {
    for (const Ctor of [Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError]) {
      const e = new Ctor('boom', { cause: { why: 'x' } });
      const c = structuredClone(e);
      assert.ok(c instanceof Ctor, Ctor.name);
      assert.notEqual(c, e);
      assert.equal(c.name, Ctor.name);
      assert.equal(c.message, 'boom');
      assert.equal(c.stack, e.stack);
      assert.deepEqual(c.cause, { why: 'x' });
      assert.ok(!Object.prototype.propertyIsEnumerable.call(c, 'message'));
    }
    const renamed = new Error('r');
    renamed.name = 'TypeError';
    assert.ok(structuredClone(renamed) instanceof TypeError, 'the name picks the prototype');
    const custom = new Error('c');
    custom.name = 'CustomError';
    assert.equal(structuredClone(custom).name, 'Error');
    custom.code = 'E_CODE';
    assert.equal(structuredClone(custom).code, undefined, 'other own properties are not cloned');
    class MyError extends RangeError {}
    assert.equal(structuredClone(new MyError('m')).constructor, RangeError);
    assert.ok(!('message' in Object.getOwnPropertyNames(structuredClone(new Error()))));
    if (onNode) return; // V8 11 cannot deserialize an error that is its own cause
    const cyclic = new Error('cyc');
    cyclic.cause = cyclic;
    const cc = structuredClone(cyclic);
    assert.equal(cc.cause, cc);
  });

  test('DOMException is cloned with its name, message and stack', () => {
    if (onNode) return; // Node 20 clones it as {}
    const e = new DOMException('gone', 'NotFoundError');
    const c = structuredClone(e);
    assert.ok(c instanceof DOMException && c !== e);
    assert.equal(c.name, 'NotFoundError');
    assert.equal(c.message, 'gone');
    assert.equal(c.code, 8);
    assert.equal(c.stack, e.stack);
  });

  test('ArrayBuffer, every TypedArray and DataView', () => {
    const buffer = new ArrayBuffer(16);
    new Uint8Array(buffer).set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]);
    const cb = structuredClone(buffer);
    assert.ok(cb instanceof ArrayBuffer && cb !== buffer);
    assert.deepEqual(Array.from(new Uint8Array(cb)), Array.from(new Uint8Array(buffer)));
    const names = ['Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array',
      'Uint32Array', 'Float16Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array'];
    for (const name of names) {
      const Ctor = globalThis[name];
      if (Ctor === undefined) continue; // Float16Array is not in Node 20
      const view = new Ctor(buffer, 8, 8 / Ctor.BYTES_PER_ELEMENT);
      const c = structuredClone(view);
      assert.ok(c instanceof Ctor, name);
      assert.equal(c.byteOffset, 8, name);
      assert.equal(c.length, view.length, name);
      assert.equal(c.buffer.byteLength, 16, 'the whole buffer is cloned');
      assert.deepEqual(Array.from(c), Array.from(view), name);
      assert.notEqual(c.buffer, buffer);
    }
    const dv = new DataView(buffer, 3, 5);
    const cdv = structuredClone(dv);
    assert.ok(cdv instanceof DataView);
    assert.equal(cdv.byteOffset, 3);
    assert.equal(cdv.byteLength, 5);
    assert.equal(cdv.getUint8(0), 4);
  });

  test('views of one buffer share one buffer in the clone', () => {
    const buffer = new ArrayBuffer(8);
    const value = { a: new Uint8Array(buffer, 0, 4), b: new DataView(buffer, 4), buffer };
    const c = structuredClone(value);
    assert.equal(c.a.buffer, c.b.buffer);
    assert.equal(c.a.buffer, c.buffer);
    c.a[0] = 9;
    assert.equal(new Uint8Array(c.buffer)[0], 9);
    assert.equal(new Uint8Array(buffer)[0], 0, 'the original is untouched');
  });

  test('a resizable ArrayBuffer stays resizable', () => {
    if (typeof ArrayBuffer.prototype.resize !== 'function') return;
    const r = new ArrayBuffer(2, { maxByteLength: 8 });
    new Uint8Array(r).set([5, 6]);
    const c = structuredClone(r);
    assert.equal(c.resizable, true);
    assert.equal(c.maxByteLength, 8);
    assert.deepEqual(Array.from(new Uint8Array(c)), [5, 6]);
  });

  test('transfer detaches the buffers and moves their bytes', () => {
    const buffer = new Uint8Array([1, 2, 3, 4]).buffer;
    const view = new Uint16Array(buffer, 2, 1);
    const c = structuredClone({ buffer, view }, { transfer: [buffer] });
    assert.equal(buffer.byteLength, 0, 'detached');
    assert.equal(c.buffer.byteLength, 4);
    assert.equal(c.view.buffer, c.buffer);
    assert.equal(c.view.byteOffset, 2);
    assert.deepEqual(Array.from(new Uint8Array(c.buffer)), [1, 2, 3, 4]);
    const lone = new ArrayBuffer(3);
    const moved = structuredClone(lone, { transfer: [lone] });
    assert.equal(moved.byteLength, 3);
    assert.equal(lone.byteLength, 0);
    const unrelated = new ArrayBuffer(2);
    assert.equal(structuredClone(1, { transfer: [unrelated] }), 1);
    assert.equal(unrelated.byteLength, 0, 'a listed buffer is detached even when the value does not hold it');
  });

  test('transfer errors leave the buffers attached', () => {
    const buffer = new ArrayBuffer(8);
    refuses({ f() {} }, { transfer: [buffer] });
    assert.equal(buffer.byteLength, 8, 'nothing detached when serialization fails');
    refuses(1, { transfer: [buffer, buffer] });
    assert.equal(buffer.byteLength, 8);
    const detached = new ArrayBuffer(1);
    structuredClone(detached, { transfer: [detached] });
    refuses(detached);
    if (!onNode) {
      // Node 20 accepts a detached buffer in the list and throws a TypeError for {}.
      refuses(1, { transfer: [detached] });
      refuses(1, { transfer: [{}] });
    }
    assert.throws(() => structuredClone(1, { transfer: 5 }), TypeError);
    assert.throws(() => structuredClone(1, { transfer: [1] }), TypeError);
    assert.equal(structuredClone(1, {}), 1);
    assert.equal(structuredClone(1, null), 1);
    assert.equal(structuredClone(1, { transfer: undefined }), 1);
  });

  test('functions, symbols and platform objects are refused', () => {
    const e = refuses(function named() {});
    assert.ok(/could not be cloned/.test(e.message), e.message);
    refuses(() => 1);
    refuses(Symbol('s'));
    refuses(Object(Symbol('s')));
    refuses(new WeakMap());
    refuses(new WeakSet());
    refuses(Promise.resolve());
    if (typeof WeakRef === 'function') refuses(new WeakRef({}));
    refuses({ nested: { deeper: [1, () => 1] } });
    refuses(new Map([[1, Symbol('v')]]));
    refuses(async function* gen() {});
    refuses((function* g() {})());
  });

  test('Blob and File are cloned with their bytes', async () => {
    assert.equal(typeof Blob, 'function', 'node-run.js and platform_js.rs load Blob');
    const blob = new Blob(['hello'], { type: 'text/plain' });
    const c = structuredClone(blob);
    assert.ok(c instanceof Blob && c !== blob);
    assert.equal(c.size, 5);
    assert.equal(c.type, 'text/plain');
    assert.equal(await c.text(), 'hello');
    const [b1, b2] = structuredClone([blob, blob]);
    assert.equal(b1, b2, 'one clone per Blob');
    if (typeof File !== 'function' || onNode) return; // Node 20 clones a File as a Blob
    const file = new File(['x'], 'n.txt', { type: 't/p', lastModified: 5 });
    const f = structuredClone(file);
    assert.ok(f instanceof File);
    assert.equal(`${f.name}|${f.type}|${f.lastModified}|${f.size}`, 'n.txt|t/p|5|1');
  });
})();
