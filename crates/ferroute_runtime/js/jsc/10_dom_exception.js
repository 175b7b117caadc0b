// 10_dom_exception.js — `DOMException` (WebIDL) and `structuredClone` (HTML), for the JSC
// engine, whose C API brings only the ECMAScript core. On QuickJS both come from llrt.
//
// Sits on nothing but the language: loaded first of js/jsc/*.js, because the encoding and
// console files throw DOMExceptions. Blob and File are cloned through `internal.blob`
// (11_blob.js) once that file is in; before that no Blob can exist.
//
// structuredClone follows HTML's StructuredSerializeWithTransfer then
// StructuredDeserializeWithTransfer: the value is first serialized to records (an error stops
// there, before any buffer is detached), then the transferred buffers are detached, then the
// records are turned into new objects. A record shared by two places is one object in the
// clone, so cycles, shared references and views sharing a buffer survive.
(() => {
  'use strict';
  const internal = globalThis[Symbol.for('ferroute.internal')];

  // ------------------------------------------------------------------ DOMException
  // [name, legacy code] in the order of WebIDL's error names table, then the legacy constants.
  const NAMES = [
    ['IndexSizeError', 1], ['HierarchyRequestError', 3], ['WrongDocumentError', 4],
    ['InvalidCharacterError', 5], ['NoModificationAllowedError', 7], ['NotFoundError', 8],
    ['NotSupportedError', 9], ['InUseAttributeError', 10], ['InvalidStateError', 11],
    ['SyntaxError', 12], ['InvalidModificationError', 13], ['NamespaceError', 14],
    ['InvalidAccessError', 15], ['TypeMismatchError', 17], ['SecurityError', 18],
    ['NetworkError', 19], ['AbortError', 20], ['URLMismatchError', 21],
    ['QuotaExceededError', 22], ['TimeoutError', 23], ['InvalidNodeTypeError', 24],
    ['DataCloneError', 25], ['EncodingError', 0], ['NotReadableError', 0], ['UnknownError', 0],
    ['ConstraintError', 0], ['DataError', 0], ['TransactionInactiveError', 0],
    ['ReadOnlyError', 0], ['VersionError', 0], ['OperationError', 0], ['NotAllowedError', 0],
    ['OptOutError', 0],
  ];
  const CODES = new Map(NAMES);
  const CONSTANTS = [
    'INDEX_SIZE_ERR', 'DOMSTRING_SIZE_ERR', 'HIERARCHY_REQUEST_ERR', 'WRONG_DOCUMENT_ERR',
    'INVALID_CHARACTER_ERR', 'NO_DATA_ALLOWED_ERR', 'NO_MODIFICATION_ALLOWED_ERR', 'NOT_FOUND_ERR',
    'NOT_SUPPORTED_ERR', 'INUSE_ATTRIBUTE_ERR', 'INVALID_STATE_ERR', 'SYNTAX_ERR',
    'INVALID_MODIFICATION_ERR', 'NAMESPACE_ERR', 'INVALID_ACCESS_ERR', 'VALIDATION_ERR',
    'TYPE_MISMATCH_ERR', 'SECURITY_ERR', 'NETWORK_ERR', 'ABORT_ERR', 'URL_MISMATCH_ERR',
    'QUOTA_EXCEEDED_ERR', 'TIMEOUT_ERR', 'INVALID_NODE_TYPE_ERR', 'DATA_CLONE_ERR',
  ];

  const toDOMString = (value) => {
    if (typeof value === 'symbol') throw new TypeError('Cannot convert a Symbol value to a string');
    return String(value);
  };

  /** Internal access for structuredClone: set in the class's static block. */
  let isDOMException;

  class DOMException extends Error {
    #name;
    #message;

    /** `new DOMException(message = '', name = 'Error')`, or `(message, { name, cause })`. */
    constructor(message = '', options = 'Error') {
      // No message passed up: WebIDL's `message` is the getter below, so the instance keeps
      // just what the engine adds to errors (the stack).
      super();
      this.#message = toDOMString(message);
      if (options !== null && typeof options === 'object') {
        const name = options.name;
        this.#name = name === undefined ? 'Error' : toDOMString(name);
        if ('cause' in options) {
          Object.defineProperty(this, 'cause', { value: options.cause, writable: true, enumerable: false, configurable: true });
        }
      } else {
        this.#name = options === undefined ? 'Error' : toDOMString(options);
      }
    }

    get name() {
      if (!isDOMException(this)) throw new TypeError('Value of "this" must be of DOMException');
      return this.#name;
    }

    get message() {
      if (!isDOMException(this)) throw new TypeError('Value of "this" must be of DOMException');
      return this.#message;
    }

    get code() {
      if (!isDOMException(this)) throw new TypeError('Value of "this" must be of DOMException');
      return CODES.get(this.#name) ?? 0;
    }

    static {
      isDOMException = (value) => value !== null && typeof value === 'object' && #name in value;
    }
  }

  for (const key of ['name', 'message', 'code']) {
    const desc = Object.getOwnPropertyDescriptor(DOMException.prototype, key);
    desc.enumerable = true;
    Object.defineProperty(DOMException.prototype, key, desc);
  }
  CONSTANTS.forEach((name, i) => {
    const desc = { value: i + 1, writable: false, enumerable: true, configurable: false };
    Object.defineProperty(DOMException, name, desc);
    Object.defineProperty(DOMException.prototype, name, desc);
  });
  Object.defineProperty(DOMException.prototype, Symbol.toStringTag, { value: 'DOMException', writable: false, enumerable: false, configurable: true });

  // ------------------------------------------------------------------ structuredClone
  const dataCloneError = (message) => new DOMException(message, 'DataCloneError');
  const notCloneable = (value) => {
    let text;
    if (typeof value === 'function' || typeof value === 'symbol') {
      text = String(value);
    } else {
      let ctor;
      try {
        ctor = Object.getPrototypeOf(value)?.constructor?.name;
      } catch {
        ctor = undefined;
      }
      text = typeof ctor === 'string' && ctor !== '' ? `#<${ctor}>` : Object.prototype.toString.call(value);
    }
    return dataCloneError(`${text} could not be cloned.`);
  };

  // Brand checks: each reads an internal slot, so a look-alike object (or a Symbol.toStringTag)
  // does not pass. The getters are taken now, before user code can replace them.
  const getter = (proto, key) => Object.getOwnPropertyDescriptor(proto, key).get;
  const uncurry = (fn) => (self, ...args) => Reflect.apply(fn, self, args);
  const branded = (fn) => (value) => {
    try {
      fn(value);
      return true;
    } catch {
      return false;
    }
  };
  const TypedArray = Object.getPrototypeOf(Uint8Array);
  const typedArrayName = uncurry(getter(TypedArray.prototype, Symbol.toStringTag));
  const abByteLength = uncurry(getter(ArrayBuffer.prototype, 'byteLength'));
  const abResizable = getter(ArrayBuffer.prototype, 'resizable');
  const abMaxByteLength = getter(ArrayBuffer.prototype, 'maxByteLength');
  const abDetached = getter(ArrayBuffer.prototype, 'detached');
  const abSlice = uncurry(ArrayBuffer.prototype.slice);
  const abTransfer = ArrayBuffer.prototype.transfer;
  const Shared = typeof SharedArrayBuffer === 'function' ? SharedArrayBuffer : undefined;
  const sabByteLength = Shared && uncurry(getter(Shared.prototype, 'byteLength'));
  const dvBuffer = uncurry(getter(DataView.prototype, 'buffer'));
  const dvByteOffset = uncurry(getter(DataView.prototype, 'byteOffset'));
  const dvByteLength = uncurry(getter(DataView.prototype, 'byteLength'));
  const taBuffer = uncurry(getter(TypedArray.prototype, 'buffer'));
  const taByteOffset = uncurry(getter(TypedArray.prototype, 'byteOffset'));
  const taLength = uncurry(getter(TypedArray.prototype, 'length'));
  const mapSize = uncurry(getter(Map.prototype, 'size'));
  const setSize = uncurry(getter(Set.prototype, 'size'));
  const mapEntries = uncurry(Map.prototype.entries);
  const setValues = uncurry(Set.prototype.values);
  const dateTime = uncurry(Date.prototype.getTime);
  const regexpSource = uncurry(getter(RegExp.prototype, 'source'));
  const regexpFlags = uncurry(getter(RegExp.prototype, 'flags'));
  const isDate = branded(dateTime);
  const isMap = branded(mapSize);
  const isSet = branded(setSize);
  const isArrayBuffer = branded(abByteLength);
  const isShared = Shared ? branded(sabByteLength) : () => false;
  const isDataView = branded(dvByteLength);
  const isRegExp = (v) => v !== RegExp.prototype && branded(regexpSource)(v);
  const isBoolean = branded(uncurry(Boolean.prototype.valueOf));
  const isNumber = branded(uncurry(Number.prototype.valueOf));
  const isString = branded(uncurry(String.prototype.valueOf));
  const isBigInt = branded(uncurry(BigInt.prototype.valueOf));
  const isSymbol = branded(uncurry(Symbol.prototype.valueOf));
  const isWeakMap = branded((v) => WeakMap.prototype.has.call(v, {}));
  const isWeakSet = branded((v) => WeakSet.prototype.has.call(v, {}));
  const isWeakRef = typeof WeakRef === 'function' ? branded(uncurry(WeakRef.prototype.deref)) : () => false;
  const isRegistry = typeof FinalizationRegistry === 'function'
    ? branded((v) => FinalizationRegistry.prototype.unregister.call(v, {}))
    : () => false;
  const isError = typeof Error.isError === 'function'
    ? Error.isError
    : (v) => v instanceof Error || Object.prototype.toString.call(v) === '[object Error]';
  const objectToString = Object.prototype.toString;

  const ERROR_TYPES = { Error, EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError };
  const VIEW_TYPES = {};
  for (const name of ['Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array',
    'Int32Array', 'Uint32Array', 'Float16Array', 'Float32Array', 'Float64Array', 'BigInt64Array', 'BigUint64Array']) {
    if (typeof globalThis[name] === 'function') VIEW_TYPES[name] = globalThis[name];
  }

  /** Internal state of Blob/File, when 11_blob.js has been loaded (no Blob exists before). */
  const blobInternals = () => {
    if (internal === undefined) return undefined;
    if (internal.loaded !== undefined && !internal.loaded.blob) return undefined;
    return internal.blob;
  };

  // Records: { t: kind, ... }. Primitives are kept as themselves.
  function serialize(value, memory) {
    const type = typeof value;
    if (value === null || (type !== 'object' && type !== 'function')) {
      if (type === 'symbol') throw notCloneable(value);
      return value;
    }
    const seen = memory.get(value);
    if (seen !== undefined) return seen;
    if (type === 'function') throw notCloneable(value);
    let record;
    if (isBoolean(value)) record = { t: 'Boolean', v: Boolean.prototype.valueOf.call(value) };
    else if (isNumber(value)) record = { t: 'Number', v: Number.prototype.valueOf.call(value) };
    else if (isBigInt(value)) record = { t: 'BigInt', v: BigInt.prototype.valueOf.call(value) };
    else if (isString(value)) record = { t: 'String', v: String.prototype.valueOf.call(value) };
    else if (isSymbol(value)) throw notCloneable(value);
    else if (isDate(value)) record = { t: 'Date', v: dateTime(value) };
    else if (isRegExp(value)) record = { t: 'RegExp', source: regexpSource(value), flags: regexpFlags(value) };
    else if (isArrayBuffer(value)) {
      if (abDetached && abDetached.call(value)) throw dataCloneError('An ArrayBuffer is detached and could not be cloned.');
      record = abResizable && abResizable.call(value)
        ? { t: 'ArrayBuffer', data: abSlice(value, 0), max: abMaxByteLength.call(value) }
        : { t: 'ArrayBuffer', data: abSlice(value, 0) };
    } else if (isShared(value)) {
      // One agent: the clone is the same shared memory (the same object).
      record = { t: 'Shared', v: value };
    } else if (ArrayBuffer.isView(value)) {
      const name = typedArrayName(value);
      let buffer;
      if (name !== undefined) {
        buffer = taBuffer(value);
        record = { t: 'View', ctor: name, offset: taByteOffset(value), length: taLength(value), buffer: undefined };
      } else {
        buffer = dvBuffer(value);
        record = { t: 'View', ctor: 'DataView', offset: dvByteOffset(value), length: dvByteLength(value), buffer: undefined };
      }
      memory.set(value, record);
      record.buffer = serialize(buffer, memory);
      return record;
    } else if (isMap(value)) {
      record = { t: 'Map', entries: [] };
      memory.set(value, record);
      const copied = [...mapEntries(value)];
      for (const [k, v] of copied) record.entries.push(serialize(k, memory), serialize(v, memory));
      return record;
    } else if (isSet(value)) {
      record = { t: 'Set', values: [] };
      memory.set(value, record);
      const copied = [...setValues(value)];
      for (const v of copied) record.values.push(serialize(v, memory));
      return record;
    } else if (isDOMException(value)) {
      record = { t: 'DOMException', name: value.name, message: value.message, stack: undefined };
      memory.set(value, record);
      const stack = Object.getOwnPropertyDescriptor(value, 'stack');
      if (stack && 'value' in stack) record.stack = serialize(stack.value, memory);
      return record;
    } else if (isError(value)) {
      let name = value.name;
      if (!Object.prototype.hasOwnProperty.call(ERROR_TYPES, name)) name = 'Error';
      record = { t: 'Error', name, props: [] };
      memory.set(value, record);
      for (const key of ['message', 'stack', 'cause']) {
        const desc = Object.getOwnPropertyDescriptor(value, key);
        if (desc && 'value' in desc) {
          record.props.push(key, key === 'message' ? String(desc.value) : serialize(desc.value, memory));
        }
      }
      return record;
    } else if (Array.isArray(value)) {
      record = { t: 'Array', length: value.length, props: [] };
      memory.set(value, record);
      serializeProperties(value, record.props, memory);
      return record;
    } else if (isWeakMap(value) || isWeakSet(value) || isWeakRef(value) || isRegistry(value) || value instanceof Promise) {
      throw notCloneable(value);
    } else {
      const blobs = blobInternals();
      if (blobs !== undefined && blobs.isBlob(value)) {
        record = blobs.isFile(value)
          ? { t: 'File', bytes: blobs.bytes(value), type: value.type, name: value.name, lastModified: value.lastModified }
          : { t: 'Blob', bytes: blobs.bytes(value), type: value.type };
      } else {
        const tag = objectToString.call(value);
        // Objects with internal slots the language defines but HTML does not serialize.
        if (tag === '[object Promise]' || tag === '[object Generator]' || tag === '[object AsyncGenerator]') throw notCloneable(value);
        record = { t: 'Object', props: [] };
        memory.set(value, record);
        serializeProperties(value, record.props, memory);
        return record;
      }
    }
    memory.set(value, record);
    return record;
  }

  function serializeProperties(value, out, memory) {
    for (const key of Object.keys(value)) {
      if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
      out.push(key, serialize(value[key], memory));
    }
  }

  function deserialize(record, memory) {
    if (record === null || typeof record !== 'object') return record;
    let out = memory.get(record);
    if (out !== undefined) return out;
    switch (record.t) {
      case 'Boolean': case 'Number': case 'BigInt': case 'String':
        out = Object(record.v);
        break;
      case 'Date':
        out = new Date(record.v);
        break;
      case 'RegExp':
        out = new RegExp(record.source, record.flags);
        break;
      case 'ArrayBuffer':
        if (record.transferred !== undefined) {
          out = record.transferred;
        } else if (record.max !== undefined) {
          out = new ArrayBuffer(record.data.byteLength, { maxByteLength: record.max });
          new Uint8Array(out).set(new Uint8Array(record.data));
        } else {
          out = record.data;
        }
        break;
      case 'Shared':
        out = record.v;
        break;
      case 'View': {
        const buffer = deserialize(record.buffer, memory);
        const Ctor = record.ctor === 'DataView' ? DataView : VIEW_TYPES[record.ctor];
        out = new Ctor(buffer, record.offset, record.length);
        break;
      }
      case 'Map':
        out = new Map();
        memory.set(record, out);
        for (let i = 0; i < record.entries.length; i += 2) {
          out.set(deserialize(record.entries[i], memory), deserialize(record.entries[i + 1], memory));
        }
        return out;
      case 'Set':
        out = new Set();
        memory.set(record, out);
        for (const v of record.values) out.add(deserialize(v, memory));
        return out;
      case 'DOMException':
        out = new DOMException(record.message, record.name);
        memory.set(record, out);
        if (record.stack !== undefined) {
          Object.defineProperty(out, 'stack', { value: deserialize(record.stack, memory), writable: true, enumerable: false, configurable: true });
        }
        return out;
      case 'Error': {
        out = Object.create(ERROR_TYPES[record.name].prototype);
        memory.set(record, out);
        const { props } = record;
        for (let i = 0; i < props.length; i += 2) {
          Object.defineProperty(out, props[i], { value: deserialize(props[i + 1], memory), writable: true, enumerable: false, configurable: true });
        }
        return out;
      }
      case 'Array':
        out = new Array(record.length);
        memory.set(record, out);
        deserializeProperties(out, record.props, memory);
        return out;
      case 'Object':
        out = {};
        memory.set(record, out);
        deserializeProperties(out, record.props, memory);
        return out;
      case 'Blob':
        out = blobInternals().fromBytes(record.bytes, record.type);
        break;
      case 'File':
        out = blobInternals().fileFromBytes(record.bytes, record.name, record.type, record.lastModified);
        break;
      default:
        throw new Error(`structuredClone: unknown record ${record.t}`);
    }
    memory.set(record, out);
    return out;
  }

  function deserializeProperties(out, props, memory) {
    for (let i = 0; i < props.length; i += 2) {
      // A key such as "__proto__" becomes an own property, as CreateDataProperty makes it.
      Object.defineProperty(out, props[i], { value: deserialize(props[i + 1], memory), writable: true, enumerable: true, configurable: true });
    }
  }

  /** Detaches `buffer` and returns a new ArrayBuffer holding its bytes. */
  const transferBuffer = abTransfer
    ? (buffer) => Reflect.apply(abTransfer, buffer, [])
    : (buffer) => {
      // Without ArrayBuffer.prototype.transfer (not on JSC 2.50, which has it): the only
      // way left to detach is a transferring postMessage, which the platform lacks.
      throw new DOMException('ArrayBuffer transfer is not supported by this engine', 'DataCloneError');
    };

  function structuredClone(value, options = undefined) {
    if (arguments.length === 0) throw new TypeError('The value argument must be specified');
    let transfer = [];
    if (options !== undefined && options !== null) {
      if (typeof options !== 'object' && typeof options !== 'function') {
        throw new TypeError("Failed to execute 'structuredClone': The provided value is not of type 'StructuredSerializeOptions'.");
      }
      const list = options.transfer;
      if (list !== undefined) {
        if (list === null || typeof list !== 'object' || typeof list[Symbol.iterator] !== 'function') {
          throw new TypeError('Optional transferList argument must be an iterable');
        }
        transfer = [...list];
        for (const item of transfer) {
          if (item === null || (typeof item !== 'object' && typeof item !== 'function')) {
            throw new TypeError('Transfer list items must be objects');
          }
        }
      }
    }
    const memory = new Map();
    const transferred = [];
    for (const item of transfer) {
      if (memory.has(item)) throw dataCloneError('Transfer list contains duplicate ArrayBuffer');
      if (!isArrayBuffer(item)) throw dataCloneError(`${notCloneable(item).message.replace(' could not be cloned.', '')} is not transferable.`);
      if (abDetached && abDetached.call(item)) throw dataCloneError('An ArrayBuffer is detached and could not be cloned.');
      const record = { t: 'ArrayBuffer', transferred: undefined };
      memory.set(item, record);
      transferred.push([item, record]);
    }
    const serialized = serialize(value, memory);
    for (const [buffer, record] of transferred) record.transferred = transferBuffer(buffer);
    return deserialize(serialized, new Map());
  }

  if (internal !== undefined) internal.isDOMException = isDOMException;

  for (const [name, value] of [['DOMException', DOMException], ['structuredClone', structuredClone]]) {
    Object.defineProperty(globalThis, name, { value, writable: true, enumerable: false, configurable: true });
  }
})();
