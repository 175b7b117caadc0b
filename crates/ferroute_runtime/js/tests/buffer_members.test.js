// The members of Node's Buffer that llrt's lacks, lent to it on QuickJS by js/jsc/30_buffer.js
// (04_builtins.js, lendBufferMembers) and JavaScriptCore's own; the expected values are Node 20's.
(() => {
  'use strict';
  const B = globalThis.Buffer;

  test('equals, compare and toJSON', () => {
    const b = B.from('hello world');
    assert.deepEqual([b.equals(B.from('hello world')), b.equals(B.from('x'))], [true, false]);
    assert.deepEqual([b.compare(B.from('a')), B.compare(B.from('a'), B.from('b')), B.compare(b, b)], [1, -1, 0]);
    assert.equal(JSON.stringify(B.from([1, 2])), '{"type":"Buffer","data":[1,2]}');
    assert.deepEqual(B.from([1, 2]).toJSON(), { type: 'Buffer', data: [1, 2] });
  });

  test('slice is a view of the same bytes, and a Buffer', () => {
    const b = B.from('hello world');
    const s = b.slice(0, 5);
    s[0] = 72;
    assert.equal(b.toString(), 'Hello world');
    assert.ok(B.isBuffer(s) && s instanceof B);
    assert.equal(s.toString(), 'Hello');
    assert.equal(b.slice(-5).toString(), 'world');
    assert.equal(b.slice(1).readUInt16LE(0), 27749);
    assert.ok(B.isBuffer(b.subarray(1)));
  });

  test('indexOf, includes and lastIndexOf take strings, buffers and bytes', () => {
    const b = B.from('hello world');
    assert.deepEqual([b.indexOf('world'), b.includes('lo w'), b.lastIndexOf('o'), b.indexOf(B.from('or')), b.indexOf(111)], [6, true, 7, 7, 4]);
    assert.deepEqual([b.indexOf('o', 5), b.indexOf('o', -3), b.indexOf('zz'), b.includes('6c6c', 0, 'hex')], [7, -1, -1, true]);
  });

  test('fill, swap and the encoding methods', () => {
    assert.equal(B.alloc(5).fill('ab').toString(), 'ababa');
    assert.equal(B.alloc(4).fill('ff', 'hex').toString('hex'), 'ffffffff');
    assert.deepEqual([...B.from([1, 2, 3, 4]).swap16()], [2, 1, 4, 3]);
    assert.deepEqual([...B.from([1, 2, 3, 4]).swap32()], [4, 3, 2, 1]);
    const b = B.from('hello world');
    assert.equal(b.hexSlice(0, 2), '6865');
    assert.equal(b.latin1Slice(6, 11), 'world');
    assert.equal(b.base64Slice(0, 5), 'aGVsbG8=');
    const x = B.alloc(4);
    assert.equal(x.utf8Write('hi', 1), 2);
    assert.deepEqual([...x], [0, 104, 105, 0]);
    assert.equal(b.toLocaleString(), 'hello world');
  });

  test('Buffer.of, copyBytesFrom and poolSize', () => {
    assert.deepEqual([...B.of(1, 2, 3)], [1, 2, 3]);
    assert.ok(B.isBuffer(B.of(1)));
    assert.deepEqual([...B.copyBytesFrom(new Uint16Array([1, 256]))], [1, 0, 0, 1]);
    assert.equal(B.poolSize, 8192);
    assert.equal(typeof B.from('x').parent, 'object');
  });
})();
