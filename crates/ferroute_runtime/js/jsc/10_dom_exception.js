// 10_dom_exception.js — `DOMException` (WebIDL) and `structuredClone` (HTML), for the JSC
// engine, whose C API brings only the ECMAScript core. On QuickJS both come from llrt.
//
// Sits on nothing but the language: loaded first of js/jsc/*.js, because the encoding and
// console files throw DOMExceptions. Blob and File are cloned through `internal.blob`
// (11_blob.js) once that file is in; before that no Blob can exist.
//
// structuredClone follows HTML's StructuredSerializeWithTransfer and
// StructuredDeserializeWithTransfer in one pass: each object met is copied once (a memory map
// from original to copy), so cycles, shared references and views sharing a buffer survive.
// Buffers of the transfer list are detached once the copy succeeded.
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
  const getter = (proto, key) => Object.getOwnPropertyDescriptor(proto, key)?.get;
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
  const hasRegExpSource = branded(regexpSource);
  // The `source` getter also answers for RegExp.prototype itself, which is no RegExp.
  const isRegExp = (v) => v !== RegExp.prototype && hasRegExpSource(v);
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

  // ---- what an object is
  // The kind of an object comes from the first intrinsic prototype on its chain (cached per
  // prototype), confirmed by the internal slot that kind has: a confirmation that succeeds
  // throws nothing, so the common objects cost no exception. When the confirmation fails (a
  // prototype swapped for another), every brand check is tried in turn.
  const KINDS = new Map();
  const kindOfProto = (ctor, kind) => {
    if (typeof ctor === 'function' && ctor.prototype) KINDS.set(ctor.prototype, kind);
  };
  kindOfProto(Object, 'Object');
  kindOfProto(Array, 'Array');
  for (const name of ['Boolean', 'Number', 'String', 'BigInt', 'Symbol', 'Date', 'RegExp', 'Map', 'Set', 'ArrayBuffer', 'DataView']) {
    kindOfProto(globalThis[name], name);
  }
  kindOfProto(Shared, 'Shared');
  KINDS.set(TypedArray.prototype, 'TypedArray');
  for (const Ctor of Object.values(VIEW_TYPES)) kindOfProto(Ctor, 'TypedArray');
  for (const Ctor of [...Object.values(ERROR_TYPES), globalThis.AggregateError]) kindOfProto(Ctor, 'Error');
  kindOfProto(DOMException, 'DOMException');
  // Objects with internal slots HTML does not serialize.
  for (const name of ['Promise', 'WeakMap', 'WeakSet', 'WeakRef', 'FinalizationRegistry']) kindOfProto(globalThis[name], 'Refused');
  const refuseProto = (proto) => {
    if (proto !== null && proto !== Object.prototype && !KINDS.has(proto)) KINDS.set(proto, 'Refused');
  };
  refuseProto(Object.getPrototypeOf(function* generator() {}).prototype);
  refuseProto(Object.getPrototypeOf(async function* asyncGenerator() {}).prototype);
  refuseProto(Object.getPrototypeOf(new Map().entries()));
  refuseProto(Object.getPrototypeOf(new Set().values()));
  refuseProto(Object.getPrototypeOf([].values()));
  refuseProto(Object.getPrototypeOf(''[Symbol.iterator]()));
  refuseProto(Object.getPrototypeOf(/x/[Symbol.matchAll](''))); // RegExp String Iterator
  if (typeof Intl === 'object' && Intl !== null) {
    for (const name of Object.getOwnPropertyNames(Intl)) kindOfProto(Intl[name], 'Refused');
  }

  const BUILTIN_TAGS = new Set(['[object Array]', '[object Error]', '[object Boolean]', '[object Number]', '[object String]', '[object Date]', '[object RegExp]', '[object Arguments]']);
  const CONFIRM = {
    Object: (v) => !BUILTIN_TAGS.has(objectToString.call(v)),
    Array: (v) => Array.isArray(v),
    Boolean: isBoolean,
    Number: isNumber,
    String: isString,
    BigInt: isBigInt,
    Symbol: isSymbol,
    Date: isDate,
    RegExp: isRegExp,
    Map: isMap,
    Set: isSet,
    ArrayBuffer: isArrayBuffer,
    Shared: isShared,
    DataView: isDataView,
    TypedArray: (v) => ArrayBuffer.isView(v) && typedArrayName(v) !== undefined,
    Error: (v) => isError(v),
    DOMException: (v) => isDOMException(v),
    Refused: () => true,
  };

  /** Each brand check in turn (an object whose prototype does not say what it is). */
  function kindBySlots(value) {
    if (Array.isArray(value)) return 'Array';
    if (ArrayBuffer.isView(value)) return typedArrayName(value) !== undefined ? 'TypedArray' : 'DataView';
    if (isDOMException(value)) return 'DOMException';
    if (isError(value)) return 'Error';
    for (const kind of ['Boolean', 'Number', 'String', 'BigInt', 'Symbol', 'Date', 'RegExp', 'Map', 'Set', 'ArrayBuffer', 'Shared']) {
      if (CONFIRM[kind](value)) return kind;
    }
    if (isWeakMap(value) || isWeakSet(value) || isWeakRef(value) || isRegistry(value) || value instanceof Promise) return 'Refused';
    return 'Object';
  }

  const kindCache = new WeakMap();
  function kindOf(value) {
    const proto = Object.getPrototypeOf(value);
    let kind = proto === null ? 'Object' : kindCache.get(proto);
    if (kind === undefined) {
      kind = 'Object';
      for (let p = proto; p !== null; p = Object.getPrototypeOf(p)) {
        const k = KINDS.get(p);
        if (k !== undefined) {
          kind = k;
          break;
        }
      }
      kindCache.set(proto, kind);
    }
    return CONFIRM[kind](value) ? kind : kindBySlots(value);
  }

  // ---- cloning
  // One pass: HTML serializes the whole value before it makes the copy, but without a
  // transfer list nothing of that order can be observed, and the transfer list is honoured
  // after the copy (below).
  const data = (value) => ({ value, writable: true, enumerable: false, configurable: true });

  function clone(value, memory) {
    const type = typeof value;
    if (value === null || (type !== 'object' && type !== 'function')) {
      if (type === 'symbol') throw notCloneable(value);
      return value;
    }
    let out = memory.get(value);
    if (out !== undefined) return out;
    if (type === 'function') throw notCloneable(value);
    switch (kindOf(value)) {
      case 'Object': {
        const blobs = blobInternals();
        if (blobs !== undefined && blobs.isBlob(value)) {
          const bytes = blobs.bytes(value);
          out = blobs.isFile(value)
            ? blobs.fileFromBytes(bytes, value.name, value.type, value.lastModified)
            : blobs.fromBytes(bytes, value.type);
          break;
        }
        out = {};
        memory.set(value, out);
        cloneProperties(value, out, memory);
        return out;
      }
      case 'Array':
        out = new Array(value.length);
        memory.set(value, out);
        cloneProperties(value, out, memory);
        return out;
      case 'Boolean':
        out = Object(Boolean.prototype.valueOf.call(value));
        break;
      case 'Number':
        out = Object(Number.prototype.valueOf.call(value));
        break;
      case 'BigInt':
        out = Object(BigInt.prototype.valueOf.call(value));
        break;
      case 'String':
        out = Object(String.prototype.valueOf.call(value));
        break;
      case 'Date':
        out = new Date(dateTime(value));
        break;
      case 'RegExp':
        out = new RegExp(regexpSource(value), regexpFlags(value));
        break;
      case 'ArrayBuffer':
        if (abDetached && abDetached.call(value)) throw dataCloneError('An ArrayBuffer is detached and could not be cloned.');
        if (abResizable && abResizable.call(value)) {
          out = new ArrayBuffer(abByteLength(value), { maxByteLength: abMaxByteLength.call(value) });
          new Uint8Array(out).set(new Uint8Array(value));
        } else {
          out = abSlice(value, 0);
        }
        break;
      case 'Shared':
        // One agent: the clone is the same shared memory (the same object).
        out = value;
        break;
      case 'TypedArray': {
        const buffer = clone(taBuffer(value), memory);
        out = new VIEW_TYPES[typedArrayName(value)](buffer, taByteOffset(value), taLength(value));
        break;
      }
      case 'DataView': {
        const buffer = clone(dvBuffer(value), memory);
        out = new DataView(buffer, dvByteOffset(value), dvByteLength(value));
        break;
      }
      case 'Map': {
        out = new Map();
        memory.set(value, out);
        const copied = [...mapEntries(value)];
        for (const [k, v] of copied) out.set(clone(k, memory), clone(v, memory));
        return out;
      }
      case 'Set': {
        out = new Set();
        memory.set(value, out);
        const copied = [...setValues(value)];
        for (const v of copied) out.add(clone(v, memory));
        return out;
      }
      case 'DOMException': {
        out = new DOMException(value.message, value.name);
        memory.set(value, out);
        const stack = Object.getOwnPropertyDescriptor(value, 'stack');
        if (stack && 'value' in stack) Object.defineProperty(out, 'stack', data(clone(stack.value, memory)));
        return out;
      }
      case 'Error': {
        const name = value.name;
        out = Object.create(ERROR_TYPES[Object.prototype.hasOwnProperty.call(ERROR_TYPES, name) ? name : 'Error'].prototype);
        memory.set(value, out);
        for (const key of ['message', 'stack', 'cause']) {
          const desc = Object.getOwnPropertyDescriptor(value, key);
          if (desc && 'value' in desc) {
            Object.defineProperty(out, key, data(key === 'message' ? String(desc.value) : clone(desc.value, memory)));
          }
        }
        return out;
      }
      default: // Symbol (boxed) and Refused
        throw notCloneable(value);
    }
    memory.set(value, out);
    return out;
  }

  /** Own enumerable string keys, read with Get, written as data properties. */
  function cloneProperties(value, out, memory) {
    for (const key of Object.keys(value)) {
      if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
      const v = clone(value[key], memory);
      // "__proto__" becomes an own property, as CreateDataProperty makes it.
      if (key === '__proto__') Object.defineProperty(out, key, { value: v, writable: true, enumerable: true, configurable: true });
      else out[key] = v;
    }
  }

  /** Detaches `buffer` (its bytes were copied into the clone). */
  const detach = abTransfer
    ? (buffer) => Reflect.apply(abTransfer, buffer, [0])
    : () => {
      // Engines without ArrayBuffer.prototype.transfer (JSC 2.50 has it) cannot detach.
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
    const listed = new Set();
    for (const item of transfer) {
      if (listed.has(item)) throw dataCloneError('Transfer list contains duplicate ArrayBuffer');
      if (!isArrayBuffer(item)) throw dataCloneError(`${notCloneable(item).message.replace(' could not be cloned.', '')} is not transferable.`);
      if (abDetached && abDetached.call(item)) throw dataCloneError('An ArrayBuffer is detached and could not be cloned.');
      listed.add(item);
    }
    // A transferred buffer is copied like the others, then detached: the clone holds the
    // bytes in a new ArrayBuffer and the original is empty, as a transfer leaves them. An
    // error while copying detaches nothing.
    const result = clone(value, new Map());
    for (const buffer of listed) detach(buffer);
    return result;
  }

  for (const [name, value] of [['DOMException', DOMException], ['structuredClone', structuredClone]]) {
    Object.defineProperty(globalThis, name, { value, writable: true, enumerable: false, configurable: true });
  }
})();
