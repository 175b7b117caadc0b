// 20_streams.js — the WHATWG Streams Standard in JavaScript, for engines without native streams
// (JavaScriptCore's C API gives only the ECMAScript core; QuickJS gets them from llrt).
//
// Provides, as non-enumerable globals: ReadableStream (default and byte sources), its readers
// (ReadableStreamDefaultReader, ReadableStreamBYOBReader with `min`), controllers
// (ReadableStreamDefaultController, ReadableByteStreamController, ReadableStreamBYOBRequest),
// WritableStream, WritableStreamDefaultWriter, WritableStreamDefaultController, TransformStream,
// TransformStreamDefaultController, ByteLengthQueuingStrategy and CountQueuingStrategy; plus
// `internal.streams` for the rest of the platform (each entry is documented where it is defined,
// at the end of the file): createReadable({ start, pull, cancel, highWaterMark, size, bytes,
// autoAllocateChunkSize }), readableFromNext(next, cancel), createWritable({ start, write,
// close, abort, highWaterMark, size }), isReadableStream / isWritableStream /
// isTransformStream, isDisturbed, isErrored, isLocked, state, storedError, pump, readAll,
// readAllBytes, cancel, tee(stream, cloneForBranch2) and pipeTo(source, dest, options).
//
// It sits on the ECMAScript built-ins only, captured when this file runs (Promise and its
// `then`, typed arrays, ArrayBuffer), and on two platform classes looked up on first use:
// `AbortController` (a WritableStreamDefaultController's `signal`) and `AbortSignal` /
// `EventTarget.prototype.addEventListener` (the `signal` of pipeTo). 03a_events.js defines them;
// this file may run before it.
//
// The abstract operations follow the standard's algorithms one for one and keep its names;
// internal slots live in plain records (one per stream, reader, controller) reached through a
// private field of the public object, so brand checks are `#record in object`. Ordering of
// promise jobs follows the standard: "a promise resolved with" x is a new promise resolved
// with x, so a callback's returned promise is adopted two jobs later, as in the reference.
//
// ArrayBuffer transfer (byte streams, BYOB): ArrayBuffer.prototype.transfer when the engine has
// it (JSC and Node 20 do), else structuredClone(buffer, { transfer: [buffer] }) when that exists,
// else a copy that leaves the original attached (the only place we fall short of the standard).
//
// Not provided: transferring streams with postMessage (there is no MessagePort here). The
// `signal` of pipeTo is followed through `internal.events.addAbortAlgorithm(signal, fn)` /
// `removeAbortAlgorithm` when the platform has them (the standard's abort algorithms, run
// before the 'abort' event); until then through an 'abort' event listener, which listeners
// added earlier precede (and which one of them calling stopImmediatePropagation() would skip).
//
// Where the standard's steps would call a cleared algorithm or break an assertion, we do the
// evident thing instead (each place says why): a transform stream whose algorithms were
// cleared fails a late write with a TypeError and answers a late abort or close; a byte tee
// branch that cannot close is left errored without throwing into the reader that pulled; an
// async iterator whose reader an unsettled read already released ends (WebIDL can start a
// next() or return() before the previous next() settles). Seeded random runs
// (tests/streams.chaos.test.js) look for such places.
(() => {
  'use strict';

  const internal = globalThis[Symbol.for('ferroute.internal')];

  // ------------------------------------------------------------------ intrinsics
  const PromiseCtor = Promise;
  const promiseThen = Promise.prototype.then;
  const promiseResolve = Promise.resolve.bind(Promise);
  const promiseReject = Promise.reject.bind(Promise);
  const apply = Reflect.apply;
  // Calls with their arguments written out go through `call` (`callOf.call(f, self, ...args)`)
  // rather than `apply` with an array literal, which JSC allocates and copies on each call (a
  // promise reaction: ~200 ns against ~60 ns; a chunk's view checks: 13 copies a streamed
  // response). A bound `call` (uncurrying) copies them as well.
  const callOf = Function.prototype.call;
  const ArrayBufferCtor = ArrayBuffer;
  const Uint8ArrayCtor = Uint8Array;
  const DataViewCtor = DataView;
  const TypeErrorCtor = TypeError;
  const RangeErrorCtor = RangeError;
  const SymbolAsyncIterator = Symbol.asyncIterator;
  const SymbolIterator = Symbol.iterator;
  const defineProperty = Object.defineProperty;
  const getOwnPropertyDescriptor = Object.getOwnPropertyDescriptor;
  const getPrototypeOf = Object.getPrototypeOf;
  const isView = ArrayBuffer.isView;
  const mathMin = Math.min;

  const getter = (proto, name) => {
    const d = proto && getOwnPropertyDescriptor(proto, name);
    return d && typeof d.get === 'function' ? d.get : undefined;
  };
  const TypedArrayProto = getPrototypeOf(Uint8Array.prototype);
  const taTag = getter(TypedArrayProto, Symbol.toStringTag);
  const taBuffer = getter(TypedArrayProto, 'buffer');
  const taByteOffset = getter(TypedArrayProto, 'byteOffset');
  const taByteLength = getter(TypedArrayProto, 'byteLength');
  const taLength = getter(TypedArrayProto, 'length');
  const dvBuffer = getter(DataView.prototype, 'buffer');
  const dvByteOffset = getter(DataView.prototype, 'byteOffset');
  const dvByteLength = getter(DataView.prototype, 'byteLength');
  const abByteLength = getter(ArrayBuffer.prototype, 'byteLength');
  const abDetached = getter(ArrayBuffer.prototype, 'detached');
  const abResizable = getter(ArrayBuffer.prototype, 'resizable');
  const abSlice = ArrayBuffer.prototype.slice;
  const abTransfer = typeof ArrayBuffer.prototype.transfer === 'function' ? ArrayBuffer.prototype.transfer : undefined;
  const sabByteLength = typeof SharedArrayBuffer === 'function' ? getter(SharedArrayBuffer.prototype, 'byteLength') : undefined;
  const cloneWithTransfer = typeof globalThis.structuredClone === 'function' ? globalThis.structuredClone : undefined;
  const u8Set = TypedArrayProto.set;

  /** Typed array constructors by [[TypedArrayName]]. */
  const typedArrays = new Map();
  for (const name of ['Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array', 'Int32Array', 'Uint32Array', 'Float16Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array']) {
    const C = globalThis[name];
    if (typeof C === 'function') typedArrays.set(name, C);
  }

  const AsyncIteratorPrototype = getPrototypeOf(getPrototypeOf(async function* () {}).prototype);

  // ------------------------------------------------------------------ small helpers
  const isObject = (v) => v !== null && (typeof v === 'object' || typeof v === 'function');
  const noop = () => {};
  const then = (p, onFulfilled, onRejected) => callOf.call(promiseThen, p, onFulfilled, onRejected);
  /** Marks a promise as handled (no unhandled-rejection report). */
  const setHandled = (p) => {
    callOf.call(promiseThen, p, undefined, noop);
  };
  const resolvedUndefined = () => promiseResolve(undefined);
  /** The standard's "a promise resolved with" x: a new promise (thenables adopted). */
  const resolvedWith = (x) => (isObject(x) ? new PromiseCtor((resolve) => resolve(x)) : promiseResolve(x));
  const rejectedWith = (e) => promiseReject(e);
  const rejectedHandled = (e) => {
    const p = promiseReject(e);
    setHandled(p);
    return p;
  };
  /** A pending promise with its settling functions and its state. */
  function deferred() {
    const d = { promise: undefined, resolve: undefined, reject: undefined, state: 'pending' };
    d.promise = new PromiseCtor((resolve, reject) => {
      d.resolve = (v) => {
        if (d.state !== 'pending') return;
        d.state = 'fulfilled';
        resolve(v);
      };
      d.reject = (e) => {
        if (d.state !== 'pending') return;
        d.state = 'rejected';
        reject(e);
      };
    });
    return d;
  }
  const settledDeferred = (ok, value) => {
    const d = { promise: ok ? promiseResolve(value) : rejectedHandled(value), resolve: noop, reject: noop, state: ok ? 'fulfilled' : 'rejected' };
    return d;
  };
  const queueMicrotaskInternal = (fn) => {
    then(promiseResolve(undefined), fn);
  };

  const illegalInvocation = (name) => new TypeErrorCtor(`Illegal invocation: 'this' is not a ${name}`);
  const illegalConstructor = () => new TypeErrorCtor('Illegal constructor');

  /** WebIDL dictionary: undefined/null is empty, other non-objects are a TypeError. */
  function dictionary(value, what) {
    if (value === undefined || value === null) return undefined;
    if (!isObject(value)) throw new TypeErrorCtor(`${what} must be an object`);
    return value;
  }
  /** WebIDL `optional object` argument: missing (undefined) or an object; null is a TypeError. */
  function idlObject(value, what) {
    if (value !== undefined && !isObject(value)) throw new TypeErrorCtor(`${what} must be an object`);
  }
  /** WebIDL callback function member: undefined, or callable. */
  function callbackMember(value, what) {
    if (value === undefined) return undefined;
    if (typeof value !== 'function') throw new TypeErrorCtor(`${what} must be a function`);
    return value;
  }
  /** WebIDL [EnforceRange] unsigned long long. */
  function enforceRangeULL(value, what) {
    let x = +value;
    if (x !== x || x === Infinity || x === -Infinity) throw new TypeErrorCtor(`${what} must be a finite number`);
    x = x < 0 ? Math.ceil(x) : Math.floor(x);
    if (x === 0) x = 0;
    if (x < 0 || x > Number.MAX_SAFE_INTEGER) throw new TypeErrorCtor(`${what} is outside the accepted range of 0 to 2^53 - 1`);
    return x;
  }

  /** QueuingStrategy dictionary -> { highWaterMark, size } (members read in order). */
  function queuingStrategy(value, what) {
    const dict = dictionary(value, what);
    if (dict === undefined) return { highWaterMark: undefined, size: undefined };
    const hwm = dict.highWaterMark;
    const highWaterMark = hwm === undefined ? undefined : +hwm;
    const size = callbackMember(dict.size, `${what}.size`);
    return { highWaterMark, size };
  }
  function extractHighWaterMark(strategy, defaultHWM) {
    const hwm = strategy.highWaterMark;
    if (hwm === undefined) return defaultHWM;
    if (hwm !== hwm || hwm < 0) throw new RangeErrorCtor('highWaterMark must be a non-negative number');
    return hwm;
  }
  function extractSizeAlgorithm(strategy) {
    const size = strategy.size;
    if (size === undefined) return undefined; // "returns 1"
    return (chunk) => callOf.call(size, undefined, chunk);
  }

  /** Invokes a Promise-returning callback: a throw becomes a rejection, the result is adopted. */
  function invokePromise(fn, thisArg, args) {
    try {
      return resolvedWith(apply(fn, thisArg, args));
    } catch (e) {
      return rejectedWith(e);
    }
  }
  /** `invokePromise` of a callback of one argument. */
  function invokePromise1(fn, thisArg, arg) {
    try {
      return resolvedWith(callOf.call(fn, thisArg, arg));
    } catch (e) {
      return rejectedWith(e);
    }
  }

  // ------------------------------------------------------------------ buffers
  /** [[TypedArrayName]] of a view, or undefined for a DataView. */
  const viewTag = (view) => callOf.call(taTag, view);
  function viewBuffer(view) {
    return viewTag(view) === undefined ? callOf.call(dvBuffer, view) : callOf.call(taBuffer, view);
  }
  function viewByteOffset(view) {
    return viewTag(view) === undefined ? callOf.call(dvByteOffset, view) : callOf.call(taByteOffset, view);
  }
  function viewByteLength(view) {
    return viewTag(view) === undefined ? callOf.call(dvByteLength, view) : callOf.call(taByteLength, view);
  }
  function isDetachedBuffer(buffer) {
    if (abDetached !== undefined) return callOf.call(abDetached, buffer);
    if (callOf.call(abByteLength, buffer) !== 0) return false;
    try {
      new Uint8ArrayCtor(buffer);
      return false;
    } catch {
      return true;
    }
  }
  const bufferByteLength = (buffer) => callOf.call(abByteLength, buffer);
  /** WebIDL ArrayBufferView conversion (no [AllowShared], no [AllowResizable]). */
  function arrayBufferView(value, what) {
    if (!isView(value)) throw new TypeErrorCtor(`${what} must be an ArrayBuffer view`);
    const tag = viewTag(value);
    let buffer;
    try {
      buffer = tag === undefined ? callOf.call(dvBuffer, value) : callOf.call(taBuffer, value);
    } catch {
      throw new TypeErrorCtor(`${what} must be an ArrayBuffer view`);
    }
    if (sabByteLength !== undefined) {
      let shared = true;
      try {
        callOf.call(sabByteLength, buffer);
      } catch {
        shared = false;
      }
      if (shared) throw new TypeErrorCtor(`${what} must not be backed by a SharedArrayBuffer`);
    }
    if (abResizable !== undefined && callOf.call(abResizable, buffer)) {
      throw new TypeErrorCtor(`${what} must not be backed by a resizable ArrayBuffer`);
    }
    return value;
  }
  /** TransferArrayBuffer: a new ArrayBuffer with the contents; `buffer` is detached. */
  function transferArrayBuffer(buffer) {
    if (abTransfer !== undefined) return callOf.call(abTransfer, buffer);
    if (isDetachedBuffer(buffer)) throw new TypeErrorCtor('the ArrayBuffer is detached');
    if (cloneWithTransfer !== undefined) return cloneWithTransfer(buffer, { transfer: [buffer] });
    return callOf.call(abSlice, buffer, 0);
  }
  /** CloneArrayBuffer(buffer, offset, length): a copy (throws when detached). */
  function cloneArrayBuffer(buffer, offset, length) {
    if (isDetachedBuffer(buffer)) throw new TypeErrorCtor('the ArrayBuffer is detached');
    return callOf.call(abSlice, buffer, offset, offset + length);
  }
  function cloneAsUint8Array(view) {
    const buffer = cloneArrayBuffer(viewBuffer(view), viewByteOffset(view), viewByteLength(view));
    return new Uint8ArrayCtor(buffer);
  }
  function copyDataBlockBytes(to, toIndex, from, fromIndex, count) {
    apply(u8Set, new Uint8ArrayCtor(to, toIndex, count), [new Uint8ArrayCtor(from, fromIndex, count)]);
  }

  // ------------------------------------------------------------------ queue-with-sizes
  /** A FIFO with an advancing head (amortised O(1) shift). */
  class Queue {
    constructor() {
      this.items = [];
      this.head = 0;
    }
    get length() {
      return this.items.length - this.head;
    }
    push(item) {
      this.items.push(item);
    }
    peek() {
      return this.items[this.head];
    }
    shift() {
      const items = this.items;
      const item = items[this.head];
      items[this.head] = undefined;
      this.head++;
      if (this.head === items.length) {
        this.items = [];
        this.head = 0;
      } else if (this.head > 64 && this.head * 2 > items.length) {
        this.items = items.slice(this.head);
        this.head = 0;
      }
      return item;
    }
    clear() {
      this.items = [];
      this.head = 0;
    }
  }

  function dequeueValue(container) {
    const pair = container.queue.shift();
    container.queueTotalSize -= pair.size;
    if (container.queueTotalSize < 0) container.queueTotalSize = 0;
    return pair.value;
  }
  function enqueueValueWithSize(container, value, size) {
    if (typeof size !== 'number' || size !== size || size < 0) throw new RangeErrorCtor('the size of a chunk must be a non-negative number');
    if (size === Infinity) throw new RangeErrorCtor('the size of a chunk must be finite');
    container.queue.push({ value, size });
    container.queueTotalSize += size;
  }
  const peekQueueValue = (container) => container.queue.peek().value;
  function resetQueue(container) {
    container.queue.clear();
    container.queueTotalSize = 0;
  }

  // ------------------------------------------------------------------ records
  // A private field of each public class holds its record; these read it (undefined when
  // the object is not of that class). Set in the classes' static blocks.
  let rsOf;
  let defaultReaderOf;
  let byobReaderOf;
  let defaultControllerOf;
  let byteControllerOf;
  let byobRequestOf;
  let wsOf;
  let writerOf;
  let wsControllerOf;
  let tsOf;
  let tsControllerOf;
  /** Hands a record to a constructor called with kInternal. */
  let handoff;
  const kInternal = Symbol('internal');

  class ReadableStreamRecord {
    constructor() {
      this.api = undefined;
      this.state = 'readable';
      this.reader = undefined;
      this.storedError = undefined;
      this.disturbed = false;
      this.controller = undefined;
    }
  }
  class ReaderRecord {
    constructor(byob) {
      this.api = undefined;
      this.byob = byob;
      this.stream = undefined;
      this.closed = undefined; // deferred
      this.requests = new Queue(); // read requests or read-into requests
    }
  }
  /** A read request (or read-into request): chunk, close and error steps. */
  class ReadRequest {
    constructor(chunk, close, error) {
      this.chunk = chunk;
      this.close = close;
      this.error = error;
    }
  }
  class DefaultControllerRecord {
    constructor() {
      this.api = undefined;
      this.byte = false;
      this.stream = undefined;
      this.queue = new Queue();
      this.queueTotalSize = 0;
      this.started = false;
      this.closeRequested = false;
      this.pullAgain = false;
      this.pulling = false;
      this.strategySizeAlgorithm = undefined;
      this.strategyHWM = 1;
      this.pullAlgorithm = undefined;
      this.cancelAlgorithm = undefined;
    }
  }
  class ByteControllerRecord {
    constructor() {
      this.api = undefined;
      this.byte = true;
      this.stream = undefined;
      this.queue = new Queue();
      this.queueTotalSize = 0;
      this.started = false;
      this.closeRequested = false;
      this.pullAgain = false;
      this.pulling = false;
      this.strategyHWM = 0;
      this.pullAlgorithm = undefined;
      this.cancelAlgorithm = undefined;
      this.autoAllocateChunkSize = undefined;
      this.byobRequest = null; // ByobRequestRecord
      this.pendingPullIntos = [];
    }
  }
  class ByobRequestRecord {
    constructor(controller, view) {
      this.api = undefined;
      this.controller = controller;
      this.view = view;
    }
  }
  class PullIntoDescriptor {
    constructor(buffer, byteOffset, byteLength, minimumFill, elementSize, viewConstructor, readerType) {
      this.buffer = buffer;
      this.bufferByteLength = bufferByteLength(buffer);
      this.byteOffset = byteOffset;
      this.byteLength = byteLength;
      this.bytesFilled = 0;
      this.minimumFill = minimumFill;
      this.elementSize = elementSize;
      this.viewConstructor = viewConstructor;
      this.readerType = readerType;
    }
  }
  class WritableStreamRecord {
    constructor() {
      this.api = undefined;
      this.state = 'writable';
      this.storedError = undefined;
      this.writer = undefined;
      this.controller = undefined;
      this.inFlightWriteRequest = undefined;
      this.closeRequest = undefined;
      this.inFlightCloseRequest = undefined;
      this.pendingAbortRequest = undefined;
      this.writeRequests = new Queue();
      this.backpressure = false;
    }
  }
  class WriterRecord {
    constructor() {
      this.api = undefined;
      this.stream = undefined;
      this.closed = undefined; // deferred
      this.ready = undefined; // deferred
    }
  }
  class WritableControllerRecord {
    constructor() {
      this.api = undefined;
      this.stream = undefined;
      this.queue = new Queue();
      this.queueTotalSize = 0;
      this.abortController = undefined; // created on first use of `signal` or on abort
      this.aborted = false;
      this.abortReason = undefined;
      this.started = false;
      this.strategySizeAlgorithm = undefined;
      this.strategyHWM = 1;
      this.writeAlgorithm = undefined;
      this.closeAlgorithm = undefined;
      this.abortAlgorithm = undefined;
    }
  }
  const closeSentinel = { close: true };
  class TransformStreamRecord {
    constructor() {
      this.api = undefined;
      this.readable = undefined;
      this.writable = undefined;
      this.backpressure = undefined;
      this.backpressureChange = undefined; // deferred
      this.controller = undefined;
    }
  }
  class TransformControllerRecord {
    constructor() {
      this.api = undefined;
      this.stream = undefined;
      this.transformAlgorithm = undefined;
      this.flushAlgorithm = undefined;
      this.cancelAlgorithm = undefined;
      this.finish = undefined; // deferred (the standard's [[finishPromise]])
    }
  }

  // ================================================================== ReadableStream: core
  function newReadableStream(record) {
    handoff = record;
    const api = new ReadableStream(kInternal);
    return api;
  }
  const isReadableStreamLocked = (stream) => stream.reader !== undefined;

  function createReadableStream(startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark = 1, sizeAlgorithm = undefined) {
    const stream = new ReadableStreamRecord();
    newReadableStream(stream);
    const controller = new DefaultControllerRecord();
    setUpReadableStreamDefaultController(stream, controller, startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark, sizeAlgorithm);
    return stream;
  }
  function createReadableByteStream(startAlgorithm, pullAlgorithm, cancelAlgorithm) {
    const stream = new ReadableStreamRecord();
    newReadableStream(stream);
    const controller = new ByteControllerRecord();
    setUpReadableByteStreamController(stream, controller, startAlgorithm, pullAlgorithm, cancelAlgorithm, 0, undefined);
    return stream;
  }

  function readableStreamCancel(stream, reason) {
    stream.disturbed = true;
    if (stream.state === 'closed') return resolvedUndefined();
    if (stream.state === 'errored') return rejectedWith(stream.storedError);
    readableStreamClose(stream);
    const reader = stream.reader;
    if (reader !== undefined && reader.byob) {
      const requests = reader.requests;
      reader.requests = new Queue();
      while (requests.length > 0) requests.shift().close(undefined);
    }
    const sourceCancelPromise = controllerCancelSteps(stream.controller, reason);
    return then(sourceCancelPromise, noop);
  }
  function readableStreamClose(stream) {
    stream.state = 'closed';
    const reader = stream.reader;
    if (reader === undefined) return;
    reader.closed.resolve(undefined);
    if (!reader.byob) {
      const requests = reader.requests;
      reader.requests = new Queue();
      while (requests.length > 0) requests.shift().close();
    }
  }
  function readableStreamError(stream, e) {
    stream.state = 'errored';
    stream.storedError = e;
    const reader = stream.reader;
    if (reader === undefined) return;
    reader.closed.reject(e);
    setHandled(reader.closed.promise);
    if (!reader.byob) readableStreamDefaultReaderErrorReadRequests(reader, e);
    else readableStreamBYOBReaderErrorReadIntoRequests(reader, e);
  }
  const readableStreamAddReadRequest = (stream, request) => stream.reader.requests.push(request);
  const readableStreamAddReadIntoRequest = readableStreamAddReadRequest;
  function readableStreamFulfillReadRequest(stream, chunk, done) {
    const request = stream.reader.requests.shift();
    if (done) request.close();
    else request.chunk(chunk);
  }
  function readableStreamFulfillReadIntoRequest(stream, chunk, done) {
    const request = stream.reader.requests.shift();
    if (done) request.close(chunk);
    else request.chunk(chunk);
  }
  const readableStreamGetNumReadRequests = (stream) => stream.reader.requests.length;
  const readableStreamGetNumReadIntoRequests = readableStreamGetNumReadRequests;
  const readableStreamHasDefaultReader = (stream) => stream.reader !== undefined && !stream.reader.byob;
  const readableStreamHasBYOBReader = (stream) => stream.reader !== undefined && stream.reader.byob;

  // Controller internal methods, dispatched on the kind of controller.
  function controllerCancelSteps(controller, reason) {
    if (controller.byte) {
      readableByteStreamControllerClearPendingPullIntos(controller);
      resetQueue(controller);
      const result = controller.cancelAlgorithm(reason);
      readableByteStreamControllerClearAlgorithms(controller);
      return result;
    }
    resetQueue(controller);
    const result = controller.cancelAlgorithm(reason);
    readableStreamDefaultControllerClearAlgorithms(controller);
    return result;
  }
  function controllerPullSteps(controller, readRequest) {
    if (controller.byte) return readableByteStreamControllerPullSteps(controller, readRequest);
    const stream = controller.stream;
    if (controller.queue.length > 0) {
      const chunk = dequeueValue(controller);
      if (controller.closeRequested && controller.queue.length === 0) {
        readableStreamDefaultControllerClearAlgorithms(controller);
        readableStreamClose(stream);
      } else {
        readableStreamDefaultControllerCallPullIfNeeded(controller);
      }
      readRequest.chunk(chunk);
    } else {
      readableStreamAddReadRequest(stream, readRequest);
      readableStreamDefaultControllerCallPullIfNeeded(controller);
    }
  }
  function controllerReleaseSteps(controller) {
    if (!controller.byte) return;
    if (controller.pendingPullIntos.length > 0) {
      const first = controller.pendingPullIntos[0];
      first.readerType = 'none';
      controller.pendingPullIntos = [first];
    }
  }

  // ================================================================== readers
  function readerGenericInitialize(reader, stream) {
    reader.stream = stream;
    stream.reader = reader;
    if (stream.state === 'readable') reader.closed = deferred();
    else if (stream.state === 'closed') reader.closed = settledDeferred(true, undefined);
    else reader.closed = settledDeferred(false, stream.storedError);
  }
  function readerGenericCancel(reader, reason) {
    return readableStreamCancel(reader.stream, reason);
  }
  function readerGenericRelease(reader) {
    const stream = reader.stream;
    const e = new TypeErrorCtor('the reader was released');
    if (stream.state === 'readable') reader.closed.reject(e);
    else reader.closed = settledDeferred(false, e);
    setHandled(reader.closed.promise);
    controllerReleaseSteps(stream.controller);
    stream.reader = undefined;
    reader.stream = undefined;
  }
  function readableStreamDefaultReaderErrorReadRequests(reader, e) {
    const requests = reader.requests;
    reader.requests = new Queue();
    while (requests.length > 0) requests.shift().error(e);
  }
  const readableStreamBYOBReaderErrorReadIntoRequests = readableStreamDefaultReaderErrorReadRequests;
  function readableStreamDefaultReaderRead(reader, readRequest) {
    const stream = reader.stream;
    stream.disturbed = true;
    if (stream.state === 'closed') readRequest.close();
    else if (stream.state === 'errored') readRequest.error(stream.storedError);
    else controllerPullSteps(stream.controller, readRequest);
  }
  function readableStreamDefaultReaderRelease(reader) {
    readerGenericRelease(reader);
    readableStreamDefaultReaderErrorReadRequests(reader, new TypeErrorCtor('the reader was released'));
  }
  function readableStreamBYOBReaderRead(reader, view, min, readIntoRequest) {
    const stream = reader.stream;
    stream.disturbed = true;
    if (stream.state === 'errored') readIntoRequest.error(stream.storedError);
    else readableByteStreamControllerPullInto(stream.controller, view, min, readIntoRequest);
  }
  function readableStreamBYOBReaderRelease(reader) {
    readerGenericRelease(reader);
    readableStreamBYOBReaderErrorReadIntoRequests(reader, new TypeErrorCtor('the reader was released'));
  }
  function setUpReadableStreamDefaultReader(reader, stream) {
    if (isReadableStreamLocked(stream)) throw new TypeErrorCtor('the ReadableStream is locked to a reader');
    readerGenericInitialize(reader, stream);
  }
  function setUpReadableStreamBYOBReader(reader, stream) {
    if (isReadableStreamLocked(stream)) throw new TypeErrorCtor('the ReadableStream is locked to a reader');
    if (!stream.controller.byte) throw new TypeErrorCtor('a BYOB reader needs a readable byte stream');
    readerGenericInitialize(reader, stream);
  }
  function acquireReadableStreamDefaultReader(stream) {
    const reader = new ReaderRecord(false);
    setUpReadableStreamDefaultReader(reader, stream);
    return reader;
  }
  function acquireReadableStreamBYOBReader(stream) {
    const reader = new ReaderRecord(true);
    setUpReadableStreamBYOBReader(reader, stream);
    return reader;
  }
  /** The public object of a reader record made internally (created on first need). */
  function readerApi(reader) {
    if (reader.api === undefined) {
      handoff = reader;
      return reader.byob ? new ReadableStreamBYOBReader(kInternal) : new ReadableStreamDefaultReader(kInternal);
    }
    return reader.api;
  }

  // ================================================================== default controller
  function readableStreamDefaultControllerCallPullIfNeeded(controller) {
    if (!readableStreamDefaultControllerShouldCallPull(controller)) return;
    if (controller.pulling) {
      controller.pullAgain = true;
      return;
    }
    controller.pulling = true;
    then(
      controller.pullAlgorithm(controller),
      () => {
        controller.pulling = false;
        if (controller.pullAgain) {
          controller.pullAgain = false;
          readableStreamDefaultControllerCallPullIfNeeded(controller);
        }
      },
      (e) => readableStreamDefaultControllerError(controller, e),
    );
  }
  function readableStreamDefaultControllerShouldCallPull(controller) {
    const stream = controller.stream;
    if (!readableStreamDefaultControllerCanCloseOrEnqueue(controller)) return false;
    if (!controller.started) return false;
    if (isReadableStreamLocked(stream) && readableStreamGetNumReadRequests(stream) > 0) return true;
    return readableStreamDefaultControllerGetDesiredSize(controller) > 0;
  }
  function readableStreamDefaultControllerClearAlgorithms(controller) {
    controller.pullAlgorithm = undefined;
    controller.cancelAlgorithm = undefined;
    controller.strategySizeAlgorithm = undefined;
  }
  function readableStreamDefaultControllerClose(controller) {
    if (!readableStreamDefaultControllerCanCloseOrEnqueue(controller)) return;
    const stream = controller.stream;
    controller.closeRequested = true;
    if (controller.queue.length === 0) {
      readableStreamDefaultControllerClearAlgorithms(controller);
      readableStreamClose(stream);
    }
  }
  function readableStreamDefaultControllerEnqueue(controller, chunk) {
    if (!readableStreamDefaultControllerCanCloseOrEnqueue(controller)) return;
    const stream = controller.stream;
    if (isReadableStreamLocked(stream) && readableStreamGetNumReadRequests(stream) > 0) {
      readableStreamFulfillReadRequest(stream, chunk, false);
    } else {
      let chunkSize = 1;
      const size = controller.strategySizeAlgorithm;
      if (size !== undefined) {
        try {
          chunkSize = size(chunk);
        } catch (e) {
          readableStreamDefaultControllerError(controller, e);
          throw e;
        }
      }
      try {
        enqueueValueWithSize(controller, chunk, chunkSize);
      } catch (e) {
        readableStreamDefaultControllerError(controller, e);
        throw e;
      }
    }
    readableStreamDefaultControllerCallPullIfNeeded(controller);
  }
  function readableStreamDefaultControllerError(controller, e) {
    const stream = controller.stream;
    if (stream.state !== 'readable') return;
    resetQueue(controller);
    readableStreamDefaultControllerClearAlgorithms(controller);
    readableStreamError(stream, e);
  }
  function readableStreamDefaultControllerGetDesiredSize(controller) {
    const state = controller.stream.state;
    if (state === 'errored') return null;
    if (state === 'closed') return 0;
    return controller.strategyHWM - controller.queueTotalSize;
  }
  const readableStreamDefaultControllerHasBackpressure = (controller) => !readableStreamDefaultControllerShouldCallPull(controller);
  const readableStreamDefaultControllerCanCloseOrEnqueue = (controller) => !controller.closeRequested && controller.stream.state === 'readable';

  function setUpReadableStreamDefaultController(stream, controller, startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark, sizeAlgorithm) {
    controller.stream = stream;
    handoff = controller;
    new ReadableStreamDefaultController(kInternal);
    controller.strategySizeAlgorithm = sizeAlgorithm;
    controller.strategyHWM = highWaterMark;
    controller.pullAlgorithm = pullAlgorithm;
    controller.cancelAlgorithm = cancelAlgorithm;
    stream.controller = controller;
    const startResult = startAlgorithm(controller);
    then(
      resolvedWith(startResult),
      () => {
        controller.started = true;
        readableStreamDefaultControllerCallPullIfNeeded(controller);
      },
      (r) => readableStreamDefaultControllerError(controller, r),
    );
  }
  /** The algorithms of an UnderlyingSource dictionary (start, pull, cancel called on `source`). */
  function sourceAlgorithms(source, dict) {
    const start = dict.start;
    const pull = dict.pull;
    const cancel = dict.cancel;
    return {
      start: start === undefined ? noop : (controller) => callOf.call(start, source, controller.api),
      pull: pull === undefined ? resolvedUndefined : (controller) => invokePromise1(pull, source, controller.api),
      cancel: cancel === undefined ? resolvedUndefined : (reason) => invokePromise1(cancel, source, reason),
    };
  }

  // ================================================================== byte stream controller
  function readableByteStreamControllerCallPullIfNeeded(controller) {
    if (!readableByteStreamControllerShouldCallPull(controller)) return;
    if (controller.pulling) {
      controller.pullAgain = true;
      return;
    }
    controller.pulling = true;
    then(
      controller.pullAlgorithm(controller),
      () => {
        controller.pulling = false;
        if (controller.pullAgain) {
          controller.pullAgain = false;
          readableByteStreamControllerCallPullIfNeeded(controller);
        }
      },
      (e) => readableByteStreamControllerError(controller, e),
    );
  }
  function readableByteStreamControllerClearAlgorithms(controller) {
    controller.pullAlgorithm = undefined;
    controller.cancelAlgorithm = undefined;
  }
  function readableByteStreamControllerClearPendingPullIntos(controller) {
    readableByteStreamControllerInvalidateBYOBRequest(controller);
    controller.pendingPullIntos = [];
  }
  function readableByteStreamControllerClose(controller) {
    const stream = controller.stream;
    if (controller.closeRequested || stream.state !== 'readable') return;
    if (controller.queueTotalSize > 0) {
      controller.closeRequested = true;
      return;
    }
    if (controller.pendingPullIntos.length > 0) {
      const first = controller.pendingPullIntos[0];
      if (first.bytesFilled % first.elementSize !== 0) {
        const e = new TypeErrorCtor('close() with a partially filled element pending in a BYOB read');
        readableByteStreamControllerError(controller, e);
        throw e;
      }
    }
    readableByteStreamControllerClearAlgorithms(controller);
    readableStreamClose(stream);
  }
  function readableByteStreamControllerCommitPullIntoDescriptor(stream, pullIntoDescriptor) {
    let done = false;
    if (stream.state === 'closed') done = true;
    const filledView = readableByteStreamControllerConvertPullIntoDescriptor(pullIntoDescriptor);
    if (pullIntoDescriptor.readerType === 'default') readableStreamFulfillReadRequest(stream, filledView, done);
    else readableStreamFulfillReadIntoRequest(stream, filledView, done);
  }
  function readableByteStreamControllerConvertPullIntoDescriptor(d) {
    const buffer = transferArrayBuffer(d.buffer);
    return new d.viewConstructor(buffer, d.byteOffset, d.bytesFilled / d.elementSize);
  }
  function readableByteStreamControllerEnqueue(controller, chunk) {
    const stream = controller.stream;
    if (controller.closeRequested || stream.state !== 'readable') return;
    const buffer = viewBuffer(chunk);
    const byteOffset = viewByteOffset(chunk);
    const byteLength = viewByteLength(chunk);
    if (isDetachedBuffer(buffer)) throw new TypeErrorCtor("the chunk's buffer is detached");
    const transferredBuffer = transferArrayBuffer(buffer);
    if (controller.pendingPullIntos.length > 0) {
      const first = controller.pendingPullIntos[0];
      if (isDetachedBuffer(first.buffer)) throw new TypeErrorCtor("the BYOB request's buffer is detached");
      readableByteStreamControllerInvalidateBYOBRequest(controller);
      first.buffer = transferArrayBuffer(first.buffer);
      if (first.readerType === 'none') readableByteStreamControllerEnqueueDetachedPullIntoToQueue(controller, first);
    }
    if (readableStreamHasDefaultReader(stream)) {
      readableByteStreamControllerProcessReadRequestsUsingQueue(controller);
      if (readableStreamGetNumReadRequests(stream) === 0) {
        readableByteStreamControllerEnqueueChunkToQueue(controller, transferredBuffer, byteOffset, byteLength);
      } else {
        if (controller.pendingPullIntos.length > 0) readableByteStreamControllerShiftPendingPullInto(controller);
        const transferredView = new Uint8ArrayCtor(transferredBuffer, byteOffset, byteLength);
        readableStreamFulfillReadRequest(stream, transferredView, false);
      }
    } else if (readableStreamHasBYOBReader(stream)) {
      readableByteStreamControllerEnqueueChunkToQueue(controller, transferredBuffer, byteOffset, byteLength);
      const filled = readableByteStreamControllerProcessPullIntoDescriptorsUsingQueue(controller);
      for (let i = 0; i < filled.length; i++) readableByteStreamControllerCommitPullIntoDescriptor(stream, filled[i]);
    } else {
      readableByteStreamControllerEnqueueChunkToQueue(controller, transferredBuffer, byteOffset, byteLength);
    }
    readableByteStreamControllerCallPullIfNeeded(controller);
  }
  function readableByteStreamControllerEnqueueChunkToQueue(controller, buffer, byteOffset, byteLength) {
    controller.queue.push({ buffer, byteOffset, byteLength });
    controller.queueTotalSize += byteLength;
  }
  function readableByteStreamControllerEnqueueClonedChunkToQueue(controller, buffer, byteOffset, byteLength) {
    let clone;
    try {
      clone = cloneArrayBuffer(buffer, byteOffset, byteLength);
    } catch (e) {
      readableByteStreamControllerError(controller, e);
      throw e;
    }
    readableByteStreamControllerEnqueueChunkToQueue(controller, clone, 0, byteLength);
  }
  function readableByteStreamControllerEnqueueDetachedPullIntoToQueue(controller, d) {
    if (d.bytesFilled > 0) readableByteStreamControllerEnqueueClonedChunkToQueue(controller, d.buffer, d.byteOffset, d.bytesFilled);
    readableByteStreamControllerShiftPendingPullInto(controller);
  }
  function readableByteStreamControllerError(controller, e) {
    const stream = controller.stream;
    if (stream.state !== 'readable') return;
    readableByteStreamControllerClearPendingPullIntos(controller);
    resetQueue(controller);
    readableByteStreamControllerClearAlgorithms(controller);
    readableStreamError(stream, e);
  }
  function readableByteStreamControllerFillHeadPullIntoDescriptor(controller, size, d) {
    d.bytesFilled += size;
  }
  function readableByteStreamControllerFillPullIntoDescriptorFromQueue(controller, d) {
    const maxBytesToCopy = mathMin(controller.queueTotalSize, d.byteLength - d.bytesFilled);
    const maxBytesFilled = d.bytesFilled + maxBytesToCopy;
    let totalBytesToCopyRemaining = maxBytesToCopy;
    let ready = false;
    const remainderBytes = maxBytesFilled % d.elementSize;
    const maxAlignedBytes = maxBytesFilled - remainderBytes;
    if (maxAlignedBytes >= d.minimumFill) {
      totalBytesToCopyRemaining = maxAlignedBytes - d.bytesFilled;
      ready = true;
    }
    const queue = controller.queue;
    while (totalBytesToCopyRemaining > 0) {
      const head = queue.peek();
      const bytesToCopy = mathMin(totalBytesToCopyRemaining, head.byteLength);
      const destStart = d.byteOffset + d.bytesFilled;
      copyDataBlockBytes(d.buffer, destStart, head.buffer, head.byteOffset, bytesToCopy);
      if (head.byteLength === bytesToCopy) {
        queue.shift();
      } else {
        head.byteOffset += bytesToCopy;
        head.byteLength -= bytesToCopy;
      }
      controller.queueTotalSize -= bytesToCopy;
      readableByteStreamControllerFillHeadPullIntoDescriptor(controller, bytesToCopy, d);
      totalBytesToCopyRemaining -= bytesToCopy;
    }
    return ready;
  }
  function readableByteStreamControllerFillReadRequestFromQueue(controller, readRequest) {
    const entry = controller.queue.shift();
    controller.queueTotalSize -= entry.byteLength;
    readableByteStreamControllerHandleQueueDrain(controller);
    const view = new Uint8ArrayCtor(entry.buffer, entry.byteOffset, entry.byteLength);
    readRequest.chunk(view);
  }
  function readableByteStreamControllerGetBYOBRequest(controller) {
    if (controller.byobRequest === null && controller.pendingPullIntos.length > 0) {
      const first = controller.pendingPullIntos[0];
      const view = new Uint8ArrayCtor(first.buffer, first.byteOffset + first.bytesFilled, first.byteLength - first.bytesFilled);
      const request = new ByobRequestRecord(controller, view);
      handoff = request;
      new ReadableStreamBYOBRequest(kInternal);
      controller.byobRequest = request;
    }
    return controller.byobRequest;
  }
  function readableByteStreamControllerGetDesiredSize(controller) {
    const state = controller.stream.state;
    if (state === 'errored') return null;
    if (state === 'closed') return 0;
    return controller.strategyHWM - controller.queueTotalSize;
  }
  function readableByteStreamControllerHandleQueueDrain(controller) {
    if (controller.queueTotalSize === 0 && controller.closeRequested) {
      readableByteStreamControllerClearAlgorithms(controller);
      readableStreamClose(controller.stream);
    } else {
      readableByteStreamControllerCallPullIfNeeded(controller);
    }
  }
  function readableByteStreamControllerInvalidateBYOBRequest(controller) {
    const request = controller.byobRequest;
    if (request === null) return;
    request.controller = undefined;
    request.view = null;
    controller.byobRequest = null;
  }
  function readableByteStreamControllerProcessPullIntoDescriptorsUsingQueue(controller) {
    const filled = [];
    while (controller.pendingPullIntos.length > 0) {
      if (controller.queueTotalSize === 0) break;
      const d = controller.pendingPullIntos[0];
      if (readableByteStreamControllerFillPullIntoDescriptorFromQueue(controller, d)) {
        readableByteStreamControllerShiftPendingPullInto(controller);
        filled.push(d);
      }
    }
    return filled;
  }
  function readableByteStreamControllerProcessReadRequestsUsingQueue(controller) {
    const reader = controller.stream.reader;
    while (reader.requests.length > 0) {
      if (controller.queueTotalSize === 0) return;
      const readRequest = reader.requests.shift();
      readableByteStreamControllerFillReadRequestFromQueue(controller, readRequest);
    }
  }
  function readableByteStreamControllerPullInto(controller, view, min, readIntoRequest) {
    const stream = controller.stream;
    let elementSize = 1;
    let ctor = DataViewCtor;
    const tag = viewTag(view);
    if (tag !== undefined) {
      ctor = typedArrays.get(tag);
      elementSize = ctor.BYTES_PER_ELEMENT;
    }
    const minimumFill = min * elementSize;
    const byteOffset = viewByteOffset(view);
    const byteLength = viewByteLength(view);
    let buffer;
    try {
      buffer = transferArrayBuffer(viewBuffer(view));
    } catch (e) {
      readIntoRequest.error(e);
      return;
    }
    const d = new PullIntoDescriptor(buffer, byteOffset, byteLength, minimumFill, elementSize, ctor, 'byob');
    if (controller.pendingPullIntos.length > 0) {
      controller.pendingPullIntos.push(d);
      readableStreamAddReadIntoRequest(stream, readIntoRequest);
      return;
    }
    if (stream.state === 'closed') {
      const emptyView = new ctor(d.buffer, d.byteOffset, 0);
      readIntoRequest.close(emptyView);
      return;
    }
    if (controller.queueTotalSize > 0) {
      if (readableByteStreamControllerFillPullIntoDescriptorFromQueue(controller, d)) {
        const filledView = readableByteStreamControllerConvertPullIntoDescriptor(d);
        readableByteStreamControllerHandleQueueDrain(controller);
        readIntoRequest.chunk(filledView);
        return;
      }
      if (controller.closeRequested) {
        const e = new TypeErrorCtor('the stream closed with too few bytes left for this read');
        readableByteStreamControllerError(controller, e);
        readIntoRequest.error(e);
        return;
      }
    }
    controller.pendingPullIntos.push(d);
    readableStreamAddReadIntoRequest(stream, readIntoRequest);
    readableByteStreamControllerCallPullIfNeeded(controller);
  }
  function readableByteStreamControllerRespond(controller, bytesWritten) {
    const first = controller.pendingPullIntos[0];
    const state = controller.stream.state;
    if (state === 'closed') {
      if (bytesWritten !== 0) throw new TypeErrorCtor('bytesWritten must be 0 once the stream is closed');
    } else {
      if (bytesWritten === 0) throw new TypeErrorCtor('bytesWritten must be greater than 0 while the stream is readable');
      if (first.bytesFilled + bytesWritten > first.byteLength) throw new RangeErrorCtor('bytesWritten is larger than the view');
    }
    first.buffer = transferArrayBuffer(first.buffer);
    readableByteStreamControllerRespondInternal(controller, bytesWritten);
  }
  function readableByteStreamControllerRespondInClosedState(controller, first) {
    if (first.readerType === 'none') readableByteStreamControllerShiftPendingPullInto(controller);
    const stream = controller.stream;
    if (readableStreamHasBYOBReader(stream)) {
      const filled = [];
      while (filled.length < readableStreamGetNumReadIntoRequests(stream)) {
        filled.push(readableByteStreamControllerShiftPendingPullInto(controller));
      }
      for (let i = 0; i < filled.length; i++) readableByteStreamControllerCommitPullIntoDescriptor(stream, filled[i]);
    }
  }
  function readableByteStreamControllerRespondInReadableState(controller, bytesWritten, d) {
    readableByteStreamControllerFillHeadPullIntoDescriptor(controller, bytesWritten, d);
    if (d.readerType === 'none') {
      readableByteStreamControllerEnqueueDetachedPullIntoToQueue(controller, d);
      const filled = readableByteStreamControllerProcessPullIntoDescriptorsUsingQueue(controller);
      for (let i = 0; i < filled.length; i++) readableByteStreamControllerCommitPullIntoDescriptor(controller.stream, filled[i]);
      return;
    }
    if (d.bytesFilled < d.minimumFill) return;
    readableByteStreamControllerShiftPendingPullInto(controller);
    const remainderSize = d.bytesFilled % d.elementSize;
    if (remainderSize > 0) {
      const end = d.byteOffset + d.bytesFilled;
      readableByteStreamControllerEnqueueClonedChunkToQueue(controller, d.buffer, end - remainderSize, remainderSize);
    }
    d.bytesFilled -= remainderSize;
    const filled = readableByteStreamControllerProcessPullIntoDescriptorsUsingQueue(controller);
    readableByteStreamControllerCommitPullIntoDescriptor(controller.stream, d);
    for (let i = 0; i < filled.length; i++) readableByteStreamControllerCommitPullIntoDescriptor(controller.stream, filled[i]);
  }
  function readableByteStreamControllerRespondInternal(controller, bytesWritten) {
    const first = controller.pendingPullIntos[0];
    readableByteStreamControllerInvalidateBYOBRequest(controller);
    if (controller.stream.state === 'closed') readableByteStreamControllerRespondInClosedState(controller, first);
    else readableByteStreamControllerRespondInReadableState(controller, bytesWritten, first);
    readableByteStreamControllerCallPullIfNeeded(controller);
  }
  function readableByteStreamControllerRespondWithNewView(controller, view) {
    const first = controller.pendingPullIntos[0];
    const state = controller.stream.state;
    const byteLength = viewByteLength(view);
    if (state === 'closed') {
      if (byteLength !== 0) throw new TypeErrorCtor("the view's length must be 0 once the stream is closed");
    } else if (byteLength === 0) {
      throw new TypeErrorCtor("the view's length must be greater than 0 while the stream is readable");
    }
    if (first.byteOffset + first.bytesFilled !== viewByteOffset(view)) throw new RangeErrorCtor('the view does not start where the request does');
    const buffer = viewBuffer(view);
    if (first.bufferByteLength !== bufferByteLength(buffer)) throw new RangeErrorCtor("the view's buffer does not have the request's length");
    if (first.bytesFilled + byteLength > first.byteLength) throw new RangeErrorCtor('the view is larger than the request');
    first.buffer = transferArrayBuffer(buffer);
    readableByteStreamControllerRespondInternal(controller, byteLength);
  }
  function readableByteStreamControllerShiftPendingPullInto(controller) {
    return controller.pendingPullIntos.shift();
  }
  function readableByteStreamControllerShouldCallPull(controller) {
    const stream = controller.stream;
    if (stream.state !== 'readable') return false;
    if (controller.closeRequested) return false;
    if (!controller.started) return false;
    if (readableStreamHasDefaultReader(stream) && readableStreamGetNumReadRequests(stream) > 0) return true;
    if (readableStreamHasBYOBReader(stream) && readableStreamGetNumReadIntoRequests(stream) > 0) return true;
    return readableByteStreamControllerGetDesiredSize(controller) > 0;
  }
  function readableByteStreamControllerPullSteps(controller, readRequest) {
    const stream = controller.stream;
    if (controller.queueTotalSize > 0) {
      readableByteStreamControllerFillReadRequestFromQueue(controller, readRequest);
      return;
    }
    const autoAllocateChunkSize = controller.autoAllocateChunkSize;
    if (autoAllocateChunkSize !== undefined) {
      let buffer;
      try {
        buffer = new ArrayBufferCtor(autoAllocateChunkSize);
      } catch (e) {
        readRequest.error(e);
        return;
      }
      controller.pendingPullIntos.push(new PullIntoDescriptor(buffer, 0, autoAllocateChunkSize, 1, 1, Uint8ArrayCtor, 'default'));
    }
    readableStreamAddReadRequest(stream, readRequest);
    readableByteStreamControllerCallPullIfNeeded(controller);
  }
  function setUpReadableByteStreamController(stream, controller, startAlgorithm, pullAlgorithm, cancelAlgorithm, highWaterMark, autoAllocateChunkSize) {
    controller.stream = stream;
    handoff = controller;
    new ReadableByteStreamController(kInternal);
    controller.strategyHWM = highWaterMark;
    controller.pullAlgorithm = pullAlgorithm;
    controller.cancelAlgorithm = cancelAlgorithm;
    controller.autoAllocateChunkSize = autoAllocateChunkSize;
    stream.controller = controller;
    const startResult = startAlgorithm(controller);
    then(
      resolvedWith(startResult),
      () => {
        controller.started = true;
        readableByteStreamControllerCallPullIfNeeded(controller);
      },
      (r) => readableByteStreamControllerError(controller, r),
    );
  }

  // ================================================================== tee
  function readableStreamTee(stream, cloneForBranch2) {
    if (stream.controller.byte) return readableByteStreamTee(stream);
    return readableStreamDefaultTee(stream, cloneForBranch2);
  }
  function readableStreamDefaultTee(stream, cloneForBranch2) {
    const reader = acquireReadableStreamDefaultReader(stream);
    let reading = false;
    let readAgain = false;
    let canceled1 = false;
    let canceled2 = false;
    let reason1;
    let reason2;
    let branch1;
    let branch2;
    const cancelPromise = deferred();
    const readRequest = new ReadRequest(
      (chunk) => {
        queueMicrotaskInternal(() => {
          readAgain = false;
          const chunk1 = chunk;
          let chunk2 = chunk;
          if (!canceled2 && cloneForBranch2) {
            try {
              chunk2 = globalThis.structuredClone(chunk2);
            } catch (e) {
              readableStreamDefaultControllerError(branch1.controller, e);
              readableStreamDefaultControllerError(branch2.controller, e);
              cancelPromise.resolve(readableStreamCancel(stream, e));
              return;
            }
          }
          if (!canceled1) readableStreamDefaultControllerEnqueue(branch1.controller, chunk1);
          if (!canceled2) readableStreamDefaultControllerEnqueue(branch2.controller, chunk2);
          reading = false;
          if (readAgain) pullAlgorithm();
        });
      },
      () => {
        reading = false;
        if (!canceled1) readableStreamDefaultControllerClose(branch1.controller);
        if (!canceled2) readableStreamDefaultControllerClose(branch2.controller);
        if (!canceled1 || !canceled2) cancelPromise.resolve(undefined);
      },
      () => {
        reading = false;
      },
    );
    function pullAlgorithm() {
      if (reading) {
        readAgain = true;
        return resolvedUndefined();
      }
      reading = true;
      readableStreamDefaultReaderRead(reader, readRequest);
      return resolvedUndefined();
    }
    function cancel1Algorithm(reason) {
      canceled1 = true;
      reason1 = reason;
      if (canceled2) cancelPromise.resolve(readableStreamCancel(stream, [reason1, reason2]));
      return cancelPromise.promise;
    }
    function cancel2Algorithm(reason) {
      canceled2 = true;
      reason2 = reason;
      if (canceled1) cancelPromise.resolve(readableStreamCancel(stream, [reason1, reason2]));
      return cancelPromise.promise;
    }
    branch1 = createReadableStream(noop, pullAlgorithm, cancel1Algorithm);
    branch2 = createReadableStream(noop, pullAlgorithm, cancel2Algorithm);
    then(reader.closed.promise, undefined, (r) => {
      readableStreamDefaultControllerError(branch1.controller, r);
      readableStreamDefaultControllerError(branch2.controller, r);
      if (!canceled1 || !canceled2) cancelPromise.resolve(undefined);
    });
    return [branch1, branch2];
  }
  /** ReadableByteStreamControllerClose for a branch. The standard calls it as if it could not
   * throw, but it does when a BYOB read of the branch holds part of an element; the branch is
   * errored with that TypeError then, and the exception must not escape into the source. */
  function closeBranch(controller) {
    try {
      readableByteStreamControllerClose(controller);
    } catch {
      // the branch is errored
    }
  }
  /** ReadableByteStreamControllerRespondWithNewView for the branch that asked for a BYOB read,
   * unless closing it errored it (then nothing is pending any more). */
  function respondBranch(controller, view) {
    if (controller.pendingPullIntos.length > 0) readableByteStreamControllerRespondWithNewView(controller, view);
  }
  function readableByteStreamTee(stream) {
    let reader = acquireReadableStreamDefaultReader(stream);
    let reading = false;
    let readAgainForBranch1 = false;
    let readAgainForBranch2 = false;
    let canceled1 = false;
    let canceled2 = false;
    let reason1;
    let reason2;
    let branch1;
    let branch2;
    const cancelPromise = deferred();
    function forwardReaderError(thisReader) {
      then(thisReader.closed.promise, undefined, (r) => {
        if (thisReader !== reader) return;
        readableByteStreamControllerError(branch1.controller, r);
        readableByteStreamControllerError(branch2.controller, r);
        if (!canceled1 || !canceled2) cancelPromise.resolve(undefined);
      });
    }
    function pullWithDefaultReader() {
      if (reader.byob) {
        readableStreamBYOBReaderRelease(reader);
        reader = acquireReadableStreamDefaultReader(stream);
        forwardReaderError(reader);
      }
      const readRequest = new ReadRequest(
        (chunk) => {
          queueMicrotaskInternal(() => {
            readAgainForBranch1 = false;
            readAgainForBranch2 = false;
            const chunk1 = chunk;
            let chunk2 = chunk;
            if (!canceled1 && !canceled2) {
              try {
                chunk2 = cloneAsUint8Array(chunk);
              } catch (e) {
                readableByteStreamControllerError(branch1.controller, e);
                readableByteStreamControllerError(branch2.controller, e);
                cancelPromise.resolve(readableStreamCancel(stream, e));
                return;
              }
            }
            if (!canceled1) readableByteStreamControllerEnqueue(branch1.controller, chunk1);
            if (!canceled2) readableByteStreamControllerEnqueue(branch2.controller, chunk2);
            reading = false;
            if (readAgainForBranch1) pull1Algorithm();
            else if (readAgainForBranch2) pull2Algorithm();
          });
        },
        () => {
          reading = false;
          if (!canceled1) closeBranch(branch1.controller);
          if (!canceled2) closeBranch(branch2.controller);
          if (branch1.controller.pendingPullIntos.length > 0) readableByteStreamControllerRespond(branch1.controller, 0);
          if (branch2.controller.pendingPullIntos.length > 0) readableByteStreamControllerRespond(branch2.controller, 0);
          if (!canceled1 || !canceled2) cancelPromise.resolve(undefined);
        },
        () => {
          reading = false;
        },
      );
      readableStreamDefaultReaderRead(reader, readRequest);
    }
    function pullWithBYOBReader(view, forBranch2) {
      if (!reader.byob) {
        readableStreamDefaultReaderRelease(reader);
        reader = acquireReadableStreamBYOBReader(stream);
        forwardReaderError(reader);
      }
      const byobBranch = forBranch2 ? branch2 : branch1;
      const otherBranch = forBranch2 ? branch1 : branch2;
      const readIntoRequest = new ReadRequest(
        (chunk) => {
          queueMicrotaskInternal(() => {
            readAgainForBranch1 = false;
            readAgainForBranch2 = false;
            const byobCanceled = forBranch2 ? canceled2 : canceled1;
            const otherCanceled = forBranch2 ? canceled1 : canceled2;
            if (!otherCanceled) {
              let clonedChunk;
              try {
                clonedChunk = cloneAsUint8Array(chunk);
              } catch (e) {
                readableByteStreamControllerError(byobBranch.controller, e);
                readableByteStreamControllerError(otherBranch.controller, e);
                cancelPromise.resolve(readableStreamCancel(stream, e));
                return;
              }
              if (!byobCanceled) respondBranch(byobBranch.controller, chunk);
              readableByteStreamControllerEnqueue(otherBranch.controller, clonedChunk);
            } else if (!byobCanceled) {
              respondBranch(byobBranch.controller, chunk);
            }
            reading = false;
            if (readAgainForBranch1) pull1Algorithm();
            else if (readAgainForBranch2) pull2Algorithm();
          });
        },
        (chunk) => {
          reading = false;
          const byobCanceled = forBranch2 ? canceled2 : canceled1;
          const otherCanceled = forBranch2 ? canceled1 : canceled2;
          if (!byobCanceled) closeBranch(byobBranch.controller);
          if (!otherCanceled) closeBranch(otherBranch.controller);
          if (chunk !== undefined) {
            if (!byobCanceled) respondBranch(byobBranch.controller, chunk);
            if (!otherCanceled && otherBranch.controller.pendingPullIntos.length > 0) readableByteStreamControllerRespond(otherBranch.controller, 0);
          }
          if (!byobCanceled || !otherCanceled) cancelPromise.resolve(undefined);
        },
        () => {
          reading = false;
        },
      );
      readableStreamBYOBReaderRead(reader, view, 1, readIntoRequest);
    }
    function pull1Algorithm() {
      if (reading) {
        readAgainForBranch1 = true;
        return resolvedUndefined();
      }
      reading = true;
      const byobRequest = readableByteStreamControllerGetBYOBRequest(branch1.controller);
      if (byobRequest === null) pullWithDefaultReader();
      else pullWithBYOBReader(byobRequest.view, false);
      return resolvedUndefined();
    }
    function pull2Algorithm() {
      if (reading) {
        readAgainForBranch2 = true;
        return resolvedUndefined();
      }
      reading = true;
      const byobRequest = readableByteStreamControllerGetBYOBRequest(branch2.controller);
      if (byobRequest === null) pullWithDefaultReader();
      else pullWithBYOBReader(byobRequest.view, true);
      return resolvedUndefined();
    }
    function cancel1Algorithm(reason) {
      canceled1 = true;
      reason1 = reason;
      if (canceled2) cancelPromise.resolve(readableStreamCancel(stream, [reason1, reason2]));
      return cancelPromise.promise;
    }
    function cancel2Algorithm(reason) {
      canceled2 = true;
      reason2 = reason;
      if (canceled1) cancelPromise.resolve(readableStreamCancel(stream, [reason1, reason2]));
      return cancelPromise.promise;
    }
    branch1 = createReadableByteStream(noop, pull1Algorithm, cancel1Algorithm);
    branch2 = createReadableByteStream(noop, pull2Algorithm, cancel2Algorithm);
    forwardReaderError(reader);
    return [branch1, branch2];
  }

  // ================================================================== pipeTo
  let abortSignalAborted; // AbortSignal.prototype.aborted getter, looked up on first use
  let abortSignalReason;
  let addEventListener;
  let removeEventListener;
  function lookUpSignalMethods() {
    if (abortSignalAborted !== undefined) return;
    const AS = globalThis.AbortSignal;
    const proto = typeof AS === 'function' ? AS.prototype : undefined;
    abortSignalAborted = getter(proto, 'aborted');
    abortSignalReason = getter(proto, 'reason');
    const ET = globalThis.EventTarget;
    const etProto = typeof ET === 'function' ? ET.prototype : undefined;
    addEventListener = etProto && etProto.addEventListener;
    removeEventListener = etProto && etProto.removeEventListener;
    if (abortSignalAborted === undefined || typeof addEventListener !== 'function') {
      abortSignalAborted = undefined;
      throw new TypeErrorCtor('AbortSignal is not available');
    }
  }
  /** The DOM's "add an abort algorithm" (an 'abort' listener when the platform has no hook). */
  function addAbortAlgorithm(signal, algorithm) {
    const events = internal.events;
    if (events !== undefined && typeof events.addAbortAlgorithm === 'function') events.addAbortAlgorithm(signal, algorithm);
    else callOf.call(addEventListener, signal, 'abort', algorithm);
  }
  function removeAbortAlgorithm(signal, algorithm) {
    const events = internal.events;
    if (events !== undefined && typeof events.removeAbortAlgorithm === 'function') events.removeAbortAlgorithm(signal, algorithm);
    else callOf.call(removeEventListener, signal, 'abort', algorithm);
  }
  /** WebIDL AbortSignal conversion. */
  function abortSignal(value) {
    lookUpSignalMethods();
    try {
      callOf.call(abortSignalAborted, value);
    } catch {
      throw new TypeErrorCtor("the 'signal' option must be an AbortSignal");
    }
    return value;
  }
  /** StreamPipeOptions, members in lexicographic order. */
  function streamPipeOptions(options) {
    const dict = dictionary(options, 'options');
    if (dict === undefined) return { preventAbort: false, preventCancel: false, preventClose: false, signal: undefined };
    const preventAbort = !!dict.preventAbort;
    const preventCancel = !!dict.preventCancel;
    const preventClose = !!dict.preventClose;
    let signal = dict.signal;
    if (signal !== undefined) signal = abortSignal(signal);
    return { preventAbort, preventCancel, preventClose, signal };
  }
  /** Waits for all promises; rejects with the first rejection (the standard's "wait for all"). */
  function waitForAll(promises) {
    const d = deferred();
    let remaining = promises.length;
    if (remaining === 0) d.resolve(undefined);
    for (let i = 0; i < promises.length; i++) {
      then(
        promises[i],
        () => {
          if (--remaining === 0) d.resolve(undefined);
        },
        d.reject,
      );
    }
    return d.promise;
  }

  function readableStreamPipeTo(source, dest, preventClose, preventAbort, preventCancel, signal) {
    const reader = acquireReadableStreamDefaultReader(source);
    const writer = acquireWritableStreamDefaultWriter(dest);
    source.disturbed = true;
    let shuttingDown = false;
    let currentWrite = resolvedUndefined();
    const result = deferred();
    let abortListener;

    if (signal !== undefined) {
      const abortAlgorithm = () => {
        const error = callOf.call(abortSignalReason, signal);
        const actions = [];
        if (!preventAbort) actions.push(() => (dest.state === 'writable' ? writableStreamAbort(dest, error) : resolvedUndefined()));
        if (!preventCancel) actions.push(() => (source.state === 'readable' ? readableStreamCancel(source, error) : resolvedUndefined()));
        shutdownWithAction(() => waitForAll(actions.map((action) => action())), true, error);
      };
      if (callOf.call(abortSignalAborted, signal)) {
        abortAlgorithm();
        return result.promise;
      }
      abortListener = abortAlgorithm;
      addAbortAlgorithm(signal, abortListener);
    }

    // One step: once the writer is ready, read a chunk and write it; the next step follows
    // the write's start. Like the reference, a step always waits a job for the ready promise,
    // so nothing is read synchronously inside pipeTo().
    const pipeStep = () => {
      if (shuttingDown) return;
      const desiredSize = writableStreamDefaultWriterGetDesiredSize(writer);
      if (desiredSize === null || desiredSize <= 0) {
        // No room: wait for the next ready promise. A fulfilled one with no room happens only
        // once the destination is closing, and then the pipe is shutting down.
        if (writer.ready.state === 'pending') then(writer.ready.promise, pipeStep, noop);
        return;
      }
      readableStreamDefaultReaderRead(reader, readRequest);
    };
    const pipeLoop = () => {
      if (!shuttingDown) then(writer.ready.promise, pipeStep, noop);
    };
    const readRequest = new ReadRequest(
      (chunk) => {
        currentWrite = then(writableStreamDefaultWriterWrite(writer, chunk), undefined, noop);
        pipeLoop();
      },
      noop,
      noop,
    );

    function waitForWritesToFinish() {
      const oldCurrentWrite = currentWrite;
      return then(currentWrite, () => (oldCurrentWrite !== currentWrite ? waitForWritesToFinish() : undefined));
    }
    function shutdownWithAction(action, hasError, originalError) {
      if (shuttingDown) return;
      shuttingDown = true;
      const doTheRest = () => {
        then(
          action(),
          () => finalize(hasError, originalError),
          (newError) => finalize(true, newError),
        );
      };
      if (dest.state === 'writable' && !writableStreamCloseQueuedOrInFlight(dest)) then(waitForWritesToFinish(), doTheRest);
      else doTheRest();
    }
    function shutdown(hasError, error) {
      if (shuttingDown) return;
      shuttingDown = true;
      if (dest.state === 'writable' && !writableStreamCloseQueuedOrInFlight(dest)) then(waitForWritesToFinish(), () => finalize(hasError, error));
      else finalize(hasError, error);
    }
    function finalize(hasError, error) {
      writableStreamDefaultWriterRelease(writer);
      readableStreamDefaultReaderRelease(reader);
      if (abortListener !== undefined) removeAbortAlgorithm(signal, abortListener);
      if (hasError) result.reject(error);
      else result.resolve(undefined);
    }

    // The four propagation rules, checked now and whenever a stream changes state.
    const sourceErrored = () => {
      if (!preventAbort) shutdownWithAction(() => writableStreamAbort(dest, source.storedError), true, source.storedError);
      else shutdown(true, source.storedError);
    };
    const destErrored = () => {
      if (!preventCancel) shutdownWithAction(() => readableStreamCancel(source, dest.storedError), true, dest.storedError);
      else shutdown(true, dest.storedError);
    };
    const sourceClosed = () => {
      if (!preventClose) shutdownWithAction(() => writableStreamDefaultWriterCloseWithErrorPropagation(writer), false);
      else shutdown(false);
    };
    const destClosing = () => {
      const destClosed = new TypeErrorCtor('the destination WritableStream is closed or closing');
      if (!preventCancel) shutdownWithAction(() => readableStreamCancel(source, destClosed), true, destClosed);
      else shutdown(true, destClosed);
    };

    if (source.state === 'errored') sourceErrored();
    else then(reader.closed.promise, undefined, sourceErrored);
    if (dest.state === 'errored') destErrored();
    else then(writer.closed.promise, undefined, destErrored);
    if (source.state === 'closed') sourceClosed();
    else then(reader.closed.promise, sourceClosed, noop);
    if (writableStreamCloseQueuedOrInFlight(dest) || dest.state === 'closed') destClosing();

    setHandled(result.promise);
    pipeLoop();
    return result.promise;
  }

  // ================================================================== from() and async iteration
  /** WebIDL async_sequence conversion + "open": an async iterator record. */
  function openAsyncSequence(value) {
    if (!isObject(value)) throw new TypeErrorCtor('ReadableStream.from() needs an iterable or async iterable object');
    let method = value[SymbolAsyncIterator];
    if (method !== undefined && method !== null) {
      if (typeof method !== 'function') throw new TypeErrorCtor('@@asyncIterator is not a function');
      const iterator = callOf.call(method, value);
      if (!isObject(iterator)) throw new TypeErrorCtor('@@asyncIterator returned a non-object');
      return { iterator, next: iterator.next, sync: false };
    }
    method = value[SymbolIterator];
    if (method === undefined || method === null) throw new TypeErrorCtor('ReadableStream.from() needs an iterable or async iterable object');
    if (typeof method !== 'function') throw new TypeErrorCtor('@@iterator is not a function');
    const iterator = callOf.call(method, value);
    if (!isObject(iterator)) throw new TypeErrorCtor('@@iterator returned a non-object');
    return { iterator, next: iterator.next, sync: true };
  }
  /** Closes a sync iterator, ignoring what it throws (IteratorClose with a throw completion). */
  function closeSyncIterator(iterator) {
    try {
      const ret = iterator.return;
      if (ret !== undefined && ret !== null) callOf.call(ret, iterator);
    } catch {
      // the original error wins
    }
  }
  const endOfIteration = { end: true };
  /** The iterator result's done and value, read as IteratorComplete / IteratorValue do. */
  function iterResultParts(result) {
    const done = !!result.done;
    return { done, value: result.value };
  }
  /** %AsyncFromSyncIteratorPrototype%.next: a promise of { value, done }, the value awaited. */
  function asyncFromSyncNext(iterator, next) {
    let parts;
    try {
      const result = callOf.call(next, iterator);
      if (!isObject(result)) throw new TypeErrorCtor('the iterator result is not an object');
      parts = iterResultParts(result);
    } catch (e) {
      return rejectedWith(e);
    }
    return asyncFromSyncContinuation(iterator, parts, true);
  }
  /** %AsyncFromSyncIteratorPrototype%.return(value). */
  function asyncFromSyncReturn(iterator, value) {
    let parts;
    try {
      const ret = iterator.return;
      if (ret === undefined || ret === null) return promiseResolve({ value, done: true });
      if (typeof ret !== 'function') throw new TypeErrorCtor('the iterator return is not a function');
      const result = callOf.call(ret, iterator, value);
      if (!isObject(result)) throw new TypeErrorCtor('the iterator return result is not an object');
      parts = iterResultParts(result);
    } catch (e) {
      return rejectedWith(e);
    }
    return asyncFromSyncContinuation(iterator, parts, false);
  }
  /** AsyncFromSyncIteratorContinuation: awaits the value; closes the iterator when it rejects. */
  function asyncFromSyncContinuation(iterator, { done, value }, closeOnRejection) {
    let valueWrapper;
    try {
      valueWrapper = promiseResolve(value);
    } catch (e) {
      if (!done && closeOnRejection) closeSyncIterator(iterator);
      return rejectedWith(e);
    }
    return then(
      valueWrapper,
      (v) => ({ value: v, done }),
      (e) => {
        if (!done && closeOnRejection) closeSyncIterator(iterator);
        throw e;
      },
    );
  }
  /** WebIDL "get the next value" of an async iterator: a promise of a value or endOfIteration. */
  function iteratorNext(record) {
    let nextResult;
    if (record.sync) {
      nextResult = asyncFromSyncNext(record.iterator, record.next);
    } else {
      try {
        nextResult = callOf.call(record.next, record.iterator);
        if (!isObject(nextResult)) throw new TypeErrorCtor('the iterator result is not an object'); // IteratorNext
      } catch (e) {
        return rejectedWith(e);
      }
    }
    return then(resolvedWith(nextResult), (r) => {
      if (!isObject(r)) throw new TypeErrorCtor('the iterator result is not an object');
      if (r.done) return endOfIteration;
      return r.value;
    });
  }
  /** WebIDL "close an async iterator" with a reason. */
  function iteratorReturn(record, reason) {
    const iterator = record.iterator;
    let returnResult;
    if (record.sync) {
      returnResult = asyncFromSyncReturn(iterator, reason);
    } else {
      try {
        const ret = iterator.return;
        if (ret === undefined || ret === null) return resolvedUndefined();
        if (typeof ret !== 'function') throw new TypeErrorCtor('the iterator return is not a function');
        returnResult = callOf.call(ret, iterator, reason);
      } catch (e) {
        return rejectedWith(e);
      }
    }
    return then(resolvedWith(returnResult), (r) => {
      if (!isObject(r)) throw new TypeErrorCtor('the iterator return result is not an object');
      return undefined;
    });
  }
  function readableStreamFromIterable(asyncIterable) {
    const record = openAsyncSequence(asyncIterable);
    let stream;
    const pullAlgorithm = () =>
      then(
        iteratorNext(record),
        (v) => {
          if (v === endOfIteration) readableStreamDefaultControllerClose(stream.controller);
          else readableStreamDefaultControllerEnqueue(stream.controller, v);
        },
        (e) => readableStreamDefaultControllerError(stream.controller, e),
      );
    const cancelAlgorithm = (reason) => iteratorReturn(record, reason);
    stream = createReadableStream(noop, pullAlgorithm, cancelAlgorithm, 0);
    return stream;
  }

  const iteratorProto = Object.create(AsyncIteratorPrototype);
  let iteratorOf;
  class Stamp {
    constructor(target) {
      return target;
    }
  }
  class AsyncIteratorBrand extends Stamp {
    #state;
    static {
      iteratorOf = (o) => (isObject(o) && #state in o ? o.#state : undefined);
    }
    constructor(target, state) {
      super(target);
      this.#state = state;
    }
  }
  function createAsyncIterator(stream, preventCancel) {
    const reader = acquireReadableStreamDefaultReader(stream);
    const it = Object.create(iteratorProto);
    new AsyncIteratorBrand(it, { reader, preventCancel, ongoing: null, finished: false });
    return it;
  }
  function iterNextSteps(state) {
    if (state.finished) return promiseResolve({ value: undefined, done: true });
    const reader = state.reader;
    if (reader.stream === undefined) {
      // Released by the close or error of a read that has not settled its next() yet (WebIDL
      // lets a next() start before then, see iterReturnSteps): the iteration is over.
      state.finished = true;
      return promiseResolve({ value: undefined, done: true });
    }
    const d = deferred();
    readableStreamDefaultReaderRead(
      reader,
      new ReadRequest(
        (chunk) => d.resolve(chunk),
        () => {
          if (reader.stream !== undefined) readableStreamDefaultReaderRelease(reader);
          d.resolve(endOfIteration);
        },
        (e) => {
          // (not attached when a return() that overlapped this read released the reader)
          if (reader.stream !== undefined) readableStreamDefaultReaderRelease(reader);
          d.reject(e);
        },
      ),
    );
    return then(
      d.promise,
      (next) => {
        state.ongoing = null;
        if (next === endOfIteration) {
          state.finished = true;
          return { value: undefined, done: true };
        }
        return { value: next, done: false };
      },
      (reason) => {
        state.ongoing = null;
        state.finished = true;
        throw reason;
      },
    );
  }
  function iterReturnSteps(state, value) {
    if (state.finished) return promiseResolve({ value, done: true });
    state.finished = true;
    const reader = state.reader;
    // The standard asserts that no read is pending here, but WebIDL clears the ongoing
    // promise when a next() settles even if a later next() is already chained, so a return()
    // can overlap a read whose close or error steps release the reader first.
    if (reader.stream === undefined) return resolvedUndefined();
    if (!state.preventCancel) {
      const result = readerGenericCancel(reader, value);
      if (reader.stream !== undefined) readableStreamDefaultReaderRelease(reader);
      return result;
    }
    readableStreamDefaultReaderRelease(reader);
    return resolvedUndefined();
  }
  const iteratorMethods = {
    next() {
      const state = iteratorOf(this);
      if (state === undefined) return rejectedWith(new TypeErrorCtor("Illegal invocation: 'this' is not a ReadableStream async iterator"));
      const ongoing = state.ongoing;
      const steps = () => iterNextSteps(state);
      state.ongoing = ongoing !== null ? then(ongoing, steps, steps) : steps();
      return state.ongoing;
    },
    return(value) {
      // WebIDL: the length of an async iterator's return() is 1.
      const state = iteratorOf(this);
      if (state === undefined) return rejectedWith(new TypeErrorCtor("Illegal invocation: 'this' is not a ReadableStream async iterator"));
      // Like next(), return() becomes the ongoing promise that later calls wait for.
      const steps = () => iterReturnSteps(state, value);
      const ongoing = state.ongoing;
      state.ongoing = ongoing !== null ? then(ongoing, steps, steps) : steps();
      return then(state.ongoing, () => ({ value, done: true }));
    },
  };
  for (const name of ['next', 'return']) {
    defineProperty(iteratorProto, name, { value: iteratorMethods[name], writable: true, enumerable: true, configurable: true });
  }
  defineProperty(iteratorProto, Symbol.toStringTag, { value: 'ReadableStream AsyncIterator', writable: false, enumerable: false, configurable: true });

  // ================================================================== ReadableStream classes
  class ReadableStream {
    #r;
    static {
      rsOf = (o) => (isObject(o) && #r in o ? o.#r : undefined);
    }

    constructor(underlyingSource = undefined, strategy = undefined) {
      if (underlyingSource === kInternal) {
        this.#r = handoff;
        handoff.api = this;
        handoff = undefined;
        return;
      }
      const stream = new ReadableStreamRecord();
      this.#r = stream;
      stream.api = this;
      // WebIDL: `optional object` (null is not an object), then the strategy dictionary, then
      // the underlying source's members.
      idlObject(underlyingSource, 'underlyingSource');
      const strat = queuingStrategy(strategy, 'strategy');
      if (underlyingSource === undefined) underlyingSource = null;
      const dict = dictionary(underlyingSource, 'underlyingSource');
      let autoAllocateChunkSize;
      let type;
      const source = { start: undefined, pull: undefined, cancel: undefined };
      if (dict !== undefined) {
        const a = dict.autoAllocateChunkSize;
        if (a !== undefined) autoAllocateChunkSize = enforceRangeULL(a, 'autoAllocateChunkSize');
        source.cancel = callbackMember(dict.cancel, 'underlyingSource.cancel');
        source.pull = callbackMember(dict.pull, 'underlyingSource.pull');
        source.start = callbackMember(dict.start, 'underlyingSource.start');
        const t = dict.type;
        if (t !== undefined) {
          type = `${t}`;
          if (type !== 'bytes') throw new TypeErrorCtor(`'${type}' is not a valid ReadableStreamType (only 'bytes' is)`);
        }
      }
      const algorithms = sourceAlgorithms(underlyingSource, source);
      if (type === 'bytes') {
        if (strat.size !== undefined) throw new RangeErrorCtor('a readable byte stream cannot have a size function in its strategy');
        const highWaterMark = extractHighWaterMark(strat, 0);
        if (autoAllocateChunkSize === 0) throw new TypeErrorCtor('autoAllocateChunkSize must be greater than 0');
        setUpReadableByteStreamController(stream, new ByteControllerRecord(), algorithms.start, algorithms.pull, algorithms.cancel, highWaterMark, autoAllocateChunkSize);
      } else {
        const sizeAlgorithm = extractSizeAlgorithm(strat);
        const highWaterMark = extractHighWaterMark(strat, 1);
        setUpReadableStreamDefaultController(stream, new DefaultControllerRecord(), algorithms.start, algorithms.pull, algorithms.cancel, highWaterMark, sizeAlgorithm);
      }
    }

    static from(asyncIterable) {
      return readableStreamFromIterable(asyncIterable).api;
    }

    get locked() {
      const stream = rsOf(this);
      if (stream === undefined) throw illegalInvocation('ReadableStream');
      return isReadableStreamLocked(stream);
    }

    cancel(reason = undefined) {
      const stream = rsOf(this);
      if (stream === undefined) return rejectedWith(illegalInvocation('ReadableStream'));
      if (isReadableStreamLocked(stream)) return rejectedWith(new TypeErrorCtor('cannot cancel a ReadableStream that is locked to a reader'));
      return readableStreamCancel(stream, reason);
    }

    getReader(options = undefined) {
      const stream = rsOf(this);
      if (stream === undefined) throw illegalInvocation('ReadableStream');
      const dict = dictionary(options, 'options');
      let mode;
      if (dict !== undefined && dict.mode !== undefined) {
        mode = `${dict.mode}`;
        if (mode !== 'byob') throw new TypeErrorCtor(`'${mode}' is not a valid ReadableStreamReaderMode (only 'byob' is)`);
      }
      if (mode === undefined) return readerApi(acquireReadableStreamDefaultReader(stream));
      return readerApi(acquireReadableStreamBYOBReader(stream));
    }

    pipeThrough(transform, options = undefined) {
      const stream = rsOf(this);
      if (stream === undefined) throw illegalInvocation('ReadableStream');
      if (arguments.length < 1) throw new TypeErrorCtor('pipeThrough() needs a { readable, writable } pair');
      const pair = dictionary(transform, 'transform');
      if (pair === undefined) throw new TypeErrorCtor('pipeThrough() needs a { readable, writable } pair');
      const readableApi = pair.readable;
      if (readableApi === undefined) throw new TypeErrorCtor("the pair's 'readable' is required");
      const readable = rsOf(readableApi);
      if (readable === undefined) throw new TypeErrorCtor("the pair's 'readable' must be a ReadableStream");
      const writableApi = pair.writable;
      if (writableApi === undefined) throw new TypeErrorCtor("the pair's 'writable' is required");
      const writable = wsOf(writableApi);
      if (writable === undefined) throw new TypeErrorCtor("the pair's 'writable' must be a WritableStream");
      const opts = streamPipeOptions(options);
      if (isReadableStreamLocked(stream)) throw new TypeErrorCtor('cannot pipe a ReadableStream that is locked to a reader');
      if (isWritableStreamLocked(writable)) throw new TypeErrorCtor('cannot pipe to a WritableStream that is locked to a writer');
      const promise = readableStreamPipeTo(stream, writable, opts.preventClose, opts.preventAbort, opts.preventCancel, opts.signal);
      setHandled(promise);
      return readableApi;
    }

    pipeTo(destination, options = undefined) {
      const stream = rsOf(this);
      if (stream === undefined) return rejectedWith(illegalInvocation('ReadableStream'));
      const dest = wsOf(destination);
      if (dest === undefined) return rejectedWith(new TypeErrorCtor('pipeTo() needs a WritableStream'));
      let opts;
      try {
        opts = streamPipeOptions(options);
      } catch (e) {
        return rejectedWith(e);
      }
      if (isReadableStreamLocked(stream)) return rejectedWith(new TypeErrorCtor('cannot pipe a ReadableStream that is locked to a reader'));
      if (isWritableStreamLocked(dest)) return rejectedWith(new TypeErrorCtor('cannot pipe to a WritableStream that is locked to a writer'));
      return readableStreamPipeTo(stream, dest, opts.preventClose, opts.preventAbort, opts.preventCancel, opts.signal);
    }

    tee() {
      const stream = rsOf(this);
      if (stream === undefined) throw illegalInvocation('ReadableStream');
      const [branch1, branch2] = readableStreamTee(stream, false);
      return [branch1.api, branch2.api];
    }

    values(options = undefined) {
      const stream = rsOf(this);
      if (stream === undefined) throw illegalInvocation('ReadableStream');
      const dict = dictionary(options, 'options');
      const preventCancel = dict === undefined ? false : !!dict.preventCancel;
      return createAsyncIterator(stream, preventCancel);
    }
  }

  class ReadableStreamDefaultReader {
    #r;
    static {
      defaultReaderOf = (o) => (isObject(o) && #r in o ? o.#r : undefined);
    }

    constructor(stream) {
      if (stream === kInternal) {
        this.#r = handoff;
        handoff.api = this;
        handoff = undefined;
        return;
      }
      const s = rsOf(stream);
      if (s === undefined) throw new TypeErrorCtor('ReadableStreamDefaultReader needs a ReadableStream');
      const reader = new ReaderRecord(false);
      setUpReadableStreamDefaultReader(reader, s);
      this.#r = reader;
      reader.api = this;
    }

    get closed() {
      const reader = defaultReaderOf(this);
      if (reader === undefined) return rejectedWith(illegalInvocation('ReadableStreamDefaultReader'));
      return reader.closed.promise;
    }

    cancel(reason = undefined) {
      const reader = defaultReaderOf(this);
      if (reader === undefined) return rejectedWith(illegalInvocation('ReadableStreamDefaultReader'));
      if (reader.stream === undefined) return rejectedWith(new TypeErrorCtor('the reader has been released'));
      return readerGenericCancel(reader, reason);
    }

    read() {
      const reader = defaultReaderOf(this);
      if (reader === undefined) return rejectedWith(illegalInvocation('ReadableStreamDefaultReader'));
      if (reader.stream === undefined) return rejectedWith(new TypeErrorCtor('the reader has been released'));
      let resolve;
      let reject;
      const promise = new PromiseCtor((res, rej) => {
        resolve = res;
        reject = rej;
      });
      readableStreamDefaultReaderRead(
        reader,
        new ReadRequest(
          (chunk) => resolve({ value: chunk, done: false }),
          () => resolve({ value: undefined, done: true }),
          reject,
        ),
      );
      return promise;
    }

    releaseLock() {
      const reader = defaultReaderOf(this);
      if (reader === undefined) throw illegalInvocation('ReadableStreamDefaultReader');
      if (reader.stream === undefined) return;
      readableStreamDefaultReaderRelease(reader);
    }
  }

  class ReadableStreamBYOBReader {
    #r;
    static {
      byobReaderOf = (o) => (isObject(o) && #r in o ? o.#r : undefined);
    }

    constructor(stream) {
      if (stream === kInternal) {
        this.#r = handoff;
        handoff.api = this;
        handoff = undefined;
        return;
      }
      const s = rsOf(stream);
      if (s === undefined) throw new TypeErrorCtor('ReadableStreamBYOBReader needs a ReadableStream');
      const reader = new ReaderRecord(true);
      setUpReadableStreamBYOBReader(reader, s);
      this.#r = reader;
      reader.api = this;
    }

    get closed() {
      const reader = byobReaderOf(this);
      if (reader === undefined) return rejectedWith(illegalInvocation('ReadableStreamBYOBReader'));
      return reader.closed.promise;
    }

    cancel(reason = undefined) {
      const reader = byobReaderOf(this);
      if (reader === undefined) return rejectedWith(illegalInvocation('ReadableStreamBYOBReader'));
      if (reader.stream === undefined) return rejectedWith(new TypeErrorCtor('the reader has been released'));
      return readerGenericCancel(reader, reason);
    }

    read(view, options = undefined) {
      const reader = byobReaderOf(this);
      if (reader === undefined) return rejectedWith(illegalInvocation('ReadableStreamBYOBReader'));
      let min = 1;
      try {
        if (arguments.length < 1) throw new TypeErrorCtor('read() needs a view');
        arrayBufferView(view, 'view');
        const dict = dictionary(options, 'options');
        if (dict !== undefined && dict.min !== undefined) min = enforceRangeULL(dict.min, 'min');
      } catch (e) {
        return rejectedWith(e);
      }
      const byteLength = viewByteLength(view);
      const buffer = viewBuffer(view);
      if (byteLength === 0) return rejectedWith(new TypeErrorCtor('the view must have a non-zero length'));
      if (bufferByteLength(buffer) === 0) return rejectedWith(new TypeErrorCtor("the view's buffer must have a non-zero length"));
      if (isDetachedBuffer(buffer)) return rejectedWith(new TypeErrorCtor("the view's buffer is detached"));
      if (min === 0) return rejectedWith(new TypeErrorCtor('min must be greater than 0'));
      if (viewTag(view) !== undefined) {
        if (min > callOf.call(taLength, view)) return rejectedWith(new RangeErrorCtor("min is larger than the view's length"));
      } else if (min > byteLength) {
        return rejectedWith(new RangeErrorCtor("min is larger than the view's byte length"));
      }
      if (reader.stream === undefined) return rejectedWith(new TypeErrorCtor('the reader has been released'));
      let resolve;
      let reject;
      const promise = new PromiseCtor((res, rej) => {
        resolve = res;
        reject = rej;
      });
      readableStreamBYOBReaderRead(
        reader,
        view,
        min,
        new ReadRequest(
          (chunk) => resolve({ value: chunk, done: false }),
          (chunk) => resolve({ value: chunk, done: true }),
          reject,
        ),
      );
      return promise;
    }

    releaseLock() {
      const reader = byobReaderOf(this);
      if (reader === undefined) throw illegalInvocation('ReadableStreamBYOBReader');
      if (reader.stream === undefined) return;
      readableStreamBYOBReaderRelease(reader);
    }
  }

  class ReadableStreamDefaultController {
    #r;
    static {
      defaultControllerOf = (o) => (isObject(o) && #r in o ? o.#r : undefined);
    }

    constructor(token = undefined) {
      if (token !== kInternal || handoff === undefined) throw illegalConstructor();
      this.#r = handoff;
      handoff.api = this;
      handoff = undefined;
    }

    get desiredSize() {
      const c = defaultControllerOf(this);
      if (c === undefined) throw illegalInvocation('ReadableStreamDefaultController');
      return readableStreamDefaultControllerGetDesiredSize(c);
    }

    close() {
      const c = defaultControllerOf(this);
      if (c === undefined) throw illegalInvocation('ReadableStreamDefaultController');
      if (!readableStreamDefaultControllerCanCloseOrEnqueue(c)) throw new TypeErrorCtor('the stream is closed, closing or errored and cannot be closed again');
      readableStreamDefaultControllerClose(c);
    }

    enqueue(chunk = undefined) {
      const c = defaultControllerOf(this);
      if (c === undefined) throw illegalInvocation('ReadableStreamDefaultController');
      if (!readableStreamDefaultControllerCanCloseOrEnqueue(c)) throw new TypeErrorCtor('the stream is closed, closing or errored: cannot enqueue');
      readableStreamDefaultControllerEnqueue(c, chunk);
    }

    error(e = undefined) {
      const c = defaultControllerOf(this);
      if (c === undefined) throw illegalInvocation('ReadableStreamDefaultController');
      readableStreamDefaultControllerError(c, e);
    }
  }

  class ReadableByteStreamController {
    #r;
    static {
      byteControllerOf = (o) => (isObject(o) && #r in o ? o.#r : undefined);
    }

    constructor(token = undefined) {
      if (token !== kInternal || handoff === undefined) throw illegalConstructor();
      this.#r = handoff;
      handoff.api = this;
      handoff = undefined;
    }

    get byobRequest() {
      const c = byteControllerOf(this);
      if (c === undefined) throw illegalInvocation('ReadableByteStreamController');
      const request = readableByteStreamControllerGetBYOBRequest(c);
      return request === null ? null : request.api;
    }

    get desiredSize() {
      const c = byteControllerOf(this);
      if (c === undefined) throw illegalInvocation('ReadableByteStreamController');
      return readableByteStreamControllerGetDesiredSize(c);
    }

    close() {
      const c = byteControllerOf(this);
      if (c === undefined) throw illegalInvocation('ReadableByteStreamController');
      if (c.closeRequested) throw new TypeErrorCtor('the stream is already closing');
      if (c.stream.state !== 'readable') throw new TypeErrorCtor('the stream is closed or errored and cannot be closed');
      readableByteStreamControllerClose(c);
    }

    enqueue(chunk) {
      const c = byteControllerOf(this);
      if (c === undefined) throw illegalInvocation('ReadableByteStreamController');
      if (arguments.length < 1) throw new TypeErrorCtor('enqueue() needs a chunk');
      arrayBufferView(chunk, 'chunk');
      if (viewByteLength(chunk) === 0) throw new TypeErrorCtor('the chunk must have a non-zero byteLength');
      if (bufferByteLength(viewBuffer(chunk)) === 0) throw new TypeErrorCtor("the chunk's buffer must have a non-zero byteLength");
      if (c.closeRequested) throw new TypeErrorCtor('the stream is closing: cannot enqueue');
      if (c.stream.state !== 'readable') throw new TypeErrorCtor('the stream is closed or errored: cannot enqueue');
      readableByteStreamControllerEnqueue(c, chunk);
    }

    error(e = undefined) {
      const c = byteControllerOf(this);
      if (c === undefined) throw illegalInvocation('ReadableByteStreamController');
      readableByteStreamControllerError(c, e);
    }
  }

  class ReadableStreamBYOBRequest {
    #r;
    static {
      byobRequestOf = (o) => (isObject(o) && #r in o ? o.#r : undefined);
    }

    constructor(token = undefined) {
      if (token !== kInternal || handoff === undefined) throw illegalConstructor();
      this.#r = handoff;
      handoff.api = this;
      handoff = undefined;
    }

    get view() {
      const r = byobRequestOf(this);
      if (r === undefined) throw illegalInvocation('ReadableStreamBYOBRequest');
      return r.view;
    }

    respond(bytesWritten) {
      const r = byobRequestOf(this);
      if (r === undefined) throw illegalInvocation('ReadableStreamBYOBRequest');
      const n = enforceRangeULL(bytesWritten, 'bytesWritten');
      if (r.controller === undefined) throw new TypeErrorCtor('this BYOB request is no longer valid');
      if (isDetachedBuffer(callOf.call(taBuffer, r.view))) throw new TypeErrorCtor("the request's buffer is detached");
      readableByteStreamControllerRespond(r.controller, n);
    }

    respondWithNewView(view) {
      const r = byobRequestOf(this);
      if (r === undefined) throw illegalInvocation('ReadableStreamBYOBRequest');
      if (arguments.length < 1) throw new TypeErrorCtor('respondWithNewView() needs a view');
      arrayBufferView(view, 'view');
      if (r.controller === undefined) throw new TypeErrorCtor('this BYOB request is no longer valid');
      if (isDetachedBuffer(viewBuffer(view))) throw new TypeErrorCtor("the view's buffer is detached");
      readableByteStreamControllerRespondWithNewView(r.controller, view);
    }
  }

  // ================================================================== WritableStream: core
  function newWritableStream(record) {
    handoff = record;
    return new WritableStream(kInternal);
  }
  const isWritableStreamLocked = (stream) => stream.writer !== undefined;

  function createWritableStream(startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm, highWaterMark, sizeAlgorithm) {
    const stream = new WritableStreamRecord();
    newWritableStream(stream);
    setUpWritableStreamDefaultController(stream, new WritableControllerRecord(), startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm, highWaterMark, sizeAlgorithm);
    return stream;
  }

  let AbortControllerCtor;
  let abortControllerAbort;
  let abortControllerSignal;
  /** The controller's AbortController, made on first need (aborted if the stream was). */
  function controllerAbortController(controller) {
    if (controller.abortController === undefined) {
      if (AbortControllerCtor === undefined) {
        const AC = globalThis.AbortController;
        if (typeof AC !== 'function') throw new TypeErrorCtor('AbortController is not available');
        AbortControllerCtor = AC;
        abortControllerAbort = AC.prototype.abort;
        abortControllerSignal = getter(AC.prototype, 'signal');
      }
      const ac = new AbortControllerCtor();
      controller.abortController = ac;
      if (controller.aborted) abortQuietly(ac, controller.abortReason);
    }
    return controller.abortController;
  }
  /** AbortController.abort(reason): its listeners' errors are reported by the platform, and
   * nothing it throws (say, no DOMException for an undefined reason) may stop the stream. */
  function abortQuietly(ac, reason) {
    try {
      callOf.call(abortControllerAbort, ac, reason);
    } catch (e) {
      if (typeof internal.reportError === 'function') internal.reportError(e);
    }
  }
  function signalAbort(controller, reason) {
    if (controller.aborted) return;
    controller.aborted = true;
    controller.abortReason = reason;
    if (controller.abortController !== undefined) abortQuietly(controller.abortController, reason);
  }

  function writableStreamAbort(stream, reason) {
    if (stream.state === 'closed' || stream.state === 'errored') return resolvedUndefined();
    signalAbort(stream.controller, reason);
    const state = stream.state;
    if (state === 'closed' || state === 'errored') return resolvedUndefined();
    if (stream.pendingAbortRequest !== undefined) return stream.pendingAbortRequest.promise.promise;
    let wasAlreadyErroring = false;
    if (state === 'erroring') {
      wasAlreadyErroring = true;
      reason = undefined;
    }
    const promise = deferred();
    stream.pendingAbortRequest = { promise, reason, wasAlreadyErroring };
    if (!wasAlreadyErroring) writableStreamStartErroring(stream, reason);
    return promise.promise;
  }
  function writableStreamClose(stream) {
    const state = stream.state;
    if (state === 'closed' || state === 'errored') return rejectedWith(new TypeErrorCtor('the stream is closed or errored and cannot be closed'));
    const promise = deferred();
    stream.closeRequest = promise;
    const writer = stream.writer;
    if (writer !== undefined && stream.backpressure && state === 'writable') writer.ready.resolve(undefined);
    writableStreamDefaultControllerClose(stream.controller);
    return promise.promise;
  }
  function writableStreamAddWriteRequest(stream) {
    const promise = deferred();
    stream.writeRequests.push(promise);
    return promise.promise;
  }
  const writableStreamCloseQueuedOrInFlight = (stream) => stream.closeRequest !== undefined || stream.inFlightCloseRequest !== undefined;
  function writableStreamDealWithRejection(stream, error) {
    if (stream.state === 'writable') {
      writableStreamStartErroring(stream, error);
      return;
    }
    writableStreamFinishErroring(stream);
  }
  function writableStreamFinishErroring(stream) {
    stream.state = 'errored';
    resetQueue(stream.controller); // [[ErrorSteps]]
    const storedError = stream.storedError;
    const requests = stream.writeRequests;
    stream.writeRequests = new Queue();
    while (requests.length > 0) requests.shift().reject(storedError);
    if (stream.pendingAbortRequest === undefined) {
      writableStreamRejectCloseAndClosedPromiseIfNeeded(stream);
      return;
    }
    const abortRequest = stream.pendingAbortRequest;
    stream.pendingAbortRequest = undefined;
    if (abortRequest.wasAlreadyErroring) {
      abortRequest.promise.reject(storedError);
      writableStreamRejectCloseAndClosedPromiseIfNeeded(stream);
      return;
    }
    const controller = stream.controller;
    const promise = controller.abortAlgorithm(abortRequest.reason); // [[AbortSteps]]
    writableStreamDefaultControllerClearAlgorithms(controller);
    then(
      promise,
      () => {
        abortRequest.promise.resolve(undefined);
        writableStreamRejectCloseAndClosedPromiseIfNeeded(stream);
      },
      (reason) => {
        abortRequest.promise.reject(reason);
        writableStreamRejectCloseAndClosedPromiseIfNeeded(stream);
      },
    );
  }
  function writableStreamFinishInFlightClose(stream) {
    stream.inFlightCloseRequest.resolve(undefined);
    stream.inFlightCloseRequest = undefined;
    if (stream.state === 'erroring') {
      stream.storedError = undefined;
      if (stream.pendingAbortRequest !== undefined) {
        stream.pendingAbortRequest.promise.resolve(undefined);
        stream.pendingAbortRequest = undefined;
      }
    }
    stream.state = 'closed';
    const writer = stream.writer;
    if (writer !== undefined) writer.closed.resolve(undefined);
  }
  function writableStreamFinishInFlightCloseWithError(stream, error) {
    stream.inFlightCloseRequest.reject(error);
    stream.inFlightCloseRequest = undefined;
    if (stream.pendingAbortRequest !== undefined) {
      stream.pendingAbortRequest.promise.reject(error);
      stream.pendingAbortRequest = undefined;
    }
    writableStreamDealWithRejection(stream, error);
  }
  function writableStreamFinishInFlightWrite(stream) {
    stream.inFlightWriteRequest.resolve(undefined);
    stream.inFlightWriteRequest = undefined;
  }
  function writableStreamFinishInFlightWriteWithError(stream, error) {
    stream.inFlightWriteRequest.reject(error);
    stream.inFlightWriteRequest = undefined;
    writableStreamDealWithRejection(stream, error);
  }
  const writableStreamHasOperationMarkedInFlight = (stream) => stream.inFlightWriteRequest !== undefined || stream.inFlightCloseRequest !== undefined;
  function writableStreamMarkCloseRequestInFlight(stream) {
    stream.inFlightCloseRequest = stream.closeRequest;
    stream.closeRequest = undefined;
  }
  function writableStreamMarkFirstWriteRequestInFlight(stream) {
    stream.inFlightWriteRequest = stream.writeRequests.shift();
  }
  function writableStreamRejectCloseAndClosedPromiseIfNeeded(stream) {
    if (stream.closeRequest !== undefined) {
      stream.closeRequest.reject(stream.storedError);
      stream.closeRequest = undefined;
    }
    const writer = stream.writer;
    if (writer !== undefined) {
      writer.closed.reject(stream.storedError);
      setHandled(writer.closed.promise);
    }
  }
  function writableStreamStartErroring(stream, reason) {
    const controller = stream.controller;
    stream.state = 'erroring';
    stream.storedError = reason;
    const writer = stream.writer;
    if (writer !== undefined) writableStreamDefaultWriterEnsureReadyPromiseRejected(writer, reason);
    if (!writableStreamHasOperationMarkedInFlight(stream) && controller.started) writableStreamFinishErroring(stream);
  }
  function writableStreamUpdateBackpressure(stream, backpressure) {
    const writer = stream.writer;
    if (writer !== undefined && backpressure !== stream.backpressure) {
      if (backpressure) writer.ready = deferred();
      else writer.ready.resolve(undefined);
    }
    stream.backpressure = backpressure;
  }

  // ================================================================== writer
  function acquireWritableStreamDefaultWriter(stream) {
    const writer = new WriterRecord();
    setUpWritableStreamDefaultWriter(writer, stream);
    return writer;
  }
  function setUpWritableStreamDefaultWriter(writer, stream) {
    if (isWritableStreamLocked(stream)) throw new TypeErrorCtor('the WritableStream is locked to a writer');
    writer.stream = stream;
    stream.writer = writer;
    const state = stream.state;
    if (state === 'writable') {
      if (!writableStreamCloseQueuedOrInFlight(stream) && stream.backpressure) writer.ready = deferred();
      else writer.ready = settledDeferred(true, undefined);
      writer.closed = deferred();
    } else if (state === 'erroring') {
      writer.ready = settledDeferred(false, stream.storedError);
      writer.closed = deferred();
    } else if (state === 'closed') {
      writer.ready = settledDeferred(true, undefined);
      writer.closed = settledDeferred(true, undefined);
    } else {
      writer.ready = settledDeferred(false, stream.storedError);
      writer.closed = settledDeferred(false, stream.storedError);
    }
  }
  function writableStreamDefaultWriterCloseWithErrorPropagation(writer) {
    const stream = writer.stream;
    const state = stream.state;
    if (writableStreamCloseQueuedOrInFlight(stream) || state === 'closed') return resolvedUndefined();
    if (state === 'errored') return rejectedWith(stream.storedError);
    return writableStreamClose(stream);
  }
  function writableStreamDefaultWriterEnsureClosedPromiseRejected(writer, error) {
    if (writer.closed.state === 'pending') writer.closed.reject(error);
    else writer.closed = settledDeferred(false, error);
    setHandled(writer.closed.promise);
  }
  function writableStreamDefaultWriterEnsureReadyPromiseRejected(writer, error) {
    if (writer.ready.state === 'pending') writer.ready.reject(error);
    else writer.ready = settledDeferred(false, error);
    setHandled(writer.ready.promise);
  }
  function writableStreamDefaultWriterGetDesiredSize(writer) {
    const stream = writer.stream;
    const state = stream.state;
    if (state === 'errored' || state === 'erroring') return null;
    if (state === 'closed') return 0;
    return writableStreamDefaultControllerGetDesiredSize(stream.controller);
  }
  function writableStreamDefaultWriterRelease(writer) {
    const stream = writer.stream;
    const releasedError = new TypeErrorCtor('the writer was released');
    writableStreamDefaultWriterEnsureReadyPromiseRejected(writer, releasedError);
    writableStreamDefaultWriterEnsureClosedPromiseRejected(writer, releasedError);
    stream.writer = undefined;
    writer.stream = undefined;
  }
  function writableStreamDefaultWriterWrite(writer, chunk) {
    const stream = writer.stream;
    const controller = stream.controller;
    const chunkSize = writableStreamDefaultControllerGetChunkSize(controller, chunk);
    if (stream !== writer.stream) return rejectedWith(new TypeErrorCtor('the writer was released while the chunk size was computed'));
    const state = stream.state;
    if (state === 'errored') return rejectedWith(stream.storedError);
    if (writableStreamCloseQueuedOrInFlight(stream) || state === 'closed') return rejectedWith(new TypeErrorCtor('the stream is closing or closed'));
    if (state === 'erroring') return rejectedWith(stream.storedError);
    const promise = writableStreamAddWriteRequest(stream);
    writableStreamDefaultControllerWrite(controller, chunk, chunkSize);
    return promise;
  }

  // ================================================================== writable controller
  function setUpWritableStreamDefaultController(stream, controller, startAlgorithm, writeAlgorithm, closeAlgorithm, abortAlgorithm, highWaterMark, sizeAlgorithm) {
    controller.stream = stream;
    handoff = controller;
    new WritableStreamDefaultController(kInternal);
    stream.controller = controller;
    controller.strategySizeAlgorithm = sizeAlgorithm;
    controller.strategyHWM = highWaterMark;
    controller.writeAlgorithm = writeAlgorithm;
    controller.closeAlgorithm = closeAlgorithm;
    controller.abortAlgorithm = abortAlgorithm;
    writableStreamUpdateBackpressure(stream, writableStreamDefaultControllerGetBackpressure(controller));
    const startResult = startAlgorithm(controller);
    then(
      resolvedWith(startResult),
      () => {
        controller.started = true;
        writableStreamDefaultControllerAdvanceQueueIfNeeded(controller);
      },
      (r) => {
        controller.started = true;
        writableStreamDealWithRejection(stream, r);
      },
    );
  }
  function writableStreamDefaultControllerAdvanceQueueIfNeeded(controller) {
    const stream = controller.stream;
    if (!controller.started) return;
    if (stream.inFlightWriteRequest !== undefined) return;
    const state = stream.state;
    if (state === 'erroring') {
      writableStreamFinishErroring(stream);
      return;
    }
    if (controller.queue.length === 0) return;
    const value = peekQueueValue(controller);
    if (value === closeSentinel) writableStreamDefaultControllerProcessClose(controller);
    else writableStreamDefaultControllerProcessWrite(controller, value);
  }
  function writableStreamDefaultControllerClearAlgorithms(controller) {
    controller.writeAlgorithm = undefined;
    controller.closeAlgorithm = undefined;
    controller.abortAlgorithm = undefined;
    controller.strategySizeAlgorithm = undefined;
  }
  function writableStreamDefaultControllerClose(controller) {
    enqueueValueWithSize(controller, closeSentinel, 0);
    writableStreamDefaultControllerAdvanceQueueIfNeeded(controller);
  }
  function writableStreamDefaultControllerError(controller, error) {
    const stream = controller.stream;
    writableStreamDefaultControllerClearAlgorithms(controller);
    writableStreamStartErroring(stream, error);
  }
  function writableStreamDefaultControllerErrorIfNeeded(controller, error) {
    if (controller.stream.state === 'writable') writableStreamDefaultControllerError(controller, error);
  }
  const writableStreamDefaultControllerGetBackpressure = (controller) => writableStreamDefaultControllerGetDesiredSize(controller) <= 0;
  function writableStreamDefaultControllerGetChunkSize(controller, chunk) {
    const size = controller.strategySizeAlgorithm;
    if (size === undefined) return 1;
    try {
      return size(chunk);
    } catch (e) {
      writableStreamDefaultControllerErrorIfNeeded(controller, e);
      return 1;
    }
  }
  const writableStreamDefaultControllerGetDesiredSize = (controller) => controller.strategyHWM - controller.queueTotalSize;
  function writableStreamDefaultControllerProcessClose(controller) {
    const stream = controller.stream;
    writableStreamMarkCloseRequestInFlight(stream);
    dequeueValue(controller);
    const sinkClosePromise = controller.closeAlgorithm();
    writableStreamDefaultControllerClearAlgorithms(controller);
    then(
      sinkClosePromise,
      () => writableStreamFinishInFlightClose(stream),
      (reason) => writableStreamFinishInFlightCloseWithError(stream, reason),
    );
  }
  function writableStreamDefaultControllerProcessWrite(controller, chunk) {
    const stream = controller.stream;
    writableStreamMarkFirstWriteRequestInFlight(stream);
    const sinkWritePromise = controller.writeAlgorithm(chunk, controller);
    then(
      sinkWritePromise,
      () => {
        writableStreamFinishInFlightWrite(stream);
        const state = stream.state;
        dequeueValue(controller);
        if (!writableStreamCloseQueuedOrInFlight(stream) && state === 'writable') {
          writableStreamUpdateBackpressure(stream, writableStreamDefaultControllerGetBackpressure(controller));
        }
        writableStreamDefaultControllerAdvanceQueueIfNeeded(controller);
      },
      (reason) => {
        if (stream.state === 'writable') writableStreamDefaultControllerClearAlgorithms(controller);
        writableStreamFinishInFlightWriteWithError(stream, reason);
      },
    );
  }
  function writableStreamDefaultControllerWrite(controller, chunk, chunkSize) {
    try {
      enqueueValueWithSize(controller, chunk, chunkSize);
    } catch (e) {
      writableStreamDefaultControllerErrorIfNeeded(controller, e);
      return;
    }
    const stream = controller.stream;
    if (!writableStreamCloseQueuedOrInFlight(stream) && stream.state === 'writable') {
      writableStreamUpdateBackpressure(stream, writableStreamDefaultControllerGetBackpressure(controller));
    }
    writableStreamDefaultControllerAdvanceQueueIfNeeded(controller);
  }

  // ================================================================== WritableStream classes
  class WritableStream {
    #r;
    static {
      wsOf = (o) => (isObject(o) && #r in o ? o.#r : undefined);
    }

    constructor(underlyingSink = undefined, strategy = undefined) {
      if (underlyingSink === kInternal) {
        this.#r = handoff;
        handoff.api = this;
        handoff = undefined;
        return;
      }
      const stream = new WritableStreamRecord();
      this.#r = stream;
      stream.api = this;
      idlObject(underlyingSink, 'underlyingSink');
      const strat = queuingStrategy(strategy, 'strategy');
      if (underlyingSink === undefined) underlyingSink = null;
      const dict = dictionary(underlyingSink, 'underlyingSink');
      let abort;
      let close;
      let start;
      let write;
      if (dict !== undefined) {
        abort = callbackMember(dict.abort, 'underlyingSink.abort');
        close = callbackMember(dict.close, 'underlyingSink.close');
        start = callbackMember(dict.start, 'underlyingSink.start');
        const type = dict.type;
        write = callbackMember(dict.write, 'underlyingSink.write');
        if (type !== undefined) throw new RangeErrorCtor('an underlying sink has no valid type');
      }
      const sizeAlgorithm = extractSizeAlgorithm(strat);
      const highWaterMark = extractHighWaterMark(strat, 1);
      const sink = underlyingSink;
      setUpWritableStreamDefaultController(
        stream,
        new WritableControllerRecord(),
        start === undefined ? noop : (controller) => callOf.call(start, sink, controller.api),
        write === undefined ? resolvedUndefined : (chunk, controller) => invokePromise(write, sink, [chunk, controller.api]),
        close === undefined ? resolvedUndefined : () => invokePromise(close, sink, []),
        abort === undefined ? resolvedUndefined : (reason) => invokePromise(abort, sink, [reason]),
        highWaterMark,
        sizeAlgorithm,
      );
    }

    get locked() {
      const stream = wsOf(this);
      if (stream === undefined) throw illegalInvocation('WritableStream');
      return isWritableStreamLocked(stream);
    }

    abort(reason = undefined) {
      const stream = wsOf(this);
      if (stream === undefined) return rejectedWith(illegalInvocation('WritableStream'));
      if (isWritableStreamLocked(stream)) return rejectedWith(new TypeErrorCtor('cannot abort a WritableStream that is locked to a writer'));
      return writableStreamAbort(stream, reason);
    }

    close() {
      const stream = wsOf(this);
      if (stream === undefined) return rejectedWith(illegalInvocation('WritableStream'));
      if (isWritableStreamLocked(stream)) return rejectedWith(new TypeErrorCtor('cannot close a WritableStream that is locked to a writer'));
      if (writableStreamCloseQueuedOrInFlight(stream)) return rejectedWith(new TypeErrorCtor('the stream is already closing'));
      return writableStreamClose(stream);
    }

    getWriter() {
      const stream = wsOf(this);
      if (stream === undefined) throw illegalInvocation('WritableStream');
      return writerApi(acquireWritableStreamDefaultWriter(stream));
    }
  }
  function writerApi(writer) {
    if (writer.api === undefined) {
      handoff = writer;
      new WritableStreamDefaultWriter(kInternal);
    }
    return writer.api;
  }

  class WritableStreamDefaultWriter {
    #r;
    static {
      writerOf = (o) => (isObject(o) && #r in o ? o.#r : undefined);
    }

    constructor(stream) {
      if (stream === kInternal) {
        this.#r = handoff;
        handoff.api = this;
        handoff = undefined;
        return;
      }
      const s = wsOf(stream);
      if (s === undefined) throw new TypeErrorCtor('WritableStreamDefaultWriter needs a WritableStream');
      const writer = new WriterRecord();
      setUpWritableStreamDefaultWriter(writer, s);
      this.#r = writer;
      writer.api = this;
    }

    get closed() {
      const writer = writerOf(this);
      if (writer === undefined) return rejectedWith(illegalInvocation('WritableStreamDefaultWriter'));
      return writer.closed.promise;
    }

    get desiredSize() {
      const writer = writerOf(this);
      if (writer === undefined) throw illegalInvocation('WritableStreamDefaultWriter');
      if (writer.stream === undefined) throw new TypeErrorCtor('the writer has been released');
      return writableStreamDefaultWriterGetDesiredSize(writer);
    }

    get ready() {
      const writer = writerOf(this);
      if (writer === undefined) return rejectedWith(illegalInvocation('WritableStreamDefaultWriter'));
      return writer.ready.promise;
    }

    abort(reason = undefined) {
      const writer = writerOf(this);
      if (writer === undefined) return rejectedWith(illegalInvocation('WritableStreamDefaultWriter'));
      if (writer.stream === undefined) return rejectedWith(new TypeErrorCtor('the writer has been released'));
      return writableStreamAbort(writer.stream, reason);
    }

    close() {
      const writer = writerOf(this);
      if (writer === undefined) return rejectedWith(illegalInvocation('WritableStreamDefaultWriter'));
      const stream = writer.stream;
      if (stream === undefined) return rejectedWith(new TypeErrorCtor('the writer has been released'));
      if (writableStreamCloseQueuedOrInFlight(stream)) return rejectedWith(new TypeErrorCtor('the stream is already closing'));
      return writableStreamClose(stream);
    }

    releaseLock() {
      const writer = writerOf(this);
      if (writer === undefined) throw illegalInvocation('WritableStreamDefaultWriter');
      if (writer.stream === undefined) return;
      writableStreamDefaultWriterRelease(writer);
    }

    write(chunk = undefined) {
      const writer = writerOf(this);
      if (writer === undefined) return rejectedWith(illegalInvocation('WritableStreamDefaultWriter'));
      if (writer.stream === undefined) return rejectedWith(new TypeErrorCtor('the writer has been released'));
      return writableStreamDefaultWriterWrite(writer, chunk);
    }
  }

  class WritableStreamDefaultController {
    #r;
    static {
      wsControllerOf = (o) => (isObject(o) && #r in o ? o.#r : undefined);
    }

    constructor(token = undefined) {
      if (token !== kInternal || handoff === undefined) throw illegalConstructor();
      this.#r = handoff;
      handoff.api = this;
      handoff = undefined;
    }

    get signal() {
      const c = wsControllerOf(this);
      if (c === undefined) throw illegalInvocation('WritableStreamDefaultController');
      const ac = controllerAbortController(c);
      return callOf.call(abortControllerSignal, ac);
    }

    error(e = undefined) {
      const c = wsControllerOf(this);
      if (c === undefined) throw illegalInvocation('WritableStreamDefaultController');
      if (c.stream.state !== 'writable') return;
      writableStreamDefaultControllerError(c, e);
    }
  }

  // ================================================================== TransformStream
  function initializeTransformStream(stream, startPromise, writableHighWaterMark, writableSizeAlgorithm, readableHighWaterMark, readableSizeAlgorithm) {
    const startAlgorithm = () => startPromise;
    stream.writable = createWritableStream(
      startAlgorithm,
      (chunk) => transformStreamDefaultSinkWriteAlgorithm(stream, chunk),
      () => transformStreamDefaultSinkCloseAlgorithm(stream),
      (reason) => transformStreamDefaultSinkAbortAlgorithm(stream, reason),
      writableHighWaterMark,
      writableSizeAlgorithm,
    );
    stream.readable = createReadableStream(
      startAlgorithm,
      () => transformStreamDefaultSourcePullAlgorithm(stream),
      (reason) => transformStreamDefaultSourceCancelAlgorithm(stream, reason),
      readableHighWaterMark,
      readableSizeAlgorithm,
    );
    stream.backpressure = undefined;
    stream.backpressureChange = undefined;
    transformStreamSetBackpressure(stream, true);
    stream.controller = undefined;
  }
  function transformStreamError(stream, e) {
    readableStreamDefaultControllerError(stream.readable.controller, e);
    transformStreamErrorWritableAndUnblockWrite(stream, e);
  }
  function transformStreamErrorWritableAndUnblockWrite(stream, e) {
    transformStreamDefaultControllerClearAlgorithms(stream.controller);
    writableStreamDefaultControllerErrorIfNeeded(stream.writable.controller, e);
    transformStreamUnblockWrite(stream);
  }
  function transformStreamSetBackpressure(stream, backpressure) {
    if (stream.backpressureChange !== undefined) stream.backpressureChange.resolve(undefined);
    stream.backpressureChange = deferred();
    stream.backpressure = backpressure;
  }
  function transformStreamUnblockWrite(stream) {
    if (stream.backpressure) transformStreamSetBackpressure(stream, false);
  }
  function setUpTransformStreamDefaultController(stream, controller, transformAlgorithm, flushAlgorithm, cancelAlgorithm) {
    controller.stream = stream;
    stream.controller = controller;
    handoff = controller;
    new TransformStreamDefaultController(kInternal);
    controller.transformAlgorithm = transformAlgorithm;
    controller.flushAlgorithm = flushAlgorithm;
    controller.cancelAlgorithm = cancelAlgorithm;
  }
  function transformStreamDefaultControllerClearAlgorithms(controller) {
    controller.transformAlgorithm = undefined;
    controller.flushAlgorithm = undefined;
    controller.cancelAlgorithm = undefined;
  }
  function transformStreamDefaultControllerEnqueue(controller, chunk) {
    const stream = controller.stream;
    const readableController = stream.readable.controller;
    if (!readableStreamDefaultControllerCanCloseOrEnqueue(readableController)) throw new TypeErrorCtor('the readable side is closed or errored: cannot enqueue');
    try {
      readableStreamDefaultControllerEnqueue(readableController, chunk);
    } catch (e) {
      transformStreamErrorWritableAndUnblockWrite(stream, e);
      throw stream.readable.storedError;
    }
    const backpressure = readableStreamDefaultControllerHasBackpressure(readableController);
    if (backpressure !== stream.backpressure) transformStreamSetBackpressure(stream, true);
  }
  function transformStreamDefaultControllerError(controller, e) {
    transformStreamError(controller.stream, e);
  }
  // The algorithms are cleared when the readable side is canceled: a write that waited for
  // backpressure to lift can reach the transform before the cancel settles. The standard would
  // call undefined there; the write fails with a TypeError instead, as in the reference
  // implementation (and Node 20), where that call throws.
  const clearedTransformError = () => new TypeErrorCtor('the TransformStream was canceled, errored or terminated');
  function transformStreamDefaultControllerPerformTransform(controller, chunk) {
    const transformAlgorithm = controller.transformAlgorithm;
    if (transformAlgorithm === undefined) return rejectedWith(clearedTransformError());
    const transformPromise = transformAlgorithm(chunk);
    return then(transformPromise, undefined, (r) => {
      transformStreamError(controller.stream, r);
      throw r;
    });
  }
  function transformStreamDefaultControllerTerminate(controller) {
    const stream = controller.stream;
    readableStreamDefaultControllerClose(stream.readable.controller);
    transformStreamErrorWritableAndUnblockWrite(stream, new TypeErrorCtor('the TransformStream has been terminated'));
  }
  function transformStreamDefaultSinkWriteAlgorithm(stream, chunk) {
    const controller = stream.controller;
    if (stream.backpressure) {
      return then(stream.backpressureChange.promise, () => {
        const writable = stream.writable;
        if (writable.state === 'erroring') throw writable.storedError;
        if (controller.transformAlgorithm === undefined) throw clearedTransformError();
        return transformStreamDefaultControllerPerformTransform(controller, chunk);
      });
    }
    return transformStreamDefaultControllerPerformTransform(controller, chunk);
  }
  /** A transformer algorithm, or (once they were cleared by an error or terminate()) a
   * promise resolved with undefined: the standard would call undefined there, when the
   * writable side is aborted during a write that finishes after terminate(). */
  function runTransformerAlgorithm(algorithm, arg) {
    return algorithm === undefined ? resolvedUndefined() : algorithm(arg);
  }
  function transformStreamDefaultSinkAbortAlgorithm(stream, reason) {
    const controller = stream.controller;
    if (controller.finish !== undefined) return controller.finish.promise;
    const readable = stream.readable;
    const finish = (controller.finish = deferred());
    const cancelPromise = runTransformerAlgorithm(controller.cancelAlgorithm, reason);
    transformStreamDefaultControllerClearAlgorithms(controller);
    then(
      cancelPromise,
      () => {
        if (readable.state === 'errored') {
          finish.reject(readable.storedError);
        } else {
          readableStreamDefaultControllerError(readable.controller, reason);
          finish.resolve(undefined);
        }
      },
      (r) => {
        readableStreamDefaultControllerError(readable.controller, r);
        finish.reject(r);
      },
    );
    return finish.promise;
  }
  function transformStreamDefaultSinkCloseAlgorithm(stream) {
    const controller = stream.controller;
    if (controller.finish !== undefined) return controller.finish.promise;
    const readable = stream.readable;
    const finish = (controller.finish = deferred());
    const flushPromise = runTransformerAlgorithm(controller.flushAlgorithm, undefined);
    transformStreamDefaultControllerClearAlgorithms(controller);
    then(
      flushPromise,
      () => {
        if (readable.state === 'errored') {
          finish.reject(readable.storedError);
        } else {
          readableStreamDefaultControllerClose(readable.controller);
          finish.resolve(undefined);
        }
      },
      (r) => {
        readableStreamDefaultControllerError(readable.controller, r);
        finish.reject(r);
      },
    );
    return finish.promise;
  }
  function transformStreamDefaultSourceCancelAlgorithm(stream, reason) {
    const controller = stream.controller;
    if (controller.finish !== undefined) return controller.finish.promise;
    const writable = stream.writable;
    const finish = (controller.finish = deferred());
    const cancelPromise = runTransformerAlgorithm(controller.cancelAlgorithm, reason);
    transformStreamDefaultControllerClearAlgorithms(controller);
    then(
      cancelPromise,
      () => {
        if (writable.state === 'errored') {
          finish.reject(writable.storedError);
        } else {
          writableStreamDefaultControllerErrorIfNeeded(writable.controller, reason);
          transformStreamUnblockWrite(stream);
          finish.resolve(undefined);
        }
      },
      (r) => {
        writableStreamDefaultControllerErrorIfNeeded(writable.controller, r);
        transformStreamUnblockWrite(stream);
        finish.reject(r);
      },
    );
    return finish.promise;
  }
  function transformStreamDefaultSourcePullAlgorithm(stream) {
    transformStreamSetBackpressure(stream, false);
    return stream.backpressureChange.promise;
  }

  class TransformStream {
    #r;
    static {
      tsOf = (o) => (isObject(o) && #r in o ? o.#r : undefined);
    }

    constructor(transformer = undefined, writableStrategy = undefined, readableStrategy = undefined) {
      const stream = new TransformStreamRecord();
      this.#r = stream;
      stream.api = this;
      idlObject(transformer, 'transformer');
      if (transformer === undefined) transformer = null;
      const dict = dictionary(transformer, 'transformer');
      const writableStrat = queuingStrategy(writableStrategy, 'writableStrategy');
      const readableStrat = queuingStrategy(readableStrategy, 'readableStrategy');
      let cancel;
      let flush;
      let start;
      let transform;
      if (dict !== undefined) {
        cancel = callbackMember(dict.cancel, 'transformer.cancel');
        flush = callbackMember(dict.flush, 'transformer.flush');
        const readableType = dict.readableType;
        start = callbackMember(dict.start, 'transformer.start');
        transform = callbackMember(dict.transform, 'transformer.transform');
        const writableType = dict.writableType;
        if (readableType !== undefined) throw new RangeErrorCtor('a transformer has no valid readableType');
        if (writableType !== undefined) throw new RangeErrorCtor('a transformer has no valid writableType');
      }
      const readableHighWaterMark = extractHighWaterMark(readableStrat, 0);
      const readableSizeAlgorithm = extractSizeAlgorithm(readableStrat);
      const writableHighWaterMark = extractHighWaterMark(writableStrat, 1);
      const writableSizeAlgorithm = extractSizeAlgorithm(writableStrat);
      const startPromise = deferred();
      initializeTransformStream(stream, startPromise.promise, writableHighWaterMark, writableSizeAlgorithm, readableHighWaterMark, readableSizeAlgorithm);
      // SetUpTransformStreamDefaultControllerFromTransformer
      const controller = new TransformControllerRecord();
      const transformAlgorithm =
        transform === undefined
          ? (chunk) => {
              try {
                transformStreamDefaultControllerEnqueue(controller, chunk);
              } catch (e) {
                return rejectedWith(e);
              }
              return resolvedUndefined();
            }
          : (chunk) => invokePromise(transform, transformer, [chunk, controller.api]);
      const flushAlgorithm = flush === undefined ? resolvedUndefined : () => invokePromise(flush, transformer, [controller.api]);
      const cancelAlgorithm = cancel === undefined ? resolvedUndefined : (reason) => invokePromise(cancel, transformer, [reason]);
      setUpTransformStreamDefaultController(stream, controller, transformAlgorithm, flushAlgorithm, cancelAlgorithm);
      if (start !== undefined) startPromise.resolve(callOf.call(start, transformer, controller.api));
      else startPromise.resolve(undefined);
    }

    get readable() {
      const stream = tsOf(this);
      if (stream === undefined) throw illegalInvocation('TransformStream');
      return stream.readable.api;
    }

    get writable() {
      const stream = tsOf(this);
      if (stream === undefined) throw illegalInvocation('TransformStream');
      return stream.writable.api;
    }
  }

  class TransformStreamDefaultController {
    #r;
    static {
      tsControllerOf = (o) => (isObject(o) && #r in o ? o.#r : undefined);
    }

    constructor(token = undefined) {
      if (token !== kInternal || handoff === undefined) throw illegalConstructor();
      this.#r = handoff;
      handoff.api = this;
      handoff = undefined;
    }

    get desiredSize() {
      const c = tsControllerOf(this);
      if (c === undefined) throw illegalInvocation('TransformStreamDefaultController');
      return readableStreamDefaultControllerGetDesiredSize(c.stream.readable.controller);
    }

    enqueue(chunk = undefined) {
      const c = tsControllerOf(this);
      if (c === undefined) throw illegalInvocation('TransformStreamDefaultController');
      transformStreamDefaultControllerEnqueue(c, chunk);
    }

    error(reason = undefined) {
      const c = tsControllerOf(this);
      if (c === undefined) throw illegalInvocation('TransformStreamDefaultController');
      transformStreamDefaultControllerError(c, reason);
    }

    terminate() {
      const c = tsControllerOf(this);
      if (c === undefined) throw illegalInvocation('TransformStreamDefaultController');
      transformStreamDefaultControllerTerminate(c);
    }
  }

  // ================================================================== queuing strategies
  const byteLengthSize = {
    size(chunk) {
      return chunk.byteLength;
    },
  }.size;
  const countSize = {
    size() {
      return 1;
    },
  }.size;
  /** QueuingStrategyInit: the required highWaterMark. */
  function queuingStrategyInit(init, what) {
    if (!isObject(init)) throw new TypeErrorCtor(`${what} needs { highWaterMark }`);
    const hwm = init.highWaterMark;
    if (hwm === undefined) throw new TypeErrorCtor(`${what}: highWaterMark is required`);
    return +hwm;
  }
  class ByteLengthQueuingStrategy {
    #highWaterMark;
    constructor(init) {
      this.#highWaterMark = queuingStrategyInit(init, 'ByteLengthQueuingStrategy');
    }
    get highWaterMark() {
      if (!isObject(this) || !(#highWaterMark in this)) throw illegalInvocation('ByteLengthQueuingStrategy');
      return this.#highWaterMark;
    }
    get size() {
      if (!isObject(this) || !(#highWaterMark in this)) throw illegalInvocation('ByteLengthQueuingStrategy');
      return byteLengthSize;
    }
  }
  class CountQueuingStrategy {
    #highWaterMark;
    constructor(init) {
      this.#highWaterMark = queuingStrategyInit(init, 'CountQueuingStrategy');
    }
    get highWaterMark() {
      if (!isObject(this) || !(#highWaterMark in this)) throw illegalInvocation('CountQueuingStrategy');
      return this.#highWaterMark;
    }
    get size() {
      if (!isObject(this) || !(#highWaterMark in this)) throw illegalInvocation('CountQueuingStrategy');
      return countSize;
    }
  }

  // ================================================================== shapes and globals
  // WebIDL: operations and attributes are enumerable; a class string per interface.
  function shape(C, tag, members, statics = []) {
    const proto = C.prototype;
    for (const key of members) {
      const d = getOwnPropertyDescriptor(proto, key);
      d.enumerable = true;
      defineProperty(proto, key, d);
    }
    for (const key of statics) {
      const d = getOwnPropertyDescriptor(C, key);
      d.enumerable = true;
      defineProperty(C, key, d);
    }
    defineProperty(proto, Symbol.toStringTag, { value: tag, writable: false, enumerable: false, configurable: true });
  }
  shape(ReadableStream, 'ReadableStream', ['locked', 'cancel', 'getReader', 'pipeThrough', 'pipeTo', 'tee', 'values'], ['from']);
  defineProperty(ReadableStream.prototype, SymbolAsyncIterator, { value: ReadableStream.prototype.values, writable: true, enumerable: false, configurable: true });
  shape(ReadableStreamDefaultReader, 'ReadableStreamDefaultReader', ['closed', 'cancel', 'read', 'releaseLock']);
  shape(ReadableStreamBYOBReader, 'ReadableStreamBYOBReader', ['closed', 'cancel', 'read', 'releaseLock']);
  shape(ReadableStreamDefaultController, 'ReadableStreamDefaultController', ['desiredSize', 'close', 'enqueue', 'error']);
  shape(ReadableByteStreamController, 'ReadableByteStreamController', ['byobRequest', 'desiredSize', 'close', 'enqueue', 'error']);
  shape(ReadableStreamBYOBRequest, 'ReadableStreamBYOBRequest', ['view', 'respond', 'respondWithNewView']);
  shape(WritableStream, 'WritableStream', ['locked', 'abort', 'close', 'getWriter']);
  shape(WritableStreamDefaultWriter, 'WritableStreamDefaultWriter', ['closed', 'desiredSize', 'ready', 'abort', 'close', 'releaseLock', 'write']);
  shape(WritableStreamDefaultController, 'WritableStreamDefaultController', ['signal', 'error']);
  shape(TransformStream, 'TransformStream', ['readable', 'writable']);
  shape(TransformStreamDefaultController, 'TransformStreamDefaultController', ['desiredSize', 'enqueue', 'error', 'terminate']);
  shape(ByteLengthQueuingStrategy, 'ByteLengthQueuingStrategy', ['highWaterMark', 'size']);
  shape(CountQueuingStrategy, 'CountQueuingStrategy', ['highWaterMark', 'size']);

  const classes = {
    ReadableStream,
    ReadableStreamDefaultReader,
    ReadableStreamBYOBReader,
    ReadableStreamDefaultController,
    ReadableByteStreamController,
    ReadableStreamBYOBRequest,
    WritableStream,
    WritableStreamDefaultWriter,
    WritableStreamDefaultController,
    TransformStream,
    TransformStreamDefaultController,
    ByteLengthQueuingStrategy,
    CountQueuingStrategy,
  };
  for (const name of Object.keys(classes)) {
    defineProperty(globalThis, name, { value: classes[name], writable: true, enumerable: false, configurable: true });
  }

  // ================================================================== internal.streams
  const streamRecord = (stream, what = 'stream') => {
    const s = rsOf(stream);
    if (s === undefined) throw new TypeErrorCtor(`${what} is not a ReadableStream`);
    return s;
  };
  /** Reads every chunk through an internal reader; resolves to the array of chunks. */
  function readAllChunks(stream) {
    const reader = acquireReadableStreamDefaultReader(stream);
    const chunks = [];
    return new PromiseCtor((resolve, reject) => {
      const request = new ReadRequest(
        (chunk) => {
          chunks.push(chunk);
          queueMicrotaskInternal(step);
        },
        () => {
          readableStreamDefaultReaderRelease(reader);
          resolve(chunks);
        },
        (e) => {
          readableStreamDefaultReaderRelease(reader);
          reject(e);
        },
      );
      const step = () => readableStreamDefaultReaderRead(reader, request);
      step();
    });
  }
  /** internal.streams.pump: see there. */
  function pumpChunks(stream, sink) {
    const reader = acquireReadableStreamDefaultReader(stream);
    // Reads run in a loop here, not by recursion: a chunk already queued is handed over
    // inside the read, whose chunk steps then ask for the next one.
    let reading = false;
    let again = false;
    // Set at the end. The reader is not released then (as the standard's "read all bytes"
    // does not: releasing makes two TypeErrors, each walking the stack).
    let ended = false;
    const read = () => {
      if (reading) {
        again = true;
        return;
      }
      reading = true;
      try {
        do {
          again = false;
          readableStreamDefaultReaderRead(reader, request);
        } while (again && !ended);
      } finally {
        reading = false;
      }
    };
    const fail = (e) => {
      if (ended) return;
      ended = true;
      setHandled(readableStreamCancel(stream, e));
      sink.error(e);
    };
    const next = (go) => {
      if (go === true) read();
      else if (go !== false) then(go, (on) => (on === true ? read() : undefined), fail);
    };
    const request = new ReadRequest(
      (chunk) => {
        let go;
        try {
          go = sink.chunk(chunk);
        } catch (e) {
          fail(e);
          return;
        }
        next(go);
      },
      () => {
        if (ended) return;
        ended = true;
        sink.close();
      },
      (e) => {
        if (ended) return;
        ended = true;
        sink.error(e);
      },
    );
    read();
  }
  /** Options of createReadable -> the three algorithms, calling plain functions. */
  function plainAlgorithms(options) {
    const { start, pull, cancel } = options;
    return {
      start: typeof start === 'function' ? (controller) => start(controller.api) : noop,
      pull:
        typeof pull === 'function'
          ? (controller) => {
              try {
                const r = pull(controller.api);
                return r === undefined ? resolvedUndefined() : resolvedWith(r);
              } catch (e) {
                return rejectedWith(e);
              }
            }
          : resolvedUndefined,
      cancel:
        typeof cancel === 'function'
          ? (reason) => {
              try {
                const r = cancel(reason);
                return r === undefined ? resolvedUndefined() : resolvedWith(r);
              } catch (e) {
                return rejectedWith(e);
              }
            }
          : resolvedUndefined,
    };
  }

  internal.streams = {
    /**
     * A ReadableStream over plain functions, without WebIDL conversions: `{ start, pull,
     * cancel, highWaterMark = 1 (0 for bytes), size, bytes, autoAllocateChunkSize }`.
     * start(controller) and pull(controller) get the public controller (pull may return a
     * promise: no further pull until it settles); cancel(reason) may return a promise.
     */
    createReadable(options) {
      const alg = plainAlgorithms(options);
      if (options.bytes) {
        const stream = new ReadableStreamRecord();
        newReadableStream(stream);
        setUpReadableByteStreamController(stream, new ByteControllerRecord(), alg.start, alg.pull, alg.cancel, options.highWaterMark ?? 0, options.autoAllocateChunkSize);
        return stream.api;
      }
      const size = options.size;
      return createReadableStream(alg.start, alg.pull, alg.cancel, options.highWaterMark ?? 1, typeof size === 'function' ? size : undefined).api;
    },
    /**
     * A ReadableStream of the chunks `next()` gives: next() -> Promise<chunk | undefined>
     * (undefined ends the stream, a rejection errors it). At most one next() is pending, and
     * it is called only when a reader waits (high-water mark 0). cancel(reason) is optional.
     */
    readableFromNext(next, cancel = undefined) {
      let stream;
      const pull = () =>
        then(
          next(),
          (chunk) => {
            if (chunk === undefined) readableStreamDefaultControllerClose(stream.controller);
            else readableStreamDefaultControllerEnqueue(stream.controller, chunk);
          },
          (e) => readableStreamDefaultControllerError(stream.controller, e),
        );
      const cancelAlgorithm = typeof cancel === 'function' ? plainAlgorithms({ cancel }).cancel : resolvedUndefined;
      stream = createReadableStream(noop, pull, cancelAlgorithm, 0);
      return stream.api;
    },
    /** A WritableStream over plain functions `{ start, write(chunk, controller), close, abort, highWaterMark = 1, size }`. */
    createWritable(options) {
      const wrap = (fn) => (...args) => {
        try {
          const r = fn(...args);
          return r === undefined ? resolvedUndefined() : resolvedWith(r);
        } catch (e) {
          return rejectedWith(e);
        }
      };
      const { start, write, close, abort, size } = options;
      return createWritableStream(
        typeof start === 'function' ? (controller) => start(controller.api) : noop,
        typeof write === 'function' ? wrap((chunk, controller) => write(chunk, controller.api)) : resolvedUndefined,
        typeof close === 'function' ? wrap(close) : resolvedUndefined,
        typeof abort === 'function' ? wrap(abort) : resolvedUndefined,
        options.highWaterMark ?? 1,
        typeof size === 'function' ? size : undefined,
      ).api;
    },
    isReadableStream: (value) => rsOf(value) !== undefined,
    isWritableStream: (value) => wsOf(value) !== undefined,
    isTransformStream: (value) => tsOf(value) !== undefined,
    /** Whether the stream was ever read from or canceled (the body is "used"). */
    isDisturbed: (stream) => streamRecord(stream).disturbed,
    isErrored: (stream) => streamRecord(stream).state === 'errored',
    isLocked: (stream) => isReadableStreamLocked(streamRecord(stream)),
    /** 'readable' | 'closed' | 'errored'. */
    state: (stream) => streamRecord(stream).state,
    storedError: (stream) => streamRecord(stream).storedError,
    /** All chunks, read through an internal reader (the stream must not be locked). */
    readAll: (stream) => {
      try {
        return readAllChunks(streamRecord(stream));
      } catch (e) {
        return rejectedWith(e);
      }
    },
    /** All chunks as one Uint8Array (each chunk must be an ArrayBuffer view or ArrayBuffer). */
    readAllBytes: (stream) => {
      let s;
      try {
        s = streamRecord(stream);
      } catch (e) {
        return rejectedWith(e);
      }
      return then(readAllChunks(s), (chunks) => {
        let total = 0;
        const views = [];
        for (const chunk of chunks) {
          let view;
          if (isView(chunk)) view = new Uint8ArrayCtor(viewBuffer(chunk), viewByteOffset(chunk), viewByteLength(chunk));
          else if (chunk instanceof ArrayBufferCtor) view = new Uint8ArrayCtor(chunk);
          else throw new TypeErrorCtor('the stream gave a chunk that is not bytes');
          views.push(view);
          total += view.byteLength;
        }
        if (views.length === 1) return views[0];
        const out = new Uint8ArrayCtor(total);
        let offset = 0;
        for (const view of views) {
          callOf.call(u8Set, out, view, offset);
          offset += view.byteLength;
        }
        return out;
      });
    },
    /**
     * Reads `stream` (unlocked; it stays locked) to its end through an internal reader,
     * handing each chunk to `sink.chunk(chunk)` as soon as it is there: inside the source's
     * `enqueue()` when a read waits, with no promise job between chunks (a response body's
     * pump, 30_dispatch.js). `sink.chunk` returns true to read on, false to stop, or a promise
     * of either; a throw from it cancels the stream and ends in `sink.error`. Then
     * `sink.close()` or `sink.error(e)`; `cancel` stops it.
     */
    pump: (stream, sink) => pumpChunks(streamRecord(stream), sink),
    /** ReadableStreamCancel (works on a locked stream too). */
    cancel: (stream, reason) => readableStreamCancel(streamRecord(stream), reason),
    /** ReadableStreamTee; cloneForBranch2 uses structuredClone for default streams. */
    tee: (stream, cloneForBranch2 = false) => readableStreamTee(streamRecord(stream), !!cloneForBranch2).map((b) => b.api),
    /** ReadableStreamPipeTo (no WebIDL conversion of the options); returns its promise. */
    /** Both must be unlocked; throws a TypeError otherwise or for a signal that is not one. */
    pipeTo(source, dest, { preventClose = false, preventAbort = false, preventCancel = false, signal } = {}) {
      const s = streamRecord(source);
      const d = wsOf(dest);
      if (d === undefined) throw new TypeErrorCtor('dest is not a WritableStream');
      if (isReadableStreamLocked(s) || isWritableStreamLocked(d)) throw new TypeErrorCtor('cannot pipe a locked stream');
      return readableStreamPipeTo(s, d, !!preventClose, !!preventAbort, !!preventCancel, signal === undefined ? undefined : abortSignal(signal));
    },
  };
})();
