// `Intl`, which QuickJS does not have (JavaScriptCore has ICU's, and skips this file): a lazy global whose first read evaluates 60_intl.js
// (English-only; see there), and the locale-sensitive methods of Date, Number, BigInt and
// String, which QuickJS implements ignoring their locales and options: they go through the
// same code, loaded on their first call.
(() => {
  'use strict';
  const internal = globalThis[Symbol.for('ferroute.internal')];
  // JavaScriptCore brings ICU's Intl and locale-aware methods.
  if (internal.config.engine === 'jsc') return;
  let hooks;
  const load = () => {
    if (hooks === undefined) {
      internal.native.loadLazy('60_intl.js');
      hooks = internal.intlHooks;
    }
    return hooks;
  };
  const define = (value) =>
    Object.defineProperty(globalThis, 'Intl', { value, writable: true, enumerable: false, configurable: true });
  Object.defineProperty(globalThis, 'Intl', {
    get() {
      load();
      define(internal.intl);
      return internal.intl;
    },
    set(value) {
      define(value);
    },
    enumerable: false,
    configurable: true,
  });

  const method = (proto, name, fn) =>
    Object.defineProperty(proto, name, { value: fn, writable: true, enumerable: false, configurable: true });
  const dateValue = Date.prototype.getTime;
  const numberValue = Number.prototype.valueOf;
  const bigintValue = BigInt.prototype.valueOf;
  // Shorthand methods have no `prototype` and cannot be constructed, like the built-ins.
  const methods = {
    toLocaleString(locales, options) {
      return load().dateToLocale(dateValue.call(this), locales, options, 'any', 'all');
    },
    toLocaleDateString(locales, options) {
      return load().dateToLocale(dateValue.call(this), locales, options, 'date', 'date');
    },
    toLocaleTimeString(locales, options) {
      return load().dateToLocale(dateValue.call(this), locales, options, 'time', 'time');
    },
  };
  for (const name of Object.keys(methods)) method(Date.prototype, name, methods[name]);
  method(Number.prototype, 'toLocaleString', {
    toLocaleString(locales, options) {
      return load().numberToLocale(numberValue.call(this), locales, options);
    },
  }.toLocaleString);
  method(BigInt.prototype, 'toLocaleString', {
    toLocaleString(locales, options) {
      return load().numberToLocale(bigintValue.call(this), locales, options);
    },
  }.toLocaleString);
  method(String.prototype, 'localeCompare', {
    localeCompare(that, locales, options) {
      if (this === null || this === undefined) throw new TypeError('String.prototype.localeCompare called on null or undefined');
      return load().localeCompare(String(this), String(that), locales, options);
    },
  }.localeCompare);
})();
