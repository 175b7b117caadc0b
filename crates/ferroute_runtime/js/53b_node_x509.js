// node:crypto's `X509Certificate`, on both engines: a DER reader for the certificate's fields
// (RFC 5280), with the text forms Node 20 gives them (`subject`, `subjectAltName`,
// `infoAccess`, `validFrom`, `serialNumber`, fingerprints), host, e-mail and IP checks with
// OpenSSL's matching rules, and `verify`/`checkIssued`/`checkPrivateKey` over node:crypto's
// keys and signatures (53a_node_crypto.js). Loaded the first time `X509Certificate` is read
// from node:crypto (04_builtins.js).
(() => {
  'use strict';
  const internal = globalThis[Symbol.for('ferroute.internal')];
  const crypto = () => internal.builtin('crypto');
  const { coded, invalidArgType } = internal.nodeErrors;
  const B = () => globalThis.Buffer;

  // ------------------------------------------------------------------ DER
  const SEQUENCE = 0x30;
  const SET = 0x31;
  const INTEGER = 0x02;
  const BIT_STRING = 0x03;
  const OCTET_STRING = 0x04;
  const OID = 0x06;
  const BOOLEAN = 0x01;

  class Malformed extends Error {}

  /** The element of `der` at `at`: its tag, where its contents start and end. */
  function element(der, at, end = der.length) {
    if (at + 2 > end) throw new Malformed();
    const tag = der[at];
    let length = der[at + 1];
    let start = at + 2;
    if (length & 0x80) {
      const n = length & 0x7f;
      if (n === 0 || n > 4 || start + n > end) throw new Malformed();
      length = 0;
      for (let i = 0; i < n; i++) length = length * 256 + der[start + i];
      start += n;
    }
    if (start + length > end) throw new Malformed();
    return { tag, start, end: start + length, at };
  }

  /** The elements inside `parent`, in order. */
  function children(der, parent) {
    const out = [];
    for (let at = parent.start; at < parent.end;) {
      const e = element(der, at, parent.end);
      out.push(e);
      at = e.end;
    }
    return out;
  }

  const bytesOf = (der, e) => der.subarray(e.start, e.end);
  const whole = (der, e) => der.subarray(e.at, e.end);

  function oidOf(der, e) {
    if (e.tag !== OID) throw new Malformed();
    const parts = [];
    let value = 0;
    for (let i = e.start; i < e.end; i++) {
      value = value * 128 + (der[i] & 0x7f);
      if ((der[i] & 0x80) === 0) {
        if (parts.length === 0) {
          const first = value < 80 ? Math.floor(value / 40) : 2;
          parts.push(first, value - first * 40);
        } else {
          parts.push(value);
        }
        value = 0;
      }
    }
    return parts.join('.');
  }

  const HEX = (bytes) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('').toUpperCase();

  /** A string element's text (UTF8String, the ASCII types, T61 as Latin-1, BMP, Universal). */
  function textOf(der, e) {
    const b = bytesOf(der, e);
    switch (e.tag) {
      case 0x0c: return new TextDecoder().decode(b);
      case 0x1e: {
        let s = '';
        for (let i = 0; i + 1 < b.length; i += 2) s += String.fromCharCode((b[i] << 8) | b[i + 1]);
        return s;
      }
      case 0x1c: {
        let s = '';
        for (let i = 0; i + 3 < b.length; i += 4) s += String.fromCodePoint(((b[i] << 24) | (b[i + 1] << 16) | (b[i + 2] << 8) | b[i + 3]) >>> 0);
        return s;
      }
      default: return internal.latin1(b);
    }
  }

  // ------------------------------------------------------------------ names
  // OpenSSL's short names of the attributes certificates carry.
  const ATTRIBUTES = {
    '2.5.4.3': 'CN', '2.5.4.4': 'SN', '2.5.4.5': 'serialNumber', '2.5.4.6': 'C', '2.5.4.7': 'L',
    '2.5.4.8': 'ST', '2.5.4.9': 'street', '2.5.4.10': 'O', '2.5.4.11': 'OU', '2.5.4.12': 'title',
    '2.5.4.13': 'description', '2.5.4.15': 'businessCategory', '2.5.4.17': 'postalCode',
    '2.5.4.41': 'name', '2.5.4.42': 'GN', '2.5.4.43': 'initials', '2.5.4.44': 'generationQualifier',
    '2.5.4.46': 'dnQualifier', '2.5.4.65': 'pseudonym', '2.5.4.97': 'organizationIdentifier',
    '1.2.840.113549.1.9.1': 'emailAddress', '0.9.2342.19200300.100.1.25': 'DC',
    '0.9.2342.19200300.100.1.1': 'UID', '1.3.6.1.4.1.311.60.2.1.1': 'jurisdictionL',
    '1.3.6.1.4.1.311.60.2.1.2': 'jurisdictionST', '1.3.6.1.4.1.311.60.2.1.3': 'jurisdictionC',
  };

  /** A Name's attributes in order: [[shortName, value], ...]. */
  function nameOf(der, e) {
    const out = [];
    for (const rdn of children(der, e)) {
      if (rdn.tag !== SET) throw new Malformed();
      for (const pair of children(der, rdn)) {
        const [type, value] = children(der, pair);
        const oid = oidOf(der, type);
        out.push([ATTRIBUTES[oid] || oid, textOf(der, value)]);
      }
    }
    return out;
  }

  /** A value escaped as RFC 2253 asks (what Node's multi-line names print). */
  function escapeValue(value) {
    let out = '';
    for (let i = 0; i < value.length; i++) {
      const c = value[i];
      const code = value.charCodeAt(i);
      if (',+"\\<>;'.includes(c) || ((c === '#' || c === ' ') && i === 0) || (c === ' ' && i === value.length - 1)) out += `\\${c}`;
      else if (code < 0x20 || code === 0x7f) out += `\\${code.toString(16).toUpperCase().padStart(2, '0')}`;
      else out += c;
    }
    return out;
  }

  const nameText = (attrs, separator) => attrs.map(([k, v]) => `${k}=${escapeValue(v)}`).join(separator);

  /** The legacy object form: one property per attribute, an array when it repeats. */
  function nameObject(attrs) {
    const o = Object.create(null);
    for (const [k, v] of attrs) {
      if (o[k] === undefined) o[k] = v;
      else if (Array.isArray(o[k])) o[k].push(v);
      else o[k] = [o[k], v];
    }
    return o;
  }

  // ------------------------------------------------------------------ general names
  /** An IP address's bytes as OpenSSL prints them (IPv6 as eight uncompressed groups). */
  function ipText(b) {
    if (b.length === 4) return Array.from(b).join('.');
    if (b.length === 16) {
      const groups = [];
      for (let i = 0; i < 16; i += 2) groups.push(((b[i] << 8) | b[i + 1]).toString(16).toUpperCase());
      return groups.join(':');
    }
    return '<invalid>';
  }

  /** Whether Node prints a name as it is (else JSON-quoted): no quote, backslash, comma or
   * control character, and only printable ASCII unless the string is UTF-8. */
  function safeName(text, utf8) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0x22 || c === 0x5c || c === 0x2c || c === 0x27) return false;
      if (c < 0x20 || c === 0x7f || (!utf8 && c > 0x7e)) return false;
    }
    return true;
  }

  /** [kind, value] of a GeneralName (RFC 5280 §4.2.1.6). */
  function generalName(der, e) {
    switch (e.tag) {
      case 0x82: return ['DNS', internal.latin1(bytesOf(der, e))];
      case 0x81: return ['email', internal.latin1(bytesOf(der, e))];
      case 0x86: return ['URI', internal.latin1(bytesOf(der, e))];
      case 0x87: return ['IP Address', bytesOf(der, e)];
      case 0xa4: return ['DirName', nameOf(der, children(der, e)[0])];
      case 0x88: return ['Registered ID', oidOf(der, { tag: OID, start: e.start, end: e.end })];
      default: return ['othername', '<unsupported>'];
    }
  }

  /** `text` in double quotes, with quotes and backslashes escaped and commas, apostrophes
   * and control characters as \uXXXX (Node's form of a name that is not safe as it is). */
  function quoted(text) {
    let out = '"';
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      const code = text.charCodeAt(i);
      if (c === '"' || c === '\\') out += `\\${c}`;
      else if (c === ',' || c === "'" || code < 0x20 || code === 0x7f) out += `\\u${code.toString(16).padStart(4, '0')}`;
      else out += c;
    }
    return `${out}"`;
  }

  function generalNameText([kind, value]) {
    if (kind === 'IP Address') return `IP Address:${ipText(value)}`;
    if (kind === 'othername' || kind === 'Registered ID') return `${kind}:${value}`;
    // A directory name in RFC 2253's order (the last attribute first), comma-separated.
    const text = kind === 'DirName' ? nameText(value.slice().reverse(), ',') : value;
    return `${kind}:${safeName(text, kind === 'DirName') ? text : quoted(text)}`;
  }

  // ------------------------------------------------------------------ times
  const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

  /** UTCTime or GeneralizedTime as OpenSSL prints it: `Dec  2 05:46:49 2026 GMT`. */
  function timeText(der, e) {
    const s = internal.latin1(bytesOf(der, e));
    let year;
    let rest;
    if (e.tag === 0x17) {
      year = Number(s.slice(0, 2));
      year += year < 50 ? 2000 : 1900;
      rest = s.slice(2);
    } else if (e.tag === 0x18) {
      year = Number(s.slice(0, 4));
      rest = s.slice(4);
    } else {
      throw new Malformed();
    }
    const month = Number(rest.slice(0, 2));
    const day = Number(rest.slice(2, 4));
    if (!(month >= 1 && month <= 12) || !(day >= 1)) throw new Malformed();
    const time = `${rest.slice(4, 6)}:${rest.slice(6, 8)}:${rest.slice(8, 10) || '00'}`;
    return `${MONTHS[month - 1]} ${String(day).padStart(2, ' ')} ${time} ${year} GMT`;
  }

  // ------------------------------------------------------------------ the certificate
  const PEM = /-----BEGIN (?:X509 |TRUSTED )?CERTIFICATE-----([\s\S]*?)-----END (?:X509 |TRUSTED )?CERTIFICATE-----/;

  const opensslError = (message, code) => coded(Error, code, message);

  const noStartLine = () => opensslError('error:0480006C:PEM routines::no start line', 'ERR_OSSL_PEM_NO_START_LINE');

  /** [DER, whether it came from PEM] of a certificate given as PEM text or bytes (PEM or DER). */
  function derOf(input) {
    let bytes;
    if (typeof input === 'string') bytes = B().from(input, 'utf8');
    else if (ArrayBuffer.isView(input)) bytes = new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    else {
      throw invalidArgType('buffer', 'of type string or an instance of Buffer, TypedArray, or DataView', input);
    }
    const text = B().from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
    const pem = PEM.exec(text);
    if (pem !== null) return [new Uint8Array(B().from(pem[1].replace(/[^A-Za-z0-9+/=]/g, ''), 'base64')), true];
    if (bytes.length > 0 && bytes[0] === SEQUENCE) return [Uint8Array.from(bytes), false];
    throw noStartLine();
  }

  const OIDS = {
    subjectAltName: '2.5.29.17',
    basicConstraints: '2.5.29.19',
    keyUsage: '2.5.29.15',
    extKeyUsage: '2.5.29.37',
    infoAccess: '1.3.6.1.5.5.7.1.1',
    subjectKeyId: '2.5.29.14',
    authorityKeyId: '2.5.29.35',
  };
  const ACCESS_METHODS = { '1.3.6.1.5.5.7.48.1': 'OCSP', '1.3.6.1.5.5.7.48.2': 'CA Issuers' };

  /** Everything X509Certificate reports, read once from the DER. */
  function parse(der) {
    const cert = element(der, 0);
    if (cert.tag !== SEQUENCE || cert.end !== der.length) throw new Malformed();
    const [tbs, sigAlg, sigValue] = children(der, cert);
    if (tbs.tag !== SEQUENCE || sigValue === undefined || sigValue.tag !== BIT_STRING) throw new Malformed();
    const fields = children(der, tbs);
    let i = fields[0].tag === 0xa0 ? 1 : 0;
    const serial = fields[i++];
    i++; // the signature algorithm again
    const issuer = fields[i++];
    const validity = children(der, fields[i++]);
    const subject = fields[i++];
    const spki = fields[i++];
    if (serial.tag !== INTEGER || spki === undefined || spki.tag !== SEQUENCE) throw new Malformed();
    const extensions = new Map();
    for (; i < fields.length; i++) {
      if (fields[i].tag !== 0xa3) continue;
      for (const ext of children(der, children(der, fields[i])[0])) {
        const parts = children(der, ext);
        const value = parts[parts.length - 1];
        if (value.tag !== OCTET_STRING) throw new Malformed();
        extensions.set(oidOf(der, parts[0]), element(der, value.start, value.end));
      }
    }
    let serialBytes = bytesOf(der, serial);
    while (serialBytes.length > 1 && serialBytes[0] === 0) serialBytes = serialBytes.subarray(1);
    const info = {
      der,
      tbs: whole(der, tbs),
      sigAlg: children(der, sigAlg),
      signature: bytesOf(der, sigValue).subarray(1),
      serialNumber: HEX(serialBytes),
      issuer: nameOf(der, issuer),
      issuerDer: whole(der, issuer),
      subject: nameOf(der, subject),
      subjectDer: whole(der, subject),
      validFrom: timeText(der, validity[0]),
      validTo: timeText(der, validity[1]),
      spki: whole(der, spki),
      altNames: undefined,
      access: undefined,
      extKeyUsage: undefined,
      ca: false,
      keyCertSign: true,
      subjectKeyId: undefined,
      authorityKeyId: undefined,
    };
    const san = extensions.get(OIDS.subjectAltName);
    if (san !== undefined) info.altNames = children(der, san).map((e) => generalName(der, e));
    const aia = extensions.get(OIDS.infoAccess);
    if (aia !== undefined) {
      info.access = children(der, aia).map((desc) => {
        const [method, location] = children(der, desc);
        const oid = oidOf(der, method);
        return [ACCESS_METHODS[oid] || oid, generalName(der, location)];
      });
    }
    const eku = extensions.get(OIDS.extKeyUsage);
    if (eku !== undefined) info.extKeyUsage = children(der, eku).map((e) => oidOf(der, e));
    const bc = extensions.get(OIDS.basicConstraints);
    if (bc !== undefined) {
      const first = children(der, bc)[0];
      info.ca = first !== undefined && first.tag === BOOLEAN && der[first.start] !== 0;
    }
    const ku = extensions.get(OIDS.keyUsage);
    if (ku !== undefined) {
      // keyCertSign is bit 5 of the first byte after the unused-bits count.
      info.keyCertSign = ku.end - ku.start > 1 && (der[ku.start + 1] & 0x04) !== 0;
    }
    const skid = extensions.get(OIDS.subjectKeyId);
    if (skid !== undefined) info.subjectKeyId = HEX(bytesOf(der, skid));
    const akid = extensions.get(OIDS.authorityKeyId);
    if (akid !== undefined) {
      const id = children(der, akid).find((e) => e.tag === 0x80);
      if (id !== undefined) info.authorityKeyId = HEX(bytesOf(der, id));
    }
    return info;
  }

  // ------------------------------------------------------------------ host, e-mail, IP
  const lower = (s) => s.replace(/[A-Z]+/g, (m) => m.toLowerCase());

  /** Whether certificate name `pattern` covers host `host` (both lowercase), with OpenSSL's
   * wildcard rules under Node's options. */
  function hostMatches(pattern, host, opts) {
    if (pattern === host) return true;
    const star = pattern.indexOf('*');
    if (star === -1 || !opts.wildcards) return false;
    const dot = pattern.indexOf('.');
    // The wildcard stands in the leftmost label, which is not an A-label, and at least two
    // labels follow it.
    if (star > dot || pattern.indexOf('*', star + 1) !== -1 || pattern.startsWith('xn--')) return false;
    const suffix = pattern.slice(dot);
    if (suffix.split('.').length < 3) return false;
    if (!opts.partialWildcards && dot !== 1) return false;
    if (!host.endsWith(suffix)) return false;
    const label = host.slice(0, host.length - suffix.length);
    if (label.length === 0 || (!opts.multiLabelWildcards && label.includes('.'))) return false;
    const before = pattern.slice(0, star);
    const after = pattern.slice(star + 1, dot);
    return label.length >= before.length + after.length && label.startsWith(before) && label.endsWith(after)
      && (before.length + after.length === 0 || !label.startsWith('xn--'));
  }

  const SUBJECT_OPTIONS = ['default', 'always', 'never'];

  function checkOptions(options) {
    const o = options === undefined ? {} : options;
    if (o === null || typeof o !== 'object') throw invalidArgType('options', 'of type object', o);
    const subject = o.subject === undefined ? 'default' : o.subject;
    if (!SUBJECT_OPTIONS.includes(subject)) {
      throw coded(TypeError, 'ERR_INVALID_ARG_VALUE', `The property 'options.subject' is invalid. Received ${typeof subject === 'string' ? `'${subject}'` : String(subject)}`);
    }
    return {
      subject,
      wildcards: o.wildcards !== false,
      partialWildcards: o.partialWildcards !== false,
      multiLabelWildcards: o.multiLabelWildcards === true,
      singleLabelSubdomains: o.singleLabelSubdomains === true,
    };
  }

  function stringArg(value, name) {
    if (typeof value !== 'string') throw invalidArgType(name, 'of type string', value);
    return value;
  }

  const sameBytes = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);

  // ------------------------------------------------------------------ X509Certificate
  const kInfo = Symbol('X509Certificate.info');
  const kMemo = Symbol('X509Certificate.memo');

  function infoOf(self) {
    const info = self !== null && typeof self === 'object' ? self[kInfo] : undefined;
    if (info === undefined) throw coded(TypeError, 'ERR_INVALID_THIS', 'Value of "this" must be of type X509Certificate');
    return info;
  }

  function memo(self, key, make) {
    const info = infoOf(self);
    const m = self[kMemo];
    if (!(key in m)) m[key] = make(info);
    return m[key];
  }

  const fingerprint = (der, algorithm) => crypto().createHash(algorithm).update(der).digest('hex').toUpperCase().match(/../g).join(':');

  function keyObjectArg(value, name, type) {
    const { KeyObject } = crypto();
    if (!(value instanceof KeyObject)) throw invalidArgType(name, 'an instance of KeyObject', value);
    if (value.type !== type) {
      const shown = `${value.type[0].toUpperCase()}${value.type.slice(1)}KeyObject [KeyObject] { [Symbol(kKeyType)]: '${value.type}' }`;
      throw coded(TypeError, 'ERR_INVALID_ARG_VALUE', `The argument '${name}' is invalid. Received ${shown}`);
    }
    return value;
  }

  // Signature algorithms: OID → the hash node:crypto's verify takes (null: Ed25519).
  const SIGNATURES = {
    '1.2.840.113549.1.1.5': 'sha1', '1.2.840.113549.1.1.11': 'sha256', '1.2.840.113549.1.1.12': 'sha384',
    '1.2.840.113549.1.1.13': 'sha512', '1.2.840.113549.1.1.14': 'sha224', '1.2.840.10045.4.1': 'sha1',
    '1.2.840.10045.4.3.1': 'sha224', '1.2.840.10045.4.3.2': 'sha256', '1.2.840.10045.4.3.3': 'sha384',
    '1.2.840.10045.4.3.4': 'sha512', '1.3.101.112': null,
  };
  const HASHES = { '1.3.14.3.2.26': 'sha1', '2.16.840.1.101.3.4.2.1': 'sha256', '2.16.840.1.101.3.4.2.2': 'sha384', '2.16.840.1.101.3.4.2.3': 'sha512', '2.16.840.1.101.3.4.2.4': 'sha224' };
  const RSA_PSS = '1.2.840.113549.1.1.10';

  /** [hash, extra verify options] of the certificate's signature, or undefined if unknown. */
  function signatureScheme(info) {
    const der = info.der;
    const oid = oidOf(der, info.sigAlg[0]);
    if (oid in SIGNATURES) return [SIGNATURES[oid], {}];
    if (oid !== RSA_PSS) return undefined;
    // RSASSA-PSS-params: [0] hash (SHA-1 by default), [2] salt length (20 by default).
    let hash = 'sha1';
    let saltLength = 20;
    const params = info.sigAlg[1];
    if (params !== undefined && params.tag === SEQUENCE) {
      for (const p of children(der, params)) {
        const inner = children(der, p)[0];
        if (p.tag === 0xa0) hash = HASHES[oidOf(der, children(der, inner)[0])];
        else if (p.tag === 0xa2) saltLength = Array.from(bytesOf(der, inner)).reduce((n, b) => n * 256 + b, 0);
      }
    }
    if (hash === undefined) return undefined;
    return [hash, { padding: 6, saltLength }];
  }

  class X509Certificate {
    constructor(buffer) {
      const [der, fromPem] = derOf(buffer);
      let info;
      try {
        info = parse(der);
      } catch (e) {
        if (!(e instanceof Malformed) && !(e instanceof RangeError)) throw e;
        // Bytes that are neither PEM nor a certificate: OpenSSL reports its first attempt, PEM.
        if (!fromPem) throw noStartLine();
        if (der[0] !== SEQUENCE) throw opensslError('error:068000A8:asn1 encoding routines::wrong tag', 'ERR_OSSL_ASN1_WRONG_TAG');
        throw opensslError('error:0680007B:asn1 encoding routines::header too long', 'ERR_OSSL_ASN1_HEADER_TOO_LONG');
      }
      Object.defineProperty(this, kInfo, { value: info });
      Object.defineProperty(this, kMemo, { value: Object.create(null) });
    }

    get subject() { return memo(this, 'subject', (i) => nameText(i.subject, '\n')); }

    get subjectAltName() {
      return memo(this, 'subjectAltName', (i) => (i.altNames === undefined ? undefined : i.altNames.map(generalNameText).join(', ')));
    }

    get issuer() { return memo(this, 'issuer', (i) => nameText(i.issuer, '\n')); }

    get issuerCertificate() { infoOf(this); return undefined; }

    get infoAccess() {
      return memo(this, 'infoAccess', (i) => (i.access === undefined ? undefined
        : i.access.map(([method, name]) => `${method} - ${generalNameText(name)}`).join('\n')));
    }

    get validFrom() { return infoOf(this).validFrom; }

    get validTo() { return infoOf(this).validTo; }

    get fingerprint() { return memo(this, 'fingerprint', (i) => fingerprint(i.der, 'sha1')); }

    get fingerprint256() { return memo(this, 'fingerprint256', (i) => fingerprint(i.der, 'sha256')); }

    get fingerprint512() { return memo(this, 'fingerprint512', (i) => fingerprint(i.der, 'sha512')); }

    get keyUsage() {
      const eku = infoOf(this).extKeyUsage;
      return eku === undefined ? undefined : eku.slice();
    }

    get serialNumber() { return infoOf(this).serialNumber; }

    get raw() { return memo(this, 'raw', (i) => B().from(i.der)); }

    get publicKey() {
      return memo(this, 'publicKey', (i) => crypto().createPublicKey({ key: B().from(i.spki), format: 'der', type: 'spki' }));
    }

    toString() { return memo(this, 'pem', (i) => `-----BEGIN CERTIFICATE-----\n${B().from(i.der).toString('base64').match(/.{1,64}/g).join('\n')}\n-----END CERTIFICATE-----\n`); }

    toJSON() { return this.toString(); }

    get ca() {
      const i = infoOf(this);
      return i.ca && i.keyCertSign;
    }

    checkHost(name, options) {
      const info = infoOf(this);
      stringArg(name, 'name');
      const opts = checkOptions(options);
      const host = lower(name);
      const dns = info.altNames === undefined ? [] : info.altNames.filter(([k]) => k === 'DNS').map(([, v]) => v);
      for (const pattern of dns) if (hostMatches(lower(pattern), host, opts)) return pattern;
      if (opts.subject === 'always' || (opts.subject === 'default' && dns.length === 0)) {
        for (const [k, v] of info.subject) if (k === 'CN' && hostMatches(lower(v), host, opts)) return v;
      }
      return undefined;
    }

    checkEmail(email, options) {
      const info = infoOf(this);
      stringArg(email, 'email');
      const opts = checkOptions(options);
      // The local part is compared as it is, the domain without case.
      const same = (candidate) => {
        const at = candidate.lastIndexOf('@');
        const at2 = email.lastIndexOf('@');
        return at !== -1 && at2 !== -1 && candidate.slice(0, at) === email.slice(0, at2)
          && lower(candidate.slice(at + 1)) === lower(email.slice(at2 + 1));
      };
      const emails = info.altNames === undefined ? [] : info.altNames.filter(([k]) => k === 'email').map(([, v]) => v);
      if (emails.some(same)) return email;
      if (opts.subject === 'always' || (opts.subject === 'default' && emails.length === 0)) {
        if (info.subject.some(([k, v]) => k === 'emailAddress' && same(v))) return email;
      }
      return undefined;
    }

    checkIP(ip) {
      const info = infoOf(this);
      stringArg(ip, 'ip');
      const bytes = internal.ipBytes(ip);
      if (bytes === undefined) throw coded(TypeError, 'ERR_INVALID_ARG_VALUE', 'Invalid IP');
      const ips = info.altNames === undefined ? [] : info.altNames.filter(([k]) => k === 'IP Address');
      return ips.some(([, v]) => sameBytes(v, bytes)) ? ip : undefined;
    }

    checkIssued(otherCert) {
      const info = infoOf(this);
      const issuer = infoOf(otherCert instanceof X509Certificate ? otherCert : invalidCert(otherCert));
      if (!sameBytes(info.issuerDer, issuer.subjectDer) && nameText(info.issuer, '\n') !== nameText(issuer.subject, '\n')) return false;
      if (info.authorityKeyId !== undefined && issuer.subjectKeyId !== undefined && info.authorityKeyId !== issuer.subjectKeyId) return false;
      return issuer.keyCertSign;
    }

    checkPrivateKey(privateKey) {
      const info = infoOf(this);
      keyObjectArg(privateKey, 'pkey', 'private');
      const spki = crypto().createPublicKey(privateKey).export({ type: 'spki', format: 'der' });
      return sameBytes(new Uint8Array(spki.buffer, spki.byteOffset, spki.byteLength), info.spki);
    }

    verify(publicKey) {
      const info = infoOf(this);
      keyObjectArg(publicKey, 'pkey', 'public');
      const scheme = signatureScheme(info);
      if (scheme === undefined) return false;
      const [hash, extra] = scheme;
      try {
        return crypto().verify(hash, info.tbs, { key: publicKey, ...extra }, info.signature);
      } catch {
        return false;
      }
    }

    toLegacyObject() {
      const info = infoOf(this);
      const o = { subject: nameObject(info.subject), issuer: nameObject(info.issuer) };
      if (info.altNames !== undefined) o.subjectaltname = this.subjectAltName;
      if (info.access !== undefined) {
        const access = Object.create(null);
        for (const [method, name] of info.access) {
          const text = generalNameText(name);
          const colon = text.indexOf(':');
          const key = `${method} - ${text.slice(0, colon)}`;
          (access[key] || (access[key] = [])).push(text.slice(colon + 1));
        }
        o.infoAccess = access;
      }
      o.ca = this.ca;
      Object.assign(o, publicKeyFacts(info));
      o.valid_from = info.validFrom;
      o.valid_to = info.validTo;
      o.fingerprint = this.fingerprint;
      o.fingerprint256 = this.fingerprint256;
      o.fingerprint512 = this.fingerprint512;
      if (info.extKeyUsage !== undefined) o.ext_key_usage = info.extKeyUsage.slice();
      o.serialNumber = info.serialNumber;
      o.raw = this.raw;
      return o;
    }

    [Symbol.for('nodejs.util.inspect.custom')](depth, options, inspect) {
      const fields = {};
      for (const k of ['subject', 'subjectAltName', 'issuer', 'infoAccess', 'validFrom', 'validTo', 'fingerprint', 'fingerprint256', 'fingerprint512', 'keyUsage', 'serialNumber']) fields[k] = this[k];
      const body = typeof inspect === 'function' ? inspect(fields, options) : JSON.stringify(fields);
      return `X509Certificate ${body}`;
    }
  }

  function invalidCert(value) {
    throw invalidArgType('otherCert', 'an instance of X509Certificate', value);
  }

  // Curves: SPKI parameter OID → [OpenSSL's name, NIST's name, bits].
  const CURVES = {
    '1.2.840.10045.3.1.7': ['prime256v1', 'P-256', 256],
    '1.3.132.0.34': ['secp384r1', 'P-384', 384],
    '1.3.132.0.35': ['secp521r1', 'P-521', 521],
    '1.3.132.0.10': ['secp256k1', undefined, 256],
  };

  /** The legacy object's facts of the public key: RSA's modulus, bits, exponent and SPKI; an
   * elliptic curve's bits, point and curve names. */
  function publicKeyFacts(info) {
    const der = info.spki;
    const [alg, key] = children(der, element(der, 0));
    const [algOid, params] = children(der, alg);
    const oid = oidOf(der, algOid);
    const point = bytesOf(der, key).subarray(1);
    if (oid === '1.2.840.113549.1.1.1') {
      const [n, e] = children(point, element(point, 0));
      let modulus = bytesOf(point, n);
      while (modulus.length > 1 && modulus[0] === 0) modulus = modulus.subarray(1);
      const exponent = Array.from(bytesOf(point, e)).reduce((v, b) => v * 256 + b, 0);
      return { modulus: HEX(modulus), bits: modulus.length * 8 - Math.clz32(modulus[0]) + 24, exponent: `0x${exponent.toString(16)}`, pubkey: B().from(der) };
    }
    if (oid === '1.2.840.10045.2.1' && params !== undefined && params.tag === OID) {
      const curve = CURVES[oidOf(der, params)];
      const facts = { bits: curve ? curve[2] : undefined, pubkey: B().from(point) };
      if (curve) {
        facts.asn1Curve = curve[0];
        if (curve[1] !== undefined) facts.nistCurve = curve[1];
      }
      return facts;
    }
    return {};
  }

  for (const key of Object.getOwnPropertyNames(X509Certificate.prototype)) {
    if (key === 'constructor') continue;
    const desc = Object.getOwnPropertyDescriptor(X509Certificate.prototype, key);
    desc.enumerable = false;
    Object.defineProperty(X509Certificate.prototype, key, desc);
  }

  internal.X509Certificate = X509Certificate;
})();
