// FormData API, urlencoded and multipart/form-data parsing, multipart serialisation.
(() => {
  const internal = globalThis[Symbol.for('ferroute.internal')];
  const { parse, serialize } = internal.formdata;
  const enc = (s) => new TextEncoder().encode(s);

  function concat(...parts) {
    const arrays = parts.map((p) => (typeof p === 'string' ? enc(p) : p));
    const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0));
    let offset = 0;
    for (const a of arrays) {
      out.set(a, offset);
      offset += a.length;
    }
    return out;
  }

  function bytesEqual(a, b) {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }

  const allBytes = new Uint8Array(256);
  for (let i = 0; i < 256; i++) allBytes[i] = i;

  // ---------------------------------------------------------------- API

  test('FormData: shape', () => {
    void FormData; // loaded on first use (03_lazy.js)
    const d = Object.getOwnPropertyDescriptor(globalThis, 'FormData');
    assert.equal(d.enumerable, false);
    assert.equal(FormData.length, 0);
    assert.equal(FormData.prototype.append.length, 2);
    assert.equal(FormData.prototype.set.length, 2);
    assert.equal(FormData.prototype.get.length, 1);
    assert.equal(Object.prototype.toString.call(new FormData()), '[object FormData]');
    assert.equal(FormData.prototype[Symbol.iterator], FormData.prototype.entries);
    assert.throws(() => new FormData({}), TypeError);
    assert.throws(() => FormData(), TypeError);
  });

  test('FormData: append/get/getAll/has/delete keep insertion order', () => {
    const fd = new FormData();
    fd.append('a', '1');
    fd.append('b', '2');
    fd.append('a', '3');
    assert.equal(fd.get('a'), '1');
    assert.deepEqual(fd.getAll('a'), ['1', '3']);
    assert.deepEqual(fd.getAll('zz'), []);
    assert.equal(fd.get('zz'), null);
    assert.ok(fd.has('b'));
    assert.deepEqual([...fd], [['a', '1'], ['b', '2'], ['a', '3']]);
    assert.deepEqual([...fd.keys()], ['a', 'b', 'a']);
    assert.deepEqual([...fd.values()], ['1', '2', '3']);
    fd.delete('a');
    assert.deepEqual([...fd.entries()], [['b', '2']]);
    assert.ok(!fd.has('a'));
  });

  test('FormData: set replaces the first entry and removes the rest', () => {
    const fd = new FormData();
    fd.append('a', '1');
    fd.append('b', '2');
    fd.append('a', '3');
    fd.set('a', 'x');
    assert.deepEqual([...fd], [['a', 'x'], ['b', '2']]);
    fd.set('c', 'new');
    assert.deepEqual([...fd], [['a', 'x'], ['b', '2'], ['c', 'new']]);
  });

  test('FormData: values and names are USVStrings', () => {
    const fd = new FormData();
    fd.append('n\ud800', 5);
    fd.append('o', { toString: () => 'obj' });
    assert.deepEqual([...fd], [['n\ufffd', '5'], ['o', 'obj']]);
  });

  test('FormData: Blob values become Files named "blob" or the given filename', () => {
    const fd = new FormData();
    const blob = new Blob(['data'], { type: 'text/x' });
    fd.append('b', blob);
    const f1 = fd.get('b');
    assert.ok(f1 instanceof File);
    assert.equal(f1.name, 'blob');
    assert.equal(f1.type, 'text/x');
    assert.equal(f1.size, 4);
    fd.append('c', blob, 'named.txt');
    assert.equal(fd.get('c').name, 'named.txt');
    const file = new File(['z'], 'orig.txt', { lastModified: 5 });
    fd.append('d', file);
    assert.equal(fd.get('d'), file, 'a File without filename is stored as is');
    fd.set('e', file, 'renamed.txt');
    const e = fd.get('e');
    assert.notEqual(e, file);
    assert.equal(e.name, 'renamed.txt');
    assert.equal(e.lastModified, 5);
  });

  test('FormData: argument errors', () => {
    const fd = new FormData();
    assert.throws(() => fd.append('a'), TypeError);
    assert.throws(() => fd.append('a', 'string', 'filename'), TypeError);
    assert.throws(() => fd.set('a', 'string', undefined), TypeError);
    assert.throws(() => fd.get(), TypeError);
    assert.throws(() => fd.forEach(null), TypeError);
    assert.throws(() => FormData.prototype.get.call({}, 'a'), TypeError);
    assert.throws(() => FormData.prototype.entries.call(new Headers()), TypeError);
  });

  test('FormData: forEach and live iteration', () => {
    const fd = new FormData();
    fd.append('a', '1');
    fd.append('b', '2');
    const seen = [];
    const self = {};
    fd.forEach(function (value, name, obj) {
      seen.push([name, value, obj === fd, this === self]);
    }, self);
    assert.deepEqual(seen, [['a', '1', true, true], ['b', '2', true, true]]);
    const it = fd.keys();
    assert.equal(Object.prototype.toString.call(it), '[object FormData Iterator]');
    assert.deepEqual(it.next(), { value: 'a', done: false });
    fd.append('c', '3');
    assert.deepEqual(it.next(), { value: 'b', done: false });
    assert.deepEqual(it.next(), { value: 'c', done: false });
    assert.deepEqual(it.next(), { value: undefined, done: true });
  });

  // ---------------------------------------------------------------- urlencoded

  test('parse: application/x-www-form-urlencoded basics', () => {
    const fd = parse(enc('a=1&b=hello+world&a=2&c=%20%2B%26&&d&=e&f='), 'application/x-www-form-urlencoded');
    assert.ok(fd instanceof FormData);
    assert.deepEqual([...fd], [['a', '1'], ['b', 'hello world'], ['a', '2'], ['c', ' +&'], ['d', ''], ['', 'e'], ['f', '']]);
  });

  test('parse: urlencoded with a charset parameter and odd casing', () => {
    const fd = parse(enc('q=caf%C3%A9&x=%E2%82%AC'), 'Application/X-WWW-Form-URLEncoded; charset=UTF-8');
    assert.equal(fd.get('q'), 'café');
    assert.equal(fd.get('x'), '€');
    const fd2 = parse(enc('k=v'), 'application/x-www-form-urlencoded;charset="iso-8859-1"');
    assert.equal(fd2.get('k'), 'v');
  });

  test('parse: urlencoded invalid escapes and invalid UTF-8', () => {
    const fd = parse(enc('a=%zz&b=%&c=%4&d=%FF&e=%C3&f=100%25'), 'application/x-www-form-urlencoded');
    assert.deepEqual([...fd], [['a', '%zz'], ['b', '%'], ['c', '%4'], ['d', '\ufffd'], ['e', '\ufffd'], ['f', '100%']]);
  });

  test('parse: urlencoded raw UTF-8 and raw invalid bytes', () => {
    assert.equal(parse(enc('name=José'), 'application/x-www-form-urlencoded').get('name'), 'José');
    // A raw lead byte followed by a percent-encoded continuation byte forms "é" (byte-level parse).
    const raw = new Uint8Array([0x61, 0x3d, 0xc3, 0x25, 0x41, 0x39, 0x26, 0x62, 0x3d, 0xff]);
    const fd = parse(raw, 'application/x-www-form-urlencoded');
    assert.deepEqual([...fd], [['a', 'é'], ['b', '\ufffd']]);
  });

  test('parse: empty urlencoded body', () => {
    assert.deepEqual([...parse(new Uint8Array(0), 'application/x-www-form-urlencoded')], []);
  });

  test('parse: other content types are rejected with the spec message', () => {
    for (const ct of ['text/plain', 'application/json', '', null, 'multipart/mixed; boundary=x', 'garbage']) {
      assert.throws(
        () => parse(enc('a=1'), ct),
        /^TypeError: Content-Type was not one of "multipart\/form-data" or "application\/x-www-form-urlencoded"\.$/,
        String(ct),
      );
    }
  });

  // ---------------------------------------------------------------- multipart

  const B = 'XyZzy123boundary';
  function part(headers, body) {
    return concat(`--${B}\r\n${headers.join('\r\n')}\r\n\r\n`, body, '\r\n');
  }

  test('parse: multipart text fields have no trailing CRLF and decode UTF-8', () => {
    const body = concat(
      part(['Content-Disposition: form-data; name="a"'], '1'),
      part(['Content-Disposition: form-data; name="multi"'], 'line1\r\nline2\r\n'),
      part(['Content-Disposition: form-data; name="utf"'], 'žluťoučký 😀'),
      part(['Content-Disposition: form-data; name="empty"'], ''),
      `--${B}--\r\n`,
    );
    const fd = parse(body, `multipart/form-data; boundary=${B}`);
    assert.deepEqual([...fd], [['a', '1'], ['multi', 'line1\r\nline2\r\n'], ['utf', 'žluťoučký 😀'], ['empty', '']]);
  });

  test('parse: multipart binary file with all 256 byte values and CRLFs in content', async () => {
    const content = concat(allBytes, '\r\n', allBytes, '\r\n--', `\r\n-${B}`, '\r\n');
    const body = concat(
      part(['Content-Disposition: form-data; name="file"; filename="bin.dat"', 'Content-Type: application/octet-stream'], content),
      part(['Content-Disposition: form-data; name="after"'], 'ok'),
      `--${B}--`,
    );
    const fd = parse(body, `multipart/form-data; boundary="${B}"`);
    const file = fd.get('file');
    assert.ok(file instanceof File);
    assert.equal(file.name, 'bin.dat');
    assert.equal(file.type, 'application/octet-stream');
    assert.equal(file.size, content.length);
    assert.ok(bytesEqual(await file.bytes(), content), 'exact bytes');
    assert.equal(fd.get('after'), 'ok');
  });

  test('parse: multipart file part defaults and type handling', async () => {
    const body = concat(
      part(['Content-Disposition: form-data; name="f"; filename="a.txt"'], 'hi\r\n'),
      part(['content-disposition: form-data; name="g"; filename=""', 'content-type: application/octet-stream'], ''),
      part(['Content-Disposition: form-data; name="h"; filename="h.json"', 'Content-Type: Application/JSON; Charset=UTF-8'], '{}'),
      `--${B}--\r\n`,
    );
    const fd = parse(body, `multipart/form-data; boundary=${B}`);
    const f = fd.get('f');
    assert.equal(f.type, 'text/plain', 'no Content-Type: text/plain (multipart/form-data parser spec)');
    assert.equal(await f.text(), 'hi\r\n');
    assert.equal(f.size, 4);
    const g = fd.get('g');
    assert.ok(g instanceof File, 'filename="" is still a file');
    assert.equal(g.name, '');
    assert.equal(g.size, 0);
    assert.equal(fd.get('h').type, 'application/json; charset=utf-8');
  });

  test('parse: multipart names and filenames with escapes, filename*, UTF-8 and token values', () => {
    const body = concat(
      part(['Content-Disposition: form-data; name="a%22b%0D%0Ac"'], '1'),
      part(['Content-Disposition: form-data; name="q\\"uote"; filename="C:\\\\dir\\\\x \\"y\\".txt"'], '2'),
      part([`Content-Disposition: form-data; name="f"; filename="fallback.txt"; filename*=UTF-8''%E2%82%AC%20rates.txt`], '3'),
      part(['Content-Disposition: form-data; name="jméno"; filename="žába.png"'], '4'),
      part(['Content-Disposition: form-data; name=token'], '5'),
      part(['Content-Disposition: form-data; filename="first.txt"; name="reordered"'], '6'),
      part(['Content-Disposition: form-data; name="semi;colon"'], '7'),
      `--${B}--\r\n`,
    );
    const fd = parse(body, `multipart/form-data; boundary=${B}`);
    const names = [...fd.keys()];
    assert.deepEqual(names, ['a"b\r\nc', 'q"uote', 'f', 'jméno', 'token', 'reordered', 'semi;colon']);
    assert.equal(fd.get('q"uote').name, 'C:\\dir\\x "y".txt');
    assert.equal(fd.get('f').name, '€ rates.txt');
    assert.equal(fd.get('jméno').name, 'žába.png');
    assert.equal(fd.get('token'), '5');
    assert.equal(fd.get('reordered').name, 'first.txt');
    assert.equal(fd.get('semi;colon'), '7');
  });

  test('parse: multipart preamble, transport padding, epilogue and extra headers', () => {
    const body = concat(
      'This is the preamble.\r\n',
      `--${B}  \r\nContent-Disposition: form-data; name="a"\r\nX-Extra: whatever\r\n\r\nA\r\n`,
      `--${B}--\r\nepilogue text`,
    );
    const fd = parse(body, `multipart/form-data; boundary=${B}`);
    assert.deepEqual([...fd], [['a', 'A']]);
  });

  test('parse: multipart with no parts', () => {
    assert.deepEqual([...parse(enc(`--${B}--\r\n`), `multipart/form-data; boundary=${B}`)], []);
  });

  test('parse: multipart base64 Content-Transfer-Encoding', async () => {
    const body = concat(
      part(['Content-Disposition: form-data; name="f"; filename="b.bin"', 'Content-Transfer-Encoding: base64'], btoa('\x00\x01\xfe\xff')),
      `--${B}--`,
    );
    const f = parse(body, `multipart/form-data; boundary=${B}`).get('f');
    assert.deepEqual(Array.from(await f.bytes()), [0, 1, 0xfe, 0xff]);
  });

  test('parse: malformed multipart bodies throw TypeError', () => {
    const ct = `multipart/form-data; boundary=${B}`;
    const cases = {
      'missing boundary parameter': [part(['Content-Disposition: form-data; name="a"'], '1'), 'multipart/form-data'],
      'empty boundary parameter': [enc('--\r\n'), 'multipart/form-data; boundary=""'],
      'wrong boundary': [concat(part(['Content-Disposition: form-data; name="a"'], '1'), `--${B}--`), 'multipart/form-data; boundary=other'],
      'no closing boundary': [part(['Content-Disposition: form-data; name="a"'], '1'), ct],
      'truncated body': [concat(`--${B}\r\nContent-Disposition: form-data; name="a"\r\n\r\nabc`), ct],
      'unterminated headers': [enc(`--${B}\r\nContent-Disposition: form-data; name="a"`), ct],
      'part without name': [concat(part(['Content-Type: text/plain'], '1'), `--${B}--`), ct],
      'not form-data disposition': [concat(part(['Content-Disposition: attachment; name="a"'], '1'), `--${B}--`), ct],
      'header without colon': [concat(part(['Content-Disposition form-data'], '1'), `--${B}--`), ct],
      'garbage after boundary': [concat(`--${B}xx\r\n`), ct],
      'empty body': [new Uint8Array(0), ct],
    };
    for (const [label, [body, type]] of Object.entries(cases)) {
      assert.throws(() => parse(body, type), TypeError, label);
    }
    assert.throws(() => parse(enc('x'), 'multipart/form-data'), /boundary/);
  });

  test('parse: accepts ArrayBuffer and other views', () => {
    const bytes = enc('a=1');
    assert.equal(parse(bytes.buffer, 'application/x-www-form-urlencoded').get('a'), '1');
    assert.equal(parse(new DataView(bytes.buffer), 'application/x-www-form-urlencoded').get('a'), '1');
  });

  test('parseMimeType: parameters, quoting and failures', () => {
    const { parseMimeType } = internal.formdata;
    const m = parseMimeType(' Multipart/Form-Data ; Boundary="a\\"b;c" ; x=1;x=2; bad ; =v; charset=utf-8 ');
    assert.equal(m.essence, 'multipart/form-data');
    assert.equal(m.parameters.get('boundary'), 'a"b;c');
    assert.equal(m.parameters.get('x'), '1');
    assert.equal(m.parameters.get('charset'), 'utf-8');
    assert.equal(parseMimeType('text'), null);
    assert.equal(parseMimeType('/plain'), null);
    assert.equal(parseMimeType('text/'), null);
    assert.equal(parseMimeType('te xt/plain'), null);
  });

  // ---------------------------------------------------------------- serialise

  test('serialize: content type, boundary and layout', async () => {
    const fd = new FormData();
    fd.append('field', 'value');
    fd.append('file', new File(['abc'], 'a.txt', { type: 'text/plain' }));
    const { body, contentType } = serialize(fd);
    const m = /^multipart\/form-data; boundary=(----formdata-ferroute-[0-9a-f]{24})$/.exec(contentType);
    assert.ok(m, contentType);
    const boundary = m[1];
    const text = new TextDecoder().decode(body);
    assert.equal(
      text,
      `--${boundary}\r\nContent-Disposition: form-data; name="field"\r\n\r\nvalue\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\nabc\r\n` +
        `--${boundary}--\r\n`,
    );
    assert.notEqual(serialize(fd).contentType, contentType, 'boundaries are random');
  });

  test('serialize: escapes names and filenames, normalises line breaks, defaults file type', () => {
    const fd = new FormData();
    fd.append('a"b\nc', 'x\ny\rz\r\nw');
    fd.append('f', new Blob(['1']), 'q"\r\n.txt');
    const { body } = serialize(fd);
    const text = new TextDecoder().decode(body);
    assert.ok(text.includes('name="a%22b%0D%0Ac"\r\n\r\nx\r\ny\r\nz\r\nw\r\n'), text);
    assert.ok(text.includes('filename="q%22%0D%0A.txt"\r\nContent-Type: application/octet-stream\r\n'), text);
  });

  test('serialize -> parse round trip keeps entries, order and exact bytes', async () => {
    const fd = new FormData();
    fd.append('text', 'héllo wörld');
    fd.append('bin', new File([allBytes, '\r\n--', allBytes], 'all bytes.bin', { type: 'application/octet-stream' }));
    fd.append('text', 'second');
    fd.append('quote"name', 'v');
    fd.append('empty', '');
    fd.append('emptyfile', new File([], 'e.txt', { type: 'text/plain' }));
    fd.append('crlf', 'a\r\nb');
    const { body, contentType } = serialize(fd);
    const back = parse(body, contentType);
    assert.deepEqual([...back.keys()], ['text', 'bin', 'text', 'quote"name', 'empty', 'emptyfile', 'crlf']);
    assert.deepEqual(back.getAll('text'), ['héllo wörld', 'second']);
    assert.equal(back.get('quote"name'), 'v');
    assert.equal(back.get('empty'), '');
    assert.equal(back.get('crlf'), 'a\r\nb');
    const bin = back.get('bin');
    assert.equal(bin.name, 'all bytes.bin');
    assert.equal(bin.type, 'application/octet-stream');
    assert.ok(bytesEqual(await bin.bytes(), await fd.get('bin').bytes()));
    const e = back.get('emptyfile');
    assert.equal(e.size, 0);
    assert.equal(e.name, 'e.txt');
  });

  test('parse: a 12 MiB multipart upload parses in reasonable time', async () => {
    const size = 12 * 1024 * 1024;
    const big = new Uint8Array(size);
    let x = 12345;
    for (let i = 0; i < size; i += 4) {
      // xorshift noise, with plenty of CR/LF/dash bytes in it
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      big[i] = x & 0xff;
      big[i + 1] = (x >>> 8) & 0xff;
      big[i + 2] = i % 64 === 0 ? 0x0d : (x >>> 16) & 0xff;
      big[i + 3] = i % 64 === 0 ? 0x0a : 0x2d;
    }
    const fd = new FormData();
    fd.append('title', 'big upload');
    fd.append('upload', new File([big], 'big.bin', { type: 'application/octet-stream' }));
    const { body, contentType } = serialize(fd);
    const start = Date.now();
    const back = parse(body, contentType);
    const elapsed = Date.now() - start;
    const file = back.get('upload');
    assert.equal(back.get('title'), 'big upload');
    assert.equal(file.size, size);
    assert.ok(bytesEqual(internal.blob.bytes(file), big), 'exact bytes');
    assert.ok(elapsed < 5000, `parse took ${elapsed} ms`);
  });
})();
