// node:stream, node:stream/promises, node:stream/consumers — Readable/Writable/Duplex/Transform with Node 20 semantics.
(() => {
  'use strict';
  const internal = globalThis[Symbol.for('ferroute.internal')];
  const builtin = internal.builtin;
  const EE = builtin('events');
  const Buffer = globalThis.Buffer || builtin('buffer').Buffer;

  // ------------------------------------------------------------------ helpers

  function nextTick(fn, ...args) {
    const p = globalThis.process;
    if (p && typeof p.nextTick === 'function') p.nextTick(fn, ...args);
    else queueMicrotask(() => fn(...args));
  }

  const nop = () => {};

  const { coded: codedError, invalidArgType } = internal.nodeErrors;
  const errors = {
    pushAfterEOF: () => codedError(Error, 'ERR_STREAM_PUSH_AFTER_EOF', 'stream.push() after EOF'),
    unshiftAfterEnd: () => codedError(Error, 'ERR_STREAM_UNSHIFT_AFTER_END_EVENT', 'stream.unshift() after end event'),
    writeAfterEnd: () => codedError(Error, 'ERR_STREAM_WRITE_AFTER_END', 'write after end'),
    destroyed: (op) => codedError(Error, 'ERR_STREAM_DESTROYED', `Cannot call ${op} after a stream was destroyed`),
    premature: () => codedError(Error, 'ERR_STREAM_PREMATURE_CLOSE', 'Premature close'),
    multipleCallback: () => codedError(Error, 'ERR_MULTIPLE_CALLBACK', 'Callback called multiple times'),
    nullValues: () => codedError(TypeError, 'ERR_STREAM_NULL_VALUES', 'May not write null values to stream'),
    alreadyFinished: (op) => codedError(Error, 'ERR_STREAM_ALREADY_FINISHED', `Cannot call ${op} after a stream was finished`),
    notImplemented: (m) => codedError(Error, 'ERR_METHOD_NOT_IMPLEMENTED', `The ${m} method is not implemented`),
    unknownEncoding: (enc) => codedError(TypeError, 'ERR_UNKNOWN_ENCODING', `Unknown encoding: ${typeof enc === 'string' ? enc : showValue(enc)}`),
    missingArgs: internal.nodeErrors.missingArgs,
    invalidReturn: (name) => codedError(TypeError, 'ERR_INVALID_RETURN_VALUE', `Expected a stream or an iterable to be returned from the "${name}" function`),
    invalidArgType,
    invalidArgValue: (name, value) => codedError(TypeError, 'ERR_INVALID_ARG_VALUE', `The argument '${name}' is invalid. Received ${String(value)}`),
  };

  class AbortError extends Error {
    constructor(message = 'The operation was aborted', options = undefined) {
      super(message, options);
      this.code = 'ABORT_ERR';
      this.name = 'AbortError';
    }
  }

  function inherits(Ctor, Super) {
    Object.setPrototypeOf(Ctor.prototype, Super.prototype);
    Object.setPrototypeOf(Ctor, Super);
  }

  // (The tag check also accepts another realm's Uint8Array, e.g. Node's Buffer under the test harness.)
  const isUint8Array = (v) => v instanceof Uint8Array || (ArrayBuffer.isView(v) && Object.prototype.toString.call(v) === '[object Uint8Array]');
  const toBuffer = (u8) => (Buffer.isBuffer(u8) ? u8 : Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength));
  const isEncoding = (enc) => (typeof Buffer.isEncoding === 'function' ? Buffer.isEncoding(enc) : true);

  let defaultHWM = 16 * 1024;
  let defaultObjectHWM = 16;
  function highWaterMarkFrom(options, duplexKey, objectMode) {
    let hwm = options ? options.highWaterMark : undefined;
    let name = 'options.highWaterMark';
    if (hwm == null && options && duplexKey) {
      hwm = options[duplexKey];
      name = `options.${duplexKey}`;
    }
    if (hwm == null) return objectMode ? defaultObjectHWM : defaultHWM;
    if (!Number.isInteger(hwm) || hwm < 0) throw errorsInvalidValue(name, hwm);
    return hwm;
  }
  function showValue(v) {
    if (typeof v === 'string') return `'${v}'`;
    if (typeof v === 'object' && v !== null) {
      try {
        return JSON.stringify(v);
      } catch {
        return Object.prototype.toString.call(v);
      }
    }
    return String(v);
  }
  function errorsInvalidValue(name, v) {
    return codedError(TypeError, 'ERR_INVALID_ARG_VALUE', `The property '${name}' is invalid. Received ${showValue(v)}`);
  }

  // Streams as duck types (ours, or anything shaped like them).
  const isNodeStream = (s) => !!s && typeof s === 'object' && (s._readableState !== undefined || s._writableState !== undefined || (typeof s.on === 'function' && (typeof s.pipe === 'function' || typeof s.write === 'function')));
  // (Booleans: the results are compared with ===.)
  const isReadableNodeStream = (s, strict = false) => !!(s && typeof s.pipe === 'function' && typeof s.on === 'function' &&
    (!strict || (typeof s.pause === 'function' && typeof s.resume === 'function')) &&
    (!s._writableState || (s._readableState && s._readableState.readable !== false)) &&
    (!s._writableState || s._readableState));
  const isWritableNodeStream = (s) => !!(s && typeof s.write === 'function' && typeof s.on === 'function' &&
    (!s._readableState || (s._writableState && s._writableState.writable !== false)));
  const isWebReadable = (s) => !!s && typeof s.getReader === 'function' && typeof s.pipeTo === 'function';
  const isWebWritable = (s) => !!s && typeof s.getWriter === 'function' && typeof s.abort === 'function';
  const isIterable = (v, isAsync) => {
    if (v == null) return false;
    if (isAsync === true) return typeof v[Symbol.asyncIterator] === 'function';
    if (isAsync === false) return typeof v[Symbol.iterator] === 'function';
    return typeof v[Symbol.asyncIterator] === 'function' || typeof v[Symbol.iterator] === 'function';
  };

  function isDestroyed(s) {
    if (!s) return null;
    const w = s._writableState;
    const r = s._readableState;
    return !!(s.destroyed || (w && w.destroyed) || (r && r.destroyed));
  }
  // true / false, or null when `s` is not that kind of stream or keeps no such state.
  function isReadableFinished(s, strict) {
    if (!isReadableNodeStream(s)) return null;
    const r = s._readableState;
    if (r && r.errored) return false;
    if (!r || typeof r.endEmitted !== 'boolean') return null;
    return !!(r.endEmitted || (strict === false && r.ended === true && r.length === 0));
  }
  function isWritableFinished(s, strict) {
    if (!isWritableNodeStream(s)) return null;
    if (s.writableFinished === true) return true;
    const w = s._writableState;
    if (w && w.errored) return false;
    if (!w || typeof w.finished !== 'boolean') return null;
    return !!(w.finished || (strict === false && w.ended === true && w.length === 0));
  }
  // true / false, or null when the stream does not say (no boolean `readable` / `writable`).
  function isReadable(s) {
    if (s && isWebReadable(s)) return !s.locked;
    if (!s || typeof s.readable !== 'boolean') return null;
    if (isDestroyed(s)) return false;
    return isReadableNodeStream(s) && s.readable && !isReadableFinished(s);
  }
  function isWritable(s) {
    if (!s || typeof s.writable !== 'boolean') return null;
    if (isDestroyed(s)) return false;
    return isWritableNodeStream(s) && s.writable && !isWritableEnded(s);
  }
  function isWritableEnded(s) {
    if (!isWritableNodeStream(s)) return null;
    if (s.writableEnded === true) return true;
    const w = s._writableState;
    if (w && w.errored) return false;
    if (!w || typeof w.ended !== 'boolean') return null;
    return w.ended;
  }
  function isErrored(s) {
    return !!(s && (s.errored || s.readableErrored || s.writableErrored || (s._readableState && s._readableState.errorEmitted) || (s._writableState && s._writableState.errorEmitted)));
  }
  function isDisturbed(s) {
    return !!(s && (s.readableDidRead || s.readableAborted || (s._readableState && s._readableState.dataEmitted) || s.disturbed));
  }

  // ------------------------------------------------------------------ destroy (shared)

  const kConstruct = Symbol('kConstruct');
  const kDestroy = Symbol('kDestroy');
  const kOnFinished = Symbol('kOnFinished');

  function recordError(err, w, r) {
    if (!err) return;
    if (w && !w.errored) w.errored = err;
    if (r && !r.errored) r.errored = err;
  }

  function destroy(err, cb) {
    const r = this._readableState;
    const w = this._writableState;
    const s = w || r;
    if ((w && w.destroyed) || (r && r.destroyed)) {
      if (typeof cb === 'function') cb();
      return this;
    }
    recordError(err, w, r);
    if (w) w.destroyed = true;
    if (r) r.destroyed = true;
    if (s && !s.constructed) {
      this.once(kDestroy, (er) => runDestroy(this, err || er, cb));
    } else {
      runDestroy(this, err, cb);
    }
    return this;
  }

  function runDestroy(self, err, cb) {
    let called = false;
    const onDestroy = (er) => {
      if (called) return;
      called = true;
      const r = self._readableState;
      const w = self._writableState;
      recordError(er, w, r);
      if (w) w.closed = true;
      if (r) r.closed = true;
      if (typeof cb === 'function') cb(er);
      if (er) nextTick(emitErrorCloseNT, self, er);
      else nextTick(emitCloseNT, self);
    };
    try {
      self._destroy(err || null, onDestroy);
    } catch (e) {
      onDestroy(e);
    }
  }

  function emitErrorCloseNT(self, err) {
    emitErrorNT(self, err);
    emitCloseNT(self);
  }

  function emitCloseNT(self) {
    const r = self._readableState;
    const w = self._writableState;
    if (w) w.closeEmitted = true;
    if (r) r.closeEmitted = true;
    if ((w && w.emitClose) || (r && r.emitClose)) self.emit('close');
  }

  function emitErrorNT(self, err) {
    const r = self._readableState;
    const w = self._writableState;
    if ((w && w.errorEmitted) || (r && r.errorEmitted)) return;
    if (w) w.errorEmitted = true;
    if (r) r.errorEmitted = true;
    self.emit('error', err);
  }

  function undestroy() {
    const r = this._readableState;
    const w = this._writableState;
    if (r) {
      r.constructed = true;
      r.closed = r.destroyed = r.errorEmitted = r.closeEmitted = false;
      r.errored = null;
      r.ended = r.endEmitted = r.readable === false;
    }
    if (w) {
      w.constructed = true;
      w.destroyed = w.closed = w.errorEmitted = w.closeEmitted = false;
      w.errored = null;
      w.finalCalled = w.prefinished = false;
      w.ended = w.ending = w.finished = w.writable === false;
    }
  }

  /** An error from inside the stream: destroy it when autoDestroy, else just emit 'error'. */
  function errorOrDestroy(stream, err, sync) {
    const r = stream._readableState;
    const w = stream._writableState;
    if ((w && w.destroyed) || (r && r.destroyed)) return;
    if ((r && r.autoDestroy) || (w && w.autoDestroy)) {
      stream.destroy(err);
    } else if (err) {
      recordError(err, w, r);
      if (sync) nextTick(emitErrorNT, stream, err);
      else emitErrorNT(stream, err);
    }
  }

  function construct(stream, cb) {
    if (typeof stream._construct !== 'function') return;
    const r = stream._readableState;
    const w = stream._writableState;
    if (r) r.constructed = false;
    if (w) w.constructed = false;
    stream.once(kConstruct, cb);
    if (stream.listenerCount(kConstruct) > 1) return; // a Duplex: the second side of the same construct
    nextTick(() => {
      let called = false;
      const done = (err) => {
        // (Read now: a Duplex has made its writable state since construct() was called.)
        const r = stream._readableState;
        const w = stream._writableState;
        if (called) {
          errorOrDestroy(stream, err || errors.multipleCallback());
          return;
        }
        called = true;
        if (r) r.constructed = true;
        if (w) w.constructed = true;
        if ((r && r.destroyed) || (w && w.destroyed)) stream.emit(kDestroy, err);
        else if (err) errorOrDestroy(stream, err, true);
        else nextTick(() => stream.emit(kConstruct));
      };
      try {
        stream._construct((err) => nextTick(done, err));
      } catch (err) {
        nextTick(done, err);
      }
    });
  }

  /** Destroys any stream-like: ours, a request (abort), or something with close(). */
  function destroyer(stream, err) {
    if (!stream || isDestroyed(stream)) return;
    if (!err && !isReadableFinished(stream, true) && !isWritableFinished(stream, true)) err = new AbortError();
    if (typeof stream.destroy === 'function') stream.destroy(err);
    else if (typeof stream.abort === 'function') stream.abort();
    else if (typeof stream.close === 'function') stream.close();
  }

  // prependListener, also for emitters from before it existed.
  function prependListener(emitter, event, fn) {
    if (typeof emitter.prependListener === 'function') return emitter.prependListener(event, fn);
    const events = emitter._events;
    if (!events || !events[event]) emitter.on(event, fn);
    else if (Array.isArray(events[event])) events[event].unshift(fn);
    else events[event] = [fn, events[event]];
    return emitter;
  }

  // ------------------------------------------------------------------ Stream (legacy)

  function Stream(opts) {
    EE.call(this, opts);
  }
  inherits(Stream, EE);

  // The pre-streams2 pipe: 'data' → write, pause on false, resume on 'drain'.
  Stream.prototype.pipe = function pipe(dest, options) {
    const source = this;
    function ondata(chunk) {
      if (dest.writable && dest.write(chunk) === false && source.pause) source.pause();
    }
    function ondrain() {
      if (source.readable && source.resume) source.resume();
    }
    source.on('data', ondata);
    dest.on('drain', ondrain);
    let didOnEnd = false;
    function onend() {
      if (didOnEnd) return;
      didOnEnd = true;
      dest.end();
    }
    function onclose() {
      if (didOnEnd) return;
      didOnEnd = true;
      if (typeof dest.destroy === 'function') dest.destroy();
    }
    if (!dest._isStdio && (!options || options.end !== false)) {
      source.on('end', onend);
      source.on('close', onclose);
    }
    function onerror(er) {
      cleanup();
      if (EE.listenerCount(this, 'error') === 0) this.emit('error', er);
    }
    prependListener(source, 'error', onerror);
    prependListener(dest, 'error', onerror);
    function cleanup() {
      source.removeListener('data', ondata);
      dest.removeListener('drain', ondrain);
      source.removeListener('end', onend);
      source.removeListener('close', onclose);
      source.removeListener('error', onerror);
      dest.removeListener('error', onerror);
      source.removeListener('end', cleanup);
      source.removeListener('close', cleanup);
      dest.removeListener('close', cleanup);
    }
    source.on('end', cleanup);
    source.on('close', cleanup);
    dest.on('close', cleanup);
    dest.emit('pipe', source);
    return dest;
  };

  // ------------------------------------------------------------------ Readable

  function ReadableState(options, stream, isDuplex) {
    const objectMode = !!(options && (options.objectMode || (isDuplex && options.readableObjectMode)));
    this.objectMode = objectMode;
    this.highWaterMark = highWaterMarkFrom(options, isDuplex ? 'readableHighWaterMark' : undefined, objectMode);
    this.buffer = [];
    this.length = 0;
    this.pipes = [];
    this.flowing = null;
    this.ended = false;
    this.endEmitted = false;
    this.reading = false;
    this.constructed = true;
    this.sync = true;
    this.needReadable = false;
    this.emittedReadable = false;
    this.readableListening = false;
    this.resumeScheduled = false;
    this.paused = null;
    this.errorEmitted = false;
    this.emitClose = !options || options.emitClose !== false;
    this.autoDestroy = !options || options.autoDestroy !== false;
    this.destroyed = false;
    this.errored = null;
    this.closed = false;
    this.closeEmitted = false;
    this.defaultEncoding = (options && options.defaultEncoding) || 'utf8';
    this.awaitDrainWriters = new Set();
    this.readingMore = false;
    this.dataEmitted = false;
    this.decoder = null;
    this.encoding = null;
    if (options && options.encoding) {
      const { StringDecoder } = builtin('string_decoder');
      this.decoder = new StringDecoder(options.encoding);
      this.encoding = options.encoding;
    }
  }
  // Old code reads these.
  Object.defineProperty(ReadableState.prototype, 'pipesCount', { get() { return this.pipes.length; } });

  function Readable(options) {
    if (!(this instanceof Readable)) return new Readable(options);
    const isDuplex = this instanceof Duplex;
    this._readableState = new ReadableState(options, this, isDuplex);
    if (options) {
      if (typeof options.read === 'function') this._read = options.read;
      if (typeof options.destroy === 'function') this._destroy = options.destroy;
      if (typeof options.construct === 'function') this._construct = options.construct;
      if (options.signal && !isDuplex) addAbortSignal(options.signal, this);
    }
    Stream.call(this, options);
    construct(this, () => {
      if (this._readableState.needReadable) maybeReadMore(this, this._readableState);
    });
  }
  inherits(Readable, Stream);
  Readable.ReadableState = ReadableState;

  Readable.prototype.destroy = destroy;
  Readable.prototype._undestroy = undestroy;
  Readable.prototype._destroy = function _destroy(err, cb) {
    cb(err);
  };
  Readable.prototype[EE.captureRejectionSymbol] = function (err) {
    this.destroy(err);
  };

  Readable.prototype.push = function push(chunk, encoding) {
    return addChunk(this, chunk, encoding, false);
  };
  Readable.prototype.unshift = function unshift(chunk, encoding) {
    return addChunk(this, chunk, encoding, true);
  };

  function addChunk(stream, chunk, encoding, front) {
    const state = stream._readableState;
    if (chunk === null) {
      state.reading = false;
      onEof(stream, state);
      return false;
    }
    if (!state.objectMode) {
      if (typeof chunk === 'string') {
        encoding = encoding || state.defaultEncoding;
        if (state.encoding !== encoding) {
          chunk = front && state.encoding ? Buffer.from(chunk, encoding).toString(state.encoding) : Buffer.from(chunk, encoding);
        }
        // else: a string already in the decoder's encoding, kept as is
        else encoding = '';
      } else if (isUint8Array(chunk)) {
        chunk = toBuffer(chunk);
        encoding = '';
      } else if (chunk !== undefined) {
        errorOrDestroy(stream, errors.invalidArgType('chunk', 'of type string or an instance of Buffer or Uint8Array', chunk));
        return false;
      }
    }
    const isString = typeof chunk === 'string';
    if (state.objectMode || (chunk && chunk.length > 0)) {
      if (front) {
        if (state.endEmitted) {
          errorOrDestroy(stream, errors.unshiftAfterEnd());
          return false;
        }
        if (state.destroyed || state.errored) return false;
        if (state.decoder && !isString) chunk = state.decoder.write(chunk);
        bufferChunk(stream, state, chunk, true);
      } else if (state.ended) {
        errorOrDestroy(stream, errors.pushAfterEOF());
        return false;
      } else if (state.destroyed || state.errored) {
        return false;
      } else {
        state.reading = false;
        if (state.decoder && !isString) chunk = state.decoder.write(chunk);
        if (state.objectMode || chunk.length !== 0) bufferChunk(stream, state, chunk, false);
        else maybeReadMore(stream, state);
      }
    } else if (!front) {
      state.reading = false;
      maybeReadMore(stream, state);
    }
    return !state.ended && (state.length < state.highWaterMark || state.length === 0);
  }

  function bufferChunk(stream, state, chunk, front) {
    if (state.flowing && state.length === 0 && !state.sync && stream.listenerCount('data') > 0) {
      // Flowing with nothing queued: hand it straight over.
      state.awaitDrainWriters.clear();
      state.dataEmitted = true;
      stream.emit('data', chunk);
    } else {
      state.length += state.objectMode ? 1 : chunk.length;
      if (front) state.buffer.unshift(chunk);
      else state.buffer.push(chunk);
      if (state.needReadable) emitReadable(stream);
    }
    maybeReadMore(stream, state);
  }

  function onEof(stream, state) {
    if (state.ended) return;
    if (state.decoder) {
      const rest = state.decoder.end();
      if (rest && rest.length) {
        state.buffer.push(rest);
        state.length += state.objectMode ? 1 : rest.length;
      }
    }
    state.ended = true;
    if (state.sync) {
      emitReadable(stream);
    } else {
      state.needReadable = false;
      state.emittedReadable = true;
      emitReadableNT(stream);
    }
  }

  function emitReadable(stream) {
    const state = stream._readableState;
    state.needReadable = false;
    if (!state.emittedReadable) {
      state.emittedReadable = true;
      nextTick(emitReadableNT, stream);
    }
  }

  function emitReadableNT(stream) {
    const state = stream._readableState;
    if (!state.destroyed && !state.errored && (state.length || state.ended)) {
      stream.emit('readable');
      state.emittedReadable = false;
    }
    state.needReadable = !state.flowing && !state.ended && state.length <= state.highWaterMark;
    flow(stream);
  }

  // Ask _read for more while below the high-water mark (once per tick).
  function maybeReadMore(stream, state) {
    if (!state.readingMore && state.constructed) {
      state.readingMore = true;
      nextTick(maybeReadMoreNT, stream, state);
    }
  }
  function maybeReadMoreNT(stream, state) {
    while (!state.reading && !state.ended && (state.length < state.highWaterMark || (state.flowing && state.length === 0))) {
      const len = state.length;
      stream.read(0);
      if (len === state.length) break; // _read did not push synchronously
    }
    state.readingMore = false;
  }

  function howMuchToRead(n, state) {
    if (n <= 0 || (state.length === 0 && state.ended)) return 0;
    if (state.objectMode) return 1;
    if (Number.isNaN(n)) {
      // Whole buffer, or only the first chunk when flowing.
      if (state.flowing && state.length) return state.buffer[0].length;
      return state.length;
    }
    if (n <= state.length) return n;
    return state.ended ? state.length : 0;
  }

  // Takes n units off the front of the buffer.
  function takeFromBuffer(n, state) {
    if (state.length === 0) return null;
    const buf = state.buffer;
    if (state.objectMode) return buf.shift();
    if (!n || n >= state.length) {
      let ret;
      if (state.decoder) ret = buf.join('');
      else if (buf.length === 1) ret = buf[0];
      else ret = Buffer.concat(buf, state.length);
      state.buffer = [];
      return ret;
    }
    const first = buf[0];
    if (n < first.length) {
      // (subarray, not slice: a Buffer's slice is a view in Node but a copy on a bare Uint8Array.)
      if (typeof first === 'string') {
        buf[0] = first.slice(n);
        return first.slice(0, n);
      }
      buf[0] = first.subarray(n);
      return first.subarray(0, n);
    }
    if (n === first.length) return buf.shift();
    // Spans several chunks.
    if (state.decoder) {
      let out = '';
      while (out.length < n) {
        const c = buf[0];
        const need = n - out.length;
        if (c.length <= need) {
          out += c;
          buf.shift();
        } else {
          out += c.slice(0, need);
          buf[0] = c.slice(need);
        }
      }
      return out;
    }
    const out = Buffer.allocUnsafe ? Buffer.allocUnsafe(n) : Buffer.alloc(n);
    let off = 0;
    while (off < n) {
      const c = buf[0];
      const need = n - off;
      if (c.length <= need) {
        out.set(c, off);
        off += c.length;
        buf.shift();
      } else {
        out.set(c.subarray(0, need), off);
        buf[0] = c.subarray(need);
        off += need;
      }
    }
    return out;
  }

  Readable.prototype.read = function read(n) {
    if (n === undefined) n = NaN;
    else if (!Number.isInteger(n)) n = Number.parseInt(n, 10);
    const state = this._readableState;
    const nOrig = n;
    if (n > 0x40000000) {
      throw codedError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "size" is out of range. It must be <= 1GiB. Received ${n}`);
    }
    if (n > state.highWaterMark) {
      // Grow the high-water mark to the next power of two (as Node does).
      let hwm = n;
      if (hwm <= 0x40000000) {
        hwm--;
        for (let s = 1; s <= 16; s <<= 1) hwm |= hwm >>> s;
        hwm++;
      }
      state.highWaterMark = hwm;
    }
    if (n !== 0) state.emittedReadable = false;
    // read(0) when there is enough: just trigger 'readable' (or 'end').
    if (n === 0 && state.needReadable && ((state.highWaterMark !== 0 ? state.length >= state.highWaterMark : state.length > 0) || state.ended)) {
      if (state.length === 0 && state.ended) endReadable(this);
      else emitReadable(this);
      return null;
    }
    n = howMuchToRead(n, state);
    if (n === 0 && state.ended) {
      if (state.length === 0) endReadable(this);
      return null;
    }
    let doRead = state.needReadable;
    if (state.length === 0 || state.length - n < state.highWaterMark) doRead = true;
    if (state.ended || state.reading || state.destroyed || state.errored || !state.constructed) {
      doRead = false;
    } else if (doRead) {
      state.reading = true;
      state.sync = true;
      if (state.length === 0) state.needReadable = true;
      try {
        this._read(state.highWaterMark);
      } catch (err) {
        errorOrDestroy(this, err);
      }
      state.sync = false;
      // _read may have pushed synchronously: recompute.
      if (!state.reading) n = howMuchToRead(nOrig, state);
    }
    let ret = n > 0 ? takeFromBuffer(n, state) : null;
    if (ret === null) {
      if (state.length <= state.highWaterMark) state.needReadable = true; // (set, never cleared here)
      n = 0;
    } else {
      state.length -= n;
      state.awaitDrainWriters.clear();
    }
    if (state.length === 0) {
      if (!state.ended) state.needReadable = true;
      if (nOrig !== n && state.ended) endReadable(this);
    }
    if (ret !== null && !state.errorEmitted && !state.closeEmitted) {
      state.dataEmitted = true;
      this.emit('data', ret);
    }
    return ret;
  };

  Readable.prototype._read = function _read() {
    throw errors.notImplemented('_read()');
  };

  function endReadable(stream) {
    const state = stream._readableState;
    if (!state.endEmitted) {
      state.ended = true;
      nextTick(endReadableNT, state, stream);
    }
  }

  function endReadableNT(state, stream) {
    if (!state.errored && !state.closeEmitted && !state.endEmitted && state.length === 0) {
      state.endEmitted = true;
      stream.emit('end');
      if (stream.writable && stream.allowHalfOpen === false) {
        nextTick(() => {
          if (stream.writable && !stream.writableEnded && !stream.destroyed) stream.end();
        });
      } else if (state.autoDestroy) {
        const w = stream._writableState;
        if (!w || (w.autoDestroy && (w.finished || w.writable === false))) stream.destroy();
      }
    }
  }

  function flow(stream) {
    const state = stream._readableState;
    while (state.flowing && stream.read() !== null);
  }

  Readable.prototype.on = function on(ev, fn) {
    const res = Stream.prototype.on.call(this, ev, fn);
    const state = this._readableState;
    if (ev === 'data') {
      state.readableListening = this.listenerCount('readable') > 0;
      if (state.flowing !== false) this.resume();
    } else if (ev === 'readable') {
      if (!state.endEmitted && !state.readableListening) {
        state.readableListening = state.needReadable = true;
        state.flowing = false;
        state.emittedReadable = false;
        if (state.length) emitReadable(this);
        else if (!state.reading) nextTick(() => this.read(0));
      }
    }
    return res;
  };
  Readable.prototype.addListener = Readable.prototype.on;

  Readable.prototype.removeListener = function removeListener(ev, fn) {
    const res = Stream.prototype.removeListener.call(this, ev, fn);
    if (ev === 'readable') nextTick(updateReadableListening, this);
    return res;
  };
  Readable.prototype.off = Readable.prototype.removeListener;

  Readable.prototype.removeAllListeners = function removeAllListeners(ev) {
    const res = Stream.prototype.removeAllListeners.apply(this, arguments);
    if (ev === 'readable' || ev === undefined) nextTick(updateReadableListening, this);
    return res;
  };

  function updateReadableListening(self) {
    const state = self._readableState;
    state.readableListening = self.listenerCount('readable') > 0;
    if (state.resumeScheduled && state.paused === false) state.flowing = true;
    else if (self.listenerCount('data') > 0) self.resume();
    else if (!state.readableListening) state.flowing = null;
  }

  Readable.prototype.resume = function resume() {
    const state = this._readableState;
    if (!state.flowing) {
      // With 'readable' listeners, 'readable' wins: resume() does not start flowing.
      state.flowing = !state.readableListening;
      if (!state.resumeScheduled) {
        state.resumeScheduled = true;
        nextTick(resumeNT, this, state);
      }
    }
    state.paused = false;
    return this;
  };

  function resumeNT(stream, state) {
    if (!state.reading) stream.read(0);
    state.resumeScheduled = false;
    stream.emit('resume');
    flow(stream);
    if (state.flowing && !state.reading) stream.read(0);
  }

  Readable.prototype.pause = function pause() {
    const state = this._readableState;
    if (state.flowing !== false) {
      state.flowing = false;
      this.emit('pause');
    }
    state.paused = true;
    return this;
  };

  Readable.prototype.isPaused = function isPaused() {
    const state = this._readableState;
    return state.paused === true || state.flowing === false;
  };

  /** Node's canonical encoding names (llrt's StringDecoder says 'utf-8'). */
  function normalizeEncoding(enc) {
    const e = String(enc).toLowerCase();
    if (e === 'utf-8' || e === 'utf8') return 'utf8';
    if (e === 'ucs2' || e === 'ucs-2' || e === 'utf16le' || e === 'utf-16le') return 'utf16le';
    if (e === 'binary' || e === 'latin1') return 'latin1';
    return e;
  }

  Readable.prototype.setEncoding = function setEncoding(enc) {
    const { StringDecoder } = builtin('string_decoder');
    const decoder = new StringDecoder(enc);
    const state = this._readableState;
    state.decoder = decoder;
    state.encoding = normalizeEncoding(decoder.encoding || enc);
    // Re-decode what is queued.
    let content = '';
    for (const chunk of state.buffer) content += typeof chunk === 'string' ? chunk : decoder.write(chunk);
    state.buffer = content ? [content] : [];
    state.length = content.length;
    return this;
  };

  Readable.prototype.pipe = function pipe(dest, pipeOpts) {
    const src = this;
    const state = this._readableState;
    state.pipes.push(dest);
    const doEnd = (!pipeOpts || pipeOpts.end !== false) && !dest._isStdio;
    const endFn = doEnd ? onend : unpipe;
    if (state.endEmitted) nextTick(endFn);
    else src.once('end', endFn);

    dest.on('unpipe', onunpipe);
    function onunpipe(readable, info) {
      if (readable === src && info && info.hasUnpiped === false) {
        info.hasUnpiped = true;
        cleanup();
      }
    }
    function onend() {
      dest.end();
    }

    let ondrain;
    let cleanedUp = false;
    function cleanup() {
      dest.removeListener('close', onclose);
      dest.removeListener('finish', onfinish);
      if (ondrain) dest.removeListener('drain', ondrain);
      dest.removeListener('error', onerror);
      dest.removeListener('unpipe', onunpipe);
      src.removeListener('end', onend);
      src.removeListener('end', unpipe);
      src.removeListener('data', ondata);
      cleanedUp = true;
      // Waiting for a drain that will no longer come from this pipe.
      if (ondrain && state.awaitDrainWriters.has(dest) && (!dest._writableState || dest._writableState.needDrain)) ondrain();
    }

    function pause() {
      if (!cleanedUp) {
        if (state.pipes.includes(dest)) state.awaitDrainWriters.add(dest);
        src.pause();
      }
      if (!ondrain) {
        ondrain = () => {
          state.awaitDrainWriters.delete(dest);
          if (state.awaitDrainWriters.size === 0 && src.listenerCount('data') > 0) src.resume();
        };
        dest.on('drain', ondrain);
      }
    }

    src.on('data', ondata);
    function ondata(chunk) {
      if (dest.write(chunk) === false) pause();
    }

    // The destination's error unpipes; re-emitted when nobody else listens.
    function onerror(er) {
      unpipe();
      dest.removeListener('error', onerror);
      if (dest.listenerCount('error') === 0) {
        const s = dest._writableState || dest._readableState;
        if (s && !s.errorEmitted) errorOrDestroy(dest, er);
        else dest.emit('error', er);
      }
    }
    prependListener(dest, 'error', onerror);

    function onclose() {
      dest.removeListener('finish', onfinish);
      unpipe();
    }
    dest.once('close', onclose);
    function onfinish() {
      dest.removeListener('close', onclose);
      unpipe();
    }
    dest.once('finish', onfinish);

    function unpipe() {
      src.unpipe(dest);
    }

    dest.emit('pipe', src);

    if (dest.writableNeedDrain === true) pause();
    else if (!state.flowing) src.resume();
    return dest;
  };

  Readable.prototype.unpipe = function unpipe(dest) {
    const state = this._readableState;
    if (state.pipes.length === 0) return this;
    if (!dest) {
      const dests = state.pipes;
      state.pipes = [];
      this.pause();
      for (const d of dests) d.emit('unpipe', this, { hasUnpiped: false });
      return this;
    }
    const index = state.pipes.indexOf(dest);
    if (index === -1) return this;
    state.pipes.splice(index, 1);
    if (state.pipes.length === 0) this.pause();
    dest.emit('unpipe', this, { hasUnpiped: false });
    return this;
  };

  // Wraps an old-style (streams1) readable.
  Readable.prototype.wrap = function wrap(stream) {
    let paused = false;
    stream.on('data', (chunk) => {
      if (!this.push(chunk) && stream.pause) {
        paused = true;
        stream.pause();
      }
    });
    stream.on('end', () => this.push(null));
    stream.on('error', (err) => errorOrDestroy(this, err));
    stream.on('close', () => this.destroy());
    stream.on('destroy', () => this.destroy());
    this._read = () => {
      if (paused && stream.resume) {
        paused = false;
        stream.resume();
      }
    };
    return this;
  };

  // Async iteration: read() until null, then wait for 'readable' or the end. A hand-made
  // iterator rather than an async generator: QuickJS does not wait for an async generator's
  // return() when a for-await loop breaks, and the stream must be destroyed by then.
  function readableIterator(stream, options) {
    let wake = null;
    const onReadable = () => {
      const w = wake;
      wake = null;
      if (w) w();
    };
    stream.on('readable', onReadable);
    let error; // undefined: running; null: ended cleanly; else the error
    let done = false;
    const cleanup = eos(stream, { writable: false }, (err) => {
      error = err ? (error || err) : null;
      onReadable();
    });
    function finish() {
      done = true;
      if ((error || !options || options.destroyOnReturn !== false) && (error === undefined || stream._readableState.autoDestroy)) {
        destroyer(stream, null);
      } else {
        stream.off('readable', onReadable);
        cleanup();
      }
      onReadable();
    }
    async function step() {
      while (!done) {
        const chunk = stream.destroyed ? null : stream.read();
        if (chunk !== null) return { value: chunk, done: false };
        if (error) {
          const err = error;
          finish();
          throw err;
        }
        if (error === null) break;
        await new Promise((resolve) => {
          wake = resolve;
        });
      }
      if (!done) finish();
      return { value: undefined, done: true };
    }
    // Calls are served in order; an idle iterator reads at once (as an async generator would).
    let inFlight = 0;
    let chain = null;
    const settled = () => {
      inFlight--;
    };
    const iterator = {
      next() {
        const p = inFlight === 0 ? step() : chain.then(step);
        inFlight++;
        chain = p.then(settled, settled);
        return p;
      },
      return(value) {
        if (!done) finish();
        return Promise.resolve({ value, done: true });
      },
      throw(err) {
        if (!done) {
          error = error || err;
          finish();
        }
        return Promise.reject(err);
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
    return iterator;
  }

  Readable.prototype[Symbol.asyncIterator] = function () {
    return readableIterator(this);
  };
  Readable.prototype.iterator = function iterator(options) {
    return readableIterator(this, options);
  };

  // The common Node 20 iterator helpers.
  function checkFn(fn) {
    if (typeof fn !== 'function') throw errors.invalidArgType('fn', 'of type function', fn);
  }
  function checkHelperOptions(options) {
    if (options != null && typeof options !== 'object') throw errors.invalidArgType('options', 'of type object', options);
    if (options && options.signal !== undefined && (options.signal === null || typeof options.signal !== 'object' || !('aborted' in options.signal))) {
      throw errors.invalidArgType('options.signal', 'an instance of AbortSignal', options.signal);
    }
  }

  Readable.prototype.toArray = async function toArray(options) {
    checkHelperOptions(options);
    const out = [];
    for await (const chunk of this) {
      if (options && options.signal && options.signal.aborted) throw new AbortError(undefined, { cause: options.signal.reason });
      out.push(chunk);
    }
    return out;
  };
  Readable.prototype.forEach = async function forEach(fn, options) {
    checkFn(fn);
    checkHelperOptions(options);
    for await (const chunk of this) {
      if (options && options.signal && options.signal.aborted) throw new AbortError(undefined, { cause: options.signal.reason });
      await fn(chunk, { signal: options && options.signal });
    }
  };
  Readable.prototype.map = function map(fn, options) {
    checkFn(fn);
    checkHelperOptions(options);
    const src = this;
    return Readable.from((async function* () {
      for await (const chunk of src) yield await fn(chunk, { signal: options && options.signal });
    })());
  };
  Readable.prototype.filter = function filter(fn, options) {
    checkFn(fn);
    checkHelperOptions(options);
    const src = this;
    return Readable.from((async function* () {
      for await (const chunk of src) if (await fn(chunk, { signal: options && options.signal })) yield chunk;
    })());
  };

  Readable.prototype.flatMap = function flatMap(fn, options) {
    checkFn(fn);
    checkHelperOptions(options);
    const src = this;
    return Readable.from((async function* () {
      for await (const chunk of src) {
        const out = await fn(chunk, { signal: options && options.signal });
        if (out != null && (typeof out[Symbol.asyncIterator] === 'function' || typeof out[Symbol.iterator] === 'function') && typeof out !== 'string') yield* out;
        else yield out;
      }
    })());
  };
  function checkCount(n, name) {
    n = Number(n);
    if (Number.isNaN(n)) n = 0;
    if (n < 0) throw codedError(RangeError, 'ERR_OUT_OF_RANGE', `The value of "${name}" is out of range. It must be >= 0. Received ${n}`);
    return Math.trunc(n);
  }
  Readable.prototype.take = function take(number, options) {
    checkHelperOptions(options);
    const n = checkCount(number, 'number');
    const src = this;
    return Readable.from((async function* () {
      if (n <= 0) return;
      let left = n;
      for await (const chunk of src) {
        yield chunk;
        if (--left <= 0) return;
      }
    })());
  };
  Readable.prototype.drop = function drop(number, options) {
    checkHelperOptions(options);
    const n = checkCount(number, 'number');
    const src = this;
    return Readable.from((async function* () {
      let left = n;
      for await (const chunk of src) {
        if (left > 0) left--;
        else yield chunk;
      }
    })());
  };
  Readable.prototype.reduce = async function reduce(fn, initial, options) {
    checkFn(fn);
    checkHelperOptions(options);
    let hasAcc = arguments.length > 1;
    let acc = initial;
    for await (const chunk of this) {
      if (hasAcc) acc = await fn(acc, chunk, { signal: options && options.signal });
      else {
        acc = chunk;
        hasAcc = true;
      }
    }
    if (!hasAcc) throw codedError(TypeError, 'ERR_INVALID_ARGS', 'Reduce of an empty stream requires an initial value');
    return acc;
  };
  Readable.prototype.some = async function some(fn, options) {
    checkFn(fn);
    checkHelperOptions(options);
    for await (const chunk of this) if (await fn(chunk, { signal: options && options.signal })) return true;
    return false;
  };
  Readable.prototype.every = async function every(fn, options) {
    checkFn(fn);
    checkHelperOptions(options);
    for await (const chunk of this) if (!(await fn(chunk, { signal: options && options.signal }))) return false;
    return true;
  };
  Readable.prototype.find = async function find(fn, options) {
    checkFn(fn);
    checkHelperOptions(options);
    for await (const chunk of this) if (await fn(chunk, { signal: options && options.signal })) return chunk;
    return undefined;
  };

  function getter(get, set) {
    return set ? { get, set, enumerable: false, configurable: true } : { get, enumerable: false, configurable: true };
  }
  Object.defineProperties(Readable.prototype, {
    readable: getter(function () {
      const r = this._readableState;
      return !!r && r.readable !== false && !r.destroyed && !r.errorEmitted && !r.endEmitted;
    }, function (v) {
      if (this._readableState) this._readableState.readable = !!v;
    }),
    readableDidRead: getter(function () { return this._readableState.dataEmitted; }),
    readableAborted: getter(function () {
      const r = this._readableState;
      return !!(r.readable !== false && (r.destroyed || r.errored) && !r.endEmitted);
    }),
    readableHighWaterMark: getter(function () { return this._readableState.highWaterMark; }),
    readableBuffer: getter(function () { return this._readableState && this._readableState.buffer; }),
    readableFlowing: getter(function () { return this._readableState.flowing; }, function (v) {
      if (this._readableState) this._readableState.flowing = v;
    }),
    readableLength: getter(function () { return this._readableState.length; }),
    readableObjectMode: getter(function () { return this._readableState ? this._readableState.objectMode : false; }),
    readableEncoding: getter(function () { return this._readableState ? this._readableState.encoding : null; }),
    errored: getter(function () { return this._readableState ? this._readableState.errored : null; }),
    closed: getter(function () { return this._readableState ? this._readableState.closed : false; }),
    destroyed: getter(function () { return this._readableState ? this._readableState.destroyed : false; }, function (v) {
      if (this._readableState) this._readableState.destroyed = v;
    }),
    readableEnded: getter(function () { return this._readableState ? this._readableState.endEmitted : false; }),
  });

  // Readable.from: an iterable, async iterable, string or Buffer as a readable.
  function from(iterable, opts) {
    // (A Buffer is one chunk; another Uint8Array is iterated, as in Node.)
    if (typeof iterable === 'string' || Buffer.isBuffer(iterable)) {
      return new Readable({
        objectMode: true,
        ...opts,
        read() {
          this.push(iterable);
          this.push(null);
        },
      });
    }
    let iterator;
    let isAsync;
    if (iterable && typeof iterable[Symbol.asyncIterator] === 'function') {
      isAsync = true;
      iterator = iterable[Symbol.asyncIterator]();
    } else if (iterable && typeof iterable[Symbol.iterator] === 'function') {
      isAsync = false;
      iterator = iterable[Symbol.iterator]();
    } else {
      throw errors.invalidArgType('iterable', 'an Iterable', iterable);
    }
    let reading = false;
    const readable = new Readable({
      objectMode: true,
      highWaterMark: 1,
      ...opts,
      read() {
        if (!reading) {
          reading = true;
          pull();
        }
      },
      destroy(error, cb) {
        closeIterator(error).then(() => nextTick(cb, error), (e) => nextTick(cb, e || error));
      },
    });
    async function closeIterator(error) {
      if (error && typeof iterator.throw === 'function' && isAsync) {
        try {
          const { value, done } = await iterator.throw(error);
          await value;
          if (done) return;
        } catch (e) {
          if (e !== error) throw e;
          return;
        }
      }
      if (typeof iterator.return === 'function') {
        const { value } = await iterator.return();
        await value;
      }
    }
    async function pull() {
      for (;;) {
        try {
          const { value, done } = isAsync ? await iterator.next() : iterator.next();
          if (done) {
            readable.push(null);
          } else {
            const v = value && typeof value.then === 'function' ? await value : value;
            if (v === null) {
              reading = false;
              throw errors.nullValues();
            } else if (readable.push(v)) {
              continue;
            } else {
              reading = false;
            }
          }
        } catch (err) {
          readable.destroy(err);
        }
        break;
      }
    }
    return readable;
  }
  Readable.from = from;

  Readable.fromWeb = function fromWeb(readableStream, options = {}) {
    if (!isWebReadable(readableStream)) throw errors.invalidArgType('readableStream', 'an instance of ReadableStream', readableStream);
    const { highWaterMark, encoding, objectMode = false, signal } = options;
    const reader = readableStream.getReader();
    let closed = false;
    reader.closed.then(() => {
      closed = true;
    }, (err) => {
      closed = true;
      readable.destroy(err);
    });
    const readable = new Readable({
      objectMode,
      highWaterMark,
      encoding,
      signal,
      read() {
        reader.read().then((chunk) => {
          if (chunk.done) readable.push(null);
          else readable.push(chunk.value);
        }, (err) => readable.destroy(err));
      },
      destroy(error, callback) {
        const done = () => nextTick(callback, error);
        if (!closed) reader.cancel(error).then(done, done);
        else done();
      },
    });
    return readable;
  };

  Readable.toWeb = function toWeb(readable, options = {}) {
    if (!isReadableNodeStream(readable)) throw errors.invalidArgType('streamReadable', 'an instance of stream.Readable', readable);
    if (isDestroyed(readable) || readable.readableEnded) {
      return new ReadableStream({ start(c) { if (readable.errored) c.error(readable.errored); else c.close(); } });
    }
    const objectMode = readable.readableObjectMode;
    let strategy = options.strategy;
    if (!strategy) {
      const hwm = Math.max(1, readable.readableHighWaterMark || 1);
      strategy = objectMode ? { highWaterMark: hwm } : { highWaterMark: hwm, size: (c) => (c && c.byteLength) || 1 };
    }
    let controller;
    let done = false;
    const onData = (chunk) => {
      if (done) return;
      if (!objectMode && isUint8Array(chunk)) chunk = new Uint8Array(chunk);
      else if (!objectMode && typeof chunk === 'string') chunk = new TextEncoder().encode(chunk);
      controller.enqueue(chunk);
      if (controller.desiredSize <= 0) readable.pause();
    };
    return new ReadableStream({
      start(c) {
        controller = c;
        readable.on('data', onData);
        eos(readable, (err) => {
          if (done) return;
          done = true;
          readable.off('data', onData);
          if (err && !(err.code === 'ERR_STREAM_PREMATURE_CLOSE' && readable.readableEnded)) controller.error(err);
          else controller.close();
        });
        readable.pause();
      },
      pull() {
        readable.resume();
      },
      cancel(reason) {
        done = true;
        destroyer(readable, reason);
      },
    }, strategy);
  };

  // ------------------------------------------------------------------ Writable

  function WritableState(options, stream, isDuplex) {
    const objectMode = !!(options && (options.objectMode || (isDuplex && options.writableObjectMode)));
    this.objectMode = objectMode;
    this.highWaterMark = highWaterMarkFrom(options, isDuplex ? 'writableHighWaterMark' : undefined, objectMode);
    this.finalCalled = false;
    this.needDrain = false;
    this.ending = false;
    this.ended = false;
    this.finished = false;
    this.destroyed = false;
    this.decodeStrings = !(options && options.decodeStrings === false);
    this.defaultEncoding = (options && options.defaultEncoding) || 'utf8';
    this.length = 0;
    this.writing = false;
    this.corked = 0;
    this.sync = true;
    this.bufferProcessing = false;
    this.onwrite = (er) => onwrite(stream, er);
    this.writecb = null;
    this.writelen = 0;
    this.afterWriteTickInfo = null;
    this.afterWritePending = false;
    this.buffered = [];
    this.bufferedIndex = 0;
    this.allBuffers = true;
    this.allNoop = true;
    this.pendingcb = 0;
    this.constructed = true;
    this.prefinished = false;
    this.errorEmitted = false;
    this.emitClose = !options || options.emitClose !== false;
    this.autoDestroy = !options || options.autoDestroy !== false;
    this.errored = null;
    this.closed = false;
    this.closeEmitted = false;
    this[kOnFinished] = [];
  }
  WritableState.prototype.getBuffer = function getBuffer() {
    return this.buffered.slice(this.bufferedIndex);
  };
  Object.defineProperty(WritableState.prototype, 'bufferedRequestCount', {
    get() { return this.buffered.length - this.bufferedIndex; },
  });

  function Writable(options) {
    const isDuplex = this instanceof Duplex;
    if (!isDuplex && !Function.prototype[Symbol.hasInstance].call(Writable, this)) return new Writable(options);
    this._writableState = new WritableState(options, this, isDuplex);
    if (options) {
      if (typeof options.write === 'function') this._write = options.write;
      if (typeof options.writev === 'function') this._writev = options.writev;
      if (typeof options.destroy === 'function') this._destroy = options.destroy;
      if (typeof options.final === 'function') this._final = options.final;
      if (typeof options.construct === 'function') this._construct = options.construct;
      if (options.signal) addAbortSignal(options.signal, this);
    }
    Stream.call(this, options);
    construct(this, () => {
      const state = this._writableState;
      if (!state.writing) clearBuffer(this, state);
      finishMaybe(this, state);
    });
  }
  inherits(Writable, Stream);
  Writable.WritableState = WritableState;

  // A Duplex is a Writable too.
  Object.defineProperty(Writable, Symbol.hasInstance, {
    value: function (object) {
      if (Function.prototype[Symbol.hasInstance].call(this, object)) return true;
      if (this !== Writable) return false;
      return !!object && object._writableState instanceof WritableState;
    },
  });

  Writable.prototype.pipe = function pipe() {
    errorOrDestroy(this, codedError(Error, 'ERR_STREAM_CANNOT_PIPE', 'Cannot pipe, not readable'));
  };

  // Returns true/false (accepted, below the high-water mark) or an Error (refused).
  function writeImpl(stream, chunk, encoding, cb) {
    const state = stream._writableState;
    if (typeof encoding === 'function') {
      cb = encoding;
      encoding = state.defaultEncoding;
    } else {
      if (!encoding) encoding = state.defaultEncoding;
      else if (encoding !== 'buffer' && !isEncoding(encoding)) throw errors.unknownEncoding(encoding);
      if (typeof cb !== 'function') cb = nop;
    }
    if (chunk === null) throw errors.nullValues();
    if (!state.objectMode) {
      if (typeof chunk === 'string') {
        if (state.decodeStrings !== false) {
          chunk = Buffer.from(chunk, encoding);
          encoding = 'buffer';
        }
      } else if (isUint8Array(chunk)) {
        chunk = toBuffer(chunk);
        encoding = 'buffer';
      } else {
        throw errors.invalidArgType('chunk', 'of type string or an instance of Buffer or Uint8Array', chunk);
      }
    }
    let err;
    if (state.ending) err = errors.writeAfterEnd();
    else if (state.destroyed) err = errors.destroyed('write');
    if (err) {
      nextTick(cb, err);
      errorOrDestroy(stream, err, true);
      return err;
    }
    state.pendingcb++;
    const len = state.objectMode ? 1 : chunk.length;
    state.length += len;
    if (state.writing || state.corked || state.errored || !state.constructed) {
      state.buffered.push({ chunk, encoding, callback: cb });
      if (state.allBuffers && encoding !== 'buffer') state.allBuffers = false;
      if (state.allNoop && cb !== nop) state.allNoop = false;
    } else {
      state.writelen = len;
      state.writecb = cb;
      state.writing = true;
      state.sync = true;
      stream._write(chunk, encoding, state.onwrite);
      state.sync = false;
    }
    // Measured after the write: one that completed synchronously does not count (Node 20).
    const ret = state.length < state.highWaterMark || state.length === 0;
    if (!ret) state.needDrain = true;
    return ret && !state.errored && !state.destroyed;
  }

  Writable.prototype.write = function write(chunk, encoding, cb) {
    return writeImpl(this, chunk, encoding, cb) === true;
  };

  Writable.prototype.cork = function cork() {
    this._writableState.corked++;
  };

  Writable.prototype.uncork = function uncork() {
    const state = this._writableState;
    if (state.corked) {
      state.corked--;
      if (!state.writing) clearBuffer(this, state);
    }
  };

  Writable.prototype.setDefaultEncoding = function setDefaultEncoding(encoding) {
    if (typeof encoding === 'string') encoding = encoding.toLowerCase();
    if (!isEncoding(encoding)) throw errors.unknownEncoding(encoding);
    this._writableState.defaultEncoding = encoding;
    return this;
  };

  function onwrite(stream, er) {
    const state = stream._writableState;
    const sync = state.sync;
    const cb = state.writecb;
    if (typeof cb !== 'function') {
      errorOrDestroy(stream, errors.multipleCallback());
      return;
    }
    state.writing = false;
    state.writecb = null;
    state.length -= state.writelen;
    state.writelen = 0;
    if (er) {
      if (!state.errored) state.errored = er;
      const r = stream._readableState;
      if (r && !r.errored) r.errored = er;
      if (sync) nextTick(onwriteError, stream, state, er, cb);
      else onwriteError(stream, state, er, cb);
    } else {
      if (state.buffered.length > state.bufferedIndex) clearBuffer(stream, state);
      if (sync) {
        // A synchronous completion: callbacks run on a later tick (batched when they are the
        // same function); a write without callback and without 'drain' to emit needs no tick.
        const needTick = (state.needDrain && state.length === 0) || state.destroyed || cb !== nop;
        if (cb === nop) {
          if (!state.afterWritePending && needTick) {
            state.afterWritePending = true;
            nextTick(afterWrite, stream, state, 1, cb);
          } else {
            state.pendingcb--;
            if (state.ending) finishMaybe(stream, state, true);
          }
        } else if (state.afterWriteTickInfo !== null && state.afterWriteTickInfo.cb === cb) {
          state.afterWriteTickInfo.count++;
        } else {
          state.afterWriteTickInfo = { count: 1, cb, stream, state };
          state.afterWritePending = true;
          nextTick(afterWriteTick, state.afterWriteTickInfo);
        }
      } else {
        afterWrite(stream, state, 1, cb);
      }
    }
  }

  function onwriteError(stream, state, er, cb) {
    --state.pendingcb;
    cb(er);
    errorBuffer(state);
    errorOrDestroy(stream, er);
  }

  function afterWriteTick({ stream, state, count, cb }) {
    state.afterWriteTickInfo = null;
    afterWrite(stream, state, count, cb);
  }

  function afterWrite(stream, state, count, cb) {
    state.afterWritePending = false;
    const needDrain = !state.ending && !stream.destroyed && state.length === 0 && state.needDrain;
    if (needDrain) {
      state.needDrain = false;
      stream.emit('drain');
    }
    while (count-- > 0) {
      state.pendingcb--;
      cb(null);
    }
    if (state.destroyed) errorBuffer(state);
    if (state.ending) finishMaybe(stream, state, true);
  }

  // Fails the queued writes after an error or destroy.
  function errorBuffer(state) {
    if (state.writing) return;
    for (let n = state.bufferedIndex; n < state.buffered.length; ++n) {
      const { chunk, callback } = state.buffered[n];
      state.length -= state.objectMode ? 1 : chunk.length;
      callback(state.errored || errors.destroyed('write'));
    }
    for (const cb of state[kOnFinished].splice(0)) cb(state.errored || errors.destroyed('end'));
    resetBuffer(state);
  }

  function resetBuffer(state) {
    state.buffered = [];
    state.bufferedIndex = 0;
    state.allBuffers = true;
    state.allNoop = true;
  }

  function doWrite(stream, state, writev, len, chunk, encoding, cb) {
    state.writelen = len;
    state.writecb = cb;
    state.writing = true;
    state.sync = true;
    if (state.destroyed) state.onwrite(errors.destroyed('write'));
    else if (writev) stream._writev(chunk, state.onwrite);
    else stream._write(chunk, encoding, state.onwrite);
    state.sync = false;
  }

  function clearBuffer(stream, state) {
    if (state.corked || state.bufferProcessing || state.destroyed || !state.constructed) return;
    const { buffered, bufferedIndex, objectMode } = state;
    const count = buffered.length - bufferedIndex;
    if (!count) return;
    let i = bufferedIndex;
    state.bufferProcessing = true;
    if (count > 1 && stream._writev) {
      state.pendingcb -= count - 1;
      const callback = state.allNoop ? nop : (err) => {
        for (let n = i; n < buffered.length; ++n) buffered[n].callback(err);
      };
      const chunks = state.allNoop && i === 0 ? buffered : buffered.slice(i);
      chunks.allBuffers = state.allBuffers;
      doWrite(stream, state, true, state.length, chunks, '', callback);
      resetBuffer(state);
    } else {
      do {
        const { chunk, encoding, callback } = buffered[i];
        buffered[i++] = null;
        const len = objectMode ? 1 : chunk.length;
        doWrite(stream, state, false, len, chunk, encoding, callback);
      } while (i < buffered.length && !state.writing);
      if (i === buffered.length) resetBuffer(state);
      else if (i > 256) {
        buffered.splice(0, i);
        state.bufferedIndex = 0;
      } else {
        state.bufferedIndex = i;
      }
    }
    state.bufferProcessing = false;
  }

  Writable.prototype._write = function _write(chunk, encoding, cb) {
    if (this._writev) this._writev([{ chunk, encoding }], cb);
    else throw errors.notImplemented('_write()');
  };
  Writable.prototype._writev = null;

  Writable.prototype.end = function end(chunk, encoding, cb) {
    const state = this._writableState;
    if (typeof chunk === 'function') {
      cb = chunk;
      chunk = null;
      encoding = null;
    } else if (typeof encoding === 'function') {
      cb = encoding;
      encoding = null;
    }
    let err;
    if (chunk !== null && chunk !== undefined) {
      const ret = writeImpl(this, chunk, encoding);
      if (ret instanceof Error) err = ret;
    }
    if (state.corked) {
      state.corked = 1;
      this.uncork();
    }
    if (err) {
      // reported by the write
    } else if (!state.errored && !state.ending) {
      state.ending = true;
      finishMaybe(this, state, true);
      state.ended = true;
    } else if (state.finished) {
      err = errors.alreadyFinished('end');
    } else if (state.destroyed) {
      err = errors.destroyed('end');
    }
    if (typeof cb === 'function') {
      if (err) nextTick(cb, err);
      else if (state.errored) nextTick(cb, state.errored);
      else if (state.finished) nextTick(cb, null);
      else state[kOnFinished].push(cb);
    }
    return this;
  };

  function needFinish(state) {
    return state.ending && !state.destroyed && state.constructed && state.length === 0 && !state.errored &&
      state.buffered.length === 0 && !state.finished && !state.writing && !state.errorEmitted && !state.closeEmitted;
  }

  function callFinal(stream, state) {
    let called = false;
    const onFinal = (err) => {
      if (called) {
        errorOrDestroy(stream, err || errors.multipleCallback());
        return;
      }
      called = true;
      state.pendingcb--;
      if (err) {
        for (const cb of state[kOnFinished].splice(0)) cb(err);
        errorOrDestroy(stream, err, state.sync);
      } else if (needFinish(state)) {
        state.prefinished = true;
        stream.emit('prefinish');
        state.pendingcb++;
        nextTick(finish, stream, state);
      }
    };
    state.sync = true;
    state.pendingcb++;
    try {
      stream._final(onFinal);
    } catch (err) {
      onFinal(err);
    }
    state.sync = false;
  }

  function prefinish(stream, state) {
    if (!state.prefinished && !state.finalCalled) {
      if (typeof stream._final === 'function' && !state.destroyed) {
        state.finalCalled = true;
        callFinal(stream, state);
      } else {
        state.prefinished = true;
        stream.emit('prefinish');
      }
    }
  }

  function finishMaybe(stream, state, sync) {
    if (!needFinish(state)) return;
    prefinish(stream, state);
    if (state.pendingcb === 0) {
      if (sync) {
        state.pendingcb++;
        nextTick(() => {
          if (needFinish(state)) finish(stream, state);
          else state.pendingcb--;
        });
      } else if (needFinish(state)) {
        state.pendingcb++;
        finish(stream, state);
      }
    }
  }

  function finish(stream, state) {
    state.pendingcb--;
    state.finished = true;
    for (const cb of state[kOnFinished].splice(0)) cb(null);
    stream.emit('finish');
    if (state.autoDestroy) {
      const r = stream._readableState;
      if (!r || (r.autoDestroy && (r.endEmitted || r.readable === false))) stream.destroy();
    }
  }

  Writable.prototype.destroy = function (err, cb) {
    const state = this._writableState;
    // Fail the queued writes now, unless a write is in progress (its callback will).
    if (!state.destroyed && (state.bufferedIndex < state.buffered.length || state[kOnFinished].length)) nextTick(errorBuffer, state);
    destroy.call(this, err, cb);
    return this;
  };
  Writable.prototype._undestroy = undestroy;
  Writable.prototype._destroy = function _destroy(err, cb) {
    cb(err);
  };
  Writable.prototype[EE.captureRejectionSymbol] = function (err) {
    this.destroy(err);
  };

  Object.defineProperties(Writable.prototype, {
    closed: getter(function () { return this._writableState ? this._writableState.closed : false; }),
    destroyed: getter(function () { return this._writableState ? this._writableState.destroyed : false; }, function (v) {
      if (this._writableState) this._writableState.destroyed = v;
    }),
    writable: getter(function () {
      const w = this._writableState;
      return !!w && w.writable !== false && !w.destroyed && !w.errored && !w.ending && !w.ended;
    }, function (v) {
      if (this._writableState) this._writableState.writable = !!v;
    }),
    writableFinished: getter(function () { return this._writableState ? this._writableState.finished : false; }),
    writableObjectMode: getter(function () { return this._writableState ? this._writableState.objectMode : false; }),
    writableBuffer: getter(function () { return this._writableState && this._writableState.getBuffer(); }),
    writableEnded: getter(function () { return this._writableState ? this._writableState.ending : false; }),
    writableNeedDrain: getter(function () {
      const w = this._writableState;
      return !!w && !w.destroyed && !w.ending && w.needDrain;
    }),
    writableHighWaterMark: getter(function () { return this._writableState && this._writableState.highWaterMark; }),
    writableCorked: getter(function () { return this._writableState ? this._writableState.corked : 0; }),
    writableLength: getter(function () { return this._writableState && this._writableState.length; }),
    errored: getter(function () { return this._writableState ? this._writableState.errored : null; }),
    writableAborted: getter(function () {
      const w = this._writableState;
      return !!(w.writable !== false && (w.destroyed || w.errored) && !w.finished);
    }),
  });

  Writable.fromWeb = function fromWeb(writableStream, options = {}) {
    if (!isWebWritable(writableStream)) throw errors.invalidArgType('writableStream', 'an instance of WritableStream', writableStream);
    const { highWaterMark, decodeStrings = true, objectMode = false, signal } = options;
    const writer = writableStream.getWriter();
    let closed = false;
    const writable = new Writable({
      highWaterMark,
      objectMode,
      decodeStrings,
      signal,
      write(chunk, encoding, callback) {
        if (!objectMode && typeof chunk === 'string') chunk = new TextEncoder().encode(chunk);
        writer.ready.then(() => writer.write(chunk)).then(() => callback(), (err) => callback(err));
      },
      writev(chunks, callback) {
        writer.ready
          .then(() => Promise.all(chunks.map(({ chunk }) => writer.write(typeof chunk === 'string' && !objectMode ? new TextEncoder().encode(chunk) : chunk))))
          .then(() => callback(), (err) => callback(err));
      },
      final(callback) {
        writer.close().then(() => {
          closed = true;
          callback();
        }, (err) => callback(err));
      },
      destroy(error, callback) {
        const done = () => nextTick(callback, error);
        if (!closed) {
          closed = true;
          if (error) writer.abort(error).then(done, done);
          else writer.close().then(done, done);
        } else {
          done();
        }
      },
    });
    writer.closed.then(undefined, (err) => {
      closed = true;
      if (!writable.destroyed) writable.destroy(err);
    });
    return writable;
  };

  Writable.toWeb = function toWeb(writable) {
    if (!isWritableNodeStream(writable)) throw errors.invalidArgType('streamWritable', 'an instance of stream.Writable', writable);
    let controller;
    let closing = null;
    let drainWaiters = [];
    const onDrain = () => {
      for (const w of drainWaiters.splice(0)) w.resolve();
    };
    writable.on('drain', onDrain);
    const cleanup = eos(writable, (err) => {
      writable.off('drain', onDrain);
      for (const w of drainWaiters.splice(0)) w.reject(err || errors.premature());
      if (closing) {
        if (err) closing.reject(err);
        else closing.resolve();
        closing = null;
      } else if (err) {
        try { controller.error(err); } catch { /* already errored */ }
      } else {
        try { controller.error(errors.premature()); } catch { /* already closed */ }
      }
    });
    return new WritableStream({
      start(c) {
        controller = c;
      },
      write(chunk) {
        if (writable.writableNeedDrain || !writable.write(chunk)) {
          return new Promise((resolve, reject) => drainWaiters.push({ resolve, reject }));
        }
        return undefined;
      },
      close() {
        return new Promise((resolve, reject) => {
          closing = { resolve, reject };
          writable.end();
        });
      },
      abort(reason) {
        cleanup();
        destroyer(writable, reason);
      },
    }, { highWaterMark: 1 });
  };

  // ------------------------------------------------------------------ Duplex

  function Duplex(options) {
    if (!(this instanceof Duplex)) return new Duplex(options);
    Readable.call(this, options);
    Writable.call(this, options);
    if (options) {
      this.allowHalfOpen = options.allowHalfOpen !== false;
      if (options.readable === false) {
        const r = this._readableState;
        r.readable = false;
        r.ended = true;
        r.endEmitted = true;
      }
      if (options.writable === false) {
        const w = this._writableState;
        w.writable = false;
        w.ending = true;
        w.ended = true;
        w.finished = true;
      }
      if (options.signal) addAbortSignal(options.signal, this);
    } else {
      this.allowHalfOpen = true;
    }
  }
  inherits(Duplex, Readable);
  for (const key of Object.getOwnPropertyNames(Writable.prototype)) {
    if (key === 'constructor' || key === 'destroy' || key === 'pipe' || Object.prototype.hasOwnProperty.call(Duplex.prototype, key)) continue;
    if (key === 'closed' || key === 'errored' || key === 'destroyed') continue;
    Object.defineProperty(Duplex.prototype, key, Object.getOwnPropertyDescriptor(Writable.prototype, key));
  }
  Duplex.prototype.destroy = Writable.prototype.destroy;
  Object.defineProperties(Duplex.prototype, {
    destroyed: getter(function () {
      const r = this._readableState;
      const w = this._writableState;
      return !!(r && w) && r.destroyed && w.destroyed;
    }, function (v) {
      if (this._readableState) this._readableState.destroyed = v;
      if (this._writableState) this._writableState.destroyed = v;
    }),
    closed: getter(function () {
      const r = this._readableState;
      const w = this._writableState;
      return !!(r && w) && r.closed && w.closed;
    }),
    errored: getter(function () {
      return (this._readableState && this._readableState.errored) || (this._writableState && this._writableState.errored) || null;
    }),
  });

  // A Duplex from two halves: writes go to `writable`, reads come from `readable`.
  function duplexify(pair, options) {
    const { readable: r, writable: w } = pair;
    let onDrainCb = null;
    let onFinishCb = null;
    let onReadable = false;
    const d = new Duplex({
      readableObjectMode: r ? !!r.readableObjectMode : true,
      writableObjectMode: w ? !!w.writableObjectMode : true,
      readable: !!r,
      writable: !!w,
      allowHalfOpen: true,
      ...options,
      write(chunk, encoding, callback) {
        if (w.write(chunk, encoding)) callback();
        else onDrainCb = callback;
      },
      final(callback) {
        w.end();
        onFinishCb = callback;
      },
      read() {
        onReadable = true;
        pull();
      },
      destroy(err, callback) {
        if (!err && onFinishCb) err = new AbortError();
        onDrainCb = onFinishCb = null;
        if (r) destroyer(r, err);
        if (w) destroyer(w, err);
        callback(err);
      },
    });
    function pull() {
      while (onReadable) {
        const chunk = r.read();
        if (chunk === null) return;
        onReadable = false;
        if (!d.push(chunk)) return;
        onReadable = true;
      }
    }
    if (w) {
      w.on('drain', () => {
        const cb = onDrainCb;
        onDrainCb = null;
        if (cb) cb();
      });
      eos(w, (err) => {
        if (err) {
          d.destroy(err);
          return;
        }
        const cb = onFinishCb;
        onFinishCb = null;
        if (cb) cb();
      });
    }
    if (r) {
      r.on('readable', pull);
      r.on('end', () => d.push(null));
      eos(r, { writable: false }, (err) => {
        if (err) d.destroy(err);
      });
    }
    return d;
  }

  // An async generator function as a Duplex: what is written becomes its source iterable
  // (each write completes when the generator takes the chunk); what it yields is read.
  function fromAsyncGenFn(fn) {
    const queue = [];
    let ended = false;
    let finalCb = null;
    let wake = null;
    const notify = () => {
      const w = wake;
      wake = null;
      if (w) w();
    };
    const ac = new AbortController();
    const source = {
      [Symbol.asyncIterator]() {
        return {
          async next() {
            for (;;) {
              if (queue.length) {
                const { chunk, cb } = queue.shift();
                nextTick(cb);
                return { value: chunk, done: false };
              }
              if (ended) {
                const cb = finalCb;
                finalCb = null;
                if (cb) nextTick(cb);
                return { value: undefined, done: true };
              }
              await new Promise((resolve) => {
                wake = resolve;
              });
            }
          },
          async return() {
            return { value: undefined, done: true };
          },
          [Symbol.asyncIterator]() {
            return this;
          },
        };
      },
    };
    const writable = new Writable({
      objectMode: true,
      highWaterMark: 1,
      write(chunk, encoding, cb) {
        queue.push({ chunk, cb });
        notify();
      },
      final(cb) {
        ended = true;
        finalCb = cb;
        notify();
      },
      destroy(err, cb) {
        ended = true;
        notify();
        ac.abort();
        cb(err);
      },
    });
    const out = fn(source, { signal: ac.signal });
    if (isIterable(out)) return duplexify({ readable: from(out), writable }, { objectMode: true });
    if (out && typeof out.then === 'function') {
      const d = duplexify({ writable }, { objectMode: true });
      out.then(undefined, (err) => d.destroy(err));
      return d;
    }
    throw errors.invalidReturn('body');
  }

  Duplex.from = function duplexFrom(body) {
    if (body instanceof Duplex) return body;
    if (isReadableNodeStream(body) && isWritableNodeStream(body)) return body;
    if (isReadableNodeStream(body)) return duplexify({ readable: body });
    if (isWritableNodeStream(body)) return duplexify({ writable: body });
    if (isWebReadable(body)) return duplexify({ readable: Readable.fromWeb(body) });
    if (isWebWritable(body)) return duplexify({ writable: Writable.fromWeb(body) });
    if (typeof body === 'function') return fromAsyncGenFn(body);
    if (body && typeof body === 'object' && ('readable' in body || 'writable' in body) && !isIterable(body)) {
      const r = body.readable && (isWebReadable(body.readable) ? Readable.fromWeb(body.readable) : isReadableNodeStream(body.readable) ? body.readable : Duplex.from(body.readable));
      const w = body.writable && (isWebWritable(body.writable) ? Writable.fromWeb(body.writable) : Duplex.from(body.writable));
      return duplexify({ readable: r, writable: w });
    }
    if (typeof Blob === 'function' && body instanceof Blob) return duplexify({ readable: Readable.fromWeb(body.stream()) });
    if (typeof body === 'string' || isUint8Array(body) || isIterable(body)) {
      return duplexify({ readable: from(body) });
    }
    if (body && typeof body.then === 'function') {
      const d = new Duplex({ objectMode: true, writable: false, read() {} });
      body.then((v) => {
        if (v != null) d.push(v);
        d.push(null);
      }, (err) => d.destroy(err));
      return d;
    }
    throw errors.invalidArgType('body', 'a stream, an iterable, a function or a promise', body);
  };

  Duplex.fromWeb = function fromWeb(pair, options = {}) {
    return duplexify({
      readable: Readable.fromWeb(pair.readable, { ...options, objectMode: options.readableObjectMode ?? options.objectMode }),
      writable: Writable.fromWeb(pair.writable, { ...options, objectMode: options.writableObjectMode ?? options.objectMode }),
    });
  };

  Duplex.toWeb = function toWeb(duplex) {
    return { readable: Readable.toWeb(duplex), writable: Writable.toWeb(duplex) };
  };

  // ------------------------------------------------------------------ Transform

  const kCallback = Symbol('kCallback');

  function Transform(options) {
    if (!(this instanceof Transform)) return new Transform(options);
    // A readable high-water mark of 0 means no buffering: then none on the writable side either.
    if (options) {
      const rhwm = options.highWaterMark ?? options.readableHighWaterMark;
      if (rhwm === 0) {
        options = { ...options, highWaterMark: null, readableHighWaterMark: 0, writableHighWaterMark: options.writableHighWaterMark || 0 };
      }
    }
    Duplex.call(this, options);
    this._readableState.sync = false;
    this[kCallback] = null;
    if (options) {
      if (typeof options.transform === 'function') this._transform = options.transform;
      if (typeof options.flush === 'function') this._flush = options.flush;
    }
    // Subclasses with their own _final still get flush on 'prefinish'.
    this.on('prefinish', onPrefinish);
  }
  inherits(Transform, Duplex);

  function transformFinal(cb) {
    if (typeof this._flush === 'function' && !this.destroyed) {
      this._flush((er, data) => {
        if (er) {
          if (cb) cb(er);
          else this.destroy(er);
          return;
        }
        if (data != null) this.push(data);
        this.push(null);
        if (cb) cb();
      });
    } else {
      this.push(null);
      if (cb) cb();
    }
  }

  function onPrefinish() {
    if (this._final !== transformFinal) transformFinal.call(this);
  }

  Transform.prototype._final = transformFinal;

  Transform.prototype._transform = function _transform() {
    throw errors.notImplemented('_transform()');
  };

  Transform.prototype._write = function _write(chunk, encoding, callback) {
    const r = this._readableState;
    const w = this._writableState;
    const length = r.length;
    this._transform(chunk, encoding, (err, val) => {
      if (err) {
        callback(err);
        return;
      }
      if (val != null) this.push(val);
      // Wait for the reader when the output is backed up; after the readable side ended,
      // complete asynchronously (so the writer sees backpressure).
      if (r.ended) nextTick(callback);
      else if (w.ended || length === r.length || r.length < r.highWaterMark) callback();
      else this[kCallback] = callback;
    });
  };

  Transform.prototype._read = function _read() {
    const cb = this[kCallback];
    if (cb) {
      this[kCallback] = null;
      cb();
    }
  };

  function PassThrough(options) {
    if (!(this instanceof PassThrough)) return new PassThrough(options);
    Transform.call(this, options);
  }
  inherits(PassThrough, Transform);
  PassThrough.prototype._transform = function (chunk, encoding, cb) {
    cb(null, chunk);
  };

  // ------------------------------------------------------------------ finished (eos)

  function willEmitClose(stream) {
    const state = stream._writableState || stream._readableState;
    return !!state && state.autoDestroy && state.emitClose && state.closed === false;
  }

  // Calls back once the stream is done: ended/finished (and closed when it will close), or
  // with the error, or ERR_STREAM_PREMATURE_CLOSE when it closed before that.
  function eos(stream, options, callback) {
    if (callback === undefined) {
      callback = options;
      options = {};
    } else if (options == null) {
      options = {};
    } else if (typeof options !== 'object') {
      throw errors.invalidArgType('options', 'of type object', options);
    }
    if (typeof callback !== 'function') throw errors.invalidArgType('callback', 'of type function', callback);
    if (isWebReadable(stream) || isWebWritable(stream)) eosWeb();
    if (!isNodeStream(stream)) throw errors.invalidArgType('stream', 'a ReadableStream, WritableStream or Stream', stream);
    let called = false;
    let onSignalAbort;
    const signal = options.signal;
    // Once only. The listeners stay (as in Node) until the returned cleanup is called, so that
    // a late 'error' is still handled.
    const done = (err) => {
      if (called) return;
      called = true;
      if (signal && onSignalAbort) signal.removeEventListener('abort', onSignalAbort);
      callback.call(stream, err);
    };
    const readable = options.readable ?? isReadableNodeStream(stream);
    const writable = options.writable ?? isWritableNodeStream(stream);
    const w = stream._writableState;
    const r = stream._readableState;
    const waitClose = willEmitClose(stream) && isReadableNodeStream(stream) === readable && isWritableNodeStream(stream) === writable;
    let writableDone = isWritableFinished(stream, false);
    let readableDone = isReadableFinished(stream, false);
    let closeExpected = waitClose;

    const onfinish = () => {
      writableDone = true;
      if (stream.destroyed) closeExpected = false;
      if (closeExpected && (!stream.readable || readable)) return;
      if (!readable || readableDone) done();
    };
    const onend = () => {
      readableDone = true;
      if (stream.destroyed) closeExpected = false;
      if (closeExpected && (!stream.writable || writable)) return;
      if (!writable || writableDone) done();
    };
    const onerror = (err) => done(err);
    const onclose = () => {
      const errored = (w && w.errored) || (r && r.errored);
      if (errored && typeof errored !== 'boolean') return done(errored);
      if (readable && !readableDone && isReadableNodeStream(stream, true) && !isReadableFinished(stream, false)) return done(errors.premature());
      if (writable && !writableDone && !isWritableFinished(stream, false)) return done(errors.premature());
      done();
    };
    const onclosed = () => {
      const errored = (w && w.errored) || (r && r.errored);
      done(errored && typeof errored !== 'boolean' ? errored : undefined);
    };
    // Legacy writables (no state) signal the end with 'end'/'close' and writable = false.
    const onlegacyfinish = () => {
      if (!stream.writable) onfinish();
    };
    const onabort = () => onclose();
    const onrequest = () => stream.req.on('finish', onfinish);
    const isRequest = typeof stream.setHeader === 'function' && typeof stream.abort === 'function';

    if (isRequest) {
      stream.on('complete', onfinish);
      if (!waitClose) stream.on('abort', onclose);
      if (stream.req) onrequest();
      else stream.on('request', onrequest);
    } else if (writable && !w) {
      stream.on('end', onlegacyfinish);
      stream.on('close', onlegacyfinish);
    }
    if (!waitClose && typeof stream.aborted === 'boolean') stream.on('aborted', onabort);
    stream.on('end', onend);
    stream.on('finish', onfinish);
    if (options.error !== false) stream.on('error', onerror);
    stream.on('close', onclose);

    const closed = (w && w.closed) || (r && r.closed) || (!w && !r && stream.closed === true);
    if (closed) {
      nextTick(onclose);
    } else if ((w && w.errorEmitted) || (r && r.errorEmitted)) {
      if (!waitClose) nextTick(onclosed);
    } else if (!readable && (!waitClose || isReadable(stream)) && (writableDone || isWritable(stream) === false)) {
      nextTick(onclosed);
    } else if (!writable && (!waitClose || isWritable(stream)) && (readableDone || isReadable(stream) === false)) {
      nextTick(onclosed);
    } else if (r && stream.req && stream.aborted) {
      nextTick(onclosed);
    }

    function cleanup() {
      stream.removeListener('aborted', onabort);
      stream.removeListener('complete', onfinish);
      stream.removeListener('abort', onclose);
      stream.removeListener('request', onrequest);
      if (stream.req) stream.req.removeListener('finish', onfinish);
      stream.removeListener('end', onlegacyfinish);
      stream.removeListener('close', onlegacyfinish);
      stream.removeListener('finish', onfinish);
      stream.removeListener('end', onend);
      stream.removeListener('error', onerror);
      stream.removeListener('close', onclose);
      if (signal && onSignalAbort) signal.removeEventListener('abort', onSignalAbort);
    }
    if (signal && !called) {
      onSignalAbort = () => done(new AbortError(undefined, { cause: signal.reason }));
      if (signal.aborted) nextTick(onSignalAbort);
      else signal.addEventListener('abort', onSignalAbort, { once: true });
    }
    return () => {
      called = true;
      cleanup();
    };
  }

  // Web streams can only be watched through a reader, which would lock them: not supported.
  function eosWeb() {
    throw codedError(Error, 'ERR_METHOD_NOT_IMPLEMENTED', 'finished() of a web stream is not supported in ferroute; use the reader\'s closed promise');
  }

  // ------------------------------------------------------------------ addAbortSignal

  function addAbortSignal(signal, stream) {
    if (!signal || typeof signal !== 'object' || !('aborted' in signal)) throw errors.invalidArgType('signal', 'an instance of AbortSignal', signal);
    if (!isNodeStream(stream) && !isWebReadable(stream) && !isWebWritable(stream)) throw errors.invalidArgType('stream', 'an instance of Stream', stream);
    const onAbort = () => {
      const err = new AbortError(undefined, { cause: signal.reason });
      if (isNodeStream(stream)) stream.destroy(err);
      else if (isWebReadable(stream)) stream.cancel(err).catch(nop);
      else stream.abort(err).catch(nop);
    };
    if (signal.aborted) {
      onAbort();
    } else {
      signal.addEventListener('abort', onAbort, { once: true });
      if (isNodeStream(stream)) eos(stream, () => signal.removeEventListener('abort', onAbort));
    }
    return stream;
  }

  // ------------------------------------------------------------------ pipeline

  function popCallback(streams) {
    const cb = streams[streams.length - 1];
    if (typeof cb !== 'function') throw errors.invalidArgType('streams[stream.length - 1]', 'of type function', cb);
    return streams.pop();
  }

  // Writes an (async) iterable into a writable, respecting backpressure.
  async function pumpIterable(iterable, writable, finish, { end }) {
    let error = null;
    let wake = null;
    const resume = (err) => {
      if (err) error = err;
      if (wake) {
        const w = wake;
        wake = null;
        w();
      }
    };
    const waitDrain = () => new Promise((resolve, reject) => {
      if (error) reject(error);
      else wake = () => (error ? reject(error) : resolve());
    });
    writable.on('drain', resume);
    const cleanup = eos(writable, { readable: false }, resume);
    try {
      if (writable.writableNeedDrain) await waitDrain();
      for await (const chunk of iterable) {
        if (!writable.write(chunk)) await waitDrain();
      }
      if (end) {
        writable.end();
        await waitDrain();
      }
      finish();
    } catch (err) {
      finish(error !== err ? aggregate(error, err) : err);
    } finally {
      cleanup();
      writable.off('drain', resume);
    }
  }

  function aggregate(a, b) {
    if (a && b && a !== b) {
      if (typeof AggregateError === 'function') {
        const e = new AggregateError([a, b], b.message);
        e.code = b.code;
        return e;
      }
      return b;
    }
    return a || b;
  }

  // A stream as an async iterable of its chunks.
  function asIterable(value) {
    if (isWebReadable(value)) return asIterable(Readable.fromWeb(value));
    if (isReadableNodeStream(value)) {
      if (typeof value[Symbol.asyncIterator] === 'function' && value instanceof Readable) return readableIterator(value);
      return readableIterator(new Readable({ objectMode: true }).wrap(value));
    }
    if (isIterable(value)) return value;
    throw errors.invalidArgType('val', 'a Readable, iterable or AsyncIterable', value);
  }

  function pipelineImpl(streams, callback, opts) {
    if (streams.length === 1 && Array.isArray(streams[0])) streams = streams[0];
    if (streams.length < 2) throw errors.missingArgs('streams');
    const outerSignal = opts && opts.signal;
    const ac = new AbortController();
    const signal = ac.signal;
    const lastStreamCleanup = [];
    let error;
    let value;
    const destroys = [];
    let finishCount = 0;
    let finalCalled = false;

    function abort() {
      finishImpl(new AbortError(undefined, { cause: outerSignal && outerSignal.reason }));
    }
    if (outerSignal) {
      if (outerSignal.aborted) nextTick(abort);
      else outerSignal.addEventListener('abort', abort, { once: true });
    }

    function finish(err) {
      finishImpl(err, --finishCount === 0);
    }
    function finishImpl(err, final) {
      if (err && (!error || error.code === 'ERR_STREAM_PREMATURE_CLOSE')) error = err;
      if (!error && !final) return;
      while (destroys.length) destroys.shift()(error);
      if (outerSignal) outerSignal.removeEventListener('abort', abort);
      ac.abort();
      if (final && !finalCalled) {
        finalCalled = true;
        if (!error) for (const fn of lastStreamCleanup) fn();
        nextTick(callback, error, value);
      }
    }

    // Destroys `stream` on failure unless it already finished fine.
    function track(stream, reading, writing) {
      let finished = false;
      const cleanup = eos(stream, { readable: reading, writable: writing }, (err) => {
        finished = !err;
      });
      destroys.push((err) => {
        // On success every stream has finished or is about to: only failures destroy.
        if (finished || !err) return;
        finished = true;
        destroyer(stream, err || errors.destroyed('pipe'));
      });
      return cleanup;
    }

    function pipeStreams(src, dst, finishFn, { end }) {
      let ended = false;
      // Closed before the source ended: fail (without counting as this pipe's completion).
      dst.on('close', () => {
        if (!ended) finishImpl(errors.premature(), false);
      });
      src.pipe(dst, { end: false });
      if (end) {
        const endFn = () => {
          ended = true;
          dst.end();
        };
        if (isReadableFinished(src)) nextTick(endFn);
        else src.once('end', endFn);
        return eosAndDone(dst, finishFn, src);
      }
      finishFn();
      watchSource(src, finishFn);
      return nop;
    }

    function eosAndDone(dst, finishFn, src) {
      const cleanup = eos(dst, { readable: false, writable: true }, finishFn);
      watchSource(src, finishFn);
      return cleanup;
    }

    function watchSource(src, finishFn) {
      eos(src, { readable: true, writable: false }, (err) => {
        const r = src._readableState;
        // An error after the writable side ended is the writable's business.
        if (err && err.code === 'ERR_STREAM_PREMATURE_CLOSE' && r && r.ended && !r.errored && !r.errorEmitted) {
          src.once('end', finishFn).once('error', finishFn);
        } else {
          finishFn(err);
        }
      });
    }

    let ret;
    for (let i = 0; i < streams.length; i++) {
      const stream = streams[i];
      const reading = i < streams.length - 1;
      const writing = i > 0;
      const end = reading || !opts || opts.end !== false;
      const isLast = i === streams.length - 1;

      if (isNodeStream(stream)) {
        const cleanup = track(stream, reading, writing);
        if (end && isLast) lastStreamCleanup.push(cleanup);
        // Errors after the data has moved still fail the pipeline (and are not uncaught).
        const onError = (err) => {
          if (err && err.name !== 'AbortError' && err.code !== 'ERR_STREAM_PREMATURE_CLOSE') finish(err);
        };
        stream.on('error', onError);
        // A readable last stream is handed back to the caller, who owns its errors then.
        if (isLast && isReadable(stream)) lastStreamCleanup.push(() => stream.removeListener('error', onError));
      }

      if (i === 0) {
        if (typeof stream === 'function') {
          ret = stream({ signal });
          if (!isIterable(ret)) throw errors.invalidReturn('source');
        } else if (isNodeStream(stream) || isIterable(stream) || isWebReadable(stream)) {
          ret = stream;
        } else {
          ret = Duplex.from(stream);
        }
      } else if (typeof stream === 'function') {
        ret = stream(asIterable(ret), { signal });
        if (reading) {
          if (!isIterable(ret, true)) throw errors.invalidReturn(`transform[${i - 1}]`);
        } else {
          // The last function: its promise (or iterable) is the pipeline's value.
          const pt = new PassThrough({ objectMode: true });
          const then = ret && ret.then;
          if (typeof then === 'function') {
            finishCount++;
            ret.then((val) => {
              value = val;
              if (val != null) pt.write(val);
              if (end) pt.end();
              nextTick(finish);
            }, (err) => {
              pt.destroy(err);
              nextTick(finish, err);
            });
          } else if (isIterable(ret, true)) {
            finishCount++;
            pumpIterable(ret, pt, finish, { end });
          } else {
            throw errors.invalidReturn('destination');
          }
          ret = pt;
          const cleanup = track(ret, false, true);
          if (end && isLast) lastStreamCleanup.push(cleanup);
        }
      } else if (isNodeStream(stream)) {
        if (isReadableNodeStream(ret)) {
          finishCount += 2;
          const cleanup = pipeStreams(ret, stream, finish, { end });
          if (isLast && isReadable(stream)) lastStreamCleanup.push(cleanup);
        } else if (isWebReadable(ret)) {
          finishCount++;
          pumpIterable(asIterable(ret), stream, finish, { end });
        } else if (isIterable(ret)) {
          finishCount++;
          pumpIterable(ret, stream, finish, { end });
        } else {
          throw errors.invalidArgType('val', 'a Readable, iterable or AsyncIterable', ret);
        }
        ret = stream;
      } else if (isWebWritable(stream)) {
        const w = Writable.fromWeb(stream);
        w.on('error', nop); // reported through the callback
        track(w, false, true);
        finishCount++;
        pumpIterable(asIterable(ret), w, finish, { end });
        ret = stream;
      } else {
        ret = Duplex.from(stream);
      }
    }
    if ((signal && signal.aborted) || (outerSignal && outerSignal.aborted)) nextTick(abort);
    return ret;
  }

  function pipeline(...streams) {
    return pipelineImpl(streams, onceCallback(popCallback(streams)));
  }

  function onceCallback(cb) {
    let called = false;
    return (...args) => {
      if (called) return;
      called = true;
      cb(...args);
    };
  }

  function finished(stream, options, callback) {
    return eos(stream, options, callback);
  }

  // ------------------------------------------------------------------ compose

  function compose(...streams) {
    if (streams.length === 0) throw errors.missingArgs('streams');
    if (streams.length === 1) return Duplex.from(streams[0]);
    const head = typeof streams[0] === 'function' ? Duplex.from(streams[0]) : streams[0];
    const tail = streams[streams.length - 1];
    const middle = streams.slice(1, -1);
    const last = typeof tail === 'function' ? Duplex.from(tail) : tail;
    const writable = isWritableNodeStream(head) ? head : null;
    const readable = isReadableNodeStream(last) ? last : null;
    const d = duplexify({ readable, writable });
    pipeline(head, ...middle.map((s) => (typeof s === 'function' ? Duplex.from(s) : s)), last, (err) => {
      if (err) d.destroy(err);
    });
    return d;
  }

  // ------------------------------------------------------------------ promises / consumers

  const promises = {
    pipeline(...streams) {
      return new Promise((resolve, reject) => {
        let opts;
        const last = streams[streams.length - 1];
        if (last && typeof last === 'object' && !isNodeStream(last) && !isIterable(last) && !isWebReadable(last) && !isWebWritable(last)) {
          opts = streams.pop();
        }
        pipelineImpl(streams, (err, value) => (err ? reject(err) : resolve(value)), opts);
      });
    },
    finished(stream, opts) {
      if (opts && opts.cleanup !== undefined && typeof opts.cleanup !== 'boolean') {
        throw errors.invalidArgType('cleanup', 'of type boolean', opts.cleanup);
      }
      return new Promise((resolve, reject) => {
        const cleanup = eos(stream, opts, (err) => {
          if (opts && opts.cleanup) cleanup();
          if (err) reject(err);
          else resolve();
        });
      });
    },
  };

  async function* chunksOf(stream) {
    if (isWebReadable(stream)) {
      const reader = stream.getReader();
      try {
        while (true) {
          const { value, done } = await reader.read();
          if (done) return;
          yield value;
        }
      } finally {
        reader.releaseLock();
      }
    } else {
      yield* stream;
    }
  }

  async function bufferOf(stream) {
    const chunks = [];
    for await (const chunk of chunksOf(stream)) {
      chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : isUint8Array(chunk) ? toBuffer(chunk) : Buffer.from(chunk));
    }
    return Buffer.concat(chunks);
  }

  const consumers = {
    async arrayBuffer(stream) {
      const buf = await bufferOf(stream);
      return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
    },
    async blob(stream) {
      return new Blob([await bufferOf(stream)]);
    },
    buffer: bufferOf,
    async text(stream) {
      let out = '';
      let bytes = [];
      for await (const chunk of chunksOf(stream)) {
        if (typeof chunk === 'string') {
          if (bytes.length) {
            out += Buffer.concat(bytes).toString('utf8');
            bytes = [];
          }
          out += chunk;
        } else {
          bytes.push(isUint8Array(chunk) ? toBuffer(chunk) : Buffer.from(chunk));
        }
      }
      if (bytes.length) out += Buffer.concat(bytes).toString('utf8');
      return out;
    },
    async json(stream) {
      return JSON.parse(await consumers.text(stream));
    },
  };

  // ------------------------------------------------------------------ exports

  Stream.Stream = Stream;
  Stream.Readable = Readable;
  Stream.Writable = Writable;
  Stream.Duplex = Duplex;
  Stream.Transform = Transform;
  Stream.PassThrough = PassThrough;
  Stream.pipeline = pipeline;
  Stream.finished = finished;
  Stream.addAbortSignal = addAbortSignal;
  Stream.compose = compose;
  Stream.destroy = destroyer;
  Stream.isReadable = isReadable;
  Stream.isWritable = isWritable;
  Stream.isErrored = isErrored;
  Stream.isDisturbed = isDisturbed;
  Stream.isDestroyed = isDestroyed;
  Stream.getDefaultHighWaterMark = (objectMode) => (objectMode ? defaultObjectHWM : defaultHWM);
  Stream.setDefaultHighWaterMark = (objectMode, value) => {
    if (!Number.isInteger(value) || value < 0) throw errorsInvalidValue('value', value);
    if (objectMode) defaultObjectHWM = value;
    else defaultHWM = value;
  };
  Stream._isUint8Array = isUint8Array;
  Stream._uint8ArrayToBuffer = toBuffer;
  Object.defineProperty(Stream, 'promises', { value: promises, enumerable: true, configurable: true });
  Object.defineProperty(pipeline, Symbol.for('nodejs.util.promisify.custom'), { value: promises.pipeline, enumerable: true });
  Object.defineProperty(finished, Symbol.for('nodejs.util.promisify.custom'), { value: promises.finished, enumerable: true });

  internal.modules['node:stream'] = Stream;
  internal.modules['node:stream/promises'] = promises;
  internal.modules['node:stream/consumers'] = consumers;
})();
