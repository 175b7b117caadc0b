// placeholder
(() => {
  'use strict';
  test('smoke buffer', () => { assert.ok(globalThis[Symbol.for('ferroute.internal')].platformModules.buffer()); });
})();
