// Headers: validation, normalisation, sorted iteration, getSetCookie, guards, internals.
(() => {
  const internal = globalThis[Symbol.for('ferroute.internal')];

  test('Headers: global is non-enumerable, writable, configurable', () => {
    const d = Object.getOwnPropertyDescriptor(globalThis, 'Headers');
    assert.equal(d.enumerable, false);
    assert.equal(d.writable, true);
    assert.equal(d.configurable, true);
    assert.equal(Headers.name, 'Headers');
    assert.equal(Headers.length, 0);
    assert.equal(Object.prototype.toString.call(new Headers()), '[object Headers]');
    assert.equal(Headers.prototype.append.length, 2);
    assert.equal(Headers.prototype.get.length, 1);
    assert.equal(Headers.prototype.forEach.length, 1);
    assert.equal(Headers.prototype[Symbol.iterator], Headers.prototype.entries);
    assert.ok(Object.keys(Headers.prototype).includes('append'), 'operations are enumerable');
    assert.ok(!Object.keys(globalThis).includes('Headers'));
  });

  test('Headers: requires new', () => {
    assert.throws(() => Headers(), TypeError);
  });

  test('Headers: case-insensitive get/has/set/delete', () => {
    const h = new Headers();
    h.append('Content-Type', 'text/plain');
    assert.equal(h.get('content-type'), 'text/plain');
    assert.equal(h.get('CONTENT-TYPE'), 'text/plain');
    assert.ok(h.has('Content-type'));
    h.set('CONTENT-type', 'application/json');
    assert.equal(h.get('content-type'), 'application/json');
    h.delete('Content-Type');
    assert.equal(h.has('content-type'), false);
    assert.equal(h.get('content-type'), null);
  });

  test('Headers: append combines values with ", "', () => {
    const h = new Headers();
    h.append('Accept', 'a');
    h.append('accept', 'b');
    assert.equal(h.get('accept'), 'a, b');
    h.set('accept', 'c');
    assert.equal(h.get('accept'), 'c');
    assert.deepEqual([...h], [['accept', 'c']]);
  });

  test('Headers: value normalisation strips leading/trailing HTTP whitespace only', () => {
    const h = new Headers();
    h.append('a', ' \t x y \r\n');
    assert.equal(h.get('a'), 'x y');
    h.set('b', '\u00a0z\u00a0');
    assert.equal(h.get('b'), '\u00a0z\u00a0', 'NBSP is not HTTP whitespace');
    h.set('c', '   ');
    assert.equal(h.get('c'), '');
    h.set('d', '');
    assert.equal(h.get('d'), '');
    h.set('e', 1);
    assert.equal(h.get('e'), '1');
  });

  test('Headers: invalid names throw TypeError with a clear message', () => {
    const h = new Headers();
    let message;
    try {
      h.append('bad name', 'x');
    } catch (e) {
      assert.ok(e instanceof TypeError);
      message = e.message;
    }
    assert.equal(message, 'Headers.append: "bad name" is an invalid header name.');
    for (const bad of ['', 'a:b', 'a\nb', 'é', '(x)', 'a"b', '[x]']) {
      assert.throws(() => h.set(bad, 'x'), TypeError, `name ${JSON.stringify(bad)}`);
      assert.throws(() => h.get(bad), TypeError);
      assert.throws(() => h.has(bad), TypeError);
      assert.throws(() => h.delete(bad), TypeError);
    }
    assert.throws(() => h.get(Symbol('x')), TypeError);
    assert.throws(() => new Headers({ 'bad name': 'x' }), /invalid header name/);
  });

  test('Headers: all token characters are accepted', () => {
    const h = new Headers();
    h.set("!#$%&'*+-.^_`|~09azAZ", 'v');
    assert.equal(h.get("!#$%&'*+-.^_`|~09AZAZ"), 'v');
  });

  test('Headers: invalid values throw TypeError', () => {
    const h = new Headers();
    assert.throws(() => h.append('a', 'x\ny'), /invalid header value/);
    assert.throws(() => h.append('a', 'x\ry'), /invalid header value/);
    assert.throws(() => h.append('a', 'x\0y'), /invalid header value/);
    assert.throws(() => h.set('a', '\u0100'), TypeError);
    assert.throws(() => h.set('a', '☃'), TypeError);
    h.set('a', 'ÿ\x7f\x01');
    assert.equal(h.get('a'), 'ÿ\x7f\x01');
    // leading/trailing CR LF are stripped before validation
    h.set('b', '\r\nok\r\n');
    assert.equal(h.get('b'), 'ok');
  });

  test('Headers: argument counts', () => {
    const h = new Headers();
    assert.throws(() => h.append('a'), TypeError);
    assert.throws(() => h.set('a'), TypeError);
    assert.throws(() => h.delete(), TypeError);
    h.set('a', undefined);
    assert.equal(h.get('a'), 'undefined');
  });

  test('Headers: iteration is sorted, lowercased and combined', () => {
    const h = new Headers();
    h.append('X-Upper', '1');
    h.append('b-key', '2');
    h.append('a', '3');
    h.append('X-upper', '4');
    assert.deepEqual([...h], [['a', '3'], ['b-key', '2'], ['x-upper', '1, 4']]);
    assert.deepEqual([...h.keys()], ['a', 'b-key', 'x-upper']);
    assert.deepEqual([...h.values()], ['3', '2', '1, 4']);
    assert.deepEqual([...h.entries()], [['a', '3'], ['b-key', '2'], ['x-upper', '1, 4']]);
    const seen = [];
    const self = {};
    h.forEach(function (value, name, obj) {
      seen.push([name, value, obj === h, this === self]);
    }, self);
    assert.deepEqual(seen, [['a', '3', true, true], ['b-key', '2', true, true], ['x-upper', '1, 4', true, true]]);
  });

  test('Headers: set-cookie values are yielded one per entry', () => {
    const h = new Headers([
      ['Set-Cookie', 'a=1; Path=/'],
      ['content-type', 'text/html'],
      ['set-cookie', 'b=2; HttpOnly'],
      ['accept', '*/*'],
    ]);
    assert.deepEqual([...h], [
      ['accept', '*/*'],
      ['content-type', 'text/html'],
      ['set-cookie', 'a=1; Path=/'],
      ['set-cookie', 'b=2; HttpOnly'],
    ]);
    assert.deepEqual(h.getSetCookie(), ['a=1; Path=/', 'b=2; HttpOnly']);
    assert.equal(h.get('set-cookie'), 'a=1; Path=/, b=2; HttpOnly');
    assert.deepEqual(new Headers().getSetCookie(), []);
    const copy = new Headers(h);
    assert.deepEqual(copy.getSetCookie(), ['a=1; Path=/', 'b=2; HttpOnly']);
  });

  test('Headers: iterator is live and has the right prototype', () => {
    const h = new Headers({ a: '1', c: '3' });
    const it = h.entries();
    assert.equal(Object.prototype.toString.call(it), '[object Headers Iterator]');
    const IteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));
    assert.equal(Object.getPrototypeOf(Object.getPrototypeOf(it)), IteratorPrototype);
    assert.deepEqual(it.next(), { value: ['a', '1'], done: false });
    h.append('b', '2');
    assert.deepEqual(it.next(), { value: ['b', '2'], done: false }, 'sees the new sorted list');
    assert.deepEqual(it.next(), { value: ['c', '3'], done: false });
    assert.deepEqual(it.next(), { value: undefined, done: true });
    assert.throws(() => it.next.call({}), TypeError);
  });

  test('Headers: mutating a yielded pair does not corrupt the headers', () => {
    const h = new Headers({ a: '1' });
    const [pair] = [...h];
    pair[1] = 'changed';
    assert.equal(h.get('a'), '1');
    assert.deepEqual([...h], [['a', '1']]);
  });

  test('Headers: constructor accepts record, sequence, Headers, iterables', () => {
    assert.deepEqual([...new Headers({ B: '2', a: '1' })], [['a', '1'], ['b', '2']]);
    assert.deepEqual([...new Headers([['B', '2'], ['a', '1']])], [['a', '1'], ['b', '2']]);
    const src = new Headers({ x: '1' });
    src.append('x', '2');
    assert.deepEqual([...new Headers(src)], [['x', '1, 2']]);
    const map = new Map([['k', 'v']]);
    assert.deepEqual([...new Headers(map)], [['k', 'v']]);
    function* gen() {
      yield new Set(['g1', 'v1']);
      yield ['g2', 'v2'];
    }
    assert.deepEqual([...new Headers(gen())], [['g1', 'v1'], ['g2', 'v2']]);
    const proto = { inherited: 'no' };
    const rec = Object.create(proto);
    rec.own = 'yes';
    Object.defineProperty(rec, 'hidden', { value: 'no', enumerable: false });
    assert.deepEqual([...new Headers(rec)], [['own', 'yes']]);
    assert.deepEqual([...new Headers(undefined)], []);
  });

  test('Headers: constructor rejects bad inits and bad pairs', () => {
    assert.throws(() => new Headers(null), TypeError);
    assert.throws(() => new Headers('a: b'), TypeError);
    assert.throws(() => new Headers(42), TypeError);
    assert.throws(() => new Headers([['a']]), /length 2/);
    assert.throws(() => new Headers([['a', 'b', 'c']]), /length 2/);
    assert.throws(() => new Headers(['ab']), TypeError);
    assert.throws(() => new Headers([[]]), TypeError);
    assert.throws(() => new Headers({ [Symbol.iterator]: 1 }), TypeError);
    assert.throws(() => new Headers({ a: 'x\ny' }), TypeError);
    assert.throws(() => new Headers({ [Symbol('s')]: 'v' }), TypeError);
  });

  test('Headers: brand checks', () => {
    const h = new Headers();
    for (const name of ['append', 'delete', 'get', 'getSetCookie', 'has', 'set', 'forEach', 'keys', 'values', 'entries']) {
      assert.throws(() => Headers.prototype[name].call({}, 'a', 'b'), TypeError, name);
      assert.throws(() => Headers.prototype[name].call(undefined, 'a', 'b'), TypeError, name);
    }
    assert.throws(() => h.forEach('not a function'), TypeError);
  });

  test('Headers: immutable guard rejects mutation but allows reads', () => {
    const h = internal.headers.fromTrustedList(['content-type', 'text/plain'], 'immutable');
    assert.equal(h.get('Content-Type'), 'text/plain');
    assert.throws(() => h.append('a', 'b'), /immutable/);
    assert.throws(() => h.set('a', 'b'), TypeError);
    assert.throws(() => h.delete('content-type'), TypeError);
    assert.equal(internal.headers.guard(h), 'immutable');
    internal.headers.setGuard(h, 'none');
    h.set('a', 'b');
    assert.equal(h.get('a'), 'b');
    // validation happens before the guard check
    internal.headers.setGuard(h, 'immutable');
    assert.throws(() => h.append('bad name', 'x'), /invalid header name/);
  });

  test('Headers: request/response guards do not filter (server runtime)', () => {
    const res = internal.headers.fromTrustedList([], 'response');
    res.append('Set-Cookie', 'a=1');
    assert.deepEqual(res.getSetCookie(), ['a=1']);
    const req = internal.headers.fromTrustedList([], 'request');
    req.set('Cookie', 'x=1');
    req.set('Host', 'example.com');
    assert.equal(req.get('cookie'), 'x=1');
    assert.throws(() => internal.headers.setGuard(req, 'bogus'), TypeError);
  });

  test('internal.headers: trusted list, list(), clone and trusted accessors', () => {
    const flat = ['host', 'example.com', 'accept', 'a', 'accept', 'b'];
    const h = internal.headers.fromTrustedList(flat, 'request');
    assert.ok(h instanceof Headers);
    assert.ok(internal.headers.isHeaders(h));
    assert.ok(!internal.headers.isHeaders({}));
    assert.equal(h.get('accept'), 'a, b');
    assert.deepEqual(internal.headers.list(h), [['host', 'example.com'], ['accept', 'a'], ['accept', 'b']]);
    assert.deepEqual([...h], [['accept', 'a, b'], ['host', 'example.com']]);
    h.append('X-New', '1');
    assert.deepEqual(internal.headers.list(h).map((p) => p[0]), ['host', 'accept', 'accept', 'x-new']);
    const c = internal.headers.clone(h, 'immutable');
    assert.equal(internal.headers.guard(c), 'immutable');
    assert.deepEqual(internal.headers.list(c), internal.headers.list(h));
    h.delete('host');
    assert.equal(c.get('host'), 'example.com', 'clone is independent');
    internal.headers.set(c, 'content-type', 'text/plain');
    assert.equal(c.get('content-type'), 'text/plain');
    assert.equal(internal.headers.get(c, 'accept'), 'a, b');
    assert.ok(internal.headers.has(c, 'accept'));
    internal.headers.append(c, 'accept', 'c');
    assert.equal(c.get('accept'), 'a, b, c');
    internal.headers.delete(c, 'accept');
    assert.equal(c.get('accept'), null);
    assert.deepEqual(internal.headers.flatList(c), ['host', 'example.com', 'x-new', '1', 'content-type', 'text/plain']);
    assert.throws(() => internal.headers.list({}), TypeError);
    const f = new Headers();
    internal.headers.fill(f, { A: '1' });
    assert.equal(f.get('a'), '1');
  });

  test('Headers: sorted cache is invalidated by every mutation', () => {
    const h = new Headers({ b: '1' });
    assert.deepEqual([...h.keys()], ['b']);
    h.append('a', '1');
    assert.deepEqual([...h.keys()], ['a', 'b']);
    h.set('c', '1');
    assert.deepEqual([...h.keys()], ['a', 'b', 'c']);
    h.delete('a');
    assert.deepEqual([...h.keys()], ['b', 'c']);
    h.set('b', '2');
    assert.deepEqual([...h.values()], ['2', '1']);
  });

  test('Headers: set keeps the position of the first occurrence', () => {
    const h = internal.headers.fromTrustedList(['a', '1', 'b', '2', 'a', '3', 'c', '4'], 'none');
    h.set('a', 'x');
    assert.deepEqual(internal.headers.list(h), [['a', 'x'], ['b', '2'], ['c', '4']]);
  });

  test('Headers: many headers stay correct (name cache)', () => {
    const h = new Headers();
    for (let i = 0; i < 1200; i++) h.append(`X-H-${i}`, String(i));
    assert.equal(h.get('x-h-0'), '0');
    assert.equal(h.get('X-H-1199'), '1199');
    assert.equal([...h.keys()].length, 1200);
    assert.throws(() => h.get('bad name'), TypeError);
  });
})();
