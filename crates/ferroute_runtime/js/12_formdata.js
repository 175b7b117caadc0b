// 12_formdata.js — XHR `FormData` (https://xhr.spec.whatwg.org/#interface-formdata) plus the
// body parsers and serializer used by Request/Response:
//   - application/x-www-form-urlencoded parser (https://url.spec.whatwg.org/#urlencoded-parsing)
//   - multipart/form-data parser (https://andreubotella.github.io/multipart-form-data/, made
//     lenient the way RFC 2046 is: a preamble, transport padding and an epilogue are accepted)
//   - multipart/form-data encoding algorithm (HTML, "multipart/form-data encoding algorithm")
// The multipart parser scans the body bytes with Boyer–Moore–Horspool and only builds strings
// for part headers and text fields, so multi-megabyte uploads stay cheap in an interpreter.
(() => {
  'use strict';

  // Created by 00_internal.js (and by the Node test harness).
  const internal = globalThis[Symbol.for('ferroute.internal')];
  const latin1 = internal.latin1;

  const blobs = internal.blob;
  if (blobs === undefined) throw new Error('12_formdata.js needs 11_blob.js to be loaded first');

  const kEntries = Symbol('FormData.entries');
  const kTarget = Symbol('FormDataIterator.target');
  const kKind = Symbol('FormDataIterator.kind');
  const kIndex = Symbol('FormDataIterator.index');

  // The draft multipart/form-data parser spec and undici give file parts without a
  // Content-Type header the type "text/plain".
  const DEFAULT_FILE_PART_TYPE = 'text/plain';

  const encoder = new TextEncoder();
  const utf8Decoder = new TextDecoder('utf-8', { ignoreBOM: true }); // "UTF-8 decode without BOM"
  const utf8FatalDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

  function illegalInvocation() {
    return new TypeError('Illegal invocation');
  }

  function toUSVString(value) {
    if (typeof value === 'string') return value.toWellFormed();
    if (typeof value === 'symbol') throw new TypeError('Cannot convert a Symbol value to a string');
    return String(value).toWellFormed();
  }

  function requireArgs(count, required, prefix) {
    if (count < required) {
      throw new TypeError(
        `${prefix}: ${required} argument${required === 1 ? '' : 's'} required, but only ${count} present.`,
      );
    }
  }

  // XHR "create an entry".
  function createEntry(name, value, filename, argCount, prefix) {
    name = toUSVString(name);
    if (blobs.isBlob(value)) {
      if (!blobs.isFile(value)) {
        value = blobs.toFile(value, filename === undefined ? 'blob' : toUSVString(filename));
      } else if (filename !== undefined) {
        value = blobs.toFile(value, toUSVString(filename), value.lastModified);
      }
    } else {
      if (argCount > 2) {
        throw new TypeError(`${prefix}: parameter 2 is not of type 'Blob'.`);
      }
      value = toUSVString(value);
    }
    return [name, value];
  }

  class FormData {
    constructor(form = undefined, submitter = undefined) {
      if (form !== undefined) {
        throw new TypeError(
          "Failed to construct 'FormData': parameter 1 is not of type 'HTMLFormElement'.",
        );
      }
      this[kEntries] = [];
    }

    append(name, value, filename = undefined) {
      const entries = this?.[kEntries];
      if (entries === undefined) throw illegalInvocation();
      requireArgs(arguments.length, 2, 'FormData.append');
      entries.push(createEntry(name, value, filename, arguments.length, 'FormData.append'));
    }

    delete(name) {
      const entries = this?.[kEntries];
      if (entries === undefined) throw illegalInvocation();
      requireArgs(arguments.length, 1, 'FormData.delete');
      name = toUSVString(name);
      let w = 0;
      for (let r = 0; r < entries.length; r++) {
        if (entries[r][0] !== name) entries[w++] = entries[r];
      }
      entries.length = w;
    }

    get(name) {
      const entries = this?.[kEntries];
      if (entries === undefined) throw illegalInvocation();
      requireArgs(arguments.length, 1, 'FormData.get');
      name = toUSVString(name);
      for (let i = 0; i < entries.length; i++) {
        if (entries[i][0] === name) return entries[i][1];
      }
      return null;
    }

    getAll(name) {
      const entries = this?.[kEntries];
      if (entries === undefined) throw illegalInvocation();
      requireArgs(arguments.length, 1, 'FormData.getAll');
      name = toUSVString(name);
      const out = [];
      for (let i = 0; i < entries.length; i++) {
        if (entries[i][0] === name) out.push(entries[i][1]);
      }
      return out;
    }

    has(name) {
      const entries = this?.[kEntries];
      if (entries === undefined) throw illegalInvocation();
      requireArgs(arguments.length, 1, 'FormData.has');
      name = toUSVString(name);
      for (let i = 0; i < entries.length; i++) {
        if (entries[i][0] === name) return true;
      }
      return false;
    }

    set(name, value, filename = undefined) {
      const entries = this?.[kEntries];
      if (entries === undefined) throw illegalInvocation();
      requireArgs(arguments.length, 2, 'FormData.set');
      const entry = createEntry(name, value, filename, arguments.length, 'FormData.set');
      name = entry[0];
      let found = false;
      let w = 0;
      for (let r = 0; r < entries.length; r++) {
        if (entries[r][0] === name) {
          if (found) continue;
          found = true;
          entries[w++] = entry;
        } else {
          entries[w++] = entries[r];
        }
      }
      entries.length = w;
      if (!found) entries.push(entry);
    }

    forEach(callback, thisArg = undefined) {
      const entries = this?.[kEntries];
      if (entries === undefined) throw illegalInvocation();
      if (typeof callback !== 'function') {
        throw new TypeError("FormData.forEach: parameter 1 is not of type 'Function'.");
      }
      for (let i = 0; i < entries.length; i++) {
        const entry = entries[i];
        callback.call(thisArg, entry[1], entry[0], this);
      }
    }

    keys() {
      if (this?.[kEntries] === undefined) throw illegalInvocation();
      return createIterator(this, 'key');
    }

    values() {
      if (this?.[kEntries] === undefined) throw illegalInvocation();
      return createIterator(this, 'value');
    }

    entries() {
      if (this?.[kEntries] === undefined) throw illegalInvocation();
      return createIterator(this, 'key+value');
    }
  }

  const FormDataPrototype = FormData.prototype;
  for (const name of ['append', 'delete', 'get', 'getAll', 'has', 'set', 'forEach', 'keys', 'values', 'entries']) {
    Object.defineProperty(FormDataPrototype, name, { enumerable: true });
  }
  Object.defineProperty(FormDataPrototype, Symbol.iterator, {
    value: FormDataPrototype.entries,
    writable: true,
    enumerable: false,
    configurable: true,
  });
  Object.defineProperty(FormDataPrototype, Symbol.toStringTag, {
    value: 'FormData',
    writable: false,
    enumerable: false,
    configurable: true,
  });
  Object.defineProperty(FormDataPrototype, Symbol.for('llrt.inspect.custom'), {
    get() {
      const entries = this?.[kEntries];
      if (entries === undefined) return undefined;
      const out = {};
      for (const [name, value] of entries) {
        if (!Object.prototype.hasOwnProperty.call(out, name)) out[name] = value;
        else if (Array.isArray(out[name])) out[name].push(value);
        else out[name] = [out[name], value];
      }
      return out;
    },
    enumerable: false,
    configurable: true,
  });

  const IteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));
  const FormDataIteratorPrototype = Object.create(IteratorPrototype);
  Object.defineProperties(FormDataIteratorPrototype, {
    next: {
      value: function next() {
        const target = this?.[kTarget];
        if (target === undefined) throw illegalInvocation();
        const entries = target[kEntries];
        const index = this[kIndex];
        if (index >= entries.length) return { value: undefined, done: true };
        this[kIndex] = index + 1;
        const entry = entries[index];
        const kind = this[kKind];
        const value = kind === 'key+value' ? [entry[0], entry[1]] : kind === 'key' ? entry[0] : entry[1];
        return { value, done: false };
      },
      writable: true,
      enumerable: true,
      configurable: true,
    },
    [Symbol.toStringTag]: {
      value: 'FormData Iterator',
      writable: false,
      enumerable: false,
      configurable: true,
    },
  });

  function createIterator(target, kind) {
    const it = Object.create(FormDataIteratorPrototype);
    it[kTarget] = target;
    it[kKind] = kind;
    it[kIndex] = 0;
    return it;
  }

  function createFormData(entries) {
    const fd = Object.create(FormDataPrototype);
    fd[kEntries] = entries;
    return fd;
  }

  // ---------------------------------------------------------------------------------------
  // MIME type parsing (https://mimesniff.spec.whatwg.org/#parse-a-mime-type)

  const TOKEN_RE = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
  const QUOTED_STRING_TOKEN_RE = /^[\t\x20-\x7e\x80-\xff]*$/;

  function isHttpWhitespaceCode(c) {
    return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
  }

  function trimHttpWhitespace(s) {
    let start = 0;
    let end = s.length;
    while (start < end && isHttpWhitespaceCode(s.charCodeAt(start))) start++;
    while (end > start && isHttpWhitespaceCode(s.charCodeAt(end - 1))) end--;
    return s.slice(start, end);
  }

  /** Returns { type, subtype, essence, parameters: Map } or null on failure. */
  function parseMimeType(input) {
    input = trimHttpWhitespace(input);
    const len = input.length;
    let position = input.indexOf('/');
    if (position <= 0) return null;
    const type = input.slice(0, position);
    if (!TOKEN_RE.test(type)) return null;
    position++;
    let semi = input.indexOf(';', position);
    if (semi < 0) semi = len;
    let subtypeEnd = semi;
    while (subtypeEnd > position && isHttpWhitespaceCode(input.charCodeAt(subtypeEnd - 1))) subtypeEnd--;
    const subtype = input.slice(position, subtypeEnd);
    if (subtype === '' || !TOKEN_RE.test(subtype)) return null;
    const result = {
      type: type.toLowerCase(),
      subtype: subtype.toLowerCase(),
      essence: `${type.toLowerCase()}/${subtype.toLowerCase()}`,
      parameters: new Map(),
    };
    position = semi;
    while (position < len) {
      position++; // skip ';'
      while (position < len && isHttpWhitespaceCode(input.charCodeAt(position))) position++;
      let end = position;
      while (end < len && input[end] !== ';' && input[end] !== '=') end++;
      const name = input.slice(position, end).toLowerCase();
      position = end;
      if (position >= len) break;
      if (input[position] === ';') continue;
      position++; // skip '='
      if (position >= len) break;
      let value;
      if (input[position] === '"') {
        const collected = collectQuotedString(input, position);
        value = collected.value;
        position = collected.position;
        while (position < len && input[position] !== ';') position++;
      } else {
        end = position;
        while (end < len && input[end] !== ';') end++;
        value = trimHttpWhitespace(input.slice(position, end));
        position = end;
        if (value === '') continue;
      }
      if (name !== '' && TOKEN_RE.test(name) && QUOTED_STRING_TOKEN_RE.test(value) && !result.parameters.has(name)) {
        result.parameters.set(name, value);
      }
    }
    return result;
  }

  // https://fetch.spec.whatwg.org/#collect-an-http-quoted-string (extract-value = true)
  function collectQuotedString(input, position) {
    let value = '';
    position++; // skip the opening quote
    const len = input.length;
    while (true) {
      let end = position;
      while (end < len && input[end] !== '"' && input[end] !== '\\') end++;
      value += input.slice(position, end);
      position = end;
      if (position >= len) break;
      const ch = input[position++];
      if (ch === '\\') {
        if (position >= len) {
          value += '\\';
          break;
        }
        value += input[position++];
      } else {
        break;
      }
    }
    return { value, position };
  }

  // ---------------------------------------------------------------------------------------
  // application/x-www-form-urlencoded

  function decodePercentBytes(bytes) {
    // Percent-decodes a byte sequence (https://url.spec.whatwg.org/#percent-decode).
    const out = new Uint8Array(bytes.length);
    let w = 0;
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i];
      if (b === 0x25 && i + 2 < bytes.length) {
        const h = hexValue(bytes[i + 1]);
        const l = hexValue(bytes[i + 2]);
        if (h >= 0 && l >= 0) {
          out[w++] = (h << 4) | l;
          i += 2;
          continue;
        }
      }
      out[w++] = b;
    }
    return out.subarray(0, w);
  }

  function hexValue(c) {
    if (c >= 0x30 && c <= 0x39) return c - 0x30;
    if (c >= 0x41 && c <= 0x46) return c - 0x37;
    if (c >= 0x61 && c <= 0x66) return c - 0x57;
    return -1;
  }

  // Percent-decode then UTF-8 decode a string that is known to be the lossless decoding of
  // the original bytes.
  function percentDecodeString(s) {
    if (s.indexOf('%') < 0) return s;
    try {
      return decodeURIComponent(s);
    } catch {
      // Invalid escapes or invalid UTF-8 after decoding: do it byte by byte like the spec.
      return utf8Decoder.decode(decodePercentBytes(encoder.encode(s)));
    }
  }

  function parseUrlencodedString(input) {
    const out = [];
    const sequences = input.split('&');
    for (let i = 0; i < sequences.length; i++) {
      const sequence = sequences[i];
      if (sequence === '') continue;
      const eq = sequence.indexOf('=');
      let name = eq < 0 ? sequence : sequence.slice(0, eq);
      let value = eq < 0 ? '' : sequence.slice(eq + 1);
      // (String#replaceAll with a string pattern is ~20x faster than a /g regex in QuickJS.)
      if (name.indexOf('+') >= 0) name = name.replaceAll('+', ' ');
      if (value.indexOf('+') >= 0) value = value.replaceAll('+', ' ');
      out.push([percentDecodeString(name), percentDecodeString(value)]);
    }
    return out;
  }

  // The spec algorithm on raw bytes; used only when the body is not valid UTF-8 (then decoding
  // the body up front would change how raw bytes combine with percent-decoded ones).
  function parseUrlencodedBytes(bytes) {
    const out = [];
    let start = 0;
    while (start <= bytes.length) {
      let end = bytes.indexOf(0x26, start);
      if (end < 0) end = bytes.length;
      if (end > start) {
        const sequence = bytes.slice(start, end);
        for (let i = 0; i < sequence.length; i++) if (sequence[i] === 0x2b) sequence[i] = 0x20;
        const eq = sequence.indexOf(0x3d);
        const name = eq < 0 ? sequence : sequence.subarray(0, eq);
        const value = eq < 0 ? sequence.subarray(0, 0) : sequence.subarray(eq + 1);
        out.push([utf8Decoder.decode(decodePercentBytes(name)), utf8Decoder.decode(decodePercentBytes(value))]);
      }
      start = end + 1;
    }
    return out;
  }

  function parseUrlencoded(bytes) {
    let text;
    try {
      text = utf8FatalDecoder.decode(bytes);
    } catch {
      return parseUrlencodedBytes(bytes);
    }
    return parseUrlencodedString(text);
  }

  // ---------------------------------------------------------------------------------------
  // multipart/form-data parsing

  function parseError(reason) {
    return new TypeError(`Failed to parse body as FormData: ${reason}.`);
  }

  // Boyer–Moore–Horspool search for `pattern` in `haystack` from `from`; -1 if absent.
  function makeSearcher(pattern) {
    const m = pattern.length;
    const skip = new Int32Array(256).fill(m);
    for (let i = 0; i < m - 1; i++) skip[pattern[i]] = m - 1 - i;
    const last = pattern[m - 1];
    return function search(haystack, from) {
      const n = haystack.length;
      let i = from + m - 1;
      while (i < n) {
        const c = haystack[i];
        if (c === last) {
          let j = m - 2;
          let k = i - 1;
          while (j >= 0 && haystack[k] === pattern[j]) {
            j--;
            k--;
          }
          if (j < 0) return i - m + 1;
        }
        i += skip[c];
      }
      return -1;
    };
  }

  function startsWithAt(haystack, needle, at) {
    if (at + needle.length > haystack.length) return false;
    for (let i = 0; i < needle.length; i++) {
      if (haystack[at + i] !== needle[i]) return false;
    }
    return true;
  }

  function findCrlf(bytes, from) {
    let i = from;
    while (true) {
      i = bytes.indexOf(0x0d, i);
      if (i < 0 || i + 1 >= bytes.length) return -1;
      if (bytes[i + 1] === 0x0a) return i;
      i++;
    }
  }

  // Undoes the HTML form-submission escapes (%22, %0D, %0A) used in names and filenames.
  function unescapeName(s) {
    if (s.indexOf('%') < 0) return s;
    return s.replace(/%(22|0d|0a)/gi, (m, code) =>
      code === '22' ? '"' : code.toLowerCase() === '0d' ? '\r' : '\n',
    );
  }

  // RFC 8187 ext-value: charset'language'pct-encoded. Returns null when it cannot be decoded.
  function decodeExtValue(value) {
    const first = value.indexOf("'");
    if (first < 0) return null;
    const second = value.indexOf("'", first + 1);
    if (second < 0) return null;
    const charset = value.slice(0, first).toLowerCase();
    const bytes = decodePercentBytes(encoder.encode(value.slice(second + 1)));
    if (charset === 'utf-8') return utf8Decoder.decode(bytes);
    if (charset === 'iso-8859-1' || charset === 'us-ascii') {
      let s = '';
      for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
      return s;
    }
    return null;
  }

  // Parses a Content-Disposition value. Accepts quoted (with %22/%0D/%0A escapes, and
  // backslash-escaped quotes/backslashes as curl sends them) and token parameter values, and
  // filename* (RFC 8187) which wins over filename. Returns null unless it is form-data.
  function parseContentDisposition(value) {
    const len = value.length;
    let semi = value.indexOf(';');
    if (semi < 0) semi = len;
    if (trimHttpWhitespace(value.slice(0, semi)).toLowerCase() !== 'form-data') return null;
    const params = new Map();
    let position = semi;
    while (position < len) {
      position++; // skip ';'
      while (position < len && (value[position] === ' ' || value[position] === '\t')) position++;
      let end = position;
      while (end < len && value[end] !== '=' && value[end] !== ';') end++;
      const key = trimHttpWhitespace(value.slice(position, end)).toLowerCase();
      position = end;
      if (position >= len || value[position] === ';') continue;
      position++; // skip '='
      while (position < len && (value[position] === ' ' || value[position] === '\t')) position++;
      let paramValue;
      if (value[position] === '"') {
        position++;
        paramValue = '';
        while (position < len && value[position] !== '"') {
          const ch = value[position];
          if (ch === '\\' && (value[position + 1] === '"' || value[position + 1] === '\\')) {
            paramValue += value[position + 1];
            position += 2;
          } else {
            paramValue += ch;
            position++;
          }
        }
        if (position >= len) return null; // unterminated quoted string
        position++; // closing quote
        while (position < len && value[position] !== ';') position++;
        paramValue = unescapeName(paramValue);
      } else {
        end = position;
        while (end < len && value[end] !== ';') end++;
        paramValue = trimHttpWhitespace(value.slice(position, end));
        position = end;
      }
      if (key !== '' && !params.has(key)) params.set(key, paramValue);
    }
    let filename = params.has('filename') ? params.get('filename') : null;
    if (params.has('filename*')) {
      const decoded = decodeExtValue(params.get('filename*'));
      if (decoded !== null) filename = decoded;
    }
    return { name: params.has('name') ? params.get('name') : null, filename };
  }

  function decodeBase64Body(bytes) {
    const text = latin1(bytes).replace(/[\t\n\r ]/g, '');
    let binary;
    try {
      binary = atob(text);
    } catch {
      throw parseError('invalid base64 part body');
    }
    const out = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i++) out[i] = binary.charCodeAt(i);
    return out;
  }

  function parseMultipart(input, boundary) {
    const dashBoundary = encoder.encode(`--${boundary}`);
    const delimiter = encoder.encode(`\r\n--${boundary}`);
    const search = makeSearcher(delimiter);
    const entries = [];
    const len = input.length;
    let position;

    if (startsWithAt(input, dashBoundary, 0)) {
      position = dashBoundary.length;
    } else {
      // RFC 2046 preamble before the first delimiter.
      const first = search(input, 0);
      if (first < 0) throw parseError('the boundary was not found in the body');
      position = first + delimiter.length;
    }

    while (true) {
      // `position` is just past a "--boundary".
      if (input[position] === 0x2d && input[position + 1] === 0x2d) return entries; // close delimiter; the epilogue is ignored
      while (position < len && (input[position] === 0x20 || input[position] === 0x09)) position++; // transport padding
      if (input[position] !== 0x0d || input[position + 1] !== 0x0a) {
        throw parseError(position >= len ? 'the closing boundary is missing' : 'expected CRLF after the boundary');
      }
      position += 2;

      // Part headers.
      let name = null;
      let filename = null;
      let contentType = null;
      let transferEncoding = null;
      while (true) {
        if (input[position] === 0x0d && input[position + 1] === 0x0a) {
          position += 2;
          break;
        }
        const lineEnd = findCrlf(input, position);
        if (lineEnd < 0) throw parseError('unterminated part headers');
        const line = utf8Decoder.decode(input.subarray(position, lineEnd));
        position = lineEnd + 2;
        const colon = line.indexOf(':');
        if (colon < 0) throw parseError(`malformed part header ${JSON.stringify(line)}`);
        const headerName = line.slice(0, colon).replace(/^[\t ]+|[\t ]+$/g, '');
        if (!TOKEN_RE.test(headerName)) throw parseError(`invalid part header name ${JSON.stringify(headerName)}`);
        const headerValue = line.slice(colon + 1).replace(/^[\t ]+|[\t ]+$/g, '');
        switch (headerName.toLowerCase()) {
          case 'content-disposition': {
            const disposition = parseContentDisposition(headerValue);
            if (disposition === null) throw parseError('a part has a malformed Content-Disposition header');
            name = disposition.name;
            filename = disposition.filename;
            break;
          }
          case 'content-type':
            contentType = headerValue;
            break;
          case 'content-transfer-encoding':
            transferEncoding = headerValue.toLowerCase();
            break;
          default:
            break;
        }
      }
      if (name === null) throw parseError('a part has no Content-Disposition name');

      // Part body: everything up to the next delimiter.
      const end = search(input, position);
      if (end < 0) throw parseError('the closing boundary is missing');
      let body = input.subarray(position, end);
      position = end + delimiter.length;
      if (transferEncoding === 'base64') body = decodeBase64Body(body);

      let value;
      if (filename !== null) {
        let type = contentType === null ? DEFAULT_FILE_PART_TYPE : contentType;
        if (/[^\x00-\x7f]/.test(type)) type = '';
        value = blobs.fileFromBytes(body.slice(), filename, blobs.normalizeType(type), Date.now());
      } else {
        value = utf8Decoder.decode(body);
      }
      entries.push([name, value]);
    }
  }

  function toBytes(body) {
    if (body instanceof Uint8Array) return body;
    if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
    return new Uint8Array(body);
  }

  /** Fetch "body.formData()" package-data step for bytes and a Content-Type header value. */
  function parse(bytes, contentType) {
    bytes = toBytes(bytes);
    const mimeType = contentType == null ? null : parseMimeType(String(contentType));
    if (mimeType !== null && mimeType.essence === 'multipart/form-data') {
      const boundary = mimeType.parameters.get('boundary');
      if (boundary === undefined || boundary === '') {
        throw parseError('the multipart/form-data Content-Type has no boundary parameter');
      }
      return createFormData(parseMultipart(bytes, boundary));
    }
    if (mimeType !== null && mimeType.essence === 'application/x-www-form-urlencoded') {
      return createFormData(parseUrlencoded(bytes));
    }
    throw new TypeError(
      'Content-Type was not one of "multipart/form-data" or "application/x-www-form-urlencoded".',
    );
  }

  // ---------------------------------------------------------------------------------------
  // multipart/form-data serialisation

  function escapeName(s) {
    if (s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
    return s.replace(/[\n\r"]/g, (c) => (c === '\n' ? '%0A' : c === '\r' ? '%0D' : '%22'));
  }

  function normalizeLinebreaks(s) {
    return s.indexOf('\r') < 0 && s.indexOf('\n') < 0 ? s : s.replace(/\r\n|\r|\n/g, '\r\n');
  }

  function randomBoundarySuffix() {
    const bytes = new Uint8Array(12);
    if (typeof crypto !== 'undefined' && typeof crypto.getRandomValues === 'function') {
      crypto.getRandomValues(bytes);
    } else {
      for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(Math.random() * 256);
    }
    let s = '';
    for (let i = 0; i < bytes.length; i++) s += (bytes[i] < 16 ? '0' : '') + bytes[i].toString(16);
    return s;
  }

  function serialize(fd) {
    const entries = fd?.[kEntries];
    if (entries === undefined) throw new TypeError('internal.formdata.serialize: not a FormData');
    const boundary = `----formdata-ferroute-${randomBoundarySuffix()}`;
    const chunks = [];
    let total = 0;
    let text = '';
    const flushText = () => {
      if (text === '') return;
      const bytes = encoder.encode(text);
      chunks.push(bytes);
      total += bytes.length;
      text = '';
    };
    for (let i = 0; i < entries.length; i++) {
      const name = escapeName(normalizeLinebreaks(entries[i][0]));
      const value = entries[i][1];
      text += `--${boundary}\r\nContent-Disposition: form-data; name="${name}"`;
      if (typeof value === 'string') {
        text += `\r\n\r\n${normalizeLinebreaks(value)}\r\n`;
      } else {
        const type = value.type || 'application/octet-stream';
        text += `; filename="${escapeName(value.name)}"\r\nContent-Type: ${type}\r\n\r\n`;
        flushText();
        const bytes = blobs.bytes(value);
        chunks.push(bytes);
        total += bytes.length;
        text = '\r\n';
      }
    }
    text += `--${boundary}--\r\n`;
    flushText();
    const body = new Uint8Array(total);
    let offset = 0;
    for (let i = 0; i < chunks.length; i++) {
      body.set(chunks[i], offset);
      offset += chunks[i].length;
    }
    return { body, contentType: `multipart/form-data; boundary=${boundary}` };
  }

  internal.formdata = {
    /** Parses a body per its Content-Type into a new FormData; throws TypeError on failure. */
    parse,
    /** Encodes a FormData as multipart/form-data: { body: Uint8Array, contentType }. */
    serialize,
    /** application/x-www-form-urlencoded bytes -> [[name, value], ...]. */
    parseUrlencoded(bytes) {
      return parseUrlencoded(toBytes(bytes));
    },
    /** mimesniff "parse a MIME type": { type, subtype, essence, parameters: Map } or null. */
    parseMimeType,
    /** The live entry list [[name, value], ...] (read only). */
    entries(fd) {
      const entries = fd?.[kEntries];
      if (entries === undefined) throw new TypeError('internal.formdata.entries: not a FormData');
      return entries;
    },
    isFormData(value) {
      return value?.[kEntries] !== undefined;
    },
  };

  Object.defineProperty(globalThis, 'FormData', {
    value: FormData,
    writable: true,
    enumerable: false,
    configurable: true,
  });
})();
