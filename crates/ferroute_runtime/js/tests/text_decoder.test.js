// TextDecoder and TextDecoderStream over every encoding of the Encoding Standard, on both
// engines: UTF-8 (llrt on QuickJS, js/jsc/11_encoding.js on JavaScriptCore), the others
// through src/text_decode.rs (encoding_rs) where our JavaScript does not decode them itself
// (NativeDecoder in 04_builtins.js). The expected texts are the standard's, which Node 20
// gives too except where its ICU departs from it (docs/compat.md, "TextDecoder").
(() => {
  'use strict';
  const bytes = (...b) => Uint8Array.from(b);
  const decode = (label, ...b) => new TextDecoder(label).decode(bytes(...b));

  /** Decodes `input` with { stream: true } in pieces cut at `cuts`, then flushes. */
  function streamed(decoder, input, cuts) {
    let out = '';
    let at = 0;
    for (const cut of cuts) {
      out += decoder.decode(input.subarray(at, cut), { stream: true });
      at = cut;
    }
    return out + decoder.decode(input.subarray(at));
  }

  // [label, bytes, text]: a sample of each multi-byte encoding.
  const SAMPLES = [
    ['gbk', [0xc4, 0xe3, 0xba, 0xc3, 0x41, 0x80], '你好A€'],
    ['gb18030', [0x81, 0x30, 0x81, 0x31, 0xc4, 0xe3, 0x94, 0x39, 0xfc, 0x36], '\u0081你😀'],
    // 88 62 is two code points in the standard's index (Node 20's ICU gives U+F325).
    ['big5', [0xa4, 0xa4, 0x41, 0x88, 0x62], '中A\u00CA\u0304'],
    ['euc-jp', [0xa4, 0xa2, 0x8e, 0xb1, 0x8f, 0xb0, 0xa1], 'あｱ丂'],
    ['iso-2022-jp', [0x1b, 0x24, 0x42, 0x30, 0x21, 0x1b, 0x28, 0x4a, 0x5c, 0x1b, 0x28, 0x42, 0x41], '亜¥A'],
    ['shift_jis', [0x82, 0xa0, 0xb1, 0x41, 0x81, 0x40], 'あｱA\u3000'],
    ['euc-kr', [0xb0, 0xa1, 0x41, 0xc7, 0xd1], '가A한'],
  ];

  test('labels name the encodings of the standard, on both engines alike', () => {
    const name = (label) => new TextDecoder(label).encoding;
    assert.equal(name('latin1'), 'windows-1252');
    assert.equal(name(' ASCII\n'), 'windows-1252');
    assert.equal(name('sjis'), 'shift_jis');
    assert.equal(name('windows-31j'), 'shift_jis');
    assert.equal(name('gb2312'), 'gbk');
    assert.equal(name('x-gbk'), 'gbk');
    assert.equal(name('korean'), 'euc-kr');
    assert.equal(name('big5-hkscs'), 'big5');
    assert.equal(name('utf-16'), 'utf-16le');
    assert.equal(name('koi8'), 'koi8-r');
    for (const label of ['nope', 'replacement', 'iso-2022-kr', 'utf-32', '']) {
      const e = assert.throws(() => new TextDecoder(label), RangeError);
      assert.equal(e.code, 'ERR_ENCODING_NOT_SUPPORTED', label);
      assert.equal(e.message, `The "${label}" encoding is not supported`);
    }
  });

  test('each multi-byte legacy encoding decodes', () => {
    for (const [label, input, text] of SAMPLES) {
      assert.equal(new TextDecoder(label).decode(Uint8Array.from(input)), text, label);
      assert.equal(new TextDecoder(label).decode(Uint8Array.from(input).buffer), text, `${label} from an ArrayBuffer`);
    }
    const view = new DataView(bytes(0, 0xc4, 0xe3, 0).buffer, 1, 2);
    assert.equal(new TextDecoder('gbk').decode(view), '你');
    assert.equal(new TextDecoder('gbk').decode(), '');
  });

  test('a stream cut at every byte gives the whole text, and iso-2022-jp keeps its mode', () => {
    for (const [label, list, text] of SAMPLES) {
      const input = Uint8Array.from(list);
      const decoder = new TextDecoder(label);
      for (let cut = 0; cut <= input.length; cut++) {
        assert.equal(streamed(decoder, input, [cut]), text, `${label} cut at ${cut}`);
      }
      const every = Array.from({ length: input.length }, (_, i) => i);
      assert.equal(streamed(decoder, input, every), text, `${label} byte by byte`);
    }
    // The decoder is reused after each flush: a new stream each time.
    const decoder = new TextDecoder('iso-2022-jp');
    assert.equal(decoder.decode(bytes(0x1b, 0x24, 0x42, 0x30, 0x21)), '亜');
    assert.equal(decoder.decode(bytes(0x30, 0x21)), '0!', 'a new stream starts in ASCII');
  });

  test('unmapped and unfinished sequences are U+FFFD, or a TypeError under fatal', () => {
    assert.equal(decode('gbk', 0x41, 0xc4), 'A\uFFFD');
    assert.equal(decode('shift_jis', 0x82, 0x41), '\uFFFDA', 'the ASCII byte after a bad lead is kept');
    assert.equal(decode('euc-kr', 0xff, 0x42), '\uFFFDB');
    const fatal = new TextDecoder('gbk', { fatal: true });
    assert.equal(fatal.fatal, true);
    for (const input of [bytes(0xc4), bytes(0x41, 0xff)]) {
      const e = assert.throws(() => fatal.decode(input), TypeError);
      assert.equal(e.code, 'ERR_ENCODING_INVALID_ENCODED_DATA');
      assert.equal(e.message, 'The encoded data was not valid for encoding gbk');
    }
    // A stream that failed starts afresh.
    assert.throws(() => fatal.decode(bytes(0xff, 0xff), { stream: true }), TypeError);
    assert.equal(fatal.decode(bytes(0xc4, 0xe3)), '你');
    // An unfinished sequence is an error only when the stream ends.
    assert.equal(fatal.decode(bytes(0xc4), { stream: true }), '');
    assert.throws(() => fatal.decode(), TypeError);
    const utf8 = assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes(0x41, 0xff)), TypeError);
    assert.equal(utf8.message, 'The encoded data was not valid for encoding utf-8');
    assert.equal(utf8.code, 'ERR_ENCODING_INVALID_ENCODED_DATA');
  });

  test('single-byte encodings follow the standard (windows-1252 is not ISO-8859-1)', () => {
    assert.equal(decode('latin1', 0x80, 0x81, 0x9f, 0xe9, 0xff), '€\u0081Ÿéÿ');
    assert.equal(decode('ascii', 0x93, 0x94), '“”');
    assert.equal(decode('windows-1251', 0xcf, 0xf0, 0xe8), 'При');
    assert.equal(decode('iso-8859-2', 0xa1), 'Ą');
    assert.equal(decode('koi8-r', 0xc1), 'а');
    assert.equal(decode('x-user-defined', 0x41, 0x80, 0xff), 'A\uF780\uF7FF');
    assert.equal(decode('latin1', 0xef, 0xbb, 0xbf, 0x41), 'ï»¿A', 'no BOM in single-byte encodings');
    const e = assert.throws(() => new TextDecoder('iso-8859-3', { fatal: true }).decode(bytes(0xa5)), TypeError);
    assert.equal(e.message, 'The encoded data was not valid for encoding iso-8859-3');
  });

  test('UTF-16 drops its byte order mark unless ignoreBOM, and joins pairs cut between chunks', () => {
    assert.equal(decode('utf-16le', 0xff, 0xfe, 0x41, 0x00), 'A');
    assert.equal(decode('utf-16be', 0xfe, 0xff, 0x00, 0x41), 'A');
    assert.equal(new TextDecoder('utf-16le', { ignoreBOM: true }).decode(bytes(0xff, 0xfe, 0x41, 0x00)), '\uFEFFA');
    assert.equal(decode('utf-16le', 0x41, 0x00, 0xff, 0xfe), 'A\uFEFF', 'only at the start');
    const pair = bytes(0x3d, 0xd8, 0x00, 0xde, 0x41, 0x00);
    const decoder = new TextDecoder('utf-16le');
    for (let cut = 0; cut <= pair.length; cut++) assert.equal(streamed(decoder, pair, [cut]), '😀A', `cut at ${cut}`);
    assert.equal(decode('utf-16le', 0x3d, 0xd8), '\uFFFD', 'an unpaired surrogate');
    assert.equal(decode('utf-16le', 0x41), '\uFFFD', 'an odd byte at the end');
  });

  test('TextDecoderStream decodes a legacy encoding cut at every byte', async () => {
    const [label, list, text] = SAMPLES.find(([l]) => l === 'shift_jis');
    const input = Uint8Array.from(list);
    const chunks = Array.from(input, (b) => Uint8Array.of(b));
    const readable = new ReadableStream({
      start(controller) {
        for (const c of chunks) controller.enqueue(c);
        controller.close();
      },
    });
    const stream = new TextDecoderStream('sjis');
    assert.equal(stream.encoding, 'shift_jis');
    let out = '';
    const reader = readable.pipeThrough(stream).getReader();
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      out += value;
    }
    assert.equal(out, text);

    const fatal = new TextDecoderStream('gbk', { fatal: true });
    const writer = fatal.writable.getWriter();
    const read = fatal.readable.getReader().read();
    writer.write(bytes(0xc4)).catch(() => {});
    const closed = writer.close();
    const e = await closed.then(() => undefined, (err) => err);
    assert.ok(e instanceof TypeError, `an unfinished sequence at the end under fatal: ${e}`);
    await read.catch(() => {});
  });

  test('many decoders left mid-stream do not disturb the others', () => {
    for (let i = 0; i < 2000; i++) new TextDecoder('big5').decode(bytes(0xa4), { stream: true });
    const decoder = new TextDecoder('big5');
    assert.equal(decoder.decode(bytes(0xa4), { stream: true }), '');
    assert.equal(decoder.decode(bytes(0xa4)), '中');
  });
})();
