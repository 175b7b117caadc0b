// Tests of DOMException (js/jsc/10_dom_exception.js); they also run on Node 20 (node-run.js).
(() => {
  'use strict';

  const LEGACY = [
    ['IndexSizeError', 1, 'INDEX_SIZE_ERR'], ['HierarchyRequestError', 3, 'HIERARCHY_REQUEST_ERR'],
    ['WrongDocumentError', 4, 'WRONG_DOCUMENT_ERR'], ['InvalidCharacterError', 5, 'INVALID_CHARACTER_ERR'],
    ['NoModificationAllowedError', 7, 'NO_MODIFICATION_ALLOWED_ERR'], ['NotFoundError', 8, 'NOT_FOUND_ERR'],
    ['NotSupportedError', 9, 'NOT_SUPPORTED_ERR'], ['InUseAttributeError', 10, 'INUSE_ATTRIBUTE_ERR'],
    ['InvalidStateError', 11, 'INVALID_STATE_ERR'], ['SyntaxError', 12, 'SYNTAX_ERR'],
    ['InvalidModificationError', 13, 'INVALID_MODIFICATION_ERR'], ['NamespaceError', 14, 'NAMESPACE_ERR'],
    ['InvalidAccessError', 15, 'INVALID_ACCESS_ERR'], ['TypeMismatchError', 17, 'TYPE_MISMATCH_ERR'],
    ['SecurityError', 18, 'SECURITY_ERR'], ['NetworkError', 19, 'NETWORK_ERR'], ['AbortError', 20, 'ABORT_ERR'],
    ['URLMismatchError', 21, 'URL_MISMATCH_ERR'], ['QuotaExceededError', 22, 'QUOTA_EXCEEDED_ERR'],
    ['TimeoutError', 23, 'TIMEOUT_ERR'], ['InvalidNodeTypeError', 24, 'INVALID_NODE_TYPE_ERR'],
    ['DataCloneError', 25, 'DATA_CLONE_ERR'],
  ];
  const CODELESS = ['EncodingError', 'NotReadableError', 'UnknownError', 'ConstraintError', 'DataError',
    'TransactionInactiveError', 'ReadOnlyError', 'VersionError', 'OperationError', 'NotAllowedError', 'OptOutError'];

  test('DOMException has every legacy code, name and constant', () => {
    for (const [name, code, constant] of LEGACY) {
      const e = new DOMException('m', name);
      assert.equal(e.code, code, name);
      assert.equal(e.name, name);
      assert.equal(DOMException[constant], code, constant);
      assert.equal(DOMException.prototype[constant], code, constant);
      const desc = Object.getOwnPropertyDescriptor(DOMException, constant);
      assert.ok(!desc.writable && desc.enumerable && !desc.configurable, `${constant} is a WebIDL constant`);
    }
    assert.equal(DOMException.DOMSTRING_SIZE_ERR, 2);
    assert.equal(DOMException.NO_DATA_ALLOWED_ERR, 6);
    assert.equal(DOMException.VALIDATION_ERR, 16);
    for (const name of CODELESS) assert.equal(new DOMException('m', name).code, 0, name);
    assert.equal(new DOMException('m', 'SomethingElse').code, 0);
    assert.equal(new DOMException('m', 'abortError').code, 0, 'names are case-sensitive');
  });

  test('DOMException defaults, conversions and the options bag', () => {
    const e = new DOMException();
    assert.equal(e.name, 'Error');
    assert.equal(e.message, '');
    assert.equal(e.code, 0);
    const u = new DOMException(undefined, undefined);
    assert.equal(u.name, 'Error');
    assert.equal(u.message, '');
    const n = new DOMException(null, null);
    assert.equal(n.message, 'null');
    assert.equal(n.name, 'null', 'null is a name (as Node 20 has it), not an options bag');
    assert.equal(new DOMException(42, 'AbortError').message, '42');
    const withCause = new DOMException('m', { name: 'DataError', cause: 5 });
    assert.equal(withCause.name, 'DataError');
    assert.equal(withCause.cause, 5);
    assert.ok(!Object.prototype.propertyIsEnumerable.call(withCause, 'cause'));
    // Node 20 gives the name `undefined` here; the options' name defaults to "Error".
    if (globalThis.__engine !== 'node') assert.equal(new DOMException('m', {}).name, 'Error');
    assert.ok(!('cause' in new DOMException('m', { name: 'X' })));
    assert.throws(() => new DOMException(Symbol('s')), TypeError);
    assert.throws(() => DOMException('m'), TypeError);
  });

  test('DOMException is an Error with a stack and WebIDL attributes', () => {
    const e = new DOMException('went wrong', 'AbortError');
    assert.ok(e instanceof DOMException);
    assert.ok(e instanceof Error);
    assert.equal(Object.getPrototypeOf(DOMException.prototype), Error.prototype);
    assert.equal(typeof e.stack, 'string');
    assert.ok(e.stack.length > 0);
    assert.equal(String(e), 'AbortError: went wrong');
    assert.equal(Object.prototype.toString.call(e), '[object DOMException]');
    assert.ok(!Object.prototype.hasOwnProperty.call(e, 'message'), 'message is an attribute');
    assert.ok(!Object.prototype.hasOwnProperty.call(e, 'name'));
    for (const key of ['name', 'message', 'code']) {
      const desc = Object.getOwnPropertyDescriptor(DOMException.prototype, key);
      assert.equal(typeof desc.get, 'function', key);
      assert.ok(desc.enumerable && desc.configurable, key);
      assert.throws(() => desc.get.call({}), TypeError);
    }
    assert.throws(() => DOMException.prototype.name, TypeError);
    assert.equal(DOMException.length, 0);
    assert.equal(DOMException.name, 'DOMException');
    class Sub extends DOMException {
      constructor() {
        super('sub', 'NotFoundError');
      }
    }
    const s = new Sub();
    assert.ok(s instanceof Sub && s instanceof DOMException);
    assert.equal(s.code, 8);
  });

  test('DOMException thrown and caught keeps its fields', () => {
    try {
      throw new DOMException('late', 'TimeoutError');
    } catch (e) {
      assert.equal(`${e.name}|${e.message}|${e.code}`, 'TimeoutError|late|23');
    }
  });
})();
