// placeholder
(() => {
  'use strict';
  test('smoke path', () => { assert.ok(globalThis[Symbol.for('ferroute.internal')].platformModules.path()); });
})();
