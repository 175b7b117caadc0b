// node:assert and node:assert/strict: pass/fail of each assertion, AssertionError fields and
// the generated messages Node 20 prints for the common cases.
(() => {
  const internal = globalThis[Symbol.for('ferroute.internal')];
  const nodeAssert = internal.builtin('assert');
  const strict = internal.builtin('assert/strict');

  /** The AssertionError (or other error) `fn` throws. */
  function caught(fn) {
    try {
      fn();
    } catch (e) {
      return e;
    }
    throw new Error('expected a throw');
  }
  /** What `promise` rejects with. */
  async function rejection(promise) {
    try {
      await promise;
    } catch (e) {
      return e;
    }
    throw new Error('expected a rejection');
  }

  test('assert: callable, ok, AssertionError fields', () => {
    nodeAssert(true);
    nodeAssert.ok(1);
    const e = caught(() => nodeAssert(0));
    assert.ok(e instanceof nodeAssert.AssertionError);
    assert.ok(e instanceof Error);
    assert.equal(e.name, 'AssertionError');
    assert.equal(e.code, 'ERR_ASSERTION');
    assert.equal(e.actual, 0);
    assert.equal(e.expected, true);
    assert.equal(e.operator, '==');
    assert.equal(e.generatedMessage, true);
    assert.equal(e.message, 'The expression evaluated to a falsy value:\n\n  assert.ok(0)\n');
    assert.equal(caught(() => nodeAssert.ok()).message, 'No value argument passed to `assert.ok()`');
    const custom = caught(() => nodeAssert.ok(false, 'mine'));
    assert.equal(custom.message, 'mine');
    assert.equal(custom.generatedMessage, false);
    const own = new TypeError('own');
    assert.equal(caught(() => nodeAssert.ok(false, own)), own);
  });

  test('assert: new AssertionError(options)', () => {
    const e = new nodeAssert.AssertionError({ actual: 1, expected: 2, operator: 'strictEqual' });
    assert.equal(e.message, 'Expected values to be strictly equal:\n\n1 !== 2\n');
    assert.equal(e.generatedMessage, true);
    assert.equal(new nodeAssert.AssertionError({ message: 'm' }).message, 'm');
    assert.throws(() => new nodeAssert.AssertionError(), TypeError);
  });

  test('assert: equal / notEqual (loose) and strictEqual / notStrictEqual', () => {
    nodeAssert.equal(1, '1');
    nodeAssert.equal(NaN, NaN);
    nodeAssert.notEqual(1, 2);
    nodeAssert.strictEqual(NaN, NaN);
    nodeAssert.notStrictEqual(1, '1');
    assert.equal(caught(() => nodeAssert.equal(1, 2)).message, '1 == 2');
    const e = caught(() => nodeAssert.strictEqual(1, 2));
    assert.equal(e.message, 'Expected values to be strictly equal:\n\n1 !== 2\n');
    assert.equal(e.operator, 'strictEqual');
    assert.equal(caught(() => nodeAssert.notStrictEqual(1, 1)).message, 'Expected "actual" to be strictly unequal to: 1');
    assert.equal(caught(() => nodeAssert.strictEqual(1, 2, 'custom')).message, 'custom');
    assert.equal(caught(() => nodeAssert.strictEqual({ a: 1 }, { a: 1 })).message.split('\n')[0], 'Values identical but not reference-equal:');
    assert.throws(() => nodeAssert.strictEqual(1), TypeError);
  });

  test('assert: deepEqual (loose) vs deepStrictEqual', () => {
    nodeAssert.deepEqual({ a: 1 }, { a: '1' });
    nodeAssert.deepEqual([1, 2], ['1', 2]);
    nodeAssert.deepEqual(Object.create(null), {});
    nodeAssert.deepStrictEqual({ a: [1, { b: new Date(0) }] }, { a: [1, { b: new Date(0) }] });
    nodeAssert.deepStrictEqual(new Map([[{ k: 1 }, 'v']]), new Map([[{ k: 1 }, 'v']]));
    nodeAssert.deepStrictEqual(new Set([[1], [2]]), new Set([[2], [1]]));
    nodeAssert.deepStrictEqual(NaN, NaN);
    nodeAssert.deepStrictEqual(new Uint8Array([1]), new Uint8Array([1]));
    nodeAssert.notDeepStrictEqual({ a: 1 }, { a: '1' });
    nodeAssert.notDeepStrictEqual(Object.create(null), {});
    nodeAssert.notDeepStrictEqual(0, -0);
    nodeAssert.notDeepStrictEqual(/a/g, /a/);
    nodeAssert.notDeepEqual({ a: 1 }, { a: 2 });
    const e = caught(() => nodeAssert.deepStrictEqual({ a: 1 }, { a: 2 }));
    assert.equal(e.operator, 'deepStrictEqual');
    assert.ok(e.message.startsWith('Expected values to be strictly deep-equal:\n+ actual - expected'), e.message);
    assert.ok(e.message.includes('+   a: 1') && e.message.includes('-   a: 2'), e.message);
    assert.deepEqual(e.actual, { a: 1 });
    assert.equal(caught(() => nodeAssert.notDeepStrictEqual({ a: 1 }, { a: 1 })).operator, 'notDeepStrictEqual');
  });

  test('assert: throws validates by class, RegExp, object and function', () => {
    nodeAssert.throws(() => { throw new TypeError('bad thing'); });
    nodeAssert.throws(() => { throw new TypeError('bad thing'); }, TypeError);
    nodeAssert.throws(() => { throw new TypeError('bad thing'); }, Error);
    nodeAssert.throws(() => { throw new TypeError('bad thing'); }, /bad/);
    nodeAssert.throws(() => { throw new TypeError('bad thing'); }, { name: 'TypeError', message: /thing/ });
    nodeAssert.throws(() => { throw Object.assign(new Error('x'), { code: 'E1' }); }, { code: 'E1' });
    nodeAssert.throws(() => { throw new Error('x'); }, (e) => e.message === 'x');
    nodeAssert.throws(() => { throw new Error('x'); }, new Error('x'));
    assert.equal(caught(() => nodeAssert.throws(() => {})).message, 'Missing expected exception.');
    assert.equal(caught(() => nodeAssert.throws(() => {}, TypeError)).message, 'Missing expected exception (TypeError).');
    assert.equal(caught(() => nodeAssert.throws(() => {}, 'because')).message, 'Missing expected exception: because');
    assert.equal(caught(() => nodeAssert.throws(() => { throw new Error('x'); }, TypeError)).message,
      'The error is expected to be an instance of "TypeError". Received "Error"\n\nError message:\n\nx');
    assert.equal(caught(() => nodeAssert.throws(() => { throw new Error('x'); }, () => false)).message,
      'The validation function is expected to return "true". Received false\n\nCaught error:\n\nError: x');
    assert.equal(caught(() => nodeAssert.throws(() => { throw new Error('x'); }, /y/)).message,
      "The input did not match the regular expression /y/. Input:\n\n'Error: x'\n");
    assert.equal(caught(() => nodeAssert.throws(() => { throw new Error('x'); }, { message: 'y' })).operator, 'throws');
    assert.throws(() => nodeAssert.throws('not a function'), TypeError);
  });

  test('assert: doesNotThrow', () => {
    nodeAssert.doesNotThrow(() => {});
    const e = caught(() => nodeAssert.doesNotThrow(() => { throw new Error('x'); }));
    assert.equal(e.message, 'Got unwanted exception.\nActual message: "x"');
    assert.equal(e.operator, 'doesNotThrow');
    // An error of another class than the one named passes through unchanged.
    const other = caught(() => nodeAssert.doesNotThrow(() => { throw new RangeError('r'); }, TypeError));
    assert.ok(other instanceof RangeError);
  });

  test('assert: rejects / doesNotReject', async () => {
    await nodeAssert.rejects(Promise.reject(new TypeError('no')), TypeError);
    await nodeAssert.rejects(async () => { throw new Error('late'); }, /late/);
    const missing = await rejection(nodeAssert.rejects(Promise.resolve(1)));
    assert.ok(missing instanceof nodeAssert.AssertionError);
    assert.equal(missing.message, 'Missing expected rejection.');
    const wrong = await rejection(nodeAssert.rejects(() => 1));
    assert.ok(wrong instanceof TypeError);
    assert.equal(wrong.code, 'ERR_INVALID_RETURN_VALUE');
    await nodeAssert.doesNotReject(Promise.resolve(1));
    const unwanted = await rejection(nodeAssert.doesNotReject(Promise.reject(new Error('z'))));
    assert.ok(unwanted instanceof nodeAssert.AssertionError);
    assert.equal(unwanted.message, 'Got unwanted rejection.\nActual message: "z"');
  });

  test('assert: match / doesNotMatch', () => {
    nodeAssert.match('abc', /b/);
    nodeAssert.doesNotMatch('abc', /x/);
    assert.equal(caught(() => nodeAssert.match('xyz', /abc/)).message, "The input did not match the regular expression /abc/. Input:\n\n'xyz'\n");
    assert.equal(caught(() => nodeAssert.doesNotMatch('abc', /abc/)).message, "The input was expected to not match the regular expression /abc/. Input:\n\n'abc'\n");
    assert.throws(() => nodeAssert.match('abc', 'b'), TypeError);
    assert.equal(caught(() => nodeAssert.match(1, /1/)).code, 'ERR_ASSERTION');
  });

  test('assert: fail and ifError', () => {
    const f = caught(() => nodeAssert.fail());
    assert.equal(f.message, 'Failed');
    assert.equal(f.operator, 'fail');
    assert.equal(caught(() => nodeAssert.fail('boom')).message, 'boom');
    const own = new RangeError('r');
    assert.equal(caught(() => nodeAssert.fail(own)), own);
    nodeAssert.ifError(null);
    nodeAssert.ifError(undefined);
    const e = caught(() => nodeAssert.ifError(new Error('bad')));
    assert.equal(e.message, 'ifError got unwanted exception: bad');
    assert.equal(e.operator, 'ifError');
    assert.equal(caught(() => nodeAssert.ifError('str')).message, "ifError got unwanted exception: 'str'");
  });

  test('assert/strict: strict comparisons under the legacy names', () => {
    assert.equal(nodeAssert.strict, strict);
    assert.equal(strict.strict, strict);
    assert.equal(strict.equal, nodeAssert.strictEqual);
    assert.equal(strict.deepEqual, nodeAssert.deepStrictEqual);
    assert.equal(strict.notEqual, nodeAssert.notStrictEqual);
    assert.equal(strict.notDeepEqual, nodeAssert.notDeepStrictEqual);
    assert.equal(strict.AssertionError, nodeAssert.AssertionError);
    strict(true);
    assert.throws(() => strict.equal(1, '1'), nodeAssert.AssertionError);
    assert.throws(() => strict.deepEqual({ a: 1 }, { a: '1' }), nodeAssert.AssertionError);
    assert.throws(() => strict(false), nodeAssert.AssertionError);
  });
})();
