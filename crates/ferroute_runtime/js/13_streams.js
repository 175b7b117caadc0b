// 13_streams.js — WHATWG Streams `TransformStream` (+ `TransformStreamDefaultController`) and
// WHATWG Encoding `TextEncoderStream` / `TextDecoderStream`, layered on the engine's native
// (llrt) ReadableStream and WritableStream.
//
// The spec defines TransformStream with abstract operations that reach into the internal slots
// of its two streams. Here the two halves are ordinary streams built through the public
// constructors (so `pipeThrough`/`pipeTo` accept them), and the transform stream keeps just
// enough shadow state to answer the questions the spec asks of them:
//   readable: started? close requested? errored (and with what)? canceled?
//   writable: "writable", "erroring", "errored" or "closed", and the stored error. An abort()
//   is seen through the controller's signal; "erroring" becomes "errored" once the stream
//   has started and no write/close is in flight, as in WritableStreamStartErroring.
// Backpressure follows the spec's [[backpressure]] / [[backpressureChangePromise]] design;
// ReadableStreamDefaultControllerHasBackpressure is computed as
// `!started || desiredSize <= 0`, the public-API equivalent of !ShouldCallPull after an enqueue.
(() => {
  'use strict';

  // Created by 00_internal.js (and by the Node test harness).
  const internal = globalThis[Symbol.for('ferroute.internal')];

  /** On JavaScriptCore the platform's own TransformStream (js/jsc/20_streams.js), which the
   * encoding streams below are built on; this file's TransformStream is not installed there. */
  const PlatformTransformStream = internal.config.engine === 'jsc' ? globalThis.TransformStream : undefined;

  const NativeReadableStream = globalThis.ReadableStream;
  const NativeWritableStream = globalThis.WritableStream;
  const NativeTextEncoder = globalThis.TextEncoder;
  const NativeTextDecoder = globalThis.TextDecoder;

  const kState = Symbol('TransformStream.state');
  const kControllerState = Symbol('TransformStreamDefaultController.state');
  const kEncoderTransform = Symbol('TextEncoderStream.transform');
  const kDecoderState = Symbol('TextDecoderStream.state');

  const resolvedUndefined = () => Promise.resolve(undefined);

  // The streams spec turns a start() result into "a promise resolved with" it: a new promise
  // that settles two microtasks after a promise result does. llrt's native streams use
  // Promise.resolve() (the same promise, no delay), so there the transform stream hands them
  // an already-adopted promise to keep the spec's ordering between start completion and
  // abort()/cancel() issued right after construction. (JS implementations such as Node's
  // follow the spec and get the original promise.)
  const ENGINE_SKIPS_START_ADOPTION = /\[native code\]/.test(
    Function.prototype.toString.call(globalThis.WritableStream),
  );
  const adopt = (promise) => new Promise((resolve) => resolve(promise));

  function illegalInvocation() {
    return new TypeError('Illegal invocation');
  }

  function defineGlobal(name, value) {
    Object.defineProperty(globalThis, name, {
      value,
      writable: true,
      enumerable: false,
      configurable: true,
    });
  }

  function finishClass(cls, tag, members) {
    const proto = cls.prototype;
    for (const name of members) Object.defineProperty(proto, name, { enumerable: true });
    Object.defineProperty(proto, Symbol.toStringTag, {
      value: tag,
      writable: false,
      enumerable: false,
      configurable: true,
    });
  }

  const withResolvers =
    typeof Promise.withResolvers === 'function'
      ? () => Promise.withResolvers()
      : () => {
          let resolve;
          let reject;
          const promise = new Promise((res, rej) => {
            resolve = res;
            reject = rej;
          });
          return { promise, resolve, reject };
        };

  // WebIDL "invoke a callback function" with a Promise return type: sync throws become
  // rejections, and the result is converted to a *new* promise (which adopts a returned
  // promise two microtasks later, as the spec's timing requires).
  function promiseCall(fn, thisArg, args) {
    try {
      return adopt(Reflect.apply(fn, thisArg, args));
    } catch (e) {
      return Promise.reject(e);
    }
  }

  function isObjectLike(value) {
    return value !== null && (typeof value === 'object' || typeof value === 'function');
  }

  function convertDictionary(value, what) {
    if (value === undefined || value === null) return null;
    if (!isObjectLike(value)) {
      throw new TypeError(`Failed to construct 'TransformStream': ${what} is not an object.`);
    }
    return value;
  }

  function convertCallback(value, what) {
    if (value !== undefined && typeof value !== 'function') {
      throw new TypeError(`Failed to construct 'TransformStream': ${what} is not a function.`);
    }
    return value;
  }

  // QueuingStrategy dictionary -> { highWaterMark, size } with members read once, in order.
  function convertStrategy(strategy, what) {
    const dict = convertDictionary(strategy, what);
    if (dict === null) return { highWaterMark: undefined, size: undefined };
    const hwm = dict.highWaterMark;
    const size = convertCallback(dict.size, `${what}.size`);
    return { highWaterMark: hwm === undefined ? undefined : Number(hwm), size };
  }

  function extractHighWaterMark(strategy, defaultHWM) {
    if (strategy.highWaterMark === undefined) return defaultHWM;
    const hwm = strategy.highWaterMark;
    if (Number.isNaN(hwm) || hwm < 0) throw new RangeError('Invalid highWaterMark');
    return hwm;
  }

  function extractSizeAlgorithm(strategy) {
    const size = strategy.size;
    if (size === undefined) return undefined;
    return (chunk) => Reflect.apply(size, undefined, [chunk]);
  }

  // ---------------------------------------------------------------------------------------
  // TransformStream

  class TransformStream {
    constructor(transformer = undefined, writableStrategy = undefined, readableStrategy = undefined) {
      // WebIDL conversions, in argument order; dictionary members in lexicographic order.
      const transformerObj = convertDictionary(transformer, 'transformer');
      let cancel;
      let flush;
      let readableType;
      let start;
      let transform;
      let writableType;
      if (transformerObj !== null) {
        cancel = convertCallback(transformerObj.cancel, 'transformer.cancel');
        flush = convertCallback(transformerObj.flush, 'transformer.flush');
        readableType = transformerObj.readableType;
        start = convertCallback(transformerObj.start, 'transformer.start');
        transform = convertCallback(transformerObj.transform, 'transformer.transform');
        writableType = transformerObj.writableType;
      }
      const writableStrat = convertStrategy(writableStrategy, 'writableStrategy');
      const readableStrat = convertStrategy(readableStrategy, 'readableStrategy');

      if (readableType !== undefined) throw new RangeError('Invalid readableType specified');
      if (writableType !== undefined) throw new RangeError('Invalid writableType specified');
      const readableHighWaterMark = extractHighWaterMark(readableStrat, 0);
      const readableSizeAlgorithm = extractSizeAlgorithm(readableStrat);
      const writableHighWaterMark = extractHighWaterMark(writableStrat, 1);
      const writableSizeAlgorithm = extractSizeAlgorithm(writableStrat);

      const startPromise = withResolvers();
      const s = initializeTransformStream(
        this,
        startPromise.promise,
        writableHighWaterMark,
        writableSizeAlgorithm,
        readableHighWaterMark,
        readableSizeAlgorithm,
      );
      setUpControllerFromTransformer(s, transformerObj, transform, flush, cancel);
      if (start !== undefined) {
        startPromise.resolve(Reflect.apply(start, transformerObj, [s.controller]));
      } else {
        startPromise.resolve(undefined);
      }
    }

    get readable() {
      const s = this?.[kState];
      if (s === undefined) throw illegalInvocation();
      return s.readable;
    }

    get writable() {
      const s = this?.[kState];
      if (s === undefined) throw illegalInvocation();
      return s.writable;
    }
  }
  finishClass(TransformStream, 'TransformStream', ['readable', 'writable']);

  function initializeTransformStream(stream, startPromise, writableHWM, writableSize, readableHWM, readableSize) {
    const s = {
      stream,
      readable: undefined,
      writable: undefined,
      rsController: undefined,
      wsController: undefined,
      backpressure: undefined,
      backpressureChangePromise: undefined,
      backpressureChangeResolve: undefined,
      controller: undefined,
      transformAlgorithm: undefined,
      flushAlgorithm: undefined,
      cancelAlgorithm: undefined,
      finishPromise: undefined,
      // shadow state of the readable side
      rsStarted: false,
      rsCloseRequested: false,
      rsCanceled: false,
      rsErrored: false,
      rsStoredError: undefined,
      // shadow state of the writable side
      wsStarted: false,
      wsInFlight: false,
      wsClosed: false,
      wsErrored: false, // "erroring" or "errored"
      wsAbortCalled: false, // the sink's abort() ran, so the writable is "errored"
      wsStoredError: undefined,
    };
    stream[kState] = s;
    const startResult = ENGINE_SKIPS_START_ADOPTION ? adopt(startPromise) : startPromise;

    const writableStrategy = { highWaterMark: writableHWM };
    if (writableSize !== undefined) writableStrategy.size = writableSize;
    s.writable = new NativeWritableStream(
      {
        start(controller) {
          s.wsController = controller;
          return startResult;
        },
        write(chunk) {
          return sinkWrite(s, chunk);
        },
        close() {
          return sinkClose(s);
        },
        abort(reason) {
          return sinkAbort(s, reason);
        },
      },
      writableStrategy,
    );

    const readableStrategy = { highWaterMark: readableHWM };
    if (readableSize !== undefined) readableStrategy.size = readableSize;
    s.readable = new NativeReadableStream(
      {
        start(controller) {
          s.rsController = controller;
          return startResult;
        },
        pull() {
          return sourcePull(s);
        },
        cancel(reason) {
          return sourceCancel(s, reason);
        },
      },
      readableStrategy,
    );

    // Mirror what the two streams do when their start promise settles (right after them).
    (ENGINE_SKIPS_START_ADOPTION ? startResult : adopt(startPromise)).then(
      () => {
        s.rsStarted = true;
        s.wsStarted = true;
      },
      (r) => {
        s.rsStarted = true;
        s.wsStarted = true;
        markReadableErrored(s, r);
        markWritableErrored(s, r);
      },
    );

    setBackpressure(s, true);
    return s;
  }

  function setUpControllerFromTransformer(s, transformer, transform, flush, cancel) {
    const controller = Object.create(TransformStreamDefaultController.prototype);
    controller[kControllerState] = s;
    s.controller = controller;
    s.transformAlgorithm =
      transform !== undefined
        ? (chunk) => promiseCall(transform, transformer, [chunk, controller])
        : (chunk) => {
            try {
              controllerEnqueue(s, chunk);
              return Promise.resolve(undefined);
            } catch (e) {
              return Promise.reject(e);
            }
          };
    s.flushAlgorithm = flush !== undefined ? () => promiseCall(flush, transformer, [controller]) : resolvedUndefined;
    s.cancelAlgorithm =
      cancel !== undefined ? (reason) => promiseCall(cancel, transformer, [reason]) : resolvedUndefined;
  }

  function clearAlgorithms(s) {
    s.transformAlgorithm = undefined;
    s.flushAlgorithm = undefined;
    s.cancelAlgorithm = undefined;
  }

  // ---- shadow state helpers ----

  function readableCanCloseOrEnqueue(s) {
    return !s.rsCloseRequested && !s.rsCanceled && !s.rsErrored;
  }

  function markReadableErrored(s, e) {
    if (readableCanCloseOrEnqueue(s)) {
      s.rsErrored = true;
      s.rsStoredError = e;
    }
  }

  // ReadableStreamDefaultControllerError(stream.[[readable]].[[controller]], e)
  function readableError(s, e) {
    markReadableErrored(s, e);
    s.rsController.error(e); // a no-op unless the readable is still "readable"
  }

  // ReadableStreamDefaultControllerClose(stream.[[readable]].[[controller]])
  function readableClose(s) {
    if (!readableCanCloseOrEnqueue(s)) return;
    s.rsCloseRequested = true;
    s.rsController.close();
  }

  function markWritableErrored(s, e) {
    if (!s.wsErrored && !s.wsClosed) {
      s.wsErrored = true;
      s.wsStoredError = e;
    }
  }

  // The writable's [[state]] as far as it can be known from outside.
  function writableState(s) {
    if (s.wsClosed) return 'closed';
    if (!s.wsErrored) {
      const signal = s.wsController?.signal;
      if (signal === undefined || !signal.aborted) return 'writable';
      markWritableErrored(s, signal.reason); // abort() was called: "erroring" with its reason
    }
    return s.wsAbortCalled || (s.wsStarted && !s.wsInFlight) ? 'errored' : 'erroring';
  }

  // WritableStreamDefaultControllerErrorIfNeeded(stream.[[writable]].[[controller]], e)
  function writableErrorIfNeeded(s, e) {
    if (writableState(s) !== 'writable') return;
    markWritableErrored(s, e);
    s.wsController.error(e);
  }

  // Marks the sink close in flight until `promise` settles; returns `promise`.
  function inFlight(s, promise) {
    s.wsInFlight = true;
    const done = () => {
      s.wsInFlight = false;
    };
    promise.then(done, done);
    return promise;
  }

  // ---- abstract operations ----

  function setBackpressure(s, backpressure) {
    if (s.backpressureChangeResolve !== undefined) s.backpressureChangeResolve(undefined);
    const { promise, resolve } = withResolvers();
    s.backpressureChangePromise = promise;
    s.backpressureChangeResolve = resolve;
    s.backpressure = backpressure;
  }

  function transformStreamError(s, e) {
    readableError(s, e);
    errorWritableAndUnblockWrite(s, e);
  }

  function errorWritableAndUnblockWrite(s, e) {
    clearAlgorithms(s);
    writableErrorIfNeeded(s, e);
    unblockWrite(s);
  }

  function unblockWrite(s) {
    if (s.backpressure) setBackpressure(s, false);
  }

  function controllerEnqueue(s, chunk) {
    if (!readableCanCloseOrEnqueue(s)) {
      throw new TypeError('Readable side is not in a state that permits enqueue');
    }
    try {
      s.rsController.enqueue(chunk);
    } catch (e) {
      // The strategy's size() threw: the readable is now errored with e.
      markReadableErrored(s, e);
      errorWritableAndUnblockWrite(s, e);
      throw s.rsStoredError;
    }
    const backpressure = !s.rsStarted || !(s.rsController.desiredSize > 0);
    if (backpressure && !s.backpressure) setBackpressure(s, true);
  }

  function controllerTerminate(s) {
    readableClose(s);
    errorWritableAndUnblockWrite(s, new TypeError('TransformStream terminated'));
  }

  // (Both sink write paths keep s.wsInFlight set until the write's promise settles.)
  function performTransform(s, chunk) {
    const algorithm = s.transformAlgorithm;
    if (algorithm === undefined) {
      s.wsInFlight = false;
      return Promise.reject(new TypeError('TransformStream is errored'));
    }
    return algorithm(chunk).then(
      () => {
        s.wsInFlight = false;
      },
      (r) => {
        transformStreamError(s, r);
        s.wsInFlight = false;
        throw r;
      },
    );
  }

  function sinkWrite(s, chunk) {
    s.wsInFlight = true;
    if (s.backpressure) {
      return s.backpressureChangePromise.then(() => {
        if (writableState(s) === 'erroring') {
          s.wsInFlight = false;
          throw s.wsStoredError;
        }
        return performTransform(s, chunk);
      });
    }
    return performTransform(s, chunk);
  }

  function sinkAbort(s, reason) {
    markWritableErrored(s, reason);
    s.wsAbortCalled = true;
    if (s.finishPromise !== undefined) return s.finishPromise;
    const finish = withResolvers();
    s.finishPromise = finish.promise;
    const cancelPromise = (s.cancelAlgorithm ?? resolvedUndefined)(reason);
    clearAlgorithms(s);
    cancelPromise.then(
      () => {
        if (s.rsErrored) {
          finish.reject(s.rsStoredError);
        } else {
          readableError(s, reason);
          finish.resolve(undefined);
        }
      },
      (r) => {
        readableError(s, r);
        finish.reject(r);
      },
    );
    return finish.promise;
  }

  function sinkClose(s) {
    if (s.finishPromise !== undefined) return s.finishPromise;
    const finish = withResolvers();
    s.finishPromise = finish.promise;
    const flushPromise = (s.flushAlgorithm ?? resolvedUndefined)();
    clearAlgorithms(s);
    flushPromise.then(
      () => {
        if (s.rsErrored) {
          markWritableErrored(s, s.rsStoredError);
          finish.reject(s.rsStoredError);
        } else {
          readableClose(s);
          if (!s.wsErrored) s.wsClosed = true;
          finish.resolve(undefined);
        }
      },
      (r) => {
        readableError(s, r);
        markWritableErrored(s, r);
        finish.reject(r);
      },
    );
    return inFlight(s, finish.promise);
  }

  function sourcePull(s) {
    setBackpressure(s, false);
    return s.backpressureChangePromise;
  }

  function sourceCancel(s, reason) {
    s.rsCanceled = true; // ReadableStreamCancel closes the readable before calling us
    if (s.finishPromise !== undefined) return s.finishPromise;
    const finish = withResolvers();
    s.finishPromise = finish.promise;
    const cancelPromise = (s.cancelAlgorithm ?? resolvedUndefined)(reason);
    clearAlgorithms(s);
    cancelPromise.then(
      () => {
        if (writableState(s) === 'errored') {
          finish.reject(s.wsStoredError);
        } else {
          writableErrorIfNeeded(s, reason);
          unblockWrite(s);
          finish.resolve(undefined);
        }
      },
      (r) => {
        writableErrorIfNeeded(s, r);
        unblockWrite(s);
        finish.reject(r);
      },
    );
    return finish.promise;
  }

  // ---------------------------------------------------------------------------------------
  // TransformStreamDefaultController

  class TransformStreamDefaultController {
    constructor() {
      throw new TypeError('Illegal constructor');
    }

    get desiredSize() {
      const s = this?.[kControllerState];
      if (s === undefined) throw illegalInvocation();
      return s.rsController.desiredSize;
    }

    enqueue(chunk = undefined) {
      const s = this?.[kControllerState];
      if (s === undefined) throw illegalInvocation();
      controllerEnqueue(s, chunk);
    }

    error(reason = undefined) {
      const s = this?.[kControllerState];
      if (s === undefined) throw illegalInvocation();
      transformStreamError(s, reason);
    }

    terminate() {
      const s = this?.[kControllerState];
      if (s === undefined) throw illegalInvocation();
      controllerTerminate(s);
    }
  }
  finishClass(TransformStreamDefaultController, 'TransformStreamDefaultController', [
    'desiredSize',
    'enqueue',
    'error',
    'terminate',
  ]);

  // ---------------------------------------------------------------------------------------
  // TextEncoderStream (https://encoding.spec.whatwg.org/#interface-textencoderstream)

  const REPLACEMENT_UTF8 = [0xef, 0xbf, 0xbd];

  class TextEncoderStream {
    constructor() {
      const encoder = new NativeTextEncoder();
      let pendingHighSurrogate = '';
      this[kEncoderTransform] = new (PlatformTransformStream ?? TransformStream)({
        transform(chunk, controller) {
          if (typeof chunk !== 'string') {
            if (typeof chunk === 'symbol') throw new TypeError('Cannot convert a Symbol value to a string');
            chunk = String(chunk);
          }
          if (pendingHighSurrogate !== '') {
            chunk = pendingHighSurrogate + chunk;
            pendingHighSurrogate = '';
          }
          const last = chunk.charCodeAt(chunk.length - 1);
          if (last >= 0xd800 && last <= 0xdbff) {
            pendingHighSurrogate = chunk[chunk.length - 1];
            chunk = chunk.slice(0, -1);
          }
          if (chunk === '') return;
          // Lone surrogates become U+FFFD (the engine's encoder would reject them).
          controller.enqueue(encoder.encode(chunk.toWellFormed()));
        },
        flush(controller) {
          if (pendingHighSurrogate !== '') controller.enqueue(new Uint8Array(REPLACEMENT_UTF8));
        },
      });
    }

    get encoding() {
      const transform = this?.[kEncoderTransform];
      if (transform === undefined) throw illegalInvocation();
      return 'utf-8';
    }

    get readable() {
      const transform = this?.[kEncoderTransform];
      if (transform === undefined) throw illegalInvocation();
      return transform.readable;
    }

    get writable() {
      const transform = this?.[kEncoderTransform];
      if (transform === undefined) throw illegalInvocation();
      return transform.writable;
    }
  }
  finishClass(TextEncoderStream, 'TextEncoderStream', ['encoding', 'readable', 'writable']);

  // ---------------------------------------------------------------------------------------
  // TextDecoderStream (https://encoding.spec.whatwg.org/#interface-textdecoderstream)
  //
  // UTF-8 and UTF-16 sequences cut at the end of a chunk are carried over here, and the BOM is
  // handled here (only at the start of the stream); the legacy encodings' decoders are fed
  // with `{ stream: true }` and keep unfinished sequences themselves.

  const abByteLength = Object.getOwnPropertyDescriptor(ArrayBuffer.prototype, 'byteLength').get;

  const EMPTY_BYTES = new Uint8Array(0);

  // AllowSharedBufferSource -> Uint8Array view (a detached buffer reads as empty).
  function toBufferSourceBytes(chunk) {
    if (ArrayBuffer.isView(chunk)) {
      return chunk.byteLength === 0 ? EMPTY_BYTES : new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    }
    if (isObjectLike(chunk)) {
      let length = -1;
      try {
        length = abByteLength.call(chunk);
      } catch {
        if (typeof SharedArrayBuffer === 'function' && chunk instanceof SharedArrayBuffer) length = chunk.byteLength;
      }
      if (length === 0) return EMPTY_BYTES;
      if (length > 0) return new Uint8Array(chunk);
    }
    throw new TypeError(
      "TextDecoderStream: the provided value is not of type '(ArrayBuffer or ArrayBufferView)'.",
    );
  }

  function concatBytes(a, b) {
    const out = new Uint8Array(a.length + b.length);
    out.set(a, 0);
    out.set(b, a.length);
    return out;
  }

  // Length of the trailing incomplete-but-valid-so-far UTF-8 sequence in `bytes` (0..3).
  function utf8IncompleteTail(bytes) {
    const len = bytes.length;
    let i = len - 1;
    const stop = Math.max(0, len - 4);
    while (i >= stop && (bytes[i] & 0xc0) === 0x80) i--;
    if (i < stop) return 0;
    const lead = bytes[i];
    let needed;
    if (lead >= 0xc2 && lead <= 0xdf) needed = 2;
    else if (lead >= 0xe0 && lead <= 0xef) needed = 3;
    else if (lead >= 0xf0 && lead <= 0xf4) needed = 4;
    else return 0;
    const available = len - i;
    if (available >= needed) return 0;
    if (available >= 2) {
      const second = bytes[i + 1];
      let lo = 0x80;
      let hi = 0xbf;
      if (lead === 0xe0) lo = 0xa0;
      else if (lead === 0xed) hi = 0x9f;
      else if (lead === 0xf0) lo = 0x90;
      else if (lead === 0xf4) hi = 0x8f;
      if (second < lo || second > hi) return 0; // already invalid: let the decoder replace it
    }
    return available;
  }

  // Length of the trailing incomplete UTF-16 code unit / surrogate pair (0..3).
  function utf16IncompleteTail(bytes, bigEndian) {
    const odd = bytes.length & 1;
    const end = bytes.length - odd;
    if (end >= 2) {
      const unit = bigEndian ? (bytes[end - 2] << 8) | bytes[end - 1] : (bytes[end - 1] << 8) | bytes[end - 2];
      if (unit >= 0xd800 && unit <= 0xdbff) return odd + 2;
    }
    return odd;
  }

  class TextDecoderStream {
    constructor(label = 'utf-8', options = undefined) {
      label = String(label);
      if (options !== undefined && options !== null && !isObjectLike(options)) {
        throw new TypeError("Failed to construct 'TextDecoderStream': options is not an object.");
      }
      const fatal = Boolean(options?.fatal);
      const ignoreBOM = Boolean(options?.ignoreBOM);
      // The engine's decoder validates the label (RangeError) and does the actual decoding;
      // BOM handling is done here, so it always keeps the BOM.
      const decoder = new NativeTextDecoder(label, { fatal, ignoreBOM: true });
      const encoding = decoder.encoding;
      const kind =
        encoding === 'utf-8' ? 'utf-8'
        : encoding === 'utf-16le' ? 'utf-16le'
        : encoding === 'utf-16be' ? 'utf-16be'
        : 'other';
      let pending = null;
      let bomSeen = false;

      const emit = (controller, text) => {
        if (!bomSeen && text.length !== 0) {
          bomSeen = true;
          if (!ignoreBOM && kind !== 'other' && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        }
        if (text.length !== 0) controller.enqueue(text);
      };

      this[kDecoderState] = { encoding, fatal, ignoreBOM, transform: undefined };
      this[kDecoderState].transform = new (PlatformTransformStream ?? TransformStream)({
        transform(chunk, controller) {
          let bytes = toBufferSourceBytes(chunk);
          if (pending !== null) {
            bytes = concatBytes(pending, bytes);
            pending = null;
          }
          let tail = 0;
          if (kind === 'utf-8') tail = utf8IncompleteTail(bytes);
          else if (kind !== 'other') tail = utf16IncompleteTail(bytes, kind === 'utf-16be');
          if (tail !== 0) {
            pending = bytes.slice(bytes.length - tail);
            bytes = bytes.subarray(0, bytes.length - tail);
          }
          // The legacy encodings' decoders keep what a later chunk finishes themselves.
          if (kind === 'other') emit(controller, decoder.decode(bytes, { stream: true }));
          else if (bytes.length !== 0) emit(controller, decoder.decode(bytes));
        },
        flush(controller) {
          if (kind === 'other') {
            emit(controller, decoder.decode());
            return;
          }
          if (pending === null) return;
          const rest = pending;
          pending = null;
          if (fatal) throw new TypeError(`The encoded data was not valid ${encoding}: truncated sequence at end of stream.`);
          // An incomplete sequence decodes to exactly one U+FFFD.
          emit(controller, '\ufffd');
        },
      });
    }

    get encoding() {
      const e = this?.[kDecoderState];
      if (e === undefined) throw illegalInvocation();
      return e.encoding;
    }

    get fatal() {
      const e = this?.[kDecoderState];
      if (e === undefined) throw illegalInvocation();
      return e.fatal;
    }

    get ignoreBOM() {
      const e = this?.[kDecoderState];
      if (e === undefined) throw illegalInvocation();
      return e.ignoreBOM;
    }

    get readable() {
      const e = this?.[kDecoderState];
      if (e === undefined) throw illegalInvocation();
      return e.transform.readable;
    }

    get writable() {
      const e = this?.[kDecoderState];
      if (e === undefined) throw illegalInvocation();
      return e.transform.writable;
    }
  }
  finishClass(TextDecoderStream, 'TextDecoderStream', ['encoding', 'fatal', 'ignoreBOM', 'readable', 'writable']);

  // ---------------------------------------------------------------------------------------
  // ReadableStream async iteration and ReadableStream.from, only if the engine lacks them
  // (llrt 0.8.1 has both).

  const RSProto = NativeReadableStream.prototype;

  if (typeof RSProto[Symbol.asyncIterator] !== 'function' || typeof RSProto.values !== 'function') {
    const AsyncIteratorPrototype = Object.getPrototypeOf(
      Object.getPrototypeOf(async function* () {}).prototype,
    );
    const kIter = Symbol('ReadableStreamAsyncIterator.state');

    const nextSteps = (it) => {
      if (it.finished) return Promise.resolve({ value: undefined, done: true });
      return it.reader.read().then(
        (result) => {
          if (result.done) {
            it.finished = true;
            it.reader.releaseLock();
            return { value: undefined, done: true };
          }
          return { value: result.value, done: false };
        },
        (e) => {
          it.finished = true;
          it.reader.releaseLock();
          throw e;
        },
      );
    };
    const returnSteps = (it, value) => {
      if (it.finished) return Promise.resolve({ value, done: true });
      it.finished = true;
      if (!it.preventCancel) {
        const cancelled = it.reader.cancel(value);
        it.reader.releaseLock();
        return cancelled.then(() => ({ value, done: true }));
      }
      it.reader.releaseLock();
      return Promise.resolve({ value, done: true });
    };
    const chain = (it, steps) => {
      const ongoing = it.ongoing === undefined ? steps() : it.ongoing.then(steps, steps);
      it.ongoing = ongoing;
      return ongoing;
    };

    const ReadableStreamAsyncIteratorPrototype = Object.create(AsyncIteratorPrototype);
    Object.defineProperties(ReadableStreamAsyncIteratorPrototype, {
      next: {
        value: function next() {
          const it = this?.[kIter];
          if (it === undefined) return Promise.reject(illegalInvocation());
          return chain(it, () => nextSteps(it));
        },
        writable: true,
        enumerable: true,
        configurable: true,
      },
      return: {
        value: function (value = undefined) {
          const it = this?.[kIter];
          if (it === undefined) return Promise.reject(illegalInvocation());
          return chain(it, () => returnSteps(it, value));
        },
        writable: true,
        enumerable: true,
        configurable: true,
      },
    });

    const values = function values(options = undefined) {
      const reader = this.getReader(); // brand-checks and locks
      const it = Object.create(ReadableStreamAsyncIteratorPrototype);
      it[kIter] = { reader, preventCancel: Boolean(options?.preventCancel), finished: false, ongoing: undefined };
      return it;
    };
    Object.defineProperty(RSProto, 'values', { value: values, writable: true, enumerable: true, configurable: true });
    Object.defineProperty(RSProto, Symbol.asyncIterator, {
      value: values,
      writable: true,
      enumerable: false,
      configurable: true,
    });
  }

  if (typeof NativeReadableStream.from !== 'function') {
    const getAsyncIterator = (obj) => {
      const asyncMethod = obj == null ? undefined : obj[Symbol.asyncIterator];
      if (asyncMethod != null) {
        if (typeof asyncMethod !== 'function') throw new TypeError('ReadableStream.from: @@asyncIterator is not a function');
        const iterator = asyncMethod.call(obj);
        if (!isObjectLike(iterator)) throw new TypeError('ReadableStream.from: the iterator is not an object');
        return { iterator, next: iterator.next, sync: false };
      }
      const syncMethod = obj == null ? undefined : obj[Symbol.iterator];
      if (typeof syncMethod !== 'function') throw new TypeError('ReadableStream.from: the argument is not iterable');
      const iterator = syncMethod.call(obj);
      if (!isObjectLike(iterator)) throw new TypeError('ReadableStream.from: the iterator is not an object');
      return { iterator, next: iterator.next, sync: true };
    };
    const from = function from(asyncIterable) {
      const record = getAsyncIterator(asyncIterable);
      return new NativeReadableStream(
        {
          pull(controller) {
            let result;
            try {
              result = Reflect.apply(record.next, record.iterator, []);
            } catch (e) {
              return Promise.reject(e);
            }
            return Promise.resolve(result).then((r) => {
              if (!isObjectLike(r)) throw new TypeError('ReadableStream.from: iterator result is not an object');
              if (r.done) {
                controller.close();
                return undefined;
              }
              if (record.sync) return Promise.resolve(r.value).then((v) => controller.enqueue(v));
              controller.enqueue(r.value);
              return undefined;
            });
          },
          cancel(reason) {
            let returnMethod;
            try {
              returnMethod = record.iterator.return;
              if (returnMethod == null) return Promise.resolve(undefined);
              if (typeof returnMethod !== 'function') throw new TypeError('ReadableStream.from: return is not a function');
              return Promise.resolve(Reflect.apply(returnMethod, record.iterator, [reason])).then((r) => {
                if (!isObjectLike(r)) throw new TypeError('ReadableStream.from: return() result is not an object');
                return undefined;
              });
            } catch (e) {
              return Promise.reject(e);
            }
          },
        },
        { highWaterMark: 0 },
      );
    };
    Object.defineProperty(NativeReadableStream, 'from', { value: from, writable: true, enumerable: true, configurable: true });
  }

  if (PlatformTransformStream === undefined) {
    internal.streams = {
      isTransformStream(value) {
        return value?.[kState] !== undefined;
      },
    };
    defineGlobal('TransformStream', TransformStream);
    defineGlobal('TransformStreamDefaultController', TransformStreamDefaultController);
  }
  defineGlobal('TextEncoderStream', TextEncoderStream);
  defineGlobal('TextDecoderStream', TextDecoderStream);
})();
