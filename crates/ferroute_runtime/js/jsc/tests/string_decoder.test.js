// placeholder
(() => {
  'use strict';
  test('smoke string_decoder', () => { assert.ok(globalThis[Symbol.for('ferroute.internal')].platformModules.string_decoder()); });
})();
