// The WHATWG `WebSocket` client (and `CloseEvent`), as Node 22's global: the opening
// handshake over node:net / node:tls sockets (57_node_net.js), RFC 6455 framing (masked
// client frames, fragmented messages, ping/pong, the closing handshake), text validated as
// UTF-8. No extensions are negotiated. Loaded on first use of the globals that
// 08_websocket_global.js defines; it sets `internal.websocket = { WebSocket, CloseEvent }`.
(() => {
  'use strict';
  const internal = globalThis[Symbol.for('ferroute.internal')];
  const builtin = internal.builtin;
  const { Buffer } = builtin('buffer');

  const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
  const CONNECTING = 0;
  const OPEN = 1;
  const CLOSING = 2;
  const CLOSED = 3;
  // Opcodes.
  const CONTINUATION = 0x0;
  const TEXT = 0x1;
  const BINARY = 0x2;
  const CLOSE = 0x8;
  const PING = 0x9;
  const PONG = 0xa;
  /** How long the client waits for the server to close TCP after the closing handshake. */
  const CLOSE_TIMEOUT_MS = 5000;
  /** Largest message accepted (the engine's heap is limited); larger fails with 1009. */
  const MAX_MESSAGE = 256 * 1024 * 1024;

  const encoder = new TextEncoder();
  // Messages are "UTF-8 decode"d (a leading BOM is dropped); close reasons keep it.
  const decodeUtf8 = (bytes) => new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  const decodeUtf8WithBom = (bytes) => new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  const latin1 = internal.latin1;

  // RFC 7230 token characters (a subprotocol name must be one).
  const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

  const syntaxError = (message) => new DOMException(message, 'SyntaxError');

  // ------------------------------------------------------------------ events
  class CloseEvent extends Event {
    #wasClean;
    #code;
    #reason;
    constructor(type, init = {}) {
      if (arguments.length === 0) throw new TypeError("Failed to construct 'CloseEvent': 1 argument required, but only 0 present.");
      super(type, init);
      init = init === null || init === undefined ? {} : init;
      this.#wasClean = init.wasClean === undefined ? false : !!init.wasClean;
      const code = init.code === undefined ? 0 : Number(init.code);
      this.#code = Number.isFinite(code) ? ((Math.trunc(code) % 65536) + 65536) % 65536 : 0;
      this.#reason = init.reason === undefined ? '' : String(init.reason);
    }
    get wasClean() { return this.#wasClean; }
    get code() { return this.#code; }
    get reason() { return this.#reason; }
    get [Symbol.toStringTag]() { return 'CloseEvent'; }
  }

  /** The 'error' event: a plain Event, with undici's `message` and `error` for diagnostics. */
  class ErrorEvent extends Event {
    #message;
    #error;
    constructor(type, init = {}) {
      super(type, init);
      this.#message = init.message === undefined ? '' : String(init.message);
      this.#error = init.error;
    }
    get message() { return this.#message; }
    get error() { return this.#error; }
  }

  const MessageEventImpl = globalThis.MessageEvent;

  // ------------------------------------------------------------------ frames
  /** One masked client frame (FIN set) of `opcode` carrying `payload` (Uint8Array). */
  function encodeFrame(opcode, payload) {
    const len = payload.length;
    const ext = len < 126 ? 0 : len < 65536 ? 2 : 8;
    const frame = Buffer.allocUnsafe(2 + ext + 4 + len);
    frame[0] = 0x80 | opcode;
    if (ext === 0) {
      frame[1] = 0x80 | len;
    } else if (ext === 2) {
      frame[1] = 0x80 | 126;
      frame[2] = len >>> 8;
      frame[3] = len & 0xff;
    } else {
      frame[1] = 0x80 | 127;
      const hi = Math.floor(len / 0x100000000);
      const lo = len >>> 0;
      frame[2] = 0; frame[3] = 0; frame[4] = (hi >>> 8) & 0xff; frame[5] = hi & 0xff;
      frame[6] = lo >>> 24; frame[7] = (lo >>> 16) & 0xff; frame[8] = (lo >>> 8) & 0xff; frame[9] = lo & 0xff;
    }
    const at = 2 + ext;
    const mask = crypto.getRandomValues(new Uint8Array(4));
    frame[at] = mask[0]; frame[at + 1] = mask[1]; frame[at + 2] = mask[2]; frame[at + 3] = mask[3];
    const start = at + 4;
    for (let i = 0; i < len; i++) frame[start + i] = payload[i] ^ mask[i & 3];
    return frame;
  }

  /** The payload of a Close frame: no body without a code, else the code and the UTF-8 reason. */
  function closePayload(code, reasonBytes) {
    if (code === undefined) return new Uint8Array(0);
    const p = new Uint8Array(2 + reasonBytes.length);
    p[0] = code >>> 8;
    p[1] = code & 0xff;
    p.set(reasonBytes, 2);
    return p;
  }

  /** Close codes a peer may send (RFC 6455 7.4; 1004–1006 and 1015 are never on the wire). */
  const validReceivedCode = (code) =>
    (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);

  /** Bytes queued by the parser: chunks in arrival order, read without copying until needed. */
  class ByteQueue {
    constructor() {
      this.chunks = [];
      this.length = 0;
    }
    push(chunk) {
      if (chunk.length === 0) return;
      this.chunks.push(chunk);
      this.length += chunk.length;
    }
    /** Byte `i` from the front, without consuming. */
    at(i) {
      for (const c of this.chunks) {
        if (i < c.length) return c[i];
        i -= c.length;
      }
      return undefined;
    }
    /** Removes and returns the first `n` bytes (a copy when they span chunks). */
    take(n) {
      this.length -= n;
      const first = this.chunks[0];
      if (first.length === n) {
        this.chunks.shift();
        return first;
      }
      if (first.length > n) {
        this.chunks[0] = first.subarray(n);
        return first.subarray(0, n);
      }
      const out = new Uint8Array(n);
      let at = 0;
      while (at < n) {
        const c = this.chunks[0];
        const want = n - at;
        if (c.length <= want) {
          out.set(c, at);
          at += c.length;
          this.chunks.shift();
        } else {
          out.set(c.subarray(0, want), at);
          this.chunks[0] = c.subarray(want);
          at += want;
        }
      }
      return out;
    }
  }

  const concatBytes = (parts, total) => {
    if (parts.length === 1) return parts[0];
    const out = new Uint8Array(total);
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  };

  // ------------------------------------------------------------------ WebSocket
  const kState = Symbol('websocket');

  function parseUrl(url) {
    let u;
    try {
      u = new URL(String(url));
    } catch (e) {
      throw syntaxError(`Failed to construct 'WebSocket': The URL '${url}' is invalid.`);
    }
    if (u.protocol === 'http:') u = new URL(`ws:${u.href.slice(5)}`);
    else if (u.protocol === 'https:') u = new URL(`wss:${u.href.slice(6)}`);
    if (u.protocol !== 'ws:' && u.protocol !== 'wss:') {
      throw syntaxError(`Failed to construct 'WebSocket': The URL's scheme must be either 'http', 'https', 'ws', or 'wss'. '${u.protocol.slice(0, -1)}' is not allowed.`);
    }
    if (u.hash !== '' || u.href.endsWith('#')) {
      throw syntaxError(`Failed to construct 'WebSocket': The URL contains a fragment identifier ('${u.hash}'). Fragment identifiers are not allowed in WebSocket URLs.`);
    }
    return u;
  }

  function parseProtocols(protocols) {
    let list;
    if (protocols === undefined) list = [];
    else if (typeof protocols === 'string') list = [protocols];
    else if (protocols !== null && (typeof protocols === 'object' || typeof protocols === 'function')) {
      if (typeof protocols[Symbol.iterator] === 'function') list = Array.from(protocols, String);
      // undici's WebSocketInit dictionary: { protocols }.
      else return parseProtocols(protocols.protocols);
    } else list = [String(protocols)];
    const seen = new Set();
    for (const p of list) {
      if (!TOKEN.test(p)) throw syntaxError(`Failed to construct 'WebSocket': The subprotocol '${p}' is invalid.`);
      const lower = p.toLowerCase();
      if (seen.has(lower)) throw syntaxError(`Failed to construct 'WebSocket': The subprotocol '${p}' is duplicated.`);
      seen.add(lower);
    }
    return list;
  }

  /** WebIDL `[Clamp] unsigned short`: NaN is 0, clamped to 0..65535, halves round to even. */
  function clampUnsignedShort(value) {
    let n = Number(value);
    if (Number.isNaN(n)) return 0;
    n = Math.min(Math.max(n, 0), 65535);
    const f = Math.floor(n);
    const d = n - f;
    return d > 0.5 || (d === 0.5 && f % 2 === 1) ? f + 1 : f;
  }

  const isBlob = (v) => internal.loaded.blob && v instanceof Blob;

  class WebSocket extends EventTarget {
    constructor(url, protocols) {
      super();
      if (arguments.length === 0) throw new TypeError("Failed to construct 'WebSocket': 1 argument required, but only 0 present.");
      const u = parseUrl(url);
      const list = parseProtocols(protocols);
      const secure = u.protocol === 'wss:';
      const st = {
        url: u.href,
        origin: `${u.protocol}//${u.host}`,
        protocols: list,
        readyState: CONNECTING,
        binaryType: 'blob',
        bufferedAmount: 0,
        protocol: '',
        socket: null,
        key: '',
        head: null, // bytes of the handshake response read so far, until it is complete
        bytes: new ByteQueue(),
        fragments: null, // { opcode, parts, length } of a message in progress
        queue: [], // outgoing frames in order: { frame, size, close? }; a Blob's has no frame until read
        sentClose: false,
        closeQueued: false,
        receivedClose: null, // { code, reason }
        failed: false,
        failMessage: '',
        finished: false,
        closeTimer: null,
      };
      this[kState] = st;
      this.#connect(u, secure);
    }

    #connect(u, secure) {
      const st = this[kState];
      const host = u.hostname.startsWith('[') ? u.hostname.slice(1, -1) : u.hostname;
      const port = u.port === '' ? (secure ? 443 : 80) : Number(u.port);
      const keyBytes = crypto.getRandomValues(new Uint8Array(16));
      st.key = Buffer.from(keyBytes).toString('base64');
      const net = builtin(secure ? 'tls' : 'net');
      // SNI names the host unless it is an IP address (RFC 6066).
      const options = secure
        ? { host, port, servername: builtin('net').isIP(host) ? undefined : host, ALPNProtocols: ['http/1.1'] }
        : { host, port };
      let socket;
      try {
        socket = net.connect(options);
      } catch (err) {
        // Bad port or the like: the connection fails, as a network error would.
        queueMicrotask(() => {
          this.#fail(err && err.message ? err.message : String(err));
          this.#finish();
        });
        return;
      }
      st.socket = socket;
      const request = [
        `GET ${u.pathname || '/'}${u.search} HTTP/1.1`,
        `Host: ${u.host}`,
        'Upgrade: websocket',
        'Connection: Upgrade',
        `Sec-WebSocket-Key: ${st.key}`,
        'Sec-WebSocket-Version: 13',
      ];
      if (st.protocols.length > 0) request.push(`Sec-WebSocket-Protocol: ${st.protocols.join(', ')}`);
      request.push('', '');
      socket.once(secure ? 'secureConnect' : 'connect', () => {
        if (st.failed || st.finished) return;
        socket.write(request.join('\r\n'));
      });
      socket.on('data', (chunk) => this.#onData(chunk));
      socket.on('error', (err) => {
        if (!st.failed && !st.finished && st.readyState !== CLOSED) {
          st.failed = true;
          st.failMessage = err && err.message ? err.message : 'network error';
        }
      });
      socket.on('close', () => this.#finish());
    }

    // ---------------------------------------------------------------- reading
    #onData(chunk) {
      const st = this[kState];
      if (st.failed || st.finished || st.receivedClose !== null) return;
      const bytes = new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length);
      if (st.readyState === CONNECTING) {
        st.head = st.head === null ? bytes : concatBytes([st.head, bytes], st.head.length + bytes.length);
        const end = findHeadEnd(st.head);
        if (end < 0) {
          if (st.head.length > 64 * 1024) this.#fail('The handshake response is too large.');
          return;
        }
        const head = st.head;
        st.head = null;
        if (!this.#handshake(latin1(head.subarray(0, end)))) return;
        st.bytes.push(head.subarray(end + 4));
      } else {
        st.bytes.push(bytes);
      }
      this.#parse();
    }

    /** Validates the handshake response (RFC 6455 4.1); opens the connection when it is good. */
    #handshake(text) {
      const st = this[kState];
      const lines = text.split('\r\n');
      const status = /^HTTP\/1\.[01] (\d{3})(?: |$)/.exec(lines[0]);
      if (status === null || status[1] !== '101') {
        this.#fail(`Received network error or non-101 status code${status ? ` (${status[1]})` : ''}.`);
        return false;
      }
      const headers = new Map();
      for (let i = 1; i < lines.length; i++) {
        const colon = lines[i].indexOf(':');
        if (colon <= 0) continue;
        const name = lines[i].slice(0, colon).trim().toLowerCase();
        const value = lines[i].slice(colon + 1).trim();
        headers.set(name, headers.has(name) ? `${headers.get(name)}, ${value}` : value);
      }
      if ((headers.get('upgrade') || '').toLowerCase() !== 'websocket') {
        this.#fail('Server did not set Upgrade header to "websocket".');
        return false;
      }
      const connection = (headers.get('connection') || '').split(',').map((t) => t.trim().toLowerCase());
      if (!connection.includes('upgrade')) {
        this.#fail('Server did not set Connection header to "upgrade".');
        return false;
      }
      const expected = builtin('crypto').createHash('sha1').update(st.key + GUID).digest('base64');
      if (headers.get('sec-websocket-accept') !== expected) {
        this.#fail('Incorrect hash received in Sec-WebSocket-Accept header.');
        return false;
      }
      const extensions = headers.get('sec-websocket-extensions');
      if (extensions !== undefined && extensions !== '') {
        this.#fail('Received a Sec-WebSocket-Extensions header, but no extension was requested.');
        return false;
      }
      const protocol = headers.get('sec-websocket-protocol');
      if (protocol !== undefined && !st.protocols.includes(protocol)) {
        this.#fail('Protocol was not set in the opening handshake.');
        return false;
      }
      st.protocol = protocol || '';
      st.readyState = OPEN;
      this.dispatchEvent(new Event('open'));
      return true;
    }

    /** Reads every complete frame in the buffer. */
    #parse() {
      const st = this[kState];
      const q = st.bytes;
      while (!st.failed && !st.finished && q.length >= 2) {
        const b0 = q.at(0);
        const b1 = q.at(1);
        const fin = (b0 & 0x80) !== 0;
        const opcode = b0 & 0x0f;
        let len = b1 & 0x7f;
        let headLen = 2;
        if ((b0 & 0x70) !== 0) return this.#fail('RSV1, RSV2, RSV3 must be clear.', 1002);
        if ((b1 & 0x80) !== 0) return this.#fail('Frame cannot be masked.', 1002);
        const control = opcode >= 0x8;
        if (control) {
          if (opcode !== CLOSE && opcode !== PING && opcode !== PONG) return this.#fail(`Invalid opcode ${opcode}.`, 1002);
          if (!fin) return this.#fail('Fragmented control frame.', 1002);
          if (len > 125) return this.#fail('Control frame payload is too large.', 1002);
        } else if (opcode === CONTINUATION) {
          if (st.fragments === null) return this.#fail('Unexpected continuation frame.', 1002);
        } else if (opcode === TEXT || opcode === BINARY) {
          if (st.fragments !== null) return this.#fail('Expected a continuation frame.', 1002);
        } else {
          return this.#fail(`Invalid opcode ${opcode}.`, 1002);
        }
        if (len === 126) {
          if (q.length < 4) return;
          len = (q.at(2) << 8) | q.at(3);
          headLen = 4;
        } else if (len === 127) {
          if (q.length < 10) return;
          if (q.at(2) & 0x80) return this.#fail('Payload length has the most significant bit set.', 1002);
          let hi = 0;
          for (let i = 2; i < 6; i++) hi = hi * 256 + q.at(i);
          let lo = 0;
          for (let i = 6; i < 10; i++) lo = lo * 256 + q.at(i);
          len = hi * 0x100000000 + lo;
          headLen = 10;
        }
        const total = len + (st.fragments === null || control ? 0 : st.fragments.length);
        if (total > MAX_MESSAGE) return this.#fail('Message is too large.', 1009);
        if (q.length < headLen + len) return;
        q.take(headLen);
        const payload = len === 0 ? new Uint8Array(0) : q.take(len);
        if (control) {
          this.#onControl(opcode, payload);
          continue;
        }
        if (opcode !== CONTINUATION) st.fragments = { opcode, parts: [], length: 0 };
        const f = st.fragments;
        if (payload.length > 0) {
          f.parts.push(payload);
          f.length += payload.length;
        }
        if (fin) {
          st.fragments = null;
          this.#onMessage(f.opcode, concatBytes(f.parts.length === 0 ? [new Uint8Array(0)] : f.parts, f.length));
        }
      }
    }

    #onControl(opcode, payload) {
      const st = this[kState];
      if (opcode === PING) {
        if (!st.sentClose && !st.closeQueued) this.#writeNow(encodeFrame(PONG, payload));
        return;
      }
      if (opcode === PONG) return;
      // Close.
      if (payload.length === 1) return this.#fail('Received a close frame with a one-byte body.', 1002);
      let code;
      let reason = '';
      if (payload.length >= 2) {
        code = (payload[0] << 8) | payload[1];
        if (!validReceivedCode(code)) return this.#fail(`Received an invalid close code ${code}.`, 1002);
        try {
          reason = decodeUtf8WithBom(payload.subarray(2));
        } catch {
          return this.#fail('Invalid UTF-8 in the close reason.', 1007);
        }
      }
      st.receivedClose = { code, reason };
      if (st.readyState === OPEN) st.readyState = CLOSING;
      st.fragments = null;
      st.bytes = new ByteQueue();
      if (!st.closeQueued) {
        // Echo the code; frames still queued (Blobs being read) are dropped.
        st.queue.length = 0;
        st.closeQueued = true;
        st.sentClose = true;
        this.#writeNow(encodeFrame(CLOSE, closePayload(code, new Uint8Array(0))));
      }
      if (st.sentClose) this.#closeTransport();
    }

    #onMessage(opcode, bytes) {
      const st = this[kState];
      let data;
      if (opcode === TEXT) {
        try {
          data = decodeUtf8(bytes);
        } catch {
          return this.#fail('Received invalid UTF-8 in text frame.', 1007);
        }
      } else if (st.binaryType === 'arraybuffer') {
        data = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
          ? bytes.buffer
          : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
      } else {
        data = new Blob([bytes]);
      }
      if (st.readyState !== OPEN) return;
      this.dispatchEvent(new MessageEventImpl('message', { data, origin: st.origin }));
    }

    // ---------------------------------------------------------------- writing
    /** Writes `frame` to the socket now (control frames; data goes through the queue). */
    #writeNow(frame, size = 0) {
      const st = this[kState];
      const socket = st.socket;
      if (socket === null || socket.destroyed) return;
      socket.write(frame, () => {
        st.bufferedAmount -= size;
      });
    }

    /** Adds a data or close frame (or a pending Blob read) and writes what is ready, in order. */
    #enqueue(entry) {
      const st = this[kState];
      st.queue.push(entry);
      this.#flush();
    }

    #flush() {
      const st = this[kState];
      while (st.queue.length > 0 && st.queue[0].frame !== undefined) {
        const { frame, size, close } = st.queue.shift();
        if (st.sentClose || st.failed) continue;
        this.#writeNow(frame, size);
        if (close) {
          st.sentClose = true;
          if (st.receivedClose !== null) this.#closeTransport();
          else this.#armCloseTimer();
        }
      }
    }

    /** After both close frames: end our side and wait (bounded) for the server to close TCP. */
    #closeTransport() {
      const st = this[kState];
      const socket = st.socket;
      if (socket === null) return;
      if (!socket.writableEnded) socket.end();
      this.#armCloseTimer();
    }

    #armCloseTimer() {
      const st = this[kState];
      if (st.closeTimer !== null || st.finished) return;
      st.closeTimer = setTimeout(() => {
        st.closeTimer = null;
        if (st.socket !== null) st.socket.destroy();
      }, CLOSE_TIMEOUT_MS);
    }

    /**
     * Fails the WebSocket connection (RFC 6455 7.1.7): sends a Close frame with `code` when the
     * connection is open, closes the transport, and ignores everything it receives from now on.
     * The 'error' and 'close' events follow when the socket has closed.
     */
    #fail(message, code) {
      const st = this[kState];
      if (st.failed || st.finished) return;
      st.failed = true;
      st.failMessage = message;
      st.queue.length = 0;
      const socket = st.socket;
      if (socket === null) return;
      if (code !== undefined && st.readyState !== CONNECTING && !st.sentClose && !socket.destroyed) {
        st.sentClose = true;
        st.closeQueued = true;
        const reason = encoder.encode(message).subarray(0, 123);
        socket.write(encodeFrame(CLOSE, closePayload(code, reason)));
        socket.end();
        this.#armCloseTimer();
        // Whatever the peer still sends is ignored; the socket closes on its own or on the timer.
        return;
      }
      socket.destroy();
    }

    /** The WebSocket connection is closed: 'error' if it failed, then 'close'. */
    #finish() {
      const st = this[kState];
      if (st.finished) return;
      st.finished = true;
      if (st.closeTimer !== null) {
        clearTimeout(st.closeTimer);
        st.closeTimer = null;
      }
      const socket = st.socket;
      if (socket !== null) {
        socket.removeAllListeners('data');
        socket.removeAllListeners('close');
        socket.on('error', () => {});
        if (!socket.destroyed) socket.destroy();
        st.socket = null; // no cycle between the socket's listeners and this object
      }
      const received = st.failed ? null : st.receivedClose;
      const wasClean = !st.failed && st.sentClose && received !== null;
      const code = received === null ? 1006 : received.code === undefined ? 1005 : received.code;
      const reason = received === null ? '' : received.reason;
      st.readyState = CLOSED;
      st.queue.length = 0;
      st.bytes = new ByteQueue();
      st.fragments = null;
      if (st.failed) this.dispatchEvent(new ErrorEvent('error', { message: st.failMessage, error: new TypeError(st.failMessage) }));
      this.dispatchEvent(new CloseEvent('close', { wasClean, code, reason }));
    }

    // ---------------------------------------------------------------- API
    get url() { return this[kState].url; }
    get readyState() { return this[kState].readyState; }
    get bufferedAmount() { return this[kState].bufferedAmount; }
    get extensions() { return ''; }
    get protocol() { return this[kState].protocol; }
    get binaryType() { return this[kState].binaryType; }
    set binaryType(value) {
      value = String(value);
      if (value === 'blob' || value === 'arraybuffer') this[kState].binaryType = value;
    }

    close(code, reason) {
      const st = this[kState];
      if (code !== undefined) {
        code = clampUnsignedShort(code);
        if (code !== 1000 && !(code >= 3000 && code <= 4999)) {
          throw new DOMException(`Failed to execute 'close' on 'WebSocket': The close code must be either 1000, or between 3000 and 4999. ${code} is neither.`, 'InvalidAccessError');
        }
      }
      let reasonBytes = new Uint8Array(0);
      if (reason !== undefined) {
        reasonBytes = encoder.encode(String(reason));
        if (reasonBytes.length > 123) {
          throw syntaxError(`Failed to execute 'close' on 'WebSocket': The close reason must not be greater than 123 UTF-8 bytes.`);
        }
      }
      if (st.readyState === CLOSING || st.readyState === CLOSED) return;
      if (st.readyState === CONNECTING) {
        this.#fail('WebSocket was closed before the connection was established.');
        st.readyState = CLOSING;
        return;
      }
      if (code === undefined && reasonBytes.length > 0) code = 1000;
      st.readyState = CLOSING;
      st.closeQueued = true;
      this.#enqueue({ frame: encodeFrame(CLOSE, closePayload(code, reasonBytes)), size: 0, close: true });
    }

    send(data) {
      const st = this[kState];
      if (arguments.length === 0) throw new TypeError("Failed to execute 'send' on 'WebSocket': 1 argument required, but only 0 present.");
      if (st.readyState === CONNECTING) throw new DOMException("Failed to execute 'send' on 'WebSocket': Still in CONNECTING state.", 'InvalidStateError');
      let opcode = BINARY;
      let bytes;
      if (typeof data === 'string') {
        opcode = TEXT;
        bytes = encoder.encode(data);
      } else if (data instanceof ArrayBuffer || (typeof SharedArrayBuffer === 'function' && data instanceof SharedArrayBuffer)) {
        bytes = new Uint8Array(data.slice(0));
      } else if (ArrayBuffer.isView(data)) {
        bytes = new Uint8Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
      } else if (isBlob(data)) {
        const size = data.size;
        st.bufferedAmount += size;
        if (st.closeQueued || st.readyState !== OPEN) return;
        const entry = { pending: true };
        st.queue.push(entry);
        data.arrayBuffer().then(
          (buffer) => {
            entry.frame = encodeFrame(BINARY, new Uint8Array(buffer));
            entry.size = size;
            this.#flush();
          },
          (err) => {
            const i = st.queue.indexOf(entry);
            if (i >= 0) st.queue.splice(i, 1);
            this.#fail(`Could not read the Blob: ${err && err.message ? err.message : err}`, 1011);
          },
        );
        return;
      } else {
        opcode = TEXT;
        bytes = encoder.encode(String(data));
      }
      st.bufferedAmount += bytes.length;
      if (st.closeQueued || st.readyState !== OPEN) return;
      this.#enqueue({ frame: encodeFrame(opcode, bytes), size: bytes.length });
    }

    get [Symbol.toStringTag]() { return 'WebSocket'; }
  }

  /** Index of the blank line (`\r\n\r\n`) ending the response head, or -1. */
  function findHeadEnd(b) {
    for (let i = 0; i + 3 < b.length; i++) {
      if (b[i] === 13 && b[i + 1] === 10 && b[i + 2] === 13 && b[i + 3] === 10) return i;
    }
    return -1;
  }

  for (const [name, value] of [['CONNECTING', CONNECTING], ['OPEN', OPEN], ['CLOSING', CLOSING], ['CLOSED', CLOSED]]) {
    Object.defineProperty(WebSocket, name, { value, enumerable: true });
    Object.defineProperty(WebSocket.prototype, name, { value, enumerable: true });
  }

  // onopen, onmessage, onerror, onclose: the shared EventTarget's handler attributes.
  for (const name of ['open', 'message', 'error', 'close']) internal.events.defineEventHandler(WebSocket.prototype, name);

  internal.websocket = { WebSocket, CloseEvent };
})();
