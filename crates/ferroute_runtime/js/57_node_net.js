// node:net, node:tls and node:dns: client sockets as Duplex streams over the natives of
// src/node_net.rs (what pg, postgres.js, node-redis and mysql2 use), STARTTLS on an open
// socket, and name look-ups. Servers are refused: a route handler does not listen.
(() => {
  'use strict';
  const internal = globalThis[Symbol.for('ferroute.internal')];
  const native = internal.native;
  const builtin = internal.builtin;
  const { Duplex } = builtin('stream');
  const { Buffer } = builtin('buffer');
  const EventEmitter = builtin('events');

  function unsupported(name, why) {
    return function () {
      const err = new Error(`${name}() is not available in ferroute: ${why} (see docs/compat.md)`);
      err.code = 'ERR_FERROUTE_UNSUPPORTED';
      throw err;
    };
  }

  const invalidArg = internal.nodeErrors.invalidArgType;

  // ------------------------------------------------------------------ addresses
  const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
  function isIPv4(s) { return IPV4.test(String(s)); }
  function isIPv6(s) {
    s = String(s);
    if (!s.includes(':') || !/^[0-9a-fA-F:.]+(%.+)?$/.test(s)) return false;
    try {
      new URL(`http://[${s.replace(/%.*$/, '')}]/`);
      return true;
    } catch {
      return false;
    }
  }
  function isIP(s) { return isIPv4(s) ? 4 : isIPv6(s) ? 6 : 0; }

  /** `[options, callback]` from Node's connect overloads: (options[, cb]), (port[, host][, cb]), (path[, cb]). */
  function normalizeConnectArgs(args) {
    let options = {};
    let cb;
    if (args.length > 0 && typeof args[args.length - 1] === 'function') cb = args[args.length - 1];
    const [a, b] = args;
    if (a !== null && typeof a === 'object') options = { ...a };
    else if (typeof a === 'string' && !/^\d+$/.test(a)) options = { path: a };
    else {
      options = { port: a };
      if (typeof b === 'string') options.host = b;
    }
    return [options, cb];
  }

  // ------------------------------------------------------------------ Socket
  class Socket extends Duplex {
    constructor(options = {}) {
      super({
        allowHalfOpen: !!options.allowHalfOpen,
        decodeStrings: true,
        emitClose: true,
        autoDestroy: true,
        highWaterMark: options.highWaterMark,
      });
      this._id = 0;
      this._connected = null; // promise settled when connected
      this._reading = false;
      this._wantRead = false;
      this._detached = false;
      this._timeoutMs = 0;
      this._timer = null;
      this.connecting = false;
      this.bytesRead = 0;
      this._bytesWritten = 0;
      this.remoteAddress = undefined;
      this.remotePort = undefined;
      this.remoteFamily = undefined;
      this.localAddress = undefined;
      this.localPort = undefined;
      this._tls = null;
      if (options.timeout) this.setTimeout(options.timeout);
    }

    get bytesWritten() { return this._bytesWritten; }
    get pending() { return !this._id; }
    get readyState() {
      if (this.connecting) return 'opening';
      if (!this._id) return 'closed';
      if (this.readable && this.writable) return 'open';
      if (this.readable) return 'readOnly';
      if (this.writable) return 'writeOnly';
      return 'closed';
    }

    connect(...args) {
      const [options, cb] = normalizeConnectArgs(args);
      if (options.path !== undefined) {
        this.destroy(Object.assign(new Error('connecting to a Unix socket is not available in ferroute'), { code: 'ERR_FERROUTE_UNSUPPORTED' }));
        return this;
      }
      const port = Number(options.port);
      if (!Number.isInteger(port) || port < 0 || port > 65535) {
        const err = new RangeError(`Port should be >= 0 and < 65536. Received ${options.port}.`);
        err.code = 'ERR_SOCKET_BAD_PORT';
        throw err;
      }
      const host = options.host || 'localhost';
      if (cb) this.once(this._tls ? 'secureConnect' : 'connect', cb);
      this.connecting = true;
      const tls = this._tls;
      const opts = tls
        ? { tls: true, servername: tls.servername || (isIP(host) ? '' : host), rejectUnauthorized: tls.rejectUnauthorized !== false, alpn: tls.ALPNProtocols || [], timeout: options.timeout }
        : { timeout: options.timeout };
      this._connected = native.netConnect(host, port, opts).then(
        (info) => this._attach(info, host),
        (err) => {
          this.connecting = false;
          this.destroy(err);
          throw err;
        },
      );
      this._connected.catch(() => {});
      return this;
    }

    _attach(info, host) {
      this.connecting = false;
      if (this.destroyed) {
        native.netClose(info[0]);
        return;
      }
      this._id = info[0];
      this.localAddress = info[1];
      this.localPort = info[2];
      this.remoteAddress = info[3];
      this.remotePort = info[4];
      this.remoteFamily = info[5];
      this._host = host;
      this._touch();
      if (this._tls) {
        this.alpnProtocol = info[6] || false;
        this._protocol = info[7] || null;
        this._cipher = info[8] || null;
        this._peerCerts = info[9] || [];
        // Verified by us when rejectUnauthorized is on; unknown (so false) when it is off.
        this.authorized = this._tls.rejectUnauthorized !== false;
        // A `checkServerIdentity` of the caller's (certificate pinning) has the last word, as
        // in Node; the host name itself was checked natively.
        const check = this._tls.checkServerIdentity;
        if (typeof check === 'function' && this.authorized) {
          const err = check(this.servername || host, this.getPeerCertificate(true));
          if (err instanceof Error) {
            this.connecting = false;
            this.destroy(err);
            return;
          }
        }
      }
      this.emit('connect');
      this.emit('ready');
      if (this._tls) this.emit('secureConnect');
      if (this._wantRead) this._read();
    }

    _read() {
      if (this._detached) return;
      if (!this._id) {
        this._wantRead = true;
        return;
      }
      if (this._reading) return;
      this._reading = true;
      native.netRead(this._id).then(
        (chunk) => {
          this._reading = false;
          if (chunk === undefined || this._detached) return; // handed over to TLS
          if (chunk === null) {
            this.push(null);
            return;
          }
          this.bytesRead += chunk.length;
          this._touch();
          if (this.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.length))) this._read();
        },
        (err) => {
          this._reading = false;
          this.destroy(err);
        },
      );
    }

    _write(chunk, _encoding, cb) {
      const send = () => {
        if (!this._id) return cb(Object.assign(new Error('This socket has been ended by the other party'), { code: 'EPIPE' }));
        native.netWrite(this._id, chunk).then(() => {
          this._bytesWritten += chunk.length;
          this._touch();
          cb();
        }, cb);
      };
      if (this.connecting || (!this._id && this._connected)) this._connected.then(send, (e) => cb(e));
      else send();
    }

    _final(cb) {
      const end = () => {
        if (!this._id) return cb();
        native.netShutdown(this._id).then(() => cb(), cb);
      };
      if (this.connecting) this._connected.then(end, () => cb());
      else end();
    }

    _destroy(err, cb) {
      this._clearTimer();
      if (this._id && !this._detached) native.netClose(this._id);
      this._id = 0;
      this.connecting = false;
      cb(err);
    }

    // Idle timeout: 'timeout' after `ms` without reads or writes; the socket stays open.
    setTimeout(ms, cb) {
      this._timeoutMs = ms;
      if (cb) {
        if (ms === 0) this.removeListener('timeout', cb);
        else this.once('timeout', cb);
      }
      this._touch();
      return this;
    }

    _touch() {
      this._clearTimer();
      if (this._timeoutMs > 0 && !this.destroyed) {
        this._timer = setTimeout(() => {
          this._timer = null;
          this.emit('timeout');
        }, this._timeoutMs);
      }
    }

    _clearTimer() {
      if (this._timer !== null) {
        clearTimeout(this._timer);
        this._timer = null;
      }
    }

    setNoDelay() { return this; }
    setKeepAlive() { return this; }
    ref() { return this; }
    unref() { return this; }
    address() {
      return this.localAddress === undefined ? {} : { address: this.localAddress, family: this.remoteFamily, port: this.localPort };
    }
    resetAndDestroy() { return this.destroy(); }
  }

  function connect(...args) {
    const [options] = normalizeConnectArgs(args);
    const socket = new Socket(options);
    if (options.timeout) socket.setTimeout(options.timeout);
    return socket.connect(...args);
  }

  // ------------------------------------------------------------------ tls
  /** Whether host labels `host` fit certificate name `pattern`: equal, or a `*` in the first
   * label of a name of three labels or more (as `w*` or `*x`, never in an A-label). */
  function hostFits(host, pattern) {
    if (typeof pattern !== 'string' || pattern === '') return false;
    const parts = pattern.toLowerCase().split('.');
    if (parts.length !== host.length || parts.includes('')) return false;
    for (let i = parts.length - 1; i > 0; i--) if (parts[i] !== host[i]) return false;
    const first = parts[0];
    const stars = first.split('*');
    if (stars.length === 1 || first.includes('xn--')) return host[0] === first;
    if (stars.length > 2 || parts.length <= 2) return false;
    const [prefix, suffix] = stars;
    return prefix.length + suffix.length <= host[0].length && host[0].startsWith(prefix) && host[0].endsWith(suffix);
  }

  /** The names of a legacy `subjectaltname` text of one kind (`DNS:`, `IP Address:`), with
   * quoted names unquoted. */
  function altNamesOf(text, kind) {
    const out = [];
    for (const m of String(text).matchAll(/(?:^|, )([A-Za-z ]+):("(?:[^"\\]|\\.)*"|[^,]*)/g)) {
      if (m[1] !== kind) continue;
      out.push(m[2].startsWith('"') ? JSON.parse(m[2]) : m[2]);
    }
    return out;
  }

  /** An IP address as Node writes it (libuv's `inet_ntop`): the longest run of two or more
   * zero groups as `::`, lowercase hex, and an IPv4 address carried as `::ffff:a.b.c.d` or
   * `::a.b.c.d` dotted; so that two spellings of one address compare equal and the error
   * lists the certificate's addresses as Node does. */
  function canonicalIP(ip) {
    if (isIPv4(ip)) return ip;
    const text = String(ip);
    const zone = text.indexOf('%');
    const b = internal.ipBytes(zone < 0 ? text : text.slice(0, zone));
    if (b === undefined || b.length !== 16) return text;
    const w = [];
    for (let i = 0; i < 16; i += 2) w.push((b[i] << 8) | b[i + 1]);
    let best = -1;
    let bestLen = 0;
    for (let i = 0; i < 8;) {
      if (w[i] !== 0) {
        i++;
        continue;
      }
      let j = i;
      while (j < 8 && w[j] === 0) j++;
      if (j - i > bestLen) {
        best = i;
        bestLen = j - i;
      }
      i = j;
    }
    if (bestLen < 2) best = -1;
    let out = '';
    for (let i = 0; i < 8; i++) {
      if (best !== -1 && i >= best && i < best + bestLen) {
        if (i === best) out += ':';
        continue;
      }
      if (i !== 0) out += ':';
      if (i === 6 && best === 0 && (bestLen === 6 || (bestLen === 5 && w[5] === 0xffff))) {
        return `${out}${w[6] >> 8}.${w[6] & 255}.${w[7] >> 8}.${w[7] & 255}`;
      }
      out += w[i].toString(16);
    }
    return best !== -1 && best + bestLen === 8 ? `${out}:` : out;
  }

  /** Node's `tls.checkServerIdentity(hostname, cert)`: undefined when the certificate's names
   * (its DNS or IP alt names, else its subject's CN) cover the host, else the Error. */
  function checkServerIdentity(hostname, cert) {
    const altNames = cert && cert.subjectaltname;
    const subject = cert && cert.subject;
    const dnsNames = altNames ? altNamesOf(altNames, 'DNS') : [];
    const ips = altNames ? altNamesOf(altNames, 'IP Address').map(canonicalIP) : [];
    let host = `${hostname}`;
    if (host.endsWith('.')) host = host.slice(0, -1);
    let valid = false;
    let reason;
    if (isIP(host)) {
      valid = ips.includes(canonicalIP(host));
      if (!valid) reason = `IP: ${host} is not in the cert's list: ${ips.join(', ')}`;
    } else if (dnsNames.length > 0 || (subject && subject.CN)) {
      const labels = host.toLowerCase().split('.');
      if (dnsNames.length > 0) {
        valid = dnsNames.some((name) => hostFits(labels, name));
        if (!valid) reason = `Host: ${host}. is not in the cert's altnames: ${altNames}`;
      } else {
        const cn = subject.CN;
        valid = Array.isArray(cn) ? cn.some((name) => hostFits(labels, name)) : hostFits(labels, cn);
        if (!valid) reason = `Host: ${host}. is not cert's CN: ${cn}`;
      }
    } else {
      reason = 'Cert does not contain a DNS name';
    }
    if (valid) return undefined;
    const err = new Error(`Hostname/IP does not match certificate's altnames: ${reason}`);
    err.code = 'ERR_TLS_CERT_ALTNAME_INVALID';
    err.reason = reason;
    err.host = host;
    err.cert = cert;
    return err;
  }

  class TLSSocket extends Socket {
    constructor(socket, options = {}) {
      super(options);
      this._tls = options;
      this.encrypted = true;
      this.authorized = false;
      this.authorizationError = null;
      this.alpnProtocol = false;
      this.servername = options.servername;
      if (socket instanceof Socket) this._wrap(socket, options);
    }

    /** STARTTLS: takes over the open socket `socket` and upgrades it. */
    _wrap(socket, options) {
      this.connecting = true;
      const start = () => {
        socket._detached = true;
        const id = socket._id;
        const host = options.servername || options.host || socket._host || 'localhost';
        return native.netUpgrade(id, isIP(host) ? '' : host, options.rejectUnauthorized !== false, options.ALPNProtocols || []).then(([alpn, version, cipher, certs]) => {
          this._attach([id, socket.localAddress, socket.localPort, socket.remoteAddress, socket.remotePort, socket.remoteFamily, alpn, version, cipher, certs], host);
        });
      };
      this._connected = (socket.connecting ? socket._connected.then(start) : start()).catch((err) => {
        this.connecting = false;
        this.destroy(err);
        throw err;
      });
      this._connected.catch(() => {});
      // The plain socket is done: its reads and writes now belong to this one.
      socket.once('close', () => {});
    }

    /** The peer's certificate as Node reports it (X509Certificate's legacy object), `{}` when
     * it sent none; `detailed` links each to the next the peer sent as `issuerCertificate` (a
     * self-issued one to itself). */
    getPeerCertificate(detailed) {
      const certs = this._peerCerts;
      if (certs === undefined || certs.length === 0) return {};
      const { X509Certificate } = internal.builtin('crypto');
      const objects = certs.map((der) => new X509Certificate(der));
      const legacy = objects.map((c) => c.toLegacyObject());
      if (detailed) {
        for (let i = 0; i < legacy.length; i++) {
          if (i + 1 < legacy.length) legacy[i].issuerCertificate = legacy[i + 1];
          else if (objects[i].checkIssued(objects[i])) legacy[i].issuerCertificate = legacy[i];
        }
      }
      return legacy[0];
    }
    getCipher() {
      return this._cipher ? { name: this._cipher, standardName: this._cipher, version: this._protocol } : undefined;
    }
    getProtocol() { return this._protocol || null; }
    getSession() { return undefined; }
    isSessionReused() { return false; }
    setServername(name) { this.servername = name; }
  }

  function tlsConnect(...args) {
    const [options, cb] = normalizeConnectArgs(args);
    if (options.socket) {
      const s = new TLSSocket(options.socket, options);
      if (cb) s.once('secureConnect', cb);
      return s;
    }
    const s = new TLSSocket(null, options);
    if (options.timeout) s.setTimeout(options.timeout);
    return s.connect({ ...options, port: options.port === undefined ? 443 : options.port }, cb);
  }

  // ------------------------------------------------------------------ dns
  function lookupAll(hostname, family) {
    if (isIP(hostname)) return Promise.resolve([[hostname, isIP(hostname)]]);
    return native.dnsLookup(hostname, family);
  }

  function lookup(hostname, options, cb) {
    if (typeof options === 'function') {
      cb = options;
      options = {};
    }
    if (typeof cb !== 'function') throw invalidArg('callback', 'of type function', cb);
    const opts = typeof options === 'number' ? { family: options } : options || {};
    const family = opts.family === 'IPv4' ? 4 : opts.family === 'IPv6' ? 6 : opts.family | 0;
    lookupAll(String(hostname), family).then(
      (list) => {
        if (opts.all) cb(null, list.map(([address, f]) => ({ address, family: f })));
        else cb(null, list[0][0], list[0][1]);
      },
      (err) => cb(err),
    );
    return {};
  }

  const dnsPromises = {
    lookup(hostname, options = {}) {
      const opts = typeof options === 'number' ? { family: options } : options;
      const family = opts.family === 'IPv4' ? 4 : opts.family === 'IPv6' ? 6 : opts.family | 0;
      return lookupAll(String(hostname), family).then((list) => (opts.all
        ? list.map(([address, f]) => ({ address, family: f }))
        : { address: list[0][0], family: list[0][1] }));
    },
  };
  const why = 'only address look-ups (dns.lookup) are available';
  const resolvers = ['resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCname', 'resolveCaa', 'resolveMx', 'resolveNaptr', 'resolveNs', 'resolvePtr', 'resolveSoa', 'resolveSrv', 'resolveTxt', 'reverse', 'lookupService'];
  const dns = { lookup, promises: dnsPromises };
  for (const n of resolvers) {
    dns[n] = unsupported(`dns.${n}`, why);
    dnsPromises[n] = unsupported(`dns.promises.${n}`, why);
  }
  class Resolver {
    getServers() { return []; }
    setServers() {}
    cancel() {}
  }
  Resolver.prototype.lookup = lookup;
  for (const n of resolvers) Resolver.prototype[n] = dns[n];
  dns.Resolver = Resolver;
  dnsPromises.Resolver = Resolver;
  for (const target of [dns, dnsPromises]) {
    target.setDefaultResultOrder = () => {};
    target.getDefaultResultOrder = () => 'verbatim';
    target.setServers = () => {};
    target.getServers = () => [];
  }
  Object.assign(dns, {
    ADDRCONFIG: 1024, V4MAPPED: 2048, ALL: 256,
    NODATA: 'ENODATA', FORMERR: 'EFORMERR', SERVFAIL: 'ESERVFAIL', NOTFOUND: 'ENOTFOUND', NOTIMP: 'ENOTIMP',
    REFUSED: 'EREFUSED', BADQUERY: 'EBADQUERY', BADNAME: 'EBADNAME', CONNREFUSED: 'ECONNREFUSED', TIMEOUT: 'ETIMEOUT',
  });

  // ------------------------------------------------------------------ modules
  const serverWhy = 'a route handler does not listen for connections';
  class Server extends EventEmitter {
    constructor() {
      super();
      unsupported('net.Server', serverWhy)();
    }
  }
  const net = {
    Socket,
    Stream: Socket,
    connect,
    createConnection: connect,
    createServer: unsupported('net.createServer', serverWhy),
    Server,
    isIP,
    isIPv4,
    isIPv6,
    getDefaultAutoSelectFamily: () => true,
    setDefaultAutoSelectFamily: () => {},
    getDefaultAutoSelectFamilyAttemptTimeout: () => 250,
    setDefaultAutoSelectFamilyAttemptTimeout: () => {},
    BlockList: unsupported('net.BlockList', 'not implemented'),
    SocketAddress: unsupported('net.SocketAddress', 'not implemented'),
  };
  const tls = {
    TLSSocket,
    connect: tlsConnect,
    createServer: unsupported('tls.createServer', serverWhy),
    Server,
    createSecureContext: (options) => ({ context: {}, options }),
    checkServerIdentity,
    getCiphers: () => ['tls_aes_128_gcm_sha256', 'tls_aes_256_gcm_sha384', 'tls_chacha20_poly1305_sha256'],
    rootCertificates: [],
    DEFAULT_MIN_VERSION: 'TLSv1.2',
    DEFAULT_MAX_VERSION: 'TLSv1.3',
    DEFAULT_ECDH_CURVE: 'auto',
    DEFAULT_CIPHERS: 'TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:TLS_AES_128_GCM_SHA256',
    SecureContext: function SecureContext() {},
  };
  internal.modules['node:net'] = net;
  internal.modules['node:tls'] = tls;
  internal.modules['node:dns'] = dns;
  internal.modules['node:dns/promises'] = dnsPromises;
})();
